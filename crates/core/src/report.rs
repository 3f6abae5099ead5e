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

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::decimal::Decimal;
use crate::period::{DataPeriod, ReportKind};
use crate::text::Text;
use crate::vi;

/// The version of the report's JSON shape. Raise it with every change that an
/// older reader would misread, and add a migration for the old shape.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub format_version: u32,
    pub header: Header,
    pub period: Period,
    pub narrative: Narrative,
    pub figures: Figures,
    /// Entered appendix cells, keyed by indicator code (`1.1`, `7.4`). Cells
    /// the catalog computes from the figures are not stored here.
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
}

impl UnitKind {
    pub const ALL: [UnitKind; 4] = [
        UnitKind::Xa,
        UnitKind::Phuong,
        UnitKind::ThiTran,
        UnitKind::DacKhu,
    ];

    /// The common noun, lower case as it stands before a name: `phường`.
    pub fn noun(self) -> &'static str {
        match self {
            UnitKind::Xa => "xã",
            UnitKind::Phuong => "phường",
            UnitKind::ThiTran => "thị trấn",
            UnitKind::DacKhu => "đặc khu",
        }
    }
}

impl Unit {
    /// `phường Trương Quang Trọng`, as written inside a sentence.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.kind.noun(), self.name.trim())
    }

    /// `PHƯỜNG TRƯƠNG QUANG TRỌNG`, the second line of the agency block.
    pub fn header_line(&self) -> String {
        vi::upper(&self.full_name())
    }

    /// What tells one unit from another however its name was typed
    /// (case, accents, spaces): the name's slug, then the kind. Sorting by
    /// it orders units by name.
    pub fn key(&self) -> (String, &'static str) {
        (vi::slug(self.name.as_str()), self.kind.noun())
    }

    /// `UBND phường Trương Quang Trọng`.
    pub fn committee(&self) -> String {
        format!("UBND {}", self.full_name())
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
/// writes from the figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Text(TextBlock),
    Generated { sentence: Sentence },
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

/// The sentences the app writes from the figures, in the wording of the
/// reports offices send. See [`crate::sentences`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sentence {
    /// The opening sentence naming the unit and the period.
    Introduction,
    /// Tasks of the CCHC plan completed, `10/33`.
    PlanProgress,
    /// The one-stop-shop results: applications, online, digitised, fees, survey.
    OneStopResults,
    /// Cán bộ by title, education and political theory.
    StaffOfficials,
    /// Công chức by title, education and political theory.
    StaffCivilServants,
    /// Outgoing documents, legal normative ones and digital signatures.
    OutgoingDocuments,
    /// The closing sentence `Trên đây là báo cáo ... ./.`.
    Closing,
}

impl Sentence {
    pub const ALL: [Sentence; 7] = [
        Sentence::Introduction,
        Sentence::PlanProgress,
        Sentence::OneStopResults,
        Sentence::StaffOfficials,
        Sentence::StaffCivilServants,
        Sentence::OutgoingDocuments,
        Sentence::Closing,
    ];
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NextTasks {
    pub title: Text,
    #[serde(default)]
    pub items: Vec<Text>,
}

/// Every figure of the period, each entered once. A figure not filled in is
/// `None`, which is not the same as 0.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub plan: Plan,
    pub applications: Applications,
    pub online: Online,
    pub digitised: Digitised,
    pub fees: Fees,
    pub survey: Survey,
    pub documents: Documents,
    pub staff: Staff,
}

/// The unit's CCHC plan for the year and how many of its tasks are done.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// The plan's number and symbol, e.g. `02/KH-UBND`.
    #[serde(default)]
    pub number_symbol: Text,
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub tasks_total: Option<u64>,
    #[serde(default)]
    pub tasks_completed: Option<u64>,
}

impl Plan {
    /// `Kế hoạch số 02/KH-UBND ngày 03/01/2025`, or empty when not filled in.
    pub fn reference(&self) -> String {
        if self.number_symbol.is_blank() {
            return String::new();
        }
        let mut reference = format!("Kế hoạch số {}", self.number_symbol.trim());
        if let Some(date) = self.date {
            reference.push_str(&format!(" ngày {}", vi::format_date(date)));
        }
        reference
    }
}

