//! `Tải bản Word (.docx)` and `Tải Excel (.xlsx)`: the document and the
//! workbooks of [`cchc_core`] handed to the module that writes Office files.
//!
//! That module (crate `crates/office`) is a second WebAssembly module, about
//! twice the size of the editor, so it is not part of the editor's start:
//! the page defines a global `cchcOffice()` (written by tools/postbuild.mjs)
//! that fetches (served) or unpacks (single file) and compiles the module on
//! its first call only and returns the same promise afterwards. This shell
//! serialises what to write as JSON, waits for that promise, asks the module
//! for the file's bytes and offers them as a download. While the module
//! loads the page says so; any failure is said, never swallowed.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{files, Editor, Notice};
use cchc_core::document::{self, Document};
use cchc_core::workbook::{self, Workbook};

#[wasm_bindgen]
extern "C" {
    /// The loader the page defines: a promise of the office module's
    /// exports, `docx_file(json)` and `xlsx_file(json)`.
    #[wasm_bindgen(js_name = cchcOffice, catch)]
    fn office_module() -> Result<js_sys::Promise, JsValue>;
}

pub const DOCX_MIME: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// One file to write: which export writes it, from what, under which name.
pub struct Request {
    /// `docx_file` or `xlsx_file`.
    export: &'static str,
    json: String,
    name: String,
    mime: &'static str,
    /// `Word` or `Excel`, in what the page says.
    kind: &'static str,
}

impl Request {
    /// The Word file of the document.
    pub fn docx(document: &Document, name: String) -> Request {
        Request {
            export: "docx_file",
            json: serde_json::to_string(document).expect("a document always serialises"),
            name,
            mime: DOCX_MIME,
            kind: "Word",
        }
    }

    /// The Excel file of a workbook.
    pub fn xlsx(workbook: &Workbook, name: String) -> Request {
        Request {
            export: "xlsx_file",
            json: serde_json::to_string(workbook).expect("a workbook always serialises"),
            name,
            mime: XLSX_MIME,
            kind: "Excel",
        }
    }
}

/// The open draft's document as a Word file.
pub fn word(editor: Editor) {
    let request = editor.with_facts_untracked(|facts| {
        Request::docx(
            &Document::new(facts),
            document::docx_file_name(facts.report),
        )
    });
    write(editor, request);
}

/// The open draft's appendix as an Excel file.
pub fn appendix_excel(editor: Editor) {
    let request = editor.with_facts_untracked(|facts| {
        Request::xlsx(
            &workbook::appendix(facts),
            workbook::appendix_file_name(facts),
        )
    });
    write(editor, request);
}

/// The message of a thrown JS value (an `Error`, a string, anything).
fn message_of(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}

/// Writes the file of `request` and offers it for download; says what is
/// going on in [`Editor::office`] meanwhile.
pub fn write(editor: Editor, request: Request) {
    if editor
        .office
        .with_untracked(|state| state.as_ref().is_some_and(|n| n.is_busy()))
    {
        return;
    }
    editor.office.set(Some(OfficeState::Busy(format!(
        "Đang chuẩn bị tệp {}…",
        request.kind
    ))));
    let kind = request.kind;
    let failed = move |detail: String| {
        editor.office.set(Some(OfficeState::Done(Notice::error(format!(
            "Không tạo được tệp {kind}: {detail}. Hãy thử lại; nếu vẫn lỗi, dùng «Tải bản in (HTML)» hoặc «Tải CSV phụ lục»."
        )))));
    };
    let promise = match office_module() {
        Ok(promise) => promise,
        Err(error) => return failed(message_of(&error)),
    };
    let loaded = Closure::once(move |module: JsValue| match make_file(&module, &request) {
        Ok(bytes) => {
            files::download_bytes(&request.name, request.mime, &bytes);
            editor
                .office
                .set(Some(OfficeState::Done(Notice::info(format!(
                    "Đã tạo tệp «{}».",
                    request.name
                )))));
        }
        Err(detail) => failed(detail),
    });
    let not_loaded = Closure::once(move |error: JsValue| {
        failed(format!(
            "không nạp được phần tạo tệp Word/Excel ({})",
            message_of(&error)
        ))
    });
    let _ = promise.then2(&loaded, &not_loaded);
    // One of them is called once by the promise; both are then dropped with it.
    loaded.forget();
    not_loaded.forget();
}

/// The bytes of the file, from the loaded module's export.
fn make_file(module: &JsValue, request: &Request) -> Result<js_sys::Uint8Array, String> {
    let export = js_sys::Reflect::get(module, &request.export.into())
        .ok()
        .and_then(|export| export.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| format!("phần tạo tệp không có hàm {}", request.export))?;
    let bytes = export
        .call1(&JsValue::NULL, &request.json.as_str().into())
        .map_err(|error| message_of(&error))?;
    bytes
        .dyn_into::<js_sys::Uint8Array>()
        .map_err(|_| "phần tạo tệp không trả về nội dung tệp".to_owned())
}

/// What the page says about the last Office file asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum OfficeState {
    /// `Đang chuẩn bị tệp Word…`.
    Busy(String),
    Done(Notice),
}

impl OfficeState {
    fn is_busy(&self) -> bool {
        matches!(self, OfficeState::Busy(_))
    }
}

/// The line that says it, beside the buttons (in the app bar, the print
/// view and the aggregation page: one shows at a time).
pub fn status(editor: Editor) -> impl IntoView {
    move || {
        editor.office.get().map(|state| match state {
            OfficeState::Busy(text) => view! {
                <p class="office-status" role="status" aria-busy="true">{text}</p>
            }
            .into_any(),
            OfficeState::Done(notice) => {
                let class = if notice.is_error {
                    "office-status banner error"
                } else {
                    "office-status"
                };
                let role = if notice.is_error { "alert" } else { "status" };
                view! {
                    <p class=class role=role>
                        {notice.text}
                        " "
                        <button type="button" class="link" on:click=move |_| editor.office.set(None)>
                            "Đóng"
                        </button>
                    </p>
                }
                .into_any()
            }
        })
    }
}
