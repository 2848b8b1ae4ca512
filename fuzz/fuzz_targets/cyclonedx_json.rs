//! CycloneDX JSON: format detection, the reader on one thread and on two (whose results must be
//! the same), then resolution, evaluation and the SARIF report of what was read.
#![no_main]

use catscan::ingest::cyclonedx::json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Some(text) = catscan_fuzz::text(bytes) else {
        return;
    };
    std::hint::black_box(catscan::ingest::detect(&text));
    let one = json::read_with_threads(catscan_fuzz::source(), &text, 1);
    let two = json::read_with_threads(catscan_fuzz::source(), &text, 2);
    match (&one, &two) {
        (Ok(a), Ok(b)) => {
            assert_eq!(format!("{:?}", a.components), format!("{:?}", b.components));
            assert_eq!(format!("{:?}", a.diagnostics), format!("{:?}", b.diagnostics));
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("one thread and two disagree: {one:?} / {two:?}"),
    }
    catscan_fuzz::scan(one);
});
