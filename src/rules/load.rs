//! Reading a 细则 file (docs/rules.md): every problem at once, located (file,
//! key, line:column), in both languages, with the name meant where one
//! fits; what is doubtful but not wrong comes back as warnings.
//!
//! The file is read as audits are: the audit's syntax pass
//! (`audit::syntax`) words a TOML syntax error for assessors and names
//! the slips of a Chinese keyboard (full-width quotes, commas, colons),
//! sets the broken lines aside and lets the rest be checked; then the
//! tables are walked with their spans (`toml::de::DeTable`), so every
//! problem has its place. Coefficients are exact as written (`0.3` is
//! 3/10) and keep their literal for messages.
//!
//! An indicator the file names does **not** inherit `[defaults]`: the keys
//! its table omits are unrestricted (no `levels`: any coefficient; no
//! `exclusion`: it may be excluded). `[defaults]` applies only to the
//! indicators the file does not name. So a rule reads the same wherever it
//! is printed, without looking elsewhere in the file; the starter
//! ([`super::init`]) says so where it explains `[defaults]`, and a file
//! whose `[defaults]` misses indicators named with an empty table (the
//! starter's, not yet filled in) is warned of.
//!
//! The work is linear in the file: an indicator is found by the
//! checklist's index, levels are compared after one sort, and names are
//! suggested only for the problems that can be listed.

use super::reader::{Reader, unknown_name};
use super::rule::{self, Scope};
use super::slips;
use super::values;
use super::{Rule, Rules};
use crate::checklist::Checklist;
use crate::diagnostic::{Diagnostic, Expected, InputError, MAX_REPORTED, quote_key, unknown};
use crate::message::Lang;
use crate::message::t;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Files larger than this are checked for broken syntax before they are
/// parsed in full, as audits are.
const LARGE_FILE_BYTES: usize = 1024 * 1024;

/// The tables a 细则 holds.
const TABLES: [&str; 3] = ["rules", "defaults", "indicators"];

/// The keys of `[rules]`.
const RULES_KEYS: [&str; 3] = ["title", "version", "standard"];

/// A 细则 that loaded: the rules, and what is doubtful in the file but
/// not wrong (a level on an indicator worth no points, say), to be shown
/// with [`Loaded::render_warnings`].
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The validated 细则.
    pub rules: Rules,
    /// Warnings, in no particular order (sorted when rendered).
    pub warnings: Vec<Diagnostic>,
}

impl Loaded {
    /// The warnings as the compiler prints its own, located like errors,
    /// headed 警告 / warning and ending with a line that counts them; empty
    /// when there are none. `file` and `source` are what [`parse`] read.
    pub fn render_warnings(&self, file: &str, source: &str, lang: Lang) -> String {
        render_warnings(file, source, &self.warnings, lang)
    }
}

/// Parses and validates the 细则 `source` (the file `file`, read whole and
/// at most `crate::input::MAX_INPUT_BYTES`) against `checklist`: the
/// rules and their warnings, or every error of the file (a refused file's
/// warnings are not returned: its errors are what must be fixed first).
/// Render the error with [`InputError::render`], the warnings with
/// [`Loaded::render_warnings`].
pub fn parse(file: &str, source: &str, checklist: &Checklist) -> Result<Loaded, InputError> {
    if source.len() > LARGE_FILE_BYTES
        && let Some(syntax) = crate::audit::syntax::too_many(source)
    {
        return Err(too_many(file, source, syntax));
    }
    let (document, errors) = DeTable::parse_recoverable(source);
    if errors.is_empty() {
        return validate(file, source, document, Reader::start(source, checklist));
    }
    drop(document);
    let syntax = crate::audit::syntax::check(source);
    if syntax.count > MAX_REPORTED {
        return Err(too_many(file, source, syntax));
    }
    let Some(repaired) = &syntax.repaired else {
        // A refusal always says why: the toml crate's errors when the
        // syntax pass names none.
        let problems = match syntax.problems.is_empty() {
            true => errors
                .iter()
                .map(crate::audit::validate::toml_error)
                .collect(),
            false => slips::reworded(source, syntax.problems).0,
        };
        return Err(InputError::new(file, source, problems));
    };
    let (document, errors) = DeTable::parse_recoverable(repaired);
    let mut reader = Reader::start(repaired, checklist);
    let (errors_reworded, colon_keys) = slips::reworded(source, syntax.problems);
    reader.errors = errors_reworded;
    reader.set_aside = syntax.set_aside;
    reader.set_aside.extend(colon_keys);
    if !errors.is_empty() {
        // The syntax pass set aside every line the toml crate cannot
        // read; should it not have, the file is still refused.
        reader.errors.push(Diagnostic::new(t!(
            "无法读取此文件的 TOML 语法",
            "the file's TOML syntax cannot be read"
        )));
        return Err(InputError::new(file, source, reader.errors));
    }
    validate(file, source, document, reader)
}

