//! SPDX 3.0.x JSON-LD: an object with `@context` and `@graph`, an array of elements, each with
//! a `type` and an `spdxId` (JSON-LD's `@type` and `@id` are accepted too, and so are types
//! written as full IRIs).
//!
//! Elements are read in two passes: the first indexes them by identifier and finds the version,
//! the imports and the root elements; the second builds components in document order.
//! `SpdxDocument.rootElement` names the document's subject; when it names a collection (a
//! `software_Sbom`, `Bom`, `Bundle`) that collection's own `rootElement` is followed.

use std::borrow::Cow;

use rustc_hash::{FxHashMap, FxHashSet};

use super::tree::{self, Json, Locator, Member, get};
use super::{Builder, RelKind, catscan_properties, error, is_no_value, party, party_name};
use crate::ingest::ReadError;
use crate::inventory::{
    Component, ComponentKind, Format, Inventory, PartyField, SourceFile, Span, Text,
};

/// The types whose elements are components.
const PACKAGE_TYPES: [&str; 3] = ["software_Package", "ai_AIPackage", "dataset_DatasetPackage"];
const AGENT_TYPES: [&str; 4] = ["Agent", "Organization", "Person", "SoftwareAgent"];

/// Maps `software_primaryPurpose`; the flag is false for a value SPDX 3.0 does not define.
fn kind_from_purpose(value: &str) -> (ComponentKind, bool) {
    let kind = match value {
        "application" => ComponentKind::Application,
        "framework" => ComponentKind::Framework,
        "library" => ComponentKind::Library,
        "container" => ComponentKind::Container,
        "operatingSystem" => ComponentKind::OperatingSystem,
        "device" => ComponentKind::Device,
        "deviceDriver" => ComponentKind::DeviceDriver,
        "firmware" => ComponentKind::Firmware,
        "file" => ComponentKind::File,
        "platform" => ComponentKind::Platform,
        "model" => ComponentKind::MachineLearningModel,
        "data" => ComponentKind::Data,
        "archive" | "bom" | "configuration" | "diskImage" | "documentation" | "evidence"
        | "executable" | "filesystemImage" | "install" | "manifest" | "module" | "other"
        | "patch" | "requirement" | "source" | "specification" | "test" => {
            ComponentKind::Unknown(value.to_string())
        }
        _ => return (ComponentKind::Unknown(value.to_string()), false),
    };
    (kind, true)
}

/// Maps a `relationshipType` (and the `scope` of a LifecycleScopedRelationship).
fn relationship(kind: &str, scope: Option<&str>) -> RelKind {
    let build_only = matches!(scope, Some("build" | "development" | "test"));
    match kind {
        "dependsOn"
        | "hasStaticLink"
        | "hasDynamicLink"
        | "hasOptionalDependency"
        | "hasProvidedDependency"
            if !build_only =>
        {
            RelKind::DependsOn
        }
        "contains" => RelKind::Contains,
        "describes" => RelKind::Describes,
        _ => RelKind::Other,
    }
}

/// A type written as an IRI (`https://spdx.org/rdf/3.0.1/terms/Software/Package`) in its
/// compact form (`software_Package`).
fn compact_type(t: &str) -> Cow<'_, str> {
    let Some(rest) = t
        .strip_prefix("https://spdx.org/rdf/")
        .and_then(|r| r.split_once("/terms/"))
        .map(|(_, r)| r)
    else {
        return Cow::Borrowed(t);
    };
    match rest.split_once('/') {
        Some(("Core", name)) => Cow::Owned(name.to_string()),
        Some((profile, name)) => {
            let profile = match profile {
                "AI" => "ai".to_string(),
                "SimpleLicensing" => "simplelicensing".to_string(),
                "ExpandedLicensing" => "expandedlicensing".to_string(),
                other => other.to_ascii_lowercase(),
            };
            Cow::Owned(format!("{profile}_{name}"))
        }
        None => Cow::Borrowed(rest),
    }
}

/// What `Builder::declare` calls an element that is not a component, by its type.
fn label(t: &str) -> &'static str {
    match t {
        "software_File" => "file",
        "software_Snippet" => "snippet",
        "SpdxDocument" => "document",
        "software_Sbom" | "Bom" | "Bundle" => "collection",
        "Person" => "person",
        "Organization" => "organization",
        "Tool" | "SoftwareAgent" | "Agent" => "agent",
        "CreationInfo" => "creation information",
        "Annotation" => "annotation",
        _ => "element",
    }
}

