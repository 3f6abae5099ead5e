//! The open draft's life cycle: opening a stored draft under its template,
//! starting a new one, keeping the drafts list, renaming, copying and
//! deleting. What a draft holds, how it is named and how an imported file
//! replaces one are decided in [`cchc_core::draft`]; storage is
//! [`super::storage`]'s.

use std::sync::Arc;

use leptos::prelude::*;

use cchc_core::draft::{StoredDraft, STORAGE_VERSION};
use cchc_core::report::{Figures, Report};
use cchc_core::template::Template;

use super::{current_period, history, storage, templates, Doc, Editor, Notice};
use cchc_core::history::Reason;
use cchc_core::template;

/// The open draft's identity in storage.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DraftMeta {
    pub id: String,
    pub name: String,
    pub named_by_user: bool,
    pub exports: u32,
}

impl Editor {
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

    /// Records `stored` as the last opened in the drafts list.
    pub(super) fn record(&self, stored: &StoredDraft) {
        let index = storage::update_index(|index| {
            index.record(stored);
            index.last_open = Some(stored.id.clone());
        });
        self.drafts.set(index);
    }

    /// The template `report` is written under, if this browser has it.
    fn template_of(&self, report: &Report) -> Option<Arc<Template>> {
        let wanted = report.template.as_ref()?;
        template::find(&self.templates.get_untracked(), wanted)
    }

    /// Shows `stored` in the editor; says why when its template is missing.
    pub fn open(&self, stored: StoredDraft) -> bool {
        let Some(template) = self.template_of(&stored.report) else {
            let name = stored
                .report
                .template
                .as_ref()
                .map_or_else(String::new, |t| {
                    format!("«{}» phiên bản {}", t.id, t.version)
                });
            self.say(Notice::error(format!(
                "Không mở được bản nháp «{}»: trình duyệt này không có mẫu báo cáo {name} của nó. Hãy mở tệp mẫu báo cáo đó (nút «Mở tệp mẫu báo cáo») rồi chọn lại bản nháp.",
                stored.current_name()
            )));
            return false;
        };
        // A draft is the app's own writing, but storage can be changed by
        // hand or by another program: what its template cannot read is
        // named, and kept as it is until typed over.
        let mut stored = stored;
        let problems = match template.read_figures(&stored.report.figures) {
            Ok(figures) => {
                stored.report.figures = figures;
                Vec::new()
            }
            Err(problems) => problems,
        };
        self.flush();
        let current = self.meta.get_untracked().id;
        if self.pristine.get_value() && current != stored.id {
            storage::delete_draft(&current);
            storage::update_index(|index| index.remove(&current));
        }
        self.pristine.set_value(false);
        self.conflict.set(None);
        self.history.last_kept.set_value(None);
        self.history.undo.set(None);
        self.meta.set(DraftMeta {
            id: stored.id.clone(),
            name: stored.current_name(),
            named_by_user: stored.named_by_user,
            exports: stored.exports,
        });
        self.saving.saved_at.set(Some(stored.saved_at));
        self.previous.set(stored.previous.clone());
        self.template.set(template);
        self.doc.set(Doc {
            report: stored.report.clone(),
            pending: stored.pending.clone(),
        });
        self.saving.unsaved.set(false);
        self.record(&stored);
        self.redraw(None);
        if !problems.is_empty() {
            self.say(Notice {
                text: "Một số số liệu lưu trong bản nháp không đọc được theo mẫu báo cáo của nó và đang để trống; dữ liệu lưu vẫn giữ nguyên cho tới khi nhập lại ô đó.".to_owned(),
                is_error: true,
                details: problems,
            });
        }
        true
    }

    /// Whether `report` is a `Báo cáo mới` nobody has typed into.
    pub fn is_untouched(&self, report: &Report) -> bool {
        self.template_of(report).is_some_and(|template| {
            *report == Report::new(&template, report.period.kind, report.period.year)
        })
    }

