//! The two languages bscore speaks, and messages that exist in both.
//!
//! Every message a person reads (an input problem, its suggestion, a usage
//! error, a summary line) is built as a [`Text`] holding both the Chinese
//! and the English wording, written side by side where the facts are known
//! with the [`t!`](crate::t) macro; the command line picks one language
//! when it prints. Keeping the pair together means a message cannot be
//! added in one language only: there is no way to build a `Text` from a
//! single string except [`Text::verbatim`], which is for text the user
//! wrote (a file name, a quoted value).

use std::fmt;

/// A language of reports and messages (`--lang`, `BSCORE_LANG`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Chinese, the standard's language (default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The language named by `BSCORE_LANG` (`zh` or `en`, any case), if it
    /// names one.
    pub fn from_name(name: &str) -> Option<Lang> {
        match name.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh_cn" | "cn" | "chinese" | "中文" => Some(Lang::Zh),
            "en" | "en-us" | "en_us" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A message in Chinese and in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The Chinese wording.
    pub zh: String,
    /// The English wording.
    pub en: String,
}

impl Text {
    /// A message from its two wordings.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// Text that is the same in every language because the user wrote it
    /// (a file name, a value quoted from the file).
    pub fn verbatim(text: impl Into<String>) -> Text {
        let text = text.into();
        Text {
            zh: text.clone(),
            en: text,
        }
    }

    /// The wording in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// Each wording turned into another by `f`.
    pub fn map(self, f: impl Fn(&str) -> String) -> Text {
        Text {
            zh: f(&self.zh),
            en: f(&self.en),
        }
    }

    /// Both wordings with `other` appended to each, `separator` between.
    pub fn joined(mut self, separator: (&str, &str), other: &Text) -> Text {
        self.zh.push_str(separator.0);
        self.zh.push_str(&other.zh);
        self.en.push_str(separator.1);
        self.en.push_str(&other.en);
        self
    }
}

/// English, for logs and for the library's own `Display` of errors; the
/// command line prints [`Text::get`] in the chosen language.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// A [`Text`] can be the cause an `io::Error` carries
/// (`io::Error::other(text)`), so that bscore's own reasons for a failed
/// read or write are said in the user's language too.
impl std::error::Error for Text {}

/// Why reading or writing a file failed, in both languages: bscore's own
/// reasons as it wrote them, the common causes in words, anything else as
/// the system says it.
pub fn io_reason(error: &std::io::Error) -> Text {
    use std::io::ErrorKind;
    if let Some(text) = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<Text>())
    {
        return text.clone();
    }
    let (zh, en) = match error.kind() {
        ErrorKind::NotFound => ("文件或目录不存在", "no such file or directory"),
        ErrorKind::PermissionDenied => ("没有权限", "permission denied"),
        ErrorKind::IsADirectory => ("这是一个目录", "is a directory"),
        ErrorKind::NotADirectory => (
            "路径中有一段不是目录",
            "a part of the path is not a directory",
        ),
        ErrorKind::StorageFull => ("磁盘空间不足", "no space left on the device"),
        ErrorKind::QuotaExceeded => ("超出了磁盘配额", "the disk quota is exceeded"),
        ErrorKind::FileTooLarge => ("文件过大", "the file is too large"),
        ErrorKind::ReadOnlyFilesystem => ("文件系统是只读的", "the file system is read-only"),
        ErrorKind::AlreadyExists => ("文件已存在", "the file already exists"),
        ErrorKind::DirectoryNotEmpty => ("目录不是空的", "the directory is not empty"),
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => (
            "文件正被其他程序使用（例如在 Excel 或 WPS 中打开着）：请先关闭它",
            "the file is in use by another program (open in Excel or WPS, say): close it first",
        ),
        ErrorKind::InvalidFilename => (
            "文件名无效（过长，或含有不允许的字符）",
            "the file name is not valid (too long, or with a character not allowed)",
        ),
        ErrorKind::CrossesDevices => (
            "不能跨磁盘或分区移动文件",
            "a file cannot be moved across devices",
        ),
        ErrorKind::TooManyLinks => ("链接过多", "too many links"),
        ErrorKind::BrokenPipe => (
            "读取输出的程序已经关闭",
            "the program reading the output has closed it",
        ),
        ErrorKind::UnexpectedEof => ("文件意外结束", "the file ends unexpectedly"),
        ErrorKind::WriteZero => ("无法再写入", "nothing more could be written"),
        ErrorKind::Interrupted => ("操作被中断", "the operation was interrupted"),
        ErrorKind::TimedOut => ("操作超时", "the operation timed out"),
        ErrorKind::OutOfMemory => ("内存不足", "out of memory"),
        ErrorKind::Unsupported => ("系统不支持此操作", "the system does not support this"),
        ErrorKind::StaleNetworkFileHandle => (
            "网络文件已失效：请重新连接网络驱动器",
            "the network file is stale: connect the network drive again",
        ),
        _ => {
            let system = error.to_string();
            return Text::new(format!("系统报告：{system}"), system);
        }
    };
    Text::new(zh, en)
}

/// A [`Text`] from a Chinese and an English format string, each with its
/// own arguments in place: `t!("缺少 {key}", "missing {key}")`.
#[macro_export]
macro_rules! t {
    ($zh:expr, $en:expr $(,)?) => {
        $crate::message::Text::new(format!($zh), format!($en))
    };
}

/// Whether `text` holds a Chinese (CJK) character: how tests tell which
/// language a message is in.
pub fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c as u32,
            0x3000..=0x303F // CJK punctuation: 、。「」
            | 0x4E00..=0x9FFF // unified ideographs
            | 0x3400..=0x4DBF
            | 0xFF00..=0xFFEF) // full-width forms: ，：（）
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The old code said the OS's English (系统报告：Read-only file system).
    #[test]
    fn common_io_failures_are_said_in_chinese() {
        use std::io::{Error, ErrorKind};
        for kind in [
            ErrorKind::IsADirectory,
            ErrorKind::NotFound,
            ErrorKind::PermissionDenied,
            ErrorKind::ReadOnlyFilesystem,
            ErrorKind::StorageFull,
            ErrorKind::QuotaExceeded,
            ErrorKind::ResourceBusy,
            ErrorKind::InvalidFilename,
            ErrorKind::NotADirectory,
        ] {
            let reason = io_reason(&Error::from(kind));
            assert!(
                has_cjk(&reason.zh) && !reason.zh.contains("系统报告"),
                "{kind:?}: {}",
                reason.zh
            );
            assert!(!has_cjk(&reason.en), "{kind:?}");
        }
        let own = Error::other(Text::new("标准输出已关闭", "standard output is closed"));
        assert_eq!(io_reason(&own).zh, "标准输出已关闭");
    }

    #[test]
    fn both_wordings_are_kept_and_chosen() {
        let key = "audit.date";
        let text = t!("{key}：缺少评价日期", "{key}: the date is missing");
        assert_eq!(text.get(Lang::Zh), "audit.date：缺少评价日期");
        assert_eq!(text.get(Lang::En), "audit.date: the date is missing");
        assert_eq!(text.to_string(), text.en);
    }

    #[test]
    fn language_names_are_forgiving() {
        assert_eq!(Lang::from_name(" EN "), Some(Lang::En));
        assert_eq!(Lang::from_name("zh_CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_name("fr"), None);
    }

    #[test]
    fn cjk_is_recognised() {
        assert!(has_cjk("扣分系数"));
        assert!(has_cjk("a，b"));
        assert!(!has_cjk("coefficient 0.5 — “quoted”"));
    }
}
