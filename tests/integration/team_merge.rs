//! `bscore merge` end to end on the team example (examples/team): the
//! parts, their one disagreement listed with both sides, settled by the
//! resolutions file on record; the figures worked by hand.
//!
//! The example: 王五 assessed categories 4 and 7 and 6.2.d, and re-checked
//! three of 赵六's indicators (5.1 both 0; 5.3 both 0.5; 5.4 王五 0.5,
//! 赵六 0). Shared: 3, agreed: 2 (66.66 %, 2/3 cut). Kappa over the three
//! (conform/partial/nonconform): pairs (C,C), (P,P), (P,C); p_o = 2/3;
//! 王五 C1 P2, 赵六 C2 P1, p_e = (1·2 + 2·1)/9 = 4/9; kappa = (2/9)/(5/9)
//! = 2/5 = 0.40. Settled: 5.4 takes 赵六's 0. Points lost: 4.3.b 0.5 × 1,
//! 4.4.e 1/4 × 1 (one of four items), 7.2.a 0.5 × 2, 5.3 0.5 × 2 = 2.75:
//! score 97.25, with 赵六's bonus 98.25, 五星级.

use crate::common::{bscore_command, example};
use std::path::{Path, PathBuf};

/// The team example copied to a folder of its own.
fn team_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["wang.toml", "zhao.toml", "resolutions.toml"] {
        std::fs::copy(example(&format!("team/{name}")), dir.path().join(name)).unwrap();
    }
    dir
}

/// `bscore --lang LANG ARGS` run in `dir`: exit code, stdout, stderr.
fn run_in(dir: &Path, lang: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let output = bscore_command()
        .current_dir(dir)
        .args(["--lang", lang])
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn merged_path(dir: &Path) -> PathBuf {
    dir.join("audit.toml")
}

#[test]
fn the_disagreement_is_listed_with_both_sides_and_nothing_is_written() {
    let dir = team_dir();
    for lang in ["zh", "en"] {
        let (code, skeleton, out) = run_in(
            dir.path(),
            lang,
            &["merge", "wang.toml", "zhao.toml", "-o", "audit.toml"],
        );
        assert_eq!(code, Some(1), "{out}");
        assert!(!merged_path(dir.path()).exists(), "nothing is written");
        // The disagreements on standard error; standard output holds the
        // resolutions file alone, to save and fill in.
        assert!(
            skeleton.starts_with("# ") && skeleton.contains("[resolve.\"5.4\"]\ntake = \"\""),
            "{skeleton}"
        );
        assert!(
            !skeleton.contains("5.4（") && !skeleton.contains("5.4 ("),
            "{skeleton}"
        );
        let out = format!("{out}{skeleton}");
        let expected: &[&str] = match lang {
            "zh" => &[
                "无法合并：1 处分歧未解决",
                "分歧 1：5.4（",
                "王五：扣分系数 0.5　记录：抽看两份部署记录，一份缺审批",
                "赵六：扣分系数 0　记录：全部 12 份部署记录均经审批",
                "[resolve.\"5.4\"]",
            ],
            _ => &[
                "cannot merge: 1 disagreement(s) unsettled",
                "disagreement 1: 5.4 (",
                "王五: coefficient 0.5; record: 抽看两份部署记录，一份缺审批",
                "赵六: coefficient 0; record: 全部 12 份部署记录均经审批",
                "[resolve.\"5.4\"]",
            ],
        };
        for line in expected {
            assert!(out.contains(line), "{line}\n{out}");
        }
    }
}

#[test]
fn the_resolution_settles_it_on_record_and_the_merged_audit_scores() {
    let dir = team_dir();
    let args = [
        "merge",
        "wang.toml",
        "zhao.toml",
        "--resolutions",
        "resolutions.toml",
        "-o",
        "audit.toml",
    ];
    let (code, out, err) = run_in(dir.path(), "zh", &args);
    assert_eq!(code, Some(0), "{out}{err}");
    for line in [
        "已合并 2 个分工部分（王五 59 个指标，赵六 30 个指标）",
        "两人以上共同评价的指标 3 个，一致 2 个（66.66%）；不一致：5.4",
        "Cohen's kappa（王五、赵六，3 个指标，按符合 / 部分符合 / 不符合）= 0.40（观察一致率 0.66，随机一致率 0.44）",
        "已解决：5.4（",
        "采纳 赵六 的评价",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
    let merged = std::fs::read_to_string(merged_path(dir.path())).unwrap();
    let line = |id: &str| {
        (merged.lines())
            .find(|line| line.starts_with(&format!("\"{id}\" = ")))
            .unwrap_or_else(|| panic!("{id}"))
            .to_string()
    };
    assert!(line("4.1.a").contains("by = \"王五\""), "{}", line("4.1.a"));
    assert!(line("5.2.a").contains("by = \"赵六\""));
    assert!(line("5.1").contains("by = [\"王五\", \"赵六\"]"));
    let settled = line("5.4");
    assert!(settled.contains("coefficient = 0,"), "{settled}");
    assert!(
        settled.contains("resolved = { take = \"赵六\", why = \"赵六复核了全部 12 份部署记录"),
        "{settled}"
    );
    assert!(merged.contains("assessors = [\"王五\", \"赵六\"]"));
    assert!(
        !merged.contains("part = \"王五\"\n\n[[sites]]"),
        "the merged audit is no part"
    );
    for name in ["wang.toml", "zhao.toml", "resolutions.toml"] {
        let digest = bscore::sha256(&std::fs::read_to_string(dir.path().join(name)).unwrap());
        assert!(
            merged.contains(&format!("file = \"{name}\"\nsha256 = \"{digest}\"")),
            "{name}"
        );
    }
    let (code, out, err) = run_in(
        dir.path(),
        "zh",
        &[
            "evaluate",
            "audit.toml",
            "--format",
            "json",
            "-o",
            "result.json",
        ],
    );
    assert_eq!(code, Some(0), "{out}{err}");
    let result: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("result.json")).unwrap())
            .unwrap();
    assert_eq!(result["normalized_score_exact"], "389/4", "97.25");
    assert_eq!(result["score_exact"], "393/4", "98.25, with the bonus");
    assert_eq!(result["grade"], "platinum");
    let (code, out, err) = run_in(dir.path(), "zh", &["verify", "result.json", "audit.toml"]);
    assert_eq!(code, Some(0), "{out}{err}");
}

