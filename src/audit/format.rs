//! The audit format, described once: every table of an audit file, every
//! key of each, its shape, the assessor's term for it in both languages,
//! whether it is required, its label on the Appendix A form and its
//! meaning. Validation (`fields.rs`), the JSON Schema (`crate::schema`),
//! the template (`crate::template`), the form's rows and columns
//! (`crate::form`) and the key tables of docs/audit-format.md (checked by
//! a test below) are all read from here, so they cannot disagree.
//!
//! # Adding a key
//!
//! An optional key of an indicator table (say `evidence`, a text that may
//! be left out) is one entry in [`INDICATOR`]'s keys:
//!
//! ```text
//! Key {
//!     name: "evidence",
//!     shape: Shape::Note,
//!     term: ("证据", "the evidence"),
//!     required: false,
//!     meaning: "What the assessor saw (§…).",
//!     example: Some(("evidence = \"（证据）\"", "evidence = \"(the evidence)\"")),
//!     hint: ("", ""),
//!     form: Some(("证据", "Evidence")),
//! },
//! ```
//!
//! and its meaning: a row in docs/audit-format.md's table of the keys of
//! an indicator table (the test `the_docs_list_every_key` names what is
//! missing), and, where the key says something the scores or reports use,
//! the field of [`super::Entry`] that holds it, read in `indicators.rs`
//! (`Fields::text("evidence")`). Validation then knows its kind, the
//! schema describes it, and the form gains its column (`form: None` keeps
//! it off the form). A key of `[audit]` is the same, in [`AUDIT`]; its
//! `hint` is the template's comment beside it.
//!
//! The file is long for its tables (an entry per key), not its logic.

/// One table of an audit file.
#[derive(Debug)]
pub(crate) struct Table {
    /// Its name in the JSON Schema's definitions.
    pub(crate) schema_name: &'static str,
    /// What it is, as the JSON Schema describes it.
    pub(crate) meaning: &'static str,
    /// Its keys, in the order the schema lists them.
    pub(crate) keys: &'static [Key],
}

/// One key of a table.
#[derive(Debug)]
pub(crate) struct Key {
    /// The key as written in the file.
    pub(crate) name: &'static str,
    /// What its value must be.
    pub(crate) shape: Shape,
    /// What it holds, in the assessor's words: Chinese, English.
    pub(crate) term: (&'static str, &'static str),
    /// Whether the table needs it.
    pub(crate) required: bool,
    /// What it means, as the JSON Schema describes it.
    pub(crate) meaning: &'static str,
    /// An example line, offered when it is missing: Chinese, English;
    /// `None` where the shape gives it (the choices, the checklist's
    /// special deduction kinds).
    pub(crate) example: Option<(&'static str, &'static str)>,
    /// The template's comment beside it (`[audit]` only): Chinese,
    /// English; empty for none.
    pub(crate) hint: (&'static str, &'static str),
    /// Its label on the Appendix A form (the row's label above the
    /// table, the table's column heading, the second sheet's heading):
    /// Chinese, English. `None`: the form does not hold it.
    pub(crate) form: Option<(&'static str, &'static str)>,
}

/// What a key's value must be.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Shape {
    /// The standard's code: text, and the checklist's.
    Code,
    /// Text that must say something: not blank, not a placeholder.
    Text,
    /// Why an indicator does not apply: [`Shape::Text`], and more than
    /// the word for an exclusion (`不适用`).
    Reason,
    /// Text that may be left empty, but not a placeholder.
    Note,
    /// One of the checklist's special deduction kinds.
    DeductionKind,
    /// A list of names, at least one: `["张三", "李四"]`.
    Names,
    /// Who assessed something: one name (`"赵六"`) or a list of names.
    Assessors,
    /// A date: `2026-03-15`.
    Date,
    /// A deduction coefficient: a number from 0 to 1.
    Coefficient,
    /// A count: a whole number, at least `min`.
    Count {
        /// The least count.
        min: u64,
    },
    /// One of a few ids.
    Choice(&'static Choice),
    /// Yes or no: `true`, `false`.
    Flag,
    /// A list of [`SAMPLE`] tables, at least one.
    Samples,
    /// One [`DRAWN`] table.
    Drawn,
    /// One [`RESOLVED`] table.
    Resolved,
}

