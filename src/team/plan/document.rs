//! What the printed plan says, once, as data (as `render::rules::document`
//! is for the 细则): the header, the team, the sites, every indicator in
//! checklist order with its assessor, methods, evidence, sample and sites,
//! and each member's share. Each format only draws it (`render`, `xlsx`).

use super::Plan;
use crate::checklist::Checklist;
use crate::message::{Lang, Text, t};
use crate::number::{Exact, MAX_DECIMAL_DIGITS, trimmed};
use crate::render::Words;
use crate::rules::Rules;
use crate::text::on_one_line;

/// A figure exactly as the decimal it is (a checklist's points are
/// decimals of at most [`MAX_DECIMAL_DIGITS`] digits).
pub(crate) fn exact_figure(value: &Exact) -> String {
    trimmed(value, MAX_DECIMAL_DIGITS as u32)
}

/// One indicator of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Its id.
    pub id: String,
    /// Appendix A's check text, whole.
    pub check: String,
    /// Its points, exact.
    pub points: String,
    /// Who assesses it.
    pub assessor: String,
    /// Whether `[assign]` named the assessor (else the balance chose).
    pub fixed: bool,
    /// How it is examined, from the 细则 (empty: none given).
    pub methods: Vec<String>,
    /// What to look at, from the 细则 (empty: none given).
    pub evidence: Vec<String>,
    /// Its sample's unit and minimum, from the 细则, if it is sampled.
    pub sample: Option<(String, u64)>,
}

/// A category's heading and its indicators.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryRows {
    /// `服务要求（分值 33）`.
    pub heading: String,
    /// Its indicators, in checklist order.
    pub rows: Vec<Row>,
}

/// One member's line: name, role, categories, indicators and points.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberLine {
    /// The member's name.
    pub name: String,
    /// Whether the member leads the team.
    pub leader: bool,
    /// The categories they may assess, by name.
    pub categories: Vec<String>,
    /// How many indicators they assess.
    pub indicators: usize,
    /// Their points, exact.
    pub points: String,
}

/// The printed plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// 评价计划 — the organization and service.
    pub title: String,
    /// Label/value lines: organization, service, kind, dates, leader, the
    /// 细则 used.
    pub header: Vec<(String, String)>,
    /// The team.
    pub members: Vec<MemberLine>,
    /// The points of every indicator, which the members' shares add up to.
    pub total_points: String,
    /// The sites: id and name.
    pub sites: Vec<(String, String)>,
    /// Every indicator, by category.
    pub categories: Vec<CategoryRows>,
    /// The fixed words of every format.
    pub labels: PlanLabels,
    /// The language it is in.
    pub lang: Lang,
}

/// The fixed words of the printed plan, in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanLabels {
    /// The document's title word.
    pub plan: String,
    /// Headings of the indicators' table: id, check, points, assessor,
    /// methods, evidence, sample, sites.
    pub headings: [String; 8],
    /// Headings of the team's table: name, role, categories, indicators, points.
    pub team: [String; 5],
    /// Headings of the sites' table: id, name.
    pub sites: [String; 2],
    /// The sections' titles: team, sites, indicators.
    pub sections: [String; 3],
    /// 组长 / leader.
    pub leader: String,
    /// 组员 / member.
    pub member: String,
    /// The mark of an assessor `[assign]` named.
    pub assigned: String,
    /// What stands for nothing given.
    pub none: String,
    /// The line under the team: how the indicators were given.
    pub rule_note: String,
    /// The total row's word.
    pub total: String,
}

