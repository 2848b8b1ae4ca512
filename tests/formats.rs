//! Every format catscan reads gives the same findings for the same products: the data-centre
//! fixture exists as CycloneDX JSON and as SPDX 2.3 JSON, SPDX 2.3 tag-value, SPDX 3.0.1 JSON-LD
//! (written by `scripts/fixtures/cyclonedx-to-spdx.py`) and as CSV and XLSX part lists.

mod common;

use std::collections::BTreeMap;

use common::{assert_valid_sarif, catscan};
use serde_json::Value;

/// The option sets every format is compared under: the default, the origin packs of both
/// markets, and the procurement rules.
const OPTION_SETS: &[&[&str]] = &[
    &[],
    &["--cii", "--mlps-grade", "3"],
    &["--market", "cn", "--market", "us", "--us-federal"],
    &["--procurement", "cn-central", "--min-domestic-share", "75%"],
];

/// (rule, level, component, catalogue item, vendor) of every result, with how often it occurs.
fn findings(
    file: &str,
    options: &[&str],
) -> BTreeMap<(String, String, String, String, String), usize> {
    let mut args = vec![
        "scan",
        "--format",
        "sarif",
        file,
        "--as-of",
        "2026-11-23",
        "--no-config",
        "--fail-on",
        "none",
        "-q",
    ];
    args.extend_from_slice(options);
    let run = catscan(&args);
    assert_eq!(run.status, 0, "{file}: {}", run.stderr);
    assert_valid_sarif(file, &run.stdout);
    let sarif: Value = serde_json::from_str(&run.stdout).unwrap();
    let mut out = BTreeMap::new();
    for r in sarif["runs"][0]["results"].as_array().unwrap() {
        let text = |v: &Value| v.as_str().unwrap_or("").to_string();
        let rule = text(&r["ruleId"]);
        // The domestic-control share is a finding about the BOM as a whole, located at its
        // subject: a part list has none (the finding is on the file), and the SPDX copies do
        // not carry the subject's manufacturer. Rule and level must still agree.
        let about_the_bom = rule.starts_with("procurement-domestic-share");
        let (component, vendor) = if about_the_bom {
            ("(the BOM)".to_string(), String::new())
        } else {
            (
                text(&r["properties"]["component"]["name"]),
                text(&r["properties"]["vendor"]),
            )
        };
        let key = (
            rule,
            text(&r["level"]),
            component,
            text(&r["properties"]["catalogueItem"]),
            vendor,
        );
        *out.entry(key).or_insert(0) += 1;
    }
    out
}

fn assert_same_as_cyclonedx(other: &str) {
    for options in OPTION_SETS {
        assert_same_under(other, options);
    }
}

fn assert_same_under(other: &str, options: &[&str]) {
    let expected = findings("sbom-fixtures/datacenter-hbom.cdx.json", options);
    assert!(expected.len() > 10, "{expected:?}");
    let actual = findings(other, options);
    let missing: Vec<_> = expected
        .keys()
        .filter(|k| !actual.contains_key(*k))
        .collect();
    let extra: Vec<_> = actual
        .keys()
        .filter(|k| !expected.contains_key(*k))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{other} {options:?} differs from the CycloneDX fixture\nmissing: {missing:#?}\nextra: {extra:#?}"
    );
    assert_eq!(actual, expected, "{other} {options:?}: counts differ");
}

#[test]
fn spdx_2_3_json_gives_the_findings_of_cyclonedx() {
    assert_same_as_cyclonedx("sbom-fixtures/datacenter-hbom.spdx.json");
}

#[test]
fn spdx_2_3_tag_value_gives_the_findings_of_cyclonedx() {
    assert_same_as_cyclonedx("sbom-fixtures/datacenter-hbom.spdx");
}

#[test]
fn spdx_3_json_ld_gives_the_findings_of_cyclonedx() {
    assert_same_as_cyclonedx("sbom-fixtures/datacenter-hbom.spdx3.json");
}

#[test]
fn a_csv_part_list_gives_the_findings_of_cyclonedx() {
    assert_same_as_cyclonedx("sbom-fixtures/datacenter-parts.csv");
}

#[test]
fn an_xlsx_part_list_gives_the_findings_of_cyclonedx() {
    assert_same_as_cyclonedx("sbom-fixtures/datacenter-parts.xlsx");
}
