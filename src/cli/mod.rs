//! The command line (docs/cli.md): it parses arguments, calls the library
//! and turns the outcome into an exit code. Nothing here scores, plans,
//! verifies or batches.

mod help;

use crate::batch::{
    BatchOutcome, Evaluated, Source, evaluate_batch, evaluate_source, validate_all,
};
use crate::checklist::{BUILTIN_NAME, BUILTIN_SOURCE, Checklist, Grade};
use crate::compare::compare;
use crate::diagnostic::InputError;
use crate::failure::{Doing, Failure, render_input_errors};
use crate::files::{
    Audits, Output, Writes, Written, clean_up_on_interrupt, contradiction, emit, emit_all,
    emit_with, expand_all, expand_one, output_kind, read_audits, read_result, read_source,
    refuse_existing_output, refuse_input_as_output, stdout_writer, write_beside,
};
use crate::gap::{plan, rectified, target_grade};
use crate::message::io_reason;
use crate::number::{SCORE_PLACES, fixed};
use crate::render::Words;
use crate::render::{
    self, ChecklistFormat, CompareFormat, Format, GapFormat, Lang, RenderOptions, Report, TableLook,
};
use crate::t;
use crate::template::audit_template;
use crate::text::visible;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::LazyLock;

/// The built-in checklist, parsed once per run: for `--version` and for
/// every command that does not name another one.
static BUILTIN: LazyLock<Result<Checklist, InputError>> =
    LazyLock::new(|| Checklist::parse(BUILTIN_NAME, BUILTIN_SOURCE));

/// bscore's version and the code of the standard its built-in checklist
/// encodes, read from that checklist rather than repeated here.
static VERSION: LazyLock<String> = LazyLock::new(|| {
    let standard = BUILTIN.as_ref().map_or_else(
        |_| "no valid built-in checklist".to_string(),
        |checklist| checklist.code.clone(),
    );
    format!("{} ({standard})", env!("CARGO_PKG_VERSION"))
});

/// Score a blockchain service against the Appendix A checklist of
/// T/STIC130010-2022 《区块链服务认证规范》 and grade it.
#[derive(Debug, Parser)]
#[command(name = "bscore", version = VERSION.as_str(), about, long_about = None)]
pub struct Cli {
    /// Print nothing on standard output (errors still go to standard
    /// error; the exit code tells the result).
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Language of reports and messages [default: zh, or BSCORE_LANG].
    #[arg(long, global = true, value_enum)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score and grade audit files (or every *.toml and *.xlsx form in a
    /// directory).
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
    /// Turn a TOML audit into the XLSX form, or a filled form into TOML.
    Convert(ConvertArgs),
    /// Check that a result (JSON, HTML or XLSX) follows from an audit file (and checklist).
    Verify(VerifyArgs),
    /// Print the JSON Schema of audit files, for editors (taplo, VS Code).
    Schema(SchemaArgs),
    /// Print a completion script for a shell.
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one per command.
    Man(ManArgs),
}

#[derive(Debug, Args)]
struct VerifyArgs {
    /// A result of `bscore evaluate`: JSON (one object or an array), or an
    /// HTML or XLSX report, which carries its JSON.
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
    output: OutputArgs,
}

#[derive(Debug, Args)]
struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
struct ManArgs {
    /// Write bscore.1 and a page for each command (bscore-evaluate.1 …)
    /// into DIR, which is created if needed; without it, bscore.1 is
    /// printed.
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// Replace pages already in DIR.
    #[arg(long, requires = "output_dir")]
    force: bool,
}

#[derive(Debug, Args)]
struct ChecklistOption {
    /// Checklist TOML to use instead of the built-in Appendix A.
    #[arg(long, value_name = "FILE")]
    checklist: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct LookOptions {
    /// Fit tables in N columns [default: the terminal's width; when piped,
    /// COLUMNS, else 100]. Below 60, each row is drawn as a block.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    width: Option<u16>,
    /// Draw tables with ASCII characters only.
    #[arg(long)]
    ascii: bool,
}

impl LookOptions {
    /// Render options of the commands that show one result or comparison.
    fn render_options(&self, lang: Lang) -> RenderOptions {
        RenderOptions {
            lang,
            ascii: self.ascii,
            detail: false,
            bom: false,
            width: self.width(),
        }
    }

