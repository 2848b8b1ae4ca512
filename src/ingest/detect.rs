//! Recognising a format from the content of a file, never from its name.
//!
//! JSON is recognised by its top-level keys (`bomFormat`, `spdxVersion`, `@context`), XML by the
//! name and namespace of its root element. Detection stops as soon as the decisive key or element
//! has been seen, so it costs next to nothing on a large BOM whose `bomFormat` comes first, and
//! it still works when the generator wrote the keys in another order.

use quick_xml::events::Event;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::inventory::Position;

/// What a file's content is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detected {
    /// A CycloneDX JSON document (`bomFormat` is `CycloneDX`).
    CycloneDxJson,
    /// An SPDX 2.x JSON document (`spdxVersion`).
    SpdxJson,
    /// An SPDX 3 JSON-LD document (`@context` names SPDX 3).
    Spdx3JsonLd,
    /// An SPDX 2.x tag-value document (starts with `SPDXVersion:`).
    SpdxTagValue,
    /// A CSV table whose header row names part-list columns.
    PartListCsv,
    /// `namespace_version` is the `1.x` of the root element's namespace.
    CycloneDxXml {
        /// The schema version, e.g. `1.6`.
        namespace_version: String,
    },
    /// A bill of materials in a format catscan does not read (yet).
    Unsupported {
        /// The format's name, for the message (e.g. `SPDX RDF/XML`).
        format: &'static str,
        /// Where the file shows its format, when a single place does.
        position: Option<Position>,
    },
    /// It claims to be a BOM but the claim itself is broken (e.g. `bomFormat` is not
    /// `CycloneDX`, or an unknown CycloneDX namespace).
    Invalid {
        /// What is wrong with the claim, and what was expected.
        message: String,
        /// Where the broken claim is.
        position: Option<Position>,
    },
    /// Not a bill of materials.
    NotABom,
}

/// The CycloneDX XML namespaces, `http://cyclonedx.org/schema/bom/1.0` to `…/1.7`.
pub const CYCLONEDX_XML_NAMESPACE_PREFIX: &str = "http://cyclonedx.org/schema/bom/";
pub const CYCLONEDX_XML_VERSIONS: [&str; 8] =
    ["1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7"];

/// Recognises what `text` is from its content: the first non-blank byte picks JSON, XML or plain
/// text, and that format's markers decide.
pub fn detect(text: &str) -> Detected {
    match text.trim_start().as_bytes().first() {
        Some(b'{') => detect_json(text),
        Some(b'<') => detect_xml(text),
        _ => detect_text(text),
    }
}

/// SPDX tag-value documents start with `SPDXVersion:`; a CSV whose header row names part-list
/// columns is a part list; any other text is not a BOM.
fn detect_text(text: &str) -> Detected {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    match first {
        Some(l) if l.starts_with("SPDXVersion:") => Detected::SpdxTagValue,
        _ if super::partlist::looks_like_csv_part_list(text) => Detected::PartListCsv,
        _ => Detected::NotABom,
    }
}

/// Reads top-level keys until one decides the format.
fn detect_json(text: &str) -> Detected {
    /// Writes the answer into the caller's slot, then stops the parser with an error: serde_json
    /// checks that a map was read to its end, so returning early with `Ok` would turn the answer
    /// into a syntax error, while the rest of a large document need not be read at all.
    struct KeyScan<'a> {
        answer: &'a mut Option<Detected>,
    }
    impl KeyScan<'_> {
        fn decide<E: de::Error>(self, d: Detected) -> Result<(), E> {
            *self.answer = Some(d);
            Err(E::custom("format decided"))
        }
    }
    impl<'de> Visitor<'de> for KeyScan<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                match key.as_ref() {
                    "bomFormat" => {
                        let value: serde_json::Value = map.next_value()?;
                        return match value.as_str() {
                            Some("CycloneDX") => self.decide(Detected::CycloneDxJson),
                            _ => self.decide(Detected::Invalid {
                                message: format!(
                                    "\"bomFormat\" is {value}; expected \"CycloneDX\" for a CycloneDX BOM"
                                ),
                                position: None,
                            }),
                        };
                    }
                    "spdxVersion" => return self.decide(Detected::SpdxJson),
                    "@context" => {
                        let value: serde_json::Value = map.next_value()?;
                        if value.to_string().contains("spdx.org") {
                            return self.decide(Detected::Spdx3JsonLd);
                        }
                    }
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(())
        }
    }
    let mut answer = None;
    let mut de = serde_json::Deserializer::from_str(text);
    // The outcome is an error both when the answer stopped the parser and when the text is no
    // JSON; only the answer tells them apart. A JSON object without the keys of any BOM format,
    // or not even valid JSON: either way nothing marks it as a BOM.
    let _ = (&mut de).deserialize_map(KeyScan {
        answer: &mut answer,
    });
    answer.unwrap_or(Detected::NotABom)
}

