//! Reading the seed report (`tests/fixtures/`, the text of a ward's real
//! Q1/2025 report converted from Word) so that tests compare the app's
//! output with what the office actually wrote.
#![allow(dead_code)]

/// Sets the figure at `key` of `report` (`applications.received`) to `value`.
pub fn set(report: &mut cchc_core::report::Report, key: &str, value: serde_json::Value) {
    assert!(
        cchc_core::template::legacy().figure(key).is_some(),
        "the sample's template has no figure {key}"
    );
    report.figures.set(key, value);
}

pub const SEED: &str = include_str!("../../../../tests/fixtures/seed-bao-cao-cchc-quy-I-2025.txt");

/// Folds every run of white space into one space and trims.
pub fn normalise_ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes every `[open ... ]` span, such as `[bookmark: bookmark12]`.
fn remove_spans(text: &str, open: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = after.find(']').expect("a conversion artefact is closed");
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Folds every run of white space into one space, keeping a leading or
/// trailing one (for pieces of text that are spliced into others).
fn fold_ws(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// The seed without Word-conversion artefacts: bookmarks and the footnote
/// markers are removed, the footnote's own text stays where it was. The
/// seed mixes composed and decomposed letters (`ngày` is typed both ways),
/// so it is brought to NFC like everything the app reads.
pub fn cleaned_seed() -> String {
    let text = cchc_core::text::nfc(SEED);
    let text = remove_spans(&text, "[bookmark:");
    let text = text.replace("[footnoteRef:1]", "").replace("[1: () - ", "");
    text.lines()
        .filter(|line| line.trim() != "]")
        .collect::<Vec<_>>()
        .join("\n")
}

/// The body of the report: from the opening sentence to the closing one.
pub fn seed_body() -> String {
    let cleaned = cleaned_seed();
    let start = cleaned
        .find("Thực hiện theo quy định về báo cáo định kỳ")
        .expect("opening");
    let end_marker = "Trương Quang Trọng./.";
    let end = cleaned.find(end_marker).expect("closing") + end_marker.len();
    cleaned[start..end].to_owned()
}

/// A correction the app makes to the seed's wording, and why.
pub struct Fix {
    pub seed: &'static str,
    pub fixed: &'static str,
    pub why: &'static str,
}

/// Applies `fixes` in order (each to every occurrence), insisting that each
/// one finds what it corrects, so that no fix is silently obsolete.
pub fn apply_fixes(text: &str, fixes: &[Fix]) -> String {
    let mut text = normalise_ws(text);
    for fix in fixes {
        let seed = fold_ws(fix.seed);
        assert!(
            text.contains(&seed),
            "fix not applicable ({}): {seed:?} not in {text:?}",
            fix.why
        );
        text = text.replace(&seed, &fold_ws(fix.fixed));
    }
    normalise_ws(&text)
}

/// One row of the seed's appendix table: Stt, label, unit, value, note.
#[derive(Debug, Clone)]
pub struct SeedRow {
    pub number: String,
    pub label: String,
    pub unit: String,
    pub value: String,
    pub note: String,
}

/// The appendix table's rows, after its two header rows, in order.
pub fn seed_appendix_rows() -> Vec<SeedRow> {
    let start = SEED.find("\nPhụ lục").expect("appendix");
    let mut rows = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    for line in SEED[start..].lines().chain(std::iter::once("")) {
        if let Some(cell) = line.strip_prefix('\t') {
            cells.push(normalise_ws(cell));
        } else if !cells.is_empty() {
            if cells.len() == 5 {
                rows.push(SeedRow {
                    number: cells[0].clone(),
                    label: cells[1].clone(),
                    unit: cells[2].clone(),
                    value: cells[3].clone(),
                    note: cells[4].clone(),
                });
            }
            cells.clear();
        }
    }
    let first = rows
        .iter()
        .position(|row| row.number == "1.")
        .expect("the first group row");
    rows.split_off(first)
}
