//! One test per decision of the origin rules: a few CycloneDX components through the real
//! pipeline, under a policy that turns the pack on, and the exact rule, level and wording.

use crate::evaluate::test_support::{bom, findings, policy_on};
use crate::findings::rules::Level;
use crate::policy::{Market, Policy};

/// A device of a category, made by `maker`.
fn device(name: &str, maker: &str, category: &str) -> String {
    format!(
        r#"{{"type":"device","name":"{name}","manufacturer":{{"name":"{maker}"}},
            "properties":[{{"name":"catscan:category","value":"{category}"}}]}}"#
    )
}

/// The findings of the origin rules, and of the unresolved-vendor rule they raise.
fn origin(components: &str, policy: &Policy) -> Vec<(&'static str, Level, String)> {
    findings(&bom(components), policy)
        .into_iter()
        .filter(|(id, _, _)| id.starts_with("origin-") || *id == "data-quality-unresolved-vendor")
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

const ON: &str = "2026-06-01";

fn mlps(grade: u8) -> Policy {
    let mut p = policy_on(ON);
    p.mlps_grade = Some(grade);
    p
}

fn cii() -> Policy {
    let mut p = policy_on(ON);
    p.cii = true;
    p
}

fn us_on(day: &str) -> Policy {
    let mut p = policy_on(day);
    p.markets.insert(Market::Us);
    p
}

fn us() -> Policy {
    us_on(ON)
}

fn us_federal() -> Policy {
    let mut p = us();
    p.us_federal = true;
    p
}

// MLPS grade 3+: the developer test.

/// What every MLPS finding on a firewall says before its verdict.
fn mlps_head(component: &str) -> String {
    format!(
        "{component} is a firewall (recognised from: property catscan:category = \"firewall\" (confidence: certain)), a security product for the MLPS grade 3+: domestic developer of security products (--mlps-grade 3 (or higher))"
    )
}

/// What every MLPS finding says after its verdict.
const MLPS_BASIS: &str = "Basis: 《信息安全等级保护管理办法》 (公通字[2007]43号), Article 21: products used in systems of grade 3 and higher must come from a developer or manufacturer incorporated in China as an independent legal person and invested in or controlled by Chinese citizens, legal persons or the state, with core technology and key components under independent Chinese IP, and without deliberate vulnerabilities, backdoors or trojans. Its status: The substance of Article 21 is from secondary summaries and the MPS filing form; the verbatim text was not retrieved. Whether MLPS 2.0 (GB/T 22239-2019, in effect 2019-12-01) or a later rule replaced it is unconfirmed; practitioner guides still cite it. Which products count: Article 21 speaks of information security products (信息安全产品) in the system; catscan takes these to be the specialized cybersecurity product categories of the catalogues. Network equipment and servers are not covered by this reading. Sources: S-MLPS-GOV, S-MLPS21, S-MLPS-FORM.";

#[test]
fn mlps_a_developer_incorporated_abroad_is_foreign() {
    let found = origin(
        &device(
            "Quantum 6600",
            "Check Point Software Technologies",
            "firewall",
        ),
        &mlps(3),
    );
    assert_eq!(
        only(found),
        (
            ("origin-mlps-foreign-developer", Level::Error),
            format!(
                "{}, and its developer is not incorporated in China: catscan's vendor registry records Check Point Software Technologies Ltd. as incorporated in IL (entry check-point, confirmed). {MLPS_BASIS}",
                mlps_head("Quantum 6600 (device, Check Point Software Technologies Ltd.)")
            )
        )
    );
}

#[test]
fn mlps_a_developer_incorporated_in_china_and_controlled_from_abroad_is_foreign() {
    let found = origin(&device("FW 1", "Nokia Shanghai Bell", "firewall"), &mlps(3));
    assert_eq!(
        only(found),
        (
            ("origin-mlps-foreign-developer", Level::Error),
            format!(
                "{}, and its developer is controlled from outside China: catscan's vendor registry records Nokia Shanghai Bell Co., Ltd. as incorporated in CN (entry nokia-shanghai-bell, confirmed), and controlled from FI, by Nokia Corporation (50% + 1 share); China Huaxin Post & Telecommunication Economy Development Center, a state-owned investment company, holds the rest (a company, as of 2017; corroborated). {MLPS_BASIS}",
                mlps_head("FW 1 (device, Nokia Shanghai Bell Co., Ltd.)")
            )
        )
    );
}

#[test]
fn mlps_a_developer_incorporated_and_controlled_in_china_gives_no_finding() {
    let text = bom(&device("NGFW", "Qi An Xin", "firewall"));
    let all = findings(&text, &mlps(3));
    // The firewall is recognised (the catalogue reports it), and origin has nothing to say.
    assert!(
        all.iter().any(|(id, _, _)| *id == "catalogue-in-scope"),
        "{all:#?}"
    );
    assert!(origin(&device("NGFW", "Qi An Xin", "firewall"), &mlps(3)).is_empty());
}

#[test]
fn mlps_a_developer_incorporated_in_hong_kong_is_undetermined() {
    let found = origin(&device("FW", "Lenovo", "firewall"), &mlps(4));
    assert_eq!(
        only(found),
        (
            ("origin-undetermined", Level::Warning),
            format!(
                "{}, and whether its developer qualifies cannot be decided: catscan's vendor registry records Lenovo Group Limited as incorporated in HK (entry lenovo, confirmed); whether incorporation in HK counts as incorporation in China (在中华人民共和国境内) is not settled by the sources. {MLPS_BASIS}",
                mlps_head("FW (device, Lenovo Group Limited)")
            )
        )
    );
}

#[test]
fn mlps_a_chinese_developer_whose_controller_is_not_recorded_is_undetermined() {
    let found = origin(&device("AF", "Sangfor", "firewall"), &mlps(3));
    assert_eq!(
        only(found),
        (
            ("origin-undetermined", Level::Warning),
            format!(
                "{}, and whether its developer qualifies cannot be decided: catscan's vendor registry records Sangfor Technologies Inc. as incorporated in CN (entry sangfor, secondary); who controls it is not recorded. {MLPS_BASIS}",
                mlps_head("AF (device, Sangfor Technologies Inc.)")
            )
        )
    );
    // The registry's words about the owner, when it has some, are quoted.
    let (rule, message) = only(origin(&device("NF", "NSFOCUS", "firewall"), &mlps(3)));
    assert_eq!(rule, ("origin-undetermined", Level::Warning));
    says(
        &message,
        &[
            "who controls it is not recorded as a country (the registry says: At 2014 IPO main shareholders Investor AB Limited and 联想投资 (Legend Capital); current controller unknown). Basis:",
        ],
    );
}

/// A device of a category whose BOM declares who controls its developer.
fn declared_device(name: &str, maker: &str, category: &str, country: &str) -> String {
    format!(
        r#"{{"type":"device","name":"{name}","manufacturer":{{"name":"{maker}"}},
            "properties":[{{"name":"catscan:category","value":"{category}"}},
                          {{"name":"catscan:developer-controller","value":"Example Holdings"}},
                          {{"name":"catscan:developer-controller-country","value":"{country}"}}]}}"#
    )
}

