//! The words people write for a 细则's keys: the standard's terms, other
//! spellings, the audit's keys for the same idea. A leaf, so that the
//! readers of tables (`rule`) and of syntax slips (`slips`) both name the
//! key meant without importing each other.

/// Words people write for the 细则's keys, by the key they mean: the
/// standard's terms, other spellings, the audit's keys for the same idea.
const WORDS: &[(&str, &[&str])] = &[
    ("title", &["name", "标题", "名称", "细则名称"]),
    ("version", &["ver", "版本", "版本号"]),
    ("standard", &["standard_code", "code", "标准", "标准编号"]),
    ("methods", &["method", "检查方法", "方法", "评价方法"]),
    (
        "evidence",
        &["evidences", "records", "record", "证据", "材料", "查阅材料"],
    ),
    (
        "levels",
        &["level", "coefficients", "扣分等级", "等级", "扣分系数"],
    ),
    ("sample", &["sampling", "samples", "抽样", "抽样要求"]),
    (
        "exclusion",
        &[
            "excluded",
            "exclude",
            "excludable",
            "删减",
            "可删减",
            "允许删减",
        ],
    ),
    (
        "guidance",
        &[
            "guide",
            "note",
            "notes",
            "remark",
            "指导",
            "说明",
            "备注",
            "评分指导",
        ],
    ),
    ("when", &["condition", "if", "条件", "情形", "适用条件"]),
    ("coefficient", &["coef", "coeff", "系数", "扣分系数"]),
    ("unit", &["item", "items", "单位", "抽样单位"]),
    (
        "minimum",
        &[
            "min",
            "min_size",
            "size",
            "sampled",
            "最少",
            "最少抽样数",
            "最小样本量",
        ],
    ),
    ("rules", &["rule", "细则", "评分细则"]),
    ("defaults", &["default", "默认"]),
    ("indicators", &["indicator", "指标"]),
];

/// The key among `known` that `name` means, by [`WORDS`].
pub(super) fn meant(name: &str, known: &[&'static str]) -> Option<&'static str> {
    let lowered = name.trim().to_lowercase().replace(['-', ' '], "_");
    (WORDS.iter())
        .filter(|(key, _)| known.contains(key))
        .find(|(_, words)| words.contains(&lowered.as_str()))
        .map(|(key, _)| *key)
}
