//! The sites sheet (现场 / Sites) and the samples sheet (样本 / Samples):
//! a site per row, a sampled item per row, read into `[[sites]]` and each
//! indicator's `samples` and `drawn`, every value with its cell.
//!
//! What the audit's validation would tell by a TOML line (an item or a
//! site listed twice, a required cell left empty, a site not listed) is
//! told here, at the cell, in the sheets' words; the rest (an unknown
//! indicator, an item's record that is a placeholder, a draw that does
//! not draw these items) is the audit's, named by the cell each value
//! came from.

use super::builder::{Writer, filled_cells};
use super::cells::{cell_name, sheet_reference};
use super::unpack::Cells;
use super::values::{quoted, text_at, text_of, written_text};
use super::{SAMPLE_COLUMNS, SHEETS, SITE_SHEET_COLUMNS, key_of, sample_label, site_label};
use crate::message::Text;
use crate::message::t;
use calamine::Data;
use rustc_hash::{FxHashMap, FxHashSet};
use std::fmt::Write;

/// A value as read, and the cell it came from.
struct Held {
    text: String,
    cell: String,
}

/// A site's row: its id and name.
pub(super) struct Site {
    id: Held,
    name: Held,
}

/// An item's row.
struct Item {
    item: Held,
    site: Option<Held>,
    conforms: (bool, String),
    record: Option<Held>,
}

/// How an indicator's items were drawn, as one row gives it.
struct DrawnCells {
    seed: Held,
    from: Held,
    sha256: Held,
}

/// The items of one indicator, in the order of their rows.
struct Group {
    id: String,
    id_cell: String,
    items: Vec<Item>,
    drawn: Option<DrawnCells>,
    /// Each item's first cell, for an item listed twice.
    first_item: FxHashMap<String, String>,
    /// The cell of the first row giving the draw.
    drawn_at: Option<String>,
}

/// The samples sheet as read: each indicator's items, in the order their
/// ids first appear, until written.
#[derive(Default)]
pub(super) struct Sampled {
    groups: Vec<Option<Group>>,
    index: FxHashMap<String, usize>,
}

/// Whether a 符合 cell says yes or no, in the words either keyboard
/// types (the audit format's, `audit::format::YES_WORDS` and `NO_WORDS`);
/// any other is refused, naming them.
fn conforms_of(text: &str) -> Option<bool> {
    crate::audit::format::yes_or_no(text)
}

/// The words that make an item nonconforming, for the live counts
/// (`COUNTIFS`, which compares case aside).
pub(crate) fn nonconforming_words() -> &'static [&'static str] {
    &crate::audit::format::NO_WORDS
}

/// Whether a sheet's name is one of `which`'s names (English case aside).
pub(super) fn is_sheet(name: &str, which: (&str, &str)) -> bool {
    name == which.0 || name.eq_ignore_ascii_case(which.1)
}

/// Whether a formula is one of the live counts bscore writes of the
/// samples sheet (`IF(COUNTIFS('样本'!…` on the checklist, `COUNTIFS('样本'!…`
/// on the sites sheet): the checklist's 抽样数 and 不符合数 of an indicator
/// with items are such counts, and are never read as the assessor's (the
/// items are). Only a count that starts so is one: a formula that merely
/// names the sheet (`=LEN("samples")`, found by a review) is the
/// assessor's, and read.
pub(super) fn counts_samples(formula: &str) -> bool {
    let formula = formula.trim_start_matches('=');
    let Some(rest) =
        (formula.strip_prefix("IF(COUNTIFS(")).or_else(|| formula.strip_prefix("COUNTIFS("))
    else {
        return false;
    };
    let rest = rest.strip_prefix('\'').unwrap_or(rest);
    let (zh, en) = SHEETS[3];
    let named = |name: &str| {
        (rest.get(..name.len()))
            .is_some_and(|start| start.eq_ignore_ascii_case(name))
            .then(|| &rest[name.len()..])
    };
    named(zh)
        .or_else(|| named(en))
        .is_some_and(|after| after.trim_start_matches('\'').starts_with('!'))
}

