//! The command line (SPEC §4): argument parsing, file I/O and exit codes.
//! Everything else is the library's.

mod files;

use crate::batch::{Evaluated, Source, evaluate_all, evaluate_source, render_each};
use crate::checklist::{BUILTIN_NAME, BUILTIN_SOURCE, Checklist, Grade};
use crate::compare::compare;
use crate::diagnostic::InputError;
use crate::gap::{next_grade, plan};
use crate::render::{
    self, Assembler, ChecklistFormat, CompareFormat, Format, GapFormat, Lang, RenderOptions, Report,
};
use crate::template::audit_template;
use clap::{Args, CommandFactory, Parser, Subcommand};
use files::{
    OutputOptions, emit, emit_with, expand, read_all, read_source, refuse_existing_output,
};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::LazyLock;

/// bscore's version and the code of the standard its built-in checklist
/// encodes, read from that checklist rather than repeated here.
static VERSION: LazyLock<String> = LazyLock::new(|| {
    let standard = Checklist::parse(BUILTIN_NAME, BUILTIN_SOURCE).map_or_else(
        |_| "no valid built-in checklist".to_string(),
        |checklist| checklist.code,
    );
    format!("{} ({standard})", env!("CARGO_PKG_VERSION"))
});

/// Score a blockchain service against the Appendix A checklist of
/// T/STIC130010-2022 《区块链服务认证规范》 and grade it.
#[derive(Debug, Parser)]
#[command(name = "bscore", version = VERSION.as_str(), about, long_about = None)]
pub struct Cli {
    /// Print nothing on standard output (errors still go to standard
    /// error; the exit code tells the result). Files named with --output
    /// are still written.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score and grade audit files (or every *.toml in a directory).
    Evaluate(EvaluateArgs),
    /// Check audit files without scoring them.
    Validate(ValidateArgs),
    /// The fewest indicators to remediate to reach a better grade.
    Gap(GapArgs),
    /// What changed between two audits of the same service.
    Compare(CompareArgs),
    /// Show the checklist in use.
    Checklist(ChecklistArgs),
    /// Write an audit skeleton listing every indicator, to fill in.
    Template(TemplateArgs),
    /// Check that a JSON result follows from an audit file (and checklist).
    Verify(VerifyArgs),
    /// Print the JSON Schema of audit files, for editors (taplo, VS Code).
    Schema(SchemaArgs),
    /// Print a completion script for a shell.
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `bscore man > bscore.1`.
    Man,
}

#[derive(Debug, Args)]
struct VerifyArgs {
    /// A JSON result of `bscore evaluate --format json` (one object or an array).
    result: PathBuf,
    /// The audit file it is said to come from.
    audit: PathBuf,
    #[command(flatten)]
    checklist: ChecklistOption,
}

#[derive(Debug, Args)]
struct SchemaArgs {
    #[command(flatten)]
    checklist: ChecklistOption,
    #[command(flatten)]
    output: OutputOptions,
}

#[derive(Debug, Args)]
struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
struct ChecklistOption {
    /// Checklist TOML to use instead of the built-in Appendix A.
    #[arg(long, value_name = "FILE")]
    checklist: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct LookOptions {
    /// Report language.
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    lang: Lang,
    /// Draw tables with ASCII characters only.
    #[arg(long)]
    ascii: bool,
}

impl LookOptions {
    /// Render options of the commands that show one result or comparison.
    fn render_options(&self) -> RenderOptions {
        RenderOptions {
            lang: self.lang,
            ascii: self.ascii,
            detail: false,
            bom: false,
        }
    }
}

#[derive(Debug, Args)]
struct EvaluateArgs {
    /// Audit files or directories (TOML); `-` reads standard input.
    #[arg(required = true, value_name = "AUDIT")]
    audits: Vec<PathBuf>,
    #[command(flatten)]
    checklist: ChecklistOption,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    look: LookOptions,
    /// Exit 1 unless every audit reaches at least this grade.
    #[arg(long, value_enum, value_name = "GRADE")]
    min_grade: Option<Grade>,
    /// List every indicator (table and markdown), not only those that lost points.
    #[arg(long)]
    detail: bool,
    /// CSV without the UTF-8 byte order mark (kept by default so that Excel
    /// and WPS read Chinese correctly).
    #[arg(long)]
    no_bom: bool,
    #[command(flatten)]
    output: OutputOptions,
}

#[derive(Debug, Args)]
struct ValidateArgs {
    /// Audit files or directories (TOML); `-` reads standard input.
    #[arg(required = true, value_name = "AUDIT")]
    audits: Vec<PathBuf>,
    #[command(flatten)]
    checklist: ChecklistOption,
}

#[derive(Debug, Args)]
struct GapArgs {
    /// The audit file (TOML); `-` reads standard input.
    audit: PathBuf,
    /// The band to reach (default: the next band above the current one).
    #[arg(long, value_enum, value_name = "GRADE")]
    target: Option<Grade>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = GapFormat::Table)]
    format: GapFormat,
    #[command(flatten)]
    look: LookOptions,
    #[command(flatten)]
    checklist: ChecklistOption,
}

