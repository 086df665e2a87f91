//! The keys of a table and the kinds of their values, checked in one go:
//! every unknown key (with the key meant), every missing field (listed
//! together), every value of the wrong kind (with the slip named and the
//! line corrected), all in the assessor's words rather than the parser's.

use super::slips::{self, Expecting};
use super::validate::Validator;
use crate::diagnostic::{Diagnostic, Expected, did_you_mean, suggestion, unknown};
use crate::message::Text;
use crate::t;
use std::ops::Range;
use toml::Spanned;
use toml::de::DeValue;

/// What a field's value must be.
#[derive(Debug, Clone, Copy)]
pub(super) enum Shape {
    /// Text in quotes.
    Text,
    /// A list of names: `["张三", "李四"]`.
    Names,
    /// A date: `2026-03-15`.
    Date,
    /// A deduction coefficient: a number.
    Coefficient,
    /// A count: a whole number.
    Count,
    /// One of these ids, each with the other words people use for it.
    Choice(&'static [(&'static str, &'static [&'static str])]),
}

/// One key of a table.
#[derive(Debug, Clone, Copy)]
pub(super) struct Field {
    /// The key.
    pub(super) key: &'static str,
    /// What it holds, in the assessor's words: Chinese, English.
    pub(super) term: (&'static str, &'static str),
    /// What its value must be.
    pub(super) shape: Shape,
    /// Whether the table needs it.
    pub(super) required: bool,
    /// An example line, offered when it is missing: Chinese, English.
    pub(super) example: (&'static str, &'static str),
}

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

