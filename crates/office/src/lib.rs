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
//! crate only turns them into files, and reads the cells of an Excel file
//! (the office's list of expected units) with the zip and XML code that
//! is here anyway.

mod docx;
mod sheets;
mod xlsx;

pub use docx::docx;
pub use sheets::sheets;
pub use xlsx::xlsx;

/// The wasm module's entry points: the model as JSON in, the file's bytes
/// out.
#[cfg(target_arch = "wasm32")]
mod wasm {
    use cchc_core::document::Document;
    use cchc_core::workbook::Workbook;
    use wasm_bindgen::prelude::*;

    /// The `.docx` file of a document given as JSON.
    #[wasm_bindgen]
    pub fn docx_file(document_json: &str) -> Result<Vec<u8>, JsError> {
        let document: Document = serde_json::from_str(document_json)
            .map_err(|error| JsError::new(&format!("Dữ liệu văn bản không hợp lệ: {error}")))?;
        crate::docx(&document).map_err(|error| JsError::new(&error))
    }

    /// The `.xlsx` file of a workbook given as JSON.
    #[wasm_bindgen]
    pub fn xlsx_file(workbook_json: &str) -> Result<Vec<u8>, JsError> {
        let workbook: Workbook = serde_json::from_str(workbook_json)
            .map_err(|error| JsError::new(&format!("Dữ liệu bảng tính không hợp lệ: {error}")))?;
        crate::xlsx(&workbook).map_err(|error| JsError::new(&error))
    }

    /// The cells of every sheet of an `.xlsx` file, as
    /// [`cchc_core::expected::sheets_to_text`] writes them: the editor picks
    /// the units' column (with the browser's Unicode functions, which this
    /// module does not have) and needs no JSON reader for them.
    #[wasm_bindgen]
    pub fn xlsx_cells(bytes: &[u8]) -> Result<String, JsError> {
        let sheets = crate::sheets(bytes).map_err(|error| JsError::new(&error))?;
        Ok(cchc_core::expected::sheets_to_text(&sheets))
    }
}
