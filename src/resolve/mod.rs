//! Enriching each component with what the knowledge says about it: its vendor, its product
//! category (with confidence and reasons) and, on demand, its technical attributes.

pub mod attributes;
pub mod category;
pub mod vendor;

use std::collections::HashMap;

use crate::inventory::{ComponentId, Inventory};
use crate::knowledge::Knowledge;

pub use category::{
    CategoryMatch, Classification, Classifier, Confidence, DeclarationProblem, Reason,
};
pub use vendor::VendorIdentity;

/// What resolution found for one component.
#[derive(Debug, Clone)]
pub struct ResolvedComponent<'k> {
    pub vendor: Option<VendorIdentity<'k>>,
    pub classification: Classification<'k>,
}

/// An inventory with every component resolved; handed on to evaluation.
pub struct Resolved<'i, 'a, 'k> {
    pub inventory: &'i Inventory<'a>,
    pub knowledge: &'k Knowledge,
    /// Parallel to `inventory.components`.
    pub components: Vec<ResolvedComponent<'k>>,
    /// Declarations in the BOM that name no category or item catscan knows.
    pub declaration_problems: Vec<(ComponentId, DeclarationProblem)>,
}

impl<'i, 'a, 'k> Resolved<'i, 'a, 'k> {
    pub fn get(&self, id: ComponentId) -> &ResolvedComponent<'k> {
        &self.components[id.index()]
    }
}

/// Resolves every component of an inventory.
pub fn resolve<'i, 'a, 'k>(
    inventory: &'i Inventory<'a>,
    knowledge: &'k Knowledge,
    classifier: &Classifier<'k>,
) -> Resolved<'i, 'a, 'k> {
    let mut problems = Vec::new();
    // Most components of a large SBOM share a handful of supplier names; look each up once.
    let mut vendor_cache: HashMap<String, Option<VendorIdentity<'k>>> = HashMap::new();
    let components = inventory
        .ids()
        .map(|id| {
            let c = inventory.component(id);
            let needs_vendor = c.kind.is_product_kind() || !c.properties.is_empty();
            let vendor = if needs_vendor {
                let key = format!(
                    "{:?}|{:?}|{:?}|{:?}|{:?}",
                    c.manufacturer, c.supplier, c.publisher, c.authors, c.cpe
                );
                vendor_cache
                    .entry(key)
                    .or_insert_with(|| vendor::identify(c, knowledge))
                    .clone()
            } else {
                None
            };
            let mut found = Vec::new();
            let classification = classifier.classify(inventory, id, vendor.as_ref(), &mut found);
            problems.extend(found.into_iter().map(|p| (id, p)));
            ResolvedComponent {
                vendor,
                classification,
            }
        })
        .collect();
    Resolved {
        inventory,
        knowledge,
        components,
        declaration_problems: problems,
    }
}
