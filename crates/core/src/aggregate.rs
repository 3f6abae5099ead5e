//! Adding up the reports of many units: what the office above does with the
//! files it receives by e-mail.
//!
//! Each file is judged by [`crate::exchange::open`]; only reports of one
//! template (id, version and content) and one period are added up, row by
//! row of that template's appendix, by the kind of each row: typed counts
//! and money summed, typed percentages averaged, coded choices counted per
//! option, and computed rows computed again from the units' summed figures
//! (so a ratio is the ratio of the sums, never an average of ratios). Every
//! file that is refused, of another template or period, sent twice, edited
//! after export, or carrying errors or blanks is listed with the reason, so
//! nothing is added up silently.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::appendix::{self, Cell};
use crate::decimal::Decimal;
use crate::exchange::{self, ImportError, Opened};
use crate::facts::{Facts, RowCache};
use crate::period::ReportKind;
use crate::report::{CellValue, Report};
use crate::rules::{self, PendingInputs, Severity};
use crate::template::expr::Context;
use crate::template::{
    Ref, Row, RowSource, Scope, Style, Template, TemplateRef, Unit, Value, ValueKind,
};
use crate::vi::{self, RatioRule};

/// One file the office received, as opened.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceivedFile {
    pub name: String,
    pub opened: Result<Opened, ImportError>,
}

/// One unit's report taken into the sum.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitColumn {
    /// `Phường Trương Quang Trọng`.
    pub unit: String,
    pub file_name: String,
    pub revision: u32,
    /// False when the file was changed after export.
    pub checksum_ok: bool,
}

/// What the office should know about one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileNote {
    pub file_name: String,
    /// `Error`: not added up. `Warning`: added up, but look at it.
    pub severity: Severity,
    pub message: String,
}

impl FileNote {
    /// The word before the note: `Không cộng` or `Lưu ý`.
    pub fn label(&self) -> &'static str {
        match self.severity {
            Severity::Error => "Không cộng",
            Severity::Warning => Severity::Warning.word(),
        }
    }
}

/// One appendix row added up.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryRow {
    /// Index into the summary template's rows.
    pub row: usize,
    /// The value of each unit, as printed, in the order of the columns.
    pub values: Vec<String>,
    pub total: String,
    /// How the total was made, and how many units left the row empty.
    pub note: String,
}

/// What became of one file: the whole outcome, for the office's list of
/// the units expected to send ([`crate::expected`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Added up, nothing to note.
    Valid,
    /// Added up, but edited after export (rules' warnings are common in
    /// good reports and are not counted here).
    Warnings,
    /// Added up, but the report still has errors.
    Errors,
    /// Not added up: the same unit sent a later (or the same) revision.
    Superseded,
    /// Not added up: a report of another period.
    OtherPeriod,
    /// Not added up: a report of another template.
    OtherTemplate,
    /// Not added up: no unit name in the report.
    Unnamed,
    /// Not added up: the file does not open.
    Unreadable,
}

/// One file received and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct FileOutcome {
    pub file_name: String,
    /// `Phường Trương Quang Trọng`; `None` when the file does not open.
    pub unit: Option<String>,
    pub revision: u32,
    pub outcome: Outcome,
}

/// The sum of all the files of one template and period.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The template added up: the one most files are of.
    pub template: Option<Arc<Template>>,
    /// The period added up: the one most files of that template are of.
    pub period: Option<(ReportKind, i32)>,
    pub units: Vec<UnitColumn>,
    pub notes: Vec<FileNote>,
    /// Every file received, in the order given, with its outcome.
    pub files: Vec<FileOutcome>,
    pub rows: Vec<SummaryRow>,
}

impl Summary {
    /// The template row of a summary row.
    pub fn row(&self, row: &SummaryRow) -> &Row {
        &self
            .template
            .as_ref()
            .expect("rows come from a template")
            .rows[row.row]
    }
}

fn unit_name(report: &Report) -> String {
    vi::capitalize_first(&report.header.unit.full_name())
}

/// The value most of `items` have; the earliest wins a tie.
fn most_common<T: PartialEq + Clone>(items: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for item in items {
        match counts.iter_mut().find(|(known, _)| *known == item) {
            Some((_, count)) => *count += 1,
            None => counts.push((item, 1)),
        }
    }
    let most = counts.iter().map(|(_, count)| *count).max()?;
    counts
        .into_iter()
        .find(|(_, count)| *count == most)
        .map(|(item, _)| item)
}

fn note(notes: &mut Vec<FileNote>, file: &str, severity: Severity, message: String) {
    notes.push(FileNote {
        file_name: file.to_owned(),
        severity,
        message,
    });
}

