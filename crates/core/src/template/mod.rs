//! The report template (mẫu báo cáo): one province's form for one period,
//! as data. Like an XLSForm sheet or a DHIS2 data set, it says which figures
//! are typed (key, label, kind, bounds), which ratios are shown beside them,
//! which cross-field rules hold, the outline of the narrative, the sentences
//! written from the figures, the appendix rows and where their values come
//! from, the default recipients and the number habits (truncate or round
//! ratios, how many decimals).
//!
//! A template is a JSON file ([`read`] checks it whole and says in Vietnamese
//! where each mistake is), compiled into this form once; one engine
//! ([`crate::appendix`], [`crate::sentences`], [`crate::rules`],
//! [`crate::document`], [`crate::aggregate`]) reads it. What every CCHC
//! report has whatever its template (the ND 30 header, the period and its
//! legal dates, the signature block, the recipients list) is in code.

pub mod expr;
mod reader;
pub mod wording;

use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

pub use expr::{Expr, Ref, Scope, Unit, Value};
pub use reader::{read, TemplateError};
pub use wording::{NumberRules, Style, Wording, BLANK};

use crate::date::Date;
use crate::decimal::Decimal;
use crate::report::{Narrative, Recipients};
use crate::rules::Severity;

/// Which template a report is written under: enough to find it again, and
/// to tell two different files that claim the same id and version apart.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TemplateRef {
    pub id: String,
    pub version: String,
    /// SHA-256 (hex) of the template's canonical JSON.
    pub sha256: String,
}

/// One option of a coded choice: `Hoàn thành = 2`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceOption {
    pub code: i64,
    /// What the unit column prints: `Hoàn thành`, `3 cấp`.
    pub label: String,
    /// A longer explanation printed in the label column, if any.
    pub description: String,
}

/// What one typed value is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueKind {
    /// A whole number of things, at least 0.
    Count,
    /// An amount in đồng.
    Money,
    /// A typed percentage, from 0 to 100 unless bounded otherwise.
    Percent,
    /// A short free text.
    Text,
    Date,
    /// One of a few coded answers.
    Choice(Vec<ChoiceOption>),
}

impl ValueKind {
    /// The unit of its numbers; `None` for what is not a number.
    pub fn unit(&self) -> Option<Unit> {
        match self {
            ValueKind::Count => Some(Unit::Count),
            ValueKind::Money => Some(Unit::Money),
            ValueKind::Percent => Some(Unit::Percent),
            ValueKind::Text | ValueKind::Date | ValueKind::Choice(_) => None,
        }
    }

    /// The unit of the kind named `name` (`count`, `money`, `percent`).
    pub fn unit_named(name: &str) -> Option<Unit> {
        match name {
            "count" => Some(Unit::Count),
            "money" => Some(Unit::Money),
            "percent" => Some(Unit::Percent),
            _ => None,
        }
    }

    pub fn option(&self, code: i64) -> Option<&ChoiceOption> {
        match self {
            ValueKind::Choice(options) => options.iter().find(|option| option.code == code),
            _ => None,
        }
    }

    /// The range a number of this kind must lie in by default.
    pub fn default_bounds(&self) -> (Option<Decimal>, Option<Decimal>) {
        match self {
            ValueKind::Count | ValueKind::Money => (Some(Decimal::ZERO), None),
            ValueKind::Percent => (Some(Decimal::ZERO), Some(Decimal::from(100))),
            _ => (None, None),
        }
    }
}

/// One column of a list figure (`count`, `title` of a staff title).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub key: String,
    pub label: String,
    pub kind: ValueKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FigureKind {
    One(ValueKind),
    /// Items of a few columns each, added and removed by the user.
    List {
        /// What one item is called: `chức danh`.
        item: String,
        columns: Vec<Column>,
    },
}

/// What `Tạo kỳ sau` does with a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carry {
    /// Cleared: figures of a period.
    No,
    /// Kept within the same year (the year's plan), cleared in a new year.
    WithinYear,
    /// Always kept.
    Always,
}

/// One figure of the report, typed once.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// `applications.received`: its place in the report JSON under
    /// `figures`, and (with `figures.` before it) its input's name.
    pub key: String,
    pub label: String,
    pub kind: FigureKind,
    /// An empty value is an error: every report quotes it.
    pub required: bool,
    pub min: Option<Decimal>,
    pub max: Option<Decimal>,
    pub carry: Carry,
}

impl Figure {
    /// `figures.applications.received`: the input's name and the JSON path.
    pub fn path(&self) -> String {
        format!("figures.{}", self.key)
    }

