//! The values of `--lang` and `--format` as the command line spells
//! them: each maps to the library's own type (a language, a kind of file,
//! a format of a renderer), which knows nothing of clap. Their doc
//! comments are the help of each value.

use crate::failure::Failure;
use crate::files::{Output, Writes, Written};
use crate::message::Lang;
use crate::render;
use clap::ValueEnum;

/// A language of reports and messages (`--lang`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum Language {
    /// Chinese, the standard's language (default).
    Zh,
    /// English.
    En,
}

impl From<Language> for Lang {
    fn from(language: Language) -> Lang {
        match language {
            Language::Zh => Lang::Zh,
            Language::En => Lang::En,
        }
    }
}

/// Output formats of `bscore evaluate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum EvaluateFormat {
    /// Terminal tables (the default, unless the --output file's extension
    /// names another format).
    Table,
    /// The JSON result (docs/json.md): an object, or an array for several audits.
    Json,
    /// GitHub-flavoured Markdown, for CI summaries and pull requests.
    Markdown,
    /// One row per indicator (RFC 4180, UTF-8).
    Csv,
    /// A self-contained, print-ready HTML report.
    Html,
    /// The Appendix A scoring form as an Excel workbook (needs --output).
    Xlsx,
}

impl From<EvaluateFormat> for render::Format {
    fn from(format: EvaluateFormat) -> render::Format {
        match format {
            EvaluateFormat::Table => render::Format::Table,
            EvaluateFormat::Json => render::Format::Json,
            EvaluateFormat::Markdown => render::Format::Markdown,
            EvaluateFormat::Csv => render::Format::Csv,
            EvaluateFormat::Html => render::Format::Html,
            EvaluateFormat::Xlsx => render::Format::Xlsx,
        }
    }
}

/// Output formats of `bscore gap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum GapFormat {
    /// Terminal tables (default).
    Table,
    /// A JSON object.
    Json,
}

impl From<GapFormat> for render::GapFormat {
    fn from(format: GapFormat) -> render::GapFormat {
        match format {
            GapFormat::Table => render::GapFormat::Table,
            GapFormat::Json => render::GapFormat::Json,
        }
    }
}

/// Output formats of `bscore compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum CompareFormat {
    /// Terminal tables (default).
    Table,
    /// A JSON object with both results and the changes.
    Json,
    /// GitHub-flavoured Markdown.
    Markdown,
}

impl From<CompareFormat> for render::CompareFormat {
    fn from(format: CompareFormat) -> render::CompareFormat {
        match format {
            CompareFormat::Table => render::CompareFormat::Table,
            CompareFormat::Json => render::CompareFormat::Json,
            CompareFormat::Markdown => render::CompareFormat::Markdown,
        }
    }
}

/// Output formats of `bscore history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum HistoryFormat {
    /// Terminal tables with a sparkline of the scores (default).
    Table,
    /// A JSON object: the evaluations, the breaches, the regressions and
    /// the follow-up.
    Json,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// A print-ready HTML page with the score drawn over time.
    Html,
}

impl From<HistoryFormat> for render::HistoryFormat {
    fn from(format: HistoryFormat) -> render::HistoryFormat {
        match format {
            HistoryFormat::Table => render::HistoryFormat::Table,
            HistoryFormat::Json => render::HistoryFormat::Json,
            HistoryFormat::Markdown => render::HistoryFormat::Markdown,
            HistoryFormat::Html => render::HistoryFormat::Html,
        }
    }
}

impl KindOfFile for HistoryFormat {
    fn kind(self) -> Written {
        match self {
            HistoryFormat::Table => Written::Text,
            HistoryFormat::Json => Written::Json,
            HistoryFormat::Markdown => Written::Markdown,
            HistoryFormat::Html => Written::Html,
        }
    }
}

/// Output formats of `bscore checklist`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum ChecklistFormat {
    /// A terminal table (default).
    Table,
    /// JSON with a top-level `indicators` array.
    Json,
}

/// Output formats of `bscore sample …`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum SampleFormat {
    /// Plain lines (default).
    Table,
    /// A JSON object.
    Json,
}

/// The kinds of audit, as `sample sites --kind` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum KindValue {
    /// 初次评价.
    Initial,
    /// 监督评价.
    Surveillance,
    /// 重新评价.
    Recertification,
}

impl From<KindValue> for crate::audit::AuditKind {
    fn from(kind: KindValue) -> Self {
        match kind {
            KindValue::Initial => crate::audit::AuditKind::Initial,
            KindValue::Surveillance => crate::audit::AuditKind::Surveillance,
            KindValue::Recertification => crate::audit::AuditKind::Recertification,
        }
    }
}

