//! Validation rules: what each rule catches, where it points and what it says.

mod common;

use cchc_core::decimal::Decimal;
use cchc_core::facts::Facts;
use cchc_core::period::ReportKind;
use cchc_core::report::{AppendixEntry, CellValue, Report};
use cchc_core::rules::{self, counts, Issue, PendingInputs, Severity};
use cchc_core::sample::sample;
use cchc_core::template::legacy;
use cchc_core::text::Text;
use common::set;
use serde_json::json;

fn check(report: &Report, pending: &PendingInputs) -> Vec<Issue> {
    rules::check(&Facts::new(&legacy(), report), pending)
}

fn issues(report: &Report) -> Vec<Issue> {
    check(report, &PendingInputs::new())
}

/// The issues at `path`, as (severity, message).
fn at(report: &Report, path: &str) -> Vec<(Severity, String)> {
    issues(report)
        .into_iter()
        .filter(|issue| issue.path == path)
        .map(|issue| (issue.severity, issue.message))
        .collect()
}

fn errors_at(report: &Report, path: &str) -> Vec<String> {
    at(report, path)
        .into_iter()
        .filter(|(severity, _)| *severity == Severity::Error)
        .map(|(_, message)| message)
        .collect()
}

fn date(text: &str) -> Option<cchc_core::date::Date> {
    text.parse().ok()
}

#[test]
fn the_sample_has_no_error_and_one_warning_for_its_short_period() {
    let found = issues(&sample());
    assert_eq!(counts(&found), (0, 1), "{found:#?}");
    assert_eq!(found[0].path, "period.to");
    assert_eq!(
        found[0].message,
        "Kỳ số liệu khác mặc định theo quy định cho báo cáo Quý I năm 2025 (15/12/2024 – 14/3/2025)."
    );
}

#[test]
fn resolved_above_received_is_an_error_at_the_resolved_field() {
    let mut report = sample();
    set(&mut report, "applications.resolved", json!(900));
    assert_eq!(
        errors_at(&report, "figures.applications.resolved"),
        ["Số hồ sơ đã giải quyết và trả kết quả (900) không được lớn hơn số hồ sơ đã tiếp nhận (847)."]
    );
    set(&mut report, "applications.resolved", json!(843));
    assert!(errors_at(&report, "figures.applications.resolved").is_empty());
}

#[test]
fn applications_must_add_up() {
    let mut report = sample();
    set(&mut report, "applications.carried_over", json!(2));
    assert_eq!(
        errors_at(&report, "figures.applications.carried_over"),
        ["Đã giải quyết + chuyển kỳ sau + rút (843 + 2 + 1 = 846) phải bằng số hồ sơ đã tiếp nhận (847)."]
    );
    set(&mut report, "applications.on_time", json!(844));
    assert_eq!(errors_at(&report, "figures.applications.on_time").len(), 1);
}

#[test]
fn shares_cannot_exceed_their_whole() {
    let mut report = sample();
    set(&mut report, "online.partial.count", json!(578));
    set(&mut report, "digitised.outputs.count", json!(844));
    set(&mut report, "plan.tasks_completed", json!(34));
    set(&mut report, "survey.very_satisfied", json!(501));
    set(&mut report, "documents.digitally_signed", json!(223));
    for path in [
        "figures.online.partial.count",
        "figures.digitised.outputs.count",
        "figures.plan.tasks_completed",
        "figures.survey.very_satisfied",
        "figures.documents.digitally_signed",
    ] {
        let errors = errors_at(&report, path);
        assert_eq!(errors.len(), 1, "{path}");
        assert!(
            errors[0].contains("không được lớn hơn"),
            "{path}: {errors:?}"
        );
    }
}

#[test]
fn fee_parts_must_sum_to_the_total() {
    let mut report = sample();
    set(&mut report, "fees.cash", json!(1_000));
    assert_eq!(
        errors_at(&report, "figures.fees.total"),
        ["Tổng các hình thức thu (16.092.000 đồng) phải bằng tổng số phí, lệ phí (16.091.000 đồng)."]
    );
}

