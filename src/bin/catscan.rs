fn main() -> std::process::ExitCode {
    catscan::cli::catscan_main()
}
