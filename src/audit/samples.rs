//! `[[sites]]` and an indicator's `samples`, `population` and `drawn`
//! (§8.2 b 4, §8.3 c 2): every site named once, every item written once
//! at a declared site, a population no smaller than its sample, and a
//! recorded draw put to the caller's check, every problem at its value.

use super::context::Context;
use super::fields::{self, optional_text, written_text};
use super::format::{DRAWN, SAMPLE, SITE};
use super::further::DrawPart;
use super::model::{Drawn, SampleItem, Samples, Site};
use crate::diagnostic::{Diagnostic, Expected, MAX_REPORTED, unknown};
use crate::input::shortened;
use crate::message::t;
use crate::text::half_width;
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;
use toml::de::DeValue;

/// The most items one indicator's sample may list: far more than any
/// assessor examines by hand, few enough that a hostile file's list is
/// refused before it costs memory (every limit holds on what a file
/// holds, not only its size).
pub(crate) const MAX_SAMPLE_ITEMS: usize = 100_000;

/// The most sites an audit may declare: more than any multi-site service
/// has, few enough that each message about a site is cheap to word.
pub(crate) const MAX_SITES: usize = 10_000;

/// Sites past which an unknown one is told without listing them all.
const SITES_LISTED: usize = 20;

/// The sites `[[sites]]` declares, each id once; their ids are kept in
/// `cx` for the samples that name them.
pub(super) fn sites(cx: &mut Context<'_>, value: &Spanned<DeValue<'_>>) -> Vec<Site> {
    let Some(entries) = value.get_ref().as_array() else {
        cx.problems.push(
            Diagnostic::new(t!(
                "每个现场单独写一个 [[sites]] 表（两层方括号）",
                "expected an array of tables: write each site as [[sites]]"
            ))
            .at(value.span())
            .key("sites"),
        );
        return Vec::new();
    };
    if entries.len() > MAX_SITES {
        let count = entries.len();
        cx.problems.push(
            Diagnostic::new(t!(
                "列了 {count} 个现场，超过上限 {MAX_SITES} 个",
                "{count} sites are declared, more than the {MAX_SITES} bscore reads"
            ))
            .at(value.span())
            .key("sites"),
        );
        // Its items are not told of unknown sites as well.
        cx.sites_unchecked = true;
        return Vec::new();
    }
    let mut named_at: HashMap<String, usize> = HashMap::new();
    let mut first_at: HashMap<String, usize> = HashMap::new();
    for entry in entries {
        let Some(fields) = fields::table(cx, entry, "sites", entry.span(), SITE.keys) else {
            continue;
        };
        let Some(id) = fields.text("id") else {
            continue;
        };
        let id_span = id.span();
        let id = match written_text(&id, "sites.id", SITE.term("id")) {
            Ok(id) => id,
            Err(problem) => {
                cx.problems.push(problem);
                continue;
            }
        };
        // A site whose name is wrong is still declared: its items are
        // not told of an unknown site as well.
        cx.site_ids.insert(id.clone());
        let Some(name) = fields.text("name") else {
            continue;
        };
        let name_at = name.span();
        let name = match written_text(&name, "sites.name", SITE.term("name")) {
            Ok(name) => name,
            Err(problem) => {
                cx.problems.push(problem);
                continue;
            }
        };
        if let Some(&first) = named_at.get(&name) {
            let line = cx.lines.line(first);
            cx.problems.push(
                Diagnostic::new(t!(
                    "现场名称“{name}”已在第 {line} 行用过：报告按名称列出各现场，名称相同就分不清",
                    "site name \"{name}\" is used on line {line} already: reports tell sites apart by their names"
                ))
                .at(name_at.clone())
                .key("sites.name"),
            );
        }
        named_at.entry(name.clone()).or_insert(name_at.start);
        if let Some(&first) = first_at.get(&id) {
            let line = cx.lines.line(first);
            cx.problems.push(
                Diagnostic::new(t!(
                    "现场编号“{id}”已在第 {line} 行用过：每个现场的编号只能用一次",
                    "site id \"{id}\" is used on line {line} already: give each site its own id"
                ))
                .at(id_span)
                .key("sites.id"),
            );
            continue;
        }
        first_at.insert(id.clone(), id_span.start);
        cx.sites.push(Site { id, name });
    }
    cx.sites.clone()
}

/// An indicator's samples as read, with the place of each item's name
/// (where a problem of the draw is told).
pub(super) struct Read {
    /// The samples.
    pub(super) samples: Samples,
    /// Where the list is written.
    pub(super) span: Range<usize>,
    /// Where each item's name is written.
    item_spans: Vec<Range<usize>>,
    /// Where `drawn`'s `seed`, `from` and `sha256` are written.
    drawn_spans: Option<DrawnSpans>,
}

