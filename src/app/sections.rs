//! The editor's sections other than the running text: general information
//! and period, the figures with their derived ratios, the appendix table
//! (drawn from the catalog by one loop) and the signature and recipients.

use std::sync::Arc;

use leptos::prelude::*;

use super::fields::{self, field, input, select, Label, ListAccess, Look};
use super::Editor;
use cchc_core::appendix;
use cchc_core::catalog::{self, Indicator, Source, ValueKind, GROUPS};
use cchc_core::entry;
use cchc_core::figures::{self, FigureField, FigureKind, DERIVED_RATIOS, FIGURE_GROUPS};
use cchc_core::period::ReportKind;
use cchc_core::report::{
    AppendixEntry, CellValue, Period, Report, StaffGroup, TitleCount, UnitKind,
};
use cchc_core::rules::{appendix_note_path, appendix_value_path};
use cchc_core::text::Text;
use cchc_core::vi;

/// A field bound to a place in the report: `bound!(editor, "header.place",
/// "Địa danh", Line, header.place)`.
macro_rules! bound {
    ($editor:expr, $path:literal, $label:expr, $look:ident, $($field:ident).+) => {
        field(
            $editor,
            $path.to_owned(),
            $label.to_owned(),
            Look::$look,
            |report: &Report| report.$($field).+.clone(),
            |report: &mut Report, value| report.$($field).+ = value,
        )
    };
}

/// A titled card of the editor, a target of the contents links.
fn card(id: &'static str, title: &'static str, body: impl IntoView) -> impl IntoView {
    let heading = format!("h-{id}");
    let labelled_by = heading.clone();
    view! {
        <section id=id class="card" aria-labelledby=labelled_by>
            <h2 id=heading>{title}</h2>
            {body}
        </section>
    }
}

pub fn header_and_period(editor: Editor) -> impl IntoView {
    let report = editor.doc.with_untracked(|doc| doc.report.clone());
    let unit_kinds = UnitKind::ALL
        .iter()
        .enumerate()
        .map(|(index, kind)| (index.to_string(), vi::capitalize_first(kind.noun())))
        .collect();
    let unit_kind = UnitKind::ALL
        .iter()
        .position(|kind| *kind == report.header.unit.kind)
        .unwrap_or(0)
        .to_string();
    let report_kinds = ReportKind::ALL
        .iter()
        .enumerate()
        .map(|(index, kind)| (index.to_string(), kind.label().to_owned()))
        .collect();
    let report_kind = ReportKind::ALL
        .iter()
        .position(|kind| *kind == report.period.kind)
        .unwrap_or(0)
        .to_string();
    // The period's dates follow its kind and year: drawn anew when they change.
    let kind_and_year = Memo::new(move |_| {
        editor.doc.with(|doc| {
            let period = &doc.report.period;
            let kind = ReportKind::ALL.iter().position(|kind| *kind == period.kind);
            (kind.unwrap_or(0) as u64) << 32 | u64::from(period.year as u32)
        })
    });
    let legal = move || {
        editor.doc.with(|doc| {
            let period = &doc.report.period;
            match (period.legal_dates(), period.due_date()) {
                (Some(dates), Some(due)) => format!(
                    "Theo quy định: số liệu từ ngày {} đến ngày {}; hạn gửi báo cáo ngày {}.",
                    vi::format_date(dates.from),
                    vi::format_date(dates.to),
                    vi::format_date(due)
                ),
                _ => String::new(),
            }
        })
    };
    let reset_period = move |_| {
        editor.restructure(Some(fields::field_id("period.from")), |doc| {
            let period = &mut doc.report.period;
            *period = Period::legal(period.kind, period.year);
            doc.pending.remove("period.from");
            doc.pending.remove("period.to");
        });
    };
    let body = view! {
        <div class="grid">
            {bound!(editor, "header.parent_agency", "Cơ quan cấp trên (nếu có)", Line, header.parent_agency)}
            {bound!(editor, "header.issuing_agency", "Cơ quan ban hành", Line, header.issuing_agency)}
            {select(
                editor,
                "header.unit.kind".to_owned(),
                Label::Text("Loại đơn vị".to_owned()),
                None,
                unit_kinds,
                unit_kind,
                Box::new(|report, chosen| {
                    if let Some(kind) = chosen.parse::<usize>().ok().and_then(|i| UnitKind::ALL.get(i)) {
                        report.header.unit.kind = *kind;
                    }
                }),
            )}
            {bound!(editor, "header.unit.name", "Tên đơn vị (không gồm chữ xã, phường)", Line, header.unit.name)}
            {bound!(editor, "header.number", "Số văn bản", Number, header.number)}
            {bound!(editor, "header.symbol", "Ký hiệu", Line, header.symbol)}
            {bound!(editor, "header.place", "Địa danh (ở dòng ngày tháng)", Line, header.place)}
            {bound!(editor, "header.date", "Ngày ban hành", Date, header.date)}
        </div>
        <h3>"Kỳ báo cáo"</h3>
        <div class="grid">
            {select(
                editor,
                "period.kind".to_owned(),
                Label::Text("Loại báo cáo".to_owned()),
                None,
                report_kinds,
                report_kind,
                Box::new(|report, chosen| {
                    if let Some(kind) = chosen.parse::<usize>().ok().and_then(|i| ReportKind::ALL.get(i)) {
                        report.period = Period::legal(*kind, report.period.year);
                    }
                }),
            )}
            {field(
                editor,
                "period.year".to_owned(),
                "Năm".to_owned(),
                Look::Number,
                |report: &Report| report.period.year,
                |report: &mut Report, year| report.period = Period::legal(report.period.kind, year),
            )}
            {super::redrawn_on(
                move || kind_and_year.get(),
                move || {
                    view! {
                        {bound!(editor, "period.from", "Số liệu từ ngày", Date, period.from)}
                        {bound!(editor, "period.to", "đến ngày", Date, period.to)}
                    }
                    .into_any()
                },
            )}
        </div>
        <p class="hint">
            <output data-derived="period.legal">{legal}</output>
            " "
            <button type="button" on:click=reset_period>"Đặt lại kỳ theo quy định"</button>
        </p>
    };
    card("thong-tin-chung", "Thông tin chung", body)
}

