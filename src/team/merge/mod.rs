//! `bscore merge`: a team's parts joined into one audit, every
//! disagreement shown and, with `--resolutions`, settled on record
//! (docs/team.md).
//!
//! An indicator one part assessed is taken, and the merged audit records
//! who (`by`). Where several did, the same assessment agrees (`by` lists
//! them all) and sampled items pool by item; anything else is a
//! [`Conflict`]: a different coefficient, an exclusion against an
//! assessment, one item judged two ways, a header field, a site's name,
//! two different bonuses. The merge is pure: the parts come in read and
//! validated, the merged audit goes out as a model, written by `write`.

mod consistency;
mod indicator;
pub mod resolutions;
mod said;
mod write;

#[cfg(test)]
mod tests;

pub use consistency::Agreement;
pub use resolutions::{Resolution, Resolutions};
pub use said::{conflict_list, resolutions_skeleton, summary};
pub use write::merged_toml;

use crate::audit::{
    Audit, AuditMeta, Bonus, Entry, MergedFile, Resolved, Site, SpecialDeduction, Status, Taken,
};
use crate::checklist::Checklist;
use crate::diagnostic::Diagnostic;
use crate::message::{Text, t};

/// One member's part, read and validated.
#[derive(Debug, Clone)]
pub struct Part {
    /// The file's name, as given.
    pub file: String,
    /// Its SHA-256.
    pub sha256: String,
    /// The part; `audit.meta.part` names its member.
    pub audit: Audit,
}

impl Part {
    /// The member whose part it is.
    pub fn member(&self) -> &str {
        self.audit.meta.part.as_deref().unwrap_or_default()
    }
}

/// What is disagreed on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A field of `[audit]`, by its key.
    Field(&'static str),
    /// The name of a site, by its id.
    Site(String),
    /// An indicator, by its index in the checklist (its items included).
    Indicator(usize),
    /// The bonus.
    Bonus,
}

impl Subject {
    /// How a resolutions file names it: `audit.date`, `sites.sh`, `4.3.b`,
    /// `bonus`.
    pub fn key(&self, checklist: &Checklist) -> String {
        match self {
            Subject::Field(key) => format!("audit.{key}"),
            Subject::Site(id) => format!("sites.{id}"),
            Subject::Indicator(index) => checklist.indicators[*index].id.clone(),
            Subject::Bonus => "bonus".to_string(),
        }
    }
}

/// One side of a disagreement: a member, what they gave, their record.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// The member.
    pub member: String,
    /// What they gave, in both languages.
    pub value: Text,
    /// Their record of it, if any.
    pub record: Option<String>,
}

/// A disagreement between parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// What is disagreed on.
    pub subject: Subject,
    /// What is disagreed on within it, when not the whole (an item).
    pub detail: Option<String>,
    /// Each side, in the order the parts were given.
    pub sides: Vec<Side>,
    /// Whether a `value` (a coefficient) may settle it: a disagreement on
    /// a coefficient or an exclusion, not on items, fields, sites or the
    /// bonus.
    pub value_allowed: bool,
}

/// Why parts cannot be merged yet: the team's work is unfinished or
/// disagrees (exit 1), not a file that is wrong.
#[derive(Debug, Clone, Default)]
pub struct Unmerged {
    /// Every disagreement not settled.
    pub conflicts: Vec<Conflict>,
    /// The indicators no part assessed, each with its assignee in the
    /// plan, when one is given.
    pub unassessed: Vec<(usize, Option<String>)>,
    /// How often members agreed, as far as the merge went: the figure
    /// that calibrates assessors is worth seeing before the disagreements
    /// are settled.
    pub agreement: Option<Agreement>,
}

/// The merged audit and what the merge found on the way.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The audit, with `by`, `resolved` and `[[merged]]`.
    pub audit: Audit,
    /// How often members agreed where several assessed an indicator.
    pub agreement: Agreement,
    /// Indicators assessed by a member other than the plan's assignee.
    pub off_plan: Vec<OffPlan>,
    /// Indicators the plan gives a member that no part lists, scored as
    /// conforming (`unassessed = "conform"`): each with its assignee.
    pub conformed: Vec<(usize, String)>,
    /// The disagreements the resolutions settled, each with how.
    pub settled: Vec<(Conflict, Resolved)>,
    /// Header fields settled, as comments for the merged file.
    pub field_notes: Vec<String>,
}

