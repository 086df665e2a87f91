//! What `bscore verify` found, and how it is said: verified, differing (by
//! field, by page, by checklist or 细则), or with no result of the audit.

use super::VERSION;
use super::differences::Difference;
use crate::message::Text;
use crate::message::t;
use crate::shown::{Mismatch, Place};
use serde_json::Value;

/// At most this many differences are listed, with a count of the rest: a
/// result edited throughout would otherwise print one line per field of
/// every entry.
const DIFFERENCES_SHOWN: usize = 50;

/// At most this many runs of checked entries are named in the verdict.
const ENTRIES_SHOWN: usize = 10;

/// Whether a stored result follows from an audit file, and if not, why.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Every result of the audit in the file follows from it.
    Verified {
        /// The result file.
        result: String,
        /// The audit file.
        audit: String,
        /// Which results were checked: `None` for a file of one result,
        /// else their positions in the array.
        checked: Vec<Option<usize>>,
        /// The audit's digest.
        audit_sha256: String,
        /// The checklist's digest.
        checklist_sha256: String,
        /// The 评分细则 it was checked against, by title, version and
        /// digest, if any.
        rules: Option<String>,
        /// The score, as the result states it.
        score: Value,
        /// The grade's name in either language, as the results state it.
        grade: Text,
        /// Whether what the page shows was compared too.
        page: PageCheck,
    },
    /// The results agree, but what the HTML or XLSX report shows differs
    /// from the report written again from the audit.
    PageDiffers {
        /// The report file.
        result: String,
        /// The audit file.
        audit: String,
        /// The first difference.
        mismatch: Mismatch,
    },
    /// No result in the file names the audit's digest: the audit changed,
    /// or the result is another audit's.
    NoResultForAudit {
        /// The result file.
        result: String,
        /// The audit file.
        audit: String,
        /// The audit's digest now.
        audit_sha256: String,
    },
    /// A result was computed with another checklist.
    OtherChecklist {
        /// The checklist digest the result names.
        recorded: String,
        /// The digest of the checklist in use.
        used: String,
    },
    /// A result was checked against other 评分细则 (or against none, or
    /// against some where none is given now).
    OtherRules {
        /// The 细则's digest the result names, if it names one.
        recorded: Option<String>,
        /// The digest of the 细则 in use, if one is given.
        used: Option<String>,
    },
    /// Computed again, a result differs.
    Differs {
        /// The result file.
        result: String,
        /// The audit file.
        audit: String,
        /// Every difference, in every result checked.
        differences: Vec<Difference>,
    },
}

/// Whether what an HTML or XLSX report shows was compared with the report
/// written again from the audit.
#[derive(Debug, Clone, PartialEq)]
pub enum PageCheck {
    /// A JSON result: there is no page.
    NoPage,
    /// Compared, and the same.
    Compared,
    /// Not compared: another version of bscore wrote the page (this
    /// version), and may have laid it out otherwise.
    OtherVersion(String),
    /// Not compared: a DOCX evaluation report, whose text the
    /// certification body edits; only the result it carries is checked.
    Editable,
}

impl PageCheck {
    fn text(&self) -> Text {
        match self {
            PageCheck::NoPage => t!("", ""),
            PageCheck::Compared => t!(
                "页面本身显示的内容也已与重新生成的报告比对，完全一致\n",
                "what the page itself shows was compared with the report written again: the same\n"
            ),
            PageCheck::OtherVersion(version) => t!(
                "注意：页面本身显示的内容未比对，因为它由 bscore {version} 生成（当前为 {VERSION}）；只核验了其中记录的结果\n",
                "note: what the page itself shows was not compared, as it was written by bscore {version} (this is {VERSION}); only the result it carries was checked\n"
            ),
            PageCheck::Editable => t!(
                "注意：DOCX 评价报告的正文可由认证机构编辑，未与重新生成的报告比对；只核验了其中记录的结果\n",
                "note: the DOCX evaluation report's text is the certification body's to edit and was not compared with the report written again; only the result it carries was checked\n"
            ),
        }
    }
}

