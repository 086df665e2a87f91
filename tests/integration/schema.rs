//! The JSON Schema of audit files: committed up to date, accepting every
//! example and the filled template, and giving bscore's verdict on every
//! audit the tests know, but for what JSON Schema cannot say.

use bscore::Checklist;
use bscore::audit_schema;
use bscore::audit_template;
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
        root().join("examples/history/jiangnan"),
        root().join("examples/history/breach"),
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
fn the_template_is_flagged_until_its_names_are_filled_in() {
    let template = audit_template(
        &Checklist::builtin(),
        "2026-03-15",
        "audit.schema.json",
        bscore::Lang::Zh,
    );
    assert!(template.starts_with("#:schema ./audit.schema.json\n"));
    let validator = validator();
    // Blank names are refused by both the schema and bscore, so the editor
    // shows what is left to fill in; "?" is accepted while typing.
    let blank_names_only = validator
        .iter_errors(&document(&template))
        .all(|error| error.to_string().contains("does not match"));
    assert!(blank_names_only && !validator.is_valid(&document(&template)));
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
        (
            "an empty list of samples",
            BASE.replace("\"4.1.a\" = 0", "\"4.1.a\" = { samples = [] }"),
        ),
        (
            "samples beside a coefficient",
            BASE.replace(
                "\"4.1.a\" = 0",
                "\"4.1.a\" = { coefficient = 0, samples = [{ item = \"a\", conforms = true }] }",
            ),
        ),
        (
            "conforms written as text",
            BASE.replace(
                "\"4.1.a\" = 0",
                "\"4.1.a\" = { samples = [{ item = \"a\", conforms = \"是\" }] }",
            ),
        ),
        (
            "a draw without samples",
            BASE.replace(
                "\"4.1.a\" = 0",
                "\"4.1.a\" = { coefficient = 0, drawn = { seed = \"s\", from = \"p.txt\", sha256 = \"x\" } }",
            ),
        ),
        (
            "a population beside a coefficient",
            BASE.replace("\"4.1.a\" = 0", "\"4.1.a\" = { coefficient = 0, population = 9 }"),
        ),
        (
            "a site without a name",
            format!("{BASE}\n[[sites]]\nid = \"sh\"\n"),
        ),
    ];
    for (what, text) in mistakes {
        assert!(!validator.is_valid(&document(&text)), "accepted: {what}");
    }
}

/// What JSON Schema cannot say, so the schema accepts and bscore refuses;
/// docs/audit-format.md lists the same.
const SCHEMA_CANNOT_SAY: [(&str, &str); 8] = [
    (
        "placeholder",
        "the template's \"?\" is accepted while typing",
    ),
    ("nonconforming > sampled", "a comparison between two values"),
    (
        "date-time for a date",
        "formats are annotations for editors",
    ),
    ("cycle_start after date", "a comparison between two values"),
    (
        "cycle_start of an opening evaluation not its date",
        "a comparison between two values",
    ),
    (
        "decimal beyond double precision",
        "JSON numbers are doubles",
    ),
    (
        "whole number written as a float",
        "8.0 is an integer to JSON Schema",
    ),
    ("no applicable points", "a sum over the indicators"),
];

/// Which documented difference a command-line case shows, if any.
fn kind_of_case(label: &str) -> &str {
    [
        ("tests/cmd/bad-date.in/", "date-time for a date"),
        (
            "tests/cmd/cycle-start-after-date.in/",
            "cycle_start after date",
        ),
        (
            "tests/cmd/initial-cycle-start.in/",
            "cycle_start of an opening evaluation not its date",
        ),
        (
            "tests/cmd/nonconforming-exceeds-sampled.in/",
            "nonconforming > sampled",
        ),
        ("tests/cmd/no-applicable-points.in/", "no applicable points"),
    ]
    .into_iter()
    .find(|(folder, _)| label.starts_with(folder))
    .map_or(label, |(_, kind)| kind)
}

