//! Tests of the 细则 loader: one per check, each asserting the message,
//! the key and the place it names, worked out by hand from the file.

use super::*;
use crate::diagnostic::Located;
use crate::number::Exact;
use crate::rules::Method;
use std::sync::OnceLock;

fn checklist() -> &'static Checklist {
    static CHECKLIST: OnceLock<Checklist> = OnceLock::new();
    CHECKLIST.get_or_init(Checklist::builtin)
}

const HEAD: &str =
    "[rules]\ntitle = \"示例认证有限公司 区块链服务认证评分细则\"\nversion = \"2026.1\"\n";

fn load(source: &str) -> Loaded {
    match parse("rules.toml", source, checklist()) {
        Ok(loaded) => loaded,
        Err(error) => panic!("{}", error.render(Lang::Zh)),
    }
}

fn refused(source: &str) -> InputError {
    match parse("rules.toml", source, checklist()) {
        Ok(loaded) => panic!("loaded: {loaded:?}"),
        Err(error) => error,
    }
}

/// The only problem of a file.
fn only(source: &str) -> Located {
    let error = refused(source);
    assert_eq!(error.count(), 1, "{}", error.render(Lang::Zh));
    error.problems[0].clone()
}

fn key(problem: &Located) -> &str {
    problem.diagnostic.key.as_deref().unwrap_or_default()
}

fn help(problem: &Located) -> (String, String) {
    let help = problem.diagnostic.help.as_deref().expect("a help line");
    (help.zh.clone(), help.en.clone())
}

/// A problem's key, line and column, and message.
type Seen<'a> = (&'a str, Option<(usize, usize)>, String);

fn index(id: &str) -> usize {
    checklist().lookup(id).expect("a checklist id")
}

#[test]
fn the_spec_example_loads_as_written() {
    let source = format!(
        "{HEAD}standard = \"T/STIC130010-2022\"\n\n[defaults]\nlevels = [0, 1]\nexclusion = true\n\n\
         [indicators.\"4.2.c\"]\nmethods = [\"document\", \"interview\"]\nevidence = [\"可行性方案\", \"服务合同\"]\n\
         levels = [\n  {{ coefficient = 0,   when = \"权利义务写明\" }},\n  {{ coefficient = 0.5, when = \"缺少其中一至两项\" }},\n  {{ coefficient = 1,   when = \"未说明各方权利义务\" }},\n]\nexclusion = false\n\n\
         [indicators.\"4.4.e\"]\nmethods = [\"sampling\"]\nsample = {{ unit = \"需求变更记录\", minimum = 5 }}\n"
    );
    let loaded = load(&source);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let rules = &loaded.rules;
    assert_eq!(rules.title, "示例认证有限公司 区块链服务认证评分细则");
    assert_eq!(rules.version, "2026.1");
    assert_eq!(rules.standard.as_deref(), Some("T/STIC130010-2022"));
    assert_eq!(rules.sha256, crate::trace::sha256(&source));
    let c = &rules.named[index("4.2.c")].as_ref().expect("4.2.c named");
    assert_eq!(c.methods, vec![Method::Document, Method::Interview]);
    assert_eq!(c.evidence, vec!["可行性方案", "服务合同"]);
    let levels = c.levels.as_ref().expect("levels");
    let written: Vec<&str> = levels.iter().map(|l| l.written.as_str()).collect();
    assert_eq!(written, ["0", "0.5", "1"]);
    assert_eq!(levels[1].coefficient, Exact::ratio(1, 2));
    assert_eq!(levels[1].when.as_deref(), Some("缺少其中一至两项"));
    assert!(!c.exclusion);
    // 4.4.e is named, so it does not inherit [defaults]: no levels, and
    // it may be excluded.
    let e = rules.rule(index("4.4.e")).expect("4.4.e");
    assert_eq!(e.levels, None);
    assert!(e.exclusion);
    assert_eq!(
        e.sample.as_ref().map(|s| (s.unit.as_str(), s.minimum)),
        Some(("需求变更记录", 5))
    );
    // An unnamed indicator takes [defaults].
    let a = rules.rule(index("4.1.a")).expect("defaults");
    let coefficients: Vec<Exact> = (a.levels.iter().flatten())
        .map(|l| l.coefficient.clone())
        .collect();
    assert_eq!(coefficients, [Exact::ratio(0, 1), Exact::ratio(1, 1)]);
    assert!(!rules.names(index("4.1.a")));
}

