//! Results snapshots: what a SARIF log says, as text a reviewer reads line by line.
//!
//! The whole log is validated against the SARIF schemas and its rule indices are checked, but
//! only this text is stored. A snapshot starts with the command, then the run (its properties,
//! with the rule families that ran and did not, each on one line), each file read with its
//! property bag (a procurement account one line per listed component and per row of the share
//! table), the notifications, and each result:
//!
//! ```text
//! origin-cii-review note sbom-fixtures/origin-mixed-hbom.cdx.json:17:5 item=- state=- fingerprint=46d9f070c4480db5:1
//!   message: NetEngine 8000 M14 V800R022 (device, Huawei Technologies Co., Ltd.) is a router …
//!   via: Campus network refresh, lot 3 2026.2 (8:18) → NetEngine 8000 M14 V800R022 (17:5)
//! ```
//!
//! (rule, level, place, catalogue item, `new` against a baseline and/or `suppressed`, the
//! fingerprint GitHub and `--baseline` match on; the message whole, on one line; the path from
//! the product, from `codeFlows`), then, where the result has them, `related:` locations,
//! `suppressed:` entries (kind, status, place, justification) and any other member of the
//! result flattened as `name: value`. The component, its vendor and the confidence are in the
//! message; their SARIF form (the result's property bag) and each region's end are reviewed in
//! the one whole log kept (`tests/golden.rs`).
//!
//! Results are in the order of their place, then rule and fingerprint, so that evaluating the
//! rules in another order changes no snapshot.
//!
//! Runs of one BOM in several formats, on several dates or with several options repeat most of
//! their messages, and the stored snapshots must stay small. A snapshot may therefore be taken
//! against [`Reference`]s, snapshots taken before it: a result whose message a reference shows
//! (same rule, same text) names the reference and the place of its result of that rule (the
//! line and column alone when it is in the same file) instead of repeating it:
//!
//! ```text
//!   message: as in datacenter-hbom.cdx.json.2026-11-23.txt at sbom-fixtures/datacenter-hbom.cdx.json:30:5
//! ```
//!
//! and one whose message differs from that of the same rule, item and component in a reference
//! by less than half its length shows the changed words, with three words of context either
//! side, as `{reference's words → this run's words}`:
//!
//! ```text
//!   message: as in datacenter-hbom.cdx.json.2026-11-23.txt at 30:5, but: "(Cybersecurity Law art. {25): → 23):} as critical network"
//! ```
//!
//! Any other message is written out. A reference points only at messages written out in full,
//! so a reader never follows more than one step.
//!
//! The rule table (names, descriptions, help text) is not in these snapshots: it is snapshotted
//! once (`tests/golden/rule-catalogue.txt`, by `tests/rule_snapshots.rs`), so that a change to a
//! rule's text or to the order of the rules rewrites one file, not every snapshot. Each
//! result's `ruleIndex` depends on that order, so it is checked here (it must name the result's
//! rule) rather than stored.

use std::fmt::Write;

use serde_json::Value;

use super::{assert_golden, assert_valid_sarif};

/// The messages a snapshot wrote out in full, for the snapshots taken after it to refer to.
pub struct Reference {
    name: String,
    shown: Vec<Shown>,
}

/// A result whose message a snapshot wrote out.
struct Shown {
    rule: String,
    item: String,
    component: String,
    at: String,
    message: String,
}