/// Applications (hồ sơ) handled by the one-stop shop during the period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Applications {
    #[serde(default)]
    pub received: Option<u64>,
    #[serde(default)]
    pub resolved: Option<u64>,
    /// Resolved on time or early.
    #[serde(default)]
    pub on_time: Option<u64>,
    #[serde(default)]
    pub carried_over: Option<u64>,
    #[serde(default)]
    pub withdrawn: Option<u64>,
}

/// A part of a whole, both entered: `576` of `577`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Share {
    #[serde(default)]
    pub count: Option<u64>,
    #[serde(default)]
    pub total: Option<u64>,
}

impl Share {
    pub fn both(self) -> Option<(u64, u64)> {
        Some((self.count?, self.total?))
    }
}

/// Applications received online.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Online {
    /// Dịch vụ công trực tuyến một phần (formerly mức độ 3).
    pub partial: Share,
    /// Dịch vụ công trực tuyến toàn trình (formerly mức độ 4).
    pub full: Share,
}

impl Online {
    /// Partial and full together, when all four numbers are known.
    pub fn combined(&self) -> Option<(u64, u64)> {
        let (partial, partial_total) = self.partial.both()?;
        let (full, full_total) = self.full.both()?;
        Some((partial + full, partial_total + full_total))
    }
}

/// Applications whose inputs and results were digitised.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Digitised {
    pub inputs: Share,
    pub outputs: Share,
}

/// Fees and charges collected, in đồng, and how they were paid.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Fees {
    #[serde(default)]
    pub total: Option<u64>,
    #[serde(default)]
    pub cash: Option<u64>,
    /// Chuyển khoản không dùng tiền mặt.
    #[serde(default)]
    pub bank_transfer: Option<u64>,
    /// Thanh toán trực tuyến qua Cổng Dịch vụ công quốc gia.
    #[serde(default)]
    pub online_payment: Option<u64>,
}

/// The satisfaction survey of people and organisations.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Survey {
    #[serde(default)]
    pub forms: Option<u64>,
    /// Forms answering `rất hài lòng`.
    #[serde(default)]
    pub very_satisfied: Option<u64>,
}

/// Outgoing documents of the period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Documents {
    #[serde(default)]
    pub outgoing: Option<u64>,
    #[serde(default)]
    pub digitally_signed: Option<u64>,
    /// Văn bản quy phạm pháp luật issued.
    #[serde(default)]
    pub legal_normative: Option<u64>,
}

/// Staff on the payroll quota: cán bộ and công chức.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Staff {
    /// Biên chế được giao.
    #[serde(default)]
    pub quota: Option<u64>,
    pub officials: StaffGroup,
    pub civil_servants: StaffGroup,
}

impl Staff {
    /// Staff present: cán bộ plus công chức, when both are known.
    pub fn present(&self) -> Option<u64> {
        Some(self.officials.count? + self.civil_servants.count?)
    }
}

/// One group of staff and its three breakdowns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StaffGroup {
    #[serde(default)]
    pub count: Option<u64>,
    #[serde(default)]
    pub titles: Vec<TitleCount>,
    #[serde(default)]
    pub education: Education,
    #[serde(default)]
    pub political: PoliticalTheory,
}

/// `02` people holding the title `Phó Chủ tịch UBND phường`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TitleCount {
    #[serde(default)]
    pub count: Option<u64>,
    pub title: Text,
}

/// Staff by professional education, highest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Education {
    #[serde(default)]
    pub doctorate: Option<u64>,
    #[serde(default)]
    pub master: Option<u64>,
    #[serde(default)]
    pub university: Option<u64>,
    #[serde(default)]
    pub college: Option<u64>,
    #[serde(default)]
    pub intermediate: Option<u64>,
    #[serde(default)]
    pub elementary: Option<u64>,
}

impl Education {
    /// Each level with its Vietnamese name, highest first.
    pub fn levels(&self) -> [(&'static str, Option<u64>); 6] {
        [
            ("Tiến sĩ", self.doctorate),
            ("Thạc sỹ", self.master),
            ("Đại học", self.university),
            ("Cao đẳng", self.college),
            ("Trung cấp", self.intermediate),
            ("Sơ cấp", self.elementary),
        ]
    }
}

/// Staff by political-theory training, highest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PoliticalTheory {
    #[serde(default)]
    pub advanced: Option<u64>,
    #[serde(default)]
    pub intermediate: Option<u64>,
    #[serde(default)]
    pub elementary: Option<u64>,
}

