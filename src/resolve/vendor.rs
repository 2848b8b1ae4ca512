//! Who made a component: the organisations a BOM names for it, looked up in the vendor registry.

use std::sync::Arc;

use crate::inventory::{Component, PartyField};
use crate::knowledge::{Basis, Knowledge, Vendor};

/// The vendor of a component as far as the BOM and the registry tell.
#[derive(Debug, Clone)]
pub struct VendorIdentity<'k> {
    /// The name as the BOM writes it, and the field it came from (`None` when the only clue
    /// was the package URL or the CPE vendor string).
    pub written: Option<(PartyField, Arc<str>)>,
    /// The registry entry, when the name (or the CPE vendor string) denotes exactly one.
    pub registered: Option<(&'k Vendor, Basis)>,
}

impl<'k> VendorIdentity<'k> {
    /// The name to show: the registry's canonical name, else the name as written.
    pub fn display_name(&self) -> Option<&str> {
        self.registered
            .map(|(v, _)| v.name.as_str())
            .or(self.written.as_ref().map(|(_, n)| &**n))
    }
}

/// Finds the vendor of a component: the first of manufacturer, supplier, publisher and authors
/// that the registry knows, else the package URL's namespace, else the CPE vendor string, else
/// just the first name given.
pub fn identify<'k>(
    component: &Component<'_>,
    knowledge: &'k Knowledge,
) -> Option<VendorIdentity<'k>> {
    let by_purl = component
        .purl
        .as_deref()
        .and_then(|p| knowledge.vendor_index.by_purl(p))
        .map(|i| (i, Basis::PurlNamespace))
        .or_else(|| by_repository(component, knowledge).map(|i| (i, Basis::Repository)));
    combine(by_names(component, knowledge), by_purl, knowledge)
}

/// What the names and the CPE of a component say, before the package URL is looked at: the
/// part that many components share, so that `resolve` can cache it.
#[derive(Debug, Clone)]
pub struct NameClues<'k> {
    written: Option<(PartyField, Arc<str>)>,
    by_name: Option<(&'k Vendor, Basis)>,
    by_cpe: Option<&'k Vendor>,
}

impl NameClues<'_> {
    /// Whether a name already identifies the vendor, so the package URL cannot change it.
    pub fn decided(&self) -> bool {
        self.by_name.is_some()
    }
}

pub fn by_names<'k>(component: &Component<'_>, knowledge: &'k Knowledge) -> NameClues<'k> {
    let mut written = None;
    let mut by_name = None;
    for (field, name) in component.parties() {
        if let Some((i, basis)) = knowledge.vendor_index.by_name(name) {
            written = Some((field, Arc::from(name.trim())));
            by_name = Some((&knowledge.vendors[i], basis));
            break;
        }
        if written.is_none() {
            written = Some((field, Arc::from(name.trim())));
        }
    }
    let by_cpe = component
        .cpe
        .as_deref()
        .and_then(cpe_vendor)
        .and_then(|v| knowledge.vendor_index.by_cpe_vendor(v))
        .map(|i| &knowledge.vendors[i]);
    NameClues {
        written,
        by_name,
        by_cpe,
    }
}

/// The vendor whose repository the component comes from (`cargo:repository`, written by the
/// Cargo reader), when the registry lists that repository's owner.
pub fn by_repository(component: &Component<'_>, knowledge: &Knowledge) -> Option<usize> {
    component
        .property(REPOSITORY_PROPERTY)
        .and_then(|p| knowledge.vendor_index.by_repository(&p.value))
}

/// The property that carries a package's source repository URL.
pub const REPOSITORY_PROPERTY: &str = "cargo:repository";

/// The identity from the name clues and the vendor the package URL or repository denotes.
pub fn combine<'k>(
    clues: NameClues<'k>,
    by_package: Option<(usize, Basis)>,
    knowledge: &'k Knowledge,
) -> Option<VendorIdentity<'k>> {
    let registered = clues
        .by_name
        .or_else(|| by_package.map(|(i, basis)| (&knowledge.vendors[i], basis)))
        .or_else(|| clues.by_cpe.map(|v| (v, Basis::CpeVendor)));
    match (clues.written, registered) {
        (None, None) => None,
        (written, registered) => Some(VendorIdentity {
            written,
            registered,
        }),
    }
}

/// The vendor part of a CPE name, in CPE 2.3 (`cpe:2.3:h:juniper:srx1500:…`) or 2.2 URI form
/// (`cpe:/h:juniper:srx1500`).
pub fn cpe_vendor(cpe: &str) -> Option<&str> {
    let rest = cpe
        .strip_prefix("cpe:2.3:")
        .or_else(|| cpe.strip_prefix("cpe:/"))?;
    let vendor = rest.split(':').nth(1)?;
    (!vendor.is_empty() && vendor != "*" && vendor != "-").then_some(vendor)
}

/// The part of a CPE name (`a` application, `o` operating system, `h` hardware), as written.
pub fn cpe_part(cpe: &str) -> Option<&str> {
    let rest = cpe
        .strip_prefix("cpe:2.3:")
        .or_else(|| cpe.strip_prefix("cpe:/"))?;
    rest.split(':').next()
}

/// The product part of a CPE name.
pub fn cpe_product(cpe: &str) -> Option<&str> {
    let rest = cpe
        .strip_prefix("cpe:2.3:")
        .or_else(|| cpe.strip_prefix("cpe:/"))?;
    let product = rest.split(':').nth(2)?;
    (!product.is_empty() && product != "*" && product != "-").then_some(product)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpe_parts() {
        assert_eq!(
            cpe_vendor("cpe:2.3:h:juniper:srx1500:-:*:*:*:*:*:*:*"),
            Some("juniper")
        );
        assert_eq!(
            cpe_product("cpe:2.3:h:juniper:srx1500:-:*:*:*:*:*:*:*"),
            Some("srx1500")
        );
        assert_eq!(cpe_vendor("cpe:/o:juniper:junos:22.2"), Some("juniper"));
        assert_eq!(cpe_vendor("cpe:2.3:a:*:x"), None);
        assert_eq!(cpe_vendor("not a cpe"), None);
    }

    #[test]
    fn manufacturer_is_looked_up_before_supplier() {
        let k = Knowledge::builtin();
        let c = Component {
            manufacturer: Some(Box::new(crate::inventory::Party {
                name: Some("JUNIPER NETWORKS".into()),
                ..Default::default()
            })),
            supplier: Some(Box::new(crate::inventory::Party {
                name: Some("Some Reseller GmbH".into()),
                ..Default::default()
            })),
            ..Component::default()
        };
        let id = identify(&c, k).unwrap();
        assert_eq!(id.registered.unwrap().0.id, "juniper");
        assert_eq!(id.written.unwrap().0, PartyField::Manufacturer);
    }
}