#[derive(Debug, Args)]
struct CompareArgs {
    /// The earlier audit (e.g. the initial evaluation).
    old: PathBuf,
    /// The later audit (e.g. the surveillance).
    new: PathBuf,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = CompareFormat::Table)]
    format: CompareFormat,
    #[command(flatten)]
    look: LookOptions,
    #[command(flatten)]
    checklist: ChecklistOption,
    #[command(flatten)]
    output: OutputOptions,
}

#[derive(Debug, Args)]
struct ChecklistArgs {
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = ChecklistFormat::Table)]
    format: ChecklistFormat,
    #[command(flatten)]
    look: LookOptions,
    #[command(flatten)]
    checklist: ChecklistOption,
}

#[derive(Debug, Args)]
struct TemplateArgs {
    #[command(flatten)]
    checklist: ChecklistOption,
    #[command(flatten)]
    output: OutputOptions,
}

/// Exit codes (SPEC §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Every audit evaluated, passed and met `--min-grade`.
    Passed = 0,
    /// An audit evaluated but failed or fell below `--min-grade`.
    Failed = 1,
    /// Input or usage error.
    InputError = 2,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

/// Why a command stopped before finishing: always exit code 2.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Problems in input files.
    Input(Vec<InputError>),
    /// Anything else the user must fix: an existing --output, an unwritable path.
    Usage(String),
}

impl From<InputError> for Failure {
    fn from(error: InputError) -> Failure {
        Failure::Input(vec![error])
    }
}

/// Runs bscore with the process's arguments and returns its exit code.
pub fn run() -> ExitCode {
    let mut cli = Cli::parse();
    cli.command.set_quiet(cli.quiet);
    let stdout = OutputOptions {
        quiet: cli.quiet,
        ..OutputOptions::default()
    };
    let result = match cli.command {
        Command::Evaluate(args) => run_evaluate(&args),
        Command::Validate(args) => run_validate(&args, &stdout),
        Command::Gap(args) => run_gap(&args, &stdout),
        Command::Compare(args) => run_compare(&args),
        Command::Checklist(args) => run_checklist(&args, &stdout),
        Command::Template(args) => run_template(&args),
        Command::Verify(args) => run_verify(&args, &stdout),
        Command::Schema(args) => run_schema(&args),
        Command::Completions(args) => run_completions(&args, &stdout),
        Command::Man => run_man(&stdout),
    };
    match result {
        Ok(exit) => exit.into(),
        Err(failure) => {
            report_failure(&failure);
            Exit::InputError.into()
        }
    }
}

impl Command {
    /// Passes `--quiet` to the commands' output options.
    fn set_quiet(&mut self, quiet: bool) {
        match self {
            Command::Evaluate(args) => args.output.quiet = quiet,
            Command::Compare(args) => args.output.quiet = quiet,
            Command::Template(args) => args.output.quiet = quiet,
            Command::Schema(args) => args.output.quiet = quiet,
            Command::Validate(_)
            | Command::Gap(_)
            | Command::Checklist(_)
            | Command::Verify(_)
            | Command::Completions(_)
            | Command::Man => {}
        }
    }
}

