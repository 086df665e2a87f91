//! The audit file (SPEC §2): what the assessor found for each indicator, the
//! special deductions and the bonus. Parsing collects every problem in the
//! file before giving up, so an assessor with five typos sees five messages.

use crate::checklist::Checklist;
use crate::diagnostic::{Diagnostic, InputError, did_you_mean, quote_key};
use crate::input::{exact_number, from_toml_error, required_text};
use crate::number::{Exact, NumberLiteral};
use num_traits::{One, Zero};
use schemars::JsonSchema;
use serde::de::{self, Deserialize, Deserializer, IntoDeserializer, MapAccess, Visitor};
use std::fmt;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

/// Why the audit was carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AuditKind {
    /// 初次评价.
    Initial,
    /// 监督评价 (at least yearly, §8.1 b).
    Surveillance,
    /// 重新评价 (at least every three years, §8.1 b).
    Recertification,
}

/// How indicators that the audit does not list are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
enum Unassessed {
    /// Score them as conforming (coefficient 0).
    Conform,
}

/// The `[audit]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditMeta {
    /// The standard code, if the audit names one (it must match the checklist).
    pub standard: Option<String>,
    /// 经营者.
    pub organization: String,
    /// The service audited.
    pub service: String,
    /// Assessors, at least one.
    pub assessors: Vec<String>,
    /// Date of the audit.
    pub date: jiff::civil::Date,
    /// Start of the certification cycle: the initial evaluation or the last
    /// re-evaluation (§8.1 b). Defaults to `date` for initial and
    /// recertification audits; unknown for a surveillance audit without it.
    pub cycle_start: Option<jiff::civil::Date>,
    /// Initial, surveillance or recertification.
    pub kind: AuditKind,
    /// Whether unlisted indicators score as conforming.
    pub unassessed_conform: bool,
}

/// An assessment of an indicator that counts.
#[derive(Debug, Clone, PartialEq)]
pub enum Measure {
    /// The assessor's deduction coefficient, 0..=1 (§8.3 c 1).
    Coefficient(Exact),
    /// A sample: the coefficient is nonconforming / sampled (§8.3 c 2).
    Sample {
        /// Samples examined, at least 1.
        sampled: u64,
        /// Samples that did not conform, at most `sampled`.
        nonconforming: u64,
    },
}

impl Measure {
    /// The deduction coefficient.
    pub fn coefficient(&self) -> Exact {
        match self {
            Measure::Coefficient(value) => value.clone(),
            Measure::Sample {
                sampled,
                nonconforming,
            } => Exact::ratio((*nonconforming).into(), (*sampled).into()),
        }
    }
}

/// What the audit says of one indicator.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// Not listed, and `[audit] unassessed = "conform"`: coefficient 0.
    Unassessed,
    /// Assessed.
    Assessed(Measure),
    /// Excluded as not applicable (§8.2 a, §8.3 c 5): not counted at all.
    Excluded {
        /// Why it does not apply.
        reason: String,
    },
    /// An exclusion the assessor rejected (§8.3 c 6): counted like any other.
    ExclusionRejected {
        /// The operator's claimed reason.
        reason: String,
        /// Why the assessor rejected it.
        rejection: String,
        /// The assessment.
        measure: Measure,
    },
}

/// One indicator's entry in an audit.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The finding.
    pub status: Status,
    /// 现场评审记录.
    pub record: Option<String>,
    /// 说明.
    pub note: Option<String>,
}

impl Entry {
    /// The measure that counts, if the indicator is assessed.
    pub fn measure(&self) -> Option<&Measure> {
        match &self.status {
            Status::Assessed(measure) | Status::ExclusionRejected { measure, .. } => Some(measure),
            Status::Unassessed | Status::Excluded { .. } => None,
        }
    }

    /// Whether the indicator is left out of the applicable points.
    pub fn is_excluded(&self) -> bool {
        matches!(self.status, Status::Excluded { .. })
    }
}

/// A special deduction (§8.3 c 3).
#[derive(Debug, Clone, PartialEq)]
pub struct SpecialDeduction {
    /// A kind id from the checklist.
    pub kind: String,
    /// What the assessor found.
    pub finding: String,
}

