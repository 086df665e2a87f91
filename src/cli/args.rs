//! The command line's definition: every command, argument and value, as
//! clap derives it (the English help is these doc comments; the Chinese is
//! `help.rs`). Nothing here does any work.

use super::values::{
    AuditFormat, ChecklistFormat, CompareFormat, EvaluateFormat, GapFormat, HistoryFormat,
    KindValue, Language, PlanFormat, RulesFormat, SampleFormat,
};
use crate::checklist::{BUILTIN_NAME, BUILTIN_SOURCE, Checklist};
use crate::diagnostic::InputError;
use crate::failure::Failure;
use crate::files::{Output, Source, read_source, read_toml_text, table_width};
use crate::message::{Lang, t};
use crate::render::{RenderOptions, TableLook};
use crate::rules::Rules;
use crate::rules::load::Loaded;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
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
    pub(super) quiet: bool,
    /// Language of reports and messages [default: zh, or BSCORE_LANG].
    #[arg(long, global = true, value_enum)]
    pub(super) lang: Option<Language>,
    #[command(subcommand)]
    pub(super) command: Command,
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
    /// Score and grade audit files (or every *.toml and *.xlsx form in a
    /// directory).
    Evaluate(EvaluateArgs),
    /// Check audit files without scoring them.
    Validate(ValidateArgs),
    /// The fewest indicators to remediate to reach a better grade.
    Gap(GapArgs),
    /// What changed between two audits of the same service.
    Compare(CompareArgs),
    /// One service's evaluations over the certification cycle: scores,
    /// grades, trends, what got worse, what became of each
    /// nonconformity, and the cycle checked.
    History(HistoryArgs),
    /// Scoring rules (评分细则): write a starter, check them, or print them
    /// as a document.
    Rules(RulesArgs),
    /// Print the evaluation plan: who assesses each indicator, with the
    /// methods, evidence and samples of the scoring rules.
    Plan(PlanArgs),
    /// Samples and sites: how large a sample, how many sites, which items.
    Sample(SampleArgs),
    /// Show the checklist in use.
    Checklist(ChecklistArgs),
    /// Write an audit skeleton listing every indicator, to fill in.
    Template(TemplateArgs),
    /// Turn a TOML audit into the XLSX form, or a filled form into TOML.
    Convert(ConvertArgs),
    /// The next evaluation's skeleton: its kind and date by the cycle, the
    /// header carried over, each indicator's last result beside it, the
    /// last nonconformities first.
    Next(NextArgs),
    /// Join a team's parts into one audit, every disagreement shown and
    /// settled on record.
    Merge(MergeArgs),
    /// Check that a result (JSON, HTML, XLSX or DOCX) follows from an audit file (and checklist).
    Verify(VerifyArgs),
    /// Write the evaluation report handed to the customer (HTML to print,
    /// or DOCX to edit): scope, team and methods, results, every
    /// nonconformity, the cycle, a sign-off block and the provenance.
    Report(ReportArgs),
    /// Print the JSON Schema of audit files, for editors (taplo, VS Code).
    Schema(SchemaArgs),
    /// Print a completion script for a shell.
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one per command.
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub(super) struct VerifyArgs {
    /// A result of `bscore evaluate`: JSON (one object or an array), or an
    /// HTML or XLSX report, which carries its JSON; or the DOCX evaluation
    /// report of `bscore report`.
    pub(super) result: PathBuf,
    /// The audit file it is said to come from.
    pub(super) audit: PathBuf,
    #[command(flatten)]
    pub(super) checklist: ChecklistOption,
    #[command(flatten)]
    pub(super) rules: RulesOption,
}