/// The error of a file with more syntax problems than are listed.
fn too_many(file: &str, source: &str, syntax: crate::audit::syntax::Syntax) -> InputError {
    let never_listed = syntax.count.saturating_sub(syntax.problems.len());
    // Worded for a 细则 as when fewer (a colon for `=` named as one).
    let (problems, _) = slips::reworded(source, syntax.problems);
    InputError::new(file, source, problems).with_omitted(never_listed)
}

/// The rules `document` holds, or every problem of `file` (whose text as
/// read, `original`, is what problems are shown against and hashed).
fn validate(
    file: &str,
    original: &str,
    document: Spanned<DeTable<'_>>,
    mut reader: Reader<'_>,
) -> Result<Loaded, InputError> {
    let rules = tables(&mut reader, document.get_ref(), original);
    match (rules, reader.errors.is_empty()) {
        (Some(rules), true) => Ok(Loaded {
            rules,
            warnings: reader.warnings,
        }),
        (_, false) => Err(InputError::new(file, original, reader.errors)),
        (None, true) => {
            // Every path that gives up records why; should one not, the
            // file is still refused, never passed in silence.
            debug_assert!(false, "a 细则 refused without a problem");
            let problem = Diagnostic::new(t!(
                "无法读取此文件（bscore 未能说明原因，请报告此问题）",
                "this file cannot be read (bscore could not say why: please report this)"
            ));
            Err(InputError::new(file, original, vec![problem]))
        }
    }
}

/// The document's three tables, each checked; `None` when one is wrong.
fn tables(r: &mut Reader<'_>, document: &DeTable<'_>, original: &str) -> Option<Rules> {
    if let (Some(audit), false) = (document.get("audit"), document.contains_key("rules")) {
        // An audit given as the 细则 (the two files swapped): said as
        // what it is (found by a newcomer's run).
        r.errors.push(
            Diagnostic::new(t!(
                "这是评价文件（有 [audit] 表），不是评分细则",
                "this is an audit, with an [audit] table, not scoring rules"
            ))
            .at(audit.span())
            .help(t!(
                "--rules 后写评分细则文件，评价文件写在命令后；bscore rules init 生成一份起始细则",
                "give the scoring rules after --rules and the audit after the command; bscore rules init writes a starter"
            )),
        );
        return None;
    }
    let mut head = None;
    let mut defaults = Ok(None);
    let mut named = Ok(vec![None; r.checklist.indicators.len()]);
    let mut strays = Vec::new();
    let mut defaults_at = None;
    for (key, value) in document {
        match key.get_ref().as_ref() {
            "rules" => head = Some(rules_table(r, value, key.span())),
            "defaults" => {
                defaults = defaults_table(r, value).map(Some);
                defaults_at = Some(key.span());
            }
            "indicators" => named = indicators(r, value),
            _ => strays.push(key),
        }
    }
    strays.sort_by_key(|key| key.span().start);
    for (listed, key) in strays.into_iter().enumerate() {
        stray(r, key, listed < MAX_REPORTED);
    }
    let head = match head {
        Some(head) => head?,
        None => return missing_rules(r),
    };
    if let (Some(at), Ok(named)) = (defaults_at, &named) {
        unreached_defaults(r, document, named, at);
    }
    Some(Rules {
        title: head.title,
        version: head.version,
        standard: head.standard,
        sha256: crate::trace::sha256(original),
        defaults: defaults.ok()?,
        named: named.ok()?,
    })
}