    /// The width tables fit in: `--width`, else the terminal's, else
    /// `COLUMNS` (what shells export to programs whose output is piped),
    /// else 100.
    fn width(&self) -> u16 {
        const PIPED: u16 = 100;
        if let Some(width) = self.width {
            return width;
        }
        if io::stdout().is_terminal()
            && let Some(width) = comfy_table::Table::new().width()
        {
            return width;
        }
        std::env::var("COLUMNS")
            .ok()
            .and_then(|columns| columns.trim().parse::<u16>().ok())
            .filter(|columns| *columns >= 20)
            .unwrap_or(PIPED)
    }
}

impl LookOptions {
    /// How terminal tables are drawn.
    fn table_look(&self) -> TableLook {
        TableLook {
            ascii: self.ascii,
            width: self.width(),
        }
    }
}

#[derive(Debug, Args)]
struct EvaluateArgs {
    /// Audit files (TOML, or the XLSX form) or directories; `-` reads
    /// standard input.
    #[arg(required = true, value_name = "AUDIT")]
    audits: Vec<PathBuf>,
    #[command(flatten)]
    checklist: ChecklistOption,
    /// Output format [default: table, or the one the --output file's
    /// extension names: .json .md .csv .html .xlsx].
    #[arg(short, long, value_enum)]
    format: Option<Format>,
    #[command(flatten)]
    look: LookOptions,
    /// Exit 1 unless every audit reaches at least this grade, named by id
    /// (compliant, silver, gold, platinum) or by name (达标级, 三星级, 银,
    /// 四星级（金牌）, 金牌, 五星, 铂金, Four-star (Gold) …); each audit
    /// below it is named on standard error.
    #[arg(long, value_name = "GRADE")]
    min_grade: Option<String>,
    /// List every indicator (table and markdown), not only those that lost points.
    #[arg(long)]
    detail: bool,
    /// CSV without the UTF-8 byte order mark (kept by default so that Excel
    /// and WPS read Chinese correctly).
    #[arg(long)]
    no_bom: bool,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Args)]
struct ValidateArgs {
    /// Audit files (TOML, or the XLSX form) or directories; `-` reads
    /// standard input.
    #[arg(required = true, value_name = "AUDIT")]
    audits: Vec<PathBuf>,
    #[command(flatten)]
    checklist: ChecklistOption,
}

#[derive(Debug, Args)]
struct GapArgs {
    /// The audit file (TOML, or the XLSX form); `-` reads standard input.
    audit: PathBuf,
    #[command(flatten)]
    checklist: ChecklistOption,
    /// The band to reach, by id or name as for --min-grade (default: the
    /// next band above the grade the score earns with any special
    /// deductions rectified).
    #[arg(long, value_name = "GRADE")]
    target: Option<String>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = GapFormat::Table)]
    format: GapFormat,
    #[command(flatten)]
    look: LookOptions,
}

#[derive(Debug, Args)]
struct CompareArgs {
    /// The earlier audit (e.g. the initial evaluation).
    old: PathBuf,
    /// The later audit (e.g. the surveillance).
    new: PathBuf,
    #[command(flatten)]
    checklist: ChecklistOption,
    /// Output format [default: table, or the one the --output file's
    /// name ends in: .md, .json].
    #[arg(short, long, value_enum)]
    format: Option<CompareFormat>,
    #[command(flatten)]
    look: LookOptions,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Args)]
struct ChecklistArgs {
    #[command(flatten)]
    checklist: ChecklistOption,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = ChecklistFormat::Table)]
    format: ChecklistFormat,
    #[command(flatten)]
    look: LookOptions,
}

#[derive(Debug, Args)]
struct TemplateArgs {
    #[command(flatten)]
    checklist: ChecklistOption,
    /// toml: an audit file to edit; xlsx: the Appendix A form to fill in
    /// in Excel, WPS or LibreOffice (needs --output) [default: toml, or
    /// xlsx when the --output file's name ends in .xlsx].
    #[arg(short, long, value_enum)]
    format: Option<AuditFormat>,
    #[command(flatten)]
    output: OutputArgs,
}