#[test]
fn a_part_is_checked_as_a_part_and_refused_by_evaluate() {
    let dir = team_dir();
    let (code, out, _) = run_in(dir.path(), "zh", &["validate", "zhao.toml"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("“赵六”的分工部分，30 个指标"), "{out}");
    for (lang, expected) in [
        ("zh", "audit.part：这是团队评价中“赵六”的分工部分"),
        ("en", "audit.part: this is 赵六's part of a team evaluation"),
    ] {
        let (code, _, err) = run_in(dir.path(), lang, &["evaluate", "zhao.toml"]);
        assert_eq!(code, Some(2));
        assert!(err.contains(expected), "{err}");
        assert!(err.contains("zhao.toml:9:8"), "at the part's value: {err}");
        assert!(err.contains("bscore merge"), "{err}");
    }
}

#[test]
fn a_file_that_is_no_part_and_two_parts_of_one_member_are_input_errors() {
    let dir = team_dir();
    std::fs::copy(
        example("gold-supply-chain-finance.toml"),
        dir.path().join("whole.toml"),
    )
    .unwrap();
    let (code, _, err) = run_in(dir.path(), "zh", &["merge", "wang.toml", "whole.toml"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("whole.toml") && err.contains("这不是分工部分"),
        "{err}"
    );
    std::fs::copy(dir.path().join("wang.toml"), dir.path().join("wang2.toml")).unwrap();
    let (code, _, err) = run_in(dir.path(), "en", &["merge", "wang.toml", "wang2.toml"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("wang.toml is also 王五's part"), "{err}");
}

#[test]
fn a_resolution_must_give_its_reason_name_a_side_and_settle_something() {
    let dir = team_dir();
    let write = |text: &str| std::fs::write(dir.path().join("bad.toml"), text).unwrap();
    let merge = |lang: &str| {
        run_in(
            dir.path(),
            lang,
            &[
                "merge",
                "wang.toml",
                "zhao.toml",
                "--resolutions",
                "bad.toml",
                "-o",
                "audit.toml",
            ],
        )
    };
    write("[resolve.\"5.4\"]\ntake = \"赵六\"\n");
    let (code, _, err) = merge("zh");
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("缺少 why") && err.contains("bad.toml:1:10"),
        "{err}"
    );
    write("[resolve.\"5.4\"]\ntake = \"张三\"\nwhy = \"x\"\n");
    let (code, _, err) = merge("en");
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("张三 is not a side of this disagreement: take one of 王五, 赵六"),
        "{err}"
    );
    write(
        "[resolve.\"5.4\"]\ntake = \"赵六\"\nwhy = \"x\"\n\n[resolve.\"4.1.a\"]\nvalue = 0.5\nwhy = \"y\"\n",
    );
    let (code, _, err) = merge("zh");
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("“4.1.a”没有分歧") && err.contains("bad.toml:5:10"),
        "{err}"
    );
    assert!(!merged_path(dir.path()).exists());
}

