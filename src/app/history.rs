//! Each draft's earlier states (`Lịch sử`, with `Khôi phục` and its undo)
//! and the drafts deleted in the last 30 days (`Bản nháp đã xóa`), kept in
//! an IndexedDB database of their own: localStorage is too small for them.
//!
//! When a state is kept, how many stay and for how long is decided in
//! [`cchc_core::history`]; this module moves the states in and out and
//! draws the two lists.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::{IdbDatabase, IdbKeyRange, IdbTransactionMode};

use super::{idb, storage, Editor, Notice};
use cchc_core::draft::{self, StoredDraft};
use cchc_core::history::{self, Reason, State};

const DATABASE: &str = "bao-cao-cchc-lich-su";
const STORE: &str = "states";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// Runs `action` with the history's database, opening it the first time.
fn with_db(action: impl FnOnce(&IdbDatabase) + 'static) {
    idb::with_cached(&DB, DATABASE, STORE, move |db| {
        if let Some(db) = db {
            action(&db);
        }
    });
}

/// The states' lines from the records of a `getAll`.
fn states_in(records: Option<JsValue>) -> Vec<State> {
    let Some(records) = records else {
        return Vec::new();
    };
    js_sys::Array::from(&records)
        .iter()
        .filter_map(|record| js_sys::Reflect::get(&record, &"state".into()).ok())
        .filter_map(|line| line.as_string())
        .filter_map(|line| serde_json::from_str(&line).ok())
        .collect()
}

/// Keeps `json` (a stored draft) as a state of draft `draft_id`, then drops
/// the oldest states beyond the bounds. Returns the state's key.
fn keep_json(draft_id: &str, name: &str, reason: Reason, json: String, taken_at: f64) -> String {
    let state = State {
        draft_id: draft_id.to_owned(),
        taken_at,
        reason,
        name: name.to_owned(),
        bytes: json.len(),
    };
    let key = state.key();
    let record = js_sys::Object::new();
    let line = serde_json::to_string(&state).expect("a state line always serialises");
    let _ = js_sys::Reflect::set(&record, &"state".into(), &line.into());
    let _ = js_sys::Reflect::set(&record, &"draft".into(), &json.into());
    let draft_id = state.draft_id;
    let stored_key = key.clone();
    with_db(move |db| {
        let Some(store) = idb::store(db, STORE, IdbTransactionMode::Readwrite) else {
            return;
        };
        let _ = store.put_with_key(&record, &stored_key.into());
        let (low, high) = history::key_range(&draft_id);
        let Ok(range) = IdbKeyRange::bound(&low.into(), &high.into()) else {
            return;
        };
        let Ok(request) = store.get_all_with_key(&range) else {
            return;
        };
        idb::on_done(&request, move |records| {
            for key in history::to_drop(&states_in(records)) {
                let _ = store.delete(&key.into());
            }
        });
    });
    key
}

/// Keeps `stored` as a state of its draft.
pub fn keep(reason: Reason, stored: &StoredDraft, taken_at: f64) -> String {
    let json = serde_json::to_string(stored).expect("a stored draft always serialises");
    keep_json(&stored.id, &stored.current_name(), reason, json, taken_at)
}

/// Keeps the copy of draft `id` that storage holds now (before it is
/// overwritten or deleted). False when there is none.
pub fn keep_stored(id: &str, reason: Reason, taken_at: f64) -> bool {
    let Some(json) = storage::read_raw(&draft::draft_key(id)) else {
        return false;
    };
    let name =
        draft::read_draft(&json).map_or_else(|_| id.to_owned(), |stored| stored.current_name());
    keep_json(id, &name, reason, json, taken_at);
    true
}

/// Hands `then` the states of every draft, by draft then oldest first.
fn read_states(then: impl FnOnce(Vec<State>) + 'static) {
    with_db(move |db| {
        let Some(store) = idb::store(db, STORE, IdbTransactionMode::Readonly) else {
            return;
        };
        if let Ok(request) = store.get_all() {
            idb::on_done(&request, move |records| then(states_in(records)));
        }
    });
}

/// Hands `then` the stored draft kept under `key`, if it reads.
fn read_state(key: String, then: impl FnOnce(Option<StoredDraft>) + 'static) {
    with_db(move |db| {
        let Some(store) = idb::store(db, STORE, IdbTransactionMode::Readonly) else {
            return then(None);
        };
        let Ok(request) = store.get(&key.into()) else {
            return then(None);
        };
        idb::on_done(&request, move |record| {
            let json = record
                .and_then(|record| js_sys::Reflect::get(&record, &"draft".into()).ok())
                .and_then(|json| json.as_string());
            then(json.and_then(|json| draft::read_draft(&json).ok()))
        });
    });
}

/// What the history panel shows, and the restore that can be undone.
#[derive(Clone, Copy)]
pub struct History {
    /// The panel is open.
    pub shown: RwSignal<bool>,
    /// The open draft's states, newest first.
    pub states: RwSignal<Vec<State>>,
    /// Drafts deleted in the last 30 days, newest first.
    pub deleted: RwSignal<Vec<State>>,
    /// The state kept just before the last `Khôi phục`: restoring it undoes it.
    pub undo: RwSignal<Option<String>>,
    /// When the open draft's last editing state was kept (reset on opening).
    pub last_kept: StoredValue<Option<f64>>,
}

impl History {
    pub fn new() -> History {
        History {
            shown: RwSignal::new(false),
            states: RwSignal::new(Vec::new()),
            deleted: RwSignal::new(Vec::new()),
            undo: RwSignal::new(None),
            last_kept: StoredValue::new(None),
        }
    }
}

