//! Results snapshots for the bundled fixtures, on dates that select each catalogue edition and
//! each numbering of the law, and for the origin rule packs by policy and date; one whole SARIF
//! log, of the smallest fixture, for the envelope. Every log is validated against the SARIF
//! schemas before its snapshot is taken; see `tests/common/snapshot.rs` for the snapshot's form
//! and docs/adr/0020-results-snapshots.md for what is stored where.
//!
//! To review a change: run `CATSCAN_BLESS=1 cargo test --test golden` (only the value `1`
//! rewrites), then read `git diff tests/golden`.

mod common;

use common::snapshot::{
    Reference, assert_results_snapshot, changed_words, checked_log, reference_of,
};
use common::{assert_golden, catscan, catscan_in, command_line};
use serde_json::Value;

/// (as-of date, what it selects)
const DATES: &[(&str, &str)] = &[
    ("2026-11-23", "2023 edition, Cybersecurity Law art. 25"),
    ("2025-06-30", "2023 edition, Cybersecurity Law art. 23"),
    (
        "2023-07-01",
        "2017 edition still in force; CCC certificates no longer count",
    ),
    ("2022-06-30", "2017 edition, Cybersecurity Law art. 23"),
    (
        "2016-12-31",
        "before the first edition: nothing is in scope",
    ),
];

/// Every run also reads the bundled list of certified products, so that the evidence fixture
/// shows list rows counted, and the other fixtures show that the list adds nothing to them.
const CERTIFIED: &str = "policy/certified-products.csv";

