//! The spreadsheets handed to Excel users (`Tải Excel (.xlsx)`): the
//! appendix of one report, and the aggregation page's combined table with
//! the list of files received and, when the office keeps a list of the
//! units that must send, where each of them stands.
//!
//! What each sheet holds is decided here, cell by cell, so that it is
//! tested on the host: numbers are numbers with a display format (a CSV
//! loses that), codes stay text (`1.10` is not the number 1.1), texts are
//! never formulas. The module that writes `.xlsx` (loaded only when asked
//! for) turns this into a file and decides nothing.

use serde::{Deserialize, Serialize};

use crate::aggregate::Summary;
use crate::appendix;
use crate::expected;
use crate::facts::Facts;
use crate::report::CellValue;
use crate::template::Unit;
use crate::vi;

/// A workbook: its sheets in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

/// One sheet: a header row (kept in view when scrolling), then the rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    /// At most 31 characters, none of `[]:*?/\` (Excel's rule).
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

/// A column: its header and width (in characters).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub header: String,
    pub width: f64,
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Cell {
    Empty,
    /// Always written as text, never read as a formula.
    Text {
        text: String,
    },
    Number {
        value: f64,
        format: NumberFormat,
    },
}

/// How a number is shown. Excel draws the separators of the reader's
/// locale: `1.234` and `99,52%` on a Vietnamese Windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NumberFormat {
    /// `1.234`.
    Whole,
    /// `1.234,5`: up to two decimals.
    Decimal,
    /// `99,52%`; the value is the fraction (0.9952).
    Percent,
}

impl NumberFormat {
    /// Excel's number format code.
    pub fn code(self) -> &'static str {
        match self {
            NumberFormat::Whole => "#,##0",
            NumberFormat::Decimal => "#,##0.##",
            NumberFormat::Percent => "0.00%",
        }
    }
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text { text }
        }
    }

    /// A number of the appendix: a percentage as its fraction.
    fn number(value: crate::decimal::Decimal, unit: Option<Unit>) -> Cell {
        let hundredths = value.hundredths() as f64;
        if unit == Some(Unit::Percent) {
            return Cell::Number {
                value: hundredths / 10_000.0,
                format: NumberFormat::Percent,
            };
        }
        let format = if value.is_whole() {
            NumberFormat::Whole
        } else {
            NumberFormat::Decimal
        };
        Cell::Number {
            value: hundredths / 100.0,
            format,
        }
    }

    /// A value as the page prints it: a number when it reads as one
    /// (`1.686`, `99,52`), else the text (`843/847`, a note).
    fn printed(text: &str, unit: Option<Unit>) -> Cell {
        match vi::parse_decimal(text) {
            Ok(Some(value)) => Cell::number(value, unit),
            _ => Cell::text(text),
        }
    }
}

/// The leading columns of both appendix sheets.
fn indicator_columns() -> Vec<Column> {
    [
        ("Mã", 8.0),
        ("STT", 6.0),
        ("Chỉ tiêu", 60.0),
        ("Đơn vị tính", 14.0),
    ]
    .into_iter()
    .map(|(header, width)| Column {
        header: header.to_owned(),
        width,
    })
    .collect()
}

fn column(header: &str, width: f64) -> Column {
    Column {
        header: header.to_owned(),
        width,
    }
}

/// The appendix of one report: one row per indicator (code, number,
/// label, unit, value, note), the values as the print shows them.
pub fn appendix(facts: &Facts) -> Workbook {
    let mut columns = indicator_columns();
    columns.extend([column("Số liệu", 14.0), column("Ghi chú", 40.0)]);
    let rows = appendix::cells(facts)
        .into_iter()
        .map(|cell| {
            let row = cell.row;
            let value = match &cell.value {
                None => Cell::Empty,
                Some(CellValue::Text(text)) => Cell::text(text.to_string()),
                Some(CellValue::Number(number)) if cell.computed => {
                    Cell::number(*number, row.unit_of_value())
                }
                Some(CellValue::Number(number)) => Cell::number(*number, None),
            };
            vec![
                Cell::text(row.code.clone()),
                Cell::text(row.printed_number()),
                Cell::text(row.label.clone()),
                Cell::text(cell.unit_text.clone()),
                value,
                Cell::text(cell.note.clone()),
            ]
        })
        .collect();
    Workbook {
        sheets: vec![Sheet {
            name: "Phụ lục".to_owned(),
            columns,
            rows,
        }],
    }
}