impl Editor {
    /// Runs `read` on the ids of the drafts in the list.
    fn with_live_ids<R>(&self, read: impl FnOnce(&[&str]) -> R) -> R {
        self.drafts.with_untracked(|index| {
            let live: Vec<&str> = index.drafts.iter().map(|line| line.id.as_str()).collect();
            read(&live)
        })
    }

    /// Before a save at `now` overwrites the stored copy: keeps that copy
    /// as a state, the first time after opening and then every ten minutes.
    pub fn keep_editing_state(&self, now: f64) {
        if history::editing_state_due(self.history.last_kept.get_value(), now)
            && keep_stored(&self.meta.get_untracked().id, Reason::Editing, now)
        {
            self.history.last_kept.set_value(Some(now));
        }
    }

    /// Reads both lists again, if the panel is open.
    pub fn refresh_history(&self) {
        if !self.history.shown.get_untracked() {
            return;
        }
        let editor = *self;
        let id = self.meta.get_untracked().id;
        // One read for both lists.
        read_states(move |states| {
            let deleted = editor
                .with_live_ids(|live| history::deleted_drafts(&states, live, js_sys::Date::now()));
            editor.history.deleted.set(deleted);
            let mut own: Vec<State> = states
                .into_iter()
                .filter(|state| state.draft_id == id)
                .collect();
            own.reverse();
            editor.history.states.set(own);
        });
    }

    /// `Khôi phục`: brings back the state kept under `key` as the open
    /// draft's current state, after keeping the current one (to undo it).
    pub fn restore_state(&self, key: String) {
        let editor = *self;
        read_state(key, move |stored| {
            let Some(mut restored) = stored else {
                return editor.say(Notice::error(
                    "Không đọc được trạng thái đã lưu này của bản nháp; bản nháp hiện tại giữ nguyên.",
                ));
            };
            editor.flush();
            let now = js_sys::Date::now();
            let live = editor.with_live_ids(|live| live.contains(&restored.id.as_str()));
            let undo = if live {
                // The draft as it is now, so that the restore can be undone.
                let current = storage::read_draft(&restored.id).ok().flatten();
                current.map(|current| keep(Reason::BeforeRestore, &current, now))
            } else {
                None
            };
            restored.saved_at = now;
            if let Err(message) = storage::write_draft(&restored) {
                return editor.say(Notice::error(message));
            }
            let name = restored.current_name();
            if editor.open(restored) {
                editor.history.last_kept.set_value(Some(now));
                editor.history.undo.set(undo);
                editor.say(Notice::info(format!("Đã khôi phục bản nháp «{name}».")));
            }
            editor.refresh_history();
        });
    }
}

/// A list of states, each with its `Khôi phục` button.
fn state_list(
    editor: Editor,
    id: &'static str,
    states: RwSignal<Vec<State>>,
    empty: &'static str,
) -> impl IntoView {
    let list = move || {
        let states = states.get();
        if states.is_empty() {
            return view! { <p class="history-empty">{empty}</p> }.into_any();
        }
        let items = states
            .into_iter()
            .map(|state| {
                let when = super::toolbar::date_time(state.taken_at);
                let key = state.key();
                let restore = move |_| editor.restore_state(key.clone());
                view! {
                    <li>
                        <span class="history-when">{when}</span>
                        " · "
                        <span class="history-reason">{state.reason.label()}</span>
                        " · "
                        <span class="history-name">{state.name}</span>
                        " "
                        <button type="button" on:click=restore>"Khôi phục"</button>
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="history-states">{items}</ol> }.into_any()
    };
    view! { <div id=id>{list}</div> }
}

/// The `Lịch sử` panel: the open draft's states, the undo of the last
/// restore, and the drafts deleted in the last 30 days.
pub fn panel(editor: Editor) -> impl IntoView {
    let undo = move |_| {
        if let Some(key) = editor.history.undo.get_untracked() {
            editor.restore_state(key);
        }
    };
    let close = move |_| editor.history.shown.set(false);
    view! {
        <section id="lich-su" class="history" hidden=move || !editor.history.shown.get()
            aria-labelledby="lich-su-title">
            <h2 id="lich-su-title">"Lịch sử bản nháp"</h2>
            <p>
                "Các trạng thái trước của bản nháp đang mở (ít nhất 10 phút một lần khi soạn, trước khi mở tệp thay thế, mỗi lần xuất tệp JSON). «Khôi phục» đưa trạng thái đó trở lại; bản hiện tại được giữ lại để hoàn tác."
            </p>
            <p hidden=move || editor.history.undo.with(Option::is_none)>
                <button type="button" id="hoan-tac-khoi-phuc" on:click=undo>"Hoàn tác khôi phục"</button>
            </p>
            {state_list(editor, "trang-thai-truoc", editor.history.states, "Bản nháp này chưa có trạng thái nào được lưu lại.")}
            <h3 id="ban-nhap-da-xoa">"Bản nháp đã xóa (giữ 30 ngày)"</h3>
            {state_list(editor, "danh-sach-da-xoa", editor.history.deleted, "Không có bản nháp nào bị xóa trong 30 ngày qua.")}
            <button type="button" on:click=close>"Đóng lịch sử"</button>
        </section>
    }
}

/// At start: drops the states of drafts deleted more than 30 days ago.
pub fn forget_expired(editor: Editor) {
    read_states(move |states| {
        let expired =
            editor.with_live_ids(|live| history::expired(&states, live, js_sys::Date::now()));
        if expired.is_empty() {
            return;
        }
        with_db(move |db| {
            if let Some(store) = idb::store(db, STORE, IdbTransactionMode::Readwrite) {
                for key in expired {
                    let _ = store.delete(&key.into());
                }
            }
        });
    });
}
