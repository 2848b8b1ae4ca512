//! CycloneDX XML (specification 1.0 to 1.7).
//!
//! The document is walked once with quick-xml's pull reader, one small function per CycloneDX
//! object, feeding the same `Builder` as the JSON reader: the same BOM gives the same
//! inventory and the same diagnostic codes in either format. Text and attribute values are
//! borrowed from the input unless they contain references (`&amp;`) or line breaks that XML
//! normalises, so positions come from pointer arithmetic, as in the JSON reader.
//!
//! Elements outside the document's CycloneDX namespace are extensions, which the schemas allow
//! almost anywhere (`##other`); they are skipped without a word. Unknown elements inside the
//! namespace are reported like unknown JSON keys and skipped. Malformed XML stops the reader
//! with an error that names the line, the column and what was expected.
//!
//! Each function reads exactly one element, up to and including its end tag. The walk recurses
//! at most once per level of element nesting, on a stack that grows when nearly used up
//! (`grow`), and the document is refused once it nests more than [`max_nesting`] elements
//! deep, so no input can exhaust the stack.

use std::borrow::Cow;
use std::collections::HashSet;

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::{Namespace, NamespaceError, ResolveResult};
use quick_xml::{NsReader, XmlVersion};

use super::checks::{self, SpecVersion};
use super::{Builder, DependencyEntry, max_nesting};
use crate::ingest::ReadError;
use crate::ingest::detect::CYCLONEDX_XML_NAMESPACE_PREFIX;
use crate::inventory::PartyField;
use crate::inventory::{
    Component, ComponentId, ComponentKind, Format, Inventory, Party, Property, Scope, SourceFile,
    Span, Text,
};

// The child elements of each object are the JSON fields of `checks` except those that XML writes
// as attributes (or, at the top level, not at all).

/// JSON fields of the BOM that are not child elements of `<bom>`: `serialNumber` and `version` are
/// attributes, the enveloped signature is in the XML Signature namespace.
const TOP_LEVEL_NOT_ELEMENTS: &[&str] = &[
    "$schema",
    "bomFormat",
    "specVersion",
    "serialNumber",
    "version",
    "signature",
];

/// Component fields that are attributes in XML.
const COMPONENT_ATTRIBUTES: &[&str] = &["type", "mime-type", "bom-ref", "isExternal"];

/// Organisation fields that are attributes in XML.
const ORGANIZATION_ATTRIBUTES: &[&str] = &["bom-ref"];

/// Licence fields that are attributes in XML.
const LICENSE_ATTRIBUTES: &[&str] = &["bom-ref", "acknowledgement"];

/// Whether `name` is a child element the schema defines for an object with these JSON fields.
fn defined(fields: &[&str], attributes: &[&str], name: &str) -> bool {
    fields.contains(&name) && !attributes.contains(&name)
}

/// Reads a CycloneDX XML document whose root element detection found in the namespace
/// `http://cyclonedx.org/schema/bom/{namespace_version}`.
pub fn read<'a>(
    source: SourceFile,
    text: &'a str,
    namespace_version: String,
) -> Result<Inventory<'a>, ReadError> {
    let mut walker = Walker::new(text, &namespace_version);
    if let Err(failure) = walker.document() {
        return Err(ReadError {
            file: source.display,
            position: Some(crate::inventory::Position::of(text, failure.offset)),
            message: failure.message,
        });
    }
    let mut builder = walker.b;
    builder.resolve_version_dependent();
    Ok(builder.finish(source, Format::CycloneDxXml, namespace_version))
}

/// Why the walk stopped: a byte offset and what is wrong there. Turned into a [`ReadError`]
/// with line and column once, by [`read`].
#[derive(Debug)]
struct Failure {
    offset: usize,
    message: String,
}

type Walk<T> = Result<T, Failure>;

/// An element of the document's CycloneDX namespace whose start tag was just read.
struct Element<'a> {
    /// Local name, without a prefix.
    name: &'a str,
    /// Offset of the `<` of the start tag.
    start: usize,
    /// Offset just after the start tag: where the content begins.
    content: usize,
    /// `<x/>`: there is no content and no end tag to read.
    empty: bool,
    tag: BytesStart<'a>,
}

/// Character data (trimmed) or an attribute value, with where it is in the document.
struct Value<'a> {
    text: Text<'a>,
    /// Offsets of the first character and just past the last one. For an empty value both are
    /// where it would have been.
    start: usize,
    end: usize,
}

/// One event as [`Walker::event`] hands it on.
struct Read<'a> {
    /// Whether a start or empty tag is in the document's CycloneDX namespace.
    ours: bool,
    event: Event<'a>,
    /// Offset where the event begins (the `<` of a tag, the `&` of a reference).
    at: usize,
}

struct Walker<'a> {
    text: &'a str,
    reader: NsReader<&'a [u8]>,
    /// `http://cyclonedx.org/schema/bom/1.x`, the namespace of the root element.
    namespace: String,
    b: Builder<'a>,
    /// Offsets of the `<` of the elements that are open, outermost first: for nesting limits
    /// and for messages about unclosed elements.
    open: Vec<usize>,
    xml_version: XmlVersion,
}

impl<'a> Walker<'a> {
    fn new(text: &'a str, namespace_version: &str) -> Self {
        let mut b = Builder::new(text);
        // Detection only hands over the versions 1.0 to 1.7.
        b.spec = SpecVersion::parse(namespace_version).unwrap_or(SpecVersion::NEWEST);
        Walker {
            text,
            reader: NsReader::from_str(text),
            namespace: format!("{CYCLONEDX_XML_NAMESPACE_PREFIX}{namespace_version}"),
            b,
            open: Vec::new(),
            xml_version: XmlVersion::Implicit1_0,
        }
    }

    // -----------------------------------------------------------------------------------------
    // Events

