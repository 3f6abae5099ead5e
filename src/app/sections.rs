//! The editor's cards for what every report has, whatever its template:
//! general information and period (the ND 30 header), and the signature and
//! recipients. A card is a titled section the contents links lead to.

use std::sync::Arc;

use leptos::prelude::*;

use super::fields::{self, enum_select, field, Look};
use super::Editor;
use cchc_core::period::ReportKind;
use cchc_core::report::{Period, Report, Signature, Signer, UnitKind};
use cchc_core::text::Text;
use cchc_core::vi;

/// A field bound to a place in the report, named by that place's path:
/// `bound!(editor, "Địa danh", Line, header.place)` is the input
/// `header.place`.
macro_rules! bound {
    ($editor:expr, $label:expr, $look:ident, $($field:ident).+) => {
        field(
            $editor,
            [$(stringify!($field)),+].join("."),
            $label.to_owned(),
            Look::$look,
            |report: &Report| report.$($field).+.clone(),
            |report: &mut Report, value| report.$($field).+ = value,
        )
    };
}

/// A titled card of the editor, a target of the contents links.
pub fn card(id: &'static str, title: &'static str, body: impl IntoView) -> impl IntoView {
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
            {bound!(editor, "Cơ quan cấp trên (nếu có)", Line, header.parent_agency)}
            {bound!(editor, "Cơ quan ban hành", Line, header.issuing_agency)}
            {enum_select(
                editor,
                "header.unit.kind",
                "Loại đơn vị",
                &UnitKind::ALL,
                |kind| kind.label(),
                report.header.unit.kind,
                |report, kind| report.header.unit.kind = kind,
            )}
            {bound!(editor, "Tên đơn vị (không gồm chữ xã, phường)", Line, header.unit.name)}
            {bound!(editor, "Số văn bản", Number, header.number)}
            {bound!(editor, "Ký hiệu", Line, header.symbol)}
            {bound!(editor, "Địa danh (ở dòng ngày tháng)", Line, header.place)}
            {bound!(editor, "Ngày ban hành", Date, header.date)}
        </div>
        <h3>"Kỳ báo cáo"</h3>
        <div class="grid">
            {enum_select(
                editor,
                "period.kind",
                "Loại báo cáo",
                &ReportKind::ALL,
                |kind| kind.label().to_owned(),
                report.period.kind,
                |report, kind| report.period = Period::legal(kind, report.period.year),
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
                        {bound!(editor, "Số liệu từ ngày", Date, period.from)}
                        {bound!(editor, "đến ngày", Date, period.to)}
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

/// Free lines: the typed authority and title. A chosen signer: the lines
/// it prints, to read.
fn signer_lines(editor: Editor) -> AnyView {
    let signature = editor
        .doc
        .with_untracked(|doc| doc.report.signature.clone());
    if signature.signer == Signer::Free {
        return view! {
            {bound!(editor, "Thẩm quyền ký (TM., KT., ...)", Line, signature.authority)}
            {bound!(editor, "Chức vụ người ký (mỗi dòng một dòng in)", Area, signature.title)}
        }
        .into_any();
    }
    printed_signer(&signature, "d-signer", Some("signer"))
}

/// The lines a chosen signer prints, to read (`Sẽ in: TM. ỦY BAN NHÂN DÂN`
/// / `CHỦ TỊCH`): in the editor and on the aggregation page's combined
/// report. `label_id` names the label; `derived`, the output for tests.
pub fn printed_signer(
    signature: &Signature,
    label_id: &'static str,
    derived: Option<&'static str>,
) -> AnyView {
    view! {
        <p class="derived">
            <span id=label_id>"Sẽ in: "</span>
            <output class="preformatted" data-derived=derived aria-labelledby=label_id>
                {signature.printed_titles().join("\n")}
            </output>
        </p>
    }
    .into_any()
}

pub fn closing(editor: Editor) -> impl IntoView {
    let report = editor.doc.with_untracked(|doc| doc.report.clone());
    let lines: fields::ListAccess<Text> = Arc::new(|report| Some(&mut report.recipients.lines));
    let printed = move || {
        editor
            .doc
            .with(|doc| doc.report.recipients.printed_lines().join("\n"))
    };
    let body = view! {
        <h3>"Người ký"</h3>
        <div class="grid">
            {enum_select(
                editor,
                "signature.signer",
                "Ai ký",
                &Signer::ALL,
                |signer| signer.label().to_owned(),
                report.signature.signer,
                |report, signer| report.signature.signer = signer,
            )}
            {super::redrawn_on(
                move || editor.doc.with(|doc| doc.report.signature.signer as u64),
                move || signer_lines(editor),
            )}
            {bound!(editor, "Họ và tên người ký", Line, signature.name)}
        </div>
        <h3>"Nơi nhận"</h3>
        {fields::text_list(editor, "recipients.lines", "Nơi nhận", Look::Line, report.recipients.lines, lines)}
        {bound!(editor, "Lưu (ví dụ: VT, Vương)", Line, recipients.archive)}
        {fields::messages(fields::issues_at(editor, "recipients.lines"), "recipients-msg".to_owned())}
        <p class="derived">
            <span id="d-recipients">"Sẽ in: "</span>
            <output class="preformatted" data-derived="recipients" aria-labelledby="d-recipients">
                {printed}
            </output>
        </p>
    };
    card("ky-va-noi-nhan", "Chữ ký và nơi nhận", body)
}
