//! Origin rules: who made a component, against the rule packs the policy turns on (MLPS grade 3+,
//! CII review, the Micron decision, the FCC Covered List, NDAA §889, the Kaspersky
//! determination). Each pack is data (`catalogues/packs/`); this module applies the three kinds of
//! test and words the findings. A rule that needs the vendor and cannot have it says so
//! (`data-quality-unresolved-vendor`); a fact the registry lacks makes the result undetermined,
//! never clean.

mod messages;
pub mod rules;

use crate::findings::Control;
use crate::findings::rules::Rule;
use crate::inventory::{Component, ComponentId};
use crate::knowledge::regions::{Question, Standing};
use crate::knowledge::{Exception, ExceptionEffect, Pack, PackKind, Status, Vendor};
use crate::resolve::{CategoryMatch, Classification};

use super::Collector;
use super::message;

/// Applies every pack in force to one component.
pub(super) fn check(out: &mut Collector<'_, '_, '_, '_>, id: ComponentId) {
    let knowledge = out.resolved.knowledge;
    let as_of = out.policy.as_of;
    let mut unresolved_reported = false;
    for pack in &knowledge.packs {
        if !out.policy.triggers(pack.applies_when) || !pack.in_force_on(as_of) {
            continue;
        }
        match pack.kind {
            PackKind::EntityList => entity_list(out, id, pack, &mut unresolved_reported),
            PackKind::DomesticDeveloper => {
                domestic_developer(out, id, pack, &mut unresolved_reported)
            }
            PackKind::ProcurementReview => procurement_review(out, id, pack),
        }
    }
}

/// The categories the component was recognised as, when it is a product in its own right.
fn product_matches<'r, 'k>(
    out: &'r Collector<'_, '_, '_, 'k>,
    id: ComponentId,
) -> Option<&'r [CategoryMatch<'k>]> {
    match &out.resolved.get(id).classification {
        Classification::Matched(m) => Some(m),
        _ => None,
    }
}

fn in_categories<'a, 'k>(
    matches: &'a [CategoryMatch<'k>],
    categories: &[String],
) -> Option<&'a CategoryMatch<'k>> {
    matches.iter().find(|m| categories.contains(&m.category.id))
}

fn registered<'k>(out: &Collector<'_, '_, '_, 'k>, id: ComponentId) -> Option<(usize, &'k Vendor)> {
    let (vendor, _) = out.resolved.get(id).vendor.as_ref()?.registered?;
    Some((vendor.index, vendor))
}

fn unresolved_vendor(
    out: &mut Collector<'_, '_, '_, '_>,
    id: ComponentId,
    why: &str,
    reported: &mut bool,
) {
    if *reported {
        return;
    }
    *reported = true;
    let text = messages::unresolved_vendor(out.resolved, id, why);
    out.push(
        &crate::evaluate::data_quality::rules::UNRESOLVED_VENDOR,
        id,
        text,
        None,
        None,
    );
}

