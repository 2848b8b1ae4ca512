//! The `catscan:manufacturer` declaration, read alike in every format that can carry it: a
//! CycloneDX component property (JSON and XML, see [`crate::ingest::cyclonedx`]) or a line of an
//! SPDX package's annotation (see [`crate::ingest::spdx`]).
//!
//! A declared name becomes the component's manufacturer when the component names none; `catscan
//! enrich` writes a supplier's answer so where the format has no manufacturer of its own (SPDX,
//! CycloneDX before 1.6). When the component already names a manufacturer, that one counts,
//! unless the two names differ only in case (then the declared spelling is used); a different
//! declared name is kept beside it, as a second manufacturer would be, and reported as
//! `conflicting-manufacturer`. The declaration itself is not kept as a property.

use crate::inventory::{Component, Party, PartyField, Text};

/// The declaration that names a component's manufacturer.
pub const MANUFACTURER_DECLARATION: &str = "catscan:manufacturer";

/// How a format names the parts of the rule, for the warning.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Wording {
    /// What a component is called: "package", "component".
    pub component: &'static str,
    /// Where a named manufacturer comes from, e.g. "its originator, or an earlier declaration".
    pub named_by: &'static str,
    /// What carries the declaration: "an annotation", "a property".
    pub declared_by: &'static str,
}

/// Gives `c` the manufacturer that a `catscan:manufacturer` declaration names (see the module
/// documentation). Returns the `conflicting-manufacturer` warning when the component names
/// another manufacturer. An empty (or blank) value declares nothing.
pub(crate) fn declare_manufacturer<'a>(
    c: &mut Component<'a>,
    declared: Text<'a>,
    wording: Wording,
) -> Option<String> {
    if declared.trim().is_empty() {
        return None;
    }
    let named = match c.manufacturer.as_deref() {
        None => {
            c.manufacturer = Some(Box::new(Party {
                name: Some(declared),
                ..Party::default()
            }));
            return None;
        }
        Some(maker) => maker.name.as_deref(),
    };
    match named {
        Some(named) if !named.trim().eq_ignore_ascii_case(declared.trim()) => {
            let message = format!(
                "{} \"{}\" names the manufacturer \"{named}\" ({}), and {} declares {MANUFACTURER_DECLARATION}={declared}; the first counts as the manufacturer, the declared one is kept beside it",
                wording.component,
                c.display_name(),
                wording.named_by,
                wording.declared_by,
            );
            c.also_named.push((PartyField::Manufacturer, declared));
            Some(message)
        }
        // No name yet (an organisation given only by its address, say), or the same name.
        _ => {
            if let Some(maker) = c.manufacturer.as_deref_mut() {
                maker.name = Some(declared);
            }
            None
        }
    }
}
