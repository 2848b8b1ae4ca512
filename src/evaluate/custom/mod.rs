//! The policy file's own rules (`[[rule]]` in `catscan.toml`, CEL expressions): the facts each
//! expression sees are gathered here from the resolved component, and every component for which
//! an expression holds gets a finding. An expression that fails on a component is not a silent
//! "no": the run reports it, located at the component.

use rustc_hash::FxHashMap;

use crate::inventory::{ComponentId, Diagnostic, Severity};
use crate::knowledge::{Knowledge, Vendor};
use crate::policy::Policy;
use crate::policy::custom_rule::{ComponentFacts, Facts, ItemFacts, PolicyFacts, VendorFacts};

use super::{Collector, message};

#[cfg(test)]
mod tests;

/// Facts that are the same for every component of a run.
pub(super) struct Shared {
    policy: PolicyFacts,
    vendors: FxHashMap<usize, VendorFacts>,
    /// Failures, one per rule and component, reported with the file's diagnostics.
    pub failures: Vec<Diagnostic>,
}

impl Shared {
    pub fn new(policy: &Policy) -> Self {
        Shared {
            policy: PolicyFacts {
                as_of: policy.as_of.to_string(),
                markets: policy
                    .markets
                    .iter()
                    .map(|m| m.as_str().to_string())
                    .collect(),
                mlps_grade: policy.mlps_grade,
                cii: policy.cii,
                us_federal: policy.us_federal,
            },
            vendors: FxHashMap::default(),
            failures: Vec::new(),
        }
    }
}

fn vendor_facts(knowledge: &Knowledge, index: usize, v: &Vendor) -> VendorFacts {
    VendorFacts {
        id: v.id.clone(),
        name: v.name.clone(),
        country: v.hq_country.clone(),
        incorporated_in: v.incorporated_in.clone(),
        controlling_country: v
            .control
            .as_ref()
            .and_then(|c| c.country.clone())
            .or_else(|| v.controlling_country.clone()),
        control_kind: v.control.as_ref().map(|c| c.kind.as_str().to_string()),
        control_status: v.control.as_ref().map(|c| c.status.as_str().to_string()),
        parent: knowledge
            .vendor_index
            .parent(index)
            .map(|p| knowledge.vendors[p].id.clone()),
        lists: v.lists.clone(),
        status: v.status.as_str().to_string(),
    }
}

/// The catalogue decision of the findings made for this component, in the words rules use.
fn decision(rule_id: &str) -> Option<&'static str> {
    Some(match rule_id {
        "catalogue-in-scope" => "in-scope",
        "evidence-on-record" => "evidence-on-record",
        "catalogue-possible" => "possible",
        "catalogue-undetermined" => "undetermined",
        "catalogue-not-in-scope" => "not-in-scope",
        _ => return None,
    })
}

/// Runs every custom rule on one component. `first_finding` is where this component's findings
/// begin in the collector, to read its catalogue decision.
pub(super) fn check(
    out: &mut Collector<'_, '_, '_, '_>,
    shared: &mut Shared,
    id: ComponentId,
    first_finding: usize,
) {
    let policy = out.policy;
    if policy.custom_rules.is_empty() {
        return;
    }
    let knowledge = out.resolved.knowledge;
    let inventory = out.resolved.inventory;
    let c = inventory.component(id);
    let resolved = out.resolved.get(id);
    let (category, confidence) = match &resolved.classification {
        crate::resolve::Classification::Matched(m) => m
            .first()
            .map(|m| (Some(m.category.id.clone()), Some(m.confidence.to_string())))
            .unwrap_or((None, None)),
        _ => (None, None),
    };
    let component = ComponentFacts {
        name: c.name.to_string(),
        version: c.version.as_ref().map(|v| v.to_string()),
        kind: c.kind.as_str().to_string(),
        group: c.group.as_ref().map(|g| g.to_string()),
        purl: c.purl.as_ref().map(|p| p.to_string()),
        cpe: c.cpe.as_ref().map(|p| p.to_string()),
        bom_ref: c.bom_ref.as_ref().map(|r| r.to_string()),
        category,
        confidence,
        properties: c
            .properties
            .iter()
            .map(|p| (p.name.to_string(), p.value.to_string()))
            .collect(),
    };
    let registered = resolved
        .vendor
        .as_ref()
        .and_then(|v| v.registered)
        .map(|(v, _)| (v.index, v));
    if let Some((i, v)) = registered {
        shared
            .vendors
            .entry(i)
            .or_insert_with(|| vendor_facts(knowledge, i, v));
    }
    let item = out.findings[first_finding..].iter().find_map(|f| {
        let (edition, item_id) = f.catalogue_item.as_deref()?.split_once('/')?;
        let group = knowledge.edition(edition)?.item(item_id)?.group;
        Some(ItemFacts {
            id: item_id.to_string(),
            edition: edition.to_string(),
            group: group.as_str().to_string(),
            decision: decision(f.rule.id)?.to_string(),
        })
    });
    let facts = Facts {
        component: &component,
        vendor: registered.and_then(|(i, _)| shared.vendors.get(&i)),
        item: item.as_ref(),
        policy: &shared.policy,
    };
    let mut hits = Vec::new();
    for rule in &policy.custom_rules {
        match rule.condition.matches(&facts) {
            Ok(true) => hits.push(rule),
            Ok(false) => {}
            Err(e) => shared.failures.push(Diagnostic {
                severity: Severity::Warning,
                code: "custom-rule-failed",
                message: format!(
                    "custom rule {} ({}, line {}) could not be evaluated for {}: {e}",
                    rule.rule.id,
                    rule.location.file,
                    rule.location.line,
                    c.display_name_version()
                ),
                position: Some(inventory.position(c.span.start)),
            }),
        }
    }
    for rule in hits {
        let text = format!(
            "{}: {} (rule of {}, line {}: `{}`)",
            message::component(out.resolved, id),
            message::sentence(&rule.message),
            rule.location.file,
            rule.location.line,
            rule.condition
                .source()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
        out.push(rule.rule, id, text, None, None);
    }
}
