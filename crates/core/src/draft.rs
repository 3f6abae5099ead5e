//! Drafts as they are kept in browser storage: what is stored, under which
//! key, how it is named, and how a stored copy is read back.
//!
//! The browser shell only moves these strings in and out of localStorage;
//! every decision (keys, versions, names, what counts as a broken copy) is
//! here so that it is tested on the host. Every file:// page in Chromium
//! shares one localStorage, so every key carries this app's prefix.

use serde::{Deserialize, Serialize};

use crate::report::{Report, FORMAT_VERSION};
use crate::rules::PendingInputs;

/// The version of the stored draft's shape (the report inside carries its own).
pub const STORAGE_VERSION: u32 = 1;

const PREFIX: &str = "bao-cao-cchc/v1/";

/// The key of the list of drafts.
pub fn index_key() -> String {
    format!("{PREFIX}index")
}

/// The key of one draft.
pub fn draft_key(id: &str) -> String {
    format!("{PREFIX}draft/{id}")
}

/// The key of a template installed from a file, by its checksum: two
/// templates never share a key, and a report finds its own again.
pub fn template_key(sha256: &str) -> String {
    format!("{PREFIX}template/{sha256}")
}

/// The key of the checksum of the template `Báo cáo mới` uses.
pub fn chosen_template_key() -> String {
    format!("{PREFIX}chosen-template")
}

/// The key under which an unreadable stored copy is set aside, so that a
/// broken draft is never overwritten and can still be sent for recovery.
pub fn broken_key(id: &str) -> String {
    format!("{PREFIX}broken/{id}")
}

/// Where an unreadable copy stored under `key` is set aside: drafts only.
pub fn set_aside_key(key: &str) -> Option<String> {
    key.strip_prefix(&draft_key("")).map(broken_key)
}

/// One draft as stored: the report, what was typed but not yet valid, and
/// when it was saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDraft {
    pub storage_version: u32,
    pub id: String,
    pub name: String,
    /// False while the name follows the report (period and unit); true once
    /// the user renamed the draft.
    #[serde(default)]
    pub named_by_user: bool,
    /// How many times the draft was exported: the next file's revision is one more.
    #[serde(default)]
    pub exports: u32,
    /// Milliseconds since 1970 (the browser's `Date.now()`).
    pub saved_at: f64,
    pub report: Report,
    #[serde(default)]
    pub pending: PendingInputs,
    /// The last period's figures, for a draft made by `Tạo kỳ sau`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<crate::report::Figures>,
}

impl StoredDraft {
    /// A new draft holding `report`, named after it until the user renames it.
    pub fn new(id: String, report: Report, saved_at: f64) -> StoredDraft {
        StoredDraft {
            storage_version: STORAGE_VERSION,
            name: default_name(&report),
            id,
            named_by_user: false,
            exports: 0,
            saved_at,
            report,
            pending: PendingInputs::new(),
            previous: None,
        }
    }

    /// A copy under a new id, named `... (bản sao)`.
    pub fn copy(&self, id: String, saved_at: f64) -> StoredDraft {
        StoredDraft {
            id,
            name: copy_name(&self.current_name()),
            named_by_user: true,
            saved_at,
            ..self.clone()
        }
    }
}

/// Opens `report` (exported `revision` times) as a new draft `new_id`, or
/// in place of `replace`, keeping its id, name and earlier period's figures
/// (the shell keeps the replaced state in the draft's history first).
pub fn import(
    report: Report,
    revision: u32,
    replace: Option<&StoredDraft>,
    new_id: String,
    now: f64,
) -> StoredDraft {
    match replace {
        None => {
            let mut opened = StoredDraft::new(new_id, report, now);
            opened.exports = revision;
            opened
        }
        Some(old) => StoredDraft {
            exports: revision.max(old.exports),
            saved_at: now,
            report,
            pending: PendingInputs::new(),
            ..old.clone()
        },
    }
}

/// A line of the drafts list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftSummary {
    pub id: String,
    pub name: String,
    pub saved_at: f64,
}

/// The list of drafts and the one open last.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftIndex {
    pub storage_version: u32,
    pub drafts: Vec<DraftSummary>,
    #[serde(default)]
    pub last_open: Option<String>,
    /// When the list was last written (milliseconds since 1970), so that the
    /// newer of two copies can be told apart.
    #[serde(default)]
    pub saved_at: f64,
}

