//! The Vietnamese date parser: any text typed into a date input (the
//! document's date, the data period) or a year input, and any ISO date a
//! file holds, read as the editor and the importer read them.
//!
//! Besides never panicking:
//! - blank text, and only blank text, is "not filled in";
//! - a date read, written as the document writes it (`06/3/2025`) or in
//!   ISO, reads again to the same date;
//! - an ISO date (`2025-03-06`) reads exactly when it is written back the
//!   same, and a file's JSON string reads to the same date;
//! - a date input of any kind reads what the parser reads.
#![no_main]

use cchc_core::date::Date;
use cchc_core::entry::{self, Entry};
use cchc_core::period::ReportKind;
use cchc_core::report::Period;
use cchc_core::template::{Value, ValueKind};
use cchc_core::vi;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let typed = String::from_utf8_lossy(bytes);
    let typed = typed.as_ref();
    let blank = typed.trim().is_empty();

    let read = vi::parse_date(typed);
    assert_eq!(read == Ok(None), blank);
    match read {
        Ok(Some(date)) => {
            let written = vi::format_date(date);
            assert_eq!(vi::parse_date(&written), Ok(Some(date)), "{written}");
            assert_eq!(vi::parse_date(&date.iso()), Ok(Some(date)));
            assert_eq!(date.iso().parse::<Date>(), Ok(date));
            let _ = vi::date_in_words(date);
            let (kind, year) = ReportKind::current(date);
            let _ = Period::legal(kind, year);
            let _ = kind.next(year);
        }
        Ok(None) => {}
        Err(error) => assert!(!vi::date_error_message(&error).is_empty()),
    }

    let iso = typed.parse::<Date>();
    if let Ok(date) = iso {
        assert_eq!(date.iso(), typed);
        assert_eq!(vi::parse_date(typed), Ok(Some(date)));
    }
    let from_file: Result<Date, _> = serde_json::from_value(serde_json::Value::from(typed));
    assert_eq!(from_file.ok(), iso.ok());

    let typed_date = <Option<Date>>::parse(typed);
    assert_eq!(typed_date, vi::parse_date(typed).ok());
    if let Some(date) = typed_date {
        assert_eq!(<Option<Date>>::parse(&date.show()), Some(date));
    }
    let expected = match vi::parse_date(typed) {
        Ok(Some(date)) => Ok(Value::Date(date)),
        Ok(None) => Ok(Value::Missing),
        Err(error) => Err(entry::EntryError::Date(error)),
    };
    assert_eq!(entry::parse(&ValueKind::Date, typed), expected);

    // A year typed into the period's year input, and the periods of it.
    if let Some(year) = i32::parse(typed) {
        assert_eq!(i32::parse(&year.show()), Some(year));
        for kind in ReportKind::ALL {
            let period = Period::legal(kind, year);
            let _ = (period.legal_dates(), period.due_date());
            let _ = (period.long_name(), period.short_name());
            let _ = kind.next(year);
        }
    }
});
