//! The offline editor for the quarterly CCHC report of Vietnamese commune
//! offices.
//!
//! Every module but [`app`] is the pure core: plain Rust with no browser
//! API, so that every decision about the report (its model, the appendix
//! catalog, derived figures and sentences, Vietnamese formatting, periods,
//! validation, stored drafts) is tested on the host with `cargo test`.
//! [`app`] is the thin browser shell over it.

pub mod aggregate;
pub mod app;
pub mod appendix;
pub mod catalog;
pub mod date;
pub mod decimal;
pub mod document;
pub mod draft;
pub mod edit;
pub mod entry;
pub mod exchange;
pub mod figures;
pub mod next_period;
pub mod period;
pub mod report;
pub mod rules;
pub mod sample;
pub mod sentences;
pub mod text;
pub mod vi;
