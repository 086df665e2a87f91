//! The manual pages (`bscore man`): clap's pages for the command and each
//! subcommand — name, synopsis, description, options — followed by what
//! clap does not know: the exit status, examples, the files read and
//! written, the environment and, where audits are read, the audit format.

use clap::Command;
use roff::{Roff, bold, italic, roman};

/// One page: its file name (`bscore-evaluate.1`) and its roff text.
pub struct Page {
    /// The file name, as `man` looks it up.
    pub file_name: String,
    /// The page, in roff.
    pub text: Vec<u8>,
}

/// Every page: `bscore` itself, then each subcommand.
pub fn pages(command: Command) -> std::io::Result<Vec<Page>> {
    let mut command = command.disable_help_subcommand(true);
    command.build();
    let mut pages = vec![page(&command, None)?];
    for subcommand in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages.push(page(subcommand, Some(subcommand.get_name()))?);
    }
    Ok(pages)
}

fn page(command: &Command, name: Option<&str>) -> std::io::Result<Page> {
    let man = clap_mangen::Man::new(command.clone())
        .manual("bscore manual")
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
    let mut roff = Roff::new();
    exit_status(&mut roff, name);
    examples(&mut roff, name);
    environment(&mut roff);
    files(&mut roff, name);
    if matches!(
        name,
        None | Some("evaluate" | "validate" | "template" | "gap" | "convert")
    ) {
        audit_format(&mut roff);
    }
    see_also(&mut roff, name);
    roff.to_writer(&mut text)?;
    Ok(Page { file_name, text })
}

/// `.TP` items: a bold term, then its description.
fn items(roff: &mut Roff, items: &[(&str, &str)]) {
    for (term, description) in items {
        roff.control("TP", []);
        roff.text([bold(*term)]);
        roff.text([roman(*description)]);
    }
}

fn exit_status(roff: &mut Roff, name: Option<&str>) {
    roff.control("SH", ["EXIT STATUS"]);
    let status: &[(&str, &str)] = match name {
        None | Some("evaluate") => &[
            (
                "0",
                "every audit was evaluated and passed, and reached --min-grade if given",
            ),
            (
                "1",
                "an audit was evaluated but failed (不合格), or fell below --min-grade",
            ),
            (
                "2",
                "an input or usage error, or a file that could not be read or written; the message on standard error names the file, the key, the line and column",
            ),
        ],
        Some("validate") => &[
            ("0", "every audit is valid"),
            (
                "2",
                "an audit has problems (every one is listed), or a file could not be read",
            ),
        ],
        Some("verify") => &[
            ("0", "the result follows from the audit and checklist"),
            ("1", "it does not: every difference is listed"),
            ("2", "an input or usage error"),
        ],
        Some(_) => &[
            ("0", "done"),
            (
                "2",
                "an input or usage error, or a file that could not be read or written",
            ),
        ],
    };
    items(roff, status);
}

fn examples(roff: &mut Roff, name: Option<&str>) {
    let examples: &[(&str, &str)] = match name {
        None => &[
            (
                "bscore template -o audit.toml",
                "write an audit to fill in, with audit.schema.json beside it",
            ),
            ("bscore validate audit.toml", "check it without scoring"),
            (
                "bscore evaluate audit.toml",
                "score and grade it, as a table",
            ),
            (
                "bscore evaluate audit.toml -o report.html",
                "the customer's report (the extension chooses the format)",
            ),
        ],
        Some("evaluate") => &[
            ("bscore evaluate audit.toml", "the graded table, in Chinese"),
            (
                "bscore evaluate audit.toml --lang en --detail",
                "in English, every indicator listed",
            ),
            (
                "bscore evaluate audit.toml -o result.json",
                "the JSON result, for CI and for verify",
            ),
            (
                "bscore evaluate audits/ --min-grade 三星级",
                "a batch; exit 1 names each audit below silver",
            ),
        ],
        Some("validate") => &[
            (
                "bscore validate audit.toml",
                "every problem in the file, at once",
            ),
            (
                "bscore validate audits/ --lang en",
                "every audit of a folder, messages in English",
            ),
        ],
        Some("gap") => &[
            (
                "bscore gap audit.toml",
                "the fewest indicators to remediate to reach the next band",
            ),
            (
                "bscore gap audit.toml --target 金牌 --format json",
                "to reach gold, as JSON",
            ),
        ],
        Some("compare") => &[(
            "bscore compare 2025-initial.toml 2026-surveillance.toml",
            "what changed between two audits of one service",
        )],
        Some("checklist") => &[
            ("bscore checklist", "the 86 indicators of Appendix A"),
            ("bscore checklist --format json", "the same, as JSON"),
        ],
        Some("template") => &[(
            "bscore template -o audit.toml",
            "a complete audit skeleton; \"?\" marks what is still to fill in",
        )],
        Some("convert") => &[
            (
                "bscore convert audit.toml -o form.xlsx",
                "the audit as the Appendix A form, to finish or hand over in Excel, WPS or LibreOffice",
            ),
            (
                "bscore convert form.xlsx -o audit.toml",
                "a filled form as a TOML audit",
            ),
        ],
        Some("verify") => &[(
            "bscore verify result.json audit.toml",
            "whether a stored result follows from the audit as it is now",
        )],
        Some("schema") => &[(
            "bscore schema -o audit.schema.json",
            "the JSON Schema editors check audit files with",
        )],
        Some("completions") => &[(
            "bscore completions bash > /etc/bash_completion.d/bscore",
            "completion for bash",
        )],
        Some("man") => &[(
            "bscore man --output-dir /usr/local/share/man/man1",
            "these pages, one per command",
        )],
        Some(_) => &[],
    };
    if examples.is_empty() {
        return;
    }
    roff.control("SH", ["EXAMPLES"]);
    items(roff, examples);
}

