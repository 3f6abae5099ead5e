//! Opening the written files the way Word and Excel do: as zip archives of
//! XML parts.

#![allow(dead_code)]

use std::io::{Cursor, Read};
use std::sync::Arc;

use cchc_core::aggregate::{self, ReceivedFile, Summary};
use cchc_core::exchange::Opened;
use cchc_core::facts::Facts;
use cchc_core::report::Report;
use cchc_core::sample::sample;
use cchc_core::template::{legacy, Template};
use cchc_core::text::Text;

/// The parts of a zip archive, by name.
pub struct Package {
    archive: zip::ZipArchive<Cursor<Vec<u8>>>,
}

impl Package {
    pub fn open(bytes: Vec<u8>) -> Package {
        Package {
            archive: zip::ZipArchive::new(Cursor::new(bytes)).expect("the file is a zip archive"),
        }
    }

    pub fn names(&self) -> Vec<String> {
        self.archive.file_names().map(str::to_owned).collect()
    }

    /// The text of the part `name`.
    pub fn part(&mut self, name: &str) -> String {
        let mut part = self
            .archive
            .by_name(name)
            .unwrap_or_else(|_| panic!("the package has {name}"));
        let mut text = String::new();
        part.read_to_string(&mut text).expect("the part is UTF-8");
        text
    }
}

/// How many times `needle` occurs in `text`.
pub fn count(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

/// The sample report and its template.
pub fn sample_facts() -> (Arc<Template>, Report) {
    (legacy(), sample())
}

/// What the editor hands over: the draft as its exchange file.
pub fn exchange_file(template: &Template, report: &Report) -> String {
    serde_json::to_string(&cchc_core::exchange::envelope(template, report, 0, "")).unwrap()
}

pub fn facts<'a>(template: &'a Template, report: &'a Report) -> Facts<'a> {
    Facts::new(template, report)
}

/// Two wards' reports added up, as the aggregation page does.
pub fn summary() -> Summary {
    let mut other = sample();
    other.header.unit.name = Text::new("Nghĩa Lộ");
    other.figures.set("applications.received", 100.into());
    let files: Vec<ReceivedFile> = [
        ("truong-quang-trong.json", sample()),
        ("nghia-lo.json", other),
    ]
    .into_iter()
    .enumerate()
    .map(|(index, (name, report))| ReceivedFile {
        name: name.to_owned(),
        opened: Ok(Opened {
            report,
            template: legacy(),
            revision: index as u32 + 1,
            checksum_ok: true,
            from_version: 2,
        }),
    })
    .collect();
    aggregate::add_up(&files)
}
