//! The statistics appendix as data: every indicator of "Thống kê số liệu về
//! kết quả thực hiện công tác CCHC", in the report's own numbering.
//!
//! Like an XLSForm sheet, each row says what it is (code, label, unit, kind,
//! bounds) and where its value comes from (typed by the user, or computed
//! from the figures). One engine ([`crate::appendix`]) reads the table; no
//! code elsewhere names an indicator. Unnumbered sub-rows of the printed
//! appendix get a letter after their parent's code (`1.1.a`, `3.4.b`).
//!
//! Labels are the seed report's, with its typing slips fixed (the test
//! `seed_labels_with_fixes` lists each fix).

use crate::decimal::Decimal;

/// A group of indicators (`1. Công tác chỉ đạo điều hành CCHC`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    pub code: &'static str,
    pub title: &'static str,
    /// The section that compiles the group's figures, printed in the note
    /// column of the group's row, e.g. `Bộ phận Tư pháp tổng hợp`.
    pub compiled_by: &'static str,
}

/// One option of a coded choice: `Hoàn thành = 2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoiceOption {
    pub code: u8,
    /// What the unit column prints: `Hoàn thành`, `3 cấp`.
    pub label: &'static str,
    /// A longer explanation printed in the label column, if any.
    pub description: &'static str,
}

/// What kind of value a row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A row that only groups the rows below it.
    Heading,
    /// A whole number of things, at least 0.
    Count,
    /// A typed percentage from 0 to 100, up to 2 decimals.
    Percent,
    /// A percentage computed from two figures; the note shows `n/d`.
    Ratio,
    /// An amount in đồng.
    Money,
    /// One of a few coded answers.
    Choice(&'static [ChoiceOption]),
    /// A short free answer, such as `4 Tổ chức và 9 cá nhân`.
    Text,
}

/// Where a row's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Typed into the appendix.
    Entered,
    /// Equal to one figure (a JSON path in [`crate::figures`]).
    Figure(&'static str),
    /// The sum of figures.
    Sum(&'static [&'static str]),
    /// The truncated percentage of one figure over another.
    Ratio {
        numerator: &'static str,
        denominator: &'static str,
    },
}

/// Where a row's note comes from when it is not only typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteSource {
    /// Only what the user types.
    Entered,
    /// The CCHC plan's reference, `Kế hoạch số 02/KH-UBND ngày 03/01/2025`.
    PlanReference,
}

/// The range a value must lie in, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub min: Decimal,
    pub max: Option<Decimal>,
    pub whole: bool,
}

/// One row of the appendix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Indicator {
    pub code: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub kind: ValueKind,
    pub source: Source,
    pub note: NoteSource,
}

impl Indicator {
    /// The group code: `3` for `3.4.a`.
    pub fn group_code(&self) -> &'static str {
        self.code.split('.').next().unwrap_or(self.code)
    }

    pub fn group(&self) -> &'static Group {
        let code = self.group_code();
        GROUPS
            .iter()
            .find(|group| group.code == code)
            .expect("every indicator's group is in GROUPS")
    }

    /// The printed row number: `3.4.` for a numbered row, empty for a
    /// lettered sub-row, which the printed appendix leaves unnumbered.
    pub fn printed_number(&self) -> String {
        if self.is_sub_row() {
            String::new()
        } else {
            format!("{}.", self.code)
        }
    }

    /// A lettered sub-row such as `1.1.a`.
    pub fn is_sub_row(&self) -> bool {
        self.code
            .rsplit('.')
            .next()
            .is_some_and(|last| last.chars().all(|c| c.is_ascii_lowercase()))
    }

    pub fn is_entered(&self) -> bool {
        self.source == Source::Entered && self.kind != ValueKind::Heading
    }

    /// The bounds of a numeric value; `None` for text and headings.
    pub fn bounds(&self) -> Option<Bounds> {
        let whole_from_zero = Bounds {
            min: Decimal::ZERO,
            max: None,
            whole: true,
        };
        match self.kind {
            ValueKind::Count | ValueKind::Money => Some(whole_from_zero),
            ValueKind::Percent | ValueKind::Ratio => Some(Bounds {
                min: Decimal::ZERO,
                max: Some(Decimal::from(100)),
                whole: false,
            }),
            ValueKind::Choice(options) => Some(Bounds {
                min: Decimal::from(u32::from(options.iter().map(|o| o.code).min()?)),
                max: Some(Decimal::from(u32::from(
                    options.iter().map(|o| o.code).max()?,
                ))),
                whole: true,
            }),
            ValueKind::Heading | ValueKind::Text => None,
        }
    }

    /// The option with `code`, for a coded choice.
    pub fn option(&self, code: u8) -> Option<&'static ChoiceOption> {
        match self.kind {
            ValueKind::Choice(options) => options.iter().find(|option| option.code == code),
            _ => None,
        }
    }
}

