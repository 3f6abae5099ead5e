//! The importer: any bytes a user may pick as a report file, opened as the
//! editor opens it (its templates installed: the quick way for a current
//! file) and as a receiving office without the template opens it (the
//! careful way, the file's own template read), then used as the app uses
//! an opened report (checks, appendix, sentences, print, CSV, next period,
//! aggregation, the receiving office's list of units and combined report).
//! The aggregation page reads its files with the same `exchange::open`.
//!
//! Besides never panicking:
//! - a file that opens without the template installed opens the same with
//!   it (the quick and the careful reading agree);
//! - an opened report exported again opens again to the same report and
//!   template, its checksum good;
//! - the combined report of the files added up opens again the same, and
//!   the level above adds it up as one unit.
//!
//! With `CCHC_FUZZ_WRITE_SEEDS=<dir>` it writes the exported files it is
//! seeded with into `<dir>` and exits (tools/fuzz.sh).
#![no_main]

use cchc_core::exchange::{self, MAX_FILE_BYTES};
use cchc_core::report::FORMAT_VERSION;
use cchc_core::template::TemplateRef;
use cchc_fuzz::{export, exported_seeds, installed, none, use_report};
use libfuzzer_sys::{fuzz_mutator, fuzz_target};

fn write_seeds() {
    let Some(dir) = std::env::var_os("CCHC_FUZZ_WRITE_SEEDS") else {
        return;
    };
    let dir = std::path::Path::new(&dir);
    std::fs::create_dir_all(dir).expect("create the seed directory");
    for (name, bytes) in exported_seeds() {
        std::fs::write(dir.join(name), bytes).expect("write a seed");
    }
    std::process::exit(0);
}

fuzz_target!(
    init: write_seeds(),
    |bytes: &[u8]| {
        let here = exchange::open(bytes, &installed);
        let elsewhere = exchange::open(bytes, &none);
        if let Ok(opened) = &elsewhere {
            assert_eq!(
                here.as_ref(),
                Ok(opened),
                "the quick and the careful reading differ"
            );
        }
        let Ok(opened) = here else {
            return;
        };
        assert_eq!(opened.report.format_version, FORMAT_VERSION);
        assert_eq!(
            opened.report.template.as_ref(),
            Some(&opened.template.reference())
        );
        let file = export(&opened.template, &opened.report, opened.revision);
        if file.len() <= MAX_FILE_BYTES {
            // Its template installed (that the careful way reads a template
            // as it was exported is the template target's to check).
            let its_template = |wanted: &TemplateRef| {
                (*wanted == opened.template.reference()).then(|| opened.template.clone())
            };
            let again = exchange::open(&file, &its_template).expect("an exported file opens again");
            assert_eq!(again.report, opened.report);
            assert_eq!(again.template, opened.template);
            assert_eq!(again.revision, opened.revision);
            assert!(again.checksum_ok, "an exported file's checksum is good");
            assert_eq!(again.from_version, FORMAT_VERSION);
        }
        use_report(&opened.template, &opened.report, opened.revision, opened.checksum_ok);
    }
);

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    cchc_fuzz::mutate_json(data, size, max_size, seed)
});