    /// The kind of its value; `None` for a list.
    pub fn value_kind(&self) -> Option<&ValueKind> {
        match &self.kind {
            FigureKind::One(kind) => Some(kind),
            FigureKind::List { .. } => None,
        }
    }

    /// The bounds its number must lie in: the template's, else the kind's.
    pub fn bounds(&self) -> (Option<Decimal>, Option<Decimal>) {
        let (min, max) = self
            .value_kind()
            .map(ValueKind::default_bounds)
            .unwrap_or_default();
        (self.min.or(min), self.max.or(max))
    }
}

/// A group of figures in the editor, with the ratios shown under it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FigureSection {
    pub title: String,
    /// Indexes into [`Template::figures`].
    pub figures: Vec<usize>,
    pub sections: Vec<FigureSection>,
    /// Indexes into [`Template::ratios`].
    pub ratios: Vec<usize>,
}

/// A ratio shown beside the figures while typing: `843/847 (99,52%)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Ratio {
    /// Stable name, the output's `data-derived` attribute.
    pub key: String,
    pub label: String,
    pub numerator: Expr,
    pub denominator: Expr,
}

/// A cross-field rule: where `when` holds (or always), `check` must; a
/// check that cannot be computed (a figure missing) is not applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub check: Expr,
    pub when: Option<Expr>,
    pub severity: Severity,
    /// The figures (indexes) the issue is shown at.
    pub at: Vec<usize>,
    pub message: Wording,
}

/// One item of a list in a sentence, printed when its condition holds.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    pub when: Option<Expr>,
    pub text: Wording,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ListItems {
    /// Written in the template.
    Fixed(Vec<ListItem>),
    /// One per item of a list figure (index), `item.title` naming its columns.
    Each { list: usize, item: ListItem },
}

/// A part of a line of a generated sentence.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Text(Wording),
    /// Printed when the condition holds, else `otherwise` (if any).
    When {
        condition: Expr,
        text: Wording,
        otherwise: Option<Wording>,
    },
    /// `a, b và c`: the items whose condition holds, joined; nothing at all
    /// (not even `before`) when none does.
    List {
        items: ListItems,
        before: String,
        after: String,
        separator: String,
        last_separator: String,
    },
}

/// A sentence the app writes from the figures, line by line; a line that
/// comes out empty is left out.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceDef {
    /// What a report's generated block names: `one_stop_results`.
    pub key: String,
    /// What the editor calls the block.
    pub title: String,
    pub lines: Vec<Vec<Part>>,
}

/// Where an appendix row's value comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum RowSource {
    /// A row that only groups the rows below it.
    Heading,
    /// Typed into the appendix.
    Entered(ValueKind),
    /// Computed from the figures (and other rows).
    Computed { value: Expr, unit: Option<Unit> },
}

/// One row of the appendix.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// `3.4.a`: the report's own numbering; a lettered last part marks an
    /// unnumbered sub-row of the printed appendix.
    pub code: String,
    pub label: String,
    pub unit: String,
    pub source: RowSource,
    /// The computed part of the note column, if any.
    pub note: Option<Wording>,
    /// Index into [`Template::groups`].
    pub group: usize,
}

impl Row {
    /// The printed row number: `3.4.` for a numbered row, empty for a
    /// lettered sub-row, which the printed appendix leaves unnumbered.
    pub fn printed_number(&self) -> String {
        if self.is_sub_row() {
            String::new()
        } else {
            format!("{}.", self.code)
        }
    }

    /// A lettered sub-row such as `1.1.a`.
    pub fn is_sub_row(&self) -> bool {
        self.code
            .rsplit('.')
            .next()
            .is_some_and(|last| last.chars().all(|c| c.is_ascii_lowercase()))
    }

    pub fn is_heading(&self) -> bool {
        self.source == RowSource::Heading
    }

    /// The kind of a typed row; `None` for headings and computed rows.
    pub fn entered_kind(&self) -> Option<&ValueKind> {
        match &self.source {
            RowSource::Entered(kind) => Some(kind),
            _ => None,
        }
    }

    /// The unit of its numbers, typed or computed.
    pub fn unit_of_value(&self) -> Option<Unit> {
        match &self.source {
            RowSource::Heading => None,
            RowSource::Entered(kind) => kind.unit(),
            RowSource::Computed { unit, .. } => *unit,
        }
    }
}

