//! Conformance of the SPDX readers with the SPDX project's own examples (`spdx/` of the corpora
//! folder named by `CATSCAN_CORPORA`, default `../shared/corpora`): the specification's examples
//! of 2.2, 2.3 and 3.0, the spdx-examples repository, and the test files of tools-java, some of
//! them deliberately broken. Every file is listed below with what it must give, so that a change
//! in what a reader accepts or reports shows up here. When the folder is absent the corpus tests
//! print a notice and pass; the hand-written broken inputs of `tests/fixtures/spdx/` always run.

mod common;

use std::path::{Path, PathBuf};

use catscan::ingest::ReadError;
use catscan::inventory::{Inventory, SourceFile};

fn corpus() -> Option<PathBuf> {
    let base = std::env::var_os("CATSCAN_CORPORA")
        .map_or_else(|| common::root().join("../shared/corpora"), PathBuf::from);
    let dir = base.join("spdx");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "notice: {} not found; the SPDX conformance tests were skipped (set CATSCAN_CORPORA)",
            dir.display()
        );
        None
    }
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Runs the reader the content calls for: JSON with `@context` is SPDX 3 JSON-LD, other JSON is
/// SPDX 2 JSON, anything else tag-value. `f` sees the result while the text is alive.
fn with_read<T>(
    path: &Path,
    display: &str,
    f: impl FnOnce(Result<&Inventory<'_>, ReadError>) -> T,
) -> T {
    let source = SourceFile {
        path: path.to_path_buf(),
        display: display.to_string(),
    };
    let text = match catscan::ingest::load_text(&source) {
        Ok(t) => t,
        Err(e) => return f(Err(e)),
    };
    let text = text.as_str();
    let json = text.trim_start().starts_with('{');
    let result = if json && text.contains("\"@context\"") {
        catscan::ingest::spdx::read_jsonld(source, text)
    } else if json {
        catscan::ingest::spdx::read_json(source, text)
    } else {
        catscan::ingest::spdx::read_tag_value(source, text)
    };
    match result {
        Ok(inv) => {
            // Every component is located at the start of its package: the `{` of its JSON object
            // or its `PackageName:` line.
            for c in &inv.components {
                let at = &text[c.span.start..];
                assert!(
                    at.starts_with('{') || at.starts_with("PackageName:"),
                    "{display}: component {} is located at {:?}",
                    c.display_name(),
                    &at[..at.len().min(30)]
                );
                assert!(c.span.end > c.span.start && c.span.end <= text.len());
            }
            f(Ok(&inv))
        }
        Err(e) => f(Err(e)),
    }
}

/// What a file must give.
enum Expect {
    /// Read, with this many components, this root (by name) and exactly these warnings:
    /// (code, line, column, words of the message).
    Read {
        components: usize,
        root: Option<&'static str>,
        warnings: &'static [(&'static str, u32, u32, &'static str)],
    },
    /// Not read: an error at this line and column whose message has all these words.
    Error {
        at: Option<(u32, u32)>,
        says: &'static [&'static str],
    },
}

use Expect::{Error, Read};

const fn clean(components: usize, root: &'static str) -> Expect {
    Read {
        components,
        root: Some(root),
        warnings: &[],
    }
}

