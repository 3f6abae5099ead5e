//! How each kind of value in the report is shown in an editor input and read
//! back from what the user typed.
//!
//! The browser shell renders every field through this module, so what a
//! clerk may type (`16.091.000`, `6/3/2025`) and what the input shows again
//! after a reload are decided here and tested on the host. A typed text that
//! is not a value is kept as a pending input; [`why_not`] explains why, with
//! the same reading the input used, so the message names the real problem
//! (`99,525` in a percentage: two decimals at most).

use crate::date::{Date, DateError};
use crate::decimal::Decimal;
use crate::report::CellValue;
use crate::template::{FigureKind, Template, Unit, Value, ValueKind};
use crate::text::Text;
use crate::vi::{self, NumberError};

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

/// Why typed text is not a value of its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryError {
    Number(NumberError),
    Date(DateError),
    NotAnOption,
}

impl EntryError {
    pub fn message(self) -> &'static str {
        match self {
            EntryError::Number(error) => error.message(),
            EntryError::Date(error) => vi::date_error_message(&error),
            EntryError::NotAnOption => "Chọn một trong các mức đã cho.",
        }
    }
}

/// A whole number typed as a count or an amount.
fn whole(typed: &str, unit: Unit) -> Result<Value, EntryError> {
    match vi::parse_count(typed).map_err(EntryError::Number)? {
        None => Ok(Value::Missing),
        Some(count) => i64::try_from(count)
            .ok()
            .and_then(Decimal::from_whole)
            .map(|number| Value::Number(number, unit))
            .ok_or(EntryError::Number(NumberError::TooLarge)),
    }
}

/// The value typed into an input of `kind`; blank is missing.
pub fn parse(kind: &ValueKind, typed: &str) -> Result<Value, EntryError> {
    if typed.trim().is_empty() {
        return Ok(Value::Missing);
    }
    match kind {
        ValueKind::Count => whole(typed, Unit::Count),
        ValueKind::Money => whole(typed, Unit::Money),
        ValueKind::Percent => vi::parse_percent(typed)
            .map_err(EntryError::Number)
            .map(|number| number.map_or(Value::Missing, |n| Value::Number(n, Unit::Percent))),
        ValueKind::Text => Ok(Value::Text(Text::new(typed).to_string())),
        ValueKind::Date => vi::parse_date(typed)
            .map_err(EntryError::Date)
            .map(|date| date.map_or(Value::Missing, Value::Date)),
        ValueKind::Choice(_) => {
            let code = typed
                .trim()
                .parse::<i64>()
                .map_err(|_| EntryError::NotAnOption)?;
            let option = kind.option(code).ok_or(EntryError::NotAnOption)?;
            Ok(Value::Choice(code, option.label.clone()))
        }
    }
}

/// The text an input shows for `value`.
pub fn show(value: &Value) -> String {
    match value {
        // A whole count or sum of money prints as `16.091.000`, as any number.
        Value::Number(number, _) => vi::format_decimal(*number),
        Value::Text(text) => text.clone(),
        Value::Date(date) => vi::format_date(*date),
        Value::Choice(code, _) => code.to_string(),
        Value::Missing | Value::Bool(_) | Value::Fraction(..) => String::new(),
    }
}

/// An appendix cell holding `value`.
pub fn to_cell(value: &Value) -> Option<CellValue> {
    match value {
        Value::Number(number, _) => Some(CellValue::Number(*number)),
        Value::Text(text) => Some(CellValue::Text(Text::new(text))),
        Value::Choice(code, _) => Decimal::from_whole(*code).map(CellValue::Number),
        _ => None,
    }
}

/// The value a stored appendix cell of `kind` holds: a choice's code with
/// its option's name, a number in the kind's unit, or text.
pub fn cell_value(kind: &ValueKind, cell: &CellValue) -> Value {
    match (cell, kind) {
        (CellValue::Number(number), ValueKind::Choice(_)) => match number.as_whole() {
            Some(code) => Value::Choice(
                code,
                kind.option(code)
                    .map(|o| o.label.clone())
                    .unwrap_or_default(),
            ),
            None => Value::Number(*number, Unit::Plain),
        },
        (CellValue::Number(number), kind) => {
            Value::Number(*number, kind.unit().unwrap_or(Unit::Plain))
        }
        (CellValue::Text(text), _) => Value::Text(text.to_string()),
    }
}

