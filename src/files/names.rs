//! Output names as the user means them: the extension of an `--output`
//! file read as Windows reads the name (trailing dots and spaces are
//! dropped there, so `report.pdf.` becomes `report.pdf`), in any case.

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

#[cfg(test)]
mod tests {
    use super::*;

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
