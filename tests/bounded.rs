//! Reports stay bounded on inputs of shapes that once made them grow without bound (issue 15):
//! long dependency chains, a finding on every step of one, one-line BOMs and huge names. The
//! inputs are generated here; the assertions are on sizes and ratios, never on times.

mod common;

use std::path::PathBuf;

use common::catscan;
use serde_json::{Value, json};

fn tempdir(name: &str) -> PathBuf {
    common::scratch(name)
}

/// A CycloneDX BOM whose subject `app` depends on `c0`, which depends on `c1`, and so on to
/// `c{n-1}`. Components for which `listed(i)` is true are Huawei routers (a finding under
/// `--market us`); the others are libraries.
fn chain(n: usize, listed: impl Fn(usize) -> bool, pretty: bool) -> String {
    let mut components = Vec::new();
    let mut dependencies = vec![json!({ "ref": "app", "dependsOn": ["c0"] })];
    for i in 0..n {
        let component = if listed(i) {
            json!({
                "type": "device", "bom-ref": format!("c{i}"), "name": format!("NetEngine {i}"),
                "version": "1", "manufacturer": { "name": "Huawei Technologies Co., Ltd." },
                "properties": [{ "name": "catscan:category", "value": "router" }],
            })
        } else {
            json!({ "type": "library", "bom-ref": format!("c{i}"), "name": format!("part-{i}"), "version": "1" })
        };
        components.push(component);
        let next: Vec<String> = if i + 1 < n {
            vec![format!("c{}", i + 1)]
        } else {
            vec![]
        };
        dependencies.push(json!({ "ref": format!("c{i}"), "dependsOn": next }));
    }
    let bom = json!({
        "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
        "metadata": { "component": { "type": "application", "bom-ref": "app", "name": "app" } },
        "components": components,
        "dependencies": dependencies,
    });
    if pretty {
        serde_json::to_string_pretty(&bom).unwrap()
    } else {
        bom.to_string()
    }
}

fn scan(dir: &std::path::Path, file: &str, text: &str, format: &str) -> String {
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    let run = catscan(&[
        "scan",
        "--market",
        "us",
        "--format",
        format,
        "--quiet",
        path.to_str().unwrap(),
    ]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    run.stdout
}

#[test]
fn a_finding_at_the_end_of_a_long_chain_shows_the_ends_of_its_path() {
    let dir = tempdir("chain");
    let sarif = scan(
        &dir,
        "chain.cdx.json",
        &chain(2_000, |i| i == 1_999, true),
        "sarif",
    );
    assert!(sarif.len() < 200_000, "SARIF of {} bytes", sarif.len());
    let log: Value = serde_json::from_str(&sarif).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let message = results[0]["message"]["text"].as_str().unwrap();
    // app, c0 … c1999: 2,001 steps, of which the message shows two at each end.
    assert!(
        message.ends_with(
            " Introduced via app → part-0 1 → … (1997 more) → part-1998 1 → NetEngine 1999 1."
        ),
        "{message}"
    );
    let flow = &results[0]["codeFlows"][0];
    assert_eq!(
        flow["message"]["text"],
        "Introduced via app → part-0 1 → … (1997 more) → part-1998 1 → NetEngine 1999 1 (2001 steps; the flow shows the first 10 and the last 10, and leaves out the 1981 between)"
    );
    let steps: Vec<&str> = flow["threadFlows"][0]["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["location"]["message"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(steps.len(), 20);
    assert_eq!(steps[..2], ["app", "part-0 1"]);
    assert_eq!(steps[9], "part-8 1");
    assert_eq!(steps[10], "part-1990 1");
    assert_eq!(steps[19], "NetEngine 1999 1");
    // The JSON report keeps the same steps and says how many it leaves out.
    let report: Value = serde_json::from_str(&scan(
        &dir,
        "chain.cdx.json",
        &chain(2_000, |i| i == 1_999, true),
        "json",
    ))
    .unwrap();
    let finding = &report["files"][0]["findings"][0];
    assert_eq!(finding["path"].as_array().unwrap().len(), 20);
    assert_eq!(finding["pathOmitted"], 1981);
    assert_eq!(finding["path"][10]["name"], "part-1990 1");
    // The HTML report shows the same steps, with the gap between them counted.
    let html = scan(
        &dir,
        "chain.cdx.json",
        &chain(2_000, |i| i == 1_999, true),
        "html",
    );
    assert_eq!(html.matches("<span class=\"step\">").count(), 20);
    assert!(
        html.contains("<span class=\"step\">part-8 1</span> <span class=\"muted\">(line 52)</span> <span class=\"arrow\">→</span> <span class=\"muted\">… (1981 more)</span> <span class=\"arrow\">→</span> <span class=\"step\">part-1990 1</span>"),
        "{}",
        &html[html.find("class=\"path\"").unwrap_or(0)..][..2_000]
    );
}

#[test]
fn a_finding_on_every_step_of_a_chain_grows_the_report_linearly() {
    let dir = tempdir("every");
    let sizes: Vec<(usize, usize)> = [250, 1_000]
        .into_iter()
        .map(|n| {
            let sarif = scan(
                &dir,
                &format!("every-{n}.cdx.json"),
                &chain(n, |_| true, true),
                "sarif",
            );
            let log: Value = serde_json::from_str(&sarif).unwrap();
            assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), n);
            (n, sarif.len())
        })
        .collect();
    let ratio = sizes[1].1 as f64 / sizes[0].1 as f64;
    // Four times the findings: about four times the bytes (sixteen when every finding carried
    // its whole path).
    assert!(
        (3.5..4.5).contains(&ratio),
        "SARIF of {sizes:?}: ratio {ratio:.2}"
    );
    assert!(sizes[1].1 / 1_000 < 24_000, "{sizes:?}");
}

