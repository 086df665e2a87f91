//! The keys of a table and the kinds of their values, checked in one go:
//! every unknown key (with the key meant), every missing field (listed
//! together), every value of the wrong kind (with the slip named and the
//! line corrected), all in the assessor's words rather than the parser's.

use super::context::Context;
use super::format::{Choice, Key, Shape};
use super::slips::{self, Expecting};
use crate::checklist::Checklist;
use crate::diagnostic::{Diagnostic, Expected, did_you_mean, suggestion, unknown};
use crate::message::Text;
use crate::message::t;
use std::ops::Range;
use toml::Spanned;
use toml::de::DeValue;

/// The values of a table's fields whose kind is right.
pub(super) struct Fields<'t, 'i> {
    values: Vec<(&'static str, &'t Spanned<DeValue<'i>>)>,
    /// Whether every key was known, present when required and right.
    pub(super) complete: bool,
}

impl<'t, 'i> Fields<'t, 'i> {
    /// The value of `key`, if it is there and of the right kind.
    pub(super) fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.values.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }

    /// The text of `key`, if it is there and is text.
    pub(super) fn text(&self, key: &str) -> Option<Spanned<String>> {
        let value = self.get(key)?;
        Some(Spanned::new(
            value.span(),
            value.get_ref().as_str()?.to_string(),
        ))
    }
}

/// Checks the table `value` (at `path`, named at `name_span`) against
/// `fields`; `None` when it is not a table at all.
pub(super) fn table<'t, 'i>(
    cx: &mut Context<'_>,
    value: &'t Spanned<DeValue<'i>>,
    path: &str,
    name_span: Range<usize>,
    fields: &[Key],
) -> Option<Fields<'t, 'i>> {
    let Some(table) = value.get_ref().as_table() else {
        cx.problems.push(
            Diagnostic::new(t!(
                "应为一个表（[{path}] 或 {{ … }}）",
                "expected a table ([{path}] or {{ … }})"
            ))
            .at(value.span())
            .key(path.to_string()),
        );
        return None;
    };
    let mut found = Fields {
        values: Vec::new(),
        complete: true,
    };
    let missing: Vec<&Key> = fields
        .iter()
        .filter(|field| field.required && !table.keys().any(|k| k.get_ref() == field.name))
        .filter(|field| !cx.set_aside.iter().any(|key| key == field.name))
        .collect();
    let missing_keys: Vec<&str> = missing.iter().map(|field| field.name).collect();
    // A field written under a wrong name is reported once, as that
    // name with the right one suggested, not also as missing.
    let misnamed: Vec<&str> = (table.keys())
        .filter(|key| !fields.iter().any(|field| field.name == key.get_ref()))
        .filter_map(|key| suggestion(key.get_ref(), missing_keys.iter().copied(), &[]))
        .collect();
    let missing: Vec<&Key> = (missing.into_iter())
        .filter(|field| !misnamed.contains(&field.name))
        .collect();
    let mut unknown_keys = Vec::new();
    for (key, item) in table {
        let name = key.get_ref().as_ref();
        match fields.iter().find(|field| field.name == name) {
            Some(field) if has_shape(cx, item, field, path) => {
                found.values.push((field.name, item));
            }
            Some(_) => found.complete = false,
            None => {
                found.complete = false;
                unknown_keys.push(key);
            }
        }
    }
    for key in cx.first_listable(unknown_keys, |key| key.span().start) {
        let name = key.get_ref().as_ref();
        let known = fields.iter().map(|field| field.name);
        let mut problem = unknown(("键", "key"), name, known, &missing_keys, Expected::OneOf);
        // `[[audit.sites]]`, `[audit.bonus]`: a table of its own, written
        // under another.
        if let Some(section) = (super::format::SECTIONS.iter()).find(|section| section.name == name)
        {
            let header = header_of(section.name);
            problem = problem.help(t!(
                "{header} 是单独的表，写在文件的顶层，不要写在 [{path}] 之下",
                "{header} is a table of its own: write it at the top level, not under [{path}]"
            ));
        }
        cx.problems.push(
            problem
                .at(key.span())
                .key(format!("{path}.{}", crate::diagnostic::quote_key(name))),
        );
    }
    if !missing.is_empty() {
        found.complete = false;
        missing_fields(cx, path, name_span, &missing);
    }
    Some(found)
}

