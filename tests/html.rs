//! `--format html`: the page is one self-contained file with a row per finding of the JSON report,
//! escapes what the BOM says and keeps Chinese text as UTF-8 (always checked); and, where a
//! Chromium is installed, it works in a browser: no console error, the level and vendor filters
//! hide rows and update the live count, the column headers sort, and a screenshot is taken.
//! With `--procurement`, the page has a procurement section per file (listed components, the
//! share table, stacked bars by count and by spend) that draws in the browser without errors.
//! A BOM and a policy file whose every text is hostile give, parsed by an HTML5 parser, a page of
//! the same elements and attributes as their plain twin, with the hostile texts as text; in
//! Chromium, that page runs its own script and nothing else.
//!
//! The browser is driven through the DevTools protocol over a WebSocket written here by hand
//! (`Cdp`), so the test needs nothing but a `chromium` (or `chromium-browser`, or `$CHROME`).
//! Without one the browser test says so and passes. The screenshot goes to
//! `target/tmp/html-report.png`, and to `docs/html-report.png` when that file is missing or
//! `CATSCAN_BLESS=1`.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("html-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory created");
    dir
}

/// Runs catscan in the crate root with `--format FORMAT -o OUT` added; returns the file written.
fn catscan_to(args: &[&str], format: &str, out: &Path) -> String {
    let (status, text) = catscan_status(args, format, out);
    assert_eq!(status, Some(0), "catscan {args:?} --format {format} failed");
    text
}

/// The same, whatever the exit status.
fn catscan_status(args: &[&str], format: &str, out: &Path) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_catscan"))
        .arg("scan")
        .args(args)
        .args(["--as-of", "2026-11-23", "--fail-on", "none", "-q"])
        .args(["--format", format, "-o"])
        .arg(out)
        .current_dir(root())
        .output()
        .expect("catscan runs");
    if output.status.code() != Some(0) {
        eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    }
    let text = std::fs::read_to_string(out).expect("the report is UTF-8");
    (output.status.code(), text)
}

/// The HTML and JSON reports of one run's arguments.
fn reports(args: &[&str], dir: &Path) -> (String, Value) {
    let html = catscan_to(args, "html", &dir.join("r.html"));
    let json = catscan_to(args, "json", &dir.join("r.json"));
    (html, serde_json::from_str(&json).expect("the JSON report"))
}

const ALL: &[&str] = &["sbom-fixtures/", "--no-config"];
const ORIGIN: &[&str] = &[
    "sbom-fixtures/origin-mixed-hbom.cdx.json",
    "--config",
    "tests/fixtures/policy/catscan.toml",
];
const ESCAPE: &[&str] = &["tests/html/escape.cdx.json", "--no-config"];

/// Findings of the JSON report: those of every file, suppressed ones included, and those about
/// the policy file (the page shows both as rows).
fn json_findings(report: &Value) -> (usize, usize) {
    let files: Vec<&Value> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().into_iter().flatten())
        .collect();
    let suppressed = files.iter().filter(|f| !f["suppressed"].is_null()).count();
    let policy = report["policyFindings"].as_array().unwrap().len();
    (files.len() + policy, suppressed)
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// Every value of `attr="…"` / `attr='…'` / `attr=…` in the markup.
fn attribute_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let mut values = Vec::new();
    let lower = html.to_ascii_lowercase();
    let pattern = format!("{attr}=");
    let mut from = 0;
    while let Some(at) = lower[from..].find(&pattern) {
        let start = from + at + pattern.len();
        let preceded = lower[..from + at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_whitespace());
        from = start;
        if !preceded {
            continue;
        }
        let rest = &html[start..];
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest
                .split(|c: char| c.is_ascii_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        values.push(value);
    }
    values
}

/// One file, loading nothing: no external `src`/`href`, no `url()` or `@import`, no elements
/// that fetch, one inline script, and a policy that forbids any other load.
fn assert_self_contained(html: &str) {
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")
    );
    assert!(html.trim_end().ends_with("</html>"));
    for attr in ["src", "href", "action", "srcset", "poster", "data"] {
        for value in attribute_values(html, attr) {
            let v = value.trim().to_ascii_lowercase();
            assert!(
                !(v.starts_with("http:") || v.starts_with("https:") || v.starts_with("//")),
                "{attr}={value} loads something"
            );
        }
    }
    let lower = html.to_ascii_lowercase();
    for tag in [
        "<link", "<img", "<iframe", "<object", "<embed", "<base", "<frame",
    ] {
        assert_eq!(count(&lower, tag), 0, "the page has a {tag} element");
    }
    assert!(!lower.contains("@import") && !lower.contains("url("));
    assert_eq!(count(&lower, "<script"), 1, "one inline script");
    assert_eq!(count(&lower, "<style"), 1, "one inline style sheet");
    assert!(html.contains("<script>") && html.contains("<style>"));
    assert!(html.contains("content=\"default-src 'none';"));
}

#[test]
fn the_page_is_self_contained_with_a_row_per_finding() {
    let dir = scratch("all");
    let (html, json) = reports(ALL, &dir);
    assert_self_contained(&html);
    let (findings, suppressed) = json_findings(&json);
    assert!(findings > 100);
    assert_eq!(count(&html, "<tbody class=\"finding"), findings);
    assert_eq!(count(&html, " data-suppressed"), suppressed);
    assert_eq!(
        count(&html, "<tr class=\"detail\"><td colspan=\"6\"><details>"),
        findings
    );
    assert!(html.contains(&format!("{findings} of {findings} findings shown")));
    // One file per format, written where -o says; --output-dir names it catscan.html.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".html"))
        .collect();
    assert_eq!(names, ["r.html"]);
    let out = dir.join("out");
    let status = Command::new(env!("CARGO_BIN_EXE_catscan"))
        .args([
            "scan",
            "sbom-fixtures/",
            "--no-config",
            "--as-of",
            "2026-11-23",
        ])
        .args([
            "--fail-on",
            "none",
            "-q",
            "--format",
            "html",
            "--output-dir",
        ])
        .arg(&out)
        .current_dir(root())
        .status()
        .unwrap();
    assert!(status.success());
    let written: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(written, ["catscan.html"]);
    // The same report gives the same bytes.
    assert_eq!(
        std::fs::read_to_string(out.join("catscan.html")).unwrap(),
        html
    );
    // Chinese names as UTF-8, not as character references.
    assert!(html.contains("浪潮 TS860M5 八路机架式服务器"));
    assert!(html.contains("北京长亭未来科技有限公司"));
    assert!(!html.contains("&#x") && !html.contains("\\u"));
    // The header: version, as-of date, edition and basis, counts as cards.
    assert!(html.contains("<dt>As of</dt><dd>2026-11-23</dd>"));
    assert!(html.contains("<code>cn-2023</code>"));
    assert!(html.contains("(in force on 2026-11-23)"));
    let counts = &json["counts"];
    for (level, what) in [
        ("error", "errors"),
        ("warning", "warnings"),
        ("note", "notes"),
    ] {
        let card = format!(
            "<div class=\"card {level}\"><span class=\"n\">{}</span> <span class=\"what\">{what}</span></div>",
            counts[level]
        );
        assert!(html.contains(&card), "no card {card}");
    }
    // Every file has a row in the files table.
    for f in json["files"].as_array().unwrap() {
        let path = f["path"].as_str().unwrap();
        assert!(html.contains(&format!("<th scope=\"row\"><code>{path}</code>")));
    }
    // The filters offer the values of the rows.
    assert!(html.contains("<option value=\"Inspur Group Co., Ltd.\">Inspur Group Co., Ltd. ("));
    assert!(html.contains("<option value=\"catalogue-in-scope\">catalogue-in-scope ("));
    assert!(html.contains("<option value=\"cn-2023/cne.router\">cn-2023/cne.router ("));
}

