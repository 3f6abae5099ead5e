//! The report model beyond the sample: a new empty report, missing figures,
//! header numbering, recipients and text normalisation.

use cchc_core::appendix;
use cchc_core::catalog::indicator;
use cchc_core::period::ReportKind;
use cchc_core::report::{
    AppendixEntry, Block, CellValue, Recipients, Report, Sentence, TitleCount, UnitKind,
};
use cchc_core::sample::sample;
use cchc_core::sentences::{lines, BLANK};
use cchc_core::text::Text;

fn all_sentences() -> [Sentence; 7] {
    [
        Sentence::Introduction,
        Sentence::PlanProgress,
        Sentence::OneStopResults,
        Sentence::StaffOfficials,
        Sentence::StaffCivilServants,
        Sentence::OutgoingDocuments,
        Sentence::Closing,
    ]
}

#[test]
fn a_new_report_has_the_legal_period_and_the_standard_outline() {
    let report = Report::new(ReportKind::ThirdQuarter, 2025);
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
    let report = Report::new(ReportKind::FirstQuarter, 2026);
    let json = report.to_json();
    for sentence in all_sentences() {
        let name = serde_json::to_string(&sentence).unwrap();
        assert!(json.contains(&format!("\"sentence\": {name}")), "{name}");
    }
}

#[test]
fn missing_figures_print_as_blanks_never_as_zero() {
    let mut report = Report::new(ReportKind::FirstQuarter, 2026);
    report.header.unit.kind = UnitKind::Xa;
    report.header.unit.name = Text::new("Tịnh Kỳ");
    for sentence in all_sentences() {
        for line in lines(sentence, &report) {
            assert!(
                !line.contains("NaN") && !line.contains("undefined"),
                "{line}"
            );
            assert!(!line.contains(" 0 ") && !line.contains("0/"), "{line}");
            assert!(!line.contains("đạt %"), "{line}");
        }
    }
    let one_stop = lines(Sentence::OneStopResults, &report).join("\n");
    assert!(
        one_stop.contains(&format!("là {BLANK} hồ sơ")),
        "{one_stop}"
    );
    assert!(!one_stop.contains("còn lại"), "{one_stop}");
    assert!(!one_stop.contains("Trong đó: (Thu"), "{one_stop}");
    assert_eq!(
        lines(Sentence::Introduction, &report)[0],
        "Thực hiện theo quy định về báo cáo định kỳ công tác cải cách hành chính; UBND xã Tịnh Kỳ báo cáo kết quả thực hiện công tác cải cách hành chính Quý I/2026 trên địa bàn xã Tịnh Kỳ, như sau:"
    );
    assert_eq!(
        lines(Sentence::StaffCivilServants, &report),
        [format!("* Về công chức UBND xã: có {BLANK} người.")]
    );
    for cell in appendix::cells(&report) {
        assert_eq!(cell.value_text(), "", "{}", cell.indicator.code);
    }
}

#[test]
fn zero_denominators_give_no_percentage() {
    let mut report = sample();
    report.figures.applications = Default::default();
    report.figures.applications.received = Some(0);
    report.figures.applications.resolved = Some(0);
    report.figures.documents.outgoing = Some(0);
    report.figures.documents.digitally_signed = Some(0);
    let one_stop = lines(Sentence::OneStopResults, &report)[0].clone();
    assert!(
        one_stop.contains("là 0 hồ sơ, đã giải quyết và trả cho công dân là 0/0 hồ sơ."),
        "{one_stop}"
    );
    assert!(!one_stop.contains("đạt"), "{one_stop}");
    assert_eq!(
        lines(Sentence::OutgoingDocuments, &report),
        ["Tổng số văn bản đi là 0 văn bản các loại, không ban hành văn bản quy phạm pháp luật nào; 0/0 văn bản đi được ký số điện tử."]
    );
    let cell = appendix::cell(&report, indicator("7.7.a").unwrap());
    assert_eq!(
        (cell.value_text(), cell.note.as_str()),
        (String::new(), "0/0")
    );
}

#[test]
fn other_figures_change_the_wording() {
    let mut report = sample();
    report.figures.documents.legal_normative = Some(2);
    report.figures.documents.digitally_signed = Some(200);
    report.figures.fees.cash = Some(5_000);
    report.figures.applications.carried_over = Some(0);
    report.figures.staff.officials.titles.push(TitleCount {
        count: Some(12),
        title: Text::new("người hoạt động không chuyên trách"),
    });
    assert_eq!(
        lines(Sentence::OutgoingDocuments, &report),
        ["Tổng số văn bản đi là 222 văn bản các loại, trong đó có 02 văn bản quy phạm pháp luật; 200/222 văn bản đi được ký số điện tử, đạt 90,09%."]
    );
    let one_stop = lines(Sentence::OneStopResults, &report).join("\n");
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
    let officials = lines(Sentence::StaffOfficials, &report)[0].clone();
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
    let cell = appendix::cell(&read, indicator("7.4").unwrap());
    assert_eq!(cell.value_text(), "<script>alert(1)</script>");
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
