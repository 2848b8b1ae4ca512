//! CycloneDX XML: the answers as `<property name="catscan:…">value</property>` elements of the
//! component's `<properties>` (the element added when the component has none), and an answered
//! manufacturer as its `<manufacturer><name>…</name></manufacturer>` from 1.6, before it as a
//! `catscan:manufacturer` property.
//!
//! A component's child elements are an `xs:sequence` in every CycloneDX XSD, so a new element
//! goes after the last child that the sequence puts before it ([`COMPONENT_CHILDREN`]). The children are
//! found by one pass of quick-xml's namespace-aware reader over the document (the reader catscan
//! read it with), which records the children of the components being enriched: the components
//! are found by the offset of their start tag, the start of their span.
//!
//! New elements take the namespace prefix of the element they are inserted into (`cdx:` in a
//! prefixed document, none under a default namespace) and its children's indentation, on one
//! line where the component is written on one line. Text and attribute values are escaped (`&`,
//! `<`, `>`, `"`, `'`, and the line ends and tabs that XML would normalise); a value that XML
//! 1.0 cannot carry (a control character) or that catscan's reader would not give back as
//! written (white space at an end, which it trims) is left out with a warning naming the
//! component, never written altered.
//!
//! CycloneDX XML has component properties from 1.3 and a component manufacturer from 1.6. A 1.0
//! to 1.2 document cannot carry the answers at all and is refused with an error, so that no
//! "enriched" copy without them is written; in 1.3 to 1.5 an answered manufacturer is written as
//! a `<property name="catscan:manufacturer">`, first among the answers, which the readers take
//! as the manufacturer of a component that names none ([`crate::ingest::declared`]).

use std::collections::HashMap;

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};

use super::tag_value::line_ending;
use super::{CYCLONEDX_PROPERTIES_SINCE, Edit, cyclonedx_without_properties, located, not_found};
use crate::ingest::CYCLONEDX_XML_NAMESPACE_PREFIX;
use crate::ingest::cyclonedx::SpecVersion;
use crate::ingest::declared::MANUFACTURER_DECLARATION;
use crate::inventory::Inventory;
use crate::questions::merge::Addition;

/// The child elements of the `component` type, in the order of its `xs:sequence`, each with the
/// minor version that added it (`bom-1.3.xsd` to `bom-1.7.xsd` of the CycloneDX specification:
/// no version removed a child or moved one, so a version's sequence is the children it has, in
/// this order). The `xs:any` of other namespaces that ends each sequence is not named: an element
/// of another namespace is never one that must come before.
const COMPONENT_CHILDREN: [(&str, u8); 31] = [
    ("supplier", 3),
    ("manufacturer", 6),
    ("authors", 6),
    ("author", 3),
    ("publisher", 3),
    ("group", 3),
    ("name", 3),
    // 1.7: a choice of the two.
    ("version", 3),
    ("versionRange", 7),
    ("description", 3),
    ("scope", 3),
    ("hashes", 3),
    ("licenses", 3),
    ("copyright", 3),
    ("patentAssertions", 7),
    ("cpe", 3),
    ("purl", 3),
    ("omniborId", 6),
    ("swhid", 6),
    ("swid", 3),
    ("modified", 3),
    ("pedigree", 3),
    ("externalReferences", 3),
    ("properties", 3),
    ("components", 3),
    ("evidence", 3),
    ("releaseNotes", 4),
    ("modelCard", 5),
    ("data", 5),
    ("cryptoProperties", 6),
    ("tags", 6),
];

/// The component sequence of CycloneDX `1.minor`; `None` before 1.3, which has no properties.
/// A later version than catscan knows is written as the newest it knows.
fn sequence(minor: u8) -> Option<Vec<&'static str>> {
    (minor >= CYCLONEDX_PROPERTIES_SINCE).then(|| {
        COMPONENT_CHILDREN
            .iter()
            .filter(|(_, since)| *since <= minor)
            .map(|(name, _)| *name)
            .collect()
    })
}

