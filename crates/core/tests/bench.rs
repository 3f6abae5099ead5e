//! Host timing of the work done on every keystroke: validating the whole
//! sample report, and deriving its appendix and sentences. Run by
//! `make bench` (ignored by `cargo test`): it prints figures, it does not judge.

use std::hint::black_box;
use std::time::Instant;

use cchc_core::rules::{check, PendingInputs};
use cchc_core::sample::sample;
use cchc_core::{appendix, report::Sentence, sentences};

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
    let pending = PendingInputs::new();
    let issues = check(&report, &pending).len();
    let validate = time_per_run(2000, || {
        black_box(check(black_box(&report), &pending));
    });
    let derive = time_per_run(2000, || {
        black_box(appendix::cells(black_box(&report)));
        for sentence in Sentence::ALL {
            black_box(sentences::lines(sentence, &report));
        }
    });
    println!("host: validate the full sample report ({issues} issues): {validate:.1} µs per run");
    println!("host: derive its appendix and sentences: {derive:.1} µs per run");
}