#[test]
fn suppressed_findings_are_rows_hidden_by_default_with_their_reasons() {
    let dir = scratch("origin");
    let (html, json) = reports(ORIGIN, &dir);
    assert_self_contained(&html);
    let (findings, suppressed) = json_findings(&json);
    assert_eq!(suppressed, 2);
    assert_eq!(count(&html, "<tbody class=\"finding"), findings);
    assert_eq!(
        count(&html, "<tbody class=\"finding suppressed\" data-index=\""),
        suppressed
    );
    assert_eq!(count(&html, " data-suppressed hidden>"), suppressed);
    assert!(html.contains(&format!(
        "{} of {findings} findings shown",
        findings - suppressed
    )));
    assert!(html.contains("show suppressed (2)"));
    assert!(html.contains(
        "<strong>Suppressed</strong> by the exception at <code>tests/fixtures/policy/catscan.toml</code> \
         line 12, until 2027-06-30: Lobby camera on the visitor network"
    ));
    // The policy file's own findings are rows too, and the policy file is named in the header.
    assert_eq!(count(&html, " data-policy"), 2);
    assert!(
        html.contains("<dt>Policy file</dt><dd><code>tests/fixtures/policy/catscan.toml</code>")
    );
    // The dependency path.
    assert!(html.contains("<p class=\"path\">Introduced via <span class=\"step\">"));
    assert!(html.contains("深信服 SSL VPN 网关 M5400"));
}

#[test]
fn what_the_bom_says_is_escaped() {
    let dir = scratch("escape");
    let (html, json) = reports(ESCAPE, &dir);
    assert_self_contained(&html);
    assert_eq!(
        count(&html, "<tbody class=\"finding"),
        json_findings(&json).0
    );
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<b>Ltd"));
    assert!(!html.contains("<img"));
    assert!(html.contains(
        "<span class=\"name\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</span> \
         <span class=\"version\">1.0&quot;&gt;&lt;img src=x&gt;</span>"
    ));
    assert!(html.contains("data-vendor=\"O'Brien &quot;Routers&quot; &lt;b&gt;Ltd&lt;/b&gt;\""));
    assert!(html.contains(
        "data-component=\"&lt;script&gt;alert(1)&lt;/script&gt; &amp; co 1.0&quot;&gt;&lt;img src=x&gt;\""
    ));
    // Outside the markup catscan writes, no `<`, `>` or quote from the data survives: every `<`
    // that starts a tag starts one of the page's own tags.
    for (i, _) in html.match_indices('<') {
        let tag: String = html[i + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '!')
            .collect();
        let name = tag.trim_start_matches('/').to_ascii_lowercase();
        assert!(
            [
                "!doctype", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2",
                "dl", "div", "dt", "dd", "code", "span", "main", "section", "table", "thead",
                "tbody", "tr", "th", "td", "details", "summary", "ul", "li", "p", "fieldset",
                "legend", "label", "input", "select", "option", "button", "strong", "footer",
                "wbr", "colgroup", "col", "script",
            ]
            .contains(&name.as_str())
                || in_script(&html, i),
            "unexpected tag <{tag} at byte {i}"
        );
    }
}

#[test]
fn a_file_that_cannot_be_read_shows_its_error() {
    let dir = scratch("broken");
    let (status, html) = catscan_status(
        &[
            "sbom-fixtures/edge-router-sbom-1.2.cdx.json",
            "tests/fixtures/broken/malformed.cdx.xml",
            "--no-config",
        ],
        "html",
        &dir.join("r.html"),
    );
    assert_eq!(status, Some(2));
    assert_self_contained(&html);
    assert!(html.contains(
        "<tr class=\"unreadable\"><th scope=\"row\"><code>tests/fixtures/broken/malformed.cdx.xml</code></th>\
         <td colspan=\"7\" class=\"read-error\">could not be read (line 6, column 5): \
         expected &lt;/component&gt;, found &lt;/components&gt;"
    ));
    assert!(
        html.contains("<th scope=\"row\"><code>sbom-fixtures/edge-router-sbom-1.2.cdx.json</code>")
    );
    assert_eq!(count(&html, "<tbody class=\"finding"), 1);
}

// --- Hostile input ---------------------------------------------------------------------------

/// What an adversary writes into every text of a BOM and a policy file: markup that would run a
/// script, close a cell, open a comment or link to `javascript:`, an entity already escaped, a
/// bidirectional override, terminal escape sequences and a line break.
const HOSTILE: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(1)></td><!-- \
    <a href=\"javascript:alert(1)\">x</a> &amp; ' \u{202e}txt.exe \u{1b}[31m\u{1b}]0;owned\u{7}\nline two";

/// [`HOSTILE`] as the page shows it: markup and the entity as text, the override written as an
/// escape, the control characters replaced, the line break kept (HTML shows it as a space).
const HOSTILE_SHOWN: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(1)></td><!-- \
    <a href=\"javascript:alert(1)\">x</a> &amp; ' \\u{202e}txt.exe \u{fffd}[31m\u{fffd}]0;owned\u{fffd}\nline two";

/// [`HOSTILE`] as the readers quote a value in their remarks: every control and invisible
/// character as a Rust escape.
const HOSTILE_QUOTED: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(1)></td><!-- \
    <a href=\"javascript:alert(1)\">x</a> &amp; ' \\u{202e}txt.exe \\u{1b}[31m\\u{1b}]0;owned\\u{7}\\nline two";

/// A file name with as much of [`HOSTILE`] as the file system allows (no `/` anywhere; on
/// Windows none of `<>:"|?*` and no control characters either).
#[cfg(unix)]
const HOSTILE_FILE: &str =
    "bom <img src=x onerror=alert(1)>\"'&amp;<!-- \u{202e}txt \u{1b}[31m\nx.cdx.json";
#[cfg(unix)]
const HOSTILE_FILE_SHOWN: &str =
    "bom <img src=x onerror=alert(1)>\"'&amp;<!-- \\u{202e}txt \u{fffd}[31m\nx.cdx.json";
