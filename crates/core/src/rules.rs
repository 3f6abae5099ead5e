//! Validation: the report (and what the user typed that is not yet a value)
//! in, a list of issues out, each pointing at the input it concerns.
//!
//! Every issue names a field path that is also the `name` of the editor's
//! input, so the message can be shown at the field and a click in the
//! summary can focus it. Errors must be fixed before the report is sent;
//! warnings flag what is unusual but possible. Messages are Vietnamese.
//! What every report has (header, period, signature) is checked here; the
//! figures and appendix by their template: each value by its kind and
//! bounds, then the template's cross-field rules. The whole report is
//! checked in well under a millisecond, so the editor simply re-runs this
//! on every change.

use std::collections::BTreeMap;

use crate::appendix::MAX_TEXT_CHARS;
use crate::date::Date;
use crate::decimal::Decimal;
use crate::facts::{holds, Facts};
use crate::period::REPORT_YEARS;
use crate::report::{CellValue, Report, Signer};
use crate::template::{FigureKind, Style, Template, Value, ValueKind};
use crate::text::Text;
use crate::vi;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// The word before a message: `Lỗi`, `Lưu ý`.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "Lỗi",
            Severity::Warning => "Lưu ý",
        }
    }

    /// The CSS class of a message of this severity.
    pub fn class(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The field's path, the `name` of its input.
    pub path: String,
    pub severity: Severity,
    pub message: String,
}

/// Text the user typed into a field that does not (yet) parse, by path. It
/// is kept so that nothing typed is lost, and reported as an error.
pub type PendingInputs = BTreeMap<String, String>;

/// The path of an appendix cell's value input.
pub fn appendix_value_path(code: &str) -> String {
    format!("appendix.{code}.value")
}

/// The path of an appendix cell's note input.
pub fn appendix_note_path(code: &str) -> String {
    format!("appendix.{code}.note")
}

struct Checker {
    issues: Vec<Issue>,
}

impl Checker {
    fn push(&mut self, severity: Severity, path: &str, message: String) {
        self.issues.push(Issue {
            path: path.to_owned(),
            severity,
            message,
        });
    }

    fn error(&mut self, path: &str, message: String) {
        self.push(Severity::Error, path, message);
    }

    fn warning(&mut self, path: &str, message: String) {
        self.push(Severity::Warning, path, message);
    }

    fn require_text(&mut self, path: &str, text: &Text, what: &str) {
        if text.is_blank() {
            self.error(path, format!("Chưa nhập {what}."));
        }
    }
}

/// Checks the whole report under its template. `pending` holds typed text
/// that did not parse.
pub fn check(facts: &Facts, pending: &PendingInputs) -> Vec<Issue> {
    let mut checker = Checker { issues: Vec::new() };
    for (path, typed) in pending {
        checker.error(path, crate::entry::why_not(facts.template, path, typed));
    }
    let report = facts.report;
    check_header(&mut checker, report);
    check_period(&mut checker, report);
    check_figures(&mut checker, facts, pending);
    check_appendix(&mut checker, facts.template, report);
    check_closing(&mut checker, report);
    checker.issues
}

fn check_header(checker: &mut Checker, report: &Report) {
    let header = &report.header;
    checker.require_text(
        "header.issuing_agency",
        &header.issuing_agency,
        "tên cơ quan ban hành",
    );
    checker.require_text(
        "header.unit.name",
        &header.unit.name,
        "tên đơn vị (xã, phường)",
    );
    checker.require_text(
        "header.place",
        &header.place,
        "địa danh ghi ở dòng ngày tháng",
    );
    match header.number {
        None => checker.warning(
            "header.number",
            "Chưa có số văn bản; văn thư cấp số khi phát hành.".to_owned(),
        ),
        Some(0) => checker.error("header.number", "Số văn bản phải từ 1 trở lên.".to_owned()),
        Some(_) => {}
    }
    let symbol = header.symbol.trim();
    if symbol.is_empty() {
        checker.error(
            "header.symbol",
            "Chưa nhập ký hiệu văn bản (ví dụ BC-UBND).".to_owned(),
        );
    } else if !is_well_formed_symbol(symbol) {
        checker.error(
            "header.symbol",
            "Ký hiệu viết hoa, gồm chữ viết tắt tên loại văn bản và tên cơ quan, nối bằng dấu gạch nối (ví dụ BC-UBND).".to_owned(),
        );
    } else if !symbol.starts_with("BC-") {
        checker.warning(
            "header.symbol",
            "Báo cáo thường có ký hiệu bắt đầu bằng BC- (ví dụ BC-UBND).".to_owned(),
        );
    }
    if header.date.is_none() {
        checker.error("header.date", "Chưa nhập ngày ban hành báo cáo.".to_owned());
    }
}

