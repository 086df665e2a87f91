//! Command-line behaviour as data: each `tests/cmd/NAME.toml` names its
//! arguments, its input folder `NAME.in`, the exit code and the exact
//! stdout and stderr.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