#[cfg(not(unix))]
const HOSTILE_FILE: &str = "bom &amp; ' \u{202e}txt (x).cdx.json";
#[cfg(not(unix))]
const HOSTILE_FILE_SHOWN: &str = "bom &amp; ' \\u{202e}txt (x).cdx.json";

/// A BOM and a policy file whose texts are those of the plain twin followed by `tail` (nothing
/// for the plain twin, [`HOSTILE`] for the other): a Huawei router with a name, version,
/// bom-ref, group, purl and properties; a ZTE switch reached only through a chain of 24 libraries
/// (a path long enough to be shortened), whose findings one exception suppresses; and an
/// exception that matches nothing. The vendors and categories stay plain, so that both twins
/// have the same findings, suppressions, remarks and procurement account.
fn twin(tail: &str) -> (serde_json::Value, String) {
    let t = |s: &str| {
        if tail.is_empty() {
            s.to_string()
        } else {
            format!("{s} {tail}")
        }
    };
    let chain: Vec<String> = (0..24).map(|i| t(&format!("lib-{i}"))).collect();
    let mut components = vec![
        json!({
            "type": "device", "bom-ref": t("r1"), "name": t("NetEngine 8000"), "version": t("V800"),
            "group": t("routers"),
            "purl": format!("pkg:generic/huawei/netengine@V800?download_url={}", t("javascript:alert(1)")),
            "manufacturer": { "name": "Huawei" },
            "properties": [
                { "name": "catscan:category", "value": "router" },
                { "name": "catscan:quantity", "value": t("twenty") },
                { "name": t("note"), "value": t("value") },
            ],
        }),
        json!({
            "type": "device", "bom-ref": "s1", "name": t("ZXR10 5960"),
            "manufacturer": { "name": "ZTE Corporation" },
            "properties": [{ "name": "catscan:category", "value": "switch" }],
        }),
    ];
    let mut dependencies = vec![json!({ "ref": t("site"), "dependsOn": [t("r1"), &chain[0]] })];
    for (i, r) in chain.iter().enumerate() {
        components.push(json!({ "type": "library", "bom-ref": r, "name": t(&format!("lib {i}")) }));
        let next = chain.get(i + 1).map_or("s1", String::as_str);
        dependencies.push(json!({ "ref": r, "dependsOn": [next] }));
    }
    let bom = json!({
        "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
        "metadata": { "component": { "type": "device", "bom-ref": t("site"), "name": t("Site") } },
        "components": components,
        "dependencies": dependencies,
    });
    // A TOML basic string: JSON's escapes are TOML's.
    let toml = |s: &str| serde_json::to_string(&t(s)).unwrap();
    let policy = format!(
        "markets = [\"cn\", \"us\"]\nus-federal = true\n\n\
         [[exception]]\nbom-ref = \"s1\"\nrule = \"origin-us-ndaa-889\"\nreason = {}\n\n\
         [[exception]]\nname = {}\nrule = \"catalogue-in-scope\"\nreason = {}\n",
        toml("Approved"),
        toml("Old firewall"),
        toml("Retired")
    );
    (bom, policy)
}

/// Writes the twin to `dir` as `file` and its policy, scans it with procurement on, and returns
/// the page parsed by an HTML5 parser, as a browser would.
fn twin_page(dir: &Path, file: &str, tail: &str) -> (scraper::Html, String) {
    let (bom, policy) = twin(tail);
    std::fs::write(dir.join(file), bom.to_string()).unwrap();
    std::fs::write(dir.join("catscan.toml"), policy).unwrap();
    let out = dir.join("r.html");
    let output = Command::new(env!("CARGO_BIN_EXE_catscan"))
        .args([
            "scan",
            file,
            "--config",
            "catscan.toml",
            "--procurement",
            "cn-central",
        ])
        .args([
            "--as-of",
            "2026-11-23",
            "--fail-on",
            "none",
            "-q",
            "--format",
            "html",
            "-o",
        ])
        .arg(&out)
        .current_dir(dir)
        .output()
        .expect("catscan runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(&out).expect("the report is UTF-8");
    (scraper::Html::parse_document(&text), text)
}

/// The names of the elements and of the attributes in the page.
fn markup_names(page: &scraper::Html) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut elements = BTreeSet::new();
    let mut attributes = BTreeSet::new();
    for node in page.tree.root().descendants() {
        if let Some(e) = node.value().as_element() {
            elements.insert(e.name().to_string());
            attributes.extend(e.attrs().map(|(name, _)| name.to_string()));
        }
    }
    (elements, attributes)
}

/// The text of every element `selector` selects.
fn texts(page: &scraper::Html, selector: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).unwrap();
    page.select(&selector)
        .map(|e| e.text().collect::<String>())
        .collect()
}

/// The value of `attribute` on every element that has it.
fn attribute_texts(page: &scraper::Html, attribute: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(&format!("[{attribute}]")).unwrap();
    page.select(&selector)
        .filter_map(|e| e.value().attr(attribute).map(str::to_string))
        .collect()
}

