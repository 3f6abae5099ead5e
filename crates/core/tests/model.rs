//! The report model beyond the sample: a new empty report, missing figures,
//! header numbering, recipients and text normalisation.

mod common;

use cchc_core::appendix;
use cchc_core::facts::Facts;
use cchc_core::period::ReportKind;
use cchc_core::report::{AppendixEntry, Block, CellValue, Recipients, Report, UnitKind};
use cchc_core::sample::sample;
use cchc_core::sentences::{self, BLANK};
use cchc_core::template::legacy;
use cchc_core::text::Text;
use common::set;
use serde_json::{json, Value};

fn all_sentences() -> Vec<String> {
    legacy().sentences.iter().map(|s| s.key.clone()).collect()
}

fn lines(sentence: &str, report: &Report) -> Vec<String> {
    sentences::lines(&Facts::new(&legacy(), report), sentence)
}

fn new_report(kind: ReportKind, year: i32) -> Report {
    Report::new(&legacy(), kind, year)
}

fn cell_of(report: &Report, code: &str) -> (String, String) {
    let template = legacy();
    let cell = appendix::cell(&Facts::new(&template, report), template.row(code).unwrap());
    (cell.value_text, cell.note)
}

#[test]
fn a_new_report_has_the_legal_period_and_the_standard_outline() {
    let report = new_report(ReportKind::ThirdQuarter, 2025);
    assert_eq!(report.period.from.unwrap().iso(), "2025-06-15");
    assert_eq!(report.period.to.unwrap().iso(), "2025-09-14");
    assert_eq!(report.period.due_date().unwrap().iso(), "2025-09-20");
    assert_eq!(
        report.header.number_and_symbol(),
        "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/BC-UBND"
    );
    let titles: Vec<&str> = report
        .narrative
        .parts
        .iter()
        .map(|part| part.title.as_str())
        .collect();
    assert_eq!(titles, ["Kết quả đạt được", "Nhận xét, đánh giá"]);
    assert_eq!(report.narrative.parts[0].subsections.len(), 7);
    // The sample follows the same outline: same titles at the first two levels.
    let outline = |report: &Report| -> Vec<String> {
        report
            .narrative
            .parts
            .iter()
            .flat_map(|part| {
                std::iter::once(part.title.to_string())
                    .chain(part.subsections.iter().map(|s| s.title.to_string()))
            })
            .collect()
    };
    assert_eq!(outline(&report), outline(&sample()));
    let json = report.to_json();
    assert_eq!(Report::from_json(&json).unwrap(), report);
}

#[test]
fn every_generated_sentence_sits_in_the_new_outline() {
    let report = new_report(ReportKind::FirstQuarter, 2026);
    let json = report.to_json();
    assert_eq!(all_sentences().len(), 7);
    for sentence in all_sentences() {
        assert!(
            json.contains(&format!("\"sentence\": \"{sentence}\"")),
            "{sentence}"
        );
    }
}

#[test]
fn missing_figures_print_as_blanks_never_as_zero() {
    let mut report = new_report(ReportKind::FirstQuarter, 2026);
    report.header.unit.kind = UnitKind::Xa;
    report.header.unit.name = Text::new("Tịnh Kỳ");
    for sentence in all_sentences() {
        for line in lines(&sentence, &report) {
            assert!(
                !line.contains("NaN") && !line.contains("undefined"),
                "{line}"
            );
            assert!(!line.contains(" 0 ") && !line.contains("0/"), "{line}");
            assert!(!line.contains("đạt %"), "{line}");
        }
    }
    let one_stop = lines("one_stop_results", &report).join("\n");
    assert!(
        one_stop.contains(&format!("là {BLANK} hồ sơ")),
        "{one_stop}"
    );
    assert!(!one_stop.contains("còn lại"), "{one_stop}");
    assert!(!one_stop.contains("Trong đó: (Thu"), "{one_stop}");
    assert_eq!(
        lines("introduction", &report)[0],
        "Thực hiện theo quy định về báo cáo định kỳ công tác cải cách hành chính; UBND xã Tịnh Kỳ báo cáo kết quả thực hiện công tác cải cách hành chính Quý I/2026 trên địa bàn xã Tịnh Kỳ, như sau:"
    );
    assert_eq!(
        lines("staff_civil_servants", &report),
        [format!("* Về công chức UBND xã: có {BLANK} người.")]
    );
    let template = legacy();
    for cell in appendix::cells(&Facts::new(&template, &report)) {
        assert_eq!(cell.value_text, "", "{}", cell.row.code);
    }
}

