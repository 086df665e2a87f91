//! Raw audit tables → the validated [`Audit`]: one context walks the
//! document and collects every problem, so a file with five mistakes gets
//! five messages. The document, `[audit]` and the adjustments are here;
//! `[indicators]` is in [`super::indicators`], the keys and kinds of
//! values in [`super::fields`], syntax errors in [`super::syntax`].

use super::fields::written_text;
use super::format::{AUDIT, BONUS, BONUS_ON_FORM, SECTIONS, SPECIAL_DEDUCTION, form_label};
use super::{Audit, AuditKind, AuditMeta, Bonus, Dialect, SpecialDeduction};
use crate::checklist::Checklist;
use crate::diagnostic::{
    Diagnostic, Expected, InputError, LineIndex, MAX_REPORTED, quote_key, unknown,
};
use crate::message::{Lang, Text};
use crate::t;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Files larger than this are checked for broken syntax before they are
/// parsed in full (an audit is a few dozen KiB).
const LARGE_FILE_BYTES: usize = 1024 * 1024;

/// The error for a file with more syntax problems than are listed. The
/// syntax pass lists at most one problem a line and counts every one, and
/// the list may run past [`MAX_REPORTED`] (errors only the toml crate
/// finds come after the grammar's): `InputError::new` counts what it cuts
/// from the list, so only those never listed are added here.
fn too_many_problems(file: &str, source: &str, syntax: super::syntax::Syntax) -> InputError {
    let never_listed = syntax.count.saturating_sub(syntax.problems.len());
    InputError::new(file, source, syntax.problems).with_omitted(never_listed)
}

/// Whether a file goes to the bounded syntax pass first: the toml crate's
/// recoverable parse of a file of a million broken lines costs seconds
/// and gigabytes. Both passes find the same problems.
fn is_large(source: &str) -> bool {
    source.len() > LARGE_FILE_BYTES
}

/// Parses and validates an audit against `checklist`.
pub(super) fn parse(
    file: &str,
    source: &str,
    checklist: &Checklist,
    dialect: Dialect,
) -> Result<Audit, InputError> {
    if is_large(source)
        && let Some(syntax) = super::syntax::too_many(source)
    {
        return Err(too_many_problems(file, source, syntax));
    }
    let (document, errors) = DeTable::parse_recoverable(source);
    if errors.is_empty() {
        let validator = Validator::new(source, checklist, Vec::new(), Vec::new(), dialect);
        return validator.validate(file, source, document);
    }
    drop(document);
    let syntax = super::syntax::check(source);
    if syntax.count > MAX_REPORTED {
        return Err(too_many_problems(file, source, syntax));
    }
    let Some(repaired) = &syntax.repaired else {
        // The syntax pass names nothing the toml crate refused (found by
        // fuzzing: an input refused with "0 errors"): its own errors are
        // reported then, so a refusal always says why.
        let problems = match syntax.problems.is_empty() {
            true => errors.iter().map(toml_error).collect(),
            false => syntax.problems,
        };
        return Err(InputError::new(file, source, problems));
    };
    drop(errors);
    let (document, errors) = DeTable::parse_recoverable(repaired);
    let mut problems = syntax.problems;
    if !errors.is_empty() {
        // The syntax pass set aside every line the toml crate cannot read;
        // this is a fault of that pass, reported rather than hidden.
        problems.push(Diagnostic::new(t!(
            "无法读取此文件的 TOML 语法",
            "the file's TOML syntax cannot be read"
        )));
        return Err(InputError::new(file, source, problems));
    }
    let validator = Validator::new(repaired, checklist, problems, syntax.set_aside, dialect);
    validator.validate(file, source, document)
}

/// An error of the toml crate as a problem at its place: the fallback
/// when bscore's own syntax pass finds nothing to say.
fn toml_error(error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim();
    // In the assessor's words: the toml crate's own are English.
    let problem = Diagnostic::new(match message.contains("duplicate") {
        true => t!(
            "同一个键或表写了两次：每个名字只能写一次",
            "a key or table is written twice: write each name once"
        ),
        false => t!("此处不符合 TOML 语法", "TOML syntax error: {message}"),
    });
    match error.span() {
        Some(span) => problem.at(span),
        None => problem,
    }
}