#[test]
fn staff_breakdowns_and_quota() {
    let mut report = sample();
    set(
        &mut report,
        "staff.officials.education.university",
        json!(5),
    );
    report.figures.items_mut("staff.officials.titles").unwrap()[0]["count"] = json!(2);
    set(
        &mut report,
        "staff.civil_servants.political.elementary",
        json!(2),
    );
    assert_eq!(
        errors_at(&report, "figures.staff.officials.count"),
        [
            "Tổng số cán bộ theo chức danh (11) phải bằng số cán bộ (10).",
            "Tổng số cán bộ theo trình độ chuyên môn (9) phải bằng số cán bộ (10).",
        ]
    );
    assert_eq!(
        errors_at(&report, "figures.staff.civil_servants.count"),
        ["Tổng số công chức theo trình độ lý luận chính trị (13) phải bằng số công chức (12)."]
    );
    set(&mut report, "staff.quota", json!(20));
    assert_eq!(
        errors_at(&report, "figures.staff.quota"),
        ["Số cán bộ, công chức có mặt (22) vượt biên chế được giao (20)."]
    );
}

#[test]
fn the_period_must_fit_the_kind_and_precede_the_document() {
    let mut report = sample();
    report.period.to = date("2025-03-10");
    assert_eq!(
        errors_at(&report, "period.to"),
        ["Kỳ số liệu phải kết thúc trước ngày ban hành báo cáo (06/3/2025)."]
    );
    report.period.to = date("2024-12-01");
    assert_eq!(
        errors_at(&report, "period.to"),
        ["Ngày kết thúc kỳ số liệu phải sau ngày bắt đầu."]
    );
    let mut report = sample();
    report.period.kind = ReportKind::ThirdQuarter;
    assert_eq!(
        errors_at(&report, "period.to"),
        ["Kỳ số liệu không khớp với báo cáo Quý III năm 2025: theo quy định là 15/6/2025 – 14/9/2025."]
    );
    let mut report = sample();
    report.period.to = date("2025-03-14");
    report.header.date = date("2025-03-25");
    assert_eq!(counts(&issues(&report)), (0, 1));
    assert_eq!(
        at(&report, "header.date"),
        [(
            Severity::Warning,
            "Ngày ban hành sau hạn gửi báo cáo (20/3/2025).".to_owned()
        )]
    );
    // A unit created on 1/7 reports Quý III from 1/7: a warning, not an error.
    let mut report = Report::new(&legacy(), ReportKind::ThirdQuarter, 2025);
    report.period.from = date("2025-07-01");
    assert_eq!(at(&report, "period.from").len(), 1);
    assert_eq!(at(&report, "period.from")[0].0, Severity::Warning);
    report.period.year = 1999;
    assert_eq!(errors_at(&report, "period.year").len(), 1);
}

#[test]
fn number_and_symbol_are_well_formed() {
    let mut report = sample();
    for (symbol, expected) in [
        ("bc-ubnd", Some(Severity::Error)),
        ("BC UBND", Some(Severity::Error)),
        ("BC-", Some(Severity::Error)),
        ("", Some(Severity::Error)),
        ("KH-UBND", Some(Severity::Warning)),
        ("BC-UBND", None),
        ("BC-VPĐU", None),
    ] {
        report.header.symbol = Text::new(symbol);
        let found = at(&report, "header.symbol");
        assert_eq!(found.first().map(|f| f.0), expected, "{symbol}: {found:?}");
    }
    report.header.symbol = Text::new("BC-UBND");
    report.header.number = Some(0);
    assert_eq!(errors_at(&report, "header.number").len(), 1);
    report.header.number = None;
    assert_eq!(at(&report, "header.number")[0].0, Severity::Warning);
}

