//! Every reader, fed mutants of the repository's fixtures, neither panics nor hangs.
//!
//! Per reader: a few hundred mutants read in this process through the library (and, when they
//! read, resolved, evaluated and written as SARIF), each inside `catch_unwind`; and a smaller
//! sample scanned by the `catscan` binary, which must exit with one of its documented statuses
//! (0 clean, 1 findings, 2 could not complete), print no panic, and finish within a bound that
//! only a cliff (an input that takes far longer than its size warrants) passes.
//!
//! The mutator is deterministic: mutant `i` of a reader comes from a seed derived from the
//! reader's name and `i`, so a failure names its reader, index and seed, lists its mutations,
//! and leaves its input under `target/tmp/mutation/` to scan again. The mutations are the
//! damage files really suffer and the shapes that break parsers: bit flips, truncation at every
//! kind of boundary of the syntax (and inside a multi-byte character), duplicated and deleted
//! spans, deep nesting, huge numbers, invalid UTF-8, byte-order marks and NULs. Workbooks are
//! ZIP archives of XML files: their members are mutated and packed again, so that the mutants
//! reach the XML.

mod common;

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use catscan::ingest::ReadError;
use catscan::inventory::{Inventory, SourceFile};

/// Mutants per reader read in this process.
const IN_PROCESS: usize = 300;
/// Mutants per reader scanned by the binary.
const BY_BINARY: usize = 10;
/// How long the binary may take on one mutant. The fixtures are at most 64 KB and a debug build
/// scans each in well under a second, so this is far above any honest run even on a loaded
/// machine: it catches only inputs that take orders of magnitude longer than they should.
const BINARY_BOUND: Duration = Duration::from_secs(10);
/// Fixtures larger than this are not mutated: mutants of small files find the same faults, and
/// the whole file must run in seconds.
const SEED_LIMIT: u64 = 64 << 10;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Where mutants are written: to be scanned by the binary, and to reproduce a failure.
fn mutant_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mutation");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// SplitMix64: small, fast, and the same numbers on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'t, T>(&mut self, items: &'t [T]) -> &'t T {
        &items[self.below(items.len())]
    }
}

/// The seed of mutant `index` of a reader: FNV-1a of the reader's name, mixed with the index.
fn seed_of(reader: &str, index: usize) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for b in reader.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
    }
    h ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The syntax of a reader's input, which decides where boundaries are and what nesting is.
#[derive(Clone, Copy, PartialEq)]
enum Syntax {
    Json,
    Xml,
    TagValue,
    Csv,
    Toml,
}

impl Syntax {
    /// The bytes that end or begin a token: a truncation at each is a different kind of
    /// unfinished document.
    fn boundaries(self) -> &'static [u8] {
        match self {
            Syntax::Json => b"{}[],:\"\\\n0123456789-.etfn",
            Syntax::Xml => b"<>/=\"'&;!?[]\n",
            Syntax::TagValue => b":\n<>#()",
            Syntax::Csv => b",;\t\"\r\n",
            Syntax::Toml => b"[]{}=\"',.#\n",
        }
    }

    /// How deep inserted nesting goes: past the readers' limit of 10,000 levels, and for JSON, XML
    /// and TOML, whose parsers recurse, ten times past it. A CSV field only grows with its
    /// quotes, so a hundred thousand would add time and no new case.
    fn depths(self) -> &'static [usize] {
        match self {
            Syntax::Json | Syntax::Xml | Syntax::Toml | Syntax::TagValue => {
                &[64, 1_000, 10_001, 100_000]
            }
            Syntax::Csv => &[64, 1_000, 10_001],
        }
    }

    /// `depth` levels of nesting as the syntax writes it, closed (`closed`) or left open.
    fn nesting(self, depth: usize, closed: bool) -> Vec<u8> {
        let (open, inner, close) = match self {
            Syntax::Json => ("{\"a\":[", "1", "]}"),
            Syntax::Xml => ("<component>", "x", "</component>"),
            // A license expression in parentheses, which the SPDX expression parser nests.
            Syntax::TagValue => ("(", "MIT", ")"),
            Syntax::Csv => ("\"", "x", "\""),
            Syntax::Toml => ("[", "1", "]"),
        };
        let mut out = Vec::new();
        if self == Syntax::TagValue {
            out.extend_from_slice(b"\nPackageLicenseDeclared: ");
        }
        if self == Syntax::Toml {
            out.extend_from_slice(b"\nnested = ");
        }
        out.extend(
            open.as_bytes()
                .iter()
                .copied()
                .cycle()
                .take(open.len() * depth),
        );
        out.extend_from_slice(inner.as_bytes());
        if closed {
            out.extend(
                close
                    .as_bytes()
                    .iter()
                    .copied()
                    .cycle()
                    .take(close.len() * depth),
            );
        }
        if matches!(self, Syntax::TagValue | Syntax::Toml) {
            out.push(b'\n');
        }
        out
    }
}