#[test]
fn a_header_field_and_an_item_judged_two_ways_are_disagreements() {
    let dir = team_dir();
    let zhao = std::fs::read_to_string(dir.path().join("zhao.toml")).unwrap();
    let zhao = zhao.replacen("date = 2026-05-18", "date = 2026-05-19", 1);
    std::fs::write(dir.path().join("zhao.toml"), zhao).unwrap();
    let wang = std::fs::read_to_string(dir.path().join("wang.toml")).unwrap();
    let extra =
        "\"5.2.a\" = { samples = [{ item = \"N-1\", conforms = false, record = \"缺\" }] }\n";
    std::fs::write(dir.path().join("wang.toml"), format!("{wang}{extra}")).unwrap();
    let zhao = std::fs::read_to_string(dir.path().join("zhao.toml")).unwrap();
    let zhao = zhao.replacen("\"5.2.a\" = 0", "\"5.2.a\" = { samples = [{ item = \"N-1\", conforms = true }, { item = \"N-2\", conforms = true }] }", 1);
    std::fs::write(dir.path().join("zhao.toml"), zhao).unwrap();
    let (code, out_only, err_only) = run_in(
        dir.path(),
        "zh",
        &["merge", "wang.toml", "zhao.toml", "-o", "audit.toml"],
    );
    // The disagreements (standard error) and the resolutions to fill in
    // (standard output), read together.
    let out = format!("{err_only}{out_only}");
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("3 处分歧未解决"), "{out}");
    assert!(
        out.contains("[audit] date（评价日期）")
            && out.contains("王五：2026-05-18")
            && out.contains("赵六：2026-05-19"),
        "{out}"
    );
    assert!(out.contains("5.2.a（") && out.contains("样本 N-1"), "{out}");
    assert!(
        out.contains("王五：N-1 不符合　记录：缺") && out.contains("赵六：N-1 符合"),
        "{out}"
    );
    let resolutions = "[resolve.\"audit.date\"]\ntake = \"王五\"\nwhy = \"首日\"\n\n[resolve.\"5.2.a\"]\ntake = \"王五\"\nwhy = \"复查\"\n\n[resolve.\"5.4\"]\nvalue = 0.25\nwhy = \"商定\"\n";
    std::fs::write(dir.path().join("r.toml"), resolutions).unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        "zh",
        &[
            "merge",
            "wang.toml",
            "zhao.toml",
            "--resolutions",
            "r.toml",
            "-o",
            "audit.toml",
        ],
    );
    assert_eq!(code, Some(0), "{out}{err}");
    let merged = std::fs::read_to_string(merged_path(dir.path())).unwrap();
    assert!(merged.contains("date = 2026-05-18"));
    // N-1 as 王五 judged it, N-2 pooled from 赵六: 1 of 2 does not conform.
    let line = merged.lines().find(|l| l.starts_with("\"5.2.a\"")).unwrap();
    assert!(line.contains("{ item = \"N-1\", conforms = false, record = \"缺\" }, { item = \"N-2\", conforms = true }"), "{line}");
    let line = merged.lines().find(|l| l.starts_with("\"5.4\"")).unwrap();
    assert!(
        line.contains("coefficient = 0.25")
            && line.contains("resolved = { value = 0.25, why = \"商定\" }"),
        "{line}"
    );
}

