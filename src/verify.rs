//! `bscore verify`: does a stored JSON result follow from an audit file?
//! Every result in the file that names the audit's digest is computed
//! again, in the result's own language, and compared field by field —
//! figures, exact values, names, indicators, provenance — after the
//! checklist's digest is checked. Only the fields listed in
//! [`MAY_DIFFER`] are passed over (docs/json.md).

use crate::batch::{Source, evaluate_source};
use crate::checklist::Checklist;
use crate::diagnostic::{Diagnostic, InputError};
use crate::message::Text;
use crate::render::{Format, Lang, RenderOptions, Rendering, json_result};
use crate::shown::{Mismatch, Page, Place};
use crate::t;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// Fields that may legitimately differ: the audit's path as typed on the
/// command line, and the version of bscore that computed the result.
pub const MAY_DIFFER: [&str; 2] = ["file", "provenance.bscore_version"];

/// One way a stored result disagrees with the recomputed one.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// JSON path of the field, such as `[1].indicators[3].earned_exact`.
    pub path: String,
    /// The stored value as compact JSON, shortened ([`shown_value`]);
    /// `None` when the stored result has no such key.
    pub recorded: Option<String>,
    /// The recomputed value, likewise; `None` when the recomputed result
    /// has no such key (the stored one added it).
    pub recomputed: Option<String>,
}

/// Longest value a difference shows, in bytes of its JSON. A value added
/// to a result may be megabytes: shown whole, it would be copied and
/// printed whole (an 8 MB array: seconds, a gigabyte, 5 MB of verdict).
const VALUE_SHOWN_BYTES: usize = 120;

/// `value` as compact JSON, cut after [`VALUE_SHOWN_BYTES`] (where a
/// character starts) with `…`. Written through a writer that stops
/// there, so that a huge value is never copied or written out whole.
fn shown_value(value: &Value) -> String {
    let mut shown = Capped(Vec::with_capacity(VALUE_SHOWN_BYTES));
    let cut = serde_json::to_writer(&mut shown, value).is_err();
    let bytes = shown.0;
    let whole = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        // Cut inside a character: up to where it starts.
        Err(error) => std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default(),
    };
    match cut {
        true => format!("{whole}…"),
        false => whole.to_string(),
    }
}

/// Bytes, up to [`VALUE_SHOWN_BYTES`]; a write past them fails, which
/// stops the serializer.
struct Capped(Vec<u8>);

impl std::io::Write for Capped {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let room = VALUE_SHOWN_BYTES - self.0.len();
        if bytes.len() > room {
            self.0.extend_from_slice(&bytes[..room]);
            return Err(std::io::Error::other("value shown in part"));
        }
        self.0.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

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
}

