//! The files the aggregation page received, kept in an IndexedDB database
//! of their own, so that the office finds the same files and the same table
//! after closing the browser. A file is kept as the browser's `File` it came
//! as (the browser copies its bytes; none pass through the page), once the
//! totals are shown, and read and judged again when read back
//! ([`cchc_core::aggregate::add_up`] decides).
//!
//! Keeping can fail (a full disk, a browser that refuses storage): the file
//! stays on the page and the office is told it will not be there next time.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{IdbDatabase, IdbTransactionMode};

use super::{idb, Editor, Notice};

const DATABASE: &str = "bao-cao-cchc-tong-hop";
const STORE: &str = "files";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// `Không lưu được tệp «x» vào bộ nhớ trình duyệt …`.
fn not_kept(what: &str) -> String {
    format!(
        "Không lưu được {what} vào bộ nhớ của trình duyệt (có thể bộ nhớ đã đầy hoặc trình duyệt chặn lưu trữ). Các tệp vẫn được cộng trên trang này nhưng sẽ không còn khi mở lại trang: hãy giải phóng bộ nhớ rồi chọn lại tệp."
    )
}

/// Says `notice` on the aggregation page.
pub fn say(editor: Editor, notice: Notice) {
    editor.aggregate_notice.set(Some(notice));
}

/// Runs `action` with the files' store in a new transaction, or says
/// `failed` when there is none.
fn with_store(
    editor: Editor,
    mode: IdbTransactionMode,
    failed: String,
    action: impl FnOnce(web_sys::IdbObjectStore, String) + 'static,
) {
    idb::with_cached(&DB, DATABASE, STORE, move |db| {
        match db.and_then(|db| idb::store(&db, STORE, mode)) {
            Some(store) => action(store, failed),
            None => say(editor, Notice::error(failed)),
        }
    });
}

/// Runs `then` once the writes asked of `store` are on disk, or says `failed`.
fn when_written(
    editor: Editor,
    store: &web_sys::IdbObjectStore,
    failed: String,
    then: impl FnOnce() + 'static,
) {
    idb::on_complete(store, move |done| {
        if done {
            then();
        } else {
            say(editor, Notice::error(failed));
        }
    });
}

/// Keeps `files` (each replacing a kept file of its name) in one
/// transaction: all of them or, when the browser refuses one, none, and
/// the office is told.
pub fn keep(editor: Editor, files: Vec<web_sys::File>) {
    let failed = match files.as_slice() {
        [] => return,
        [file] => not_kept(&format!("tệp «{}»", file.name())),
        files => not_kept(&format!("{} tệp vừa chọn", files.len())),
    };
    with_store(
        editor,
        IdbTransactionMode::Readwrite,
        failed,
        move |store, failed| {
            for file in &files {
                if store.put_with_key(file, &file.name().into()).is_err() {
                    let _ = store.transaction().abort();
                    return say(editor, Notice::error(failed));
                }
            }
            when_written(editor, &store, failed, move || {
                editor.kept_sizes.update(|sizes| {
                    sizes.extend(files.iter().map(|file| (file.name(), file.size() as usize)));
                });
            });
        },
    );
}

/// Hands `then` every kept file.
pub fn read_all(editor: Editor, then: impl FnOnce(Vec<web_sys::File>) + 'static) {
    let failed = "Không đọc được các tệp đã nhận từ bộ nhớ của trình duyệt: hãy chọn lại các tệp."
        .to_owned();
    with_store(
        editor,
        IdbTransactionMode::Readonly,
        failed,
        move |store, failed| {
            let Ok(request) = store.get_all() else {
                return say(editor, Notice::error(failed));
            };
            idb::on_done(&request, move |records| match records {
                Some(records) => then(
                    js_sys::Array::from(&records)
                        .iter()
                        .filter_map(|record| record.dyn_into::<web_sys::File>().ok())
                        .collect(),
                ),
                None => say(editor, Notice::error(failed)),
            });
        },
    );
}

/// Drops every kept file, then runs `then`; says so when that fails (the
/// files then stay, on the page and in the browser).
pub fn clear(editor: Editor, then: impl FnOnce() + 'static) {
    let failed =
        "Không xóa được các tệp đã nhận khỏi bộ nhớ trình duyệt; chưa xóa gì, hãy thử lại."
            .to_owned();
    with_store(
        editor,
        IdbTransactionMode::Readwrite,
        failed,
        move |store, failed| {
            if store.clear().is_err() {
                return say(editor, Notice::error(failed));
            }
            when_written(editor, &store, failed, then);
        },
    );
}
