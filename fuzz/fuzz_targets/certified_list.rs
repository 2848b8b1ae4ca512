//! The list of certified products (`--certified`, a CSV file): parsing, then each row looked up
//! by its own vendor and model, which builds the list's index as a scan does.
#![no_main]

use catscan::knowledge::Knowledge;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    match catscan::policy::certified::CertifiedList::parse(text, "certified.csv") {
        Ok(list) => {
            let knowledge = Knowledge::builtin();
            for p in &list.products {
                let found = list
                    .matching(knowledge, &[p.vendor.as_str()], &[p.model.as_str()])
                    .count();
                std::hint::black_box(found);
            }
        }
        Err(e) => {
            std::hint::black_box(e.to_string());
        }
    }
});
