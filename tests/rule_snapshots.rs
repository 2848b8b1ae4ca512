//! The rules catscan reports: the catalogue of rules (with each rule's descriptions and help
//! text) snapshotted once, and for every rule `catscan rules` lists, a small fixture that shows
//! it and a snapshot of that rule's results there. A rule without a case fails
//! [`every_listed_rule_has_a_case_and_every_case_a_listed_rule`], so that no rule is added
//! without a fixture and a reviewed snapshot.
//!
//! Snapshots: `tests/golden/rule-catalogue.txt` and `tests/golden/rules/RULE.txt` (the form is
//! described in `tests/common/snapshot.rs`). The rule catalogue is the only snapshot that holds
//! the rules' text and order.
//!
//! To review a change: `CATSCAN_BLESS=1 cargo test --test rule_snapshots` (only the value `1`
//! rewrites), then read `git diff tests/golden/rule-catalogue.txt tests/golden/rules`. For a new
//! rule, add its case to [`CASES`] first.

mod common;

use std::collections::BTreeSet;

use common::snapshot::{assert_rule_results_snapshot, checked_log, flatten};
use common::{assert_golden, catscan, command_line, root};
use serde_json::Value;

/// One rule's case: the fixture and options that make the rule report, after
/// `scan --format sarif --fail-on none --quiet`.
struct Case {
    rule: &'static str,
    args: &'static [&'static str],
}

const ORIGIN: &str = "sbom-fixtures/origin-mixed-hbom.cdx.json";
const WORKSTATIONS: &str = "sbom-fixtures/procurement-workstations.cdx.json";
/// Every procurement rule in force for a central buyer, with a share minimum the fixture misses.
const CENTRAL_BUYER: &[&str] = &[
    WORKSTATIONS,
    "--no-config",
    "--procurement",
    "cn-central",
    "--min-domestic-share",
    "0.75",
    "--as-of",
    "2026-11-23",
];
/// One exception in force, one expired, one that matches nothing (see the file).
const EXCEPTIONS: &[&str] = &[
    ORIGIN,
    "--config",
    "tests/fixtures/policy/catscan.toml",
    "--as-of",
    "2026-11-23",
];

