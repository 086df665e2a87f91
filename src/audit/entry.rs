//! One indicator's value: a bare coefficient, or a table with exactly one
//! assessment (a coefficient, a sample, an exclusion, a rejected
//! exclusion with its assessment), every problem of it reported.

use super::context::Context;
use super::fields::{self, optional_text, written_text};
use super::format::{INDICATOR, form_label};
use super::model::{Entry, Measure, Status};
use super::slips::Expecting;
use crate::diagnostic::Diagnostic;
use crate::input::{exact_number, shortened};
use crate::message::Text;
use crate::message::t;
use crate::number::{Exact, NumberLiteral};
use num_traits::One;
use std::ops::Range;
use toml::Spanned;
use toml::de::DeValue;

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
    population: Option<Spanned<NumberLiteral>>,
    samples: Option<super::samples::Read>,
    by: Vec<String>,
    resolved: Option<super::model::Resolved>,
}

pub(super) fn entry(
    cx: &mut Context<'_>,
    value: &Spanned<DeValue<'_>>,
    key: &str,
    key_span: Range<usize>,
) -> Option<Entry> {
    if let Some(literal) = literal(cx, value, key) {
        let coefficient = coefficient_of(cx, &literal?, key)?;
        return Some(Entry::of(Status::Assessed(Measure::Coefficient(
            coefficient,
        ))));
    }
    let diagnostic = match value.get_ref() {
        DeValue::Table(_) => {
            let table = indicator_table(cx, value, key, key_span)?;
            return table_entry(cx, table, value.span(), key);
        }
        DeValue::String(text) if text.trim() == "?" => Diagnostic::new(t!(
            "尚未填写",
            "not filled in yet"
        ))
        .help(t!(
            "把 \"?\" 换成 0 到 1 之间的扣分系数、{{ sampled = 抽样数, nonconforming = 不符合数 }} 或 {{ excluded = \"删减理由\" }}",
            "replace \"?\" with a coefficient from 0 to 1, {{ sampled = N, nonconforming = K }} or {{ excluded = \"reason\" }}"
        )),
        DeValue::String(text) => fields::string_slip(cx, value.span(), text, Expecting::Indicator)
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
    cx.problems.push(diagnostic.at(value.span()).key(key));
    None
}

/// A number as written, if `value` is a number: `Some(None)` for one
/// bscore cannot read (a hexadecimal or too large integer), with the
/// problem recorded.
fn literal(
    cx: &mut Context<'_>,
    value: &Spanned<DeValue<'_>>,
    key: &str,
) -> Option<Option<Spanned<NumberLiteral>>> {
    match (number_literal(value.get_ref()), value.get_ref()) {
        (Some(literal), _) => Some(Some(Spanned::new(value.span(), literal))),
        (None, DeValue::Integer(_)) => {
            let shown = shortened(cx.source.get(value.span()).unwrap_or_default());
            cx.problems.push(
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
    cx: &mut Context<'_>,
    value: &Spanned<DeValue<'_>>,
    key: &str,
    key_span: Range<usize>,
) -> Option<IndicatorTable> {
    let fields = fields::table(cx, value, key, key_span, INDICATOR.keys)?;
    let mut unreadable = false;
    let mut number = |name: &str, validator: &mut Context<'_>| {
        let value = fields.get(name)?;
        let literal = literal(validator, value, &format!("{key}.{name}"))?;
        unreadable |= literal.is_none();
        literal
    };
    let (coefficient, sampled) = (number("coefficient", cx), number("sampled", cx));
    let (nonconforming, population) = (number("nonconforming", cx), number("population", cx));
    let samples = match (fields.get("samples"), fields.get("drawn")) {
        (Some(samples), drawn) => {
            let read = super::samples::samples(cx, samples, drawn, key);
            unreadable |= read.is_none();
            read
        }
        (None, Some(drawn)) => {
            drawn_alone(cx, drawn, key);
            unreadable = true;
            None
        }
        (None, None) => None,
    };
    let by = super::team::by_of(cx, &fields, key);
    let resolved = super::team::resolved_of(cx, &fields, key);
    unreadable |= by.is_err() || resolved.is_err();
    let table = IndicatorTable {
        by: by.unwrap_or_default(),
        resolved: resolved.ok().flatten(),
        coefficient,
        sampled,
        nonconforming,
        excluded: fields.text("excluded"),
        rejected: fields.text("rejected"),
        record: fields.text("record"),
        note: fields.text("note"),
        population,
        samples,
    };
    (fields.complete && !unreadable).then_some(table)
}

/// `drawn` without the samples it says how to draw.
fn drawn_alone(cx: &mut Context<'_>, drawn: &Spanned<DeValue<'_>>, key: &str) {
    cx.problems.push(
        Diagnostic::new(t!(
            "写了抽样方式 drawn，却没有列出抽到的样本 samples",
            "`drawn` says how a sample was drawn, but no `samples` are listed"
        ))
        .at(drawn.span())
        .key(format!("{key}.drawn"))
        .help(t!(
            "在同一个表中写上 samples = [{{ item = …, conforms = … }}, …]，每个抽到的样本一项",
            "add samples = [{{ item = …, conforms = … }}, …] to the same table, one for each item drawn"
        )),
    );
}

fn table_entry(
    cx: &mut Context<'_>,
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
            cx.problems.extend(record.err());
            cx.problems.extend(note.err());
            (None, None)
        }
    };
    let measure = measure(cx, &table, span.clone(), key);
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
    let population = population_of(cx, &table, &measure, key);
    let status = status(cx, (excluded, rejected, measure), span, key);
    let population_at = table.population.as_ref().map(Spanned::span);
    let stated = population.flatten().zip(population_at);
    let samples = table.samples.map(|read| {
        super::samples::check_draw(cx, &read, stated, key);
        read.samples
    });
    Some(Entry {
        status: status?,
        record: record?,
        note: note?,
        population: population?,
        samples,
        by: table.by,
        resolved: table.resolved,
    })
}

/// The population a sample was drawn from, if the table gives one: at
/// least the sample, and only beside one. `None` with the problem
/// recorded.
fn population_of(
    cx: &mut Context<'_>,
    table: &IndicatorTable,
    measure: &Result<Option<Measure>, ()>,
    key: &str,
) -> Option<Option<u64>> {
    let Some(literal) = &table.population else {
        return Some(None);
    };
    let path = format!("{key}.population");
    let population = whole_number(cx, literal, &path)?;
    let [
        (population_label, population_en),
        (sampled_label, sampled_en),
    ] = labels(["population", "sampled"]);
    let problem = match measure {
        Ok(Some(Measure::Sample { sampled, .. })) if population < *sampled => cx.told(
            t!(
                "总体数量 population（{population}）小于样本数（{sampled}）：样本是从总体中抽取的",
                "`population` ({population}) is smaller than the sample ({sampled}): a sample is drawn from its population"
            ),
            t!(
                "{population_label}（{population}）小于{sampled_label}（{sampled}）：样本是从总体中抽取的",
                "{population_en} ({population}) is smaller than {sampled_en} ({sampled}): a sample is drawn from its population"
            ),
        ),
        // No assessment, or one with its own problem: that problem is
        // the one to fix first.
        Ok(Some(Measure::Sample { .. })) | Err(()) => return Some(Some(population)),
        Ok(None) if table.excluded.is_none() => return Some(Some(population)),
        Ok(Some(Measure::Coefficient(_))) | Ok(None) => cx.told(
            t!(
                "总体数量 population 只用于抽样评价：这个指标没有抽样",
                "`population` belongs to a sample: this indicator is not assessed by one"
            ),
            t!(
                "{population_label}只用于抽样评价：这一行没有填{sampled_label}",
                "{population_en} belongs to a sample: this row has no {sampled_en}"
            ),
        ),
    };
    cx.problems
        .push(Diagnostic::new(problem).at(literal.span()).key(path));
    None
}

/// A reason or rejection as read: its text, or the problem with it.
type Read = Option<Result<String, Diagnostic>>;

/// What an indicator's table says of it, from its exclusion, rejection
/// and measure, exactly one assessment; `None` with the problem recorded.
fn status(
    cx: &mut Context<'_>,
    found: (Read, Read, Result<Option<Measure>, ()>),
    span: Range<usize>,
    key: &str,
) -> Option<Status> {
    let problem = |message: Text| {
        Diagnostic::new(message)
            .at(span.clone())
            .key(key.to_string())
    };
    let status = match found {
        (None, Some(_), _) => Err(problem(rejected_alone(cx))),
        (Some(Err(e)), _, _) | (_, Some(Err(e)), _) => Err(e),
        (_, _, Err(())) => return None,
        (None, None, Ok(Some(measure))) => Ok(Status::Assessed(measure)),
        (None, None, Ok(None)) => Err(problem(no_assessment(cx))),
        (Some(Ok(reason)), None, Ok(None)) => Ok(Status::Excluded { reason }),
        (Some(Ok(_)), None, Ok(Some(_))) => Err(problem(t!(
            "评价结果多于一项：删减的指标不评分",
            "more than one assessment: an excluded indicator is not scored"
        ))
        .help(excluded_yet_assessed(cx))),
        (Some(Ok(reason)), Some(Ok(rejection)), Ok(Some(measure))) => {
            Ok(Status::ExclusionRejected {
                reason,
                rejection,
                measure,
            })
        }
        (Some(Ok(_)), Some(Ok(_)), Ok(None)) => Err(problem(rejected_unassessed(cx))),
    };
    status.map_err(|problem| cx.problems.push(problem)).ok()
}

/// `rejected` without the `excluded` it rejects.
fn rejected_alone(cx: &Context<'_>) -> Text {
    let [(excluded_label, excluded_en), (rejected_label, rejected_en)] =
        labels(["excluded", "rejected"]);
    cx.told(
        t!(
            "写了 rejected（删减理由不成立），却没有写被否定的删减理由 excluded",
            "`rejected` needs the `excluded` reason it rejects"
        ),
        t!(
            "填了{rejected_label}，却没有填被否定的{excluded_label}",
            "{rejected_en} is filled in without the {excluded_en} it rejects"
        ),
    )
}

/// A table with no assessment at all.
fn no_assessment(cx: &Context<'_>) -> Text {
    let [
        (coefficient, coefficient_en),
        (sampled, sampled_en),
        (nonconforming, nonconforming_en),
        (excluded_label, excluded_en),
    ] = labels(["coefficient", "sampled", "nonconforming", "excluded"]);
    cx.told(
        t!(
            "没有评价结果：扣分系数 coefficient、抽样数 sampled + 不符合数 nonconforming、样本 samples、删减理由 excluded 须写且只写一项",
            "no assessment: give exactly one of `coefficient`, `sampled` + `nonconforming`, `samples` or `excluded`"
        ),
        t!(
            "没有评价结果：{coefficient}、{sampled}与{nonconforming}、{excluded_label}三者须填且只填一项",
            "no assessment: fill in exactly one of {coefficient_en}, {sampled_en} with {nonconforming_en}, or {excluded_en}"
        ),
    )
}

/// Samples listed beside a coefficient or a sample's counts.
fn samples_and_more(cx: &Context<'_>) -> Text {
    let [(coefficient, coefficient_en), (sampled, sampled_en)] = labels(["coefficient", "sampled"]);
    cx.told(
        t!(
            "评价结果多于一项：列出了样本 samples，又写了扣分系数 coefficient 或抽样数 sampled；样本的不符合比例就是扣分系数，删去另一项",
            "more than one assessment: `samples` are listed beside `coefficient` or `sampled`; the items' nonconforming share is the coefficient, so remove the other"
        ),
        t!(
            "评价结果多于一项：样本表中列出了这个指标的样本，这一行又填了{coefficient}或{sampled}；清空这一行的{coefficient}",
            "more than one assessment: the sample sheet lists items of this indicator and this row has a {coefficient_en} or {sampled_en}; clear the row's {coefficient_en}"
        ),
    )
}

/// What to do with an exclusion that is also assessed.
fn excluded_yet_assessed(cx: &Context<'_>) -> Text {
    let [
        (coefficient, coefficient_en),
        (sampled, sampled_en),
        (nonconforming, nonconforming_en),
        (rejected_label, rejected_en),
    ] = labels(["coefficient", "sampled", "nonconforming", "rejected"]);
    cx.told(
        t!(
            "若删减理由不成立（§8.3 c 6），加上 rejected = \"不成立的原因\"",
            "to record a rejected exclusion (§8.3 c 6), add `rejected = \"why\"`"
        ),
        t!(
            "若删减理由不成立（§8.3 c 6），在{rejected_label}列写明原因；否则清空这一行的{coefficient}、{sampled}和{nonconforming}",
            "to record a rejected exclusion (§8.3 c 6), write why in the {rejected_en} column; otherwise clear the row's {coefficient_en}, {sampled_en} and {nonconforming_en}"
        ),
    )
}

/// A rejected exclusion without the assessment it still needs.
fn rejected_unassessed(cx: &Context<'_>) -> Text {
    let [
        (coefficient, coefficient_en),
        (sampled, sampled_en),
        (nonconforming, nonconforming_en),
    ] = labels(["coefficient", "sampled", "nonconforming"]);
    cx.told(
        t!(
            "删减理由不成立的指标仍须评价：加上扣分系数 coefficient 或抽样数 sampled + 不符合数 nonconforming",
            "a rejected exclusion must still be assessed: add `coefficient` or `sampled` + `nonconforming`"
        ),
        t!(
            "删减理由不成立的指标仍须评价：填上{coefficient}，或{sampled}与{nonconforming}",
            "a rejected exclusion must still be assessed: fill in {coefficient_en}, or {sampled_en} and {nonconforming_en}"
        ),
    )
}

/// Why an indicator does not apply: written, and more than the word for
/// an exclusion (`不适用`, `N/A`), which says only that it is one.
fn exclusion_reason(reason: &Spanned<String>, key: &str) -> Result<String, Diagnostic> {
    let written = written_text(reason, key, ("删减理由", "the exclusion reason"))?;
    if !super::placeholders::says_only_excluded(&written) {
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

/// The coefficient or sample in a table: `Ok(None)` when it has neither,
/// `Err(())` when a problem was recorded.
fn measure(
    cx: &mut Context<'_>,
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
            let message = cx.told(
                t!(
                    "抽样数 sampled 和不符合数 nonconforming 须一起写",
                    "`sampled` and `nonconforming` go together"
                ),
                t!(
                    "{sampled}和{nonconforming}须一起填",
                    "{sampled_en} and {nonconforming_en} go together"
                ),
            );
            cx.problems
                .push(Diagnostic::new(message).at(span).key(key.to_string()));
            return Err(());
        }
    };
    if let Some(read) = &table.samples {
        if table.coefficient.is_none() && sample.is_none() {
            return Ok(Some(read.samples.measure()));
        }
        cx.problems.push(
            Diagnostic::new(samples_and_more(cx))
                .at(read.span.clone())
                .key(format!("{key}.samples")),
        );
        return Err(());
    }
    match (&table.coefficient, sample) {
        (Some(_), Some(_)) => {
            let message = cx.told(
                t!(
                    "评价结果多于一项：扣分系数 coefficient 与抽样数 sampled + 不符合数 nonconforming 只写其一",
                    "more than one assessment: give either `coefficient` or `sampled` + `nonconforming`"
                ),
                t!(
                    "评价结果多于一项：{coefficient}与{sampled}、{nonconforming}只填其一",
                    "more than one assessment: fill in either {coefficient_en} or {sampled_en} and {nonconforming_en}"
                ),
            );
            cx.problems
                .push(Diagnostic::new(message).at(span).key(key.to_string()));
            Err(())
        }
        (Some(coefficient), None) => coefficient_of(cx, coefficient, &format!("{key}.coefficient"))
            .map(|c| Some(Measure::Coefficient(c)))
            .ok_or(()),
        (None, Some((sampled, nonconforming))) => sample_of(cx, sampled, nonconforming, key)
            .map(Some)
            .ok_or(()),
        (None, None) => Ok(None),
    }
}

fn coefficient_of(
    cx: &mut Context<'_>,
    literal: &Spanned<NumberLiteral>,
    key: &str,
) -> Option<Exact> {
    let value = exact_number(cx.source, literal, key)
        .map_err(|problem| cx.problems.push(problem))
        .ok()?;
    if !is_coefficient(&value) {
        let text = shortened(cx.source.get(literal.span()).unwrap_or_default());
        cx.problems.push(
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

fn sample_of(
    cx: &mut Context<'_>,
    sampled: &Spanned<NumberLiteral>,
    nonconforming: &Spanned<NumberLiteral>,
    key: &str,
) -> Option<Measure> {
    let sampled_value = whole_number(cx, sampled, &format!("{key}.sampled"));
    let nonconforming_value = whole_number(cx, nonconforming, &format!("{key}.nonconforming"));
    let (sampled_value, nonconforming_value) = (sampled_value?, nonconforming_value?);
    let [
        (sampled_label, sampled_en),
        (nonconforming_label, nonconforming_en),
    ] = labels(["sampled", "nonconforming"]);
    if sampled_value < 1 {
        let message = cx.told(
            t!("抽样数 sampled 至少为 1", "`sampled` must be at least 1"),
            t!("{sampled_label}至少为 1", "{sampled_en} must be at least 1"),
        );
        cx.problems.push(
            Diagnostic::new(message)
                .at(sampled.span())
                .key(format!("{key}.sampled")),
        );
        return None;
    }
    if nonconforming_value > sampled_value {
        let message = cx.told(
            t!(
                "不符合数 nonconforming（{nonconforming_value}）不能大于抽样数 sampled（{sampled_value}）",
                "`nonconforming` ({nonconforming_value}) cannot exceed `sampled` ({sampled_value})"
            ),
            t!(
                "{nonconforming_label}（{nonconforming_value}）不能大于{sampled_label}（{sampled_value}）",
                "{nonconforming_en} ({nonconforming_value}) cannot exceed {sampled_en} ({sampled_value})"
            ),
        );
        cx.problems.push(
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

fn whole_number(cx: &mut Context<'_>, literal: &Spanned<NumberLiteral>, key: &str) -> Option<u64> {
    match literal.get_ref() {
        NumberLiteral::Integer(value) if *value >= 0 => Some(value.unsigned_abs()),
        NumberLiteral::Integer(_) => {
            let message = named(cx, key, t!("不能为负数", "must not be negative"));
            cx.problems
                .push(Diagnostic::new(message).at(literal.span()).key(key));
            None
        }
        NumberLiteral::Float => {
            let text = shortened(cx.source.get(literal.span()).unwrap_or_default());
            let message = named(
                cx,
                key,
                t!(
                    "应为整数，实际为 {text}",
                    "must be a whole number, found {text}"
                ),
            );
            cx.problems
                .push(Diagnostic::new(message).at(literal.span()).key(key));
            None
        }
    }
}

/// The form's headings of these columns: Chinese, English.
pub(super) fn labels<const N: usize>(keys: [&str; N]) -> [(&'static str, &'static str); N] {
    keys.map(|key| form_label(&INDICATOR, key))
}

/// `message` about the value of `key` (`indicators."4.1.a".sampled`):
/// on a form, which shows no key, headed by its column's label.
fn named(cx: &Context<'_>, key: &str, message: Text) -> Text {
    if !cx.on_form() {
        return message;
    }
    let column = key.rsplit('.').next().unwrap_or(key);
    let (zh, en) = form_label(&INDICATOR, column);
    Text::new(
        format!("{zh}{}", message.zh),
        format!("{en} {}", message.en),
    )
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
pub(super) fn plain_coefficient(value: &DeValue<'_>) -> Option<Exact> {
    let value = match (number_literal(value)?, value) {
        (NumberLiteral::Integer(integer), _) => Exact::from_integer(integer),
        (NumberLiteral::Float, DeValue::Float(float)) => {
            crate::number::parse_decimal(float.as_str()).ok()?
        }
        (NumberLiteral::Float, _) => return None,
    };
    is_coefficient(&value).then_some(value)
}
