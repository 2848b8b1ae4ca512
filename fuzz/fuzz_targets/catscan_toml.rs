//! The policy file, catscan.toml. Relative paths in it are taken from a folder that does not
//! exist, so that the files it names are not found rather than read.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let base = std::path::Path::new("/nonexistent-catscan-fuzz");
    match catscan::policy::config::parse(text, "catscan.toml", base) {
        Ok(config) => {
            std::hint::black_box(format!("{config:?}"));
        }
        Err(e) => {
            std::hint::black_box(e.to_string());
        }
    }
});