#[test]
fn a_form_part_merges_with_a_toml_part() {
    let dir = team_dir();
    let (code, _, err) = run_in(
        dir.path(),
        "zh",
        &["convert", "wang.toml", "-o", "wang.xlsx"],
    );
    assert_eq!(code, Some(0), "{err}");
    let args = [
        "merge",
        "wang.xlsx",
        "zhao.toml",
        "--resolutions",
        "resolutions.toml",
        "-o",
        "audit.toml",
    ];
    let (code, out, err) = run_in(dir.path(), "zh", &args);
    assert_eq!(code, Some(0), "{out}{err}");
    // The form holds the part's rows alone: the same 59 indicators, the
    // same agreement as the TOML part's (a row for every indicator made
    // the 27 left to 赵六 read as 王五's conforming ones).
    assert!(
        out.contains("王五 59 个指标") && out.contains("一致 2 个（66.66%）"),
        "{out}"
    );
    let (_, out, _) = run_in(dir.path(), "zh", &["validate", "wang.xlsx"]);
    assert!(out.contains("“王五”的分工部分，59 个指标"), "{out}");
    let (code, out, err) = run_in(
        dir.path(),
        "zh",
        &["evaluate", "audit.toml", "--format", "json"],
    );
    assert_eq!(code, Some(0), "{err}");
    let result: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        result["score_exact"], "393/4",
        "98.25, as from the TOML part"
    );
}

#[test]
fn with_the_plan_a_re_check_off_the_plan_is_reported_and_a_stranger_refused() {
    let dir = team_dir();
    std::fs::copy(example("team/plan.toml"), dir.path().join("plan.toml")).unwrap();
    let args = [
        "merge",
        "wang.toml",
        "zhao.toml",
        "--plan",
        "plan.toml",
        "--resolutions",
        "resolutions.toml",
        "-o",
        "audit.toml",
    ];
    let (code, out, err) = run_in(dir.path(), "en", &args);
    assert_eq!(code, Some(0), "{out}{err}");
    for id in ["5.1", "5.3", "5.4"] {
        let line =
            format!("re-checked off the plan: {id} is assigned to 赵六, and 王五 assessed it too");
        assert!(out.contains(&line), "{line}\n{out}");
    }
    let zhao = std::fs::read_to_string(dir.path().join("zhao.toml")).unwrap();
    std::fs::write(
        dir.path().join("zhao.toml"),
        zhao.replacen("part = \"赵六\"", "part = \"赵大\"", 1),
    )
    .unwrap();
    std::fs::remove_file(dir.path().join("audit.toml")).unwrap();
    let (code, _, err) = run_in(dir.path(), "zh", &args);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("zhao.toml:9:8") && err.contains("“赵大”不在评价计划的评价组中"),
        "{err}"
    );
}

#[test]
fn with_the_plan_an_indicator_no_one_assessed_is_named_with_its_assignee() {
    let dir = team_dir();
    std::fs::copy(example("team/plan.toml"), dir.path().join("plan.toml")).unwrap();
    let zhao = std::fs::read_to_string(dir.path().join("zhao.toml")).unwrap();
    let zhao: String = zhao
        .lines()
        .filter(|line| !line.starts_with("\"6.1.a\""))
        .map(|line| format!("{line}\n"))
        .collect();
    std::fs::write(dir.path().join("zhao.toml"), zhao).unwrap();
    let args = [
        "merge",
        "wang.toml",
        "zhao.toml",
        "--plan",
        "plan.toml",
        "--resolutions",
        "resolutions.toml",
    ];
    let (code, _, err) = run_in(dir.path(), "zh", &args);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("无人评价：6.1.a（计划分配给 赵六）"), "{err}");
}

