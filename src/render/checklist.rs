//! `bscore checklist`: the checklist in use, as a table or JSON.

use super::labels::Lang;
use super::report::TableLook;
use super::sections::Section;
use super::table::{heading, terminal_grid};
use super::words::Words;
use crate::checklist::Checklist;
use crate::number::{Figure, SCORE_PLACES, trimmed};
use serde::Serialize;

/// The checklist as a terminal table, one row per indicator, in `lang`.
pub fn checklist_table(checklist: &Checklist, look: TableLook, lang: Lang) -> String {
    let words = Words::new(lang, checklist);
    let labels = words.labels;
    let rows = (checklist.indicators.iter())
        .map(|indicator| {
            let mut id = indicator.id.clone();
            if !indicator.aliases.is_empty() {
                id = format!("{id}\n(= {})", indicator.aliases.join(", "));
            }
            vec![
                id,
                words
                    .category(&checklist.categories[indicator.category])
                    .to_string(),
                words.group(&checklist.groups[indicator.group]).to_string(),
                trimmed(&indicator.points, SCORE_PLACES),
                words.indicator(indicator).to_string(),
            ]
        })
        .collect();
    let table = Section {
        title: None,
        header: [
            labels.id,
            labels.category,
            labels.group,
            labels.points,
            labels.check_text,
        ]
        .map(String::from)
        .to_vec(),
        rows,
        right: vec![3],
        total_last: false,
    };
    let totals: Vec<String> = checklist
        .categories
        .iter()
        .map(|c| format!("{} {}", words.category(c), trimmed(&c.total, SCORE_PLACES)))
        .collect();
    let title = format!("{} {}", words.standard(), labels.appendix_title);
    let totals = format!(
        "{}{}{separator}{}{separator}{} {}",
        checklist.indicators.len(),
        labels.indicators_counted,
        totals.join(labels.list_separator),
        labels.total,
        trimmed(&checklist.full_score, SCORE_PLACES),
        separator = labels.clause_separator,
    );
    format!(
        "{}\n{}\n{}\n",
        heading(&title, look),
        terminal_grid(&table, look),
        heading(&totals, look)
    )
}

#[derive(Serialize)]
struct ChecklistJson<'a> {
    standard: &'a str,
    title: &'a str,
    title_en: &'a str,
    full_score: Figure,
    categories: Vec<NamedTotal<'a>>,
    groups: Vec<NamedTotal<'a>>,
    grades: Vec<GradeJson<'a>>,
    special_deduction_kinds: Vec<KindJson<'a>>,
    errata: Vec<ErratumJson<'a>>,
    indicators: Vec<IndicatorJson<'a>>,
}

#[derive(Serialize)]
struct NamedTotal<'a> {
    id: &'a str,
    name: &'a str,
    name_en: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<&'a str>,
    total: Figure,
}

#[derive(Serialize)]
struct GradeJson<'a> {
    id: &'a str,
    name: &'a str,
    name_en: &'a str,
    min_score: Option<Figure>,
}

#[derive(Serialize)]
struct KindJson<'a> {
    id: &'a str,
    text: &'a str,
    text_en: &'a str,
}

#[derive(Serialize)]
struct ErratumJson<'a> {
    clause: &'a str,
    clause_en: &'a str,
    text: &'a str,
    text_en: &'a str,
}

#[derive(Serialize)]
struct IndicatorJson<'a> {
    id: &'a str,
    aliases: &'a [String],
    category: &'a str,
    group: &'a str,
    points: Figure,
    points_exact: String,
    text: &'a str,
    text_en: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

fn number(value: &crate::number::Exact) -> Figure {
    // Checklist figures are short decimals; six places keep them exact.
    Figure::cut(value, 6)
}

/// The checklist as pretty JSON.
pub fn checklist_json(checklist: &Checklist) -> String {
    let json = ChecklistJson {
        standard: &checklist.code,
        title: &checklist.title,
        title_en: &checklist.title_en,
        full_score: number(&checklist.full_score),
        categories: checklist
            .categories
            .iter()
            .map(|c| NamedTotal {
                id: &c.id,
                name: &c.name,
                name_en: &c.name_en,
                category: None,
                total: number(&c.total),
            })
            .collect(),
        groups: checklist
            .groups
            .iter()
            .map(|g| NamedTotal {
                id: &g.id,
                name: &g.name,
                name_en: &g.name_en,
                category: Some(&checklist.categories[g.category].id),
                total: number(&g.total),
            })
            .collect(),
        grades: checklist
            .grades
            .iter()
            .map(|b| GradeJson {
                id: b.grade.id(),
                name: &b.name,
                name_en: &b.name_en,
                min_score: b.min_score.as_ref().map(number),
            })
            .collect(),
        special_deduction_kinds: checklist
            .special_deduction_kinds
            .iter()
            .map(|k| KindJson {
                id: &k.id,
                text: &k.text,
                text_en: &k.text_en,
            })
            .collect(),
        errata: checklist
            .errata
            .iter()
            .map(|e| ErratumJson {
                clause: &e.clause,
                clause_en: &e.clause_en,
                text: &e.text,
                text_en: &e.text_en,
            })
            .collect(),
        indicators: checklist
            .indicators
            .iter()
            .map(|i| IndicatorJson {
                id: &i.id,
                aliases: &i.aliases,
                category: &checklist.categories[i.category].id,
                group: &checklist.groups[i.group].id,
                points: number(&i.points),
                points_exact: i.points.to_string(),
                text: &i.text,
                text_en: &i.text_en,
                note: i.note.as_deref(),
            })
            .collect(),
    };
    let mut text = super::json::json_string(&json, true).expect("checklist JSON serializes");
    text.push('\n');
    text
}
