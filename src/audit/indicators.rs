//! `[indicators]`: one entry per checklist indicator, from a bare
//! coefficient or a table, with every problem of every indicator reported.

use super::fields::{optional_text, written_text};
use super::format::{INDICATOR, form_label};
use super::slips::Expecting;
use super::validate::Validator;
use super::{Entry, Measure, Status};
use crate::checklist::Checklist;
use crate::diagnostic::{Diagnostic, Expected, MAX_REPORTED, quote_key, suggestion, unknown};
use crate::input::{exact_number, shortened};
use crate::message::Text;
use crate::number::{Exact, NumberLiteral};
use crate::t;
use num_traits::{One, Zero};
use std::ops::Range;
use toml::Spanned;
use toml::de::DeValue;

/// Which indicators are listed, and where.
impl<'a> Validator<'a> {
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
            Some(value) => match value.get_ref().as_table() {
                Some(table) => Some((table, value.span())),
                None => {
                    self.problems.push(
                        Diagnostic::new(t!(
                            "[indicators] 应为一个表：每个指标编号一行",
                            "expected a table: write [indicators] with one key per indicator id"
                        ))
                        .at(value.span())
                        .key("indicators"),
                    );
                    return None;
                }
            },
            None => None,
        };
        // The parser's map is sorted by key; file order makes "listed twice"
        // point at the second occurrence.
        let mut listed: Vec<_> = table.iter().flat_map(|(table, _)| table.iter()).collect();
        listed.sort_by_key(|(key, _)| key.span().start);
        let mut unknown_ids = Vec::new();
        for (key, value) in listed {
            let id = key.get_ref().as_ref();
            let Some(index) = self.checklist.lookup(id) else {
                unknown_ids.push(key);
                continue;
            };
            // Only messages need the key path: build it only for them.
            let key_path = || format!("indicators.{}", quote_key(id));
            if let Some(first) = &listed_at[index] {
                let canonical = &self.checklist.indicators[index].id;
                let first_line = self.lines.line(first.start);
                self.problems.push(
                    Diagnostic::new(t!(
                        "指标 {canonical} 写了两次（一次用编号，一次用别名）",
                        "indicator {canonical} is listed twice (as an id and an alias)"
                    ))
                    .at(key.span())
                    .key(key_path())
                    .help(self.told(
                        t!(
                            "第一次写在第 {first_line} 行：保留一处",
                            "the first entry is at line {first_line}: keep one"
                        ),
                        t!("保留其中一行", "keep one of the rows"),
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
                None => self.entry(value, &key_path(), key.span()),
            };
        }
        let mut missing = self.missing(&listed_at, unassessed_conform);
        let unknown_ids = self.first_listable(unknown_ids, |key| key.span().start);
        let earlier = EarlierProblems::new(&self.problems);
        // In file order: the ones before an unknown id are listed before it.
        for (order, key) in unknown_ids.into_iter().enumerate() {
            // A suggestion is searched for only while the unknown id can
            // still be listed: a file of thousands of them would otherwise
            // take seconds for suggestions nobody sees.
            let listed = earlier.before(key.span().start) + order < MAX_REPORTED;
            // A mistyped id is reported once: as unknown, the missing id
            // it stands for suggested, not also as that id missing.
            if let Some(meant) = self.unknown_indicator(key, &missing, listed) {
                missing.retain(|id| *id != meant);
            }
        }
        self.report_missing(&missing, table.map(|(_, span)| span));
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

    /// An id that is not in the checklist, with the id meant: one the
    /// audit is missing first, since that is the one a typo took away.
    /// Reports an unknown id; returns the missing id suggested for it.
    /// One that cannot be `listed` (a hundred problems come before it) is
    /// only counted: no suggestion is searched for.
    fn unknown_indicator(
        &mut self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        missing: &[&'a str],
        listed: bool,
    ) -> Option<&'a str> {
        let id = key.get_ref().as_ref();
        let shown = shortened(id);
        let path = format!("indicators.{}", quote_key(id));
        if !listed {
            self.problems.push(
                Diagnostic::new(t!(
                    "未知的指标编号 `{shown}`",
                    "unknown indicator id `{shown}`"
                ))
                .at(key.span())
                .key(path),
            );
            return None;
        }
        let checklist: &'a Checklist = self.checklist;
        let known = checklist.indicators.iter().flat_map(|indicator| {
            std::iter::once(indicator.id.as_str())
                .chain(indicator.aliases.iter().map(String::as_str))
        });
        let listed_by = t!(
            "`bscore checklist` 列出全部指标编号",
            "`bscore checklist` lists every id"
        );
        self.problems.push(
            unknown(
                ("指标编号", "indicator id"),
                id,
                known.clone(),
                missing,
                Expected::ListedBy(listed_by),
            )
            .at(key.span())
            .key(path),
        );
        suggestion(id, known, missing).filter(|meant| missing.contains(meant))
    }

    /// The ids of the indicators the audit does not list, unless unlisted
    /// ones count as conforming; an id on a line set aside for a syntax
    /// error is listed, if wrongly.
    fn missing(
        &self,
        listed_at: &[Option<Range<usize>>],
        unassessed_conform: bool,
    ) -> Vec<&'a str> {
        if unassessed_conform {
            return Vec::new();
        }
        let set_aside = |indicator: &crate::checklist::Indicator| {
            self.set_aside.iter().any(|key| {
                *key == indicator.id || indicator.aliases.iter().any(|alias| alias == key)
            })
        };
        let checklist: &'a Checklist = self.checklist;
        listed_at
            .iter()
            .zip(&checklist.indicators)
            .filter(|(listed, indicator)| listed.is_none() && !set_aside(indicator))
            .map(|(_, indicator)| indicator.id.as_str())
            .collect()
    }

    fn report_missing(&mut self, missing: &[&str], table_span: Option<Range<usize>>) {
        if missing.is_empty() {
            return;
        }
        let (count, ids) = (missing.len(), missing.join(", "));
        let zh_ids = missing.join("、");
        self.problems.push(
            Diagnostic::new(t!(
                "有 {count} 个指标未评价：{zh_ids}",
                "{count} indicator(s) not assessed: {ids}"
            ))
            .at(table_span.unwrap_or(0..0))
            .key("indicators")
            .help(self.told(
                t!(
                    "逐一写上这些指标；或在 [audit] 中写 unassessed = \"conform\"，未列出的指标按符合（扣分系数 0）计",
                    "list every indicator, or set `unassessed = \"conform\"` in [audit] to score unlisted ones as conforming"
                ),
                {
                    let [(coefficient, coefficient_en), (sampled, sampled_en), (nonconforming, nonconforming_en), (excluded, excluded_en)] =
                        labels(["coefficient", "sampled", "nonconforming", "excluded"]);
                    t!(
                        "在这些指标的行中填上{coefficient}，或{sampled}与{nonconforming}，或{excluded}；符合的填{coefficient} 0",
                        "fill in these indicators' rows: {coefficient_en}, or {sampled_en} and {nonconforming_en}, or {excluded_en}; a conforming one has {coefficient_en} 0"
                    )
                },
            )),
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
                Diagnostic::new(t!(
                    "没有可评分的指标：所有有分值的指标都被删减了",
                    "no applicable points left: every indicator that carries points is excluded"
                ))
                .at_opt(span)
                .key("indicators"),
            );
        }
    }
}

