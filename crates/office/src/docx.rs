//! `Tải bản Word (.docx)`: the core's [`Document`] (the one the print
//! view is written from) as an editable Word file in the layout of
//! Nghị định 30/2020/NĐ-CP.
//!
//! The sizes are those of the print view's stylesheet (`style/document.css`):
//! A4 portrait, margins top and bottom 20 mm, left 30 mm, right 15 mm;
//! Times New Roman 14 pt for the body, 13 pt and 12 pt in the header and
//! the signature block, 11 pt for the recipients and the footnotes.
//! Headings and paragraphs are Word paragraphs with named styles, the
//! footnotes are Word footnotes, the page number is a `PAGE` field in the
//! header from page 2 on, and the appendix is a section of its own whose
//! pages are numbered from 1, with a table whose two header rows repeat
//! on every page.

use std::io::Cursor;

use cchc_core::document::{
    AppendixLine, AppendixPart, Closing, Document, Header, LineKind, Paragraph as Line,
    ParagraphKind,
};
use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, Footnote, Header as PageHeader, LineSpacing,
    LineSpacingType, PageMargin, PageNum, PageNumType, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, Section, SpecialIndentType, Style,
    StyleType, Table, TableBorder, TableBorderPosition, TableBorders, TableCell, TableCellMargins,
    TableLayoutType, TableRow, VAlignType, VMergeType, VertAlignType, WidthType,
};

/// A4 portrait, in twentieths of a point.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;

/// Millimetres in twentieths of a point (1 inch = 25.4 mm = 1440).
const fn mm(millimetres: u32) -> i32 {
    ((millimetres * 1440 * 10 + 127) / 254) as i32
}

const MARGIN_TOP: i32 = mm(20);
const MARGIN_BOTTOM: i32 = mm(20);
const MARGIN_LEFT: i32 = mm(30);
const MARGIN_RIGHT: i32 = mm(15);
/// The page number stands in the top margin, 10 mm from the edge.
const HEADER_DISTANCE: i32 = mm(10);

