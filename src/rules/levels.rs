//! Reading a rule's `levels`: each a coefficient in 0..=1 of at most four
//! places, or `{ coefficient, when }`; no two equal, 0 among them, at most
//! [`MAX_LEVELS`]; lowest first.

use super::Level;
use super::reader::Reader;
use super::values::{Value, known_keys, list_of, misnamed, not_a_number, written_text};
use crate::audit::slips::Expecting;
use crate::diagnostic::Diagnostic;
use crate::message::Text;
use crate::message::t;
use crate::number::{Exact, parse_decimal};
use num_traits::{One, Zero};
use std::ops::Range;
use toml::de::DeValue;

/// The most levels a list may hold: a 细则 grades an indicator in a
/// handful of steps. Bounded because `[defaults]` is shown again for every
/// indicator it applies to: 86 copies of a list of a million levels took
/// gigabytes (found by a hostile probe).
pub(super) const MAX_LEVELS: usize = 20;

/// `levels`: each in 0..=1, no two equal, 0 among them; lowest first.
pub(super) fn levels(r: &mut Reader<'_>, value: &Value<'_>, key: &str) -> Option<Vec<Level>> {
    let term = ("扣分等级", "the levels");
    let items = list_of(r, value, key, term, "[0, 0.5, 1]")?;
    if items.len() > MAX_LEVELS {
        let count = items.len();
        r.errors.push(
            Diagnostic::new(t!(
                "扣分等级 levels 有 {count} 级，最多 {MAX_LEVELS} 级",
                "levels list {count} steps; at most {MAX_LEVELS} are allowed"
            ))
            .at(value.span())
            .key(key.to_string())
            .help(t!(
                "把相近的情形并为一级；不限制扣分系数则删去 levels",
                "merge close cases into one level; to allow any coefficient, delete levels"
            )),
        );
        return None;
    }
    if items.is_empty() {
        r.errors.push(
            Diagnostic::new(t!(
                "扣分等级 levels 不能为空：至少写上 0（符合要求，得满分）",
                "levels must not be empty: list at least 0 (conforming, full points)"
            ))
            .at(value.span())
            .key(key.to_string())
            .help(t!(
                "如 levels = [0, 1]；不限制扣分系数则删去 levels",
                "such as levels = [0, 1]; to allow any coefficient, delete levels"
            )),
        );
        return None;
    }
    let read: Vec<Option<(Level, Range<usize>)>> =
        items.iter().map(|item| level(r, item, key)).collect();
    let mut levels: Vec<(Level, Range<usize>)> = read.into_iter().collect::<Option<_>>()?;
    // Lowest first; equal ones in file order, so the later is reported.
    levels.sort_by(|(a, a_at), (b, b_at)| {
        (a.coefficient.cmp(&b.coefficient)).then(a_at.start.cmp(&b_at.start))
    });
    let mut ok = true;
    for pair in levels.windows(2) {
        let [(first, first_at), (second, second_at)] = pair else {
            continue;
        };
        if first.coefficient == second.coefficient {
            let (line, written, again) = (
                r.lines.line(first_at.start),
                &first.written,
                &second.written,
            );
            r.errors.push(
                Diagnostic::new(t!(
                    "扣分系数 {again} 与第 {line} 行的 {written} 相等：每个系数只写一次",
                    "the coefficient {again} equals {written} on line {line}: list each coefficient once"
                ))
                .at(second_at.clone())
                .key(key.to_string())
                .help(t!("删去其中一个，把条件合在一起", "delete one, with both conditions in the other")),
            );
            ok = false;
        }
    }
    // A level on a line set aside for its syntax may be the 0 (found by a
    // hostile probe): then the list is not said to lack one.
    let span = value.span();
    let set_aside = (r.errors.iter())
        .filter_map(|error| error.span.as_ref())
        .any(|at| span.start <= at.start && at.end <= span.end);
    if levels
        .first()
        .is_some_and(|(level, _)| !level.coefficient.is_zero())
        && !set_aside
    {
        r.errors.push(no_zero(span, key));
        ok = false;
    }
    ok.then(|| levels.into_iter().map(|(level, _)| level).collect())
}

