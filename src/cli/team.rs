//! `bscore merge`: reads the parts (TOML or forms) and the resolutions
//! file, calls the library's merge, writes the merged audit and says what
//! was merged, or every disagreement left to settle.

use super::args::MergeArgs;
use super::exit::Exit;
use super::said::to_stderr;
use crate::batch::{Basis, Source};
use crate::checklist::Checklist;
use crate::diagnostic::InputError;
use crate::failure::Failure;
use crate::files::{Output, Writes, Written, emit, read_source, read_toml_text};
use crate::message::{Lang, Text, t};
use crate::team::merge::{self, Outcome, Part, Refused, Resolutions};
use crate::team::plan::Plan;
use std::path::{Path, PathBuf};

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
    given_twice(&args.parts)?;
    let checklist = args.checklist.load()?;
    let rules = (args.rules).load(&checklist, lang, |c| {
        super::scoring::audit_problems(c, &args.parts)
    })?;
    let (parts, sources, mut errors) = read_parts(&args.parts, &checklist);
    let plan = read_plan(args.plan.as_deref(), &checklist, &mut errors);
    if let Some(plan) = &plan {
        errors.extend(strangers(plan, &parts, &sources));
    }
    let resolutions = read_resolutions(args.resolutions.as_deref(), &mut errors);
    if !errors.is_empty() {
        return Err(Failure::Input(errors));
    }
    let assignees: Option<Vec<String>> = (plan.as_ref()).map(|plan| {
        (plan.assignment.assessor.iter())
            .map(|member| plan.team[*member].name.clone())
            .collect()
    });
    let merged = merge::merge(
        &checklist,
        &parts,
        resolutions.as_ref(),
        assignees.as_deref(),
    );
    let outcome = settled_or_refused(merged, resolutions.as_ref())?;
    let to_file = output
        .file
        .as_deref()
        .filter(|file| file.as_os_str() != "-");
    // Beside a merged file the summary is the command's output; beside a
    // merged audit on standard output, a message. Either way the names
    // and reasons it quotes are shown, never obeyed.
    let say = |text: &Text| match to_file {
        Some(_) if !output.quiet => {
            let shown = crate::text::visible(text.get(lang), true);
            let _ = emit(&Output::stdout(false), format!("{shown}\n").as_bytes());
        }
        Some(_) => {}
        None => to_stderr(text.get(lang)),
    };
    match outcome {
        // The disagreements are said on standard error, as problems are;
        // standard output holds the resolutions file to fill in, so that
        // `> resolutions.toml` keeps just that.
        Outcome::Unmerged(unmerged) => {
            to_stderr(merge::conflict_list(&checklist, &unmerged).get(lang));
            let skeleton = merge::resolutions_skeleton(&checklist, &unmerged, lang);
            if !skeleton.is_empty() {
                emit(&Output::stdout(output.quiet), skeleton.as_bytes())?;
            }
            Ok(Exit::Failed)
        }
        Outcome::Merged(mut merged) => {
            let lists = draw_lists(&parts, to_file, &mut merged.audit);
            let toml = merge::merged_toml(&checklist, &merged);
            let basis = Basis::new(&checklist, rules.as_ref());
            read_back(basis, &toml, &merged.audit, to_file, lang)?;
            if let Some(file) = to_file {
                refuse_over_a_list(file, &lists)?;
            }
            emit(output, toml.as_bytes())?;
            let written = match (to_file, lang) {
                (Some(file), _) => file.display().to_string(),
                (None, Lang::Zh) => "标准输出".to_string(),
                (None, Lang::En) => "standard output".to_string(),
            };
            say(&merge::summary(&checklist, &parts, &merged, &written));
            Ok(Exit::Passed)
        }
    }
}

/// One file named twice among the parts (by any path that leads to it):
/// its part would be its member's twice.
fn given_twice(paths: &[PathBuf]) -> Result<(), Failure> {
    for (at, path) in paths.iter().enumerate() {
        let twice = paths[..at].iter().find(|earlier| {
            *earlier == path || same_file::is_same_file(earlier, path).unwrap_or(false)
        });
        if let Some(earlier) = twice {
            let (shown, first) = (path.display().to_string(), earlier.display().to_string());
            return Err(Failure::Usage(t!(
                "{shown} 与 {first} 是同一个文件：每个分工部分只给一次",
                "{shown} and {first} are the same file: give each part once"
            )));
        }
    }
    Ok(())
}

/// Every part read and validated as an audit. The 细则 is not put to a
/// part: a sample split between members meets its minimum only pooled,
/// so the merged audit is checked against it instead.
fn read_parts(
    paths: &[PathBuf],
    checklist: &Checklist,
) -> (Vec<Part>, Vec<Source>, Vec<InputError>) {
    let basis = Basis::of(checklist);
    let (mut parts, mut sources, mut errors) = (Vec::new(), Vec::new(), Vec::new());
    for path in paths {
        let read = read_source(path).and_then(|source| {
            let audit = basis.audit(&source)?;
            Ok((source, audit))
        });
        match read {
            Ok((source, audit)) => {
                parts.push(Part {
                    file: source.name.clone(),
                    sha256: source.digest.clone(),
                    audit,
                });
                sources.push(source);
            }
            Err(error) => errors.push(error),
        }
    }
    (parts, sources, errors)
}

/// The plan, if given; its problems added to `errors`.
fn read_plan(
    path: Option<&Path>,
    checklist: &Checklist,
    errors: &mut Vec<InputError>,
) -> Option<Plan> {
    super::plan::load_plan(path?, checklist)
        .map_err(|error| errors.push(error))
        .ok()
}