/// The first row holding every heading in `required`, and each heading's
/// first column on it.
fn heading_of(
    sheet: &Cells<Data>,
    columns: &[(&'static str, &'static str, &'static str)],
    required: &[&str],
) -> Option<(u32, Vec<(&'static str, u32)>)> {
    sheet.rows().find_map(|row| {
        let mut found: Vec<(&'static str, u32)> = Vec::new();
        for (_, column, value) in sheet.row(row) {
            let key = text_of(value).and_then(|label| key_of(columns, &label));
            if let Some(key) = key
                && !found.iter().any(|(k, _)| *k == key)
            {
                found.push((key, *column));
            }
        }
        let complete = required
            .iter()
            .all(|key| found.iter().any(|(k, _)| k == key));
        complete.then_some((row, found))
    })
}

/// A sheet without its heading row, or a cell above it or beside its
/// columns: nothing there is read, so each cell holding something is
/// reported.
fn not_read_cells(cells: Vec<(u32, u32)>, name: &str, why: &Text, out: &mut Writer) {
    for (row, column) in cells {
        out.refuse(cell_name(name, row, column), why.clone(), None);
    }
}

/// A sheet lacking its heading row: told once at the sheet, naming the
/// headings, and each of its filled cells reported.
fn no_heading(sheet: &Cells<Data>, name: &str, headings: (String, String), out: &mut Writer) {
    let cells = filled_cells(sheet.all());
    if cells.is_empty() {
        return;
    }
    let (zh, en) = headings;
    out.refuse(
        sheet_reference(name),
        t!(
            "找不到表头行：需要一行包含{zh}",
            "no heading row: a row must hold {en}"
        ),
        Some(t!(
            "在第一行写上表头{zh}，其下每行一项（与 bscore 生成的评分表一致）",
            "write the headings {en} on the first row, one item per row below (as in the form bscore writes)"
        )),
    );
    let why = t!(
        "本表没有表头行，bscore 无法读取此处的内容",
        "this sheet has no heading row, so bscore cannot read this cell"
    );
    not_read_cells(cells, name, &why, out);
}

/// The cells above the heading row and those under no heading of it.
fn outside_the_table(
    sheet: &Cells<Data>,
    name: &str,
    heading: u32,
    columns: &[(&str, u32)],
    out: &mut Writer,
) {
    let above = t!(
        "这一格在表头行的上方，bscore 不读取此处的内容",
        "this cell is above the heading row, so bscore does not read it"
    );
    not_read_cells(filled_cells(sheet.in_rows(0..heading)), name, &above, out);
    let beside = t!(
        "这一列没有 bscore 读取的表头，bscore 不读取此处的内容",
        "this column has no heading bscore reads, so bscore does not read this cell"
    );
    let below = heading.saturating_add(1);
    let all = sheet.in_rows(below..u32::MAX);
    let unheaded: Vec<(u32, u32)> = (filled_cells(all).into_iter())
        .filter(|(_, column)| !columns.iter().any(|(_, c)| c == column))
        .collect();
    not_read_cells(unheaded, name, &beside, out);
}

/// The labels of `keys` on a sheet, joined: “现场编号”“现场名称”.
fn headings(keys: &[(&str, &str)]) -> (String, String) {
    let zh: Vec<String> = keys.iter().map(|(zh, _)| format!("“{zh}”")).collect();
    let en: Vec<String> = keys.iter().map(|(_, en)| format!("\"{en}\"")).collect();
    (zh.concat(), en.join(", "))
}

/// The sites sheet as read: the sites, and every id it gives, those of
/// rows told to lack a name too (an item naming one is not told again).
/// Hashed: a hostile sheet of 50,000 sites and 25,000 items is not
/// checked in quadratic time.
#[derive(Default)]
pub(super) struct Sites {
    sites: Vec<Site>,
    /// The ids of `sites`.
    complete: FxHashSet<String>,
    /// Every id given, with a name or not.
    ids: FxHashSet<String>,
}

/// The sites sheet's rows; each problem at its cell.
pub(super) fn read_sites(sheet: &Cells<Data>, name: &str, out: &mut Writer) -> Sites {
    // The totals' headings are found too, so that their cells are not
    // told to be under no heading; only the id and name are read.
    let Some((heading, columns)) = heading_of(sheet, &SITE_SHEET_COLUMNS, &["id", "name"]) else {
        no_heading(
            sheet,
            name,
            headings(&[site_label("id"), site_label("name")]),
            out,
        );
        return Sites::default();
    };
    outside_the_table(sheet, name, heading, &columns, out);
    let column = |key: &str| columns.iter().find(|(k, _)| *k == key).map(|(_, c)| *c);
    let (Some(id_column), Some(name_column)) = (column("id"), column("name")) else {
        return Sites::default();
    };
    let mut sites: Vec<Site> = Vec::new();
    let mut ids: FxHashSet<String> = FxHashSet::default();
    let mut first: FxHashMap<String, String> = FxHashMap::default();
    for row in sheet.rows().skip_while(|row| *row <= heading) {
        let held = |column: u32| {
            text_at(sheet, row, column).map(|text| Held {
                text,
                cell: cell_name(name, row, column),
            })
        };
        match (held(id_column), held(name_column)) {
            (Some(id), Some(site_name)) => {
                if let Some(at) = first.get(&id.text) {
                    site_twice(&id, at, out);
                    continue;
                }
                first.insert(id.text.clone(), id.cell.clone());
                ids.insert(id.text.clone());
                sites.push(Site {
                    id,
                    name: site_name,
                });
            }
            (Some(id), None) => {
                ids.insert(id.text);
                site_part_missing(cell_name(name, row, name_column), "name", out);
            }
            (None, Some(_)) => site_part_missing(cell_name(name, row, id_column), "id", out),
            (None, None) => {}
        }
    }
    let complete = sites.iter().map(|site| site.id.text.clone()).collect();
    Sites {
        sites,
        complete,
        ids,
    }
}

fn site_twice(id: &Held, first: &str, out: &mut Writer) {
    let (zh, en) = site_label("id");
    let shown = crate::input::shortened(&id.text);
    out.refuse(
        id.cell.clone(),
        t!(
            "{zh}“{shown}”已在 {first} 用过：每个现场的编号只能用一次",
            "{en} \"{shown}\" is used at {first} already: give each site its own id"
        ),
        None,
    );
}

fn site_part_missing(cell: String, key: &str, out: &mut Writer) {
    let (zh, en) = site_label(key);
    let (id_zh, id_en) = site_label("id");
    let (name_zh, name_en) = site_label("name");
    out.refuse(
        cell,
        t!("{zh}未填写", "{en} is not filled in"),
        Some(t!(
            "每个现场一行：{id_zh}（样本表引用它）和{name_zh}都要填写；或清空这一行",
            "one row per site: fill in both its {id_en} (the samples sheet names it) and its {name_en}, or clear the row"
        )),
    );
}

/// `[[sites]]`, one table a row.
pub(super) fn write_sites(sites: &Sites, out: &mut Writer) {
    for site in &sites.sites {
        out.line("\n[[sites]]");
        out.toml.push_str("id = ");
        out.put(&quoted(&site.id.text), &site.id.cell);
        out.toml.push_str("\nname = ");
        out.put(&quoted(&site.name.text), &site.name.cell);
        out.toml.push('\n');
    }
}

/// The samples sheet's rows, grouped by indicator; each problem at its
/// cell. `sites` are the ids an item may name.
pub(super) fn read_samples(
    sheet: &Cells<Data>,
    name: &str,
    sites: &Sites,
    out: &mut Writer,
) -> Sampled {
    let required = ["id", "item", "conforms"];
    let Some((heading, columns)) = heading_of(sheet, &SAMPLE_COLUMNS, &required) else {
        let labels: Vec<(&str, &str)> = required.iter().map(|key| sample_label(key)).collect();
        no_heading(sheet, name, headings(&labels), out);
        return Sampled::default();
    };
    outside_the_table(sheet, name, heading, &columns, out);
    let mut sampled = Sampled::default();
    for row in sheet.rows().skip_while(|row| *row <= heading) {
        let read = RowReader {
            sheet,
            name,
            row,
            columns: &columns,
        };
        read.into(&mut sampled, sites, out);
    }
    sampled
}

/// One row of the samples sheet being read.
struct RowReader<'a> {
    sheet: &'a Cells<Data>,
    name: &'a str,
    row: u32,
    columns: &'a [(&'static str, u32)],
}

impl RowReader<'_> {
    fn cell(&self, key: &str) -> Option<String> {
        let column = self.columns.iter().find(|(k, _)| *k == key)?.1;
        Some(cell_name(self.name, self.row, column))
    }

    /// The value under `key`'s heading, trimmed (a record kept whole).
    fn held(&self, key: &str) -> Option<Held> {
        let column = self.columns.iter().find(|(k, _)| *k == key)?.1;
        let value = self.sheet.get(self.row, column)?;
        let text = match key {
            "record" => written_text(value),
            _ => text_of(value),
        }?;
        Some(Held {
            text,
            cell: cell_name(self.name, self.row, column),
        })
    }

    /// The row read into its indicator's group, or its problems told.
    fn into(self, sampled: &mut Sampled, sites: &Sites, out: &mut Writer) {
        let keys = [
            "item", "site", "conforms", "record", "seed", "from", "sha256",
        ];
        let filled: Vec<&str> = keys
            .into_iter()
            .filter(|k| self.held(k).is_some())
            .collect();
        let Some(id) = self.held("id") else {
            if !filled.is_empty() {
                self.without_id(&filled, out);
            }
            return;
        };
        let group = sampled.group(&id);
        let drawn = self.drawn(group, out);
        let (Some(item), Some(conforms)) = (self.item(out), self.conforms(out)) else {
            return;
        };
        if let Some(first) = group.first_item.get(&item.text) {
            item_twice(&item, &id.text, first, out);
            return;
        }
        group
            .first_item
            .insert(item.text.clone(), item.cell.clone());
        if drawn.is_some() {
            group.drawn = drawn;
            group.drawn_at = self.cell("seed");
        }
        let site = self
            .held("site")
            .filter(|site| known_site(site, sites, out));
        group.items.push(Item {
            item,
            site,
            conforms,
            record: self.held("record"),
        });
    }

    fn item(&self, out: &mut Writer) -> Option<Held> {
        let item = self.held("item");
        if item.is_none() {
            let (zh, en) = sample_label("item");
            let cell = self.cell("item").unwrap_or_default();
            out.refuse(
                cell,
                t!("{zh}未填写", "{en} is not filled in"),
                Some(t!(
                    "写上抽到的样本（记录编号、案例名称），或清空这一行",
                    "write the item sampled (a record's number, a case), or clear the row"
                )),
            );
        }
        item
    }

    fn conforms(&self, out: &mut Writer) -> Option<(bool, String)> {
        let (zh, en) = sample_label("conforms");
        let cell = self.cell("conforms").unwrap_or_default();
        use crate::audit::format::{NO_WORDS, YES_WORDS};
        let (yes, no) = (YES_WORDS.join("、"), NO_WORDS.join("、"));
        // In English, the words beside the Chinese ones.
        let (yes_en, no_en) = (YES_WORDS[3..].join(", "), NO_WORDS[3..].join(", "));
        let help = t!(
            "填“是”（符合）或“否”（不符合）；也可写 {yes} 或 {no}",
            "write yes (it conforms) or no (it does not); {yes_en} and {no_en} are read too"
        );
        let Some(held) = self.held("conforms") else {
            out.refuse(cell, t!("{zh}未填写", "{en} is not filled in"), Some(help));
            return None;
        };
        let conforms = conforms_of(&held.text);
        if conforms.is_none() {
            let shown = crate::input::shortened(&held.text);
            out.refuse(
                cell,
                t!(
                    "{zh}应为“是”或“否”，实际为“{shown}”",
                    "{en} must be yes or no, found \"{shown}\""
                ),
                Some(help),
            );
        }
        conforms.map(|conforms| (conforms, held.cell))
    }

    /// How the items were drawn, if this row gives it: all three of its
    /// cells, on one row of the indicator's items.
    fn drawn(&self, group: &Group, out: &mut Writer) -> Option<DrawnCells> {
        let parts = [self.held("seed"), self.held("from"), self.held("sha256")];
        if parts.iter().all(Option::is_none) {
            return None;
        }
        if let Some(first) = &group.drawn_at {
            drawn_twice(self.cell("seed").unwrap_or_default(), &group.id, first, out);
            return None;
        }
        let [seed, from, sha256] = parts;
        for (part, key) in [(&seed, "seed"), (&from, "from"), (&sha256, "sha256")] {
            if part.is_none() {
                drawn_part_missing(self.cell(key).unwrap_or_default(), key, out);
            }
        }
        Some(DrawnCells {
            seed: seed?,
            from: from?,
            sha256: sha256?,
        })
    }

    fn without_id(&self, filled: &[&str], out: &mut Writer) {
        let labels: Vec<(&str, &str)> = filled.iter().map(|key| sample_label(key)).collect();
        let zh: Vec<&str> = labels.iter().map(|(zh, _)| *zh).collect();
        let en: Vec<&str> = labels.iter().map(|(_, en)| *en).collect();
        let (zh, en) = (zh.join("、"), en.join(", "));
        let (id_zh, id_en) = sample_label("id");
        out.refuse(
            self.cell("id").unwrap_or_default(),
            t!(
                "这一行填了{zh}，但{id_zh}未填写",
                "this row has {en} filled in, but no {id_en}"
            ),
            Some(t!(
                "在{id_zh}列写上这个样本所属指标的编号（如 4.4.e），或清空这一行",
                "write the id of the indicator this item was sampled for (such as 4.4.e) in the {id_en} column, or clear the row"
            )),
        );
    }
}