/// Adds up `files`. The order of the columns is the units' names.
pub fn add_up(files: &[ReceivedFile]) -> Summary {
    let mut notes = Vec::new();
    let mut outcomes: Vec<FileOutcome> = files
        .iter()
        .map(|file| {
            let opened = file.opened.as_ref().ok();
            FileOutcome {
                file_name: file.name.clone(),
                unit: opened
                    .filter(|opened| !opened.report.header.unit.name.is_blank())
                    .map(|opened| unit_name(&opened.report)),
                revision: opened.map_or(0, |opened| opened.revision),
                outcome: Outcome::Unreadable,
            }
        })
        .collect();
    let mut opened: Vec<(usize, &str, &Opened)> = Vec::new();
    for (index, file) in files.iter().enumerate() {
        match &file.opened {
            Err(error) => note(
                &mut notes,
                &file.name,
                Severity::Error,
                format!("Không mở được, không cộng: {}", error.message()),
            ),
            Ok(report) => opened.push((index, &file.name, report)),
        }
    }
    let reference = |opened: &Opened| opened.template.reference();
    let wanted: Option<TemplateRef> =
        most_common(opened.iter().map(|(_, _, file)| reference(file)));
    let template = opened
        .iter()
        .find(|(_, _, file)| Some(reference(file)) == wanted)
        .map(|(_, _, file)| file.template.clone());
    opened.retain(|(index, name, file)| {
        let Some(template) = &template else {
            return false;
        };
        if reference(file) == template.reference() {
            return true;
        }
        let same_name = file.template.id == template.id && file.template.version == template.version;
        let message = if same_name {
            format!(
                "Báo cáo của {} theo mẫu «{}» cùng mã và phiên bản nhưng nội dung mẫu khác mẫu đang tổng hợp: không cộng.",
                unit_name(&file.report),
                file.template.display_name()
            )
        } else {
            format!(
                "Báo cáo của {} theo mẫu «{}», khác mẫu đang tổng hợp «{}»: không cộng.",
                unit_name(&file.report),
                file.template.display_name(),
                template.display_name()
            )
        };
        note(&mut notes, name, Severity::Error, message);
        outcomes[*index].outcome = Outcome::OtherTemplate;
        false
    });
    let period = most_common(
        opened
            .iter()
            .map(|(_, _, file)| (file.report.period.kind, file.report.period.year)),
    );

    // One column per unit: of a unit sent twice, the latest revision counts.
    let mut by_unit: BTreeMap<(String, &'static str), (usize, &str, &Opened)> = BTreeMap::new();
    for (index, name, file) in opened {
        let report = &file.report;
        if Some((report.period.kind, report.period.year)) != period {
            note(
                &mut notes,
                name,
                Severity::Error,
                format!(
                    "Báo cáo {} của {}, khác kỳ đang tổng hợp: không cộng.",
                    report.period.long_name(),
                    unit_name(report)
                ),
            );
            outcomes[index].outcome = Outcome::OtherPeriod;
            continue;
        }
        if report.header.unit.name.is_blank() {
            note(
                &mut notes,
                name,
                Severity::Error,
                "Báo cáo chưa có tên đơn vị: không cộng.".to_owned(),
            );
            outcomes[index].outcome = Outcome::Unnamed;
            continue;
        }
        let key = report.header.unit.key();
        let this = (index, name, file);
        let Some(kept) = by_unit.get(&key).copied() else {
            by_unit.insert(key, this);
            continue;
        };
        let (newer, older) = if file.revision >= kept.2.revision {
            (this, kept)
        } else {
            (kept, this)
        };
        // The same export twice is a repeat; one export number with other
        // figures is a unit that edited without exporting anew, or two
        // units of one name (offices that all call themselves `Sở Nội vụ`).
        let message = if newer.2.revision == older.2.revision && newer.2.report != older.2.report {
            format!(
                "{} có hai tệp cùng là lần xuất thứ {} nhưng nội dung khác nhau: chỉ cộng tệp «{}». Hãy hỏi lại đơn vị; nếu là hai đơn vị trùng tên, mỗi đơn vị cần ghi tên riêng.",
                unit_name(report),
                newer.2.revision,
                newer.1
            )
        } else {
            format!(
                "{} gửi nhiều lần: chỉ cộng tệp «{}» (lần xuất thứ {}).",
                unit_name(report),
                newer.1,
                newer.2.revision
            )
        };
        note(&mut notes, older.1, Severity::Error, message);
        outcomes[older.0].outcome = Outcome::Superseded;
        by_unit.insert(key, newer);
    }

    let chosen: Vec<(usize, &str, &Opened)> = by_unit.into_values().collect();
    let units: Vec<UnitColumn> = chosen
        .iter()
        .map(|(_, name, file)| UnitColumn {
            unit: unit_name(&file.report),
            file_name: (*name).to_owned(),
            revision: file.revision,
            checksum_ok: file.checksum_ok,
        })
        .collect();
    let Some(template) = template else {
        return Summary {
            template: None,
            period,
            units,
            notes,
            files: outcomes,
            rows: Vec::new(),
        };
    };
    let facts: Vec<Facts> = chosen
        .iter()
        .map(|(_, _, file)| Facts::new(&template, &file.report))
        .collect();
    for ((column, facts), (index, _, _)) in units.iter().zip(&facts).zip(&chosen) {
        if !column.checksum_ok {
            note(
                &mut notes,
                &column.file_name,
                Severity::Warning,
                "Tệp đã bị sửa sau khi xuất (mã kiểm tra không khớp): vẫn cộng, nên hỏi lại đơn vị.".to_owned(),
            );
        }
        let (errors, _) = rules::counts(&rules::check(facts, &PendingInputs::new()));
        if errors > 0 {
            note(
                &mut notes,
                &column.file_name,
                Severity::Warning,
                format!("{}: báo cáo còn {errors} lỗi số liệu.", column.unit),
            );
        }
        outcomes[*index].outcome = if errors > 0 {
            Outcome::Errors
        } else if !column.checksum_ok {
            Outcome::Warnings
        } else {
            Outcome::Valid
        };
    }

    let cells: Vec<Vec<Cell>> = facts.iter().map(appendix::cells).collect();
    let rows = template
        .rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            let column: Vec<&Cell> = cells.iter().map(|cells| &cells[index]).collect();
            let (total, note) = total(&template, row, &column, &facts);
            SummaryRow {
                row: index,
                values: column.iter().map(|cell| cell.value_text.clone()).collect(),
                total,
                note,
            }
        })
        .collect();
    Summary {
        template: Some(template),
        period,
        units,
        notes,
        files: outcomes,
        rows,
    }
}

