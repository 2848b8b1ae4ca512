//! SPDX 2.2 and 2.3 JSON.
//!
//! A value of the wrong JSON type for a field catscan reads (a number where a name is expected,
//! an object where `packages` should be an array) stops the reader with an error naming the line,
//! the column, the field's path and what was expected, as the CycloneDX reader does; `null` is
//! read as absent. Problems with fields catscan does not use (`creators` that is not an array,
//! `filesAnalyzed` that is not a boolean, a package field SPDX does not define) are warnings.

use super::tree::{self, Json, Locator, Member, get};
use super::{
    Builder, PURPOSES_2, SPDX_2_3_PACKAGE_FIELDS, Version2, catscan_properties, declare, error,
    is_no_value, kind_from_purpose_2, party, party_name, relationship_2,
};
use crate::ingest::ReadError;
use crate::inventory::{Component, Format, Inventory, PartyField, SourceFile, Span, Text};

/// The fields of a package in SPDX 2.3 (2.2 has all but the four of
/// [`SPDX_2_3_PACKAGE_FIELDS`]).
const PACKAGE_FIELDS: [&str; 28] = [
    "SPDXID",
    "annotations",
    "attributionTexts",
    "builtDate",
    "checksums",
    "comment",
    "copyrightText",
    "description",
    "downloadLocation",
    "externalRefs",
    "filesAnalyzed",
    "hasFiles",
    "homepage",
    "licenseComments",
    "licenseConcluded",
    "licenseDeclared",
    "licenseInfoFromFiles",
    "name",
    "originator",
    "packageFileName",
    "packageVerificationCode",
    "primaryPackagePurpose",
    "releaseDate",
    "sourceInfo",
    "summary",
    "supplier",
    "validUntilDate",
    "versionInfo",
];

