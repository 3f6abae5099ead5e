//! The appendix catalog against the seed's printed appendix: every row, in
//! order, with its number, label, unit, kind and the sample's value and note.

mod common;

use std::collections::HashSet;

use cchc_core::appendix;
use cchc_core::catalog::{
    group_indicators, indicator as find_indicator, Source, ValueKind, GROUPS, INDICATORS,
};
use cchc_core::figures;
use cchc_core::sample::sample;
use common::{seed_appendix_rows, SeedRow};

/// Typing slips in the seed's appendix that the catalog corrects.
const SEED_SLIPS: &[(&str, &str)] = &[
    ("3 1.", "3.1."),
    ("thẩm quyển", "thẩm quyền"),
    ("mức độ 3 vả 4", "mức độ 3 và 4"),
    ("Tỷ lệ hổ sơ", "Tỷ lệ hồ sơ"),
    ("thời điểm bảo cáo", "thời điểm báo cáo"),
    ("Văn bàn", "Văn bản"),
    ("Cơ quan, đơn vi", "Cơ quan, đơn vị"),
];

fn fixed(seed: &str) -> String {
    SEED_SLIPS
        .iter()
        .fold(seed.to_owned(), |text, (slip, fix)| text.replace(slip, fix))
}

/// `Hoàn thành =1` -> (`Hoàn thành`, 1).
fn option_cell(cell: &str) -> (String, u8) {
    let (label, code) = cell.rsplit_once('=').expect("an option cell has `=`");
    (
        label.trim().to_owned(),
        code.trim().parse().expect("option code"),
    )
}

/// Where the sample's appendix differs from the seed's on purpose.
fn expected_note(code: &str, seed_note: &str) -> String {
    match code {
        // The seed's appendix dates the plan 03/01/2024, while its narrative and
        // footnote cite "Kế hoạch số 02/KH-UBND ngày 03/01/2025" (the 2025 CCHC
        // plan). The note is now computed from the one plan reference.
        "1.1" => {
            assert_eq!(seed_note, "Kế hoạch số 02/KH-UBND ngày 03/01/2024");
            "Kế hoạch số 02/KH-UBND ngày 03/01/2025".to_owned()
        }
        _ => seed_note.to_owned(),
    }
}

#[test]
fn every_seed_row_is_in_the_catalog_in_order_with_the_sample_values() {
    let report = sample();
    let mut rows = seed_appendix_rows().into_iter();
    let mut next = |what: &str| -> SeedRow {
        rows.next()
            .unwrap_or_else(|| panic!("the seed has no row for {what}"))
    };
    let mut checked = 0;
    for group in GROUPS {
        let row = next(group.code);
        assert_eq!(row.number.trim_end_matches('.'), group.code);
        assert_eq!(row.label, group.title);
        assert_eq!(row.note, group.compiled_by, "group {}", group.code);
        for indicator in group_indicators(group) {
            let row = next(indicator.code);
            let cell = appendix::cell(&report, indicator);
            assert_eq!(
                fixed(&row.number),
                indicator.printed_number(),
                "{}",
                indicator.code
            );
            assert_eq!(fixed(&row.label), indicator.label, "{}", indicator.code);
            if let ValueKind::Choice(options) = indicator.kind {
                let mut chosen = None;
                for (index, option) in options.iter().enumerate() {
                    let row = if index == 0 {
                        row.clone()
                    } else {
                        next(indicator.code)
                    };
                    assert_eq!(
                        option_cell(&row.unit),
                        (option.label.to_owned(), option.code)
                    );
                    if index > 0 {
                        assert_eq!(row.label, option.description, "{}", indicator.code);
                    }
                    if !row.value.is_empty() {
                        chosen = Some(option.code);
                    }
                }
                assert_eq!(cell.choice(), chosen, "{}", indicator.code);
            } else {
                assert_eq!(fixed(&row.unit), indicator.unit, "{}", indicator.code);
                assert_eq!(cell.value_text(), row.value, "{}", indicator.code);
                assert_eq!(
                    cell.note,
                    expected_note(indicator.code, &row.note),
                    "{}",
                    indicator.code
                );
            }
            checked += 1;
        }
    }
    assert_eq!(
        rows.next().map(|row| row.label),
        None,
        "seed rows left over"
    );
    assert_eq!(checked, INDICATORS.len());
}