/// The two forms an audit is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum AuditFormat {
    /// A TOML audit file.
    Toml,
    /// The Appendix A form as an XLSX workbook.
    Xlsx,
}

impl AuditFormat {
    /// The format asked for, else the one `path` names by its extension;
    /// a name template does not write, or one that contradicts the format
    /// asked for, is refused.
    fn chosen(
        asked: Option<AuditFormat>,
        path: Option<&std::path::Path>,
    ) -> Result<AuditFormat, Failure> {
        let writes = Writes {
            command: t!("bscore template ", "bscore template"),
            kinds: &[Written::Toml, Written::Xlsx],
            example: t!(
                "bscore template -o 评价.toml（或 -o 表单.xlsx）",
                "bscore template -o audit.toml (or -o form.xlsx)"
            ),
        };
        let named = match output_kind(&writes, path, Written::Text).map_err(Failure::Usage)? {
            Written::Xlsx => Some(AuditFormat::Xlsx),
            Written::Toml => Some(AuditFormat::Toml),
            _ => None,
        };
        match (asked, named, path) {
            (Some(asked), Some(named), Some(path)) if asked != named => {
                Err(Failure::Usage(contradiction(&value_name(asked), path)))
            }
            _ => Ok(asked.or(named).unwrap_or(AuditFormat::Toml)),
        }
    }
}

#[derive(Debug, Args)]
struct ConvertArgs {
    /// The audit to convert: a TOML file, or an XLSX form.
    audit: PathBuf,
    #[command(flatten)]
    checklist: ChecklistOption,
    #[command(flatten)]
    output: OutputArgs,
}

/// Exit codes (docs/cli.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Every audit evaluated, passed and met `--min-grade`.
    Passed = 0,
    /// An audit evaluated but failed or fell below `--min-grade`.
    Failed = 1,
    /// Input or usage error, or a file that could not be read or written.
    InputError = 2,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

/// Where a command writes: `--output FILE`, or standard output.
#[derive(Debug, Clone, Args)]
struct OutputArgs {
    /// Write to FILE instead of standard output (`-`: standard output).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Overwrite the --output file if it exists.
    #[arg(long, requires = "output")]
    force: bool,
}

impl OutputArgs {
    /// The destination, with the global `--quiet`; `inputs` are the files
    /// the command reads, which the output may not be.
    fn destination(&self, quiet: bool, inputs: Vec<PathBuf>, lang: Lang) -> Output {
        Output::named(self.output.as_deref(), self.force, quiet, inputs).in_language(lang)
    }
}

/// Runs bscore with the process's arguments and returns its exit code.
pub fn run() -> ExitCode {
    clean_up_on_interrupt();
    let arguments: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = match language(&arguments) {
        Ok(lang) => lang,
        Err(failure) => {
            to_stderr(&failure.render(Lang::Zh));
            return Exit::InputError.into();
        }
    };
    let mut cli = match parse_arguments(&arguments, lang) {
        Ok(cli) => cli,
        Err(error) => return clap_exit(&error, lang),
    };
    let result = expand_wildcards(&mut cli.command)
        .and_then(|()| refuse_stdin_twice(&cli.command))
        .and_then(|()| run_command(&cli, lang));
    match result {
        Ok(exit) => exit.into(),
        Err(failure) => {
            to_stderr(&failure.render(lang));
            Exit::InputError.into()
        }
    }
}

/// The command line as `lang` shows it (`--help` and the manual in the
/// language of messages).
fn command_in(lang: Lang) -> clap::Command {
    help::localized(Cli::command(), lang)
}

/// The arguments, read by the command line as `lang` shows it, so that
/// `--help` is in that language.
fn parse_arguments(arguments: &[std::ffi::OsString], lang: Lang) -> Result<Cli, clap::Error> {
    let matches = command_in(lang).try_get_matches_from(arguments)?;
    Cli::from_arg_matches(&matches)
}

