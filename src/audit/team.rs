//! The keys a team evaluation adds to an audit: `by` (who assessed an
//! indicator, a special deduction or the bonus), `resolved` (how the
//! team settled a disagreement) and `[[merged]]` (the files a merge
//! joined, by digest). `[audit] part` is read with the other fields of
//! `[audit]` (`meta.rs`); which indicators a part must list, in
//! `indicators.rs`.

use super::context::Context;
use super::fields::{self, Fields, written_text};
use super::format::{MERGED, RESOLVED};
use super::model::{MergedFile, Resolved, Taken};
use crate::diagnostic::Diagnostic;
use crate::message::t;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The names of `by` in `fields` (of the table at `path`): one name or a
/// list, each written; empty when `by` is not there. `Err` when a
/// problem was recorded.
pub(super) fn by_of(
    cx: &mut Context<'_>,
    fields: &Fields<'_, '_>,
    path: &str,
) -> Result<Vec<String>, ()> {
    let Some(value) = fields.get("by") else {
        return Ok(Vec::new());
    };
    let key = format!("{path}.by");
    let term = ("评价人", "who assessed it");
    let names: Vec<Spanned<String>> = match value.get_ref() {
        DeValue::String(name) => vec![Spanned::new(value.span(), name.to_string())],
        DeValue::Array(items) => (items.iter())
            .filter_map(|item| {
                Some(Spanned::new(
                    item.span(),
                    item.get_ref().as_str()?.to_string(),
                ))
            })
            .collect(),
        _ => return Err(()),
    };
    if names.is_empty() {
        cx.problems.push(
            Diagnostic::new(t!(
                "评价人列表是空的",
                "the list of who assessed it is empty"
            ))
            .at(value.span())
            .key(key)
            .help(t!(
                "写上评价人员的姓名，如 by = \"赵六\"，或删去这一行",
                "write the assessor's name, as in by = \"Zhao Liu\", or remove the line"
            )),
        );
        return Err(());
    }
    let mut written = Vec::with_capacity(names.len());
    let mut failed = false;
    for name in &names {
        match written_text(name, &key, term) {
            Ok(name) if !written.contains(&name) => written.push(name),
            Ok(_) => {}
            Err(problem) => {
                cx.problems.push(problem);
                failed = true;
            }
        }
    }
    match failed {
        true => Err(()),
        false => Ok(written),
    }
}

/// `resolved = { take = …, why = … }` or `{ value = …, why = … }` in
/// `fields` (of the table at `path`); `Ok(None)` when not there, `Err`
/// when a problem was recorded.
pub(super) fn resolved_of(
    cx: &mut Context<'_>,
    fields: &Fields<'_, '_>,
    path: &str,
) -> Result<Option<Resolved>, ()> {
    let Some(value) = fields.get("resolved") else {
        return Ok(None);
    };
    let at = value.span();
    let path = format!("{path}.resolved");
    let table = fields::table(cx, value, &path, value.span(), RESOLVED.keys).ok_or(())?;
    let text = |cx: &mut Context<'_>, name: &str| -> Result<Option<String>, ()> {
        let Some(written) = table.text(name) else {
            return Ok(None);
        };
        written_text(&written, &format!("{path}.{name}"), RESOLVED.term(name))
            .map(Some)
            .map_err(|problem| cx.problems.push(problem))
    };
    let (take, why) = (text(cx, "take"), text(cx, "why"));
    let agreed = match table.get("value") {
        None => Ok(None),
        Some(value) => coefficient_of(cx, value, &path).map(Some),
    };
    let (take, why, agreed) = (take?, why?, agreed?);
    if !table.complete {
        return Err(());
    }
    let taken = match (take, agreed) {
        (Some(member), None) => Taken::Member(member),
        (None, Some((coefficient, written))) => Taken::Value(coefficient, written),
        (take, _) => {
            let (zh, en) = match take {
                Some(_) => (
                    "只能写 take 或 value 之一",
                    "write either take or value, not both",
                ),
                None => (
                    "缺少 take（采纳谁的评价）或 value（商定的扣分系数）",
                    "missing take (whose assessment) or value (the coefficient agreed)",
                ),
            };
            cx.problems.push(
                Diagnostic::new(t!("{zh}", "{en}"))
                    .at(at)
                    .key(path)
                    .help(t!(
                        "写成 {{ take = \"赵六\", why = \"…\" }} 或 {{ value = 0.5, why = \"…\" }}",
                        "write {{ take = \"Zhao Liu\", why = \"…\" }} or {{ value = 0.5, why = \"…\" }}"
                    )),
            );
            return Err(());
        }
    };
    // `why` is required: the table's check has reported it missing.
    let why = why.ok_or(())?;
    Ok(Some(Resolved { taken, why }))
}