#[test]
fn hostile_text_is_text_in_a_page_of_the_reports_own_markup() {
    let dir = scratch("hostile");
    let plain_dir = dir.join("plain");
    let hostile_dir = dir.join("hostile");
    std::fs::create_dir_all(&plain_dir).unwrap();
    std::fs::create_dir_all(&hostile_dir).unwrap();
    let (plain, _) = twin_page(&plain_dir, "plain.cdx.json", "");
    let (page, text) = twin_page(&hostile_dir, HOSTILE_FILE, HOSTILE);

    // The parser reads the hostile page as it reads the plain one: without an error, into the
    // same elements and attributes, and no comment.
    assert_eq!(plain.errors, Vec::<std::borrow::Cow<str>>::new());
    assert_eq!(page.errors, Vec::<std::borrow::Cow<str>>::new());
    let (plain_elements, plain_attributes) = markup_names(&plain);
    let (elements, attributes) = markup_names(&page);
    assert_eq!(elements, plain_elements);
    assert_eq!(attributes, plain_attributes);
    // The plain page has every part the hostile text is put into: the suppression, the
    // shortened path, the reader's remark, the policy file's finding, the procurement section.
    for name in ["strong", "details", "svg", "wbr", "article"] {
        assert!(
            plain_elements.contains(name),
            "no <{name}> in the plain page"
        );
    }
    assert!(plain_attributes.contains("data-policy"));
    assert!(
        !page
            .tree
            .root()
            .descendants()
            .any(|n| n.value().is_comment())
    );
    for node in page.tree.root().descendants() {
        let Some(e) = node.value().as_element() else {
            continue;
        };
        for (name, value) in e.attrs() {
            assert!(!name.starts_with("on"), "<{} {name}>", e.name());
            let value = value.trim_start().to_ascii_lowercase();
            assert!(
                !(matches!(
                    name,
                    "href" | "src" | "action" | "formaction" | "xlink:href"
                ) && value.starts_with("javascript:")),
                "<{} {name}={value}>",
                e.name()
            );
        }
    }
    assert_eq!(count(&text, "<script"), 1);
    assert!(!text.contains(['\u{1b}', '\u{7}', '\u{202e}']));

    // Each hostile text is there, as text.
    let shown = |s: &str| format!("{s} {HOSTILE_SHOWN}");
    assert!(texts(&page, "tbody.finding span.name").contains(&shown("NetEngine 8000")));
    assert!(texts(&page, "tbody.finding span.version").contains(&shown("V800")));
    assert!(attribute_texts(&page, "data-component").contains(&format!(
        "{} {}",
        shown("NetEngine 8000"),
        shown("V800")
    )));
    let facts = texts(&page, "dl.facts > div");
    for fact in [
        format!("bom-ref{}", shown("r1")),
        format!("group{}", shown("routers")),
        format!(
            "purl{}",
            shown("pkg:generic/huawei/netengine@V800?download_url=javascript:alert(1)")
        ),
    ] {
        assert!(facts.contains(&fact), "no fact {fact:?} in {facts:#?}");
    }
    assert!(texts(&page, "p.path span.step").contains(&shown("lib 0")));
    assert!(texts(&page, "p.path span.muted").contains(&"… (6 more)".to_string()));
    assert!(
        texts(&page, "p.why-suppressed")
            .iter()
            .any(|t| t.ends_with(&format!(": {}", shown("Approved"))))
    );
    assert!(texts(&page, "span.msg").iter().any(|m| {
        m.starts_with(&format!(
            "The exception for catalogue-in-scope on name \"{}\" (",
            shown("Old firewall")
        )) && m.contains("catscan.toml, line 9) matched no finding in this run")
    }));
    assert!(
        texts(&page, "details.diagnostics li")
            .iter()
            .any(|r| r.contains(&format!(
                "quantity \"twenty {HOSTILE_QUOTED}\" does not start with a number"
            )))
    );
    // The file is named by its path from the repository's root.
    let names_the_file =
        |t: &String| Path::new(t).file_name() == Some(std::ffi::OsStr::new(HOSTILE_FILE_SHOWN));
    assert!(
        texts(&page, "table.files th > code")
            .iter()
            .any(names_the_file)
    );
    assert!(
        texts(&page, "article.procurement h3")
            .iter()
            .any(names_the_file)
    );
    assert!(
        attribute_texts(&page, "data-file")
            .iter()
            .any(names_the_file)
    );
}

/// What a browser built of the hostile page: elements that could load or run something, the
/// rows, and the first component's name as the page shows it.
const BUILT: &str = r#"(() => ({
  loaders: document.querySelectorAll("img, a, iframe, object, embed, link, base, form").length,
  scripts: document.scripts.length,
  rows: document.querySelectorAll("tbody.finding").length,
  name: document.querySelector("tbody.finding span.name").textContent,
}))()"#;

#[test]
fn the_hostile_page_runs_nothing_in_chromium() {
    let Some(chromium) = find_chromium() else {
        println!("chromium not found: the browser checks were skipped");
        return;
    };
    let dir = scratch("hostile-browser");
    let (page, _) = twin_page(&dir, HOSTILE_FILE, HOSTILE);
    let rows = texts(&page, "tbody.finding").len();
    let suppressed = texts(&page, "tbody.finding[data-suppressed]").len();
    assert!(suppressed > 0);
    let (browser, port, path) = Browser::start(&chromium, &dir);
    let mut cdp = Cdp::connect(port, &path);
    cdp.open_page();
    cdp.navigate(&dir.join("r.html"));
    let built = cdp.eval(BUILT);
    assert_eq!(built["loaders"], 0, "{built}");
    assert_eq!(built["scripts"], 1, "{built}");
    assert_eq!(built["rows"], rows, "{built}");
    assert_eq!(built["name"], format!("NetEngine 8000 {HOSTILE_SHOWN}"));
    // The page's own script runs (the count is written), and nothing else is refused or thrown.
    assert_eq!(
        cdp.eval("document.getElementById('shown').textContent"),
        format!("{} of {rows} findings shown", rows - suppressed)
    );
    let errors = cdp.errors();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    drop(browser);
}

// --- Procurement ---------------------------------------------------------------------------

/// A BOM whose key components carry quantities and unit prices in CNY: two of domestic
/// control, one foreign, one unknown (so that the share has a spend bar as well).
const PRICED_BOM: &str = r#"{
  "bomFormat": "CycloneDX",
  "specVersion": "1.6",
  "version": 1,
  "metadata": {
    "component": { "type": "device", "bom-ref": "batch", "name": "采购批次 priced batch" }
  },
  "components": [
    { "type": "device", "bom-ref": "cpu-kirin", "name": "麒麟X90", "manufacturer": { "name": "海思" },
      "properties": [ { "name": "catscan:quantity", "value": "20" }, { "name": "catscan:unit-price", "value": "¥3,000" } ] },
    { "type": "operating-system", "bom-ref": "os-kylin", "name": "银河麒麟桌面操作系统", "version": "V10 SP1",
      "manufacturer": { "name": "麒麟软件" },
      "properties": [ { "name": "catscan:quantity", "value": "20" }, { "name": "catscan:unit-price", "value": "800 CNY" } ] },
    { "type": "device", "bom-ref": "cpu-xeon", "name": "Intel Xeon Gold 6338", "manufacturer": { "name": "Intel Corporation" },
      "properties": [ { "name": "catscan:quantity", "value": "4" }, { "name": "catscan:unit-price", "value": "12000元" } ] },
    { "type": "device", "bom-ref": "cpu-phytium", "name": "飞腾 FT-2000+/64 CPU",
      "manufacturer": { "name": "飞腾" },
      "properties": [ { "name": "catscan:quantity", "value": "2" }, { "name": "catscan:unit-price", "value": "RMB 9,500.50" } ] }
  ],
  "dependencies": [ { "ref": "batch", "dependsOn": ["cpu-kirin", "os-kylin", "cpu-xeon", "cpu-phytium"] } ]
}
"#;

/// A BOM with no key component: its share table is empty.
const LIBRARY_BOM: &str = r#"{
  "bomFormat": "CycloneDX",
  "specVersion": "1.6",
  "version": 1,
  "components": [
    { "type": "library", "bom-ref": "zlib", "name": "zlib", "version": "1.3.1", "purl": "pkg:generic/zlib@1.3.1" }
  ]
}
"#;

const WORKSTATIONS: &str = "sbom-fixtures/procurement-workstations.cdx.json";

/// The arguments of a run with procurement on over the workstation fixture (components on the
/// lists, no prices), the priced BOM and the BOM without key components, written to `dir`.
fn procurement_args(dir: &Path) -> Vec<String> {
    let priced = dir.join("priced.cdx.json");
    let library = dir.join("library.cdx.json");
    std::fs::write(&priced, PRICED_BOM).unwrap();
    std::fs::write(&library, LIBRARY_BOM).unwrap();
    vec![
        WORKSTATIONS.to_string(),
        priced.display().to_string(),
        library.display().to_string(),
        "--no-config".to_string(),
        "--procurement".to_string(),
        "cn-central".to_string(),
        "--min-domestic-share".to_string(),
        "0.75".to_string(),
    ]
}

