//! The Excel files, opened as Excel opens them.

mod common;

use cchc_core::workbook::{self, Cell, NumberFormat, Workbook};
use common::{count, exchange_file, facts, sample_facts, summary, Package};

fn written(book: &Workbook) -> Package {
    Package::open(cchc_office::xlsx(book).expect("the workbook is written"))
}

/// The `<c>` elements of a sheet's XML, each as its text.
fn cells(sheet: &str) -> Vec<&str> {
    sheet
        .split("<c ")
        .skip(1)
        .map(|rest| {
            let end = rest
                .find("</c>")
                .or_else(|| rest.find("/>"))
                .expect("the cell ends");
            &rest[..end]
        })
        .collect()
}

/// The cell at `reference` (`E5`).
fn cell<'a>(sheet: &'a str, reference: &str) -> &'a str {
    let start = format!("r=\"{reference}\"");
    cells(sheet)
        .into_iter()
        .find(|cell| cell.starts_with(&start))
        .unwrap_or_else(|| panic!("cell {reference} written"))
}

/// The texts of `xl/sharedStrings.xml`, in order.
fn shared_strings(xml: &str) -> Vec<String> {
    xml.split("<si>")
        .skip(1)
        .map(|item| {
            let start = item.find("<t").expect("a text")
                + item[item.find("<t").unwrap()..].find('>').unwrap()
                + 1;
            let end = item.find("</t>").expect("the text ends");
            item[start..end]
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
        })
        .collect()
}

/// The text of a cell written as a shared string.
fn string_of(cell: &str, strings: &[String]) -> String {
    assert!(cell.contains("t=\"s\""), "a shared string: {cell}");
    let start = cell.find("<v>").expect("a value") + 3;
    let end = cell.find("</v>").expect("the value ends");
    let index: usize = cell[start..end].parse().expect("an index");
    strings[index].clone()
}

/// The width of column `number` (from 1) in `<cols>`.
fn column_width(sheet: &str, number: usize) -> f64 {
    let cols = &sheet[sheet.find("<cols>").expect("column widths")..sheet.find("</cols>").unwrap()];
    let attribute = |col: &str, name: &str| -> String {
        let col = format!(" {col}");
        let start = col.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        col[start..start + col[start..].find('"').unwrap()].to_owned()
    };
    cols.split("<col ")
        .skip(1)
        .find(|col| {
            let min: usize = attribute(col, "min").parse().unwrap();
            let max: usize = attribute(col, "max").parse().unwrap();
            (min..=max).contains(&number)
        })
        .map(|col| attribute(col, "width").parse().unwrap())
        .unwrap_or_else(|| panic!("column {number} has a width"))
}

fn column_letter(index: usize) -> char {
    (b'A' + index as u8) as char
}