#[test]
fn mlps_control_the_bom_declares_decides_where_the_registry_cannot() {
    // Controlled from China, as declared: no finding.
    assert_eq!(
        origin(
            &declared_device("AF", "Sangfor", "firewall", "CN"),
            &mlps(3)
        ),
        Vec::new()
    );
    // Controlled from abroad, as declared: the developer does not qualify, and the message says
    // the decision rests on the BOM's declaration.
    let (rule, message) = only(origin(
        &declared_device("AF", "Sangfor", "firewall", "US"),
        &mlps(3),
    ));
    assert_eq!(rule, ("origin-mlps-foreign-developer", Level::Error));
    says(
        &message,
        &[
            "and its developer is controlled from outside China: catscan's vendor registry records Sangfor Technologies Inc. as incorporated in CN (entry sangfor, secondary), and controlled from US, by Example Holdings, as the BOM declares (catscan:developer-controller-country; a declaration catscan does not check); the registry: incorporated in CN, controlling owner not recorded. Basis:",
        ],
    );
}

#[test]
fn mlps_a_declaration_the_registry_contradicts_is_undetermined() {
    let (rule, message) = only(origin(
        &declared_device("FW", "Qi An Xin", "firewall", "US"),
        &mlps(3),
    ));
    assert_eq!(rule, ("origin-undetermined", Level::Warning));
    says(
        &message,
        &[
            "but the BOM declares control from US, by Example Holdings (catscan:developer-controller-country; a declaration catscan does not check); the two disagree, so catscan does not decide. Basis:",
        ],
    );
}