/// The language messages are in, known before the arguments are parsed
/// so that a mistake in them is explained in it too: `--lang`, else
/// `BSCORE_LANG`, else Chinese.
fn language(arguments: &[std::ffi::OsString]) -> Result<Lang, Failure> {
    let mut named = None;
    let mut words = arguments.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == "--lang" {
            named = words.next().map(|value| value.to_string());
        } else if let Some(value) = word.strip_prefix("--lang=") {
            named = Some(value.to_string());
        }
    }
    // A wrong --lang value is clap's to explain, with the valid ones.
    if let Some(lang) = named.as_deref().and_then(Lang::from_name) {
        return Ok(lang);
    }
    match std::env::var("BSCORE_LANG") {
        Ok(value) if value.trim().is_empty() => Ok(Lang::Zh),
        Ok(value) => Lang::from_name(&value).ok_or_else(|| {
            let value = visible(&value, false);
            Failure::Usage(t!(
                "环境变量 BSCORE_LANG={value} 无效：应为 zh 或 en",
                "BSCORE_LANG={value} is not a language: expected zh or en"
            ))
        }),
        Err(_) => Ok(Lang::Zh),
    }
}

fn run_command(cli: &Cli, lang: Lang) -> Result<Exit, Failure> {
    let quiet = cli.quiet;
    let stdout = Output::stdout(quiet);
    match &cli.command {
        Command::Evaluate(args) => {
            let inputs = inputs(&args.audits, &args.checklist);
            run_evaluate(args, lang, &args.output.destination(quiet, inputs, lang))
        }
        Command::Validate(args) => run_validate(args, lang, &stdout),
        Command::Gap(args) => run_gap(args, lang, &stdout),
        Command::Compare(args) => {
            let inputs = inputs(&[args.old.clone(), args.new.clone()], &args.checklist);
            run_compare(args, lang, &args.output.destination(quiet, inputs, lang))
        }
        Command::Checklist(args) => run_checklist(args, lang, &stdout),
        Command::Template(args) => {
            let inputs = inputs(&[], &args.checklist);
            run_template(args, lang, &args.output.destination(quiet, inputs, lang))
        }
        Command::Verify(args) => run_verify(args, lang, &stdout),
        Command::Convert(args) => {
            let inputs = inputs(std::slice::from_ref(&args.audit), &args.checklist);
            run_convert(args, lang, &args.output.destination(quiet, inputs, lang))
        }
        Command::Schema(args) => {
            let inputs = inputs(&[], &args.checklist);
            run_schema(args, &args.output.destination(quiet, inputs, lang))
        }
        Command::Completions(args) => run_completions(args, lang, &stdout),
        Command::Man(args) => run_man(args, lang, quiet, &stdout),
    }
}

/// Help and version go to standard output, and a failure to write them is
/// an error like any other; usage errors go to standard error, exit 2,
/// in the language of messages.
fn clap_exit(error: &clap::Error, lang: Lang) -> ExitCode {
    use clap::error::ErrorKind;
    let to_stdout = matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    );
    if !to_stdout {
        match (lang, usage_error_zh(error)) {
            (Lang::Zh, Some(message)) => to_stderr(&message),
            // Nothing sensible is left to do if stderr itself is gone.
            _ => {
                let _ = error.print();
            }
        }
        return Exit::InputError.into();
    }
    let written = stdout_writer().and_then(|mut out| {
        write!(out, "{}", error.render())?;
        out.flush()
    });
    match written {
        Ok(()) => Exit::Passed.into(),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Exit::Passed.into(),
        Err(error) => {
            let failure = Failure::io(
                t!("无法写入标准输出", "cannot write to standard output"),
                error,
            );
            to_stderr(&failure.render(lang));
            Exit::InputError.into()
        }
    }
}

