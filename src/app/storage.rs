//! The drafts in localStorage (through gloo-storage), the save-on-leave
//! hooks and the watch for another tab editing the same draft or
//! installing a template.
//!
//! Keys, versions and what counts as a broken copy are decided in
//! [`cchc_core::draft`]; this module only moves strings in and out and turns
//! the browser's failures into Vietnamese messages.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::{journal, Editor, Notice};
use cchc_core::draft::{self, DraftIndex, StoredDraft, StoredError};

const UNAVAILABLE: &str = "Trình duyệt đang chặn bộ nhớ cục bộ (localStorage) nên bản nháp sẽ không được lưu. Hãy bật lại quyền lưu dữ liệu cho trang này, hoặc dùng cửa sổ trình duyệt thường (không ẩn danh).";

pub const FULL: &str = "Bộ nhớ của trình duyệt đã đầy nên thay đổi mới nhất CHƯA được lưu. Những gì đang hiện trên màn hình vẫn còn: hãy xóa bớt bản nháp cũ không dùng đến (nút Xóa) để lưu tiếp.";

/// Whether localStorage can be used at all.
pub fn check_available() -> Result<(), String> {
    let probe = format!("{}probe", draft::index_key());
    LocalStorage::raw().set_item(&probe, "1").map_err(refusal)?;
    LocalStorage::delete(&probe);
    Ok(())
}

/// Why localStorage refused a write: full (the quota is reached), or not
/// usable at all (a private window, a blocking setting).
fn refusal(error: JsValue) -> String {
    let full = error
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|error| error.name() == "QuotaExceededError");
    if full { FULL } else { UNAVAILABLE }.to_owned()
}

/// Writes `value` as JSON under `key` in localStorage and in the journal.
fn write(key: &str, value: &impl serde::Serialize) -> Result<(), String> {
    let json = serde_json::to_string(value)
        .map_err(|error| format!("Không ghi được bản nháp: {error}"))?;
    write_text(key, &json)
}

/// Writes `text` under `key` in localStorage and in the journal.
pub fn write_text(key: &str, text: &str) -> Result<(), String> {
    LocalStorage::raw().set_item(key, text).map_err(refusal)?;
    journal::put(key, text);
    Ok(())
}

