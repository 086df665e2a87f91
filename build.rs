//! Says whether the tests can print to PDF in a real browser and open the
//! form in real spreadsheet programs (LibreOffice, and Gnumeric, which
//! recalculates), and convert the DOCX report in LibreOffice's Writer,
//! so that the tests that need them
//! are reported as ignored, not passed, where they are not installed. In
//! CI (`CI` set) both are required: the tests run and fail without them.

use std::path::PathBuf;

const BROWSERS: [&str; 3] = ["chromium", "chromium-browser", "google-chrome"];
const SPREADSHEETS: [&str; 2] = ["soffice", "libreoffice"];
const RECALCULATING: [&str; 1] = ["ssconvert"];

fn main() {
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-env-changed=PATH");
    declare("has_browser", &BROWSERS);
    declare("has_libreoffice", &SPREADSHEETS);
    declare_with("has_writer", &SPREADSHEETS, has_writer);
    declare("has_gnumeric", &RECALCULATING);
}

/// Whether the LibreOffice at `soffice` has Writer, which converts a
/// DOCX: Debian's `libreoffice-calc-nogui` alone installs `soffice`
/// without it, and such a `soffice` fails on every `.docx`. Writer's
/// library lies beside the program (`libswlo.so`, `swlo.dll`).
fn has_writer(soffice: &std::path::Path) -> bool {
    let Ok(program) = soffice.canonicalize() else {
        return false;
    };
    let Some(directory) = program.parent() else {
        return false;
    };
    ["libswlo.so", "swlo.dll", "libswlo.dylib"]
        .iter()
        .any(|library| directory.join(library).is_file())
}

/// Sets `cfg(name)` when one of `programs` is on PATH, or in CI.
fn declare(name: &str, programs: &[&str]) {
    declare_with(name, programs, |_| true);
}

/// Sets `cfg(name)` when one of `programs` is on PATH and `usable` says
/// it can do the job, or in CI.
fn declare_with(name: &str, programs: &[&str], usable: impl Fn(&std::path::Path) -> bool) {
    println!("cargo::rustc-check-cfg=cfg({name})");
    let directories: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect())
        .unwrap_or_default();
    let found = directories
        .iter()
        .flat_map(|directory| programs.iter().map(|name| directory.join(name)))
        .find(|candidate| candidate.is_file() && usable(candidate));
    match &found {
        // Removed later: the path no longer exists, and this runs again.
        Some(program) => println!("cargo::rerun-if-changed={}", program.display()),
        // Installed later: a directory on PATH changes, and this runs again.
        None => directories
            .iter()
            .filter(|directory| directory.is_dir())
            .for_each(|directory| println!("cargo::rerun-if-changed={}", directory.display())),
    }
    if found.is_some() || std::env::var_os("CI").is_some() {
        println!("cargo::rustc-cfg={name}");
    }
}
