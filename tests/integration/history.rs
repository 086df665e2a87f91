//! `bscore history` over the bundled example histories
//! (examples/history/README.md works each one out by hand): the series in
//! date order, the cycle checked, regressions and follow-up at every step,
//! and the page printed by Chromium in both languages.

use crate::common::{bscore, bscore_command, example, stdout};
use crate::printed::{printed_by_chromium, text_of};
use serde_json::Value;

fn history_json(args: &[&str]) -> (Option<i32>, Value) {
    let output = bscore(&[&["history", "--format", "json"], args].concat());
    let json = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("{error}: {output:?}"));
    (output.status.code(), json)
}

fn jiangnan() -> String {
    example("history/jiangnan")
}

fn breach() -> String {
    example("history/breach")
}

/// `(date, kind, score, score_exact, grade)` of each evaluation.
fn evaluations(json: &Value) -> Vec<(String, String, f64, String, String)> {
    let text = |value: &Value| value.as_str().unwrap().to_owned();
    (json["evaluations"].as_array().unwrap().iter())
        .map(|one| {
            (
                text(&one["date"]),
                text(&one["kind"]),
                one["score"].as_f64().unwrap(),
                text(&one["score_exact"]),
                text(&one["grade"]),
            )
        })
        .collect()
}

fn owned(rows: &[(&str, &str, f64, &str, &str)]) -> Vec<(String, String, f64, String, String)> {
    (rows.iter())
        .map(|(date, kind, score, exact, grade)| {
            (
                date.to_string(),
                kind.to_string(),
                *score,
                exact.to_string(),
                grade.to_string(),
            )
        })
        .collect()
}

/// The four evaluations of the jiangnan folder, in date order, as the
/// README works them out: 87.10 less one special deduction is 86.10
/// (fail, the deduction fails it); 4650/49 = 94.897… shown 94.89; 4625/49
/// = 94.387… shown 94.38; 9773/98 = 99.724… shown 99.72.
#[test]
fn a_service_s_evaluations_come_in_date_order_with_their_scores() {
    let (code, json) = history_json(&[&jiangnan()]);
    assert_eq!(code, Some(0), "{json}");
    assert_eq!(
        evaluations(&json),
        owned(&[
            ("2023-06-01", "initial", 86.1, "861/10", "fail"),
            ("2024-05-20", "surveillance", 94.89, "4650/49", "gold"),
            ("2025-05-15", "surveillance", 94.38, "4625/49", "gold"),
            (
                "2026-05-12",
                "recertification",
                99.72,
                "9773/98",
                "platinum"
            ),
        ])
    );
    // Changes are the differences of the scores shown: 94.89 − 86.10 =
    // 8.79; 94.38 − 94.89 = −0.51; 99.72 − 94.38 = 5.34.
    let changes: Vec<Value> = (json["evaluations"].as_array().unwrap().iter())
        .map(|one| one["change"].clone())
        .collect();
    assert_eq!(
        changes,
        [Value::Null, 8.79.into(), (-0.51).into(), 5.34.into()]
    );
    assert_eq!(json["cycle_kept"], true);
    assert_eq!(json["breaches"], serde_json::json!([]));
    // Re-evaluated 2026-05-12: next surveillance by 2027-05-12, before the
    // new cycle's end 2029-05-12.
    assert_eq!(
        json["next"],
        serde_json::json!({"kind": "surveillance", "by": "2027-05-12"})
    );
}

#[test]
fn the_order_files_are_named_in_does_not_matter() {
    let dir = jiangnan();
    let files = [
        "2026-05-recertification.toml",
        "2023-06-initial.toml",
        "2025-05-surveillance.toml",
        "2024-05-surveillance.toml",
    ]
    .map(|name| format!("{dir}/{name}"));
    let named: Vec<&str> = files.iter().map(String::as_str).collect();
    let (_, shuffled) = history_json(&named);
    let (_, folder) = history_json(&[&dir]);
    assert_eq!(evaluations(&shuffled), evaluations(&folder));
    assert_eq!(shuffled["followup"], folder["followup"]);
}