/// The edits that write each component's additions, and warnings about what was not written.
pub(super) fn enrich(
    inventory: &Inventory<'_>,
    additions: &[Addition],
) -> Result<(Vec<Edit>, Vec<String>), String> {
    if additions.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let file = &inventory.source.display;
    let minor = SpecVersion::parse(&inventory.spec_version).map_or(0, |v| v.0);
    let Some(order) = sequence(minor) else {
        return Err(cyclonedx_without_properties(inventory, "XML"));
    };
    let text = inventory.text;
    let components: Vec<usize> = additions
        .iter()
        .map(|a| inventory.component(a.component).span.start)
        .collect();
    let found = scan(inventory, &components)?;
    let mut edits = Vec::new();
    let mut warnings = Vec::new();
    for (addition, found) in additions.iter().zip(found) {
        let c = inventory.component(addition.component);
        let element = found.ok_or_else(|| not_found(inventory, c.span.start))?;
        let at = |offset: usize| located(inventory, offset);
        if element.empty {
            warnings.push(format!(
                "{}: the component \"{}\" is an empty element (<…/>), which cannot take children without rewriting its tag; the answers are not written (`catscan scan --answers` still applies them)",
                at(element.start),
                c.display_name()
            ));
            continue;
        }
        let layout = Layout::of(text, &element);
        let prefix = element.prefix.as_str();

        // The manufacturer first: at one offset, edits are inserted in the order made, and the
        // manufacturer comes before properties in every sequence.
        let mut declared = None;
        if let Some(maker) = &addition.manufacturer {
            let existing = element.child("manufacturer");
            let named = existing.is_some_and(|m| m.child("name").is_some());
            if named {
                // Answered only with the same name (the merge refuses another): the document's
                // spelling stands.
            } else if existing.is_some() {
                warnings.push(format!(
                    "{}: the component \"{}\" has a manufacturer without a name; the answered manufacturer \"{maker}\" is kept in its catscan:answered property but not written as the manufacturer's name",
                    at(element.start),
                    c.display_name()
                ));
            } else if let Some(problem) = unwritable(maker) {
                warnings.push(format!(
                    "{file}: the answered manufacturer {maker:?} of the component \"{}\" is not written: it {problem}; `catscan scan --answers` still applies it",
                    c.display_name()
                ));
            } else if !order.contains(&"manufacturer") {
                // Before 1.6, which gave components a manufacturer: the property the readers
                // take as the manufacturer, first among the answers.
                declared = Some((MANUFACTURER_DECLARATION, maker.as_str()));
            } else {
                let new = format!(
                    "<{prefix}manufacturer><{prefix}name>{}</{prefix}name></{prefix}manufacturer>",
                    escape(maker, false)
                );
                edits.push(layout.insert_child(text, &element, &order, "manufacturer", &new));
            }
        }

        let mut properties: Vec<(&str, &str)> = declared.into_iter().collect();
        for (name, value) in &addition.properties {
            let problem = if name.is_empty() {
                Some("has an empty name".to_string())
            } else {
                invalid_char(name).or_else(|| unwritable(value))
            };
            match problem {
                None => properties.push((name, value)),
                Some(problem) => warnings.push(format!(
                    "{file}: the answer {name} = {value:?} about the component \"{}\" is not written: it {problem}; `catscan scan --answers` still applies it",
                    c.display_name()
                )),
            }
        }
        if properties.is_empty() {
            continue;
        }
        match element.child("properties") {
            Some(list) if list.empty => warnings.push(format!(
                "{}: the component \"{}\" has an empty <properties/> element, which cannot take children without rewriting its tag; the answers are not written as properties (`catscan scan --answers` still applies them)",
                at(list.start),
                c.display_name()
            )),
            Some(list) => {
                let p = list.prefix.as_str();
                let entries: Vec<String> = properties
                    .iter()
                    .map(|(n, v)| property(p, n, v))
                    .collect();
                edits.push(layout.append_to(text, list, &entries));
            }
            None => {
                let new = if layout.multiline {
                    let inner = format!("{}{}", layout.child, layout.step);
                    let nl = layout.newline;
                    format!(
                        "<{prefix}properties>{}{nl}{}</{prefix}properties>",
                        properties
                            .iter()
                            .map(|(n, v)| format!("{nl}{inner}{}", property(prefix, n, v)))
                            .collect::<String>(),
                        layout.child
                    )
                } else {
                    format!(
                        "<{prefix}properties>{}</{prefix}properties>",
                        properties
                            .iter()
                            .map(|(n, v)| property(prefix, n, v))
                            .collect::<String>()
                    )
                };
                edits.push(layout.insert_child(text, &element, &order, "properties", &new));
            }
        }
    }
    Ok((edits, warnings))
}

/// `<property name="NAME">VALUE</property>` with the namespace prefix `prefix` (`cdx:` or empty).
fn property(prefix: &str, name: &str, value: &str) -> String {
    format!(
        "<{prefix}property name=\"{}\">{}</{prefix}property>",
        escape(name, true),
        escape(value, false)
    )
}

// ---------------------------------------------------------------------------------------------
// Values

/// Whether `c` is a character XML 1.0 allows in a document (production `Char`). Rust strings
/// hold no surrogates.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// What stops `s` from being written into an XML 1.0 document at all, if anything.
fn invalid_char(s: &str) -> Option<String> {
    s.chars().find(|c| !xml_char(*c)).map(|c| {
        format!(
            "contains U+{:04X}, a character XML 1.0 does not allow in a document",
            c as u32
        )
    })
}

/// What stops `s` from being written as character data that catscan's XML reader gives back
/// unchanged: a character XML does not allow, or white space at an end (the reader trims it).
fn unwritable(s: &str) -> Option<String> {
    invalid_char(s).or_else(|| {
        (s.trim_matches(['\t', '\n', '\r', ' ']) != s).then(|| {
            "begins or ends with white space, which catscan's XML reader does not keep".to_string()
        })
    })
}

