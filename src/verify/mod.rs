//! `bscore verify`: does a stored JSON result follow from an audit file?
//! Every result in the file that names the audit's digest is computed
//! again, in the result's own language, and compared field by field —
//! figures, exact values, names, indicators, provenance — after the
//! checklist's digest is checked. Only the fields listed in
//! [`MAY_DIFFER`] are passed over (docs/json.md).

use crate::batch::{Basis, Source, evaluate_source};
use crate::diagnostic::{Diagnostic, InputError};
use crate::message::Text;
use crate::message::t;
use crate::render::{Format, Lang, RenderOptions, Rendering, json_result};
use crate::shown::{Mismatch, Page};
use serde_json::Value;

mod differences;
mod verdict;
use crate::stored::{for_each_entry, is_result, not_a_result, not_result_reason};

pub use differences::{Difference, differences};
pub use verdict::{PageCheck, Verdict};

/// The stored file's own problems (JSON that does not parse, an entry
/// that is not a result), for when the audit or the checklist cannot be
/// read and no verdict can be reached: told with theirs, not lost.
pub fn stored_problems(stored: &Source) -> Option<InputError> {
    let mut scan = Scan::new("", "", None);
    let read = for_each_entry(&stored.text, |position, recorded| {
        scan.entry(position, recorded, None)
    });
    match read {
        Err((reason, at)) => Some(unparsed(stored, &reason, at)),
        Ok(()) => (scan.not_a_result).map(|position| not_a_result_at(stored, position)),
    }
}

/// A stored file that is not JSON, placed at the byte where reading stopped.
fn unparsed(stored: &Source, reason: &Text, at: usize) -> InputError {
    let problem = Diagnostic::new(not_a_result(reason)).at(at..at);
    InputError::new(&stored.name, &stored.text, vec![problem])
}

/// A stored file holding something other than a result at `position`.
fn not_a_result_at(stored: &Source, position: Option<usize>) -> InputError {
    InputError::whole_file(&stored.name, not_a_result(&not_result_reason(position)))
}

