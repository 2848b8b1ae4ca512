//! Who controls a developer, as the MLPS grade 3+ test, the CII review note and the domestic-share
//! table see it: one decision from the vendor registry's control records, with its basis and the
//! status of that basis in every place it shows.

mod common;

use common::catscan;
use serde_json::Value;

const FIXTURE: &str = "tests/fixtures/control/mlps-developers.cdx.json";

fn scan(extra: &[&str], format: &str) -> Value {
    let mut args = vec![
        "scan",
        FIXTURE,
        "--no-config",
        "--as-of",
        "2026-11-23",
        "--fail-on",
        "none",
        "--quiet",
        "--format",
        format,
    ];
    args.extend(extra);
    let run = catscan(&args);
    assert_eq!(run.status, 0, "{args:?}: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("JSON output")
}

/// (rule, level, message) of the origin results about one component (by its bom-ref).
fn origin_results(sarif: &Value, bom_ref: &str) -> Vec<(String, String, String)> {
    sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|r| {
            r["ruleId"]
                .as_str()
                .unwrap_or_default()
                .starts_with("origin-")
                && r["properties"]["component"]["bomRef"] == bom_ref
        })
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap_or_default().to_string(),
                r["level"].as_str().unwrap_or_default().to_string(),
                r["message"]["text"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect()
}

const QI_ANXIN_BASIS: &str = "Qi An Xin Technology Group Inc.: controlled from CN, by Qi Xiangdong (a natural person, as of 2024; inferred: the source names Qi Xiangdong as controlling shareholder and actual controller without stating his nationality)";

#[test]
fn mlps_grade_3_decides_developers_from_their_control_records() {
    let sarif = scan(&["--mlps-grade", "3"], "sarif");
    // The actual controller is recorded: the developer qualifies, and nothing is undetermined.
    assert_eq!(origin_results(&sarif, "qax-fw"), vec![]);
    // A filing that declares no actual controller, with major shareholders not all Chinese:
    // still undetermined, and it says why.
    let hillstone = origin_results(&sarif, "hillstone-fw");
    assert_eq!(hillstone.len(), 1, "{hillstone:?}");
    assert_eq!(hillstone[0].0, "origin-undetermined");
    assert!(
        hillstone[0].2.contains(
            "catscan's vendor registry records Hillstone Networks Co., Ltd. as incorporated in CN (entry hillstone, secondary), and its filing declares no actual controller (无实际控制人, as of 2022; confirmed), which by itself does not say whether Chinese citizens, legal persons or the state invest in or hold it; the major shareholders recorded, Alpha Achieve, 田涛, 苏州元禾, 鸿腾智能, 国创开元 and 宜兴光控 (each 5% or more when the offering document was signed) (confirmed), are not recorded as Chinese as a whole. Basis:"
        ),
        "{}",
        hillstone[0].2
    );
    // Incorporated in China, controlled from Finland: a foreign developer, with the record's basis.
    let nsb = origin_results(&sarif, "nsb-ddos");
    assert_eq!(nsb.len(), 1, "{nsb:?}");
    assert_eq!(nsb[0].0, "origin-mlps-foreign-developer");
    assert!(
        nsb[0].2.contains(
            "its developer is controlled from outside China: catscan's vendor registry records Nokia Shanghai Bell Co., Ltd. as incorporated in CN (entry nokia-shanghai-bell, confirmed), and controlled from FI, by Nokia Corporation (50% + 1 share); China Huaxin Post & Telecommunication Economy Development Center, a state-owned investment company, holds the rest (a company, as of 2017; corroborated). Basis:"
        ),
        "{}",
        nsb[0].2
    );
}

#[test]
fn the_cii_note_and_the_share_table_quote_the_same_basis_with_its_status() {
    let sarif = scan(&["--mlps-grade", "3", "--cii"], "sarif");
    let qax = origin_results(&sarif, "qax-fw");
    assert_eq!(qax.len(), 1, "{qax:?}");
    assert_eq!(
        (qax[0].0.as_str(), qax[0].1.as_str()),
        ("origin-cii-review", "note")
    );
    assert!(
        qax[0]
            .2
            .contains(&format!("reported as a note ({QI_ANXIN_BASIS})")),
        "{}",
        qax[0].2
    );

    let json = scan(&["--min-domestic-share", "0.5"], "json");
    let rows = json["files"][0]["procurement"]["share"]["rows"]
        .as_array()
        .expect("share rows");
    let row = |bom_ref: &str| {
        rows.iter()
            .find(|r| r["component"]["bomRef"] == bom_ref)
            .map_or_else(
                || panic!("a share row for {bom_ref}"),
                |r| {
                    (
                        r["control"].as_str().unwrap_or_default().to_string(),
                        r["basis"].as_str().unwrap_or_default().to_string(),
                    )
                },
            )
    };
    assert_eq!(
        row("qax-fw"),
        ("domestic".to_string(), QI_ANXIN_BASIS.to_string())
    );
    assert_eq!(
        row("hillstone-fw"),
        (
            "unknown".to_string(),
            "Hillstone Networks Co., Ltd.: its filing declares no actual controller (无实际控制人, as of 2022; confirmed), which by itself does not say whether Chinese citizens, legal persons or the state invest in or hold it; the major shareholders recorded, Alpha Achieve, 田涛, 苏州元禾, 鸿腾智能, 国创开元 and 宜兴光控 (each 5% or more when the offering document was signed) (confirmed), are not recorded as Chinese as a whole"
                .to_string()
        )
    );
    assert_eq!(row("nsb-ddos").0, "foreign");
}