impl Validator<'_> {
    /// Checks the table `value` (at `path`, named at `name_span`) against
    /// `fields`; `None` when it is not a table at all.
    pub(super) fn fields<'t, 'i>(
        &mut self,
        value: &'t Spanned<DeValue<'i>>,
        path: &str,
        name_span: Range<usize>,
        fields: &[Field],
    ) -> Option<Fields<'t, 'i>> {
        let Some(table) = value.get_ref().as_table() else {
            self.problems.push(
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
        let missing: Vec<&Field> = fields
            .iter()
            .filter(|field| field.required && !table.keys().any(|k| k.get_ref() == field.key))
            .filter(|field| !self.set_aside.iter().any(|key| key == field.key))
            .collect();
        let missing_keys: Vec<&str> = missing.iter().map(|field| field.key).collect();
        // A field written under a wrong name is reported once, as that
        // name with the right one suggested, not also as missing.
        let misnamed: Vec<&str> = (table.keys())
            .filter(|key| !fields.iter().any(|field| field.key == key.get_ref()))
            .filter_map(|key| suggestion(key.get_ref(), missing_keys.iter().copied(), &[]))
            .collect();
        let missing: Vec<&Field> = (missing.into_iter())
            .filter(|field| !misnamed.contains(&field.key))
            .collect();
        let mut unknown_keys = Vec::new();
        for (key, item) in table {
            let name = key.get_ref().as_ref();
            match fields.iter().find(|field| field.key == name) {
                Some(field) if self.has_shape(item, field, path) => {
                    found.values.push((field.key, item));
                }
                Some(_) => found.complete = false,
                None => {
                    found.complete = false;
                    unknown_keys.push(key);
                }
            }
        }
        for key in self.first_listable(unknown_keys, |key| key.span().start) {
            let name = key.get_ref().as_ref();
            let known = fields.iter().map(|field| field.key);
            self.problems.push(
                unknown(("键", "key"), name, known, &missing_keys, Expected::OneOf)
                    .at(key.span())
                    .key(format!("{path}.{}", crate::diagnostic::quote_key(name))),
            );
        }
        if !missing.is_empty() {
            found.complete = false;
            self.missing_fields(path, name_span, &missing);
        }
        Some(found)
    }

    /// One message for every required field a table lacks; on a form, one
    /// for each, named by the field's label and keyed to its cell.
    fn missing_fields(&mut self, path: &str, span: Range<usize>, missing: &[&Field]) {
        if self.on_form() {
            for field in missing {
                let (label, label_en) = form_term(path, field);
                self.problems.push(
                    Diagnostic::new(t!("{label}未填写", "{label_en} is not filled in"))
                        .at(span.clone())
                        .key(format!("{path}.{}", field.key))
                        .help(t!(
                            "在 A 列为“{label}”的那一行的 B 列填写",
                            "fill in column B of the row labelled {label_en} in column A"
                        )),
                );
            }
            return;
        }
        let zh: Vec<String> = (missing.iter())
            .map(|f| format!("{}（{}）", f.term.0, f.key))
            .collect();
        let en: Vec<&str> = missing.iter().map(|f| f.key).collect();
        let examples_zh: Vec<&str> = missing.iter().map(|f| f.example.0).collect();
        let examples_en: Vec<&str> = missing.iter().map(|f| f.example.1).collect();
        let (zh, en) = (zh.join("、"), en.join(", "));
        let (examples_zh, examples_en) = (examples_zh.join("\n"), examples_en.join("\n"));
        self.problems.push(
            Diagnostic::new(t!("[{path}] 缺少 {zh}", "[{path}] is missing {en}"))
                .at(span)
                .help(t!(
                    "在 [{path}] 中补上：\n{examples_zh}",
                    "add to [{path}]:\n{examples_en}"
                )),
        );
    }

    /// Whether `value` is what `field` holds; if not, the problem is
    /// recorded, with the slip named when it is one.
    fn has_shape(&mut self, value: &Spanned<DeValue<'_>>, field: &Field, path: &str) -> bool {
        let key = format!("{path}.{}", field.key);
        let (term_zh, term_en) = field.term;
        let expecting = match field.shape {
            Shape::Coefficient => Expecting::Coefficient,
            Shape::Count => Expecting::Count,
            Shape::Date => Expecting::Date,
            _ => Expecting::Any,
        };
        let problem = match (field.shape, value.get_ref()) {
            (Shape::Text, DeValue::String(_)) => return true,
            (
                Shape::Date | Shape::Coefficient | Shape::Count | Shape::Choice(_),
                DeValue::String(text),
            ) if self.on_form() && !is_choice(field.shape, text) => {
                let (label, label_en) = form_term(path, field);
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
            (Shape::Names, DeValue::String(names)) => {
                self.names_as_text(value.span(), names, &key, field.term);
                return false;
            }
            (Shape::Date, DeValue::Datetime(_))
            | (Shape::Coefficient | Shape::Count, DeValue::Integer(_) | DeValue::Float(_)) => {
                return true;
            }
            (Shape::Choice(choices), DeValue::String(text)) => {
                return self.choice(value.span(), text, choices, &key, field.term);
            }
            (Shape::Date | Shape::Coefficient | Shape::Count, DeValue::String(text))
                if text.trim() == "?" =>
            {
                not_filled_in(field)
            }
            (Shape::Date | Shape::Coefficient | Shape::Count, DeValue::String(text)) => {
                if let Some(diagnostic) = self.string_slip(value.span(), text, expecting) {
                    self.problems.push(diagnostic.key(key));
                    return false;
                }
                expected_kind(field)
            }
            _ => expected_kind(field),
        };
        self.problems
            .push(Diagnostic::new(problem).at(value.span()).key(key));
        false
    }

    /// A string where a number or date belongs, when it is a slip.
    pub(super) fn string_slip(
        &self,
        span: Range<usize>,
        text: &str,
        expecting: Expecting,
    ) -> Option<Diagnostic> {
        let line_start = self.lines.start(self.lines.line(span.start));
        let line_end =
            (self.source[span.end..].find('\n')).map_or(self.source.len(), |at| span.end + at);
        let line = self
            .source
            .get(line_start..line_end)?
            .trim_end_matches('\r');
        let slip = slips::in_string(
            line,
            span.start - line_start..span.end - line_start,
            text,
            expecting,
        )?;
        let help = slip.help();
        Some(Diagnostic::new(slip.message).at(span).help(help))
    }

    /// `assessors = "张三、李四"`: the names, as the list they should be.
    fn names_as_text(&mut self, span: Range<usize>, names: &str, key: &str, term: (&str, &str)) {
        let list: Vec<String> = names
            .split(['、', ',', '，', ';', '；', '/', '\n'])
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(|name| format!("{name:?}"))
            .collect();
        let field = key.rsplit('.').next().unwrap_or(key);
        let corrected = format!("{field} = [{}]", list.join(", "));
        let (term_zh, term_en) = term;
        self.problems.push(
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
    fn choice(
        &mut self,
        span: Range<usize>,
        text: &str,
        choices: &[(&'static str, &'static [&'static str])],
        key: &str,
        term: (&str, &str),
    ) -> bool {
        let text = text.trim();
        if choices.iter().any(|(id, _)| *id == text) {
            return true;
        }
        let field = key.rsplit('.').next().unwrap_or(key);
        let meant = (choices.iter())
            .find(|(_, words)| words.contains(&text))
            .map(|(id, _)| *id)
            .or_else(|| did_you_mean(text, choices.iter().map(|(id, _)| *id)));
        let shown = crate::input::shortened(text);
        let (term_zh, term_en) = term;
        let ids: Vec<String> = choices
            .iter()
            .map(|(id, words)| format!("\"{id}\"（{}）", words.first().unwrap_or(id)))
            .collect();
        let ids_en: Vec<String> = choices.iter().map(|(id, _)| format!("\"{id}\"")).collect();
        let (ids, ids_en) = (ids.join("、"), ids_en.join(", "));
        let mut diagnostic = Diagnostic::new(t!(
            "{term_zh}应为 {ids} 之一，实际为 \"{shown}\"",
            "{term_en} must be one of {ids_en}, found \"{shown}\""
        ));
        if let Some(id) = meant {
            diagnostic = diagnostic.help(t!("改为 {field} = \"{id}\"", "write {field} = \"{id}\""));
        }
        self.problems.push(diagnostic.at(span).key(key.to_string()));
        false
    }
}

/// Whether `text` is one of a choice's ids.
fn is_choice(shape: Shape, text: &str) -> bool {
    matches!(shape, Shape::Choice(choices) if choices.iter().any(|(id, _)| *id == text.trim()))
}

/// What a field is called on a form: the label of its row (`[audit]`),
/// its column's heading (an indicator's) or the second sheet's heading;
/// its term where the form has no label for it.
fn form_term(path: &str, field: &Field) -> (&'static str, &'static str) {
    let label = match path {
        "audit" => crate::form::field_label(field.key),
        "special_deductions" | "bonus" => crate::form::adjustment_label(match field.key {
            "kind" => "kind",
            _ => "finding",
        }),
        _ => crate::form::column_label(field.key),
    };
    if label.0.is_empty() {
        field.term
    } else {
        label
    }
}

/// What a field must hold, as a form's cell holds it: Chinese, English.
fn form_expected(field: &Field) -> (String, String) {
    match field.shape {
        Shape::Date => (
            "日期：日期单元格，或写成 2026-03-15、2026/3/15、2026年3月15日".into(),
            "a date: a date cell, or text written 2026-03-15, 2026/3/15 or 2026年3月15日".into(),
        ),
        Shape::Coefficient => ("介于 0 到 1 之间的数".into(), "a number from 0 to 1".into()),
        Shape::Count => ("整数".into(), "a whole number".into()),
        Shape::Choice(choices) if field.key != "kind" => {
            let ids: Vec<&str> = choices.iter().map(|(id, _)| *id).collect();
            (
                format!("{}之一", ids.join("、")),
                format!("one of {}", ids.join(", ")),
            )
        }
        Shape::Choice(_) => {
            let kinds = |lang| {
                crate::render::Labels::of(lang)
                    .kinds
                    .join(list_separator(lang))
            };
            (
                format!("{}之一", kinds(crate::message::Lang::Zh)),
                format!("one of {}", kinds(crate::message::Lang::En)),
            )
        }
        Shape::Text | Shape::Names => (field.term.0.into(), field.term.1.into()),
    }
}

fn list_separator(lang: crate::message::Lang) -> &'static str {
    crate::render::Labels::of(lang).list_separator
}

/// The template's `"?"` where a number or date belongs: a placeholder,
/// refused as one.
fn not_filled_in(field: &Field) -> Text {
    let (zh, en) = field.term;
    let example = field.example.1;
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
    if !slips::is_placeholder(written) {
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
fn expected_kind(field: &Field) -> Text {
    let (zh, en) = field.term;
    match field.shape {
        Shape::Text => t!(
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
        Shape::Count => t!("{zh}应为整数", "{en} must be a whole number"),
        Shape::Choice(choices) => {
            let ids: Vec<String> = choices.iter().map(|(id, _)| format!("\"{id}\"")).collect();
            let (zh_ids, en_ids) = (ids.join("、"), ids.join(", "));
            t!("{zh}应为 {zh_ids} 之一", "{en} must be one of {en_ids}")
        }
    }
}