/// The width of the text between the margins.
const TEXT_WIDTH: usize = (PAGE_WIDTH as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;

/// `text-indent: 1.27cm` of the body.
const FIRST_LINE: i32 = 720;

const FONT: &str = "Times New Roman";

/// Font sizes in half-points.
const PT14: usize = 28;
const PT13_5: usize = 27;
const PT13: usize = 26;
const PT12: usize = 24;
const PT11: usize = 22;

/// `line-height: 1.3` (Word counts 240 for single spacing).
const LINE: i32 = 312;

/// The named styles of the file: a user changes the look of every body
/// paragraph or heading at once in Word, as with any well-made document.
const BODY: &str = "BodyText";
const PART: &str = "Heading1";
const SECTION: &str = "Heading2";
const POINT: &str = "Heading3";
const FOOTNOTE_TEXT: &str = "FootnoteText";
const FOOTNOTE_REFERENCE: &str = "FootnoteReference";
const PAGE_HEADER: &str = "Header";

/// The Word file of `document`.
pub fn docx(document: &Document) -> Result<Vec<u8>, String> {
    let mut xml = build(document)?.build();
    xml.document = repeat_table_head(&xml.document, 2)?;
    let mut file = Cursor::new(Vec::new());
    xml.pack(&mut file)
        .map_err(|error| format!("Không tạo được tệp Word: {error}"))?;
    Ok(file.into_inner())
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

fn spacing(before: u32, after: u32) -> LineSpacing {
    LineSpacing::new()
        .before(before)
        .after(after)
        .line(LINE)
        .line_rule(LineSpacingType::Auto)
}

fn styles(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, level: usize| {
        let style = Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on(BODY)
            .next(BODY)
            .outline_lvl(level);
        let mut style = style;
        style.paragraph_property = style.paragraph_property.keep_next(true);
        style
    };
    docx.default_fonts(fonts())
        .default_size(PT14)
        .add_style(
            Style::new(BODY, StyleType::Paragraph)
                .name("Body Text")
                .based_on("Normal")
                .align(AlignmentType::Both)
                .indent(
                    None,
                    Some(SpecialIndentType::FirstLine(FIRST_LINE)),
                    None,
                    None,
                )
                .line_spacing(spacing(0, 120)),
        )
        .add_style(heading(PART, "heading 1", 0).bold())
        .add_style(heading(SECTION, "heading 2", 1).bold())
        .add_style(heading(POINT, "heading 3", 2))
        .add_style(
            Style::new(FOOTNOTE_TEXT, StyleType::Paragraph)
                .name("footnote text")
                .based_on("Normal")
                .size(PT11)
                .align(AlignmentType::Both)
                .line_spacing(LineSpacing::new().after(60)),
        )
        .add_style({
            let mut style =
                Style::new(FOOTNOTE_REFERENCE, StyleType::Character).name("footnote reference");
            style.run_property = style.run_property.vert_align(VertAlignType::SuperScript);
            style
        })
        .add_style(
            Style::new(PAGE_HEADER, StyleType::Paragraph)
                .name("header")
                .based_on("Normal")
                .size(PT13)
                .align(AlignmentType::Center),
        )
}

fn page_margin() -> PageMargin {
    PageMargin {
        top: MARGIN_TOP,
        left: MARGIN_LEFT,
        bottom: MARGIN_BOTTOM,
        right: MARGIN_RIGHT,
        header: HEADER_DISTANCE,
        footer: HEADER_DISTANCE,
        gutter: 0,
    }
}

/// The header of every page but a section's first: its page number.
fn page_number_header() -> PageHeader {
    PageHeader::new().add_paragraph(
        Paragraph::new()
            .style(PAGE_HEADER)
            .add_page_num(PageNum::new()),
    )
}

/// A centred paragraph of `lines`, each on its own line.
fn centred(lines: &[String], size: usize, run: impl Fn(Run) -> Run) -> Paragraph {
    let mut paragraph = Paragraph::new()
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().before(0).after(0));
    for (index, line) in lines.iter().enumerate() {
        let mut piece = run(Run::new().size(size));
        if index > 0 {
            piece = piece.add_break(BreakType::TextWrapping);
        }
        paragraph = paragraph.add_run(piece.add_text(line));
    }
    paragraph
}

/// A short solid line, centred, `width` twentieths of a point long inside
/// a space `room` wide: an empty paragraph with a bottom border, as wide
/// as its indents leave it.
fn rule(width: usize, room: usize, before: u32, after: u32) -> Paragraph {
    let side = (room.saturating_sub(width) / 2) as i32;
    let mut paragraph = Paragraph::new()
        .indent(Some(side), None, Some(side), None)
        .line_spacing(
            LineSpacing::new()
                .before(before)
                .after(after)
                .line(20)
                .line_rule(LineSpacingType::Exact),
        )
        .size(2);
    paragraph.property = paragraph.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size(6)
                .space(0)
                .color("000000"),
        ),
    );
    paragraph
}

/// Every border of a table (outside and between cells), each made by `border`.
fn borders(border: impl Fn(TableBorderPosition) -> TableBorder) -> TableBorders {
    [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::with_empty(), |borders, position| {
        borders.set(border(position))
    })
}

fn no_borders() -> TableBorders {
    borders(|position| TableBorder::new(position).border_type(BorderType::Nil))
}

fn all_borders() -> TableBorders {
    borders(|position| {
        TableBorder::new(position)
            .border_type(BorderType::Single)
            .size(4)
            .color("000000")
    })
}

/// Column widths as shares of the text width, the last taking the rest.
fn grid(shares: &[usize]) -> Vec<usize> {
    let mut widths: Vec<usize> = shares
        .iter()
        .map(|share| TEXT_WIDTH * share / 100)
        .collect();
    let used: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += TEXT_WIDTH - used;
    }
    widths
}

/// A table laid out on `widths`, without borders, as the print view's
/// header and closing block.
fn layout_table(rows: Vec<TableRow>, widths: Vec<usize>) -> Table {
    Table::new(rows)
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(no_borders())
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
}

fn cell(width: usize, paragraphs: Vec<Paragraph>) -> TableCell {
    paragraphs.into_iter().fold(
        TableCell::new().width(width, WidthType::Dxa),
        TableCell::add_paragraph,
    )
}