/// The whole way: the plan, each member's part written by `template
/// --plan`, filled in (every indicator conforming), merged and scored.
#[test]
fn the_plan_gives_the_parts_that_merge_into_the_whole_audit() {
    let dir = team_dir();
    std::fs::copy(example("team/plan.toml"), dir.path().join("plan.toml")).unwrap();
    for (member, file) in [("王五", "p-wang.toml"), ("赵六", "p-zhao.toml")] {
        let args = [
            "template",
            "--plan",
            "plan.toml",
            "--assessor",
            member,
            "-o",
            file,
        ];
        let (code, _, err) = run_in(dir.path(), "zh", &args);
        assert_eq!(code, Some(0), "{err}");
        let part = std::fs::read_to_string(dir.path().join(file)).unwrap();
        std::fs::write(dir.path().join(file), part.replace("= \"?\"", "= 0")).unwrap();
    }
    let args = [
        "merge",
        "p-wang.toml",
        "p-zhao.toml",
        "--plan",
        "plan.toml",
        "-o",
        "whole.toml",
    ];
    let (code, out, err) = run_in(dir.path(), "zh", &args);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        out.contains("已合并 2 个分工部分（王五 56 个指标，赵六 30 个指标）"),
        "{out}"
    );
    assert!(out.contains("没有两人以上共同评价的指标"), "{out}");
    assert!(
        !out.contains("偏离计划") && !out.contains("计划外复核"),
        "{out}"
    );
    let (code, out, err) = run_in(
        dir.path(),
        "zh",
        &["evaluate", "whole.toml", "--format", "json"],
    );
    assert_eq!(code, Some(0), "{err}");
    let result: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(result["score_exact"], "100");
}

/// The team example with `wang` and `zhao` lines appended (or a line of
/// zhao's replaced), and resolutions: merged in `lang`, with its code,
/// standard output and error, and the merged text if written.
fn merged_with(
    dir: &Path,
    wang: &str,
    zhao: (&str, &str),
    resolutions: &str,
) -> (Option<i32>, String, String, Option<String>) {
    let append = |file: &str, text: &str| {
        let mut old = std::fs::read_to_string(dir.join(file)).unwrap();
        old.push_str(text);
        std::fs::write(dir.join(file), old).unwrap();
    };
    append("wang.toml", wang);
    let old = std::fs::read_to_string(dir.join("zhao.toml")).unwrap();
    if !zhao.0.is_empty() {
        assert!(old.contains(zhao.0), "{}", zhao.0);
    }
    std::fs::write(dir.join("zhao.toml"), old.replacen(zhao.0, zhao.1, 1)).unwrap();
    let base = std::fs::read_to_string(dir.join("resolutions.toml")).unwrap();
    std::fs::write(dir.join("r.toml"), format!("{base}\n{resolutions}")).unwrap();
    let _ = std::fs::remove_file(dir.join("audit.toml"));
    let args = [
        "merge",
        "wang.toml",
        "zhao.toml",
        "--resolutions",
        "r.toml",
        "-o",
        "audit.toml",
    ];
    let (code, out, err) = run_in(dir, "zh", &args);
    let merged = std::fs::read_to_string(dir.join("audit.toml")).ok();
    (code, out, err, merged)
}

fn line_of<'a>(merged: &'a str, id: &str) -> &'a str {
    let start = format!("\"{id}\" = ");
    merged
        .lines()
        .find(|line| line.starts_with(&start))
        .unwrap_or_else(|| panic!("{id}"))
}

