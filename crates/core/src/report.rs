//! The report as plain data: what a ward or commune writes each period.
//!
//! This is the one model every other part reads: the editor edits it, the
//! rules check it, the print view renders it, the JSON file carries it and
//! the receiving office adds many of them up. It holds only what the user
//! enters; anything that follows from it (percentages, generated sentences,
//! computed appendix cells) is derived elsewhere and never stored, so no
//! number can disagree with itself.
//!
//! Field names are the stable JSON names, in English; dates are ISO 8601.
//! What every report has (header, period, narrative, signature, recipients)
//! is typed here; the figures and the appendix are keyed by the report's
//! template ([`crate::template`]), which the report names.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::decimal::Decimal;
pub use crate::figures::Figures;
use crate::period::{DataPeriod, ReportKind};
use crate::template::{Template, TemplateRef};
use crate::text::{self, Text};
use crate::vi;

/// The version of the report's JSON shape. Raise it with every change that an
/// older reader would misread, and add a migration for the old shape.
/// Version 2 names the report's template; version 1 had one fixed form.
pub const FORMAT_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub format_version: u32,
    /// The template the report is written under. Absent only in files of
    /// format versions 0 and 1, which are of the sample's template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<TemplateRef>,
    pub header: Header,
    pub period: Period,
    pub narrative: Narrative,
    /// Every figure entered once, under its template key.
    pub figures: Figures,
    /// Entered appendix cells, keyed by row code (`1.1`, `7.4`). Cells the
    /// template computes from the figures are not stored here.
    #[serde(default)]
    pub appendix: BTreeMap<String, AppendixEntry>,
    pub signature: Signature,
    pub recipients: Recipients,
}

/// The document's header (Nghị định 30/2020, Phụ lục I).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// The agency above the issuer, upper case; often left empty for UBND xã/phường.
    #[serde(default)]
    pub parent_agency: Text,
    /// The issuing body, e.g. `ỦY BAN NHÂN DÂN`.
    pub issuing_agency: Text,
    pub unit: Unit,
    /// The registered document number; empty until the văn thư assigns it.
    #[serde(default)]
    pub number: Option<u32>,
    /// The symbol after the number, e.g. `BC-UBND`.
    pub symbol: Text,
    /// The place name on the date line, e.g. `Trương Quang Trọng`.
    pub place: Text,
    #[serde(default)]
    pub date: Option<Date>,
}

/// The reporting commune-level unit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub kind: UnitKind,
    /// The proper name, e.g. `Trương Quang Trọng`.
    pub name: Text,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    #[default]
    Xa,
    Phuong,
    ThiTran,
    DacKhu,
    /// Any other office, its name written whole (`Sở Nội vụ`, `tỉnh Quảng
    /// Ngãi`): the office that adds up its units' reports and sends the
    /// totals on upward.
    Other,
}

impl UnitKind {
    pub const ALL: [UnitKind; 5] = [
        UnitKind::Xa,
        UnitKind::Phuong,
        UnitKind::ThiTran,
        UnitKind::DacKhu,
        UnitKind::Other,
    ];

    /// The common noun, lower case as it stands before a name: `phường`;
    /// nothing for another office, whose name is written whole.
    pub fn noun(self) -> &'static str {
        match self {
            UnitKind::Xa => "xã",
            UnitKind::Phuong => "phường",
            UnitKind::ThiTran => "thị trấn",
            UnitKind::DacKhu => "đặc khu",
            UnitKind::Other => "",
        }
    }

    /// The kind as the editor's select names it: `Phường`.
    pub fn label(self) -> String {
        match self {
            UnitKind::Other => "Cơ quan khác (ghi đủ tên)".to_owned(),
            kind => vi::capitalize_first(kind.noun()),
        }
    }
}

impl Unit {
    /// `phường Trương Quang Trọng`, as written inside a sentence.
    pub fn full_name(&self) -> String {
        match self.kind {
            UnitKind::Other => self.name.trim().to_owned(),
            kind => format!("{} {}", kind.noun(), self.name.trim()),
        }
    }

    /// `PHƯỜNG TRƯƠNG QUANG TRỌNG`, the second line of the agency block.
    pub fn header_line(&self) -> String {
        text::upper(&self.full_name())
    }

    /// What tells one unit from another however its name was typed
    /// (case, accents, spaces): the name's slug, then the kind. Sorting by
    /// it orders units by name.
    pub fn key(&self) -> (String, &'static str) {
        (vi::slug(self.name.as_str()), self.kind.noun())
    }

