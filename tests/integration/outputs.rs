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
        ("report.docx", "bscore evaluate … -o name.html"),
        ("report.doc", "bscore evaluate … -o name.html"),
        ("report.odt", "bscore evaluate … -o name.html"),
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

/// Outputs that are not plain new files: the schema a template names, the
/// pages of the manual, FIFOs and replaced files (issue 20).
#[cfg(unix)]
mod careful {
    use super::{GOLD, bscore_in, entries, stderr};
    use crate::common::{bscore_command, example};
    use std::fs;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::path::Path;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    fn mkfifo(path: &Path) {
        assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
    }

    /// Temporary files and kept-aside copies bscore may leave in `dir`.
    fn leftovers(dir: &Path) -> Vec<String> {
        (entries(dir).into_iter())
            .filter(|name| name.starts_with(".tmp") || name.starts_with(".bscore"))
            .collect()
    }

    /// The old code wrote audit.schema.json beside a link to /dev/null
    /// and beside a FIFO, as it wrote /dev/audit.schema.json for
    /// `-o /dev/null`.
    #[test]
    fn no_schema_is_written_beside_a_device_or_a_fifo() {
        let dir = tempfile::tempdir().unwrap();
        let null = dir.path().join("null.toml");
        std::os::unix::fs::symlink("/dev/null", &null).unwrap();
        let output = bscore_in(dir.path(), &["template", "-o", "null.toml"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(entries(dir.path()), ["null.toml"]);
        let fifo = dir.path().join("pipe.toml");
        mkfifo(&fifo);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
        };
        let output = bscore_in(dir.path(), &["template", "-o", "pipe.toml"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(reader.join().unwrap().contains("#:schema"));
        assert_eq!(entries(dir.path()), ["null.toml", "pipe.toml"]);
        // Beside a regular file it is still written.
        let output = bscore_in(dir.path(), &["template", "-o", "audit.toml"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(dir.path().join("audit.schema.json").is_file());
    }

    /// The old code followed a dangling audit.schema.json link and created
    /// its target, without a word.
    #[test]
    fn a_schema_name_that_is_a_link_is_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let target = elsewhere.path().join("planted.json");
        let link = dir.path().join("audit.schema.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        for lang in ["en", "zh"] {
            let output = bscore_command()
                .current_dir(dir.path())
                .env("BSCORE_LANG", lang)
                .args(["template", "-o", &format!("audit-{lang}.toml")])
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
            let message = stderr(&output);
            let said = match lang {
                "en" => "is a symbolic link and was not written",
                _ => "是符号链接，未写入",
            };
            assert!(
                message.contains(said) && message.contains("audit.schema.json"),
                "{message}"
            );
        }
        assert!(!target.exists());
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    /// Writes the manual into `dir` and returns its pages' names.
    fn manual_pages(dir: &Path) -> Vec<String> {
        let output = bscore_in(dir, &["man", "--output-dir", "."]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        entries(dir)
    }

    /// One page that cannot be written (a folder of its name) leaves every
    /// page as it was; the old code had replaced bscore.1 and the pages
    /// before the folder, and kept the others.
    #[test]
    fn the_manual_is_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let pages = manual_pages(dir.path());
        assert!(pages.len() > 5, "{pages:?}");
        for page in &pages {
            fs::write(dir.path().join(page), "old page\n").unwrap();
        }
        let blocked = "bscore-verify.1";
        assert!(pages.iter().any(|page| page == blocked), "{pages:?}");
        fs::remove_file(dir.path().join(blocked)).unwrap();
        fs::create_dir(dir.path().join(blocked)).unwrap();
        let output = bscore_in(dir.path(), &["man", "--output-dir", ".", "--force"]);
        assert_eq!(output.status.code(), Some(2));
        assert!(stderr(&output).contains(blocked), "{}", stderr(&output));
        for page in pages.iter().filter(|page| *page != blocked) {
            let text = fs::read_to_string(dir.path().join(page)).unwrap();
            assert_eq!(text, "old page\n", "{page}");
        }
        assert!(
            leftovers(dir.path()).is_empty(),
            "{:?}",
            leftovers(dir.path())
        );
        // Once it can, every page is replaced, and nothing is left over.
        fs::remove_dir(dir.path().join(blocked)).unwrap();
        let output = bscore_in(dir.path(), &["man", "--output-dir", ".", "--force"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        for page in &pages {
            let text = fs::read_to_string(dir.path().join(page)).unwrap();
            assert!(text.starts_with(".ie"), "{page}: {text}");
        }
        assert_eq!(entries(dir.path()), pages);
    }

    /// A FIFO nobody reads: exit 2 after a short wait, said; the old code
    /// waited forever.
    #[test]
    fn a_fifo_nobody_reads_is_exit_2_not_a_hang() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("report.pipe");
        mkfifo(&fifo);
        let mut child = bscore_command()
            .args(["evaluate", &example(GOLD), "-o"])
            .arg(&fifo)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(20) {
                child.kill().unwrap();
                panic!("bscore waited for a reader of the FIFO");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        let message = stderr(&output);
        assert!(
            message.contains("report.pipe") && message.contains("no program read it"),
            "{message}"
        );
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }

    /// A reader that comes a moment later gets the whole report, larger
    /// than a pipe holds, written as usual once it is there.
    #[test]
    fn a_fifo_read_a_moment_later_gets_the_whole_report() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("report.pipe");
        mkfifo(&fifo);
        let audits = [GOLD, "silver-traceability.toml", "platinum-notary.toml"].map(example);
        let child = bscore_command()
            .arg("evaluate")
            .args(&audits)
            .args(["--detail", "-f", "html", "-o"])
            .arg(&fifo)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(500));
        let mut read = Vec::new();
        let mut reader = fs::File::open(&fifo).unwrap();
        std::thread::sleep(Duration::from_millis(200));
        std::io::Read::read_to_end(&mut reader, &mut read).unwrap();
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let expected = bscore_command()
            .arg("evaluate")
            .args(&audits)
            .args(["--detail", "-f", "html"])
            .output()
            .unwrap();
        assert!(read.len() > 65536, "{} bytes", read.len());
        assert_eq!(read.len(), expected.stdout.len());
        assert!(read.ends_with(b"</html>\n"));
    }

    use std::os::unix::fs::FileTypeExt;

    /// `--force` keeps the owner and group of the file it replaces (as
    /// root), drops setuid, setgid and sticky, and says that another name
    /// of the file (a hard link) keeps the old report. The old code gave
    /// the file to root, carried the setuid bit and said nothing.
    #[test]
    fn a_replaced_file_keeps_its_owner_loses_setuid_and_broken_links_are_said() {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("report.json");
        let other = dir.path().join("other-name.json");
        fs::write(&report, "old report\n").unwrap();
        fs::hard_link(&report, &other).unwrap();
        fs::set_permissions(&report, fs::Permissions::from_mode(0o6755)).unwrap();
        let root = fs::metadata(&report).unwrap().uid() == 0;
        if root {
            std::os::unix::fs::chown(&report, Some(4321), Some(4322)).unwrap();
            fs::set_permissions(&report, fs::Permissions::from_mode(0o6755)).unwrap();
        }
        let output = bscore_in(
            dir.path(),
            &["evaluate", &example(GOLD), "-o", "report.json", "--force"],
        );
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let meta = fs::metadata(&report).unwrap();
        assert_eq!(meta.mode() & 0o7777, 0o755);
        if root {
            assert_eq!((meta.uid(), meta.gid()), (4321, 4322));
        }
        let message = stderr(&output);
        assert!(
            message.contains("report.json") && message.contains("1 other name(s) (hard links)"),
            "{message}"
        );
        assert_eq!(fs::read_to_string(&other).unwrap(), "old report\n");
        assert!(fs::read_to_string(&report).unwrap().starts_with('{'));
        // A file with no other name: no warning.
        let again = bscore_in(
            dir.path(),
            &["evaluate", &example(GOLD), "-o", "report.json", "--force"],
        );
        assert_eq!(again.status.code(), Some(0));
        assert!(!stderr(&again).contains("hard link"), "{}", stderr(&again));
    }
}
