//! The pure core of the offline editor for the periodic CCHC report of
//! Vietnamese commune offices.
//!
//! Plain Rust with no browser API (no leptos, web-sys or js-sys), so that
//! every decision about the report (its model, the template engine, derived
//! figures and sentences, Vietnamese formatting, periods, validation, the
//! printed document, the exchanged file, the adding up of many files, stored
//! drafts) is tested on the host with `cargo test -p cchc-core`. The browser
//! shell (the top-level package) is a thin layer over it.

pub mod aggregate;
pub mod appendix;
pub mod combined;
pub mod date;
pub mod decimal;
pub mod document;
pub mod draft;
pub mod edit;
pub mod entry;
pub mod exchange;
pub mod expected;
pub mod facts;
pub mod figures;
pub mod history;
pub mod next_period;
pub mod period;
pub mod report;
pub mod rules;
pub mod sample;
pub mod sentences;
pub mod template;
pub mod text;
pub mod vi;
pub mod workbook;
