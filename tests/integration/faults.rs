//! Hostile and broken inputs: a clear error, never a crash.

use crate::common::bscore;
use bscore::Audit;
use bscore::Checklist;

#[test]
fn deeply_nested_arrays_are_an_error_not_a_stack_overflow() {
    let checklist = Checklist::builtin();
    let text = format!("[audit]\nassessors = {}\n", "[".repeat(100_000));
    let error = Audit::parse("deep.toml", &text, &checklist)
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("error: "), "{error}");
    // The offending line is 100,000 characters: the message quotes a window of it.
    assert!(error.len() < 5_000, "{} bytes", error.len());
}

#[test]
fn huge_arrays_and_long_lines_are_handled() {
    let checklist = Checklist::builtin();
    let assessors: Vec<String> = (0..100_000).map(|i| format!("\"评价人员{i}\"")).collect();
    let text = format!(
        "[audit]\norganization = \"测\"\nservice = \"测\"\nassessors = [{}]\ndate = 2026-03-15\nkind = \"initial\"\nunassessed = \"conform\"\n[indicators]\n\"4.1.a\" = 2\n",
        assessors.join(", ")
    );
    let error = Audit::parse("wide.toml", &text, &checklist)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("deduction coefficient must be from 0 to 1, found 2"),
        "{error}"
    );
}

#[test]
fn a_file_over_4_mib_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    std::fs::File::create(&path)
        .unwrap()
        .set_len(5 * 1024 * 1024)
        .unwrap();
    let output = bscore(&["evaluate", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("inputs are limited to 4 MiB"));
}

#[test]
fn binary_and_empty_files_are_input_errors() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("binary.toml");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let empty = dir.path().join("empty.toml");
    std::fs::write(&empty, "").unwrap();
    let output = bscore(&[
        "validate",
        binary.to_str().unwrap(),
        empty.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("not UTF-8 text"), "{stderr}");
    assert!(stderr.contains("missing the [audit] table"), "{stderr}");
}

#[test]
fn an_unwritable_output_is_a_clear_error() {
    let output = bscore(&[
        "evaluate",
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/platinum-notary.toml"),
        "--output",
        "/nonexistent-directory/report.txt",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot write /nonexistent-directory/report.txt"),
        "{stderr}"
    );
}

/// A file with a thousand problems lists the first hundred, in file order,
/// then says how many more there are.
#[test]
fn problems_past_the_first_hundred_are_counted_not_listed() {
    let checklist = Checklist::builtin();
    let text =
        std::fs::read_to_string(crate::common::example("gold-supply-chain-finance.toml")).unwrap();
    let unknown: String = (0..1000).map(|i| format!("\"9.{i}.x\" = 0\n")).collect();
    let text = text.replacen("[indicators]\n", &format!("[indicators]\n{unknown}"), 1);
    let error = Audit::parse("many.toml", &text, &checklist).unwrap_err();
    assert_eq!(error.problems.len(), 100);
    assert_eq!(error.omitted, 900);
    let message = error.to_string();
    assert!(
        message.contains("many.toml: 1000 errors (the first 100 are shown)"),
        "{message}"
    );
    assert!(message.contains("`9.0.x`") && message.contains("`9.99.x`"));
    assert!(!message.contains("`9.100.x`"));
}

/// A decimal of a million digits is refused at once, and the message quotes
/// only the start of it.
#[test]
fn a_decimal_of_a_million_digits_is_refused_briefly() {
    let checklist = Checklist::builtin();
    let text = std::fs::read_to_string(crate::common::example("gold-supply-chain-finance.toml"))
        .unwrap()
        .replacen(
            "\"4.1.a\" = 0",
            &format!("\"4.1.a\" = 0.{}", "3".repeat(1_000_000)),
            1,
        );
    let message = Audit::parse("long.toml", &text, &checklist)
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("a decimal of 1000001 digits; at most 40"),
        "{message}"
    );
    assert!(message.len() < 2_000, "{} bytes", message.len());
}