impl Sampled {
    /// The group of the indicator `id` names, made at its first row.
    fn group(&mut self, id: &Held) -> &mut Group {
        let at = *self.index.entry(id.text.clone()).or_insert_with(|| {
            self.groups.push(Some(Group {
                id: id.text.clone(),
                id_cell: id.cell.clone(),
                items: Vec::new(),
                drawn: None,
                first_item: FxHashMap::default(),
                drawn_at: None,
            }));
            self.groups.len() - 1
        });
        match &mut self.groups[at] {
            Some(group) => group,
            None => unreachable!("groups are taken only once the sheet is read"),
        }
    }

    /// Whether the indicator `id` has items still to write.
    pub(super) fn has(&self, id: &str) -> bool {
        (self.index.get(id)).is_some_and(|at| {
            (self.groups[*at].as_ref()).is_some_and(|group| !group.items.is_empty())
        })
    }

    /// Writes the indicator `id`'s items (`samples = [...]`, and `drawn`
    /// when given) into its table, `first` when nothing precedes them; the
    /// list as a whole is the checklist's `count` cell (its 抽样数, where
    /// the items show as a count), so that a problem of the whole list (a
    /// count typed beside it) is told there.
    pub(super) fn write_into(&mut self, id: &str, first: bool, count: &str, out: &mut Writer) {
        let Some(group) = self.take(id) else {
            return;
        };
        if !first {
            out.toml.push_str(", ");
        }
        write_group(&group, count, out);
    }

