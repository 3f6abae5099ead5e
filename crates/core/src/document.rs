//! The printed report: the whole document as HTML in the official layout of
//! Nghị định 30/2020/NĐ-CP, written from the model alone.
//!
//! One function writes it for the print view in the app, for the browser's
//! print dialog (and Save as PDF) and for the standalone `.html` sent to the
//! office above, so the three cannot differ. Every text the user typed is
//! escaped and prints as text; a figure not filled in prints as an empty cell
//! (or `…` inside a sentence), never as `0`.

use crate::appendix;
use crate::exchange;
use crate::facts::Facts;
use crate::report::{section_number, Block, Report, Section};
use crate::sentences;
use crate::text::{self, Text};
use crate::vi;

/// The document's stylesheet: page, fonts, header, body, appendix table.
pub const DOCUMENT_CSS: &str = include_str!("../../../style/document.css");

pub const NATIONAL_TITLE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// Room left on a line for a date or number to be written by hand.
const HAND_BLANK: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

/// `text` safe inside HTML elements and attribute values.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// The document as laid out for print, in any format: the HTML of the
/// print view and the Word file are both written from it, so they cannot
/// differ. Every text is plain (not yet escaped for any format).
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub header: Header,
    /// `BÁO CÁO`.
    pub kind: String,
    /// `Kết quả thực hiện công tác cải cách hành chính quý I năm 2025`.
    pub summary: String,
    pub body: Vec<Paragraph>,
    pub closing: Closing,
    /// The footnotes' texts, numbered from 1 in order.
    pub footnotes: Vec<String>,
    pub appendix: AppendixPart,
}

/// The two-column header: agency on the left, national title and motto on
/// the right; then the number and the place-and-date line.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// The agency above, upper case, one entry per line (may be empty).
    pub parent_agency: Vec<String>,
    /// The issuing agency, upper case, one entry per line.
    pub issuer: Vec<String>,
    pub national_title: String,
    pub motto: String,
    /// `Số: 40/BC-UBND`.
    pub number: String,
    /// `Trương Quang Trọng, ngày 06 tháng 3 năm 2025`.
    pub place_date: String,
}

/// What a paragraph of the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    /// A line of a typed paragraph.
    Text,
    /// The first line of a typed paragraph marked as a point: `- ...`.
    Bullet,
    /// A sentence written from the figures.
    Generated,
    /// `I. KẾT QUẢ ĐẠT ĐƯỢC`.
    Part,
    /// `1. Về công tác chỉ đạo, điều hành`.
    Section,
    /// `a) ...`.
    Point,
    /// `1. ...`, a task of the next period.
    Task,
}

/// One paragraph of the body, with the number of the footnote it ends with.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub kind: ParagraphKind,
    /// The text as printed (a point's `- ` included).
    pub text: String,
    pub footnote: Option<usize>,
}

/// `Nơi nhận:` on the left, the signer on the right.
#[derive(Debug, Clone, PartialEq)]
pub struct Closing {
    pub recipients_title: String,
    pub recipients: Vec<String>,
    /// `TM. ỦY BAN NHÂN DÂN`, `CHỦ TỊCH`: upper case, one per line.
    pub signer_titles: Vec<String>,
    pub signer_name: String,
}

/// The appendix, which starts a new page (and its own page numbers in Word).
#[derive(Debug, Clone, PartialEq)]
pub struct AppendixPart {
    /// `Phụ lục`.
    pub label: String,
    /// The two lines of the title, upper case.
    pub title: [String; 2],
    /// `(Kèm theo Báo cáo số 40/BC-UBND ngày 06/3/2025 của ...)`.
    pub source: String,
    /// The two header rows of the table, as printed.
    pub head: AppendixHead,
    pub rows: Vec<AppendixLine>,
}

/// The header of the appendix table.
#[derive(Debug, Clone, PartialEq)]
pub struct AppendixHead {
    pub number: String,
    pub label: String,
    pub label_hint: String,
    pub result: String,
    pub unit: String,
    pub value: String,
    pub note: String,
}

/// What a row of the appendix table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A group's title row: `1.` `Công tác chỉ đạo điều hành CCHC`.
    Group,
    /// A numbered indicator.
    Row,
    /// A lettered indicator under one (`a`, `b`), without a number.
    SubRow,
}

