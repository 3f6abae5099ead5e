//! Text that is always in Unicode NFC.
//!
//! Vietnamese input methods (Unikey, the OS keyboards, copy from Word or PDF)
//! produce both precomposed `ộ` and decomposed `ộ` letters. Two strings that
//! look the same would then compare, search and de-duplicate as different.
//! Every piece of text in the report is a [`Text`], which normalises on
//! construction and on reading JSON, so no other code has to remember to.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
/// Returns `text` in Unicode Normalization Form C.
pub fn nfc(text: &str) -> String {
    normalize(text, Form::Composed)
}

/// Returns `text` in Unicode Normalization Form D: letters and their marks
/// apart, as file names without diacritics need.
pub fn nfd(text: &str) -> String {
    normalize(text, Form::Decomposed)
}

/// A Unicode normalisation form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Composed,
    Decomposed,
}

/// On the host, the `unicode-normalization` crate.
#[cfg(not(target_arch = "wasm32"))]
fn normalize(text: &str, form: Form) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    if text.is_ascii() {
        return text.to_owned();
    }
    match form {
        Form::Composed => match is_nfc_quick(text.chars()) {
            IsNormalized::Yes => text.to_owned(),
            _ => text.nfc().collect(),
        },
        Form::Decomposed => text.nfd().collect(),
    }
}

/// A normaliser the browser shell hands in: the browser's own
/// (`String.prototype.normalize`, the same Unicode algorithm), so that the
/// wasm carries no Unicode tables (about 120 KB) and the core needs no
/// browser API.
pub type Normalizer = fn(&str, Form) -> String;

static NORMALIZER: std::sync::OnceLock<Normalizer> = std::sync::OnceLock::new();

/// Installs the browser's normaliser; called once, first thing at start.
/// (On the host the core uses `unicode-normalization` and ignores it.)
pub fn install_normalizer(normalizer: Normalizer) {
    let _ = NORMALIZER.set(normalizer);
}

#[cfg(target_arch = "wasm32")]
fn normalize(text: &str, form: Form) -> String {
    match NORMALIZER.get() {
        Some(normalizer) if !text.is_ascii() => normalizer(text, form),
        _ => text.to_owned(),
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
