//! Raw audit tables → the validated [`Audit`]: one context walks the
//! document and collects every problem, so a file with five mistakes gets
//! five messages. The document, `[audit]` and the adjustments are here;
//! `[indicators]` is in [`super::indicators`].

use super::raw::{RawBonus, RawMeta, RawSpecialDeduction, SECTIONS};
use super::{Audit, AuditKind, AuditMeta, Bonus, SpecialDeduction};
use crate::checklist::Checklist;
use crate::diagnostic::{
    Diagnostic, Expected, InputError, LineIndex, MAX_REPORTED, quote_key, unknown,
};
use crate::input::{from_toml_error, required_text};
use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

/// Files larger than this are checked for broken syntax before they are
/// parsed in full (an audit is a few dozen KiB).
const LARGE_FILE_BYTES: usize = 1024 * 1024;

/// Parses and validates an audit against `checklist`.
pub(super) fn parse(file: &str, source: &str, checklist: &Checklist) -> Result<Audit, InputError> {
    if source.len() > LARGE_FILE_BYTES {
        let (first, count) = grammar_errors(source);
        if count > MAX_REPORTED {
            return Err(InputError::new(file, source, first).with_omitted(count - MAX_REPORTED));
        }
    }
    let mut validator = Validator {
        source,
        lines: LineIndex::new(source),
        checklist,
        problems: Vec::new(),
    };
    let audit = validator.parse();
    match audit {
        Some(audit) if validator.problems.is_empty() => Ok(audit),
        _ => Err(InputError::new(file, source, validator.problems)),
    }
}

/// What validation reads against, and every problem found so far.
pub(super) struct Validator<'a> {
    /// The file's text, for literals and line numbers.
    pub(super) source: &'a str,
    /// Where its lines start.
    pub(super) lines: LineIndex,
    /// The checklist the audit is validated against.
    pub(super) checklist: &'a Checklist,
    /// Every problem found, in no particular order (sorted when reported).
    pub(super) problems: Vec<Diagnostic>,
}

impl Validator<'_> {
    /// Whether a suggestion for the next problem may still be shown: past
    /// the problems a file reports, searching for one is wasted work.
    pub(super) fn wants_suggestions(&self) -> bool {
        self.problems.len() < MAX_REPORTED
    }
}

/// The document and its tables.
impl Validator<'_> {
    fn parse(&mut self) -> Option<Audit> {
        let (document, syntax_errors) = DeTable::parse_recoverable(self.source);
        if !syntax_errors.is_empty() {
            self.problems.extend(
                syntax_errors
                    .iter()
                    .map(|error| from_toml_error(error, None)),
            );
            return None;
        }
        let mut meta = None;
        let mut indicators = None;
        let mut special_deductions = Vec::new();
        let mut bonus = None;
        for (key, value) in document.get_ref() {
            match key.get_ref().as_ref() {
                "audit" => {
                    meta = self
                        .section::<RawMeta>(value, "audit")
                        .and_then(|raw| self.meta(raw))
                }
                "indicators" => indicators = Some(value),
                "special_deductions" => special_deductions = self.special_deductions(value),
                "bonus" => bonus = self.bonus(value),
                other => {
                    self.unknown_key(key, other, "a top-level table", SECTIONS.iter().copied())
                }
            }
        }
        if meta.is_none() && !document.get_ref().keys().any(|k| k.get_ref() == "audit") {
            self.problems.push(
                Diagnostic::new(
                    "missing the [audit] table (organization, service, assessors, date, kind)",
                )
                .at(0..0),
            );
        }
        let unassessed_conform = unassessed_conform(document.get_ref());
        let entries = self.entries(indicators, unassessed_conform)?;
        let meta = meta?;
        self.check_applicable_points(&entries, indicators.map(Spanned::span));
        Some(Audit {
            meta,
            entries,
            special_deductions,
            bonus,
        })
    }

    /// Deserializes one value on its own, so a problem in it does not hide
    /// the problems elsewhere in the file.
    pub(super) fn section<T: for<'de> Deserialize<'de>>(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
    ) -> Option<T> {
        T::deserialize(ValueDeserializer::from(value.clone()))
            .map_err(|error| {
                self.problems
                    .push(from_toml_error(&error, Some(key.to_string())))
            })
            .ok()
    }

    fn unknown_key<'k>(
        &mut self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        name: &str,
        what: &str,
        known: impl Iterator<Item = &'k str> + Clone,
    ) {
        let expected = format!("{what}, ");
        self.problems.push(
            unknown("key", name, known, Expected::OneOf(&expected))
                .at(key.span())
                .key(quote_key(name)),
        );
    }
}

