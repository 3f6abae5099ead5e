//! Files in and out: `Tải tệp JSON` (the envelope sent upward), `Tải CSV
//! phụ lục`, and `Mở tệp JSON` by file picker or by dropping a file on the
//! page. What a file holds is judged by [`cchc_core::exchange`]; this module
//! moves bytes and asks the user what to do when a choice is needed.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::{history, storage, templates, Editor, Notice};
use cchc_core::draft::{self, StoredDraft};
use cchc_core::exchange::{self, Opened};
use cchc_core::history::Reason;
use cchc_core::report::Report;
use cchc_core::template;

/// An opened file waiting for the user's choice.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingImport {
    pub opened: Opened,
    /// The draft of the same unit and period, if there is one.
    pub existing: Option<StoredDraft>,
    /// The checksum did not match and the user has not yet agreed to open it.
    pub needs_consent: bool,
}

/// Offers `content` as a downloaded file.
pub(super) fn download(name: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&content.into());
    download_parts(name, mime, &parts);
}

/// Offers `bytes` as a downloaded file (a Word or Excel file).
pub(super) fn download_bytes(name: &str, mime: &str, bytes: &js_sys::Uint8Array) {
    let parts = js_sys::Array::of1(bytes);
    download_parts(name, mime, &parts);
}

fn download_parts(name: &str, mime: &str, parts: &js_sys::Array) {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_buffer_source_sequence_and_options(parts, &options)
    else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(anchor) = document()
        .create_element("a")
        .map(|a| a.unchecked_into::<web_sys::HtmlAnchorElement>())
    {
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
}

pub(super) fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

fn export_json(editor: Editor) {
    editor.flush();
    let revision = editor.meta.get_untracked().exports + 1;
    let json = editor.with_facts_untracked(|facts| {
        let file = exchange::envelope(facts.template, facts.report, revision, &now_iso());
        serde_json::to_string_pretty(&file).expect("an envelope always serialises")
    });
    let name = editor
        .doc
        .with_untracked(|doc| exchange::file_name(&doc.report));
    download(&name, "application/json", &json);
    editor.meta.update(|meta| meta.exports = revision);
    editor.save_changed();
    let now = js_sys::Date::now();
    history::keep(Reason::Export, &editor.stored(now), now);
    editor.refresh_history();
}

fn export_csv(editor: Editor) {
    let (name, csv) = editor.with_facts_untracked(|facts| {
        (
            exchange::csv_file_name(facts.report),
            exchange::appendix_csv(facts),
        )
    });
    download(&name, "text/csv;charset=utf-8", &csv);
}

/// Opens a report file with the templates this browser has, or the one
/// inside the file.
pub(super) fn open_file(editor: Editor, bytes: &[u8]) -> Result<Opened, exchange::ImportError> {
    let installed = editor.templates.get_untracked();
    exchange::open(bytes, &|wanted| template::find(&installed, wanted))
}

/// The stored draft of the same unit and period as `report`.
fn same_report(editor: Editor, report: &Report) -> Option<StoredDraft> {
    let index = editor.drafts.get_untracked();
    index
        .drafts
        .iter()
        .filter_map(|line| storage::read_draft(&line.id).ok().flatten())
        .find(|stored| exchange::same_unit_and_period(&stored.report, report))
}

/// Judges the bytes of a picked or dropped file.
fn receive(editor: Editor, name: String, bytes: ReadBytes) {
    match bytes.and_then(|bytes| open_file(editor, &bytes)) {
        Err(error) => editor.say(Notice::error(format!(
            "Không mở được tệp «{name}»: {}",
            error.message()
        ))),
        Ok(opened) => {
            let existing = same_report(editor, &opened.report);
            let pending = PendingImport {
                needs_consent: !opened.checksum_ok,
                opened,
                existing,
            };
            if pending.needs_consent || pending.existing.is_some() {
                editor.import.set(Some(pending));
            } else {
                // Saved in a task of its own, after the reading's.
                set_timeout(
                    move || finish(editor, pending.opened, None),
                    std::time::Duration::ZERO,
                );
            }
        }
    }
}

/// Opens the imported report as a new draft, or in place of `replace`
/// after keeping it in the draft's history (the policy is [`draft::import`]). A
/// template that came inside the file is kept, so the draft opens again.
fn finish(editor: Editor, opened: Opened, replace: Option<StoredDraft>) {
    editor.import.set(None);
    if let Err(message) = templates::keep(editor, &opened.template) {
        return editor.say(Notice::error(message));
    }
    let now = js_sys::Date::now();
    let opened = draft::import(
        opened.report,
        opened.revision,
        replace.as_ref(),
        storage::new_id(),
        now,
    );
    if let Some(old) = &replace {
        history::keep(Reason::BeforeImport, old, now);
    }
    if let Err(message) = storage::write_draft(&opened) {
        return editor.say(Notice::error(message));
    }
    let text = if replace.is_some() {
        "Đã mở tệp thay cho bản nháp cùng đơn vị và kỳ; bản cũ được giữ trong «Lịch sử» của bản nháp (Trước khi mở tệp thay thế)."
    } else {
        "Đã mở tệp thành bản nháp mới."
    };
    // Drawn in a task of its own: reading, saving and drawing a long file
    // in one task would hold the page too long.
    set_timeout(
        move || {
            editor.open(opened);
            editor.say(Notice::info(text));
        },
        std::time::Duration::ZERO,
    );
}

/// What reading a picked file gave: its bytes, or why there are none.
pub(super) type ReadBytes = Result<Vec<u8>, exchange::ImportError>;

/// Reads `file` and hands its name and bytes to `then`; a file the browser
/// cannot read (moved, deleted) is handed over as such, never dropped.
pub(super) fn read_file(file: web_sys::File, then: impl FnOnce(String, ReadBytes) + 'static) {
    let name = file.name();
    let then = std::rc::Rc::new(std::cell::RefCell::new(Some((name, then))));
    let on_error = then.clone();
    let done = Closure::once(move |buffer: wasm_bindgen::JsValue| {
        if let Some((name, then)) = then.borrow_mut().take() {
            then(name, Ok(js_sys::Uint8Array::new(&buffer).to_vec()));
        }
    });
    let failed = Closure::once(move |_: wasm_bindgen::JsValue| {
        if let Some((name, then)) = on_error.borrow_mut().take() {
            then(name, Err(exchange::ImportError::Unreadable));
        }
    });
    let _ = file.array_buffer().then2(&done, &failed);
    // One of them is called once by the promise; both are then dropped with it.
    done.forget();
    failed.forget();
}

/// Reads the first file of `files`.
fn read_first(editor: Editor, files: Option<web_sys::FileList>) {
    if let Some(file) = files.and_then(|files| files.get(0)) {
        read_file(file, move |name, bytes| receive(editor, name, bytes));
    }
}

/// A file dropped anywhere on the page is opened like a picked one.
pub fn watch_drops(editor: Editor) {
    let _ = window_event_listener(leptos::ev::dragover, |event| event.prevent_default());
    let _ = window_event_listener(leptos::ev::drop, move |event| {
        event.prevent_default();
        let files = event.data_transfer().and_then(|data| data.files());
        if editor.screen.get_untracked() == super::Screen::Aggregate {
            super::aggregation::read_all(editor, files);
        } else {
            read_first(editor, files);
        }
    });
}

/// The file buttons of the actions bar.
pub fn buttons(editor: Editor) -> impl IntoView {
    let picked = move |event: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&event);
        read_first(editor, input.files());
        input.set_value("");
    };
    view! {
        <button type="button" on:click=move |_| export_json(editor)>"Tải tệp JSON"</button>
        <button type="button" on:click=move |_| export_csv(editor)>"Tải CSV phụ lục"</button>
        {super::office::button(editor, super::office::Ask::Word, "tai-word")}
        {super::office::button(editor, super::office::Ask::AppendixExcel, "tai-excel")}
        <label class="file-button">
            "Mở tệp JSON"
            <input
                type="file"
                id="import-file"
                accept=".json,application/json"
                on:change=picked
            />
        </label>
    }
}

