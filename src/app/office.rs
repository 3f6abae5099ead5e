//! `Tải bản Word (.docx)` and `Tải Excel (.xlsx)`: the document and the
//! workbooks of [`cchc_core`] handed to the module that writes Office files.
//!
//! That module (crate `crates/office`) is a second WebAssembly module, as
//! large as the editor's, so it is not part of the editor's start:
//! the page defines a global `cchcOffice()` (written by tools/postbuild.mjs)
//! that fetches (served) or unpacks (single file) and compiles the module on
//! its first call only and returns the same promise afterwards. This shell
//! hands over the draft as its exchange file (the module builds the document
//! or the appendix's workbook itself, so that code is not in the editor's
//! start-up) or the aggregation's workbook as JSON, waits for that promise,
//! asks the module for the file's bytes and offers them as a download. While
//! the module loads the page says so; any failure is said, never swallowed.
//! The same module reads the units listed in an Excel file ([`read_units`])
//! for the aggregation page's list of expected units.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{files, Editor};
use cchc_core::combined::PrintedTotal;
use cchc_core::document;
use cchc_core::exchange;
use cchc_core::expected;
use cchc_core::workbook::{self, Workbook};

#[wasm_bindgen]
extern "C" {
    /// The loader the page defines: a promise of the office module's
    /// exports, `docx_file(report_file)`,
    /// `combined_docx_file(report_file, totals)`, `xlsx_file(report_file)`,
    /// `workbook_file(json)` and `unit_lines(file_name, bytes)`.
    #[wasm_bindgen(js_name = cchcOffice, catch)]
    fn office_module() -> Result<js_sys::Promise, JsValue>;
}

/// What kind of file a request writes.
#[derive(Clone, Copy)]
enum Format {
    Word,
    Excel,
}

impl Format {
    fn mime(self) -> &'static str {
        match self {
            Format::Word => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Excel => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    /// `Word` or `Excel`, in what the page says.
    fn name(self) -> &'static str {
        match self {
            Format::Word => "Word",
            Format::Excel => "Excel",
        }
    }
}

/// One file to write: which export writes it, from what, under which name.
pub struct Request {
    format: Format,
    /// `docx_file`, `combined_docx_file`, `xlsx_file` or `workbook_file`.
    export: &'static str,
    json: String,
    /// A second argument (the combined report's printed totals).
    more_json: Option<String>,
    name: String,
}

impl Request {
    fn new(format: Format, export: &'static str, json: String, name: String) -> Request {
        Request {
            format,
            export,
            json,
            more_json: None,
            name,
        }
    }

    /// The Excel file of a workbook.
    pub fn xlsx(workbook: &Workbook, name: String) -> Request {
        let json = serde_json::to_string(workbook).expect("a workbook always serialises");
        Request::new(Format::Excel, "workbook_file", json, name)
    }

    /// The Word file of the aggregation page's combined report: its
    /// exchange file and the totals its appendix prints.
    pub fn combined_docx(report_file: String, totals: &[PrintedTotal], name: String) -> Request {
        Request {
            more_json: Some(serde_json::to_string(totals).expect("totals always serialise")),
            ..Request::new(Format::Word, "combined_docx_file", report_file, name)
        }
    }
}

/// What a button asks for.
#[derive(Clone, Copy)]
pub enum Ask {
    /// The open draft's document as a Word file.
    Word,
    /// The open draft's appendix as an Excel file.
    AppendixExcel,
}

/// A `Tải bản Word (.docx)` or `Tải Excel (.xlsx)` button of the editor or
/// the print view. One function for all of them, so that the view code is
/// made once (the editor's start-up size must not grow for these files).
pub fn button(editor: Editor, ask: Ask, id: &'static str) -> impl IntoView {
    let label = match ask {
        Ask::Word => "Tải bản Word (.docx)",
        Ask::AppendixExcel => "Tải Excel (.xlsx)",
    };
    let click = move |_| {
        let request = editor.with_facts_untracked(|facts| {
            // The draft as the exchange file would carry it; the module
            // reads it with the template inside.
            let envelope = exchange::envelope(facts.template, facts.report, 0, "");
            let json = serde_json::to_string(&envelope).expect("an envelope always serialises");
            match ask {
                Ask::Word => Request::new(
                    Format::Word,
                    "docx_file",
                    json,
                    document::docx_file_name(facts.report),
                ),
                Ask::AppendixExcel => Request::new(
                    Format::Excel,
                    "xlsx_file",
                    json,
                    workbook::appendix_file_name(facts),
                ),
            }
        });
        write(request);
    };
    view! { <button type="button" id=id on:click=click>{label}</button> }
}

/// The message of a thrown JS value (an `Error`, a string, anything). A
/// trap of the module (a bug in it: a panic stops it) leaves it unusable
/// until the page is loaded again, which the message says; the draft, kept
/// by the editor's own module, is not touched.
fn message_of(error: &JsValue) -> String {
    if error.is_instance_of::<js_sys::WebAssembly::RuntimeError>() {
        return "phần tạo tệp Word/Excel gặp lỗi không lường trước và đã dừng; hãy tải lại trang (bản nháp vẫn được giữ nguyên)".to_owned();
    }
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}

