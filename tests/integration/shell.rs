//! Shell conventions: --version names the standard, --quiet prints nothing,
//! completions and the man page are generated, output has no colour codes.

use crate::common::{bscore, example};

#[test]
fn version_names_the_standard_of_the_builtin_checklist() {
    let output = bscore(&["--version"]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        text.trim(),
        format!("bscore {} (T/STIC130010-2022)", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn quiet_prints_nothing_and_keeps_the_exit_code() {
    let passed = bscore(&[
        "--quiet",
        "evaluate",
        &example("gold-supply-chain-finance.toml"),
    ]);
    assert_eq!(passed.status.code(), Some(0));
    assert!(passed.stdout.is_empty());
    let failed = bscore(&["evaluate", "-q", &example("fail-low-score.toml")]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(failed.stdout.is_empty());
}

#[test]
fn completions_and_man_page_are_generated() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let output = bscore(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        assert!(
            String::from_utf8(output.stdout)
                .unwrap()
                .contains("evaluate"),
            "{shell}"
        );
    }
    let man = String::from_utf8(bscore(&["man"]).stdout).unwrap();
    assert!(man.contains(".TH bscore 1"));
    assert!(man.contains("evaluate"));
}

/// `bscore man --output-dir` writes a page for bscore and for every
/// command, each with its exit status, environment and files, examples,
/// and the audit format where audits are read; an existing page is kept
/// unless --force.
#[test]
fn man_writes_a_page_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man1");
    let output = bscore(&["man", "--output-dir", pages.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let mut names: Vec<String> = std::fs::read_dir(&pages)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let commands = [
        "checklist",
        "compare",
        "completions",
        "convert",
        "evaluate",
        "gap",
        "history",
        "man",
        "merge",
        "next",
        "plan",
        "report",
        "rules",
        "rules-check",
        "rules-init",
        "rules-show",
        "sample",
        "sample-draw",
        "sample-sites",
        "sample-size",
        "schema",
        "template",
        "validate",
        "verify",
    ];
    let mut expected: Vec<String> = commands.iter().map(|c| format!("bscore-{c}.1")).collect();
    expected.push("bscore.1".into());
    expected.sort();
    assert_eq!(names, expected);
    for name in &names {
        let page = std::fs::read_to_string(pages.join(name)).unwrap();
        assert!(
            page.contains("SIGTERM") && page.contains("143"),
            "{name}: how a stopped command exits"
        );
        for section in [
            "EXIT STATUS",
            "EXAMPLES",
            "ENVIRONMENT",
            "FILES",
            "SEE ALSO",
        ] {
            assert!(
                page.contains(&format!(".SH \"{section}\""))
                    || page.contains(&format!(".SH {section}")),
                "{name}: {section}"
            );
        }
        let reads_audits = [
            "bscore.1",
            "bscore-evaluate.1",
            "bscore-validate.1",
            "bscore-gap.1",
            "bscore-template.1",
            "bscore-convert.1",
        ];
        assert_eq!(
            page.contains(".SH \"AUDIT FORMAT\""),
            reads_audits.contains(&name.as_str()),
            "{name}"
        );
    }
    let evaluate = std::fs::read_to_string(pages.join("bscore-evaluate.1")).unwrap();
    assert!(
        evaluate.contains(r"\-\-min\-grade"),
        "options of the command"
    );
    assert!(evaluate.contains("fell below"), "its own exit status");
    let again = bscore(&["man", "--output-dir", pages.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let forced = bscore(&["man", "--output-dir", pages.to_str().unwrap(), "--force"]);
    assert_eq!(forced.status.code(), Some(0));
}

#[test]
fn no_output_carries_terminal_colour_codes() {
    let failing = example("fail-special-deduction.toml");
    for args in [
        vec!["evaluate", "missing.toml"],
        vec!["evaluate", failing.as_str()],
    ] {
        let output = bscore(&args);
        assert!(!output.stdout.contains(&0x1b), "stdout of {args:?}");
        assert!(!output.stderr.contains(&0x1b), "stderr of {args:?}");
    }
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    // Well over a pipe's buffer (64 KiB), so writing must hit the closed pipe.
    let examples = format!("{}/examples", env!("CARGO_MANIFEST_DIR"));
    let mut child = crate::common::bscore_command()
        .args(["evaluate", &examples, "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is closed here, as `bscore evaluate examples | head -c 16` would.
    let output = child.wait_with_output().unwrap();
    // Exit 1: the examples include failing audits; not 2, and no message.
    assert_eq!(output.status.code(), Some(1));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every command of bscore, as `--help` and the manual name them.
const COMMANDS: [&str; 12] = [
    "evaluate",
    "validate",
    "gap",
    "compare",
    "history",
    "checklist",
    "template",
    "convert",
    "verify",
    "schema",
    "completions",
    "man",
];

/// bscore in its default language: `BSCORE_LANG` cleared.
fn in_chinese(args: &[&str]) -> String {
    let output = crate::common::bscore_command()
        .env_remove("BSCORE_LANG")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// clap's English words, none of which a Chinese help may show.
const CLAP_ENGLISH: [&str; 12] = [
    "选项:",
    "参数:",
    "命令:",
    "Print this message",
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "Print help",
    "Print version",
    "[default:",
    "[possible values:",
];

#[test]
fn help_is_in_chinese_by_default_for_every_command() {
    let mut lines: Vec<Vec<&str>> = vec![vec!["--help"], vec!["-h"], vec!["help"]];
    for command in COMMANDS {
        lines.push(vec![command, "--help"]);
        lines.push(vec![command, "-h"]);
        lines.push(vec!["help", command]);
    }
    for args in lines {
        let help = in_chinese(&args);
        assert!(help.contains("用法：bscore"), "{args:?}:\n{help}");
        for english in CLAP_ENGLISH {
            assert!(!help.contains(english), "{args:?} shows {english}:\n{help}");
        }
        // Every description is in Chinese: what follows an option's or a
        // command's name on its line, and every line of help text below
        // one.
        for line in help.lines().map(str::trim) {
            if line.is_empty() || line.starts_with("用法") {
                continue;
            }
            let named = line.starts_with(['-', '<'])
                || (line.split_whitespace().next())
                    .is_some_and(|word| COMMANDS.contains(&word) || word == "help");
            let description = match line.split_once("  ") {
                Some((_, description)) if named => description.trim(),
                None if named => continue,
                _ => line,
            };
            assert!(
                bscore::has_cjk(description),
                "{args:?}: English help `{line}`"
            );
        }
    }
}

#[test]
fn help_follows_lang_and_bscore_lang() {
    let english = bscore(&["evaluate", "--help"]);
    let english = String::from_utf8(english.stdout).unwrap();
    assert!(english.contains("Usage: bscore evaluate"), "{english}");
    assert!(english.contains("Output format"), "{english}");
    let flag = in_chinese(&["--lang", "en", "evaluate", "--help"]);
    assert_eq!(flag, english);
    let chinese = crate::common::bscore_command()
        .args(["--lang", "zh", "evaluate", "--help"])
        .output()
        .unwrap();
    let chinese = String::from_utf8(chinese.stdout).unwrap();
    assert!(chinese.contains("输出格式"), "{chinese}");
    assert_eq!(chinese, in_chinese(&["evaluate", "--help"]));
}

#[test]
fn the_manual_is_in_chinese_by_default_and_english_under_lang_en() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man1");
    in_chinese(&["man", "--output-dir", pages.to_str().unwrap()]);
    for command in std::iter::once("bscore".to_string())
        .chain(COMMANDS.iter().map(|command| format!("bscore-{command}")))
    {
        let page = std::fs::read_to_string(pages.join(format!("{command}.1"))).unwrap();
        for section in [
            "名称",
            "概要",
            "描述",
            "退出状态",
            "环境变量",
            "文件",
            "参见",
        ] {
            assert!(
                page.contains(&format!(".SH {section}\n")),
                "{command}: {section}"
            );
        }
        for english in [
            "EXIT STATUS",
            "ENVIRONMENT",
            ".SH NAME",
            ".SH OPTIONS",
            "[default:",
        ] {
            assert!(!page.contains(english), "{command} shows {english}");
        }
    }
    let english = String::from_utf8(bscore(&["man"]).stdout).unwrap();
    assert!(english.contains(".SH NAME") && english.contains("EXIT STATUS"));
    assert!(!english.contains("退出状态"));
}
