//! One test per decision on evidence: what a certificate, testing report, sales permit or CCC
//! certificate is worth on the run's date ([`assess`], exact reasons), and what the catalogue
//! finding then says and which rule it ends under (a small BOM through the real pipeline).

use time::macros::date;

use super::*;
use crate::evaluate::test_support::{assert_says, bom, component, findings, policy_on};
use crate::findings::rules::Level;
use crate::policy::Policy;

fn evidence(kind: Kind, issued: Option<Date>, expiry: Option<Date>) -> Evidence {
    Evidence {
        kind,
        number: "N-1".into(),
        issued,
        expiry,
        origin: Origin::Property(CERTIFICATE),
    }
}

fn judge(e: &Evidence, group: ItemGroup, as_of: Date) -> Assessment {
    assess(e, group, as_of, Knowledge::builtin())
}

const CNE: ItemGroup = ItemGroup::CriticalNetworkEquipment;
const CSP: ItemGroup = ItemGroup::SpecializedCybersecurityProduct;

fn invalid(why: &str) -> Assessment {
    Assessment::Invalid(why.to_string())
}

#[test]
fn a_certificate_counts_through_its_expiry_day_and_not_before_its_issue() {
    let e = evidence(
        Kind::Certificate,
        Some(date!(2024 - 03 - 01)),
        Some(date!(2029 - 02 - 28)),
    );
    assert_eq!(
        judge(&e, CSP, date!(2029 - 02 - 28)),
        Assessment::Valid(None)
    );
    assert_eq!(
        judge(&e, CSP, date!(2029 - 03 - 01)),
        invalid("it was valid until 2029-02-28")
    );
    assert_eq!(
        judge(&e, CSP, date!(2024 - 02 - 29)),
        invalid("it was issued on 2024-03-01, after 2024-02-29")
    );
}

#[test]
fn a_certificate_without_expiry_runs_five_years_and_says_the_term_is_secondary() {
    let e = evidence(Kind::Certificate, Some(date!(2019 - 04 - 01)), None);
    assert_eq!(
        judge(&e, CNE, date!(2024 - 03 - 31)),
        Assessment::Valid(Some(
            "valid until 2024-03-31, taking the 5-year validity of certificates (from one secondary source only)".into()
        ))
    );
    assert_eq!(
        judge(&e, CNE, date!(2024 - 04 - 01)),
        invalid(
            "it was valid until 2024-03-31, 5 years after its issue (from one secondary source only: Five-year validity is reported for certificates under CNCA-CCIS-2018; the validity under CNCA-CCIS-2023 is unconfirmed.)"
        )
    );
    assert_eq!(
        last_day_of_term(date!(2020 - 02 - 29), 5),
        date!(2025 - 02 - 28)
    );
}

#[test]
fn a_certificate_without_dates_counts_unchecked() {
    let e = evidence(Kind::Certificate, None, None);
    assert_eq!(
        judge(&e, CNE, date!(2026 - 11 - 23)),
        Assessment::Valid(Some(
            "no dates are given, so its validity was not checked".into()
        ))
    );
}

#[test]
fn a_testing_report_counts_from_its_date_and_without_one() {
    let e = evidence(Kind::TestReport, Some(date!(2023 - 09 - 15)), None);
    assert_eq!(
        judge(&e, CNE, date!(2023 - 09 - 15)),
        Assessment::Valid(None)
    );
    assert_eq!(
        judge(&e, CNE, date!(2023 - 09 - 14)),
        invalid("it was issued on 2023-09-15, after 2023-09-14")
    );
    assert_eq!(
        judge(
            &evidence(Kind::TestReport, None, None),
            CNE,
            date!(2023 - 09 - 14)
        ),
        Assessment::Valid(Some("no date is given".into()))
    );
}

#[test]
fn a_sales_permit_counts_until_its_expiry_for_specialized_products_only() {
    let e = evidence(
        Kind::MopsPermit,
        Some(date!(2021 - 05 - 10)),
        Some(date!(2025 - 12 - 31)),
    );
    assert_eq!(
        judge(&e, CSP, date!(2025 - 12 - 31)),
        Assessment::Valid(Some(
            "sales permits are no longer issued, but one issued before 2023-07-01 remains valid until it expires".into()
        ))
    );
    assert_eq!(
        judge(&e, CSP, date!(2026 - 01 - 01)),
        invalid("it was valid until 2025-12-31; a permit counts only until its expiry")
    );
    assert_eq!(
        judge(&e, CNE, date!(2024 - 01 - 01)),
        invalid(
            "a sales permit is for computer information system security products, not for critical network equipment"
        )
    );
    let no_expiry = evidence(Kind::MopsPermit, Some(date!(2021 - 05 - 10)), None);
    assert_eq!(
        judge(&no_expiry, CSP, date!(2022 - 01 - 01)),
        invalid("its expiry is not given, and a permit counts only until its expiry")
    );
}

