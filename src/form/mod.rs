//! The Appendix A form as a spreadsheet (docs/form.md): the workbook
//! assessors fill in in Excel, WPS or LibreOffice, written by bscore
//! (`template --format xlsx`, `convert audit.toml -o form.xlsx`) and read
//! back like a TOML audit (`evaluate form.xlsx`, `convert form.xlsx -o
//! audit.toml`).
//!
//! A form is read by writing the audit it holds as TOML, remembering which
//! cell each value came from, and validating that TOML like any audit: one
//! set of rules and messages for both, every problem then named by its
//! sheet and cell.

mod adjustments;
mod builder;
mod cells;
mod headings;
mod held;
mod read;
mod samples;
pub(crate) mod unpack;
mod values;
mod write;

pub use held::FormAudit;
pub use read::read_form;
pub(crate) use unpack::MAX_FILLED_CELLS;
pub(crate) use write::too_many_items;
pub use write::{PartForm, form_workbook, next_workbook, part_workbook};

use crate::audit::format::{self, AUDIT, DRAWN, INDICATOR, SAMPLE, SITE, SPECIAL_DEDUCTION};

/// The rows above the table, by audit key: Chinese, English: the keys of
/// `[audit]` that the form holds, as the audit format labels them, the
/// required ones first.
const FIELDS: [(&str, &str, &str); format::on_form(&AUDIT)] = format::form_labels(&AUDIT);

/// The table's columns before the indicator keys': for people, not read
/// (`id` aside, which names the row).
const LEADING_COLUMNS: [(&str, &str, &str); 3] = [
    ("id", "编号", "Id"),
    ("check", "检查内容", "Check"),
    ("points", "小类分值", "Points"),
];

/// The table's columns after the indicator keys': the row's results.
const TRAILING_COLUMNS: [(&str, &str, &str); 2] = [
    ("earned", "实际得分", "Earned"),
    ("applicable", "涉及项分值", "Applicable"),
];

/// The number of the table's columns.
const COLUMN_COUNT: usize =
    LEADING_COLUMNS.len() + format::on_form(&INDICATOR) + TRAILING_COLUMNS.len();

/// The table's columns, in the order bscore writes them: key, Chinese,
/// English. Those with a key of an indicator table (the audit format's
/// keys that the form holds, in its order) are read; the others are for
/// people.
const COLUMNS: [(&str, &str, &str); COLUMN_COUNT] = columns();