/// The choice an opened file needs: open a hand-edited file anyway, and
/// replace or keep both when a draft of the same unit and period exists.
pub fn import_banner(editor: Editor) -> impl IntoView {
    move || {
        editor.import.get().map(|pending| {
            let cancel = move |_| {
                editor.import.set(None);
                editor.say(Notice::info("Đã hủy, không mở tệp."));
            };
            if pending.needs_consent {
                let agree = {
                    let pending = pending.clone();
                    move |_| {
                        let mut pending = pending.clone();
                        pending.needs_consent = false;
                        if pending.existing.is_some() {
                            editor.import.set(Some(pending));
                        } else {
                            finish(editor, pending.opened, None);
                        }
                    }
                };
                view! {
                    <div class="banner error" role="alert" id="import-choice">
                        <p>
                            "Cảnh báo: nội dung tệp đã bị thay đổi sau khi xuất (mã kiểm tra SHA-256 không khớp), có thể do sửa tay hoặc do chương trình khác. Chỉ mở nếu tin nguồn gửi."
                        </p>
                        <button type="button" on:click=agree>"Vẫn mở tệp"</button>
                        <button type="button" on:click=cancel>"Hủy"</button>
                    </div>
                }
                .into_any()
            } else {
                let existing = pending.existing.clone();
                let name = existing.as_ref().map(|d| d.current_name()).unwrap_or_default();
                let replace = {
                    let pending = pending.clone();
                    move |_| finish(editor, pending.opened.clone(), pending.existing.clone())
                };
                let keep_both = move |_| finish(editor, pending.opened.clone(), None);
                view! {
                    <div class="banner info" role="alert" id="import-choice">
                        <p>
                            "Đã có bản nháp cùng đơn vị và kỳ báo cáo: «" {name}
                            "». Thay bản nháp đó bằng tệp vừa mở (bản cũ vẫn được giữ trong «Lịch sử» của bản nháp), hay giữ cả hai?"
                        </p>
                        <button type="button" on:click=replace>"Thay thế (bản cũ giữ trong Lịch sử)"</button>
                        <button type="button" on:click=keep_both>"Giữ cả hai"</button>
                        <button type="button" on:click=cancel>"Hủy"</button>
                    </div>
                }
                .into_any()
            }
        })
    }
}