const PERMIT_NOTE: &str = "From 2023-07-01 the sales permit is no longer issued (停止颁发…产品生产者无需申领); products that hold one may be sold within its term (2023年第1号, point 二). The permit is for computer information system security products (安全专用产品), not for network equipment.";

#[test]
fn a_sales_permit_issued_after_june_2023_is_not_genuine_on_any_date() {
    let last = evidence(
        Kind::MopsPermit,
        Some(date!(2023 - 06 - 30)),
        Some(date!(2027 - 06 - 29)),
    );
    assert!(matches!(
        judge(&last, CSP, date!(2026 - 11 - 23)),
        Assessment::Valid(Some(_))
    ));
    assert_eq!(permit_not_genuine(&last, Knowledge::builtin()), None);
    let later = evidence(
        Kind::MopsPermit,
        Some(date!(2023 - 07 - 01)),
        Some(date!(2027 - 06 - 30)),
    );
    for as_of in [date!(2016 - 12 - 31), date!(2026 - 11 - 23)] {
        assert_eq!(
            judge(&later, CSP, as_of),
            Assessment::NotGenuine(format!(
                "it is dated 2023-07-01, but no sales permit has been issued since 2023-06-30: {PERMIT_NOTE}"
            ))
        );
    }
    // Only a permit can be dated too late to be genuine.
    let certificate = evidence(Kind::Certificate, Some(date!(2023 - 07 - 01)), None);
    assert_eq!(permit_not_genuine(&certificate, Knowledge::builtin()), None);
}

const CCC_ENDED: &str = "CCC for information security products is not evidence on or after 2023-07-01: The 2023 announcement (2023年第1号, point 三) stops applying the CCC implementation requirements for information security products (2009年第33号) and the related procurement notice (财库〔2010〕48号) from 2023-07-01.";
const CCC_DOUBT: &str = "it is accepted only until 2023-07-01, and that it met the obligation before then is inferred, not stated in any source (catscan accepts a CCCi certificate as certification evidence before 2023-07-01; the research confirms when the scheme ended but does not state that it satisfied the catalogue obligation before.)";

#[test]
fn a_ccc_certificate_is_doubtful_before_july_2023_and_no_longer_counts_from_then() {
    let e = evidence(
        Kind::Ccci,
        Some(date!(2020 - 03 - 15)),
        Some(date!(2025 - 03 - 14)),
    );
    assert_eq!(
        judge(&e, CSP, date!(2023 - 06 - 30)),
        Assessment::Doubtful(CCC_DOUBT.into())
    );
    assert_eq!(judge(&e, CSP, date!(2023 - 07 - 01)), invalid(CCC_ENDED));
    let expired = evidence(
        Kind::Ccci,
        Some(date!(2017 - 03 - 15)),
        Some(date!(2022 - 03 - 14)),
    );
    assert_eq!(
        judge(&expired, CSP, date!(2023 - 01 - 01)),
        invalid("it was valid until 2022-03-14")
    );
}

#[test]
fn evidence_reads_as_its_kind_number_dates_and_origin() {
    let from_list = Evidence {
        kind: Kind::TestReport,
        number: "TR-9".into(),
        issued: Some(date!(2023 - 09 - 15)),
        expiry: None,
        origin: Origin::List {
            file: "certified.csv".into(),
            line: 4,
        },
    };
    assert_eq!(
        from_list.to_string(),
        "security testing report TR-9 issued 2023-09-15 (certified.csv, line 4)"
    );
    let e = Evidence {
        origin: Origin::Property(CCCI_CERTIFICATE),
        ..evidence(
            Kind::Ccci,
            Some(date!(2020 - 03 - 15)),
            Some(date!(2025 - 03 - 14)),
        )
    };
    assert_eq!(
        e.to_string(),
        "CCC certificate for information security products N-1 issued 2020-03-15, expiring 2025-03-14 (property catscan:ccci-certificate)"
    );
}

// Through the pipeline: what the catalogue finding says about the evidence.

/// The one catalogue (or `evidence-on-record`) finding of the BOM.
fn decision(text: &str, policy: &Policy) -> (&'static str, Level, String) {
    let mut found: Vec<_> = findings(text, policy)
        .into_iter()
        .filter(|(id, _, _)| id.starts_with("catalogue-") || *id == "evidence-on-record")
        .collect();
    assert_eq!(found.len(), 1, "one catalogue finding expected: {found:?}");
    found.remove(0)
}