/// A resolution's `value`: a coefficient from 0 to 1, exact as written,
/// with the text it was written as.
fn coefficient_of(
    cx: &mut Context<'_>,
    value: &Spanned<DeValue<'_>>,
    path: &str,
) -> Result<(crate::number::Exact, String), ()> {
    agreed_coefficient(value.get_ref()).ok_or_else(|| {
        cx.problems.push(
            Diagnostic::new(t!(
                "商定的扣分系数应为 0 到 1 之间的数",
                "the coefficient agreed must be a number from 0 to 1"
            ))
            .at(value.span())
            .key(format!("{path}.value")),
        );
    })
}

/// A coefficient agreed on (`value = 0.5`, in an audit's `resolved` or a
/// resolutions file): a decimal number from 0 to 1, exact, with the text
/// it was written as; `None` for anything else.
pub(crate) fn agreed_coefficient(value: &DeValue<'_>) -> Option<(crate::number::Exact, String)> {
    let written = match value {
        DeValue::Integer(integer) if integer.radix() == 10 => integer.as_str(),
        DeValue::Float(float) => float.as_str(),
        _ => return None,
    };
    let coefficient = crate::number::parse_decimal(written).ok()?;
    let one = <crate::number::Exact as num_traits::One>::one();
    (!coefficient.is_negative() && coefficient <= one).then(|| (coefficient, written.to_string()))
}

/// The `[[merged]]` entries: each file a merge joined, its digest 64
/// hexadecimal digits.
pub(super) fn merged(cx: &mut Context<'_>, value: &Spanned<DeValue<'_>>) -> Vec<MergedFile> {
    let Some(items) = value.get_ref().as_array() else {
        cx.problems.push(
            Diagnostic::new(t!(
                "合并记录每项单独写一个 [[merged]] 表（两层方括号）",
                "expected an array of tables: write each as [[merged]]"
            ))
            .at(value.span())
            .key("merged"),
        );
        return Vec::new();
    };
    (items.iter())
        .filter_map(|item| merged_file(cx, item))
        .collect()
}

/// One `[[merged]]` entry, or `None` with its problems recorded.
fn merged_file(cx: &mut Context<'_>, item: &Spanned<DeValue<'_>>) -> Option<MergedFile> {
    let fields = fields::table(cx, item, "merged", item.span(), MERGED.keys)?;
    let mut text = |name: &str| -> Option<(String, std::ops::Range<usize>)> {
        let written = fields.text(name)?;
        let span = written.span();
        let key = format!("merged.{name}");
        // A file's name is what the merge was given, `<stdin>` or `（赵六）`
        // too: only a blank one is wrong.
        let checked = match name {
            "file" => crate::input::required_text(&written, &key, MERGED.term(name)),
            _ => written_text(&written, &key, MERGED.term(name)),
        };
        checked
            .map_err(|problem| cx.problems.push(problem))
            .ok()
            .map(|text| (text, span))
    };
    let part = text("part").map(|(part, _)| part);
    let file = text("file");
    let (sha256, at) = text("sha256")?;
    let digest = sha256.to_ascii_lowercase();
    if digest.len() != 64 || !digest.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        let shown = crate::input::shortened(&sha256);
        cx.problems.push(
            Diagnostic::new(t!(
                "文件的 SHA-256 应为 64 位十六进制数字，实际为“{shown}”",
                "the file's SHA-256 must be 64 hexadecimal digits, found \"{shown}\""
            ))
            .at(at)
            .key("merged.sha256")
            .help(t!(
                "[[merged]] 由 bscore merge 写出，请勿手改；需要时重新合并",
                "[[merged]] is written by bscore merge: merge again rather than editing it"
            )),
        );
        return None;
    }
    let (file, _) = file?;
    fields.complete.then_some(MergedFile {
        part,
        file,
        sha256: digest,
    })
}

/// Whether the document is a part (`[audit] part` is written), read from
/// the document itself so that it holds when another key of `[audit]`
/// is wrong: one typo there must not report every indicator the part
/// leaves to others as missing.
pub(super) fn is_part(document: &DeTable<'_>) -> bool {
    document
        .get("audit")
        .and_then(|audit| audit.get_ref().as_table())
        .is_some_and(|audit| audit.contains_key("part"))
}