#[test]
fn zero_denominators_give_no_percentage() {
    let mut report = sample();
    for key in ["on_time", "carried_over", "withdrawn"] {
        set(&mut report, &format!("applications.{key}"), Value::Null);
    }
    set(&mut report, "applications.received", json!(0));
    set(&mut report, "applications.resolved", json!(0));
    set(&mut report, "documents.outgoing", json!(0));
    set(&mut report, "documents.digitally_signed", json!(0));
    let one_stop = lines("one_stop_results", &report)[0].clone();
    assert!(
        one_stop.contains("là 0 hồ sơ, đã giải quyết và trả cho công dân là 0/0 hồ sơ."),
        "{one_stop}"
    );
    assert!(!one_stop.contains("đạt"), "{one_stop}");
    assert_eq!(
        lines("outgoing_documents", &report),
        ["Tổng số văn bản đi là 0 văn bản các loại, không ban hành văn bản quy phạm pháp luật nào; 0/0 văn bản đi được ký số điện tử."]
    );
    assert_eq!(cell_of(&report, "7.7.a"), (String::new(), "0/0".to_owned()));
}

#[test]
fn other_figures_change_the_wording() {
    let mut report = sample();
    set(&mut report, "documents.legal_normative", json!(2));
    set(&mut report, "documents.digitally_signed", json!(200));
    set(&mut report, "fees.cash", json!(5_000));
    set(&mut report, "applications.carried_over", json!(0));
    report
        .figures
        .items_mut("staff.officials.titles")
        .unwrap()
        .push(json!({"count": 12, "title": "người hoạt động không chuyên trách"}));
    assert_eq!(
        lines("outgoing_documents", &report),
        ["Tổng số văn bản đi là 222 văn bản các loại, trong đó có 02 văn bản quy phạm pháp luật; 200/222 văn bản đi được ký số điện tử, đạt 90,09%."]
    );
    let one_stop = lines("one_stop_results", &report).join("\n");
    assert!(
        one_stop.contains("99,52%, còn lại 01 hồ sơ rút."),
        "{one_stop}"
    );
    assert!(
        one_stop.contains(
            "Trong đó: (Thu phí bằng tiền mặt là: 5.000 đồng, Thu phí bằng hình thức chuyển khoản"
        ),
        "{one_stop}"
    );
    let officials = lines("staff_officials", &report)[0].clone();
    assert!(officials.ends_with("01 PCT HĐND phường, 05 người thuộc tổ chức chính trị - xã hội và 12 người hoạt động không chuyên trách."), "{officials}");
}

#[test]
fn document_numbers_below_ten_get_a_leading_zero() {
    let mut report = sample();
    report.header.number = Some(5);
    assert_eq!(report.header.number_and_symbol(), "05/BC-UBND");
    report.header.number = Some(140);
    assert_eq!(report.header.number_and_symbol(), "140/BC-UBND");
}

#[test]
fn recipients_print_as_a_list_ending_with_the_archive() {
    let recipients = Recipients {
        lines: vec![
            Text::new("Sở Nội vụ tỉnh Quảng Ngãi"),
            Text::new("- Văn phòng UBND tỉnh;"),
            Text::new("   "),
        ],
        archive: Text::new("Lưu: VT"),
    };
    assert_eq!(
        recipients.printed_lines(),
        [
            "- Sở Nội vụ tỉnh Quảng Ngãi;",
            "- Văn phòng UBND tỉnh;",
            "- Lưu: VT."
        ]
    );
    assert!(Recipients::default().printed_lines().is_empty());
}

#[test]
fn text_read_from_json_is_nfc_and_kept_as_text() {
    let mut report = sample();
    report.appendix.insert(
        "7.4".into(),
        AppendixEntry {
            value: Some(CellValue::Text(Text::new("<script>alert(1)</script>"))),
            note: Text::default(),
        },
    );
    let json = report.to_json().replace(
        "Trương Thanh Thảo",
        "Tru\u{031b}o\u{031b}ng Thanh Tha\u{0309}o",
    );
    let read = Report::from_json(&json).unwrap();
    assert_eq!(read.signature.name, "Trương Thanh Thảo");
    assert_eq!(cell_of(&read, "7.4").0, "<script>alert(1)</script>");
}

#[test]
fn a_text_block_keeps_its_footnote_and_bullet() {
    let report = sample();
    let first = &report.narrative.parts[0].subsections[0].blocks[0];
    let Block::Text(block) = first else {
        panic!("the first block is text")
    };
    assert!(block.bullet);
    assert!(block
        .footnote
        .starts_with("Kế hoạch cải cách hành chính phường Trương Quang Trọng năm 2025"));
}