impl DraftIndex {
    /// Adds or updates the line for `draft`, newest first.
    pub fn record(&mut self, draft: &StoredDraft) {
        self.drafts.retain(|line| line.id != draft.id);
        self.drafts.insert(
            0,
            DraftSummary {
                id: draft.id.clone(),
                name: draft.name.clone(),
                saved_at: draft.saved_at,
            },
        );
        self.storage_version = STORAGE_VERSION;
    }

    pub fn remove(&mut self, id: &str) {
        self.drafts.retain(|line| line.id != id);
        if self.last_open.as_deref() == Some(id) {
            self.last_open = None;
        }
    }
}

/// Why a stored copy could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoredError {
    /// Not JSON, or not a draft: damaged by hand, by another program, or cut short.
    Damaged(String),
    /// Written by a newer version of the app.
    TooNew(u32),
}

impl StoredError {
    pub fn message(&self) -> String {
        match self {
            StoredError::Damaged(detail) => format!(
                "Bản nháp lưu trong trình duyệt bị hỏng và không mở được ({detail}). Bản hỏng đã được cất riêng, không bị ghi đè: có thể tải về ở khung ngay dưới."
            ),
            StoredError::TooNew(version) => format!(
                "Bản nháp được lưu bởi phiên bản mới hơn của ứng dụng (định dạng {version}). Hãy mở bằng phiên bản mới nhất."
            ),
        }
    }
}

/// Reads a stored draft, refusing one from a newer app rather than
/// misreading it.
pub fn read_draft(json: &str) -> Result<StoredDraft, StoredError> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|error| StoredError::Damaged(error.to_string()))?;
    let version = |key: &str| value.get(key).and_then(serde_json::Value::as_u64);
    let storage_version = version("storage_version").unwrap_or(0) as u32;
    let report_version = value
        .get("report")
        .and_then(|report| report.get("format_version"))
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0) as u32;
    if storage_version > STORAGE_VERSION {
        return Err(StoredError::TooNew(storage_version));
    }
    if report_version > FORMAT_VERSION {
        return Err(StoredError::TooNew(report_version));
    }
    let mut draft: StoredDraft =
        serde_json::from_value(value).map_err(|error| StoredError::Damaged(error.to_string()))?;
    if draft.report.template.is_none() {
        // Saved before templates: the sample's form, the only one then.
        crate::exchange::bring_up_to_date(&mut draft.report, &crate::template::legacy());
    }
    Ok(draft)
}

/// Reads the drafts list; a damaged list is rebuilt empty (the drafts
/// themselves stay under their own keys).
pub fn read_index(json: Option<&str>) -> DraftIndex {
    json.and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or(DraftIndex {
            storage_version: STORAGE_VERSION,
            ..DraftIndex::default()
        })
}

/// Whether the journal's copy of a stored value should replace the local
/// one. Chromium writes localStorage to disk only every few seconds, so a
/// browser killed right after a keystroke loses it there; every write is
/// also journaled in IndexedDB, which is on disk when its transaction ends.
/// At start the newer copy (by `saved_at`) wins; a readable copy beats an
/// unreadable one; on a tie the local copy stays.
pub fn journal_wins(local: Option<&str>, journal: &str) -> bool {
    let parse = |json: &str| serde_json::from_str::<serde_json::Value>(json).ok();
    let Some(journal) = parse(journal).filter(serde_json::Value::is_object) else {
        return false;
    };
    // Nothing here at all (a template, say, lost with the browser): the
    // journal's copy is all there is.
    let Some(local) = local else {
        return true;
    };
    let saved_at =
        |value: &serde_json::Value| value.get("saved_at").and_then(serde_json::Value::as_f64);
    match (parse(local).as_ref().and_then(saved_at), saved_at(&journal)) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(local), Some(journal)) => journal > local,
    }
}

/// What the page says about the browser's storage: how much this origin
/// uses and whether the browser has promised to keep it.
/// `Bộ nhớ trình duyệt: 1.234 KB đã dùng; được giữ lâu dài.`
pub fn storage_summary(used_bytes: f64, persistent: bool) -> String {
    let kilobytes = (used_bytes.max(0.0) / 1024.0).ceil() as u64;
    let kept = if persistent {
        "được giữ lâu dài"
    } else {
        "chưa được giữ lâu dài, trình duyệt có thể xóa khi máy thiếu chỗ: nên tải tệp JSON dự phòng"
    };
    format!(
        "Bộ nhớ trình duyệt: {} KB đã dùng; {kept}.",
        crate::vi::group_digits(kilobytes)
    )
}

