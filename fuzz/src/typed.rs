//! What the number and date targets share: the kinds of value and the
//! editor's input paths of the built-in template.

use std::sync::OnceLock;

use cchc_core::entry;
use cchc_core::template::{self, FigureKind, Template, ValueKind};

/// The built-in template (the sample ward's).
pub fn sample_template() -> &'static Template {
    &template::built_in()[0]
}

/// Every kind of value an input of the built-in template reads, each once
/// (its coded choices included), and a made-up choice.
pub fn kinds() -> &'static [ValueKind] {
    static KINDS: OnceLock<Vec<ValueKind>> = OnceLock::new();
    KINDS.get_or_init(|| {
        let template = sample_template();
        let mut kinds = vec![
            ValueKind::Count,
            ValueKind::Money,
            ValueKind::Percent,
            ValueKind::Text,
            ValueKind::Date,
        ];
        let figures = template
            .figures
            .iter()
            .flat_map(|figure| match &figure.kind {
                FigureKind::One(kind) => vec![kind],
                FigureKind::List { columns, .. } => columns.iter().map(|c| &c.kind).collect(),
            });
        let rows = template.rows.iter().filter_map(|row| row.entered_kind());
        for kind in figures.chain(rows) {
            if !kinds.contains(kind) {
                kinds.push(kind.clone());
            }
        }
        kinds
    })
}

/// The paths of the editor's inputs whose typed text [`entry::why_not`]
/// explains: the header's and period's, the first figure of each kind, a
/// column of a list figure, a typed appendix cell of each kind, and a path
/// the template does not have.
pub fn input_paths() -> &'static [String] {
    static PATHS: OnceLock<Vec<String>> = OnceLock::new();
    PATHS.get_or_init(|| {
        let template = sample_template();
        let mut paths: Vec<String> = ["header.date", "period.from", "period.to"]
            .into_iter()
            .chain(["header.number", "period.year", "figures.no.such.figure"])
            .chain(["appendix.9.9.value"])
            .map(str::to_owned)
            .collect();
        let mut seen: Vec<&ValueKind> = Vec::new();
        for figure in &template.figures {
            match &figure.kind {
                FigureKind::One(kind) if !seen.contains(&kind) => {
                    seen.push(kind);
                    paths.push(format!("figures.{}", figure.key));
                }
                FigureKind::List { columns, .. } => {
                    for column in columns {
                        paths.push(format!("figures.{}.0.{}", figure.key, column.key));
                    }
                }
                FigureKind::One(_) => {}
            }
        }
        let mut seen: Vec<&ValueKind> = Vec::new();
        for row in &template.rows {
            if let Some(kind) = row.entered_kind() {
                if !seen.contains(&kind) {
                    seen.push(kind);
                    paths.push(format!("appendix.{}.value", row.code));
                }
            }
        }
        debug_assert!(paths
            .iter()
            .any(|path| entry::kind_at(template, path).is_some()));
        paths
    })
}
