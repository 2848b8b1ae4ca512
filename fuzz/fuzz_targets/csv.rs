//! CSV part lists: text that is not UTF-8 decoded in the encoding its bytes show (as catscan does
//! for part lists), the part-list test, the reader with detected columns and with columns the
//! user names, then resolution, evaluation and SARIF.
#![no_main]

use catscan::ingest::partlist::{self, ColumnOverrides, Field};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = match catscan_fuzz::text(bytes) {
        Some(text) => text,
        None => {
            let mut decoded = catscan::ingest::encoding::decode(bytes);
            catscan::ingest::normalize_line_breaks(&mut decoded.text);
            decoded.text
        }
    };
    let named = ColumnOverrides {
        map: vec![
            (Field::PartNumber, "Part Number".to_string()),
            (Field::Manufacturer, "Manufacturer".to_string()),
        ],
    };
    std::hint::black_box(catscan::ingest::detect(&text));
    std::hint::black_box(partlist::looks_like_csv_part_list(&text));
    std::hint::black_box(partlist::looks_like_csv_part_list_with(&text, &named));
    catscan_fuzz::scan(partlist::read_csv(
        catscan_fuzz::source(),
        &text,
        &ColumnOverrides::default(),
    ));
    catscan_fuzz::scan(partlist::read_csv(catscan_fuzz::source(), &text, &named));
});
