//! One test per decision of the procurement rules: the lists a buyer must buy from (listed, not
//! listed, undecidable, lapsed, not yet in existence, limited to a scope), the products and
//! brands it may not buy, and the domestic-control share, through the real pipeline.

use crate::evaluate::test_support::{bom, evaluate, findings, policy_on};
use crate::findings::Control;
use crate::findings::rules::Level;
use crate::knowledge::Buyer;
use crate::policy::Policy;

/// A policy on `day` for a buyer.
fn buyer(who: Buyer, day: &str) -> Policy {
    let mut p = policy_on(day);
    p.procurement = Some(who);
    p
}

/// A central state organ in 2016, when the 2014 central framework-supply lists applied.
fn central() -> Policy {
    buyer(Buyer::CnCentral, "2016-09-01")
}

/// A government buyer in 2025, under the demand standards and the secure-and-reliable list.
fn government() -> Policy {
    buyer(Buyer::CnGovernment, "2025-06-01")
}

/// The findings of the procurement rules.
fn procurement(components: &str, policy: &Policy) -> Vec<(&'static str, Level, String)> {
    findings(&bom(components), policy)
        .into_iter()
        .filter(|(id, _, _)| id.starts_with("procurement-"))
        .collect()
}

/// The one finding of a run, as `(rule, level)` and its message.
fn only(found: Vec<(&'static str, Level, String)>) -> ((&'static str, Level), String) {
    assert_eq!(found.len(), 1, "{found:#?}");
    let (id, level, message) = found.into_iter().next().expect("one finding");
    ((id, level), message)
}

/// Each sentence appears, whole, in the message.
fn says(message: &str, sentences: &[&str]) {
    for s in sentences {
        assert!(message.contains(s), "missing:\n{s}\nin:\n{message}");
    }
}

/// The entries the run found the components listed under.
fn listed(components: &str, policy: &Policy) -> Vec<String> {
    evaluate(&bom(components), policy)
        .procurement
        .expect("a procurement policy gives an account")
        .listed
        .into_iter()
        .map(|l| l.entry)
        .collect()
}

fn cpu(name: &str, maker: &str) -> String {
    format!(
        r#"{{"type":"device","name":"{name}","manufacturer":{{"name":"{maker}"}},
            "properties":[{{"name":"catscan:class","value":"cpu"}}]}}"#
    )
}