fn fixture_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(common::fixtures())
        .expect("sbom-fixtures exists")
        .map(|e| {
            e.expect("readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// The data-centre HBOM in each format: each snapshot may refer to the messages of those
/// before it (see `tests/common/snapshot.rs`), so that the CycloneDX one is written out and the
/// others show what the format changes.
const DATACENTER: &[&str] = &[
    "datacenter-hbom.cdx.json",
    "datacenter-hbom.spdx",
    "datacenter-hbom.spdx.json",
    "datacenter-hbom.spdx3.json",
    "datacenter-parts.csv",
    "datacenter-parts.xlsx",
];

/// One snapshot per fixture and date. A fixture's snapshots refer to the messages of its
/// earlier dates (the first date, today, is written out), and the data-centre HBOM's also to the
/// formats before it.
#[test]
fn fixtures_match_their_results_snapshot_on_each_date() {
    let files = fixture_files();
    assert!(files.len() >= 4, "fixtures: {files:?}");
    assert_eq!(DATES[0].0, "2026-11-23", "today's snapshots come first");
    let (datacenter, others): (Vec<&String>, Vec<&String>) =
        files.iter().partition(|f| DATACENTER.contains(&f.as_str()));
    assert_eq!(
        datacenter.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
        DATACENTER,
        "the data-centre HBOM is a fixture in each format, in this order"
    );
    let mut datacenter_references = Vec::new();
    for file in datacenter {
        datacenter_references = snapshot_each_date(file, datacenter_references);
    }
    for file in others {
        snapshot_each_date(file, Vec::new());
    }
}

/// The snapshots of a fixture on each date, taken against `references` and the fixture's
/// earlier dates; returns the references with this fixture's added.
fn snapshot_each_date(file: &str, mut references: Vec<Reference>) -> Vec<Reference> {
    for (date, _) in DATES {
        let path = format!("sbom-fixtures/{file}");
        let args = [
            "scan",
            "--format",
            "sarif",
            &path,
            "--as-of",
            date,
            "--certified",
            CERTIFIED,
            "--fail-on",
            "none",
            "--quiet",
            "--no-config",
        ];
        let run = catscan(&args);
        assert_eq!(run.status, 0, "{file} as of {date}: {}", run.stderr);
        let shown = assert_results_snapshot(
            &format!("{file}.{date}.txt"),
            &command_line("catscan", &args),
            &run.stdout,
            &references,
        );
        references.push(shown);
    }
    references
}

#[test]
fn the_whole_folder_gives_one_run_with_each_file_in_name_order() {
    let run = catscan(&[
        "scan",
        "--format",
        "sarif",
        "sbom-fixtures",
        "--as-of",
        "2026-11-23",
        "--certified",
        CERTIFIED,
        "--fail-on",
        "none",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let sarif = checked_log("folder", &run.stdout);
    // One run whatever the number of files: GitHub takes at most 20 runs per upload and refuses
    // two runs of one tool and category.
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0]["automationDetails"]["id"], "catscan/");
    let uris: Vec<&str> = runs[0]["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["location"]["uri"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = fixture_files()
        .iter()
        .map(|f| format!("sbom-fixtures/{f}"))
        .collect();
    assert_eq!(uris, expected);
    // Each result is located in its own file: the artifact its index names has its URI.
    let results = runs[0]["results"].as_array().unwrap();
    let mut files_with_results = std::collections::BTreeSet::new();
    for r in results {
        let at = &r["locations"][0]["physicalLocation"]["artifactLocation"];
        let index = at["index"].as_u64().unwrap() as usize;
        assert_eq!(at["uri"].as_str().unwrap(), uris[index], "{r}");
        files_with_results.insert(index);
    }
    assert!(files_with_results.len() > 5, "{files_with_results:?}");
    // The same results as the files scanned one by one.
    let mut one_by_one = 0;
    for f in fixture_files() {
        let path = format!("sbom-fixtures/{f}");
        let single = catscan(&[
            "scan",
            "--format",
            "sarif",
            &path,
            "--as-of",
            "2026-11-23",
            "--certified",
            CERTIFIED,
            "--fail-on",
            "none",
            "-q",
        ]);
        let log: serde_json::Value = serde_json::from_str(&single.stdout).unwrap();
        one_by_one += log["runs"][0]["results"].as_array().unwrap().len();
    }
    assert_eq!(results.len(), one_by_one);
}

const ORIGIN_FIXTURE: &str = "sbom-fixtures/origin-mixed-hbom.cdx.json";
const POLICY: &str = "tests/fixtures/policy/catscan.toml";
const EVERY_PACK: &[&str] = &[
    "--no-config",
    "--market",
    "cn",
    "--market",
    "us",
    "--cii",
    "--mlps-grade",
    "3",
    "--us-federal",
];

/// (snapshot name, arguments after the fixture): each origin rule pack in and out of force by
/// date and by policy, and the policy file's exceptions and custom rule.
fn origin_cases() -> Vec<(&'static str, Vec<&'static str>)> {
    let with = with_date;
    vec![
        // Every pack today: the case the others' snapshots refer to.
        ("every-pack.2026-11-23", with("2026-11-23", EVERY_PACK)),
        // China only (the default): no origin pack applies without --cii or --mlps-grade.
        ("default", with("2026-11-23", &["--no-config"])),
        // Before the FCC list (2021-03-12) but after NDAA §889 Part A (2019-08-13).
        (
            "us-federal.2021-01-01",
            with("2021-01-01", &["--no-config", "--us-federal"]),
        ),
        // The day before the Micron conclusion, and before the Kaspersky determination.
        ("every-pack.2023-05-20", with("2023-05-20", EVERY_PACK)),
        // The policy file: one exception in force, one expired, one unused; a custom rule.
        (
            "policy.2026-11-23",
            with("2026-11-23", &["--config", POLICY]),
        ),
        // On its last day the router's exception still holds.
        (
            "policy.2025-01-31",
            with("2025-01-31", &["--config", POLICY]),
        ),
        (
            "policy-with-suppressed.2026-11-23",
            with("2026-11-23", &["--config", POLICY, "--include-suppressed"]),
        ),
    ]
}

/// The arguments of one origin case, after `scan --format sarif FIXTURE --fail-on none --quiet`.
fn origin_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "scan",
        "--format",
        "sarif",
        ORIGIN_FIXTURE,
        "--fail-on",
        "none",
        "--quiet",
    ];
    args.extend(extra);
    args
}

/// Each case's snapshot refers to the messages of the cases before it; the first, every pack
/// today, is written out.
#[test]
fn origin_rules_follow_the_policy_and_the_date() {
    let mut references = Vec::new();
    for (name, extra) in origin_cases() {
        let args = origin_args(&extra);
        let run = catscan(&args);
        assert_eq!(run.status, 0, "{name}: {}", run.stderr);
        let shown = assert_results_snapshot(
            &format!("origin/{name}.txt"),
            &command_line("catscan", &args),
            &run.stdout,
            &references,
        );
        references.push(shown);
    }
}

/// Only what is new since an earlier run: the log of the run of 2023-05-20 is the baseline of
/// the run of 2026-11-23, and only the results it does not hold are reported, as `new`.
#[test]
fn a_baseline_leaves_only_what_is_new_since_the_earlier_run() {
    let dir = tempdir("baseline");
    let earlier = catscan(&origin_args(&with_date("2023-05-20", EVERY_PACK)));
    assert_eq!(earlier.status, 0, "{}", earlier.stderr);
    let baseline = dir.join("every-pack.2023-05-20.sarif");
    std::fs::write(&baseline, &earlier.stdout).unwrap();
    let mut extra = with_date("2026-11-23", EVERY_PACK);
    extra.extend(["--baseline", baseline.to_str().unwrap()]);
    let args = origin_args(&extra);
    let run = catscan(&args);
    assert_eq!(run.status, 0, "{}", run.stderr);
    // The snapshot names the baseline by what it is, not by its temporary path.
    let shown = command_line("catscan", &args).replace(
        baseline.to_str().unwrap(),
        "<the log of the same scan as of 2023-05-20>",
    );
    // Its messages are those of every pack today, whose snapshot (the first origin case, taken
    // against nothing) writes them out.
    let full = catscan(&origin_args(&with_date("2026-11-23", EVERY_PACK)));
    let all = checked_log("every pack", &full.stdout);
    let today = reference_of("origin/every-pack.2026-11-23.txt", &full.stdout, &[]);
    assert_results_snapshot(
        "origin/every-pack-since-2023-05-20.2026-11-23.txt",
        &shown,
        &run.stdout,
        &[today],
    );
    let log: Value = serde_json::from_str(&run.stdout).unwrap();
    let states: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["baselineState"].as_str().unwrap_or("none"))
        .collect();
    assert!(!states.is_empty());
    assert!(states.iter().all(|s| *s == "new"), "{states:?}");
    assert!(
        states.len() < all["runs"][0]["results"].as_array().unwrap().len(),
        "the baseline removed the results already reported on 2023-05-20"
    );
}

fn with_date<'a>(date: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = extra.to_vec();
    args.extend(["--as-of", date]);
    args
}

