//! What the fuzz targets share: the templates a copy of the app has, what
//! the app does with a file it could open, the structure-aware mutation of
//! JSON inputs, and the exported files the import target is seeded with.

pub mod typed;

use std::sync::{Arc, OnceLock};

use cchc_core::aggregate::{self, ReceivedFile};
use cchc_core::combined::{self, Office};
use cchc_core::exchange::{self, Opened, MAX_FILE_BYTES};
use cchc_core::facts::Facts;
use cchc_core::period::ReportKind;
use cchc_core::report::Report;
use cchc_core::rules::{self, PendingInputs};
use cchc_core::sample::SAMPLE_JSON;
use cchc_core::template::{self, Template, TemplateRef};
use cchc_core::{appendix, document, expected, next_period, sentences};
use serde_json::Value as Json;

/// The second province's template of the tests
/// (`tests/fixtures/templates/`), as a user installs it.
const SECOND_TEMPLATE: &[u8] =
    include_bytes!("../../tests/fixtures/templates/cchc-cap-xa-quang-ngai-2025-7.json");

/// The templates of a copy of the app that has the built-in ones and the
/// second province's installed.
pub fn templates() -> &'static [Arc<Template>] {
    static TEMPLATES: OnceLock<Vec<Arc<Template>>> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        let mut templates = template::built_in().to_vec();
        let second = template::read(SECOND_TEMPLATE).expect("the second template reads");
        templates.push(Arc::new(second));
        templates
    })
}

/// A copy of the app with [`templates`] installed.
pub fn installed(wanted: &TemplateRef) -> Option<Arc<Template>> {
    template::find(templates(), wanted)
}

/// A copy of the app that has no template installed: a file's own template
/// is read.
pub fn none(_: &TemplateRef) -> Option<Arc<Template>> {
    None
}

/// The date every export here is stamped with.
pub const EXPORTED_AT: &str = "2025-03-06T08:30:00Z";

/// The file the app writes for `report` of `template`, as it writes it.
pub fn export(template: &Template, report: &Report, revision: u32) -> Vec<u8> {
    let envelope = exchange::envelope(template, report, revision, EXPORTED_AT);
    serde_json::to_vec_pretty(&envelope).expect("an envelope serialises")
}

/// The sample report (`public/examples/`) as opened by the app.
pub fn sample() -> &'static Opened {
    static SAMPLE: OnceLock<Opened> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        exchange::open(SAMPLE_JSON.as_bytes(), &installed).expect("the sample opens")
    })
}

/// What the app does with a report it opened or started: checks it, fills
/// the appendix, writes the sentences, prints it, writes its CSV, starts
/// the next period from it, and adds it up with the sample (as the
/// receiving office does with the files it got).
pub fn use_report(template: &Arc<Template>, report: &Report, revision: u32, checksum_ok: bool) {
    let facts = Facts::new(template, report);
    let issues = rules::check(&facts, &PendingInputs::new());
    let _ = rules::counts(&issues);
    let _ = appendix::cells(&facts);
    for sentence in &template.sentences {
        let _ = sentences::render(&facts, sentence);
    }
    let _ = document::standalone(&facts);
    let _ = document::file_name(report);
    let _ = exchange::appendix_csv(&facts);
    let _ = exchange::file_name(report);
    let _ = exchange::csv_file_name(report);
    if let Some(next) = next_period::next_period(template, report) {
        let _ = rules::check(&Facts::new(template, &next), &PendingInputs::new());
    }
    let opened = Opened {
        report: report.clone(),
        template: template.clone(),
        revision,
        checksum_ok,
        from_version: cchc_core::report::FORMAT_VERSION,
    };
    let files = [
        ReceivedFile {
            name: "a.json".to_owned(),
            opened: Ok(opened.clone()),
        },
        ReceivedFile {
            name: "b.json".to_owned(),
            opened: Ok(sample().clone()),
        },
        ReceivedFile {
            name: "c.json".to_owned(),
            opened: Ok(opened),
        },
    ];
    let summary = aggregate::add_up(&files);
    let _ = aggregate::summary_csv(&summary);
    let _ = aggregate::csv_file_name(&summary);
    let _ = aggregate::units_matching(&summary, "phuong");
    receiving_office(report, &summary, &files);
}