    /// Reads the next event, keeps the stack of open elements, and turns malformed XML, too deep
    /// nesting and a premature end of the file into a [`Failure`].
    fn event(&mut self) -> Walk<Read<'a>> {
        let at = self.reader.buffer_position() as usize;
        let namespace = self.namespace.as_str();
        let result = self.reader.read_resolved_event().map(|(ns, event)| {
            let ours = matches!(ns, ResolveResult::Bound(Namespace(n)) if n == namespace);
            (ours, event)
        });
        let (ours, event) = result.map_err(|e| self.malformed(e))?;
        let at = match &event {
            Event::Start(tag) | Event::Empty(tag) => self.tag_offset(tag, at),
            _ => at,
        };
        match &event {
            Event::Start(_) => {
                if self.open.len() >= max_nesting() {
                    return Err(Failure {
                        offset: at,
                        message: crate::ingest::depth::nested_too_deep("elements are"),
                    });
                }
                self.open.push(at);
            }
            Event::End(_) => {
                self.open.pop();
            }
            Event::GeneralRef(reference) => self.check_reference(reference, at),
            Event::Decl(decl) => {
                if let Ok(version) = decl.xml_version() {
                    self.xml_version = version;
                }
            }
            Event::Eof if !self.open.is_empty() => {
                return Err(Failure {
                    offset: self.text.len(),
                    message: format!("the file ends{}; it looks truncated", self.inside()),
                });
            }
            _ => {}
        }
        Ok(Read { ours, event, at })
    }

    /// Offset of the `<` of a tag: its content (after the `<`) is borrowed from the document.
    fn tag_offset(&self, tag: &BytesStart<'_>, fallback: usize) -> usize {
        self.b
            .offset_of(tag)
            .map_or(fallback, |o| o.saturating_sub(1))
    }

    fn element(&self, tag: BytesStart<'a>, empty: bool, start: usize) -> Element<'a> {
        let name = self.borrowed(tag.local_name().into_inner()).unwrap_or("");
        Element {
            name,
            start,
            content: self.reader.buffer_position() as usize,
            empty,
            tag,
        }
    }

    /// The same text as `s`, with the lifetime of the document, when `s` points into it.
    fn borrowed(&self, s: &str) -> Option<&'a str> {
        let offset = self.b.offset_of(s)?;
        self.text.get(offset..offset + s.len())
    }

    /// The next child element of `parent` in the CycloneDX namespace, or `None` once the end tag
    /// of `parent` has been read. Text between children and foreign elements are skipped.
    fn next(&mut self, parent: &Element<'a>) -> Walk<Option<Element<'a>>> {
        if parent.empty {
            return Ok(None);
        }
        loop {
            let read = self.event()?;
            match read.event {
                Event::Start(tag) if read.ours => {
                    return Ok(Some(self.element(tag, false, read.at)));
                }
                Event::Empty(tag) if read.ours => {
                    return Ok(Some(self.element(tag, true, read.at)));
                }
                Event::Start(_) => self.skip_content()?,
                Event::End(_) | Event::Eof => return Ok(None),
                _ => {}
            }
        }
    }

    /// Skips the rest of the innermost open element, up to and including its end tag.
    fn skip_content(&mut self) -> Walk<()> {
        let depth = self.open.len();
        while self.open.len() >= depth {
            self.event()?;
        }
        Ok(())
    }

    /// Skips an element that was just read with [`Walker::next`].
    fn skip(&mut self, el: Element<'a>) -> Walk<()> {
        if el.empty {
            Ok(())
        } else {
            self.skip_content()
        }
    }

    /// Reports an element the schema does not define inside `object`, and skips it.
    fn unknown(&mut self, object: &'static str, el: Element<'a>) -> Walk<()> {
        self.b.unknown_key(object, el.name, el.start);
        self.skip(el)
    }

    /// The character data of `el`, trimmed of surrounding white space, with entity and character
    /// references resolved and CDATA sections included. Child elements are skipped.
    fn text(&mut self, el: Element<'a>) -> Walk<Value<'a>> {
        let mut chars = Chars::default();
        if !el.empty {
            loop {
                let read = self.event()?;
                match read.event {
                    Event::Text(t) => {
                        let offset = self.b.offset_of(&t);
                        chars.push(t.xml_content(self.xml_version), &t, offset);
                    }
                    Event::CData(c) => {
                        let offset = self.b.offset_of(&c);
                        chars.push(c.xml_content(self.xml_version), &c, offset);
                    }
                    Event::GeneralRef(r) => chars.push_reference(&r, read.at),
                    Event::Start(_) => self.skip_content()?,
                    Event::End(_) | Event::Eof => break,
                    _ => {}
                }
            }
        }
        Ok(chars.finish(el.content))
    }

    /// Values of the attributes named `keys` (unprefixed), in that order.
    fn attrs<const N: usize>(
        &mut self,
        el: &Element<'a>,
        keys: [&str; N],
    ) -> Walk<[Option<Value<'a>>; N]> {
        let mut values: [Option<Value<'a>>; N] = std::array::from_fn(|_| None);
        for attr in el.tag.attributes() {
            let attr = attr.map_err(|e| Failure {
                offset: el.start,
                message: format!("malformed attributes in <{}>: {e}", el.name),
            })?;
            if let Some(i) = keys.iter().position(|k| *k == attr.key.as_ref()) {
                values[i] = Some(self.attribute_value(&attr, el));
            }
        }
        Ok(values)
    }

    /// An attribute's value as XML defines it (references resolved, white space normalised),
    /// borrowed from the document where it is spelt that way.
    fn attribute_value(&mut self, attr: &Attribute<'_>, el: &Element<'a>) -> Value<'a> {
        let raw: &str = &attr.value;
        let start = self.b.offset_of(raw).unwrap_or(el.start);
        let as_written = match self.borrowed(raw) {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(raw.to_string()),
        };
        let text = match attr.normalized_value(self.xml_version) {
            Ok(Cow::Borrowed(_)) => as_written,
            Ok(Cow::Owned(s)) => Cow::Owned(s),
            Err(e) => {
                self.b.warn(
                    "unknown-entity",
                    Some(start),
                    format!(
                        "the value of attribute \"{}\" of <{}> has a reference that is not a predefined entity or a valid character reference ({e}); it was kept as written",
                        attr.key.as_ref(),
                        el.name
                    ),
                );
                as_written
            }
        };
        Value {
            text,
            start,
            end: start + raw.len(),
        }
    }

    /// Entity references other than XML's five predefined ones would need the DTD, which catscan
    /// does not read; the reference is kept as written and reported.
    fn check_reference(&mut self, reference: &BytesRef<'_>, at: usize) {
        let name: &str = reference;
        match reference.resolve_char_ref() {
            Ok(Some(_)) => {}
            Ok(None) if resolve_predefined_entity(name).is_some() => {}
            Ok(None) => self.b.warn(
                "unknown-entity",
                Some(at),
                format!(
                    "&{name}; is not one of XML's predefined entities (amp, lt, gt, quot, apos); catscan does not expand entities declared in a DTD and kept the text as written"
                ),
            ),
            Err(_) => self.b.warn(
                "invalid-character-reference",
                Some(at),
                format!("&{name}; is not a valid character reference; the text was kept as written"),
            ),
        }
    }

    // -----------------------------------------------------------------------------------------
    // Errors

    /// Explains a quick-xml error in terms of the document: what was expected, and where the
    /// unclosed element began.
    fn malformed(&self, error: XmlError) -> Failure {
        let offset = (self.reader.error_position() as usize).min(self.text.len());
        let at_end = self.reader.buffer_position() as usize >= self.text.len();
        let message = match &error {
            XmlError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
                let opened = self
                    .open
                    .last()
                    .map(|&o| format!(" (<{expected}> was opened on line {})", self.line(o)))
                    .unwrap_or_default();
                format!("expected </{expected}>, found </{found}>{opened}")
            }
            XmlError::IllFormed(IllFormedError::UnmatchedEndTag(found)) => {
                format!("</{found}> does not close any open element")
            }
            XmlError::IllFormed(IllFormedError::UnclosedReference) if !at_end => {
                "\"&\" does not start a reference closed by \";\"; a literal ampersand must be written &amp;".to_string()
            }
            XmlError::IllFormed(IllFormedError::UnclosedReference) => format!(
                "the file ends in the middle of a reference{}; it looks truncated",
                self.inside()
            ),
            XmlError::Syntax(syntax) if at_end => format!(
                "the file ends in the middle of {}{}; it looks truncated",
                unclosed(*syntax),
                self.inside()
            ),
            XmlError::Syntax(syntax) => format!("malformed XML: {syntax}"),
            XmlError::Namespace(NamespaceError::TooManyBindings(limit)) => format!(
                "more than {limit} namespace declarations are in scope; catscan does not read further"
            ),
            other => format!("malformed XML: {other}"),
        };
        Failure { offset, message }
    }

    /// ` inside <x> (opened on line n)` for the innermost open element, if any.
    fn inside(&self) -> String {
        match self.open.last() {
            Some(&o) => format!(
                " inside <{}> (opened on line {})",
                self.tag_name(o),
                self.line(o)
            ),
            None => String::new(),
        }
    }

    /// The qualified name of the tag whose `<` is at `offset`.
    fn tag_name(&self, offset: usize) -> &'a str {
        let rest = self.text.get(offset + 1..).unwrap_or("");
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        &rest[..end]
    }

    fn line(&self, offset: usize) -> usize {
        let before = &self.text.as_bytes()[..offset.min(self.text.len())];
        memchr::memchr_iter(b'\n', before).count() + 1
    }

    // -----------------------------------------------------------------------------------------
    // The BOM

    /// The prologue, then the root element.
    fn document(&mut self) -> Walk<()> {
        loop {
            let read = self.event()?;
            let (tag, empty) = match read.event {
                Event::Start(tag) => (tag, false),
                Event::Empty(tag) => (tag, true),
                Event::Eof => {
                    return Err(Failure {
                        offset: 0,
                        message: "the file has no root element; expected <bom>".to_string(),
                    });
                }
                _ => continue,
            };
            let root = self.element(tag, empty, read.at);
            if !read.ours || root.name != "bom" {
                return Err(Failure {
                    offset: root.start,
                    message: format!(
                        "expected the root element <bom> in namespace {}, found <{}>",
                        self.namespace,
                        self.tag_name(root.start)
                    ),
                });
            }
            // What follows the root element is not read.
            return self.bom(root);
        }
    }

    fn bom(&mut self, el: Element<'a>) -> Walk<()> {
        let mut seen = Seen::default();
        let [serial] = self.attrs(&el, ["serialNumber"])?;
        if let Some(v) = serial
            && let Some(problem) = checks::serial_number_problem(&v.text)
        {
            self.b.warn("invalid-serial-number", Some(v.start), problem);
        }
        while let Some(child) = self.next(&el)? {
            seen.check(&mut self.b, &child, BOM_SINGLETONS, "BOM");
            match child.name {
                "metadata" => self.metadata(child)?,
                "components" => self.components(child, None, false)?,
                "services" => self.services(child)?,
                "dependencies" => self.dependencies(child)?,
                "citations" => self.citations(child)?,
                "properties" => {
                    self.properties(child)?;
                }
                name if defined(checks::TOP_LEVEL_FIELDS, TOP_LEVEL_NOT_ELEMENTS, name) => {
                    self.skip(child)?
                }
                _ => self.unknown("the BOM", child)?,
            }
        }
        Ok(())
    }

    fn metadata(&mut self, el: Element<'a>) -> Walk<()> {
        let mut seen = Seen::default();
        while let Some(child) = self.next(&el)? {
            seen.check(&mut self.b, &child, METADATA_SINGLETONS, "metadata");
            match child.name {
                "timestamp" => {
                    let v = self.text(child)?;
                    if let Some(problem) = checks::timestamp_problem(&v.text) {
                        self.b.warn("invalid-timestamp", Some(v.start), problem);
                    }
                }
                "component" => self.component(child, None, true, false)?,
                "manufacture" => {
                    let party = self.organization(child)?;
                    self.b.metadata_party(PartyField::Manufacturer, party);
                }
                "supplier" => {
                    let party = self.organization(child)?;
                    self.b.metadata_party(PartyField::Supplier, party);
                }
                "manufacturer" => {
                    // The organisation that created the BOM (1.6+), not the maker of its subject:
                    // checked, never used for a decision, so a second one hides nothing.
                    self.organization(child)?;
                }
                "licenses" => self.licenses(child)?,
                "properties" => {
                    self.properties(child)?;
                }
                name if checks::METADATA_FIELDS.contains(&name) => self.skip(child)?,
                _ => self.unknown("metadata", child)?,
            }
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Components

    /// `<components>` (or a pedigree's `<ancestors>`, `<descendants>`, `<variants>`).
    fn components(
        &mut self,
        el: Element<'a>,
        parent: Option<ComponentId>,
        pedigree: bool,
    ) -> Walk<()> {
        while let Some(child) = self.next(&el)? {
            match child.name {
                // Nested components recurse here: on a stack that grows as deep as they go.
                "component" => grow(|| self.component(child, parent, false, pedigree))?,
                _ => self.unknown("a list of components", child)?,
            }
        }
        Ok(())
    }

    /// One component. In a pedigree (`pedigree`), it is checked and counted but not kept: it
    /// describes where another component came from, not a part of the product.
    fn component(
        &mut self,
        el: Element<'a>,
        parent: Option<ComponentId>,
        root: bool,
        pedigree: bool,
    ) -> Walk<()> {
        let id = if pedigree {
            self.b.pedigree_components += 1;
            None
        } else {
            Some(self.b.begin_component())
        };
        let mut c = Component {
            parent,
            is_root: root,
            ..Component::default()
        };
        let [kind, bom_ref, external] = self.attrs(&el, ["type", "bom-ref", "isExternal"])?;
        match kind {
            Some(v) => c.kind = self.component_kind(v),
            None => self.b.warn(
                "missing-component-type",
                Some(el.start),
                "component has no \"type\"; CycloneDX requires one (application, library, device, …)",
            ),
        }
        c.bom_ref = bom_ref.map(|v| v.text);
        let is_external = external.is_some_and(|v| matches!(v.text.trim(), "true" | "1"));
        let mut name_end = None;
        let mut version_range = None;
        let mut seen = Seen::default();
        while let Some(child) = self.next(&el)? {
            seen.check(&mut self.b, &child, COMPONENT_SINGLETONS, "component");
            match child.name {
                "name" => {
                    let v = self.text(child)?;
                    name_end = Some(v.end);
                    c.name = v.text;
                }
                "group" => c.group = Some(self.text(child)?.text),
                "version" => c.version = Some(self.text(child)?.text),
                "description" => c.description = Some(self.text(child)?.text),
                "publisher" => {
                    let publisher = self.text(child)?.text;
                    match c.publisher {
                        // Given twice: the first stays, the second is kept beside it.
                        Some(_) => c.also_named.push((PartyField::Publisher, publisher)),
                        None => c.publisher = Some(publisher),
                    }
                }
                "purl" => c.purl = Some(self.text(child)?.text),
                "cpe" => c.cpe = Some(self.text(child)?.text),
                "author" => c.authors.push(self.text(child)?.text),
                "authors" => self.authors(child, &mut c.authors)?,
                "supplier" | "manufacturer" => {
                    let (slot, field) = if child.name == "supplier" {
                        (&mut c.supplier, PartyField::Supplier)
                    } else {
                        (&mut c.manufacturer, PartyField::Manufacturer)
                    };
                    let mut party = self.organization(child)?;
                    match slot {
                        // Given twice: the first stays, the second's names are kept beside it.
                        Some(_) => c.also_named.extend(
                            party
                                .name
                                .into_iter()
                                .chain(party.other_names)
                                .map(|n| (field, n)),
                        ),
                        None => {
                            // A second `<name>` in the organisation is kept beside the first.
                            c.also_named.extend(
                                std::mem::take(&mut party.other_names)
                                    .into_iter()
                                    .map(|n| (field, n)),
                            );
                            *slot = Some(Box::new(party));
                        }
                    }
                }
                "scope" => c.scope = self.scope(child)?,
                "hashes" => self.hashes(child)?,
                "licenses" => self.licenses(child)?,
                "swid" => self.swid(child)?,
                "pedigree" => self.pedigree(child)?,
                // Given twice, both lists are kept.
                "properties" => c.properties.extend(self.properties(child)?),
                "components" => self.components(child, id, pedigree)?,
                "versionRange" => {
                    version_range = Some(child.start);
                    self.skip(child)?;
                }
                name if defined(checks::COMPONENT_FIELDS, COMPONENT_ATTRIBUTES, name) => {
                    self.skip(child)?
                }
                _ => self.unknown("a component", child)?,
            }
        }
        if name_end.is_none() {
            self.b.warn(
                "missing-component-name",
                Some(el.start),
                "component has no \"name\"; CycloneDX requires one",
            );
        }
        if let Some(offset) = version_range {
            if !is_external {
                self.b.warn(
                    "version-range-not-external",
                    Some(offset),
                    "\"versionRange\" is only allowed on a component with \"isExternal\": true",
                );
            } else if c.version.is_some() {
                self.b.warn(
                    "version-and-range",
                    Some(offset),
                    "an external component may have \"version\" or \"versionRange\", not both",
                );
            }
        }
        c.span = Span::new(el.start, name_end.unwrap_or(el.start + 1));
        if let Some(id) = id {
            self.b.finish_component(id, c);
        }
        Ok(())
    }

    fn component_kind(&mut self, v: Value<'a>) -> ComponentKind {
        ComponentKind::from_cyclonedx(&v.text).unwrap_or_else(|| {
            self.b.warn(
                "invalid-component-type",
                Some(v.start),
                format!(
                    "component type \"{}\" is not one of: {}",
                    v.text,
                    checks::COMPONENT_TYPES
                ),
            );
            ComponentKind::Unknown(v.text.into_owned())
        })
    }

    fn scope(&mut self, el: Element<'a>) -> Walk<Option<Scope>> {
        let v = self.text(el)?;
        Ok(match v.text.as_ref() {
            "required" => Some(Scope::Required),
            "optional" => Some(Scope::Optional),
            "excluded" => Some(Scope::Excluded),
            other => {
                let problem = checks::enum_problem("scope", other, &checks::SCOPES);
                self.b
                    .warn("invalid-scope", Some(v.start), problem.unwrap_or_default());
                None
            }
        })
    }

    /// `<supplier>`, `<manufacturer>`, `<manufacture>`: an `organizationalEntity`.
    fn organization(&mut self, el: Element<'a>) -> Walk<Party<'a>> {
        let mut party = Party::default();
        let mut seen = Seen::default();
        while let Some(child) = self.next(&el)? {
            seen.check(&mut self.b, &child, &["name"], "organization");
            match child.name {
                "name" => {
                    let name = self.text(child)?.text;
                    match party.name {
                        Some(_) => party.other_names.push(name),
                        None => party.name = Some(name),
                    }
                }
                "address" => party.country = self.country(child)?,
                name if defined(checks::ORGANIZATION_FIELDS, ORGANIZATION_ATTRIBUTES, name) => {
                    self.skip(child)?
                }
                _ => self.unknown("an organization", child)?,
            }
        }
        Ok(party)
    }

    /// `<address>` (1.6+); only the country is used.
    fn country(&mut self, el: Element<'a>) -> Walk<Option<Text<'a>>> {
        let mut country = None;
        while let Some(child) = self.next(&el)? {
            match child.name {
                "country" => country = Some(self.text(child)?.text),
                _ => self.skip(child)?,
            }
        }
        Ok(country)
    }

    /// `<authors>` of a component (1.6+): contacts, of which only the names are used.
    fn authors(&mut self, el: Element<'a>, out: &mut Vec<Text<'a>>) -> Walk<()> {
        while let Some(author) = self.next(&el)? {
            if author.name != "author" {
                self.unknown("a list of authors", author)?;
                continue;
            }
            while let Some(field) = self.next(&author)? {
                match field.name {
                    "name" => out.push(self.text(field)?.text),
                    _ => self.skip(field)?,
                }
            }
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Properties

    /// `<properties>`: the named properties, in order. A property without a name is reported and
    /// dropped.
    fn properties(&mut self, el: Element<'a>) -> Walk<Vec<Property<'a>>> {
        let mut out = Vec::new();
        while let Some(child) = self.next(&el)? {
            if child.name != "property" {
                self.unknown("a list of properties", child)?;
                continue;
            }
            let start = child.start;
            let [name] = self.attrs(&child, ["name"])?;
            let value = self.text(child)?;
            let Some(name) = name else {
                self.b.warn(
                    "property-without-name",
                    Some(start),
                    "a property has no \"name\"; it was ignored",
                );
                continue;
            };
            let end = if value.text.is_empty() {
                name.end
            } else {
                value.end
            };
            out.push(Property {
                name: name.text,
                value: value.text,
                span: Span::new(start, end),
            });
        }
        Ok(out)
    }

    // -----------------------------------------------------------------------------------------
    // Hashes, licences, SWID, pedigree: checked, not kept

    fn hashes(&mut self, el: Element<'a>) -> Walk<()> {
        while let Some(child) = self.next(&el)? {
            if child.name != "hash" {
                self.unknown("a list of hashes", child)?;
                continue;
            }
            let [alg] = self.attrs(&child, ["alg"])?;
            let content = self.text(child)?;
            match alg {
                Some(alg) if !content.text.is_empty() => {
                    if let Some(p) = checks::hash_problem(&alg.text, &content.text) {
                        self.b.warn("invalid-hash", Some(content.start), p);
                    }
                }
                _ => self.b.warn(
                    "invalid-hash",
                    Some(content.start),
                    "a hash needs both \"alg\" and \"content\"",
                ),
            }
        }
        Ok(())
    }

    /// `<licenses>`: `<license>` elements and/or `<expression>`s (mixing them is allowed from
    /// 1.7 on).
    fn licenses(&mut self, el: Element<'a>) -> Walk<()> {
        let (mut entries, mut expressions, mut first_expression) = (0, 0, None);
        while let Some(child) = self.next(&el)? {
            match child.name {
                "license" => {
                    entries += 1;
                    self.license(child)?;
                }
                "expression" | "expression-detailed" => {
                    entries += 1;
                    expressions += 1;
                    first_expression = first_expression.or(Some(child.start));
                    self.acknowledgement(&child)?;
                    self.skip(child)?;
                }
                _ => self.unknown("a licence choice", child)?,
            }
        }
        if expressions > 0 && entries > 1 {
            // Allowed from 1.7 on; an error of the document before.
            self.b.warn_before_version(
                7,
                "invalid-license-choice",
                first_expression,
                "a licence expression is combined with other licence entries; before CycloneDX 1.7 \"licenses\" holds either licences or exactly one expression",
            );
        }
        Ok(())
    }

    fn acknowledgement(&mut self, el: &Element<'a>) -> Walk<()> {
        let [ack] = self.attrs(el, ["acknowledgement"])?;
        if let Some(v) = ack
            && let Some(p) = checks::enum_problem(
                "licence acknowledgement",
                &v.text,
                &checks::LICENSE_ACKNOWLEDGEMENTS,
            )
        {
            self.b.warn("invalid-license", Some(v.start), p);
        }
        Ok(())
    }

    /// One `<license>`: exactly one `<id>` (an SPDX identifier) or one `<name>`.
    fn license(&mut self, el: Element<'a>) -> Walk<()> {
        self.acknowledgement(&el)?;
        let (mut ids, mut names) = (0, 0);
        while let Some(child) = self.next(&el)? {
            match child.name {
                "id" => {
                    ids += 1;
                    let v = self.text(child)?;
                    if let Some(p) = checks::license_id_problem(&v.text) {
                        self.b.warn("invalid-license", Some(v.start), p);
                    }
                }
                "name" => {
                    names += 1;
                    self.skip(child)?;
                }
                "text" => self.attachment(child)?,
                "properties" => {
                    self.properties(child)?;
                }
                name if defined(checks::LICENSE_FIELDS, LICENSE_ATTRIBUTES, name) => {
                    self.skip(child)?
                }
                _ => self.unknown("a licence", child)?,
            }
        }
        let at = Some(el.start);
        if ids > 1 {
            self.b
                .warn("invalid-license", at, "a licence has more than one <id>");
        }
        if names > 1 {
            self.b
                .warn("invalid-license", at, "a licence has more than one <name>");
        }
        match (ids > 0, names > 0) {
            (true, true) => self.b.warn(
                "invalid-license",
                at,
                "a licence has both \"id\" and \"name\"; it must have one",
            ),
            (false, false) => self.b.warn(
                "invalid-license",
                at,
                "a licence has neither \"id\" nor \"name\"",
            ),
            _ => {}
        }
        Ok(())
    }

    /// An attached text (licence texts, patch diffs): only the encoding is checked.
    fn attachment(&mut self, el: Element<'a>) -> Walk<()> {
        let [encoding] = self.attrs(&el, ["encoding"])?;
        if let Some(v) = encoding
            && let Some(p) = checks::enum_problem(
                "attachment encoding",
                &v.text,
                &checks::ATTACHMENT_ENCODINGS,
            )
        {
            self.b.warn("invalid-attachment", Some(v.start), p);
        }
        self.skip(el)
    }

    fn swid(&mut self, el: Element<'a>) -> Walk<()> {
        let [tag_id, name] = self.attrs(&el, ["tagId", "name"])?;
        if tag_id.is_none() || name.is_none() {
            self.b.warn(
                "invalid-swid",
                Some(el.start),
                "\"swid\" needs both \"tagId\" and \"name\"",
            );
        }
        self.skip(el)
    }

    fn pedigree(&mut self, el: Element<'a>) -> Walk<()> {
        while let Some(child) = self.next(&el)? {
            match child.name {
                "ancestors" | "descendants" | "variants" => self.components(child, None, true)?,
                "patches" => self.patches(child)?,
                "commits" | "notes" => self.skip(child)?,
                _ => self.unknown("a pedigree", child)?,
            }
        }
        Ok(())
    }

    fn patches(&mut self, el: Element<'a>) -> Walk<()> {
        let kind = (
            "patch type",
            &checks::PATCH_TYPES[..],
            "a patch has no \"type\"",
        );
        self.typed_items(el, ("patch", "a list of patches"), kind, |walker, patch| {
            while let Some(child) = walker.next(&patch)? {
                match child.name {
                    "resolves" => walker.resolves(child)?,
                    "diff" => walker.skip(child)?,
                    _ => walker.unknown("a patch", child)?,
                }
            }
            Ok(())
        })
    }

    /// The issues a patch resolves; only their types are checked.
    fn resolves(&mut self, el: Element<'a>) -> Walk<()> {
        let kind = (
            "issue type",
            &checks::ISSUE_TYPES[..],
            "an issue resolved by a patch has no \"type\"",
        );
        self.typed_items(el, ("issue", "a list of issues"), kind, |walker, issue| {
            walker.skip(issue)
        })
    }

    /// The children of a list (`<patches>`, `<resolves>`) that must each be an `item` element:
    /// another child is reported as unknown in the `list`. The required `type` attribute of each
    /// item is checked (`what` it is, the `allowed` values, the warning when it is `missing`),
    /// then `read` reads the item.
    fn typed_items(
        &mut self,
        el: Element<'a>,
        (item, list): (&str, &'static str),
        (what, allowed, missing): (&str, &[&str], &'static str),
        mut read: impl FnMut(&mut Self, Element<'a>) -> Walk<()>,
    ) -> Walk<()> {
        while let Some(child) = self.next(&el)? {
            if child.name != item {
                self.unknown(list, child)?;
                continue;
            }
            let [kind] = self.attrs(&child, ["type"])?;
            match kind {
                Some(v) => {
                    if let Some(p) = checks::enum_problem(what, &v.text, allowed) {
                        self.b.warn("invalid-patch", Some(v.start), p);
                    }
                }
                None => self.b.warn("invalid-patch", Some(child.start), missing),
            }
            read(self, child)?;
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Dependencies

    /// `<dependencies>`: one entry per outer `<dependency ref>`, whose nested
    /// `<dependency ref>`s are its targets.
    fn dependencies(&mut self, el: Element<'a>) -> Walk<()> {
        while let Some(child) = self.next(&el)? {
            if child.name != "dependency" {
                self.unknown("a list of dependencies", child)?;
                continue;
            }
            let entry = self.dependency(child)?;
            self.b.dependencies.push(entry);
        }
        Ok(())
    }

    fn dependency(&mut self, el: Element<'a>) -> Walk<DependencyEntry<'a>> {
        let [reference] = self.attrs(&el, ["ref"])?;
        let first = self.b.dependency_targets.len();
        while let Some(child) = self.next(&el)? {
            match child.name {
                "dependency" => {
                    let [target] = self.attrs(&child, ["ref"])?;
                    match target {
                        Some(t) => self.b.dependency_targets.push((t.text, t.start)),
                        None => self.b.warn(
                            "invalid-dependency",
                            Some(child.start),
                            "a nested dependency has no \"ref\"; it was ignored",
                        ),
                    }
                    // Deeper levels carry no meaning in CycloneDX; they are not read.
                    self.skip(child)?;
                }
                "provides" => self.skip(child)?,
                _ => self.unknown("a dependency", child)?,
            }
        }
        Ok(DependencyEntry {
            // The builder reports a missing or empty `ref`.
            reference: reference.map(|v| v.text),
            offset: el.start,
            targets: (first, self.b.dependency_targets.len()),
        })
    }

    // -----------------------------------------------------------------------------------------
    // Services and citations: checked, not kept

    fn services(&mut self, el: Element<'a>) -> Walk<()> {
        while let Some(child) = self.next(&el)? {
            match child.name {
                "service" => grow(|| self.service(child))?,
                _ => self.unknown("a list of services", child)?,
            }
        }
        Ok(())
    }

    /// A service: its `bom-ref` may be named by dependencies. Fields catscan does not check are
    /// skipped without a word, as in the JSON reader.
    fn service(&mut self, el: Element<'a>) -> Walk<()> {
        let [bom_ref] = self.attrs(&el, ["bom-ref"])?;
        if let Some(r) = bom_ref {
            self.b.service_refs.push(r.text);
        }
        while let Some(child) = self.next(&el)? {
            match child.name {
                "data" => self.service_data(child)?,
                "services" => self.services(child)?,
                "licenses" => self.licenses(child)?,
                "properties" => {
                    self.properties(child)?;
                }
                _ => self.skip(child)?,
            }
        }
        Ok(())
    }

    /// `<data>`: `<classification flow>` directly (1.2 to 1.4, and still allowed later) or
    /// inside `<dataflow>` (1.5+).
    fn service_data(&mut self, el: Element<'a>) -> Walk<()> {
        while let Some(child) = self.next(&el)? {
            match child.name {
                "classification" => self.classification(child)?,
                "dataflow" => {
                    while let Some(part) = self.next(&child)? {
                        match part.name {
                            "classification" => self.classification(part)?,
                            _ => self.skip(part)?,
                        }
                    }
                }
                _ => self.skip(child)?,
            }
        }
        Ok(())
    }

    fn classification(&mut self, el: Element<'a>) -> Walk<()> {
        let [flow] = self.attrs(&el, ["flow"])?;
        if let Some(v) = flow
            && let Some(p) = checks::enum_problem("data flow", &v.text, &checks::DATA_FLOWS)
        {
            self.b.warn("invalid-service", Some(v.start), p);
        }
        self.skip(el)
    }

    /// `<citations>` (1.7): who or what provided a piece of the BOM. The rules the XSD cannot
    /// express are checked as in the JSON reader.
    fn citations(&mut self, el: Element<'a>) -> Walk<()> {
        let mut refs: HashSet<Text<'a>> = HashSet::new();
        while let Some(citation) = self.next(&el)? {
            if citation.name != "citation" {
                self.unknown("a list of citations", citation)?;
                continue;
            }
            let [bom_ref] = self.attrs(&citation, ["bom-ref"])?;
            let at = Some(bom_ref.as_ref().map_or(citation.start, |r| r.start));
            let (mut attributed, mut process, mut pointers, mut expressions) = (0, 0, 0, 0);
            while let Some(part) = self.next(&citation)? {
                match part.name {
                    "attributedTo" => attributed += 1,
                    "process" => process += 1,
                    "pointers" => pointers += 1,
                    "expressions" => expressions += 1,
                    _ => {}
                }
                self.skip(part)?;
            }
            if attributed == 0 && process == 0 {
                self.b.warn(
                    "invalid-citation",
                    at,
                    "a citation needs \"attributedTo\" or \"process\"",
                );
            }
            if attributed > 1 || process > 1 {
                self.b.warn(
                    "invalid-citation",
                    at,
                    "a citation has more than one <attributedTo> or more than one <process>",
                );
            }
            if (pointers > 0) == (expressions > 0) {
                self.b.warn(
                    "invalid-citation",
                    at,
                    "a citation needs exactly one of \"pointers\" and \"expressions\"",
                );
            }
            if let Some(r) = bom_ref
                && !refs.insert(r.text.clone())
            {
                self.b.warn(
                    "duplicate-bom-ref",
                    at,
                    format!("bom-ref \"{}\" is used by more than one citation", r.text),
                );
            }
        }
        Ok(())
    }
}

/// What a syntax error at the end of the file was in the middle of.
/// The children a component has at most once that catscan reads (others, such as
/// `<omniborId>`, may repeat).
const COMPONENT_SINGLETONS: &[&str] = &[
    "name",
    "group",
    "version",
    "description",
    "publisher",
    "purl",
    "cpe",
    "supplier",
    "manufacturer",
    "scope",
    "hashes",
    "licenses",
    "swid",
    "pedigree",
    "properties",
    "components",
];
/// The children of `<bom>` it has at most once.
const BOM_SINGLETONS: &[&str] = &["metadata", "components", "services", "dependencies"];
/// The children of `<metadata>` it has at most once.
const METADATA_SINGLETONS: &[&str] = &[
    "timestamp",
    "component",
    "manufacture",
    "manufacturer",
    "supplier",
    "licenses",
    "properties",
];

/// The singleton children an element has given so far. XML parsers agree on which of two
/// elements comes first, but tools disagree on which counts (the first, the last, both), so a
/// BOM that gives one twice can show a reviewer one vendor and a tool another: like a key
/// given twice in JSON, it is a located `duplicate-key` warning, and where catscan can keep
/// both values (organisations, properties, components) it reads both.
#[derive(Default)]
struct Seen<'a> {
    names: Vec<&'a str>,
}

impl<'a> Seen<'a> {
    fn check(
        &mut self,
        b: &mut Builder<'a>,
        child: &Element<'a>,
        singletons: &[&str],
        within: &str,
    ) {
        if !singletons.contains(&child.name) {
            return;
        }
        if self.names.contains(&child.name) {
            b.warn(
                "duplicate-key",
                Some(child.start),
                format!(
                    "<{}> is given twice in this {within}; each value is read where catscan can keep both (organisations, properties, components), else the last counts: give each element once",
                    child.name
                ),
            );
        } else {
            self.names.push(child.name);
        }
    }
}

fn unclosed(error: SyntaxError) -> &'static str {
    match error {
        SyntaxError::UnclosedTag => "a tag",
        SyntaxError::UnclosedComment => "a comment",
        SyntaxError::UnclosedCData => "a CDATA section",
        SyntaxError::UnclosedPI | SyntaxError::UnclosedXmlDecl => "a processing instruction",
        SyntaxError::UnclosedDoctype => "the DOCTYPE declaration",
        SyntaxError::UnclosedSingleQuotedAttributeValue
        | SyntaxError::UnclosedDoubleQuotedAttributeValue => "an attribute value",
        _ => "markup",
    }
}

/// XML's white space (`S`): what surrounds element text without being part of it.
fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// The character data of one element as it is read piece by piece: borrowed from the document
/// while it is one plain piece, owned once references or several pieces make up the value.
#[derive(Default)]
struct Chars<'a> {
    value: Option<Text<'a>>,
    /// Offset of the first character that is not white space.
    first: Option<usize>,
    /// Offset just past the last character that is not white space.
    end: usize,
}

impl<'a> Chars<'a> {
    /// Adds text or a CDATA section: `content` as XML defines it (line ends normalised), `raw` as
    /// written at `offset`.
    fn push(&mut self, content: Cow<'a, str>, raw: &str, offset: Option<usize>) {
        if let Some(offset) = offset {
            let leading = raw.len() - raw.trim_start_matches(is_xml_space).len();
            let trailing_end = raw.trim_end_matches(is_xml_space).len();
            if trailing_end > leading {
                self.first.get_or_insert(offset + leading);
                self.end = offset + trailing_end;
            }
        }
        self.append(content);
    }

    /// Adds a reference `&name;` that starts at `offset`. Unknown ones stay as written (they were
    /// reported when read).
    fn push_reference(&mut self, reference: &BytesRef<'_>, offset: usize) {
        let name: &str = reference;
        let resolved: Cow<'a, str> = match reference.resolve_char_ref() {
            Ok(Some(c)) => Cow::Owned(c.to_string()),
            Ok(None) => match resolve_predefined_entity(name) {
                Some(s) => Cow::Borrowed(s),
                None => Cow::Owned(format!("&{name};")),
            },
            Err(_) => Cow::Owned(format!("&{name};")),
        };
        self.first.get_or_insert(offset);
        self.end = offset + name.len() + 2;
        self.append(resolved);
    }

    fn append(&mut self, piece: Cow<'a, str>) {
        self.value = Some(match self.value.take() {
            None => piece,
            Some(mut value) => {
                value.to_mut().push_str(&piece);
                value
            }
        });
    }

    /// The trimmed value; an empty one is placed at `empty_at`.
    fn finish(self, empty_at: usize) -> Value<'a> {
        let text = match self.value {
            None => Cow::Borrowed(""),
            Some(Cow::Borrowed(s)) => Cow::Borrowed(s.trim_matches(is_xml_space)),
            Some(Cow::Owned(s)) => {
                let trimmed = s.trim_matches(is_xml_space);
                if trimmed.len() == s.len() {
                    Cow::Owned(s)
                } else {
                    Cow::Owned(trimmed.to_string())
                }
            }
        };
        match self.first {
            Some(start) => Value {
                text,
                start,
                end: self.end,
            },
            None => Value {
                text,
                start: empty_at,
                end: empty_at,
            },
        }
    }
}

/// Runs one level of nested elements on a new stack segment when the current one is nearly
/// used up, so that nesting up to [`max_nesting`] never overflows the stack, whatever the
/// thread's stack size.
fn grow<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, f)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::ingest::{Detected, detect};
    use crate::inventory::{EdgeKind, Position};

    fn source(name: &str) -> SourceFile {
        SourceFile {
            path: PathBuf::from(name),
            display: name.to_string(),
        }
    }

    /// Detects the namespace version as `ingest::read` does, then runs this reader.
    fn read_xml(text: &str) -> Result<Inventory<'_>, ReadError> {
        match detect(text) {
            Detected::CycloneDxXml { namespace_version } => {
                read(source("test.xml"), text, namespace_version)
            }
            other => panic!("not detected as CycloneDX XML: {other:?}"),
        }
    }

    #[test]
    fn a_manufacturer_property_names_a_missing_manufacturer_and_never_replaces_another() {
        let doc = r#"<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6">
  <components>
    <component type="device"><name>A</name><properties><property name="catscan:manufacturer">Example Works = Ltd.</property><property name="catscan:category">router</property></properties></component>
    <component type="device"><manufacturer><name>ACME</name></manufacturer><name>B</name><properties><property name="catscan:manufacturer">Acme</property></properties></component>
    <component type="device"><manufacturer><name>ACME</name></manufacturer><name>C</name><properties>
      <property name="catscan:manufacturer">Other Corp</property>
    </properties></component>
  </components>
</bom>"#;
        let inv = read_xml(doc).unwrap();
        let maker = |i: usize| {
            inv.components[i]
                .manufacturer
                .as_ref()
                .and_then(|m| m.name.as_deref())
        };
        assert_eq!(maker(0), Some("Example Works = Ltd."));
        let names: Vec<&str> = inv.components[0]
            .properties
            .iter()
            .map(|p| p.name.as_ref())
            .collect();
        assert_eq!(names, ["catscan:category"]);
        assert_eq!(maker(1), Some("Acme"));
        assert!(inv.components[1].also_named.is_empty());
        assert_eq!(maker(2), Some("ACME"));
        assert_eq!(
            inv.components[2].also_named,
            [(PartyField::Manufacturer, "Other Corp".into())]
        );
        let warnings: Vec<(&str, &str, u32)> = inv
            .diagnostics
            .iter()
            .map(|d| (d.code, d.message.as_str(), d.position.map_or(0, |p| p.line)))
            .collect();
        assert_eq!(
            warnings,
            [(
                "conflicting-manufacturer",
                "component \"C\" names the manufacturer \"ACME\" (its manufacturer, the BOM's metadata.manufacture, or an earlier declaration), and a property declares catscan:manufacturer=Other Corp; the first counts as the manufacturer, the declared one is kept beside it",
                7
            )]
        );
    }

    #[test]
    fn a_manufacturer_property_of_a_1_5_document_is_its_manufacturer() {
        let doc = r#"<?xml version="1.0" encoding="UTF-8"?>
<cdx:bom xmlns:cdx="http://cyclonedx.org/schema/bom/1.5">
  <cdx:components>
    <cdx:component type="device"><cdx:name>A</cdx:name><cdx:properties><cdx:property name="catscan:manufacturer">Example Works</cdx:property></cdx:properties></cdx:component>
  </cdx:components>
</cdx:bom>"#;
        let inv = read_xml(doc).unwrap();
        let c = &inv.components[0];
        assert_eq!(
            c.manufacturer.as_ref().and_then(|m| m.name.as_deref()),
            Some("Example Works")
        );
        assert!(c.properties.is_empty());
        assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
    }

    fn codes(inventory: &Inventory<'_>) -> Vec<&'static str> {
        inventory.diagnostics.iter().map(|d| d.code).collect()
    }

    fn at(line: u32, column: u32) -> Position {
        Position { line, column }
    }

    const DEVICE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" serialNumber="urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79" version="1">
  <metadata>
    <timestamp>2024-05-01T12:00:00Z</timestamp>
    <component type="device" bom-ref="router">
      <name>NE8000 X8</name>
      <version>V800R021</version>
    </component>
    <manufacture>
      <name>Huawei Technologies Co., Ltd.</name>
      <address><country>CN</country></address>
    </manufacture>
  </metadata>
  <components>
    <component type="device" bom-ref="board">
      <supplier><name>Acme &amp; Sons</name></supplier>
      <name>
        Line card
      </name>
      <properties>
        <property name="cdx:device:slot">3</property>
        <property>no name</property>
      </properties>
      <components>
        <component type="firmware" bom-ref="fw"><name>VRP</name><version>8.0</version></component>
      </components>
    </component>
    <v:vulnerabilities xmlns:v="http://example.com/vuln"><v:name>ignored</v:name></v:vulnerabilities>
    <component bom-ref="lib"><name>zlib</name><unknownThing/></component>
  </components>
  <dependencies>
    <dependency ref="router"><dependency ref="board"/><dependency ref="missing"/></dependency>
    <dependency ref="board"><dependency ref="fw"/></dependency>
  </dependencies>
</bom>
"#;

    #[test]
    fn reads_a_nested_device_with_metadata_properties_and_dependencies() {
        let inv = read_xml(DEVICE).unwrap();
        assert_eq!(inv.format, Format::CycloneDxXml);
        assert_eq!(inv.spec_version, "1.6");
        let names: Vec<&str> = inv.components.iter().map(|c| c.name.as_ref()).collect();
        assert_eq!(names, ["NE8000 X8", "Line card", "VRP", "zlib"]);
        let kinds: Vec<&str> = inv.components.iter().map(|c| c.kind.as_str()).collect();
        assert_eq!(kinds, ["device", "device", "firmware", "unspecified"]);
        let parents: Vec<Option<u32>> = inv
            .components
            .iter()
            .map(|c| c.parent.map(|p| p.0))
            .collect();
        assert_eq!(parents, [None, None, Some(1), None]);
        assert_eq!(inv.root(), Some(ComponentId(0)));

        // metadata.manufacture stands in for the root's own manufacturer.
        let root = &inv.components[0];
        let maker = root.manufacturer.as_deref().unwrap();
        assert_eq!(maker.name.as_deref(), Some("Huawei Technologies Co., Ltd."));
        assert_eq!(maker.country.as_deref(), Some("CN"));
        assert_eq!(root.version.as_deref(), Some("V800R021"));

        let board = &inv.components[1];
        let supplier = board.supplier.as_deref().unwrap();
        assert_eq!(supplier.name.as_deref(), Some("Acme & Sons"));
        assert_eq!(board.properties.len(), 1);
        let slot = board.property("cdx:device:slot").unwrap();
        assert_eq!(slot.value, "3");
        assert_eq!(inv.position(slot.span.start), at(21, 9));
        assert_eq!(
            &inv.text[slot.span.start..slot.span.end],
            r#"<property name="cdx:device:slot">3"#
        );

        // Spans run from the `<` of `<component` to the end of the name text.
        assert_eq!(inv.position(root.span.start), at(5, 5));
        assert_eq!(
            &inv.text[root.span.start..root.span.start + 10],
            "<component"
        );
        assert_eq!(&inv.text[root.span.end - 9..root.span.end], "NE8000 X8");
        assert_eq!(inv.position(board.span.start), at(15, 5));
        assert_eq!(inv.position(board.span.end), at(18, 18));
        let fw = &inv.components[2];
        assert_eq!(inv.position(fw.span.start), at(25, 9));
        assert_eq!(&inv.text[fw.span.end - 3..fw.span.end], "VRP");

        let edges = |i: u32| inv.graph.successors(ComponentId(i));
        assert_eq!(edges(0), [(ComponentId(1), EdgeKind::DependsOn)]);
        assert_eq!(
            edges(1),
            [
                (ComponentId(2), EdgeKind::Contains),
                (ComponentId(2), EdgeKind::DependsOn)
            ]
        );
        assert!(edges(3).is_empty());

        let mut found = codes(&inv);
        found.sort_unstable();
        assert_eq!(
            found,
            [
                "missing-component-type",
                "property-without-name",
                "unknown-field",
                "unknown-reference"
            ]
        );
        let unknown = inv
            .diagnostics
            .iter()
            .find(|d| d.code == "unknown-field")
            .unwrap();
        assert!(
            unknown
                .message
                .contains("\"unknownThing\" is not a field of a component")
        );
        assert_eq!(unknown.position, Some(at(29, 47)));
        let missing = inv
            .diagnostics
            .iter()
            .find(|d| d.code == "unknown-reference")
            .unwrap();
        assert!(
            missing.message.contains("\"missing\""),
            "{}",
            missing.message
        );
        assert_eq!(missing.position, Some(at(32, 72)));
    }

    #[test]
    fn values_are_borrowed_unless_decoded() {
        let inv = read_xml(DEVICE).unwrap();
        assert!(matches!(inv.components[0].name, Cow::Borrowed(_)));
        assert!(matches!(inv.components[1].name, Cow::Borrowed(_)));
        let supplier = inv.components[1].supplier.as_deref().unwrap();
        assert!(matches!(supplier.name, Some(Cow::Owned(_))));
    }

    const BOM_16: &str = r#"<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">"#;

    fn with_components(components: &str) -> String {
        format!("{BOM_16}\n<components>\n{components}\n</components>\n</bom>\n")
    }

    #[test]
    fn checks_values_like_the_json_reader() {
        let text = with_components(
            r#"<component type="gadget" bom-ref="a"><name>a</name><scope>sometimes</scope>
<hashes><hash alg="MD5">abc</hash><hash alg="SHA-1">e6b1000b94e835ffd37f4c6dcbdad43f4b48a02a</hash></hashes>
<swid tagId="x"/>
<licenses><license><id>MIT</id><id>MIT</id></license><license><name>a</name><name>b</name></license>
<license acknowledgement="assumed"><id>Apache-2</id></license><license/></licenses>
<pedigree><ancestors><component type="library"><name>old</name></component></ancestors>
<patches><patch type="hotfix"><resolves><issue type="defect"/><issue type="wish"/></resolves></patch></patches></pedigree>
</component>
<component type="library"><version>1</version></component>"#,
        );
        let inv = read_xml(&text).unwrap();
        assert_eq!(inv.components.len(), 2, "pedigree components are not kept");
        assert_eq!(inv.pedigree_components, 1);
        assert_eq!(
            inv.components[0].kind,
            ComponentKind::Unknown("gadget".to_string())
        );
        assert_eq!(inv.components[0].scope, None);
        let mut found = codes(&inv);
        found.sort_unstable();
        assert_eq!(
            found,
            [
                "invalid-component-type",
                "invalid-hash",
                "invalid-license",
                "invalid-license",
                "invalid-license",
                "invalid-license",
                "invalid-license",
                "invalid-patch",
                "invalid-patch",
                "invalid-scope",
                "invalid-swid",
                "missing-component-name",
            ]
        );
        let messages: Vec<&str> = inv.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert!(messages.contains(&"a licence has more than one <id>"));
        assert!(messages.contains(&"a licence has more than one <name>"));
        assert!(messages.contains(&"a licence has neither \"id\" nor \"name\""));
    }

    #[test]
    fn licence_expressions_mixed_with_licences_are_allowed_from_1_7() {
        let licences = r#"<component type="library"><name>a</name><licenses>
<license><id>MIT</id></license><expression>MIT OR Apache-2.0</expression></licenses></component>"#;
        let text = with_components(licences);
        let inv = read_xml(&text).unwrap();
        assert_eq!(codes(&inv), ["invalid-license-choice"]);
        let text = text.replace("bom/1.6", "bom/1.7");
        let inv = read_xml(&text).unwrap();
        assert!(codes(&inv).is_empty(), "{:?}", inv.diagnostics);
    }

    #[test]
    fn version_ranges_need_external_components() {
        let text = with_components(
            r#"<component type="library"><name>a</name><versionRange>vers:npm/1</versionRange></component>
<component type="library" isExternal="true"><name>b</name><version>1</version><versionRange>vers:npm/1</versionRange></component>
<component type="library" isExternal="true"><name>c</name><versionRange>vers:npm/1</versionRange></component>"#,
        )
        .replace("bom/1.6", "bom/1.7");
        let inv = read_xml(&text).unwrap();
        assert_eq!(
            codes(&inv),
            ["version-range-not-external", "version-and-range"]
        );
    }

    #[test]
    fn services_data_flows_and_citations_are_checked() {
        let text = format!(
            r#"{BOM_16}
<services><service bom-ref="svc"><name>s</name>
<data><classification flow="sideways">PII</classification>
<dataflow name="d"><classification flow="inbound">PII</classification></dataflow>
<dataflow name="e"><classification flow="upwards">PII</classification></dataflow></data>
<services><service bom-ref="inner"><name>t</name></service></services>
</service></services>
<components><component type="library" bom-ref="c"><name>c</name></component></components>
<dependencies><dependency ref="c"><dependency ref="svc"/><dependency ref="inner"/></dependency></dependencies>
</bom>"#
        );
        let inv = read_xml(&text).unwrap();
        assert_eq!(codes(&inv), ["invalid-service", "invalid-service"]);
        assert_eq!(inv.graph.edge_count(), 0, "services are not components");

        let citations = r#"<bom xmlns="http://cyclonedx.org/schema/bom/1.7" version="1"><citations>
<citation bom-ref="c1"><pointers><pointer>/a</pointer></pointers><timestamp>2025-05-01T14:00:00Z</timestamp></citation>
<citation bom-ref="c1"><pointers/><expressions/><process>p</process><timestamp>2025-05-01T14:00:00Z</timestamp></citation>
<citation bom-ref="c2"><pointers/><attributedTo>a</attributedTo><attributedTo>b</attributedTo></citation>
</citations></bom>"#;
        let inv = read_xml(citations).unwrap();
        assert_eq!(
            codes(&inv),
            [
                "invalid-citation",
                "invalid-citation",
                "duplicate-bom-ref",
                "invalid-citation"
            ]
        );
    }

    #[test]
    fn foreign_elements_are_skipped_and_unknown_ones_reported() {
        let text = format!(
            r#"{BOM_16}
<metadata><distribution>x</distribution><ext:thing xmlns:ext="urn:x"><ext:a><b/></ext:a></ext:thing></metadata>
<components><component type="library"><name>a</name><type>x</type></component></components>
<mystery/><mystery/>
<signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo/></signature>
</bom>"#
        );
        let inv = read_xml(&text).unwrap();
        let messages: Vec<&str> = inv.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "\"distribution\" is not a field of metadata in CycloneDX; it was ignored",
                "\"type\" is not a field of a component in CycloneDX; it was ignored",
                "\"mystery\" is not a field of the BOM in CycloneDX; it was ignored (2 times)",
            ]
        );
    }

    #[test]
    fn references_and_cdata_are_decoded() {
        let text = with_components(
            "<component type=\"library\" bom-ref=\"a&amp;b\"><name>x &lt;&#x41;&#66;&gt; <![CDATA[<y>]]> &foo; z</name>\
             <group>\r\n g \r\n</group><description>one\r\ntwo</description></component>",
        );
        let inv = read_xml(&text).unwrap();
        let c = &inv.components[0];
        assert_eq!(c.name, "x <AB> <y> &foo; z");
        assert_eq!(c.bom_ref.as_deref(), Some("a&b"));
        assert_eq!(c.group.as_deref(), Some("g"));
        assert_eq!(c.description.as_deref(), Some("one\ntwo"));
        assert_eq!(codes(&inv), ["unknown-entity"]);
        // The span still ends at the end of the name as written.
        assert!(inv.text[..c.span.end].ends_with(" z"));
    }

    #[test]
    fn malformed_xml_is_an_error_with_a_position_and_an_expectation() {
        let text = with_components("<component type=\"library\">\n<name>a</version>\n</component>");
        let err = read_xml(&text).unwrap_err();
        assert_eq!(err.file, "test.xml");
        assert_eq!(err.position, Some(at(4, 8)));
        assert_eq!(
            err.message,
            "expected </name>, found </version> (<name> was opened on line 4)"
        );

        let truncated = &DEVICE[..DEVICE.find("<dependencies>").unwrap()];
        let err = read_xml(truncated).unwrap_err();
        assert_eq!(
            err.message,
            "the file ends inside <bom> (opened on line 2); it looks truncated"
        );
        let truncated = &DEVICE[..DEVICE.find("<name>VRP").unwrap() + 8];
        let err = read_xml(truncated).unwrap_err();
        assert_eq!(
            err.message,
            "the file ends inside <name> (opened on line 25); it looks truncated"
        );
        let truncated = &DEVICE[..DEVICE.find("<name>VRP").unwrap() + 3];
        let err = read_xml(truncated).unwrap_err();
        assert_eq!(
            err.message,
            "the file ends in the middle of a tag inside <component> (opened on line 25); it looks truncated"
        );
        assert_eq!(err.position, Some(at(25, 49)));

        let err = read_xml(&with_components(
            "<component type=\"library\"><name>a & b</name></component>",
        ))
        .unwrap_err();
        assert!(err.message.contains("&amp;"), "{}", err.message);
        let err = read_xml(&with_components(
            "<component type=\"library\" type=\"device\"/>",
        ))
        .unwrap_err();
        assert!(
            err.message
                .starts_with("malformed attributes in <component>"),
            "{}",
            err.message
        );
    }

    #[test]
    fn deep_nesting_is_refused_without_exhausting_the_stack() {
        let nest = |levels: usize| {
            let mut text = String::from(BOM_16);
            for _ in 0..levels {
                text.push_str("<components><component type=\"library\"><name>n</name>");
            }
            for _ in 0..levels {
                text.push_str("</component></components>");
            }
            text.push_str("</bom>");
            text
        };
        // Two elements per level of components, plus <bom>.
        let deepest = (max_nesting() - 1) / 2;
        let text = nest(deepest);
        let inv = read_xml(&text).unwrap();
        assert_eq!(inv.components.len(), deepest);
        assert_eq!(
            inv.ancestors(ComponentId(deepest as u32 - 1)).count(),
            deepest - 1
        );

        let text = nest(deepest + 1);
        let err = read_xml(&text).unwrap_err();
        assert!(err.message.contains("nested more than"), "{}", err.message);

        // Foreign content is held to the same limit.
        let text = format!("{BOM_16}<x:a xmlns:x=\"urn:x\">{}", "<x:a>".repeat(100_000));
        let err = read_xml(&text).unwrap_err();
        assert!(err.message.contains("nested more than"), "{}", err.message);
        // So are namespace declarations, which quick-xml limits.
        let text = format!("{BOM_16}{}", "<x:a xmlns:x=\"urn:x\">".repeat(1000));
        let err = read_xml(&text).unwrap_err();
        assert!(
            err.message.contains("namespace declarations"),
            "{}",
            err.message
        );
    }

    #[test]
    fn no_prefix_of_a_document_makes_the_reader_panic() {
        for end in (0..DEVICE.len()).filter(|&i| DEVICE.is_char_boundary(i)) {
            let text = &DEVICE[..end];
            if let Detected::CycloneDxXml { namespace_version } = detect(text) {
                let _ = read(source("cut.xml"), text, namespace_version);
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // The CycloneDX specification's test corpus

    fn corpus() -> Option<PathBuf> {
        let base = std::env::var_os("CATSCAN_CORPORA")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora"));
        let dir = base.join("cyclonedx-spec");
        if dir.is_dir() {
            Some(dir)
        } else {
            eprintln!(
                "notice: {} not found; the CycloneDX corpus tests were skipped (set CATSCAN_CORPORA)",
                dir.display()
            );
            None
        }
    }

    /// The corpus files with this extension, sorted, with their text.
    fn corpus_files(dir: &Path, extension: &str) -> Vec<(PathBuf, String)> {
        let mut out = Vec::new();
        let mut versions: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        versions.sort();
        for version in versions {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&version)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == extension))
                .collect();
            files.sort();
            for path in files {
                let text = std::fs::read_to_string(&path).unwrap();
                // A byte-order mark is dropped when catscan loads a file.
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
                out.push((path, text));
            }
        }
        out
    }

    fn source_of(path: &Path) -> SourceFile {
        SourceFile {
            path: path.to_path_buf(),
            display: path.display().to_string(),
        }
    }

    fn file_name(path: &Path) -> &str {
        path.file_name().and_then(|n| n.to_str()).unwrap_or("")
    }

    /// What reading one corpus file gave: an error, the warnings, or a panic.
    enum Outcome {
        Error(String),
        Warnings(Vec<String>),
        Panic,
        NotDetected(String),
    }

    fn outcome(path: &Path, text: &str) -> Outcome {
        let Detected::CycloneDxXml { namespace_version } = detect(text) else {
            return Outcome::NotDetected(format!("{:?}", detect(text)));
        };
        let result =
            std::panic::catch_unwind(|| match read(source_of(path), text, namespace_version) {
                Ok(inv) => Ok(inv
                    .diagnostics
                    .iter()
                    .map(|d| format!("{} {}", d.code, d.message))
                    .collect::<Vec<_>>()),
                Err(e) => Err(e.to_string()),
            });
        match result {
            Ok(Ok(warnings)) => Outcome::Warnings(warnings),
            Ok(Err(error)) => Outcome::Error(error),
            Err(_) => Outcome::Panic,
        }
    }

    #[test]
    fn corpus_valid_files_read_cleanly_and_invalid_ones_do_not() {
        let Some(dir) = corpus() else { return };
        let (mut valid, mut invalid) = (0, 0);
        let mut offenders = Vec::new();
        for (path, text) in corpus_files(&dir, "xml") {
            let name = file_name(&path);
            // Detection refuses these before any reader runs: their root element is in a namespace
            // that is not CycloneDX's, which is what they test.
            if name.starts_with("invalid-namespace-") {
                assert!(matches!(detect(&text), Detected::Invalid { .. }), "{name}");
                continue;
            }
            let outcome = outcome(&path, &text);
            if name.starts_with("valid-") {
                valid += 1;
                match outcome {
                    Outcome::Warnings(w) if w.is_empty() => {}
                    Outcome::Warnings(w) => offenders.push(format!("{}: {w:?}", path.display())),
                    Outcome::Error(e) => offenders.push(format!("{}: error {e}", path.display())),
                    Outcome::Panic => offenders.push(format!("{}: panicked", path.display())),
                    Outcome::NotDetected(d) => offenders.push(format!("{}: {d}", path.display())),
                }
            } else if name.starts_with("invalid-") || name.starts_with("informal-invalid-") {
                invalid += 1;
                match outcome {
                    Outcome::Warnings(w) if w.is_empty() => {
                        offenders.push(format!("{}: no error and no warning", path.display()))
                    }
                    Outcome::Warnings(_) | Outcome::Error(_) => {}
                    Outcome::Panic => offenders.push(format!("{}: panicked", path.display())),
                    Outcome::NotDetected(d) => offenders.push(format!("{}: {d}", path.display())),
                }
            }
        }
        eprintln!("corpus: {valid} valid and {invalid} invalid XML files checked");
        assert!(
            valid > 0 && invalid > 0,
            "no corpus files found in {}",
            dir.display()
        );
        assert!(offenders.is_empty(), "{}", offenders.join("\n"));
    }

    /// What the two formats of one BOM must agree on, per component.
    type Row = (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<u32>,
    );

    fn rows(inv: &Inventory<'_>) -> Vec<Row> {
        let owned = |t: &Option<Text<'_>>| t.as_deref().map(str::to_string);
        inv.components
            .iter()
            .map(|c| {
                (
                    c.kind.as_str().to_string(),
                    c.name.to_string(),
                    owned(&c.version),
                    owned(&c.group),
                    owned(&c.purl),
                    owned(&c.bom_ref),
                    c.parent.map(|p| p.0),
                )
            })
            .collect()
    }

    fn depends_on_edges(inv: &Inventory<'_>) -> usize {
        inv.graph
            .as_petgraph()
            .edge_weights()
            .filter(|k| **k == EdgeKind::DependsOn)
            .count()
    }

    /// Twins whose XML and JSON files describe different BOMs (checked against the files by
    /// hand), so their inventories cannot agree: the file name without `-1.x.xml`, the minor
    /// versions concerned (none: the name carries no version), and what differs.
    const TWINS_THAT_DIFFER: &[(&str, &[u8], &str)] = &[
        (
            "valid-bom",
            &[2, 3, 4, 5],
            "the XML has a fourth component and other purls and bom-refs; only the JSON has a dependency",
        ),
        (
            "valid-component-ref",
            &[2, 3, 4, 5],
            "the XML nests component 456 in 123 and adds 789",
        ),
        (
            "valid-compositions",
            &[3, 4, 5],
            "Acme Library is version 2.0 in the XML, 3.0 in the JSON",
        ),
        (
            "valid-dependency",
            &[2, 3, 4, 5],
            "the components are named acme-library-a/-b/-b in the XML, library-a/-b/-c in the JSON",
        ),
        (
            "valid-license-expression",
            &[2, 3, 4, 5],
            "an application with a purl in the XML, a library without one in the JSON",
        ),
        (
            "valid-license-id",
            &[2, 3, 4, 5],
            "an application with a purl in the XML, a library without one in the JSON",
        ),
        (
            "valid-license-name",
            &[2, 3, 4, 5],
            "an application with a purl in the XML, a library without one in the JSON",
        ),
        ("valid-license-choice", &[7], "only the XML gives a purl"),
        (
            "valid-cryptography-implementation",
            &[7],
            "different components (names, bom-refs, two libraries only in the XML) and dependencies",
        ),
        (
            "valid-component-external-with-version",
            &[],
            "Ubuntu is version 24H2 in the XML, 24.04 in the JSON",
        ),
    ];

    fn twins_differ(file: &str) -> bool {
        TWINS_THAT_DIFFER.iter().any(|(stem, minors, _)| {
            if minors.is_empty() {
                file == format!("{stem}.xml")
            } else {
                minors.iter().any(|m| file == format!("{stem}-1.{m}.xml"))
            }
        })
    }

    #[test]
    fn corpus_twins_give_the_same_inventory_in_xml_and_json() {
        let Some(dir) = corpus() else { return };
        let (mut compared, mut excepted) = (0, 0);
        let mut offenders = Vec::new();
        for (path, xml_text) in corpus_files(&dir, "xml") {
            let name = file_name(&path);
            let json_path = path.with_extension("json");
            if !name.starts_with("valid-") || !json_path.is_file() {
                continue;
            }
            if twins_differ(name) {
                excepted += 1;
                continue;
            }
            let json_text = std::fs::read_to_string(&json_path).unwrap();
            let Detected::CycloneDxXml { namespace_version } = detect(&xml_text) else {
                offenders.push(format!("{name}: not detected as XML"));
                continue;
            };
            let (xml, json) = match (
                read(source_of(&path), &xml_text, namespace_version),
                super::super::json::read(source_of(&json_path), &json_text),
            ) {
                (Ok(x), Ok(j)) => (x, j),
                (x, j) => {
                    offenders.push(format!("{name}: {:?} / {:?}", x.err(), j.err()));
                    continue;
                }
            };
            compared += 1;
            let (x, j) = (rows(&xml), rows(&json));
            if x != j {
                offenders.push(format!(
                    "{name}: components differ\n  xml:  {x:?}\n  json: {j:?}"
                ));
            }
            let (x, j) = (depends_on_edges(&xml), depends_on_edges(&json));
            if x != j {
                offenders.push(format!("{name}: {x} dependency edges in XML, {j} in JSON"));
            }
        }
        eprintln!("corpus: {compared} XML/JSON twins compared, {excepted} excepted as different");
        assert!(compared > 0, "no twins found in {}", dir.display());
        assert!(offenders.is_empty(), "{}", offenders.join("\n"));
    }
}
