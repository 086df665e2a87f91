//! The manual pages (`bscore man`): clap's pages for the command and each
//! subcommand — name, synopsis, description, options — followed by what
//! clap does not know: the exit status, examples, the files read and
//! written, the environment and, where audits are read, the audit format.
//! Each page is in the language of messages: the command line's own
//! descriptions come localized with it (see `cli::help`), and every text
//! written here is a pair, Chinese and English.

use crate::message::Lang;
use clap::Command;
use roff::{Roff, bold, italic, roman};

/// A term and its description in Chinese and in English.
type Item = (&'static str, &'static str, &'static str);

/// One page: its file name (`bscore-evaluate.1`) and its roff text.
pub struct Page {
    /// The file name, as `man` looks it up.
    pub file_name: String,
    /// The page, in roff.
    pub text: Vec<u8>,
}

/// Every page: `bscore` itself, then each subcommand.
/// `command` is the command line as it shows itself in `lang`.
pub fn pages(command: Command, lang: Lang) -> std::io::Result<Vec<Page>> {
    let mut command = command.disable_help_subcommand(true);
    command.build();
    let mut pages = vec![page(&command, None, lang)?];
    for subcommand in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = subcommand.get_name();
        pages.push(page(subcommand, Some(name), lang)?);
        // A command of commands (`rules`) has a page for each of them too:
        // `man bscore-rules-show`.
        let nested =
            (subcommand.get_subcommands()).filter(|s| !s.is_hide_set() && s.get_name() != "help");
        for nested in nested {
            let full = format!("{name}-{}", nested.get_name());
            pages.push(page(nested, Some(&full), lang)?);
        }
    }
    Ok(pages)
}