#[test]
fn a_minimal_file_restricts_nothing() {
    let rules = load(HEAD).rules;
    assert_eq!(rules.standard, None);
    assert_eq!(rules.defaults, None);
    assert_eq!(rules.named.len(), checklist().indicators.len());
    assert!(rules.named.iter().all(Option::is_none));
}

#[test]
fn an_empty_indicator_table_is_named_and_unrestricted() {
    let source =
        format!("{HEAD}[defaults]\nlevels = [0, 1]\nexclusion = false\n[indicators.\"4.1.a\"]\n");
    let rules = load(&source).rules;
    let rule = rules.rule(index("4.1.a")).expect("named");
    assert_eq!(
        (rule.levels.as_ref(), rule.exclusion, rule.methods.len()),
        (None, true, 0)
    );
}

#[test]
fn levels_are_exact_as_written_and_stored_lowest_first() {
    let source = format!("{HEAD}[indicators.\"4.1.a\"]\nlevels = [1, 0.30, 0, 2.5e-1]\n");
    let rules = load(&source).rules;
    let levels = rules.named[index("4.1.a")]
        .as_ref()
        .and_then(|r| r.levels.clone())
        .expect("levels");
    let seen: Vec<(Exact, &str)> = levels
        .iter()
        .map(|l| (l.coefficient.clone(), l.written.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            (Exact::ratio(0, 1), "0"),
            (Exact::ratio(1, 4), "2.5e-1"),
            (Exact::ratio(3, 10), "0.30"),
            (Exact::ratio(1, 1), "1"),
        ]
    );
}

#[test]
fn an_alias_names_its_indicator_and_chinese_method_names_are_accepted() {
    let source = format!(
        "{HEAD}[indicators.\"5.5.c\"]\nmethods = [\"访谈\", \"查阅文件和记录\", \"Sampling\"]\n"
    );
    let rules = load(&source).rules;
    let rule = rules.named[index("5.5.d")]
        .as_ref()
        .expect("5.5.d by its alias");
    assert_eq!(
        rule.methods,
        vec![Method::Interview, Method::Document, Method::Sampling]
    );
}

#[test]
fn an_unknown_table_is_named_with_the_one_meant() {
    let problem = only(&format!("{HEAD}[indicator.\"4.1.a\"]\n"));
    assert_eq!(key(&problem), "indicator");
    assert_eq!(problem.position, Some((4, 2)));
    assert_eq!(
        problem.diagnostic.message.zh,
        "未知的表名 `indicator`，应为以下之一：`rules`、`defaults`、`indicators`"
    );
    assert_eq!(
        problem.diagnostic.message.en,
        "unknown table `indicator`: expected one of `rules`, `defaults`, `indicators`"
    );
    assert_eq!(help(&problem).1, "did you mean `indicators`?");
}

#[test]
fn a_key_of_rules_above_it_is_told_where_it_belongs() {
    let problem = only(&format!("version = \"1\"\n{HEAD}"));
    assert_eq!((key(&problem), problem.position), ("version", Some((1, 1))));
    assert_eq!(
        problem.diagnostic.message.zh,
        "`version` 不能写在任何表之前"
    );
    assert_eq!(help(&problem).0, "把 version = … 移到 [rules] 之下");
}

#[test]
fn an_unknown_key_is_named_with_the_one_meant_by_its_chinese_word() {
    // Quoted, it is a key the file has and the loader does not know.
    let source = format!("{HEAD}[indicators.\"4.1.a\"]\n\"删减\" = false\n");
    let problem = only(&source);
    assert_eq!(key(&problem), "indicators.\"4.1.a\".\"删减\"");
    assert_eq!(problem.position, Some((5, 1)));
    let expected = ("是否应为 `exclusion`？", "did you mean `exclusion`?");
    assert_eq!(
        help(&problem),
        (expected.0.to_string(), expected.1.to_string())
    );
    // Bare, it is a syntax error, told with the 细则's key (the audit's
    // would be `excluded`) and the line corrected.
    let problem = only(&format!("{HEAD}[indicators.\"4.1.a\"]\n删减 = 否\n"));
    assert_eq!(problem.position, Some((5, 1)));
    assert_eq!(
        problem.diagnostic.message.zh,
        "键名「删减」须写成英文键名 exclusion（不加引号的中文不能作键名）"
    );
    assert_eq!(help(&problem).0, "改为 exclusion = false");
    let problem = only(&format!("{HEAD}[defaults]\nexclusion = 否\n"));
    assert_eq!(help(&problem).1, "write exclusion = false");
    let problem = only(&format!("{HEAD}[defaults]\n说明 = \"x\"\n"));
    assert_eq!(help(&problem).1, "write guidance = \"x\"");
}