#[derive(Debug, Args)]
#[command(mut_arg("rules", |arg| arg.help(
    "The certification body's scoring rules (TOML) every finding is checked against: each nonconformity is shown with the level whose condition it meets, each indicator with its methods and evidence [env: BSCORE_RULES]"
)))]
pub(super) struct ReportArgs {
    /// The audit file (TOML, or the XLSX form); `-` reads standard input.
    pub(super) audit: PathBuf,
    #[command(flatten)]
    pub(super) checklist: ChecklistOption,
    #[command(flatten)]
    pub(super) rules: RulesOption,
    /// The evaluation plan (TOML: docs/team.md) the evaluation followed:
    /// its team, and where the work departed from it.
    #[arg(long, value_name = "FILE")]
    pub(super) plan: Option<PathBuf>,
    /// Write to FILE: .html (print-ready A4) or .docx (to edit in Word,
    /// WPS or LibreOffice) [default: HTML on standard output].
    #[arg(short, long, value_name = "FILE")]
    pub(super) output: Option<PathBuf>,
    /// Overwrite the --output file if it exists.
    #[arg(long, requires = "output")]
    pub(super) force: bool,
}

#[derive(Debug, Args)]
pub(super) struct SchemaArgs {
    #[command(flatten)]
    pub(super) checklist: ChecklistOption,
    #[command(flatten)]
    pub(super) output: OutputArgs,
}

#[derive(Debug, Args)]
pub(super) struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub(super) shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub(super) struct ManArgs {
    /// Write bscore.1 and a page for each command (bscore-evaluate.1 …)
    /// into DIR, which is created if needed; without it, bscore.1 is
    /// printed.
    #[arg(long, value_name = "DIR")]
    pub(super) output_dir: Option<PathBuf>,
    /// Replace pages already in DIR.
    #[arg(long, requires = "output_dir")]
    pub(super) force: bool,
}

#[derive(Debug, Args)]
pub(super) struct ChecklistOption {
    /// Checklist TOML to use instead of the built-in Appendix A.
    #[arg(long, value_name = "FILE")]
    pub(super) checklist: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(super) struct RulesOption {
    /// The certification body's scoring rules (TOML) every
    /// finding is checked against, and that reports explain lost points
    /// by [env: BSCORE_RULES].
    #[arg(long, value_name = "FILE", env = "BSCORE_RULES", hide_env = true)]
    pub(super) rules: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(super) struct RulesArgs {
    #[command(subcommand)]
    pub(super) command: RulesCommand,
}

#[derive(Debug, Subcommand)]
pub(super) enum RulesCommand {
    /// Write starter scoring rules naming every indicator with its check text.
    Init(RulesInitArgs),
    /// Check a scoring rules file: every problem at once, and warnings.
    Check(RulesCheckArgs),
    /// Print scoring rules as the document a certification body publishes.
    Show(RulesShowArgs),
}

#[derive(Debug, Args)]
pub(super) struct RulesInitArgs {
    #[command(flatten)]
    pub(super) checklist: ChecklistOption,
    #[command(flatten)]
    pub(super) output: OutputArgs,
}

#[derive(Debug, Args)]
pub(super) struct RulesCheckArgs {
    /// The scoring rules file (TOML); `-` reads standard input.
    pub(super) file: PathBuf,
    #[command(flatten)]
    pub(super) checklist: ChecklistOption,
}

#[derive(Debug, Args)]
pub(super) struct RulesShowArgs {
    /// The scoring rules file (TOML); `-` reads standard input.
    pub(super) file: PathBuf,
    #[command(flatten)]
    pub(super) checklist: ChecklistOption,
    /// Output format [default: table, or the one the --output file's
    /// extension names: .md .html .xlsx].
    #[arg(short, long, value_enum)]
    pub(super) format: Option<RulesFormat>,
    #[command(flatten)]
    pub(super) look: LookOptions,
    #[command(flatten)]
    pub(super) output: OutputArgs,
}

#[derive(Debug, Args)]
#[command(mut_arg("rules", |arg| arg.help(
    "The certification body's scoring rules (TOML) whose methods, evidence and samples the plan lists for each indicator [env: BSCORE_RULES]"
)))]
pub(super) struct PlanArgs {
    /// The evaluation plan (TOML: docs/team.md); `-` reads standard input.
    pub(super) plan: PathBuf,
    #[command(flatten)]
    pub(super) checklist: ChecklistOption,
    #[command(flatten)]
    pub(super) rules: RulesOption,
    /// Output format [default: table, or the one the --output file's
    /// extension names: .md .html .json .xlsx].
    #[arg(short, long, value_enum)]
    pub(super) format: Option<PlanFormat>,
    #[command(flatten)]
    pub(super) look: LookOptions,
    #[command(flatten)]
    pub(super) output: OutputArgs,
}