/// One row of the appendix table, every cell as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct AppendixLine {
    pub kind: LineKind,
    /// A row only heading the ones under it (no value of its own).
    pub heading: bool,
    pub code: String,
    pub number: String,
    pub label: String,
    pub unit: String,
    pub value: String,
    pub note: String,
}

/// Builds the document, collecting footnotes as they are met.
struct Builder<'a> {
    facts: &'a Facts<'a>,
    report: &'a Report,
    body: Vec<Paragraph>,
    footnotes: Vec<String>,
}

impl Builder<'_> {
    fn paragraph(&mut self, kind: ParagraphKind, text: String) {
        self.body.push(Paragraph {
            kind,
            text,
            footnote: None,
        });
    }

    fn header(&self) -> Header {
        let header = &self.report.header;
        let mut issuer: Vec<String> = header
            .issuing_agency
            .filled_lines()
            .map(text::upper)
            .collect();
        if !header.unit.name.is_blank() {
            issuer.push(header.unit.header_line());
        }
        let date = header
            .date
            .map(vi::date_in_words)
            .unwrap_or_else(|| format!("ngày {HAND_BLANK} tháng {HAND_BLANK} năm {HAND_BLANK}"));
        let place = header.place.trim();
        let place_date = if place.is_empty() {
            date
        } else {
            format!("{place}, {date}")
        };
        Header {
            parent_agency: header
                .parent_agency
                .filled_lines()
                .map(text::upper)
                .collect(),
            issuer,
            national_title: NATIONAL_TITLE.to_owned(),
            motto: MOTTO.to_owned(),
            number: format!("Số: {}", header.number_and_symbol()),
            place_date,
        }
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Text(text) => {
                    let lines: Vec<&str> = text.text.filled_lines().collect();
                    if lines.is_empty() {
                        continue;
                    }
                    for (index, line) in lines.iter().enumerate() {
                        let (kind, dash) = if text.bullet && index == 0 {
                            (ParagraphKind::Bullet, "- ")
                        } else {
                            (ParagraphKind::Text, "")
                        };
                        self.paragraph(kind, format!("{dash}{line}"));
                    }
                    if !text.footnote.is_blank() {
                        self.footnotes.push(text.footnote.trim().to_owned());
                        if let Some(last) = self.body.last_mut() {
                            last.footnote = Some(self.footnotes.len());
                        }
                    }
                }
                Block::Generated { sentence } => {
                    for line in sentences::lines(self.facts, sentence) {
                        self.paragraph(ParagraphKind::Generated, line);
                    }
                }
            }
        }
    }

    fn sections(&mut self, sections: &[Section], parent: &[usize]) {
        for (index, section) in sections.iter().enumerate() {
            let path: Vec<usize> = parent.iter().copied().chain([index]).collect();
            let title = section.title.trim();
            let title = if path.len() == 1 {
                text::upper(title)
            } else {
                title.to_owned()
            };
            let heading = format!("{} {title}", section_number(&path));
            let kind = match path.len() {
                1 => ParagraphKind::Part,
                2 => ParagraphKind::Section,
                _ => ParagraphKind::Point,
            };
            self.paragraph(kind, heading.trim().to_owned());
            self.blocks(&section.blocks);
            self.sections(&section.subsections, &path);
        }
    }

    fn body(&mut self) {
        let narrative = &self.report.narrative;
        self.blocks(&narrative.preamble);
        self.sections(&narrative.parts, &[]);
        let tasks = &narrative.next_tasks;
        let items: Vec<&Text> = tasks.items.iter().filter(|item| !item.is_blank()).collect();
        if !tasks.title.is_blank() || !items.is_empty() {
            let number = section_number(&[narrative.parts.len()]);
            let heading = format!("{number} {}", text::upper(tasks.title.trim()));
            self.paragraph(ParagraphKind::Part, heading.trim().to_owned());
            for (index, item) in items.iter().enumerate() {
                self.paragraph(
                    ParagraphKind::Task,
                    format!("{}. {}", index + 1, item.trim()),
                );
            }
        }
        self.blocks(&narrative.closing);
    }

    fn closing(&self) -> Closing {
        let signature = &self.report.signature;
        Closing {
            recipients_title: "Nơi nhận:".to_owned(),
            recipients: self.report.recipients.printed_lines(),
            signer_titles: signature.printed_titles(),
            signer_name: signature.name.trim().to_owned(),
        }
    }

    /// `(Kèm theo Báo cáo số 40/BC-UBND ngày 06/3/2025 của Ủy ban nhân dân
    /// phường Trương Quang Trọng)`.
    fn appendix_source(&self) -> String {
        let header = &self.report.header;
        let date = header.date.map_or_else(
            || format!("{HAND_BLANK}/{HAND_BLANK}/{HAND_BLANK}"),
            vi::format_date,
        );
        let issuer = vi::capitalize_first(&crate::text::lower(header.issuing_agency.trim()));
        let mut author = issuer;
        if !header.unit.name.is_blank() {
            author = format!("{author} {}", header.unit.full_name());
        }
        format!(
            "(Kèm theo Báo cáo số {} ngày {date} của {})",
            header.number_and_symbol(),
            author.trim()
        )
    }

    fn appendix(&self) -> AppendixPart {
        let template = self.facts.template;
        let mut rows = Vec::with_capacity(template.rows.len() + template.groups.len());
        for (index, group) in template.groups.iter().enumerate() {
            rows.push(AppendixLine {
                kind: LineKind::Group,
                heading: false,
                code: group.code.clone(),
                number: format!("{}.", group.code),
                label: group.label.clone(),
                unit: String::new(),
                value: String::new(),
                note: group.note.clone(),
            });
            for row in template.group_rows(index) {
                let cell = appendix::cell(self.facts, row);
                rows.push(AppendixLine {
                    kind: if row.is_sub_row() {
                        LineKind::SubRow
                    } else {
                        LineKind::Row
                    },
                    heading: row.is_heading(),
                    code: row.code.clone(),
                    number: row.printed_number(),
                    label: row.label.clone(),
                    unit: cell.unit_text,
                    value: cell.value_text,
                    note: cell.note,
                });
            }
        }
        AppendixPart {
            label: "Phụ lục".to_owned(),
            title: [
                "THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN".to_owned(),
                format!(
                    "CÔNG TÁC CẢI CÁCH HÀNH CHÍNH {}",
                    text::upper(&self.report.period.long_name())
                ),
            ],
            source: self.appendix_source(),
            head: AppendixHead {
                number: "Stt".to_owned(),
                label: "Chỉ tiêu thống kê".to_owned(),
                label_hint: "(Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)".to_owned(),
                result: "Kết quả thống kê".to_owned(),
                unit: "Đơn vị tính".to_owned(),
                value: "Số liệu".to_owned(),
                note: "Ghi chú".to_owned(),
            },
            rows,
        }
    }
}