/// What the receiving office does with the files it added up: lines them
/// up against its list of units (the units received and one that has not
/// sent), and writes its combined report, whose file the level above opens
/// and adds up like any unit's.
fn receiving_office(report: &Report, summary: &aggregate::Summary, files: &[ReceivedFile]) {
    const ABSENT: &str = "Xã Chưa Gửi Báo Cáo";
    let received = expected::units_received(summary);
    let mut listed = received.clone();
    listed.push(ABSENT.to_owned());
    let roll = expected::roll_call(&listed, summary);
    assert!(roll.units.len() <= listed.len());
    assert!(roll.unlisted.is_empty(), "every unit received is listed");
    let sent = |name: &str| {
        let key = expected::unit_key(name);
        received.iter().any(|unit| expected::unit_key(unit) == key)
    };
    assert_eq!(roll.not_sent().contains(&ABSENT), !sent(ABSENT));

    let (Some(template), true) = (&summary.template, summary.period.is_some()) else {
        return;
    };
    // The office named as the unit of the file, whatever it holds.
    let office = Office {
        name: report.header.unit.full_name(),
        signer_name: report.signature.name.to_string(),
        ..Office::default()
    };
    let units = combined::units_added(summary, files);
    let combined = combined::combined_report(summary, &units, &office)
        .expect("files added up make a combined report");
    let totals = combined::printed_totals(template, summary);
    let _ = combined::standalone(template, &combined, &totals);
    let _ = combined::print_file_name(&combined);
    let file = export(template, &combined, 1);
    if file.len() <= MAX_FILE_BYTES {
        let its_template =
            |wanted: &TemplateRef| (*wanted == template.reference()).then(|| template.clone());
        let again = exchange::open(&file, &its_template).expect("a combined report's file opens");
        assert_eq!(
            again.report, combined,
            "the combined report reads back the same"
        );
        assert!(again.checksum_ok);
        let above = aggregate::add_up(&[ReceivedFile {
            name: combined::file_name(&combined),
            opened: Ok(again),
        }]);
        assert_eq!(
            above.units.len(),
            1,
            "the level above adds the combined report up"
        );
    }
}

/// The exported files the import target starts from, besides the files in
/// the repository (which are all bare reports or older formats): the
/// sample exported as the app exports it now, and a new report of each
/// of [`templates`], exported with its template.
pub fn exported_seeds() -> Vec<(String, Vec<u8>)> {
    let sample = sample();
    let mut seeds = vec![(
        "sample-exported.json".to_owned(),
        export(&sample.template, &sample.report, 3),
    )];
    for template in templates() {
        for kind in [ReportKind::FirstQuarter, ReportKind::Annual] {
            let report = Report::new(template, kind, 2025);
            seeds.push((
                format!(
                    "new-{}-{}-exported.json",
                    template.id,
                    kind.file_name_part()
                ),
                export(template, &report, 1),
            ));
        }
    }
    seeds
}