#[test]
fn mlps_a_control_record_that_decides_nothing_is_undetermined_and_says_why() {
    let (rule, message) = only(origin(&device("FW", "CXMT", "firewall"), &mlps(3)));
    assert_eq!(rule, ("origin-undetermined", Level::Warning));
    says(
        &message,
        &[
            "whether its developer qualifies cannot be decided: catscan's vendor registry records ChangXin Memory Technologies (CXMT) as incorporated in CN (entry cxmt, confirmed), and its filing declares no actual controller (无实际控制人, as of 2026; secondary: the prospectus states 无控股股东、无实际控制人; read only in a summary of an analysis of it), which by itself does not say whether Chinese citizens, legal persons or the state invest in or hold it; the major shareholders recorded, Big Fund II and Hefei and Anhui state entities, together well over 30% (secondary: who holds the rest is not recorded), are not recorded as Chinese as a whole. Basis:",
        ],
    );
}

#[test]
fn mlps_a_registry_entry_of_unknown_status_decides_nothing() {
    let (rule, message) = only(origin(
        &device(
            "FW",
            "Chengdu Westone Information Industry Inc.",
            "firewall",
        ),
        &mlps(3),
    ));
    assert_eq!(rule, ("origin-undetermined", Level::Warning));
    says(
        &message,
        &[
            "whether its developer qualifies cannot be decided: catscan's vendor registry records Chengdu Westone Information Industry Inc. as incorporated in CN (entry westone, unknown), but the registry entry has status unknown (its key facts were never read) and is not used for origin decisions. Basis:",
        ],
    );
}

#[test]
fn mlps_a_developer_without_a_recorded_incorporation_is_undetermined() {
    // Neither incorporation nor control recorded.
    let (rule, message) = only(origin(
        &device("M1", "Montage Technology Group Limited", "firewall"),
        &mlps(3),
    ));
    assert_eq!(rule, ("origin-undetermined", Level::Warning));
    says(
        &message,
        &[
            "whether its developer qualifies cannot be decided: catscan's vendor registry records Montage Technology Group Limited as incorporated in an unrecorded country (entry montage, secondary). Basis:",
        ],
    );
    // No incorporation, but a control record: it is quoted.
    let (rule, message) = only(origin(
        &device("H1", "Hollysys Automation Technologies Ltd.", "firewall"),
        &mlps(3),
    ));
    assert_eq!(rule, ("origin-undetermined", Level::Warning));
    says(
        &message,
        &[
            "catscan's vendor registry records Hollysys Automation Technologies Ltd. as incorporated in an unrecorded country (entry hollysys, confirmed), and controlled from HK, by Superior Technologies Holding Limited (100% since 2024-07-25), formed by Ascendent Capital Partners, a private-equity firm headquartered in Hong Kong (a company, as of 2024; corroborated); whether HK counts as domestic is not settled. Basis:",
        ],
    );
}

#[test]
fn mlps_below_grade_3_or_outside_its_categories_gives_no_finding() {
    let foreign = device(
        "Quantum 6600",
        "Check Point Software Technologies",
        "firewall",
    );
    assert!(origin(&foreign, &mlps(2)).is_empty());
    assert!(origin(&foreign, &policy_on(ON)).is_empty());
    // A router is no security product in the pack's reading.
    assert!(origin(&device("ASR 9000", "Cisco", "router"), &mlps(3)).is_empty());
}

