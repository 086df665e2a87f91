//! Many audits at once: each is parsed, validated, scored and analysed on
//! its own, on every core, and an invalid audit does not stop the others.

use crate::analysis::{Analysis, analyze};
use crate::audit::{Audit, Checks};
use crate::checklist::{Checklist, Grade};
use crate::diagnostic::{Diagnostic, InputError};
use crate::engine::{Evaluation, evaluate};
pub use crate::files::Source;
use crate::message::t;
use crate::render::{Assembler, Format, Piece, RenderOptions, Rendering, Report, Summary};
use crate::rules::{Judge, Rules};
use crate::samples::Redraw;
use rayon::prelude::*;
use std::fmt;
use std::io::{self, Write};

/// What audits are read and scored against: the checklist, and the
/// certification body's 评分细则 when one is given (`--rules`).
#[derive(Clone, Copy)]
pub struct Basis<'a> {
    /// The checklist.
    pub checklist: &'a Checklist,
    /// The 细则, if any: every finding is checked against it, and reports
    /// explain each lost point by its level's condition.
    pub rules: Option<&'a Rules>,
}

impl<'a> Basis<'a> {
    /// The checklist and, when one is given, the 细则.
    pub fn new(checklist: &'a Checklist, rules: Option<&'a Rules>) -> Basis<'a> {
        Basis { checklist, rules }
    }

    /// The checklist alone, Appendix A as it is.
    pub fn of(checklist: &'a Checklist) -> Basis<'a> {
        Basis::new(checklist, None)
    }

    /// The 细则's check of each finding, if there is a 细则.
    pub fn judge(self) -> Option<Judge<'a>> {
        (self.rules).map(|rules| Judge {
            rules,
            checklist: self.checklist,
        })
    }

    /// The audit `source` holds, validated against the checklist and the
    /// 细则, each recorded draw drawn again from its list beside the file.
    pub fn audit(self, source: &Source) -> Result<Audit, InputError> {
        let judge = self.judge();
        let redraw = Redraw::beside(&source.name);
        let checks = Checks {
            further: judge.as_ref().map(|judge| judge as _),
            draws: Some(&redraw),
        };
        source.audit(self.checklist, checks)
    }
}

/// One audit, evaluated.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluated {
    /// The validated audit.
    pub audit: Audit,
    /// Its score and grade.
    pub evaluation: Evaluation,
    /// Next band, exclusion sensitivity, schedule.
    pub analysis: Analysis,
    /// SHA-256 of the audit file as read.
    pub sha256: String,
}

impl Evaluated {
    /// The report of this audit, read from `file`.
    pub fn report<'a>(&'a self, file: &'a str, basis: Basis<'a>) -> Report<'a> {
        Report {
            file,
            checklist: basis.checklist,
            rules: basis.rules,
            audit: &self.audit,
            evaluation: &self.evaluation,
            analysis: &self.analysis,
            audit_sha256: &self.sha256,
        }
    }
}

/// Parses, validates, scores and analyses one audit.
pub fn evaluate_source(basis: Basis<'_>, source: &Source) -> Result<Evaluated, InputError> {
    let checklist = basis.checklist;
    let audit = basis.audit(source)?;
    if let Some(member) = &audit.meta.part {
        return Err(part_refused(source, member));
    }
    let evaluation = evaluate(checklist, &audit).map_err(|_| {
        InputError::whole_file(
            &source.name,
            t!(
                "没有可评分的指标：所有有分值的指标都被删减了",
                "no applicable points: every indicator that carries points is excluded"
            ),
        )
    })?;
    let analysis = analyze(checklist, &audit, &evaluation);
    Ok(Evaluated {
        audit,
        evaluation,
        analysis,
        sha256: source.digest.clone(),
    })
}

/// A team member's part, which holds only their indicators: scored
/// alone it would count every other indicator as unassessed, so it is
/// refused at its `part`, and the message says to merge the parts first.
fn part_refused(source: &Source, member: &str) -> InputError {
    let shown = crate::input::shortened(member);
    let problem = Diagnostic::new(t!(
        "这是团队评价中“{shown}”的分工部分，只含其负责的指标，不能单独评分",
        "this is {shown}'s part of a team evaluation: it holds only their indicators and cannot be scored alone"
    ))
    .help(t!(
        "先用 bscore merge 把各部分合并成一份评价文件（如 bscore merge 王五.toml 赵六.toml -o audit.toml），再对合并后的文件评分",
        "merge the parts into one audit first (bscore merge wang.toml zhao.toml -o audit.toml), then score the merged audit"
    ));
    at_part(source, problem)
}

/// `problem` placed at the `part` of `source`'s `[audit]`: its value in a
/// TOML audit, its cell on a form.
pub(crate) fn at_part(source: &Source, problem: Diagnostic) -> InputError {
    at_audit_key(source, "part", problem)
}

