//! The words of a report in one language: the fixed labels
//! (`labels.rs`), the checklist's names, and the sentences built from
//! them (rules, outlook lines, deductions, counts).

use super::labels::{Labels, Lang};
use crate::audit::AuditKind;
use crate::checklist::{Category, Checklist, Erratum, Grade, Group, Indicator};
use crate::engine::Evaluation;
use crate::message::t;
use crate::number::{SCORE_PLACES, ceil_fixed, fixed, trimmed};

/// Labels and checklist names in one language.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    /// The language.
    pub lang: Lang,
    /// Fixed labels.
    pub labels: &'static Labels,
    checklist: &'a Checklist,
    /// Whether free text is fitted on one bounded line ([`Words::free`]).
    one_line: bool,
}

/// Names: of the standard, categories, groups, indicators, grades.
impl<'a> Words<'a> {
    /// Words of `checklist` in `lang`.
    pub fn new(lang: Lang, checklist: &'a Checklist) -> Self {
        let labels = Labels::of(lang);
        Words {
            lang,
            labels,
            checklist,
            one_line: false,
        }
    }

    /// The checklist whose names these are.
    pub fn checklist(&self) -> &'a Checklist {
        self.checklist
    }

    /// The same words for a terminal table, where free text is shown on
    /// one bounded line ([`crate::text::terminal_line`]).
    pub fn on_one_line(self) -> Self {
        Words {
            one_line: true,
            ..self
        }
    }

    /// Text the assessor wrote (a record, a note, a finding, the
    /// organization), as this output shows it: whole, or on one bounded
    /// line for a terminal table.
    pub fn free<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        match self.one_line {
            true => crate::text::terminal_line(text, self.lang),
            false => std::borrow::Cow::Borrowed(text),
        }
    }

    fn pick<'s>(&self, zh: &'s str, en: &'s str) -> &'s str {
        match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The standard's code and title, e.g. `T/STIC130010-2022 《区块链服务认证规范》`.
    pub fn standard(&self) -> String {
        let (open, close) = self.labels.title_quotes;
        let title = self.pick(&self.checklist.title, &self.checklist.title_en);
        format!("{} {open}{title}{close}", self.checklist.code)
    }

    /// A category's name.
    pub fn category(&self, category: &'a Category) -> &'a str {
        self.pick(&category.name, &category.name_en)
    }

    /// A group's name.
    pub fn group(&self, group: &'a Group) -> &'a str {
        self.pick(&group.name, &group.name_en)
    }

    /// An indicator's check text.
    pub fn indicator(&self, indicator: &'a Indicator) -> &'a str {
        self.pick(&indicator.text, &indicator.text_en)
    }

    /// A grade's name.
    pub fn grade(&self, grade: Grade) -> &'a str {
        let band = self.checklist.band(grade);
        self.pick(&band.name, &band.name_en)
    }

    /// The grade of `evaluation` as a report says it: its name, followed
    /// by why it failed when special deductions stand.
    pub fn graded(&self, evaluation: &Evaluation) -> String {
        let mut grade = self.grade(evaluation.grade).to_string();
        if evaluation.failed_by_special_deduction() {
            grade.push_str(self.labels.failed_by_deduction);
        }
        grade
    }

    /// A special deduction kind's wording, or its id if unknown.
    pub fn deduction_kind<'k>(&self, id: &'k str) -> &'k str
    where
        'a: 'k,
    {
        self.checklist
            .special_deduction_kind(id)
            .map_or(id, |kind| self.pick(&kind.text, &kind.text_en))
    }

    /// The category an indicator belongs to.
    pub fn category_of(&self, indicator: &Indicator) -> &'a Category {
        &self.checklist.categories[indicator.category]
    }

    /// An erratum's clause and text.
    pub fn erratum(&self, erratum: &'a Erratum) -> (&'a str, &'a str) {
        (
            self.pick(&erratum.clause, &erratum.clause_en),
            self.pick(&erratum.text, &erratum.text_en),
        )
    }
}