/// Audits that bscore refuses, and a few it accepts, each labelled.
fn cross_check_cases() -> Vec<(String, String)> {
    let base = |from: &str, to: &str| BASE.replace(from, to);
    let mut cases: Vec<(String, String)> = [
        ("valid", BASE.to_string()),
        ("blank exclusion reason", base("\"4.1.a\" = 0", "\"4.1.a\" = { excluded = \"  \" }")),
        ("blank finding", format!("{BASE}\n[[special_deductions]]\nkind = \"law\"\nfinding = \" \"\n")),
        ("blank practice", format!("{BASE}\n[bonus]\npractice = \"\"\n")),
        ("blank organization", base("organization = \"测试\"", "organization = \" \"")),
        ("empty indicator table", base("\"4.1.a\" = 0", "\"4.1.a\" = {}")),
        ("record only", base("\"4.1.a\" = 0", "\"4.1.a\" = { record = \"r\" }")),
        ("sampled alone", base("\"4.1.a\" = 0", "\"4.1.a\" = { sampled = 3 }")),
        ("coefficient and sample", base("\"4.1.a\" = 0", "\"4.1.a\" = { coefficient = 0, sampled = 3, nonconforming = 1 }")),
        ("rejected without excluded", base("\"4.1.a\" = 0", "\"4.1.a\" = { rejected = \"r\", coefficient = 0 }")),
        ("rejected without assessment", base("\"4.1.a\" = 0", "\"4.1.a\" = { excluded = \"e\", rejected = \"r\" }")),
        ("excluded with coefficient", base("\"4.1.a\" = 0", "\"4.1.a\" = { excluded = \"e\", coefficient = 0 }")),
        ("rejected exclusion, sampled", base("\"4.1.a\" = 0", "\"4.1.a\" = { excluded = \"e\", rejected = \"r\", sampled = 4, nonconforming = 1 }")),
        ("alias and id", format!("{BASE}\"5.5.c\" = 0\n\"5.5.d\" = 0\n")),
        ("missing indicator", base("unassessed = \"conform\"\n", "")),
        ("placeholder", base("\"4.1.a\" = 0", "\"4.1.a\" = \"?\"")),
        ("placeholder reason", base("\"4.1.a\" = 0", "\"4.1.a\" = { excluded = \"（删减理由）\" }")),
        ("placeholder record", base("\"4.1.a\" = 0", "\"4.1.a\" = { coefficient = 0, record = \"?\" }")),
        ("placeholder note", base("\"4.1.a\" = 0", "\"4.1.a\" = { coefficient = 0, note = \" … \" }")),
        ("placeholder label", base("\"4.1.a\" = 0", "\"4.1.a\" = { excluded = \"TODO\" }")),
        ("placeholder name", base("organization = \"测试\"", "organization = \"(the organization)\"")),
        ("placeholder assessor", base("assessors = [\"张三\"]", "assessors = [\"张三\", \"？\"]")),
        ("reason only the word", base("\"4.1.a\" = 0", "\"4.1.a\" = { excluded = \" N/A \" }")),
        ("text with brackets", base("\"4.1.a\" = 0", "\"4.1.a\" = { coefficient = 0, note = \"张三（组长）与 (B) 核验\" }")),
        ("nonconforming > sampled", base("\"4.1.a\" = 0", "\"4.1.a\" = { sampled = 3, nonconforming = 4 }")),
        ("date-time for a date", base("date = 2026-03-15", "date = 2026-03-15T10:00:00")),
        ("impossible date", base("date = 2026-03-15", "date = 2026-02-30")),
        ("cycle_start after date", base("date = 2026-03-15", "date = 2026-03-15\ncycle_start = 2026-04-01")),
        ("decimal beyond double precision", base("\"4.1.a\" = 0", "\"4.1.a\" = 1.00000000000000000001")),
        ("whole number written as a float", base("\"4.1.a\" = 0", "\"4.1.a\" = { sampled = 8.0, nonconforming = 1 }")),
    ]
    .into_iter()
    .map(|(label, text)| (label.to_string(), text))
    .collect();
    // Every audit of the command-line cases, bad and good.
    for entry in std::fs::read_dir(root().join("tests/cmd")).unwrap() {
        let folder = entry.unwrap().path();
        if !folder.is_dir() {
            continue;
        }
        for file in walk_toml(&folder) {
            let label = file.strip_prefix(root()).unwrap().display().to_string();
            cases.push((label, std::fs::read_to_string(&file).unwrap_or_default()));
        }
    }
    cases
}

fn walk_toml(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk_toml(&path));
        } else if path.extension().is_some_and(|e| e == "toml") {
            found.push(path);
        }
    }
    found
}

/// The schema an editor uses and bscore give the same verdict on every
/// audit the tests know, but for what JSON Schema cannot say.
#[test]
fn the_schema_and_bscore_agree() {
    let checklist = Checklist::builtin();
    let validator = validator();
    let mut disagreements = Vec::new();
    for (label, text) in cross_check_cases() {
        let bscore_accepts = bscore::Audit::parse(&label, &text, &checklist)
            .is_ok_and(|audit| bscore::evaluate(&checklist, &audit).is_ok());
        // A file that is not TOML is refused by both: editors flag syntax.
        let schema_accepts = text
            .parse::<toml::Table>()
            .is_ok_and(|table| validator.is_valid(&to_json(toml::Value::Table(table))));
        let kind = kind_of_case(&label);
        let documented = SCHEMA_CANNOT_SAY.iter().any(|(known, _)| kind == *known);
        match (bscore_accepts == schema_accepts, documented) {
            (true, false) => {}
            (false, true) => assert!(schema_accepts && !bscore_accepts, "{label}"),
            (agree, _) => disagreements.push(format!(
                "{label}: bscore {}, schema {}{}",
                if bscore_accepts { "accepts" } else { "refuses" },
                if schema_accepts { "accepts" } else { "refuses" },
                if agree {
                    " (documented as a difference, but they agree)"
                } else {
                    ""
                }
            )),
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}