/// `[audit]`.
impl Validator<'_> {
    fn meta(&mut self, raw: RawMeta) -> Option<AuditMeta> {
        let mut ok = true;
        let mut text =
            |value: &Spanned<String>, key: &str, what: &str, problems: &mut Vec<Diagnostic>| {
                required_text(value, key, what).unwrap_or_else(|problem| {
                    problems.push(problem);
                    ok = false;
                    String::new()
                })
            };
        let organization = text(
            &raw.organization,
            "audit.organization",
            "the organization (经营者)",
            &mut self.problems,
        );
        let service = text(
            &raw.service,
            "audit.service",
            "the service",
            &mut self.problems,
        );
        let assessors: Vec<String> = raw
            .assessors
            .get_ref()
            .iter()
            .map(|name| {
                text(
                    name,
                    "audit.assessors",
                    "an assessor's name",
                    &mut self.problems,
                )
            })
            .collect();
        if assessors.is_empty() {
            self.problems.push(
                Diagnostic::new("at least one assessor must be named")
                    .at(raw.assessors.span())
                    .key("audit.assessors"),
            );
            ok = false;
        }
        let date = self.date(&raw.date, "audit.date");
        let cycle_start = match &raw.cycle_start {
            Some(value) => match self.date(value, "audit.cycle_start") {
                Some(start) => Some(start),
                None => {
                    ok = false;
                    None
                }
            },
            None if raw.kind != AuditKind::Surveillance => date,
            None => None,
        };
        if let (Some(start), Some(date), Some(value)) = (cycle_start, date, &raw.cycle_start)
            && start > date
        {
            self.problems.push(
                Diagnostic::new(format!(
                    "the cycle starts on {start}, after the audit's date {date}"
                ))
                .at(value.span())
                .key("audit.cycle_start")
                .help(
                    "cycle_start is the date of the initial evaluation or the last re-evaluation",
                ),
            );
            ok = false;
        }
        if let Some(standard) = &raw.standard
            && standard.get_ref().trim() != self.checklist.code
        {
            self.problems.push(
                Diagnostic::new(format!(
                    "this audit is for `{}` but the checklist is for `{}`",
                    standard.get_ref(),
                    self.checklist.code
                ))
                .at(standard.span())
                .key("audit.standard")
                .help("use the checklist of the audit's standard with --checklist, or correct the code"),
            );
            ok = false;
        }
        Some(AuditMeta {
            standard: raw.standard.map(|s| s.into_inner().trim().to_string()),
            organization,
            service,
            assessors,
            date: date?,
            cycle_start,
            kind: raw.kind,
            unassessed_conform: raw.unassessed.is_some(),
        })
        .filter(|_| ok)
    }

    fn date(
        &mut self,
        value: &Spanned<toml::value::Datetime>,
        key: &str,
    ) -> Option<jiff::civil::Date> {
        let datetime = value.get_ref();
        let problem = match (datetime.date, datetime.time, datetime.offset) {
            (Some(date), None, None) => {
                let year = i16::try_from(date.year).unwrap_or(i16::MAX);
                let month = i8::try_from(date.month).unwrap_or(i8::MAX);
                let day = i8::try_from(date.day).unwrap_or(i8::MAX);
                match jiff::civil::Date::new(year, month, day) {
                    Ok(date) => return Some(date),
                    Err(_) => format!("{date} is not a calendar date"),
                }
            }
            _ => format!("expected a date such as 2026-03-15, found `{datetime}`"),
        };
        self.problems
            .push(Diagnostic::new(problem).at(value.span()).key(key));
        None
    }
}

