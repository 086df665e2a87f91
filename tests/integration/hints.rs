//! Hints that are right when followed: every line a message offers as the
//! correction ("改为 …" / "write …"), put in place of the line it
//! corrects, gives an audit that validates, or one whose only problems are
//! placeholders refused as not filled in yet. Placeholders are refused in
//! every text field, and verdict words map to the coefficient they state.

use bscore::Checklist;
use bscore::Exact;
use bscore::InputError;
use bscore::{Audit, Measure, Status};

/// An `[audit]` table that validates, one field a line.
const AUDIT: &str = r#"[audit]
organization = "测试科技有限公司"
service = "测试区块链服务"
assessors = ["张三"]
date = 2026-11-20
kind = "initial"
unassessed = "conform"
"#;

/// An audit: `[audit]` with the line of `field` replaced by `line` (when
/// given), then `rest`.
fn audit_with(field: Option<&str>, line: &str, rest: &str) -> String {
    let meta: Vec<&str> = AUDIT
        .lines()
        .map(|own| match field {
            Some(field) if own.starts_with(&format!("{field} =")) => line,
            _ => own,
        })
        .collect();
    format!("{}\n\n{rest}", meta.join("\n"))
}

/// The audits the slips of a few dozen typed values are in: where they
/// are typed, and the file.
fn slipped_audits() -> Vec<String> {
    let indicator_values = [
        "\"不适用\"",
        "不适用",
        "\"N/A\"",
        "excluded",
        "不符合",
        "\"不符合\"",
        "\"不合格\"",
        "符合",
        "\"符合\"",
        "\"conforms\"",
        "nonconforming",
        "0,5",
        "\"0,5\"",
        "50%",
        "\"50%\"",
        "3/8",
        "\"3/8\"",
        "０.５",
        "\"０.５\"",
        "\"0.5\"",
        "部分符合",
        "\"部分符合，抽查３份\"",
        "\"有 \\\"引号\\\" 的说明\"",
        "{ coefficient = \"0.5\" }",
        "{ coefficient = \"不符合\" }",
        "{ coefficient = 50% }",
        "{ coefficient = 0。5 }",
        "{ sampled = \"8\", nonconforming = 1 }",
        "“0.5”",
        "「0.5」",
        "‘0.5’",
        "＂0.5＂",
        "“部分符合”",
        "1/2",
        "1／2",
        "\"1/2\"",
        "1/3",
        "\"1/3\"",
        "{ coefficient = 1/2 }",
        "{ 删减 = \"本服务不涉及\" }",
        "{ 删减项 = \"本服务不涉及\" }",
        "{ 不适用理由 = \"本服务不涉及\" }",
        "{ 删减理由 = \"（删减理由）\" }",
        "{ 抽样数 = 8, 不符合数 = 1, 记录 = 抽查8份 }",
    ];
    let mut audits: Vec<String> = (indicator_values.iter())
        .map(|value| audit_with(None, "", &format!("[indicators]\n\"4.6.b\" = {value}\n")))
        .collect();
    for line in [
        "coefficient = 不符合",
        "coefficient = 0,5",
        "sampled = \"8\"\nnonconforming = 1",
        "excluded = 本服务不涉及",
        "删减 = \"本服务不涉及\"",
        "扣分系数 = 0.5",
        "coefficient = 0\n说明 = \"抽查\"",
        "excluded = \"本服务不涉及\"\nrejected = ？\ncoefficient = 1",
    ] {
        audits.push(audit_with(
            None,
            "",
            &format!("[indicators.\"4.6.b\"]\n{line}\n"),
        ));
    }
    let audit_lines = [
        ("date", "date = \"2026/11/20\""),
        ("date", "date = 2026/11/20"),
        ("date", "date = 2026年11月20日"),
        ("date", "date = \"2026-11-20\""),
        ("date", "date = “2026-11-20”"),
        ("date", "date = 「2026-11-20」"),
        ("service", "service = 「测试区块链服务」"),
        ("organization", "organization = ?"),
        ("organization", "organization = 测试科技有限公司"),
        ("service", "service = 50%"),
        ("assessors", "assessors = \"张三、李四\""),
        ("kind", "kind = \"初次评价\""),
    ];
    for (field, line) in audit_lines {
        audits.push(audit_with(Some(field), line, ""));
    }
    audits.push(audit_with(
        None,
        "",
        "[[special_deductions]]\nkind = \"law\"\nfinding = 未备案\n",
    ));
    audits.push(audit_with(None, "", "[bonus]\npractice = 全链路国密\n"));
    audits
}

fn parse(source: &str) -> Result<Audit, InputError> {
    Audit::parse("audit.toml", source, &Checklist::builtin())
}