#[derive(Debug, Args)]
pub(super) struct SampleArgs {
    #[command(subcommand)]
    pub(super) command: SampleCommand,
}

#[derive(Debug, Subcommand)]
pub(super) enum SampleCommand {
    /// The smallest sample with no nonconforming item that shows, at a
    /// confidence, that at most a tolerable share is nonconforming.
    Size(SampleSizeArgs),
    /// How many sites to visit: ⌈√N⌉, ⌈0.6·√N⌉ or ⌈0.8·√N⌉.
    Sites(SampleSitesArgs),
    /// Draw a sample reproducibly: items ranked by SHA-256 of SEED:item.
    Draw(SampleDrawArgs),
}

#[derive(Debug, Args)]
pub(super) struct SampleSizeArgs {
    /// How many items the sample is drawn from [default: a large
    /// population].
    #[arg(long, value_name = "N")]
    pub(super) population: Option<u64>,
    /// Confidence, in percent.
    #[arg(long, value_name = "PERCENT", default_value = "95")]
    pub(super) confidence: String,
    /// The tolerable share of nonconforming items, in percent.
    #[arg(long, value_name = "PERCENT", default_value = "10")]
    pub(super) tolerable: String,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = SampleFormat::Table)]
    pub(super) format: SampleFormat,
}

#[derive(Debug, Args)]
pub(super) struct SampleSitesArgs {
    /// How many sites or service areas are in scope.
    #[arg(long, value_name = "N")]
    pub(super) count: u64,
    /// The kind of audit.
    #[arg(long, value_enum)]
    pub(super) kind: KindValue,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = SampleFormat::Table)]
    pub(super) format: SampleFormat,
}

#[derive(Debug, Args)]
pub(super) struct SampleDrawArgs {
    /// The list to draw from: one item (or site) a line; `-` reads
    /// standard input.
    #[arg(long, value_name = "FILE")]
    pub(super) from: PathBuf,
    /// How many items to draw.
    #[arg(long, value_name = "N")]
    pub(super) size: usize,
    /// The seed: the same seed draws the same items.
    #[arg(long)]
    pub(super) seed: String,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = SampleFormat::Table)]
    pub(super) format: SampleFormat,
}

#[derive(Debug, Args)]
pub(super) struct LookOptions {
    /// Fit tables in N columns [default: the terminal's width; when piped,
    /// COLUMNS, else 100]. Below 60, each row is drawn as a block.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub(super) width: Option<u16>,
    /// Draw tables with ASCII characters only.
    #[arg(long)]
    pub(super) ascii: bool,
}

