//! The sentences of the narrative that quote figures, written from the
//! figures by the template's wording, so that the text and the appendix can
//! never disagree.
//!
//! A figure that is not filled in prints as `…`, a blank to complete, never
//! as `0`; a percentage whose denominator is missing or 0 is left out rather
//! than invented (the template marks such parts optional); a line that comes
//! out empty is left out.

use crate::facts::{holds, Facts};
use crate::template::{ListItems, Part, SentenceDef, Style, Template};

pub use crate::template::BLANK;

/// `a, b và c`, with the template's separators.
fn join(items: &[String], separator: &str, last_separator: &str) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{}{last_separator}{last}", rest.join(separator)),
    }
}

fn part(facts: &Facts, part: &Part) -> String {
    match part {
        Part::Text(wording) => facts.render(wording, Style::Prose),
        Part::When {
            condition,
            text,
            otherwise,
        } => {
            if holds(Some(condition), facts) {
                facts.render(text, Style::Prose)
            } else {
                otherwise
                    .as_ref()
                    .map(|otherwise| facts.render(otherwise, Style::Prose))
                    .unwrap_or_default()
            }
        }
        Part::List {
            items,
            before,
            after,
            separator,
            last_separator,
        } => {
            let texts: Vec<String> = match items {
                ListItems::Fixed(items) => items
                    .iter()
                    .filter(|item| holds(item.when.as_ref(), facts))
                    .map(|item| facts.render(&item.text, Style::Prose))
                    .collect(),
                ListItems::Each { list, item } => facts.each(*list, item),
            };
            if texts.is_empty() {
                String::new()
            } else {
                format!("{before}{}{after}", join(&texts, separator, last_separator))
            }
        }
    }
}

/// The lines the app writes for `sentence`, in order.
pub fn render(facts: &Facts, sentence: &SentenceDef) -> Vec<String> {
    sentence
        .lines
        .iter()
        .map(|parts| parts.iter().map(|p| part(facts, p)).collect::<String>())
        .filter(|line| !line.trim().is_empty())
        .collect()
}

/// The lines of the sentence `key`; none when the template has no such
/// sentence.
pub fn lines(facts: &Facts, key: &str) -> Vec<String> {
    facts
        .template
        .sentence(key)
        .map(|sentence| render(facts, sentence))
        .unwrap_or_default()
}

/// What a generated block is called in the editor.
pub fn title(template: &Template, key: &str) -> String {
    template.sentence(key).map_or_else(
        || format!("Câu tự động «{key}»"),
        |sentence| sentence.title.clone(),
    )
}
