//! The template loader: any bytes a user may pick as a province's template
//! file (or that storage gives back), read as the app reads them; a
//! template that reads is then used as the app uses it: a new report of
//! each period kind, checked, printed, exported and opened elsewhere.
//!
//! Besides never panicking:
//! - a refused file gets at least one message;
//! - a template that reads, kept as the app keeps it (`to_json`), reads
//!   again to the same template (what storage gives back at the next start);
//! - a new report of it, exported with it, opens where the template is not
//!   installed, to the same report, its checksum good.
#![no_main]

use std::sync::Arc;

use cchc_core::exchange::{self, MAX_FILE_BYTES};
use cchc_core::period::ReportKind;
use cchc_core::report::Report;
use cchc_core::template;
use cchc_fuzz::{export, none, use_report};
use libfuzzer_sys::{fuzz_mutator, fuzz_target};

fuzz_target!(|bytes: &[u8]| {
    let template = match template::read(bytes) {
        Ok(template) => Arc::new(template),
        Err(errors) => {
            assert!(!errors.is_empty(), "a refused template says why");
            for error in &errors {
                assert!(!error.to_string().is_empty(), "an empty message");
            }
            return;
        }
    };
    let _ = template.display_name();
    let kept = template.to_json();
    let again = template::read(kept.as_bytes()).expect("a kept template reads again");
    assert_eq!(again, *template);
    for (index, kind) in ReportKind::ALL.into_iter().enumerate() {
        let report = Report::new(&template, kind, 2025);
        let file = export(&template, &report, 1);
        if file.len() <= MAX_FILE_BYTES {
            let opened = exchange::open(&file, &none).expect("a new report's file opens");
            assert_eq!(opened.report, report);
            assert_eq!(opened.template, template);
            assert!(opened.checksum_ok);
        }
        // Printing and adding up is the slow part: once per template.
        if index == 0 {
            use_report(&template, &report, 1, true);
        }
    }
});

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    cchc_fuzz::mutate_json(data, size, max_size, seed)
});
