//! Output names as the user means them, the one place that decides what
//! an `--output` name asks for: its extension, read as Windows reads the
//! name (trailing dots and spaces are dropped there, so `report.pdf.`
//! becomes `report.pdf`), in any case, names the kind of file to write.
//! Each command writes the kinds it can; a name asking for another kind,
//! or for a format bscore never writes (`.pdf`, `.docx`, `.xls` …), is
//! refused with what the command can write, before anything is written.

use crate::message::Text;
use crate::message::t;
use std::path::Path;

/// The extension of an output name, lowercase, as Windows reads the name:
/// `report.PDF`, `report.pdf.` and `r.pdf ` all give `pdf`; `report`,
/// `report.` and `.pdf` (a name that is all extension) give none.
pub fn extension_of(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let name = name.trim_end_matches(['.', ' ']);
    let (stem, extension) = name.rsplit_once('.')?;
    if stem.is_empty() || extension.is_empty() {
        return None;
    }
    Some(extension.to_ascii_lowercase())
}

/// What a name means to Windows when its last part is a device's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Device {
    /// `NUL`: writes go nowhere, as `/dev/null` elsewhere.
    Null,
    /// `CON`: the console, taken as standard output.
    Console,
    /// Another reserved name (`PRN`, `AUX`, `COM1` … `COM9`, `LPT1` …
    /// `LPT9`), as the user wrote it: a printer or a port, not a file.
    Other(String),
}

/// The device a name's last part names as Windows reads it: the part
/// before its first dot, trailing spaces (and a colon, `NUL:`) dropped, in
/// any case. So `nul`, `NUL.txt`, `Nul.tar.gz`, `C:\out\con` and `com1.json`
/// are devices wherever they stand, and `null`, `nul_report` and `COM10`
/// are files. Only Windows reads names so ([`windows_device`]); this is
/// its reading, on any system.
pub fn device_of(path: &Path) -> Option<Device> {
    let name = path.file_name()?.to_str()?;
    let stem = name.split('.').next()?.trim_end_matches([' ', ':']);
    let upper = stem.to_ascii_uppercase();
    match upper.as_str() {
        "NUL" => Some(Device::Null),
        "CON" => Some(Device::Console),
        "PRN" | "AUX" => Some(Device::Other(stem.to_string())),
        _ => {
            let numbered = ["COM", "LPT"].iter().any(|port| {
                upper
                    .strip_prefix(port)
                    .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit() && n != "0")
            });
            numbered.then(|| Device::Other(stem.to_string()))
        }
    }
}

/// The device an output name names on this system: Windows' reading on
/// Windows, and none elsewhere, where `nul` is a file like any other.
pub fn windows_device(path: &Path) -> Option<Device> {
    if cfg!(windows) { device_of(path) } else { None }
}

/// The longest name of a file or folder Windows allows, in UTF-16 units.
const MAX_NAME: usize = 255;

/// How long a name is for Windows, which counts UTF-16 units.
fn wide_length(name: &std::ffi::OsStr) -> usize {
    name.to_string_lossy().encode_utf16().count()
}

/// Why Windows would not write an output name as given, if it would not:
/// a trailing dot or space, which Windows drops silently (`report.json.`
/// would become `report.json`, another file than the one named), a
/// reserved device name other than `NUL` and `CON`, or a name longer than
/// Windows allows (said there as "file not found" or "invalid name").
pub fn windows_refusal(path: &Path) -> Option<Text> {
    let shown = path.display();
    if let Some(Device::Other(device)) = device_of(path) {
        return Some(t!(
            "--output {shown}：{device} 是 Windows 保留的设备名（打印机或端口），不能用作文件名（未写入任何文件）：请换一个文件名，例如 报告.txt；不需要输出时用 -o NUL",
            "--output {shown}: {device} is a device name Windows reserves (a printer or a port), not a file name (nothing was written): choose another name, report.txt say; use -o NUL to discard the output"
        ));
    }
    if let Some(long) = path.iter().find(|part| wide_length(part) > MAX_NAME) {
        let length = long.to_string_lossy().chars().count();
        return Some(t!(
            "--output {shown}：其中一个文件名或文件夹名有 {length} 个字符，超过 Windows 允许的 {MAX_NAME} 个（未写入任何文件）：请把它缩短",
            "--output {shown}: a file or folder name in it has {length} characters, over the {MAX_NAME} Windows allows (nothing was written): shorten it"
        ));
    }
    let name = path.file_name()?.to_str()?;
    let kept = name.trim_end_matches(['.', ' ']);
    if kept.len() == name.len() || kept.is_empty() {
        return None;
    }
    Some(t!(
        "--output {shown}：文件名以点或空格结尾，Windows 会把它们去掉而写成“{kept}”（未写入任何文件）：请去掉末尾的点或空格",
        "--output {shown}: the name ends with a dot or a space, which Windows drops, writing \"{kept}\" instead (nothing was written): remove the trailing dot or space"
    ))
}

