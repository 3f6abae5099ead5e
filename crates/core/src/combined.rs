//! The combined report: what the office that added up its units' reports
//! ([`crate::aggregate`]) signs and sends on upward.
//!
//! It is a regular report of the same template and period, whose unit is
//! the office (kind [`UnitKind::Other`]) and whose figures and appendix hold
//! the totals: so it prints with [`crate::document`]'s writer (the office's
//! own header, a short body, its signer and recipients, the totals as the
//! appendix) and travels as a regular exchange file, which the aggregation
//! page adds up like any unit's, alone to the same totals. What a single
//! report cannot hold is said here once: a coded choice is counted per
//! option, so its counts travel in the row's note, not as a value.
//!
//! Only builds data: the page that types the office's details lives in the
//! shell, this module does not read or write storage.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::aggregate::{ReceivedFile, Summary};
use crate::date::Date;
use crate::document::{self, Document};
use crate::entry::Entry;
use crate::exchange;
use crate::facts::Facts;
use crate::figures::{decode, encode, Figures};
use crate::report::{
    AppendixEntry, Block, CellValue, Header, Narrative, Recipients, Report, Signature, Signer,
    Unit, UnitKind,
};
use crate::template::{FigureKind, RowSource, Template, Value, ValueKind};
use crate::text::Text;
use crate::vi;

/// The office's details as typed on the aggregation page, kept as typed
/// (a half-typed date is not lost): read into a header by [`Office::header`].
/// Stored as a JSON object of its texts by key ([`Office::text_mut`]) and
/// `signer`, written by hand over `serde_json::Value`: a derive would add
/// its own (de)serialising code to the wasm.
#[derive(Debug, Clone, PartialEq)]
pub struct Office {
    /// `ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI`, or empty.
    pub parent_agency: String,
    /// `ỦY BAN NHÂN DÂN` before a place's name, or empty.
    pub issuing_agency: String,
    /// The office's name, written whole: `Sở Nội vụ`, `tỉnh Quảng Ngãi`.
    pub name: String,
    pub number: String,
    pub symbol: String,
    pub place: String,
    /// `06/3/2025`.
    pub date: String,
    pub signer: Signer,
    pub authority: String,
    pub title: String,
    pub signer_name: String,
    /// One recipient a line.
    pub recipients: String,
    pub archive: String,
}

impl Default for Office {
    /// A provincial department's usual wording; names left to type.
    fn default() -> Office {
        Office {
            parent_agency: String::new(),
            issuing_agency: String::new(),
            name: String::new(),
            number: String::new(),
            symbol: "BC".to_owned(),
            place: String::new(),
            date: String::new(),
            signer: Signer::Free,
            authority: "KT. GIÁM ĐỐC".to_owned(),
            title: "PHÓ GIÁM ĐỐC".to_owned(),
            signer_name: String::new(),
            recipients: String::new(),
            archive: "VT".to_owned(),
        }
    }
}

impl Office {
    /// The document's header. A number or date that is not one prints as
    /// room to write it by hand; [`Office::problems`] says why.
    pub fn header(&self) -> Header {
        Header {
            parent_agency: Text::new(&self.parent_agency),
            issuing_agency: Text::new(&self.issuing_agency),
            unit: Unit {
                kind: UnitKind::Other,
                name: Text::new(&self.name),
            },
            number: Option::<u32>::parse(&self.number).flatten(),
            symbol: Text::new(&self.symbol),
            place: Text::new(&self.place),
            date: Option::<Date>::parse(&self.date).flatten(),
        }
    }

    pub fn signature(&self) -> Signature {
        Signature {
            signer: self.signer,
            authority: Text::new(&self.authority),
            title: Text::new(&self.title),
            name: Text::new(&self.signer_name),
        }
    }

    pub fn recipients(&self) -> Recipients {
        Recipients {
            lines: self.recipients.lines().map(Text::new).collect(),
            archive: Text::new(&self.archive),
        }
    }

