//! The figures as a table: every numeric figure of [`Figures`] with its JSON
//! path, its Vietnamese label and how to read and write it.
//!
//! The appendix catalog refers to figures by path (`figures.applications.on_time`),
//! the editor names each input by the same path, and the rules report issues
//! at it. One table keeps those three in step; nothing else needs to know the
//! struct's shape. Staff titles are a list, not a figure, and are edited as such.

use crate::report::Figures;

/// What a figure counts, which decides how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    /// A number of things: applications, tasks, people, documents.
    Count,
    /// An amount in đồng.
    Money,
}

/// One numeric figure of the report.
#[derive(Clone, Copy)]
pub struct FigureField {
    /// The path in the report JSON, also the editor input's `name`.
    pub path: &'static str,
    /// The label the editor shows.
    pub label: &'static str,
    pub kind: FigureKind,
    pub get: fn(&Figures) -> Option<u64>,
    pub set: fn(&mut Figures, Option<u64>),
}

impl std::fmt::Debug for FigureField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.path)
    }
}

macro_rules! figure_fields {
    ($($path:expr, $kind:ident, $label:expr => $($field:ident).+;)*) => {
        &[$(FigureField {
            path: $path,
            label: $label,
            kind: FigureKind::$kind,
            get: |figures| figures.$($field).+,
            set: |figures, value| figures.$($field).+ = value,
        }),*]
    };
}

/// The rows of one staff group (`officials` or `civil_servants`): its count
/// and both breakdowns, so both groups share one list of levels.
macro_rules! staff_group_fields {
    ($group:ident, $who:literal) => {
        staff_group_fields!(@rows $group, $who,
            count, "Tổng số người",
            education.doctorate, "Tiến sĩ",
            education.master, "Thạc sỹ",
            education.university, "Đại học",
            education.college, "Cao đẳng",
            education.intermediate, "Trung cấp",
            education.elementary, "Sơ cấp",
            political.advanced, "Lý luận chính trị cao cấp",
            political.intermediate, "Lý luận chính trị trung cấp",
            political.elementary, "Lý luận chính trị sơ cấp"
        )
    };
    (@rows $group:ident, $who:literal, $($($field:ident).+, $label:literal),*) => {
        figure_fields! {$(
            concat!("figures.staff.", stringify!($group) $(, ".", stringify!($field))+),
            Count,
            concat!($who, ": ", $label) => staff.$group.$($field).+;
        )*}
    };
}

/// Every numeric figure but staff, in the order the editor shows them.
pub const FIGURE_FIELDS: &[FigureField] = figure_fields! {
    "figures.plan.tasks_total", Count, "Số nhiệm vụ đề ra trong kế hoạch CCHC" => plan.tasks_total;
    "figures.plan.tasks_completed", Count, "Số nhiệm vụ đã hoàn thành" => plan.tasks_completed;
    "figures.applications.received", Count, "Số hồ sơ đã tiếp nhận" => applications.received;
    "figures.applications.resolved", Count, "Số hồ sơ đã giải quyết và trả kết quả" => applications.resolved;
    "figures.applications.on_time", Count, "Trong đó: giải quyết đúng hạn" => applications.on_time;
    "figures.applications.carried_over", Count, "Số hồ sơ chuyển kỳ sau" => applications.carried_over;
    "figures.applications.withdrawn", Count, "Số hồ sơ rút" => applications.withdrawn;
    "figures.online.partial.count", Count, "Hồ sơ trực tuyến một phần đã tiếp nhận" => online.partial.count;
    "figures.online.partial.total", Count, "Tổng số hồ sơ của TTHC trực tuyến một phần" => online.partial.total;
    "figures.online.full.count", Count, "Hồ sơ trực tuyến toàn trình đã tiếp nhận" => online.full.count;
    "figures.online.full.total", Count, "Tổng số hồ sơ của TTHC trực tuyến toàn trình" => online.full.total;
    "figures.digitised.inputs.count", Count, "Hồ sơ đã số hóa thành phần đầu vào" => digitised.inputs.count;
    "figures.digitised.inputs.total", Count, "Tổng số hồ sơ phải số hóa đầu vào" => digitised.inputs.total;
    "figures.digitised.outputs.count", Count, "Hồ sơ đã số hóa kết quả đầu ra" => digitised.outputs.count;
    "figures.digitised.outputs.total", Count, "Tổng số hồ sơ phải số hóa kết quả" => digitised.outputs.total;
    "figures.fees.total", Money, "Tổng số phí, lệ phí thu được" => fees.total;
    "figures.fees.cash", Money, "Thu bằng tiền mặt" => fees.cash;
    "figures.fees.bank_transfer", Money, "Thu bằng chuyển khoản không dùng tiền mặt" => fees.bank_transfer;
    "figures.fees.online_payment", Money, "Thu bằng thanh toán trực tuyến qua DVC quốc gia" => fees.online_payment;
    "figures.survey.forms", Count, "Số phiếu lấy ý kiến đánh giá mức độ hài lòng" => survey.forms;
    "figures.survey.very_satisfied", Count, "Số phiếu đánh giá rất hài lòng" => survey.very_satisfied;
    "figures.documents.outgoing", Count, "Tổng số văn bản đi" => documents.outgoing;
    "figures.documents.digitally_signed", Count, "Số văn bản đi được ký số" => documents.digitally_signed;
    "figures.documents.legal_normative", Count, "Số văn bản quy phạm pháp luật đã ban hành" => documents.legal_normative;
    "figures.staff.quota", Count, "Biên chế được giao" => staff.quota;
};

