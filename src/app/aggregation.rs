//! The receiving office's page: open many units' JSON files at once and see
//! them added up, indicator by indicator, with every refused or doubtful
//! file named (the sums are decided by [`cchc_core::aggregate`]).
//!
//! The files are only read: nothing here touches the drafts in storage.
//! They are kept, as received, in a database of their own
//! ([`super::kept_files`]), so the page shows them again after the browser
//! is closed; the list of units expected to send is [`super::expected_units`].

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use leptos::prelude::*;

use super::{expected_units, files, kept_files, office, toolbar, Editor, Notice, Screen};
use cchc_core::aggregate::{self, ReceivedFile, Summary, UnitColumn};
use cchc_core::expected;
use cchc_core::vi::group_digits;
use cchc_core::workbook;

/// `Tổng hợp nhiều báo cáo`, in the actions bar.
pub fn open_button(editor: Editor) -> impl IntoView {
    let open = move |_| editor.show(Screen::Aggregate, "tong-hop-quay-lai");
    view! { <button type="button" id="mo-tong-hop" on:click=open>"Tổng hợp nhiều báo cáo"</button> }
}

/// How many files are read at once: enough to keep the reading going,
/// few enough that thousands of picked files never sit in memory together.
const FILES_AT_ONCE: usize = 16;

/// Unit columns drawn at once: the table stays light with 3,000 units; the
/// others are a page or a search away.
const UNITS_PER_PAGE: usize = 10;

/// The progress of reading picked files: `Đang đọc 1.234/3.300 tệp`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reading {
    pub done: usize,
    pub total: usize,
}

/// One pick of files (or the files kept in the browser), read a few at a
/// time.
struct Batch {
    waiting: Vec<web_sys::File>,
    read: Vec<ReceivedFile>,
    /// The files read, to keep in the browser once the totals are shown:
    /// keeping them meanwhile made adding 170 files up a fifth slower.
    keeping: Vec<web_sys::File>,
    total: usize,
    /// The files kept in the browser, read back: not kept again, and not
    /// over a file picked meanwhile (which is at least as new).
    restoring: bool,
}

/// How many files one IndexedDB transaction keeps.
const KEPT_AT_ONCE: usize = 64;

/// Reads every file of `files`, then adds them to the list at once (a file
/// of the same name replaces the one read before): the sums are made once
/// per pick, not once per file, and the progress line moves meanwhile.
pub fn read_all(editor: Editor, files: Option<web_sys::FileList>) {
    let Some(list) = files else {
        return;
    };
    let files = (0..list.length()).filter_map(|i| list.get(i)).collect();
    read_files(editor, files, false);
}

/// Reads `files`, [`FILES_AT_ONCE`] at a time, with the progress line.
fn read_files(editor: Editor, mut waiting: Vec<web_sys::File>, restoring: bool) {
    if waiting.is_empty() {
        return;
    }
    waiting.reverse();
    let total = waiting.len();
    editor.reading.update(|reading| reading.total += total);
    let batch = Rc::new(RefCell::new(Batch {
        waiting,
        read: Vec::with_capacity(total),
        keeping: Vec::new(),
        total,
        restoring,
    }));
    for _ in 0..FILES_AT_ONCE {
        read_next(editor, batch.clone());
    }
}

fn read_next(editor: Editor, batch: Rc<RefCell<Batch>>) {
    let Some(file) = batch.borrow_mut().waiting.pop() else {
        return;
    };
    files::read_file(file.clone(), move |name, bytes| {
        let readable = bytes.is_ok();
        let opened = bytes.and_then(|bytes| files::open_file(editor, &bytes));
        let received = ReceivedFile { opened, name };
        let finished = {
            let mut batch = batch.borrow_mut();
            batch.read.push(received);
            if readable && !batch.restoring {
                batch.keeping.push(file);
            }
            batch.read.len() == batch.total
        };
        editor.reading.update(|reading| reading.done += 1);
        if finished {
            let (read, keeping, restoring) = {
                let mut batch = batch.borrow_mut();
                let batch = &mut *batch;
                (
                    std::mem::take(&mut batch.read),
                    std::mem::take(&mut batch.keeping),
                    batch.restoring,
                )
            };
            add_files(editor, read, restoring);
            all_read(editor);
            // Once the totals are painted.
            request_animation_frame(move || {
                set_timeout(
                    move || {
                        for files in keeping.chunks(KEPT_AT_ONCE) {
                            kept_files::keep(editor, files.to_vec());
                        }
                    },
                    std::time::Duration::ZERO,
                )
            });
        } else {
            read_next(editor, batch);
        }
    });
}

