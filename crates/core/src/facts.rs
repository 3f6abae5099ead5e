//! One report as its template's expressions see it: the figures read by
//! their kinds, the unit and period, the appendix rows (typed, or computed
//! from the figures and other rows).
//!
//! Everything derived from a report (rules, sentences, appendix cells,
//! ratios, the printed document, the adding up) is computed from [`Facts`],
//! so the figures are read once however many things quote them.

use std::borrow::Cow;
use std::cell::RefCell;

use crate::figures::FigureValues;
use crate::report::Report;
use crate::template::expr::Context;
use crate::template::{
    ListItem, NumberRules, Ratio, RowSource, Scope, Style, Template, Value, Wording,
};
use crate::vi::{self, RatioRule};

/// The values of computed rows, each computed once where rows read rows.
#[derive(Default)]
pub struct RowCache(RefCell<Vec<Option<Value>>>);

impl RowCache {
    /// The value of row `id`, computed by `compute` the first time.
    pub fn get_or(&self, id: usize, compute: impl FnOnce() -> Value) -> Value {
        if let Some(Some(value)) = self.0.borrow().get(id) {
            return value.clone();
        }
        let value = compute();
        let mut cache = self.0.borrow_mut();
        if cache.len() <= id {
            cache.resize(id + 1, None);
        }
        cache[id] = Some(value.clone());
        value
    }
}

/// A report and its template, with the figures read.
pub struct Facts<'a> {
    pub template: &'a Template,
    pub report: &'a Report,
    values: Cow<'a, FigureValues>,
    rows: RowCache,
}

impl<'a> Facts<'a> {
    pub fn new(template: &'a Template, report: &'a Report) -> Facts<'a> {
        Facts {
            template,
            report,
            values: Cow::Owned(template.values(&report.figures)),
            rows: RowCache::default(),
        }
    }

    /// With figures already read (the editor reads them once per change).
    pub fn with_values(
        template: &'a Template,
        report: &'a Report,
        values: &'a FigureValues,
    ) -> Facts<'a> {
        Facts {
            template,
            report,
            values: Cow::Borrowed(values),
            rows: RowCache::default(),
        }
    }

    pub fn values(&self) -> &FigureValues {
        &self.values
    }

    pub fn rules(&self) -> &NumberRules {
        &self.template.numbers
    }

    /// `wording` in `style`.
    pub fn render(&self, wording: &Wording, style: Style) -> String {
        wording.render(self, self.rules(), style)
    }

    /// A ratio as shown beside the figures: `843/847 (99,52%)`; `None`
    /// while a figure of it is missing.
    pub fn ratio_text(&self, ratio: &Ratio) -> Option<String> {
        let numerator = ratio.numerator.eval(self).number()?;
        let denominator = ratio.denominator.eval(self).number()?;
        let share = format!(
            "{}/{}",
            vi::format_decimal(numerator),
            vi::format_decimal(denominator)
        );
        Some(
            match vi::percent_of(numerator, denominator, self.template.numbers.ratio) {
                Some(percent) => format!(
                    "{share} ({}%)",
                    vi::format_ratio(percent, self.template.numbers.ratio)
                ),
                None => share,
            },
        )
    }

    /// The texts of `item` for each item of list figure `list` whose
    /// condition holds.
    pub fn each(&self, list: usize, item: &ListItem) -> Vec<String> {
        self.values
            .items(list)
            .iter()
            .filter_map(|values| {
                let scope = ItemScope {
                    facts: self,
                    item: values,
                };
                holds(item.when.as_ref(), &scope)
                    .then(|| item.text.render(&scope, self.rules(), Style::Prose))
            })
            .collect()
    }
}

/// Whether an optional condition holds: no condition always does, and a
/// condition that cannot be computed does not.
pub fn holds(condition: Option<&crate::template::Expr>, scope: &dyn Scope) -> bool {
    condition.is_none_or(|condition| condition.eval(scope) == Value::Bool(true))
}

impl Scope for Facts<'_> {
    fn figure(&self, id: usize) -> Value {
        self.values.one(id)
    }

    fn column(&self, list: usize, column: usize) -> Vec<Value> {
        self.values
            .items(list)
            .iter()
            .map(|item| item.get(column).cloned().unwrap_or(Value::Missing))
            .collect()
    }

    fn item(&self, _: usize) -> Value {
        Value::Missing
    }

    fn context(&self, context: Context) -> Value {
        let unit = &self.report.header.unit;
        let period = &self.report.period;
        let date = |date: Option<crate::date::Date>| date.map_or(Value::Missing, Value::Date);
        match context {
            Context::UnitFullName => Value::Text(unit.full_name()),
            Context::UnitKind => Value::Text(unit.kind.noun().to_owned()),
            Context::UnitCommittee => Value::Text(unit.committee()),
            Context::PeriodName => Value::Text(period.long_name()),
            Context::PeriodShortName => Value::Text(period.short_name()),
            Context::PeriodYear => Value::Text(period.year.to_string()),
            Context::PeriodFrom => date(period.from),
            Context::PeriodTo => date(period.to),
        }
    }

    fn row(&self, id: usize) -> Value {
        let Some(row) = self.template.rows.get(id) else {
            return Value::Missing;
        };
        match &row.source {
            RowSource::Heading => Value::Missing,
            RowSource::Entered(kind) => self
                .report
                .appendix
                .get(&row.code)
                .and_then(|entry| entry.value.as_ref())
                .map_or(Value::Missing, |cell| crate::entry::cell_value(kind, cell)),
            // The reader refused cycles and chains longer than a few rows;
            // each row is computed once however many rows read it.
            RowSource::Computed { value, .. } => self.rows.get_or(id, || value.eval(self)),
        }
    }

    fn ratio_rule(&self) -> RatioRule {
        self.template.numbers.ratio
    }
}

/// Inside `each`: the facts, and the columns of one item.
struct ItemScope<'s> {
    facts: &'s Facts<'s>,
    item: &'s [Value],
}

impl Scope for ItemScope<'_> {
    fn figure(&self, id: usize) -> Value {
        self.facts.figure(id)
    }
    fn column(&self, list: usize, column: usize) -> Vec<Value> {
        self.facts.column(list, column)
    }
    fn item(&self, column: usize) -> Value {
        self.item.get(column).cloned().unwrap_or(Value::Missing)
    }
    fn context(&self, context: Context) -> Value {
        self.facts.context(context)
    }
    fn row(&self, id: usize) -> Value {
        self.facts.row(id)
    }
    fn ratio_rule(&self) -> RatioRule {
        self.facts.ratio_rule()
    }
}
