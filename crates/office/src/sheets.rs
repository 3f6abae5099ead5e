//! Reading the cells of an Excel (`.xlsx`) file, for the receiving office's
//! list of expected units kept in a spreadsheet.
//!
//! It lives in the office module, loaded on first use, because it needs
//! the zip and XML readers that module already carries for its writers;
//! in the editor's wasm they would make every start-up larger. Only the
//! cells' texts are read, sheet by sheet; which column holds the units is
//! decided in the core ([`cchc_core::expected::from_sheets`]).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// One sheet's rows, each a list of cell texts from column A (blank cells
/// as empty texts).
pub type Rows = Vec<Vec<String>>;

/// The most bytes one part of the file may unpack to: far more than a
/// list of units needs, small enough that a hostile file cannot fill memory.
const PART_LIMIT: u64 = 32 * 1024 * 1024;

/// Why a file gave no cells.
fn refused(why: impl std::fmt::Display) -> String {
    format!("Không đọc được tệp Excel: {why}. Hãy lưu lại bằng Excel dạng .xlsx hoặc .csv.")
}

/// The text of the part `name`, if the archive has it.
fn part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(error) => return Err(refused(error)),
    };
    let mut text = String::new();
    file.take(PART_LIMIT)
        .read_to_string(&mut text)
        .map_err(refused)?;
    Ok(Some(text))
}

/// One piece of an XML part, as [`walk`] hands it over.
enum Piece<'a> {
    /// A start tag (or an empty one, then followed by its end): its local
    /// name and the text of its attributes.
    Start(&'a str, &'a str),
    /// An end tag's local name.
    End(&'a str),
    /// Text between tags, entities resolved.
    Text(Cow<'a, str>),
}

/// `x:c` -> `c`: the name without its namespace prefix.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// `text` with the XML entities (`&amp;`, `&#272;`, `&#x110;`) resolved.
fn unescape(text: &str) -> Result<Cow<'_, str>, String> {
    if !text.contains('&') {
        return Ok(text.into());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..]
            .find(';')
            .ok_or_else(|| refused("ký tự «&» không đúng cú pháp XML"))?;
        let entity = &rest[at + 1..at + end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        out.push(c.ok_or_else(|| refused(format!("không hiểu «&{entity};»")))?);
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    Ok(out.into())
}

/// Walks the tags and texts of an XML part. Only what the cells of a
/// worksheet and its shared strings are written with is needed: tags with
/// attributes, text, entities, CDATA; declarations, comments and
/// processing instructions are skipped. (A general XML library here
/// weighed about 200 KB of wasm.)
fn walk<'a>(xml: &'a str, mut on: impl FnMut(Piece<'a>)) -> Result<(), String> {
    let broken = || refused("phần XML bị hỏng");
    let mut rest = xml;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            on(Piece::Text(unescape(rest)?));
            break;
        };
        if open > 0 {
            on(Piece::Text(unescape(&rest[..open])?));
        }
        rest = &rest[open..];
        let skip_to = |end: &str| rest.find(end).map(|at| at + end.len()).ok_or_else(broken);
        if let Some(data) = rest.strip_prefix("<![CDATA[") {
            let end = data.find("]]>").ok_or_else(broken)?;
            on(Piece::Text(data[..end].into()));
            rest = &data[end + 3..];
        } else if rest.starts_with("<!--") {
            rest = &rest[skip_to("-->")?..];
        } else if rest.starts_with("<?") {
            rest = &rest[skip_to("?>")?..];
        } else if rest.starts_with("<!") {
            rest = &rest[skip_to(">")?..];
        } else {
            let close = rest.find('>').ok_or_else(broken)?;
            let tag = &rest[1..close];
            rest = &rest[close + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                on(Piece::End(local(name.trim())));
                continue;
            }
            let (tag, empty) = match tag.strip_suffix('/') {
                Some(tag) => (tag, true),
                None => (tag, false),
            };
            let (name, attributes) = tag
                .split_once(|c: char| c.is_ascii_whitespace())
                .unwrap_or((tag, ""));
            on(Piece::Start(local(name), attributes));
            if empty {
                on(Piece::End(local(name)));
            }
        }
    }
    Ok(())
}

/// The value of attribute `name` in the attributes' text `attributes` (a
/// cell reference or type: plain ASCII, with nothing to unescape).
fn attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = attributes;
    loop {
        let (key, after) = rest.split_once('=')?;
        let after = after.trim_start();
        let quote = after.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let (value, tail) = after[1..].split_once(quote)?;
        if key.trim() == name {
            return Some(value);
        }
        rest = tail;
    }
}

/// The shared strings: the text of each `<si>`, its runs joined, its
/// phonetic hints (`<rPh>`) left out.
fn shared_strings(xml: &str) -> Result<Vec<String>, String> {
    let mut strings = Vec::new();
    let (mut in_text, mut in_phonetic) = (false, false);
    walk(xml, |piece| match piece {
        Piece::Start(name, _) => match name {
            "si" => strings.push(String::new()),
            "t" => in_text = true,
            "rPh" => in_phonetic = true,
            _ => {}
        },
        Piece::End("t") => in_text = false,
        Piece::End("rPh") => in_phonetic = false,
        Piece::End(_) => {}
        Piece::Text(text) => {
            if in_text && !in_phonetic {
                if let Some(string) = strings.last_mut() {
                    string.push_str(&text);
                }
            }
        }
    })?;
    Ok(strings)
}