/// The wording of `(zh, en)` in `lang`.
fn pick(lang: Lang, (zh, en): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The section headings clap_mangen writes, in Chinese.
const CLAP_SECTIONS: [(&str, &str); 5] = [
    ("NAME", "名称"),
    ("SYNOPSIS", "概要"),
    ("DESCRIPTION", "描述"),
    ("OPTIONS", "选项"),
    ("SUBCOMMANDS", "子命令"),
];

/// clap_mangen's part of a page, its headings in `lang`.
fn clap_sections(text: Vec<u8>, lang: Lang) -> Vec<u8> {
    if lang == Lang::En {
        return text;
    }
    let mut text = String::from_utf8_lossy(&text).into_owned();
    for (en, zh) in CLAP_SECTIONS {
        text = text.replace(&format!(".SH {en}\n"), &format!(".SH {zh}\n"));
    }
    text.into_bytes()
}

fn page(command: &Command, name: Option<&str>, lang: Lang) -> std::io::Result<Page> {
    let man = clap_mangen::Man::new(command.clone())
        .manual(pick(lang, ("bscore 手册", "bscore manual")))
        .source(format!("bscore {}", env!("CARGO_PKG_VERSION")));
    let file_name = man.get_filename();
    let mut text = Vec::new();
    man.render_title(&mut text)?;
    man.render_name_section(&mut text)?;
    man.render_synopsis_section(&mut text)?;
    man.render_description_section(&mut text)?;
    if command.get_arguments().any(|arg| !arg.is_hide_set()) {
        man.render_options_section(&mut text)?;
    }
    if command.has_subcommands() {
        man.render_subcommands_section(&mut text)?;
    }
    let mut text = clap_sections(text, lang);
    let mut roff = Roff::new();
    exit_status(&mut roff, name, lang);
    examples(&mut roff, name, lang);
    environment(&mut roff, lang);
    files(&mut roff, name, lang);
    if matches!(
        name,
        None | Some("evaluate" | "validate" | "template" | "gap" | "convert")
    ) {
        audit_format(&mut roff, lang);
    }
    see_also(&mut roff, name, lang);
    roff.to_writer(&mut text)?;
    Ok(Page { file_name, text })
}

/// A section heading, in `lang`.
fn heading(roff: &mut Roff, lang: Lang, words: (&'static str, &'static str)) {
    roff.control("SH", [pick(lang, words)]);
}

/// `.TP` items: a bold term, then its description in `lang`.
fn items(roff: &mut Roff, items: &[Item], lang: Lang) {
    for (term, zh, en) in items {
        roff.control("TP", []);
        roff.text([bold(*term)]);
        roff.text([roman(pick(lang, (*zh, *en)))]);
    }
}

fn exit_status(roff: &mut Roff, name: Option<&str>, lang: Lang) {
    heading(roff, lang, ("退出状态", "EXIT STATUS"));
    let status: &[Item] = match name {
        None | Some("evaluate") => &[
            (
                "0",
                "每份评价都已评分且合格，给了 --min-grade 时也都达到该等级",
                "every audit was evaluated and passed, and reached --min-grade if given",
            ),
            (
                "1",
                "有评价已评分但不合格，或低于 --min-grade，或给了 --strict-cycle 时评价逾期",
                "an audit was evaluated but failed (不合格), or fell below --min-grade, or is overdue under --strict-cycle",
            ),
            (
                "2",
                "输入或用法错误，或文件无法读写；标准错误上的提示指明文件、键、行和列",
                "an input or usage error, or a file that could not be read or written; the message on standard error names the file, the key, the line and column",
            ),
        ],
        Some("validate") => &[
            (
                "0",
                "每份评价的输入检查都通过（未评分）",
                "every audit passed the input checks (not graded)",
            ),
            (
                "2",
                "有评价存在问题（逐一列出），或文件无法读取",
                "an audit has problems (every one is listed), or a file could not be read",
            ),
        ],
        Some("merge") => &[
            (
                "0",
                "各部分已合并，合并后的评价文件已写出",
                "the parts were merged and the merged audit written",
            ),
            (
                "1",
                "有分歧未解决，或有指标无人评价：逐项列出，不写任何文件",
                "a disagreement is unsettled, or an indicator assessed by no part: every one is listed, nothing is written",
            ),
            (
                "2",
                "输入或用法错误（分工部分、解决记录或评价计划有问题，逐一指明位置），或文件无法读写",
                "an input or usage error (a part, the resolutions or the plan has problems, each told at its place), or a file that could not be read or written",
            ),
        ],
        Some("history") => &[
            (
                "0",
                "历次评价符合认证周期要求（按年度监督评价，三年内重新评价）",
                "the evaluations kept the certification cycle (yearly surveillance, re-evaluation within three years)",
            ),
            (
                "1",
                "有不符合周期要求之处：逐项列出，注明日期",
                "the cycle was breached: every breach is listed with its dates",
            ),
            (
                "2",
                "输入或用法错误（评价有问题、不是同一经营者同一服务、两份评价同一天），或文件无法读写",
                "an input or usage error (an audit has problems, audits of another organization or service, two audits on one date), or a file that could not be read or written",
            ),
        ],
        Some("report") => &[
            ("0", "评价报告已写出", "the evaluation report was written"),
            (
                "2",
                "输入或用法错误（评价文件、评分细则或评价计划有问题，逐一指明位置；团队评价的分工部分须先合并），或文件无法读写",
                "an input or usage error (the audit, the scoring rules or the plan has problems, each told at its place; a team member's part must be merged first), or a file that could not be read or written",
            ),
        ],
        Some("next") => &[
            ("0", "骨架已写出", "the skeleton was written"),
            (
                "2",
                "输入或用法错误：上次的评价有问题（逐一指明位置），目录中的评价不属于同一经营者的同一服务，或两份评价日期相同（均指明两份文件），--date 不晚于上次评价，或输出文件已存在（未加 --force）",
                "an input or usage error: the last audit has problems (each told at its place), the folder's audits are not all of one organization's one service, or two share a date (both files named), --date is not after the last evaluation, or the output file exists (without --force)",
            ),
        ],
        Some("verify") => &[
            (
                "0",
                "该结果出自此评价文件和评分表",
                "the result follows from the audit and checklist",
            ),
            (
                "1",
                "不是：列出每处差异",
                "it does not: every difference is listed",
            ),
            ("2", "输入或用法错误", "an input or usage error"),
        ],
        Some(_) => &[
            ("0", "完成", "done"),
            (
                "2",
                "输入或用法错误，或文件无法读写",
                "an input or usage error, or a file that could not be read or written",
            ),
        ],
    };
    items(roff, status, lang);
    items(roff, SIGNALS, lang);
}

/// How every command ends when it is stopped: 128 plus the signal, as
/// shells report it; nothing half written is left behind.
const SIGNALS: &[Item] = &[
    (
        "130",
        "被 Ctrl-C（SIGINT）中断；未写完的文件不会留下",
        "interrupted by Ctrl-C (SIGINT); no half-written file is left",
    ),
    (
        "143",
        "被 SIGTERM 终止；未写完的文件不会留下",
        "terminated by SIGTERM; no half-written file is left",
    ),
    (
        "129",
        "终端关闭（SIGHUP）；未写完的文件不会留下",
        "the terminal closed (SIGHUP); no half-written file is left",
    ),
];

/// Each page's examples: the command, then what it does in zh and en.
/// A table of data, one arm a page, long because the pages are many.
fn examples_of(name: Option<&str>) -> &'static [Item] {
    match name {
        None => &[
            (
                "bscore template -o audit.toml",
                "生成待填写的评价文件，旁边附 audit.schema.json",
                "write an audit to fill in, with audit.schema.json beside it",
            ),
            (
                "bscore validate audit.toml",
                "检查它，不评分",
                "check it without scoring",
            ),
            (
                "bscore evaluate audit.toml",
                "评分、定级，输出表格",
                "score and grade it, as a table",
            ),
            (
                "bscore evaluate audit.toml -o report.html",
                "交给客户的报告（扩展名决定格式）",
                "the customer's report (the extension chooses the format)",
            ),
        ],
        Some("evaluate") => &[
            (
                "bscore evaluate audit.toml",
                "中文的评分表格",
                "the graded table, in Chinese",
            ),
            (
                "bscore evaluate audit.toml --lang en --detail",
                "英文，列出每个指标",
                "in English, every indicator listed",
            ),
            (
                "bscore evaluate audit.toml -o result.json",
                "JSON 结果，供 CI 和 verify 使用",
                "the JSON result, for CI and for verify",
            ),
            (
                "bscore evaluate audits/ --min-grade 三星级",
                "批量评价；退出码 1 时列出低于三星级的每份评价",
                "a batch; exit 1 names each audit below silver",
            ),
        ],
        Some("validate") => &[
            (
                "bscore validate audit.toml",
                "一次列出文件中的全部问题",
                "every problem in the file, at once",
            ),
            (
                "bscore validate audits/ --lang en",
                "检查目录中的每份评价，提示为英文",
                "every audit of a folder, messages in English",
            ),
        ],
        Some("gap") => &[
            (
                "bscore gap audit.toml",
                "达到上一等级最少需整改的指标",
                "the fewest indicators to remediate to reach the next band",
            ),
            (
                "bscore gap audit.toml --target 金牌 --format json",
                "达到金牌所需，JSON 格式",
                "to reach gold, as JSON",
            ),
        ],
        Some("compare") => &[(
            "bscore compare 2025-initial.toml 2026-surveillance.toml",
            "同一服务两次评价之间的变化",
            "what changed between two audits of one service",
        )],
        Some("history") => &[
            (
                "bscore history 历次评价/",
                "一个服务历次评价的得分、等级、变化和周期检查",
                "a service's evaluations: scores, grades, changes and the cycle checked",
            ),
            (
                "bscore history 历次评价/ -o 评价历史.html",
                "带得分走势图的网页，可打印",
                "a printable page with the score drawn over time",
            ),
        ],
        Some("checklist") => &[
            (
                "bscore checklist",
                "附录 A 的全部检查内容",
                "every indicator of Appendix A",
            ),
            (
                "bscore checklist --format json",
                "同上，JSON 格式",
                "the same, as JSON",
            ),
        ],
        Some("template") => &[
            (
                "bscore template -o audit.toml",
                "完整的评价文件模板；\"?\" 标出尚待填写之处",
                "a complete audit skeleton; \"?\" marks what is still to fill in",
            ),
            (
                "bscore template --plan plan.toml --assessor 赵六 -o 赵六.xlsx",
                "评价组员赵六的分工：只含评价计划分给他的指标的表单",
                "team member 赵六's part: a form holding only the indicators the plan gives him",
            ),
        ],
        Some("convert") => &[
            (
                "bscore convert audit.toml -o form.xlsx",
                "把评价转成附录 A 表单，在 Excel、WPS 或 LibreOffice 中完成或交付",
                "the audit as the Appendix A form, to finish or hand over in Excel, WPS or LibreOffice",
            ),
            (
                "bscore convert form.xlsx -o audit.toml",
                "把填好的表单转成 TOML 评价文件",
                "a filled form as a TOML audit",
            ),
        ],
        Some("next") => &[
            (
                "bscore next 2026-surveillance.toml -o 2027.toml",
                "下一次评价的 TOML 骨架：类型和最迟日期按认证周期（§8.1 b），每个 \"?\" 旁注上次的结果，上次的不符合项排在最前",
                "the next evaluation's TOML skeleton: its kind and latest date by the cycle (§8.1 b), each \"?\" with the last result beside it, the last nonconformities first",
            ),
            (
                "bscore next audits/ --date 2027-05-20 -o 2027.xlsx",
                "目录中最近一次评价之后的评价，定于 2027-05-20，写成附录 A 表单（上次结果在表右侧一列）",
                "the evaluation after the latest audit of a folder, planned for 2027-05-20, as the Appendix A form (the last results in a column beside the table)",
            ),
        ],
        Some("merge") => &[
            (
                "bscore merge wang.toml zhao.xlsx --plan plan.toml",
                "合并两名组员的分工部分：有分歧时逐项列出双方的评价和记录（退出码 1，不写任何文件）",
                "join two members' parts: any disagreement is listed with both sides' values and records (exit 1, nothing written)",
            ),
            (
                "bscore merge wang.toml zhao.xlsx --resolutions resolutions.toml -o audit.toml",
                "按解决记录解决每处分歧并写出合并后的评价文件，打印一致率和 Cohen's kappa",
                "settle each disagreement as the resolutions say and write the merged audit, with the agreement and Cohen's kappa",
            ),
        ],
        Some("verify") => &[
            (
                "bscore verify result.json audit.toml",
                "保存的结果是否出自当前的评价文件",
                "whether a stored result follows from the audit as it is now",
            ),
            (
                "bscore verify 报告.html audit.toml",
                "HTML 或 XLSX 报告同样可以核对：其中带有结果，页面所示也与重新生成的报告比较",
                "an HTML or XLSX report verifies too: it carries its result, and what it shows is compared with the report written again",
            ),
            (
                "bscore verify 评价报告.docx audit.toml",
                "DOCX 评价报告核对其中记录的结果；正文可由认证机构编辑，不作比较",
                "a DOCX evaluation report verifies by the result it carries; its text is the certification body's to edit, and is not compared",
            ),
        ],
        Some("schema") => &[(
            "bscore schema -o audit.schema.json",
            "编辑器检查评价文件所用的 JSON Schema",
            "the JSON Schema editors check audit files with",
        )],
        Some("completions") => &[(
            "bscore completions bash > /etc/bash_completion.d/bscore",
            "bash 的命令补全",
            "completion for bash",
        )],
        Some("report") => &[
            (
                "bscore report audit.toml -o report.html",
                "写出评价报告：可打印的 A4 网页，含签字栏和结果溯源",
                "write the evaluation report: a print-ready A4 page with the sign-off and the provenance",
            ),
            (
                "bscore report audit.toml --rules rules.toml --plan plan.toml -o report.docx",
                "附上细则档次、计划的评价组及与计划的偏离，写成可编辑的 Word 文档",
                "with the scoring rules' levels, the plan's team and the departures from it, as a Word document to edit",
            ),
            (
                "bscore report 2026.toml --history evaluations/ -o report.html",
                "附上上次评价（文件夹中日期早于本次的最近一次）每个不符合项的跟踪：已整改、仍未整改、本次未再评价",
                "with what became of each nonconformity of the previous evaluation (the latest in the folder dated before this one): resolved, open, not re-assessed",
            ),
            (
                "bscore verify report.html audit.toml --rules rules.toml",
                "核验报告：嵌入的结果和页面上显示的得分、评级均出自该评价文件",
                "check the report: its embedded result and the score and grade it shows follow from the audit",
            ),
        ],
        Some("plan") => &[
            (
                "bscore plan plan.toml",
                "打印评价计划：评价组、现场，以及每个指标由谁评价",
                "print the evaluation plan: the team, the sites and who assesses each indicator",
            ),
            (
                "bscore plan plan.toml --rules rules.toml -o plan.html",
                "附上评分细则中的检查方法、查阅材料和抽样，写成可打印的 A4 网页",
                "with the scoring rules' methods, evidence and samples, as a print-ready A4 page",
            ),
            (
                "bscore plan plan.toml -o plan.xlsx",
                "写成 XLSX 工作簿（也可 -o plan.md、plan.json）",
                "as an XLSX workbook (or -o plan.md, plan.json)",
            ),
        ],
        Some("rules") => &[
            (
                "bscore rules init -o rules.toml",
                "生成起始评分细则，每个指标一节",
                "write starter scoring rules, a table for each indicator",
            ),
            (
                "bscore rules check rules.toml",
                "检查细则：一次列出所有问题",
                "check it: every problem at once",
            ),
            (
                "bscore rules show rules.toml -o rules.html",
                "打印成认证机构发布的文件",
                "print it as the certification body's document",
            ),
            (
                "bscore evaluate audit.toml --rules rules.toml",
                "按细则检查每个指标的评价后评分",
                "score an audit whose every finding is checked against it",
            ),
        ],
        Some("rules-init") => &[
            (
                "bscore rules init -o rules.toml",
                "生成起始评分细则：每个指标一节，附检查内容，尚未规定任何等级",
                "write starter scoring rules: a table for each indicator with its check text, no level decided yet",
            ),
            (
                "bscore --lang en rules init -o rules.toml",
                "注释为英文",
                "its comments in English",
            ),
        ],
        Some("rules-check") => &[(
            "bscore rules check rules.toml",
            "一次列出所有问题（退出码 2）和警告（仍通过）",
            "every problem at once (exit 2) and the warnings (still passes)",
        )],
        Some("rules-show") => &[
            (
                "bscore rules show rules.toml",
                "终端表格",
                "as terminal tables",
            ),
            (
                "bscore rules show rules.toml -o rules.html",
                "可打印的 A4 页面（扩展名决定格式：.md .html .xlsx）",
                "a print-ready A4 page (the extension chooses the format: .md .html .xlsx)",
            ),
        ],
        Some("sample") => &[
            (
                "bscore sample size --population 40",
                "总体 40 项时的样本量（置信度 95%，可容忍 10%）",
                "the sample size for a population of 40 (95 % confidence, 10 % tolerable)",
            ),
            (
                "bscore sample sites --count 10 --kind surveillance",
                "监督评价应访问的现场数",
                "the sites a surveillance visits",
            ),
            (
                "bscore sample draw --from records.txt --size 21 --seed 2026-05",
                "可重复地抽出 21 项",
                "draw 21 items, repeatably",
            ),
        ],
        Some("sample-size") => &[
            (
                "bscore sample size",
                "总体很大时：29（95% / 10%）",
                "a large population: 29 (95 % / 10 %)",
            ),
            (
                "bscore sample size --population 40 --confidence 95 --tolerable 10 --format json",
                "有限总体，超几何分布精确计算",
                "a finite population, hypergeometric, exact",
            ),
        ],
        Some("sample-sites") => &[(
            "bscore sample sites --count 25 --kind initial",
            "初次评价：⌈√25⌉ = 5",
            "an initial evaluation: ⌈√25⌉ = 5",
        )],
        Some("sample-draw") => &[(
            "bscore sample draw --from records.txt --size 5 --seed 2026-05 --format json",
            "种子和抽出的样本；同一种子、同一清单总抽出同样的样本",
            "the seed and the items drawn; the same seed and list always draw the same",
        )],
        Some("man") => &[(
            "bscore man --output-dir /usr/local/share/man/man1",
            "这些手册页，每个命令一页",
            "these pages, one per command",
        )],
        Some(_) => &[],
    }
}

