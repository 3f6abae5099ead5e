//! Handing each drawn field its own issues: one signal per field path,
//! changed only when that field's issues change, so that a keystroke wakes
//! a few fields rather than all of them.

use std::collections::HashMap;

use leptos::prelude::*;

use cchc_core::rules::Issue;

#[derive(Clone, Copy)]
pub struct IssueSlots {
    slots: StoredValue<HashMap<String, ArcRwSignal<Vec<Issue>>>>,
}

impl IssueSlots {
    pub fn new() -> IssueSlots {
        IssueSlots {
            slots: StoredValue::new(HashMap::new()),
        }
    }

    /// The issues at `path`, as a signal that changes only when they do;
    /// `current` are all the issues now.
    pub fn at(&self, path: &str, current: &[Issue]) -> ArcRwSignal<Vec<Issue>> {
        if let Some(slot) = self.slots.with_value(|slots| slots.get(path).cloned()) {
            return slot;
        }
        let here = current
            .iter()
            .filter(|issue| issue.path == path)
            .cloned()
            .collect();
        let slot = ArcRwSignal::new(here);
        self.slots
            .update_value(|slots| _ = slots.insert(path.to_owned(), slot.clone()));
        slot
    }

    /// Hands each field's signal its new issues, where they changed.
    pub fn dispatch(&self, issues: &[Issue]) {
        let mut by_path: HashMap<&str, Vec<Issue>> = HashMap::new();
        for issue in issues {
            by_path.entry(&issue.path).or_default().push(issue.clone());
        }
        self.slots.with_value(|slots| {
            for (path, slot) in slots {
                let new = by_path.remove(path.as_str()).unwrap_or_default();
                if slot.with_untracked(|old| *old != new) {
                    slot.set(new);
                }
            }
        });
    }
}
