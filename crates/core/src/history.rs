//! Earlier states of each draft (`Lịch sử`) and drafts deleted in the last
//! 30 days (`Bản nháp đã xóa`): when a state is kept, under which key, what
//! it is called, and which states go when the history grows too big.
//!
//! A clerk's report is weeks of work kept only in one browser: a paragraph
//! typed over, a file opened in place of the draft, another tab's copy
//! saved over this one or a draft deleted by mistake must all be undoable.
//! The browser shell keeps the states in IndexedDB; every decision is here,
//! tested on the host.

use serde::{Deserialize, Serialize};

/// At least one state per this much editing time (10 minutes, in ms).
pub const EDITING_PERIOD_MS: f64 = 10.0 * 60.0 * 1000.0;

/// How long a deleted draft stays restorable (30 days, in ms).
pub const DELETED_KEPT_MS: f64 = 30.0 * 24.0 * 60.0 * 60.0 * 1000.0;

/// At most this many states per draft…
pub const MAX_STATES: usize = 40;

/// …and at most this many bytes of them (the sample's draft is about 60 KB).
pub const MAX_BYTES: usize = 4_000_000;

/// Why a state was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// The state before the changes of the next ten minutes of editing.
    Editing,
    /// The draft as it was before an opened file replaced it.
    BeforeImport,
    /// The draft as it was exported to a JSON file.
    Export,
    /// The draft as it was before `Khôi phục` brought back an earlier state.
    BeforeRestore,
    /// The draft as it was when it was deleted.
    Deleted,
    /// Another tab's copy, before this tab's was saved over it.
    OtherTab,
    /// This tab's copy while another tab had changed the same draft.
    ThisTab,
}

impl Reason {
    /// What the history list says about a state kept for this reason.
    pub fn label(self) -> &'static str {
        match self {
            Reason::Editing => "Trong khi soạn",
            Reason::BeforeImport => "Trước khi mở tệp thay thế",
            Reason::Export => "Khi xuất tệp JSON",
            Reason::BeforeRestore => "Trước khi khôi phục",
            Reason::Deleted => "Khi xóa bản nháp",
            Reason::OtherTab => "Bản của thẻ (tab) khác, trước khi bị ghi đè",
            Reason::ThisTab => "Bản ở thẻ (tab) này khi có xung đột",
        }
    }
}

/// One kept state, without the draft itself (stored beside it), so that a
/// list of states is read without reading every draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub draft_id: String,
    /// Milliseconds since 1970.
    pub taken_at: f64,
    pub reason: Reason,
    /// The draft's name then.
    pub name: String,
    /// The length of the stored draft's JSON.
    pub bytes: usize,
}

impl State {
    /// The key it is stored under: the draft's id, then the time, so that
    /// one draft's states sort together, oldest first.
    pub fn key(&self) -> String {
        state_key(&self.draft_id, self.taken_at)
    }
}

/// The key of the state of draft `draft_id` taken at `taken_at`.
pub fn state_key(draft_id: &str, taken_at: f64) -> String {
    // Whole milliseconds, zero-padded so that keys sort as times do (until
    // the year 33658).
    format!("{draft_id}/{:015}", taken_at.max(0.0) as u64)
}

/// The first and last possible keys of draft `draft_id`'s states (the part
/// after the `/` is digits only, and `~` sorts after every digit).
pub fn key_range(draft_id: &str) -> (String, String) {
    (format!("{draft_id}/"), format!("{draft_id}/~"))
}

/// Whether a save at `now` should first keep the state it replaces: the
/// first save after opening the draft, then one per ten minutes.
pub fn editing_state_due(last_kept: Option<f64>, now: f64) -> bool {
    last_kept.is_none_or(|last| now - last >= EDITING_PERIOD_MS || now < last)
}

/// The keys to drop so that one draft's `states` fit [`MAX_STATES`] and
/// [`MAX_BYTES`]: the oldest go first; the newest always stays.
pub fn to_drop(states: &[State]) -> Vec<String> {
    let mut newest_first: Vec<&State> = states.iter().collect();
    newest_first.sort_by(|a, b| b.taken_at.total_cmp(&a.taken_at));
    let mut bytes = 0usize;
    newest_first
        .into_iter()
        .enumerate()
        .filter(|(kept, state)| {
            bytes = bytes.saturating_add(state.bytes);
            *kept > 0 && (*kept >= MAX_STATES || bytes > MAX_BYTES)
        })
        .map(|(_, state)| state.key())
        .collect()
}