/// Numbers no field expects: past every integer type, past `f64`, not numbers at all.
const HUGE_NUMBERS: &[&str] = &[
    "99999999999999999999999999999999999999",
    "18446744073709551616",
    "-9223372036854775809",
    "4294967296",
    "1e999999",
    "-1e-999999",
    "1.7976931348623157e309",
    "0.0000000000000000000000000000000000000000000001",
    "-0",
    "NaN",
    "Infinity",
    "1e",
];

/// Byte sequences that are not UTF-8: a byte UTF-8 never uses, an overlong encoding, a
/// surrogate, a lone continuation byte, a code point past U+10FFFF, a cut-off sequence.
const INVALID_UTF8: &[&[u8]] = &[
    b"\xFF",
    b"\xC0\xAF",
    b"\xED\xA0\x80",
    b"\x80",
    b"\xF4\x90\x80\x80",
    b"\xE2\x82",
];

/// Byte-order marks: UTF-8, UTF-16 LE and BE, UTF-32 LE.
const BOMS: &[&[u8]] = &[
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"\xFF\xFE\x00\x00",
];

/// Applies one random mutation to `bytes` and says what it did.
fn mutate(bytes: &mut Vec<u8>, syntax: Syntax, rng: &mut Rng) -> String {
    let n = bytes.len();
    match rng.below(10) {
        0 => {
            let at = rng.below(n);
            let bit = rng.below(8);
            if let Some(b) = bytes.get_mut(at) {
                *b ^= 1 << bit;
            }
            format!("bit {bit} flipped at {at}")
        }
        1 => truncate_at_boundary(bytes, syntax, rng.below(usize::MAX), rng),
        2 => {
            let from = rng.below(n);
            let len = rng.below((n - from.min(n)).min(4096) + 1);
            let to = rng.below(n + 1);
            let span = bytes[from..from + len].to_vec();
            bytes.splice(to..to, span);
            format!("{len} bytes from {from} duplicated at {to}")
        }
        3 => {
            let from = rng.below(n);
            let len = rng.below((n - from.min(n)).min(4096) + 1);
            bytes.drain(from..from + len);
            format!("{len} bytes deleted at {from}")
        }
        4 => {
            let depth = *rng.pick(syntax.depths());
            let closed = rng.below(2) == 0;
            let at = rng.below(n + 1);
            bytes.splice(at..at, syntax.nesting(depth, closed));
            format!(
                "{depth} levels of nesting ({}) inserted at {at}",
                if closed { "closed" } else { "left open" }
            )
        }
        5 => {
            let number = *rng.pick(HUGE_NUMBERS);
            // Replace a run of digits when there is one, so the number stands where one is
            // expected.
            let digits: Vec<usize> = (0..n)
                .filter(|&i| {
                    bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit())
                })
                .collect();
            if digits.is_empty() {
                let at = rng.below(n + 1);
                bytes.splice(at..at, number.bytes());
                format!("{number} inserted at {at}")
            } else {
                let start = *rng.pick(&digits);
                let end = (start..n)
                    .find(|&i| !bytes[i].is_ascii_digit())
                    .unwrap_or(n);
                bytes.splice(start..end, number.bytes());
                format!("number at {start} replaced by {number}")
            }
        }
        6 => {
            let seq = *rng.pick(INVALID_UTF8);
            let at = rng.below(n + 1);
            bytes.splice(at..at, seq.iter().copied());
            format!("invalid UTF-8 {seq:02X?} inserted at {at}")
        }
        7 => {
            let bom = *rng.pick(BOMS);
            let at = if rng.below(2) == 0 {
                0
            } else {
                rng.below(n + 1)
            };
            bytes.splice(at..at, bom.iter().copied());
            format!("byte-order mark {bom:02X?} inserted at {at}")
        }
        8 => {
            let at = rng.below(n + 1);
            let count = *rng.pick(&[1, 2, 100]);
            bytes.splice(at..at, std::iter::repeat_n(0u8, count));
            format!("{count} NULs inserted at {at}")
        }
        _ => {
            let at = rng.below(n);
            let byte = *rng.pick(&[0x00u8, 0x7F, 0x80, 0xFF, b'\r', b'"', b'<', b'\\']);
            if let Some(b) = bytes.get_mut(at) {
                *b = byte;
            }
            format!("byte at {at} set to {byte:#04X}")
        }
    }
}