#[test]
fn mlps_a_security_product_whose_vendor_is_unknown_asks_for_the_vendor() {
    let found = origin(&device("FW", "Acme Nowhere", "firewall"), &mlps(3));
    assert_eq!(
        only(found),
        (
            ("data-quality-unresolved-vendor", Level::Warning),
            "FW (device, Acme Nowhere) needs its vendor for the MLPS grade 3+: domestic developer of security products (--mlps-grade 3 (or higher)), but the vendor could not be identified. The vendor registry knows none of the names the BOM gives (manufacturer \"Acme Nowhere\"), and neither its package URL nor its CPE names a known vendor. Name the manufacturer as registered, or add the vendor to an extra vendor file.".to_string()
        )
    );
    let nameless = r#"{"type":"device","name":"FW","properties":[{"name":"catscan:category","value":"firewall"}]}"#;
    let (rule, message) = only(origin(nameless, &mlps(3)));
    assert_eq!(rule, ("data-quality-unresolved-vendor", Level::Warning));
    says(
        &message,
        &[
            "The BOM names no manufacturer, supplier, publisher or author for it, and neither its package URL nor its CPE names a known vendor.",
        ],
    );
}

// CII: the cybersecurity review.

/// What every CII review finding on a router says after the vendor.
const CII_BASIS: &str = " Basis: 关键信息基础设施安全保护条例 Art. 19; 网络安全审查办法 (CAC Decree No. 8) Art. 2; Cybersecurity Law Art. 35 (Art. 37 from 2026-01-01, secondary): a CII operator buying network products must give priority to secure and trustworthy products, pre-assess the national-security risk of the product once in use, and file for cybersecurity review when national security is or may be affected (CII Regulations Art. 19; Review Measures Art. 2; the pre-assessment duty, believed to be Art. 5, is from secondary sources). That router is among the products the Review Measures name is inferred, not stated in any source: The Review Measures name core network equipment, important communications products, high-performance computers and servers, mass storage, large databases and application software, network security equipment and cloud services (confirmed); catscan maps these words to its categories. Whether a database or application is \"large\" cannot be read from a BOM, so software outside these categories is not reported. Sources: S-LAW, S-CSRM, S-CSL67.";

const CII_HEAD: &str = "is a router (recognised from: property catscan:category = \"router\" (confidence: certain)), a network product that a critical information infrastructure operator (--cii) must assess before buying.";

#[test]
fn cii_a_product_of_a_foreign_developer_is_a_warning() {
    let found = origin(&device("ASR 9000", "Cisco", "router"), &cii());
    assert_eq!(
        only(found),
        (
            ("origin-cii-review", Level::Warning),
            format!(
                "ASR 9000 (device, Cisco Systems, Inc.) {CII_HEAD} Its vendor, Cisco Systems, Inc., is incorporated in US.{CII_BASIS}"
            )
        )
    );
}

#[test]
fn cii_a_product_of_a_developer_controlled_from_china_is_a_note() {
    let found = origin(&device("NE40E", "Huawei", "router"), &cii());
    assert_eq!(
        only(found),
        (
            ("origin-cii-review", Level::Note),
            format!(
                "NE40E (device, Huawei Technologies Co., Ltd.) {CII_HEAD} Its vendor, Huawei Technologies Co., Ltd., is incorporated in CN. The registry records its developer as controlled from China, so the review is unlikely to change the decision: reported as a note (Huawei Technologies Co., Ltd.: controlled from CN, by Huawei Investment & Holding (a company; secondary: Huawei states that the holding is wholly owned by its employees through an ESOP (founder Ren Zhengfei about 1.14%), repeated by SupChina and disputed by Balding & Clarke (2019); the parent's incorporation in CN is the research table's)).{CII_BASIS}"
            )
        )
    );
}

#[test]
fn cii_a_product_of_an_unknown_vendor_is_a_warning_that_says_so() {
    let found = origin(&device("R1", "Acme Nowhere", "router"), &cii());
    assert_eq!(
        only(found),
        (
            ("origin-cii-review", Level::Warning),
            format!(
                "R1 (device, Acme Nowhere) {CII_HEAD} Its vendor is not in catscan's registry.{CII_BASIS}"
            )
        )
    );
}

