//! Procurement rules and the domestic-control share, on the three procurement fixtures (the
//! same kinds of component in CycloneDX, SPDX and a priced CSV part list): each instrument in
//! and out of force by date, each buyer, listed and unlisted CPUs, operating systems and
//! databases, and the share above, below and undetermined. A results snapshot for every case
//! (the SARIF log is validated, the text in `tests/golden/procurement/` compared; see
//! `tests/common/snapshot.rs`), plus exact assertions of the decisions that matter.
//!
//! To review a change: `CATSCAN_BLESS=1 cargo test --test procurement` (only the value `1`
//! rewrites), then read `git diff tests/golden/procurement`.

mod common;

use common::snapshot::assert_results_snapshot;
use common::{catscan, catscan_in, command_line};

const FIXTURES: &[&str] = &[
    "procurement-workstations.cdx.json",
    "procurement-servers.spdx.json",
    "procurement-parts.csv",
];

/// (name, buyer, as-of date, minimum domestic share): what each case selects.
const CASES: &[(&str, Option<&str>, &str, Option<&str>)] = &[
    // Everything in force today, with a share minimum most BOMs miss. First: the later cases'
    // snapshots refer to its messages.
    (
        "central-2026-11-23",
        Some("cn-central"),
        "2026-11-23",
        Some("0.75"),
    ),
    (
        "government-2026-11-23",
        Some("cn-government"),
        "2026-11-23",
        Some("0.5"),
    ),
    // The 2023 announcement's entries have lapsed (three years from 2023-12-26).
    (
        "government-2027-01-15",
        Some("cn-government"),
        "2027-01-15",
        None,
    ),
    // A government buyer: the 2023 demand standard with the first announcement only.
    (
        "government-2024-01-01",
        Some("cn-government"),
        "2024-01-01",
        None,
    ),
    // The 2014 antivirus and OS lists and the 2015 dropped brands; no demand standard yet.
    ("central-2015-03-01", Some("cn-central"), "2015-03-01", None),
    // Only the May 2014 Windows 8 notice is in force.
    ("central-2014-06-01", Some("cn-central"), "2014-06-01", None),
    // The share alone, no procurement lists.
    ("share-only-2026-11-23", None, "2026-11-23", Some("0.4")),
];

/// The arguments of a scan of one fixture for a buyer, date and share, in a format.
fn args<'a>(
    path: &'a str,
    buyer: Option<&'a str>,
    date: &'a str,
    share: Option<&'a str>,
    format: &'a str,
) -> Vec<&'a str> {
    let mut args = vec![
        "scan",
        path,
        "--as-of",
        date,
        "--fail-on",
        "none",
        "--quiet",
        "--no-config",
        "--format",
        format,
    ];
    if let Some(b) = buyer {
        args.extend(["--procurement", b]);
    }
    if let Some(s) = share {
        args.extend(["--min-domestic-share", s]);
    }
    args
}

fn run(file: &str, buyer: Option<&str>, date: &str, share: Option<&str>, format: &str) -> String {
    let path = format!("sbom-fixtures/{file}");
    let args = args(&path, buyer, date, share, format);
    let out = catscan(&args);
    assert_eq!(out.status, 0, "{file} {args:?}: {}", out.stderr);
    out.stdout
}

/// (rule, component name) of every result, in order.
fn results(sarif: &str) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(sarif).expect("SARIF is JSON");
    v["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            let rule = r["ruleId"].as_str().unwrap_or_default().to_string();
            let text = r["message"]["text"].as_str().unwrap_or_default();
            let name = text.split(" (").next().unwrap_or_default().to_string();
            (rule, name)
        })
        .collect()
}

