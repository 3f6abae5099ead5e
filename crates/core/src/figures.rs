//! The figures of a report as stored: JSON objects nested by the template's
//! keys (`applications.received` lives at `figures.applications.received`),
//! in the template's order, and how each value is read from and written to
//! that JSON.
//!
//! A figure not filled in is `null` (a text is `""`), which is not `0`.
//! The order of the keys follows the template, so that the report's
//! canonical JSON (and so its checksum) does not depend on who wrote it;
//! for the sample's template it is the order the app has always written.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use crate::date::Date;
use crate::decimal::Decimal;
use crate::template::{FigureKind, Template, Unit, Value, ValueKind};
use crate::text::Text;

/// The figures of a report: a JSON object, nested by key.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Figures(Map<String, Json>);

/// The groups above `key` and its last part: `[plan]` and `total` for
/// `plan.total`.
fn parts(key: &str) -> (Vec<&str>, &str) {
    match key.rsplit_once('.') {
        Some((groups, last)) => (groups.split('.').collect(), last),
        None => (Vec::new(), key),
    }
}

impl Figures {
    /// The stored value at `key` (`applications.received`).
    pub fn get(&self, key: &str) -> Option<&Json> {
        let (groups, last) = parts(key);
        let mut map = &self.0;
        for group in groups {
            map = map.get(group)?.as_object()?;
        }
        map.get(last)
    }

    /// Sets the value at `key`, making the groups above it as needed.
    pub fn set(&mut self, key: &str, value: Json) {
        let mut map = &mut self.0;
        let mut parts = key.split('.').peekable();
        while let Some(part) = parts.next() {
            if parts.peek().is_none() {
                map.insert(part.to_owned(), value);
                return;
            }
            let entry = map
                .entry(part.to_owned())
                .or_insert_with(|| Json::Object(Map::new()));
            if !entry.is_object() {
                *entry = Json::Object(Map::new());
            }
            map = entry.as_object_mut().expect("made an object above");
        }
    }

    /// The items of the list figure at `key`, to edit.
    pub fn items_mut(&mut self, key: &str) -> Option<&mut Vec<Json>> {
        if self.get(key).is_none_or(|value| !value.is_array()) {
            self.set(key, Json::Array(Vec::new()));
        }
        let (groups, last) = parts(key);
        let mut map = &mut self.0;
        for group in groups {
            map = map.get_mut(group)?.as_object_mut()?;
        }
        map.get_mut(last)?.as_array_mut()
    }

    /// Every key holding a value (not a group), to find unknown ones.
    fn leaves(&self) -> Vec<String> {
        fn walk(map: &Map<String, Json>, prefix: &str, out: &mut Vec<String>) {
            for (key, value) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                match value {
                    Json::Object(inner) if !inner.is_empty() => walk(inner, &path, out),
                    _ => out.push(path),
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.0, "", &mut out);
        out
    }
}

/// Reads a stored value of `kind`; the error says in Vietnamese what it
/// should have been.
pub fn decode(kind: &ValueKind, json: &Json) -> Result<Value, &'static str> {
    if json.is_null() {
        return Ok(Value::Missing);
    }
    let whole = || -> Result<Decimal, &'static str> {
        let whole = json
            .as_i64()
            .or_else(|| json.as_u64().map(|_| i64::MAX))
            .ok_or("phải là số nguyên")?;
        Decimal::from_whole(whole).ok_or("số quá lớn")
    };
    match kind {
        ValueKind::Count => Ok(Value::Number(whole()?, Unit::Count)),
        ValueKind::Money => Ok(Value::Number(whole()?, Unit::Money)),
        ValueKind::Percent => serde_json::from_value::<Decimal>(json.clone())
            .map(|number| Value::Number(number, Unit::Percent))
            .map_err(|_| "phải là số, tối đa 2 chữ số thập phân"),
        ValueKind::Text => json
            .as_str()
            .map(|text| Value::Text(Text::new(text).to_string()))
            .ok_or("phải là chữ"),
        ValueKind::Date => json
            .as_str()
            .and_then(|text| text.parse::<Date>().ok())
            .map(Value::Date)
            .ok_or("phải là ngày dạng \"2025-01-03\""),
        ValueKind::Choice(_) => {
            let code = json.as_i64().ok_or("phải là mã số của một lựa chọn")?;
            let label = kind
                .option(code)
                .map(|o| o.label.clone())
                .unwrap_or_default();
            Ok(Value::Choice(code, label))
        }
    }
}

