//! Sampled items and sites in an audit: the coefficient is k/n of the
//! items as written (worked by hand from the example's lines), every bad
//! shape is an error at its line in both languages, a recorded draw is
//! drawn again from its list, and a 细则's minimum is met by a sample of
//! the whole population.

use crate::common::{bscore, bscore_command, example, ratio};
use bscore::{Audit, Checklist, Measure, SiteTally};
use std::path::Path;

/// An audit's text with `from` replaced by `to`, which must be there.
fn edited(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

/// The multi-site example and its pools, copied to a folder of their own.
fn copied_example() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("pools")).unwrap();
    let pool = example("pools/test-cases.txt");
    std::fs::copy(pool, dir.path().join("pools/test-cases.txt")).unwrap();
    let text = std::fs::read_to_string(example("gold-multi-site.toml")).unwrap();
    (dir, text)
}

/// `bscore validate` of `text` written as `audit.toml` in `dir`, in
/// `lang`: its exit code and standard error.
fn validated(dir: &Path, text: &str, lang: &str) -> (Option<i32>, String) {
    let path = dir.join("audit.toml");
    std::fs::write(&path, text).unwrap();
    let output = bscore_command()
        .args(["validate", path.to_str().unwrap(), "--lang", lang])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), stderr)
}

fn tally(site: &str, sampled: u64, nonconforming: u64) -> SiteTally {
    SiteTally {
        site: site.into(),
        sampled,
        nonconforming,
    }
}

#[test]
fn items_give_the_coefficient_k_over_n_and_the_split_by_site() {
    let checklist = Checklist::builtin();
    let text = std::fs::read_to_string(example("gold-multi-site.toml")).unwrap();
    let audit = Audit::parse("gold-multi-site.toml", &text, &checklist).unwrap();
    let entry = |id: &str| &audit.entries[checklist.lookup(id).unwrap()];
    // Counted by hand from the example's lines: 12 change requests, 5 of
    // them `conforms = false` (3 at sh, 1 at bj, 1 at sz).
    let changes = entry("4.4.e");
    assert_eq!(changes.measure().unwrap().coefficient(), ratio(5, 12));
    assert_eq!(changes.population, Some(40));
    let samples = changes.samples.as_ref().unwrap();
    assert_eq!(
        samples.by_site(&audit.sites),
        [tally("sh", 5, 3), tally("bj", 4, 1), tally("sz", 3, 1)]
    );
    let failed: Vec<&str> = (samples.nonconforming_items())
        .map(|item| item.item.as_str())
        .collect();
    assert_eq!(
        failed,
        [
            "CR-2026-007",
            "CR-2026-015",
            "CR-2026-019",
            "CR-2026-030",
            "CR-2026-037"
        ]
    );
    // 7.2.d-3: four plans at two sites, none at sz, which is left out.
    let plans = entry("7.2.d-3");
    assert_eq!(
        plans.measure(),
        Some(&Measure::Sample {
            sampled: 4,
            nonconforming: 1
        })
    );
    let split = plans.samples.as_ref().unwrap().by_site(&audit.sites);
    assert_eq!(split, [tally("sh", 2, 0), tally("bj", 2, 1)]);
    let drawn = entry("4.5.c").samples.as_ref().unwrap().drawn.as_ref();
    assert_eq!(drawn.unwrap().seed, "2026-05-18 评价组");
    assert_eq!(audit.site("sz").unwrap().name, "深圳灾备中心");
}

#[test]
fn the_items_score_as_the_counts_they_stand_for() {
    // The multi-site example lists, item by item, the samples of the gold
    // example (5/12, 2/6, 1/4): the same score to the last digit.
    let score = |name: &str| {
        let output = bscore(&["evaluate", &example(name), "--format", "json"]);
        assert_eq!(output.status.code(), Some(0), "{name}");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        json["score_exact"].clone()
    };
    let counts = score("gold-supply-chain-finance.toml");
    assert_eq!(counts, "1325/14");
    assert_eq!(score("gold-multi-site.toml"), counts);
}

