//! The merged audit written as TOML: every value as the parts gave it
//! (coefficients exact, as decimals), with `by`, `resolved` and
//! `[[merged]]`, in the layout of the project's examples.

use super::Merged;
use crate::audit::{Entry, Measure, Resolved, Status, Taken};
use crate::checklist::Checklist;
use crate::number::Exact;
use num_traits::Zero;
use std::fmt::Write as _;

/// `value` as a decimal, exactly: every coefficient an audit holds was
/// written as a decimal (TOML, or a form's cell), so one always exists
/// within the places a cell or a literal can hold.
pub(super) fn decimal(value: &Exact) -> String {
    // A decimal's denominator is 2^a·5^b; it needs max(a, b) places.
    let (two, five) = (num_bigint::BigInt::from(2), num_bigint::BigInt::from(5));
    let mut denominator = value.denom();
    let (mut twos, mut fives) = (0u32, 0u32);
    while (&denominator % &two).is_zero() {
        denominator /= &two;
        twos += 1;
    }
    while (&denominator % &five).is_zero() {
        denominator /= &five;
        fives += 1;
    }
    debug_assert!(
        denominator == 1.into(),
        "every coefficient read was a decimal"
    );
    let places = twos.max(fives);
    let written = crate::number::trimmed(value, places);
    // Past the 40 digits an audit reads in a literal (a part may write
    // 1e-70), the digits and an exponent: the same value, read back.
    if written.len() <= 40 || value.is_zero() {
        return written;
    }
    let power = num_traits::pow(num_bigint::BigInt::from(10), places as usize);
    let digits = value * &Exact::new(power, 1.into());
    format!("{}e-{places}", digits.numer())
}

/// `text` as a TOML basic string that reads back as exactly `text`, so
/// that a record of several lines stays on its line of an inline table.
pub(super) fn quoted(text: &str) -> String {
    crate::text::toml_string(text)
}

