//! One rule table of a 细则 (`[defaults]` or `[indicators."ID"]`): its
//! keys and the kinds of their values, the methods, evidence, levels,
//! sample, exclusion and guidance, every problem told in the assessor's
//! terms, with the slip named where a Chinese keyboard or a spreadsheet
//! habit made one.

use super::levels::levels;
use super::reader::Reader;
use super::values::{Value, known_keys, list_of, misnamed, not_a_number, text, written_text};
use super::{Method, Rule, Sampling};
use crate::audit::slips::Expecting;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::message::t;
use num_traits::Zero;
use std::ops::Range;
use toml::de::{DeTable, DeValue};

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