/// The cases, in the order of `catscan rules`' families.
const CASES: &[Case] = &[
    Case {
        rule: "catalogue-in-scope",
        // A priced part list: a next-generation firewall, under an item without a threshold.
        args: &[
            "sbom-fixtures/procurement-parts.csv",
            "--no-config",
            "--as-of",
            "2026-11-23",
        ],
    },
    Case {
        rule: "catalogue-possible",
        // Only the vendor's product line (SIMATIC) suggests a PLC.
        args: &[
            "sbom-fixtures/plant-control-hbom.cdx.xml",
            "--no-config",
            "--as-of",
            "2026-11-23",
        ],
    },
    Case {
        rule: "catalogue-undetermined",
        // A router whose threshold depends on whether all its conditions must hold.
        args: &[
            "sbom-fixtures/edge-router-sbom-1.2.cdx.json",
            "--no-config",
            "--as-of",
            "2026-11-23",
        ],
    },
    Case {
        rule: "catalogue-not-in-scope",
        // An EDR agent: a category no item of the 2017 edition covers.
        args: &[
            "sbom-fixtures/edr-agent-sbom.cdx.json",
            "--no-config",
            "--as-of",
            "2022-06-30",
        ],
    },
    Case {
        rule: "evidence-on-record",
        // Certificates in the BOM and rows of the bundled list of certified products.
        args: &[
            "sbom-fixtures/supplier-evidence-hbom.cdx.json",
            "--no-config",
            "--certified",
            "policy/certified-products.csv",
            "--as-of",
            "2026-11-23",
        ],
    },
    Case {
        rule: "licence-permit-not-genuine",
        args: &[
            "sbom-fixtures/supplier-evidence-hbom.cdx.json",
            "--no-config",
            "--as-of",
            "2026-11-23",
        ],
    },
    Case {
        rule: "data-quality-no-vendor",
        args: &[
            "sbom-fixtures/datacenter-hbom.cdx.json",
            "--no-config",
            "--as-of",
            "2026-11-23",
        ],
    },
    Case {
        rule: "data-quality-unclassified",
        args: &[
            "sbom-fixtures/datacenter-hbom.cdx.json",
            "--no-config",
            "--as-of",
            "2026-11-23",
        ],
    },
    Case {
        rule: "data-quality-invalid-declaration",
        args: &[
            "sbom-fixtures/datacenter-hbom.cdx.json",
            "--no-config",
            "--as-of",
            "2026-11-23",
        ],
    },
    Case {
        rule: "data-quality-unresolved-vendor",
        // §889 needs every device's vendor; one is not in the registry.
        args: &[
            ORIGIN,
            "--no-config",
            "--us-federal",
            "--as-of",
            "2021-01-01",
        ],
    },
    Case {
        rule: "origin-mlps-foreign-developer",
        args: &[
            ORIGIN,
            "--no-config",
            "--mlps-grade",
            "3",
            "--as-of",
            "2026-11-23",
        ],
    },
    Case {
        rule: "origin-cii-review-failed",
        // Micron failed its review on 2023-05-21.
        args: &[ORIGIN, "--no-config", "--cii", "--as-of", "2026-11-23"],
    },
    Case {
        rule: "origin-us-fcc-covered",
        args: &[
            ORIGIN,
            "--no-config",
            "--market",
            "us",
            "--as-of",
            "2026-11-23",
        ],
    },
    Case {
        rule: "origin-us-ndaa-889",
        args: &[
            ORIGIN,
            "--no-config",
            "--us-federal",
            "--as-of",
            "2026-11-23",
        ],
    },
    Case {
        rule: "origin-us-kaspersky",
        // Four levels down a dependency graph: the result shows its path.
        args: &[
            "sbom-fixtures/edr-agent-sbom.cdx.json",
            "--no-config",
            "--market",
            "us",
            "--as-of",
            "2026-11-23",
        ],
    },
    Case {
        rule: "origin-listed-vendor",
        // The policy file adds a vendor and a pack that lists it.
        args: &[
            ORIGIN,
            "--config",
            "tests/fixtures/policy-extra/catscan.toml",
            "--as-of",
            "2026-11-23",
        ],
    },
    Case {
        rule: "origin-cii-review",
        args: &[ORIGIN, "--no-config", "--cii", "--as-of", "2026-11-23"],
    },
    Case {
        rule: "origin-undetermined",
        args: &[
            ORIGIN,
            "--no-config",
            "--us-federal",
            "--as-of",
            "2021-01-01",
        ],
    },
    Case {
        rule: "procurement-not-listed",
        args: CENTRAL_BUYER,
    },
    Case {
        rule: "procurement-excluded-product",
        args: CENTRAL_BUYER,
    },
    Case {
        rule: "procurement-domestic-share-below",
        args: CENTRAL_BUYER,
    },
    Case {
        rule: "procurement-vendor-dropped",
        args: CENTRAL_BUYER,
    },
    Case {
        rule: "procurement-list-undetermined",
        args: CENTRAL_BUYER,
    },
    Case {
        rule: "procurement-domestic-share-undetermined",
        // The share alone: the unknown vendors could take it either side of 40%.
        args: &[
            WORKSTATIONS,
            "--no-config",
            "--min-domestic-share",
            "0.4",
            "--as-of",
            "2026-11-23",
        ],
    },
    Case {
        rule: "policy-exception-expired",
        args: EXCEPTIONS,
    },
    Case {
        rule: "policy-exception-unused",
        args: EXCEPTIONS,
    },
];

