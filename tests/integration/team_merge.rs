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
        let (code, out, _) = run_in(
            dir.path(),
            lang,
            &["merge", "wang.toml", "zhao.toml", "-o", "audit.toml"],
        );
        assert_eq!(code, Some(1), "{out}");
        assert!(!merged_path(dir.path()).exists(), "nothing is written");
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
    let (code, out, _) = run_in(
        dir.path(),
        "zh",
        &["merge", "wang.toml", "zhao.toml", "-o", "audit.toml"],
    );
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
