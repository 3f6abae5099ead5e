//! The one engine that fills the appendix table from the template's rows.
//!
//! For each row it finds the value (typed by the user, or computed from the
//! figures as the row's expression says) and the note (the template's
//! computed part, then what was typed). No row is special-cased here: a new
//! indicator is a new row in the template, not new code.

use crate::facts::Facts;
use crate::report::CellValue;
use crate::template::{Row, RowSource, Style, Unit, Value};
use crate::vi;

/// The longest short-text answer or note accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 200;

/// Parts of a note column, the empty ones left out: `a; b`.
pub fn join_notes<const N: usize>(parts: [&str; N]) -> String {
    parts
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// One filled appendix row as shown and printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell<'t> {
    pub row: &'t Row,
    /// The value, or `None` when it is not filled in (or cannot be computed).
    pub value: Option<CellValue>,
    /// True when the value is computed and cannot be typed.
    pub computed: bool,
    /// The value as printed in the `Số liệu` column; empty when missing.
    pub value_text: String,
    /// The `Đơn vị tính` column: the unit, or for a coded choice the chosen
    /// option's name (`Hoàn thành`).
    pub unit_text: String,
    /// The note column: the template's computed part, then what was typed.
    pub note: String,
}

impl Cell<'_> {
    /// The chosen option's code, for a coded choice holding a valid code.
    pub fn choice(&self) -> Option<i64> {
        let kind = self.row.entered_kind()?;
        let Some(CellValue::Number(number)) = self.value else {
            return None;
        };
        let code = number.as_whole()?;
        kind.option(code).map(|option| option.code)
    }
}

/// A cell's value as printed: typed values as typed (`99,5`), computed
/// percentages by the template's ratio rule.
fn printed(value: &Option<CellValue>, unit: Option<Unit>, facts: &Facts) -> String {
    match value {
        None => String::new(),
        Some(CellValue::Text(text)) => text.to_string(),
        Some(CellValue::Number(number)) if unit == Some(Unit::Percent) => {
            vi::format_ratio(*number, facts.rules().ratio)
        }
        Some(CellValue::Number(number)) => vi::format_decimal(*number),
    }
}

/// The filled row for `row`.
pub fn cell<'t>(facts: &Facts<'t>, row: &'t Row) -> Cell<'t> {
    let entry = facts.report.appendix.get(&row.code);
    let typed_note = entry.map(|entry| entry.note.trim()).unwrap_or_default();
    let (value, computed) = match &row.source {
        RowSource::Heading => (None, false),
        RowSource::Entered(_) => (entry.and_then(|entry| entry.value.clone()), false),
        RowSource::Computed { value, .. } => {
            let value = match value.eval(facts) {
                Value::Number(number, _) => Some(CellValue::Number(number)),
                _ => None,
            };
            (value, true)
        }
    };
    let computed_note = row
        .note
        .as_ref()
        .map(|note| facts.render(note, Style::Prose))
        .unwrap_or_default();
    let note = join_notes([computed_note.trim(), typed_note]);
    let value_text = if computed {
        printed(&value, row.unit_of_value(), facts)
    } else {
        printed(&value, None, facts)
    };
    let mut cell = Cell {
        row,
        value,
        computed,
        value_text,
        unit_text: row.unit.clone(),
        note,
    };
    if let Some(option) = cell
        .choice()
        .and_then(|code| row.entered_kind()?.option(code))
    {
        cell.unit_text = option.label.clone();
    }
    cell
}

/// Every row of the appendix, filled, in printed order.
pub fn cells<'t>(facts: &Facts<'t>) -> Vec<Cell<'t>> {
    facts
        .template
        .rows
        .iter()
        .map(|row| cell(facts, row))
        .collect()
}