/// A kind of file bscore writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Text for a terminal: a table, or TOML; chosen by no extension.
    Text,
    /// JSON.
    Json,
    /// Markdown.
    Markdown,
    /// CSV.
    Csv,
    /// An HTML page.
    Html,
    /// An XLSX workbook.
    Xlsx,
    /// A TOML audit.
    Toml,
    /// A Word document (the evaluation report, `bscore report`).
    Docx,
}

/// Every kind an extension names, with its extensions.
const EXTENSIONS: [(Written, &[&str]); 7] = [
    (Written::Json, &["json"]),
    (Written::Markdown, &["md", "markdown"]),
    (Written::Csv, &["csv"]),
    (Written::Html, &["html", "htm"]),
    (Written::Xlsx, &["xlsx"]),
    (Written::Toml, &["toml"]),
    (Written::Docx, &["docx"]),
];

impl Written {
    /// The kind an output name asks for by its extension; `None` for a
    /// name without one, or with one bscore gives no meaning (`.txt`).
    pub fn of(path: &Path) -> Option<Written> {
        let extension = extension_of(path)?;
        (EXTENSIONS.iter())
            .find(|(_, extensions)| extensions.contains(&extension.as_str()))
            .map(|(kind, _)| *kind)
    }

    /// Whether it is binary, and so may never go to a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, Written::Xlsx | Written::Docx)
    }

    /// Its name in messages.
    fn label(self) -> Text {
        match self {
            Written::Text => t!("文本（无扩展名或 .txt）", "text (no extension, or .txt)"),
            Written::Json => t!("JSON（.json）", "JSON (.json)"),
            Written::Markdown => t!("Markdown（.md）", "Markdown (.md)"),
            Written::Csv => t!("CSV（.csv）", "CSV (.csv)"),
            Written::Html => t!("HTML（.html）", "HTML (.html)"),
            Written::Xlsx => t!("XLSX 工作簿（.xlsx）", "an XLSX workbook (.xlsx)"),
            Written::Toml => t!("TOML 评价文件（.toml）", "a TOML audit (.toml)"),
            Written::Docx => t!("Word 文档（.docx）", "a Word document (.docx)"),
        }
    }
}

/// What a command writes, for choosing and checking its output name.
#[derive(Debug, Clone)]
pub struct Writes {
    /// The command as messages name it (`bscore evaluate`, `bscore
    /// convert, given a form,` …).
    pub command: Text,
    /// The kinds it can write.
    pub kinds: &'static [Written],
    /// A command line that writes what it can, for the advice.
    pub example: Text,
}

/// Formats bscore does not write, by extension, and what to do instead:
/// a document or a picture comes from the HTML report, printed from a
/// browser; another spreadsheet from an XLSX file, saved as that format.
/// Writing the text table into `report.pdf` would hand over a file that
/// no PDF reader opens.
const NOT_WRITTEN: [(&[&str], Instead); 2] = [
    (
        &[
            "pdf", "ps", "xps", "oxps", "doc", "docx", "docm", "dot", "dotx", "odt", "ott", "rtf",
            "wps", "wpt", "pages", "ppt", "pptx", "pps", "ppsx", "odp", "dps", "key", "png", "jpg",
            "jpeg", "gif", "bmp", "tif", "tiff", "svg", "webp",
        ],
        Instead::Print,
    ),
    (
        &[
            "xls", "xlsm", "xlsb", "xlt", "xltx", "xltm", "ods", "ots", "fods", "et", "ett",
            "numbers",
        ],
        Instead::Spreadsheet,
    ),
];