impl Shape {
    /// Whether a value of this shape is text in quotes.
    pub(crate) fn is_text(self) -> bool {
        matches!(
            self,
            Shape::Code | Shape::Text | Shape::Reason | Shape::Note | Shape::DeductionKind
        )
    }
}

/// The ids a key may hold.
#[derive(Debug)]
pub(crate) struct Choice {
    /// Its name in the JSON Schema's definitions.
    pub(crate) schema_name: &'static str,
    /// What it is, as the JSON Schema describes it.
    pub(crate) meaning: &'static str,
    /// The ids, in the order they are offered.
    pub(crate) options: &'static [Opt],
}

/// One id of a [`Choice`].
#[derive(Debug)]
pub(crate) struct Opt {
    /// The id written in the file.
    pub(crate) id: &'static str,
    /// Its name: Chinese, English (the reports' names of the audit
    /// kinds); `None` where the id is its only name.
    pub(crate) name: Option<(&'static str, &'static str)>,
    /// Other words people write for it, that validation turns into it.
    pub(crate) words: &'static [&'static str],
    /// What it means, as the JSON Schema describes it.
    pub(crate) meaning: &'static str,
}

impl Choice {
    /// The id that `text` names: the id itself, its name or one of its
    /// words (case aside).
    pub(crate) fn named(&self, text: &str) -> Option<&'static str> {
        let text = text.trim();
        let same = |word: &str| word.eq_ignore_ascii_case(text);
        (self.options.iter())
            .find(|opt| {
                same(opt.id)
                    || opt.name.is_some_and(|(zh, en)| same(zh) || same(en))
                    || opt.words.iter().any(|word| same(word))
            })
            .map(|opt| opt.id)
    }

    /// Its ids with their Chinese names, as the template and the schema
    /// describe them: `initial 初次评价 | surveillance 监督评价 | …`.
    pub(crate) fn described_zh(&self) -> String {
        (self.options.iter())
            .map(|opt| match opt.name {
                Some((zh, _)) => format!("{} {zh}", opt.id),
                None => opt.id.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" | ")
    }

    /// Its ids: `initial | surveillance | recertification`.
    pub(crate) fn described_en(&self) -> String {
        let ids: Vec<&str> = self.options.iter().map(|opt| opt.id).collect();
        ids.join(" | ")
    }
}

/// The kinds of audit (§8.1 b). The names are the reports' (重新评价 is
/// the standard's word, 再认证评价 the form's before it); the words are
/// what people write besides.
pub(crate) const AUDIT_KINDS: Choice = Choice {
    schema_name: "AuditKind",
    meaning: "Why the audit was carried out.",
    options: &[
        Opt {
            id: "initial",
            name: Some(("初次评价", "Initial evaluation")),
            words: &["初次", "首次评价", "首次"],
            meaning: "初次评价.",
        },
        Opt {
            id: "surveillance",
            name: Some(("监督评价", "Surveillance")),
            words: &["监督"],
            meaning: "监督评价 (at least yearly, §8.1 b).",
        },
        Opt {
            id: "recertification",
            name: Some(("重新评价", "Re-evaluation")),
            words: &["再认证评价", "再认证", "复评"],
            meaning: "重新评价 (at least every three years, §8.1 b).",
        },
    ],
};

/// How indicators that the audit does not list are treated.
const UNASSESSED: Choice = Choice {
    schema_name: "Unassessed",
    meaning: "How indicators that the audit does not list are treated.",
    options: &[Opt {
        id: "conform",
        name: None,
        words: &["符合", "合格"],
        meaning: "Score them as conforming (coefficient 0).",
    }],
};