/// The kinds of truncation point of a syntax: before and after each boundary byte, and inside
/// a multi-byte character. Mutant `kind` (taken modulo the number of kinds) cuts at one of them.
fn truncate_at_boundary(bytes: &mut Vec<u8>, syntax: Syntax, kind: usize, rng: &mut Rng) -> String {
    let boundaries = syntax.boundaries();
    let kinds = boundaries.len() * 2 + 1;
    let kind = kind % kinds;
    let (at, what) = if kind == boundaries.len() * 2 {
        let inside: Vec<usize> = (1..bytes.len())
            .filter(|&i| bytes[i] & 0xC0 == 0x80 && bytes[i - 1] >= 0xC0)
            .collect();
        (
            inside.get(rng.below(inside.len())).copied(),
            "inside a multi-byte character".to_string(),
        )
    } else {
        let b = boundaries[kind / 2];
        let after = kind % 2 == 1;
        let places: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] == b).collect();
        (
            places
                .get(rng.below(places.len()))
                .map(|&i| if after { i + 1 } else { i }),
            format!("{} {:?}", if after { "after" } else { "before" }, b as char),
        )
    };
    let (at, what) = match at {
        Some(at) => (at, what),
        // A kind of boundary the file does not have: cut anywhere.
        None => (
            rng.below(bytes.len() + 1),
            format!("anywhere: the file has no place {what}"),
        ),
    };
    bytes.truncate(at);
    format!("truncated at {at} ({what})")
}

/// Mutant `index` of a seed: the first mutants of each reader truncate at each kind of boundary
/// in turn, so every kind is tried; the others stack one to three random mutations.
fn mutant(seed: &[u8], syntax: Syntax, index: usize, rng: &mut Rng) -> (Vec<u8>, Vec<String>) {
    let mut bytes = seed.to_vec();
    let kinds = syntax.boundaries().len() * 2 + 1;
    if index < kinds {
        let what = truncate_at_boundary(&mut bytes, syntax, index, rng);
        return (bytes, vec![what]);
    }
    let count = 1 + rng.below(3);
    let done = (0..count)
        .map(|_| mutate(&mut bytes, syntax, rng))
        .collect();
    (bytes, done)
}

/// A workbook mutant: one member of the archive mutated as XML and the archive packed again, or,
/// one time in eight, the archive's own bytes mutated.
fn workbook_mutant(seed: &[u8], index: usize, rng: &mut Rng) -> (Vec<u8>, Vec<String>) {
    if index % 8 == 7 {
        let (bytes, mut done) = mutant(seed, Syntax::Xml, IN_PROCESS, rng);
        done.insert(0, "archive bytes:".to_string());
        return (bytes, done);
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(seed)).expect("the fixture is a ZIP archive");
    let mut members = Vec::new();
    for i in 0..zip.len() {
        let mut member = zip.by_index(i).unwrap();
        let name = member.name().unwrap().into_owned();
        let mut content = Vec::new();
        member.read_to_end(&mut content).unwrap();
        members.push((name, content));
    }
    // The members a part list is read from are the likelier targets.
    let sheets: Vec<usize> = (0..members.len())
        .filter(|&i| members[i].0.starts_with("xl/"))
        .collect();
    let pick = if rng.below(4) == 0 {
        rng.below(members.len())
    } else {
        *rng.pick(&sheets)
    };
    let (content, mut done) = mutant(&members[pick].1, Syntax::Xml, index, rng);
    done.insert(0, format!("member {}:", members[pick].0));
    members[pick].1 = content;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // Stored, not compressed: compressing a member grown by a mutation to a megabyte takes
    // seconds in a debug build, and the reader reads either.
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in &members {
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(content).unwrap();
    }
    (out.finish().unwrap().into_inner(), done)
}

