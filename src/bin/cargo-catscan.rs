//! `cargo catscan`: cargo finds this binary on the PATH and runs it as `cargo-catscan catscan …`.

fn main() -> std::process::ExitCode {
    catscan::run_cargo_catscan()
}
