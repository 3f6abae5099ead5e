//! `Tạo kỳ sau`: next period's report started from this one.
//!
//! What does not change from one report to the next (unit, header wording,
//! signer, recipients, the narrative to be rewritten) is carried over; the
//! period's figures and appendix values are cleared, and the old figures
//! are kept beside the new ones so that a large swing is seen while typing.

use crate::figures;
use crate::report::{Figures, Period, Report};
use crate::vi;

/// The report for the period after `report`'s, with the legal dates.
pub fn next_period(report: &Report) -> Report {
    let (kind, year) = report.period.kind.next(report.period.year);
    let mut next = report.clone();
    next.period = Period::legal(kind, year);
    next.header.number = None;
    next.header.date = None;
    next.figures = Figures {
        plan: crate::report::Plan {
            number_symbol: report.figures.plan.number_symbol.clone(),
            date: report.figures.plan.date,
            ..Default::default()
        },
        ..Figures::default()
    };
    // A new year has a new plan.
    if year != report.period.year {
        next.figures.plan = Default::default();
    }
    next.appendix.clear();
    next
}

/// A change of this share or more from the last period is flagged.
const LARGE_SWING_PERCENT: u64 = 50;

/// `Kỳ trước: 847 (tăng 3)`, shown beside a figure; `None` when the last
/// period had no value. A large swing is named so that a typing slip shows.
pub fn compared_with_previous(previous: Option<u64>, current: Option<u64>) -> Option<String> {
    let previous = previous?;
    let before = format!("Kỳ trước: {}", vi::group_digits(previous));
    let Some(current) = current else {
        return Some(before);
    };
    let change = current.abs_diff(previous);
    let direction = match current.cmp(&previous) {
        std::cmp::Ordering::Greater => "tăng",
        std::cmp::Ordering::Less => "giảm",
        std::cmp::Ordering::Equal => return Some(format!("{before} (không đổi)")),
    };
    let large = previous == 0 || change * 100 >= previous * LARGE_SWING_PERCENT;
    let warning = if large {
        ", chênh lệch lớn: kiểm tra lại"
    } else {
        ""
    };
    Some(format!(
        "{before} ({direction} {}{warning})",
        vi::group_digits(change)
    ))
}

/// The previous value of the figure at `path`.
pub fn previous_value(previous: &Figures, path: &str) -> Option<u64> {
    figures::value(previous, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::ReportKind;
    use crate::sample::sample;

    #[test]
    fn the_next_report_keeps_what_lasts_and_clears_the_figures() {
        let report = sample();
        let next = next_period(&report);
        assert_eq!(next.period, Period::legal(ReportKind::SixMonths, 2025));
        assert_eq!(next.header.unit, report.header.unit);
        assert_eq!(next.header.issuing_agency, report.header.issuing_agency);
        assert_eq!(next.header.number, None);
        assert_eq!(next.header.date, None);
        assert_eq!(next.signature, report.signature);
        assert_eq!(next.recipients, report.recipients);
        assert_eq!(next.narrative, report.narrative);
        assert!(next.appendix.is_empty());
        assert_eq!(next.figures.applications.received, None);
        assert_eq!(
            next.figures.plan.number_symbol,
            report.figures.plan.number_symbol
        );
        assert_eq!(next.figures.plan.tasks_total, None);
        let mut annual = report.clone();
        annual.period = Period::legal(ReportKind::Annual, 2025);
        let first = next_period(&annual);
        assert_eq!(first.period, Period::legal(ReportKind::FirstQuarter, 2026));
        assert!(first.figures.plan.number_symbol.is_blank());
    }

    #[test]
    fn a_figure_is_compared_with_the_last_period() {
        assert_eq!(compared_with_previous(None, Some(5)), None);
        assert_eq!(
            compared_with_previous(Some(847), None).unwrap(),
            "Kỳ trước: 847"
        );
        assert_eq!(
            compared_with_previous(Some(847), Some(850)).unwrap(),
            "Kỳ trước: 847 (tăng 3)"
        );
        assert_eq!(
            compared_with_previous(Some(847), Some(847)).unwrap(),
            "Kỳ trước: 847 (không đổi)"
        );
        assert_eq!(
            compared_with_previous(Some(847), Some(8_470)).unwrap(),
            "Kỳ trước: 847 (tăng 7.623, chênh lệch lớn: kiểm tra lại)"
        );
        assert_eq!(
            compared_with_previous(Some(1_000), Some(400)).unwrap(),
            "Kỳ trước: 1.000 (giảm 600, chênh lệch lớn: kiểm tra lại)"
        );
        assert!(compared_with_previous(Some(0), Some(1))
            .unwrap()
            .contains("chênh lệch lớn"));
        let figures = sample().figures;
        assert_eq!(
            previous_value(&figures, "figures.applications.received"),
            Some(847)
        );
    }
}