/// The markup of the procurement article of the file whose path ends with `name`.
fn article<'a>(html: &'a str, name: &str) -> &'a str {
    let mut from = 0;
    while let Some(at) = html[from..].find("<article class=\"procurement\"") {
        let start = from + at;
        let end = start + html[start..].find("</article>").expect("the article ends");
        let head = &html[start..start + html[start..].find('>').unwrap()];
        if head.contains(&format!("{name}\"")) {
            return &html[start..end];
        }
        from = end;
    }
    panic!("no procurement article for {name}");
}

#[test]
fn the_procurement_section_shows_the_lists_and_the_share() {
    let dir = scratch("procurement");
    let args = procurement_args(&dir);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (html, json) = reports(&args, &dir);
    assert_self_contained(&html);
    assert_eq!(count(&html, "<section id=\"procurement\">"), 1);
    assert_eq!(count(&html, "<article class=\"procurement\""), 3);
    for f in json["files"].as_array().unwrap() {
        let path = f["path"].as_str().unwrap();
        let p = &f["procurement"];
        let a = article(&html, path);
        // The listed components, each a row.
        let listed = p["listed"].as_array().unwrap();
        assert_eq!(
            count(a, "<tr><th scope=\"row\" class=\"name\">"),
            listed.len()
        );
        for l in listed {
            let name = l["component"]["name"].as_str().unwrap();
            assert!(a.contains(&format!("<th scope=\"row\" class=\"name\">{name}</th>")));
        }
        // The share table by count: the unknown row is there, with its own figure.
        let by_count = &p["share"]["byCount"];
        if by_count["total"] == 0 {
            assert!(a.contains("<p class=\"share-empty\">No key components"));
            assert!(!a.contains("<svg"));
            continue;
        }
        for control in ["domestic", "foreign", "unknown"] {
            let row = format!(
                "<tr class=\"control-{control}\"><th scope=\"row\"><span class=\"swatch {control}\" \
                 aria-hidden=\"true\"></span>{control}</th><td class=\"num\">{}</td><td class=\"num\">{:.1}%</td>",
                by_count[control],
                by_count["share"][control].as_f64().unwrap() * 100.0
            );
            assert!(a.contains(&row), "{path}: no row {row}");
        }
        let bars = if p["share"]["bySpend"].is_null() {
            1
        } else {
            2
        };
        assert_eq!(count(a, "<svg class=\"bar\""), bars, "{path}");
        assert_eq!(count(a, "<li data-control="), 3 * bars);
        assert!(a.contains("<p class=\"minimum\">Minimum domestic share: 75.0%</p>"));
        assert_eq!(
            count(a, "<tr class=\"control-"),
            3 + p["share"]["rows"].as_array().unwrap().len()
        );
    }
    // The workstations: listed components with Chinese names, no prices.
    let workstations = article(&html, WORKSTATIONS);
    assert!(workstations.contains("<th scope=\"row\" class=\"name\">银河麒麟桌面操作系统</th>"));
    assert!(workstations.contains("Spend: no key component has a unit price."));
    assert!(workstations.contains(
        "<li><span class=\"name\">瑞星杀毒软件网络版</span> <span class=\"muted\">(anti-virus or \
         endpoint security software, line 69)</span>: vendor not in the registry (supplier &quot;瑞星&quot;)</li>"
    ));
    // The priced BOM: spend in CNY, by control.
    let priced = article(&html, "priced.cdx.json");
    assert!(priced.contains("<th scope=\"col\" class=\"num\">Spend (CNY)</th>"));
    assert!(priced.contains("<figcaption>By spend (143,001.00 CNY)</figcaption>"));
    assert!(priced.contains(
        "<li data-control=\"unknown\"><span class=\"swatch unknown\" aria-hidden=\"true\"></span>\
         unknown 19,001.00 CNY (13.3%)</li>"
    ));
    // Without procurement, no section.
    let plain = catscan_to(
        &[WORKSTATIONS, "--no-config"],
        "html",
        &dir.join("plain.html"),
    );
    assert!(!plain.contains("id=\"procurement\"") && !plain.contains("<svg"));
}

/// What the browser draws of the procurement section: per bar, its width and its segments'
/// widths and fills, the legend's text; and whether the style sheet applied.
const CHARTS: &str = r##"(() => {
  const section = document.getElementById("procurement");
  const figures = Array.from(document.querySelectorAll("#procurement figure.share-chart"));
  return {
    visible: section !== null && section.getClientRects().length > 0,
    articles: document.querySelectorAll("#procurement article.procurement").length,
    empty: Array.from(document.querySelectorAll("#procurement p.share-empty")).map((p) => p.textContent),
    bars: figures.map((f) => {
      const svg = f.querySelector("svg.bar");
      const box = svg ? svg.getBoundingClientRect() : null;
      return {
        id: f.id,
        width: box ? box.width : 0,
        height: box ? box.height : 0,
        segments: svg ? Array.from(svg.querySelectorAll("rect.seg")).map((r) => ({
          control: r.dataset.control,
          width: r.getBoundingClientRect().width,
          fill: getComputedStyle(r).fill,
        })) : [],
        labels: svg ? Array.from(svg.querySelectorAll("text")).map((t) => t.textContent) : [],
        legend: Array.from(f.querySelectorAll(".legend li")).map((l) => l.textContent),
        swatches: Array.from(f.querySelectorAll(".legend .swatch")).map((s) => getComputedStyle(s).backgroundColor),
      };
    }),
  };
})()"##;