/// An indicator assessed by someone the plan did not give it to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffPlan {
    /// The indicator, by index in the checklist.
    pub index: usize,
    /// The plan's assignee.
    pub assignee: String,
    /// Who assessed it besides, or instead of, the assignee.
    pub others: Vec<String>,
    /// Whether the assignee assessed it too (a re-check), or not at all.
    pub assignee_assessed: bool,
}

/// How the merge ended.
#[derive(Debug)]
pub enum Outcome {
    /// Merged.
    Merged(Box<Merged>),
    /// Not yet: disagreements or indicators no one assessed.
    Unmerged(Box<Unmerged>),
}

/// Problems of the inputs themselves (exit 2): a file that is not a part,
/// two parts of one member, a resolution that settles nothing.
#[derive(Debug)]
pub enum Refused {
    /// A problem of the parts, as a whole-file message of each file.
    Parts(Vec<(String, Text)>),
    /// Problems of the resolutions file, at their places.
    Resolutions(Vec<Diagnostic>),
}

/// Merges `parts`, settling disagreements with `resolutions`; `plan`, when
/// given, is each indicator's assignee, in checklist order.
pub fn merge(
    checklist: &Checklist,
    parts: &[Part],
    resolutions: Option<&Resolutions>,
    plan: Option<&[String]>,
) -> Result<Outcome, Refused> {
    check_parts(checklist, parts)?;
    let mut merging = Merging::new(checklist, parts, resolutions);
    let meta = merging.meta();
    let sites = merging.sites();
    // As merged: a settled `unassessed` counts, not the parts' own.
    let unlisted_conform = match &meta {
        Some(meta) => meta.unassessed_conform,
        None => parts.iter().all(|part| part.audit.meta.unassessed_conform),
    };
    let entries = merging.entries(plan, unlisted_conform);
    let bonus = merging.bonus();
    let special_deductions = special_deductions(parts);
    merging.unused_resolutions()?;
    let unfinished =
        !merging.unmerged.conflicts.is_empty() || !merging.unmerged.unassessed.is_empty();
    let (false, Some(meta), Some(entries)) = (unfinished, meta, entries) else {
        let mut unmerged = merging.unmerged;
        unmerged.agreement = Some(consistency::agreement(&merging.shared));
        return Ok(Outcome::Unmerged(Box::new(unmerged)));
    };
    let mut merged: Vec<MergedFile> = (parts.iter())
        .map(|part| MergedFile {
            part: Some(part.member().to_string()),
            file: part.file.clone(),
            sha256: part.sha256.clone(),
        })
        .collect();
    if let Some(resolutions) = resolutions {
        merged.push(MergedFile {
            part: None,
            file: resolutions.file.clone(),
            sha256: resolutions.sha256.clone(),
        });
    }
    let audit = Audit {
        meta,
        sites,
        entries,
        special_deductions,
        bonus,
        merged,
    };
    let agreement = consistency::agreement(&merging.shared);
    let off_plan = plan.map_or_else(Vec::new, |plan| off_plan(&audit, plan));
    let conformed = (audit
        .entries
        .iter()
        .zip(plan.unwrap_or_default())
        .enumerate())
    .filter(|(_, (entry, _))| entry.status == Status::Unassessed)
    .map(|(index, (_, assignee))| (index, assignee.clone()))
    .collect();
    Ok(Outcome::Merged(Box::new(Merged {
        audit,
        agreement,
        off_plan,
        conformed,
        settled: merging.settled,
        field_notes: merging.field_notes,
    })))
}