fn mismatch_text(mismatch: &Mismatch) -> Text {
    let (shown, expected) = (&mismatch.shown, &mismatch.expected);
    match &mismatch.place {
        Place::After(before) => t!(
            "  在“{before}”之后，页面显示“{shown}”，重新生成的报告为“{expected}”\n",
            "  after “{before}”, the page shows “{shown}”, the report written again “{expected}”\n"
        ),
        Place::Cell(cell) => t!(
            "  {cell}：页面显示“{shown}”，重新生成的报告为“{expected}”\n",
            "  {cell}: the page shows “{shown}”, the report written again “{expected}”\n"
        ),
        Place::ExtraSheet(sheet) => t!(
            "  工作表 {sheet} 不是 bscore 写的：重新生成的报告没有这张可见的工作表\n",
            "  the sheet {sheet} is not bscore's: the report written again has no such visible sheet\n"
        ),
        Place::MissingSheet(sheet) => t!(
            "  缺少工作表 {sheet}（或已被隐藏）\n",
            "  the sheet {sheet} is missing (or hidden)\n"
        ),
    }
}

impl Verdict {
    /// Whether the result follows from the inputs.
    pub fn holds(&self) -> bool {
        matches!(self, Verdict::Verified { .. })
    }
}

fn entry_name(position: Option<usize>) -> Text {
    match position {
        None => t!("该结果", "the result"),
        Some(at) => t!("第 [{at}] 项", "entry [{at}]"),
    }
}

impl Verdict {
    /// What was found, in both languages, a line each.
    pub fn text(&self) -> Text {
        match self {
            Verdict::Verified {
                result,
                audit,
                checked,
                audit_sha256,
                checklist_sha256,
                rules,
                score,
                grade,
                page,
            } => {
                let checked = checked_entries(checked);
                let (zh, en) = (&checked.zh, &checked.en);
                let (grade_zh, grade_en) = (&grade.zh, &grade.en);
                let (rules_zh, rules_en) = match rules {
                    Some(rules) => (format!("，评分细则 {rules}"), format!(", scoring rules {rules}")),
                    None => (String::new(), String::new()),
                };
                t!(
                    "核验通过：{result} 确由 {audit} 算出（评价文件 SHA-256 {audit_sha256}，检查表 SHA-256 {checklist_sha256}{rules_zh}）：总评分 {score}，评级 {grade_zh}；已核对{zh}\n",
                    "verified: {result} follows from {audit} (audit SHA-256 {audit_sha256}, checklist SHA-256 {checklist_sha256}{rules_en}): score {score}, grade {grade_en}; checked {en}\n"
                )
                .joined(("", ""), &page.text())
            }
            Verdict::PageDiffers {
                result,
                audit,
                mismatch,
            } => t!(
                "不一致：{result} 中记录的结果由 {audit} 算出，但页面显示的内容与由它重新生成的报告不同（被手工改过）：\n",
                "differs: the result {result} carries follows from {audit}, but what the page shows differs from the report written again from it (edited by hand):\n"
            )
            .joined(("", ""), &mismatch_text(mismatch)),
            Verdict::NoResultForAudit {
                result,
                audit,
                audit_sha256,
            } => t!(
                "不一致：{result} 中没有由 {audit} 现在的内容（SHA-256 {audit_sha256}）算出的结果；评价文件已被修改，或该结果属于另一份评价\n",
                "differs: no result in {result} comes from {audit} as it is now (SHA-256 {audit_sha256}); the file was changed, or the result is of another audit\n"
            ),
            Verdict::OtherChecklist { recorded, used } => t!(
                "不一致：该结果是用 SHA-256 为 {recorded} 的检查表算出的，不是这份（{used}）；请用 --checklist 指定那份检查表\n",
                "differs: the result was computed with the checklist of SHA-256 {recorded}, not this one ({used}); name that checklist with --checklist\n"
            ),
            Verdict::OtherRules { recorded, used } => other_rules_text(recorded, used),
            Verdict::Differs {
                result,
                audit,
                differences,
            } => {
                let mut text = t!(
                    "不一致：{result} 不是由 {audit} 算出的：\n",
                    "differs: {result} does not follow from {audit}:\n"
                );
                for difference in differences.iter().take(DIFFERENCES_SHOWN) {
                    text = text.joined(("", ""), &difference_text(difference));
                }
                let more = differences.len().saturating_sub(DIFFERENCES_SHOWN);
                if more > 0 {
                    text = text.joined(
                        ("", ""),
                        &t!(
                            "  ……另有 {more} 处不同未列出\n",
                            "  … and {more} more differences not listed\n"
                        ),
                    );
                }
                text
            }
        }
    }
}

