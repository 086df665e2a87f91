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
        message.contains("bscore 不生成 .pdf 文件") && message.contains("另存为 PDF"),
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
