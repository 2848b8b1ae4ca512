//! Golden SARIF for the bundled fixtures, on dates that select each catalogue edition and each
//! numbering of the law. Every golden file is also validated against the SARIF schemas.
//!
//! To review a change: run `CATSCAN_BLESS=1 cargo test --test golden`, then read `git diff
//! tests/golden`.

mod common;

use common::{assert_golden, assert_valid_sarif, catscan};

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

#[test]
fn fixtures_match_their_golden_sarif_on_each_date() {
    let files = fixture_files();
    assert!(files.len() >= 4, "fixtures: {files:?}");
    for file in &files {
        for (date, _) in DATES {
            let path = format!("sbom-fixtures/{file}");
            let run = catscan(&[
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
            ]);
            assert_eq!(run.status, 0, "{file} as of {date}: {}", run.stderr);
            let golden = format!("{file}.{date}.sarif");
            assert_valid_sarif(&golden, &run.stdout);
            assert_golden(&golden, &run.stdout);
        }
    }
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
    assert_valid_sarif("folder", &run.stdout);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
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

/// (golden name, arguments after the fixture): each origin rule pack in and out of force by
/// date and by policy, and the policy file's exceptions and custom rule.
fn origin_cases() -> Vec<(&'static str, Vec<&'static str>)> {
    let with = |date: &'static str, extra: &[&'static str]| {
        let mut args = extra.to_vec();
        args.extend(["--as-of", date]);
        args
    };
    vec![
        // China only (the default): no origin pack applies without --cii or --mlps-grade.
        ("default", with("2026-11-23", &["--no-config"])),
        // Before the FCC list (2021-03-12) but after NDAA §889 Part A (2019-08-13).
        (
            "us-federal.2021-01-01",
            with("2021-01-01", &["--no-config", "--us-federal"]),
        ),
        // The day before the Micron conclusion, and before the Kaspersky determination.
        ("every-pack.2023-05-20", with("2023-05-20", EVERY_PACK)),
        ("every-pack.2026-11-23", with("2026-11-23", EVERY_PACK)),
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
        // Only what is new since the run of 2023-05-20.
        (
            "every-pack-since-2023-05-20.2026-11-23",
            with(
                "2026-11-23",
                &[
                    "--no-config",
                    "--market",
                    "cn",
                    "--market",
                    "us",
                    "--cii",
                    "--mlps-grade",
                    "3",
                    "--us-federal",
                    "--baseline",
                    "tests/golden/origin/every-pack.2023-05-20.sarif",
                ],
            ),
        ),
    ]
}

#[test]
fn origin_rules_follow_the_policy_and_the_date() {
    for (name, extra) in origin_cases() {
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
        let run = catscan(&args);
        assert_eq!(run.status, 0, "{name}: {}", run.stderr);
        let golden = format!("origin/{name}.sarif");
        assert_valid_sarif(&golden, &run.stdout);
        assert_golden(&golden, &run.stdout);
    }
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
    assert_valid_sarif("origin/edr-agent.us.sarif", &run.stdout);
    assert_golden("origin/edr-agent.us.sarif", &run.stdout);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
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