/// A file of a million broken lines: the first hundred problems, a count,
/// and a message that stays short.
#[test]
fn a_large_file_of_broken_lines_reports_a_bounded_message() {
    let checklist = Checklist::builtin();
    let text = "a = \"\\q\"\n".repeat(200_000);
    let error = Audit::parse("broken.toml", &text, &checklist).unwrap_err();
    assert_eq!(error.problems.len(), 100);
    assert!(error.omitted >= 199_900, "{}", error.omitted);
    assert!(error.to_string().len() < 50_000);
}

/// Keys defined again and again in a large file are counted by the syntax
/// pass, not built one by one.
#[test]
fn a_large_file_of_repeated_keys_reports_a_bounded_message() {
    let checklist = Checklist::builtin();
    let text = "a = 1\n".repeat(200_000);
    let error = Audit::parse("repeated.toml", &text, &checklist).unwrap_err();
    assert_eq!(error.problems.len(), 100);
    assert!(error.omitted >= 199_000, "{}", error.omitted);
    assert!(
        error
            .to_string()
            .contains("`a` is written twice: it is already on line 1")
    );
}

/// `lines` broken lines under `[indicators]` of an example, one unknown
/// indicator on a valid line, and the file padded with comments to
/// `bytes` or more.
fn broken_example(lines: usize, bytes: usize) -> String {
    let text =
        std::fs::read_to_string(crate::common::example("gold-supply-chain-finance.toml")).unwrap();
    let broken: String = (0..lines).map(|i| format!("\"9.{i}.x\" =\n")).collect();
    let text = text.replacen(
        "[indicators]\n",
        &format!("[indicators]\n{broken}\"9.999.y\" = 0\n"),
        1,
    );
    let padding = "# 填充\n".repeat(bytes.saturating_sub(text.len()) / 8 + 1);
    format!("{padding}{text}")
}

/// A file with no more syntax errors than are listed is checked in full,
/// large or small: its hundred broken lines are set aside and the rest
/// validated, so the unknown indicator is the 101st problem.
#[test]
fn a_hundred_syntax_errors_are_validated_past_and_more_are_counted() {
    let checklist = Checklist::builtin();
    let text = broken_example(100, 1024 * 1024 + 1);
    assert!(text.len() > 1024 * 1024);
    let error = Audit::parse("large.toml", &text, &checklist).unwrap_err();
    assert_eq!(error.count(), 101, "{error}");
    let small = broken_example(100, 0);
    let error = Audit::parse("small.toml", &small, &checklist).unwrap_err();
    assert_eq!(error.count(), 101, "{error}");
    // Past a hundred, a file of any size is counted, not validated.
    for bytes in [0, 1024 * 1024 + 1] {
        let more = broken_example(150, bytes);
        let error = Audit::parse("more.toml", &more, &checklist).unwrap_err();
        let counted = (error.problems.len(), error.count());
        assert_eq!(counted, (100, 150), "{bytes} bytes: {error}");
    }
}

/// An error only the toml crate finds (a day not in the calendar) counts
/// toward the hundred: with a hundred grammar errors it makes 101, and the
/// rest of the file is no longer validated.
#[test]
fn a_calendar_error_counts_toward_the_hundred() {
    let checklist = Checklist::builtin();
    let text = broken_example(100, 0);
    let date = text.find("\ndate = ").unwrap() + 1;
    let line_end = date + text[date..].find('\n').unwrap();
    let text = format!("{}date = 2026-02-30{}", &text[..date], &text[line_end..]);
    let error = Audit::parse("date.toml", &text, &checklist).unwrap_err();
    assert_eq!(error.count(), 101, "{error}");
    let message = error.to_string();
    assert!(message.contains("invalid date"), "{message}");
}

/// Setting a broken line aside can leave an array open, which breaks the
/// lines after it: those are set aside in a second round, and the rest of
/// the file is still validated (the unknown indicator is found).
#[test]
fn a_line_set_aside_that_leaves_an_array_open_is_repaired_in_rounds() {
    let checklist = Checklist::builtin();
    let text =
        std::fs::read_to_string(crate::common::example("gold-supply-chain-finance.toml")).unwrap();
    let text = text.replacen(
        "[indicators]\n",
        "[indicators]\n\"9.999.y\" = 0\n\"9.1.x\" = [1,\n2 3]\n",
        1,
    );
    let error = Audit::parse("open.toml", &text, &checklist).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("unknown indicator id `9.999.y`"),
        "{message}"
    );
    assert_eq!(error.count(), 2, "{message}");
}

