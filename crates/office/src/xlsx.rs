//! `Tải Excel (.xlsx)`: a [`Workbook`] of the core written as an Excel file.
//!
//! Everything a cell holds was decided in the core (`cchc_core::workbook`);
//! this only writes it: one worksheet per sheet, the header row in bold
//! and frozen, the column widths, numbers as numbers with their format
//! code, texts as strings (a text starting with `=` stays text: strings are
//! written with `write_string`, never with `write`, which would make it a
//! formula).

use cchc_core::workbook::{Cell, NumberFormat, Workbook};
use rust_xlsxwriter::{ColNum, Format, RowNum, XlsxError};

/// The `.xlsx` file of `workbook`.
pub fn xlsx(workbook: &Workbook) -> Result<Vec<u8>, String> {
    write(workbook).map_err(|error| format!("Không tạo được tệp Excel: {error}"))
}

fn write(workbook: &Workbook) -> Result<Vec<u8>, XlsxError> {
    let mut file = rust_xlsxwriter::Workbook::new();
    let header = Format::new().set_bold().set_text_wrap();
    let formats = [
        NumberFormat::Whole,
        NumberFormat::Decimal,
        NumberFormat::Percent,
    ]
    .map(|format| (format, Format::new().set_num_format(format.code())));
    let format_of = |wanted: NumberFormat| {
        formats
            .iter()
            .find(|(format, _)| *format == wanted)
            .map(|(_, cell_format)| cell_format)
            .expect("every number format has a cell format")
    };
    for sheet in &workbook.sheets {
        let worksheet = file.add_worksheet();
        worksheet.set_name(sheet.name.as_str())?;
        for (index, column) in sheet.columns.iter().enumerate() {
            let col = column_number(index)?;
            worksheet.set_column_width(col, column.width)?;
            worksheet.write_string_with_format(0, col, column.header.as_str(), &header)?;
        }
        worksheet.set_freeze_panes(1, 0)?;
        for (index, cells) in sheet.rows.iter().enumerate() {
            let row = RowNum::try_from(index + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
            for (index, cell) in cells.iter().enumerate() {
                let col = column_number(index)?;
                match cell {
                    Cell::Empty => {}
                    Cell::Text { text } => {
                        worksheet.write_string(row, col, text.as_str())?;
                    }
                    Cell::Number { value, format } => {
                        worksheet.write_number_with_format(row, col, *value, format_of(*format))?;
                    }
                }
            }
        }
    }
    file.save_to_buffer()
}

fn column_number(index: usize) -> Result<ColNum, XlsxError> {
    ColNum::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)
}