    /// What is wrong with the typed details, in Vietnamese, by field name.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        if Option::<u32>::parse(&self.number).is_none() {
            problems.push((
                "number",
                format!(
                    "Số văn bản «{}» không phải là một số: in để trống.",
                    self.number.trim()
                ),
            ));
        }
        if let Err(error) = vi::parse_date(&self.date) {
            problems.push((
                "date",
                format!(
                    "Ngày «{}»: {} In để trống.",
                    self.date.trim(),
                    vi::date_error_message(&error)
                ),
            ));
        }
        if self.name.trim().is_empty() {
            problems.push((
                "name",
                "Chưa có tên cơ quan: tệp JSON tổng hợp cần tên để cấp trên cộng được.".to_owned(),
            ));
        }
        problems
    }

    /// Every typed text with its key, as stored and as the page names its
    /// inputs.
    fn texts_mut(&mut self) -> [(&'static str, &mut String); 12] {
        [
            ("parent_agency", &mut self.parent_agency),
            ("issuing_agency", &mut self.issuing_agency),
            ("name", &mut self.name),
            ("number", &mut self.number),
            ("symbol", &mut self.symbol),
            ("place", &mut self.place),
            ("date", &mut self.date),
            ("authority", &mut self.authority),
            ("title", &mut self.title),
            ("signer_name", &mut self.signer_name),
            ("recipients", &mut self.recipients),
            ("archive", &mut self.archive),
        ]
    }

    /// The typed text under `key`.
    pub fn text_mut(&mut self, key: &str) -> Option<&mut String> {
        self.texts_mut()
            .into_iter()
            .find(|(known, _)| *known == key)
            .map(|(_, text)| text)
    }

    /// Reads the details kept in storage; `None` when they are not this
    /// shape. A key missing (kept before it existed) keeps its default.
    pub fn from_json(json: &str) -> Option<Office> {
        let stored: Json = serde_json::from_str(json).ok()?;
        let stored = stored.as_object()?;
        let mut office = Office::default();
        for (key, text) in office.texts_mut() {
            if let Some(value) = stored.get(key) {
                *text = value.as_str()?.to_owned();
            }
        }
        if let Some(signer) = stored.get("signer") {
            office.signer = serde_json::from_value(signer.clone()).ok()?;
        }
        Some(office)
    }

    pub fn to_json(&self) -> String {
        let mut office = self.clone();
        let mut stored = serde_json::Map::new();
        for (key, text) in office.texts_mut() {
            stored.insert(key.to_owned(), Json::String(std::mem::take(text)));
        }
        stored.insert(
            "signer".to_owned(),
            serde_json::to_value(self.signer).unwrap_or_default(),
        );
        Json::Object(stored).to_string()
    }
}

/// The reports of the units `summary` added up, in its columns' order,
/// found among the files it was made of by their names.
pub fn units_added<'a>(summary: &Summary, files: &'a [ReceivedFile]) -> Vec<&'a Report> {
    summary
        .units
        .iter()
        .filter_map(|column| {
            files
                .iter()
                .rev()
                .find(|file| file.name == column.file_name)
                .and_then(|file| file.opened.as_ref().ok())
                .map(|opened| &opened.report)
        })
        .collect()
}

/// A number figure added up over the units that have it; another one kept
/// when every unit that has it agrees; a list's items put together.
fn combined_figures(template: &Template, units: &[&Report]) -> Figures {
    let mut figures = template.empty_figures();
    for figure in &template.figures {
        let stored = units
            .iter()
            .filter_map(|report| report.figures.get(&figure.key));
        match &figure.kind {
            FigureKind::List { .. } => {
                let items: Vec<Json> = stored
                    .filter_map(Json::as_array)
                    .flatten()
                    .cloned()
                    .collect();
                figures.set(&figure.key, Json::Array(items));
            }
            FigureKind::One(kind) => {
                let values: Vec<Value> = stored
                    .filter_map(|json| decode(kind, json).ok())
                    .filter(|value| !value.is_missing())
                    .collect();
                let value = match kind {
                    ValueKind::Count | ValueKind::Money | ValueKind::Percent => {
                        let mut sum = Some(Value::Missing);
                        for value in &values {
                            sum = match (sum, value) {
                                (Some(Value::Missing), Value::Number(n, unit)) => {
                                    Some(Value::Number(*n, *unit))
                                }
                                (Some(Value::Number(total, unit)), Value::Number(n, _)) => {
                                    total.checked_add(*n).map(|sum| Value::Number(sum, unit))
                                }
                                _ => None,
                            };
                        }
                        sum.unwrap_or(Value::Missing)
                    }
                    _ => match values.split_first() {
                        Some((first, rest)) if rest.iter().all(|value| value == first) => {
                            first.clone()
                        }
                        _ => Value::Missing,
                    },
                };
                figures.set(&figure.key, encode(kind, &value));
            }
        }
    }
    figures
}