/// The two-column header: the agency and the national title, then the
/// number and the place and date.
fn header(header: &Header) -> Table {
    let widths = grid(&[40, 5, 55]);
    let left = widths[0] + widths[1];
    let mut agency = Vec::new();
    if !header.parent_agency.is_empty() {
        agency.push(centred(&header.parent_agency, PT12, |run| run));
    }
    agency.push(centred(&header.issuer, PT12, Run::bold));
    agency.push(rule(left * 35 / 100, left, 40, 0));
    let nation = vec![
        centred(
            std::slice::from_ref(&header.national_title),
            PT12,
            Run::bold,
        ),
        centred(std::slice::from_ref(&header.motto), PT13_5, |run| {
            run.bold().underline("single")
        }),
    ];
    let number = vec![
        centred(std::slice::from_ref(&header.number), PT13, |run| run)
            .line_spacing(LineSpacing::new().before(160).after(0)),
    ];
    let place_date = vec![
        centred(std::slice::from_ref(&header.place_date), PT13, Run::italic)
            .line_spacing(LineSpacing::new().before(160).after(0)),
    ];
    layout_table(
        vec![
            TableRow::new(vec![
                cell(left, agency).grid_span(2),
                cell(widths[2], nation),
            ]),
            TableRow::new(vec![
                cell(widths[0], number),
                cell(widths[1] + widths[2], place_date).grid_span(2),
            ]),
        ],
        widths,
    )
}

/// A body paragraph, ending with its footnote's mark when it has one.
/// Word keeps a footnote's text with its mark and prints it at the foot
/// of the page the mark falls on.
fn line(line: &Line, footnotes: &[String]) -> Result<Paragraph, String> {
    let style = match line.kind {
        ParagraphKind::Part => PART,
        ParagraphKind::Section => SECTION,
        ParagraphKind::Point => POINT,
        ParagraphKind::Text
        | ParagraphKind::Bullet
        | ParagraphKind::Generated
        | ParagraphKind::Task => BODY,
    };
    let mut paragraph = Paragraph::new()
        .style(style)
        .add_run(Run::new().add_text(&line.text));
    if let Some(number) = line.footnote {
        let note = number
            .checked_sub(1)
            .and_then(|index| footnotes.get(index))
            .ok_or_else(|| format!("Không có chú thích số {number}."))?;
        paragraph = paragraph.add_run(Run::new().add_footnote_reference(Footnote {
            id: number,
            content: vec![footnote_text(number, note)],
        }));
    }
    Ok(paragraph)
}

/// The text of footnote `number`. Its number is written out: docx-rs
/// 0.4.22 has no `w:footnoteRef` (the mark that Word numbers by itself),
/// so the number is a superscript text in the footnote's reference style.
fn footnote_text(number: usize, note: &str) -> Paragraph {
    Paragraph::new()
        .style(FOOTNOTE_TEXT)
        .add_run(
            Run::new()
                .style(FOOTNOTE_REFERENCE)
                .add_text(number.to_string()),
        )
        .add_run(Run::new().add_text(format!(" {note}")))
}

/// `Nơi nhận:` and the recipients on the left, the signer on the right.
fn closing(closing: &Closing) -> Table {
    let widths = grid(&[45, 55]);
    let mut recipients = vec![Paragraph::new()
        .line_spacing(LineSpacing::new().before(0).after(0))
        .add_run(
            Run::new()
                .size(PT12)
                .bold()
                .italic()
                .add_text(&closing.recipients_title),
        )];
    recipients.extend(closing.recipients.iter().map(|recipient| {
        Paragraph::new()
            .line_spacing(LineSpacing::new().before(0).after(0))
            .add_run(Run::new().size(PT11).add_text(recipient))
    }));
    let signer = vec![
        centred(&closing.signer_titles, PT13, Run::bold),
        // `.signature-space { height: 28mm }`: room for the signature and seal.
        centred(std::slice::from_ref(&closing.signer_name), PT13, Run::bold)
            .line_spacing(LineSpacing::new().before(mm(28) as u32).after(0)),
    ];
    layout_table(
        vec![
            TableRow::new(vec![cell(widths[0], recipients), cell(widths[1], signer)]).cant_split(),
        ],
        widths,
    )
}