impl Document {
    /// The document of `facts`' report.
    pub fn new(facts: &Facts) -> Document {
        let mut builder = Builder {
            facts,
            report: facts.report,
            body: Vec::new(),
            footnotes: Vec::new(),
        };
        builder.body();
        Document {
            header: builder.header(),
            kind: "BÁO CÁO".to_owned(),
            summary: facts.report.summary(),
            closing: builder.closing(),
            appendix: builder.appendix(),
            body: builder.body,
            footnotes: builder.footnotes,
        }
    }
}

/// Writes a [`Document`] as the HTML of the print view.
struct HtmlWriter {
    html: String,
}

impl HtmlWriter {
    fn push(&mut self, html: &str) {
        self.html.push_str(html);
    }

    /// `<tag class="class">text</tag>`, the text escaped.
    fn element(&mut self, tag: &str, class: &str, text: &str) {
        self.html.push_str(&format!(
            "<{tag} class=\"{class}\">{}</{tag}>\n",
            escape(text)
        ));
    }

    fn header(&mut self, header: &Header) {
        let mut agency = String::new();
        for line in &header.parent_agency {
            agency.push_str(&format!(
                "<div class=\"parent-agency\">{}</div>",
                escape(line)
            ));
        }
        let issuer: Vec<String> = header.issuer.iter().map(|line| escape(line)).collect();
        agency.push_str(&format!(
            "<div class=\"issuer\">{}</div><div class=\"rule agency-rule\"></div>",
            issuer.join("<br>")
        ));
        self.push(&format!(
            "<table class=\"doc-header\" role=\"presentation\">\n\
             <colgroup><col class=\"c-left\"><col class=\"c-middle\"><col class=\"c-right\"></colgroup>\n\
             <tr><td class=\"agency\" colspan=\"2\">{agency}</td>\
             <td class=\"nation\"><div class=\"national-title\">{}</div>\
             <div class=\"motto\"><span>{}</span></div></td></tr>\n\
             <tr><td class=\"number\">{}</td>\
             <td class=\"place-date\" colspan=\"2\">{}</td></tr>\n</table>\n",
            escape(&header.national_title),
            escape(&header.motto),
            escape(&header.number),
            escape(&header.place_date)
        ));
    }

