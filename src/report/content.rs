//! What the evaluation report says, decided once, in one language, as a
//! [`ReportDocument`] that the HTML and the DOCX drawers only draw. Its
//! sections, in order: the service and scope (`scope.rs`), the team and
//! methods with the plan's departures (`team.rs`), the results per
//! category, the nonconformities, the special deductions and bonus, the
//! score and grade (`findings.rs`), the cycle (here), with `--history` the
//! follow-up of the previous evaluation (`followup.rs`), the sign-off and
//! the provenance (`signoff.rs`).
//!
//! The sections [`CHECKED`] names are drawn from the audit, the checklist
//! and the 细则 alone: `bscore verify` writes them again from those and
//! compares what the page shows (docs/cli.md, `bscore report`).

use super::context::Context;
pub use super::context::{PlanInput, Previous};
use super::document::{Block, ReportDocument, Section};
use crate::message::Lang;
use crate::render::{Report, ReportLabels, Words, json_result};

/// Everything the evaluation report is built from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInputs<'a> {
    /// The evaluated audit, with its checklist and 细则.
    pub report: Report<'a>,
    /// The plan, with `--plan`.
    pub plan: Option<PlanInput<'a>>,
    /// The previous evaluation of the service, with `--history`.
    pub previous: Option<Previous<'a>>,
}

/// The indices of the sections drawn from the audit, the checklist and
/// the 细则 alone (scope, results, nonconformities, special deductions and
/// bonus, score and grade, cycle), which `bscore verify` checks on the
/// page; the others depend on the plan and the history it is not given.
pub const CHECKED: [usize; 6] = [0, 2, 3, 4, 5, 6];

/// The evaluation report of `inputs` in `lang`, with its JSON result (the
/// one `bscore evaluate --format json` writes) carried for `bscore verify`.
pub fn evaluation_report(
    inputs: &ReportInputs<'_>,
    lang: Lang,
) -> Result<ReportDocument, serde_json::Error> {
    let report = &inputs.report;
    let words = Words::new(lang, report.checklist);
    let context = Context {
        report,
        plan: inputs.plan,
        previous: inputs.previous,
        words,
        labels: words.labels,
        own: ReportLabels::of(lang),
    };
    let mut sections = vec![
        super::scope::section(&context),
        super::team::section(&context),
        super::findings::categories(&context),
        super::findings::nonconformities(&context),
        super::findings::adjustments(&context),
        super::findings::score(&context),
        cycle(&context),
    ];
    if let Some(previous) = inputs.previous {
        sections.push(super::followup::section(&context, previous));
    }
    sections.push(super::signoff::signoff(&context));
    sections.push(super::signoff::provenance(&context));
    for (number, section) in sections.iter_mut().enumerate() {
        section.heading = format!("{} {}", number + 1, section.heading);
    }
    let meta = &report.audit.meta;
    let organization = words.free(&meta.organization).into_owned();
    let short: String = report.audit_sha256.chars().take(12).collect();
    Ok(ReportDocument {
        lang,
        title: context.own.title.to_string(),
        subtitle: format!("{organization} — {}", words.free(&meta.service)),
        sections,
        footer: format!("{organization} · {} {short}…", context.labels.audit_digest),
        result_json: serde_json::to_string(&json_result(report, lang))?,
    })
}

/// The certification cycle (§8.1 b): this evaluation's kind, the cycle's
/// start, the next evaluation with its latest date, and both latest
/// dates; a surveillance held past its cycle's end is said to be overdue
/// for re-evaluation, as a notice.
fn cycle(context: &Context<'_>) -> Section {
    let (words, labels, own) = (&context.words, context.labels, context.own);
    let report = context.report;
    let schedule = &report.analysis.schedule;
    let from_form = crate::input::is_form(std::path::Path::new(report.file));
    let mut fields = vec![
        (
            own.this_evaluation.to_string(),
            words.audit_kind(report.audit.meta.kind).to_string(),
        ),
        (labels.date.to_string(), report.audit.meta.date.to_string()),
    ];
    fields.extend(
        (words
            .schedule(schedule, report.analysis.overdue.as_ref(), from_form)
            .into_iter())
        .map(|(label, value)| (label.to_string(), value)),
    );
    let next = match schedule.next() {
        Some(next) => format!("{}{}{}", words.audit_kind(next.kind), own.by, next.by),
        None => own.next_unknown.to_string(),
    };
    fields.push((own.next_evaluation.to_string(), next));
    let mut blocks = vec![Block::Fields(fields)];
    if let Some(overdue) = &report.analysis.overdue {
        let (start, due) = (overdue.cycle_start, overdue.due);
        let text = crate::message::t!(
            "本次为监督评价，但自 {start} 起的认证周期已于 {due} 届满：应进行重新评价（8.1 b)）",
            "this is a surveillance, but the cycle that began on {start} ended on {due}: a re-evaluation is due (8.1 b))"
        );
        blocks.push(Block::Notice(text.get(context.lang()).to_string()));
    }
    blocks.push(Block::Paragraph(own.cycle_rule.to_string()));
    context.section(6, blocks)
}