/// The input of one numeric figure.
fn figure_input(editor: Editor, figure: &'static FigureField) -> AnyView {
    let label = match figure.kind {
        FigureKind::Money => format!("{} (đồng)", figure.label),
        FigureKind::Count => figure.label.to_owned(),
    };
    let input = field(
        editor,
        figure.path.to_owned(),
        label,
        Look::Number,
        move |report: &Report| (figure.get)(&report.figures),
        move |report: &mut Report, value| (figure.set)(&mut report.figures, value),
    );
    let compared = move || {
        let previous = editor
            .previous
            .with(|previous| previous.as_ref().and_then(|p| (figure.get)(p)));
        let current = editor.doc.with(|doc| (figure.get)(&doc.report.figures));
        cchc_core::next_period::compared_with_previous(previous, current)
    };
    let has_previous = move || editor.previous.with(Option::is_some);
    view! {
        <div class="figure">
            {input}
            <Show when=has_previous>
                <p class="previous" data-previous=figure.path>{compared}</p>
            </Show>
        </div>
    }
    .into_any()
}

/// A value derived from the figures, shown live beside them.
fn derived(
    label: String,
    key: String,
    value: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let id = format!("d-{}", key.replace('.', "-"));
    view! {
        <p class="derived">
            <span id=id.clone()>{label}": "</span>
            <output data-derived=key aria-labelledby=id>{value}</output>
        </p>
    }
}

