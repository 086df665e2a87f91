//! Batches: an audit that cannot be read or is invalid keeps its place in
//! the summary after the reports, marked as not evaluated, so that it is
//! not missed among the others.

use std::process::Output;

/// `bscore evaluate` run beside `audits/`, a folder of three audits, the
/// second of them invalid; in Chinese unless `args` say.
fn evaluate(args: &[&str]) -> Output {
    crate::common::bscore_command()
        .env_remove("BSCORE_LANG")
        .current_dir(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/cmd/batch-with-invalid.in"
        ))
        .arg("evaluate")
        .args(args)
        .output()
        .unwrap()
}

/// The lines of stdout from the one that starts with `from`.
fn lines_from(output: &Output, from: &str) -> Vec<String> {
    let text = String::from_utf8(output.stdout.clone()).unwrap();
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no {from:?} in:\n{text}"));
    text[start..].lines().map(str::to_string).collect()
}

#[test]
fn the_table_summary_lists_refused_audits_in_their_place() {
    let output = evaluate(&["audits", "missing.toml", "--ascii", "--width", "200"]);
    assert_eq!(output.status.code(), Some(2));
    let summary = lines_from(&output, "| 文件");
    let rows: Vec<&String> = summary.iter().filter(|l| l.starts_with("| ")).collect();
    let refused = "未评价：输入有误（见错误信息）";
    let expected = [
        ("audits/a-platinum.toml", "五星级（铂金）"),
        ("audits/b-invalid.toml", refused),
        ("audits/c-fail.toml", "不合格"),
        ("missing.toml", refused),
    ];
    assert_eq!(rows.len(), expected.len() + 1, "{summary:#?}");
    for (row, (file, grade)) in rows[1..].iter().zip(expected) {
        assert!(row.starts_with(&format!("| {file} ")), "{row}");
        assert!(row.contains(grade), "{row}");
    }
    assert!(rows[2].contains(" - | 未评价"), "{}", rows[2]);
    assert!(
        summary.contains(&"共 4 份评价文件：已评价 2 份，未评价 2 份（输入有误）".to_string()),
        "{summary:#?}"
    );
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(errors.contains("audits/b-invalid.toml") && errors.contains("missing.toml"));
}

#[test]
fn the_markdown_summary_lists_refused_audits_in_english_too() {
    let output = evaluate(&[
        "missing.toml",
        "audits",
        "--format",
        "markdown",
        "--lang",
        "en",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let refused = "not evaluated: input error (see the error messages)";
    assert_eq!(
        lines_from(&output, "| File"),
        [
            "| File | Organization | Service | Final score | Grade |",
            "| --- | --- | --- | ---: | --- |",
            &format!("| missing.toml | - | - | - | {refused} |"),
            "| audits/a-platinum.toml | 沪链存证科技有限公司 | 电子合同区块链存证服务 | 98.65 | Five-star (Platinum) |",
            &format!("| audits/b-invalid.toml | - | - | - | {refused} |"),
            "| audits/c-fail.toml | 速链网络有限公司 | 积分通证区块链服务 | 69.23 | Fail |",
            "",
            "4 audits: 2 evaluated, 2 not evaluated (input error)",
        ]
    );
}

/// With nothing refused the count line says so, and the exit code is the
/// worst grade's, as before.
#[test]
fn a_batch_with_nothing_refused_says_all_were_evaluated() {
    let output = evaluate(&[
        "audits/a-platinum.toml",
        "audits/c-fail.toml",
        "--format",
        "markdown",
        "--lang",
        "en",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let summary = lines_from(&output, "| File");
    assert_eq!(summary.last().unwrap(), "2 audits, all evaluated");
}
