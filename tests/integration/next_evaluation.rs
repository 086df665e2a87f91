//! `bscore next` end to end: the next evaluation's kind and date by the
//! cycle (§8.1 b), worked out by hand from the examples' dates; the
//! skeleton refused until filled and scored once filled; the last
//! nonconformities first; the form; the folder's rules; outputs kept.
//!
//! examples/surveillance/2026-surveillance.toml: a surveillance on
//! 2026-05-28 in the cycle started 2025-06-01. The next surveillance is
//! due by 2026-05-28 + 1 year = 2027-05-28; the cycle ends 2025-06-01 + 3
//! years = 2028-06-01, after it: the next is a surveillance by
//! 2027-05-28, in the same cycle (cycle_start = 2025-06-01).

use crate::common::{bscore_command, example};
use std::path::Path;

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

/// A folder holding the example `name` as `as_name`, its text changed by
/// `edit`.
fn with_example(name: &str, as_name: &str, edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(example(name)).unwrap();
    std::fs::write(dir.path().join(as_name), edit(text)).unwrap();
    dir
}

/// The skeleton of the evaluation after `file` in `dir`, in English.
fn skeleton(dir: &Path, file: &str) -> String {
    let (code, out, err) = run_in(dir, "en", &["next", file]);
    assert_eq!(code, Some(0), "{err}");
    out
}

/// The line of `[audit]` for `key`, its hint aside.
fn audit_line<'a>(skeleton: &'a str, key: &str) -> Option<&'a str> {
    (skeleton.lines())
        .find(|line| line.starts_with(&format!("{key} = ")))
        .map(|line| line.split("  #").next().unwrap_or(line).trim_end())
}

/// The indicators' ids, in the order the skeleton lists them.
fn listed_ids(skeleton: &str) -> Vec<String> {
    (skeleton.lines())
        .filter(|line| line.ends_with(" = \"?\"") && line.starts_with('"'))
        .map(|line| line.split('"').nth(1).unwrap().to_string())
        .collect()
}

const SURVEILLANCE: &str = "surveillance/2026-surveillance.toml";

#[test]
fn a_surveillance_is_followed_by_a_surveillance_in_the_same_cycle() {
    let dir = with_example(SURVEILLANCE, "last.toml", |text| text);
    let out = skeleton(dir.path(), "last.toml");
    // By hand (the module's comment): a surveillance by 2027-05-28.
    assert_eq!(audit_line(&out, "kind"), Some("kind = \"surveillance\""));
    assert_eq!(audit_line(&out, "date"), Some("date = 2027-05-28"));
    assert_eq!(
        audit_line(&out, "cycle_start"),
        Some("cycle_start = 2025-06-01")
    );
    assert!(out.contains("the latest date allowed (§8.1 b)"), "{out}");
    // The header is carried over.
    assert_eq!(
        audit_line(&out, "organization"),
        Some("organization = \"江南溯源信息技术有限公司\"")
    );
    assert_eq!(
        audit_line(&out, "service"),
        Some("service = \"农产品溯源联盟链服务\"")
    );
    assert_eq!(
        audit_line(&out, "assessors"),
        Some("assessors = [\"陈七\"]")
    );
    assert_eq!(
        audit_line(&out, "standard"),
        Some("standard = \"T/STIC130010-2022\"")
    );
}

