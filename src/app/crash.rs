//! What a bug in the app does: never a frozen page with no word. A panic
//! (the build aborts on panic, so nothing after it runs) first puts a
//! Vietnamese message with `Tải lại trang` on the page, then writes the
//! open draft as it is on screen, typing included, and says so.
//!
//! The message is made with plain DOM calls, not with the app's components:
//! the panic may have happened in the middle of drawing them.

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::{history, storage, Editor};
use cchc_core::history::Reason;

/// The event a test sends to make the app panic, to check this module.
/// Only a script running in the page can send it.
pub const SIMULATE_EVENT: &str = "cchc-simulate-crash";

const MESSAGE_ID: &str = "loi-ung-dung";

thread_local! {
    static EDITOR: Cell<Option<Editor>> = const { Cell::new(None) };
}

/// Installs the panic hook for `editor`, and the test event.
pub fn install(editor: Editor) {
    EDITOR.set(Some(editor));
    std::panic::set_hook(Box::new(|info| {
        let said = show(&format!(
            "Ứng dụng gặp lỗi không lường trước và đã phải dừng. Hãy bấm «Tải lại trang»: bản nháp mở lại như lần lưu cuối. (Chi tiết lỗi để báo cho người quản trị: {info})"
        ));
        if let Some(editor) = EDITOR.get() {
            let stored = editor.stored(js_sys::Date::now());
            // Not over another tab's save the user has not chosen against.
            let kept = match editor.conflict.get_untracked() {
                Some(since) => {
                    history::keep(Reason::ThisTab, &stored, since);
                    Some(
                        " Những gì vừa gõ đã được giữ trong «Lịch sử» của bản nháp trước khi dừng.",
                    )
                }
                None => storage::write_draft(&stored)
                    .is_ok()
                    .then_some(" Những gì vừa gõ đã được lưu vào bản nháp trước khi dừng."),
            };
            if let (Some(said), Some(kept)) = (said, kept) {
                let _ = said.append_with_str_1(kept);
            }
        }
    }));
    let simulate = Closure::<dyn Fn()>::new(|| panic!("lỗi thử (sự kiện {SIMULATE_EVENT})"));
    let _ = window()
        .add_event_listener_with_callback(SIMULATE_EVENT, simulate.as_ref().unchecked_ref());
    simulate.forget();
}

/// Puts `text` and `Tải lại trang` at the top of the page; the paragraph
/// holding the text, to add to it.
fn show(text: &str) -> Option<web_sys::Element> {
    let document = document();
    let body = document.body()?;
    let banner = document.create_element("div").ok()?;
    banner.set_id(MESSAGE_ID);
    banner.set_class_name("banner error crash");
    banner.set_attribute("role", "alert").ok()?;
    let paragraph = document.create_element("p").ok()?;
    paragraph.set_text_content(Some(text));
    let reload = document.create_element("button").ok()?;
    reload.set_attribute("type", "button").ok()?;
    reload.set_text_content(Some("Tải lại trang"));
    let on_click = Closure::<dyn Fn()>::new(|| {
        let _ = window().location().reload();
    });
    reload
        .add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())
        .ok()?;
    on_click.forget();
    banner.append_child(&paragraph).ok()?;
    banner.append_child(&reload).ok()?;
    body.prepend_with_node_1(&banner).ok()?;
    Some(paragraph)
}