fn environment(roff: &mut Roff) {
    roff.control("SH", ["ENVIRONMENT"]);
    items(
        roff,
        &[
            (
                "BSCORE_LANG",
                "zh or en: the language of reports and messages when --lang is not given (default zh)",
            ),
            (
                "COLUMNS",
                "the width tables fit when standard output is not a terminal (default 100); --width overrides it",
            ),
        ],
    );
}

fn files(roff: &mut Roff, name: Option<&str>) {
    roff.control("SH", ["FILES"]);
    let mut list: Vec<(&str, &str)> = vec![
        (
            "AUDIT.toml",
            "an audit file: UTF-8 TOML, at most 4 MiB (see AUDIT FORMAT in bscore(1)); a folder stands for the *.toml and *.xlsx files in it, - for standard input",
        ),
        (
            "FORM.xlsx",
            "the Appendix A form (bscore template -o form.xlsx), read wherever an audit is; its problems are named by sheet and cell",
        ),
        (
            "--checklist FILE",
            "another checklist of the same shape instead of the built-in Appendix A of T/STIC130010-2022",
        ),
        (
            "--output FILE",
            "written whole or not at all (through a temporary file beside it); an existing file is replaced only with --force, and never when it is one of the inputs",
        ),
    ];
    if matches!(name, None | Some("template")) {
        list.push((
            "audit.schema.json",
            "written beside a template named with --output, unless one is there: editors (taplo, VS Code) check and complete audit files with it",
        ));
    }
    if matches!(name, None | Some("verify")) {
        list.push((
            "RESULT.json",
            "a result of bscore evaluate --format json, which records the SHA-256 of the audit and checklist it came from",
        ));
    }
    items(roff, &list);
}

fn audit_format(roff: &mut Roff) {
    roff.control("SH", ["AUDIT FORMAT"]);
    roff.text([roman(
        "An audit is a TOML file with an [audit] table (organization, service, assessors, date, kind), an [indicators] table with one key per indicator id of Appendix A, and optional [[special_deductions]] and [bonus] tables:",
    )]);
    roff.control("PP", []);
    roff.control("nf", []);
    for line in [
        "[audit]",
        "organization = \"某某科技有限公司\"",
        "service = \"某某区块链服务\"",
        "assessors = [\"张三\", \"李四\"]",
        "date = 2026-03-15",
        "kind = \"initial\"        # surveillance, recertification",
        "",
        "[indicators]",
        "\"4.1.a\" = 0             # deduction coefficient, 0 to 1",
        "\"4.1.b\" = { sampled = 8, nonconforming = 1 }",
        "\"5.9\" = { excluded = \"不提供开发工具包\" }",
        "",
        "[[special_deductions]]  # law, whitepaper, deception, risk",
        "kind = \"law\"",
        "finding = \"…\"",
        "",
        "[bonus]",
        "practice = \"…\"",
    ] {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
    roff.control("PP", []);
    roff.text([
        roman("The full description is in "),
        italic("docs/audit-format.md"),
        roman(" of bscore's sources; "),
        bold("bscore template"),
        roman(" writes a complete skeleton."),
    ]);
}

fn see_also(roff: &mut Roff, name: Option<&str>) {
    roff.control("SH", ["SEE ALSO"]);
    let others: Vec<String> = [
        "evaluate",
        "validate",
        "gap",
        "compare",
        "checklist",
        "template",
        "verify",
    ]
    .iter()
    .filter(|other| Some(**other) != name)
    .map(|other| format!("bscore-{other}(1)"))
    .chain(name.map(|_| "bscore(1)".to_string()))
    .collect();
    roff.text([roman(others.join(", "))]);
}
