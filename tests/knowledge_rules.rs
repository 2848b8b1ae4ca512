//! The rules that the regulatory knowledge had to learn, end to end on small BOMs: the
//! §889(a)(2)(B) exception for equipment that cannot route user data, EZVIZ caught through its
//! parent Hikvision, the 2014 lists limited to desktop operating systems and to antivirus
//! software, and a demand standard in force before the list it requires existed.

mod common;

use common::catscan;

/// Writes a CycloneDX BOM of `components` (JSON objects) and returns its path.
fn bom(name: &str, components: &[&str]) -> std::path::PathBuf {
    static DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| common::scratch("boms"));
    let path = dir.join(name);
    let text = format!(
        "{{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"version\":1,\"components\":[{}]}}",
        components.join(",")
    );
    std::fs::write(&path, text).expect("the BOM is written");
    path
}

fn device(name: &str, maker: &str, category: &str) -> String {
    format!(
        "{{\"type\":\"device\",\"name\":\"{name}\",\"manufacturer\":{{\"name\":\"{maker}\"}},\"properties\":[{{\"name\":\"catscan:category\",\"value\":\"{category}\"}}]}}"
    )
}

fn software(kind: &str, name: &str, version: &str, maker: &str) -> String {
    format!(
        "{{\"type\":\"{kind}\",\"name\":\"{name}\",\"version\":\"{version}\",\"manufacturer\":{{\"name\":\"{maker}\"}}}}"
    )
}

