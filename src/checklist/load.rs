//! Loading the checklist TOML: the raw shapes it is read into, then every
//! check (unique ids, references, non-negative points, sums that add up,
//! grades in order), each problem collected with its place.

use super::{
    Category, Checklist, Erratum, Grade, GradeBand, Group, Indicator, SpecialDeductionKind,
};
use crate::diagnostic::{Diagnostic, Expected, LineIndex, unknown};
use crate::input::{exact_number, required_text};
use crate::message::t;
use crate::number::{Exact, NumberLiteral};
use num_traits::Zero;
use serde::Deserialize;
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChecklist {
    standard: RawStandard,
    scoring: RawScoring,
    cycle: RawCycle,
    grades: Vec<RawGrade>,
    special_deduction_kinds: Vec<SpecialDeductionKind>,
    #[serde(default)]
    errata: Vec<Erratum>,
    categories: Vec<RawCategory>,
    groups: Vec<RawGroup>,
    indicators: Vec<RawIndicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStandard {
    code: Spanned<String>,
    title: String,
    title_en: String,
    full_score: Spanned<NumberLiteral>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScoring {
    special_deduction_points: Spanned<NumberLiteral>,
    bonus_points: Spanned<NumberLiteral>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCycle {
    surveillance_interval_years: u8,
    recertification_interval_years: u8,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGrade {
    id: Spanned<Grade>,
    name: String,
    name_en: String,
    min_score: Option<Spanned<NumberLiteral>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    id: Spanned<String>,
    name: String,
    name_en: String,
    clause: String,
    total: Spanned<NumberLiteral>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    id: Spanned<String>,
    category: Spanned<String>,
    name: String,
    name_en: String,
    total: Spanned<NumberLiteral>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    category: Spanned<String>,
    group: Spanned<String>,
    points: Spanned<NumberLiteral>,
    text: String,
    text_en: String,
    note: Option<String>,
}

/// Builds the model from the raw file, pushing every problem found.
pub(super) fn build(source: &str, raw: RawChecklist, problems: &mut Vec<Diagnostic>) -> Checklist {
    let mut number = |literal: &Spanned<NumberLiteral>, key: &str| -> Exact {
        exact_number(source, literal, key)
            .and_then(|value| non_negative(value, literal, key))
            .unwrap_or_else(|problem| {
                problems.push(problem);
                Exact::zero()
            })
    };
    let full_score = number(&raw.standard.full_score, "standard.full_score");
    let special_deduction_points = number(
        &raw.scoring.special_deduction_points,
        "scoring.special_deduction_points",
    );
    let bonus_points = number(&raw.scoring.bonus_points, "scoring.bonus_points");
    let category_totals: Vec<Exact> = (raw.categories.iter())
        .map(|c| number(&c.total, "categories.total"))
        .collect();
    let group_totals: Vec<Exact> = (raw.groups.iter())
        .map(|g| number(&g.total, "groups.total"))
        .collect();
    let indicator_points: Vec<Exact> = (raw.indicators.iter())
        .map(|i| number(&i.points, "indicators.points"))
        .collect();
    let grades = build_grades(source, &raw.grades, &full_score, problems);
    check_unique(source, &raw, problems);
    let categories = build_categories(&raw.categories, category_totals);
    let groups = build_groups(&raw.groups, group_totals, &categories, problems);
    let indicators = build_indicators(
        &raw.indicators,
        indicator_points,
        &categories,
        &groups,
        problems,
    );
    let index = indicators
        .iter()
        .enumerate()
        .flat_map(|(position, indicator)| {
            std::iter::once(&indicator.id)
                .chain(&indicator.aliases)
                .map(move |name| (name.clone(), position))
        })
        .collect();
    let checklist = Checklist {
        sha256: String::new(),
        index,
        code: raw.standard.code.get_ref().trim().to_string(),
        title: raw.standard.title,
        title_en: raw.standard.title_en,
        full_score,
        special_deduction_points,
        bonus_points,
        surveillance_interval_years: raw.cycle.surveillance_interval_years,
        recertification_interval_years: raw.cycle.recertification_interval_years,
        grades,
        special_deduction_kinds: raw.special_deduction_kinds,
        errata: raw.errata,
        categories,
        groups,
        indicators,
    };
    if problems.is_empty() {
        check_totals(&checklist, problems);
    }
    checklist
}

/// A name in the checklist and where it is written, when that is known.
type Named = (String, Option<Range<usize>>);

/// Ids, aliases and kinds are unique, and the standard has a code.
fn check_unique(source: &str, raw: &RawChecklist, problems: &mut Vec<Diagnostic>) {
    let spanned = |id: &Spanned<String>| (id.get_ref().clone(), Some(id.span()));
    let lists: [(Vec<Named>, &str, (&str, &str)); 4] = [
        (
            raw.categories.iter().map(|c| spanned(&c.id)).collect(),
            "categories.id",
            ("指标大类", "category"),
        ),
        (
            raw.groups.iter().map(|g| spanned(&g.id)).collect(),
            "groups.id",
            ("指标组", "group"),
        ),
        (
            (raw.indicators.iter())
                .flat_map(|i| std::iter::once(&i.id).chain(&i.aliases))
                .map(spanned)
                .collect(),
            "indicators.id",
            ("指标编号或别名", "indicator id or alias"),
        ),
        (
            (raw.special_deduction_kinds.iter())
                .map(|k| (k.id.clone(), None))
                .collect(),
            "special_deduction_kinds.id",
            ("特别扣分类型", "special deduction kind"),
        ),
    ];
    let lines = LineIndex::new(source);
    for (list, key, what) in lists {
        require_unique(&lines, &list, key, what, problems);
    }
    if let Err(problem) = required_text(
        &raw.standard.code,
        "standard.code",
        ("标准编号", "the standard code"),
    ) {
        problems.push(problem);
    }
}

fn build_categories(raw: &[RawCategory], totals: Vec<Exact>) -> Vec<Category> {
    raw.iter()
        .zip(totals)
        .map(|(c, total)| Category {
            id: c.id.get_ref().clone(),
            name: c.name.clone(),
            name_en: c.name_en.clone(),
            clause: c.clause.clone(),
            total,
        })
        .collect()
}

/// The position of the category a group or indicator names.
fn category_index(
    categories: &[Category],
    name: &Spanned<String>,
    key: &str,
    problems: &mut Vec<Diagnostic>,
) -> usize {
    let found = categories.iter().position(|c| &c.id == name.get_ref());
    if found.is_none() {
        problems.push(unknown_reference(
            name,
            key,
            ("指标大类", "category"),
            categories.iter().map(|c| c.id.as_str()),
        ));
    }
    found.unwrap_or(0)
}

fn build_groups(
    raw: &[RawGroup],
    totals: Vec<Exact>,
    categories: &[Category],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Group> {
    raw.iter()
        .zip(totals)
        .map(|(g, total)| Group {
            id: g.id.get_ref().clone(),
            category: category_index(categories, &g.category, "groups.category", problems),
            name: g.name.clone(),
            name_en: g.name_en.clone(),
            total,
        })
        .collect()
}

fn build_indicators(
    raw: &[RawIndicator],
    points: Vec<Exact>,
    categories: &[Category],
    groups: &[Group],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Indicator> {
    raw.iter()
        .zip(points)
        .map(|(i, points)| {
            let category = category_index(categories, &i.category, "indicators.category", problems);
            let group = groups.iter().position(|g| &g.id == i.group.get_ref());
            match group {
                None => problems.push(unknown_reference(
                    &i.group,
                    "indicators.group",
                    ("指标组", "group"),
                    groups.iter().map(|g| g.id.as_str()),
                )),
                Some(group) if groups[group].category != category => problems.push(
                    Diagnostic::new({
                        let (id, own, group_id, its) = (
                            i.id.get_ref(),
                            i.category.get_ref(),
                            i.group.get_ref(),
                            &categories[groups[group].category].id,
                        );
                        t!(
                            "指标 {id} 属于大类 `{own}`，但其所在的组 {group_id} 属于 `{its}`",
                            "indicator {id} is in category `{own}` but its group {group_id} is in `{its}`"
                        )
                    })
                    .at(i.category.span())
                    .key("indicators.category"),
                ),
                Some(_) => {}
            }
            Indicator {
                id: i.id.get_ref().clone(),
                aliases: i.aliases.iter().map(|a| a.get_ref().clone()).collect(),
                category,
                group: group.unwrap_or(0),
                points,
                text: i.text.clone(),
                text_en: i.text_en.clone(),
                note: i.note.clone(),
            }
        })
        .collect()
}

fn non_negative(
    value: Exact,
    literal: &Spanned<NumberLiteral>,
    key: &str,
) -> Result<Exact, Diagnostic> {
    if value.is_negative() {
        Err(Diagnostic::new(t!("不能小于 0", "must be 0 or more"))
            .at(literal.span())
            .key(key))
    } else {
        Ok(value)
    }
}

fn unknown_reference<'a>(
    name: &Spanned<String>,
    key: &str,
    what: (&str, &str),
    known: impl Iterator<Item = &'a str> + Clone,
) -> Diagnostic {
    unknown(what, name.get_ref(), known, &[], Expected::OneOf)
        .at(name.span())
        .key(key)
}

/// Every name after the first of a repeated one is a problem.
fn require_unique(
    lines: &LineIndex,
    names: &[Named],
    key: &str,
    what: (&str, &str),
    problems: &mut Vec<Diagnostic>,
) {
    let (what_zh, what_en) = what;
    let mut seen: HashMap<&str, &Option<Range<usize>>> = HashMap::new();
    for (name, span) in names {
        if let Some(first) = seen.insert(name, span) {
            let help = match first {
                Some(first) => {
                    let line = lines.line(first.start);
                    t!("第一次定义在第 {line} 行", "first defined on line {line}")
                }
                None => t!("定义了不止一次", "defined more than once"),
            };
            problems.push(
                Diagnostic::new(t!(
                    "{what_zh} `{name}` 重复",
                    "duplicate {what_en} `{name}`"
                ))
                .at_opt(span.clone())
                .key(key)
                .help(help),
            );
        }
    }
}

fn build_grades(
    source: &str,
    raw: &[RawGrade],
    full_score: &Exact,
    problems: &mut Vec<Diagnostic>,
) -> Vec<GradeBand> {
    let mut bands = Vec::new();
    for grade in Grade::ALL {
        let matching: Vec<&RawGrade> = raw.iter().filter(|g| *g.id.get_ref() == grade).collect();
        let [band] = matching.as_slice() else {
            let span = matching.get(1).map(|g| g.id.span());
            problems.push(
                Diagnostic::new({
                    let (id, found) = (grade.id(), matching.len());
                    t!(
                        "等级 `{id}` 须且只须定义一次（实际 {found} 次）",
                        "grade `{id}` must be declared exactly once (found {found})"
                    )
                })
                .at_opt(span)
                .key("grades"),
            );
            continue;
        };
        let min_score = band_min_score(source, band, grade, full_score, problems);
        bands.push(GradeBand {
            grade,
            name: band.name.clone(),
            name_en: band.name_en.clone(),
            min_score,
        });
    }
    let mins: Vec<&Exact> = bands.iter().filter_map(|b| b.min_score.as_ref()).collect();
    if mins.windows(2).any(|pair| pair[0] >= pair[1]) {
        problems.push(
            Diagnostic::new(t!(
                "各等级的 min_score 须从达标级到五星级递增",
                "grade min_score values must rise from compliant to platinum"
            ))
            .key("grades"),
        );
    }
    bands
}

/// A band's `min_score`: none for the failing grade (whatever reaches no
/// band), otherwise a number above 0 and at most the full score; a
/// problem recorded and `None` when it is not.
fn band_min_score(
    source: &str,
    band: &RawGrade,
    grade: Grade,
    full_score: &Exact,
    problems: &mut Vec<Diagnostic>,
) -> Option<Exact> {
    match (&band.min_score, grade) {
        (None, Grade::Fail) => None,
        (Some(min), Grade::Fail) => {
            problems.push(
                Diagnostic::new(t!(
                    "不合格等级没有 min_score：未达到任何等级即为不合格",
                    "the failing grade has no min_score: it is whatever reaches no band"
                ))
                .at(min.span())
                .key("grades.min_score"),
            );
            None
        }
        (None, _) => {
            problems.push(
                Diagnostic::new({
                    let id = grade.id();
                    t!(
                        "等级 `{id}` 需要 min_score",
                        "grade `{id}` needs a min_score"
                    )
                })
                .at(band.id.span())
                .key("grades"),
            );
            None
        }
        (Some(min), _) => match exact_number(source, min, "grades.min_score") {
            Ok(value) if value.is_positive() && &value <= full_score => Some(value),
            Ok(_) => {
                problems.push(
                    Diagnostic::new(t!(
                        "min_score 须大于 0 且不超过满分 {full_score}",
                        "min_score must be above 0 and at most the full score {full_score}"
                    ))
                    .at(min.span())
                    .key("grades.min_score"),
                );
                None
            }
            Err(problem) => {
                problems.push(problem);
                None
            }
        },
    }
}

/// Group and category sums must equal their declared totals, and the
/// categories must add up to the full score.
fn check_totals(checklist: &Checklist, problems: &mut Vec<Diagnostic>) {
    for (index, group) in checklist.groups.iter().enumerate() {
        let sum: Exact = checklist
            .indicators
            .iter()
            .filter(|i| i.group == index)
            .map(|i| i.points.clone())
            .sum();
        if sum != group.total {
            problems.push(
                Diagnostic::new({
                    let (id, name, total) = (&group.id, &group.name, &group.total);
                    t!(
                        "指标组 {id} {name} 声明 {total} 分，但其指标合计 {sum} 分",
                        "group {id} {name} declares {total} points but its indicators add up to {sum}"
                    )
                })
                .key("groups.total"),
            );
        }
    }
    for (index, category) in checklist.categories.iter().enumerate() {
        let sum: Exact = checklist
            .groups
            .iter()
            .filter(|g| g.category == index)
            .map(|g| g.total.clone())
            .sum();
        if sum != category.total {
            problems.push(
                Diagnostic::new({
                    let (id, name, total) = (&category.id, &category.name, &category.total);
                    t!(
                        "指标大类 {id} {name} 声明 {total} 分，但其各组合计 {sum} 分",
                        "category {id} {name} declares {total} points but its groups add up to {sum}"
                    )
                })
                .key("categories.total"),
            );
        }
    }
    let all: Exact = checklist.categories.iter().map(|c| c.total.clone()).sum();
    if all != checklist.full_score {
        problems.push(
            Diagnostic::new({
                let full = &checklist.full_score;
                t!(
                    "各大类合计 {all} 分，但满分为 {full}",
                    "categories add up to {all} but the full score is {full}"
                )
            })
            .key("standard.full_score"),
        );
    }
    if checklist.indicators.is_empty() {
        problems.push(
            Diagnostic::new(t!(
                "评分表至少要有一个指标",
                "a checklist needs at least one indicator"
            ))
            .key("indicators"),
        );
    }
}
