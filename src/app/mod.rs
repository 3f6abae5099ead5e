//! The browser shell: Leptos components over the pure core.
//!
//! The open draft lives in one signal ([`Doc`]: the report and what was
//! typed but is not yet a value), beside the template it is written under.
//! Inputs are uncontrolled: each is drawn once from the model and writes its
//! one field back on every keystroke; the figures are read once per change
//! ([`Editor::values`]) and validation, derived figures and sentences are
//! signals read from them. Structural edits (add, remove, move) and opening
//! another draft redraw the editor from the model (`layout`), which keeps
//! inputs and model in step without diffing hundreds of fields on every
//! keystroke.
//!
//! [`Editor`] is the handle every component shares (all signals, so it is
//! `Copy`); what it does is split by concern: the draft's life cycle in
//! [`drafts`], saving in [`autosave`], handing issues to fields in
//! [`issue_slots`], templates in [`templates`].

mod aggregation;
mod appendix_card;
mod autosave;
mod combined_report;
mod crash;
mod drafts;
mod expected_units;
mod fields;
mod figures_card;
mod files;
mod history;
mod idb;
mod issue_slots;
mod journal;
mod kept_files;
mod narrative;
mod office;
mod print;
mod sections;
mod storage;
mod templates;
mod toolbar;

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use cchc_core::facts::Facts;
use cchc_core::figures::FigureValues;
use cchc_core::period::ReportKind;
use cchc_core::report::Report;
use cchc_core::rules::{self, Issue, PendingInputs};
use cchc_core::template::Template;

pub use autosave::Autosave;
pub use drafts::DraftMeta;
pub use issue_slots::IssueSlots;

pub fn start() {
    journal::restore_then(|| {
        leptos::mount::mount_to_body(App);
        // The page painted before the app started (index.html) goes.
        if let Some(boot) = document().get_element_by_id("khoi-dong") {
            boot.remove();
        }
    });
}

/// Runs `read` on the facts of `doc` under `template` (and on the doc),
/// tracking all three.
fn read_facts<R>(
    template: RwSignal<Arc<Template>>,
    doc: RwSignal<Doc>,
    values: Memo<FigureValues>,
    read: impl FnOnce(&Facts, &Doc) -> R,
) -> R {
    template.with(|template| {
        doc.with(|doc| {
            values.with(|values| read(&Facts::with_values(template, &doc.report, values), doc))
        })
    })
}

/// What is being edited: the report and the typed texts that are not values.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub report: Report,
    pub pending: PendingInputs,
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

/// A message shown in the banner above the editor; `details` are listed
/// under it (the mistakes of a refused template).
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
    pub details: Vec<String>,
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            is_error: false,
            details: Vec::new(),
        }
    }

    pub fn error(text: impl Into<String>) -> Notice {
        Notice {
            is_error: true,
            ..Notice::info(text)
        }
    }
}

/// Everything the components share. All fields are signals, so it is `Copy`.
#[derive(Clone, Copy)]
pub struct Editor {
    pub doc: RwSignal<Doc>,
    /// The template the open draft is written under.
    pub template: RwSignal<Arc<Template>>,
    /// The figures of the open draft, read once per change.
    pub values: Memo<FigureValues>,
    pub issues: Memo<Vec<Issue>>,
    /// What each appendix row shows, in the template's order.
    pub appendix: Memo<Vec<appendix_card::RowTexts>>,
    /// Bumped to redraw the editor from the model.
    pub layout: RwSignal<u64>,
    pub meta: RwSignal<DraftMeta>,
    pub drafts: RwSignal<cchc_core::draft::DraftIndex>,
    /// The open draft is an untouched `Báo cáo mới`: it is dropped rather
    /// than kept in the list when another draft is opened.
    pristine: StoredValue<bool>,
    /// Since when another tab has changed this draft (ms since 1970): until
    /// the user chooses, what is typed here is kept in the history instead.
    pub conflict: RwSignal<Option<f64>>,
    /// The last period's figures, shown beside each figure.
    pub previous: RwSignal<Option<cchc_core::report::Figures>>,
    pub notice: RwSignal<Option<Notice>>,
    /// An opened file waiting for the user's choice.
    pub import: RwSignal<Option<files::PendingImport>>,
    /// What the page shows: the editor, the print view or the aggregation.
    pub screen: RwSignal<Screen>,
    /// The files opened on the aggregation page, as judged.
    pub received: RwSignal<Vec<cchc_core::aggregate::ReceivedFile>>,
    /// How far the picked files have been read.
    pub reading: RwSignal<aggregation::Reading>,
    /// The size in bytes of each received file kept in the browser, by name.
    pub kept_sizes: RwSignal<std::collections::BTreeMap<String, usize>>,
    /// What the aggregation page last said about the files received.
    pub aggregate_notice: RwSignal<Option<Notice>>,
    /// The templates this browser has: built in and installed.
    pub templates: RwSignal<Vec<Arc<Template>>>,
    pub saving: Autosave,
    pub history: history::History,
    /// What the page says about the browser's storage (used, kept for good).
    pub storage_line: RwSignal<Option<String>>,
    pub slots: IssueSlots,
}