#[test]
fn a_missing_rules_table_is_reported_at_the_start() {
    let problem = only("[defaults]\nlevels = [0, 1]\n");
    assert_eq!(problem.position, Some((1, 1)));
    assert_eq!(
        problem.diagnostic.message.zh,
        "缺少 [rules] 表（细则的标题 title 和版本 version）"
    );
}

#[test]
fn title_and_version_are_required_and_not_blank() {
    let problem = only("[rules]\ntitle = \"细则\"\n");
    assert_eq!((key(&problem), problem.position), ("rules", Some((1, 2))));
    assert_eq!(
        problem.diagnostic.message.zh,
        "[rules] 缺少 version（细则的标题和版本都须写明）"
    );
    assert_eq!(
        problem.diagnostic.message.en,
        "[rules] is missing version (scoring rules name their title and version)"
    );
    let error = refused("[rules]\ntitle = \"  \"\nversion = \"\"\n");
    let seen: Vec<(&str, String)> = (error.problems.iter())
        .map(|p| (key(p), p.diagnostic.message.zh.clone()))
        .collect();
    assert_eq!(
        seen,
        [
            ("rules.title", "细则标题不能为空".to_string()),
            ("rules.version", "细则版本不能为空".to_string())
        ]
    );
}

#[test]
fn a_title_that_is_not_text_is_told_so() {
    let problem = only("[rules]\ntitle = 2026\nversion = \"1\"\n");
    assert_eq!(
        (key(&problem), problem.position),
        ("rules.title", Some((2, 9)))
    );
    assert_eq!(
        problem.diagnostic.message.zh,
        "细则标题应为加英文双引号的文字"
    );
}

#[test]
fn the_standard_must_be_the_checklists() {
    let problem = only(&format!("{HEAD}standard = \"GB/T 1-2020\"\n"));
    assert_eq!(
        (key(&problem), problem.position),
        ("rules.standard", Some((4, 12)))
    );
    assert_eq!(
        problem.diagnostic.message.zh,
        "本细则对应的标准是 `GB/T 1-2020`，而评分表对应 `T/STIC130010-2022`"
    );
}

#[test]
fn an_unknown_indicator_is_named_with_an_unnamed_id_meant() {
    // 4.1.a is named, so the typo 4.1.aa means another: 4.1.a is not
    // offered, but the closest unnamed one by spelling is.
    let problem = only(&format!("{HEAD}[indicators.\"4.3.d1\"]\n"));
    assert_eq!(
        (key(&problem), problem.position),
        ("indicators.\"4.3.d1\"", Some((4, 13)))
    );
    assert_eq!(problem.diagnostic.message.zh, "未知的指标编号 `4.3.d1`");
    assert_eq!(help(&problem).1, "did you mean `4.3.d.1`?");
}

#[test]
fn an_indicator_named_by_its_id_and_its_alias_is_an_error_at_the_second() {
    let problem = only(&format!(
        "{HEAD}[indicators.\"5.8.1\"]\n[indicators.\"5.8.a\"]\n"
    ));
    assert_eq!(
        (key(&problem), problem.position),
        ("indicators.\"5.8.a\"", Some((5, 13)))
    );
    assert_eq!(
        problem.diagnostic.message.zh,
        "指标 5.8.1 写了两次（一次用编号，一次用别名）"
    );
    assert_eq!(
        problem.diagnostic.message.en,
        "indicator 5.8.1 is named twice (by its id and an alias)"
    );
    assert_eq!(
        help(&problem).0,
        "第一次写在第 4 行：保留一处，把两处的内容合在一起"
    );
}