/// A small random number generator (xorshift64*): the mutation must be the
/// same for the same seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u32) -> Rng {
        Rng((u64::from(seed) << 1 | 1).wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Strings worth trying where a file has a string: edges of the formats the
/// core reads (dates, numbers as text, codes, keys, expressions, sentences
/// with `{...}` and `[...]`), white space, decomposed Vietnamese.
const STRINGS: &[&str] = &[
    "",
    " ",
    "0",
    "-1",
    "1.234,5",
    "99,52",
    "2025-02-29",
    "2024-02-29",
    "2025-13-01",
    "1000-01-01",
    "9999-12-31",
    "0999-12-31",
    "quy_i",
    "6_thang",
    "quy_iii",
    "nam",
    "xa",
    "phuong",
    "thi_tran",
    "dac_khu",
    "count",
    "money",
    "percent",
    "text",
    "date",
    "choice",
    "list",
    "half_up",
    "truncate",
    "keep",
    "drop",
    "two_digits",
    "plain",
    "error",
    "warning",
    "year",
    "always",
    "generated",
    "%",
    "1.1.a",
    "9.9",
    "a.b",
    "appendix.1.1",
    "item.count",
    "x.*",
    "{",
    "}",
    "[",
    "]",
    "\\",
    "{}",
    "[{a}]",
    "[[[[[[[[[x]]]]]]]]]",
    "((((((((((((((((1))))))))))))))))",
    "not not not 1",
    "1/0",
    "0/0 = 0",
    "999999999999999 * 999999999999999",
    "-999999999999999 - 999999999999999",
    "percent(1, 0)",
    "percent(999999999999999, 0.01)",
    "fraction(1, 3)",
    "sum()",
    "has()",
    "value_or(1)",
    "unit.full_name",
    "period.name",
    "'",
    "''",
    "Tru\u{31b}o\u{31b}\u{300}ng",
    "\u{301}",
    "\u{2126}",
    "\u{feff}",
    "\u{0}",
    "é\u{301}\u{301}",
];

/// Numbers worth trying: edges of [`cchc_core::decimal::Decimal`], of
/// counts and of the integer types a file's numbers are read into.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "0.5",
    "0.01",
    "0.001",
    "99.525",
    "100",
    "2147483647",
    "2147483648",
    "4294967295",
    "4294967296",
    "-2147483649",
    "90071992547409.99",
    "90071992547410.01",
    "999999999999999",
    "1000000000000000",
    "-999999999999999",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "1e300",
    "-1e300",
    "5e-324",
    "1e15",
];

fn interesting(rng: &mut Rng) -> Json {
    match rng.below(8) {
        0 => Json::Null,
        1 => Json::Bool(rng.below(2) == 0),
        2 => Json::Array(Vec::new()),
        3 => Json::Object(serde_json::Map::new()),
        4 | 5 => Json::String((*rng.pick(STRINGS)).to_owned()),
        _ => {
            let number = *rng.pick(NUMBERS);
            serde_json::from_str(number).unwrap_or(Json::Null)
        }
    }
}

fn count(value: &Json) -> usize {
    1 + match value {
        Json::Array(items) => items.iter().map(count).sum(),
        Json::Object(map) => map.values().map(count).sum(),
        _ => 0,
    }
}

/// The node at `index` in pre-order (counting down `index`).
fn nth<'a>(value: &'a mut Json, index: &mut usize) -> Option<&'a mut Json> {
    if *index == 0 {
        return Some(value);
    }
    *index -= 1;
    match value {
        Json::Array(items) => items.iter_mut().find_map(|child| nth(child, index)),
        Json::Object(map) => map.values_mut().find_map(|child| nth(child, index)),
        _ => None,
    }
}

fn nth_ref(value: &Json, index: usize) -> &Json {
    fn go<'a>(value: &'a Json, index: &mut usize) -> Option<&'a Json> {
        if *index == 0 {
            return Some(value);
        }
        *index -= 1;
        match value {
            Json::Array(items) => items.iter().find_map(|child| go(child, index)),
            Json::Object(map) => map.values().find_map(|child| go(child, index)),
            _ => None,
        }
    }
    go(value, &mut { index }).expect("index below the count")
}

/// A string changed by libFuzzer's own byte mutations, kept valid UTF-8.
fn mutate_string(text: &str, rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => format!("{text}{}", rng.pick(STRINGS)),
        1 => format!("{}{text}", rng.pick(STRINGS)),
        2 => text.repeat(1 + rng.below(3)),
        3 => {
            let chars: Vec<char> = text.chars().collect();
            let cut = rng.below(chars.len() + 1);
            chars[..cut].iter().collect()
        }
        _ => {
            let mut bytes = text.as_bytes().to_vec();
            let size = bytes.len();
            bytes.resize(size * 2 + 16, 0);
            let max = bytes.len();
            let size = libfuzzer_sys::fuzzer_mutate(&mut bytes, size, max);
            String::from_utf8_lossy(&bytes[..size]).into_owned()
        }
    }
}

