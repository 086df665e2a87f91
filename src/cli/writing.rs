//! The commands that write a document from the checklist or the command
//! line: `checklist`, `template`, `schema`, `convert`, `completions` and
//! `man`. Each reads its inputs, calls the library, writes what it
//! returns and says how the run ends.

use super::args::{ChecklistArgs, CompletionsArgs, ConvertArgs, ManArgs, SchemaArgs, TemplateArgs};
use super::exit::Exit;
use super::help::{self, command_in};
use super::values::{self, AuditFormat, ChecklistFormat};
use crate::audit::Audit;
use crate::batch::Basis;
use crate::checklist::Checklist;
use crate::failure::{Doing, Failure};
use crate::files::{
    Output, Writes, Written, chosen_kind, emit, emit_all, read_source, refuse_existing_output,
    write_beside,
};
use crate::message::t;
use crate::message::{Lang, io_reason};
use crate::render;
use crate::rules::Rules;
use crate::template::audit_template;
use clap::CommandFactory;
use std::io::Write as _;

pub(super) fn checklist(
    args: &ChecklistArgs,
    lang: Lang,
    stdout: &Output,
) -> Result<Exit, Failure> {
    let checklist = args.checklist.load()?;
    let text = match args.format {
        ChecklistFormat::Table => render::checklist_table(&checklist, args.look.table_look(), lang),
        ChecklistFormat::Json => render::checklist_json(&checklist),
    };
    emit(stdout, text.as_bytes())?;
    Ok(Exit::Passed)
}

/// The schema file that templates point editors to, beside the audit.
pub(super) const SCHEMA_FILE: &str = "audit.schema.json";

pub(super) fn schema_text(checklist: &Checklist) -> String {
    // Escaped as results are: a custom checklist's text may hold
    // invisible or direction characters.
    let mut text = render::json_string(&crate::schema::audit_schema(checklist), true)
        .expect("schemas serialize");
    text.push('\n');
    text
}

pub(super) fn schema(args: &SchemaArgs, output: &Output) -> Result<Exit, Failure> {
    let writes = Writes {
        command: t!("bscore schema ", "bscore schema"),
        kinds: &[Written::Json],
        example: t!(
            "bscore schema -o audit.schema.json",
            "bscore schema -o audit.schema.json"
        ),
    };
    output.checked_kind(&writes, None, Written::Json)?;
    let checklist = args.checklist.load()?;
    emit(output, schema_text(&checklist).as_bytes())?;
    Ok(Exit::Passed)
}

/// Writes the template and, beside an --output file that is a regular
/// file, the schema its `#:schema` line names, unless a file (or a link)
/// of that name is already there: never into /dev beside `-o /dev/null`,
/// never through a link.
pub(super) fn template(args: &TemplateArgs, lang: Lang, output: &Output) -> Result<Exit, Failure> {
    let writes = Writes {
        command: t!("bscore template ", "bscore template"),
        kinds: &[Written::Toml, Written::Xlsx],
        example: t!(
            "bscore template -o 评价.toml（或 -o 表单.xlsx）",
            "bscore template -o audit.toml (or -o form.xlsx)"
        ),
    };
    let format = values::chosen(output, &writes, args.format, AuditFormat::Toml)?;
    let checklist = args.checklist.load()?;
    // Checked whichever the format: a 细则 with errors is an input error.
    let rules = args
        .rules
        .load(&checklist, lang, |checklist| match &args.plan {
            Some(plan) => super::plan::load_plan(plan, checklist)
                .err()
                .into_iter()
                .collect(),
            None => Vec::new(),
        })?;
    let part = match (&args.plan, &args.assessor) {
        (Some(plan), Some(assessor)) => Some(part_of(plan, assessor, &checklist)?),
        _ => None,
    };
    if format == AuditFormat::Xlsx {
        if let Some((plan, member)) = &part {
            return write_part_form(&checklist, plan, *member, rules.as_ref(), lang, output);
        }
        return write_form(&checklist, None, rules.as_ref(), lang, output);
    }
    if rules.is_some() && !output.quiet {
        unguided_template(lang);
    }
    let text = match &part {
        Some((plan, member)) => {
            let head = crate::team::plan::part::part_head(plan, *member);
            let date = plan.from.to_string();
            crate::template::part_template(&checklist, &head, &date, SCHEMA_FILE, lang)
        }
        None => audit_template(&checklist, &today(), SCHEMA_FILE, lang),
    };
    emit(output, text.as_bytes())?;
    if let Some(path) = &output.file {
        write_beside(path, SCHEMA_FILE, schema_text(&checklist).as_bytes(), lang)?;
    }
    Ok(Exit::Passed)
}

