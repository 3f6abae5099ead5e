//! How each kind of value in the report is shown in an editor input and read
//! back from what the user typed.
//!
//! The browser shell renders every field through this one trait, so what a
//! clerk may type (`16.091.000`, `6/3/2025`) and what the input shows again
//! after a reload are decided here and tested on the host. A typed text that
//! is not a value is kept as a pending input; [`crate::rules`] explains why.

use crate::catalog::{Indicator, ValueKind};
use crate::date::Date;
use crate::report::CellValue;
use crate::text::Text;
use crate::vi;

/// A value the editor shows in a text input.
pub trait Entry: Sized {
    /// The text the input shows for this value.
    fn show(&self) -> String;
    /// The value of what was typed, or `None` when it is not one.
    fn parse(typed: &str) -> Option<Self>;
    /// The value to keep while the input holds something that is not a value:
    /// empty where the value may be missing, so that nothing stale is derived
    /// or printed from it; `None` keeps the last value.
    fn cleared() -> Option<Self> {
        None
    }
}

impl Entry for Text {
    fn show(&self) -> String {
        self.to_string()
    }
    fn parse(typed: &str) -> Option<Self> {
        Some(Text::new(typed))
    }
}

/// Counts and amounts of money, written with `.` between thousands.
impl Entry for Option<u64> {
    fn show(&self) -> String {
        self.map(vi::group_digits).unwrap_or_default()
    }
    fn parse(typed: &str) -> Option<Self> {
        vi::parse_count(typed).ok()
    }
    fn cleared() -> Option<Self> {
        Some(None)
    }
}

/// The document number, written without separators (`Số: 1040/BC-UBND`).
impl Entry for Option<u32> {
    fn show(&self) -> String {
        self.map(|number| number.to_string()).unwrap_or_default()
    }
    fn parse(typed: &str) -> Option<Self> {
        match vi::parse_count(typed).ok()? {
            None => Some(None),
            Some(number) => u32::try_from(number).ok().map(Some),
        }
    }
    fn cleared() -> Option<Self> {
        Some(None)
    }
}

/// A year: it is never missing, so a bad year keeps the last good one.
impl Entry for i32 {
    fn show(&self) -> String {
        self.to_string()
    }
    fn parse(typed: &str) -> Option<Self> {
        let year = typed.trim();
        if year.is_empty() || !year.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        year.parse().ok()
    }
}

/// Dates as `dd/mm/yyyy`.
impl Entry for Option<Date> {
    fn show(&self) -> String {
        self.map(vi::format_date).unwrap_or_default()
    }
    fn parse(typed: &str) -> Option<Self> {
        vi::parse_date(typed).ok()
    }
    fn cleared() -> Option<Self> {
        Some(None)
    }
}

/// The value typed into an appendix row of `indicator`: text for a text row,
/// a number otherwise (its bounds are checked by the rules, so that `120`
/// for a percentage is shown as an error rather than refused silently).
pub fn parse_cell(indicator: &Indicator, typed: &str) -> Option<Option<CellValue>> {
    if typed.trim().is_empty() {
        return Some(None);
    }
    match indicator.kind {
        ValueKind::Text => Some(Some(CellValue::Text(Text::new(typed)))),
        ValueKind::Percent => vi::parse_percent(typed)
            .ok()
            .map(|value| value.map(CellValue::Number)),
        _ => vi::parse_decimal(typed)
            .ok()
            .map(|value| value.map(CellValue::Number)),
    }
}

/// The text an appendix input shows for a stored value.
pub fn show_cell(value: Option<&CellValue>) -> String {
    match value {
        None => String::new(),
        Some(CellValue::Text(text)) => text.to_string(),
        Some(CellValue::Number(number)) => vi::format_decimal(*number),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::indicator;
    use crate::decimal::Decimal;

    fn round_trip<T: Entry + PartialEq + std::fmt::Debug>(value: T) {
        assert_eq!(T::parse(&value.show()), Some(value));
    }

    #[test]
    fn counts_and_money_read_as_typed_and_show_grouped() {
        assert_eq!(<Option<u64>>::parse("16.091.000"), Some(Some(16_091_000)));
        assert_eq!(<Option<u64>>::parse(" 843 "), Some(Some(843)));
        assert_eq!(<Option<u64>>::parse(""), Some(None));
        assert_eq!(<Option<u64>>::parse("-1"), None);
        assert_eq!(<Option<u64>>::parse("1,5"), None);
        assert_eq!(<Option<u64>>::parse("abc"), None);
        assert_eq!(Some(16_091_000u64).show(), "16.091.000");
        assert_eq!(<Option<u64>>::None.show(), "");
        assert_eq!(<Option<u64>>::cleared(), Some(None));
        round_trip(Some(0u64));
        round_trip(Some(9_000_000_000_000u64));
    }

    #[test]
    fn numbers_years_and_dates() {
        assert_eq!(<Option<u32>>::parse("40"), Some(Some(40)));
        assert_eq!(<Option<u32>>::parse("99999999999"), None);
        assert_eq!(Some(1040u32).show(), "1040");
        assert_eq!(i32::parse("2025"), Some(2025));
        assert_eq!(i32::parse("20a5"), None);
        assert_eq!(i32::parse(""), None);
        assert_eq!(i32::cleared(), None);
        let date = Date::new(2025, 3, 6).unwrap();
        assert_eq!(<Option<Date>>::parse("6/3/2025"), Some(Some(date)));
        assert_eq!(Some(date).show(), vi::format_date(date));
        assert_eq!(<Option<Date>>::parse("31/02/2025"), None);
        round_trip(Some(date));
        round_trip(Text::new("Trương Quang Trọng"));
    }

    #[test]
    fn appendix_cells_read_by_their_kind() {
        let percent = indicator("3.3.c").unwrap();
        assert_eq!(percent.kind, ValueKind::Percent);
        assert_eq!(
            parse_cell(percent, "99,5%"),
            Some(Some(CellValue::Number(
                Decimal::from_hundredths(9950).unwrap()
            )))
        );
        assert_eq!(parse_cell(percent, "x"), None);
        assert_eq!(parse_cell(percent, " "), Some(None));
        let text = crate::catalog::INDICATORS
            .iter()
            .find(|i| i.kind == ValueKind::Text)
            .unwrap();
        assert_eq!(
            parse_cell(text, "4 Tổ chức"),
            Some(Some(CellValue::Text(Text::new("4 Tổ chức"))))
        );
        let value = CellValue::Number(Decimal::from_hundredths(9952).unwrap());
        assert_eq!(show_cell(Some(&value)), "99,52");
        assert_eq!(
            parse_cell(percent, &show_cell(Some(&value))),
            Some(Some(value))
        );
        assert_eq!(show_cell(None), "");
    }
}
