//! The checklist model (Appendix A): indicators with their points, groups and
//! categories with their declared totals, grade bands and special deduction
//! kinds. Loading validates every invariant of docs/scoring.md ("The
//! checklist") and reports every problem at once.

use crate::diagnostic::InputError;
use crate::input::from_toml_error;
use crate::message::Text;
use crate::message::t;
use crate::number::Exact;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

mod load;
use load::{RawChecklist, build};

/// The checklist shipped with bscore: Appendix A of T/STIC130010-2022.
pub const BUILTIN_SOURCE: &str = include_str!("../../checklists/t-stic-130010-2022.toml");

/// The name under which the built-in checklist is reported.
pub const BUILTIN_NAME: &str = "<built-in checklist t-stic-130010-2022.toml>";

/// The grades of §8.3 d), from worst to best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    /// 不合格: below the lowest band, or any special deduction.
    Fail,
    /// 达标级.
    Compliant,
    /// 三星级（银牌）.
    Silver,
    /// 四星级（金牌）.
    Gold,
    /// 五星级（铂金）.
    Platinum,
}

impl Grade {
    /// Every grade, worst first.
    pub const ALL: [Grade; 5] = [
        Grade::Fail,
        Grade::Compliant,
        Grade::Silver,
        Grade::Gold,
        Grade::Platinum,
    ];

    /// The id used in files and JSON (`"gold"`).
    pub fn id(self) -> &'static str {
        match self {
            Grade::Fail => "fail",
            Grade::Compliant => "compliant",
            Grade::Silver => "silver",
            Grade::Gold => "gold",
            Grade::Platinum => "platinum",
        }
    }
}

/// A grade with its names and the lowest score that reaches it.
#[derive(Debug, Clone, PartialEq)]
pub struct GradeBand {
    /// Which grade.
    pub grade: Grade,
    /// Chinese name, e.g. 四星级（金牌）.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Inclusive lower bound; `None` for the failing grade.
    pub min_score: Option<Exact>,
}

/// A 指标大类 such as 服务要求.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    /// Stable id (`service`, `technical`, `compliance`, `management`).
    pub id: String,
    /// Chinese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// The standard's chapter.
    pub clause: String,
    /// Declared total points (Table 1).
    pub total: Exact,
}

/// A Table 1 指标 such as 服务咨询.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The clause it covers, e.g. `4.1`.
    pub id: String,
    /// Index into [`Checklist::categories`].
    pub category: usize,
    /// Chinese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Declared total points (Table 1).
    pub total: Exact,
}

/// One Appendix A row.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// Appendix A label, verbatim.
    pub id: String,
    /// Body clause forms accepted for the same row.
    pub aliases: Vec<String>,
    /// Index into [`Checklist::categories`].
    pub category: usize,
    /// Index into [`Checklist::groups`].
    pub group: usize,
    /// 小类分值.
    pub points: Exact,
    /// 检查内容, as printed.
    pub text: String,
    /// English rendering of the check text.
    pub text_en: String,
    /// Remark on how the row was read, if any.
    pub note: Option<String>,
}

/// One of the situations of §8.3 c 3) that produce a special deduction.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecialDeductionKind {
    /// Id used in audits (`law`, `whitepaper`, `deception`, `risk`).
    pub id: String,
    /// Its short name, as the form's 类型 column lists it (法律法规); the
    /// id when the checklist gives none.
    #[serde(default)]
    pub name: String,
    /// Its short name in English; the id when the checklist gives none.
    #[serde(default)]
    pub name_en: String,
    /// The standard's wording.
    pub text: String,
    /// English rendering.
    pub text_en: String,
}

impl SpecialDeductionKind {
    /// Its short name in `lang` (法律法规, law).
    pub fn short_name(&self, lang: crate::message::Lang) -> &str {
        let name = match lang {
            crate::message::Lang::Zh => &self.name,
            crate::message::Lang::En => &self.name_en,
        };
        if name.is_empty() { &self.id } else { name }
    }

    /// Whether `text` names it: its id or its short name in either
    /// language, case aside.
    pub fn is_named(&self, text: &str) -> bool {
        let text = text.trim();
        [
            self.id.as_str(),
            self.short_name(crate::message::Lang::Zh),
            self.short_name(crate::message::Lang::En),
        ]
        .iter()
        .any(|name| name.eq_ignore_ascii_case(text))
    }
}

/// A place where the standard disagrees with itself, and the reading used.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Erratum {
    /// Where in the standard, in Chinese.
    pub clause: String,
    /// Where in the standard, in English.
    pub clause_en: String,
    /// What is read and why, in Chinese.
    pub text: String,
    /// The same in English.
    pub text_en: String,
}

