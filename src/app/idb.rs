//! The little of IndexedDB the app needs, over web-sys: open a database of
//! one object store, and hear when a request is done. The journal and the
//! drafts' history each keep one such database, and so do the files the
//! aggregation page received.

use std::cell::RefCell;
use std::rc::Rc;
use std::thread::LocalKey;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransactionMode};

/// Two handlers of which the first to run calls `callback` once: the first
/// with what `result` takes from its event, the second with `None`.
fn either_once<T: 'static>(
    callback: impl FnOnce(Option<T>) + 'static,
    result: impl FnOnce(web_sys::Event) -> Option<T> + 'static,
) -> (JsValue, JsValue) {
    let callback = Rc::new(RefCell::new(Some(callback)));
    let success = {
        let callback = callback.clone();
        Closure::once_into_js(move |event: web_sys::Event| {
            if let Some(callback) = callback.borrow_mut().take() {
                callback(result(event));
            }
        })
    };
    let failure = Closure::once_into_js(move |_: web_sys::Event| {
        if let Some(callback) = callback.borrow_mut().take() {
            callback(None);
        }
    });
    (success, failure)
}

/// Runs `callback` once `request` succeeds (with its result) or fails (with `None`).
pub fn on_done(request: &IdbRequest, callback: impl FnOnce(Option<JsValue>) + 'static) {
    let (success, failure) = either_once(callback, |event| {
        event
            .target()
            .and_then(|target| target.dyn_into::<IdbRequest>().ok())
            .and_then(|request| request.result().ok())
    });
    request.set_onsuccess(Some(success.unchecked_ref()));
    request.set_onerror(Some(failure.unchecked_ref()));
}

/// Runs `callback` once the transaction of `store` is on disk (true) or
/// has failed, for instance on a full disk (false).
pub fn on_complete(store: &IdbObjectStore, callback: impl FnOnce(bool) + 'static) {
    let (complete, abort) = either_once(
        move |done: Option<()>| callback(done.is_some()),
        |_| Some(()),
    );
    let transaction = store.transaction();
    transaction.set_oncomplete(Some(complete.unchecked_ref()));
    transaction.set_onabort(Some(abort.unchecked_ref()));
}

/// Runs `action` with the database `name` kept in `slot`, opening it (with
/// its one store `store_name`) the first time; `None` where it cannot be
/// opened.
pub fn with_cached(
    slot: &'static LocalKey<RefCell<Option<IdbDatabase>>>,
    name: &'static str,
    store_name: &'static str,
    action: impl FnOnce(Option<IdbDatabase>) + 'static,
) {
    if let Some(db) = slot.with(|slot| slot.borrow().clone()) {
        return action(Some(db));
    }
    open(name, store_name, move |db| {
        if let Some(db) = &db {
            slot.with(|slot| *slot.borrow_mut() = Some(db.clone()));
        }
        action(db);
    });
}

/// Opens (creating it the first time) the database `name` with its one
/// object store `store_name`, and hands it to `then`; `None` where the
/// browser has no IndexedDB or refuses it.
fn open(name: &str, store_name: &'static str, then: impl FnOnce(Option<IdbDatabase>) + 'static) {
    let Some(factory) = web_sys::window().and_then(|window| window.indexed_db().ok().flatten())
    else {
        return then(None);
    };
    let Ok(request) = factory.open_with_u32(name, 1) else {
        return then(None);
    };
    let upgrade = Closure::once_into_js({
        let request = request.clone();
        move |_: web_sys::Event| {
            if let Ok(db) = request.result().and_then(|db| db.dyn_into::<IdbDatabase>()) {
                let _ = db.create_object_store(store_name);
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    on_done(&request, move |db| {
        then(db.and_then(|db| db.dyn_into::<IdbDatabase>().ok()))
    });
}

/// The object store `store_name` of `db`, in a new transaction.
pub fn store(
    db: &IdbDatabase,
    store_name: &str,
    mode: IdbTransactionMode,
) -> Option<IdbObjectStore> {
    db.transaction_with_str_and_mode(store_name, mode)
        .and_then(|transaction| transaction.object_store(store_name))
        .ok()
}
