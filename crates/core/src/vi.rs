//! Vietnamese writing conventions for numbers, ratios, money and dates, and
//! the reading of numbers and dates as a Vietnamese user types them.
//!
//! One place decides that thousands are grouped with `.`, decimals follow
//! `,`, ratios become percentages by the template's rule (truncated or
//! rounded half up, to 0-2 decimals), and dates follow Nghị định 30/2020/NĐ-CP (leading zero for days 1-9
//! and for months 1 and 2). Everything here is pure and host-tested; it must
//! not touch the browser.

use std::fmt;

use crate::date::{Date, DateError};
use crate::decimal::Decimal;
use crate::text::{nfc, upper};

/// `16091000` -> `16.091.000`.
pub fn group_digits(value: u64) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    grouped
}

/// A count as written in running text: numbers from 1 to 9 get a leading
/// zero (`01`, `09`), as in `còn lại 03 hồ sơ` and `01/10`; zero stays `0`.
pub fn count_in_prose(value: u64) -> String {
    if (1..10).contains(&value) {
        format!("0{value}")
    } else {
        group_digits(value)
    }
}

/// `99,82`, `100`, `-5,5`, `1.234,05`: grouped, decimal comma, no trailing zeros.
pub fn format_decimal(value: Decimal) -> String {
    let hundredths = value.hundredths();
    let sign = if hundredths < 0 { "-" } else { "" };
    let magnitude = hundredths.unsigned_abs();
    let whole = group_digits(magnitude / 100);
    match magnitude % 100 {
        0 => format!("{sign}{whole}"),
        cents if cents % 10 == 0 => format!("{sign}{whole},{}", cents / 10),
        cents => format!("{sign}{whole},{cents:02}"),
    }
}

/// How a ratio becomes a percentage: a setting of the template, since
/// offices differ. Most provinces round half up; the sample ward truncates
/// (843/847 = 99,527... is printed `99,52`); some print one decimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatioRule {
    pub rounding: Rounding,
    /// Decimals kept: 0, 1 or 2.
    pub decimals: u8,
    /// `40,00%` rather than `40%`.
    pub keep_trailing_zeros: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    /// 99,527 -> 99,52, as the sample ward writes.
    Truncate,
    /// 99,527 -> 99,53, as most provinces publish.
    HalfUp,
}

impl RatioRule {
    /// The sample ward's habit: truncated to two decimals, no trailing zeros.
    pub const TRUNCATE_2: RatioRule = RatioRule {
        rounding: Rounding::Truncate,
        decimals: 2,
        keep_trailing_zeros: false,
    };
}

/// The percentage `numerator / denominator * 100` by `rule`. `None` when the
/// denominator is 0 (no percentage exists then) or the result is too large.
pub fn percent_of(numerator: Decimal, denominator: Decimal, rule: RatioRule) -> Option<Decimal> {
    let (n, d) = (
        i128::from(numerator.hundredths()),
        i128::from(denominator.hundredths()),
    );
    if d == 0 {
        return None;
    }
    let decimals = u32::from(rule.decimals.min(2));
    let scale = 10i128.pow(decimals);
    // The percentage in units of 10^-decimals, then its sign apart.
    let (magnitude_n, magnitude_d) = (n.abs() * 100 * scale, d.abs());
    let mut units = magnitude_n / magnitude_d;
    if rule.rounding == Rounding::HalfUp && (magnitude_n % magnitude_d) * 2 >= magnitude_d {
        units += 1;
    }
    if (n < 0) != (d < 0) {
        units = -units;
    }
    let hundredths = units * 10i128.pow(2 - decimals);
    i64::try_from(hundredths)
        .ok()
        .and_then(Decimal::from_hundredths)
}

