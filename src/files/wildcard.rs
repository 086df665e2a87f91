//! Wildcards in file names on Windows: cmd.exe and PowerShell pass `*.toml`
//! to a program as it was typed, and Windows programs expand it themselves
//! (`bscore evaluate *.toml` is an assessor's first batch run). Elsewhere
//! the shell has expanded it already, and a name with `*` in it is a name.
//!
//! A pattern's last part may hold `*` (any run of characters) and `?` (any
//! one character); they match names in any case, as Windows' file system
//! does, and the names found are sorted as Explorer and `dir` list them
//! (ignoring case). A pattern that matches nothing is an error naming it:
//! running on an empty list would report nothing without a word.

use crate::message::t;
use crate::message::{Text, io_reason};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// Whether `argument` holds a wildcard to expand on this system.
pub fn is_pattern(argument: &OsStr) -> bool {
    cfg!(windows) && has_wildcard(argument)
}

/// Whether `argument` holds `*` or `?`.
pub fn has_wildcard(argument: &OsStr) -> bool {
    argument
        .to_string_lossy()
        .chars()
        .any(|c| matches!(c, '*' | '?'))
}

/// Whether `name` matches `pattern`, in any case: `*` stands for any run
/// of characters (none too), `?` for exactly one.
pub fn matches(pattern: &str, name: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().flat_map(char::to_lowercase).collect();
    let name: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
    // Greedy matching with a return to the last `*`: linear in practice,
    // and never exponential, whatever the pattern.
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(&c) if c == '?' || c == name[n] => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((star_p, star_n)) => {
                    p = star_p + 1;
                    n = star_n + 1;
                    star = Some((star_p, star_n + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

/// Names in the order `dir` and Explorer list them: ignoring case (then
/// by the exact name, so that the order is always the same).
pub fn sort_as_windows(names: &mut [String]) {
    names.sort_by_cached_key(|name| (name.to_lowercase(), name.clone()));
}

/// The files and folders `pattern` matches, as paths written as the user
/// wrote the pattern (`评价\*.toml` gives `评价\a.toml` …), sorted as
/// Windows lists them. The lock files Excel and WPS keep beside an open
/// workbook (`~$form.xlsx`) are never matched: they are no forms. A wildcard in a folder's part of the pattern, a folder that
/// cannot be listed, and a pattern matching nothing, are errors.
pub fn expand(pattern: &Path) -> Result<Vec<PathBuf>, Text> {
    let shown = pattern.display();
    let (folder, name) = split(pattern);
    if has_wildcard(folder.as_os_str()) {
        return Err(t!(
            "{shown}：通配符 * 和 ? 只能用在文件名中，不能用在文件夹名中",
            "{shown}: the wildcards * and ? may stand in a file name only, not in a folder's"
        ));
    }
    let listed = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let entries = std::fs::read_dir(listed).map_err(|error| {
        let folder = listed.display();
        t!(
            "{shown}：无法列出文件夹 {folder}：",
            "{shown}: cannot list the folder {folder}: "
        )
        .joined(("", ""), &io_reason(&error))
    })?;
    let mut found: Vec<String> = (entries.flatten())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|found| !found.starts_with("~$") && matches(&name, found))
        .collect();
    if found.is_empty() {
        let (zh, en) = if folder.as_os_str().is_empty() {
            ("当前文件夹".to_string(), "the current folder".to_string())
        } else {
            let folder = folder.display();
            (format!("文件夹 {folder} "), format!("the folder {folder}"))
        };
        return Err(t!(
            "{shown}：{zh}中没有与之匹配的文件：请检查文件名和扩展名（可用 dir 命令查看该文件夹中的文件）",
            "{shown}: no file in {en} matches it: check the name and the extension (dir lists the folder's files)"
        ));
    }
    sort_as_windows(&mut found);
    Ok(found.into_iter().map(|found| folder.join(found)).collect())
}

/// A pattern's folder part (empty for the current folder) and its name.
fn split(pattern: &Path) -> (&Path, String) {
    let name = pattern
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    let folder = pattern.parent().unwrap_or(Path::new(""));
    (folder, name)
}

/// Every argument with a wildcard expanded on Windows, in its place; the
/// others as given.
pub fn expand_all(arguments: &[PathBuf]) -> Result<Vec<PathBuf>, Text> {
    let mut expanded = Vec::with_capacity(arguments.len());
    for argument in arguments {
        if is_pattern(argument.as_os_str()) {
            expanded.extend(expand(argument)?);
        } else {
            expanded.push(argument.clone());
        }
    }
    Ok(expanded)
}

/// The one file a wildcard stands for where a command reads one file
/// (`bscore gap 2024*.toml`): the pattern must match exactly one.
pub fn expand_one(argument: &Path) -> Result<PathBuf, Text> {
    if !is_pattern(argument.as_os_str()) {
        return Ok(argument.to_path_buf());
    }
    let mut found = expand(argument)?;
    if found.len() == 1 {
        return Ok(found.remove(0));
    }
    let shown = argument.display();
    let count = found.len();
    let names: Vec<String> = found.iter().map(|p| p.display().to_string()).collect();
    let (zh, en) = (names.join("、"), names.join(", "));
    Err(t!(
        "{shown} 匹配到 {count} 个文件（{zh}），但这里只需要一个：请写出其中一个文件名",
        "{shown} matches {count} files ({en}), but one is needed here: name one of them"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_and_question_marks_match_in_any_case() {
        for (pattern, name) in [
            ("*.toml", "gold.toml"),
            ("*.toml", "GOLD.TOML"),
            ("*.TOML", "评价 2024.toml"),
            ("*", "anything"),
            ("a?c.toml", "abc.toml"),
            ("*评价*", "第一次评价结果.xlsx"),
            ("*.*", "a.b"),
            ("**a", "a"),
            ("?.toml", "评.toml"),
        ] {
            assert!(matches(pattern, name), "{pattern} {name}");
        }
        for (pattern, name) in [
            ("*.toml", "gold.toml.bak"),
            ("*.toml", "gold.tom"),
            ("a?c.toml", "ac.toml"),
            ("?.toml", "ab.toml"),
            ("*.xlsx", "form.xls"),
        ] {
            assert!(!matches(pattern, name), "{pattern} {name}");
        }
        // Many stars against a long name that misses: still quick.
        let name = "a".repeat(5000);
        assert!(!matches("*a*a*a*a*a*a*a*a*b", &name));
    }

    #[test]
    fn names_are_sorted_ignoring_case() {
        let mut names = ["b.toml", "C.toml", "a.TOML", "B.toml", "评价.toml"].map(String::from);
        sort_as_windows(&mut names);
        assert_eq!(names, ["a.TOML", "B.toml", "b.toml", "C.toml", "评价.toml"]);
    }

    fn folder_with(names: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for name in names {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        dir
    }

    #[test]
    fn a_pattern_gives_the_matching_files_sorted_beside_it() {
        let dir = folder_with(&["b.toml", "A.TOML", "c.toml.bak", "~$form.xlsx", "form.xlsx"]);
        let found = expand(&dir.path().join("*.toml")).unwrap();
        assert_eq!(
            found,
            [dir.path().join("A.TOML"), dir.path().join("b.toml")]
        );
        let forms = expand(&dir.path().join("*.xlsx")).unwrap();
        assert_eq!(forms, [dir.path().join("form.xlsx")]);
    }

    #[test]
    fn a_pattern_that_matches_nothing_is_named() {
        let dir = folder_with(&["a.toml"]);
        let pattern = dir.path().join("*.json");
        let error = expand(&pattern).unwrap_err();
        let shown = pattern.display().to_string();
        assert!(
            error.zh.starts_with(&shown) && error.zh.contains("没有与之匹配的文件"),
            "{}",
            error.zh
        );
        assert!(error.en.contains("no file in the folder"), "{}", error.en);
        let in_folder = expand(&dir.path().join("*").join("a.toml")).unwrap_err();
        assert!(
            in_folder.zh.contains("不能用在文件夹名中"),
            "{}",
            in_folder.zh
        );
    }

    /// Only Windows leaves wildcards to the program.
    #[cfg(not(windows))]
    #[test]
    fn arguments_are_taken_as_given_elsewhere() {
        let given = [PathBuf::from("*.toml"), PathBuf::from("a?.toml")];
        assert_eq!(expand_all(&given).unwrap(), given);
        assert_eq!(expand_one(&given[1]).unwrap(), given[1]);
    }
}
