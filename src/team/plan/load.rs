//! Reading a plan file (docs/team.md): every problem at once, located
//! (file, key, line:column), in both languages, with the name meant where
//! one fits.
//!
//! The file is read as a 细则 is: the audit's syntax pass
//! (`audit::syntax`) words a TOML syntax error for assessors and names the
//! slips of a Chinese keyboard (full-width quotes, `＝`, `，`), sets the
//! broken lines aside and lets the rest be checked; then the tables are
//! walked with their spans, so every problem has its place. Once the team
//! and `[assign]` are known, the indicators no member may assess are named
//! by category, with the categories to add.

use super::assign::assign;
use super::values::{
    Reader, Value, array_of_tables, date, known_keys, missing_keys, or_help, table_of, text,
};
use super::{Member, Plan};
use crate::audit::{AuditKind, Site};
use crate::checklist::Checklist;
use crate::diagnostic::{
    Diagnostic, Expected, InputError, MAX_REPORTED, did_you_mean, quote_key, unknown,
};
use crate::message::t;
use jiff::civil::Date;
use std::ops::Range;
use toml::Spanned;
use toml::de::DeTable;

/// The tables a plan holds.
const TABLES: [&str; 4] = ["plan", "team", "sites", "assign"];

/// The keys of `[plan]`, every one required.
const PLAN_KEYS: [&str; 6] = ["organization", "service", "kind", "from", "to", "leader"];

/// The keys of a `[[team]]` member, both required.
const MEMBER_KEYS: [&str; 2] = ["name", "categories"];

/// The keys of a `[[sites]]` site, both required.
const SITE_KEYS: [&str; 2] = ["id", "name"];

/// Parses and checks the plan `source` (the file `file`, read whole and at
/// most `crate::input::MAX_INPUT_BYTES`) against `checklist`: the plan with
/// every indicator's assessor, or every error of the file. Render the
/// error with [`InputError::render`].
pub fn parse(file: &str, source: &str, checklist: &Checklist) -> Result<Plan, InputError> {
    let (document, errors) = DeTable::parse_recoverable(source);
    let mut reader = Reader::start(source, checklist);
    if errors.is_empty() {
        let plan = tables(&mut reader, document.get_ref());
        return finished(file, source, plan, reader.errors);
    }
    drop(document);
    let syntax = crate::audit::syntax::check(source);
    let Some(repaired) = &syntax.repaired else {
        let problems = match syntax.problems.is_empty() {
            true => (errors.iter())
                .map(crate::audit::validate::toml_error)
                .collect(),
            false => syntax.problems,
        };
        let never_listed = syntax.count.saturating_sub(problems.len());
        return Err(InputError::new(file, source, problems).with_omitted(never_listed));
    };
    let (document, errors) = DeTable::parse_recoverable(repaired);
    reader.errors = syntax.problems;
    reader.set_aside = syntax.set_aside;
    if !errors.is_empty() {
        reader.errors.push(Diagnostic::new(t!(
            "无法读取此文件的 TOML 语法",
            "the file's TOML syntax cannot be read"
        )));
        return Err(InputError::new(file, source, reader.errors));
    }
    // Broken lines are blanked, not moved: spans stay those of `source`.
    let plan = tables(&mut reader, document.get_ref());
    finished(file, source, plan, reader.errors)
}

/// The plan, when the file holds no error.
fn finished(
    file: &str,
    source: &str,
    plan: Option<Plan>,
    errors: Vec<Diagnostic>,
) -> Result<Plan, InputError> {
    match (plan, errors.is_empty()) {
        (Some(plan), true) => Ok(plan),
        (_, false) => Err(InputError::new(file, source, errors)),
        (None, true) => {
            // Every path that gives up records why; should one not, the
            // file is still refused, never passed in silence.
            let problem = Diagnostic::new(t!(
                "无法读取此文件（bscore 未能说明原因，请报告此问题）",
                "this file cannot be read (bscore could not say why: please report this)"
            ));
            Err(InputError::new(file, source, vec![problem]))
        }
    }
}

/// What `[plan]` says.
struct Head {
    organization: Option<String>,
    service: Option<String>,
    kind: Option<AuditKind>,
    from: Option<(Date, Range<usize>)>,
    to: Option<(Date, Range<usize>)>,
    leader: Option<Spanned<String>>,
}

