//! The Vietnamese number parsers: any text typed into a number input
//! (counts, money, percentages, the document number, appendix cells), read
//! as the editor reads it.
//!
//! Besides never panicking:
//! - blank text, and only blank text (or a lone `%` in a percentage), is
//!   "not filled in";
//! - a number read, written back as the editor shows it, reads again to the
//!   same number (`1.234,5`), as a percentage too (`1.234,5%`);
//! - a count read, grouped (`16.091.000`), reads again to the same count;
//! - a value read into an input of any kind, shown and read again, is the
//!   same value, and so is it stored in an appendix cell and read back.
#![no_main]

use cchc_core::decimal::Decimal;
use cchc_core::entry::{self, Entry};
use cchc_core::template::{Value, ValueKind};
use cchc_core::text::Text;
use cchc_core::vi::{self, RatioRule, Rounding};
use cchc_fuzz::typed::{input_paths, kinds, sample_template};
use libfuzzer_sys::fuzz_target;

fn round_trip<T: Entry + PartialEq + std::fmt::Debug>(typed: &str) {
    if let Some(value) = T::parse(typed) {
        assert_eq!(T::parse(&value.show()), Some(value), "shown again");
    }
}

fuzz_target!(|bytes: &[u8]| {
    let typed = String::from_utf8_lossy(bytes);
    let typed = typed.as_ref();
    let blank = typed.trim().is_empty();

    let decimal = vi::parse_decimal(typed);
    assert_eq!(decimal == Ok(None), blank);
    match decimal {
        Ok(Some(number)) => {
            assert!(number.hundredths().unsigned_abs() <= Decimal::MAX_WHOLE as u64 * 100);
            let shown = vi::format_decimal(number);
            assert_eq!(vi::parse_decimal(&shown), Ok(Some(number)), "{shown}");
            assert_eq!(vi::parse_percent(&format!("{shown}%")), Ok(Some(number)));
            let _ = vi::format_money(number);
            for rounding in [Rounding::Truncate, Rounding::HalfUp] {
                for decimals in 0..=2 {
                    for keep_trailing_zeros in [false, true] {
                        let rule = RatioRule {
                            rounding,
                            decimals,
                            keep_trailing_zeros,
                        };
                        let _ = vi::format_ratio(number, rule);
                        let _ = vi::percent_of(number, Decimal::from(847), rule);
                        let _ = vi::percent_of(Decimal::from(843), number, rule);
                        let _ = vi::percent_of(number, number, rule);
                    }
                }
            }
        }
        Ok(None) => {}
        Err(error) => assert!(!error.message().is_empty()),
    }

    let percent = vi::parse_percent(typed);
    if let Ok(Some(number)) = percent {
        let shown = vi::format_decimal(number);
        assert_eq!(vi::parse_percent(&shown), Ok(Some(number)), "{shown}");
    }

    if let Ok(Some(count)) = vi::parse_count(typed) {
        let grouped = vi::group_digits(count);
        assert_eq!(vi::parse_count(&grouped), Ok(Some(count)), "{grouped}");
        let _ = vi::count_in_prose(count);
    }

    for kind in kinds() {
        match entry::parse(kind, typed) {
            Ok(value) => {
                let only_percent_sign = *kind == ValueKind::Percent
                    && typed.trim().trim_end_matches('%').trim().is_empty();
                assert_eq!(value.is_missing(), blank || only_percent_sign);
                let shown = entry::show(&value);
                assert_eq!(entry::parse(kind, &shown).as_ref(), Ok(&value), "{shown:?}");
                if let Some(cell) = entry::to_cell(&value) {
                    assert_eq!(entry::cell_value(kind, &cell), value);
                }
                if let Value::Number(number, _) = value {
                    let _ = vi::format_decimal(number);
                }
            }
            Err(error) => assert!(!error.message().is_empty()),
        }
    }
    for path in input_paths() {
        let _ = entry::why_not(sample_template(), path, typed);
    }

    round_trip::<Option<u32>>(typed);
    round_trip::<i32>(typed);
    round_trip::<Text>(typed);
});
