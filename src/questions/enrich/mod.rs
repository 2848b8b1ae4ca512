//! Writes a BOM back with a supplier's answers, so that the evidence travels with the BOM and
//! the next scan needs no answers file: into CycloneDX JSON and XML as component properties, as
//! the schema of the BOM's spec version allows, with a manufacturer where one was asked for (the
//! component's `manufacturer` from 1.6, before it a `catscan:manufacturer` property, which the
//! readers take as the manufacturer; see [`crate::ingest::declared`]); into SPDX 2 JSON, SPDX 2
//! tag-value and SPDX 3 JSON-LD as one annotation per package whose comment (SPDX 3: statement) holds the
//! `catscan:NAME=VALUE` lines the SPDX readers take as declarations (see
//! [`crate::ingest::spdx`]), the manufacturer as `catscan:manufacturer=NAME`.
//!
//! The document is edited as text, not re-serialised: every byte outside the inserted text stays
//! as the supplier's tool wrote it (key order, spacing, number formatting), and a diff of the two
//! files shows exactly what the answers added.
//!
//! - `cyclonedx`: properties and manufacturer in a component's object (1.3 and later; a 1.0 to 1.2
//!   document, which has no component properties, is refused);
//! - `cyclonedx_xml`: `<property>` elements in a component's `<properties>`, and its
//!   `<manufacturer>` (1.6 and later; before, a property), each where the version's XSD sequence puts it; a 1.0 to 1.2
//!   document, which has no component properties, is refused;
//! - `spdx_json`: an entry of the package's `annotations`;
//! - `tag_value`: an `Annotator:` block after the package's fields;
//! - `spdx3`: `Annotation` elements at the end of `@graph`, with the `CreationInfo` and
//!   `SoftwareAgent` that say catscan made them;
//! - `json_text`: the layout of a JSON document, shared by the three JSON formats.
//!
//! An SPDX annotation is dated now (UTC), or at `SOURCE_DATE_EPOCH` when that is set, the
//! convention of reproducible builds, so that the same answers give the same file.

mod cyclonedx;
mod cyclonedx_xml;
mod json_text;
mod spdx3;
mod spdx_json;
mod tag_value;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::ingest::declared::MANUFACTURER_DECLARATION;
use crate::inventory::{Format, Inventory};
use crate::questions::merge::Addition;

/// An insertion: the text to insert at a byte offset of the original.
type Edit = (usize, String);

/// The BOM's text with the additions inserted, and warnings about what could not be written.
/// `Err` for a format catscan does not write (a part list, a Cargo workspace, CycloneDX before 1.3,
/// CycloneDX XML declared in another encoding than UTF-8), a component whose place in the document
/// cannot be found, or a `SOURCE_DATE_EPOCH` that is not a time.
pub fn enrich(
    inventory: &Inventory<'_>,
    additions: &[Addition],
) -> Result<(String, Vec<String>), String> {
    let merged = merged(additions);
    let spdx = |write: fn(&Inventory<'_>, &[Addition], &Annotator) -> Written| {
        Ok::<_, String>(write(inventory, &merged, &Annotator::now()?))
    };
    let (edits, warnings) = match inventory.format {
        Format::CycloneDxJson => cyclonedx::enrich(inventory, &merged)?,
        Format::CycloneDxXml => cyclonedx_xml::enrich(inventory, &merged)?,
        Format::SpdxJson => spdx(spdx_json::enrich)??,
        Format::SpdxTagValue => spdx(tag_value::enrich)??,
        Format::Spdx3JsonLd => spdx(spdx3::enrich)??,
        other => {
            return Err(format!(
                "{}: catscan enrich writes answers into CycloneDX 1.3 or later (JSON and XML), SPDX 2 JSON, SPDX 2 tag-value and SPDX 3 JSON-LD; this file's format, {}, has no place for them (keep the answers file beside it for `catscan scan --answers`)",
                inventory.source.display,
                other.as_str()
            ));
        }
    };
    Ok((apply(inventory.text, edits), warnings))
}

/// The edits one format makes, and the warnings about what it could not write.
type Written = Result<(Vec<Edit>, Vec<String>), String>;

