//! An exact number with at most two decimals.
//!
//! Appendix cells hold counts, percentages such as `99,82` and money; binary
//! floating point would turn `99,82` into `99,8199...` and a truncating
//! percentage would then print `99,81`. Storing hundredths in an integer keeps
//! every value the user typed exact. In JSON the value is a plain number
//! (`99.82`, `843`) so other programs can read the file.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A number stored as a whole count of hundredths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Decimal {
    hundredths: i64,
}

impl Decimal {
    /// The largest magnitude accepted: 10^15 - 1. Whole numbers up to it stay
    /// exact in JavaScript and in any JSON reader that uses doubles.
    pub const MAX_WHOLE: i64 = 999_999_999_999_999;
    /// The largest magnitude accepted for a number with decimals, so that its
    /// hundredths stay exact in a double (2^53 / 100).
    pub const MAX_FRACTIONAL: i64 = 90_071_992_547_409;

    pub const ZERO: Decimal = Decimal { hundredths: 0 };

    pub fn from_hundredths(hundredths: i64) -> Option<Decimal> {
        let whole = hundredths / 100;
        let limit = if hundredths % 100 == 0 {
            Self::MAX_WHOLE
        } else {
            Self::MAX_FRACTIONAL
        };
        (whole.abs() <= limit).then_some(Decimal { hundredths })
    }

    pub fn from_whole(whole: i64) -> Option<Decimal> {
        // `unsigned_abs`: a file may hold i64::MIN, whose `abs` overflows.
        if whole.unsigned_abs() > Self::MAX_WHOLE as u64 {
            return None;
        }
        Some(Decimal {
            hundredths: whole * 100,
        })
    }

    /// `self + other`, or `None` beyond what a Decimal holds.
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        self.hundredths
            .checked_add(other.hundredths)
            .and_then(Decimal::from_hundredths)
    }

    pub fn hundredths(self) -> i64 {
        self.hundredths
    }

    pub fn is_whole(self) -> bool {
        self.hundredths % 100 == 0
    }

    /// The value as a whole number, if it has no decimals.
    pub fn as_whole(self) -> Option<i64> {
        self.is_whole().then_some(self.hundredths / 100)
    }

    pub fn is_negative(self) -> bool {
        self.hundredths < 0
    }
}

impl From<u32> for Decimal {
    fn from(value: u32) -> Decimal {
        Decimal {
            hundredths: i64::from(value) * 100,
        }
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.as_whole() {
            Some(whole) => serializer.serialize_i64(whole),
            None => serializer.serialize_f64(self.hundredths as f64 / 100.0),
        }
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        struct DecimalVisitor;

        impl serde::de::Visitor<'_> for DecimalVisitor {
            type Value = Decimal;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("một số có tối đa 2 chữ số thập phân")
            }

            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Decimal, E> {
                Decimal::from_whole(value).ok_or_else(|| E::custom("số quá lớn"))
            }

            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Decimal, E> {
                i64::try_from(value)
                    .ok()
                    .and_then(Decimal::from_whole)
                    .ok_or_else(|| E::custom("số quá lớn"))
            }

            fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Decimal, E> {
                let scaled = value * 100.0;
                let limit = (Decimal::MAX_FRACTIONAL * 100) as f64;
                if !scaled.is_finite() || scaled.abs() > limit {
                    return Err(E::custom("số quá lớn"));
                }
                let hundredths = scaled.round();
                if (scaled - hundredths).abs() > 1e-6 * scaled.abs().max(1.0) {
                    return Err(E::custom("số có quá 2 chữ số thập phân"));
                }
                Decimal::from_hundredths(hundredths as i64).ok_or_else(|| E::custom("số quá lớn"))
            }
        }

        deserializer.deserialize_any(DecimalVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_whole_numbers_whole_and_decimals_exact() {
        let value: Decimal = serde_json::from_str("99.82").unwrap();
        assert_eq!(value.hundredths(), 9982);
        assert_eq!(serde_json::to_string(&value).unwrap(), "99.82");
        let whole: Decimal = serde_json::from_str("843").unwrap();
        assert_eq!(whole.as_whole(), Some(843));
        assert_eq!(serde_json::to_string(&whole).unwrap(), "843");
        let negative: Decimal = serde_json::from_str("-0.5").unwrap();
        assert_eq!(negative.hundredths(), -50);
        assert!(negative.is_negative());
    }

    #[test]
    fn json_rejects_what_cannot_be_kept_exactly() {
        assert!(serde_json::from_str::<Decimal>("99.825").is_err());
        assert!(serde_json::from_str::<Decimal>("1e300").is_err());
        assert!(serde_json::from_str::<Decimal>("1000000000000000").is_err());
        assert!(serde_json::from_str::<Decimal>("\"12\"").is_err());
        assert!(serde_json::from_str::<Decimal>("999999999999999").is_ok());
    }

    #[test]
    fn limits_hold_for_constructors() {
        assert!(Decimal::from_whole(Decimal::MAX_WHOLE).is_some());
        assert!(Decimal::from_whole(Decimal::MAX_WHOLE + 1).is_none());
        assert!(Decimal::from_whole(-Decimal::MAX_WHOLE - 1).is_none());
        assert!(Decimal::from_whole(i64::MIN).is_none());
        assert!(Decimal::from_whole(i64::MAX).is_none());
        let max = Decimal::from_whole(Decimal::MAX_WHOLE).unwrap();
        assert_eq!(max.checked_add(Decimal::from_whole(1).unwrap()), None);
        assert_eq!(
            Decimal::from(2).checked_add(Decimal::from(3)),
            Some(Decimal::from(5))
        );
        assert!(Decimal::from_hundredths(Decimal::MAX_FRACTIONAL * 100 + 1).is_some());
        assert!(Decimal::from_hundredths((Decimal::MAX_FRACTIONAL + 1) * 100 + 1).is_none());
    }
}