/// What validation reads against, and every problem found so far.
pub(super) struct Validator<'a> {
    /// The file's text (broken lines blanked), for literals and lines.
    pub(super) source: &'a str,
    /// Where its lines start.
    pub(super) lines: LineIndex,
    /// The checklist the audit is validated against.
    pub(super) checklist: &'a Checklist,
    /// Every problem found, in no particular order (sorted when reported).
    pub(super) problems: Vec<Diagnostic>,
    /// Keys on lines set aside for their syntax errors: already reported,
    /// so not missing.
    pub(super) set_aside: Vec<String>,
    /// Whose words the problems are told in: the TOML file's or the form's.
    pub(super) dialect: Dialect,
    /// Problems counted but never built: past the first [`MAX_REPORTED`]
    /// of one kind by place, none can be listed (see [`Self::first_listable`]).
    pub(super) unlisted: usize,
}

impl<'a> Validator<'a> {
    fn new(
        source: &'a str,
        checklist: &'a Checklist,
        problems: Vec<Diagnostic>,
        set_aside: Vec<String>,
        dialect: Dialect,
    ) -> Self {
        Validator {
            source,
            lines: LineIndex::new(source),
            checklist,
            problems,
            set_aside,
            dialect,
            unlisted: 0,
        }
    }

    /// The first [`MAX_REPORTED`] of `found` by place: the only ones of
    /// their kind that can be among the problems a file lists. The rest
    /// are counted, never built, so that 400,000 unknown tables cost a
    /// sort, not 400,000 messages and their suggestions.
    pub(super) fn first_listable<T>(
        &mut self,
        mut found: Vec<T>,
        start: impl Fn(&T) -> usize,
    ) -> Vec<T> {
        found.sort_by_key(&start);
        self.unlisted += found.len().saturating_sub(MAX_REPORTED);
        found.truncate(MAX_REPORTED);
        found
    }

    /// Whether the audit came from a form, and is told in its words.
    pub(super) fn on_form(&self) -> bool {
        self.dialect == Dialect::Form
    }

    /// The wording for the file being read: `toml` for a TOML audit,
    /// `form` (the form's labels, no keys or syntax) for a form.
    pub(super) fn told(&self, toml: Text, form: Text) -> Text {
        match self.dialect {
            Dialect::Toml => toml,
            Dialect::Form => form,
        }
    }

    /// The audit `document` holds, or every problem of `file` (whose text,
    /// `original`, is what the problems are shown against).
    fn validate(
        mut self,
        file: &str,
        original: &str,
        document: Spanned<DeTable<'_>>,
    ) -> Result<Audit, InputError> {
        let audit = self.parse(document);
        if !self.problems.is_empty() || self.unlisted > 0 {
            let error = InputError::new(file, original, self.problems);
            return Err(error.with_omitted(self.unlisted));
        }
        audit.ok_or_else(|| unexplained_refusal(file, original))
    }
}

/// The error for an audit refused without a recorded problem. Every path
/// that gives up records why; should one not, the file is still refused,
/// never passed in silence.
fn unexplained_refusal(file: &str, original: &str) -> InputError {
    debug_assert!(false, "an audit refused without a problem");
    let problem = Diagnostic::new(t!(
        "无法读取此文件（bscore 未能说明原因，请报告此问题）",
        "this file cannot be read (bscore could not say why: please report this)"
    ));
    InputError::new(file, original, vec![problem])
}

/// The document and its tables.
impl Validator<'_> {
    fn parse(&mut self, document: Spanned<DeTable<'_>>) -> Option<Audit> {
        let mut meta = None;
        let mut indicators = None;
        let mut special_deductions = Vec::new();
        let mut bonus = None;
        let mut unknown_tables = Vec::new();
        for (key, value) in document.get_ref() {
            match key.get_ref().as_ref() {
                "audit" => meta = self.meta(value, key.span()),
                "indicators" => indicators = Some(value),
                "special_deductions" => special_deductions = self.special_deductions(value),
                "bonus" => bonus = self.bonus(value, key.span()),
                _ => unknown_tables.push(key),
            }
        }
        for key in self.first_listable(unknown_tables, |key| key.span().start) {
            let name = key.get_ref().as_ref();
            // None is preferred: preferring the tables the file lacks
            // would change no suggestion, as no name is within the
            // spelling limit of two of these four.
            let known = SECTIONS.iter().map(|section| section.name);
            self.problems.push(
                unknown(("表名", "table"), name, known, &[], Expected::OneOf)
                    .at(key.span())
                    .key(quote_key(name)),
            );
        }
        if !document.get_ref().contains_key("audit") {
            self.problems.push(
                Diagnostic::new(t!(
                    "缺少 [audit] 表（经营者、服务名称、评价人员、评价日期、评价类型）",
                    "missing the [audit] table (organization, service, assessors, date, kind)"
                ))
                .at(0..0)
                .help(t!(
                    "在文件开头写上 [audit]，再逐行写 organization、service、assessors、date、kind；`bscore template` 给出完整的模板",
                    "start the file with [audit] and a line each for organization, service, assessors, date and kind; `bscore template` writes a complete skeleton"
                )),
            );
        }
        let unassessed_conform = unassessed_conform(document.get_ref());
        let entries = self.entries(indicators, unassessed_conform)?;
        let meta = meta?;
        self.check_applicable_points(&entries, indicators.map(Spanned::span));
        Some(Audit {
            meta,
            entries,
            special_deductions,
            bonus,
        })
    }
}