/// `[[special_deductions]]` and `[bonus]`.
impl Validator<'_> {
    fn special_deductions(&mut self, value: &Spanned<DeValue<'_>>) -> Vec<SpecialDeduction> {
        let Some(items) = value.get_ref().as_array() else {
            self.problems.push(
                Diagnostic::new(
                    "expected an array of tables: write each as [[special_deductions]]",
                )
                .at(value.span())
                .key("special_deductions"),
            );
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| {
                let raw: RawSpecialDeduction = self.section(item, "special_deductions")?;
                let kind = raw.kind.get_ref().trim();
                let known = self.checklist.special_deduction_kind(kind).is_some();
                if !known {
                    let kinds = self
                        .checklist
                        .special_deduction_kinds
                        .iter()
                        .map(|k| k.id.as_str());
                    self.problems.push(
                        unknown("special deduction kind", kind, kinds, Expected::OneOf(""))
                            .at(raw.kind.span())
                            .key("special_deductions.kind"),
                    );
                }
                let finding =
                    required_text(&raw.finding, "special_deductions.finding", "the finding")
                        .map_err(|problem| self.problems.push(problem))
                        .ok()?;
                known.then(|| SpecialDeduction {
                    kind: kind.to_string(),
                    finding,
                })
            })
            .collect()
    }

    fn bonus(&mut self, value: &Spanned<DeValue<'_>>) -> Option<Bonus> {
        if value.get_ref().is_array() {
            self.problems.push(
                Diagnostic::new("at most one best-practice bonus counts (§8.3 c 4): write a single [bonus] table")
                    .at(value.span())
                    .key("bonus"),
            );
            return None;
        }
        let raw: RawBonus = self.section(value, "bonus")?;
        required_text(&raw.practice, "bonus.practice", "the practice")
            .map(|practice| Bonus { practice })
            .map_err(|problem| self.problems.push(problem))
            .ok()
    }
}

/// The first syntax errors of a document (grammar, and malformed keys and
/// scalars), and how many there are. The
/// toml crate's recoverable parse keeps an error object for every broken
/// line, which for a 4 MiB file of millions of them costs seconds and
/// gigabytes; this pass keeps only what can be shown.
fn grammar_errors(text: &str) -> (Vec<Diagnostic>, usize) {
    use toml_parser::parser::{RecursionGuard, ValidateWhitespace, parse_document};
    let source = toml_parser::Source::new(text);
    let tokens = source.lex().into_vec();
    let mut first = Vec::new();
    let mut count = 0;
    let mut sink = |error: toml_parser::ParseError| {
        count += 1;
        if first.len() < MAX_REPORTED {
            first.push(grammar_diagnostic(&error));
        }
    };
    let mut events = Decoding::new(source);
    let mut receiver = ValidateWhitespace::new(&mut events, source);
    // The toml crate's own nesting limit.
    let mut receiver = RecursionGuard::new(&mut receiver, 80);
    parse_document(&tokens, &mut receiver, &mut sink);
    (first, count)
}

/// Decodes every key and scalar as it is parsed, reporting malformed
/// strings, numbers and dates, and counts keys and tables defined twice,
/// without building the document.
struct Decoding<'s> {
    source: toml_parser::Source<'s>,
    /// Depth inside inline tables and arrays, whose keys are not tracked.
    depth: usize,
    /// Whether a `[table]` or `[[table]]` header is being read.
    in_header: bool,
    /// The current table: its header's decoded name (and, for an array of
    /// tables, the instance).
    table: String,
    /// The key being read, decoded, its parts joined.
    key: String,
    /// Where that key starts and ends.
    key_span: Option<(usize, usize)>,
    /// Every table and key defined so far.
    seen: std::collections::HashSet<String>,
    /// Instances of arrays of tables, to tell their keys apart.
    instances: usize,
}

impl<'s> Decoding<'s> {
    fn new(source: toml_parser::Source<'s>) -> Self {
        Decoding {
            source,
            depth: 0,
            in_header: false,
            table: String::new(),
            key: String::new(),
            key_span: None,
            seen: std::collections::HashSet::new(),
            instances: 0,
        }
    }

    fn raw(
        &self,
        span: toml_parser::Span,
        encoding: Option<toml_parser::decoder::Encoding>,
    ) -> Option<toml_parser::Raw<'s>> {
        let text = self.source.input().get(span.start()..span.end())?;
        Some(toml_parser::Raw::new_unchecked(text, encoding, span))
    }

    /// Reports a name defined twice (allocating only for new names: a
    /// file of a million repeats is the case this pass exists for).
    fn once(&mut self, name: &str, span: (usize, usize), error: &mut dyn toml_parser::ErrorSink) {
        if self.seen.contains(name) {
            let span = toml_parser::Span::new_unchecked(span.0, span.1);
            error.report_error(toml_parser::ParseError::new("duplicate key").with_unexpected(span));
        } else {
            self.seen.insert(name.to_string());
        }
    }
}