/// `s` as XML character data (`attribute`: as an attribute value between double quotes): the
/// five markup characters as entities, and as character references what an XML reader would
/// otherwise normalise — a carriage return (to a line feed), in an attribute also a tab and a
/// line feed (to spaces), and the line separators XML 1.1 turns into line feeds.
fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\u{85}' => out.push_str("&#x85;"),
            '\u{2028}' => out.push_str("&#x2028;"),
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The document

/// An element as the scan found it. Children are recorded for the components being enriched and
/// for their `properties` and `manufacturer`; other elements have none recorded.
#[derive(Debug, Default)]
struct Element {
    /// Local name.
    local: String,
    /// The prefix of its qualified name with the colon (`cdx:`), or empty.
    prefix: String,
    /// In the document's CycloneDX namespace.
    ours: bool,
    /// Offset of the `<` of the start tag.
    start: usize,
    /// Offset just after the start tag.
    content: usize,
    /// Offset of the `<` of the end tag (for an empty element, `content`).
    end_tag: usize,
    /// Offset just after the end tag (for an empty element, after `/>`).
    end: usize,
    /// `<x/>`.
    empty: bool,
    children: Vec<Element>,
}

impl Element {
    /// The first child of this name in the CycloneDX namespace.
    fn child(&self, local: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.ours && c.local == local)
    }
}

/// Which recorded element an open element is.
enum Open {
    /// Not recorded.
    Other,
    /// The component of this addition.
    Component(usize),
    /// A child of that component.
    Child(usize, usize),
    /// A child of the child (of `properties` or `manufacturer`).
    Grandchild(usize, usize, usize),
}