/// A command-line mistake in Chinese, with the usage line clap gives:
/// every kind of mistake a person can make at the prompt.
fn usage_error_zh(error: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let value = |kind: ContextKind| match error.get(kind)? {
        ContextValue::String(text) => Some(text.clone()),
        ContextValue::Strings(texts) => Some(texts.join("、")),
        ContextValue::StyledStr(text) => Some(text.to_string()),
        ContextValue::Number(number) => Some(number.to_string()),
        _ => None,
    };
    let argument = value(ContextKind::InvalidArg).unwrap_or_default();
    let message = match error.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数 `{argument}`"),
        ErrorKind::InvalidSubcommand => {
            let name = value(ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("不认识的子命令 `{name}`")
        }
        ErrorKind::InvalidValue => {
            let given = value(ContextKind::InvalidValue).unwrap_or_default();
            let valid = value(ContextKind::ValidValue).unwrap_or_default();
            if given.is_empty() {
                format!("{argument} 需要一个值；可选：{valid}")
            } else {
                format!("{argument} 的值 `{given}` 无效；可选：{valid}")
            }
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{argument}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少子命令：例如 bscore evaluate audit.toml".to_string()
        }
        ErrorKind::ArgumentConflict => {
            let other = value(ContextKind::PriorArg).unwrap_or_default();
            format!("参数 {argument} 不能与 {other} 同时使用")
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {argument} 的值个数不对")
        }
        ErrorKind::ValueValidation => {
            let given = value(ContextKind::InvalidValue).unwrap_or_default();
            format!("{argument} 的值 `{given}` 无效")
        }
        ErrorKind::NoEquals => format!("{argument} 须写成 {argument}=值"),
        _ => return None,
    };
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
        ContextKind::SuggestedSubcommand,
    ]
    .into_iter()
    .find_map(value);
    let suggestion = match suggested {
        Some(names) if names.contains('、') => {
            let names = names.replace('、', "`、`");
            format!("\n\n  提示：相近的有 `{names}`")
        }
        Some(name) => format!("\n\n  提示：是否应为 `{name}`？"),
        None => String::new(),
    };
    let usage = value(ContextKind::Usage)
        .map(|usage| format!("\n\n{}", usage.replacen("Usage: ", "用法：", 1)))
        .unwrap_or_default();
    Some(format!(
        "错误: {message}{suggestion}{usage}\n\n更多信息请运行 bscore --help（或子命令后加 --help）"
    ))
}

/// The files a command reads: its audits or results, and the checklist.
fn inputs(paths: &[PathBuf], checklist: &ChecklistOption) -> Vec<PathBuf> {
    paths.iter().chain(&checklist.checklist).cloned().collect()
}

/// The input files named with `*` or `?`, found on Windows, where the shell
/// leaves that to the program (see [`expand_all`]); a command that reads
/// one file takes a pattern matching exactly one.
fn expand_wildcards(command: &mut Command) -> Result<(), Failure> {
    let one = |path: &mut PathBuf| -> Result<(), Failure> {
        *path = expand_one(path).map_err(Failure::Usage)?;
        Ok(())
    };
    match command {
        Command::Evaluate(args) => {
            args.audits = expand_all(&args.audits).map_err(Failure::Usage)?;
        }
        Command::Validate(args) => {
            args.audits = expand_all(&args.audits).map_err(Failure::Usage)?;
        }
        Command::Gap(args) => one(&mut args.audit)?,
        Command::Compare(args) => {
            one(&mut args.old)?;
            one(&mut args.new)?;
        }
        Command::Verify(args) => {
            one(&mut args.result)?;
            one(&mut args.audit)?;
        }
        Command::Convert(args) => one(&mut args.audit)?,
        _ => {}
    }
    Ok(())
}

/// Standard input can be read once: `-` may name one input of a command.
fn refuse_stdin_twice(command: &Command) -> Result<(), Failure> {
    let named: Vec<&PathBuf> = match command {
        Command::Evaluate(args) => args
            .audits
            .iter()
            .chain(&args.checklist.checklist)
            .collect(),
        Command::Validate(args) => args
            .audits
            .iter()
            .chain(&args.checklist.checklist)
            .collect(),
        Command::Gap(args) => [&args.audit]
            .into_iter()
            .chain(&args.checklist.checklist)
            .collect(),
        Command::Compare(args) => [&args.old, &args.new]
            .into_iter()
            .chain(&args.checklist.checklist)
            .collect(),
        Command::Verify(args) => [&args.result, &args.audit]
            .into_iter()
            .chain(&args.checklist.checklist)
            .collect(),
        _ => Vec::new(),
    };
    if named.iter().filter(|path| path.as_os_str() == "-").count() > 1 {
        return Err(Failure::Usage(t!(
            "标准输入（`-`）只能读取一次：只给一个输入用 `-`",
            "standard input (`-`) can be read only once: name it for one input only"
        )));
    }
    Ok(())
}