/// The best-practice bonus (§8.3 c 4).
#[derive(Debug, Clone, PartialEq)]
pub struct Bonus {
    /// The practice observed.
    pub practice: String,
}

/// A validated audit: one [`Entry`] per checklist indicator, in checklist order.
#[derive(Debug, Clone, PartialEq)]
pub struct Audit {
    /// The `[audit]` table.
    pub meta: AuditMeta,
    /// Entries in checklist order.
    pub entries: Vec<Entry>,
    /// Special deductions in file order.
    pub special_deductions: Vec<SpecialDeduction>,
    /// The bonus, if any.
    pub bonus: Option<Bonus>,
}

/// The top-level tables an audit may have.
const SECTIONS: [&str; 4] = ["audit", "indicators", "special_deductions", "bonus"];

impl Audit {
    /// Parses and validates an audit against `checklist`, reporting every
    /// problem in the file.
    pub fn parse(file: &str, source: &str, checklist: &Checklist) -> Result<Audit, InputError> {
        let mut parser = AuditParser {
            source,
            checklist,
            problems: Vec::new(),
        };
        let audit = parser.parse();
        match audit {
            Some(audit) if parser.problems.is_empty() => Ok(audit),
            _ => Err(InputError::new(file, source, parser.problems)),
        }
    }
}

struct AuditParser<'a> {
    source: &'a str,
    checklist: &'a Checklist,
    problems: Vec<Diagnostic>,
}

