//! Every bundled example evaluates to the score and grade its header states,
//! and together they cover every band and both ways to fail.

use bscore::Audit;
use bscore::evaluate;
use bscore::fixed;
use bscore::{Checklist, Grade};
use std::collections::BTreeSet;

/// `(file, text)` of every `examples/*.toml` (and of the surveillance
/// pair and the histories), sorted by name.
fn examples() -> Vec<(String, String)> {
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"));
    let folders = [
        root.to_path_buf(),
        root.join("surveillance"),
        root.join("history/jiangnan"),
        root.join("history/breach"),
    ];
    let mut files: Vec<_> = folders
        .iter()
        .flat_map(|folder| std::fs::read_dir(folder).unwrap())
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            (
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            )
        })
        .collect()
}

/// The value of a `# NAME: value` header line.
fn header<'a>(text: &'a str, name: &str) -> &'a str {
    let prefix = format!("# {name}: ");
    text.lines()
        .find_map(|line| line.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no `{prefix}` line"))
        .trim()
}

#[test]
fn every_example_scores_what_it_states() {
    let checklist = Checklist::builtin();
    let mut grades = BTreeSet::new();
    let mut failed_by_deduction = false;
    let examples = examples();
    assert!(examples.len() >= 8, "six examples and a surveillance pair");
    for (file, text) in &examples {
        let audit = Audit::parse(file, text, &checklist).unwrap_or_else(|e| panic!("{e}"));
        let evaluation = evaluate(&checklist, &audit).unwrap();
        assert_eq!(
            fixed(&evaluation.score, 2),
            header(text, "expected-score"),
            "{file}"
        );
        assert_eq!(
            evaluation.grade.id(),
            header(text, "expected-grade"),
            "{file}"
        );
        grades.insert(evaluation.grade);
        failed_by_deduction |=
            evaluation.grade == Grade::Fail && !audit.special_deductions.is_empty();
    }
    assert_eq!(
        grades,
        Grade::ALL.into_iter().collect(),
        "one example per band and a failing one"
    );
    assert!(
        failed_by_deduction,
        "an example fails on a special deduction"
    );
}

/// Editors (taplo, VS Code) read TOML 1.0 while bscore reads 1.1: every
/// example and the template must be TOML 1.0, checked with a 1.0 parser.
#[test]
fn examples_and_the_template_are_toml_1_0() {
    let checklist = Checklist::builtin();
    let template = bscore::audit_template(
        &checklist,
        "2026-03-15",
        "audit.schema.json",
        bscore::Lang::Zh,
    );
    let mut files = examples();
    files.push(("template".to_string(), template));
    for (name, text) in files {
        if let Err(error) = text.parse::<toml_v1_0::Table>() {
            panic!("{name} is not TOML 1.0: {error}");
        }
    }
}

/// The check above can fail: a TOML 1.1 inline table over several lines is
/// refused by the 1.0 parser, though bscore itself reads it.
#[test]
fn a_toml_1_1_construct_is_caught_by_the_1_0_parser() {
    let text = "[indicators]\n\"4.1.a\" = {\n  coefficient = 0,\n}\n";
    assert!(text.parse::<toml_v1_0::Table>().is_err());
    assert!(text.parse::<toml::Table>().is_ok());
}
