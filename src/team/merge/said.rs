//! What `bscore merge` says, in both languages: the disagreements and
//! the indicators no one assessed (with a resolutions file to fill in),
//! or what was merged and how consistently the team judged.

use super::{Conflict, Merged, Part, Subject, Unmerged};
use crate::checklist::Checklist;
use crate::message::Text;
use crate::number::{Exact, fixed};

/// Lines in both languages, joined.
#[derive(Default)]
struct Lines {
    zh: Vec<String>,
    en: Vec<String>,
}

impl Lines {
    fn push(&mut self, zh: String, en: String) {
        self.zh.push(zh);
        self.en.push(en);
    }

    fn text(self) -> Text {
        Text::new(self.zh.join("\n"), self.en.join("\n"))
    }
}

/// What a conflict is about: `4.3.b（…）`, `评价日期`, `现场 sh 的名称`.
fn subject(checklist: &Checklist, conflict: &Conflict) -> (String, String) {
    let (zh, en) = match &conflict.subject {
        Subject::Field(key) => {
            let (zh, en) = crate::audit::format::AUDIT.term(key);
            (
                format!("[audit] {key}（{zh}）"),
                format!("[audit] {key} ({en})"),
            )
        }
        Subject::Site(id) => (
            format!("现场 {id} 的名称"),
            format!("the name of site {id}"),
        ),
        Subject::Indicator(index) => {
            let indicator = &checklist.indicators[*index];
            let (zh, en) = (
                crate::text::shortened_to(&indicator.text, 40),
                crate::text::shortened_to(&indicator.text_en, 40),
            );
            (
                format!("{}（{zh}）", indicator.id),
                format!("{} ({en})", indicator.id),
            )
        }
        Subject::Bonus => (
            "最佳实践加分".to_string(),
            "the best-practice bonus".to_string(),
        ),
    };
    match &conflict.detail {
        Some(items) => (
            format!("{zh}，样本 {items}"),
            format!("{en}, items {items}"),
        ),
        None => (zh, en),
    }
}

/// Every disagreement with both sides' values and records, and every
/// indicator no part assessed, then how to go on.
pub fn conflict_list(checklist: &Checklist, unmerged: &Unmerged) -> Text {
    let mut lines = Lines::default();
    let (conflicts, unassessed) = (unmerged.conflicts.len(), unmerged.unassessed.len());
    lines.push(
        match (conflicts, unassessed) {
            (_, 0) => format!("无法合并：{conflicts} 处分歧未解决；未写出任何文件"),
            (0, _) => format!("无法合并：{unassessed} 个指标无人评价；未写出任何文件"),
            _ => format!("无法合并：{conflicts} 处分歧未解决，{unassessed} 个指标无人评价；未写出任何文件"),
        },
        match (conflicts, unassessed) {
            (_, 0) => format!("cannot merge: {conflicts} disagreement(s) unsettled; nothing written"),
            (0, _) => format!("cannot merge: {unassessed} indicator(s) assessed by no part; nothing written"),
            _ => format!("cannot merge: {conflicts} disagreement(s) unsettled, {unassessed} indicator(s) assessed by no part; nothing written"),
        },
    );
    for (number, conflict) in (1..).zip(&unmerged.conflicts) {
        let (zh, en) = subject(checklist, conflict);
        lines.push(
            format!("分歧 {number}：{zh}"),
            format!("disagreement {number}: {en}"),
        );
        for side in &conflict.sides {
            let member = crate::input::shortened(&side.member);
            let record = side
                .record
                .as_deref()
                .map(|r| crate::input::shortened(&r.replace('\n', " ")));
            let (record_zh, record_en) = match record {
                Some(record) => (format!("　记录：{record}"), format!("; record: {record}")),
                None => (String::new(), String::new()),
            };
            lines.push(
                format!("    {member}：{}{record_zh}", side.value.zh),
                format!("    {member}: {}{record_en}", side.value.en),
            );
        }
    }
    for (index, assignee) in &unmerged.unassessed {
        let id = &checklist.indicators[*index].id;
        match assignee {
            Some(member) => lines.push(
                format!("无人评价：{id}（计划分配给 {member}）"),
                format!("assessed by no part: {id} (the plan assigns it to {member})"),
            ),
            None => lines.push(
                format!("无人评价：{id}"),
                format!("assessed by no part: {id}"),
            ),
        }
    }
    if let Some(agreement) = &unmerged.agreement {
        agreement_lines(checklist, agreement, &mut lines);
    }
    if conflicts > 0 {
        lines.push(
            "解决办法：标准输出上是一份解决记录（可用 > resolutions.toml 存下），每项填上 take（采纳谁的评价）或 value（商定的扣分系数）和 why（理由），再加上 --resolutions resolutions.toml 重新合并".into(),
            "to settle them: standard output holds a resolutions file (save it with > resolutions.toml); fill in take (whose assessment) or value (the coefficient agreed) and why for each, and merge again with --resolutions resolutions.toml".into(),
        );
    }
    if unassessed > 0 {
        lines.push(
            "无人评价的指标：由负责的评价人员补进其分工部分后重新合并".into(),
            "indicators no one assessed: their assessor adds them to their part, then merge again"
                .into(),
        );
    }
    lines.text()
}

