//! Command-line behaviour as data: each `tests/cmd/NAME.toml` names its
//! arguments, its input folder `NAME.in`, the exit code and the exact
//! stdout and stderr; `tests/snapshots/` pins every report format.

/// Tables fit `COLUMNS` when piped: every case sees the same width,
/// whatever the terminal the tests run in (cases that test widths name
/// them with `--width`).
const COLUMNS: &str = "100";

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("COLUMNS", COLUMNS)
        .case("tests/cmd/*.toml");
}

#[test]
fn report_snapshots() {
    trycmd::TestCases::new()
        .env("COLUMNS", COLUMNS)
        .case("tests/snapshots/*.toml");
}