/// Warns when `[defaults]` does not reach indicators the file names with
/// an empty table (as the starter does until it is filled in): a named
/// indicator does not inherit `[defaults]`, so those take any coefficient,
/// which is rarely what a body that wrote `[defaults]` meant.
fn unreached_defaults(
    r: &mut Reader<'_>,
    document: &DeTable<'_>,
    named: &[Option<Rule>],
    at: Range<usize>,
) {
    let tables = (document.get("indicators"))
        .and_then(|indicators| indicators.get_ref().as_table())
        .into_iter()
        .flat_map(|indicators| indicators.iter());
    let mut empty: Vec<usize> = (tables)
        .filter(|(_, value)| value.get_ref().as_table().is_some_and(DeTable::is_empty))
        .filter_map(|(key, _)| r.checklist.lookup(key.get_ref()))
        .collect();
    empty.sort_unstable();
    empty.dedup();
    let unnamed = named.iter().filter(|rule| rule.is_none()).count();
    if empty.is_empty() && unnamed > 0 {
        return;
    }
    let count = empty.len();
    let ids: Vec<&str> = (empty.iter().take(5))
        .map(|index| r.checklist.indicators[*index].id.as_str())
        .collect();
    let more = if count > ids.len() { "…" } else { "" };
    let (zh, en) = (
        format!("{}{more}", ids.join("、")),
        format!("{}{more}", ids.join(", ")),
    );
    let message = match (unnamed, count) {
        (0, 0) => t!(
            "[defaults] 不适用于任何指标：本文件列出了全部指标，列出的指标不继承 [defaults]",
            "[defaults] applies to no indicator: the file names every one, and a named indicator does not inherit it"
        ),
        _ => t!(
            "[defaults] 不适用于本文件列出的指标；其中 {count} 个的表是空的（{zh}），可给任何扣分系数",
            "[defaults] does not apply to the indicators the file names; {count} of them have an empty table ({en}) and take any coefficient"
        ),
    };
    r.warnings
        .push(Diagnostic::new(message).at(at).key("defaults").help(t!(
            "要让 [defaults] 适用于某个指标，删去它的 [indicators.\"编号\"] 表",
            "to have [defaults] apply to an indicator, delete its [indicators.\"ID\"] table"
        )));
}

/// A top-level name that is none of the three tables: a table misnamed,
/// or a key of `[rules]` written above it. Suggestions are searched for
/// only while the problem can be `listed`.
fn stray(r: &mut Reader<'_>, key: &Spanned<std::borrow::Cow<'_, str>>, listed: bool) {
    let name = key.get_ref().as_ref();
    let path = quote_key(name);
    let problem = match (RULES_KEYS.contains(&name), listed) {
        (true, _) => Diagnostic::new(t!(
            "`{name}` 不能写在任何表之前",
            "`{name}` is written before any table"
        ))
        .help(t!(
            "把 {name} = … 移到 [rules] 之下",
            "move {name} = … under [rules]"
        )),
        (false, true) => unknown_name(("表名", "table"), name, &TABLES),
        (false, false) => {
            let shown = crate::text::shortened(name);
            Diagnostic::new(t!("未知的表名 `{shown}`", "unknown table `{shown}`"))
        }
    };
    r.errors.push(problem.at(key.span()).key(path));
}

/// The file has no `[rules]` table.
fn missing_rules<T>(r: &mut Reader<'_>) -> Option<T> {
    r.errors.push(
        Diagnostic::new(t!(
            "缺少 [rules] 表（细则的标题 title 和版本 version）",
            "missing the [rules] table (the scoring rules' title and version)"
        ))
        .at(0..0)
        .help(t!(
            "在文件开头写上：\n[rules]\ntitle = \"示例认证有限公司 区块链服务认证评分细则\"\nversion = \"2026.1\"",
            "start the file with:\n[rules]\ntitle = \"Example Certification Co. blockchain service scoring rules\"\nversion = \"2026.1\""
        )),
    );
    None
}

/// What `[rules]` says of the 细则.
struct Head {
    title: String,
    version: String,
    standard: Option<String>,
}