/// The columns of `summary` whose unit name contains `query`, ignoring
/// case, accents and spacing (`truong  quang` finds `Phường Trương Quang
/// Trọng`); every column when the query is blank.
pub fn units_matching(summary: &Summary, query: &str) -> Vec<usize> {
    let wanted = vi::slug(query);
    summary
        .units
        .iter()
        .enumerate()
        .filter(|(_, column)| wanted.is_empty() || vi::slug(&column.unit).contains(&wanted))
        .map(|(index, _)| index)
        .collect()
}

/// What makes up the total of one row: each unit's value, and the units
/// that left the row empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Breakdown {
    /// `(unit, value as printed)`, in the order of the columns.
    pub values: Vec<(String, String)>,
    pub missing: Vec<String>,
}

/// The units' values behind the total of `summary.rows[row]`.
pub fn breakdown(summary: &Summary, row: usize) -> Breakdown {
    let mut breakdown = Breakdown::default();
    let Some(summary_row) = summary.rows.get(row) else {
        return breakdown;
    };
    for (column, value) in summary.units.iter().zip(&summary_row.values) {
        if value.is_empty() {
            breakdown.missing.push(column.unit.clone());
        } else {
            breakdown.values.push((column.unit.clone(), value.clone()));
        }
    }
    breakdown
}

/// `Đã thay bản lần 2 của Phường Nghĩa Lộ bằng bản lần 3.`: one line per
/// unit whose added-up file in `after` is a later export than in `before`.
pub fn replacements(before: &[UnitColumn], after: &[UnitColumn]) -> Vec<String> {
    let earlier: BTreeMap<&str, u32> = before
        .iter()
        .map(|column| (column.unit.as_str(), column.revision))
        .collect();
    after
        .iter()
        .filter_map(|column| {
            let old = *earlier.get(column.unit.as_str())?;
            (column.revision > old).then(|| {
                format!(
                    "Đã thay bản lần {old} của {} bằng bản lần {}.",
                    column.unit, column.revision
                )
            })
        })
        .collect()
}

/// `Đang giữ 10 tệp (1.234 KB) trong bộ nhớ của trình duyệt.`: what the
/// page keeps of the files received, in whole KB rounded up.
pub fn kept_line(files: usize, bytes: usize) -> String {
    if files == 0 {
        return "Chưa giữ tệp nào trong bộ nhớ của trình duyệt.".to_owned();
    }
    format!(
        "Đang giữ {} tệp ({} KB) trong bộ nhớ của trình duyệt.",
        vi::group_digits(files as u64),
        vi::group_digits(bytes.div_ceil(1024) as u64)
    )
}

/// The sum of `numbers`, or `None` beyond what a Decimal holds.
fn checked_sum(numbers: &[Decimal]) -> Option<Decimal> {
    numbers
        .iter()
        .try_fold(Decimal::ZERO, |sum, number| sum.checked_add(*number))
}

fn number(cell: &Cell) -> Option<Decimal> {
    match cell.value {
        Some(CellValue::Number(number)) => Some(number),
        _ => None,
    }
}

/// `Thiếu số liệu của 2/5 đơn vị`, or nothing when every unit filled it in.
fn missing_note(reported: usize, units: usize) -> String {
    if reported == units {
        String::new()
    } else {
        format!("Thiếu số liệu của {}/{units} đơn vị", units - reported)
    }
}

/// The figures and rows of several units added up, for computing a row
/// again from the sums.
struct Sums<'a> {
    template: &'a Template,
    units: Vec<&'a Facts<'a>>,
    rows: RowCache,
}

