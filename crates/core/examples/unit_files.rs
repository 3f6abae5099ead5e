//! Writes `count` exported report files of distinct units into `out-dir`,
//! for `make bench` to time the aggregation page with many files:
//!
//!     cargo run -p cchc-core --release --example unit_files -- <count> <out-dir>
//!
//! Each file is the sample report (`public/examples/`) exported as the app
//! exports it: an envelope with the template and a valid checksum. Each copy
//! has its own unit name (`Đơn vị thử 0001`) and slightly different figures.
//! Nothing is written when `out-dir` already holds `count` JSON files.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use cchc_core::exchange;
use cchc_core::template;
use cchc_core::text::Text;
use serde_json::Value as Json;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../public/examples/bao-cao-cchc-quy-I-2025-phuong-truong-quang-trong.json"
);

fn json_files(dir: &Path) -> usize {
    fs::read_dir(dir).map_or(0, |entries| {
        entries
            .filter_map(Result::ok)
            .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "json"))
            .count()
    })
}

/// The sample's figure at `key` plus `delta`.
fn shifted(report: &cchc_core::report::Report, key: &str, delta: u64) -> Json {
    let value = report.figures.get(key).and_then(Json::as_u64);
    Json::from(value.expect("the sample has this figure") + delta)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(out_dir)) = (
        args.first().and_then(|count| count.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: unit_files <count> <out-dir>");
        return ExitCode::FAILURE;
    };
    let out_dir = Path::new(out_dir);
    if json_files(out_dir) == count {
        return ExitCode::SUCCESS;
    }
    // Start afresh: a previous run may have left files of another count.
    if out_dir.exists() {
        fs::remove_dir_all(out_dir).expect("remove the old files");
    }
    fs::create_dir_all(out_dir).expect("create the output directory");

    let bytes = fs::read(SAMPLE).expect("read the sample report");
    let opened = exchange::open(&bytes, &|wanted| {
        template::find(template::built_in(), wanted)
    })
    .expect("the sample report opens");
    let sample = opened.report;
    for index in 1..=count {
        let mut report = sample.clone();
        report.header.unit.name = Text::new(&format!("Đơn vị thử {index:04}"));
        report.header.place = report.header.unit.name.clone();
        // One more application received per unit (up to 9), carried over to
        // the next period, so that received = resolved + carried over + withdrawn
        // still holds and the sums differ from unit to unit.
        let delta = (index % 10) as u64;
        for key in ["applications.received", "applications.carried_over"] {
            let value = shifted(&report, key, delta);
            report.figures.set(key, value);
        }
        let file = exchange::envelope(&opened.template, &report, 1, "2025-03-06T08:30:00Z");
        let text = serde_json::to_string_pretty(&file).expect("an envelope serialises");
        let path = out_dir.join(exchange::file_name(&report));
        fs::write(&path, text).expect("write a report file");
    }
    ExitCode::SUCCESS
}