#[test]
fn an_unknown_method_is_named_with_the_one_meant_and_a_repeated_one_refused() {
    let error = refused(&format!(
        "{HEAD}[indicators.\"4.1.a\"]\nmethods = [\"interveiw\", \"document\", \"查阅文件和记录\"]\n"
    ));
    assert_eq!(error.count(), 2, "{}", error.render(Lang::Zh));
    let (typo, twice) = (&error.problems[0], &error.problems[1]);
    assert_eq!(typo.position, Some((5, 12)));
    assert!(
        typo.diagnostic.message.zh.starts_with(
            "未知的检查方法 \"interveiw\"，应为以下之一：\"document\"（查阅文件和记录）"
        )
    );
    assert_eq!(help(typo).1, "did you mean \"interview\"?");
    assert_eq!(twice.position, Some((5, 37)));
    assert_eq!(
        twice.diagnostic.message.zh,
        "检查方法 document（查阅文件和记录）写了两次"
    );
    assert_eq!(key(twice), "indicators.\"4.1.a\".methods");
}

#[test]
fn methods_written_as_text_are_offered_as_a_list() {
    let problem = only(&format!(
        "{HEAD}[defaults]\nmethods = \"document、interview\"\n"
    ));
    assert_eq!(
        problem.diagnostic.message.zh,
        "检查方法应写成方括号内的列表"
    );
    assert_eq!(
        help(&problem).0,
        "改为 methods = [\"document\", \"interview\"]"
    );
}

#[test]
fn a_level_outside_zero_to_one_is_refused() {
    let error = refused(&format!("{HEAD}[defaults]\nlevels = [0, 1.5, -0.5]\n"));
    let seen: Vec<(Option<(usize, usize)>, String)> = (error.problems.iter())
        .map(|p| (p.position, p.diagnostic.message.en.clone()))
        .collect();
    assert_eq!(
        seen,
        [
            (
                Some((5, 14)),
                "a deduction coefficient must be from 0 to 1, found 1.5".to_string()
            ),
            (
                Some((5, 19)),
                "a deduction coefficient must be from 0 to 1, found -0.5".to_string()
            ),
        ]
    );
    assert_eq!(
        error.problems[0].diagnostic.message.zh,
        "扣分系数应在 0 到 1 之间，实际为 1.5"
    );
}

#[test]
fn two_equal_levels_are_refused_however_written() {
    let problem = only(&format!(
        "{HEAD}[defaults]\nlevels = [0, 0.5, {{ coefficient = 0.50, when = \"部分\" }}]\n"
    ));
    assert_eq!(
        (key(&problem), problem.position),
        ("defaults.levels", Some((5, 35)))
    );
    assert_eq!(
        problem.diagnostic.message.zh,
        "扣分系数 0.50 与第 5 行的 0.5 相等：每个系数只写一次"
    );
}

#[test]
fn levels_without_zero_are_refused() {
    let problem = only(&format!("{HEAD}[defaults]\nlevels = [0.5, 1]\n"));
    assert_eq!(
        (key(&problem), problem.position),
        ("defaults.levels", Some((5, 10)))
    );
    assert_eq!(
        problem.diagnostic.message.zh,
        "扣分等级 levels 中没有 0：符合要求的服务总能得满分"
    );
    assert_eq!(
        problem.diagnostic.message.en,
        "levels do not list 0: a conforming service can always earn full points"
    );
}

#[test]
fn an_empty_levels_list_is_refused() {
    let problem = only(&format!("{HEAD}[defaults]\nlevels = []\n"));
    assert_eq!(problem.position, Some((5, 10)));
    assert_eq!(
        problem.diagnostic.message.zh,
        "扣分等级 levels 不能为空：至少写上 0（符合要求，得满分）"
    );
}

#[test]
fn a_blank_condition_is_refused() {
    let problem = only(&format!(
        "{HEAD}[defaults]\nlevels = [{{ coefficient = 0, when = \" \" }}]\n"
    ));
    assert_eq!(
        (key(&problem), problem.position),
        ("defaults.levels.when", Some((5, 37)))
    );
    assert_eq!(problem.diagnostic.message.zh, "条件（when）不能为空");
}

