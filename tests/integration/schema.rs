//! The JSON Schema of audit files: committed up to date, accepting every
//! example and template, rejecting the mistakes bscore rejects.

use bscore::checklist::Checklist;
use bscore::schema::audit_schema;
use bscore::template::audit_template;
use serde_json::Value;

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A TOML document as editors see it in JSON (dates as strings).
fn to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(to_json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.into_iter().map(|(k, v)| (k, to_json(v))).collect())
        }
    }
}

fn document(text: &str) -> Value {
    to_json(toml::Value::Table(text.parse::<toml::Table>().unwrap()))
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&audit_schema(&Checklist::builtin())).unwrap()
}

#[test]
fn the_committed_schema_is_up_to_date() {
    let committed = std::fs::read_to_string(root().join("schema/audit.schema.json")).unwrap();
    let generated =
        serde_json::to_string_pretty(&audit_schema(&Checklist::builtin())).unwrap() + "\n";
    assert!(
        committed == generated,
        "schema/audit.schema.json is stale: run `cargo run -- schema --output schema/audit.schema.json --force`"
    );
}

#[test]
fn every_example_is_accepted() {
    let validator = validator();
    let folders = [
        root().join("examples"),
        root().join("examples/surveillance"),
    ];
    let mut count = 0;
    for path in folders
        .iter()
        .flat_map(|f| std::fs::read_dir(f).unwrap())
        .map(|e| e.unwrap().path())
    {
        if path.extension().is_some_and(|e| e == "toml") {
            let errors: Vec<String> = validator
                .iter_errors(&document(&std::fs::read_to_string(&path).unwrap()))
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            count += 1;
        }
    }
    assert!(count >= 8);
}

#[test]
fn the_template_is_accepted_before_and_after_filling_in() {
    let template = audit_template(&Checklist::builtin(), "2026-03-15", "audit.schema.json");
    assert!(template.starts_with("#:schema ./audit.schema.json\n"));
    let validator = validator();
    assert!(validator.is_valid(&document(&template)));
    let filled = template.replace("\"?\"", "0").replace("\"\"", "\"张三\"");
    assert!(validator.is_valid(&document(&filled)));
}

const BASE: &str = r#"[audit]
organization = "测试"
service = "测试"
assessors = ["张三"]
date = 2026-03-15
kind = "initial"
unassessed = "conform"

[indicators]
"4.1.a" = 0
"#;

#[test]
fn the_mistakes_bscore_rejects_are_rejected() {
    let validator = validator();
    assert!(
        validator.is_valid(&document(BASE)),
        "the base case is valid"
    );
    let mistakes = [
        (
            "unknown top-level table",
            format!("{BASE}\n[extra]\nx = 1\n"),
        ),
        (
            "unknown key in [audit]",
            BASE.replace("service =", "servise ="),
        ),
        (
            "unknown indicator id",
            BASE.replace("\"4.1.a\" = 0", "\"4.1.x\" = 0"),
        ),
        (
            "coefficient above 1",
            BASE.replace("\"4.1.a\" = 0", "\"4.1.a\" = 1.5"),
        ),
        (
            "negative coefficient",
            BASE.replace("\"4.1.a\" = 0", "\"4.1.a\" = { coefficient = -0.1 }"),
        ),
        (
            "quoted number",
            BASE.replace("\"4.1.a\" = 0", "\"4.1.a\" = \"0.3\""),
        ),
        (
            "unknown key in an indicator",
            BASE.replace("\"4.1.a\" = 0", "\"4.1.a\" = { coeficient = 0.5 }"),
        ),
        (
            "non-integer sample",
            BASE.replace(
                "\"4.1.a\" = 0",
                "\"4.1.a\" = { sampled = 8.5, nonconforming = 1 }",
            ),
        ),
        (
            "sample of zero",
            BASE.replace(
                "\"4.1.a\" = 0",
                "\"4.1.a\" = { sampled = 0, nonconforming = 0 }",
            ),
        ),
        (
            "unknown kind",
            BASE.replace("kind = \"initial\"", "kind = \"annual\""),
        ),
        (
            "unknown special deduction kind",
            format!("{BASE}\n[[special_deductions]]\nkind = \"laws\"\nfinding = \"x\"\n"),
        ),
        (
            "two bonuses",
            format!("{BASE}\n[[bonus]]\npractice = \"a\"\n[[bonus]]\npractice = \"b\"\n"),
        ),
        (
            "missing organization",
            BASE.replace("organization = \"测试\"\n", ""),
        ),
        (
            "another standard",
            BASE.replace("[audit]\n", "[audit]\nstandard = \"T/STIC130010-2021\"\n"),
        ),
        (
            "no assessors",
            BASE.replace("assessors = [\"张三\"]", "assessors = []"),
        ),
    ];
    for (what, text) in mistakes {
        assert!(!validator.is_valid(&document(&text)), "accepted: {what}");
    }
}
