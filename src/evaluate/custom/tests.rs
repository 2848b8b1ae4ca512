//! One test per decision of the policy file's own rules: a rule that holds gives a finding at
//! its level with its message and where it is defined, one that does not hold gives none, one
//! that fails is reported as a diagnostic; and the facts it sees of the component, its vendor,
//! its catalogue decision and the policy.

use std::path::Path;

use super::decision;
use crate::evaluate::test_support::{bom, component, evaluate, findings, policy_on};
use crate::findings::rules::Level;
use crate::inventory::Severity;
use crate::policy::Policy;

/// A policy on 2026-11-23 with one custom rule `custom-x` of `level` whose `when` is `expression`.
fn policy_with_rule(level: &str, expression: &str) -> Policy {
    let text = format!(
        "[[rule]]\nid = \"custom-x\"\nlevel = \"{level}\"\nmessage = \"Routers need a review\"\nwhen = '''{expression}'''\n"
    );
    let config = crate::policy::config::parse(&text, "catscan.toml", Path::new("."))
        .expect("the policy reads");
    let mut policy = policy_on("2026-11-23");
    policy.custom_rules = config.custom_rules;
    policy
}

/// A Huawei router over both thresholds of the 2023 item: in scope.
fn router() -> String {
    bom(&component(
        "device",
        "NE8000 X8",
        Some("Huawei"),
        &[
            ("catscan:category", "router"),
            ("catscan:throughput", "25.6 Tbps"),
            ("catscan:routing-table-capacity", "400万条"),
        ],
    ))
}

fn custom_findings(text: &str, policy: &Policy) -> Vec<(Level, String)> {
    findings(text, policy)
        .into_iter()
        .filter(|(id, _, _)| *id == "custom-x")
        .map(|(_, level, message)| (level, message))
        .collect()
}

#[test]
fn a_rule_that_holds_reports_its_message_at_its_level_and_where_it_is_defined() {
    let policy = policy_with_rule(
        "error",
        r#"component.category == "router" && "catscan:throughput" in component.properties"#,
    );
    assert_eq!(
        custom_findings(&router(), &policy),
        [(
            Level::Error,
            "NE8000 X8 (device, Huawei Technologies Co., Ltd.): Routers need a review. (rule of catscan.toml, line 1: `component.category == \"router\" && \"catscan:throughput\" in component.properties`)".to_string()
        )]
    );
}

#[test]
fn a_rule_that_does_not_hold_reports_nothing() {
    let policy = policy_with_rule("error", r#"component.category == "firewall""#);
    assert!(custom_findings(&router(), &policy).is_empty());
}

#[test]
fn a_rule_that_fails_on_a_component_is_a_diagnostic_not_a_silent_no() {
    let policy = policy_with_rule("warning", r#"vendor.country == "CN""#);
    let text = bom(&component("device", "Box", Some("Acme Widgets Ltd"), &[]));
    let evaluated = evaluate(&text, &policy);
    assert!(
        evaluated.findings.iter().all(|f| f.rule.id != "custom-x"),
        "{:?}",
        evaluated.findings
    );
    let failures: Vec<_> = evaluated
        .diagnostics
        .iter()
        .filter(|d| d.code == "custom-rule-failed")
        .collect();
    assert_eq!(failures.len(), 1, "{:?}", evaluated.diagnostics);
    assert_eq!(failures[0].severity, Severity::Warning);
    assert_eq!(
        failures[0].message,
        "custom rule custom-x (catscan.toml, line 1) could not be evaluated for Box: vendor is null (the vendor is not resolved): test `vendor != null && ...` before reading its fields"
    );
    assert!(failures[0].position.is_some());
}

#[test]
fn a_rule_sees_the_catalogue_decision_of_the_component() {
    for (expression, holds) in [
        (
            r#"item.decision == "in-scope" && item.id == "cne.router""#,
            true,
        ),
        (
            r#"item.edition == "cn-2023" && item.group == "critical-network-equipment""#,
            true,
        ),
        (r#"item.decision == "undetermined""#, false),
    ] {
        let policy = policy_with_rule("note", expression);
        assert_eq!(
            custom_findings(&router(), &policy).len(),
            usize::from(holds),
            "{expression}"
        );
    }
    // Evidence on record is a decision of its own.
    let certified = bom(&component(
        "device",
        "NE8000 X8",
        Some("Huawei"),
        &[
            ("catscan:category", "router"),
            ("catscan:throughput", "25.6 Tbps"),
            ("catscan:routing-table-capacity", "400万条"),
            ("catscan:test-report", "TR-9"),
        ],
    ));
    let policy = policy_with_rule("note", r#"item.decision == "evidence-on-record""#);
    assert_eq!(custom_findings(&certified, &policy).len(), 1);
}

#[test]
fn a_rule_sees_the_vendor_and_the_policy() {
    let policy = policy_with_rule(
        "note",
        r#"vendor.id == "huawei" && vendor.country == "CN" && "us-fcc-covered-list" in vendor.lists && policy.as_of == "2026-11-23" && "cn" in policy.markets && component.confidence == "certain""#,
    );
    assert_eq!(custom_findings(&router(), &policy).len(), 1);
}

#[test]
fn each_catalogue_rule_names_its_decision_and_no_other_rule_does() {
    let named: Vec<_> = [
        "catalogue-in-scope",
        "evidence-on-record",
        "catalogue-possible",
        "catalogue-undetermined",
        "catalogue-not-in-scope",
        "licence-permit-not-genuine",
        "data-quality-unclassified",
    ]
    .into_iter()
    .map(decision)
    .collect();
    assert_eq!(
        named,
        [
            Some("in-scope"),
            Some("evidence-on-record"),
            Some("possible"),
            Some("undetermined"),
            Some("not-in-scope"),
            None,
            None
        ]
    );
}
