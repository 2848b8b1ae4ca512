//! SPDX 2 JSON: one entry of the package's `annotations` (the array added when the package has
//! none), laid out as the document lays out its objects:
//!
//! ```json
//! {
//!   "annotationDate": "2026-12-07T12:00:00Z",
//!   "annotationType": "OTHER",
//!   "annotator": "Tool: catscan-0.1.0",
//!   "comment": "catscan:manufacturer=Example Chassis Works Ltd.\ncatscan:answered=…"
//! }
//! ```

use super::json_text::{Entry, Indent, append_to_array, object_at, quote};
use super::{Annotator, Edit, declaration_lines, located, not_found};
use crate::inventory::Inventory;
use crate::questions::merge::Addition;

/// The edits that write each package's additions, and warnings about what was not written.
pub(super) fn enrich(
    inventory: &Inventory<'_>,
    additions: &[Addition],
    annotator: &Annotator,
) -> Result<(Vec<Edit>, Vec<String>), String> {
    let text = inventory.text;
    let mut edits = Vec::new();
    let mut warnings = Vec::new();
    for addition in additions {
        let c = inventory.component(addition.component);
        let (start, object) = object_at(text, c.span.start, "annotations")
            .ok_or_else(|| not_found(inventory, c.span.start))?;
        if object.has("fileName") {
            // The document's subject is a file (no package): SPDX 2 reads declarations from the
            // annotations of packages only.
            warnings.push(format!(
                "{}: the component \"{}\" is a file, and catscan reads declarations from the annotations of packages only; its answers are not written (`catscan scan --answers` still applies them)",
                located(inventory, start),
                c.display_name()
            ));
            continue;
        }
        if object.has("annotations") && object.array.is_none() {
            // `"annotations": null`: a second member would repeat the key.
            warnings.push(format!(
                "{}: the package \"{}\" has \"annotations\" that is not an array; its answers are not written (`catscan scan --answers` still applies them)",
                located(inventory, start),
                c.display_name()
            ));
            continue;
        }
        let (lines, unwritten) = declaration_lines(inventory, addition, None);
        warnings.extend(unwritten);
        if lines.is_empty() {
            continue;
        }
        let entry: Entry = vec![
            ("annotationDate", quote(&annotator.date)),
            ("annotationType", quote("OTHER")),
            ("annotator", quote(&format!("Tool: {}", annotator.tool))),
            ("comment", quote(&lines.join("\n"))),
        ];
        let indent = Indent::of(text, start, &object);
        edits.push(append_to_array(
            text,
            &object,
            &indent,
            "annotations",
            &[entry],
            true,
        ));
    }
    Ok((edits, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::spdx::read_json;
    use crate::inventory::{ComponentId, SourceFile};
    use std::path::PathBuf;

    fn enriched(doc: &str) -> (String, Vec<String>) {
        let source = SourceFile {
            path: PathBuf::from("b.spdx.json"),
            display: "b.spdx.json".into(),
        };
        let inventory = read_json(source, doc).unwrap();
        let addition = Addition {
            component: ComponentId(0),
            properties: vec![("catscan:category".into(), "router".into())],
            manufacturer: Some("Maker".into()),
        };
        let at = time::OffsetDateTime::from_unix_timestamp(1_796_644_800).unwrap();
        let (edits, warnings) = enrich(&inventory, &[addition], &Annotator::at(at)).unwrap();
        (super::super::apply(doc, edits), warnings)
    }

    #[test]
    fn a_one_line_package_gets_a_one_line_annotation() {
        let (text, warnings) = enriched(
            r#"{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "packages": [{"SPDXID": "SPDXRef-a", "name": "A"}]}"#,
        );
        assert_eq!(
            text,
            format!(
                r#"{{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "packages": [{{"SPDXID": "SPDXRef-a", "name": "A", "annotations": [{{"annotationDate": "2026-12-07T12:00:00Z", "annotationType": "OTHER", "annotator": "Tool: catscan-{}", "comment": "catscan:manufacturer=Maker\ncatscan:category=router"}}]}}]}}"#,
                env!("CARGO_PKG_VERSION")
            )
        );
        assert!(warnings.is_empty());
    }

    #[test]
    fn annotations_that_are_not_an_array_are_left_alone_with_a_warning() {
        let doc = r#"{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "packages": [{"SPDXID": "SPDXRef-a", "name": "A", "annotations": null}]}"#;
        let (text, warnings) = enriched(doc);
        assert_eq!(text, doc);
        assert_eq!(
            warnings,
            [
                "b.spdx.json:1:72: the package \"A\" has \"annotations\" that is not an array; its answers are not written (`catscan scan --answers` still applies them)"
            ]
        );
    }
}