/// A resolutions file to fill in: one table per disagreement, `take` and
/// `why` left blank (bscore refuses them blank, so none is settled by
/// accident), the sides named in a comment.
pub fn resolutions_skeleton(
    checklist: &Checklist,
    unmerged: &Unmerged,
    lang: crate::message::Lang,
) -> String {
    if unmerged.conflicts.is_empty() {
        return String::new();
    }
    let mut out = match lang {
        crate::message::Lang::Zh => "# bscore merge 列出的分歧：每项填上 take（采纳谁的评价）或 value（商定的扣分系数），以及 why（理由）\n# 再用 bscore merge … --resolutions 本文件 重新合并\n\n",
        crate::message::Lang::En => "# The disagreements bscore merge listed: fill in take (whose assessment) or value (the coefficient agreed), and why\n# then merge again with bscore merge … --resolutions THIS-FILE\n\n",
    }
    .to_string();
    for conflict in &unmerged.conflicts {
        // The names on one comment line, the key a TOML key whatever
        // characters a site's id holds.
        let names: Vec<String> = (conflict.sides.iter())
            .map(|side| crate::input::shortened(&side.member).replace(['\n', '\r'], " "))
            .collect();
        let key = super::write::quoted(&conflict.subject.key(checklist));
        let value = match conflict.value_allowed {
            true => match lang {
                crate::message::Lang::Zh => "；也可不写 take，写商定的扣分系数 value = 0.5",
                crate::message::Lang::En => {
                    "; or, instead of take, the coefficient agreed: value = 0.5"
                }
            },
            _ => "",
        };
        out.push_str(&format!(
            "[resolve.{key}]\ntake = \"\"   # {}{value}\nwhy = \"\"\n\n",
            names.join(" | ")
        ));
    }
    out
}

/// A fraction cut to two decimals, as shown.
fn shown(value: &Exact) -> String {
    fixed(value, 2)
}

