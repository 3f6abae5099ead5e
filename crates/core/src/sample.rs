//! The sample report: a ward's real Q1/2025 report, shipped inside the app
//! so that `Nạp báo cáo mẫu` works offline and from a single file.
//!
//! The JSON lives in `public/examples/` so that people and other programs can
//! read it too; it is compiled in, never fetched.

use crate::exchange;
use crate::report::Report;
use crate::template;

/// The sample as stored: Phường Trương Quang Trọng, Quý I năm 2025.
pub const SAMPLE_JSON: &str =
    include_str!("../../../public/examples/bao-cao-cchc-quy-I-2025-phuong-truong-quang-trong.json");

/// The sample report, read under the sample's template (it was written
/// before templates, as a bare report of format version 1).
pub fn sample() -> Report {
    let template = template::legacy();
    let value = serde_json::from_str(SAMPLE_JSON).expect("the bundled sample is JSON");
    let mut report =
        exchange::read_report(value, &template).expect("the bundled sample is a valid report");
    exchange::bring_up_to_date(&mut report, &template);
    report
}