    /// Starts a new draft holding `report` and saves it at once. An empty
    /// report stays `pristine` until its first change.
    pub fn open_new(&self, report: Report, previous: Option<Figures>) {
        let empty = self.is_untouched(&report);
        let mut stored = StoredDraft::new(storage::new_id(), report, js_sys::Date::now());
        stored.previous = previous;
        if self.open(stored) {
            self.saving.unsaved.set(true);
            self.save_now();
            self.pristine.set_value(empty);
        }
    }

    /// `Báo cáo mới`: the running period's report, under the chosen template.
    pub fn new_report(&self) {
        let (kind, year) = current_period();
        let template = templates::chosen(&self.templates.get_untracked());
        self.open_new(Report::new(&template, kind, year), None);
    }

    /// Opens the stored draft `id`, or says why it cannot be opened.
    pub fn open_stored(&self, id: &str) -> bool {
        match storage::read_draft(id) {
            Ok(Some(stored)) => self.open(stored),
            Ok(None) => {
                self.drafts
                    .set(storage::update_index(|index| index.remove(id)));
                false
            }
            Err(error) => {
                self.drafts
                    .set(storage::update_index(|index| index.remove(id)));
                self.say(Notice::error(error.message()));
                false
            }
        }
    }

    /// At start: the draft open last, else a new report.
    pub fn open_last_or_new(&self) {
        let index = storage::update_index(|_| {});
        self.drafts.set(index.clone());
        let reopened = index
            .last_open
            .as_deref()
            .or(index.drafts.first().map(|line| line.id.as_str()))
            .is_some_and(|id| self.open_stored(id));
        if !reopened {
            self.new_report();
        }
    }

    /// Gives the open draft the user's `name`.
    pub fn rename_open(&self, name: String) {
        self.meta.update(|meta| {
            meta.name = name;
            meta.named_by_user = true;
        });
        self.save_changed();
    }

    /// Opens a copy of the open draft, `... (bản sao)`.
    pub fn duplicate_open(&self) {
        self.flush();
        self.open_copy_of(self.stored(js_sys::Date::now()));
    }

    /// Opens and saves a copy of `stored` under a new id.
    fn open_copy_of(&self, stored: StoredDraft) {
        self.open(stored.copy(storage::new_id(), js_sys::Date::now()));
        self.save_changed();
    }

    /// Another tab saved this draft, and the user keeps this tab's copy:
    /// it is saved over the other's, which is kept in the history.
    pub fn keep_mine(&self) {
        let id = self.meta.get_untracked().id;
        let _ = history::keep_stored(&id, Reason::OtherTab, js_sys::Date::now());
        self.conflict.set(None);
        self.save_now();
        self.refresh_history();
    }

    /// The user takes the other tab's copy: this tab's is kept in the history.
    pub fn take_theirs(&self) {
        let now = js_sys::Date::now();
        history::keep(Reason::ThisTab, &self.stored(now), now);
        self.saving.unsaved.set(false);
        self.open_stored(&self.meta.get_untracked().id);
        self.refresh_history();
    }

    /// The user keeps both: the other tab's copy stays the draft, this
    /// tab's becomes a new draft (`... (bản sao)`).
    pub fn keep_both(&self) {
        let mine = self.stored(js_sys::Date::now());
        self.conflict.set(None);
        self.saving.unsaved.set(false);
        self.open_copy_of(mine);
    }

    /// Deletes the open draft and opens the next one (or a new report).
    /// It stays restorable for 30 days (`Bản nháp đã xóa`).
    pub fn delete_open(&self) {
        let meta = self.meta.get_untracked();
        self.flush();
        let _ = history::keep_stored(&meta.id, Reason::Deleted, js_sys::Date::now());
        storage::delete_draft(&meta.id);
        let index = storage::update_index(|index| index.remove(&meta.id));
        self.drafts.set(index.clone());
        let next = index.drafts.first().map(|line| line.id.clone());
        if !next.is_some_and(|id| self.open_stored(&id)) {
            self.new_report();
        }
        self.say(Notice::info(format!(
            "Đã xóa bản nháp «{}». Có thể khôi phục trong 30 ngày ở «Lịch sử» → «Bản nháp đã xóa».",
            meta.name
        )));
        self.refresh_history();
    }
}
