//! One rule table of a 细则 (`[defaults]` or `[indicators."ID"]`): its
//! keys and the kinds of their values, the methods, evidence, levels,
//! sample, exclusion and guidance, every problem told in the assessor's
//! terms, with the slip named where a Chinese keyboard or a spreadsheet
//! habit made one.

use super::reader::{Reader, unknown_name};
use super::words::meant;
use super::{Level, Method, Rule, Sampling};
use crate::audit::slips::{self, Expecting};
use crate::diagnostic::{Diagnostic, MAX_REPORTED, did_you_mean};
use crate::message::Text;
use crate::message::t;
use crate::number::{Exact, parse_decimal};
use num_traits::{One, Zero};
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A value as parsed, with its place.
type Value<'i> = Spanned<DeValue<'i>>;

/// The most levels a list may hold: a 细则 grades an indicator in a
/// handful of steps. Bounded because `[defaults]` is shown again for every
/// indicator it applies to: 86 copies of a list of a million levels took
/// gigabytes (found by a hostile probe).
pub(super) const MAX_LEVELS: usize = 20;

/// The most characters one text of a 细则 may hold (a condition, a piece of
/// evidence, the guidance, a unit, the title): a paragraph, and so bounded
/// for the same reason as [`MAX_LEVELS`].
pub(super) const MAX_TEXT_CHARS: usize = 1000;

/// The most pieces of evidence a rule may list.
pub(super) const MAX_EVIDENCE: usize = 50;

/// The keys of a rule table.
const RULE_KEYS: [&str; 6] = [
    "methods",
    "evidence",
    "levels",
    "sample",
    "exclusion",
    "guidance",
];