/// Cán bộ: the count, education and political theory.
pub const OFFICIALS_FIELDS: &[FigureField] = staff_group_fields!(officials, "Cán bộ");

/// Công chức: the count, education and political theory.
pub const CIVIL_SERVANTS_FIELDS: &[FigureField] = staff_group_fields!(civil_servants, "Công chức");

/// The editor's groups of figures, by the path segment after `figures.`,
/// with their headings, in the order they are shown.
pub const FIGURE_GROUPS: &[(&str, &str)] = &[
    ("plan", "Kế hoạch cải cách hành chính"),
    (
        "applications",
        "Giải quyết thủ tục hành chính tại Bộ phận Một cửa",
    ),
    ("online", "Dịch vụ công trực tuyến"),
    ("digitised", "Số hóa hồ sơ, kết quả giải quyết TTHC"),
    ("fees", "Phí, lệ phí"),
    ("survey", "Lấy ý kiến mức độ hài lòng"),
    ("documents", "Văn bản đi"),
    ("staff", "Cán bộ, công chức"),
];

/// The group of a figure path: `applications` for `figures.applications.received`.
pub fn group_of(path: &str) -> &str {
    path.trim_start_matches("figures.")
        .split('.')
        .next()
        .unwrap_or_default()
}

/// All numeric figures: the general ones, then staff.
pub fn all_fields() -> impl Iterator<Item = &'static FigureField> {
    FIGURE_FIELDS
        .iter()
        .chain(OFFICIALS_FIELDS)
        .chain(CIVIL_SERVANTS_FIELDS)
}

/// The figure at `path`, if there is one.
pub fn field(path: &str) -> Option<&'static FigureField> {
    all_fields().find(|field| field.path == path)
}

/// The value of the figure at `path`; `None` when the path is unknown or the
/// figure is not filled in.
pub fn value(figures: &Figures, path: &str) -> Option<u64> {
    field(path).and_then(|field| (field.get)(figures))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn paths_are_unique_and_match_the_json() {
        let mut seen = HashSet::new();
        for (index, field) in all_fields().enumerate() {
            assert!(seen.insert(field.path), "duplicate {}", field.path);
            let mut figures = Figures::default();
            let marker = 1_000 + index as u64;
            (field.set)(&mut figures, Some(marker));
            assert_eq!((field.get)(&figures), Some(marker));
            let json = serde_json::json!({ "figures": figures });
            let pointer = format!("/{}", field.path.replace('.', "/"));
            assert_eq!(
                json.pointer(&pointer).and_then(|v| v.as_u64()),
                Some(marker),
                "{}",
                field.path
            );
            let set_elsewhere = all_fields()
                .filter(|other| other.path != field.path)
                .filter(|other| (other.get)(&figures).is_some())
                .count();
            assert_eq!(set_elsewhere, 0, "{} writes another field", field.path);
        }
    }

    #[test]
    fn every_numeric_figure_is_in_the_table() {
        // Fill every field through the table (and the plan's date, which is
        // not a number); the JSON must then hold no null.
        let mut figures = Figures::default();
        figures.plan.date = "2025-01-03".parse().ok();
        for field in all_fields() {
            (field.set)(&mut figures, Some(1));
        }
        let json = serde_json::to_string(&figures).unwrap();
        assert!(
            !json.contains("null"),
            "a figure is missing from the table: {json}"
        );
    }

    #[test]
    fn lookup_by_path() {
        let mut figures = Figures::default();
        figures.applications.received = Some(847);
        assert_eq!(value(&figures, "figures.applications.received"), Some(847));
        assert_eq!(value(&figures, "figures.applications.resolved"), None);
        assert_eq!(value(&figures, "figures.nothing"), None);
        assert_eq!(field("figures.fees.total").unwrap().kind, FigureKind::Money);
    }
}

/// A ratio shown beside the figures while typing: sums of figures over sums
/// of figures, so that a swing or an impossible share is seen at once.
#[derive(Debug, Clone, Copy)]
pub struct DerivedRatio {
    /// Stable name, used as the output's `data-derived` attribute.
    pub key: &'static str,
    pub label: &'static str,
    pub numerator: &'static [&'static str],
    pub denominator: &'static [&'static str],
}