/// One element of `@graph`, as the first pass sees it.
struct Node<'m, 'a> {
    members: &'m [Member<'a>],
    kind: Cow<'m, str>,
    id: Option<&'m Text<'a>>,
    start: usize,
}

fn str_of<'m, 'a>(members: &'m [Member<'a>], keys: &[&str]) -> Option<&'m Text<'a>> {
    keys.iter()
        .find_map(|k| get(members, k).and_then(|(_, v)| v.as_str()))
}

pub fn read<'a>(source: SourceFile, text: &'a str) -> Result<Inventory<'a>, ReadError> {
    let parsed = tree::parse(&source, text)?;
    let loc = Locator {
        source: &source,
        text,
    };
    let first = text.len() - text.trim_start().len();
    let expected = "expected an SPDX 3 JSON-LD document: an object with \"@context\" (https://spdx.org/rdf/3.0.1/spdx-context.jsonld) and \"@graph\" (an array of elements)";
    let Some(top) = parsed.as_object() else {
        return Err(error(
            &source,
            text,
            Some(first),
            format!("{expected}; found {}", parsed.kind()),
        ));
    };
    let doc_start = loc.object_start(top).unwrap_or(first);
    let graph = match get(top, "@graph") {
        Some((_, Json::Array(items))) => items,
        Some(m) => return Err(loc.type_error(m, "@graph", "an array of elements", doc_start)),
        None => {
            return Err(error(
                &source,
                text,
                Some(doc_start),
                format!("the document has no \"@graph\"; {expected}"),
            ));
        }
    };
    let graph_at = get(top, "@graph")
        .and_then(|(k, _)| loc.quote_of(k))
        .unwrap_or(doc_start);

    // First pass: index, version, imports, roots.
    let mut nodes: Vec<Node<'_, 'a>> = Vec::with_capacity(graph.len());
    for (i, item) in graph.iter().enumerate() {
        let Some(members) = item.as_object() else {
            return Err(error(
                &source,
                text,
                Some(graph_at),
                format!(
                    "@graph[{i}]: expected an element object; found {}",
                    item.kind()
                ),
            ));
        };
        let start = loc.object_start(members).unwrap_or(graph_at);
        let kind = str_of(members, &["type", "@type"])
            .map(|t| match compact_type(t) {
                Cow::Borrowed(_) => Cow::Borrowed(t.as_ref()),
                Cow::Owned(o) => Cow::Owned(o),
            })
            .unwrap_or(Cow::Borrowed(""));
        let id = str_of(members, &["spdxId", "@id"]);
        nodes.push(Node {
            members,
            kind,
            id,
            start,
        });
    }
    let mut by_id: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, n) in nodes.iter().enumerate() {
        if let Some(id) = n.id {
            by_id.entry(id.as_ref()).or_insert(i);
        }
    }

    let mut b = Builder::new(text, "spdxId");

    let mut repeated = Vec::new();

    tree::repeated_keys(&parsed, &mut repeated);

    for key in repeated {
        b.warn(
            "duplicate-key",
            loc.quote_of(key),
            tree::repeated_key_message(key),
        );
    }
    let spec_version = spec_version(&mut b, &loc, top, &nodes, doc_start)?;

    for n in nodes.iter().filter(|n| n.kind == "SpdxDocument") {
        for import in loc.array_field(n.members, "import", "SpdxDocument", "an array", n.start)? {
            if let Some(m) = import.as_object()
                && let Some(id) = str_of(m, &["externalSpdxId"])
            {
                b.external(id.clone());
            }
        }
    }

    // The document's subject: the root elements of the SpdxDocument, through collections.
    let mut roots: Vec<(Text<'a>, usize)> = Vec::new();
    let documents: Vec<&Node<'_, 'a>> = {
        let docs: Vec<_> = nodes.iter().filter(|n| n.kind == "SpdxDocument").collect();
        if docs.is_empty() {
            nodes
                .iter()
                .filter(|n| get(n.members, "rootElement").is_some())
                .collect()
        } else {
            docs
        }
    };
    let mut visited: FxHashSet<usize> = FxHashSet::default();
    let mut stack: Vec<(Text<'a>, usize)> = Vec::new();
    for d in documents {
        let mut found = loc.strings_field(d.members, "rootElement", d.kind.as_ref(), d.start)?;
        found.reverse();
        stack.extend(found);
        while let Some((id, offset)) = stack.pop() {
            match by_id.get(id.as_ref()) {
                Some(&i) if get(nodes[i].members, "rootElement").is_some() => {
                    if visited.insert(i) {
                        let n = &nodes[i];
                        let mut inner =
                            loc.strings_field(n.members, "rootElement", n.kind.as_ref(), n.start)?;
                        inner.reverse();
                        stack.extend(inner);
                    }
                }
                _ => roots.push((id, offset)),
            }
        }
    }
    let root_set: FxHashSet<&str> = roots.iter().map(|(id, _)| id.as_ref()).collect();

    // Second pass: components and relationships in document order.
    for (i, n) in nodes.iter().enumerate() {
        let path = format!("@graph[{i}]");
        let is_component = PACKAGE_TYPES.contains(&n.kind.as_ref())
            || (n.kind == "software_File" && n.id.is_some_and(|id| root_set.contains(id.as_ref())));
        if is_component {
            let c = component(&mut b, &loc, n, &nodes, &by_id, &path)?;
            b.add_component(c);
            continue;
        }
        if let Some(id) = n.id {
            let what = if get(n.members, "relationshipType").is_some() {
                "relationship"
            } else {
                label(&n.kind)
            };
            b.declare(id.clone(), n.start, what);
        }
        if let Some(kind) = str_of(n.members, &["relationshipType"]) {
            let from = loc.str_field(n.members, "from", &path, n.start)?;
            let to = loc.strings_field(n.members, "to", &path, n.start)?;
            let Some(from) = from else {
                b.warn(
                    "invalid-relationship",
                    Some(n.start),
                    "a relationship has no \"from\"; it was ignored",
                );
                continue;
            };
            let scope = str_of(n.members, &["scope"]).map(|s| s.as_ref());
            let rel = relationship(kind, scope);
            for (target, _) in to {
                b.relation(from.clone(), rel, kind.clone(), target, n.start);
            }
        } else if n.kind == "Annotation" {
            let subject = loc.str_field(n.members, "subject", &path, n.start)?;
            let statement = loc.str_field(n.members, "statement", &path, n.start)?;
            if let (Some(subject), Some(statement)) = (subject, statement) {
                let end = loc.string_span(statement).map_or(n.start + 1, |s| s.end);
                let properties = catscan_properties(statement, Span::new(n.start, end));
                b.annotation(subject.clone(), n.start, properties);
            }
        }
    }
    for (id, offset) in roots {
        b.describes(id, offset);
    }
    Ok(b.finish(source, Format::Spdx3JsonLd, spec_version))
}

/// The `specVersion` of the document's CreationInfo (an element of `@graph` or written inline in
/// an element's `creationInfo`).
fn spec_version<'a>(
    b: &mut Builder<'a>,
    loc: &Locator<'_, 'a>,
    top: &[Member<'a>],
    nodes: &[Node<'_, 'a>],
    doc_start: usize,
) -> Result<String, ReadError> {
    let from_graph = nodes
        .iter()
        .filter(|n| n.kind == "CreationInfo")
        .find_map(|n| str_of(n.members, &["specVersion"]));
    let inline = || {
        nodes.iter().find_map(|n| {
            get(n.members, "creationInfo")
                .and_then(|(_, v)| v.as_object())
                .and_then(|ci| str_of(ci, &["specVersion"]))
        })
    };
    let context = match get(top, "@context") {
        Some((_, Json::Str(s))) => vec![s.as_ref()],
        Some((_, Json::Array(items))) => items
            .iter()
            .filter_map(|i| i.as_str().map(|s| s.as_ref()))
            .collect(),
        _ => Vec::new(),
    };
    let context_version = context.iter().find_map(|c| {
        c.strip_prefix("https://spdx.org/rdf/")
            .and_then(|r| r.split_once('/'))
            .map(|(v, _)| v.to_string())
    });
    let Some(version) = from_graph.or_else(inline) else {
        return match context_version {
            Some(v) => {
                b.warn(
                    "missing-spec-version",
                    Some(doc_start),
                    format!(
                        "no CreationInfo has a \"specVersion\"; read as SPDX {v}, the version of the \"@context\""
                    ),
                );
                Ok(v)
            }
            None => Err(error(
                loc.source,
                loc.text,
                Some(doc_start),
                "the document has no CreationInfo with a \"specVersion\" and no SPDX 3 \"@context\"; expected an SPDX 3.0 JSON-LD document (\"specVersion\": \"3.0.1\")",
            )),
        };
    };
    let at = loc.quote_of(version).unwrap_or(doc_start);
    let v = version.trim();
    if v == "3.0" || v.starts_with("3.0.") {
        // Supported.
    } else if v.starts_with("3.") {
        b.warn(
            "unsupported-spdx-version",
            Some(at),
            format!(
                "specVersion \"{v}\" is newer than the SPDX 3 versions catscan reads (3.0.x); read as 3.0.1"
            ),
        );
    } else {
        return Err(error(
            loc.source,
            loc.text,
            Some(at),
            format!(
                "\"specVersion\" is \"{v}\"; expected an SPDX 3.0 version such as \"3.0.1\" (SPDX 2 documents are JSON with \"spdxVersion\" or tag-value)"
            ),
        ));
    }
    Ok(v.to_string())
}

fn component<'a>(
    b: &mut Builder<'a>,
    loc: &Locator<'_, 'a>,
    n: &Node<'_, 'a>,
    nodes: &[Node<'_, 'a>],
    by_id: &FxHashMap<&str, usize>,
    path: &str,
) -> Result<Component<'a>, ReadError> {
    let m = n.members;
    let start = n.start;
    let mut c = Component {
        bom_ref: n.id.cloned(),
        ..Component::default()
    };
    let name = loc.str_field(m, "name", path, start)?;
    let name_end = match (name, get(m, "name")) {
        (Some(s), _) if loc.string_span(s).is_some() => loc.string_span(s).map(|s| s.end),
        (_, Some((k, _))) => loc.string_span(k).map(|s| s.end),
        _ => None,
    };
    c.span = Span::new(start, name_end.unwrap_or(start + 1));
    match name {
        Some(s) => c.name = s.clone(),
        None => b.warn(
            "missing-package-name",
            Some(start),
            format!(
                "{} {} has no \"name\"",
                n.kind,
                n.id.map_or("without spdxId".to_string(), |i| format!("\"{i}\""))
            ),
        ),
    }
    if n.id.is_none() {
        b.warn(
            "missing-spdx-id",
            Some(start),
            format!(
                "{} \"{}\" has no \"spdxId\"; SPDX requires one, and nothing can refer to it",
                n.kind,
                c.display_name()
            ),
        );
    }
    c.version = loc
        .str_field(m, "software_packageVersion", path, start)?
        .cloned();
    c.description = match loc.str_field(m, "description", path, start)? {
        Some(d) => Some(d.clone()),
        None => loc.str_field(m, "summary", path, start)?.cloned(),
    };
    c.kind = match loc.str_field(m, "software_primaryPurpose", path, start)? {
        Some(p) => {
            let (kind, known) = kind_from_purpose(p);
            if !known {
                b.warn(
                    "invalid-package-purpose",
                    loc.quote_of(p).or(Some(start)),
                    format!("software_primaryPurpose \"{p}\" is not a purpose SPDX 3.0 defines"),
                );
            }
            kind
        }
        None => match n.kind.as_ref() {
            "ai_AIPackage" => ComponentKind::MachineLearningModel,
            "dataset_DatasetPackage" => ComponentKind::Data,
            "software_File" => ComponentKind::File,
            _ => ComponentKind::Unknown(String::new()),
        },
    };
    c.purl = loc
        .str_field(m, "software_packageUrl", path, start)?
        .cloned();
    let identifiers = loc.array_field(
        m,
        "externalIdentifier",
        path,
        "an array of ExternalIdentifier objects",
        start,
    )?;
    for e in identifiers.iter().filter_map(|e| e.as_object()) {
        let (Some(kind), Some(value)) = (
            str_of(e, &["externalIdentifierType"]),
            str_of(e, &["identifier"]),
        ) else {
            continue;
        };
        match kind.as_ref() {
            "packageUrl" if c.purl.is_none() => c.purl = Some(value.clone()),
            "cpe23" | "cpe22" if c.cpe.is_none() => c.cpe = Some(value.clone()),
            _ => {}
        }
    }
    // Every agent given is read: the first supplier and originator fill the fields, the others
    // (a key given twice, an originator after the first) are kept beside them, so that no
    // organisation hides behind another.
    for (key, field) in [
        ("suppliedBy", PartyField::Supplier),
        ("originatedBy", PartyField::Manufacturer),
    ] {
        for (k, v) in tree::get_all(m, key) {
            let at = loc.quote_of(k).unwrap_or(start);
            let values = match v {
                Json::Array(items) => items.iter().collect::<Vec<_>>(),
                other => vec![other],
            };
            for value in values {
                let Some(name) = agent(b, loc, value, at, nodes, by_id) else {
                    continue;
                };
                let slot = match field {
                    PartyField::Supplier => &mut c.supplier,
                    _ => &mut c.manufacturer,
                };
                match slot {
                    None => *slot = party(name),
                    Some(_) => c.also_named.push((field, name)),
                }
            }
        }
    }
    Ok(c)
}

