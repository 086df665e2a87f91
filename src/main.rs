//! The `bscore` binary: everything is in the library.

fn main() -> std::process::ExitCode {
    bscore::cli::run()
}