/// Named companies, their subsidiaries and affiliates.
fn entity_list(
    out: &mut Collector<'_, '_, '_, '_>,
    id: ComponentId,
    pack: &Pack,
    unresolved_reported: &mut bool,
) {
    let knowledge = out.resolved.knowledge;
    let as_of = out.policy.as_of;
    let c: &Component<'_> = out.resolved.inventory.component(id);
    let is_product = c.kind.is_product_kind();
    let Some((vendor_index, vendor)) = registered(out, id) else {
        // Equipment of a category the list covers, with no known vendor, could be listed.
        if let Some(m) = product_matches(out, id).and_then(|ms| {
            ms.iter().find(|m| {
                pack.entries.iter().any(|e| {
                    !e.services_only && e.added <= as_of && e.categories.contains(&m.category.id)
                })
            })
        }) {
            let why = format!(
                "the {} ({}), which names makers of {}",
                pack.name,
                pack.applies_when.flag(),
                m.category.name_en
            );
            unresolved_vendor(out, id, &why, unresolved_reported);
        }
        return;
    };
    let lineage = knowledge.vendor_index.lineage(vendor_index);
    for entry in &pack.entries {
        if entry.services_only || entry.added > as_of {
            continue;
        }
        let Some(depth) = lineage
            .iter()
            .position(|&v| knowledge.vendors[v].id == entry.vendor)
        else {
            continue;
        };
        if !is_product && !entry.all_components {
            continue;
        }
        let listed = &knowledge.vendors[lineage[depth]];
        let through = if depth == 0 {
            String::new()
        } else {
            let chain: Vec<&str> = lineage[..depth]
                .iter()
                .map(|&v| knowledge.vendors[v].name.as_str())
                .collect();
            format!(
                " ({} belongs to {} according to catscan's vendor registry; the list covers subsidiaries and affiliates, and whether this company is one in the list's sense is a legal question)",
                chain.join(", which belongs to "),
                listed.name
            )
        };
        let matches = product_matches(out, id);
        let (rule, scope_sentence): (&'static Rule, String) = if entry.all_products {
            (
                rule_of(pack),
                "The entry covers every product of the company.".to_string(),
            )
        } else {
            match matches.and_then(|ms| covered_match(pack, ms, &entry.categories)) {
                Some(Covered::OutOfScope) => continue,
                Some(Covered::Undecided { m, exception }) => (
                    &rules::UNDETERMINED,
                    format!(
                        "It is {}, a category the entry names, but the instrument makes an exception at {}: \"{}\"{}. {} Recognised from: {}.",
                        message::a_category(m.category),
                        exception.cite,
                        exception.text.trim_end_matches('.'),
                        message::status_clause(exception.status),
                        message::sentence(
                            exception
                                .undecided_note
                                .as_deref()
                                .unwrap_or("Whether this part can route or redirect user data traffic is not in the BOM, so whether it is covered cannot be decided")
                        ),
                        message::reasons(m)
                    ),
                ),
                Some(Covered::Yes(m)) => {
                    let inferred = entry
                        .categories_status
                        .filter(|s| *s != Status::Confirmed)
                        .map(|s| {
                            format!(
                                " (that {} falls within it is {})",
                                m.category.name_en,
                                s.describe()
                            )
                        })
                        .unwrap_or_default();
                    (
                        rule_of(pack),
                        format!(
                            "It is {}, within that scope{inferred}. Recognised from: {}.",
                            message::a_category(m.category),
                            message::reasons(m)
                        ),
                    )
                }
                None => {
                    let what = match matches.and_then(|ms| ms.first()) {
                        Some(m) => format!("It is {}", message::a_category(m.category)),
                        None => "Nothing in the BOM says what kind of product it is".to_string(),
                    };
                    (
                        &rules::UNDETERMINED,
                        format!(
                            "{what}; whether that is within the entry's scope cannot be decided from the BOM."
                        ),
                    )
                }
            }
        };
        let (rule, purpose) = match &entry.purpose {
            Some(p) if rule.id == rule_of(pack).id => (
                &rules::UNDETERMINED,
                format!(
                    " The entry covers such equipment only {p}; a BOM does not show the use, so whether this one is covered cannot be decided."
                ),
            ),
            _ => (rule, String::new()),
        };
        if out.policy.level(rule).is_none() {
            continue;
        }
        let note = entry
            .note
            .as_deref()
            .map(|n| format!(" {}", message::sentence(n)))
            .unwrap_or_default();
        let pack_status = message::status_sentence(
            "The instrument's status",
            pack.status,
            pack.status_note.as_deref(),
        )
        .map(|s| format!(" {}", message::sentence(s)))
        .unwrap_or_default();
        let text = format!(
            "{} is made by {}{through}, which the {} names as \"{}\" ({}) for {}. {scope_sentence}{purpose} Basis ({}): {}: {}.{pack_status}{note} {}",
            message::component(out.resolved, id),
            vendor.name,
            pack.name,
            entry.listed_as,
            messages::entry_facts(entry),
            entry.scope,
            pack.applies_when.flag(),
            pack.instrument,
            pack.requirement,
            messages::sources(&entry.sources),
        );
        let confidence = matches.and_then(|ms| ms.first()).map(|m| m.confidence);
        out.push(rule, id, text, None, confidence);
    }
}

