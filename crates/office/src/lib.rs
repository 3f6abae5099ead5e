//! The Word (`.docx`) and Excel (`.xlsx`) writers of the CCHC report editor.
//!
//! Why a crate of its own: the writers (docx-rs and rust_xlsxwriter, with
//! the zip and XML code they bring) weigh about 400 KB of gzipped wasm,
//! more than the whole editor. Compiled into the editor, every start-up
//! would download and compile them although most users never ask for a
//! Word or Excel file. So they are compiled to a second wasm module that
//! the editor loads only on the first click on `Tải bản Word (.docx)` or
//! `Tải Excel (.xlsx)`.
//!
//! Nothing is decided here: what the document says and how it is laid out
//! is the core's [`Document`](cchc_core::document::Document) (the same
//! one the print view is written from), and what each cell of a sheet
//! holds is the core's [`Workbook`](cchc_core::workbook::Workbook). This
//! crate only turns them into files, and reads the cells of an Excel or
//! CSV file (the office's list of expected units) with the zip and XML
//! code that is here anyway and a CSV reader.
//!
//! The editor hands over the draft as its exchange file (the JSON that
//! `Tải tệp JSON` writes, which the editor makes anyway), and this module
//! opens it and builds the document or the workbook itself: the code that
//! builds a workbook and the serialisation of the models then live here,
//! fetched on the first click, not in the editor's start-up.

mod docx;
mod sheets;
mod xlsx;

pub use docx::docx;
pub use sheets::{csv_rows, sheets, unit_names};
pub use xlsx::xlsx;

use cchc_core::combined;
use cchc_core::document::Document;
use cchc_core::exchange::{self, Opened};
use cchc_core::facts::Facts;
use cchc_core::workbook;

/// The report in `report_file` (an exchange file) with the template inside
/// it; or why not, naming it as `what` (`báo cáo`).
fn open_report_file(report_file: &str, what: &str) -> Result<Opened, String> {
    exchange::open(report_file.as_bytes(), &|_| None)
        .map_err(|error| format!("Không đọc được {what}: {}", error.message()))
}

/// What `build` makes of the facts of the report in `report_file`.
fn from_report_file<R>(report_file: &str, build: impl FnOnce(&Facts) -> R) -> Result<R, String> {
    let opened = open_report_file(report_file, "báo cáo")?;
    Ok(build(&Facts::new(&opened.template, &opened.report)))
}

/// The document of the report in `report_file`, as the print view lays it
/// out.
pub fn report_document(report_file: &str) -> Result<Document, String> {
    from_report_file(report_file, Document::new)
}

/// The `.docx` file of the report in `report_file`.
pub fn report_docx(report_file: &str) -> Result<Vec<u8>, String> {
    docx(&report_document(report_file)?)
}

/// The document of the combined report in `report_file` (the exchange file
/// `Tải JSON tổng hợp` writes), its appendix printing `totals` (JSON of
/// [`combined::PrintedTotal`]s) as the aggregation page's print view does.
pub fn combined_document(report_file: &str, totals: &str) -> Result<Document, String> {
    let totals: Vec<combined::PrintedTotal> = serde_json::from_str(totals)
        .map_err(|error| format!("Dữ liệu tổng hợp không hợp lệ: {error}"))?;
    let opened = open_report_file(report_file, "báo cáo tổng hợp")?;
    Ok(combined::document(
        &opened.template,
        &opened.report,
        &totals,
    ))
}

/// The `.docx` file of the combined report in `report_file`.
pub fn combined_docx(report_file: &str, totals: &str) -> Result<Vec<u8>, String> {
    docx(&combined_document(report_file, totals)?)
}

/// The `.xlsx` file of the appendix of the report in `report_file`.
pub fn appendix_xlsx(report_file: &str) -> Result<Vec<u8>, String> {
    xlsx(&from_report_file(report_file, workbook::appendix)?)
}

/// The wasm module's entry points: JSON in, the file's bytes out.
#[cfg(target_arch = "wasm32")]
mod wasm {
    use cchc_core::workbook::Workbook;
    use wasm_bindgen::prelude::*;

    /// The `.docx` file of the report given as its exchange file.
    #[wasm_bindgen]
    pub fn docx_file(report_file: &str) -> Result<Vec<u8>, JsError> {
        crate::report_docx(report_file).map_err(|error| JsError::new(&error))
    }

    /// The `.docx` file of the aggregation page's combined report, given as
    /// its exchange file and the totals its appendix prints (JSON).
    #[wasm_bindgen]
    pub fn combined_docx_file(report_file: &str, totals: &str) -> Result<Vec<u8>, JsError> {
        crate::combined_docx(report_file, totals).map_err(|error| JsError::new(&error))
    }

    /// The `.xlsx` file of the appendix of the report given as its
    /// exchange file.
    #[wasm_bindgen]
    pub fn xlsx_file(report_file: &str) -> Result<Vec<u8>, JsError> {
        crate::appendix_xlsx(report_file).map_err(|error| JsError::new(&error))
    }

    /// The `.xlsx` file of a workbook given as JSON (the aggregation page's).
    #[wasm_bindgen]
    pub fn workbook_file(workbook_json: &str) -> Result<Vec<u8>, JsError> {
        let workbook: Workbook = serde_json::from_str(workbook_json)
            .map_err(|error| JsError::new(&format!("Dữ liệu bảng tính không hợp lệ: {error}")))?;
        crate::xlsx(&workbook).map_err(|error| JsError::new(&error))
    }

    /// The units listed in an `.xlsx` or CSV file, one a line (as
    /// [`cchc_core::expected::to_lines`] writes them, so the editor needs
    /// no JSON reader for them).
    #[wasm_bindgen]
    pub fn unit_lines(file_name: &str, bytes: &[u8]) -> Result<String, JsError> {
        let units = crate::unit_names(file_name, bytes).map_err(|error| JsError::new(&error))?;
        Ok(cchc_core::expected::to_lines(&units))
    }
}