const fn columns() -> [(&'static str, &'static str, &'static str); COLUMN_COUNT] {
    let keys: [_; format::on_form(&INDICATOR)] = format::form_labels(&INDICATOR);
    let mut columns = [("", "", ""); COLUMN_COUNT];
    let mut at = 0;
    while at < COLUMN_COUNT {
        let (leading, keyed) = (LEADING_COLUMNS.len(), LEADING_COLUMNS.len() + keys.len());
        columns[at] = if at < leading {
            LEADING_COLUMNS[at]
        } else if at < keyed {
            keys[at - leading]
        } else {
            TRAILING_COLUMNS[at - keyed]
        };
        at += 1;
    }
    columns
}

/// The columns a form must have, found by their heading in either
/// language: the id, then every indicator key the form holds.
const READ_COLUMNS: [&str; 1 + format::on_form(&INDICATOR)] = read_columns();

const fn read_columns() -> [&'static str; 1 + format::on_form(&INDICATOR)] {
    let keys: [_; format::on_form(&INDICATOR)] = format::form_labels(&INDICATOR);
    let mut read = [""; 1 + format::on_form(&INDICATOR)];
    read[0] = LEADING_COLUMNS[0].0;
    let mut at = 0;
    while at < keys.len() {
        read[1 + at] = keys[at].0;
        at += 1;
    }
    read
}

/// The read columns a heading row may lack: added to the form after
/// others were filled in (总体数量 with the samples sheet), so a form
/// written before them still reads, without them.
const OPTIONAL_COLUMNS: [&str; 1] = ["population"];

/// Whether a heading row must hold the read column `key`.
fn is_required_column(key: &str) -> bool {
    !OPTIONAL_COLUMNS.contains(&key)
}

/// The sheets: the checklist, the special deductions and the bonus, the
/// sites, and the sampled items.
const SHEETS: [(&str, &str); 4] = [
    ("评分表", "Checklist"),
    ("特别扣分与加分", "Deductions and bonus"),
    ("现场", "Sites"),
    ("样本", "Samples"),
];

/// The sites sheet's columns: a `[[sites]]` entry's keys, as the audit
/// format labels them.
const SITE_COLUMNS: [(&str, &str, &str); format::on_form(&SITE)] = in_key_order(&SITE);

/// The sites sheet's columns after a site's keys: each site's part of
/// every sample, live counts of the samples sheet, for people (the split
/// by site on the printed form); not read.
const SITE_TOTALS: [(&str, &str, &str); 2] = [
    ("sampled", "抽样数", "Sampled"),
    ("nonconforming", "不符合数", "Nonconforming"),
];

/// Every heading of the sites sheet: a site's keys, then its totals.
const SITE_SHEET_COLUMNS: [(&str, &str, &str); SITE_COLUMNS.len() + SITE_TOTALS.len()] = {
    let mut columns = [SITE_TOTALS[0]; SITE_COLUMNS.len() + SITE_TOTALS.len()];
    let mut at = 0;
    while at < SITE_COLUMNS.len() {
        columns[at] = SITE_COLUMNS[at];
        at += 1;
    }
    while at < columns.len() {
        columns[at] = SITE_TOTALS[at - SITE_COLUMNS.len()];
        at += 1;
    }
    columns
};

/// The number of the samples sheet's columns: the indicator's id, an
/// item's keys, then how the items were drawn.
const SAMPLE_COLUMN_COUNT: usize = 1 + format::on_form(&SAMPLE) + format::on_form(&DRAWN);

/// The samples sheet's columns, one row per item: 编号 (the indicator),
/// 样本, 现场, 符合, 记录, as the audit format labels an item's keys; then
/// 种子, 清单文件, 清单 SHA-256, filled on one row of the indicator's items
/// when the sample was drawn by `bscore sample draw`.
const SAMPLE_COLUMNS: [(&str, &str, &str); SAMPLE_COLUMN_COUNT] = sample_columns();

const fn sample_columns() -> [(&'static str, &'static str, &'static str); SAMPLE_COLUMN_COUNT] {
    let item: [_; format::on_form(&SAMPLE)] = in_key_order(&SAMPLE);
    let drawn: [_; format::on_form(&DRAWN)] = in_key_order(&DRAWN);
    let mut columns = [LEADING_COLUMNS[0]; SAMPLE_COLUMN_COUNT];
    let mut at = 0;
    while at < item.len() {
        columns[1 + at] = item[at];
        at += 1;
    }
    let mut at = 0;
    while at < drawn.len() {
        columns[1 + item.len() + at] = drawn[at];
        at += 1;
    }
    columns
}

/// The keys of `table` the form holds, as (key, Chinese, English), in the
/// table's own order (a sheet of items reads left to right as the audit
/// format lists an item's keys). `N` must be [`format::on_form`]`(table)`.
const fn in_key_order<const N: usize>(
    table: &format::Table,
) -> [(&'static str, &'static str, &'static str); N] {
    let mut labels = [("", "", ""); N];
    let (mut index, mut count) = (0, 0);
    while index < table.keys.len() {
        if let Some((zh, en)) = table.keys[index].form {
            labels[count] = (table.keys[index].name, zh, en);
            count += 1;
        }
        index += 1;
    }
    assert!(count == N, "N is the number of keys on the form");
    labels
}

/// The second sheet's headings: a special deduction's keys, as the audit
/// format labels them (a bonus's practice goes under the finding's).
const ADJUSTMENT_COLUMNS: [(&str, &str, &str); format::on_form(&SPECIAL_DEDUCTION)] =
    format::form_labels(&SPECIAL_DEDUCTION);

/// A label of `table` by its key: Chinese, English.
fn label_in(
    table: &[(&str, &'static str, &'static str)],
    key: &str,
) -> (&'static str, &'static str) {
    table
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or(("", ""), |(_, zh, en)| (*zh, *en))
}

/// The form's label of an audit field (`date` → 评价日期 / Date).
pub(crate) fn field_label(key: &str) -> (&'static str, &'static str) {
    label_in(&FIELDS, key)
}

/// The form's heading of a column of the table (`sampled` → 抽样数 / Sampled).
pub(crate) fn column_label(key: &str) -> (&'static str, &'static str) {
    label_in(&COLUMNS, key)
}

/// The second sheet's heading of a column (`finding` → 发现 / Finding).
pub(crate) fn adjustment_label(key: &str) -> (&'static str, &'static str) {
    label_in(&ADJUSTMENT_COLUMNS, key)
}

/// The sites sheet's heading of a column (`name` → 现场名称 / Site name).
pub(crate) fn site_label(key: &str) -> (&'static str, &'static str) {
    label_in(&SITE_COLUMNS, key)
}

/// The samples sheet's heading of a column (`conforms` → 符合 / Conforms).
pub(crate) fn sample_label(key: &str) -> (&'static str, &'static str) {
    label_in(&SAMPLE_COLUMNS, key)
}

/// The key a label or heading names, in either language.
fn key_of<'a>(table: &[(&'a str, &str, &str)], label: &str) -> Option<&'a str> {
    let label = label.trim().trim_end_matches([':', '：']).trim();
    table
        .iter()
        .find(|(_, zh, en)| *zh == label || en.eq_ignore_ascii_case(label))
        .map(|(key, _, _)| *key)
}