/// Every correction the problems of `source` offer, as (line number,
/// corrected line), in each language (a placeholder is worded in each).
fn corrections(error: &InputError) -> Vec<(usize, String)> {
    (error.problems.iter())
        .filter_map(|problem| {
            let help = problem.diagnostic.help.as_ref()?;
            let en = help.en.strip_prefix("write ")?;
            let zh = help
                .zh
                .strip_prefix("改为 ")
                .expect("both wordings offer the line");
            let number = problem.position?.0;
            Some([(number, zh.to_string()), (number, en.to_string())])
        })
        .flatten()
        .collect()
}

/// `source` with 1-based line `number` replaced by `line`.
fn applied(source: &str, number: usize, line: &str) -> String {
    let mut lines: Vec<&str> = source.lines().collect();
    lines[number - 1] = line;
    lines.join("\n") + "\n"
}

/// Whether a problem is a placeholder refused as not filled in yet.
fn is_placeholder_refusal(error: &InputError) -> bool {
    (error.problems.iter()).all(|problem| {
        let message = &problem.diagnostic.message;
        message.en.contains("not filled in yet") && message.zh.contains("尚未填写")
    })
}

#[test]
fn every_suggested_line_validates_or_is_a_placeholder_refused_as_such() {
    for source in slipped_audits() {
        let error = parse(&source).expect_err(&source);
        let offered = corrections(&error);
        assert!(
            !offered.is_empty(),
            "no line offered for\n{source}\n{error}"
        );
        for (number, line) in offered {
            let fixed = applied(&source, number, &line);
            if let Err(error) = parse(&fixed) {
                assert!(
                    is_placeholder_refusal(&error),
                    "following the hint `{line}` gives\n{fixed}\nwhich is refused for\n{error}"
                );
            }
        }
    }
}

/// The status of 4.6.b once the only hint for `value` is followed, in
/// `lang`'s wording.
fn followed_in(value: &str, lang: usize) -> Result<Status, InputError> {
    let source = audit_with(None, "", &format!("[indicators]\n\"4.6.b\" = {value}\n"));
    let error = parse(&source).expect_err(value);
    let offered = corrections(&error);
    assert_eq!(offered.len(), 2, "one hint for {value}: {error}");
    let (number, line) = &offered[lang];
    let audit = parse(&applied(&source, *number, line))?;
    let index = (audit.entries.iter().zip(&Checklist::builtin().indicators))
        .position(|(_, indicator)| indicator.id == "4.6.b")
        .expect("4.6.b is in the checklist");
    Ok(audit.entries[index].status.clone())
}

/// The status of 4.6.b once the hint for `value` is followed, the same in
/// both languages.
fn followed(value: &str) -> Result<Status, InputError> {
    let zh = followed_in(value, 0);
    let en = followed_in(value, 1);
    assert_eq!(zh.as_ref().ok(), en.as_ref().ok(), "{value}");
    zh
}

#[test]
fn a_verdict_word_is_the_coefficient_it_states_quoted_or_not() {
    for word in ["不符合", "\"不符合\"", "\"不合格\"", "nonconforming"] {
        let status = followed(word).unwrap();
        assert_eq!(
            status,
            Status::Assessed(Measure::Coefficient(Exact::from_integer(1))),
            "{word}"
        );
    }
    for word in ["符合", "\"符合\"", "\"conforms\""] {
        let status = followed(word).unwrap();
        assert_eq!(
            status,
            Status::Assessed(Measure::Coefficient(Exact::from_integer(0))),
            "{word}"
        );
    }
}

#[test]
fn not_applicable_becomes_an_exclusion_that_waits_for_its_reason() {
    for word in ["不适用", "\"不适用\"", "\"N/A\""] {
        let error = followed(word).unwrap_err();
        assert!(is_placeholder_refusal(&error), "{word}: {error}");
        let shown = error.render(bscore::Lang::Zh);
        assert!(shown.contains("删减理由尚未填写"), "{shown}");
    }
}

#[test]
fn placeholders_are_refused_in_every_text_field() {
    let placeholders = [
        "?",
        "？",
        "（删减理由）",
        "(reason)",
        "【…】",
        "<原因>",
        "…",
        "...",
    ];
    for placeholder in placeholders {
        let text = format!("{placeholder:?}");
        let audits = [
            audit_with(Some("organization"), &format!("organization = {text}"), ""),
            audit_with(Some("service"), &format!("service = {text}"), ""),
            audit_with(Some("assessors"), &format!("assessors = [{text}]"), ""),
            audit_with(
                None,
                "",
                &format!("[indicators]\n\"4.6.b\" = {{ excluded = {text} }}\n"),
            ),
            audit_with(
                None,
                "",
                &format!(
                    "[indicators]\n\"4.6.b\" = {{ excluded = \"本服务不涉及\", rejected = {text}, coefficient = 1 }}\n"
                ),
            ),
            audit_with(
                None,
                "",
                &format!("[indicators]\n\"4.6.b\" = {{ coefficient = 0, record = {text} }}\n"),
            ),
            audit_with(
                None,
                "",
                &format!("[indicators]\n\"4.6.b\" = {{ coefficient = 0, note = {text} }}\n"),
            ),
            audit_with(
                None,
                "",
                &format!("[[special_deductions]]\nkind = \"law\"\nfinding = {text}\n"),
            ),
            audit_with(None, "", &format!("[bonus]\npractice = {text}\n")),
        ];
        for source in audits {
            let error = parse(&source).expect_err(&source);
            assert!(is_placeholder_refusal(&error), "{source}\n{error}");
            assert_eq!(error.count(), 1, "{source}\n{error}");
        }
    }
}