#[test]
fn cii_review_turned_off_or_without_cii_gives_no_finding() {
    let router = device("ASR 9000", "Cisco", "router");
    assert!(origin(&router, &policy_on(ON)).is_empty());
    let mut off = cii();
    off.levels.insert("origin-cii-review".to_string(), None);
    assert!(origin(&router, &off).is_empty());
}

#[test]
fn cii_a_micron_product_failed_the_review() {
    let found = origin(&device("DDR5", "Micron", "memory"), &cii());
    assert_eq!(
        only(found),
        (
            ("origin-cii-review-failed", Level::Error),
            "DDR5 (device, Micron Technology, Inc.) is made by Micron Technology, Inc., which the Cybersecurity review conclusion: Micron (2023) names as \"美光公司（Micron）\" (added 2023-05-21) for Micron products (美光公司产品); the notice names no product line, no legal entity and no removal deadline. The entry covers every product of the company. Basis (--cii): 网络安全审查办公室, conclusion of the review of 美光公司（Micron） products sold in China, 2023-05-21: operators of critical information infrastructure in China should stop purchasing Micron products (应停止采购美光公司产品). The notice does not define the entity; catscan takes Micron Technology, Inc. and its subsidiaries as the research advises. Micron's Chinese subsidiaries were not researched. Sources: S-MICRON.".to_string()
        )
    );
}

// The US packs.

const FCC_BASIS: &str = "Basis (--market us): Secure and Trusted Communications Networks Act of 2019; 47 CFR 1.50002: covered equipment gets no new FCC equipment authorization (since the Secure Equipment Act order, FCC 22-84, from 2023-02-06) and no Universal Service Fund support.";

const FCC_HUAWEI: &str = "which the FCC Covered List names as \"Huawei Technologies Company\" (added 2021-03-12; the entry and its date are corroborated by several secondary sources only) for telecommunications equipment, and telecom or video-surveillance services provided by it or using such equipment.";

#[test]
fn fcc_a_router_of_a_listed_company_is_covered() {
    let found = origin(&device("NE40E", "Huawei", "router"), &us());
    assert_eq!(
        only(found),
        (
            ("origin-us-fcc-covered", Level::Error),
            format!(
                "NE40E (device, Huawei Technologies Co., Ltd.) is made by Huawei Technologies Co., Ltd., {FCC_HUAWEI} It is a router, within that scope (that router falls within it is inferred, not stated in any source). Recognised from: property catscan:category = \"router\" (confidence: certain). {FCC_BASIS} Sources: S-FCC-LIST, S-FCC-TLP-2021."
            )
        )
    );
}

#[test]
fn fcc_a_subsidiary_is_covered_through_its_parent_and_the_message_says_so() {
    let (rule, message) = only(origin(&device("HI1", "HiSilicon", "router"), &us()));
    assert_eq!(rule, ("origin-us-fcc-covered", Level::Error));
    says(
        &message,
        &[
            "HI1 (device, HiSilicon Technologies Co., Ltd.) is made by HiSilicon Technologies Co., Ltd. (HiSilicon Technologies Co., Ltd. belongs to Huawei Technologies Co., Ltd. according to catscan's vendor registry; the list covers subsidiaries and affiliates, and whether this company is one in the list's sense is a legal question), which the FCC Covered List names as \"Huawei Technologies Company\"",
            "It is a router, within that scope",
        ],
    );
}

#[test]
fn fcc_an_entry_limited_to_a_purpose_is_undetermined() {
    let (rule, message) = only(origin(
        &device(
            "DS-2CD",
            "Hangzhou Hikvision Digital Technology Co., Ltd.",
            "camera",
        ),
        &us(),
    ));
    assert_eq!(rule, ("origin-undetermined", Level::Warning));
    says(
        &message,
        &[
            "It is a camera, within that scope (that camera falls within it is inferred, not stated in any source).",
            "The entry covers such equipment only to the extent used for public safety, security of government facilities, physical-security surveillance of critical infrastructure, and other national-security purposes; a BOM does not show the use, so whether this one is covered cannot be decided.",
            "The row text was cut off in the list copy; the purpose limitation is confirmed by a secondary source.",
        ],
    );
}