/// Where a draw's `seed`, `from` and `sha256` are written.
type DrawnSpans = (Range<usize>, Range<usize>, Range<usize>);

/// The items of `value` (`key.samples`) and how they were drawn
/// (`drawn`, if written); `None` with every problem recorded.
pub(super) fn samples(
    cx: &mut Context<'_>,
    value: &Spanned<DeValue<'_>>,
    drawn: Option<&Spanned<DeValue<'_>>>,
    key: &str,
) -> Option<Read> {
    let path = format!("{key}.samples");
    let entries = value.get_ref().as_array()?;
    // A list emptied by an item's line set aside for its syntax is not
    // told to be empty: that line's problem is the one to fix.
    if entries.is_empty() && cx.has_problem_within(&value.span()) {
        return None;
    }
    if entries.is_empty() {
        cx.problems.push(
            Diagnostic::new(t!(
                "样本列表是空的：至少写一个样本",
                "the list of samples is empty: record at least one item"
            ))
            .at(value.span())
            .key(path)
            .help(t!(
                "写成 samples = [{{ item = \"CR-2025-017\", conforms = true }}]；未抽样的指标写扣分系数",
                "write samples = [{{ item = \"CR-2025-017\", conforms = true }}]; an indicator not sampled takes a coefficient"
            )),
        );
        return None;
    }
    if entries.len() > MAX_SAMPLE_ITEMS {
        let count = entries.len();
        cx.problems.push(
            Diagnostic::new(t!(
                "一个指标列了 {count} 个样本，超过上限 {MAX_SAMPLE_ITEMS} 个",
                "{count} items are listed for one indicator, more than the {MAX_SAMPLE_ITEMS} bscore reads"
            ))
            .at(value.span())
            .key(path),
        );
        return None;
    }
    let mut items = Vec::with_capacity(entries.len());
    let mut item_spans = Vec::with_capacity(entries.len());
    let mut first_at: FirstAt = HashMap::with_capacity(entries.len());
    let mut complete = true;
    for entry in entries {
        match sample_item(cx, entry, &path, &mut first_at) {
            Some((item, span)) => {
                items.push(item);
                item_spans.push(span);
            }
            None => complete = false,
        }
    }
    let drawn = drawn.map(|drawn| drawn_of(cx, drawn, key));
    let (drawn, drawn_spans) = match drawn {
        Some(Some((drawn, spans))) => (Some(drawn), Some(spans)),
        Some(None) => return None,
        None => (None, None),
    };
    complete.then_some(Read {
        samples: Samples { items, drawn },
        span: value.span(),
        item_spans,
        drawn_spans,
    })
}

/// The items read so far, by their half-width form: where each is written
/// and as what.
type FirstAt = HashMap<String, (usize, String)>;

/// One item of a sample; `None` with its problems recorded. An item
/// written before, as it is or in full-width characters, is one, at its
/// first line.
fn sample_item(
    cx: &mut Context<'_>,
    entry: &Spanned<DeValue<'_>>,
    path: &str,
    first_at: &mut FirstAt,
) -> Option<(SampleItem, Range<usize>)> {
    if entry.get_ref().as_table().is_none() {
        cx.problems.push(
            Diagnostic::new(t!(
                "每个样本写成 {{ item = \"样本编号\", conforms = true }}，可加 site 和 record",
                "each item is written {{ item = \"its number\", conforms = true }}, with site and record if need be"
            ))
            .at(entry.span())
            .key(path.to_string()),
        );
        return None;
    }
    let fields = fields::table(cx, entry, path, entry.span(), SAMPLE.keys)?;
    let item = fields.text("item");
    let site = fields.text("site");
    let record = fields.text("record");
    let conforms = fields
        .get("conforms")
        .and_then(|value| value.get_ref().as_bool());
    let named = item.as_ref().map(|item| {
        let written = written_text(item, &format!("{path}.item"), SAMPLE.term("item"));
        (written, item.span())
    });
    let record = optional_text(record, &format!("{path}.record"), SAMPLE.term("record"));
    let record = record.map_err(|problem| cx.problems.push(problem)).ok();
    // No site named is a site of none; a site named must be declared.
    let site = match site {
        Some(site) => known_site(cx, &site, path),
        None => Some(None),
    };
    let (name, span) = named?;
    let name = name.map_err(|problem| cx.problems.push(problem)).ok()?;
    if let Some(invisible) = name
        .chars()
        .find(|c| crate::text::is_unsafe(*c) || *c == '\u{a0}')
    {
        let code = format!("U+{:04X}", u32::from(invisible));
        let shown = crate::text::one_line_visible(&name);
        cx.problems.push(
            Diagnostic::new(t!(
                "样本“{shown}”含看不见的字符 {code}（常由复制粘贴带入）：删去它，否则它与看起来相同的样本是两项",
                "item \"{shown}\" holds the invisible character {code} (pasted in, as a rule): delete it, or it is another item than the one it looks like"
            ))
            .at(span)
            .key(format!("{path}.item")),
        );
        return None;
    }
    let key = half_width(&name);
    if let Some((first, written)) = first_at.get(&key) {
        let line = cx.lines.line(*first);
        let (shown, earlier) = (shortened(&name), shortened(written));
        let message = match *written == name {
            true => t!(
                "样本“{shown}”已在第 {line} 行列出：同一指标的每个样本只列一次",
                "item \"{shown}\" is listed on line {line} already: list each item of an indicator once"
            ),
            false => t!(
                "样本“{shown}”就是第 {line} 行的“{earlier}”，只是用了全角字符：同一指标的每个样本只列一次",
                "item \"{shown}\" is \"{earlier}\" of line {line} typed in full-width characters: list each item of an indicator once"
            ),
        };
        cx.problems.push(
            Diagnostic::new(message)
                .at(span)
                .key(format!("{path}.item")),
        );
        return None;
    }
    first_at.insert(key, (span.start, name.clone()));
    let item = SampleItem {
        item: name,
        site: site?,
        conforms: conforms?,
        record: record?,
    };
    (fields.complete).then_some((item, span))
}