/// `[audit]`.
impl Validator<'_> {
    fn meta(&mut self, value: &Spanned<DeValue<'_>>, name: Range<usize>) -> Option<AuditMeta> {
        let fields = self.fields(value, "audit", name, AUDIT.keys)?;
        let mut ok = fields.complete;
        let text = |key: &str, what: (&str, &str), problems: &mut Vec<Diagnostic>| {
            let value = fields.text(key)?;
            written_text(&value, &format!("audit.{key}"), what)
                .map_err(|problem| problems.push(problem))
                .ok()
        };
        let organization = text(
            "organization",
            ("经营者", "the organization"),
            &mut self.problems,
        );
        let service = text("service", ("服务名称", "the service"), &mut self.problems);
        let assessors = fields.get("assessors").map(|list| self.assessors(list));
        let date = fields
            .get("date")
            .and_then(|date| self.date(date, "audit.date"));
        let kind = fields
            .text("kind")
            .and_then(|kind| match kind.get_ref().as_str() {
                "initial" => Some(AuditKind::Initial),
                "surveillance" => Some(AuditKind::Surveillance),
                "recertification" => Some(AuditKind::Recertification),
                _ => None,
            });
        let cycle_start = match fields.get("cycle_start") {
            Some(value) => match self.date(value, "audit.cycle_start") {
                Some(start) => Some(start),
                None => {
                    ok = false;
                    None
                }
            },
            None if kind != Some(AuditKind::Surveillance) => date,
            None => None,
        };
        if let (Some(start), Some(date), Some(value)) =
            (cycle_start, date, fields.get("cycle_start"))
            && start > date
        {
            self.problems.push(
                Diagnostic::new(t!(
                    "认证周期起始日期 {start} 晚于评价日期 {date}",
                    "the cycle starts on {start}, after the audit's date {date}"
                ))
                .at(value.span())
                .key("audit.cycle_start")
                .help({
                    let (label, label_en) = form_label(&AUDIT, "cycle_start");
                    self.told(
                        t!(
                            "cycle_start 是初次评价或上次重新评价的日期",
                            "cycle_start is the date of the initial evaluation or the last re-evaluation"
                        ),
                        t!(
                            "{label}是初次评价或上次重新评价的日期",
                            "{label_en} is the date of the initial evaluation or the last re-evaluation"
                        ),
                    )
                }),
            );
            ok = false;
        }
        let standard = fields.text("standard");
        if let Some(standard) = &standard
            && standard.get_ref().trim() != self.checklist.code
        {
            let (written, code) = (
                crate::input::shortened(standard.get_ref()),
                &self.checklist.code,
            );
            self.problems.push(
                Diagnostic::new(t!(
                    "本评价文件对应的标准是 `{written}`，而评分表对应 `{code}`",
                    "this audit is for `{written}` but the checklist is for `{code}`"
                ))
                .at(standard.span())
                .key("audit.standard")
                .help(t!(
                    "用 --checklist 指定该标准的评分表，或改正标准编号",
                    "use the checklist of the audit's standard with --checklist, or correct the code"
                )),
            );
            ok = false;
        }
        let meta = AuditMeta {
            standard: standard.map(|s| s.into_inner().trim().to_string()),
            organization: organization?,
            service: service?,
            assessors: assessors??,
            date: date?,
            cycle_start,
            kind: kind?,
            unassessed_conform: fields.get("unassessed").is_some(),
        };
        ok.then_some(meta)
    }

    /// The assessors' names: at least one, none empty.
    fn assessors(&mut self, list: &Spanned<DeValue<'_>>) -> Option<Vec<String>> {
        let items = list.get_ref().as_array()?;
        if items.is_empty() {
            self.problems.push(
                Diagnostic::new(t!(
                    "至少要写一位评价人员",
                    "at least one assessor must be named"
                ))
                .at(list.span())
                .key("audit.assessors"),
            );
            return None;
        }
        let names: Vec<Option<String>> = items
            .iter()
            .map(|item| {
                let name = Spanned::new(item.span(), item.get_ref().as_str()?.to_string());
                written_text(
                    &name,
                    "audit.assessors",
                    ("评价人员姓名", "an assessor's name"),
                )
                .map_err(|problem| self.problems.push(problem))
                .ok()
            })
            .collect();
        names.into_iter().collect()
    }

    fn date(&mut self, value: &Spanned<DeValue<'_>>, key: &str) -> Option<jiff::civil::Date> {
        let DeValue::Datetime(datetime) = value.get_ref() else {
            return None;
        };
        let problem = match (datetime.date, datetime.time, datetime.offset) {
            (Some(date), None, None) => match calendar_date(date) {
                Some(date) => return Some(date),
                None => t!("日历上没有 {date} 这一天", "{date} is not a calendar date"),
            },
            _ => t!(
                "应为日期（如 2026-03-15），不带时间，实际为 `{datetime}`",
                "expected a date such as 2026-03-15 without a time, found `{datetime}`"
            ),
        };
        self.problems
            .push(Diagnostic::new(problem).at(value.span()).key(key));
        None
    }
}

