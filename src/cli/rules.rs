//! `bscore rules init | check | show`: the 评分细则 written as a starter,
//! checked, and printed as the document a certification body publishes.
//! Each reads its inputs, calls the library, writes what it returns and
//! says how the run ends.

use super::args::{
    RulesArgs, RulesCheckArgs, RulesCommand, RulesInitArgs, RulesShowArgs, load_rules,
};
use super::exit::Exit;
use super::said::to_stderr;
use super::values::{self, RulesFormat};
use crate::failure::Failure;
use crate::files::{Output, Writes, Written, emit, emit_with};
use crate::message::Lang;
use crate::message::t;
use crate::render::rules::rules_document;
use crate::text::visible;

/// Routes `bscore rules …`; `to` is where a command with `--output` writes.
pub(super) fn rules(
    args: &RulesArgs,
    lang: Lang,
    stdout: &Output,
    to: &dyn Fn(&super::args::OutputArgs) -> Output,
) -> Result<Exit, Failure> {
    match &args.command {
        RulesCommand::Init(args) => init(args, lang, &to(&args.output)),
        RulesCommand::Check(args) => check(args, lang, stdout),
        RulesCommand::Show(args) => show(args, lang, &to(&args.output)),
    }
}

/// Writes the starter 细则, every indicator named with its check text.
fn init(args: &RulesInitArgs, lang: Lang, output: &Output) -> Result<Exit, Failure> {
    let writes = Writes {
        command: t!("bscore rules init ", "bscore rules init"),
        kinds: &[Written::Toml],
        example: t!(
            "bscore rules init -o 评分细则.toml",
            "bscore rules init -o rules.toml"
        ),
    };
    output.checked_kind(&writes, None, Written::Toml)?;
    let checklist = args.checklist.load()?;
    let text = crate::rules::init::starter(&checklist, lang);
    emit(output, text.as_bytes())?;
    Ok(Exit::Passed)
}

/// Checks a 细则: its problems are an input error (exit 2); its warnings
/// go to standard error and the check passes.
fn check(args: &RulesCheckArgs, lang: Lang, stdout: &Output) -> Result<Exit, Failure> {
    let checklist = args.checklist.load()?;
    let (source, loaded) = load_rules(&args.file, &checklist)?;
    let warnings = loaded.render_warnings(&source.name, &source.text, lang);
    if !warnings.is_empty() {
        to_stderr(&warnings);
    }
    let rules = &loaded.rules;
    let named = rules.named.iter().filter(|rule| rule.is_some()).count();
    let all = checklist.indicators.len();
    let (file, title, version) = (&source.name, &rules.title, &rules.version);
    let passed = t!(
        "评分细则检查通过：{file}（“{title}” {version}，为 {all} 个指标中的 {named} 个写了细则）",
        "scoring rules check passed: {file} (\"{title}\" {version}, rules for {named} of {all} indicators)"
    );
    emit(
        stdout,
        format!("{}\n", visible(passed.get(lang), false)).as_bytes(),
    )?;
    Ok(Exit::Passed)
}

/// What `rules show` writes.
fn show_writes() -> Writes {
    Writes {
        command: t!("bscore rules show ", "bscore rules show"),
        kinds: &[
            Written::Text,
            Written::Markdown,
            Written::Html,
            Written::Xlsx,
        ],
        example: t!(
            "bscore rules show 评分细则.toml -o 评分细则.html",
            "bscore rules show rules.toml -o rules.html"
        ),
    }
}

/// Prints the 细则 as the document a certification body publishes.
fn show(args: &RulesShowArgs, lang: Lang, output: &Output) -> Result<Exit, Failure> {
    let format = values::chosen(output, &show_writes(), args.format, RulesFormat::Table)?;
    if format == RulesFormat::Xlsx {
        output.refuse_binary_to_terminal()?;
    }
    let checklist = args.checklist.load()?;
    let (_, loaded) = load_rules(&args.file, &checklist)?;
    let look = args.look.table_look();
    emit_with(output, |out| {
        rules_document(&loaded.rules, &checklist, format.into(), look, lang, out).map(|()| true)
    })?;
    Ok(Exit::Passed)
}
