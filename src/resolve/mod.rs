//! Enriching each component with what the knowledge says about it: its vendor, its product
//! category (with confidence and reasons) and, on demand, its technical attributes.

pub mod attributes;
pub mod category;
pub mod vendor;

use rustc_hash::FxHashMap;

use crate::inventory::{Component, ComponentId, Inventory, Text};
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

/// The fields vendor identification reads, as a cache key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct VendorKey<'c, 'a> {
    manufacturer: Option<&'c str>,
    supplier: Option<&'c str>,
    publisher: Option<&'c str>,
    authors: &'c [Text<'a>],
    cpe: Option<&'c str>,
    /// The package URL up to its last `/`: type and namespace, which is all vendor
    /// identification reads of it.
    purl_namespace: Option<&'c str>,
}

impl<'c, 'a> VendorKey<'c, 'a> {
    fn of(c: &'c Component<'a>) -> Self {
        VendorKey {
            manufacturer: c.manufacturer.as_ref().and_then(|p| p.name.as_deref()),
            supplier: c.supplier.as_ref().and_then(|p| p.name.as_deref()),
            publisher: c.publisher.as_deref(),
            authors: &c.authors,
            cpe: c.cpe.as_deref(),
            purl_namespace: c
                .purl
                .as_deref()
                .map(|p| p.split(['@', '?', '#']).next().unwrap_or(p))
                .map(|p| p.rsplit_once('/').map_or(p, |(ns, _)| ns)),
        }
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
    let mut vendor_cache: FxHashMap<VendorKey<'_, 'a>, Option<VendorIdentity<'k>>> =
        FxHashMap::default();
    let components = inventory
        .ids()
        .map(|id| {
            let c = inventory.component(id);
            // Every component gets its vendor: origin rules look at parts and libraries too (a
            // Micron memory module in a server, Kaspersky code in another product).
            let vendor = vendor_cache
                .entry(VendorKey::of(c))
                .or_insert_with(|| vendor::identify(c, knowledge))
                .clone();
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
