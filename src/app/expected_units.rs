//! The receiving office's list of the units that must send a report, kept
//! in localStorage, and where each unit stands for the period added up:
//! how many have sent nothing yet and who, each unit's status, and the
//! files of units not on the list. Which status a unit has is decided in
//! [`cchc_core::expected`]; this module keeps the list and draws it.

use leptos::prelude::*;

use super::aggregation::column_heads;
use super::{files, kept_files, office, storage, today, Editor, Notice};
use cchc_core::aggregate::Summary;
use cchc_core::expected::{self, RollCall};
use cchc_core::vi::group_digits;

/// Where the list is kept: one unit a line.
const KEY: &str = "bao-cao-cchc-tong-hop/don-vi-phai-gui";

/// Keeps `text` as the list; says so when storage refuses (the list stays
/// on the page).
fn save(editor: Editor, text: &str) {
    if storage::write_text(KEY, text).is_err() {
        kept_files::say(
            editor,
            Notice::error("Không lưu được danh sách đơn vị vào bộ nhớ của trình duyệt (có thể bộ nhớ đã đầy). Danh sách vẫn còn trên trang; hãy chép ra nơi khác trước khi đóng trang."),
        );
    }
}

/// Puts `more` at the end of the list in `text` (units already on it are
/// not repeated), keeps it, and says how many were added from `source`.
fn add_units(editor: Editor, text: RwSignal<String>, more: &[String], source: &str) {
    let before = expected::from_lines(&text.get_untracked());
    let after = expected::merged(&before, more);
    let added = after.len() - before.len();
    let lines = expected::to_lines(&after);
    save(editor, &lines);
    text.set(lines);
    kept_files::say(
        editor,
        Notice::info(format!(
            "Đã thêm {} đơn vị {source} vào danh sách (nay có {} đơn vị).",
            group_digits(added as u64),
            group_digits(after.len() as u64)
        )),
    );
}

/// `1 · Phường Nghĩa Lộ · đã gửi, hợp lệ · nghia-lo.json (lần 2)`, as table rows.
fn unit_rows(roll: &RollCall) -> impl IntoView {
    roll.units
        .iter()
        .enumerate()
        .map(|(index, unit)| {
            let files = unit
                .files
                .iter()
                .map(|(file, status)| {
                    view! { <li class=status.class()>{expected::file_line(file, *status)}</li> }
                })
                .collect_view();
            view! {
                <tr class=unit.status.class()>
                    <td>{index + 1}</td>
                    <td>{unit.unit.clone()}</td>
                    <td class="status">{unit.status.label()}</td>
                    <td><ul class="unit-files">{files}</ul></td>
                </tr>
            }
        })
        .collect_view()
}

/// What the list says of the files received: the units not sent in large
/// type and by name, each unit's status, and the files of units off the list.
fn roll_call_view(roll: &RollCall) -> impl IntoView {
    let not_sent = roll.not_sent();
    let names = not_sent
        .iter()
        .map(|name| view! { <li>{name.to_string()}</li> })
        .collect_view();
    let unlisted = (!roll.unlisted.is_empty()).then(|| {
        let items = roll
            .unlisted
            .iter()
            .map(|file| {
                let status = expected::Status::of_file(file.outcome);
                view! {
                    <li>
                        {format!(
                            "{} · {}",
                            file.unit.clone().unwrap_or_default(),
                            expected::file_line(file, status)
                        )}
                    </li>
                }
            })
            .collect_view();
        view! {
            <h4>"Tệp của đơn vị không có trong danh sách"</h4>
            <ul id="ngoai-danh-sach">{items}</ul>
        }
    });
    view! {
        <p id="chua-gui-so" class="not-sent">
            "Chưa gửi: "
            <strong>{group_digits(not_sent.len() as u64)}</strong>
            {format!(" / {} đơn vị", group_digits(roll.units.len() as u64))}
        </p>
        <ul id="chua-gui" aria-label="Các đơn vị chưa gửi">{names}</ul>
        <div class="table-scroll">
            <table id="tinh-trang-don-vi" class="expected-units">
                <thead>
                    <tr>{column_heads(&["Stt", "Đơn vị", "Tình trạng", "Tệp đã nhận"])}</tr>
                </thead>
                <tbody>{unit_rows(roll)}</tbody>
            </table>
        </div>
        {unlisted}
    }
}

/// The list (typed, taken from the files, read from a CSV) and where each
/// unit on it stands in `summary`.
/// The list as kept, one unit a line: the text the panel edits and the
/// aggregation's Excel file reads.
pub fn kept_list() -> RwSignal<String> {
    RwSignal::new(storage::read_raw(KEY).unwrap_or_default())
}

pub fn panel(editor: Editor, summary: Memo<Summary>, text: RwSignal<String>) -> impl IntoView {
    let units = Memo::new(move |_| text.with(|text| expected::from_lines(text)));
    let roll = Memo::new(move |_| {
        units.with(|units| summary.with(|summary| expected::roll_call(units, summary)))
    });
    let typed = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        save(editor, &value);
        text.set(value);
    };
    let from_files = move |_| {
        let received = summary.with_untracked(expected::units_received);
        add_units(editor, text, &received, "từ các tệp đã nhận");
    };
    let picked = move |event: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&event);
        if let Some(file) = input.files().and_then(|list| list.get(0)) {
            files::read_file(file, move |name, bytes| {
                let done = move |name: String, read: Result<Vec<String>, String>| match read {
                    Ok(units) => add_units(editor, text, &units, &format!("từ tệp «{name}»")),
                    Err(message) => kept_files::say(editor, Notice::error(message)),
                };
                let bytes = match bytes {
                    Ok(bytes) => bytes,
                    Err(error) => {
                        let message = format!("Không đọc được tệp «{name}»: {}", error.message());
                        return done(name, Err(message));
                    }
                };
                kept_files::say(editor, Notice::info(format!("Đang đọc tệp «{name}»…")));
                office::read_units(name.clone(), bytes, move |read| done(name, read));
            });
        }
        input.set_value("");
    };
    let count = move || {
        format!(
            "Danh sách đơn vị phải gửi báo cáo ({} đơn vị)",
            group_digits(units.with(Vec::len) as u64)
        )
    };
    view! {
        <section class="expected" aria-labelledby="expected-heading">
            <h3 id="expected-heading">{count}</h3>
            <label for="expected-list">"Mỗi dòng một đơn vị (dán từ Excel hoặc gõ):"</label>
            <textarea
                id="expected-list"
                name="expected-units"
                rows=6
                prop:value=text
                on:input=typed
            ></textarea>
            <div class="expected-actions">
                <button type="button" id="lay-tu-tep" on:click=from_files>
                    "Lấy từ các tệp đã nhận"
                </button>
                <label class="file-button">
                    "Đọc từ tệp CSV hoặc Excel"
                    <input
                        type="file"
                        id="expected-csv"
                        accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        on:change=picked
                    />
                </label>
            </div>
            <p id="han-gui" class="deadline">
                {move || summary.with(|summary| expected::deadline(summary, today()))}
            </p>
            {move || {
                (!units.with(Vec::is_empty)).then(|| roll.with(roll_call_view))
            }}
        </section>
    }
}