/// The document's four tables, each checked; `None` when one is wrong.
fn tables(r: &mut Reader<'_>, document: &DeTable<'_>) -> Option<Plan> {
    if let (Some(audit), false) = (document.get("audit"), document.contains_key("plan")) {
        r.errors.push(
            Diagnostic::new(t!(
                "这是评价文件（有 [audit] 表），不是评价计划",
                "this is an audit, with an [audit] table, not an evaluation plan"
            ))
            .at(audit.span())
            .help(t!(
                "计划文件以 [plan] 开头，见 examples/team/plan.toml",
                "a plan starts with [plan]: see examples/team/plan.toml"
            )),
        );
        return None;
    }
    let mut strays: Vec<_> = (document.keys())
        .filter(|key| !TABLES.contains(&key.get_ref().as_ref()))
        .collect();
    strays.sort_by_key(|key| key.span().start);
    for key in strays {
        let name = key.get_ref().as_ref();
        let problem = unknown(("表名", "table"), name, TABLES, &[], Expected::OneOf);
        r.errors.push(problem.at(key.span()).key(quote_key(name)));
    }
    let head = match document.get("plan") {
        Some(value) => plan_table(r, value),
        None => {
            r.errors.push(missing_plan());
            None
        }
    };
    let (names, team) = match document.get_key_value("team") {
        Some((key, value)) => team(r, value, key.span()),
        None => {
            r.errors.push(missing_team());
            (Vec::new(), None)
        }
    };
    let sites = document
        .get("sites")
        .map_or(Some(Vec::new()), |v| sites(r, v));
    // The names read are checked against even when a member is wrong, so
    // that every problem is told at once.
    let assigned = match document.get("assign") {
        Some(value) => assign_table(r, value, &names),
        None => Some(vec![None; r.checklist.indicators.len()]),
    };
    let leader = (head.as_ref())
        .and_then(|head| head.leader.as_ref())
        .and_then(|l| leader(r, l, &names));
    let dates = head.as_ref().and_then(|head| dates(r, head));
    let (team, assigned) = (team?, assigned?);
    let assignment = assigned_or_told(r, &team, &assigned, document)?;
    let head = head?;
    let (from, to) = dates?;
    Some(Plan {
        organization: head.organization?,
        service: head.service?,
        kind: head.kind?,
        from,
        to,
        leader: leader?,
        team,
        sites: sites?,
        assigned,
        assignment,
    })
}

/// The first and last days, the last not before the first.
fn dates(r: &mut Reader<'_>, head: &Head) -> Option<(Date, Date)> {
    let (from, to) = (head.from.clone()?, head.to.clone()?);
    if to.0 < from.0 {
        let (first, last) = (from.0, to.0);
        r.errors.push(
            Diagnostic::new(t!(
                "结束日期 to（{last}）早于开始日期 from（{first}）",
                "the last day, to ({last}), is before the first, from ({first})"
            ))
            .at(to.1)
            .key("plan.to")
            .help(t!(
                "to 写评价的最后一天，不早于 from",
                "write the evaluation's last day as to, on or after from"
            )),
        );
        return None;
    }
    Some((from.0, to.0))
}

/// The file has no `[plan]` table.
fn missing_plan() -> Diagnostic {
    Diagnostic::new(t!(
        "缺少 [plan] 表（经营者、服务、评价类型、日期和组长）",
        "missing the [plan] table (the organization, service, kind, dates and leader)"
    ))
    .at(0..0)
    .help(t!(
        "在文件开头写上：\n[plan]\norganization = \"示例科技有限公司\"\nservice = \"供应链金融区块链服务\"\nkind = \"initial\"\nfrom = 2026-05-18\nto = 2026-05-20\nleader = \"王五\"",
        "start the file with:\n[plan]\norganization = \"Example Technology Co.\"\nservice = \"Supply-chain finance blockchain service\"\nkind = \"initial\"\nfrom = 2026-05-18\nto = 2026-05-20\nleader = \"Wang Wu\""
    ))
}