/// The `[audit]` table.
pub(crate) const AUDIT: Table = Table {
    schema_name: "Audit",
    meaning: "The `[audit]` table.",
    keys: &[
        Key {
            name: "standard",
            shape: Shape::Code,
            term: ("标准编号", "the standard's code"),
            required: false,
            meaning: "The standard's code; if present it must equal the checklist's.",
            example: Some((
                "standard = \"T/STIC130010-2022\"",
                "standard = \"T/STIC130010-2022\"",
            )),
            hint: ("", ""),
            form: None,
        },
        Key {
            name: "organization",
            shape: Shape::Text,
            term: ("经营者", "the organization"),
            required: true,
            meaning: "经营者: the operator of the service.",
            example: Some((
                "organization = \"某某科技有限公司\"",
                "organization = \"Example Technology Co., Ltd.\"",
            )),
            hint: ("经营者", "the operator"),
            form: Some(("经营者", "Organization")),
        },
        Key {
            name: "service",
            shape: Shape::Text,
            term: ("服务名称", "the service"),
            required: true,
            meaning: "The service audited.",
            example: Some((
                "service = \"某某区块链服务\"",
                "service = \"Example blockchain service\"",
            )),
            hint: ("区块链服务名称", "the blockchain service"),
            form: Some(("服务", "Service")),
        },
        Key {
            name: "assessors",
            shape: Shape::Names,
            term: ("评价人员", "the assessors"),
            required: true,
            meaning: "评价人员: at least one assessor.",
            example: Some((
                "assessors = [\"张三\", \"李四\"]",
                "assessors = [\"Zhang San\", \"Li Si\"]",
            )),
            hint: ("评价人员", "the assessors"),
            form: Some(("评价人员", "Assessors")),
        },
        Key {
            name: "date",
            shape: Shape::Date,
            term: ("评价日期", "the date"),
            required: true,
            meaning: "评价日期, a TOML date such as 2026-03-15.",
            example: Some(("date = 2026-03-15", "date = 2026-03-15")),
            hint: ("评价日期", "the date of the audit"),
            form: Some(("评价日期", "Date")),
        },
        Key {
            name: "cycle_start",
            shape: Shape::Date,
            term: ("认证周期起始日期", "the cycle's start"),
            required: false,
            meaning: "Date of the initial evaluation or last re-evaluation (§8.1 b);\ndefaults to `date` for initial and recertification audits.",
            example: Some(("cycle_start = 2025-03-15", "cycle_start = 2025-03-15")),
            hint: (
                "监督评价：初次评价或上次重新评价的日期（§8.1 b）",
                "surveillance: date of the initial evaluation or last re-evaluation (§8.1 b)",
            ),
            form: Some(("周期起始", "Cycle start")),
        },
        Key {
            name: "kind",
            shape: Shape::Choice(&AUDIT_KINDS),
            term: ("评价类型", "the kind of audit"),
            required: true,
            meaning: "",
            example: None,
            hint: ("", ""),
            form: Some(("评价类型", "Kind")),
        },
        Key {
            name: "unassessed",
            shape: Shape::Choice(&UNASSESSED),
            term: ("未列出指标的处理", "how unlisted indicators count"),
            required: false,
            meaning: "`\"conform\"`: indicators not listed score as coefficient 0.",
            example: Some(("unassessed = \"conform\"", "unassessed = \"conform\"")),
            hint: (
                "下面未列出的指标按符合计",
                "score indicators not listed below as conforming",
            ),
            form: None,
        },
        Key {
            name: "part",
            shape: Shape::Text,
            term: ("分工", "the part"),
            required: false,
            meaning: "A team evaluation's part: the member whose indicators this file holds\n(`bscore template --plan`). A part lists only those indicators;\n`bscore merge` joins the parts, and `evaluate` refuses a part.",
            example: Some(("part = \"赵六\"", "part = \"Zhao Liu\"")),
            hint: (
                "团队评价：本部分的评价人员（bscore template --plan）",
                "team evaluation: the member whose part this is (bscore template --plan)",
            ),
            form: Some(("分工", "Part")),
        },
    ],
};