/// The summary's totals as the combined report's appendix entries: counts,
/// money and typed percentages as values; a choice's counts in its note.
fn combined_appendix(
    template: &Template,
    summary: &Summary,
) -> std::collections::BTreeMap<String, AppendixEntry> {
    let mut appendix = std::collections::BTreeMap::new();
    for summary_row in &summary.rows {
        let row = &template.rows[summary_row.row];
        let entry = match &row.source {
            RowSource::Entered(ValueKind::Count | ValueKind::Money | ValueKind::Percent) => {
                match vi::parse_decimal(&summary_row.total) {
                    Ok(Some(total)) => AppendixEntry {
                        value: Some(CellValue::Number(total)),
                        note: Text::default(),
                    },
                    _ => continue,
                }
            }
            RowSource::Entered(ValueKind::Choice(_)) if !summary_row.total.is_empty() => {
                AppendixEntry {
                    value: None,
                    note: Text::new(&format!("Số đơn vị theo từng mức: {}", summary_row.total)),
                }
            }
            _ => continue,
        };
        appendix.insert(row.code.clone(), entry);
    }
    appendix
}

/// `Tổng hợp kết quả thực hiện công tác cải cách hành chính Quý I năm 2025`.
pub fn title(report: &Report) -> String {
    format!(
        "Tổng hợp kết quả thực hiện công tác cải cách hành chính {}",
        report.period.long_name()
    )
}

/// The combined report of `summary` (made of `units`) by `office`; `None`
/// when nothing was added up.
pub fn combined_report(summary: &Summary, units: &[&Report], office: &Office) -> Option<Report> {
    let template = summary.template.as_ref()?;
    let (kind, year) = summary.period?;
    let mut report = Report::new(template, kind, year);
    report.header = office.header();
    report.signature = office.signature();
    report.recipients = office.recipients();
    let author = vi::capitalize_first(&report.header.unit.full_name());
    let author = if author.is_empty() {
        "Cơ quan".to_owned()
    } else {
        author
    };
    report.narrative = Narrative {
        preamble: vec![Block::paragraph(&format!(
            "Trên cơ sở báo cáo kết quả thực hiện công tác cải cách hành chính {} của {} đơn vị, {author} tổng hợp số liệu như Phụ lục kèm theo.",
            report.period.long_name(),
            vi::group_digits(summary.units.len() as u64)
        ))],
        ..Narrative::default()
    };
    report.figures = combined_figures(template, units);
    report.appendix = combined_appendix(template, summary);
    Some(report)
}

/// A total as the combined report prints it in its appendix: the row's
/// code, the total as printed, and how it was made (`Tính lại từ tổng:
/// 1.643/1.686`, `Thiếu số liệu của 1/2 đơn vị`). Travels with the combined
/// report's exchange file to the office module for its Word file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrintedTotal {
    pub code: String,
    pub total: String,
    pub note: String,
}

/// What the appendix of the combined report prints for each row `summary`
/// added up.
pub fn printed_totals(template: &Template, summary: &Summary) -> Vec<PrintedTotal> {
    summary
        .rows
        .iter()
        .map(|row| PrintedTotal {
            code: template.rows[row.row].code.clone(),
            total: row.total.clone(),
            note: row.note.clone(),
        })
        .collect()
}

/// The printed combined report: the office's header, title and closing,
/// and as the appendix the totals with how each was made.
pub fn document(template: &Template, report: &Report, totals: &[PrintedTotal]) -> Document {
    let mut document = Document::new(&Facts::new(template, report));
    document.summary = title(report);
    for line in &mut document.appendix.rows {
        if let Some(total) = totals.iter().find(|total| total.code == line.code) {
            line.value = total.total.clone();
            line.note = total.note.clone();
        }
    }
    document
}

