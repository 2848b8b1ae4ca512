//! Enriching each component with what the knowledge says about it: its vendor, its product
//! category (with confidence and reasons) and, on demand, its technical attributes.

pub mod quantity;

pub mod attributes;
pub mod category;
pub mod product_class;
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
    pub(crate) vendor: Option<VendorIdentity<'k>>,
    pub(crate) classification: Classification<'k>,
}

/// An inventory with every component resolved; handed on to evaluation.
pub struct Resolved<'i, 'a, 'k> {
    pub(crate) inventory: &'i Inventory<'a>,
    pub(crate) knowledge: &'k Knowledge,
    /// Parallel to `inventory.components`.
    pub components: Vec<ResolvedComponent<'k>>,
    /// Declarations in the BOM that name no category or item catscan knows.
    pub declaration_problems: Vec<(ComponentId, DeclarationProblem)>,
}

impl<'i, 'a, 'k> Resolved<'i, 'a, 'k> {
    pub(crate) fn get(&self, id: ComponentId) -> &ResolvedComponent<'k> {
        &self.components[id.index()]
    }
}

/// The fields vendor identification reads, apart from the package URL, as a cache key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct VendorKey<'c, 'a> {
    manufacturer: Option<&'c str>,
    supplier: Option<&'c str>,
    publisher: Option<&'c str>,
    authors: &'c [Text<'a>],
    also_named: &'c [(crate::inventory::PartyField, Text<'a>)],
    cpe: Option<&'c str>,
}

impl<'c, 'a> VendorKey<'c, 'a> {
    fn of(c: &'c Component<'a>) -> Self {
        VendorKey {
            manufacturer: c.manufacturer.as_ref().and_then(|p| p.name.as_deref()),
            supplier: c.supplier.as_ref().and_then(|p| p.name.as_deref()),
            publisher: c.publisher.as_deref(),
            authors: &c.authors,
            also_named: &c.also_named,
            cpe: c.cpe.as_deref(),
        }
    }
}

/// The package URL up to its last `/` (type and namespace), which is all that vendor
/// identification reads of it.
fn purl_namespace(purl: &str) -> &str {
    let base = purl.split(['@', '?', '#']).next().unwrap_or(purl);
    base.rsplit_once('/').map_or(base, |(ns, _)| ns)
}

/// Below this many components, resolving on one thread is faster than starting others.
const PARALLEL_FROM: usize = 20_000;

/// What one thread resolved: its components in order, and the declaration problems it found.
struct Share<'k> {
    components: Vec<ResolvedComponent<'k>>,
    problems: Vec<(ComponentId, DeclarationProblem)>,
}

fn resolve_share<'k>(
    inventory: &Inventory<'_>,
    knowledge: &'k Knowledge,
    classifier: &Classifier<'k>,
    every_vendor: bool,
    ids: &[ComponentId],
) -> Share<'k> {
    let mut problems = Vec::new();
    // Most components of a large SBOM share a handful of supplier names and package namespaces;
    // look each up once.
    let mut name_cache: FxHashMap<VendorKey<'_, '_>, vendor::NameClues<'k>> = FxHashMap::default();
    let mut purl_cache: FxHashMap<&str, Option<usize>> = FxHashMap::default();
    let components = ids
        .iter()
        .map(|&id| {
            let c = inventory.component(id);
            // Parts of products need no vendor for the catalogue, unless the BOM declares
            // something about them; origin rules may look at them (a Micron memory module in a
            // server, Kaspersky code in another product).
            let needs_vendor = every_vendor
                || c.kind.is_product_kind()
                || c.properties.iter().any(|p| p.name.starts_with("catscan:"));
            let vendor = if needs_vendor {
                let clues = name_cache
                    .entry(VendorKey::of(c))
                    .or_insert_with(|| vendor::by_names(c, knowledge))
                    .clone();
                // A vendor named beside the one the component is evaluated as is reported.
                for (field, written, why) in clues.passed_over_messages() {
                    problems.push((
                        id,
                        DeclarationProblem {
                            property: field.as_str().to_string(),
                            value: written.to_string(),
                            message: why,
                        },
                    ));
                }
                let by_purl = match c.purl.as_deref() {
                    Some(purl) if !clues.decided() => *purl_cache
                        .entry(purl_namespace(purl))
                        .or_insert_with(|| knowledge.vendor_index.by_purl(purl)),
                    _ => None,
                };
                let by_purl = match by_purl {
                    None if !clues.decided() => vendor::by_repository(c, knowledge)
                        .map(|i| (i, crate::knowledge::Basis::Repository)),
                    found => found.map(|i| (i, crate::knowledge::Basis::PurlNamespace)),
                };
                vendor::combine(clues, by_purl, knowledge)
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
    Share {
        components,
        problems,
    }
}

/// Resolves every component of an inventory. The vendor of a library or other part is looked
/// up only when `every_vendor` is set (an origin rule or a custom rule looks at parts); the
/// catalogue needs the vendors of products only.
pub fn resolve<'i, 'a, 'k>(
    inventory: &'i Inventory<'a>,
    knowledge: &'k Knowledge,
    classifier: &Classifier<'k>,
    every_vendor: bool,
) -> Resolved<'i, 'a, 'k> {
    let ids: Vec<ComponentId> = inventory.ids().collect();
    // Large inventories are resolved in contiguous shares on all cores; the shares are joined in
    // order, so the result does not depend on the number of threads.
    let threads = if ids.len() >= PARALLEL_FROM {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        1
    };
    let share_len = ids.len().div_ceil(threads).max(1);
    let shares: Vec<Share<'k>> = if threads > 1 {
        std::thread::scope(|scope| {
            let handles: Vec<_> = ids
                .chunks(share_len)
                .map(|share| {
                    scope.spawn(move || {
                        resolve_share(inventory, knowledge, classifier, every_vendor, share)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a resolving thread panicked"))
                .collect()
        })
    } else {
        vec![resolve_share(
            inventory,
            knowledge,
            classifier,
            every_vendor,
            &ids,
        )]
    };
    let mut components = Vec::with_capacity(ids.len());
    let mut problems = Vec::new();
    for share in shares {
        components.extend(share.components);
        problems.extend(share.problems);
    }
    Resolved {
        inventory,
        knowledge,
        components,
        declaration_problems: problems,
    }
}