/// An indicator written as a table.
pub(crate) const INDICATOR: Table = Table {
    schema_name: "IndicatorTable",
    meaning: "An indicator as a table: exactly one of `coefficient`, `sampled` +\n`nonconforming`, `samples`, or `excluded` (with `rejected` and an\nassessment for a rejected exclusion), plus optional `population`, `drawn`,\n`record` and `note`.",
    keys: &[
        Key {
            name: "coefficient",
            shape: Shape::Coefficient,
            term: ("扣分系数", "the deduction coefficient"),
            required: false,
            meaning: "扣分系数, 0 (conforms) to 1 (does not).",
            example: Some(("coefficient = 0.5", "coefficient = 0.5")),
            hint: ("", ""),
            form: Some(("扣分系数", "Coefficient")),
        },
        Key {
            name: "sampled",
            shape: Shape::Count { min: 1 },
            term: ("抽样数", "the number sampled"),
            required: false,
            meaning: "Samples examined (§8.3 c 2), at least 1.",
            example: Some(("sampled = 8", "sampled = 8")),
            hint: ("", ""),
            form: Some(("抽样数", "Sampled")),
        },
        Key {
            name: "nonconforming",
            shape: Shape::Count { min: 0 },
            term: ("不符合数", "the number nonconforming"),
            required: false,
            meaning: "Samples that did not conform, at most `sampled`.",
            example: Some(("nonconforming = 1", "nonconforming = 1")),
            hint: ("", ""),
            form: Some(("不符合数", "Nonconforming")),
        },
        Key {
            name: "samples",
            shape: Shape::Samples,
            term: ("样本", "the sample items"),
            required: false,
            meaning: "Each sampled item (§8.3 c 2): the coefficient is the share with\n`conforms = false`.",
            example: Some((
                "samples = [{ item = \"（样本编号）\", conforms = true }]",
                "samples = [{ item = \"(the item)\", conforms = true }]",
            )),
            hint: ("", ""),
            form: None,
        },
        Key {
            name: "population",
            shape: Shape::Count { min: 1 },
            term: ("总体数量", "the population"),
            required: false,
            meaning: "How many items the sample was drawn from, at least the number sampled.",
            example: Some(("population = 40", "population = 40")),
            hint: ("", ""),
            form: Some(("总体数量", "Population")),
        },
        Key {
            name: "drawn",
            shape: Shape::Drawn,
            term: ("抽样方式", "how the sample was drawn"),
            required: false,
            meaning: "The seed and the list the samples were drawn from (`bscore sample draw`):\nvalidation draws them again.",
            example: Some((
                "drawn = { seed = \"（种子）\", from = \"（清单文件）\", sha256 = \"（清单的 SHA-256）\" }",
                "drawn = { seed = \"(the seed)\", from = \"(the list file)\", sha256 = \"(the list's SHA-256)\" }",
            )),
            hint: ("", ""),
            form: None,
        },
        Key {
            name: "excluded",
            shape: Shape::Reason,
            term: ("删减理由", "the exclusion reason"),
            required: false,
            meaning: "Why the indicator does not apply (§8.2 a, §8.3 c 5).",
            example: Some((
                "excluded = \"（删减理由）\"",
                "excluded = \"(why it does not apply)\"",
            )),
            hint: ("", ""),
            form: Some(("删减理由", "Exclusion reason")),
        },
        Key {
            name: "rejected",
            shape: Shape::Text,
            term: ("删减理由不成立的原因", "why the exclusion is rejected"),
            required: false,
            meaning: "Why the assessor rejected the exclusion (§8.3 c 6).",
            example: Some((
                "rejected = \"（理由不成立的原因）\"",
                "rejected = \"(why the exclusion does not hold)\"",
            )),
            hint: ("", ""),
            form: Some(("删减理由不成立", "Exclusion rejected")),
        },
        Key {
            name: "record",
            shape: Shape::Note,
            term: ("现场评审记录", "the record"),
            required: false,
            meaning: "现场评审记录.",
            example: Some((
                "record = \"（现场评审记录）\"",
                "record = \"(what was seen on site)\"",
            )),
            hint: ("", ""),
            form: Some(("现场评审记录", "Record")),
        },
        Key {
            name: "note",
            shape: Shape::Note,
            term: ("说明", "the note"),
            required: false,
            meaning: "说明.",
            example: Some(("note = \"（说明）\"", "note = \"(a note)\"")),
            hint: ("", ""),
            form: Some(("说明", "Note")),
        },
        BY,
        Key {
            name: "resolved",
            shape: Shape::Resolved,
            term: ("分歧的解决", "how a disagreement was resolved"),
            required: false,
            meaning: "How `bscore merge --resolutions` settled the team's disagreement on\nthe indicator: whose assessment was taken, or the value, and why.",
            example: Some((
                "resolved = { take = \"（评价人员）\", why = \"（理由）\" }",
                "resolved = { take = \"(the assessor)\", why = \"(the reason)\" }",
            )),
            hint: ("", ""),
            form: None,
        },
    ],
};

/// `by`: who assessed an indicator, a special deduction or the bonus; a
/// key every audit may carry, written by `bscore merge`.
const BY: Key = Key {
    name: "by",
    shape: Shape::Assessors,
    term: ("评价人", "who assessed it"),
    required: false,
    meaning: "Who assessed it: a name, or a list of names (`bscore merge` writes it).",
    example: Some(("by = \"赵六\"", "by = \"Zhao Liu\"")),
    hint: ("", ""),
    form: None,
};