/// What an entry's categories make of a product, once the instrument's exceptions are applied.
enum Covered<'a, 'k> {
    /// Of a category the entry covers, and no exception touches it.
    Yes(&'a CategoryMatch<'k>),
    /// Only of categories an exception may take out of scope; the BOM cannot tell.
    Undecided {
        m: &'a CategoryMatch<'k>,
        exception: &'k Exception,
    },
    /// Only of categories an exception takes out of scope.
    OutOfScope,
}

/// The product's categories against the entry's, then the pack's exceptions: a product that is
/// also of a category no exception touches (a line card recognised as a router) is covered.
fn covered_match<'a, 'k>(
    pack: &'k Pack,
    matches: &'a [CategoryMatch<'k>],
    categories: &[String],
) -> Option<Covered<'a, 'k>> {
    let within: Vec<&CategoryMatch<'k>> = matches
        .iter()
        .filter(|m| categories.contains(&m.category.id))
        .collect();
    let effect = |m: &CategoryMatch<'k>| {
        pack.exceptions
            .iter()
            .find_map(|e| e.applies_to(&m.category.id).map(|effect| (e, effect)))
    };
    if let Some(m) = within.iter().find(|m| effect(m).is_none()) {
        return Some(Covered::Yes(m));
    }
    if let Some((m, exception)) = within.iter().find_map(|m| match effect(m) {
        Some((e, ExceptionEffect::Undecided)) => Some((*m, e)),
        _ => None,
    }) {
        return Some(Covered::Undecided { m, exception });
    }
    (!within.is_empty()).then_some(Covered::OutOfScope)
}

fn rule_of(pack: &Pack) -> &'static Rule {
    crate::findings::rules::by_id(&pack.rule)
        .expect("pack rules are checked when the data is loaded")
}

/// MLPS grade 3+: security products from a developer incorporated and controlled in China.
fn domestic_developer(
    out: &mut Collector<'_, '_, '_, '_>,
    id: ComponentId,
    pack: &Pack,
    unresolved_reported: &mut bool,
) {
    let Some(m) = product_matches(out, id).and_then(|ms| in_categories(ms, &pack.categories))
    else {
        return;
    };
    let category = m.category;
    let what = format!(
        "{} is {} (recognised from: {}), a security product for the {} ({})",
        message::component(out.resolved, id),
        message::a_category(category),
        message::reasons(m),
        pack.name,
        pack.applies_when.flag()
    );
    let basis = format!(
        "Basis: {}: {}. {}{} {}",
        pack.instrument,
        pack.requirement,
        pack.status_note
            .as_deref()
            .map(|n| format!("Its status: {} ", message::sentence(n)))
            .unwrap_or_default(),
        pack.categories_note
            .as_deref()
            .map(|n| format!("Which products count: {}", message::sentence(n)))
            .unwrap_or_default(),
        messages::sources(&pack.sources)
    );
    let Some((_, vendor)) = registered(out, id) else {
        let why = format!("the {} ({})", pack.name, pack.applies_when.flag());
        unresolved_vendor(out, id, &why, unresolved_reported);
        return;
    };
    let confidence = Some(m.confidence);
    let registry = format!(
        "catscan's vendor registry records {} as incorporated in {} (entry {}, {})",
        vendor.name,
        vendor
            .incorporated_in
            .as_deref()
            .unwrap_or("an unrecorded country"),
        vendor.id,
        vendor.status
    );
    let undetermined = |why: String| {
        (
            &rules::UNDETERMINED,
            format!(
                "{what}, and whether its developer qualifies cannot be decided: {why}. {basis}"
            ),
        )
    };
    // Who controls the developer: the same decision as the domestic-share table's.
    let control = super::procurement::control_of(out, id);
    let (rule, text): (&'static Rule, String) = if vendor.status == Status::Unknown {
        undetermined(format!(
            "{registry}, but the registry entry has status unknown (its key facts were never read) and is not used for origin decisions"
        ))
    } else {
        let regions = &out.resolved.knowledge.regions;
        let incorporated = vendor
            .incorporated_in
            .as_deref()
            .map(|i| (i, regions.standing(i, Question::IncorporatedInChina)));
        match incorporated {
            Some((i, Standing::Unsettled)) => undetermined(format!(
                "{registry}; whether incorporation in {i} counts as incorporation in China (在中华人民共和国境内) is not settled by the sources"
            )),
            Some((_, Standing::Foreign)) => (
                &rules::MLPS_FOREIGN_DEVELOPER,
                format!(
                    "{what}, and its developer is not incorporated in China: {registry}. {basis}"
                ),
            ),
            None if control.recorded => undetermined(format!("{registry}, and {}", control.reason)),
            None => undetermined(registry),
            Some((_, Standing::Domestic)) => match control.control {
                Control::Domestic => return,
                Control::Foreign => (
                    &rules::MLPS_FOREIGN_DEVELOPER,
                    format!(
                        "{what}, and its developer is controlled from outside China: {registry}, and {}. {basis}",
                        control.reason
                    ),
                ),
                Control::Unknown if control.recorded => {
                    undetermined(format!("{registry}, and {}", control.reason))
                }
                Control::Unknown => undetermined(format!(
                    "{registry}; who controls it is not recorded{}",
                    vendor
                        .controlling_owner
                        .as_deref()
                        .map(|o| format!(" as a country (the registry says: {o})"))
                        .unwrap_or_default()
                )),
            },
        }
    };
    out.push(rule, id, text, None, confidence);
}

