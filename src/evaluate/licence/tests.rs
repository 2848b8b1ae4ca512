//! One test per decision of the licence family: a sales permit dated after permits stopped, on
//! any component; the permits and components it leaves alone; and evidence dates it cannot read.

use crate::evaluate::test_support::{bom, component, findings, findings_of, policy_on};
use crate::findings::rules::Level;
use crate::policy::Market;

const PERMIT_NOTE: &str = "From 2023-07-01 the sales permit is no longer issued (停止颁发…产品生产者无需申领); products that hold one may be sold within its term (2023年第1号, point 二). The permit is for computer information system security products (安全专用产品), not for network equipment.";

fn permit(kind: &str, issued: &str) -> String {
    bom(&component(
        kind,
        "libfw",
        None,
        &[
            ("catscan:mops-permit", "XKZ-2"),
            ("catscan:mops-permit-issued", issued),
        ],
    ))
}

#[test]
fn a_permit_dated_after_permits_stopped_cannot_be_genuine_whatever_the_component() {
    for (kind, shown) in [("library", "libfw (library)"), ("device", "libfw (device)")] {
        let found = findings_of(
            "licence-permit-not-genuine",
            &permit(kind, "2023-07-01"),
            &policy_on("2026-11-23"),
        );
        assert_eq!(
            found,
            [(
                Level::Error,
                format!(
                    "{shown} records MPS sales permit XKZ-2 issued 2023-07-01 (property catscan:mops-permit), which cannot be genuine: it is dated 2023-07-01, but no sales permit has been issued since 2023-06-30: {}. Check the permit with the supplier; it is not evidence that the product may be sold.",
                    PERMIT_NOTE.trim_end_matches('.')
                )
            )]
        );
    }
}

#[test]
fn a_permit_dated_on_the_last_day_permits_were_issued_is_not_reported() {
    let found = findings(&permit("library", "2023-06-30"), &policy_on("2026-11-23"));
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_permit_without_a_date_of_issue_is_not_reported() {
    let text = bom(&component(
        "library",
        "libfw",
        None,
        &[("catscan:mops-permit", "XKZ-2")],
    ));
    let found = findings(&text, &policy_on("2026-11-23"));
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn only_a_permit_is_judged_by_the_day_permits_stopped() {
    let text = bom(&component(
        "library",
        "libfw",
        None,
        &[
            ("catscan:certificate", "CCRC-1"),
            ("catscan:certificate-issued", "2024-03-01"),
        ],
    ));
    let found = findings(&text, &policy_on("2026-11-23"));
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn permits_are_not_checked_when_china_is_not_a_market() {
    let mut policy = policy_on("2026-11-23");
    policy.markets = [Market::Us].into();
    let found = findings(&permit("library", "2023-07-01"), &policy);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn each_unreadable_evidence_date_is_reported_once() {
    let text = bom(&component(
        "library",
        "libfw",
        None,
        &[
            ("catscan:mops-permit", "XKZ-2"),
            ("catscan:mops-permit-issued", "2023-13-01"),
            ("catscan:test-report", "TR-1"),
            ("catscan:test-report-date", "last spring"),
        ],
    ));
    let found = findings(&text, &policy_on("2026-11-23"));
    assert_eq!(
        found,
        [
            (
                "data-quality-invalid-declaration",
                Level::Warning,
                "libfw (library) declares catscan:mops-permit-issued = \"2023-13-01\", which is not a date (expected YYYY-MM-DD), so the evidence it belongs to is judged without it.".to_string()
            ),
            (
                "data-quality-invalid-declaration",
                Level::Warning,
                "libfw (library) declares catscan:test-report-date = \"last spring\", which is not a date (expected YYYY-MM-DD), so the evidence it belongs to is judged without it.".to_string()
            ),
        ]
    );
}
