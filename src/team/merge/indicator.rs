//! One indicator of a merge: the entries of the members who assessed it
//! joined into one, or the disagreement between them.

use super::resolutions::Resolution;
use super::{Conflict, Side, Subject};
use crate::audit::{Entry, Measure, Resolved, SampleItem, Samples, Status, Taken};
use crate::message::{Text, t};

/// What an entry finds, texts aside: two members agree when theirs are
/// equal. A coefficient is compared exactly (`0.5` = `0.50`).
#[derive(Debug, PartialEq)]
enum Verdict<'a> {
    Measure(&'a Measure),
    Excluded,
    Rejected(&'a Measure),
}

fn verdict(entry: &Entry) -> Verdict<'_> {
    match &entry.status {
        Status::Assessed(measure) => Verdict::Measure(measure),
        Status::ExclusionRejected { measure, .. } => Verdict::Rejected(measure),
        Status::Excluded { .. } | Status::Unassessed => Verdict::Excluded,
    }
}

/// The entries `given` (member, entry; at least one) joined: one taken,
/// the same verdict agreed, items pooled; else the disagreement.
pub(super) fn join(index: usize, given: &[(&str, &Entry)]) -> Result<Entry, Conflict> {
    let sampled_items = given.iter().all(|(_, entry)| entry.samples.is_some());
    if given.len() > 1 && sampled_items && same_kind(given) {
        return pool(index, given);
    }
    let (_, first) = given[0];
    if given
        .iter()
        .any(|(_, entry)| verdict(entry) != verdict(first))
        || given
            .iter()
            .any(|(_, entry)| entry.samples.is_some() != first.samples.is_some())
        || !same_population(given)
    {
        return Err(Conflict {
            subject: Subject::Indicator(index),
            detail: None,
            sides: sides(given),
        });
    }
    Ok(combined(
        first.status.clone(),
        given,
        first.samples.clone(),
        None,
    ))
}

/// Whether all are assessed, or all rejected exclusions: the kinds whose
/// items can pool.
fn same_kind(given: &[(&str, &Entry)]) -> bool {
    let rejected = |entry: &Entry| matches!(entry.status, Status::ExclusionRejected { .. });
    given
        .iter()
        .all(|(_, entry)| rejected(entry) == rejected(given[0].1))
}

/// Whether the populations given agree (one not given agrees with any).
fn same_population(given: &[(&str, &Entry)]) -> bool {
    let mut stated = given.iter().filter_map(|(_, entry)| entry.population);
    let first = stated.next();
    stated.all(|population| Some(population) == first)
}

/// Items pooled by item: the same item judged the same way once, judged
/// two ways a disagreement; the draws, when written, must be one.
fn pool(index: usize, given: &[(&str, &Entry)]) -> Result<Entry, Conflict> {
    let (pooled, disputed) = pooled_items(given, None);
    let draws: Vec<_> = given
        .iter()
        .map(|(_, entry)| entry.samples.as_ref().and_then(|s| s.drawn.as_ref()))
        .collect();
    let same_draw = draws.iter().all(|drawn| *drawn == draws[0]);
    if !disputed.is_empty() || !same_draw || !same_population(given) {
        return Err(Conflict {
            subject: Subject::Indicator(index),
            detail: (!disputed.is_empty()).then(|| disputed.join("、")),
            sides: item_sides(given, &disputed),
        });
    }
    let samples = Samples {
        items: pooled,
        drawn: draws[0].cloned(),
    };
    Ok(combined(
        pooled_status(given, &samples),
        given,
        Some(samples),
        None,
    ))
}