/// Which rule a table is: what its warnings depend on.
#[derive(Debug, Clone, Copy)]
pub(super) enum Scope {
    /// `[defaults]`.
    Defaults,
    /// The indicator at this index of the checklist.
    Indicator(usize),
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

/// Every key of `table` (at `path`) that is not `known`, with the key
/// meant for the first [`MAX_REPORTED`] of them (and while the file's
/// problems are [`Reader::worth_detail`]).
pub(super) fn known_keys(
    r: &mut Reader<'_>,
    table: &DeTable<'_>,
    path: &str,
    known: &[&'static str],
) {
    let mut strays: Vec<_> = (table.keys())
        .filter(|key| !known.contains(&key.get_ref().as_ref()))
        .collect();
    strays.sort_by_key(|key| key.span().start);
    for (order, key) in strays.into_iter().enumerate() {
        let name = key.get_ref().as_ref();
        let problem = match order < MAX_REPORTED && r.worth_detail() {
            true => unknown_name(("键", "key"), name, known),
            false => {
                let shown = crate::text::shortened(name);
                Diagnostic::new(t!("未知的键 `{shown}`", "unknown key `{shown}`"))
            }
        };
        let key_path = format!("{path}.{}", crate::diagnostic::quote_key(name));
        r.errors.push(problem.at(key.span()).key(key_path));
    }
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

/// The rule a table writes; keys it omits are unrestricted (module doc of
/// [`super::load`]). `None` when a problem was recorded.
pub(super) fn rule(
    r: &mut Reader<'_>,
    table: &DeTable<'_>,
    path: &str,
    scope: Scope,
) -> Option<Rule> {
    let errors = r.errors.len();
    known_keys(r, table, path, &RULE_KEYS);
    let key = |name: &str| format!("{path}.{name}");
    let methods = table.get("methods").map(|v| methods(r, v, &key("methods")));
    let evidence = table
        .get("evidence")
        .map(|v| evidence(r, v, &key("evidence")));
    let levels = table.get("levels").map(|v| levels(r, v, &key("levels")));
    let sample = table.get("sample").map(|v| sample(r, v, &key("sample")));
    let exclusion = table
        .get("exclusion")
        .map(|v| exclusion(r, v, &key("exclusion")));
    let guidance = (table.get("guidance"))
        .map(|v| written_text(r, v, &key("guidance"), ("评分指导", "the guidance")));
    let rule = Rule {
        methods: methods.unwrap_or(Some(Vec::new()))?,
        evidence: evidence.unwrap_or(Some(Vec::new()))?,
        levels: levels.map_or(Some(None), |levels| levels.map(Some))?,
        sample: sample.map_or(Some(None), |sample| sample.map(Some))?,
        exclusion: exclusion.unwrap_or(Some(true))?,
        guidance: guidance.map_or(Some(None), |guidance| guidance.map(Some))?,
    };
    if r.errors.len() > errors {
        return None;
    }
    warnings(r, table, path, scope, &rule);
    Some(rule)
}

/// What is doubtful in a rule that is not wrong: levels on an indicator
/// worth no points; a sample the methods do not say is taken.
fn warnings(r: &mut Reader<'_>, table: &DeTable<'_>, path: &str, scope: Scope, rule: &Rule) {
    if let (Scope::Indicator(index), Some(levels)) = (scope, table.get("levels"))
        && r.checklist.indicators[index].points.is_zero()
    {
        let id = &r.checklist.indicators[index].id;
        r.warnings.push(
            Diagnostic::new(t!(
                "指标 {id} 在附录 A 中不计分（0 分）：无论给哪个扣分系数，得分都不变",
                "indicator {id} carries no points in Appendix A (0 points): no coefficient changes the score"
            ))
            .at(levels.span())
            .key(format!("{path}.levels"))
            .help(t!(
                "可以保留以统一记录口径；若无此意，删去 levels",
                "keep them to record findings alike, or delete levels"
            )),
        );
    }
    if let (Some(sample), false) = (table.get("sample"), rule.methods.is_empty())
        && !rule.methods.contains(&Method::Sampling)
    {
        r.warnings.push(
            Diagnostic::new(t!(
                "写了抽样要求 sample，检查方法 methods 中却没有抽样 \"sampling\"",
                "a sample is required but methods do not list \"sampling\""
            ))
            .at(sample.span())
            .key(format!("{path}.sample"))
            .help(t!(
                "在 methods 中加上 \"sampling\"，或删去 sample",
                "add \"sampling\" to methods, or delete sample"
            )),
        );
    }
}

/// The list `value` is; `None` with the problem recorded. A text where a
/// list belongs (`methods = "document"`) is offered as the list it meant.
fn list_of<'t, 'i>(
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

/// `methods`: each a method's id or Chinese name, none twice, in the order
/// written.
fn methods(r: &mut Reader<'_>, value: &Value<'_>, key: &str) -> Option<Vec<Method>> {
    let term = ("检查方法", "methods");
    let items = list_of(r, value, key, term, "[\"document\", \"interview\"]")?;
    let mut methods: Vec<Method> = Vec::new();
    let mut ok = true;
    for item in items {
        let Some(name) = text(r, item, key, ("每个检查方法", "each method")) else {
            ok = false;
            continue;
        };
        match Method::named(name) {
            Some(method) if methods.contains(&method) => {
                let (id, zh) = (method.id(), method.name().zh);
                r.errors.push(
                    Diagnostic::new(t!(
                        "检查方法 {id}（{zh}）写了两次",
                        "the method {id} is listed twice"
                    ))
                    .at(item.span())
                    .key(key.to_string())
                    .help(t!("删去其中一个", "delete one of them")),
                );
                ok = false;
            }
            Some(method) => methods.push(method),
            None => {
                unknown_method(r, item.span(), name, key);
                ok = false;
            }
        }
    }
    ok.then_some(methods)
}

/// A method that is none of the five, with the one meant.
fn unknown_method(r: &mut Reader<'_>, span: Range<usize>, name: &str, key: &str) {
    let shown = crate::text::shortened(name.trim());
    if !r.worth_detail() {
        let problem = Diagnostic::new(t!(
            "未知的检查方法 \"{shown}\"",
            "unknown method \"{shown}\""
        ));
        r.errors.push(problem.at(span).key(key.to_string()));
        return;
    }
    let zh: Vec<String> = (Method::ALL.iter())
        .map(|method| format!("\"{}\"（{}）", method.id(), method.name().zh))
        .collect();
    let en: Vec<String> = (Method::ALL.iter())
        .map(|method| format!("\"{}\" ({})", method.id(), method.name().en))
        .collect();
    let (zh, en) = (zh.join("、"), en.join(", "));
    let ids: Vec<&str> = Method::ALL.iter().map(|method| method.id()).collect();
    let lowered = name.trim().to_lowercase();
    let meant = did_you_mean(&lowered, ids.iter().copied()).or_else(|| {
        let by_name = |method: &&Method| {
            let chinese = method.name().zh;
            chinese.contains(name.trim()) || name.contains(chinese.as_str())
        };
        (Method::ALL.iter()).find(by_name).map(|method| method.id())
    });
    let mut problem = Diagnostic::new(t!(
        "未知的检查方法 \"{shown}\"，应为以下之一：{zh}",
        "unknown method \"{shown}\": expected one of {en}"
    ));
    if let Some(meant) = meant {
        problem = problem.help(t!("是否应为 \"{meant}\"？", "did you mean \"{meant}\"?"));
    }
    r.errors.push(problem.at(span).key(key.to_string()));
}

/// `evidence`: what to look at, each item written.
fn evidence(r: &mut Reader<'_>, value: &Value<'_>, key: &str) -> Option<Vec<String>> {
    let term = ("查阅的证据", "the evidence");
    let items = list_of(r, value, key, term, "[\"服务合同\", \"可行性方案\"]")?;
    if items.len() > MAX_EVIDENCE {
        let count = items.len();
        r.errors.push(
            Diagnostic::new(t!(
                "查阅的证据 evidence 列了 {count} 项，最多 {MAX_EVIDENCE} 项",
                "evidence lists {count} items; at most {MAX_EVIDENCE} are allowed"
            ))
            .at(value.span())
            .key(key.to_string()),
        );
        return None;
    }
    let read: Vec<Option<String>> = (items.iter())
        .map(|item| written_text(r, item, key, ("每项证据", "each item of evidence")))
        .collect();
    read.into_iter().collect()
}

/// `levels`: each in 0..=1, no two equal, 0 among them; lowest first.
fn levels(r: &mut Reader<'_>, value: &Value<'_>, key: &str) -> Option<Vec<Level>> {
    let term = ("扣分等级", "the levels");
    let items = list_of(r, value, key, term, "[0, 0.5, 1]")?;
    if items.len() > MAX_LEVELS {
        let count = items.len();
        r.errors.push(
            Diagnostic::new(t!(
                "扣分等级 levels 有 {count} 级，最多 {MAX_LEVELS} 级",
                "levels list {count} steps; at most {MAX_LEVELS} are allowed"
            ))
            .at(value.span())
            .key(key.to_string())
            .help(t!(
                "把相近的情形并为一级；不限制扣分系数则删去 levels",
                "merge close cases into one level; to allow any coefficient, delete levels"
            )),
        );
        return None;
    }
    if items.is_empty() {
        r.errors.push(
            Diagnostic::new(t!(
                "扣分等级 levels 不能为空：至少写上 0（符合要求，得满分）",
                "levels must not be empty: list at least 0 (conforming, full points)"
            ))
            .at(value.span())
            .key(key.to_string())
            .help(t!(
                "如 levels = [0, 1]；不限制扣分系数则删去 levels",
                "such as levels = [0, 1]; to allow any coefficient, delete levels"
            )),
        );
        return None;
    }
    let read: Vec<Option<(Level, Range<usize>)>> =
        items.iter().map(|item| level(r, item, key)).collect();
    let mut levels: Vec<(Level, Range<usize>)> = read.into_iter().collect::<Option<_>>()?;
    // Lowest first; equal ones in file order, so the later is reported.
    levels.sort_by(|(a, a_at), (b, b_at)| {
        (a.coefficient.cmp(&b.coefficient)).then(a_at.start.cmp(&b_at.start))
    });
    let mut ok = true;
    for pair in levels.windows(2) {
        let [(first, first_at), (second, second_at)] = pair else {
            continue;
        };
        if first.coefficient == second.coefficient {
            let (line, written, again) = (
                r.lines.line(first_at.start),
                &first.written,
                &second.written,
            );
            r.errors.push(
                Diagnostic::new(t!(
                    "扣分系数 {again} 与第 {line} 行的 {written} 相等：每个系数只写一次",
                    "the coefficient {again} equals {written} on line {line}: list each coefficient once"
                ))
                .at(second_at.clone())
                .key(key.to_string())
                .help(t!("删去其中一个，把条件合在一起", "delete one, with both conditions in the other")),
            );
            ok = false;
        }
    }
    // A level on a line set aside for its syntax may be the 0 (found by a
    // hostile probe): then the list is not said to lack one.
    let span = value.span();
    let set_aside = (r.errors.iter())
        .filter_map(|error| error.span.as_ref())
        .any(|at| span.start <= at.start && at.end <= span.end);
    if levels
        .first()
        .is_some_and(|(level, _)| !level.coefficient.is_zero())
        && !set_aside
    {
        r.errors.push(no_zero(span, key));
        ok = false;
    }
    ok.then(|| levels.into_iter().map(|(level, _)| level).collect())
}

/// A levels list without 0.
fn no_zero(span: Range<usize>, key: &str) -> Diagnostic {
    Diagnostic::new(t!(
        "扣分等级 levels 中没有 0：符合要求的服务总能得满分",
        "levels do not list 0: a conforming service can always earn full points"
    ))
    .at(span)
    .key(key.to_string())
    .help(t!(
        "加上 {{ coefficient = 0, when = \"符合要求的情形\" }}",
        "add {{ coefficient = 0, when = \"what conforming looks like\" }}"
    ))
}

/// One level: a coefficient, or `{ coefficient, when }`; with its place.
fn level(r: &mut Reader<'_>, item: &Value<'_>, key: &str) -> Option<(Level, Range<usize>)> {
    let Some(table) = item.get_ref().as_table() else {
        let (coefficient, written) = coefficient(r, item, key)?;
        let level = Level {
            coefficient,
            written,
            when: None,
        };
        return Some((level, item.span()));
    };
    known_keys(r, table, key, &["coefficient", "when"]);
    let when = (table.get("when")).map(|when| {
        written_text(
            r,
            when,
            &format!("{key}.when"),
            ("条件（when）", "the condition `when`"),
        )
    });
    let Some(value) = table.get("coefficient") else {
        if misnamed(table, "coefficient", &["coefficient", "when"]) {
            // Reported once: as the key misnamed, `coefficient` suggested.
            return None;
        }
        r.errors.push(
            Diagnostic::new(t!(
                "这一级缺少扣分系数 coefficient",
                "this level has no coefficient"
            ))
            .at(item.span())
            .key(key.to_string())
            .help(t!(
                "写成 {{ coefficient = 0.5, when = \"条件\" }}",
                "write {{ coefficient = 0.5, when = \"condition\" }}"
            )),
        );
        return None;
    };
    let coefficient = coefficient(r, value, &format!("{key}.coefficient"));
    let when = when.map_or(Some(None), |when| when.map(Some))?;
    let (coefficient, written) = coefficient?;
    if table
        .keys()
        .any(|k| !["coefficient", "when"].contains(&k.get_ref().as_ref()))
    {
        return None;
    }
    let level = Level {
        coefficient,
        written,
        when,
    };
    Some((level, value.span()))
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

/// A deduction coefficient, exact as written, in 0..=1, and its literal.
fn coefficient(r: &mut Reader<'_>, value: &Value<'_>, key: &str) -> Option<(Exact, String)> {
    let written = r.written(value.span()).trim().to_string();
    let exact = match value.get_ref() {
        DeValue::Integer(integer) if integer.radix() == 10 => parse_decimal(&written),
        DeValue::Float(_) => parse_decimal(&written),
        DeValue::Integer(_) => Err(crate::number::DecimalError::Malformed),
        _ => return not_a_number(r, value, key, Expecting::Coefficient),
    };
    let shown = crate::text::shortened(&written);
    let places = crate::number::COEFFICIENT_PLACES;
    let problem = match exact {
        Ok(exact) if exact.is_negative() || exact > Exact::one() => t!(
            "扣分系数应在 0 到 1 之间，实际为 {shown}",
            "a deduction coefficient must be from 0 to 1, found {shown}"
        ),
        // Reports show a coefficient to four places: two levels closer
        // than that (0 and 1e-1000) would print as the same.
        Ok(exact) if crate::number::cut(&exact, places) != exact => t!(
            "扣分等级的扣分系数最多写 {places} 位小数（报告显示到 {places} 位），实际为 {shown}",
            "a level's coefficient has at most {places} decimal places (reports show {places}), found {shown}"
        ),
        Ok(exact) => {
            return Some((exact, written));
        }
        Err(error) => Text::verbatim(format!("`{shown}` ")).joined(("", ""), &error.text()),
    };
    r.errors.push(
        Diagnostic::new(problem)
            .at(value.span())
            .key(key.to_string()),
    );
    None
}

/// A value that should be a number and is not: the slip named and the
/// line corrected when it is one (`"0.5"`, `50%`, `0，5`).
fn not_a_number<T>(
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

/// `sample`: `{ unit, minimum }`, what one item is and at least 1 of them.
fn sample(r: &mut Reader<'_>, value: &Value<'_>, key: &str) -> Option<Sampling> {
    let example = "sample = { unit = \"需求变更记录\", minimum = 5 }";
    let Some(table) = value.get_ref().as_table() else {
        r.errors.push(
            Diagnostic::new(t!(
                "抽样要求 sample 应写成表：抽样单位 unit 和最少抽样数 minimum",
                "sample is a table: the unit sampled and the minimum number of items"
            ))
            .at(value.span())
            .key(key.to_string())
            .help(t!("写成 {example}", "write {example}")),
        );
        return None;
    };
    known_keys(r, table, key, &["unit", "minimum"]);
    let missing: Vec<&str> = ["unit", "minimum"]
        .into_iter()
        .filter(|name| !table.contains_key(*name))
        .collect();
    let unnamed: Vec<&str> = (missing.iter().copied())
        .filter(|name| !misnamed(table, name, &["unit", "minimum"]))
        .collect();
    if !unnamed.is_empty() {
        let (zh, en) = (unnamed.join("、"), unnamed.join(", "));
        r.errors.push(
            Diagnostic::new(t!("抽样要求 sample 缺少 {zh}", "sample is missing {en}"))
                .at(value.span())
                .key(key.to_string())
                .help(t!("写成 {example}", "write {example}")),
        );
    }
    let unit = (table.get("unit")).and_then(|unit| {
        written_text(
            r,
            unit,
            &format!("{key}.unit"),
            ("抽样单位（unit）", "the unit sampled"),
        )
    });
    let minimum = (table.get("minimum"))
        .and_then(|minimum| minimum_of(r, minimum, &format!("{key}.minimum")));
    let sampling = Sampling {
        unit: unit?,
        minimum: minimum?,
    };
    (missing.is_empty() && table.len() == 2).then_some(sampling)
}

/// The fewest items a sample may hold: a whole number, at least 1.
fn minimum_of(r: &mut Reader<'_>, value: &Value<'_>, key: &str) -> Option<u64> {
    let written = r.written(value.span()).trim().to_string();
    let shown = crate::text::shortened(&written);
    let problem = match value.get_ref() {
        DeValue::Integer(integer) if integer.radix() == 10 => {
            match written.replace('_', "").parse::<i64>() {
                Ok(minimum) if minimum >= 1 => return u64::try_from(minimum).ok(),
                Ok(_) => t!(
                    "最少抽样数 minimum 至少为 1，实际为 {shown}",
                    "the minimum sample must be at least 1, found {shown}"
                ),
                Err(_) => t!(
                    "无法读取整数 {shown}：请写不超过 18 位的十进制整数",
                    "cannot read the integer {shown}: write a decimal whole number of at most 18 digits"
                ),
            }
        }
        DeValue::Integer(_) => t!(
            "最少抽样数 minimum 应为十进制整数，实际为 {shown}",
            "the minimum sample must be a decimal whole number, found {shown}"
        ),
        DeValue::Float(_) => t!(
            "最少抽样数 minimum 应为整数，实际为 {shown}",
            "the minimum sample must be a whole number, found {shown}"
        ),
        _ => return not_a_number(r, value, key, Expecting::Count),
    };
    r.errors.push(
        Diagnostic::new(problem)
            .at(value.span())
            .key(key.to_string()),
    );
    None
}

/// `exclusion`: `true` or `false`; a word for either is offered as it.
fn exclusion(r: &mut Reader<'_>, value: &Value<'_>, key: &str) -> Option<bool> {
    if let Some(allowed) = value.get_ref().as_bool() {
        return Some(allowed);
    }
    let meant = value.get_ref().as_str().and_then(super::slips::yes_or_no);
    let mut problem = Diagnostic::new(t!(
        "是否允许删减 exclusion 应为 true（允许）或 false（不允许），不加引号",
        "exclusion must be true (may be excluded) or false (may not), without quotes"
    ));
    if let Some(meant) = meant {
        problem = problem.help(t!("改为 exclusion = {meant}", "write exclusion = {meant}"));
    }
    r.errors.push(problem.at(value.span()).key(key.to_string()));
    None
}