/// The file has no `[[team]]`.
fn missing_team() -> Diagnostic {
    Diagnostic::new(t!(
        "缺少评价组 [[team]]：每位组员写一个 [[team]] 表",
        "missing the team: write a [[team]] table for each member"
    ))
    .at(0..0)
    .key("team")
    .help(t!(
        "如：\n[[team]]\nname = \"王五\"\ncategories = [\"service\", \"management\"]",
        "such as:\n[[team]]\nname = \"Wang Wu\"\ncategories = [\"service\", \"management\"]"
    ))
}

/// `[plan]`: every key written, each of its kind.
fn plan_table(r: &mut Reader<'_>, value: &Value<'_>) -> Option<Head> {
    let table = table_of(r, value, "plan")?;
    known_keys(r, table, "plan", &PLAN_KEYS);
    missing_keys(r, table, "plan", &PLAN_KEYS, value.span());
    let text_at = |r: &mut Reader<'_>, key: &str, term| {
        let value = table.get(key)?;
        text(r, value, &format!("plan.{key}"), term)
    };
    let organization = text_at(r, "organization", ("经营者", "the organization"));
    let service = text_at(r, "service", ("服务名称", "the service"));
    let kind = table.get("kind").and_then(|value| kind(r, value));
    let from = table
        .get("from")
        .and_then(|value| date(r, value, "plan.from"));
    let to = table.get("to").and_then(|value| date(r, value, "plan.to"));
    let leader = table.get("leader").and_then(|value| {
        let name = text(r, value, "plan.leader", ("组长", "the leader"))?;
        Some(Spanned::new(value.span(), name))
    });
    Some(Head {
        organization,
        service,
        kind,
        from,
        to,
        leader,
    })
}

/// `kind`: a word audits accept for one.
fn kind(r: &mut Reader<'_>, value: &Value<'_>) -> Option<AuditKind> {
    let written = text(r, value, "plan.kind", ("评价类型", "the kind"))?;
    let kind = AuditKind::named(&written);
    if kind.is_none() {
        let ids = AuditKind::ALL.map(AuditKind::id);
        let problem = unknown(("评价类型", "kind"), &written, ids, &[], Expected::OneOf);
        let problem = or_help(
            problem,
            t!(
                "initial 初次评价、surveillance 监督评价、recertification 重新评价",
                "initial, surveillance or recertification"
            ),
        );
        r.errors.push(problem.at(value.span()).key("plan.kind"));
    }
    kind
}

/// `[[team]]`: every name read, and the members, each named once with
/// the categories they may assess (`None` when a member is wrong).
fn team(
    r: &mut Reader<'_>,
    value: &Value<'_>,
    at: Range<usize>,
) -> (Vec<String>, Option<Vec<Member>>) {
    let Some(entries) = array_of_tables(r, value, "team", at) else {
        return (Vec::new(), None);
    };
    let mut team: Vec<Member> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut first_at: Vec<usize> = Vec::new();
    let mut whole = true;
    for entry in entries {
        let Some(table) = table_of(r, entry, "team") else {
            whole = false;
            continue;
        };
        known_keys(r, table, "team", &MEMBER_KEYS);
        missing_keys(r, table, "team", &MEMBER_KEYS, entry.span());
        let name = (table.get("name")).and_then(|value| {
            Some((
                text(r, value, "team.name", ("组员姓名", "a member's name"))?,
                value.span(),
            ))
        });
        let categories = table
            .get("categories")
            .and_then(|value| categories(r, value));
        let Some((name, name_at)) = name else {
            whole = false;
            continue;
        };
        // The form lists assessors in one cell, split on these: a name
        // holding one would come back as two assessors.
        if name.contains(['、', ',', '，', ';', '；']) {
            r.errors.push(
                Diagnostic::new(t!(
                    "组员姓名“{name}”含有分隔符（、,，;；）：表单以这些符号分开评价人员",
                    "the member's name \"{name}\" holds a separator (a comma, a semicolon or an ideographic comma): the form splits assessors on them"
                ))
                .at(name_at)
                .key("team.name"),
            );
            whole = false;
            continue;
        }
        if let Some(first) = names.iter().position(|known| *known == name) {
            let line = r.lines.line(first_at[first]);
            r.errors.push(
                Diagnostic::new(t!(
                    "组员“{name}”已在第 {line} 行列出：每位组员只写一个 [[team]] 表",
                    "team member \"{name}\" is listed on line {line} already: write one [[team]] table per member"
                ))
                .at(name_at)
                .key("team.name")
                .help(t!(
                    "把两处的 categories 合在一个 [[team]] 中；同名的两个人写上能区分的名字",
                    "merge both members' categories into one [[team]]; two people of one name need names that tell them apart"
                )),
            );
            whole = false;
            continue;
        }
        first_at.push(name_at.start);
        names.push(name.clone());
        match categories {
            Some(categories) => team.push(Member { name, categories }),
            None => whole = false,
        }
    }
    (names, whole.then_some(team))
}