/// Recomputes the result of an audit and compares it with a stored one:
/// exit 0 when they agree, 1 with every difference when they do not.
fn run_verify(args: &VerifyArgs, stdout: &OutputOptions) -> Result<Exit, Failure> {
    let stored = read_source(&args.result)?;
    let document: serde_json::Value = serde_json::from_str(&stored.text).map_err(|error| {
        InputError::new(
            &stored.name,
            &stored.text,
            vec![crate::diagnostic::Diagnostic::new(format!(
                "not JSON: {error}"
            ))],
        )
    })?;
    let checklist = load_checklist(&args.checklist)?;
    let audit = read_source(&args.audit)?;
    let audit_sha256 = crate::trace::sha256(&audit.text);
    let mut out = Vec::new();
    let Some(recorded) = crate::verify::find_result(&document, &audit_sha256) else {
        // Writing to a Vec cannot fail.
        let _ = writeln!(
            out,
            "differs: no result in {} comes from {} as it is now (SHA-256 {audit_sha256}); the file was changed, or the result is of another audit",
            stored.name, audit.name
        );
        emit(stdout, &out)?;
        return Ok(Exit::Failed);
    };
    let recorded_checklist = recorded["provenance"]["checklist_sha256"]
        .as_str()
        .unwrap_or_default();
    if recorded_checklist != checklist.sha256 {
        let _ = writeln!(
            out,
            "differs: the result was computed with the checklist of SHA-256 {recorded_checklist}, not this one ({}); name that checklist with --checklist",
            checklist.sha256
        );
        emit(stdout, &out)?;
        return Ok(Exit::Failed);
    }
    let evaluated = evaluate_source(&checklist, &audit)?;
    let sources = [(audit, evaluated)];
    let report = reports(&checklist, &sources)[0];
    let recomputed = serde_json::to_value(render::json_result(&report, Lang::Zh))
        .map_err(|error| Failure::Usage(error.to_string()))?;
    let differences = crate::verify::differences(recorded, &recomputed);
    if differences.is_empty() {
        let _ = writeln!(
            out,
            "verified: {} follows from {} (audit SHA-256 {audit_sha256}, checklist SHA-256 {}): score {}, grade {}",
            stored.name,
            sources[0].0.name,
            checklist.sha256,
            recomputed["score"],
            recomputed["grade"].as_str().unwrap_or_default()
        );
        emit(stdout, &out)?;
        return Ok(Exit::Passed);
    }
    let _ = writeln!(
        out,
        "differs: {} does not follow from {}:",
        stored.name, sources[0].0.name
    );
    for difference in differences {
        let _ = writeln!(
            out,
            "  {}: recorded {}, recomputed {}",
            difference.path, difference.recorded, difference.recomputed
        );
    }
    emit(stdout, &out)?;
    Ok(Exit::Failed)
}

fn run_completions(args: &CompletionsArgs, stdout: &OutputOptions) -> Result<Exit, Failure> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "bscore", &mut script);
    emit(stdout, &script)?;
    Ok(Exit::Passed)
}

fn run_man(stdout: &OutputOptions) -> Result<Exit, Failure> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|error| Failure::Usage(error.to_string()))?;
    emit(stdout, &page)?;
    Ok(Exit::Passed)
}

fn report_failure(failure: &Failure) {
    match failure {
        Failure::Input(errors) => report_input_errors(errors),
        Failure::Usage(message) => {
            // Nothing sensible is left to do if stderr itself is gone.
            let _ = writeln!(io::stderr().lock(), "error: {message}");
        }
    }
}

fn report_input_errors(errors: &[InputError]) {
    let mut stderr = io::stderr().lock();
    for (index, error) in errors.iter().enumerate() {
        // Nothing sensible is left to do if stderr itself is gone.
        let _ = match index {
            0 => writeln!(stderr, "{error}"),
            _ => writeln!(stderr, "\n{error}"),
        };
    }
}

fn load_checklist(option: &ChecklistOption) -> Result<Checklist, Failure> {
    match &option.checklist {
        None => Ok(Checklist::parse(BUILTIN_NAME, BUILTIN_SOURCE)?),
        Some(path) => {
            let source = read_source(path)?;
            Ok(Checklist::parse(&source.name, &source.text)?)
        }
    }
}

fn reports<'a>(checklist: &'a Checklist, evaluated: &'a [(Source, Evaluated)]) -> Vec<Report<'a>> {
    evaluated
        .iter()
        .map(|(source, evaluated)| evaluated.report(&source.name, checklist))
        .collect()
}