/// A Hillstone firewall (in scope of the 2023 catalogue, which sets no threshold for it) with
/// `evidence` among its properties.
fn firewall(evidence: &[(&str, &str)]) -> String {
    let mut properties = vec![("catscan:category", "firewall")];
    properties.extend_from_slice(evidence);
    bom(&component(
        "device",
        "F1",
        Some("Hillstone Networks Inc"),
        &properties,
    ))
}

const CERTIFICATE_2024: &[(&str, &str)] = &[
    ("catscan:certificate", "CCRC-1"),
    ("catscan:certificate-issued", "2024-03-01"),
    ("catscan:certificate-expiry", "2029-02-28"),
];

const FIREWALL_IN_SCOPE: &str = "F1 (device, Hillstone Networks Co., Ltd.) is a firewall (防火墙) and falls under item cn-2023/csp.firewall (防火墙, Firewall) of the 2023 catalogue, which sets no threshold.";

#[test]
fn a_certificate_on_its_expiry_day_meets_the_obligation() {
    let (rule, level, message) = decision(&firewall(CERTIFICATE_2024), &policy_on("2029-02-28"));
    assert_eq!((rule, level), ("evidence-on-record", Level::Note));
    assert_says(
        &message,
        &[
            FIREWALL_IN_SCOPE,
            "Evidence on record, valid on 2029-02-28: security certification certificate CCRC-1 issued 2024-03-01, expiring 2029-02-28 (property catscan:certificate).",
        ],
    );
    assert!(
        !message.contains("Whether or not the item applies"),
        "{message}"
    );
}

#[test]
fn a_certificate_the_day_after_its_expiry_leaves_the_product_in_scope_without_evidence() {
    let (rule, level, message) = decision(&firewall(CERTIFICATE_2024), &policy_on("2029-03-01"));
    assert_eq!((rule, level), ("catalogue-in-scope", Level::Error));
    assert_says(
        &message,
        &[
            FIREWALL_IN_SCOPE,
            "No certificate or testing report valid on 2029-03-01 is recorded for it (properties catscan:certificate or catscan:test-report, or a row of the --certified list). Recorded but not counted on 2029-03-01: security certification certificate CCRC-1 issued 2024-03-01, expiring 2029-02-28 (property catscan:certificate): it was valid until 2029-02-28.",
        ],
    );
}

#[test]
fn a_certificate_before_its_issue_is_not_counted() {
    let (rule, level, message) = decision(&firewall(CERTIFICATE_2024), &policy_on("2024-02-29"));
    assert_eq!((rule, level), ("catalogue-in-scope", Level::Error));
    assert_says(
        &message,
        &[
            FIREWALL_IN_SCOPE,
            "Recorded but not counted on 2024-02-29: security certification certificate CCRC-1 issued 2024-03-01, expiring 2029-02-28 (property catscan:certificate): it was issued on 2024-03-01, after 2024-02-29.",
        ],
    );
}

#[test]
fn a_testing_report_meets_the_obligation_of_an_in_scope_router() {
    let text = bom(&component(
        "device",
        "R1",
        Some("Huawei"),
        &[
            ("catscan:category", "router"),
            ("catscan:throughput", "25.6 Tbps"),
            ("catscan:routing-table-capacity", "400万条"),
            ("catscan:test-report", "TR-9"),
            ("catscan:test-report-date", "2023-09-15"),
        ],
    ));
    let (rule, level, message) = decision(&text, &policy_on("2026-11-23"));
    assert_eq!((rule, level), ("evidence-on-record", Level::Note));
    assert_says(
        &message,
        &[
            "R1 (device, Huawei Technologies Co., Ltd.) is a router (路由器) and meets the threshold of item cn-2023/cne.router (路由器, Router) of the 2023 catalogue.",
            "Evidence on record, valid on 2026-11-23: security testing report TR-9 issued 2023-09-15 (property catscan:test-report).",
        ],
    );
}

/// A Hillstone hardware firewall over every 2017 threshold, with a CCC certificate.
fn firewall_2017_with_ccc() -> String {
    firewall(&[
        ("catscan:throughput", "100 Gbps"),
        ("catscan:concurrent-connections", "4000000"),
        ("catscan:new-connections-rate", "300000/s"),
        ("catscan:ccci-certificate", "CCC-7"),
        ("catscan:ccci-issued", "2020-03-15"),
        ("catscan:ccci-expiry", "2025-03-14"),
    ])
}

const CCC_7: &str = "CCC certificate for information security products CCC-7 issued 2020-03-15, expiring 2025-03-14 (property catscan:ccci-certificate)";