/// One reader under test.
struct Reader {
    name: &'static str,
    syntax: Syntax,
    /// The file name mutants are written under (the binary tells formats by content, but a
    /// name that says the format makes a kept mutant easy to recognise).
    file_name: &'static str,
    /// Whether a fixture (its path and content) is an input of this reader.
    is_seed: fn(&Path, &[u8]) -> bool,
    /// Reads a mutant through the library; panics on a defect.
    read: fn(&[u8]),
    /// How the binary is given a mutant written at the path.
    args: fn(&Path) -> Vec<String>,
}

fn contains(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn extension_is(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e == ext)
}

fn source() -> SourceFile {
    SourceFile {
        path: "mutant".into(),
        display: "mutant".to_string(),
    }
}

/// A located error names the file and says something.
fn check_error(e: &ReadError) {
    assert_eq!(e.file, "mutant");
    assert!(!e.message.is_empty(), "an error without a message: {e:?}");
}

/// The text a reader is given for a file's bytes, as `ingest::load_text` makes it; `None`
/// (after checking the error) when they are not UTF-8.
fn text(bytes: &[u8]) -> Option<String> {
    match catscan::ingest::decode_utf8(&source(), bytes.to_vec()) {
        Ok(mut text) => {
            catscan::ingest::normalize_line_breaks(&mut text);
            Some(text)
        }
        Err((e, _)) => {
            check_error(&e);
            None
        }
    }
}

/// The rest of a scan after reading: resolution, evaluation under a policy with every rule
/// family on, and the SARIF log.
fn scan(result: Result<Inventory<'_>, ReadError>) {
    use catscan::findings::{FileReport, Report};
    use catscan::knowledge::Knowledge;
    use catscan::policy::{Market, Policy};
    use std::sync::OnceLock;

    let inventory = match result {
        Ok(inventory) => inventory,
        Err(e) => return check_error(&e),
    };
    static POLICY: OnceLock<Policy> = OnceLock::new();
    let policy = POLICY.get_or_init(|| {
        let mut p = Policy::new(time::macros::date!(2026 - 03 - 01));
        p.markets = [Market::Cn, Market::Us].into_iter().collect();
        p.cii = true;
        p.mlps_grade = Some(3);
        p.us_federal = true;
        p.procurement = Some(catscan::knowledge::Buyer::CnGovernment);
        p.min_domestic_share = Some(rust_decimal::Decimal::new(5, 1));
        p
    });
    let knowledge = Knowledge::builtin();
    static CLASSIFIER: OnceLock<catscan::resolve::Classifier<'static>> = OnceLock::new();
    let classifier = CLASSIFIER.get_or_init(|| catscan::resolve::Classifier::new(knowledge));
    let edition = knowledge.edition_on(policy.as_of);
    let resolved = catscan::resolve::resolve(&inventory, knowledge, classifier, true);
    let evaluated = catscan::evaluate::evaluate(&resolved, policy, edition);
    let report = Report {
        tool_version: "test",
        as_of: policy.as_of,
        edition: None,
        files: vec![FileReport {
            source: inventory.source.clone(),
            outcome: Ok(evaluated),
        }],
        skipped: Vec::new(),
        notices: Vec::new(),
        policy_findings: Vec::new(),
        policy_file: None,
        baseline: None,
        families: Vec::new(),
    };
    let options = catscan::report::sarif::Options {
        include_suppressed: true,
    };
    let sarif = catscan::report::sarif::to_string(&report, policy, options);
    assert!(sarif.starts_with('{'));
}