/// What to write instead of a format bscore does not write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Instead {
    /// The HTML report, opened in a browser and printed (to PDF).
    Print,
    /// An XLSX file, opened in a spreadsheet and saved as another format.
    Spreadsheet,
}

/// What to do instead of writing `path`, whose extension (in any case)
/// names a format bscore does not write.
pub(super) fn not_written(path: &Path) -> Option<Instead> {
    let extension = extension_of(path)?;
    (NOT_WRITTEN.iter())
        .find(|(extensions, _)| extensions.contains(&extension.as_str()))
        .map(|(_, instead)| *instead)
}

/// The kind `command` writes to `path` (`None`: standard output): the
/// one its extension names, `fallback` for a name that names none. A
/// name asking for a kind the command does not write, or a format bscore
/// never writes, is refused with what the command writes instead.
pub fn output_kind(
    writes: &Writes,
    path: Option<&Path>,
    fallback: Written,
) -> Result<Written, Text> {
    let Some(path) = path else {
        return Ok(fallback);
    };
    let named = Written::of(path);
    // A kind the command writes is written, though other commands refuse
    // it with advice (`.docx`: only `bscore report` writes one).
    if let Some(kind) = named.filter(|kind| writes.kinds.contains(kind)) {
        return Ok(kind);
    }
    if let Some(instead) = not_written(path) {
        return Err(refusal(writes, path, Some(instead)));
    }
    match named {
        Some(_) => Err(refusal(writes, path, None)),
        None => Ok(fallback),
    }
}

/// The kind `writes` writes to `path` (`None`: standard output): the one
/// `--format` asks for (`asked`: its kind and its name on the command
/// line), else the one the name's extension asks for, else `default`. A
/// name asking for a kind the command does not write ([`output_kind`]),
/// or for another kind than `--format`, is refused.
pub fn chosen_kind(
    writes: &Writes,
    asked: Option<(Written, String)>,
    path: Option<&Path>,
    default: Written,
) -> Result<Written, Text> {
    let named = match output_kind(writes, path, Written::Text)? {
        Written::Text => None,
        kind => Some(kind),
    };
    match (asked, named, path) {
        (Some((asked, name)), Some(named), Some(path)) if asked != named => {
            Err(contradiction(&name, path))
        }
        (asked, named, _) => Ok(asked.map(|(kind, _)| kind).or(named).unwrap_or(default)),
    }
}

/// Asking for one format with `--format` while naming a file of another
/// is a mistake, said as such.
pub fn contradiction(asked: &str, path: &Path) -> Text {
    let extension = extension_of(path).unwrap_or_default();
    let path = path.display();
    t!(
        "--format {asked} 与 --output {path}（.{extension} 文件）不一致：去掉 --format，或把文件名改成 {asked} 格式的扩展名",
        "--format {asked} contradicts --output {path}, a .{extension} file: drop --format, or name the file for {asked}"
    )
}