impl Sums<'_> {
    /// The sum over the units of what `each` gives; missing when a unit
    /// has no number or the sum overflows.
    fn add(&self, each: impl Fn(&Facts) -> Value) -> Value {
        let mut numbers = Vec::with_capacity(self.units.len());
        let mut unit = Unit::Plain;
        for facts in &self.units {
            let Value::Number(number, its_unit) = each(facts) else {
                return Value::Missing;
            };
            numbers.push(number);
            unit = its_unit;
        }
        checked_sum(&numbers).map_or(Value::Missing, |sum| Value::Number(sum, unit))
    }
}

impl Scope for Sums<'_> {
    fn figure(&self, id: usize) -> Value {
        self.add(|facts| facts.figure(id))
    }
    fn column(&self, list: usize, column: usize) -> Vec<Value> {
        self.units
            .iter()
            .flat_map(|facts| facts.column(list, column))
            .collect()
    }
    fn item(&self, _: usize) -> Value {
        Value::Missing
    }
    fn context(&self, _: Context) -> Value {
        Value::Missing
    }
    fn row(&self, id: usize) -> Value {
        match self.template.rows.get(id).map(|row| &row.source) {
            Some(RowSource::Computed { value, .. }) => self.rows.get_or(id, || value.eval(self)),
            Some(_) => self.add(|facts| facts.row(id)),
            None => Value::Missing,
        }
    }
    fn ratio_rule(&self) -> RatioRule {
        self.template.numbers.ratio
    }
}

/// Whether every figure and row `value` reads directly is there for a unit.
fn computable(value: &crate::template::Expr, facts: &Facts) -> bool {
    let mut refs = Vec::new();
    value.refs(&mut refs);
    refs.iter().all(|reference| match reference {
        Ref::Figure(id) => !facts.figure(*id).is_missing(),
        Ref::Row(id) => !facts.row(*id).is_missing(),
        _ => true,
    })
}

/// The total of one row and its note.
fn total(template: &Template, row: &Row, column: &[&Cell], facts: &[Facts]) -> (String, String) {
    let units = column.len();
    let numbers: Vec<Decimal> = column.iter().filter_map(|cell| number(cell)).collect();
    let reported = column.iter().filter(|cell| cell.value.is_some()).count();
    match &row.source {
        RowSource::Heading | RowSource::Entered(ValueKind::Text | ValueKind::Date) => {
            (String::new(), String::new())
        }
        RowSource::Computed { value, unit } => {
            let sums = Sums {
                template,
                units: facts
                    .iter()
                    .filter(|facts| computable(value, facts))
                    .collect(),
                rows: RowCache::default(),
            };
            let counted = sums.units.len();
            let total = match value.eval(&sums) {
                Value::Number(number, _) if *unit == Some(Unit::Percent) => {
                    vi::format_ratio(number, template.numbers.ratio)
                }
                Value::Number(number, _) => vi::format_decimal(number),
                _ => String::new(),
            };
            let how = match &row.note {
                Some(note) if counted > 0 && *unit == Some(Unit::Percent) => {
                    let text = note.render(&sums, &template.numbers, Style::Prose);
                    if text.trim().is_empty() {
                        String::new()
                    } else {
                        format!("Tính lại từ tổng: {}", text.trim())
                    }
                }
                _ => String::new(),
            };
            (
                total,
                appendix::join_notes([&how, &missing_note(counted, units)]),
            )
        }
        RowSource::Entered(ValueKind::Percent) => {
            // Typed percentages (0-100) of any number of units: their sum
            // in i128 cannot overflow.
            let total = if numbers.is_empty() {
                String::new()
            } else {
                let sum: i128 = numbers.iter().map(|n| i128::from(n.hundredths())).sum();
                i64::try_from(sum / numbers.len() as i128)
                    .ok()
                    .and_then(Decimal::from_hundredths)
                    .map(vi::format_decimal)
                    .unwrap_or_default()
            };
            let how = if numbers.is_empty() {
                String::new()
            } else {
                format!("Bình quân của {} đơn vị", numbers.len())
            };
            (
                total,
                appendix::join_notes([&how, &missing_note(reported, units)]),
            )
        }
        RowSource::Entered(ValueKind::Choice(options)) => {
            let counts: Vec<String> = options
                .iter()
                .filter_map(|option| {
                    let count = column
                        .iter()
                        .filter(|cell| cell.choice() == Some(option.code))
                        .count();
                    (count > 0).then(|| format!("{}: {count}", option.label))
                })
                .collect();
            (
                counts.join("; "),
                appendix::join_notes(["Số đơn vị theo từng mức", &missing_note(reported, units)]),
            )
        }
        RowSource::Entered(ValueKind::Count | ValueKind::Money) => {
            let total = checked_sum(&numbers)
                .filter(|_| !numbers.is_empty())
                .map(vi::format_decimal)
                .unwrap_or_default();
            (total, missing_note(reported, units))
        }
    }
}