/// The one regression: 6.2.c (2.5 points) 0 on 2024-05-20, 1 on
/// 2025-05-15: 2.5 × (1 − 0) = 2.5 points lost.
#[test]
fn the_indicator_that_got_worse_is_listed_with_its_coefficients() {
    let (_, json) = history_json(&[&jiangnan()]);
    let regressions = json["regressions"].as_array().unwrap();
    assert_eq!(regressions.len(), 1, "{regressions:?}");
    let regression = &regressions[0];
    assert_eq!(regression["id"], "6.2.c");
    assert_eq!(regression["before"], 0);
    assert_eq!(regression["after"], 1);
    assert_eq!(regression["lost"], 2.5);
    assert_eq!(regression["date"], "2025-05-15");
    let between: Vec<&str> = (regression["between"].as_array().unwrap().iter())
        .map(|file| file.as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        between,
        ["2024-05-surveillance.toml", "2025-05-surveillance.toml"]
    );
}

/// `(date of the later evaluation, id, status)` of every follow-up.
fn followup(json: &Value) -> Vec<(String, String, String)> {
    (json["followup"].as_array().unwrap().iter())
        .map(|line| {
            let text = |key: &str| line[key].as_str().unwrap().to_owned();
            (text("date"), text("id"), text("status"))
        })
        .collect()
}

/// What became of each nonconformity, latest step first, as the README
/// lists them: 5.7.a was excluded on 2024-05-20 (not re-assessed), 6.3
/// stayed open two years and was resolved in the re-evaluation, the
/// special deduction `risk` of the initial evaluation was gone.
#[test]
fn each_earlier_nonconformity_is_resolved_open_or_not_re_assessed() {
    let (_, json) = history_json(&[&jiangnan()]);
    let expected: Vec<(String, String, String)> = [
        ("2026-05-12", "6.2.c", "open"),
        ("2026-05-12", "6.3", "resolved"),
        ("2025-05-15", "6.3", "open"),
        ("2024-05-20", "4.1.d", "resolved"),
        ("2024-05-20", "4.4.b", "resolved"),
        ("2024-05-20", "4.6.c", "resolved"),
        ("2024-05-20", "5.2.d", "resolved"),
        ("2024-05-20", "5.7.a", "not_assessed"),
        ("2024-05-20", "6.1.a", "resolved"),
        ("2024-05-20", "6.3", "open"),
        ("2024-05-20", "7.1.b", "resolved"),
        ("2024-05-20", "7.2.b-2", "resolved"),
        ("2024-05-20", "risk", "resolved"),
    ]
    .iter()
    .map(|(date, id, status)| (date.to_string(), id.to_string(), status.to_string()))
    .collect();
    assert_eq!(followup(&json), expected);
    let excluded = (json["followup"].as_array().unwrap().iter())
        .find(|line| line["id"] == "5.7.a")
        .unwrap();
    assert_eq!(excluded["before"], 1);
    assert_eq!(excluded["after"], "excluded");
}

/// The breach folder: the first surveillance came on 2025-04-10, after
/// 2024-03-01 + 1 year = 2025-03-01; exit 1 for CI.
#[test]
fn a_surveillance_more_than_a_year_late_is_a_breach_and_exit_1() {
    let (code, json) = history_json(&[&breach()]);
    assert_eq!(code, Some(1), "{json}");
    assert_eq!(json["cycle_kept"], false);
    let breaches = json["breaches"].as_array().unwrap();
    assert_eq!(breaches.len(), 1, "{breaches:?}");
    assert_eq!(breaches[0]["rule"], "surveillance_interval");
    assert_eq!(breaches[0]["due"], "2025-03-01");
    assert_eq!(
        breaches[0]["dates"],
        serde_json::json!(["2024-03-01", "2025-04-10"])
    );
    let between: Vec<&str> = (breaches[0]["between"].as_array().unwrap().iter())
        .map(|file| file.as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        between,
        ["2024-03-initial.toml", "2025-04-surveillance.toml"]
    );
    // 2026-03-20 + 1 year = 2027-03-20 is after the cycle's end
    // 2024-03-01 + 3 years = 2027-03-01: the re-evaluation comes first.
    assert_eq!(
        json["next"],
        serde_json::json!({"kind": "recertification", "by": "2027-03-01"})
    );
    assert_eq!(json["regressions"], serde_json::json!([]));
}

