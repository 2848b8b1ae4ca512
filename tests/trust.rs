//! Decisions a compliance engineer can trust on the BOMs people have (issue 14): software is never
//! read as equipment from its name, security products delivered as software are still recognised,
//! the figures suppliers write under their own property names count (and say where they came
//! from), the CII review is weighed by who controls the developer, a device nothing identifies is
//! reported in every market, and the same product gets the same verdict in every format.
//!
//! Each test compares exact lists of (component, rule, level): one more finding fails it.

mod common;

use common::catscan;
use serde_json::Value;

const AS_OF: &str = "2026-11-23";

/// (component, rule, level) of one finding.
type Row = (String, String, String);
/// (component, message) of one finding.
type Message = (String, String);

/// Scans `files` with `options` and returns every finding as (component, rule, level), sorted,
/// with the messages by component for the assertions that read them.
fn findings(files: &[&str], options: &[&str]) -> (Vec<Row>, Vec<Message>) {
    let mut args = vec!["scan"];
    args.extend_from_slice(files);
    args.extend_from_slice(&[
        "--no-config",
        "--format",
        "json",
        "--fail-on",
        "none",
        "--as-of",
        AS_OF,
    ]);
    args.extend_from_slice(options);
    let run = catscan(&args);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON report");
    let mut list = Vec::new();
    let mut messages = Vec::new();
    for file in json["files"].as_array().expect("files") {
        for f in file["findings"].as_array().expect("findings") {
            let name = f["component"]["name"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            list.push((
                name.clone(),
                f["rule"].as_str().unwrap().to_string(),
                f["level"].as_str().unwrap().to_string(),
            ));
            messages.push((name, f["message"].as_str().unwrap().to_string()));
        }
    }
    list.sort();
    (list, messages)
}

fn row(name: &str, rule: &str, level: &str) -> Row {
    (name.to_string(), rule.to_string(), level.to_string())
}

fn message_of<'a>(messages: &'a [(String, String)], name: &str, rule_text: &str) -> &'a str {
    messages
        .iter()
        .find(|(n, m)| n == name && m.contains(rule_text))
        .map_or_else(
            || panic!("no message for {name} containing {rule_text:?}: {messages:#?}"),
            |(_, m)| m.as_str(),
        )
}

const SOFTWARE: &str = "tests/fixtures/trust/software-named-like-products.cdx.json";
const FIGURES: &str = "tests/fixtures/trust/supplier-figures.cdx.json";

/// Item 1: packages of software ecosystems (Maven `jetty-server`, npm `router`, Debian
/// `openssh-server`, a Debian `suricata` whose description says "intrusion detection") are never
/// products from their words; a container image that declares its category is one, and so is a
/// virtual firewall delivered as an application by a security vendor (item 10).
#[test]
fn software_is_never_equipment_from_its_name() {
    let expected = vec![
        row(
            "vSG-6000 Virtual Next-Generation Firewall",
            "catalogue-in-scope",
            "error",
        ),
        row("vendor/waf", "catalogue-in-scope", "error"),
    ];
    assert_eq!(findings(&[SOFTWARE], &[]).0, expected);

    let mut with_cii = expected.clone();
    with_cii.push(row(
        "vSG-6000 Virtual Next-Generation Firewall",
        "origin-cii-review",
        "warning",
    ));
    with_cii.push(row("vendor/waf", "origin-cii-review", "warning"));
    with_cii.sort();
    assert_eq!(findings(&[SOFTWARE], &["--cii"]).0, with_cii);

    let (_, messages) = findings(&[SOFTWARE], &[]);
    let firewall = message_of(
        &messages,
        "vSG-6000 Virtual Next-Generation Firewall",
        "item",
    );
    assert!(
        firewall.contains("the name contains \"next-generation firewall\""),
        "{firewall}"
    );
}

