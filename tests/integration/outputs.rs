//! Outputs as users mean them: `--output -` is standard output for every
//! command that takes `--output`, and a file named for a format bscore does
//! not write (`.pdf`, `.docx`, `.xls` …) is refused, with what to do
//! instead, before anything is written.

use crate::common::{bscore_command, example, stdout};
use std::path::Path;

const GOLD: &str = "gold-supply-chain-finance.toml";

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs bscore in `dir` (so that a file named `-` would land there).
fn bscore_in(dir: &Path, args: &[&str]) -> std::process::Output {
    bscore_command()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The old code created a file named `-` and printed nothing.
#[test]
fn dash_as_output_is_standard_output_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let gold = example(GOLD);
    let cases: [(&[&str], &str); 5] = [
        (&["evaluate", &gold, "-o", "-"], "T/STIC130010-2022"),
        (
            &["evaluate", &gold, "--output", "-", "-f", "json"],
            "\"audit_sha256\"",
        ),
        (&["compare", &gold, &gold, "-o", "-"], "no changes"),
        (&["template", "-o", "-"], "#:schema ./audit.schema.json"),
        (&["schema", "--output", "-"], "\"$schema\""),
    ];
    for (args, expected) in cases {
        let output = bscore_in(dir.path(), args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stdout(&output).contains(expected),
            "{args:?}: {}",
            stdout(&output)
        );
    }
    assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
}

/// A binary format goes to a standard output named with `-o -` when it is
/// a pipe (the old code wrote a file named `-`).
#[test]
fn xlsx_goes_to_a_piped_standard_output_named_with_dash() {
    let dir = tempfile::tempdir().unwrap();
    let gold = example(GOLD);
    for args in [
        vec!["evaluate", gold.as_str(), "-f", "xlsx", "-o", "-"],
        vec!["template", "-f", "xlsx", "-o", "-"],
        vec!["convert", gold.as_str(), "-o", "-"],
    ] {
        let output = bscore_in(dir.path(), &args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(output.stdout.starts_with(b"PK\x03\x04"), "{args:?}");
    }
    assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
    // Without --output it is still refused, now saying how to pipe it.
    let unnamed = bscore_in(dir.path(), &["evaluate", &gold, "-f", "xlsx"]);
    assert_eq!(unnamed.status.code(), Some(2));
    assert!(
        stderr(&unnamed).contains("--output -"),
        "{}",
        stderr(&unnamed)
    );
}

/// On a terminal the bytes of a workbook would only garble it: refused.
#[test]
#[cfg(target_os = "linux")]
fn xlsx_is_never_written_to_a_terminal() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        return; // util-linux's `script`, which gives bscore a terminal, is missing.
    }
    let command = format!(
        "{} evaluate {} -f xlsx -o -",
        env!("CARGO_BIN_EXE_bscore"),
        example(GOLD)
    );
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("BSCORE_LANG", "en")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{shown}");
    assert!(shown.contains("cannot be shown on a terminal"), "{shown}");
    assert!(!shown.contains("PK\u{3}\u{4}"), "{shown}");
}