/// Recomputes the result of an audit and compares it with a stored one:
/// exit 0 when they agree, 1 with every difference when they do not.
fn run_verify(args: &VerifyArgs, lang: Lang, stdout: &Output) -> Result<Exit, Failure> {
    let (stored, page) = read_result(&args.result)?;
    let checklist = load_checklist(&args.checklist)?;
    let audit = read_source(&args.audit)?;
    let verdict = crate::verify::verify(&checklist, &stored, page.as_ref(), &audit)?;
    emit(stdout, visible(verdict.text().get(lang), true).as_bytes())?;
    Ok(if verdict.holds() {
        Exit::Passed
    } else {
        Exit::Failed
    })
}

fn run_completions(args: &CompletionsArgs, lang: Lang, stdout: &Output) -> Result<Exit, Failure> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command_in(lang), "bscore", &mut script);
    emit(stdout, &script)?;
    Ok(Exit::Passed)
}

fn run_man(args: &ManArgs, lang: Lang, quiet: bool, stdout: &Output) -> Result<Exit, Failure> {
    // The manual has a page per command, and none for `help`.
    let command = help::localized(Cli::command().disable_help_subcommand(true), lang);
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

fn report_input_errors(errors: &[InputError], lang: Lang) {
    if !errors.is_empty() {
        to_stderr(&render_input_errors(errors, lang));
    }
}

/// One message on standard error, with the file names and text it quotes
/// shown, not obeyed.
fn to_stderr(message: &str) {
    // Nothing sensible is left to do if stderr itself is gone.
    let _ = writeln!(io::stderr().lock(), "{}", visible(message, true));
}

fn load_checklist(option: &ChecklistOption) -> Result<Checklist, Failure> {
    match &option.checklist {
        None => Ok(BUILTIN.clone()?),
        Some(path) => {
            let source = read_source(path)?;
            Ok(Checklist::parse(&source.name, &source.text)?)
        }
    }
}

/// Evaluates every audit it can: invalid ones are reported on stderr and
/// make the exit code 2, the others are still evaluated and rendered.
fn run_evaluate(args: &EvaluateArgs, lang: Lang, output: &Output) -> Result<Exit, Failure> {
    let writes = Writes {
        command: t!("bscore evaluate ", "bscore evaluate"),
        kinds: &[
            Written::Text,
            Written::Json,
            Written::Markdown,
            Written::Csv,
            Written::Html,
            Written::Xlsx,
        ],
        example: t!(
            "bscore evaluate 评价文件 -o 报告.html",
            "bscore evaluate AUDIT -o report.html"
        ),
    };
    checked_kind(&writes, output, Written::Text)?;
    let format = Format::chosen(args.format, output.file.as_deref()).map_err(Failure::Usage)?;
    if format.is_binary() {
        output.refuse_binary_to_terminal()?;
    }
    refuse_existing_output(output)?;
    let checklist = load_checklist(&args.checklist)?;
    let minimum = args
        .min_grade
        .as_deref()
        .map(|name| passing_grade(&checklist, "--min-grade", name))
        .transpose()?;
    let Audits {
        sources,
        mut errors,
        several,
        names,
    } = read_audits(&args.audits);
    let options = RenderOptions {
        lang,
        ascii: args.look.ascii,
        detail: args.detail,
        bom: !args.no_bom,
        width: args.look.width(),
    };
    let mut outcome = BatchOutcome::default();
    emit_with(output, |out| {
        outcome = evaluate_batch(&checklist, &sources, &names, several, format, options, out)?;
        Ok(!outcome.summaries.is_empty())
    })?;
    errors.append(&mut outcome.errors);
    report_input_errors(&errors, lang);
    if !errors.is_empty() {
        return Ok(Exit::InputError);
    }
    let below = outcome.below(minimum);
    if below.is_empty() {
        return Ok(Exit::Passed);
    }
    if let Some(required) = minimum {
        let words = Words::new(lang, &checklist);
        let lines: Vec<String> = (below.iter())
            .map(|s| {
                words.below_minimum(&s.file, required, s.grade, &fixed(&s.score, SCORE_PLACES))
            })
            .collect();
        to_stderr(&lines.join("\n"));
    }
    Ok(Exit::Failed)
}

/// The grade `--min-grade` or `--target` (`option`) names, in either
/// language (see [`Checklist::passing_grade`]).
fn passing_grade(checklist: &Checklist, option: &str, name: &str) -> Result<Grade, Failure> {
    checklist
        .passing_grade(option, name)
        .map_err(Failure::Usage)
}

fn run_validate(args: &ValidateArgs, lang: Lang, stdout: &Output) -> Result<Exit, Failure> {
    let checklist = load_checklist(&args.checklist)?;
    let Audits {
        sources,
        mut errors,
        ..
    } = read_audits(&args.audits);
    let mut out = String::new();
    for outcome in validate_all(&checklist, &sources) {
        match outcome {
            Ok(valid) => out.push_str(&format!("{}\n", visible(valid.text().get(lang), false))),
            Err(error) => errors.push(error),
        }
    }
    report_input_errors(&errors, lang);
    emit(stdout, out.as_bytes())?;
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

fn run_gap(args: &GapArgs, lang: Lang, stdout: &Output) -> Result<Exit, Failure> {
    let checklist = load_checklist(&args.checklist)?;
    let asked = (args.target.as_deref())
        .map(|name| passing_grade(&checklist, "--target", name))
        .transpose()?;
    let (source, evaluated) = evaluate_one(&checklist, &args.audit)?;
    let (_, grade_by_score) = rectified(&checklist, &evaluated.evaluation);
    // `passing_grade` refuses `fail`, so the target is always a band.
    let target = target_grade(asked, grade_by_score).unwrap_or(Grade::Platinum);
    let gap = plan(&checklist, &evaluated.evaluation, target);
    let report = evaluated.report(&source.name, &checklist);
    let options = args.look.render_options(lang);
    emit_with(stdout, |out| {
        render::render_gap(args.format, options, &report, &gap, out).map(|()| true)
    })?;
    Ok(Exit::Passed)
}

fn run_compare(args: &CompareArgs, lang: Lang, output: &Output) -> Result<Exit, Failure> {
    refuse_input_as_output(output)?;
    let format = compare_format(args.format, output.file.as_deref())?;
    refuse_existing_output(output)?;
    let checklist = load_checklist(&args.checklist)?;
    let (old, new) = match (
        evaluate_one(&checklist, &args.old),
        evaluate_one(&checklist, &args.new),
    ) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            let errors = [old.err(), new.err()].into_iter().flatten().collect();
            return Err(Failure::Input(errors));
        }
    };
    let comparison = compare(
        (&old.1.audit, &old.1.evaluation),
        (&new.1.audit, &new.1.evaluation),
    );
    let reports: [Report<'_>; 2] = [
        old.1.report(&old.0.name, &checklist),
        new.1.report(&new.0.name, &checklist),
    ];
    let options = args.look.render_options(lang);
    emit_with(output, |out| {
        let pair = (&reports[0], &reports[1]);
        render::render_comparison(format, options, pair, &comparison, out).map(|()| true)
    })?;
    Ok(Exit::Passed)
}

