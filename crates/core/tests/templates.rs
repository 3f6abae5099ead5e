//! Templates as data: a second province's template changes the form without
//! new code, every kind of mistake in a template is refused with its place
//! in the file, and the number rules (truncate or round, decimals, trailing
//! zeros) follow the template.

mod common;

use std::sync::Arc;

use cchc_core::aggregate::{add_up, ReceivedFile};
use cchc_core::appendix;
use cchc_core::exchange::{self, Opened};
use cchc_core::facts::Facts;
use cchc_core::period::ReportKind;
use cchc_core::report::Report;
use cchc_core::rules::{self, PendingInputs, Severity};
use cchc_core::sample::sample;
use cchc_core::sentences;
use cchc_core::template::{self, legacy, Template, TemplateError};
use cchc_core::text::Text;
use serde_json::{json, Value};

const SECOND: &str =
    include_str!("../../../tests/fixtures/templates/cchc-cap-xa-quang-ngai-2025-7.json");
const BROKEN: &str = include_str!("../../../tests/fixtures/templates/mau-loi.json");

fn second() -> Arc<Template> {
    Arc::new(template::read(SECOND.as_bytes()).expect("the second template is valid"))
}

/// The messages of a template made from the sample's by `change`.
fn mistakes(change: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut source = legacy().source.clone();
    change(&mut source);
    let errors = template::read(source.to_string().as_bytes()).expect_err("refused");
    errors.iter().map(TemplateError::to_string).collect()
}

/// A report of `template` with the one-stop figures of a ward that resolved
/// 1190 of 1204 applications (98,837...%).
fn report_of(template: &Template) -> Report {
    let mut report = Report::new(template, ReportKind::FirstQuarter, 2025);
    report.header.unit.name = Text::new("Nghĩa Lộ");
    for (key, value) in [
        ("applications.received", 1204),
        ("applications.resolved", 1190),
        ("applications.on_time", 1190),
        ("applications.carried_over", 13),
        ("applications.withdrawn", 1),
        ("digitised.outputs.count", 1190),
        ("digitised.outputs.total", 1204),
    ] {
        report.figures.set(key, json!(value));
    }
    report
}

fn one_stop(template: &Template) -> String {
    let report = report_of(template);
    sentences::lines(&Facts::new(template, &report), "one_stop_results").join("\n")
}

#[test]
fn every_kind_of_mistake_is_refused_with_its_place() {
    let messages = mistakes(|t| {
        t["rules"][0]["check"] = json!("plan.tasks_completed <= plan.tasks_totl");
    });
    assert_eq!(
        messages,
        ["rules[0].check: «plan.tasks_completed <= plan.tasks_totl» sai ở ký tự 25: không có số liệu «plan.tasks_totl»"]
    );
    let messages = mistakes(|t| {
        t["rules"][0]["check"] = json!("(plan.tasks_completed <= plan.tasks_total");
    });
    assert_eq!(
        messages,
        ["rules[0].check: «(plan.tasks_completed <= plan.tasks_total» sai ở ký tự 42: thiếu dấu «)» đóng ngoặc, gặp hết biểu thức"]
    );
    let messages = mistakes(|t| {
        t["appendix"][3]["rows"][1]["value"] = json!("appendix.4.3 + appendix.4.2");
    });
    assert_eq!(
        messages,
        ["appendix[3].rows[1].value: phép tính tự tham chiếu đến chính nó: 4.2 → 4.2"]
    );
    let messages = mistakes(|t| {
        t["appendix"][3]["rows"][2] =
            json!({"code": "4.3", "label": "Tổng", "value": "appendix.4.4"});
        t["appendix"][3]["rows"][3] =
            json!({"code": "4.4", "label": "Tổng lại", "value": "appendix.4.3 + 1"});
    });
    assert_eq!(
        messages,
        ["appendix[3].rows[2].value: phép tính tự tham chiếu đến chính nó: 4.3 → 4.4 → 4.3"]
    );
    let messages = mistakes(|t| t["appendix"][0]["rows"][2]["code"] = json!("1.1.a"));
    assert_eq!(
        messages,
        ["appendix[0].rows[2]: mã «1.1.a» trùng với appendix[0].rows[1]"]
    );
    let messages = mistakes(|t| {
        t["figures"][1]["figures"][0]
            .as_object_mut()
            .unwrap()
            .remove("label");
    });
    assert_eq!(messages, ["figures[1].figures[0]: thiếu «label» (nhãn)"]);
    let messages = mistakes(|t| t["appendix"][1]["rows"][0]["label"] = json!(" "));
    assert_eq!(
        messages,
        ["appendix[1].rows[0].label: «label» (nhãn) đang để trống"]
    );
}