    fn take(&mut self, id: &str) -> Option<Group> {
        let at = *self.index.get(id)?;
        self.groups[at]
            .take()
            .filter(|group| !group.items.is_empty())
    }

    /// The items of indicators no checklist row took (an id not on the
    /// checklist, or its row deleted), each as an indicator of its own,
    /// keyed by the first id cell: validation then names an unknown id
    /// there, and an indicator assessed by its items alone is one.
    /// In a part (`part`), whose rows are its member's indicators, such
    /// items are refused at their first id cell instead.
    pub(super) fn write_rest(&mut self, out: &mut Writer, part: bool) {
        let rest: Vec<Group> = (self.groups.iter_mut())
            .filter_map(Option::take)
            .filter(|group| !group.items.is_empty())
            .collect();
        for group in rest {
            if part {
                let id = crate::input::shortened(&group.id);
                out.refuse(
                    group.id_cell.clone(),
                    t!(
                        "分工部分的评分表中没有 {id} 这一行：它的样本不属于本分工",
                        "the part's checklist sheet has no row {id}: its items are not this part's"
                    ),
                    Some(t!(
                        "删去这些样本，或把它们记在负责 {id} 的组员的分工部分中",
                        "remove these items, or record them in the part of the member who assesses {id}"
                    )),
                );
                continue;
            }
            let line_start = out.toml.len();
            out.put(&quoted(&group.id), &group.id_cell);
            out.toml.push_str(" = { ");
            let id_cell = group.id_cell.clone();
            write_group(&group, &id_cell, out);
            out.toml.push_str(" }\n");
            (out.indicator_rows).push((group.id.clone(), line_start..out.toml.len()));
        }
    }
}

