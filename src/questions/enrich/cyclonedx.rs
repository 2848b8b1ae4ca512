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
        if let Some(maker) = &addition.manufacturer {
            if object.has("manufacturer") {
                // A manufacturer object without a name (one with a name and another answer was
                // refused as a contradiction): its members are the document's to keep.
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