#[test]
fn a_level_without_a_coefficient_is_refused_and_a_misnamed_one_reported_once() {
    let problem = only(&format!(
        "{HEAD}[defaults]\nlevels = [0, {{ when = \"部分\" }}]\n"
    ));
    assert_eq!(
        problem.diagnostic.message.zh,
        "这一级缺少扣分系数 coefficient"
    );
    let problem = only(&format!(
        "{HEAD}[defaults]\nlevels = [0, {{ \"系数\" = 1 }}]\n"
    ));
    assert_eq!(key(&problem), "defaults.levels.\"系数\"");
    assert_eq!(help(&problem).1, "did you mean `coefficient`?");
}

#[test]
fn a_quoted_or_percent_coefficient_is_named_as_the_slip_it_is() {
    let problem = only(&format!("{HEAD}[defaults]\nlevels = [0, \"50%\"]\n"));
    assert_eq!(problem.position, Some((5, 14)));
    assert_eq!(
        problem.diagnostic.message.zh,
        "扣分系数是 0 到 1 之间的小数，不是百分数"
    );
    assert_eq!(help(&problem).0, "改为 levels = [0, 0.5]");
}

#[test]
fn a_minimum_below_one_or_not_whole_is_refused() {
    let error = refused(&format!(
        "{HEAD}[indicators.\"4.1.a\"]\nsample = {{ unit = \"记录\", minimum = 0 }}\n[indicators.\"4.1.b\"]\nsample = {{ unit = \"记录\", minimum = 2.5 }}\n[indicators.\"4.1.c\"]\nsample = {{ unit = \"记录\", minimum = \"5\" }}\n"
    ));
    let seen: Vec<Seen> = (error.problems.iter())
        .map(|p| (key(p), p.position, p.diagnostic.message.zh.clone()))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "indicators.\"4.1.a\".sample.minimum",
                Some((5, 35)),
                "最少抽样数 minimum 至少为 1，实际为 0".to_string()
            ),
            (
                "indicators.\"4.1.b\".sample.minimum",
                Some((7, 35)),
                "最少抽样数 minimum 应为整数，实际为 2.5".to_string()
            ),
            (
                "indicators.\"4.1.c\".sample.minimum",
                Some((9, 35)),
                "数字和日期不加引号".to_string()
            ),
        ]
    );
    assert_eq!(
        help(&error.problems[2]).0,
        "改为 sample = { unit = \"记录\", minimum = 5 }"
    );
}

#[test]
fn a_blank_unit_and_a_missing_minimum_are_refused() {
    let error = refused(&format!("{HEAD}[defaults]\nsample = {{ unit = \"\" }}\n"));
    let seen: Vec<String> = error
        .problems
        .iter()
        .map(|p| p.diagnostic.message.zh.clone())
        .collect();
    assert_eq!(
        seen,
        ["抽样要求 sample 缺少 minimum", "抽样单位（unit）不能为空"]
    );
}

#[test]
fn exclusion_written_as_a_word_is_offered_as_a_boolean() {
    let problem = only(&format!("{HEAD}[defaults]\nexclusion = \"不允许\"\n"));
    assert_eq!(
        (key(&problem), problem.position),
        ("defaults.exclusion", Some((5, 13)))
    );
    assert_eq!(
        help(&problem),
        (
            "改为 exclusion = false".to_string(),
            "write exclusion = false".to_string()
        )
    );
}

#[test]
fn blank_evidence_and_guidance_are_refused() {
    let error = refused(&format!(
        "{HEAD}[defaults]\nevidence = [\"合同\", \"\"]\nguidance = \" \"\n"
    ));
    let seen: Vec<String> = error
        .problems
        .iter()
        .map(|p| p.diagnostic.message.zh.clone())
        .collect();
    assert_eq!(seen, ["每项证据不能为空", "评分指导不能为空"]);
}

#[test]
fn a_table_where_a_rule_belongs_is_asked_for() {
    let problem = only(&format!("{HEAD}[indicators]\n\"4.1.a\" = 0\n"));
    assert_eq!(
        (key(&problem), problem.position),
        ("indicators.\"4.1.a\"", Some((5, 11)))
    );
    assert_eq!(
        problem.diagnostic.message.zh,
        "应为一个表（[indicators.\"4.1.a\"] 或 { … }）"
    );
}