/// Output formats of `bscore rules show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum RulesFormat {
    /// A terminal table (default).
    Table,
    /// Markdown.
    Markdown,
    /// A print-ready HTML page (A4).
    Html,
    /// An XLSX workbook (needs --output).
    Xlsx,
}

/// Output formats of `bscore plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum PlanFormat {
    /// A terminal table (default).
    Table,
    /// Markdown.
    Markdown,
    /// A print-ready HTML page (A4).
    Html,
    /// JSON.
    Json,
    /// An XLSX workbook (needs --output).
    Xlsx,
}

impl KindOfFile for PlanFormat {
    fn kind(self) -> Written {
        match self {
            PlanFormat::Table => Written::Text,
            PlanFormat::Markdown => Written::Markdown,
            PlanFormat::Html => Written::Html,
            PlanFormat::Json => Written::Json,
            PlanFormat::Xlsx => Written::Xlsx,
        }
    }
}

impl From<PlanFormat> for crate::team::plan::render::PlanFormat {
    fn from(format: PlanFormat) -> Self {
        use crate::team::plan::render::PlanFormat as Drawn;
        match format {
            PlanFormat::Table => Drawn::Table,
            PlanFormat::Markdown => Drawn::Markdown,
            PlanFormat::Html => Drawn::Html,
            PlanFormat::Json => Drawn::Json,
            PlanFormat::Xlsx => Drawn::Xlsx,
        }
    }
}

/// The two forms an audit is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum AuditFormat {
    /// A TOML audit file.
    Toml,
    /// The Appendix A form as an XLSX workbook.
    Xlsx,
}

/// A `--format` value that names a kind of file, so that it can be
/// chosen by the `--output` file's name.
pub(super) trait KindOfFile: ValueEnum + Copy {
    /// The kind of file it writes.
    fn kind(self) -> Written;
}

impl KindOfFile for EvaluateFormat {
    fn kind(self) -> Written {
        match self {
            EvaluateFormat::Table => Written::Text,
            EvaluateFormat::Json => Written::Json,
            EvaluateFormat::Markdown => Written::Markdown,
            EvaluateFormat::Csv => Written::Csv,
            EvaluateFormat::Html => Written::Html,
            EvaluateFormat::Xlsx => Written::Xlsx,
        }
    }
}

impl KindOfFile for CompareFormat {
    fn kind(self) -> Written {
        match self {
            CompareFormat::Table => Written::Text,
            CompareFormat::Json => Written::Json,
            CompareFormat::Markdown => Written::Markdown,
        }
    }
}

impl KindOfFile for RulesFormat {
    fn kind(self) -> Written {
        match self {
            RulesFormat::Table => Written::Text,
            RulesFormat::Markdown => Written::Markdown,
            RulesFormat::Html => Written::Html,
            RulesFormat::Xlsx => Written::Xlsx,
        }
    }
}

impl From<RulesFormat> for render::rules::RulesFormat {
    fn from(format: RulesFormat) -> Self {
        match format {
            RulesFormat::Table => render::rules::RulesFormat::Table,
            RulesFormat::Markdown => render::rules::RulesFormat::Markdown,
            RulesFormat::Html => render::rules::RulesFormat::Html,
            RulesFormat::Xlsx => render::rules::RulesFormat::Xlsx,
        }
    }
}

impl KindOfFile for AuditFormat {
    fn kind(self) -> Written {
        match self {
            AuditFormat::Toml => Written::Toml,
            AuditFormat::Xlsx => Written::Xlsx,
        }
    }
}

/// The format to write to `output` (see [`Output::checked_kind`]): the
/// one asked for, else the one the `--output` name asks for, else
/// `default`.
pub(super) fn chosen<F: KindOfFile>(
    output: &Output,
    writes: &Writes,
    asked: Option<F>,
    default: F,
) -> Result<F, Failure> {
    let asked_kind = asked.map(|format| (format.kind(), value_name(format)));
    let kind = output.checked_kind(writes, asked_kind, default.kind())?;
    let format = (F::value_variants().iter().copied()).find(|format| format.kind() == kind);
    Ok(format.unwrap_or(default))
}

/// A value's name on the command line (`json`, `xlsx` …).
fn value_name(value: impl ValueEnum) -> String {
    value
        .to_possible_value()
        .map(|value| value.get_name().to_string())
        .unwrap_or_default()
}
