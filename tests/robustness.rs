//! No input makes catscan panic: every fixture, truncated at many points, with bytes flipped,
//! and with characters inserted, goes through reading, resolution and evaluation, and either
//! reads or gives a located error.

mod common;

use catscan::inventory::SourceFile;
use catscan::knowledge::Knowledge;
use catscan::policy::Policy;

/// Deterministic pseudo-random numbers (a 64-bit LCG), so failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

fn mutations(original: &[u8], rng: &mut Lcg) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let n = original.len();
    for i in 0..60 {
        let cut = if i < 20 { i * 7 } else { rng.next(n) };
        out.push((
            format!("truncated at {cut}"),
            original[..cut.min(n)].to_vec(),
        ));
    }
    for _ in 0..60 {
        let at = rng.next(n);
        let mut bytes = original.to_vec();
        bytes[at] ^= 1 << rng.next(8);
        out.push((format!("bit flipped at {at}"), bytes));
    }
    for insert in [
        "{",
        "}",
        "[",
        "\"",
        "<",
        ">",
        "&",
        "\\",
        "\u{0}",
        "路",
        "<component>",
    ] {
        let at = rng.next(n);
        let mut bytes = original[..at].to_vec();
        bytes.extend_from_slice(insert.as_bytes());
        bytes.extend_from_slice(&original[at..]);
        out.push((format!("{insert:?} inserted at {at}"), bytes));
    }
    out
}

#[test]
fn mutated_fixtures_never_panic() {
    let knowledge = Knowledge::builtin();
    let classifier = catscan::resolve::Classifier::new(knowledge);
    let policy = Policy::new(time::macros::date!(2026 - 11 - 23));
    let edition = knowledge.edition_on(policy.as_of);
    let mut rng = Lcg(0x5eed);
    let mut files: Vec<_> = std::fs::read_dir(common::fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let (mut read, mut refused) = (0, 0);
    for path in files {
        let original = std::fs::read(&path).unwrap();
        for (what, bytes) in mutations(&original, &mut rng) {
            let source = SourceFile {
                path: path.clone(),
                display: "mutant".into(),
            };
            let outcome = std::panic::catch_unwind(|| {
                let text = match catscan::ingest::decode_utf8(&source, bytes) {
                    Ok(t) => t,
                    Err(_) => return false,
                };
                match catscan::ingest::read(source.clone(), &text, &Default::default()) {
                    Ok(Some(inventory)) => {
                        let resolved =
                            catscan::resolve::resolve(&inventory, knowledge, &classifier, true);
                        let evaluated = catscan::evaluate::evaluate(&resolved, &policy, edition);
                        std::hint::black_box(evaluated);
                        true
                    }
                    Ok(None) => false,
                    Err(e) => {
                        assert!(!e.message.is_empty());
                        false
                    }
                }
            });
            match outcome {
                Ok(true) => read += 1,
                Ok(false) => refused += 1,
                Err(_) => panic!("{} {what}: catscan panicked", path.display()),
            }
        }
    }
    eprintln!("mutants: {read} read, {refused} refused with an error or as not a BOM");
    assert!(read > 0 && refused > 0);
}
