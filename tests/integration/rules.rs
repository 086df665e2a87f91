//! 评分细则 (`--rules`): the bundled examples conform to the example 细则,
//! every kind of breach is refused (exit 2) at its value with what the
//! 细则 allows and each level's condition, results record the 细则 and
//! explain the chosen level, and `verify` needs the same 细则.
//! Expected words come from the example 细则's text, read by hand.

use crate::common::{EXAMPLES, bscore, bscore_command, example, stdout};
use std::path::{Path, PathBuf};

/// The example 细则.
fn example_rules() -> String {
    example("rules/example-rules.toml")
}

/// Standard error as text.
fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The gold example with `from` replaced by `to` (each must occur once),
/// written into `dir`.
fn gold_with(dir: &Path, edits: &[(&str, &str)]) -> PathBuf {
    let mut text = std::fs::read_to_string(example("gold-supply-chain-finance.toml")).unwrap();
    for (from, to) in edits {
        assert_eq!(text.matches(from).count(), 1, "{from}");
        text = text.replace(from, to);
    }
    let path = dir.join("audit.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// The JSON result of `evaluate` with `extra` arguments.
fn json_of(audit: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["evaluate", audit, "--format", "json"];
    args.extend_from_slice(extra);
    let output = bscore(&args);
    // 1: an example that fails (不合格) is still scored.
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        stderr(&output)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn every_bundled_example_conforms_to_the_example_rules_and_scores_the_same() {
    let rules = example_rules();
    for name in EXAMPLES {
        let audit = example(name);
        let plain = json_of(&audit, &[]);
        let ruled = json_of(&audit, &["--rules", &rules]);
        assert_eq!(plain["score_exact"], ruled["score_exact"], "{name}");
        assert_eq!(plain["grade"], ruled["grade"], "{name}");
        assert!(plain["provenance"].get("rules").is_none(), "{name}");
    }
}

#[test]
fn the_result_records_the_rules_and_the_condition_of_each_level_chosen() {
    let rules = example_rules();
    let json = json_of(
        &example("gold-supply-chain-finance.toml"),
        &["--rules", &rules],
    );
    let recorded = &json["provenance"]["rules"];
    assert_eq!(recorded["title"], "示例认证有限公司 区块链服务认证评分细则");
    assert_eq!(recorded["version"], "2026.1");
    let text = std::fs::read_to_string(&rules).unwrap();
    assert_eq!(recorded["sha256"], bscore::sha256(&text));
    let indicator = |id: &str| {
        (json["indicators"].as_array().unwrap().iter())
            .find(|indicator| indicator["id"] == id)
            .unwrap()
            .clone()
    };
    // Gold gives 4.2.c coefficient 0.5: the example 细则's 0.5 level.
    assert_eq!(indicator("4.2.c")["rule"]["when"], "缺少其中一至两项");
    // 4.4.e is a sample (5 of 12): a proportion, no level chosen.
    assert!(indicator("4.4.e").get("rule").is_none());
}

#[test]
fn the_rules_file_can_be_named_by_bscore_rules() {
    let dir = tempfile::tempdir().unwrap();
    let audit = gold_with(
        dir.path(),
        &[("coefficient = 0.5, record", "coefficient = 0.37, record")],
    );
    let output = bscore_command()
        .env("BSCORE_RULES", example_rules())
        .args(["validate", audit.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("coefficient 0.37 is not a level"));
}

#[test]
fn without_rules_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let audit = gold_with(
        dir.path(),
        &[("coefficient = 0.5, record", "coefficient = 0.37, record")],
    );
    let output = bscore(&["validate", audit.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn a_coefficient_not_among_the_levels_is_refused_with_every_level_and_its_condition() {
    let dir = tempfile::tempdir().unwrap();
    let audit = gold_with(
        dir.path(),
        &[("coefficient = 0.5, record", "coefficient = 0.37, record")],
    );
    let output = bscore(&[
        "validate",
        "--rules",
        &example_rules(),
        audit.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let said = stderr(&output);
    assert!(
        said.contains("indicators.\"4.2.c\".coefficient: coefficient 0.37 is not a level"),
        "{said}"
    );
    assert!(said.contains(":21:27"), "{said}");
    assert!(
        said.contains("help: 4.2.c may take 0 (权利义务写明服务方式、期限、计费方法、知识产权、合规性要求，各方齐全), 0.5 (缺少其中一至两项), 1 (未说明经营者、顾客和合作第三方各自的权利义务)"),
        "{said}"
    );
    // In Chinese, as the standard's words.
    let zh = bscore_command()
        .env("BSCORE_LANG", "zh")
        .args([
            "validate",
            "--rules",
            &example_rules(),
            audit.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        stderr(&zh).contains("提示: 4.2.c 可取 0（权利义务写明服务方式、期限、计费方法、知识产权、合规性要求，各方齐全）、0.5（缺少其中一至两项）、1（"),
        "{}",
        stderr(&zh)
    );
}

#[test]
fn a_sample_where_the_rules_list_only_levels_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let audit = gold_with(
        dir.path(),
        &[(
            "\"4.2.c\" = { coefficient = 0.5, record = \"可行性方案未写明知识产权归属\" }",
            "\"4.2.c\" = { sampled = 4, nonconforming = 2 }",
        )],
    );
    let output = bscore(&[
        "evaluate",
        "--rules",
        &example_rules(),
        audit.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let said = stderr(&output);
    assert!(
        said.contains("indicators.\"4.2.c\".sampled: the scoring rules"),
        "{said}"
    );
    assert!(
        said.contains("grade 4.2.c by levels, not by a sample"),
        "{said}"
    );
    assert!(said.contains("help: 4.2.c may take 0 ("), "{said}");
    assert!(stdout(&output).is_empty());
}

#[test]
fn a_sample_below_the_minimum_is_refused_and_one_at_it_passes() {
    let rules = example_rules();
    let dir = tempfile::tempdir().unwrap();
    let sampled = |n: u32| {
        let to = format!("\"4.4.e\" = {{ sampled = {n}, nonconforming = 1 }}");
        let from = "\"4.4.e\" = { sampled = 12, nonconforming = 5, record = \"抽查12次需求变更，5次文档未经批准\" }";
        gold_with(dir.path(), &[(from, &to)])
    };
    let below = sampled(4);
    let output = bscore(&["validate", "--rules", &rules, below.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let said = stderr(&output);
    assert!(
        said.contains("a sample of 4 is smaller than the 5"),
        "{said}"
    );
    assert!(
        said.contains("help: sample at least 5 (需求变更记录) for 4.4.e"),
        "{said}"
    );
    let at = sampled(5);
    let output = bscore(&["validate", "--rules", &rules, at.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn an_exclusion_the_rules_forbid_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let audit = gold_with(
        dir.path(),
        &[(
            "\"6.1.b\" = 0",
            "\"6.1.b\" = { excluded = \"服务不面向境内\" }",
        )],
    );
    let output = bscore(&[
        "validate",
        "--rules",
        &example_rules(),
        audit.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let said = stderr(&output);
    assert!(
        said.contains("indicators.\"6.1.b\".excluded: the scoring rules"),
        "{said}"
    );
    assert!(said.contains("do not allow 6.1.b to be excluded"), "{said}");
    assert!(
        said.contains("help: assess it: 6.1.b may take 0 ("),
        "{said}"
    );
}

#[test]
fn a_coefficient_where_the_rules_ask_for_a_sample_is_refused() {
    // The example's 4.4.e with its levels taken out: a sample only.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(example_rules()).unwrap();
    let start = text.find("[indicators.\"4.4.e\"]").unwrap();
    let levels = start + text[start..].find("levels = [").unwrap();
    let end = levels + text[levels..].find("]\n").unwrap() + 2;
    let rules = dir.path().join("rules.toml");
    std::fs::write(&rules, format!("{}{}", &text[..levels], &text[end..])).unwrap();
    let rules = rules.to_str().unwrap();
    let startup = example("compliant-baas-startup.toml");
    let output = bscore(&["validate", "--rules", rules, &startup]);
    assert_eq!(output.status.code(), Some(2));
    let said = stderr(&output);
    assert!(said.contains("require a sample for 4.4.e"), "{said}");
    // Gold samples 12 items: it passes.
    let gold = example("gold-supply-chain-finance.toml");
    assert_eq!(
        bscore(&["validate", "--rules", rules, &gold]).status.code(),
        Some(0)
    );
}

#[test]
fn every_breach_is_reported_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let audit = gold_with(
        dir.path(),
        &[
            ("coefficient = 0.5, record", "coefficient = 0.37, record"),
            (
                "\"6.1.b\" = 0",
                "\"6.1.b\" = { excluded = \"服务不面向境内\" }",
            ),
        ],
    );
    let output = bscore(&[
        "validate",
        "--rules",
        &example_rules(),
        audit.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("2 errors"), "{}", stderr(&output));
}

#[test]
fn a_form_that_breaks_the_rules_is_refused_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let audit = gold_with(
        dir.path(),
        &[("coefficient = 0.5, record", "coefficient = 0.37, record")],
    );
    let form = dir.path().join("form.xlsx");
    let written = bscore(&[
        "convert",
        audit.to_str().unwrap(),
        "-o",
        form.to_str().unwrap(),
    ]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    let output = bscore(&[
        "validate",
        "--rules",
        &example_rules(),
        form.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let said = stderr(&output);
    assert!(said.contains("!D"), "a sheet!cell: {said}");
    assert!(said.contains("coefficient 0.37 is not a level"), "{said}");
    assert!(said.contains("4.2.c may take 0 ("), "{said}");
}

#[test]
fn verify_needs_the_same_rules() {
    let rules = example_rules();
    let dir = tempfile::tempdir().unwrap();
    let audit = example("gold-supply-chain-finance.toml");
    let ruled = dir.path().join("ruled.json");
    let plain = dir.path().join("plain.json");
    let (ruled, plain) = (ruled.to_str().unwrap(), plain.to_str().unwrap());
    let write = |out: &str, extra: &[&str]| {
        let mut args = vec!["evaluate", &audit, "-o", out];
        args.extend_from_slice(extra);
        assert_eq!(bscore(&args).status.code(), Some(0));
    };
    write(ruled, &["--rules", &rules]);
    write(plain, &[]);
    let verified = bscore(&["verify", ruled, &audit, "--rules", &rules]);
    assert_eq!(verified.status.code(), Some(0), "{}", stdout(&verified));
    let without = bscore(&["verify", ruled, &audit]);
    assert_eq!(without.status.code(), Some(1));
    // Named by title and version, not by a digest alone.
    let named = "\"示例认证有限公司 区块链服务认证评分细则\" 2026.1 (SHA-256 ";
    assert!(stdout(&without).contains(named), "{}", stdout(&without));
    assert!(stdout(&verified).contains(named), "{}", stdout(&verified));
    assert!(
        stdout(&without).contains("name them with --rules"),
        "{}",
        stdout(&without)
    );
    let unasked = bscore(&["verify", plain, &audit, "--rules", &rules]);
    assert_eq!(unasked.status.code(), Some(1));
    assert!(
        stdout(&unasked).contains("leave out --rules"),
        "{}",
        stdout(&unasked)
    );
}

#[test]
fn the_starter_names_every_indicator_and_checks_clean_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["zh", "en"] {
        let starter = dir.path().join(format!("rules-{lang}.toml"));
        let starter = starter.to_str().unwrap();
        let init = bscore(&["--lang", lang, "rules", "init", "-o", starter]);
        assert_eq!(init.status.code(), Some(0), "{}", stderr(&init));
        let text = std::fs::read_to_string(starter).unwrap();
        let checklist = bscore::Checklist::builtin();
        for indicator in &checklist.indicators {
            let table = format!("[indicators.\"{}\"]", indicator.id);
            assert!(text.contains(&table), "{lang}: {table}");
        }
        // Refused until its placeholder title is replaced, as a
        // template's "?" is: a starter never checks an audit by accident.
        let check = bscore(&["--lang", lang, "rules", "check", starter]);
        assert_eq!(check.status.code(), Some(2), "{}", stderr(&check));
        assert!(stderr(&check).contains("rules.title"), "{}", stderr(&check));
        let gold = example("gold-supply-chain-finance.toml");
        let used = bscore(&["--lang", lang, "evaluate", &gold, "--rules", starter]);
        assert_eq!(used.status.code(), Some(2), "{}", stderr(&used));
        let start = text.find("\ntitle = ").unwrap() + 1;
        let end = start + text[start..].find('\n').unwrap();
        let titled = format!(
            "{}title = \"示例认证有限公司 评分细则\"{}",
            &text[..start],
            &text[end..]
        );
        std::fs::write(starter, titled).unwrap();
        let check = bscore(&["--lang", lang, "rules", "check", starter]);
        assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    }
}

#[test]
fn rules_check_passes_the_example_and_refuses_a_broken_file_with_its_place() {
    let check = bscore(&["rules", "check", &example_rules()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        stdout(&check).contains("rules for 86 of 86 indicators"),
        "{}",
        stdout(&check)
    );
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.toml");
    std::fs::write(
        &broken,
        "[rules]\ntitle = \"T\"\nversion = \"1\"\n\n[indicators.\"4.2.c\"]\nlevels = [0.5, 1]\n",
    )
    .unwrap();
    let output = bscore(&["rules", "check", broken.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains(":6:"), "{}", stderr(&output));
}

#[test]
fn rules_show_prints_the_example_as_a_document() {
    let output = bscore(&["rules", "show", &example_rules(), "--format", "markdown"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("示例认证有限公司 区块链服务认证评分细则"));
    assert!(text.contains("缺少其中一至两项"));
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("rules.html");
    let written = bscore(&[
        "rules",
        "show",
        &example_rules(),
        "-o",
        page.to_str().unwrap(),
    ]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
}

#[test]
fn every_report_shows_the_condition_of_the_level_chosen_beside_the_lost_point() {
    let rules = example_rules();
    let gold = example("gold-supply-chain-finance.toml");
    // Gold gives 4.2.c 0.5: the example 细则 says when.
    let condition = "缺少其中一至两项";
    for format in ["table", "markdown", "csv", "html"] {
        let wide = ["--format", format, "--width", "250"];
        let output = bscore(&[&["evaluate", &gold, "--rules", &rules][..], &wide].concat());
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}",
            stderr(&output)
        );
        let text = stdout(&output);
        assert!(text.contains(condition), "{format}");
        assert!(text.contains("Rule condition"), "{format}");
        // The header names the 细则 (a CSV is rows only, each its file's).
        let named = text.contains("示例认证有限公司 区块链服务认证评分细则 2026.1");
        assert_eq!(named, format != "csv", "{format}");
        // Without --rules, no condition.
        let plain = stdout(&bscore(&[&["evaluate", &gold][..], &wide].concat()));
        assert!(!plain.contains(condition), "{format}");
    }
    // A full mark needs no explaining: 4.1.a (coefficient 0) shows none.
    let json = json_of(&gold, &["--rules", &rules]);
    let first = &json["indicators"][0];
    assert_eq!(first["id"], "4.1.a");
    assert!(first.get("rule").is_none());
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("report.xlsx");
    let written = bscore(&[
        "evaluate",
        &gold,
        "--rules",
        &rules,
        "-o",
        workbook.to_str().unwrap(),
    ]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&workbook).unwrap();
    let mut cells = String::new();
    for name in calamine::Reader::sheet_names(&book) {
        let range = calamine::Reader::worksheet_range(&mut book, &name).unwrap();
        for row in range.rows() {
            for cell in row {
                cells.push_str(&cell.to_string());
                cells.push('\n');
            }
        }
    }
    assert!(
        cells.contains(&format!("Rule condition: {condition}")),
        "xlsx"
    );
}

#[test]
fn gap_names_what_each_fix_must_achieve_by_the_rules() {
    let rules = example_rules();
    let gold = example("gold-supply-chain-finance.toml");
    let output = bscore(&["gap", &gold, "--rules", &rules, "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    // Gold's cheapest fix to platinum is 4.4.e; the example 细则's 0 level.
    let fix = &json["fix_details"][0];
    assert_eq!(fix["id"], "4.4.e");
    assert_eq!(json["rules"]["version"], "2026.1");
    assert_eq!(
        fix["target"],
        "抽查的变更所涉文档均已修改并批准，相关人员理解变更后的要求"
    );
    let table = stdout(&bscore(&[
        "gap", &gold, "--rules", &rules, "--width", "200",
    ]));
    assert!(table.contains("Target (scoring rules)"), "{table}");
    assert!(
        table.contains("示例认证有限公司 区块链服务认证评分细则 2026.1"),
        "{table}"
    );
    assert!(
        table.contains("抽查的变更所涉文档均已修改并批准"),
        "{table}"
    );
    let plain = stdout(&bscore(&["gap", &gold, "--width", "200"]));
    assert!(!plain.contains("Target (scoring rules)"));
}

#[test]
fn an_invalid_rules_file_is_told_with_the_audits_own_problems() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.toml");
    std::fs::write(
        &rules,
        "[rules]\ntitle = \"T\"\nversion = \"1\"\n[indicators.\"4.2.c\"]\nlevels = [0.5, 1]\n",
    )
    .unwrap();
    let audit = gold_with(dir.path(), &[("\"6.1.b\" = 0", "\"6.1.b\" = 1.5")]);
    let output = bscore(&[
        "validate",
        "--rules",
        rules.to_str().unwrap(),
        audit.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let said = stderr(&output);
    assert!(said.contains("levels do not list 0"), "the 细则's: {said}");
    assert!(
        said.contains("must be from 0 to 1, found 1.5"),
        "the audit's: {said}"
    );
}

#[test]
fn the_rules_warnings_are_said_when_an_audit_is_checked_against_them() {
    // Levels on 7.1.a-1, worth no points: a warning, not an error.
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.toml");
    let head = "[rules]\ntitle = \"T\"\nversion = \"1\"\n";
    std::fs::write(
        &rules,
        format!("{head}[indicators.\"7.1.a-1\"]\nlevels = [0, 1]\n"),
    )
    .unwrap();
    let gold = example("gold-supply-chain-finance.toml");
    let output = bscore(&["evaluate", &gold, "--rules", rules.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let said = stderr(&output);
    assert!(
        said.contains("warning: indicators.\"7.1.a-1\".levels"),
        "{said}"
    );
}

#[test]
fn a_coefficient_close_to_a_level_is_shown_as_given() {
    let dir = tempfile::tempdir().unwrap();
    let audit = gold_with(
        dir.path(),
        &[(
            "coefficient = 0.5, record",
            "coefficient = 0.5000001, record",
        )],
    );
    let output = bscore(&[
        "validate",
        "--rules",
        &example_rules(),
        audit.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("coefficient 0.5000001 is not a level"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_slip_in_a_level_written_on_its_own_line_is_named_and_corrected() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(example_rules()).unwrap();
    let slipped = text.replacen(
        "{ coefficient = 0.5, when = \"缺少其中一至两项\" }",
        "{ coefficient = 0。5, when = \"缺少其中一至两项\" }",
        1,
    );
    assert_ne!(slipped, text);
    let rules = dir.path().join("rules.toml");
    std::fs::write(&rules, slipped).unwrap();
    let output = bscore(&["rules", "check", rules.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let said = stderr(&output);
    assert!(said.contains("full-width characters `。`"), "{said}");
    assert!(
        said.contains("help: write { coefficient = 0.5, when = \"缺少其中一至两项\" },"),
        "{said}"
    );
    assert!(said.contains("1 error"), "one slip, one error: {said}");
}

#[test]
fn compare_names_each_sides_rules_and_says_when_they_differ() {
    let dir = tempfile::tempdir().unwrap();
    let rules = example_rules();
    let text = std::fs::read_to_string(&rules).unwrap();
    let earlier = dir.path().join("2025.toml");
    std::fs::write(
        &earlier,
        text.replace("version = \"2026.1\"", "version = \"2025.1\""),
    )
    .unwrap();
    let (old, new) = (
        example("surveillance/2025-initial.toml"),
        example("surveillance/2026-surveillance.toml"),
    );
    let args = ["compare", &old, &new, "--rules", &rules, "--width", "250"];
    let same = stdout(&bscore(&args));
    assert!(
        same.contains("示例认证有限公司 区块链服务认证评分细则 2026.1"),
        "{same}"
    );
    assert!(!same.contains("different rules"), "{same}");
    let mut differing = args.to_vec();
    differing.extend(["--old-rules", earlier.to_str().unwrap()]);
    let output = bscore(&differing);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("评分细则 2025.1"), "{text}");
    assert!(
        text.contains("different rules: a changed coefficient may come from the rules"),
        "{text}"
    );
    let mut json = differing.clone();
    json.extend(["--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&bscore(&json).stdout).unwrap();
    assert_eq!(value["same_rules"], false);
}

#[test]
fn validate_says_which_rules_the_audit_passed() {
    let gold = example("gold-supply-chain-finance.toml");
    let output = bscore(&["validate", &gold, "--rules", &example_rules()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains(
            "as the scoring rules \"示例认证有限公司 区块链服务认证评分细则\" 2026.1 allow"
        ),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_condition_holding_a_line_break_stays_on_its_help_line() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.toml");
    let forged = "ok\nerror: forged --> x.toml:1:1";
    let text = format!(
        "[rules]\ntitle = \"T\"\nversion = \"1\"\n[indicators.\"4.2.c\"]\nlevels = [{{ coefficient = 0, when = \"\"\"{forged}\"\"\" }}, 1]\n"
    );
    std::fs::write(&rules, text).unwrap();
    let audit = gold_with(
        dir.path(),
        &[("coefficient = 0.5, record", "coefficient = 0.3, record")],
    );
    let output = bscore(&[
        "validate",
        "--rules",
        rules.to_str().unwrap(),
        audit.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let said = stderr(&output);
    assert!(
        said.contains("help: 4.2.c may take 0 (ok ⏎ error: forged --> x.toml:1:1), 1"),
        "{said}"
    );
    assert!(
        !said.lines().any(|line| line.starts_with("error: forged")),
        "{said}"
    );
}