/// A line broken before its `=` leaves no trace on what follows: a table
/// header after it is still recognised, so a table written twice is named.
#[test]
fn a_table_written_twice_after_a_broken_line_is_named() {
    let checklist = Checklist::builtin();
    let text =
        std::fs::read_to_string(crate::common::example("gold-supply-chain-finance.toml")).unwrap();
    let line = text.lines().position(|line| line == "[audit]").unwrap() + 1;
    let text = format!("{text}oops\n[audit]\nnote = 1\n");
    let message = Audit::parse("twice.toml", &text, &checklist)
        .unwrap_err()
        .to_string();
    assert!(message.contains("missing `=`"), "{message}");
    assert!(
        message.contains(&format!(
            "`audit` is written twice: it is already on line {line}"
        )),
        "{message}"
    );
}

/// In a file with a syntax error, each `[[special_deductions]]` is a table
/// of its own: the same keys in two of them are not "written twice", and
/// the same key twice in one of them is.
#[test]
fn keys_of_each_special_deduction_are_apart_in_a_broken_file() {
    let checklist = Checklist::builtin();
    let text =
        std::fs::read_to_string(crate::common::example("fail-special-deduction.toml")).unwrap();
    let second = "[[special_deductions]]\nkind = \"risk\"\nfinding = \"第二项\"\n\n[bonus]";
    let text = text.replacen("[bonus]", second, 1).replacen(
        "[indicators]\n",
        "[indicators]\n\"9.1.x\" =\n",
        1,
    );
    let error = Audit::parse("two.toml", &text, &checklist).unwrap_err();
    let message = error.to_string();
    assert!(!message.contains("written twice"), "{message}");
    assert_eq!(error.count(), 1, "{message}");
    let text = text.replacen(
        "finding = \"第二项\"",
        "finding = \"第二项\"\nkind = \"law\"",
        1,
    );
    let message = Audit::parse("twice.toml", &text, &checklist)
        .unwrap_err()
        .to_string();
    assert!(message.contains("`kind` is written twice"), "{message}");
}

/// In a file with a syntax error, keys inside inline tables are not the
/// file's own keys, even after an array within them: two indicators
/// written `{ note = [...], coefficient = 0 }` repeat nothing; and after
/// those arrays, a key written twice is still found.
#[test]
fn keys_after_an_array_in_an_inline_table_stay_inside_it() {
    let checklist = Checklist::builtin();
    let text =
        std::fs::read_to_string(crate::common::example("gold-supply-chain-finance.toml")).unwrap();
    let lines = "[indicators]\n\"9.1.x\" =\n\"9.2.x\" = { note = [\"x\"], coefficient = 0 }\n\"9.3.x\" = { note = [\"x\"], coefficient = 0 }\n";
    let text = text.replacen("[indicators]\n", lines, 1);
    let message = Audit::parse("inline.toml", &text, &checklist)
        .unwrap_err()
        .to_string();
    assert!(message.contains("`9.3.x`"), "{message}");
    assert!(!message.contains("written twice"), "{message}");
    // After the arrays, a key written twice is still found.
    let text = format!("{text}\"9.4.x\" = 0\n\"9.4.x\" = 1\n");
    let message = Audit::parse("after.toml", &text, &checklist)
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("`\"9.4.x\"` is written twice"),
        "{message}"
    );
}

/// A table header left open (`[a`) is reported as such, not also as a key
/// "written twice" made of it and the line after it.
#[test]
fn an_open_table_header_is_not_taken_for_a_repeated_key() {
    let checklist = Checklist::builtin();
    let message = Audit::parse("open.toml", "[a\nb = 1\n[a\nb = 1\n", &checklist)
        .unwrap_err()
        .to_string();
    assert!(message.contains("missing its closing `]`"), "{message}");
    assert!(!message.contains("written twice"), "{message}");
}

