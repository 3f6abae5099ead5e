//! The template file format's JSON Schema (public/schema/mau-bao-cao.schema.json)
//! against the templates the app carries and the reader that installs them:
//! every shipped template is valid, the schema refuses what the reader
//! refuses, and the reader reads every shipped template.

use std::fs;
use std::path::{Path, PathBuf};

use jsonschema::Validator;
use serde_json::{json, Value as Json};

/// The repository, above crates/core.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

const SCHEMA: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../public/schema/mau-bao-cao.schema.json"
));

/// The schema, itself checked against draft 2020-12 (bundled in the crate:
/// nothing is fetched; the schema refers only to its own `$defs`).
fn validator() -> Validator {
    let schema: Json = serde_json::from_str(SCHEMA).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema is a valid draft 2020-12 schema")
}

/// What the schema finds wrong with `instance`, one line per mistake.
fn mistakes(validator: &Validator, instance: &Json) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

/// The `.json` files of `dir` whose names pass `keep`, sorted; none when
/// the folder does not exist.
fn json_files(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("a readable folder").path())
        .filter(|path| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            name.ends_with(".json") && keep(name)
        })
        .collect();
    files.sort();
    files
}

fn built_in_files() -> Vec<PathBuf> {
    let files = json_files(&Path::new(ROOT).join("public/templates"), |_| true);
    assert!(!files.is_empty(), "public/templates has no template");
    files
}

fn parse(path: &Path) -> Json {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn assert_valid(validator: &Validator, path: &Path) {
    let found = mistakes(validator, &parse(path));
    assert!(
        found.is_empty(),
        "{} does not match mau-bao-cao.schema.json:\n{}",
        path.display(),
        found.join("\n")
    );
}

#[test]
fn every_built_in_template_matches_the_schema() {
    let validator = validator();
    for path in built_in_files() {
        assert_valid(&validator, &path);
    }
}

#[test]
fn every_valid_fixture_template_matches_the_schema() {
    let validator = validator();
    let dir = Path::new(ROOT).join("tests/fixtures/templates");
    for path in json_files(&dir, |name| !name.starts_with("mau-loi")) {
        assert_valid(&validator, &path);
    }
}

#[test]
fn the_reader_reads_every_built_in_template() {
    for path in built_in_files() {
        let bytes = fs::read(&path).expect("a readable template");
        if let Err(errors) = cchc_core::template::read(&bytes) {
            let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!(
                "{} is refused by the reader:\n{}",
                path.display(),
                errors.join("\n")
            );
        }
    }
}

/// The first built-in template, changed by `change`: the schema must find
/// a mistake in it, and so must the reader.
fn assert_refused(what: &str, change: impl FnOnce(&mut Json)) {
    let path = &built_in_files()[0];
    let mut template = parse(path);
    change(&mut template);
    assert!(
        !mistakes(&validator(), &template).is_empty(),
        "the schema accepts a template with {what}"
    );
    let bytes = serde_json::to_vec(&template).expect("JSON");
    assert!(
        cchc_core::template::read(&bytes).is_err(),
        "the reader accepts a template with {what}"
    );
}

/// The first figure of the first section.
fn first_figure(template: &mut Json) -> &mut serde_json::Map<String, Json> {
    template["figures"][0]["figures"][0]
        .as_object_mut()
        .expect("the template has a figure")
}

#[test]
fn the_schema_refuses_an_unknown_top_level_key() {
    assert_refused("an unknown top-level key", |template| {
        template["author"] = json!("UBND phường");
    });
}

#[test]
fn the_schema_refuses_a_figure_without_label() {
    assert_refused("a figure without label", |template| {
        first_figure(template).remove("label");
    });
}

#[test]
fn the_schema_refuses_a_figure_of_kind_number() {
    assert_refused("a figure of kind \"number\"", |template| {
        first_figure(template).insert("kind".into(), json!("number"));
    });
}

#[test]
fn the_schema_refuses_ratio_rounding_round() {
    assert_refused("numbers.ratio.rounding \"round\"", |template| {
        template["numbers"]["ratio"]["rounding"] = json!("round");
    });
}

#[test]
fn the_schema_refuses_three_ratio_decimals() {
    assert_refused("numbers.ratio.decimals 3", |template| {
        template["numbers"]["ratio"]["decimals"] = json!(3);
    });
}

#[test]
fn the_schema_refuses_an_appendix_row_without_code() {
    assert_refused("an appendix row without code", |template| {
        template["appendix"][0]["rows"][0]
            .as_object_mut()
            .expect("the template has an appendix row")
            .remove("code");
    });
}
