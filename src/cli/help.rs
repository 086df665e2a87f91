//! `--help`, the manual and completion scripts in the language of
//! messages: the English wording is the command line's own definition
//! (the doc comments clap derives it from), the Chinese one this table,
//! keyed by command and argument, so the command line is defined once.
//! A test checks that every command and argument has its Chinese text and
//! that the table names none that does not exist.

use super::args::Cli;
use crate::render::Lang;
use clap::{Command, CommandFactory};

/// The Chinese help of each command (`evaluate`) and argument
/// (`evaluate.format`, or `*.format` for every command that has no entry
/// of its own); `""` is bscore itself.
pub(super) const ZH: &[(&str, &str)] = &[
    (
        "",
        "按 T/STIC130010-2022《区块链服务认证规范》附录 A 评分表为区块链服务评分、定级",
    ),
    (
        "*.quiet",
        "标准输出不打印任何内容（错误仍写到标准错误，结果看退出码）",
    ),
    (
        "*.lang",
        "报告和提示的语言：zh 中文，en 英文［默认：zh，或环境变量 BSCORE_LANG］",
    ),
    ("*.help", "显示帮助"),
    ("*.version", "显示版本及内置评分表对应的标准"),
    (
        "*.checklist",
        "使用此评分表 TOML 文件，而不是内置的附录 A 评分表",
    ),
    (
        "*.width",
        "表格宽度为 N 列［默认：终端宽度；输出到管道时为 COLUMNS，否则 100］；小于 60 时每行画成一块",
    ),
    ("*.ascii", "表格只用 ASCII 字符绘制"),
    ("*.output", "写入文件 FILE，而不是标准输出"),
    ("*.force", "--output 指定的文件已存在时覆盖它"),
    (
        "evaluate",
        "为评价文件评分、定级（目录则评其中每个 *.toml 和 *.xlsx 表单）",
    ),
    (
        "evaluate.audits",
        "评价文件（TOML 或 XLSX 表单）或目录；`-` 读标准输入",
    ),
    (
        "evaluate.format",
        "输出格式［默认：table 表格，或 --output 文件扩展名对应的格式：.json .md .csv .html .xlsx］",
    ),
    (
        "evaluate.min_grade",
        "任一评价未达到此等级则退出码为 1，并在标准错误列出；等级可写编号（compliant、silver、gold、platinum）或名称（达标级、三星级、银、四星级（金牌）、金牌、五星、铂金、Four-star (Gold) …）",
    ),
    (
        "evaluate.detail",
        "列出每个指标（表格和 Markdown），而不只是扣分的指标",
    ),
    (
        "evaluate.no_bom",
        "CSV 不加 UTF-8 字节顺序标记（默认加上，以便 Excel 和 WPS 正确显示中文）",
    ),
    ("validate", "检查评价文件，不评分"),
    (
        "validate.audits",
        "评价文件（TOML 或 XLSX 表单）或目录；`-` 读标准输入",
    ),
    ("gap", "要达到更高等级，最少需整改哪些指标"),
    ("gap.audit", "评价文件（TOML 或 XLSX 表单）；`-` 读标准输入"),
    (
        "gap.target",
        "要达到的等级，写法同 --min-grade［默认：整改特别扣分项后所得等级的上一级］",
    ),
    ("gap.format", "输出格式"),
    (
        "evaluate.strict_cycle",
        "有评价逾期（认证周期已满应重新评价，却仍为监督评价）时退出码为 1（逾期总会在标准错误上指出）",
    ),
    ("compare", "同一服务的两次评价之间有何变化"),
    ("compare.old", "较早的评价（如初次评价）"),
    ("compare.new", "较晚的评价（如监督评价）"),
    (
        "compare.format",
        "输出格式［默认：table 表格，或 --output 文件扩展名对应的格式：.md .json］",
    ),
    (
        "*.rules",
        "按此评分细则（认证机构的 TOML 文件）检查每个指标的评价，并在报告中按细则说明每处扣分［也可用环境变量 BSCORE_RULES］",
    ),
    (
        "compare.old_rules",
        "原评价所按的评分细则（不是 --rules 那份时，如旧版本）；对比会指出两者不同",
    ),
    (
        "history",
        "同一服务历次评价：得分、等级、趋势、变差的指标、各不符合项的整改情况，并检查认证周期",
    ),
    (
        "history.audits",
        "该服务的评价文件（TOML 或 XLSX 表单），或存放它们的文件夹；顺序不限，按日期排列",
    ),
    (
        "history.format",
        "输出格式［默认：table 表格，或 --output 文件扩展名对应的格式：.md .json .html］",
    ),
    ("sample", "抽样与现场：样本量、应访问的现场数、可重复的抽样"),
    (
        "sample size",
        "在给定置信度下表明不符合比例不超过可容忍比例所需的最小样本量（样本中无不符合项）",
    ),
    ("sample sites", "应访问的现场数：⌈√N⌉、⌈0.6·√N⌉ 或 ⌈0.8·√N⌉"),
    (
        "sample draw",
        "可重复地抽样：按 SHA-256(种子:样本) 排序取前 N 项",
    ),
    ("sample help", "显示本帮助，或所给子命令的帮助"),
    (
        "sample size.population",
        "样本所抽自的总体数量［默认：视为很大的总体］",
    ),
    ("sample size.confidence", "置信度（百分数）"),
    ("sample size.tolerable", "可容忍的不符合比例（百分数）"),
    ("sample size.format", "输出格式"),
    ("sample sites.count", "范围内的现场或服务区域数"),
    ("sample sites.kind", "评价类型"),
    ("sample sites.format", "输出格式"),
    (
        "sample draw.from",
        "抽样所依据的清单：每行一项（或一个现场）；`-` 读标准输入",
    ),
    ("sample draw.size", "抽取的项数"),
    ("sample draw.seed", "种子：同一种子抽出同样的样本"),
    ("sample draw.format", "输出格式"),
    ("rules", "评分细则：生成起始文件、检查细则，或打印成文件"),
    (
        "rules init",
        "生成一份起始评分细则，列出每个指标及其检查内容",
    ),
    (
        "rules check",
        "检查评分细则文件：一次列出所有问题，以及警告",
    ),
    ("rules show", "把评分细则打印成认证机构发布的文件"),
    ("rules check.file", "评分细则文件（TOML）；`-` 读标准输入"),
    ("rules show.file", "评分细则文件（TOML）；`-` 读标准输入"),
    (
        "rules show.format",
        "输出格式［默认：table 表格，或 --output 文件扩展名对应的格式：.md .html .xlsx］",
    ),
    (
        "plan",
        "打印评价计划：每个指标由谁评价，并列出评分细则中的检查方法、查阅材料和抽样",
    ),
    (
        "plan.plan",
        "评价计划文件（TOML，见 docs/team.md）；`-` 读标准输入",
    ),
    (
        "plan.rules",
        "认证机构的评分细则（TOML）：计划为每个指标列出其中的检查方法、查阅材料和抽样［也可用环境变量 BSCORE_RULES］",
    ),
    (
        "plan.format",
        "输出格式［默认：table 表格，或 --output 文件扩展名对应的格式：.md .html .json .xlsx］",
    ),
    ("checklist", "显示所用的评分表"),
    ("checklist.format", "输出格式"),
    ("template", "生成列出全部指标的评价文件模板，供填写"),
    (
        "template.rules",
        "按此评分细则生成 XLSX 表单：扣分系数单元格只可从细则规定的等级中选取，每行旁列出各等级的条件，表头写明细则名称和版本（TOML 模板不变）［也可用环境变量 BSCORE_RULES］",
    ),
    (
        "template.format",
        "toml：供编辑的评价文件；xlsx：在 Excel、WPS 或 LibreOffice 中填写的附录 A 表单（需 --output）［默认：toml，--output 文件名以 .xlsx 结尾时为 xlsx］",
    ),
    (
        "template.plan",
        "评价计划（TOML，见 docs/team.md）：写出 --assessor 所指组员的分工，只列出计划分给其评价的指标",
    ),
    (
        "template.assessor",
        "写出其分工的组员（--plan 中 [[team]] 的 name）",
    ),
    (
        "convert",
        "把 TOML 评价文件转成 XLSX 表单，或把填好的表单转成 TOML",
    ),
    ("convert.audit", "要转换的评价：TOML 文件或 XLSX 表单"),
    (
        "next",
        "下一次评价的骨架：按认证周期定类型（监督评价，或周期届满时的重新评价）和日期，沿用上次的表头和现场，每个指标旁注上次的结果，上次的不符合项排在最前",
    ),
    (
        "next.audit",
        "上次的评价文件（TOML 或 XLSX 表单），或同一服务各次评价所在的目录：按评价日期取最近的一次",
    ),
    (
        "next.date",
        "下一次评价的计划日期（YYYY-MM-DD）［默认：最迟可进行评价的日期］",
    ),
    (
        "merge",
        "把评价小组各成员的分工部分合并成一份评价文件：每处分歧都列出，并按解决记录解决、留档",
    ),
    (
        "merge.parts",
        "各成员的分工部分（[audit] 中有 part）：TOML 评价文件或 XLSX 表单，可混用",
    ),
    (
        "merge.plan",
        "评价计划（见 docs/team.md）：无人评价的指标注明计划分配给谁，由非分配人员评价的指标予以列出",
    ),
    (
        "merge.resolutions",
        "评价小组对每处分歧的解决：[resolve.\"编号\"] 表，每个写 take（采纳谁的评价）或 value（商定的扣分系数），以及 why（理由）",
    ),
    ("verify", "核对一份结果或报告是否出自某评价文件（及检查表）"),
    (
        "verify.result",
        "bscore evaluate 的结果：JSON（一个对象或一个数组），或带有结果的 HTML、XLSX 报告；或 bscore report 生成的 DOCX 评价报告",
    ),
    ("verify.audit", "据称产生该结果的评价文件"),
    (
        "report",
        "写出交给经营者的评价报告（可打印的 HTML，或可编辑的 DOCX）：服务与评价范围、评价组与评价方法、各大类得分、每个不符合项、认证周期、签字栏和结果溯源",
    ),
    (
        "report.audit",
        "评价文件（TOML 或 XLSX 表单）；`-` 读标准输入",
    ),
    (
        "report.rules",
        "认证机构的评分细则（TOML）：逐项检查每个评价结论，每个不符合项注明所符合条件的细则档次，每个指标列出检查方法和查阅材料［环境变量 BSCORE_RULES］",
    ),
    (
        "report.plan",
        "本次评价所依据的评价计划（TOML，见 docs/team.md）：列出计划的评价组，以及实际评价与计划的偏离",
    ),
    (
        "report.output",
        "写入文件 FILE：.html（可打印的 A4 网页）或 .docx（可在 Word、WPS、LibreOffice 中编辑）［默认：HTML 写到标准输出］",
    ),
    (
        "schema",
        "输出评价文件的 JSON Schema，供编辑器（taplo、VS Code）检查",
    ),
    ("completions", "输出某个 shell 的命令补全脚本"),
    ("completions.shell", "shell 的名称"),
    ("man", "输出手册页（roff），或每个命令写一页"),
    (
        "man.output_dir",
        "把 bscore.1 和每个命令的手册页（bscore-evaluate.1 …）写入目录 DIR（不存在则创建）；不给此项则打印 bscore.1",
    ),
    ("man.force", "覆盖 DIR 中已有的手册页"),
    ("help", "显示本帮助，或所给子命令的帮助"),
    ("rules help", "显示本帮助，或所给子命令的帮助"),
];

