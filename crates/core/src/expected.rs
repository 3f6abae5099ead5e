//! The units the receiving office expects a report from, and where each
//! stands for the period being added up: sent and added up (valid, with a
//! warning, with errors), sent only for another period or template, or not
//! sent yet; and the files of units that are not on the list.
//!
//! A province's Department of Home Affairs receives from 100-170 communes;
//! the list is typed or pasted as lines, taken from the files received, or
//! read from a column of a CSV or Excel file (whose cells the office
//! module reads, with its libraries). Names are matched as people write
//! them: case, repeated spaces and decomposed accents do not make another
//! unit. What happened to each file is decided by
//! [`crate::aggregate::add_up`]; this module only lines the files up
//! against the list.

use std::collections::BTreeMap;

use crate::aggregate::{FileOutcome, Outcome, Summary};
use crate::date::Date;
use crate::text;
use crate::vi;

/// The key two spellings of one unit share: NFC, lower case, one space
/// between words (`Phường  Trương quang trọng` = `Phường Trương Quang Trọng`).
pub fn unit_key(name: &str) -> String {
    text::lower(&tidy(name))
}

/// `name` in NFC with its spaces tidied: one between words, none around.
fn tidy(name: &str) -> String {
    text::nfc(&name.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The units of `names` once each, in their first spelling (tidied), blank
/// lines and repeats dropped.
fn once_each<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    names
        .into_iter()
        .map(tidy)
        .filter(|name| !name.is_empty() && seen.insert(unit_key(name)))
        .collect()
}

/// The list typed or pasted into the page: one unit a line.
pub fn from_lines(text: &str) -> Vec<String> {
    once_each(text.lines())
}

/// The list as lines, for the page's text box and for storage.
pub fn to_lines(units: &[String]) -> String {
    units.join("\n")
}

/// `units` with the names of `more` that are not on it yet added at the end.
pub fn merged(units: &[String], more: &[String]) -> Vec<String> {
    once_each(units.iter().chain(more).map(String::as_str))
}

/// The units of every file received that has a unit name.
pub fn units_received(summary: &Summary) -> Vec<String> {
    once_each(summary.files.iter().filter_map(|file| file.unit.as_deref()))
}

/// Why a CSV or Excel file gave no list.
fn csv_refused(file_name: &str, why: &str) -> String {
    format!(
        "Không đọc được danh sách đơn vị từ tệp «{file_name}»: {why} Danh sách cũ vẫn giữ nguyên."
    )
}

/// Whether a CSV header names the units' column: `Đơn vị`, `Tên đơn vị`,
/// `TÊN ĐƠN VỊ`, `Don vi`.
fn is_unit_header(header: &str) -> bool {
    matches!(
        crate::vi::slug(header).as_str(),
        "don-vi" | "ten-don-vi" | "don-vi-gui" | "ten-don-vi-gui"
    )
}

/// The names in one sheet's column named like `Đơn vị` in its header (its
/// first row that is not blank), or `None` when no column is so named. A
/// cell below the header that says `Đơn vị` (a unit of measure) is data.
fn named_column(rows: &[Vec<String>]) -> Option<Vec<&str>> {
    let header = rows
        .iter()
        .position(|row| row.iter().any(|cell| !cell.trim().is_empty()))?;
    let column = rows[header]
        .iter()
        .position(|field| is_unit_header(field))?;
    Some(column_of(&rows[header + 1..], column))
}

/// The cells of `column` in `rows` that may be a unit's name: a line number
/// or a count is not.
fn column_of(rows: &[Vec<String>], column: usize) -> Vec<&str> {
    rows.iter()
        .filter_map(|row| row.get(column))
        .map(String::as_str)
        .filter(|name| name.chars().any(char::is_alphabetic))
        .collect()
}

/// The list from the sheets of a spreadsheet (a CSV file is one sheet): the
/// column named like `Đơn vị` or `Tên đơn vị` of the first sheet that has
/// one, else the first sheet's first column.
pub fn from_sheets(file_name: &str, sheets: &[Vec<Vec<String>>]) -> Result<Vec<String>, String> {
    let names = sheets
        .iter()
        .find_map(|rows| named_column(rows))
        .unwrap_or_else(|| {
            sheets
                .first()
                .map_or_else(Vec::new, |rows| column_of(rows, 0))
        });
    let names = once_each(names);
    if names.is_empty() {
        return Err(csv_refused(
            file_name,
            "không thấy tên đơn vị nào (cột «Tên đơn vị» hoặc cột đầu tiên).",
        ));
    }
    Ok(names)
}

/// The text of a CSV list of units (UTF-8, with or without Excel's
/// byte-order mark) and the delimiter its first line uses (`,`, `;` or a
/// tab, as Excel writes them), or why the file is not one, in Vietnamese.
/// The fields are split by the office module's CSV reader; the column is
/// picked by [`from_sheets`].
pub fn csv_text<'a>(file_name: &str, bytes: &'a [u8]) -> Result<(&'a str, u8), String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(csv_refused(
            file_name,
            "tệp không phải văn bản UTF-8. Trong Excel hãy lưu lại bằng «CSV UTF-8 (Comma delimited)».",
        ));
    };
    let text = text.trim_start_matches('\u{feff}');
    if text.contains('\0') {
        return Err(csv_refused(
            file_name,
            "tệp không phải tệp CSV (có ký tự lạ). Nếu là tệp Excel, hãy chọn tệp .xlsx hoặc lưu lại dạng CSV.",
        ));
    }
    let first = text
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or_default();
    let delimiter = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| first.matches(char::from(*d)).count())
        .filter(|d| first.contains(char::from(*d)))
        .unwrap_or(b',');
    Ok((text, delimiter))
}