/// `[rules]`: title and version written, standard the checklist's.
fn rules_table(
    r: &mut Reader<'_>,
    value: &Spanned<DeValue<'_>>,
    name: Range<usize>,
) -> Option<Head> {
    let table = values::table_of(r, value, "rules")?;
    values::known_keys(r, table, "rules", &RULES_KEYS);
    let missing: Vec<&str> = ["title", "version"]
        .into_iter()
        .filter(|key| !table.contains_key(*key) && !r.set_aside.iter().any(|k| k == key))
        .filter(|key| !values::misnamed(table, key, &RULES_KEYS))
        .collect();
    if !missing.is_empty() {
        let (zh, en) = (missing.join("、"), missing.join(", "));
        r.errors.push(
            Diagnostic::new(t!(
                "[rules] 缺少 {zh}（细则的标题和版本都须写明）",
                "[rules] is missing {en} (scoring rules name their title and version)"
            ))
            .at(name)
            .key("rules")
            .help(t!(
                "在 [rules] 中补上，如 title = \"示例认证有限公司 区块链服务认证评分细则\"、version = \"2026.1\"",
                "add them to [rules], such as title = \"Example Co. scoring rules\" and version = \"2026.1\""
            )),
        );
    }
    let title = head_text(r, table, "title", ("细则标题", "the title"));
    let version = head_text(r, table, "version", ("细则版本", "the version"));
    if let Some(title) = &title
        && let Some(span) = table.get("title").map(Spanned::span)
        && super::init::is_placeholder_title(title)
    {
        // An error, as a "?" left in an audit is: a starter never checks
        // audits, nor heads a customer's report, by accident (found by a
        // newcomer's run).
        r.errors.push(
            Diagnostic::new(t!(
                "标题还是 `bscore rules init` 写的占位文字",
                "the title is still the placeholder `bscore rules init` wrote"
            ))
            .at(span)
            .key("rules.title")
            .help(t!(
                "改为认证机构的细则名称，如 \"示例认证有限公司 区块链服务认证评分细则\"",
                "write the certification body's title, such as \"Example Co. blockchain service scoring rules\""
            )),
        );
    }
    let standard = standard(r, table);
    Some(Head {
        title: title?,
        version: version?,
        standard: standard.ok()?,
    })
}

/// The text of a `[rules]` key, written and not blank.
fn head_text(
    r: &mut Reader<'_>,
    table: &DeTable<'_>,
    key: &str,
    term: (&str, &str),
) -> Option<String> {
    let value = table.get(key)?;
    values::written_text(r, value, &format!("rules.{key}"), term)
}

/// `standard`, if written: the checklist's code. `Err` when it is
/// another's, with the problem recorded.
fn standard(r: &mut Reader<'_>, table: &DeTable<'_>) -> Result<Option<String>, ()> {
    let Some(value) = table.get("standard") else {
        return Ok(None);
    };
    let Some(written) = values::text(
        r,
        value,
        "rules.standard",
        ("标准编号", "the standard's code"),
    ) else {
        return Err(());
    };
    let code = &r.checklist.code;
    if written.trim() == code {
        return Ok(Some(code.clone()));
    }
    let shown = crate::text::shortened(written.trim());
    r.errors.push(
        Diagnostic::new(t!(
            "本细则对应的标准是 `{shown}`，而评分表对应 `{code}`",
            "this 细则 is for `{shown}` but the checklist is for `{code}`"
        ))
        .at(value.span())
        .key("rules.standard")
        .help(t!(
            "改为 standard = \"{code}\"，或用 --checklist 指定该标准的评分表",
            "write standard = \"{code}\", or use the checklist of that standard with --checklist"
        )),
    );
    Err(())
}

/// `[defaults]`: the rule of every indicator the file does not name.
fn defaults_table(r: &mut Reader<'_>, value: &Spanned<DeValue<'_>>) -> Result<Rule, ()> {
    let table = values::table_of(r, value, "defaults").ok_or(())?;
    rule::rule(r, table, "defaults", Scope::Defaults).ok_or(())
}

/// `[indicators]`: one rule per indicator named, by its id or an alias,
/// at the indicator's place in the checklist.
fn indicators(r: &mut Reader<'_>, value: &Spanned<DeValue<'_>>) -> Result<Vec<Option<Rule>>, ()> {
    let count = r.checklist.indicators.len();
    let table = values::table_of(r, value, "indicators").ok_or(())?;
    // The parser's map is sorted by key; file order makes "named twice"
    // point at the second one.
    let mut listed: Vec<_> = table.iter().collect();
    listed.sort_by_key(|(key, _)| key.span().start);
    let mut named_at: Vec<Option<usize>> = vec![None; count];
    let mut found = Vec::new();
    let mut unknown_ids = Vec::new();
    for (key, value) in listed {
        let id = key.get_ref().as_ref();
        let Some(index) = r.checklist.lookup(id) else {
            unknown_ids.push((key, value));
            continue;
        };
        // The second of two is checked too, for its own problems.
        match named_at[index] {
            Some(first) => {
                named_twice(r, index, first, key);
                found.push((index, false, key, value));
            }
            None => {
                named_at[index] = Some(key.span().start);
                found.push((index, true, key, value));
            }
        }
    }
    report_unknown(r, &unknown_ids, &named_at);
    let mut named = vec![None; count];
    let mut complete = true;
    for (index, first, key, value) in found {
        let path = format!("indicators.{}", quote_key(key.get_ref()));
        let rule = values::table_of(r, value, &path)
            .and_then(|table| rule::rule(r, table, &path, Scope::Indicator(index)));
        complete &= rule.is_some();
        if first {
            named[index] = rule;
        }
    }
    match complete && unknown_ids.is_empty() {
        true => Ok(named),
        false => Err(()),
    }
}

