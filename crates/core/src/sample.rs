//! The sample report: a ward's real Q1/2025 report, shipped inside the app
//! so that `Nạp báo cáo mẫu` works offline and from a single file.
//!
//! The JSON lives in `public/examples/` so that people and other programs can
//! read it too; it is compiled in, never fetched.

use crate::report::Report;

/// The sample as stored: Phường Trương Quang Trọng, Quý I năm 2025.
pub const SAMPLE_JSON: &str =
    include_str!("../../../public/examples/bao-cao-cchc-quy-I-2025-phuong-truong-quang-trong.json");

/// The sample report, parsed.
pub fn sample() -> Report {
    Report::from_json(SAMPLE_JSON).expect("the bundled sample is a valid report")
}
