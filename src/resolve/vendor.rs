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
    /// Other registered vendors the BOM names in the same field as the one chosen (a field given
    /// twice), as written: the component is evaluated as one vendor, and these are reported.
    pub passed_over: Vec<(PartyField, Arc<str>, &'k Vendor)>,
}

impl NameClues<'_> {
    /// Whether a name already identifies the vendor, so the package URL cannot change it.
    pub fn decided(&self) -> bool {
        self.by_name.is_some()
    }

    /// Why the component is evaluated as the vendor chosen and not as each one passed over: one
    /// message per vendor passed over, with the field and the name it was written as.
    pub fn passed_over_messages(&self) -> Vec<(PartyField, Arc<str>, String)> {
        let Some((chosen, _)) = self.by_name else {
            return Vec::new();
        };
        let field = self.written.as_ref().map_or("", |(f, _)| f.as_str());
        self.passed_over
            .iter()
            .map(|(other_field, written, other)| {
                let why = if chosen.lists.is_empty() {
                    format!(
                        "it also names {} as its {field}, and neither is on a list; catscan evaluates it as {}, the first given, not as {}: give the {field} once",
                        chosen.name, chosen.name, other.name
                    )
                } else {
                    format!(
                        "it also names {} as its {field}, a vendor on {}; catscan evaluates it as {}, not as {}, so that the listed vendor is not hidden behind another name: give the {field} once",
                        chosen.name,
                        chosen.lists.join(", "),
                        chosen.name,
                        other.name
                    )
                };
                (*other_field, written.clone(), why)
            })
            .collect()
    }
}

/// The vendor the names identify: the first of manufacturer, supplier, publisher and authors
/// that the registry knows. When the BOM gives that field twice (a duplicate key or element)
/// and both values name registered vendors, the one on a list (FCC Covered List, NDAA 889, …)
/// is chosen, whichever came first, so that a listed vendor cannot hide behind another name;
/// the other is kept in [`NameClues::passed_over`] to be reported.
pub fn by_names<'k>(component: &Component<'_>, knowledge: &'k Knowledge) -> NameClues<'k> {
    let mut written = None;
    let mut registered: Vec<(PartyField, &str, &'k Vendor, Basis)> = Vec::new();
    for (field, name) in component.parties() {
        match knowledge.vendor_index.by_name(name) {
            Some((i, basis)) => {
                let vendor = &knowledge.vendors[i];
                let first_field = registered.first().map(|r| r.0);
                if first_field.is_none_or(|f| f == field)
                    && !registered.iter().any(|r| r.2.index == vendor.index)
                {
                    registered.push((field, name, vendor, basis));
                }
            }
            None if written.is_none() => written = Some((field, Arc::from(name.trim()))),
            None => {}
        }
    }
    let chosen = registered
        .iter()
        .position(|r| !r.2.lists.is_empty())
        .unwrap_or(0);
    let mut by_name = None;
    let mut passed_over = Vec::new();
    for (k, (field, name, vendor, basis)) in registered.into_iter().enumerate() {
        if k == chosen {
            written = Some((field, Arc::from(name.trim())));
            by_name = Some((vendor, basis));
        } else {
            passed_over.push((field, Arc::from(name.trim()), vendor));
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
        passed_over,
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

    /// A manufacturer given twice naming two registered vendors: the listed one is chosen
    /// whichever comes first, else the first; the other is passed over, to be reported.
    #[test]
    fn a_field_given_twice_is_decided_for_the_listed_vendor() {
        let k = Knowledge::builtin();
        let twice = |first: &'static str, second: &'static str| Component {
            manufacturer: Some(Box::new(crate::inventory::Party {
                name: Some(first.into()),
                ..Default::default()
            })),
            also_named: vec![(PartyField::Manufacturer, second.into())],
            ..Component::default()
        };
        for (first, second) in [("Cisco Systems", "Huawei"), ("Huawei", "Cisco Systems")] {
            let clues = by_names(&twice(first, second), k);
            assert_eq!(clues.by_name.unwrap().0.id, "huawei", "{first}, {second}");
            let passed: Vec<&str> = clues.passed_over.iter().map(|p| p.2.id.as_str()).collect();
            assert_eq!(passed, ["cisco"]);
        }
        let clues = by_names(&twice("Cisco Systems", "Juniper Networks"), k);
        assert_eq!(clues.by_name.unwrap().0.id, "cisco");
        assert_eq!(
            clues.passed_over_messages()[0].2,
            "it also names Cisco Systems, Inc. as its manufacturer, and neither is on a list; catscan evaluates it as Cisco Systems, Inc., the first given, not as Juniper Networks, Inc.: give the manufacturer once"
        );
    }
}
