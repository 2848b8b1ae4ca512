//! Conformance with the CycloneDX specification's own test files (`cyclonedx-spec/1.2` … `1.7`
//! of the corpora folder named by `CATSCAN_CORPORA`, default `../shared/corpora`): every valid
//! file reads without error or warning, every invalid file gives an error or a warning, nothing
//! panics, and for 1.3 to 1.5 JSON catscan reads the same components as the `cyclonedx-bom` crate.
//! When the folder is absent the tests print a notice and pass.

mod common;

use std::path::{Path, PathBuf};

use catscan::inventory::SourceFile;

fn corpus() -> Option<PathBuf> {
    let base = std::env::var_os("CATSCAN_CORPORA")
        .map_or_else(|| common::root().join("../shared/corpora"), PathBuf::from);
    let dir = base.join("cyclonedx-spec");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "notice: {} not found; the CycloneDX conformance tests were skipped (set CATSCAN_CORPORA)",
            dir.display()
        );
        None
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for version in std::fs::read_dir(dir).unwrap() {
        let version = version.unwrap().path();
        if version.is_dir() {
            for f in std::fs::read_dir(&version).unwrap() {
                out.push(f.unwrap().path());
            }
        }
    }
    out.sort();
    out
}

enum Outcome {
    Clean,
    Warned(Vec<String>),
    Failed(String),
    NotABom,
}

fn read(path: &Path) -> Outcome {
    let source = SourceFile {
        path: path.to_path_buf(),
        display: path.display().to_string(),
    };
    let text = match catscan::ingest::load_text(&source) {
        Ok(t) => t,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    match catscan::ingest::read(source, text.as_str(), &Default::default()) {
        Ok(Some(inv)) if inv.diagnostics.is_empty() => Outcome::Clean,
        Ok(Some(inv)) => Outcome::Warned(
            inv.diagnostics
                .iter()
                .map(|d| format!("{}: {}", d.code, d.message))
                .collect(),
        ),
        Ok(None) => Outcome::NotABom,
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn valid_files_read_cleanly_and_invalid_files_are_reported() {
    let Some(dir) = corpus() else { return };
    let (mut valid, mut invalid) = (0, 0);
    let mut problems = Vec::new();
    for path in files(&dir) {
        let n = name(&path);
        if !(n.ends_with(".json") || n.ends_with(".xml")) {
            continue;
        }
        let expect_valid = n.starts_with("valid-");
        match (expect_valid, read(&path)) {
            (true, Outcome::Clean) => valid += 1,
            (true, Outcome::Warned(w)) => problems.push(format!(
                "{}: valid file gave warnings: {w:?}",
                path.display()
            )),
            (true, Outcome::Failed(e)) => {
                problems.push(format!("{}: valid file failed: {e}", path.display()));
            }
            (_, Outcome::NotABom) => {
                problems.push(format!("{}: not recognised as a BOM", path.display()));
            }
            (false, Outcome::Clean) => problems.push(format!(
                "{}: invalid file read without any warning",
                path.display()
            )),
            (false, _) => invalid += 1,
        }
    }
    eprintln!(
        "CycloneDX corpus: {valid} valid files read cleanly, {invalid} invalid files reported"
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(
        valid >= 400 && invalid >= 250,
        "corpus unexpectedly small: {valid} valid, {invalid} invalid"
    );
}

/// A component as both readers see it.
type Seen = (String, Option<String>, Option<String>);

fn ours(path: &Path) -> Vec<Seen> {
    let source = SourceFile {
        path: path.to_path_buf(),
        display: name(path),
    };
    let text = std::fs::read_to_string(path).unwrap();
    let inv = catscan::ingest::read(source, &text, &Default::default())
        .unwrap()
        .unwrap();
    let mut out: Vec<Seen> = inv
        .components
        .iter()
        .map(|c| {
            (
                c.name.to_string(),
                c.version.as_ref().map(std::string::ToString::to_string),
                c.purl.as_ref().map(std::string::ToString::to_string),
            )
        })
        .collect();
    out.sort();
    out
}

fn theirs(bom: &cyclonedx_bom::models::bom::Bom) -> Vec<Seen> {
    fn walk(c: &cyclonedx_bom::models::component::Component, out: &mut Vec<Seen>) {
        out.push((
            c.name.to_string(),
            c.version.as_ref().map(std::string::ToString::to_string),
            c.purl.as_ref().map(std::string::ToString::to_string),
        ));
        if let Some(children) = &c.components {
            for child in &children.0 {
                walk(child, out);
            }
        }
    }
    let mut out = Vec::new();
    if let Some(root) = bom.metadata.as_ref().and_then(|m| m.component.as_ref()) {
        walk(root, &mut out);
    }
    for c in bom.components.iter().flat_map(|cs| cs.0.iter()) {
        walk(c, &mut out);
    }
    out.sort();
    out
}

#[test]
fn json_1_3_to_1_5_agree_with_the_cyclonedx_bom_crate() {
    let Some(dir) = corpus() else { return };
    let (mut compared, mut unreadable) = (0, Vec::new());
    let mut differences = Vec::new();
    for version in ["1.3", "1.4", "1.5"] {
        for path in files(&dir.join("..").join("cyclonedx-spec"))
            .into_iter()
            .filter(|p| {
                let n = name(p);
                n.starts_with("valid-")
                    && n.ends_with(".json")
                    && p.parent().is_some_and(|d| d.ends_with(version))
            })
        {
            let reader = std::fs::File::open(&path).unwrap();
            match cyclonedx_bom::models::bom::Bom::parse_from_json(reader) {
                Ok(bom) => {
                    compared += 1;
                    let (a, b) = (ours(&path), theirs(&bom));
                    if a != b {
                        differences.push(format!(
                            "{}:\n  catscan:      {a:?}\n  cyclonedx-bom: {b:?}",
                            path.display()
                        ));
                    }
                }
                // The crate rejects some valid files of the newer spec versions; nothing to compare.
                Err(_) => unreadable.push(name(&path)),
            }
        }
    }
    eprintln!(
        "compared {compared} files with cyclonedx-bom; it could not read {}: {unreadable:?}",
        unreadable.len()
    );
    assert!(compared >= 60, "only {compared} files compared");
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn the_whole_corpus_through_the_command_line_gives_valid_sarif_and_no_panic() {
    let Some(dir) = corpus() else { return };
    let dir = dir.to_str().unwrap();
    let run = common::catscan(&[
        "scan",
        "--format",
        "sarif",
        dir,
        "--as-of",
        "2026-11-23",
        "--quiet",
    ]);
    assert_eq!(
        run.status, 2,
        "invalid files make the run incomplete, but the binary must not crash: {}",
        run.stderr
    );
    common::assert_valid_sarif("corpus", &run.stdout);
}
