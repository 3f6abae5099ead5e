//! The sentences of the narrative that quote figures, written from the
//! figures so that the text and the appendix can never disagree.
//!
//! The wording is the one commune offices use (the seed report's, with its
//! typing slips fixed; the tests list each fix). A figure that is not filled
//! in prints as `…`, a blank to complete, never as `0`; a percentage whose
//! denominator is missing or 0 is left out rather than invented.

use crate::report::{Report, Sentence, StaffGroup};
use crate::vi;

/// What stands in the text for a figure not filled in.
pub const BLANK: &str = "…";

fn count(value: Option<u64>) -> String {
    value.map_or_else(|| BLANK.to_owned(), vi::count_in_prose)
}

/// `843/847`.
fn fraction(numerator: Option<u64>, denominator: Option<u64>) -> String {
    format!("{}/{}", count(numerator), count(denominator))
}

/// `99,52%`, when both figures are known and the denominator is not 0.
fn percent(numerator: Option<u64>, denominator: Option<u64>) -> Option<String> {
    let (n, d) = numerator.zip(denominator)?;
    vi::percent_of(n, d).map(vi::format_percent)
}

/// ` đạt 99,52%`, or nothing when there is no percentage.
fn reaching(numerator: Option<u64>, denominator: Option<u64>) -> String {
    percent(numerator, denominator)
        .map(|percent| format!(" đạt {percent}"))
        .unwrap_or_default()
}

/// `843/847 hồ sơ đạt 99,52%`.
fn share(numerator: Option<u64>, denominator: Option<u64>, noun: &str) -> String {
    let fraction = fraction(numerator, denominator);
    let reaching = reaching(numerator, denominator);
    if noun.is_empty() {
        format!("{fraction}{reaching}")
    } else {
        format!("{fraction} {noun}{reaching}")
    }
}

/// `a, b và c`.
fn join_with_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} và {last}", rest.join(", ")),
    }
}

fn period_dates(report: &Report) -> String {
    match (report.period.from, report.period.to) {
        (Some(from), Some(to)) => format!(
            " (từ ngày {} đến ngày {})",
            vi::format_date(from),
            vi::format_date(to)
        ),
        _ => String::new(),
    }
}

/// The lines the app writes for `sentence`, in order.
pub fn lines(sentence: Sentence, report: &Report) -> Vec<String> {
    match sentence {
        Sentence::Introduction => vec![introduction(report)],
        Sentence::PlanProgress => vec![plan_progress(report)],
        Sentence::OneStopResults => one_stop_results(report),
        Sentence::StaffOfficials => staff(&report.figures.staff.officials, "cán bộ".to_owned()),
        Sentence::StaffCivilServants => staff(
            &report.figures.staff.civil_servants,
            format!("công chức UBND {}", report.header.unit.kind.noun()),
        ),
        Sentence::OutgoingDocuments => vec![outgoing_documents(report)],
        Sentence::Closing => vec![closing(report)],
    }
}

/// What a generated block is called in the editor.
pub fn title(sentence: Sentence) -> &'static str {
    match sentence {
        Sentence::Introduction => "Câu mở đầu (tự động theo đơn vị và kỳ báo cáo)",
        Sentence::PlanProgress => "Kết quả thực hiện kế hoạch CCHC (tự động từ số liệu)",
        Sentence::OneStopResults => {
            "Kết quả giải quyết TTHC tại Bộ phận Một cửa (tự động từ số liệu)"
        }
        Sentence::StaffOfficials => "Số liệu về cán bộ (tự động từ số liệu)",
        Sentence::StaffCivilServants => "Số liệu về công chức (tự động từ số liệu)",
        Sentence::OutgoingDocuments => "Số liệu văn bản đi (tự động từ số liệu)",
        Sentence::Closing => "Câu kết (tự động theo đơn vị và kỳ báo cáo)",
    }
}

fn introduction(report: &Report) -> String {
    let unit = &report.header.unit;
    format!(
        "Thực hiện theo quy định về báo cáo định kỳ công tác cải cách hành chính; {} báo cáo kết quả thực hiện công tác cải cách hành chính {} trên địa bàn {}, như sau:",
        unit.committee(),
        report.period.short_name(),
        unit.full_name()
    )
}

fn closing(report: &Report) -> String {
    format!(
        "Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính {} của {}./.",
        report.period.short_name(),
        report.header.unit.committee()
    )
}

fn plan_progress(report: &Report) -> String {
    let plan = &report.figures.plan;
    let reference = plan.reference();
    let plan_name = if reference.is_empty() {
        "Kế hoạch".to_owned()
    } else {
        reference
    };
    format!(
        "- Đã chỉ đạo thực hiện hoàn thành {}/{} nhiệm vụ đề ra tại {plan_name} của UBND {} về CCHC năm {}.",
        count(plan.tasks_completed),
        count(plan.tasks_total),
        report.header.unit.kind.noun(),
        report.period.year
    )
}

