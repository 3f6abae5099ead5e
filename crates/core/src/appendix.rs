//! The one engine that fills the appendix table from the catalog.
//!
//! For each catalog row it finds the value (typed by the user, or computed
//! from the figures as the row's source says) and the note (typed, computed
//! `n/d`, or both). No row is special-cased here: a new indicator is a new
//! line in [`crate::catalog`], not new code.

use crate::catalog::{Indicator, NoteSource, Source, ValueKind, INDICATORS};
use crate::decimal::Decimal;
use crate::figures;
use crate::report::{CellValue, Report};
use crate::vi;

/// One filled appendix row as shown and printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub indicator: &'static Indicator,
    /// The value, or `None` when it is not filled in (or cannot be computed).
    pub value: Option<CellValue>,
    /// True when the value is computed from the figures and cannot be typed.
    pub computed: bool,
    /// The note column: computed part first (`843/843`), then what was typed.
    pub note: String,
}

impl Cell {
    /// The value as printed in the `Số liệu` column; empty when missing.
    pub fn value_text(&self) -> String {
        match &self.value {
            None => String::new(),
            Some(CellValue::Text(text)) => text.to_string(),
            Some(CellValue::Number(number)) => vi::format_decimal(*number),
        }
    }

    /// The `Đơn vị tính` column: the unit, or for a coded choice the chosen
    /// option's name (`Hoàn thành`).
    pub fn unit_text(&self) -> &'static str {
        self.choice()
            .and_then(|code| self.indicator.option(code))
            .map_or(self.indicator.unit, |option| option.label)
    }

    /// The chosen option's code, for a coded choice holding a valid code.
    pub fn choice(&self) -> Option<u8> {
        let Some(CellValue::Number(number)) = self.value else {
            return None;
        };
        let code = u8::try_from(number.as_whole()?).ok()?;
        self.indicator.option(code).map(|option| option.code)
    }
}

fn whole(value: u64) -> Option<CellValue> {
    let value = i64::try_from(value).ok()?;
    Decimal::from_whole(value).map(CellValue::Number)
}

/// The value and the computed note of a row whose source is not `Entered`.
fn computed(report: &Report, source: Source) -> (Option<CellValue>, String) {
    let figure = |path| figures::value(&report.figures, path);
    match source {
        Source::Entered => (None, String::new()),
        Source::Figure(path) => (figure(path).and_then(whole), String::new()),
        Source::Sum(paths) => {
            let sum = paths
                .iter()
                .try_fold(0u64, |sum, path| sum.checked_add(figure(path)?));
            (sum.and_then(whole), String::new())
        }
        Source::Ratio {
            numerator,
            denominator,
        } => match (figure(numerator), figure(denominator)) {
            (Some(n), Some(d)) => (
                vi::percent_of(n, d).map(CellValue::Number),
                vi::ratio_in_prose(n, d),
            ),
            _ => (None, String::new()),
        },
    }
}

/// The filled row for `indicator`.
pub fn cell(report: &Report, indicator: &'static Indicator) -> Cell {
    let entry = report.appendix.get(indicator.code);
    let typed_note = entry.map(|entry| entry.note.trim()).unwrap_or_default();
    let (value, computed_note, is_computed) = match indicator.source {
        _ if indicator.kind == ValueKind::Heading => (None, String::new(), false),
        Source::Entered => (
            entry.and_then(|entry| entry.value.clone()),
            String::new(),
            false,
        ),
        source => {
            let (value, note) = computed(report, source);
            (value, note, true)
        }
    };
    let source_note = match indicator.note {
        NoteSource::Entered => String::new(),
        NoteSource::PlanReference => report.figures.plan.reference(),
    };
    let note = [computed_note.as_str(), source_note.as_str(), typed_note]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    Cell {
        indicator,
        value,
        computed: is_computed,
        note,
    }
}

/// Every row of the appendix, filled, in printed order.
pub fn cells(report: &Report) -> Vec<Cell> {
    INDICATORS
        .iter()
        .map(|indicator| cell(report, indicator))
        .collect()
}