/// Sentences: the rules, the outlook lines, deductions.
impl Words<'_> {
    /// The scoring rules of §8.3 as applied, with the checklist's figures.
    pub fn rules(&self) -> Vec<String> {
        let checklist = self.checklist;
        let deduction = trimmed(&checklist.special_deduction_points, SCORE_PLACES);
        let bonus = trimmed(&checklist.bonus_points, SCORE_PLACES);
        let full = trimmed(&checklist.full_score, SCORE_PLACES);
        let pass = checklist
            .band(Grade::Compliant)
            .min_score
            .as_ref()
            .map(|min| trimmed(min, SCORE_PLACES))
            .unwrap_or_default();
        match self.lang {
            Lang::Zh => vec![
                "每项实际得分 = （1 − 扣分系数）× 小类分值；抽样检查时扣分系数 = 不符合数 ÷ 抽样数（8.3 c) 1) 2)）。".to_string(),
                "删减排除的指标既不计入实际得分，也不计入涉及项总分值；删减理由不成立的指标照常计分（8.2 a)，8.3 c) 5) 6)）。".to_string(),
                format!("评分 = 实际得分 ÷ 涉及项总分值 × {full}；每个特别扣分项另扣 {deduction} 分，特别加分项至多一个、加 {bonus} 分，总评分限定在 0 至 {full} 分（8.3 a)，c) 3) 4) 5)）。"),
                format!("存在任何特别扣分项，或总评分低于 {pass} 分，评价不合格（8.3 d) 2)）。"),
                "分数按两位小数截断显示，不四舍五入；评级依据精确值。".to_string(),
            ],
            Lang::En => vec![
                "Each indicator earns (1 - deduction coefficient) x its points; for sampled checks the coefficient is nonconforming / sampled (8.3 c) 1) 2)).".to_string(),
                "An excluded indicator counts towards neither the earned nor the applicable points; an indicator whose exclusion was rejected is scored as usual (8.2 a), 8.3 c) 5) 6)).".to_string(),
                format!("Score = earned / applicable points x {full}; each special deduction subtracts {deduction} point(s), at most one best-practice bonus adds {bonus}, and the score is kept within 0 to {full} (8.3 a), c) 3) 4) 5))."),
                format!("Any special deduction, or a score below {pass}, fails the evaluation (8.3 d) 2))."),
                "Scores are shown cut, not rounded, to two decimals; grades follow the exact values.".to_string(),
            ],
        }
    }

    /// The next-band line: "四星级（金牌）≥ 90，还差 2.36".
    pub fn next_band(
        &self,
        analysis: &crate::analysis::Analysis,
        failed_by_deduction: bool,
    ) -> String {
        let labels = self.labels;
        match &analysis.next_band {
            _ if failed_by_deduction => labels.rectify_first.to_string(),
            None => labels.top_band.to_string(),
            Some(next) => format!(
                "{}{}{}{}{}{} {}",
                self.grade(next.grade),
                labels.at_least.0,
                trimmed(&next.min_score, SCORE_PLACES),
                labels.at_least.1,
                labels.colon,
                labels.missing,
                ceil_fixed(&next.missing, SCORE_PLACES)
            ),
        }
    }

    /// Why a category's rows, each cut as shown, add up to less than its
    /// subtotal.
    pub fn cut_sum_note(&self, category: &str, rows: &str, subtotal: &str) -> String {
        let text = crate::message::t!(
            "{category}：各行实际得分分别截断为两位小数，相加为 {rows}；小计 {subtotal} 由精确合计截断而来。两者之差来自逐行截断，以精确值为准。",
            "{category}: the rows' earned points, each cut to two decimals, add up to {rows}; the subtotal {subtotal} is cut from the exact sum. The difference comes from cutting each row; the exact figures decide."
        );
        text.get(self.lang).to_string()
    }

    /// A scenario: "87.15 三星级（银牌）".
    pub fn scenario(&self, scenario: &crate::gap::Scenario) -> String {
        format!(
            "{} {}",
            fixed(&scenario.score, SCORE_PLACES),
            self.grade(scenario.grade)
        )
    }

    /// The schedule as (label, value) lines; what to fill in when the
    /// cycle's start is unknown is said in the form's words for an audit
    /// read `from_form`. The next surveillance is named only when it comes
    /// before the re-evaluation (else the re-evaluation is the next
    /// evaluation, and no date beyond it is shown); an audit held after
    /// its re-evaluation was due says so (逾期).
    pub fn schedule(
        &self,
        schedule: &crate::schedule::Schedule,
        overdue: Option<&crate::cycle::Overdue>,
        from_form: bool,
    ) -> Vec<(&'static str, String)> {
        let labels = self.labels;
        let unknown = match from_form {
            true => labels.unknown_cycle_form,
            false => labels.unknown_cycle,
        };
        let date = |date: Option<jiff::civil::Date>| {
            date.map_or_else(|| unknown.to_string(), |d| d.to_string())
        };
        let re_evaluation_next =
            (schedule.next()).is_some_and(|next| next.kind == AuditKind::Recertification);
        let mut lines = vec![(labels.cycle_start, date(schedule.cycle_start))];
        if !re_evaluation_next {
            lines.push((labels.next_surveillance, date(schedule.next_surveillance)));
        }
        lines.push((labels.recertification, date(schedule.recertification)));
        if let Some(overdue) = overdue {
            lines.push((labels.overdue, self.overdue(overdue)));
        }
        lines
    }

    /// Why an audit is late: its cycle's re-evaluation was due before it
    /// (the cycle's start is on the line above).
    pub fn overdue(&self, overdue: &crate::cycle::Overdue) -> String {
        let due = overdue.due;
        t!(
            "重新评价应在 {due} 前进行，本次监督评价已逾期",
            "the re-evaluation was due by {due}: this surveillance is late"
        )
        .get(self.lang)
        .to_owned()
    }

    /// A special deduction as "kind wording：finding".
    pub fn deduction(&self, deduction: &crate::audit::SpecialDeduction) -> String {
        format!(
            "{}{}{}",
            self.deduction_kind(&deduction.kind),
            self.labels.colon,
            self.free(&deduction.finding)
        )
    }

    /// Why an audit does not pass `--min-grade`: one line.
    pub fn below_minimum(
        &self,
        file: &str,
        required: Grade,
        reached: Grade,
        score: &str,
    ) -> String {
        match self.lang {
            Lang::Zh => format!(
                "未达到 --min-grade：{file} 要求{}，实际评级{}（总评分 {score}）",
                self.grade(required),
                self.grade(reached)
            ),
            Lang::En => format!(
                "below --min-grade: {file} requires {}, reached {} (score {score})",
                self.grade(required),
                self.grade(reached)
            ),
        }
    }

    /// The count line under a batch summary: how many audits, and how
    /// many of them were not evaluated, so that none is missed.
    pub fn batch_count(&self, evaluated: usize, refused: usize) -> String {
        let total = evaluated + refused;
        match (self.lang, refused) {
            (Lang::Zh, 0) => format!("共 {total} 份评价文件，均已评价"),
            (Lang::Zh, _) => format!(
                "共 {total} 份评价文件：已评价 {evaluated} 份，未评价 {refused} 份（输入有误）"
            ),
            (Lang::En, 0) => format!("{total} audits, all evaluated"),
            (Lang::En, _) => format!(
                "{total} audits: {evaluated} evaluated, {refused} not evaluated (input error)"
            ),
        }
    }

    /// The heading of the report form's 实际得分 column, which says its
    /// formula: "×" and full-width brackets in Chinese.
    pub fn earned_heading(&self) -> String {
        let labels = self.labels;
        let (earned, coefficient, points) = (labels.earned, labels.coefficient, labels.points);
        match self.lang {
            Lang::Zh => format!("{earned} = （1 − {coefficient}）× {points}"),
            Lang::En => format!("{earned} = (1-{coefficient}) x {points}"),
        }
    }

    /// An audit kind's name.
    pub fn audit_kind(&self, kind: AuditKind) -> &'static str {
        self.labels.kind(kind)
    }
}