/// Each mistake, where it is reported (line:column) and words its message
/// holds in English and in Chinese.
const MISTAKES: [(&str, &str, &str, &str, &str); 10] = [
    (
        "a repeated item",
        "\"CR-2026-031\", site = \"bj\"",
        "\"CR-2026-022\", site = \"bj\"",
        "is listed on line 56 already",
        "已在第 56 行列出",
    ),
    (
        "a blank item",
        "item = \"CR-2026-040\"",
        "item = \"  \"",
        "must not be empty",
        "不能为空",
    ),
    (
        "an undeclared site",
        "site = \"bj\", conforms = false",
        "site = \"bjj\", conforms = false",
        "unknown site `bjj`",
        "未知的现场 `bjj`",
    ),
    (
        "an empty list",
        "\"7.2.b-4\" = 0",
        "\"7.2.b-4\" = { samples = [] }",
        "the list of samples is empty",
        "样本列表是空的",
    ),
    (
        "a population below the sample",
        "population = 40",
        "population = 10",
        "(10) is smaller than the sample (12)",
        "（10）小于样本数（12）",
    ),
    (
        "samples beside a coefficient",
        "\"7.2.d-3\" = { record",
        "\"7.2.d-3\" = { coefficient = 0.25, record",
        "more than one assessment",
        "评价结果多于一项",
    ),
    (
        "conforms as text",
        "\"CR-2026-040\", site = \"sz\", conforms = true",
        "\"CR-2026-040\", site = \"sz\", conforms = \"是\"",
        "write conforms = true",
        "改为 conforms = true",
    ),
    (
        "a draw without samples",
        "\"4.4.a\" = 0",
        "\"4.4.a\" = { coefficient = 0, drawn = { seed = \"s\", from = \"p.txt\", sha256 = \"00\" } }",
        "but no `samples` are listed",
        "却没有列出抽到的样本",
    ),
    (
        "a digest that is not one",
        "sha256 = \"8420cf1a",
        "sha256 = \"8420cf1g",
        "must be 64 hexadecimal digits",
        "应为 64 位十六进制数字",
    ),
    (
        "a site id used twice",
        "id = \"sz\"",
        "id = \"sh\"",
        "site id \"sh\" is used on line 17 already",
        "现场编号“sh”已在第 17 行用过",
    ),
];

#[test]
fn every_bad_shape_is_an_error_at_its_value_in_both_languages() {
    let (dir, text) = copied_example();
    assert_eq!(validated(dir.path(), &text, "en").0, Some(0));
    for (what, from, to, english, chinese) in MISTAKES {
        let text = edited(&text, from, to);
        let (code, en) = validated(dir.path(), &text, "en");
        assert_eq!(code, Some(2), "{what}: {en}");
        assert!(en.contains(english), "{what}: {en}");
        assert!(en.contains("audit.toml:"), "{what} is located: {en}");
        let (_, zh) = validated(dir.path(), &text, "zh");
        assert!(zh.contains(chinese), "{what}: {zh}");
    }
}

#[test]
fn an_undeclared_site_is_placed_and_the_site_meant_suggested() {
    let (dir, text) = copied_example();
    let text = edited(
        &text,
        "site = \"bj\", conforms = false",
        "site = \"bjj\", conforms = false",
    );
    let (_, en) = validated(dir.path(), &text, "en");
    // Line 58 of the example, column 34: the site's value.
    assert!(en.contains("audit.toml:58:34"), "{en}");
    assert!(en.contains("did you mean `bj`?"), "{en}");
}

#[test]
fn a_recorded_draw_is_drawn_again_and_a_hand_picked_item_named() {
    let (dir, text) = copied_example();
    // TC-2026-001 is not among the six the seed draws from the list
    // (Python: sorted(items, key=sha256(f"{seed}:{item}")) keeps 048, 030,
    // 036, 005, 044 and 037).
    let picked = edited(&text, "TC-2026-044", "TC-2026-001");
    let (code, en) = validated(dir.path(), &picked, "en");
    assert_eq!(code, Some(2), "{en}");
    assert!(
        en.contains("item \"TC-2026-001\" is not among the 6 drawn"),
        "{en}"
    );
    assert!(en.contains("audit.toml:71:12"), "{en}");
    assert!(en.contains("--size 6 --seed \"2026-05-18 评价组\""), "{en}");
    assert_eq!(en.matches("error:").count(), 1, "{en}");
    // An item not in the list at all.
    let foreign = edited(&text, "TC-2026-044", "TC-9999-001");
    let (_, en) = validated(dir.path(), &foreign, "en");
    assert!(
        en.contains("is not in the list pools/test-cases.txt"),
        "{en}"
    );
}

