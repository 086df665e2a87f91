//! The command line (SPEC §4): argument parsing, file I/O and exit codes.
//! Everything else is the library's.

use crate::audit::Audit;
use crate::checklist::{BUILTIN_NAME, BUILTIN_SOURCE, Checklist, Grade};
use crate::diagnostic::InputError;
use crate::engine::{Evaluation, evaluate};
use crate::render::{self, ChecklistFormat, Format, Lang, RenderOptions, Report};
use crate::template::audit_template;
use clap::{Args, Parser, Subcommand};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Score a blockchain service against the Appendix A checklist of
/// T/STIC130010-2022 《区块链服务认证规范》 and grade it.
#[derive(Debug, Parser)]
#[command(name = "bscore", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score and grade audit files.
    Evaluate(EvaluateArgs),
    /// Check audit files without scoring them.
    Validate(ValidateArgs),
    /// Show the checklist in use.
    Checklist(ChecklistArgs),
    /// Write an audit skeleton listing every indicator, to fill in.
    Template(TemplateArgs),
}

#[derive(Debug, Args)]
struct ChecklistOption {
    /// Checklist TOML to use instead of the built-in Appendix A.
    #[arg(long, value_name = "FILE")]
    checklist: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct OutputOptions {
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Overwrite the --output file if it exists.
    #[arg(long, requires = "output")]
    force: bool,
}

#[derive(Debug, Args)]
struct EvaluateArgs {
    /// Audit files (TOML); `-` reads standard input.
    #[arg(required = true, value_name = "AUDIT")]
    audits: Vec<PathBuf>,
    #[command(flatten)]
    checklist: ChecklistOption,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Report language.
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    lang: Lang,
    /// Exit 1 unless every audit reaches at least this grade.
    #[arg(long, value_enum, value_name = "GRADE")]
    min_grade: Option<Grade>,
    /// List every indicator (table and markdown), not only those that lost points.
    #[arg(long)]
    detail: bool,
    /// Draw tables with ASCII characters only.
    #[arg(long)]
    ascii: bool,
    /// CSV without the UTF-8 byte order mark (kept by default so that Excel
    /// and WPS read Chinese correctly).
    #[arg(long)]
    no_bom: bool,
    #[command(flatten)]
    output: OutputOptions,
}

#[derive(Debug, Args)]
struct ValidateArgs {
    /// Audit files (TOML); `-` reads standard input.
    #[arg(required = true, value_name = "AUDIT")]
    audits: Vec<PathBuf>,
    #[command(flatten)]
    checklist: ChecklistOption,
}

#[derive(Debug, Args)]
struct ChecklistArgs {
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = ChecklistFormat::Table)]
    format: ChecklistFormat,
    /// Language of the table (JSON has both).
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    lang: Lang,
    /// Draw tables with ASCII characters only.
    #[arg(long)]
    ascii: bool,
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
enum Failure {
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
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Evaluate(args) => run_evaluate(&args),
        Command::Validate(args) => run_validate(&args),
        Command::Checklist(args) => run_checklist(&args),
        Command::Template(args) => run_template(&args),
    };
    match result {
        Ok(exit) => exit.into(),
        Err(failure) => {
            report_failure(&failure);
            Exit::InputError.into()
        }
    }
}

fn report_failure(failure: &Failure) {
    let mut stderr = io::stderr().lock();
    // Nothing sensible is left to do if stderr itself is gone.
    let _ = match failure {
        Failure::Input(errors) => errors
            .iter()
            .try_for_each(|error| writeln!(stderr, "{error}")),
        Failure::Usage(message) => writeln!(stderr, "error: {message}"),
    };
}

/// An input file's name as shown to the user, and its text.
struct Source {
    name: String,
    text: String,
}

fn read_sources(paths: &[PathBuf]) -> Result<Vec<Source>, Failure> {
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Failure::Usage(
            "standard input (`-`) can be read only once".into(),
        ));
    }
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match read_source(path) {
            Ok(source) => sources.push(source),
            Err(error) => errors.push(error),
        }
    }
    if errors.is_empty() {
        Ok(sources)
    } else {
        Err(Failure::Input(errors))
    }
}

fn read_source(path: &Path) -> Result<Source, InputError> {
    let name = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        io::stdin().lock().read_to_end(&mut bytes).map(|_| ())
    } else if path.is_dir() {
        return Err(InputError::whole_file(
            name,
            "is a directory, expected a TOML file",
        ));
    } else {
        std::fs::File::open(path).and_then(|mut file| file.read_to_end(&mut bytes).map(|_| ()))
    };
    read.map_err(|error| InputError::whole_file(&name, format!("cannot read: {error}")))?;
    let text = String::from_utf8(bytes).map_err(|error| {
        InputError::whole_file(
            &name,
            format!("not UTF-8 text (byte {})", error.utf8_error().valid_up_to()),
        )
    })?;
    Ok(Source { name, text })
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

