//! The JSON result keeps the shape docs/json.md fixes, checked by parsing the
//! output of the real binary.

use serde_json::Value;

fn evaluate_json(files: &[&str]) -> (Option<i32>, Value) {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/");
    let paths: Vec<String> = files.iter().map(|f| format!("{examples}{f}")).collect();
    let output = crate::common::bscore_command()
        .arg("evaluate")
        .args(&paths)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        output.status.code(),
        serde_json::from_slice(&output.stdout).unwrap(),
    )
}

fn assert_spec_shape(result: &Value) {
    assert_eq!(result["standard"], "T/STIC130010-2022");
    for key in [
        "score",
        "normalized_score",
        "earned_points",
        "applicable_points",
    ] {
        assert!(result[key].is_number(), "{key} is a number");
    }
    assert!(result["score_exact"].is_string());
    assert!(
        ["fail", "compliant", "silver", "gold", "platinum"]
            .contains(&result["grade"].as_str().unwrap())
    );
    assert!(result["passed"].is_boolean());
    assert!(result["special_deductions"].is_array());
    assert!(result["bonus"].is_null() || result["bonus"]["practice"].is_string());
    let categories = result["categories"].as_array().unwrap();
    assert_eq!(categories.len(), 4);
    for category in categories {
        assert!(
            category["id"].is_string()
                && category["earned"].is_number()
                && category["applicable"].is_number()
        );
    }
    let indicators = result["indicators"].as_array().unwrap();
    assert_eq!(indicators.len(), 86);
    for indicator in indicators {
        assert!(
            indicator["id"].is_string()
                && indicator["points"].is_number()
                && indicator["earned"].is_number()
        );
        assert!(indicator["excluded"].is_boolean());
        assert!(indicator["coefficient"].is_number() || indicator["excluded"] == true);
    }
}

#[test]
fn one_audit_gives_an_object_with_the_spec_keys() {
    let (code, result) = evaluate_json(&["gold-supply-chain-finance.toml"]);
    assert_eq!(code, Some(0));
    assert_spec_shape(&result);
    assert_eq!(result["score"].to_string(), "94.64");
    assert_eq!(result["score_exact"], "1325/14");
    assert_eq!(result["grade"], "gold");
    assert_eq!(result["passed"], true);
    assert_eq!(result["applicable_points"].to_string(), "98");
    assert_eq!(result["special_deductions"], serde_json::json!([]));
    assert_eq!(result["bonus"], Value::Null);
    let first = &result["indicators"][0];
    assert_eq!(first["id"], "4.1.a");
    assert_eq!(first["coefficient"].to_string(), "0");
    assert_eq!(first["earned"].to_string(), "1");
    assert_eq!(first["excluded"], false);
    let excluded = result["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "5.9")
        .unwrap();
    assert_eq!(excluded["excluded"], true);
    assert_eq!(excluded["coefficient"], Value::Null);
}

#[test]
fn several_audits_give_an_array_in_argument_order_and_the_worst_exit_code() {
    let (code, results) = evaluate_json(&["platinum-notary.toml", "fail-special-deduction.toml"]);
    assert_eq!(code, Some(1));
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), 2);
    results.iter().for_each(assert_spec_shape);
    assert_eq!(results[0]["grade"], "platinum");
    assert_eq!(
        results[0]["bonus"]["practice"],
        "链上数据采用国密 SM2/SM3/SM4 算法全链路加密"
    );
    assert_eq!(results[1]["grade"], "fail");
    assert_eq!(results[1]["passed"], false);
    assert_eq!(results[1]["special_deductions"][0]["kind"], "law");
}