/// One message for every required field a table lacks; on a form, one
/// for each, named by the field's label and keyed to its cell.
fn missing_fields(cx: &mut Context<'_>, path: &str, span: Range<usize>, missing: &[&Key]) {
    if cx.on_form() {
        for field in missing {
            let (label, label_en) = form_term(field);
            cx.problems.push(
                Diagnostic::new(t!("{label}未填写", "{label_en} is not filled in"))
                    .at(span.clone())
                    .key(format!("{path}.{}", field.name))
                    .help(t!(
                        "在 A 列为“{label}”的那一行的 B 列填写",
                        "fill in column B of the row labelled {label_en} in column A"
                    )),
            );
        }
        return;
    }
    let zh: Vec<String> = (missing.iter())
        .map(|f| format!("{}（{}）", f.term.0, f.name))
        .collect();
    let en: Vec<&str> = missing.iter().map(|f| f.name).collect();
    let examples: Vec<(String, String)> =
        (missing.iter()).map(|f| example(f, cx.checklist)).collect();
    let examples_zh: Vec<&str> = examples.iter().map(|(zh, _)| zh.as_str()).collect();
    let examples_en: Vec<&str> = examples.iter().map(|(_, en)| en.as_str()).collect();
    let (zh, en) = (zh.join("、"), en.join(", "));
    let (examples_zh, examples_en) = (examples_zh.join("\n"), examples_en.join("\n"));
    let header = header_of(path);
    cx.problems.push(
        Diagnostic::new(t!("{header} 缺少 {zh}", "{header} is missing {en}"))
            .at(span)
            .help(t!(
                "在 {header} 中补上：\n{examples_zh}",
                "add to {header}:\n{examples_en}"
            )),
    );
}

/// How the table at `path` is headed in a file: `[[sites]]` for one of an
/// array of tables (`[sites]` would be another table), `[audit]` for one
/// table.
fn header_of(path: &str) -> String {
    let many = (super::format::SECTIONS.iter()).any(|section| {
        section.name == path && matches!(section.holds, super::format::Holds::Many(_))
    });
    match many {
        true => format!("[[{path}]]"),
        false => format!("[{path}]"),
    }
}

/// Whether `value` is what `field` holds; if not, the problem is
/// recorded, with the slip named when it is one.
fn has_shape(cx: &mut Context<'_>, value: &Spanned<DeValue<'_>>, field: &Key, path: &str) -> bool {
    let key = format!("{path}.{}", field.name);
    let (term_zh, term_en) = field.term;
    let expecting = match field.shape {
        Shape::Coefficient => Expecting::Coefficient,
        Shape::Count { .. } => Expecting::Count,
        Shape::Date => Expecting::Date,
        _ => Expecting::Any,
    };
    let problem = match (field.shape, value.get_ref()) {
        (shape, DeValue::String(_)) if shape.is_text() => return true,
        // A form's "?" (`bscore next` writes one in each cell to fill in)
        // is a placeholder, told as the TOML's "?" is.
        (Shape::Date | Shape::Coefficient | Shape::Count { .. }, DeValue::String(text))
            if cx.on_form() && text.trim() == "?" =>
        {
            let (label, label_en) = form_term(field);
            let (expected, expected_en) = form_expected(field);
            t!(
                "{label}尚未填写：把“?”换成{expected}",
                "{label_en} is not filled in yet: replace \"?\" with {expected_en}"
            )
        }
        (
            Shape::Date | Shape::Coefficient | Shape::Count { .. } | Shape::Choice(_),
            DeValue::String(text),
        ) if cx.on_form() && !is_choice(field.shape, text) => {
            let (label, label_en) = form_term(field);
            let (expected, expected_en) = form_expected(field);
            let shown = crate::input::shortened(text.trim());
            t!(
                "{label}应为{expected}，实际为“{shown}”",
                "{label_en} must be {expected_en}, found \"{shown}\""
            )
        }
        (Shape::Names, DeValue::Array(items)) => {
            if items.iter().all(|item| item.get_ref().as_str().is_some()) {
                return true;
            }
            t!(
                "{term_zh}的每一项都应为加英文双引号的姓名",
                "each of {term_en} must be a name in double quotes"
            )
        }
        (Shape::Assessors, DeValue::String(_)) => return true,
        (Shape::Assessors, DeValue::Array(items))
            if items.iter().all(|item| item.get_ref().as_str().is_some()) =>
        {
            return true;
        }
        (Shape::Assessors, DeValue::Array(_)) => t!(
            "{term_zh}应为加英文双引号的姓名，或这样的姓名的列表",
            "{term_en} must be a name in double quotes, or a list of such names"
        ),
        (Shape::Names, DeValue::String(names)) => {
            names_as_text(cx, value.span(), names, &key, field.term);
            return false;
        }
        (Shape::Date, DeValue::Datetime(_))
        | (Shape::Coefficient | Shape::Count { .. }, DeValue::Integer(_) | DeValue::Float(_))
        | (Shape::Flag, DeValue::Boolean(_))
        | (Shape::Samples, DeValue::Array(_))
        | (Shape::Drawn | Shape::Resolved, DeValue::Table(_)) => {
            return true;
        }
        (Shape::Flag, DeValue::String(text)) => flag_as_text(cx, text, field),
        (Shape::Choice(choice), DeValue::String(text)) => {
            return choice_of(cx, value.span(), text, choice, &key, field.term);
        }
        (Shape::Date | Shape::Coefficient | Shape::Count { .. }, DeValue::String(text))
            if text.trim() == "?" =>
        {
            not_filled_in(field, cx.checklist)
        }
        (Shape::Date | Shape::Coefficient | Shape::Count { .. }, DeValue::String(text)) => {
            if let Some(diagnostic) = string_slip(cx, value.span(), text, expecting) {
                cx.problems.push(diagnostic.key(key));
                return false;
            }
            expected_kind(field)
        }
        _ => expected_kind(field),
    };
    cx.problems
        .push(Diagnostic::new(problem).at(value.span()).key(key));
    false
}