#[test]
fn a_ccc_certificate_before_july_2023_leaves_an_in_scope_product_undetermined() {
    let (rule, level, message) = decision(&firewall_2017_with_ccc(), &policy_on("2023-06-30"));
    assert_eq!((rule, level), ("catalogue-undetermined", Level::Warning));
    assert_says(
        &message,
        &[
            "F1 (device, Hillstone Networks Co., Ltd.) is a firewall (防火墙) and meets the threshold of item cn-2017/csp2017.firewall_hw (防火墙（硬件）, Firewall (hardware)) of the 2017 catalogue.",
            &format!(
                "The only evidence on record counts on uncertain grounds: {CCC_7}: {}. Whether the obligation is met cannot be decided; a current certificate or testing report would settle it.",
                CCC_DOUBT.trim_end_matches('.')
            ),
        ],
    );
}

#[test]
fn a_ccc_certificate_no_longer_counts_from_2023_07_01() {
    let (rule, level, message) = decision(&firewall_2017_with_ccc(), &policy_on("2023-07-01"));
    assert_eq!((rule, level), ("catalogue-in-scope", Level::Error));
    assert_says(
        &message,
        &[
            "F1 (device, Hillstone Networks Co., Ltd.) is a firewall (防火墙) and meets the threshold of item cn-2017/csp2017.firewall_hw",
            "No certificate or testing report valid on 2023-07-01 is recorded for it",
            &format!(
                "Recorded but not counted on 2023-07-01: {CCC_7}: {}.",
                CCC_ENDED.trim_end_matches('.')
            ),
        ],
    );
}

#[test]
fn a_row_of_the_certified_list_meets_the_obligation() {
    let mut policy = policy_on("2026-11-23");
    policy.certified = Some(
        crate::policy::certified::CertifiedList::parse(
            "vendor,model,number,kind,issued,expiry\n\
             Hillstone Networks Inc,F1,CCRC-2024-0042,certificate,2024-03-01,2029-02-28\n\
             Hillstone Networks Inc,F1,TR-2024-7,report,2024-02-01,\n\
             Other Vendor Ltd,F1,CCRC-9,certificate,2024-03-01,2029-02-28\n",
            "certified.csv",
        )
        .expect("the list reads"),
    );
    let (rule, level, message) = decision(&firewall(&[]), &policy);
    assert_eq!((rule, level), ("evidence-on-record", Level::Note));
    assert_says(
        &message,
        &[
            FIREWALL_IN_SCOPE,
            "Evidence on record, valid on 2026-11-23: security certification certificate CCRC-2024-0042 issued 2024-03-01, expiring 2029-02-28 (certified.csv, line 2) | security testing report TR-2024-7 issued 2024-02-01 (certified.csv, line 3).",
        ],
    );
    // The row of another vendor's product of the same model is not this product's evidence.
    assert!(!message.contains("CCRC-9"), "{message}");
}

#[test]
fn evidence_settles_an_undetermined_item() {
    let text = bom(&component(
        "device",
        "R1",
        Some("Huawei"),
        &[
            ("catscan:category", "router"),
            ("catscan:certificate", "CCRC-2"),
            ("catscan:certificate-issued", "2022-01-10"),
        ],
    ));
    let (rule, level, message) = decision(&text, &policy_on("2026-11-23"));
    assert_eq!((rule, level), ("evidence-on-record", Level::Note));
    assert_says(
        &message,
        &[
            "R1 (device, Huawei Technologies Co., Ltd.) is a router (路由器) under item cn-2023/cne.router (路由器, Router) of the 2023 catalogue, but whether it meets the item's threshold cannot be decided: the BOM does not state its whole-system throughput (bidirectional) or whole-system routing-table capacity.",
            "Evidence on record, valid on 2026-11-23: security certification certificate CCRC-2 issued 2022-01-10 (property catscan:certificate); valid until 2027-01-09, taking the 5-year validity of certificates (from one secondary source only). Whether or not the item applies, this evidence meets the obligation.",
        ],
    );
}

#[test]
fn evidence_settles_a_possible_match() {
    let text = bom(&component(
        "device",
        "Gate 9",
        Some("Hillstone Networks Inc"),
        &[("catscan:test-report", "TR-1")],
    ));
    let (rule, level, message) = decision(&text, &policy_on("2026-11-23"));
    assert_eq!((rule, level), ("evidence-on-record", Level::Note));
    assert_says(
        &message,
        &[
            "Gate 9 (device, Hillstone Networks Co., Ltd.) may be a firewall (防火墙), which would fall under item cn-2023/csp.firewall (防火墙, Firewall) of the 2023 catalogue; only weak evidence says so.",
            "Evidence on record, valid on 2026-11-23: security testing report TR-1 (property catscan:test-report); no date is given. Whether or not the item applies, this evidence meets the obligation.",
        ],
    );
}

