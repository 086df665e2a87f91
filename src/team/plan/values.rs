//! Reading the values of a plan's tables: a table, its keys (unknown or
//! missing), a text, a date, an array of tables; each problem recorded
//! with its place, as the 细则's readers do (`rules::values`). A leaf the
//! reader of the plan's tables (`load`) stands on.

use crate::checklist::Checklist;
use crate::diagnostic::{Diagnostic, Expected, LineIndex, unknown};
use crate::message::t;
use jiff::civil::Date;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A value as parsed, with its place.
pub(super) type Value<'i> = Spanned<DeValue<'i>>;

/// The most members a team may have, and sites a plan may list: more than
/// any evaluation needs, so that a hostile file costs little.
pub(super) const MAX_ENTRIES: usize = 1000;

/// The most characters of a name or other text of the plan.
pub(super) const MAX_TEXT_CHARS: usize = 200;

/// What reading a plan needs, and every problem found so far.
pub(super) struct Reader<'a> {
    /// The checklist the plan is for.
    pub(super) checklist: &'a Checklist,
    /// Where the file's lines start, for "on line N already".
    pub(super) lines: LineIndex,
    /// Every problem found.
    pub(super) errors: Vec<Diagnostic>,
    /// Keys on lines set aside for their syntax errors: already reported,
    /// so not missing.
    pub(super) set_aside: Vec<String>,
}

impl<'a> Reader<'a> {
    /// A reader of `source` (as read, or with broken lines blanked) for
    /// `checklist`.
    pub(super) fn start(source: &str, checklist: &'a Checklist) -> Reader<'a> {
        Reader {
            checklist,
            lines: LineIndex::new(source),
            errors: Vec::new(),
            set_aside: Vec::new(),
        }
    }
}

/// A date written as TOML writes one (`2026-05-18`, no quotes, no time).
pub(super) fn date(
    r: &mut Reader<'_>,
    value: &Value<'_>,
    key: &str,
) -> Option<(Date, Range<usize>)> {
    let problem = match value.get_ref() {
        DeValue::Datetime(datetime) => match (datetime.date, datetime.time, datetime.offset) {
            (Some(date), None, None) => {
                let day = (i16::try_from(date.year).ok())
                    .zip(i8::try_from(date.month).ok())
                    .zip(i8::try_from(date.day).ok())
                    .and_then(|((y, m), d)| Date::new(y, m, d).ok());
                match day {
                    Some(day) => return Some((day, value.span())),
                    None => t!("日历上没有 {date} 这一天", "{date} is not a calendar date"),
                }
            }
            _ => t!(
                "应为日期（如 2026-05-18），不带时间，实际为 `{datetime}`",
                "expected a date such as 2026-05-18 without a time, found `{datetime}`"
            ),
        },
        DeValue::String(text) => {
            let shown = crate::text::shortened(text);
            t!(
                "日期不加引号：写成 {shown} 这样的 年-月-日",
                "a date is written without quotes, as year-month-day: {shown}"
            )
        }
        _ => t!(
            "应为日期，如 2026-05-18（不加引号）",
            "expected a date such as 2026-05-18, without quotes"
        ),
    };
    r.errors.push(
        Diagnostic::new(problem)
            .at(value.span())
            .key(key.to_string()),
    );
    None
}

/// `problem` with `help`, unless it has one already (the name meant).
pub(super) fn or_help(problem: Diagnostic, help: crate::message::Text) -> Diagnostic {
    match problem.help.is_some() {
        true => problem,
        false => problem.help(help),
    }
}

/// The array of tables `value` is (`[[team]]`), bounded; `None` with the
/// problem recorded.
pub(super) fn array_of_tables<'t, 'i>(
    r: &mut Reader<'_>,
    value: &'t Value<'i>,
    path: &str,
    at: Range<usize>,
) -> Option<&'t [Value<'i>]> {
    let Some(entries) = value.get_ref().as_array() else {
        r.errors.push(
            Diagnostic::new(t!(
                "每一项单独写一个 [[{path}]] 表（两层方括号）",
                "expected an array of tables: write each one as [[{path}]]"
            ))
            .at(value.span())
            .key(path.to_string()),
        );
        return None;
    };
    if entries.len() > MAX_ENTRIES {
        let count = entries.len();
        r.errors.push(
            Diagnostic::new(t!(
                "[[{path}]] 有 {count} 项，最多 {MAX_ENTRIES} 项",
                "[[{path}]] holds {count} entries; at most {MAX_ENTRIES} are read"
            ))
            .at(at)
            .key(path.to_string()),
        );
        return None;
    }
    Some(entries.as_ref())
}

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