fn mutate_number(number: &serde_json::Number, rng: &mut Rng) -> Json {
    let as_f64 = number.as_f64().unwrap_or(0.0);
    match (rng.below(6), number.as_i64()) {
        (0, Some(n)) => Json::from(n.wrapping_add(1)),
        (1, Some(n)) => Json::from(n.wrapping_sub(1)),
        (2, Some(n)) => Json::from(n.wrapping_neg()),
        (3, Some(n)) => Json::from(n.wrapping_mul(1000)),
        (4, _) => serde_json::Number::from_f64(as_f64 / 100.0).map_or(Json::Null, Json::Number),
        _ => serde_json::Number::from_f64(as_f64 + 0.5).map_or(Json::Null, Json::Number),
    }
}

/// One change to `value`: a node replaced by an edge value or by a copy of
/// another node, a string or number changed, a key or an item removed,
/// added, renamed, doubled or moved.
fn mutate_value(value: &mut Json, rng: &mut Rng) {
    let nodes = count(value);
    let donor = nth_ref(value, rng.below(nodes)).clone();
    let donor_key = match &donor {
        Json::String(text) => text.clone(),
        _ => (*rng.pick(STRINGS)).to_owned(),
    };
    let node = nth(value, &mut rng.below(nodes)).expect("index below the count");
    match rng.below(5) {
        0 => *node = interesting(rng),
        1 => *node = donor,
        _ => match node {
            Json::String(text) => *text = mutate_string(text, rng),
            Json::Number(number) => *node = mutate_number(number, rng),
            Json::Bool(flag) => *flag = !*flag,
            Json::Null => *node = interesting(rng),
            Json::Array(items) => match (rng.below(5), items.len()) {
                (_, 0) => items.push(donor),
                (0, len) => {
                    items.remove(rng.below(len));
                }
                (1, len) => {
                    let copy = items[rng.below(len)].clone();
                    items.insert(rng.below(len + 1), copy);
                }
                (2, len) => items.swap(rng.below(len), rng.below(len)),
                (3, len) => items.truncate(rng.below(len)),
                _ => items.push(donor),
            },
            Json::Object(map) => match (rng.below(4), map.len()) {
                (_, 0) | (0, _) => {
                    map.insert(donor_key, interesting(rng));
                }
                (which, len) => {
                    let key = map.keys().nth(rng.below(len)).expect("in range").clone();
                    match which {
                        1 => {
                            map.shift_remove(&key);
                        }
                        2 => {
                            let moved = map.shift_remove(&key).expect("present");
                            map.insert(donor_key, moved);
                        }
                        _ => {
                            map.insert(key, donor);
                        }
                    }
                }
            },
        },
    }
}

/// libFuzzer's custom mutator for the targets that read JSON files: half
/// the time libFuzzer's own byte mutations (bad syntax, bad UTF-8, cut
/// files), else, when the input is JSON, one to three changes to its
/// values, written compact or pretty, so that the fuzzer reaches what is
/// read after the JSON parses.
pub fn mutate_json(data: &mut [u8], size: usize, max_size: usize, seed: u32) -> usize {
    let mut rng = Rng::new(seed);
    if rng.below(2) == 0 {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    }
    let Ok(mut value) = serde_json::from_slice::<Json>(&data[..size]) else {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    };
    for _ in 0..=rng.below(3) {
        mutate_value(&mut value, &mut rng);
    }
    let written = if rng.below(4) == 0 {
        serde_json::to_vec_pretty(&value)
    } else {
        serde_json::to_vec(&value)
    }
    .expect("JSON serialises");
    if written.len() > max_size {
        return libfuzzer_sys::fuzzer_mutate(data, size, max_size);
    }
    data[..written.len()].copy_from_slice(&written);
    written.len()
}
