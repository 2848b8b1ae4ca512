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
        .filter(|n| n.ends_with(".json") || n.ends_with(".xml"))
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
                &path,
                "--as-of",
                date,
                "--certified",
                CERTIFIED,
                "--fail-on",
                "none",
                "--quiet",
            ]);
            assert_eq!(run.status, 0, "{file} as of {date}: {}", run.stderr);
            let golden = format!("{file}.{date}.sarif");
            assert_valid_sarif(&golden, &run.stdout);
            assert_golden(&golden, &run.stdout);
        }
    }
}

#[test]
fn the_whole_folder_gives_one_run_per_file_in_name_order() {
    let run = catscan(&[
        "scan",
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
    let ids: Vec<&str> = sarif["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["automationDetails"]["id"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = fixture_files()
        .iter()
        .map(|f| format!("catscan/sbom-fixtures/{f}/"))
        .collect();
    assert_eq!(ids, expected);
}
