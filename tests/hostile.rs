//! A BOM written by an adversary stays data in every report. One hostile input holds every trick
//! in names, versions, keys, references, properties, its file name and the policy file's values:
//! line breaks followed by GitHub workflow commands (`::stop-commands::`, `::error file=…`),
//! terminal escape sequences, bidirectional overrides, zero-width characters, HTML, Markdown
//! links, images and mentions. Each sink is checked for what would let the input act: a line of
//! standard error or of the annotations that starts with `::` but is not catscan's own, an escape
//! character, an element or comment in the Markdown or HTML that the report did not write. And
//! the decisions are the same as for the plain input: what a reader cannot see hides no vendor.

mod common;

use std::path::{Path, PathBuf};

use common::catscan_in;
use serde_json::{Value, json};

const INJECT: &str = "\n::stop-commands::pwned\n::error file=evil.txt,line=1::forged\r";
const TERMINAL: &str = "\u{1b}]0;owned\u{7}\u{1b}[2J\u{1b}[31m";
const MARKUP: &str = "<!-- <img src=x onerror=alert(1)> </details> [link](javascript:alert(1)) ![i](https://example.invalid/x.png) *b* @octocat `tick` |";

fn tempdir(name: &str) -> PathBuf {
    common::scratch(name)
}

/// The BOM: a Huawei router and a ZTE switch whose every text carries the tricks, a vendor hidden
/// behind a zero-width space and an escape sequence, an unknown key and a dangling reference
/// with workflow commands in them.
fn hostile_bom() -> Value {
    let evil = |s: &str| format!("{s}{INJECT}{TERMINAL}{MARKUP}");
    json!({
        "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
        "metadata": { "component": {
            "type": "device", "bom-ref": evil("site"), "name": evil("Site"),
        }},
        "components": [
            {
                "type": "device", "bom-ref": evil("r1"), "name": evil("NetEngine 8000"),
                "version": evil("V800"),
                "manufacturer": { "name": "Hua\u{200B}wei\u{1b}[0m" },
                "properties": [
                    { "name": "catscan:category", "value": "router" },
                    { "name": evil("x"), "value": evil("y") },
                ],
                "unknownKey\n::warning::forged-from-key": 1,
            },
            {
                "type": "device", "bom-ref": "s1", "name": evil("ZXR10 5960"),
                "manufacturer": { "name": "\u{202e}ZTE Corporation\u{202c}" },
                "properties": [{ "name": "catscan:category", "value": "switch" }],
            },
        ],
        "dependencies": [
            { "ref": evil("site"), "dependsOn": [evil("r1"), "s1", evil("missing")] },
        ],
    })
}

/// The same components without a trick: the decisions to match.
fn plain_bom() -> Value {
    json!({
        "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
        "metadata": { "component": { "type": "device", "bom-ref": "site", "name": "Site" }},
        "components": [
            {
                "type": "device", "bom-ref": "r1", "name": "NetEngine 8000", "version": "V800",
                "manufacturer": { "name": "Huawei" },
                "properties": [{ "name": "catscan:category", "value": "router" }],
            },
            {
                "type": "device", "bom-ref": "s1", "name": "ZXR10 5960",
                "manufacturer": { "name": "ZTE Corporation" },
                "properties": [{ "name": "catscan:category", "value": "switch" }],
            },
        ],
        "dependencies": [{ "ref": "site", "dependsOn": ["r1", "s1"] }],
    })
}

/// The policy file: an exception whose reason carries the tricks.
fn policy() -> String {
    let reason = format!("{INJECT}{TERMINAL}{MARKUP}")
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
        .replace('\u{1b}', "\\u001b")
        .replace('\u{7}', "\\u0007");
    format!(
        "markets = [\"us\"]\nus-federal = true\n\n[[exception]]\nbom-ref = \"s1\"\nrule = \"origin-us-ndaa-889\"\nreason = \"{reason}\"\n"
    )
}

/// Scans `file` in `dir` with the policy, in `format`, and returns (stdout, stderr, exit status).
fn run(dir: &Path, file: &str, format: &str) -> (String, String, i32) {
    let out = dir.join(format!("out.{format}"));
    let run = catscan_in(
        dir,
        &[
            "scan",
            file,
            "--config",
            "catscan.toml",
            "--as-of",
            "2026-11-23",
            "--format",
            format,
            "--output",
            out.to_str().unwrap(),
            "--include-suppressed",
        ],
    );
    let text = std::fs::read_to_string(&out).unwrap_or_default();
    (text, run.stderr, run.status)
}

