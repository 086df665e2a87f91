//! Slips in a value the assessor meant as a number or a date: a comma
//! for the decimal point, a percentage, a fraction, a date written another
//! way, text where a coefficient goes; each named with the value meant.

use super::placeholders::means_excluded;
use crate::message::Text;
use crate::message::t;
use crate::text::toml_string;

/// What a value is expected to be where it was written, for the slips
/// that depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expecting {
    /// An indicator's whole value (`"4.3.b" = …`): a coefficient, or a
    /// table, so a verdict word or an exclusion can be rewritten as one.
    Indicator,
    /// The deduction coefficient inside an indicator's table.
    Coefficient,
    /// A whole number (a sample count).
    Count,
    /// A date.
    Date,
    /// Text: anything written without quotes is quoted.
    Text,
    /// Anything: only what every value shares is checked.
    Any,
}

impl Expecting {
    /// What belongs at `key` on a line under the table header `section`
    /// (`None` before any header), as far as the line alone tells.
    pub(super) fn at(section: Option<&str>, key: &str) -> Expecting {
        let key = key.trim();
        let field = |name: &str| match name.trim().trim_matches(['"', '\'']) {
            "coefficient" => Expecting::Coefficient,
            "sampled" | "nonconforming" => Expecting::Count,
            "excluded" | "rejected" | "record" | "note" => Expecting::Text,
            _ => Expecting::Any,
        };
        match section {
            Some("indicators") => match dotted_field(key) {
                Some(name) => field(name),
                None => Expecting::Indicator,
            },
            Some(table) if table.starts_with("indicators.") => field(key),
            Some("audit") => match key {
                "date" | "cycle_start" => Expecting::Date,
                "organization" | "service" | "standard" => Expecting::Text,
                _ => Expecting::Any,
            },
            Some("special_deductions") if key == "finding" => Expecting::Text,
            Some("bonus") if key == "practice" => Expecting::Text,
            _ => Expecting::Any,
        }
    }
}

/// A number, date, verdict or exclusion written another way, corrected
/// for what `expecting` says belongs there.
pub(super) fn known_slip(value: &str, expecting: Expecting) -> Option<(Text, Text)> {
    use Expecting::{Any, Coefficient, Date, Indicator};
    let numeric = matches!(expecting, Indicator | Coefficient | Any);
    if numeric && let Some(decimal) = comma_decimal(value) {
        return Some((
            Text::verbatim(decimal),
            t!("小数点写成了逗号", "a comma used as the decimal point"),
        ));
    }
    if numeric && let Some(decimal) = percentage(value) {
        return Some((
            Text::verbatim(decimal),
            t!(
                "扣分系数是 0 到 1 之间的小数，不是百分数",
                "a deduction coefficient is a decimal from 0 to 1, not a percentage"
            ),
        ));
    }
    if matches!(expecting, Indicator | Coefficient | Any)
        && let Some((nonconforming, sampled)) = fraction(value)
    {
        return fraction_slip(nonconforming, sampled, expecting);
    }
    if matches!(expecting, Date | Any)
        && let Some(date) = other_date(value)
    {
        return Some((
            Text::verbatim(date),
            t!(
                "日期须写成 年-月-日（如 2026-11-20），不加引号",
                "a date is written year-month-day (such as 2026-11-20), without quotes"
            ),
        ));
    }
    if matches!(expecting, Indicator | Coefficient)
        && let Some(verdict) = verdict(value)
    {
        return Some(verdict.slip(value));
    }
    if expecting == Indicator && means_excluded(value) {
        return Some((
            t!(
                "{{ excluded = \"（删减理由）\" }}",
                "{{ excluded = \"(the reason)\" }}"
            ),
            t!(
                "删减须写明理由：写成表，把（删减理由）换成该指标不适用的实际理由",
                "an exclusion needs its reason: write a table, and replace (the reason) with why the indicator does not apply"
            ),
        ));
    }
    None
}

