//! `bscore merge`: reads the parts (TOML or forms) and the resolutions
//! file, calls the library's merge, writes the merged audit and says what
//! was merged, or every disagreement left to settle.

use super::args::MergeArgs;
use super::exit::Exit;
use super::said::to_stderr;
use crate::batch::Basis;
use crate::diagnostic::InputError;
use crate::failure::Failure;
use crate::files::{Output, Writes, Written, emit, read_source, read_toml_text};
use crate::message::{Lang, Text, t};
use crate::team::merge::{self, Outcome, Part, Refused, Resolutions};

pub(super) fn merge(args: &MergeArgs, lang: Lang, output: &Output) -> Result<Exit, Failure> {
    let writes = Writes {
        command: t!("bscore merge ", "bscore merge"),
        kinds: &[Written::Toml],
        example: t!(
            "bscore merge 王五.toml 赵六.xlsx -o 评价.toml",
            "bscore merge wang.toml zhao.xlsx -o audit.toml"
        ),
    };
    output.checked_kind(&writes, None, Written::Toml)?;
    let checklist = args.checklist.load()?;
    let rules = (args.rules).load(&checklist, lang, |c| {
        super::scoring::audit_problems(c, &args.parts)
    })?;
    let basis = Basis::new(&checklist, rules.as_ref());
    let mut errors: Vec<InputError> = Vec::new();
    let mut parts = Vec::with_capacity(args.parts.len());
    let mut sources = Vec::with_capacity(args.parts.len());
    for path in &args.parts {
        let read = read_source(path).and_then(|source| {
            let audit = basis.audit(&source)?;
            let part = Part {
                file: source.name.clone(),
                sha256: source.digest.clone(),
                audit,
            };
            Ok((source, part))
        });
        match read {
            Ok((source, part)) => {
                sources.push(source);
                parts.push(part);
            }
            Err(error) => errors.push(error),
        }
    }
    let plan = match &args.plan {
        Some(path) => match super::plan::load_plan(path, &checklist) {
            Ok(plan) => Some(plan),
            Err(error) => {
                errors.push(error);
                None
            }
        },
        None => None,
    };
    if let Some(plan) = &plan {
        errors.extend(strangers(plan, &parts, &sources));
    }
    let resolutions = match &args.resolutions {
        Some(path) => match read_toml_text(path)
            .and_then(|source| Resolutions::parse(&source.name, &source.text))
        {
            Ok(resolutions) => Some(resolutions),
            Err(error) => {
                errors.push(error);
                None
            }
        },
        None => None,
    };
    if !errors.is_empty() {
        return Err(Failure::Input(errors));
    }
    let assignees: Option<Vec<String>> = (plan.as_ref()).map(|plan| {
        (plan.assignment.assessor.iter())
            .map(|member| plan.team[*member].name.clone())
            .collect()
    });
    let outcome = merge::merge(
        &checklist,
        &parts,
        resolutions.as_ref(),
        assignees.as_deref(),
    )
    .map_err(|refused| refusal(refused, resolutions.as_ref()))?;
    let to_file = output.file.as_ref().filter(|file| file.as_os_str() != "-");
    let say = |text: &Text| match to_file {
        Some(_) if !output.quiet => {
            let _ = emit(
                &Output::stdout(false),
                format!("{}\n", text.get(lang)).as_bytes(),
            );
        }
        Some(_) => {}
        None => to_stderr(text.get(lang)),
    };
    match outcome {
        Outcome::Unmerged(unmerged) => {
            say(&merge::conflict_list(&checklist, &unmerged));
            let skeleton = merge::resolutions_skeleton(&checklist, &unmerged, lang);
            if !skeleton.is_empty() {
                say(&Text::verbatim(skeleton.trim_end().to_string()));
            }
            Ok(Exit::Failed)
        }
        Outcome::Merged(merged) => {
            let toml = merge::merged_toml(&checklist, &merged);
            // The merged file must read back as the audit merged: a
            // fault of the writer is said, never written.
            if let Err(error) = crate::audit::Audit::parse("merged", &toml, &checklist) {
                return Err(Failure::Internal {
                    doing: t!(
                        "合并后的评价文件无法读回",
                        "the merged audit does not read back"
                    ),
                    cause: Text::verbatim(error.render(Lang::En)),
                });
            }
            emit(output, toml.as_bytes())?;
            let written =
                to_file.map_or_else(|| "-".to_string(), |file| file.display().to_string());
            say(&merge::summary(&checklist, &parts, &merged, &written));
            Ok(Exit::Passed)
        }
    }
}

/// The parts whose member is not in the plan's team: a part of someone
/// the plan does not know, or a name misspelt.
fn strangers(
    plan: &crate::team::plan::Plan,
    parts: &[Part],
    sources: &[crate::batch::Source],
) -> Vec<InputError> {
    let names: Vec<&str> = plan
        .team
        .iter()
        .map(|member| member.name.as_str())
        .collect();
    (parts.iter().zip(sources))
        .filter(|(part, _)| plan.member(part.member()).is_none())
        .map(|(part, source)| {
            let shown = crate::input::shortened(part.member());
            let (zh, en) = (names.join("、"), names.join(", "));
            let problem = crate::diagnostic::Diagnostic::new(t!(
                "分工部分的评价人员“{shown}”不在评价计划的评价组中",
                "the part's member {shown} is not in the plan's team"
            ));
            let help = match crate::diagnostic::meant(part.member(), names.iter().copied()) {
                Some(meant) => t!(
                    "是否应为“{meant}”？评价组：{zh}",
                    "did you mean {meant}? The team: {en}"
                ),
                None => t!(
                    "写上评价组中的姓名（{zh}），或在评价计划的 [[team]] 中加上此人",
                    "write a name of the team ({en}), or add the member to the plan's [[team]]"
                ),
            };
            crate::batch::at_part(source, problem.help(help))
        })
        .collect()
}

/// Inputs that cannot be merged as they are: each part's problem at its
/// file, the resolutions' at their lines.
fn refusal(refused: Refused, resolutions: Option<&Resolutions>) -> Failure {
    match refused {
        Refused::Parts(problems) => Failure::Input(
            (problems.into_iter())
                .map(|(file, message)| InputError::whole_file(file, message))
                .collect(),
        ),
        Refused::Resolutions(problems) => match resolutions {
            Some(resolutions) => Failure::Input(vec![resolutions.error(problems)]),
            None => Failure::Internal {
                doing: t!("合并", "merging"),
                cause: t!(
                    "没有解决记录文件却有其问题",
                    "problems of a resolutions file not given"
                ),
            },
        },
    }
}