#[test]
fn the_terminal_shows_a_window_of_a_one_line_bom() {
    let dir = tempdir("oneline");
    let n = 300;
    let out = scan(
        &dir,
        "oneline.cdx.json",
        &chain(n, |_| true, false),
        "terminal",
    );
    assert_eq!(out.matches("error[origin-us-fcc-covered]").count(), n);
    // The one line is more than 60 KB; each snippet shows at most 120 bytes of it with the
    // marks of the cuts (3 bytes each).
    let snippet_lines: Vec<&str> = out.lines().filter(|l| l.starts_with("1 │ ")).collect();
    assert_eq!(snippet_lines.len(), n);
    for line in &snippet_lines {
        assert!(line.len() <= "1 │ ".len() + 120 + 6, "{line}");
    }
    assert!(
        snippet_lines[149].contains("\"bom-ref\":\"c149\""),
        "{}",
        snippet_lines[149]
    );
    // The location is the file's own line and column.
    assert!(out.contains("oneline.cdx.json:1:"), "{}", &out[..2_000]);
    assert!(out.len() / n < 2_500, "{} bytes per finding", out.len() / n);
}

#[test]
fn a_huge_name_is_quoted_by_its_start() {
    let dir = tempdir("huge");
    let name = "R".repeat(1_000_000);
    let bom = json!({
        "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
        "components": [{
            "type": "device", "bom-ref": "c0", "name": name,
            "manufacturer": { "name": "Huawei Technologies Co., Ltd." },
            "properties": [{ "name": "catscan:category", "value": "router" }],
        }],
    });
    for format in ["sarif", "json", "terminal", "markdown"] {
        let out = scan(&dir, "huge.cdx.json", &bom.to_string(), format);
        // The SARIF rule table alone (every rule's help with its legal basis) is about 100 KB; the
        // 1 MB name must not be in the output whole.
        assert!(out.len() < 200_000, "{format}: {} bytes", out.len());
        assert!(
            out.contains(&format!("{}… (999800 more characters)", "R".repeat(200))),
            "{format}"
        );
    }
}