/// Item 10: figures under the names suppliers use ("Switching Capacity", "包转发率", "CPU Count",
/// "Cores per CPU", "Memory (GB)", "Form Factor", "交換容量") decide thresholds, the message names
/// the property, and switching capacity is called a near relative of the measured throughput.
/// Traditional Chinese product words (交換器) are read like Simplified ones. Item 4: the BOM's
/// subject, an assembly of the listed devices, gets no vendor finding; the unbranded device does.
#[test]
fn supplier_property_names_decide_thresholds_and_say_where_figures_came_from() {
    let (list, messages) = findings(&[FIGURES], &[]);
    assert_eq!(
        list,
        vec![
            row("Edge appliance", "data-quality-no-vendor", "warning"),
            row("S12508G-AF", "catalogue-in-scope", "error"),
            row("TS860M5 Server", "catalogue-in-scope", "error"),
            row("核心交換器 XG-5000", "catalogue-undetermined", "warning"),
        ]
    );
    let switch = message_of(&messages, "S12508G-AF", "cne.switch");
    assert!(
        switch.contains("57.6 Tbps from property Switching Capacity = \"57.6 Tbps\" (suppliers state the switching capacity; catscan reads it as the whole-system bidirectional throughput the item measures, a near relative but not the same measure), met"),
        "{switch}"
    );
    assert!(
        switch.contains("28.8 Gpps from property 包转发率 = \"28800 Mpps\", met"),
        "{switch}"
    );
    let server = message_of(&messages, "TS860M5 Server", "cne.server_rack");
    for part in [
        "rack-mounted from property Form Factor = \"4U rack\", met",
        "8 from property CPU Count = \"8\", met",
        "28 from property Cores per CPU = \"28\", met",
        "from property Memory (GB) = \"2048\", met",
    ] {
        assert!(server.contains(part), "{part:?} not in {server}");
    }
    let tw = message_of(&messages, "核心交換器 XG-5000", "cne.switch");
    assert!(tw.contains("the name contains \"交換器\""), "{tw}");
    assert!(
        tw.contains("2.4 Tbps from property 交換容量 = \"2.4 Tbps\""),
        "{tw}"
    );
}

/// Item 4: a device nothing identifies is reported whatever the market; with only US rules on,
/// the catalogue findings go but the unbranded device stays, and the switch of a vendor the
/// registry does not know cannot be screened against the lists that name makers of switches.
#[test]
fn an_unbranded_device_is_reported_in_every_market() {
    assert_eq!(
        findings(&[FIGURES], &["--market", "us"]).0,
        vec![
            row("Edge appliance", "data-quality-no-vendor", "warning"),
            row(
                "核心交換器 XG-5000",
                "data-quality-unresolved-vendor",
                "warning"
            ),
        ]
    );
}

/// Item 4: passive and electronic parts of a circuit-board part list (EAGLE and KiCad exports:
/// resistors, capacitors, a ferrite bead, a crystal, an RJ45 jack, an MCU, an Ethernet PHY, with
/// no manufacturer) are parts, not unidentified products.
#[test]
fn electronic_parts_are_parts() {
    for file in [
        "tests/fixtures/partlist/eagle-ethernet.csv",
        "tests/fixtures/partlist/eagle-grouped.csv",
        "tests/fixtures/partlist/kicad-ethernet.csv",
        "tests/fixtures/partlist/kicad-pcbnew-ethernet.csv",
    ] {
        for options in [&[][..], &["--market", "us"][..]] {
            assert_eq!(findings(&[file], options).0, vec![], "{file} {options:?}");
        }
    }
}

/// Item 3: the CII review is a warning where it could change the decision (a foreign developer,
/// or one whose control the registry does not record) and a note where the registry records the
/// developer as controlled from China; setting the rule's level by its id reports every case at it.
#[test]
fn the_cii_review_is_weighed_by_who_controls_the_developer() {
    let file = "sbom-fixtures/origin-mixed-hbom.cdx.json";
    let cii = |options: &[&str]| -> Vec<(String, String)> {
        findings(&[file], options)
            .0
            .into_iter()
            .filter(|(_, rule, _)| rule == "origin-cii-review")
            .map(|(name, _, level)| (name, level))
            .collect()
    };
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        cii(&["--cii"]),
        pairs(&[
            ("AcmeShield WAF-2000", "warning"),
            ("FortiGate 600F", "warning"),
            ("GS-48P access switch", "warning"),
            ("NetEngine 8000 M14", "note"),
            ("PowerEdge R660 rack server", "warning"),
            ("天阗 入侵检测系统 TS-5000", "note"),
            ("深信服 SSL VPN 网关 M5400", "warning"),
        ])
    );
    let (_, messages) = findings(&[file], &["--cii"]);
    let venustech = message_of(
        &messages,
        "天阗 入侵检测系统 TS-5000",
        "critical information infrastructure",
    );
    assert!(
        venustech.contains("as controlled from China, so the review is unlikely to change the decision: reported as a note"),
        "{venustech}"
    );
    assert!(
        cii(&["--cii", "-W", "origin-cii-review"])
            .iter()
            .all(|(_, level)| level == "warning")
    );
}

