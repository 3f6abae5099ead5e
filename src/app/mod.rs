//! The browser shell: Leptos components over the pure core.
//!
//! The whole open draft lives in one signal ([`Doc`]: the report and what
//! was typed but is not yet a value). Inputs are uncontrolled: each is drawn
//! once from the model and writes its one field back on every keystroke;
//! validation, derived figures and sentences are signals read from the doc.
//! Structural edits (add, remove, move) and opening another draft redraw
//! the editor from the model (`layout`), which keeps inputs and model in step
//! without diffing hundreds of fields on every keystroke.

mod aggregation;
mod fields;
mod files;
mod journal;
mod narrative;
mod print;
mod sections;
mod storage;
mod toolbar;

use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use cchc_core::draft::{self, StoredDraft, STORAGE_VERSION};
use cchc_core::period::ReportKind;
use cchc_core::report::Report;
use cchc_core::rules::{self, Issue, PendingInputs};

/// How long after the last keystroke the draft is written to storage.
const SAVE_DELAY: Duration = Duration::from_millis(300);

pub fn start() {
    cchc_core::text::install_normalizer(browser_normalize);
    journal::restore_then(|| leptos::mount::mount_to_body(App));
}

/// Unicode normalisation by the browser (`String.prototype.normalize`), so
/// that the wasm carries no Unicode tables.
fn browser_normalize(text: &str, form: cchc_core::text::Form) -> String {
    let name = match form {
        cchc_core::text::Form::Composed => "NFC",
        cchc_core::text::Form::Decomposed => "NFD",
    };
    js_sys::JsString::from(text).normalize(name).into()
}

/// What is being edited: the report and the typed texts that are not values.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub report: Report,
    pub pending: PendingInputs,
}

/// The open draft's identity in storage.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftMeta {
    pub id: String,
    pub name: String,
    pub named_by_user: bool,
    pub exports: u32,
}

/// What the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Editor,
    /// The document as it prints (`Xem bản in`).
    Print,
    /// Many units' files added up (`Tổng hợp nhiều báo cáo`).
    Aggregate,
}

/// A message shown in the banner above the editor.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// Everything the components share. All fields are signals, so it is `Copy`.
#[derive(Clone, Copy)]
pub struct Editor {
    pub doc: RwSignal<Doc>,
    pub issues: Memo<Vec<Issue>>,
    /// Bumped to redraw the editor from the model.
    pub layout: RwSignal<u64>,
    pub meta: RwSignal<DraftMeta>,
    pub saved_at: RwSignal<Option<f64>>,
    pub notice: RwSignal<Option<Notice>>,
    pub drafts: RwSignal<draft::DraftIndex>,
    /// The open draft is an untouched `Báo cáo mới`: it is dropped rather
    /// than kept in the list when another draft is opened.
    pristine: StoredValue<bool>,
    /// The issues of each drawn field, as one signal per path, updated only
    /// where they changed: a keystroke then wakes a few fields, not all.
    issue_slots: StoredValue<HashMap<String, ArcRwSignal<Vec<Issue>>>>,
    /// Another tab changed this draft: autosave waits for the user's choice.
    pub conflict: RwSignal<bool>,
    /// The last period's figures, shown beside each figure.
    pub previous: RwSignal<Option<cchc_core::report::Figures>>,
    /// An opened file waiting for the user's choice.
    pub import: RwSignal<Option<files::PendingImport>>,
    /// What the page shows: the editor, the print view or the aggregation.
    pub screen: RwSignal<Screen>,
    /// The files opened on the aggregation page, as judged.
    pub received: RwSignal<Vec<cchc_core::aggregate::ReceivedFile>>,
    /// Changes wait to be written (the save runs [`SAVE_DELAY`] after the last).
    pub unsaved: RwSignal<bool>,
    save_timer: StoredValue<Option<TimeoutHandle>>,
}

impl Editor {
    fn new() -> Editor {
        let doc = RwSignal::new(Doc {
            report: Report::new(ReportKind::FirstQuarter, 2025),
            pending: PendingInputs::new(),
        });
        let issues = Memo::new(move |_| doc.with(|doc| rules::check(&doc.report, &doc.pending)));
        Editor {
            doc,
            issues,
            layout: RwSignal::new(0),
            meta: RwSignal::new(DraftMeta {
                id: String::new(),
                name: String::new(),
                named_by_user: false,
                exports: 0,
            }),
            saved_at: RwSignal::new(None),
            notice: RwSignal::new(None),
            drafts: RwSignal::new(draft::DraftIndex::default()),
            conflict: RwSignal::new(false),
            import: RwSignal::new(None),
            previous: RwSignal::new(None),
            unsaved: RwSignal::new(false),
            screen: RwSignal::new(Screen::Editor),
            received: RwSignal::new(Vec::new()),
            pristine: StoredValue::new(false),
            issue_slots: StoredValue::new(HashMap::new()),
            save_timer: StoredValue::new(None),
        }
    }

