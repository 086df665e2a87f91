//! Says whether the tests can print to PDF in a real browser and open the
//! form in real spreadsheet programs (LibreOffice, and Gnumeric, which
//! recalculates), so that the tests that need them
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
    declare("has_gnumeric", &RECALCULATING);
}

/// Sets `cfg(name)` when one of `programs` is on PATH, or in CI.
fn declare(name: &str, programs: &[&str]) {
    println!("cargo::rustc-check-cfg=cfg({name})");
    let directories: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect())
        .unwrap_or_default();
    let found = directories
        .iter()
        .flat_map(|directory| programs.iter().map(|name| directory.join(name)))
        .find(|candidate| candidate.is_file());
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