    fn body(&mut self, body: &[Paragraph]) {
        self.push("<div class=\"doc-body\">\n");
        for paragraph in body {
            let (tag, class) = match paragraph.kind {
                ParagraphKind::Text => ("p", ""),
                ParagraphKind::Bullet => ("p", "bullet"),
                ParagraphKind::Generated => ("p", "generated"),
                ParagraphKind::Part => ("h2", "part"),
                ParagraphKind::Section => ("h3", "section"),
                ParagraphKind::Point => ("h4", "point"),
                ParagraphKind::Task => ("p", "task"),
            };
            let mark = paragraph.footnote.map_or_else(String::new, |number| {
                format!("<sup class=\"footnote-ref\">{number}</sup>")
            });
            self.push(&format!(
                "<{tag} class=\"{class}\">{}{mark}</{tag}>\n",
                escape(&paragraph.text)
            ));
        }
        self.push("</div>\n");
    }

    fn closing(&mut self, closing: &Closing) {
        let mut recipients = format!(
            "<p class=\"recipients-title\">{}</p>",
            escape(&closing.recipients_title)
        );
        for line in &closing.recipients {
            recipients.push_str(&format!("<p class=\"recipient\">{}</p>", escape(line)));
        }
        let mut signer = String::new();
        for line in &closing.signer_titles {
            signer.push_str(&format!(
                "<div class=\"signer-title\">{}</div>",
                escape(line)
            ));
        }
        signer.push_str("<div class=\"signature-space\"></div>");
        signer.push_str(&format!(
            "<div class=\"signer-name\">{}</div>",
            escape(&closing.signer_name)
        ));
        self.push(&format!(
            "<table class=\"closing-block\" role=\"presentation\">\n\
             <tr><td class=\"recipients\">{recipients}</td>\
             <td class=\"signer\">{signer}</td></tr>\n</table>\n"
        ));
    }

    fn footnotes(&mut self, footnotes: &[String]) {
        if footnotes.is_empty() {
            return;
        }
        self.push("<section class=\"footnotes\" aria-label=\"Chú thích\">\n");
        for (index, note) in footnotes.iter().enumerate() {
            self.push(&format!(
                "<p><sup>{}</sup> {}</p>\n",
                index + 1,
                escape(note)
            ));
        }
        self.push("</section>\n");
    }

    fn appendix(&mut self, appendix: &AppendixPart) {
        self.push("<section class=\"doc-appendix\">\n");
        self.element("p", "appendix-label", &appendix.label);
        self.push(&format!(
            "<h2 class=\"appendix-title\">{}<br>{}</h2>\n",
            escape(&appendix.title[0]),
            escape(&appendix.title[1])
        ));
        self.element("p", "appendix-source", &appendix.source);
        let head = &appendix.head;
        self.push(&format!(
            "<div class=\"rule appendix-rule\"></div>\n\
             <table class=\"appendix-table\">\n\
             <colgroup><col class=\"c-number\"><col class=\"c-label\"><col class=\"c-unit\">\
             <col class=\"c-value\"><col class=\"c-note\"></colgroup>\n\
             <thead>\n<tr><th rowspan=\"2\">{}</th>\
             <th rowspan=\"2\">{}<br><span class=\"th-hint\">{}</span></th>\
             <th colspan=\"2\">{}</th><th rowspan=\"2\">{}</th></tr>\n\
             <tr><th>{}</th><th>{}</th></tr>\n</thead>\n<tbody>\n",
            escape(&head.number),
            escape(&head.label),
            escape(&head.label_hint),
            escape(&head.result),
            escape(&head.note),
            escape(&head.unit),
            escape(&head.value),
        ));
        for line in &appendix.rows {
            if line.kind == LineKind::Group {
                self.push(&format!(
                    "<tr class=\"group\"><td class=\"number\">{}</td><td class=\"label\">{}</td>\
                     <td></td><td></td><td class=\"note\">{}</td></tr>\n",
                    escape(&line.number),
                    escape(&line.label),
                    escape(&line.note)
                ));
                continue;
            }
            let mut class = if line.kind == LineKind::SubRow {
                "sub"
            } else {
                ""
            }
            .to_owned();
            if line.heading {
                class.push_str(" heading");
            }
            self.push(&format!(
                "<tr class=\"{}\" data-code=\"{}\"><td class=\"number\">{}</td>\
                 <td class=\"label\">{}</td><td class=\"unit\">{}</td>\
                 <td class=\"value\">{}</td><td class=\"note\">{}</td></tr>\n",
                class.trim(),
                escape(&line.code),
                escape(&line.number),
                escape(&line.label),
                escape(&line.unit),
                escape(&line.value),
                escape(&line.note)
            ));
        }
        self.push("</tbody>\n</table>\n</section>\n");
    }
}