/// A validated checklist.
#[derive(Debug, Clone, PartialEq)]
pub struct Checklist {
    /// Standard code, e.g. `T/STIC130010-2022`.
    pub code: String,
    /// Standard title in Chinese.
    pub title: String,
    /// Standard title in English.
    pub title_en: String,
    /// 满分; also the scale of the normalized score.
    pub full_score: Exact,
    /// Points each special deduction subtracts.
    pub special_deduction_points: Exact,
    /// Points the (single) bonus adds.
    pub bonus_points: Exact,
    /// Longest time between surveillance evaluations, in years (§8.1 b).
    pub surveillance_interval_years: u8,
    /// Longest certification cycle before re-evaluation, in years (§8.1 b).
    pub recertification_interval_years: u8,
    /// One band per [`Grade`], worst first.
    pub grades: Vec<GradeBand>,
    /// Allowed special deduction kinds.
    pub special_deduction_kinds: Vec<SpecialDeductionKind>,
    /// Readings of the standard where it is ambiguous.
    pub errata: Vec<Erratum>,
    /// Categories in order.
    pub categories: Vec<Category>,
    /// Groups in order.
    pub groups: Vec<Group>,
    /// Indicators in Appendix A order.
    pub indicators: Vec<Indicator>,
    /// SHA-256 of the checklist file as read.
    pub sha256: String,
    /// Indicator position by id and by alias (looked up for every line of
    /// every audit, hence the fast non-cryptographic hash).
    index: FxHashMap<String, usize>,
}

impl Checklist {
    /// The built-in Appendix A checklist.
    pub fn builtin() -> Checklist {
        // The embedded file is validated by the test suite; failing here is a
        // build defect, not an input error.
        Checklist::parse(BUILTIN_NAME, BUILTIN_SOURCE)
            .unwrap_or_else(|error| panic!("built-in checklist is invalid:\n{error}"))
    }

    /// Parses and validates a checklist, reporting every problem found.
    pub fn parse(file: &str, source: &str) -> Result<Checklist, InputError> {
        let raw: RawChecklist = toml::from_str(source)
            .map_err(|error| InputError::new(file, source, vec![from_toml_error(&error, None)]))?;
        let mut problems = Vec::new();
        let mut checklist = build(source, raw, &mut problems);
        checklist.sha256 = crate::trace::sha256(source);
        if problems.is_empty() {
            Ok(checklist)
        } else {
            Err(InputError::new(file, source, problems))
        }
    }

    /// The index of the indicator with this id or alias.
    pub fn lookup(&self, id_or_alias: &str) -> Option<usize> {
        self.index.get(id_or_alias).copied()
    }

    /// The band of a grade.
    pub fn band(&self, grade: Grade) -> &GradeBand {
        self.grades
            .iter()
            .find(|band| band.grade == grade)
            .expect("validated checklists have a band for every grade")
    }

    /// The grade a person names: its id (`silver`), its name in either
    /// language (`三星级（银牌）`, `Three-star (Silver)`), brackets
    /// full-width or not (`四星级(金牌)`), or one part of the name
    /// (`三星级`, `银牌`, `Gold`), with or without its `级` or `牌`
    /// (`三星`, `银`, `金`); spaces and case do not matter.
    pub fn grade_named(&self, text: &str) -> Option<Grade> {
        let wanted = grade_key(text);
        if wanted.is_empty() {
            return None;
        }
        self.grades
            .iter()
            .find(|band| {
                grade_words(band.grade.id(), &band.name, &band.name_en).any(|word| word == wanted)
            })
            .map(|band| band.grade)
    }

    /// The passing grade `option` (`--min-grade`, `--target`) names, in
    /// either language; `fail` asks for nothing, since every audit reaches
    /// it. The error says which grades there are.
    pub fn passing_grade(&self, option: &str, name: &str) -> Result<Grade, Text> {
        let passing = (self.grades.iter()).filter(|band| band.min_score.is_some());
        let zh: Vec<String> = (passing.clone())
            .map(|band| format!("{} {}", band.grade.id(), band.name))
            .collect();
        let en: Vec<String> =
            (passing.map(|band| format!("{} ({})", band.grade.id(), band.name_en))).collect();
        let (zh, en) = (zh.join("、"), en.join(", "));
        let name = crate::text::visible(name, false);
        match self.grade_named(&name) {
            Some(Grade::Fail) => Err(t!(
                "{option} {name} 对任何评价都成立：请写一个合格等级（{zh}）",
                "{option} {name} is reached by every audit: name a passing grade ({en})"
            )),
            Some(grade) => Ok(grade),
            None => Err(t!(
                "{option} {name}：没有这个等级；应为 {zh} 之一",
                "{option} {name}: no such grade; name one of {en}"
            )),
        }
    }

    /// The special deduction kind with this id.
    pub fn special_deduction_kind(&self, id: &str) -> Option<&SpecialDeductionKind> {
        self.special_deduction_kinds
            .iter()
            .find(|kind| kind.id == id)
    }
}

/// A grade's name as compared: brackets half-width, spaces gone, lower
/// case.
fn grade_key(text: &str) -> String {
    (text.chars())
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
}

/// Every way a band is named: its id, its names in both languages, each
/// part of them (`三星级`, `银牌`, `silver`), and each Chinese part without
/// its `级` or `牌` (`三星`, `银`); all as [`grade_key`] makes them.
fn grade_words(id: &str, name: &str, name_en: &str) -> impl Iterator<Item = String> {
    let (name, name_en) = (grade_key(name), grade_key(name_en));
    let parts: Vec<String> = [name.as_str(), name_en.as_str()]
        .iter()
        .flat_map(|name| name.split(['(', ')']))
        .filter(|part| !part.is_empty())
        .flat_map(|part| {
            let short = part
                .strip_suffix(['级', '牌'])
                .filter(|short| !short.is_empty());
            std::iter::once(part.to_string()).chain(short.map(str::to_string))
        })
        .collect();
    [id.to_string(), name, name_en].into_iter().chain(parts)
}
