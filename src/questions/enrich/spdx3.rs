//! SPDX 3 JSON-LD: an `Annotation` element per package (`annotationType` `other`, `subject` the
//! package, `statement` the declarations), appended to `@graph` with the elements that say who
//! made it and when, as SPDX 3 requires of every element: a `CreationInfo` (`created` the
//! annotation's date, `specVersion` the document's) created by a `SoftwareAgent` named
//! `catscan-<version>`.
//!
//! The new identifiers are made from the ones they belong to and the date, so that they say what
//! they are and stay unique in the document: `<package>-catscan-answers-<date>` for an
//! annotation, `<document>-catscan-<date>` for the agent (the `SpdxDocument`'s identifier, else the
//! first annotated package's), `_:catscan-<date>` for the creation information; a number is
//! added to one the document already uses. The elements are not added to the `SpdxDocument`'s
//! `element` list: that would be a second edit in the middle of the document, and SPDX does not
//! require the list to be complete.

use std::collections::HashSet;

use serde_json::Value;

use super::json_text::{Entry, Indent, append_to_array, quote, scan_object};
use super::{Annotator, Edit, declaration_lines, located};
use crate::inventory::Inventory;
use crate::questions::merge::Addition;

/// The edit that appends the annotations to `@graph`, and warnings about what was not written.
pub(super) fn enrich(
    inventory: &Inventory<'_>,
    additions: &[Addition],
    annotator: &Annotator,
) -> Result<(Vec<Edit>, Vec<String>), String> {
    let text = inventory.text;
    let document: Value =
        serde_json::from_str(text).map_err(|e| format!("{}: {e}", inventory.source.display))?;
    let mut used = HashSet::new();
    strings(&document, &mut used);
    let stamp: String = annotator
        .date
        .chars()
        .filter(|c| !matches!(c, '-' | ':'))
        .collect();
    let mut warnings = Vec::new();
    let mut annotations: Vec<(String, Vec<String>)> = Vec::new();
    for addition in additions {
        let c = inventory.component(addition.component);
        let Some(id) = c.bom_ref.as_deref().filter(|id| !id.trim().is_empty()) else {
            warnings.push(format!(
                "{}: the component \"{}\" has no spdxId for an annotation to name as its subject; its answers are not written (`catscan scan --answers` still applies them)",
                located(inventory, c.span.start),
                c.display_name()
            ));
            continue;
        };
        let (lines, unwritten) = declaration_lines(inventory, addition, None);
        warnings.extend(unwritten);
        if !lines.is_empty() {
            annotations.push((id.to_string(), lines));
        }
    }
    let Some((first_subject, _)) = annotations.first() else {
        return Ok((Vec::new(), warnings));
    };
    let graph_error = || {
        format!(
            "{}: cannot find the document's \"@graph\" to add the answers to",
            inventory.source.display
        )
    };
    let open = text.len() - text.trim_start().len();
    let top = scan_object(text, open, "@graph").ok_or_else(graph_error)?;
    if top.array.is_none() {
        return Err(graph_error());
    }
    let base = spdx_document_id(&document).unwrap_or(first_subject.as_str());
    let agent = fresh(&mut used, format!("{base}-catscan-{stamp}"));
    let creation = fresh(&mut used, format!("_:catscan-{stamp}"));
    let mut entries: Vec<Entry> = vec![
        vec![
            ("type", quote("CreationInfo")),
            ("@id", quote(&creation)),
            ("specVersion", quote(&inventory.spec_version)),
            ("created", quote(&annotator.date)),
            ("createdBy", format!("[{}]", quote(&agent))),
        ],
        vec![
            ("type", quote("SoftwareAgent")),
            ("spdxId", quote(&agent)),
            ("name", quote(&annotator.tool)),
            ("creationInfo", quote(&creation)),
        ],
    ];
    for (subject, lines) in &annotations {
        let id = fresh(&mut used, format!("{subject}-catscan-answers-{stamp}"));
        entries.push(vec![
            ("type", quote("Annotation")),
            ("spdxId", quote(&id)),
            ("creationInfo", quote(&creation)),
            ("annotationType", quote("other")),
            ("subject", quote(subject)),
            ("statement", quote(&lines.join("\n"))),
        ]);
    }
    let indent = Indent::of(text, open, &top);
    let edit = append_to_array(text, &top, &indent, "@graph", &entries, true);
    Ok((vec![edit], warnings))
}