/// The longest short-text answer accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 200;

pub const GROUPS: &[Group] = &[
    Group {
        code: "1",
        title: "Công tác chỉ đạo điều hành CCHC",
        compiled_by: "",
    },
    Group {
        code: "2",
        title: "Cải cách thể chế",
        compiled_by: "Bộ phận Tư pháp tổng hợp",
    },
    Group {
        code: "3",
        title: "Cải cách thủ tục hành chính",
        compiled_by: "Bộ phận Văn phòng tổng hợp",
    },
    Group {
        code: "4",
        title: "Cải cách tổ chức bộ máy hành chính nhà nước",
        compiled_by: "Bộ phận Văn phòng tổng hợp",
    },
    Group {
        code: "5",
        title: "Cải cách chế độ công vụ",
        compiled_by: "Bộ phận Văn phòng tổng hợp",
    },
    Group {
        code: "6",
        title: "Cải cách tài chính công",
        compiled_by: "Bộ phận Tài chính tổng hợp",
    },
    Group {
        code: "7",
        title: "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
        compiled_by: "Bộ phận Văn phòng tổng hợp",
    },
];

const fn option(code: u8, label: &'static str, description: &'static str) -> ChoiceOption {
    ChoiceOption {
        code,
        label,
        description,
    }
}

const SURVEY_METHOD: &[ChoiceOption] = &[
    option(0, "Trực tuyến", ""),
    option(1, "Phát phiếu", ""),
    option(2, "Kết hợp", ""),
];
const NO_YES: &[ChoiceOption] = &[option(0, "Không", ""), option(1, "Có", "")];
const NOT_YET_DONE: &[ChoiceOption] = &[option(0, "Chưa", ""), option(1, "Hoàn thành", "")];
const NOT_YET_DOING_DONE: &[ChoiceOption] = &[
    option(0, "Chưa", ""),
    option(1, "Đang làm", ""),
    option(2, "Hoàn thành", ""),
];
const MEETING_LEVELS: &[ChoiceOption] = &[
    option(0, "Chưa có", ""),
    option(1, "2 cấp", "Liên thông 2 cấp: Từ UBND tỉnh đến thành phố."),
    option(
        2,
        "3 cấp",
        "Liên thông 3 cấp: Từ UBND tỉnh đến thành phố và 100% UBND cấp xã.",
    ),
];

const fn row(
    code: &'static str,
    label: &'static str,
    unit: &'static str,
    kind: ValueKind,
) -> Indicator {
    Indicator {
        code,
        label,
        unit,
        kind,
        source: Source::Entered,
        note: NoteSource::Entered,
    }
}

const fn heading(code: &'static str, label: &'static str) -> Indicator {
    row(code, label, "", ValueKind::Heading)
}

const fn from_figure(
    code: &'static str,
    label: &'static str,
    unit: &'static str,
    path: &'static str,
) -> Indicator {
    Indicator {
        source: Source::Figure(path),
        ..row(code, label, unit, ValueKind::Count)
    }
}

const fn ratio(
    code: &'static str,
    label: &'static str,
    numerator: &'static str,
    denominator: &'static str,
) -> Indicator {
    Indicator {
        source: Source::Ratio {
            numerator,
            denominator,
        },
        ..row(code, label, "%", ValueKind::Ratio)
    }
}

use ValueKind::{Choice, Count, Percent, Text};

const TASKS: &str = "Nhiệm vụ";
const DOCUMENTS: &str = "Văn bản";
const PROCEDURES: &str = "Thủ tục";
const PEOPLE: &str = "Người";
const UNITS: &str = "Cơ quan, đơn vị";