/// Reads the document once and returns, for each of the `components` (the offsets of their
/// start tags), the element there with its children, or `None` when no CycloneDX element starts
/// there. A declared encoding other than UTF-8 is an error: the enriched text is written as
/// UTF-8, and the declaration would then be wrong.
fn scan(inventory: &Inventory<'_>, components: &[usize]) -> Result<Vec<Option<Element>>, String> {
    let text = inventory.text;
    let file = &inventory.source.display;
    let namespace = format!("{CYCLONEDX_XML_NAMESPACE_PREFIX}{}", inventory.spec_version);
    let targets: HashMap<usize, usize> = components
        .iter()
        .enumerate()
        .map(|(i, offset)| (*offset, i))
        .collect();
    let mut found: Vec<Option<Element>> = components.iter().map(|_| None).collect();
    let mut closed = 0;
    let mut open: Vec<Open> = Vec::new();
    let mut reader = NsReader::from_str(text);
    let base = text.as_ptr() as usize;
    while closed < targets.len() {
        let before = reader.buffer_position() as usize;
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|e| format!("{}: {e}", located(inventory, before)))?;
        let ours = matches!(ns, ResolveResult::Bound(Namespace(n)) if n == namespace);
        let after = reader.buffer_position() as usize;
        match event {
            Event::Decl(decl) => {
                if let Some(Ok(encoding)) = decl.encoding()
                    && !matches!(encoding.to_ascii_lowercase().as_str(), "utf-8" | "utf8")
                {
                    return Err(format!(
                        "{file}: the XML declaration says encoding=\"{encoding}\"; catscan enrich writes UTF-8, which would make the declaration wrong, so nothing was written (convert the file to UTF-8, with encoding=\"UTF-8\", first)"
                    ));
                }
            }
            Event::Start(ref tag) | Event::Empty(ref tag) => {
                let empty = matches!(event, Event::Empty(_));
                let start = start_of(tag, base).unwrap_or(before);
                // Built only for the elements recorded.
                let element = || Element {
                    local: tag.local_name().into_inner().to_string(),
                    prefix: tag
                        .name()
                        .prefix()
                        .map(|p| format!("{}:", p.into_inner()))
                        .unwrap_or_default(),
                    ours,
                    start,
                    content: after,
                    end_tag: after,
                    end: after,
                    empty,
                    children: Vec::new(),
                };
                let recorded = match (ours.then(|| targets.get(&start)).flatten(), open.last()) {
                    (Some(&i), _) => {
                        found[i] = Some(element());
                        Open::Component(i)
                    }
                    (None, Some(Open::Component(i))) => {
                        let c = found[*i].as_mut().expect("recorded when opened");
                        c.children.push(element());
                        Open::Child(*i, c.children.len() - 1)
                    }
                    (None, Some(Open::Child(i, j))) => {
                        let child =
                            &mut found[*i].as_mut().expect("recorded when opened").children[*j];
                        if child.ours
                            && matches!(child.local.as_str(), "properties" | "manufacturer")
                        {
                            child.children.push(element());
                            Open::Grandchild(*i, *j, child.children.len() - 1)
                        } else {
                            Open::Other
                        }
                    }
                    _ => Open::Other,
                };
                if empty {
                    if matches!(recorded, Open::Component(_)) {
                        closed += 1;
                    }
                } else {
                    open.push(recorded);
                }
            }
            Event::End(_) => {
                let end_tag = text[..after].rfind('<').unwrap_or(before);
                let element = match open.pop() {
                    Some(Open::Component(i)) => {
                        closed += 1;
                        found[i].as_mut()
                    }
                    Some(Open::Child(i, j)) => found[i].as_mut().map(|c| &mut c.children[j]),
                    Some(Open::Grandchild(i, j, k)) => {
                        found[i].as_mut().map(|c| &mut c.children[j].children[k])
                    }
                    _ => None,
                };
                if let Some(e) = element {
                    e.end_tag = end_tag;
                    e.end = after;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(found)
}

/// The offset of the `<` of a start tag read from the document whose text starts at `base`.
fn start_of(tag: &BytesStart<'_>, base: usize) -> Option<usize> {
    let name: &str = tag;
    (name.as_ptr() as usize).checked_sub(base)?.checked_sub(1)
}

/// The spaces and tabs that begin the line holding `at`.
fn indent_at(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[start..at];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// How an element's children are laid out: each on its own line indented by `child` (and their
/// own children by `step` more), or all on the element's line.
struct Layout {
    multiline: bool,
    /// The document's line ending.
    newline: &'static str,
    /// The element's own indentation.
    own: String,
    child: String,
    step: String,
}

impl Layout {
    fn of(text: &str, element: &Element) -> Layout {
        let own = indent_at(text, element.start).to_string();
        let first = element.children.first();
        let multiline =
            text[element.content..first.map_or(element.end_tag, |c| c.start)].contains('\n');
        let child = match first {
            Some(c) if multiline => indent_at(text, c.start).to_string(),
            _ => format!("{own}  "),
        };
        let step = child
            .strip_prefix(own.as_str())
            .filter(|s| !s.is_empty())
            .unwrap_or("  ")
            .to_string();
        Layout {
            multiline,
            newline: line_ending(text),
            own,
            child,
            step,
        }
    }

    /// The edit that inserts `new`, a child element called `local`, into `parent` after the last
    /// child that `order` (the component's sequence) puts before it.
    fn insert_child(
        &self,
        text: &str,
        parent: &Element,
        order: &[&str],
        local: &str,
        new: &str,
    ) -> Edit {
        let rank = |name: &str| order.iter().position(|n| *n == name);
        let mine = rank(local);
        let after = parent
            .children
            .iter()
            .rposition(|c| c.ours && rank(&c.local) < mine && rank(&c.local).is_some());
        match after {
            Some(i) if self.multiline => (
                parent.children[i].end,
                format!("{}{}{new}", self.newline, self.child),
            ),
            Some(i) => (parent.children[i].end, new.to_string()),
            None if self.multiline => {
                // The first child; a line break before the end tag when nothing else puts one.
                let closing = if parent.children.is_empty()
                    && !text[parent.content..parent.end_tag].contains('\n')
                {
                    format!("{}{}", self.newline, self.own)
                } else {
                    String::new()
                };
                (
                    parent.content,
                    format!("{}{}{new}{closing}", self.newline, self.child),
                )
            }
            None => (parent.content, new.to_string()),
        }
    }

    /// The edit that appends `entries` to `list` (a child of the element this layout is of),
    /// laid out as its first child is, or one step in when it has none.
    fn append_to(&self, text: &str, list: &Element, entries: &[String]) -> Edit {
        match (list.children.first(), list.children.last()) {
            (Some(first), Some(last)) => {
                let own_lines = text[list.content..first.start].contains('\n');
                let indent = indent_at(text, first.start);
                let insert = entries
                    .iter()
                    .map(|e| {
                        if own_lines {
                            format!("{}{indent}{e}", self.newline)
                        } else {
                            e.clone()
                        }
                    })
                    .collect();
                (last.end, insert)
            }
            _ if self.multiline => {
                let inner = format!("{}{}", self.child, self.step);
                let mut insert: String = entries
                    .iter()
                    .map(|e| format!("{}{inner}{e}", self.newline))
                    .collect();
                if !text[list.content..list.end_tag].contains('\n') {
                    insert.push_str(self.newline);
                    insert.push_str(&self.child);
                }
                (list.content, insert)
            }
            _ => (list.content, entries.concat()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::{ComponentId, SourceFile};
    use std::path::PathBuf;

    fn read(doc: &str) -> Inventory<'_> {
        let source = SourceFile {
            path: PathBuf::from("b.cdx.xml"),
            display: "b.cdx.xml".into(),
        };
        let version = doc
            .split("http://cyclonedx.org/schema/bom/")
            .nth(1)
            .map(|rest| rest[..3].to_string())
            .unwrap();
        crate::ingest::cyclonedx::xml::read(source, doc, version).unwrap()
    }

    /// The component called `name`.
    fn id(inventory: &Inventory<'_>, name: &str) -> ComponentId {
        ComponentId(
            inventory
                .components
                .iter()
                .position(|c| c.name == name)
                .unwrap_or_else(|| panic!("no component {name}")) as u32,
        )
    }

    /// What the answers add to one component: its name, properties and manufacturer.
    type Added<'a> = (&'a str, &'a [(&'a str, &'a str)], Option<&'a str>);

    /// The document with these additions written.
    fn enriched(doc: &str, additions: &[Added<'_>]) -> Result<(String, Vec<String>), String> {
        let inventory = read(doc);
        let additions: Vec<Addition> = additions
            .iter()
            .map(|(name, properties, maker)| Addition {
                component: id(&inventory, name),
                properties: properties
                    .iter()
                    .map(|(n, v)| (n.to_string(), v.to_string()))
                    .collect(),
                manufacturer: maker.map(str::to_string),
            })
            .collect();
        let (edits, warnings) = enrich(&inventory, &additions)?;
        Ok((super::super::apply(doc, edits), warnings))
    }

    const ANSWER: &[(&str, &str)] = &[("catscan:throughput", "8 Tbps")];

    fn doc(version: &str, components: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/{version}\" version=\"1\">\n  <components>\n{components}  </components>\n</bom>\n"
        )
    }

    #[test]
    fn properties_are_added_after_external_references_and_before_nested_components() {
        let original = doc(
            "1.6",
            r#"    <component type="device" bom-ref="sw">
      <name>Switch</name>
      <externalReferences>
        <reference type="website"><url>https://example.com</url></reference>
      </externalReferences>
      <components>
        <component type="device">
          <name>PSU</name>
        </component>
      </components>
    </component>
"#,
        );
        let (written, warnings) = enriched(
            &original,
            &[
                ("Switch", ANSWER, None),
                ("PSU", &[("catscan:category", "power-supply")], None),
            ],
        )
        .unwrap();
        assert!(warnings.is_empty());
        assert_eq!(
            written,
            doc(
                "1.6",
                r#"    <component type="device" bom-ref="sw">
      <name>Switch</name>
      <externalReferences>
        <reference type="website"><url>https://example.com</url></reference>
      </externalReferences>
      <properties>
        <property name="catscan:throughput">8 Tbps</property>
      </properties>
      <components>
        <component type="device">
          <name>PSU</name>
          <properties>
            <property name="catscan:category">power-supply</property>
          </properties>
        </component>
      </components>
    </component>
"#
            )
        );
        // What was written reads back as the answers.
        let inventory = read(&written);
        let sw = inventory.component(id(&inventory, "Switch"));
        assert_eq!(sw.property("catscan:throughput").unwrap().value, "8 Tbps");
        let psu = inventory.component(id(&inventory, "PSU"));
        assert_eq!(psu.parent, Some(id(&inventory, "Switch")));
        assert_eq!(
            psu.property("catscan:category").unwrap().value,
            "power-supply"
        );
    }

    #[test]
    fn properties_are_appended_to_the_existing_element_as_its_entries_are_written() {
        let original = doc(
            "1.4",
            "    <component type=\"device\">\n\t<name>Router</name>\n\t<properties>\n\t\t<property name=\"catscan:category\">router</property>\n\t</properties>\n    </component>\n    <component type=\"device\"><name>Firewall</name><properties><property name=\"x\">y</property></properties></component>\n",
        );
        let (written, _) = enriched(
            &original,
            &[("Router", ANSWER, None), ("Firewall", ANSWER, None)],
        )
        .unwrap();
        assert_eq!(
            written,
            doc(
                "1.4",
                "    <component type=\"device\">\n\t<name>Router</name>\n\t<properties>\n\t\t<property name=\"catscan:category\">router</property>\n\t\t<property name=\"catscan:throughput\">8 Tbps</property>\n\t</properties>\n    </component>\n    <component type=\"device\"><name>Firewall</name><properties><property name=\"x\">y</property><property name=\"catscan:throughput\">8 Tbps</property></properties></component>\n",
            )
        );
        // An empty list takes entries one step in.
        let original = doc(
            "1.5",
            "    <component type=\"device\">\n      <name>R</name>\n      <properties></properties>\n    </component>\n",
        );
        assert_eq!(
            enriched(&original, &[("R", ANSWER, None)]).unwrap().0,
            doc(
                "1.5",
                "    <component type=\"device\">\n      <name>R</name>\n      <properties>\n        <property name=\"catscan:throughput\">8 Tbps</property>\n      </properties>\n    </component>\n",
            )
        );
    }

    #[test]
    fn new_lines_end_as_the_documents_lines_do() {
        let original = doc(
            "1.6",
            "    <component type=\"device\">\n      <name>A</name>\n    </component>\n",
        )
        .replace('\n', "\r\n");
        assert_eq!(
            enriched(&original, &[("A", ANSWER, Some("Maker"))]).unwrap().0,
            doc(
                "1.6",
                "    <component type=\"device\">\n      <manufacturer><name>Maker</name></manufacturer>\n      <name>A</name>\n      <properties>\n        <property name=\"catscan:throughput\">8 Tbps</property>\n      </properties>\n    </component>\n",
            )
            .replace('\n', "\r\n")
        );
    }

    #[test]
    fn a_prefixed_document_gets_prefixed_elements() {
        let original = "<?xml version=\"1.0\"?>\n<cdx:bom xmlns:cdx=\"http://cyclonedx.org/schema/bom/1.6\" xmlns=\"urn:other\" version=\"1\">\n  <cdx:components>\n    <cdx:component type=\"device\">\n      <cdx:name>Chassis</cdx:name>\n      <cdx:version>B</cdx:version>\n      <cdx:evidence/>\n    </cdx:component>\n  </cdx:components>\n</cdx:bom>\n";
        let (written, warnings) =
            enriched(original, &[("Chassis", ANSWER, Some("Maker & Sons"))]).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            written,
            "<?xml version=\"1.0\"?>\n<cdx:bom xmlns:cdx=\"http://cyclonedx.org/schema/bom/1.6\" xmlns=\"urn:other\" version=\"1\">\n  <cdx:components>\n    <cdx:component type=\"device\">\n      <cdx:manufacturer><cdx:name>Maker &amp; Sons</cdx:name></cdx:manufacturer>\n      <cdx:name>Chassis</cdx:name>\n      <cdx:version>B</cdx:version>\n      <cdx:properties>\n        <cdx:property name=\"catscan:throughput\">8 Tbps</cdx:property>\n      </cdx:properties>\n      <cdx:evidence/>\n    </cdx:component>\n  </cdx:components>\n</cdx:bom>\n"
        );
        let inventory = read(&written);
        let c = inventory.component(id(&inventory, "Chassis"));
        assert_eq!(
            c.manufacturer.as_ref().unwrap().name.as_deref(),
            Some("Maker & Sons")
        );
    }

    #[test]
    fn an_element_of_another_namespace_is_not_taken_for_a_cyclonedx_one() {
        // `x:properties` is an extension: a new <properties> is added, after the CycloneDX
        // children and before the extension.
        let original = doc(
            "1.3",
            "    <component type=\"library\" xmlns:x=\"urn:x\">\n      <name>L</name>\n      <version>1</version>\n      <x:properties><x:property name=\"a\">b</x:property></x:properties>\n    </component>\n",
        );
        assert_eq!(
            enriched(&original, &[("L", ANSWER, None)]).unwrap().0,
            doc(
                "1.3",
                "    <component type=\"library\" xmlns:x=\"urn:x\">\n      <name>L</name>\n      <version>1</version>\n      <properties>\n        <property name=\"catscan:throughput\">8 Tbps</property>\n      </properties>\n      <x:properties><x:property name=\"a\">b</x:property></x:properties>\n    </component>\n",
            )
        );
    }

    #[test]
    fn values_are_escaped_and_those_xml_cannot_carry_are_warned_about() {
        let original = doc(
            "1.6",
            "    <component type=\"device\">\n      <name>D</name>\n    </component>\n",
        );
        let hostile = "a]]>b <c> & \"d\" 'e'\r\nf\u{85}\u{2028}g";
        let (written, warnings) = enriched(
            &original,
            &[(
                "D",
                &[
                    ("catscan:certificate", hostile),
                    ("catscan:controller", "bell\u{7}"),
                    ("catscan:certificate-body", " padded"),
                    ("catscan:a\"b", "x"),
                ],
                None,
            )],
        )
        .unwrap();
        assert!(written.contains(
            "<property name=\"catscan:certificate\">a]]&gt;b &lt;c&gt; &amp; &quot;d&quot; &apos;e&apos;&#13;\nf&#x85;&#x2028;g</property>"
        ));
        assert!(written.contains("<property name=\"catscan:a&quot;b\">x</property>"));
        assert_eq!(
            warnings,
            [
                "b.cdx.xml: the answer catscan:controller = \"bell\\u{7}\" about the component \"D\" is not written: it contains U+0007, a character XML 1.0 does not allow in a document; `catscan scan --answers` still applies it",
                "b.cdx.xml: the answer catscan:certificate-body = \" padded\" about the component \"D\" is not written: it begins or ends with white space, which catscan's XML reader does not keep; `catscan scan --answers` still applies it",
            ]
        );
        // The reader gives the values back exactly.
        let inventory = read(&written);
        let d = inventory.component(id(&inventory, "D"));
        assert_eq!(d.property("catscan:certificate").unwrap().value, hostile);
        assert_eq!(d.property("catscan:a\"b").unwrap().value, "x");
        // A manufacturer XML cannot carry is not written either.
        let (written, warnings) = enriched(&original, &[("D", &[], Some("A\u{0}B"))]).unwrap();
        assert_eq!(written, original);
        assert_eq!(
            warnings,
            [
                "b.cdx.xml: the answered manufacturer \"A\\0B\" of the component \"D\" is not written: it contains U+0000, a character XML 1.0 does not allow in a document; `catscan scan --answers` still applies it"
            ]
        );
    }

    #[test]
    fn a_manufacturer_is_added_after_the_supplier_in_1_6_and_a_named_one_stands() {
        let original = doc(
            "1.6",
            "    <component type=\"device\">\n      <supplier><name>S</name></supplier>\n      <name>A</name>\n    </component>\n    <component type=\"device\">\n      <manufacturer>\n        <name>ACME</name>\n      </manufacturer>\n      <name>B</name>\n    </component>\n    <component type=\"device\">\n      <manufacturer><url>https://example.com</url></manufacturer>\n      <name>C</name>\n    </component>\n",
        );
        let (written, warnings) = enriched(
            &original,
            &[
                ("A", &[], Some("Maker")),
                ("B", &[], Some("Acme")),
                ("C", &[], Some("Maker")),
            ],
        )
        .unwrap();
        assert_eq!(
            written,
            original.replace(
                "<supplier><name>S</name></supplier>\n",
                "<supplier><name>S</name></supplier>\n      <manufacturer><name>Maker</name></manufacturer>\n"
            )
        );
        assert_eq!(
            warnings,
            [
                "b.cdx.xml:14:5: the component \"C\" has a manufacturer without a name; the answered manufacturer \"Maker\" is kept in its catscan:answered property but not written as the manufacturer's name"
            ]
        );
    }

    #[test]
    fn before_1_6_a_manufacturer_is_a_property_and_before_1_3_nothing_is_written() {
        let component = "    <component type=\"device\">\n      <name>A</name>\n    </component>\n";
        for version in ["1.3", "1.4", "1.5"] {
            let original = doc(version, component);
            let (written, warnings) =
                enriched(&original, &[("A", ANSWER, Some("Maker & Co."))]).unwrap();
            assert_eq!(
                written,
                original.replace(
                    "<name>A</name>\n",
                    "<name>A</name>\n      <properties>\n        <property name=\"catscan:manufacturer\">Maker &amp; Co.</property>\n        <property name=\"catscan:throughput\">8 Tbps</property>\n      </properties>\n"
                )
            );
            assert!(warnings.is_empty(), "{warnings:?}");
            // The next scan reads it as the manufacturer, and not as a property.
            let again = read(&written);
            let c = &again.components[0];
            assert_eq!(
                c.manufacturer.as_ref().and_then(|m| m.name.as_deref()),
                Some("Maker & Co.")
            );
            let names: Vec<&str> = c.properties.iter().map(|p| p.name.as_ref()).collect();
            assert_eq!(names, ["catscan:throughput"]);
            assert!(again.diagnostics.is_empty(), "{:?}", again.diagnostics);
        }
        // A manufacturer XML cannot carry is left out, as in 1.6.
        let original = doc("1.5", component);
        let (written, warnings) =
            enriched(&original, &[("A", ANSWER, Some("Maker\u{1}"))]).unwrap();
        assert!(!written.contains("catscan:manufacturer"));
        assert!(written.contains("<property name=\"catscan:throughput\">8 Tbps</property>"));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with(
                "b.cdx.xml: the answered manufacturer \"Maker\\u{1}\" of the component \"A\" is not written: it "
            ),
            "{warnings:?}"
        );
        for version in ["1.0", "1.1", "1.2"] {
            let original = doc(version, component);
            assert_eq!(
                enriched(&original, &[("A", ANSWER, None)]),
                Err(format!(
                    "b.cdx.xml: CycloneDX {version} XML has no component properties to carry the answers (they came with 1.3), so nothing was written; convert the BOM to CycloneDX 1.3 or later, or keep the answers file beside it for `catscan scan --answers`"
                ))
            );
            // Without answers about it, there is nothing to refuse.
            assert_eq!(enriched(&original, &[]), Ok((original.clone(), Vec::new())));
        }
    }

    #[test]
    fn a_document_declared_in_another_encoding_is_refused() {
        let original = doc(
            "1.6",
            "    <component type=\"device\"><name>A</name></component>\n",
        )
        .replace("UTF-8", "ISO-8859-1");
        assert!(
            enriched(&original, &[("A", ANSWER, None)])
                .unwrap_err()
                .starts_with("b.cdx.xml: the XML declaration says encoding=\"ISO-8859-1\"; ")
        );
    }

    #[test]
    fn an_empty_component_or_properties_element_is_a_warning() {
        let original = doc(
            "1.6",
            "    <component type=\"device\"><name>A</name><properties/></component>\n",
        );
        let (written, warnings) = enriched(&original, &[("A", ANSWER, None)]).unwrap();
        assert_eq!(written, original);
        assert_eq!(
            warnings,
            [
                "b.cdx.xml:4:44: the component \"A\" has an empty <properties/> element, which cannot take children without rewriting its tag; the answers are not written as properties (`catscan scan --answers` still applies them)"
            ]
        );
        let original = doc("1.6", "    <component type=\"device\" bom-ref=\"a\"/>\n");
        let inventory = read(&original);
        let addition = Addition {
            component: ComponentId(0),
            properties: vec![("catscan:throughput".into(), "8 Tbps".into())],
            manufacturer: Some("Maker".into()),
        };
        let (edits, warnings) = enrich(&inventory, &[addition]).unwrap();
        assert!(edits.is_empty());
        assert_eq!(
            warnings,
            [
                "b.cdx.xml:4:5: the component \"(unnamed component)\" is an empty element (<…/>), which cannot take children without rewriting its tag; the answers are not written (`catscan scan --answers` still applies them)"
            ]
        );
    }

    /// The child elements of `<component>` in the `component` type's sequence of each version's
    /// XSD, transcribed from `bom-1.3.xsd` … `bom-1.7.xsd` (`versionRange`, 1.7's alternative to
    /// `version`, left out).
    fn schema_sequence(minor: u8) -> Vec<&'static str> {
        let mut s = vec!["supplier"];
        if minor >= 6 {
            s.push("manufacturer");
            s.push("authors");
        }
        s.extend([
            "author",
            "publisher",
            "group",
            "name",
            "version",
            "description",
            "scope",
            "hashes",
            "licenses",
            "copyright",
        ]);
        if minor >= 7 {
            s.push("patentAssertions");
        }
        s.extend(["cpe", "purl"]);
        if minor >= 6 {
            s.extend(["omniborId", "swhid"]);
        }
        s.extend([
            "swid",
            "modified",
            "pedigree",
            "externalReferences",
            "properties",
            "components",
            "evidence",
        ]);
        if minor >= 4 {
            s.push("releaseNotes");
        }
        if minor >= 5 {
            s.extend(["modelCard", "data"]);
        }
        if minor >= 6 {
            s.extend(["cryptoProperties", "tags"]);
        }
        s
    }

    #[test]
    fn new_elements_take_their_place_in_each_versions_sequence() {
        for minor in 3..=7u8 {
            let version = format!("1.{minor}");
            let table: Vec<&str> = sequence(minor)
                .unwrap()
                .iter()
                .copied()
                .filter(|n| *n != "versionRange")
                .collect();
            assert_eq!(table, schema_sequence(minor), "{version}");
            let sequence = schema_sequence(minor);
            // For each child the sequence has, a component with every other child: the new
            // elements must land where the sequence puts them whichever neighbours are there.
            for missing in sequence
                .iter()
                .filter(|n| !["name", "properties", "manufacturer"].contains(n))
            {
                let children: String = sequence
                    .iter()
                    .filter(|n| *n != missing && !["properties", "manufacturer"].contains(n))
                    .map(|n| {
                        if *n == "name" {
                            "      <name>A</name>\n".to_string()
                        } else {
                            format!("      <{n}/>\n")
                        }
                    })
                    .collect();
                let original = doc(
                    &version,
                    &format!("    <component type=\"device\">\n{children}    </component>\n"),
                );
                // The reader warns about the empty stand-ins, but reads the component.
                let (written, warnings) =
                    enriched(&original, &[("A", ANSWER, Some("Maker"))]).unwrap();
                assert!(warnings.is_empty(), "{version}: {warnings:?}");
                let inventory = read(&written);
                let mut names = Vec::new();
                let mut reader = NsReader::from_str(&written);
                let mut depth = 0;
                loop {
                    match reader.read_event().unwrap() {
                        Event::Empty(t) if depth == 3 => {
                            names.push(t.local_name().into_inner().to_string());
                        }
                        Event::Start(t) => {
                            if depth == 3 {
                                names.push(t.local_name().into_inner().to_string());
                            }
                            depth += 1;
                        }
                        Event::End(_) => depth -= 1,
                        Event::Eof => break,
                        _ => {}
                    }
                }
                let expected: Vec<&str> = sequence
                    .iter()
                    .copied()
                    .filter(|n| n != missing && (*n != "manufacturer" || minor >= 6))
                    .collect();
                assert_eq!(names, expected, "{version} without {missing}");
                assert!(
                    inventory.components[0]
                        .property("catscan:throughput")
                        .is_some()
                );
                // A `<manufacturer>` from 1.6, before it a `catscan:manufacturer` property.
                assert_eq!(
                    inventory.components[0]
                        .manufacturer
                        .as_ref()
                        .and_then(|m| m.name.as_deref()),
                    Some("Maker"),
                    "{version} without {missing}"
                );
            }
        }
    }
}