/// A group of appendix rows (`1. Công tác chỉ đạo điều hành CCHC`).
#[derive(Debug, Clone, PartialEq)]
pub struct AppendixGroup {
    pub code: String,
    pub label: String,
    /// Printed in the group row's note column: `Bộ phận Tư pháp tổng hợp`.
    pub note: String,
    /// Indexes into [`Template::rows`].
    pub rows: std::ops::Range<usize>,
}

/// A template, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub id: String,
    pub version: String,
    pub title: String,
    /// Who issued the form: `Sở Nội vụ tỉnh Quảng Ngãi`.
    pub issued_by: String,
    /// From when the form applies.
    pub applies_from: Option<Date>,
    pub numbers: NumberRules,
    /// Every figure, in the order of the report JSON.
    pub figures: Vec<Figure>,
    /// How the editor groups them.
    pub sections: Vec<FigureSection>,
    pub ratios: Vec<Ratio>,
    pub rules: Vec<Rule>,
    /// The narrative a new report starts with.
    pub outline: Narrative,
    pub sentences: Vec<SentenceDef>,
    pub groups: Vec<AppendixGroup>,
    pub rows: Vec<Row>,
    /// `Nơi nhận` of a new report.
    pub recipients: Recipients,
    pub sha256: String,
    /// The template as read (text in NFC): what files embed and storage keeps.
    pub source: Json,
}

impl Template {
    pub fn reference(&self) -> TemplateRef {
        TemplateRef {
            id: self.id.clone(),
            version: self.version.clone(),
            sha256: self.sha256.clone(),
        }
    }

    /// `Mẫu CCHC cấp xã (phiên bản 2025.1)`.
    pub fn display_name(&self) -> String {
        format!("{} (phiên bản {})", self.title, self.version)
    }

    pub fn figure(&self, key: &str) -> Option<&Figure> {
        self.figures.iter().find(|figure| figure.key == key)
    }

    pub fn row(&self, code: &str) -> Option<&Row> {
        self.rows.iter().find(|row| row.code == code)
    }

    pub fn sentence(&self, key: &str) -> Option<&SentenceDef> {
        self.sentences.iter().find(|sentence| sentence.key == key)
    }

    /// The rows of group `index`, in order.
    pub fn group_rows(&self, index: usize) -> &[Row] {
        &self.rows[self.groups[index].rows.clone()]
    }

    /// The template as it is stored and embedded: its JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.source).expect("a template always serialises")
    }
}

/// `2025.10` after `2025.9`: versions compared part by part, as numbers
/// where both parts are.
pub fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    let parts = |version: &str| -> Vec<String> { version.split('.').map(str::to_owned).collect() };
    let (a, b) = (parts(a), parts(b));
    for (x, y) in a.iter().zip(&b) {
        let order = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(x), Ok(y)) => x.cmp(&y),
            _ => x.cmp(y),
        };
        if order.is_ne() {
            return order;
        }
    }
    a.len().cmp(&b.len())
}

/// The templates a browser has, each once (by checksum), in the order a
/// list shows them: by id, the newest version of each first.
pub fn arrange(mut templates: Vec<Arc<Template>>) -> Vec<Arc<Template>> {
    let mut seen = std::collections::HashSet::new();
    templates.retain(|template| seen.insert(template.sha256.clone()));
    templates.sort_by(|a, b| {
        a.id.cmp(&b.id)
            .then_with(|| compare_versions(&b.version, &a.version))
            .then_with(|| a.title.cmp(&b.title))
    });
    templates
}

/// The template `wanted` names, among `templates`.
pub fn find(templates: &[Arc<Template>], wanted: &TemplateRef) -> Option<Arc<Template>> {
    templates
        .iter()
        .find(|template| template.sha256 == wanted.sha256)
        .cloned()
}

/// The templates the app carries, in `public/templates/`: the first is the
/// sample ward's, which every report written before templates existed
/// belongs to.
const BUILT_IN: [&str; 1] = [include_str!(
    "../../../../public/templates/cchc-xa-phuong-quang-ngai-2025.json"
)];

/// The built-in templates, read once.
pub fn built_in() -> &'static [Arc<Template>] {
    static TEMPLATES: OnceLock<Vec<Arc<Template>>> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        BUILT_IN
            .iter()
            .map(|json| Arc::new(read(json.as_bytes()).expect("a built-in template is valid")))
            .collect()
    })
}

/// The template of reports written before templates existed (format
/// versions 0 and 1): the sample ward's.
pub fn legacy() -> Arc<Template> {
    built_in()[0].clone()
}
