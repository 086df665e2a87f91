//! The audit's syntax pass, told in the 细则's words where they differ.
//!
//! The pass (`audit::syntax`) names a bare Chinese key under an
//! `[indicators."ID"]` header by the audit's key it means (`删减` →
//! `excluded`); in a 细则 that table holds a rule, whose keys are others
//! (`删减` → `exclusion`). A problem on such a line is told again here,
//! with the 细则's key and, for `exclusion`, the `true` or `false` meant.

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::message::t;

/// Every key a 细则 writes, in any of its tables.
const KEYS: [&str; 13] = [
    "title",
    "version",
    "standard",
    "methods",
    "evidence",
    "levels",
    "sample",
    "exclusion",
    "guidance",
    "coefficient",
    "when",
    "unit",
    "minimum",
];

/// The syntax `problems` of `source`, a problem on a line whose key is
/// a bare Chinese word told in the 细则's keys; and the keys of the lines
/// written with a colon for `=` (`title："…"`): set aside, so wrong, not
/// also missing (found by a hostile probe).
pub(super) fn reworded(source: &str, problems: Vec<Diagnostic>) -> (Vec<Diagnostic>, Vec<String>) {
    let lines = LineIndex::new(source);
    let mut colon_keys = Vec::new();
    let problems = problems
        .into_iter()
        .map(|problem| {
            let line = problem
                .span
                .as_ref()
                .map(|span| line_text(source, &lines, span.start));
            if let Some((key, fixed)) = line.and_then(colon_for_equals) {
                colon_keys.push(key.to_string());
                return colon(problem, fixed);
            }
            let before = (problem.span.as_ref())
                .and_then(|span| line_before(source, &lines, span.start));
            if let Some(fixed) = before.and_then(crate::audit::slips::full_width_comma_at_end) {
                return Diagnostic {
                    message: t!(
                        "上一行末尾用了全角逗号「，」（中文输入法）：列表的元素之间须用半角逗号 ,",
                        "the line before ends with a full-width comma `，` (typed with a Chinese input method): a list's elements are separated by a half-width `,`"
                    ),
                    help: None,
                    ..problem
                }
                .help(t!("上一行改为 {fixed}", "write the line before as {fixed}"));
            }
            if let Some(slip) = line.and_then(crate::audit::slips::on_element_line) {
                let help = slip.help();
                return Diagnostic {
                    message: slip.message,
                    help: None,
                    ..problem
                }
                .help(help);
            }
            match line.and_then(assignment) {
                Some((key, value)) if is_bare_chinese(key) => chinese_key(problem, key, value),
                Some(("exclusion", value)) => match yes_or_no(value) {
                    Some(allowed) => exclusion_word(problem, allowed),
                    None => problem,
                },
                _ => problem,
            }
        })
        .collect();
    (problems, colon_keys)
}

/// The text of the line holding byte `at`.
fn line_text<'s>(source: &'s str, lines: &LineIndex, at: usize) -> &'s str {
    let start = lines.start(lines.line(at));
    let rest = source.get(start..).unwrap_or_default();
    rest.split('\n')
        .next()
        .unwrap_or_default()
        .trim_end_matches('\r')
}

/// `exclusion：false` (a colon, as in YAML or a Chinese sentence, where
/// TOML writes `=`): the line with `=`, its key the 细则's and its value's
/// own slips corrected, when that line parses.
fn colon_for_equals(line: &str) -> Option<(&'static str, String)> {
    let (key, value) = line.split_once([':', '：'])?;
    let key = key.trim();
    if key.contains(['=', '＝', '"', '\'', '[', '{', '#']) {
        return None;
    }
    let key = match KEYS.iter().find(|known| **known == key) {
        Some(known) => *known,
        None => super::words::meant(key, &KEYS)?,
    };
    let line = format!("{key} = {}", value.trim());
    if toml::de::DeTable::parse(&line).is_ok() {
        return Some((key, line));
    }
    let slip = crate::audit::slips::on_broken_line(&line, None)?;
    Some((key, slip.corrected.en))
}

/// The text of the line before the one holding byte `at`, if any.
fn line_before<'s>(source: &'s str, lines: &LineIndex, at: usize) -> Option<&'s str> {
    let line = lines.line(at).checked_sub(1)?;
    Some(line_text(source, lines, lines.start(line)))
}

/// The problem of a line written with a colon for `=`.
fn colon(problem: Diagnostic, corrected: String) -> Diagnostic {
    Diagnostic {
        message: t!(
            "键和值之间应写等号 =，不是冒号",
            "a key and its value are joined by `=`, not a colon"
        ),
        help: None,
        ..problem
    }
    .help(t!("改为 {corrected}", "write {corrected}"))
}

/// A line's key and value (`key = value # comment`), trimmed.
fn assignment(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(['=', '＝'])?;
    Some((
        key.trim(),
        value.split('#').next().unwrap_or_default().trim(),
    ))
}

/// Whether `key` is a bare word that is not ASCII (`删减`).
fn is_bare_chinese(key: &str) -> bool {
    !key.is_empty() && !key.is_ascii() && !key.contains(['"', '\'', '.', ' ', '[', '{'])
}

/// `exclusion = 否`: the boolean meant.
fn exclusion_word(problem: Diagnostic, allowed: bool) -> Diagnostic {
    Diagnostic {
        message: t!(
            "是否允许删减 exclusion 应为 true（允许）或 false（不允许），不加引号",
            "exclusion must be true (may be excluded) or false (may not), without quotes"
        ),
        help: None,
        ..problem
    }
    .help(t!(
        "改为 exclusion = {allowed}",
        "write exclusion = {allowed}"
    ))
}

/// The problem of a line `key = value` whose key is a Chinese word: the
/// 细则's key it means, when one, and the line written with it.
fn chinese_key(problem: Diagnostic, key: &str, value: &str) -> Diagnostic {
    let Some(meant) = super::words::meant(key, &KEYS) else {
        let known = KEYS.join("、");
        return Diagnostic {
            message: t!(
                "键名「{key}」无效：键名须为英文，如 {known}",
                "the key `{key}` is not a key: keys are English words, such as {known}"
            ),
            help: None,
            ..problem
        };
    };
    let value = match (meant, yes_or_no(value)) {
        ("exclusion", Some(allowed)) => allowed.to_string(),
        _ => value.to_string(),
    };
    let corrected = format!("{meant} = {value}");
    let message = t!(
        "键名「{key}」须写成英文键名 {meant}（不加引号的中文不能作键名）",
        "the key `{key}` is written `{meant}` (an unquoted Chinese word is not a key)"
    );
    let problem = Diagnostic {
        message,
        help: None,
        ..problem
    };
    match toml::de::DeTable::parse(&corrected).is_ok() {
        true => problem.help(t!("改为 {corrected}", "write {corrected}")),
        false => problem,
    }
}

/// `true` or `false`, as a word for either (`允许`, `否`) says it.
pub(super) fn yes_or_no(text: &str) -> Option<bool> {
    let word = text
        .trim()
        .trim_matches(['"', '\'', '“', '”'])
        .trim()
        .to_lowercase();
    match word.as_str() {
        "true" | "yes" | "是" | "允许" | "可以" | "可删减" | "允许删减" => Some(true),
        "false" | "no" | "否" | "不允许" | "不可以" | "不可删减" | "不允许删减" => {
            Some(false)
        }
        _ => None,
    }
}