    /// `UBND phường Trương Quang Trọng`; another office by its own name.
    pub fn committee(&self) -> String {
        match self.kind {
            UnitKind::Other => self.full_name(),
            _ => format!("UBND {}", self.full_name()),
        }
    }
}

impl Header {
    /// `40/BC-UBND`; numbers below 10 get a leading zero, and an unassigned
    /// number leaves room to write it by hand: `     /BC-UBND`.
    pub fn number_and_symbol(&self) -> String {
        let number = match self.number {
            Some(number) if number < 10 => format!("{number:02}"),
            Some(number) => number.to_string(),
            None => "\u{a0}".repeat(5),
        };
        format!("{number}/{}", self.symbol.trim())
    }
}

/// What the report covers. `from` and `to` start as the legal period of
/// `kind` and `year` and may be changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Period {
    pub kind: ReportKind,
    pub year: i32,
    #[serde(default)]
    pub from: Option<Date>,
    #[serde(default)]
    pub to: Option<Date>,
}

impl Period {
    /// A period of `kind` and `year` with the legal dates filled in.
    pub fn legal(kind: ReportKind, year: i32) -> Period {
        let dates = kind.legal_period(year);
        Period {
            kind,
            year,
            from: dates.map(|d| d.from),
            to: dates.map(|d| d.to),
        }
    }

    /// The legal default for this kind and year.
    pub fn legal_dates(&self) -> Option<DataPeriod> {
        self.kind.legal_period(self.year)
    }

    pub fn due_date(&self) -> Option<Date> {
        self.kind.due_date(self.year)
    }

    pub fn long_name(&self) -> String {
        self.kind.long_name(self.year)
    }

    pub fn short_name(&self) -> String {
        self.kind.short_name(self.year)
    }
}

/// The running text: parts with sections and points, then the tasks for the
/// next period. Numbering (I, 1, a) is derived from position when printed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Narrative {
    /// Before the first part: the opening sentence.
    #[serde(default)]
    pub preamble: Vec<Block>,
    /// The numbered parts (`I. Kết quả đạt được`, `II. Nhận xét, đánh giá`).
    #[serde(default)]
    pub parts: Vec<Section>,
    /// The last part: the numbered tasks for the next period.
    pub next_tasks: NextTasks,
    /// After the last part: the closing sentence.
    #[serde(default)]
    pub closing: Vec<Block>,
}

/// A part, section or point: a title, its content, and the level below.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub title: Text,
    #[serde(default)]
    pub blocks: Vec<Block>,
    #[serde(default)]
    pub subsections: Vec<Section>,
}

/// The printed number of the part, section or point at `path` (one index
/// per level, from 0): `II.`, `3.`, `d)`.
pub fn section_number(path: &[usize]) -> String {
    let index = path.last().copied().unwrap_or(0);
    match path.len() {
        1 => format!("{}.", vi::roman(index as u32 + 1)),
        2 => format!("{}.", index + 1),
        _ => format!("{})", vi::point_letter(index)),
    }
}

/// One paragraph of a section: text the user writes, or a sentence the app
/// writes from the figures, named by its key in the template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Text(TextBlock),
    Generated { sentence: String },
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TextBlock {
    pub text: Text,
    /// Printed as a `- ` list item rather than an indented paragraph.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bullet: bool,
    /// A footnote attached at the end of the paragraph.
    #[serde(default, skip_serializing_if = "Text::is_blank")]
    pub footnote: Text,
}

impl Block {
    pub fn paragraph(text: &str) -> Block {
        Block::Text(TextBlock {
            text: Text::new(text),
            ..TextBlock::default()
        })
    }

    pub fn bullet(text: &str) -> Block {
        Block::Text(TextBlock {
            text: Text::new(text),
            bullet: true,
            ..TextBlock::default()
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NextTasks {
    pub title: Text,
    #[serde(default)]
    pub items: Vec<Text>,
}

/// One entered appendix cell and its note.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AppendixEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<CellValue>,
    #[serde(default, skip_serializing_if = "Text::is_blank")]
    pub note: Text,
}

/// A cell's value: a number (count, percentage, money, choice code) or short text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CellValue {
    Number(Decimal),
    Text(Text),
}

/// Who signs: the chair, a deputy for the chair, or lines typed freely.
/// Each prints the authority and title lines of Nghị định 30/2020.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signer {
    /// The typed `authority` and `title`: what every report saved before
    /// the choice existed has, so it prints as it always did.
    #[default]
    Free,
    /// `TM. ỦY BAN NHÂN DÂN` / `CHỦ TỊCH`.
    Chair,
    /// `TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH`.
    Deputy,
}

impl Signer {
    pub const ALL: [Signer; 3] = [Signer::Chair, Signer::Deputy, Signer::Free];