/// When the reports of the period `summary` adds up were due, and where
/// `today` stands against it: `Hạn gửi báo cáo Quý I năm 2025: ngày
/// 20/3/2025 (đã quá hạn 5 ngày).`. `None` before any file is added up.
pub fn deadline(summary: &Summary, today: Option<Date>) -> Option<String> {
    let (kind, year) = summary.period?;
    let due = kind.due_date(year)?;
    let against = today.map(|today| match due.days_until(today) {
        0 => " (hôm nay)".to_owned(),
        late if late > 0 => format!(
            " (đã quá hạn {} ngày)",
            vi::group_digits(late.unsigned_abs())
        ),
        early => format!(" (còn {} ngày)", vi::group_digits(early.unsigned_abs())),
    });
    Some(format!(
        "Hạn gửi báo cáo {}: ngày {}{}.",
        kind.long_name(year),
        vi::format_date(due),
        against.unwrap_or_default()
    ))
}

/// Where one expected unit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Its file for the period is added up: valid, with a warning, with errors.
    Sent(Outcome),
    /// Only an older revision or a repeat, not added up (not seen alone:
    /// the later one is added up).
    Superseded,
    /// Only a report of another period.
    OtherPeriod,
    /// Only a report of another template.
    OtherTemplate,
    NotSent,
}

impl Status {
    /// The words the page shows.
    pub fn label(self) -> &'static str {
        match self {
            Status::Sent(Outcome::Valid) => "đã gửi, hợp lệ",
            Status::Sent(Outcome::Warnings) => "đã gửi, có cảnh báo",
            Status::Sent(_) => "đã gửi, có lỗi",
            Status::Superseded => "bản trùng hoặc bản cũ, không cộng",
            Status::OtherPeriod => "khác kỳ",
            Status::OtherTemplate => "khác mẫu, không cộng",
            Status::NotSent => "chưa gửi",
        }
    }

    /// The CSS class of the status: `ok`, `warning` or `error`.
    pub fn class(self) -> &'static str {
        match self {
            Status::Sent(Outcome::Valid) => "ok",
            Status::Sent(Outcome::Warnings) | Status::Superseded => "warning",
            _ => "error",
        }
    }

    /// What one file says of its unit.
    pub fn of_file(outcome: Outcome) -> Status {
        match outcome {
            Outcome::Valid | Outcome::Warnings | Outcome::Errors => Status::Sent(outcome),
            Outcome::Superseded => Status::Superseded,
            Outcome::OtherPeriod => Status::OtherPeriod,
            Outcome::OtherTemplate => Status::OtherTemplate,
            Outcome::Unnamed | Outcome::Unreadable => Status::NotSent,
        }
    }

    /// Which of two statuses of one unit's files tells more: the file added
    /// up first, then another period, another template, a superseded one.
    fn rank(self) -> u8 {
        match self {
            Status::Sent(_) => 0,
            Status::OtherPeriod => 1,
            Status::OtherTemplate => 2,
            Status::Superseded => 3,
            Status::NotSent => 4,
        }
    }
}