/// Why `path` is not written, and what `writes` writes instead.
fn refusal(writes: &Writes, path: &Path, instead: Option<Instead>) -> Text {
    let extension = extension_of(path).unwrap_or_default();
    let shown = path.display();
    let (command_zh, command_en) = (&writes.command.zh, &writes.command.en);
    let head = t!(
        "--output {shown}：{command_zh}不生成 .{extension} 文件（未写入任何文件）。",
        "--output {shown}: {command_en} does not write .{extension} files (nothing was written). "
    );
    let can = |kind| writes.kinds.contains(&kind);
    let advice = match instead {
        Some(Instead::Print) if can(Written::Html) => t!(
            "请写成 HTML（{command_zh}… -o 文件名.html），在浏览器中打开，再“打印”→“另存为 PDF”；Word、WPS 也能打开该 HTML 文件",
            "Write HTML ({command_en} … -o name.html), open it in a browser and print it to PDF; Word and WPS open the HTML file too"
        ),
        Some(Instead::Spreadsheet) if can(Written::Xlsx) => t!(
            "请写成 .xlsx（-o 文件名.xlsx），在 Excel、WPS 或 LibreOffice 中打开后“另存为” .{extension}",
            "Write .xlsx (-o report.xlsx), open it in Excel, WPS or LibreOffice and save it as .{extension}"
        ),
        _ => {
            let labels: Vec<Text> = writes.kinds.iter().map(|kind| kind.label()).collect();
            let zh: Vec<&str> = labels.iter().map(|l| l.zh.as_str()).collect();
            let en: Vec<&str> = labels.iter().map(|l| l.en.as_str()).collect();
            let (zh, en) = (zh.join("、"), en.join(", "));
            let (example_zh, example_en) = (&writes.example.zh, &writes.example.en);
            t!(
                "它可生成：{zh}；例如 {example_zh}",
                "It writes {en}; for example {example_en}"
            )
        }
    };
    head.joined(("", ""), &advice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_bscore_does_not_write_are_named_in_any_case() {
        assert_eq!(not_written(Path::new("r.PDF")), Some(Instead::Print));
        assert_eq!(not_written(Path::new("r.docx")), Some(Instead::Print));
        assert_eq!(not_written(Path::new("r.Xls")), Some(Instead::Spreadsheet));
        assert_eq!(not_written(Path::new("r.ods")), Some(Instead::Spreadsheet));
        for written in ["r.xlsx", "r.html", "r.json", "r.txt", "r", "audit.toml"] {
            assert_eq!(not_written(Path::new(written)), None, "{written}");
        }
    }

    /// `-o NUL` failed with "Invalid parameter. (os error 87)", `-o CON`
    /// with "Invalid handle."; Windows reserves these names in any case,
    /// with any extension, in any folder.
    #[test]
    fn reserved_names_are_read_as_windows_reads_them() {
        for null in [
            "NUL",
            "nul",
            "Nul.txt",
            "nul.tar.gz",
            "NUL:",
            "nul .json",
            "out\\x/NUL",
        ] {
            assert_eq!(device_of(Path::new(null)), Some(Device::Null), "{null}");
        }
        for console in ["CON", "con.txt", "Con"] {
            assert_eq!(
                device_of(Path::new(console)),
                Some(Device::Console),
                "{console}"
            );
        }
        for (other, device) in [
            ("PRN", "PRN"),
            ("aux.json", "aux"),
            ("COM1", "COM1"),
            ("com9.xlsx", "com9"),
            ("LPT1", "LPT1"),
            ("lpt5.txt", "lpt5"),
        ] {
            assert_eq!(
                device_of(Path::new(other)),
                Some(Device::Other(device.to_string())),
                "{other}"
            );
        }
        for file in [
            "null",
            "nul_report.txt",
            "COM10",
            "COM0",
            "LPT",
            "console.txt",
            "a.nul",
            "report.json",
        ] {
            assert_eq!(device_of(Path::new(file)), None, "{file}");
        }
    }

    #[test]
    fn names_windows_would_change_or_refuse_are_named() {
        let dot = windows_refusal(Path::new("report.json.")).unwrap();
        assert!(dot.zh.contains("“report.json”"), "{}", dot.zh);
        assert!(dot.en.contains("trailing dot or space"), "{}", dot.en);
        assert!(windows_refusal(Path::new("r.txt ")).is_some());
        let port = windows_refusal(Path::new("COM1.txt")).unwrap();
        assert!(
            port.zh.contains("COM1 是 Windows 保留的设备名"),
            "{}",
            port.zh
        );
        let long = format!("{}.json", "评".repeat(251));
        let too_long = windows_refusal(&Path::new("out").join(&long)).unwrap();
        assert!(
            too_long.zh.contains("有 256 个字符，超过"),
            "{}",
            too_long.zh
        );
        let longest = format!("{}.json", "评".repeat(250));
        assert_eq!(windows_refusal(Path::new(&longest)), None);
        for fine in ["report.json", "NUL", "con", "报告 2024.xlsx", "."] {
            assert_eq!(windows_refusal(Path::new(fine)), None, "{fine}");
        }
    }

    #[test]
    fn names_are_read_as_windows_reads_them() {
        for (name, extension) in [
            ("report.pdf", Some("pdf")),
            ("report.pdf.", Some("pdf")),
            ("r.pdf ", Some("pdf")),
            ("r.HTML. .", Some("html")),
            ("dir/r.xlsx", Some("xlsx")),
            ("report", None),
            ("report.", None),
            (".pdf", None),
        ] {
            assert_eq!(
                extension_of(Path::new(name)).as_deref(),
                extension,
                "{name:?}"
            );
        }
    }
}
