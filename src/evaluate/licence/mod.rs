//! Findings about the licences recorded for a component, whatever it was classified as: a sales
//! permit that cannot be genuine, and evidence dates catscan cannot read.

pub mod rules;
#[cfg(test)]
mod tests;

use super::Collector;
use super::evidence::{self, Kind};
use super::message;
use crate::inventory::ComponentId;

/// Checks the evidence properties of one component.
pub(super) fn check(out: &mut Collector<'_, '_, '_, '_>, id: ComponentId) {
    let resolved = out.resolved;
    let c = resolved.inventory.component(id);
    if !c.properties.iter().any(|p| p.name.starts_with("catscan:")) {
        return;
    }
    for (property, value) in evidence::bad_dates(c) {
        let name = message::component(resolved, id);
        let text = format!(
            "{name} declares {property} = \"{value}\", which is not a date (expected YYYY-MM-DD), so the evidence it belongs to is judged without it."
        );
        out.push(
            &crate::evaluate::data_quality::rules::INVALID_DECLARATION,
            id,
            text,
            None,
            None,
        );
    }
    let recorded = evidence::collect(c, &[], None, resolved.knowledge);
    for e in recorded.iter().filter(|e| e.kind == Kind::MopsPermit) {
        if let Some(why) = evidence::permit_not_genuine(e, resolved.knowledge) {
            let name = message::component(resolved, id);
            let text = format!(
                "{name} records {e}, which cannot be genuine: {}. Check the permit with the supplier; it is not evidence that the product may be sold.",
                why.trim_end_matches('.')
            );
            out.push(&rules::PERMIT_NOT_GENUINE, id, text, None, None);
        }
    }
}