/// A computed percentage as `rule` writes it: `99,52`, `98,8`, `40` or `40,00`.
pub fn format_ratio(value: Decimal, rule: RatioRule) -> String {
    if !rule.keep_trailing_zeros || rule.decimals == 0 {
        return format_decimal(value);
    }
    let hundredths = value.hundredths();
    let sign = if hundredths < 0 { "-" } else { "" };
    let magnitude = hundredths.unsigned_abs();
    let whole = group_digits(magnitude / 100);
    let cents = format!("{:02}", magnitude % 100);
    format!(
        "{sign}{whole},{}",
        &cents[..usize::from(rule.decimals.min(2))]
    )
}

/// `16.091.000 đồng`.
pub fn format_money(dong: Decimal) -> String {
    format!("{} đồng", format_decimal(dong))
}

/// The two digits of a day, or of a month 1 or 2, per Nghị định 30/2020:
/// a leading zero for days below 10 and for January and February.
fn day_and_month(date: Date) -> (String, String) {
    let month = if date.month() <= 2 {
        format!("{:02}", date.month())
    } else {
        date.month().to_string()
    };
    (format!("{:02}", date.day()), month)
}

/// A date in running text: `03/01/2025`, `05/3/2025`, `15/12/2024`.
pub fn format_date(date: Date) -> String {
    let (day, month) = day_and_month(date);
    format!("{day}/{month}/{}", date.year())
}

/// The date in words for the place-and-date line: `ngày 06 tháng 3 năm 2025`.
pub fn date_in_words(date: Date) -> String {
    let (day, month) = day_and_month(date);
    format!("ngày {day} tháng {month} năm {}", date.year())
}

/// The first letter in upper case (`phường` -> `Phường`).
pub fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => nfc(&(upper(first.encode_utf8(&mut [0; 4])) + chars.as_str())),
        None => String::new(),
    }
}

/// A diacritic-free, lower-case, dash-separated form for file names:
/// `Phường Trương Quang Trọng` -> `phuong-truong-quang-trong`.
pub fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in crate::text::nfd(text).chars() {
        // The combining diacritical marks of Latin letters (U+0300-U+036F).
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            other => other.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c);
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// Roman numerals for the report's parts: 1 -> `I`, 4 -> `IV`.
pub fn roman(mut value: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut text = String::new();
    for (size, numeral) in NUMERALS {
        while value >= size {
            text.push_str(numeral);
            value -= size;
        }
    }
    text
}

/// The letters that number points `a)`, `b)`, ... in Vietnamese documents:
/// the Vietnamese alphabet, so `đ)` follows `d)`. Index 0 is `a`.
pub fn point_letter(index: usize) -> String {
    const LETTERS: [&str; 23] = [
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s",
        "t", "u", "v", "x", "y",
    ];
    let round = index / LETTERS.len();
    let letter = LETTERS[index % LETTERS.len()];
    letter.repeat(round + 1)
}

/// Why typed text is not a number, in words a clerk understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    NotANumber,
    BadGrouping,
    TooManyDecimals,
    TooLarge,
    NotWhole,
    Negative,
}

impl NumberError {
    pub fn message(self) -> &'static str {
        match self {
            NumberError::NotANumber => {
                "Không phải là số. Chỉ gõ chữ số, dấu chấm hàng nghìn và dấu phẩy thập phân."
            }
            NumberError::BadGrouping => {
                "Dấu chấm phân cách hàng nghìn phải đứng trước đúng 3 chữ số (ví dụ 16.091.000)."
            }
            NumberError::TooManyDecimals => {
                "Chỉ được tối đa 2 chữ số thập phân, sau dấu phẩy (ví dụ 99,52)."
            }
            NumberError::TooLarge => "Số quá lớn.",
            NumberError::NotWhole => {
                "Phải là số nguyên (dấu phẩy là dấu thập phân; hàng nghìn viết 1.500)."
            }
            NumberError::Negative => "Không được là số âm.",
        }
    }
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

fn all_digits(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

/// Reads the whole part, checking `.` grouping: `16.091.000`.
fn whole_digits(text: &str) -> Result<String, NumberError> {
    let groups: Vec<&str> = text.split('.').collect();
    if groups.iter().any(|group| !all_digits(group)) {
        return Err(NumberError::NotANumber);
    }
    if groups.len() > 1 {
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|group| group.len() != 3) {
            return Err(NumberError::BadGrouping);
        }
    }
    Ok(groups.concat())
}