/// The name a new draft gets: its period and unit, `Quý I/2025 – phường Trương Quang Trọng`.
pub fn default_name(report: &Report) -> String {
    let unit = if report.header.unit.name.is_blank() {
        "(chưa có tên đơn vị)".to_owned()
    } else {
        report.header.unit.full_name()
    };
    format!("{} – {unit}", report.period.short_name())
}

impl StoredDraft {
    /// The name to list the draft under: the user's, or one that follows the
    /// report as its unit and period are typed.
    pub fn current_name(&self) -> String {
        if self.named_by_user {
            self.name.clone()
        } else {
            default_name(&self.report)
        }
    }
}

/// The name of a copy: `... (bản sao)`.
pub fn copy_name(name: &str) -> String {
    format!("{name} (bản sao)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::ReportKind;
    use crate::sample::sample;

    #[test]
    fn the_storage_line_says_how_much_is_used_and_whether_it_is_kept() {
        assert_eq!(
            storage_summary(1_263_616.0, true),
            "Bộ nhớ trình duyệt: 1.234 KB đã dùng; được giữ lâu dài."
        );
        assert!(storage_summary(0.0, false).starts_with(
            "Bộ nhớ trình duyệt: 0 KB đã dùng; chưa được giữ lâu dài, trình duyệt có thể xóa"
        ));
        assert!(storage_summary(1.0, false).contains(" 1 KB "));
    }

    fn stored() -> StoredDraft {
        StoredDraft {
            storage_version: STORAGE_VERSION,
            id: "d1".into(),
            name: "Bản của tổ Tư pháp".into(),
            named_by_user: true,
            exports: 0,
            saved_at: 1_700_000_000_000.0,
            report: sample(),
            pending: PendingInputs::from([("figures.fees.total".into(), "16.09".into())]),
            previous: Some(sample().figures),
        }
    }

    #[test]
    fn a_stored_draft_reads_back_whole() {
        let draft = stored();
        let json = serde_json::to_string(&draft).unwrap();
        assert_eq!(read_draft(&json), Ok(draft));
    }

    #[test]
    fn broken_or_newer_copies_are_refused_with_a_reason() {
        assert!(matches!(
            read_draft("{\"storage_version\": 1"),
            Err(StoredError::Damaged(_))
        ));
        assert!(matches!(read_draft("[1, 2]"), Err(StoredError::Damaged(_))));
        assert!(matches!(
            read_draft("{\"storage_version\": 1}"),
            Err(StoredError::Damaged(_))
        ));
        let mut value = serde_json::to_value(stored()).unwrap();
        value["storage_version"] = 2.into();
        assert_eq!(read_draft(&value.to_string()), Err(StoredError::TooNew(2)));
        let mut value = serde_json::to_value(stored()).unwrap();
        value["report"]["format_version"] = 9.into();
        assert_eq!(read_draft(&value.to_string()), Err(StoredError::TooNew(9)));
        assert!(StoredError::TooNew(2)
            .message()
            .contains("phiên bản mới hơn"));
        assert!(StoredError::Damaged("x".into())
            .message()
            .contains("bị hỏng"));
    }

    #[test]
    fn the_newer_copy_of_a_value_wins_at_start() {
        let at = |time: f64| {
            let mut draft = stored();
            draft.saved_at = time;
            serde_json::to_string(&draft).unwrap()
        };
        assert!(journal_wins(None, &at(1.0)));
        assert!(journal_wins(Some("{broken"), &at(1.0)));
        assert!(journal_wins(Some(&at(1.0)), &at(2.0)));
        assert!(!journal_wins(Some(&at(2.0)), &at(1.0)));
        assert!(!journal_wins(Some(&at(2.0)), &at(2.0)));
        assert!(!journal_wins(Some(&at(2.0)), "{broken"));
        assert!(!journal_wins(None, "[]"));
        assert!(
            journal_wins(None, "{\"id\": \"mau\"}"),
            "a value with no local copy comes back"
        );
        assert!(!journal_wins(
            Some("{\"id\": \"mau\"}"),
            "{\"id\": \"mau\"}"
        ));
        let index = DraftIndex {
            saved_at: 5.0,
            ..DraftIndex::default()
        };
        let json = serde_json::to_string(&index).unwrap();
        assert!(journal_wins(Some("{\"drafts\": []}"), &json));
    }

    #[test]
    fn names_and_keys() {
        assert_eq!(
            default_name(&sample()),
            "Quý I/2025 – phường Trương Quang Trọng"
        );
        let empty = Report::new(&crate::template::legacy(), ReportKind::Annual, 2025);
        assert_eq!(default_name(&empty), "năm 2025 – (chưa có tên đơn vị)");
        assert_eq!(copy_name("A"), "A (bản sao)");
        let mut draft = stored();
        assert_eq!(draft.current_name(), "Bản của tổ Tư pháp");
        draft.named_by_user = false;
        draft.report.header.unit.name = crate::text::Text::new("Nghĩa Lộ");
        assert_eq!(draft.current_name(), "Quý I/2025 – phường Nghĩa Lộ");
        assert_eq!(draft_key("d1"), "bao-cao-cchc/v1/draft/d1");
        assert!(index_key().starts_with("bao-cao-cchc/"));
        assert!(broken_key("d1").starts_with("bao-cao-cchc/"));
        assert_eq!(set_aside_key(&draft_key("d1")), Some(broken_key("d1")));
        assert_eq!(set_aside_key(&index_key()), None);
        assert_eq!(template_key("ab12"), "bao-cao-cchc/v1/template/ab12");
        assert_eq!(set_aside_key(&template_key("ab12")), None);
        assert!(!template_key("x").starts_with(&draft_key("")));
        assert!(chosen_template_key().starts_with("bao-cao-cchc/"));
    }

    #[test]
    fn the_index_keeps_newest_first_and_forgets_deleted_drafts() {
        let mut index = read_index(Some("not json"));
        assert!(index.drafts.is_empty());
        let mut first = stored();
        index.record(&first);
        let mut second = stored();
        second.id = "d2".into();
        index.record(&second);
        first.name = "Đổi tên".into();
        index.record(&first);
        let ids: Vec<&str> = index.drafts.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["d1", "d2"]);
        assert_eq!(index.drafts[0].name, "Đổi tên");
        index.last_open = Some("d2".into());
        index.remove("d2");
        assert_eq!(index.drafts.len(), 1);
        assert_eq!(index.last_open, None);
        let json = serde_json::to_string(&index).unwrap();
        assert_eq!(read_index(Some(&json)), index);
    }

    #[test]
    fn a_draft_saved_before_templates_reads_as_one_of_the_sample_template() {
        let mut value = serde_json::to_value(stored()).unwrap();
        let report = value["report"].as_object_mut().unwrap();
        report.shift_remove("template");
        report["format_version"] = 1.into();
        let read = read_draft(&value.to_string()).unwrap();
        assert_eq!(read, stored());
        assert_eq!(
            read.report.template,
            Some(crate::template::legacy().reference())
        );
    }

    #[test]
    fn new_drafts_and_copies_are_named_after_their_report() {
        let draft = StoredDraft::new("n1".into(), sample(), 5.0);
        assert_eq!(draft.name, "Quý I/2025 – phường Trương Quang Trọng");
        assert!(!draft.named_by_user);
        assert_eq!((draft.exports, draft.saved_at), (0, 5.0));
        assert!(draft.pending.is_empty() && draft.previous.is_none());
        let copy = stored().copy("c1".into(), 6.0);
        assert_eq!(copy.name, "Bản của tổ Tư pháp (bản sao)");
        assert!(copy.named_by_user);
        assert_eq!((copy.id.as_str(), copy.saved_at), ("c1", 6.0));
        assert_eq!(copy.report, stored().report);
        assert_eq!(copy.pending, stored().pending);
    }

    #[test]
    fn an_imported_file_replaces_a_draft_keeping_its_identity() {
        let mut imported = sample();
        imported.figures.set("applications.received", 900.into());
        let fresh = import(imported.clone(), 4, None, "f1".into(), 9.0);
        assert_eq!(fresh.id, "f1");
        assert_eq!(fresh.exports, 4);
        assert_eq!(fresh.report, imported);
        let mut old = stored();
        old.exports = 7;
        let opened = import(imported.clone(), 4, Some(&old), "b1".into(), 9.0);
        assert_eq!(
            (opened.id.as_str(), opened.name.as_str()),
            ("d1", "Bản của tổ Tư pháp")
        );
        assert_eq!(opened.report, imported);
        assert_eq!(opened.saved_at, 9.0);
        assert!(opened.pending.is_empty());
        assert_eq!(
            opened.exports, 7,
            "the next export still counts up from the draft's"
        );
        assert_eq!(opened.previous, old.previous);
    }
}