impl AuditParser<'_> {
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
    fn section<T: for<'de> Deserialize<'de>>(
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
        let expected = known
            .clone()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let diagnostic = Diagnostic::new(format!(
            "unknown key `{name}`: expected {what}, one of {expected}"
        ))
        .at(key.span())
        .key(quote_key(name));
        self.problems.push(match did_you_mean(name, known) {
            Some(suggestion) => diagnostic.help(format!("did you mean `{suggestion}`?")),
            None => diagnostic,
        });
    }

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
                    let diagnostic = Diagnostic::new(format!(
                        "unknown special deduction kind `{kind}`: expected one of {}",
                        kinds
                            .clone()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                    .at(raw.kind.span())
                    .key("special_deductions.kind");
                    self.problems.push(match did_you_mean(kind, kinds) {
                        Some(suggestion) => {
                            diagnostic.help(format!("did you mean `{suggestion}`?"))
                        }
                        None => diagnostic,
                    });
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

    /// One entry per checklist indicator, from the `[indicators]` table.
    fn entries(
        &mut self,
        indicators: Option<&Spanned<DeValue<'_>>>,
        unassessed_conform: bool,
    ) -> Option<Vec<Entry>> {
        let mut entries: Vec<Option<Entry>> = vec![None; self.checklist.indicators.len()];
        // Where each indicator is listed, valid or not: a listed indicator
        // with a bad value is reported as such, not also as missing.
        let mut listed_at: Vec<Option<Range<usize>>> = vec![None; self.checklist.indicators.len()];
        let table = match indicators {
            Some(value) => {
                match value.get_ref().as_table() {
                    Some(table) => Some((table, value.span())),
                    None => {
                        self.problems.push(
                        Diagnostic::new("expected a table: write [indicators] with one key per indicator id")
                            .at(value.span())
                            .key("indicators"),
                    );
                        return None;
                    }
                }
            }
            None => None,
        };
        // The parser's map is sorted by key; file order makes "listed twice"
        // point at the second occurrence.
        let mut listed: Vec<_> = table.iter().flat_map(|(table, _)| table.iter()).collect();
        listed.sort_by_key(|(key, _)| key.span().start);
        for (key, value) in listed {
            let id = key.get_ref().as_ref();
            let Some(index) = self.checklist.lookup(id) else {
                self.unknown_indicator(key);
                continue;
            };
            // Only messages need the key path: build it only for them.
            let key_path = || format!("indicators.{}", quote_key(id));
            if let Some(first) = &listed_at[index] {
                let canonical = &self.checklist.indicators[index].id;
                self.problems.push(
                    Diagnostic::new(format!(
                        "indicator {canonical} is listed twice (as an id and an alias)"
                    ))
                    .at(key.span())
                    .key(key_path())
                    .help(format!(
                        "the first entry is at line {}",
                        crate::diagnostic::line_column(self.source, first.start).0
                    )),
                );
                continue;
            }
            listed_at[index] = Some(key.span());
            entries[index] = match plain_coefficient(value.get_ref()) {
                Some(coefficient) => Some(Entry {
                    status: Status::Assessed(Measure::Coefficient(coefficient)),
                    record: None,
                    note: None,
                }),
                None => self.entry(value, &key_path()),
            };
        }
        self.check_missing(&listed_at, table.map(|(_, span)| span), unassessed_conform);
        Some(
            entries
                .into_iter()
                .map(|entry| {
                    entry.unwrap_or(Entry {
                        status: Status::Unassessed,
                        record: None,
                        note: None,
                    })
                })
                .collect(),
        )
    }

    fn unknown_indicator(&mut self, key: &Spanned<std::borrow::Cow<'_, str>>) {
        let id = key.get_ref().as_ref();
        let diagnostic = Diagnostic::new(format!("unknown indicator id `{id}`"))
            .at(key.span())
            .key(format!("indicators.{}", quote_key(id)));
        self.problems.push(match self.checklist.suggest(id) {
            Some(suggestion) => diagnostic.help(format!("did you mean `{suggestion}`?")),
            None => diagnostic.help("`bscore checklist` lists every id"),
        });
    }

    fn check_missing(
        &mut self,
        listed_at: &[Option<Range<usize>>],
        table_span: Option<Range<usize>>,
        unassessed_conform: bool,
    ) {
        if unassessed_conform {
            return;
        }
        let missing: Vec<&str> = listed_at
            .iter()
            .zip(&self.checklist.indicators)
            .filter(|(listed, _)| listed.is_none())
            .map(|(_, indicator)| indicator.id.as_str())
            .collect();
        if missing.is_empty() {
            return;
        }
        self.problems.push(
            Diagnostic::new(format!(
                "{} indicator(s) not assessed: {}",
                missing.len(),
                missing.join(", ")
            ))
            .at(table_span.unwrap_or(0..0))
            .key("indicators")
            .help("list every indicator, or set `unassessed = \"conform\"` in [audit] to score unlisted ones as conforming"),
        );
    }

    fn entry(&mut self, value: &Spanned<DeValue<'_>>, key: &str) -> Option<Entry> {
        // Most indicators are a bare number: read it without serde.
        let raw = match value.get_ref() {
            DeValue::Integer(integer) => match integer.as_str().parse::<i64>() {
                Ok(number) if integer.radix() == 10 => {
                    RawIndicatorValue::Number(NumberLiteral::Integer(number))
                }
                _ => self.section(value, key)?,
            },
            DeValue::Float(_) => RawIndicatorValue::Number(NumberLiteral::Float),
            _ => self.section(value, key)?,
        };
        match raw {
            RawIndicatorValue::Number(literal) => {
                let literal = Spanned::new(value.span(), literal);
                let coefficient = self.coefficient(&literal, key)?;
                Some(Entry {
                    status: Status::Assessed(Measure::Coefficient(coefficient)),
                    record: None,
                    note: None,
                })
            }
            RawIndicatorValue::Text(text) => {
                let diagnostic = if text.trim() == "?" {
                    Diagnostic::new("not filled in yet")
                        .help("replace \"?\" with a coefficient from 0 to 1, { sampled = N, nonconforming = K } or { excluded = \"reason\" }")
                } else {
                    Diagnostic::new(format!("expected a deduction coefficient from 0 to 1 or a table, found the string {text:?}"))
                        .help("write numbers without quotes: 0.25, not \"0.25\"")
                };
                self.problems.push(diagnostic.at(value.span()).key(key));
                None
            }
            RawIndicatorValue::Table(table) => self.table_entry(table, value.span(), key),
        }
    }

    fn table_entry(
        &mut self,
        table: RawIndicatorTable,
        span: Range<usize>,
        key: &str,
    ) -> Option<Entry> {
        let measure = self.measure(&table, span.clone(), key);
        let excluded = table.excluded.as_ref().map(|reason| {
            required_text(reason, &format!("{key}.excluded"), "the exclusion reason")
        });
        let rejected = table.rejected.as_ref().map(|why| {
            required_text(
                why,
                &format!("{key}.rejected"),
                "the reason for rejecting the exclusion",
            )
        });
        let problem = |message: &str| {
            Diagnostic::new(message)
                .at(span.clone())
                .key(key.to_string())
        };
        let status = match (excluded, rejected, measure) {
            (None, Some(_), _) => {
                self.problems
                    .push(problem("`rejected` needs the `excluded` reason it rejects"));
                return None;
            }
            (Some(Err(e)), _, _) | (_, Some(Err(e)), _) => {
                self.problems.push(e);
                return None;
            }
            (_, _, Err(())) => return None,
            (None, None, Ok(Some(measure))) => Status::Assessed(measure),
            (None, None, Ok(None)) => {
                self.problems.push(problem(
                    "no assessment: give exactly one of `coefficient`, `sampled` + `nonconforming` or `excluded`",
                ));
                return None;
            }
            (Some(Ok(reason)), None, Ok(None)) => Status::Excluded { reason },
            (Some(Ok(_)), None, Ok(Some(_))) => {
                self.problems.push(
                    problem("more than one assessment: an excluded indicator is not scored").help(
                        "to record a rejected exclusion (§8.3 c 6), add `rejected = \"why\"`",
                    ),
                );
                return None;
            }
            (Some(Ok(reason)), Some(Ok(rejection)), Ok(Some(measure))) => {
                Status::ExclusionRejected {
                    reason,
                    rejection,
                    measure,
                }
            }
            (Some(Ok(_)), Some(Ok(_)), Ok(None)) => {
                self.problems.push(problem(
                    "a rejected exclusion must still be assessed: add `coefficient` or `sampled` + `nonconforming`",
                ));
                return None;
            }
        };
        Some(Entry {
            status,
            record: table.record,
            note: table.note,
        })
    }

    /// The coefficient or sample in a table: `Ok(None)` when it has neither,
    /// `Err(())` when a problem was recorded.
    fn measure(
        &mut self,
        table: &RawIndicatorTable,
        span: Range<usize>,
        key: &str,
    ) -> Result<Option<Measure>, ()> {
        let sample = match (&table.sampled, &table.nonconforming) {
            (None, None) => None,
            (Some(sampled), Some(nonconforming)) => Some((sampled, nonconforming)),
            _ => {
                self.problems.push(
                    Diagnostic::new("`sampled` and `nonconforming` go together")
                        .at(span)
                        .key(key.to_string()),
                );
                return Err(());
            }
        };
        match (&table.coefficient, sample) {
            (Some(_), Some(_)) => {
                self.problems.push(
                    Diagnostic::new("more than one assessment: give either `coefficient` or `sampled` + `nonconforming`")
                        .at(span)
                        .key(key.to_string()),
                );
                Err(())
            }
            (Some(coefficient), None) => self
                .coefficient(coefficient, &format!("{key}.coefficient"))
                .map(|c| Some(Measure::Coefficient(c)))
                .ok_or(()),
            (None, Some((sampled, nonconforming))) => {
                self.sample(sampled, nonconforming, key).map(Some).ok_or(())
            }
            (None, None) => Ok(None),
        }
    }

    fn coefficient(&mut self, literal: &Spanned<NumberLiteral>, key: &str) -> Option<Exact> {
        let value = exact_number(self.source, literal, key)
            .map_err(|problem| self.problems.push(problem))
            .ok()?;
        if value.is_negative() || value > Exact::one() {
            let text = self.source.get(literal.span()).unwrap_or_default();
            self.problems.push(
                Diagnostic::new(format!(
                    "deduction coefficient must be from 0 to 1, found {text}"
                ))
                .at(literal.span())
                .key(key.to_string()),
            );
            return None;
        }
        Some(value)
    }

    fn sample(
        &mut self,
        sampled: &Spanned<NumberLiteral>,
        nonconforming: &Spanned<NumberLiteral>,
        key: &str,
    ) -> Option<Measure> {
        let sampled_value = self.whole_number(sampled, &format!("{key}.sampled"));
        let nonconforming_value = self.whole_number(nonconforming, &format!("{key}.nonconforming"));
        let (sampled_value, nonconforming_value) = (sampled_value?, nonconforming_value?);
        if sampled_value < 1 {
            self.problems.push(
                Diagnostic::new("`sampled` must be at least 1")
                    .at(sampled.span())
                    .key(format!("{key}.sampled")),
            );
            return None;
        }
        if nonconforming_value > sampled_value {
            self.problems.push(
                Diagnostic::new(format!(
                    "`nonconforming` ({nonconforming_value}) cannot exceed `sampled` ({sampled_value})"
                ))
                .at(nonconforming.span())
                .key(format!("{key}.nonconforming")),
            );
            return None;
        }
        Some(Measure::Sample {
            sampled: sampled_value,
            nonconforming: nonconforming_value,
        })
    }

    fn whole_number(&mut self, literal: &Spanned<NumberLiteral>, key: &str) -> Option<u64> {
        match literal.get_ref() {
            NumberLiteral::Integer(value) if *value >= 0 => Some(value.unsigned_abs()),
            NumberLiteral::Integer(_) => {
                self.problems.push(
                    Diagnostic::new("must not be negative")
                        .at(literal.span())
                        .key(key),
                );
                None
            }
            NumberLiteral::Float => {
                let text = self.source.get(literal.span()).unwrap_or_default();
                self.problems.push(
                    Diagnostic::new(format!("must be a whole number, found {text}"))
                        .at(literal.span())
                        .key(key),
                );
                None
            }
        }
    }

    /// §8.3 c 5: the score divides by the applicable points, so some must remain.
    fn check_applicable_points(&mut self, entries: &[Entry], span: Option<Range<usize>>) {
        let any_applicable = entries
            .iter()
            .zip(&self.checklist.indicators)
            .any(|(entry, indicator)| !entry.is_excluded() && !indicator.points.is_zero());
        if !any_applicable && self.problems.is_empty() {
            self.problems.push(
                Diagnostic::new(
                    "no applicable points left: every indicator that carries points is excluded",
                )
                .at_opt(span)
                .key("indicators"),
            );
        }
    }
}

/// The coefficient of the most common entries, `"4.1.a" = 0` and the like:
/// a plain decimal integer or float from 0 to 1. Anything else (including
/// every error) takes the full path, which explains what is wrong.
fn plain_coefficient(value: &DeValue<'_>) -> Option<Exact> {
    match value {
        DeValue::Integer(integer) if integer.radix() == 10 => match integer.as_str() {
            "0" => Some(Exact::zero()),
            "1" => Some(Exact::one()),
            _ => None,
        },
        DeValue::Float(float) => crate::number::parse_decimal(float.as_str())
            .ok()
            .filter(|value| !value.is_negative() && *value <= Exact::one()),
        _ => None,
    }
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

/// The `[audit]` table.
#[derive(serde::Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Audit")]
struct RawMeta {
    /// The standard's code; if present it must equal the checklist's.
    #[schemars(with = "Option<String>")]
    standard: Option<Spanned<String>>,
    /// 经营者: the operator of the service.
    #[schemars(with = "String")]
    organization: Spanned<String>,
    /// The service audited.
    #[schemars(with = "String")]
    service: Spanned<String>,
    /// 评价人员: at least one assessor.
    #[schemars(with = "Vec<String>", length(min = 1))]
    assessors: Spanned<Vec<Spanned<String>>>,
    /// 评价日期, a TOML date such as 2026-03-15.
    #[schemars(with = "TomlDate")]
    date: Spanned<toml::value::Datetime>,
    /// Date of the initial evaluation or last re-evaluation (§8.1 b);
    /// defaults to `date` for initial and recertification audits.
    #[schemars(with = "Option<TomlDate>")]
    cycle_start: Option<Spanned<toml::value::Datetime>>,
    /// initial 初次评价 | surveillance 监督评价 | recertification 重新评价.
    kind: AuditKind,
    /// `"conform"`: indicators not listed score as coefficient 0.
    unassessed: Option<Unassessed>,
}

/// A special deduction (§8.3 c 3): −1 point, and the evaluation fails.
#[derive(serde::Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "SpecialDeduction")]
struct RawSpecialDeduction {
    /// law | whitepaper | deception | risk (the checklist's kinds).
    #[schemars(with = "String")]
    kind: Spanned<String>,
    /// What the assessor found.
    #[schemars(with = "String")]
    finding: Spanned<String>,
}

/// The best-practice bonus (§8.3 c 4): +1 point, at most one.
#[derive(serde::Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Bonus")]
struct RawBonus {
    /// The practice observed.
    #[schemars(with = "String")]
    practice: Spanned<String>,
}

/// An indicator as a table: exactly one of `coefficient`, `sampled` +
/// `nonconforming`, or `excluded` (with `rejected` and an assessment for a
/// rejected exclusion), plus optional `record` and `note`.
#[derive(serde::Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "IndicatorTable")]
struct RawIndicatorTable {
    /// 扣分系数, 0 (conforms) to 1 (does not).
    #[schemars(with = "Option<f64>", range(min = 0, max = 1))]
    coefficient: Option<Spanned<NumberLiteral>>,
    /// Samples examined (§8.3 c 2), at least 1.
    #[schemars(with = "Option<u64>", range(min = 1))]
    sampled: Option<Spanned<NumberLiteral>>,
    /// Samples that did not conform, at most `sampled`.
    #[schemars(with = "Option<u64>")]
    nonconforming: Option<Spanned<NumberLiteral>>,
    /// Why the indicator does not apply (§8.2 a, §8.3 c 5).
    #[schemars(with = "Option<String>")]
    excluded: Option<Spanned<String>>,
    /// Why the assessor rejected the exclusion (§8.3 c 6).
    #[schemars(with = "Option<String>")]
    rejected: Option<Spanned<String>>,
    /// 现场评审记录.
    record: Option<String>,
    /// 说明.
    note: Option<String>,
}

/// A TOML local date, as editors and JSON see it.
struct TomlDate;

impl JsonSchema for TomlDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date" })
    }
}