/// Every file is a part, and no member has two.
fn check_parts(checklist: &Checklist, parts: &[Part]) -> Result<(), Refused> {
    let mut problems = Vec::new();
    for (at, part) in parts.iter().enumerate() {
        if part.audit.meta.part.is_none() {
            problems.push((
                part.file.clone(),
                t!(
                    "这不是分工部分（[audit] 中没有 part）：bscore merge 只合并各评价人员的分工部分；是某位组员的分工，就在 [audit] 中加一行 part = \"姓名\"",
                    "this is not a part ([audit] has no part): bscore merge joins the members' parts; if it is a member's, add part = \"NAME\" to its [audit]"
                ),
            ));
            continue;
        }
        if let Some(written) = merge_keys_written(checklist, part) {
            problems.push((
                part.file.clone(),
                t!(
                    "分工部分中写了 {written}：这些由 bscore merge 写出，合并时不取分工部分中手写的；请删去",
                    "the part writes {written}: bscore merge writes these, and takes none from a part; remove them"
                ),
            ));
        }
        let member = part.member();
        if let Some(first) = parts[..at].iter().find(|other| other.member() == member) {
            let (shown, other) = (crate::input::shortened(member), first.file.clone());
            problems.push((
                part.file.clone(),
                t!(
                    "与 {other} 同为“{shown}”的分工部分：每人只交一份，请把两份合成一份",
                    "{other} is also {shown}'s part: each member hands in one part, so join the two"
                ),
            ));
        }
    }
    match problems.is_empty() {
        true => Ok(()),
        false => Err(Refused::Parts(problems)),
    }
}

/// What a part writes of what only the merge writes (`by`, `resolved`,
/// `[[merged]]`): who assessed a part's indicators is its member, and a
/// part has settled nothing, so none is taken in silence. Each named with
/// the first indicator that writes it.
fn merge_keys_written(checklist: &Checklist, part: &Part) -> Option<String> {
    let audit = &part.audit;
    let first = |wrote: fn(&Entry) -> bool| audit.entries.iter().position(wrote);
    let mut written = Vec::new();
    if let Some(index) = first(|entry| !entry.by.is_empty()) {
        written.push(format!("by ({})", checklist.indicators[index].id));
    }
    if let Some(index) = first(|entry| entry.resolved.is_some()) {
        written.push(format!("resolved ({})", checklist.indicators[index].id));
    }
    let elsewhere = audit.special_deductions.iter().any(|d| !d.by.is_empty())
        || (audit.bonus.as_ref()).is_some_and(|b| !b.by.is_empty() || b.resolved.is_some());
    if elsewhere {
        written.push("by / resolved (special_deductions, bonus)".to_string());
    }
    if !audit.merged.is_empty() {
        written.push("[[merged]]".to_string());
    }
    (!written.is_empty()).then(|| written.join(", "))
}

/// The state of one merge: the parts, the resolutions and which were
/// used, what is unmerged, settled and shared.
struct Merging<'a> {
    checklist: &'a Checklist,
    parts: &'a [Part],
    resolutions: Option<&'a Resolutions>,
    /// The resolutions by what they settle (an indicator by its label,
    /// whatever alias the file wrote), each in file order: a disagreement
    /// finds its own at once, however many the file holds.
    by_subject: std::collections::HashMap<String, Vec<usize>>,
    used: Vec<bool>,
    problems: Vec<Diagnostic>,
    unmerged: Unmerged,
    settled: Vec<(Conflict, Resolved)>,
    field_notes: Vec<String>,
    /// Each indicator two or more members assessed: each member's
    /// entry, and whether they agreed.
    shared: Vec<consistency::Shared>,
}

impl<'a> Merging<'a> {
    fn new(
        checklist: &'a Checklist,
        parts: &'a [Part],
        resolutions: Option<&'a Resolutions>,
    ) -> Self {
        let count = resolutions.map_or(0, |r| r.resolutions.len());
        let mut by_subject: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for (at, resolution) in resolutions
            .iter()
            .flat_map(|r| r.resolutions.iter())
            .enumerate()
        {
            let key = match checklist.lookup(&resolution.subject) {
                Some(index) => checklist.indicators[index].id.clone(),
                None => resolution.subject.clone(),
            };
            by_subject.entry(key).or_default().push(at);
        }
        Merging {
            checklist,
            parts,
            resolutions,
            by_subject,
            used: vec![false; count],
            problems: Vec::new(),
            unmerged: Unmerged::default(),
            settled: Vec::new(),
            field_notes: Vec::new(),
            shared: Vec::new(),
        }
    }