#[test]
fn the_procurement_chart_renders_in_chromium() {
    let Some(chromium) = find_chromium() else {
        println!("chromium not found: the browser checks were skipped");
        return;
    };
    let dir = scratch("procurement-browser");
    let args = procurement_args(&dir);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let page = dir.join("procurement.html");
    catscan_to(&args, "html", &page);

    let (browser, port, path) = Browser::start(&chromium, &dir);
    let mut cdp = Cdp::connect(port, &path);
    cdp.open_page();
    cdp.navigate(&page);
    let charts = cdp.eval(CHARTS);
    assert_eq!(charts["visible"], true);
    assert_eq!(charts["articles"], 3);
    assert_eq!(charts["empty"].as_array().unwrap().len(), 1);
    let bars = charts["bars"].as_array().unwrap();
    // The workstations by count; the priced BOM by count and by spend.
    let ids: Vec<&str> = bars.iter().map(|b| b["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["share-1-count", "share-2-count", "share-2-spend"]);
    for bar in bars {
        let width = bar["width"].as_f64().unwrap();
        assert!(
            width > 200.0 && bar["height"].as_f64().unwrap() > 10.0,
            "{bar}"
        );
        let segments = bar["segments"].as_array().unwrap();
        assert_eq!(segments.len(), 3, "three segments in {bar}");
        let controls: Vec<&str> = segments
            .iter()
            .map(|s| s["control"].as_str().unwrap())
            .collect();
        assert_eq!(controls, ["domestic", "foreign", "unknown"]);
        // The segments fill the bar, each drawn, in three colours of the style sheet.
        let sum: f64 = segments.iter().map(|s| s["width"].as_f64().unwrap()).sum();
        assert!((sum - width).abs() < 1.0, "segments {sum} of {width}");
        assert!(segments.iter().all(|s| s["width"].as_f64().unwrap() > 1.0));
        let mut fills: Vec<&str> = segments
            .iter()
            .map(|s| s["fill"].as_str().unwrap())
            .collect();
        assert!(
            fills
                .iter()
                .all(|f| f.starts_with("rgb(") && *f != "rgb(0, 0, 0)"),
            "{fills:?}"
        );
        fills.dedup();
        assert_eq!(fills.len(), 3, "distinct colours: {fills:?}");
        let swatches: Vec<&str> = bar["swatches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert_eq!(
            swatches,
            segments
                .iter()
                .map(|s| s["fill"].as_str().unwrap())
                .collect::<Vec<_>>()
        );
        // Not colour only: the legend says each kind and its share in text.
        let legend: Vec<&str> = bar["legend"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        assert_eq!(legend.len(), 3);
        for (text, control) in legend.iter().zip(["domestic", "foreign", "unknown"]) {
            assert!(text.starts_with(control) && text.ends_with("%)"), "{text}");
        }
        assert!(!bar["labels"].as_array().unwrap().is_empty());
    }
    assert_eq!(bars[2]["legend"][2], "unknown 19,001.00 CNY (13.3%)");
    // A screenshot of the section, for review.
    cdp.eval("document.getElementById('procurement').scrollIntoView()");
    let shot = cdp.call("Page.captureScreenshot", json!({ "format": "png" }));
    let png = base64_decode(shot["data"].as_str().unwrap());
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    std::fs::write(
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-procurement.png"),
        &png,
    )
    .unwrap();
    let errors = cdp.errors();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    drop(browser);
}

/// Whether byte `i` lies inside the page's script.
fn in_script(html: &str, i: usize) -> bool {
    let start = html.find("<script>").unwrap() + "<script>".len();
    let end = html.find("</script>").unwrap();
    (start..end).contains(&i)
}

// --- The browser ---------------------------------------------------------------------------

/// `$CHROME`, else `chromium`, `chromium-browser`, `google-chrome` on the PATH.
fn find_chromium() -> Option<PathBuf> {
    if let Some(chrome) = std::env::var_os("CHROME").filter(|c| !c.is_empty()) {
        let chrome = PathBuf::from(chrome);
        if chrome.is_file() {
            return Some(chrome);
        }
        return which(chrome.to_str()?);
    }
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .into_iter()
    .find_map(which)
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.metadata().is_ok_and(|m| m.is_file() && executable(&m)))
}

#[cfg(unix)]
fn executable(m: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    m.permissions().mode() & 0o111 != 0
}

/// Windows has no execute bit: a file on the PATH with the name asked for is the program.
#[cfg(not(unix))]
fn executable(_: &std::fs::Metadata) -> bool {
    true
}

/// A headless Chromium, ended when dropped.
struct Browser {
    child: Child,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const TIMEOUT: Duration = Duration::from_secs(90);

impl Browser {
    /// Starts Chromium with a DevTools port of its choosing; returns it and its browser
    /// WebSocket endpoint (from the `DevToolsActivePort` file of its profile).
    fn start(chromium: &Path, dir: &Path) -> (Browser, u16, String) {
        let profile = dir.join("profile");
        let log = std::fs::File::create(dir.join("chromium.log")).unwrap();
        let child = Command::new(chromium)
            .args([
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-default-apps",
                "--disable-sync",
                "--mute-audio",
                "--hide-scrollbars",
                "--force-color-profile=srgb",
                "--force-device-scale-factor=1",
                "--window-size=1280,900",
                "--lang=en-US",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("chromium starts");
        let mut browser = Browser { child };
        let started = Instant::now();
        let active = profile.join("DevToolsActivePort");
        loop {
            if let Ok(text) = std::fs::read_to_string(&active) {
                let mut lines = text.lines();
                if let (Some(port), Some(path)) = (lines.next(), lines.next())
                    && let Ok(port) = port.trim().parse::<u16>()
                {
                    return (browser, port, path.trim().to_string());
                }
            }
            if let Ok(Some(status)) = browser.child.try_wait() {
                panic!(
                    "chromium exited ({status}) before opening its DevTools port:\n{}",
                    std::fs::read_to_string(dir.join("chromium.log")).unwrap_or_default()
                );
            }
            assert!(
                started.elapsed() < TIMEOUT,
                "chromium opened no DevTools port in {TIMEOUT:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// A DevTools protocol client: one WebSocket to the browser, commands to one page's session.
struct Cdp {
    stream: TcpStream,
    next_id: u64,
    session: Option<String>,
    /// Every event received, in order.
    events: Vec<Value>,
}

impl Cdp {
    fn connect(port: u16, path: &str) -> Cdp {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("DevTools port");
        stream.set_read_timeout(Some(TIMEOUT)).unwrap();
        stream.set_nodelay(true).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n\
             Connection: Upgrade\r\nSec-WebSocket-Key: Y2F0c2Nhbi1odG1sLXRlc3Q=\r\n\
             Sec-WebSocket-Version: 13\r\n\r\n"
        )
        .unwrap();
        // The handshake's answer, read byte by byte so that no frame is consumed with it.
        let mut head = Vec::new();
        let mut byte = [0u8];
        while !head.ends_with(b"\r\n\r\n") {
            stream.read_exact(&mut byte).expect("WebSocket handshake");
            head.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&head);
        assert!(
            head.starts_with("HTTP/1.1 101"),
            "no WebSocket upgrade: {head}"
        );
        Cdp {
            stream,
            next_id: 0,
            session: None,
            events: Vec::new(),
        }
    }

    fn send_text(&mut self, text: &str) {
        let payload = text.as_bytes();
        let mut frame = vec![0x81u8];
        match payload.len() {
            n if n < 126 => frame.push(0x80 | n as u8),
            n if n < 65_536 => {
                frame.push(0x80 | 126);
                frame.extend_from_slice(&(n as u16).to_be_bytes());
            }
            n => {
                frame.push(0x80 | 127);
                frame.extend_from_slice(&(n as u64).to_be_bytes());
            }
        }
        let mask = [0x5a, 0x17, 0xc3, 0x8e];
        frame.extend_from_slice(&mask);
        frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
        self.stream.write_all(&frame).expect("WebSocket write");
    }

    fn read_exact(&mut self, n: usize) -> Vec<u8> {
        let mut buf = vec![0u8; n];
        self.stream
            .read_exact(&mut buf)
            .expect("WebSocket read (timed out or closed)");
        buf
    }

    /// The next text message (fragments joined; pings answered).
    fn read_message(&mut self) -> Value {
        let mut message = Vec::new();
        loop {
            let head = self.read_exact(2);
            let (fin, opcode) = (head[0] & 0x80 != 0, head[0] & 0x0f);
            let masked = head[1] & 0x80 != 0;
            let len = match head[1] & 0x7f {
                126 => u16::from_be_bytes(self.read_exact(2).try_into().unwrap()) as usize,
                127 => u64::from_be_bytes(self.read_exact(8).try_into().unwrap()) as usize,
                n => n as usize,
            };
            let mask = if masked {
                self.read_exact(4)
            } else {
                vec![0; 4]
            };
            let payload: Vec<u8> = self
                .read_exact(len)
                .into_iter()
                .enumerate()
                .map(|(i, b)| b ^ mask[i % 4])
                .collect();
            match opcode {
                0x8 => panic!("the browser closed the DevTools connection"),
                0x9 => {
                    let mut pong = vec![0x8a, 0x80 | payload.len() as u8, 0, 0, 0, 0];
                    pong.extend_from_slice(&payload);
                    self.stream.write_all(&pong).unwrap();
                }
                0xa => {}
                _ => {
                    message.extend_from_slice(&payload);
                    if fin {
                        return serde_json::from_slice(&message).expect("DevTools JSON");
                    }
                }
            }
        }
    }

    /// Sends a command (to the page's session once attached) and returns its result.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut command = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = &self.session {
            command["sessionId"] = json!(session);
        }
        self.send_text(&command.to_string());
        loop {
            let message = self.read_message();
            if message["id"] == id {
                if let Some(error) = message.get("error") {
                    panic!("{method} failed: {error}");
                }
                return message["result"].clone();
            }
            if message.get("method").is_some() {
                self.events.push(message);
            }
        }
    }

    /// Waits for an event of the page's session, among those received from `since` on.
    fn wait_event(&mut self, method: &str, since: usize) -> Value {
        let started = Instant::now();
        let mut seen = since;
        loop {
            let found = self.events[seen..].iter().find(|e| {
                e["method"] == method && e.get("sessionId") == self.session_json().as_ref()
            });
            if let Some(e) = found {
                return e.clone();
            }
            seen = self.events.len();
            assert!(started.elapsed() < TIMEOUT, "no {method} in {TIMEOUT:?}");
            let message = self.read_message();
            if message.get("method").is_some() {
                self.events.push(message);
            }
        }
    }

    fn session_json(&self) -> Option<Value> {
        self.session.as_ref().map(|s| json!(s))
    }

    /// Opens a page of 1280×900 CSS pixels and attaches to it.
    fn open_page(&mut self) {
        let target = self.call("Target.createTarget", json!({ "url": "about:blank" }));
        let attached = self.call(
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        );
        self.session = Some(attached["sessionId"].as_str().unwrap().to_string());
        for domain in ["Page.enable", "Runtime.enable", "Log.enable"] {
            self.call(domain, json!({}));
        }
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false }),
        );
    }

    fn navigate(&mut self, file: &Path) {
        let since = self.events.len();
        let url = format!("file://{}", file.display());
        let result = self.call("Page.navigate", json!({ "url": url }));
        assert!(
            result.get("errorText").is_none(),
            "cannot load {url}: {result}"
        );
        self.wait_event("Page.loadEventFired", since);
    }

    /// The value of a JavaScript expression in the page.
    fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        );
        if let Some(e) = result.get("exceptionDetails") {
            panic!("{expression} threw: {e}");
        }
        result["result"]["value"].clone()
    }

    /// Clicks the middle of the element, as a user's mouse does.
    fn click(&mut self, selector: &str) {
        let at = self.eval(&format!(
            "(() => {{ const e = document.querySelector({}); e.scrollIntoView({{ block: 'center' }}); \
             const r = e.getBoundingClientRect(); const x = r.x + r.width / 2, y = r.y + r.height / 2; \
             const hit = document.elementFromPoint(x, y); \
             return [x, y, hit === e || e.contains(hit) || (hit && hit.control === e)]; }})()",
            json!(selector)
        ));
        assert_eq!(at[2], true, "{selector} is covered by another element");
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": at[0], "y": at[1], "button": "left", "clickCount": 1 }),
            );
        }
    }

    /// Console errors, uncaught exceptions and browser log errors (a refused load, a blocked
    /// script) reported by the page so far.
    fn errors(&self) -> Vec<String> {
        self.events
            .iter()
            .filter_map(|e| {
                let p = &e["params"];
                match e["method"].as_str()? {
                    "Runtime.exceptionThrown" => Some(p["exceptionDetails"].to_string()),
                    "Runtime.consoleAPICalled"
                        if matches!(p["type"].as_str(), Some("error" | "assert")) =>
                    {
                        Some(p["args"].to_string())
                    }
                    "Log.entryAdded" if p["entry"]["level"] == "error" => {
                        Some(p["entry"].to_string())
                    }
                    _ => None,
                }
            })
            .collect()
    }
}