/// One difference, a line: the field, what was recorded and what was
/// computed again; a key only one side has is named as missing.
fn difference_text(difference: &Difference) -> Text {
    // A key added to a result may be of any length: its path is cut too.
    let path = &crate::text::shortened_to(&difference.path, 200);
    match (&difference.recorded, &difference.recomputed) {
        (Some(recorded), Some(recomputed)) => t!(
            "  {path}：记录为 {recorded}，重算为 {recomputed}\n",
            "  {path}: recorded {recorded}, recomputed {recomputed}\n"
        ),
        (None, Some(recomputed)) => t!(
            "  {path}：记录中缺少此项（被删去），重算为 {recomputed}\n",
            "  {path}: missing from the record (removed), recomputed {recomputed}\n"
        ),
        (Some(recorded), None) => t!(
            "  {path}：记录为 {recorded}，但结果中本没有此项（被添加）\n",
            "  {path}: recorded {recorded}, but a result has no such key (added)\n"
        ),
        (None, None) => t!("  {path}\n", "  {path}\n"),
    }
}

/// The entries checked, as the verdict names them: runs of neighbouring
/// positions as one range (`第 [0]–[2999] 项`), at most [`ENTRIES_SHOWN`]
/// runs and then their count, so that a batch of thousands of results of
/// one audit is one short line.
fn checked_entries(checked: &[Option<usize>]) -> Text {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for position in checked {
        let Some(at) = *position else {
            return entry_name(None);
        };
        match runs.last_mut() {
            Some((_, end)) if end.checked_add(1) == Some(at) => *end = at,
            _ => runs.push((at, at)),
        }
    }
    // Two neighbours are named each; three or more as a range.
    let names: Vec<Text> = (runs.iter().take(ENTRIES_SHOWN))
        .flat_map(|&(start, end)| match end - start {
            0 => vec![entry_name(Some(start))],
            1 => vec![entry_name(Some(start)), entry_name(Some(end))],
            _ => vec![t!("第 [{start}]–[{end}] 项", "entries [{start}]–[{end}]")],
        })
        .collect();
    let zh: Vec<&str> = names.iter().map(|name| name.zh.as_str()).collect();
    let en: Vec<&str> = names.iter().map(|name| name.en.as_str()).collect();
    let (mut zh, mut en) = (zh.join("、"), en.join(", "));
    if runs.len() > ENTRIES_SHOWN {
        let count = checked.len();
        zh.push_str(&format!("等，共 {count} 项"));
        en.push_str(&format!(", …: {count} entries in all"));
    }
    Text::new(zh, en)
}

/// Why a result checked against other 评分细则 is not verified, and what
/// to name instead.
fn other_rules_text(recorded: &Option<String>, used: &Option<String>) -> Text {
    match (recorded, used) {
        (Some(recorded), None) => t!(
            "不一致：该结果是按评分细则 {recorded} 评价的；请用 --rules 指定那份细则\n",
            "differs: the result was checked against the scoring rules {recorded}; name them with --rules\n"
        ),
        (None, Some(used)) => t!(
            "不一致：该结果未按评分细则评价，不是按这份细则（{used}）；请去掉 --rules\n",
            "differs: the result was checked against no scoring rules, not these ({used}); leave out --rules\n"
        ),
        (recorded, used) => {
            let (recorded, used) = (
                recorded.as_deref().unwrap_or("-"),
                used.as_deref().unwrap_or("-"),
            );
            t!(
                "不一致：该结果是按评分细则 {recorded} 评价的，不是这份（{used}）；请用 --rules 指定那份细则\n",
                "differs: the result was checked against the scoring rules {recorded}, not these ({used}); name them with --rules\n"
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_checked_entries_are_named_as_ranges() {
        let positions: Vec<Option<usize>> = (0..3000).map(Some).collect();
        assert_eq!(checked_entries(&positions).en, "entries [0]–[2999]");
        let scattered: Vec<Option<usize>> = (0..30).map(|at| Some(at * 2)).collect();
        let text = checked_entries(&scattered).en;
        assert!(text.ends_with(", …: 30 entries in all"), "{text}");
        assert_eq!(text.matches("entry [").count(), ENTRIES_SHOWN);
        assert_eq!(checked_entries(&[None]).en, "the result");
        assert_eq!(
            checked_entries(&[Some(0), Some(1)]).en,
            "entry [0], entry [1]"
        );
    }
}
