//! `bscore template`: a skeleton that is invalid until filled in, and valid
//! once its placeholders are.

use crate::common::bscore;
use bscore::Audit;
use bscore::Checklist;
use bscore::Exact;
use bscore::audit_template;
use bscore::evaluate;

fn filled(template: &str) -> String {
    template.replace("\"?\"", "0").replace("\"\"", "\"张三\"")
}

#[test]
fn the_template_lists_every_indicator_with_its_check_text() {
    let checklist = Checklist::builtin();
    let template = audit_template(
        &checklist,
        "2026-03-15",
        "audit.schema.json",
        bscore::Lang::Zh,
    );
    for indicator in &checklist.indicators {
        assert!(
            template.contains(&format!("\"{}\" = \"?\"", indicator.id)),
            "{}",
            indicator.id
        );
        assert!(
            template.contains(&indicator.text),
            "check text of {}",
            indicator.id
        );
    }
}

#[test]
fn an_unfilled_template_is_rejected_for_each_placeholder() {
    let checklist = Checklist::builtin();
    let error = Audit::parse(
        "t.toml",
        &audit_template(
            &checklist,
            "2026-03-15",
            "audit.schema.json",
            bscore::Lang::Zh,
        ),
        &checklist,
    )
    .unwrap_err();
    let not_filled = error
        .problems
        .iter()
        .filter(|p| p.diagnostic.message.en == "not filled in yet")
        .count();
    assert_eq!(not_filled, 86);
    let text = error.to_string();
    assert!(
        text.contains("audit.organization: the organization must not be empty"),
        "{text}"
    );
}

#[test]
fn filling_in_the_placeholders_yields_a_valid_audit() {
    let checklist = Checklist::builtin();
    let source = filled(&audit_template(
        &checklist,
        "2026-03-15",
        "audit.schema.json",
        bscore::Lang::Zh,
    ));
    let audit = Audit::parse("t.toml", &source, &checklist).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(audit.meta.date.to_string(), "2026-03-15");
    assert_eq!(
        evaluate(&checklist, &audit).unwrap().score,
        Exact::from_integer(100)
    );
}

#[test]
fn template_writes_a_file_and_overwrites_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.toml");
    let path = path.to_str().unwrap();

    let first = bscore(&["template", "--output", path]);
    assert_eq!(first.status.code(), Some(0));
    let schema = dir.path().join("audit.schema.json");
    assert!(
        std::fs::read_to_string(&schema)
            .unwrap()
            .contains("\"4.1.a\""),
        "schema beside the template"
    );
    let written = std::fs::read_to_string(path).unwrap();
    assert!(written.contains("[indicators]"));

    std::fs::write(path, "# my work").unwrap();
    let refused = bscore(&["template", "--output", path]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("already exists; use --force"));
    assert_eq!(std::fs::read_to_string(path).unwrap(), "# my work");

    let forced = bscore(&["template", "--output", path, "--force"]);
    assert_eq!(forced.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(path).unwrap(), written);

    std::fs::write(path, filled(&written)).unwrap();
    let validated = bscore(&["validate", path]);
    assert_eq!(
        validated.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&validated.stderr)
    );
}

/// The comment lines of a template: what the assessor reads.
fn comments(template: &str) -> Vec<&str> {
    template
        .lines()
        .filter(|line| line.starts_with('#') && !line.starts_with("#:schema"))
        .collect()
}

#[test]
fn the_template_speaks_chinese_by_default_and_english_under_lang_en() {
    use bscore::{Lang, has_cjk};
    let checklist = Checklist::builtin();
    let chinese = audit_template(&checklist, "2026-03-15", "audit.schema.json", Lang::Zh);
    let english = audit_template(&checklist, "2026-03-15", "audit.schema.json", Lang::En);
    // Every Chinese comment has Chinese in it, except the lines that only
    // show a value to write (`#   0.25 …` has its words after the value).
    for line in comments(&chinese) {
        let words = line.trim_start_matches(['#', ' ']);
        let only_values = words.starts_with("[[")
            || words.starts_with("kind =")
            || words.starts_with("finding =")
            || words.starts_with("[bonus]")
            || words.starts_with("practice =")
            || words.starts_with("unassessed");
        assert!(
            only_values || has_cjk(line),
            "English in the Chinese template: {line}"
        );
    }
    for line in comments(&english) {
        assert!(!has_cjk(line), "Chinese in the English template: {line}");
    }
    for template in [&chinese, &english] {
        assert!(!template.contains("(1 points)"), "{template}");
        assert!(!template.contains(" 1 points"), "{template}");
    }
    assert!(
        english.contains("1 point)"),
        "a group of one point is named so"
    );
    assert!(chinese.contains("评价人员"));
    // Both are the same audit once filled in.
    let filled_zh = Audit::parse("zh.toml", &filled(&chinese), &checklist).unwrap();
    let filled_en = Audit::parse("en.toml", &filled(&english), &checklist).unwrap();
    assert_eq!(filled_zh, filled_en);
}

#[test]
fn bscore_template_follows_the_language_of_messages() {
    let chinese = crate::common::bscore_command()
        .env_remove("BSCORE_LANG")
        .args(["template"])
        .output()
        .unwrap();
    let chinese = String::from_utf8(chinese.stdout).unwrap();
    assert!(chinese.contains("# 填写每个"), "{chinese}");
    let english = crate::common::bscore(&["template", "--lang", "en"]);
    let english = String::from_utf8(english.stdout).unwrap();
    assert!(english.contains("# Fill in every"), "{english}");
}