/// The column index of a cell reference: `B12` -> 1.
fn column_index(reference: &str) -> Option<usize> {
    let letters = reference.bytes().take_while(u8::is_ascii_alphabetic);
    letters
        .map(|letter| usize::from(letter.to_ascii_uppercase() - b'A') + 1)
        .try_fold(0usize, |index, digit| {
            index.checked_mul(26)?.checked_add(digit)
        })
        .and_then(|index| index.checked_sub(1))
        .filter(|index| *index < 16_384)
}

/// The rows of one worksheet, shared strings looked up.
fn worksheet(xml: &str, strings: &[String]) -> Result<Rows, String> {
    let mut rows: Rows = Vec::new();
    let mut cell: Option<(usize, Option<&str>)> = None;
    let mut value = String::new();
    let mut in_value = false;
    walk(xml, |piece| match piece {
        Piece::Start(name, attributes) => match name {
            "row" => rows.push(Vec::new()),
            "c" => {
                let column = attribute(attributes, "r")
                    .and_then(column_index)
                    .unwrap_or_else(|| rows.last().map_or(0, Vec::len));
                cell = Some((column, attribute(attributes, "t")));
                value.clear();
            }
            "v" | "t" => in_value = cell.is_some(),
            _ => {}
        },
        Piece::Text(text) if in_value => value.push_str(&text),
        Piece::Text(_) => {}
        Piece::End("v" | "t") => in_value = false,
        Piece::End("c") => {
            let (Some((column, kind)), Some(row)) = (cell.take(), rows.last_mut()) else {
                return;
            };
            let text = match kind {
                Some("s") => value
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .and_then(|index| strings.get(index))
                    .cloned()
                    .unwrap_or_default(),
                _ => value.clone(),
            };
            if row.len() <= column {
                row.resize(column + 1, String::new());
            }
            row[column] = text;
        }
        Piece::End(_) => {}
    })?;
    Ok(rows)
}

/// The number in a worksheet part's name: `xl/worksheets/sheet12.xml` -> 12.
fn sheet_number(name: &str) -> Option<u32> {
    name.strip_prefix("xl/worksheets/sheet")?
        .strip_suffix(".xml")?
        .parse()
        .ok()
}

/// Every worksheet of the `.xlsx` file `bytes`, in order, as rows of texts.
pub fn sheets(bytes: &[u8]) -> Result<Vec<Rows>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| refused("tệp không phải tệp .xlsx (không mở được dạng nén)"))?;
    let strings = match part(&mut archive, "xl/sharedStrings.xml")? {
        Some(xml) => shared_strings(&xml)?,
        None => Vec::new(),
    };
    let names: BTreeMap<u32, String> = archive
        .file_names()
        .filter_map(|name| sheet_number(name).map(|number| (number, name.to_owned())))
        .collect();
    if names.is_empty() {
        return Err(refused("tệp không có trang tính nào"));
    }
    names
        .values()
        .map(|name| {
            let xml = part(&mut archive, name)?.unwrap_or_default();
            worksheet(&xml, &strings)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_name_their_column() {
        assert_eq!(column_index("A1"), Some(0));
        assert_eq!(column_index("b12"), Some(1));
        assert_eq!(column_index("AA3"), Some(26));
        assert_eq!(column_index("XFD1"), Some(16_383));
        assert_eq!(column_index("XFE1"), None);
        assert_eq!(column_index("12"), None);
    }

    #[test]
    fn shared_inline_and_plain_cells_are_read_in_their_columns() {
        let strings = shared_strings(
            r#"<sst><si><t>Tên đơn vị</t></si><si><r><t>Phường </t></r><r><t>Nghĩa Lộ</t></r><rPh><t>x</t></rPh></si><si><t>A &amp; B</t></si></sst>"#,
        )
        .unwrap();
        assert_eq!(strings, ["Tên đơn vị", "Phường Nghĩa Lộ", "A & B"]);
        let rows = worksheet(
            r#"<worksheet><sheetData>
                <row r="1"><c r="B1" t="s"><v>0</v></c></row>
                <row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>1</v></c></row>
                <row r="3"><c r="B3" t="inlineStr"><is><t>Xã Hành &#272;ức</t></is></c><c r="D3" t="s"><v>2</v></c></row>
                <row r="4"/>
            </sheetData></worksheet>"#,
            &strings,
        )
        .unwrap();
        assert_eq!(
            rows,
            [
                vec!["", "Tên đơn vị"],
                vec!["1", "Phường Nghĩa Lộ"],
                vec!["", "Xã Hành Đức", "", "A & B"],
                vec![],
            ]
        );
    }

    #[test]
    fn prefixed_tags_single_quotes_cdata_and_comments_are_read() {
        let rows = worksheet(
            "<?xml version=\"1.0\"?><!-- a --><x:worksheet><x:sheetData><x:row><x:c r='C1' t='inlineStr'><x:is><x:t><![CDATA[Xã <Một>]]></x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>",
            &[],
        )
        .unwrap();
        assert_eq!(rows, [vec!["", "", "Xã <Một>"]]);
        assert!(worksheet("<row><c r=\"A1\"><v>1 &bogus; 2</v></c></row>", &[]).is_err());
        assert!(worksheet("<row><c r=\"A1\"", &[]).is_err());
        assert_eq!(unescape("a &lt;&#x110;&#273;&gt;").unwrap(), "a <Đđ>");
    }

    #[test]
    fn what_is_not_an_xlsx_file_is_refused_in_vietnamese() {
        let error = sheets(b"STT,Ten\n1,A\n").unwrap_err();
        assert!(
            error.starts_with("Không đọc được tệp Excel: tệp không phải tệp .xlsx"),
            "{error}"
        );
    }
}