/// The aggregation page's workbook: the combined table (total, then one
/// column per unit) and every file received with what became of it.
pub fn aggregation(summary: &Summary, expected_units: &[String]) -> Workbook {
    let mut columns = indicator_columns();
    columns.extend([column("Tổng hợp", 14.0), column("Ghi chú", 40.0)]);
    columns.extend(summary.units.iter().map(|unit| column(&unit.unit, 14.0)));
    let rows = summary
        .rows
        .iter()
        .map(|summary_row| {
            let row = summary.row(summary_row);
            let unit = row.unit_of_value();
            let mut cells = vec![
                Cell::text(row.code.clone()),
                Cell::text(row.printed_number()),
                Cell::text(row.label.clone()),
                Cell::text(row.unit.clone()),
                Cell::printed(&summary_row.total, unit),
                Cell::text(summary_row.note.clone()),
            ];
            cells.extend(
                summary_row
                    .values
                    .iter()
                    .map(|value| Cell::printed(value, unit)),
            );
            cells
        })
        .collect();
    let mut files: Vec<Vec<Cell>> = summary
        .units
        .iter()
        .map(|unit| {
            let state = if unit.checksum_ok {
                "Đã cộng"
            } else {
                "Đã cộng (tệp bị sửa sau khi xuất)"
            };
            vec![
                Cell::text(unit.file_name.clone()),
                Cell::text(unit.unit.clone()),
                Cell::Number {
                    value: f64::from(unit.revision),
                    format: NumberFormat::Whole,
                },
                Cell::text(state),
            ]
        })
        .collect();
    files.extend(summary.notes.iter().map(|note| {
        vec![
            Cell::text(note.file_name.clone()),
            Cell::Empty,
            Cell::Empty,
            Cell::text(format!("{}: {}", note.label(), note.message)),
        ]
    }));
    Workbook {
        sheets: vec![
            Sheet {
                name: "Tổng hợp".to_owned(),
                columns,
                rows,
            },
            Sheet {
                name: "Tệp đã nhận".to_owned(),
                columns: vec![
                    column("Tệp", 50.0),
                    column("Đơn vị", 30.0),
                    column("Lần xuất", 10.0),
                    column("Tình trạng", 60.0),
                ],
                rows: files,
            },
        ]
        .into_iter()
        .chain((!expected_units.is_empty()).then(|| units_sheet(expected_units, summary)))
        .collect(),
    }
}

/// The sheet `Đơn vị phải gửi`: each unit on the office's list with its
/// status and its files, as the aggregation page shows them.
fn units_sheet(expected_units: &[String], summary: &Summary) -> Sheet {
    let roll = expected::roll_call(expected_units, summary);
    let rows = roll
        .units
        .iter()
        .enumerate()
        .map(|(index, unit)| {
            let files: Vec<String> = unit
                .files
                .iter()
                .map(|(file, status)| expected::file_line(file, *status))
                .collect();
            vec![
                Cell::Number {
                    value: (index + 1) as f64,
                    format: NumberFormat::Whole,
                },
                Cell::text(unit.unit.clone()),
                Cell::text(unit.status.label()),
                Cell::text(files.join("; ")),
            ]
        })
        .collect();
    Sheet {
        name: "Đơn vị phải gửi".to_owned(),
        columns: vec![
            column("Stt", 6.0),
            column("Đơn vị", 30.0),
            column("Tình trạng", 30.0),
            column("Tệp đã nhận", 60.0),
        ],
        rows,
    }
}

/// `bao-cao-cchc-2025-quy-I-phuong-truong-quang-trong-phu-luc.xlsx`: the
/// appendix CSV's name, as `.xlsx`.
pub fn appendix_file_name(facts: &Facts) -> String {
    crate::exchange::csv_file_name(facts.report).replace(".csv", ".xlsx")
}