/// Every row of the appendix, in printed order.
pub const INDICATORS: &[Indicator] = &[
    Indicator {
        note: NoteSource::PlanReference,
        ..row("1.1", "Kế hoạch CCHC", "", Count)
    },
    from_figure("1.1.a", "Số nhiệm vụ đề ra trong kế hoạch", TASKS, "figures.plan.tasks_total"),
    from_figure("1.1.b", "Số nhiệm vụ đã hoàn thành", TASKS, "figures.plan.tasks_completed"),
    row("1.1.c", "Số văn bản chỉ đạo CCHC đã ban hành/ tham mưu ban hành", DOCUMENTS, Count),
    heading("1.2", "Thực hiện nhiệm vụ UBND thành phố, Chủ tịch UBND TP giao"),
    row("1.2.a", "Tổng số nhiệm vụ được giao", TASKS, Count),
    row("1.2.b", "Số nhiệm vụ đã hoàn thành đúng hạn", TASKS, Count),
    row("1.2.c", "Số nhiệm vụ đã hoàn thành nhưng quá hạn", TASKS, Count),
    heading("1.3", "Khảo sát sự hài lòng của người dân, tổ chức"),
    from_figure("1.3.a", "Số lượng phiếu khảo sát", "Số lượng", "figures.survey.forms"),
    row("1.3.b", "Hình thức khảo sát", "", Choice(SURVEY_METHOD)),
    row("1.3.c", "Tổ chức đối thoại về TTHC của UBND cấp xã", "", Choice(NO_YES)),
    from_figure("2.1", "Số VBQPPL đã ban hành/tham mưu ban hành", DOCUMENTS, "figures.documents.legal_normative"),
    row("2.2", "Số VBQPPL đã kiểm tra theo thẩm quyền", DOCUMENTS, Count),
    row("2.3", "Số VBQPPL đã rà soát", DOCUMENTS, Count),
    row("2.4", "Số VBQPPL đã kiến nghị xử lý sau kiểm tra, rà soát", DOCUMENTS, Count),
    row("2.5", "Số VBQPPL có kiến nghị xử lý đã được xử lý xong", DOCUMENTS, Count),
    row("3.1", "Thống kê TTHC", PROCEDURES, Count),
    heading("3.2", "Vận hành cổng dịch vụ công"),
    row("3.2.a", "Số TTHC đã cập nhật, công khai trên cổng DVC quốc gia", PROCEDURES, Count),
    row("3.2.b", "Số TTHC mức độ 3 và 4 đã tích hợp lên Cổng DVC quốc gia", PROCEDURES, Count),
    heading("3.3", "Thực hiện cơ chế một cửa, một cửa liên thông"),
    row("3.3.a", "Số TTHC liên thông cùng cấp", PROCEDURES, Count),
    row("3.3.b", "Số TTHC liên thông giữa các cấp chính quyền", PROCEDURES, Count),
    row("3.3.c", "Tỷ lệ TTHC đã được phê duyệt quy trình nội bộ", "%", Percent),
    row("3.3.d", "Tỷ lệ quy trình nội bộ giải quyết TTHC đã được điện tử hóa", "%", Percent),
    heading("3.4", "Kết quả giải quyết TTHC"),
    ratio(
        "3.4.a",
        "Tỷ lệ hồ sơ TTHC do cơ quan chuyên môn tiếp nhận được giải quyết đúng hẹn",
        "figures.applications.on_time",
        "figures.applications.resolved",
    ),
    ratio(
        "3.4.b",
        "Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hẹn",
        "figures.applications.on_time",
        "figures.applications.resolved",
    ),
    from_figure("4.1", "Tổng số biên chế được giao trong năm", PEOPLE, "figures.staff.quota"),
    Indicator {
        source: Source::Sum(&["figures.staff.officials.count", "figures.staff.civil_servants.count"]),
        ..row("4.2", "Tổng số biên chế có mặt tại thời điểm báo cáo", PEOPLE, Count)
    },
    row("4.3", "Số hợp đồng lao động làm việc tại cơ quan hành chính nhà nước", PEOPLE, Count),
    row("4.4", "Số biên chế đã tinh giản trong kỳ báo cáo", PEOPLE, Count),
    row("5.1", "Số liệu về bổ nhiệm công chức lãnh đạo (lãnh đạo cấp phòng)", PEOPLE, Count),
    row("5.2", "Số liệu về xử lý kỷ luật cán bộ, công chức (cả về Đảng và chính quyền).", PEOPLE, Count),
    row("6.1", "Số đơn vị SNCL đã thực hiện tự chủ 100% chi thường xuyên và chi đầu tư (lũy kế đến thời điểm báo cáo)", UNITS, Count),
    row("6.2", "Số đơn vị SNCL đã thực hiện tự chủ 100% chi thường xuyên (lũy kế đến thời điểm báo cáo)", UNITS, Count),
    row("6.3", "Số đơn vị SNCL đã thực hiện tự chủ một phần chi thường xuyên (lũy kế đến thời điểm báo cáo)", UNITS, Count),
    row("6.4", "Số đơn vị SNCL do nhà nước đảm bảo 100% chi thường xuyên (luỹ kế đến thời điểm báo cáo)", UNITS, Count),
    row("6.5", "Số lượng đơn vị SNCL đã chuyển đổi thành công ty cổ phần (luỹ kế đến thời điểm báo cáo)", UNITS, Count),
    row("7.1", "Cập nhật Kiến trúc chính quyền điện tử phiên bản 2.0", "", Choice(NOT_YET_DONE)),
    row("7.2", "Xây dựng và vận hành Hệ thống họp trực tuyến", "", Choice(MEETING_LEVELS)),
    row(
        "7.3",
        "Hệ thống thông tin báo cáo và kết nối với Hệ thống thông tin báo cáo quốc gia",
        "",
        Choice(NOT_YET_DOING_DONE),
    ),
    row("7.4", "Tỷ lệ cơ quan chuyên môn, UBND cấp xã được cấp chứng thư số.", "Chứng thư số", Text),
    row(
        "7.5",
        "Triển khai xây dựng nền tảng chia sẻ, tích hợp dùng chung (LGSP).",
        "",
        Choice(NOT_YET_DOING_DONE),
    ),
    heading("7.6", "Số liệu về trao đổi văn bản điện tử"),
    row("7.6.a", "Tỷ lệ cơ quan chuyên môn đã kết nối, liên thông với UBND tỉnh", "%", Percent),
    row("7.6.b", "Tỷ lệ UBND xã đã kết nối, liên thông với UBND thành phố", "%", Percent),
    from_figure(
        "7.7",
        "Tổng số VĂN BẢN ĐI giữa các cơ quan nhà nước trên địa bàn thành phố",
        DOCUMENTS,
        "figures.documents.outgoing",
    ),
    ratio(
        "7.7.a",
        "Tỷ lệ văn bản được gửi hoàn toàn dưới dạng điện tử (Sử dụng chữ ký số, chứng thư số và gửi trên môi trường điện tử).",
        "figures.documents.digitally_signed",
        "figures.documents.outgoing",
    ),
    row(
        "7.7.b",
        "Tỷ lệ văn bản được gửi hoàn toàn dưới dạng điện tử và song song với văn bản giấy",
        "%",
        Percent,
    ),
    heading("7.8", "Vận hành Hệ thống thông tin một cửa điện tử tập trung của tỉnh"),
    row("7.8.a", "Tỷ lệ cơ quan chuyên môn đã kết nối liên thông với Hệ thống", "%", Percent),
    row("7.8.b", "Tỷ lệ đơn vị cấp xã đã kết nối liên thông với Hệ thống", "%", Percent),
    heading("7.9", "Dịch vụ công trực tuyến"),
    row("7.9.a", "Tổng số TTHC cung cấp trực tuyến mức độ 3", "TTHC", Count),
    row("7.9.b", "Tổng số TTHC cung cấp trực tuyến mức độ 4", "TTHC", Count),
    ratio(
        "7.9.c",
        "Tỷ lệ hồ sơ xử lý trực tuyến mức độ 3",
        "figures.online.partial.count",
        "figures.online.partial.total",
    ),
    ratio(
        "7.9.d",
        "Tỷ lệ hồ sơ xử lý trực tuyến mức độ 4",
        "figures.online.full.count",
        "figures.online.full.total",
    ),
];

/// The indicator with `code`.
pub fn indicator(code: &str) -> Option<&'static Indicator> {
    INDICATORS.iter().find(|indicator| indicator.code == code)
}

/// The indicators of one group, in order.
pub fn group_indicators(group: &Group) -> impl Iterator<Item = &'static Indicator> + '_ {
    INDICATORS
        .iter()
        .filter(move |indicator| indicator.group_code() == group.code)
}