/// A member's `categories`: each an Appendix A category's id or name,
/// each once.
fn categories(r: &mut Reader<'_>, value: &Value<'_>) -> Option<Vec<usize>> {
    let Some(items) = value.get_ref().as_array() else {
        let help = match value.get_ref().as_str() {
            Some(text) => t!(
                "写成方括号内的列表：categories = [{text:?}]",
                "write a list in square brackets: categories = [{text:?}]"
            ),
            None => t!(
                "写成 categories = [\"service\", \"management\"]",
                "write categories = [\"service\", \"management\"]"
            ),
        };
        r.errors.push(
            Diagnostic::new(t!(
                "组员可评的类别 categories 应写成方括号内的列表",
                "a member's categories are written as a list in square brackets"
            ))
            .at(value.span())
            .key("team.categories")
            .help(help),
        );
        return None;
    };
    let mut found = Vec::new();
    let mut whole = true;
    for item in items.iter() {
        let Some(text) = item.get_ref().as_str() else {
            r.errors.push(
                Diagnostic::new(t!(
                    "类别应为加英文双引号的类别编号，如 \"service\"",
                    "a category is its id in double quotes, such as \"service\""
                ))
                .at(item.span())
                .key("team.categories"),
            );
            whole = false;
            continue;
        };
        match category_named(r.checklist, text) {
            Some(index) if found.contains(&index) => {}
            Some(index) => found.push(index),
            None => {
                let ids = r.checklist.categories.iter().map(|c| c.id.as_str());
                let problem = unknown(("类别", "category"), text, ids, &[], Expected::OneOf);
                let problem = or_help(problem, category_help(r.checklist));
                r.errors
                    .push(problem.at(item.span()).key("team.categories"));
                whole = false;
            }
        }
    }
    whole.then_some(found)
}

/// Every category's id and Chinese name, for a help line.
fn category_help(checklist: &Checklist) -> crate::message::Text {
    let pairs: Vec<String> = (checklist.categories.iter())
        .map(|c| format!("{} {}", c.id, c.name))
        .collect();
    let named: Vec<String> = (checklist.categories.iter())
        .map(|c| format!("{} ({})", c.id, c.name_en))
        .collect();
    let (zh, en) = (pairs.join("、"), named.join(", "));
    t!(
        "附录 A 的类别：{zh}（写编号或中文名称）",
        "Appendix A's categories: {en}"
    )
}

/// The category `text` names: its id, its Chinese or English name, case
/// and surrounding spaces aside.
fn category_named(checklist: &Checklist, text: &str) -> Option<usize> {
    let text = text.trim();
    (checklist.categories.iter()).position(|category| {
        category.id.eq_ignore_ascii_case(text)
            || category.name == text
            || category.name_en.eq_ignore_ascii_case(text)
    })
}

/// `[[sites]]`: each site's id once, as an audit's.
fn sites(r: &mut Reader<'_>, value: &Value<'_>) -> Option<Vec<Site>> {
    let entries = array_of_tables(r, value, "sites", value.span())?;
    let mut sites: Vec<Site> = Vec::new();
    let mut first_at: Vec<usize> = Vec::new();
    let mut whole = true;
    for entry in entries {
        let Some(table) = table_of(r, entry, "sites") else {
            whole = false;
            continue;
        };
        known_keys(r, table, "sites", &SITE_KEYS);
        missing_keys(r, table, "sites", &SITE_KEYS, entry.span());
        let id = (table.get("id")).and_then(|v| {
            Some((
                text(r, v, "sites.id", ("现场编号", "a site's id"))?,
                v.span(),
            ))
        });
        let name = (table.get("name"))
            .and_then(|v| text(r, v, "sites.name", ("现场名称", "a site's name")));
        let (Some((id, id_at)), Some(name)) = (id, name) else {
            whole = false;
            continue;
        };
        if let Some(first) = sites.iter().position(|site| site.id == id) {
            let line = r.lines.line(first_at[first]);
            r.errors.push(
                Diagnostic::new(t!(
                    "现场编号“{id}”已在第 {line} 行用过：每个现场的编号只能用一次",
                    "site id \"{id}\" is used on line {line} already: give each site its own id"
                ))
                .at(id_at)
                .key("sites.id"),
            );
            whole = false;
            continue;
        }
        first_at.push(id_at.start);
        sites.push(Site { id, name });
    }
    whole.then_some(sites)
}

