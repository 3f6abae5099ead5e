//! The kinds of periodic CCHC report and their legal data periods.
//!
//! Bộ Nội vụ's guidance (after Nghị định 09/2019/NĐ-CP) fixes, per report
//! kind, the days the figures cover and the day the report is due. Offices
//! may close their figures earlier, so these are defaults the user can
//! change; validation only warns when the period differs from them.

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// The years a report can be of.
pub const REPORT_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The four periodic reports. There is no separate Quý II or Quý IV report:
/// the 6-month and annual reports cover them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReportKind {
    #[serde(rename = "quy_i")]
    FirstQuarter,
    #[serde(rename = "6_thang")]
    SixMonths,
    #[serde(rename = "quy_iii")]
    ThirdQuarter,
    #[serde(rename = "nam")]
    Annual,
}

/// The data period of one report: what the figures count, from and to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataPeriod {
    pub from: Date,
    pub to: Date,
}

impl ReportKind {
    pub const ALL: [ReportKind; 4] = [
        ReportKind::FirstQuarter,
        ReportKind::SixMonths,
        ReportKind::ThirdQuarter,
        ReportKind::Annual,
    ];

    /// The name in a heading or a select list: `Quý I`, `6 tháng`, `Quý III`, `Năm`.
    pub fn label(self) -> &'static str {
        match self {
            ReportKind::FirstQuarter => "Quý I",
            ReportKind::SixMonths => "6 tháng",
            ReportKind::ThirdQuarter => "Quý III",
            ReportKind::Annual => "Năm",
        }
    }

    /// The period in running text: `Quý I năm 2025`, `6 tháng đầu năm 2025`.
    pub fn long_name(self, year: i32) -> String {
        match self {
            ReportKind::FirstQuarter => format!("Quý I năm {year}"),
            ReportKind::SixMonths => format!("6 tháng đầu năm {year}"),
            ReportKind::ThirdQuarter => format!("Quý III năm {year}"),
            ReportKind::Annual => format!("năm {year}"),
        }
    }

    /// The short form used inside sentences: `Quý I/2025`.
    pub fn short_name(self, year: i32) -> String {
        match self {
            ReportKind::FirstQuarter => format!("Quý I/{year}"),
            ReportKind::ThirdQuarter => format!("Quý III/{year}"),
            ReportKind::SixMonths | ReportKind::Annual => self.long_name(year),
        }
    }

    /// The part of a file name that names the period: `quy-I`, `6-thang`, `quy-III`, `nam`.
    pub fn file_name_part(self) -> &'static str {
        match self {
            ReportKind::FirstQuarter => "quy-I",
            ReportKind::SixMonths => "6-thang",
            ReportKind::ThirdQuarter => "quy-III",
            ReportKind::Annual => "nam",
        }
    }

    /// The last month the period covers, which also holds the due date.
    fn closing_month(self) -> u8 {
        match self {
            ReportKind::FirstQuarter => 3,
            ReportKind::SixMonths => 6,
            ReportKind::ThirdQuarter => 9,
            ReportKind::Annual => 12,
        }
    }

    /// The legal data period of this report for `year`: Quý I runs from 15/12
    /// of the previous year to 14/3; 6 tháng and Năm are cumulative from the
    /// same 15/12; Quý III runs from 15/6 to 14/9.
    pub fn legal_period(self, year: i32) -> Option<DataPeriod> {
        let from = match self {
            ReportKind::ThirdQuarter => Date::new(year, 6, 15),
            _ => Date::new(year.checked_sub(1)?, 12, 15),
        };
        Some(DataPeriod {
            from: from.ok()?,
            to: Date::new(year, self.closing_month(), 14).ok()?,
        })
    }

    /// The day the report is due: the 20th of the period's last month.
    pub fn due_date(self, year: i32) -> Option<Date> {
        Date::new(year, self.closing_month(), 20).ok()
    }

    /// The report being written on `today`: the one whose data period is
    /// running (Quý I from 15/12 to 14/3, 6 tháng to 14/6, Quý III to 14/9,
    /// Năm to 14/12), which is what `Báo cáo mới` starts.
    pub fn current(today: Date) -> (ReportKind, i32) {
        let year = today.year();
        let day_of_period = (today.month(), today.day());
        match day_of_period {
            (12, 15..) => (ReportKind::FirstQuarter, year + 1),
            _ if day_of_period <= (3, 14) => (ReportKind::FirstQuarter, year),
            _ if day_of_period <= (6, 14) => (ReportKind::SixMonths, year),
            _ if day_of_period <= (9, 14) => (ReportKind::ThirdQuarter, year),
            _ => (ReportKind::Annual, year),
        }
    }

    /// The report that follows this one, with its year; `None` when that
    /// year is not one a report can be of ([`REPORT_YEARS`]).
    pub fn next(self, year: i32) -> Option<(ReportKind, i32)> {
        let next = match self {
            ReportKind::FirstQuarter => (ReportKind::SixMonths, year),
            ReportKind::SixMonths => (ReportKind::ThirdQuarter, year),
            ReportKind::ThirdQuarter => (ReportKind::Annual, year),
            ReportKind::Annual => (ReportKind::FirstQuarter, year.checked_add(1)?),
        };
        REPORT_YEARS.contains(&next.1).then_some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn period(kind: ReportKind, year: i32) -> (Date, Date) {
        let period = kind.legal_period(year).unwrap();
        (period.from, period.to)
    }

    #[test]
    fn the_current_report_is_the_one_whose_period_is_running() {
        let current = |text: &str| ReportKind::current(date(text));
        assert_eq!(current("2025-01-10"), (ReportKind::FirstQuarter, 2025));
        assert_eq!(current("2025-03-14"), (ReportKind::FirstQuarter, 2025));
        assert_eq!(current("2025-03-15"), (ReportKind::SixMonths, 2025));
        assert_eq!(current("2025-06-15"), (ReportKind::ThirdQuarter, 2025));
        assert_eq!(current("2025-09-15"), (ReportKind::Annual, 2025));
        assert_eq!(current("2025-12-14"), (ReportKind::Annual, 2025));
        assert_eq!(current("2025-12-15"), (ReportKind::FirstQuarter, 2026));
        for kind in ReportKind::ALL {
            let period = kind.legal_period(2025).unwrap();
            let (found, year) = ReportKind::current(period.to);
            assert_eq!(year, 2025);
            // Each period's last day belongs to it, except that 6 tháng and
            // Năm are cumulative from 15/12, so their running part starts later.
            assert_eq!(found, kind);
        }
    }

    #[test]
    fn legal_periods_for_all_four_kinds() {
        assert_eq!(
            period(ReportKind::FirstQuarter, 2025),
            (date("2024-12-15"), date("2025-03-14"))
        );
        assert_eq!(
            period(ReportKind::SixMonths, 2025),
            (date("2024-12-15"), date("2025-06-14"))
        );
        assert_eq!(
            period(ReportKind::ThirdQuarter, 2025),
            (date("2025-06-15"), date("2025-09-14"))
        );
        assert_eq!(
            period(ReportKind::Annual, 2025),
            (date("2024-12-15"), date("2025-12-14"))
        );
    }

    #[test]
    fn periods_cross_year_boundaries() {
        assert_eq!(period(ReportKind::FirstQuarter, 2000).0, date("1999-12-15"));
        assert_eq!(period(ReportKind::Annual, 2100).0, date("2099-12-15"));
        assert_eq!(
            ReportKind::Annual.next(2025).unwrap(),
            (ReportKind::FirstQuarter, 2026)
        );
        let (next_kind, next_year) = ReportKind::Annual.next(2025).unwrap();
        assert_eq!(
            next_kind.legal_period(next_year).unwrap().from,
            date("2025-12-15")
        );
        assert_eq!(
            ReportKind::FirstQuarter.next(2025).unwrap(),
            (ReportKind::SixMonths, 2025)
        );
        assert_eq!(
            ReportKind::SixMonths.next(2025).unwrap(),
            (ReportKind::ThirdQuarter, 2025)
        );
        assert_eq!(
            ReportKind::ThirdQuarter.next(2025).unwrap(),
            (ReportKind::Annual, 2025)
        );
        assert!(ReportKind::FirstQuarter
            .legal_period(Date::MIN_YEAR)
            .is_none());
        assert!(ReportKind::ThirdQuarter
            .legal_period(Date::MIN_YEAR)
            .is_some());
    }

    #[test]
    fn due_dates_are_the_20th_of_the_last_month() {
        let due: Vec<String> = ReportKind::ALL
            .iter()
            .map(|kind| kind.due_date(2025).unwrap().iso())
            .collect();
        assert_eq!(
            due,
            ["2025-03-20", "2025-06-20", "2025-09-20", "2025-12-20"]
        );
        for kind in ReportKind::ALL {
            let period = kind.legal_period(2026).unwrap();
            assert!(period.from < period.to);
            assert!(period.to < kind.due_date(2026).unwrap());
        }
    }

    #[test]
    fn names_in_text_and_in_json() {
        assert_eq!(ReportKind::FirstQuarter.long_name(2025), "Quý I năm 2025");
        assert_eq!(ReportKind::FirstQuarter.short_name(2025), "Quý I/2025");
        assert_eq!(
            ReportKind::SixMonths.long_name(2025),
            "6 tháng đầu năm 2025"
        );
        assert_eq!(ReportKind::ThirdQuarter.short_name(2025), "Quý III/2025");
        assert_eq!(ReportKind::Annual.short_name(2025), "năm 2025");
        let json: Vec<String> = ReportKind::ALL
            .iter()
            .map(|kind| serde_json::to_string(kind).unwrap())
            .collect();
        assert_eq!(json, ["\"quy_i\"", "\"6_thang\"", "\"quy_iii\"", "\"nam\""]);
        for kind in ReportKind::ALL {
            let back: ReportKind =
                serde_json::from_str(&serde_json::to_string(&kind).unwrap()).unwrap();
            assert_eq!(back, kind);
        }
    }
}