/// The file name carries a line break and a workflow command too.
const HOSTILE_NAME: &str = "bom`\n::error::from-the-file-name.cdx.json";

fn setup(name: &str) -> PathBuf {
    let dir = tempdir(name);
    std::fs::write(dir.join(HOSTILE_NAME), hostile_bom().to_string()).unwrap();
    std::fs::write(dir.join("plain.cdx.json"), plain_bom().to_string()).unwrap();
    std::fs::write(dir.join("catscan.toml"), policy()).unwrap();
    dir
}

/// Lines that start a workflow command and are not catscan's own annotations.
fn forged_commands(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.trim_start().starts_with("::"))
        .filter(|l| {
            !(l.starts_with("::error file=")
                || l.starts_with("::warning file=")
                || l.starts_with("::notice file="))
        })
        .collect()
}

#[test]
fn standard_error_and_the_terminal_show_input_text_as_escapes() {
    let dir = setup("terminal");
    for format in ["terminal", "sarif"] {
        let (text, stderr, status) = run(&dir, HOSTILE_NAME, format);
        assert_eq!(status, 1, "{stderr}");
        assert_eq!(forged_commands(&stderr), Vec::<&str>::new(), "{stderr}");
        assert!(
            !stderr.contains(['\u{1b}', '\u{7}', '\r', '\u{202e}']),
            "{stderr}"
        );
        // The unknown key is reported, with its line break shown as an escape.
        assert!(
            stderr.contains(r#"warning[unknown-field]: "unknownKey\n::warning::forged-from-key""#),
            "{stderr}"
        );
        if format == "terminal" {
            assert_eq!(forged_commands(&text), Vec::<&str>::new(), "{text}");
            assert!(
                !text.contains(['\u{1b}', '\u{7}', '\r', '\u{202e}']),
                "{text}"
            );
            assert!(
                text.contains(r"NetEngine 8000\n::stop-commands::pwned\n::error file=evil.txt,line=1::forged\r\u{1b}]0;owned"),
                "{text}"
            );
        }
    }
}

#[test]
fn annotations_are_catscans_own_commands_only() {
    let dir = setup("annotations");
    let (text, stderr, _) = run(&dir, HOSTILE_NAME, "github");
    assert_eq!(forged_commands(&text), Vec::<&str>::new(), "{text}");
    assert!(!text.contains(['\u{1b}', '\u{7}', '\r']), "{text}");
    // One line per finding that is not suppressed, each a command of catscan's.
    let lines: Vec<&str> = text.lines().collect();
    assert!(!lines.is_empty());
    assert!(
        lines.iter().all(|l| {
            ["::error", "::warning", "::notice"].iter().any(|c| {
                l.starts_with(&format!(
                    "{c} file=bom`\\n%3A%3Aerror%3A%3Afrom-the-file-name.cdx.json,"
                ))
            })
        }),
        "{text}"
    );
    assert_eq!(forged_commands(&stderr), Vec::<&str>::new(), "{stderr}");
}

/// Elements, comments, links and images the Markdown report writes itself; anything else that
/// would render as markup came from the input.
#[test]
fn markdown_renders_input_text_as_text() {
    let dir = setup("markdown");
    let (text, _, _) = run(&dir, HOSTILE_NAME, "markdown");
    assert!(!text.contains(['\u{1b}', '\u{7}', '\r']), "{text}");
    for raw in [
        "<!--",
        "<img",
        "</details> [",
        "[link](javascript",
        "![i](",
        "@octocat",
    ] {
        assert!(!text.contains(raw), "{raw} in\n{text}");
    }
    let tags: Vec<&str> = text
        .match_indices('<')
        .map(|(i, _)| &text[i..text[i..].find('>').map_or(text.len(), |e| i + e + 1)])
        .collect();
    for tag in &tags {
        assert!(
            ["<details>", "</details>", "<summary>", "</summary>"]
                .iter()
                .any(|own| tag.starts_with(own)),
            "{tag} in\n{text}"
        );
    }
    // Every line is either catscan's own or starts inside a table row, a list item or a quote.
    assert_eq!(forged_commands(&text), Vec::<&str>::new(), "{text}");
    assert!(text.contains("@\u{200B}octocat"), "{text}");
    assert!(
        text.contains("``bom`\\n::error::from-the-file-name.cdx.json``"),
        "{text}"
    );
}

#[test]
fn html_has_no_element_the_report_did_not_write() {
    let dir = setup("html");
    let (text, _, _) = run(&dir, HOSTILE_NAME, "html");
    for raw in ["<img", "<!-- <", "href=\"javascript", "\u{1b}", "\u{202e}"] {
        assert!(!text.contains(raw), "{raw} in the HTML report");
    }
    assert!(text.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(text.contains(r"\u{202e}ZTE Corporation\u{202c}"));
}

#[test]
fn hidden_characters_hide_no_vendor() {
    let dir = setup("decisions");
    let findings = |file: &str| -> Vec<(String, String)> {
        let (text, stderr, _) = run(&dir, file, "json");
        let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {stderr}"));
        let mut out: Vec<(String, String)> = json["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["level"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        out.sort();
        out
    };
    let plain = findings("plain.cdx.json");
    assert!(
        plain.contains(&("origin-us-fcc-covered".to_string(), "error".to_string())),
        "{plain:?}"
    );
    assert_eq!(findings(HOSTILE_NAME), plain);
}

/// A repository (a folder with `.git`) with a BOM, and a secret beside it, outside.
fn repository(name: &str) -> PathBuf {
    let dir = tempdir(name);
    std::fs::create_dir_all(dir.join("repo/.git")).unwrap();
    std::fs::write(dir.join("repo/plain.cdx.json"), plain_bom().to_string()).unwrap();
    std::fs::write(dir.join("secret.env"), "GITHUB_TOKEN=ghp_secret\n").unwrap();
    dir
}

/// A pull request's `catscan.toml` cannot make catscan read a file outside the repository: not by
/// an absolute path, `..`, or a symbolic link; and nothing of the file is printed.
#[test]
fn a_policy_file_reads_only_inside_its_repository() {
    let dir = repository("policy-paths");
    let repo = dir.join("repo");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("secret.env"), repo.join("pack.toml")).unwrap();
    let cases = [
        (
            "[extra]\npacks = [\"/proc/self/environ\"]\n",
            "extra.packs: \"/proc/self/environ\" is an absolute path",
        ),
        (
            "[extra]\nvendors = [\"../secret.env\"]\n",
            "extra.vendors: \"../secret.env\" leads outside the repository",
        ),
        (
            "certified = \"/etc/passwd\"\n",
            "certified: \"/etc/passwd\" is an absolute path",
        ),
        (
            "[extra]\npacks = [\".git\"]\n",
            "is not a regular file (a folder, device or pipe)",
        ),
        #[cfg(unix)]
        (
            "[extra]\npacks = [\"pack.toml\"]\n",
            "extra.packs: \"pack.toml\" leads outside the repository",
        ),
    ];
    for (policy, expected) in cases {
        std::fs::write(repo.join("catscan.toml"), policy).unwrap();
        let run = catscan_in(&repo, &["scan", "plain.cdx.json", "--as-of", "2026-11-23"]);
        assert_eq!(run.status, 2, "{policy}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{policy}: {}", run.stderr);
        assert!(
            !run.stderr.contains("ghp_")
                && !run.stderr.contains("PATH=")
                && !run.stderr.contains("root:"),
            "{}",
            run.stderr
        );
    }
    // Inside the repository, a pack is read.
    std::fs::create_dir_all(repo.join("policy")).unwrap();
    std::fs::write(repo.join("policy/broken.toml"), "not = [toml\n").unwrap();
    std::fs::write(
        repo.join("catscan.toml"),
        "[extra]\npacks = [\"policy/broken.toml\"]\n",
    )
    .unwrap();
    let run = catscan_in(&repo, &["scan", "plain.cdx.json", "--as-of", "2026-11-23"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.stderr.contains("broken.toml"), "{}", run.stderr);
    // The command line is the user's own: `--certified` may name any file.
    std::fs::write(repo.join("catscan.toml"), "").unwrap();
    let list = dir.join("certified.csv");
    std::fs::write(&list, "vendor,product,model,certificate,issued,expiry\n").unwrap();
    let run = catscan_in(
        &repo,
        &[
            "scan",
            "plain.cdx.json",
            "--as-of",
            "2026-11-23",
            "--certified",
            list.to_str().unwrap(),
            "--fail-on",
            "none",
        ],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A workspace's `hboms` are read only inside its repository: `/etc/passwd` and a path out of it
/// are refused with a located warning; the hardware BOM inside is read.
#[test]
fn a_workspace_names_hardware_boms_only_inside_its_repository() {
    let dir = repository("hboms");
    let workspace = dir.join("repo/firewall");
    copy_tree(
        &common::root().join("tests/workspaces/firewall"),
        &workspace,
    );
    let manifest = workspace.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap().replace(
        "hboms = [\"hw/hbom.cdx.json\"]",
        "hboms = [\"/etc/passwd\", \"../../secret.env\", \"hw/hbom.cdx.json\"]",
    );
    std::fs::write(&manifest, text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cargo-catscan"))
        .args(["catscan", "--manifest-path"])
        .arg(&manifest)
        .args([
            "--offline",
            "--as-of",
            "2026-11-23",
            "--fail-on",
            "none",
            "--format",
            "sarif",
        ])
        .current_dir(dir.join("repo"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("`hboms`: \"/etc/passwd\" is an absolute path; a file in the repository may name only files inside it"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`hboms`: \"../../secret.env\" leads outside the repository"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("root:") && !stderr.contains("ghp_"),
        "{stderr}"
    );
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let artifacts: Vec<&str> = sarif["runs"][0]["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["location"]["uri"].as_str())
        .collect();
    assert!(
        artifacts.contains(&"firewall/hw/hbom.cdx.json"),
        "{artifacts:?}"
    );
    assert!(
        !artifacts
            .iter()
            .any(|a| a.contains("passwd") || a.contains("secret")),
        "{artifacts:?}"
    );
}

/// A field given twice is a located warning, and an organisation named in either value counts:
/// a listed vendor cannot hide behind a second `manufacturer` key, before or after it, nor
/// behind a second `name` in its object.
#[test]
fn a_duplicate_key_hides_no_vendor() {
    let dir = tempdir("duplicates");
    let bom = |component: &str| {
        format!(
            "{{\n\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"version\": 1,\n\"components\": [{{\n\
             \"type\": \"device\", \"bom-ref\": \"r1\", \"name\": \"NetEngine 8000\",\n\
             \"properties\": [{{\"name\": \"catscan:category\", \"value\": \"router\"}}],\n{component}\n}}]\n}}\n"
        )
    };
    let cases = [
        (
            "after.cdx.json",
            "\"manufacturer\": {\"name\": \"Huawei\"},\n\"manufacturer\": {\"name\": \"Example Networks\"}",
            7,
        ),
        (
            "before.cdx.json",
            "\"manufacturer\": {\"name\": \"Example Networks\"},\n\"manufacturer\": {\"name\": \"Huawei\"}",
            7,
        ),
        (
            "inside.cdx.json",
            "\"manufacturer\": {\"name\": \"Example Networks\",\n\"name\": \"Huawei\"}",
            7,
        ),
        (
            "supplier.cdx.json",
            "\"supplier\": {\"name\": \"Example Networks\"},\n\"supplier\": {\"name\": \"Huawei\"}",
            7,
        ),
    ];
    for (file, component, line) in cases {
        std::fs::write(dir.join(file), bom(component)).unwrap();
        let run = catscan_in(
            &dir,
            &[
                "scan",
                file,
                "--no-config",
                "--market",
                "us",
                "--as-of",
                "2026-11-23",
                "--format",
                "json",
            ],
        );
        assert_eq!(run.status, 1, "{file}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("{file}:{line}:"))
                && run.stderr.contains("warning[duplicate-key]"),
            "{file}: {}",
            run.stderr
        );
        let json: Value = serde_json::from_str(&run.stdout).unwrap();
        let rules: Vec<&str> = json["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap())
            .collect();
        assert!(
            rules.contains(&"origin-us-fcc-covered"),
            "{file}: {rules:?}"
        );
    }
}

/// Standard input (`-`) is read once: the BOM piped in is read whole, not sniffed and reopened.
#[test]
fn a_bom_on_standard_input_is_read_whole() {
    use std::io::Write as _;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_catscan"))
        .args([
            "scan",
            "-",
            "--no-config",
            "--market",
            "us",
            "--as-of",
            "2026-11-23",
            "--format",
            "json",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            serde_json::to_string_pretty(&plain_bom())
                .unwrap()
                .as_bytes(),
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"][0]["path"], "stdin", "{json}");
    assert_eq!(json["files"][0]["format"], "CycloneDX JSON", "{json}");
    assert_eq!(
        json["files"][0]["findings"][0]["rule"],
        "origin-us-fcc-covered"
    );
}

/// A device or a pipe named on the command line is read up to a limit: `/dev/zero` ends with an
/// error that names the limit, not with the memory of the machine.
#[cfg(unix)]
#[test]
fn an_endless_device_stops_at_the_limit() {
    let run = common::catscan(&["scan", "/dev/zero", "--no-config"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "/dev/zero: larger than 512 MiB, the most catscan reads from a pipe, a device or standard input (the stream-size limit); split the BOM into several files, or raise it with `--limit stream-size=1GiB`"
        ),
        "{}",
        run.stderr
    );
}

/// A report that cannot be written is an error: with standard output on a full device, a run
/// that was asked for SARIF on it exits 2 and says so, not 0 with nothing written.
#[cfg(target_os = "linux")]
#[test]
fn a_full_standard_output_is_an_error() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_catscan"))
        .args([
            "scan",
            "sbom-fixtures/edr-agent-sbom.cdx.json",
            "--no-config",
            "--format",
            "sarif",
            "--fail-on",
            "none",
            "-q",
        ])
        .current_dir(common::root())
        .stdout(full)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: cannot write the output (standard output): "),
        "{stderr}"
    );
}

/// A field given twice names two registered vendors, the second on the FCC Covered List: in
/// every reader the repetition is a located `duplicate-key` warning, the component is evaluated
/// as the listed vendor whichever came first, and the vendor passed over is reported by name.
#[test]
fn a_field_given_twice_in_any_reader_hides_no_listed_vendor() {
    let dir = tempdir("duplicates-every-reader");
    let cases = [
        (
            "twice.cdx.json",
            "{\n\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"version\": 1,\n\"components\": [{\n\
             \"type\": \"device\", \"bom-ref\": \"r1\", \"name\": \"NetEngine 8000\",\n\
             \"manufacturer\": {\"name\": \"Cisco Systems\"},\n\
             \"manufacturer\": {\"name\": \"Huawei\"}\n}]\n}\n",
            "twice.cdx.json:6:2: warning[duplicate-key]: \"manufacturer\" is given twice in this object; each value is read where catscan can keep both (organisations), else the last counts: give each field once",
            "manufacturer",
        ),
        (
            "twice.cdx.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\" version=\"1\">\n  <components>\n    <component type=\"device\" bom-ref=\"r1\">\n\
             \x20     <manufacturer><name>Cisco Systems</name></manufacturer>\n\
             \x20     <name>NetEngine 8000</name>\n\
             \x20     <manufacturer><name>Huawei</name></manufacturer>\n\
             \x20   </component>\n  </components>\n</bom>\n",
            "twice.cdx.xml:7:7: warning[duplicate-key]: <manufacturer> is given twice in this component; each value is read where catscan can keep both (organisations, properties, components), else the last counts: give each element once",
            "manufacturer",
        ),
        (
            "twice.spdx.json",
            "{\n\"spdxVersion\": \"SPDX-2.3\", \"dataLicense\": \"CC0-1.0\", \"SPDXID\": \"SPDXRef-DOCUMENT\",\n\
             \"name\": \"router\", \"documentNamespace\": \"https://example.com/router\",\n\
             \"creationInfo\": {\"created\": \"2024-01-01T00:00:00Z\", \"creators\": [\"Tool: x\"]},\n\
             \"packages\": [{\"SPDXID\": \"SPDXRef-r1\", \"name\": \"NetEngine 8000\", \"primaryPackagePurpose\": \"DEVICE\",\n\
             \"downloadLocation\": \"NOASSERTION\",\n\
             \"supplier\": \"Organization: Cisco Systems\",\n\
             \"supplier\": \"Organization: Huawei\"}]\n}\n",
            "twice.spdx.json:8:1: warning[duplicate-key]: \"supplier\" is given twice in this object; each value is read where catscan can keep both (organisations), else the first counts: give each field once",
            "supplier",
        ),
        (
            "twice.spdx3.json",
            "{\n\"@context\": \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\",\n\"@graph\": [\n\
             { \"type\": \"CreationInfo\", \"@id\": \"_:ci\", \"specVersion\": \"3.0.1\", \"created\": \"2024-01-01T00:00:00Z\", \"createdBy\": [\"urn:cisco\"] },\n\
             { \"type\": \"Organization\", \"spdxId\": \"urn:cisco\", \"name\": \"Cisco Systems\", \"creationInfo\": \"_:ci\" },\n\
             { \"type\": \"Organization\", \"spdxId\": \"urn:huawei\", \"name\": \"Huawei\", \"creationInfo\": \"_:ci\" },\n\
             { \"type\": \"SpdxDocument\", \"spdxId\": \"urn:doc\", \"creationInfo\": \"_:ci\", \"rootElement\": [\"urn:r1\"] },\n\
             { \"type\": \"software_Package\", \"spdxId\": \"urn:r1\", \"creationInfo\": \"_:ci\", \"name\": \"NetEngine 8000\",\n\
             \"software_primaryPurpose\": \"device\",\n\
             \"suppliedBy\": \"urn:cisco\",\n\
             \"suppliedBy\": \"urn:huawei\" }\n]\n}\n",
            "twice.spdx3.json:11:1: warning[duplicate-key]: \"suppliedBy\" is given twice in this object; each value is read where catscan can keep both (organisations), else the first counts: give each field once",
            "supplier",
        ),
    ];
    for (file, text, warning, field) in cases {
        std::fs::write(dir.join(file), text).unwrap();
        let run = catscan_in(
            &dir,
            &[
                "scan",
                file,
                "--no-config",
                "--market",
                "us",
                "--as-of",
                "2026-11-23",
                "--format",
                "json",
            ],
        );
        assert_ne!(run.status, 2, "{file}: {}", run.stderr);
        assert!(run.stderr.contains(warning), "{file}: {}", run.stderr);
        let json: Value = serde_json::from_str(&run.stdout).unwrap();
        let findings = json["files"][0]["findings"].as_array().unwrap();
        let messages = |rule: &str| {
            findings
                .iter()
                .filter(|f| f["rule"] == rule)
                .map(|f| f["message"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            messages("origin-undetermined").len(),
            1,
            "{file}: {findings:?}"
        );
        assert!(
            messages("origin-undetermined")[0].contains(
                "is made by Huawei Technologies Co., Ltd., which the FCC Covered List names"
            ),
            "{file}: {findings:?}"
        );
        assert_eq!(
            messages("data-quality-invalid-declaration"),
            [format!(
                "NetEngine 8000 (device, Huawei Technologies Co., Ltd.) declares {field} = \"Cisco Systems\", which catscan cannot use: it also names Huawei Technologies Co., Ltd. as its {field}, a vendor on us-fcc-covered-list, us-ndaa-889; catscan evaluates it as Huawei Technologies Co., Ltd., not as Cisco Systems, Inc., so that the listed vendor is not hidden behind another name: give the {field} once."
            )],
            "{file}"
        );
    }
}

/// Scans `file` in `dir` for the US market: standard error and the findings as (rule, message).
fn scan_us(dir: &Path, file: &str) -> (String, Vec<(String, String)>) {
    let run = catscan_in(
        dir,
        &[
            "scan",
            file,
            "--no-config",
            "--market",
            "us",
            "--as-of",
            "2026-11-23",
            "--format",
            "json",
        ],
    );
    assert_ne!(run.status, 2, "{file}: {}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = json["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (run.stderr, findings)
}

/// The finding for a router whose `field` names Cisco Systems first and Huawei second.
fn hidden_behind_cisco(name: &str, field: &str) -> String {
    format!(
        "{name} (device, Huawei Technologies Co., Ltd.) declares {field} = \"Cisco Systems\", which catscan cannot use: it also names Huawei Technologies Co., Ltd. as its {field}, a vendor on us-fcc-covered-list, us-ndaa-889; catscan evaluates it as Huawei Technologies Co., Ltd., not as Cisco Systems, Inc., so that the listed vendor is not hidden behind another name: give the {field} once."
    )
}

/// The organisations `metadata` gives for the BOM's subject stand in for the root component's
/// own (`supplier`, and `manufacture` before CycloneDX 1.6). Given twice, in the metadata or in
/// its component, or with a second name, each is a located warning and every name counts: the
/// root is evaluated as the listed vendor that came second.
#[test]
fn an_organisation_the_metadata_gives_twice_hides_no_listed_vendor() {
    let dir = tempdir("duplicates-metadata");
    let xml = |version: &str, metadata: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/{version}\" version=\"1\">\n  <metadata>\n{metadata}\n  </metadata>\n</bom>\n"
        )
    };
    const ROOT: &str =
        "    <component type=\"device\" bom-ref=\"r1\"><name>NetEngine 8000</name></component>";
    let cases = [
        (
            "supplier.cdx.xml",
            xml(
                "1.6",
                &format!(
                    "{ROOT}\n    <supplier><name>Cisco Systems</name></supplier>\n    <supplier><name>Huawei</name></supplier>"
                ),
            ),
            Some(
                "supplier.cdx.xml:6:5: warning[duplicate-key]: <supplier> is given twice in this metadata; each value is read where catscan can keep both (organisations, properties, components), else the last counts: give each element once",
            ),
            "supplier",
        ),
        (
            "manufacture.cdx.xml",
            xml(
                "1.5",
                &format!(
                    "    <manufacture><name>Cisco Systems</name></manufacture>\n{ROOT}\n    <manufacture><name>Huawei</name></manufacture>"
                ),
            ),
            Some(
                "manufacture.cdx.xml:6:5: warning[duplicate-key]: <manufacture> is given twice in this metadata; each value is read where catscan can keep both (organisations, properties, components), else the last counts: give each element once",
            ),
            "manufacturer",
        ),
        (
            "two-names.cdx.xml",
            xml(
                "1.6",
                &format!(
                    "{ROOT}\n    <supplier><name>Cisco Systems</name>\n      <name>Huawei</name></supplier>"
                ),
            ),
            Some(
                "two-names.cdx.xml:6:7: warning[duplicate-key]: <name> is given twice in this organization; each value is read where catscan can keep both (organisations, properties, components), else the last counts: give each element once",
            ),
            "supplier",
        ),
        (
            "component.cdx.xml",
            xml(
                "1.6",
                "    <component type=\"device\" bom-ref=\"r1\"><name>NetEngine 8000</name>\n      <supplier><name>Cisco Systems</name></supplier>\n      <supplier><name>Huawei</name></supplier></component>",
            ),
            Some(
                "component.cdx.xml:6:7: warning[duplicate-key]: <supplier> is given twice in this component; each value is read where catscan can keep both (organisations, properties, components), else the last counts: give each element once",
            ),
            "supplier",
        ),
        (
            "supplier.cdx.json",
            "{\n\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"version\": 1,\n\"metadata\": {\n\
             \"component\": {\"type\": \"device\", \"bom-ref\": \"r1\", \"name\": \"NetEngine 8000\"},\n\
             \"supplier\": {\"name\": \"Cisco Systems\"},\n\
             \"supplier\": {\"name\": \"Huawei\"}\n}\n}\n"
                .to_string(),
            Some(
                "supplier.cdx.json:6:2: warning[duplicate-key]: \"supplier\" is given twice in this object; each value is read where catscan can keep both (organisations), else the last counts: give each field once",
            ),
            "supplier",
        ),
    ];
    for (file, text, warning, field) in cases {
        std::fs::write(dir.join(file), text).unwrap();
        let (stderr, findings) = scan_us(&dir, file);
        if let Some(warning) = warning {
            assert!(stderr.contains(warning), "{file}: {stderr}");
        }
        let messages = |rule: &str| {
            findings
                .iter()
                .filter(|(r, _)| r == rule)
                .map(|(_, m)| m.clone())
                .collect::<Vec<_>>()
        };
        let undetermined = messages("origin-undetermined");
        assert_eq!(undetermined.len(), 1, "{file}: {findings:?}");
        assert!(
            undetermined[0].starts_with(
                "NetEngine 8000 (device, Huawei Technologies Co., Ltd.) is made by Huawei Technologies Co., Ltd., which the FCC Covered List names"
            ),
            "{file}: {findings:?}"
        );
        assert_eq!(
            messages("data-quality-invalid-declaration"),
            [hidden_behind_cisco("NetEngine 8000", field)],
            "{file}"
        );
    }
}

/// `metadata.manufacturer` (CycloneDX 1.6+) names who wrote the BOM, not who made its subject:
/// no decision uses it. Given twice, it is a located warning, and the second name decides
/// nothing either: the findings are those of the same BOM without it.
#[test]
fn the_bom_author_given_twice_decides_nothing() {
    let dir = tempdir("duplicates-bom-author");
    let bom = |author: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\" version=\"1\">\n  <metadata>\n    <component type=\"device\" bom-ref=\"r1\"><name>NetEngine 8000</name>\n      <manufacturer><name>Cisco Systems</name></manufacturer></component>\n{author}  </metadata>\n</bom>\n"
        )
    };
    std::fs::write(
        dir.join("twice.cdx.xml"),
        bom("    <manufacturer><name>Example Networks</name></manufacturer>\n    <manufacturer><name>Huawei</name></manufacturer>\n"),
    )
    .unwrap();
    std::fs::write(dir.join("none.cdx.xml"), bom("")).unwrap();
    let (stderr, twice) = scan_us(&dir, "twice.cdx.xml");
    assert!(
        stderr.contains(
            "twice.cdx.xml:7:5: warning[duplicate-key]: <manufacturer> is given twice in this metadata; each value is read where catscan can keep both (organisations, properties, components), else the last counts: give each element once"
        ),
        "{stderr}"
    );
    let (_, none) = scan_us(&dir, "none.cdx.xml");
    assert_eq!(twice, none);
    assert!(
        twice.iter().all(|(_, message)| !message.contains("Huawei")),
        "{twice:?}"
    );
}

/// A tag a package has at most once (SPDX 2.3 clause 7) given twice in SPDX tag-value is a
/// warning at the second; a supplier or originator named in either counts, and for the other
/// tags the first counts. Tags a package may repeat (`ExternalRef`, `PackageChecksum`, …) stay
/// silent.
#[test]
fn a_package_tag_given_twice_in_tag_value_is_located_and_hides_no_listed_vendor() {
    let dir = tempdir("duplicates-tag-value");
    let document = |package: &str| {
        format!(
            "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\nDocumentName: router\n\
             DocumentNamespace: https://example.com/router\nCreator: Tool: x\nCreated: 2024-01-01T00:00:00Z\n\n\
             PackageName: NetEngine 8000\nSPDXID: SPDXRef-r1\nPackageDownloadLocation: NOASSERTION\n\
             PrimaryPackagePurpose: DEVICE\n{package}\
             PackageChecksum: SHA1: 85ed0817af83a24ad8da68c2b5094de69833983c\n\
             PackageChecksum: SHA256: 11b6d3ee554eedf79299905a98f9b9a04e498210b59f15094c916c91d150efcd\n\
             ExternalRef: PACKAGE-MANAGER purl pkg:generic/example/netengine@8000\n\
             ExternalRef: SECURITY cpe23Type cpe:2.3:h:example:netengine:8000:*:*:*:*:*:*:*\n\
             PackageLicenseInfoFromFiles: MIT\nPackageLicenseInfoFromFiles: Apache-2.0\n"
        )
    };
    let warning = |file: &str, line: usize, tag: &str| {
        format!(
            "{file}:{line}:1: warning[duplicate-key]: {tag} is given twice in package \"NetEngine 8000\"; each value is read where catscan can keep both (PackageSupplier, PackageOriginator), else the first counts: give each tag once"
        )
    };
    let cases = [
        (
            "supplier.spdx",
            "PackageSupplier: Organization: Cisco Systems\nPackageSupplier: Organization: Huawei\n",
            "PackageSupplier",
            "supplier",
        ),
        (
            "originator.spdx",
            "PackageOriginator: Organization: Cisco Systems\nPackageOriginator: Organization: Huawei\n",
            "PackageOriginator",
            "manufacturer",
        ),
    ];
    for (file, package, tag, field) in cases {
        std::fs::write(dir.join(file), document(package)).unwrap();
        let (stderr, findings) = scan_us(&dir, file);
        let duplicates: Vec<&str> = stderr
            .lines()
            .filter(|l| l.contains("duplicate-key"))
            .map(str::trim)
            .collect();
        assert_eq!(duplicates, [warning(file, 14, tag)], "{stderr}");
        assert!(
            findings.iter().any(|(rule, message)| rule == "origin-undetermined"
                && message.starts_with(
                    "NetEngine 8000 (device, Huawei Technologies Co., Ltd.) is made by Huawei Technologies Co., Ltd."
                )),
            "{file}: {findings:?}"
        );
        assert!(
            findings.contains(&(
                "data-quality-invalid-declaration".to_string(),
                hidden_behind_cisco("NetEngine 8000", field)
            )),
            "{file}: {findings:?}"
        );
    }

    // The first version and the first SPDXID count; each repetition is a warning of its own.
    std::fs::write(
        dir.join("version.spdx"),
        document(
            "PackageVersion: V800R021\nPackageVersion: V800R022\nSPDXID: SPDXRef-other\nPackageSupplier: Organization: Huawei\n",
        ),
    )
    .unwrap();
    let (stderr, findings) = scan_us(&dir, "version.spdx");
    let duplicates: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("duplicate-key"))
        .map(str::trim)
        .collect();
    assert_eq!(
        duplicates,
        [
            warning("version.spdx", 14, "PackageVersion"),
            warning("version.spdx", 15, "SPDXID"),
        ],
        "{stderr}"
    );
    assert!(
        findings
            .iter()
            .any(|(rule, message)| rule == "origin-undetermined"
                && message.starts_with("NetEngine 8000 V800R021 (device, Huawei")),
        "{findings:?}"
    );
}