/// The JSON of `value`, stored as `kind`: `null` when missing, `""` for a
/// missing text.
pub fn encode(kind: &ValueKind, value: &Value) -> Json {
    match value {
        Value::Missing if *kind == ValueKind::Text => Json::String(String::new()),
        Value::Number(number, _) => match number.as_whole() {
            Some(whole) => Json::from(whole),
            None => serde_json::to_value(number).unwrap_or(Json::Null),
        },
        Value::Text(text) => Json::String(text.clone()),
        Value::Date(date) => Json::String(date.iso()),
        Value::Choice(code, _) => Json::from(*code),
        _ => Json::Null,
    }
}

/// The values of a report's figures, read once for everything derived
/// from them (rules, sentences, appendix, ratios).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FigureValues {
    slots: Vec<Slot>,
}

#[derive(Debug, Clone, PartialEq)]
enum Slot {
    One(Value),
    Items(Vec<Vec<Value>>),
}

impl FigureValues {
    /// The value of figure `id`; missing for a list.
    pub fn one(&self, id: usize) -> Value {
        match self.slots.get(id) {
            Some(Slot::One(value)) => value.clone(),
            _ => Value::Missing,
        }
    }

    /// The items of list figure `id`, each its columns' values.
    pub fn items(&self, id: usize) -> &[Vec<Value>] {
        match self.slots.get(id) {
            Some(Slot::Items(items)) => items,
            _ => &[],
        }
    }
}

/// What is wrong with stored figures, each naming its path.
pub type FigureErrors = Vec<String>;

impl Template {
    /// The figures of a new report: every key, nothing filled in.
    pub fn empty_figures(&self) -> Figures {
        self.read_figures(&Figures::default())
            .expect("empty figures are always readable")
    }

    /// Stored figures in this template's order and shape, checked: a value
    /// of the wrong type or a key the template does not have is an error
    /// (named by its path), never dropped silently.
    pub fn read_figures(&self, stored: &Figures) -> Result<Figures, FigureErrors> {
        let mut errors = Vec::new();
        let mut figures = Figures::default();
        for figure in &self.figures {
            let stored_value = stored.get(&figure.key).unwrap_or(&Json::Null);
            let path = figure.path();
            match &figure.kind {
                FigureKind::One(kind) => match decode(kind, stored_value) {
                    Ok(value) => figures.set(&figure.key, encode(kind, &value)),
                    Err(why) => {
                        errors.push(format!("{path}: {why}"));
                        figures.set(&figure.key, encode(kind, &Value::Missing));
                    }
                },
                FigureKind::List { columns, .. } => {
                    let items: &[Json] = match stored_value {
                        Json::Null => &[],
                        Json::Array(items) => items,
                        _ => {
                            errors.push(format!("{path}: phải là một danh sách"));
                            &[]
                        }
                    };
                    let mut normalised = Vec::new();
                    for (index, item) in items.iter().enumerate() {
                        let Some(item) = item.as_object() else {
                            errors.push(format!("{path}.{index}: phải là một đối tượng"));
                            continue;
                        };
                        let mut out = Map::new();
                        for column in columns {
                            let raw = item.get(&column.key).unwrap_or(&Json::Null);
                            let value = decode(&column.kind, raw).unwrap_or_else(|why| {
                                errors.push(format!("{path}.{index}.{}: {why}", column.key));
                                Value::Missing
                            });
                            out.insert(column.key.clone(), encode(&column.kind, &value));
                        }
                        for key in item
                            .keys()
                            .filter(|key| !columns.iter().any(|c| &c.key == *key))
                        {
                            errors.push(format!(
                                "{path}.{index}.{key}: cột không có trong mẫu báo cáo"
                            ));
                        }
                        normalised.push(Json::Object(out));
                    }
                    figures.set(&figure.key, Json::Array(normalised));
                }
            }
        }
        let known = |leaf: &str| self.figures.iter().any(|figure| figure.key == leaf);
        for leaf in stored.leaves() {
            if !known(&leaf) {
                errors.push(format!(
                    "figures.{leaf}: số liệu không có trong mẫu báo cáo"
                ));
            }
        }
        if errors.is_empty() {
            Ok(figures)
        } else {
            Err(errors)
        }
    }