/// `k/n` typed as a value. An assessor who types a fraction most often
/// means the coefficient it equals, so that is offered when it is an
/// exact decimal (`3/8` → `0.375`), with the sample form named as the
/// other reading; a fraction no decimal writes exactly (`1/3`) can only
/// be a sample, and becomes one where an indicator's value belongs (a
/// sample is a table: a `coefficient` key cannot hold it).
pub(super) fn fraction_slip(
    nonconforming: u64,
    sampled: u64,
    expecting: Expecting,
) -> Option<(Text, Text)> {
    let sample = format!("{{ sampled = {sampled}, nonconforming = {nonconforming} }}");
    if let Some(decimal) = exact_decimal(nonconforming, sampled) {
        let message = t!(
            "扣分系数写成了分数：{nonconforming}/{sampled} 即扣分系数 {decimal}；若实为抽样 {sampled} 份、其中 {nonconforming} 份不符合，请写成 {sample}",
            "a coefficient written as a fraction: {nonconforming}/{sampled} is coefficient {decimal}; if it is really a sample of {sampled} with {nonconforming} nonconforming, write {sample}"
        );
        return Some((Text::verbatim(decimal), message));
    }
    if expecting == Expecting::Coefficient {
        return None;
    }
    let message = t!(
        "扣分系数须写成小数，{nonconforming}/{sampled} 写不成有限小数，故按抽样结果改写：抽样数 sampled {sampled}，不符合数 nonconforming {nonconforming}",
        "a coefficient is a decimal, and {nonconforming}/{sampled} is no finite decimal, so it is written as a sample: {sampled} sampled, {nonconforming} nonconforming"
    );
    Some((Text::verbatim(sample), message))
}

/// `top/bottom` as a finite decimal (`3/8` → `0.375`, `2/2` → `1`), when
/// it is one: when the bottom has no prime factor but 2 and 5.
pub(super) fn exact_decimal(top: u64, bottom: u64) -> Option<String> {
    if bottom == 0 {
        return None;
    }
    let mut rest = bottom;
    let (mut twos, mut fives) = (0u32, 0u32);
    while rest.is_multiple_of(2) {
        rest /= 2;
        twos += 1;
    }
    while rest.is_multiple_of(5) {
        rest /= 5;
        fives += 1;
    }
    if rest != 1 {
        return None;
    }
    let places = twos.max(fives);
    let scaled = u128::from(top).checked_mul(10u128.checked_pow(places)?)? / u128::from(bottom);
    let digits = format!("{scaled:0>width$}", width = places as usize + 1);
    let (whole, fraction) = digits.split_at(digits.len() - places as usize);
    let fraction = fraction.trim_end_matches('0');
    Some(match fraction.is_empty() {
        true => whole.to_string(),
        false => format!("{whole}.{fraction}"),
    })
}

/// An indicator's value written as words: the words kept as its note,
/// the coefficient left for the assessor to fill in.
pub(super) fn text_as_note(text: &str) -> (Text, Text) {
    let note = toml_string(text);
    (
        Text::verbatim(format!("{{ coefficient = \"?\", note = {note} }}")),
        t!(
            "应为 0 到 1 之间的扣分系数，实际是文字：文字写在说明 note 里，再把 \"?\" 换成扣分系数",
            "expected a deduction coefficient from 0 to 1, found text: put the words in a note and replace \"?\" with the coefficient"
        ),
    )
}

/// What an assessor's verdict word says of an indicator (§8.3 c 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
    /// Conforms: coefficient 0.
    Conforms,
    /// Does not conform: coefficient 1, every point lost.
    Nonconforming,
}