#[test]
fn a_keyboard_slip_is_named_and_the_rest_of_the_file_still_checked() {
    let source = format!("{HEAD}[defaults]\nlevels = [0，0.5]\n[indicators.\"9.9\"]\n");
    let error = refused(&source);
    assert_eq!(error.count(), 2, "{}", error.render(Lang::Zh));
    let slip = &error.problems[0];
    assert_eq!(slip.position, Some((5, 12)));
    assert!(
        slip.diagnostic
            .message
            .zh
            .starts_with("用了全角字符 「，」（中文输入法）"),
        "{:?}",
        slip.diagnostic.message
    );
    assert_eq!(help(slip).0, "改为 levels = [0,0.5]");
    assert_eq!(
        error.problems[1].diagnostic.message.en,
        "unknown indicator id `9.9`"
    );
    let rendered = error.render(Lang::En);
    assert!(rendered.contains("--> rules.toml:5:12"), "{rendered}");
    assert!(rendered.ends_with("rules.toml: 2 errors"), "{rendered}");
}

#[test]
fn every_problem_is_reported_at_once() {
    let source = "[rules]\ntitle = \"\"\nstandard = \"X\"\n[defaults]\nlevels = [0.5]\nexclusion = 1\n[indicators.\"4.1.x\"]\n";
    let error = refused(source);
    let lines: Vec<usize> = error
        .problems
        .iter()
        .filter_map(|p| p.position.map(|(line, _)| line))
        .collect();
    // version missing (1), blank title (2), standard (3), no 0 (5),
    // exclusion (6), unknown id (7).
    assert_eq!(lines, [1, 2, 3, 5, 6, 7], "{}", error.render(Lang::Zh));
}

#[test]
fn levels_on_an_indicator_worth_no_points_are_warned_of() {
    let source = format!("{HEAD}[indicators.\"7.1.a-1\"]\nlevels = [0, 1]\n");
    let loaded = load(&source);
    assert_eq!(loaded.warnings.len(), 1);
    let warning = &loaded.warnings[0];
    assert_eq!(
        warning.key.as_deref(),
        Some("indicators.\"7.1.a-1\".levels")
    );
    assert_eq!(
        warning.message.zh,
        "指标 7.1.a-1 在附录 A 中不计分（0 分）：无论给哪个扣分系数，得分都不变"
    );
    let rendered = loaded.render_warnings("rules.toml", &source, Lang::Zh);
    assert!(
        rendered.starts_with("警告: indicators.\"7.1.a-1\".levels："),
        "{rendered}"
    );
    assert!(rendered.contains("--> rules.toml:5:10"), "{rendered}");
    assert!(rendered.ends_with("rules.toml：共 1 处警告"), "{rendered}");
    let english = loaded.render_warnings("rules.toml", &source, Lang::En);
    assert!(
        english.starts_with(
            "warning: indicators.\"7.1.a-1\".levels: indicator 7.1.a-1 carries no points"
        ),
        "{english}"
    );
    assert!(english.ends_with("rules.toml: 1 warning"), "{english}");
}

#[test]
fn a_sample_the_methods_do_not_take_is_warned_of_unless_methods_are_not_said() {
    let sample = "sample = { unit = \"记录\", minimum = 3 }";
    let warned = load(&format!(
        "{HEAD}[indicators.\"4.1.a\"]\nmethods = [\"document\"]\n{sample}\n"
    ));
    let keys: Vec<&str> = warned
        .warnings
        .iter()
        .filter_map(|w| w.key.as_deref())
        .collect();
    assert_eq!(keys, ["indicators.\"4.1.a\".sample"]);
    assert!(
        load(&format!("{HEAD}[indicators.\"4.1.a\"]\n{sample}\n"))
            .warnings
            .is_empty()
    );
    let taken = format!("{HEAD}[indicators.\"4.1.a\"]\nmethods = [\"抽样\"]\n{sample}\n");
    assert!(load(&taken).warnings.is_empty());
}

#[test]
fn no_warnings_render_as_nothing() {
    assert_eq!(load(HEAD).render_warnings("rules.toml", HEAD, Lang::Zh), "");
}

#[test]
fn many_unknown_ids_are_counted_past_those_listed() {
    let mut source = HEAD.to_string();
    for n in 0..5_000 {
        source.push_str(&format!("[indicators.\"x{n}\"]\n"));
    }
    let error = refused(&source);
    assert_eq!(error.count(), 5_000);
    assert_eq!(error.problems.len(), crate::diagnostic::MAX_REPORTED);
    assert_eq!(error.problems[0].position, Some((4, 13)));
}