#[test]
fn real_text_that_only_looks_like_marks_is_kept() {
    for text in ["张三（组长）", "(A) 与 (B) 均已核验", "见附件 1", "x"] {
        let source = audit_with(
            None,
            "",
            &format!("[indicators]\n\"4.6.b\" = {{ coefficient = 0, note = {text:?} }}\n"),
        );
        parse(&source).unwrap_or_else(|error| panic!("{text}: {error}"));
    }
}

#[test]
fn every_placeholder_of_one_indicator_is_reported_at_once() {
    let source = audit_with(
        None,
        "",
        "[indicators]\n\"4.6.b\" = { excluded = \"（删减理由）\", record = \"?\", note = \"…\" }\n",
    );
    let error = parse(&source).unwrap_err();
    assert!(is_placeholder_refusal(&error), "{error}");
    assert_eq!(error.count(), 3, "{error}");
}

#[test]
fn a_number_in_chinese_quotes_is_offered_without_any_quotes() {
    for value in ["“0.5”", "「0.5」", "‘0.5’", "＂0.5＂", "\"0.5\""] {
        let status = followed(value).unwrap_or_else(|error| panic!("{value}: {error}"));
        let half = bscore::parse_decimal("0.5").unwrap();
        assert_eq!(
            status,
            Status::Assessed(Measure::Coefficient(half)),
            "{value}"
        );
    }
}

/// A coefficient, from its decimal.
fn coefficient(decimal: &str) -> Status {
    let exact = bscore::parse_decimal(decimal).unwrap();
    Status::Assessed(Measure::Coefficient(exact))
}

#[test]
fn a_fraction_is_the_coefficient_it_equals_or_a_sample_when_no_decimal_is() {
    for (fraction, decimal) in [
        ("1/2", "0.5"),
        ("1／2", "0.5"),
        ("3/8", "0.375"),
        ("\"3/8\"", "0.375"),
    ] {
        let status = followed(fraction).unwrap_or_else(|error| panic!("{fraction}: {error}"));
        assert_eq!(status, coefficient(decimal), "{fraction}");
    }
    for fraction in ["1/3", "\"1/3\""] {
        let status = followed(fraction).unwrap_or_else(|error| panic!("{fraction}: {error}"));
        let sample = Measure::Sample {
            sampled: 3,
            nonconforming: 1,
        };
        assert_eq!(status, Status::Assessed(sample), "{fraction}");
    }
}

#[test]
fn a_fraction_read_as_a_coefficient_names_the_sample_it_could_be() {
    let source = audit_with(None, "", "[indicators]\n\"4.6.b\" = 3/8\n");
    let error = parse(&source).unwrap_err();
    let message = &error.problems[0].diagnostic.message;
    assert!(
        message.zh.contains("{ sampled = 8, nonconforming = 3 }"),
        "{}",
        message.zh
    );
    assert!(
        message.en.contains("{ sampled = 8, nonconforming = 3 }"),
        "{}",
        message.en
    );
}

#[test]
fn an_unquoted_chinese_key_is_offered_as_the_key_it_names() {
    for key in ["删减", "删减项", "不适用理由", "删减理由"] {
        let value = format!("{{ {key} = \"本服务不涉及\" }}");
        let status = followed(&value).unwrap_or_else(|error| panic!("{key}: {error}"));
        let reason = "本服务不涉及".to_string();
        assert_eq!(status, Status::Excluded { reason }, "{key}");
    }
}

#[test]
fn a_quoted_chinese_word_for_an_exclusion_is_asked_about_as_excluded() {
    for key in ["删减", "删减项", "不适用理由"] {
        let source = audit_with(
            None,
            "",
            &format!("[indicators]\n\"4.6.b\" = {{ \"{key}\" = \"本服务不涉及\" }}\n"),
        );
        let error = parse(&source).unwrap_err();
        let help = error.problems[0].diagnostic.help.as_ref().expect(key);
        assert_eq!(help.zh, "是否应为 `excluded`？", "{key}");
        assert_eq!(help.en, "did you mean `excluded`?", "{key}");
    }
}