/// How a disagreement between a team's parts was settled.
pub(crate) const RESOLVED: Table = Table {
    schema_name: "Resolved",
    meaning: "How a disagreement between parts was settled: `take` (whose assessment)\nor `value` (a coefficient), and `why`.",
    keys: &[
        Key {
            name: "take",
            shape: Shape::Text,
            term: ("采纳的评价人员", "whose assessment was taken"),
            required: false,
            meaning: "The member whose assessment was taken.",
            example: Some(("take = \"赵六\"", "take = \"Zhao Liu\"")),
            hint: ("", ""),
            form: None,
        },
        Key {
            name: "value",
            shape: Shape::Coefficient,
            term: ("商定的扣分系数", "the coefficient agreed"),
            required: false,
            meaning: "The deduction coefficient the team agreed on instead.",
            example: Some(("value = 0.5", "value = 0.5")),
            hint: ("", ""),
            form: None,
        },
        Key {
            name: "why",
            shape: Shape::Text,
            term: ("理由", "the reason"),
            required: true,
            meaning: "Why: the reason the team gave.",
            example: Some(("why = \"（理由）\"", "why = \"(the reason)\"")),
            hint: ("", ""),
            form: None,
        },
    ],
};

/// A `[[merged]]` entry: one file `bscore merge` joined, by digest.
pub(crate) const MERGED: Table = Table {
    schema_name: "Merged",
    meaning: "A file `bscore merge` joined: a part (with `part`) or the resolutions file.",
    keys: &[
        Key {
            name: "part",
            shape: Shape::Text,
            term: ("分工", "the part"),
            required: false,
            meaning: "The member whose part the file is; none for the resolutions file.",
            example: Some(("part = \"赵六\"", "part = \"Zhao Liu\"")),
            hint: ("", ""),
            form: None,
        },
        Key {
            name: "file",
            shape: Shape::Text,
            term: ("文件", "the file"),
            required: true,
            meaning: "The file's name as given to `bscore merge`.",
            example: Some(("file = \"zhao.toml\"", "file = \"zhao.toml\"")),
            hint: ("", ""),
            form: None,
        },
        Key {
            name: "sha256",
            shape: Shape::Text,
            term: ("文件的 SHA-256", "the file's SHA-256"),
            required: true,
            meaning: "The file's SHA-256, 64 hexadecimal digits.",
            example: Some((
                "sha256 = \"（文件的 SHA-256）\"",
                "sha256 = \"(the file's SHA-256)\"",
            )),
            hint: ("", ""),
            form: None,
        },
    ],
};

/// One sampled item of an indicator's `samples`.
pub(crate) const SAMPLE: Table = Table {
    schema_name: "SampleItem",
    meaning: "One sampled item.",
    keys: &[
        Key {
            name: "item",
            shape: Shape::Text,
            term: ("样本", "the item"),
            required: true,
            meaning: "What was sampled: a record's number, a case; unique within the indicator.",
            example: Some(("item = \"CR-2025-017\"", "item = \"CR-2025-017\"")),
            hint: ("", ""),
            form: Some(("样本", "Item")),
        },
        Key {
            name: "site",
            shape: Shape::Text,
            term: ("现场", "the site"),
            required: false,
            meaning: "The id of the `[[sites]]` entry it was sampled at.",
            example: Some(("site = \"sh\"", "site = \"sh\"")),
            hint: ("", ""),
            form: Some(("现场", "Site")),
        },
        Key {
            name: "conforms",
            shape: Shape::Flag,
            term: ("是否符合", "whether it conforms"),
            required: true,
            meaning: "Whether the item conforms.",
            example: Some(("conforms = true", "conforms = true")),
            hint: ("", ""),
            form: Some(("符合", "Conforms")),
        },
        Key {
            name: "record",
            shape: Shape::Note,
            term: ("记录", "the record"),
            required: false,
            meaning: "What was seen: why it does not conform.",
            example: Some(("record = \"（记录）\"", "record = \"(what was seen)\"")),
            hint: ("", ""),
            form: Some(("记录", "Record")),
        },
    ],
};

