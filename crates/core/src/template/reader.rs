//! Reading a template file: every mistake found at once, each named by its
//! place in the file (`appendix[2].rows[3].value`) and said in Vietnamese,
//! so that the province's staff who write templates by hand can fix them.
//! A template with any mistake is refused whole.

use std::collections::HashMap;

use serde_json::{Map, Value as Json};

use super::expr::{self, Context, ExprError, Names, Ref, Unit};
use super::wording::{NumberRules, Wording};
use super::{
    AppendixGroup, Carry, ChoiceOption, Column, Figure, FigureKind, FigureSection, ListItem,
    ListItems, Part, Ratio, Row, RowSource, Rule, SentenceDef, Template, ValueKind,
};
use crate::date::Date;
use crate::decimal::Decimal;
use crate::report::{Block, Narrative, NextTasks, Recipients, Section, TextBlock};
use crate::rules::Severity;
use crate::text::{nfc, Text};
use crate::vi::Rounding;

/// One mistake in a template file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// Where in the file: `appendix[2].rows[3].value`; empty for the file.
    pub place: String,
    pub message: String,
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.place.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.place, self.message)
        }
    }
}

/// The largest template file accepted.
const MAX_TEMPLATE_BYTES: usize = 2 * 1024 * 1024;

/// The most figures, and the most appendix rows, a template may have: many
/// times a real form's 60, few enough for any office PC.
const MAX_ITEMS: usize = 2000;

/// The longest chain of computed rows reading computed rows.
const MAX_CHAIN: usize = 16;

/// Names a report's figures may not take: what every report has.
const RESERVED: [&str; 5] = ["unit", "period", "item", "appendix", "figures"];

/// What a key means, said after it in a message about it.
fn gloss(key: &str) -> &'static str {
    match key {
        "id" => " (mã của mẫu)",
        "version" => " (phiên bản)",
        "title" => " (tên)",
        "label" => " (nhãn)",
        "key" => " (khóa)",
        "code" => " (mã)",
        "kind" => " (loại)",
        "message" => " (nội dung thông báo)",
        "check" => " (biểu thức kiểm tra)",
        "numerator" => " (tử số)",
        "denominator" => " (mẫu số)",
        "text" => " (nội dung)",
        "at" => " (số liệu báo lỗi)",
        "lines" => " (các dòng)",
        "rows" => " (các dòng)",
        "columns" => " (các cột)",
        "options" => " (các lựa chọn)",
        "item" => " (tên một mục)",
        _ => "",
    }
}

fn join(place: &str, key: &str) -> String {
    if place.is_empty() {
        key.to_owned()
    } else {
        format!("{place}.{key}")
    }
}

/// Up to 30 characters either side of `position` (from 1), to quote a
/// long text at its mistake.
fn excerpt(source: &str, position: usize) -> String {
    let chars: Vec<char> = source.chars().collect();
    if chars.len() <= 70 {
        return source.to_owned();
    }
    let at = position.saturating_sub(1).min(chars.len());
    let start = at.saturating_sub(30);
    let end = (at + 30).min(chars.len());
    let mut text: String = chars[start..end].iter().collect();
    if start > 0 {
        text.insert(0, '…');
    }
    if end < chars.len() {
        text.push('…');
    }
    text
}

/// A figure key or a sentence key: lower-case ASCII letters, digits and `_`
/// in parts joined by dots, starting with a letter (so an expression reads
/// it as a name), and not an operator (`and`, `or`, `not`).
fn is_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && !["and", "or", "not"].contains(&key)
        && key.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}

/// An appendix code: parts of digits or lower-case letters joined by dots.
fn is_code(code: &str) -> bool {
    !code.is_empty()
        && code.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// Every string of `value`, keys too, in NFC.
fn to_nfc(value: Json) -> Json {
    match value {
        Json::String(text) => Json::String(nfc(&text)),
        Json::Array(items) => Json::Array(items.into_iter().map(to_nfc).collect()),
        Json::Object(map) => {
            Json::Object(map.into_iter().map(|(k, v)| (nfc(&k), to_nfc(v))).collect())
        }
        other => other,
    }
}

/// The names an expression of the template may use.
struct Resolver<'a> {
    figures: &'a [Figure],
    rows: &'a [RowDraft],
    /// The columns of the list an `each` goes through, for `item.*`.
    item: Option<&'a [Column]>,
}

impl Names for Resolver<'_> {
    fn resolve(&self, name: &str) -> Result<Ref, String> {
        if let Some(context) = Context::named(name) {
            return Ok(Ref::Context(context));
        }
        if let Some(column) = name.strip_prefix("item.") {
            let columns = self.item.ok_or_else(|| {
                format!("«{name}» chỉ dùng được trong phần «each» (mỗi mục của một danh sách)")
            })?;
            return columns
                .iter()
                .position(|c| c.key == column)
                .map(Ref::Item)
                .ok_or_else(|| format!("danh sách không có cột «{column}»"));
        }
        if let Some(code) = name.strip_prefix("appendix.") {
            let row = self
                .rows
                .iter()
                .position(|row| row.code == code)
                .ok_or_else(|| format!("không có dòng phụ lục mã «{code}»"))?;
            if self.rows[row].heading {
                return Err(format!(
                    "dòng phụ lục «{code}» là dòng tiêu đề, không có số liệu"
                ));
            }
            return Ok(Ref::Row(row));
        }
        if let Some(prefix) = name.strip_suffix('*') {
            let ids: Vec<usize> = self
                .figures
                .iter()
                .enumerate()
                .filter(|(_, figure)| {
                    figure.key.starts_with(prefix) && figure.value_kind().is_some()
                })
                .map(|(id, _)| id)
                .collect();
            if ids.is_empty() || !prefix.ends_with('.') {
                return Err(format!("không có số liệu nào dưới «{name}»"));
            }
            return Ok(Ref::Figures(ids));
        }
        if let Some(id) = self.figures.iter().position(|figure| figure.key == name) {
            return match &self.figures[id].kind {
                FigureKind::One(_) => Ok(Ref::Figure(id)),
                FigureKind::List { columns, .. } => Err(format!(
                    "«{name}» là danh sách: dùng một cột của nó, ví dụ sum({name}.{})",
                    columns.first().map_or("cot", |c| c.key.as_str())
                )),
            };
        }
        if let Some((list, column)) = name.rsplit_once('.') {
            if let Some(list_id) = self.figures.iter().position(|figure| figure.key == list) {
                if let FigureKind::List { columns, .. } = &self.figures[list_id].kind {
                    let column = columns
                        .iter()
                        .position(|c| c.key == column)
                        .ok_or_else(|| format!("danh sách «{list}» không có cột «{column}»"))?;
                    return Ok(Ref::Column {
                        list: list_id,
                        column,
                    });
                }
            }
        }
        let hint = if name.starts_with("figures.") {
            " (khóa số liệu viết không có «figures.» ở đầu)"
        } else {
            ""
        };
        Err(format!("không có số liệu «{name}»{hint}"))
    }
}