impl Shown {
    fn of(result: &Value) -> Shown {
        Shown {
            rule: result["ruleId"].as_str().unwrap_or_default().to_string(),
            item: result["properties"]["catalogueItem"]
                .as_str()
                .unwrap_or("-")
                .to_string(),
            component: result["properties"]["component"]["name"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            at: location_of(result),
            message: result["message"]["text"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        }
    }
}

/// How a message is written: out, or as a reference's with or without changed words.
enum Written {
    Out,
    As {
        reference: String,
        at: String,
        changes: Option<String>,
    },
}

/// How `result`'s message is written against `references`: the same text if one shows it, else
/// the smallest change from a message of the same rule, item and component if the change is
/// less than half the message, else in full.
fn written(result: &Shown, references: &[Reference]) -> Written {
    let same_text = references.iter().find_map(|r| {
        r.shown
            .iter()
            .find(|s| s.rule == result.rule && s.message == result.message)
            .map(|s| (r, s))
    });
    if let Some((reference, shown)) = same_text {
        return Written::As {
            reference: reference.name.clone(),
            at: shown.at.clone(),
            changes: None,
        };
    }
    let mut best: Option<(&Reference, &Shown, String)> = None;
    for reference in references {
        for shown in reference.shown.iter().filter(|s| {
            s.rule == result.rule && s.item == result.item && s.component == result.component
        }) {
            let changes = changed_words(&shown.message, &result.message);
            if best
                .as_ref()
                .is_none_or(|(_, _, b)| changes.len() < b.len())
            {
                best = Some((reference, shown, changes));
            }
        }
    }
    match best {
        Some((reference, shown, changes)) if changes.len() * 2 < result.message.len() => {
            Written::As {
                reference: reference.name.clone(),
                at: shown.at.clone(),
                changes: Some(changes),
            }
        }
        _ => Written::Out,
    }
}

/// Words with the space after them: the units a message is compared in.
fn words(text: &str) -> Vec<&str> {
    text.split_inclusive(' ').collect()
}

/// The places where `new` differs from `old`, word by word: each as `"context {old → new}
/// context"` with three words of context either side, joined by `; `.
pub fn changed_words(old: &str, new: &str) -> String {
    const CONTEXT: usize = 3;
    let (a, b) = (words(old), words(new));
    // A word is the same with or without the space after it (the last word has none).
    let same = |x: &str, y: &str| x.trim_end() == y.trim_end();
    // Longest common subsequence of words, by dynamic programming from the end.
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if same(a[i], b[j]) {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    // The runs of change: (start in a, end in a, start in b, end in b).
    let mut changes: Vec<(usize, usize, usize, usize)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && same(a[i], b[j]) {
            i += 1;
            j += 1;
            continue;
        }
        let (si, sj) = (i, j);
        while (i < a.len() || j < b.len()) && !(i < a.len() && j < b.len() && same(a[i], b[j])) {
            if j == b.len() || (i < a.len() && lcs[i + 1][j] >= lcs[i][j + 1]) {
                i += 1;
            } else {
                j += 1;
            }
        }
        changes.push((si, i, sj, j));
    }
    let mut hunks: Vec<String> = Vec::new();
    let mut k = 0;
    while k < changes.len() {
        // Changes whose contexts touch are one hunk.
        let start = k;
        while k + 1 < changes.len() && changes[k + 1].2 - changes[k].3 <= 2 * CONTEXT {
            k += 1;
        }
        let (first, last) = (changes[start], changes[k]);
        let mut hunk = b[first.2.saturating_sub(CONTEXT)..first.2].concat();
        for (n, &(ai, aj, bi, bj)) in changes[start..=k].iter().enumerate() {
            if n > 0 {
                hunk.push_str(&b[changes[start + n - 1].3..bi].concat());
            }
            let (gone, came) = (a[ai..aj].concat(), b[bi..bj].concat());
            hunk.push_str(&format!("{{{} → {}}}", gone.trim_end(), came.trim_end()));
            // The space the change took with it stays outside the braces.
            if gone.ends_with(' ') || came.ends_with(' ') {
                hunk.push(' ');
            }
        }
        hunk.push_str(&b[last.3..(last.3 + CONTEXT).min(b.len())].concat());
        hunks.push(format!("\"{}\"", hunk.trim_end()));
        k += 1;
    }
    hunks.join("; ")
}

/// Validates a SARIF log from `catscan` (schemas, rule indices) and compares the snapshot of its
/// run and all its results, written against `references`, with `tests/golden/NAME` (rewritten
/// with `CATSCAN_BLESS=1`). Returns the messages it wrote out, for later snapshots to refer to.
pub fn assert_results_snapshot(
    name: &str,
    command: &str,
    sarif: &str,
    references: &[Reference],
) -> Reference {
    let log = checked_log(name, sarif);
    let (text, shown) = results_snapshot(command, &log, references);
    assert_golden(name, &text);
    Reference {
        name: name.to_string(),
        shown,
    }
}

/// The messages the snapshot `tests/golden/NAME` of `sarif`, taken against `references`, writes
/// out, without comparing it: for a test that refers to a snapshot another test compares.
pub fn reference_of(name: &str, sarif: &str, references: &[Reference]) -> Reference {
    let log = checked_log(name, sarif);
    let (_, shown) = results_snapshot("", &log, references);
    Reference {
        name: name.to_string(),
        shown,
    }
}

/// Like [`assert_results_snapshot`], for the results of one rule only, without the run.
pub fn assert_rule_results_snapshot(name: &str, command: &str, sarif: &str, rule: &str) -> usize {
    let log = checked_log(name, sarif);
    let results: Vec<&Value> = results(&log)
        .into_iter()
        .filter(|r| r["ruleId"] == rule)
        .collect();
    let mut out = format!("$ {command}\n\n== results of {rule} ({})\n", results.len());
    for result in &results {
        out.push('\n');
        render_result(result, &Written::Out, &mut out);
    }
    assert_golden(name, &out);
    results.len()
}

/// The log parsed, after checking it against the SARIF schemas and checking that every
/// `ruleIndex` points at the rule its result names.
pub fn checked_log(name: &str, sarif: &str) -> Value {
    assert_valid_sarif(name, sarif);
    let log: Value = serde_json::from_str(sarif).expect("valid SARIF is JSON");
    for run in log["runs"].as_array().expect("runs") {
        let rules = run["tool"]["driver"]["rules"].as_array();
        for result in run["results"].as_array().into_iter().flatten() {
            if let Some(index) = result.get("ruleIndex") {
                let index = index.as_u64().expect("ruleIndex is a number") as usize;
                let named = rules.and_then(|r| r.get(index)).map(|rule| &rule["id"]);
                assert_eq!(
                    named,
                    Some(&result["ruleId"]),
                    "{name}: ruleIndex {index} does not name the result's rule {}",
                    result["ruleId"]
                );
            }
        }
    }
    log
}

/// The run's results in the order of their place (file, line, column), then rule and
/// fingerprint: the snapshot does not change when the rules are evaluated in another order.
fn results(log: &Value) -> Vec<&Value> {
    let mut results: Vec<&Value> = log["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .collect();
    results.sort_by_key(|r| {
        let at = &r["locations"][0]["physicalLocation"];
        (
            at["artifactLocation"]["uri"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            at["region"]["startLine"].as_u64(),
            at["region"]["startColumn"].as_u64(),
            r["ruleId"].as_str().unwrap_or_default().to_string(),
            r["partialFingerprints"]["primaryLocationLineHash"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        )
    });
    results
}

/// The text of a whole run (command, run properties, files, notifications, results), and the
/// results whose messages it wrote out.
fn results_snapshot(command: &str, log: &Value, references: &[Reference]) -> (String, Vec<Shown>) {
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1, "catscan writes one run");
    let run = &runs[0];
    let mut out = format!("$ {command}\n\n== run\n");
    for invocation in run["invocations"].as_array().into_iter().flatten() {
        let successful = invocation["executionSuccessful"] == true;
        writeln!(
            out,
            "invocation: {}",
            if successful { "successful" } else { "failed" }
        )
        .unwrap();
    }
    if let Some(properties) = run["properties"].as_object() {
        for (key, value) in properties {
            if key == "ruleFamilies" {
                rule_families(value, &mut out);
            } else {
                flatten(key, value, 0, &mut out);
            }
        }
    }
    for artifact in run["artifacts"].as_array().into_iter().flatten() {
        writeln!(
            out,
            "\n== file {} ({})",
            artifact["location"]["uri"].as_str().unwrap_or("?"),
            artifact["mimeType"].as_str().unwrap_or("no MIME type")
        )
        .unwrap();
        if let Some(properties) = artifact["properties"].as_object() {
            for (key, value) in properties {
                if key == "procurement" {
                    procurement_account(value, &mut out);
                } else {
                    flatten(key, value, 0, &mut out);
                }
            }
        }
    }
    let notifications: Vec<&Value> = run["invocations"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|i| {
            i["toolExecutionNotifications"]
                .as_array()
                .into_iter()
                .flatten()
        })
        .collect();
    if !notifications.is_empty() {
        out.push_str("\n== notifications\n");
        for n in notifications {
            let id = n["descriptor"]["id"]
                .as_str()
                .map(|id| format!(" [{id}]"))
                .unwrap_or_default();
            let at = n["locations"][0]["physicalLocation"]
                .as_object()
                .map(|_| format!(" {}", place(&n["locations"][0]["physicalLocation"])))
                .unwrap_or_default();
            writeln!(
                out,
                "{}{id}{at}: {}",
                n["level"].as_str().unwrap_or("warning"),
                n["message"]["text"].as_str().unwrap_or_default()
            )
            .unwrap();
        }
    }
    let results = results(log);
    writeln!(out, "\n== results ({})", results.len()).unwrap();
    let mut shown = Vec::new();
    for result in results {
        out.push('\n');
        let this = Shown::of(result);
        let written = written(&this, references);
        if let Written::Out = written {
            shown.push(this);
        }
        render_result(result, &written, &mut out);
    }
    (out, shown)
}

/// The members of a result's property bag the snapshot leaves out: the item is on the result's
/// first line, and the message names the component, its vendor and the confidence.
const IN_THE_MESSAGE: &[&str] = &[
    "catalogueItem",
    "component",
    "vendor",
    "vendorWritten",
    "confidence",
];

/// The members of a result this module renders in its own form; any other is flattened.
const RENDERED: &[&str] = &[
    "ruleId",
    "ruleIndex",
    "level",
    "message",
    "locations",
    "partialFingerprints",
    "baselineState",
    "suppressions",
    "properties",
    "codeFlows",
    "relatedLocations",
];

fn render_result(r: &Value, message: &Written, out: &mut String) {
    let here = location_of(r);
    // A place in the file this result is in is shown as its line and column.
    let short = |at: &str| -> String {
        let file = |place: &str| place.rsplitn(3, ':').nth(2).unwrap_or(place).to_string();
        if file(at) == file(&here) {
            at[file(at).len() + 1..].to_string()
        } else {
            at.to_string()
        }
    };
    let primary_uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str();
    let mut state = Vec::new();
    if let Some(baseline) = r["baselineState"].as_str() {
        state.push(baseline.to_string());
    }
    if r["suppressions"].as_array().is_some_and(|s| !s.is_empty()) {
        state.push("suppressed".to_string());
    }
    writeln!(
        out,
        "{} {} {} item={} state={} fingerprint={}",
        r["ruleId"].as_str().unwrap_or("?"),
        r["level"].as_str().unwrap_or("-"),
        here,
        r["properties"]["catalogueItem"].as_str().unwrap_or("-"),
        if state.is_empty() {
            "-".to_string()
        } else {
            state.join(",")
        },
        r["partialFingerprints"]["primaryLocationLineHash"]
            .as_str()
            .unwrap_or("-"),
    )
    .unwrap();
    match message {
        Written::Out => writeln!(
            out,
            "  message: {}",
            r["message"]["text"].as_str().unwrap_or_default()
        ),
        Written::As {
            reference,
            at,
            changes: None,
        } => writeln!(out, "  message: as in {reference} at {}", short(at)),
        Written::As {
            reference,
            at,
            changes: Some(changes),
        } => writeln!(
            out,
            "  message: as in {reference} at {}, but: {changes}",
            short(at)
        ),
    }
    .unwrap();
    if let Some(properties) = r["properties"].as_object() {
        for (key, value) in properties {
            if !IN_THE_MESSAGE.contains(&key.as_str()) {
                flatten(key, value, 1, out);
            }
        }
    }
    for more in r["locations"].as_array().into_iter().flatten().skip(1) {
        writeln!(out, "  also at: {}", place(&more["physicalLocation"])).unwrap();
    }
    if let Some(fingerprints) = r["partialFingerprints"].as_object() {
        for (key, value) in fingerprints {
            if key != "primaryLocationLineHash" {
                flatten(&format!("fingerprint {key}"), value, 1, out);
            }
        }
    }
    for flow in r["codeFlows"].as_array().into_iter().flatten() {
        for thread in flow["threadFlows"].as_array().into_iter().flatten() {
            let steps: Vec<String> = thread["locations"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|step| {
                    let location = &step["location"];
                    let at = &location["physicalLocation"];
                    let shown = if at["artifactLocation"]["uri"].as_str() == primary_uri {
                        line_column(&at["region"])
                    } else {
                        place(at)
                    };
                    format!(
                        "{} ({shown})",
                        location["message"]["text"].as_str().unwrap_or_default()
                    )
                })
                .collect();
            writeln!(out, "  via: {}", steps.join(" → ")).unwrap();
        }
    }
    for related in r["relatedLocations"].as_array().into_iter().flatten() {
        writeln!(
            out,
            "  related: {} at {}",
            related["message"]["text"].as_str().unwrap_or_default(),
            place(&related["physicalLocation"])
        )
        .unwrap();
    }
    for s in r["suppressions"].as_array().into_iter().flatten() {
        let at = s["location"]["physicalLocation"]
            .as_object()
            .map(|_| format!(" at {}", place(&s["location"]["physicalLocation"])))
            .unwrap_or_default();
        writeln!(
            out,
            "  suppressed: {}, {}{at}: {}",
            s["kind"].as_str().unwrap_or("?"),
            s["status"].as_str().unwrap_or("no status"),
            s["justification"].as_str().unwrap_or("no justification")
        )
        .unwrap();
    }
    if let Some(members) = r.as_object() {
        for (key, value) in members {
            if !RENDERED.contains(&key.as_str()) {
                flatten(key, value, 1, out);
            }
        }
    }
}

/// `uri:line:column` of a result's first location, or `-`.
fn location_of(result: &Value) -> String {
    let primary = &result["locations"][0]["physicalLocation"];
    if primary.is_object() {
        place(primary)
    } else {
        "-".to_string()
    }
}

/// The run's rule families on two lines, those that ran and those that did not, each with why.
fn rule_families(families: &Value, out: &mut String) {
    for (ran, title) in [
        (true, "rule families run"),
        (false, "rule families not run"),
    ] {
        let listed: Vec<String> = families
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| f["ran"] == ran)
            .map(|f| {
                let name = f["name"].as_str().unwrap_or("?");
                format!("{name} ({})", f["why"].as_str().unwrap_or("?"))
            })
            .collect();
        writeln!(out, "{title}: {}", listed.join(", ")).unwrap();
    }
}

/// A file's procurement account, one line per listed component and per row of the share table;
/// members not written so are flattened.
fn procurement_account(account: &Value, out: &mut String) {
    let component = |c: &Value| {
        format!(
            "{} ({})",
            c["component"]["name"].as_str().unwrap_or("?"),
            match c["region"]["start"]["line"].as_u64() {
                Some(line) => format!("line {line}"),
                None => "no line".to_string(),
            }
        )
    };
    for listed in account["listed"].as_array().into_iter().flatten() {
        writeln!(
            out,
            "procurement listed: {} {} on {}: {} (status {}, valid until {})",
            component(listed),
            listed["class"].as_str().unwrap_or("?"),
            listed["list"].as_str().unwrap_or("?"),
            listed["entry"].as_str().unwrap_or("?"),
            listed["status"].as_str().unwrap_or("?"),
            scalar(&listed["validUntil"]),
        )
        .unwrap();
    }
    let share = &account["share"];
    if share.is_object() {
        for basis in ["byCount", "bySpend"] {
            let by = &share[basis];
            if by.is_object() {
                writeln!(
                    out,
                    "procurement share {basis}: domestic {}, foreign {}, unknown {} of {} (minimum {}{})",
                    scalar(&by["domestic"]),
                    scalar(&by["foreign"]),
                    scalar(&by["unknown"]),
                    scalar(&by["total"]),
                    scalar(&share["minimum"]),
                    share["currency"]
                        .as_str()
                        .map(|c| format!(", in {c}"))
                        .unwrap_or_default(),
                )
                .unwrap();
            }
        }
        for row in share["rows"].as_array().into_iter().flatten() {
            let priced = match (row["quantity"].as_f64(), row["unitPrice"].as_f64()) {
                (Some(q), Some(p)) => format!(
                    ", {q} × {p} {}",
                    row["currency"].as_str().unwrap_or_default()
                ),
                _ => String::new(),
            };
            writeln!(
                out,
                "procurement share row: {} {}: {} ({}){priced}",
                component(row),
                row["what"].as_str().unwrap_or("?"),
                row["control"].as_str().unwrap_or("?"),
                row["basis"].as_str().unwrap_or("?"),
            )
            .unwrap();
        }
    }
    if let Some(members) = account.as_object() {
        for (key, value) in members {
            if key != "listed" && key != "share" {
                flatten(&format!("procurement.{key}"), value, 0, out);
            }
        }
    }
}

/// `uri:line:column` of a physical location (as much of it as the location has).
fn place(physical: &Value) -> String {
    let uri = physical["artifactLocation"]["uri"].as_str().unwrap_or("?");
    let region = &physical["region"];
    if region.is_object() {
        format!("{uri}:{}", line_column(region))
    } else {
        uri.to_string()
    }
}

fn line_column(region: &Value) -> String {
    match (region["startLine"].as_u64(), region["startColumn"].as_u64()) {
        (Some(line), Some(column)) => format!("{line}:{column}"),
        (Some(line), None) => line.to_string(),
        _ => "?".to_string(),
    }
}

/// Writes `value` as `key: value` lines at `depth` (two spaces each): an object or array of
/// scalars on one line (`a=1; b=x`), other objects and arrays one member a line with the path
/// (`listed[0].component: …`), and a string of several lines as a block of `| ` lines.
pub fn flatten(key: &str, value: &Value, depth: usize, out: &mut String) {
    if key.is_empty() && !value.is_object() {
        // No property bag: nothing to write.
        return;
    }
    let indent = "  ".repeat(depth);
    let path = |member: &str| {
        if key.is_empty() {
            member.to_string()
        } else {
            format!("{key}.{member}")
        }
    };
    match value {
        Value::Object(members) if members.values().all(is_scalar) && !key.is_empty() => {
            let pairs: Vec<String> = members
                .iter()
                .map(|(k, v)| format!("{k}={}", scalar(v)))
                .collect();
            writeln!(out, "{indent}{key}: {}", pairs.join("; ")).unwrap();
        }
        Value::Object(members) => {
            for (k, v) in members {
                flatten(&path(k), v, depth, out);
            }
        }
        Value::Array(items) if items.iter().all(is_scalar) => {
            let items: Vec<String> = items.iter().map(scalar).collect();
            writeln!(out, "{indent}{key}: [{}]", items.join(", ")).unwrap();
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(&format!("{key}[{i}]"), item, depth, out);
            }
        }
        Value::String(text) if text.contains('\n') => {
            writeln!(out, "{indent}{key}:").unwrap();
            for line in text.lines() {
                writeln!(out, "{indent}  | {line}").unwrap();
            }
        }
        scalar_value => writeln!(out, "{indent}{key}: {}", scalar(scalar_value)).unwrap(),
    }
}

fn is_scalar(value: &Value) -> bool {
    match value {
        Value::String(s) => !s.contains('\n'),
        Value::Object(_) | Value::Array(_) => false,
        _ => true,
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
