//! Validation: the report (and what the user typed that is not yet a value)
//! in, a list of issues out, each pointing at the input it concerns.
//!
//! Every issue names a field path that is also the `name` of the editor's
//! input, so the message can be shown at the field and a click in the
//! summary can focus it. Errors must be fixed before the report is sent;
//! warnings flag what is unusual but possible. Messages are Vietnamese.
//! The whole report is checked in well under a millisecond, so the editor
//! simply re-runs this on every change.

use std::collections::BTreeMap;

use crate::catalog::{ValueKind, INDICATORS, MAX_TEXT_CHARS};
use crate::date::Date;
use crate::figures;
use crate::report::{CellValue, Report, StaffGroup};
use crate::text::Text;
use crate::vi;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
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

    /// `part <= whole`, reported at `part_path`; `whole_words` names the whole.
    fn at_most(
        &mut self,
        part_path: &str,
        part: Option<u64>,
        whole: Option<u64>,
        whole_words: &str,
    ) {
        let (Some(part), Some(whole)) = (part, whole) else {
            return;
        };
        if part > whole {
            let label = figures::field(part_path).map_or("Số liệu", |field| field.label);
            self.error(
                part_path,
                format!(
                    "{label} ({}) không được lớn hơn {whole_words} ({}).",
                    vi::group_digits(part),
                    vi::group_digits(whole)
                ),
            );
        }
    }
}

/// Checks the whole report. `pending` holds typed text that did not parse.
pub fn check(report: &Report, pending: &PendingInputs) -> Vec<Issue> {
    let mut checker = Checker { issues: Vec::new() };
    for (path, typed) in pending {
        checker.error(path, pending_message(path, typed));
    }
    check_header(&mut checker, report);
    check_period(&mut checker, report);
    check_figures(&mut checker, report, pending);
    check_appendix(&mut checker, report);
    check_closing(&mut checker, report);
    checker.issues
}