/// CII: network products that need a pre-assessment and, where national security may be
/// affected, a cybersecurity review.
fn procurement_review(out: &mut Collector<'_, '_, '_, '_>, id: ComponentId, pack: &Pack) {
    if out.policy.level(&rules::CII_REVIEW).is_none() {
        return;
    }
    let Some(m) = product_matches(out, id).and_then(|ms| in_categories(ms, &pack.categories))
    else {
        return;
    };
    // The review weighs the risk that a product brings to national security; the Measures name
    // supply-chain risks from foreign control among them. A product whose developer the registry
    // records as controlled from China is still to be pre-assessed, but the review is unlikely
    // to change the decision to buy it: a note. A foreign or unknown developer: a warning.
    let control = super::procurement::control_of(out, id);
    let domestic = control.control == Control::Domestic;
    let control_why = control.basis();
    let origin = match registered(out, id) {
        Some((_, v)) => format!(
            " Its vendor, {}, is incorporated in {}{}.",
            v.name,
            v.incorporated_in
                .as_deref()
                .unwrap_or("an unrecorded country"),
            v.controlling_country
                .as_deref()
                .map(|c| format!(" and controlled from {c}"))
                .unwrap_or_default()
        ),
        None => " Its vendor is not in catscan's registry.".to_string(),
    };
    let inferred = pack
        .categories_status
        .filter(|s| *s != Status::Confirmed)
        .map(|s| {
            format!(
                " That {} is among the products the Review Measures name is {}: {}",
                m.category.name_en,
                s.describe(),
                pack.categories_note.as_deref().unwrap_or("")
            )
        })
        .map(message::sentence)
        .unwrap_or_default();
    let weight = if domestic {
        format!(
            " The registry records its developer as controlled from China, so the review is unlikely to change the decision: reported as a note ({control_why})."
        )
    } else {
        String::new()
    };
    let text = format!(
        "{} is {} (recognised from: {}), a network product that a critical information infrastructure operator ({}) must assess before buying.{origin}{weight} Basis: {}: {}.{inferred} {}",
        message::component(out.resolved, id),
        message::a_category(m.category),
        message::reasons(m),
        pack.applies_when.flag(),
        pack.instrument,
        pack.requirement,
        messages::sources(&pack.sources)
    );
    let cap = if domestic {
        crate::findings::rules::Level::Note
    } else {
        crate::findings::rules::Level::Error
    };
    out.push_at_most(cap, &rules::CII_REVIEW, id, text, Some(m.confidence));
}

#[cfg(test)]
mod tests;