impl Verdict {
    /// The coefficient the word stands for, with why.
    fn slip(self, written: &str) -> (Text, Text) {
        match self {
            Verdict::Conforms => (
                Text::verbatim("0"),
                t!(
                    "「{written}」即扣分系数 0：符合的指标不扣分（§8.3 c 1）",
                    "\"{written}\" is deduction coefficient 0: a conforming indicator loses nothing (§8.3 c 1)"
                ),
            ),
            Verdict::Nonconforming => (
                Text::verbatim("1"),
                t!(
                    "「{written}」即扣分系数 1：不符合的指标不得分（§8.3 c 1）",
                    "\"{written}\" is deduction coefficient 1: a nonconforming indicator loses all its points (§8.3 c 1)"
                ),
            ),
        }
    }
}

/// The verdict a word states, if it is one.
pub(super) fn verdict(value: &str) -> Option<Verdict> {
    let lowered = value.trim().to_lowercase();
    let conforms = [
        "符合",
        "合格",
        "通过",
        "conforms",
        "conform",
        "conforming",
        "pass",
    ];
    let nonconforming = [
        "不符合",
        "不合格",
        "未通过",
        "nonconforming",
        "non-conforming",
        "nonconformity",
        "does not conform",
        "not conforming",
        "fail",
    ];
    if conforms.contains(&lowered.as_str()) {
        Some(Verdict::Conforms)
    } else if nonconforming.contains(&lowered.as_str()) {
        Some(Verdict::Nonconforming)
    } else {
        None
    }
}

/// `0,5` → `0.5`.
pub(super) fn comma_decimal(value: &str) -> Option<String> {
    let (whole, fraction) = value.split_once(',')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(whole) && digits(fraction)).then(|| format!("{whole}.{fraction}"))
}

/// `50%` → `0.5`, `12.5%` → `0.125`: the decimal point moved two places,
/// exactly.
pub(super) fn percentage(value: &str) -> Option<String> {
    let number = value.strip_suffix('%')?.trim_end();
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let digits = format!("{whole:0>3}{fraction}");
    let (int, frac) = digits.split_at(digits.len() - 2 - fraction.len());
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    Some(match (int.is_empty(), frac.is_empty()) {
        (true, true) => "0".to_string(),
        (true, false) => format!("0.{frac}"),
        (false, true) => int.to_string(),
        (false, false) => format!("{int}.{frac}"),
    })
}

/// `3/8` → (3, 8): nonconforming of sampled.
pub(super) fn fraction(value: &str) -> Option<(u64, u64)> {
    let (top, bottom) = value.split_once('/')?;
    let top: u64 = top.trim().parse().ok()?;
    let bottom: u64 = bottom.trim().parse().ok()?;
    (bottom > 0 && top <= bottom).then_some((top, bottom))
}

/// A date written another way — `2026/11/20`, `2026.11.20`,
/// `2026年11月20日`, or quoted — as TOML writes it: `2026-11-20`.
pub(super) fn other_date(value: &str) -> Option<String> {
    let parts: Vec<&str> = value
        .trim_end_matches('日')
        .split(['/', '.', '年', '月', '-'])
        .map(str::trim)
        .collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str, most: usize| {
        (!s.is_empty() && s.len() <= most && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (year, month, day) = (number(year, 4)?, number(month, 2)?, number(day, 2)?);
    if year < 1000 || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let iso = format!("{year:04}-{month:02}-{day:02}");
    (iso != value).then_some(iso)
}

/// Whether `value` is shaped `2026-11-20`, as TOML writes a date.
pub(super) fn is_iso_date(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(at, b)| match at {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

/// Whether a value is words typed without quotes: not a number, date,
/// boolean, array or table.
pub(super) fn is_bare_text(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    first.is_alphabetic()
        && !value.contains(['=', '"', '\''])
        && !matches!(value, "true" | "false" | "inf" | "nan")
}

/// The field of a dotted key (`"4.3.a".coefficient` → `coefficient`),
/// the dot outside quotes.
fn dotted_field(key: &str) -> Option<&str> {
    let mut quote = None;
    let mut last_dot = None;
    for (at, c) in key.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '.') => last_dot = Some(at),
            _ => {}
        }
    }
    last_dot.map(|at| &key[at + 1..])
}