/// The Chinese help of argument `id` of command `command` (`""` for
/// bscore itself).
fn zh_of_arg(command: &str, id: &str) -> Option<&'static str> {
    lookup(&format!("{command}.{id}")).or_else(|| lookup(&format!("*.{id}")))
}

fn lookup(key: &str) -> Option<&'static str> {
    ZH.iter().find(|(k, _)| *k == key).map(|(_, zh)| *zh)
}

/// The command line as `lang` shows it (`--help` and the manual in the
/// language of messages).
pub(super) fn command_in(lang: Lang) -> clap::Command {
    localized(Cli::command(), lang)
}

/// The command line as it shows itself in `lang`: in Chinese, every
/// command and argument described by the table, and clap's own words
/// (headings, possible and default values) in Chinese too.
pub(super) fn localized(command: Command, lang: Lang) -> Command {
    let mut command = command;
    command.build();
    match lang {
        Lang::En => command,
        Lang::Zh => in_chinese(command, ""),
    }
}

/// `command` (named `name` in the table) and its subcommands in Chinese.
fn in_chinese(command: Command, name: &str) -> Command {
    let about = lookup(name).map(str::to_string);
    let template = chinese_template(&command);
    let command = command
        .help_template(template)
        .subcommand_value_name("命令")
        .mut_args(|arg| {
            let id = arg.get_id().as_str().to_string();
            chinese_arg(arg, zh_of_arg(name, &id))
        })
        .mut_subcommands(|subcommand| {
            let name = qualified(name, subcommand.get_name());
            in_chinese(subcommand, &name)
        });
    match about {
        Some(about) => command.about(about).long_about(None),
        None => command,
    }
}