pub fn read<'a>(source: SourceFile, text: &'a str) -> Result<Inventory<'a>, ReadError> {
    let parsed = tree::parse(&source, text)?;
    let loc = Locator {
        source: &source,
        text,
    };
    let first = text.len() - text.trim_start().len();
    let Some(top) = parsed.as_object() else {
        return Err(error(
            &source,
            text,
            Some(first),
            format!(
                "expected an SPDX 2 JSON document (an object with \"spdxVersion\"); found {}",
                parsed.kind()
            ),
        ));
    };
    let doc_start = loc.object_start(top).unwrap_or(first);
    let (version, version_at) = match get(top, "spdxVersion") {
        None | Some((_, Json::Null)) => {
            return Err(error(
                &source,
                text,
                Some(doc_start),
                format!(
                    "the document has no \"spdxVersion\"; expected {}",
                    Version2::EXPECTED
                ),
            ));
        }
        Some((k, Json::Str(v))) => (
            v,
            loc.quote_of(v)
                .or_else(|| loc.quote_of(k))
                .unwrap_or(doc_start),
        ),
        Some(m) => {
            return Err(loc.type_error(
                m,
                "spdxVersion",
                &format!("a string, {}", Version2::EXPECTED),
                doc_start,
            ));
        }
    };
    let parsed_version = Version2::parse(version);
    let mut b = Builder::new(text, "SPDXID");
    let mut repeated = Vec::new();
    tree::repeated_keys(&parsed, &mut repeated);
    for key in repeated {
        b.warn(
            "duplicate-key",
            loc.quote_of(key),
            tree::repeated_key_message(key),
        );
    }
    match parsed_version {
        Version2::Supported(_) => {}
        Version2::Old(_) => b.warn(
            "unsupported-spdx-version",
            Some(version_at),
            format!(
                "spdxVersion \"{version}\" is older than the versions catscan reads (SPDX-2.2 and SPDX-2.3); read as SPDX-2.3"
            ),
        ),
        Version2::Invalid => {
            return Err(error(
                &source,
                text,
                Some(version_at),
                format!(
                    "\"spdxVersion\" is \"{version}\"; expected {}",
                    Version2::EXPECTED
                ),
            ));
        }
    }
    let minor = parsed_version.minor();
    let spec_version = version
        .trim()
        .strip_prefix("SPDX-")
        .unwrap_or(version)
        .to_string();

    let mut document_id = false;
    for (key, value) in top {
        let at = loc.quote_of(key).unwrap_or(doc_start);
        match key.as_ref() {
            "SPDXID" => match value {
                Json::Str(id) => {
                    document_id = true;
                    b.declare(id.clone(), at, "document");
                }
                Json::Null => {}
                _ => {
                    let m = get(top, "SPDXID").expect("present");
                    return Err(loc.type_error(m, "SPDXID", "a string", doc_start));
                }
            },
            "documentDescribes" => {
                for (id, offset) in loc.strings_field(top, "documentDescribes", "", at)? {
                    b.describes(id, offset);
                }
            }
            "packages" => {
                let items =
                    loc.array_field(top, "packages", "", "an array of package objects", at)?;
                for (i, item) in items.iter().enumerate() {
                    let path = format!("packages[{i}]");
                    let Some(members) = item.as_object() else {
                        return Err(error(
                            &source,
                            text,
                            Some(at),
                            format!("{path}: expected a package object; found {}", item.kind()),
                        ));
                    };
                    package(&mut b, &loc, members, &path, minor, at)?;
                }
            }
            "files" | "snippets" => {
                let what = if key == "files" { "file" } else { "snippet" };
                let items =
                    loc.array_field(top, key, "", &format!("an array of {what} objects"), at)?;
                for (i, item) in items.iter().enumerate() {
                    let path = format!("{key}[{i}]");
                    let Some(members) = item.as_object() else {
                        return Err(error(
                            &source,
                            text,
                            Some(at),
                            format!("{path}: expected a {what} object; found {}", item.kind()),
                        ));
                    };
                    let start = loc.object_start(members).unwrap_or(at);
                    match loc.str_field(members, "SPDXID", &path, start)? {
                        Some(id) if what == "file" => {
                            let name = loc.str_field(members, "fileName", &path, start)?;
                            let end = name
                                .and_then(|n| loc.string_span(n))
                                .map_or(start, |s| s.end);
                            b.declare_file(id.clone(), start, name.cloned(), Span::new(start, end));
                        }
                        Some(id) => b.declare(id.clone(), start, what),
                        None => b.warn(
                            "missing-spdx-id",
                            Some(start),
                            format!("a {what} has no \"SPDXID\"; SPDX requires one"),
                        ),
                    }
                }
            }
            "relationships" => {
                let items = loc.array_field(
                    top,
                    "relationships",
                    "",
                    "an array of relationship objects",
                    at,
                )?;
                for (i, item) in items.iter().enumerate() {
                    let path = format!("relationships[{i}]");
                    let Some(members) = item.as_object() else {
                        return Err(error(
                            &source,
                            text,
                            Some(at),
                            format!(
                                "{path}: expected a relationship object; found {}",
                                item.kind()
                            ),
                        ));
                    };
                    relationship(&mut b, &loc, members, &path, at)?;
                }
            }
            "creationInfo" => {
                if let Some(info) = value.as_object()
                    && let Some((k, v)) = get(info, "creators")
                    && !matches!(v, Json::Array(items) if items.iter().all(|i| matches!(i, Json::Str(_))))
                {
                    b.warn(
                        "invalid-field-type",
                        Some(loc.quote_of(k).unwrap_or(at)),
                        format!(
                            "creationInfo.creators is {}; SPDX expects an array of strings such as \"Tool: name\"",
                            v.kind()
                        ),
                    );
                }
            }
            _ => {}
        }
    }
    if !document_id {
        b.warn(
            "missing-spdx-id",
            Some(doc_start),
            "the document has no \"SPDXID\"; SPDX requires \"SPDXRef-DOCUMENT\"",
        );
        if !b.is_declared("SPDXRef-DOCUMENT") {
            b.declare("SPDXRef-DOCUMENT".into(), doc_start, "document");
        }
    }
    Ok(b.finish(source, Format::SpdxJson, spec_version))
}