/// The version of bscore that writes reports now.
const VERSION: &str = env!("CARGO_PKG_VERSION");

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
                score,
                grade,
                page,
            } => {
                let checked = checked_entries(checked);
                let (zh, en) = (&checked.zh, &checked.en);
                let (grade_zh, grade_en) = (&grade.zh, &grade.en);
                t!(
                    "核验通过：{result} 确由 {audit} 算出（评价文件 SHA-256 {audit_sha256}，检查表 SHA-256 {checklist_sha256}）：总评分 {score}，评级 {grade_zh}；已核对{zh}\n",
                    "verified: {result} follows from {audit} (audit SHA-256 {audit_sha256}, checklist SHA-256 {checklist_sha256}): score {score}, grade {grade_en}; checked {en}\n"
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
    let path = &shortened_path(&difference.path);
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

/// A path as a difference shows it: a long one is cut, with `…`.
fn shortened_path(path: &str) -> String {
    const SHOWN: usize = 200;
    match path.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}…", &path[..at]),
        None => path.to_string(),
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

/// Checks whether the results stored in `stored` follow from `audit` and
/// `checklist`: finds every result that names the audit's digest, checks
/// the checklist's digest, computes the result again and compares them.
pub fn verify(
    checklist: &Checklist,
    stored: &Source,
    page: Option<&Page>,
    audit: &Source,
) -> Result<Verdict, InputError> {
    // The audit is evaluated first so that each stored result is compared
    // as it is read and then dropped: a 55 MB batch is never held whole
    // (it took 700 MB and seconds). Its errors are told in the order
    // they always were: the stored file's first, then the checklist's.
    let prepared = evaluate_source(checklist, audit).and_then(|evaluated| {
        let recomputed = recomputed_results(&evaluated, checklist, audit)?;
        Ok((evaluated, recomputed))
    });
    let recomputed = prepared.as_ref().ok().map(|(_, recomputed)| recomputed);
    let mut scan = Scan::new(&audit.digest, &checklist.sha256);
    for_each_entry(&stored.text, |position, recorded| {
        scan.entry(position, recorded, recomputed)
    })
    .map_err(|(reason, at)| {
        InputError::new(
            &stored.name,
            &stored.text,
            vec![Diagnostic::new(not_a_result(&reason)).at(at..at)],
        )
    })?;
    if let Some(position) = scan.not_a_result {
        let reason = not_result_reason(position);
        return Err(InputError::whole_file(&stored.name, not_a_result(&reason)));
    }
    let audit_sha256 = audit.digest.clone();
    if scan.found.is_empty() {
        return Ok(Verdict::NoResultForAudit {
            result: stored.name.clone(),
            audit: audit.name.clone(),
            audit_sha256,
        });
    }
    if let Some(recorded) = scan.other_checklist {
        return Ok(Verdict::OtherChecklist {
            recorded,
            used: checklist.sha256.clone(),
        });
    }
    let (evaluated, recomputed) = prepared?;
    if !scan.differences.is_empty() {
        return Ok(Verdict::Differs {
            result: stored.name.clone(),
            audit: audit.name.clone(),
            differences: scan.differences,
        });
    }
    let page = match page {
        None => PageCheck::NoPage,
        Some(page) => match scan.other_version {
            Some(version) => PageCheck::OtherVersion(version),
            None => {
                if let Some(mismatch) =
                    compare_page(page, &evaluated, checklist, &scan.found, audit)?
                {
                    return Ok(Verdict::PageDiffers {
                        result: stored.name.clone(),
                        audit: audit.name.clone(),
                        mismatch,
                    });
                }
                PageCheck::Compared
            }
        },
    };
    Ok(Verdict::Verified {
        result: stored.name.clone(),
        audit: audit.name.clone(),
        checked: scan.found.iter().map(|found| found.position).collect(),
        audit_sha256,
        checklist_sha256: checklist.sha256.clone(),
        score: recomputed[0]["score"].clone(),
        grade: Text::new(grade_name(&recomputed[0]), grade_name(&recomputed[1])),
        page,
    })
}

/// The audit's result computed again, in Chinese and in English.
fn recomputed_results(
    evaluated: &crate::batch::Evaluated,
    checklist: &Checklist,
    audit: &Source,
) -> Result<[Value; 2], InputError> {
    let report = evaluated.report(&audit.name, checklist);
    let recomputed_in = |lang: Lang| {
        serde_json::to_value(json_result(&report, lang)).map_err(|error| {
            InputError::whole_file(
                &audit.name,
                t!(
                    "无法生成其结果：{error}",
                    "cannot build its result: {error}"
                ),
            )
        })
    };
    Ok([recomputed_in(Lang::Zh)?, recomputed_in(Lang::En)?])
}

/// A stored result of the audit, as kept after it was compared: where it
/// is, and the audit's name it records.
struct Found {
    position: Option<usize>,
    file: Option<String>,
}

/// What reading the stored results one by one has found so far.
struct Scan<'a> {
    audit_sha256: &'a str,
    checklist_sha256: &'a str,
    /// The first entry that is not a result (`None` inside: the file's one
    /// value is not).
    not_a_result: Option<Option<usize>>,
    /// The results of the audit.
    found: Vec<Found>,
    /// The first checklist digest of theirs that is not the one used.
    other_checklist: Option<String>,
    /// The first version of bscore of theirs that is not this one.
    other_version: Option<String>,
    differences: Vec<Difference>,
}

impl<'a> Scan<'a> {
    fn new(audit_sha256: &'a str, checklist_sha256: &'a str) -> Self {
        Scan {
            audit_sha256,
            checklist_sha256,
            not_a_result: None,
            found: Vec::new(),
            other_checklist: None,
            other_version: None,
            differences: Vec::new(),
        }
    }

    /// One stored value, at `position` in the array (`None`: the file's
    /// one value): checked, compared with the `recomputed` result (when
    /// the audit could be evaluated) if it is the audit's, then dropped.
    fn entry(&mut self, position: Option<usize>, recorded: Value, recomputed: Option<&[Value; 2]>) {
        if self.not_a_result.is_some() {
            return;
        }
        if !is_result(&recorded) {
            self.not_a_result = Some(position);
            return;
        }
        let provenance = &recorded["provenance"];
        if provenance["audit_sha256"] != self.audit_sha256 {
            return;
        }
        let checklist = provenance["checklist_sha256"].as_str().unwrap_or_default();
        if checklist != self.checklist_sha256 && self.other_checklist.is_none() {
            self.other_checklist = Some(checklist.to_string());
        }
        let version = provenance["bscore_version"].as_str().unwrap_or("?");
        if version != VERSION && self.other_version.is_none() {
            self.other_version = Some(version.to_string());
        }
        if let (Some(recomputed), None) = (recomputed, &self.other_checklist) {
            let prefix = position.map(|at| format!("[{at}]")).unwrap_or_default();
            self.differences
                .extend(in_its_language(&prefix, &recorded, recomputed));
        }
        self.found.push(Found {
            position,
            file: recorded["file"].as_str().map(str::to_string),
        });
    }
}

/// The differences of a stored result from the recomputed one in the
/// result's own language: the one its names match best (Chinese when
/// both match as well). A name changed by hand then differs in either.
fn in_its_language(prefix: &str, recorded: &Value, recomputed: &[Value; 2]) -> Vec<Difference> {
    let zh = differences(prefix, recorded, &recomputed[0]);
    if zh.is_empty() {
        return zh;
    }
    let en = differences(prefix, recorded, &recomputed[1]);
    if en.len() < zh.len() { en } else { zh }
}

/// The first place where the page differs from the report written again
/// from the audit, with the options the page shows (its language; no
/// other option changes an HTML or XLSX report) and the audit's name as
/// the result records it. A batch's entry is compared with its own
/// section or sheets.
fn compare_page(
    page: &Page,
    evaluated: &crate::batch::Evaluated,
    checklist: &Checklist,
    entries: &[Found],
    audit: &Source,
) -> Result<Option<Mismatch>, InputError> {
    let options = RenderOptions {
        lang: crate::shown::language(page),
        ascii: false,
        detail: false,
        bom: false,
        width: 80,
    };
    let cannot = |error: std::io::Error| {
        InputError::whole_file(
            &audit.name,
            t!(
                "无法重新生成报告：{error}",
                "cannot write the report again: {error}"
            ),
        )
    };
    // The page read once, however many audits a batch compares with it.
    let read = match page {
        Page::Html(html) => ReadPage::Html(html, crate::shown::html_sections(html)),
        Page::Xlsx(bytes) => ReadPage::Xlsx(crate::shown::ShownWorkbook::read(bytes)),
    };
    for Found { position, file } in entries {
        let file = file.as_deref().unwrap_or(&audit.name);
        let report = evaluated.report(file, checklist);
        let mut written = Vec::new();
        let found = match (&read, position) {
            (ReadPage::Html(html, _), None) => {
                crate::render::render(Format::Html, options, &[report], &mut written)
                    .map_err(cannot)?;
                crate::shown::compare_html(html, &String::from_utf8_lossy(&written))
            }
            (ReadPage::Html(_, sections), Some(at)) => {
                let Rendering::Streamed(assembler) =
                    Format::Html.rendering(options, checklist, true)
                else {
                    continue;
                };
                let piece = assembler.piece(&report).map_err(cannot)?;
                let section = sections.get(*at).copied().unwrap_or_default();
                crate::shown::compare_html(section, &String::from_utf8_lossy(&piece.bytes))
            }
            (ReadPage::Xlsx(workbook), _) => {
                crate::render::render(Format::Xlsx, options, &[report], &mut written)
                    .map_err(cannot)?;
                let suffix = position.map(|at| format!(" {}", at + 1));
                crate::shown::compare_xlsx(workbook, &written, suffix.as_deref())
            }
        };
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

/// A report's page as compared: an HTML page with its report sections, or
/// a workbook's visible sheets.
enum ReadPage<'a> {
    Html(&'a str, Vec<&'a str>),
    Xlsx(crate::shown::ShownWorkbook),
}

/// The grade's name a result states, in the result's language.
fn grade_name(result: &Value) -> String {
    result["grade_name"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Whether a stored value is a result: an object with the digests every
/// result carries. A batch holding anything else (a number, an object
/// without them) is refused whole rather than verified in part, since
/// what a batch holds besides its results is not bscore's.
fn is_result(value: &Value) -> bool {
    let provenance = &value["provenance"];
    value.is_object()
        && provenance["audit_sha256"].is_string()
        && provenance["checklist_sha256"].is_string()
}

/// Why the value at `position` (`None`: the file's one value) is not a
/// result.
fn not_result_reason(position: Option<usize>) -> Text {
    match position {
        Some(at) => t!(
            "第 [{at}] 项不是评价结果（缺少 provenance.audit_sha256 与 provenance.checklist_sha256）；批量结果中只能有 bscore 写出的结果",
            "entry [{at}] is not a result (it has no provenance.audit_sha256 and provenance.checklist_sha256); a batch holds only results bscore wrote"
        ),
        None => t!(
            "缺少 provenance.audit_sha256 与 provenance.checklist_sha256，每份 bscore 结果都有这两项",
            "it has no provenance.audit_sha256 and provenance.checklist_sha256, which every bscore result has"
        ),
    }
}

/// Reads `json` strictly ([`parse_strict`]) one stored value at a time:
/// each entry of an array with its position, or the file's one value,
/// handed to `each` and dropped, so that memory holds one entry, not the
/// file. Or why it cannot be read, and the byte offset where it stops.
pub(crate) fn for_each_entry(
    json: &str,
    mut each: impl FnMut(Option<usize>, Value),
) -> Result<(), (Text, usize)> {
    let mut reader = serde_json::Deserializer::from_str(json);
    let read = (reader.deserialize_any(Entries(&mut each))).and_then(|()| reader.end());
    read.map_err(|error| {
        let at = offset_of(json, error.line(), error.column()).start;
        (json_reason(&error), at)
    })
}

/// The visitor of [`for_each_entry`]: an array's entries one by one, any
/// other value whole.
struct Entries<'f, F>(&'f mut F);

impl<'de, F: FnMut(Option<usize>, Value)> Visitor<'de> for Entries<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut position = 0;
        while let Some(Strict(entry)) = seq.next_element()? {
            (self.0)(Some(position), entry);
            position += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<(), A::Error> {
        (self.0)(None, StrictVisitor.visit_map(access)?);
        Ok(())
    }

    fn visit_bool<E>(self, value: bool) -> Result<(), E> {
        (self.0)(None, Value::Bool(value));
        Ok(())
    }

    fn visit_i64<E>(self, value: i64) -> Result<(), E> {
        (self.0)(None, Value::from(value));
        Ok(())
    }

    fn visit_u64<E>(self, value: u64) -> Result<(), E> {
        (self.0)(None, Value::from(value));
        Ok(())
    }

    fn visit_f64<E>(self, value: f64) -> Result<(), E> {
        (self.0)(None, Value::from(value));
        Ok(())
    }

    fn visit_str<E>(self, value: &str) -> Result<(), E> {
        (self.0)(None, Value::String(value.to_string()));
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        (self.0)(None, Value::Null);
        Ok(())
    }
}

/// Every difference between a stored and a recomputed result, but for the
/// fields that may differ; paths start with `prefix`.
pub fn differences(prefix: &str, recorded: &Value, recomputed: &Value) -> Vec<Difference> {
    let mut found = Vec::new();
    walk(prefix, "", recorded, recomputed, &mut found);
    found
}

fn walk(
    prefix: &str,
    path: &str,
    recorded: &Value,
    recomputed: &Value,
    found: &mut Vec<Difference>,
) {
    // Equal values hold no difference: compared without building a path
    // for every field (a batch of 3,000 results has millions).
    if MAY_DIFFER.contains(&path) || recorded == recomputed {
        return;
    }
    match (recorded, recomputed) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let child = match path.is_empty() {
                    true => key.clone(),
                    false => format!("{path}.{key}"),
                };
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => walk(prefix, &child, x, y, found),
                    (x, y) if !MAY_DIFFER.contains(&child.as_str()) => found.push(Difference {
                        path: joined(prefix, &child),
                        recorded: x.map(shown_value),
                        recomputed: y.map(shown_value),
                    }),
                    _ => {}
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (index, (x, y)) in a.iter().zip(b).enumerate() {
                walk(prefix, &format!("{path}[{index}]"), x, y, found);
            }
        }
        _ if recorded != recomputed => found.push(Difference {
            path: joined(prefix, path),
            recorded: Some(shown_value(recorded)),
            recomputed: Some(shown_value(recomputed)),
        }),
        _ => {}
    }
}

/// A field's path within an entry, after the entry's own (`[2]` +
/// `grade` → `[2].grade`).
fn joined(prefix: &str, path: &str) -> String {
    match (prefix.is_empty(), path.starts_with('[')) {
        (true, _) | (false, true) => format!("{prefix}{path}"),
        (false, false) => format!("{prefix}.{path}"),
    }
}

/// "Not a JSON result: REASON", in both languages.
pub(crate) fn not_a_result(reason: &Text) -> Text {
    let (zh, en) = (&reason.zh, &reason.en);
    t!("不是 bscore 的 JSON 结果：{zh}", "not a JSON result: {en}")
}

/// `json` read strictly ([`parse_strict`]), or why not, in both
/// languages, and the byte offset in `json` where it stops.
pub(crate) fn read_json(json: &str) -> Result<Value, (Text, usize)> {
    parse_strict(json).map_err(|error| {
        let at = offset_of(json, error.line(), error.column()).start;
        (json_reason(&error), at)
    })
}

/// Why serde_json could not read a text, without its "at line … column
/// …" (the place is shown apart), in both languages.
fn json_reason(error: &serde_json::Error) -> Text {
    let full = error.to_string();
    let en = match full.rfind(" at line ") {
        Some(at) => full[..at].to_string(),
        None => full,
    };
    if let Some(key) = en
        .strip_prefix("the key `")
        .and_then(|rest| rest.strip_suffix("` is given twice in one object"))
    {
        return t!(
            "同一个对象中键 `{key}` 出现了两次（读取程序只保留其一，改动可能藏在另一个里）",
            "the key `{key}` is given twice in one object (a reader keeps only one, and a change could hide in the other)"
        );
    }
    let zh = match en.as_str() {
        reason if reason.starts_with("EOF while parsing") => "JSON 在此处中断，不完整".to_string(),
        "expected value" => {
            "此处应为一个值（对象、数组、字符串、数字、true、false 或 null）".to_string()
        }
        "expected `,` or `}`" => "此处应为 `,` 或 `}`".to_string(),
        "expected `,` or `]`" => "此处应为 `,` 或 `]`".to_string(),
        "expected `:`" => "此处应为 `:`".to_string(),
        "expected ident" => "此处应为 true、false 或 null".to_string(),
        "key must be a string" => "键必须是带双引号的字符串".to_string(),
        "trailing characters" | "trailing comma" => "JSON 结束后还有多余的字符".to_string(),
        "invalid escape" => "无效的转义序列".to_string(),
        "invalid number" => "无效的数字".to_string(),
        "number out of range" => "数字超出范围".to_string(),
        "invalid unicode code point" => "无效的 Unicode 码位".to_string(),
        "recursion limit exceeded" => "嵌套层数过多".to_string(),
        reason if reason.starts_with("control character") => {
            "字符串中有未转义的控制字符".to_string()
        }
        reason if reason.contains("surrogate") => "无效的 UTF-16 代理项转义".to_string(),
        other => format!("无法解析（{other}）"),
    };
    Text::new(zh, en)
}

/// The byte offset of a 1-based line and column (in bytes, as serde_json
/// counts them) of `text`.
fn offset_of(text: &str, line: usize, column: usize) -> std::ops::Range<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let at = (start + column.saturating_sub(1)).min(text.len());
    at..at
}

