//! An audit's findings put to the 细则: each breach of an indicator's rule
//! worded for the assessor, with what the 细则 allows and each level's
//! condition (`4.2.c 可取 0（权利义务齐全）、0.5（缺少其中一至两项）…`).
//! Validation places each problem at the value it is about.

use super::{Breach, Level, Rule, Rules, breaches};
use crate::audit::{Entry, FindingCheck, FindingPart, FindingProblem};
use crate::checklist::Checklist;
use crate::message::Text;
use crate::message::t;
use crate::number::trimmed;

/// Places a coefficient is shown to in messages: every place an audit's
/// decimal can have, so that 0.5000001 is never shown as the level 0.5 it
/// is not (found by a hostile probe).
const SHOWN_PLACES: u32 = crate::number::MAX_DECIMAL_DIGITS as u32;

/// The 细则's check of an audit's findings.
#[derive(Clone, Copy)]
pub struct Judge<'a> {
    /// The 细则.
    pub rules: &'a Rules,
    /// The checklist the audit is read against (for indicators' ids).
    pub checklist: &'a Checklist,
}

impl FindingCheck for Judge<'_> {
    fn problems(&self, index: usize, entry: &Entry) -> Vec<FindingProblem> {
        let Some(rule) = self.rules.rule(index) else {
            return Vec::new();
        };
        let id = (self.checklist.indicators.get(index)).map_or("", |indicator| &indicator.id);
        breaches(rule, &entry.status, entry.population)
            .into_iter()
            .map(|breach| problem(self.rules, rule, id, &breach))
            .collect()
    }
}

/// One breach as the assessor reads it.
fn problem(rules: &Rules, rule: &Rule, id: &str, breach: &Breach) -> FindingProblem {
    let title = &rules.title;
    let (part, message, help) = match breach {
        Breach::Coefficient { given } => {
            let given = trimmed(given, SHOWN_PLACES);
            (
                FindingPart::Coefficient,
                t!(
                    "扣分系数 {given} 不是评分细则“{title}”为 {id} 规定的等级",
                    "coefficient {given} is not a level the scoring rules \"{title}\" allow for {id}"
                ),
                levels_help(rule, id),
            )
        }
        Breach::SampleNotAllowed => (
            FindingPart::Sample,
            t!(
                "评分细则“{title}”规定 {id} 按等级给扣分系数，不按抽样扣分",
                "the scoring rules \"{title}\" grade {id} by levels, not by a sample"
            ),
            levels_help(rule, id),
        ),
        Breach::SampleRequired => (
            FindingPart::Coefficient,
            t!(
                "评分细则“{title}”规定 {id} 须抽样，按不符合比例扣分，不能直接给扣分系数",
                "the scoring rules \"{title}\" require a sample for {id}: its coefficient is the nonconforming proportion, not given directly"
            ),
            Some(sample_help(rule, id)),
        ),
        Breach::SampleTooSmall { sampled, minimum } => (
            FindingPart::Sample,
            t!(
                "抽样数 {sampled} 少于评分细则“{title}”为 {id} 规定的最少 {minimum} 个",
                "a sample of {sampled} is smaller than the {minimum} the scoring rules \"{title}\" require for {id}"
            ),
            Some(sample_help(rule, id)),
        ),
        Breach::ExclusionForbidden => (
            FindingPart::Exclusion,
            t!(
                "评分细则“{title}”规定 {id} 不可删减",
                "the scoring rules \"{title}\" do not allow {id} to be excluded"
            ),
            Some(match levels_help(rule, id) {
                Some(levels) => t!("请评价该指标：", "assess it: ").joined(("", ""), &levels),
                None => t!(
                    "请评价该指标：给出扣分系数或抽样",
                    "assess it: give a coefficient or a sample"
                ),
            }),
        ),
    };
    FindingProblem {
        part,
        message,
        help,
    }
}

/// `4.2.c 可取 0（权利义务齐全）、0.5（缺少其中一至两项）、1（…）`: every
/// level with its condition, or nothing when the rule lists none.
pub fn levels_help(rule: &Rule, id: &str) -> Option<Text> {
    let levels = rule.levels.as_ref()?;
    let zh: Vec<String> = levels
        .iter()
        .map(|level| shown(level, "（", "）"))
        .collect();
    let en: Vec<String> = levels.iter().map(|level| shown(level, " (", ")")).collect();
    let (zh, en) = (zh.join("、"), en.join(", "));
    let levels = t!("{id} 可取 {zh}", "{id} may take {en}");
    // A rule with a sample takes one too (found by a newcomer's run).
    Some(match &rule.sample {
        Some(sampling) => {
            let (unit, minimum) = (&sampling.unit, sampling.minimum);
            levels.joined(
                ("", ""),
                &t!(
                    "；或抽样，至少 {minimum} 个{unit}",
                    "; or a sample of at least {minimum} ({unit})"
                ),
            )
        }
        None => levels,
    })
}

/// A level as messages show it: its coefficient as written, and its
/// condition in brackets when it has one, on one line (a line break in
/// the 细则's text could otherwise print as a line of bscore's own, such
/// as a forged `错误:`: found by a hostile probe).
fn shown(level: &Level, open: &str, close: &str) -> String {
    match &level.when {
        Some(when) => {
            let when = crate::text::on_one_line(when);
            format!("{}{open}{when}{close}", level.written)
        }
        None => level.written.clone(),
    }
}

/// How to give the sample the rule asks for, in words that fit a TOML
/// audit and a form alike (the form has no `{ sampled = … }`: found by a
/// newcomer's run).
fn sample_help(rule: &Rule, id: &str) -> Text {
    match &rule.sample {
        Some(sampling) => {
            let (unit, minimum) = (&sampling.unit, sampling.minimum);
            t!(
                "{id} 至少抽取 {minimum} 个{unit}，记下抽样数和其中的不符合数",
                "sample at least {minimum} ({unit}) for {id}, and record how many were sampled and how many did not conform"
            )
        }
        None => t!(
            "记下抽样数和其中的不符合数",
            "record how many were sampled and how many did not conform"
        ),
    }
}