fn package<'a>(
    b: &mut Builder<'a>,
    loc: &Locator<'_, 'a>,
    members: &[Member<'a>],
    path: &str,
    minor: u8,
    fallback: usize,
) -> Result<(), ReadError> {
    let start = loc.object_start(members).unwrap_or(fallback);
    let spdx_id = loc.str_field(members, "SPDXID", path, start)?;
    let name = loc.str_field(members, "name", path, start)?;
    let mut c = Component {
        bom_ref: spdx_id.cloned(),
        ..Component::default()
    };
    let name_end = match (name, get(members, "name")) {
        (Some(n), _) if loc.string_span(n).is_some() => loc.string_span(n).map(|s| s.end),
        (_, Some((k, _))) => loc.string_span(k).map(|s| s.end),
        _ => None,
    };
    c.span = Span::new(start, name_end.unwrap_or(start + 1));
    match (spdx_id, name) {
        (None, None) => {
            b.warn(
                "missing-package-name",
                Some(start),
                "a package has neither \"SPDXID\" nor \"name\"; it was ignored",
            );
            return Ok(());
        }
        (None, Some(n)) => b.warn(
            "missing-spdx-id",
            Some(start),
            format!(
                "package \"{n}\" has no \"SPDXID\"; SPDX requires one, and nothing can refer to it"
            ),
        ),
        (Some(id), None) => b.warn(
            "missing-package-name",
            Some(start),
            format!("package \"{id}\" has no \"name\"; SPDX requires one"),
        ),
        (Some(_), Some(_)) => {}
    }
    if let Some(n) = name {
        c.name = n.clone();
    }
    c.version = loc.str_field(members, "versionInfo", path, start)?.cloned();
    c.description = match loc.str_field(members, "description", path, start)? {
        Some(d) => Some(d.clone()),
        None => loc.str_field(members, "summary", path, start)?.cloned(),
    };
    if let Some(s) = loc.str_field(members, "supplier", path, start)? {
        c.supplier = party_name(s).and_then(party);
    }
    if let Some(s) = loc.str_field(members, "originator", path, start)? {
        c.manufacturer = party_name(s).and_then(party);
    }
    // A supplier or originator given twice: the first counts, the others are kept beside it,
    // so that no organisation hides behind another.
    for (key, field) in [
        ("supplier", PartyField::Supplier),
        ("originator", PartyField::Manufacturer),
    ] {
        for (_, value) in tree::get_all(members, key).skip(1) {
            if let Some(name) = value.as_str().and_then(party_name) {
                c.also_named.push((field, name));
            }
        }
    }
    if let Some(p) = loc.str_field(members, "primaryPackagePurpose", path, start)? {
        let (kind, known) = kind_from_purpose_2(p);
        if !known {
            b.warn(
                "invalid-package-purpose",
                loc.quote_of(p).or(Some(start)),
                format!("primaryPackagePurpose \"{p}\" is not one of: {PURPOSES_2}"),
            );
        }
        c.kind = kind;
    }
    let refs = loc.array_field(
        members,
        "externalRefs",
        path,
        "an array of external references",
        start,
    )?;
    for (i, r) in refs.iter().enumerate() {
        let rpath = format!("{path}.externalRefs[{i}]");
        let Some(r) = r.as_object() else {
            return Err(error(
                loc.source,
                loc.text,
                Some(start),
                format!(
                    "{rpath}: expected an external reference object; found {}",
                    r.kind()
                ),
            ));
        };
        let rstart = loc.object_start(r).unwrap_or(start);
        let category = loc.str_field(r, "referenceCategory", &rpath, rstart)?;
        let kind = loc.str_field(r, "referenceType", &rpath, rstart)?;
        let locator = loc.str_field(r, "referenceLocator", &rpath, rstart)?;
        if let Some(cat) = category
            && minor < 3
            && matches!(
                cat.as_ref(),
                "PACKAGE-MANAGER" | "PERSISTENT-ID" | "PERSISTENT_ID"
            )
        {
            b.warn_per_key("newer-spdx-field", cat, rstart, || {
                format!(
                    "referenceCategory \"{cat}\" is defined by SPDX 2.3 JSON, but the document declares SPDX-2.{minor} (which spells it PACKAGE_MANAGER); it was read anyway"
                )
            });
        }
        let (Some(kind), Some(locator)) = (kind, locator) else {
            continue;
        };
        if is_no_value(locator) {
            continue;
        }
        let kind = kind.trim();
        if (kind == "purl" || kind.ends_with("/purl") || kind.ends_with("#purl"))
            && c.purl.is_none()
        {
            c.purl = Some(locator.clone());
        } else if matches!(kind, "cpe23Type" | "cpe22Type") && c.cpe.is_none() {
            c.cpe = Some(locator.clone());
        }
    }
    let annotations = loc.array_field(
        members,
        "annotations",
        path,
        "an array of annotation objects",
        start,
    )?;
    for (i, a) in annotations.iter().enumerate() {
        let Some(a) = a.as_object() else { continue };
        let apath = format!("{path}.annotations[{i}]");
        let astart = loc.object_start(a).unwrap_or(start);
        if let Some(comment) = loc.str_field(a, "comment", &apath, astart)? {
            let end = loc.string_span(comment).map_or(astart + 1, |s| s.end);
            let properties = catscan_properties(comment, Span::new(astart, end));
            for (at, message) in declare(&mut c, properties) {
                b.warn("conflicting-manufacturer", Some(at), message);
            }
        }
    }
    for (key, value) in members {
        let at = loc.quote_of(key).unwrap_or(start);
        if minor < 3 && SPDX_2_3_PACKAGE_FIELDS.contains(&key.as_ref()) {
            b.warn_per_key("newer-spdx-field", key, at, || {
                format!(
                    "\"{key}\" is a package field of SPDX 2.3, but the document declares SPDX-2.{minor}; it was read anyway"
                )
            });
        }
        if !PACKAGE_FIELDS.contains(&key.as_ref()) {
            b.warn_per_key("unknown-field", key, at, || {
                format!("\"{key}\" is not a field of a package in SPDX 2.3; it was ignored")
            });
        }
        if key == "filesAnalyzed" && !matches!(value, Json::Bool(_) | Json::Null) {
            b.warn(
                "invalid-field-type",
                Some(at),
                format!(
                    "{path}.filesAnalyzed is {}; SPDX expects true or false",
                    describe_value(value)
                ),
            );
        }
    }
    b.add_component(c);
    Ok(())
}

