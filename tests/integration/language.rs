//! Messages in the assessor's language: every message bscore writes on
//! standard error (input problems, suggestions, usage mistakes, count
//! lines) and its summaries exist in Chinese and in English. English
//! output holds no Chinese beyond what the user wrote; Chinese output
//! leaves no message untranslated.

use crate::common::{bscore_command, example};
use bscore::has_cjk;
use std::path::PathBuf;
use std::process::Output;

/// Every audit under `tests/cmd/*.in`: the files the error cases read,
/// one or more problems each.
fn broken_audits() -> Vec<PathBuf> {
    let cases = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cmd");
    let mut audits = Vec::new();
    for entry in std::fs::read_dir(cases).unwrap() {
        let folder = entry.unwrap().path();
        if folder.extension().is_some_and(|e| e == "in") {
            for file in std::fs::read_dir(&folder).unwrap() {
                let file = file.unwrap().path();
                if file.extension().is_some_and(|e| e == "toml") {
                    audits.push(file);
                }
            }
        }
    }
    audits.sort();
    assert!(audits.len() > 30, "{audits:?}");
    audits
}

/// Command lines whose mistakes are the user's: usage errors, missing
/// files, refused gates, and the summaries of commands that succeed.
fn command_lines() -> Vec<Vec<String>> {
    let gold = example("gold-supply-chain-finance.toml");
    let silver = example("silver-traceability.toml");
    let html = std::env::temp_dir().join("bscore-language-test.html");
    let html = html.to_string_lossy().into_owned();
    [
        vec!["evaluate"],
        vec!["evaluate", &gold, "--bogus"],
        vec!["evalute", &gold],
        vec!["evaluate", &gold, "--format", "pdf"],
        vec!["evaluate", &gold, "--min-grade", "best"],
        vec!["evaluate", &gold, "--min-grade", "fail"],
        vec!["-q", "evaluate", &silver, "--min-grade", "gold"],
        vec!["evaluate", &gold, "--format", "csv", "-o", &html],
        vec!["evaluate", &gold, "--format", "xlsx"],
        vec!["evaluate", "no-such-audit.toml"],
        vec!["evaluate", "-", "-"],
        vec!["gap", &gold, "--target", "fail"],
        vec!["validate", &gold, &silver],
        vec!["template", "-o", &gold],
        vec!["next", &gold, "--date", "2027-13-01"],
        vec!["next", &gold, "--date", "2020-01-01"],
    ]
    .into_iter()
    .map(|line| line.into_iter().map(String::from).collect())
    .collect()
}

fn run(args: &[String], lang: Option<&str>) -> Output {
    let mut command = bscore_command();
    command.env_remove("BSCORE_LANG").args(args);
    if let Some(lang) = lang {
        command.args(["--lang", lang]);
    }
    command.output().unwrap()
}

/// Every output to check: stderr of each broken audit and command line,
/// and stdout of the commands whose stdout is a message.
fn outputs(lang: Option<&str>) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for audit in broken_audits() {
        let args = vec!["validate".to_string(), audit.to_string_lossy().into_owned()];
        let output = run(&args, lang);
        assert_eq!(output.status.code(), Some(2), "{audit:?}");
        all.push((format!("{args:?}"), text(&output.stderr)));
    }
    for args in command_lines() {
        let output = run(&args, lang);
        all.push((format!("{args:?}"), text(&output.stderr)));
        if args[0] == "validate" {
            all.push((format!("{args:?}"), text(&output.stdout)));
        }
    }
    all
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The lines that are bscore's words: not the quoted source lines and
/// their carets (`12 | …`), not the `-->` location.
fn message_lines(output: &str) -> impl Iterator<Item = &str> {
    output.lines().filter(|line| {
        let trimmed = line.trim_start();
        let gutter = trimmed
            .split_once('|')
            .is_some_and(|(number, _)| number.trim().chars().all(|c| c.is_ascii_digit()));
        !gutter && !trimmed.starts_with("-->") && !trimmed.is_empty()
    })
}