#[test]
fn taking_a_member_on_another_population_takes_their_sample_whole() {
    let dir = team_dir();
    let wang = "\"6.1.a\" = { samples = [{ item = \"X1\", conforms = true }, { item = \"X2\", conforms = false }], population = 40 }\n";
    let zhao = (
        "\"6.1.a\" = 0",
        "\"6.1.a\" = { samples = [{ item = \"X3\", conforms = false }, { item = \"X4\", conforms = false }], population = 36 }",
    );
    let (code, out_only, err_only, merged) = merged_with(dir.path(), wang, zhao, "");
    let out = format!("{err_only}{out_only}");
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("样本 2 个，不符合 1 个，总体 40") && out.contains("总体 36"),
        "{out}"
    );
    // No value is offered for items: only a member can settle them.
    let skeleton = &out[out.find("[resolve.\"6.1.a\"]").unwrap()..];
    assert!(
        !skeleton.lines().nth(1).unwrap().contains("value"),
        "{skeleton}"
    );
    assert!(merged.is_none());
    let settle = "[resolve.\"6.1.a\"]\ntake = \"王五\"\nwhy = \"总体以台账为准\"\n";
    let (code, out, err, merged) = merged_with(&team_dir_with(dir), "", ("", ""), settle);
    assert_eq!(code, Some(0), "{out}{err}");
    let line = line_of(merged.as_deref().unwrap(), "6.1.a").to_string();
    assert!(
        line.contains("X1") && line.contains("X2") && !line.contains("X3"),
        "{line}"
    );
    assert!(line.contains("population = 40"), "{line}");
}

/// The folder as it is (the parts already edited).
fn team_dir_with(dir: tempfile::TempDir) -> PathBuf {
    dir.keep()
}

#[test]
fn agreeing_rejected_exclusions_keep_each_members_claim_and_rejection() {
    let dir = team_dir();
    let wang = "\"6.1.a\" = { excluded = \"不涉及个人信息\", rejected = \"有注册信息\", coefficient = 1 }\n";
    let zhao = (
        "\"6.1.a\" = 0",
        "\"6.1.a\" = { excluded = \"无个人信息\", rejected = \"收集了手机号\", coefficient = 1 }",
    );
    let (code, out, err, merged) = merged_with(dir.path(), wang, zhao, "");
    assert_eq!(code, Some(0), "{out}{err}");
    let merged = merged.unwrap();
    let line = line_of(&merged, "6.1.a");
    assert!(
        line.contains("excluded = \"王五：不涉及个人信息\\n赵六：无个人信息\""),
        "{line}"
    );
    assert!(
        line.contains("rejected = \"王五：有注册信息\\n赵六：收集了手机号\""),
        "{line}"
    );
}

#[test]
fn a_tiny_coefficient_is_written_exactly() {
    let dir = team_dir();
    let zhao = ("\"6.1.a\" = 0", "\"6.1.a\" = 1e-70");
    let (code, out, err, merged) = merged_with(dir.path(), "", zhao, "");
    assert_eq!(code, Some(0), "{out}{err}");
    let expected = "coefficient = 1e-70,";
    assert!(line_of(&merged.unwrap(), "6.1.a").contains(expected));
}

#[test]
fn the_rules_judge_the_merged_audit_not_each_part() {
    let dir = team_dir();
    // 4.4.e needs at least five items: 王五's four pooled with 赵六's two
    // make six, though neither part alone has five. 5.4 allows 0, 0.5, 1.
    let rules = "[rules]\ntitle = \"测试细则\"\nversion = \"1\"\nstandard = \"T/STIC130010-2022\"\n\n[defaults]\nmethods = [\"document\"]\n\n[indicators.\"4.4.e\"]\nmethods = [\"sampling\"]\nsample = { unit = \"服务请求\", minimum = 5 }\n\n[indicators.\"5.4\"]\nmethods = [\"document\"]\nlevels = [{ coefficient = 0 }, { coefficient = 0.5 }, { coefficient = 1 }]\n";
    std::fs::write(dir.path().join("rules.toml"), rules).unwrap();
    let zhao_items = "\"4.4.e\" = { samples = [{ item = \"SR-2026-040\", site = \"sh\", conforms = true }, { item = \"SR-2026-041\", site = \"sh\", conforms = true }], population = 36 }\n";
    let mut zhao = std::fs::read_to_string(dir.path().join("zhao.toml")).unwrap();
    let bonus_at = zhao.find("[bonus]").unwrap();
    zhao.insert_str(bonus_at, zhao_items);
    std::fs::write(dir.path().join("zhao.toml"), zhao).unwrap();
    let merge = |resolutions: &str| {
        let args = [
            "merge",
            "wang.toml",
            "zhao.toml",
            "--rules",
            "rules.toml",
            "--resolutions",
            resolutions,
            "-o",
            "audit.toml",
        ];
        run_in(dir.path(), "zh", &args)
    };
    let (code, out, err) = merge("resolutions.toml");
    assert_eq!(code, Some(0), "{out}{err}");
    let merged = std::fs::read_to_string(merged_path(dir.path())).unwrap();
    assert_eq!(line_of(&merged, "4.4.e").matches("item = ").count(), 6);
    // A value the 细则 does not allow is refused before anything is written.
    std::fs::remove_file(merged_path(dir.path())).unwrap();
    std::fs::write(
        dir.path().join("r.toml"),
        "[resolve.\"5.4\"]\nvalue = 0.3\nwhy = \"折中\"\n",
    )
    .unwrap();
    let (code, _, err) = merge("r.toml");
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("audit.toml（合并结果，未写出）") && err.contains("5.4"),
        "{err}"
    );
    assert!(!merged_path(dir.path()).exists());
}