/// A cell of the appendix table: centred or not, in `size`.
fn appendix_cell(width: usize, runs: Vec<Run>, align: AlignmentType, indent: i32) -> TableCell {
    let mut paragraph = Paragraph::new().align(align).line_spacing(
        LineSpacing::new()
            .before(0)
            .after(0)
            .line(288)
            .line_rule(LineSpacingType::Auto),
    );
    if indent > 0 {
        paragraph = paragraph.indent(Some(indent), None, None, None);
    }
    let paragraph = runs.into_iter().fold(paragraph, Paragraph::add_run);
    cell(width, vec![paragraph]).vertical_align(VAlignType::Center)
}

fn head_cell(width: usize, runs: Vec<Run>) -> TableCell {
    appendix_cell(width, runs, AlignmentType::Center, 0)
}

/// The appendix's row of `line`, every cell as printed.
fn appendix_row(widths: &[usize], line: &AppendixLine) -> TableRow {
    let run = |text: &str| Run::new().size(PT12).add_text(text);
    let note = Run::new().size(PT11).add_text(&line.note);
    let cells = if line.kind == LineKind::Group {
        vec![
            appendix_cell(
                widths[0],
                vec![run(&line.number).bold()],
                AlignmentType::Center,
                0,
            ),
            appendix_cell(
                widths[1],
                vec![run(&line.label).bold()],
                AlignmentType::Left,
                0,
            ),
            appendix_cell(widths[2], vec![], AlignmentType::Center, 0),
            appendix_cell(widths[3], vec![], AlignmentType::Center, 0),
            appendix_cell(widths[4], vec![note.italic()], AlignmentType::Left, 0),
        ]
    } else {
        let indent = if line.kind == LineKind::SubRow {
            240
        } else {
            0
        };
        vec![
            appendix_cell(widths[0], vec![run(&line.number)], AlignmentType::Center, 0),
            appendix_cell(
                widths[1],
                vec![run(&line.label)],
                AlignmentType::Left,
                indent,
            ),
            appendix_cell(widths[2], vec![run(&line.unit)], AlignmentType::Center, 0),
            appendix_cell(widths[3], vec![run(&line.value)], AlignmentType::Center, 0),
            appendix_cell(widths[4], vec![note], AlignmentType::Left, 0),
        ]
    };
    TableRow::new(cells).cant_split()
}

/// The appendix table: two header rows, then a row per line.
fn appendix_table(appendix: &AppendixPart) -> Table {
    let widths = grid(&[9, 42, 14, 12, 23]);
    let head = &appendix.head;
    let bold = |text: &str| Run::new().size(PT12).bold().add_text(text);
    let first = TableRow::new(vec![
        head_cell(widths[0], vec![bold(&head.number)]).vertical_merge(VMergeType::Restart),
        head_cell(
            widths[1],
            vec![
                bold(&head.label),
                Run::new()
                    .size(PT11)
                    .italic()
                    .add_break(BreakType::TextWrapping)
                    .add_text(&head.label_hint),
            ],
        )
        .vertical_merge(VMergeType::Restart),
        head_cell(widths[2] + widths[3], vec![bold(&head.result)]).grid_span(2),
        head_cell(widths[4], vec![bold(&head.note)]).vertical_merge(VMergeType::Restart),
    ])
    .cant_split();
    let second = TableRow::new(vec![
        head_cell(widths[0], vec![]).vertical_merge(VMergeType::Continue),
        head_cell(widths[1], vec![]).vertical_merge(VMergeType::Continue),
        head_cell(widths[2], vec![bold(&head.unit)]),
        head_cell(widths[3], vec![bold(&head.value)]),
        head_cell(widths[4], vec![]).vertical_merge(VMergeType::Continue),
    ])
    .cant_split();
    let mut rows = vec![first, second];
    rows.extend(appendix.rows.iter().map(|line| appendix_row(&widths, line)));
    Table::new(rows)
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(all_borders())
        .margins(TableCellMargins::new().margin(40, 80, 40, 80))
}

