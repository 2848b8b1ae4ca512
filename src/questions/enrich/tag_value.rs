//! SPDX 2 tag-value: an annotation block right after the package's fields (and after the
//! annotations already there), before the next package, file, snippet, licence or
//! relationship, with the document's line ending:
//!
//! ```text
//! Annotator: Tool: catscan-0.1.0
//! AnnotationDate: 2026-12-07T12:00:00Z
//! AnnotationType: OTHER
//! SPDXREF: SPDXRef-unit-7
//! AnnotationComment: <text>catscan:manufacturer=Example Chassis Works Ltd.
//! catscan:answered=…</text>
//! ```

use super::{Annotator, Edit, declaration_lines, located, not_found};
use crate::ingest::spdx::{TagValueField, tag_value_fields};
use crate::inventory::Inventory;
use crate::questions::merge::Addition;

/// The tags that end a package's fields: the next section, or the relationships.
const AFTER_PACKAGE: [&str; 5] = [
    "PackageName",
    "FileName",
    "SnippetSPDXID",
    "LicenseID",
    "Relationship",
];

/// The edits that write each package's additions, and warnings about what was not written.
pub(super) fn enrich(
    inventory: &Inventory<'_>,
    additions: &[Addition],
    annotator: &Annotator,
) -> Result<(Vec<Edit>, Vec<String>), String> {
    let text = inventory.text;
    let fields = tag_value_fields(&inventory.source, text).map_err(|e| e.to_string())?;
    let newline = line_ending(text);
    let mut edits = Vec::new();
    let mut warnings = Vec::new();
    for addition in additions {
        let c = inventory.component(addition.component);
        let Some(id) = c.bom_ref.as_deref().filter(|id| !id.trim().is_empty()) else {
            warnings.push(format!(
                "{}: the component \"{}\" has no SPDXID for an annotation to name; its answers are not written (`catscan scan --answers` still applies them)",
                located(inventory, c.span.start),
                c.display_name()
            ));
            continue;
        };
        let at = end_of_section(&fields, c.span.start)
            .ok_or_else(|| not_found(inventory, c.span.start))?;
        let (lines, unwritten) = declaration_lines(inventory, addition, Some("</text>"));
        warnings.extend(unwritten);
        if lines.is_empty() {
            continue;
        }
        let mut block = String::new();
        if at == text.len() && !text.is_empty() && !text.ends_with(['\n', '\r']) {
            block.push_str(newline);
        }
        for line in [
            format!("Annotator: Tool: {}", annotator.tool),
            format!("AnnotationDate: {}", annotator.date),
            "AnnotationType: OTHER".to_string(),
            format!("SPDXREF: {id}"),
            format!("AnnotationComment: <text>{}</text>", lines.join(newline)),
        ] {
            block.push_str(&line);
            block.push_str(newline);
        }
        edits.push((at, block));
    }
    Ok((edits, warnings))
}

/// Where the section that starts at `line` (its `PackageName:`, or `FileName:` for a file the
/// document describes) ends: after its last field.
fn end_of_section(fields: &[TagValueField<'_>], line: usize) -> Option<usize> {
    let first = fields
        .iter()
        .position(|f| f.line == line && matches!(f.tag, "PackageName" | "FileName"))?;
    let last = fields[first + 1..]
        .iter()
        .take_while(|f| !AFTER_PACKAGE.contains(&f.tag))
        .last()
        .unwrap_or(&fields[first]);
    Some(last.next)
}

/// The document's line ending: CRLF, CR or LF, as its first line ends.
pub(super) fn line_ending(text: &str) -> &'static str {
    match text.find(['\n', '\r']) {
        Some(i) if text[i..].starts_with("\r\n") => "\r\n",
        Some(i) if text.as_bytes()[i] == b'\r' => "\r",
        _ => "\n",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_ending_is_the_first_lines() {
        assert_eq!(line_ending("a: b\r\nc: d\n"), "\r\n");
        assert_eq!(line_ending("a: b\rc: d"), "\r");
        assert_eq!(line_ending("a: b\nc: d\r\n"), "\n");
        assert_eq!(line_ending("a: b"), "\n");
    }
    use crate::ingest::spdx::read_tag_value;
    use crate::inventory::{ComponentId, SourceFile};
    use std::path::PathBuf;

    #[test]
    fn the_block_follows_the_packages_fields_with_the_documents_line_ending() {
        let doc = "SPDXVersion: SPDX-2.3\r\nSPDXID: SPDXRef-DOCUMENT\r\n\r\nPackageName: A\r\nSPDXID: SPDXRef-a\r\nPackageComment: <text>two\r\nlines</text>\r\n\r\nRelationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-a\r\nPackageName: B\r\nSPDXID: SPDXRef-b";
        let source = SourceFile {
            path: PathBuf::from("b.spdx"),
            display: "b.spdx".into(),
        };
        let inventory = read_tag_value(source.clone(), doc).unwrap();
        let additions: Vec<Addition> = (0..2)
            .map(|i| Addition {
                component: ComponentId(i),
                properties: vec![("catscan:category".into(), "router".into())],
                manufacturer: None,
            })
            .collect();
        let at = time::OffsetDateTime::from_unix_timestamp(1_796_644_800).unwrap();
        let (edits, warnings) = enrich(&inventory, &additions, &Annotator::at(at)).unwrap();
        assert!(warnings.is_empty());
        let text = super::super::apply(doc, edits);
        let block = |id: &str| {
            format!(
                "Annotator: Tool: catscan-{}\r\nAnnotationDate: 2026-12-07T12:00:00Z\r\nAnnotationType: OTHER\r\nSPDXREF: {id}\r\nAnnotationComment: <text>catscan:category=router</text>\r\n",
                env!("CARGO_PKG_VERSION")
            )
        };
        assert_eq!(
            text,
            format!(
                "SPDXVersion: SPDX-2.3\r\nSPDXID: SPDXRef-DOCUMENT\r\n\r\nPackageName: A\r\nSPDXID: SPDXRef-a\r\nPackageComment: <text>two\r\nlines</text>\r\n{}\r\nRelationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-a\r\nPackageName: B\r\nSPDXID: SPDXRef-b\r\n{}",
                block("SPDXRef-a"),
                block("SPDXRef-b")
            )
        );
        let again = read_tag_value(source, &text).unwrap();
        for c in &again.components {
            assert_eq!(c.property("catscan:category").unwrap().value, "router");
        }
    }
}