/// The format of `compare`: the one asked for, else the one the output
/// name asks for; a name compare does not write is refused.
fn compare_format(
    asked: Option<CompareFormat>,
    path: Option<&std::path::Path>,
) -> Result<CompareFormat, Failure> {
    let writes = Writes {
        command: t!("bscore compare ", "bscore compare"),
        kinds: &[Written::Text, Written::Markdown, Written::Json],
        example: t!(
            "bscore compare 旧评价 新评价 -o 变化.md",
            "bscore compare OLD NEW -o changes.md"
        ),
    };
    let named = match output_kind(&writes, path, Written::Text).map_err(Failure::Usage)? {
        Written::Markdown => Some(CompareFormat::Markdown),
        Written::Json => Some(CompareFormat::Json),
        _ => None,
    };
    match (asked, named, path) {
        (Some(asked), Some(named), Some(path)) if asked != named => {
            Err(Failure::Usage(contradiction(&value_name(asked), path)))
        }
        _ => Ok(asked.or(named).unwrap_or(CompareFormat::Table)),
    }
}

fn run_checklist(args: &ChecklistArgs, lang: Lang, stdout: &Output) -> Result<Exit, Failure> {
    let checklist = load_checklist(&args.checklist)?;
    let text = match args.format {
        ChecklistFormat::Table => render::checklist_table(&checklist, args.look.table_look(), lang),
        ChecklistFormat::Json => render::checklist_json(&checklist),
    };
    emit(stdout, text.as_bytes())?;
    Ok(Exit::Passed)
}