/// The site an item names, if `[[sites]]` declares it: `Some(None)` for
/// none named, `None` with the problem recorded.
fn known_site(cx: &mut Context<'_>, site: &Spanned<String>, path: &str) -> Option<Option<String>> {
    let key = format!("{path}.site");
    let id = written_text(site, &key, SAMPLE.term("site"))
        .map_err(|problem| cx.problems.push(problem))
        .ok()?;
    if cx.site_ids.contains(&id) || cx.sites_unchecked {
        return Some(Some(id));
    }
    let shown = shortened(&id);
    let half = half_width(&id);
    if cx.site_ids.contains(&half) {
        cx.problems.push(
            Diagnostic::new(t!(
                "现场“{shown}”用了全角字符：[[sites]] 中的编号是“{half}”",
                "site \"{shown}\" is typed in full-width characters: [[sites]] declares \"{half}\""
            ))
            .at(site.span())
            .key(key)
            .help(t!("改为 site = \"{half}\"", "write site = \"{half}\"")),
        );
        return None;
    }
    // Past the problems a file lists, no suggestion is searched for: a
    // hostile list of a hundred thousand items at unknown sites costs a
    // message each, not a search each.
    let listed = cx.problems.len() < MAX_REPORTED;
    if let Some(meant) = site_meant(cx, &id).filter(|_| listed) {
        cx.problems.push(
            Diagnostic::new(t!(
                "未知的现场 `{shown}`：样本的现场写 [[sites]] 中的编号",
                "unknown site `{shown}`: an item names its site by the id [[sites]] gives it"
            ))
            .at(site.span())
            .key(key)
            .help(t!("改为 site = \"{meant}\"", "write site = \"{meant}\"")),
        );
        return None;
    }
    let ids = cx.sites.iter().map(|site| site.id.as_str());
    let problem = match (cx.sites.is_empty(), listed) {
        (true, _) => Diagnostic::new(t!(
            "样本的现场“{shown}”没有在 [[sites]] 中列出",
            "the item's site \"{shown}\" is not declared in [[sites]]"
        ))
        .help(t!(
            "先列出现场：[[sites]] 下写 id = \"{shown}\" 和 name = \"现场名称\"",
            "declare it first: [[sites]] with id = \"{shown}\" and name = \"the site's name\""
        )),
        (false, false) => Diagnostic::new(t!("未知的现场 `{shown}`", "unknown site `{shown}`")),
        (false, true) => {
            let expected = match cx.sites.len() > SITES_LISTED {
                true => Expected::ListedBy(t!(
                    "[[sites]] 列出全部现场编号",
                    "[[sites]] lists every site's id"
                )),
                false => Expected::OneOf,
            };
            unknown(("现场", "site"), &id, ids, &[], expected)
        }
    };
    cx.problems.push(problem.at(site.span()).key(key));
    None
}

/// The declared site `written` stands for, though not its id: its name
/// (`北京运营中心` for `bj`), or its id in another case (`BJ`).
fn site_meant(cx: &Context<'_>, written: &str) -> Option<String> {
    let by_case = (cx.sites.iter()).find(|site| site.id.eq_ignore_ascii_case(written));
    let by_name = || (cx.sites.iter()).find(|site| site.name.trim() == written);
    by_case.or_else(by_name).map(|site| site.id.clone())
}