#[derive(Debug, Args)]
pub(super) struct EvaluateArgs {
    /// Audit files (TOML, or the XLSX form) or directories; `-` reads
    /// standard input.
    #[arg(required = true, value_name = "AUDIT")]
    pub(super) audits: Vec<PathBuf>,
    #[command(flatten)]
    pub(super) checklist: ChecklistOption,
    #[command(flatten)]
    pub(super) rules: RulesOption,
    /// Output format [default: table, or the one the --output file's
    /// extension names: .json .md .csv .html .xlsx].
    #[arg(short, long, value_enum)]
    pub(super) format: Option<EvaluateFormat>,
    #[command(flatten)]
    pub(super) look: LookOptions,
    /// Exit 1 unless every audit reaches at least this grade, named by id
    /// (compliant, silver, gold, platinum) or by name (达标级, 三星级, 银,
    /// 四星级（金牌）, 金牌, 五星, 铂金, Four-star (Gold) …); each audit
    /// below it is named on standard error.
    #[arg(long, value_name = "GRADE")]
    pub(super) min_grade: Option<String>,
    /// Exit 1 when an audit is overdue: a surveillance held after its
    /// cycle's re-evaluation was due (always named on standard error).
    #[arg(long)]
    pub(super) strict_cycle: bool,
    /// List every indicator (table and markdown), not only those that lost points.
    #[arg(long)]
    pub(super) detail: bool,
    /// CSV without the UTF-8 byte order mark (kept by default so that Excel
    /// and WPS read Chinese correctly).
    #[arg(long)]
    pub(super) no_bom: bool,
    #[command(flatten)]
    pub(super) output: OutputArgs,
}

#[derive(Debug, Args)]
pub(super) struct ValidateArgs {
    /// Audit files (TOML, or the XLSX form) or directories; `-` reads
    /// standard input.
    #[arg(required = true, value_name = "AUDIT")]
    pub(super) audits: Vec<PathBuf>,
    #[command(flatten)]
    pub(super) checklist: ChecklistOption,
    #[command(flatten)]
    pub(super) rules: RulesOption,
}

#[derive(Debug, Args)]
pub(super) struct GapArgs {
    /// The audit file (TOML, or the XLSX form); `-` reads standard input.
    pub(super) audit: PathBuf,
    #[command(flatten)]
    pub(super) checklist: ChecklistOption,
    #[command(flatten)]
    pub(super) rules: RulesOption,
    /// The band to reach, by id or name as for --min-grade (default: the
    /// next band above the grade the score earns with any special
    /// deductions rectified).
    #[arg(long, value_name = "GRADE")]
    pub(super) target: Option<String>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = GapFormat::Table)]
    pub(super) format: GapFormat,
    #[command(flatten)]
    pub(super) look: LookOptions,
}

#[derive(Debug, Args)]
pub(super) struct CompareArgs {
    /// The earlier audit (e.g. the initial evaluation).
    pub(super) old: PathBuf,
    /// The later audit (e.g. the surveillance).
    pub(super) new: PathBuf,
    #[command(flatten)]
    pub(super) checklist: ChecklistOption,
    #[command(flatten)]
    pub(super) rules: RulesOption,
    /// The scoring rules the earlier audit is checked against, when not
    /// --rules's (an earlier edition); the comparison then says they differ.
    #[arg(long, value_name = "FILE")]
    pub(super) old_rules: Option<PathBuf>,
    /// Output format [default: table, or the one the --output file's
    /// name ends in: .md, .json].
    #[arg(short, long, value_enum)]
    pub(super) format: Option<CompareFormat>,
    #[command(flatten)]
    pub(super) look: LookOptions,
    #[command(flatten)]
    pub(super) output: OutputArgs,
}

#[derive(Debug, Args)]
pub(super) struct HistoryArgs {
    /// The service's audit files (TOML, or the XLSX form), or a directory
    /// holding them, in any order: they are put in date order.
    #[arg(required = true, value_name = "DIR|AUDIT")]
    pub(super) audits: Vec<PathBuf>,
    #[command(flatten)]
    pub(super) checklist: ChecklistOption,
    #[command(flatten)]
    pub(super) rules: RulesOption,
    /// Output format [default: table, or the one the --output file's
    /// name ends in: .md, .json, .html].
    #[arg(short, long, value_enum)]
    pub(super) format: Option<HistoryFormat>,
    #[command(flatten)]
    pub(super) look: LookOptions,
    #[command(flatten)]
    pub(super) output: OutputArgs,
}

#[derive(Debug, Args)]
pub(super) struct ChecklistArgs {
    #[command(flatten)]
    pub(super) checklist: ChecklistOption,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = ChecklistFormat::Table)]
    pub(super) format: ChecklistFormat,
    #[command(flatten)]
    pub(super) look: LookOptions,
}