/// `[assign]`: indicator id (or alias) → a member of the team.
fn assign_table(
    r: &mut Reader<'_>,
    value: &Value<'_>,
    names: &[String],
) -> Option<Vec<Option<usize>>> {
    let table = table_of(r, value, "assign")?;
    let checklist = r.checklist;
    let mut assigned = vec![None; checklist.indicators.len()];
    let mut first_at: Vec<Option<usize>> = vec![None; checklist.indicators.len()];
    let mut whole = true;
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    for (order, (key, value)) in entries.into_iter().enumerate() {
        let id = key.get_ref().as_ref();
        let path = format!("assign.{}", quote_key(id));
        let index = checklist.lookup(id.trim());
        if index.is_none()
            && let Some((meant, name)) = unquoted_id(checklist, id, value, 0)
        {
            // `6.2.d = "王五"`: TOML reads tables within tables.
            r.errors.push(
                Diagnostic::new(t!(
                    "指标编号含点号，须加英文双引号：不加引号的 {meant} 被读成了一层层的表",
                    "an indicator id with points must be quoted: unquoted, {meant} is read as tables within tables"
                ))
                .at(key.span())
                .key(path)
                .help(t!("写成 \"{meant}\" = {name}", "write \"{meant}\" = {name}")),
            );
            whole = false;
            continue;
        }
        if index.is_none() {
            r.errors.push(
                unknown_indicator(checklist, id, order)
                    .at(key.span())
                    .key(path.clone()),
            );
            whole = false;
        }
        let Some(name) = text(r, value, &path, ("组员姓名", "a member's name")) else {
            whole = false;
            continue;
        };
        let Some(member) = names.iter().position(|known| *known == name) else {
            let problem = unknown(
                ("组员", "team member"),
                &name,
                names.iter().copied(),
                &[],
                Expected::OneOf,
            );
            let problem = or_help(
                problem,
                t!(
                    "写 [[team]] 中某位组员的 name",
                    "write the name of a member of [[team]]"
                ),
            );
            r.errors.push(problem.at(value.span()).key(path));
            whole = false;
            continue;
        };
        let Some(index) = index else {
            continue;
        };
        if let Some(first) = first_at[index] {
            // The id and one of its aliases, or two aliases: one
            // indicator given twice, never settled by which comes last.
            let (line, id) = (r.lines.line(first), &checklist.indicators[index].id);
            r.errors.push(
                Diagnostic::new(t!(
                    "指标 {id} 已在第 {line} 行指定了评价人：每个指标只写一次",
                    "indicator {id} is given an assessor on line {line} already: name each indicator once"
                ))
                .at(key.span())
                .key(path),
            );
            whole = false;
            continue;
        }
        first_at[index] = Some(key.span().start);
        assigned[index] = Some(member);
    }
    whole.then_some(assigned)
}

/// The checklist id that `6.2.d = "王五"`, written without quotes, was
/// meant to name (the table `6` holding `2` holding `d`), and the value
/// written, as TOML; an id has at most four parts, so the search stops
/// there.
fn unquoted_id(
    checklist: &Checklist,
    id: &str,
    value: &Value<'_>,
    depth: usize,
) -> Option<(String, String)> {
    if depth > 0
        && checklist.lookup(id).is_some()
        && let Some(name) = value.get_ref().as_str()
    {
        return Some((id.to_string(), crate::text::toml_string(name)));
    }
    if depth >= 3 {
        return None;
    }
    let table = value.get_ref().as_table()?;
    (table.iter()).find_map(|(part, inner)| {
        let id = format!("{id}.{}", part.get_ref());
        unquoted_id(checklist, &id, inner, depth + 1)
    })
}