pub const DERIVED_RATIOS: &[DerivedRatio] = &[
    DerivedRatio {
        key: "plan.completed",
        label: "Tỷ lệ nhiệm vụ đã hoàn thành",
        numerator: &["figures.plan.tasks_completed"],
        denominator: &["figures.plan.tasks_total"],
    },
    DerivedRatio {
        key: "applications.resolved",
        label: "Tỷ lệ hồ sơ đã giải quyết",
        numerator: &["figures.applications.resolved"],
        denominator: &["figures.applications.received"],
    },
    DerivedRatio {
        key: "applications.on_time",
        label: "Tỷ lệ giải quyết đúng hạn",
        numerator: &["figures.applications.on_time"],
        denominator: &["figures.applications.resolved"],
    },
    DerivedRatio {
        key: "online.partial",
        label: "Trực tuyến một phần",
        numerator: &["figures.online.partial.count"],
        denominator: &["figures.online.partial.total"],
    },
    DerivedRatio {
        key: "online.full",
        label: "Trực tuyến toàn trình",
        numerator: &["figures.online.full.count"],
        denominator: &["figures.online.full.total"],
    },
    DerivedRatio {
        key: "online.all",
        label: "Tiếp nhận trực tuyến (cộng hai loại)",
        numerator: &["figures.online.partial.count", "figures.online.full.count"],
        denominator: &["figures.online.partial.total", "figures.online.full.total"],
    },
    DerivedRatio {
        key: "digitised.inputs",
        label: "Số hóa đầu vào",
        numerator: &["figures.digitised.inputs.count"],
        denominator: &["figures.digitised.inputs.total"],
    },
    DerivedRatio {
        key: "digitised.outputs",
        label: "Số hóa kết quả",
        numerator: &["figures.digitised.outputs.count"],
        denominator: &["figures.digitised.outputs.total"],
    },
    DerivedRatio {
        key: "survey.very_satisfied",
        label: "Tỷ lệ rất hài lòng",
        numerator: &["figures.survey.very_satisfied"],
        denominator: &["figures.survey.forms"],
    },
    DerivedRatio {
        key: "documents.digitally_signed",
        label: "Tỷ lệ văn bản đi được ký số",
        numerator: &["figures.documents.digitally_signed"],
        denominator: &["figures.documents.outgoing"],
    },
    DerivedRatio {
        key: "staff.present",
        label: "Có mặt / biên chế được giao",
        numerator: &[
            "figures.staff.officials.count",
            "figures.staff.civil_servants.count",
        ],
        denominator: &["figures.staff.quota"],
    },
];

impl DerivedRatio {
    fn sum(figures: &Figures, paths: &[&str]) -> Option<u64> {
        paths
            .iter()
            .try_fold(0u64, |sum, path| sum.checked_add(value(figures, path)?))
    }

    /// `843/847 (99,52%)`, or `None` while a figure is missing.
    pub fn text(&self, figures: &Figures) -> Option<String> {
        let numerator = Self::sum(figures, self.numerator)?;
        let denominator = Self::sum(figures, self.denominator)?;
        let share = format!(
            "{}/{}",
            crate::vi::group_digits(numerator),
            crate::vi::group_digits(denominator)
        );
        Some(match crate::vi::percent_of(numerator, denominator) {
            Some(percent) => format!("{share} ({})", crate::vi::format_percent(percent)),
            None => share,
        })
    }
}

#[cfg(test)]
mod ratio_tests {
    use super::*;
    use crate::sample::sample;

    #[test]
    fn every_figure_and_ratio_sits_in_one_shown_group() {
        let shown = |path: &str| FIGURE_GROUPS.iter().any(|(key, _)| *key == group_of(path));
        assert!(all_fields().all(|field| shown(field.path)));
        for ratio in DERIVED_RATIOS {
            let group = group_of(ratio.numerator[0]);
            assert!(shown(ratio.numerator[0]), "{}", ratio.key);
            let paths = ratio.numerator.iter().chain(ratio.denominator);
            assert!(
                paths.into_iter().all(|path| group_of(path) == group),
                "{}",
                ratio.key
            );
        }
        assert_eq!(group_of("figures.staff.officials.count"), "staff");
    }

    #[test]
    fn ratios_of_the_sample() {
        let figures = sample().figures;
        let text = |key: &str| {
            DERIVED_RATIOS
                .iter()
                .find(|ratio| ratio.key == key)
                .and_then(|ratio| ratio.text(&figures))
        };
        assert_eq!(
            text("applications.resolved").as_deref(),
            Some("843/847 (99,52%)")
        );
        assert_eq!(text("online.all").as_deref(), Some("831/832 (99,87%)"));
        assert_eq!(
            text("digitised.outputs").as_deref(),
            Some("842/843 (99,88%)")
        );
        assert_eq!(text("staff.present").as_deref(), Some("22/25 (88%)"));
        let mut figures = figures;
        figures.online.full.total = None;
        assert_eq!(
            DERIVED_RATIOS
                .iter()
                .find(|r| r.key == "online.all")
                .unwrap()
                .text(&figures),
            None
        );
        figures.documents.outgoing = Some(0);
        figures.documents.digitally_signed = Some(0);
        let signed = DERIVED_RATIOS
            .iter()
            .find(|r| r.key == "documents.digitally_signed")
            .unwrap();
        assert_eq!(signed.text(&figures).as_deref(), Some("0/0"));
        for ratio in DERIVED_RATIOS {
            for path in ratio.numerator.iter().chain(ratio.denominator) {
                assert!(field(path).is_some(), "{}: {path}", ratio.key);
            }
        }
    }
}
