//! Text that is always in Unicode NFC, and the Unicode work text needs.
//!
//! Vietnamese input methods (Unikey, the OS keyboards, copy from Word or PDF)
//! produce both precomposed `ộ` and decomposed `ộ` letters. Two strings that
//! look the same would then compare, search and de-duplicate as different.
//! Every piece of text in the report is a [`Text`], which normalises on
//! construction and on reading JSON, so no other code has to remember to.
//!
//! Normalising and changing case need Unicode tables. On the host they come
//! from Rust (`unicode-normalization`, `str::to_uppercase`); in the browser
//! they are the browser's own (through `js-sys`), the same
//! Unicode algorithms, so that the wasm carries no tables: measured, about
//! 120 KB for normalisation and 14 KB gzip for case mapping.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What is done to a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Transform {
    /// Unicode Normalization Form C.
    Nfc,
    /// Unicode Normalization Form D.
    Nfd,
    Upper,
    Lower,
}

/// Returns `text` in Unicode Normalization Form C.
pub fn nfc(text: &str) -> String {
    transform(text, Transform::Nfc)
}

/// Returns `text` in Unicode Normalization Form D: letters and their marks
/// apart, as file names without diacritics need.
pub fn nfd(text: &str) -> String {
    transform(text, Transform::Nfd)
}

/// `phường` -> `PHƯỜNG`, by Unicode's rules, in NFC.
pub fn upper(text: &str) -> String {
    nfc(&transform(text, Transform::Upper))
}

/// `ỦY BAN` -> `ủy ban`, by Unicode's rules, in NFC.
pub fn lower(text: &str) -> String {
    nfc(&transform(text, Transform::Lower))
}

/// Whether `c` is a character of precomposed Vietnamese text that no
/// normalisation changes, alone or beside another such character: Latin
/// letters and Latin-1 signs (below U+0300, before the combining marks),
/// the precomposed letters of U+1E00-U+1EFF (`ộ`, `ữ`) and the dashes,
/// quotes and ellipsis of U+2010-U+2027. (Checked against the Unicode
/// tables by a test.)
fn keeps_its_form(c: char) -> bool {
    c < '\u{300}'
        || ('\u{1e00}'..='\u{1eff}').contains(&c)
        || ('\u{2010}'..='\u{2027}').contains(&c)
}

/// Whether `text` is in NFC without asking the Unicode tables: true for
/// ASCII and for almost all typed Vietnamese, so that the common case
/// costs no call into the browser.
fn surely_nfc(text: &str) -> bool {
    text.chars().all(keeps_its_form)
}

/// On the host, Rust's own tables and the `unicode-normalization` crate.
#[cfg(not(target_arch = "wasm32"))]
fn transform(text: &str, transform: Transform) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    match transform {
        Transform::Upper => text.to_uppercase(),
        Transform::Lower => text.to_lowercase(),
        _ if text.is_ascii() => text.to_owned(),
        Transform::Nfc if surely_nfc(text) => text.to_owned(),
        Transform::Nfc => match is_nfc_quick(text.chars()) {
            IsNormalized::Yes => text.to_owned(),
            _ => text.nfc().collect(),
        },
        Transform::Nfd => text.nfd().collect(),
    }
}

/// In the browser, the browser's own functions (`String.prototype`'s
/// `normalize`, `toUpperCase`, `toLowerCase`): the same Unicode algorithms
/// with no tables in the wasm, in the editor and in the office module alike.
/// ASCII and surely-NFC text (almost all typed text) never cross into JS.
#[cfg(target_arch = "wasm32")]
fn transform(text: &str, transform: Transform) -> String {
    match transform {
        Transform::Upper if text.is_ascii() => text.to_ascii_uppercase(),
        Transform::Lower if text.is_ascii() => text.to_ascii_lowercase(),
        Transform::Nfc | Transform::Nfd if text.is_ascii() => text.to_owned(),
        Transform::Nfc if surely_nfc(text) => text.to_owned(),
        _ => {
            let text = js_sys::JsString::from(text);
            match transform {
                Transform::Nfc => text.normalize("NFC"),
                Transform::Nfd => text.normalize("NFD"),
                Transform::Upper => text.to_upper_case(),
                Transform::Lower => text.to_lower_case(),
            }
            .into()
        }
    }
}

/// A string kept in NFC. Empty means "not filled in".
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(String);

impl Text {
    pub fn new(text: &str) -> Text {
        Text(nfc(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the text holds nothing but white space.
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }

    /// The non-empty lines, trimmed.
    pub fn filled_lines(&self) -> impl Iterator<Item = &str> {
        self.0
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::new(text)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::new(&text)
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        String::deserialize(deserializer).map(Text::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::UnicodeNormalization;

    /// Every character taken as NFC without the tables is a starter that
    /// NFC and NFD leave alone, and no two of them compose: so any string
    /// of them is in NFC.
    #[test]
    fn the_characters_taken_as_nfc_without_the_tables_are_so() {
        let kept: Vec<char> = (0..=0x2027u32)
            .filter_map(char::from_u32)
            .filter(|&c| keeps_its_form(c))
            .collect();
        assert!(kept.contains(&'ộ') && kept.contains(&'ư') && kept.contains(&'…'));
        assert!(!keeps_its_form('\u{301}') && !keeps_its_form('\u{2126}'));
        for &c in &kept {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(
                c.to_string().nfc().collect::<String>(),
                c.to_string(),
                "{c:?}"
            );
        }
        let mut pair = String::new();
        for &first in &kept {
            for &second in &kept {
                pair.clear();
                pair.push(first);
                pair.push(second);
                assert!(pair.nfc().eq(pair.chars()), "{pair:?}");
            }
        }
        assert!(surely_nfc(PRECOMPOSED));
        assert!(!surely_nfc(DECOMPOSED));
    }

    const DECOMPOSED: &str = "Tru\u{031b}o\u{031b}\u{0300}ng Quang Tro\u{0323}ng";
    const PRECOMPOSED: &str = "Trường Quang Trọng";

    #[test]
    fn decomposed_input_becomes_precomposed() {
        assert_ne!(DECOMPOSED, PRECOMPOSED);
        assert_eq!(nfc(DECOMPOSED), PRECOMPOSED);
        assert_eq!(Text::new(DECOMPOSED), Text::new(PRECOMPOSED));
        assert_eq!(Text::new(DECOMPOSED).as_str(), PRECOMPOSED);
    }

    #[test]
    fn json_input_is_normalised_and_output_is_plain() {
        let json = format!("\"{DECOMPOSED}\"");
        let text: Text = serde_json::from_str(&json).unwrap();
        assert_eq!(text, PRECOMPOSED);
        assert_eq!(
            serde_json::to_string(&text).unwrap(),
            format!("\"{PRECOMPOSED}\"")
        );
    }

    #[test]
    fn blank_means_only_white_space() {
        assert!(Text::default().is_blank());
        assert!(Text::new(" \t\n").is_blank());
        assert!(!Text::new(" a ").is_blank());
    }
}