/// The calendar day a TOML date names, or `None` if there is no such day.
///
/// The toml parser already refuses 2026-02-30 and 2026-02-29 (its grammar
/// pass reports them at their line, see `syntax.rs`), so through an audit
/// file this only ever succeeds; it is kept, and tested on its own, so that
/// bscore never relies on another crate's calendar to stay sound.
fn calendar_date(date: toml::value::Date) -> Option<jiff::civil::Date> {
    let year = i16::try_from(date.year).ok()?;
    let month = i8::try_from(date.month).ok()?;
    let day = i8::try_from(date.day).ok()?;
    jiff::civil::Date::new(year, month, day).ok()
}

/// `[[special_deductions]]` and `[bonus]`.
impl Validator<'_> {
    fn special_deductions(&mut self, value: &Spanned<DeValue<'_>>) -> Vec<SpecialDeduction> {
        let Some(items) = value.get_ref().as_array() else {
            self.problems.push(
                Diagnostic::new(t!(
                    "特别扣分每项单独写一个 [[special_deductions]] 表（两层方括号）",
                    "expected an array of tables: write each as [[special_deductions]]"
                ))
                .at(value.span())
                .key("special_deductions"),
            );
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| {
                let fields = self.fields(
                    item,
                    "special_deductions",
                    item.span(),
                    SPECIAL_DEDUCTION.keys,
                )?;
                let kind = fields.text("kind");
                let finding = fields.text("finding");
                let id = (kind.as_ref())
                    .and_then(|kind| self.deduction_kind(kind.get_ref()))
                    .map(str::to_string);
                if let (Some(kind), None) = (&kind, &id) {
                    let problem = self.unknown_deduction_kind(kind.get_ref().trim());
                    self.problems
                        .push(problem.at(kind.span()).key("special_deductions.kind"));
                }
                let known = id.is_some();
                let finding = written_text(
                    &finding?,
                    "special_deductions.finding",
                    ("发现的问题", "the finding"),
                )
                .map_err(|problem| self.problems.push(problem))
                .ok()?;
                (known && fields.complete).then(|| SpecialDeduction {
                    kind: id.unwrap_or_default(),
                    finding,
                })
            })
            .collect()
    }

    /// The id of the special deduction kind `written` names: its id; on a
    /// form, also its short name in either language (法律法规, law).
    fn deduction_kind(&self, written: &str) -> Option<&str> {
        let written = written.trim();
        let kinds = &self.checklist.special_deduction_kinds;
        match self.dialect {
            Dialect::Toml => kinds.iter().find(|kind| kind.id == written),
            Dialect::Form => kinds.iter().find(|kind| kind.is_named(written)),
        }
        .map(|kind| kind.id.as_str())
    }

    /// An unknown special deduction kind: the checklist's ids for a TOML
    /// audit; on a form, the names its 类型 list offers, in the message's
    /// language, with the bonus's.
    fn unknown_deduction_kind(&self, written: &str) -> Diagnostic {
        let kinds = &self.checklist.special_deduction_kinds;
        if self.dialect == Dialect::Toml {
            return unknown_deduction_kind_id(kinds, written);
        }
        let names = |lang: Lang| {
            let mut names: Vec<&str> = kinds.iter().map(|kind| kind.short_name(lang)).collect();
            names.push(match lang {
                Lang::Zh => BONUS_ON_FORM.0,
                Lang::En => BONUS_ON_FORM.1,
            });
            names
        };
        let (zh, en) = (names(Lang::Zh).join("、"), names(Lang::En).join(", "));
        let shown = crate::input::shortened(written);
        let (label, label_en) = form_label(&SPECIAL_DEDUCTION, "kind");
        let (bonus, bonus_en) = BONUS_ON_FORM;
        Diagnostic::new(t!(
            "{label}“{shown}”不在列表中：应为 {zh} 之一",
            "{label_en} \"{shown}\" is not on the list: expected one of {en}"
        ))
        .help(t!(
            "从{label}列的下拉列表中选择；“{bonus}”是最佳实践加分",
            "choose from the {label_en} column's list; \"{bonus_en}\" is the best-practice bonus"
        ))
    }

    fn bonus(&mut self, value: &Spanned<DeValue<'_>>, name: Range<usize>) -> Option<Bonus> {
        if value.get_ref().is_array() {
            self.problems.push(
                Diagnostic::new(t!(
                    "最佳实践加分至多一项（§8.3 c 4）：只写一个 [bonus] 表",
                    "at most one best-practice bonus counts (§8.3 c 4): write a single [bonus] table"
                ))
                .at(value.span())
                .key("bonus"),
            );
            return None;
        }
        let fields = self.fields(value, "bonus", name, BONUS.keys)?;
        let practice = fields.text("practice")?;
        let practice = written_text(&practice, "bonus.practice", ("最佳实践", "the practice"))
            .map_err(|problem| self.problems.push(problem))
            .ok()?;
        fields.complete.then_some(Bonus { practice })
    }
}