#[test]
fn a_list_changed_after_the_draw_or_missing_is_named_at_its_key() {
    let (dir, text) = copied_example();
    let pool = dir.path().join("pools/test-cases.txt");
    let mut list = std::fs::read_to_string(&pool).unwrap();
    list.push_str("TC-2026-049\n");
    std::fs::write(&pool, list).unwrap();
    let (code, en) = validated(dir.path(), &text, "en");
    assert_eq!(code, Some(2), "{en}");
    assert!(en.contains("the list changed after the draw"), "{en}");
    assert!(en.contains("drawn.sha256"), "{en}");
    std::fs::remove_file(&pool).unwrap();
    let (code, zh) = validated(dir.path(), &text, "zh");
    assert_eq!(code, Some(2), "{zh}");
    assert!(zh.contains("无法使用清单"), "{zh}");
    assert!(zh.contains("drawn.from"), "{zh}");
}

/// A 细则 asking 4.4.e for a sample of at least 8 items.
const RULES: &str = r#"[rules]
title = "抽样细则"
standard = "T/STIC130010-2022"
version = "1"

[indicators."4.4.e"]
sample = { unit = "需求变更记录", minimum = 8 }
"#;

#[test]
fn a_sample_of_the_whole_population_meets_any_minimum() {
    let (dir, text) = copied_example();
    let rules = dir.path().join("rules.toml");
    std::fs::write(&rules, RULES).unwrap();
    let check = |text: &str| {
        let path = dir.path().join("audit.toml");
        std::fs::write(&path, text).unwrap();
        let args = ["validate", path.to_str().unwrap(), "--rules"];
        let output = bscore_command().args(args).arg(&rules).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        (output.status.code(), stderr)
    };
    // Twelve items meet a minimum of 8.
    assert_eq!(check(&text).0, Some(0), "{}", check(&text).1);
    // Five of the twelve, of a population of 40: too few.
    let five = five_of_twelve(&text);
    let (code, en) = check(&five);
    assert_eq!(code, Some(2), "{en}");
    assert!(en.contains("a sample of 5 is smaller than the 8"), "{en}");
    assert!(en.contains("samples"), "{en}");
    // The same five as the whole population: all there is.
    let whole = edited(&five, "population = 40", "population = 5");
    assert_eq!(check(&whole).0, Some(0), "{}", check(&whole).1);
}

/// The example with only the first five items of 4.4.e.
fn five_of_twelve(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|line| line.starts_with("\"4.4.e\""))
        .unwrap();
    let kept: Vec<&str> = (lines.iter().enumerate())
        .filter(|(at, _)| *at <= start + 5 || *at > start + 12)
        .map(|(_, line)| *line)
        .collect();
    kept.join("\n") + "\n"
}

#[test]
fn a_report_names_the_first_hundred_nonconforming_items_and_counts_the_rest() {
    let (dir, text) = copied_example();
    // 150 items, every one nonconforming: 100 named, 50 counted.
    let items: String = (0..150)
        .map(|i| format!("  {{ item = \"X-{i:03}\", conforms = false }},\n"))
        .collect();
    let text = edited(
        &text,
        "\"4.5.a\" = 0",
        &format!("\"4.5.a\" = {{ samples = [\n{items}] }}"),
    );
    let path = dir.path().join("audit.toml");
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap();
    let output = bscore(&["evaluate", path, "--format", "markdown"]);
    let markdown = String::from_utf8_lossy(&output.stdout);
    assert!(markdown.contains("X-099"), "{markdown}");
    assert!(!markdown.contains("X-100"), "{markdown}");
    assert!(markdown.contains("and 50 more (the JSON result lists every item)"));
    let output = bscore(&["evaluate", path, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let listed = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|indicator| indicator["id"] == "4.5.a")
        .unwrap()["samples"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(listed, 150);
}

#[test]
fn an_item_or_site_typed_in_full_width_characters_is_named_as_such() {
    let (dir, text) = copied_example();
    // CR-2026-040 again, typed in a Chinese keyboard's full-width mode.
    let again = edited(
        &text,
        "{ item = \"CR-2026-040\", site = \"sz\", conforms = true },",
        "{ item = \"CR-2026-040\", site = \"sz\", conforms = true },\n  { item = \"ＣＲ－２０２６－０４０\", site = \"ｓｚ\", conforms = true },",
    );
    let (code, en) = validated(dir.path(), &again, "en");
    assert_eq!(code, Some(2), "{en}");
    assert!(
        en.contains("is \"CR-2026-040\" of line 62 typed in full-width characters"),
        "{en}"
    );
    assert!(en.contains("write site = \"sz\""), "{en}");
    let (_, zh) = validated(dir.path(), &again, "zh");
    assert!(zh.contains("只是用了全角字符"), "{zh}");
}

#[test]
fn a_draw_from_a_pipe_is_refused_without_waiting() {
    let (dir, text) = copied_example();
    let fifo = dir.path().join("pools/fifo");
    // mkfifo is coreutils': a machine without it fails the test rather
    // than pass it untried.
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|status| status.success()), "mkfifo failed");
    let text = edited(
        &text,
        "from = \"pools/test-cases.txt\"",
        "from = \"pools/fifo\"",
    );
    // Were the pipe opened, validation would wait for a writer for ever.
    let (code, en) = validated(dir.path(), &text, "en");
    assert_eq!(code, Some(2), "{en}");
    assert!(en.contains("it is not a regular file"), "{en}");
}