/// The whole document of `facts`' report as an `<article>`: see [`render`].
pub fn html(facts: &Facts) -> String {
    render(&Document::new(facts))
}

/// A document as an `<article>`: header, title, body, closing block,
/// footnotes, then the appendix starting on a new page.
pub fn render(document: &Document) -> String {
    let mut writer = HtmlWriter {
        html: String::with_capacity(64 * 1024),
    };
    writer.push("<article class=\"document\" lang=\"vi\">\n");
    writer.header(&document.header);
    writer.element("h1", "doc-type", &document.kind);
    writer.element("p", "doc-summary", &document.summary);
    writer.push("<div class=\"rule summary-rule\"></div>\n");
    writer.body(&document.body);
    writer.closing(&document.closing);
    writer.footnotes(&document.footnotes);
    writer.appendix(&document.appendix);
    writer.push("</article>\n");
    writer.html
}

/// The document's title in a browser tab and as a PDF's title.
pub fn document_title(report: &Report) -> String {
    let unit = if report.header.unit.name.is_blank() {
        String::new()
    } else {
        format!(
            " - {}",
            vi::capitalize_first(&report.header.unit.full_name())
        )
    };
    format!(
        "Báo cáo số {}{unit} - {}",
        report.header.number_and_symbol().trim(),
        report.summary()
    )
}

/// The standalone page's Content-Security-Policy: nothing may run or load,
/// only its own `<style>` applies. Should a typed text ever reach the page
/// as markup, it still could not run a script or fetch anything. (Inline
/// style is harmless here: with nothing allowed to load, a style cannot
/// send anything anywhere.)
const STANDALONE_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'";

/// A page that stands alone: the document and its stylesheet, no script at
/// all, for the office above to open, read and print the same way.
pub fn standalone(facts: &Facts) -> String {
    standalone_page(&document_title(facts.report), &Document::new(facts))
}

/// [`standalone`] of any document, under the browser tab's `title`.
pub fn standalone_page(title: &str, document: &Document) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{STANDALONE_CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{DOCUMENT_CSS}</style>\n</head>\n\
         <body class=\"standalone\">\n{}</body>\n</html>\n",
        escape(title),
        render(document)
    )
}

/// The standalone file's name: the JSON file's, with `-ban-in.html`.
pub fn file_name(report: &Report) -> String {
    exchange::file_name(report).replace(".json", "-ban-in.html")
}

