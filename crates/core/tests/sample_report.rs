//! The sample report against the seed: lossless JSON, every derived value,
//! every generated sentence (with the seed's slips fixed, each named), and a
//! narrative that holds every sentence the ward wrote.

mod common;

use cchc_core::appendix;
use cchc_core::decimal::Decimal;
use cchc_core::facts::Facts;
use cchc_core::report::{Block, Report, Section, FORMAT_VERSION};
use cchc_core::sample::{sample, SAMPLE_JSON};
use cchc_core::sentences::lines;
use cchc_core::template::legacy;
use cchc_core::text::nfc;
use cchc_core::vi::{self, RatioRule};
use common::{apply_fixes, cleaned_seed, normalise_ws, seed_body, set, Fix};

/// The sample as it was written before templates: format version 1, no
/// template named.
fn as_written_before_templates(report: &Report) -> Report {
    Report {
        format_version: 1,
        template: None,
        ..report.clone()
    }
}

const SAMPLE_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/public/examples/bao-cao-cchc-quy-I-2025-phuong-truong-quang-trong.json"
);

#[test]
fn json_round_trip_is_lossless() {
    let report = sample();
    let original: serde_json::Value = serde_json::from_str(SAMPLE_JSON).unwrap();
    let written = as_written_before_templates(&report).to_json();
    let rewritten: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(rewritten, original);
    assert_eq!(Report::from_json(&report.to_json()).unwrap(), report);
    assert_eq!(report.format_version, FORMAT_VERSION);
    assert_eq!(report.template, Some(legacy().reference()));
}

/// The sample file is the report as the app wrote it before templates, key
/// for key: reading it under the sample's template and writing it back in
/// that shape gives the same text, so the template keeps the old order.
#[test]
fn sample_file_is_in_canonical_form_and_nfc() {
    let canonical = as_written_before_templates(&sample()).to_json() + "\n";
    if std::env::var_os("BLESS_SAMPLE").is_some() {
        std::fs::write(SAMPLE_PATH, &canonical).unwrap();
    }
    assert_eq!(
        SAMPLE_JSON, canonical,
        "the sample differs from what the app writes; run BLESS_SAMPLE=1 cargo test to rewrite it"
    );
    assert_eq!(nfc(SAMPLE_JSON), SAMPLE_JSON);
}

#[test]
fn json_is_readable_with_iso_dates_and_a_version() {
    let json: serde_json::Value = serde_json::from_str(SAMPLE_JSON).unwrap();
    assert_eq!(json["format_version"], 1);
    assert_eq!(json["header"]["date"], "2025-03-06");
    assert_eq!(json["period"]["from"], "2024-12-15");
    assert_eq!(json["period"]["to"], "2025-03-05");
    assert_eq!(json["period"]["kind"], "quy_i");
    assert_eq!(json["figures"]["applications"]["received"], 847);
    assert_eq!(json["figures"]["fees"]["total"], 16_091_000);
    assert_eq!(json["appendix"]["7.4"]["value"], "4 Tổ chức và 9 cá nhân");
    assert_eq!(json["appendix"]["3.3.c"]["value"], 100);
}

#[test]
fn header_signature_and_recipients_match_the_seed() {
    let report = sample();
    let seed = cleaned_seed();
    let header = &report.header;
    assert!(seed.contains(header.issuing_agency.as_str()));
    assert_eq!(header.unit.header_line(), "PHƯỜNG TRƯƠNG QUANG TRỌNG");
    assert!(seed.contains(&header.unit.header_line()));
    assert_eq!(header.number_and_symbol(), "40/BC-UBND");
    let date = header.date.unwrap();
    // The seed writes "Báo cáo số 40 /BC-UBND"; the stray space is dropped.
    assert!(seed.contains(&format!(
        "Báo cáo số 40 /BC-UBND ngày {}",
        vi::format_date(date)
    )));
    // The seed abbreviates the place as "P. Trương Quang Trọng"; the sample
    // writes the unit's name as Nghị định 30/2020 shows it.
    assert!(seed.contains(&format!("P. {}, {}", header.place, vi::date_in_words(date))));
    assert_eq!(vi::date_in_words(date), "ngày 06 tháng 3 năm 2025");
    assert_eq!(
        report.summary(),
        "Kết quả thực hiện công tác cải cách hành chính Quý I năm 2025"
    );
    assert!(normalise_ws(&seed).contains(&normalise_ws(
        "Kết quả thực hiện công tác cải cách hành chính \nQuý I năm 2025"
    )));

    assert!(seed.contains(&format!(
        "{}\n\n\n\n{}",
        report.signature.title, report.signature.name
    )));

    let seed_recipients: Vec<String> = seed
        .lines()
        .skip_while(|line| !line.contains("Nơi nhận:"))
        .skip(1)
        .take_while(|line| line.starts_with("- "))
        .map(str::to_owned)
        .collect();
    let mut expected = seed_recipients.clone();
    // The seed's archive line lacks its colon: "- Lưu VT, Vương (15)."
    assert_eq!(expected.pop().as_deref(), Some("- Lưu VT, Vương (15)."));
    expected.push("- Lưu: VT, Vương (15).".to_owned());
    assert_eq!(report.recipients.printed_lines(), expected);
}