/// Dotted keys are told apart part by part: `a.bc` and `ab.c` are two
/// keys, `a.bc` twice is one written twice.
#[test]
fn dotted_keys_are_told_apart_part_by_part() {
    let checklist = Checklist::builtin();
    let message = Audit::parse("dotted.toml", "x =\na.bc = 1\nab.c = 1\n", &checklist)
        .unwrap_err()
        .to_string();
    assert!(!message.contains("written twice"), "{message}");
    let message = Audit::parse("dotted.toml", "x =\na.bc = 1\na.bc = 2\n", &checklist)
        .unwrap_err()
        .to_string();
    assert!(message.contains("`a.bc` is written twice"), "{message}");
}

/// The gold example with 4.1.a and 4.1.b mistyped as `typos`, and
/// `unknown_keys` keys [audit] does not know before them: each of those
/// is a problem listed before the mistyped ids.
fn mistyped_after_problems(typos: &[&str], unknown_keys: usize) -> String {
    let text =
        std::fs::read_to_string(crate::common::example("gold-supply-chain-finance.toml")).unwrap();
    let keys: String = (0..unknown_keys).map(|i| format!("x{i} = 1\n")).collect();
    let text = text.replacen(
        "kind = \"initial\"\n",
        &format!("kind = \"initial\"\n{keys}"),
        1,
    );
    let text = text.replacen("\"4.1.a\" = 0\n", &format!("\"{}\" = 0\n", typos[0]), 1);
    text.replacen("\"4.1.b\" = 1\n", &format!("\"{}\" = 1\n", typos[1]), 1)
}

/// A mistyped id among the problems a file lists carries its suggestion,
/// however many problems were found before it further down the file (the
/// special deductions are checked before the indicators).
#[test]
fn a_listed_mistyped_id_keeps_its_suggestion_past_a_hundred_problems() {
    let checklist = Checklist::builtin();
    let text = mistyped_after_problems(&["4.1.x", "4.1.b"], 0);
    let deductions = "[[special_deductions]]\nkind = \"lawx\"\nfinding = \"x\"\n".repeat(150);
    let error =
        Audit::parse("late.toml", &format!("{text}\n{deductions}"), &checklist).unwrap_err();
    assert_eq!(error.count(), 151, "{error}");
    let message = error.to_string();
    assert!(message.contains("did you mean `4.1.a`?"), "{message}");
    assert!(!message.contains("not assessed"), "{message}");
}

/// A mistyped id stands for the missing id it resembles only while it can
/// be listed, with fewer than a hundred problems before it; past that it
/// is only counted, and the id it took away is counted as missing.
#[test]
fn a_mistyped_id_past_the_hundredth_problem_is_only_counted() {
    let checklist = Checklist::builtin();
    let parsed = |unknown_keys: usize| {
        let text = mistyped_after_problems(&["4.1.x", "4.1.y"], unknown_keys);
        Audit::parse("typos.toml", &text, &checklist).unwrap_err()
    };
    // 98 before: both are listed, each standing for its missing id.
    let error = parsed(98);
    assert_eq!(error.count(), 100, "{error}");
    let message = error.to_string();
    assert!(message.contains("did you mean `4.1.a`?"), "{message}");
    assert!(message.contains("did you mean `4.1.b`?"), "{message}");
    assert!(!message.contains("not assessed"), "{message}");
    // 99 before: the second has a hundred before it, so 4.1.b is missing:
    // 99 unknown keys, two unknown ids and one missing.
    assert_eq!(parsed(99).count(), 102);
    // 100 before: neither can be listed, and both ids are missing.
    assert_eq!(parsed(100).count(), 103);
}

/// Runs that are stopped, lose their output folder, or start with a
/// standard stream closed (issue 20).
#[cfg(unix)]
mod stopped {
    use crate::common::{bscore_command, example};
    use std::fs;
    use std::path::{Path, PathBuf};
    use std::process::{Child, Command, Stdio};
    use std::time::{Duration, Instant};

    const GOLD: &str = "gold-supply-chain-finance.toml";

    /// A folder of 3000 copies of the gold example: a batch that takes a
    /// while (seconds in a debug build) to evaluate and render.
    fn batch_folder(dir: &Path) -> PathBuf {
        let audits = dir.join("audits");
        fs::create_dir(&audits).unwrap();
        let text = fs::read_to_string(example(GOLD)).unwrap();
        for index in 0..3000 {
            fs::write(audits.join(format!("a{index:04}.toml")), &text).unwrap();
        }
        audits
    }

