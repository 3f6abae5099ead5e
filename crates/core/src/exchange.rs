//! The report file sent upward by e-mail: its envelope, its checksum, its
//! name, and the reading of any file a user may pick, good or bad.
//!
//! The receiving office must be able to trust what it opens, so the file
//! carries the SHA-256 of the report's canonical JSON; it must be able to
//! open it without having the sender's template, so the file carries the
//! template too; and a clerk may pick any file at all, so reading never
//! panics and every refusal names the problem in Vietnamese. Files of older
//! format versions are read as they were written (their checksum checked
//! in their own shape) and brought up to date.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use crate::facts::Facts;
use crate::period::ReportKind;
use crate::report::{Block, Report, FORMAT_VERSION};
use crate::template::{self, Template, TemplateRef};
use crate::vi;

/// The `format` field of every file this app writes.
pub const FORMAT_NAME: &str = "bao-cao-cchc";
/// The largest file accepted: a real report is about 90 KB with its template.
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
    /// The report's template, whole: any copy of the app can open the file.
    pub template: Json,
    pub report: Report,
    /// SHA-256 (hex) of [`canonical_json`] of the report.
    pub sha256: String,
}

/// The report's canonical content: compact JSON, fields in declaration
/// order, figures in the template's order, appendix codes sorted, text in NFC.
pub fn canonical_json(report: &Report) -> String {
    serde_json::to_string(report).expect("a report always serialises")
}

/// The SHA-256 of `bytes`, in hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The hex SHA-256 of the report's canonical content.
pub fn checksum(report: &Report) -> String {
    sha256_hex(canonical_json(report).as_bytes())
}

/// Wraps `report`, written under `template`, for sending.
pub fn envelope(
    template: &Template,
    report: &Report,
    revision: u32,
    exported_at: &str,
) -> Envelope {
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
        template: template.source.clone(),
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
pub fn appendix_csv(facts: &Facts) -> String {
    let mut csv = String::from(CSV_BOM);
    let header = ["Mã", "STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"];
    csv.push_str(&csv_line(&header.map(str::to_owned)));
    for cell in crate::appendix::cells(facts) {
        let row = cell.row;
        let fields = [
            row.code.clone(),
            row.printed_number(),
            row.label.clone(),
            cell.unit_text.clone(),
            cell.value_text.clone(),
            cell.note.clone(),
        ];
        csv.push_str(&csv_line(&fields));
    }
    csv
}

/// Starts a CSV file: without it Excel reads UTF-8 as the local code page.
pub const CSV_BOM: &str = "\u{feff}";

/// What a spreadsheet may read as the start of a formula (OWASP, CSV
/// injection): `=1+2`, `+SUM(A1)`, `-2+3`, `@cmd`, a leading tab or CR.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A field as written to CSV: a text a spreadsheet could run as a formula
/// gets a leading `'`, which Excel and LibreOffice take as "this is text".
fn inert_field(field: &str) -> String {
    if field.starts_with(FORMULA_STARTS) {
        format!("'{field}")
    } else {
        field.to_owned()
    }
}

/// One CSV line: every field quoted and made inert, quotes doubled, CRLF
/// at the end.
pub fn csv_line(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|field| format!("\"{}\"", inert_field(field).replace('"', "\"\"")))
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
    /// The browser could not read the file (moved, deleted, no permission).
    Unreadable,
    TooLarge(usize),
    Empty,
    NotUtf8,
    NotJson(String),
    Truncated,
    Foreign,
    TooNew(u32),
    WrongContent(String),
    UnknownCodes(Vec<String>),
    /// The template inside the file is missing or cannot be read.
    Template(String),
}

impl ImportError {
    pub fn message(&self) -> String {
        match self {
            ImportError::Unreadable => "Trình duyệt không đọc được tệp (tệp đã bị xóa, di chuyển hoặc không có quyền đọc). Hãy chọn lại tệp.".to_owned(),
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
            ImportError::Template(detail) => {
                format!("Mẫu báo cáo kèm theo tệp không dùng được: {detail}")
            }
        }
    }
}

