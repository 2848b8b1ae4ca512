//! Findings about what the BOM does not say: products catscan cannot decide, and declarations
//! that name nothing catscan knows.

pub mod rules;
#[cfg(test)]
mod tests;

use super::Collector;
use super::message;
use crate::findings::OutOfScope;
use crate::inventory::ComponentId;
use crate::resolve::DeclarationProblem;

/// A product candidate that nothing identified. Equipment at the level of the BOM (the subject,
/// or listed directly in it) gets a finding when catscan would need a vendor or a category to
/// decide; everything else is counted.
///
/// A device that names no vendor is reported whatever the market: no catalogue item and no
/// vendor list can be checked against it. A device of a known vendor whose kind is unknown
/// matters only to the catalogue (`catalogue_applies`). The BOM's subject, when the BOM lists
/// its parts, is the assembly under review, not a product bought from someone: its parts are
/// decided one by one, and a missing vendor on the assembly itself is no defect.
pub(super) fn unclassified(
    out: &mut Collector<'_, '_, '_, '_>,
    id: ComponentId,
    catalogue_applies: bool,
) -> Option<OutOfScope> {
    let resolved = out.resolved;
    let inventory = resolved.inventory;
    let c = inventory.component(id);
    let top_level = c.is_root || c.parent.is_none_or(|p| inventory.component(p).is_root);
    if !c.kind.is_hardware() || !top_level {
        return Some(OutOfScope::Unclassified);
    }
    if c.is_root && inventory.components.len() > 1 {
        return Some(OutOfScope::Unclassified);
    }
    let knowledge = resolved.knowledge;
    match &resolved.get(id).vendor {
        None => {
            let name = message::component(resolved, id);
            let text = format!(
                "{name} has no manufacturer or supplier and nothing that says what kind of product it is, so catscan cannot decide whether a catalogue item or a vendor list applies to it. \
                 Add its manufacturer (CycloneDX manufacturer or supplier) and declare its category with the property catscan:category."
            );
            out.push(&rules::NO_VENDOR, id, text, None, None);
            None
        }
        Some(_) if !catalogue_applies => Some(OutOfScope::Unclassified),
        Some(vendor) => {
            let Some((registered, _)) = vendor.registered else {
                return Some(OutOfScope::Unclassified);
            };
            let lines: Vec<&str> = registered
                .product_lines
                .iter()
                .filter_map(|l| knowledge.category(l))
                .filter(|c| c.catalogue)
                .map(|c| c.name_en.as_str())
                .collect();
            if lines.len() < 2 {
                // One catalogue line would have made it a possible match; none: nothing to decide.
                return Some(OutOfScope::Unclassified);
            }
            let name = message::component(resolved, id);
            let text = format!(
                "{name} comes from {}, whose product lines include catalogue products ({}), but nothing in the BOM says which kind of device it is. \
                 Declare its category with the property catscan:category so that catscan can decide whether a catalogue item applies. \
                 Product lines as the vendor registry records them: \"{}\".",
                registered.name,
                lines.join(", "),
                registered.product_lines_text.as_deref().unwrap_or_default()
            );
            out.push(&rules::UNCLASSIFIED, id, text, None, None);
            None
        }
    }
}

pub(super) fn invalid_declaration(
    out: &mut Collector<'_, '_, '_, '_>,
    id: ComponentId,
    problem: &DeclarationProblem,
) {
    let name = message::component(out.resolved, id);
    let text = format!(
        "{name} declares {} = \"{}\", which catscan cannot use: {}",
        problem.property,
        problem.value,
        message::sentence(problem.message.clone())
    );
    out.push(&rules::INVALID_DECLARATION, id, text, None, None);
}
