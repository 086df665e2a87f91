//! 评分细则: a certification body's detailed scoring rules (§8.3 b of the
//! standard: "应根据本规范附录A规定的评分检查表制定有关细则").
//!
//! For each indicator the 细则 says how it is examined (methods, evidence),
//! which deduction coefficients may be given and when (levels), whether it
//! is sampled and how many items at least, and whether it may be excluded.
//! This module holds the validated 细则 ([`Rules`]) and the judgement of one
//! indicator's finding against its rule ([`breaches`]); it does no I/O.
//! Loading and linting live in [`load`], the starter file in [`init`]; the
//! printed document is drawn by `render::rules` (docs/rules.md is the
//! reference).

pub mod init;
mod judge;
mod levels;
pub mod load;
mod reader;
mod rule;
mod slips;
#[cfg(test)]
mod tests;
mod values;
mod words;

pub use judge::Judge;

use crate::audit::{Measure, Status};
use crate::checklist::Checklist;
use crate::message::Text;
use crate::message::t;
use crate::number::Exact;

/// How an indicator is examined: the five methods §8.2 b 3–4 and §8.3
/// name, with the ids a 细则 file writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// 查阅文件和记录.
    Document,
    /// 访谈.
    Interview,
    /// 实地勘查.
    Inspection,
    /// 现场观察操作演示.
    Observation,
    /// 抽样.
    Sampling,
}

impl Method {
    /// Every method, in the order documents list them.
    pub const ALL: [Method; 5] = [
        Method::Document,
        Method::Interview,
        Method::Inspection,
        Method::Observation,
        Method::Sampling,
    ];

    /// The id a 细则 file writes.
    pub fn id(self) -> &'static str {
        match self {
            Method::Document => "document",
            Method::Interview => "interview",
            Method::Inspection => "inspection",
            Method::Observation => "observation",
            Method::Sampling => "sampling",
        }
    }

    /// The method's name in the standard's words, and in English.
    pub fn name(self) -> Text {
        match self {
            Method::Document => t!("查阅文件和记录", "document and record review"),
            Method::Interview => t!("访谈", "interview"),
            Method::Inspection => t!("实地勘查", "site inspection"),
            Method::Observation => t!("现场观察操作演示", "observed demonstration"),
            Method::Sampling => t!("抽样", "sampling"),
        }
    }

    /// The method `text` names: its id, or its Chinese name.
    pub fn named(text: &str) -> Option<Method> {
        let text = text.trim();
        Method::ALL.into_iter().find(|method| {
            method.id().eq_ignore_ascii_case(text)
                || method.name().get(crate::message::Lang::Zh) == text
        })
    }
}

/// A coefficient the 细则 allows for an indicator, and when it is given.
#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    /// The deduction coefficient, exact as written, in 0..=1.
    pub coefficient: Exact,
    /// The coefficient as the file writes it (`0.5`), for messages.
    pub written: String,
    /// When this coefficient is given (条件), if the 细则 says.
    pub when: Option<String>,
}

/// How an indicator is sampled (§8.3 c 2).
#[derive(Debug, Clone, PartialEq)]
pub struct Sampling {
    /// What one item is (需求变更记录).
    pub unit: String,
    /// The fewest items a sample may hold, at least 1.
    pub minimum: u64,
}

/// The 细则 of one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// How it is examined.
    pub methods: Vec<Method>,
    /// What to look at.
    pub evidence: Vec<String>,
    /// The coefficients allowed, lowest first; `None`: any in 0..=1.
    pub levels: Option<Vec<Level>>,
    /// How it is sampled, if it is.
    pub sample: Option<Sampling>,
    /// Whether it may be excluded as not applicable (§8.2 a).
    pub exclusion: bool,
    /// Free guidance for the assessor.
    pub guidance: Option<String>,
}

impl Rule {
    /// The level whose coefficient is `coefficient`, if the rule lists it.
    pub fn level_of(&self, coefficient: &Exact) -> Option<&Level> {
        self.levels
            .as_ref()?
            .iter()
            .find(|level| &level.coefficient == coefficient)
    }