/// The old code wrote the text table into `report.pdf`, exit 0.
#[test]
fn formats_bscore_does_not_write_are_refused_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let gold = example(GOLD);
    let cases = [
        ("report.pdf", "print it to PDF"),
        ("report.PDF", "print it to PDF"),
        ("report.docx", "report.html"),
        ("report.doc", "report.html"),
        ("report.odt", "report.html"),
        ("report.xls", "save it as .xls"),
        ("report.ods", "save it as .ods"),
    ];
    for (file, instead) in cases {
        let output = bscore_in(dir.path(), &["evaluate", &gold, "-o", file]);
        assert_eq!(output.status.code(), Some(2), "{file}");
        let message = stderr(&output);
        assert!(
            message.contains(file) && message.contains(instead),
            "{message}"
        );
        assert!(message.contains("nothing was written"), "{message}");
    }
    for args in [
        vec!["compare", gold.as_str(), gold.as_str(), "-o", "changes.pdf"],
        vec!["template", "-o", "audit.docx"],
        vec!["convert", gold.as_str(), "-o", "form.xls"],
        vec!["schema", "-o", "schema.pdf"],
    ] {
        let output = bscore_in(dir.path(), &args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
    assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
}

#[test]
fn the_refusal_is_in_chinese_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let output = bscore_command()
        .env_remove("BSCORE_LANG")
        .current_dir(dir.path())
        .args(["evaluate", &example(GOLD), "-o", "报告.pdf"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("bscore evaluate 不生成 .pdf 文件") && message.contains("另存为 PDF"),
        "{message}"
    );
    assert!(entries(dir.path()).is_empty());
}

/// Windows drops trailing dots and spaces from a file name, so
/// `report.pdf.` becomes report.pdf there: the format is chosen and
/// checked as Windows reads the name. The old code wrote the text table
/// into each, exit 0.
#[test]
fn trailing_dots_and_spaces_are_read_as_windows_reads_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let gold = example(GOLD);
    for file in ["report.pdf.", "r.pdf ", "r.docx. ."] {
        let output = bscore_in(dir.path(), &["evaluate", &gold, "-o", file]);
        assert_eq!(output.status.code(), Some(2), "{file:?}");
        assert!(
            stderr(&output).contains("nothing was written"),
            "{}",
            stderr(&output)
        );
    }
    assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
    let output = bscore_in(dir.path(), &["evaluate", &gold, "-o", "r.html."]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let written = std::fs::read_to_string(dir.path().join("r.html.")).unwrap();
    assert!(written.starts_with("<!DOCTYPE html>"), "{}", &written[..80]);
}

/// Every command's output follows the extension where the command writes
/// that format, and is refused otherwise, with what the command writes
/// and no file created. The old code wrote TOML into back.xlsx, XLSX into
/// x.toml, the table into c.xlsx and c.json, JSON into s.xlsx and TOML
/// into t.html, each exit 0.
#[test]
fn every_command_follows_or_refuses_the_output_extension() {
    let dir = tempfile::tempdir().unwrap();
    let (gold, silver) = (example(GOLD), example("silver-traceability.toml"));
    let form = dir.path().join("form.xlsx");
    let form = form.to_str().unwrap();
    assert_eq!(
        bscore_in(dir.path(), &["convert", &gold, "-o", form])
            .status
            .code(),
        Some(0)
    );
    let out = tempfile::tempdir().unwrap();
    let refused = [
        (
            vec!["convert", form, "-o", "back.xlsx"],
            "bscore convert, given a form, does not write .xlsx files",
            "a TOML audit (.toml)",
        ),
        (
            vec!["convert", &gold, "-o", "x.toml"],
            "bscore convert, given a TOML audit, does not write .toml files",
            "an XLSX workbook (.xlsx)",
        ),
        (
            vec!["compare", &gold, &silver, "-o", "c.xlsx"],
            "bscore compare does not write .xlsx",
            "Markdown (.md), JSON (.json)",
        ),
        (
            vec!["compare", &gold, &silver, "-o", "c.html"],
            "bscore compare does not write .html",
            "Markdown (.md), JSON (.json)",
        ),
        (
            vec!["compare", &gold, &silver, "-f", "json", "-o", "c.md"],
            "--format json contradicts --output c.md",
            "drop --format",
        ),
        (
            vec!["schema", "-o", "s.xlsx"],
            "bscore schema does not write .xlsx",
            "JSON (.json)",
        ),
        (
            vec!["schema", "-o", "s.pdf"],
            "bscore schema does not write .pdf",
            "bscore schema -o audit.schema.json",
        ),
        (
            vec!["template", "-o", "t.html"],
            "bscore template does not write .html",
            "bscore template -o audit.toml",
        ),
        (
            vec!["template", "-f", "xlsx", "-o", "t.toml"],
            "--format xlsx contradicts --output t.toml",
            "drop --format",
        ),
        (
            vec!["evaluate", &gold, "-o", "r.toml"],
            "bscore evaluate does not write .toml",
            "HTML (.html)",
        ),
    ];
    for (args, said, writes) in refused {
        let output = bscore_in(out.path(), &args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = stderr(&output);
        assert!(
            message.contains(said) && message.contains(writes),
            "{args:?}: {message}"
        );
        assert!(
            !message.contains("bscore evaluate AUDIT") || args[0] == "evaluate",
            "{message}"
        );
    }
    assert!(entries(out.path()).is_empty(), "{:?}", entries(out.path()));
    for (args, file, starts) in [
        (
            vec!["compare", &gold, &silver, "-o", "c.json"],
            "c.json",
            "{",
        ),
        (vec!["compare", &gold, &silver, "-o", "c.md"], "c.md", "## "),
        (vec!["convert", form, "-o", "back.toml"], "back.toml", ""),
    ] {
        let output = bscore_in(out.path(), &args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
        let written = std::fs::read_to_string(out.path().join(file)).unwrap();
        assert!(written.starts_with(starts), "{file}: {}", &written[..40]);
    }
    let json = std::fs::read_to_string(out.path().join("c.json")).unwrap();
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
    let toml = std::fs::read_to_string(out.path().join("back.toml")).unwrap();
    assert!(toml.contains("[audit]"), "{toml}");
}
