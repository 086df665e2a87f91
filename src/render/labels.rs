//! The fixed words of the reports in Chinese and English, as two tables
//! of data ([`Labels`]). The checklist carries the names of its own items
//! in both languages; everything else a report says is here, so no format
//! hard-codes a label. `words.rs` puts them together with the checklist's
//! names and builds the sentences.

use crate::audit::AuditKind;

pub use crate::message::Lang;

/// Fixed words of a report.
#[derive(Debug)]
pub struct Labels {
    /// Report title.
    pub title: &'static str,
    /// 标准.
    pub standard: &'static str,
    /// 经营者.
    pub organization: &'static str,
    /// 服务.
    pub service: &'static str,
    /// 评价人员.
    pub assessors: &'static str,
    /// 评价日期.
    pub date: &'static str,
    /// 评价类型.
    pub kind: &'static str,
    /// 指标大类.
    pub category: &'static str,
    /// 指标 (Table 1 group).
    pub group: &'static str,
    /// 编号.
    pub id: &'static str,
    /// 检查内容.
    pub check_text: &'static str,
    /// 小类分值 (an indicator's points).
    pub points: &'static str,
    /// 分值 (a category's points).
    pub category_points: &'static str,
    /// Separator between a label and its text.
    pub colon: &'static str,
    /// 涉及项分值.
    pub applicable: &'static str,
    /// 实际得分.
    pub earned: &'static str,
    /// 得分率.
    pub rate: &'static str,
    /// 合计.
    pub total: &'static str,
    /// 扣分系数.
    pub coefficient: &'static str,
    /// 抽样 (sample size).
    pub sampled: &'static str,
    /// 不符合 (nonconforming samples).
    pub nonconforming: &'static str,
    /// Suffix marking a coefficient that comes from a sample.
    pub sample_mark: &'static str,
    /// Shown instead of a coefficient for an excluded indicator.
    pub excluded: &'static str,
    /// Section of lost points and exclusions.
    pub losses_title: &'static str,
    /// The same section when it lists disagreements a team settled too.
    pub losses_and_resolved_title: &'static str,
    /// Section listing every indicator.
    pub detail_title: &'static str,
    /// Column of reasons, records and notes.
    pub reasons: &'static str,
    /// 删减理由.
    pub exclusion_reason: &'static str,
    /// 删减理由不成立.
    pub exclusion_rejected: &'static str,
    /// 现场评审记录.
    pub record: &'static str,
    /// 说明.
    pub note: &'static str,
    /// The 评分细则 an audit was checked against, in a report's header.
    pub rules: &'static str,
    /// The sites in the audit's scope, in the header.
    pub sites: &'static str,
    /// A sample's part at no site named.
    pub no_site: &'static str,
    /// No 评分细则, in a comparison.
    pub no_rules: &'static str,
    /// Two audits checked against different 评分细则.
    pub rules_differ: &'static str,
    /// The 评分细则's condition of the level chosen.
    pub rule_condition: &'static str,
    /// The 评分细则's condition of coefficient 0: what a fix achieves.
    pub rule_target: &'static str,
    /// 评分 = 实际得分 ÷ 涉及项总分值 × 100.
    pub normalized: &'static str,
    /// 特别扣分项.
    pub special_deduction: &'static str,
    /// 特别加分项.
    pub bonus: &'static str,
    /// 总评分.
    pub score: &'static str,
    /// 评级.
    pub grade: &'static str,
    /// Added to the grade when special deductions fail it.
    pub failed_by_deduction: &'static str,
    /// Heading of the special deductions and bonus section.
    pub adjustments_title: &'static str,
    /// Said when there are no special deductions.
    pub none: &'static str,
    /// Heading of the readings of the standard.
    pub readings_title: &'static str,
    /// Yes, for boolean columns.
    pub yes: &'static str,
    /// No, for boolean columns.
    pub no: &'static str,
    /// Separator between list items (assessors).
    pub list_separator: &'static str,
    /// Between the clauses of one line: "；" / "; ".
    pub clause_separator: &'static str,
    /// Around a band's lowest score: " ≥ 90" / " (>= 90)".
    pub at_least: (&'static str, &'static str),
    /// Brackets around a figure after text: full-width in Chinese.
    pub brackets: (&'static str, &'static str),
    /// Opening and closing quote marks around the standard's title.
    pub title_quotes: (&'static str, &'static str),
    /// Names of the audit kinds: initial, surveillance, recertification
    /// (重新评价, the standard's word, §8.1 b).
    pub kinds: [&'static str; 3],
    /// The bonus as the form's 类型 column names it, beside the special
    /// deduction kinds' names from the checklist.
    pub bonus_kind: &'static str,
    /// Heading of the chart.
    pub chart_title: &'static str,
    /// 现场评审记录 / 说明 columns' header in the Appendix form.
    pub appendix_title: &'static str,
    /// Label of the exact value columns.
    pub exact: &'static str,
    /// The spreadsheet's line that says bscore's exact evaluation decides.
    pub authoritative: &'static str,
    /// Label of the file column.
    pub file: &'static str,
    /// A batch summary's grade cell for an audit not evaluated.
    pub refused: &'static str,
    /// Follows the number of indicators: " 项检查内容" / " indicators".
    pub indicators_counted: &'static str,
    /// The next band line's label.
    pub next_band: &'static str,
    /// Points missing to the next band.
    pub missing: &'static str,
    /// Said at the top band.
    pub top_band: &'static str,
    /// Said instead of a next band while special deductions fail the evaluation.
    pub rectify_first: &'static str,
    /// Heading of the exclusion sensitivity.
    pub sensitivity_title: &'static str,
    /// Every exclusion rejected and nonconforming.
    pub if_nonconforming: &'static str,
    /// Every exclusion rejected and conforming.
    pub if_conforming: &'static str,
    /// Start of the certification cycle.
    pub cycle_start: &'static str,
    /// Latest date of the next surveillance.
    pub next_surveillance: &'static str,
    /// Latest date of re-evaluation.
    pub recertification: &'static str,
    /// Said when the cycle start is unknown.
    pub unknown_cycle: &'static str,
    /// The same for an audit read from a form, in the form's words.
    pub unknown_cycle_form: &'static str,
    /// An evaluation held after its re-evaluation was due (逾期).
    pub overdue: &'static str,
    /// `gap`: title.
    pub gap_title: &'static str,
    /// `gap`: heading of the special deductions to rectify first.
    pub rectify_title: &'static str,
    /// `gap`: what was found, for a special deduction.
    pub finding: &'static str,
    /// `gap`: the score and grade with the special deductions rectified.
    pub rectified: &'static str,
    /// `gap`: the current result.
    pub current: &'static str,
    /// `gap`: the band aimed at.
    pub target: &'static str,
    /// `gap`: heading of the indicators to remediate.
    pub fixes_title: &'static str,
    /// `gap`: points an indicator's remediation recovers.
    pub recoverable: &'static str,
    /// `gap`: score after the fixes.
    pub score_after: &'static str,
    /// `gap`: the target is already reached.
    pub already_reached: &'static str,
    /// Said of a plan whose tie-break search stopped at its budget.
    pub not_proven_smallest: &'static str,
    /// `gap`: the target cannot be reached; the best score follows.
    pub unreachable: &'static str,
    /// `compare`: title.
    pub compare_title: &'static str,
    /// `compare`: the earlier audit.
    pub old: &'static str,
    /// `compare`: the later audit.
    pub new: &'static str,
    /// `compare`: difference.
    pub delta: &'static str,
    /// `compare`: heading of the changed indicators.
    pub changed_title: &'static str,
    /// `compare`: special deductions added.
    pub deductions_added: &'static str,
    /// `compare`: special deductions removed.
    pub deductions_removed: &'static str,
    /// `compare`: nothing changed.
    pub no_changes: &'static str,
    /// A sample's part at each site, by the site's name.
    pub by_site: &'static str,
    /// The sampled items that did not conform, with their records.
    pub nonconforming_items: &'static str,
    /// The column of a sample's nonconforming items, beside the column of
    /// their count.
    pub nonconforming_list: &'static str,
    /// How many items the sample was drawn from.
    pub population: &'static str,
    /// How the sample was drawn, for the CSV column.
    pub drawn: &'static str,
    /// A sampled item, in a comparison.
    pub sample_item: &'static str,
    /// `compare`: heading of the sampled items whose verdict changed.
    pub items_changed_title: &'static str,
    /// An item's verdict: it conforms.
    pub conforms: &'static str,
    /// An item's verdict: it does not conform.
    pub does_not_conform: &'static str,
    /// An item not in one audit's sample.
    pub not_sampled: &'static str,
    /// Heading of the provenance lines.
    pub provenance: &'static str,
    /// SHA-256 of the checklist.
    pub checklist_digest: &'static str,
    /// SHA-256 of the audit file.
    pub audit_digest: &'static str,
    /// Who assessed how many indicators, in a report's header.
    pub division: &'static str,
    /// Who assessed an indicator, found a special deduction or observed
    /// the bonus (`by`).
    pub assessed_by: &'static str,
    /// How the team settled a disagreement (`resolved`), before the words
    /// of the settlement.
    pub resolved: &'static str,
    /// The CSV column of the settlement.
    pub resolution: &'static str,
    /// A merged part's provenance line, before the member's name.
    pub merged_part: &'static str,
    /// The provenance line of a merge's resolutions file.
    pub resolutions_file: &'static str,
}

const ZH: Labels = Labels {
    title: "区块链服务评分结果",
    standard: "标准",
    organization: "经营者",
    service: "服务",
    assessors: "评价人员",
    date: "评价日期",
    kind: "评价类型",
    category: "指标大类",
    group: "指标",
    id: "编号",
    check_text: "检查内容",
    points: "小类分值",
    category_points: "分值",
    colon: "：",
    applicable: "涉及项分值",
    earned: "实际得分",
    rate: "得分率",
    total: "合计",
    coefficient: "扣分系数",
    sampled: "抽样数",
    nonconforming: "不符合数",
    sample_mark: "（抽样）",
    excluded: "删减",
    losses_title: "失分与删减明细",
    losses_and_resolved_title: "失分、删减与分歧解决明细",
    detail_title: "全部检查项",
    reasons: "理由与记录",
    exclusion_reason: "删减理由",
    exclusion_rejected: "删减理由不成立",
    record: "现场评审记录",
    note: "说明",
    rules: "评分细则",
    sites: "现场",
    no_site: "未指明现场",
    no_rules: "无（仅按附录 A）",
    rules_differ: "细则不同：扣分系数的变化可能来自细则，而非服务",
    rule_condition: "细则条件",
    rule_target: "整改目标（细则）",
    normalized: "评分 = 实际得分 ÷ 涉及项总分值 × 100",
    special_deduction: "特别扣分项",
    bonus: "特别加分项",
    score: "总评分",
    grade: "评级",
    failed_by_deduction: "（存在特别扣分项，8.3 d) 2)）",
    adjustments_title: "特别扣分项与特别加分项",
    none: "无",
    readings_title: "标准解读说明",
    yes: "是",
    no: "否",
    list_separator: "、",
    clause_separator: "；",
    at_least: (" ≥\u{a0}", ""),
    brackets: ("（", "）"),
    title_quotes: ("《", "》"),
    kinds: ["初次评价", "监督评价", "重新评价"],
    bonus_kind: "加分",
    chart_title: "各指标大类得分",
    appendix_title: "附录 A 区块链服务评分检查表",
    exact: "精确值",
    authoritative: "bscore 精确评价（以此为准；表中数字按两位小数截断显示，不四舍五入）",
    file: "文件",
    refused: "未评价：输入有误（见错误信息）",
    indicators_counted: " 项检查内容",
    next_band: "距下一级",
    missing: "还差",
    top_band: "已达最高级别",
    rectify_first: "存在特别扣分项，须立即整改；整改前不能评级（8.3 c) 3)，d) 2)）",
    sensitivity_title: "删减敏感性（8.3 c) 6)）",
    if_nonconforming: "若全部删减理由不成立且不符合",
    if_conforming: "若全部删减理由不成立且符合",
    cycle_start: "认证周期开始",
    next_surveillance: "下次监督评价最迟",
    recertification: "重新评价最迟",
    unknown_cycle: "未知（请在 [audit] 中填写 cycle_start）",
    unknown_cycle_form: "未知（请在评分表中填写周期起始）",
    overdue: "逾期",
    gap_title: "整改计划",
    rectify_title: "须先整改的特别扣分项（整改后才能评级，以下计划按已整改计算）",
    finding: "发现的问题",
    rectified: "特别扣分项整改后",
    current: "当前",
    target: "目标",
    fixes_title: "需整改的检查项（整改后扣分系数为 0）",
    recoverable: "可恢复分值",
    score_after: "整改后总评分",
    already_reached: "已达到目标级别",
    not_proven_smallest: "所列项数已是最少；同样项数的方案太多，未能逐一比较，恢复分值未必是其中最小的",
    unreachable: "全部整改后仍达不到目标，最高可达",
    compare_title: "评价对比",
    old: "原评价",
    new: "新评价",
    delta: "变化",
    changed_title: "有变化的检查项",
    deductions_added: "新增特别扣分项",
    deductions_removed: "已消除的特别扣分项",
    no_changes: "无变化",
    by_site: "分现场（不符合/抽样）",
    nonconforming_items: "不符合",
    nonconforming_list: "不符合的样本",
    population: "总体",
    drawn: "抽取",
    sample_item: "抽样项",
    items_changed_title: "结论有变化的抽样项",
    conforms: "符合",
    does_not_conform: "不符合",
    not_sampled: "未抽取",
    provenance: "结果溯源（bscore verify 可复核）",
    checklist_digest: "检查表 SHA-256",
    audit_digest: "评价文件 SHA-256",
    division: "评价分工",
    assessed_by: "评价人",
    resolved: "分歧已解决",
    resolution: "分歧的解决",
    merged_part: "分工",
    resolutions_file: "分歧解决文件",
};

const EN: Labels = Labels {
    title: "Blockchain service evaluation",
    standard: "Standard",
    organization: "Organization",
    service: "Service",
    assessors: "Assessors",
    date: "Date",
    kind: "Evaluation",
    category: "Category",
    group: "Indicator",
    id: "No.",
    check_text: "Check",
    points: "Points",
    category_points: "Points",
    colon: ": ",
    applicable: "Applicable",
    earned: "Earned",
    rate: "Rate",
    total: "Total",
    coefficient: "Deduction coefficient",
    sampled: "Sampled",
    nonconforming: "Nonconforming",
    sample_mark: " (sample)",
    excluded: "excluded",
    losses_title: "Points lost and exclusions",
    losses_and_resolved_title: "Points lost, exclusions and disagreements resolved",
    detail_title: "All checks",
    reasons: "Reasons and records",
    exclusion_reason: "Excluded because",
    exclusion_rejected: "Exclusion rejected",
    record: "Assessment record",
    note: "Note",
    rules: "Scoring rules",
    sites: "Sites",
    no_site: "no site named",
    no_rules: "none (Appendix A alone)",
    rules_differ: "different rules: a changed coefficient may come from the rules, not the service",
    rule_condition: "Rule condition",
    rule_target: "Target (scoring rules)",
    normalized: "Score = earned / applicable points x 100",
    special_deduction: "Special deduction",
    bonus: "Best-practice bonus",
    score: "Final score",
    grade: "Grade",
    failed_by_deduction: " (special deduction, 8.3 d) 2))",
    adjustments_title: "Special deductions and bonus",
    none: "none",
    readings_title: "How the standard is read",
    yes: "yes",
    no: "no",
    list_separator: ", ",
    clause_separator: "; ",
    at_least: (" (>= ", ")"),
    brackets: (" (", ")"),
    title_quotes: ("", ""),
    kinds: ["Initial evaluation", "Surveillance", "Re-evaluation"],
    bonus_kind: "bonus",
    chart_title: "Points per category",
    appendix_title: "Appendix A scoring checklist",
    exact: "Exact",
    authoritative: "bscore's exact evaluation (authoritative; figures here are cut to two decimals, never rounded)",
    file: "File",
    refused: "not evaluated: input error (see the error messages)",
    indicators_counted: " indicators",
    next_band: "Next band",
    missing: "missing",
    top_band: "top band reached",
    rectify_first: "special deductions must be rectified at once; no grade until they are (8.3 c) 3), d) 2))",
    sensitivity_title: "Exclusion sensitivity (8.3 c) 6))",
    if_nonconforming: "If every exclusion were rejected, nonconforming",
    if_conforming: "If every exclusion were rejected, conforming",
    cycle_start: "Cycle start",
    next_surveillance: "Next surveillance by",
    recertification: "Re-evaluation by",
    unknown_cycle: "unknown (set cycle_start in [audit])",
    unknown_cycle_form: "unknown (fill in Cycle start on the form)",
    overdue: "Overdue",
    gap_title: "Remediation plan",
    rectify_title: "Special deductions to rectify first (no grade until they are; the plan below assumes they are)",
    finding: "Finding",
    rectified: "With special deductions rectified",
    current: "Current",
    target: "Target",
    fixes_title: "Indicators to remediate (to coefficient 0)",
    recoverable: "Recoverable",
    score_after: "Score after remediation",
    already_reached: "target already reached",
    not_proven_smallest: "no plan has fewer fixes; too many plans have as many to compare them all, so another may recover fewer points",
    unreachable: "not reachable even with every indicator remediated; best possible",
    compare_title: "Comparison",
    old: "Old",
    new: "New",
    delta: "Change",
    changed_title: "Changed indicators",
    deductions_added: "Special deductions added",
    deductions_removed: "Special deductions removed",
    no_changes: "no changes",
    by_site: "By site (nonconforming / sampled)",
    nonconforming_items: "Nonconforming",
    nonconforming_list: "Nonconforming items",
    population: "Population",
    drawn: "Drawn",
    sample_item: "Sampled item",
    items_changed_title: "Sampled items whose verdict changed",
    conforms: "conforms",
    does_not_conform: "does not conform",
    not_sampled: "not sampled",
    provenance: "Provenance (check with bscore verify)",
    checklist_digest: "Checklist SHA-256",
    audit_digest: "Audit file SHA-256",
    division: "Indicators assessed",
    assessed_by: "Assessed by",
    resolved: "Disagreement resolved",
    resolution: "Resolution",
    merged_part: "Part of",
    resolutions_file: "Resolutions file",
};

impl Labels {
    /// The labels of `lang`.
    pub fn of(lang: Lang) -> &'static Labels {
        match lang {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// An audit kind's name.
    pub fn kind(&self, kind: AuditKind) -> &'static str {
        let [initial, surveillance, recertification] = self.kinds;
        match kind {
            AuditKind::Initial => initial,
            AuditKind::Surveillance => surveillance,
            AuditKind::Recertification => recertification,
        }
    }
}

/// Fixed words of the printed 细则 (`bscore rules show`).
#[derive(Debug)]
pub struct RuleLabels {
    /// 版本.
    pub version: &'static str,
    /// 适用标准.
    pub applies_to: &'static str,
    /// SHA-256 of the 细则 file.
    pub digest: &'static str,
    /// Column of the coefficients and their conditions.
    pub levels: &'static str,
    /// Column of how an indicator is examined.
    pub examined: &'static str,
    /// 检查方法.
    pub methods: &'static str,
    /// 检查材料.
    pub evidence: &'static str,
    /// 抽样单位.
    pub sampling_unit: &'static str,
    /// Before the minimum of a sample: "至少 ".
    pub at_least: &'static str,
    /// After the minimum of a sample: " 个".
    pub items: &'static str,
    /// How a sample's coefficient is reached.
    pub sample_coefficient: &'static str,
    /// An indicator the 细则 lets be excluded.
    pub excludable: &'static str,
    /// An indicator the 细则 does not let be excluded.
    pub not_excludable: &'static str,
    /// 评价指导.
    pub guidance: &'static str,
    /// An indicator whose rule is the file's `[defaults]`.
    pub from_defaults: &'static str,
    /// An indicator with no rule at all.
    pub unspecified: &'static str,
    /// An indicator that may take any coefficient.
    pub any_coefficient: &'static str,
    /// Between a coefficient and its condition.
    pub condition_dash: &'static str,
    /// The sheet of the XLSX document.
    pub sheet: &'static str,
}

const RULES_ZH: RuleLabels = RuleLabels {
    version: "版本",
    applies_to: "适用标准",
    digest: "细则文件 SHA-256",
    levels: "扣分系数及条件",
    examined: "检查方法与要求",
    methods: "检查方法",
    evidence: "检查材料",
    sampling_unit: "抽样单位",
    at_least: "至少 ",
    items: " 个",
    sample_coefficient: "扣分系数 = 不符合数 ÷ 抽样数",
    excludable: "可删减",
    not_excludable: "不可删减",
    guidance: "评价指导",
    from_defaults: "按默认细则",
    unspecified: "未规定（仅按附录 A）",
    any_coefficient: "0 至 1 之间任意扣分系数",
    condition_dash: " — ",
    sheet: "评分细则",
};

const RULES_EN: RuleLabels = RuleLabels {
    version: "Version",
    applies_to: "Standard",
    digest: "Rules file SHA-256",
    levels: "Deduction coefficients and conditions",
    examined: "How it is examined",
    methods: "Methods",
    evidence: "Evidence",
    sampling_unit: "Sampling unit",
    at_least: "at least ",
    items: "",
    sample_coefficient: "coefficient = nonconforming / sampled",
    excludable: "may be excluded",
    not_excludable: "may not be excluded",
    guidance: "Guidance",
    from_defaults: "by the default rule",
    unspecified: "not specified (Appendix A alone)",
    any_coefficient: "any coefficient from 0 to 1",
    condition_dash: " — ",
    sheet: "Scoring rules",
};

impl RuleLabels {
    /// The 细则's labels in `lang`.
    pub fn of(lang: Lang) -> &'static RuleLabels {
        match lang {
            Lang::Zh => &RULES_ZH,
            Lang::En => &RULES_EN,
        }
    }
}

