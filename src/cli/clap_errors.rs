//! What clap's errors become: help and version on standard output, and
//! mistakes on standard error in the language of messages, rendered in
//! Chinese here (clap speaks English only).

use super::exit::Exit;
use super::said::to_stderr;
use crate::failure::Failure;
use crate::files::stdout_writer;
use crate::message::Lang;
use crate::message::t;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::io::{self, Write};

/// Help and version go to standard output, and a failure to write them is
/// an error like any other; usage errors go to standard error, exit 2,
/// in the language of messages.
pub(super) fn clap_exit(error: &clap::Error, lang: Lang) -> Exit {
    let to_stdout = matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    );
    if !to_stdout {
        match (lang, usage_error_zh(error)) {
            // `bscore sample` alone: its commands, as `bscore sample
            // --help` lists them (clap's help is already in Chinese).
            (Lang::Zh, _)
                if error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand =>
            {
                to_stderr(&format!("错误: 缺少子命令\n\n{}", error.render()));
            }
            (Lang::Zh, Some(message)) => to_stderr(&message),
            // Nothing sensible is left to do if stderr itself is gone.
            _ => {
                let _ = error.print();
            }
        }
        return Exit::InputError;
    }
    let written = stdout_writer().and_then(|mut out| {
        write!(out, "{}", error.render())?;
        out.flush()
    });
    match written {
        Ok(()) => Exit::Passed,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Exit::Passed,
        Err(error) => {
            let failure = Failure::io(
                t!("无法写入标准输出", "cannot write to standard output"),
                error,
            );
            to_stderr(&failure.render(lang));
            Exit::InputError
        }
    }
}

/// A command-line mistake in Chinese, with the usage line clap gives:
/// every kind of mistake a person can make at the prompt.
fn usage_error_zh(error: &clap::Error) -> Option<String> {
    let value = |kind: ContextKind| match error.get(kind)? {
        ContextValue::String(text) => Some(text.clone()),
        ContextValue::Strings(texts) => Some(texts.join("、")),
        ContextValue::StyledStr(text) => Some(text.to_string()),
        ContextValue::Number(number) => Some(number.to_string()),
        _ => None,
    };
    let argument = value(ContextKind::InvalidArg).unwrap_or_default();
    let message = match error.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数 `{argument}`"),
        ErrorKind::InvalidSubcommand => {
            let name = value(ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("不认识的子命令 `{name}`")
        }
        ErrorKind::InvalidValue => {
            let given = value(ContextKind::InvalidValue).unwrap_or_default();
            let valid = value(ContextKind::ValidValue).unwrap_or_default();
            if given.is_empty() {
                format!("{argument} 需要一个值；可选：{valid}")
            } else {
                format!("{argument} 的值 `{given}` 无效；可选：{valid}")
            }
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{argument}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            missing_subcommand(
                value(ContextKind::InvalidSubcommand),
                value(ContextKind::ValidSubcommand),
            )
        }
        ErrorKind::ArgumentConflict => {
            let other = value(ContextKind::PriorArg).unwrap_or_default();
            format!("参数 {argument} 不能与 {other} 同时使用")
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {argument} 的值个数不对")
        }
        ErrorKind::ValueValidation => {
            let given = value(ContextKind::InvalidValue).unwrap_or_default();
            format!("{argument} 的值 `{given}` 无效")
        }
        ErrorKind::NoEquals => format!("{argument} 须写成 {argument}=值"),
        _ => return None,
    };
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
        ContextKind::SuggestedSubcommand,
    ]
    .into_iter()
    .find_map(value);
    let suggestion = match suggested {
        Some(names) if names.contains('、') => {
            let names = names.replace('、', "`、`");
            format!("\n\n  提示：相近的有 `{names}`")
        }
        Some(name) => format!("\n\n  提示：是否应为 `{name}`？"),
        None => String::new(),
    };
    let usage = value(ContextKind::Usage)
        .map(|usage| format!("\n\n{}", usage.replacen("Usage: ", "用法：", 1)))
        .unwrap_or_default();
    Some(format!(
        "错误: {message}{suggestion}{usage}\n\n更多信息请运行 bscore --help（或子命令后加 --help）"
    ))
}

/// "A subcommand is missing": for `bscore` itself, the main one as an
/// example; for a command of commands (`bscore sample`), its own (a
/// newcomer's `bscore sample` was offered `evaluate`).
fn missing_subcommand(command: Option<String>, valid: Option<String>) -> String {
    let valid = valid.map(|valid| {
        (valid.split('、'))
            .filter(|name| *name != "help")
            .collect::<Vec<_>>()
            .join("、")
    });
    match (command, valid) {
        (Some(command), Some(valid)) if command != "bscore" && !valid.is_empty() => {
            format!("缺少子命令：`{command}` 后须写 {valid} 之一")
        }
        _ => "缺少子命令：例如 bscore evaluate audit.toml".to_string(),
    }
}