/// Every string of the document, to keep new identifiers apart from the ones it uses.
fn strings(value: &Value, out: &mut HashSet<String>) {
    match value {
        Value::String(s) => {
            out.insert(s.clone());
        }
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(members) => members.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// `wanted`, or `wanted-2`, `wanted-3`, … when the document already uses it; recorded as used.
fn fresh(used: &mut HashSet<String>, wanted: String) -> String {
    let mut id = wanted.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{wanted}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

/// The identifier of the document's `SpdxDocument` element.
fn spdx_document_id(document: &Value) -> Option<&str> {
    document["@graph"].as_array()?.iter().find_map(|e| {
        let kind = e["type"].as_str().or_else(|| e["@type"].as_str())?;
        (kind == "SpdxDocument" || kind.ends_with("/Core/SpdxDocument"))
            .then(|| e["spdxId"].as_str().or_else(|| e["@id"].as_str()))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_identifier_never_repeats_one_of_the_document() {
        let mut used: HashSet<String> = ["urn:a-x".to_string(), "urn:a-x-2".to_string()].into();
        assert_eq!(fresh(&mut used, "urn:a-x".into()), "urn:a-x-3");
        assert_eq!(fresh(&mut used, "urn:a-x".into()), "urn:a-x-4");
        assert_eq!(fresh(&mut used, "urn:b".into()), "urn:b");
    }
    use crate::ingest::spdx::read_jsonld;
    use crate::inventory::{ComponentId, SourceFile};
    use std::path::PathBuf;

    #[test]
    fn without_an_spdx_document_the_agent_is_named_after_the_package_and_ids_stay_unique() {
        let doc = r#"{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [{"type": "CreationInfo", "@id": "_:catscan-20261207T120000Z", "specVersion": "3.0.1", "created": "2024-01-01T00:00:00Z", "createdBy": ["urn:x"]}, {"type": "software_Package", "spdxId": "urn:p", "creationInfo": "_:catscan-20261207T120000Z", "name": "P"}]}"#;
        let source = SourceFile {
            path: PathBuf::from("b.spdx3.json"),
            display: "b.spdx3.json".into(),
        };
        let inventory = read_jsonld(source.clone(), doc).unwrap();
        let addition = Addition {
            component: ComponentId(0),
            properties: vec![("catscan:category".into(), "router".into())],
            manufacturer: None,
        };
        let at = time::OffsetDateTime::from_unix_timestamp(1_796_644_800).unwrap();
        let (edits, warnings) = enrich(&inventory, &[addition], &Annotator::at(at)).unwrap();
        assert!(warnings.is_empty());
        let text = super::super::apply(doc, edits);
        let tool = format!("catscan-{}", env!("CARGO_PKG_VERSION"));
        assert_eq!(
            &text[doc.len() - 2..],
            format!(
                r#", {{"type": "CreationInfo", "@id": "_:catscan-20261207T120000Z-2", "specVersion": "3.0.1", "created": "2026-12-07T12:00:00Z", "createdBy": ["urn:p-catscan-20261207T120000Z"]}}, {{"type": "SoftwareAgent", "spdxId": "urn:p-catscan-20261207T120000Z", "name": "{tool}", "creationInfo": "_:catscan-20261207T120000Z-2"}}, {{"type": "Annotation", "spdxId": "urn:p-catscan-answers-20261207T120000Z", "creationInfo": "_:catscan-20261207T120000Z-2", "annotationType": "other", "subject": "urn:p", "statement": "catscan:category=router"}}]}}"#
            )
        );
        // Read back: the declaration, and no identifier used twice.
        let again = read_jsonld(source, &text).unwrap();
        assert_eq!(
            again.components[0]
                .property("catscan:category")
                .unwrap()
                .value,
            "router"
        );
        assert!(again.diagnostics.is_empty(), "{:?}", again.diagnostics);
    }
}