/// (rule, message) of every result of a SARIF run.
fn results(path: &std::path::Path, options: &[&str]) -> Vec<(String, String)> {
    let path = path.to_string_lossy();
    let mut args = vec![
        "scan",
        path.as_ref(),
        "--no-config",
        "--fail-on",
        "none",
        "--quiet",
        "--format",
        "sarif",
    ];
    args.extend(options);
    let run = catscan(&args);
    assert_eq!(run.status, 0, "{args:?}: {}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("SARIF is JSON");
    v["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap_or_default().to_string(),
                r["message"]["text"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect()
}

/// The results about one component (its message starts with its name), of rules with a prefix.
fn about<'r>(
    results: &'r [(String, String)],
    component: &str,
    prefix: &str,
) -> Vec<&'r (String, String)> {
    results
        .iter()
        .filter(|(rule, text)| {
            rule.starts_with(prefix) && text.starts_with(&format!("{component} ("))
        })
        .collect()
}

const HUAWEI: &str = "Huawei Technologies Co., Ltd.";

#[test]
fn a_passive_transceiver_is_out_of_ndaa_889_and_a_line_card_cannot_be_decided() {
    let path = bom(
        "telecom.cdx.json",
        &[
            &device("OSN 25GE SFP28 optical transceiver", HUAWEI, "transceiver"),
            &device("CR5D00E4XF90 line card", HUAWEI, "line-card"),
            &device("NetEngine 8000 M14", HUAWEI, "router"),
        ],
    );
    let r = results(&path, &["--us-federal", "--as-of", "2026-11-23"]);
    // §889(a)(2)(B): a transceiver cannot route or redirect user data traffic.
    let transceiver: Vec<&str> = about(&r, "OSN 25GE SFP28 optical transceiver", "origin-")
        .iter()
        .map(|(rule, _)| rule.as_str())
        .collect();
    // The FCC Covered List has no such exception; §889 reports nothing.
    assert_eq!(transceiver, ["origin-us-fcc-covered"], "{r:#?}");
    let line_card = about(&r, "CR5D00E4XF90 line card", "origin-undetermined");
    assert_eq!(line_card.len(), 1, "{r:#?}");
    let text = &line_card[0].1;
    assert!(
        text.contains("which the NDAA FY2019 §889 names as \"Huawei Technologies Company (or any subsidiary or affiliate)\""),
        "{text}"
    );
    assert!(
        text.contains(
            "It is a line card or module, a category the entry names, but the instrument makes an exception at §889(a)(2)(B): \"Nothing in paragraph (1) shall be construed to … cover telecommunications equipment that cannot route or redirect user data traffic or permit visibility into any user data or packets that such equipment transmits or otherwise handles\". A line card may only connect ports (passive) or may forward and inspect packets itself; the BOM does not say which, so whether this one is covered cannot be decided."
        ),
        "{text}"
    );
    assert!(
        !r.iter()
            .any(|(rule, t)| rule == "origin-us-ndaa-889" && t.starts_with("CR5D00E4XF90")),
        "a line card is not reported as covered: {r:#?}"
    );
    // A router routes: covered, and the message states the exception it does not meet.
    let router = about(&r, "NetEngine 8000 M14", "origin-us-ndaa-889");
    assert_eq!(router.len(), 1, "{r:#?}");
    assert!(
        router[0].1.contains("It is a router, within that scope (that router falls within it is inferred, not stated in any source).")
            && router[0].1.contains("equipment that cannot route or redirect user data traffic or permit visibility into user data is not covered (§889(a)(2)(B))"),
        "{}",
        router[0].1
    );
}

#[test]
fn a_line_card_that_the_bom_calls_a_router_is_covered() {
    let path = bom(
        "routing-card.cdx.json",
        &[&format!(
            "{{\"type\":\"device\",\"name\":\"NE40E routing line card\",\"manufacturer\":{{\"name\":\"{HUAWEI}\"}},\"properties\":[{{\"name\":\"catscan:category\",\"value\":\"line-card\"}},{{\"name\":\"catscan:category\",\"value\":\"router\"}}]}}"
        )],
    );
    let r = results(&path, &["--us-federal", "--as-of", "2026-11-23"]);
    let covered = about(&r, "NE40E routing line card", "origin-us-ndaa-889");
    assert_eq!(covered.len(), 1, "{r:#?}");
    assert!(
        covered[0].1.contains("It is a router, within that scope"),
        "{}",
        covered[0].1
    );
}

#[test]
fn an_ezviz_camera_is_caught_through_its_parent_hikvision() {
    let path = bom(
        "ezviz.cdx.json",
        &[&device(
            "C6Cn indoor Wi-Fi camera",
            "杭州萤石网络股份有限公司",
            "camera",
        )],
    );
    let r = results(&path, &["--us-federal", "--as-of", "2026-11-23"]);
    let found = about(&r, "C6Cn indoor Wi-Fi camera", "origin-");
    let rules: Vec<&str> = found.iter().map(|(rule, _)| rule.as_str()).collect();
    // Both lists name Hikvision for such equipment only for some uses, which a BOM cannot show.
    assert_eq!(
        rules,
        ["origin-undetermined", "origin-undetermined"],
        "{r:#?}"
    );
    let through = "is made by Hangzhou EZVIZ Network Co., Ltd. (Hangzhou EZVIZ Network Co., Ltd. belongs to Hangzhou Hikvision Digital Technology Co., Ltd. according to catscan's vendor registry; the list covers subsidiaries and affiliates, and whether this company is one in the list's sense is a legal question), which the ";
    assert!(
        found[0].1.contains(&format!(
            "{through}FCC Covered List names as \"Hangzhou Hikvision Digital Technology Company\" (added 2021-03-12; the entry and its date are corroborated by several secondary sources only)"
        )),
        "{}",
        found[0].1
    );
    assert!(
        found[1].1.contains(&format!(
            "{through}NDAA FY2019 §889 names as \"Hangzhou Hikvision Digital Technology Company (or any subsidiary or affiliate)\" (added 2019-08-13)"
        )),
        "{}",
        found[1].1
    );
}

/// Components the 2014 central lists are about, with a server OS, an OS of unstated kind and
/// Trend Micro's malware scanners.
fn central_bom() -> std::path::PathBuf {
    bom(
        "central.cdx.json",
        &[
            &software(
                "application",
                "Trend Micro OfficeScan",
                "XG",
                "Trend Micro Incorporated",
            ),
            &software(
                "application",
                "Trend Micro Apex One",
                "2019",
                "Trend Micro Incorporated",
            ),
            &software(
                "application",
                "Kaspersky Anti-Virus",
                "2015",
                "AO Kaspersky Lab",
            ),
            &software(
                "operating-system",
                "Windows Server 2012 R2 Standard",
                "6.3",
                "Microsoft Corporation",
            ),
            &software(
                "operating-system",
                "Red Hat Enterprise Linux",
                "7.1",
                "Red Hat, Inc.",
            ),
            &software(
                "operating-system",
                "Windows 10 Pro",
                "1507",
                "Microsoft Corporation",
            ),
            &software(
                "operating-system",
                "Windows Embedded Standard",
                "7",
                "Microsoft Corporation",
            ),
        ],
    )
}

#[test]
fn the_2014_os_list_is_about_desktop_operating_systems_only() {
    let r = results(
        &central_bom(),
        &["--procurement", "cn-central", "--as-of", "2015-03-01"],
    );
    // Server operating systems are outside the 个人操作系统 category: no result at all.
    assert_eq!(
        about(&r, "Windows Server 2012 R2 Standard 6.3", "procurement-"),
        Vec::<&(String, String)>::new()
    );
    assert_eq!(
        about(&r, "Red Hat Enterprise Linux 7.1", "procurement-"),
        Vec::<&(String, String)>::new()
    );
    // A desktop one of a foreign company other than Windows 7 is not listed.
    let desktop = about(&r, "Windows 10 Pro 1507", "procurement-not-listed");
    assert_eq!(desktop.len(), 1, "{r:#?}");
    assert!(
        desktop[0].1.contains("must take from the Central government procurement: personal (desktop) operating systems of eight brands, Windows 7 the only foreign one (2014), and catscan's vendor registry records Microsoft Corporation as incorporated in US, and no product of a foreign company can be on the list: Microsoft's Windows 7 is the only foreign product of the eight, so any other foreign desktop operating system is not on the list."),
        "{}",
        desktop[0].1
    );
    // An OS whose name says neither desktop nor server cannot be called unlisted.
    let unknown = about(&r, "Windows Embedded Standard 7", "procurement-");
    assert_eq!(unknown.len(), 1, "{r:#?}");
    assert_eq!(unknown[0].0, "procurement-list-undetermined");
    assert!(
        unknown[0].1.contains("so any other foreign desktop operating system is not on the list; but the list covers the personal (desktop) operating system category only (个人操作系统 (from one secondary source only)), and nothing in the BOM's name or model of the product says whether it is one."),
        "{}",
        unknown[0].1
    );
}

#[test]
fn officescan_and_apex_one_are_outside_the_2014_antivirus_category() {
    let r = results(
        &central_bom(),
        &["--procurement", "cn-central", "--as-of", "2015-03-01"],
    );
    assert_eq!(
        about(&r, "Trend Micro OfficeScan XG", "procurement-"),
        Vec::<&(String, String)>::new()
    );
    assert_eq!(
        about(&r, "Trend Micro Apex One 2019", "procurement-"),
        Vec::<&(String, String)>::new()
    );
    // Kaspersky's antivirus is in the category, and absent from the five brands.
    let kaspersky = about(&r, "Kaspersky Anti-Virus 2015", "procurement-not-listed");
    assert_eq!(kaspersky.len(), 1, "{r:#?}");
    assert!(
        kaspersky[0].1.contains("only the five listed domestic antivirus brands may be bought under the framework supply in the antivirus (杀毒软件) category")
            && kaspersky[0].1.contains(". Status (corroborated): The five brands are corroborated by three independent Chinese-side reports"),
        "{}",
        kaspersky[0].1
    );
}

#[test]
fn before_the_first_announcement_the_demand_standard_decides_nothing() {
    let path = bom(
        "gap.cdx.json",
        &[
            &device("Intel Xeon Gold 6338", "Intel Corporation", "cpu"),
            &software(
                "operating-system",
                "Windows 10 Pro",
                "22H2",
                "Microsoft Corporation",
            ),
        ],
    );
    // 2023-12-16 the standard, 2023-12-26 the first 安全可靠 announcement.
    let before = results(
        &path,
        &["--procurement", "cn-government", "--as-of", "2023-12-20"],
    );
    let rules: Vec<&str> = before.iter().map(|(rule, _)| rule.as_str()).collect();
    assert_eq!(
        rules,
        [
            "procurement-list-undetermined",
            "procurement-list-undetermined"
        ],
        "{before:#?}"
    );
    assert!(
        before[0].1.starts_with("Intel Xeon Gold 6338 (device, Intel Corporation) is a CPU (it was recognised as a processor (property catscan:category = \"cpu\")) that a buyer under --procurement cn-government must take from the \"Secure and reliable\" evaluation results (CPUs, operating systems, databases), and the list did not exist yet on 2023-12-20: its first announcement is dated 2023-12-26 (corroborated by several secondary sources only), so no product could be on it and what the requirement asked of a buyer before then is not known. The list names no CPU in force on 2023-12-20."),
        "{}",
        before[0].1
    );
    // From the first announcement on, a foreign CPU and OS are decided.
    let after = results(
        &path,
        &["--procurement", "cn-government", "--as-of", "2023-12-26"],
    );
    let rules: Vec<&str> = after.iter().map(|(rule, _)| rule.as_str()).collect();
    assert_eq!(
        rules,
        ["procurement-not-listed", "procurement-not-listed"],
        "{after:#?}"
    );
}