    /// Applies one edit and schedules the save.
    pub fn modify(&self, edit: impl FnOnce(&mut Doc)) {
        self.doc.update(edit);
        self.pristine.set_value(false);
        self.unsaved.set(true);
        if let Some(timer) = self.save_timer.get_value() {
            timer.clear();
        }
        let editor = *self;
        let timer = set_timeout_with_handle(move || editor.flush(), SAVE_DELAY).ok();
        self.save_timer.set_value(timer);
    }

    /// A structural edit: applies it, redraws the editor and then focuses
    /// the element with id `focus` (the moved item, the new paragraph).
    pub fn restructure(&self, focus: Option<String>, edit: impl FnOnce(&mut Doc)) {
        self.modify(edit);
        self.redraw(focus);
    }

    pub fn redraw(&self, focus: Option<String>) {
        self.layout.update(|layout| *layout += 1);
        if let Some(id) = focus {
            request_animation_frame(move || focus_element(&id));
        }
    }

    /// The issues at `path`, as a signal that changes only when they do.
    pub fn issues_signal(&self, path: &str) -> ArcRwSignal<Vec<Issue>> {
        if let Some(slot) = self
            .issue_slots
            .with_value(|slots| slots.get(path).cloned())
        {
            return slot;
        }
        let slot = ArcRwSignal::new(self.issues_at_untracked(path));
        self.issue_slots
            .update_value(|slots| _ = slots.insert(path.to_owned(), slot.clone()));
        slot
    }

    /// Hands each field's signal its new issues, where they changed.
    fn dispatch_issues(&self) {
        let issues = self.issues.get();
        let mut by_path: HashMap<&str, Vec<Issue>> = HashMap::new();
        for issue in &issues {
            by_path.entry(&issue.path).or_default().push(issue.clone());
        }
        self.issue_slots.with_value(|slots| {
            for (path, slot) in slots {
                let new = by_path.remove(path.as_str()).unwrap_or_default();
                if slot.with_untracked(|old| *old != new) {
                    slot.set(new);
                }
            }
        });
    }

    fn issues_at_untracked(&self, path: &str) -> Vec<Issue> {
        self.issues.with_untracked(|issues| {
            issues
                .iter()
                .filter(|issue| issue.path == path)
                .cloned()
                .collect()
        })
    }

    /// Saves now if anything changed since the last save.
    pub fn flush(&self) {
        if let Some(timer) = self.save_timer.get_value() {
            timer.clear();
            self.save_timer.set_value(None);
        }
        if self.unsaved.get_untracked() {
            self.save_now();
        }
    }

    /// Writes the open draft and its line in the drafts list.
    pub fn save_now(&self) {
        if self.conflict.get_untracked() {
            return;
        }
        let stored = self.stored(js_sys::Date::now());
        match storage::write_draft(&stored) {
            Ok(()) => {
                self.unsaved.set(false);
                self.saved_at.set(Some(stored.saved_at));
                // A successful save ends the "storage full" message only.
                if self
                    .notice
                    .with_untracked(|n| n.as_ref().is_some_and(|n| n.text == storage::FULL))
                {
                    self.notice.set(None);
                }
                self.record(&stored);
            }
            Err(message) => self.notice.set(Some(Notice {
                text: message,
                is_error: true,
            })),
        }
    }

    fn record(&self, stored: &StoredDraft) {
        let index = storage::update_index(|index| {
            index.record(stored);
            index.last_open = Some(stored.id.clone());
        });
        self.drafts.set(index);
    }

    /// The open draft as it would be stored.
    pub fn stored(&self, saved_at: f64) -> StoredDraft {
        let meta = self.meta.get_untracked();
        let (report, pending) = self
            .doc
            .with_untracked(|doc| (doc.report.clone(), doc.pending.clone()));
        let mut stored = StoredDraft {
            storage_version: STORAGE_VERSION,
            id: meta.id,
            name: meta.name,
            named_by_user: meta.named_by_user,
            exports: meta.exports,
            saved_at,
            report,
            pending,
            previous: self.previous.get_untracked(),
        };
        stored.name = stored.current_name();
        stored
    }

    /// Shows `stored` in the editor.
    pub fn open(&self, stored: StoredDraft) {
        self.flush();
        let current = self.meta.get_untracked().id;
        if self.pristine.get_value() && current != stored.id {
            storage::delete_draft(&current);
            storage::update_index(|index| index.remove(&current));
        }
        self.pristine.set_value(false);
        self.conflict.set(false);
        self.meta.set(DraftMeta {
            id: stored.id.clone(),
            name: stored.current_name(),
            named_by_user: stored.named_by_user,
            exports: stored.exports,
        });
        self.saved_at.set(Some(stored.saved_at));
        self.previous.set(stored.previous.clone());
        self.doc.set(Doc {
            report: stored.report.clone(),
            pending: stored.pending.clone(),
        });
        self.unsaved.set(false);
        self.record(&stored);
        self.redraw(None);
    }