/// The version of bscore that writes reports now.
pub(super) const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Checks whether the results stored in `stored` follow from `audit`,
/// the checklist and the 细则 of `basis`: finds every result that names
/// the audit's digest, checks the checklist's and the 细则's digests,
/// computes the result again and compares them.
pub fn verify(
    basis: Basis<'_>,
    stored: &Source,
    page: Option<&Page>,
    audit: &Source,
) -> Result<Verdict, InputError> {
    // The audit is evaluated first so that each stored result is compared
    // as it is read and then dropped: a 55 MB batch is never held whole
    // (it took 700 MB and seconds). Its errors are told in the order
    // they always were: the stored file's first, then the checklist's.
    let checklist = basis.checklist;
    let prepared = evaluate_source(basis, audit).and_then(|evaluated| {
        let recomputed = recomputed_results(&evaluated, basis, audit)?;
        Ok((evaluated, recomputed))
    });
    let recomputed = prepared.as_ref().ok().map(|(_, recomputed)| recomputed);
    let rules_sha256 = basis.rules.map(|rules| rules.sha256.as_str());
    let mut scan = Scan::new(&audit.digest, &checklist.sha256, rules_sha256);
    for_each_entry(&stored.text, |position, recorded| {
        scan.entry(position, recorded, recomputed)
    })
    .map_err(|(reason, at)| unparsed(stored, &reason, at))?;
    if let Some(position) = scan.not_a_result {
        return Err(not_a_result_at(stored, position));
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
    if let Some(recorded) = scan.other_rules {
        return Ok(Verdict::OtherRules {
            recorded,
            used: rules_sha256.map(str::to_string),
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
        Some(Page::Docx) => PageCheck::Editable,
        Some(page) => match scan.other_version {
            Some(version) => PageCheck::OtherVersion(version),
            None => {
                if let Some(mismatch) = compare_page(page, &evaluated, basis, &scan.found, audit)? {
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
        rules: (basis.rules).map(|rules| {
            format!(
                "\"{}\" {} (SHA-256 {})",
                rules.title, rules.version, rules.sha256
            )
        }),
        score: recomputed[0]["score"].clone(),
        grade: Text::new(grade_name(&recomputed[0]), grade_name(&recomputed[1])),
        page,
    })
}

/// The audit's result computed again, in Chinese and in English.
fn recomputed_results(
    evaluated: &crate::batch::Evaluated,
    basis: Basis<'_>,
    audit: &Source,
) -> Result<[Value; 2], InputError> {
    let report = evaluated.report(&audit.name, basis);
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
    /// The digest of the 细则 in use, if any.
    rules_sha256: Option<&'a str>,
    /// The first 细则 digest of theirs (`None`: no 细则) that is not the
    /// one used.
    other_rules: Option<Option<String>>,
    /// The first version of bscore of theirs that is not this one.
    other_version: Option<String>,
    differences: Vec<Difference>,
}

impl<'a> Scan<'a> {
    fn new(
        audit_sha256: &'a str,
        checklist_sha256: &'a str,
        rules_sha256: Option<&'a str>,
    ) -> Self {
        Scan {
            audit_sha256,
            checklist_sha256,
            not_a_result: None,
            found: Vec::new(),
            other_checklist: None,
            rules_sha256,
            other_rules: None,
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
        let rules = provenance["rules"]["sha256"].as_str();
        if rules != self.rules_sha256 && self.other_rules.is_none() {
            // Named by title and version too: a digest alone does not say
            // which file to look for (found by a newcomer's run).
            let named = |digest: &str| {
                let field = |name: &str| {
                    provenance["rules"][name]
                        .as_str()
                        .unwrap_or("?")
                        .to_string()
                };
                format!(
                    "\"{}\" {} (SHA-256 {digest})",
                    field("title"),
                    field("version")
                )
            };
            self.other_rules = Some(rules.map(named));
        }
        let version = provenance["bscore_version"].as_str().unwrap_or("?");
        if version != VERSION && self.other_version.is_none() {
            self.other_version = Some(version.to_string());
        }
        let same_basis = self.other_checklist.is_none() && self.other_rules.is_none();
        if let (Some(recomputed), true) = (recomputed, same_basis) {
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
    basis: Basis<'_>,
    entries: &[Found],
    audit: &Source,
) -> Result<Option<Mismatch>, InputError> {
    let checklist = basis.checklist;
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
        Page::Docx => return Ok(None),
    };
    for Found { position, file } in entries {
        let file = file.as_deref().unwrap_or(&audit.name);
        let report = evaluated.report(file, basis);
        let mut written = Vec::new();
        let found = match (&read, position) {
            (ReadPage::Html(html, _), None) if crate::report::html::is_evaluation_report(html) => {
                evaluation_report_differs(html, &report, options.lang).map_err(cannot)?
            }
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

/// Where an evaluation report (`bscore report`) first differs from the
/// one written again from the audit, the checklist and the 细则 in the
/// page's language: in its header or in a section drawn from those alone
/// ([`crate::report::content::CHECKED`]). The sections drawn from the
/// plan and the history, which verify is not given, are not compared.
fn evaluation_report_differs(
    page: &str,
    report: &crate::render::Report<'_>,
    lang: Lang,
) -> std::io::Result<Option<Mismatch>> {
    use crate::report::content::{ReportInputs, evaluation_report};
    use crate::report::html::{checked_parts, html};
    let inputs = ReportInputs {
        report: *report,
        plan: None,
    };
    let document = evaluation_report(&inputs, lang).map_err(std::io::Error::other)?;
    let written = html(&document);
    let (Some(shown), Some(expected)) = (checked_parts(page), checked_parts(&written)) else {
        // A section taken out: the whole pages differ where it was.
        return Ok(crate::shown::compare_html(page, &written));
    };
    Ok((shown.iter().zip(&expected))
        .find_map(|(shown, expected)| crate::shown::compare_html(shown, expected)))
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