    /// The condition of coefficient 0: what a conforming service shows.
    pub fn conforming(&self) -> Option<&Level> {
        self.level_of(&Exact::from_integer(0))
    }
}

/// A validated 细则 file.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// Its title (`示例认证有限公司 区块链服务认证评分细则`).
    pub title: String,
    /// Its version (`2026.1`).
    pub version: String,
    /// The standard code it names, if any (equal to the checklist's).
    pub standard: Option<String>,
    /// SHA-256 of the file as read.
    pub sha256: String,
    /// The rule for indicators the file does not name, if it has `[defaults]`.
    pub defaults: Option<Rule>,
    /// One entry per checklist indicator, in checklist order: the rule the
    /// file writes for it, or `None` when it does not name it.
    pub named: Vec<Option<Rule>>,
}

impl Rules {
    /// The rule of the indicator at `index` in the checklist: its own, else
    /// the defaults, else none (Appendix A alone).
    pub fn rule(&self, index: usize) -> Option<&Rule> {
        self.named
            .get(index)
            .and_then(Option::as_ref)
            .or(self.defaults.as_ref())
    }

    /// How reports and messages name it: its title and version.
    pub fn name(&self) -> String {
        format!("{} {}", self.title, self.version)
    }

    /// Whether the file names the indicator at `index` itself.
    pub fn names(&self, index: usize) -> bool {
        self.named.get(index).is_some_and(Option::is_some)
    }

    /// The checklist indicators' rules, in checklist order.
    pub fn rules<'a>(&'a self, checklist: &'a Checklist) -> impl Iterator<Item = Option<&'a Rule>> {
        (0..checklist.indicators.len()).map(|index| self.rule(index))
    }
}

/// How a finding breaks its indicator's rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Breach {
    /// A coefficient the rule's levels do not list.
    Coefficient {
        /// The coefficient given.
        given: Exact,
    },
    /// A sample where the rule lists levels and no sampling.
    SampleNotAllowed,
    /// A coefficient given directly where the rule asks for a sample and
    /// lists no levels.
    SampleRequired,
    /// A sample of fewer items than the rule's minimum, and not the whole
    /// population.
    SampleTooSmall {
        /// Items sampled.
        sampled: u64,
        /// The rule's minimum.
        minimum: u64,
    },
    /// An exclusion the rule forbids.
    ExclusionForbidden,
}

/// Every way `status` breaks `rule`; `population`, when known, is how many
/// items the sample was drawn from (a sample of all of them satisfies any
/// minimum).
///
/// A rejected exclusion is judged by its assessment: the assessor did not
/// exclude the indicator.
pub fn breaches(rule: &Rule, status: &Status, population: Option<u64>) -> Vec<Breach> {
    let measure = match status {
        Status::Unassessed => return Vec::new(),
        Status::Excluded { .. } => {
            return match rule.exclusion {
                true => Vec::new(),
                false => vec![Breach::ExclusionForbidden],
            };
        }
        Status::Assessed(measure) | Status::ExclusionRejected { measure, .. } => measure,
    };
    measure_breaches(rule, measure, population)
}

/// How one measure breaks its rule.
fn measure_breaches(rule: &Rule, measure: &Measure, population: Option<u64>) -> Vec<Breach> {
    match measure {
        Measure::Coefficient(given) => match (&rule.levels, &rule.sample) {
            (Some(_), _) if rule.level_of(given).is_none() => vec![Breach::Coefficient {
                given: given.clone(),
            }],
            (None, Some(_)) => vec![Breach::SampleRequired],
            _ => Vec::new(),
        },
        Measure::Sample { sampled, .. } => match &rule.sample {
            None if rule.levels.is_some() => vec![Breach::SampleNotAllowed],
            None => Vec::new(),
            Some(sampling) => {
                let whole = population.is_some_and(|population| *sampled >= population);
                match *sampled < sampling.minimum && !whole {
                    true => vec![Breach::SampleTooSmall {
                        sampled: *sampled,
                        minimum: sampling.minimum,
                    }],
                    false => Vec::new(),
                }
            }
        },
    }
}
