//! One test per decision of the data-quality family: which product candidates nothing identified
//! get a finding (no vendor, unclassified) and which are only counted, the declarations catscan
//! cannot use, and a vendor an origin rule needs but cannot identify.

use crate::evaluate::test_support::{bom, component, evaluate, findings, policy_on};
use crate::findings::OutOfScope;
use crate::findings::rules::Level;
use crate::policy::{Market, Policy};

/// The number of components counted as unclassified, and the findings.
fn run(text: &str, policy: &Policy) -> (usize, Vec<(&'static str, Level, String)>) {
    let evaluated = evaluate(text, policy);
    let unclassified = evaluated
        .counts
        .out_of_scope
        .get(&OutOfScope::Unclassified)
        .copied()
        .unwrap_or(0);
    (unclassified, findings(text, policy))
}

const NO_VENDOR: &str = "Box (device) has no manufacturer or supplier and nothing that says what kind of product it is, so catscan cannot decide whether a catalogue item or a vendor list applies to it. Add its manufacturer (CycloneDX manufacturer or supplier) and declare its category with the property catscan:category.";

#[test]
fn a_device_with_no_vendor_and_no_category_is_reported_whatever_the_market() {
    let text = bom(&component("device", "Box", None, &[]));
    for markets in [vec![Market::Cn], vec![Market::Us]] {
        let mut policy = policy_on("2026-11-23");
        policy.markets = markets.into_iter().collect();
        let (unclassified, found) = run(&text, &policy);
        assert_eq!(
            found,
            [(
                "data-quality-no-vendor",
                Level::Warning,
                NO_VENDOR.to_string()
            )]
        );
        assert_eq!(unclassified, 0);
    }
}

#[test]
fn a_bom_whose_only_component_is_its_subject_reports_the_subject_without_vendor() {
    let text = r#"{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
        "metadata":{"component":{"type":"device","name":"Box"}}}"#;
    let (_, found) = run(text, &policy_on("2026-11-23"));
    assert_eq!(
        found,
        [(
            "data-quality-no-vendor",
            Level::Warning,
            NO_VENDOR.to_string()
        )]
    );
}

#[test]
fn the_subject_of_a_bom_that_lists_its_parts_is_counted_not_reported() {
    let text = r#"{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
        "metadata":{"component":{"type":"device","name":"Assembly","bom-ref":"a"}},
        "components":[{"type":"library","name":"zlib","version":"1.3"}]}"#;
    let (unclassified, found) = run(text, &policy_on("2026-11-23"));
    assert!(found.is_empty(), "{found:?}");
    // The subject is the one unclassified component; the library is no product.
    assert_eq!(unclassified, 1);
}

#[test]
fn a_device_inside_another_device_is_counted_not_reported() {
    let text = bom(
        r#"{"type":"device","name":"Chassis","manufacturer":{"name":"Huawei"},
        "properties":[{"name":"catscan:category","value":"router"}],
        "components":[{"type":"device","name":"Box"}]}"#,
    );
    let (unclassified, found) = run(&text, &policy_on("2026-11-23"));
    assert!(
        found
            .iter()
            .all(|(id, _, _)| !id.starts_with("data-quality-")),
        "{found:?}"
    );
    assert_eq!(unclassified, 1);
}

#[test]
fn an_application_with_no_vendor_is_counted_not_reported() {
    let text = bom(&component("application", "boxd", None, &[]));
    let (unclassified, found) = run(&text, &policy_on("2026-11-23"));
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(unclassified, 1);
}

const UNCLASSIFIED: &str = "Box (device, Huawei Technologies Co., Ltd.) comes from Huawei Technologies Co., Ltd., whose product lines include catalogue products (router, switch, firewall), but nothing in the BOM says which kind of device it is. Declare its category with the property catscan:category so that catscan can decide whether a catalogue item applies. Product lines as the vendor registry records them: \"routers, switches, wireless, optical, 5G RAN, firewalls, storage, chips\".";

#[test]
fn a_device_of_a_vendor_making_several_catalogue_products_is_unclassified() {
    let text = bom(&component("device", "Box", Some("Huawei"), &[]));
    let (unclassified, found) = run(&text, &policy_on("2026-11-23"));
    assert_eq!(
        found,
        [(
            "data-quality-unclassified",
            Level::Warning,
            UNCLASSIFIED.to_string()
        )]
    );
    assert_eq!(unclassified, 0);
}