fn procurement_results(sarif: &str) -> Vec<(String, String)> {
    results(sarif)
        .into_iter()
        .filter(|(rule, _)| rule.starts_with("procurement-"))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Each fixture's snapshots refer to the messages of its cases before them (see
/// `tests/common/snapshot.rs`).
#[test]
fn fixtures_match_their_results_snapshot_for_each_buyer_date_and_share() {
    for file in FIXTURES {
        let path = format!("sbom-fixtures/{file}");
        let mut references = Vec::new();
        for (name, buyer, date, share) in CASES {
            let sarif = run(file, *buyer, date, *share, "sarif");
            let shown = assert_results_snapshot(
                &format!("procurement/{file}.{name}.txt"),
                &command_line("catscan", &args(&path, *buyer, date, *share, "sarif")),
                &sarif,
                &references,
            );
            references.push(shown);
        }
    }
}

#[test]
fn before_the_lists_only_the_windows_8_notice_applies() {
    let sarif = run(FIXTURES[0], Some("cn-central"), "2014-06-01", None, "sarif");
    assert_eq!(
        procurement_results(&sarif),
        pairs(&[(
            "procurement-excluded-product",
            "Microsoft Windows 8 Pro 6.2.9200"
        )])
    );
    // The notice binds central organs only.
    let sarif = run(
        FIXTURES[0],
        Some("cn-government"),
        "2014-06-01",
        None,
        "sarif",
    );
    assert_eq!(procurement_results(&sarif), Vec::new());
}

#[test]
fn the_2014_lists_decide_antivirus_and_operating_systems_for_central_buyers() {
    let sarif = run(FIXTURES[0], Some("cn-central"), "2015-03-01", None, "sarif");
    assert_eq!(
        procurement_results(&sarif),
        pairs(&[
            // Kylin's desktop line is not among the five 2014 brands known; three are unknown.
            (
                "procurement-list-undetermined",
                "银河麒麟桌面操作系统 V10 SP1"
            ),
            (
                "procurement-excluded-product",
                "Microsoft Windows 8 Pro 6.2.9200"
            ),
            // Windows 7 was the only foreign operating system on the list.
            ("procurement-not-listed", "Microsoft Windows 8 Pro 6.2.9200"),
            // The antivirus list is known in full: five domestic brands.
            (
                "procurement-not-listed",
                "Symantec Endpoint Protection 14.3"
            ),
            ("procurement-vendor-dropped", "Catalyst 9300 access switch"),
        ])
    );
    // Rising is one of the five brands: listed, so no result.
    assert!(!sarif.contains("瑞星杀毒软件网络版 ("));
}

#[test]
fn listed_and_unlisted_cpus_operating_systems_and_databases() {
    let sarif = run(
        FIXTURES[0],
        Some("cn-government"),
        "2026-11-23",
        None,
        "sarif",
    );
    assert_eq!(
        procurement_results(&sarif),
        pairs(&[
            ("procurement-not-listed", "Intel Xeon Gold 6338"),
            ("procurement-not-listed", "Microsoft Windows 8 Pro 6.2.9200"),
            ("procurement-not-listed", "SQL Server 2019 Standard"),
            // Oracle is not in the vendor registry and the list is known only in part.
            ("procurement-list-undetermined", "Oracle Database 19c"),
        ])
    );
    // Loongson 3C6000, Kirin X90, Kylin Desktop V10 SP1 and GBase 8a V9 are listed: the JSON
    // report shows them, the SARIF does not.
    let json = run(
        FIXTURES[0],
        Some("cn-government"),
        "2026-11-23",
        None,
        "json",
    );
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let listed: Vec<&str> = v["files"][0]["procurement"]["listed"]
        .as_array()
        .expect("listed components")
        .iter()
        .map(|l| l["component"]["name"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        listed,
        [
            "Loongson 3C6000",
            "麒麟X90",
            "银河麒麟桌面操作系统",
            "GBase 8a MPP Cluster"
        ]
    );
    let sarif = run(
        FIXTURES[1],
        Some("cn-government"),
        "2026-11-23",
        None,
        "sarif",
    );
    assert_eq!(
        procurement_results(&sarif),
        pairs(&[
            // The sources conflict about Hygon on 2023年第1号.
            ("procurement-list-undetermined", "Hygon C86-3G"),
            ("procurement-not-listed", "AMD EPYC 9654"),
            (
                "procurement-not-listed",
                "Windows Server 2022 Datacenter 21H2"
            ),
            // Recognised as an operating system from its CPE part "o"; vendor unknown.
            ("procurement-list-undetermined", "CentOS Linux 7.9"),
            // PolarDB and TDSQL are listed without a version.
            (
                "procurement-list-undetermined",
                "PolarDB for PostgreSQL 2.0"
            ),
            ("procurement-list-undetermined", "TDSQL 10.3"),
        ])
    );
}

#[test]
fn listings_lapse_three_years_after_their_announcement() {
    let today = run(
        FIXTURES[1],
        Some("cn-government"),
        "2026-11-23",
        None,
        "sarif",
    );
    assert!(!procurement_results(&today).contains(&(
        "procurement-not-listed".to_string(),
        "Kunpeng 920".to_string()
    )));
    let later = run(
        FIXTURES[1],
        Some("cn-government"),
        "2027-01-15",
        None,
        "sarif",
    );
    let lapsed = procurement_results(&later);
    assert!(
        lapsed.contains(&(
            "procurement-not-listed".to_string(),
            "Kunpeng 920".to_string()
        )),
        "{lapsed:?}"
    );
    assert!(later.contains("which lapsed on 2026-12-26 (3 years from its announcement"));
    // Announced after the run's date: not listed yet, and the message says when it will be.
    let early = run(
        FIXTURES[0],
        Some("cn-government"),
        "2024-01-01",
        None,
        "sarif",
    );
    assert!(early.contains("It is listed later, after the run's date: Loongson 3C6000 [龙芯3C6000] (2025年第1号, 2025-03-14, a date corroborated by several secondary sources only, level II"));
}

#[test]
fn the_share_is_decided_only_when_the_unknown_cannot_change_it() {
    // CycloneDX, no prices: 4 domestic, 5 foreign, 3 unknown of 12.
    let below = run(FIXTURES[0], None, "2026-11-23", Some("0.75"), "sarif");
    assert_eq!(
        procurement_results(&below),
        pairs(&[(
            "procurement-domestic-share-below",
            "The key components are below the minimum domestic-control share of 75.0%, even if every vendor of unknown control were domestic: by count of BOM entries, domestic 4 of 12"
        )])
    );
    let undecided = run(FIXTURES[0], None, "2026-11-23", Some("50%"), "sarif");
    assert_eq!(
        procurement_results(&undecided)
            .into_iter()
            .map(|(r, _)| r)
            .collect::<Vec<_>>(),
        ["procurement-domestic-share-undetermined"]
    );
    let above = run(FIXTURES[0], None, "2026-11-23", Some("0.2"), "sarif");
    assert_eq!(procurement_results(&above), Vec::new());
    // The priced part list: by count 5 of 9 are domestic, by spend 1,250,000 of 1,594,000 CNY.
    let priced = run(FIXTURES[2], None, "2026-11-23", Some("0.6"), "sarif");
    assert!(
        priced.contains("by count of BOM entries, domestic 5 of 9 (55.6%), foreign 2 of 9 (22.2%), unknown 2 of 9 (22.2%)."),
        "{priced}"
    );
    let spend_ok = run(FIXTURES[2], None, "2026-11-23", Some("0.78"), "sarif");
    assert!(
        spend_ok.contains("procurement-domestic-share-undetermined")
            && !spend_ok.contains("by spend,"),
        "spend 78.4% meets 0.78, so only the count is reported"
    );
    let spend_short = run(FIXTURES[2], None, "2026-11-23", Some("0.9"), "sarif");
    assert!(
        spend_short.contains("by spend, domestic 1250000.00 CNY of 1594000.00 (78.4%)"),
        "{spend_short}"
    );
}

#[test]
fn every_format_shows_the_unknown_share_apart() {
    for file in FIXTURES {
        let json = run(file, Some("cn-central"), "2026-11-23", Some("0.75"), "json");
        let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        let share = &v["files"][0]["procurement"]["share"];
        let unknown = share["byCount"]["unknown"].as_f64().expect("unknown count");
        assert!(
            unknown >= 1.0,
            "{file}: every fixture has a vendor of unknown control"
        );
        let rows = share["rows"].as_array().expect("rows");
        assert!(
            rows.iter().any(|r| r["basis"]
                .as_str()
                .unwrap_or_default()
                .contains("not in the registry")),
            "{file}: an unresolved vendor is in the share table"
        );
    }
}

#[test]
fn the_policy_file_sets_the_buyer_and_the_minimum() {
    let dir = tempdir("policy");
    std::fs::write(
        dir.join("catscan.toml"),
        "procurement = \"cn-government\"\nmin-domestic-share = 0.75\n",
    )
    .unwrap();
    let fixture = common::fixtures().join(FIXTURES[0]);
    let out = catscan_in(
        &dir,
        &[
            "scan",
            fixture.to_str().unwrap(),
            "--as-of",
            "2026-11-23",
            "--format",
            "sarif",
            "--fail-on",
            "none",
            "--quiet",
        ],
    );
    assert_eq!(out.status, 0, "{}", out.stderr);
    let rules: Vec<String> = procurement_results(&out.stdout)
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    assert!(
        rules.contains(&"procurement-not-listed".to_string()),
        "{rules:?}"
    );
    assert!(
        rules.contains(&"procurement-domestic-share-below".to_string()),
        "{rules:?}"
    );

    std::fs::write(dir.join("catscan.toml"), "procurement = \"cn-local\"\n").unwrap();
    let out = catscan_in(
        &dir,
        &[
            "scan",
            "--format",
            "sarif",
            fixture.to_str().unwrap(),
            "--quiet",
        ],
    );
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("catscan.toml:1:15: procurement = \"cn-local\" is not a buyer catscan knows; expected \"cn-central\""),
        "{}",
        out.stderr
    );
    std::fs::write(dir.join("catscan.toml"), "min-domestic-share = 75\n").unwrap();
    let out = catscan_in(
        &dir,
        &[
            "scan",
            "--format",
            "sarif",
            fixture.to_str().unwrap(),
            "--quiet",
        ],
    );
    assert_eq!(out.status, 2);
    assert!(
        out.stderr
            .contains("min-domestic-share = 75 is not a share; expected a number from 0 to 1"),
        "{}",
        out.stderr
    );
    let out = catscan(&[
        "scan",
        "--format",
        "sarif",
        "sbom-fixtures",
        "--min-domestic-share",
        "1.5",
    ]);
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("\"1.5\" is not a share"),
        "{}",
        out.stderr
    );
}