#[test]
fn the_planned_date_is_written_and_one_too_late_is_warned_of() {
    let dir = with_example(SURVEILLANCE, "last.toml", |text| text);
    let (code, out, err) = run_in(
        dir.path(),
        "en",
        &["next", "last.toml", "--date", "2027-05-20"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(audit_line(&out, "date"), Some("date = 2027-05-20"));
    assert!(
        out.contains("the planned date; at the latest 2027-05-28"),
        "{out}"
    );
    assert!(err.is_empty(), "{err}");
    // A day after the latest date: still written, with a warning.
    let (code, out, err) = run_in(
        dir.path(),
        "en",
        &["next", "last.toml", "--date", "2027-05-29"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(audit_line(&out, "date"), Some("date = 2027-05-29"));
    assert!(
        err.contains("after the latest date allowed, 2027-05-28"),
        "{err}"
    );
    // Not after the last evaluation: refused.
    let (code, _, err) = run_in(
        dir.path(),
        "en",
        &["next", "last.toml", "--date", "2026-05-28"],
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("is not after the last evaluation's date 2026-05-28"),
        "{err}"
    );
}

#[test]
fn the_cycle_ending_first_makes_a_re_evaluation_that_starts_a_new_cycle() {
    // cycle_start 2024-03-01: the cycle ends 2024-03-01 + 3 years =
    // 2027-03-01, on or before the next surveillance's 2027-05-28, so
    // the re-evaluation comes by 2027-03-01 and stands in for it.
    let dir = with_example(SURVEILLANCE, "last.toml", |text| {
        text.replace("cycle_start = 2025-06-01", "cycle_start = 2024-03-01")
    });
    let out = skeleton(dir.path(), "last.toml");
    assert_eq!(audit_line(&out, "kind"), Some("kind = \"recertification\""));
    assert_eq!(audit_line(&out, "date"), Some("date = 2027-03-01"));
    // A new cycle starts on the re-evaluation's date: left out.
    assert_eq!(audit_line(&out, "cycle_start"), None, "{out}");
    assert!(
        out.contains("# cycle_start = 2027-03-01")
            && out.contains("a re-evaluation starts a new cycle"),
        "{out}"
    );
    let (_, zh, _) = run_in(dir.path(), "zh", &["next", "last.toml"]);
    assert!(
        zh.contains("下一次评价：重新评价，最迟于 2027-03-01"),
        "{zh}"
    );
}

#[test]
fn a_leap_day_audit_is_followed_by_the_end_of_february() {
    // An initial evaluation on 2024-02-29 starts its cycle then: the
    // surveillance is due by 2025-02-28 (2025 has no 29 February), the
    // cycle ends 2027-02-28, later.
    let dir = with_example("surveillance/2025-initial.toml", "last.toml", |text| {
        text.replace("date = 2025-06-01", "date = 2024-02-29")
    });
    let out = skeleton(dir.path(), "last.toml");
    assert_eq!(audit_line(&out, "kind"), Some("kind = \"surveillance\""));
    assert_eq!(audit_line(&out, "date"), Some("date = 2025-02-28"));
    assert_eq!(
        audit_line(&out, "cycle_start"),
        Some("cycle_start = 2024-02-29")
    );
}

#[test]
fn a_surveillance_without_its_cycle_start_leaves_it_to_fill_in() {
    // Its cycle's start unknown: the next is a surveillance by the date
    // + 1 year, 2027-05-28, and cycle_start is "?" until filled in.
    let dir = with_example(SURVEILLANCE, "last.toml", |text| {
        text.replace("cycle_start = 2025-06-01\n", "")
    });
    let out = skeleton(dir.path(), "last.toml");
    assert_eq!(audit_line(&out, "date"), Some("date = 2027-05-28"));
    assert_eq!(audit_line(&out, "cycle_start"), Some("cycle_start = \"?\""));
    std::fs::write(dir.path().join("next.toml"), &out).unwrap();
    let (code, _, err) = run_in(dir.path(), "en", &["validate", "next.toml"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("audit.cycle_start: not filled in yet"),
        "{err}"
    );
}

/// The previous audit's `"ID" = value` lines, by id.
fn previous_values(text: &str) -> Vec<(String, String)> {
    let indicators = text.split("[indicators]").nth(1).unwrap();
    let indicators = indicators.split("\n[").next().unwrap();
    (indicators.lines())
        .filter(|line| line.starts_with('"'))
        .map(|line| {
            (
                line.split('"').nth(1).unwrap().to_string(),
                line.to_string(),
            )
        })
        .collect()
}

#[test]
fn the_skeleton_is_refused_until_filled_and_then_scores() {
    let dir = with_example(SURVEILLANCE, "last.toml", |text| text);
    let out = skeleton(dir.path(), "last.toml");
    std::fs::write(dir.path().join("next.toml"), &out).unwrap();
    let ids = listed_ids(&out);
    // Every indicator of the checklist, each once: as many as the last
    // audit lists (it lists all of them).
    let previous = previous_values(&std::fs::read_to_string(example(SURVEILLANCE)).unwrap());
    assert_eq!(ids.len(), previous.len());
    let (code, _, err) = run_in(dir.path(), "en", &["validate", "next.toml"]);
    assert_eq!(code, Some(2));
    // One "not filled in yet" per "?", nothing else.
    let refused = err.matches(": not filled in yet").count();
    assert_eq!(refused, ids.len(), "{err}");
    assert!(
        err.contains(&format!("next.toml: {} errors", ids.len())),
        "{err}"
    );
    // Filled in with the last results, it validates and scores: the
    // example's 92.40 less its bonus, which is not carried over (it is to
    // be observed again): 457/5 earned of 100 applicable = 91.40.
    let mut filled = out.clone();
    for (id, line) in &previous {
        filled = filled.replace(&format!("\"{id}\" = \"?\""), line);
    }
    std::fs::write(dir.path().join("filled.toml"), &filled).unwrap();
    let (code, _, err) = run_in(dir.path(), "en", &["validate", "filled.toml"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, json, err) = run_in(dir.path(), "en", &["evaluate", "filled.toml", "-f", "json"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(json.contains("\"score\": 91.4,"), "{json}");
    assert!(json.contains("\"grade\": \"gold\""), "{json}");
}

#[test]
fn the_last_nonconformities_come_first_with_their_results() {
    let dir = with_example(SURVEILLANCE, "last.toml", |text| text);
    let out = skeleton(dir.path(), "last.toml");
    // From the example: coefficient 1 at 4.2.d, 4.4.b, 4.5.f, 5.2.d,
    // 7.1.b, 7.2.b-2, 7.2.d-1; 4.6.c 2 of 20 sampled; 5.4's exclusion
    // rejected at 0.5. 4.3.e is 0, conforming. In checklist order:
    let nonconforming = [
        "4.2.d", "4.4.b", "4.5.f", "4.6.c", "5.2.d", "5.4", "7.1.b", "7.2.b-2", "7.2.d-1",
    ];
    let ids = listed_ids(&out);
    assert_eq!(ids[..nonconforming.len()], nonconforming);
    // None of them again further down, and every other indicator after.
    for id in nonconforming {
        assert_eq!(ids.iter().filter(|listed| *listed == id).count(), 1, "{id}");
    }
    assert!(
        out.contains("Re-check the last nonconformities first (9, listed first in [indicators]):")
    );
    // The last result is the comment right above each value.
    let above = |id: &str| {
        let lines: Vec<&str> = out.lines().collect();
        let at = lines
            .iter()
            .position(|line| *line == format!("\"{id}\" = \"?\""))
            .unwrap();
        lines[at - 1].to_string()
    };
    assert_eq!(above("4.2.d"), "# last: 1 (nonconforming)");
    assert_eq!(
        above("4.6.c"),
        "# last: 2 of 20 sampled nonconforming (nonconforming: 抽查20起事件，2起未明确双方责任)"
    );
    assert_eq!(
        above("7.2.d-1"),
        "# last: 1 (nonconforming: 风险评估未覆盖新接入节点)"
    );
    assert_eq!(above("4.3.e"), "# last: 0 (conforms)");
    let (_, zh, _) = run_in(dir.path(), "zh", &["next", "last.toml"]);
    assert!(
        zh.contains("\n# 上次：删减理由不成立（2026 年起已接入两家合作方节点），0.5（不符合）\n\"5.4\" = \"?\""),
        "{zh}"
    );
    assert!(
        zh.contains("# 上次：1（不符合：风险评估未覆盖新接入节点）\n\"7.2.d-1\" = \"?\""),
        "{zh}"
    );
}

#[test]
fn the_last_special_deductions_are_listed_to_re_check() {
    // The initial evaluation's special deduction is named at the top; it
    // is not written again (a rectified one would fail the next audit).
    let dir = with_example("surveillance/2025-initial.toml", "last.toml", |text| text);
    let initial = std::fs::read_to_string(example("surveillance/2025-initial.toml")).unwrap();
    let finding = initial
        .lines()
        .find_map(|line| line.strip_prefix("finding = \""))
        .map(|rest| rest.trim_end_matches('"'))
        .unwrap();
    let out = skeleton(dir.path(), "last.toml");
    assert!(
        out.contains("Last special deductions: re-check each is rectified"),
        "{out}"
    );
    assert!(out.contains(finding), "{out}");
    assert!(
        !out.lines().any(|line| line == "[[special_deductions]]"),
        "{out}"
    );
}

#[test]
fn the_form_is_refused_at_each_placeholder_cell() {
    let dir = with_example(SURVEILLANCE, "last.toml", |text| text);
    let (code, _, err) = run_in(dir.path(), "en", &["next", "last.toml", "-o", "next.xlsx"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = run_in(dir.path(), "en", &["validate", "next.xlsx"]);
    assert_eq!(code, Some(2));
    let toml = skeleton(dir.path(), "last.toml");
    let count = listed_ids(&toml).len();
    // The same placeholders as the TOML's, each at its coefficient cell
    // (column D; 4.1.a is the table's first row, 12, below the headings
    // on row 11), and nothing else: the header is filled in.
    assert_eq!(
        err.matches("Coefficient is not filled in yet").count(),
        count,
        "{err}"
    );
    assert!(
        err.contains("Checklist!D12: Coefficient is not filled in yet: replace \"?\""),
        "{err}"
    );
    assert!(err.contains(&format!("next.xlsx: {count} errors")), "{err}");
    assert!(!err.contains("Organization"), "{err}");
}

#[test]
fn a_folder_is_followed_from_its_latest_audit() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["2025-initial.toml", "2026-surveillance.toml"] {
        let from = example(&format!("surveillance/{name}"));
        std::fs::copy(from, dir.path().join(name)).unwrap();
    }
    let out = skeleton(dir.path(), ".");
    // The latest is the surveillance of 2026-05-28.
    assert_eq!(audit_line(&out, "date"), Some("date = 2027-05-28"));
    assert!(out.contains("last: Surveillance, 2026-05-28"), "{out}");
}

#[test]
fn a_folder_of_two_services_is_refused_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example(SURVEILLANCE), dir.path().join("a.toml")).unwrap();
    let other = std::fs::read_to_string(example(SURVEILLANCE))
        .unwrap()
        .replace("农产品溯源联盟链服务", "另一项服务");
    std::fs::write(dir.path().join("b.toml"), other).unwrap();
    let (code, out, err) = run_in(dir.path(), "en", &["next", "."]);
    assert_eq!(code, Some(2), "{err}");
    assert!(out.is_empty());
    assert!(err.contains("a.toml") && err.contains("b.toml"), "{err}");
    assert!(
        err.contains("另一项服务") && err.contains("农产品溯源联盟链服务"),
        "{err}"
    );
}

#[test]
fn two_audits_of_one_date_are_refused_naming_both() {
    // Most likely a TOML audit and the form converted from it.
    let dir = with_example(SURVEILLANCE, "last.toml", |text| text);
    let (code, _, err) = run_in(
        dir.path(),
        "en",
        &["convert", "last.toml", "-o", "last.xlsx"],
    );
    assert_eq!(code, Some(0), "{err}");
    let (code, out, err) = run_in(dir.path(), "en", &["next", "."]);
    assert_eq!(code, Some(2), "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("last.toml") && err.contains("last.xlsx"),
        "{err}"
    );
    assert!(err.contains("the same date as last"), "{err}");
    assert!(err.contains("(2026-05-28)"), "{err}");
}

#[test]
fn an_existing_output_is_not_overwritten() {
    let dir = with_example(SURVEILLANCE, "last.toml", |text| text);
    for name in ["next.toml", "next.xlsx"] {
        std::fs::write(dir.path().join(name), "keep").unwrap();
        let (code, _, err) = run_in(dir.path(), "en", &["next", "last.toml", "-o", name]);
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains("already exists"), "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join(name)).unwrap(),
            "keep"
        );
    }
    // With --force it is replaced, the schema written beside it.
    let (code, _, err) = run_in(
        dir.path(),
        "en",
        &["next", "last.toml", "-o", "next.toml", "--force"],
    );
    assert_eq!(code, Some(0), "{err}");
    let written = std::fs::read_to_string(dir.path().join("next.toml")).unwrap();
    assert!(written.starts_with("#:schema ./audit.schema.json"));
    assert!(dir.path().join("audit.schema.json").is_file());
}

#[test]
fn the_form_leaves_an_unknown_cycle_start_to_fill_in_at_its_cell() {
    let dir = with_example(SURVEILLANCE, "last.toml", |text| {
        text.replace("cycle_start = 2025-06-01\n", "")
    });
    let (code, _, err) = run_in(dir.path(), "en", &["next", "last.toml", "-o", "next.xlsx"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = run_in(dir.path(), "en", &["validate", "next.xlsx"]);
    assert_eq!(code, Some(2));
    // Cycle start is the header's sixth field, on row 7 (the title on
    // row 1).
    assert!(
        err.contains("Checklist!B7: Cycle start is not filled in yet"),
        "{err}"
    );
}

#[test]
fn a_form_is_followed_as_its_toml_is() {
    // The last audit as the form: the same skeleton, but for the file
    // it names as the last one.
    let dir = with_example(SURVEILLANCE, "last.toml", |text| text);
    let (code, _, err) = run_in(
        dir.path(),
        "en",
        &["convert", "last.toml", "-o", "last.xlsx"],
    );
    assert_eq!(code, Some(0), "{err}");
    let from_toml = skeleton(dir.path(), "last.toml");
    let from_form = skeleton(dir.path(), "last.xlsx");
    assert_eq!(from_form.replace("last.xlsx", "last.toml"), from_toml);
}

#[test]
fn the_form_under_scoring_rules_reads_back_with_the_same_placeholders() {
    let dir = with_example(SURVEILLANCE, "last.toml", |text| text);
    let rules = example("rules/example-rules.toml");
    let rules = rules.as_str();
    let args = ["next", "last.toml", "--rules", rules, "-o", "next.xlsx"];
    let (code, _, err) = run_in(dir.path(), "en", &args);
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = run_in(
        dir.path(),
        "en",
        &["validate", "next.xlsx", "--rules", rules],
    );
    assert_eq!(code, Some(2));
    let count = listed_ids(&skeleton(dir.path(), "last.toml")).len();
    assert_eq!(
        err.matches("Coefficient is not filled in yet").count(),
        count,
        "{err}"
    );
    assert!(err.contains(&format!("next.xlsx: {count} errors")), "{err}");
}

/// The next evaluation's form, opened as it is and recalculated, says how
/// many indicators are still to assess, never a grade nor an error: the
/// header is filled in, and a coefficient left `?` counts as not filled
/// in yet, as bscore reads it (86 indicators, every one `?`).
#[test]
#[cfg_attr(
    not(all(has_libreoffice, has_gnumeric)),
    ignore = "no LibreOffice or Gnumeric on this machine: install them (apt-get install libreoffice-calc-nogui gnumeric) to run this test"
)]
fn the_next_form_opened_says_how_many_indicators_are_left() {
    use crate::opened::{
        EARNED, cell, gnumeric_computes, libreoffice_recalculates, libreoffice_shows, row_of,
    };
    let dir = with_example(SURVEILLANCE, "last.toml", |text| text);
    let count = listed_ids(&skeleton(dir.path(), "last.toml")).len();
    for (lang, grade, said) in [
        ("zh", "评级", format!("未完成：{count} 个指标未评价")),
        ("en", "Grade", format!("Incomplete: {count} not assessed")),
    ] {
        let (code, _, err) = run_in(
            dir.path(),
            lang,
            &["next", "last.toml", "-o", "next.xlsx", "--force"],
        );
        assert_eq!(code, Some(0), "{err}");
        let xlsx = dir.path().join("next.xlsx");
        for rows in [
            libreoffice_shows(&xlsx),
            libreoffice_recalculates(&xlsx),
            gnumeric_computes(&xlsx),
        ] {
            assert_eq!(cell(row_of(&rows, 0, grade), EARNED), said);
        }
    }
}