/// The plan at `plan` and its member `assessor`, or an input error naming
/// the team's members.
fn part_of(
    plan: &std::path::Path,
    assessor: &str,
    checklist: &Checklist,
) -> Result<(crate::team::plan::Plan, usize), Failure> {
    let loaded = super::plan::load_plan(plan, checklist)?;
    match crate::team::plan::part::member_named(&loaded, assessor) {
        Ok(member) if loaded.assignment.counts[member] == 0 => {
            let shown = crate::input::shortened(&loaded.team[member].name);
            let file = plan.display().to_string();
            let error = crate::diagnostic::InputError::whole_file(
                file,
                t!(
                    "评价计划没有给“{shown}”分到任何指标，没有分工部分可写",
                    "the plan gives {shown} no indicator: there is no part to write"
                ),
            )
            .with_help(t!(
                "在评价计划中为其写上可评类别（categories），或用 [assign] 指定指标",
                "give the member categories in the plan, or indicators in [assign]"
            ));
            Err(Failure::Input(vec![error]))
        }
        Ok(member) => Ok((loaded, member)),
        Err((message, help)) => {
            let file = plan.display().to_string();
            let error = crate::diagnostic::InputError::whole_file(file, message).with_help(help);
            Err(Failure::Input(vec![error]))
        }
    }
}

/// Says that a 细则 does not change the TOML template: the template is
/// the same with or without one (a `BSCORE_RULES` set for the session
/// must not stop it), and the 细则's levels are in `rules show` and in the
/// form it guides.
fn unguided_template(lang: Lang) {
    let (label, message) = match lang {
        Lang::Zh => (
            "警告",
            "评分细则不改变 TOML 模板（与不带 --rules 时相同）；按细则填写请生成表单：bscore template --rules 细则.toml -o 表单.xlsx，或用 bscore rules show 细则.toml 查看各等级的条件",
        ),
        Lang::En => (
            "warning",
            "the scoring rules do not change the TOML template (it is the same without --rules); for a form guided by them: bscore template --rules rules.toml -o form.xlsx, or see each level's condition with bscore rules show rules.toml",
        ),
    };
    // Nothing sensible is left to do if standard error itself is gone.
    let _ = writeln!(std::io::stderr().lock(), "{label}: {message}");
}

/// Writes the XLSX form (filled when `audit` is given, guided by `rules`
/// when given) to --output.
fn write_form(
    checklist: &Checklist,
    audit: Option<&Audit>,
    rules: Option<&Rules>,
    lang: Lang,
    output: &Output,
) -> Result<Exit, Failure> {
    output.refuse_binary_to_terminal()?;
    let bytes = crate::form::form_workbook(checklist, audit, rules, lang).map_err(|error| {
        Failure::Internal {
            doing: t!("无法生成表单", "cannot build the form"),
            cause: io_reason(&error),
        }
    })?;
    emit(output, &bytes)?;
    Ok(Exit::Passed)
}

/// Writes `member`'s part of `plan` as the form (docs/team.md).
fn write_part_form(
    checklist: &Checklist,
    plan: &crate::team::plan::Plan,
    member: usize,
    rules: Option<&Rules>,
    lang: Lang,
    output: &Output,
) -> Result<Exit, Failure> {
    output.refuse_binary_to_terminal()?;
    let bytes = crate::team::plan::part::part_form(checklist, plan, member, rules, lang).map_err(
        |error| Failure::Internal {
            doing: t!("无法生成分工表单", "cannot build the part's form"),
            cause: io_reason(&error),
        },
    )?;
    emit(output, &bytes)?;
    Ok(Exit::Passed)
}

