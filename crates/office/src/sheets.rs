//! Reading the cells of an Excel (`.xlsx`) file, for the receiving office's
//! list of expected units kept in a spreadsheet.
//!
//! It lives in the office module, loaded on first use, so that the reader
//! (calamine, with its zip and XML code) never makes the editor's start-up
//! larger. Only the cells' texts are read, sheet by sheet; which column
//! holds the units is decided in the core
//! ([`cchc_core::expected::from_sheets`]).

use std::io::Cursor;

use calamine::{Reader, Xlsx};

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