    /// Starts the batch of `audits` as one HTML report into `out`.
    fn start_batch(audits: &Path, out: &Path) -> Child {
        bscore_command()
            .args(["evaluate", audits.to_str().unwrap(), "-f", "html", "-o"])
            .arg(out.join("all.html"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        (fs::read_dir(dir).unwrap())
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with(".tmp"))
            .collect()
    }

    /// Waits up to `limit` for a temporary file in `out` (which the old
    /// code created before the work); panics if the batch ended first.
    fn let_it_work(child: &mut Child, out: &Path, limit: Duration) {
        let started = Instant::now();
        while started.elapsed() < limit && leftovers(out).is_empty() {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the batch ended before it could be stopped"
        );
    }

    fn signal(child: &Child, name: &str) {
        let pid = child.id().to_string();
        let sent = Command::new("kill").args([name, &pid]).status().unwrap();
        assert!(sent.success());
    }

    /// SIGKILL cannot be caught: no temporary file may exist while the
    /// work is under way. The old code left a 0-byte one.
    #[test]
    fn a_killed_batch_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let audits = batch_folder(dir.path());
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        let mut child = start_batch(&audits, &out);
        let_it_work(&mut child, &out, Duration::from_millis(400));
        signal(&child, "-KILL");
        child.wait().unwrap();
        assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
        assert!(!out.join("all.html").exists());
    }

    /// The output folder moved away during the batch: exit 2, saying
    /// where it could not write, and nothing left in the folder moved. The
    /// old code left the whole report there as a temporary file.
    #[test]
    fn a_batch_whose_folder_is_moved_leaves_nothing_there() {
        let dir = tempfile::tempdir().unwrap();
        let audits = batch_folder(dir.path());
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        let mut child = start_batch(&audits, &out);
        let_it_work(&mut child, &out, Duration::from_millis(400));
        let moved = dir.path().join("moved");
        fs::rename(&out, &moved).unwrap();
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(
            message.contains("cannot write") && message.contains("all.html"),
            "{message}"
        );
        let left: Vec<_> = fs::read_dir(&moved).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
    }

    /// SIGTERM is 143 and SIGINT 130 (128 + the signal's number, as
    /// shells report them); the old code exited 130 for both.
    #[test]
    fn sigterm_exits_143_and_sigint_130() {
        let dir = tempfile::tempdir().unwrap();
        let audits = batch_folder(dir.path());
        for (name, code) in [("-TERM", 143), ("-INT", 130), ("-HUP", 129)] {
            let out = dir.path().join(&name[1..]);
            fs::create_dir(&out).unwrap();
            let mut child = start_batch(&audits, &out);
            let_it_work(&mut child, &out, Duration::from_millis(300));
            signal(&child, name);
            let status = child.wait().unwrap();
            assert_eq!(status.code(), Some(code), "{name}");
            assert!(leftovers(&out).is_empty(), "{name}: {:?}", leftovers(&out));
        }
    }

    fn sh(script: &str) -> std::process::Output {
        Command::new("sh")
            .args(["-c", script])
            .env("BSCORE", env!("CARGO_BIN_EXE_bscore"))
            .env("BSCORE_LANG", "en")
            .env("AUDIT", example(GOLD))
            .output()
            .unwrap()
    }