/// One addition per component: two answers about one component must not each add a
/// `properties` member (a duplicate key) or each an annotation.
fn merged(additions: &[Addition]) -> Vec<Addition> {
    let mut merged: Vec<Addition> = Vec::new();
    for addition in additions {
        match merged
            .iter_mut()
            .find(|m| m.component == addition.component)
        {
            Some(m) => {
                m.properties.extend(addition.properties.iter().cloned());
                if addition.manufacturer.is_some() {
                    m.manufacturer.clone_from(&addition.manufacturer);
                }
            }
            None => merged.push(addition.clone()),
        }
    }
    merged
}

/// The text with the edits made: from the end, so that earlier offsets stay right; at one
/// offset, in the order made.
fn apply(text: &str, edits: Vec<Edit>) -> String {
    let mut order: Vec<usize> = (0..edits.len()).collect();
    order.sort_by(|a, b| edits[*b].0.cmp(&edits[*a].0).then(b.cmp(a)));
    let mut out = text.to_string();
    for i in order {
        let (at, insert) = &edits[i];
        out.insert_str(*at, insert);
    }
    out
}

/// CycloneDX components have properties, which carry the answers, from 1.3.
const CYCLONEDX_PROPERTIES_SINCE: u8 = 3;

/// The error for a CycloneDX BOM (`form`: JSON or XML) older than 1.3: nothing is written, so
/// that no "enriched" copy without the answers passes for one that carries them.
fn cyclonedx_without_properties(inventory: &Inventory<'_>, form: &str) -> String {
    format!(
        "{}: CycloneDX {} {form} has no component properties to carry the answers (they came with 1.3), so nothing was written; convert the BOM to CycloneDX 1.3 or later, or keep the answers file beside it for `catscan scan --answers`",
        inventory.source.display, inventory.spec_version
    )
}

/// `file:line:column` of a byte offset of the BOM, the start of every located message.
fn located(inventory: &Inventory<'_>, offset: usize) -> String {
    let p = inventory.position(offset);
    format!("{}:{}:{}", inventory.source.display, p.line, p.column)
}

fn not_found(inventory: &Inventory<'_>, offset: usize) -> String {
    format!(
        "{}: cannot find the component's place in the document to add the answers to",
        located(inventory, offset)
    )
}

/// Who writes an SPDX annotation, and when.
struct Annotator {
    /// `catscan-<version>`.
    tool: String,
    /// `YYYY-MM-DDThh:mm:ssZ`.
    date: String,
}

impl Annotator {
    /// catscan, now (or at `SOURCE_DATE_EPOCH`).
    fn now() -> Result<Annotator, String> {
        let at = match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(epoch) if !epoch.trim().is_empty() => epoch
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
                .ok_or_else(|| {
                    format!(
                        "SOURCE_DATE_EPOCH is \"{epoch}\"; expected the seconds since 1970-01-01T00:00:00Z, as a whole number"
                    )
                })?,
            _ => OffsetDateTime::now_utc(),
        };
        Ok(Annotator::at(at))
    }

    fn at(at: OffsetDateTime) -> Annotator {
        let at = at.replace_nanosecond(0).unwrap_or(at);
        Annotator {
            tool: format!("catscan-{}", env!("CARGO_PKG_VERSION")),
            // RFC 3339 of a UTC time without fractions is exactly SPDX's `YYYY-MM-DDThh:mm:ssZ`.
            date: at
                .format(&Rfc3339)
                .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_string()),
        }
    }
}