#[test]
fn a_settled_unassessed_counts_and_an_id_settled_twice_is_told() {
    let dir = team_dir();
    let wang = std::fs::read_to_string(dir.path().join("wang.toml")).unwrap();
    let wang = wang.replacen(
        "part = \"王五\"",
        "part = \"王五\"\nunassessed = \"conform\"",
        1,
    );
    std::fs::write(dir.path().join("wang.toml"), wang).unwrap();
    let zhao = std::fs::read_to_string(dir.path().join("zhao.toml")).unwrap();
    let zhao: String = zhao
        .lines()
        .filter(|l| !l.starts_with("\"5.9\""))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.path().join("zhao.toml"), zhao).unwrap();
    let settle = "[resolve.\"audit.unassessed\"]\ntake = \"王五\"\nwhy = \"未列出的按符合计\"\n";
    let (code, out, err, merged) = merged_with(dir.path(), "", ("", ""), settle);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(merged.unwrap().contains("unassessed = \"conform\""));
    let twice = "[resolve.\"5.5.c\"]\ntake = \"赵六\"\nwhy = \"a\"\n\n[resolve.\"5.5.d\"]\ntake = \"王五\"\nwhy = \"b\"\n";
    let dir = team_dir();
    let zhao = ("\"5.5.d\" = 0", "\"5.5.d\" = 0.5");
    let (code, _, err, _) = merged_with(dir.path(), "\"5.5.d\" = 1\n", zhao, twice);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("“5.5.d”与“5.5.c”解决的是同一项分歧"), "{err}");
}

#[test]
fn an_unquoted_id_in_the_resolutions_is_told_to_be_quoted() {
    let dir = team_dir();
    std::fs::write(
        dir.path().join("r.toml"),
        "[resolve.5.4]\ntake = \"赵六\"\nwhy = \"x\"\n",
    )
    .unwrap();
    let args = ["merge", "wang.toml", "zhao.toml", "--resolutions", "r.toml"];
    let (code, _, err) = run_in(dir.path(), "zh", &args);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("编号 5.4 没有加英文双引号") && err.contains("[resolve.\"5.4\"]"),
        "{err}"
    );
    assert_eq!(
        err.matches("错误:").count(),
        1,
        "one problem, not three: {err}"
    );
}

#[test]
fn the_summary_on_standard_output_shows_control_characters_escaped() {
    let dir = team_dir();
    let settle = "[resolve.\"5.4\"]\ntake = \"赵六\"\nwhy = \"\\u001b[31m红\\u202e\"\n";
    std::fs::write(dir.path().join("r.toml"), settle).unwrap();
    let args = [
        "merge",
        "wang.toml",
        "zhao.toml",
        "--resolutions",
        "r.toml",
        "-o",
        "audit.toml",
    ];
    let (code, out, err) = run_in(dir.path(), "zh", &args);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202e}'),
        "{out:?}"
    );
}