    /// Starts a new draft holding `report` and saves it at once. An empty
    /// report stays `pristine` until its first change.
    pub fn open_new(
        &self,
        report: Report,
        name: Option<String>,
        previous: Option<cchc_core::report::Figures>,
    ) {
        let empty = report == Report::new(report.period.kind, report.period.year);
        let mut stored = StoredDraft {
            storage_version: STORAGE_VERSION,
            id: storage::new_id(),
            name: name.clone().unwrap_or_default(),
            named_by_user: name.is_some(),
            exports: 0,
            saved_at: js_sys::Date::now(),
            report,
            pending: PendingInputs::new(),
            previous,
        };
        stored.name = stored.current_name();
        self.open(stored);
        self.unsaved.set(true);
        self.save_now();
        self.pristine.set_value(empty);
    }

    /// Shows `screen`, then focuses the element with id `focus` (the
    /// control that leads back where the user came from).
    pub fn show(&self, screen: Screen, focus: &'static str) {
        self.flush();
        self.screen.set(screen);
        request_animation_frame(move || focus_element(focus));
    }

    /// Opens the stored draft `id`, or says why it cannot be opened.
    pub fn open_stored(&self, id: &str) -> bool {
        match storage::read_draft(id) {
            Ok(Some(stored)) => {
                self.open(stored);
                true
            }
            Ok(None) => {
                self.drafts
                    .set(storage::update_index(|index| index.remove(id)));
                false
            }
            Err(error) => {
                self.drafts
                    .set(storage::update_index(|index| index.remove(id)));
                self.notice.set(Some(Notice {
                    text: error.message(),
                    is_error: true,
                }));
                false
            }
        }
    }
}

/// Focuses the element with `id`, or the first field of the list or section
/// marked with `data-path` = `id`.
pub fn focus_element(id: &str) {
    let document = document();
    let element = document.get_element_by_id(id).or_else(|| {
        document
            .query_selector(&format!("[data-path=\"{id}\"]"))
            .ok()
            .flatten()
    });
    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Draws `children` as new elements each time `key` changes, rather than
/// patching the old ones: an uncontrolled input keeps what the user typed
/// in its value property, so after a structural change it must be a new
/// input drawn from the model.
pub fn redrawn_on(
    key: impl Fn() -> u64 + Send + 'static,
    children: impl Fn() -> AnyView + Send + Clone + 'static,
) -> impl IntoView {
    view! { <For each=move || [key()] key=|key| *key children=move |_| children() /> }
}

/// The report `Báo cáo mới` starts: the one whose period is running today.
fn new_report() -> Report {
    let now = js_sys::Date::new_0();
    let today = cchc_core::date::Date::new(
        now.get_full_year() as i32,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    );
    let (kind, year) = today
        .map(ReportKind::current)
        .unwrap_or((ReportKind::FirstQuarter, 2025));
    Report::new(kind, year)
}

#[component]
fn App() -> impl IntoView {
    let editor = Editor::new();
    Effect::new(move |_| editor.dispatch_issues());
    let index = storage::update_index(|_| {});
    editor.drafts.set(index.clone());
    let reopened = index
        .last_open
        .as_deref()
        .or(index.drafts.first().map(|line| line.id.as_str()))
        .is_some_and(|id| editor.open_stored(id));
    if !reopened {
        editor.open_new(new_report(), None, None);
    }
    if let Err(message) = storage::check_available() {
        editor.notice.set(Some(Notice {
            text: message,
            is_error: true,
        }));
    }
    storage::watch(editor);
    files::watch_drops(editor);

    view! {
        <div class="editor-shell" hidden=move || editor.screen.get() != Screen::Editor>
        {toolbar::app_bar(editor)}
        <div class="layout">
            {toolbar::contents()}
            <main id="editor">
                {toolbar::notice_banner(editor)}
                {files::import_banner(editor)}
                {redrawn_on(
                    move || editor.layout.get(),
                    move || {
                        view! {
                            {sections::header_and_period(editor)}
                            {narrative::narrative(editor)}
                            {sections::figures(editor)}
                            {sections::appendix(editor)}
                            {sections::closing(editor)}
                        }
                        .into_any()
                    },
                )}
            </main>
            {toolbar::summary(editor)}
        </div>
        </div>
        {print::print_view(editor)}
        {aggregation::page(editor)}
    }
}