/// How an indicator's samples were drawn.
pub(crate) const DRAWN: Table = Table {
    schema_name: "Drawn",
    meaning: "How the samples were drawn: `bscore sample draw --seed SEED --from FILE`.",
    keys: &[
        Key {
            name: "seed",
            shape: Shape::Text,
            term: ("种子", "the seed"),
            required: true,
            meaning: "The seed of the draw.",
            example: Some(("seed = \"2026-03-15\"", "seed = \"2026-03-15\"")),
            hint: ("", ""),
            form: Some(("种子", "Seed")),
        },
        Key {
            name: "from",
            shape: Shape::Text,
            term: ("清单文件", "the list file"),
            required: true,
            meaning: "The list drawn from, one item a line, relative to the audit file.",
            example: Some(("from = \"pool.txt\"", "from = \"pool.txt\"")),
            hint: ("", ""),
            form: Some(("清单文件", "List file")),
        },
        Key {
            name: "sha256",
            shape: Shape::Text,
            term: ("清单的 SHA-256", "the list's SHA-256"),
            required: true,
            meaning: "The list file's SHA-256, 64 hexadecimal digits.",
            example: Some((
                "sha256 = \"（bscore sample draw 给出的 SHA-256）\"",
                "sha256 = \"(the SHA-256 bscore sample draw prints)\"",
            )),
            hint: ("", ""),
            form: Some(("清单 SHA-256", "List SHA-256")),
        },
    ],
};

/// A `[[sites]]` entry: a service area or site in scope (§8.2 b 4).
pub(crate) const SITE: Table = Table {
    schema_name: "Site",
    meaning: "A service area or site in the audit's scope (§8.2 b 4).",
    keys: &[
        Key {
            name: "id",
            shape: Shape::Text,
            term: ("现场编号", "the site's id"),
            required: true,
            meaning: "The id samples name the site by; unique.",
            example: Some(("id = \"sh\"", "id = \"sh\"")),
            hint: ("", ""),
            form: Some(("现场编号", "Site id")),
        },
        Key {
            name: "name",
            shape: Shape::Text,
            term: ("现场名称", "the site's name"),
            required: true,
            meaning: "The site's name, as reports show it.",
            example: Some(("name = \"上海数据中心\"", "name = \"Shanghai data centre\"")),
            hint: ("", ""),
            form: Some(("现场名称", "Site name")),
        },
    ],
};

/// A `[[special_deductions]]` entry (§8.3 c 3).
pub(crate) const SPECIAL_DEDUCTION: Table = Table {
    schema_name: "SpecialDeduction",
    meaning: "A special deduction (§8.3 c 3): −1 point, and the evaluation fails.",
    keys: &[
        Key {
            name: "kind",
            shape: Shape::DeductionKind,
            term: ("特别扣分类型", "special deduction kind"),
            required: true,
            meaning: "",
            example: None,
            hint: ("", ""),
            form: Some(("类型", "Kind")),
        },
        Key {
            name: "finding",
            shape: Shape::Text,
            term: ("发现的问题", "the finding"),
            required: true,
            meaning: "What the assessor found.",
            example: Some((
                "finding = \"（发现的问题）\"",
                "finding = \"(what was found)\"",
            )),
            hint: ("", ""),
            form: Some(("发现", "Finding")),
        },
        BY,
    ],
};

/// The `[bonus]` table (§8.3 c 4). On the form a bonus is a row of the
/// second sheet, its practice under the finding's heading.
pub(crate) const BONUS: Table = Table {
    schema_name: "Bonus",
    meaning: "The best-practice bonus (§8.3 c 4): +1 point, at most one.",
    keys: &[
        Key {
            name: "practice",
            shape: Shape::Text,
            term: ("最佳实践", "the practice"),
            required: true,
            meaning: "The practice observed.",
            example: Some((
                "practice = \"（观察到的最佳实践）\"",
                "practice = \"(the practice observed)\"",
            )),
            hint: ("", ""),
            form: Some(("发现", "Finding")),
        },
        BY,
        Key {
            name: "resolved",
            shape: Shape::Resolved,
            term: ("分歧的解决", "how a disagreement was resolved"),
            required: false,
            meaning: "How `bscore merge --resolutions` settled two different bonuses.",
            example: Some((
                "resolved = { take = \"（评价人员）\", why = \"（理由）\" }",
                "resolved = { take = \"(the assessor)\", why = \"(the reason)\" }",
            )),
            hint: ("", ""),
            form: None,
        },
    ],
};