    /// The resolution of `subject`, marked used.
    fn resolution(&mut self, subject: &Subject) -> Option<&'a Resolution> {
        let resolutions = &self.resolutions?.resolutions;
        let found = self.by_subject.get(&subject.key(self.checklist))?;
        let (&at, again) = found.split_first()?;
        let first = &resolutions[at];
        self.used[at] = true;
        // Another for the same disagreement (by an alias, say): which
        // holds is unknown, so it is told, never chosen.
        for &twice in again {
            self.used[twice] = true;
            self.problems
                .push(settled_twice(&resolutions[twice], first));
        }
        Some(first)
    }

    /// Settles `conflict` with its resolution: the member taken (one of
    /// the sides) and the resolution, or the conflict kept as unmerged.
    fn settle(&mut self, conflict: Conflict) -> Option<(&'a Resolution, Option<String>)> {
        let Some(resolution) = self.resolution(&conflict.subject) else {
            self.unmerged.conflicts.push(conflict);
            return None;
        };
        let member = match &resolution.taken {
            Taken::Member(member) => {
                if !conflict.sides.iter().any(|side| &side.member == member) {
                    self.problems
                        .push(not_a_side(resolution, member, &conflict));
                    self.unmerged.conflicts.push(conflict);
                    return None;
                }
                Some(member.clone())
            }
            Taken::Value(..) if !conflict.value_allowed => {
                self.problems.push(value_not_allowed(resolution));
                self.unmerged.conflicts.push(conflict);
                return None;
            }
            Taken::Value(..) => None,
        };
        self.settled.push((conflict, recorded(resolution)));
        Some((resolution, member))
    }

    /// `[audit]`: every field the same in every part, or settled; the
    /// assessors of all parts.
    fn meta(&mut self) -> Option<AuditMeta> {
        let first = &self.parts.first()?.audit.meta;
        let mut meta = first.clone();
        meta.part = None;
        meta.standard = (self.parts.iter()).find_map(|part| part.audit.meta.standard.clone());
        meta.assessors = Vec::new();
        for part in self.parts {
            for name in part
                .audit
                .meta
                .assessors
                .iter()
                .chain(part.audit.meta.part.iter())
            {
                if !meta.assessors.contains(name) {
                    meta.assessors.push(name.clone());
                }
            }
        }
        let mut ok = true;
        for (key, value) in HEADER_FIELDS {
            let values: Vec<String> = self
                .parts
                .iter()
                .map(|part| value(&part.audit.meta))
                .collect();
            if values.iter().all(|v| *v == values[0]) {
                continue;
            }
            let sides = (self.parts.iter().zip(&values))
                .map(|(part, value)| Side {
                    member: part.member().to_string(),
                    value: field_shown(key, value),
                    record: None,
                })
                .collect();
            let conflict = Conflict {
                subject: Subject::Field(key),
                detail: None,
                sides,
                value_allowed: false,
            };
            match self.settle(conflict) {
                Some((resolution, Some(member))) => {
                    let from = self.parts.iter().find(|part| part.member() == member)?;
                    set_field(&mut meta, &from.audit.meta, key);
                    self.field_notes
                        .push(format!("audit.{key}: {member} — {}", resolution.why));
                }
                _ => ok = false,
            }
        }
        ok.then_some(meta)
    }

    /// The sites of all parts, by id; one id named two ways is a conflict.
    fn sites(&mut self) -> Vec<Site> {
        let mut sites: Vec<(Site, Vec<(String, String)>)> = Vec::new();
        for part in self.parts {
            for site in &part.audit.sites {
                let named = (part.member().to_string(), site.name.clone());
                match sites.iter_mut().find(|(known, _)| known.id == site.id) {
                    Some((_, names)) => names.push(named),
                    None => sites.push((site.clone(), vec![named])),
                }
            }
        }
        let mut merged = Vec::with_capacity(sites.len());
        for (mut site, names) in sites {
            if names.iter().any(|(_, name)| *name != names[0].1) {
                let sides = (names.iter())
                    .map(|(member, name)| Side {
                        member: member.clone(),
                        value: t!("{name}", "{name}"),
                        record: None,
                    })
                    .collect();
                let conflict = Conflict {
                    subject: Subject::Site(site.id.clone()),
                    detail: None,
                    sides,
                    value_allowed: false,
                };
                if let Some((_, Some(member))) = self.settle(conflict)
                    && let Some((_, name)) = names.iter().find(|(m, _)| *m == member)
                {
                    site.name = name.clone();
                }
            }
            merged.push(site);
        }
        merged
    }

    /// Every indicator: taken, agreed, pooled or settled.
    fn entries(&mut self, plan: Option<&[String]>, all_conform: bool) -> Option<Vec<Entry>> {
        let mut entries = Vec::with_capacity(self.checklist.indicators.len());
        let mut complete = true;
        for index in 0..self.checklist.indicators.len() {
            let given: Vec<(&str, &Entry)> = (self.parts.iter())
                .map(|part| (part.member(), &part.audit.entries[index]))
                .filter(|(_, entry)| entry.status != Status::Unassessed)
                .collect();
            if given.is_empty() {
                if !all_conform {
                    let assignee = plan.and_then(|plan| plan.get(index).cloned());
                    self.unmerged.unassessed.push((index, assignee));
                }
                entries.push(Entry::of(Status::Unassessed));
                continue;
            }
            match self.indicator(index, &given) {
                Some(entry) => entries.push(entry),
                None => {
                    complete = false;
                    entries.push(Entry::of(Status::Unassessed));
                }
            }
        }
        complete.then_some(entries)
    }

    /// One indicator, from the entries of the members who assessed it.
    fn indicator(&mut self, index: usize, given: &[(&str, &Entry)]) -> Option<Entry> {
        let joined = indicator::join(index, given);
        if given.len() > 1 {
            self.shared
                .push(consistency::Shared::of(index, given, joined.is_ok()));
        }
        let conflict = match joined {
            Ok(entry) => return Some(entry),
            Err(conflict) => conflict,
        };
        let items_disputed = conflict.detail.is_some();
        let (resolution, member) = self.settle(conflict)?;
        if let (true, Some(member)) = (items_disputed, &member) {
            let unjudged = indicator::unjudged(given, member);
            if !unjudged.is_empty() {
                self.settled.pop();
                self.problems
                    .push(take_unjudged(resolution, member, &unjudged));
                return None;
            }
        }
        let resolved = recorded(resolution);
        Some(indicator::settled(
            given,
            member.as_deref(),
            items_disputed,
            resolved,
        ))
    }

    /// The bonus: one, or the same in several parts; two different
    /// bonuses are a conflict.
    fn bonus(&mut self) -> Option<Bonus> {
        let given: Vec<(&str, &Bonus)> = (self.parts.iter())
            .filter_map(|part| Some((part.member(), part.audit.bonus.as_ref()?)))
            .collect();
        let (_, first) = given.first()?;
        let by = |given: &[(&str, &Bonus)]| {
            let mut names: Vec<String> = Vec::new();
            for (member, bonus) in given {
                for name in bonus.by.iter().map(String::as_str).chain([*member]) {
                    if !names.iter().any(|known| known == name) {
                        names.push(name.to_string());
                    }
                }
            }
            names
        };
        if given
            .iter()
            .all(|(_, bonus)| bonus.practice == first.practice)
        {
            return Some(Bonus {
                practice: first.practice.clone(),
                by: by(&given),
                resolved: None,
            });
        }
        let sides = (given.iter())
            .map(|(member, bonus)| Side {
                member: member.to_string(),
                value: Text::new(bonus.practice.clone(), bonus.practice.clone()),
                record: None,
            })
            .collect();
        let conflict = Conflict {
            subject: Subject::Bonus,
            detail: None,
            sides,
            value_allowed: false,
        };
        let (resolution, member) = self.settle(conflict)?;
        let member = member?;
        let (_, taken) = given.iter().find(|(m, _)| *m == member)?;
        Some(Bonus {
            practice: taken.practice.clone(),
            by: vec![member.clone()],
            resolved: Some(recorded(resolution)),
        })
    }

    /// A resolution that settled nothing, or that did not fit its
    /// conflict: a problem of the resolutions file.
    fn unused_resolutions(&mut self) -> Result<(), Refused> {
        if let Some(resolutions) = self.resolutions {
            for (resolution, used) in resolutions.resolutions.iter().zip(&self.used) {
                if !used {
                    self.problems.push(settles_nothing(resolution));
                }
            }
        }
        match self.problems.is_empty() {
            true => Ok(()),
            false => Err(Refused::Resolutions(std::mem::take(&mut self.problems))),
        }
    }
}

