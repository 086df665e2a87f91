//! Says whether the tests can print to PDF in a real browser, so that the
//! test that needs one is reported as ignored, not passed, where none is
//! installed. In CI (`CI` set) the browser is required: the test runs and
//! fails without one.

use std::path::PathBuf;

const BROWSERS: [&str; 3] = ["chromium", "chromium-browser", "google-chrome"];

fn main() {
    println!("cargo::rustc-check-cfg=cfg(has_browser)");
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-env-changed=PATH");
    let directories: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect())
        .unwrap_or_default();
    let found = directories
        .iter()
        .flat_map(|directory| BROWSERS.map(|name| directory.join(name)))
        .find(|candidate| candidate.is_file());
    match &found {
        // Removed later: the path no longer exists, and this runs again.
        Some(browser) => println!("cargo::rerun-if-changed={}", browser.display()),
        // Installed later: a directory on PATH changes, and this runs again.
        None => directories
            .iter()
            .filter(|directory| directory.is_dir())
            .for_each(|directory| println!("cargo::rerun-if-changed={}", directory.display())),
    }
    if found.is_some() || std::env::var_os("CI").is_some() {
        println!("cargo::rustc-cfg=has_browser");
    }
}