/// `drawn = { seed, from, sha256 }`, with the places of its values;
/// `None` with its problems recorded.
fn drawn_of(
    cx: &mut Context<'_>,
    value: &Spanned<DeValue<'_>>,
    key: &str,
) -> Option<(Drawn, DrawnSpans)> {
    let path = format!("{key}.drawn");
    let fields = fields::table(cx, value, &path, value.span(), DRAWN.keys)?;
    let text = |name: &str, cx: &mut Context<'_>| {
        let written = fields.text(name)?;
        if let Some(problem) = unusable(&written, name, &path) {
            cx.problems.push(problem);
            return None;
        }
        let text = written_text(&written, &format!("{path}.{name}"), DRAWN.term(name));
        let span = written.span();
        text.map_err(|problem| cx.problems.push(problem))
            .ok()
            .map(|text| (text, span))
    };
    let (seed, from, sha256) = (text("seed", cx), text("from", cx), text("sha256", cx));
    let ((seed, seed_span), (from, from_span), (sha256, sha_span)) = (seed?, from?, sha256?);
    let digest = sha256.to_ascii_lowercase();
    if digest.len() != 64 || !digest.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        let shown = shortened(&sha256);
        cx.problems.push(
            Diagnostic::new(t!(
                "清单的 SHA-256 应为 64 位十六进制数字，实际为“{shown}”",
                "the list's SHA-256 must be 64 hexadecimal digits, found \"{shown}\""
            ))
            .at(sha_span)
            .key(format!("{path}.sha256"))
            .help(t!(
                "照抄 bscore sample draw 给出的 SHA-256，或用 sha256sum、certutil -hashfile 文件 SHA256 计算",
                "copy the SHA-256 bscore sample draw prints, or compute it with sha256sum or certutil -hashfile FILE SHA256"
            )),
        );
        return None;
    }
    let drawn = Drawn {
        seed,
        from,
        sha256: digest,
    };
    fields
        .complete
        .then_some((drawn, (seed_span, from_span, sha_span)))
}

/// A seed or list that no draw can be repeated with, though written: a
/// seed with spaces at its ends (it is typed again as it is: `bscore
/// sample draw` refuses one), a list read from standard input (`-`: it
/// was never kept).
fn unusable(written: &Spanned<String>, name: &str, path: &str) -> Option<Diagnostic> {
    let text = written.get_ref();
    let message = match name {
        // A blank seed is told as text not filled in, below.
        "seed" if !text.trim().is_empty() && !crate::text::is_retypable(text) => t!(
            "种子首尾有空格或换行，或含控制字符、看不见的字符：种子要原样重输才能重复抽样，照抄 bscore sample draw 所用的种子",
            "the seed starts or ends with a space or line break, or holds a control or invisible character: a draw is repeated with the seed exactly as typed, so copy the one bscore sample draw was given"
        ),
        "from" if text.trim() == "-" => t!(
            "清单来自标准输入（-），没有留存，无法重复抽样：把清单存为文件，用 --from 文件 重新抽样，并写上该文件名",
            "the list was read from standard input (-) and not kept, so the draw cannot be repeated: save the list as a file, draw again with --from FILE and name that file here"
        ),
        _ => return None,
    };
    Some(
        Diagnostic::new(message)
            .at(written.span())
            .key(format!("{path}.{name}")),
    )
}

/// Puts a recorded draw to the caller's check, each problem at the value
/// it is about; `population` is the one the audit states, and where.
pub(super) fn check_draw(
    cx: &mut Context<'_>,
    read: &Read,
    population: Option<(u64, Range<usize>)>,
    key: &str,
) {
    let (Some(check), Some(drawn), Some((seed_span, from_span, sha_span))) =
        (cx.checks.draws, &read.samples.drawn, &read.drawn_spans)
    else {
        return;
    };
    // A line set aside for its syntax may have held an item: drawn again
    // without it, the sample would be said to hold items not drawn (found
    // by a newcomer's run), so the draw waits for the syntax to be fixed.
    if !cx.set_aside.is_empty() {
        return;
    }
    let (stated, population_at) = population.unzip();
    for problem in check.problems(drawn, &read.samples.items, stated) {
        let (span, path) = match problem.part {
            DrawPart::Population => (
                population_at.clone().unwrap_or(read.span.clone()),
                format!("{key}.population"),
            ),
            DrawPart::Seed => (seed_span.clone(), format!("{key}.drawn.seed")),
            DrawPart::From => (from_span.clone(), format!("{key}.drawn.from")),
            DrawPart::Sha256 => (sha_span.clone(), format!("{key}.drawn.sha256")),
            DrawPart::Item(index) => (
                (read.item_spans.get(index)).map_or(read.span.clone(), Clone::clone),
                format!("{key}.samples.item"),
            ),
        };
        let mut diagnostic = Diagnostic::new(problem.message).at(span).key(path);
        if let Some(help) = problem.help {
            diagnostic = diagnostic.help(help);
        }
        cx.problems.push(diagnostic);
    }
}