/// A header field's value as a side shows it: a kind by its name, a
/// field left out said to be.
fn field_shown(key: &str, value: &str) -> Text {
    if value.is_empty() {
        return t!("（未写）", "(not written)");
    }
    let named = (key == "kind")
        .then(|| {
            crate::audit::format::AUDIT_KINDS
                .options
                .iter()
                .find(|opt| opt.id == value)
        })
        .flatten()
        .and_then(|opt| opt.name);
    match named {
        Some((zh, en)) => Text::new(format!("{zh}（{value}）"), en.to_string()),
        None => Text::new(value.to_string(), value.to_string()),
    }
}

/// A header field as the parts are compared by it.
type FieldOf = fn(&AuditMeta) -> String;

/// The header fields every part must agree on, by key.
/// `standard` is not among them: validation holds it to the checklist's
/// code wherever it is written, so parts cannot differ on it.
const HEADER_FIELDS: [(&str, FieldOf); 6] = [
    ("organization", |m| m.organization.clone()),
    ("service", |m| m.service.clone()),
    ("date", |m| m.date.to_string()),
    // The start as written: one an initial or re-evaluation defaults
    // to its date is the date's; a surveillance audit's has no default.
    ("cycle_start", |m| {
        let defaulted =
            m.kind != crate::audit::AuditKind::Surveillance && m.cycle_start == Some(m.date);
        match (m.cycle_start, defaulted) {
            (Some(start), false) => start.to_string(),
            _ => String::new(),
        }
    }),
    ("kind", |m| m.kind.id().to_string()),
    ("unassessed", |m| match m.unassessed_conform {
        true => "conform".into(),
        false => String::new(),
    }),
];