#[test]
fn the_terminal_table_names_the_breach_and_draws_the_scores_as_a_sparkline() {
    let output = bscore(&["history", &breach()]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let text = stdout(&output);
    // 77.04, 88.77, 90.00 between the floor 60 and 100: eight levels of
    // 5 points, 77.04 → (1704 × 8) / 4000 = 3 → ▄, 88.77 → 5 → ▆, 90.00
    // → 6 → ▇.
    assert!(text.contains("▄▆▇"), "{text}");
    assert!(text.contains("surveillance_interval"), "{text}");
    assert!(text.contains("due by 2025-03-01"), "{text}");
    let markdown = stdout(&bscore(&["history", &breach(), "--format", "markdown"]));
    // Markdown escapes the rule id's underscore.
    assert!(
        markdown.contains("| surveillance\\_interval |"),
        "{markdown}"
    );
}

#[test]
fn audits_of_two_services_make_no_history() {
    let one = format!("{}/2023-06-initial.toml", jiangnan());
    let other = format!("{}/2024-03-initial.toml", breach());
    for (lang, words) in [
        ("en", "a series holds one organization's one service"),
        ("zh", "历次评价须是同一经营者同一服务的评价"),
    ] {
        let output = bscore_command()
            .args(["--lang", lang, "history", &one, &other])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains(words), "{said}");
        assert!(
            said.contains("2024-03-initial.toml:12"),
            "at its organization: {said}"
        );
        assert!(said.contains("北辰存证科技有限公司"), "{said}");
    }
}

#[test]
fn an_audit_and_the_form_converted_from_it_are_one_evaluation_twice() {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("2023-06-initial.toml");
    std::fs::copy(format!("{}/2023-06-initial.toml", jiangnan()), &toml).unwrap();
    let form = dir.path().join("2023-06-initial.xlsx");
    let converted = bscore(&[
        "convert",
        toml.to_str().unwrap(),
        "-o",
        form.to_str().unwrap(),
    ]);
    assert_eq!(converted.status.code(), Some(0), "{converted:?}");
    let output = bscore(&["history", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("same date as 2023-06-initial"), "{said}");
    assert!(said.contains("2023-06-01"), "{said}");
}

/// The page printed by Chromium: the service, every evaluation's score as
/// shown, the band names the chart is drawn against, the regression and
/// the breach, in both languages.
#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "no chromium on this machine: install it (apt-get install chromium fonts-noto-cjk) to run this test"
)]
fn the_history_page_prints_its_chart_bands_scores_and_findings() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, folder, expected) in [
        (
            "zh",
            jiangnan(),
            &[
                "江南链融科技有限公司",
                "86.10",
                "94.89",
                "94.38",
                "99.72",
                "四星级（金牌）",
                "五星级（铂金）",
                "6.2.c",
                "已整改",
            ][..],
        ),
        (
            "en",
            breach(),
            &[
                "北辰存证科技有限公司",
                "77.04",
                "88.77",
                "90.00",
                "Compliant",
                "Four-star (Gold)",
                "surveillance_interval",
                "2025-03-01",
            ][..],
        ),
    ] {
        let html = dir.path().join(format!("{lang}.html"));
        let output = bscore(&[
            "--lang",
            lang,
            "history",
            &folder,
            "-o",
            html.to_str().unwrap(),
        ]);
        assert!(
            output.status.code().is_some_and(|code| code < 2),
            "{output:?}"
        );
        let page = std::fs::read_to_string(&html).unwrap();
        assert!(page.contains("<svg"), "the chart is drawn");
        let text = text_of(&printed_by_chromium(&html));
        let joined: String = text.split_whitespace().collect();
        for word in expected {
            let word: String = word.split_whitespace().collect();
            assert!(
                joined.contains(&word),
                "{lang}: {word} missing from\n{text}"
            );
        }
    }
}

/// `file` of the jiangnan example copied into `dir` as `name`, with
/// `from` replaced by `to` (once) in its text.
fn copied(dir: &std::path::Path, file: &str, name: &str, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(format!("{}/{file}", jiangnan())).unwrap();
    assert!(text.contains(from), "{from} in {file}");
    let path = dir.join(name);
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path.to_str().unwrap().to_owned()
}