#[test]
fn a_drawn_samples_population_is_its_lists_count() {
    let (dir, text) = copied_example();
    // The list holds 48 items (TC-2026-001 … 048): a population of 6
    // would let the sample pass any minimum as the whole population.
    let text = edited(&text, "population = 48", "population = 6");
    let (code, en) = validated(dir.path(), &text, "en");
    assert_eq!(code, Some(2), "{en}");
    assert!(
        en.contains("the population of 6 is not the 48 items of pools/test-cases.txt"),
        "{en}"
    );
    assert!(en.contains("write population = 48"), "{en}");
}

#[test]
fn an_invisible_character_in_an_item_and_a_sites_name_twice_are_named() {
    let (dir, text) = copied_example();
    let pasted = edited(
        &text,
        "item = \"CR-2026-040\"",
        "item = \"CR-2026-040\u{200b}\"",
    );
    let (code, en) = validated(dir.path(), &pasted, "en");
    assert_eq!(code, Some(2), "{en}");
    assert!(en.contains("holds the invisible character U+200B"), "{en}");
    let twice = edited(&text, "name = \"深圳灾备中心\"", "name = \"上海数据中心\"");
    let (code, en) = validated(dir.path(), &twice, "en");
    assert_eq!(code, Some(2), "{en}");
    assert!(
        en.contains("site name \"上海数据中心\" is used on line"),
        "{en}"
    );
}

#[test]
fn a_site_without_its_name_is_one_error_not_one_an_item() {
    let (dir, text) = copied_example();
    let text = edited(&text, "name = \"深圳灾备中心\"\n", "");
    let (code, en) = validated(dir.path(), &text, "en");
    assert_eq!(code, Some(2), "{en}");
    assert_eq!(en.matches("error:").count(), 1, "{en}");
    assert!(!en.contains("unknown site"), "{en}");
}

#[test]
fn compare_names_an_item_that_moved_to_another_site() {
    let (dir, text) = copied_example();
    // CR-2026-031 conforms at bj in both; in the second audit it is at sz.
    let moved = edited(
        &text,
        "\"CR-2026-031\", site = \"bj\"",
        "\"CR-2026-031\", site = \"sz\"",
    );
    let (old, new) = (dir.path().join("old.toml"), dir.path().join("new.toml"));
    std::fs::write(&old, &text).unwrap();
    std::fs::write(&new, &moved).unwrap();
    let args = ["compare", old.to_str().unwrap(), new.to_str().unwrap()];
    let table = String::from_utf8_lossy(&bscore(&args).stdout).into_owned();
    assert!(
        table.contains("CR-2026-031 (北京运营中心 → 深圳灾备中心)"),
        "{table}"
    );
    let output = bscore(&[&args[..], &["--format", "json"]].concat());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let items = &json["changes"][0]["items"][0];
    assert_eq!(items["site"], "sz");
    assert_eq!(items["moved_from"], "bj");
    assert_eq!(items["old_conforms"], true);
    assert_eq!(items["new_conforms"], true);
}