/// The indicator at `index` named a second time, at `key`, after the
/// first at byte `first` (by its id and an alias: the same key twice is
/// a syntax error, reported before).
fn named_twice(
    r: &mut Reader<'_>,
    index: usize,
    first: usize,
    key: &Spanned<std::borrow::Cow<'_, str>>,
) {
    let canonical = &r.checklist.indicators[index].id;
    let line = r.lines.line(first);
    r.errors.push(
        Diagnostic::new(t!(
            "指标 {canonical} 写了两次（一次用编号，一次用别名）",
            "indicator {canonical} is named twice (by its id and an alias)"
        ))
        .at(key.span())
        .key(format!("indicators.{}", quote_key(key.get_ref())))
        .help(t!(
            "第一次写在第 {line} 行：保留一处，把两处的内容合在一起",
            "the first is at line {line}: keep one, with what both say"
        )),
    );
}

/// Every id that is not the checklist's, the id meant suggested for the
/// first [`MAX_REPORTED`] (preferring ids the file does not name yet:
/// those a typo took away).
fn report_unknown(
    r: &mut Reader<'_>,
    unknown_ids: &[(&Spanned<std::borrow::Cow<'_, str>>, &Spanned<DeValue<'_>>)],
    named_at: &[Option<usize>],
) {
    let checklist = r.checklist;
    let known = checklist.indicators.iter().flat_map(|indicator| {
        std::iter::once(indicator.id.as_str()).chain(indicator.aliases.iter().map(String::as_str))
    });
    let unnamed: Vec<&str> = (checklist.indicators.iter().zip(named_at))
        .filter(|(_, at)| at.is_none())
        .map(|(indicator, _)| indicator.id.as_str())
        .collect();
    for (order, (key, value)) in unknown_ids.iter().enumerate() {
        let id = key.get_ref().as_ref();
        let path = format!("indicators.{}", quote_key(id));
        let unquoted = (order < MAX_REPORTED)
            .then(|| unquoted_id(checklist, id, value, 0))
            .flatten();
        let problem = match (order < MAX_REPORTED, unquoted) {
            (_, Some(meant)) => Diagnostic::new(t!(
                "指标编号含点号，须加英文双引号：不加引号的 {meant} 被读成了一层层的表",
                "an indicator id with points must be quoted: unquoted, {meant} is read as tables within tables"
            ))
            .help(t!(
                "写成 [indicators.\"{meant}\"]",
                "write [indicators.\"{meant}\"]"
            )),
            (true, None) => unknown(
                ("指标编号", "indicator id"),
                id,
                known.clone(),
                &unnamed,
                Expected::ListedBy(t!(
                    "`bscore checklist` 列出全部指标编号",
                    "`bscore checklist` lists every id"
                )),
            ),
            (false, None) => {
                let shown = crate::text::shortened(id);
                Diagnostic::new(t!(
                    "未知的指标编号 `{shown}`",
                    "unknown indicator id `{shown}`"
                ))
            }
        };
        r.errors.push(problem.at(key.span()).key(path));
    }
}

/// The checklist id that `[indicators.4.1.a]`, written without quotes,
/// was meant to name: the table `4` holding `1` holding `a` (an id has at
/// most four parts, so the search stops there).
fn unquoted_id(
    checklist: &Checklist,
    id: &str,
    value: &Spanned<DeValue<'_>>,
    depth: usize,
) -> Option<String> {
    if depth > 0 && checklist.lookup(id).is_some() {
        return Some(id.to_string());
    }
    if depth >= 3 {
        return None;
    }
    let table = value.get_ref().as_table()?;
    (table.iter()).find_map(|(part, inner)| {
        unquoted_id(
            checklist,
            &format!("{id}.{}", part.get_ref()),
            inner,
            depth + 1,
        )
    })
}

/// `warnings` located against `source` and printed as the compiler
/// prints its own, headed 警告 / warning; empty when there are none.
pub fn render_warnings(file: &str, source: &str, warnings: &[Diagnostic], lang: Lang) -> String {
    if warnings.is_empty() {
        return String::new();
    }
    // Located (sorted, lines and columns, excerpts) as errors are.
    InputError::new(file, source, warnings.to_vec()).render_as_warnings(lang)
}

#[cfg(test)]
#[path = "load_tests.rs"]
mod tests;