/// The name of the agent a `suppliedBy`/`originatedBy` value refers to (or describes inline).
fn agent<'a>(
    b: &mut Builder<'a>,
    loc: &Locator<'_, 'a>,
    value: &Json<'a>,
    at: usize,
    nodes: &[Node<'_, 'a>],
    by_id: &FxHashMap<&str, usize>,
) -> Option<Text<'a>> {
    match value {
        Json::Object(m) => str_of(m, &["name"]).cloned(),
        Json::Str(reference) => {
            if is_no_value(reference) {
                return None;
            }
            if let Some(&i) = by_id.get(reference.as_ref()) {
                let n = &nodes[i];
                if !AGENT_TYPES.contains(&n.kind.as_ref()) {
                    b.warn(
                        "invalid-agent",
                        loc.quote_of(reference).or(Some(at)),
                        format!(
                            "\"{reference}\" is a {}, not an Organization, Person or Agent",
                            n.kind
                        ),
                    );
                    return None;
                }
                return str_of(n.members, &["name"]).cloned();
            }
            if b.is_external_or_vocabulary(reference) {
                return None;
            }
            let spelled = party_name(reference).filter(|n| n.as_ref() != reference.as_ref());
            let used = match &spelled {
                Some(name) => format!("; the name \"{name}\" written in it was used"),
                None => String::new(),
            };
            b.warn(
                "unknown-spdx-id",
                loc.quote_of(reference).or(Some(at)),
                format!(
                    "\"{reference}\" should be the spdxId of an Organization or Person of this document, but no element has it{used}"
                ),
            );
            spelled
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::{ComponentId, Position};
    use std::path::PathBuf;

    fn src() -> SourceFile {
        SourceFile {
            path: PathBuf::from("sbom.spdx3.json"),
            display: "sbom.spdx3.json".into(),
        }
    }

    const DOC: &str = r#"{
  "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
  "@graph": [
    { "type": "CreationInfo", "@id": "_:ci", "specVersion": "3.0.1", "created": "2024-01-01T00:00:00Z", "createdBy": ["urn:acme"] },
    { "type": "Organization", "spdxId": "urn:acme", "name": "ACME Networks Ltd.", "creationInfo": "_:ci" },
    { "type": "SpdxDocument", "spdxId": "urn:doc", "creationInfo": "_:ci", "rootElement": ["urn:sbom"],
      "import": [ { "type": "ExternalMap", "externalSpdxId": "urn:elsewhere" } ] },
    { "type": "software_Sbom", "spdxId": "urn:sbom", "creationInfo": "_:ci", "rootElement": ["urn:switch"] },
    {
      "type": "software_Package",
      "spdxId": "urn:switch",
      "creationInfo": "_:ci",
      "name": "S5735",
      "software_packageVersion": "V200R022",
      "software_primaryPurpose": "device",
      "suppliedBy": "urn:acme",
      "originatedBy": ["urn:acme"],
      "externalIdentifier": [
        { "type": "ExternalIdentifier", "externalIdentifierType": "cpe23", "identifier": "cpe:2.3:h:acme:s5735:-:*:*:*:*:*:*:*" },
        { "type": "ExternalIdentifier", "externalIdentifierType": "packageUrl", "identifier": "pkg:generic/acme/s5735@V200R022" }
      ]
    },
    { "type": "software_Package", "spdxId": "urn:fw", "creationInfo": "_:ci", "name": "firmware", "software_primaryPurpose": "firmware",
      "originatedBy": ["Organization: Other Corp"] },
    { "type": "software_Package", "spdxId": "urn:lib", "creationInfo": "_:ci", "name": "zlib", "software_primaryPurpose": "library",
      "software_packageUrl": "pkg:generic/zlib@1.3" },
    { "type": "software_File", "spdxId": "urn:file", "creationInfo": "_:ci", "name": "a.bin" },
    { "type": "Relationship", "spdxId": "urn:r1", "creationInfo": "_:ci", "from": "urn:switch", "relationshipType": "contains", "to": ["urn:fw", "urn:file"] },
    { "type": "Relationship", "spdxId": "urn:r2", "creationInfo": "_:ci", "from": "urn:fw", "relationshipType": "dependsOn", "to": ["urn:lib", "urn:elsewhere"] },
    { "type": "LifecycleScopedRelationship", "spdxId": "urn:r3", "creationInfo": "_:ci", "scope": "build", "from": "urn:switch", "relationshipType": "dependsOn", "to": ["urn:lib"] },
    { "type": "Relationship", "spdxId": "urn:r4", "creationInfo": "_:ci", "from": "urn:switch", "relationshipType": "dependsOn", "to": ["urn:nowhere"] },
    { "type": "Annotation", "spdxId": "urn:a1", "creationInfo": "_:ci", "annotationType": "other", "subject": "urn:switch",
      "statement": "catscan:category=switch" },
    { "type": "software_Package", "spdxId": "urn:lib", "creationInfo": "_:ci", "name": "zlib again" }
  ]
}"#;

    #[test]
    fn packages_agents_identifiers_and_root() {
        let inv = read(src(), DOC).unwrap();
        assert_eq!(inv.spec_version, "3.0.1");
        assert_eq!(inv.format, Format::Spdx3JsonLd);
        assert_eq!(inv.components.len(), 4);
        let sw = &inv.components[0];
        super::super::assert_product(
            sw,
            ("S5735", "V200R022"),
            ("ACME Networks Ltd.", "ACME Networks Ltd."),
            (
                "cpe:2.3:h:acme:s5735:-:*:*:*:*:*:*:*",
                "pkg:generic/acme/s5735@V200R022",
            ),
        );
        assert_eq!(inv.position(sw.span.start), Position { line: 9, column: 5 });
        assert_eq!(sw.property("catscan:category").unwrap().value, "switch");
        let fw = &inv.components[1];
        assert_eq!(fw.kind, ComponentKind::Firmware);
        assert_eq!(
            fw.manufacturer.as_ref().unwrap().name.as_deref(),
            Some("Other Corp")
        );
        assert_eq!(fw.parent, Some(ComponentId(0)));
        assert_eq!(
            inv.components[2].purl.as_deref(),
            Some("pkg:generic/zlib@1.3")
        );
        assert_eq!(inv.components[2].kind, ComponentKind::Library);
    }

    #[test]
    fn relationships_and_warnings() {
        let inv = read(src(), DOC).unwrap();
        super::super::assert_contains_then_depends(&inv);
        let seen: Vec<_> = inv
            .diagnostics
            .iter()
            .map(|d| (d.code, d.position.unwrap().line))
            .collect();
        assert_eq!(
            seen,
            vec![
                ("unknown-spdx-id", 24),
                ("unknown-spdx-id", 31),
                ("duplicate-spdx-id", 34)
            ],
            "{:?}",
            inv.diagnostics
        );
        assert!(
            inv.diagnostics[0]
                .message
                .contains("\"Other Corp\" written in it was used")
        );
        assert!(
            inv.diagnostics[2]
                .message
                .contains("the package \"zlib\" on line 25"),
            "{}",
            inv.diagnostics[2].message
        );
    }

    #[test]
    fn a_root_file_is_a_component_and_errors_are_located() {
        let text = r#"{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [
  {"type": "CreationInfo", "@id": "_:c", "specVersion": "3.0.1"},
  {"type": "software_File", "spdxId": "urn:bin", "name": "hello", "software_primaryPurpose": "executable"},
  {"type": "software_Sbom", "spdxId": "urn:sbom", "rootElement": ["urn:bin"]}
]}"#;
        let inv = read(src(), text).unwrap();
        assert_eq!(inv.components.len(), 1);
        assert!(inv.components[0].is_root);
        assert_eq!(
            inv.components[0].kind,
            ComponentKind::Unknown("executable".into())
        );

        let e = read(src(), "{\"@context\": \"x\", \"@graph\": [\n  {\"type\": \"CreationInfo\", \"specVersion\": \"2.3\"}]}").unwrap_err();
        assert_eq!(
            e.position,
            Some(Position {
                line: 2,
                column: 43
            })
        );
        assert!(
            e.message.contains("expected an SPDX 3.0 version"),
            "{}",
            e.message
        );

        let e = read(src(), "{\"@context\": \"x\"}").unwrap_err();
        assert!(e.message.contains("no \"@graph\""), "{}", e.message);

        let e = read(
            src(),
            "{\"@graph\": [\n  {\"type\": \"software_Package\" \"name\": \"x\"}]}",
        )
        .unwrap_err();
        assert_eq!(e.position.unwrap().line, 2);
        assert!(e.message.contains("expected `,` or `}`"), "{}", e.message);
    }
}