#[test]
fn mistakes_of_shape_and_names_are_refused_too() {
    let only = |change: fn(&mut Value)| {
        let messages = mistakes(change);
        assert_eq!(messages.len(), 1, "{messages:#?}");
        messages[0].clone()
    };
    assert_eq!(
        only(|t| t["ruels"] = json!([])),
        "ruels: khóa «ruels» không có trong mẫu báo cáo (viết sai tên?); dùng được: $schema, id, version, title, issued_by, applies_from, numbers, figures, rules, outline, sentences, appendix, recipients"
    );
    assert_eq!(
        only(|t| t["figures"][0]["figures"][2]["kind"] = json!("number")),
        "figures[0].figures[2].kind: loại «number» không có; dùng một trong: count, money, percent, text, date, choice, list"
    );
    // A duplicate key: named, and what used the lost key is named too.
    let messages = mistakes(|t| t["figures"][0]["figures"][3]["key"] = json!("plan.tasks_total"));
    assert_eq!(
        messages[0],
        "figures[0].figures[3]: khóa «plan.tasks_total» trùng với figures[0].figures[2]"
    );
    assert!(messages[1..]
        .iter()
        .all(|m| m.ends_with("không có số liệu «plan.tasks_completed»")));
    let add_figure = |t: &mut Value, key: &str| {
        let figures = t["figures"][0]["figures"].as_array_mut().unwrap();
        figures.push(json!({"key": key, "label": "Thêm", "kind": "count"}));
    };
    let messages = mistakes(|t| add_figure(t, "plan.tasks_total.done"));
    assert_eq!(
        messages,
        ["figures[0].figures[2]: «plan.tasks_total» vừa là một số liệu vừa là nhóm của «plan.tasks_total.done»"]
    );
    let messages = mistakes(|t| add_figure(t, "figures.plan.extra"));
    assert_eq!(
        messages,
        ["figures[0].figures[4].key: khóa viết không có «figures.» ở đầu: «plan.extra»"]
    );
    let messages = mistakes(|t| add_figure(t, "unit.count"));
    assert_eq!(
        messages,
        ["figures[0].figures[4].key: khóa «unit.count» không được bắt đầu bằng unit, period, item, appendix, figures"]
    );
    assert_eq!(
        only(|t| t["numbers"]["ratio"]["rounding"] = json!("round")),
        "numbers.ratio.rounding: phải là một trong: truncate, half_up"
    );
    assert_eq!(
        only(|t| t["numbers"]["ratio"]["decimals"] = json!(3)),
        "numbers.ratio.decimals: số chữ số thập phân phải là 0, 1 hoặc 2"
    );
    assert_eq!(
        only(|t| t["rules"][0]["at"] = json!("plan.nothing")),
        "rules[0].at: không có số liệu «plan.nothing»"
    );
    assert_eq!(
        only(|t| t["outline"]["closing"][0]["sentence"] = json!("ket_thuc")),
        "outline.closing[0].sentence: không có câu tự động «ket_thuc» trong «sentences»"
    );
    assert_eq!(
        only(|t| t["sentences"][0]["lines"][0] = json!("Mở đầu [{unit.full_name}")),
        "sentences[0].lines[0]: «Mở đầu [{unit.full_name}» sai ở ký tự 8: thiếu dấu ] đóng phần không bắt buộc"
    );
    assert_eq!(
        only(|t| t["appendix"][6]["rows"][0]["options"] =
            json!([{"code": 0, "label": "Chưa"}, {"code": 0, "label": "Rồi"}])),
        "appendix[6].rows[0].options[1]: mã lựa chọn 0 trùng với một lựa chọn trước"
    );
    assert_eq!(
        only(|t| t["appendix"][0]["rows"][3]["code"] = json!("2.9")),
        "appendix[0].rows[3].code: mã «2.9» phải bắt đầu bằng mã nhóm «1.»"
    );
    assert_eq!(
        only(|t| t["version"] = json!(2025.10)),
        "version: viết phiên bản trong dấu nháy kép, ví dụ \"2025.10\""
    );
    assert_eq!(
        only(|t| t["figures"][0]["figures"][2]["options"] = json!([])),
        "figures[0].figures[2].options: «options» chỉ dùng cho số liệu loại «choice»"
    );
    assert_eq!(
        only(|t| t["sentences"][2]["lines"][0][1]["else"] = json!("x")),
        "sentences[2].lines[0][1].else: «else» không dùng được trong phần có «items»"
    );
    assert_eq!(
        only(|t| t["rules"][0]["at"] = json!([1])),
        "rules[0]: thiếu «at» (số liệu báo lỗi): khóa của số liệu, hoặc danh sách các khóa"
    );
    assert_eq!(
        only(|t| t["outline"]["closing"][0]["text"] = json!("Hết.")),
        "outline.closing[0]: một khối là câu tự động («sentence») hoặc đoạn văn («text»), không phải cả hai"
    );
    assert_eq!(
        only(|t| t["id"] = json!(" mau ")),
        "id: mã mẫu « mau » chỉ gồm chữ thường không dấu, chữ số và dấu - (không có dấu cách)"
    );
    assert_eq!(
        only(|t| t["id"] = json!("Mẫu 1")),
        "id: mã mẫu «Mẫu 1» chỉ gồm chữ thường không dấu, chữ số và dấu - (không có dấu cách)"
    );
}