#[test]
fn fcc_a_product_of_another_or_no_known_kind_is_undetermined() {
    let (rule, message) = only(origin(&device("FusionServer", "Huawei", "server"), &us()));
    assert_eq!(rule, ("origin-undetermined", Level::Warning));
    assert_eq!(
        message,
        format!(
            "FusionServer (device, Huawei Technologies Co., Ltd.) is made by Huawei Technologies Co., Ltd., {FCC_HUAWEI} It is a server; whether that is within the entry's scope cannot be decided from the BOM. {FCC_BASIS} Sources: S-FCC-LIST, S-FCC-TLP-2021."
        )
    );
    let unknown_kind = r#"{"type":"device","name":"Thing","manufacturer":{"name":"Huawei"}}"#;
    let (rule, message) = only(origin(unknown_kind, &us()));
    assert_eq!(rule, ("origin-undetermined", Level::Warning));
    says(
        &message,
        &[
            "Nothing in the BOM says what kind of product it is; whether that is within the entry's scope cannot be decided from the BOM.",
        ],
    );
}

#[test]
fn fcc_a_library_services_only_entries_and_later_entries_give_no_finding() {
    // A library is no equipment; the Huawei entry covers equipment only.
    let library = r#"{"type":"library","name":"libhw","supplier":{"name":"Huawei"}}"#;
    assert!(origin(library, &us()).is_empty());
    // China Mobile is listed for its services only.
    assert!(origin(&device("R", "China Mobile", "router"), &us()).is_empty());
    // DJI was added on 2025-12-22: not before, and from then on every product.
    let drone = device("Mavic 3", "DJI", "camera");
    assert!(origin(&drone, &us_on("2025-12-21")).is_empty());
    let (rule, message) = only(origin(&drone, &us_on("2025-12-22")));
    assert_eq!(rule, ("origin-us-fcc-covered", Level::Error));
    says(
        &message,
        &["The entry covers every product of the company."],
    );
}

#[test]
fn fcc_a_rule_turned_off_gives_no_finding() {
    let mut off = us();
    off.levels.insert("origin-us-fcc-covered".to_string(), None);
    assert!(origin(&device("NE40E", "Huawei", "router"), &off).is_empty());
}

#[test]
fn fcc_equipment_of_a_listed_category_whose_vendor_is_unknown_asks_for_the_vendor() {
    let found = origin(&device("R1", "Acme Nowhere", "router"), &us());
    assert_eq!(
        only(found),
        (
            ("data-quality-unresolved-vendor", Level::Warning),
            "R1 (device, Acme Nowhere) needs its vendor for the FCC Covered List (--market us), which names makers of router, but the vendor could not be identified. The vendor registry knows none of the names the BOM gives (manufacturer \"Acme Nowhere\"), and neither its package URL nor its CPE names a known vendor. Name the manufacturer as registered, or add the vendor to an extra vendor file.".to_string()
        )
    );
}

const NDAA_HUAWEI: &str = "is made by Huawei Technologies Co., Ltd., which the NDAA FY2019 §889 names as \"Huawei Technologies Company (or any subsidiary or affiliate)\" (added 2019-08-13) for telecommunications equipment (§889(f)(3)(A)).";

const NDAA_BASIS: &str = "Basis (--us-federal): John S. McCain National Defense Authorization Act for FY2019 (Pub. L. 115-232) §889; FAR 52.204-25; 2 CFR 200.216: US federal agencies may not procure covered telecommunications or video-surveillance equipment (Part A, from 2019-08-13), nor contract with an entity that uses it as a substantial or essential component of any system or as critical technology (Part B, from 2020-08-13); equipment that cannot route or redirect user data traffic or permit visibility into user data is not covered (§889(a)(2)(B)). Sources: S-NDAA889, S-NDAA889-TEXT.";