impl toml_parser::parser::EventReceiver for Decoding<'_> {
    fn std_table_open(&mut self, _: toml_parser::Span, _: &mut dyn toml_parser::ErrorSink) {
        self.in_header = true;
        self.key.clear();
        self.key_span = None;
    }

    fn std_table_close(&mut self, _: toml_parser::Span, error: &mut dyn toml_parser::ErrorSink) {
        self.in_header = false;
        // Within the current array-of-tables instance: `[x.y]` may follow
        // every `[[x]]`.
        self.table = format!("{}#{}", std::mem::take(&mut self.key), self.instances);
        if let Some(span) = self.key_span.take() {
            let name = format!("[{}]", self.table);
            self.once(&name, span, error);
        }
    }

    fn array_table_open(&mut self, _: toml_parser::Span, _: &mut dyn toml_parser::ErrorSink) {
        self.in_header = true;
        self.key.clear();
        self.key_span = None;
    }

    fn array_table_close(&mut self, _: toml_parser::Span, _: &mut dyn toml_parser::ErrorSink) {
        self.in_header = false;
        self.instances += 1;
        self.table = format!("{}#{}", std::mem::take(&mut self.key), self.instances);
        self.key_span = None;
    }

    fn inline_table_open(
        &mut self,
        _: toml_parser::Span,
        _: &mut dyn toml_parser::ErrorSink,
    ) -> bool {
        self.depth += 1;
        true
    }

    fn inline_table_close(&mut self, _: toml_parser::Span, _: &mut dyn toml_parser::ErrorSink) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn array_open(&mut self, _: toml_parser::Span, _: &mut dyn toml_parser::ErrorSink) -> bool {
        self.depth += 1;
        true
    }

    fn array_close(&mut self, _: toml_parser::Span, _: &mut dyn toml_parser::ErrorSink) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn simple_key(
        &mut self,
        span: toml_parser::Span,
        encoding: Option<toml_parser::decoder::Encoding>,
        error: &mut dyn toml_parser::ErrorSink,
    ) {
        let Some(raw) = self.raw(span, encoding) else {
            return;
        };
        let mut name = String::new();
        raw.decode_key(&mut name, error);
        if self.depth == 0 {
            if !self.key.is_empty() {
                self.key.push('\u{0}');
            }
            self.key.push_str(&name);
            let start = self.key_span.map_or(span.start(), |(start, _)| start);
            self.key_span = Some((start, span.end()));
        }
    }

    fn key_val_sep(&mut self, _: toml_parser::Span, error: &mut dyn toml_parser::ErrorSink) {
        if self.depth == 0 && !self.in_header {
            if let Some(span) = self.key_span.take() {
                let mut name = std::mem::take(&mut self.table);
                let table_length = name.len();
                name.push('\u{1}');
                name.push_str(&self.key);
                self.once(&name, span, error);
                name.truncate(table_length);
                self.table = name;
            }
            self.key.clear();
        }
    }

    fn scalar(
        &mut self,
        span: toml_parser::Span,
        encoding: Option<toml_parser::decoder::Encoding>,
        error: &mut dyn toml_parser::ErrorSink,
    ) {
        if let Some(raw) = self.raw(span, encoding) {
            let _ = raw.decode_scalar(&mut (), error);
        }
    }
}

/// A grammar error worded as the toml crate words it.
fn grammar_diagnostic(error: &toml_parser::ParseError) -> Diagnostic {
    let mut message = error.description().to_string();
    if let Some(expected) = error.expected() {
        let expected: Vec<String> = expected
            .iter()
            .map(|expected| match expected {
                toml_parser::Expected::Literal("\n") => "newline".to_string(),
                toml_parser::Expected::Literal(literal) => format!("`{literal}`"),
                toml_parser::Expected::Description(description) => description.to_string(),
                _ => "etc".to_string(),
            })
            .collect();
        message.push_str(", expected ");
        message.push_str(&expected.join(", "));
    }
    Diagnostic::new(message).at_opt(error.unexpected().map(|span| span.start()..span.end()))
}

/// Whether `[audit] unassessed = "conform"`, read from the document itself
/// so that it holds even when another key of `[audit]` is wrong (otherwise
/// one typo there would also report every unlisted indicator as missing).
fn unassessed_conform(document: &DeTable<'_>) -> bool {
    document
        .get("audit")
        .and_then(|audit| audit.get_ref().as_table())
        .and_then(|audit| audit.get("unassessed"))
        .and_then(|value| value.get_ref().as_str())
        == Some("conform")
}
