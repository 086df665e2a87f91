//! `bscore report`: the evaluation report handed to the customer. Printed
//! by Chromium with its default settings and read back with pdftotext, it
//! holds the organisation, the grade, the score as shown, every
//! nonconforming indicator, the special deductions to be rectified
//! immediately, the sign-off's roles, the audit's digest and page numbers,
//! in both languages; `bscore verify` accepts it untouched and refuses it
//! altered; bad inputs exit 2 with every problem said.

use crate::common::{bscore, example};
use crate::printed::{joined, printed_by_chromium, text_of};
use std::path::{Path, PathBuf};

const GOLD: &str = "gold-multi-site.toml";
const FAIL: &str = "fail-special-deduction.toml";

fn rules() -> String {
    example("rules/example-rules.toml")
}

fn plan() -> String {
    example("team/plan.toml")
}

/// Runs `bscore --lang LANG report ARGS -o dir/name`, which must succeed.
fn report(lang: &str, args: &[&str], dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let out = path.to_str().unwrap();
    let output = bscore(&[&["--lang", lang, "report"], args, &["-o", out]].concat());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    path
}

/// The SHA-256 of an example file, as the report's provenance shows it.
fn digest_of(path: &str) -> String {
    bscore::sha256_bytes(&std::fs::read(path).unwrap())
}

/// The printed text, spaces and line breaks taken out, and its page count
/// (pdftotext ends every page with a form feed).
fn printed(html: &Path) -> (String, usize) {
    let text = text_of(&printed_by_chromium(html));
    let pages = text.matches('\u{c}').count();
    (joined(&text), pages)
}

fn assert_printed(text: &str, wanted: &[&str], what: &str) {
    for wanted in wanted {
        assert!(
            text.contains(&joined(wanted)),
            "{what}: {wanted} is not printed whole"
        );
    }
}

/// gold-multi-site, checked against the example 细则 and the example plan.
/// Its score: 实际得分 371/4 = 92.75 of 涉及项总分值 98 (5.9 excluded,
/// 2 points) → 92.75 ÷ 98 × 100 = 94.6428… shown cut as 94.64, 四星级（金牌）
/// (90 ≤ 94.64 < 95). Its nonconformities, each a coefficient above 0 or
/// a sample with a failed item: 4.1.b (1), 4.2.c (0.5), 4.4.e (5/12),
/// 4.5.c (2/6), 5.2.g (1), 5.7.a (exclusion rejected, 1), 6.2.d (0.3),
/// 7.1.a-2 (1, an indicator without points) and 7.2.d-3 (1/4). 4.2.c's
/// 0.5 is the 细则's level "缺少其中一至两项", 6.2.d's 0.3 its level
/// "管理规则或平台公约已制定但未公开" (the 细则's own words, in either
/// language). The plan visits sh only: bj and sz are departures.
#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "no chromium on this machine: install it (apt-get install chromium fonts-noto-cjk poppler-utils) to run this test"
)]
fn the_printed_report_holds_the_result_its_findings_and_sign_off_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let (gold, rules, plan) = (example(GOLD), rules(), plan());
    let args = [gold.as_str(), "--rules", &rules, "--plan", &plan];
    let audit_digest = digest_of(&gold);
    let ids = [
        "4.1.b", "4.2.c", "4.4.e", "4.5.c", "5.2.g", "5.7.a", "6.2.d", "7.1.a-2", "7.2.d-3",
    ];
    let levels = ["缺少其中一至两项", "管理规则或平台公约已制定但未公开"];
    for (lang, words) in [
        (
            "zh",
            [
                "四星级（金牌）",
                "评价组长",
                "评价人员",
                "复核人",
                "经营者确认",
                "现场“北京运营中心”（bj）不在计划中",
            ],
        ),
        (
            "en",
            [
                "Four-star (Gold)",
                "Team leader",
                "Assessor",
                "Reviewer",
                "Operator's confirmation",
                "site 北京运营中心 (bj) is not in the plan",
            ],
        ),
    ] {
        let html = report(lang, &args, dir.path(), &format!("gold-{lang}.html"));
        let (text, pages) = printed(&html);
        let what = format!("{lang} {GOLD}");
        assert_printed(&text, &["示例科技有限公司", "94.64", &audit_digest], &what);
        assert_printed(&text, &words, &what);
        assert_printed(&text, &ids, &what);
        // A level's condition wraps in its cell, whose lines pdftotext
        // interleaves with the next cells': read on the page itself.
        let page = std::fs::read_to_string(&html).unwrap();
        for level in levels {
            assert!(page.contains(level), "{what}: {level}");
        }
        assert!(pages > 1, "{what}: {pages} pages");
        // Every page numbered "n / N": the first and the last.
        for page in [1, pages] {
            assert_printed(&text, &[&format!("{page}/{pages}")], &what);
        }
    }
}