/// Why `typed` at `path` is not a value.
fn pending_message(path: &str, typed: &str) -> String {
    let is_date = path.ends_with(".date") || path == "period.from" || path == "period.to";
    if is_date {
        if let Err(error) = vi::parse_date(typed) {
            return vi::date_error_message(&error).to_owned();
        }
    } else {
        let parsed =
            if path.starts_with("figures.") || path == "header.number" || path == "period.year" {
                vi::parse_count(typed).map(|_| ())
            } else {
                vi::parse_decimal(typed).map(|_| ())
            };
        if let Err(error) = parsed {
            return error.message().to_owned();
        }
    }
    format!("Giá trị \"{typed}\" không hợp lệ.")
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

fn check_period(checker: &mut Checker, report: &Report) {
    let period = &report.period;
    if !(2000..=2100).contains(&period.year) {
        checker.error(
            "period.year",
            "Năm báo cáo phải từ 2000 đến 2100.".to_owned(),
        );
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

/// The figures every report quotes; a report without them is not ready.
const REQUIRED_FIGURES: &[&str] = &[
    "figures.plan.tasks_total",
    "figures.plan.tasks_completed",
    "figures.applications.received",
    "figures.applications.resolved",
    "figures.applications.on_time",
    "figures.survey.forms",
    "figures.documents.outgoing",
    "figures.staff.officials.count",
    "figures.staff.civil_servants.count",
];

fn check_figures(checker: &mut Checker, report: &Report, pending: &PendingInputs) {
    let figures = &report.figures;
    for path in REQUIRED_FIGURES {
        if figures::value(figures, path).is_none() && !pending.contains_key(*path) {
            let label = figures::field(path).map_or(*path, |field| field.label);
            checker.error(path, format!("Chưa nhập: {}.", label.to_lowercase()));
        }
    }

    let plan = &figures.plan;
    checker.at_most(
        "figures.plan.tasks_completed",
        plan.tasks_completed,
        plan.tasks_total,
        "số nhiệm vụ đề ra",
    );

    let applications = &figures.applications;
    checker.at_most(
        "figures.applications.resolved",
        applications.resolved,
        applications.received,
        "số hồ sơ đã tiếp nhận",
    );
    checker.at_most(
        "figures.applications.on_time",
        applications.on_time,
        applications.resolved,
        "số hồ sơ đã giải quyết",
    );
    if let (Some(received), Some(resolved)) = (applications.received, applications.resolved) {
        let carried = applications.carried_over.unwrap_or(0);
        let withdrawn = applications.withdrawn.unwrap_or(0);
        let accounted = resolved.saturating_add(carried).saturating_add(withdrawn);
        if resolved <= received && accounted != received {
            checker.error(
                "figures.applications.carried_over",
                format!(
                    "Đã giải quyết + chuyển kỳ sau + rút ({} + {} + {} = {}) phải bằng số hồ sơ đã tiếp nhận ({}).",
                    vi::group_digits(resolved),
                    vi::group_digits(carried),
                    vi::group_digits(withdrawn),
                    vi::group_digits(accounted),
                    vi::group_digits(received)
                ),
            );
        }
    }

    for (count_path, total_path) in [
        (
            "figures.online.partial.count",
            "figures.online.partial.total",
        ),
        ("figures.online.full.count", "figures.online.full.total"),
        (
            "figures.digitised.inputs.count",
            "figures.digitised.inputs.total",
        ),
        (
            "figures.digitised.outputs.count",
            "figures.digitised.outputs.total",
        ),
    ] {
        let count = figures::value(figures, count_path);
        let total = figures::value(figures, total_path);
        checker.at_most(count_path, count, total, "tổng số hồ sơ tương ứng");
    }

    let fees = &figures.fees;
    let parts = [fees.cash, fees.bank_transfer, fees.online_payment];
    if let Some(total) = fees.total {
        if parts.iter().any(Option::is_some) {
            let sum = parts
                .iter()
                .flatten()
                .fold(0u64, |a, b| a.saturating_add(*b));
            if sum != total {
                checker.error(
                    "figures.fees.total",
                    format!(
                        "Tổng các hình thức thu ({}) phải bằng tổng số phí, lệ phí ({}).",
                        vi::format_money(sum),
                        vi::format_money(total)
                    ),
                );
            }
        }
    }

    let survey = &figures.survey;
    checker.at_most(
        "figures.survey.very_satisfied",
        survey.very_satisfied,
        survey.forms,
        "số phiếu lấy ý kiến",
    );
    let documents = &figures.documents;
    for (path, value) in [
        (
            "figures.documents.digitally_signed",
            documents.digitally_signed,
        ),
        (
            "figures.documents.legal_normative",
            documents.legal_normative,
        ),
    ] {
        checker.at_most(path, value, documents.outgoing, "tổng số văn bản đi");
    }

    let staff = &figures.staff;
    check_staff_group(
        checker,
        &staff.officials,
        "figures.staff.officials",
        "cán bộ",
    );
    check_staff_group(
        checker,
        &staff.civil_servants,
        "figures.staff.civil_servants",
        "công chức",
    );
    if let (Some(present), Some(quota)) = (staff.present(), staff.quota) {
        if present > quota {
            checker.error(
                "figures.staff.quota",
                format!(
                    "Số cán bộ, công chức có mặt ({present}) vượt biên chế được giao ({quota})."
                ),
            );
        }
    }
}

fn check_staff_group(checker: &mut Checker, group: &StaffGroup, prefix: &str, who: &str) {
    let Some(count) = group.count else {
        return;
    };
    let count_path = format!("{prefix}.count");
    let sum = |values: &mut dyn Iterator<Item = Option<u64>>| -> Option<u64> {
        let values: Vec<u64> = values.flatten().collect();
        (!values.is_empty()).then(|| values.iter().sum())
    };
    let breakdowns = [
        ("chức danh", sum(&mut group.titles.iter().map(|t| t.count))),
        (
            "trình độ chuyên môn",
            sum(&mut group.education.levels().into_iter().map(|l| l.1)),
        ),
        (
            "trình độ lý luận chính trị",
            sum(&mut group.political.levels().into_iter().map(|l| l.1)),
        ),
    ];
    for (what, total) in breakdowns {
        if let Some(total) = total {
            if total != count {
                checker.error(
                    &count_path,
                    format!("Tổng số {who} theo {what} ({total}) phải bằng số {who} ({count})."),
                );
            }
        }
    }
}

fn check_appendix(checker: &mut Checker, report: &Report) {
    for indicator in INDICATORS.iter().filter(|i| i.is_entered()) {
        let Some(entry) = report.appendix.get(indicator.code) else {
            continue;
        };
        let path = appendix_value_path(indicator.code);
        if entry.note.chars().count() > MAX_TEXT_CHARS {
            checker.error(
                &appendix_note_path(indicator.code),
                format!("Ghi chú dài quá {MAX_TEXT_CHARS} ký tự."),
            );
        }
        match (&entry.value, indicator.kind) {
            (None, _) => {}
            (Some(CellValue::Text(text)), ValueKind::Text) => {
                if text.chars().count() > MAX_TEXT_CHARS {
                    checker.error(&path, format!("Dài quá {MAX_TEXT_CHARS} ký tự."));
                }
            }
            (Some(CellValue::Text(_)), _) => {
                checker.error(&path, "Ô này phải là số.".to_owned());
            }
            (Some(CellValue::Number(_)), ValueKind::Text) => {}
            (Some(CellValue::Number(number)), kind) => {
                let Some(bounds) = indicator.bounds() else {
                    continue;
                };
                if let ValueKind::Choice(_) = kind {
                    let valid = number
                        .as_whole()
                        .and_then(|code| u8::try_from(code).ok())
                        .and_then(|code| indicator.option(code))
                        .is_some();
                    if !valid {
                        checker.error(&path, "Chọn một trong các mức đã cho.".to_owned());
                    }
                    continue;
                }
                if bounds.whole && !number.is_whole() {
                    checker.error(&path, "Phải là số nguyên.".to_owned());
                } else if *number < bounds.min {
                    checker.error(&path, "Không được là số âm.".to_owned());
                } else if bounds.max.is_some_and(|max| *number > max) {
                    checker.error(&path, "Tỷ lệ phải từ 0 đến 100.".to_owned());
                }
            }
        }
    }
}

fn check_closing(checker: &mut Checker, report: &Report) {
    checker.require_text(
        "signature.title",
        &report.signature.title,
        "chức danh người ký",
    );
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
