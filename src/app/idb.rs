//! The little of IndexedDB the app needs, over web-sys: open a database of
//! one object store, and hear when a request is done. The journal and the
//! drafts' history each keep one such database.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransactionMode};

/// Runs `callback` once `request` succeeds (with its result) or fails (with `None`).
pub fn on_done(request: &IdbRequest, callback: impl FnOnce(Option<JsValue>) + 'static) {
    let callback = Rc::new(RefCell::new(Some(callback)));
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

/// Opens (creating it the first time) the database `name` with its one
/// object store `store_name`, and hands it to `then`; `None` where the
/// browser has no IndexedDB or refuses it.
pub fn open(
    name: &str,
    store_name: &'static str,
    then: impl FnOnce(Option<IdbDatabase>) + 'static,
) {
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
