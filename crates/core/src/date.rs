//! Calendar dates without a time zone or a clock.
//!
//! The report only needs plain days (document date, data period, due date),
//! stored in JSON as ISO 8601 `YYYY-MM-DD`. A tiny type of our own keeps the
//! wasm small and avoids any dependency on the browser's clock or time zone.
//! How a date is *written* in Vietnamese lives in [`crate::vi`].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A valid day of the proleptic Gregorian calendar, years 1000 to 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a date could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// The text is not `YYYY-MM-DD`.
    Malformed,
    /// The parts are numbers but no such day exists (31/02, month 13, ...).
    NoSuchDay,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateError::Malformed => "Ngày không đúng dạng",
            DateError::NoSuchDay => "Không có ngày này trong lịch",
        })
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    pub const MIN_YEAR: i32 = 1000;
    pub const MAX_YEAR: i32 = 9999;

    pub fn new(year: i32, month: u8, day: u8) -> Result<Date, DateError> {
        let year_ok = (Self::MIN_YEAR..=Self::MAX_YEAR).contains(&year);
        if !year_ok || day == 0 || day > days_in_month(year, month) {
            return Err(DateError::NoSuchDay);
        }
        Ok(Date { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// The ISO 8601 form, `2025-03-06`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// How many days from `self` to `later` (negative when `later` comes
    /// first): 20/3/2025 to 25/3/2025 is 5.
    pub fn days_until(self, later: Date) -> i64 {
        later.day_number() - self.day_number()
    }

    /// The days since 1 March of year 0 (the civil-from-days algorithm of
    /// H. Hinnant, on years from March so that 29 February comes last).
    fn day_number(self) -> i64 {
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
        year * 365 + year / 4 - year / 100 + year / 400 + day_of_year
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Parses exactly `YYYY-MM-DD`.
    fn from_str(text: &str) -> Result<Date, DateError> {
        let bytes = text.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok {
            return Err(DateError::Malformed);
        }
        let number = |range: std::ops::Range<usize>| text[range].parse::<i32>().unwrap_or(0);
        Date::new(number(0..4), number(5..7) as u8, number(8..10) as u8)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(|error: DateError| {
            serde::de::Error::custom(format!("{error}: \"{text}\" (cần dạng YYYY-MM-DD)"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_counted_across_months_leap_days_and_years() {
        let day = |y, m, d| Date::new(y, m, d).unwrap();
        assert_eq!(day(2025, 3, 20).days_until(day(2025, 3, 25)), 5);
        assert_eq!(day(2025, 3, 25).days_until(day(2025, 3, 20)), -5);
        assert_eq!(day(2025, 3, 20).days_until(day(2025, 3, 20)), 0);
        assert_eq!(day(2024, 2, 28).days_until(day(2024, 3, 1)), 2);
        assert_eq!(day(2025, 2, 28).days_until(day(2025, 3, 1)), 1);
        assert_eq!(day(2025, 12, 20).days_until(day(2026, 1, 20)), 31);
        assert_eq!(day(2025, 3, 20).days_until(day(2026, 11, 29)), 619);
        assert_eq!(day(2000, 1, 1).days_until(day(2100, 1, 1)), 36_525);
        assert_eq!(day(1000, 1, 1).days_until(day(9999, 12, 31)), 3_287_181);
    }

    #[test]
    fn accepts_real_days_and_rejects_others() {
        assert!(Date::new(2024, 2, 29).is_ok());
        assert_eq!(Date::new(2025, 2, 29), Err(DateError::NoSuchDay));
        assert_eq!(Date::new(1900, 2, 29), Err(DateError::NoSuchDay));
        assert!(Date::new(2000, 2, 29).is_ok());
        assert_eq!(Date::new(2025, 13, 1), Err(DateError::NoSuchDay));
        assert_eq!(Date::new(2025, 4, 31), Err(DateError::NoSuchDay));
        assert_eq!(Date::new(2025, 1, 0), Err(DateError::NoSuchDay));
        assert_eq!(Date::new(999, 1, 1), Err(DateError::NoSuchDay));
    }

    #[test]
    fn iso_text_round_trips_and_orders() {
        let date: Date = "2025-03-06".parse().unwrap();
        assert_eq!((date.year(), date.month(), date.day()), (2025, 3, 6));
        assert_eq!(date.to_string(), "2025-03-06");
        assert!("2024-12-15".parse::<Date>().unwrap() < date);
        for bad in [
            "2025-3-6",
            "06/03/2025",
            "2025-03-06T00:00",
            "",
            "abcd-ef-gh",
        ] {
            assert_eq!(bad.parse::<Date>(), Err(DateError::Malformed), "{bad}");
        }
        assert_eq!("2025-02-30".parse::<Date>(), Err(DateError::NoSuchDay));
    }

    #[test]
    fn json_uses_iso_strings() {
        let date = Date::new(2024, 12, 15).unwrap();
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"2024-12-15\"");
        assert_eq!(
            serde_json::from_str::<Date>("\"2024-12-15\"").unwrap(),
            date
        );
        let error = serde_json::from_str::<Date>("\"15/12/2024\"").unwrap_err();
        assert!(error.to_string().contains("YYYY-MM-DD"), "{error}");
    }
}