fn one_stop_results(report: &Report) -> Vec<String> {
    let figures = &report.figures;
    let applications = &figures.applications;
    let mut lines = Vec::new();

    let remaining: Vec<String> = [
        (applications.carried_over, "hồ sơ chuyển kỳ sau"),
        (applications.withdrawn, "hồ sơ rút"),
    ]
    .into_iter()
    .filter_map(|(value, noun)| {
        value
            .filter(|&v| v > 0)
            .map(|v| format!("{} {noun}", count(Some(v))))
    })
    .collect();
    let remaining = if remaining.is_empty() {
        String::new()
    } else {
        format!(", còn lại {}", join_with_and(&remaining))
    };
    lines.push(format!(
        "- Trong {}{} đã tiếp nhận giải quyết và trả hồ sơ cho các tổ chức và công dân là {} hồ sơ, đã giải quyết và trả cho công dân là {}{remaining}. Trong đó: đúng hạn là {}.",
        report.period.long_name(),
        period_dates(report),
        count(applications.received),
        share(applications.resolved, applications.received, "hồ sơ"),
        share(applications.on_time, applications.resolved, "hồ sơ"),
    ));

    let online = &figures.online;
    let (online_count, online_total) = online.combined().unzip();
    lines.push(format!(
        "* Tiếp nhận hồ sơ qua ứng dụng dịch vụ công trực tuyến là: {}. Trong đó: (Hồ sơ qua dịch vụ công trực tuyến một phần là: {} và Hồ sơ qua dịch vụ công trực tuyến toàn trình là: {}).",
        share(online_count, online_total, "hồ sơ"),
        share(online.partial.count, online.partial.total, "hồ sơ"),
        share(online.full.count, online.full.total, "hồ sơ"),
    ));

    let digitised = &figures.digitised;
    for (what, share) in [
        ("thành phần hồ sơ đầu vào", digitised.inputs),
        ("kết quả thành phần hồ sơ đầu ra", digitised.outputs),
    ] {
        lines.push(format!(
            "- Có {} hồ sơ có số hoá {what}{}.",
            fraction(share.count, share.total),
            reaching(share.count, share.total)
        ));
    }

    let fees = &figures.fees;
    let money =
        |value: Option<u64>| value.map_or_else(|| format!("{BLANK} đồng"), vi::format_money);
    lines.push(format!(
        "* Tổng số phí, lệ phí thu được trong {} là: {}.",
        report.period.long_name(),
        money(fees.total)
    ));
    let parts: Vec<String> = [
        (fees.cash, "Thu phí bằng tiền mặt"),
        (
            fees.bank_transfer,
            "Thu phí bằng hình thức chuyển khoản không dùng tiền mặt",
        ),
        (
            fees.online_payment,
            "Thu phí bằng hình thức thanh toán trực tuyến qua DVC quốc gia",
        ),
    ]
    .into_iter()
    .filter(|(value, _)| value.is_some_and(|v| v > 0))
    .map(|(value, label)| format!("{label} là: {}", money(value)))
    .collect();
    if !parts.is_empty() {
        lines.push(format!("Trong đó: ({}).", join_with_and(&parts)));
    }

    let survey = &figures.survey;
    let satisfied =
        percent(survey.very_satisfied, survey.forms).unwrap_or_else(|| BLANK.to_owned());
    lines.push(format!(
        "- Qua giải quyết TTHC trong {} được lấy ý kiến đánh giá mức độ hài lòng của tổ chức và công dân {} phiếu, qua đánh giá rất hài lòng đạt {satisfied}.",
        report.period.short_name(),
        count(survey.forms)
    ));
    lines
}

fn staff(group: &StaffGroup, who: String) -> Vec<String> {
    let titles: Vec<String> = group
        .titles
        .iter()
        .filter(|title| !title.title.is_blank())
        .map(|title| format!("{} {}", count(title.count), title.title.trim()))
        .collect();
    let titles = if titles.is_empty() {
        String::new()
    } else {
        format!(", gồm các chức danh: {}", join_with_and(&titles))
    };
    let mut lines = vec![format!(
        "* Về {who}: có {} người{titles}.",
        count(group.count)
    )];
    let breakdown = |heading: &str, levels: &[(&str, Option<u64>)]| {
        let levels: Vec<String> = levels
            .iter()
            .filter(|(_, value)| value.is_some_and(|v| v > 0))
            .map(|(name, value)| format!("{name}: {}", share(*value, group.count, "")))
            .collect();
        (!levels.is_empty()).then(|| format!("- {heading}: {}.", levels.join("; ")))
    };
    lines.extend(breakdown(
        "Về trình độ chuyên môn",
        &group.education.levels(),
    ));
    lines.extend(breakdown(
        "Về trình độ chính trị",
        &group.political.levels(),
    ));
    lines
}

fn outgoing_documents(report: &Report) -> String {
    let documents = &report.figures.documents;
    let legal = match documents.legal_normative {
        Some(0) => ", không ban hành văn bản quy phạm pháp luật nào".to_owned(),
        Some(n) => format!(
            ", trong đó có {} văn bản quy phạm pháp luật",
            count(Some(n))
        ),
        None => String::new(),
    };
    let signed = match documents.digitally_signed {
        Some(_) => {
            let reaching = percent(documents.digitally_signed, documents.outgoing)
                .map(|percent| format!(", đạt {percent}"))
                .unwrap_or_default();
            format!(
                "; {} văn bản đi được ký số điện tử{reaching}",
                fraction(documents.digitally_signed, documents.outgoing)
            )
        }
        None => String::new(),
    };
    format!(
        "Tổng số văn bản đi là {} văn bản các loại{legal}{signed}.",
        count(documents.outgoing)
    )
}