/// Item 5: the same product gets the same rule and level from CycloneDX (typed `application`)
/// and from a part-list row (no type), and a description that runs words together ("rack server
/// CPU count 2") still names a rack server in a part list.
#[test]
fn one_verdict_whatever_the_format() {
    let dir = common::scratch("one-verdict");
    let cdx = dir.join("nids.cdx.json");
    std::fs::write(
        &cdx,
        r#"{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [
  {"type": "application", "name": "TopSentry NIDS 3000", "version": "6.0",
   "manufacturer": {"name": "Beijing Topsec Network Security Technology Co., Ltd."}},
  {"type": "device", "name": "RS-2288 rack server CPU count 2", "version": "1",
   "manufacturer": {"name": "Inspur"}}
]}"#,
    )
    .unwrap();
    let csv = dir.join("nids.csv");
    std::fs::write(
        &csv,
        "Manufacturer,Name,Version,Description\n\
         \"Beijing Topsec Network Security Technology Co., Ltd.\",TopSentry NIDS 3000,6.0,\n\
         Inspur,RS-2288,1,rack server CPU count 2\n",
    )
    .unwrap();
    let of = |path: &std::path::Path| -> Vec<(String, String)> {
        findings(&[path.to_str().unwrap()], &[])
            .0
            .into_iter()
            .map(|(name, rule, level)| {
                // The part-list row is named by its Name column; the CycloneDX one carries the
                // description in its name.
                let name = name.replace(" rack server CPU count 2", "");
                (format!("{name} {rule}"), level)
            })
            .collect()
    };
    let from_cdx = of(&cdx);
    assert_eq!(from_cdx, of(&csv));
    assert_eq!(
        from_cdx,
        vec![
            (
                "RS-2288 catalogue-undetermined".to_string(),
                "warning".to_string()
            ),
            (
                "TopSentry NIDS 3000 catalogue-in-scope".to_string(),
                "error".to_string()
            ),
        ]
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Item 5: an SBOM of a single binary describes a file, not a package. Its SPDX 3 form makes the
/// root `software_File` the BOM's subject; the SPDX 2 JSON and tag-value copies, which describe
/// the file with `documentDescribes` or a DESCRIBES relationship, give the same one component.
#[test]
fn a_described_file_is_the_subject_in_every_spdx_version() {
    for file in [
        "tests/fixtures/trust/hello-bin.spdx.json",
        "tests/fixtures/trust/hello-bin.spdx",
        "tests/fixtures/trust/hello-bin.spdx3.json",
    ] {
        let run = catscan(&[
            "scan",
            file,
            "--no-config",
            "--format",
            "json",
            "--fail-on",
            "none",
        ]);
        assert_eq!(run.status, 0, "{}", run.stderr);
        let json: Value = serde_json::from_str(&run.stdout).unwrap();
        let report = &json["files"][0];
        assert_eq!(report["components"], 1, "{file}: {report}");
        assert_eq!(report["findings"], serde_json::json!([]), "{file}");
        assert_eq!(report["diagnostics"], serde_json::json!([]), "{file}");
    }
}

/// Item 2: procurement classes come from identity. The operating system is assessed once though
/// distro2sbom's CycloneDX writes it as the BOM's subject and again as a component; a keyring, a
/// JDBC driver and an application whose name says "Debian GNU/Linux" are no operating systems or
/// databases.
#[test]
fn procurement_classes_come_from_identity() {
    let (list, _) = findings(
        &["tests/fixtures/trust/os-subject.cdx.json"],
        &["--procurement", "cn-central"],
    );
    assert_eq!(
        list,
        vec![
            row(
                "debian-gnu/linux",
                "procurement-list-undetermined",
                "warning"
            ),
            row(
                "debian-gnu/linux",
                "procurement-list-undetermined",
                "warning"
            ),
        ]
    );
}

/// Item 8: with only US rules on, the summary says the catalogue was not applied and counts no
/// component as evaluated against it; a part list shows no empty specification version.
#[test]
fn the_summary_says_what_ran() {
    let run = catscan(&[
        "scan",
        "sbom-fixtures/datacenter-parts.csv",
        "--no-config",
        "--market",
        "us",
        "--fail-on",
        "none",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("catscan 0.1.0: as of 2026-11-23, the catalogue not applied\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "  sbom-fixtures/datacenter-parts.csv: CSV part list, 28 components, 4 errors, 4 warnings, 0 notes\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("evaluated against the catalogue"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("Rules not run: catalogue (market cn not selected)"),
        "{}",
        run.stderr
    );
}
