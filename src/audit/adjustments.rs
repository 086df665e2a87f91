//! `[[special_deductions]]` and `[bonus]` (§8.3 c 3, c 4): each kind a
//! checklist's, each finding and practice written.

use super::context::{Context, Dialect};
use super::fields::{self, written_text};
use super::format::{BONUS, BONUS_ON_FORM, SPECIAL_DEDUCTION, form_label};
use super::model::{Bonus, SpecialDeduction};
use crate::diagnostic::Diagnostic;
use crate::message::Lang;
use crate::message::t;
use std::ops::Range;
use toml::Spanned;
use toml::de::DeValue;
pub(super) fn special_deductions(
    cx: &mut Context<'_>,
    value: &Spanned<DeValue<'_>>,
) -> Vec<SpecialDeduction> {
    let Some(items) = value.get_ref().as_array() else {
        cx.problems.push(
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
            let fields = fields::table(
                cx,
                item,
                "special_deductions",
                item.span(),
                SPECIAL_DEDUCTION.keys,
            )?;
            let kind = fields.text("kind");
            let finding = fields.text("finding");
            let id = (kind.as_ref())
                .and_then(|kind| deduction_kind(cx, kind.get_ref()))
                .map(str::to_string);
            if let (Some(kind), None) = (&kind, &id) {
                let problem = unknown_deduction_kind(cx, kind.get_ref().trim());
                cx.problems
                    .push(problem.at(kind.span()).key("special_deductions.kind"));
            }
            let by = super::team::by_of(cx, &fields, "special_deductions");
            let known = id.is_some() && by.is_ok();
            let finding = written_text(
                &finding?,
                "special_deductions.finding",
                ("发现的问题", "the finding"),
            )
            .map_err(|problem| cx.problems.push(problem))
            .ok()?;
            (known && fields.complete).then(|| SpecialDeduction {
                kind: id.unwrap_or_default(),
                finding,
                by: by.unwrap_or_default(),
            })
        })
        .collect()
}

/// The id of the special deduction kind `written` names: its id; on a
/// form, also its short name in either language (法律法规, law).
fn deduction_kind<'c>(cx: &Context<'c>, written: &str) -> Option<&'c str> {
    let written = written.trim();
    let kinds = &cx.checklist.special_deduction_kinds;
    match cx.dialect {
        Dialect::Toml => kinds.iter().find(|kind| kind.id == written),
        Dialect::Form => kinds.iter().find(|kind| kind.is_named(written)),
    }
    .map(|kind| kind.id.as_str())
}

/// An unknown special deduction kind: the checklist's ids for a TOML
/// audit; on a form, the names its 类型 list offers, in the message's
/// language, with the bonus's.
fn unknown_deduction_kind(cx: &Context<'_>, written: &str) -> Diagnostic {
    let kinds = &cx.checklist.special_deduction_kinds;
    if cx.dialect == Dialect::Toml {
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

pub(super) fn bonus(
    cx: &mut Context<'_>,
    value: &Spanned<DeValue<'_>>,
    name: Range<usize>,
) -> Option<Bonus> {
    if value.get_ref().is_array() {
        cx.problems.push(
            Diagnostic::new(t!(
                "最佳实践加分至多一项（§8.3 c 4）：只写一个 [bonus] 表",
                "at most one best-practice bonus counts (§8.3 c 4): write a single [bonus] table"
            ))
            .at(value.span())
            .key("bonus"),
        );
        return None;
    }
    let fields = fields::table(cx, value, "bonus", name, BONUS.keys)?;
    let by = super::team::by_of(cx, &fields, "bonus");
    let resolved = super::team::resolved_of(cx, &fields, "bonus");
    let practice = fields.text("practice")?;
    let practice = written_text(&practice, "bonus.practice", ("最佳实践", "the practice"))
        .map_err(|problem| cx.problems.push(problem))
        .ok()?;
    let bonus = Bonus {
        practice,
        by: by.ok()?,
        resolved: resolved.ok()?,
    };
    fields.complete.then_some(bonus)
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