fn examples(roff: &mut Roff, name: Option<&str>, lang: Lang) {
    let examples = examples_of(name);
    if examples.is_empty() {
        return;
    }
    heading(roff, lang, ("示例", "EXAMPLES"));
    items(roff, examples, lang);
}

fn environment(roff: &mut Roff, lang: Lang) {
    heading(roff, lang, ("环境变量", "ENVIRONMENT"));
    items(
        roff,
        &[
            (
                "BSCORE_LANG",
                "zh 或 en：未给 --lang 时报告、提示、帮助和手册的语言（默认 zh）",
                "zh or en: the language of reports, messages, help and this manual when --lang is not given (default zh)",
            ),
            (
                "BSCORE_RULES",
                "未给 --rules 时所用的评分细则文件（evaluate、validate、gap、compare、history、report、next、template、plan、convert、verify）",
                "the scoring rules file used when --rules is not given (evaluate, validate, gap, compare, history, report, next, template, plan, convert, verify)",
            ),
            (
                "COLUMNS",
                "标准输出不是终端时表格的宽度（默认 100）；--width 优先",
                "the width tables fit when standard output is not a terminal (default 100); --width overrides it",
            ),
        ],
        lang,
    );
}

fn files(roff: &mut Roff, name: Option<&str>, lang: Lang) {
    heading(roff, lang, ("文件", "FILES"));
    let mut list: Vec<Item> = vec![
        (
            "AUDIT.toml",
            "评价文件：UTF-8 编码的 TOML，至多 4 MiB（见 bscore(1) 的“评价文件格式”）；目录代表其中的 *.toml 和 *.xlsx 文件，- 代表标准输入",
            "an audit file: UTF-8 TOML, at most 4 MiB (see AUDIT FORMAT in bscore(1)); a folder stands for the *.toml and *.xlsx files in it, - for standard input",
        ),
        (
            "FORM.xlsx",
            "附录 A 表单（bscore template -o form.xlsx），凡读评价文件处都可读；其问题按工作表和单元格指明",
            "the Appendix A form (bscore template -o form.xlsx), read wherever an audit is; its problems are named by sheet and cell",
        ),
        (
            "--checklist FILE",
            "同样结构的另一份评分表，代替内置的 T/STIC130010-2022 附录 A",
            "another checklist of the same shape instead of the built-in Appendix A of T/STIC130010-2022",
        ),
        (
            "--output FILE",
            "要么完整写入，要么不写（经由旁边的临时文件）；已有的文件只有给了 --force 才替换，是输入文件之一时则从不替换",
            "written whole or not at all (through a temporary file beside it); an existing file is replaced only with --force, and never when it is one of the inputs",
        ),
    ];
    if matches!(name, None | Some("template")) {
        list.push((
            "audit.schema.json",
            "用 --output 写模板时写在其旁边（已有则不写）：编辑器（taplo、VS Code）据此检查和补全评价文件",
            "written beside a template named with --output, unless one is there: editors (taplo, VS Code) check and complete audit files with it",
        ));
    }
    if matches!(name, None | Some("plan" | "template" | "report")) {
        list.push((
            "PLAN.toml",
            "评价计划（bscore plan 的 PLAN、template --plan、report --plan）：UTF-8 编码的 TOML，至多 4 MiB；评价组、各组员可评的类别、现场和指定的评价人，源码中的 docs/team.md 是完整说明",
            "the evaluation plan (bscore plan's PLAN, template --plan, report --plan): UTF-8 TOML, at most 4 MiB; the team, the categories each member may assess, the sites and any assessor named, described in full by docs/team.md in bscore's sources",
        ));
    }
    if !matches!(name, Some("checklist" | "schema" | "completions" | "man")) {
        list.push((
            "RULES.toml",
            "评分细则（--rules FILE、环境变量 BSCORE_RULES，或 bscore rules 的 FILE）：UTF-8 编码的 TOML，至多 4 MiB；bscore rules init 生成起始文件，源码中的 docs/rules.md 是完整说明",
            "the scoring rules (--rules FILE, the BSCORE_RULES variable, or bscore rules's FILE): UTF-8 TOML, at most 4 MiB; bscore rules init writes a starter, and docs/rules.md in bscore's sources describes it in full",
        ));
    }
    if matches!(name, None | Some("verify")) {
        list.push((
            "RESULT.json",
            "bscore evaluate --format json 的结果，记录了其评价文件和评分表的 SHA-256",
            "a result of bscore evaluate --format json, which records the SHA-256 of the audit and checklist it came from",
        ));
    }
    items(roff, &list, lang);
}

