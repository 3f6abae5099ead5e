//! `Tạo kỳ sau`: next period's report started from this one.
//!
//! What does not change from one report to the next (unit, header wording,
//! signer, recipients, the narrative to be rewritten) is carried over; the
//! period's figures and appendix values are cleared, but for the figures the
//! template marks as lasting (the year's plan, kept within the year); the
//! old figures are kept beside the new ones so that a large swing is seen
//! while typing.

use crate::decimal::Decimal;
use crate::report::{Period, Report};
use crate::template::{Carry, Template, Value};
use crate::vi;

/// The report for the period after `report`'s, with the legal dates;
/// `None` when that period's year is not one a report can be of.
pub fn next_period(template: &Template, report: &Report) -> Option<Report> {
    let (kind, year) = report.period.kind.next(report.period.year)?;
    let mut next = report.clone();
    next.period = Period::legal(kind, year);
    next.header.number = None;
    next.header.date = None;
    next.figures = template.empty_figures();
    let same_year = year == report.period.year;
    for figure in &template.figures {
        let kept = match figure.carry {
            Carry::Always => true,
            Carry::WithinYear => same_year,
            Carry::No => false,
        };
        if let (true, Some(value)) = (kept, report.figures.get(&figure.key)) {
            next.figures.set(&figure.key, value.clone());
        }
    }
    next.appendix.clear();
    Some(next)
}

/// A change of this share or more from the last period is flagged.
const LARGE_SWING_PERCENT: i128 = 50;

/// `Kỳ trước: 847 (tăng 3)`, shown beside a figure; `None` when the last
/// period had no value. A large swing is named so that a typing slip shows.
pub fn compared_with_previous(previous: &Value, current: &Value) -> Option<String> {
    let previous = previous.number()?;
    let show =
        |number: Decimal| crate::entry::show(&Value::Number(number, crate::template::Unit::Count));
    let before = format!("Kỳ trước: {}", show(previous));
    let Some(current) = current.number() else {
        return Some(before);
    };
    let (old, new) = (
        i128::from(previous.hundredths()),
        i128::from(current.hundredths()),
    );
    let change = (new - old).abs();
    let direction = match new.cmp(&old) {
        std::cmp::Ordering::Greater => "tăng",
        std::cmp::Ordering::Less => "giảm",
        std::cmp::Ordering::Equal => return Some(format!("{before} (không đổi)")),
    };
    let large = old == 0 || change * 100 >= old.abs() * LARGE_SWING_PERCENT;
    let warning = if large {
        ", chênh lệch lớn: kiểm tra lại"
    } else {
        ""
    };
    let change = i64::try_from(change)
        .ok()
        .and_then(Decimal::from_hundredths)
        .map_or_else(String::new, vi::format_decimal);
    Some(format!("{before} ({direction} {change}{warning})"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decimal::Decimal;
    use crate::period::ReportKind;
    use crate::sample::sample;
    use crate::template::{legacy, Unit};
    use serde_json::Value as Json;

    #[test]
    fn the_next_report_keeps_what_lasts_and_clears_the_figures() {
        let report = sample();
        let template = legacy();
        let next = next_period(&template, &report).unwrap();
        assert_eq!(next.period, Period::legal(ReportKind::SixMonths, 2025));
        assert_eq!(next.header.unit, report.header.unit);
        assert_eq!(next.header.issuing_agency, report.header.issuing_agency);
        assert_eq!(next.header.number, None);
        assert_eq!(next.header.date, None);
        assert_eq!(next.signature, report.signature);
        assert_eq!(next.recipients, report.recipients);
        assert_eq!(next.narrative, report.narrative);
        assert_eq!(next.template, report.template);
        assert!(next.appendix.is_empty());
        assert_eq!(next.figures.get("applications.received"), Some(&Json::Null));
        assert_eq!(
            next.figures.get("staff.officials.titles"),
            Some(&Json::Array(Vec::new()))
        );
        // The year's plan is kept within the year (the template says so).
        assert_eq!(
            next.figures.get("plan.number_symbol"),
            report.figures.get("plan.number_symbol")
        );
        assert_eq!(next.figures.get("plan.tasks_total"), Some(&Json::Null));
        let mut annual = report.clone();
        annual.period = Period::legal(ReportKind::Annual, 2025);
        let first = next_period(&template, &annual).unwrap();
        assert_eq!(first.period, Period::legal(ReportKind::FirstQuarter, 2026));
        assert_eq!(
            first.figures.get("plan.number_symbol"),
            Some(&Json::from(""))
        );
        assert_eq!(first.figures, template.empty_figures());
    }

    /// A year no report can be of has no next period (it used to wrap
    /// round to year -2147483648), and no legal dates before it.
    #[test]
    fn there_is_no_next_period_beyond_the_years_a_report_can_be_of() {
        let template = legacy();
        let mut report = sample();
        for (kind, year) in [
            (ReportKind::Annual, i32::MAX),
            (ReportKind::FirstQuarter, i32::MAX),
            (ReportKind::Annual, 2100),
            (ReportKind::SixMonths, -5),
        ] {
            report.period.kind = kind;
            report.period.year = year;
            assert_eq!(next_period(&template, &report), None, "{kind:?} {year}");
        }
        report.period.kind = ReportKind::ThirdQuarter;
        report.period.year = 2100;
        assert_eq!(
            next_period(&template, &report).unwrap().period,
            Period::legal(ReportKind::Annual, 2100)
        );
        assert_eq!(ReportKind::FirstQuarter.legal_period(i32::MIN), None);
    }

    fn count(value: i64) -> Value {
        Value::Number(Decimal::from_whole(value).unwrap(), Unit::Count)
    }

    #[test]
    fn a_figure_is_compared_with_the_last_period() {
        let compare = |previous: Option<i64>, current: Option<i64>| {
            compared_with_previous(
                &previous.map_or(Value::Missing, count),
                &current.map_or(Value::Missing, count),
            )
        };
        assert_eq!(compare(None, Some(5)), None);
        assert_eq!(compare(Some(847), None).unwrap(), "Kỳ trước: 847");
        assert_eq!(
            compare(Some(847), Some(850)).unwrap(),
            "Kỳ trước: 847 (tăng 3)"
        );
        assert_eq!(
            compare(Some(847), Some(847)).unwrap(),
            "Kỳ trước: 847 (không đổi)"
        );
        assert_eq!(
            compare(Some(847), Some(8_470)).unwrap(),
            "Kỳ trước: 847 (tăng 7.623, chênh lệch lớn: kiểm tra lại)"
        );
        assert_eq!(
            compare(Some(1_000), Some(400)).unwrap(),
            "Kỳ trước: 1.000 (giảm 600, chênh lệch lớn: kiểm tra lại)"
        );
        assert!(compare(Some(0), Some(1))
            .unwrap()
            .contains("chênh lệch lớn"));
        // The largest figures a file may hold do not overflow the check.
        let max = Decimal::MAX_WHOLE;
        assert_eq!(
            compare(Some(max), Some(5)).unwrap(),
            "Kỳ trước: 999.999.999.999.999 (giảm 999.999.999.999.994, chênh lệch lớn: kiểm tra lại)"
        );
    }
}