impl Editor {
    fn new() -> Editor {
        let template = RwSignal::new(cchc_core::template::legacy());
        let doc = RwSignal::new(Doc {
            report: Report::new(&template.get_untracked(), ReportKind::FirstQuarter, 2025),
            pending: PendingInputs::new(),
        });
        let values = Memo::new(move |_| {
            template.with(|template| doc.with(|doc| template.values(&doc.report.figures)))
        });
        let issues = Memo::new(move |_| {
            read_facts(template, doc, values, |facts, doc| {
                rules::check(facts, &doc.pending)
            })
        });
        // Every appendix row's shown value and note, made once per change
        // (computed rows read each other) rather than once per cell.
        let appendix = Memo::new(move |_| {
            read_facts(template, doc, values, |facts, _| {
                appendix_card::texts(facts)
            })
        });
        Editor {
            doc,
            template,
            values,
            issues,
            appendix,
            layout: RwSignal::new(0),
            meta: RwSignal::new(DraftMeta::default()),
            drafts: RwSignal::new(Default::default()),
            pristine: StoredValue::new(false),
            conflict: RwSignal::new(None),
            previous: RwSignal::new(None),
            notice: RwSignal::new(None),
            import: RwSignal::new(None),
            screen: RwSignal::new(Screen::Editor),
            received: RwSignal::new(Vec::new()),
            reading: RwSignal::new(Default::default()),
            kept_sizes: RwSignal::new(Default::default()),
            aggregate_notice: RwSignal::new(None),
            templates: RwSignal::new(Vec::new()),
            saving: Autosave::new(),
            history: history::History::new(),
            storage_line: RwSignal::new(None),
            slots: IssueSlots::new(),
        }
    }

    /// Runs `read` on the open draft's facts, tracking the doc, its figures
    /// and its template: a derived view re-runs when they change.
    pub fn with_facts<R>(&self, read: impl FnOnce(&Facts) -> R) -> R {
        read_facts(self.template, self.doc, self.values, |facts, _| read(facts))
    }

    /// The same, without tracking (in event handlers).
    pub fn with_facts_untracked<R>(&self, read: impl FnOnce(&Facts) -> R) -> R {
        self.template.with_untracked(|template| {
            self.doc.with_untracked(|doc| {
                self.values.with_untracked(|values| {
                    read(&Facts::with_values(template, &doc.report, values))
                })
            })
        })
    }

    /// Applies one edit and schedules the save.
    pub fn modify(&self, edit: impl FnOnce(&mut Doc)) {
        self.doc.update(edit);
        self.pristine.set_value(false);
        let editor = *self;
        self.saving
            .schedule(move || editor.flush(), move || editor.journal_now());
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

    /// Shows `screen`, then focuses the element with id `focus` (the
    /// control that leads back where the user came from).
    pub fn show(&self, screen: Screen, focus: &'static str) {
        self.flush();
        self.screen.set(screen);
        request_animation_frame(move || focus_element(focus));
    }

    pub fn say(&self, notice: Notice) {
        self.notice.set(Some(notice));
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

/// Today by the computer's clock and time zone, as the office sees it.
pub fn today() -> Option<cchc_core::date::Date> {
    let now = js_sys::Date::new_0();
    cchc_core::date::Date::new(
        now.get_full_year() as i32,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    )
    .ok()
}

/// The period `Báo cáo mới` starts: the one whose period is running today.
fn current_period() -> (ReportKind, i32) {
    today()
        .map(ReportKind::current)
        .unwrap_or((ReportKind::FirstQuarter, 2025))
}

#[component]
fn App() -> impl IntoView {
    let editor = Editor::new();
    crash::install(editor);
    Effect::new(move |_| editor.issues.with(|issues| editor.slots.dispatch(issues)));
    let (installed, unreadable) = templates::installed();
    editor.templates.set(installed);
    if !unreadable.is_empty() {
        editor.say(Notice {
            text: "Có mẫu báo cáo lưu trong trình duyệt không đọc được; các bản nháp lập theo mẫu đó chưa mở được cho tới khi mở lại tệp mẫu (nút «Mở tệp mẫu báo cáo»).".to_owned(),
            is_error: true,
            details: unreadable,
        });
    }
    // What opening the last draft has to say comes after (and above) that.
    editor.open_last_or_new();
    if let Err(message) = storage::check_available() {
        editor.say(Notice::error(message));
    }
    storage::watch(editor);
    storage::show_storage_state(editor, false);
    history::forget_expired(editor);
    files::watch_drops(editor);

    view! {
        <div class="editor-shell" hidden=move || editor.screen.get() != Screen::Editor>
        {toolbar::app_bar(editor)}
        <div class="layout">
            {toolbar::contents()}
            <main id="editor">
                {toolbar::notice_banner(editor)}
                {toolbar::set_aside(editor)}
                {history::panel(editor)}
                {files::import_banner(editor)}
                {redrawn_on(
                    move || editor.layout.get(),
                    move || {
                        view! {
                            {sections::header_and_period(editor)}
                            {narrative::narrative(editor)}
                            {figures_card::figures(editor)}
                            {appendix_card::appendix(editor)}
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