/// Every file of the corpus's `spdx/` folder, with its outcome.
const EXPECTED: &[(&str, Expect)] = &[
    // --- spdx-examples: valid documents.
    (
        // The AI BOM example. Two Relationship elements really do share the spdxId
        // ".../SimpleHTR-depends-on" (lines 985 and 1338).
        "spdx-examples/ai/example01/spdx3.0/simplehtr-example.json",
        Read {
            components: 13,
            root: Some("SimpleHTR"),
            warnings: &[(
                "duplicate-spdx-id",
                1336,
                3,
                "\"https://my-first-aibom.com/SimpleHTR-depends-on\" is used again; references to it are resolved to the first element that has it, the relationship on line 983",
            )],
        },
    ),
    (
        "spdx-examples/dataset/example01/spdx3.0/example01.spdx3.json",
        clean(
            1,
            "Our World in Data CO2 and Greenhouse Gas Emissions dataset",
        ),
    ),
    (
        "spdx-examples/presentations/OSS-NA-2023/SPDXVersion2.3/01-MinimalSBOM.json",
        clean(1, "tools-java"),
    ),
    (
        "spdx-examples/presentations/OSS-NA-2023/SPDXVersion2.3/03-SBOMwDependency.json",
        clean(2, "tools-java"),
    ),
    (
        "spdx-examples/software/example1/spdx2.2/example1.spdx",
        clean(1, "hello"),
    ),
    (
        "spdx-examples/software/example1/spdx3.0/example1.json",
        clean(1, "hello"),
    ),
    (
        "spdx-examples/software/example10/spdx2.3/hello-source.spdx.json",
        clean(1, "hello"),
    ),
    (
        "spdx-examples/software/example10/spdx3.0/hello-source.spdx3.json",
        clean(1, "hello"),
    ),
    (
        "spdx-examples/software/example7/spdx2.2/example7-bin.spdx.json",
        clean(1, "hello"),
    ),
    (
        // No package at all: the SBOM's root element is a software_File, which is then the
        // root component.
        "spdx-examples/software/example7/spdx3.0/example7-bin.spdx3.json",
        clean(1, "hello"),
    ),
    (
        "spdx-examples/software/example8/spdx2.3/examplemaven-0.0.1.spdx.json",
        clean(6, "examplemaven"),
    ),
    (
        "spdx-examples/software/example8/spdx3.0/examplemaven-0.0.1.spdx3.json",
        clean(6, "examplemaven"),
    ),
    // --- The specification's examples: four packages each (glibc, Apache Commons Lang, Jena,
    // Saxon); the document also describes a file, which is not a component.
    (
        "spdx-spec/v2.2/SPDXJSONExample-v2.2.spdx.json",
        clean(4, "glibc"),
    ),
    ("spdx-spec/v2.2/SPDXTagExample-v2.2.spdx", clean(4, "glibc")),
    (
        "spdx-spec/v2.3/SPDXJSONExample-v2.3.spdx.json",
        clean(4, "glibc"),
    ),
    ("spdx-spec/v2.3/SPDXTagExample-v2.3.spdx", clean(4, "glibc")),
    ("spdx-spec/v3.0/package_sbom.json", clean(1, "my-package")),
    // --- tools-java's test files.
    (
        // Syntactically valid JSON with schema errors: creators is a string, filesAnalyzed the
        // string "true", a package has "fileName" instead of "packageFileName" and one has
        // "name": null. None stops reading; each is a located warning.
        "tools-java/BadJSON.spdx.json",
        Read {
            components: 4,
            root: Some("glibc"),
            warnings: &[
                (
                    "invalid-field-type",
                    7,
                    5,
                    "creationInfo.creators is a string; SPDX expects an array of strings",
                ),
                (
                    "invalid-field-type",
                    93,
                    5,
                    "packages[0].filesAnalyzed is the string \"true\"; SPDX expects true or false",
                ),
                (
                    "unknown-field",
                    102,
                    5,
                    "\"fileName\" is not a field of a package in SPDX 2.3",
                ),
                (
                    "missing-package-name",
                    111,
                    6,
                    "package \"SPDXRef-fromDoap-1\" has no \"name\"",
                ),
            ],
        },
    ),
    (
        // A license expression with an exception and a file described twice: valid.
        "tools-java/SPDXJSONExample-v2.3-with-exception.spdx.json",
        clean(4, "glibc"),
    ),
    (
        // Declares SPDX-2.2 but uses SPDX 2.3 package fields and the 2.3 spelling of a
        // reference category: read, with one warning per field.
        "tools-java/SPDXJSONExample-wrongversion.spdx.json",
        Read {
            components: 4,
            root: Some("glibc"),
            warnings: &[
                (
                    "newer-spdx-field",
                    70,
                    5,
                    "\"builtDate\" is a package field of SPDX 2.3, but the document declares SPDX-2.2",
                ),
                (
                    "newer-spdx-field",
                    110,
                    5,
                    "\"primaryPackagePurpose\" is a package field of SPDX 2.3",
                ),
                (
                    "newer-spdx-field",
                    112,
                    5,
                    "\"releaseDate\" is a package field of SPDX 2.3",
                ),
                (
                    "newer-spdx-field",
                    116,
                    5,
                    "\"validUntilDate\" is a package field of SPDX 2.3",
                ),
                (
                    "newer-spdx-field",
                    130,
                    24,
                    "referenceCategory \"PACKAGE-MANAGER\" is defined by SPDX 2.3 JSON",
                ),
            ],
        },
    ),
    // The same bytes as spdx-spec/v3.0/package_sbom.json.
    (
        "tools-java/SPDXJsonLDExample-v3.0.1.json",
        clean(1, "my-package"),
    ),
    (
        // tools-java warns about a deprecated licence identifier; catscan does not check
        // licences, and the reordered fields and the stray "</" inside a <text> value are valid
        // tag-value.
        "tools-java/SPDXTagExample-v2.2-warning.spdx",
        clean(4, "glibc"),
    ),
    (
        // "SPDX-2.2.1" is no SPDX version: not read.
        "tools-java/SPDXWrongVersion.spdx.json",
        Error {
            at: Some((3, 19)),
            says: &[
                "\"spdxVersion\" is \"SPDX-2.2.1\"",
                "expected \"SPDX-2.2\" or \"SPDX-2.3\"",
            ],
        },
    ),
    (
        // A security score written as a string where SPDX wants a double (catscan does not read
        // vulnerabilities), and an originatedBy that is an SPDX 2 party string instead of the
        // spdxId of an Organization: warned, and the name in it used.
        "tools-java/double.jsonld",
        Read {
            components: 1,
            root: Some("An example software"),
            warnings: &[(
                "unknown-spdx-id",
                56,
                9,
                "\"Organization: An example organization\" should be the spdxId of an Organization or Person of this document, but no element has it; the name \"An example organization\" written in it was used",
            )],
        },
    ),
];

