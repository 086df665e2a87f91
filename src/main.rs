//! The `bscore` binary: everything is in the library.

/// mimalloc: batches allocate many small values on every core, where it is
/// markedly faster than the system allocator (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    bscore::cli::run()
}
