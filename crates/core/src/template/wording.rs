//! Vietnamese text with values in it, as a template writes its sentences,
//! notes and messages: `đã giải quyết {fraction(applications.resolved,
//! applications.received)} hồ sơ[ đạt {percent(applications.resolved,
//! applications.received)}]`.
//!
//! `{...}` holds an expression; a value not filled in prints as `…`, a
//! blank to complete, never as `0`. `[...]` is a part printed only when
//! every value directly inside it is there (a percentage without its
//! denominator is left out rather than invented); parts nest. A
//! `fraction(n, d)` is always there: a missing side prints as `…`. `\` before a
//! character prints it as it is (`\[`). How each value is written (leading
//! zero for small counts, `đồng`, the ratio rule) is decided here too.

use super::expr::{self, Expr, ExprError, Names, Ref, Scope, Unit, Value};
use crate::decimal::Decimal;
use crate::vi::{self, RatioRule};

/// What stands in the text for a value not filled in.
pub const BLANK: &str = "…";

/// How deeply `[...]` parts may nest.
const MAX_NESTING: usize = 8;

/// Where a value is written: running text writes small counts with a
/// leading zero (`01`, `03`) as offices do; messages write them plainly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Prose,
    Plain,
}

/// The template's number habits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberRules {
    pub ratio: RatioRule,
    /// Counts from 1 to 9 in running text as `01` ... `09`.
    pub small_counts_two_digits: bool,
}

impl Default for NumberRules {
    /// What a template that says nothing gets: ratios rounded half up to
    /// two decimals, as most provinces publish them; `01` for small counts.
    fn default() -> NumberRules {
        NumberRules {
            ratio: RatioRule {
                rounding: crate::vi::Rounding::HalfUp,
                decimals: 2,
                keep_trailing_zeros: false,
            },
            small_counts_two_digits: true,
        }
    }
}

impl NumberRules {
    /// A count, in `style`.
    fn count(&self, value: Decimal, style: Style) -> String {
        match value.as_whole().and_then(|whole| u64::try_from(whole).ok()) {
            Some(count) if style == Style::Prose && self.small_counts_two_digits => {
                vi::count_in_prose(count)
            }
            // Otherwise as any number: a whole one is `16.091.000`.
            _ => vi::format_decimal(value),
        }
    }