/// A file that could be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// The report, in the current format, naming its template.
    pub report: Report,
    pub template: Arc<Template>,
    pub revision: u32,
    /// False when the report was changed after export (by hand or by another
    /// program): the user is warned and may still open it.
    pub checksum_ok: bool,
    /// The format version the file was written in.
    pub from_version: u32,
}

/// Reads a report of `template` from its JSON: the figures in the
/// template's order and shape, every appendix code and sentence known to
/// it. Nothing unknown is dropped silently.
pub fn read_report(value: Json, template: &Template) -> Result<Report, ImportError> {
    let report: Report = serde_json::from_value(value)
        .map_err(|error| ImportError::WrongContent(error.to_string()))?;
    check_report(report, template)
}

/// The figures of `report` read in `template`'s order and shape, and every
/// appendix code and sentence known to it.
fn check_report(mut report: Report, template: &Template) -> Result<Report, ImportError> {
    report.figures = template
        .read_figures(&report.figures)
        .map_err(|errors| ImportError::WrongContent(errors.join("; ")))?;
    let unknown: Vec<String> = report
        .appendix
        .keys()
        .filter(|code| template.row(code).is_none())
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Err(ImportError::UnknownCodes(unknown));
    }
    let mut sentences = Vec::new();
    report.narrative.walk_blocks(&mut |block| {
        if let Block::Generated { sentence } = block {
            if template.sentence(sentence).is_none() {
                sentences.push(sentence.clone());
            }
        }
    });
    if let Some(sentence) = sentences.first() {
        return Err(ImportError::WrongContent(format!(
            "câu tự động «{sentence}» không có trong mẫu báo cáo"
        )));
    }
    Ok(report)
}

/// Brings a report read in an older shape to the current one, under
/// `template`.
pub fn bring_up_to_date(report: &mut Report, template: &Template) {
    report.format_version = FORMAT_VERSION;
    report.template = Some(template.reference());
}

/// The template of a file of format version 2: the installed copy with the
/// same checksum, else the one inside the file.
fn template_of(
    file: &Json,
    report: &Json,
    installed: &dyn Fn(&TemplateRef) -> Option<Arc<Template>>,
) -> Result<Arc<Template>, ImportError> {
    let wanted: TemplateRef = report
        .get("template")
        .cloned()
        .and_then(|value| serde_json::from_value(value).ok())
        .ok_or_else(|| {
            ImportError::WrongContent("báo cáo không ghi mẫu báo cáo (template)".to_owned())
        })?;
    if let Some(template) = installed(&wanted) {
        return Ok(template);
    }
    let embedded = file
        .get("template")
        .ok_or_else(|| ImportError::Template("tệp không kèm mẫu báo cáo.".to_owned()))?;
    let json = serde_json::to_vec(embedded).expect("JSON");
    let template = template::read(&json).map_err(|errors| {
        let list: Vec<String> = errors.iter().take(5).map(ToString::to_string).collect();
        ImportError::Template(list.join("; "))
    })?;
    if template.sha256 != wanted.sha256 {
        return Err(ImportError::Template(
            "mẫu kèm theo khác với mẫu báo cáo ghi trong báo cáo (mã kiểm tra không khớp)."
                .to_owned(),
        ));
    }
    Ok(Arc::new(template))
}

/// A file of the current format, as the common case is read: straight into
/// the report, the embedded template skipped (parsed, not kept).
#[derive(Deserialize)]
struct CurrentFile {
    format: String,
    format_version: u32,
    revision: u32,
    sha256: String,
    #[allow(dead_code)]
    template: serde::de::IgnoredAny,
    report: Report,
}