/// Looks at the root element's name and namespace.
fn detect_xml(text: &str) -> Detected {
    let mut reader = quick_xml::NsReader::from_str(text);
    loop {
        let event = reader.read_resolved_event();
        match event {
            Ok((ns, Event::Start(e) | Event::Empty(e))) => {
                let local = e.local_name();
                let namespace = match ns {
                    quick_xml::name::ResolveResult::Bound(ns) => ns.as_ref().to_string(),
                    _ => String::new(),
                };
                if local.as_ref() == "bom" {
                    if let Some(version) = namespace.strip_prefix(CYCLONEDX_XML_NAMESPACE_PREFIX)
                        && CYCLONEDX_XML_VERSIONS.contains(&version)
                    {
                        return Detected::CycloneDxXml {
                            namespace_version: version.to_string(),
                        };
                    }
                    return Detected::Invalid {
                        message: format!(
                            "the root element <bom> is in namespace \"{namespace}\"; expected a CycloneDX namespace http://cyclonedx.org/schema/bom/1.0 to 1.7"
                        ),
                        position: Some(Position::of(text, reader.buffer_position() as usize)),
                    };
                }
                if namespace.starts_with("http://spdx.org/rdf/terms")
                    || local.as_ref() == "RDF" && text.contains("spdx.org/rdf")
                {
                    return Detected::Unsupported {
                        format: "SPDX RDF/XML",
                        position: None,
                    };
                }
                return Detected::NotABom;
            }
            Ok((_, Event::Eof)) | Err(_) => return Detected::NotABom,
            Ok(_) => {}
        }
    }
}

/// Why a text that [`detect`] found to be no bill of materials is not one, for the account of
/// skipped files: the kind of content before the colon (reports group by it), the detail after.
/// Only called for files that are skipped, so re-reading the start of the text costs nothing on
/// the BOMs themselves.
pub fn why_not_a_bom(text: &str) -> String {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    match trimmed.as_bytes().first() {
        None => "empty file: nothing but white space".to_string(),
        Some(b'{') => {
            if serde_json::from_str::<IgnoredAny>(trimmed).is_err() {
                "text, not a BOM format: starts with { but is not valid JSON".to_string()
            } else {
                "JSON, not a BOM format: no \"bomFormat\", \"spdxVersion\" or SPDX \"@context\" key"
                    .to_string()
            }
        }
        Some(b'<') => match root_element(trimmed) {
            Some(root) => {
                format!("XML, not a BOM format: the root element is <{root}>, not a CycloneDX <bom>")
            }
            None => "text, not a BOM format: starts with < but has no XML root element".to_string(),
        },
        Some(_) => "text, not a BOM format: not SPDX tag-value (no SPDXVersion: line) and no header row naming part-list columns".to_string(),
    }
}

/// The local name of the first element of an XML text, if it has one.
fn root_element(text: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                return Some(e.local_name().into_inner().to_string());
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_recognised_by_keys_in_any_order() {
        assert_eq!(
            detect(r#"{"bomFormat":"CycloneDX","specVersion":"1.6"}"#),
            Detected::CycloneDxJson
        );
        assert_eq!(
            detect(r#"{"components":[{"name":"x"}],"$schema":"s","bomFormat":"CycloneDX"}"#),
            Detected::CycloneDxJson
        );
        assert_eq!(
            detect(r#"{"name":"a package.json","version":"1.0.0"}"#),
            Detected::NotABom
        );
        assert_eq!(detect(r#"{"spdxVersion":"SPDX-2.3"}"#), Detected::SpdxJson);
        assert_eq!(
            detect(r#"{"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld","@graph":[]}"#),
            Detected::Spdx3JsonLd
        );
        match detect(r#"{"bomFormat":"AnotherFormat"}"#) {
            Detected::Invalid { message, .. } => {
                assert!(message.contains("expected \"CycloneDX\""))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn xml_is_recognised_by_namespace() {
        let x = r#"<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.4" version="1"/>"#;
        assert_eq!(
            detect(x),
            Detected::CycloneDxXml {
                namespace_version: "1.4".into()
            }
        );
        let x = r#"<bom xmlns="http://cyclonedx.org/schema/bom/12" version="1"></bom>"#;
        assert!(matches!(detect(x), Detected::Invalid { .. }));
        assert_eq!(detect("<html><body/></html>"), Detected::NotABom);
    }

    #[test]
    fn text_files_are_not_boms_and_tag_value_spdx_is_named() {
        assert_eq!(detect("# README\nhello"), Detected::NotABom);
        assert_eq!(detect("SPDXVersion: SPDX-2.3\n"), Detected::SpdxTagValue);
        assert_eq!(
            detect(
                "Parts list, lot 3\n\nManufacturer,Part Number,Description,Qty\nCisco,C9300-48P,Switch,2\n"
            ),
            Detected::PartListCsv
        );
        assert_eq!(detect("name,age\nAda,36\n"), Detected::NotABom);
    }
    #[test]
    fn the_reason_a_text_is_no_bom_names_what_it_is() {
        assert_eq!(
            why_not_a_bom(r#"{"name":"x","version":"1.0.0"}"#),
            "JSON, not a BOM format: no \"bomFormat\", \"spdxVersion\" or SPDX \"@context\" key"
        );
        assert_eq!(
            why_not_a_bom("<?xml version=\"1.0\"?>\n<!-- c --><html><body/></html>"),
            "XML, not a BOM format: the root element is <html>, not a CycloneDX <bom>"
        );
        assert_eq!(
            why_not_a_bom(" \n\t"),
            "empty file: nothing but white space"
        );
        assert!(why_not_a_bom("fn main() {}\n").starts_with("text, not a BOM format: not SPDX"));
        assert!(why_not_a_bom("{ not json").starts_with("text, not a BOM format: starts with {"));
    }
}