/// A TOML audit to the form, or a form to the TOML audit it holds.
pub(super) fn convert(args: &ConvertArgs, lang: Lang, output: &Output) -> Result<Exit, Failure> {
    // Which way it converts is known once the input is read.
    output.checked_kind(&convert_writes(None), None, Written::Text)?;
    let checklist = args.checklist.load()?;
    let audit = [args.audit.clone()];
    let rules = (args.rules).load(&checklist, lang, |c| {
        super::scoring::audit_problems(c, &audit)
    })?;
    let basis = Basis::new(&checklist, rules.as_ref());
    let source = read_source(&args.audit)?;
    let to_toml = source.form.is_some();
    let fallback = if to_toml {
        Written::Toml
    } else {
        Written::Xlsx
    };
    let writes = convert_writes(Some(to_toml));
    chosen_kind(&writes, None, output.file.as_deref(), fallback).map_err(Failure::Usage)?;
    let audit = basis.audit(&source)?;
    match &source.form {
        // A form becomes the TOML it was read as: validated, so a form
        // with problems is reported, not converted.
        Some(form) => {
            emit(output, form.toml_of(&source.name, &audit)?.as_bytes())?;
            Ok(Exit::Passed)
        }
        None => {
            if let Some(why) = crate::form::too_many_items(&audit) {
                let refused = crate::diagnostic::InputError::whole_file(&source.name, why);
                return Err(refused.into());
            }
            write_form(&checklist, Some(&audit), rules.as_ref(), lang, output)
        }
    }
}

/// What `convert` writes: TOML from a form (`Some(true)`), the form from
/// TOML (`Some(false)`), either before the input is read (`None`).
fn convert_writes(to_toml: Option<bool>) -> Writes {
    match to_toml {
        None => Writes {
            command: t!("bscore convert ", "bscore convert"),
            kinds: &[Written::Xlsx, Written::Toml],
            example: t!(
                "bscore convert 评价.toml -o 表单.xlsx（或 bscore convert 表单.xlsx -o 评价.toml）",
                "bscore convert audit.toml -o form.xlsx (or bscore convert form.xlsx -o audit.toml)"
            ),
        },
        Some(true) => Writes {
            command: t!("bscore convert 转换表单时", "bscore convert, given a form,"),
            kinds: &[Written::Toml],
            example: t!(
                "bscore convert 表单.xlsx -o 评价.toml",
                "bscore convert form.xlsx -o audit.toml"
            ),
        },
        Some(false) => Writes {
            command: t!(
                "bscore convert 转换 TOML 评价文件时",
                "bscore convert, given a TOML audit,"
            ),
            kinds: &[Written::Xlsx],
            example: t!(
                "bscore convert 评价.toml -o 表单.xlsx",
                "bscore convert audit.toml -o form.xlsx"
            ),
        },
    }
}

/// Today's local date as `YYYY-MM-DD`, for the template's `date` key.
fn today() -> String {
    jiff::ZonedDateTime::now().date().to_string()
}

pub(super) fn completions(
    args: &CompletionsArgs,
    lang: Lang,
    stdout: &Output,
) -> Result<Exit, Failure> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command_in(lang), "bscore", &mut script);
    emit(stdout, &script)?;
    Ok(Exit::Passed)
}

pub(super) fn man(
    args: &ManArgs,
    lang: Lang,
    quiet: bool,
    stdout: &Output,
) -> Result<Exit, Failure> {
    // The manual has a page per command, and none for `help`.
    let command = help::localized(
        super::args::Cli::command().disable_help_subcommand(true),
        lang,
    );
    let pages = crate::manual::pages(command, lang).map_err(|error| Failure::Internal {
        doing: t!("无法生成手册页", "cannot render the manual pages"),
        cause: io_reason(&error),
    })?;
    let Some(directory) = &args.output_dir else {
        emit(stdout, &pages[0].text)?;
        return Ok(Exit::Passed);
    };
    std::fs::create_dir_all(directory).doing(|| {
        let directory = directory.display();
        t!(
            "无法创建目录 {directory}",
            "cannot create the folder {directory}"
        )
    })?;
    let outputs: Vec<Output> = (pages.iter())
        .map(|page| Output {
            file: Some(directory.join(&page.file_name)),
            force: args.force,
            quiet,
            lang,
            ..Output::default()
        })
        .collect();
    // Every page is checked before any is written: a refusal leaves the
    // folder as it was.
    for output in &outputs {
        refuse_existing_output(output)?;
    }
    // All pages or none: a page that cannot be written leaves every page
    // already there as it was.
    let files: Vec<(Output, &[u8])> = (outputs.into_iter())
        .zip(&pages)
        .map(|(output, page)| (output, page.text.as_slice()))
        .collect();
    emit_all(&files)?;
    Ok(Exit::Passed)
}