/// The binary's arguments to scan a BOM mutant, with every rule family on.
fn scan_args(bom: &Path, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "scan",
        bom.to_str().unwrap(),
        "--format",
        "sarif",
        "--output",
        "/dev/null",
        "--as-of",
        "2026-03-01",
        "--market",
        "cn",
        "--market",
        "us",
        "--cii",
        "--mlps-grade",
        "3",
        "--us-federal",
        "--procurement",
        "cn-government",
        "--min-domestic-share",
        "0.5",
    ]
    .iter()
    .map(std::string::ToString::to_string)
    .collect();
    if !extra.contains(&"--config") {
        args.push("--no-config".to_string());
    }
    args.extend(extra.iter().map(std::string::ToString::to_string));
    args
}

/// A fixture every reader of a list or a policy can scan beside its mutant.
fn fixture_bom() -> PathBuf {
    root().join("sbom-fixtures/security-products-hbom.cdx.json")
}

const READERS: &[Reader] = &[
    Reader {
        name: "cyclonedx_json",
        syntax: Syntax::Json,
        file_name: "mutant.cdx.json",
        is_seed: |p, b| extension_is(p, "json") && contains(b, "\"bomFormat\""),
        read: |b| {
            if let Some(text) = text(b) {
                std::hint::black_box(catscan::ingest::detect(&text));
                scan(catscan::ingest::cyclonedx::json::read(source(), &text));
            }
        },
        args: |p| scan_args(p, &[]),
    },
    Reader {
        name: "cyclonedx_xml",
        syntax: Syntax::Xml,
        file_name: "mutant.cdx.xml",
        is_seed: |p, b| extension_is(p, "xml") && contains(b, "cyclonedx.org/schema/bom/"),
        read: |b| {
            if let Some(text) = text(b) {
                let version = match catscan::ingest::detect(&text) {
                    catscan::ingest::Detected::CycloneDxXml { namespace_version } => {
                        namespace_version
                    }
                    _ => "1.6".to_string(),
                };
                scan(catscan::ingest::cyclonedx::xml::read(
                    source(),
                    &text,
                    version,
                ));
            }
        },
        args: |p| scan_args(p, &[]),
    },
    Reader {
        name: "spdx_json",
        syntax: Syntax::Json,
        file_name: "mutant.spdx.json",
        is_seed: |p, b| extension_is(p, "json") && contains(b, "\"spdxVersion\""),
        read: |b| {
            if let Some(text) = text(b) {
                std::hint::black_box(catscan::ingest::detect(&text));
                scan(catscan::ingest::spdx::read_json(source(), &text));
            }
        },
        args: |p| scan_args(p, &[]),
    },
    Reader {
        name: "spdx_tag_value",
        syntax: Syntax::TagValue,
        file_name: "mutant.spdx",
        is_seed: |_, b| b.starts_with(b"SPDXVersion:") || contains(b, "\nSPDXVersion:"),
        read: |b| {
            if let Some(text) = text(b) {
                std::hint::black_box(catscan::ingest::detect(&text));
                scan(catscan::ingest::spdx::read_tag_value(source(), &text));
            }
        },
        args: |p| scan_args(p, &[]),
    },
    Reader {
        name: "spdx3",
        syntax: Syntax::Json,
        file_name: "mutant.spdx3.json",
        is_seed: |p, b| extension_is(p, "json") && contains(b, "spdx.org/rdf/3"),
        read: |b| {
            if let Some(text) = text(b) {
                std::hint::black_box(catscan::ingest::detect(&text));
                scan(catscan::ingest::spdx::read_jsonld(source(), &text));
            }
        },
        args: |p| scan_args(p, &[]),
    },
    Reader {
        name: "csv",
        syntax: Syntax::Csv,
        file_name: "mutant.csv",
        is_seed: |p, _| extension_is(p, "csv") && !p.ends_with("policy/certified-products.csv"),
        read: |b| {
            // A part list that is not UTF-8 is decoded in the encoding its bytes show.
            let text = text(b).unwrap_or_else(|| {
                let mut decoded = catscan::ingest::encoding::decode(b);
                catscan::ingest::normalize_line_breaks(&mut decoded.text);
                decoded.text
            });
            std::hint::black_box(catscan::ingest::partlist::looks_like_csv_part_list(&text));
            let columns = Default::default();
            scan(catscan::ingest::partlist::read_csv(
                source(),
                &text,
                &columns,
            ));
        },
        args: |p| scan_args(p, &[]),
    },
    Reader {
        name: "xlsx",
        syntax: Syntax::Xml,
        file_name: "mutant.xlsx",
        is_seed: |p, _| extension_is(p, "xlsx"),
        read: |b| {
            std::hint::black_box(catscan::ingest::partlist::is_xlsx(b));
            let columns = Default::default();
            scan(catscan::ingest::partlist::read_xlsx(source(), b, &columns));
        },
        args: |p| scan_args(p, &[]),
    },
    Reader {
        name: "catscan_toml",
        syntax: Syntax::Toml,
        file_name: "catscan.toml",
        is_seed: |p, _| extension_is(p, "toml") && p.to_string_lossy().contains("catscan"),
        read: |b| {
            let Ok(text) = std::str::from_utf8(b) else {
                return;
            };
            let base = Path::new("/nonexistent-catscan-mutation");
            if let Err(e) = catscan::policy::config::parse(text, "catscan.toml", base) {
                assert_eq!(e.file, "catscan.toml");
                assert!(!e.message.is_empty());
            }
        },
        args: |p| scan_args(&fixture_bom(), &["--config", p.to_str().unwrap()]),
    },
    Reader {
        name: "baseline_sarif",
        syntax: Syntax::Json,
        file_name: "baseline.sarif",
        is_seed: |p, _| extension_is(p, "sarif"),
        read: |b| {
            // The baseline is read from a file: each mutant is written to one of its own.
            let path = mutant_dir().join(format!(
                "baseline-in-process-{:?}.sarif",
                std::thread::current().id()
            ));
            std::fs::write(&path, b).unwrap();
            if let Err(e) = catscan::policy::baseline::Baseline::load(&path, "baseline.sarif") {
                assert!(e.starts_with("baseline.sarif"), "{e}");
            }
        },
        args: |p| scan_args(&fixture_bom(), &["--baseline", p.to_str().unwrap()]),
    },
    Reader {
        name: "certified_list",
        syntax: Syntax::Csv,
        file_name: "certified.csv",
        is_seed: |p, _| p.ends_with("policy/certified-products.csv"),
        read: |b| {
            let Ok(text) = std::str::from_utf8(b) else {
                return;
            };
            match catscan::policy::certified::CertifiedList::parse(text, "certified.csv") {
                Ok(list) => {
                    let knowledge = catscan::knowledge::Knowledge::builtin();
                    for p in &list.products {
                        let found = list.matching(knowledge, &[&p.vendor], &[&p.model]);
                        std::hint::black_box(found.count());
                    }
                }
                Err(e) => {
                    assert_eq!(e.file, "certified.csv");
                    assert!(!e.message.is_empty());
                }
            }
        },
        args: |p| scan_args(&fixture_bom(), &["--certified", p.to_str().unwrap()]),
    },
];