/// `problem` placed at `key` of `source`'s `[audit]` (`date`,
/// `organization` …): its value in a TOML audit, its cell on a form.
pub(crate) fn at_audit_key(source: &Source, key: &str, problem: Diagnostic) -> InputError {
    let problem = (problem.at_opt(audit_key_span(&source.text, key))).key(format!("audit.{key}"));
    let error = InputError::new(&source.name, &source.text, vec![problem]);
    match &source.form {
        Some(form) => form.relocate(error),
        None => error,
    }
}

fn audit_key_span(toml: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let document = toml::de::DeTable::parse(toml).ok()?;
    let audit = document.get_ref().get("audit")?.get_ref().as_table()?;
    Some(audit.get(key)?.span())
}

/// Evaluates every source in parallel; results keep the sources' order.
pub fn evaluate_all(basis: Basis<'_>, sources: &[Source]) -> Vec<Result<Evaluated, InputError>> {
    sources
        .par_iter()
        .map(|source| evaluate_source(basis, source))
        .collect()
}

/// What evaluating a batch found besides the output it wrote.
#[derive(Debug, Default)]
pub struct BatchOutcome {
    /// Every audit evaluated, in order: file, names, score and grade.
    pub summaries: Vec<Summary>,
    /// Every audit that could not be evaluated.
    pub errors: Vec<InputError>,
}

impl BatchOutcome {
    /// The audits evaluated that failed, or fell below `minimum`
    /// (`--min-grade`; a passing grade is always required).
    pub fn below(&self, minimum: Option<Grade>) -> Vec<&Summary> {
        let minimum = minimum.unwrap_or(Grade::Compliant);
        self.summaries
            .iter()
            .filter(|summary| summary.grade == Grade::Fail || summary.grade < minimum)
            .collect()
    }
}

/// Evaluates `sources` and writes their reports to `out` in `format`.
/// `several` says whether the user named several audits (even if some of
/// them could not be read): it decides, once, whether the output is one
/// report or a batch. `names` are every audit named, in order, readable or
/// not ([`crate::files::Audits::names`]): a batch summary lists those
/// not evaluated in their place. A reader that stops early (`| head`) ends the
/// writing but not the evaluation, so the outcome still covers every audit.
pub fn evaluate_batch(
    basis: Basis<'_>,
    sources: &[Source],
    names: &[String],
    several: bool,
    format: Format,
    options: RenderOptions,
    out: &mut dyn Write,
) -> io::Result<BatchOutcome> {
    match format.rendering(options, basis.checklist, several) {
        Rendering::Streamed(assembler) => stream(basis, sources, names, assembler, out),
        Rendering::Whole(renderer) => {
            let mut outcome = BatchOutcome::default();
            let mut evaluated = Vec::new();
            for (source, result) in sources.iter().zip(evaluate_all(basis, sources)) {
                match result {
                    Ok(result) => evaluated.push((source, result)),
                    Err(error) => outcome.errors.push(error),
                }
            }
            let reports: Vec<Report<'_>> = evaluated
                .iter()
                .map(|(source, result)| result.report(&source.name, basis))
                .collect();
            outcome.summaries = reports.iter().map(Summary::of).collect();
            if !reports.is_empty() {
                renderer.render(&reports, out)?;
            }
            Ok(outcome)
        }
    }
}

/// Audits rendered in parallel before their output is written: enough to
/// keep every core busy, few enough that the memory is reused.
const CHUNK: usize = 1024;

/// Evaluates and renders chunk by chunk on every core, writing each piece
/// in the sources' order as it comes: batches of thousands are never held
/// whole.
fn stream(
    basis: Basis<'_>,
    sources: &[Source],
    names: &[String],
    mut assembler: Assembler<'_>,
    out: &mut dyn Write,
) -> io::Result<BatchOutcome> {
    let mut outcome = BatchOutcome::default();
    let mut reader_gone = false;
    let mut unread = Unread { names };
    for chunk in sources.chunks(CHUNK) {
        let pieces: Vec<Result<Piece, InputError>> = chunk
            .par_iter()
            .map(|source| render_source(basis, source, &assembler))
            .collect();
        for (source, piece) in chunk.iter().zip(pieces) {
            for name in unread.before(&source.name) {
                assembler.refuse(name.clone());
            }
            match piece {
                Ok(piece) => {
                    outcome.summaries.push(piece.summary.clone());
                    if !reader_gone {
                        reader_gone = gone(assembler.push(piece, out))?;
                    }
                }
                Err(error) => {
                    assembler.refuse(error.file.clone());
                    outcome.errors.push(error);
                }
            }
        }
    }
    for name in unread.names {
        assembler.refuse(name.clone());
    }
    if !reader_gone {
        assembler.finish(out)?;
    }
    Ok(outcome)
}