/// An `[assign]` key that is no indicator of the checklist.
fn unknown_indicator(checklist: &Checklist, id: &str, order: usize) -> Diagnostic {
    if order >= MAX_REPORTED {
        let shown = crate::text::shortened(id);
        return Diagnostic::new(t!(
            "未知的指标编号 `{shown}`",
            "unknown indicator id `{shown}`"
        ));
    }
    let known = checklist.indicators.iter().flat_map(|indicator| {
        std::iter::once(indicator.id.as_str()).chain(indicator.aliases.iter().map(String::as_str))
    });
    unknown(
        ("指标编号", "indicator id"),
        id,
        known,
        &[],
        Expected::ListedBy(t!(
            "`bscore checklist` 列出全部指标编号；编号含点号，须加英文双引号，如 \"6.2.d\" = \"王五\"",
            "`bscore checklist` lists every id; an id with points is quoted, as in \"6.2.d\" = \"Wang Wu\""
        )),
    )
}

/// The leader: a member of the team.
fn leader(r: &mut Reader<'_>, leader: &Spanned<String>, names: &[String]) -> Option<usize> {
    let name = leader.get_ref();
    let found = names.iter().position(|known| known == name);
    if found.is_none() && !names.is_empty() {
        let names = names.iter().map(String::as_str);
        let listed: Vec<String> = names.clone().map(|n| format!("`{n}`")).collect();
        let (zh, en) = (listed.join("、"), listed.join(", "));
        let shown = crate::text::shortened(name);
        let problem = Diagnostic::new(t!(
            "组长“{shown}”不是评价组 [[team]] 的组员（组员：{zh}）",
            "the leader \"{shown}\" is not a member of [[team]] (members: {en})"
        ));
        let problem = match did_you_mean(name, names) {
            Some(meant) => problem.help(t!("是否应为 `{meant}`？", "did you mean `{meant}`?")),
            None => problem.help(t!(
                "组长也是组员：为其写一个 [[team]] 表",
                "the leader is a member too: write a [[team]] table for them"
            )),
        };
        r.errors.push(problem.at(leader.span()).key("plan.leader"));
    }
    found
}

/// The assignment, or the indicators no member may assess told by
/// category (at the first `[[team]]`), with the categories to add.
fn assigned_or_told(
    r: &mut Reader<'_>,
    team: &[Member],
    assigned: &[Option<usize>],
    document: &DeTable<'_>,
) -> Option<super::Assignment> {
    let categories: Vec<Vec<usize>> = team.iter().map(|m| m.categories.clone()).collect();
    let orphans = match assign(&r.checklist.indicators, &categories, assigned) {
        Ok(assignment) => return Some(assignment),
        Err(orphans) => orphans,
    };
    let at = (document.get("team"))
        .and_then(|team| team.get_ref().as_array()?.iter().next().map(Spanned::span))
        .unwrap_or(0..0);
    for (index, category) in r.checklist.categories.iter().enumerate() {
        let ids: Vec<&str> = (orphans.iter())
            .map(|i| &r.checklist.indicators[*i])
            .filter(|indicator| indicator.category == index)
            .map(|indicator| indicator.id.as_str())
            .collect();
        let Some(first) = ids.first() else {
            continue;
        };
        let count = ids.len();
        let shown: Vec<&str> = ids.iter().copied().take(8).collect();
        let more = if count > shown.len() { "…" } else { "" };
        let (zh, en) = (
            format!("{}{more}", shown.join("、")),
            format!("{}{more}", shown.join(", ")),
        );
        let (id, name, name_en) = (&category.id, &category.name, &category.name_en);
        r.errors.push(
            Diagnostic::new(t!(
                "没有组员可以评价{name}（{id}）的 {count} 个指标：{zh}",
                "no team member may assess the {count} indicators of {name_en} ({id}): {en}"
            ))
            .at(at.clone())
            .key("team")
            .help(t!(
                "在某位组员的 categories 中加上 \"{id}\"，或在 [assign] 中为每个指标指定评价人，如 \"{first}\" = \"组员姓名\"",
                "add \"{id}\" to a member's categories, or name each indicator's assessor in [assign], as in \"{first}\" = \"member's name\""
            )),
        );
    }
    None
}

#[cfg(test)]
#[path = "load_tests.rs"]
mod tests;