/// fail-special-deduction: 实际得分 95 of 98 → 96.9387… then one special
/// deduction (−1) and the bonus (+1): 96.93, failed by the deduction
/// (8.3 d 2), which is to be rectified immediately. Its nonconformities:
/// 4.5.e (1) and 6.1.b (1).
#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "no chromium on this machine: install it (apt-get install chromium fonts-noto-cjk poppler-utils) to run this test"
)]
fn a_special_deduction_is_printed_as_to_be_rectified_immediately() {
    let dir = tempfile::tempdir().unwrap();
    let fail = example(FAIL);
    let audit_digest = digest_of(&fail);
    for (lang, words) in [
        (
            "zh",
            [
                "应立即进行整改",
                "不合格",
                "评价组长",
                "复核人",
                "经营者确认",
            ],
        ),
        (
            "en",
            [
                "to be rectified immediately",
                "Fail",
                "Team leader",
                "Reviewer",
                "Operator's confirmation",
            ],
        ),
    ] {
        let html = report(lang, &[&fail], dir.path(), &format!("fail-{lang}.html"));
        let (text, pages) = printed(&html);
        let what = format!("{lang} {FAIL}");
        let fixed = [
            "链通数字科技有限公司",
            "96.93",
            "4.5.e",
            "6.1.b",
            &audit_digest,
        ];
        assert_printed(&text, &fixed, &what);
        assert_printed(&text, &words, &what);
        assert_printed(
            &text,
            &["未按《区块链信息服务管理规定》履行备案手续"],
            &what,
        );
        assert_printed(&text, &[&format!("1/{pages}")], &what);
    }
}

/// The team's parts merged (examples/team): the plan gives 5.1, 5.3 and
/// 5.4 to 赵六 (technical), and 王五 assessed them too; the sign-off names
/// the plan's leader 王五, and the provenance the plan's digest.
#[test]
fn a_team_report_names_where_the_work_departed_from_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let merged = dir.path().join("merged.toml");
    let output = bscore(&[
        "merge",
        &example("team/wang.toml"),
        &example("team/zhao.toml"),
        "--plan",
        &plan(),
        "--resolutions",
        &example("team/resolutions.toml"),
        "-o",
        merged.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let merged = merged.to_str().unwrap();
    let html = report("zh", &[merged, "--plan", &plan()], dir.path(), "team.html");
    let page = std::fs::read_to_string(html).unwrap();
    for id in ["5.1", "5.3", "5.4"] {
        let departure = format!("{id}：计划由赵六评价，王五也作了评价");
        assert!(page.contains(&departure), "{departure}");
    }
    assert!(page.contains("<td>评价组长</td><td>王五</td>"));
    assert!(page.contains(&digest_of(&plan())));
    assert!(page.contains("评价计划 SHA-256"));
}

/// `bscore verify` checks the report: untouched, it verifies (exit 0),
/// with and without the plan (which verify is not given); its embedded
/// score altered, or its shown score, it does not (exit 1).
#[test]
fn verify_accepts_the_report_untouched_and_refuses_it_altered() {
    let dir = tempfile::tempdir().unwrap();
    let (gold, rules, plan) = (example(GOLD), rules(), plan());
    let verify = |page: &Path| {
        let page = page.to_str().unwrap();
        bscore(&["verify", page, &gold, "--rules", &rules])
    };
    for (lang, args) in [
        (
            "zh",
            vec![gold.as_str(), "--rules", &rules, "--plan", &plan],
        ),
        ("en", vec![gold.as_str(), "--rules", &rules]),
    ] {
        let html = report(lang, &args, dir.path(), &format!("{lang}.html"));
        let output = verify(&html);
        assert_eq!(output.status.code(), Some(0), "{lang}: {output:?}");
        let page = std::fs::read_to_string(&html).unwrap();
        // 94.64, as the JSON result carries it and as the page shows it.
        let embedded = page.replacen("\"score\":94.64", "\"score\":99.64", 1);
        let shown = page.replacen("<td>94.64</td>", "<td>99.64</td>", 1);
        for (what, altered) in [("embedded", embedded), ("shown", shown)] {
            assert_ne!(altered, page, "{lang}: no {what} score to alter");
            let path = dir.path().join(format!("{lang}-{what}.html"));
            std::fs::write(&path, altered).unwrap();
            let output = verify(&path);
            assert_eq!(output.status.code(), Some(1), "{lang} {what}: {output:?}");
            assert!(
                String::from_utf8_lossy(&output.stdout).contains("99.64"),
                "{lang} {what}: {output:?}"
            );
        }
    }
}

/// A missing audit, a broken plan (said with the audit's problems), a
/// team member's part: exit 2, nothing written, the message in the
/// language asked for.
#[test]
fn bad_inputs_exit_2_in_either_language() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("plan.toml");
    std::fs::write(&broken, "[plan]\norganization = \"x\"\n").unwrap();
    let broken = broken.to_str().unwrap();
    let out = dir.path().join("report.html");
    let out = out.to_str().unwrap();
    let missing = dir.path().join("missing.toml");
    let missing = missing.to_str().unwrap();
    let part = example("team/wang.toml");
    let cases: [(&[&str], &str, &str); 3] = [
        (&[missing], "不存在", "no such file"),
        (
            &[&example(GOLD), "--plan", broken],
            "缺少 service",
            "service",
        ),
        (&[&part], "分工部分", "part of a team evaluation"),
    ];
    for (args, zh, en) in cases {
        for (lang, wanted) in [("zh", zh), ("en", en)] {
            let output = bscore(&[&["--lang", lang, "report"], args, &["-o", out]].concat());
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{lang} {args:?}: {stderr}");
            assert!(stderr.contains(wanted), "{lang} {args:?}: {stderr}");
            assert!(!Path::new(out).exists(), "{lang} {args:?}: written");
        }
    }
}

/// The kind is chosen by the output's name: `.pdf` is refused with the
/// way to a PDF (print the HTML), exit 2.
#[test]
fn a_pdf_is_refused_with_the_way_to_one() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("report.pdf");
    let output = bscore(&["report", &example(GOLD), "-o", pdf.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("print it to PDF"));
    assert!(!pdf.exists());
}