/// An indicator's table as written, its keys known and their values of
/// the right kind: what its entry is read from.
struct IndicatorTable {
    coefficient: Option<Spanned<NumberLiteral>>,
    sampled: Option<Spanned<NumberLiteral>>,
    nonconforming: Option<Spanned<NumberLiteral>>,
    excluded: Option<Spanned<String>>,
    rejected: Option<Spanned<String>>,
    record: Option<Spanned<String>>,
    note: Option<Spanned<String>>,
}

/// One indicator's value.
impl Validator<'_> {
    fn entry(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
        key_span: Range<usize>,
    ) -> Option<Entry> {
        if let Some(literal) = self.literal(value, key) {
            let coefficient = self.coefficient(&literal?, key)?;
            return Some(Entry {
                status: Status::Assessed(Measure::Coefficient(coefficient)),
                record: None,
                note: None,
            });
        }
        let diagnostic = match value.get_ref() {
            DeValue::Table(_) => {
                let table = self.indicator_table(value, key, key_span)?;
                return self.table_entry(table, value.span(), key);
            }
            DeValue::String(text) if text.trim() == "?" => Diagnostic::new(t!(
                "尚未填写",
                "not filled in yet"
            ))
            .help(t!(
                "把 \"?\" 换成 0 到 1 之间的扣分系数、{{ sampled = 抽样数, nonconforming = 不符合数 }} 或 {{ excluded = \"删减理由\" }}",
                "replace \"?\" with a coefficient from 0 to 1, {{ sampled = N, nonconforming = K }} or {{ excluded = \"reason\" }}"
            )),
            DeValue::String(text) => self
                .string_slip(value.span(), text, Expecting::Indicator)
                .unwrap_or_else(|| {
                    let shown = shortened(text);
                    Diagnostic::new(t!(
                        "应为 0 到 1 之间的扣分系数或一个表，实际是文字 \"{shown}\"",
                        "expected a deduction coefficient from 0 to 1 or a table, found the text \"{shown}\""
                    ))
                    .help(t!(
                        "文字说明写在 note 里，扣分系数另填：{{ coefficient = \"?\", note = \"…\" }}",
                        "put words in a note and give the coefficient: {{ coefficient = \"?\", note = \"…\" }}"
                    ))
                }),
            _ => Diagnostic::new(t!(
                "应为 0 到 1 之间的扣分系数，或写成表：{{ coefficient = … }}、{{ sampled = …, nonconforming = … }}、{{ excluded = \"…\" }}",
                "expected a deduction coefficient from 0 to 1, or a table: {{ coefficient = … }}, {{ sampled = …, nonconforming = … }} or {{ excluded = \"…\" }}"
            )),
        };
        self.problems.push(diagnostic.at(value.span()).key(key));
        None
    }

    /// A number as written, if `value` is a number: `Some(None)` for one
    /// bscore cannot read (a hexadecimal or too large integer), with the
    /// problem recorded.
    fn literal(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
    ) -> Option<Option<Spanned<NumberLiteral>>> {
        match (number_literal(value.get_ref()), value.get_ref()) {
            (Some(literal), _) => Some(Some(Spanned::new(value.span(), literal))),
            (None, DeValue::Integer(_)) => {
                let shown = shortened(self.source.get(value.span()).unwrap_or_default());
                self.problems.push(
                    Diagnostic::new(t!(
                        "无法读取整数 {shown}：请写不超过 18 位的十进制整数",
                        "cannot read the integer {shown}: write a decimal whole number of at most 18 digits"
                    ))
                    .at(value.span())
                    .key(key),
                );
                Some(None)
            }
            _ => None,
        }
    }

    /// An indicator's table, its keys and kinds of values checked.
    fn indicator_table(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
        key_span: Range<usize>,
    ) -> Option<IndicatorTable> {
        let fields = self.fields(value, key, key_span, INDICATOR.keys)?;
        let mut unreadable = false;
        let mut number = |name: &str, validator: &mut Self| {
            let value = fields.get(name)?;
            let literal = validator.literal(value, &format!("{key}.{name}"))?;
            unreadable |= literal.is_none();
            literal
        };
        let table = IndicatorTable {
            coefficient: number("coefficient", self),
            sampled: number("sampled", self),
            nonconforming: number("nonconforming", self),
            excluded: fields.text("excluded"),
            rejected: fields.text("rejected"),
            record: fields.text("record"),
            note: fields.text("note"),
        };
        (fields.complete && !unreadable).then_some(table)
    }

    fn table_entry(
        &mut self,
        mut table: IndicatorTable,
        span: Range<usize>,
        key: &str,
    ) -> Option<Entry> {
        // A placeholder record or note is reported whatever else is wrong.
        let record = optional_text(
            table.record.take(),
            &format!("{key}.record"),
            ("现场评审记录", "the record"),
        );
        let note = optional_text(
            table.note.take(),
            &format!("{key}.note"),
            ("说明", "the note"),
        );
        let (record, note) = match (record, note) {
            (Ok(record), Ok(note)) => (Some(record), Some(note)),
            (record, note) => {
                self.problems.extend(record.err());
                self.problems.extend(note.err());
                (None, None)
            }
        };
        let measure = self.measure(&table, span.clone(), key);
        let excluded = table
            .excluded
            .as_ref()
            .map(|reason| exclusion_reason(reason, &format!("{key}.excluded")));
        let rejected = table.rejected.as_ref().map(|why| {
            written_text(
                why,
                &format!("{key}.rejected"),
                (
                    "删减理由不成立的原因",
                    "the reason for rejecting the exclusion",
                ),
            )
        });
        let problem = |message: Text| {
            Diagnostic::new(message)
                .at(span.clone())
                .key(key.to_string())
        };
        let [
            (coefficient, coefficient_en),
            (sampled, sampled_en),
            (nonconforming, nonconforming_en),
            (excluded_label, excluded_en),
            (rejected_label, rejected_en),
        ] = labels([
            "coefficient",
            "sampled",
            "nonconforming",
            "excluded",
            "rejected",
        ]);
        let status = match (excluded, rejected, measure) {
            (None, Some(_), _) => {
                let message = self.told(
                    t!(
                        "写了 rejected（删减理由不成立），却没有写被否定的删减理由 excluded",
                        "`rejected` needs the `excluded` reason it rejects"
                    ),
                    t!(
                        "填了{rejected_label}，却没有填被否定的{excluded_label}",
                        "{rejected_en} is filled in without the {excluded_en} it rejects"
                    ),
                );
                self.problems.push(problem(message));
                return None;
            }
            (Some(Err(e)), _, _) | (_, Some(Err(e)), _) => {
                self.problems.push(e);
                return None;
            }
            (_, _, Err(())) => return None,
            (None, None, Ok(Some(measure))) => Status::Assessed(measure),
            (None, None, Ok(None)) => {
                let message = self.told(
                    t!(
                        "没有评价结果：扣分系数 coefficient、抽样数 sampled + 不符合数 nonconforming、删减理由 excluded 三者须写且只写一项",
                        "no assessment: give exactly one of `coefficient`, `sampled` + `nonconforming` or `excluded`"
                    ),
                    t!(
                        "没有评价结果：{coefficient}、{sampled}与{nonconforming}、{excluded_label}三者须填且只填一项",
                        "no assessment: fill in exactly one of {coefficient_en}, {sampled_en} with {nonconforming_en}, or {excluded_en}"
                    ),
                );
                self.problems.push(problem(message));
                return None;
            }
            (Some(Ok(reason)), None, Ok(None)) => Status::Excluded { reason },
            (Some(Ok(_)), None, Ok(Some(_))) => {
                self.problems.push(
                    problem(t!(
                        "评价结果多于一项：删减的指标不评分",
                        "more than one assessment: an excluded indicator is not scored"
                    ))
                    .help(self.told(
                        t!(
                            "若删减理由不成立（§8.3 c 6），加上 rejected = \"不成立的原因\"",
                            "to record a rejected exclusion (§8.3 c 6), add `rejected = \"why\"`"
                        ),
                        t!(
                            "若删减理由不成立（§8.3 c 6），在{rejected_label}列写明原因；否则清空这一行的{coefficient}、{sampled}和{nonconforming}",
                            "to record a rejected exclusion (§8.3 c 6), write why in the {rejected_en} column; otherwise clear the row's {coefficient_en}, {sampled_en} and {nonconforming_en}"
                        ),
                    )),
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
                let message = self.told(
                    t!(
                        "删减理由不成立的指标仍须评价：加上扣分系数 coefficient 或抽样数 sampled + 不符合数 nonconforming",
                        "a rejected exclusion must still be assessed: add `coefficient` or `sampled` + `nonconforming`"
                    ),
                    t!(
                        "删减理由不成立的指标仍须评价：填上{coefficient}，或{sampled}与{nonconforming}",
                        "a rejected exclusion must still be assessed: fill in {coefficient_en}, or {sampled_en} and {nonconforming_en}"
                    ),
                );
                self.problems.push(problem(message));
                return None;
            }
        };
        Some(Entry {
            status,
            record: record?,
            note: note?,
        })
    }
}

