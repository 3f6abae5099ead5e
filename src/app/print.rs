//! The print view: the document exactly as it prints (written by
//! [`cchc_core::document`]), with `In` for the browser's print dialog and
//! `Tải bản in (HTML)` for a standalone page without any script.
//!
//! Whatever the screen shows, the browser prints the document and never
//! the editor: before printing from the editor (Ctrl+P) the document is
//! written into the page, and the print stylesheet hides everything else
//! (on the aggregation page, Ctrl+P prints its table instead).

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::{files, Editor, Screen};
use cchc_core::document;

const DOCUMENT_ID: &str = "ban-in-tai-lieu";

/// `Xem bản in`, in the actions bar.
pub fn open_button(editor: Editor) -> impl IntoView {
    let open = move |_| editor.show(Screen::Print, "ban-in-quay-lai");
    view! { <button type="button" id="xem-ban-in" on:click=open>"Xem bản in"</button> }
}

fn document_html(editor: Editor) -> String {
    editor.with_facts(document::html)
}

fn download_standalone(editor: Editor) {
    let (name, page) = editor.with_facts_untracked(|facts| {
        (
            document::file_name(facts.report),
            document::standalone(facts),
        )
    });
    files::download(&name, "text/html;charset=utf-8", &page);
}

/// Writes the document into the page before the browser prints from the
/// editor, and takes it away afterwards.
fn print_from_anywhere(editor: Editor) {
    let set_document = move |html: &str| {
        if let Some(element) = document().get_element_by_id(DOCUMENT_ID) {
            element.set_inner_html(html);
        }
    };
    let before = Closure::<dyn Fn()>::new(move || {
        if editor.screen.get_untracked() == Screen::Editor {
            set_document(&editor.with_facts_untracked(document::html));
        }
    });
    let after = Closure::<dyn Fn()>::new(move || {
        if editor.screen.get_untracked() != Screen::Print {
            set_document("");
        }
    });
    let window = window();
    for (event, handler) in [("beforeprint", before), ("afterprint", after)] {
        let _ = window.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
        handler.forget();
    }
}

pub fn print_view(editor: Editor) -> impl IntoView {
    print_from_anywhere(editor);
    let screen = editor.screen;
    let open = move || screen.get() == Screen::Print;
    let close = move |_| editor.show(Screen::Editor, "xem-ban-in");
    let print = move |_| {
        let _ = window().print();
    };
    let html = move || {
        if open() {
            document_html(editor)
        } else {
            String::new()
        }
    };
    view! {
        <style>{document::DOCUMENT_CSS}</style>
        <div id="ban-in" class="print-view" hidden=move || !open()>
            <div class="print-controls" role="toolbar" aria-label="Bản in">
                <button type="button" id="ban-in-quay-lai" on:click=close>
                    "← Quay lại soạn thảo"
                </button>
                <button type="button" id="in" on:click=print>"In"</button>
                <button type="button" on:click=move |_| download_standalone(editor)>
                    "Tải bản in (HTML)"
                </button>
                {super::office::button(editor, super::office::Ask::Word, "ban-in-tai-word")}
                <p class="hint">
                    "Khi in hoặc lưu PDF: chọn khổ giấy A4 và bỏ chọn “Đầu trang và chân trang” trong hộp thoại in."
                </p>
            </div>
            <div id=DOCUMENT_ID inner_html=html></div>
        </div>
    }
}