/// The `schedule` of an audit given by its `[audit]` date lines.
fn schedule_of(dates: &str) -> Value {
    let audit = format!(
        "[audit]\norganization = \"测试\"\nservice = \"测试\"\nassessors = [\"张三\"]\n{dates}\nunassessed = \"conform\"\n\n[indicators]\n\"4.1.a\" = 0\n"
    );
    let mut child = crate::common::bscore_command()
        .args(["evaluate", "-", "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), audit.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    result["schedule"].clone()
}

#[test]
fn a_leap_day_audit_is_due_again_on_28_february() {
    let schedule = schedule_of("date = 2024-02-29\nkind = \"initial\"");
    assert_eq!(schedule["cycle_start"], "2024-02-29");
    assert_eq!(schedule["next_surveillance"], "2025-02-28");
    assert_eq!(schedule["recertification"], "2027-02-28");
}

#[test]
fn a_year_end_audit_is_due_at_the_next_year_end() {
    let schedule = schedule_of("date = 2026-12-31\nkind = \"recertification\"");
    assert_eq!(schedule["next_surveillance"], "2027-12-31");
    assert_eq!(schedule["recertification"], "2029-12-31");
}

#[test]
fn a_surveillance_counts_the_cycle_from_its_start() {
    let schedule =
        schedule_of("date = 2027-03-10\ncycle_start = 2024-02-29\nkind = \"surveillance\"");
    assert_eq!(schedule["next_surveillance"], "2028-03-10");
    assert_eq!(schedule["recertification"], "2027-02-28");
    let unknown = schedule_of("date = 2027-03-10\nkind = \"surveillance\"");
    assert_eq!(unknown["cycle_start"], Value::Null);
    assert_eq!(unknown["recertification"], Value::Null);
}

/// Several audits named make a batch even when one of them cannot be read:
/// the output is the array of compact lines, not one pretty object.
#[test]
fn a_batch_with_an_unreadable_audit_is_still_an_array_of_lines() {
    let output = crate::common::bscore(&[
        "evaluate",
        &crate::common::example("gold-supply-chain-finance.toml"),
        "missing.toml",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!((lines[0], lines[2]), ("[", "]"));
    let result: Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(result["score_exact"], "1325/14");
    assert!(String::from_utf8_lossy(&output.stderr).contains("missing.toml"));
}

/// Every delta `compare --format json` shows is the difference of the two
/// figures it shows beside it; the exact difference is in `_exact`.
#[test]
fn compare_json_deltas_are_differences_of_the_shown_figures() {
    let output = crate::common::bscore(&[
        "compare",
        &crate::common::example("surveillance/2025-initial.toml"),
        &crate::common::example("surveillance/2026-surveillance.toml"),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let comparison: Value = serde_json::from_slice(&output.stdout).unwrap();
    let hundredths = |value: &Value| (value.as_f64().unwrap() * 100.0).round() as i64;
    let (old, new) = (&comparison["old"]["score"], &comparison["new"]["score"]);
    // 88.89 -> 92.40: +3.51, though the exact difference cuts to 3.50.
    assert_eq!((hundredths(old), hundredths(new)), (8889, 9240));
    assert_eq!(hundredths(&comparison["score_delta"]), 351);
    assert_ne!(comparison["score_delta_exact"], "351/100");
    for category in comparison["categories"].as_array().unwrap() {
        assert_eq!(
            hundredths(&category["delta"]),
            hundredths(&category["new_earned"]) - hundredths(&category["old_earned"]),
            "{category}"
        );
    }
    for change in comparison["changes"].as_array().unwrap() {
        assert_eq!(
            hundredths(&change["earned_delta"]),
            hundredths(&change["new"]["earned"]) - hundredths(&change["old"]["earned"]),
            "{change}"
        );
    }
    // An exclusion rejected adds the indicator's points to the applicable
    // total, which `earned_delta` alone does not show.
    let applicable = |indicator: &Value| match indicator["excluded"].as_bool().unwrap() {
        true => 0,
        false => hundredths(&indicator["points"]),
    };
    let changes = comparison["changes"].as_array().unwrap();
    for change in changes {
        assert_eq!(
            hundredths(&change["applicable_delta"]),
            applicable(&change["new"]) - applicable(&change["old"]),
            "{change}"
        );
    }
    assert!(
        changes
            .iter()
            .any(|c| hundredths(&c["applicable_delta"]) > 0),
        "the surveillance example rejects an exclusion"
    );
}

/// Files saved on Windows end their lines with CRLF, and live under names
/// with spaces and Chinese: read the same, placed the same.
#[test]
fn crlf_files_and_chinese_names_with_spaces_read_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(crate::common::example("gold-supply-chain-finance.toml"))
        .unwrap()
        .replace('\n', "\r\n");
    let path = dir.path().join("供应链 金融 审核.toml");
    std::fs::write(&path, &text).unwrap();
    let output = crate::common::bscore(&["evaluate", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["score_exact"], "1325/14");
    assert!(
        result["file"]
            .as_str()
            .unwrap()
            .ends_with("供应链 金融 审核.toml")
    );
    let record = &result["indicators"][8]["record"];
    assert!(
        record.as_str().is_none_or(|r| !r.contains('\r')),
        "{record}"
    );

    let broken = text.replacen("\"4.1.a\" = 0", "\"4.1.a\" = 2", 1);
    std::fs::write(&path, broken).unwrap();
    let output = crate::common::bscore(&["validate", path.to_str().unwrap()]);
    let message = String::from_utf8(output.stderr).unwrap();
    assert!(!message.contains('\r'), "{message:?}");
    assert!(message.contains("供应链 金融 审核.toml:"), "{message}");
    assert!(message.contains("found 2"), "{message}");
}

/// With `--output` and no `--format`, the file's extension decides; an
/// unknown one is the table; a `--format` that contradicts it is exit 2.
#[test]
fn the_output_file_name_chooses_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let audit = crate::common::example("gold-supply-chain-finance.toml");
    let write = |name: &str, format: Option<&str>| {
        let path = dir.path().join(name);
        let mut args = vec![
            "evaluate",
            audit.as_str(),
            "--lang",
            "zh",
            "-o",
            path.to_str().unwrap(),
        ];
        if let Some(format) = format {
            args.extend(["--format", format]);
        }
        (crate::common::bscore(&args), path)
    };
    let starts =
        |path: &std::path::Path, prefix: &[u8]| std::fs::read(path).unwrap().starts_with(prefix);
    for (name, prefix) in [
        ("r.html", &b"<!DOCTYPE html>"[..]),
        ("r.json", b"{\n  \"standard\""),
        ("r.md", "## 区块链服务评分结果".as_bytes()),
        ("r.csv", b"\xEF\xBB\xBF"),
        ("R.XLSX", b"PK"),
        ("r.txt", "区块链服务评分结果".as_bytes()),
    ] {
        let (output, path) = write(name, None);
        assert_eq!(output.status.code(), Some(0), "{name}");
        assert!(starts(&path, prefix), "{name}");
    }
    let (output, path) = write("report.html", Some("csv"));
    assert_eq!(output.status.code(), Some(2));
    assert!(!path.exists());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("--format csv 与 --output"), "{message}");
    let (output, _) = write("same.json", Some("json"));
    assert_eq!(output.status.code(), Some(0));
}

/// `--min-grade` takes the grade's id or its name in either language, and
/// names on standard error every audit below it, with its grade and score.
#[test]
fn min_grade_takes_chinese_names_and_explains_a_failure() {
    let silver = crate::common::example("silver-traceability.toml");
    for name in [
        "gold",
        "金牌",
        "四星级",
        "四星级（金牌）",
        "Four-star (Gold)",
    ] {
        let output = crate::common::bscore(&[
            "-q",
            "evaluate",
            &silver,
            "--min-grade",
            name,
            "--lang",
            "zh",
        ]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(
            message.contains("要求四星级（金牌），实际评级三星级（银牌）（总评分 87.15）"),
            "{name}: {message}"
        );
    }
    for name in ["silver", "银牌", "三星级", "达标级"] {
        let output = crate::common::bscore(&["-q", "evaluate", &silver, "--min-grade", name]);
        assert_eq!(output.status.code(), Some(0), "{name}");
        assert!(output.stderr.is_empty(), "{name}");
    }
    let english = crate::common::bscore(&[
        "-q",
        "evaluate",
        &silver,
        "--min-grade",
        "platinum",
        "--lang",
        "en",
    ]);
    assert!(
        String::from_utf8_lossy(&english.stderr)
            .contains("requires Five-star (Platinum), reached Three-star (Silver) (score 87.15)")
    );
    for meaningless in ["fail", "不合格", "钻石"] {
        let output = crate::common::bscore(&["evaluate", &silver, "--min-grade", meaningless]);
        assert_eq!(output.status.code(), Some(2), "{meaningless}");
        assert!(output.stdout.is_empty());
    }
}

/// A cycle that starts on the audit's own day is accepted (only one that
/// starts after it is refused).
#[test]
fn a_cycle_may_start_on_the_audit_date() {
    let schedule =
        schedule_of("date = 2026-03-15\ncycle_start = 2026-03-15\nkind = \"surveillance\"");
    assert_eq!(schedule["cycle_start"], "2026-03-15");
    assert_eq!(schedule["recertification"], "2029-03-15");
}