fn staff_group(
    editor: Editor,
    title: &'static str,
    prefix: &'static str,
    group_fields: &'static [FigureField],
    group: StaffGroup,
    access: fn(&mut Report) -> &mut StaffGroup,
) -> impl IntoView {
    let titles_prefix = format!("{prefix}.titles");
    let list: ListAccess<TitleCount> = Arc::new(move |report| Some(&mut access(report).titles));
    let len = group.titles.len();
    let rows = group
        .titles
        .iter()
        .enumerate()
        .map(|(index, title_count)| {
            let count = title_count.count;
            let name = title_count.title.clone();
            view! {
                <li class="list-item title-count">
                    {field(
                        editor,
                        format!("{titles_prefix}.{index}.count"),
                        format!("Số người, chức danh {}", index + 1),
                        Look::Number,
                        move |_: &Report| count,
                        move |report: &mut Report, value| {
                            if let Some(item) = access(report).titles.get_mut(index) {
                                item.count = value;
                            }
                        },
                    )}
                    {field(
                        editor,
                        format!("{titles_prefix}.{index}.title"),
                        format!("Tên chức danh {}", index + 1),
                        Look::Line,
                        move |_: &Report| name.clone(),
                        move |report: &mut Report, value| {
                            if let Some(item) = access(report).titles.get_mut(index) {
                                item.title = value;
                            }
                        },
                    )}
                    {fields::item_buttons(
                        editor,
                        titles_prefix.clone(),
                        index,
                        len,
                        format!("chức danh {}", index + 1),
                        list.clone(),
                    )}
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset class="staff-group">
            <legend>{title}</legend>
            <div class="grid">
                {group_fields.iter().map(|figure| figure_input(editor, figure)).collect_view()}
            </div>
            <h4>"Theo chức danh"</h4>
            <ol class="text-list">{rows}</ol>
            {fields::add_button(
                editor,
                titles_prefix.clone(),
                len,
                "Thêm chức danh".to_owned(),
                ".count",
                list,
                TitleCount::default,
            )}
        </fieldset>
    }
}

pub fn figures(editor: Editor) -> impl IntoView {
    let report = editor.doc.with_untracked(|doc| doc.report.clone());
    let groups = FIGURE_GROUPS
        .iter()
        .map(|(key, title)| {
            let inputs = figures::FIGURE_FIELDS
                .iter()
                .filter(|figure| figures::group_of(figure.path) == *key)
                .map(|figure| figure_input(editor, figure))
                .collect_view();
            let plan_reference = (*key == "plan").then(|| {
                view! {
                    {bound!(editor, "figures.plan.number_symbol", "Số, ký hiệu kế hoạch CCHC", Line, figures.plan.number_symbol)}
                    {bound!(editor, "figures.plan.date", "Ngày ban hành kế hoạch", Date, figures.plan.date)}
                }
            });
            let staff = (*key == "staff").then(|| {
                view! {
                    {staff_group(
                        editor,
                        "Cán bộ",
                        "figures.staff.officials",
                        figures::OFFICIALS_FIELDS,
                        report.figures.staff.officials.clone(),
                        |report| &mut report.figures.staff.officials,
                    )}
                    {staff_group(
                        editor,
                        "Công chức",
                        "figures.staff.civil_servants",
                        figures::CIVIL_SERVANTS_FIELDS,
                        report.figures.staff.civil_servants.clone(),
                        |report| &mut report.figures.staff.civil_servants,
                    )}
                }
            });
            let ratios = DERIVED_RATIOS
                .iter()
                .filter(|ratio| figures::group_of(ratio.numerator[0]) == *key)
                .map(|ratio| {
                    derived(ratio.label.to_owned(), ratio.key.to_owned(), move || {
                        editor
                            .doc
                            .with(|doc| ratio.text(&doc.report.figures))
                            .unwrap_or_default()
                    })
                })
                .collect_view();
            view! {
                <fieldset class="figure-group">
                    <legend>{*title}</legend>
                    <div class="grid">{plan_reference}{inputs}</div>
                    {staff}
                    <div class="derived-list">{ratios}</div>
                </fieldset>
            }
        })
        .collect_view();
    card("so-lieu", "Số liệu", groups)
}

/// Writes an appendix row's value or note, dropping rows left empty.
fn set_appendix(report: &mut Report, code: &str, change: impl FnOnce(&mut AppendixEntry)) {
    let entry = report.appendix.entry(code.to_owned()).or_default();
    change(entry);
    if entry.value.is_none() && entry.note.is_blank() {
        report.appendix.remove(code);
    }
}

fn appendix_value(editor: Editor, indicator: &'static Indicator, label_id: &str) -> AnyView {
    let code = indicator.code;
    let path = appendix_value_path(code);
    let label = Label::By(format!("col-value {label_id}"));
    let stored = editor.doc.with_untracked(|doc| {
        doc.report
            .appendix
            .get(code)
            .and_then(|entry| entry.value.clone())
    });
    match indicator.kind {
        ValueKind::Heading => ().into_any(),
        _ if !indicator.is_entered() => {
            let value = move || {
                editor
                    .doc
                    .with(|doc| appendix::cell(&doc.report, indicator).value_text())
            };
            view! {
                <output data-code=code data-derived=path aria-labelledby=format!("col-value {label_id}")>
                    {value}
                </output>
            }
            .into_any()
        }
        ValueKind::Choice(options) => {
            let current = match stored {
                Some(CellValue::Number(number)) => vi::format_decimal(number),
                _ => String::new(),
            };
            let mut choices = vec![(String::new(), "— chưa chọn —".to_owned())];
            choices.extend(options.iter().map(|option| {
                (
                    option.code.to_string(),
                    format!("{} ({})", option.label, option.code),
                )
            }));
            let set = move |report: &mut Report, chosen: &str| {
                let value = vi::parse_decimal(chosen)
                    .ok()
                    .flatten()
                    .map(CellValue::Number);
                set_appendix(report, code, |entry| entry.value = value);
            };
            select(
                editor,
                path,
                label,
                Some(code),
                choices,
                current,
                Box::new(set),
            )
        }
        kind => {
            let look = if kind == ValueKind::Text {
                Look::Line
            } else {
                Look::Number
            };
            input(
                editor,
                path,
                label,
                look,
                entry::show_cell(stored.as_ref()),
                Some(code),
                Box::new(
                    move |report, typed| match entry::parse_cell(indicator, typed) {
                        Some(value) => {
                            set_appendix(report, code, |entry| entry.value = value);
                            true
                        }
                        None => {
                            set_appendix(report, code, |entry| entry.value = None);
                            false
                        }
                    },
                ),
                Box::new(move |typed| {
                    entry::parse_cell(indicator, typed)
                        .map(|value| entry::show_cell(value.as_ref()))
                }),
            )
        }
    }
}

fn appendix_note(editor: Editor, indicator: &'static Indicator, label_id: &str) -> AnyView {
    let code = indicator.code;
    if indicator.kind == ValueKind::Heading {
        return ().into_any();
    }
    let typed = editor.doc.with_untracked(|doc| {
        doc.report
            .appendix
            .get(code)
            .map(|entry| entry.note.to_string())
            .unwrap_or_default()
    });
    let printed = (indicator.source != Source::Entered
        || indicator.note != catalog::NoteSource::Entered)
        .then(|| {
            let note = move || {
                editor
                    .doc
                    .with(|doc| appendix::cell(&doc.report, indicator).note)
            };
            view! {
                <output class="printed-note" data-code=code data-derived=appendix_note_path(code)>
                    {note}
                </output>
            }
        });
    view! {
        {printed}
        {input(
            editor,
            appendix_note_path(code),
            Label::By(format!("col-note {label_id}")),
            Look::Line,
            typed,
            Some(code),
            Box::new(move |report, typed| {
                set_appendix(report, code, |entry| entry.note = Text::new(typed));
                true
            }),
            Box::new(|_| None),
        )}
    }
    .into_any()
}

fn appendix_row(editor: Editor, indicator: &'static Indicator) -> impl IntoView {
    let label_id = format!("a-{}", indicator.code.replace('.', "-"));
    let class = if indicator.is_sub_row() {
        "sub-row"
    } else {
        "row"
    };
    view! {
        <tr class=class data-row=indicator.code>
            <td class="number">{indicator.printed_number()}</td>
            <td id=label_id.clone()>
                {indicator.label}
                <span class="code">" (mã " {indicator.code} ")"</span>
            </td>
            <td>{indicator.unit}</td>
            <td class="value">{appendix_value(editor, indicator, &label_id)}</td>
            <td class="note">{appendix_note(editor, indicator, &label_id)}</td>
        </tr>
    }
}

pub fn appendix(editor: Editor) -> impl IntoView {
    let groups = GROUPS
        .iter()
        .map(|group| {
            view! {
                <tbody>
                    <tr class="group">
                        <th scope="rowgroup" colspan="3">{group.code}". "{group.title}</th>
                        <td colspan="2">{group.compiled_by}</td>
                    </tr>
                    {catalog::group_indicators(group)
                        .map(|indicator| appendix_row(editor, indicator))
                        .collect_view()}
                </tbody>
            }
        })
        .collect_view();
    let body = view! {
        <p class="hint">
            "Ô có nền xám được tính tự động từ phần Số liệu; các ô khác nhập trực tiếp."
        </p>
        <div class="table-scroll">
            <table class="appendix">
                <thead>
                    <tr>
                        <th scope="col">"STT"</th>
                        <th scope="col">"Chỉ tiêu"</th>
                        <th scope="col">"Đơn vị tính"</th>
                        <th scope="col" id="col-value">"Số liệu"</th>
                        <th scope="col" id="col-note">"Ghi chú"</th>
                    </tr>
                </thead>
                {groups}
            </table>
        </div>
    };
    card("phu-luc", "Phụ lục thống kê", body)
}

pub fn closing(editor: Editor) -> impl IntoView {
    let report = editor.doc.with_untracked(|doc| doc.report.clone());
    let lines: ListAccess<Text> = Arc::new(|report| Some(&mut report.recipients.lines));
    let printed = move || {
        editor
            .doc
            .with(|doc| doc.report.recipients.printed_lines().join("\n"))
    };
    let body = view! {
        <h3>"Người ký"</h3>
        <div class="grid">
            {bound!(editor, "signature.authority", "Thẩm quyền ký (TM., KT., ...)", Line, signature.authority)}
            {bound!(editor, "signature.title", "Chức vụ người ký (mỗi dòng một dòng in)", Area, signature.title)}
            {bound!(editor, "signature.name", "Họ và tên người ký", Line, signature.name)}
        </div>
        <h3>"Nơi nhận"</h3>
        {fields::text_list(editor, "recipients.lines", "Nơi nhận", Look::Line, report.recipients.lines, lines)}
        {bound!(editor, "recipients.archive", "Lưu (ví dụ: VT, Vương)", Line, recipients.archive)}
        {fields::messages(fields::issues_here(editor, "recipients.lines"), "recipients-msg".to_owned())}
        <p class="derived">
            <span id="d-recipients">"Sẽ in: "</span>
            <output class="preformatted" data-derived="recipients" aria-labelledby="d-recipients">
                {printed}
            </output>
        </p>
    };
    card("ky-va-noi-nhan", "Chữ ký và nơi nhận", body)
}