/// A string where a number or date belongs, when it is a slip.
pub(super) fn string_slip(
    cx: &Context<'_>,
    span: Range<usize>,
    text: &str,
    expecting: Expecting,
) -> Option<Diagnostic> {
    let line_start = cx.lines.start(cx.lines.line(span.start));
    let line_end = (cx.source[span.end..].find('\n')).map_or(cx.source.len(), |at| span.end + at);
    let line = cx.source.get(line_start..line_end)?.trim_end_matches('\r');
    let slip = slips::in_string(
        line,
        span.start - line_start..span.end - line_start,
        text,
        expecting,
    )?;
    let help = slip.help();
    Some(Diagnostic::new(slip.message).at(span).help(help))
}

/// `conforms = "是"`: a yes or no written as text, with the line meant
/// when the text says which.
fn flag_as_text(cx: &Context<'_>, text: &str, field: &Key) -> Text {
    let (term_zh, term_en) = field.term;
    let name = field.name;
    let meant = super::format::yes_or_no(text);
    let shown = crate::input::shortened(text.trim());
    match (meant, cx.on_form()) {
        (_, true) => t!(
            "{term_zh}应为“是”或“否”，实际为“{shown}”",
            "{term_en} must be yes or no, found \"{shown}\""
        ),
        (Some(value), false) => t!(
            "{term_zh}应写 true 或 false，不加引号：改为 {name} = {value}",
            "{term_en} is true or false, without quotes: write {name} = {value}"
        ),
        (None, false) => t!(
            "{term_zh}应写 true（符合）或 false（不符合），不加引号，实际为 \"{shown}\"",
            "{term_en} is true or false, without quotes, found \"{shown}\""
        ),
    }
}

/// `assessors = "张三、李四"`: the names, as the list they should be.
fn names_as_text(
    cx: &mut Context<'_>,
    span: Range<usize>,
    names: &str,
    key: &str,
    term: (&str, &str),
) {
    let list: Vec<String> = names
        .split(['、', ',', '，', ';', '；', '/', '\n'])
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| format!("{name:?}"))
        .collect();
    let field = key.rsplit('.').next().unwrap_or(key);
    let corrected = format!("{field} = [{}]", list.join(", "));
    let (term_zh, term_en) = term;
    cx.problems.push(
        Diagnostic::new(t!(
            "{term_zh}应写成方括号内的列表，每人一个双引号",
            "{term_en} are written as a list in square brackets, each name in quotes"
        ))
        .at(span)
        .key(key.to_string())
        .help(t!("改为 {corrected}", "write {corrected}")),
    );
}