/// The items of all entries by item, in first-seen order, each judged as
/// its first member judged it, or as `taken` (a member) judged it where
/// members differ; and the items judged two ways.
fn pooled_items(given: &[(&str, &Entry)], taken: Option<&str>) -> (Vec<SampleItem>, Vec<String>) {
    let mut items: Vec<SampleItem> = Vec::new();
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut disputed: Vec<String> = Vec::new();
    for (member, entry) in given {
        for item in entry.samples.iter().flat_map(|samples| &samples.items) {
            match at.get(&item.item) {
                None => {
                    at.insert(item.item.clone(), items.len());
                    items.push(item.clone());
                }
                Some(&known) => {
                    let first = &items[known];
                    if first.conforms != item.conforms || first.site != item.site {
                        if !disputed.contains(&item.item) {
                            disputed.push(item.item.clone());
                        }
                        if taken == Some(*member) {
                            items[known] = item.clone();
                        }
                    } else if item.record.is_some() && first.record != item.record {
                        let joined =
                            joined_texts([first.record.as_deref(), item.record.as_deref()]);
                        items[known].record = joined;
                    }
                }
            }
        }
    }
    (items, disputed)
}

/// The status of pooled items: assessed, or a rejected exclusion, as the
/// entries were, scored by all items.
fn pooled_status(given: &[(&str, &Entry)], samples: &Samples) -> Status {
    match &given[0].1.status {
        Status::ExclusionRejected { .. } => {
            let reason = joined_texts(given.iter().map(|(_, e)| match &e.status {
                Status::ExclusionRejected { reason, .. } => Some(reason.as_str()),
                _ => None,
            }));
            let rejection = joined_texts(given.iter().map(|(_, e)| match &e.status {
                Status::ExclusionRejected { rejection, .. } => Some(rejection.as_str()),
                _ => None,
            }));
            Status::ExclusionRejected {
                reason: reason.unwrap_or_default(),
                rejection: rejection.unwrap_or_default(),
                measure: samples.measure(),
            }
        }
        _ => Status::Assessed(samples.measure()),
    }
}

/// The entry of `status` with the texts of every entry given (the same
/// text once; different ones each under its member's name) and who
/// assessed it.
fn combined(
    status: Status,
    given: &[(&str, &Entry)],
    samples: Option<Samples>,
    resolved: Option<Resolved>,
) -> Entry {
    let labelled = |text: fn(&Entry) -> Option<&str>| {
        let texts: Vec<Option<&str>> = given.iter().map(|(_, entry)| text(entry)).collect();
        let distinct = texts
            .iter()
            .flatten()
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        match distinct {
            0 => None,
            1 => texts.into_iter().flatten().next().map(str::to_string),
            _ => Some(
                (given.iter().zip(&texts))
                    .filter_map(|((member, _), text)| Some(format!("{member}：{}", (*text)?)))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        }
    };
    let status = match status {
        Status::Excluded { reason } => Status::Excluded {
            reason: labelled(|e| match &e.status {
                Status::Excluded { reason } => Some(reason),
                _ => None,
            })
            .unwrap_or(reason),
        },
        other => other,
    };
    let mut by: Vec<String> = Vec::new();
    for (member, entry) in given {
        for name in entry.by.iter().map(String::as_str).chain([*member]) {
            if !by.iter().any(|known| known == name) {
                by.push(name.to_string());
            }
        }
    }
    Entry {
        status,
        record: labelled(|e| e.record.as_deref()),
        note: labelled(|e| e.note.as_deref()),
        population: given.iter().find_map(|(_, entry)| entry.population),
        samples,
        by,
        resolved,
    }
}

/// Texts joined: the same once, different ones on lines of their own.
fn joined_texts<'a>(texts: impl IntoIterator<Item = Option<&'a str>>) -> Option<String> {
    let mut seen: Vec<&str> = Vec::new();
    for text in texts.into_iter().flatten() {
        if !seen.contains(&text) {
            seen.push(text);
        }
    }
    (!seen.is_empty()).then(|| seen.join("\n"))
}