/// Checks one written sheet against its model: the header row frozen, the
/// widths, numbers as numbers with their format, texts as shared strings.
fn check_sheet(package: &mut Package, number: usize, sheet: &workbook::Sheet) {
    let xml = package.part(&format!("xl/worksheets/sheet{number}.xml"));
    let styles = package.part("xl/styles.xml");
    let strings = package.part("xl/sharedStrings.xml");
    assert!(
        xml.contains(
            "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        ),
        "{xml}"
    );
    assert_eq!(count(&xml, "<row "), sheet.rows.len() + 1);
    let strings = shared_strings(&strings);
    for (index, column) in sheet.columns.iter().enumerate() {
        let width = column_width(&xml, index + 1);
        assert!(
            width >= column.width && width < column.width + 1.0,
            "column {index}: {width} for {}",
            column.width
        );
        let header = cell(&xml, &format!("{}1", column_letter(index)));
        assert_eq!(string_of(header, &strings), column.header);
    }
    let mut numbers = 0;
    for (row, cells) in sheet.rows.iter().enumerate() {
        for (index, model) in cells.iter().enumerate() {
            let reference = format!("{}{}", column_letter(index), row + 2);
            match model {
                Cell::Empty => {}
                Cell::Text { text } => {
                    let written = cell(&xml, &reference);
                    assert!(!written.contains("<f>"), "{reference}: {written}");
                    assert_eq!(&string_of(written, &strings), text, "{reference}");
                }
                Cell::Number { value, .. } => {
                    let written = cell(&xml, &reference);
                    assert!(!written.contains("t=\""), "{reference}: {written}");
                    assert!(
                        written.contains(&format!("<v>{value}</v>")),
                        "{reference}: {written}"
                    );
                    assert!(written.contains(" s=\""), "{reference} has a format");
                    numbers += 1;
                }
            }
        }
    }
    assert!(numbers > 0, "sheet {number} has numbers");
    let used: Vec<NumberFormat> = sheet
        .rows
        .iter()
        .flatten()
        .filter_map(|cell| match cell {
            Cell::Number { format, .. } => Some(*format),
            _ => None,
        })
        .collect();
    for format in used {
        let code = format.code();
        assert!(
            styles.contains(&format!("formatCode=\"{code}\"")),
            "{code} in styles.xml"
        );
    }
}

#[test]
fn the_appendix_workbook_has_numbers_as_numbers_and_a_frozen_header() {
    let (template, report) = sample_facts();
    let book = workbook::appendix(&facts(&template, &report));
    let mut package = written(&book);
    let workbook_xml = package.part("xl/workbook.xml");
    assert!(
        workbook_xml.contains("<sheet name=\"Phụ lục\""),
        "{workbook_xml}"
    );
    check_sheet(&mut package, 1, &book.sheets[0]);
    // A code that looks like a number stays text.
    let sheet = package.part("xl/worksheets/sheet1.xml");
    let strings = shared_strings(&package.part("xl/sharedStrings.xml"));
    assert_eq!(string_of(cell(&sheet, "A2"), &strings), "1.1");
}

#[test]
fn a_text_that_looks_like_a_formula_stays_text() {
    let book = Workbook {
        sheets: vec![workbook::Sheet {
            name: "Thử".to_owned(),
            columns: vec![workbook::Column {
                header: "Ghi chú".to_owned(),
                width: 20.0,
            }],
            rows: vec![
                vec![Cell::Text {
                    text: "=HYPERLINK(\"http://x\")".to_owned(),
                }],
                vec![Cell::Number {
                    value: 0.9952,
                    format: NumberFormat::Percent,
                }],
            ],
        }],
    };
    let mut package = written(&book);
    let sheet = package.part("xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>"), "{sheet}");
    let strings = shared_strings(&package.part("xl/sharedStrings.xml"));
    assert_eq!(
        string_of(cell(&sheet, "A2"), &strings),
        "=HYPERLINK(\"http://x\")"
    );
    assert!(cell(&sheet, "A3").contains("<v>0.9952</v>"));
    check_sheet(&mut package, 1, &book.sheets[0]);
}

#[test]
fn the_aggregation_workbook_has_its_two_sheets() {
    let summary = summary();
    let book = workbook::aggregation(&summary, &[]);
    assert_eq!(book.sheets.len(), 2);
    let mut package = written(&book);
    let workbook_xml = package.part("xl/workbook.xml");
    assert!(
        workbook_xml.contains("<sheet name=\"Tổng hợp\""),
        "{workbook_xml}"
    );
    assert!(
        workbook_xml.contains("<sheet name=\"Tệp đã nhận\""),
        "{workbook_xml}"
    );
    for (index, sheet) in book.sheets.iter().enumerate() {
        check_sheet(&mut package, index + 1, sheet);
    }
    // A column per ward after the total.
    let strings = package.part("xl/sharedStrings.xml");
    assert!(strings.contains("Nghĩa Lộ"), "{strings}");
}

#[test]
fn a_bad_sheet_name_is_an_error_in_vietnamese() {
    let book = Workbook {
        sheets: vec![workbook::Sheet {
            name: "a/b".to_owned(),
            columns: vec![],
            rows: vec![],
        }],
    };
    let error = cchc_office::xlsx(&book).expect_err("Excel refuses the name");
    assert!(error.starts_with("Không tạo được tệp Excel"), "{error}");
}

#[test]
fn the_draft_handed_over_as_its_exchange_file_gives_the_same_sheet() {
    let (template, report) = sample_facts();
    let file = exchange_file(&template, &report);
    let mut from_file = Package::open(cchc_office::appendix_xlsx(&file).unwrap());
    let mut from_facts = written(&workbook::appendix(&facts(&template, &report)));
    for part in [
        "xl/worksheets/sheet1.xml",
        "xl/sharedStrings.xml",
        "xl/styles.xml",
    ] {
        assert_eq!(from_file.part(part), from_facts.part(part), "{part}");
    }
    assert!(cchc_office::appendix_xlsx("{")
        .unwrap_err()
        .starts_with("Không đọc được báo cáo: "));
}

