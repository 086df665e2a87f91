//! `bscore plan`: the evaluation plan printed (docs/team.md). It reads
//! the plan (and the checklist and 细则), calls the library and writes
//! what it returns.

use super::args::PlanArgs;
use super::exit::Exit;
use super::values::{self, PlanFormat};
use crate::checklist::Checklist;
use crate::failure::Failure;
use crate::files::{Output, Writes, Written, emit_with, read_plan_text};
use crate::message::{Lang, t};
use crate::team::plan::Plan;
use crate::team::plan::render::plan_document;

/// What `plan` writes.
fn writes() -> Writes {
    Writes {
        command: t!("bscore plan ", "bscore plan"),
        kinds: &[
            Written::Text,
            Written::Markdown,
            Written::Html,
            Written::Json,
            Written::Xlsx,
        ],
        example: t!(
            "bscore plan 评价计划.toml -o 评价计划.html",
            "bscore plan plan.toml -o plan.html"
        ),
    }
}

/// Prints the plan: its header, the team, the sites and every indicator's
/// assessor, with the 细则's methods, evidence and samples when given.
pub(super) fn plan(args: &PlanArgs, lang: Lang, output: &Output) -> Result<Exit, Failure> {
    let format = values::chosen(output, &writes(), args.format, PlanFormat::Table)?;
    if format == PlanFormat::Xlsx {
        output.refuse_binary_to_terminal()?;
    }
    let checklist = args.checklist.load()?;
    let rules = args.rules.load(&checklist, lang, |checklist| {
        load_plan(&args.plan, checklist).err().into_iter().collect()
    })?;
    let plan = load_plan(&args.plan, &checklist)?;
    let look = args.look.table_look();
    emit_with(output, |out| {
        plan_document(
            &plan,
            &checklist,
            rules.as_ref(),
            format.into(),
            look,
            lang,
            out,
        )
        .map(|()| true)
    })?;
    Ok(Exit::Passed)
}

/// The plan at `path`, read and checked against `checklist`.
pub(super) fn load_plan(
    path: &std::path::Path,
    checklist: &Checklist,
) -> Result<Plan, crate::diagnostic::InputError> {
    let source = read_plan_text(path)?;
    crate::team::plan::load::parse(&source.name, &source.text, checklist)
}
