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
use wasm_bindgen::JsValue;
use web_sys::{IdbDatabase, IdbTransactionMode};

use super::idb;

use cchc_core::draft;

const DATABASE: &str = "bao-cao-cchc";
const STORE: &str = "journal";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// Opens the journal, puts its newer copies back into localStorage, then
/// runs `ready`. Without IndexedDB, `ready` runs at once.
pub fn restore_then(ready: impl FnOnce() + 'static) {
    idb::with_cached(&DB, DATABASE, STORE, move |db| {
        let Some(db) = db else {
            return ready();
        };
        let Some(store) = idb::store(&db, STORE, IdbTransactionMode::Readonly) else {
            return ready();
        };
        let (Ok(keys), Ok(values)) = (store.get_all_keys(), store.get_all()) else {
            return ready();
        };
        idb::on_done(&keys, move |keys| {
            idb::on_done(&values, move |values| {
                if let (Some(keys), Some(values)) = (keys, values) {
                    put_back(&keys.into(), &values.into());
                }
                ready();
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
        let store = slot
            .borrow()
            .as_ref()
            .and_then(|db| idb::store(db, STORE, IdbTransactionMode::Readwrite));
        if let Some(store) = store {
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