/// The repository's fixtures of a reader, at most [`SEED_LIMIT`] bytes each, in a fixed order.
fn seeds(reader: &Reader) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    for dir in [
        "sbom-fixtures",
        "tests/fixtures",
        "tests/real-generators",
        "tests/workspaces",
        "tests/golden",
        "policy",
    ] {
        walk(&root().join(dir), &mut files);
    }
    files.sort();
    let seeds: Vec<_> = files
        .into_iter()
        .filter(|p| std::fs::metadata(p).is_ok_and(|m| m.len() <= SEED_LIMIT))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .filter(|(p, b)| (reader.is_seed)(p, b))
        .collect();
    assert!(
        !seeds.is_empty(),
        "no fixture for the {} reader",
        reader.name
    );
    seeds
}

/// A mutant, with what it was made from, for the failure message.
struct Mutant {
    index: usize,
    seed: u64,
    fixture: PathBuf,
    mutations: Vec<String>,
    bytes: Vec<u8>,
}

impl Mutant {
    fn new(reader: &Reader, seeds: &[(PathBuf, Vec<u8>)], index: usize) -> Mutant {
        let seed = seed_of(reader.name, index);
        let mut rng = Rng::new(seed);
        let (fixture, original) = &seeds[index % seeds.len()];
        let (bytes, mutations) = if reader.name == "xlsx" {
            workbook_mutant(original, index, &mut rng)
        } else {
            mutant(original, reader.syntax, index, &mut rng)
        };
        Mutant {
            index,
            seed,
            fixture: fixture
                .strip_prefix(root())
                .unwrap_or(fixture)
                .to_path_buf(),
            mutations,
            bytes,
        }
    }