/// A subcommand's key in the table: its name, after its parent's for a
/// command of a command (`rules init`).
fn qualified(parent: &str, name: &str) -> String {
    match parent {
        "" => name.to_string(),
        parent => format!("{parent} {name}"),
    }
}

/// The help page of `command` with Chinese headings and punctuation
/// (clap writes its own headings with an ASCII colon): only the sections
/// the command has.
fn chinese_template(command: &Command) -> String {
    let shown = |positional: bool| {
        (command.get_arguments()).any(|arg| !arg.is_hide_set() && arg.is_positional() == positional)
    };
    let mut template = String::from("{about-with-newline}\n用法：{usage}\n");
    if command
        .get_subcommands()
        .any(|subcommand| !subcommand.is_hide_set())
    {
        template.push_str("\n命令：\n{subcommands}\n");
    }
    if shown(true) {
        template.push_str("\n参数：\n{positionals}\n");
    }
    if shown(false) {
        template.push_str("\n选项：\n{options}\n");
    }
    template.push_str("{after-help}");
    template
}

/// One argument in Chinese: its help from the table, its possible and
/// default values in Chinese words.
fn chinese_arg(arg: clap::Arg, zh: Option<&str>) -> clap::Arg {
    let mut help = zh.map_or_else(
        || arg.get_help().map(ToString::to_string).unwrap_or_default(),
        str::to_string,
    );
    let takes_values = arg.get_action().takes_values();
    let values: Vec<String> = (arg.get_possible_values().iter())
        .filter(|value| !value.is_hide_set())
        .map(|value| value.get_name().to_string())
        .collect();
    if takes_values && !values.is_empty() && !arg.is_hide_possible_values_set() {
        help.push_str(&format!("［可选：{}］", values.join("、")));
    }
    let defaults: Vec<String> = (arg.get_default_values().iter())
        .map(|value| value.to_string_lossy().into_owned())
        .collect();
    if takes_values && !defaults.is_empty() && !arg.is_hide_default_value_set() {
        help.push_str(&format!("［默认：{}］", defaults.join("、")));
    }
    arg.help(help)
        .long_help(None)
        .hide_possible_values(true)
        .hide_default_value(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command's and argument's key in the table, and whether each
    /// has a Chinese text.
    fn missing_and_known() -> (Vec<String>, Vec<String>) {
        let mut command = Cli::command();
        command.build();
        let mut missing = Vec::new();
        let mut known = Vec::new();
        let mut visit = |name: &str, command: &Command| {
            known.push(name.to_string());
            if lookup(name).is_none() {
                missing.push(format!("command `{name}`"));
            }
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                known.push(format!("{name}.{id}"));
                known.push(format!("*.{id}"));
                if zh_of_arg(name, id).is_none() {
                    missing.push(format!("{name}.{id}"));
                }
            }
        };
        visit("", &command);
        for subcommand in command.get_subcommands() {
            visit(subcommand.get_name(), subcommand);
            // `help`'s own subcommands are the commands again.
            let nested = (subcommand.get_name() != "help").then(|| subcommand.get_subcommands());
            for nested in nested.into_iter().flatten() {
                visit(&qualified(subcommand.get_name(), nested.get_name()), nested);
            }
        }
        (missing, known)
    }

    #[test]
    fn every_command_and_argument_has_its_chinese_help() {
        let (missing, _) = missing_and_known();
        assert!(missing.is_empty(), "no Chinese help for {missing:?}");
    }

    #[test]
    fn the_table_names_only_commands_and_arguments_that_exist() {
        let (_, known) = missing_and_known();
        for (key, _) in ZH {
            assert!(
                known.iter().any(|k| k == key),
                "`{key}` is no command or argument"
            );
        }
    }

    #[test]
    fn the_chinese_command_line_still_parses() {
        localized(Cli::command(), Lang::Zh).debug_assert();
    }
}