/// What the page shows now: the live count's text, and per visible row its level, vendor and
/// component, in the order shown.
const STATE: &str = r#"(() => {
  const rows = Array.from(document.querySelectorAll("tbody.finding"));
  const visible = rows.filter((r) => !r.hidden && r.getClientRects().length > 0);
  return {
    shown: document.getElementById("shown").textContent,
    total: rows.length,
    suppressed: rows.filter((r) => r.hasAttribute("data-suppressed")).length,
    rows: visible.map((r) => ({
      level: r.dataset.level, vendor: r.dataset.vendor, component: r.dataset.component,
      rank: Number(r.dataset.rank), suppressed: r.hasAttribute("data-suppressed"),
    })),
  };
})()"#;

fn state(cdp: &mut Cdp) -> Value {
    cdp.eval(STATE)
}

fn visible(state: &Value) -> &Vec<Value> {
    state["rows"].as_array().unwrap()
}

fn assert_count(state: &Value) {
    let n = visible(state).len();
    assert_eq!(
        state["shown"],
        format!("{n} of {} findings shown", state["total"]),
        "the live count tells the rows shown"
    );
}

/// The checks the brief asks of one page: the level filter, a vendor filter, sorting.
fn check_page(cdp: &mut Cdp, page: &Path) {
    cdp.navigate(page);
    let initial = state(cdp);
    let total = initial["total"].as_u64().unwrap() as usize;
    let suppressed = initial["suppressed"].as_u64().unwrap() as usize;
    assert_eq!(visible(&initial).len(), total - suppressed);
    assert_count(&initial);
    let errors = visible(&initial)
        .iter()
        .filter(|r| r["level"] == "error")
        .count();
    assert!(errors > 0, "the page has error rows");

    // (b) Unchecking "error" hides every error row, and the count follows.
    cdp.click("#level-error");
    let no_errors = state(cdp);
    assert!(visible(&no_errors).iter().all(|r| r["level"] != "error"));
    assert_eq!(visible(&no_errors).len(), total - suppressed - errors);
    assert_count(&no_errors);
    assert_ne!(no_errors["shown"], initial["shown"]);
    cdp.click("#level-error");
    assert_eq!(state(cdp)["shown"], initial["shown"]);

    // (c) A vendor: only its rows (a Chinese name where there is one).
    let vendors = cdp.eval(
        "Array.from(document.querySelectorAll('#filter-vendor option')).slice(1).map((o) => o.value)",
    );
    let vendors: Vec<&str> = vendors
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .filter(|v| !v.is_empty())
        .collect();
    let vendor = vendors
        .iter()
        .find(|v| !v.is_ascii())
        .or(vendors.first())
        .expect("the vendor filter offers vendors")
        .to_string();
    let expected = visible(&initial)
        .iter()
        .filter(|r| r["vendor"] == vendor.as_str())
        .count();
    cdp.eval(&format!(
        "(() => {{ const s = document.getElementById('filter-vendor'); s.value = {}; \
         s.dispatchEvent(new Event('change')); }})()",
        json!(vendor)
    ));
    let by_vendor = state(cdp);
    assert!(expected > 0);
    assert_eq!(visible(&by_vendor).len(), expected, "rows of {vendor}");
    assert!(
        visible(&by_vendor)
            .iter()
            .all(|r| r["vendor"] == vendor.as_str())
    );
    assert_count(&by_vendor);
    cdp.click("#reset");
    assert_eq!(state(cdp)["shown"], initial["shown"]);

    // (d) Sorting by component, ascending then descending; by level.
    let in_order = |cdp: &mut Cdp, key: &str, sign: i32| -> bool {
        cdp.eval(&format!(
            "(() => {{ const c = new Intl.Collator('en', {{ numeric: true, sensitivity: 'base' }}); \
             const v = Array.from(document.querySelectorAll('tbody.finding')).filter((r) => !r.hidden) \
               .map((r) => r.dataset[{key}]); \
             return v.every((x, i) => i === 0 || {sign} * ({key} === 'rank' ? Number(v[i - 1]) - Number(x) : c.compare(v[i - 1], x)) <= 0); }})()",
            key = json!(key)
        ))
        .as_bool()
        .unwrap()
    };
    let header = |key: &str| format!("thead button[data-key=\"{key}\"]");
    let sort_of = |cdp: &mut Cdp, key: &str| {
        cdp.eval(&format!(
            "document.querySelector('thead button[data-key=\"{key}\"]').parentElement.getAttribute('aria-sort')"
        ))
    };
    cdp.click(&header("component"));
    assert_eq!(sort_of(cdp, "component"), "ascending");
    assert!(in_order(cdp, "component", 1));
    let ascending = state(cdp);
    cdp.click(&header("component"));
    assert_eq!(sort_of(cdp, "component"), "descending");
    assert!(in_order(cdp, "component", -1));
    let descending = state(cdp);
    assert_ne!(ascending["rows"], descending["rows"], "sorting reorders");
    cdp.click(&header("rank"));
    assert!(in_order(cdp, "rank", 1));
    assert_eq!(sort_of(cdp, "component"), Value::Null);
    cdp.click(&header("rank"));
    assert!(in_order(cdp, "rank", -1));
    assert_eq!(visible(&state(cdp))[0]["level"], "error");
    assert_count(&state(cdp));

    // Free text, and the suppressed toggle.
    cdp.eval(
        "(() => { const s = document.getElementById('search'); s.value = 'router'; \
         s.dispatchEvent(new Event('input')); })()",
    );
    let searched = state(cdp);
    assert!(!visible(&searched).is_empty() && visible(&searched).len() < total - suppressed);
    assert_count(&searched);
    cdp.click("#reset");
    cdp.click("#show-suppressed");
    let all = state(cdp);
    assert_eq!(visible(&all).len(), total);
    assert_eq!(
        visible(&all)
            .iter()
            .filter(|r| r["suppressed"] == true)
            .count(),
        suppressed
    );
    assert_count(&all);
    cdp.click("#reset");
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let clean: Vec<u8> = text.bytes().filter(|&c| c != b'=').collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= u32::from(value(c)) << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

#[test]
fn the_page_works_in_chromium() {
    let Some(chromium) = find_chromium() else {
        println!("chromium not found: the browser checks were skipped");
        return;
    };
    let dir = scratch("browser");
    let all = dir.join("all.html");
    let origin = dir.join("origin.html");
    catscan_to(ALL, "html", &all);
    catscan_to(ORIGIN, "html", &origin);

    let (mut browser, port, path) = Browser::start(&chromium, &dir);
    let mut cdp = Cdp::connect(port, &path);
    cdp.open_page();

    // (a)–(d) on the whole fixture set, then on the run with suppressed findings.
    check_page(&mut cdp, &all);
    check_page(&mut cdp, &origin);
    // (a) Nothing went wrong in the console (a blocked script or style would show here too).
    let errors = cdp.errors();
    assert!(errors.is_empty(), "console errors: {errors:#?}");

    // (e) A screenshot of the report with suppressed findings, sorted by component (Chinese
    // names first), the first row of the custom rule opened (a short message, and its path).
    cdp.navigate(&origin);
    cdp.click("thead button[data-key=\"component\"]");
    cdp.click("thead button[data-key=\"component\"]");
    let row = cdp.eval(
        "Array.from(document.querySelectorAll('tbody.finding')) \
         .findIndex((r) => !r.hidden && r.dataset.rule.startsWith('custom-')) + 1",
    );
    assert!(row.as_u64().unwrap() > 0);
    cdp.click(&format!("tbody.finding:nth-of-type({row}) summary"));
    cdp.eval("window.scrollTo(0, 0)");
    let shot = cdp.call(
        "Page.captureScreenshot",
        json!({ "format": "png", "captureBeyondViewport": false }),
    );
    let png = base64_decode(shot["data"].as_str().unwrap());
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (1280, 900));
    let errors = cdp.errors();
    assert!(errors.is_empty(), "console errors: {errors:#?}");

    // Closed politely; dropping the browser kills it if it is still there.
    cdp.session = None;
    cdp.next_id += 1;
    cdp.send_text(&json!({ "id": cdp.next_id, "method": "Browser.close" }).to_string());
    let closing = Instant::now();
    while closing.elapsed() < Duration::from_secs(10) {
        if let Ok(Some(_)) = browser.child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    drop(browser);
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-report.png");
    std::fs::write(&target, &png).unwrap();
    let docs = root().join("docs/html-report.png");
    // The screenshot in the README is redrawn only on request (CATSCAN_BLESS=1).
    if !docs.exists() || std::env::var("CATSCAN_BLESS").as_deref() == Ok("1") {
        std::fs::write(&docs, &png).unwrap();
    }
    println!("screenshot: {}", target.display());
}
