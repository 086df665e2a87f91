//! One indicator of a merge: the entries of the members who assessed it
//! joined into one, or the disagreement between them.

use super::{Conflict, Side, Subject};
use crate::audit::{Entry, Measure, Resolved, SampleItem, Samples, Status, Taken};
use crate::message::{Text, t};
use std::collections::{BTreeSet, HashMap, HashSet};

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
    let differ = given.iter().any(|(_, entry)| {
        verdict(entry) != verdict(first) || entry.samples.is_some() != first.samples.is_some()
    });
    if differ || !same_population(given) {
        return Err(Conflict {
            subject: Subject::Indicator(index),
            detail: None,
            sides: sides(given),
            // A value settles a coefficient or an exclusion, never items.
            value_allowed: given.iter().all(|(_, entry)| entry.samples.is_none()),
        });
    }
    let samples = first.samples.clone();
    Ok(combined(first.status.clone(), given, samples, None))
}

/// Whether all are assessed, or all rejected exclusions: the kinds whose
/// items can pool.
fn same_kind(given: &[(&str, &Entry)]) -> bool {
    let rejected = |entry: &Entry| matches!(entry.status, Status::ExclusionRejected { .. });
    (given.iter()).all(|(_, entry)| rejected(entry) == rejected(given[0].1))
}

/// Whether the populations given agree (one not given agrees with any).
fn same_population(given: &[(&str, &Entry)]) -> bool {
    let mut stated = given.iter().filter_map(|(_, entry)| entry.population);
    let first = stated.next();
    stated.all(|population| Some(population) == first)
}

/// Items pooled by item: the same item judged the same way once, judged
/// two ways (or at two sites) a disagreement; the draws and populations,
/// when written, must be one.
fn pool(index: usize, given: &[(&str, &Entry)]) -> Result<Entry, Conflict> {
    let (pooled, disputed) = pooled_items(given, None);
    let same_draw = given
        .iter()
        .all(|(_, entry)| draw(entry) == draw(given[0].1));
    if !disputed.is_empty() || !same_draw || !same_population(given) {
        return Err(Conflict {
            subject: Subject::Indicator(index),
            detail: (!disputed.is_empty()).then(|| listed(&disputed)),
            sides: item_sides(given, &disputed),
            value_allowed: false,
        });
    }
    let samples = Samples {
        items: pooled,
        drawn: draw(given[0].1).cloned(),
    };
    let status = pooled_status(given, &samples);
    Ok(combined(status, given, Some(samples), None))
}

/// How an entry's items were drawn, if it says.
fn draw(entry: &Entry) -> Option<&crate::audit::Drawn> {
    entry
        .samples
        .as_ref()
        .and_then(|samples| samples.drawn.as_ref())
}

/// Items named in a line: the first twenty, then how many more.
fn listed(items: &[String]) -> String {
    const SHOWN: usize = 20;
    let shown: Vec<String> = (items.iter().take(SHOWN))
        .map(|item| crate::input::shortened(item))
        .collect();
    match items.len().saturating_sub(SHOWN) {
        0 => shown.join("、"),
        more => format!("{}…（+{more}）", shown.join("、")),
    }
}

/// The items of all entries by item, in first-seen order, each judged as
/// its first member judged it, or as `taken` (a member) judged it where
/// members differ; and the items judged two ways, in first-seen order.
/// One pass, each item looked up by name.
fn pooled_items(given: &[(&str, &Entry)], taken: Option<&str>) -> (Vec<SampleItem>, Vec<String>) {
    let mut items: Vec<SampleItem> = Vec::new();
    let mut at: HashMap<&str, (usize, &str)> = HashMap::new();
    let mut disputed: Vec<String> = Vec::new();
    let mut seen_disputed: HashSet<&str> = HashSet::new();
    let mut labelled_items: HashSet<usize> = HashSet::new();
    for (member, entry) in given {
        for item in entry.samples.iter().flat_map(|samples| &samples.items) {
            let Some(&(known, first_member)) = at.get(item.item.as_str()) else {
                at.insert(&item.item, (items.len(), member));
                items.push(item.clone());
                continue;
            };
            let first = &items[known];
            if first.conforms != item.conforms || first.site != item.site {
                if seen_disputed.insert(&item.item) {
                    disputed.push(item.item.clone());
                }
                if taken == Some(*member) {
                    items[known] = item.clone();
                }
            } else if item.record.is_some() && first.record != item.record {
                // Each member's record of the item, under their name
                // (the first's labelled once, when a second differs).
                let first_record = match labelled_items.insert(known) {
                    true => first
                        .record
                        .as_deref()
                        .map(|r| format!("{first_member}：{r}")),
                    false => first.record.clone(),
                };
                let theirs = item.record.as_deref().map(|r| format!("{member}：{r}"));
                let joined = joined_texts([first_record.as_deref(), theirs.as_deref()]);
                items[known].record = joined;
            }
        }
    }
    (items, disputed)
}