/// The schema file that templates point editors to, beside the audit.
const SCHEMA_FILE: &str = "audit.schema.json";

fn schema_text(checklist: &Checklist) -> String {
    // Escaped as results are: a custom checklist's text may hold
    // invisible or direction characters.
    let mut text = crate::render::json_string(&crate::schema::audit_schema(checklist), true)
        .expect("schemas serialize");
    text.push('\n');
    text
}

fn run_schema(args: &SchemaArgs, output: &Output) -> Result<Exit, Failure> {
    let writes = Writes {
        command: t!("bscore schema ", "bscore schema"),
        kinds: &[Written::Json],
        example: t!(
            "bscore schema -o audit.schema.json",
            "bscore schema -o audit.schema.json"
        ),
    };
    checked_kind(&writes, output, Written::Json)?;
    refuse_existing_output(output)?;
    let checklist = load_checklist(&args.checklist)?;
    emit(output, schema_text(&checklist).as_bytes())?;
    Ok(Exit::Passed)
}

/// Writes the template and, beside an --output file that is a regular
/// file, the schema its `#:schema` line names, unless a file (or a link)
/// of that name is already there: never into /dev beside `-o /dev/null`,
/// never through a link.
fn run_template(args: &TemplateArgs, lang: Lang, output: &Output) -> Result<Exit, Failure> {
    refuse_input_as_output(output)?;
    let format = AuditFormat::chosen(args.format, output.file.as_deref())?;
    refuse_existing_output(output)?;
    let checklist = load_checklist(&args.checklist)?;
    if format == AuditFormat::Xlsx {
        return write_form(&checklist, None, lang, output);
    }
    let text = audit_template(&checklist, &today(), SCHEMA_FILE, lang);
    emit(output, text.as_bytes())?;
    if let Some(path) = &output.file {
        write_beside(path, SCHEMA_FILE, schema_text(&checklist).as_bytes(), lang)?;
    }
    Ok(Exit::Passed)
}

/// Writes the XLSX form (filled when `audit` is given) to --output.
fn write_form(
    checklist: &Checklist,
    audit: Option<&crate::audit::Audit>,
    lang: Lang,
    output: &Output,
) -> Result<Exit, Failure> {
    output.refuse_binary_to_terminal()?;
    let bytes =
        crate::form::form_workbook(checklist, audit, lang).map_err(|error| Failure::Internal {
            doing: t!("无法生成表单", "cannot build the form"),
            cause: io_reason(&error),
        })?;
    emit(output, &bytes)?;
    Ok(Exit::Passed)
}

/// A TOML audit to the form, or a form to the TOML audit it holds.
fn run_convert(args: &ConvertArgs, lang: Lang, output: &Output) -> Result<Exit, Failure> {
    let path = output.file.as_deref();
    checked_kind(&convert_writes(None), output, Written::Xlsx)?;
    refuse_existing_output(output)?;
    let checklist = load_checklist(&args.checklist)?;
    let source = read_source(&args.audit)?;
    let to_toml = source.form.is_some();
    let fallback = if to_toml {
        Written::Toml
    } else {
        Written::Xlsx
    };
    output_kind(&convert_writes(Some(to_toml)), path, fallback).map_err(Failure::Usage)?;
    let audit = source.audit(&checklist)?;
    match &source.form {
        // A form becomes the TOML it was read as: validated, so a form
        // with problems is reported, not converted.
        Some(form) => {
            emit(output, form.toml_of(&audit).as_bytes())?;
            Ok(Exit::Passed)
        }
        None => write_form(&checklist, Some(&audit), lang, output),
    }
}

/// The kind of file to write to `output` ([`output_kind`]), once it is
/// known not to be one of the inputs.
fn checked_kind(writes: &Writes, output: &Output, fallback: Written) -> Result<Written, Failure> {
    refuse_input_as_output(output)?;
    output_kind(writes, output.file.as_deref(), fallback).map_err(Failure::Usage)
}

/// An option value's name on the command line (`json`, `xlsx` …).
fn value_name(value: impl clap::ValueEnum) -> String {
    value
        .to_possible_value()
        .map(|value| value.get_name().to_string())
        .unwrap_or_default()
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