#[test]
fn the_aggregation_workbook_reads_back_as_the_list_of_its_units() {
    let summary = summary();
    let bytes = cchc_office::xlsx(&workbook::aggregation(&summary, &[])).unwrap();
    let sheets = cchc_office::sheets(&bytes).unwrap();
    assert_eq!(sheets.len(), 2);
    assert_eq!(sheets[1][0], ["Tệp", "Đơn vị", "Lần xuất", "Tình trạng"]);
    let units = cchc_core::expected::from_sheets("tong-hop.xlsx", &sheets).unwrap();
    let columns: Vec<&str> = summary
        .units
        .iter()
        .map(|unit| unit.unit.as_str())
        .collect();
    assert!(!columns.is_empty());
    assert_eq!(units, columns);
}

#[test]
fn an_excel_list_is_read_from_column_a_and_row_1_whatever_cell_it_starts_at() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(1, 1, "Tên đơn vị").unwrap();
    sheet.write_string(2, 1, "Xã Hành Đức").unwrap();
    sheet.write_number(2, 2, 3.0).unwrap();
    sheet.write_number(3, 2, 1.5).unwrap();
    sheet.write_string(3, 1, "Phường  Nghĩa Lộ").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let sheets = cchc_office::sheets(&bytes).unwrap();
    assert_eq!(
        sheets,
        [vec![
            vec![],
            vec!["", "Tên đơn vị", ""],
            vec!["", "Xã Hành Đức", "3"],
            vec!["", "Phường  Nghĩa Lộ", "1.5"],
        ]]
    );
    assert_eq!(
        cchc_core::expected::from_sheets("ds.xlsx", &sheets).unwrap(),
        ["Xã Hành Đức", "Phường Nghĩa Lộ"]
    );
}

#[test]
fn a_csv_list_gives_its_unit_column_or_its_first_column() {
    let named = "\u{feff}STT;Tên đơn vị;Số dân\r\n1;Phường Nghĩa Lộ;12000\r\n2;\"Xã \"\"Nghĩa\"\" Hà\";9000\r\n3;phường  nghĩa lộ;1\r\n";
    assert_eq!(
        cchc_office::unit_names("ds.csv", named.as_bytes()).unwrap(),
        ["Phường Nghĩa Lộ", "Xã \"Nghĩa\" Hà"]
    );
    let plain = "Phường Nghĩa Lộ,x\nXã Nghĩa Hà,y\n";
    assert_eq!(
        cchc_office::unit_names("DS.CSV", plain.as_bytes()).unwrap(),
        ["Phường Nghĩa Lộ", "Xã Nghĩa Hà"]
    );
    let header = "Đơn vị\nPhường Nghĩa Lộ\n";
    assert_eq!(
        cchc_office::unit_names("ds.csv", header.as_bytes()).unwrap(),
        ["Phường Nghĩa Lộ"]
    );
}

#[test]
fn a_line_break_inside_a_quoted_csv_cell_stays_in_its_row() {
    // Excel writes a cell typed with Alt+Enter in quotes, the break kept.
    let text = "Tên đơn vị;Ghi chú\r\nXã Nghĩa Hà;\"gửi muộn\r\nđã nhắc\"\r\nPhường Nghĩa Lộ;\r\n";
    assert_eq!(
        cchc_office::csv_rows("ds.csv", text.as_bytes()).unwrap(),
        [
            vec!["Tên đơn vị", "Ghi chú"],
            vec!["Xã Nghĩa Hà", "gửi muộn\r\nđã nhắc"],
            vec!["Phường Nghĩa Lộ", ""],
        ]
    );
    assert_eq!(
        cchc_office::unit_names("ds.csv", text.as_bytes()).unwrap(),
        ["Xã Nghĩa Hà", "Phường Nghĩa Lộ"]
    );
}

#[test]
fn a_csv_that_is_no_list_is_refused_in_vietnamese() {
    let numbers = cchc_office::unit_names("ds.csv", b"1,2\n3,4\n").unwrap_err();
    assert!(numbers.contains("không thấy tên đơn vị nào"), "{numbers}");
    let zip = cchc_office::unit_names("ds.csv", b"PK\x03\x04\0\0abc").unwrap_err();
    assert!(zip.contains("không phải tệp CSV"), "{zip}");
    assert!(cchc_office::unit_names("ds.csv", b"").is_err());
    // A CSV named .xlsx is read as what its name says, and refused.
    let named_xlsx =
        cchc_office::unit_names("ds.xlsx", "Tên đơn vị\nXã A\n".as_bytes()).unwrap_err();
    assert!(
        named_xlsx.starts_with("Không đọc được tệp Excel: tệp không phải tệp .xlsx"),
        "{named_xlsx}"
    );
}