/// `tong-hop-cchc-2025-quy-I.xlsx`.
pub fn aggregation_file_name(summary: &Summary) -> String {
    crate::aggregate::csv_file_name(summary).replace(".csv", ".xlsx")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample;
    use crate::template::legacy;

    fn row<'w>(book: &'w Workbook, code: &str) -> &'w [Cell] {
        book.sheets[0]
            .rows
            .iter()
            .find(|cells| cells[0] == Cell::text(code))
            .unwrap_or_else(|| panic!("row {code}"))
    }

    #[test]
    fn the_appendix_sheet_has_numbers_as_numbers_and_codes_as_text() {
        let template = legacy();
        let report = sample();
        let facts = Facts::new(&template, &report);
        let book = appendix(&facts);
        assert_eq!(book.sheets.len(), 1);
        let sheet = &book.sheets[0];
        let headers: Vec<&str> = sheet.columns.iter().map(|c| c.header.as_str()).collect();
        assert_eq!(
            headers,
            ["Mã", "STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"]
        );
        assert_eq!(sheet.rows.len(), template.rows.len());
        for cells in &sheet.rows {
            assert_eq!(cells.len(), sheet.columns.len());
        }
        // A count, a percentage computed from counts, a code that is not a number.
        let received = row(&book, "3.4");
        assert_eq!(
            received[2],
            Cell::text(
                template
                    .rows
                    .iter()
                    .find(|r| r.code == "3.4")
                    .unwrap()
                    .label
                    .clone()
            )
        );
        let ratio = row(&book, "3.4.a");
        assert_eq!(
            ratio[4],
            Cell::Number {
                value: 1.0,
                format: NumberFormat::Percent
            }
        );
        assert_eq!(ratio[5], Cell::text("843/843"));
        // Codes stay text (a template may have `1.10`, not the number 1.1).
        for (cells, row) in sheet.rows.iter().zip(&template.rows) {
            assert_eq!(cells[0], Cell::text(row.code.clone()));
        }
        // Every value equals what the print shows.
        for (cell, cells) in appendix::cells(&facts).iter().zip(&sheet.rows) {
            let shown = match &cells[4] {
                Cell::Empty => String::new(),
                Cell::Text { text } => text.clone(),
                Cell::Number { value, format } => {
                    let hundredths = match format {
                        NumberFormat::Percent => (value * 10_000.0).round(),
                        _ => (value * 100.0).round(),
                    } as i64;
                    let decimal = crate::decimal::Decimal::from_hundredths(hundredths).unwrap();
                    if *format == NumberFormat::Percent {
                        vi::format_ratio(decimal, facts.rules().ratio)
                    } else {
                        vi::format_decimal(decimal)
                    }
                }
            };
            assert_eq!(shown, cell.value_text, "row {}", cell.row.code);
        }
    }

    #[test]
    fn the_aggregation_workbook_says_where_each_expected_unit_stands() {
        use crate::aggregate::{add_up, ReceivedFile};
        use crate::exchange::Opened;
        let summary = add_up(&[ReceivedFile {
            name: "tqt.json".to_owned(),
            opened: Ok(Opened {
                report: sample(),
                template: legacy(),
                revision: 2,
                checksum_ok: true,
                from_version: 2,
            }),
        }]);
        assert_eq!(aggregation(&summary, &[]).sheets.len(), 2);
        let listed = [
            "phường trương  quang trọng".to_owned(),
            "Xã Nghĩa Hà".to_owned(),
        ];
        let book = aggregation(&summary, &listed);
        let sheet = &book.sheets[2];
        assert_eq!(sheet.name, "Đơn vị phải gửi");
        let number = |value| Cell::Number {
            value,
            format: NumberFormat::Whole,
        };
        assert_eq!(
            sheet.rows,
            [
                vec![
                    number(1.0),
                    Cell::text("phường trương quang trọng"),
                    Cell::text("đã gửi, hợp lệ"),
                    Cell::text("tqt.json (lần xuất thứ 2): đã gửi, hợp lệ"),
                ],
                vec![
                    number(2.0),
                    Cell::text("Xã Nghĩa Hà"),
                    Cell::text("chưa gửi"),
                    Cell::text(""),
                ],
            ]
        );
    }

    #[test]
    fn number_formats_are_excel_codes() {
        assert_eq!(NumberFormat::Whole.code(), "#,##0");
        assert_eq!(NumberFormat::Percent.code(), "0.00%");
        assert_eq!(
            Cell::printed("1.686", Some(Unit::Count)),
            Cell::Number {
                value: 1686.0,
                format: NumberFormat::Whole
            }
        );
        assert_eq!(
            Cell::printed("99,52", Some(Unit::Percent)),
            Cell::Number {
                value: 0.9952,
                format: NumberFormat::Percent
            }
        );
        assert_eq!(
            Cell::printed("843/847", Some(Unit::Percent)),
            Cell::text("843/847")
        );
        assert_eq!(Cell::printed("", None), Cell::Empty);
        assert_eq!(Cell::printed("=1+2", None), Cell::text("=1+2"));
    }
}
