//! Command-line behaviour as data: each `tests/cmd/NAME.toml` names its
//! arguments, its input folder `NAME.in`, the exit code and the exact
//! stdout and stderr; `tests/snapshots/` pins every report format.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}

#[test]
fn report_snapshots() {
    trycmd::TestCases::new().case("tests/snapshots/*.toml");
}