/// The entry a resolution settles on: the member's (their items where
/// items differ, the others pooled), or the value agreed; the texts of
/// all, the resolution recorded.
pub(super) fn settled(
    index: usize,
    given: &[(&str, &Entry)],
    member: Option<&str>,
    resolution: &Resolution,
) -> Entry {
    let _ = index;
    let resolved = Resolved {
        taken: resolution.taken.clone(),
        why: resolution.why.clone(),
    };
    match (&resolution.taken, member) {
        (Taken::Member(_), Some(member)) => {
            let (_, taken) = given
                .iter()
                .find(|(m, _)| *m == member)
                .copied()
                .unwrap_or(given[0]);
            let sampled_items = given.iter().all(|(_, entry)| entry.samples.is_some());
            if sampled_items && same_kind(given) {
                let (items, _) = pooled_items(given, Some(member));
                let samples = Samples {
                    items,
                    drawn: taken.samples.as_ref().and_then(|s| s.drawn.clone()),
                };
                let status = pooled_status(given, &samples);
                let mut entry = combined(status, given, Some(samples), Some(resolved));
                entry.population = taken.population.or(entry.population);
                return entry;
            }
            let mut entry = combined(
                taken.status.clone(),
                given,
                taken.samples.clone(),
                Some(resolved),
            );
            entry.population = taken.population;
            entry
        }
        (Taken::Value(value, _), _) => {
            let mut entry = combined(
                Status::Assessed(Measure::Coefficient(value.clone())),
                given,
                None,
                Some(resolved),
            );
            entry.population = None;
            entry
        }
        (Taken::Member(_), None) => {
            combined(given[0].1.status.clone(), given, None, Some(resolved))
        }
    }
}

/// Each member's side: what they found, and their record.
fn sides(given: &[(&str, &Entry)]) -> Vec<Side> {
    (given.iter())
        .map(|(member, entry)| Side {
            member: member.to_string(),
            value: described(entry),
            record: entry.record.clone(),
        })
        .collect()
}

/// Each member's side of an item disagreement: how they judged the items
/// in dispute (or their sample, when the draws or populations differ).
fn item_sides(given: &[(&str, &Entry)], disputed: &[String]) -> Vec<Side> {
    if disputed.is_empty() {
        return sides(given);
    }
    (given.iter())
        .filter_map(|(member, entry)| {
            let items = &entry.samples.as_ref()?.items;
            let judged: Vec<&SampleItem> = (items.iter())
                .filter(|item| disputed.contains(&item.item))
                .collect();
            if judged.is_empty() {
                return None;
            }
            let zh: Vec<String> = judged
                .iter()
                .map(|item| {
                    format!(
                        "{} {}",
                        item.item,
                        if item.conforms { "符合" } else { "不符合" }
                    )
                })
                .collect();
            let en: Vec<String> = judged
                .iter()
                .map(|item| {
                    format!(
                        "{} {}",
                        item.item,
                        if item.conforms {
                            "conforms"
                        } else {
                            "does not conform"
                        }
                    )
                })
                .collect();
            let records: Vec<&str> = judged
                .iter()
                .filter_map(|item| item.record.as_deref())
                .collect();
            Some(Side {
                member: member.to_string(),
                value: Text::new(zh.join("；"), en.join("; ")),
                record: (!records.is_empty()).then(|| records.join("\n")),
            })
        })
        .collect()
}

/// What an entry finds, in both languages: `扣分系数 0.5`, `删减：…`.
pub(super) fn described(entry: &Entry) -> Text {
    let measure = |measure: &Measure| match (measure, &entry.samples) {
        (_, Some(samples)) => {
            let (n, k) = (samples.sampled(), samples.nonconforming());
            t!(
                "样本 {n} 个，不符合 {k} 个",
                "{n} items, {k} not conforming"
            )
        }
        (Measure::Coefficient(value), None) => {
            let shown = super::write::decimal(value);
            t!("扣分系数 {shown}", "coefficient {shown}")
        }
        (
            Measure::Sample {
                sampled,
                nonconforming,
            },
            None,
        ) => {
            t!(
                "抽样 {sampled} 个，不符合 {nonconforming} 个",
                "sampled {sampled}, {nonconforming} nonconforming"
            )
        }
    };
    match &entry.status {
        Status::Assessed(m) => measure(m),
        Status::Excluded { reason } => {
            let shown = crate::input::shortened(reason);
            t!("删减：{shown}", "excluded: {shown}")
        }
        Status::ExclusionRejected { measure: m, .. } => {
            let found = measure(m);
            Text::new(
                format!("删减理由不成立，{}", found.zh),
                format!("exclusion rejected, {}", found.en),
            )
        }
        Status::Unassessed => t!("未评价", "not assessed"),
    }
}
