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
