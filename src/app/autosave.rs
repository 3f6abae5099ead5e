//! Saving: every change is written 300 ms after the last keystroke, and at
//! once when the page is left; the status line says when the draft was
//! last saved. Where it is written is [`super::storage`]'s business.
//!
//! Between a keystroke and that save, the draft is also copied to the
//! journal ([`super::journal`], IndexedDB) 30 ms after the keystroke:
//! localStorage reaches the disk only seconds later, so a browser killed
//! inside the save delay would otherwise lose the keystroke.

use std::time::Duration;

use leptos::prelude::*;

use super::{history, storage, Editor, Notice};
use cchc_core::history::Reason;

/// How long after the last keystroke the draft is written to storage.
const SAVE_DELAY: Duration = Duration::from_millis(300);

/// How long after the last keystroke the draft is copied to the journal:
/// after the keystroke's frame is painted, long before the save.
const JOURNAL_DELAY: Duration = Duration::from_millis(30);

/// The save timer and what the status line shows.
#[derive(Clone, Copy)]
pub struct Autosave {
    /// Changes wait to be written.
    pub unsaved: RwSignal<bool>,
    /// When the draft was last written (milliseconds since 1970).
    pub saved_at: RwSignal<Option<f64>>,
    /// The last save failed (storage full): the changes wait for room.
    pub failed: RwSignal<bool>,
    timer: StoredValue<Option<TimeoutHandle>>,
    journal_timer: StoredValue<Option<TimeoutHandle>>,
}

impl Autosave {
    pub fn new() -> Autosave {
        Autosave {
            unsaved: RwSignal::new(false),
            saved_at: RwSignal::new(None),
            failed: RwSignal::new(false),
            timer: StoredValue::new(None),
            journal_timer: StoredValue::new(None),
        }
    }

    /// Marks a change, runs `journal` [`JOURNAL_DELAY`] and `save`
    /// [`SAVE_DELAY`] after the last one.
    pub fn schedule(&self, save: impl FnOnce() + 'static, journal: impl FnOnce() + 'static) {
        self.unsaved.set(true);
        self.cancel();
        self.timer
            .set_value(set_timeout_with_handle(save, SAVE_DELAY).ok());
        self.journal_timer
            .set_value(set_timeout_with_handle(journal, JOURNAL_DELAY).ok());
    }

    fn cancel(&self) {
        for timer in [self.timer, self.journal_timer] {
            if let Some(handle) = timer.get_value() {
                handle.clear();
                timer.set_value(None);
            }
        }
    }
}

impl Editor {
    /// Saves now if anything changed since the last save.
    pub fn flush(&self) {
        self.saving.cancel();
        if self.saving.unsaved.get_untracked() {
            self.save_now();
        }
    }

    /// Saves now a change made outside the report (the draft's name, its
    /// count of exports), without re-reading the report.
    pub fn save_changed(&self) {
        self.pristine.set_value(false);
        self.saving.unsaved.set(true);
        self.flush();
    }

    /// Copies the open draft to the journal only (see the module's doc).
    pub fn journal_now(&self) {
        if self.conflict.get_untracked().is_none() {
            storage::journal_draft(&self.stored(js_sys::Date::now()));
        }
    }

    /// Writes the open draft and its line in the drafts list. While another
    /// tab's change waits for the user's choice, the draft is kept in its
    /// history instead, not over the other tab's.
    pub fn save_now(&self) {
        let now = js_sys::Date::now();
        let stored = self.stored(now);
        if let Some(since) = self.conflict.get_untracked() {
            history::keep(Reason::ThisTab, &stored, since);
            self.saving.unsaved.set(false);
            self.saving.saved_at.set(Some(now));
            self.refresh_history();
            return;
        }
        self.keep_editing_state(now);
        match storage::write_draft(&stored) {
            Ok(()) => {
                self.saving.unsaved.set(false);
                self.saving.failed.set(false);
                self.saving.saved_at.set(Some(stored.saved_at));
                // A successful save ends the "storage full" message only.
                if self
                    .notice
                    .with_untracked(|n| n.as_ref().is_some_and(|n| n.text == storage::FULL))
                {
                    self.notice.set(None);
                }
                self.record(&stored);
                storage::show_storage_state(*self, true);
            }
            Err(message) => {
                self.saving.failed.set(true);
                self.say(Notice::error(message));
            }
        }
    }
}
