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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
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
/// reasons as it wrote them, the common causes in words (by Windows' error
/// code on Windows, whose codes say more than the kinds they map to), and
/// anything else as the system says it, with its code.
pub fn io_reason(error: &std::io::Error) -> Text {
    use std::io::ErrorKind;
    if let Some(text) = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<Text>())
    {
        return text.clone();
    }
    if cfg!(windows)
        && let Some(reason) = error.raw_os_error().and_then(windows_reason)
    {
        return reason;
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
        _ => return system_words(error),
    };
    Text::new(zh, en)
}

/// The system's own words for an error bscore has none for: in English
/// whatever the language, so the Chinese says they are the system's, and
/// with the error's code, which is what to search for or quote to support.
fn system_words(error: &std::io::Error) -> Text {
    let Some(code) = error.raw_os_error() else {
        let system = error.to_string();
        return Text::new(format!("系统报告：{system}"), system);
    };
    let full = error.to_string();
    let system = full
        .strip_suffix(&format!(" (os error {code})"))
        .unwrap_or(&full)
        .trim();
    Text::new(
        format!("系统报告（错误代码 {code}，以下为系统的英文原文）：{system}"),
        format!("the system says (error {code}): {system}"),
    )
}

/// A file another program holds open without sharing it (Excel keeps an
/// open workbook so), in the assessor's words.
const IN_USE: (&str, &str) = (
    "文件正被其他程序使用（例如 Excel），请关闭后重试",
    "the file is in use by another program (Excel, say): close it and try again",
);

/// Windows' error codes that files and folders meet, in the user's words
/// and with what to do: Windows' own text is English on most assessors'
/// machines ("Invalid name.", "The process cannot access the file because
/// it is being used by another process.").
const WINDOWS_ERRORS: [(i32, &str, &str); 27] = [
    // As the Unix kind says it, so that both builds say the same.
    (2, "文件或目录不存在", "no such file or directory"),
    (
        3,
        "路径不存在：请检查文件夹名和盘符",
        "the path does not exist: check the folder names and the drive letter",
    ),
    (
        5,
        "拒绝访问：没有权限，或文件是只读的，或正被其他程序使用",
        "access is denied: no permission, or the file is read-only or in use by another program",
    ),
    (
        6,
        "句柄无效（标准输入或输出不可用）：请把输出重定向到文件，或用 --output 指定输出文件",
        "the handle is invalid (no standard input or output): redirect the output to a file, or use --output",
    ),
    (
        15,
        "找不到该驱动器：请检查盘符",
        "the drive does not exist: check the drive letter",
    ),
    (
        19,
        "磁盘处于写保护状态：请关闭 U 盘或存储卡的写保护开关，或换一个位置",
        "the disk is write-protected: switch off the write protection of the USB stick or card, or choose another place",
    ),
    (
        21,
        "驱动器未就绪：请插好 U 盘、光盘或连接好网络驱动器后重试",
        "the drive is not ready: insert the USB stick or disc, or connect the network drive, and try again",
    ),
    (32, IN_USE.0, IN_USE.1),
    (33, IN_USE.0, IN_USE.1),
    (39, "磁盘已满", "the disk is full"),
    (
        53,
        "找不到网络路径：请检查服务器名和网络连接",
        "the network path was not found: check the server name and the network",
    ),
    (
        67,
        "找不到网络名：请检查共享文件夹的名称",
        "the network name was not found: check the shared folder's name",
    ),
    (80, "文件已存在", "the file already exists"),
    (
        87,
        "参数错误：该名称不能用作文件（可能是设备名或含有不允许的字符）",
        "the parameter is incorrect: the name cannot be used for a file (a device name, or a character not allowed)",
    ),
    (112, "磁盘空间不足", "there is not enough space on the disk"),
    (
        123,
        "文件名、文件夹名或盘符的写法不正确（不能含有 \\ / : * ? \" < > | 这些字符）",
        "the file name, folder name or drive letter is not valid (none may hold \\ / : * ? \" < > |)",
    ),
    (145, "文件夹不是空的", "the folder is not empty"),
    (
        161,
        "路径写法不正确：请检查盘符和文件夹名",
        "the path is not valid: check the drive letter and the folder names",
    ),
    (183, "文件已存在", "the file already exists"),
    (
        206,
        "路径或文件名过长：请把文件移到路径较短的文件夹（例如 D:\\评价），或缩短文件名",
        "the path or file name is too long: move the file to a folder with a shorter path (D:\\audits, say), or shorten its name",
    ),
    (
        225,
        "杀毒软件认为该文件含有病毒，已阻止访问",
        "the antivirus program blocked the file as containing a virus",
    ),
    (
        267,
        "路径中有一段不是文件夹",
        "a part of the path is not a folder",
    ),
    (1224, IN_USE.0, IN_USE.1),
    (
        1392,
        "文件或文件夹已损坏，无法读取：请用 chkdsk 检查磁盘，或换用备份",
        "the file or folder is corrupt and cannot be read: check the disk with chkdsk, or use a backup",
    ),
    (
        1920,
        "系统无法访问该文件（可能是云盘中尚未下载的文件）：请先下载到本机后重试",
        "the system cannot access the file (perhaps a cloud file not downloaded yet): download it first and try again",
    ),
    (
        4390,
        "该文件不是链接（重解析点）",
        "the file is not a link (reparse point)",
    ),
    (
        1314,
        "没有所需的权限（例如创建符号链接）：请以管理员身份运行，或改用普通文件",
        "a privilege is missing (to make a symbolic link, say): run as administrator, or use a regular file",
    ),
];

