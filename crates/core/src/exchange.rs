//! The report file sent upward by e-mail: its envelope, its checksum, its
//! name, and the reading of any file a user may pick, good or bad.
//!
//! The receiving office must be able to trust what it opens, so the file
//! carries the SHA-256 of the report's canonical JSON; and a clerk may pick
//! any file at all, so reading never panics and every refusal names the
//! problem in Vietnamese. Older shapes are brought up to date by
//! [`migrate`], one step per version.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::catalog;
use crate::period::ReportKind;
use crate::report::{Report, FORMAT_VERSION};
use crate::vi;

/// The `format` field of every file this app writes.
pub const FORMAT_NAME: &str = "bao-cao-cchc";
/// The largest file accepted: a real report is about 40 KB.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// The unit and period, readable without opening the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnvelopePeriod {
    pub kind: ReportKind,
    pub year: i32,
}

/// The exported file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    pub format: String,
    pub format_version: u32,
    /// `phường Trương Quang Trọng`.
    pub unit: String,
    pub period: EnvelopePeriod,
    /// Grows by one at each export of the same draft.
    pub revision: u32,
    /// When the file was written, ISO 8601 (`2025-03-06T08:30:00Z`).
    pub exported_at: String,
    pub app_version: String,
    pub report: Report,
    /// SHA-256 (hex) of [`canonical_json`] of the report.
    pub sha256: String,
}

/// The report's canonical content: compact JSON, fields in declaration
/// order, appendix codes sorted, text in NFC.
pub fn canonical_json(report: &Report) -> String {
    serde_json::to_string(report).expect("a report always serialises")
}

