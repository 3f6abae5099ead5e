//! Host timing of the work done on every keystroke: validating the whole
//! sample report, and deriving its appendix and sentences. Run by
//! `make bench` (ignored by `cargo test`): it prints figures, it does not judge.

use std::hint::black_box;
use std::time::Instant;

use cchc_core::facts::Facts;
use cchc_core::rules::{check, PendingInputs};
use cchc_core::sample::sample;
use cchc_core::template::legacy;
use cchc_core::{appendix, sentences};

fn time_per_run(runs: u32, mut work: impl FnMut()) -> f64 {
    work();
    let start = Instant::now();
    for _ in 0..runs {
        work();
    }
    start.elapsed().as_secs_f64() * 1e6 / f64::from(runs)
}

#[test]
#[ignore = "a benchmark: run with make bench"]
fn validation_and_derivation_of_the_full_report() {
    let report = sample();
    let template = legacy();
    let pending = PendingInputs::new();
    let issues = check(&Facts::new(&template, &report), &pending).len();
    // Each run reads the figures afresh, as the editor does after a keystroke.
    let validate = time_per_run(2000, || {
        black_box(check(&Facts::new(&template, black_box(&report)), &pending));
    });
    let derive = time_per_run(2000, || {
        let facts = Facts::new(&template, black_box(&report));
        black_box(appendix::cells(&facts));
        for sentence in &template.sentences {
            black_box(sentences::render(&facts, sentence));
        }
    });
    let read_template = time_per_run(200, || {
        black_box(cchc_core::template::read(black_box(template.to_json().as_bytes())).is_ok());
    });
    println!("host: validate the full sample report ({issues} issues): {validate:.1} µs per run");
    println!("host: derive its appendix and sentences: {derive:.1} µs per run");
    println!("host: read and check the sample template: {read_template:.1} µs per run");
}
