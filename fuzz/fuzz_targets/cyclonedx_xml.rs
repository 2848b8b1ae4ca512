//! CycloneDX XML: format detection, the reader (with the namespace version detection found, or
//! 1.6 when the root is not a CycloneDX `<bom>`), then resolution, evaluation and SARIF.
#![no_main]

use catscan::ingest::Detected;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Some(text) = catscan_fuzz::text(bytes) else {
        return;
    };
    let version = match catscan::ingest::detect(&text) {
        Detected::CycloneDxXml { namespace_version } => namespace_version,
        _ => "1.6".to_string(),
    };
    catscan_fuzz::scan(catscan::ingest::cyclonedx::xml::read(
        catscan_fuzz::source(),
        &text,
        version,
    ));
});
