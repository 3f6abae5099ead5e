//! A copy of every stored value in IndexedDB, read back at start.
//!
//! Chromium keeps localStorage writes in memory for a few seconds before it
//! writes them to disk, so a browser killed (or a PC switched off) right
//! after a keystroke would lose it. An IndexedDB transaction is on disk when
//! it completes, so each save is also written here, and at start the newer
//! copy of each value is put back into localStorage
//! ([`cchc_core::draft::journal_wins`]) before the app reads it.

use std::cell::RefCell;

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode};

use cchc_core::draft;

const DATABASE: &str = "bao-cao-cchc";
const STORE: &str = "journal";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// Runs `callback` once `request` succeeds (with its result) or fails (with `None`).
fn on_done(request: &IdbRequest, callback: impl FnOnce(Option<JsValue>) + 'static) {
    let callback = std::rc::Rc::new(RefCell::new(Some(callback)));
    let success = {
        let callback = callback.clone();
        Closure::once_into_js(move |event: web_sys::Event| {
            let result = event
                .target()
                .and_then(|target| target.dyn_into::<IdbRequest>().ok())
                .and_then(|request| request.result().ok());
            if let Some(callback) = callback.borrow_mut().take() {
                callback(result);
            }
        })
    };
    let failure = Closure::once_into_js(move |_: web_sys::Event| {
        if let Some(callback) = callback.borrow_mut().take() {
            callback(None);
        }
    });
    request.set_onsuccess(Some(success.unchecked_ref()));
    request.set_onerror(Some(failure.unchecked_ref()));
}

/// Opens the journal, puts its newer copies back into localStorage, then
/// runs `ready`. Without IndexedDB, `ready` runs at once.
pub fn restore_then(ready: impl FnOnce() + 'static) {
    let ready = std::rc::Rc::new(RefCell::new(Some(ready)));
    let run = move || {
        if let Some(ready) = ready.borrow_mut().take() {
            ready();
        }
    };
    let Some(factory) = web_sys::window().and_then(|window| window.indexed_db().ok().flatten())
    else {
        return run();
    };
    let Ok(open) = factory.open_with_u32(DATABASE, 1) else {
        return run();
    };
    let upgrade = Closure::once_into_js({
        let open = open.clone();
        move |_: web_sys::Event| {
            if let Ok(db) = open.result().and_then(|db| db.dyn_into::<IdbDatabase>()) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    open.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    on_done(&open, move |db| {
        let Some(db) = db.and_then(|db| db.dyn_into::<IdbDatabase>().ok()) else {
            return run();
        };
        DB.with(|slot| *slot.borrow_mut() = Some(db.clone()));
        let store = db
            .transaction_with_str(STORE)
            .and_then(|transaction| transaction.object_store(STORE));
        let Ok(store) = store else {
            return run();
        };
        let (Ok(keys), Ok(values)) = (store.get_all_keys(), store.get_all()) else {
            return run();
        };
        on_done(&keys, move |keys| {
            on_done(&values, move |values| {
                if let (Some(keys), Some(values)) = (keys, values) {
                    put_back(&keys.into(), &values.into());
                }
                run();
            });
        });
    });
}

/// Writes each journaled value that is newer than localStorage's copy.
fn put_back(keys: &js_sys::Array, values: &js_sys::Array) {
    let local = LocalStorage::raw();
    for (key, value) in keys.iter().zip(values.iter()) {
        let (Some(key), Some(value)) = (key.as_string(), value.as_string()) else {
            continue;
        };
        let current = local.get_item(&key).ok().flatten();
        if draft::journal_wins(current.as_deref(), &value) {
            // An unreadable local copy is kept aside, not overwritten.
            if let (Some(current), Some(aside)) = (&current, draft::set_aside_key(&key)) {
                if serde_json::from_str::<serde_json::Value>(current).is_err() {
                    let _ = local.set_item(&aside, current);
                }
            }
            let _ = local.set_item(&key, &value);
        }
    }
}

fn with_store(action: impl FnOnce(&web_sys::IdbObjectStore)) {
    DB.with(|slot| {
        let Some(db) = slot.borrow().clone() else {
            return;
        };
        let store = db
            .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
            .and_then(|transaction| transaction.object_store(STORE));
        if let Ok(store) = store {
            action(&store);
        }
    });
}

/// Journals `json` under `key` (the same key as in localStorage).
pub fn put(key: &str, json: &str) {
    with_store(|store| {
        let _ = store.put_with_key(&JsValue::from_str(json), &JsValue::from_str(key));
    });
}

/// Forgets `key`, so that a deleted draft does not come back at start.
pub fn delete(key: &str) {
    with_store(|store| {
        let _ = store.delete(&JsValue::from_str(key));
    });
}