/// Sentences of the printed 细则.
impl Words<'_> {
    /// How the 细则 covers the checklist's indicators: how many it names,
    /// how many follow its defaults, how many it leaves to Appendix A.
    pub fn rules_coverage(&self, named: usize, defaulted: usize, unspecified: usize) -> String {
        let total = named + defaulted + unspecified;
        match self.lang {
            Lang::Zh => format!(
                "共 {total} 项检查内容：细则逐项规定 {named} 项，按默认细则 {defaulted} 项，未规定 {unspecified} 项"
            ),
            Lang::En => format!(
                "{total} indicators: {named} with their own rule, {defaulted} by the default rule, {unspecified} not specified"
            ),
        }
    }
}

/// Sentences of a sample whose items are on record (§8.3 c 2): what every
/// format shows beside the `k/n` of the coefficient.
impl Words<'_> {
    /// The sample's size against the population it was drawn from:
    /// "抽样 6 / 总体 48".
    pub fn sample_size(&self, sampled: u64, population: u64) -> String {
        match self.lang {
            Lang::Zh => format!("抽样 {sampled} / 总体 {population}"),
            Lang::En => format!("Sampled {sampled} of a population of {population}"),
        }
    }

    /// A site's part of a sample as `name k/n`: "上海数据中心 3/5".
    pub fn site_part(&self, name: &str, sampled: u64, nonconforming: u64) -> String {
        format!("{name} {nonconforming}/{sampled}")
    }

    /// An item that did not conform, with its site and record in
    /// brackets: "CR-2026-007（上海数据中心；变更未经批准即上线）".
    pub fn nonconforming_item(
        &self,
        item: &str,
        site: Option<&str>,
        record: Option<&str>,
    ) -> String {
        let (open, close) = self.labels.brackets;
        let said: Vec<&str> = site.into_iter().chain(record).collect();
        match said.is_empty() {
            true => item.to_string(),
            false => format!(
                "{item}{open}{}{close}",
                said.join(self.labels.clause_separator)
            ),
        }
    }

    /// The nonconforming items a report does not name, counted.
    pub fn more_items(&self, count: usize) -> String {
        match self.lang {
            Lang::Zh => format!("另有 {count} 项（JSON 结果列出全部样本）"),
            Lang::En => format!("and {count} more (the JSON result lists every item)"),
        }
    }

    /// How a sample was drawn, so that anyone can draw it again; the
    /// list's digest is shortened to its first eight digits, enough to
    /// tell lists apart at a glance (the JSON result has it whole).
    pub fn drawn(&self, drawn: &crate::audit::Drawn) -> String {
        let short: String = drawn.sha256.chars().take(8).collect();
        let (seed, from) = (&drawn.seed, &drawn.from);
        match self.lang {
            Lang::Zh => format!("按种子“{seed}”从 {from} 可复现抽取（SHA-256 {short}…）"),
            Lang::En => {
                format!("Drawn reproducibly with seed \"{seed}\" from {from} (SHA-256 {short}…)")
            }
        }
    }

    /// A sampled item's verdict in one audit of a comparison, or that the
    /// audit did not sample it.
    pub fn verdict(&self, conforms: Option<bool>) -> &'static str {
        match conforms {
            Some(true) => self.labels.conforms,
            Some(false) => self.labels.does_not_conform,
            None => self.labels.not_sampled,
        }
    }
}