/// The findings of one rule.
fn of_rule(rule: &str, found: Vec<(&'static str, Level, String)>) -> Vec<(Level, String)> {
    found
        .into_iter()
        .filter(|(id, _, _)| *id == rule)
        .map(|(_, level, message)| (level, message))
        .collect()
}

#[test]
fn ndaa_a_router_of_a_listed_company_is_covered() {
    let found = of_rule(
        "origin-us-ndaa-889",
        origin(&device("NE40E", "Huawei", "router"), &us_federal()),
    );
    assert_eq!(
        found,
        vec![(
            Level::Error,
            format!(
                "NE40E (device, Huawei Technologies Co., Ltd.) {NDAA_HUAWEI} It is a router, within that scope (that router falls within it is inferred, not stated in any source). Recognised from: property catscan:category = \"router\" (confidence: certain). {NDAA_BASIS}"
            )
        )]
    );
}

#[test]
fn ndaa_a_transceiver_that_cannot_route_user_data_is_excepted() {
    let found = origin(&device("SFP", "Huawei", "transceiver"), &us_federal());
    // The FCC list has no such exception; §889 has.
    let rules: Vec<&str> = found.iter().map(|(id, _, _)| *id).collect();
    assert_eq!(rules, vec!["origin-us-fcc-covered"]);
}

#[test]
fn ndaa_a_line_card_that_may_route_user_data_is_undetermined() {
    let found = of_rule(
        "origin-undetermined",
        origin(&device("LPU", "Huawei", "line-card"), &us_federal()),
    );
    assert_eq!(
        found,
        vec![(
            Level::Warning,
            format!(
                "LPU (device, Huawei Technologies Co., Ltd.) {NDAA_HUAWEI} It is a line card or module, a category the entry names, but the instrument makes an exception at §889(a)(2)(B): \"Nothing in paragraph (1) shall be construed to … cover telecommunications equipment that cannot route or redirect user data traffic or permit visibility into any user data or packets that such equipment transmits or otherwise handles\". A line card may only connect ports (passive) or may forward and inspect packets itself; the BOM does not say which, so whether this one is covered cannot be decided. Recognised from: property catscan:category = \"line-card\" (confidence: certain). {NDAA_BASIS}"
            )
        )]
    );
}

const KASPERSKY: &str = "is made by Kaspersky Lab (AO Kaspersky Lab), which the Kaspersky final determination (2024) names as \"Kaspersky Lab, Inc. (together with all affiliates, subsidiaries, and parent companies, \"Kaspersky\")\" (added 2024-07-20) for Kaspersky cybersecurity products and services, anti-virus software, and Kaspersky software integrated into third-party products. The entry covers every product of the company. Basis (--market us): BIS/OICTS Final Determination, Case No. ICTS-2021-002, Kaspersky Lab, Inc. (89 FR 52434), under E.O. 13873 and 15 CFR part 7: transactions in Kaspersky cybersecurity products and services with US persons are prohibited, including the integration of Kaspersky software into third-party (white-label) products; threat-intelligence products, security-training products and purely informational consulting are excluded. Threat-intelligence and security-training products are excluded; a BOM rarely says which a component is, so every Kaspersky component is reported and the exclusion is stated. Sources: S-KASP-FR, S-KASP-DATES.";

#[test]
fn kaspersky_every_product_and_every_component_is_reported() {
    let application = r#"{"type":"application","name":"Kaspersky Endpoint Security","supplier":{"name":"AO Kaspersky Lab"}}"#;
    let found = origin(application, &us());
    let rules: Vec<(&str, Level)> = found.iter().map(|(id, l, _)| (*id, *l)).collect();
    assert_eq!(
        rules,
        vec![
            ("origin-us-fcc-covered", Level::Error),
            ("origin-us-kaspersky", Level::Error)
        ]
    );
    assert_eq!(
        found[1].2,
        format!(
            "Kaspersky Endpoint Security (application, Kaspersky Lab (AO Kaspersky Lab)) {KASPERSKY}"
        )
    );
    // The determination covers Kaspersky software integrated into other products: a library too,
    // which the FCC entry (products) does not reach.
    let library = r#"{"type":"library","name":"kavsdk","supplier":{"name":"AO Kaspersky Lab"}}"#;
    assert_eq!(
        origin(library, &us()),
        vec![(
            "origin-us-kaspersky",
            Level::Error,
            format!("kavsdk (library, Kaspersky Lab (AO Kaspersky Lab)) {KASPERSKY}")
        )]
    );
}