#[test]
fn typed_text_that_is_not_a_value_is_an_error_at_its_field() {
    let mut pending = PendingInputs::new();
    pending.insert("figures.applications.received".into(), "84a".into());
    pending.insert("period.from".into(), "31/02/2025".into());
    pending.insert("appendix.3.3.c.value".into(), "99,525".into());
    let found = check(&sample(), &pending);
    let message = |path: &str| {
        found
            .iter()
            .find(|issue| issue.path == path)
            .map(|issue| issue.message.clone())
            .unwrap_or_default()
    };
    assert!(message("figures.applications.received").starts_with("Không phải là số"));
    assert_eq!(message("period.from"), "Không có ngày này trong lịch.");
    assert!(message("appendix.3.3.c.value").starts_with("Chỉ được tối đa 2 chữ số thập phân"));
}

#[test]
fn appendix_values_follow_the_catalog() {
    let mut report = sample();
    let mut set = |code: &str, value: CellValue| {
        report.appendix.insert(
            code.into(),
            AppendixEntry {
                value: Some(value),
                note: Text::default(),
            },
        );
    };
    let number = |hundredths| CellValue::Number(Decimal::from_hundredths(hundredths).unwrap());
    set("3.3.c", number(12_000));
    set("3.1", number(150));
    set("2.2", number(-100));
    set("7.3", number(500));
    set("7.4", CellValue::Text(Text::new(&"x".repeat(201))));
    set("1.1.c", CellValue::Text(Text::new("mười")));
    let expected = [
        ("appendix.3.3.c.value", "Tỷ lệ phải từ 0 đến 100."),
        ("appendix.3.1.value", "Phải là số nguyên."),
        ("appendix.2.2.value", "Không được là số âm."),
        ("appendix.7.3.value", "Chọn một trong các mức đã cho."),
        ("appendix.7.4.value", "Dài quá 200 ký tự."),
        ("appendix.1.1.c.value", "Ô này phải là số."),
    ];
    for (path, message) in expected {
        assert_eq!(errors_at(&report, path), [message], "{path}");
    }
}

#[test]
fn a_new_report_lists_what_is_required() {
    let report = Report::new(&legacy(), ReportKind::FirstQuarter, 2026);
    let found = issues(&report);
    let error_paths: Vec<&str> = found
        .iter()
        .filter(|issue| issue.severity == Severity::Error)
        .map(|issue| issue.path.as_str())
        .collect();
    for path in [
        "header.unit.name",
        "header.place",
        "header.date",
        "figures.applications.received",
        "figures.staff.officials.count",
        "signature.name",
    ] {
        assert!(
            error_paths.contains(&path),
            "{path} not required: {error_paths:?}"
        );
    }
    assert!(found.iter().any(|issue| issue.path == "recipients.lines"));
    let received = found
        .iter()
        .find(|issue| issue.path == "figures.applications.received")
        .unwrap();
    assert_eq!(received.message, "Chưa nhập: số hồ sơ đã tiếp nhận.");
}

#[test]
fn values_from_a_file_are_checked_against_their_kind_and_bounds() {
    let mut report = sample();
    set(&mut report, "applications.withdrawn", json!(-1));
    report
        .figures
        .items_mut("staff.civil_servants.titles")
        .unwrap()[1]["count"] = json!(-2);
    assert_eq!(
        errors_at(&report, "figures.applications.withdrawn"),
        ["Không được là số âm."]
    );
    assert_eq!(
        errors_at(&report, "figures.staff.civil_servants.titles.1.count"),
        ["Không được là số âm."]
    );
}

#[test]
fn the_largest_figures_do_not_wrap_a_sum() {
    let mut report = sample();
    let max = Decimal::MAX_WHOLE;
    set(&mut report, "fees.bank_transfer", json!(max));
    set(&mut report, "fees.online_payment", json!(max));
    set(&mut report, "applications.received", json!(max));
    set(&mut report, "applications.resolved", json!(max));
    // The fee parts overflow: no sum, so no claim about it (and no panic).
    assert!(errors_at(&report, "figures.fees.total").is_empty());
    // resolved + carried over + withdrawn overflows too.
    assert!(errors_at(&report, "figures.applications.carried_over").is_empty());
    // What can still be compared is: the parts against their whole.
    set(&mut report, "applications.on_time", json!(max));
    set(&mut report, "applications.resolved", json!(max - 1));
    assert_eq!(errors_at(&report, "figures.applications.on_time").len(), 1);
}
