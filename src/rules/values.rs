//! Reading the values of a 细则's tables: a table, its keys, a text, a
//! list, a number that is not one; each problem recorded with its place
//! and the Chinese-keyboard slip named. A leaf the readers of rules
//! (`rule`), of levels (`levels`) and of the file (`load`) stand on.

use super::reader::{Reader, unknown_name};
use super::words::meant;
use crate::audit::slips::{self, Expecting};
use crate::diagnostic::Diagnostic;
use crate::message::t;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A value as parsed, with its place.
pub(super) type Value<'i> = Spanned<DeValue<'i>>;

/// The most characters one text of a 细则 may hold (a condition, a piece of
/// evidence, the guidance, a unit, the title): a paragraph, and so bounded
/// for the same reason as `levels::MAX_LEVELS`.
pub(super) const MAX_TEXT_CHARS: usize = 1000;

/// The table `value` is, or `None` with the problem recorded.
pub(super) fn table_of<'t, 'i>(
    r: &mut Reader<'_>,
    value: &'t Value<'i>,
    path: &str,
) -> Option<&'t DeTable<'i>> {
    let table = value.get_ref().as_table();
    if table.is_none() {
        r.errors.push(
            Diagnostic::new(t!(
                "应为一个表（[{path}] 或 {{ … }}）",
                "expected a table ([{path}] or {{ … }})"
            ))
            .at(value.span())
            .key(path.to_string()),
        );
    }
    table
}

/// Every key of `table` (at `path`) that is not `known`, with the key
/// meant for the first [`crate::diagnostic::MAX_REPORTED`] of them (and while the file's
/// problems are [`Reader::worth_detail`]).
pub(super) fn known_keys(
    r: &mut Reader<'_>,
    table: &DeTable<'_>,
    path: &str,
    known: &[&'static str],
) {
    let problems = crate::diagnostic::unknown_keys(table, path, known, |name| {
        r.worth_detail()
            .then(|| unknown_name(("键", "key"), name, known))
    });
    r.errors.extend(problems);
}

/// The text `value` holds, or `None` with "{term} must be text" recorded.
pub(super) fn text<'v>(
    r: &mut Reader<'_>,
    value: &'v Value<'_>,
    key: &str,
    term: (&str, &str),
) -> Option<&'v str> {
    let text = value.get_ref().as_str();
    let (zh, en) = term;
    match text {
        None => r.errors.push(
            Diagnostic::new(t!(
                "{zh}应为加英文双引号的文字",
                "{en} must be text in double quotes"
            ))
            .at(value.span())
            .key(key.to_string()),
        ),
        Some(text) if text.chars().count() > MAX_TEXT_CHARS => {
            let count = text.chars().count();
            r.errors.push(
                Diagnostic::new(t!(
                    "{zh}有 {count} 个字符，最多 {MAX_TEXT_CHARS} 个",
                    "{en} holds {count} characters; at most {MAX_TEXT_CHARS} are allowed"
                ))
                .at(value.span())
                .key(key.to_string())
                .help(t!(
                    "写成一两句话；详细的做法写在认证机构自己的作业指导书里",
                    "say it in a sentence or two; keep the full procedure in the body's own work instructions"
                )),
            );
            return None;
        }
        Some(_) => {}
    }
    text
}

/// The text `value` holds, trimmed, when it says something; a placeholder
/// the starter wrote is warned of.
pub(super) fn written_text(
    r: &mut Reader<'_>,
    value: &Value<'_>,
    key: &str,
    term: (&str, &str),
) -> Option<String> {
    let written = text(r, value, key, term)?.trim();
    let (zh, en) = term;
    if written.is_empty() {
        r.errors.push(
            Diagnostic::new(t!("{zh}不能为空", "{en} must not be empty"))
                .at(value.span())
                .key(key.to_string()),
        );
        return None;
    }
    if super::init::is_placeholder(written) {
        r.errors.push(
            Diagnostic::new(t!(
                "{zh}尚未填写：\"{written}\" 是起始文件的占位文字",
                "{en} is not filled in yet: \"{written}\" is the starter's placeholder"
            ))
            .at(value.span())
            .key(key.to_string()),
        );
    }
    Some(written.to_string())
}

/// The list `value` is; `None` with the problem recorded. A text where a
/// list belongs (`methods = "document"`) is offered as the list it meant.
pub(super) fn list_of<'t, 'i>(
    r: &mut Reader<'_>,
    value: &'t Value<'i>,
    key: &str,
    term: (&str, &str),
    example: &str,
) -> Option<&'t [Value<'i>]> {
    if let Some(items) = value.get_ref().as_array() {
        return Some(items.as_ref());
    }
    let (zh, en) = term;
    let field = key.rsplit('.').next().unwrap_or(key);
    let help = match value.get_ref().as_str() {
        Some(text) => {
            let items: Vec<String> = (text.split(['、', ',', '，', ';', '；', '\n']))
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(crate::text::toml_string)
                .collect();
            let corrected = format!("{field} = [{}]", items.join(", "));
            t!("改为 {corrected}", "write {corrected}")
        }
        None => t!("写成 {field} = {example}", "write {field} = {example}"),
    };
    r.errors.push(
        Diagnostic::new(t!(
            "{zh}应写成方括号内的列表",
            "{en} are written as a list in square brackets"
        ))
        .at(value.span())
        .key(key.to_string())
        .help(help),
    );
    None
}

/// Whether a key of `table` that is none of `known` stands for `wanted`
/// (`coeficient`, `系数`): then `wanted` is reported as that key
/// misnamed, not also as missing.
pub(super) fn misnamed(table: &DeTable<'_>, wanted: &str, known: &[&'static str]) -> bool {
    (table.keys())
        .map(|key| key.get_ref().as_ref())
        .filter(|key| !known.contains(key))
        .any(|key| {
            meant(key, known)
                .or_else(|| crate::diagnostic::suggestion(key, known.iter().copied(), &[]))
                == Some(wanted)
        })
}

/// A value that should be a number and is not: the slip named and the
/// line corrected when it is one (`"0.5"`, `50%`, `0，5`).
pub(super) fn not_a_number<T>(
    r: &mut Reader<'_>,
    value: &Value<'_>,
    key: &str,
    expecting: Expecting,
) -> Option<T> {
    let slip = (value.get_ref().as_str()).and_then(|text| {
        let (line, range) = r.line_for_slip(&value.span())?;
        slips::in_string(line, range, text, expecting)
    });
    let quoted = value.get_ref().is_str();
    let message = match (expecting, quoted) {
        (Expecting::Count, true) => t!(
            "最少抽样数 minimum 应为整数，不加引号",
            "the minimum sample must be a whole number, without quotes"
        ),
        (Expecting::Count, false) => t!(
            "最少抽样数 minimum 应为整数",
            "the minimum sample must be a whole number"
        ),
        (_, true) => t!(
            "扣分系数应为 0 到 1 之间的数，不加引号",
            "a deduction coefficient must be a number from 0 to 1, without quotes"
        ),
        (_, false) => t!(
            "扣分系数应为 0 到 1 之间的数",
            "a deduction coefficient must be a number from 0 to 1"
        ),
    };
    // The slip says what is wrong in its own words ("numbers are written
    // without quotes", "not a percentage").
    let problem = match slip {
        Some(slip) => Diagnostic::new(slip.message.clone()).help(slip.help()),
        None => Diagnostic::new(message),
    };
    r.errors.push(problem.at(value.span()).key(key.to_string()));
    None
}