/// A message with what the user wrote taken out: quoted values, names in
/// backticks, and file names (which end in `.toml`, `.html` …).
fn without_user_text(line: &str) -> String {
    let mut out = String::new();
    let mut closing: Option<char> = None;
    for c in line.chars() {
        match closing {
            Some(close) if c == close => closing = None,
            Some(_) => {}
            None => match c {
                '`' => closing = Some('`'),
                '"' => closing = Some('"'),
                _ => out.push(c),
            },
        }
    }
    out.split_whitespace()
        .filter(|word| !word.contains(".toml") && !word.contains('/'))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn english_messages_hold_no_chinese_beyond_user_text() {
    let mut untranslated = Vec::new();
    for (command, output) in outputs(Some("en")) {
        for line in message_lines(&output) {
            if has_cjk(&without_user_text(line)) {
                untranslated.push(format!("{command}: {line}"));
            }
        }
    }
    assert!(untranslated.is_empty(), "{}", untranslated.join("\n"));
}

#[test]
fn chinese_is_the_default_and_translates_every_message() {
    let mut untranslated = Vec::new();
    for (command, output) in outputs(None) {
        for line in message_lines(&output) {
            let words = without_user_text(line);
            let english_label = ["error:", "help:", "warning:", "Usage:", "ok:"]
                .iter()
                .any(|label| line.contains(label));
            // A message line in Chinese has Chinese in bscore's own words;
            // a line of only names and values (a usage line, a list of
            // ids) has nothing to translate.
            let has_words = words.chars().filter(|c| c.is_ascii_alphabetic()).count() > 12;
            if english_label || (has_words && !has_cjk(&words)) {
                untranslated.push(format!("{command}: {line}"));
            }
        }
    }
    assert!(untranslated.is_empty(), "{}", untranslated.join("\n"));
}

#[test]
fn bscore_lang_sets_the_default_and_a_wrong_one_is_refused() {
    let gold = example("gold-supply-chain-finance.toml");
    let english = bscore_command()
        .env("BSCORE_LANG", "en")
        .args(["evaluate", "missing.toml"])
        .output()
        .unwrap();
    assert!(text(&english.stderr).starts_with("error: "), "{english:?}");
    let flag_wins = bscore_command()
        .env("BSCORE_LANG", "en")
        .args(["evaluate", "missing.toml", "--lang", "zh"])
        .output()
        .unwrap();
    assert!(
        text(&flag_wins.stderr).starts_with("错误: "),
        "{flag_wins:?}"
    );
    let wrong = bscore_command()
        .env("BSCORE_LANG", "fr")
        .args(["evaluate", &gold])
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(2));
    assert!(wrong.stdout.is_empty());
    assert_eq!(
        text(&wrong.stderr),
        "错误: 环境变量 BSCORE_LANG=fr 无效：应为 zh 或 en\n"
    );
}

/// The README's Chinese error example is what bscore prints for
/// `tests/cmd/readme-example.in` (the case that pins it).
#[test]
fn the_readme_error_example_is_true() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let after = readme.split("**Errors that point").nth(1).unwrap();
    let block = after.split("```text\n").nth(1).unwrap();
    let shown = block.split("```").next().unwrap();
    let audit = format!("{root}/tests/cmd/readme-example.in/audit.toml");
    let output = bscore_command()
        .env_remove("BSCORE_LANG")
        .current_dir(format!("{root}/tests/cmd/readme-example.in"))
        .args(["validate", "audit.toml"])
        .output()
        .unwrap();
    assert!(std::path::Path::new(&audit).exists());
    assert_eq!(text(&output.stderr), shown);
}

/// Chinese text uses Chinese punctuation and signs: `；` `、` `≥` `×` `÷`,
/// not `; ` `, ` `>=` `x` `/` typed on an English keyboard.
#[test]
fn chinese_reports_use_chinese_punctuation() {
    let gold = example("gold-supply-chain-finance.toml");
    let silver = example("silver-traceability.toml");
    let failing = example("fail-special-deduction.toml");
    let lines: [&[&str]; 6] = [
        &["checklist"],
        &["evaluate", &gold],
        &["evaluate", &failing, "--format", "markdown"],
        &["gap", &silver],
        &["gap", &silver, "--format", "table", "--width", "52"],
        &["evaluate", &gold, "--detail"],
    ];
    for args in lines {
        let output = bscore_command()
            .env_remove("BSCORE_LANG")
            .args(args)
            .output()
            .unwrap();
        let shown = text(&output.stdout);
        assert!(!shown.is_empty(), "{args:?}");
        for line in shown.lines().filter(|line| has_cjk(line)) {
            for ascii in ["; ", ">=", " x ", " / "] {
                assert!(!line.contains(ascii), "{args:?}: `{ascii}` in {line}");
            }
        }
    }
    // The HTML report's page (its style sheet and embedded result aside).
    let html = bscore_command()
        .env_remove("BSCORE_LANG")
        .args(["evaluate", &gold, "--format", "html"])
        .output()
        .unwrap();
    let page = text(&html.stdout);
    let body = &page[page.find("<body").unwrap()..];
    let body = &body[..body.find("<script").unwrap_or(body.len())];
    for ascii in ["; ", ">="] {
        assert!(!body.contains(ascii), "html: `{ascii}`");
    }
    let checklist = bscore_command()
        .env_remove("BSCORE_LANG")
        .arg("checklist")
        .output()
        .unwrap();
    let totals = text(&checklist.stdout);
    let totals = totals.lines().last().unwrap();
    assert!(!totals.contains(',') && !totals.contains(';'), "{totals}");
}
