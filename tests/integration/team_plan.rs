//! `bscore plan` (docs/team.md): the example plan's assignment worked by
//! hand, every error of a plan file located in both languages, and each
//! format's shape (JSON, XLSX read back, HTML in both languages).

use crate::common::{bscore, bscore_command, example, stdout};
use bscore::Checklist;

/// The example plan.
fn plan() -> String {
    example("team/plan.toml")
}

/// The example plan's JSON, with the example 细则 when `rules`.
fn plan_json(rules: bool) -> serde_json::Value {
    let rules_file = example("rules/example-rules.toml");
    let mut args = vec!["plan", "--format", "json"];
    let plan = plan();
    args.push(&plan);
    if rules {
        args.extend(["--rules", &rules_file]);
    }
    let output = bscore(&args);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Worked by hand from checklists/t-stic-130010-2022.toml: 王五 may assess
/// service (33 points) and management (17), 赵六 technical (25) and
/// compliance (25); [assign] gives 王五 6.2.d (compliance, 2.5 points).
/// So 王五 assesses 33 + 17 + 2.5 = 52.5 points and 赵六 25 + 25 − 2.5 =
/// 47.5; by count, service has 36 indicators and management 19, technical
/// 22 and compliance 9: 王五 36 + 19 + 1 = 56, 赵六 22 + 9 − 1 = 30.
#[test]
fn the_example_plan_gives_each_member_their_categories_and_the_assigned_one() {
    let checklist = Checklist::builtin();
    let count = |id: &str| {
        let category = checklist
            .categories
            .iter()
            .position(|c| c.id == id)
            .unwrap();
        (checklist.indicators.iter())
            .filter(|indicator| indicator.category == category)
            .count()
    };
    assert_eq!(
        [
            count("service"),
            count("management"),
            count("technical"),
            count("compliance")
        ],
        [36, 19, 22, 9]
    );
    let json = plan_json(false);
    let members = json["members"].as_array().unwrap();
    assert_eq!(members.len(), 2);
    assert_eq!(members[0]["name"], "王五");
    assert_eq!(members[0]["leader"], true);
    assert_eq!(members[0]["points"], 52.5);
    assert_eq!(members[0]["points_exact"], "105/2");
    assert_eq!(members[0]["indicators"], 56);
    assert_eq!(members[1]["name"], "赵六");
    assert_eq!(members[1]["points"], 47.5);
    assert_eq!(members[1]["points_exact"], "95/2");
    assert_eq!(members[1]["indicators"], 30);
    let indicators = json["indicators"].as_array().unwrap();
    assert_eq!(indicators.len(), checklist.indicators.len());
    let of = |id: &str| indicators.iter().find(|i| i["id"] == id).unwrap().clone();
    assert_eq!(of("6.2.d")["assessor"], "王五");
    assert_eq!(of("6.2.d")["assigned"], true);
    assert_eq!(of("6.2.a")["assessor"], "赵六");
    assert_eq!(of("6.2.a")["assigned"], false);
    assert_eq!(of("4.1.a")["assessor"], "王五");
    assert_eq!(of("5.1")["assessor"], "赵六");
    assert_eq!(of("7.1.a-1")["assessor"], "王五");
}

#[test]
fn the_json_plan_has_the_header_the_sites_and_each_indicators_rule() {
    let json = plan_json(true);
    let head = &json["plan"];
    assert_eq!(head["organization"], "示例科技有限公司");
    assert_eq!(head["kind"], "initial");
    assert_eq!(head["from"], "2026-05-18");
    assert_eq!(head["to"], "2026-05-20");
    assert_eq!(head["leader"], "王五");
    assert_eq!(json["sites"][0]["id"], "sh");
    assert_eq!(json["sites"][0]["name"], "上海数据中心");
    assert!(json["rules"]["title"].is_string());
    let indicators = json["indicators"].as_array().unwrap();
    for indicator in indicators {
        for key in ["id", "assessor", "methods", "evidence", "sample", "sites"] {
            assert!(indicator.get(key).is_some(), "{key} in {indicator}");
        }
        assert_eq!(indicator["sites"][0], "sh");
    }
    let first = &indicators[0];
    assert!(!first["methods"].as_array().unwrap().is_empty(), "{first}");
    assert!(!first["evidence"].as_array().unwrap().is_empty(), "{first}");
    let sampled = indicators.iter().find(|i| i["sample"].is_object()).unwrap();
    assert!(sampled["sample"]["minimum"].as_u64().unwrap() >= 1);
    assert!(sampled["sample"]["unit"].is_string());
    // Without the 细则, nothing is made up.
    let bare = plan_json(false);
    assert!(bare["rules"].is_null());
    for indicator in bare["indicators"].as_array().unwrap() {
        assert_eq!(indicator["methods"], serde_json::json!([]));
        assert!(indicator["sample"].is_null());
    }
}

/// A plan file holding `text`, in `dir`.
fn plan_file(dir: &tempfile::TempDir, text: &str) -> String {
    let path = dir.path().join("plan.toml");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// The example plan with `from` replaced by `to`.
fn example_with(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(plan()).unwrap();
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

/// `plan` refused (exit 2) in `lang`: its standard error.
fn refused(path: &str, lang: &str) -> String {
    let output = bscore_command()
        .args(["plan", path, "--lang", lang])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(output.stdout.is_empty());
    String::from_utf8(output.stderr).unwrap()
}

/// Each mistake, the place it is told at, and a piece of its message in
/// Chinese and in English.
const MISTAKES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "kind = \"initial\"",
        "kind = \"inital\"",
        ":8:8",
        "未知的评价类型 `inital`",
        "did you mean `initial`?",
    ),
    (
        "to = 2026-05-20",
        "to = 2026-05-10",
        ":10:6",
        "早于开始日期",
        "is before the first",
    ),
    (
        "leader = \"王五\"",
        "leader = \"王武\"",
        ":11:10",
        "不是评价组 [[team]] 的组员",
        "is not a member of [[team]]",
    ),
    (
        "organization = \"示例科技有限公司\"",
        "organisation = \"示例科技有限公司\"",
        ":6:1",
        "未知的键 `organisation`",
        "did you mean `organization`?",
    ),
    (
        "[\"service\", \"management\"]",
        "[\"service\", \"managment\"]",
        ":15:26",
        "未知的类别 `managment`",
        "did you mean `management`?",
    ),
    (
        "name = \"赵六\"",
        "name = \"王五\"",
        ":18:8",
        "已在第 14 行列出",
        "is listed on line 14 already",
    ),
    (
        "\"6.2.d\" = \"王五\"",
        "\"6.2.x\" = \"王五\"",
        ":26:1",
        "未知的指标编号 `6.2.x`",
        "did you mean `6.2.a`?",
    ),
    (
        "\"6.2.d\" = \"王五\"",
        "\"6.2.d\" = \"王六\"",
        ":26:11",
        "未知的组员 `王六`",
        "unknown team member `王六`",
    ),
    (
        "categories = [\"technical\", \"compliance\"]",
        "categories = [\"technical\"]",
        ":13:1",
        "没有组员可以评价合规性要求（compliance）的 8 个指标",
        "add \"compliance\" to a member's categories, or name each indicator's assessor in [assign]",
    ),
    (
        "\"6.2.d\" = \"王五\"",
        "6.2.d = \"王五\"",
        ":26:1",
        "须加英文双引号",
        "write \"6.2.d\" = \"王五\"",
    ),
    (
        "from = 2026-05-18",
        "from = \"2026-05-18\"",
        ":9:8",
        "日期不加引号",
        "without quotes",
    ),
    (
        "service = \"供应链金融区块链服务\"",
        "service ＝ \"供应链金融区块链服务\"",
        ":7:9",
        "全角",
        "full-width",
    ),
    (
        "organization = \"示例科技有限公司\"",
        "organization = “示例科技有限公司”",
        ":6:16",
        "全角",
        "full-width",
    ),
];

#[test]
fn every_mistake_is_located_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    for (from, to, at, zh, en) in MISTAKES {
        let path = plan_file(&dir, &example_with(from, to));
        let in_zh = refused(&path, "zh");
        assert!(in_zh.contains(&format!("plan.toml{at}")), "{to}: {in_zh}");
        assert!(in_zh.contains(zh), "{to}: {in_zh}");
        let in_en = refused(&path, "en");
        assert!(in_en.contains(&format!("plan.toml{at}")), "{to}: {in_en}");
        assert!(in_en.contains(en), "{to}: {in_en}");
        assert!(!bscore::has_cjk(&english_words(&in_en)), "{in_en}");
    }
}