#[derive(Debug, Args)]
#[command(mut_arg("rules", |arg| arg.help(
    "评分细则: the certification body's scoring rules (TOML) that guide the XLSX form: each coefficient cell offers only the levels they allow, each row shows their conditions, the header their title and version (the TOML template is unchanged) [env: BSCORE_RULES]"
)))]
pub(super) struct TemplateArgs {
    #[command(flatten)]
    pub(super) checklist: ChecklistOption,
    /// toml: an audit file to edit; xlsx: the Appendix A form to fill in
    /// in Excel, WPS or LibreOffice (needs --output) [default: toml, or
    /// xlsx when the --output file's name ends in .xlsx].
    #[arg(short, long, value_enum)]
    pub(super) format: Option<AuditFormat>,
    #[command(flatten)]
    pub(super) rules: RulesOption,
    /// An evaluation plan (TOML: docs/team.md): write the part of the
    /// member --assessor names, with only the indicators the plan gives
    /// them.
    #[arg(long, value_name = "PLAN", requires = "assessor")]
    pub(super) plan: Option<PathBuf>,
    /// The team member of --plan whose part is written.
    #[arg(long, value_name = "NAME", requires = "plan")]
    pub(super) assessor: Option<String>,
    #[command(flatten)]
    pub(super) output: OutputArgs,
}

#[derive(Debug, Args)]
pub(super) struct ConvertArgs {
    /// The audit to convert: a TOML file, or an XLSX form.
    pub(super) audit: PathBuf,
    #[command(flatten)]
    pub(super) checklist: ChecklistOption,
    #[command(flatten)]
    pub(super) rules: RulesOption,
    #[command(flatten)]
    pub(super) output: OutputArgs,
}

#[derive(Debug, Args)]
pub(super) struct NextArgs {
    /// The last audit (TOML, or the XLSX form), or a directory of one
    /// service's audits: the next follows the latest by date.
    #[arg(value_name = "AUDIT")]
    pub(super) audit: PathBuf,
    /// The next evaluation's planned date (YYYY-MM-DD) [default: the
    /// latest date it may take place].
    #[arg(long, value_name = "DATE")]
    pub(super) date: Option<String>,
    #[command(flatten)]
    pub(super) checklist: ChecklistOption,
    #[command(flatten)]
    pub(super) rules: RulesOption,
    #[command(flatten)]
    pub(super) output: OutputArgs,
}

#[derive(Debug, Args)]
pub(super) struct MergeArgs {
    /// The members' parts (`[audit] part`): TOML audits or XLSX forms, in
    /// any mix.
    #[arg(required = true)]
    pub(super) parts: Vec<PathBuf>,
    /// The evaluation plan (docs/team.md): an indicator no part assessed
    /// is named with its assignee, and one assessed by another member is
    /// reported.
    #[arg(long, value_name = "FILE")]
    pub(super) plan: Option<PathBuf>,
    /// How the team settled each disagreement: `[resolve."ID"]` tables,
    /// each with `take` (whose assessment) or `value` (a coefficient) and
    /// `why`.
    #[arg(long, value_name = "FILE")]
    pub(super) resolutions: Option<PathBuf>,
    #[command(flatten)]
    pub(super) checklist: ChecklistOption,
    #[command(flatten)]
    pub(super) rules: RulesOption,
    #[command(flatten)]
    pub(super) output: OutputArgs,
}

/// Where a command writes: `--output FILE`, or standard output.
#[derive(Debug, Clone, Args)]
pub(super) struct OutputArgs {
    /// Write to FILE instead of standard output (`-`: standard output).
    #[arg(short, long, value_name = "FILE")]
    pub(super) output: Option<PathBuf>,
    /// Overwrite the --output file if it exists.
    #[arg(long, requires = "output")]
    pub(super) force: bool,
}

