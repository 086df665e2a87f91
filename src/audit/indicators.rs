//! `[indicators]`: one entry per checklist indicator, from a bare
//! coefficient or a table, with every problem of every indicator reported.

use super::raw::{RawIndicatorTable, RawIndicatorValue};
use super::validate::Validator;
use super::{Entry, Measure, Status};
use crate::diagnostic::{Diagnostic, Expected, quote_key, unknown};
use crate::input::{exact_number, required_text, shortened};
use crate::number::{Exact, NumberLiteral};
use num_traits::{One, Zero};
use std::ops::Range;
use toml::Spanned;
use toml::de::DeValue;

/// Which indicators are listed, and where.
impl Validator<'_> {
    /// One entry per checklist indicator, from the `[indicators]` table.
    pub(super) fn entries(
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
                        self.lines.line(first.start)
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
        if !self.wants_suggestions() {
            self.problems.push(
                Diagnostic::new(format!("unknown indicator id `{id}`"))
                    .at(key.span())
                    .key(format!("indicators.{}", quote_key(id))),
            );
            return;
        }
        let known = self.checklist.indicators.iter().flat_map(|indicator| {
            std::iter::once(indicator.id.as_str())
                .chain(indicator.aliases.iter().map(String::as_str))
        });
        self.problems.push(
            unknown(
                "indicator id",
                id,
                known,
                Expected::ListedBy("`bscore checklist` lists every id"),
            )
            .at(key.span())
            .key(format!("indicators.{}", quote_key(id))),
        );
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

    /// §8.3 c 5: the score divides by the applicable points, so some must remain.
    pub(super) fn check_applicable_points(
        &mut self,
        entries: &[Entry],
        span: Option<Range<usize>>,
    ) {
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

/// One indicator's value.
impl Validator<'_> {
    fn entry(&mut self, value: &Spanned<DeValue<'_>>, key: &str) -> Option<Entry> {
        // A bare number is read without serde; anything else through the
        // raw types, whose errors say what was expected.
        let raw = match number_literal(value.get_ref()) {
            Some(literal) => RawIndicatorValue::Number(literal),
            None => self.section(value, key)?,
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
}

/// Coefficients and samples.
impl Validator<'_> {
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
        if !is_coefficient(&value) {
            let text = self.source.get(literal.span()).unwrap_or_default();
            self.problems.push(
                Diagnostic::new(format!(
                    "deduction coefficient must be from 0 to 1, found {}",
                    shortened(text)
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
                    Diagnostic::new(format!("must be a whole number, found {}", shortened(text)))
                        .at(literal.span())
                        .key(key),
                );
                None
            }
        }
    }
}

/// Whether `value` is a deduction coefficient: from 0 to 1 (§8.3 c 1).
/// The one rule, for the fast path and the full one alike.
fn is_coefficient(value: &Exact) -> bool {
    !value.is_negative() && *value <= Exact::one()
}

/// A TOML number as written, when `value` is one that serde need not read:
/// a decimal integer that fits an `i64`, or any float.
fn number_literal(value: &DeValue<'_>) -> Option<NumberLiteral> {
    match value {
        DeValue::Integer(integer) if integer.radix() == 10 => {
            integer.as_str().parse().ok().map(NumberLiteral::Integer)
        }
        DeValue::Float(_) => Some(NumberLiteral::Float),
        _ => None,
    }
}

/// The coefficient of the most common entries, `"4.1.a" = 0` and the like:
/// a plain number that is a valid coefficient. Anything else (including
/// every error) takes the full path, which explains what is wrong.
fn plain_coefficient(value: &DeValue<'_>) -> Option<Exact> {
    let value = match (number_literal(value)?, value) {
        (NumberLiteral::Integer(integer), _) => Exact::from_integer(integer),
        (NumberLiteral::Float, DeValue::Float(float)) => {
            crate::number::parse_decimal(float.as_str()).ok()?
        }
        (NumberLiteral::Float, _) => return None,
    };
    is_coefficient(&value).then_some(value)
}