/// A file of the largest size read, `line` repeated after [`HEAD`].
fn hostile(open: &str, item: &str, close: &str) -> String {
    let limit = crate::input::MAX_INPUT_BYTES as usize;
    let mut source = format!("{HEAD}{open}");
    while source.len() + item.len() + close.len() < limit {
        source.push_str(item);
    }
    source.push_str(close);
    source
}

#[test]
fn a_largest_file_of_quoted_levels_on_one_line_is_one_problem_of_too_many_levels() {
    // Half a million levels: refused as a list longer than any 细则
    // writes, before any of them is read (and `[defaults]`, shown again
    // for every indicator it applies to, stays bounded).
    let source = hostile("[defaults]\nlevels = [0", ", \"0.5\"", "]\n");
    let error = refused(&source);
    assert_eq!(error.count(), 1);
    let message = &error.problems[0].diagnostic.message.zh;
    assert!(message.ends_with("级，最多 20 级"), "{message}");
}

#[test]
fn a_level_s_condition_and_a_level_finer_than_reports_show_are_refused() {
    let long = "条".repeat(1001);
    let error = refused(&format!(
        "{HEAD}[indicators.\"4.1.a\"]\nlevels = [{{ coefficient = 0, when = \"{long}\" }}, 1]\n[indicators.\"4.1.b\"]\nlevels = [0, 1e-1000]\n"
    ));
    let messages: Vec<&str> = (error.problems.iter())
        .map(|problem| problem.diagnostic.message.zh.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "条件（when）有 1001 个字符，最多 1000 个",
            "扣分等级的扣分系数最多写 4 位小数（报告显示到 4 位），实际为 1e-1000",
        ]
    );
}

#[test]
fn a_largest_file_of_unknown_methods_is_answered() {
    let source = hostile("[defaults]\nmethods = [\"document\"", ", \"x\"", "]\n");
    let error = refused(&source);
    assert!(error.count() > 500_000, "{}", error.count());
}

#[test]
fn an_id_written_without_quotes_is_told_to_be_quoted() {
    let problem = only(&format!("{HEAD}[indicators.4.3.d.1]\nlevels = [0, 1]\n"));
    assert_eq!(
        (key(&problem), problem.position),
        ("indicators.4", Some((4, 13)))
    );
    assert_eq!(
        problem.diagnostic.message.zh,
        "指标编号含点号，须加英文双引号：不加引号的 4.3.d.1 被读成了一层层的表"
    );
    assert_eq!(help(&problem).1, "write [indicators.\"4.3.d.1\"]");
}

#[test]
fn a_misnamed_key_of_rules_is_reported_once() {
    let problem = only("[rules]\ntitel = \"细则\"\nversion = \"1\"\n");
    assert_eq!(
        (key(&problem), problem.position),
        ("rules.titel", Some((2, 1)))
    );
    assert_eq!(help(&problem).1, "did you mean `title`?");
}

#[test]
fn a_value_of_the_wrong_kind_is_told_in_the_assessors_terms() {
    let error = refused(&format!(
        "{HEAD}[defaults]\nlevels = [0, true]\nevidence = [1]\nsample = 5\nguidance = [\"x\"]\n"
    ));
    let seen: Vec<Seen> = (error.problems.iter())
        .map(|p| (key(p), p.position, p.diagnostic.message.zh.clone()))
        .collect();
    let expected: [Seen; 4] = [
        (
            "defaults.levels",
            Some((5, 14)),
            "扣分系数应为 0 到 1 之间的数".to_string(),
        ),
        (
            "defaults.evidence",
            Some((6, 13)),
            "每项证据应为加英文双引号的文字".to_string(),
        ),
        (
            "defaults.sample",
            Some((7, 10)),
            "抽样要求 sample 应写成表：抽样单位 unit 和最少抽样数 minimum".to_string(),
        ),
        (
            "defaults.guidance",
            Some((8, 12)),
            "评分指导应为加英文双引号的文字".to_string(),
        ),
    ];
    assert_eq!(seen, expected);
}