/// The audits named that could not be read, found by walking the names
/// of every audit named alongside the sources read from them, in order.
struct Unread<'a> {
    /// The names not walked yet.
    names: &'a [String],
}

impl<'a> Unread<'a> {
    /// The names before the next one that is `source` (audits that could
    /// not be read), walking past it; none if `source` is not named.
    fn before(&mut self, source: &str) -> &'a [String] {
        let Some(at) = self.names.iter().position(|name| name == source) else {
            return &[];
        };
        let (unread, rest) = self.names.split_at(at);
        self.names = &rest[1..];
        unread
    }
}

/// Whether a write failed because the reader went away; other failures
/// are errors.
fn gone(written: io::Result<()>) -> io::Result<bool> {
    match written {
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(true),
        Err(error) => Err(error),
        Ok(()) => Ok(false),
    }
}

/// Evaluates and renders one source to a piece of the assembler's format.
fn render_source(
    basis: Basis<'_>,
    source: &Source,
    assembler: &Assembler<'_>,
) -> Result<Piece, InputError> {
    let evaluated = evaluate_source(basis, source)?;
    let report = evaluated.report(&source.name, basis);
    assembler.piece(&report).map_err(|error| {
        InputError::whole_file(
            &source.name,
            t!("无法生成报告：{error}", "cannot render: {error}"),
        )
    })
}

/// What `bscore validate` says of a valid audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validated {
    /// The audit file.
    pub file: String,
    /// Indicators in the checklist.
    pub indicators: usize,
    /// Indicators excluded.
    pub excluded: usize,
    /// Special deductions.
    pub special_deductions: usize,
    /// Whether a bonus is recorded.
    pub bonus: bool,
    /// The 评分细则 it was checked against (title and version), if any.
    pub rules: Option<String>,
    /// A team member's part: whose, and how many indicators it lists.
    pub part: Option<(String, usize)>,
}

impl Validated {
    /// "input checks passed: …", in both languages.
    pub fn text(&self) -> crate::message::Text {
        let (file, indicators, excluded, special) = (
            &self.file,
            self.indicators,
            self.excluded,
            self.special_deductions,
        );
        let (bonus_zh, bonus_en) = if self.bonus {
            ("1", "1")
        } else {
            ("无", "no")
        };
        let (rules_zh, rules_en) = match &self.rules {
            Some(rules) => (
                format!("，符合评分细则 {rules}"),
                format!(", as the scoring rules {rules} allow"),
            ),
            None => (String::new(), String::new()),
        };
        if let Some((member, listed)) = &self.part {
            let member = crate::input::shortened(member);
            return t!(
                "输入检查通过：{file}（“{member}”的分工部分，{listed} 个指标，删减 {excluded} 个，特别扣分 {special} 项，加分 {bonus_zh}{rules_zh}；分工部分不单独评分：用 bscore merge 合并各部分）",
                "input checks passed: {file} ({member}'s part, {listed} indicators, {excluded} excluded, {special} special deduction(s), {bonus_en} bonus{rules_en}; a part is not graded: bscore merge joins the parts)"
            );
        }
        // Said so that it is never read as the grade: an audit that fails
        // can pass its input checks.
        t!(
            "输入检查通过：{file}（{indicators} 个指标，删减 {excluded} 个，特别扣分 {special} 项，加分 {bonus_zh}{rules_zh}；未评分：用 bscore evaluate 评分）",
            "input checks passed: {file} ({indicators} indicators, {excluded} excluded, {special} special deduction(s), {bonus_en} bonus{rules_en}; not graded: bscore evaluate grades it)"
        )
    }
}

/// English; the command line prints [`Validated::text`] in its language.
impl fmt::Display for Validated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().en)
    }
}

/// How many indicators an audit lists (a part's count).
fn listed(audit: &Audit) -> usize {
    (audit.entries.iter())
        .filter(|entry| entry.status != crate::audit::Status::Unassessed)
        .count()
}

/// Checks every source without scoring it.
pub fn validate_all(basis: Basis<'_>, sources: &[Source]) -> Vec<Result<Validated, InputError>> {
    sources
        .iter()
        .map(|source| {
            let audit = basis.audit(source)?;
            Ok(Validated {
                file: source.name.clone(),
                indicators: audit.entries.len(),
                excluded: audit.entries.iter().filter(|e| e.is_excluded()).count(),
                special_deductions: audit.special_deductions.len(),
                bonus: audit.bonus.is_some(),
                rules: (basis.rules).map(|rules| format!("\"{}\" {}", rules.title, rules.version)),
                part: (audit.meta.part.clone()).map(|member| (member, listed(&audit))),
            })
        })
        .collect()
}