/// Evaluates every audit it can: invalid ones are reported on stderr and
/// make the exit code 2, the others are still evaluated and rendered.
fn run_evaluate(args: &EvaluateArgs) -> Result<Exit, Failure> {
    if args.format.is_binary() && args.output.output.is_none() {
        return Err(Failure::Usage(
            "--format xlsx writes a binary file: name it with --output FILE".into(),
        ));
    }
    refuse_existing_output(&args.output)?;
    let checklist = load_checklist(&args.checklist)?;
    let (paths, mut errors) = expand(&args.audits)?;
    let (sources, unreadable) = read_all(&paths);
    errors.extend(unreadable);
    let options = RenderOptions {
        lang: args.look.lang,
        ascii: args.look.ascii,
        detail: args.detail,
        bom: !args.no_bom,
    };
    let several = paths.len() > 1;
    let grades: Vec<Grade> = match Assembler::new(args.format, options, &checklist, several) {
        Some(mut assembler) => {
            let mut grades = Vec::new();
            // A reader that stops early (`| head`) closes the pipe: stop
            // writing, but evaluate everything, for the exit code.
            let mut pipe_closed = false;
            emit_with(&args.output, |out| {
                render_each(&checklist, &sources, args.format, options, |outcome| {
                    match outcome {
                        Ok(piece) => {
                            grades.push(piece.summary.grade);
                            if !pipe_closed {
                                match assembler.push(piece, out) {
                                    Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {
                                        pipe_closed = true;
                                    }
                                    other => other?,
                                }
                            }
                        }
                        Err(error) => errors.push(error),
                    }
                    Ok::<(), io::Error>(())
                })?;
                if pipe_closed {
                    return Err(io::ErrorKind::BrokenPipe.into());
                }
                Ok(!assembler.finish(out)?.is_empty())
            })?;
            report_input_errors(&errors);
            grades
        }
        None => {
            let mut evaluated = Vec::new();
            for (source, outcome) in sources.iter().zip(evaluate_all(&checklist, &sources)) {
                match outcome {
                    Ok(result) => evaluated.push((source.clone(), result)),
                    Err(error) => errors.push(error),
                }
            }
            report_input_errors(&errors);
            let reports = reports(&checklist, &evaluated);
            emit_with(&args.output, |out| {
                render::render(args.format, options, &reports, out)?;
                Ok(!reports.is_empty())
            })?;
            evaluated.iter().map(|(_, e)| e.evaluation.grade).collect()
        }
    };
    let minimum = args.min_grade.unwrap_or(Grade::Compliant);
    Ok(if !errors.is_empty() {
        Exit::InputError
    } else if grades
        .iter()
        .all(|grade| *grade != Grade::Fail && *grade >= minimum)
    {
        Exit::Passed
    } else {
        Exit::Failed
    })
}

fn run_validate(args: &ValidateArgs, stdout: &OutputOptions) -> Result<Exit, Failure> {
    let checklist = load_checklist(&args.checklist)?;
    let (paths, mut errors) = expand(&args.audits)?;
    let (sources, unreadable) = read_all(&paths);
    errors.extend(unreadable);
    let mut out = Vec::new();
    for source in &sources {
        match crate::audit::Audit::parse(&source.name, &source.text, &checklist) {
            Ok(audit) => {
                let excluded = audit.entries.iter().filter(|e| e.is_excluded()).count();
                // Writing to a Vec cannot fail.
                let _ = writeln!(
                    out,
                    "ok: {} ({} indicators, {} excluded, {} special deduction(s), {} bonus)",
                    source.name,
                    audit.entries.len(),
                    excluded,
                    audit.special_deductions.len(),
                    if audit.bonus.is_some() { "1" } else { "no" },
                );
            }
            Err(error) => errors.push(error),
        }
    }
    report_input_errors(&errors);
    emit(stdout, &out)?;
    Ok(if errors.is_empty() {
        Exit::Passed
    } else {
        Exit::InputError
    })
}

fn evaluate_one(
    checklist: &Checklist,
    path: &std::path::Path,
) -> Result<(Source, Evaluated), InputError> {
    let source = read_source(path)?;
    let evaluated = evaluate_source(checklist, &source)?;
    Ok((source, evaluated))
}