/// What was merged, the team's agreement, what the resolutions settled
/// and where members left the plan.
pub fn summary(checklist: &Checklist, parts: &[Part], merged: &Merged, written: &str) -> Text {
    let mut lines = Lines::default();
    let listed = |part: &Part| {
        (part.audit.entries.iter())
            .filter(|entry| entry.status != crate::audit::Status::Unassessed)
            .count()
    };
    let each_zh: Vec<String> = parts
        .iter()
        .map(|p| format!("{} {} 个指标", p.member(), listed(p)))
        .collect();
    let each_en: Vec<String> = parts
        .iter()
        .map(|p| format!("{} {} indicator(s)", p.member(), listed(p)))
        .collect();
    let count = parts.len();
    lines.push(
        format!(
            "已合并 {count} 个分工部分（{}）→ {written}",
            each_zh.join("，")
        ),
        format!("merged {count} parts ({}) → {written}", each_en.join(", ")),
    );
    agreement_lines(checklist, &merged.agreement, &mut lines);
    for (conflict, resolved) in &merged.settled {
        let (zh, en) = subject(checklist, conflict);
        let why = crate::input::shortened(&resolved.why);
        let (taken_zh, taken_en) = match &resolved.taken {
            crate::audit::Taken::Member(member) => (
                format!("采纳 {member} 的评价"),
                format!("{member}'s assessment taken"),
            ),
            crate::audit::Taken::Value(value, _) => {
                let value = super::write::decimal(value);
                (
                    format!("商定扣分系数 {value}"),
                    format!("coefficient {value} agreed"),
                )
            }
        };
        lines.push(
            format!("已解决：{zh}：{taken_zh}——{why}"),
            format!("settled: {en}: {taken_en} — {why}"),
        );
    }
    for (index, assignee) in &merged.conformed {
        let id = &checklist.indicators[*index].id;
        lines.push(
            format!("未评价，按符合计：{id}（计划分配给 {assignee}，各部分都写了 unassessed = \"conform\"）"),
            format!("not assessed, scored as conforming: {id} (the plan assigns it to {assignee}; every part says unassessed = \"conform\")"),
        );
    }
    for off in &merged.off_plan {
        let (id, assignee) = (&checklist.indicators[off.index].id, &off.assignee);
        let (zh, en) = (off.others.join("、"), off.others.join(", "));
        match off.assignee_assessed {
            true => lines.push(
                format!("计划外复核：{id} 计划分配给 {assignee}，{zh} 也作了评价"),
                format!("re-checked off the plan: {id} is assigned to {assignee}, and {en} assessed it too"),
            ),
            false => lines.push(
                format!("偏离计划：{id} 计划分配给 {assignee}，实际由 {zh} 评价"),
                format!("off the plan: {id} is assigned to {assignee}, but {en} assessed it"),
            ),
        }
    }
    lines.text()
}

/// The share that agreed and, for two members, kappa.
fn agreement_lines(checklist: &Checklist, agreement: &super::Agreement, lines: &mut Lines) {
    let Some(share) = agreement.share() else {
        lines.push(
            "没有两人以上共同评价的指标，无一致性可统计".into(),
            "no indicator was assessed by two or more members: no agreement to report".into(),
        );
        return;
    };
    let (shared, agreed) = (agreement.shared, agreement.agreed);
    let percent = shown(&(&share * &Exact::from_integer(100)));
    let ids: Vec<&str> = agreement
        .disagreed
        .iter()
        .map(|i| checklist.indicators[*i].id.as_str())
        .collect();
    let (rest_zh, rest_en) = match ids.is_empty() {
        true => (String::new(), String::new()),
        false => (
            format!("；不一致：{}", ids.join("、")),
            format!("; disagreed: {}", ids.join(", ")),
        ),
    };
    lines.push(
        format!("两人以上共同评价的指标 {shared} 个，一致 {agreed} 个（{percent}%）{rest_zh}"),
        format!("indicators assessed by two or more members: {shared}, agreed on {agreed} ({percent}%){rest_en}"),
    );
    let Some(kappa) = &agreement.kappa else {
        return;
    };
    let (a, b) = &kappa.members;
    let (po, pe, over) = (shown(&kappa.observed), shown(&kappa.expected), kappa.over);
    match &kappa.value {
        Some(value) => {
            let value = shown(value);
            lines.push(
                format!("Cohen's kappa（{a}、{b}，{over} 个指标，按符合 / 部分符合 / 不符合）= {value}（观察一致率 {po}，随机一致率 {pe}）"),
                format!("Cohen's kappa ({a}, {b}; {over} indicator(s); conform / partial / nonconform) = {value} (observed {po}, by chance {pe})"),
            );
        }
        None => lines.push(
            format!("Cohen's kappa（{a}、{b}，{over} 个指标）无法计算：两人给出的都是同一类结论（随机一致率为 1）"),
            format!("Cohen's kappa ({a}, {b}; {over} indicator(s)) is undefined: both gave one category throughout (chance agreement 1)"),
        ),
    }
}