/// Sets `meta`'s field `key` to `from`'s.
fn set_field(meta: &mut AuditMeta, from: &AuditMeta, key: &str) {
    match key {
        "organization" => meta.organization = from.organization.clone(),
        "service" => meta.service = from.service.clone(),
        "date" => {
            if meta.cycle_start == Some(meta.date) {
                meta.cycle_start = from.cycle_start;
            }
            meta.date = from.date;
        }
        "cycle_start" => meta.cycle_start = from.cycle_start,
        "kind" => meta.kind = from.kind,
        _ => meta.unassessed_conform = from.unassessed_conform,
    }
}

/// The special deductions of all parts: the same kind and finding once,
/// with everyone who recorded it.
fn special_deductions(parts: &[Part]) -> Vec<SpecialDeduction> {
    let mut merged: Vec<SpecialDeduction> = Vec::new();
    for part in parts {
        for deduction in &part.audit.special_deductions {
            let names = deduction
                .by
                .iter()
                .map(String::as_str)
                .chain([part.member()]);
            let at = (merged.iter()).position(|known| {
                known.kind == deduction.kind && known.finding == deduction.finding
            });
            let entry = match at {
                Some(at) => &mut merged[at],
                None => {
                    merged.push(SpecialDeduction {
                        kind: deduction.kind.clone(),
                        finding: deduction.finding.clone(),
                        by: Vec::new(),
                    });
                    merged.last_mut().expect("just pushed")
                }
            };
            for name in names {
                if !entry.by.iter().any(|known| known == name) {
                    entry.by.push(name.to_string());
                }
            }
        }
    }
    merged
}

/// The indicators whose `by` names anyone but the plan's assignee.
fn off_plan(audit: &Audit, plan: &[String]) -> Vec<OffPlan> {
    (audit.entries.iter().zip(plan).enumerate())
        .filter_map(|(index, (entry, assignee))| {
            let others: Vec<String> = (entry.by.iter())
                .filter(|name| *name != assignee)
                .cloned()
                .collect();
            (!others.is_empty()).then(|| OffPlan {
                index,
                assignee: assignee.clone(),
                others,
                assignee_assessed: entry.by.contains(assignee),
            })
        })
        .collect()
}