#[test]
fn a_device_of_a_known_vendor_is_only_counted_when_the_catalogue_does_not_apply() {
    let mut policy = policy_on("2026-11-23");
    policy.markets = [Market::Us].into();
    let text = bom(&component("device", "Box", Some("Huawei"), &[]));
    let (unclassified, found) = run(&text, &policy);
    assert!(
        found
            .iter()
            .all(|(id, _, _)| !id.starts_with("data-quality-")),
        "{found:?}"
    );
    assert_eq!(unclassified, 1);
}

#[test]
fn a_device_of_a_vendor_without_catalogue_products_or_unknown_to_the_registry_is_counted() {
    for vendor in ["EZVIZ", "Acme Widgets Ltd"] {
        let text = bom(&component("device", "Box", Some(vendor), &[]));
        let (unclassified, found) = run(&text, &policy_on("2026-11-23"));
        assert!(found.is_empty(), "{vendor}: {found:?}");
        assert_eq!(unclassified, 1, "{vendor}");
    }
}

#[test]
fn an_unknown_category_is_an_invalid_declaration_and_ignored() {
    let text = bom(&component(
        "device",
        "Box",
        Some("Huawei"),
        &[("catscan:category", "toaster")],
    ));
    let found = findings(&text, &policy_on("2026-11-23"));
    assert_eq!(
        found,
        [
            (
                "data-quality-unclassified",
                Level::Warning,
                UNCLASSIFIED.to_string()
            ),
            (
                "data-quality-invalid-declaration",
                Level::Warning,
                "Box (device, Huawei Technologies Co., Ltd.) declares catscan:category = \"toaster\", which catscan cannot use: \"toaster\" is not a category catscan knows (see `catscan catalogue categories`); the declaration was ignored.".to_string()
            ),
        ]
    );
}

#[test]
fn an_unknown_catalogue_item_is_an_invalid_declaration_and_ignored() {
    let text = bom(&component(
        "device",
        "Box",
        Some("Huawei"),
        &[("catscan:catalogue-item", "cne.toaster")],
    ));
    let found = findings(&text, &policy_on("2026-11-23"));
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        found[1],
        (
            "data-quality-invalid-declaration",
            Level::Warning,
            "Box (device, Huawei Technologies Co., Ltd.) declares catscan:catalogue-item = \"cne.toaster\", which catscan cannot use: \"cne.toaster\" is not an item of any catalogue edition catscan knows; the declaration was ignored.".to_string()
        )
    );
}

#[test]
fn two_registered_manufacturers_are_an_invalid_declaration_naming_the_one_kept() {
    // The same key twice: the listed vendor is kept, whichever comes first.
    let text = bom(r#"{"type":"device","name":"Box",
        "manufacturer":{"name":"Maipu Communication Technology Co., Ltd."},
        "manufacturer":{"name":"Huawei"},
        "properties":[{"name":"catscan:category","value":"router"}]}"#);
    let found: Vec<_> = findings(&text, &policy_on("2026-11-23"))
        .into_iter()
        .filter(|(id, _, _)| id.starts_with("data-quality-"))
        .collect();
    assert_eq!(
        found,
        [(
            "data-quality-invalid-declaration",
            Level::Warning,
            "Box (device, Huawei Technologies Co., Ltd.) declares manufacturer = \"Maipu Communication Technology Co., Ltd.\", which catscan cannot use: it also names Huawei Technologies Co., Ltd. as its manufacturer, a vendor on us-fcc-covered-list, us-ndaa-889; catscan evaluates it as Huawei Technologies Co., Ltd., not as Maipu Communication Technology Co., Ltd., so that the listed vendor is not hidden behind another name: give the manufacturer once.".to_string()
        )]
    );
}

#[test]
fn a_camera_of_an_unknown_vendor_needs_its_vendor_for_the_fcc_covered_list() {
    let mut policy = policy_on("2026-11-23");
    policy.markets = [Market::Us].into();
    let text = bom(&component(
        "device",
        "Cam 1",
        Some("Acme Optics"),
        &[("catscan:category", "camera")],
    ));
    let found = findings(&text, &policy);
    assert_eq!(
        found,
        [(
            "data-quality-unresolved-vendor",
            Level::Warning,
            "Cam 1 (device, Acme Optics) needs its vendor for the FCC Covered List (--market us), which names makers of camera, but the vendor could not be identified. The vendor registry knows none of the names the BOM gives (manufacturer \"Acme Optics\"), and neither its package URL nor its CPE names a known vendor. Name the manufacturer as registered, or add the vendor to an extra vendor file.".to_string()
        )]
    );
    // Under the China market alone no origin rule needs it.
    let found = findings(&text, &policy_on("2026-11-23"));
    assert!(
        found
            .iter()
            .all(|(id, _, _)| *id != "data-quality-unresolved-vendor"),
        "{found:?}"
    );
}
