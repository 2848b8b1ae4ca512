//! Helpers shared by the integration tests: running the binary from the crate root, golden files
//! and results snapshots (in [`snapshot`]), and SARIF schema validation.
#![allow(dead_code)]

pub mod snapshot;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty folder for one test: `<temp>/catscan-tests-<checkout>/<test file>-<name>`,
/// emptied when it is asked for again. Outside the repository, because several tests depend on
/// what repository a path is in; without a process id, so runs do not pile up folders (each run
/// starts by clearing the last one's); `<checkout>` (a hash of this checkout's path) keeps two
/// checkouts tested at once apart. `name` must be unique within its test file.
pub fn scratch(name: &str) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut checkout = std::collections::hash_map::DefaultHasher::new();
    root().hash(&mut checkout);
    let test_file = module_path!().split("::").next().unwrap_or("test");
    let dir = std::env::temp_dir()
        .join(format!("catscan-tests-{:016x}", checkout.finish()))
        .join(format!("{test_file}-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder in the temporary folder");
    dir
}

/// The fixture workbook `sbom-fixtures/datacenter-parts.xlsx`, every member passed through
/// `edit` (its name, its text) and the archive written again: how tests make workbooks that
/// differ from a real one in one place.
pub fn fixture_workbook_edited(edit: impl Fn(&str, &mut String)) -> Vec<u8> {
    let bytes = std::fs::read(root().join("sbom-fixtures/datacenter-parts.xlsx")).unwrap();
    workbook_edited(&bytes, edit)
}

/// The workbook `bytes` with every member passed through `edit` (its name, its text), written
/// again.
pub fn workbook_edited(bytes: &[u8], edit: impl Fn(&str, &mut String)) -> Vec<u8> {
    use std::io::{Cursor, Read, Write};
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut member = zip.by_index(i).unwrap();
        let name = member.name().unwrap().into_owned();
        let mut content = String::new();
        member.read_to_string(&mut content).unwrap();
        edit(&name, &mut content);
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(content.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The offset of the central-directory record of `name` in a ZIP archive.
pub fn central_record(archive: &[u8], name: &str) -> usize {
    let mut at = 0;
    loop {
        let found = archive[at..]
            .windows(4)
            .position(|w| w == b"PK\x01\x02")
            .expect("the member is in the central directory")
            + at;
        let len = u16::from_le_bytes([archive[found + 28], archive[found + 29]]) as usize;
        if &archive[found + 46..found + 46 + len] == name.as_bytes() {
            return found;
        }
        at = found + 4;
    }
}

/// A command line as a snapshot shows it: the program, then the arguments joined by spaces.
pub fn command_line(program: &str, args: &[&str]) -> String {
    std::iter::once(program)
        .chain(args.iter().copied())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a run of `catscan` printed and returned.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the `catscan` binary in the crate root (so that reported paths are `sbom-fixtures/…`).
pub fn catscan(args: &[&str]) -> Run {
    catscan_in(root(), args)
}

pub fn catscan_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_catscan"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("catscan runs");
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Whether this run rewrites expected outputs: only `CATSCAN_BLESS=1` does, so that
/// `CATSCAN_BLESS=0` or an empty value left in a shell compares as usual.
pub fn blessing() -> bool {
    std::env::var("CATSCAN_BLESS").as_deref() == Ok("1")
}

/// Compares `actual` with the golden file `tests/golden/NAME`, or rewrites the file (and the
/// folders it needs) when `CATSCAN_BLESS=1`.
pub fn assert_golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if blessing() {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).expect("golden folder created");
        }
        std::fs::write(&path, actual).expect("golden file written");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing golden file {}; run with CATSCAN_BLESS=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            // One is the other with lines added at its end: they differ after the shorter.
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        let show = |t: &str| {
            t.lines()
                .skip(first.saturating_sub(2))
                .take(6)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "{} differs from the output (first difference on line {}).\nexpected:\n{}\nactual:\n{}\nIf the change is intended, review it and run with CATSCAN_BLESS=1.",
            path.display(),
            first + 1,
            show(&expected),
            show(actual)
        );
    }
}

fn schema(file: &str) -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(root().join("tests/schemas").join(file)).expect("schema present");
    let mut schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    // GitHub's copy lists the region's `anyOf` among the region's `properties` (where it names a
    // property, and makes the schema invalid under draft 2020-12). Move it to where the OASIS
    // schema has it, on the region itself; see tests/schemas/README.md.
    if let Some(region) = schema
        .pointer_mut("/definitions/region")
        .and_then(Value::as_object_mut)
        && let Some(any_of) = region
            .get_mut("properties")
            .and_then(Value::as_object_mut)
            .and_then(|p| p.remove("anyOf"))
    {
        region.insert("anyOf".to_string(), any_of);
    }
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

/// Checks a SARIF document against the OASIS 2.1.0 schema and GitHub's upload schema; panics
/// with every violation.
pub fn assert_valid_sarif(name: &str, text: &str) {
    static OASIS: OnceLock<jsonschema::Validator> = OnceLock::new();
    static GITHUB: OnceLock<jsonschema::Validator> = OnceLock::new();
    let instance: Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"));
    for (schema_name, validator) in [
        (
            "OASIS sarif-schema-2.1.0",
            OASIS.get_or_init(|| schema("sarif-schema-2.1.0.json")),
        ),
        (
            "GitHub code scanning",
            GITHUB.get_or_init(|| schema("github-code-scanning-sarif-schema-2.1.0.json")),
        ),
    ] {
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("  {} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{name} does not validate against the {schema_name} schema:\n{}",
            errors.join("\n")
        );
    }
}

pub fn fixtures() -> PathBuf {
    root().join("sbom-fixtures")
}