#[test]
fn derived_values_of_the_sample() {
    let report = sample();
    let template = legacy();
    let facts = Facts::new(&template, &report);
    let shown = |code| {
        let cell = appendix::cell(&facts, template.row(code).unwrap());
        (cell.value_text, cell.note, cell.computed)
    };
    assert_eq!(shown("3.4.a"), ("100".into(), "843/843".into(), true));
    assert_eq!(shown("3.4.b"), ("100".into(), "843/843".into(), true));
    assert_eq!(shown("4.2"), ("22".into(), String::new(), true));
    assert_eq!(shown("7.7"), ("222".into(), String::new(), true));
    assert_eq!(shown("7.7.a"), ("100".into(), "222/222".into(), true));
    assert_eq!(shown("7.9.c"), ("99,82".into(), "576/577".into(), true));
    assert_eq!(shown("7.9.d"), ("100".into(), "255/255".into(), true));
    assert_eq!(shown("1.1.a"), ("33".into(), String::new(), true));
    assert_eq!(shown("3.1"), ("159".into(), String::new(), false));
    let ratio = |key: &str| {
        let ratio = template.ratios.iter().find(|r| r.key == key).unwrap();
        facts.ratio_text(ratio)
    };
    assert_eq!(
        ratio("applications.resolved").as_deref(),
        Some("843/847 (99,52%)")
    );
    assert_eq!(ratio("online.all").as_deref(), Some("831/832 (99,87%)"));
    assert_eq!(
        ratio("digitised.outputs").as_deref(),
        Some("842/843 (99,88%)")
    );
    assert_eq!(ratio("staff.present").as_deref(), Some("22/25 (88%)"));
    let whole = |n| Decimal::from_whole(n).unwrap();
    let resolved = vi::percent_of(whole(843), whole(847), RatioRule::TRUNCATE_2);
    assert_eq!(resolved.map(vi::format_decimal).as_deref(), Some("99,52"));
}

#[test]
fn a_figure_typed_once_feeds_every_place_that_quotes_it() {
    let mut report = sample();
    set(&mut report, "online.partial.count", 570.into());
    let template = legacy();
    let facts = Facts::new(&template, &report);
    assert_eq!(
        appendix::cell(&facts, template.row("7.9.c").unwrap()).note,
        "570/577"
    );
    let one_stop = lines(&facts, "one_stop_results").join(" ");
    assert!(one_stop.contains("825/832 hồ sơ đạt 99,15%"), "{one_stop}");
    assert!(one_stop.contains("570/577 hồ sơ đạt 98,78%"), "{one_stop}");
}