/// `samples = [{ item = …, site = …, conforms = …, record = … }, …]`, the
/// list named by the cell `list`, and, when given, `, drawn = { seed = …,
/// from = …, sha256 = … }`.
fn write_group(group: &Group, list: &str, out: &mut Writer) {
    out.put("samples = [", list);
    for (index, item) in group.items.iter().enumerate() {
        out.toml.push_str(if index == 0 { "{ " } else { ", { " });
        out.toml.push_str("item = ");
        out.put(&quoted(&item.item.text), &item.item.cell);
        if let Some(site) = &item.site {
            out.toml.push_str(", site = ");
            out.put(&quoted(&site.text), &site.cell);
        }
        out.toml.push_str(", conforms = ");
        let (conforms, cell) = &item.conforms;
        out.put(if *conforms { "true" } else { "false" }, cell);
        if let Some(record) = &item.record {
            out.toml.push_str(", record = ");
            out.put(&quoted(&record.text), &record.cell);
        }
        out.toml.push_str(" }");
    }
    out.toml.push(']');
    if let Some(drawn) = &group.drawn {
        out.toml.push_str(", drawn = { ");
        for (index, (key, held)) in [
            ("seed", &drawn.seed),
            ("from", &drawn.from),
            ("sha256", &drawn.sha256),
        ]
        .into_iter()
        .enumerate()
        {
            if index > 0 {
                out.toml.push_str(", ");
            }
            let _ = write!(out.toml, "{key} = ");
            out.put(&quoted(&held.text), &held.cell);
        }
        out.toml.push_str(" }");
    }
}

