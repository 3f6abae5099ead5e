//! Saving: every change is written 300 ms after the last keystroke, and at
//! once when the page is left; the status line says when the draft was
//! last saved. Where it is written is [`super::storage`]'s business.

use std::time::Duration;

use leptos::prelude::*;

use super::{storage, Editor, Notice};

/// How long after the last keystroke the draft is written to storage.
const SAVE_DELAY: Duration = Duration::from_millis(300);

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
}

impl Autosave {
    pub fn new() -> Autosave {
        Autosave {
            unsaved: RwSignal::new(false),
            saved_at: RwSignal::new(None),
            failed: RwSignal::new(false),
            timer: StoredValue::new(None),
        }
    }

    /// Marks a change and runs `save` [`SAVE_DELAY`] after the last one.
    pub fn schedule(&self, save: impl FnOnce() + 'static) {
        self.unsaved.set(true);
        self.cancel();
        self.timer
            .set_value(set_timeout_with_handle(save, SAVE_DELAY).ok());
    }

    fn cancel(&self) {
        if let Some(timer) = self.timer.get_value() {
            timer.clear();
            self.timer.set_value(None);
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

    /// Writes the open draft and its line in the drafts list.
    pub fn save_now(&self) {
        if self.conflict.get_untracked() {
            return;
        }
        let stored = self.stored(js_sys::Date::now());
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