/// The seed's own wording of each sentence the app generates.
const SEED_WORDING: [&str; 7] = [
    SEED_INTRODUCTION,
    SEED_CLOSING,
    SEED_PLAN_PROGRESS,
    SEED_ONE_STOP_RESULTS,
    SEED_STAFF_OFFICIALS,
    SEED_STAFF_CIVIL_SERVANTS,
    SEED_OUTGOING_DOCUMENTS,
];
const SEED_INTRODUCTION: &str = "Thực hiện theo quy định về báo cáo định kỳ công tác cải cách hành chính; UBND phường Trương Quang Trọng báo cáo kết quả thực hiện công tác cải cách hành chính Quý I/2025 trên địa bàn phường Trương Quang Trọng, như sau:";
const SEED_CLOSING: &str = "Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính Quý I/2025 của UBND phường Trương Quang Trọng./.";
const SEED_PLAN_PROGRESS: &str = "· Đã chỉ đạo thực hiện hoàn thành 10/33 nhiệm vụ đề ra tại Kế hoạch số 02/KH-UBND ngày 03/01/2025 của UBND phường về CCHC năm 2025";
const SEED_ONE_STOP_RESULTS: &str = "- Trong Quý I năm 2025 (Từ ngày 15/12/2024 đến ngày 05/3/2025) đã tiếp nhận giải quyết và trả hồ sơ cho các tổ chức và công dân là 847 hồ sơ, đã giải quyết và trả cho công dân là 843/847 hồ sơ đạt 99,52% còn lại 03 hồ sơ chuyển kỳ sau và 01 hồ sơ rút. Trong đó: Trước hạn là 843/843 hồ sơ đạt 100%.
        * Tiếp nhận hồ sơ qua ứng dụng dịch vụ công trực tuyến là: 831/832 hồ sơ đạt 99,87%, Trong đó: (Hồ sơ qua dịch vụ công trực tuyến một phần là: 576/577 hồ sơ đạt 99,82% và Hồ sơ quan dịch vụ công trực tuyến toàn trình là: 255/255 hồ sơ đạt 100%)
        - Có 829/829 hồ sơ có số hoá thành phần hồ sơ đầu vào đạt 100%.
        - Có 842/843 hồ sơ có số hoá kết quả thành phần hồ sơ đầu ra đạt 99,88%.
        * Tổng số phí, lệ phí thu được trong Quý I năm 2025 là: 16.091.000 đồng
        Trong đó: (Thu phí bằng hình thức chuyển khoản không dùng tiền mặt là: 1.272.500 đồng và Thu phí bằng hình thức thanh toán trực tuyến qua DVC quốc gia: 14.818.500 đồng)
        - Qua giải quyết TTHC trong Quý I/2025 đươc lấy ý kiến đánh giá mức độ hài lòng của tổ chức và công dân 500 phiếu, qua đánh giá rất hài lòng đạt 100%.";
const SEED_STAFF_OFFICIALS: &str = "* Về cán bộ: có 10 người, gồm các chức danh: 01 Bí thư Đảng ủy kiêm CT UBND phường, 01 Phó Bí thư thường trực Đảng ủy kiêm CT HĐND phường, 02 Phó Chủ tịch UBND phường, 01 PCT HĐND phường và 05 người thuộc tổ chức chính trị - xã hội.
        - Về trình độ chuyên môn: Thạc sỹ: 01/10 đạt 10%, Đại học 6/10 đạt 60%; Cao đẳng: 01/10 chiếm 10%; Trung cấp: 02/10 chiếm 20%.
        - Trình độ chính trị: Cao cấp: 01/10 đạt 10%; Trung cấp: 09/10 đạt 90%";
const SEED_STAFF_CIVIL_SERVANTS: &str = "* Về công chức UBND phường: Có 12 người, gồm các chức danh: 02 công chức Văn phòng - Thống kê; 02 công chức Tư pháp - Hộ tịch; 02 công chức Địa chính - Xây dựng - Đô thị và Môi trường; 02 công chức Tài chính - Kế toán; 03 công chức Văn hóa - Xã hội; 01 chỉ huy trưởng BCH Quân sự.
        - Về chuyên môn nghiệp vụ: Thạc sỹ: 01/12 đạt 8,3%, Đại học: 11/12 người, tỷ lệ: 91,17%.
        Về chính trị: Trung cấp: 11/12 người, tỷ lệ: 91,17%, Sơ cấp: 01/12 người, tỷ lệ: 8,3%.";
const SEED_OUTGOING_DOCUMENTS: &str = "Tổng số văn bản đi 222 văn bản các loại (không) có ban hành văn bản quy phạm pháp luật nào, văn bản đi thực hiện hoàn toàn thực hiện ký số điện tử.";

fn generated(report: &Report, sentence: &str) -> String {
    let template = legacy();
    normalise_ws(&lines(&Facts::new(&template, report), sentence).join("\n"))
}