/// The standalone page of the printed combined report: no script at all.
pub fn standalone(template: &Template, report: &Report, totals: &[PrintedTotal]) -> String {
    let unit = report.header.unit.full_name();
    let tab = format!(
        "Báo cáo số {} - {} - {}",
        report.header.number_and_symbol().trim(),
        vi::capitalize_first(&unit),
        title(report)
    );
    document::standalone_page(&tab, &document(template, report, totals))
}

/// `tong-hop-cchc-2025-quy-I-so-noi-vu.json`.
pub fn file_name(report: &Report) -> String {
    exchange::file_name(report).replacen("bao-cao-cchc", "tong-hop-cchc", 1)
}

/// `tong-hop-cchc-2025-quy-I-so-noi-vu.docx`.
pub fn docx_file_name(report: &Report) -> String {
    file_name(report).replace(".json", ".docx")
}

/// `tong-hop-cchc-2025-quy-I-so-noi-vu-ban-in.html`.
pub fn print_file_name(report: &Report) -> String {
    file_name(report).replace(".json", "-ban-in.html")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::add_up;
    use crate::exchange::Opened;
    use crate::sample::sample;
    use crate::template::legacy;

    /// The sample and a second ward with other figures and a blank.
    fn files() -> Vec<ReceivedFile> {
        let mut second = sample();
        second.header.unit.name = Text::new("Nghĩa Lộ");
        second.figures.set("applications.on_time", 800.into());
        second.appendix.remove("1.1.c");
        [("tqt.json", sample()), ("nghia-lo.json", second)]
            .into_iter()
            .map(|(name, report)| ReceivedFile {
                name: name.to_owned(),
                opened: Ok(Opened {
                    report,
                    template: legacy(),
                    revision: 1,
                    checksum_ok: true,
                    from_version: 2,
                }),
            })
            .collect()
    }

    fn office() -> Office {
        Office {
            parent_agency: "UBND tỉnh Quảng Ngãi".to_owned(),
            name: "Sở Nội vụ".to_owned(),
            number: "7".to_owned(),
            symbol: "BC-SNV".to_owned(),
            place: "Quảng Ngãi".to_owned(),
            date: "10/4/2025".to_owned(),
            signer_name: "Nguyễn Văn <b>An</b>".to_owned(),
            recipients: "Bộ Nội vụ\nUBND tỉnh".to_owned(),
            ..Office::default()
        }
    }

    fn combined(files: &[ReceivedFile]) -> (Summary, Report) {
        let summary = add_up(files);
        let units = units_added(&summary, files);
        assert_eq!(units.len(), 2);
        let report = combined_report(&summary, &units, &office()).expect("something added up");
        (summary, report)
    }

    #[test]
    fn the_combined_json_read_back_adds_up_alone_to_the_same_totals() {
        let files = files();
        let (summary, report) = combined(&files);
        let file = exchange::envelope(&legacy(), &report, 1, "2025-04-10T08:00:00Z");
        let bytes = serde_json::to_vec_pretty(&file).unwrap();
        let opened = exchange::open(&bytes, &|_| None).expect("a regular report file");
        assert!(opened.checksum_ok);
        let again = add_up(&[ReceivedFile {
            name: file_name(&report),
            opened: Ok(opened),
        }]);
        assert_eq!(again.units.len(), 1);
        assert_eq!(again.units[0].unit, "Sở Nội vụ");
        assert_eq!(again.period, summary.period);
        assert!(again
            .notes
            .iter()
            .all(|note| note.severity != crate::rules::Severity::Error));
        let mut compared = 0;
        for (row, back) in summary.rows.iter().zip(&again.rows) {
            let template_row = summary.row(row);
            if let RowSource::Entered(ValueKind::Choice(_)) = template_row.source {
                // Counted per option: the counts travel in the note.
                let note = &report.appendix[&template_row.code].note;
                assert_eq!(
                    note.as_str(),
                    format!("Số đơn vị theo từng mức: {}", row.total)
                );
                continue;
            }
            assert_eq!(back.total, row.total, "row {}", template_row.code);
            compared += usize::from(!row.total.is_empty());
        }
        assert!(compared > 40, "{compared}");
        let on_time = summary
            .rows
            .iter()
            .find(|row| summary.row(row).code == "3.4.b")
            .unwrap();
        assert_eq!(on_time.total, "97,44");
    }

    #[test]
    fn the_printed_combined_report_has_the_offices_header_signer_and_totals() {
        let files = files();
        let (summary, mut report) = combined(&files);
        let page = standalone(&legacy(), &report, &printed_totals(&legacy(), &summary));
        assert!(!page.to_lowercase().contains("<script"));
        for expected in [
            "<div class=\"parent-agency\">UBND TỈNH QUẢNG NGÃI</div>",
            "<div class=\"issuer\">SỞ NỘI VỤ</div>",
            "Số: 07/BC-SNV",
            "Quảng Ngãi, ngày 10 tháng 4 năm 2025",
            "Tổng hợp kết quả thực hiện công tác cải cách hành chính Quý I năm 2025",
            "của 2 đơn vị, Sở Nội vụ tổng hợp số liệu như Phụ lục kèm theo.",
            "Nơi nhận:",
            "- Bộ Nội vụ;",
            "- Lưu: VT.",
            "<div class=\"signer-title\">KT. GIÁM ĐỐC</div><div class=\"signer-title\">PHÓ GIÁM ĐỐC</div>",
            "Nguyễn Văn &lt;b&gt;An&lt;/b&gt;",
            "(Kèm theo Báo cáo số 07/BC-SNV ngày 10/4/2025 của Sở Nội vụ)",
            "<td class=\"value\">97,44</td><td class=\"note\">Tính lại từ tổng: 1.643/1.686</td>",
            "<td class=\"value\">66</td>",
            "Thiếu số liệu của 1/2 đơn vị",
        ] {
            assert!(page.contains(expected), "missing {expected:?}");
        }
        assert_eq!(
            print_file_name(&report),
            "tong-hop-cchc-2025-quy-I-so-noi-vu-ban-in.html"
        );
        assert_eq!(
            docx_file_name(&report),
            "tong-hop-cchc-2025-quy-I-so-noi-vu.docx"
        );
        // The choice of signer of the editor, here too.
        report.signature.signer = Signer::Deputy;
        let html = document::render(&document(
            &legacy(),
            &report,
            &printed_totals(&legacy(), &summary),
        ));
        assert!(html.contains("<div class=\"signer-title\">KT. CHỦ TỊCH</div>"));
    }

    #[test]
    fn the_office_is_named_whole_and_nothing_added_up_is_no_report() {
        let unit = office().header().unit;
        assert_eq!(unit.full_name(), "Sở Nội vụ");
        assert_eq!(unit.header_line(), "SỞ NỘI VỤ");
        assert_eq!(unit.committee(), "Sở Nội vụ");
        assert_eq!(UnitKind::Other.label(), "Cơ quan khác (ghi đủ tên)");
        assert_eq!(UnitKind::Phuong.label(), "Phường");
        assert_eq!(combined_report(&add_up(&[]), &[], &office()), None);
    }

    #[test]
    fn the_offices_details_keep_what_was_typed_and_say_what_is_wrong() {
        let mut office = office();
        assert_eq!(office.problems(), []);
        office.date = "31/2/2025".to_owned();
        office.number = "bảy".to_owned();
        office.name = " ".to_owned();
        let fields: Vec<&str> = office.problems().iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, ["number", "date", "name"]);
        assert!(office.problems()[0]
            .1
            .starts_with("Số văn bản «bảy» không phải là một số"));
        let header = office.header();
        assert_eq!(header.number, None);
        assert_eq!(header.date, None);
        office.signer = Signer::Deputy;
        assert_eq!(Office::from_json(&office.to_json()), Some(office));
        assert_eq!(Office::from_json("{\"name\": \"S"), None);
        assert_eq!(Office::from_json("{\"name\": 1}"), None);
        assert_eq!(Office::from_json("{\"signer\": \"vice\"}"), None);
        // Details stored before a field existed still open.
        assert_eq!(
            Office::from_json("{\"name\": \"Sở Nội vụ\"}").map(|o| o.symbol),
            Some("BC".to_owned())
        );
    }
}