    /// A standard stream closed at startup is exit 2, said, under any name
    /// that leads to it. The old code wrote `-o /dev/stdout >&-` into the
    /// runtime's /dev/null (exit 0) and read `- <&-` as an empty audit.
    #[test]
    fn closed_standard_streams_are_exit_2_under_any_name() {
        for (script, said) in [
            (
                "\"$BSCORE\" evaluate \"$AUDIT\" -o /dev/stdout >&-",
                "standard output is closed",
            ),
            (
                "\"$BSCORE\" evaluate \"$AUDIT\" -o /dev/fd/1 >&-",
                "standard output is closed",
            ),
            (
                "\"$BSCORE\" evaluate \"$AUDIT\" -o /proc/self/fd/1 >&-",
                "standard output is closed",
            ),
            ("\"$BSCORE\" evaluate - <&-", "standard input is closed"),
            ("\"$BSCORE\" validate - <&-", "standard input is closed"),
            (
                "\"$BSCORE\" evaluate /dev/stdin <&-",
                "standard input is closed",
            ),
        ] {
            let output = sh(script);
            let message = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{script}: {message}");
            assert!(message.contains(said), "{script}: {message}");
        }
        // Redirected to or from /dev/null on purpose: no closed stream.
        let null = sh("\"$BSCORE\" evaluate \"$AUDIT\" -o /dev/stdout > /dev/null");
        assert_eq!(null.status.code(), Some(0));
        let empty = sh("\"$BSCORE\" evaluate - < /dev/null");
        let message = String::from_utf8_lossy(&empty.stderr);
        assert!(!message.contains("closed"), "{message}");
        assert!(message.contains("missing the [audit] table"), "{message}");
    }
}

/// Thousands of unknown tables, of `[audit]` keys and of indicator ids:
/// every one counted, and the ones listed the first by place, whatever
/// order the parser keeps them in (its map sorts keys: `t10` before `t9`).
#[test]
fn thousands_of_unknown_names_are_counted_and_the_first_by_place_listed() {
    let checklist = Checklist::builtin();
    let gold = include_str!("../../examples/gold-supply-chain-finance.toml");
    let names = |count: usize, line: &dyn Fn(usize) -> String| -> String {
        (0..count).rev().map(line).collect()
    };
    let cases = [
        (
            "tables",
            format!("{gold}{}", names(3_000, &|i| format!("[t{i}]\n"))),
            "`t2999`",
        ),
        (
            "[audit] keys",
            gold.replacen(
                "[audit]\n",
                &format!("[audit]\n{}", names(3_000, &|i| format!("k{i} = 1\n"))),
                1,
            ),
            "`k2999`",
        ),
        (
            "indicator ids",
            gold.replacen(
                "[indicators]\n",
                &format!(
                    "[indicators]\n{}",
                    names(3_000, &|i| format!("\"9.{i}\" = 0\n"))
                ),
                1,
            ),
            "`9.2999`",
        ),
    ];
    for (what, text, first) in cases {
        let error = Audit::parse("many.toml", &text, &checklist).unwrap_err();
        assert_eq!(error.count(), 3_000, "{what}");
        assert_eq!(error.problems.len(), 100, "{what}");
        let lines: Vec<usize> = (error.problems.iter())
            .map(|problem| problem.position.unwrap().0)
            .collect();
        assert!(
            lines.windows(2).all(|pair| pair[0] + 1 == pair[1]),
            "{what}: {lines:?}"
        );
        let message = &error.problems[0].diagnostic.message.en;
        assert!(message.contains(first), "{what}: {message}");
    }
}

#[test]
fn a_problem_far_along_a_line_of_megabytes_is_placed_at_its_true_column() {
    let checklist = Checklist::builtin();
    for (filler, chars) in [("x", 2_000_000), ("评", 1_000_000), ("\t", 1_500_000)] {
        let padding = filler.repeat(chars);
        // The problem (a coefficient of 2) comes after the padding, on the same line.
        let line = format!("\"4.1.a\" = {{ note = \"{padding}\", coefficient = 2 }}");
        let text = format!(
            "[audit]\norganization = \"测\"\nservice = \"测\"\nassessors = [\"甲\"]\ndate = 2026-03-15\nkind = \"initial\"\nunassessed = \"conform\"\n[indicators]\n{line}\n"
        );
        let error = Audit::parse("long.toml", &text, &checklist)
            .unwrap_err()
            .render(bscore::Lang::En);
        let column = line[..line.rfind("2 }").unwrap()].chars().count() + 1;
        let shown = &error[..error.len().min(2_000)];
        assert!(
            error.contains("from 0 to 1, found 2"),
            "{filler:?}: {shown}"
        );
        assert!(
            error.contains(&format!("long.toml:9:{column}\n")),
            "{filler:?}: {shown}"
        );
        assert!(error.len() < 5_000, "{filler:?}: {} bytes", error.len());
    }
}