/// `BC-UBND`, `BC-UBND.VP`: upper-case letters and digits in parts joined
/// by `-`, at least two parts.
fn is_well_formed_symbol(symbol: &str) -> bool {
    let parts: Vec<&str> = symbol.split('-').collect();
    parts.len() >= 2
        && parts.iter().all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '&')
        })
}

/// `Năm báo cáo phải từ 2000 đến 2100.`
pub fn year_message() -> String {
    format!(
        "Năm báo cáo phải từ {} đến {}.",
        REPORT_YEARS.start(),
        REPORT_YEARS.end()
    )
}

fn check_period(checker: &mut Checker, report: &Report) {
    let period = &report.period;
    if !REPORT_YEARS.contains(&period.year) {
        checker.error("period.year", year_message());
        return;
    }
    let (Some(from), Some(to)) = (period.from, period.to) else {
        if period.from.is_none() {
            checker.error(
                "period.from",
                "Chưa nhập ngày bắt đầu kỳ số liệu.".to_owned(),
            );
        }
        if period.to.is_none() {
            checker.error(
                "period.to",
                "Chưa nhập ngày kết thúc kỳ số liệu.".to_owned(),
            );
        }
        return;
    };
    if from > to {
        checker.error(
            "period.to",
            "Ngày kết thúc kỳ số liệu phải sau ngày bắt đầu.".to_owned(),
        );
        return;
    }
    if let Some(date) = report.header.date {
        if to > date {
            checker.error(
                "period.to",
                format!(
                    "Kỳ số liệu phải kết thúc trước ngày ban hành báo cáo ({}).",
                    vi::format_date(date)
                ),
            );
        }
        if let Some(due) = period.due_date() {
            if date > due {
                checker.warning(
                    "header.date",
                    format!(
                        "Ngày ban hành sau hạn gửi báo cáo ({}).",
                        vi::format_date(due)
                    ),
                );
            }
        }
    }
    let Some(legal) = period.legal_dates() else {
        return;
    };
    let range = |a: Date, b: Date| format!("{} – {}", vi::format_date(a), vi::format_date(b));
    let name = period.long_name();
    if to > legal.to || to < legal.from || from > legal.to {
        checker.error(
            "period.to",
            format!(
                "Kỳ số liệu không khớp với báo cáo {name}: theo quy định là {}.",
                range(legal.from, legal.to)
            ),
        );
    } else if from != legal.from || to != legal.to {
        let path = if from != legal.from {
            "period.from"
        } else {
            "period.to"
        };
        checker.warning(
            path,
            format!(
                "Kỳ số liệu khác mặc định theo quy định cho báo cáo {name} ({}).",
                range(legal.from, legal.to)
            ),
        );
    }
}

/// A number outside the bounds `min`..`max`, in words.
fn out_of_bounds(number: Decimal, min: Option<Decimal>, max: Option<Decimal>) -> Option<String> {
    match (min, max) {
        (Some(min), _) if number < min && min == Decimal::ZERO => {
            Some("Không được là số âm.".to_owned())
        }
        (Some(min), Some(max)) if number < min || number > max => Some(format!(
            "Phải từ {} đến {}.",
            vi::format_decimal(min),
            vi::format_decimal(max)
        )),
        (Some(min), None) if number < min => {
            Some(format!("Không được nhỏ hơn {}.", vi::format_decimal(min)))
        }
        (_, Some(max)) if number > max => {
            Some(format!("Không được lớn hơn {}.", vi::format_decimal(max)))
        }
        _ => None,
    }
}

