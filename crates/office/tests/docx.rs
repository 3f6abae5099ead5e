//! The Word file, opened as Word opens it: the parts of its zip archive.

mod common;

use cchc_core::document::Document;
use common::{count, exchange_file, facts, sample_facts, Package};

fn sample_document() -> Document {
    let (template, report) = sample_facts();
    Document::new(&facts(&template, &report))
}

fn written(document: &Document) -> Package {
    Package::open(cchc_office::docx(document).expect("the document is written"))
}

/// The `w:sectPr` elements of document.xml, in order.
fn sections(xml: &str) -> Vec<&str> {
    xml.match_indices("<w:sectPr>")
        .map(|(start, _)| {
            let end = start + xml[start..].find("</w:sectPr>").expect("the sectPr ends");
            &xml[start..end]
        })
        .collect()
}

/// The XML of the document's last table (the appendix's).
fn last_table(xml: &str) -> &str {
    let start = xml.rfind("<w:tbl>").expect("a table");
    let end = start + xml[start..].find("</w:tbl>").expect("the table ends");
    &xml[start..end]
}

/// The XML of the document's first table (the header).
fn first_table(xml: &str) -> &str {
    let start = xml.find("<w:tbl>").expect("a table");
    let end = start + xml[start..].find("</w:tbl>").expect("the table ends");
    &xml[start..end]
}

/// The text of a part: every `w:t`, joined.
fn text_of(xml: &str) -> String {
    let mut text = String::new();
    for piece in xml.split("<w:t").skip(1) {
        let Some(open) = piece.find('>') else {
            continue;
        };
        if piece[..open].ends_with('/') {
            continue;
        }
        if let Some(close) = piece.find("</w:t>") {
            text.push_str(&piece[open + 1..close]);
            text.push(' ');
        }
    }
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
}

#[test]
fn the_pages_are_a4_portrait_with_the_decree_margins() {
    let xml = written(&sample_document()).part("word/document.xml");
    let sections = sections(&xml);
    assert_eq!(sections.len(), 2, "the report and the appendix");
    for section in sections {
        assert!(
            section.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\" />"),
            "{section}"
        );
        // 20 mm = 1134, 15 mm = 850, 30 mm = 1701 twentieths of a point.
        assert!(
            section.contains("w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""),
            "{section}"
        );
        assert!(!section.contains("w:orient=\"landscape\""));
    }
}

#[test]
fn the_text_is_times_new_roman_at_the_print_sizes() {
    let mut package = written(&sample_document());
    let styles = package.part("word/styles.xml");
    assert!(
        styles.contains(
            "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\" w:eastAsia=\"Times New Roman\" />"
        ),
        "{styles}"
    );
    // 14 pt by default, as the print view's body.
    assert!(styles.contains("<w:rPrDefault><w:rPr><w:sz w:val=\"28\" />"));
    let xml = package.part("word/document.xml");
    assert!(!xml.contains("w:ascii=\"Calibri\""));
    for style in ["BodyText", "Heading1", "Heading2", "Heading3"] {
        assert!(
            styles.contains(&format!("w:styleId=\"{style}\"")),
            "{style} defined"
        );
        assert!(
            xml.contains(&format!("<w:pStyle w:val=\"{style}\" />")),
            "{style} used"
        );
    }
}

#[test]
fn every_part_of_the_print_layout_is_there_as_text() {
    let document = sample_document();
    let xml = written(&document).part("word/document.xml");
    let text = text_of(&xml);
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 40/BC-UBND",
        "Trương Quang Trọng, ngày 06 tháng 3 năm 2025",
        "BÁO CÁO",
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "Nơi nhận:",
        "- Lưu: VT, Vương (15).",
        "TM. ỦY BAN NHÂN DÂN",
        "Trương Thanh Thảo",
        "Phụ lục",
        "THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN",
        "CÔNG TÁC CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2025",
        "(Kèm theo Báo cáo số 40/BC-UBND ngày 06/3/2025 của Ủy ban nhân dân phường Trương Quang Trọng)",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    assert_eq!(document.closing.signer_name, "Trương Thanh Thảo");
    // Every paragraph of the body, in order.
    let mut from = 0;
    for paragraph in &document.body {
        let at = text[from..]
            .find(&paragraph.text)
            .unwrap_or_else(|| panic!("{:?} in order", paragraph.text));
        from += at + paragraph.text.len();
    }
    // No text box, no picture: paragraphs and tables only.
    for absent in ["<w:drawing", "<w:pict", "<w:txbxContent", "<v:shape"] {
        assert!(!xml.contains(absent), "{absent}");
    }
}

