//! The command line (docs/cli.md): it routes. The language of messages
//! is found first (`language.rs`), the arguments are parsed as clap
//! defines them (`args.rs`, `values.rs`; their Chinese help in
//! `help.rs`, clap's errors in Chinese in `clap_errors.rs`), and each
//! command (`scoring.rs`, `writing.rs`) reads its inputs, calls the
//! library and writes what it returns; `exit.rs` decides the exit code.
//! Nothing here scores, plans, verifies or batches.

mod args;
mod clap_errors;
mod exit;
mod help;
mod history;
mod language;
mod next;
mod plan;
mod report;
mod rules;
mod said;
mod sample;
mod scoring;
mod team;
mod values;
mod writing;

pub use args::Cli;
pub use exit::Exit;

use crate::failure::Failure;
use crate::files::{Output, clean_up_on_interrupt, expand_all, expand_one};
use crate::message::Lang;
use crate::message::t;
use args::{Command, Given, Inputs};
use clap::FromArgMatches;
use help::command_in;
use said::to_stderr;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

/// Runs bscore with the process's arguments and returns its exit code.
pub fn run() -> ExitCode {
    clean_up_on_interrupt();
    let arguments: Vec<OsString> = std::env::args_os().collect();
    let lang = match language::language(&arguments) {
        Ok(lang) => lang,
        Err(failure) => return failed(&failure, Lang::Zh).into(),
    };
    let mut cli = match parse_arguments(&arguments, lang) {
        Ok(cli) => cli,
        Err(error) => return clap_errors::clap_exit(&error, lang).into(),
    };
    let inputs = read_inputs(&mut cli.command.inputs());
    let result = inputs.and_then(|inputs| run_command(&cli, lang, inputs));
    match result {
        Ok(exit) => exit.into(),
        Err(failure) => failed(&failure, lang).into(),
    }
}

/// Says why the command stopped.
fn failed(failure: &Failure, lang: Lang) -> Exit {
    to_stderr(&failure.render(lang));
    Exit::from(failure)
}

/// The arguments, read by the command line as `lang` shows it, so that
/// `--help` is in that language.
fn parse_arguments(arguments: &[OsString], lang: Lang) -> Result<Cli, clap::Error> {
    let matches = command_in(lang).try_get_matches_from(arguments)?;
    Cli::from_arg_matches(&matches)
}

/// Every file the command reads, once its patterns are expanded (see
/// [`expand_all`]; a file given in its own place takes a pattern matching
/// exactly one), and provided standard input (`-`) is read once.
fn read_inputs(inputs: &mut Inputs<'_>) -> Result<Vec<PathBuf>, Failure> {
    match &mut inputs.given {
        Given::Several(paths) => **paths = expand_all(paths).map_err(Failure::Usage)?,
        Given::Each(paths) => {
            for path in paths.iter_mut() {
                **path = expand_one(path).map_err(Failure::Usage)?;
            }
        }
    }
    let paths = inputs.paths();
    if paths.iter().filter(|path| path.as_os_str() == "-").count() > 1 {
        return Err(Failure::Usage(t!(
            "标准输入（`-`）只能读取一次：只给一个输入用 `-`",
            "standard input (`-`) can be read only once: name it for one input only"
        )));
    }
    Ok(paths)
}

/// Routes the command; `inputs` are the files it reads, which its output
/// may not be.
fn run_command(cli: &Cli, lang: Lang, inputs: Vec<PathBuf>) -> Result<Exit, Failure> {
    let quiet = cli.quiet;
    let stdout = Output::stdout(quiet);
    let to = |output: &args::OutputArgs| output.destination(quiet, inputs.clone(), lang);
    match &cli.command {
        Command::Evaluate(args) => scoring::evaluate(args, lang, &to(&args.output)),
        Command::Validate(args) => scoring::validate(args, lang, &stdout),
        Command::Gap(args) => scoring::gap(args, lang, &stdout),
        Command::Compare(args) => scoring::compare_two(args, lang, &to(&args.output)),
        Command::History(args) => history::history(args, lang, &to(&args.output)),
        Command::Verify(args) => scoring::verify(args, lang, &stdout),
        Command::Rules(args) => rules::rules(args, lang, &stdout, &to),
        Command::Plan(args) => plan::plan(args, lang, &to(&args.output)),
        Command::Report(args) => {
            let output = Output::named(args.output.as_deref(), args.force, quiet, inputs.clone());
            report::report(args, lang, &output.in_language(lang))
        }
        Command::Sample(args) => sample::sample(args, lang, &stdout),
        Command::Checklist(args) => writing::checklist(args, lang, &stdout),
        Command::Template(args) => writing::template(args, lang, &to(&args.output)),
        Command::Convert(args) => writing::convert(args, lang, &to(&args.output)),
        Command::Next(args) => next::next(args, lang, &to(&args.output)),
        Command::Merge(args) => team::merge(args, lang, &to(&args.output)),
        Command::Schema(args) => writing::schema(args, &to(&args.output)),
        Command::Completions(args) => writing::completions(args, lang, &stdout),
        Command::Man(args) => writing::man(args, lang, quiet, &stdout),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