/// Checks that `seed` is in the seed report and that, once `fixes` are
/// applied, it reads exactly as what the app generates.
fn assert_generated(sentence: &str, seed: &str, fixes: &[Fix]) {
    let body = normalise_ws(&cleaned_seed());
    assert!(
        body.contains(&normalise_ws(seed)),
        "not in the seed: {seed}"
    );
    assert_eq!(generated(&sample(), sentence), apply_fixes(seed, fixes));
}

#[test]
fn introduction_and_closing_sentences() {
    assert_generated("introduction", SEED_INTRODUCTION, &[]);
    assert_generated("closing", SEED_CLOSING, &[]);
}

#[test]
fn plan_progress_sentence() {
    assert_generated(
        "plan_progress",
        SEED_PLAN_PROGRESS,
        &[
            Fix {
                seed: "· ",
                fixed: "- ",
                why: "Word's bullet glyph prints as a dash like the other items",
            },
            Fix {
                seed: "CCHC năm 2025",
                fixed: "CCHC năm 2025.",
                why: "missing full stop",
            },
        ],
    );
}

#[test]
fn one_stop_shop_sentences() {
    assert_generated(
        "one_stop_results",
        SEED_ONE_STOP_RESULTS,
        &[
            Fix { seed: "(Từ ngày", fixed: "(từ ngày", why: "lower case inside the sentence" },
            Fix { seed: "đạt 99,52% còn lại", fixed: "đạt 99,52%, còn lại", why: "missing comma" },
            Fix {
                seed: "Trong đó: Trước hạn là",
                fixed: "Trong đó: đúng hạn là",
                why: "the figure counts applications resolved on time, as appendix 3.4 (đúng hẹn) does",
            },
            Fix { seed: "99,87%, Trong đó:", fixed: "99,87%. Trong đó:", why: "a new sentence" },
            Fix { seed: "Hồ sơ quan dịch vụ", fixed: "Hồ sơ qua dịch vụ", why: "typing slip" },
            Fix { seed: "đạt 100%)", fixed: "đạt 100%).", why: "missing full stop" },
            Fix { seed: "16.091.000 đồng", fixed: "16.091.000 đồng.", why: "missing full stop" },
            Fix {
                seed: "DVC quốc gia: 14.818.500 đồng)",
                fixed: "DVC quốc gia là: 14.818.500 đồng).",
                why: "same form as the other payment method; missing full stop",
            },
            Fix { seed: "đươc", fixed: "được", why: "typing slip" },
        ],
    );
}

#[test]
fn staff_sentences() {
    assert_generated(
        "staff_officials",
        SEED_STAFF_OFFICIALS,
        &[
            Fix {
                seed: "đạt 10%, Đại học 6/10",
                fixed: "đạt 10%; Đại học: 06/10",
                why: "one separator, a colon after each level and a leading zero, as for the other levels",
            },
            Fix { seed: "chiếm", fixed: "đạt", why: "one verb for every level" },
            Fix { seed: "- Trình độ chính trị:", fixed: "- Về trình độ chính trị:", why: "same form as the line above" },
            Fix { seed: "09/10 đạt 90%", fixed: "09/10 đạt 90%.", why: "missing full stop" },
        ],
    );
    assert_generated(
        "staff_civil_servants",
        SEED_STAFF_CIVIL_SERVANTS,
        &[
            Fix { seed: ": Có 12 người", fixed: ": có 12 người", why: "same form as for cán bộ" },
            Fix {
                seed: "Thống kê; 02 công chức Tư pháp - Hộ tịch; 02 công chức Địa chính - Xây dựng - Đô thị và Môi trường; 02 công chức Tài chính - Kế toán; 03 công chức Văn hóa - Xã hội; 01",
                fixed: "Thống kê, 02 công chức Tư pháp - Hộ tịch, 02 công chức Địa chính - Xây dựng - Đô thị và Môi trường, 02 công chức Tài chính - Kế toán, 03 công chức Văn hóa - Xã hội và 01",
                why: "titles listed as for cán bộ: commas, and `và` before the last",
            },
            Fix {
                seed: "- Về chuyên môn nghiệp vụ: Thạc sỹ: 01/12 đạt 8,3%, Đại học: 11/12 người, tỷ lệ: 91,17%.",
                fixed: "- Về trình độ chuyên môn: Thạc sỹ: 01/12 đạt 8,3%; Đại học: 11/12 đạt 91,17%.",
                why: "same form as for cán bộ",
            },
            Fix {
                seed: "Về chính trị: Trung cấp: 11/12 người, tỷ lệ: 91,17%, Sơ cấp: 01/12 người, tỷ lệ: 8,3%.",
                fixed: "- Về trình độ chính trị: Trung cấp: 11/12 đạt 91,17%; Sơ cấp: 01/12 đạt 8,3%.",
                why: "same form as for cán bộ",
            },
            Fix {
                seed: "8,3%",
                fixed: "8,33%",
                why: "the seed contradicts itself: 1/12 = 8,333…%, truncated to 8,33% like every other ratio",
            },
            Fix {
                seed: "91,17%",
                fixed: "91,66%",
                why: "the seed contradicts itself: 11/12 = 91,666…%, truncated to 91,66%; 91,17% matches no ratio",
            },
        ],
    );
}