/// Reads a number as a Vietnamese user types it: `16.091.000`, `99,52`,
/// `1.234,5`, `-3`, `16 091 000`. A single `.` not followed by exactly three
/// digits is taken as a decimal point (`99.52`), a common habit. Blank input
/// is `Ok(None)`: the field is simply not filled in.
pub fn parse_decimal(input: &str) -> Result<Option<Decimal>, NumberError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let (negative, unsigned) = match trimmed.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest),
        None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    let compact: String = unsigned
        .chars()
        .map(|c| match c {
            ' ' | '\u{a0}' | '\u{202f}' => '.',
            other => other,
        })
        .collect();
    let (whole_text, fraction_text) = match compact.split_once(',') {
        Some((whole, fraction)) => (whole.to_owned(), fraction.to_owned()),
        None => match compact.split_once('.') {
            Some((whole, fraction)) if !fraction.contains('.') && fraction.len() != 3 => {
                (whole.to_owned(), fraction.to_owned())
            }
            _ => (compact.clone(), String::new()),
        },
    };
    if (whole_text.is_empty() && fraction_text.is_empty()) || !all_digits(&fraction_text) {
        return Err(NumberError::NotANumber);
    }
    let whole = whole_digits(&whole_text)?;
    let (kept, dropped) = fraction_text.split_at(fraction_text.len().min(2));
    if dropped.bytes().any(|b| b != b'0') {
        return Err(NumberError::TooManyDecimals);
    }
    let whole = whole.trim_start_matches('0');
    if whole.len() > 15 {
        return Err(NumberError::TooLarge);
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| NumberError::TooLarge)?
    };
    let cents: i64 = format!("{kept:0<2}").parse().unwrap_or(0);
    let hundredths = whole * 100 + cents;
    let signed = if negative { -hundredths } else { hundredths };
    Decimal::from_hundredths(signed)
        .map(Some)
        .ok_or(NumberError::TooLarge)
}

/// Reads a count or an amount of money: a whole number, not negative.
pub fn parse_count(input: &str) -> Result<Option<u64>, NumberError> {
    let Some(value) = parse_decimal(input)? else {
        return Ok(None);
    };
    let whole = value.as_whole().ok_or(NumberError::NotWhole)?;
    u64::try_from(whole)
        .map(Some)
        .map_err(|_| NumberError::Negative)
}

/// Reads a percentage, with or without a trailing `%`.
pub fn parse_percent(input: &str) -> Result<Option<Decimal>, NumberError> {
    parse_decimal(input.trim().trim_end_matches('%'))
}

/// Reads a date as typed: `06/3/2025`, `6/3/2025`, `06-03-2025`,
/// `6.3.2025` or ISO `2025-03-06`. Blank input is `Ok(None)`.
pub fn parse_date(input: &str) -> Result<Option<Date>, DateError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    if let Ok(date) = trimmed.parse::<Date>() {
        return Ok(Some(date));
    }
    let parts: Vec<&str> = trimmed.split(['/', '-', '.']).collect();
    let well_formed = parts.len() == 3
        && parts
            .iter()
            .all(|part| !part.is_empty() && all_digits(part))
        && parts[0].len() <= 2
        && parts[1].len() <= 2
        && parts[2].len() == 4;
    if !well_formed {
        return Err(DateError::Malformed);
    }
    let number = |part: &str| part.parse::<u16>().unwrap_or(0);
    let (Ok(day), Ok(month)) = (
        u8::try_from(number(parts[0])),
        u8::try_from(number(parts[1])),
    ) else {
        return Err(DateError::NoSuchDay);
    };
    Date::new(i32::from(number(parts[2])), month, day).map(Some)
}