impl PoliticalTheory {
    pub fn levels(&self) -> [(&'static str, Option<u64>); 3] {
        [
            ("Cao cấp", self.advanced),
            ("Trung cấp", self.intermediate),
            ("Sơ cấp", self.elementary),
        ]
    }
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

/// The signature block on the right of the closing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Signature {
    /// `TM. ỦY BAN NHÂN DÂN`, or empty.
    #[serde(default)]
    pub authority: Text,
    /// `CHỦ TỊCH`, `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH` on two lines, ...
    pub title: Text,
    pub name: Text,
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
    /// An empty report for a unit kind, period kind and year, with the legal
    /// period, the usual header and signature wording and the standard outline.
    pub fn new(kind: ReportKind, year: i32) -> Report {
        Report {
            format_version: FORMAT_VERSION,
            header: Header {
                issuing_agency: Text::new("ỦY BAN NHÂN DÂN"),
                symbol: Text::new("BC-UBND"),
                ..Header::default()
            },
            period: Period::legal(kind, year),
            narrative: Narrative::outline(),
            figures: Figures::default(),
            appendix: BTreeMap::new(),
            signature: Signature {
                authority: Text::new("TM. ỦY BAN NHÂN DÂN"),
                title: Text::new("CHỦ TỊCH"),
                name: Text::default(),
            },
            recipients: Recipients {
                lines: Vec::new(),
                archive: Text::new("VT"),
            },
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

impl Narrative {
    /// The standard outline of a CCHC report (Bộ Nội vụ's template, as the
    /// seed report follows it), with the generated sentences in place and
    /// every text left to write.
    pub fn outline() -> Narrative {
        let section = |title: &str, blocks: Vec<Block>, subsections: Vec<Section>| Section {
            title: Text::new(title),
            blocks,
            subsections,
        };
        let leaf = |title: &str| section(title, Vec::new(), Vec::new());
        let generated = |sentence| Block::Generated { sentence };
        Narrative {
            preamble: vec![generated(Sentence::Introduction)],
            parts: vec![
                section(
                    "Kết quả đạt được",
                    Vec::new(),
                    vec![
                        section(
                            "Về công tác chỉ đạo, điều hành",
                            vec![generated(Sentence::PlanProgress)],
                            Vec::new(),
                        ),
                        leaf("Công tác thể chế"),
                        section(
                            "Cải cách thủ tục hành chính; thực hiện cơ chế một cửa, cơ chế một cửa liên thông",
                            Vec::new(),
                            vec![
                                leaf("Công bố, công khai minh bạch TTHC"),
                                leaf("Về công tác tuyên truyền"),
                                leaf("Về rà soát, đánh giá và thực hiện các quy định về đơn giản hóa TTHC"),
                                section(
                                    "Về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC",
                                    vec![generated(Sentence::OneStopResults)],
                                    Vec::new(),
                                ),
                            ],
                        ),
                        section(
                            "Cải cách tổ chức bộ máy, chế độ công vụ",
                            Vec::new(),
                            vec![section(
                                "Về cán bộ, công chức",
                                vec![
                                    generated(Sentence::StaffOfficials),
                                    generated(Sentence::StaffCivilServants),
                                ],
                                Vec::new(),
                            )],
                        ),
                        leaf("Cải cách tài chính công"),
                        leaf("Hiện đại hóa hành chính"),
                        section(
                            "Xây dựng và phát triển chính quyền điện tử hướng đến chính quyền số",
                            vec![generated(Sentence::OutgoingDocuments)],
                            Vec::new(),
                        ),
                    ],
                ),
                section(
                    "Nhận xét, đánh giá",
                    Vec::new(),
                    vec![
                        leaf("Ưu điểm"),
                        leaf("Những tồn tại, hạn chế"),
                        leaf("Đề xuất, kiến nghị"),
                    ],
                ),
            ],
            next_tasks: NextTasks {
                title: Text::new("Nhiệm vụ cải cách hành chính trong thời gian đến"),
                items: Vec::new(),
            },
            closing: vec![generated(Sentence::Closing)],
        }
    }
}
