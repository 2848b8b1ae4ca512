//! SPDX 2 JSON: format detection and the reader, then resolution, evaluation and SARIF.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Some(text) = catscan_fuzz::text(bytes) else {
        return;
    };
    std::hint::black_box(catscan::ingest::detect(&text));
    catscan_fuzz::scan(catscan::ingest::spdx::read_json(catscan_fuzz::source(), &text));
});