/// The drafts that are gone from the list but restorable: for each, its
/// newest state (the one kept when it was deleted), newest first.
/// `live` are the ids in the drafts list.
pub fn deleted_drafts(states: &[State], live: &[&str], now: f64) -> Vec<State> {
    let mut newest: Vec<State> = Vec::new();
    for state in states
        .iter()
        .filter(|s| !live.contains(&s.draft_id.as_str()))
    {
        match newest.iter_mut().find(|s| s.draft_id == state.draft_id) {
            Some(found) if found.taken_at < state.taken_at => *found = state.clone(),
            Some(_) => {}
            None => newest.push(state.clone()),
        }
    }
    newest.retain(|state| now - state.taken_at < DELETED_KEPT_MS);
    newest.sort_by(|a, b| b.taken_at.total_cmp(&a.taken_at));
    newest
}

/// The keys of every state of the drafts deleted more than 30 days ago
/// (whose newest state is that old): they go for good.
pub fn expired(states: &[State], live: &[&str], now: f64) -> Vec<String> {
    let restorable = deleted_drafts(states, live, now);
    states
        .iter()
        .filter(|state| {
            !live.contains(&state.draft_id.as_str())
                && !restorable.iter().any(|r| r.draft_id == state.draft_id)
        })
        .map(State::key)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: f64 = 60_000.0;

    fn state(id: &str, taken_at: f64, bytes: usize) -> State {
        State {
            draft_id: id.into(),
            taken_at,
            reason: Reason::Editing,
            name: "Quý I/2025".into(),
            bytes,
        }
    }

    #[test]
    fn keys_sort_by_draft_then_time() {
        let early = state_key("d1", 999.0);
        let late = state_key("d1", 1_700_000_000_000.0);
        assert_eq!(early, "d1/000000000000999");
        assert!(early < late);
        let (low, high) = key_range("d1");
        assert!(low < early && late < high);
        assert!(!(low < state_key("d2", 5.0) && state_key("d2", 5.0) < high));
        assert_eq!(state("d1", 999.0, 1).key(), early);
    }

    #[test]
    fn one_editing_state_per_ten_minutes() {
        assert!(editing_state_due(None, 0.0), "the first save after opening");
        assert!(!editing_state_due(Some(0.0), 9.0 * MINUTE));
        assert!(editing_state_due(Some(0.0), 10.0 * MINUTE));
        assert!(
            editing_state_due(Some(10.0 * MINUTE), 0.0),
            "the clock went back"
        );
    }

    #[test]
    fn the_oldest_states_go_first_and_the_newest_stays() {
        let many: Vec<State> = (0..MAX_STATES + 3)
            .map(|i| state("d1", i as f64, 10))
            .collect();
        let dropped = to_drop(&many);
        assert_eq!(dropped, [2.0, 1.0, 0.0].map(|t| state_key("d1", t)));

        let big = [
            state("d1", 1.0, MAX_BYTES / 2),
            state("d1", 3.0, MAX_BYTES / 2),
            state("d1", 2.0, MAX_BYTES / 2),
        ];
        assert_eq!(to_drop(&big), [state_key("d1", 1.0)]);
        let huge = [state("d1", 1.0, MAX_BYTES * 2), state("d1", 0.0, 1)];
        assert_eq!(to_drop(&huge), [state_key("d1", 0.0)], "the newest stays");
        assert!(to_drop(&[]).is_empty());
    }

    #[test]
    fn a_deleted_draft_stays_restorable_for_thirty_days() {
        let day = 24.0 * 60.0 * MINUTE;
        let mut deleted = state("gone", 10.0 * day, 5);
        deleted.reason = Reason::Deleted;
        let states = [
            state("live", 1.0, 5),
            state("gone", 2.0 * day, 5),
            deleted.clone(),
            state("old", 1.0 * day, 5),
        ];
        let live = ["live"];
        assert_eq!(
            deleted_drafts(&states, &live, 20.0 * day),
            [deleted.clone(), state("old", 1.0 * day, 5)]
        );
        assert!(expired(&states, &live, 20.0 * day).is_empty());
        assert_eq!(
            expired(&states, &live, 31.0 * day + 1.0),
            [state_key("old", 1.0 * day)]
        );
        assert_eq!(deleted_drafts(&states, &live, 31.0 * day + 1.0), [deleted]);
        assert_eq!(expired(&states, &live, 41.0 * day).len(), 3);
        assert!(
            deleted_drafts(&states, &["live", "gone", "old"], 0.0).is_empty(),
            "a restored draft is live again"
        );
    }

    #[test]
    fn every_reason_has_its_own_label() {
        let reasons = [
            Reason::Editing,
            Reason::BeforeImport,
            Reason::Export,
            Reason::BeforeRestore,
            Reason::Deleted,
            Reason::OtherTab,
            Reason::ThisTab,
        ];
        let mut labels: Vec<&str> = reasons.iter().map(|r| r.label()).collect();
        labels.sort();
        labels.dedup();
        assert_eq!(labels.len(), reasons.len());
    }
}