/// A value that must be one of a few ids.
fn choice_of(
    cx: &mut Context<'_>,
    span: Range<usize>,
    text: &str,
    choice: &Choice,
    key: &str,
    term: (&str, &str),
) -> bool {
    let text = text.trim();
    if choice.options.iter().any(|opt| opt.id == text) {
        return true;
    }
    let field = key.rsplit('.').next().unwrap_or(key);
    let ids = || choice.options.iter().map(|opt| opt.id);
    let meant = (choice.options.iter())
        .find(|opt| opt.name.is_some_and(|(zh, _)| zh == text) || opt.words.contains(&text))
        .map(|opt| opt.id)
        .or_else(|| did_you_mean(text, ids()));
    let shown = crate::input::shortened(text);
    let (term_zh, term_en) = term;
    let named: Vec<String> = (choice.options.iter())
        .map(|opt| {
            let name = match opt.name {
                Some((zh, _)) => zh,
                None => opt.words.first().copied().unwrap_or(opt.id),
            };
            format!("\"{}\"（{name}）", opt.id)
        })
        .collect();
    let quoted: Vec<String> = ids().map(|id| format!("\"{id}\"")).collect();
    let (ids, ids_en) = (named.join("、"), quoted.join(", "));
    let mut diagnostic = Diagnostic::new(t!(
        "{term_zh}应为 {ids} 之一，实际为 \"{shown}\"",
        "{term_en} must be one of {ids_en}, found \"{shown}\""
    ));
    if let Some(id) = meant {
        diagnostic = diagnostic.help(t!("改为 {field} = \"{id}\"", "write {field} = \"{id}\""));
    }
    cx.problems.push(diagnostic.at(span).key(key.to_string()));
    false
}

/// Whether `text` is one of a choice's ids.
fn is_choice(shape: Shape, text: &str) -> bool {
    matches!(shape, Shape::Choice(choice) if choice.options.iter().any(|opt| opt.id == text.trim()))
}

/// What a field is called on a form: the label of its row (`[audit]`),
/// its column's heading (an indicator's) or the second sheet's heading;
/// its term where the form has no label for it.
fn form_term(field: &Key) -> (&'static str, &'static str) {
    field.form.unwrap_or(field.term)
}

/// The example line offered for `key` when it is missing: Chinese,
/// English. A choice offers its first id and names them all; a special
/// deduction's kind, the checklist's kinds.
pub(super) fn example(key: &Key, checklist: &Checklist) -> (String, String) {
    let name = key.name;
    match (key.example, key.shape) {
        (Some((zh, en)), _) => (zh.to_string(), en.to_string()),
        (None, Shape::Choice(choice)) => {
            let first = choice.options.first().map_or("", |opt| opt.id);
            let line = |ids: String| format!("{name} = \"{first}\"  # {ids}");
            (line(choice.described_zh()), line(choice.described_en()))
        }
        (None, _) => {
            let kinds: Vec<&str> = (checklist.special_deduction_kinds.iter())
                .map(|kind| kind.id.as_str())
                .collect();
            let first = kinds.first().copied().unwrap_or_default();
            let line = format!("{name} = \"{first}\"  # {}", kinds.join(" | "));
            (line.clone(), line)
        }
    }
}

/// What a field must hold, as a form's cell holds it: Chinese, English.
fn form_expected(field: &Key) -> (String, String) {
    match field.shape {
        Shape::Date => (
            "日期：日期单元格，或写成 2026-03-15、2026/3/15、2026年3月15日".into(),
            "a date: a date cell, or text written 2026-03-15, 2026/3/15 or 2026年3月15日".into(),
        ),
        Shape::Coefficient => ("介于 0 到 1 之间的数".into(), "a number from 0 to 1".into()),
        Shape::Count { .. } => ("整数".into(), "a whole number".into()),
        Shape::Choice(choice) => {
            // The names a form's list offers, where the ids have them.
            let names: Option<Vec<(&str, &str)>> =
                choice.options.iter().map(|opt| opt.name).collect();
            let (zh, en): (Vec<&str>, Vec<&str>) = match names {
                Some(names) => names.into_iter().unzip(),
                None => choice.options.iter().map(|opt| (opt.id, opt.id)).unzip(),
            };
            (
                format!("{}之一", zh.join("、")),
                format!("one of {}", en.join(", ")),
            )
        }
        _ => (field.term.0.into(), field.term.1.into()),
    }
}