fn check(path: &Path, name: &str, expect: &Expect) -> Result<(), String> {
    with_read(path, name, |result| match (expect, result) {
        (
            Read {
                components,
                root,
                warnings,
            },
            Ok(inv),
        ) => {
            if inv.components.len() != *components {
                return Err(format!(
                    "{name}: {} components, expected {components}",
                    inv.components.len()
                ));
            }
            let got_root = inv.root().map(|r| inv.component(r).display_name());
            if got_root.as_deref() != *root {
                return Err(format!("{name}: root {got_root:?}, expected {root:?}"));
            }
            let got: Vec<_> = inv
                .diagnostics
                .iter()
                .map(|d| {
                    let p = d.position.map_or((0, 0), |p| (p.line, p.column));
                    (d.code, p.0, p.1, d.message.clone())
                })
                .collect();
            let matches = got.len() == warnings.len()
                && got
                    .iter()
                    .zip(warnings.iter())
                    .all(|(g, w)| g.0 == w.0 && g.1 == w.1 && g.2 == w.2 && g.3.contains(w.3));
            if !matches {
                return Err(format!("{name}: warnings {got:#?}\nexpected {warnings:#?}"));
            }
            Ok(())
        }
        (Error { at, says }, Err(e)) => {
            let got_at = e.position.map(|p| (p.line, p.column));
            if got_at != *at || !says.iter().all(|w| e.message.contains(w)) {
                return Err(format!(
                    "{name}: error {e} (at {got_at:?}), expected at {at:?} saying {says:?}"
                ));
            }
            if e.file != name {
                return Err(format!("{name}: the error names the file {}", e.file));
            }
            Ok(())
        }
        (Read { .. }, Err(e)) => Err(format!("{name}: expected to read, failed: {e}")),
        (Error { .. }, Ok(inv)) => Err(format!(
            "{name}: expected an error, read {} components",
            inv.components.len()
        )),
    })
}

