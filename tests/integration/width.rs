//! Tables fit the width they are given (`--width`, `COLUMNS`, 100 when
//! piped): no line of any terminal output is wider, at any width from 20
//! columns, in either language; ids, figures and sample fractions are
//! never broken across lines. The look at 40, 52, 80 and 120 columns is
//! pinned by `tests/snapshots/width-*.toml`.

use crate::common::{bscore_command, example};
use unicode_width::UnicodeWidthStr;

fn commands() -> Vec<Vec<String>> {
    let gold = example("gold-supply-chain-finance.toml");
    let silver = example("silver-traceability.toml");
    let failed = example("fail-special-deduction.toml");
    let initial = example("surveillance/2025-initial.toml");
    let later = example("surveillance/2026-surveillance.toml");
    [
        vec!["evaluate", gold.as_str(), "--detail"],
        vec!["evaluate", failed.as_str(), silver.as_str()],
        vec!["checklist"],
        vec!["gap", silver.as_str()],
        vec!["gap", failed.as_str()],
        vec!["compare", initial.as_str(), later.as_str()],
    ]
    .into_iter()
    .map(|line| line.into_iter().map(String::from).collect())
    .collect()
}

fn widest_line(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

fn widest(text: &str) -> &str {
    text.lines()
        .max_by_key(|line| line.width())
        .unwrap_or_default()
}

fn run(args: &[String], lang: &str, width: Option<u16>, columns: Option<&str>) -> String {
    let mut command = bscore_command();
    command.args(args).args(["--lang", lang]);
    if let Some(width) = width {
        command.args(["--width", &width.to_string()]);
    }
    if let Some(columns) = columns {
        command.env("COLUMNS", columns);
    }
    let output = command.output().unwrap();
    assert!(
        output.status.code().is_some_and(|code| code < 2),
        "{args:?}"
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn no_line_is_wider_than_the_width_asked_for() {
    for width in [20, 33, 40, 52, 59, 60, 80, 120] {
        for lang in ["zh", "en"] {
            for args in commands() {
                let text = run(&args, lang, Some(width), None);
                assert!(
                    widest_line(&text) <= usize::from(width),
                    "{args:?} --lang {lang} --width {width}: {}",
                    widest(&text)
                );
            }
        }
    }
}

#[test]
fn piped_output_fits_columns_else_100() {
    for args in commands() {
        let text = run(&args, "zh", None, None);
        assert!(widest_line(&text) <= 100, "{args:?}: {}", widest(&text));
        if args[0] == "checklist" {
            assert!(widest_line(&text) > 90, "the checklist uses the width");
        }
        let text = run(&args, "en", None, Some("72"));
        assert!(widest_line(&text) <= 72, "{args:?} COLUMNS=72:\n{text}");
        let text = run(&args, "en", Some(90), Some("72"));
        assert!(widest_line(&text) <= 90, "--width wins over COLUMNS");
    }
}

/// Every indicator id and every sample fraction of the gold example's
/// detailed table is on one line, at every width from 40 columns.
#[test]
fn ids_and_fractions_never_break() {
    let gold = example("gold-supply-chain-finance.toml");
    let args: Vec<String> = ["evaluate", gold.as_str(), "--detail"]
        .map(String::from)
        .to_vec();
    let checklist = bscore::Checklist::builtin();
    for width in (40..=120).step_by(4) {
        for lang in ["zh", "en"] {
            let text = run(&args, lang, Some(width), None);
            for indicator in &checklist.indicators {
                let whole = text.lines().any(|line| {
                    line.split([' ', '│', '┆', '|'])
                        .any(|cell| cell == indicator.id)
                });
                assert!(
                    whole,
                    "{} broken at --width {width} --lang {lang}:\n{text}",
                    indicator.id
                );
            }
            for fraction in ["5/12", "2/6", "1/4"] {
                assert!(text.contains(fraction), "{fraction} at {width}:\n{text}");
            }
        }
    }
}