impl Resolver<'_> {
    fn unit_of(&self, reference: &Ref) -> Option<Unit> {
        match reference {
            Ref::Figure(id) => self.figures[*id].value_kind().and_then(ValueKind::unit),
            Ref::Figures(ids) => ids
                .first()
                .and_then(|id| self.figures[*id].value_kind())
                .and_then(ValueKind::unit),
            Ref::Column { list, column } => match &self.figures[*list].kind {
                FigureKind::List { columns, .. } => columns[*column].kind.unit(),
                FigureKind::One(_) => None,
            },
            Ref::Item(column) => self.item.and_then(|columns| columns[*column].kind.unit()),
            Ref::Context(_) => None,
            Ref::Row(id) => self.rows[*id].unit,
        }
    }
}

/// An appendix row while the template is read: its expressions are read
/// once every row's code is known.
struct RowDraft {
    code: String,
    heading: bool,
    place: String,
    /// The kind of a typed row.
    kind: Option<ValueKind>,
    value: Option<(String, expr::Expr)>,
    /// The unit a computed row declares with `kind`.
    declared: Option<Unit>,
    unit: Option<Unit>,
}

struct Reader {
    errors: Vec<TemplateError>,
}

impl Reader {
    fn error(&mut self, place: &str, message: impl Into<String>) {
        self.errors.push(TemplateError {
            place: place.to_owned(),
            message: message.into(),
        });
    }