/// The common case, a well-formed file of the current format whose template
/// is installed, read without building a JSON tree of the file (a third of
/// the time when a receiving office opens hundreds of files). `None` for
/// anything else: [`open`] then reads the file step by step and names what
/// is wrong.
fn open_current(
    text: &str,
    installed: &dyn Fn(&TemplateRef) -> Option<Arc<Template>>,
) -> Option<Result<Opened, ImportError>> {
    let file: CurrentFile = serde_json::from_str(text).ok()?;
    if file.format != FORMAT_NAME || file.format_version != FORMAT_VERSION {
        return None;
    }
    let template = installed(file.report.template.as_ref()?)?;
    Some(check_report(file.report, &template).map(|mut report| {
        let checksum_ok = file.sha256 == checksum(&report);
        bring_up_to_date(&mut report, &template);
        Opened {
            report,
            template,
            revision: file.revision,
            checksum_ok,
            from_version: FORMAT_VERSION,
        }
    }))
}

/// Reads a file a user picked. `installed` finds a template this copy of
/// the app has; a file's own template is used when it is not installed.
pub fn open(
    bytes: &[u8],
    installed: &dyn Fn(&TemplateRef) -> Option<Arc<Template>>,
) -> Result<Opened, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge(bytes.len()));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotUtf8)?;
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if let Some(opened) = open_current(text, installed) {
        return opened;
    }
    let mut file: Json = serde_json::from_str(text).map_err(|error| {
        if error.is_eof() {
            ImportError::Truncated
        } else {
            ImportError::NotJson(error.to_string())
        }
    })?;
    let is_ours = file.get("format").and_then(Json::as_str) == Some(FORMAT_NAME);
    let looks_bare = file.get("header").is_some() && file.get("narrative").is_some();
    let from_version = if is_ours {
        let version = file.get("format_version").and_then(Json::as_u64);
        let version = version.ok_or(ImportError::WrongContent(
            "thiếu số phiên bản định dạng".to_owned(),
        ))?;
        u32::try_from(version).unwrap_or(u32::MAX)
    } else if looks_bare {
        // Version 0: a bare report without envelope (as in `public/examples/`).
        0
    } else {
        return Err(ImportError::Foreign);
    };
    if from_version > FORMAT_VERSION {
        return Err(ImportError::TooNew(from_version));
    }
    let report_value = if from_version == 0 {
        file.clone()
    } else {
        file.get_mut("report")
            .map(Json::take)
            .ok_or_else(|| ImportError::WrongContent("thiếu phần báo cáo (report)".to_owned()))?
    };
    let template = if from_version >= 2 {
        template_of(&file, &report_value, installed)?
    } else {
        // Before templates there was one form: the sample's.
        template::legacy()
    };
    let mut report = read_report(report_value, &template)?;
    // The checksum is of the report in the shape of its own version (read
    // in the template's order, as the app that wrote it wrote it).
    let checksum_ok = from_version == 0
        || file.get("sha256").and_then(Json::as_str) == Some(checksum(&report).as_str());
    let revision = file
        .get("revision")
        .and_then(Json::as_u64)
        .and_then(|revision| u32::try_from(revision).ok())
        .unwrap_or(0);
    bring_up_to_date(&mut report, &template);
    Ok(Opened {
        report,
        template,
        revision,
        checksum_ok,
        from_version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{sample, SAMPLE_JSON};
    use crate::template::legacy;
    use crate::text::Text;

    /// This copy of the app has the built-in templates only.
    fn built_in(wanted: &TemplateRef) -> Option<Arc<Template>> {
        template::built_in()
            .iter()
            .find(|template| template.reference() == *wanted)
            .cloned()
    }

    fn open_here(bytes: &[u8]) -> Result<Opened, ImportError> {
        open(bytes, &built_in)
    }

    fn exported_report(report: &Report) -> String {
        serde_json::to_string_pretty(&envelope(&legacy(), report, 3, "2025-03-06T08:30:00Z"))
            .unwrap()
    }

    fn exported() -> String {
        exported_report(&sample())
    }

    #[test]
    fn an_exported_file_opens_to_the_same_report() {
        let opened = open_here(exported().as_bytes()).unwrap();
        assert_eq!(opened.report, sample());
        assert_eq!(opened.template, legacy());
        assert_eq!(opened.revision, 3);
        assert!(opened.checksum_ok);
        assert_eq!(opened.from_version, FORMAT_VERSION);
        let with_bom = format!("\u{feff}{}", exported());
        assert_eq!(open_here(with_bom.as_bytes()).unwrap().report, sample());
    }

    /// The quick reading of a current file (template installed) gives what
    /// the step-by-step reading gives (template read from the file), for a
    /// good file, an edited one and a refused one.
    #[test]
    fn a_current_file_reads_the_same_by_the_quick_and_the_careful_way() {
        let good = exported();
        let mut edited: Json = serde_json::from_str(&good).unwrap();
        edited["report"]["figures"]["applications"]["received"] = 900.into();
        let mut unknown_code: Json = serde_json::from_str(&good).unwrap();
        unknown_code["report"]["appendix"]["9.9"] = serde_json::json!({"value": 1});
        for text in [good, edited.to_string(), unknown_code.to_string()] {
            let quick = open_current(&text, &built_in).expect("taken the quick way");
            assert_eq!(quick, open(text.as_bytes(), &|_| None));
            assert_eq!(quick, open_here(text.as_bytes()));
        }
        assert!(
            !open_here(edited.to_string().as_bytes())
                .unwrap()
                .checksum_ok
        );
        // Older formats and files of a template not installed go the careful way.
        let bare = serde_json::to_string(&sample()).unwrap();
        assert!(open_current(&bare, &built_in).is_none());
        assert!(open_current(&exported(), &|_| None).is_none());
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_written_as_text() {
        let fields = [
            "=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\ry", "99,52", "a=b", "\"=q\"",
        ]
        .map(str::to_owned);
        assert_eq!(
            csv_line(&fields),
            "\"'=1+2\",\"'+SUM(A1)\",\"'-2+3\",\"'@cmd\",\"'\tx\",\"'\ry\",\"99,52\",\"a=b\",\"\"\"=q\"\"\"\r\n"
        );
        let mut report = sample();
        report.appendix.get_mut("1.1.c").unwrap().note = Text::new("=HYPERLINK(\"http://x\")");
        let csv = appendix_csv(&Facts::new(&legacy(), &report));
        assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
    }

    #[test]
    fn a_file_carries_its_template_and_opens_where_it_is_not_installed() {
        let file: Json = serde_json::from_str(&exported()).unwrap();
        assert_eq!(file["template"], legacy().source);
        assert_eq!(
            file["report"]["template"],
            serde_json::to_value(legacy().reference()).unwrap()
        );
        let opened = open(exported().as_bytes(), &|_| None).unwrap();
        assert_eq!(opened.report, sample());
        assert_eq!(*opened.template, *legacy());
        assert!(opened.checksum_ok);
        // A template changed inside the file no longer matches the report's.
        let mut tampered = file.clone();
        tampered["template"]["title"] = "Mẫu khác".into();
        let refused = open(tampered.to_string().as_bytes(), &|_| None).unwrap_err();
        assert!(matches!(refused, ImportError::Template(_)), "{refused:?}");
        assert!(refused.message().contains("mã kiểm tra không khớp"));
        let mut broken = file.clone();
        broken["template"]["figures"] = Json::from(3);
        let refused = open(broken.to_string().as_bytes(), &|_| None).unwrap_err();
        assert!(
            refused.message().starts_with(
                "Mẫu báo cáo kèm theo tệp không dùng được: figures: phải là một danh sách"
            ),
            "{}",
            refused.message()
        );
        let mut without = file;
        without.as_object_mut().unwrap().remove("template");
        let refused = open(without.to_string().as_bytes(), &|_| None).unwrap_err();
        assert_eq!(
            refused,
            ImportError::Template("tệp không kèm mẫu báo cáo.".to_owned())
        );
    }

    #[test]
    fn the_checksum_is_of_the_canonical_report() {
        let report = sample();
        assert_eq!(checksum(&report).len(), 64);
        assert_eq!(checksum(&report), checksum(&report.clone()));
        let mut changed = report.clone();
        changed.figures.set("applications.received", 848.into());
        assert_ne!(checksum(&changed), checksum(&report));
        // Whitespace of the file does not matter, content does.
        let compact = serde_json::to_string(&envelope(&legacy(), &report, 1, "t")).unwrap();
        assert!(open_here(compact.as_bytes()).unwrap().checksum_ok);
        let edited = exported().replace("\"received\": 847", "\"received\": 848");
        assert_ne!(edited, exported());
        let opened = open_here(edited.as_bytes()).unwrap();
        assert!(!opened.checksum_ok);
        assert_eq!(
            opened.report.figures.get("applications.received"),
            Some(&Json::from(848))
        );
        // Figures written in another order are the same report.
        let mut file: Json = serde_json::from_str(&exported()).unwrap();
        let figures = file["report"]["figures"].as_object_mut().unwrap();
        let plan = figures.shift_remove("plan").unwrap();
        figures.insert("plan".to_owned(), plan);
        assert!(open_here(file.to_string().as_bytes()).unwrap().checksum_ok);
    }

    #[test]
    fn file_names_have_no_diacritics() {
        assert_eq!(
            file_name(&sample()),
            "bao-cao-cchc-2025-quy-I-phuong-truong-quang-trong.json"
        );
        let empty = Report::new(&legacy(), ReportKind::SixMonths, 2026);
        assert_eq!(
            file_name(&empty),
            "bao-cao-cchc-2026-6-thang-chua-co-ten-don-vi.json"
        );
    }

    const FORMAT_0: &str =
        include_str!("../../../tests/fixtures/formats/format-0-bare-report.json");
    const FORMAT_1: &str = include_str!("../../../tests/fixtures/formats/format-1-exported.json");

    #[test]
    fn format_0_a_bare_report_opens_as_a_report_of_the_sample_template() {
        assert_eq!(FORMAT_0, SAMPLE_JSON);
        let opened = open_here(FORMAT_0.as_bytes()).unwrap();
        assert_eq!(opened.from_version, 0);
        assert_eq!(opened.report, sample());
        assert_eq!(opened.report.format_version, FORMAT_VERSION);
        assert_eq!(opened.report.template, Some(legacy().reference()));
        assert!(opened.checksum_ok);
        assert_eq!(opened.revision, 0);
    }

    #[test]
    fn format_1_a_file_exported_before_templates_opens_unchanged_with_its_checksum() {
        let opened = open(FORMAT_1.as_bytes(), &|_| None).unwrap();
        assert_eq!(opened.from_version, 1);
        assert!(
            opened.checksum_ok,
            "the checksum of a version 1 file is of its version 1 shape"
        );
        assert_eq!(opened.revision, 2);
        assert_eq!(opened.template, legacy());
        let file: Json = serde_json::from_str(FORMAT_1).unwrap();
        // Everything it held is kept as it was; only the version and the
        // template reference are new.
        let mut expected = file["report"].clone();
        expected["format_version"] = FORMAT_VERSION.into();
        let mut report = serde_json::to_value(&opened.report).unwrap();
        assert_eq!(
            report.as_object_mut().unwrap().shift_remove("template"),
            Some(serde_json::to_value(legacy().reference()).unwrap())
        );
        assert_eq!(report, expected);
        // An edit to it is still seen.
        let edited = FORMAT_1.replace("\"received\": 1204", "\"received\": 1205");
        assert_ne!(edited, FORMAT_1);
        assert!(!open(edited.as_bytes(), &|_| None).unwrap().checksum_ok);
    }

    #[test]
    fn every_bad_file_is_refused_with_its_reason() {
        let refused = |bytes: &[u8]| open_here(bytes).unwrap_err();
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
        let future = text.replace("\"format_version\": 2", "\"format_version\": 7");
        assert_eq!(refused(future.as_bytes()), ImportError::TooNew(7));
        let wrong = text.replace("\"received\": 847", "\"received\": \"nhiều\"");
        assert_eq!(
            refused(wrong.as_bytes()),
            ImportError::WrongContent(
                "figures.applications.received: phải là số nguyên".to_owned()
            )
        );
        let huge = text.replace("\"received\": 847", "\"received\": 18446744073709551615");
        assert_eq!(
            refused(huge.as_bytes()),
            ImportError::WrongContent("figures.applications.received: số quá lớn".to_owned())
        );
        let foreign_figure = text.replace("\"received\": 847", "\"received\": 847, \"lost\": 3");
        assert_eq!(
            refused(foreign_figure.as_bytes()),
            ImportError::WrongContent(
                "figures.applications.lost: số liệu không có trong mẫu báo cáo".to_owned()
            )
        );
        let unknown = text.replace("\"1.2.a\":", "\"9.9\":");
        assert_ne!(unknown, text, "the sample has an entered row 1.2.a");
        assert_eq!(
            refused(unknown.as_bytes()),
            ImportError::UnknownCodes(vec!["9.9".to_owned()])
        );
        let sentence = text.replace("\"sentence\": \"closing\"", "\"sentence\": \"ket_thuc\"");
        assert_ne!(sentence, text);
        assert_eq!(
            refused(sentence.as_bytes()),
            ImportError::WrongContent(
                "câu tự động «ket_thuc» không có trong mẫu báo cáo".to_owned()
            )
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
            ImportError::Template("x".into()),
        ] {
            // Vietnamese, and each names its own problem.
            assert!(!error.message().is_ascii());
            assert!(messages.insert(error.message()));
        }
    }

    #[test]
    fn the_appendix_csv_keeps_vietnamese_and_values_as_printed() {
        let report = sample();
        let csv = appendix_csv(&Facts::new(&legacy(), &report));
        assert!(csv.starts_with('\u{feff}'));
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\"Mã\",\"STT\",\"Chỉ tiêu\",\"Đơn vị tính\",\"Số liệu\",\"Ghi chú\""
        );
        assert_eq!(lines.len(), legacy().rows.len() + 2);
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
        other.figures.set("applications.received", Json::Null);
        assert!(same_unit_and_period(&sample(), &other));
        other.period.year = 2026;
        assert!(!same_unit_and_period(&sample(), &other));
    }

    #[test]
    fn a_file_without_its_checksum_counts_as_edited() {
        let mut file = serde_json::to_value(envelope(&legacy(), &sample(), 2, "t")).unwrap();
        file.as_object_mut().unwrap().remove("sha256");
        file.as_object_mut().unwrap().remove("unit");
        let opened = open_here(file.to_string().as_bytes()).unwrap();
        assert!(!opened.checksum_ok);
        assert_eq!(opened.report, sample());
        assert_eq!(opened.revision, 2);
    }

    #[test]
    fn html_in_text_stays_text() {
        let mut report = sample();
        report.header.unit.name = Text::new("<script>alert(1)</script> & <b>x</b>");
        let file = serde_json::to_string(&envelope(&legacy(), &report, 1, "t")).unwrap();
        let opened = open_here(file.as_bytes()).unwrap();
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
    use crate::template::legacy;

    const SCHEMA: &str = include_str!("../../../public/schema/bao-cao-cchc.schema.json");

    /// The shipped schema names exactly the fields the app writes, at the
    /// envelope, the report and each of its parts.
    #[test]
    fn the_schema_names_every_field_the_app_writes() {
        let schema: Json = serde_json::from_str(SCHEMA).unwrap();
        // With every optional field written: a chosen signer.
        let mut report = sample();
        report.signature.signer = crate::report::Signer::Deputy;
        let file = serde_json::to_value(envelope(&legacy(), &report, 1, "t")).unwrap();
        let keys = |value: &Json| {
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
            "signature",
            "recipients",
            "template",
        ] {
            assert_eq!(
                keys(&report[part]["properties"]),
                keys(&file["report"][part]),
                "{part}"
            );
        }
    }
}
