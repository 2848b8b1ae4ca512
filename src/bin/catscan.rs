//! `catscan`: the command line is the library's (`catscan::run_catscan`).

fn main() -> std::process::ExitCode {
    catscan::run_catscan()
}