#[test]
fn a_merged_audit_elsewhere_finds_its_draws_and_never_replaces_a_list() {
    let (dir, _) = (team_dir(), ());
    std::fs::create_dir(dir.path().join("pools")).unwrap();
    std::fs::copy(
        example("pools/test-cases.txt"),
        dir.path().join("pools/test-cases.txt"),
    )
    .unwrap();
    let gold = std::fs::read_to_string(example("gold-multi-site.toml")).unwrap();
    // The example's drawn indicator, its lines from its key to its draw.
    let lines: Vec<&str> = gold.lines().collect();
    let end = (lines.iter())
        .position(|l| l.contains("drawn = "))
        .expect("a drawn indicator");
    let start = (0..=end)
        .rev()
        .find(|at| lines[*at].starts_with('"'))
        .unwrap();
    let drawn_line = lines[start..=end].join("\n");
    let id = drawn_line.split('"').nth(1).unwrap().to_string();
    let sites = "[[sites]]\nid = \"bj\"\nname = \"北京运营中心\"\n\n[[sites]]\nid = \"sz\"\nname = \"深圳灾备中心\"\n";
    for file in ["wang.toml", "zhao.toml"] {
        let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
        let text: String = text
            .lines()
            .filter(|l| !l.starts_with(&format!("\"{id}\"")))
            .map(|l| format!("{l}\n"))
            .collect();
        let text = text.replacen(
            "[indicators]\n",
            &format!("{}\n[indicators]\n", sites.trim_start()),
            1,
        );
        std::fs::write(dir.path().join(file), text).unwrap();
    }
    let mut wang = std::fs::read_to_string(dir.path().join("wang.toml")).unwrap();
    wang.push_str(&format!("{drawn_line}\n"));
    std::fs::write(dir.path().join("wang.toml"), wang).unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let args = [
        "merge",
        "wang.toml",
        "zhao.toml",
        "--resolutions",
        "resolutions.toml",
        "-o",
        "out/audit.toml",
    ];
    let (code, out, err) = run_in(dir.path(), "zh", &args);
    assert_eq!(code, Some(0), "{out}{err}");
    let (code, _, err) = run_in(dir.path(), "zh", &["validate", "out/audit.toml"]);
    assert_eq!(code, Some(0), "the draw is found again from out/: {err}");
    let args = [
        "merge",
        "wang.toml",
        "zhao.toml",
        "--resolutions",
        "resolutions.toml",
        "-o",
        "pools/test-cases.txt",
        "--force",
    ];
    let before = std::fs::read(dir.path().join("pools/test-cases.txt")).unwrap();
    let (code, _, err) = run_in(dir.path(), "zh", &args);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("抽样清单"), "{err}");
    assert_eq!(
        std::fs::read(dir.path().join("pools/test-cases.txt")).unwrap(),
        before
    );
}

/// A resolutions file's problems of shape and those the merge finds of
/// it are told together, in file order, not in rounds (found by a
/// newcomer).
#[test]
fn every_problem_of_the_resolutions_is_told_at_once() {
    let dir = team_dir();
    let text = "[resolve.5.4]\ntake = \"赵六\"\nwhy = \"x\"\n\n[resolve.\"5.3\"]\ntake = \"李四\"\nwhy = \"y\"\n\n[resolve.\"4.1.a\"]\ntake = \"王五\"\n";
    std::fs::write(dir.path().join("r.toml"), text).unwrap();
    let args = ["merge", "wang.toml", "zhao.toml", "--resolutions", "r.toml"];
    let (code, _, err) = run_in(dir.path(), "zh", &args);
    assert_eq!(code, Some(2), "{err}");
    let at = |needle: &str| {
        err.find(needle)
            .unwrap_or_else(|| panic!("{needle}\n{err}"))
    };
    assert!(at("编号 5.4 没有加英文双引号") < at("“5.3”没有分歧"));
    assert!(at("“5.3”没有分歧") < at("缺少 why"));
    assert!(err.contains("共 3 处错误"), "{err}");
}