/// Adds `read` to the files received: a file of the same name replaces the
/// one read before, except a kept file read back (`restoring`), which never
/// replaces one picked meanwhile.
fn add_files(editor: Editor, mut read: Vec<ReceivedFile>, restoring: bool) {
    editor.received.update(|all| {
        if restoring {
            let have: HashSet<&str> = all.iter().map(|file| file.name.as_str()).collect();
            read.retain(|file| !have.contains(file.name.as_str()));
        } else {
            let names: HashSet<&str> = read.iter().map(|file| file.name.as_str()).collect();
            all.retain(|file| !names.contains(file.name.as_str()));
        }
        all.extend(read);
    });
}

/// Ends the progress line once every file picked (or kept) is read.
fn all_read(editor: Editor) {
    editor.reading.update(|reading| {
        if reading.done == reading.total {
            *reading = Reading::default();
        }
    });
}

/// Reads back the files kept in the browser, once, when the page is first
/// shown, with the progress line of a pick.
fn restore(editor: Editor) {
    kept_files::read_all(editor, move |kept| {
        editor.kept_sizes.update(|sizes| {
            sizes.extend(kept.iter().map(|file| (file.name(), file.size() as usize)));
        });
        read_files(editor, kept, true);
    });
}

/// `Xóa tệp đã nhận`: asks first, then drops the files from the page and
/// from the browser; when the browser cannot drop them, nothing is dropped.
fn clear(editor: Editor) {
    let asked = web_sys::window()
        .and_then(|window| {
            window
                .confirm_with_message("Xóa tất cả các tệp đã nhận khỏi trang và khỏi bộ nhớ của trình duyệt? Danh sách đơn vị phải gửi vẫn được giữ.")
                .ok()
        })
        .unwrap_or(false);
    if !asked {
        return;
    }
    kept_files::clear(editor, move || {
        editor.received.set(Vec::new());
        editor.kept_sizes.set(Default::default());
        kept_files::say(editor, Notice::info("Đã xóa các tệp đã nhận."));
    });
}

fn notes(summary: &Summary) -> impl IntoView {
    let items = summary
        .notes
        .iter()
        .map(|note| {
            let class = format!("issue {}", note.severity.class());
            view! {
                <li class=class>
                    <strong>{note.label()}" · "{note.file_name.clone()}</strong>": "{note.message.clone()}
                </li>
            }
        })
        .collect_view();
    view! { <ul id="aggregate-notes" class="issues">{items}</ul> }
}