/// Windows' error `code` in the user's words, if bscore has them. A pure
/// function of the code, so it is checked on every system.
pub fn windows_reason(code: i32) -> Option<Text> {
    (WINDOWS_ERRORS.iter())
        .find(|(known, _, _)| *known == code)
        .map(|(_, zh, en)| Text::new(*zh, *en))
}

/// A [`Text`] from a Chinese and an English format string, each with its
/// own arguments in place: `t!("缺少 {key}", "missing {key}")`.
macro_rules! t {
    ($zh:expr, $en:expr $(,)?) => {
        $crate::message::Text::new(format!($zh), format!($en))
    };
}

/// Named by its module, as every other item is (`use crate::message::t;`),
/// not at the crate's root: a module that words a message then imports
/// `message`, not the crate root that re-exports the whole library.
pub(crate) use t;

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

    /// Windows' words leaked in English ("Invalid name.", "Invalid
    /// parameter.", "Invalid handle."), and a file open in Excel was not
    /// said to be one.
    #[test]
    fn common_windows_errors_are_said_in_chinese() {
        for code in [2, 3, 5, 6, 15, 19, 21, 32, 33, 87, 112, 123, 206, 1224] {
            let reason = windows_reason(code).unwrap_or_else(|| panic!("{code}"));
            assert!(has_cjk(&reason.zh), "{code}: {}", reason.zh);
            assert!(!has_cjk(&reason.en), "{code}: {}", reason.en);
        }
        for locked in [32, 33, 1224] {
            assert_eq!(
                windows_reason(locked).unwrap().zh,
                "文件正被其他程序使用（例如 Excel），请关闭后重试"
            );
        }
        let codes: Vec<i32> = WINDOWS_ERRORS.iter().map(|(code, _, _)| *code).collect();
        let mut unique = codes.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), codes.len(), "a code twice: {codes:?}");
        assert_eq!(windows_reason(1234), None);
    }

    /// An error bscore has no words for is the system's English, marked as
    /// such, with its code.
    #[test]
    fn untranslated_errors_show_their_code_and_the_system_words() {
        let error = std::io::Error::from_raw_os_error(71); // Unix EPROTO, no kind
        let system = error.to_string();
        let words = system.trim_end_matches(" (os error 71)");
        let reason = system_words(&error);
        assert_eq!(
            reason.zh,
            format!("系统报告（错误代码 71，以下为系统的英文原文）：{words}")
        );
        assert_eq!(reason.en, format!("the system says (error 71): {words}"));
        assert!(!reason.zh.contains("os error"), "{}", reason.zh);
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