/// The whole document: the report in a first section (no number on its
/// first page), the appendix in a second one numbered from 1.
fn build(document: &Document) -> Result<Docx, String> {
    let mut report = Section::new()
        .page_size(docx_rs::PageSize::new().size(PAGE_WIDTH, PAGE_HEIGHT))
        .page_margin(page_margin())
        .title_pg()
        .header(page_number_header())
        .add_table(header(&document.header))
        .add_paragraph(
            centred(std::slice::from_ref(&document.kind), PT14, Run::bold)
                .line_spacing(LineSpacing::new().before(360).after(0)),
        )
        .add_paragraph(centred(
            std::slice::from_ref(&document.summary),
            PT14,
            Run::bold,
        ))
        .add_paragraph(rule(TEXT_WIDTH / 4, TEXT_WIDTH, 100, 240));
    for paragraph in &document.body {
        report = report.add_paragraph(line(paragraph, &document.footnotes)?);
    }
    report = report
        .add_paragraph(Paragraph::new().size(PT12))
        .add_table(closing(&document.closing));

    let appendix = &document.appendix;
    let mut docx = styles(Docx::new())
        .add_section(report)
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(page_margin())
        .header(page_number_header())
        .first_header(PageHeader::new().add_paragraph(Paragraph::new().style(PAGE_HEADER)))
        .page_num_type(PageNumType::new().start(1));
    docx = docx
        .add_paragraph(centred(
            std::slice::from_ref(&appendix.label),
            PT14,
            Run::bold,
        ))
        .add_paragraph(centred(&appendix.title, PT14, Run::bold))
        .add_paragraph(centred(
            std::slice::from_ref(&appendix.source),
            PT14,
            Run::italic,
        ))
        .add_paragraph(rule(TEXT_WIDTH / 4, TEXT_WIDTH, 100, 240))
        .add_table(appendix_table(appendix))
        .add_paragraph(Paragraph::new().size(2));
    Ok(docx)
}

/// Marks the first `rows` rows of the document's last table (the
/// appendix's) as its header rows, which Word repeats at the top of every
/// page the table runs onto (`w:tblHeader`).
///
/// docx-rs 0.4.22 has no setting for `w:tblHeader` in a row's properties,
/// so it is added here to the XML docx-rs wrote, in the one place the
/// schema puts it: after `w:cantSplit`, which every row of that table has.
fn repeat_table_head(document: &[u8], rows: usize) -> Result<Vec<u8>, String> {
    const ROW_END: &str = "<w:cantSplit /></w:trPr>";
    const HEAD_ROW_END: &str = "<w:cantSplit /><w:tblHeader /></w:trPr>";
    let missing = || "Không đánh dấu được hàng tiêu đề của bảng phụ lục.".to_owned();
    let xml = std::str::from_utf8(document).map_err(|_| missing())?;
    let table = xml.rfind("<w:tbl>").ok_or_else(missing)?;
    let (before, mut rest) = xml.split_at(table);
    let mut out = String::with_capacity(xml.len() + rows * 16);
    out.push_str(before);
    for _ in 0..rows {
        let at = rest.find(ROW_END).ok_or_else(missing)?;
        out.push_str(&rest[..at]);
        out.push_str(HEAD_ROW_END);
        rest = &rest[at + ROW_END.len()..];
    }
    out.push_str(rest);
    Ok(out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_decree_margins_in_twentieths_of_a_point() {
        assert_eq!(
            (MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT),
            (1134, 1134, 1701, 850)
        );
        assert_eq!(TEXT_WIDTH, 11906 - 1701 - 850);
    }

    #[test]
    fn the_head_rows_of_the_last_table_are_marked() {
        let row = "<w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr>";
        let xml = format!("<w:tbl>{row}</w:tbl><w:tbl>{row}{row}{row}</w:tbl>");
        let marked = String::from_utf8(repeat_table_head(xml.as_bytes(), 2).unwrap()).unwrap();
        let (first, last) = marked.split_at(marked.rfind("<w:tbl>").unwrap());
        assert!(!first.contains("tblHeader"), "only the last table");
        assert_eq!(last.matches("<w:tblHeader />").count(), 2);
        assert!(last.ends_with("<w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl>"));
    }

    #[test]
    fn a_table_without_the_rows_to_mark_is_an_error() {
        let xml = "<w:tbl><w:tr><w:trPr /></w:tr></w:tbl>";
        let error = repeat_table_head(xml.as_bytes(), 2).unwrap_err();
        assert!(error.contains("hàng tiêu đề"), "{error}");
    }
}
