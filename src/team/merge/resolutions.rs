//! The resolutions file of `bscore merge --resolutions`: how the team
//! settled each disagreement between parts, with a reason for each.
//!
//! ```toml
//! [resolve."4.3.b"]
//! take = "赵六"
//! why = "现场复核后以赵六的记录为准"
//!
//! [resolve."5.4.c"]
//! value = 0.5
//! why = "评价组讨论后商定"
//! ```
//!
//! A key names what is disagreed on, as the merge lists it: an indicator
//! (its items included), `audit.date` and the other fields of `[audit]`,
//! `sites.ID`, or `bonus`.

use crate::diagnostic::{Diagnostic, InputError, quote_key};
use crate::message::t;
use crate::number::Exact;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One resolution as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    /// What it settles, as written: `4.3.b`, `audit.date`, `bonus`.
    pub subject: String,
    /// Where its key is written, for a problem of the resolution.
    pub at: Range<usize>,
    /// Where its `take` is written, if it is.
    pub take_at: Option<Range<usize>>,
    /// What it takes.
    pub taken: crate::audit::Taken,
    /// Why.
    pub why: String,
}

/// A resolutions file, read and checked: its name, text and digest (the
/// merged audit records it), and each resolution in file order.
#[derive(Debug, Clone)]
pub struct Resolutions {
    /// The file's name, as given.
    pub file: String,
    /// Its text, for problems found while merging.
    pub source: String,
    /// Its SHA-256.
    pub sha256: String,
    /// Every resolution that reads, in file order.
    pub resolutions: Vec<Resolution>,
    /// The file's problems of shape (a table without `why`, an unquoted
    /// id…): the merge still runs with the resolutions that read, so that
    /// what it finds of them (one that settles nothing, a member no side
    /// names) is told with these, every problem of the file at once.
    pub problems: Vec<Diagnostic>,
}

impl Resolutions {
    /// Reads `source` (the file `file`): a syntax error refuses it; its
    /// other problems are kept in [`Resolutions::problems`].
    pub fn parse(file: &str, source: &str) -> Result<Resolutions, InputError> {
        let (document, errors) = DeTable::parse_recoverable(source);
        if !errors.is_empty() {
            let syntax = crate::audit::syntax::check(source);
            let problems = match syntax.problems.is_empty() {
                true => errors
                    .iter()
                    .map(crate::audit::validate::toml_error)
                    .collect(),
                false => syntax.problems,
            };
            return Err(InputError::new(file, source, problems));
        }
        let mut problems = Vec::new();
        let resolutions = read(document.get_ref(), &mut problems);
        Ok(Resolutions {
            file: file.to_string(),
            source: source.to_string(),
            sha256: crate::trace::sha256(source),
            resolutions,
            problems,
        })
    }

    /// The problems found while merging, shown against this file.
    pub fn error(&self, problems: Vec<Diagnostic>) -> InputError {
        InputError::new(&self.file, &self.source, problems)
    }
}

/// The `[resolve]` tables of `document`, each checked.
fn read(document: &DeTable<'_>, problems: &mut Vec<Diagnostic>) -> Vec<Resolution> {
    for (key, _) in document
        .iter()
        .filter(|(key, _)| key.get_ref() != "resolve")
    {
        let name = key.get_ref().as_ref();
        problems.push(
            Diagnostic::new(t!(
                "未知的表 `{name}`：分歧的解决写在 [resolve.\"编号\"] 表中",
                "unknown table `{name}`: resolutions are written as [resolve.\"ID\"] tables"
            ))
            .at(key.span())
            .key(quote_key(name))
            .help(example()),
        );
    }
    let Some(resolve) = document.get("resolve") else {
        if problems.is_empty() {
            problems.push(
                Diagnostic::new(t!(
                    "文件中没有 [resolve] 表，没有解决任何分歧",
                    "the file holds no [resolve] table: it settles nothing"
                ))
                .at(0..0)
                .help(example()),
            );
        }
        return Vec::new();
    };
    let Some(table) = resolve.get_ref().as_table() else {
        problems.push(
            Diagnostic::new(t!("resolve 应为表", "resolve must be a table"))
                .at(resolve.span())
                .key("resolve")
                .help(example()),
        );
        return Vec::new();
    };
    let mut read: Vec<Resolution> = (table.iter())
        .filter_map(|(key, value)| resolution(key, value, problems))
        .collect();
    read.sort_by_key(|resolution| resolution.at.start);
    read
}

/// The example every problem of the file's shape points to.
fn example() -> crate::message::Text {
    t!(
        "写成 [resolve.\"4.3.b\"]，下一行 take = \"评价人员\"（或 value = 0.5），再一行 why = \"理由\"",
        "write [resolve.\"4.3.b\"], then take = \"member\" (or value = 0.5) and why = \"reason\" on the lines below"
    )
}

