//! Reading the cells of an Excel (`.xlsx`) or CSV file, for the receiving
//! office's list of expected units kept in a spreadsheet.
//!
//! It lives in the office module, loaded on first use, so that the readers
//! (calamine, with its zip and XML code, and csv) never make the editor's
//! start-up larger. Only the cells' texts are read, sheet by sheet; which
//! column holds the units is decided in the core
//! ([`cchc_core::expected::from_sheets`]).

use std::io::Cursor;

use calamine::{Reader, Xlsx};
use cchc_core::expected;

/// One sheet's rows, each a list of cell texts from column A (blank cells
/// as empty texts).
pub type Rows = Vec<Vec<String>>;

/// Why a file gave no cells.
fn refused(why: impl std::fmt::Display) -> String {
    format!("Không đọc được tệp Excel: {why}. Hãy lưu lại bằng Excel dạng .xlsx hoặc .csv.")
}

/// Every worksheet of the `.xlsx` file `bytes`, in order, as rows of texts
/// (numbers as Excel shows them without a format: `3`, `1.5`).
pub fn sheets(bytes: &[u8]) -> Result<Vec<Rows>, String> {
    let mut workbook = Xlsx::new(Cursor::new(bytes))
        .map_err(|_| refused("tệp không phải tệp .xlsx (không mở được dạng nén)"))?;
    let sheets = workbook.worksheets();
    if sheets.is_empty() {
        return Err(refused("tệp không có trang tính nào"));
    }
    Ok(sheets
        .into_iter()
        .map(|(_, range)| {
            // From column A and row 1, whatever cell the sheet starts at.
            let (first_row, first_column) = range.start().unwrap_or((0, 0));
            let blank_rows = (0..first_row).map(|_| Vec::new());
            let rows = range.rows().map(|cells| {
                let blanks = (0..first_column).map(|_| String::new());
                blanks
                    .chain(cells.iter().map(ToString::to_string))
                    .collect()
            });
            blank_rows.chain(rows).collect()
        })
        .collect())
}

/// The units listed in the spreadsheet `bytes` named `file_name`: an
/// `.xlsx` file's sheets, or else a CSV file as one sheet; or why not, in
/// a Vietnamese sentence.
pub fn unit_names(file_name: &str, bytes: &[u8]) -> Result<Vec<String>, String> {
    let sheets = if file_name.to_lowercase().ends_with(".xlsx") {
        sheets(bytes)?
    } else {
        vec![csv_rows(file_name, bytes)?]
    };
    expected::from_sheets(file_name, &sheets)
}

/// The rows of the CSV file `bytes`, split by the csv crate at the
/// delimiter its first line uses: quoted cells may hold the delimiter,
/// doubled quotes and line breaks; rows may differ in length.
pub fn csv_rows(file_name: &str, bytes: &[u8]) -> Result<Rows, String> {
    let (text, delimiter) = expected::csv_text(file_name, bytes)?;
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
        .records()
        .map(|record| {
            record
                .map(|record| record.iter().map(str::to_owned).collect())
                .map_err(|error| {
                    format!("Không đọc được danh sách đơn vị từ tệp «{file_name}»: {error}. Danh sách cũ vẫn giữ nguyên.")
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_an_xlsx_file_is_refused_in_vietnamese() {
        let error = sheets(b"STT,Ten\n1,A\n").unwrap_err();
        assert!(
            error.starts_with("Không đọc được tệp Excel: tệp không phải tệp .xlsx"),
            "{error}"
        );
    }
}