#[test]
fn levels_may_be_written_as_an_array_of_tables() {
    let source = format!(
        "{HEAD}[[indicators.\"4.1.a\".levels]]\ncoefficient = 0\nwhen = \"齐全\"\n[[indicators.\"4.1.a\".levels]]\ncoefficient = 1\n"
    );
    let rules = load(&source).rules;
    let levels = rules.named[index("4.1.a")]
        .as_ref()
        .and_then(|r| r.levels.clone())
        .expect("levels");
    let seen: Vec<(&str, Option<&str>)> = levels
        .iter()
        .map(|l| (l.written.as_str(), l.when.as_deref()))
        .collect();
    assert_eq!(seen, [("0", Some("齐全")), ("1", None)]);
}

#[test]
fn a_colon_for_equals_is_named_and_the_line_corrected() {
    let problem = only(&format!("{HEAD}[defaults]\nexclusion：false\n"));
    assert_eq!(problem.position, Some((5, 10)));
    assert_eq!(
        problem.diagnostic.message.zh,
        "键和值之间应写等号 =，不是冒号"
    );
    assert_eq!(help(&problem).0, "改为 exclusion = false");
    // The key named in Chinese and the value's quotes full-width too.
    let problem = only(&format!("{HEAD}[defaults]\n说明：“按合同核对”\n"));
    assert_eq!(help(&problem).1, "write guidance = \"按合同核对\"");
}

#[test]
fn a_header_typed_with_full_width_quotes_is_named() {
    let problem = only(&format!("{HEAD}[indicators.“4.1.a”]\nlevels = [0, 1]\n"));
    assert_eq!(problem.position, Some((4, 13)));
    assert!(
        problem
            .diagnostic
            .message
            .zh
            .starts_with("用了全角字符 「“」「”」（中文输入法）")
    );
    assert_eq!(help(&problem).0, "改为 [indicators.\"4.1.a\"]");
}

#[test]
fn defaults_that_miss_empty_named_tables_are_warned_of() {
    let source = format!(
        "{HEAD}[defaults]\nlevels = [0, 1]\n[indicators.\"4.1.b\"]\n[indicators.\"4.1.a\"]\n[indicators.\"4.2.a\"]\nlevels = [0, 1]\n"
    );
    let loaded = load(&source);
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    let warning = &loaded.warnings[0];
    assert_eq!(
        warning.span,
        Some(
            source.find("defaults").unwrap_or_default()
                ..source.find("defaults").unwrap_or_default() + 8
        )
    );
    assert_eq!(
        warning.message.zh,
        "[defaults] 不适用于本文件列出的指标；其中 2 个的表是空的（4.1.a、4.1.b），可给任何扣分系数"
    );
    // Without empty tables, and with indicators left to it, no warning.
    let fine =
        format!("{HEAD}[defaults]\nlevels = [0, 1]\n[indicators.\"4.2.a\"]\nlevels = [0, 1]\n");
    assert!(load(&fine).warnings.is_empty());
}

#[test]
fn defaults_in_a_starter_that_names_every_indicator_are_warned_of() {
    let starter = crate::rules::init::starter(checklist(), Lang::Zh);
    let starter = crate::rules::init::tests::titled(&starter);
    let edited = starter.replacen(
        "# [defaults]\n# levels = [0, 1]",
        "[defaults]\nlevels = [0, 1]",
        1,
    );
    assert_ne!(edited, starter);
    let loaded = load(&edited);
    let keys: Vec<&str> = loaded
        .warnings
        .iter()
        .filter_map(|w| w.key.as_deref())
        .collect();
    assert_eq!(keys, ["defaults"]);
    let count = checklist().indicators.len();
    assert!(
        loaded.warnings[0]
            .message
            .zh
            .contains(&format!("其中 {count} 个的表是空的")),
        "{:?}",
        loaded.warnings[0]
    );
}

#[test]
fn a_level_that_is_not_a_finite_decimal_is_refused() {
    let error = refused(&format!("{HEAD}[defaults]\nlevels = [0, inf, 0x1]\n"));
    let seen: Vec<String> = error
        .problems
        .iter()
        .map(|p| p.diagnostic.message.en.clone())
        .collect();
    assert_eq!(
        seen,
        [
            "`inf` is not a finite number",
            "`0x1` is not a decimal number"
        ]
    );
    assert_eq!(
        error.problems[0].diagnostic.message.zh,
        "`inf` 不是有限的数"
    );
}