    /// `value` as written in `style`; `unit` says how to write it when it
    /// is missing (`… đồng`).
    pub fn show(&self, value: &Value, unit: Option<Unit>, style: Style) -> String {
        match value {
            Value::Missing => match unit {
                Some(Unit::Money) => format!("{BLANK} đồng"),
                _ => BLANK.to_owned(),
            },
            Value::Number(number, Unit::Count) => self.count(*number, style),
            Value::Number(number, Unit::Money) => vi::format_money(*number),
            Value::Number(number, Unit::Percent) => {
                format!("{}%", vi::format_ratio(*number, self.ratio))
            }
            Value::Number(number, Unit::Plain) => vi::format_decimal(*number),
            Value::Text(text) if text.trim().is_empty() => BLANK.to_owned(),
            Value::Text(text) => text.trim().to_owned(),
            Value::Date(date) => vi::format_date(*date),
            Value::Choice(_, label) => label.clone(),
            Value::Bool(true) => "có".to_owned(),
            Value::Bool(false) => "không".to_owned(),
            Value::Fraction(numerator, denominator) => {
                let side = |side: &Option<Decimal>| {
                    side.map_or_else(|| BLANK.to_owned(), |number| self.count(number, style))
                };
                format!("{}/{}", side(numerator), side(denominator))
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Literal(String),
    Value { expr: Expr, unit: Option<Unit> },
    Optional(Wording),
}

/// A text with values, read from a template.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Wording {
    segments: Vec<Segment>,
}

/// The index of the `}` closing the placeholder opened before `from`,
/// skipping quoted strings.
fn closing_brace(chars: &[char], from: usize) -> Option<usize> {
    let mut quote = None;
    for (index, &c) in chars.iter().enumerate().skip(from) {
        match quote {
            Some(open) if c == open => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '}' => return Some(index),
            None => {}
        }
    }
    None
}

impl Wording {
    /// Reads `source`. `unit_of` gives the unit of each reference, so that a
    /// missing amount of money prints `… đồng`.
    pub fn parse(
        source: &str,
        names: &dyn Names,
        unit_of: &dyn Fn(&Ref) -> Option<Unit>,
    ) -> Result<Wording, ExprError> {
        let chars: Vec<char> = source.chars().collect();
        let error = |at: usize, message: &str| ExprError {
            position: at + 1,
            message: message.to_owned(),
        };
        // The open parts, innermost last, each with where its `[` stands.
        let mut open: Vec<(Vec<Segment>, usize)> = vec![(Vec::new(), 0)];
        let mut literal = String::new();
        let flush = |literal: &mut String, segments: &mut Vec<Segment>| {
            if !literal.is_empty() {
                segments.push(Segment::Literal(std::mem::take(literal)));
            }
        };
        let mut at = 0;
        while let Some(&c) = chars.get(at) {
            let segments = &mut open.last_mut().expect("the outermost part").0;
            match c {
                '\\' => {
                    let escaped = chars
                        .get(at + 1)
                        .ok_or_else(|| error(at, "dấu \\ ở cuối câu không đứng trước ký tự nào"))?;
                    literal.push(*escaped);
                    at += 2;
                    continue;
                }
                '{' => {
                    flush(&mut literal, segments);
                    let close = closing_brace(&chars, at + 1)
                        .ok_or_else(|| error(at, "thiếu dấu } đóng chỗ điền giá trị"))?;
                    let inner: String = chars[at + 1..close].iter().collect();
                    let expr = expr::parse(&inner, at + 1, names)?;
                    let unit = expr.unit(unit_of);
                    segments.push(Segment::Value { expr, unit });
                    at = close;
                }
                '}' => return Err(error(at, "dấu } thừa (viết \\} để in dấu })")),
                '[' => {
                    flush(&mut literal, segments);
                    if open.len() > MAX_NESTING {
                        return Err(error(at, "các phần [ ] lồng nhau quá sâu"));
                    }
                    open.push((Vec::new(), at));
                }
                ']' => {
                    flush(&mut literal, segments);
                    if open.len() == 1 {
                        return Err(error(
                            at,
                            "dấu ] không có dấu [ mở tương ứng (viết \\] để in dấu ])",
                        ));
                    }
                    let (inner, _) = open.pop().expect("an open part");
                    let parent = &mut open.last_mut().expect("the outermost part").0;
                    parent.push(Segment::Optional(Wording { segments: inner }));
                }
                c => literal.push(c),
            }
            at += 1;
        }
        let (segments, opened_at) = open.pop().expect("the outermost part");
        if !open.is_empty() {
            return Err(error(opened_at, "thiếu dấu ] đóng phần không bắt buộc"));
        }
        let mut wording = Wording { segments };
        flush(&mut literal, &mut wording.segments);
        Ok(wording)
    }

    /// The text, every value written by `rules` in `style`.
    pub fn render(&self, scope: &dyn Scope, rules: &NumberRules, style: Style) -> String {
        let mut out = String::new();
        self.render_into(scope, rules, style, &mut out);
        out
    }

    /// Appends the text to `out`; returns whether every value directly in
    /// it was there.
    fn render_into(
        &self,
        scope: &dyn Scope,
        rules: &NumberRules,
        style: Style,
        out: &mut String,
    ) -> bool {
        let mut complete = true;
        for segment in &self.segments {
            match segment {
                Segment::Literal(text) => out.push_str(text),
                Segment::Value { expr, unit } => {
                    let value = expr.eval(scope);
                    complete &= !value.is_missing();
                    out.push_str(&rules.show(&value, *unit, style));
                }
                Segment::Optional(inner) => {
                    let mut part = String::new();
                    if inner.render_into(scope, rules, style, &mut part) {
                        out.push_str(&part);
                    }
                }
            }
        }
        complete
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::expr::Context;
    use crate::vi::Rounding;

    /// `a` = 843, `b` = 847, `m` = money missing, `c` missing, `t` = text.
    struct Test;

    impl Names for Test {
        fn resolve(&self, name: &str) -> Result<Ref, String> {
            match name {
                "a" => Ok(Ref::Figure(0)),
                "b" => Ok(Ref::Figure(1)),
                "m" => Ok(Ref::Figure(2)),
                "c" => Ok(Ref::Figure(3)),
                "t" => Ok(Ref::Figure(4)),
                "n" => Ok(Ref::Figure(5)),
                _ => Err(format!("không có số liệu «{name}»")),
            }
        }
    }

    impl Scope for Test {
        fn figure(&self, id: usize) -> Value {
            let count = |n| Value::Number(Decimal::from_whole(n).unwrap(), Unit::Count);
            match id {
                0 => count(843),
                1 => count(847),
                4 => Value::Text("02/KH-UBND".into()),
                5 => count(3),
                _ => Value::Missing,
            }
        }
        fn column(&self, _: usize, _: usize) -> Vec<Value> {
            Vec::new()
        }
        fn item(&self, _: usize) -> Value {
            Value::Missing
        }
        fn context(&self, _: Context) -> Value {
            Value::Missing
        }
        fn row(&self, _: usize) -> Value {
            Value::Missing
        }
        fn ratio_rule(&self) -> RatioRule {
            RatioRule::TRUNCATE_2
        }
    }

    fn unit_of(reference: &Ref) -> Option<Unit> {
        match reference {
            Ref::Figure(2) => Some(Unit::Money),
            Ref::Figure(4) => None,
            _ => Some(Unit::Count),
        }
    }

    fn render(source: &str, style: Style) -> String {
        let truncate = NumberRules {
            ratio: RatioRule::TRUNCATE_2,
            ..NumberRules::default()
        };
        Wording::parse(source, &Test, &unit_of)
            .unwrap()
            .render(&Test, &truncate, style)
    }

    fn error(source: &str) -> ExprError {
        Wording::parse(source, &Test, &unit_of).unwrap_err()
    }

    #[test]
    fn values_and_optional_parts() {
        let prose = |source| render(source, Style::Prose);
        assert_eq!(
            prose("là {fraction(a, b)} hồ sơ[ đạt {percent(a, b)}]."),
            "là 843/847 hồ sơ đạt 99,52%."
        );
        assert_eq!(
            prose("là {fraction(a, c)} hồ sơ[ đạt {percent(a, c)}]."),
            "là 843/… hồ sơ."
        );
        assert_eq!(prose("{c} hồ sơ, {m}"), "… hồ sơ, … đồng");
        assert_eq!(
            prose("Kế hoạch[ số {t}[ ngày {c}]] của"),
            "Kế hoạch số 02/KH-UBND của"
        );
        assert_eq!(prose("Kế hoạch[ số {c}[ ngày {t}]] của"), "Kế hoạch của");
        assert_eq!(prose("còn {n} hồ sơ"), "còn 03 hồ sơ");
        assert_eq!(render("còn {n} hồ sơ", Style::Plain), "còn 3 hồ sơ");
        assert_eq!(prose("\\[{a}\\] \\{x\\}"), "[843] {x}");
        assert_eq!(prose("{'}'} và {a}"), "} và 843");
    }

    #[test]
    fn numbers_follow_the_rules() {
        let rules = NumberRules {
            ratio: RatioRule {
                rounding: Rounding::HalfUp,
                decimals: 1,
                keep_trailing_zeros: true,
            },
            small_counts_two_digits: false,
        };
        let wording = Wording::parse("{n}: {percent(a, b)}", &Test, &unit_of).unwrap();
        assert_eq!(wording.render(&Test, &rules, Style::Prose), "3: 99,5%");
        let whole = Value::Number(Decimal::from_whole(40).unwrap(), Unit::Percent);
        assert_eq!(rules.show(&whole, None, Style::Prose), "40,0%");
        let money = Value::Number(Decimal::from_whole(16_091_000).unwrap(), Unit::Money);
        assert_eq!(rules.show(&money, None, Style::Plain), "16.091.000 đồng");
    }

    #[test]
    fn mistakes_name_their_position() {
        assert_eq!(error("đạt {percent(a, b)").position, 5);
        assert_eq!(
            error("đạt {percent(a, b)").message,
            "thiếu dấu } đóng chỗ điền giá trị"
        );
        assert_eq!(error("đạt {percent(a, b}").position, 18);
        assert!(error("đạt {percent(a, b}")
            .message
            .starts_with("thiếu dấu «)»"));
        assert_eq!(error("a [b {a}").position, 3);
        assert_eq!(
            error("a [b {a}").message,
            "thiếu dấu ] đóng phần không bắt buộc"
        );
        assert_eq!(error("a ] b").position, 3);
        assert_eq!(error("x } y").position, 3);
        let unknown = error("là {recieved} hồ sơ");
        assert_eq!(unknown.position, 5);
        assert_eq!(unknown.message, "không có số liệu «recieved»");
        assert_eq!(error("ab {a +}").position, 8);
        assert_eq!(
            error(&"[".repeat(20)).message,
            "các phần [ ] lồng nhau quá sâu"
        );
    }
}