/// The Word file's name (`Tải bản Word (.docx)`): the JSON file's, as `.docx`.
pub fn docx_file_name(report: &Report) -> String {
    exchange::file_name(report).replace(".json", ".docx")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::ReportKind;
    use crate::report::{Signer, TextBlock};
    use crate::sample;
    use crate::template::legacy;

    fn print(report: &Report) -> String {
        html(&Facts::new(&legacy(), report))
    }

    fn page(report: &Report) -> String {
        standalone(&Facts::new(&legacy(), report))
    }

    fn new_report() -> Report {
        Report::new(&legacy(), ReportKind::FirstQuarter, 2025)
    }

    /// The document's text without tags, whitespace collapsed, entities decoded.
    fn text_of(html: &str) -> String {
        let mut text = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    text.push(' ');
                }
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        let text = text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
            .replace('\u{a0}', " ");
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn row<'a>(html: &'a str, code: &str) -> &'a str {
        let start = html
            .find(&format!("data-code=\"{code}\""))
            .unwrap_or_else(|| panic!("row {code} printed"));
        let end = start + html[start..].find("</tr>").expect("row ends");
        &html[start..end]
    }

    #[test]
    fn the_sample_prints_every_part_of_the_official_layout() {
        let report = sample::sample();
        let text = text_of(&print(&report));
        for expected in [
            "ỦY BAN NHÂN DÂN PHƯỜNG TRƯƠNG QUANG TRỌNG",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 40/BC-UBND",
            "Trương Quang Trọng, ngày 06 tháng 3 năm 2025",
            "BÁO CÁO Kết quả thực hiện công tác cải cách hành chính Quý I năm 2025",
            "I. KẾT QUẢ ĐẠT ĐƯỢC",
            "1. Về công tác chỉ đạo, điều hành",
            "d) Về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC",
            "843/847 hồ sơ đạt 99,52%",
            "Nơi nhận:",
            "- Lưu: VT, Vương (15).",
            "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Trương Thanh Thảo",
            "Phụ lục THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2025",
            "(Kèm theo Báo cáo số 40/BC-UBND ngày 06/3/2025 của Ủy ban nhân dân phường Trương Quang Trọng)",
            "Stt Chỉ tiêu thống kê",
        ] {
            assert!(text.contains(expected), "missing {expected:?}");
        }
        // The parts come in order, the tasks for the next period last.
        let order = [
            "I. KẾT QUẢ ĐẠT ĐƯỢC",
            "II. NHẬN XÉT, ĐÁNH GIÁ",
            "III. NHIỆM VỤ",
            "Trên đây là báo cáo",
            "Nơi nhận:",
            "Phụ lục",
        ];
        let positions: Vec<usize> = order
            .iter()
            .map(|part| text.find(part).unwrap_or_else(|| panic!("{part} printed")))
            .collect();
        assert!(
            positions.windows(2).all(|pair| pair[0] < pair[1]),
            "{positions:?}"
        );
    }

    #[test]
    fn the_appendix_prints_every_indicator_with_computed_cells() {
        let report = sample::sample();
        let html = print(&report);
        for template_row in &legacy().rows {
            row(&html, &template_row.code);
        }
        let on_time = text_of(row(&html, "3.4.b"));
        assert!(
            on_time.contains("100") && on_time.contains("843/843"),
            "{on_time}"
        );
        let plan = text_of(row(&html, "1.1"));
        assert!(
            plan.contains("Kế hoạch số 02/KH-UBND ngày 03/01/2025"),
            "{plan}"
        );
    }

    #[test]
    fn the_footnote_is_marked_in_the_text_and_printed_below() {
        let html = print(&sample::sample());
        assert!(html.contains("cải cách TTHC.<sup class=\"footnote-ref\">1</sup></p>"));
        let notes = &html[html.find("class=\"footnotes\"").expect("footnotes")..];
        assert!(text_of(notes)
            .contains("1 Kế hoạch cải cách hành chính phường Trương Quang Trọng năm 2025"));
    }

    #[test]
    fn a_missing_value_prints_as_an_empty_cell() {
        let report = new_report();
        let html = print(&report);
        let text = text_of(&html);
        for bad in ["NaN", "undefined", "None", "null"] {
            assert!(!text.contains(bad), "{bad} printed");
        }
        for template_row in &legacy().rows {
            let row = row(&html, &template_row.code);
            assert!(row.contains("<td class=\"value\"></td>"), "{row}");
        }
        // No number or date yet: room to write them by hand.
        assert!(text.contains("Số: /BC-UBND"), "{text}");
        assert!(text.contains("ngày tháng năm"), "{text}");
        assert!(text.contains("(Kèm theo Báo cáo số /BC-UBND ngày / / của Ủy ban nhân dân)"));
        // Sentences show a blank to fill in, not 0.
        assert!(text.contains("hoàn thành …/… nhiệm vụ"), "{text}");
    }

    #[test]
    fn typed_markup_prints_as_text() {
        let mut report = sample::sample();
        let typed = "<script>alert('x')</script> & <b>đậm</b>";
        report.narrative.preamble.push(Block::Text(TextBlock {
            text: Text::new(typed),
            bullet: false,
            footnote: Text::new("<img src=x onerror=alert(1)>"),
        }));
        report.signature.name = Text::new("<i>Trương</i>");
        let html = page(&report);
        assert!(!html.contains("<script"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("<i>Trương"));
        let text = text_of(&html);
        assert!(text.contains(typed), "{text}");
        assert!(text.contains("<img src=x onerror=alert(1)>"));
    }

    #[test]
    fn the_standalone_page_has_its_styles_inlined_and_no_script() {
        let report = sample::sample();
        let page = page(&report);
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<meta charset=\"utf-8\">"));
        assert!(page.contains("@page"));
        assert!(page.contains("size: A4"));
        assert!(!page.to_lowercase().contains("<script"));
        assert!(!page.contains("<link"));
        assert!(page.contains(
            "<title>Báo cáo số 40/BC-UBND - Phường Trương Quang Trọng - Kết quả thực hiện công tác cải cách hành chính Quý I năm 2025</title>"
        ));
        assert_eq!(
            file_name(&report),
            "bao-cao-cchc-2025-quy-I-phuong-truong-quang-trong-ban-in.html"
        );
    }

    #[test]
    fn the_word_file_is_named_like_the_json_file() {
        assert_eq!(
            docx_file_name(&sample::sample()),
            "bao-cao-cchc-2025-quy-I-phuong-truong-quang-trong.docx"
        );
        assert_eq!(
            docx_file_name(&new_report()),
            "bao-cao-cchc-2025-quy-I-chua-co-ten-don-vi.docx"
        );
    }

    #[test]
    fn the_standalone_page_forbids_any_script_before_any_content() {
        let page = page(&sample::sample());
        let policy =
            format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{STANDALONE_CSP}\">");
        let at = page.find(&policy).expect("the page carries its policy");
        // A policy in a meta element holds from where it stands: nothing but
        // the character set may come before it.
        let before = &page[..at];
        assert!(
            before.ends_with("<head>\n<meta charset=\"utf-8\">\n"),
            "{before}"
        );
    }

    /// The signer's lines as printed, between `Nơi nhận:`'s column and the name.
    fn signer_lines(report: &Report) -> Vec<String> {
        Document::new(&Facts::new(&legacy(), report))
            .closing
            .signer_titles
    }

    #[test]
    fn each_choice_of_signer_prints_its_lines_as_nd30_lays_them_out() {
        let mut report = sample::sample();
        report.signature.authority = Text::new("q. giám đốc");
        report.signature.title = Text::new("Phó Giám đốc\n\nphụ trách");
        report.signature.signer = Signer::Chair;
        assert_eq!(signer_lines(&report), ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]);
        report.signature.signer = Signer::Deputy;
        assert_eq!(
            signer_lines(&report),
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
        );
        let text = text_of(&print(&report));
        assert!(
            text.contains("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trương Thanh Thảo"),
            "{text}"
        );
        report.signature.signer = Signer::Free;
        assert_eq!(
            signer_lines(&report),
            ["Q. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "PHỤ TRÁCH"]
        );
        // A new report starts with the chair signing.
        assert_eq!(new_report().signature.signer, Signer::Chair);
    }

    #[test]
    fn a_report_saved_before_the_choice_prints_its_lines_and_saves_as_before() {
        let stored: serde_json::Value = serde_json::from_str(sample::SAMPLE_JSON).unwrap();
        assert!(stored["signature"].get("signer").is_none());
        let report = sample::sample();
        assert_eq!(report.signature.signer, Signer::Free);
        assert_eq!(signer_lines(&report), ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]);
        let written = serde_json::to_value(&report).unwrap();
        assert_eq!(written["signature"], stored["signature"]);
        // A chosen signer is written and read back.
        let mut deputy = report.clone();
        deputy.signature.signer = Signer::Deputy;
        let json = deputy.to_json();
        assert!(json.contains("\"signer\": \"deputy\""), "{json}");
        assert_eq!(Report::from_json(&json).unwrap(), deputy);
    }

    #[test]
    fn paragraphs_split_at_line_breaks_and_bullets_get_their_dash() {
        let mut report = new_report();
        report.narrative.preamble = vec![Block::Text(TextBlock {
            text: Text::new("Dòng một\n\nDòng hai"),
            bullet: true,
            footnote: Text::default(),
        })];
        let html = print(&report);
        assert!(html.contains("<p class=\"bullet\">- Dòng một</p>\n<p class=\"\">Dòng hai</p>"));
    }
}
