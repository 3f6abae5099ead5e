//! Adding up the reports of many units: what the office above does with the
//! files it receives by e-mail.
//!
//! Each file is judged by [`crate::exchange::open`]; the reports of one
//! period are added up row by row of the appendix catalog, by the kind of
//! each row (counts and money summed, ratios recomputed from the summed
//! figures rather than averaged, typed percentages averaged, coded choices
//! counted per option). Every file that is refused, of another period, sent
//! twice, edited after export, or carrying errors or blanks is listed with
//! the reason, so nothing is added up silently.

use std::collections::BTreeMap;

use crate::appendix::{self, Cell};
use crate::catalog::{Indicator, Source, ValueKind, INDICATORS};
use crate::decimal::Decimal;
use crate::exchange::{self, ImportError, Opened};
use crate::figures;
use crate::period::ReportKind;
use crate::report::{CellValue, Report};
use crate::rules::{self, PendingInputs, Severity};
use crate::vi;

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
    pub report: Report,
}

/// What the office should know about one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileNote {
    pub file_name: String,
    /// `Error`: not added up. `Warning`: added up, but look at it.
    pub severity: Severity,
    pub message: String,
}

/// One appendix row added up.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub indicator: &'static Indicator,
    /// The value of each unit, as printed, in the order of the columns.
    pub values: Vec<String>,
    pub total: String,
    /// How the total was made, and how many units left the row empty.
    pub note: String,
}

/// The sum of all the files of one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The period added up: the one most files are of.
    pub period: Option<(ReportKind, i32)>,
    pub units: Vec<UnitColumn>,
    pub notes: Vec<FileNote>,
    pub rows: Vec<Row>,
}

fn unit_name(report: &Report) -> String {
    vi::capitalize_first(&report.header.unit.full_name())
}

/// The period most of `reports` are of; the earliest file wins a tie.
fn common_period(reports: &[(&str, &Opened)]) -> Option<(ReportKind, i32)> {
    let mut counts: Vec<((ReportKind, i32), usize)> = Vec::new();
    for (_, opened) in reports {
        let period = (opened.report.period.kind, opened.report.period.year);
        match counts.iter_mut().find(|(p, _)| *p == period) {
            Some((_, count)) => *count += 1,
            None => counts.push((period, 1)),
        }
    }
    let most = counts.iter().map(|(_, count)| *count).max()?;
    counts
        .into_iter()
        .find(|(_, count)| *count == most)
        .map(|(period, _)| period)
}