#[test]
fn the_header_is_a_borderless_two_column_table() {
    let xml = written(&sample_document()).part("word/document.xml");
    let header = first_table(&xml);
    assert!(header.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(header.contains("ỦY BAN NHÂN DÂN"));
    assert!(header.contains("Số: 40/BC-UBND"));
    assert!(header.contains("ngày 06 tháng 3 năm 2025"));
    let borders = &header[header.find("<w:tblBorders>").expect("borders set")
        ..header.find("</w:tblBorders>").unwrap()];
    assert_eq!(count(borders, "w:val=\"nil\""), 6, "{borders}");
    assert!(!borders.contains("w:val=\"single\""));
    assert_eq!(count(header, "<w:tr>"), 2);
    // The place and date in italics, the motto underlined.
    let date = &header[..header.find("ngày 06 tháng 3").unwrap()];
    assert!(date[date.rfind("<w:rPr>").unwrap()..].contains("<w:i />"));
    let motto = &header[..header.find("Độc lập").unwrap()];
    assert!(motto[motto.rfind("<w:rPr>").unwrap()..].contains("<w:u w:val=\"single\" />"));
}

#[test]
fn footnotes_are_word_footnotes() {
    let document = sample_document();
    assert!(!document.footnotes.is_empty(), "the sample has a footnote");
    let mut package = written(&document);
    let xml = package.part("word/document.xml");
    let notes = package.part("word/footnotes.xml");
    let types = package.part("[Content_Types].xml");
    let relations = package.part("word/_rels/document.xml.rels");
    assert!(types.contains("/word/footnotes.xml"));
    assert!(relations.contains("relationships/footnotes"));
    for (index, note) in document.footnotes.iter().enumerate() {
        let number = index + 1;
        assert!(
            xml.contains(&format!("<w:footnoteReference w:id=\"{number}\" />")),
            "mark {number}"
        );
        let start = notes
            .find(&format!("<w:footnote w:id=\"{number}\">"))
            .unwrap_or_else(|| panic!("footnote {number}"));
        let end = start + notes[start..].find("</w:footnote>").unwrap();
        assert!(
            text_of(&notes[start..end]).contains(note.as_str()),
            "{note}"
        );
    }
    // The text is not also printed in the body.
    assert!(!text_of(&xml).contains(document.footnotes[0].as_str()));
}

#[test]
fn page_numbers_from_page_2_and_afresh_in_the_appendix() {
    let mut package = written(&sample_document());
    let xml = package.part("word/document.xml");
    let sections = sections(&xml);
    let (report, appendix) = (sections[0], sections[1]);
    // The first page of each part without a number.
    assert!(report.contains("<w:titlePg />"), "{report}");
    assert!(appendix.contains("<w:titlePg />"), "{appendix}");
    // The appendix counts its pages from 1; the report just goes on.
    assert!(
        appendix.contains("<w:pgNumType w:start=\"1\" />"),
        "{appendix}"
    );
    assert!(!report.contains("<w:pgNumType"));
    // The other pages: a default header with a PAGE field.
    for section in [report, appendix] {
        let reference = "<w:headerReference w:type=\"default\" r:id=\"";
        let at = section.find(reference).expect("a default header");
        let id = &section[at + reference.len()..];
        let id = &id[..id.find('"').unwrap()];
        let relations = package.part("word/_rels/document.xml.rels");
        let target = &relations[relations.find(&format!("Id=\"{id}\"")).unwrap()..];
        let target = &target[target.find("Target=\"").unwrap() + 8..];
        let target = &target[..target.find('"').unwrap()];
        let header = package.part(&format!("word/{target}"));
        assert!(
            header.contains("<w:instrText>PAGE</w:instrText>"),
            "{header}"
        );
        assert!(header.contains("w:fldCharType=\"begin\""));
        assert!(header.contains("<w:pStyle w:val=\"Header\" />"));
    }
    let styles = package.part("word/styles.xml");
    let header_style = &styles[styles.find("w:styleId=\"Header\"").unwrap()..];
    let header_style = &header_style[..header_style.find("</w:style>").unwrap()];
    assert!(
        header_style.contains("<w:jc w:val=\"center\" />"),
        "centred"
    );
}

#[test]
fn the_appendix_table_has_every_row_and_a_repeating_head() {
    let document = sample_document();
    let xml = written(&document).part("word/document.xml");
    // The appendix is in the last section, after the first section's end.
    let first_section_end = xml.find("</w:sectPr>").unwrap();
    let table_start = xml.rfind("<w:tbl>").unwrap();
    assert!(table_start > first_section_end);
    let table = last_table(&xml);
    assert_eq!(
        count(table, "<w:tr>"),
        document.appendix.rows.len() + 2,
        "two head rows and a row per line"
    );
    let rows: Vec<&str> = table.split("<w:tr>").skip(1).collect();
    assert!(rows[0].contains("<w:tblHeader />"));
    assert!(rows[1].contains("<w:tblHeader />"));
    assert_eq!(count(table, "<w:tblHeader />"), 2, "only the head repeats");
    assert!(rows.iter().all(|row| row.contains("<w:cantSplit />")));
    // With borders, unlike the header and closing tables.
    assert!(table.contains("<w:insideH w:val=\"single\""));
    // Every cell as printed.
    let head = &document.appendix.head;
    let head_text = text_of(rows[0]) + &text_of(rows[1]);
    for cell in [
        &head.number,
        &head.label,
        &head.label_hint,
        &head.result,
        &head.unit,
        &head.value,
        &head.note,
    ] {
        assert!(head_text.contains(cell.as_str()), "{cell}");
    }
    for (line, row) in document.appendix.rows.iter().zip(&rows[2..]) {
        let cells: Vec<String> = row
            .split("<w:tc>")
            .skip(1)
            .map(|cell| text_of(cell).trim().to_owned())
            .collect();
        let expected = [
            &line.number,
            &line.label,
            &line.unit,
            &line.value,
            &line.note,
        ];
        assert_eq!(cells.len(), 5, "{row}");
        for (cell, expected) in cells.iter().zip(expected) {
            assert_eq!(cell, expected, "row {}", line.code);
        }
    }
}

#[test]
fn the_closing_block_is_a_borderless_two_column_table() {
    let document = sample_document();
    let xml = written(&document).part("word/document.xml");
    let start = xml.find("Nơi nhận:").expect("Nơi nhận:");
    let table_start = xml[..start].rfind("<w:tbl>").unwrap();
    let table = &xml[table_start..start + xml[start..].find("</w:tbl>").unwrap()];
    assert!(table.contains("w:val=\"nil\""));
    assert!(!table.contains("w:val=\"single\""));
    let text = text_of(table);
    for recipient in &document.closing.recipients {
        assert!(text.contains(recipient.as_str()), "{recipient}");
    }
    for title in &document.closing.signer_titles {
        assert!(text.contains(title.as_str()), "{title}");
    }
    assert!(text.contains(&document.closing.signer_name));
    // `Nơi nhận:` bold italic 12 pt.
    let title = &table[..table.find("Nơi nhận:").unwrap()];
    let properties = &title[title.rfind("<w:rPr>").unwrap()..];
    for property in ["<w:sz w:val=\"24\" />", "<w:b />", "<w:i />"] {
        assert!(properties.contains(property), "{properties}");
    }
}

#[test]
fn typed_markup_is_written_as_text() {
    let mut document = sample_document();
    document.body[0].text = "<w:p>&</w:p> \"x\"".to_owned();
    let xml = written(&document).part("word/document.xml");
    assert!(xml.contains("&lt;w:p&gt;&amp;&lt;/w:p&gt;"));
    assert!(text_of(&xml).contains("<w:p>&</w:p> \"x\""));
}

#[test]
fn a_footnote_mark_without_its_text_is_an_error_in_vietnamese() {
    let mut document = sample_document();
    document.footnotes.clear();
    let error = cchc_office::docx(&document).expect_err("a mark without its note");
    assert!(error.starts_with("Không có chú thích số 1"), "{error}");
}

#[test]
fn the_file_is_the_same_whatever_was_written_before() {
    // docx-rs numbers footnotes from a counter shared by the whole
    // program; the file must not depend on it.
    let document = sample_document();
    for _ in 0..2 {
        let mut package = written(&document);
        let notes = package.part("word/footnotes.xml");
        assert_eq!(count(&notes, "<w:footnote w:id=\"1\">"), 1, "{notes}");
        let xml = package.part("word/document.xml");
        assert_eq!(count(&xml, "<w:footnoteReference w:id=\"1\" />"), 1);
    }
}

#[test]
fn a_new_report_without_figures_or_footnotes_is_written_too() {
    use cchc_core::period::ReportKind;
    use cchc_core::report::Report;
    let template = cchc_core::template::legacy();
    let report = Report::new(&template, ReportKind::FirstQuarter, 2025);
    let document = Document::new(&facts(&template, &report));
    assert!(document.footnotes.is_empty());
    let mut package = written(&document);
    // docx-rs always writes the part; without footnotes it is empty and
    // nothing refers to it.
    assert!(!package.part("word/footnotes.xml").contains("<w:footnote "));
    assert!(!package
        .part("word/_rels/document.xml.rels")
        .contains("relationships/footnotes"));
    let xml = package.part("word/document.xml");
    assert!(!xml.contains("<w:footnoteReference"));
    assert_eq!(
        count(last_table(&xml), "<w:tr>"),
        document.appendix.rows.len() + 2
    );
    // Room to write the number by hand (no-break spaces), as in the print.
    let text = text_of(&xml);
    assert!(text.contains("Số: \u{a0}"), "{text}");
    assert!(
        text.replace('\u{a0}', "").contains("Số: /BC-UBND"),
        "{text}"
    );
    for bad in ["NaN", "undefined", "None", "null"] {
        assert!(!text.contains(bad), "{bad}");
    }
}

#[test]
fn the_draft_handed_over_as_its_exchange_file_gives_the_same_word_file() {
    let (template, report) = sample_facts();
    let file = exchange_file(&template, &report);
    assert_eq!(
        cchc_office::report_document(&file).unwrap(),
        sample_document()
    );
    let mut package = Package::open(cchc_office::report_docx(&file).unwrap());
    assert!(text_of(&package.part("word/document.xml")).contains("Số: 40/BC-UBND"));
}

#[test]
fn a_broken_exchange_file_is_an_error_in_vietnamese() {
    let (template, report) = sample_facts();
    let file = exchange_file(&template, &report);
    for broken in [&file[..file.len() / 2], "", "{\"format\":\"khac\"}"] {
        let error = cchc_office::report_docx(broken).unwrap_err();
        assert!(error.starts_with("Không đọc được báo cáo: "), "{error}");
    }
}

#[test]
fn the_combined_report_handed_over_gives_the_print_views_document() {
    use cchc_core::combined::{self, Office};
    let summary = common::summary();
    let template = summary.template.clone().unwrap();
    let office = Office {
        name: "Sở Nội vụ".to_owned(),
        number: "7".to_owned(),
        ..Office::default()
    };
    let report = combined::combined_report(&summary, &[], &office).unwrap();
    let totals = combined::printed_totals(&template, &summary);
    let file = exchange_file(&template, &report);
    let handed = serde_json::to_string(&totals).unwrap();
    assert_eq!(
        cchc_office::combined_document(&file, &handed).unwrap(),
        combined::document(&template, &report, &totals)
    );
    let mut package = Package::open(cchc_office::combined_docx(&file, &handed).unwrap());
    let text = text_of(&package.part("word/document.xml"));
    for expected in [
        "SỞ NỘI VỤ",
        "Số: 07/BC",
        "Tổng hợp kết quả thực hiện công tác cải cách hành chính Quý I năm 2025",
        "Tính lại từ tổng: ",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    let broken = cchc_office::combined_docx(&file, "[").unwrap_err();
    assert!(
        broken.starts_with("Dữ liệu tổng hợp không hợp lệ"),
        "{broken}"
    );
    let broken = cchc_office::combined_docx("{", &handed).unwrap_err();
    assert!(
        broken.starts_with("Không đọc được báo cáo tổng hợp: "),
        "{broken}"
    );
}