/// Names: one as a string, several as a list.
fn names(names: &[String]) -> String {
    match names {
        [one] => quoted(one),
        many => format!(
            "[{}]",
            many.iter()
                .map(|n| quoted(n))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The merged audit as TOML, headed by what was merged.
pub fn merged_toml(checklist: &Checklist, merged: &Merged) -> String {
    let audit = &merged.audit;
    let mut out = String::new();
    out.push_str(
        "# 由 bscore merge 合并（merged by bscore merge）：各部分及解决记录见文末 [[merged]]\n",
    );
    for note in &merged.field_notes {
        let _ = writeln!(
            out,
            "# 已解决的表头分歧（settled）：{}",
            note.replace('\n', " ")
        );
    }
    let meta = &audit.meta;
    out.push_str("\n[audit]\n");
    if let Some(standard) = &meta.standard {
        let _ = writeln!(out, "standard = {}", quoted(standard));
    }
    let _ = writeln!(out, "organization = {}", quoted(&meta.organization));
    let _ = writeln!(out, "service = {}", quoted(&meta.service));
    let _ = writeln!(
        out,
        "assessors = [{}]",
        meta.assessors
            .iter()
            .map(|n| quoted(n))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(out, "date = {}", meta.date);
    if let Some(start) = meta.cycle_start.filter(|start| *start != meta.date) {
        let _ = writeln!(out, "cycle_start = {start}");
    }
    let _ = writeln!(out, "kind = \"{}\"", meta.kind.id());
    if meta.unassessed_conform {
        out.push_str("unassessed = \"conform\"\n");
    }
    for site in &audit.sites {
        let _ = write!(
            out,
            "\n[[sites]]\nid = {}\nname = {}\n",
            quoted(&site.id),
            quoted(&site.name)
        );
    }
    out.push_str("\n[indicators]\n");
    for (entry, indicator) in audit.entries.iter().zip(&checklist.indicators) {
        if entry.status == Status::Unassessed {
            continue;
        }
        let _ = writeln!(
            out,
            "{} = {{ {} }}",
            quoted(&indicator.id),
            entry_keys(entry).join(", ")
        );
    }
    for deduction in &audit.special_deductions {
        let _ = write!(
            out,
            "\n[[special_deductions]]\nkind = {}\nfinding = {}\n",
            quoted(&deduction.kind),
            quoted(&deduction.finding)
        );
        if !deduction.by.is_empty() {
            let _ = writeln!(out, "by = {}", names(&deduction.by));
        }
    }
    if let Some(bonus) = &audit.bonus {
        let _ = write!(out, "\n[bonus]\npractice = {}\n", quoted(&bonus.practice));
        if !bonus.by.is_empty() {
            let _ = writeln!(out, "by = {}", names(&bonus.by));
        }
        if let Some(resolved) = &bonus.resolved {
            let _ = writeln!(out, "resolved = {}", resolved_table(resolved));
        }
    }
    for file in &audit.merged {
        out.push_str("\n[[merged]]\n");
        if let Some(part) = &file.part {
            let _ = writeln!(out, "part = {}", quoted(part));
        }
        let _ = write!(
            out,
            "file = {}\nsha256 = \"{}\"\n",
            quoted(&file.file),
            file.sha256
        );
    }
    out
}

/// An indicator's keys, in the order the format lists them.
fn entry_keys(entry: &Entry) -> Vec<String> {
    let mut keys = Vec::new();
    let measure = match &entry.status {
        Status::Assessed(measure) => Some(measure),
        Status::Excluded { reason } => {
            keys.push(format!("excluded = {}", quoted(reason)));
            None
        }
        Status::ExclusionRejected {
            reason,
            rejection,
            measure,
        } => {
            keys.push(format!("excluded = {}", quoted(reason)));
            keys.push(format!("rejected = {}", quoted(rejection)));
            Some(measure)
        }
        Status::Unassessed => None,
    };
    match (measure, &entry.samples) {
        (Some(_), Some(samples)) => {
            let items: Vec<String> = (samples.items.iter())
                .map(|item| {
                    let mut keys = vec![format!("item = {}", quoted(&item.item))];
                    if let Some(site) = &item.site {
                        keys.push(format!("site = {}", quoted(site)));
                    }
                    keys.push(format!("conforms = {}", item.conforms));
                    if let Some(record) = &item.record {
                        keys.push(format!("record = {}", quoted(record)));
                    }
                    format!("{{ {} }}", keys.join(", "))
                })
                .collect();
            keys.push(format!("samples = [{}]", items.join(", ")));
            if let Some(drawn) = &samples.drawn {
                keys.push(format!(
                    "drawn = {{ seed = {}, from = {}, sha256 = \"{}\" }}",
                    quoted(&drawn.seed),
                    quoted(&drawn.from),
                    drawn.sha256
                ));
            }
        }
        (Some(Measure::Coefficient(value)), None) => {
            keys.push(format!("coefficient = {}", decimal(value)))
        }
        (
            Some(Measure::Sample {
                sampled,
                nonconforming,
            }),
            None,
        ) => {
            keys.push(format!(
                "sampled = {sampled}, nonconforming = {nonconforming}"
            ));
        }
        (None, _) => {}
    }
    if let Some(population) = entry.population {
        keys.push(format!("population = {population}"));
    }
    if let Some(record) = &entry.record {
        keys.push(format!("record = {}", quoted(record)));
    }
    if let Some(note) = &entry.note {
        keys.push(format!("note = {}", quoted(note)));
    }
    if !entry.by.is_empty() {
        keys.push(format!("by = {}", names(&entry.by)));
    }
    if let Some(resolved) = &entry.resolved {
        keys.push(format!("resolved = {}", resolved_table(resolved)));
    }
    keys
}

/// `{ take = "赵六", why = "…" }` or `{ value = 0.5, why = "…" }`.
fn resolved_table(resolved: &Resolved) -> String {
    let taken = match &resolved.taken {
        Taken::Member(member) => format!("take = {}", quoted(member)),
        Taken::Value(value, _) => format!("value = {}", decimal(value)),
    };
    format!("{{ {taken}, why = {} }}", quoted(&resolved.why))
}
