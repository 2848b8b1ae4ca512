//! The questions a scan leaves open: from each finding that cannot be decided, what the
//! supplier could state that would decide it.
//!
//! Evaluation is not changed: the findings of the normal scan say which rule could not decide
//! and under which catalogue item; the knowledge says which attributes the item's threshold is
//! stated in; the component read from the BOM says which of them it already states, so that only
//! the missing ones are asked.

use std::collections::HashMap;

use crate::findings::Finding;
use crate::inventory::{ComponentId, Inventory};
use crate::knowledge::{Edition, Item, Knowledge};
use crate::questions::model::{
    self, Need, Question, Questionnaire, Settles, Subject, bom_fingerprint, fingerprint_of,
    fingerprint_of_ref, property_of, units_of,
};
use crate::resolve::attributes::values_of;
use crate::resolve::category::MODEL_PROPERTIES;

/// Whether a finding is an open question: the rules that report "cannot be decided", and a
/// catalogue product in scope with no evidence on record (catalogue-in-scope is only reported
/// when no valid evidence is).
pub fn is_open_question(rule: &str) -> bool {
    matches!(
        rule,
        "catalogue-undetermined"
            | "catalogue-possible"
            | "catalogue-in-scope"
            | "origin-undetermined"
            | "data-quality-no-vendor"
            | "data-quality-unresolved-vendor"
    ) || (rule.starts_with("procurement-") && rule.ends_with("-undetermined"))
}

/// The questions about one BOM: its inventory as read, and the findings the scan gave it.
pub fn questions(
    inventory: &Inventory<'_>,
    findings: &[Finding],
    knowledge: &Knowledge,
    as_of: time::Date,
) -> Questionnaire {
    // The first component of each fingerprint (two units of one model share it).
    let mut by_fingerprint: HashMap<String, ComponentId> = HashMap::new();
    for id in inventory.ids() {
        by_fingerprint
            .entry(fingerprint_of(inventory.component(id)))
            .or_insert(id);
    }
    let mut out = Questionnaire {
        file: inventory.source.display.clone(),
        bom: bom_fingerprint(inventory),
        as_of,
        questions: Vec::new(),
        unanswerable: Vec::new(),
    };
    for finding in findings {
        let rule = finding.rule.id;
        if !is_open_question(rule) || finding.suppression.is_some() {
            continue;
        }
        let fingerprint = fingerprint_of_ref(&finding.component);
        let Some(&id) = by_fingerprint.get(&fingerprint) else {
            continue;
        };
        let subject = subject(inventory, id, finding, fingerprint);
        let settles = Settles {
            rule: rule.to_string(),
            item: finding.catalogue_item.clone(),
        };
        let before = out.questions.len();
        for (need, what_en, what_zh, units, why) in needs(inventory, id, finding, knowledge, as_of)
        {
            // One row per component and fact: a second finding the same fact settles is added
            // to the row's list.
            if let Some(q) = out
                .questions
                .iter_mut()
                .find(|q| q.subject.fingerprint == subject.fingerprint && q.need == need)
            {
                if !q.settles.contains(&settles) {
                    q.settles.push(settles.clone());
                }
                continue;
            }
            out.questions.push(Question {
                subject: subject.clone(),
                need,
                what_en,
                what_zh,
                why,
                units,
                settles: vec![settles.clone()],
            });
        }
        if out.questions.len() == before
            && !out.questions.iter().any(|q| q.settles.contains(&settles))
        {
            out.unanswerable.push(format!(
                "{} ({rule}): {}",
                subject.name,
                crate::findings::excerpt(&finding.message, 300)
            ));
        }
    }
    // Grouped by component, in the order of the BOM.
    out.questions
        .sort_by_key(|q| (q.subject.line, q.subject.fingerprint.clone()));
    out
}

fn subject(
    inventory: &Inventory<'_>,
    id: ComponentId,
    finding: &Finding,
    fingerprint: String,
) -> Subject {
    let c = inventory.component(id);
    let model = MODEL_PROPERTIES
        .iter()
        .find_map(|name| c.property(name))
        .map(|p| p.value.to_string());
    Subject {
        name: c.display_name(),
        version: c.version.as_deref().map(str::to_string),
        model,
        bom_ref: c.bom_ref.as_deref().map(str::to_string),
        file: inventory.source.display.clone(),
        line: finding.region.start.line,
        fingerprint,
    }
}