/// The words that say yes (an item conforms), as either keyboard types
/// them: the audit's `conforms = "是"` is told to be `true`, and a form's
/// 符合 cell reads them. The form's own word first, then the English.
pub(crate) const YES_WORDS: [&str; 8] = ["是", "符合", "对", "yes", "y", "true", "√", "✓"];

/// The words that say no, as [`YES_WORDS`]; the form's live counts count
/// the items that hold one.
pub(crate) const NO_WORDS: [&str; 8] = ["否", "不符合", "错", "no", "n", "false", "×", "✗"];

/// Whether `text` says yes or no, case and spaces aside.
pub(crate) fn yes_or_no(text: &str) -> Option<bool> {
    let text = text.trim().to_lowercase();
    let said = |words: &[&str]| words.contains(&text.as_str());
    match (said(&YES_WORDS), said(&NO_WORDS)) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    }
}

/// The word for the bonus in the form's 类型 column, beside the special
/// deduction kinds' names: Chinese, English.
pub(crate) const BONUS_ON_FORM: (&str, &str) = ("加分", "bonus");

/// A top-level table of an audit file.
#[derive(Debug)]
pub(crate) struct Section {
    /// Its name: `[audit]`, `[[special_deductions]]`…
    pub(crate) name: &'static str,
    /// What it holds, as the JSON Schema describes it.
    pub(crate) meaning: &'static str,
    /// Whether the file needs it.
    pub(crate) required: bool,
    /// How it is written.
    pub(crate) holds: Holds,
}

/// How a top-level table is written.
#[derive(Debug)]
pub(crate) enum Holds {
    /// One table: `[audit]`, `[bonus]`.
    One(&'static Table),
    /// An array of tables: `[[special_deductions]]`.
    Many(&'static Table),
    /// One key per checklist indicator, each a coefficient or a
    /// [`INDICATOR`] table.
    Indicators,
}

/// The top-level tables, in the order the schema lists them.
pub(crate) const SECTIONS: [Section; 6] = [
    Section {
        name: "audit",
        meaning: "Who was audited, when and by whom.",
        required: true,
        holds: Holds::One(&AUDIT),
    },
    Section {
        name: "sites",
        meaning: "The service areas or sites in scope (§8.2 b 4), as `[[sites]]`.",
        required: false,
        holds: Holds::Many(&SITE),
    },
    Section {
        name: "indicators",
        meaning: "One key per indicator: the Appendix A label, or the body clause where it differs.",
        required: false,
        holds: Holds::Indicators,
    },
    Section {
        name: "special_deductions",
        meaning: "Special deductions (§8.3 c 3), as `[[special_deductions]]`.",
        required: false,
        holds: Holds::Many(&SPECIAL_DEDUCTION),
    },
    Section {
        name: "bonus",
        meaning: "The best-practice bonus (§8.3 c 4), as one `[bonus]` table.",
        required: false,
        holds: Holds::One(&BONUS),
    },
    Section {
        name: "merged",
        meaning: "The parts and resolutions file `bscore merge` joined, as `[[merged]]`.",
        required: false,
        holds: Holds::Many(&MERGED),
    },
];

impl Table {
    /// The key named `name`.
    pub(crate) fn key(&self, name: &str) -> Option<&'static Key> {
        self.keys.iter().find(|key| key.name == name)
    }

    /// What the key `name` holds, in the assessor's words: Chinese,
    /// English (empty for a key the table lacks).
    pub(crate) fn term(&self, name: &str) -> (&'static str, &'static str) {
        self.key(name).map_or(("", ""), |key| key.term)
    }
}

/// The label of `table`'s key `name` on the form, or its term where the
/// form has none: Chinese, English.
pub(crate) fn form_label(table: &Table, name: &str) -> (&'static str, &'static str) {
    table
        .key(name)
        .map_or(("", ""), |key| key.form.unwrap_or(key.term))
}

/// Whether `[audit]` must have `key` (the form's formulas count an empty
/// required field as one still to fill in).
pub(crate) fn audit_field_is_required(key: &str) -> bool {
    AUDIT.key(key).is_some_and(|key| key.required)
}

/// The keys an indicator written as a table may have.
pub(crate) fn indicator_keys() -> impl Iterator<Item = &'static str> + Clone {
    INDICATOR.keys.iter().map(|key| key.name)
}