#[test]
fn files_that_are_not_templates_say_so() {
    let refused = |bytes: &[u8]| {
        let errors = template::read(bytes).unwrap_err();
        assert_eq!(errors.len(), 1);
        errors[0].to_string()
    };
    assert_eq!(refused(b""), "Tệp rỗng, không có nội dung.");
    assert_eq!(
        refused(&[0xff, 0xfe, 0x7b]),
        "Tệp không phải văn bản UTF-8, không phải tệp mẫu báo cáo JSON."
    );
    assert_eq!(
        refused(b"{\n  \"id\": \"x\",\n  \"title\" \"y\"\n}"),
        "Tệp không phải JSON hợp lệ: dòng 3, cột 11 (sai cú pháp)."
    );
    let truncated = refused(&SECOND.as_bytes()[..SECOND.len() / 2]);
    assert!(
        truncated.starts_with("Tệp không phải JSON hợp lệ: dòng ")
            && truncated.ends_with("(tệp bị cắt cụt)."),
        "{truncated}"
    );
    let report = serde_json::to_string(&exchange::envelope(&legacy(), &sample(), 1, "t")).unwrap();
    assert_eq!(
        refused(report.as_bytes()),
        "Đây là tệp báo cáo, không phải tệp mẫu báo cáo: hãy mở bằng nút «Mở tệp JSON»."
    );
    assert_eq!(
        refused(br#"{"name": "todo"}"#),
        "Tệp JSON này không phải mẫu báo cáo (thiếu «id», «figures», «appendix»)."
    );
}

#[test]
fn a_broken_template_lists_every_mistake_at_once() {
    let errors: Vec<String> = template::read(BROKEN.as_bytes())
        .unwrap_err()
        .iter()
        .map(TemplateError::to_string)
        .collect();
    assert_eq!(
        errors,
        [
            "figures[1].figures[0]: thiếu «label» (nhãn)",
            "appendix[2].rows[12]: mã «3.3.a» trùng với appendix[2].rows[5]",
            "appendix[3].rows[1].value: phép tính tự tham chiếu đến chính nó: 4.2 → 4.2",
            "figures[2].ratios[0].numerator: «online.partial.count +» sai ở ký tự 23: thiếu một giá trị, gặp hết biểu thức",
            "rules[1].check: «applications.resolved <= applications.recieved» sai ở ký tự 26: không có số liệu «applications.recieved»",
        ]
    );
}

#[test]
fn a_second_template_changes_the_form_without_new_code() {
    let second = second();
    assert_eq!(second.display_name(), "Báo cáo kết quả thực hiện công tác CCHC của UBND cấp xã (chính quyền hai cấp) (phiên bản 2025.7)");
    assert_ne!(second.sha256, legacy().sha256);
    let report = Report::new(&second, ReportKind::ThirdQuarter, 2025);
    assert_eq!(report.template, Some(second.reference()));
    // Default recipients in today's two-tier wording.
    assert_eq!(
        report.recipients.printed_lines(),
        [
            "- Sở Nội vụ tỉnh Quảng Ngãi;",
            "- Văn phòng UBND tỉnh;",
            "- TT Đảng ủy, TT HĐND xã;",
            "- CT và các PCT UBND xã;",
            "- Lưu: VT."
        ]
    );
    // Two indicators added, one removed, labels reworded.
    let codes = |template: &Template| -> Vec<String> {
        template.rows.iter().map(|r| r.code.clone()).collect()
    };
    let (old, new) = (codes(&legacy()), codes(&second));
    let added: Vec<&String> = new.iter().filter(|c| !old.contains(c)).collect();
    let removed: Vec<&String> = old.iter().filter(|c| !new.contains(c)).collect();
    assert_eq!(added, ["3.5", "7.10"]);
    assert_eq!(removed, ["7.6.b"]);
    assert_eq!(
        second.row("1.2").unwrap().label,
        "Thực hiện nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao"
    );
    // The added computed indicator is computed by the one engine.
    let report = report_of(&second);
    let facts = Facts::new(&second, &report);
    let cell = appendix::cell(&facts, second.row("7.10").unwrap());
    assert_eq!(
        (cell.value_text.as_str(), cell.note.as_str()),
        ("98,84", "1.190/1.204")
    );
    // Validation reads the same rules from it.
    let mut wrong = report.clone();
    wrong.figures.set("applications.resolved", json!(1300));
    let issues = rules::check(&Facts::new(&second, &wrong), &PendingInputs::new());
    assert!(issues
        .iter()
        .any(|issue| issue.path == "figures.applications.resolved"
            && issue.severity == Severity::Error
            && issue
                .message
                .contains("(1.300) không được lớn hơn số hồ sơ đã tiếp nhận (1.204)")));
}

#[test]
fn ratios_round_or_truncate_as_the_template_says() {
    // 1190/1204 = 98,837...%: the sample ward truncates, the province rounds.
    assert!(
        one_stop(&legacy()).contains("1.190/1.204 hồ sơ đạt 98,83%"),
        "{}",
        one_stop(&legacy())
    );
    assert!(
        one_stop(&second()).contains("1.190/1.204 hồ sơ đạt 98,84%"),
        "{}",
        one_stop(&second())
    );
    let with_numbers = |numbers: Value| {
        let mut source = second().source.clone();
        source["numbers"] = numbers;
        template::read(source.to_string().as_bytes()).unwrap()
    };
    let one_decimal = with_numbers(json!({"ratio": {"rounding": "half_up", "decimals": 1}}));
    assert!(one_stop(&one_decimal).contains("1.190/1.204 hồ sơ đạt 98,8%"));
    // A whole percentage drops its zeros unless the template keeps them.
    assert!(one_stop(&one_decimal).contains("1.190/1.190 hồ sơ đạt 100%"));
    let keep = with_numbers(
        json!({"ratio": {"rounding": "half_up", "decimals": 1, "trailing_zeros": "keep"}}),
    );
    assert!(
        one_stop(&keep).contains("1.190/1.190 hồ sơ đạt 100,0%"),
        "{}",
        one_stop(&keep)
    );
    // Small counts written plainly when the template says so.
    assert!(one_stop(&legacy()).contains("còn lại 13 hồ sơ chuyển kỳ sau và 01 hồ sơ rút"));
    let plain = with_numbers(json!({"small_counts": "plain"}));
    assert!(one_stop(&plain).contains("còn lại 13 hồ sơ chuyển kỳ sau và 1 hồ sơ rút"));
}

#[test]
fn a_file_of_the_second_template_opens_where_it_was_never_installed() {
    let second = second();
    let report = report_of(&second);
    let file = serde_json::to_string_pretty(&exchange::envelope(&second, &report, 1, "t")).unwrap();
    let only_built_in =
        |wanted: &template::TemplateRef| template::find(template::built_in(), wanted);
    let opened = exchange::open(file.as_bytes(), &only_built_in).unwrap();
    assert_eq!(opened.report, report);
    assert_eq!(*opened.template, *second);
    assert!(opened.checksum_ok);
}

fn received(name: &str, template: Arc<Template>, report: Report) -> ReceivedFile {
    ReceivedFile {
        name: name.to_owned(),
        opened: Ok(Opened {
            report,
            template,
            revision: 1,
            checksum_ok: true,
            from_version: 2,
        }),
    }
}

#[test]
fn the_office_adds_up_files_of_one_template_only() {
    let second = second();
    let mut other = report_of(&second);
    other.header.unit.name = Text::new("Nghĩa Hành");
    let summary = add_up(&[
        received("nghia-lo.json", second.clone(), report_of(&second)),
        received("nghia-hanh.json", second.clone(), other),
        received("tqt.json", legacy(), sample()),
    ]);
    assert_eq!(summary.template.as_deref(), Some(&*second));
    assert_eq!(summary.units.len(), 2);
    let refused: Vec<&str> = summary
        .notes
        .iter()
        .filter(|note| note.severity == Severity::Error)
        .map(|note| note.file_name.as_str())
        .collect();
    assert_eq!(refused, ["tqt.json"]);
    assert!(summary
        .notes
        .iter()
        .any(|n| n.message.contains("khác mẫu đang tổng hợp")));
    let row = |code: &str| {
        summary
            .rows
            .iter()
            .find(|row| summary.row(row).code == code)
            .unwrap()
    };
    assert_eq!(row("7.10").total, "98,84");
    assert_eq!(row("7.10").note, "Tính lại từ tổng: 2.380/2.408");
    assert!(summary.rows.iter().all(|r| summary.row(r).code != "7.6.b"));
}

#[test]
fn installed_templates_are_listed_newest_version_first_each_once() {
    let newer = {
        let mut source = second().source.clone();
        source["version"] = json!("2025.10");
        Arc::new(template::read(source.to_string().as_bytes()).unwrap())
    };
    let listed = template::arrange(vec![second(), legacy(), newer.clone(), second()]);
    let names: Vec<(String, String)> = listed
        .iter()
        .map(|t| (t.id.clone(), t.version.clone()))
        .collect();
    assert_eq!(
        names,
        [
            ("cchc-cap-xa-quang-ngai".to_owned(), "2025.10".to_owned()),
            ("cchc-cap-xa-quang-ngai".to_owned(), "2025.7".to_owned()),
            ("cchc-xa-phuong-quang-ngai".to_owned(), "2025.1".to_owned()),
        ]
    );
    assert_eq!(
        template::find(&listed, &second().reference()).map(|t| t.version.clone()),
        Some("2025.7".to_owned())
    );
    assert_eq!(
        template::find(&listed, &newer.reference()).map(|t| t.version.clone()),
        Some("2025.10".to_owned())
    );
}

#[test]
fn a_template_is_stored_and_read_back_the_same() {
    let second = second();
    let again = template::read(second.to_json().as_bytes()).unwrap();
    assert_eq!(again, *second);
    // Text typed with decomposed accents reads as the same template.
    let decomposed = SECOND.replace("Sở Nội vụ", "So\u{31b}\u{309} Nội vụ");
    assert_ne!(decomposed, SECOND);
    assert_eq!(
        template::read(decomposed.as_bytes()).unwrap().sha256,
        second.sha256
    );
}

/// The sample's template with its group 6 replaced by `rows`.
fn with_rows_of_group_6(rows: Vec<Value>) -> Result<Template, Vec<String>> {
    let mut source = legacy().source.clone();
    source["appendix"][5]["rows"] = Value::Array(rows);
    template::read(source.to_string().as_bytes())
        .map_err(|errors| errors.iter().map(TemplateError::to_string).collect())
}

#[test]
fn hostile_templates_are_refused_quickly_without_exhausting_the_stack() {
    let started = std::time::Instant::now();
    // A chain of computed rows, each reading the one before twice: refused
    // when too long, and computed once per row when not.
    let chain = |length: usize| -> Vec<Value> {
        let mut rows = vec![json!({"code": "6.1", "label": "Gốc", "kind": "count"})];
        for k in 2..=length {
            let before = format!("appendix.6.{}", k - 1);
            rows.push(json!({"code": format!("6.{k}"), "label": "Tính", "value": format!("{before} + {before}")}));
        }
        rows
    };
    let long = with_rows_of_group_6(chain(40)).unwrap_err();
    assert_eq!(
        long,
        ["appendix[5].rows[17].value: dòng này tính từ một chuỗi quá 16 dòng khác nối nhau"]
    );
    let template = with_rows_of_group_6(chain(17)).unwrap();
    let mut report = Report::new(&template, ReportKind::FirstQuarter, 2025);
    report.appendix.insert(
        "6.1".into(),
        cchc_core::report::AppendixEntry {
            value: Some(cchc_core::report::CellValue::Number(
                cchc_core::decimal::Decimal::from(1),
            )),
            note: Text::default(),
        },
    );
    let facts = Facts::new(&template, &report);
    let last = appendix::cell(&facts, template.row("6.17").unwrap());
    assert_eq!(last.value_text, "65.536", "2^16, each row computed once");
    // Very many rows, or brackets nested without end.
    let many: Vec<Value> = (1..=2500)
        .map(|k| json!({"code": format!("6.{k}"), "label": "Dòng", "kind": "count"}))
        .collect();
    assert_eq!(
        with_rows_of_group_6(many).unwrap_err(),
        ["appendix: quá nhiều chỉ tiêu (2554; tối đa 2000)"]
    );
    let deep = format!(
        "{}plan.tasks_total{}",
        "(".repeat(50_000),
        ")".repeat(50_000)
    );
    let refused = mistakes(|t| t["rules"][0]["check"] = json!(deep));
    assert_eq!(refused.len(), 1);
    assert!(
        refused[0].contains("biểu thức lồng nhau quá sâu"),
        "{}",
        refused[0]
    );
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
}

#[test]
fn a_computed_row_may_say_its_kind() {
    let template = with_rows_of_group_6(vec![
        json!({"code": "6.1", "label": "Tỷ lệ", "kind": "percent",
               "value": "plan.tasks_completed * 100 / plan.tasks_total"}),
    ])
    .unwrap();
    let mut report = sample();
    report.template = Some(template.reference());
    let facts = Facts::new(&template, &report);
    // 10 * 100 / 33 = 30,30...: a percentage, by the template's ratio rule.
    assert_eq!(
        appendix::cell(&facts, template.row("6.1").unwrap()).value_text,
        "30,3"
    );
}