thread_local! {
    /// A file is being prepared: another click waits for it.
    static BUSY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Writes the file of `request` and offers it for download, saying what is
/// going on meanwhile ([`say`]).
pub fn write(request: Request) {
    if BUSY.with(|busy| busy.replace(true)) {
        return;
    }
    let kind = request.format.name();
    say(&format!("Đang chuẩn bị tệp {kind}…"), false);
    let failed = move |detail: String| {
        BUSY.with(|busy| busy.set(false));
        say(
            &format!(
                "Không tạo được tệp {kind}: {detail}. Hãy thử lại; nếu vẫn lỗi, dùng «Tải bản in (HTML)» hoặc «Tải CSV phụ lục»."
            ),
            true,
        );
    };
    with_module(
        move |module| match module.and_then(|module| make_file(&module, &request)) {
            Ok(bytes) => {
                BUSY.with(|busy| busy.set(false));
                files::download_bytes(&request.name, request.format.mime(), &bytes);
                say(&format!("Đã tạo tệp «{}».", request.name), false);
            }
            Err(detail) => failed(detail),
        },
    );
}

/// Hands `then` the office module's exports, loading it the first time, or
/// why it did not load.
fn with_module(then: impl FnOnce(Result<JsValue, String>) + 'static) {
    let promise = match office_module() {
        Ok(promise) => promise,
        Err(error) => return then(Err(message_of(&error))),
    };
    let then = std::rc::Rc::new(std::cell::RefCell::new(Some(then)));
    let on_error = then.clone();
    let loaded = Closure::once(move |module: JsValue| {
        if let Some(then) = then.borrow_mut().take() {
            then(Ok(module));
        }
    });
    let not_loaded = Closure::once(move |error: JsValue| {
        if let Some(then) = on_error.borrow_mut().take() {
            then(Err(format!(
                "không nạp được phần tạo tệp Word/Excel ({})",
                message_of(&error)
            )));
        }
    });
    let _ = promise.then2(&loaded, &not_loaded);
    // One of them is called once by the promise; both are then dropped with it.
    loaded.forget();
    not_loaded.forget();
}

/// The export `name` of the loaded module.
fn export(module: &JsValue, name: &str) -> Result<js_sys::Function, String> {
    js_sys::Reflect::get(module, &name.into())
        .ok()
        .and_then(|export| export.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| format!("phần tạo tệp không có hàm {name}"))
}

/// The units listed in the Excel or CSV file `name`: read by the office
/// module (loaded the first time), whose readers split the cells and whose
/// core picks the column ([`cchc_core::expected::from_sheets`]); or why
/// not, in a sentence.
pub fn read_units(
    name: String,
    bytes: Vec<u8>,
    then: impl FnOnce(Result<Vec<String>, String>) + 'static,
) {
    with_module(move |module| {
        let not_read = |detail: String| format!("Không đọc được tệp «{name}»: {detail}.");
        let read = module.map_err(not_read).and_then(|module| {
            // The module's own refusal is a whole sentence already.
            let lines = export(&module, "unit_lines")
                .map_err(not_read)?
                .call2(
                    &JsValue::NULL,
                    &name.as_str().into(),
                    &js_sys::Uint8Array::from(bytes.as_slice()),
                )
                .map_err(|error| message_of(&error))?
                .as_string()
                .ok_or_else(|| not_read("phần đọc tệp không trả về nội dung".to_owned()))?;
            Ok(expected::from_lines(&lines))
        });
        then(read);
    });
}

/// The bytes of the file, from the loaded module's export.
fn make_file(module: &JsValue, request: &Request) -> Result<js_sys::Uint8Array, String> {
    let write = export(module, request.export)?;
    let json = JsValue::from(request.json.as_str());
    let bytes = match &request.more_json {
        Some(more) => write.call2(&JsValue::NULL, &json, &more.as_str().into()),
        None => write.call1(&JsValue::NULL, &json),
    }
    .map_err(|error| message_of(&error))?;
    bytes
        .dyn_into::<js_sys::Uint8Array>()
        .map_err(|_| "phần tạo tệp không trả về nội dung tệp".to_owned())
}

const STATUS_ID: &str = "office-status";

/// Says `text` in a line fixed at the bottom of the window, whatever the
/// screen (editor, print view, aggregation), with `Đóng` to close it; an
/// error as an alert. Written with the DOM directly, not as Leptos views,
/// which would add to the editor's start-up size.
fn say(text: &str, is_error: bool) {
    let document = document();
    let status = match document.get_element_by_id(STATUS_ID) {
        Some(status) => status,
        None => {
            let Ok(status) = document.create_element("div") else {
                return;
            };
            status.set_id(STATUS_ID);
            if let Some(body) = document.body() {
                let _ = body.append_child(&status);
            }
            status
        }
    };
    let _ = status.set_attribute(
        "class",
        if is_error {
            "office-status error"
        } else {
            "office-status"
        },
    );
    let _ = status.set_attribute("role", if is_error { "alert" } else { "status" });
    status.set_inner_html("<p></p><button type=\"button\">Đóng</button>");
    if let Some(line) = status.first_element_child() {
        line.set_text_content(Some(text));
    }
    if let Some(close) = status.last_element_child() {
        let remove = Closure::once_into_js(move || {
            if let Some(status) = leptos::prelude::document().get_element_by_id(STATUS_ID) {
                status.remove();
            }
        });
        let _ = close.add_event_listener_with_callback("click", remove.unchecked_ref());
    }
}