/// The kind of the value at `path` under `template`: a figure, a column
/// of a list figure (`figures.staff.officials.titles.0.count`), or a
/// typed appendix cell (`appendix.3.3.c.value`).
pub fn kind_at<'t>(template: &'t Template, path: &str) -> Option<&'t ValueKind> {
    if let Some(key) = path.strip_prefix("figures.") {
        if let Some(figure) = template.figure(key) {
            return figure.value_kind();
        }
        return template.figures.iter().find_map(|figure| {
            let FigureKind::List { columns, .. } = &figure.kind else {
                return None;
            };
            let rest = key.strip_prefix(&format!("{}.", figure.key))?;
            let (_, column) = rest.split_once('.')?;
            columns.iter().find(|c| c.key == column).map(|c| &c.kind)
        });
    }
    let code = path.strip_prefix("appendix.")?.strip_suffix(".value")?;
    template.row(code)?.entered_kind()
}

/// Why `typed`, kept at `path`, is not a value there.
pub fn why_not(template: &Template, path: &str, typed: &str) -> String {
    let error = match path {
        "header.date" | "period.from" | "period.to" => {
            vi::parse_date(typed).err().map(EntryError::Date)
        }
        "header.number" | "period.year" => vi::parse_count(typed).err().map(EntryError::Number),
        _ => match kind_at(template, path) {
            Some(kind) => parse(kind, typed).err(),
            None => vi::parse_decimal(typed).err().map(EntryError::Number),
        },
    };
    match error {
        Some(error) => error.message().to_owned(),
        None => format!("Giá trị \"{typed}\" không hợp lệ."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T: Entry + PartialEq + std::fmt::Debug>(value: T) {
        assert_eq!(T::parse(&value.show()), Some(value));
    }

    #[test]
    fn counts_and_money_read_as_typed_and_show_grouped() {
        let count = |typed: &str| parse(&ValueKind::Count, typed);
        let whole = |n: i64| Value::Number(Decimal::from_whole(n).unwrap(), Unit::Count);
        assert_eq!(count("16.091.000"), Ok(whole(16_091_000)));
        assert_eq!(count(" 843 "), Ok(whole(843)));
        assert_eq!(count(""), Ok(Value::Missing));
        assert_eq!(count("-1"), Err(EntryError::Number(NumberError::Negative)));
        assert_eq!(count("1,5"), Err(EntryError::Number(NumberError::NotWhole)));
        assert_eq!(
            count("abc"),
            Err(EntryError::Number(NumberError::NotANumber))
        );
        assert_eq!(show(&whole(16_091_000)), "16.091.000");
        assert_eq!(show(&Value::Missing), "");
        for n in [0, 9_000_000_000_000] {
            assert_eq!(count(&show(&whole(n))), Ok(whole(n)));
        }
        let money = parse(&ValueKind::Money, "1.272.500").unwrap();
        assert_eq!(
            money,
            Value::Number(Decimal::from_whole(1_272_500).unwrap(), Unit::Money)
        );
        assert_eq!(show(&money), "1.272.500");
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
    fn values_read_by_their_kind() {
        let percent = parse(&ValueKind::Percent, "99,5%").unwrap();
        assert_eq!(
            percent,
            Value::Number(Decimal::from_hundredths(9950).unwrap(), Unit::Percent)
        );
        assert_eq!(show(&percent), "99,5");
        assert_eq!(
            parse(&ValueKind::Percent, "99,525"),
            Err(EntryError::Number(NumberError::TooManyDecimals))
        );
        assert_eq!(
            parse(&ValueKind::Percent, "x"),
            Err(EntryError::Number(NumberError::NotANumber))
        );
        assert_eq!(parse(&ValueKind::Percent, " "), Ok(Value::Missing));
        let money = parse(&ValueKind::Money, "16.091.000").unwrap();
        assert_eq!(show(&money), "16.091.000");
        assert_eq!(
            parse(&ValueKind::Count, "1000000000000000"),
            Err(EntryError::Number(NumberError::TooLarge))
        );
        assert_eq!(
            parse(&ValueKind::Count, "-1"),
            Err(EntryError::Number(NumberError::Negative))
        );
        assert_eq!(
            show(&parse(&ValueKind::Date, "6/3/2025").unwrap()),
            "06/3/2025"
        );
        assert_eq!(
            parse(&ValueKind::Text, "4 Tổ chức"),
            Ok(Value::Text("4 Tổ chức".into()))
        );
        let value = CellValue::Number(Decimal::from_hundredths(9952).unwrap());
        assert_eq!(show(&cell_value(&ValueKind::Percent, &value)), "99,52");
        assert_eq!(
            to_cell(&percent),
            Some(CellValue::Number(Decimal::from_hundredths(9950).unwrap()))
        );
    }
}