/// Sentences of a team evaluation (§8.2 b 1–2): who assessed what, how a
/// disagreement was settled, which files a merge joined.
impl Words<'_> {
    /// The names of `by` on one line, "王五、赵六"; `None` when the audit
    /// does not say who.
    pub fn assessors_of(&self, by: &[String]) -> Option<String> {
        (!by.is_empty()).then(|| {
            let names = by.join(self.labels.list_separator);
            self.free(&names).into_owned()
        })
    }

    /// A settlement in words: "采纳赵六的评价——理由" or "商定扣分系数
    /// 0.5——理由"; the coefficient as the coefficient column shows one.
    pub fn resolution(&self, resolved: &crate::audit::Resolved) -> String {
        use crate::audit::Taken;
        let why = self.free(&resolved.why);
        match (&resolved.taken, self.lang) {
            (Taken::Member(name), Lang::Zh) => format!("采纳{}的评价——{why}", self.free(name)),
            (Taken::Member(name), Lang::En) => {
                format!("{}'s assessment taken — {why}", self.free(name))
            }
            (Taken::Value(value, _), Lang::Zh) => {
                let value = trimmed(value, crate::number::COEFFICIENT_PLACES);
                format!("商定扣分系数 {value}——{why}")
            }
            (Taken::Value(value, _), Lang::En) => {
                let value = trimmed(value, crate::number::COEFFICIENT_PLACES);
                format!("coefficient {value} agreed — {why}")
            }
        }
    }

    /// Who assessed it, labelled: "评价人：王五、赵六"; `None` when the
    /// audit does not say.
    pub fn assessed_by(&self, by: &[String]) -> Option<String> {
        let labels = self.labels;
        (self.assessors_of(by))
            .map(|names| format!("{}{}{names}", labels.assessed_by, labels.colon))
    }

    /// How a disagreement was settled, labelled: "分歧已解决：采纳赵六的
    /// 评价——…"; `None` when there was none.
    pub fn resolved(&self, resolved: Option<&crate::audit::Resolved>) -> Option<String> {
        let labels = self.labels;
        resolved.map(|resolved| {
            format!(
                "{}{}{}",
                labels.resolved,
                labels.colon,
                self.resolution(resolved)
            )
        })
    }

    /// Who assessed it and how a disagreement on it was settled, each a
    /// labelled line ([`Words::assessed_by`], [`Words::resolved`]); none
    /// when the audit says neither.
    pub fn team_lines(
        &self,
        by: &[String],
        resolved: Option<&crate::audit::Resolved>,
    ) -> Vec<String> {
        (self.assessed_by(by).into_iter())
            .chain(self.resolved(resolved))
            .collect()
    }

    /// A member's share of the indicators: "王五 4 项".
    pub fn share(&self, member: &str, indicators: usize) -> String {
        let member = self.free(member);
        match self.lang {
            Lang::Zh => format!("{member} {indicators} 项"),
            Lang::En => format!("{member} {indicators}"),
        }
    }

    /// A file a merge joined, as its provenance line: "分工 赵六" and
    /// "zhao.toml SHA-256 …", or the resolutions file's.
    pub fn merged_file(&self, merged: &crate::audit::MergedFile) -> (String, String) {
        let labels = self.labels;
        let label = match &merged.part {
            Some(member) => format!("{} {}", labels.merged_part, self.free(member)),
            None => labels.resolutions_file.to_string(),
        };
        let value = format!("{} SHA-256 {}", self.free(&merged.file), merged.sha256);
        (label, value)
    }
}