/// The number of `table`'s keys that the form holds.
pub(crate) const fn on_form(table: &Table) -> usize {
    let mut count = 0;
    let mut index = 0;
    while index < table.keys.len() {
        if table.keys[index].form.is_some() {
            count += 1;
        }
        index += 1;
    }
    count
}

/// The keys of `table` that the form holds, as (key, Chinese, English),
/// the required ones first (the order the form's rows ask for them).
/// `N` must be [`on_form`]`(table)`.
pub(crate) const fn form_labels<const N: usize>(
    table: &Table,
) -> [(&'static str, &'static str, &'static str); N] {
    let mut labels = [("", "", ""); N];
    let mut count = 0;
    let mut pass = 0;
    while pass < 2 {
        let mut index = 0;
        while index < table.keys.len() {
            let key = &table.keys[index];
            if let Some((zh, en)) = key.form
                && key.required == (pass == 0)
            {
                labels[count] = (key.name, zh, en);
                count += 1;
            }
            index += 1;
        }
        pass += 1;
    }
    assert!(count == N, "N is the number of keys on the form");
    labels
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Lang;
    use crate::render::Labels;

    /// The names of the audit kinds and the bonus are the reports': one
    /// vocabulary, whichever way a kind is told.
    #[test]
    fn the_kinds_names_are_the_reports_names() {
        for lang in [Lang::Zh, Lang::En] {
            let labels = Labels::of(lang);
            let names: Vec<&str> = (AUDIT_KINDS.options.iter())
                .map(|opt| {
                    opt.name
                        .map(|(zh, en)| if lang == Lang::Zh { zh } else { en })
                })
                .map(Option::unwrap)
                .collect();
            assert_eq!(names, labels.kinds);
            let bonus = if lang == Lang::Zh {
                BONUS_ON_FORM.0
            } else {
                BONUS_ON_FORM.1
            };
            assert_eq!(bonus, labels.bonus_kind);
        }
        let ids: Vec<&str> = AUDIT_KINDS.options.iter().map(|opt| opt.id).collect();
        let kinds: Vec<&str> = super::super::model::AuditKind::ALL
            .iter()
            .map(|k| k.id())
            .collect();
        assert_eq!(ids, kinds);
    }

    /// The rows of a table in docs/audit-format.md under `heading`: each
    /// row's first cell (the key, without backticks) and second.
    fn documented(heading: &str) -> Vec<(String, String)> {
        let docs = include_str!("../../docs/audit-format.md");
        let section = docs.split(heading).nth(1).expect(heading);
        (section.lines())
            .skip_while(|line| !line.starts_with("| key"))
            .skip(2)
            .take_while(|line| line.starts_with('|'))
            .map(|line| {
                let cells: Vec<&str> = line.split('|').map(str::trim).collect();
                (cells[1].trim_matches('`').to_string(), cells[2].to_string())
            })
            .collect()
    }

    /// Every key is documented, with whether it is required, and no other:
    /// adding a key to a table here asks for its meaning there.
    #[test]
    fn the_docs_list_every_key() {
        for (heading, table) in [
            ("## `[audit]`", &AUDIT),
            ("### The keys of an indicator table", &INDICATOR),
        ] {
            let mut expected: Vec<(String, String)> = (table.keys.iter())
                .map(|key| {
                    let required = if key.required { "yes" } else { "no" };
                    (key.name.to_string(), required.to_string())
                })
                .collect();
            let mut documented = documented(heading);
            documented.sort();
            expected.sort();
            assert_eq!(documented, expected, "{heading}");
        }
    }

    #[test]
    fn a_choice_is_named_by_its_id_its_names_or_its_words() {
        assert_eq!(AUDIT_KINDS.named("Re-evaluation"), Some("recertification"));
        assert_eq!(AUDIT_KINDS.named("复评"), Some("recertification"));
        assert_eq!(AUDIT_KINDS.named(" INITIAL "), Some("initial"));
        assert_eq!(AUDIT_KINDS.named("年度评价"), None);
        assert_eq!(UNASSESSED.named("合格"), Some("conform"));
    }

    #[test]
    fn the_form_asks_for_the_required_keys_first() {
        let labels: [_; on_form(&AUDIT)] = form_labels(&AUDIT);
        let keys: Vec<&str> = labels.iter().map(|(key, _, _)| *key).collect();
        assert_eq!(
            keys,
            [
                "organization",
                "service",
                "assessors",
                "date",
                "kind",
                "cycle_start",
                "part"
            ]
        );
    }
}
