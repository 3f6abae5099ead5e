//! The sample template's appendix rows against the seed's printed appendix:
//! every row, in order, with its number, label, unit, kind and the sample's
//! value and note.

mod common;

use std::collections::HashSet;

use cchc_core::appendix;
use cchc_core::facts::Facts;
use cchc_core::sample::sample;
use cchc_core::template::{legacy, Ref, Row, RowSource, Unit, ValueKind};
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
fn option_cell(cell: &str) -> (String, i64) {
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
fn every_seed_row_is_in_the_template_in_order_with_the_sample_values() {
    let report = sample();
    let template = legacy();
    let facts = Facts::new(&template, &report);
    let mut rows = seed_appendix_rows().into_iter();
    let mut next = |what: &str| -> SeedRow {
        rows.next()
            .unwrap_or_else(|| panic!("the seed has no row for {what}"))
    };
    let mut checked = 0;
    for (index, group) in template.groups.iter().enumerate() {
        let row = next(&group.code);
        assert_eq!(row.number.trim_end_matches('.'), group.code);
        assert_eq!(row.label, group.label);
        assert_eq!(row.note, group.note, "group {}", group.code);
        for indicator in template.group_rows(index) {
            let row = next(&indicator.code);
            let cell = appendix::cell(&facts, indicator);
            assert_eq!(
                fixed(&row.number),
                indicator.printed_number(),
                "{}",
                indicator.code
            );
            assert_eq!(fixed(&row.label), indicator.label, "{}", indicator.code);
            if let Some(ValueKind::Choice(options)) = indicator.entered_kind() {
                let mut chosen = None;
                for (index, option) in options.iter().enumerate() {
                    let row = if index == 0 {
                        row.clone()
                    } else {
                        next(&indicator.code)
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
                assert_eq!(cell.value_text, row.value, "{}", indicator.code);
                assert_eq!(
                    cell.note,
                    expected_note(&indicator.code, &row.note),
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
    assert_eq!(checked, template.rows.len());
}

#[test]
fn kinds_and_units_of_every_indicator() {
    let kind_name = |row: &Row| match &row.source {
        RowSource::Heading => "heading",
        RowSource::Computed {
            unit: Some(Unit::Percent),
            ..
        } => "ratio",
        RowSource::Computed { .. } | RowSource::Entered(ValueKind::Count) => "count",
        RowSource::Entered(ValueKind::Percent) => "percent",
        RowSource::Entered(ValueKind::Money) => "money",
        RowSource::Entered(ValueKind::Choice(_)) => "choice",
        RowSource::Entered(ValueKind::Text) => "text",
        RowSource::Entered(ValueKind::Date) => "date",
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
    let template = legacy();
    let actual: Vec<(&str, &str, &str)> = template
        .rows
        .iter()
        .map(|row| (row.code.as_str(), kind_name(row), row.unit.as_str()))
        .collect();
    assert_eq!(actual, expected);
}

#[test]
fn the_template_is_consistent() {
    let template = legacy();
    let mut codes = HashSet::new();
    for row in &template.rows {
        assert!(
            codes.insert(row.code.as_str()),
            "duplicate code {}",
            row.code
        );
        assert!(!row.label.trim().is_empty());
        if let RowSource::Computed { value, .. } = &row.source {
            let mut refs = Vec::new();
            value.refs(&mut refs);
            assert!(
                refs.iter().all(|r| matches!(r, Ref::Figure(_))),
                "{} reads only figures",
                row.code
            );
        }
        if let Some(ValueKind::Choice(options)) = row.entered_kind() {
            assert!(options.len() >= 2, "{}", row.code);
            let codes: HashSet<i64> = options.iter().map(|o| o.code).collect();
            assert_eq!(codes.len(), options.len(), "{}", row.code);
        }
        if row.is_sub_row() {
            let parent = row.code.rsplit_once('.').unwrap().0;
            assert!(
                template.row(parent).is_some(),
                "{} has no parent row",
                row.code
            );
        }
        if row.is_heading() {
            let prefix = format!("{}.", row.code);
            assert!(
                template.rows.iter().any(|r| r.code.starts_with(&prefix)),
                "heading {} groups nothing",
                row.code
            );
        }
    }
    assert_eq!(template.rows.len(), 59);
}

#[test]
fn the_sample_types_only_entered_cells() {
    let report = sample();
    let template = legacy();
    for code in report.appendix.keys() {
        let row = template
            .row(code)
            .unwrap_or_else(|| panic!("unknown code {code}"));
        assert!(
            row.entered_kind().is_some(),
            "{code} is computed but typed in the sample"
        );
    }
    let entered = template
        .rows
        .iter()
        .filter(|r| r.entered_kind().is_some())
        .count();
    // Every entered cell of the seed is typed in the sample, except 7.7.b,
    // which the seed leaves empty.
    assert_eq!(report.appendix.len(), entered - 1);
    assert!(!report.appendix.contains_key("7.7.b"));
}

#[test]
fn bounds_follow_the_kind() {
    use cchc_core::decimal::Decimal;
    let template = legacy();
    let bounds = |code: &str| {
        template
            .row(code)
            .unwrap()
            .entered_kind()
            .unwrap()
            .default_bounds()
    };
    assert_eq!(bounds("3.1"), (Some(Decimal::ZERO), None));
    assert_eq!(
        bounds("3.3.c"),
        (Some(Decimal::ZERO), Some(Decimal::from(100)))
    );
    assert_eq!(bounds("7.4"), (None, None));
    let choice = template.row("7.3").unwrap().entered_kind().unwrap();
    assert_eq!(
        choice.option(2).map(|o| o.label.as_str()),
        Some("Hoàn thành")
    );
    assert_eq!(choice.option(3), None);
    assert!(template.row("7.9").unwrap().entered_kind().is_none());
}