/// The resolutions, if given; their problems added to `errors`.
fn read_resolutions(path: Option<&Path>, errors: &mut Vec<InputError>) -> Option<Resolutions> {
    read_toml_text(path?)
        .and_then(|source| Resolutions::parse(&source.name, &source.text))
        .map_err(|error| errors.push(error))
        .ok()
}

/// The lists the merged audit's draws name, found beside the parts they
/// came from; a list beside a part in another folder than the merged
/// audit's is named by its full path, so that the draw is found again.
fn draw_lists(
    parts: &[Part],
    to_file: Option<&Path>,
    audit: &mut crate::audit::Audit,
) -> Vec<PathBuf> {
    let folder = |file: &Path| {
        let parent = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::canonicalize(parent).ok()
    };
    let out_folder = folder(to_file.unwrap_or(Path::new("merged.toml")));
    let mut lists = Vec::new();
    for (index, entry) in audit.entries.iter_mut().enumerate() {
        let Some(drawn) = entry
            .samples
            .as_mut()
            .and_then(|samples| samples.drawn.as_mut())
        else {
            continue;
        };
        let beside = (parts.iter()).find(|part| {
            let theirs = part.audit.entries[index]
                .samples
                .as_ref()
                .and_then(|s| s.drawn.as_ref());
            theirs.is_some_and(|theirs| theirs.from == drawn.from)
        });
        let Some(part_folder) = beside.and_then(|part| folder(Path::new(&part.file))) else {
            continue;
        };
        let list = part_folder.join(&drawn.from);
        if Some(&part_folder) != out_folder.as_ref() {
            drawn.from = list.display().to_string();
        }
        lists.push(list);
    }
    lists
}

/// The merged TOML read back, against the 细则 and with each draw drawn
/// again, as `evaluate` will read it: a problem is the merged audit's
/// (a resolution's value the 细则 does not allow, more sites or items than
/// an audit may hold), told before anything is written; a difference
/// from the audit merged is a fault of the writer, said, never written.
fn read_back(
    basis: Basis<'_>,
    toml: &str,
    merged: &crate::audit::Audit,
    to_file: Option<&Path>,
    lang: Lang,
) -> Result<(), Failure> {
    let name = match (to_file, lang) {
        (Some(file), Lang::Zh) => format!("{}（合并结果，未写出）", file.display()),
        (Some(file), Lang::En) => format!("{} (the merged audit, not written)", file.display()),
        (None, Lang::Zh) => "（合并结果，未写出）".to_string(),
        (None, Lang::En) => "(the merged audit, not written)".to_string(),
    };
    if toml.len() as u64 > crate::input::MAX_INPUT_BYTES {
        let mib = toml.len() / (1024 * 1024);
        return Err(InputError::whole_file(
            name,
            t!(
                "合并后的评价文件超过 {mib} MiB，大于评价文件 4 MiB 的上限，合并后将无法读取：请分开评价，或精简记录",
                "the merged audit is over {mib} MiB, more than the 4 MiB an audit may be, and could not be read: shorten the records or split the evaluation"
            ),
        )
        .into());
    }
    let reread = basis.audit(&Source::toml(name, toml.to_string()))?;
    if reread != *merged {
        return Err(Failure::Internal {
            doing: t!(
                "合并后的评价文件读回后与合并结果不同",
                "the merged audit reads back differently"
            ),
            cause: t!("未写出任何文件", "nothing was written"),
        });
    }
    Ok(())
}

/// The merged audit must not take the place of a list its draws are
/// drawn from: written over it, the draw could never be repeated.
fn refuse_over_a_list(file: &Path, lists: &[PathBuf]) -> Result<(), Failure> {
    let over = lists
        .iter()
        .find(|list| same_file::is_same_file(list, file).unwrap_or(false));
    match over {
        Some(list) => {
            let shown = list.display().to_string();
            Err(Failure::Usage(t!(
                "--output 指向抽样清单 {shown}：合并后的评价文件不能覆盖它，请另选文件名",
                "--output names the sample list {shown}: the merged audit must not replace it, choose another name"
            )))
        }
        None => Ok(()),
    }
}

/// The parts whose member is not in the plan's team: a part of someone
/// the plan does not know, or a name misspelt.
fn strangers(plan: &Plan, parts: &[Part], sources: &[Source]) -> Vec<InputError> {
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

/// The merge's outcome, or its refusal: parts that cannot be merged,
/// each problem at its file; the resolutions file's problems, those of its
/// shape and those the merge found, together and in file order.
fn settled_or_refused(
    merged: Result<Outcome, Refused>,
    resolutions: Option<&Resolutions>,
) -> Result<Outcome, Failure> {
    let (outcome, mut problems) = match merged {
        Err(Refused::Parts(problems)) => {
            let errors = (problems.into_iter())
                .map(|(file, message)| InputError::whole_file(file, message))
                .collect();
            return Err(Failure::Input(errors));
        }
        Err(Refused::Resolutions(problems)) => (None, problems),
        Ok(outcome) => (Some(outcome), Vec::new()),
    };
    let (outcome, resolutions) = match resolutions {
        Some(resolutions) => (outcome, resolutions),
        None => {
            return outcome.ok_or_else(|| Failure::Internal {
                doing: t!("合并", "merging"),
                cause: t!(
                    "没有解决记录文件却有其问题",
                    "problems of a resolutions file not given"
                ),
            });
        }
    };
    problems.extend(resolutions.problems.iter().cloned());
    if problems.is_empty() {
        return outcome.ok_or_else(|| Failure::Internal {
            doing: t!("合并", "merging"),
            cause: t!(
                "合并既无结果也无问题",
                "the merge gave neither an outcome nor a problem"
            ),
        });
    }
    problems.sort_by_key(|problem| problem.span.as_ref().map_or(0, |span| span.start));
    Err(Failure::Input(vec![resolutions.error(problems)]))
}