/// The rule ids and default levels `catscan rules` lists, in its order.
fn listed_rules() -> Vec<(String, String)> {
    let run = catscan(&["rules"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    run.stdout
        .lines()
        .map(|line| {
            let mut words = line.split_whitespace();
            let id = words
                .next()
                .unwrap_or_else(|| panic!("an empty line in `catscan rules`"));
            let level = words
                .next()
                .unwrap_or_else(|| panic!("`catscan rules` gives {id} no level: {line:?}"));
            (id.to_string(), level.to_string())
        })
        .collect()
}

fn scan_args(case: &Case) -> Vec<&'static str> {
    let mut args = vec!["scan", "--format", "sarif", "--fail-on", "none", "--quiet"];
    args.extend(case.args);
    args
}

#[test]
fn every_listed_rule_has_a_case_and_every_case_a_listed_rule() {
    let listed: BTreeSet<String> = listed_rules().into_iter().map(|(id, _)| id).collect();
    assert!(listed.len() >= 26, "{listed:?}");
    let cased: BTreeSet<String> = CASES.iter().map(|c| c.rule.to_string()).collect();
    assert_eq!(cased.len(), CASES.len(), "a rule has two cases");
    let without_case: Vec<&String> = listed.difference(&cased).collect();
    assert!(
        without_case.is_empty(),
        "rules without a fixture and snapshot: {without_case:?}; add a case for each to CASES in \
         tests/rule_snapshots.rs, then run CATSCAN_BLESS=1 cargo test --test rule_snapshots and \
         review tests/golden/rules/"
    );
    let not_listed: Vec<&String> = cased.difference(&listed).collect();
    assert!(
        not_listed.is_empty(),
        "cases for rules `catscan rules` does not list: {not_listed:?}"
    );
    // No snapshot is left of a case that is gone.
    let folder = root().join("tests/golden/rules");
    let mut stale = Vec::new();
    for entry in std::fs::read_dir(&folder).expect("tests/golden/rules exists") {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !name
            .strip_suffix(".txt")
            .is_some_and(|rule| cased.contains(rule))
        {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "snapshots without a case in tests/golden/rules: {stale:?}"
    );
}

#[test]
fn each_rule_reports_on_its_fixture_as_its_snapshot_shows() {
    for case in CASES {
        let args = scan_args(case);
        let run = catscan(&args);
        assert_eq!(run.status, 0, "{}: {}", case.rule, run.stderr);
        let found = assert_rule_results_snapshot(
            &format!("rules/{}.txt", case.rule),
            &command_line("catscan", &args),
            &run.stdout,
            case.rule,
        );
        assert!(
            found > 0,
            "{}: the case's fixture gives no result of the rule; choose one that does",
            case.rule
        );
    }
}

/// The rule table every SARIF log declares, one rule after the other in the log's order, with
/// every member: names, descriptions, help text (markdown and plain), default level and tags.
#[test]
fn the_rule_catalogue_matches_its_snapshot_and_catscan_rules() {
    let args = [
        "scan",
        "--format",
        "sarif",
        "sbom-fixtures/edr-agent-sbom.cdx.json",
        "--no-config",
        "--fail-on",
        "none",
        "--quiet",
    ];
    let run = catscan(&args);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let log = checked_log("rule catalogue", &run.stdout);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("the driver declares its rules");
    // `catscan rules` and the log declare the same rules at the same default levels.
    let declared: BTreeSet<(String, String)> = rules
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["defaultConfiguration"]["level"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    let listed: BTreeSet<(String, String)> = listed_rules().into_iter().collect();
    assert_eq!(declared, listed);
    let mut out = format!(
        "$ {}\n\n== {} rules, as tool.driver.rules declares them\n",
        command_line("catscan", &args),
        rules.len()
    );
    for rule in rules {
        out.push_str(&format!("\n== {}\n", rule["id"].as_str().unwrap()));
        let mut rule = rule.clone();
        // The help's plain text is its markdown without the markup, as a rule.
        if let (Some(markdown), Some(text)) = (
            rule["help"]["markdown"].as_str(),
            rule["help"]["text"].as_str(),
        ) && text == without_markup(markdown)
        {
            rule["help"]["text"] = Value::String("help.markdown without ** * `".to_string());
        }
        if let Value::Object(members) = &rule {
            for (key, value) in members.iter().filter(|(k, _)| *k != "id") {
                match value {
                    // The help's forms each on their own line (or block), however short.
                    Value::Object(forms) if key == "help" => {
                        for (form, text) in forms {
                            flatten(&format!("help.{form}"), text, 0, &mut out);
                        }
                    }
                    _ => flatten(key, value, 0, &mut out),
                }
            }
        }
    }
    assert_golden("rule-catalogue.txt", &out);
}

/// Markdown as a client without markdown shows it: emphasis and code marks removed.
fn without_markup(markdown: &str) -> String {
    markdown.replace("**", "").replace(['`', '*'], "")
}