/// The status of pooled items: assessed, or a rejected exclusion, as the
/// entries were, scored by all items.
fn pooled_status(given: &[(&str, &Entry)], samples: &Samples) -> Status {
    match &given[0].1.status {
        Status::ExclusionRejected { .. } => Status::ExclusionRejected {
            reason: joined_texts(given.iter().map(|(_, e)| reason_of(e))).unwrap_or_default(),
            rejection: joined_texts(given.iter().map(|(_, e)| rejection_of(e))).unwrap_or_default(),
            measure: samples.measure(),
        },
        _ => Status::Assessed(samples.measure()),
    }
}

/// An exclusion's reason, claimed or rejected.
fn reason_of(entry: &Entry) -> Option<&str> {
    match &entry.status {
        Status::Excluded { reason } | Status::ExclusionRejected { reason, .. } => Some(reason),
        _ => None,
    }
}

/// Why an exclusion was rejected.
fn rejection_of(entry: &Entry) -> Option<&str> {
    match &entry.status {
        Status::ExclusionRejected { rejection, .. } => Some(rejection),
        _ => None,
    }
}

/// The texts of the entries given: the same text once; different ones
/// each under its member's name, a line each.
fn labelled<'a>(
    given: &[(&'a str, &'a Entry)],
    text: impl Fn(&'a Entry) -> Option<&'a str>,
) -> Option<String> {
    let texts: Vec<Option<&str>> = given.iter().map(|(_, entry)| text(entry)).collect();
    let distinct = texts.iter().flatten().collect::<BTreeSet<_>>().len();
    // One text all wrote is said once; one only some wrote is theirs,
    // and says so (a record of another side's finding, unnamed, would
    // read as the merged finding's).
    match distinct {
        0 => None,
        1 if texts.iter().all(Option::is_some) => {
            texts.into_iter().flatten().next().map(str::to_string)
        }
        _ => Some(
            (given.iter().zip(&texts))
                .filter_map(|((member, _), text)| Some(format!("{member}：{}", (*text)?)))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    }
}

/// The entry of `status` with the texts of every entry given (reasons,
/// rejections, records and notes: each member's kept) and who assessed
/// it.
fn combined(
    status: Status,
    given: &[(&str, &Entry)],
    samples: Option<Samples>,
    resolved: Option<Resolved>,
) -> Entry {
    let status = match status {
        Status::Excluded { reason } => Status::Excluded {
            reason: labelled(given, reason_of).unwrap_or(reason),
        },
        Status::ExclusionRejected {
            reason,
            rejection,
            measure,
        } => Status::ExclusionRejected {
            reason: labelled(given, reason_of).unwrap_or(reason),
            rejection: labelled(given, rejection_of).unwrap_or(rejection),
            measure,
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
        record: labelled(given, |e| e.record.as_deref()),
        note: labelled(given, |e| e.note.as_deref()),
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

/// The items in dispute that `member` did not judge: a `take` of them
/// would settle them by the order the parts were given, not by anyone's
/// judgement.
pub(super) fn unjudged(given: &[(&str, &Entry)], member: &str) -> Vec<String> {
    let (_, disputed) = pooled_items(given, None);
    let judged: HashSet<&str> = (given.iter())
        .filter(|(m, _)| *m == member)
        .flat_map(|(_, entry)| entry.samples.iter().flat_map(|s| &s.items))
        .map(|item| item.item.as_str())
        .collect();
    (disputed.into_iter())
        .filter(|item| !judged.contains(item.as_str()))
        .collect()
}

/// The entry a resolution settles on, the resolution recorded and every
/// member's texts kept: for items judged two ways, the member's judgement
/// of them with the others pooled; for any other disagreement (another
/// coefficient, population, draw or kind of finding), the member's
/// entry whole; for a value, that coefficient.
pub(super) fn settled(
    given: &[(&str, &Entry)],
    member: Option<&str>,
    items_disputed: bool,
    resolved: Resolved,
) -> Entry {
    let mut entry = settled_entry(given, member, items_disputed, resolved);
    keep_claims(&mut entry, given);
    entry
}

/// An exclusion a member claimed that the settled entry does not keep
/// (a value, or another member's assessment, was taken): kept in the
/// note under the member's name, so the merged audit still shows it.
fn keep_claims(entry: &mut Entry, given: &[(&str, &Entry)]) {
    if reason_of(entry).is_some() {
        return;
    }
    let claims: Vec<String> = (given.iter())
        .flat_map(|(member, e)| {
            let claim =
                reason_of(e).map(|reason| format!("{member}（删减理由 excluded）：{reason}"));
            let rejection =
                rejection_of(e).map(|why| format!("{member}（删减理由不成立 rejected）：{why}"));
            claim.into_iter().chain(rejection)
        })
        .collect();
    if claims.is_empty() {
        return;
    }
    let note = entry
        .note
        .take()
        .into_iter()
        .chain(claims)
        .collect::<Vec<_>>()
        .join("\n");
    entry.note = Some(note);
}

fn settled_entry(
    given: &[(&str, &Entry)],
    member: Option<&str>,
    items_disputed: bool,
    resolved: Resolved,
) -> Entry {
    let taken = (given.iter())
        .find(|(m, _)| Some(*m) == member)
        .map_or(given[0].1, |(_, entry)| *entry);
    if let Taken::Value(value, _) = &resolved.taken {
        let status = Status::Assessed(Measure::Coefficient(value.clone()));
        let mut entry = combined(status, given, None, Some(resolved));
        entry.population = None;
        return entry;
    }
    if items_disputed {
        let (items, _) = pooled_items(given, member);
        let drawn = taken.samples.as_ref().and_then(|s| s.drawn.clone());
        let samples = Samples { items, drawn };
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
/// in dispute, and where (or their sample, when the draws or populations
/// differ).
fn item_sides(given: &[(&str, &Entry)], disputed: &[String]) -> Vec<Side> {
    if disputed.is_empty() {
        return sides(given);
    }
    let disputed: HashSet<&str> = disputed.iter().map(String::as_str).collect();
    (given.iter())
        .filter_map(|(member, entry)| {
            let items = &entry.samples.as_ref()?.items;
            let judged: Vec<&SampleItem> = (items.iter())
                .filter(|item| disputed.contains(item.item.as_str()))
                .take(20)
                .collect();
            if judged.is_empty() {
                return None;
            }
            let zh: Vec<String> = judged.iter().map(|item| judged_zh(item)).collect();
            let en: Vec<String> = judged.iter().map(|item| judged_en(item)).collect();
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

/// `CR-017 不符合（现场 sh）`.
fn judged_zh(item: &SampleItem) -> String {
    let verdict = if item.conforms { "符合" } else { "不符合" };
    let site = (item.site.as_deref()).map_or(String::new(), |site| {
        format!("（现场 {}）", crate::input::shortened(site))
    });
    format!("{} {verdict}{site}", crate::input::shortened(&item.item))
}

/// `CR-017 does not conform (site sh)`.
fn judged_en(item: &SampleItem) -> String {
    let verdict = if item.conforms {
        "conforms"
    } else {
        "does not conform"
    };
    let site = (item.site.as_deref()).map_or(String::new(), |site| {
        format!(" (site {})", crate::input::shortened(site))
    });
    format!("{} {verdict}{site}", crate::input::shortened(&item.item))
}

/// What an entry finds, in both languages: `扣分系数 0.5`, `删减：…`; a
/// sample with its population and seed, where they are what differs.
pub(super) fn described(entry: &Entry) -> Text {
    let measure = |measure: &Measure| match (measure, &entry.samples) {
        (_, Some(samples)) => sample_described(entry, samples),
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
            let (zh, en) = population_said(entry);
            Text::new(
                format!("抽样 {sampled} 个，不符合 {nonconforming} 个{zh}"),
                format!("sampled {sampled}, {nonconforming} nonconforming{en}"),
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

/// `样本 4 个，不符合 1 个，总体 36，种子 2026-05-18`.
fn sample_described(entry: &Entry, samples: &Samples) -> Text {
    let (n, k) = (samples.sampled(), samples.nonconforming());
    let mut zh = format!("样本 {n} 个，不符合 {k} 个");
    let mut en = format!("{n} items, {k} not conforming");
    let (population_zh, population_en) = population_said(entry);
    zh.push_str(&population_zh);
    en.push_str(&population_en);
    if let Some(drawn) = &samples.drawn {
        let (seed, from) = (
            crate::input::shortened(&drawn.seed),
            crate::input::shortened(&drawn.from),
        );
        let digest = drawn.sha256.get(..12).unwrap_or(&drawn.sha256);
        zh.push_str(&format!("，种子 {seed}，清单 {from}（SHA-256 {digest}…）"));
        en.push_str(&format!(", seed {seed}, list {from} (SHA-256 {digest}…)"));
    }
    Text::new(zh, en)
}

/// The population a sample was drawn from, as a side shows it.
fn population_said(entry: &Entry) -> (String, String) {
    match entry.population {
        Some(population) => (format!("，总体 {population}"), format!(", of {population}")),
        None => (String::new(), String::new()),
    }
}