/// The fingerprint is computed from the component, not from where it is written: the same BOM
/// written on one line gives its results the same fingerprints (so that GitHub keeps its alerts
/// and `--baseline` its matches), though every line number changes.
#[test]
fn fingerprints_do_not_change_when_the_bom_is_reformatted() {
    let dir = tempdir("reformatted");
    let text = std::fs::read_to_string(common::root().join(ORIGIN_FIXTURE)).unwrap();
    let bom: Value = serde_json::from_str(&text).unwrap();
    std::fs::create_dir_all(dir.join("sbom-fixtures")).unwrap();
    std::fs::write(
        dir.join(ORIGIN_FIXTURE),
        serde_json::to_string(&bom).unwrap(),
    )
    .unwrap();
    let args = origin_args(&with_date("2026-11-23", EVERY_PACK));
    let fingerprints = |log: &str| -> Vec<(String, String, u64)> {
        let log: Value = serde_json::from_str(log).unwrap();
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap().to_string(),
                    r["partialFingerprints"]["primaryLocationLineHash"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                )
            })
            .collect()
    };
    let original = fingerprints(&catscan(&args).stdout);
    let reformatted = fingerprints(&catscan_in(&dir, &args).stdout);
    assert!(original.len() > 10, "{original:?}");
    let without_lines = |v: &[(String, String, u64)]| {
        v.iter()
            .map(|(r, f, _)| (r.clone(), f.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(without_lines(&original), without_lines(&reformatted));
    // The reformatted BOM is one line: every result moved there.
    assert!(original.iter().any(|(_, _, line)| *line > 1));
    assert!(
        reformatted.iter().all(|(_, _, line)| *line == 1),
        "{reformatted:?}"
    );
}

/// The smallest fixture's whole log, as it is written, for what the results snapshots leave out:
/// the tool, artifacts, run properties and each result's SARIF form (locations, regions,
/// fingerprints). The tool's version and the rule table are masked (the rules are in
/// `rule-catalogue.txt`; each `ruleIndex` is checked to name its rule, and masked), so that a
/// release or a change to a rule's text or order does not rewrite it. The fixture is a priced
/// part list scanned for a buyer with a share minimum, so that the file's artifact carries its
/// procurement account.
#[test]
fn the_whole_log_of_the_smallest_fixture_is_reviewed_once() {
    let smallest = fixture_files()
        .into_iter()
        .min_by_key(|f| std::fs::metadata(common::fixtures().join(f)).unwrap().len())
        .unwrap();
    assert_eq!(smallest, "procurement-parts.csv");
    let run = catscan(&[
        "scan",
        "--format",
        "sarif",
        "sbom-fixtures/procurement-parts.csv",
        "--no-config",
        "--procurement",
        "cn-government",
        "--min-domestic-share",
        "0.6",
        "--as-of",
        "2026-11-23",
        "--fail-on",
        "none",
        "--quiet",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let name = "procurement-parts.csv.whole-log.sarif";
    let mut log = checked_log(name, &run.stdout);
    let driver = &mut log["runs"][0]["tool"]["driver"];
    let version = env!("CARGO_PKG_VERSION");
    for field in ["version", "semanticVersion", "fullName"] {
        let shown = driver[field]
            .as_str()
            .unwrap()
            .replace(version, "<version>");
        assert_ne!(driver[field], shown.as_str(), "{field} holds the version");
        driver[field] = Value::String(shown);
    }
    let rules = driver["rules"].as_array().unwrap().len();
    assert!(rules >= 26, "every rule is declared: {rules}");
    driver["rules"] = Value::String("<masked: tests/golden/rule-catalogue.txt>".to_string());
    for result in log["runs"][0]["results"].as_array_mut().unwrap() {
        if let Some(index) = result.get_mut("ruleIndex") {
            *index = Value::String("<checked: names the ruleId>".to_string());
        }
    }
    let text = serde_json::to_string_pretty(&log).unwrap() + "\n";
    assert!(!text.contains(version), "the version is masked everywhere");
    assert_golden(name, &text);
}

/// A message that differs from a reference's by a few words is shown as those words, with three
/// words of context either side; changes whose contexts meet are one place.
#[test]
fn a_changed_message_is_shown_as_its_changed_words() {
    let old = "It is a router under item cn-2023/cne.router (Cybersecurity Law art. 25): see the sources.";
    let new = "It is a router under item cn-2023/cne.router (Cybersecurity Law art. 23): see the sources.";
    assert_eq!(
        changed_words(old, new),
        "\"(Cybersecurity Law art. {25): → 23):} see the sources.\""
    );
    // Two changes far apart are two places; words added at the end keep the last word's context.
    let old = "one two three four five six seven eight nine ten eleven twelve";
    let new = "one TWO three four five six seven eight nine ten eleven twelve and more";
    assert_eq!(
        changed_words(old, new),
        "\"one {two → TWO} three four five\"; \"ten eleven twelve { → and more}\""
    );
    // Close changes are one place, with the words between them.
    assert_eq!(
        changed_words("a b c d e f", "a B c D e f"),
        "\"a {b → B} c {d → D} e f\""
    );
}

/// A library four levels down a dependency graph with a cycle: the result carries the shortest
/// path from the product as SARIF `codeFlows` and in its message.
#[test]
fn a_deep_dependency_chain_is_shown_as_its_path() {
    let run = catscan(&[
        "scan",
        "--format",
        "sarif",
        "sbom-fixtures/edr-agent-sbom.cdx.json",
        "--no-config",
        "--market",
        "us",
        "--as-of",
        "2026-11-23",
        "--fail-on",
        "none",
        "--quiet",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let sarif = checked_log("edr-agent us", &run.stdout);
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "origin-us-kaspersky");
    let steps: Vec<(&str, u64)> = result["codeFlows"][0]["threadFlows"][0]["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["location"]["message"]["text"].as_str().unwrap(),
                l["location"]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap(),
            )
        })
        .collect();
    // Each step is numbered in order and nested one level under the one before.
    for (i, step) in result["codeFlows"][0]["threadFlows"][0]["locations"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        assert_eq!(step["executionOrder"], i + 1);
        assert_eq!(step["nestingLevel"], i);
    }
    assert_eq!(
        result["codeFlows"][0]["message"]["text"],
        "Introduced via Example EDR agent 4.2.0 → scan-core 4.2.0 → av-bridge 2.0.4 → Anti-Virus SDK 8.10"
    );
    assert_eq!(
        steps,
        [
            ("Example EDR agent 4.2.0", 8),
            ("scan-core 4.2.0", 17),
            ("av-bridge 2.0.4", 38),
            ("Anti-Virus SDK 8.10", 45),
        ]
    );
    assert!(
        result["message"]["text"]
            .as_str()
            .unwrap()
            .ends_with("Introduced via Example EDR agent 4.2.0 → scan-core 4.2.0 → av-bridge 2.0.4 → Anti-Virus SDK 8.10.")
    );
}

fn tempdir(name: &str) -> std::path::PathBuf {
    common::scratch(name)
}