    /// The values of `figures`, read by the kinds of this template; what
    /// cannot be read is missing (files and drafts are checked with
    /// [`Template::read_figures`] when opened, and the user told).
    pub fn values(&self, figures: &Figures) -> FigureValues {
        let slots = self
            .figures
            .iter()
            .map(|figure| {
                let stored = figures.get(&figure.key).unwrap_or(&Json::Null);
                match &figure.kind {
                    FigureKind::One(kind) => {
                        Slot::One(decode(kind, stored).unwrap_or(Value::Missing))
                    }
                    FigureKind::List { columns, .. } => Slot::Items(
                        stored
                            .as_array()
                            .map(Vec::as_slice)
                            .unwrap_or_default()
                            .iter()
                            .map(|item| {
                                columns
                                    .iter()
                                    .map(|column| {
                                        let raw = item.get(&column.key).unwrap_or(&Json::Null);
                                        decode(&column.kind, raw).unwrap_or(Value::Missing)
                                    })
                                    .collect()
                            })
                            .collect(),
                    ),
                }
            })
            .collect();
        FigureValues { slots }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_set_and_found_by_key_with_groups_made_in_order() {
        let mut figures = Figures::default();
        figures.set("plan.total", Json::from(33));
        figures.set("applications.received", Json::from(847));
        figures.set("plan.done", Json::from(10));
        assert_eq!(figures.get("plan.total"), Some(&Json::from(33)));
        assert_eq!(
            figures.get("plan"),
            Some(&serde_json::json!({"total": 33, "done": 10}))
        );
        assert_eq!(figures.get("nothing.here"), None);
        assert_eq!(
            serde_json::to_string(&figures).unwrap(),
            r#"{"plan":{"total":33,"done":10},"applications":{"received":847}}"#
        );
        figures
            .items_mut("staff.titles")
            .unwrap()
            .push(Json::from(1));
        assert_eq!(figures.get("staff.titles"), Some(&serde_json::json!([1])));
    }

    #[test]
    fn values_decode_by_kind_and_refuse_the_wrong_type() {
        let count = |json: Json| decode(&ValueKind::Count, &json);
        assert_eq!(
            count(Json::from(847)),
            Ok(Value::Number(
                Decimal::from_whole(847).unwrap(),
                Unit::Count
            ))
        );
        assert_eq!(count(Json::Null), Ok(Value::Missing));
        assert_eq!(count(Json::from("nhiều")), Err("phải là số nguyên"));
        assert_eq!(count(serde_json::json!(1.5)), Err("phải là số nguyên"));
        assert_eq!(count(Json::from(u64::MAX)), Err("số quá lớn"));
        assert_eq!(
            count(Json::from(1_000_000_000_000_000i64)),
            Err("số quá lớn")
        );
        assert_eq!(
            decode(&ValueKind::Date, &Json::from("2025-01-03"))
                .map(|v| encode(&ValueKind::Date, &v)),
            Ok(Json::from("2025-01-03"))
        );
        assert_eq!(
            decode(&ValueKind::Date, &Json::from("3/1/2025")),
            Err("phải là ngày dạng \"2025-01-03\"")
        );
        assert_eq!(encode(&ValueKind::Text, &Value::Missing), Json::from(""));
        assert_eq!(encode(&ValueKind::Count, &Value::Missing), Json::Null);
        let percent = decode(&ValueKind::Percent, &serde_json::json!(99.52)).unwrap();
        assert_eq!(
            encode(&ValueKind::Percent, &percent),
            serde_json::json!(99.52)
        );
    }
}