/// A need with its wording: (need, what in English, what in Chinese, units, why).
type Asked = (Need, String, String, Vec<&'static str>, String);

/// The facts that would decide one finding.
fn needs(
    inventory: &Inventory<'_>,
    id: ComponentId,
    finding: &Finding,
    knowledge: &Knowledge,
    as_of: time::Date,
) -> Vec<Asked> {
    let c = inventory.component(id);
    let rule = finding.rule;
    let mut out = Vec::new();
    match rule.id {
        "catalogue-undetermined" | "catalogue-possible" | "catalogue-in-scope" => {
            let Some((edition, item)) = finding
                .catalogue_item
                .as_deref()
                .and_then(|key| item_of(knowledge, key))
            else {
                return out;
            };
            let item_name = format!(
                "{}/{} ({}, {})",
                edition.id, item.id, item.name_zh, item.name_en
            );
            let basis = knowledge.regime.law.article_on(as_of).map_or_else(
                || "Cybersecurity Law".to_string(),
                |a| format!("Cybersecurity Law art. {}", a.number),
            );
            if rule.id == "catalogue-possible" {
                let candidates = item.categories.join(", ");
                out.push((
                    Need::Category,
                    format!(
                        "What kind of product it is (a catscan category; {candidates} would fall under item {item_name})"
                    ),
                    format!("产品类型（{}）", item.name_zh),
                    Vec::new(),
                    format!(
                        "{}: only weak evidence says it falls under item {item_name}, which needs certification or testing before sale ({basis}).",
                        rule.id
                    ),
                ));
            }
            if rule.id != "catalogue-in-scope"
                && let Some(threshold) = &item.threshold
            {
                for condition in &threshold.conditions {
                    let Some(attribute) = knowledge.attribute(&condition.attribute) else {
                        continue;
                    };
                    let stated = values_of(c, attribute).iter().any(|v| v.labelled);
                    if stated {
                        continue;
                    }
                    let units = units_of(attribute.dimension);
                    let in_units = if units.is_empty() {
                        "a whole number".to_string()
                    } else {
                        format!("in {}", units.join(", "))
                    };
                    let limit = condition.display_limit();
                    out.push((
                        Need::Attribute(attribute.id.clone()),
                        format!(
                            "{} ({in_units}; property {}): item {}/{} applies from {limit}",
                            attribute.name_en,
                            property_of(attribute),
                            edition.id,
                            item.id
                        ),
                        condition.text_zh.clone().unwrap_or_else(|| {
                            format!("{}{}{}", attribute.name_zh, condition.op.symbol(), condition.value)
                        }),
                        units,
                        format!(
                            "{}: the BOM does not state the {} that decides whether item {item_name} applies ({limit}; {basis}).",
                            rule.id, attribute.name_en
                        ),
                    ));
                }
            }
            out.push((
                Need::Evidence,
                "A security certification certificate or security testing report: its number, the body that issued it, and its dates".to_string(),
                "网络安全专用产品/网络关键设备安全认证证书或安全检测报告：编号、发证机构、签发日期、有效期至".to_string(),
                model::EVIDENCE_KINDS.iter().map(|(en, _, _)| *en).collect(),
                format!(
                    "{}: as a product of item {item_name} it may be sold only after security certification or testing ({basis}); a valid certificate or report settles it.",
                    rule.id
                ),
            ));
        }
        "data-quality-no-vendor" | "data-quality-unresolved-vendor" => {
            out.push((
                Need::Manufacturer,
                "The manufacturer's legal name (as on the product's nameplate or certificate)"
                    .to_string(),
                "制造商法定名称".to_string(),
                Vec::new(),
                format!(
                    "{}: without a known manufacturer catscan cannot decide whether a catalogue item or a vendor list applies.",
                    rule.id
                ),
            ));
            if rule.id == "data-quality-no-vendor" {
                out.push((
                    Need::Category,
                    "What kind of product it is (a catscan category, see `catscan catalogue categories`)".to_string(),
                    "产品类型".to_string(),
                    Vec::new(),
                    format!(
                        "{}: nothing in the BOM says what kind of product it is, so no catalogue item can be decided.",
                        rule.id
                    ),
                ));
            }
        }
        _ => {
            out.push((
                Need::Control,
                "Who controls the developer (its controlling shareholder or actual controller), and in Unit or kind the ISO 3166-1 code of the country it controls from (CN, US, …)".to_string(),
                "开发者的控股股东或实际控制人，及其所在国家/地区代码（填在“单位或类型”列，如 CN）".to_string(),
                Vec::new(),
                // The finding's own account (what applies and what is not known), without the
                // basis and sources that follow it.
                format!(
                    "{}: {}",
                    rule.id,
                    crate::findings::excerpt(
                        finding
                            .message
                            .split_once(" Basis: ")
                            .map_or(finding.message.as_str(), |(head, _)| head),
                        600
                    )
                ),
            ));
        }
    }
    out
}

/// The edition and item of a finding's `"<edition>/<item>"`.
fn item_of<'k>(knowledge: &'k Knowledge, key: &str) -> Option<(&'k Edition, &'k Item)> {
    let (edition, item) = key.split_once('/')?;
    let edition = knowledge.edition(edition)?;
    Some((edition, edition.item(item)?))
}