/// Every key of `table` (at `path`) that is not `known`: the first
/// [`crate::diagnostic::MAX_REPORTED`] of the file's problems with the key meant, the rest
/// plainly.
pub(super) fn known_keys(
    r: &mut Reader<'_>,
    table: &DeTable<'_>,
    path: &str,
    known: &[&'static str],
) {
    let mut told = r.errors.len();
    let problems = crate::diagnostic::unknown_keys(table, path, known, |name| {
        told += 1;
        (told <= crate::diagnostic::MAX_REPORTED).then(|| {
            unknown(
                ("键", "key"),
                name,
                known.iter().copied(),
                &[],
                Expected::OneOf,
            )
        })
    });
    r.errors.extend(problems);
}

/// The keys of `known` that `table` (at `path`, written at `at`) lacks,
/// told at once; a key on a line set aside, or misnamed, is not missing.
pub(super) fn missing_keys(
    r: &mut Reader<'_>,
    table: &DeTable<'_>,
    path: &str,
    known: &[&'static str],
    at: Range<usize>,
) {
    let strays: Vec<&str> = (table.keys())
        .map(|key| key.get_ref().as_ref())
        .filter(|key| !known.contains(key))
        .collect();
    let misnamed = |wanted: &str| {
        (strays.iter()).any(|key| {
            crate::diagnostic::suggestion(key, known.iter().copied(), &[]) == Some(wanted)
        })
    };
    let missing: Vec<&str> = (known.iter().copied())
        .filter(|key| !table.contains_key(*key))
        .filter(|key| !r.set_aside.iter().any(|k| k == key))
        .filter(|key| !misnamed(key))
        .collect();
    if missing.is_empty() {
        return;
    }
    let (zh, en) = (missing.join("、"), missing.join(", "));
    let example = missing
        .iter()
        .map(|key| example(key))
        .collect::<Vec<_>>()
        .join("\n");
    r.errors.push(
        Diagnostic::new(t!("[{path}] 缺少 {zh}", "[{path}] is missing {en}"))
            .at(at)
            .key(path.to_string())
            .help(t!("补上：\n{example}", "add:\n{example}")),
    );
}

/// A line that writes `key`, for a help.
pub(super) fn example(key: &str) -> &'static str {
    match key {
        "organization" => "organization = \"示例科技有限公司\"",
        "service" => "service = \"供应链金融区块链服务\"",
        "kind" => "kind = \"initial\"",
        "from" => "from = 2026-05-18",
        "to" => "to = 2026-05-20",
        "leader" => "leader = \"王五\"",
        "categories" => "categories = [\"service\", \"management\"]",
        "id" => "id = \"sh\"",
        _ => "name = \"王五\"",
    }
}

/// The text `value` holds, trimmed, not blank and not too long; `None`
/// with the problem recorded.
pub(super) fn text(
    r: &mut Reader<'_>,
    value: &Value<'_>,
    key: &str,
    term: (&str, &str),
) -> Option<String> {
    let (zh, en) = term;
    let problem = match value.get_ref().as_str().map(str::trim) {
        None => t!(
            "{zh}应为加英文双引号的文字",
            "{en} must be text in double quotes"
        ),
        Some("") => t!("{zh}不能为空", "{en} must not be empty"),
        Some(text) if text.chars().count() > MAX_TEXT_CHARS => {
            let count = text.chars().count();
            t!(
                "{zh}有 {count} 个字符，最多 {MAX_TEXT_CHARS} 个",
                "{en} holds {count} characters; at most {MAX_TEXT_CHARS} are allowed"
            )
        }
        // What a part's audit would refuse is refused here, once, not in
        // every member's part.
        Some(text) if crate::audit::is_placeholder(text) => t!(
            "{zh}“{text}”是占位符，须写上实际内容",
            "{en} \"{text}\" is a placeholder: write the real one"
        ),
        Some(text) if text.chars().any(char::is_control) => t!(
            "{zh}含有控制字符（如换行）",
            "{en} holds a control character (a line break, say)"
        ),
        Some(text) => return Some(text.to_string()),
    };
    r.errors.push(
        Diagnostic::new(problem)
            .at(value.span())
            .key(key.to_string()),
    );
    None
}
