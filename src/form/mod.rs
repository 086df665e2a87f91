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
mod unpack;
mod values;
mod write;

pub use held::FormAudit;
pub use read::read_form;
pub use write::form_workbook;

/// The labels of the rows above the table, by audit key: Chinese, English.
const FIELDS: [(&str, &str, &str); 6] = [
    ("organization", "经营者", "Organization"),
    ("service", "服务", "Service"),
    ("assessors", "评价人员", "Assessors"),
    ("date", "评价日期", "Date"),
    ("kind", "评价类型", "Kind"),
    ("cycle_start", "周期起始", "Cycle start"),
];

/// The table's columns, in the order bscore writes them: key, Chinese,
/// English. Those with a key of an indicator table are read; the others
/// are for people.
const COLUMNS: [(&str, &str, &str); 12] = [
    ("id", "编号", "Id"),
    ("check", "检查内容", "Check"),
    ("points", "小类分值", "Points"),
    ("coefficient", "扣分系数", "Coefficient"),
    ("sampled", "抽样数", "Sampled"),
    ("nonconforming", "不符合数", "Nonconforming"),
    ("excluded", "删减理由", "Exclusion reason"),
    ("rejected", "删减理由不成立", "Exclusion rejected"),
    ("record", "现场评审记录", "Record"),
    ("note", "说明", "Note"),
    ("earned", "实际得分", "Earned"),
    ("applicable", "涉及项分值", "Applicable"),
];

/// The columns a form must have, found by their heading in either language.
const READ_COLUMNS: [&str; 8] = [
    "id",
    "coefficient",
    "sampled",
    "nonconforming",
    "excluded",
    "rejected",
    "record",
    "note",
];

/// The sheets: the checklist, then the special deductions and the bonus.
const SHEETS: [(&str, &str); 2] = [
    ("评分表", "Checklist"),
    ("特别扣分与加分", "Deductions and bonus"),
];

/// The second sheet's headings: kind, finding.
const ADJUSTMENT_COLUMNS: [(&str, &str, &str); 2] =
    [("kind", "类型", "Kind"), ("finding", "发现", "Finding")];

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

/// The key a label or heading names, in either language.
fn key_of<'a>(table: &[(&'a str, &str, &str)], label: &str) -> Option<&'a str> {
    let label = label.trim().trim_end_matches([':', '：']).trim();
    table
        .iter()
        .find(|(_, zh, en)| *zh == label || en.eq_ignore_ascii_case(label))
        .map(|(key, _, _)| *key)
}