/// A levels list without 0.
fn no_zero(span: Range<usize>, key: &str) -> Diagnostic {
    Diagnostic::new(t!(
        "扣分等级 levels 中没有 0：符合要求的服务总能得满分",
        "levels do not list 0: a conforming service can always earn full points"
    ))
    .at(span)
    .key(key.to_string())
    .help(t!(
        "加上 {{ coefficient = 0, when = \"符合要求的情形\" }}",
        "add {{ coefficient = 0, when = \"what conforming looks like\" }}"
    ))
}

/// One level: a coefficient, or `{ coefficient, when }`; with its place.
fn level(r: &mut Reader<'_>, item: &Value<'_>, key: &str) -> Option<(Level, Range<usize>)> {
    let Some(table) = item.get_ref().as_table() else {
        let (coefficient, written) = coefficient(r, item, key)?;
        let level = Level {
            coefficient,
            written,
            when: None,
        };
        return Some((level, item.span()));
    };
    known_keys(r, table, key, &["coefficient", "when"]);
    let when = (table.get("when")).map(|when| {
        written_text(
            r,
            when,
            &format!("{key}.when"),
            ("条件（when）", "the condition `when`"),
        )
    });
    let Some(value) = table.get("coefficient") else {
        if misnamed(table, "coefficient", &["coefficient", "when"]) {
            // Reported once: as the key misnamed, `coefficient` suggested.
            return None;
        }
        r.errors.push(
            Diagnostic::new(t!(
                "这一级缺少扣分系数 coefficient",
                "this level has no coefficient"
            ))
            .at(item.span())
            .key(key.to_string())
            .help(t!(
                "写成 {{ coefficient = 0.5, when = \"条件\" }}",
                "write {{ coefficient = 0.5, when = \"condition\" }}"
            )),
        );
        return None;
    };
    let coefficient = coefficient(r, value, &format!("{key}.coefficient"));
    let when = when.map_or(Some(None), |when| when.map(Some))?;
    let (coefficient, written) = coefficient?;
    if table
        .keys()
        .any(|k| !["coefficient", "when"].contains(&k.get_ref().as_ref()))
    {
        return None;
    }
    let level = Level {
        coefficient,
        written,
        when,
    };
    Some((level, value.span()))
}

/// A deduction coefficient, exact as written, in 0..=1, and its literal.
fn coefficient(r: &mut Reader<'_>, value: &Value<'_>, key: &str) -> Option<(Exact, String)> {
    let written = r.written(value.span()).trim().to_string();
    let exact = match value.get_ref() {
        DeValue::Integer(integer) if integer.radix() == 10 => parse_decimal(&written),
        DeValue::Float(_) => parse_decimal(&written),
        DeValue::Integer(_) => Err(crate::number::DecimalError::Malformed),
        _ => return not_a_number(r, value, key, Expecting::Coefficient),
    };
    let shown = crate::text::shortened(&written);
    let places = crate::number::COEFFICIENT_PLACES;
    let problem = match exact {
        Ok(exact) if exact.is_negative() || exact > Exact::one() => t!(
            "扣分系数应在 0 到 1 之间，实际为 {shown}",
            "a deduction coefficient must be from 0 to 1, found {shown}"
        ),
        // Reports show a coefficient to four places: two levels closer
        // than that (0 and 1e-1000) would print as the same.
        Ok(exact) if crate::number::cut(&exact, places) != exact => t!(
            "扣分等级的扣分系数最多写 {places} 位小数（报告显示到 {places} 位），实际为 {shown}",
            "a level's coefficient has at most {places} decimal places (reports show {places}), found {shown}"
        ),
        Ok(exact) => {
            return Some((exact, written));
        }
        Err(error) => Text::verbatim(format!("`{shown}` ")).joined(("", ""), &error.text()),
    };
    r.errors.push(
        Diagnostic::new(problem)
            .at(value.span())
            .key(key.to_string()),
    );
    None
}