/// Why an indicator does not apply: written, and more than the word for
/// an exclusion (`不适用`, `N/A`), which says only that it is one.
fn exclusion_reason(reason: &Spanned<String>, key: &str) -> Result<String, Diagnostic> {
    let written = written_text(reason, key, ("删减理由", "the exclusion reason"))?;
    if !super::slips::says_only_excluded(&written) {
        return Ok(written);
    }
    let shown = shortened(&written);
    Err(Diagnostic::new(t!(
        "删减理由尚未填写：\"{shown}\" 只说明要删减，没有说明为什么该指标不适用",
        "the exclusion reason is not filled in yet: \"{shown}\" says the indicator is excluded, not why it does not apply"
    ))
    .at(reason.span())
    .key(key)
    .help(t!(
        "写明该指标不适用于本服务的实际理由（§8.2 a）",
        "write why the indicator does not apply to this service (§8.2 a)"
    )))
}

/// Coefficients and samples.
impl Validator<'_> {
    /// The coefficient or sample in a table: `Ok(None)` when it has neither,
    /// `Err(())` when a problem was recorded.
    fn measure(
        &mut self,
        table: &IndicatorTable,
        span: Range<usize>,
        key: &str,
    ) -> Result<Option<Measure>, ()> {
        let [
            (coefficient, coefficient_en),
            (sampled, sampled_en),
            (nonconforming, nonconforming_en),
        ] = labels(["coefficient", "sampled", "nonconforming"]);
        let sample = match (&table.sampled, &table.nonconforming) {
            (None, None) => None,
            (Some(sampled), Some(nonconforming)) => Some((sampled, nonconforming)),
            _ => {
                let message = self.told(
                    t!(
                        "抽样数 sampled 和不符合数 nonconforming 须一起写",
                        "`sampled` and `nonconforming` go together"
                    ),
                    t!(
                        "{sampled}和{nonconforming}须一起填",
                        "{sampled_en} and {nonconforming_en} go together"
                    ),
                );
                self.problems
                    .push(Diagnostic::new(message).at(span).key(key.to_string()));
                return Err(());
            }
        };
        match (&table.coefficient, sample) {
            (Some(_), Some(_)) => {
                let message = self.told(
                    t!(
                        "评价结果多于一项：扣分系数 coefficient 与抽样数 sampled + 不符合数 nonconforming 只写其一",
                        "more than one assessment: give either `coefficient` or `sampled` + `nonconforming`"
                    ),
                    t!(
                        "评价结果多于一项：{coefficient}与{sampled}、{nonconforming}只填其一",
                        "more than one assessment: fill in either {coefficient_en} or {sampled_en} and {nonconforming_en}"
                    ),
                );
                self.problems
                    .push(Diagnostic::new(message).at(span).key(key.to_string()));
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
            let text = shortened(self.source.get(literal.span()).unwrap_or_default());
            self.problems.push(
                Diagnostic::new(t!(
                    "扣分系数应在 0 到 1 之间，实际为 {text}",
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
        let [
            (sampled_label, sampled_en),
            (nonconforming_label, nonconforming_en),
        ] = labels(["sampled", "nonconforming"]);
        if sampled_value < 1 {
            let message = self.told(
                t!("抽样数 sampled 至少为 1", "`sampled` must be at least 1"),
                t!("{sampled_label}至少为 1", "{sampled_en} must be at least 1"),
            );
            self.problems.push(
                Diagnostic::new(message)
                    .at(sampled.span())
                    .key(format!("{key}.sampled")),
            );
            return None;
        }
        if nonconforming_value > sampled_value {
            let message = self.told(
                t!(
                    "不符合数 nonconforming（{nonconforming_value}）不能大于抽样数 sampled（{sampled_value}）",
                    "`nonconforming` ({nonconforming_value}) cannot exceed `sampled` ({sampled_value})"
                ),
                t!(
                    "{nonconforming_label}（{nonconforming_value}）不能大于{sampled_label}（{sampled_value}）",
                    "{nonconforming_en} ({nonconforming_value}) cannot exceed {sampled_en} ({sampled_value})"
                ),
            );
            self.problems.push(
                Diagnostic::new(message)
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
                let message = self.named(key, t!("不能为负数", "must not be negative"));
                self.problems
                    .push(Diagnostic::new(message).at(literal.span()).key(key));
                None
            }
            NumberLiteral::Float => {
                let text = shortened(self.source.get(literal.span()).unwrap_or_default());
                let message = self.named(
                    key,
                    t!(
                        "应为整数，实际为 {text}",
                        "must be a whole number, found {text}"
                    ),
                );
                self.problems
                    .push(Diagnostic::new(message).at(literal.span()).key(key));
                None
            }
        }
    }
}

/// The form's headings of these columns: Chinese, English.
fn labels<const N: usize>(keys: [&str; N]) -> [(&'static str, &'static str); N] {
    keys.map(|key| form_label(&INDICATOR, key))
}

impl Validator<'_> {
    /// `message` about the value of `key` (`indicators."4.1.a".sampled`):
    /// on a form, which shows no key, headed by its column's label.
    fn named(&self, key: &str, message: Text) -> Text {
        if !self.on_form() {
            return message;
        }
        let column = key.rsplit('.').next().unwrap_or(key);
        let (zh, en) = form_label(&INDICATOR, column);
        Text::new(
            format!("{zh}{}", message.zh),
            format!("{en} {}", message.en),
        )
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

/// Where the problems found so far start, in order: to tell whether a
/// problem found later can still be among the ones a file lists, which are
/// the first [`MAX_REPORTED`] by place, not by when they were found.
struct EarlierProblems {
    starts: Vec<usize>,
}

impl EarlierProblems {
    fn new(problems: &[Diagnostic]) -> Self {
        // A problem without a place is listed first, as if at the start.
        let mut starts: Vec<usize> = (problems.iter())
            .map(|problem| problem.span.as_ref().map_or(0, |span| span.start))
            .collect();
        starts.sort_unstable();
        EarlierProblems { starts }
    }

    /// How many of them are listed before a problem found now at `at`:
    /// those at the same place were found first, and stay first.
    fn before(&self, at: usize) -> usize {
        self.starts.partition_point(|&start| start <= at)
    }
}