impl PlanLabels {
    fn of(lang: Lang) -> PlanLabels {
        let get = |text: Text| text.get(lang).to_string();
        PlanLabels {
            plan: get(t!("评价计划", "Evaluation plan")),
            headings: [
                get(t!("编号", "ID")),
                get(t!("检查内容", "Check")),
                get(t!("分值", "Points")),
                get(t!("评价人", "Assessor")),
                get(t!("检查方法", "Methods")),
                get(t!("查阅材料", "Evidence")),
                get(t!("抽样", "Sample")),
                get(t!("现场", "Sites")),
            ],
            team: [
                get(t!("姓名", "Name")),
                get(t!("角色", "Role")),
                get(t!("可评类别", "Categories")),
                get(t!("指标数", "Indicators")),
                get(t!("分值合计", "Points")),
            ],
            sites: [get(t!("现场编号", "Site ID")), get(t!("现场名称", "Site"))],
            sections: [
                get(t!("评价组", "Team")),
                get(t!("现场", "Sites")),
                get(t!("指标分工", "Indicators")),
            ],
            leader: get(t!("组长", "Leader")),
            member: get(t!("组员", "Member")),
            assigned: get(t!("（指定）", " (assigned)")),
            none: "—".to_string(),
            rule_note: get(t!(
                "标“（指定）”的指标由 [assign] 指定评价人；其余按类别分给可评的组员，分值大的先分，每项分给当前分值合计最少的组员。",
                "Indicators marked \"(assigned)\" have the assessor [assign] names; the others go to a member who may assess their category, largest points first, each to the member with the fewest points so far."
            )),
            total: get(t!("合计", "Total")),
        }
    }
}

impl Row {
    /// The methods on one line, or the mark of none.
    pub fn methods_line(&self, labels: &PlanLabels, separator: &str) -> String {
        joined_or_none(&self.methods, labels, separator)
    }

    /// The evidence on one line, or the mark of none.
    pub fn evidence_line(&self, labels: &PlanLabels, separator: &str) -> String {
        joined_or_none(&self.evidence, labels, separator)
    }

    /// `需求变更记录 ≥ 5`, or the mark of none.
    pub fn sample_line(&self, labels: &PlanLabels) -> String {
        match &self.sample {
            Some((unit, minimum)) => format!("{unit} ≥ {minimum}"),
            None => labels.none.clone(),
        }
    }

    /// The assessor, marked when `[assign]` named them.
    pub fn assessor_line(&self, labels: &PlanLabels) -> String {
        match self.fixed {
            true => format!("{}{}", self.assessor, labels.assigned),
            false => self.assessor.clone(),
        }
    }
}

fn joined_or_none(items: &[String], labels: &PlanLabels, separator: &str) -> String {
    match items.is_empty() {
        true => labels.none.clone(),
        false => items.join(separator),
    }
}

impl Document {
    /// The document of `plan` over `checklist`, with the 细则's methods,
    /// evidence and samples when `rules` is given, in `lang`. `shown` is
    /// how this format shows the files' own text (on one bounded line in a
    /// terminal, whole elsewhere).
    pub fn of(
        plan: &Plan,
        checklist: &Checklist,
        rules: Option<&Rules>,
        lang: Lang,
        shown: &dyn Fn(&str) -> String,
    ) -> Document {
        let shown = &|text: &str| shown(&on_one_line(text));
        let words = Words::new(lang, checklist);
        let labels = PlanLabels::of(lang);
        let name = |member: usize| shown(&plan.team[member].name);
        let rows: Vec<Row> = (checklist.indicators.iter().enumerate())
            .map(|(index, indicator)| {
                let rule = rules.and_then(|rules| rules.rule(index));
                let methods = rule.map(|rule| {
                    (rule.methods.iter())
                        .map(|method| method.name().get(lang).to_string())
                        .collect()
                });
                let evidence = rule.map(|rule| rule.evidence.iter().map(|e| shown(e)).collect());
                let sample = rule
                    .and_then(|rule| rule.sample.as_ref())
                    .map(|sample| (shown(&sample.unit), sample.minimum));
                Row {
                    id: indicator.id.clone(),
                    check: words.indicator(indicator).to_string(),
                    points: exact_figure(&indicator.points),
                    assessor: name(plan.assignment.assessor[index]),
                    fixed: plan.assigned[index].is_some(),
                    methods: methods.unwrap_or_default(),
                    evidence: evidence.unwrap_or_default(),
                    sample,
                }
            })
            .collect();
        let mut categories: Vec<CategoryRows> = (checklist.categories.iter())
            .map(|category| CategoryRows {
                heading: category_heading(&words, category, lang),
                rows: Vec::new(),
            })
            .collect();
        for (indicator, row) in checklist.indicators.iter().zip(rows) {
            categories[indicator.category].rows.push(row);
        }
        let members = (plan.team.iter().enumerate())
            .map(|(index, member)| MemberLine {
                name: shown(&member.name),
                leader: index == plan.leader,
                categories: (member.categories.iter())
                    .map(|c| words.category(&checklist.categories[*c]).to_string())
                    .collect(),
                indicators: plan.assignment.counts[index],
                points: exact_figure(&plan.assignment.points[index]),
            })
            .collect();
        let organization = shown(&plan.organization);
        let service = shown(&plan.service);
        Document {
            title: format!("{} — {organization} {service}", labels.plan),
            header: header(plan, &words, rules, lang, shown),
            members,
            total_points: exact_figure(&checklist.indicators.iter().map(|i| &i.points).sum()),
            sites: (plan.sites.iter())
                .map(|site| (shown(&site.id), shown(&site.name)))
                .collect(),
            categories,
            labels,
            lang,
        }
    }