/// Whether an item's site is one the sites sheet lists, to be written; if
/// not, told at its cell with the ids it lists.
fn known_site(site: &Held, sites: &Sites, out: &mut Writer) -> bool {
    if sites.complete.contains(&site.text) {
        return true;
    }
    // A site whose row is told to lack its name: not written, not told again.
    if sites.ids.contains(&site.text) {
        return false;
    }
    let sites = &sites.sites;
    let (zh, en) = sample_label("site");
    let (id_zh, id_en) = site_label("id");
    let (sheet_zh, sheet_en) = SHEETS[2];
    let shown = crate::input::shortened(&site.text);
    const LISTED: usize = 10;
    let ids: Vec<String> = (sites.iter().take(LISTED))
        .map(|known| crate::input::shortened(&known.id.text))
        .collect();
    let more = if sites.len() > LISTED { " …" } else { "" };
    let help = match ids.is_empty() {
        true => t!(
            "先在“{sheet_zh}”表中列出这个现场（{id_zh}和现场名称），再在这里写它的{id_zh}",
            "list the site on the sheet \"{sheet_en}\" first (its {id_en} and name), then write its {id_en} here"
        ),
        false => {
            let (zh_ids, en_ids) = (ids.join("、"), ids.join(", "));
            t!(
                "从列表中选择“{sheet_zh}”表列出的{id_zh}：{zh_ids}{more}",
                "choose a {id_en} the sheet \"{sheet_en}\" lists: {en_ids}{more}"
            )
        }
    };
    out.refuse(
        site.cell.clone(),
        t!(
            "{zh}“{shown}”没有在“{sheet_zh}”表中列出",
            "the {en} \"{shown}\" is not listed on the sheet \"{sheet_en}\""
        ),
        Some(help),
    );
    false
}