/// The summary as CSV for Excel (UTF-8 with BOM): one row per indicator,
/// the total, then one column per unit.
pub fn summary_csv(summary: &Summary) -> String {
    let mut header = vec![
        "Mã".to_owned(),
        "STT".to_owned(),
        "Chỉ tiêu".to_owned(),
        "Đơn vị tính".to_owned(),
        "Tổng hợp".to_owned(),
        "Ghi chú".to_owned(),
    ];
    header.extend(summary.units.iter().map(|column| column.unit.clone()));
    let mut csv = String::from(exchange::CSV_BOM);
    csv.push_str(&exchange::csv_line(&header));
    for summary_row in &summary.rows {
        let row = summary.row(summary_row);
        let mut fields = vec![
            row.code.clone(),
            row.printed_number(),
            row.label.clone(),
            row.unit.clone(),
            summary_row.total.clone(),
            summary_row.note.clone(),
        ];
        fields.extend(summary_row.values.iter().cloned());
        csv.push_str(&exchange::csv_line(&fields));
    }
    csv
}

/// `tong-hop-cchc-2025-quy-I.csv`.
pub fn csv_file_name(summary: &Summary) -> String {
    match summary.period {
        Some((kind, year)) => format!("tong-hop-cchc-{year}-{}.csv", kind.file_name_part()),
        None => "tong-hop-cchc.csv".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange;
    use crate::report::AppendixEntry;
    use crate::sample::sample;
    use crate::template::legacy;
    use crate::text::Text;

    fn file(name: &str, report: Report, revision: u32) -> ReceivedFile {
        file_of(legacy(), name, report, revision)
    }

    fn file_of(template: Arc<Template>, name: &str, report: Report, revision: u32) -> ReceivedFile {
        ReceivedFile {
            name: name.to_owned(),
            opened: Ok(Opened {
                report,
                template,
                revision,
                checksum_ok: true,
                from_version: 2,
            }),
        }
    }

    /// A second ward: the sample's shape with other figures and blanks.
    /// Each note of `summary` as (file, message).
    fn file_notes(summary: &Summary) -> Vec<(&str, &str)> {
        summary
            .notes
            .iter()
            .map(|n| (n.file_name.as_str(), n.message.as_str()))
            .collect()
    }

    fn nghia_lo() -> Report {
        let mut report = sample();
        report.header.unit.name = Text::new("Nghĩa Lộ");
        for (key, value) in [
            ("applications.received", 100),
            ("applications.resolved", 100),
            ("applications.on_time", 90),
            ("applications.carried_over", 0),
            ("applications.withdrawn", 0),
        ] {
            report.figures.set(key, value.into());
        }
        report.appendix.remove("1.1.c");
        report.appendix.insert(
            "3.3.c".to_owned(),
            AppendixEntry {
                value: Some(CellValue::Number(Decimal::from_whole(50).unwrap())),
                note: Text::default(),
            },
        );
        report.appendix.insert(
            "1.3.b".to_owned(),
            AppendixEntry {
                value: Some(CellValue::Number(Decimal::from_whole(0).unwrap())),
                note: Text::default(),
            },
        );
        report
    }

    fn row<'a>(summary: &'a Summary, code: &str) -> &'a SummaryRow {
        summary
            .rows
            .iter()
            .find(|row| summary.row(row).code == code)
            .expect("row")
    }

    #[test]
    fn units_are_found_by_name_whatever_the_case_accents_and_spacing() {
        let summary = add_up(&[
            file("tqt.json", sample(), 1),
            file("nghia-lo.json", nghia_lo(), 2),
        ]);
        assert_eq!(units_matching(&summary, ""), [0, 1]);
        assert_eq!(units_matching(&summary, "  "), [0, 1]);
        assert_eq!(units_matching(&summary, "truong  QUANG"), [1]);
        assert_eq!(units_matching(&summary, "Nghĩa Lộ"), [0]);
        assert_eq!(units_matching(&summary, "phuong"), [0, 1]);
        assert!(units_matching(&summary, "xã Nghĩa Hành").is_empty());
    }

    #[test]
    fn a_unit_value_a_spreadsheet_would_run_is_written_to_csv_as_text() {
        let mut hostile = nghia_lo();
        hostile.appendix.insert(
            "7.4".to_owned(),
            AppendixEntry {
                value: Some(CellValue::Text(Text::new("=1+2"))),
                note: Text::default(),
            },
        );
        let summary = add_up(&[file("nghia-lo.json", hostile, 1)]);
        let csv = summary_csv(&summary);
        let line = csv
            .lines()
            .find(|line| line.starts_with("\"7.4\""))
            .unwrap();
        assert!(line.ends_with(",\"'=1+2\""), "{line}");
    }

    #[test]
    fn each_kind_of_row_adds_up_its_own_way() {
        let summary = add_up(&[
            file("tqt.json", sample(), 1),
            file("nghia-lo.json", nghia_lo(), 2),
        ]);
        assert_eq!(summary.period, Some((ReportKind::FirstQuarter, 2025)));
        let names: Vec<&str> = summary.units.iter().map(|c| c.unit.as_str()).collect();
        assert_eq!(names, ["Phường Nghĩa Lộ", "Phường Trương Quang Trọng"]);
        assert_eq!(summary.rows.len(), legacy().rows.len());

        // A count: summed; a unit that left it empty is named in the note.
        let tasks = row(&summary, "1.1.a");
        assert_eq!(tasks.values, ["33", "33"]);
        assert_eq!(tasks.total, "66");
        assert_eq!(tasks.note, "");
        let documents = row(&summary, "1.1.c");
        assert_eq!(documents.values, ["", "10"]);
        assert_eq!(documents.total, "10");
        assert_eq!(documents.note, "Thiếu số liệu của 1/2 đơn vị");
        // A computed count: 4.2 staff present, summed.
        let staff = row(&summary, "4.2");
        assert_eq!(staff.values[0], staff.values[1]);
        let each: i64 = staff.values[0].parse().unwrap();
        assert_eq!(staff.total, (2 * each).to_string());
        // A ratio: recomputed from the summed figures, not averaged:
        // (843 + 90) / (843 + 100) = 98,93% (the average would be 95).
        let on_time = row(&summary, "3.4.b");
        assert_eq!(on_time.values, ["90", "100"]);
        assert_eq!(on_time.total, "98,93");
        assert_eq!(on_time.note, "Tính lại từ tổng: 933/943");
        // A typed percentage: the average of the units that gave one.
        let approved = row(&summary, "3.3.c");
        assert_eq!(approved.values, ["50", "100"]);
        assert_eq!(approved.total, "75");
        assert_eq!(approved.note, "Bình quân của 2 đơn vị");
        // A coded choice: how many units gave each answer.
        let method = row(&summary, "1.3.b");
        assert_eq!(method.total, "Trực tuyến: 1; Phát phiếu: 1");
        // Nothing to note about two good files.
        assert_eq!(summary.notes, []);
    }

    #[test]
    fn bad_other_period_duplicate_and_edited_files_are_named() {
        let mut next = sample();
        next.period = crate::report::Period::legal(ReportKind::SixMonths, 2025);
        next.header.unit.name = Text::new("Nghĩa Chánh");
        let mut edited = file("nghia-lo.json", nghia_lo(), 1);
        if let Ok(opened) = &mut edited.opened {
            opened.checksum_ok = false;
        }
        let summary = add_up(&[
            file("tqt-lan-1.json", sample(), 1),
            file("tqt-lan-3.json", sample(), 3),
            ReceivedFile {
                name: "hong.json".to_owned(),
                opened: exchange::open(b"{\"format\": \"bao-cao-cchc\", ", &|_| None),
            },
            file("nghia-chanh.json", next, 1),
            edited,
        ]);
        let columns: Vec<(&str, u32)> = summary
            .units
            .iter()
            .map(|c| (c.file_name.as_str(), c.revision))
            .collect();
        assert_eq!(columns, [("nghia-lo.json", 1), ("tqt-lan-3.json", 3)]);
        let outcomes: Vec<(&str, Option<&str>, u32, Outcome)> = summary
            .files
            .iter()
            .map(|f| {
                (
                    f.file_name.as_str(),
                    f.unit.as_deref(),
                    f.revision,
                    f.outcome,
                )
            })
            .collect();
        let tqt = Some("Phường Trương Quang Trọng");
        assert_eq!(
            outcomes,
            [
                ("tqt-lan-1.json", tqt, 1, Outcome::Superseded),
                ("tqt-lan-3.json", tqt, 3, Outcome::Valid),
                ("hong.json", None, 0, Outcome::Unreadable),
                (
                    "nghia-chanh.json",
                    Some("Phường Nghĩa Chánh"),
                    1,
                    Outcome::OtherPeriod
                ),
                (
                    "nghia-lo.json",
                    Some("Phường Nghĩa Lộ"),
                    1,
                    Outcome::Warnings
                ),
            ]
        );
        let notes: Vec<(&str, Severity, &str)> = summary
            .notes
            .iter()
            .map(|n| (n.file_name.as_str(), n.severity, n.message.as_str()))
            .collect();
        assert_eq!(
            notes,
            [
                (
                    "hong.json",
                    Severity::Error,
                    "Không mở được, không cộng: Tệp JSON bị cắt cụt (thiếu phần cuối): có thể tải về hoặc sao chép chưa xong. Hãy xin gửi lại tệp."
                ),
                (
                    "tqt-lan-1.json",
                    Severity::Error,
                    "Phường Trương Quang Trọng gửi nhiều lần: chỉ cộng tệp «tqt-lan-3.json» (lần xuất thứ 3)."
                ),
                (
                    "nghia-chanh.json",
                    Severity::Error,
                    "Báo cáo 6 tháng đầu năm 2025 của Phường Nghĩa Chánh, khác kỳ đang tổng hợp: không cộng."
                ),
                (
                    "nghia-lo.json",
                    Severity::Warning,
                    "Tệp đã bị sửa sau khi xuất (mã kiểm tra không khớp): vẫn cộng, nên hỏi lại đơn vị."
                ),
            ]
        );
    }

    #[test]
    fn a_report_with_errors_is_added_with_a_warning() {
        let mut report = nghia_lo();
        report.figures.set("applications.resolved", 200.into());
        let summary = add_up(&[file("nghia-lo.json", report, 1)]);
        assert_eq!(summary.units.len(), 1);
        assert_eq!(summary.notes.len(), 1);
        assert_eq!(summary.notes[0].severity, Severity::Warning);
        assert!(summary.notes[0]
            .message
            .starts_with("Phường Nghĩa Lộ: báo cáo còn "));
        assert_eq!(summary.files[0].outcome, Outcome::Errors);
    }

    #[test]
    fn nothing_to_add_up_is_an_empty_summary() {
        let summary = add_up(&[]);
        assert_eq!(summary.period, None);
        assert!(summary.units.is_empty());
        assert_eq!(summary.template, None);
        assert!(summary.rows.is_empty());
        assert_eq!(csv_file_name(&summary), "tong-hop-cchc.csv");
    }

    #[test]
    fn the_summary_csv_has_a_column_per_unit() {
        let summary = add_up(&[
            file("tqt.json", sample(), 1),
            file("nghia-lo.json", nghia_lo(), 1),
        ]);
        let csv = summary_csv(&summary);
        assert!(csv.starts_with('\u{feff}'));
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\"Mã\",\"STT\",\"Chỉ tiêu\",\"Đơn vị tính\",\"Tổng hợp\",\"Ghi chú\",\"Phường Nghĩa Lộ\",\"Phường Trương Quang Trọng\""
        );
        assert_eq!(lines.len(), legacy().rows.len() + 2);
        assert!(lines
            .iter()
            .any(|line| line.starts_with("\"3.4.b\",\"\",") && line.contains("\"98,93\"")));
        assert_eq!(csv_file_name(&summary), "tong-hop-cchc-2025-quy-I.csv");
    }

    /// The sample's template under another id or version, or with other content.
    fn variant(id: &str, version: &str, title: &str) -> Arc<Template> {
        let mut source = legacy().source.clone();
        source["id"] = id.into();
        source["version"] = version.into();
        source["title"] = title.into();
        Arc::new(crate::template::read(source.to_string().as_bytes()).unwrap())
    }

    #[test]
    fn only_files_of_one_template_are_added_up_and_the_others_are_named() {
        let newer = variant("cchc-xa-phuong-quang-ngai", "2026.1", "Mẫu 2026");
        let mut other = nghia_lo();
        other.header.unit.name = Text::new("Nghĩa Chánh");
        let mut clash = nghia_lo();
        clash.header.unit.name = Text::new("Nghĩa Dõng");
        let clashing = variant(&legacy().id, &legacy().version, "Cùng mã, khác nội dung");
        let summary = add_up(&[
            file("tqt.json", sample(), 1),
            file("nghia-lo.json", nghia_lo(), 1),
            file_of(newer, "nghia-chanh.json", other, 1),
            file_of(clashing, "nghia-dong.json", clash, 1),
        ]);
        assert_eq!(
            summary.template.as_ref().map(|t| t.reference()),
            Some(legacy().reference())
        );
        assert_eq!(summary.units.len(), 2);
        let notes = file_notes(&summary);
        assert_eq!(
            notes,
            [
                (
                    "nghia-chanh.json",
                    "Báo cáo của Phường Nghĩa Chánh theo mẫu «Mẫu 2026 (phiên bản 2026.1)», khác mẫu đang tổng hợp «Báo cáo kết quả thực hiện công tác CCHC cấp xã (mẫu của phường Trương Quang Trọng) (phiên bản 2025.1)»: không cộng."
                ),
                (
                    "nghia-dong.json",
                    "Báo cáo của Phường Nghĩa Dõng theo mẫu «Cùng mã, khác nội dung (phiên bản 2025.1)» cùng mã và phiên bản nhưng nội dung mẫu khác mẫu đang tổng hợp: không cộng."
                ),
            ]
        );
        assert!(summary
            .notes
            .iter()
            .all(|n| n.severity == Severity::Error && n.label() == "Không cộng"));
        let outcomes: Vec<Outcome> = summary.files.iter().map(|f| f.outcome).collect();
        assert_eq!(
            outcomes,
            [
                Outcome::Valid,
                Outcome::Valid,
                Outcome::OtherTemplate,
                Outcome::OtherTemplate
            ]
        );
    }

    #[test]
    fn a_unit_whose_only_file_is_of_another_template_is_not_counted_as_sent() {
        use crate::expected::{roll_call, Status};
        let newer = variant("cchc-xa-phuong-quang-ngai", "2026.1", "Mẫu 2026");
        let mut other = nghia_lo();
        other.header.unit.name = Text::new("Nghĩa Chánh");
        let summary = add_up(&[
            file("tqt.json", sample(), 1),
            file("nghia-lo.json", nghia_lo(), 1),
            file_of(newer, "nghia-chanh.json", other, 1),
        ]);
        assert_eq!(summary.units.len(), 2);
        let expected = [
            "Phường Nghĩa Chánh".to_owned(),
            "Phường Nghĩa Lộ".to_owned(),
        ];
        let roll = roll_call(&expected, &summary);
        let statuses: Vec<Status> = roll.units.iter().map(|unit| unit.status).collect();
        assert_eq!(
            statuses,
            [Status::OtherTemplate, Status::Sent(Outcome::Valid)]
        );
        assert_eq!(roll.units[0].status.label(), "khác mẫu, không cộng");
        assert!(roll.not_sent().is_empty());
        assert_eq!(roll.unlisted.len(), 1);
        assert_eq!(roll.unlisted[0].file_name, "tqt.json");
    }

    #[test]
    fn sums_that_overflow_are_left_blank_not_wrapped() {
        let mut big = sample();
        big.header.unit.name = Text::new("Lớn");
        big.figures
            .set("applications.on_time", Decimal::MAX_WHOLE.into());
        big.figures
            .set("applications.resolved", Decimal::MAX_WHOLE.into());
        let mut other = big.clone();
        other.header.unit.name = Text::new("Lớn Hai");
        let summary = add_up(&[file("a.json", big, 1), file("b.json", other, 1)]);
        let on_time = row(&summary, "3.4.a");
        assert_eq!(on_time.values, ["100", "100"]);
        assert_eq!(on_time.total, "");
    }

    #[test]
    fn a_total_opens_on_the_units_values_and_the_units_without_one() {
        let summary = add_up(&[
            file("tqt.json", sample(), 1),
            file("nghia-lo.json", nghia_lo(), 1),
        ]);
        let index = |code: &str| {
            summary
                .rows
                .iter()
                .position(|row| summary.row(row).code == code)
                .unwrap()
        };
        let documents = breakdown(&summary, index("1.1.c"));
        assert_eq!(
            documents.values,
            [("Phường Trương Quang Trọng".to_owned(), "10".to_owned())]
        );
        assert_eq!(documents.missing, ["Phường Nghĩa Lộ"]);
        let tasks = breakdown(&summary, index("1.1.a"));
        assert_eq!(tasks.values.len(), 2);
        assert!(tasks.missing.is_empty());
        assert_eq!(
            breakdown(&summary, summary.rows.len()),
            Breakdown::default()
        );
    }

    #[test]
    fn a_later_export_of_a_unit_is_said_to_replace_the_earlier() {
        let before = add_up(&[
            file("tqt-lan-2.json", sample(), 2),
            file("nghia-lo.json", nghia_lo(), 1),
        ]);
        let after = add_up(&[
            file("tqt-lan-2.json", sample(), 2),
            file("nghia-lo.json", nghia_lo(), 1),
            file("tqt-lan-3.json", sample(), 3),
        ]);
        assert_eq!(
            replacements(&before.units, &after.units),
            ["Đã thay bản lần 2 của Phường Trương Quang Trọng bằng bản lần 3."]
        );
        // An earlier export picked later replaces nothing.
        let older = add_up(&[
            file("tqt-lan-2.json", sample(), 2),
            file("nghia-lo.json", nghia_lo(), 1),
            file("tqt-lan-1.json", sample(), 1),
        ]);
        assert!(replacements(&before.units, &older.units).is_empty());
        assert_eq!(older.files[2].outcome, Outcome::Superseded);
        assert!(replacements(&[], &after.units).is_empty());
    }

    #[test]
    fn one_export_number_with_other_figures_is_said_to_differ() {
        // Two offices that both call themselves by one name, or a unit that
        // edited its report without exporting anew.
        let mut other = nghia_lo();
        other.header.unit.name = sample().header.unit.name;
        let summary = add_up(&[
            file("so-noi-vu-a.json", sample(), 1),
            file("so-noi-vu-b.json", other, 1),
        ]);
        assert_eq!(summary.units.len(), 1);
        assert_eq!(summary.units[0].file_name, "so-noi-vu-b.json");
        assert_eq!(summary.files[0].outcome, Outcome::Superseded);
        let notes = file_notes(&summary);
        assert_eq!(
            notes,
            [(
                "so-noi-vu-a.json",
                "Phường Trương Quang Trọng có hai tệp cùng là lần xuất thứ 1 nhưng nội dung khác nhau: chỉ cộng tệp «so-noi-vu-b.json». Hãy hỏi lại đơn vị; nếu là hai đơn vị trùng tên, mỗi đơn vị cần ghi tên riêng."
            )]
        );
        // The very same export twice is only a repeat.
        let repeat = add_up(&[
            file("lan-1.json", sample(), 1),
            file("lan-1-ban-sao.json", sample(), 1),
        ]);
        assert_eq!(
            repeat.notes[0].message,
            "Phường Trương Quang Trọng gửi nhiều lần: chỉ cộng tệp «lan-1-ban-sao.json» (lần xuất thứ 1)."
        );
    }

    #[test]
    fn the_files_kept_are_counted_in_kb() {
        assert_eq!(
            kept_line(0, 0),
            "Chưa giữ tệp nào trong bộ nhớ của trình duyệt."
        );
        assert_eq!(
            kept_line(10, 1_263_617),
            "Đang giữ 10 tệp (1.235 KB) trong bộ nhớ của trình duyệt."
        );
        assert_eq!(
            kept_line(1, 1),
            "Đang giữ 1 tệp (1 KB) trong bộ nhớ của trình duyệt."
        );
    }
}