/// One `[resolve."…"]` table, or `None` with its problems recorded.
fn resolution(
    key: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Resolution> {
    let subject = key.get_ref().trim().to_string();
    let path = format!("resolve.{}", quote_key(&subject));
    let Some(table) = value.get_ref().as_table() else {
        problems.push(
            Diagnostic::new(t!("应为一个表", "expected a table"))
                .at(value.span())
                .key(path)
                .help(example()),
        );
        return None;
    };
    if let Some(dotted) = dotted_id(&subject, table) {
        problems.push(
            Diagnostic::new(t!(
                "编号 {dotted} 没有加英文双引号，被读成了几层表",
                "the id {dotted} is not in double quotes, so it reads as nested tables"
            ))
            .at(key.span())
            .key(path)
            .help(t!(
                "写成 [resolve.\"{dotted}\"]",
                "write [resolve.\"{dotted}\"]"
            )),
        );
        return None;
    }
    let before = problems.len();
    for (name, _) in table.iter() {
        if !["take", "value", "why"].contains(&name.get_ref().as_ref()) {
            let shown = name.get_ref().as_ref();
            problems.push(
                Diagnostic::new(t!(
                    "未知的键 `{shown}`，应为 take、value、why 之一",
                    "unknown key `{shown}`: expected take, value or why"
                ))
                .at(name.span())
                .key(format!("{path}.{shown}")),
            );
        }
    }
    let text = |name: &str, problems: &mut Vec<Diagnostic>| -> Option<String> {
        let value = table.get(name)?;
        let (message, help) = match value.get_ref().as_str().map(str::trim) {
            Some(text) if crate::audit::is_placeholder(text) => (
                t!(
                    "{name} 还是占位符“{text}”",
                    "{name} is still the placeholder \"{text}\""
                ),
                match name {
                    "take" => t!(
                        "填上采纳其评价的组员姓名",
                        "write the member whose assessment is taken"
                    ),
                    _ => t!("写明理由", "write the reason"),
                },
            ),
            Some(text) if !text.is_empty() => return Some(text.to_string()),
            Some(_) => (
                t!("{name} 是空的", "{name} is empty"),
                match name {
                    "take" => t!(
                        "填上采纳其评价的组员姓名",
                        "write the member whose assessment is taken"
                    ),
                    _ => t!("写明理由", "write the reason"),
                },
            ),
            None => (
                t!(
                    "{name} 应为加英文双引号的文字",
                    "{name} must be text in double quotes"
                ),
                t!("写成 {name} = \"…\"", "write {name} = \"…\""),
            ),
        };
        problems.push(
            Diagnostic::new(message)
                .at(value.span())
                .key(format!("{path}.{name}"))
                .help(help),
        );
        None
    };
    let take = text("take", problems);
    let why = text("why", problems);
    let agreed = table
        .get("value")
        .and_then(|value| coefficient(value, &path, problems));
    if !table.contains_key("why") {
        problems.push(
            Diagnostic::new(t!(
                "缺少 why：每项分歧的解决都须写明理由",
                "missing why: every resolution needs its reason"
            ))
            .at(key.span())
            .key(format!("{path}.why"))
            .help(t!(
                "加一行 why = \"理由\"",
                "add a line why = \"the reason\""
            )),
        );
    }
    let taken = match (
        take,
        agreed,
        table.contains_key("take"),
        table.contains_key("value"),
    ) {
        (Some(member), None, _, false) => crate::audit::Taken::Member(member),
        (None, Some((value, written)), false, _) => crate::audit::Taken::Value(value, written),
        (_, _, true, true) => {
            problems.push(
                Diagnostic::new(t!(
                    "take 与 value 只能写其一",
                    "write either take or value, not both"
                ))
                .at(key.span())
                .key(path),
            );
            return None;
        }
        (_, _, false, false) => {
            problems.push(
                Diagnostic::new(t!(
                    "缺少 take（采纳谁的评价）或 value（商定的扣分系数）",
                    "missing take (whose assessment is taken) or value (the coefficient agreed)"
                ))
                .at(key.span())
                .key(path)
                .help(example()),
            );
            return None;
        }
        _ => return None,
    };
    let why = why?;
    (problems.len() == before).then(|| Resolution {
        subject,
        at: key.span(),
        take_at: table.get("take").map(|take| take.span()),
        taken,
        why,
    })
}

/// `[resolve.5.4]`: an id written without quotes, read as a table `5`
/// holding a table `4`; the id it was, when the table holds nothing but
/// one such table on each level.
fn dotted_id(subject: &str, table: &DeTable<'_>) -> Option<String> {
    let mut id = subject.to_string();
    let mut table = table;
    let mut nested = false;
    loop {
        if ["take", "value", "why"]
            .iter()
            .any(|name| table.contains_key(*name))
        {
            return nested.then_some(id);
        }
        let mut inner = table.iter();
        let (key, value) = inner.next()?;
        if inner.next().is_some() {
            return None;
        }
        id = format!("{id}.{}", key.get_ref());
        table = value.get_ref().as_table()?;
        nested = true;
    }
}

/// `value`: a coefficient from 0 to 1, exact as written.
fn coefficient(
    value: &Spanned<DeValue<'_>>,
    path: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<(Exact, String)> {
    match crate::audit::agreed_coefficient(value.get_ref()) {
        Some(agreed) => Some(agreed),
        None => {
            problems.push(
                Diagnostic::new(t!(
                    "value 应为 0 到 1 之间的扣分系数，不加引号",
                    "value must be a deduction coefficient from 0 to 1, without quotes"
                ))
                .at(value.span())
                .key(format!("{path}.value")),
            );
            None
        }
    }
}