fn run_gap(args: &GapArgs, stdout: &OutputOptions) -> Result<Exit, Failure> {
    let checklist = load_checklist(&args.checklist)?;
    let evaluated = [evaluate_one(&checklist, &args.audit)?];
    let (_, result) = &evaluated[0];
    let current = result.evaluation.grade;
    let target = match args.target.or_else(|| next_grade(current)) {
        Some(Grade::Fail) => {
            return Err(Failure::Usage("--target must be a passing grade".into()));
        }
        Some(target) => target,
        None => Grade::Platinum,
    };
    let gap = plan(&checklist, &result.evaluation, target);
    let report = reports(&checklist, &evaluated)[0];
    let mut out = Vec::new();
    let options = args.look.render_options();
    render::render_gap(args.format, options, &report, &gap, &mut out)
        .map_err(|error| Failure::Usage(error.to_string()))?;
    emit(stdout, &out)?;
    Ok(Exit::Passed)
}

fn run_compare(args: &CompareArgs) -> Result<Exit, Failure> {
    refuse_existing_output(&args.output)?;
    let checklist = load_checklist(&args.checklist)?;
    let old = evaluate_one(&checklist, &args.old);
    let new = evaluate_one(&checklist, &args.new);
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            let errors = [old.err(), new.err()].into_iter().flatten().collect();
            return Err(Failure::Input(errors));
        }
    };
    if let (Some(a), Some(b)) = (&old.1.audit.meta.standard, &new.1.audit.meta.standard)
        && a != b
    {
        return Err(Failure::Usage(format!(
            "{} is an audit against {a} but {} against {b}: compare audits of one checklist",
            old.0.name, new.0.name
        )));
    }
    let comparison = compare(
        (&old.1.audit, &old.1.evaluation),
        (&new.1.audit, &new.1.evaluation),
    );
    let pair = [old, new];
    let both = reports(&checklist, &pair);
    let mut out = Vec::new();
    let options = args.look.render_options();
    render::render_comparison(
        args.format,
        options,
        (&both[0], &both[1]),
        &comparison,
        &mut out,
    )
    .map_err(|error| Failure::Usage(error.to_string()))?;
    emit(&args.output, &out)?;
    Ok(Exit::Passed)
}

fn run_checklist(args: &ChecklistArgs, stdout: &OutputOptions) -> Result<Exit, Failure> {
    let checklist = load_checklist(&args.checklist)?;
    let text = match args.format {
        ChecklistFormat::Table => {
            render::checklist_table(&checklist, args.look.ascii, args.look.lang)
        }
        ChecklistFormat::Json => render::checklist_json(&checklist),
    };
    emit(stdout, text.as_bytes())?;
    Ok(Exit::Passed)
}

/// The schema file that templates point editors to, beside the audit.
const SCHEMA_FILE: &str = "audit.schema.json";

fn schema_text(checklist: &Checklist) -> String {
    let mut text = serde_json::to_string_pretty(&crate::schema::audit_schema(checklist))
        .expect("schemas serialize");
    text.push('\n');
    text
}

fn run_schema(args: &SchemaArgs) -> Result<Exit, Failure> {
    refuse_existing_output(&args.output)?;
    let checklist = load_checklist(&args.checklist)?;
    emit(&args.output, schema_text(&checklist).as_bytes())?;
    Ok(Exit::Passed)
}

/// Writes the template and, beside an --output file, the schema its
/// `#:schema` line names, unless a file of that name is already there.
fn run_template(args: &TemplateArgs) -> Result<Exit, Failure> {
    refuse_existing_output(&args.output)?;
    let checklist = load_checklist(&args.checklist)?;
    let text = audit_template(&checklist, &today(), SCHEMA_FILE);
    emit(&args.output, text.as_bytes())?;
    if let Some(path) = &args.output.output {
        let schema = path.with_file_name(SCHEMA_FILE);
        if !schema.exists() {
            let options = OutputOptions {
                output: Some(schema),
                ..OutputOptions::default()
            };
            emit(&options, schema_text(&checklist).as_bytes())?;
        }
    }
    Ok(Exit::Passed)
}

/// Today's local date as `YYYY-MM-DD`, for the template's `date` key.
fn today() -> String {
    jiff::ZonedDateTime::now().date().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn exit_codes_are_those_of_the_spec() {
        assert_eq!(Exit::Passed as u8, 0);
        assert_eq!(Exit::Failed as u8, 1);
        assert_eq!(Exit::InputError as u8, 2);
    }
}