impl ChecklistOption {
    /// The checklist `--checklist` names, else the built-in one.
    pub(super) fn load(&self) -> Result<Checklist, Failure> {
        match &self.checklist {
            None => Ok(BUILTIN.clone()?),
            Some(path) => {
                let source = read_source(path)?;
                Ok(Checklist::parse(&source.name, &source.text)?)
            }
        }
    }
}

impl RulesOption {
    /// The 评分细则 `--rules` (or `BSCORE_RULES`) names, checked against
    /// `checklist`, its warnings said on standard error in `lang`; none
    /// when neither is given. When it is invalid, its problems are told
    /// with those of the audits, which `audits` reads without it, so
    /// that every problem is said at once.
    pub(super) fn load(
        &self,
        checklist: &Checklist,
        lang: Lang,
        audits: impl FnOnce(&Checklist) -> Vec<InputError>,
    ) -> Result<Option<Rules>, Failure> {
        let Some(path) = &self.rules else {
            return Ok(None);
        };
        match load_rules(path, checklist) {
            Ok((source, loaded)) => {
                let warnings = loaded.render_warnings(&source.name, &source.text, lang);
                if !warnings.is_empty() {
                    super::said::to_stderr(&warnings);
                }
                Ok(Some(loaded.rules))
            }
            Err(mut error) => {
                // Said to be the 细则, which an old BSCORE_RULES may name
                // unseen (found by a newcomer's run).
                if let Some(problem) = error.problems.first_mut()
                    && problem.diagnostic.help.is_none()
                {
                    problem.diagnostic.help = Some(Box::new(t!(
                        "这是 --rules（或环境变量 BSCORE_RULES）指定的评分细则文件",
                        "this is the scoring rules file --rules (or the BSCORE_RULES variable) names"
                    )));
                }
                let mut errors = vec![error];
                errors.extend(audits(checklist));
                Err(Failure::Input(errors))
            }
        }
    }
}

/// The 评分细则 at `path` as read, and checked against `checklist`, with
/// its warnings.
pub(super) fn load_rules(
    path: &std::path::Path,
    checklist: &Checklist,
) -> Result<(Source, Loaded), InputError> {
    let source = read_toml_text(path)?;
    let loaded = crate::rules::load::parse(&source.name, &source.text, checklist)?;
    Ok((source, loaded))
}

impl LookOptions {
    /// Render options of the commands that show one result or comparison.
    pub(super) fn render_options(&self, lang: Lang) -> RenderOptions {
        RenderOptions {
            lang,
            ascii: self.ascii,
            detail: false,
            bom: false,
            width: self.width(),
        }
    }

    /// The width tables fit in ([`table_width`]).
    pub(super) fn width(&self) -> u16 {
        table_width(self.width)
    }

    /// How terminal tables are drawn.
    pub(super) fn table_look(&self) -> TableLook {
        TableLook {
            ascii: self.ascii,
            width: self.width(),
        }
    }
}

impl OutputArgs {
    /// The destination, with the global `--quiet`; `inputs` are the files
    /// the command reads, which the output may not be.
    pub(super) fn destination(&self, quiet: bool, inputs: Vec<PathBuf>, lang: Lang) -> Output {
        Output::named(self.output.as_deref(), self.force, quiet, inputs).in_language(lang)
    }
}

/// What a command reads, listed once for every check that needs it:
/// patterns expanded (on Windows), standard input read once, and an
/// output that is none of them.
pub(super) struct Inputs<'a> {
    /// The files it is given.
    pub(super) given: Given<'a>,
    /// `--checklist`, if the command takes it.
    pub(super) checklist: Option<&'a Option<PathBuf>>,
    /// `--rules` (and `compare`'s `--old-rules`), if the command takes it.
    pub(super) rules: Vec<&'a Option<PathBuf>>,
}