/// A resolution that takes a member who is not a side of its conflict.
fn not_a_side(resolution: &Resolution, member: &str, conflict: &Conflict) -> Diagnostic {
    let shown = crate::input::shortened(member);
    let names: Vec<&str> = conflict
        .sides
        .iter()
        .map(|side| side.member.as_str())
        .collect();
    let (zh, en) = (names.join("、"), names.join(", "));
    Diagnostic::new(t!(
        "“{shown}”不是这项分歧的任何一方：只能采纳 {zh} 之一的评价",
        "{shown} is not a side of this disagreement: take one of {en}"
    ))
    .at(resolution.take_at.clone().unwrap_or(resolution.at.clone()))
    .key(format!(
        "resolve.{}.take",
        crate::diagnostic::quote_key(&resolution.subject)
    ))
}

/// A `take` of items in dispute the member did not judge.
fn take_unjudged(resolution: &Resolution, member: &str, items: &[String]) -> Diagnostic {
    let shown = crate::input::shortened(member);
    let listed: Vec<String> = items
        .iter()
        .take(20)
        .map(|item| crate::input::shortened(item))
        .collect();
    let (zh, en) = (listed.join("、"), listed.join(", "));
    Diagnostic::new(t!(
        "{shown} 没有评价过样本 {zh}：采纳其评价解决不了这些样本的分歧",
        "{shown} did not judge the items {en}: taking their assessment cannot settle those"
    ))
    .at(resolution.take_at.clone().unwrap_or(resolution.at.clone()))
    .key(format!("resolve.{}.take", crate::diagnostic::quote_key(&resolution.subject)))
    .help(t!(
        "采纳评价过全部争议样本的组员，或先让各分工部分对这些样本的判断一致",
        "take a member who judged every item in dispute, or make the parts agree on those items first"
    ))
}

/// A value where only a member's assessment can settle the conflict.
fn value_not_allowed(resolution: &Resolution) -> Diagnostic {
    Diagnostic::new(t!(
        "这项分歧不能用 value 解决：value 只给出扣分系数，只用于扣分系数或删减的分歧",
        "this disagreement cannot be settled by a value: value gives a coefficient, for a disagreement on a coefficient or an exclusion"
    ))
    .at(resolution.at.clone())
    .key(format!("resolve.{}.value", crate::diagnostic::quote_key(&resolution.subject)))
    .help(t!(
        "改为 take = \"评价人员\"，采纳其中一方的评价（样本、表头字段、现场名称、加分都如此）",
        "write take = \"member\" to take one side's assessment (as for items, header fields, sites' names and the bonus)"
    ))
}

/// A resolution as the merged audit records it: a value as its exact
/// decimal, so that the audit reads back as merged.
fn recorded(resolution: &Resolution) -> Resolved {
    let taken = match &resolution.taken {
        Taken::Value(value, _) => Taken::Value(value.clone(), write::decimal(value)),
        member => member.clone(),
    };
    Resolved {
        taken,
        why: resolution.why.clone(),
    }
}

/// A second resolution of one disagreement.
fn settled_twice(twice: &Resolution, first: &Resolution) -> Diagnostic {
    let (shown, other) = (
        crate::input::shortened(&twice.subject),
        crate::input::shortened(&first.subject),
    );
    Diagnostic::new(t!(
        "“{shown}”与“{other}”解决的是同一项分歧：只能写一次",
        "\"{shown}\" and \"{other}\" settle the same disagreement: write it once"
    ))
    .at(twice.at.clone())
    .key(format!(
        "resolve.{}",
        crate::diagnostic::quote_key(&twice.subject)
    ))
    .help(t!("删去其中一个表", "remove one of the two tables"))
}

/// A resolution for something the parts do not disagree on.
fn settles_nothing(resolution: &Resolution) -> Diagnostic {
    let shown = crate::input::shortened(&resolution.subject);
    Diagnostic::new(t!(
        "“{shown}”没有分歧，这项解决用不上",
        "there is no disagreement on \"{shown}\": this resolution settles nothing"
    ))
    .at(resolution.at.clone())
    .key(format!("resolve.{}", crate::diagnostic::quote_key(&resolution.subject)))
    .help(t!(
        "删去这个表；分歧的编号以 bscore merge 列出的为准（指标编号、audit.date、sites.编号、bonus）",
        "remove the table; name disagreements as bscore merge lists them (an indicator id, audit.date, sites.ID, bonus)"
    ))
}