/// Fixed words of the evaluation report (`bscore report`, 评价报告),
/// beside the report's [`Labels`], which it reuses for every word they
/// share.
#[derive(Debug)]
pub struct ReportLabels {
    /// The report's title.
    pub title: &'static str,
    /// The sections' headings, in order: scope, team, results,
    /// nonconformities, special deductions and bonus, score and grade,
    /// cycle, follow-up, sign-off, provenance (numbered in the report as
    /// they come: without a history, there is no follow-up).
    pub sections: [&'static str; 10],
    /// The exclusions' sub-heading.
    pub exclusions: &'static str,
    /// Said when nothing is excluded.
    pub no_exclusions: &'static str,
    /// An exclusion accepted.
    pub exclusion_accepted: &'static str,
    /// The conclusion column of the exclusions.
    pub conclusion: &'static str,
    /// The sites' sub-heading.
    pub sites: &'static str,
    /// Said when the audit names no site.
    pub no_sites: &'static str,
    /// Site id and site name columns.
    pub site_columns: [&'static str; 2],
    /// Said without `--plan`.
    pub no_plan: &'static str,
    /// The plan's sub-heading.
    pub plan: &'static str,
    /// The plan's dates.
    pub plan_dates: &'static str,
    /// The team leader, in the plan's fields.
    pub leader: &'static str,
    /// The methods' sub-heading.
    pub methods: &'static str,
    /// Columns of the methods' table: id, planned assessor, assessed by,
    /// methods, evidence, sample.
    pub method_columns: [&'static str; 6],
    /// The departures' sub-heading.
    pub departures: &'static str,
    /// Said when the work followed the plan.
    pub no_departures: &'static str,
    /// Lost points, in the category table.
    pub lost: &'static str,
    /// Columns of the nonconformities: id, check, coefficient, lost,
    /// record; the 细则's level follows with `--rules`.
    pub finding_columns: [&'static str; 5],
    /// The 细则's level column.
    pub rule_level: &'static str,
    /// Said when there is no nonconformity.
    pub no_nonconformities: &'static str,
    /// A sampled finding's level: the coefficient is the proportion.
    pub by_proportion: &'static str,
    /// An indicator for which the 细则 sets no levels.
    pub no_level: &'static str,
    /// What must follow a special deduction.
    pub rectify_now: &'static str,
    /// Said when there is no special deduction.
    pub no_deductions: &'static str,
    /// Said when there is no bonus.
    pub no_bonus: &'static str,
    /// The kind of this evaluation, in the cycle.
    pub this_evaluation: &'static str,
    /// The next evaluation and its latest date.
    pub next_evaluation: &'static str,
    /// Between the next evaluation's kind and its date.
    pub by: &'static str,
    /// Said when the next evaluation cannot be dated.
    pub next_unknown: &'static str,
    /// The cycle's rule (§8.1 b).
    pub cycle_rule: &'static str,
    /// Columns of the follow-up: id, before, now, status.
    pub followup_columns: [&'static str; 4],
    /// The previous evaluation, in the follow-up.
    pub previous: &'static str,
    /// Said when the previous evaluation had no nonconformity.
    pub no_previous_findings: &'static str,
    /// Columns of the sign-off: role, name, signature, date.
    pub signoff_columns: [&'static str; 4],
    /// The sign-off's roles: team leader, assessor, reviewer, the
    /// operator's confirmation.
    pub roles: [&'static str; 4],
    /// The SHA-256 of the plan.
    pub plan_digest: &'static str,
    /// The SHA-256 of the 细则.
    pub rules_digest: &'static str,
    /// The SHA-256 of a previous evaluation.
    pub previous_digest: &'static str,
}

const REPORT_ZH: ReportLabels = ReportLabels {
    title: "区块链服务评价报告",
    sections: [
        "服务与评价范围",
        "评价组与评价方法",
        "各指标大类得分",
        "不符合项",
        "特别扣分项与特别加分项",
        "总评分与评级",
        "认证周期",
        "上次评价不符合项的跟踪",
        "签字确认",
        "结果溯源",
    ],
    exclusions: "删减",
    no_exclusions: "无删减",
    exclusion_accepted: "删减成立",
    conclusion: "结论",
    sites: "评价现场",
    no_sites: "评价文件未列出现场",
    site_columns: ["现场编号", "现场名称"],
    no_plan: "未给出评价计划（--plan）：评价组按评价文件列出，未与计划对照",
    plan: "评价计划",
    plan_dates: "计划评价日期",
    leader: "评价组长",
    methods: "各指标的评价方法",
    method_columns: [
        "编号",
        "计划评价人",
        "实际评价人",
        "检查方法",
        "查阅材料",
        "抽样",
    ],
    departures: "与计划的偏离",
    no_departures: "未发现与计划的偏离",
    lost: "失分",
    finding_columns: ["编号", "检查内容", "扣分系数", "失分", "现场评审记录"],
    rule_level: "细则档次",
    no_nonconformities: "无不符合项",
    by_proportion: "按抽样中不符合的比例扣分",
    no_level: "细则未设扣分档",
    rectify_now: "应立即进行整改",
    no_deductions: "无特别扣分项",
    no_bonus: "无特别加分项",
    this_evaluation: "本次评价",
    next_evaluation: "下次评价",
    by: "，最迟 ",
    next_unknown: "无法确定（请在 [audit] 中填写 cycle_start）",
    cycle_rule: "依 8.1 b)：获证后每年至少进行一次监督评价，每三年进行一次重新评价。",
    followup_columns: ["编号", "上次评价", "本次评价", "状态"],
    previous: "上次评价",
    no_previous_findings: "上次评价无不符合项",
    signoff_columns: ["角色", "姓名", "签字", "日期"],
    roles: ["评价组长", "评价人员", "复核人", "经营者确认"],
    plan_digest: "评价计划 SHA-256",
    rules_digest: "评分细则 SHA-256",
    previous_digest: "上次评价文件 SHA-256",
};

const REPORT_EN: ReportLabels = ReportLabels {
    title: "Blockchain Service Evaluation Report",
    sections: [
        "Service and scope",
        "Team and methods",
        "Results per category",
        "Nonconformities",
        "Special deductions and bonus",
        "Score and grade",
        "Certification cycle",
        "Follow-up of the previous evaluation",
        "Sign-off",
        "Provenance",
    ],
    exclusions: "Exclusions",
    no_exclusions: "nothing excluded",
    exclusion_accepted: "exclusion accepted",
    conclusion: "Conclusion",
    sites: "Sites",
    no_sites: "the audit names no site",
    site_columns: ["Site ID", "Site"],
    no_plan: "no evaluation plan given (--plan): the team is as the audit names it, not checked against a plan",
    plan: "Evaluation plan",
    plan_dates: "Planned dates",
    leader: "Team leader",
    methods: "How each indicator was assessed",
    method_columns: [
        "No.",
        "Planned assessor",
        "Assessed by",
        "Methods",
        "Evidence",
        "Sample",
    ],
    departures: "Departures from the plan",
    no_departures: "the work followed the plan",
    lost: "Lost",
    finding_columns: ["No.", "Check", "Coefficient", "Lost", "Assessment record"],
    rule_level: "Level (scoring rules)",
    no_nonconformities: "no nonconformity",
    by_proportion: "by the share of the sample that does not conform",
    no_level: "no levels in the scoring rules",
    rectify_now: "to be rectified immediately",
    no_deductions: "no special deduction",
    no_bonus: "no best-practice bonus",
    this_evaluation: "This evaluation",
    next_evaluation: "Next evaluation",
    by: ", by ",
    next_unknown: "cannot be dated (set cycle_start in [audit])",
    cycle_rule: "By 8.1 b), a certified service is surveilled at least once a year and re-evaluated every three years.",
    followup_columns: ["No.", "Previous evaluation", "This evaluation", "Status"],
    previous: "Previous evaluation",
    no_previous_findings: "the previous evaluation had no nonconformity",
    signoff_columns: ["Role", "Name", "Signature", "Date"],
    roles: [
        "Team leader",
        "Assessor",
        "Reviewer",
        "Operator's confirmation",
    ],
    plan_digest: "Evaluation plan SHA-256",
    rules_digest: "Scoring rules SHA-256",
    previous_digest: "Previous audit SHA-256",
};

impl ReportLabels {
    /// The evaluation report's labels in `lang`.
    pub fn of(lang: Lang) -> &'static ReportLabels {
        match lang {
            Lang::Zh => &REPORT_ZH,
            Lang::En => &REPORT_EN,
        }
    }
}