/// The template's `"?"` where a number or date belongs: a placeholder,
/// refused as one.
fn not_filled_in(field: &Key, checklist: &Checklist) -> Text {
    let (zh, en) = field.term;
    let example = example(field, checklist).1;
    t!(
        "尚未填写：把 \"?\" 换成{zh}，如 {example}",
        "not filled in yet: replace \"?\" with {en}, such as {example}"
    )
}

/// Text the assessor must write (a name, a reason, a finding): not empty
/// and not a placeholder left as it was.
pub(super) fn written_text(
    text: &Spanned<String>,
    key: &str,
    what: (&str, &str),
) -> Result<String, Diagnostic> {
    let written = crate::input::required_text(text, key, what)?;
    match placeholder(text, key, what) {
        Some(problem) => Err(problem),
        None => Ok(written),
    }
}

/// Text the assessor may leave out (a record, a note): empty is none,
/// but a placeholder is refused.
pub(super) fn optional_text(
    text: Option<Spanned<String>>,
    key: &str,
    what: (&str, &str),
) -> Result<Option<String>, Diagnostic> {
    let Some(text) = text else { return Ok(None) };
    if let Some(problem) = placeholder(&text, key, what) {
        return Err(problem);
    }
    Ok(Some(text.into_inner()))
}

/// The problem with `text` if it is a placeholder: "not filled in yet",
/// with what to write instead.
fn placeholder(text: &Spanned<String>, key: &str, what: (&str, &str)) -> Option<Diagnostic> {
    let written = text.get_ref().trim();
    if !super::placeholders::is_placeholder(written) {
        return None;
    }
    let shown = crate::input::shortened(written);
    let (zh, en) = what;
    Some(
        Diagnostic::new(t!(
            "{zh}尚未填写：\"{shown}\" 是占位文字",
            "{en} is not filled in yet: \"{shown}\" is a placeholder"
        ))
        .at(text.span())
        .key(key)
        .help(t!(
            "写上实际的{zh}（括号、问号、省略号是占位符，须一并替换）",
            "replace the placeholder with {en} itself, brackets, question marks and ellipses included"
        )),
    )
}

/// "评价日期应为日期，如 2026-03-15" and the like.
fn expected_kind(field: &Key) -> Text {
    let (zh, en) = field.term;
    match field.shape {
        Shape::Code | Shape::Text | Shape::Reason | Shape::Note | Shape::DeductionKind => t!(
            "{zh}应为加英文双引号的文字",
            "{en} must be text in double quotes"
        ),
        Shape::Names => t!(
            "{zh}应写成列表，如 [\"张三\", \"李四\"]",
            "{en} must be a list such as [\"Zhang San\", \"Li Si\"]"
        ),
        Shape::Date => t!(
            "{zh}应为日期，写成 2026-03-15，不加引号",
            "{en} must be a date written 2026-03-15, without quotes"
        ),
        Shape::Coefficient => t!(
            "{zh}应为 0 到 1 之间的数",
            "{en} must be a number from 0 to 1"
        ),
        Shape::Count { .. } => t!("{zh}应为整数", "{en} must be a whole number"),
        Shape::Flag => t!(
            "{zh}应写 true（符合）或 false（不符合）",
            "{en} must be true or false"
        ),
        Shape::Samples => t!(
            "{zh}应写成方括号内的列表，每个样本一个 {{ item = …, conforms = … }}",
            "{en} must be a list in square brackets, each item {{ item = …, conforms = … }}"
        ),
        Shape::Drawn => t!(
            "{zh}应写成 {{ seed = …, from = …, sha256 = … }}",
            "{en} must be a table {{ seed = …, from = …, sha256 = … }}"
        ),
        Shape::Assessors => t!(
            "{zh}应为加英文双引号的姓名，如 \"赵六\"，或列表 [\"王五\", \"赵六\"]",
            "{en} must be a name in double quotes, or a list such as [\"Wang Wu\", \"Zhao Liu\"]"
        ),
        Shape::Resolved => t!(
            "{zh}应写成 {{ take = …, why = … }} 或 {{ value = …, why = … }}",
            "{en} must be a table {{ take = …, why = … }} or {{ value = …, why = … }}"
        ),
        Shape::Choice(choice) => {
            let ids: Vec<String> = (choice.options.iter())
                .map(|opt| format!("\"{}\"", opt.id))
                .collect();
            let (zh_ids, en_ids) = (ids.join("、"), ids.join(", "));
            t!("{zh}应为 {zh_ids} 之一", "{en} must be one of {en_ids}")
        }
    }
}