    /// The choice as the editor names it.
    pub fn label(self) -> &'static str {
        match self {
            Signer::Chair => "Chủ tịch ký (TM. Ủy ban nhân dân)",
            Signer::Deputy => "Phó Chủ tịch ký thay Chủ tịch (KT. Chủ tịch)",
            Signer::Free => "Tự ghi thẩm quyền và chức vụ",
        }
    }

    fn is_free(&self) -> bool {
        *self == Signer::Free
    }
}

/// The signature block on the right of the closing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Signature {
    /// Who signs. Absent (and not written) for free lines, so that reports
    /// saved before the choice open, print and checksum as they did.
    #[serde(default, skip_serializing_if = "Signer::is_free")]
    pub signer: Signer,
    /// `TM. ỦY BAN NHÂN DÂN`, or empty. Printed for free lines only.
    #[serde(default)]
    pub authority: Text,
    /// `CHỦ TỊCH`, `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH` on two lines, ...
    /// Printed for free lines only.
    pub title: Text,
    pub name: Text,
}

impl Signature {
    /// The lines above the signature, upper case, one per printed line.
    pub fn printed_titles(&self) -> Vec<String> {
        const COMMITTEE: &str = "TM. ỦY BAN NHÂN DÂN";
        match self.signer {
            Signer::Chair => vec![COMMITTEE.to_owned(), "CHỦ TỊCH".to_owned()],
            Signer::Deputy => vec![
                COMMITTEE.to_owned(),
                "KT. CHỦ TỊCH".to_owned(),
                "PHÓ CHỦ TỊCH".to_owned(),
            ],
            Signer::Free => self
                .authority
                .filled_lines()
                .chain(self.title.filled_lines())
                .map(text::upper)
                .collect(),
        }
    }
}

/// `Nơi nhận:`: one line per recipient, then the archive line.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Recipients {
    #[serde(default)]
    pub lines: Vec<Text>,
    /// What follows `Lưu:`, e.g. `VT, Vương (15)`.
    #[serde(default)]
    pub archive: Text,
}

impl Recipients {
    /// The printed list: `- UBND thành phố Quảng Ngãi;` ... `- Lưu: VT, Vương (15).`
    pub fn printed_lines(&self) -> Vec<String> {
        let strip = |line: &Text| {
            line.trim()
                .trim_start_matches(['-', ' '])
                .trim_end_matches([';', '.', ' '])
                .to_owned()
        };
        let mut lines: Vec<String> = self
            .lines
            .iter()
            .map(strip)
            .filter(|line| !line.is_empty())
            .map(|line| format!("- {line};"))
            .collect();
        let archive = strip(&self.archive);
        let archive = archive.strip_prefix("Lưu:").unwrap_or(&archive).trim();
        if !archive.is_empty() {
            lines.push(format!("- Lưu: {archive}."));
        }
        lines
    }
}

impl Report {
    /// An empty report of `template` for a period kind and year, with the
    /// legal period, the usual header and signature wording, the template's
    /// outline and default recipients.
    pub fn new(template: &Template, kind: ReportKind, year: i32) -> Report {
        Report {
            format_version: FORMAT_VERSION,
            template: Some(template.reference()),
            header: Header {
                issuing_agency: Text::new("ỦY BAN NHÂN DÂN"),
                symbol: Text::new("BC-UBND"),
                ..Header::default()
            },
            period: Period::legal(kind, year),
            narrative: template.outline.clone(),
            figures: template.empty_figures(),
            appendix: BTreeMap::new(),
            signature: Signature {
                signer: Signer::Chair,
                authority: Text::new("TM. ỦY BAN NHÂN DÂN"),
                title: Text::new("CHỦ TỊCH"),
                name: Text::default(),
            },
            recipients: template.recipients.clone(),
        }
    }

    /// The summary under `BÁO CÁO`: `Kết quả thực hiện công tác cải cách hành
    /// chính Quý I năm 2025`.
    pub fn summary(&self) -> String {
        format!(
            "Kết quả thực hiện công tác cải cách hành chính {}",
            self.period.long_name()
        )
    }

    /// Reads a report from JSON text. It goes through `serde_json::Value`,
    /// as every other reader of reports does (files, drafts): the wasm then
    /// carries one copy of the deserialising code instead of two.
    pub fn from_json(json: &str) -> Result<Report, serde_json::Error> {
        serde_json::from_str::<serde_json::Value>(json).and_then(serde_json::from_value)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serialises")
    }
}