/// The hex SHA-256 of the report's canonical content.
pub fn checksum(report: &Report) -> String {
    Sha256::digest(canonical_json(report).as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Wraps `report` for sending.
pub fn envelope(report: &Report, revision: u32, exported_at: &str) -> Envelope {
    Envelope {
        format: FORMAT_NAME.to_owned(),
        format_version: FORMAT_VERSION,
        unit: report.header.unit.full_name(),
        period: EnvelopePeriod {
            kind: report.period.kind,
            year: report.period.year,
        },
        revision,
        exported_at: exported_at.to_owned(),
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        report: report.clone(),
        sha256: checksum(report),
    }
}

/// The file's name, without diacritics:
/// `bao-cao-cchc-2025-quy-I-phuong-truong-quang-trong.json`.
pub fn file_name(report: &Report) -> String {
    let unit = if report.header.unit.name.is_blank() {
        "chua-co-ten-don-vi".to_owned()
    } else {
        vi::slug(&report.header.unit.full_name())
    };
    format!(
        "bao-cao-cchc-{}-{}-{unit}.json",
        report.period.year,
        report.period.kind.file_name_part()
    )
}

/// The appendix as CSV for Excel: UTF-8 with a byte-order mark (without it
/// Excel shows Vietnamese letters garbled), one row per indicator, values
/// as printed (`99,52`), fields quoted.
pub fn appendix_csv(report: &Report) -> String {
    let mut csv = String::from(CSV_BOM);
    let header = ["Mã", "STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"];
    csv.push_str(&csv_line(&header.map(str::to_owned)));
    for cell in crate::appendix::cells(report) {
        let indicator = cell.indicator;
        let row = [
            indicator.code.to_owned(),
            indicator.printed_number(),
            indicator.label.to_owned(),
            cell.unit_text().to_owned(),
            cell.value_text(),
            cell.note.clone(),
        ];
        csv.push_str(&csv_line(&row));
    }
    csv
}

/// Starts a CSV file: without it Excel reads UTF-8 as the local code page.
pub const CSV_BOM: &str = "\u{feff}";

/// One CSV line: every field quoted, quotes doubled, CRLF at the end.
pub fn csv_line(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|field| format!("\"{}\"", field.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// The CSV file's name: the JSON file's, with `-phu-luc.csv`.
pub fn csv_file_name(report: &Report) -> String {
    file_name(report).replace(".json", "-phu-luc.csv")
}

/// Whether two reports are of the same unit and period: opening one when
/// the other is a draft asks before replacing anything.
pub fn same_unit_and_period(a: &Report, b: &Report) -> bool {
    a.header.unit.key() == b.header.unit.key()
        && a.period.kind == b.period.kind
        && a.period.year == b.period.year
}

/// Why a file cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    TooLarge(usize),
    Empty,
    NotUtf8,
    NotJson(String),
    Truncated,
    Foreign,
    TooNew(u32),
    WrongContent(String),
    UnknownCodes(Vec<String>),
}

impl ImportError {
    pub fn message(&self) -> String {
        match self {
            ImportError::TooLarge(bytes) => format!(
                "Tệp quá lớn ({} KB): tệp báo cáo không quá 5 MB. Có thể đã chọn nhầm tệp.",
                bytes / 1024
            ),
            ImportError::Empty => "Tệp rỗng, không có nội dung.".to_owned(),
            ImportError::NotUtf8 => {
                "Tệp không phải văn bản UTF-8 (có thể là tệp Word, Excel hoặc ảnh), không phải tệp báo cáo JSON.".to_owned()
            }
            ImportError::NotJson(detail) => {
                format!("Tệp không phải JSON hợp lệ ({detail}).")
            }
            ImportError::Truncated => {
                "Tệp JSON bị cắt cụt (thiếu phần cuối): có thể tải về hoặc sao chép chưa xong. Hãy xin gửi lại tệp.".to_owned()
            }
            ImportError::Foreign => {
                "Tệp JSON này không phải báo cáo CCHC của ứng dụng này (thiếu trường \"format\": \"bao-cao-cchc\").".to_owned()
            }
            ImportError::TooNew(version) => format!(
                "Tệp được tạo bởi phiên bản mới hơn của ứng dụng (định dạng {version}, ứng dụng này đọc đến {FORMAT_VERSION}). Hãy dùng phiên bản mới nhất."
            ),
            ImportError::WrongContent(detail) => {
                format!("Nội dung tệp không đúng cấu trúc báo cáo: {detail}.")
            }
            ImportError::UnknownCodes(codes) => format!(
                "Phụ lục có mã chỉ tiêu không có trong danh mục: {}.",
                codes.join(", ")
            ),
        }
    }
}

/// A file that could be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub report: Report,
    pub revision: u32,
    /// False when the report was changed after export (by hand or by another
    /// program): the user is warned and may still open it.
    pub checksum_ok: bool,
    /// The format version the file was written in, before migration.
    pub from_version: u32,
}

/// Brings a file of `version` up to the current shape, one step at a time.
/// Version 0 is a bare report without envelope (as in `public/examples/`).
pub fn migrate(mut value: Value, version: u32) -> Value {
    let mut version = version;
    while version < FORMAT_VERSION {
        value = match version {
            0 => {
                let report = value;
                let mut file = serde_json::json!({
                    "format": FORMAT_NAME,
                    "format_version": 1,
                    "revision": 0,
                    "report": report,
                });
                if let Ok(report) = serde_json::from_value::<Report>(file["report"].clone()) {
                    file["sha256"] = Value::String(checksum(&report));
                }
                file
            }
            _ => unreachable!("every version below FORMAT_VERSION has a step"),
        };
        version += 1;
    }
    value
}

/// Reads a file a user picked.
pub fn open(bytes: &[u8]) -> Result<Opened, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge(bytes.len()));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotUtf8)?;
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let value: Value = serde_json::from_str(text).map_err(|error| {
        if error.is_eof() {
            ImportError::Truncated
        } else {
            ImportError::NotJson(error.to_string())
        }
    })?;
    let is_ours = value.get("format").and_then(Value::as_str) == Some(FORMAT_NAME);
    let looks_bare = value.get("header").is_some() && value.get("narrative").is_some();
    let from_version = if is_ours {
        let version = value.get("format_version").and_then(Value::as_u64);
        let version = version.ok_or(ImportError::WrongContent(
            "thiếu số phiên bản định dạng".to_owned(),
        ))?;
        u32::try_from(version).unwrap_or(u32::MAX)
    } else if looks_bare {
        0
    } else {
        return Err(ImportError::Foreign);
    };
    if from_version > FORMAT_VERSION {
        return Err(ImportError::TooNew(from_version));
    }
    let value = migrate(value, from_version);
    let unknown: Vec<String> = value["report"]["appendix"]
        .as_object()
        .map(|rows| {
            rows.keys()
                .filter(|code| catalog::indicator(code).is_none())
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    if !unknown.is_empty() {
        return Err(ImportError::UnknownCodes(unknown));
    }
    let mut value = value;
    // Envelope fields a hand-made file may lack; a missing checksum is an
    // empty one, which does not match, so the user is warned.
    if let Some(file) = value.as_object_mut() {
        let period = file
            .get("report")
            .and_then(|report| report.get("period"))
            .cloned()
            .unwrap_or(Value::Null);
        for (key, default) in [
            ("unit", Value::String(String::new())),
            ("period", period),
            ("revision", Value::from(0)),
            ("exported_at", Value::String(String::new())),
            ("app_version", Value::String(String::new())),
            ("sha256", Value::String(String::new())),
        ] {
            file.entry(key).or_insert(default);
        }
    }
    let envelope: Envelope = serde_json::from_value(value)
        .map_err(|error| ImportError::WrongContent(error.to_string()))?;
    let checksum_ok = checksum(&envelope.report) == envelope.sha256;
    Ok(Opened {
        report: envelope.report,
        revision: envelope.revision,
        checksum_ok,
        from_version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{sample, SAMPLE_JSON};
    use crate::text::Text;

    fn exported() -> String {
        serde_json::to_string_pretty(&envelope(&sample(), 3, "2025-03-06T08:30:00Z")).unwrap()
    }

    #[test]
    fn an_exported_file_opens_to_the_same_report() {
        let opened = open(exported().as_bytes()).unwrap();
        assert_eq!(opened.report, sample());
        assert_eq!(opened.revision, 3);
        assert!(opened.checksum_ok);
        assert_eq!(opened.from_version, FORMAT_VERSION);
        let with_bom = format!("\u{feff}{}", exported());
        assert_eq!(open(with_bom.as_bytes()).unwrap().report, sample());
    }

    #[test]
    fn the_checksum_is_of_the_canonical_report() {
        let report = sample();
        assert_eq!(checksum(&report).len(), 64);
        assert_eq!(checksum(&report), checksum(&report.clone()));
        let mut changed = report.clone();
        changed.figures.applications.received = Some(848);
        assert_ne!(checksum(&changed), checksum(&report));
        // Whitespace of the file does not matter, content does.
        let compact = serde_json::to_string(&envelope(&report, 1, "t")).unwrap();
        assert!(open(compact.as_bytes()).unwrap().checksum_ok);
        let edited = exported().replace("\"received\": 847", "\"received\": 848");
        assert_ne!(edited, exported());
        let opened = open(edited.as_bytes()).unwrap();
        assert!(!opened.checksum_ok);
        assert_eq!(opened.report.figures.applications.received, Some(848));
    }

    #[test]
    fn file_names_have_no_diacritics() {
        assert_eq!(
            file_name(&sample()),
            "bao-cao-cchc-2025-quy-I-phuong-truong-quang-trong.json"
        );
        let empty = Report::new(ReportKind::SixMonths, 2026);
        assert_eq!(
            file_name(&empty),
            "bao-cao-cchc-2026-6-thang-chua-co-ten-don-vi.json"
        );
    }

    #[test]
    fn version_0_a_bare_report_is_migrated() {
        let opened = open(SAMPLE_JSON.as_bytes()).unwrap();
        assert_eq!(opened.from_version, 0);
        assert_eq!(opened.report, sample());
        assert!(opened.checksum_ok);
        assert_eq!(opened.revision, 0);
        let migrated = migrate(serde_json::from_str(SAMPLE_JSON).unwrap(), 0);
        assert_eq!(migrated["format"], FORMAT_NAME);
        assert_eq!(migrated["format_version"], FORMAT_VERSION);
    }

    #[test]
    fn every_bad_file_is_refused_with_its_reason() {
        let refused = |bytes: &[u8]| open(bytes).unwrap_err();
        assert_eq!(refused(b""), ImportError::Empty);
        assert_eq!(refused(b"  \n"), ImportError::Empty);
        assert_eq!(refused(&[0xff, 0xfe, 0x00, 0x7b]), ImportError::NotUtf8);
        assert!(matches!(refused(b"Kinh gui"), ImportError::NotJson(_)));
        let text = exported();
        assert_eq!(
            refused(&text.as_bytes()[..text.len() / 2]),
            ImportError::Truncated
        );
        assert_eq!(
            refused(br#"{"name": "todo", "items": []}"#),
            ImportError::Foreign
        );
        assert_eq!(refused(b"[1, 2, 3]"), ImportError::Foreign);
        let future = text.replace("\"format_version\": 1", "\"format_version\": 7");
        assert_eq!(refused(future.as_bytes()), ImportError::TooNew(7));
        let wrong = text.replace("\"received\": 847", "\"received\": \"nhiều\"");
        assert!(matches!(
            refused(wrong.as_bytes()),
            ImportError::WrongContent(_)
        ));
        let unknown = text.replace("\"1.2.a\":", "\"9.9\":");
        assert_ne!(unknown, text, "the sample has an entered row 1.2.a");
        assert_eq!(
            refused(unknown.as_bytes()),
            ImportError::UnknownCodes(vec!["9.9".to_owned()])
        );
        assert!(matches!(
            refused(&vec![b' '; MAX_FILE_BYTES + 1]),
            ImportError::TooLarge(_)
        ));
        let mut messages = std::collections::HashSet::new();
        for error in [
            ImportError::Empty,
            ImportError::NotUtf8,
            ImportError::Truncated,
            ImportError::Foreign,
            ImportError::TooNew(7),
            ImportError::UnknownCodes(vec!["9.9".into()]),
        ] {
            // Vietnamese, and each names its own problem.
            assert!(!error.message().is_ascii());
            assert!(messages.insert(error.message()));
        }
    }

    #[test]
    fn the_appendix_csv_keeps_vietnamese_and_values_as_printed() {
        let csv = appendix_csv(&sample());
        assert!(csv.starts_with('\u{feff}'));
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\"Mã\",\"STT\",\"Chỉ tiêu\",\"Đơn vị tính\",\"Số liệu\",\"Ghi chú\""
        );
        assert_eq!(lines.len(), catalog::INDICATORS.len() + 2);
        let row = |code: &str| {
            lines
                .iter()
                .find(|line| line.starts_with(&format!("\"{code}\",")))
                .copied()
                .unwrap()
        };
        assert_eq!(
            row("3.4.a"),
            "\"3.4.a\",\"\",\"Tỷ lệ hồ sơ TTHC do cơ quan chuyên môn tiếp nhận được giải quyết đúng hẹn\",\"%\",\"100\",\"843/843\""
        );
        assert!(!csv.contains("NaN") && !csv.contains("undefined"));
        assert_eq!(
            csv_file_name(&sample()),
            "bao-cao-cchc-2025-quy-I-phuong-truong-quang-trong-phu-luc.csv"
        );
    }

    #[test]
    fn reports_of_one_unit_and_period_are_found_alike() {
        let mut other = sample();
        other.header.unit.name = Text::new("TRƯƠNG QUANG TRỌNG ");
        other.figures.applications.received = None;
        assert!(same_unit_and_period(&sample(), &other));
        other.period.year = 2026;
        assert!(!same_unit_and_period(&sample(), &other));
    }

    #[test]
    fn a_file_without_its_checksum_counts_as_edited() {
        let mut file = serde_json::to_value(envelope(&sample(), 2, "t")).unwrap();
        file.as_object_mut().unwrap().remove("sha256");
        file.as_object_mut().unwrap().remove("unit");
        let opened = open(file.to_string().as_bytes()).unwrap();
        assert!(!opened.checksum_ok);
        assert_eq!(opened.report, sample());
        assert_eq!(opened.revision, 2);
    }

    #[test]
    fn html_in_text_stays_text() {
        let mut report = sample();
        report.header.unit.name = Text::new("<script>alert(1)</script> & <b>x</b>");
        let file = serde_json::to_string(&envelope(&report, 1, "t")).unwrap();
        let opened = open(file.as_bytes()).unwrap();
        assert_eq!(
            opened.report.header.unit.name.as_str(),
            "<script>alert(1)</script> & <b>x</b>"
        );
        assert!(opened.checksum_ok);
    }
}

#[cfg(test)]
mod schema_tests {
    use super::*;
    use crate::sample::sample;

    const SCHEMA: &str = include_str!("../../../public/schema/bao-cao-cchc.schema.json");

    /// The shipped schema names exactly the fields the app writes, at the
    /// envelope, the report and each of its parts.
    #[test]
    fn the_schema_names_every_field_the_app_writes() {
        let schema: Value = serde_json::from_str(SCHEMA).unwrap();
        let file = serde_json::to_value(envelope(&sample(), 1, "t")).unwrap();
        let keys = |value: &Value| {
            let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
            keys.sort();
            keys
        };
        assert_eq!(keys(&schema["properties"]), keys(&file));
        let report = &schema["$defs"]["report"]["properties"];
        assert_eq!(keys(report), keys(&file["report"]));
        for part in [
            "header",
            "period",
            "narrative",
            "figures",
            "signature",
            "recipients",
        ] {
            assert_eq!(
                keys(&report[part]["properties"]),
                keys(&file["report"][part]),
                "{part}"
            );
        }
        for group in [
            "plan",
            "applications",
            "online",
            "fees",
            "survey",
            "documents",
            "staff",
        ] {
            assert_eq!(
                keys(&report["figures"]["properties"][group]["properties"]),
                keys(&file["report"]["figures"][group]),
                "{group}"
            );
        }
    }
}