fn audit_format(roff: &mut Roff, lang: Lang) {
    heading(roff, lang, ("评价文件格式", "AUDIT FORMAT"));
    roff.text([roman(pick(lang, (
        "评价文件是一个 TOML 文件：[audit] 表（经营者 organization、服务名称 service、评价人员 assessors、评价日期 date、评价类型 kind），[indicators] 表（附录 A 每个指标编号一个键），以及可选的 [[special_deductions]] 和 [bonus] 表：",
        "An audit is a TOML file with an [audit] table (organization, service, assessors, date, kind), an [indicators] table with one key per indicator id of Appendix A, and optional [[special_deductions]] and [bonus] tables:",
    )))]);
    roff.control("PP", []);
    roff.control("nf", []);
    let comment = |zh, en| pick(lang, (zh, en));
    let lines = [
        "[audit]".to_string(),
        "organization = \"某某科技有限公司\"".to_string(),
        "service = \"某某区块链服务\"".to_string(),
        "assessors = [\"张三\", \"李四\"]".to_string(),
        "date = 2026-03-15".to_string(),
        format!(
            "kind = \"initial\"        # {}",
            comment(
                "或 surveillance、recertification",
                "surveillance, recertification"
            )
        ),
        String::new(),
        "[indicators]".to_string(),
        format!(
            "\"4.1.a\" = 0             # {}",
            comment("扣分系数，0 到 1", "deduction coefficient, 0 to 1")
        ),
        "\"4.1.b\" = { sampled = 8, nonconforming = 1 }".to_string(),
        "\"5.9\" = { excluded = \"不提供开发工具包\" }".to_string(),
        String::new(),
        "[[special_deductions]]  # law, whitepaper, deception, risk".to_string(),
        "kind = \"law\"".to_string(),
        "finding = \"未取得区块链信息服务备案\"".to_string(),
        String::new(),
        "[bonus]".to_string(),
        "practice = \"链上数据全链路国密加密\"".to_string(),
    ];
    for line in lines {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
    roff.control("PP", []);
    let (full, sources, skeleton) = match lang {
        Lang::Zh => ("完整说明见 bscore 源码中的 ", "；", " 生成完整的模板。"),
        Lang::En => (
            "The full description is in ",
            " of bscore's sources; ",
            " writes a complete skeleton.",
        ),
    };
    roff.text([
        roman(full),
        italic("docs/audit-format.md"),
        roman(sources),
        bold("bscore template"),
        roman(skeleton),
    ]);
}

fn see_also(roff: &mut Roff, name: Option<&str>, lang: Lang) {
    heading(roff, lang, ("参见", "SEE ALSO"));
    let others: Vec<String> = [
        "evaluate",
        "validate",
        "gap",
        "compare",
        "history",
        "checklist",
        "template",
        "next",
        "verify",
        "rules",
        "plan",
        "report",
    ]
    .iter()
    .filter(|other| Some(**other) != name)
    .map(|other| format!("bscore-{other}(1)"))
    .chain(name.map(|_| "bscore(1)".to_string()))
    .collect();
    roff.text([roman(others.join(", "))]);
}
