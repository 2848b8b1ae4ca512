//! What the families' unit tests share: a few components written as CycloneDX JSON, read,
//! resolved and evaluated through the real pipeline under a policy the test sets, and the
//! findings as `(rule id, level, message)`, so that a test states one decision in a few lines.
//!
//! Going through the readers and the resolver (rather than building a `Resolved` by hand) keeps
//! the tests honest about what a BOM must say for a decision to be taken.

use crate::findings::Evaluated;
use crate::findings::rules::Level;
use crate::inventory::SourceFile;
use crate::knowledge::Knowledge;
use crate::policy::Policy;
use crate::resolve::Classifier;

/// A policy on `as_of` (`YYYY-MM-DD`) with every default.
pub(crate) fn policy_on(as_of: &str) -> Policy {
    Policy::new(crate::inventory::dates::parse(as_of).expect("a YYYY-MM-DD date"))
}

/// A CycloneDX 1.6 BOM holding `components` (a JSON array's members, without the brackets).
pub(crate) fn bom(components: &str) -> String {
    format!(
        r#"{{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{components}]}}"#
    )
}

/// Reads, resolves and evaluates `text` (any format catscan reads) under `policy`, with the
/// catalogue edition in force on the policy's date.
pub(crate) fn evaluate(text: &str, policy: &Policy) -> Evaluated {
    let knowledge = Knowledge::builtin();
    let edition = match &policy.edition {
        Some(id) => knowledge.edition(id),
        None => knowledge.edition_on(policy.as_of),
    };
    evaluate_in(text, policy, edition)
}

/// Reads, resolves and evaluates `text` under `policy` and `edition`.
fn evaluate_in(
    text: &str,
    policy: &Policy,
    edition: Option<&crate::knowledge::Edition>,
) -> Evaluated {
    let knowledge = Knowledge::builtin();
    let source = SourceFile {
        path: "unit.cdx.json".into(),
        display: "unit.cdx.json".to_string(),
    };
    let inventory = crate::ingest::read(source, text, &policy.read)
        .expect("the test BOM reads")
        .expect("the test text is a BOM");
    let classifier = Classifier::new(knowledge);
    let resolved = crate::resolve::resolve(
        &inventory,
        knowledge,
        &classifier,
        policy.needs_every_vendor(),
    );
    super::evaluate(&resolved, policy, edition)
}

/// The findings of [`evaluate`] as `(rule id, level, message)`, in report order.
pub(crate) fn findings(text: &str, policy: &Policy) -> Vec<(&'static str, Level, String)> {
    evaluate(text, policy)
        .findings
        .into_iter()
        .map(|f| (f.rule.id, f.level, f.message))
        .collect()
}

/// The findings of one rule only.
pub(crate) fn findings_of(rule: &str, text: &str, policy: &Policy) -> Vec<(Level, String)> {
    findings(text, policy)
        .into_iter()
        .filter(|(id, _, _)| *id == rule)
        .map(|(_, level, message)| (level, message))
        .collect()
}

#[test]
fn a_router_over_both_thresholds_is_in_scope() {
    let text = bom(
        r#"{"type":"device","name":"NE8000 X8","manufacturer":{"name":"Huawei"},
            "properties":[{"name":"catscan:category","value":"router"},
                          {"name":"catscan:throughput","value":"25.6 Tbps"},
                          {"name":"catscan:routing-table-capacity","value":"400万条"}]}"#,
    );
    let found = findings_of("catalogue-in-scope", &text, &policy_on("2026-11-23"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Level::Error);
    assert!(
        found[0]
            .1
            .contains("整系统吞吐量（双向）≥12Tbps: 25.6 Tbps"),
        "{}",
        found[0].1
    );
}

// catalogue, evidence, licence, data quality

/// One CycloneDX component as JSON: its `kind` (`device`, `application`, `library`, …), name,
/// manufacturer when given, and `properties` as (name, value) pairs in order.
pub(crate) fn component(
    kind: &str,
    name: &str,
    manufacturer: Option<&str>,
    properties: &[(&str, &str)],
) -> String {
    let mut c = serde_json::json!({ "type": kind, "name": name });
    if let Some(m) = manufacturer {
        c["manufacturer"] = serde_json::json!({ "name": m });
    }
    if !properties.is_empty() {
        c["properties"] = properties
            .iter()
            .map(|(n, v)| serde_json::json!({ "name": n, "value": v }))
            .collect();
    }
    c.to_string()
}

/// Asserts that `message` opens with `sentences[0]` and says each of the others word for word,
/// so that a test names the sentences a user reads and a reworded one fails it.
#[track_caller]
pub(crate) fn assert_says(message: &str, sentences: &[&str]) {
    if let Some(first) = sentences.first() {
        assert!(
            message.starts_with(first),
            "the message does not open with\n  {first}\nit reads\n  {message}"
        );
    }
    for s in sentences.iter().skip(1) {
        assert!(
            message.contains(s),
            "the message does not say\n  {s}\nit reads\n  {message}"
        );
    }
}

/// Like [`evaluate`], but under `edition` rather than the one in force: for the decisions only
/// an edition unlike the built-in ones reaches (an item left out, a candidate gone).
pub(crate) fn evaluate_under(
    text: &str,
    policy: &Policy,
    edition: &crate::knowledge::Edition,
) -> Evaluated {
    evaluate_in(text, policy, Some(edition))
}