/// What a date typed in the editor got wrong, in Vietnamese.
pub fn date_error_message(error: &DateError) -> &'static str {
    match error {
        DateError::Malformed => {
            "Ngày phải viết dạng ngày/tháng/năm, năm đủ 4 chữ số (ví dụ 06/3/2025)."
        }
        DateError::NoSuchDay => "Không có ngày này trong lịch.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        parse_decimal(text).unwrap().unwrap()
    }

    fn date(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn thousands_are_grouped_with_dots() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1_000), "1.000");
        assert_eq!(group_digits(16_091_000), "16.091.000");
        assert_eq!(group_digits(u64::MAX), "18.446.744.073.709.551.615");
        let dong = |n: i64| Decimal::from_whole(n).unwrap();
        assert_eq!(format_money(dong(16_091_000)), "16.091.000 đồng");
        assert_eq!(format_money(dong(1_272_500)), "1.272.500 đồng");
        assert_eq!(format_money(Decimal::ZERO), "0 đồng");
    }

    #[test]
    fn small_counts_in_prose_get_a_leading_zero() {
        assert_eq!(count_in_prose(0), "0");
        assert_eq!(count_in_prose(1), "01");
        assert_eq!(count_in_prose(3), "03");
        assert_eq!(count_in_prose(10), "10");
        assert_eq!(count_in_prose(1_500), "1.500");
    }

    fn whole(value: u64) -> Decimal {
        Decimal::from_whole(value as i64).unwrap()
    }

    fn percent(numerator: u64, denominator: u64, rule: RatioRule) -> Option<String> {
        percent_of(whole(numerator), whole(denominator), rule).map(|p| format_ratio(p, rule))
    }

    #[test]
    fn seed_ratios_are_truncated_not_rounded() {
        let cases = [
            (843, 847, "99,52"),
            (831, 832, "99,87"),
            (576, 577, "99,82"),
            (842, 843, "99,88"),
            (843, 843, "100"),
            (255, 255, "100"),
            (1, 12, "8,33"),
            (11, 12, "91,66"),
            (1, 10, "10"),
            (2, 3, "66,66"),
            (1, 8, "12,5"),
            (0, 5, "0"),
            (5, 4, "125"),
            (1190, 1204, "98,83"),
        ];
        for (numerator, denominator, expected) in cases {
            assert_eq!(
                percent(numerator, denominator, RatioRule::TRUNCATE_2).as_deref(),
                Some(expected),
                "{numerator}/{denominator}"
            );
        }
    }

    #[test]
    fn other_provinces_round_half_up_and_keep_what_decimals_they_choose() {
        let rule = |decimals, keep_trailing_zeros| RatioRule {
            rounding: Rounding::HalfUp,
            decimals,
            keep_trailing_zeros,
        };
        let two = rule(2, false);
        assert_eq!(percent(1190, 1204, two).as_deref(), Some("98,84"));
        assert_eq!(percent(843, 847, two).as_deref(), Some("99,53"));
        assert_eq!(percent(2, 3, two).as_deref(), Some("66,67"));
        assert_eq!(percent(1, 8, two).as_deref(), Some("12,5"));
        // 96,545 -> 96,55 and 0,008 -> 0,01, as published figures show.
        assert_eq!(percent(96_545, 100_000, two).as_deref(), Some("96,55"));
        assert_eq!(percent(8, 100_000, two).as_deref(), Some("0,01"));
        let one = rule(1, false);
        assert_eq!(percent(1190, 1204, one).as_deref(), Some("98,8"));
        assert_eq!(percent(1, 30, one).as_deref(), Some("3,3"));
        assert_eq!(percent(2, 5, one).as_deref(), Some("40"));
        assert_eq!(percent(2, 5, rule(1, true)).as_deref(), Some("40,0"));
        assert_eq!(percent(2, 5, rule(2, true)).as_deref(), Some("40,00"));
        assert_eq!(percent(1, 8, rule(2, true)).as_deref(), Some("12,50"));
        assert_eq!(percent(1190, 1204, rule(0, true)).as_deref(), Some("99"));
        let truncate_one = RatioRule {
            decimals: 1,
            ..RatioRule::TRUNCATE_2
        };
        assert_eq!(percent(1190, 1204, truncate_one).as_deref(), Some("98,8"));
        assert_eq!(percent(11, 12, truncate_one).as_deref(), Some("91,6"));
    }

    #[test]
    fn ratio_edge_cases() {
        let rule = RatioRule::TRUNCATE_2;
        assert_eq!(percent(0, 0, rule), None);
        assert_eq!(percent(5, 0, rule), None);
        let max = Decimal::from_whole(Decimal::MAX_WHOLE).unwrap();
        assert_eq!(
            percent_of(max, max, rule).map(format_decimal),
            Some("100".into())
        );
        assert_eq!(
            percent_of(whole(1), max, rule).map(format_decimal),
            Some("0".into())
        );
        // More than Decimal can hold: no percentage rather than a wrong one.
        assert_eq!(percent_of(max, whole(1), rule), None);
    }

    #[test]
    fn decimals_print_with_a_comma() {
        assert_eq!(format_decimal(Decimal::ZERO), "0");
        assert_eq!(format_decimal(d("99,82")), "99,82");
        assert_eq!(format_decimal(d("-5,5")), "-5,5");
        assert_eq!(format_decimal(d("1234,05")), "1.234,05");
        assert_eq!(format_decimal(d("-0,05")), "-0,05");
        assert_eq!(
            format_decimal(Decimal::from_whole(Decimal::MAX_WHOLE).unwrap()),
            "999.999.999.999.999"
        );
    }

    #[test]
    fn numbers_are_read_as_typed_in_vietnamese() {
        assert_eq!(parse_count("16.091.000"), Ok(Some(16_091_000)));
        assert_eq!(parse_count(" 847 "), Ok(Some(847)));
        assert_eq!(parse_count("16 091 000"), Ok(Some(16_091_000)));
        assert_eq!(parse_count("16\u{a0}091\u{a0}000"), Ok(Some(16_091_000)));
        assert_eq!(parse_count("0"), Ok(Some(0)));
        assert_eq!(parse_count("007"), Ok(Some(7)));
        assert_eq!(parse_count(""), Ok(None));
        assert_eq!(parse_count("   "), Ok(None));
        assert_eq!(
            parse_decimal("99,52"),
            Ok(Some(Decimal::from_hundredths(9952).unwrap()))
        );
        assert_eq!(d("1.234,5").hundredths(), 123_450);
        assert_eq!(
            d("99.52").hundredths(),
            9952,
            "a lone dot before 2 digits is a decimal point"
        );
        assert_eq!(
            d("1.500").hundredths(),
            150_000,
            "a dot before 3 digits groups thousands"
        );
        assert_eq!(
            d("99,500").hundredths(),
            9950,
            "trailing zeros are harmless"
        );
        assert_eq!(
            d("12,").hundredths(),
            1200,
            "a half-typed decimal keeps its value"
        );
        assert_eq!(d(",5").hundredths(), 50);
        assert_eq!(d("+3").hundredths(), 300);
        assert_eq!(d("-3").hundredths(), -300);
        assert_eq!(d("\u{2212}3").hundredths(), -300);
        assert_eq!(parse_percent("99,82%"), Ok(Some(d("99,82"))));
        assert_eq!(parse_percent("100 %"), Ok(Some(d("100"))));
    }

    #[test]
    fn malformed_numbers_say_why() {
        for bad in [
            "abc", "1e5", "--5", "5-", "-", ",", "1,2,3", "12a", "١٢", "0x10", "1/2",
        ] {
            assert_eq!(parse_decimal(bad), Err(NumberError::NotANumber), "{bad}");
        }
        for bad in ["1.50.000", "16.0910.000", "1234.567.890", ".500"] {
            assert_eq!(parse_decimal(bad), Err(NumberError::BadGrouping), "{bad}");
        }
        assert_eq!(parse_decimal("99,525"), Err(NumberError::TooManyDecimals));
        assert_eq!(
            parse_decimal("1000000000000000"),
            Err(NumberError::TooLarge)
        );
        assert_eq!(
            parse_decimal("99999999999999999999999999"),
            Err(NumberError::TooLarge)
        );
        assert_eq!(
            parse_count("999.999.999.999.999"),
            Ok(Some(999_999_999_999_999))
        );
        assert_eq!(parse_count("1,5"), Err(NumberError::NotWhole));
        assert_eq!(parse_count("1,500"), Err(NumberError::NotWhole));
        assert_eq!(parse_count("-1"), Err(NumberError::Negative));
        assert!(NumberError::BadGrouping.message().contains("16.091.000"));
    }

    #[test]
    fn dates_follow_the_decree() {
        assert_eq!(format_date(date(2025, 1, 3)), "03/01/2025");
        assert_eq!(format_date(date(2025, 3, 5)), "05/3/2025");
        assert_eq!(format_date(date(2024, 12, 15)), "15/12/2024");
        assert_eq!(format_date(date(2025, 2, 27)), "27/02/2025");
        assert_eq!(date_in_words(date(2025, 3, 6)), "ngày 06 tháng 3 năm 2025");
        assert_eq!(date_in_words(date(2025, 1, 5)), "ngày 05 tháng 01 năm 2025");
        assert_eq!(
            date_in_words(date(2025, 2, 10)),
            "ngày 10 tháng 02 năm 2025"
        );
        assert_eq!(
            date_in_words(date(2025, 12, 31)),
            "ngày 31 tháng 12 năm 2025"
        );
    }

    #[test]
    fn dates_are_read_as_typed() {
        let expected = Ok(Some(date(2025, 3, 6)));
        for typed in [
            "06/3/2025",
            "6/3/2025",
            "06/03/2025",
            "06-03-2025",
            "6.3.2025",
            "2025-03-06",
            " 6/3/2025 ",
        ] {
            assert_eq!(parse_date(typed), expected, "{typed}");
        }
        assert_eq!(parse_date(""), Ok(None));
        assert_eq!(parse_date("31/02/2025"), Err(DateError::NoSuchDay));
        assert_eq!(parse_date("29/02/2024"), Ok(Some(date(2024, 2, 29))));
        assert_eq!(parse_date("6/3/25"), Err(DateError::Malformed));
        assert_eq!(parse_date("hôm nay"), Err(DateError::Malformed));
        assert_eq!(parse_date("6/300/2025"), Err(DateError::Malformed));
        assert_eq!(parse_date("0/3/2025"), Err(DateError::NoSuchDay));
        assert!(date_error_message(&DateError::Malformed).contains("06/3/2025"));
    }

    #[test]
    fn text_case_and_slugs() {
        assert_eq!(
            crate::text::upper("phường Trương Quang Trọng"),
            "PHƯỜNG TRƯƠNG QUANG TRỌNG"
        );
        assert_eq!(crate::text::upper("đặc khu"), "ĐẶC KHU");
        assert_eq!(crate::text::lower("ỦY BAN NHÂN DÂN"), "ủy ban nhân dân");
        assert_eq!(capitalize_first("phường"), "Phường");
        assert_eq!(capitalize_first("ủy ban"), "Ủy ban");
        assert_eq!(capitalize_first(""), "");
        assert_eq!(
            slug("Phường Trương Quang Trọng"),
            "phuong-truong-quang-trong"
        );
        assert_eq!(slug("  Đặc khu  Côn Đảo!! "), "dac-khu-con-dao");
        assert_eq!(slug("Xã Ea H'leo"), "xa-ea-h-leo");
        assert_eq!(slug("Tru\u{031b}o\u{031b}\u{0300}ng"), "truong");
        assert_eq!(slug("Phường 1"), "phuong-1");
        assert_eq!(slug("—"), "");
    }

    #[test]
    fn numbering() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(3), "III");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
        assert_eq!(point_letter(0), "a");
        assert_eq!(point_letter(3), "d");
        assert_eq!(point_letter(4), "đ");
        assert_eq!(point_letter(5), "e");
        assert_eq!(point_letter(22), "y");
        assert_eq!(point_letter(23), "aa");
    }
}