/// An audit file (SPEC §2), as its JSON Schema describes it. The parser
/// reads the same four tables ([`SECTIONS`]) with the types below, one by
/// one so that every problem is reported.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "bscore audit file")]
pub struct AuditFile {
    /// Who was audited, when and by whom.
    #[allow(dead_code)]
    audit: RawMeta,
    /// One key per indicator id (Appendix A label or body alias).
    #[allow(dead_code)]
    indicators: Option<std::collections::BTreeMap<String, RawIndicatorValue>>,
    /// Special deductions (§8.3 c 3), as `[[special_deductions]]`.
    #[allow(dead_code)]
    special_deductions: Option<Vec<RawSpecialDeduction>>,
    /// The best-practice bonus (§8.3 c 4), as one `[bonus]` table.
    #[allow(dead_code)]
    bonus: Option<RawBonus>,
}

/// An indicator's value: a bare coefficient or a table. A string is kept
/// only to explain what is wrong with it (the template's `"?"` placeholder).
enum RawIndicatorValue {
    Number(NumberLiteral),
    Text(String),
    Table(RawIndicatorTable),
}

impl JsonSchema for RawIndicatorValue {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Indicator".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let table = generator.subschema_for::<RawIndicatorTable>();
        schemars::json_schema!({
            "description": "A deduction coefficient from 0 to 1, or a table. \"?\" is the template's placeholder: accepted while typing, refused by `bscore validate` until filled in.",
            "oneOf": [
                { "type": "number", "minimum": 0, "maximum": 1 },
                table,
                { "const": "?" }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for RawIndicatorValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = RawIndicatorValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a deduction coefficient from 0 to 1, or a table with `coefficient`, `sampled` + `nonconforming`, or `excluded`")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                NumberLiteral::deserialize(v.into_deserializer()).map(RawIndicatorValue::Number)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                NumberLiteral::deserialize(v.into_deserializer()).map(RawIndicatorValue::Number)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(RawIndicatorValue::Number(NumberLiteral::Float))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(RawIndicatorValue::Text(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                RawIndicatorTable::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawIndicatorValue::Table)
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}
