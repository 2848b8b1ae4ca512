//! The baseline SARIF log (`--baseline`). The baseline is read from a file, so each input is
//! written to one (in /dev/shm when there is one, a memory file system) and loaded from it.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn input_file() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = if std::path::Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        dir.join(format!("catscan-fuzz-baseline-{}.sarif", std::process::id()))
    })
}

fuzz_target!(|bytes: &[u8]| {
    let path = input_file();
    std::fs::write(path, bytes).expect("the fuzz input can be written to a temporary file");
    match catscan::policy::baseline::Baseline::load(path, "baseline.sarif") {
        Ok(baseline) => {
            std::hint::black_box(baseline.contains("CN-CAT-001", "0123456789abcdef"));
        }
        Err(e) => {
            std::hint::black_box(e);
        }
    }
});