/// `tqt-lan-2.json (lần xuất thứ 2): đã gửi, hợp lệ`: one file of a unit
/// and what it says, on the page and in the Excel file.
pub fn file_line(file: &FileOutcome, status: Status) -> String {
    format!(
        "{} (lần xuất thứ {}): {}",
        file.file_name,
        file.revision,
        status.label()
    )
}

/// One expected unit and its files.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitStatus {
    /// As on the list.
    pub unit: String,
    pub status: Status,
    /// The unit's files, each with what it says: the one added up, the
    /// older revisions ignored, the reports of another period.
    pub files: Vec<(FileOutcome, Status)>,
}

/// The expected units against the files received.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RollCall {
    /// Every expected unit once, in the list's order.
    pub units: Vec<UnitStatus>,
    /// The files of units not on the list.
    pub unlisted: Vec<FileOutcome>,
}

impl RollCall {
    /// The units that have sent nothing.
    pub fn not_sent(&self) -> Vec<&str> {
        self.units
            .iter()
            .filter(|unit| unit.status == Status::NotSent)
            .map(|unit| unit.unit.as_str())
            .collect()
    }
}

/// Lines the files of `summary` up against `expected`.
pub fn roll_call(expected: &[String], summary: &Summary) -> RollCall {
    let mut by_key: BTreeMap<String, Vec<&FileOutcome>> = BTreeMap::new();
    for file in &summary.files {
        if let Some(unit) = &file.unit {
            by_key.entry(unit_key(unit)).or_default().push(file);
        }
    }
    let units = once_each(expected.iter().map(String::as_str))
        .into_iter()
        .map(|unit| {
            let files: Vec<(FileOutcome, Status)> = by_key
                .remove(&unit_key(&unit))
                .unwrap_or_default()
                .into_iter()
                .map(|file| (file.clone(), Status::of_file(file.outcome)))
                .collect();
            let status = files
                .iter()
                .map(|(_, status)| *status)
                .min_by_key(|status| status.rank())
                .unwrap_or(Status::NotSent);
            UnitStatus {
                unit,
                status,
                files,
            }
        })
        .collect();
    let mut unlisted: Vec<FileOutcome> = by_key.into_values().flatten().cloned().collect();
    unlisted.sort_by(|a, b| a.file_name.cmp(&b.file_name));
    RollCall { units, unlisted }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::{add_up, ReceivedFile};
    use crate::exchange::Opened;
    use crate::report::{Period, Report};
    use crate::sample::sample;
    use crate::template::legacy;
    use crate::text::Text;

    fn unit(name: &str) -> Report {
        let mut report = sample();
        report.header.unit.name = Text::new(name);
        report
    }

    fn file(name: &str, report: Report, revision: u32) -> ReceivedFile {
        ReceivedFile {
            name: name.to_owned(),
            opened: Ok(Opened {
                report,
                template: legacy(),
                revision,
                checksum_ok: true,
                from_version: 2,
            }),
        }
    }

    #[test]
    fn names_match_whatever_the_case_spacing_and_accent_form() {
        let decomposed = "Phu\u{31b}o\u{31b}\u{300}ng Tru\u{31b}o\u{31b}ng Quang Tro\u{323}ng";
        let key = unit_key("Phường Trương Quang Trọng");
        assert_eq!(unit_key("Phường  Trương quang trọng"), key);
        assert_eq!(unit_key(decomposed), key);
        assert_eq!(unit_key("  PHƯỜNG TRƯƠNG\tQUANG TRỌNG "), key);
        assert_ne!(unit_key("Phường Trương Quang"), key);
        let list = from_lines(&format!(
            "Phường Trương Quang Trọng\n\n  Phường  Trương quang trọng\n{decomposed}\r\nXã  Nghĩa Hành \n"
        ));
        assert_eq!(list, ["Phường Trương Quang Trọng", "Xã Nghĩa Hành"]);
        assert_eq!(to_lines(&list), "Phường Trương Quang Trọng\nXã Nghĩa Hành");
    }

    #[test]
    fn each_expected_unit_gets_its_status_once() {
        let mut other_period = unit("Nghĩa Chánh");
        other_period.period = Period::legal(crate::period::ReportKind::SixMonths, 2025);
        let mut with_errors = unit("Nghĩa Lộ");
        with_errors
            .figures
            .set("applications.resolved", 2000.into());
        let mut edited = file("nghia-dong.json", unit("Nghĩa Dõng"), 1);
        if let Ok(opened) = &mut edited.opened {
            opened.checksum_ok = false;
        }
        let summary = add_up(&[
            file("tqt-lan-2.json", sample(), 2),
            file("tqt-lan-3.json", sample(), 3),
            file("nghia-chanh.json", other_period, 1),
            file("nghia-lo.json", with_errors, 1),
            edited,
            file("la-ha.json", unit("La Hà"), 1),
            ReceivedFile {
                name: "hong.json".to_owned(),
                opened: crate::exchange::open(b"{", &|_| None),
            },
        ]);
        let expected = from_lines(
            "phường trương quang trọng\nPhường Nghĩa Chánh\nPhường Nghĩa Lộ\nPhường  Nghĩa Dõng\nPhường Nghĩa Hà\nPHƯỜNG TRƯƠNG QUANG TRỌNG",
        );
        let roll = roll_call(&expected, &summary);
        let statuses: Vec<(&str, &str)> = roll
            .units
            .iter()
            .map(|unit| (unit.unit.as_str(), unit.status.label()))
            .collect();
        assert_eq!(
            statuses,
            [
                ("phường trương quang trọng", "đã gửi, hợp lệ"),
                ("Phường Nghĩa Chánh", "khác kỳ"),
                ("Phường Nghĩa Lộ", "đã gửi, có lỗi"),
                ("Phường Nghĩa Dõng", "đã gửi, có cảnh báo"),
                ("Phường Nghĩa Hà", "chưa gửi"),
            ]
        );
        assert_eq!(roll.not_sent(), ["Phường Nghĩa Hà"]);
        // The older revision is listed with the unit, as not added up.
        let tqt: Vec<(&str, &str)> = roll.units[0]
            .files
            .iter()
            .map(|(file, status)| (file.file_name.as_str(), status.label()))
            .collect();
        assert_eq!(
            tqt,
            [
                ("tqt-lan-2.json", "bản trùng hoặc bản cũ, không cộng"),
                ("tqt-lan-3.json", "đã gửi, hợp lệ"),
            ]
        );
        // A unit not on the list; the broken file has no unit to match.
        let unlisted: Vec<(&str, Option<&str>)> = roll
            .unlisted
            .iter()
            .map(|file| (file.file_name.as_str(), file.unit.as_deref()))
            .collect();
        assert_eq!(unlisted, [("la-ha.json", Some("Phường La Hà"))]);
        assert_eq!(Status::OtherTemplate.label(), "khác mẫu, không cộng");
        assert_eq!(Status::of_file(Outcome::Unreadable), Status::NotSent);
    }

    #[test]
    fn the_deadline_says_how_far_today_is_from_it() {
        let summary = add_up(&[file("tqt.json", sample(), 1)]);
        let on = |y, m, d| deadline(&summary, Some(Date::new(y, m, d).unwrap())).unwrap();
        assert_eq!(
            on(2025, 3, 25),
            "Hạn gửi báo cáo Quý I năm 2025: ngày 20/3/2025 (đã quá hạn 5 ngày)."
        );
        assert_eq!(
            on(2025, 3, 20),
            "Hạn gửi báo cáo Quý I năm 2025: ngày 20/3/2025 (hôm nay)."
        );
        assert_eq!(
            on(2025, 3, 17),
            "Hạn gửi báo cáo Quý I năm 2025: ngày 20/3/2025 (còn 3 ngày)."
        );
        assert_eq!(
            on(2028, 3, 20),
            "Hạn gửi báo cáo Quý I năm 2025: ngày 20/3/2025 (đã quá hạn 1.096 ngày)."
        );
        assert_eq!(
            deadline(&summary, None).unwrap(),
            "Hạn gửi báo cáo Quý I năm 2025: ngày 20/3/2025."
        );
        assert_eq!(deadline(&add_up(&[]), None), None);
    }

    #[test]
    fn a_newer_revision_replaces_the_older_whichever_comes_first() {
        for files in [
            [
                file("lan-3.json", sample(), 3),
                file("lan-2.json", sample(), 2),
            ],
            [
                file("lan-2.json", sample(), 2),
                file("lan-3.json", sample(), 3),
            ],
        ] {
            let summary = add_up(&files);
            assert_eq!(summary.units.len(), 1);
            assert_eq!(summary.units[0].file_name, "lan-3.json");
            let roll = roll_call(&["Phường Trương Quang Trọng".to_owned()], &summary);
            assert_eq!(roll.units[0].status, Status::Sent(Outcome::Valid));
            let older = roll.units[0]
                .files
                .iter()
                .find(|(file, _)| file.file_name == "lan-2.json")
                .unwrap();
            assert_eq!(older.1, Status::Superseded);
            assert_eq!(older.0.revision, 2);
        }
    }

    #[test]
    fn the_list_can_be_taken_from_the_files_received() {
        let summary = add_up(&[
            file("a.json", unit("Nghĩa Lộ"), 1),
            file("b.json", sample(), 1),
            file("c.json", sample(), 2),
        ]);
        let received = units_received(&summary);
        assert_eq!(received, ["Phường Nghĩa Lộ", "Phường Trương Quang Trọng"]);
        let list = merged(&from_lines("phường nghĩa lộ\nXã Hành Thiện"), &received);
        assert_eq!(
            list,
            [
                "phường nghĩa lộ",
                "Xã Hành Thiện",
                "Phường Trương Quang Trọng"
            ]
        );
    }

    #[test]
    fn a_csv_gives_its_text_and_the_delimiter_of_its_first_line() {
        let named = "\u{feff}\r\nSTT;Tên đơn vị, xã;Số dân\r\n1;Phường Nghĩa Lộ;12000\r\n";
        assert_eq!(
            csv_text("ds.csv", named.as_bytes()).unwrap(),
            (&named[3..], b';')
        );
        let tabs = "STT\tTên đơn vị\n1\tXã A, B\n";
        assert_eq!(csv_text("ds.csv", tabs.as_bytes()).unwrap().1, b'\t');
        assert_eq!(csv_text("ds.csv", "Xã A\n".as_bytes()).unwrap().1, b',');
        assert_eq!(csv_text("ds.csv", b"").unwrap(), ("", b','));
    }

    fn sheet(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|row| row.iter().map(|cell| (*cell).to_owned()).collect())
            .collect()
    }

    #[test]
    fn a_workbook_gives_the_first_named_unit_column() {
        let totals = sheet(&[
            &["Mã", "Đơn vị tính", "Tổng hợp"],
            &["1.1.a", "Đơn vị", "66"],
        ]);
        let files = sheet(&[
            &[],
            &["Tệp", "Đơn vị", "Lần xuất"],
            &["a.json", "Phường Nghĩa Lộ", "1"],
            &["hong.json", "", ""],
            &["b.json", "Phường Trương Quang Trọng", "2"],
        ]);
        assert_eq!(
            from_sheets("x.xlsx", &[totals.clone(), files]).unwrap(),
            ["Phường Nghĩa Lộ", "Phường Trương Quang Trọng"]
        );
        // No named column anywhere: the first sheet's first column.
        assert_eq!(
            from_sheets(
                "x.xlsx",
                &[
                    sheet(&[&["Xã Hành Thiện"], &["Xã Hành Đức"]]),
                    totals.clone()
                ]
            )
            .unwrap(),
            ["Xã Hành Thiện", "Xã Hành Đức"]
        );
        assert!(from_sheets("x.xlsx", &[]).is_err());
        let numbers = from_sheets("ds.csv", &[sheet(&[&["1", "2"], &["3", "4"]])]).unwrap_err();
        assert!(numbers.contains("không thấy tên đơn vị nào"), "{numbers}");
        assert!(numbers.ends_with("Danh sách cũ vẫn giữ nguyên."));
    }

    #[test]
    fn a_garbage_csv_is_refused_with_a_reason() {
        let latin1 = csv_text("ds.csv", &[0x50, 0x68, 0xb0, 0xea]).unwrap_err();
        assert!(latin1.starts_with(
            "Không đọc được danh sách đơn vị từ tệp «ds.csv»: tệp không phải văn bản UTF-8."
        ));
        let zip = csv_text("ds.csv", b"PK\x03\x04\0\0abc").unwrap_err();
        assert!(zip.contains("không phải tệp CSV"), "{zip}");
        assert!(zip.ends_with("Danh sách cũ vẫn giữ nguyên."));
    }
}