fn item_twice(item: &Held, id: &str, first: &str, out: &mut Writer) {
    let (zh, en) = sample_label("item");
    let shown = crate::input::shortened(&item.text);
    let id = crate::input::shortened(id);
    out.refuse(
        item.cell.clone(),
        t!(
            "指标 {id} 的{zh}“{shown}”已在 {first} 列出：同一指标的每个样本只列一次",
            "the {en} \"{shown}\" of {id} is listed at {first} already: list each item of an indicator once"
        ),
        Some(t!("删去重复的一行", "delete the repeated row")),
    );
}

fn drawn_twice(cell: String, id: &str, first: &str, out: &mut Writer) {
    let (seed_zh, seed_en) = sample_label("seed");
    let id = crate::input::shortened(id);
    out.refuse(
        cell,
        t!(
            "指标 {id} 的抽样方式已在 {first} 填写：{seed_zh}、清单文件和清单 SHA-256 只在该指标的一行样本上填写",
            "how the items of {id} were drawn is given at {first} already: the {seed_en}, list file and SHA-256 go on one row of the indicator's items"
        ),
        Some(t!("清空这一行的这三格", "clear these three cells of this row")),
    );
}

fn drawn_part_missing(cell: String, key: &str, out: &mut Writer) {
    let (zh, en) = sample_label(key);
    out.refuse(
        cell,
        t!("{zh}未填写", "{en} is not filled in"),
        Some(t!(
            "抽样方式的种子、清单文件和清单 SHA-256 三格都要填写（照抄 bscore sample draw 的输出），或都不填",
            "fill in all three of the draw's seed, list file and SHA-256 (as bscore sample draw printed them), or none"
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conforms_is_read_as_typed_on_either_keyboard() {
        for yes in ["是", "yes", "YES", "true", "TRUE", "√", " 是 "] {
            assert_eq!(conforms_of(yes), Some(true), "{yes}");
        }
        for no in ["否", "No", "FALSE", "×", "✗"] {
            assert_eq!(conforms_of(no), Some(false), "{no}");
        }
        // 对 and 不符合 are read as the audit reads them (one vocabulary).
        assert_eq!(conforms_of("对"), Some(true));
        assert_eq!(conforms_of("不符合"), Some(false));
        for other in ["", "符合?", "1", "0", "maybe"] {
            assert_eq!(conforms_of(other), None, "{other}");
        }
    }

    #[test]
    fn only_a_count_of_the_samples_sheet_counts_them() {
        assert!(counts_samples("IF(COUNTIFS('样本'!$A:$A,$A32)=0,\"\",1)"));
        assert!(counts_samples(
            "IF(COUNTIFS(样本!$A$2:$A$20001,$A32)=0,\"\",1)"
        ));
        assert!(counts_samples("COUNTIFS(samples!$A:$A,$A32)"));
        assert!(counts_samples("=COUNTIFS('Samples'!$C$2:$C$20001,$A$2)"));
        assert!(!counts_samples("3+5"));
        // Naming the sheet is not counting it (found by a review: these
        // were dropped as live counts).
        assert!(!counts_samples("LEN(\"samples\")"));
        assert!(!counts_samples("SUM(样本!$B$2:$B$9)"));
        assert!(!counts_samples("COUNTIFS(samplesheet!$A:$A,1)"));
    }
}