#[test]
fn kinds_and_units_of_every_indicator() {
    let kind_name = |kind: ValueKind| match kind {
        ValueKind::Heading => "heading",
        ValueKind::Count => "count",
        ValueKind::Percent => "percent",
        ValueKind::Ratio => "ratio",
        ValueKind::Money => "money",
        ValueKind::Choice(_) => "choice",
        ValueKind::Text => "text",
    };
    let expected: &[(&str, &str, &str)] = &[
        ("1.1", "count", ""),
        ("1.1.a", "count", "Nhiệm vụ"),
        ("1.1.b", "count", "Nhiệm vụ"),
        ("1.1.c", "count", "Văn bản"),
        ("1.2", "heading", ""),
        ("1.2.a", "count", "Nhiệm vụ"),
        ("1.2.b", "count", "Nhiệm vụ"),
        ("1.2.c", "count", "Nhiệm vụ"),
        ("1.3", "heading", ""),
        ("1.3.a", "count", "Số lượng"),
        ("1.3.b", "choice", ""),
        ("1.3.c", "choice", ""),
        ("2.1", "count", "Văn bản"),
        ("2.2", "count", "Văn bản"),
        ("2.3", "count", "Văn bản"),
        ("2.4", "count", "Văn bản"),
        ("2.5", "count", "Văn bản"),
        ("3.1", "count", "Thủ tục"),
        ("3.2", "heading", ""),
        ("3.2.a", "count", "Thủ tục"),
        ("3.2.b", "count", "Thủ tục"),
        ("3.3", "heading", ""),
        ("3.3.a", "count", "Thủ tục"),
        ("3.3.b", "count", "Thủ tục"),
        ("3.3.c", "percent", "%"),
        ("3.3.d", "percent", "%"),
        ("3.4", "heading", ""),
        ("3.4.a", "ratio", "%"),
        ("3.4.b", "ratio", "%"),
        ("4.1", "count", "Người"),
        ("4.2", "count", "Người"),
        ("4.3", "count", "Người"),
        ("4.4", "count", "Người"),
        ("5.1", "count", "Người"),
        ("5.2", "count", "Người"),
        ("6.1", "count", "Cơ quan, đơn vị"),
        ("6.2", "count", "Cơ quan, đơn vị"),
        ("6.3", "count", "Cơ quan, đơn vị"),
        ("6.4", "count", "Cơ quan, đơn vị"),
        ("6.5", "count", "Cơ quan, đơn vị"),
        ("7.1", "choice", ""),
        ("7.2", "choice", ""),
        ("7.3", "choice", ""),
        ("7.4", "text", "Chứng thư số"),
        ("7.5", "choice", ""),
        ("7.6", "heading", ""),
        ("7.6.a", "percent", "%"),
        ("7.6.b", "percent", "%"),
        ("7.7", "count", "Văn bản"),
        ("7.7.a", "ratio", "%"),
        ("7.7.b", "percent", "%"),
        ("7.8", "heading", ""),
        ("7.8.a", "percent", "%"),
        ("7.8.b", "percent", "%"),
        ("7.9", "heading", ""),
        ("7.9.a", "count", "TTHC"),
        ("7.9.b", "count", "TTHC"),
        ("7.9.c", "ratio", "%"),
        ("7.9.d", "ratio", "%"),
    ];
    let actual: Vec<(&str, &str, &str)> = INDICATORS
        .iter()
        .map(|i| (i.code, kind_name(i.kind), i.unit))
        .collect();
    assert_eq!(actual, expected);
}

#[test]
fn catalog_is_consistent() {
    let mut codes = HashSet::new();
    for indicator in INDICATORS {
        assert!(
            codes.insert(indicator.code),
            "duplicate code {}",
            indicator.code
        );
        assert!(!indicator.label.trim().is_empty());
        let is_ratio_kind = indicator.kind == ValueKind::Ratio;
        let is_ratio_source = matches!(indicator.source, Source::Ratio { .. });
        assert_eq!(is_ratio_kind, is_ratio_source, "{}", indicator.code);
        let paths: Vec<&str> = match indicator.source {
            Source::Entered => Vec::new(),
            Source::Figure(path) => vec![path],
            Source::Sum(paths) => paths.to_vec(),
            Source::Ratio {
                numerator,
                denominator,
            } => vec![numerator, denominator],
        };
        for path in paths {
            assert!(
                figures::field(path).is_some(),
                "{}: unknown figure {path}",
                indicator.code
            );
        }
        if let ValueKind::Choice(options) = indicator.kind {
            assert!(options.len() >= 2, "{}", indicator.code);
            let codes: HashSet<u8> = options.iter().map(|o| o.code).collect();
            assert_eq!(codes.len(), options.len(), "{}", indicator.code);
        }
        if indicator.is_sub_row() {
            let parent = indicator.code.rsplit_once('.').unwrap().0;
            assert!(
                find_indicator(parent).is_some(),
                "{} has no parent row",
                indicator.code
            );
        }
        if indicator.kind == ValueKind::Heading {
            let prefix = format!("{}.", indicator.code);
            assert!(
                INDICATORS.iter().any(|i| i.code.starts_with(&prefix)),
                "heading {} groups nothing",
                indicator.code
            );
        }
    }
    assert_eq!(INDICATORS.len(), 59);
}

#[test]
fn bounds_follow_the_kind() {
    let count = find_indicator("3.1").unwrap().bounds().unwrap();
    assert_eq!(count.min.hundredths(), 0);
    assert_eq!(count.max, None);
    assert!(count.whole);
    let percent = find_indicator("3.3.c").unwrap().bounds().unwrap();
    assert_eq!(percent.max.map(|m| m.hundredths()), Some(10_000));
    assert!(!percent.whole);
    let choice = find_indicator("7.3").unwrap().bounds().unwrap();
    assert_eq!(
        (choice.min.hundredths(), choice.max.unwrap().hundredths()),
        (0, 200)
    );
    assert!(find_indicator("7.4").unwrap().bounds().is_none());
    assert!(find_indicator("7.9").unwrap().bounds().is_none());
}

#[test]
fn the_sample_types_only_entered_cells() {
    let report = sample();
    for code in report.appendix.keys() {
        let indicator = find_indicator(code).unwrap_or_else(|| panic!("unknown code {code}"));
        assert!(
            indicator.is_entered(),
            "{code} is computed but typed in the sample"
        );
    }
    let entered = INDICATORS.iter().filter(|i| i.is_entered()).count();
    // Every entered cell of the seed is typed in the sample, except 7.7.b,
    // which the seed leaves empty.
    assert_eq!(report.appendix.len(), entered - 1);
    assert!(!report.appendix.contains_key("7.7.b"));
}