    /// The list separator of the document's language.
    pub fn separator(&self) -> &'static str {
        match self.lang {
            Lang::Zh => "、",
            Lang::En => ", ",
        }
    }

    /// The separator of pieces of evidence on one line: a piece often
    /// lists things with 、 itself (官网、热线), so pieces are set apart by
    /// a semicolon.
    pub fn item_separator(&self) -> &'static str {
        match self.lang {
            Lang::Zh => "；",
            Lang::En => "; ",
        }
    }

    /// Every indicator's row, in checklist order.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.categories.iter().flat_map(|category| &category.rows)
    }

    /// The sites' ids, on one line (the sites column of every indicator).
    pub fn site_ids(&self, separator: &str) -> String {
        match self.sites.is_empty() {
            true => self.labels.none.clone(),
            false => (self.sites.iter())
                .map(|(id, _)| id.as_str())
                .collect::<Vec<_>>()
                .join(separator),
        }
    }

    /// The team's rows as text: name, role, categories, indicators, points.
    pub fn member_rows(&self, separator: &str) -> Vec<Vec<String>> {
        (self.members.iter())
            .map(|member| {
                let role = match member.leader {
                    true => &self.labels.leader,
                    false => &self.labels.member,
                };
                vec![
                    member.name.clone(),
                    role.clone(),
                    member.categories.join(separator),
                    member.indicators.to_string(),
                    member.points.clone(),
                ]
            })
            .collect()
    }
}

/// `服务要求（分值 33）`.
fn category_heading(
    words: &Words<'_>,
    category: &crate::checklist::Category,
    lang: Lang,
) -> String {
    let (name, points) = (words.category(category), exact_figure(&category.total));
    match lang {
        Lang::Zh => format!("{name}（分值 {points}）"),
        Lang::En => format!("{name} ({points} points)"),
    }
}

/// The header's label/value lines.
fn header(
    plan: &Plan,
    words: &Words<'_>,
    rules: Option<&Rules>,
    lang: Lang,
    shown: &dyn Fn(&str) -> String,
) -> Vec<(String, String)> {
    let label = |text: Text| text.get(lang).to_string();
    let (from, to) = (plan.from, plan.to);
    let dates = match from == to {
        true => from.to_string(),
        false => format!("{from} — {to}"),
    };
    let rules_line = match rules {
        Some(rules) => shown(&rules.name()),
        None => label(t!(
            "未给出（--rules 给出评分细则后列出检查方法、查阅材料和抽样）",
            "none given (--rules adds the methods, evidence and samples)"
        )),
    };
    vec![
        (
            label(t!("经营者", "Organization")),
            shown(&plan.organization),
        ),
        (label(t!("服务", "Service")), shown(&plan.service)),
        (
            label(t!("评价类型", "Evaluation")),
            words.audit_kind(plan.kind).to_string(),
        ),
        (label(t!("评价日期", "Dates")), dates),
        (
            label(t!("组长", "Leader")),
            shown(&plan.team[plan.leader].name),
        ),
        (label(t!("标准", "Standard")), words.standard()),
        (label(t!("评分细则", "Scoring rules")), rules_line),
    ]
}