/// The English messages without the file's own lines and quoted names,
/// which are the assessor's and may be Chinese.
fn english_words(stderr: &str) -> String {
    (stderr.lines())
        .filter(|line| !line.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .filter(|line| !line.contains(" | "))
        .map(|line| {
            let mut kept = String::new();
            let mut quoted = false;
            for c in line.chars() {
                match c {
                    '`' | '"' | '“' | '”' => quoted = !quoted,
                    _ if !quoted => kept.push(c),
                    _ => {}
                }
            }
            kept
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_problem_of_a_plan_is_told_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = example_with("kind = \"initial\"", "kind = \"inital\"");
    text = text.replacen("leader = \"王五\"", "leader = \"王武\"", 1);
    text = text.replacen("\"6.2.d\" = \"王五\"", "\"6.2.x\" = \"王五\"", 1);
    text.push_str("\n[[sites]]\nid = \"sh\"\nname = \"北京\"\n");
    let path = plan_file(&dir, &text);
    let told = refused(&path, "en");
    for piece in ["inital", "王武", "6.2.x", "site id \"sh\" is used on line"] {
        assert!(told.contains(piece), "{piece}: {told}");
    }
    assert!(told.contains("4 errors"), "{told}");
}

#[test]
fn a_plan_without_its_tables_says_what_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = plan_file(&dir, "[plan]\norganization = \"示例\"\n");
    let told = refused(&path, "en");
    assert!(
        told.contains("[plan] is missing service, kind, from, to, leader"),
        "{told}"
    );
    assert!(told.contains("missing the team"), "{told}");
    let zh = refused(&path, "zh");
    assert!(
        zh.contains("[plan] 缺少 service、kind、from、to、leader"),
        "{zh}"
    );
}

#[test]
fn the_xlsx_plan_opens_and_holds_every_indicator_and_the_shares() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("计划.xlsx");
    let output = bscore(&["plan", &plan(), "-o", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = workbook.worksheet_range("Evaluation plan").unwrap();
    let cells: Vec<String> = sheet.cells().map(|(_, _, cell)| cell.to_string()).collect();
    for id in Checklist::builtin().indicators.iter().map(|i| &i.id) {
        assert!(cells.contains(id), "{id}");
    }
    assert!(cells.iter().any(|cell| cell == "52.5"), "{cells:?}");
    assert!(cells.iter().any(|cell| cell == "47.5"), "{cells:?}");
    assert!(
        cells.iter().any(|cell| cell == "王五 (assigned)"),
        "{cells:?}"
    );
}

#[test]
fn the_html_plan_is_in_either_language() {
    for (lang, words) in [
        ("zh", ["lang=\"zh-CN\"", "评价计划", "指标分工", "评价人"]),
        (
            "en",
            ["lang=\"en\"", "Evaluation plan", "Indicators", "Assessor"],
        ),
    ] {
        let output = bscore(&["plan", &plan(), "--format", "html", "--lang", lang]);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        let page = stdout(&output);
        for word in words {
            assert!(page.contains(word), "{lang}: {word}");
        }
        assert!(page.contains("@page { size: A4 landscape"));
    }
}

#[test]
fn the_format_follows_the_output_name_and_no_file_is_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.md");
    let path = path.to_str().unwrap();
    let output = bscore(&["plan", &plan(), "-o", path]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let markdown = std::fs::read_to_string(path).unwrap();
    assert!(markdown.starts_with("# Evaluation plan"), "{markdown}");
    assert!(markdown.contains("| 6.2.d |"), "{markdown}");
    let again = bscore(&["plan", &plan(), "-o", path]);
    assert_eq!(again.status.code(), Some(2), "{again:?}");
    assert_eq!(std::fs::read_to_string(path).unwrap(), markdown);
    let forced = bscore(&["plan", &plan(), "-o", path, "--force", "--lang", "zh"]);
    assert_eq!(forced.status.code(), Some(0), "{forced:?}");
    assert!(
        std::fs::read_to_string(path)
            .unwrap()
            .starts_with("# 评价计划")
    );
}

#[test]
fn the_table_fits_a_narrow_terminal() {
    let output = bscore(&["plan", &plan(), "--width", "60"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let text = stdout(&output);
    for line in text.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 60, "{line}");
    }
    assert!(text.contains("6.2.d"));
}

/// The part `template --plan` writes for `name`, in English.
fn part(name: &str) -> String {
    let output = bscore(&["template", "--plan", &plan(), "--assessor", name]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    stdout(&output)
}

/// The indicator ids a TOML part lists, in order.
fn listed_ids(part: &str) -> Vec<String> {
    (part.lines())
        .filter(|line| line.ends_with(" = \"?\""))
        .map(|line| {
            line.split(" = ")
                .next()
                .unwrap()
                .trim_matches('"')
                .to_string()
        })
        .collect()
}

#[test]
fn each_part_holds_the_plans_header_and_only_the_members_indicators() {
    let (wang, zhao) = (part("王五"), part("赵六"));
    for (text, name) in [(&wang, "王五"), (&zhao, "赵六")] {
        assert!(
            text.contains("organization = \"示例科技有限公司\""),
            "{text}"
        );
        assert!(text.contains("service = \"供应链金融区块链服务\""));
        assert!(text.contains("kind = \"initial\""));
        assert!(text.contains("date = 2026-05-18"));
        assert!(text.contains(&format!("assessors = [\"{name}\"]")));
        assert!(text.contains(&format!("part = \"{name}\"")));
        assert!(text.contains("[[sites]]\nid = \"sh\"\nname = \"上海数据中心\""));
    }
    let (wang_ids, zhao_ids) = (listed_ids(&wang), listed_ids(&zhao));
    // The figures of the plan, worked by hand above: 56 and 30.
    assert_eq!((wang_ids.len(), zhao_ids.len()), (56, 30));
    assert!(wang_ids.contains(&"6.2.d".to_string()));
    assert!(!zhao_ids.contains(&"6.2.d".to_string()));
    assert!(zhao_ids.contains(&"6.2.a".to_string()));
    // Together the parts list every indicator once.
    let mut all: Vec<String> = wang_ids.into_iter().chain(zhao_ids).collect();
    all.sort();
    let mut expected: Vec<String> = (Checklist::builtin().indicators.iter())
        .map(|indicator| indicator.id.clone())
        .collect();
    expected.sort();
    assert_eq!(all, expected);
}

#[test]
fn a_filled_part_validates_as_a_part() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zhao.toml");
    std::fs::write(&path, part("赵六").replace("= \"?\"", "= 0")).unwrap();
    let output = bscore(&["validate", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(stdout(&output).contains("30 indicators"), "{output:?}");
}

#[test]
fn an_unknown_assessor_is_told_with_the_team_in_both_languages() {
    for (lang, words) in [
        (
            "en",
            [
                "\"赵七\" is not a member of the team",
                "did you mean --assessor 赵六?",
            ],
        ),
        ("zh", ["评价组中没有“赵七”", "是否应为 --assessor 赵六？"]),
    ] {
        let output = bscore(&[
            "template",
            "--plan",
            &plan(),
            "--assessor",
            "赵七",
            "--lang",
            lang,
        ]);
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        let told = String::from_utf8(output.stderr).unwrap();
        for word in words {
            assert!(told.contains(word), "{lang}: {told}");
        }
        assert!(
            told.contains("王五") && told.contains("plan.toml"),
            "{told}"
        );
    }
}

#[test]
fn assessor_and_plan_go_together() {
    for args in [
        vec!["template", "--assessor", "赵六"],
        vec!["template", "--plan", "plan.toml"],
    ] {
        let output = bscore(&args);
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn the_part_form_has_only_the_members_rows_and_no_grade() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zhao.xlsx");
    let path = path.to_str().unwrap();
    let output = bscore(&[
        "template",
        "--plan",
        &plan(),
        "--assessor",
        "赵六",
        "-o",
        path,
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let name = workbook.sheet_names()[0].clone();
    let sheet = workbook.worksheet_range(&name).unwrap();
    let checklist = Checklist::builtin();
    let ids: Vec<String> = (sheet.rows())
        .filter_map(|row| row.first().map(|cell| cell.to_string()))
        .filter(|cell| checklist.lookup(cell).is_some())
        .collect();
    assert_eq!(ids, listed_ids(&part("赵六")));
    let cells: Vec<String> = sheet.cells().map(|(_, _, cell)| cell.to_string()).collect();
    assert!(cells.iter().any(|cell| cell == "赵六"), "{cells:?}");
    assert!(
        !cells
            .iter()
            .any(|cell| cell == "Grade" || cell == "Final score"),
        "{cells:?}"
    );
    // Read back, the form is 赵六's part: each of its 30 rows is his to
    // fill in, so the blank form is refused row by row, not passed.
    let back = dir.path().join("back.toml");
    let output = bscore(&[
        "--lang",
        "en",
        "convert",
        path,
        "-o",
        back.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let told = String::from_utf8_lossy(&output.stderr);
    assert!(
        told.contains("5.1 is not filled in: every row of a part is its member's to assess"),
        "{told}"
    );
    assert!(told.contains(": 30 errors"), "{told}");
    assert!(!back.exists());
}

#[test]
fn a_broken_rules_file_is_told_with_the_plans_own_problems() {
    let dir = tempfile::tempdir().unwrap();
    let plan_path = plan_file(
        &dir,
        &example_with("kind = \"initial\"", "kind = \"inital\""),
    );
    let rules = dir.path().join("rules.toml");
    std::fs::write(&rules, "[rules]\ntitle = 1\n").unwrap();
    let output = bscore(&["plan", &plan_path, "--rules", rules.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let told = String::from_utf8(output.stderr).unwrap();
    assert!(told.contains("rules.toml"), "{told}");
    assert!(told.contains("inital"), "{told}");
}

/// What a part would refuse is refused in the plan, once: a member's name
/// the form would split into two assessors, a placeholder, a line break.
#[test]
fn a_name_the_parts_would_refuse_is_refused_in_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    for (name, zh, en) in [
        ("李四、王五", "含有分隔符", "holds a separator"),
        ("？", "是占位符", "is a placeholder"),
        ("赵\\n六", "含有控制字符", "holds a control character"),
    ] {
        let path = plan_file(
            &dir,
            &example_with("name = \"赵六\"", &format!("name = \"{name}\"")),
        );
        assert!(refused(&path, "zh").contains(zh), "{name}");
        assert!(refused(&path, "en").contains(en), "{name}");
    }
}