/// JSON read as `serde_json` reads it, except that a key given twice in an
/// object is an error: a reader keeps one of the two, and a tampered
/// result could hide its change behind the other.
pub fn parse_strict(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str::<Strict>(text).map(|strict| strict.0)
}

struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_string()))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            if map.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "the key `{key}` is given twice in one object"
                )));
            }
            let Strict(value) = access.next_value()?;
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strict_parsing_reads_every_kind_of_value_as_serde_json_does() {
        let text = r#"{"negative": -7, "large": 18446744073709551615, "float": 0.25,
            "yes": true, "no": false, "none": null, "text": "四星级", "escaped": "a\"b",
            "list": [1, "x", [], {}], "nested": {"score_exact": "90"}}"#;
        let expected: Value = serde_json::from_str(text).unwrap();
        assert_eq!(parse_strict(text).unwrap(), expected);
    }

    #[test]
    fn only_the_file_and_the_version_may_differ() {
        let a = json!({"file": "a.toml", "grade_name": "四星级（金牌）", "score_exact": "90", "provenance": {"bscore_version": "0.1.0"}});
        let b = json!({"file": "b.toml", "grade_name": "四星级（金牌）", "score_exact": "90", "provenance": {"bscore_version": "0.2.0"}});
        assert!(differences("", &a, &b).is_empty());
        let renamed = json!({"file": "a.toml", "grade_name": "五星级（铂金）", "score_exact": "90", "provenance": {"bscore_version": "0.1.0"}});
        let paths: Vec<String> = differences("", &renamed, &b)
            .into_iter()
            .map(|d| d.path)
            .collect();
        assert_eq!(paths, ["grade_name"]);
    }

    #[test]
    fn differences_name_their_path() {
        let a = json!({"indicators": [{"id": "4.1.a", "earned_exact": "1"}], "grade": "gold"});
        let b = json!({"indicators": [{"id": "4.1.a", "earned_exact": "0"}], "grade": "silver"});
        let paths: Vec<String> = differences("[2]", &a, &b)
            .into_iter()
            .map(|d| d.path)
            .collect();
        assert_eq!(paths, ["[2].grade", "[2].indicators[0].earned_exact"]);
    }

    #[test]
    fn a_key_added_or_removed_differs_even_when_null() {
        let recomputed = json!({"bonus": null, "indicators": [{"coefficient": null}]});
        let removed = json!({"indicators": [{"coefficient": null}]});
        let added = json!({"bonus": null, "indicators": [{"coefficient": null, "x": null}]});
        let found = differences("", &removed, &recomputed);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].path.as_str(), &found[0].recorded),
            ("bonus", &None)
        );
        let found = differences("", &added, &recomputed);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "indicators[0].x");
        assert_eq!(found[0].recomputed, None);
        assert!(differences("", &recomputed, &recomputed).is_empty());
    }

    #[test]
    fn a_huge_value_is_shown_cut_where_a_character_starts() {
        let huge = json!({"x": vec![[0, 1]; 1_000_000], "grade": "gold"});
        let found = differences("", &huge, &json!({"grade": "gold"}));
        let shown = found[0].recorded.as_deref().unwrap();
        assert!(
            shown.starts_with("[[0,1],[0,1]") && shown.ends_with('…'),
            "{shown}"
        );
        assert!(shown.len() <= VALUE_SHOWN_BYTES + '…'.len_utf8());
        let chinese = json!("评".repeat(100));
        let shown = shown_value(&chinese);
        assert!(
            shown.starts_with("\"评评") && shown.ends_with("评…"),
            "{shown}"
        );
        assert_eq!(shown_value(&json!({"a": [1, "b"]})), r#"{"a":[1,"b"]}"#);
    }

    /// The first value that is not a result, read one at a time.
    fn first_not_a_result(json: &str) -> Option<Option<usize>> {
        let mut first = None;
        for_each_entry(json, |position, value| {
            if first.is_none() && !is_result(&value) {
                first = Some(position);
            }
        })
        .unwrap();
        first
    }

    #[test]
    fn a_batch_holding_anything_but_results_is_refused() {
        let result = r#"{"provenance": {"audit_sha256": "aa", "checklist_sha256": "cc"}}"#;
        assert_eq!(first_not_a_result(result), None);
        assert_eq!(first_not_a_result(&format!("[{result}, {result}]")), None);
        let batch = format!("[{result}, 5, {result}]");
        assert_eq!(first_not_a_result(&batch), Some(Some(1)));
        assert!(not_result_reason(Some(1)).en.starts_with("entry [1] "));
        let batch = format!(r#"[{result}, {{"provenance": {{}}}}]"#);
        assert_eq!(first_not_a_result(&batch), Some(Some(1)));
        assert_eq!(first_not_a_result(r#"{"score": 90}"#), Some(None));
        assert_eq!(first_not_a_result("5"), Some(None));
    }

    #[test]
    fn stored_values_are_read_one_by_one_as_strictly_as_a_whole_file() {
        let mut seen = Vec::new();
        for_each_entry(r#"[{"a": 1}, [2], null]"#, |position, value| {
            seen.push((position, value))
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                (Some(0), json!({"a": 1})),
                (Some(1), json!([2])),
                (Some(2), Value::Null)
            ]
        );
        let (reason, _) = for_each_entry(r#"[{"a": 1, "a": 2}]"#, |_, _| ()).unwrap_err();
        assert!(
            reason.en.contains("the key `a` is given twice"),
            "{}",
            reason.en
        );
        let (reason, at) = for_each_entry("[1] x", |_, _| ()).unwrap_err();
        assert_eq!((reason.zh.as_str(), at), ("JSON 结束后还有多余的字符", 4));
    }

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

    #[test]
    fn arrays_of_different_lengths_differ_whole() {
        let a = json!({"special_deductions": [{"kind": "law"}]});
        let b = json!({"special_deductions": []});
        assert_eq!(differences("", &a, &b).len(), 1);
    }

    #[test]
    fn a_key_given_twice_is_refused() {
        let error = parse_strict(r#"{"grade": "gold", "grade": "platinum"}"#).unwrap_err();
        assert!(
            error.to_string().contains("the key `grade` is given twice"),
            "{error}"
        );
        assert!(parse_strict(r#"{"a": [1, {"b": null}]}"#).is_ok());
    }
}
