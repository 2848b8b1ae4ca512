//! CycloneDX JSON: the answers as entries of the component's `properties` (the array added when
//! the component has none), and an answered manufacturer as its `manufacturer`.

use super::json_text::{Entry, Indent, append_to_array, member, object_at, quote};
use super::{Edit, not_found};
use crate::inventory::Inventory;
use crate::questions::merge::Addition;

/// The edits that write each component's additions, and warnings about what was not written.
pub(super) fn enrich(
    inventory: &Inventory<'_>,
    additions: &[Addition],
) -> Result<(Vec<Edit>, Vec<String>), String> {
    let text = inventory.text;
    let mut edits = Vec::new();
    let mut warnings = Vec::new();
    for addition in additions {
        let c = inventory.component(addition.component);
        let (start, object) = object_at(text, c.span.start, "properties")
            .ok_or_else(|| not_found(inventory, c.span.start))?;
        let indent = Indent::of(text, start, &object);
        if object.has("properties") && object.array.is_none() {
            // `"properties": null`: a second member would repeat the key.
            let p = inventory.position(start);
            warnings.push(format!(
                "{}:{}:{}: the component \"{}\" has \"properties\" that is not an array; the answers are not written as properties (`catscan scan --answers` still applies them)",
                inventory.source.display,
                p.line,
                p.column,
                c.display_name()
            ));
        } else if !addition.properties.is_empty() {
            let entries: Vec<Entry> = addition
                .properties
                .iter()
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
        // A manufacturer that has a name was answered only with the same name (the merge
        // refuses another): the document's spelling stands.
        let named = object
            .member_object(text, "manufacturer")
            .is_some_and(|(_, m)| m.has("name"));
        if let Some(maker) = &addition.manufacturer
            && !named
        {
            if object.has("manufacturer") {
                // A manufacturer object without a name: its members are the document's to keep.
                let p = inventory.position(start);
                warnings.push(format!(
                    "{}:{}:{}: the component \"{}\" has a manufacturer without a name; the answered manufacturer \"{maker}\" is kept in its catscan:answered property but not written as the manufacturer's name",
                    inventory.source.display,
                    p.line,
                    p.column,
                    c.display_name()
                ));
            } else {
                let body = format!("\"manufacturer\": {{\"name\": {}}}", quote(maker));
                edits.push((object.last_member_end, member(&indent, &body)));
            }
        }
    }
    Ok((edits, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::{ComponentId, SourceFile};
    use std::path::PathBuf;

    fn enriched(doc: &str, maker: &str) -> (String, Vec<String>) {
        let source = SourceFile {
            path: PathBuf::from("b.cdx.json"),
            display: "b.cdx.json".into(),
        };
        let inventory = crate::ingest::cyclonedx::json::read(source, doc).unwrap();
        let addition = Addition {
            component: ComponentId(0),
            properties: Vec::new(),
            manufacturer: Some(maker.into()),
        };
        let (edits, warnings) = enrich(&inventory, &[addition]).unwrap();
        (super::super::apply(doc, edits), warnings)
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
}