#[test]
fn outgoing_documents_sentence() {
    assert_generated(
        "outgoing_documents",
        SEED_OUTGOING_DOCUMENTS,
        &[
            Fix {
                seed: "văn bản đi 222",
                fixed: "văn bản đi là 222",
                why: "missing verb",
            },
            Fix {
                seed: " (không) có ban hành",
                fixed: ", không ban hành",
                why: "the bracketed (không) was a template choice left in the text",
            },
            Fix {
                seed: ", văn bản đi thực hiện hoàn toàn thực hiện ký số điện tử.",
                fixed: "; 222/222 văn bản đi được ký số điện tử, đạt 100%.",
                why: "states the share as appendix 7.7 does, without the doubled `thực hiện`",
            },
        ],
    );
}

/// Every piece of text of the sample's narrative, including the seed's own
/// wording of the generated sentences (checked against the app above).
fn narrative_texts(report: &Report) -> Vec<String> {
    fn walk(section: &Section, out: &mut Vec<String>) {
        out.push(section.title.to_string());
        blocks(&section.blocks, out);
        for sub in &section.subsections {
            walk(sub, out);
        }
    }
    fn blocks(blocks: &[Block], out: &mut Vec<String>) {
        for block in blocks {
            if let Block::Text(text) = block {
                out.push(text.text.to_string());
                if !text.footnote.is_blank() {
                    out.push(text.footnote.to_string());
                }
            }
        }
    }
    let narrative = &report.narrative;
    let mut out = Vec::new();
    blocks(&narrative.preamble, &mut out);
    for part in &narrative.parts {
        walk(part, &mut out);
    }
    out.push(narrative.next_tasks.title.to_string());
    out.extend(
        narrative
            .next_tasks
            .items
            .iter()
            .map(|item| item.to_string()),
    );
    blocks(&narrative.closing, &mut out);
    out
}

#[test]
fn the_narrative_holds_every_sentence_of_the_seed() {
    let report = sample();
    let body = normalise_ws(&seed_body());
    let mut texts = narrative_texts(&report);
    texts.extend(SEED_WORDING.iter().map(|text| text.to_string()));

    // Everything the sample says, the seed says: sample text is not invented.
    let mut leftover = body.clone();
    let mut sorted: Vec<String> = texts.iter().map(|t| normalise_ws(t)).collect();
    sorted.sort_by_key(|text| std::cmp::Reverse(text.len()));
    for text in &sorted {
        assert!(
            body.contains(text.as_str()),
            "sample text not in the seed: {text}"
        );
        leftover = leftover.replace(text.as_str(), " ");
    }

    // What is left of the seed is numbering, bullets and punctuation only.
    let is_numbering = |token: &str| {
        let bare = token.trim_end_matches(['.', ')']);
        bare.chars().all(|c| c.is_ascii_digit())
            || bare.chars().all(|c| "IVX".contains(c))
            || (bare.chars().count() == 1 && bare.chars().all(char::is_lowercase))
    };
    let words: Vec<&str> = leftover
        .split_whitespace()
        .filter(|token| !token.chars().all(|c| "·-*:.,;()".contains(c)))
        .filter(|token| !is_numbering(token))
        .collect();
    assert!(
        words.is_empty(),
        "seed text missing from the sample: {words:?}"
    );
}
