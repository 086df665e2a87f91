//! The README as a new assessor reads it: a Chinese quick start first,
//! whose every command runs as written, and print commands that print
//! the report alone.

use crate::common::bscore_command;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The README's section under `heading`, up to the next `## `.
fn section(readme: &str, heading: &str) -> String {
    let after = readme
        .split(&format!("\n{heading}\n"))
        .nth(1)
        .expect(heading);
    after.split("\n## ").next().unwrap().to_string()
}

#[test]
fn the_readme_opens_with_a_chinese_quick_start() {
    let readme = readme();
    let first = readme.lines().find(|line| line.starts_with("## ")).unwrap();
    assert_eq!(first, "## 快速开始");
    let quick = section(&readme, "## Quick start");
    assert!(
        quick.contains("cargo run --release -- evaluate examples/gold-supply-chain-finance.toml")
    );
    assert!(quick.contains("cargo test --locked "));
}

#[test]
fn every_command_of_the_chinese_quick_start_runs_as_written() {
    let quick = section(&readme(), "## 快速开始");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("examples")).unwrap();
    let example = "examples/gold-supply-chain-finance.toml";
    let root = env!("CARGO_MANIFEST_DIR");
    std::fs::copy(format!("{root}/{example}"), dir.path().join(example)).unwrap();
    let commands: Vec<&str> = (quick.lines())
        .filter_map(|line| line.strip_prefix("bscore "))
        .map(|line| line.split(" #").next().unwrap().trim())
        .collect();
    assert!(commands.len() >= 6, "{commands:?}");
    for command in commands {
        let args: Vec<&str> = command.split_whitespace().collect();
        let output = bscore_command()
            .env_remove("BSCORE_LANG")
            .current_dir(dir.path())
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        // A template not yet filled in is refused (exit 2), as it should
        // be; a command written wrong would be a usage error.
        assert!(!stderr.contains("用法："), "bscore {command}: {stderr}");
        assert!(!stderr.contains("不认识"), "bscore {command}: {stderr}");
        if command.starts_with("evaluate examples/") || command.starts_with("template") {
            assert_eq!(output.status.code(), Some(0), "bscore {command}: {stderr}");
        }
    }
}

#[test]
fn the_print_command_leaves_out_chromium_s_header_and_footer() {
    let readme = readme();
    let prints: Vec<&str> = readme
        .lines()
        .filter(|line| line.contains("--print-to-pdf"))
        .collect();
    assert!(!prints.is_empty());
    for line in prints {
        assert!(line.contains("--no-pdf-header-footer"), "{line}");
    }
}