#[test]
fn evidence_is_not_weighed_for_a_product_the_item_does_not_cover() {
    let text = bom(&component(
        "application",
        "routerd",
        Some("Huawei"),
        &[
            ("catscan:category", "router"),
            ("catscan:test-report", "TR-3"),
        ],
    ));
    let (rule, _, message) = decision(&text, &policy_on("2026-11-23"));
    assert_eq!(rule, "catalogue-not-in-scope");
    assert!(!message.contains("TR-3"), "{message}");
}

#[test]
fn a_sales_permit_counts_for_a_specialized_product_until_it_expires() {
    let (rule, level, message) = decision(
        &firewall(&[
            ("catscan:mops-permit", "XKZ-1"),
            ("catscan:mops-permit-issued", "2021-05-10"),
            ("catscan:mops-permit-expiry", "2025-12-31"),
        ]),
        &policy_on("2025-12-31"),
    );
    assert_eq!((rule, level), ("evidence-on-record", Level::Note));
    assert_says(
        &message,
        &[
            FIREWALL_IN_SCOPE,
            "Evidence on record, valid on 2025-12-31: MPS sales permit XKZ-1 issued 2021-05-10, expiring 2025-12-31 (property catscan:mops-permit); sales permits are no longer issued, but one issued before 2023-07-01 remains valid until it expires.",
        ],
    );
}

#[test]
fn a_sales_permit_that_cannot_be_genuine_is_not_counted_and_says_why() {
    let (rule, level, message) = decision(
        &firewall(&[
            ("catscan:mops-permit", "XKZ-2"),
            ("catscan:mops-permit-issued", "2023-07-01"),
            ("catscan:mops-permit-expiry", "2027-06-30"),
        ]),
        &policy_on("2026-11-23"),
    );
    assert_eq!((rule, level), ("catalogue-in-scope", Level::Error));
    assert_says(
        &message,
        &[
            FIREWALL_IN_SCOPE,
            &format!(
                "Recorded but not counted on 2026-11-23: MPS sales permit XKZ-2 issued 2023-07-01, expiring 2027-06-30 (property catscan:mops-permit): it cannot be genuine, it is dated 2023-07-01, but no sales permit has been issued since 2023-06-30: {}.",
                PERMIT_NOTE.trim_end_matches('.')
            ),
        ],
    );
}

#[test]
fn an_unreadable_evidence_date_is_reported_and_the_evidence_judged_without_it() {
    let text = firewall(&[
        ("catscan:certificate", "CCRC-5"),
        ("catscan:certificate-expiry", "31/12/2027"),
    ]);
    let found = findings(&text, &policy_on("2026-11-23"));
    let rules: Vec<_> = found.iter().map(|(id, level, _)| (*id, *level)).collect();
    assert_eq!(
        rules,
        [
            ("data-quality-invalid-declaration", Level::Warning),
            ("evidence-on-record", Level::Note)
        ]
    );
    assert_eq!(
        found[0].2,
        "F1 (device, Hillstone Networks Co., Ltd.) declares catscan:certificate-expiry = \"31/12/2027\", which is not a date (expected YYYY-MM-DD), so the evidence it belongs to is judged without it."
    );
    assert_says(
        &found[1].2,
        &[
            FIREWALL_IN_SCOPE,
            "Evidence on record, valid on 2026-11-23: security certification certificate CCRC-5 (property catscan:certificate); no dates are given, so its validity was not checked.",
        ],
    );
}

#[test]
fn a_blank_evidence_number_records_nothing_and_an_unstated_list_kind_is_a_certificate() {
    let mut policy = policy_on("2026-11-23");
    policy.certified = Some(
        crate::policy::certified::CertifiedList::parse(
            "vendor,model,number\nHillstone Networks Inc,F1,CCRC-77\n",
            "certified.csv",
        )
        .expect("the list reads"),
    );
    let (rule, _, message) = decision(&firewall(&[("catscan:test-report", "  ")]), &policy);
    assert_eq!(rule, "evidence-on-record");
    assert_says(
        &message,
        &[
            FIREWALL_IN_SCOPE,
            "Evidence on record, valid on 2026-11-23: security certification certificate CCRC-77 (certified.csv, line 2); no dates are given, so its validity was not checked.",
        ],
    );
    assert!(!message.contains("testing report"), "{message}");
}