/// What is wrong with one value of `kind` (from a file or an old draft:
/// typing cannot make most of these).
fn value_problem(
    kind: &ValueKind,
    value: &Value,
    (min, max): (Option<Decimal>, Option<Decimal>),
) -> Option<String> {
    match (kind, value) {
        (ValueKind::Choice(_), Value::Choice(code, _)) if kind.option(*code).is_some() => None,
        (ValueKind::Choice(_), Value::Choice(..) | Value::Number(..)) => {
            Some("Chọn một trong các mức đã cho.".to_owned())
        }
        (ValueKind::Count | ValueKind::Money, Value::Number(number, _)) if !number.is_whole() => {
            Some("Phải là số nguyên.".to_owned())
        }
        (ValueKind::Percent, Value::Number(number, _)) if !number.is_negative() => {
            out_of_bounds(*number, min, max).map(|_| {
                format!(
                    "Tỷ lệ phải từ {} đến {}.",
                    min.map_or_else(String::new, vi::format_decimal),
                    max.map_or_else(String::new, vi::format_decimal)
                )
            })
        }
        (_, Value::Number(number, _)) => out_of_bounds(*number, min, max),
        (ValueKind::Text, Value::Text(text)) if text.chars().count() > MAX_TEXT_CHARS => {
            Some(format!("Dài quá {MAX_TEXT_CHARS} ký tự."))
        }
        _ => None,
    }
}

fn check_figures(checker: &mut Checker, facts: &Facts, pending: &PendingInputs) {
    let template = facts.template;
    for (id, figure) in template.figures.iter().enumerate() {
        let path = figure.path();
        match &figure.kind {
            FigureKind::One(kind) => {
                let value = facts.values().one(id);
                if value.is_missing() {
                    if figure.required && !pending.contains_key(&path) {
                        checker.error(
                            &path,
                            format!("Chưa nhập: {}.", crate::text::lower(&figure.label)),
                        );
                    }
                } else if let Some(problem) = value_problem(kind, &value, figure.bounds()) {
                    checker.error(&path, problem);
                }
            }
            FigureKind::List { columns, .. } => {
                for (index, item) in facts.values().items(id).iter().enumerate() {
                    for (column, value) in columns.iter().zip(item) {
                        let bounds = column.kind.default_bounds();
                        if let Some(problem) = value_problem(&column.kind, value, bounds) {
                            checker.error(&format!("{path}.{index}.{}", column.key), problem);
                        }
                    }
                }
            }
        }
    }
    for rule in &template.rules {
        if !holds(rule.when.as_ref(), facts) || rule.check.eval(facts) != Value::Bool(false) {
            continue;
        }
        let message = facts.render(&rule.message, Style::Plain);
        for &id in &rule.at {
            checker.push(rule.severity, &template.figures[id].path(), message.clone());
        }
    }
}

fn check_appendix(checker: &mut Checker, template: &Template, report: &Report) {
    for row in &template.rows {
        let Some(kind) = row.entered_kind() else {
            continue;
        };
        let Some(entry) = report.appendix.get(&row.code) else {
            continue;
        };
        let path = appendix_value_path(&row.code);
        if entry.note.chars().count() > MAX_TEXT_CHARS {
            checker.error(
                &appendix_note_path(&row.code),
                format!("Ghi chú dài quá {MAX_TEXT_CHARS} ký tự."),
            );
        }
        let problem = match (&entry.value, kind) {
            (None, _) | (Some(CellValue::Number(_)), ValueKind::Text) => None,
            (Some(CellValue::Text(_)), kind) if *kind != ValueKind::Text => {
                Some("Ô này phải là số.".to_owned())
            }
            (Some(cell), kind) => value_problem(
                kind,
                &crate::entry::cell_value(kind, cell),
                kind.default_bounds(),
            ),
        };
        if let Some(problem) = problem {
            checker.error(&path, problem);
        }
    }
}

fn check_closing(checker: &mut Checker, report: &Report) {
    if report.signature.signer == Signer::Free {
        checker.require_text(
            "signature.title",
            &report.signature.title,
            "chức danh người ký",
        );
    }
    checker.require_text("signature.name", &report.signature.name, "họ tên người ký");
    if report.recipients.lines.iter().all(Text::is_blank) {
        checker.warning(
            "recipients.lines",
            "Chưa có nơi nhận: báo cáo cần gửi cơ quan cấp trên.".to_owned(),
        );
    }
}

/// Counts of errors and warnings.
pub fn counts(issues: &[Issue]) -> (usize, usize) {
    let errors = issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .count();
    (errors, issues.len() - errors)
}