fn describe_value(v: &Json<'_>) -> String {
    match v {
        Json::Str(s) => format!("the string \"{s}\""),
        other => other.kind().to_string(),
    }
}

fn relationship<'a>(
    b: &mut Builder<'a>,
    loc: &Locator<'_, 'a>,
    members: &[Member<'a>],
    path: &str,
    fallback: usize,
) -> Result<(), ReadError> {
    let start = loc.object_start(members).unwrap_or(fallback);
    let from = loc.str_field(members, "spdxElementId", path, start)?;
    let kind = loc.str_field(members, "relationshipType", path, start)?;
    let to = loc.str_field(members, "relatedSpdxElement", path, start)?;
    let (Some(from), Some(kind), Some(to)) = (from, kind, to) else {
        b.warn(
            "invalid-relationship",
            Some(start),
            "a relationship needs \"spdxElementId\", \"relationshipType\" and \"relatedSpdxElement\"; it was ignored",
        );
        return Ok(());
    };
    let (rel, reversed) = relationship_2(kind);
    let (from, to): (Text<'a>, Text<'a>) = if reversed {
        (to.clone(), from.clone())
    } else {
        (from.clone(), to.clone())
    };
    b.relation(from, rel, kind.clone(), to, start);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::{ComponentId, ComponentKind, Position};
    use std::path::PathBuf;

    fn src() -> SourceFile {
        SourceFile {
            path: PathBuf::from("sbom.spdx.json"),
            display: "sbom.spdx.json".into(),
        }
    }

    const DOC: &str = r#"{
  "spdxVersion": "SPDX-2.3",
  "SPDXID": "SPDXRef-DOCUMENT",
  "name": "edge router",
  "documentDescribes": ["SPDXRef-router"],
  "packages": [
    {
      "SPDXID": "SPDXRef-router",
      "name": "NE40E",
      "versionInfo": "V800R021",
      "supplier": "Organization: Huawei Technologies Co., Ltd. (sales@huawei.example)",
      "originator": "Organization: Huawei Technologies Co., Ltd.",
      "primaryPackagePurpose": "DEVICE",
      "externalRefs": [
        {"referenceCategory": "SECURITY", "referenceType": "cpe23Type", "referenceLocator": "cpe:2.3:h:huawei:ne40e:-:*:*:*:*:*:*:*"},
        {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:generic/huawei/ne40e@V800R021"}
      ],
      "annotations": [
        {"annotationType": "OTHER", "annotator": "Tool: catscan", "annotationDate": "2024-01-01T00:00:00Z",
         "comment": "catscan:category=router"}
      ]
    },
    { "SPDXID": "SPDXRef-os", "name": "VRP", "supplier": "NOASSERTION", "primaryPackagePurpose": "OPERATING_SYSTEM" },
    { "SPDXID": "SPDXRef-lib", "name": "openssl", "primaryPackagePurpose": "LIBRARY",
      "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:generic/openssl@3.0.0"}] },
    { "SPDXID": "SPDXRef-src", "name": "sources", "primaryPackagePurpose": "SOURCE" },
    { "SPDXID": "SPDXRef-os", "name": "again" }
  ],
  "files": [ { "SPDXID": "SPDXRef-file", "fileName": "./a.c" } ],
  "relationships": [
    {"spdxElementId": "SPDXRef-router", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-os"},
    {"spdxElementId": "SPDXRef-lib", "relationshipType": "DEPENDENCY_OF", "relatedSpdxElement": "SPDXRef-os"},
    {"spdxElementId": "SPDXRef-router", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-file"},
    {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "COPY_OF", "relatedSpdxElement": "DocumentRef-x:SPDXRef-y"},
    {"spdxElementId": "SPDXRef-router", "relationshipType": "GENERATED_FROM", "relatedSpdxElement": "NOASSERTION"},
    {"spdxElementId": "SPDXRef-router", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-missing"}
  ]
}"#;

    #[test]
    fn packages_become_components_with_vendors_identifiers_and_kinds() {
        let inv = read(src(), DOC).unwrap();
        assert_eq!(inv.spec_version, "2.3");
        assert_eq!(inv.format, Format::SpdxJson);
        assert_eq!(inv.components.len(), 5);
        let router = &inv.components[0];
        super::super::assert_product(
            router,
            ("NE40E", "V800R021"),
            (
                "Huawei Technologies Co., Ltd.",
                "Huawei Technologies Co., Ltd.",
            ),
            (
                "cpe:2.3:h:huawei:ne40e:-:*:*:*:*:*:*:*",
                "pkg:generic/huawei/ne40e@V800R021",
            ),
        );
        assert_eq!(inv.root(), Some(ComponentId(0)));
        assert_eq!(router.bom_ref.as_deref(), Some("SPDXRef-router"));
        // Borrowed from the input.
        assert!(matches!(router.name, std::borrow::Cow::Borrowed(_)));
        let p = router.property("catscan:category").unwrap();
        assert_eq!(p.value, "router");
        assert_eq!(inv.position(p.span.start).line, 19);
        // Position of the package: its `{`.
        assert_eq!(
            inv.position(router.span.start),
            Position { line: 7, column: 5 }
        );
        assert_eq!(&DOC[router.span.end - 7..router.span.end], "\"NE40E\"");

        let os = &inv.components[1];
        assert_eq!(os.kind, ComponentKind::OperatingSystem);
        assert!(os.supplier.is_none());
        assert_eq!(os.parent, Some(ComponentId(0)));
        assert_eq!(inv.components[2].kind, ComponentKind::Library);
        assert_eq!(
            inv.components[3].kind,
            ComponentKind::Unknown("source".into())
        );
    }

    #[test]
    fn relationships_become_edges_and_problems_warnings() {
        let inv = read(src(), DOC).unwrap();
        super::super::assert_contains_then_depends(&inv);
        let codes: Vec<_> = inv
            .diagnostics
            .iter()
            .map(|d| (d.code, d.position.map(|p| p.line)))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("duplicate-spdx-id", Some(27)),
                ("unknown-spdx-id", Some(36))
            ],
            "{:?}",
            inv.diagnostics
        );
        let dup = &inv.diagnostics[0];
        assert!(
            dup.message.contains("\"VRP\" on line 23"),
            "{}",
            dup.message
        );
        assert!(inv.diagnostics[1].message.contains("\"SPDXRef-missing\""));
    }

    #[test]
    fn broken_json_is_a_located_error() {
        let text = "{\n  \"spdxVersion\": \"SPDX-2.3\",\n  \"packages\": [\n    { \"name\": \"a\" \"SPDXID\": \"x\" }\n  ]\n}";
        let e = read(src(), text).unwrap_err();
        assert_eq!(
            e.position,
            Some(Position {
                line: 4,
                column: 19
            })
        );
        assert!(e.message.contains("expected `,` or `}`"), "{}", e.message);
        assert!(e.message.starts_with("packages[0]"), "{}", e.message);
    }

    #[test]
    fn wrong_types_and_versions_are_errors_naming_what_was_expected() {
        let e = read(
            src(),
            "{\"spdxVersion\": \"SPDX-2.3\", \"packages\": [{\"SPDXID\": \"a\", \"name\": 5}]}",
        )
        .unwrap_err();
        assert_eq!(
            e.message,
            "packages[0].name: expected a string; found a number"
        );
        assert_eq!(e.position.unwrap().column, 58);

        let e = read(src(), "{\n\"spdxVersion\": \"SPDX-3.0\"}").unwrap_err();
        assert!(
            e.message.contains("\"SPDX-2.2\" or \"SPDX-2.3\""),
            "{}",
            e.message
        );
        assert_eq!(
            e.position,
            Some(Position {
                line: 2,
                column: 16
            })
        );

        let e = read(src(), "{\"packages\": []}").unwrap_err();
        assert!(e.message.contains("no \"spdxVersion\""), "{}", e.message);

        let inv = read(
            src(),
            "{\"spdxVersion\": \"SPDX-2.1\", \"SPDXID\": \"SPDXRef-DOCUMENT\", \"packages\": [{\"SPDXID\": \"a\", \"name\": \"x\"}]}",
        )
        .unwrap();
        assert_eq!(inv.spec_version, "2.1");
        assert_eq!(inv.diagnostics[0].code, "unsupported-spdx-version");
    }

    #[test]
    fn missing_names_and_newer_fields_are_warnings() {
        let text = r#"{"spdxVersion": "SPDX-2.2", "SPDXID": "SPDXRef-DOCUMENT", "packages": [
  {"SPDXID": "SPDXRef-a", "name": null, "primaryPackagePurpose": "FIRMWARE", "filesAnalyzed": "true"},
  {"name": "no id"},
  {"comment": "nothing"}
]}"#;
        let inv = read(src(), text).unwrap();
        assert_eq!(inv.components.len(), 2);
        assert_eq!(inv.components[0].display_name(), "(unnamed component)");
        assert_eq!(inv.components[0].kind, ComponentKind::Firmware);
        let codes: Vec<_> = inv.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            vec![
                "missing-package-name",
                "newer-spdx-field",
                "invalid-field-type",
                "missing-spdx-id",
                "missing-package-name"
            ]
        );
    }

    #[test]
    fn a_declared_manufacturer_fills_a_missing_originator_and_never_replaces_another() {
        let doc = r#"{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "packages": [
  {"SPDXID": "SPDXRef-a", "name": "A", "annotations": [{"comment": "catscan:manufacturer=Example Works = Ltd.\ncatscan:category=router"}]},
  {"SPDXID": "SPDXRef-b", "name": "B", "originator": "Organization: ACME", "annotations": [{"comment": "catscan:manufacturer=Acme"}]},
  {"SPDXID": "SPDXRef-c", "name": "C", "originator": "Organization: ACME", "annotations": [{"comment": "catscan:manufacturer=Other Corp"}]}
]}"#;
        let inv = read(src(), doc).unwrap();
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
                "package \"C\" names the manufacturer \"ACME\" (its originator, or an earlier declaration), and an annotation declares catscan:manufacturer=Other Corp; the first counts as the manufacturer, the declared one is kept beside it",
                4
            )]
        );
    }
}