#[test]
fn a_key_typed_as_the_forms_chinese_heading_is_told_its_english_key() {
    let (dir, text) = copied_example();
    // The only item of a list written with the samples sheet's headings.
    let text = edited(
        &text,
        "\"4.4.a\" = 0",
        "\"4.4.a\" = { samples = [\n  { item = \"CR-1\", 现场 = \"sh\", 符合 = false },\n] }",
    );
    let (code, zh) = validated(dir.path(), &text, "zh");
    assert_eq!(code, Some(2), "{zh}");
    assert!(zh.contains("键名用英文：把 现场 改为 site"), "{zh}");
    // The list is not also said to be empty: its one line was set aside.
    assert!(!zh.contains("样本列表是空的"), "{zh}");
    let (_, en) = validated(dir.path(), &text, "en");
    assert!(en.contains("write site for 现场"), "{en}");
}

#[test]
fn a_verdict_in_words_without_quotes_and_an_item_that_is_no_table_are_told_how_to_write() {
    let (dir, text) = copied_example();
    let words = edited(
        &text,
        "\"CR-2026-040\", site = \"sz\", conforms = true",
        "\"CR-2026-040\", site = \"sz\", conforms = 是",
    );
    let (code, zh) = validated(dir.path(), &words, "zh");
    assert_eq!(code, Some(2), "{zh}");
    assert!(zh.contains("不加引号：如 conforms = true"), "{zh}");
    let bare = edited(
        &text,
        "\"4.4.a\" = 0",
        "\"4.4.a\" = { samples = [\"CR-1\"] }",
    );
    let (_, en) = validated(dir.path(), &bare, "en");
    assert!(
        en.contains("each item is written { item = \"its number\", conforms = true }"),
        "{en}"
    );
}

#[test]
fn full_width_marks_on_an_item_line_are_named_with_the_line_to_write() {
    let (dir, text) = copied_example();
    let typed = edited(
        &text,
        "{ item = \"CR-2026-040\", site = \"sz\", conforms = true },",
        "{ item = “CR-2026-040”， site = \"sz\", conforms = true },",
    );
    let (code, zh) = validated(dir.path(), &typed, "zh");
    assert_eq!(code, Some(2), "{zh}");
    assert!(zh.contains("用了全角字符"), "{zh}");
    assert!(
        zh.contains("改为 { item = \"CR-2026-040\", site = \"sz\", conforms = true },"),
        "{zh}"
    );
}

#[test]
fn sites_written_under_audit_or_without_a_name_are_told_by_their_header() {
    let (dir, text) = copied_example();
    let under = edited(
        &text,
        "\n[[sites]]\nid = \"sh\"",
        "\n[[audit.sites]]\nid = \"sh\"",
    );
    let (code, en) = validated(dir.path(), &under, "en");
    assert_eq!(code, Some(2), "{en}");
    assert!(
        en.contains(
            "[[sites]] is a table of its own: write it at the top level, not under [audit]"
        ),
        "{en}"
    );
    let nameless = edited(&text, "name = \"深圳灾备中心\"\n", "");
    let (_, en) = validated(dir.path(), &nameless, "en");
    assert!(en.contains("[[sites]] is missing name"), "{en}");
}

#[test]
fn a_seed_that_cannot_be_retyped_or_a_list_from_standard_input_is_refused() {
    let (dir, text) = copied_example();
    for (seed, what) in [
        ("2026-05-18 评价组 ", "a space at its end"),
        ("2026-05-18\u{200b}", "a zero-width space"),
    ] {
        let typed = edited(
            &text,
            "seed = \"2026-05-18 评价组\"",
            &format!("seed = \"{seed}\""),
        );
        let (code, en) = validated(dir.path(), &typed, "en");
        assert_eq!(code, Some(2), "{what}: {en}");
        assert!(en.contains("drawn.seed"), "{what}: {en}");
        assert!(
            en.contains("a draw is repeated with the seed exactly as typed"),
            "{what}: {en}"
        );
    }
    let piped = edited(&text, "from = \"pools/test-cases.txt\"", "from = \"-\"");
    let (code, en) = validated(dir.path(), &piped, "en");
    assert_eq!(code, Some(2), "{en}");
    assert!(
        en.contains("the list was read from standard input (-) and not kept"),
        "{en}"
    );
}