fn software(kind: &str, name: &str, supplier: Option<&str>) -> String {
    let supplier = supplier
        .map(|s| format!(r#","supplier":{{"name":"{s}"}}"#))
        .unwrap_or_default();
    format!(r#"{{"type":"{kind}","name":"{name}"{supplier}}}"#)
}

const ANKE: &str = "that a buyer under --procurement cn-government must take from the \"Secure and reliable\" evaluation results (CPUs, operating systems, databases), and";

// The secure-and-reliable list, through the demand standards.

#[test]
fn a_listed_cpu_is_in_the_account_and_has_no_finding() {
    let kunpeng = cpu("Kunpeng 920", "Huawei");
    assert!(procurement(&kunpeng, &government()).is_empty());
    assert_eq!(
        listed(&kunpeng, &government()),
        vec![
            "Kunpeng 920 (2023年第1号, 2023-12-26, a date corroborated by several secondary sources only, entry from one secondary source only)"
        ]
    );
}

#[test]
fn a_cpu_of_a_company_incorporated_abroad_is_not_listed() {
    let (rule, message) = only(procurement(&cpu("Xeon Gold 6430", "Intel"), &government()));
    assert_eq!(rule, ("procurement-not-listed", Level::Error));
    says(
        &message,
        &[&format!(
            "Xeon Gold 6430 (device, Intel Corporation) is a CPU (the BOM declares catscan:class = cpu) {ANKE} catscan's vendor registry records Intel Corporation as incorporated in US, and no product of a foreign company can be on the list: Submitting units must be entities registered in China owning the product's IP (secondary sources); every entry reported is a Chinese company. Nearest listed products:"
        )],
    );
}

#[test]
fn a_cpu_of_a_company_incorporated_in_china_but_controlled_from_abroad_is_not_listed() {
    let (rule, message) = only(procurement(
        &cpu("Loongson 9999", "Nokia Shanghai Bell"),
        &government(),
    ));
    assert_eq!(rule, ("procurement-not-listed", Level::Error));
    says(
        &message,
        &[
            "and catscan's vendor registry records Nokia Shanghai Bell Co., Ltd. as controlled from FI, by Nokia Corporation (50% + 1 share); China Huaxin Post & Telecommunication Economy Development Center, a state-owned investment company, holds the rest (a company, as of 2017; corroborated), and no product of a foreign company can be on the list:",
        ],
    );
}

#[test]
fn a_domestic_cpu_missing_from_a_list_known_in_part_is_undetermined() {
    let (rule, message) = only(procurement(
        &cpu("Loongson 9999", "Loongson"),
        &government(),
    ));
    assert_eq!(rule, ("procurement-list-undetermined", Level::Warning));
    says(
        &message,
        &[&format!(
            "Loongson 9999 (device, Loongson Technology Corporation Limited) is a CPU (the BOM declares catscan:class = cpu) {ANKE} it is not among the entries known, and the list is known only in part: The annex tables of 2023年第1号 (18 CPUs, six operating systems, 11 centralised databases) were not read, nor the full lists of later announcements except 2025年第1号. Nearest listed products: Loongson 3B6000 [龙芯3B6000] (2025年第1号, 2025-03-14, a date corroborated by several secondary sources only, level II, entry from one secondary source only);"
        )],
    );
}

#[test]
fn a_cpu_listed_only_after_the_run_date_says_when() {
    let (rule, message) = only(procurement(
        &cpu("Kirin X90", "HiSilicon"),
        &buyer(Buyer::CnGovernment, "2024-06-01"),
    ));
    assert_eq!(rule, ("procurement-list-undetermined", Level::Warning));
    says(
        &message,
        &[
            "It is listed later, after the run's date: Kirin X90 [麒麟X90] (2025年第1号, 2025-03-14, a date corroborated by several secondary sources only, level II, entry corroborated by several secondary sources only).",
        ],
    );
}

#[test]
fn before_the_list_existed_nothing_can_be_decided() {
    let (rule, message) = only(procurement(
        &cpu("Loongson 9999", "Loongson"),
        &buyer(Buyer::CnGovernment, "2023-12-20"),
    ));
    assert_eq!(rule, ("procurement-list-undetermined", Level::Warning));
    says(
        &message,
        &[
            "and the list did not exist yet on 2023-12-20: its first announcement is dated 2023-12-26 (corroborated by several secondary sources only), so no product could be on it and what the requirement asked of a buyer before then is not known. The list names no CPU in force on 2023-12-20.",
        ],
    );
}

#[test]
fn an_entry_that_cannot_decide_makes_the_listing_undetermined() {
    let kylin = r#"{"type":"operating-system","name":"Galaxy Kylin","version":"V10","supplier":{"name":"Kylin Software"}}"#;
    let (rule, message) = only(procurement(kylin, &government()));
    assert_eq!(rule, ("procurement-list-undetermined", Level::Warning));
    says(
        &message,
        &[
            "Galaxy Kylin V10 (operating-system, Kylin Software Co., Ltd.) is an operating system (its type is operating-system) that a buyer under --procurement cn-government must take from the \"Secure and reliable\" evaluation results (CPUs, operating systems, databases), and it matches the entry Galaxy Kylin (银河麒麟), version not given (2023年第1号, 2023-12-26, a date corroborated by several secondary sources only, entry from one secondary source only), which cannot decide: The Register names the product line without a version, so whether this version is the one listed is not known.",
        ],
    );
}

#[test]
fn a_listing_past_its_validity_is_not_listed() {
    let (rule, message) = only(procurement(
        &cpu("Kunpeng 920", "Huawei"),
        &buyer(Buyer::CnGovernment, "2027-03-01"),
    ));
    assert_eq!(rule, ("procurement-not-listed", Level::Error));
    says(
        &message,
        &[
            "and its listing is no longer current: Kunpeng 920 (2023年第1号, 2023-12-26, a date corroborated by several secondary sources only, entry from one secondary source only), which lapsed on 2026-12-26 (3 years from its announcement, a period corroborated by several secondary sources only).",
        ],
    );
}

// The 2014 central framework-supply lists, each limited to a scope of its class.

const DESKTOP_LIST: &str = "that a buyer under --procurement cn-central must take from the Central government procurement: personal (desktop) operating systems of eight brands, Windows 7 the only foreign one (2014), and";

#[test]
fn a_foreign_desktop_system_other_than_windows_7_is_not_listed() {
    let windows_7 = software("operating-system", "Windows 7", Some("Microsoft"));
    assert!(procurement(&windows_7, &central()).is_empty());
    assert_eq!(
        listed(&windows_7, &central()),
        vec![
            "Microsoft Windows 7 (2014-07-31, a date inferred, not stated in any source, entry from one secondary source only)"
        ]
    );
    let windows_10 = software("operating-system", "Windows 10", Some("Microsoft"));
    let (rule, message) = only(procurement(&windows_10, &central()));
    assert_eq!(rule, ("procurement-not-listed", Level::Error));
    says(
        &message,
        &[&format!(
            "Windows 10 (operating-system, Microsoft Corporation) is an operating system (its type is operating-system) {DESKTOP_LIST} catscan's vendor registry records Microsoft Corporation as incorporated in US, and no product of a foreign company can be on the list: Microsoft's Windows 7 is the only foreign product of the eight, so any other foreign desktop operating system is not on the list. Nearest listed products: Microsoft Windows 7"
        )],
    );
}

#[test]
fn the_desktop_list_does_not_concern_a_server_system_and_cannot_decide_an_unnamed_one() {
    let server = software("operating-system", "Windows Server 2012", Some("Microsoft"));
    assert!(procurement(&server, &central()).is_empty());
    let ubuntu = software("operating-system", "Ubuntu", Some("Canonical"));
    let (rule, message) = only(procurement(&ubuntu, &central()));
    assert_eq!(rule, ("procurement-list-undetermined", Level::Warning));
    says(
        &message,
        &[&format!(
            "Ubuntu (operating-system, Canonical) is an operating system (its type is operating-system) {DESKTOP_LIST} it is not among the entries known, and the list is known only in part: Eight brands; the report names Microsoft (Windows 7), 中标麒麟, 中科方德, 阿里云 and 龙鑫 \"等\", so three brands are not known. Nearest listed products:"
        )],
    );
}

const ANTIVIRUS_LIST: &str = "that a buyer under --procurement cn-central must take from the Central government procurement: antivirus software from five domestic brands only (2014), and";

#[test]
fn the_antivirus_list_is_complete_and_domestic_only() {
    let rising = software("application", "Rising Antivirus", Some("Rising"));
    assert!(procurement(&rising, &central()).is_empty());
    assert_eq!(
        listed(&rising, &central()),
        vec![
            "瑞星 (Rising) (2014-07-31, a date from one secondary source only, entry corroborated by several secondary sources only)"
        ]
    );
    let kaspersky = software(
        "application",
        "Kaspersky Anti-Virus",
        Some("AO Kaspersky Lab"),
    );
    let (rule, message) = only(procurement(&kaspersky, &central()));
    assert_eq!(rule, ("procurement-not-listed", Level::Error));
    says(
        &message,
        &[&format!(
            "Kaspersky Anti-Virus (application, Kaspersky Lab (AO Kaspersky Lab)) is an anti-virus or endpoint security software (its name or model contains \"anti-virus\") {ANTIVIRUS_LIST} catscan's vendor registry records Kaspersky Lab (AO Kaspersky Lab) as incorporated in RU, and no product of a foreign company can be on the list: 仅剩5家: 360, 冠群金辰, 江民, 瑞星, 金山, all domestic. Nearest listed products:"
        )],
    );
    // A vendor the registry does not know, named by the BOM: the complete list does not name it.
    let unknown = software("application", "Super Antivirus", Some("Acme Nowhere"));
    let (rule, message) = only(procurement(&unknown, &central()));
    assert_eq!(rule, ("procurement-not-listed", Level::Error));
    says(
        &message,
        &[
            "and the list is known in full and does not name it (仅剩5家: 360, 冠群金辰, 江民, 瑞星, 金山, all domestic.). Nearest listed products:",
        ],
    );
    // No vendor at all: it could be a listed brand's product.
    let nameless = software("application", "Super Antivirus", None);
    let (rule, message) = only(procurement(&nameless, &central()));
    assert_eq!(rule, ("procurement-list-undetermined", Level::Warning));
    says(
        &message,
        &[
            "and the list is known in full and no entry names the product, but the BOM names no vendor, so it cannot be ruled out that it is a product of a listed brand. Nearest listed products:",
        ],
    );
}

#[test]
fn the_antivirus_list_concerns_the_antivirus_category_only() {
    // Apex One is malware scanning in another category of the central list.
    let apex = software("application", "Apex One", Some("Trend Micro"));
    assert!(procurement(&apex, &central()).is_empty());
    // "Endpoint Security" does not say whether it is antivirus software.
    let endpoint = software("application", "Endpoint Security", Some("Acme Nowhere"));
    let (rule, message) = only(procurement(&endpoint, &central()));
    assert_eq!(rule, ("procurement-list-undetermined", Level::Warning));
    says(
        &message,
        &[
            "and the list is known in full and does not name it (仅剩5家: 360, 冠群金辰, 江民, 瑞星, 金山, all domestic.); but the list covers the antivirus software category only (杀毒软件 (from one secondary source only)), and nothing in the BOM's name or model of the product says whether it is one. Nearest listed products:",
        ],
    );
}

#[test]
fn windows_8_is_excluded_by_name_for_central_buyers_only() {
    let windows_8 = software("operating-system", "Windows 8", Some("Microsoft"));
    let found = procurement(&windows_8, &buyer(Buyer::CnCentral, "2014-09-01"));
    let rules: Vec<(&str, Level)> = found.iter().map(|(id, l, _)| (*id, *l)).collect();
    assert_eq!(
        rules,
        vec![
            ("procurement-excluded-product", Level::Error),
            ("procurement-not-listed", Level::Error)
        ]
    );
    assert_eq!(
        found[0].2,
        "Windows 8 (operating-system, Microsoft Corporation) is Windows 8 (its type is operating-system), which the Central government procurement: no Windows 8 on computers (May 2014) excludes by name for buyers under --procurement cn-central: no computer product may have Windows 8 installed (所有计算机类产品不允许安装Windows 8操作系统, clause 5). Scope: CGPC framework supply of energy-saving products to central state organs, seven categories: laptops, tablets, desktops, all-in-one computers, laser, flatbed and drum printers; not a nationwide ban. The notice names Windows 8 only; Windows 8.1 is not named. The notice gives no end date; framework-supply lists are reissued by period, and no later notice about Windows 8 is recorded. Basis: 关于进行信息类协议供货强制节能产品补充招标的通知 (中央国家机关政府采购中心 (Central Government Procurement Center, CGPC), from 2014-05-20). Sources: P-CGPC-WIN8."
    );
    // A government buyer outside the central organs is not bound by the central notice.
    assert!(procurement(&windows_8, &buyer(Buyer::CnGovernment, "2014-09-01")).is_empty());
}

#[test]
fn a_product_of_a_brand_dropped_from_the_central_list_is_reported() {
    let router = r#"{"type":"device","name":"ASR 9000","manufacturer":{"name":"Cisco"},
        "properties":[{"name":"catscan:category","value":"router"}]}"#;
    assert_eq!(
        procurement(router, &central()),
        vec![(
            "procurement-vendor-dropped",
            Level::Warning,
            "ASR 9000 (device, Cisco Systems, Inc.) comes from Cisco (60 products in 2012, none by late 2014), a brand the Central government procurement list: Cisco, Apple, McAfee and Citrix dropped (reported 2015) no longer holds for buyers under --procurement cn-central: products of the dropped brands are not on the list central ministries buy from. Scope: central ministries buying under the CGPC list; it does not bind local governments, state-owned enterprises or the military. Status: Confirmed as Reuters' analysis of the list (one analysis, many reprints), not as an official statement. Basis: 中央政府采购中心 协议供货清单 (中央国家机关政府采购中心 (CGPC); the list is approved by the Ministry of Finance, from 2015-02-26, a date inferred, not stated in any source). Sources: P-REUTERS-CGPC-2015.".to_string()
        )]
    );
    // Without a procurement policy, nothing.
    assert!(procurement(router, &policy_on("2016-09-01")).is_empty());
}

#[test]
fn a_class_the_data_does_not_know_is_an_invalid_declaration() {
    let gpu = r#"{"type":"application","name":"X","properties":[{"name":"catscan:class","value":"gpu"}]}"#;
    let found: Vec<_> = findings(&bom(gpu), &central())
        .into_iter()
        .filter(|(id, _, _)| *id == "data-quality-invalid-declaration")
        .collect();
    assert_eq!(
        found,
        vec![(
            "data-quality-invalid-declaration",
            Level::Warning,
            "X (application) declares catscan:class = \"gpu\", which catscan cannot use: it names no product class; expected cpu, operating-system, database, security-software or none.".to_string()
        )]
    );
}

// The domestic-control share.

fn firewall(name: &str, maker: &str, price: Option<&str>) -> String {
    let price = price
        .map(|p| format!(r#",{{"name":"catscan:unit-price","value":"{p}"}}"#))
        .unwrap_or_default();
    format!(
        r#"{{"type":"device","name":"{name}","manufacturer":{{"name":"{maker}"}},
            "properties":[{{"name":"catscan:category","value":"firewall"}}{price}]}}"#
    )
}

fn minimum(share: &str) -> Policy {
    let mut p = policy_on("2026-06-01");
    p.min_domestic_share = Some(share.parse().expect("a decimal"));
    p
}

const SHARE_TAIL: &str = " Key components are catalogue products, CPUs, operating systems, databases and security software; control is the vendor's controlling country as catscan's vendor registry records it.";

#[test]
fn a_share_below_the_minimum_even_with_every_unknown_domestic_is_an_error() {
    let components = [
        firewall("FW", "Check Point Software Technologies", None),
        firewall("NGFW", "Qi An Xin", None),
    ]
    .join(",");
    assert_eq!(
        procurement(&components, &minimum("0.75")),
        vec![(
            "procurement-domestic-share-below",
            Level::Error,
            format!(
                "The key components are below the minimum domestic-control share of 75.0%, even if every vendor of unknown control were domestic: by count of BOM entries, domestic 1 of 2 (50.0%), foreign 1 of 2 (50.0%), unknown 0 of 2 (0.0%).{SHARE_TAIL}"
            )
        )]
    );
    // Exactly at the minimum is enough.
    assert!(procurement(&components, &minimum("0.5")).is_empty());
    let rows: Vec<(Control, String)> = evaluate(&bom(&components), &minimum("0.5"))
        .procurement
        .expect("a minimum share gives an account")
        .share
        .rows
        .into_iter()
        .map(|r| (r.control, r.basis))
        .collect();
    assert_eq!(
        rows,
        vec![
            (
                Control::Foreign,
                "Check Point Software Technologies Ltd.: incorporated in IL".to_string()
            ),
            (
                Control::Domestic,
                "Qi An Xin Technology Group Inc.: controlled from CN, by Qi Xiangdong (a natural person, as of 2024; inferred: the source names Qi Xiangdong as controlling shareholder and actual controller without stating his nationality)".to_string()
            ),
        ]
    );
}

#[test]
fn a_share_that_depends_on_vendors_of_unknown_control_is_undetermined() {
    let components = [
        firewall("AF", "Sangfor", None),
        firewall("NGFW", "Qi An Xin", None),
    ]
    .join(",");
    assert_eq!(
        procurement(&components, &minimum("0.75")),
        vec![(
            "procurement-domestic-share-undetermined",
            Level::Warning,
            format!(
                "Whether the key components meet the minimum domestic-control share of 75.0% depends on vendors of unknown control: by count of BOM entries, domestic 1 of 2 (50.0%), foreign 0 of 2 (0.0%), unknown 1 of 2 (50.0%). Unknown: AF (Sangfor Technologies Inc.: incorporated in CN, controlling owner not recorded).{SHARE_TAIL}"
            )
        )]
    );
}

#[test]
fn a_share_met_by_count_can_fall_short_by_spend() {
    let components = [
        firewall("FW", "Check Point Software Technologies", Some("900 CNY")),
        firewall("NGFW", "Qi An Xin", Some("100 CNY")),
    ]
    .join(",");
    let (rule, message) = only(procurement(&components, &minimum("0.5")));
    assert_eq!(rule, ("procurement-domestic-share-below", Level::Error));
    assert_eq!(
        message,
        format!(
            "The key components are below the minimum domestic-control share of 50.0%, even if every vendor of unknown control were domestic: by spend, domestic 100.00 CNY of 1000.00 (10.0%), foreign 900.00 CNY of 1000.00 (90.0%), unknown 0.00 CNY of 1000.00 (0.0%).{SHARE_TAIL}"
        )
    );
}
