//! The receiving office's page: open many units' JSON files at once and see
//! them added up, indicator by indicator, with every refused or doubtful
//! file named (the sums are decided by [`cchc_core::aggregate`]).
//!
//! The files are only read: nothing here touches the drafts in storage.

use leptos::prelude::*;

use super::{files, Editor, Screen};
use cchc_core::aggregate::{self, ReceivedFile, Summary};

/// `Tổng hợp nhiều báo cáo`, in the actions bar.
pub fn open_button(editor: Editor) -> impl IntoView {
    let open = move |_| editor.show(Screen::Aggregate, "tong-hop-quay-lai");
    view! { <button type="button" id="mo-tong-hop" on:click=open>"Tổng hợp nhiều báo cáo"</button> }
}

/// Reads every file of `files` into the list; a file of the same name
/// replaces the one read before.
pub fn read_all(editor: Editor, files: Option<web_sys::FileList>) {
    let Some(list) = files else {
        return;
    };
    for index in 0..list.length() {
        if let Some(file) = list.get(index) {
            files::read_file(file, move |name, bytes| {
                let received = ReceivedFile {
                    opened: files::open_file(editor, &bytes),
                    name,
                };
                editor.received.update(|all| {
                    all.retain(|file| file.name != received.name);
                    all.push(received);
                });
            });
        }
    }
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

fn table(summary: &Summary) -> impl IntoView {
    let units = summary
        .units
        .iter()
        .map(|column| {
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
                    <td colspan=4 + summary.units.len()>{group.label.clone()}</td>
                </tr>
            }
            .into_any(),
        );
        for summary_row in &summary.rows[group.rows.clone()] {
            let row = summary.row(summary_row);
            let class = if row.is_sub_row() { "sub-row" } else { "" };
            let values = summary_row
                .values
                .iter()
                .map(|value| view! { <td class="number-cell">{value.clone()}</td> })
                .collect_view();
            rows.push(
                view! {
                    <tr class=class data-code=row.code.clone()>
                        <td>{row.printed_number()}</td>
                        <td>{row.label.clone()}</td>
                        <td>{row.unit.clone()}</td>
                        <td class="total number-cell">{summary_row.total.clone()}</td>
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
                        <th scope="col">"Stt"</th>
                        <th scope="col">"Chỉ tiêu"</th>
                        <th scope="col">"Đơn vị tính"</th>
                        <th scope="col">"Tổng hợp"</th>
                        <th scope="col">"Cách tính, còn thiếu"</th>
                        {units}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

pub fn page(editor: Editor) -> impl IntoView {
    let screen = editor.screen;
    let summary = Memo::new(move |_| editor.received.with(|files| aggregate::add_up(files)));
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
    let heading = move || {
        summary.with(|summary| match summary.period {
            Some((kind, year)) => format!(
                "Tổng hợp báo cáo CCHC {}: {} đơn vị",
                kind.long_name(year),
                summary.units.len()
            ),
            None => "Tổng hợp báo cáo CCHC".to_owned(),
        })
    };
    let empty = move || summary.with(|summary| summary.units.is_empty());
    let counted = move || editor.received.with(Vec::len);
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
                <button
                    type="button"
                    on:click=move |_| editor.received.set(Vec::new())
                    disabled=move || counted() == 0
                >
                    "Bỏ các tệp đã chọn"
                </button>
            </div>
            <section class="aggregate-main" aria-labelledby="aggregate-heading">
                <h2 id="aggregate-heading">{heading}</h2>
                <p class="hint">
                    "Chọn (hoặc kéo thả vào trang) các tệp JSON các đơn vị gửi lên, nhiều tệp một lần. Tệp chỉ được đọc để cộng, không thành bản nháp. Số đếm và tiền được cộng; tỷ lệ được tính lại từ tổng tử số và mẫu số; tỷ lệ do đơn vị tự nhập lấy bình quân; các mức lựa chọn được đếm số đơn vị."
                </p>
                <p role="status">{move || format!("Đã chọn {} tệp.", counted())}</p>
                {move || summary.with(|summary| view! { {notes(summary)} {table(summary)} })}
            </section>
        </div>
    }
}