/// An unknown special deduction kind in a TOML audit: the ids to write,
/// each with its name in a Chinese message (`law`（法律法规）), and the id
/// meant when the kind is written by its name or misspelt.
fn unknown_deduction_kind_id(
    kinds: &[crate::checklist::SpecialDeductionKind],
    written: &str,
) -> Diagnostic {
    let shown = crate::input::shortened(written);
    let zh: Vec<String> = (kinds.iter())
        .map(|kind| format!("`{}`（{}）", kind.id, kind.short_name(Lang::Zh)))
        .collect();
    let en: Vec<String> = kinds.iter().map(|kind| format!("`{}`", kind.id)).collect();
    let (zh, en) = (zh.join("、"), en.join(", "));
    let diagnostic = Diagnostic::new(t!(
        "未知的特别扣分类型 `{shown}`，应为以下之一：{zh}",
        "unknown special deduction kind `{shown}`: expected one of {en}"
    ));
    let ids = kinds.iter().map(|kind| kind.id.as_str());
    let meant = (kinds.iter())
        .find(|kind| kind.is_named(written))
        .map(|kind| kind.id.as_str())
        .or_else(|| crate::diagnostic::did_you_mean(written, ids));
    match meant {
        Some(id) => diagnostic.help(t!("是否应为 `{id}`？", "did you mean `{id}`?")),
        None => diagnostic,
    }
}

/// Whether `[audit] unassessed = "conform"`, read from the document itself
/// so that it holds even when another key of `[audit]` is wrong (otherwise
/// one typo there would also report every unlisted indicator as missing).
fn unassessed_conform(document: &DeTable<'_>) -> bool {
    document
        .get("audit")
        .and_then(|audit| audit.get_ref().as_table())
        .and_then(|audit| audit.get("unassessed"))
        .and_then(|value| value.get_ref().as_str())
        == Some("conform")
}

#[cfg(test)]
mod tests {
    use super::calendar_date;
    use toml::value::Date;

    fn day(year: u16, month: u8, day: u8) -> Option<String> {
        calendar_date(Date { year, month, day }).map(|date| date.to_string())
    }

    #[test]
    fn only_days_in_the_calendar_are_dates() {
        assert_eq!(day(2026, 3, 15).as_deref(), Some("2026-03-15"));
        assert_eq!(day(2024, 2, 29).as_deref(), Some("2024-02-29"));
        assert_eq!(day(2000, 2, 29).as_deref(), Some("2000-02-29"));
        assert_eq!(day(2026, 2, 29), None);
        assert_eq!(day(1900, 2, 29), None);
        assert_eq!(day(2026, 4, 31), None);
        assert_eq!(day(2026, 13, 1), None);
        assert_eq!(day(2026, 1, 0), None);
        // Beyond what jiff (or any audit) can name: refused, not wrapped.
        assert_eq!(day(40_000, 1, 1), None);
        assert_eq!(day(2026, 1, 200), None);
    }
}