/// The files a command is given: a list (of audits, or directories of
/// them), or each file in its place (`compare OLD NEW`).
pub(super) enum Given<'a> {
    /// Any number of files or directories.
    Several(&'a mut Vec<PathBuf>),
    /// One file for each argument.
    Each(Vec<&'a mut PathBuf>),
}

impl Command {
    /// What the command reads.
    pub(super) fn inputs(&mut self) -> Inputs<'_> {
        let none = || Given::Each(Vec::new());
        let (given, checklist, rules) = match self {
            Command::Evaluate(args) => (
                Given::Several(&mut args.audits),
                Some(&args.checklist),
                vec![&args.rules.rules],
            ),
            Command::Validate(args) => (
                Given::Several(&mut args.audits),
                Some(&args.checklist),
                vec![&args.rules.rules],
            ),
            Command::Gap(args) => (
                Given::Each(vec![&mut args.audit]),
                Some(&args.checklist),
                vec![&args.rules.rules],
            ),
            Command::Compare(args) => {
                let given = Given::Each(vec![&mut args.old, &mut args.new]);
                let rules = vec![&args.rules.rules, &args.old_rules];
                (given, Some(&args.checklist), rules)
            }
            Command::History(args) => (
                Given::Several(&mut args.audits),
                Some(&args.checklist),
                vec![&args.rules.rules],
            ),
            Command::Verify(args) => {
                let given = Given::Each(vec![&mut args.result, &mut args.audit]);
                (given, Some(&args.checklist), vec![&args.rules.rules])
            }
            Command::Report(args) => (
                Given::Each(vec![&mut args.audit]),
                Some(&args.checklist),
                vec![&args.rules.rules, &args.plan],
            ),
            Command::Convert(args) => (
                Given::Each(vec![&mut args.audit]),
                Some(&args.checklist),
                vec![&args.rules.rules],
            ),
            Command::Next(args) => (
                Given::Each(vec![&mut args.audit]),
                Some(&args.checklist),
                vec![&args.rules.rules],
            ),
            Command::Merge(args) => (
                Given::Several(&mut args.parts),
                Some(&args.checklist),
                vec![&args.rules.rules, &args.resolutions, &args.plan],
            ),
            Command::Rules(args) => match &mut args.command {
                RulesCommand::Init(args) => (none(), Some(&args.checklist), vec![]),
                RulesCommand::Check(args) => (
                    Given::Each(vec![&mut args.file]),
                    Some(&args.checklist),
                    vec![],
                ),
                RulesCommand::Show(args) => (
                    Given::Each(vec![&mut args.file]),
                    Some(&args.checklist),
                    vec![],
                ),
            },
            Command::Plan(args) => (
                Given::Each(vec![&mut args.plan]),
                Some(&args.checklist),
                vec![&args.rules.rules],
            ),
            Command::Sample(args) => match &mut args.command {
                SampleCommand::Draw(args) => (Given::Each(vec![&mut args.from]), None, vec![]),
                SampleCommand::Size(_) | SampleCommand::Sites(_) => (none(), None, vec![]),
            },
            Command::Checklist(args) => (none(), Some(&args.checklist), vec![]),
            Command::Template(args) => (
                Given::Each(args.plan.iter_mut().collect()),
                Some(&args.checklist),
                vec![&args.rules.rules],
            ),
            Command::Schema(args) => (none(), Some(&args.checklist), vec![]),
            Command::Completions(_) | Command::Man(_) => (none(), None, vec![]),
        };
        Inputs {
            given,
            checklist: checklist.map(|option| &option.checklist),
            rules,
        }
    }
}

impl Inputs<'_> {
    /// Every file named, the checklist and the 细则 last.
    pub(super) fn paths(&self) -> Vec<PathBuf> {
        let given: Vec<&PathBuf> = match &self.given {
            Given::Several(paths) => paths.iter().collect(),
            Given::Each(paths) => paths.iter().map(|path| &**path).collect(),
        };
        let checklist = self.checklist.into_iter().flatten();
        let rules = self.rules.iter().copied().flatten();
        given
            .into_iter()
            .chain(checklist)
            .chain(rules)
            .cloned()
            .collect()
    }
}