/// Adds up `files`. The order of the columns is the units' names.
pub fn add_up(files: &[ReceivedFile]) -> Summary {
    let mut notes = Vec::new();
    let note = |notes: &mut Vec<FileNote>, file: &str, severity, message: String| {
        notes.push(FileNote {
            file_name: file.to_owned(),
            severity,
            message,
        })
    };
    let mut opened: Vec<(&str, &Opened)> = Vec::new();
    for file in files {
        match &file.opened {
            Err(error) => note(
                &mut notes,
                &file.name,
                Severity::Error,
                format!("Không mở được, không cộng: {}", error.message()),
            ),
            Ok(report) => opened.push((&file.name, report)),
        }
    }
    let period = common_period(&opened);

    // One column per unit: of a unit sent twice, the latest revision counts.
    let mut by_unit: BTreeMap<(String, &'static str), (&str, &Opened)> = BTreeMap::new();
    for (name, file) in opened {
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
            continue;
        }
        if report.header.unit.name.is_blank() {
            note(
                &mut notes,
                name,
                Severity::Error,
                "Báo cáo chưa có tên đơn vị: không cộng.".to_owned(),
            );
            continue;
        }
        let key = report.header.unit.key();
        if let Some((kept_name, kept)) = by_unit.get(&key).copied() {
            let (newer, older) = if file.revision >= kept.revision {
                ((name, file), kept_name)
            } else {
                ((kept_name, kept), name)
            };
            note(
                &mut notes,
                older,
                Severity::Error,
                format!(
                    "{} gửi nhiều lần: chỉ cộng tệp «{}» (lần xuất thứ {}).",
                    unit_name(report),
                    newer.0,
                    newer.1.revision
                ),
            );
            by_unit.insert(key, newer);
        } else {
            by_unit.insert(key, (name, file));
        }
    }

    let units: Vec<UnitColumn> = by_unit
        .into_values()
        .map(|(name, file)| UnitColumn {
            unit: unit_name(&file.report),
            file_name: name.to_owned(),
            revision: file.revision,
            checksum_ok: file.checksum_ok,
            report: file.report.clone(),
        })
        .collect();
    for column in &units {
        if !column.checksum_ok {
            note(
                &mut notes,
                &column.file_name,
                Severity::Warning,
                "Tệp đã bị sửa sau khi xuất (mã kiểm tra không khớp): vẫn cộng, nên hỏi lại đơn vị.".to_owned(),
            );
        }
        let errors = rules::check(&column.report, &PendingInputs::new())
            .iter()
            .filter(|issue| issue.severity == Severity::Error)
            .count();
        if errors > 0 {
            note(
                &mut notes,
                &column.file_name,
                Severity::Warning,
                format!("{}: báo cáo còn {errors} lỗi số liệu.", column.unit),
            );
        }
    }

    let cells: Vec<Vec<Cell>> = units
        .iter()
        .map(|column| appendix::cells(&column.report))
        .collect();
    let reports: Vec<&Report> = units.iter().map(|column| &column.report).collect();
    let rows = INDICATORS
        .iter()
        .enumerate()
        .map(|(index, indicator)| {
            let row: Vec<&Cell> = cells.iter().map(|cells| &cells[index]).collect();
            let (total, note) = total(indicator, &row, &reports);
            Row {
                indicator,
                values: row.iter().map(|cell| cell.value_text()).collect(),
                total,
                note,
            }
        })
        .collect();
    Summary {
        period,
        units,
        notes,
        rows,
    }
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

fn join_notes(parts: [String; 2]) -> String {
    parts
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The total of one row and its note.
fn total(indicator: &Indicator, row: &[&Cell], reports: &[&Report]) -> (String, String) {
    let units = row.len();
    let numbers: Vec<Decimal> = row.iter().filter_map(|cell| number(cell)).collect();
    let reported = row.iter().filter(|cell| cell.value.is_some()).count();
    match (indicator.kind, indicator.source) {
        (ValueKind::Heading, _) | (ValueKind::Text, _) => (String::new(), String::new()),
        (
            _,
            Source::Ratio {
                numerator,
                denominator,
            },
        ) => {
            let pairs: Vec<(u64, u64)> = reports
                .iter()
                .filter_map(|report| {
                    Some((
                        figures::value(&report.figures, numerator)?,
                        figures::value(&report.figures, denominator)?,
                    ))
                })
                .collect();
            let n: u64 = pairs.iter().map(|(n, _)| n).sum();
            let d: u64 = pairs.iter().map(|(_, d)| d).sum();
            let total = vi::percent_of(n, d)
                .map(vi::format_decimal)
                .unwrap_or_default();
            let how = if pairs.is_empty() {
                String::new()
            } else {
                format!("Tính lại từ tổng: {}", vi::ratio_in_prose(n, d))
            };
            (total, join_notes([how, missing_note(pairs.len(), units)]))
        }
        (ValueKind::Percent, _) => {
            let total = if numbers.is_empty() {
                String::new()
            } else {
                let sum: i64 = numbers.iter().map(|n| n.hundredths()).sum();
                Decimal::from_hundredths(sum / numbers.len() as i64)
                    .map(vi::format_decimal)
                    .unwrap_or_default()
            };
            let how = if numbers.is_empty() {
                String::new()
            } else {
                format!("Bình quân của {} đơn vị", numbers.len())
            };
            (total, join_notes([how, missing_note(reported, units)]))
        }
        (ValueKind::Choice(options), _) => {
            let counts: Vec<String> = options
                .iter()
                .filter_map(|option| {
                    let count = row
                        .iter()
                        .filter(|cell| cell.choice() == Some(option.code))
                        .count();
                    (count > 0).then(|| format!("{}: {count}", option.label))
                })
                .collect();
            (
                counts.join("; "),
                join_notes([
                    "Số đơn vị theo từng mức".to_owned(),
                    missing_note(reported, units),
                ]),
            )
        }
        (ValueKind::Count | ValueKind::Money | ValueKind::Ratio, _) => {
            let total = if numbers.is_empty() {
                String::new()
            } else {
                numbers
                    .iter()
                    .try_fold(0i64, |sum, n| sum.checked_add(n.hundredths()))
                    .and_then(Decimal::from_hundredths)
                    .map(vi::format_decimal)
                    .unwrap_or_default()
            };
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
    for row in &summary.rows {
        let mut fields = vec![
            row.indicator.code.to_owned(),
            row.indicator.printed_number(),
            row.indicator.label.to_owned(),
            row.indicator.unit.to_owned(),
            row.total.clone(),
            row.note.clone(),
        ];
        fields.extend(row.values.iter().cloned());
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
    use crate::text::Text;

    fn file(name: &str, report: Report, revision: u32) -> ReceivedFile {
        ReceivedFile {
            name: name.to_owned(),
            opened: Ok(Opened {
                report,
                revision,
                checksum_ok: true,
                from_version: 1,
            }),
        }
    }

    /// A second ward: the sample's shape with other figures and blanks.
    fn nghia_lo() -> Report {
        let mut report = sample();
        report.header.unit.name = Text::new("Nghĩa Lộ");
        let applications = &mut report.figures.applications;
        applications.received = Some(100);
        applications.resolved = Some(100);
        applications.on_time = Some(90);
        applications.carried_over = Some(0);
        applications.withdrawn = Some(0);
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

    fn row<'a>(summary: &'a Summary, code: &str) -> &'a Row {
        summary
            .rows
            .iter()
            .find(|row| row.indicator.code == code)
            .expect("row")
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
        assert_eq!(summary.rows.len(), INDICATORS.len());

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
                opened: exchange::open(b"{\"format\": \"bao-cao-cchc\", ").map(|_| unreachable!()),
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
        report.figures.applications.resolved = Some(200);
        let summary = add_up(&[file("nghia-lo.json", report, 1)]);
        assert_eq!(summary.units.len(), 1);
        assert_eq!(summary.notes.len(), 1);
        assert_eq!(summary.notes[0].severity, Severity::Warning);
        assert!(summary.notes[0]
            .message
            .starts_with("Phường Nghĩa Lộ: báo cáo còn "));
    }

    #[test]
    fn nothing_to_add_up_is_an_empty_summary() {
        let summary = add_up(&[]);
        assert_eq!(summary.period, None);
        assert!(summary.units.is_empty());
        assert!(summary.rows.iter().all(|row| row.total.is_empty()));
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
        assert_eq!(lines.len(), INDICATORS.len() + 2);
        assert!(lines
            .iter()
            .any(|line| line.starts_with("\"3.4.b\",\"\",") && line.contains("\"98,93\"")));
        assert_eq!(csv_file_name(&summary), "tong-hop-cchc-2025-quy-I.csv");
    }
}