/// Parses every audit, collecting the problems of all of them.
fn parse_audits(sources: &[Source], checklist: &Checklist) -> Result<Vec<Audit>, Failure> {
    let mut audits = Vec::new();
    let mut errors = Vec::new();
    for source in sources {
        match Audit::parse(&source.name, &source.text, checklist) {
            Ok(audit) => audits.push(audit),
            Err(error) => errors.push(error),
        }
    }
    if errors.is_empty() {
        Ok(audits)
    } else {
        Err(Failure::Input(errors))
    }
}

fn run_evaluate(args: &EvaluateArgs) -> Result<Exit, Failure> {
    if args.format.is_binary() && args.output.output.is_none() {
        return Err(Failure::Usage(
            "--format xlsx writes a binary file: name it with --output FILE".into(),
        ));
    }
    refuse_existing_output(&args.output)?;
    let checklist = load_checklist(&args.checklist)?;
    let sources = read_sources(&args.audits)?;
    let audits = parse_audits(&sources, &checklist)?;
    let evaluations: Vec<Evaluation> = audits
        .iter()
        .zip(&sources)
        .map(|(audit, source)| {
            evaluate(&checklist, audit)
                .map_err(|error| InputError::whole_file(&source.name, error.to_string()))
        })
        .collect::<Result<_, _>>()?;
    let reports: Vec<Report<'_>> = sources
        .iter()
        .zip(&audits)
        .zip(&evaluations)
        .map(|((source, audit), evaluation)| Report {
            file: &source.name,
            checklist: &checklist,
            audit,
            evaluation,
        })
        .collect();
    let mut rendered = Vec::new();
    let options = RenderOptions {
        lang: args.lang,
        ascii: args.ascii,
        detail: args.detail,
        bom: !args.no_bom,
    };
    render::render(args.format, options, &reports, &mut rendered)
        .map_err(|error| Failure::Usage(error.to_string()))?;
    emit(&args.output, &rendered)?;
    let minimum = args.min_grade.unwrap_or(Grade::Compliant);
    let all_pass = evaluations.iter().all(|e| e.passed() && e.grade >= minimum);
    Ok(if all_pass { Exit::Passed } else { Exit::Failed })
}

fn run_validate(args: &ValidateArgs) -> Result<Exit, Failure> {
    let checklist = load_checklist(&args.checklist)?;
    let sources = read_sources(&args.audits)?;
    let audits = parse_audits(&sources, &checklist)?;
    let mut out = Vec::new();
    for (source, audit) in sources.iter().zip(&audits) {
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
    emit(
        &OutputOptions {
            output: None,
            force: false,
        },
        &out,
    )?;
    Ok(Exit::Passed)
}

fn run_checklist(args: &ChecklistArgs) -> Result<Exit, Failure> {
    let checklist = load_checklist(&args.checklist)?;
    let text = match args.format {
        ChecklistFormat::Table => render::checklist_table(&checklist, args.ascii, args.lang),
        ChecklistFormat::Json => render::checklist_json(&checklist),
    };
    emit(
        &OutputOptions {
            output: None,
            force: false,
        },
        text.as_bytes(),
    )?;
    Ok(Exit::Passed)
}

fn run_template(args: &TemplateArgs) -> Result<Exit, Failure> {
    refuse_existing_output(&args.output)?;
    let checklist = load_checklist(&args.checklist)?;
    let text = audit_template(&checklist, &today());
    emit(&args.output, text.as_bytes())?;
    Ok(Exit::Passed)
}

/// Today's local date as `YYYY-MM-DD`, for the template's `date` key.
fn today() -> String {
    jiff::ZonedDateTime::now().date().to_string()
}

/// Checked before any work, so a refusal costs nothing and changes nothing.
fn refuse_existing_output(options: &OutputOptions) -> Result<(), Failure> {
    match &options.output {
        Some(path) if path.exists() && !options.force => Err(Failure::Usage(format!(
            "{} already exists; use --force to overwrite it",
            path.display()
        ))),
        _ => Ok(()),
    }
}

/// Writes `bytes` to standard output or, atomically, to the --output file.
fn emit(options: &OutputOptions, bytes: &[u8]) -> Result<(), Failure> {
    let Some(path) = &options.output else {
        let mut stdout = io::stdout().lock();
        return match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
            // A reader that stopped early (`bscore … | head`) is not an error.
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            Err(error) => Err(Failure::Usage(format!(
                "cannot write to standard output: {error}"
            ))),
            Ok(()) => Ok(()),
        };
    };
    refuse_existing_output(options)?;
    let cannot = |error: &dyn std::fmt::Display| {
        Failure::Usage(format!("cannot write {}: {error}", path.display()))
    };
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    // Write beside the target and rename, so the file is never half-written.
    let mut temporary = tempfile::NamedTempFile::new_in(directory).map_err(|e| cannot(&e))?;
    temporary
        .write_all(bytes)
        .and_then(|()| temporary.flush())
        .map_err(|e| cannot(&e))?;
    // Temporary files are private (0600); a report is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::Permissions::from_mode(0o644);
        std::fs::set_permissions(temporary.path(), permissions).map_err(|e| cannot(&e))?;
    }
    if options.force {
        temporary.persist(path).map_err(|e| cannot(&e.error))?;
    } else {
        temporary
            .persist_noclobber(path)
            .map_err(|e| cannot(&e.error))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

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
