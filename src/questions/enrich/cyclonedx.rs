//! CycloneDX JSON: the answers as entries of the component's `properties` (the array added when
//! the component has none), and an answered manufacturer as its `manufacturer` from 1.6, the
//! version that gave components one; before 1.6 as a `catscan:manufacturer` property, which the
//! readers take as the manufacturer of a component that names none
//! ([`crate::ingest::declared`]).
//!
//! What is written follows the schema of the BOM's `specVersion`, whose `component` object
//! allows no other members (from 1.4; the strict schemas of 1.2 and 1.3): a 1.2 document (or an
//! older version) has no component properties and is refused with an error when there is an
//! answer to write, so that no "enriched" copy without the answers is written. A document
//! without a `specVersion`, or with one that is not `1.x`, is written as the reader reads it,
//! as the newest version.

use super::json_text::{Entry, Indent, append_to_array, member, object_at, quote};
use super::{CYCLONEDX_PROPERTIES_SINCE, Edit, cyclonedx_without_properties, located, not_found};
use crate::ingest::cyclonedx::SpecVersion;
use crate::ingest::declared::MANUFACTURER_DECLARATION;
use crate::inventory::Inventory;
use crate::questions::merge::Addition;

/// The edits that write each component's additions, and warnings about what was not written.
pub(super) fn enrich(
    inventory: &Inventory<'_>,
    additions: &[Addition],
) -> Result<(Vec<Edit>, Vec<String>), String> {
    if additions.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let minor = SpecVersion::parse(&inventory.spec_version)
        .unwrap_or(SpecVersion::NEWEST)
        .0;
    if minor < CYCLONEDX_PROPERTIES_SINCE {
        return Err(cyclonedx_without_properties(inventory, "JSON"));
    }
    let has_manufacturer = minor >= 6;
    let text = inventory.text;
    let mut edits = Vec::new();
    let mut warnings = Vec::new();
    for addition in additions {
        let c = inventory.component(addition.component);
        let (start, object) = object_at(text, c.span.start, "properties")
            .ok_or_else(|| not_found(inventory, c.span.start))?;
        let indent = Indent::of(text, start, &object);
        // A manufacturer that has a name was answered only with the same name (the merge
        // refuses another): the document's spelling stands.
        let named = object
            .member_object(text, "manufacturer")
            .is_some_and(|(_, m)| m.has("name"));
        let maker = addition.manufacturer.as_deref().filter(|_| !named);
        let (mut declared, mut manufacturer) = (None, None);
        if let Some(maker) = maker {
            if object.has("manufacturer") {
                // A manufacturer object without a name: its members are the document's to keep.
                warnings.push(format!(
                    "{}: the component \"{}\" has a manufacturer without a name; the answered manufacturer \"{maker}\" is kept in its catscan:answered property but not written as the manufacturer's name",
                    located(inventory, start),
                    c.display_name()
                ));
            } else if has_manufacturer {
                let body = format!("\"manufacturer\": {{\"name\": {}}}", quote(maker));
                manufacturer = Some((object.last_member_end, member(&indent, &body)));
            } else {
                declared = Some((MANUFACTURER_DECLARATION, maker));
            }
        }
        if object.has("properties") && object.array.is_none() {
            // `"properties": null`: a second member would repeat the key.
            warnings.push(format!(
                "{}: the component \"{}\" has \"properties\" that is not an array; the answers are not written as properties (`catscan scan --answers` still applies them)",
                located(inventory, start),
                c.display_name()
            ));
        } else if declared.is_some() || !addition.properties.is_empty() {
            // The manufacturer first, as in an SPDX annotation.
            let entries: Vec<Entry> = declared
                .into_iter()
                .chain(
                    addition
                        .properties
                        .iter()
                        .map(|(n, v)| (n.as_str(), v.as_str())),
                )
                .map(|(n, v)| vec![("name", quote(n)), ("value", quote(v))])
                .collect();
            edits.push(append_to_array(
                text,
                &object,
                &indent,
                "properties",
                &entries,
                false,
            ));
        }
        edits.extend(manufacturer);
    }
    Ok((edits, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::{ComponentId, SourceFile};
    use std::path::PathBuf;

    fn source() -> SourceFile {
        SourceFile {
            path: PathBuf::from("b.cdx.json"),
            display: "b.cdx.json".into(),
        }
    }

    fn enriched_with(doc: &str, addition: Addition) -> Result<(String, Vec<String>), String> {
        let inventory = crate::ingest::cyclonedx::json::read(source(), doc).unwrap();
        let (edits, warnings) = enrich(&inventory, &[addition])?;
        Ok((super::super::apply(doc, edits), warnings))
    }

    fn enriched(doc: &str, maker: &str) -> (String, Vec<String>) {
        let addition = Addition {
            component: ComponentId(0),
            properties: Vec::new(),
            manufacturer: Some(maker.into()),
        };
        enriched_with(doc, addition).unwrap()
    }

    #[test]
    fn a_manufacturer_is_added_once_and_a_named_one_stands() {
        let bare = r#"{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"type": "device", "name": "D"}]}"#;
        assert_eq!(
            enriched(bare, "Maker").0,
            r#"{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"type": "device", "name": "D", "manufacturer": {"name": "Maker"}}]}"#
        );
        let named = r#"{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"type": "device", "name": "D", "manufacturer": {"name": "ACME"}}]}"#;
        assert_eq!(enriched(named, "Acme"), (named.to_string(), Vec::new()));
    }

    #[test]
    fn before_1_6_an_answered_manufacturer_is_a_property_the_reader_takes_as_the_manufacturer() {
        let answered = || Addition {
            component: ComponentId(0),
            properties: vec![(
                "catscan:answered".into(),
                "manufacturer \"Maker\" from a.xlsx".into(),
            )],
            manufacturer: Some("Maker".into()),
        };
        for version in ["1.3", "1.4", "1.5"] {
            let bare = format!(
                r#"{{"bomFormat": "CycloneDX", "specVersion": "{version}", "components": [{{"type": "device", "name": "D"}}]}}"#
            );
            let (written, warnings) = enriched_with(&bare, answered()).unwrap();
            assert_eq!(
                written,
                format!(
                    r#"{{"bomFormat": "CycloneDX", "specVersion": "{version}", "components": [{{"type": "device", "name": "D", "properties": [{{"name": "catscan:manufacturer", "value": "Maker"}}, {{"name": "catscan:answered", "value": "manufacturer \"Maker\" from a.xlsx"}}]}}]}}"#
                )
            );
            assert!(warnings.is_empty(), "{warnings:?}");
            let read = crate::ingest::cyclonedx::json::read(source(), &written).unwrap();
            let c = &read.components[0];
            assert_eq!(
                c.manufacturer.as_ref().and_then(|m| m.name.as_deref()),
                Some("Maker")
            );
            let names: Vec<&str> = c.properties.iter().map(|p| p.name.as_ref()).collect();
            assert_eq!(names, ["catscan:answered"]);
            assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
        }
        // Appended to the properties the component has; a named manufacturer stands.
        let listed = r#"{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [{"type": "device", "name": "D", "properties": [{"name": "x", "value": "1"}]}]}"#;
        assert_eq!(
            enriched(listed, "Maker").0,
            r#"{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [{"type": "device", "name": "D", "properties": [{"name": "x", "value": "1"}, {"name": "catscan:manufacturer", "value": "Maker"}]}]}"#
        );
        // Without a specVersion the reader reads the newest version, and so is it written.
        let unversioned =
            r#"{"bomFormat": "CycloneDX", "components": [{"type": "device", "name": "D"}]}"#;
        assert_eq!(
            enriched(unversioned, "Maker").0,
            r#"{"bomFormat": "CycloneDX", "components": [{"type": "device", "name": "D", "manufacturer": {"name": "Maker"}}]}"#
        );
    }

    #[test]
    fn a_document_before_1_3_is_refused_when_there_is_an_answer_to_write() {
        let doc = r#"{"bomFormat": "CycloneDX", "specVersion": "1.2", "components": [{"type": "device", "name": "D"}]}"#;
        assert_eq!(
            enriched_with(
                doc,
                Addition {
                    component: ComponentId(0),
                    properties: vec![("catscan:category".into(), "router".into())],
                    manufacturer: None,
                }
            ),
            Err("b.cdx.json: CycloneDX 1.2 JSON has no component properties to carry the answers (they came with 1.3), so nothing was written; convert the BOM to CycloneDX 1.3 or later, or keep the answers file beside it for `catscan scan --answers`".to_string())
        );
        let inventory = crate::ingest::cyclonedx::json::read(source(), doc).unwrap();
        assert_eq!(enrich(&inventory, &[]), Ok((Vec::new(), Vec::new())));
    }
}