#[test]
fn explain_covers_every_procurement_rule_and_instrument() {
    for rule in [
        "procurement-not-listed",
        "procurement-list-undetermined",
        "procurement-excluded-product",
        "procurement-vendor-dropped",
        "procurement-domestic-share-below",
        "procurement-domestic-share-undetermined",
    ] {
        let out = catscan(&["explain", rule]);
        assert_eq!(out.status, 0, "{rule}");
        assert!(out.stdout.contains("**What to do.**"), "{rule}");
    }
    let out = catscan(&["explain", "procurement-not-listed"]);
    assert!(out.stdout.contains(
        "cn-mof-demand-std-2023     in force from 2023-12-16 (confirmed); status: corroborated"
    ));
    let out = catscan(&["explain", "cn-cgpc-2014-win8"]);
    assert_eq!(out.status, 0);
    assert!(out.stdout.contains("Requirement: no computer product may have Windows 8 installed (所有计算机类产品不允许安装Windows 8操作系统, clause 5)"));
    assert!(out.stdout.contains("In force from: 2014-05-20 (confirmed)"));
    let out = catscan(&["explain", "cn-cbrc-2014-317"]);
    assert!(
        out.stdout
            .contains("In force until: 2015-04-13 (exclusive)")
    );
    assert!(out.stdout.contains("Not checked against BOMs"));
    // A list limited to a narrower scope says so, with the scope's status.
    let out = catscan(&["explain", "cn-cgpc-2014-os"]);
    assert!(out.stdout.contains(
        "Limited to: personal (desktop) operating system (个人操作系统), from one secondary source only; "
    ));
    // A pack's statutory exception is explained with the rule it narrows.
    let out = catscan(&["explain", "origin-us-ndaa-889"]);
    assert!(
        out.stdout
            .contains("Exception (us-ndaa-889, §889(a)(2)(B)): \"Nothing in paragraph (1)")
    );
    assert!(
        out.stdout
            .contains("  Out of scope: transceiver (inferred, not stated in any source) — ")
    );
    assert!(out.stdout.contains("  Undecided from a BOM: line-card — "));
    let out = catscan(&["explain", "cn-nothing"]);
    assert_eq!(out.status, 2);
    assert!(
        out.stderr
            .contains("the procurement instruments are: cn-anke, ")
    );
}

fn tempdir(name: &str) -> std::path::PathBuf {
    common::scratch(name)
}