    /// `value` as an object with no key but `allowed`.
    fn object<'v>(
        &mut self,
        value: &'v Json,
        place: &str,
        allowed: &[&str],
    ) -> Option<&'v Map<String, Json>> {
        let Some(map) = value.as_object() else {
            self.error(place, "phải là một đối tượng { ... }");
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                self.error(
                    &join(place, key),
                    format!(
                        "khóa «{key}» không có trong mẫu báo cáo (viết sai tên?); dùng được: {}",
                        allowed.join(", ")
                    ),
                );
            }
        }
        Some(map)
    }

    /// A text that must be there and not blank.
    fn text(&mut self, map: &Map<String, Json>, key: &str, place: &str) -> Option<String> {
        match map.get(key) {
            None | Some(Json::Null) => {
                self.error(place, format!("thiếu «{key}»{}", gloss(key)));
                None
            }
            Some(Json::String(text)) if text.trim().is_empty() => {
                self.error(
                    &join(place, key),
                    format!("«{key}»{} đang để trống", gloss(key)),
                );
                None
            }
            Some(Json::String(text)) => Some(text.trim().to_owned()),
            Some(_) => {
                self.error(&join(place, key), "phải là một chuỗi chữ \"...\"");
                None
            }
        }
    }

    /// A text that may be left out (empty then).
    fn optional_text(&mut self, map: &Map<String, Json>, key: &str, place: &str) -> String {
        match map.get(key) {
            None | Some(Json::Null) => String::new(),
            Some(Json::String(text)) => text.trim().to_owned(),
            Some(_) => {
                self.error(&join(place, key), "phải là một chuỗi chữ \"...\"");
                String::new()
            }
        }
    }

    /// The items of an array; a missing array is empty unless `required`.
    fn array<'v>(
        &mut self,
        map: &'v Map<String, Json>,
        key: &str,
        place: &str,
        required: bool,
    ) -> &'v [Json] {
        match map.get(key) {
            None | Some(Json::Null) if required => {
                self.error(place, format!("thiếu «{key}»{}", gloss(key)));
                &[]
            }
            None | Some(Json::Null) => &[],
            Some(Json::Array(items)) => {
                if required && items.is_empty() {
                    self.error(
                        &join(place, key),
                        format!("«{key}»{} không có mục nào", gloss(key)),
                    );
                }
                items
            }
            Some(_) => {
                self.error(&join(place, key), "phải là một danh sách [ ... ]");
                &[]
            }
        }
    }

    /// The objects of the array under `key`, each with its place; what is
    /// not an object, or has a key not in `allowed`, is reported.
    fn objects<'v>(
        &mut self,
        map: &'v Map<String, Json>,
        key: &str,
        place: &str,
        required: bool,
        allowed: &[&str],
    ) -> Vec<(String, &'v Map<String, Json>)> {
        let items = self.array(map, key, place, required);
        items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| {
                let place = format!("{}[{index}]", join(place, key));
                self.object(item, &place, allowed)
                    .map(|object| (place, object))
            })
            .collect()
    }

    fn flag(&mut self, map: &Map<String, Json>, key: &str, place: &str) -> bool {
        match map.get(key) {
            None | Some(Json::Null) => false,
            Some(Json::Bool(value)) => *value,
            Some(_) => {
                self.error(&join(place, key), "phải là true hoặc false");
                false
            }
        }
    }

    fn number(&mut self, map: &Map<String, Json>, key: &str, place: &str) -> Option<Decimal> {
        let value = map.get(key).filter(|value| !value.is_null())?;
        match serde_json::from_value::<Decimal>(value.clone()) {
            Ok(number) => Some(number),
            Err(_) => {
                self.error(
                    &join(place, key),
                    "phải là một số (tối đa 2 chữ số thập phân)",
                );
                None
            }
        }
    }

    /// One of `choices` (by name), or `default` when left out.
    fn choice<T: Copy>(
        &mut self,
        map: &Map<String, Json>,
        key: &str,
        place: &str,
        choices: &[(&str, T)],
        default: T,
    ) -> T {
        let Some(value) = map.get(key).filter(|value| !value.is_null()) else {
            return default;
        };
        let found = value
            .as_str()
            .and_then(|name| choices.iter().find(|(known, _)| *known == name));
        match found {
            Some((_, choice)) => *choice,
            None => {
                let names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
                self.error(
                    &join(place, key),
                    format!("phải là một trong: {}", names.join(", ")),
                );
                default
            }
        }
    }

    fn expression(&mut self, source: &str, place: &str, names: &Resolver) -> Option<expr::Expr> {
        match expr::parse(source, 0, names) {
            Ok(expr) => Some(expr),
            Err(error) => {
                self.expression_error(source, place, &error);
                None
            }
        }
    }

    fn expression_error(&mut self, source: &str, place: &str, error: &ExprError) {
        self.error(
            place,
            format!(
                "«{}» sai ở ký tự {}: {}",
                excerpt(source, error.position),
                error.position,
                error.message
            ),
        );
    }

    /// An expression under `key` of `map`.
    fn expression_at(
        &mut self,
        map: &Map<String, Json>,
        key: &str,
        place: &str,
        names: &Resolver,
    ) -> Option<expr::Expr> {
        let source = self.text(map, key, place)?;
        self.expression(&source, &join(place, key), names)
    }

    fn wording(&mut self, source: &str, place: &str, names: &Resolver) -> Option<Wording> {
        match Wording::parse(source, names, &|reference| names.unit_of(reference)) {
            Ok(wording) => Some(wording),
            Err(error) => {
                self.expression_error(source, place, &error);
                None
            }
        }
    }

    fn wording_at(
        &mut self,
        map: &Map<String, Json>,
        key: &str,
        place: &str,
        names: &Resolver,
    ) -> Option<Wording> {
        let source = self.text(map, key, place)?;
        self.wording(&source, &join(place, key), names)
    }

    fn numbers(&mut self, value: Option<&Json>) -> NumberRules {
        let mut rules = NumberRules::default();
        let Some(value) = value else {
            return rules;
        };
        let Some(map) = self.object(value, "numbers", &["ratio", "small_counts"]) else {
            return rules;
        };
        rules.small_counts_two_digits = self.choice(
            map,
            "small_counts",
            "numbers",
            &[("two_digits", true), ("plain", false)],
            true,
        );
        if let Some(ratio) = map.get("ratio") {
            let place = "numbers.ratio";
            if let Some(ratio) =
                self.object(ratio, place, &["rounding", "decimals", "trailing_zeros"])
            {
                rules.ratio.rounding = self.choice(
                    ratio,
                    "rounding",
                    place,
                    &[
                        ("truncate", Rounding::Truncate),
                        ("half_up", Rounding::HalfUp),
                    ],
                    Rounding::HalfUp,
                );
                if let Some(decimals) = ratio.get("decimals") {
                    match decimals.as_u64() {
                        Some(decimals @ 0..=2) => rules.ratio.decimals = decimals as u8,
                        _ => self.error(
                            &join(place, "decimals"),
                            "số chữ số thập phân phải là 0, 1 hoặc 2",
                        ),
                    }
                }
                rules.ratio.keep_trailing_zeros = self.choice(
                    ratio,
                    "trailing_zeros",
                    place,
                    &[("drop", false), ("keep", true)],
                    false,
                );
            }
        }
        rules
    }

    fn options(&mut self, map: &Map<String, Json>, place: &str) -> Vec<ChoiceOption> {
        let mut options: Vec<ChoiceOption> = Vec::new();
        for (place, option) in self.objects(
            map,
            "options",
            place,
            true,
            &["code", "label", "description"],
        ) {
            let code = match option.get("code") {
                None | Some(Json::Null) => {
                    self.error(&place, "thiếu «code» (mã), một số nguyên từ 0 đến 999");
                    None
                }
                Some(code) => match code.as_i64() {
                    Some(code) if (0..=999).contains(&code) => Some(code),
                    _ => {
                        self.error(
                            &join(&place, "code"),
                            "mã lựa chọn phải là số nguyên từ 0 đến 999",
                        );
                        None
                    }
                },
            };
            let label = self.text(option, "label", &place);
            let description = self.optional_text(option, "description", &place);
            if let (Some(code), Some(label)) = (code, label) {
                if options.iter().any(|known| known.code == code) {
                    self.error(
                        &place,
                        format!("mã lựa chọn {code} trùng với một lựa chọn trước"),
                    );
                }
                options.push(ChoiceOption {
                    code,
                    label,
                    description,
                });
            }
        }
        options
    }

    /// The kind named under `kind` of `map`; `list` only where allowed.
    fn value_kind(
        &mut self,
        map: &Map<String, Json>,
        place: &str,
        name: &str,
    ) -> Option<ValueKind> {
        Some(match name {
            "count" => ValueKind::Count,
            "money" => ValueKind::Money,
            "percent" => ValueKind::Percent,
            "text" => ValueKind::Text,
            "date" => ValueKind::Date,
            "choice" => ValueKind::Choice(self.options(map, place)),
            _ => return None,
        })
    }

    fn kind_error(&mut self, place: &str, name: &str, allowed: &str) {
        self.error(
            &join(place, "kind"),
            format!("loại «{name}» không có; dùng một trong: {allowed}"),
        );
    }

    fn figure(&mut self, value: &Json, place: &str, figures: &mut Vec<(Figure, String)>) {
        let Some(map) = self.object(
            value,
            place,
            &[
                "key", "label", "kind", "required", "min", "max", "options", "columns", "item",
                "carry",
            ],
        ) else {
            return;
        };
        let key = self.text(map, "key", place);
        let label = self.text(map, "label", place);
        let kind_name = self.text(map, "kind", place);
        for (extra, kinds) in [("options", "choice"), ("columns", "list"), ("item", "list")] {
            if map.contains_key(extra) && kind_name.as_deref().is_some_and(|kind| kind != kinds) {
                self.error(
                    &join(place, extra),
                    format!("«{extra}» chỉ dùng cho số liệu loại «{kinds}»"),
                );
            }
        }
        if let Some(key) = &key {
            if let Some(bare) = key.strip_prefix("figures.") {
                self.error(
                    &join(place, "key"),
                    format!("khóa viết không có «figures.» ở đầu: «{bare}»"),
                );
            } else if !is_key(key) {
                self.error(
                    &join(place, "key"),
                    format!("khóa «{key}» chỉ gồm chữ thường không dấu, chữ số, dấu _ và dấu chấm"),
                );
            } else if RESERVED.contains(&key.split('.').next().unwrap_or_default()) {
                self.error(
                    &join(place, "key"),
                    format!(
                        "khóa «{key}» không được bắt đầu bằng {}",
                        RESERVED.join(", ")
                    ),
                );
            }
        }
        let kind = match kind_name.as_deref() {
            None => None,
            Some("list") => {
                let item = self.text(map, "item", place).unwrap_or_default();
                let mut columns: Vec<Column> = Vec::new();
                let allowed = ["key", "label", "kind", "options"];
                for (place, column) in self.objects(map, "columns", place, true, &allowed) {
                    let key = self.text(column, "key", &place);
                    let label = self.text(column, "label", &place);
                    let kind_name = self.text(column, "kind", &place).unwrap_or_default();
                    let kind = self.value_kind(column, &place, &kind_name);
                    if kind.is_none() && !kind_name.is_empty() {
                        self.kind_error(
                            &place,
                            &kind_name,
                            "count, money, percent, text, date, choice",
                        );
                    }
                    if let Some(key) = &key {
                        if !is_key(key) || key.contains('.') {
                            self.error(&join(&place, "key"), format!("khóa cột «{key}» chỉ gồm chữ thường không dấu, chữ số và dấu _"));
                        } else if columns.iter().any(|c| &c.key == key) {
                            self.error(
                                &join(&place, "key"),
                                format!("cột «{key}» trùng với một cột trước"),
                            );
                        }
                    }
                    if let (Some(key), Some(label), Some(kind)) = (key, label, kind) {
                        columns.push(Column { key, label, kind });
                    }
                }
                Some(FigureKind::List { item, columns })
            }
            Some(name) => match self.value_kind(map, place, name) {
                Some(kind) => Some(FigureKind::One(kind)),
                None => {
                    self.kind_error(
                        place,
                        name,
                        "count, money, percent, text, date, choice, list",
                    );
                    None
                }
            },
        };
        let min = self.number(map, "min", place);
        let max = self.number(map, "max", place);
        let numeric = matches!(&kind, Some(FigureKind::One(kind)) if kind.unit().is_some());
        if (min.is_some() || max.is_some()) && !numeric && kind.is_some() {
            self.error(
                place,
                "chỉ số liệu dạng số (count, money, percent) mới có min, max",
            );
        }
        let carry = self.choice(
            map,
            "carry",
            place,
            &[
                ("no", Carry::No),
                ("year", Carry::WithinYear),
                ("always", Carry::Always),
            ],
            Carry::No,
        );
        let required = self.flag(map, "required", place);
        // A figure with a mistake is still known by its key, so that what
        // refers to it is not reported as well.
        let label = label.unwrap_or_default();
        let kind = kind.unwrap_or(FigureKind::One(ValueKind::Count));
        if let Some(key) = key {
            figures.push((
                Figure {
                    key,
                    label,
                    kind,
                    required,
                    min,
                    max,
                    carry,
                },
                place.to_owned(),
            ));
        }
    }

    /// A group of figures, its figures added to `figures` in order.
    fn section(
        &mut self,
        value: &Json,
        place: &str,
        figures: &mut Vec<(Figure, String)>,
        ratios: &mut Vec<(Json, String)>,
    ) -> FigureSection {
        let mut section = FigureSection::default();
        let Some(map) = self.object(value, place, &["title", "figures", "groups", "ratios"]) else {
            return section;
        };
        section.title = self.text(map, "title", place).unwrap_or_default();
        for (index, figure) in self.array(map, "figures", place, false).iter().enumerate() {
            let before = figures.len();
            self.figure(figure, &format!("{place}.figures[{index}]"), figures);
            section.figures.extend(before..figures.len());
        }
        for (index, group) in self.array(map, "groups", place, false).iter().enumerate() {
            let inner = self.section(group, &format!("{place}.groups[{index}]"), figures, ratios);
            section.sections.push(inner);
        }
        for (index, ratio) in self.array(map, "ratios", place, false).iter().enumerate() {
            section.ratios.push(ratios.len());
            ratios.push((ratio.clone(), format!("{place}.ratios[{index}]")));
        }
        section
    }

    /// Two figures whose keys nest (`plan` and `plan.total`) cannot both be
    /// values in the report JSON; nor can two figures share a key.
    fn check_keys(&mut self, figures: &[(Figure, String)]) {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (figure, place) in figures {
            if let Some(first) = seen.insert(&figure.key, place) {
                self.error(place, format!("khóa «{}» trùng với {first}", figure.key));
            }
        }
        for (figure, place) in figures {
            for (other, _) in figures {
                if other.key.starts_with(&format!("{}.", figure.key)) {
                    self.error(
                        place,
                        format!(
                            "«{}» vừa là một số liệu vừa là nhóm của «{}»",
                            figure.key, other.key
                        ),
                    );
                }
            }
        }
    }

    fn ratio(&mut self, value: &Json, place: &str, names: &Resolver) -> Option<Ratio> {
        let map = self.object(value, place, &["key", "label", "numerator", "denominator"])?;
        let key = self.text(map, "key", place);
        if let Some(key) = &key {
            if !is_key(key) {
                self.error(&join(place, "key"), format!("khóa tỷ lệ «{key}» chỉ gồm chữ thường không dấu, chữ số, dấu _ và dấu chấm"));
            }
        }
        let label = self.text(map, "label", place);
        let numerator = self.expression_at(map, "numerator", place, names);
        let denominator = self.expression_at(map, "denominator", place, names);
        Some(Ratio {
            key: key?,
            label: label?,
            numerator: numerator?,
            denominator: denominator?,
        })
    }

    fn rule(&mut self, value: &Json, place: &str, names: &Resolver) -> Option<Rule> {
        let map = self.object(
            value,
            place,
            &["check", "when", "severity", "at", "message"],
        )?;
        let check = self.expression_at(map, "check", place, names);
        let when = map
            .contains_key("when")
            .then(|| self.expression_at(map, "when", place, names));
        let severity = self.choice(
            map,
            "severity",
            place,
            &[("error", Severity::Error), ("warning", Severity::Warning)],
            Severity::Warning,
        );
        let at_place = join(place, "at");
        let keys: Vec<&str> = match map.get("at") {
            Some(Json::String(key)) => vec![key.as_str()],
            Some(Json::Array(keys)) if !keys.is_empty() && keys.iter().all(Json::is_string) => {
                keys.iter().filter_map(Json::as_str).collect()
            }
            _ => {
                self.error(
                    place,
                    "thiếu «at» (số liệu báo lỗi): khóa của số liệu, hoặc danh sách các khóa",
                );
                Vec::new()
            }
        };
        let mut at = Vec::new();
        for key in keys {
            match names.figures.iter().position(|figure| figure.key == key) {
                Some(id) => at.push(id),
                None => self.error(&at_place, format!("không có số liệu «{key}»")),
            }
        }
        let message = self.wording_at(map, "message", place, names);
        let when = match when {
            Some(when) => Some(when?),
            None => None,
        };
        Some(Rule {
            check: check?,
            when,
            severity,
            at,
            message: message?,
        })
    }

    fn list_item(&mut self, value: &Json, place: &str, names: &Resolver) -> Option<ListItem> {
        if let Json::String(text) = value {
            return Some(ListItem {
                when: None,
                text: self.wording(text, place, names)?,
            });
        }
        let map = self.object(value, place, &["when", "text"])?;
        let when = map
            .contains_key("when")
            .then(|| self.expression_at(map, "when", place, names));
        let text = self.wording_at(map, "text", place, names);
        let when = match when {
            Some(when) => Some(when?),
            None => None,
        };
        Some(ListItem { when, text: text? })
    }

    fn part(&mut self, value: &Json, place: &str, names: &Resolver) -> Option<Part> {
        if let Json::String(text) = value {
            return Some(Part::Text(self.wording(text, place, names)?));
        }
        let map = self.object(
            value,
            place,
            &[
                "when",
                "text",
                "else",
                "items",
                "each",
                "before",
                "after",
                "separator",
                "last_separator",
            ],
        )?;
        let separators = |reader: &mut Reader| {
            let separator = match map.get("separator") {
                Some(_) => reader.optional_text_raw(map, "separator", place),
                None => ", ".to_owned(),
            };
            let last_separator = match map.get("last_separator") {
                Some(_) => reader.optional_text_raw(map, "last_separator", place),
                None => " và ".to_owned(),
            };
            (
                reader.optional_text_raw(map, "before", place),
                reader.optional_text_raw(map, "after", place),
                separator,
                last_separator,
            )
        };
        let shape = if map.contains_key("each") {
            ("each", ["text", "when", "each"].as_slice())
        } else if map.contains_key("items") {
            ("items", ["items"].as_slice())
        } else {
            ("when", ["when", "text", "else"].as_slice())
        };
        let list_keys = ["before", "after", "separator", "last_separator"];
        for key in map.keys() {
            let fits = shape.1.contains(&key.as_str())
                || (shape.0 != "when" && list_keys.contains(&key.as_str()));
            if !fits {
                self.error(
                    &join(place, key),
                    format!("«{key}» không dùng được trong phần có «{}»", shape.0),
                );
            }
        }
        if let Some(each) = map.get("each") {
            let Some(key) = each.as_str() else {
                self.error(
                    &join(place, "each"),
                    "phải là khóa của một số liệu dạng danh sách",
                );
                return None;
            };
            let list = names.figures.iter().position(|figure| figure.key == key);
            let Some((list, FigureKind::List { columns, .. })) =
                list.map(|id| (id, &names.figures[id].kind))
            else {
                self.error(
                    &join(place, "each"),
                    format!("không có số liệu dạng danh sách «{key}»"),
                );
                return None;
            };
            let item_names = Resolver {
                item: Some(columns),
                ..*names
            };
            let item = self.list_item(
                &Json::Object(
                    map.iter()
                        .filter(|(k, _)| *k == "when" || *k == "text")
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                ),
                place,
                &item_names,
            )?;
            let (before, after, separator, last_separator) = separators(self);
            return Some(Part::List {
                items: ListItems::Each { list, item },
                before,
                after,
                separator,
                last_separator,
            });
        }
        if map.contains_key("items") {
            let items: Vec<Option<ListItem>> = self
                .array(map, "items", place, true)
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    self.list_item(item, &format!("{place}.items[{index}]"), names)
                })
                .collect();
            let (before, after, separator, last_separator) = separators(self);
            return Some(Part::List {
                items: ListItems::Fixed(items.into_iter().collect::<Option<_>>()?),
                before,
                after,
                separator,
                last_separator,
            });
        }
        let condition = self.expression_at(map, "when", place, names);
        let text = self.wording_at(map, "text", place, names);
        let otherwise = match map.get("else") {
            Some(_) => Some(self.wording_at(map, "else", place, names)?),
            None => None,
        };
        Some(Part::When {
            condition: condition?,
            text: text?,
            otherwise,
        })
    }

    /// A text kept exactly as written (separators keep their spaces).
    fn optional_text_raw(&mut self, map: &Map<String, Json>, key: &str, place: &str) -> String {
        match map.get(key) {
            None | Some(Json::Null) => String::new(),
            Some(Json::String(text)) => text.clone(),
            Some(_) => {
                self.error(&join(place, key), "phải là một chuỗi chữ \"...\"");
                String::new()
            }
        }
    }

    fn sentence(&mut self, value: &Json, place: &str, names: &Resolver) -> Option<SentenceDef> {
        let map = self.object(value, place, &["key", "title", "lines"])?;
        let key = self.text(map, "key", place);
        if let Some(key) = &key {
            if !is_key(key) || key.contains('.') {
                self.error(
                    &join(place, "key"),
                    format!("khóa câu «{key}» chỉ gồm chữ thường không dấu, chữ số và dấu _"),
                );
            }
        }
        let title = self.text(map, "title", place);
        let mut lines = Vec::new();
        for (index, line) in self.array(map, "lines", place, true).iter().enumerate() {
            let place = format!("{place}.lines[{index}]");
            let parts: Vec<Option<Part>> = match line {
                Json::Array(parts) => parts
                    .iter()
                    .enumerate()
                    .map(|(index, part)| self.part(part, &format!("{place}[{index}]"), names))
                    .collect(),
                other => vec![self.part(other, &place, names)],
            };
            if let Some(parts) = parts.into_iter().collect::<Option<Vec<Part>>>() {
                lines.push(parts);
            }
        }
        // A sentence with a mistake is still known by its key, so that the
        // outline placing it is not reported as well.
        Some(SentenceDef {
            key: key?,
            title: title.unwrap_or_default(),
            lines,
        })
    }

    fn blocks(
        &mut self,
        map: &Map<String, Json>,
        key: &str,
        place: &str,
        sentences: &[SentenceDef],
    ) -> Vec<Block> {
        let mut blocks = Vec::new();
        for (place, block) in self.objects(map, key, place, false, &["sentence", "text", "bullet"])
        {
            if block.contains_key("sentence")
                && (block.contains_key("text") || block.contains_key("bullet"))
            {
                self.error(&place, "một khối là câu tự động («sentence») hoặc đoạn văn («text»), không phải cả hai");
            }
            if let Some(sentence) = block.get("sentence") {
                match sentence.as_str() {
                    Some(key) if sentences.iter().any(|s| s.key == key) => {
                        blocks.push(Block::Generated {
                            sentence: key.to_owned(),
                        })
                    }
                    _ => self.error(
                        &join(&place, "sentence"),
                        format!(
                            "không có câu tự động «{}» trong «sentences»",
                            sentence.as_str().unwrap_or("?")
                        ),
                    ),
                }
            } else {
                let text = self.optional_text(block, "text", &place);
                let bullet = self.flag(block, "bullet", &place);
                blocks.push(Block::Text(TextBlock {
                    text: Text::new(&text),
                    bullet,
                    footnote: Text::default(),
                }));
            }
        }
        blocks
    }

    fn outline_sections(
        &mut self,
        map: &Map<String, Json>,
        key: &str,
        place: &str,
        sentences: &[SentenceDef],
    ) -> Vec<Section> {
        let mut sections = Vec::new();
        for (place, section) in
            self.objects(map, key, place, false, &["title", "blocks", "sections"])
        {
            let title = self.text(section, "title", &place).unwrap_or_default();
            sections.push(Section {
                title: Text::new(&title),
                blocks: self.blocks(section, "blocks", &place, sentences),
                subsections: self.outline_sections(section, "sections", &place, sentences),
            });
        }
        sections
    }

    fn outline(&mut self, value: Option<&Json>, sentences: &[SentenceDef]) -> Narrative {
        let place = "outline";
        let Some(value) = value else {
            self.error("", "thiếu «outline» (dàn ý phần nội dung)");
            return Narrative::default();
        };
        let Some(map) = self.object(
            value,
            place,
            &["preamble", "parts", "next_tasks", "closing"],
        ) else {
            return Narrative::default();
        };
        let next_tasks = self.optional_text(map, "next_tasks", place);
        Narrative {
            preamble: self.blocks(map, "preamble", place, sentences),
            parts: self.outline_sections(map, "parts", place, sentences),
            next_tasks: NextTasks {
                title: Text::new(&next_tasks),
                items: Vec::new(),
            },
            closing: self.blocks(map, "closing", place, sentences),
        }
    }

    fn recipients(&mut self, value: Option<&Json>) -> Recipients {
        let mut recipients = Recipients {
            lines: Vec::new(),
            archive: Text::new("VT"),
        };
        let Some(map) =
            value.and_then(|value| self.object(value, "recipients", &["lines", "archive"]))
        else {
            return recipients;
        };
        for (index, line) in self
            .array(map, "lines", "recipients", false)
            .iter()
            .enumerate()
        {
            match line.as_str() {
                Some(line) => recipients.lines.push(Text::new(line)),
                None => self.error(
                    &format!("recipients.lines[{index}]"),
                    "phải là một chuỗi chữ \"...\"",
                ),
            }
        }
        if map.contains_key("archive") {
            recipients.archive = Text::new(&self.optional_text(map, "archive", "recipients"));
        }
        recipients
    }

    /// The appendix rows, their codes and kinds; expressions come later.
    fn appendix(
        &mut self,
        items: &[Json],
    ) -> (Vec<AppendixGroup>, Vec<RowDraft>, Vec<(String, Json)>) {
        let mut groups = Vec::new();
        let mut rows: Vec<RowDraft> = Vec::new();
        let mut raw_rows = Vec::new();
        let mut codes: HashMap<String, String> = HashMap::new();
        let mut claim = |reader: &mut Reader, code: &str, place: &str| {
            if !is_code(code) {
                reader.error(
                    &join(place, "code"),
                    format!("mã «{code}» chỉ gồm chữ số, chữ thường không dấu và dấu chấm (ví dụ 3.4.a)"),
                );
            } else if let Some(first) = codes.insert(code.to_owned(), place.to_owned()) {
                reader.error(place, format!("mã «{code}» trùng với {first}"));
            }
        };
        for (index, group) in items.iter().enumerate() {
            let place = format!("appendix[{index}]");
            let Some(map) = self.object(group, &place, &["code", "label", "note", "rows"]) else {
                continue;
            };
            let code = self.text(map, "code", &place).unwrap_or_default();
            claim(self, &code, &place);
            let label = self.text(map, "label", &place).unwrap_or_default();
            let note = self.optional_text(map, "note", &place);
            let start = rows.len();
            let allowed = ["code", "label", "unit", "kind", "value", "note", "options"];
            for (place, row_map) in self.objects(map, "rows", &place, true, &allowed) {
                let Some(row_code) = self.text(row_map, "code", &place) else {
                    continue;
                };
                claim(self, &row_code, &place);
                if !row_code.starts_with(&format!("{code}.")) {
                    self.error(
                        &join(&place, "code"),
                        format!("mã «{row_code}» phải bắt đầu bằng mã nhóm «{code}.»"),
                    );
                }
                let kind_name = match row_map.get("kind") {
                    None => "",
                    Some(kind) => kind.as_str().unwrap_or_else(|| {
                        self.error(&join(&place, "kind"), "phải là một chuỗi chữ \"...\"");
                        ""
                    }),
                };
                if row_map.contains_key("options") && kind_name != "choice" {
                    self.error(
                        &join(&place, "options"),
                        "«options» chỉ dùng cho chỉ tiêu loại «choice»",
                    );
                }
                let computed = row_map.contains_key("value");
                let heading = kind_name == "heading";
                let kind = if heading || computed || kind_name.is_empty() {
                    None
                } else {
                    let kind = self.value_kind(row_map, &place, kind_name);
                    if kind.is_none() || kind == Some(ValueKind::Date) {
                        self.kind_error(&place, kind_name, "heading, count, money, percent, text, choice (hoặc «value» cho dòng tính tự động)");
                    }
                    kind
                };
                if !heading && !computed && kind_name.is_empty() {
                    self.error(
                        &place,
                        "thiếu «kind» (loại), hoặc «value» (biểu thức tính) cho dòng tính tự động",
                    );
                }
                if heading && (computed || row_map.contains_key("note")) {
                    self.error(&place, "dòng tiêu đề (heading) không có «value» hay «note»");
                }
                if computed && !matches!(kind_name, "" | "count" | "money" | "percent") {
                    self.error(
                        &join(&place, "kind"),
                        "dòng tính tự động (có «value») chỉ là count, money hoặc percent",
                    );
                }
                let declared = if computed {
                    ValueKind::unit_named(kind_name)
                } else {
                    None
                };
                rows.push(RowDraft {
                    code: row_code,
                    heading,
                    place: place.clone(),
                    kind,
                    value: None,
                    declared,
                    unit: None,
                });
                raw_rows.push((place, Json::Object(row_map.clone())));
            }
            groups.push(AppendixGroup {
                code,
                label,
                note,
                rows: start..rows.len(),
            });
        }
        (groups, rows, raw_rows)
    }

    /// The computed rows in an order where each comes after the rows it
    /// reads; `None` (and the mistake reported) when one depends, through
    /// others, on itself, or through more than [`MAX_CHAIN`] others.
    /// Iterative: a long chain in a file cannot exhaust the stack.
    fn row_order(&mut self, rows: &[RowDraft]) -> Option<Vec<usize>> {
        let depends: Vec<Vec<usize>> = rows
            .iter()
            .map(|row| {
                let mut refs = Vec::new();
                if let Some((_, expr)) = &row.value {
                    expr.refs(&mut refs);
                }
                refs.into_iter()
                    .filter_map(|reference| match reference {
                        Ref::Row(id) => Some(id),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        // 0: not seen, 1: on the path being walked, 2: done.
        let mut state = vec![0u8; rows.len()];
        let mut order = Vec::with_capacity(rows.len());
        let mut chain = vec![0usize; rows.len()];
        for start in 0..rows.len() {
            if state[start] != 0 {
                continue;
            }
            // The path being walked: each row and how many of its rows are done.
            let mut path: Vec<(usize, usize)> = vec![(start, 0)];
            state[start] = 1;
            while let Some((at, next)) = path.last_mut() {
                let at = *at;
                if let Some(&other) = depends[at].get(*next) {
                    *next += 1;
                    match state[other] {
                        0 => {
                            state[other] = 1;
                            path.push((other, 0));
                        }
                        1 => {
                            let from = path.iter().position(|(id, _)| *id == other).unwrap_or(0);
                            let mut cycle: Vec<&str> = path[from..]
                                .iter()
                                .map(|(id, _)| rows[*id].code.as_str())
                                .collect();
                            cycle.push(&rows[other].code);
                            self.error(
                                &join(&rows[other].place, "value"),
                                format!(
                                    "phép tính tự tham chiếu đến chính nó: {}",
                                    cycle.join(" → ")
                                ),
                            );
                            return None;
                        }
                        _ => {}
                    }
                } else {
                    // How many computed rows, this one included, lead here.
                    if rows[at].value.is_some() {
                        chain[at] = 1 + depends[at].iter().map(|id| chain[*id]).max().unwrap_or(0);
                    }
                    if chain[at] > MAX_CHAIN {
                        self.error(
                            &join(&rows[at].place, "value"),
                            format!(
                                "dòng này tính từ một chuỗi quá {MAX_CHAIN} dòng khác nối nhau"
                            ),
                        );
                        return None;
                    }
                    state[at] = 2;
                    order.push(at);
                    path.pop();
                }
            }
        }
        Some(order)
    }
}

/// The units of the rows, each after the rows it reads (`order`): a typed
/// row's by its kind, a computed row's as declared, else by its expression.
fn row_units(rows: &mut [RowDraft], figures: &[Figure], order: &[usize]) {
    for &id in order {
        let unit = match (&rows[id].kind, &rows[id].value, rows[id].declared) {
            (Some(kind), _, _) => kind.unit(),
            (None, Some(_), Some(declared)) => Some(declared),
            (None, Some((_, expr)), None) => {
                let names = Resolver {
                    figures,
                    rows,
                    item: None,
                };
                expr.unit(&|reference| names.unit_of(reference))
            }
            (None, None, _) => None,
        };
        rows[id].unit = unit;
    }
}

/// Reads and checks a template file.
pub fn read(bytes: &[u8]) -> Result<Template, Vec<TemplateError>> {
    let file_error = |message: String| {
        vec![TemplateError {
            place: String::new(),
            message,
        }]
    };
    if bytes.len() > MAX_TEMPLATE_BYTES {
        return Err(file_error(format!(
            "Tệp quá lớn ({} KB): tệp mẫu báo cáo không quá 2 MB.",
            bytes.len() / 1024
        )));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| {
        file_error("Tệp không phải văn bản UTF-8, không phải tệp mẫu báo cáo JSON.".to_owned())
    })?;
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(file_error("Tệp rỗng, không có nội dung.".to_owned()));
    }
    let value: Json = serde_json::from_str(text).map_err(|error| {
        file_error(format!(
            "Tệp không phải JSON hợp lệ: dòng {}, cột {} ({}).",
            error.line(),
            error.column(),
            if error.is_eof() {
                "tệp bị cắt cụt"
            } else {
                "sai cú pháp"
            }
        ))
    })?;
    let value = to_nfc(value);
    if value.get("format").and_then(Json::as_str) == Some(crate::exchange::FORMAT_NAME) {
        return Err(file_error(
            "Đây là tệp báo cáo, không phải tệp mẫu báo cáo: hãy mở bằng nút «Mở tệp JSON»."
                .to_owned(),
        ));
    }
    let mut reader = Reader { errors: Vec::new() };
    let Some(top) = reader.object(
        &value,
        "",
        &[
            "$schema",
            "id",
            "version",
            "title",
            "issued_by",
            "applies_from",
            "numbers",
            "figures",
            "rules",
            "outline",
            "sentences",
            "appendix",
            "recipients",
        ],
    ) else {
        return Err(reader.errors);
    };
    if !top.contains_key("id") && !top.contains_key("figures") && !top.contains_key("appendix") {
        return Err(file_error(
            "Tệp JSON này không phải mẫu báo cáo (thiếu «id», «figures», «appendix»).".to_owned(),
        ));
    }

    let id = reader.text(top, "id", "");
    if let (Some(_), Some(raw)) = (&id, top.get("id").and_then(Json::as_str)) {
        let valid = raw
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            reader.error(
                "id",
                format!("mã mẫu «{raw}» chỉ gồm chữ thường không dấu, chữ số và dấu - (không có dấu cách)"),
            );
        }
    }
    let version = match top.get("version") {
        Some(Json::Number(number)) if number.is_u64() => Some(number.to_string()),
        Some(Json::Number(_)) => {
            // 2025.10 as a number would read as 2025.1.
            reader.error(
                "version",
                "viết phiên bản trong dấu nháy kép, ví dụ \"2025.10\"",
            );
            None
        }
        _ => reader.text(top, "version", ""),
    };
    let title = reader.text(top, "title", "");
    let issued_by = reader.optional_text(top, "issued_by", "");
    let applies_from = match top.get("applies_from") {
        None | Some(Json::Null) => None,
        Some(value) => match value.as_str().map(str::parse::<Date>) {
            Some(Ok(date)) => Some(date),
            _ => {
                reader.error(
                    "applies_from",
                    "phải là ngày dạng \"2025-07-01\" (năm-tháng-ngày)",
                );
                None
            }
        },
    };
    let numbers = reader.numbers(top.get("numbers"));

    let mut figures: Vec<(Figure, String)> = Vec::new();
    let mut raw_ratios = Vec::new();
    let mut sections = Vec::new();
    for (index, section) in reader.array(top, "figures", "", true).iter().enumerate() {
        sections.push(reader.section(
            section,
            &format!("figures[{index}]"),
            &mut figures,
            &mut raw_ratios,
        ));
    }
    reader.check_keys(&figures);
    if figures.len() > MAX_ITEMS {
        reader.error(
            "figures",
            format!("quá nhiều số liệu ({}; tối đa {MAX_ITEMS})", figures.len()),
        );
    }
    let figures: Vec<Figure> = figures.into_iter().map(|(figure, _)| figure).collect();

    let appendix_items = reader.array(top, "appendix", "", true).to_vec();
    let (groups, mut row_drafts, raw_rows) = reader.appendix(&appendix_items);
    if row_drafts.len() > MAX_ITEMS {
        reader.error(
            "appendix",
            format!(
                "quá nhiều chỉ tiêu ({}; tối đa {MAX_ITEMS})",
                row_drafts.len()
            ),
        );
        return Err(reader.errors);
    }
    // Computed rows: their expressions, once every code is known.
    for (id, (place, raw)) in raw_rows.iter().enumerate() {
        if let Some(source) = raw.get("value") {
            let names = Resolver {
                figures: &figures,
                rows: &row_drafts,
                item: None,
            };
            let Some(source) = source.as_str() else {
                reader.error(&join(place, "value"), "phải là một biểu thức \"...\"");
                continue;
            };
            if let Some(expr) = reader.expression(source, &join(place, "value"), &names) {
                row_drafts[id].value = Some((source.to_owned(), expr));
            }
        }
    }
    if let Some(order) = reader.row_order(&row_drafts) {
        row_units(&mut row_drafts, &figures, &order);
    }
    let names = Resolver {
        figures: &figures,
        rows: &row_drafts,
        item: None,
    };
    let mut rows = Vec::new();
    for (group_index, group) in groups.iter().enumerate() {
        for id in group.rows.clone() {
            let (place, raw) = &raw_rows[id];
            let draft = &row_drafts[id];
            let map = raw.as_object().expect("rows read as objects");
            let label = reader.text(map, "label", place);
            let unit = reader.optional_text(map, "unit", place);
            let note = match map.get("note") {
                Some(_) => reader.wording_at(map, "note", place, &names),
                None => None,
            };
            let source = if draft.heading {
                Some(RowSource::Heading)
            } else if let Some((_, value)) = &draft.value {
                Some(RowSource::Computed {
                    value: value.clone(),
                    unit: draft.unit,
                })
            } else {
                draft.kind.clone().map(RowSource::Entered)
            };
            if let (Some(label), Some(source)) = (label, source) {
                rows.push(Row {
                    code: draft.code.clone(),
                    label,
                    unit,
                    source,
                    note,
                    group: group_index,
                });
            }
        }
    }

    let mut ratios = Vec::new();
    for (raw, place) in &raw_ratios {
        if let Some(ratio) = reader.ratio(raw, place, &names) {
            if ratios.iter().any(|known: &Ratio| known.key == ratio.key) {
                reader.error(
                    place,
                    format!("khóa tỷ lệ «{}» trùng với một tỷ lệ trước", ratio.key),
                );
            }
            ratios.push(ratio);
        }
    }
    let rules: Vec<Rule> = reader
        .array(top, "rules", "", false)
        .iter()
        .enumerate()
        .filter_map(|(index, rule)| reader.rule(rule, &format!("rules[{index}]"), &names))
        .collect();
    let mut sentences: Vec<SentenceDef> = Vec::new();
    for (index, sentence) in reader.array(top, "sentences", "", false).iter().enumerate() {
        let place = format!("sentences[{index}]");
        if let Some(sentence) = reader.sentence(sentence, &place, &names) {
            if sentences.iter().any(|known| known.key == sentence.key) {
                reader.error(
                    &place,
                    format!("khóa câu «{}» trùng với một câu trước", sentence.key),
                );
            }
            sentences.push(sentence);
        }
    }
    let outline = reader.outline(top.get("outline"), &sentences);
    let recipients = reader.recipients(top.get("recipients"));

    if !reader.errors.is_empty() {
        return Err(reader.errors);
    }
    let sha256 =
        crate::exchange::sha256_hex(serde_json::to_string(&value).expect("JSON").as_bytes());
    Ok(Template {
        id: id.unwrap_or_default(),
        version: version.unwrap_or_default(),
        title: title.unwrap_or_default(),
        issued_by,
        applies_from,
        numbers,
        figures,
        sections,
        ratios,
        rules,
        outline,
        sentences,
        groups,
        rows,
        recipients,
        sha256,
        source: value,
    })
}