#[test]
fn every_corpus_file_gives_its_expected_outcome() {
    let Some(dir) = corpus() else { return };
    let mut found = Vec::new();
    files(&dir, &mut found);
    let mut names: Vec<String> = found
        .iter()
        .map(|p| {
            p.strip_prefix(&dir)
                .unwrap()
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    names.sort();
    let listed: Vec<&str> = EXPECTED.iter().map(|(n, _)| *n).collect();
    let mut problems = Vec::new();
    for n in &names {
        if !listed.contains(&n.as_str()) {
            problems.push(format!("{n}: in the corpus but not listed in EXPECTED"));
        }
    }
    for (name, expect) in EXPECTED {
        let path = dir.join(name);
        if !path.is_file() {
            problems.push(format!("{name}: listed but not in the corpus"));
            continue;
        }
        if let Err(p) = check(&path, name, expect) {
            problems.push(p);
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert_eq!(names.len(), 24, "the corpus has {} SPDX files", names.len());
}

/// A component as seen in every format: name, version, purl, cpe, supplier, originator.
type Seen = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn seen(path: &Path) -> Vec<Seen> {
    with_read(path, "x", |r| {
        let inv = r.unwrap();
        let mut out: Vec<Seen> = inv
            .components
            .iter()
            .map(|c| {
                let s = |t: &Option<std::borrow::Cow<'_, str>>| {
                    t.as_ref().map(std::string::ToString::to_string)
                };
                (
                    c.name.to_string(),
                    s(&c.version),
                    s(&c.purl),
                    s(&c.cpe),
                    c.supplier.as_ref().and_then(|p| s(&p.name)),
                    c.manufacturer.as_ref().and_then(|p| s(&p.name)),
                )
            })
            .collect();
        out.sort();
        out
    })
}

#[test]
fn the_spdx_2_3_example_has_its_four_packages_in_json_and_tag_value_alike() {
    let Some(dir) = corpus() else { return };
    let json = dir.join("spdx-spec/v2.3/SPDXJSONExample-v2.3.spdx.json");
    let tv = dir.join("spdx-spec/v2.3/SPDXTagExample-v2.3.spdx");
    let from_json = seen(&json);
    assert_eq!(from_json, seen(&tv));
    let names: Vec<&str> = from_json.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(names, ["Apache Commons Lang", "Jena", "Saxon", "glibc"]);
    let glibc = &from_json[3];
    assert_eq!(glibc.1.as_deref(), Some("2.11.1"));
    assert_eq!(
        glibc.3.as_deref(),
        Some("cpe:2.3:a:pivotal_software:spring_framework:4.1.0:*:*:*:*:*:*:*")
    );
    assert_eq!(glibc.4.as_deref(), Some("Jane Doe"));
    assert_eq!(glibc.5.as_deref(), Some("ExampleCodeInspect"));
    assert_eq!(
        from_json[1].2.as_deref(),
        Some("pkg:maven/org.apache.jena/apache-jena@3.12.0")
    );
    // glibc DYNAMIC_LINK Saxon is the one edge between packages; the rest name files.
    with_read(&json, "x", |r| {
        let inv = r.unwrap();
        assert_eq!(inv.spec_version, "2.3");
        assert_eq!(inv.graph.edge_count(), 1);
        let root = inv.root().unwrap();
        let (to, _) = inv.graph.successors(root)[0];
        assert_eq!(inv.component(to).name, "Saxon");
        assert_eq!(inv.position(inv.component(root).span.start).line, 61);
    });
}

#[test]
fn the_same_sbom_in_spdx_2_3_and_3_0_gives_the_same_components() {
    let Some(dir) = corpus() else { return };
    let two =
        seen(&dir.join("spdx-examples/software/example8/spdx2.3/examplemaven-0.0.1.spdx.json"));
    let three =
        seen(&dir.join("spdx-examples/software/example8/spdx3.0/examplemaven-0.0.1.spdx3.json"));
    assert_eq!(two, three);
}

#[test]
fn hand_written_broken_inputs_are_located_errors() {
    let dir = common::root().join("tests/fixtures/spdx");
    let cases: &[(&str, Expect)] = &[
        (
            "truncated.spdx.json",
            Error {
                at: Some((8, 1)),
                says: &[
                    "packages[0]",
                    "the file ends in the middle of the JSON document",
                    "truncated",
                ],
            },
        ),
        (
            "wrong-type.spdx.json",
            Error {
                at: Some((5, 52)),
                says: &["packages[0].versionInfo: expected a string; found a number"],
            },
        ),
        (
            "unclosed-text.spdx",
            Error {
                at: Some((7, 21)),
                says: &[
                    "<text> value of PackageDescription is never closed",
                    "expected \"</text>\"",
                ],
            },
        ),
        (
            "bare-continuation.spdx",
            Error {
                at: Some((7, 1)),
                says: &[
                    "expected a \"Tag: value\" line",
                    "found \"that spans two lines without <text>\"",
                ],
            },
        ),
        (
            "wrong-version.spdx3.json",
            Error {
                at: Some((4, 60)),
                says: &[
                    "\"specVersion\" is \"2.3\"",
                    "expected an SPDX 3.0 version such as \"3.0.1\"",
                ],
            },
        ),
    ];
    let problems: Vec<String> = cases
        .iter()
        .filter_map(|(name, expect)| check(&dir.join(name), name, expect).err())
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_reader_panics_on_any_prefix_of_a_corpus_file() {
    let Some(dir) = corpus() else { return };
    let mut found = Vec::new();
    files(&dir, &mut found);
    let source = SourceFile {
        path: PathBuf::from("prefix"),
        display: "prefix".into(),
    };
    for path in found {
        let text = std::fs::read_to_string(&path).unwrap();
        let step = (text.len() / 97).max(1);
        let mut cut = 0;
        while cut < text.len() {
            while !text.is_char_boundary(cut) {
                cut += 1;
            }
            let prefix = &text[..cut];
            // Every reader on every prefix: an error or an inventory, never a panic.
            let _ = catscan::ingest::spdx::read_json(source.clone(), prefix);
            let _ = catscan::ingest::spdx::read_jsonld(source.clone(), prefix);
            if let Err(e) = catscan::ingest::spdx::read_tag_value(source.clone(), prefix) {
                assert!(!e.message.is_empty());
            }
            cut += step;
        }
    }
}