/// The text stored under `key`, if any.
pub fn read_raw(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Writes one draft.
pub fn write_draft(stored: &StoredDraft) -> Result<(), String> {
    write(&draft::draft_key(&stored.id), stored)
}

/// Writes one draft to the journal only: on disk at once, and put back
/// into localStorage at the next start if it is the newer copy.
pub fn journal_draft(stored: &StoredDraft) {
    if let Ok(json) = serde_json::to_string(stored) {
        journal::put(&draft::draft_key(&stored.id), &json);
    }
}

/// Reads the draft `id`: `Ok(None)` when there is none. An unreadable copy
/// is moved aside under [`draft::broken_key`], never overwritten.
pub fn read_draft(id: &str) -> Result<Option<StoredDraft>, StoredError> {
    let key = draft::draft_key(id);
    let Ok(Some(json)) = LocalStorage::raw().get_item(&key) else {
        return Ok(None);
    };
    draft::read_draft(&json).map(Some).inspect_err(|error| {
        if matches!(error, StoredError::Damaged(_))
            && LocalStorage::raw()
                .set_item(&draft::broken_key(id), &json)
                .is_ok()
        {
            LocalStorage::delete(&key);
            journal::delete(&key);
        }
    })
}

pub fn delete_draft(id: &str) {
    LocalStorage::delete(draft::draft_key(id));
    journal::delete(&draft::draft_key(id));
}

/// The drafts list as stored (rebuilt from the drafts' own keys when it
/// is lost or damaged).
pub fn read_index() -> DraftIndex {
    let mut index = draft::read_index(read_raw(&draft::index_key()).as_deref());
    if index.drafts.is_empty() {
        rebuild(&mut index);
    }
    index
}

/// Reads the drafts list fresh (another tab may have changed it), applies
/// `change` and writes it back. Returns the list as it now is.
pub fn update_index(change: impl FnOnce(&mut DraftIndex)) -> DraftIndex {
    let mut index = read_index();
    change(&mut index);
    index.saved_at = js_sys::Date::now();
    // A list that cannot be written is rebuilt from the drafts' own keys on
    // the next start; the drafts themselves are what matters.
    let _ = write(&draft::index_key(), &index);
    index
}

/// Every `(key, text)` stored under a key starting with `prefix`.
pub fn stored_with_prefix(prefix: &str) -> Vec<(String, String)> {
    let raw = LocalStorage::raw();
    let keys: Vec<String> = (0..raw.length().unwrap_or(0))
        .filter_map(|index| raw.key(index).ok().flatten())
        .filter(|key| key.starts_with(prefix))
        .collect();
    keys.into_iter()
        .filter_map(|key| {
            let text = raw.get_item(&key).ok().flatten()?;
            Some((key, text))
        })
        .collect()
}

/// Lists every readable draft under its own key: the list itself was lost
/// or damaged, but the drafts were not.
fn rebuild(index: &mut DraftIndex) {
    let mut found: Vec<StoredDraft> = stored_with_prefix(&draft::draft_key(""))
        .into_iter()
        .filter_map(|(_, json)| draft::read_draft(&json).ok())
        .collect();
    found.sort_by(|a, b| a.saved_at.total_cmp(&b.saved_at));
    for stored in &found {
        index.record(stored);
    }
}

/// A new draft id: time and randomness, unique enough across tabs.
pub fn new_id() -> String {
    let random = (js_sys::Math::random() * 1e9) as u64;
    format!("{:x}-{random:x}", js_sys::Date::now() as u64)
}

/// Saves on leaving the page, and watches other tabs.
pub fn watch(editor: Editor) {
    let _ = window_event_listener(leptos::ev::pagehide, move |_| editor.flush());
    // What could not be saved (storage full) makes the browser ask before
    // the page is left.
    let _ = window_event_listener(leptos::ev::beforeunload, move |event| {
        editor.flush();
        if editor.saving.unsaved.get_untracked() {
            event.prevent_default();
            event.set_return_value("Thay đổi mới nhất chưa được lưu.");
        }
    });
    let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            editor.flush();
        }
    });
    let _ = window_event_listener(leptos::ev::storage, move |event| {
        let Some(key) = event.key() else {
            return;
        };
        if key == draft::index_key() {
            // Read only: writing it back here would bounce the list
            // between the tabs.
            editor.drafts.set(read_index());
        } else if key.starts_with(&draft::template_key("")) {
            // Another tab installed a template: this one can open its drafts.
            editor.templates.set(super::templates::installed().0);
        } else if key == draft::draft_key(&editor.meta.get_untracked().id) {
            if event.new_value().is_some() {
                if editor.conflict.get_untracked().is_none() {
                    editor.conflict.set(Some(js_sys::Date::now()));
                }
                return;
            }
            let untouched = !editor.saving.unsaved.get_untracked()
                && editor.doc.with_untracked(|doc| {
                    doc.pending.is_empty() && editor.is_untouched(&doc.report)
                });
            if untouched {
                // Another tab dropped an untouched Báo cáo mới this tab shows
                // too: nothing of the user's went; this tab drops it as well
                // when it moves on, or saves it at the first change.
                editor.pristine.set_value(true);
            } else {
                editor.say(Notice::info(
                    "Bản nháp này vừa bị xóa ở một thẻ (tab) khác. Nội dung vẫn còn trên màn hình; thay đổi tiếp theo sẽ lưu lại nó.",
                ));
            }
        }
    });
}

thread_local! {
    /// Whether this page has asked the browser to keep its data.
    static ASKED_TO_KEEP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Shows how much storage the app uses and whether the browser keeps it
/// for good; after a save, the first time, asks it to
/// (`navigator.storage.persist()`: without it the browser may clear the
/// drafts when the disk is nearly full). Where the browser has no such
/// thing, nothing is shown.
pub fn show_storage_state(editor: Editor, after_a_save: bool) {
    let manager = window().navigator().storage();
    let ask = after_a_save && !ASKED_TO_KEEP.replace(true);
    let first = if ask {
        manager.persist()
    } else {
        manager.persisted()
    };
    let Ok(first) = first else {
        return;
    };
    let with_state = Closure::once(move |persistent: JsValue| {
        let persistent = persistent.as_bool().unwrap_or(false);
        let Ok(estimate) = manager.estimate() else {
            return;
        };
        let show = Closure::once(move |estimate: JsValue| {
            let used = estimate
                .unchecked_into::<web_sys::StorageEstimate>()
                .get_usage()
                .unwrap_or(0.0);
            editor
                .storage_line
                .set(Some(draft::storage_summary(used, persistent)));
        });
        let _ = estimate.then(&show);
        show.forget();
    });
    let _ = first.then(&with_state);
    // Called once by the promise, then dropped with it.
    with_state.forget();
}

/// The drafts whose unreadable copy was set aside (under
/// [`draft::broken_key`]): `(id, the copy as stored)`.
pub fn set_aside_copies() -> Vec<(String, String)> {
    let prefix = draft::broken_key("");
    stored_with_prefix(&prefix)
        .into_iter()
        .map(|(key, text)| (key[prefix.len()..].to_owned(), text))
        .collect()
}