/// The lines of an SPDX annotation that carry one component's additions:
/// `catscan:manufacturer=NAME` for the manufacturer, then `NAME=VALUE` for each property. An SPDX
/// reader splits a line at its first `=` and trims both sides (`catscan_properties`), so a value
/// that spans lines or begins or ends with white space, or that contains `forbidden` (what ends
/// the text in the format), would not read back as written: it is left out with a warning naming
/// the component, never written altered.
fn declaration_lines(
    inventory: &Inventory<'_>,
    addition: &Addition,
    forbidden: Option<&str>,
) -> (Vec<String>, Vec<String>) {
    let c = inventory.component(addition.component);
    let mut lines = Vec::new();
    let mut warnings = Vec::new();
    let declarations = addition
        .manufacturer
        .iter()
        .map(|m| (MANUFACTURER_DECLARATION, m.as_str()))
        .chain(
            addition
                .properties
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str())),
        );
    for (name, value) in declarations {
        let unreadable = |s: &str| {
            if s.contains(['\n', '\r']) {
                Some("spans lines")
            } else if s.trim() != s {
                Some("begins or ends with white space")
            } else if forbidden.is_some_and(|f| s.contains(f)) {
                Some("contains the </text> that would end the annotation's text")
            } else {
                None
            }
        };
        let problem = if !name.starts_with("catscan:")
            || name.len() == "catscan:".len()
            || name.contains('=')
        {
            Some("has a name that is not catscan:NAME without \"=\"")
        } else {
            unreadable(name).or_else(|| unreadable(value))
        };
        match problem {
            None => lines.push(format!("{name}={value}")),
            Some(problem) => warnings.push(format!(
                "{}: the answer {name} = {value:?} about the component \"{}\" is not written: an SPDX annotation carries each declaration as one catscan:NAME=VALUE line, and this one {problem}; `catscan scan --answers` still applies it",
                inventory.source.display,
                c.display_name()
            )),
        }
    }
    (lines, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::spdx::read_json;
    use crate::inventory::{ComponentId, SourceFile};
    use std::path::PathBuf;

    fn source() -> SourceFile {
        SourceFile {
            path: PathBuf::from("b.spdx.json"),
            display: "b.spdx.json".into(),
        }
    }

    const DOC: &str = r#"{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "packages": [{"SPDXID": "SPDXRef-a", "name": "A"}]}"#;

    fn lines_of(
        properties: &[(&str, &str)],
        forbidden: Option<&str>,
    ) -> (Vec<String>, Vec<String>) {
        let inventory = read_json(source(), DOC).unwrap();
        let addition = Addition {
            component: ComponentId(0),
            properties: properties
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            manufacturer: Some("Maker = Co.".to_string()),
        };
        declaration_lines(&inventory, &addition, forbidden)
    }

    #[test]
    fn values_with_equals_signs_are_written_and_those_a_line_cannot_carry_are_warned_about() {
        let (lines, warnings) = lines_of(
            &[
                ("catscan:answered", "catscan:x = \"1\" from a.xlsx"),
                ("catscan:controller", "first line\nsecond line"),
                ("catscan:certificate-body", " padded"),
                ("catscan:certificate", "a</text>b"),
            ],
            Some("</text>"),
        );
        assert_eq!(
            lines,
            [
                "catscan:manufacturer=Maker = Co.",
                "catscan:answered=catscan:x = \"1\" from a.xlsx"
            ]
        );
        assert_eq!(
            warnings,
            [
                "b.spdx.json: the answer catscan:controller = \"first line\\nsecond line\" about the component \"A\" is not written: an SPDX annotation carries each declaration as one catscan:NAME=VALUE line, and this one spans lines; `catscan scan --answers` still applies it",
                "b.spdx.json: the answer catscan:certificate-body = \" padded\" about the component \"A\" is not written: an SPDX annotation carries each declaration as one catscan:NAME=VALUE line, and this one begins or ends with white space; `catscan scan --answers` still applies it",
                "b.spdx.json: the answer catscan:certificate = \"a</text>b\" about the component \"A\" is not written: an SPDX annotation carries each declaration as one catscan:NAME=VALUE line, and this one contains the </text> that would end the annotation's text; `catscan scan --answers` still applies it",
            ]
        );
        // In JSON, </text> is nothing special.
        assert_eq!(
            lines_of(&[("catscan:certificate", "a</text>b")], None)
                .0
                .len(),
            2
        );
    }

    #[test]
    fn written_lines_read_back_as_the_same_declarations() {
        let (lines, _) = lines_of(&[("catscan:answered", "x = \"a=b\", 8 Tbps")], None);
        let comment = lines.join("\n");
        let read = crate::ingest::spdx::catscan_properties(
            &std::borrow::Cow::Borrowed(comment.as_str()),
            crate::inventory::Span::at(0),
        );
        let read: Vec<(&str, &str)> = read
            .iter()
            .map(|p| (p.name.as_ref(), p.value.as_ref()))
            .collect();
        assert_eq!(
            read,
            [
                ("catscan:manufacturer", "Maker = Co."),
                ("catscan:answered", "x = \"a=b\", 8 Tbps")
            ]
        );
    }

    #[test]
    fn the_annotation_date_is_spdx_utc_seconds() {
        let at = OffsetDateTime::from_unix_timestamp(1_796_644_800).unwrap();
        let a = Annotator::at(at + time::Duration::milliseconds(250));
        assert_eq!(a.date, "2026-12-07T12:00:00Z");
        assert_eq!(a.tool, format!("catscan-{}", env!("CARGO_PKG_VERSION")));
    }
}
