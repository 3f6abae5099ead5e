//! The sample's form lives in its template, not in code: no figure key,
//! appendix code, ratio or sentence key of the sample template is written in
//! the Rust sources of the core or the browser shell, outside their tests.
//! (A new province's form then needs a template file, never a new build.)

use std::path::{Path, PathBuf};

use cchc_core::template::legacy;

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The code of a source file: without its test module (which, by this
/// project's habit, closes the file) and without comments, whose examples
/// may name the sample's figures.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let code = match text.find("#[cfg(test)]") {
        Some(tests) => &text[..tests],
        None => &text,
    };
    code.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What names the sample's form: its figure keys, its appendix codes, its
/// ratio and sentence keys, each as it would be written in code.
fn names_of_the_sample_form() -> Vec<String> {
    let template = legacy();
    let mut names: Vec<String> = Vec::new();
    for figure in &template.figures {
        names.push(figure.key.clone());
        // Its last part alone, where it is distinctive (`on_time`,
        // `digitally_signed`), as a struct field would spell it.
        let last = figure.key.rsplit('.').next().unwrap_or_default();
        if last.contains('_') {
            names.push(format!(".{last}"));
        }
    }
    names.extend(template.rows.iter().map(|row| format!("\"{}\"", row.code)));
    names.extend(
        template
            .ratios
            .iter()
            .map(|ratio| format!("\"{}\"", ratio.key)),
    );
    // `closing` also names a part of every template's outline (the key
    // `outline.closing` the reader reads), not only the sample's sentence.
    names.extend(
        template
            .sentences
            .iter()
            .filter(|sentence| sentence.key != "closing")
            .map(|sentence| format!("\"{}\"", sentence.key)),
    );
    names.sort();
    names.dedup();
    names
}

#[test]
fn no_name_of_the_sample_form_is_in_the_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    sources(&root.join("crates/core/src"), &mut files);
    sources(&root.join("src"), &mut files);
    assert!(files.len() > 20, "found the sources: {files:?}");
    let names = names_of_the_sample_form();
    assert!(names.contains(&"applications.received".to_owned()));
    assert!(names.contains(&"\"3.4.a\"".to_owned()));
    assert!(names.contains(&".digitally_signed".to_owned()));
    assert!(names.contains(&"\"one_stop_results\"".to_owned()));
    let mut found = Vec::new();
    for file in &files {
        let code = code_of(file);
        for name in &names {
            if code.contains(name.as_str()) {
                found.push(format!("{}: {name}", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the sample's form written in code: {found:#?}"
    );
}

#[test]
fn the_search_finds_what_it_looks_for() {
    // The check above would see a key written in code.
    let code = "let x = report.figures.applications.on_time; let y = \"7.9.c\";";
    let names = names_of_the_sample_form();
    let hits: Vec<&String> = names
        .iter()
        .filter(|name| code.contains(name.as_str()))
        .collect();
    assert_eq!(hits, ["\"7.9.c\"", ".on_time", "applications.on_time"]);
}
