//! Files under careless and hostile use: outputs never replace what is not
//! a regular file, never overwrite an input, keep permissions and leave no
//! temporary file; every failed write is exit 2; directories of audits
//! report every entry they cannot read, and never wait on one.

#![cfg(unix)]

use crate::common::{bscore, example};
use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const GOLD: &str = "gold-supply-chain-finance.toml";

fn sh(script: &str) -> Output {
    Command::new("sh")
        .args(["-c", script])
        .env("BSCORE", env!("CARGO_BIN_EXE_bscore"))
        .env("BSCORE_LANG", "en")
        .env("AUDIT", example(GOLD))
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".tmp"))
        .collect()
}

/// A FIFO named as the output is written in place, even with --force: it
/// stays a FIFO and its reader gets the report (the old code renamed a
/// regular file over it, as it did over /dev/null).
#[test]
fn a_fifo_output_is_written_in_place_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.pipe");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let output = bscore(&[
        "evaluate",
        &example(GOLD),
        "--format",
        "json",
        "--output",
        fifo.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(
        reader
            .join()
            .unwrap()
            .contains("\"score_exact\": \"1325/14\"")
    );
}

/// A device is written in place: /dev/full says the disk is full, exit 2.
#[test]
fn a_full_device_is_exit_2_with_no_space_left() {
    let output = bscore(&["evaluate", &example(GOLD), "--output", "/dev/full"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no space left on the device"),
        "{}",
        stderr(&output)
    );
    assert!(
        fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn a_symlink_output_is_written_through_to_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.md");
    fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let output = bscore(&[
        "evaluate",
        &example(GOLD),
        "--format",
        "markdown",
        "-o",
        link.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&target).unwrap().starts_with("## "));
    assert!(leftovers(dir.path()).is_empty());
}

/// The output may not be an input, whatever names it: the path itself, a
/// link to it, or a file of a directory named as input. Even with --force.
#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let audit = dir.path().join("a.toml");
    fs::copy(example(GOLD), &audit).unwrap();
    let link = dir.path().join("alias.toml");
    std::os::unix::fs::symlink(&audit, &link).unwrap();
    let original = fs::read(&audit).unwrap();
    let audit_arg = audit.to_str().unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    for (input, output) in [
        (audit_arg, audit_arg),
        (audit_arg, link.to_str().unwrap()),
        (dir_arg, audit_arg),
    ] {
        let result = bscore(&["evaluate", input, "-o", output, "--force"]);
        assert_eq!(result.status.code(), Some(2), "{input} -> {output}");
        assert!(
            stderr(&result).contains("is the input"),
            "{}",
            stderr(&result)
        );
        assert_eq!(fs::read(&audit).unwrap(), original);
    }
}

#[test]
fn new_files_follow_the_umask_and_replaced_files_keep_their_mode() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    let script = format!(
        "umask 027; \"$BSCORE\" evaluate \"$AUDIT\" -o '{}'",
        report.display()
    );
    assert_eq!(sh(&script).status.code(), Some(0));
    assert_eq!(
        fs::metadata(&report).unwrap().permissions().mode() & 0o777,
        0o640
    );
    fs::set_permissions(&report, fs::Permissions::from_mode(0o600)).unwrap();
    let replaced = bscore(&[
        "evaluate",
        &example(GOLD),
        "-o",
        report.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(replaced.status.code(), Some(0));
    assert_eq!(
        fs::metadata(&report).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

/// A closed or full standard output loses the report: exit 2, said on
/// standard error, for reports and for --help and --version alike.
#[test]
fn failed_writes_to_standard_output_are_exit_2() {
    for script in [
        "\"$BSCORE\" evaluate \"$AUDIT\" >&-",
        "\"$BSCORE\" evaluate \"$AUDIT\" > /dev/full",
        "\"$BSCORE\" --help > /dev/full",
        "\"$BSCORE\" --version > /dev/full",
        "\"$BSCORE\" --version >&-",
    ] {
        let output = sh(script);
        assert_eq!(output.status.code(), Some(2), "{script}");
        assert!(
            stderr(&output).contains("standard output"),
            "{script}: {}",
            stderr(&output)
        );
    }
    // Redirected to /dev/null on purpose: not an error.
    assert_eq!(
        sh("\"$BSCORE\" evaluate \"$AUDIT\" > /dev/null")
            .status
            .code(),
        Some(0)
    );
}

/// In Chinese, a failed write says why in Chinese; the old code said
/// "standard output is closed: …" and "系统报告：is a directory".
#[test]
fn failed_writes_are_said_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("folder");
    fs::create_dir(&folder).unwrap();
    for (script, expected) in [
        (
            "\"$BSCORE\" evaluate \"$AUDIT\" >&-".to_string(),
            "标准输出已关闭",
        ),
        (
            format!("\"$BSCORE\" evaluate \"$AUDIT\" -o '{}'", folder.display()),
            "这是一个目录",
        ),
    ] {
        let output = Command::new("sh")
            .args(["-c", &script])
            .env("BSCORE", env!("CARGO_BIN_EXE_bscore"))
            .env("BSCORE_LANG", "zh")
            .env("AUDIT", example(GOLD))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{script}");
        // The path is the user's; every word around it must be Chinese.
        let message = stderr(&output).replace(&folder.display().to_string(), "");
        assert!(message.contains(expected), "{script}: {message}");
        let english = message
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() > 3);
        let english: Vec<&str> = english
            .filter(|w| !["bscore", "output", "html"].contains(w))
            .collect();
        assert!(english.is_empty(), "{script}: {message}");
    }
}

/// SIGTERM in the middle of a batch leaves no temporary file, exit 143.
#[test]
fn an_interrupted_write_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let audits = dir.path().join("audits");
    fs::create_dir(&audits).unwrap();
    let text = fs::read_to_string(example(GOLD)).unwrap();
    for index in 0..3000 {
        fs::write(audits.join(format!("a{index:04}.toml")), &text).unwrap();
    }
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    let mut child = crate::common::bscore_command()
        .args([
            "evaluate",
            audits.to_str().unwrap(),
            "--format",
            "html",
            "-o",
        ])
        .arg(out.join("all.html"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The temporary file is created only once the report is rendered: a
    // moment into the work, there is none yet, and none may be left.
    let started = Instant::now();
    while started.elapsed() < Duration::from_millis(300) && leftovers(&out).is_empty() {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "finished before it could be interrupted"
    );
    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(143));
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
    assert!(!out.join("all.html").exists());
}

/// A folder's audits are its `.toml` files in any case of the extension,
/// as a folder on Windows holds them (`GOLD.TOML` was left out).
#[test]
fn a_folder_takes_upper_case_extensions() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(example(GOLD), dir.path().join("A.TOML")).unwrap();
    fs::copy(example(GOLD), dir.path().join("b.Toml")).unwrap();
    fs::write(dir.path().join("c.txt"), "not an audit").unwrap();
    let output = bscore(&["validate", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.contains("A.TOML") && text.contains("b.Toml"), "{text}");
}

/// What Windows reads as a device or a wildcard is a name like any other
/// elsewhere: `nul.json` is a file, and `a*.toml` names the file of that
/// name (the shell has expanded what it meant to).
#[test]
fn windows_devices_and_wildcards_are_plain_names_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let audit = dir.path().join("a*.toml");
    fs::copy(example(GOLD), &audit).unwrap();
    let null = dir.path().join("nul.json");
    let output = bscore(&[
        "evaluate",
        audit.to_str().unwrap(),
        "-o",
        null.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let written = fs::read_to_string(&null).unwrap();
    assert!(written.contains("\"grade\": \"gold\""), "{written}");
}

/// Every `*.toml` entry of a directory that is not a regular file is an
/// error in the summary and the exit code: never skipped, never waited on.
#[test]
fn a_directory_reports_links_fifos_and_folders_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(example(GOLD), dir.path().join("a-good.toml")).unwrap();
    std::os::unix::fs::symlink("missing.toml", dir.path().join("b-dangling.toml")).unwrap();
    std::os::unix::fs::symlink("c-loop.toml", dir.path().join("c-loop.toml")).unwrap();
    mkfifo(&dir.path().join("d-pipe.toml"));
    fs::create_dir(dir.path().join("e-folder.toml")).unwrap();
    let mut child = crate::common::bscore_command()
        .args(["evaluate", dir.path().to_str().unwrap(), "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("bscore waited on an entry of the directory");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    for expected in [
        "b-dangling.toml",
        "c-loop.toml",
        "d-pipe.toml",
        "a FIFO",
        "e-folder.toml",
        "a directory",
    ] {
        assert!(message.contains(expected), "{expected}: {message}");
    }
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(results.as_array().unwrap().len(), 1);
}

/// A FIFO named on the command line (or `<(…)`) is read like a file.
#[test]
fn an_explicit_fifo_argument_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo: PathBuf = dir.path().join("audit.toml");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::write(fifo, fs::read(example(GOLD)).unwrap()).unwrap())
    };
    let output = bscore(&["evaluate", fifo.to_str().unwrap(), "--format", "json"]);
    writer.join().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

/// Standard input can be read once, in every command.
#[test]
fn standard_input_named_twice_is_refused_everywhere() {
    for args in [
        vec!["evaluate", "-", "-"],
        vec!["validate", "-", "-"],
        vec!["compare", "-", "-"],
        vec!["verify", "-", "-"],
        vec!["gap", "-", "--checklist", "-"],
    ] {
        let output = bscore(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains("standard input (`-`) can be read only once"),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}