/// A table's column headings.
pub fn column_heads(names: &[&'static str]) -> impl IntoView {
    names
        .iter()
        .map(|name| view! { <th scope="col">{*name}</th> })
        .collect_view()
}

/// The units' values behind one total, and the units without one.
fn breakdown_view(breakdown: &aggregate::Breakdown) -> impl IntoView {
    let values = breakdown
        .values
        .iter()
        .map(|(unit, value)| view! { <li>{format!("{unit}: {value}")}</li> })
        .collect_view();
    let missing = (!breakdown.missing.is_empty()).then(|| {
        view! {
            <p class="missing">
                {format!(
                    "Không có số liệu ({} đơn vị): {}",
                    group_digits(breakdown.missing.len() as u64),
                    breakdown.missing.join(", ")
                )}
            </p>
        }
    });
    view! {
        <div class="breakdown">
            <p>{format!("Số liệu của {} đơn vị:", group_digits(breakdown.values.len() as u64))}</p>
            <ul>{values}</ul>
            {missing}
        </div>
    }
}

/// The total of `row`: a button that opens (and closes) the list of the
/// units' values behind it, drawn only while open.
fn total_cell(
    summary: Memo<Summary>,
    opened: RwSignal<Option<usize>>,
    row: usize,
    total: String,
) -> impl IntoView {
    if total.is_empty() {
        return view! { <td class="total number-cell"></td> }.into_any();
    }
    let open = move || opened.get() == Some(row);
    let toggle = move |_| {
        opened.update(|opened| {
            *opened = if *opened == Some(row) {
                None
            } else {
                Some(row)
            }
        })
    };
    let details = move || {
        open().then(|| summary.with(|summary| breakdown_view(&aggregate::breakdown(summary, row))))
    };
    view! {
        <td class="total number-cell">
            <button
                type="button"
                class="total-button"
                title="Xem số liệu của từng đơn vị"
                aria-expanded=move || open().to_string()
                on:click=toggle
            >
                {total}
            </button>
            {details}
        </td>
    }
    .into_any()
}

/// The appendix added up: the totals, then the units of `columns`.
fn table(
    all: Memo<Summary>,
    opened: RwSignal<Option<usize>>,
    summary: &Summary,
    columns: &[usize],
) -> impl IntoView {
    let units = columns
        .iter()
        .map(|&index| {
            let column = &summary.units[index];
            let title = format!("{} (lần xuất thứ {})", column.file_name, column.revision);
            view! { <th scope="col" title=title>{column.unit.clone()}</th> }
        })
        .collect_view();
    let mut rows = Vec::new();
    let groups = summary
        .template
        .as_ref()
        .map(|t| t.groups.as_slice())
        .unwrap_or_default();
    for group in groups {
        rows.push(
            view! {
                <tr class="group">
                    <th scope="rowgroup">{format!("{}.", group.code)}</th>
                    <td colspan=4 + columns.len()>{group.label.clone()}</td>
                </tr>
            }
            .into_any(),
        );
        for summary_row in &summary.rows[group.rows.clone()] {
            let row = summary.row(summary_row);
            let class = if row.is_sub_row() { "sub-row" } else { "" };
            let values = columns
                .iter()
                .map(|&index| {
                    view! { <td class="number-cell">{summary_row.values[index].clone()}</td> }
                })
                .collect_view();
            rows.push(
                view! {
                    <tr class=class data-code=row.code.clone()>
                        <td>{row.printed_number()}</td>
                        <td>{row.label.clone()}</td>
                        <td>{row.unit.clone()}</td>
                        {total_cell(all, opened, summary_row.row, summary_row.total.clone())}
                        <td class="note">{summary_row.note.clone()}</td>
                        {values}
                    </tr>
                }
                .into_any(),
            );
        }
    }
    view! {
        <div class="table-scroll">
            <table class="appendix aggregate" id="aggregate-table">
                <thead>
                    <tr>
                        {column_heads(&["Stt", "Chỉ tiêu", "Đơn vị tính", "Tổng hợp", "Cách tính, còn thiếu"])}
                        {units}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// `‹ Đơn vị trước` · `Đơn vị 11–20 / 3.300` · `Đơn vị sau ›`, and a search
/// by name: which unit columns the table shows.
fn unit_pages(
    summary: Memo<Summary>,
    query: RwSignal<String>,
    first: RwSignal<usize>,
    matching: Memo<Vec<usize>>,
) -> impl IntoView {
    let count = move || matching.with(Vec::len);
    let searched = move |event: leptos::ev::Event| {
        query.set(event_target_value(&event));
        first.set(0);
    };
    let shown = move || {
        let count = count();
        if count == 0 {
            return "Không có đơn vị nào có tên như vậy.".to_owned();
        }
        let from = first.get() + 1;
        let to = (first.get() + UNITS_PER_PAGE).min(count);
        format!("Đơn vị {from}–{to} / {}", group_digits(count as u64))
    };
    let earlier = move |_| first.update(|first| *first = first.saturating_sub(UNITS_PER_PAGE));
    let later = move |_| first.update(|first| *first += UNITS_PER_PAGE);
    let at_the_end = move || first.get() + UNITS_PER_PAGE >= count();
    view! {
        <div
            class="unit-pages"
            role="group"
            aria-label="Các cột đơn vị"
            hidden=move || summary.with(|s| s.units.len() <= UNITS_PER_PAGE)
        >
            <label>
                "Tìm đơn vị "
                <input type="search" name="aggregate-unit-search" prop:value=query on:input=searched />
            </label>
            <button type="button" on:click=earlier disabled=move || first.get() == 0>
                "‹ Đơn vị trước"
            </button>
            <span id="aggregate-unit-page">{shown}</span>
            <button type="button" on:click=later disabled=at_the_end>
                "Đơn vị sau ›"
            </button>
        </div>
    }
}

pub fn page(editor: Editor) -> impl IntoView {
    let screen = editor.screen;
    let summary = Memo::new(move |_| editor.received.with(|files| aggregate::add_up(files)));
    let query = RwSignal::new(String::new());
    let first = RwSignal::new(0usize);
    let matching = Memo::new(move |_| {
        query.with(|query| summary.with(|summary| aggregate::units_matching(summary, query)))
    });
    // The files kept in the browser are read back when the page is first shown.
    let restored = StoredValue::new(false);
    Effect::new(move |_| {
        if screen.get() == Screen::Aggregate && !restored.get_value() {
            restored.set_value(true);
            restore(editor);
        }
    });
    // A later export of a unit is said to replace the earlier.
    Effect::new(move |before: Option<Vec<UnitColumn>>| {
        let after = summary.with(|summary| summary.units.clone());
        if let Some(before) = before {
            let replaced = aggregate::replacements(&before, &after);
            if !replaced.is_empty() {
                kept_files::say(editor, Notice::info(replaced.join(" ")));
            }
        }
        after
    });
    let kept = move || {
        editor
            .kept_sizes
            .with(|sizes| aggregate::kept_line(sizes.len(), sizes.values().sum()))
    };
    // New files may leave fewer columns than the page started at.
    Effect::new(move |_| {
        let count = matching.with(Vec::len);
        if first.get_untracked() >= count {
            first.set(0);
        }
    });
    let close = move |_| editor.show(Screen::Editor, "mo-tong-hop");
    let picked = move |event: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&event);
        read_all(editor, input.files());
        input.set_value("");
    };
    let download = move |_| {
        summary.with_untracked(|summary| {
            files::download(
                &aggregate::csv_file_name(summary),
                "text/csv;charset=utf-8",
                &aggregate::summary_csv(summary),
            )
        })
    };
    let expected_list = expected_units::kept_list();
    let download_excel = move |_| {
        let expected = expected_list.with_untracked(|text| expected::from_lines(text));
        let request = summary.with_untracked(|summary| {
            office::Request::xlsx(
                &workbook::aggregation(summary, &expected),
                workbook::aggregation_file_name(summary),
            )
        });
        office::write(request);
    };
    let heading = move || {
        summary.with(|summary| match summary.period {
            Some((kind, year)) => format!(
                "Tổng hợp báo cáo CCHC {}: {} đơn vị",
                kind.long_name(year),
                group_digits(summary.units.len() as u64)
            ),
            None => "Tổng hợp báo cáo CCHC".to_owned(),
        })
    };
    let empty = move || summary.with(|summary| summary.units.is_empty());
    let counted = move || editor.received.with(Vec::len);
    let status = move || {
        let reading = editor.reading.get();
        if reading.total > 0 {
            format!(
                "Đang đọc {}/{} tệp…",
                group_digits(reading.done as u64),
                group_digits(reading.total as u64)
            )
        } else {
            format!("Đã chọn {} tệp.", group_digits(counted() as u64))
        }
    };
    let opened = RwSignal::new(None::<usize>);
    let shown_table = move || {
        let first = first.get();
        matching.with(|matching| {
            let columns =
                &matching[first.min(matching.len())..(first + UNITS_PER_PAGE).min(matching.len())];
            summary.with(|current| table(summary, opened, current, columns))
        })
    };
    view! {
        <div id="tong-hop" class="aggregate-view" hidden=move || screen.get() != Screen::Aggregate>
            <div class="print-controls" role="toolbar" aria-label="Tổng hợp">
                <button type="button" id="tong-hop-quay-lai" on:click=close>
                    "← Quay lại soạn thảo"
                </button>
                <label class="file-button">
                    "Chọn các tệp báo cáo"
                    <input
                        type="file"
                        id="aggregate-files"
                        multiple
                        accept=".json,application/json"
                        on:change=picked
                    />
                </label>
                <button type="button" on:click=download disabled=empty>
                    "Tải CSV tổng hợp"
                </button>
                <button type="button" id="tong-hop-tai-excel" on:click=download_excel disabled=empty>
                    "Tải Excel (.xlsx)"
                </button>
                <button
                    type="button"
                    id="xoa-tep-da-nhan"
                    on:click=move |_| clear(editor)
                    disabled=move || counted() == 0
                >
                    "Xóa tệp đã nhận"
                </button>
            </div>
            <section class="aggregate-main" aria-labelledby="aggregate-heading">
                <h2 id="aggregate-heading">{heading}</h2>
                <p class="hint">
                    "Chọn (hoặc kéo thả vào trang) các tệp JSON các đơn vị gửi lên, nhiều tệp một lần. Tệp chỉ được đọc để cộng, không thành bản nháp. Số đếm và tiền được cộng; tỷ lệ được tính lại từ tổng tử số và mẫu số; tỷ lệ do đơn vị tự nhập lấy bình quân; các mức lựa chọn được đếm số đơn vị."
                </p>
                <p id="aggregate-progress" role="status">{status}</p>
                <p id="aggregate-kept">{kept}</p>
                {toolbar::notice_view(editor.aggregate_notice)}
                {expected_units::panel(editor, summary, expected_list)}
                {move || summary.with(notes)}
                {unit_pages(summary, query, first, matching)}
                {shown_table}
            </section>
            {super::combined_report::section(editor, summary)}
        </div>
    }
}