/// Every reason the audits make no history is told at once: a.toml,
/// b.toml and c.toml are initial evaluations of 2023-06-01, so
/// b and c are each on a's date (two problems), and d.toml names another
/// organisation (a third), each at its own file.
#[test]
fn every_audit_on_another_s_date_or_of_another_service_is_told_at_once() {
    let dir = tempfile::tempdir().unwrap();
    // Each a copy with its own first comment, so that none is the same
    // file as another (that is one audit given twice).
    for name in ["a.toml", "b.toml", "c.toml"] {
        copied(
            dir.path(),
            "2023-06-initial.toml",
            name,
            "# ",
            &format!("# {name}: "),
        );
    }
    copied(
        dir.path(),
        "2024-05-surveillance.toml",
        "d.toml",
        "江南链融科技有限公司",
        "北辰存证科技有限公司",
    );
    let output = bscore(&["--lang", "en", "history", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        said.matches("same date as a.toml (2023-06-01)").count(),
        2,
        "{said}"
    );
    assert!(said.contains("b.toml:15"), "{said}");
    assert!(said.contains("c.toml:15"), "{said}");
    assert_eq!(said.matches("but a.toml is of").count(), 1, "{said}");
    assert!(said.contains("d.toml:10"), "at its organization: {said}");
}

/// A name that differs from the first audit's by what a reader does not
/// see (here a zero-width space, U+200B, after 公司) is told as such, not
/// as another service.
#[test]
fn a_name_that_only_looks_the_same_is_told_so() {
    let dir = tempfile::tempdir().unwrap();
    copied(dir.path(), "2023-06-initial.toml", "1.toml", "", "");
    copied(
        dir.path(),
        "2024-05-surveillance.toml",
        "2.toml",
        "江南链融科技有限公司",
        "江南链融科技有限公司\u{200b}",
    );
    for (lang, words) in [
        ("en", "the two names look alike but their characters differ"),
        ("zh", "两处名称看起来一样，但字符不同"),
    ] {
        let output = bscore(&["--lang", lang, "history", dir.path().to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains(words), "{said}");
    }
}

/// The earlier audit of a date is named whole: 2026-05-recertification.toml
/// (28 characters) and the form converted from it differ only in their
/// ends, which a name cut after 24 characters would hide.
#[test]
fn the_audit_of_the_same_date_is_named_whole() {
    let dir = tempfile::tempdir().unwrap();
    let toml = copied(
        dir.path(),
        "2026-05-recertification.toml",
        "2026-05-recertification.toml",
        "",
        "",
    );
    let form = dir.path().join("2026-05-recertification.xlsx");
    let converted = bscore(&["convert", &toml, "-o", form.to_str().unwrap()]);
    assert_eq!(converted.status.code(), Some(0), "{converted:?}");
    let output = bscore(&["--lang", "en", "history", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("same date as 2026-05-recertification.toml (2026-05-12)"),
        "{said}"
    );
}

/// An initial evaluation opens its cycle on its own date (docs/cli.md):
/// one declaring cycle_start 2020-01-01 on 2023-06-01 would put its
/// re-evaluation (2023-01-01) before itself, and is refused at that key
/// (exit 2), in both languages, rather than read into the history.
#[test]
fn an_initial_evaluation_declaring_another_cycle_start_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    copied(
        dir.path(),
        "2023-06-initial.toml",
        "1.toml",
        "kind = \"initial\"",
        "kind = \"initial\"\ncycle_start = 2020-01-01",
    );
    copied(dir.path(), "2024-05-surveillance.toml", "2.toml", "", "");
    for (lang, words) in [
        ("en", "though this evaluation opens a new cycle"),
        ("zh", "而本次评价开始新的认证周期"),
    ] {
        let output = bscore_command()
            .args(["--lang", lang, "history", dir.path().to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(
            said.contains("audit.cycle_start") && said.contains(words),
            "{said}"
        );
    }
}

/// The breach table names the rule in the assessor's words in Chinese (its
/// id in English, as the docs and JSON name it), and the due date is the
/// latest day: 2024-03-01 + 1 year = 2025-03-01, on which it was in time.
#[test]
fn a_breach_is_named_in_the_assessor_s_words() {
    let zh = stdout(&bscore(&[
        "--lang",
        "zh",
        "history",
        &breach(),
        "--format",
        "markdown",
    ]));
    assert!(zh.contains("| 监督评价间隔超过一年 |"), "{zh}");
    assert!(!zh.contains("surveillance\\_interval"), "{zh}");
    assert!(
        zh.contains("2024-03-01 之后最迟应在 2025-03-01 再次评价"),
        "{zh}"
    );
    let en = stdout(&bscore(&[
        "--lang",
        "en",
        "history",
        &breach(),
        "--format",
        "markdown",
    ]));
    assert!(en.contains("| surveillance\\_interval |"), "{en}");
}

/// One evaluation has one rate per category: the table has its date once
/// and no change column (94.24% is 服务要求's rate in 2023-06-initial.toml).
#[test]
fn one_evaluation_s_rates_are_shown_once() {
    let one = format!("{}/2023-06-initial.toml", jiangnan());
    let markdown = stdout(&bscore(&[
        "--lang", "zh", "history", &one, "--format", "markdown",
    ]));
    assert!(markdown.contains("| 大类 | 2023-06-01 |\n"), "{markdown}");
    assert!(markdown.contains("| 服务要求 | 94.24% |\n"), "{markdown}");
}

/// The chart's labels have classes of their own: the page's `.score` rule
/// (13 pt, for the report's score) would otherwise enlarge them past the
/// room the chart thins them out by, and they would overlap.
#[test]
fn the_chart_s_labels_are_not_styled_by_the_page() {
    let page = stdout(&bscore(&[
        "--lang",
        "zh",
        "history",
        &jiangnan(),
        "--format",
        "html",
    ]));
    assert!(page.contains(".score {"), "the page has the rule");
    assert!(!page.contains("<text class=\"score\""), "{page}");
    assert!(!page.contains("<text class=\"date\""), "{page}");
    // The four scores, each labelled.
    assert_eq!(page.matches("<text class=\"point-score\"").count(), 4);
}

/// The same audit named twice (here its folder and the file in it) is told
/// as given twice, not as two evaluations of one date: both are the bytes
/// of 2023-06-initial.toml.
#[test]
fn one_audit_named_twice_is_told_as_such() {
    let one = format!("{}/2023-06-initial.toml", jiangnan());
    let output = bscore(&["history", &one, &jiangnan()]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("this audit is the same as 2023-06-initial.toml, byte for byte"),
        "{said}"
    );
    assert!(!said.contains("same date as"), "{said}");
}

/// `--ascii` draws nothing but ASCII bar the audits' own text: the
/// sparklines' blocks (▁…█) are left out with the box characters, and the
/// trend column with them (Category, then the first and latest dates).
#[test]
fn ascii_tables_leave_the_sparklines_out() {
    let table = stdout(&bscore(&["history", &breach(), "--ascii"]));
    let own = ["北辰存证科技有限公司", "司法电子存证区块链服务"];
    for line in table.lines() {
        let line = own
            .iter()
            .fold(line.to_owned(), |line, name| line.replace(name, ""));
        assert!(line.is_ascii(), "{line}");
    }
    assert!(!table.contains("Score trend"), "{table}");
    assert!(table.contains("| Category "), "{table}");
    assert!(!table.contains("Trend"), "{table}");
}

/// A long history's sparklines draw the latest 40 evaluations after `…`,
/// on one line: 45 yearly evaluations of the same audit (2000 … 2044, the
/// initial of 2023-06-01 re-dated, re-evaluated every third year so that
/// the cycle is kept) give `…` and 40 equal bars, in the overview and in
/// each category's row.
#[test]
fn a_long_history_s_sparkline_stays_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut start = 2000;
    for at in 0..45 {
        let year = 2000 + at;
        let kind = match at {
            0 => "kind = \"initial\"".to_owned(),
            _ if at % 3 == 0 => {
                start = year;
                "kind = \"recertification\"".to_owned()
            }
            _ => format!("kind = \"surveillance\"\ncycle_start = {start}-06-01"),
        };
        let name = format!("{year}.toml");
        let path = copied(
            dir.path(),
            "2023-06-initial.toml",
            &name,
            "kind = \"initial\"",
            &kind,
        );
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replacen("date = 2023-06-01", &format!("date = {year}-06-01"), 1),
        )
        .unwrap();
    }
    let output = bscore(&["history", dir.path().to_str().unwrap(), "--width", "200"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let table = stdout(&output);
    let bars = |line: &str| line.chars().filter(|c| ('▁'..='█').contains(c)).count();
    let trends: Vec<&str> = table.lines().filter(|line| line.contains('…')).collect();
    // The overview and the four categories.
    assert_eq!(trends.len(), 5, "{table}");
    assert!(trends.iter().all(|line| bars(line) == 40), "{table}");
}

/// An audit of another service is told once, as such: b.toml names
/// another organisation on a.toml's date (2023-06-01), and is not part of
/// the series whose dates are compared.
#[test]
fn an_audit_of_another_service_is_not_told_again_for_its_date() {
    let dir = tempfile::tempdir().unwrap();
    copied(dir.path(), "2023-06-initial.toml", "a.toml", "", "");
    copied(
        dir.path(),
        "2023-06-initial.toml",
        "b.toml",
        "江南链融科技有限公司",
        "北辰存证科技有限公司",
    );
    let output = bscore(&["history", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(said.matches("error:").count(), 1, "{said}");
    assert!(said.contains("but a.toml is of"), "{said}");
}