    /// Writes the mutant where it can be scanned again and returns its path.
    fn keep(&self, reader: &Reader) -> PathBuf {
        let dir = mutant_dir().join(format!("{}-{}", reader.name, self.index));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(reader.file_name);
        std::fs::write(&path, &self.bytes).unwrap();
        path
    }

    fn describe(&self, reader: &Reader) -> String {
        format!(
            "{} mutant {} (seed {:#018x}) of {}: {}",
            reader.name,
            self.index,
            self.seed,
            self.fixture.display(),
            self.mutations.join("; ")
        )
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(std::string::ToString::to_string)
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string())
}

/// Reads the reader's mutants in this process; returns the failures.
fn in_process(reader: &Reader) -> Vec<String> {
    let seeds = seeds(reader);
    let mut failures = Vec::new();
    for index in 0..IN_PROCESS {
        let mutant = Mutant::new(reader, &seeds, index);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            (reader.read)(&mutant.bytes);
        }));
        if let Err(payload) = outcome {
            let kept = mutant.keep(reader);
            failures.push(format!(
                "{} panicked: {}; input kept in {}",
                mutant.describe(reader),
                panic_message(&*payload),
                kept.display()
            ));
        }
    }
    failures
}

/// Scans the reader's sample of mutants with the binary; returns the failures.
fn by_binary(reader: &Reader) -> Vec<String> {
    let seeds = seeds(reader);
    let mut failures = Vec::new();
    // Mutants past those read in process, so the binary sees others.
    for index in IN_PROCESS..IN_PROCESS + BY_BINARY {
        let mutant = Mutant::new(reader, &seeds, index);
        let path = mutant.keep(reader);
        let started = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_catscan"))
            .args((reader.args)(&path))
            .current_dir(root())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("catscan starts");
        let mut stderr = child.stderr.take().unwrap();
        let drain = std::thread::spawn(move || {
            let mut text = Vec::new();
            stderr.read_to_end(&mut text).unwrap();
            String::from_utf8_lossy(&text).into_owned()
        });
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if started.elapsed() > BINARY_BOUND {
                child.kill().unwrap();
                child.wait().unwrap();
                break None;
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let stderr = drain.join().unwrap();
        let problem = match status.map(|s| s.code()) {
            None => Some(format!("took more than {} s", BINARY_BOUND.as_secs())),
            Some(Some(0..=2))
                if stderr.contains("panicked") || stderr.contains("internal error") =>
            {
                Some(format!("panicked: {stderr}"))
            }
            Some(Some(0..=2)) => None,
            Some(code) => Some(format!(
                "exited with {code:?} (0, 1 or 2 expected): {stderr}"
            )),
        };
        if let Some(problem) = problem {
            failures.push(format!(
                "{}: catscan {problem}; input kept in {}",
                mutant.describe(reader),
                path.display()
            ));
        } else {
            std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
        }
    }
    failures
}

fn check(name: &str) {
    let reader = READERS.iter().find(|r| r.name == name).unwrap();
    let mut failures = in_process(reader);
    failures.extend(by_binary(reader));
    assert!(
        failures.is_empty(),
        "{} of the {} reader's mutants failed:\n{}",
        failures.len(),
        reader.name,
        failures.join("\n")
    );
}

#[test]
fn cyclonedx_json_mutants() {
    check("cyclonedx_json");
}

#[test]
fn cyclonedx_xml_mutants() {
    check("cyclonedx_xml");
}

#[test]
fn spdx_json_mutants() {
    check("spdx_json");
}

#[test]
fn spdx_tag_value_mutants() {
    check("spdx_tag_value");
}

#[test]
fn spdx3_mutants() {
    check("spdx3");
}

#[test]
fn csv_mutants() {
    check("csv");
}

#[test]
fn xlsx_mutants() {
    check("xlsx");
}

#[test]
fn catscan_toml_mutants() {
    check("catscan_toml");
}

#[test]
fn baseline_sarif_mutants() {
    check("baseline_sarif");
}

#[test]
fn certified_list_mutants() {
    check("certified_list");
}

/// The mutator makes what it says: the same mutants for the same seed, every kind of boundary
/// tried first, and mutants that differ from their fixture.
#[test]
fn the_mutator_is_deterministic_and_covers_every_boundary() {
    let reader = READERS.iter().find(|r| r.name == "cyclonedx_json").unwrap();
    let seeds = seeds(reader);
    for index in [0, 5, 60, 299] {
        let a = Mutant::new(reader, &seeds, index);
        let b = Mutant::new(reader, &seeds, index);
        assert_eq!(a.bytes, b.bytes);
        assert_eq!(a.mutations, b.mutations);
    }
    let kinds = Syntax::Json.boundaries().len() * 2 + 1;
    let truncations: Vec<String> = (0..kinds)
        .map(|i| Mutant::new(reader, &seeds, i).mutations[0].clone())
        .collect();
    assert!(
        truncations[0].ends_with("(before '{')"),
        "{}",
        truncations[0]
    );
    assert!(
        truncations[1].ends_with("(after '{')"),
        "{}",
        truncations[1]
    );
    assert!(
        truncations[kinds - 1].ends_with("inside a multi-byte character)"),
        "{}",
        truncations[kinds - 1]
    );
    let changed = (0..IN_PROCESS)
        .filter(|&i| Mutant::new(reader, &seeds, i).bytes != seeds[i % seeds.len()].1)
        .count();
    assert!(
        changed > IN_PROCESS * 9 / 10,
        "only {changed} mutants differ from their fixture"
    );
}

/// The fixture workbook with `from` replaced by `to` in its first worksheet.
fn workbook_with(from: &str, to: &str) -> Vec<u8> {
    common::fixture_workbook_edited(|name, content| {
        if name == "xl/worksheets/sheet1.xml" {
            assert!(content.contains(from), "{from} is not in {name}");
            *content = content.replacen(from, to, 1);
        }
    })
}

/// Mutants of the workbook fixture: calamine computed the row and column of a reference such as
/// `F99999999999999999999999999999999999999` in 32-bit arithmetic, which overflowed (a panic
/// with overflow checks, a wrong cell without). Such a workbook is refused, naming the
/// reference, and a reference at the last row and column is still read.
#[test]
fn a_workbook_with_a_cell_reference_past_a_worksheets_end_is_refused() {
    let read = |bytes: &[u8]| {
        let columns = Default::default();
        catscan::ingest::partlist::read_xlsx(source(), bytes, &columns)
    };
    for (from, to, reference) in [
        (
            "r=\"A1\"",
            "r=\"F99999999999999999999999999999999999999\"",
            "F99999999999999999999999999999999999999",
        ),
        ("r=\"A1\"", "r=\"HINFINITY1\"", "HINFINITY1"),
        ("<row r=\"1\"", "<row r=\"4294967297\"", "4294967297"),
        ("ref=\"A1:N34\"", "ref=\"A1:N4294967296\"", "A1:N4294967296"),
    ] {
        let e = read(&workbook_with(from, to)).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "mutant: cannot read the workbook: its part xl/worksheets/sheet1.xml has the cell reference \"{reference}\", past the end of a worksheet; expected references within column XFD and row 1048576"
            )
        );
    }
    let last = read(&workbook_with("r=\"A1\"", "r=\"XFD1048576\"")).unwrap();
    assert!(!last.components.is_empty());
}

/// Found by fuzzing (`fuzz/fuzz_targets/xlsx.rs`, minimised): a sheet whose dimension ends
/// before it starts (`A2:A1`); calamine took the sheet's height as end minus start, which
/// overflowed. The workbook is refused, naming the dimension.
#[test]
fn a_workbook_whose_dimension_ends_before_it_starts_is_refused() {
    let columns = Default::default();
    let bytes = workbook_with("ref=\"A1:N34\"", "ref=\"A2:A1\"");
    let e = catscan::ingest::partlist::read_xlsx(source(), &bytes, &columns).unwrap_err();
    assert_eq!(
        e.to_string(),
        "mutant: cannot read the workbook: its part xl/worksheets/sheet1.xml has the dimension \"A2:A1\", whose end comes before its start; expected its top-left cell first, as in A1:H9"
    );
}
