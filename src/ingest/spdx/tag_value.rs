//! SPDX 2.x tag-value.
//!
//! A document is a sequence of `Tag: value` lines; a value that starts with `<text>` runs, across
//! lines, to the next `</text>`. Lines that are empty or start with `#` are ignored. A package
//! starts at `PackageName:` and runs to the next `PackageName:`, `FileName:`, `SnippetSPDXID:` or
//! `LicenseID:`; an `SPDXID:` belongs to the package, file or document whose section it is in.
//! Annotations start at `Annotator:` and name what they annotate with `SPDXREF:`. Relationships
//! (`Relationship: A TYPE B`) may appear anywhere. Everything is borrowed from the input.
//!
//! A line that is not `Tag: value` and a `<text>` that is never closed stop the reader with an
//! error located at the line; unknown tags are ignored.

use std::borrow::Cow;

use super::{
    Builder, PURPOSES_2, SPDX_2_3_PACKAGE_FIELDS, Version2, catscan_properties, error, is_no_value,
    kind_from_purpose_2, party, party_name, relationship_2,
};
use crate::ingest::ReadError;
use crate::inventory::{Component, Format, Inventory, PartyField, SourceFile, Span, Text};

/// One `Tag: value` of the document.
pub(crate) struct Field<'a> {
    pub tag: &'a str,
    pub value: &'a str,
    /// Offset of the line's start.
    pub line: usize,
    /// Offset of the value.
    pub at: usize,
    /// Offset of the line after the field (after the `</text>` line of a multi-line value); the
    /// end of the text when the field is on the last line.
    pub next: usize,
}

/// Splits the text into fields.
pub(crate) fn fields<'a>(source: &SourceFile, text: &'a str) -> Result<Vec<Field<'a>>, ReadError> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        // CR, LF and CRLF all end a line (files saved on a classic Mac end lines with a lone CR).
        let line_end =
            memchr::memchr2(b'\n', b'\r', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i);
        let next_line = if text[line_end..].starts_with("\r\n") {
            line_end + 2
        } else {
            line_end + 1
        };
        let line = &text[pos..line_end];
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            pos = next_line;
            continue;
        }
        let indent = line.len() - trimmed.len();
        let colon = trimmed.find(':').filter(|&c| {
            let tag = &trimmed[..c];
            !tag.is_empty()
                && tag
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        });
        let Some(colon) = colon else {
            let shown: String = trimmed.chars().take(60).collect();
            let shown = crate::ingest::shown(&shown);
            return Err(error(
                source,
                text,
                Some(pos + indent),
                format!(
                    "expected a \"Tag: value\" line, a comment starting with \"#\" or an empty line; found \"{shown}\" (a multi-line value must be enclosed in <text>…</text>)"
                ),
            ));
        };
        let tag = &trimmed[..colon];
        let after = &trimmed[colon + 1..];
        let value_start = pos + indent + colon + 1 + (after.len() - after.trim_start().len());
        let rest = after.trim_start();
        if rest.starts_with("<text>") {
            let content_start = value_start + "<text>".len();
            let Some(close) = text[content_start..].find("</text>") else {
                return Err(error(
                    source,
                    text,
                    Some(value_start),
                    format!(
                        "the <text> value of {tag} is never closed; expected \"</text>\" after it"
                    ),
                ));
            };
            let content_end = content_start + close;
            let after_close = content_end + "</text>".len();
            let next = match memchr::memchr2(b'\n', b'\r', &text.as_bytes()[after_close..]) {
                Some(i) if text[after_close + i..].starts_with("\r\n") => after_close + i + 2,
                Some(i) => after_close + i + 1,
                None => text.len(),
            };
            out.push(Field {
                tag,
                value: &text[content_start..content_end],
                line: pos,
                at: content_start,
                next,
            });
            pos = next;
            continue;
        }
        out.push(Field {
            tag,
            value: rest.trim_end(),
            line: pos,
            at: value_start,
            next: next_line.min(text.len()),
        });
        pos = next_line;
    }
    Ok(out)
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Section {
    Document,
    Package,
    File,
    Snippet,
    License,
}

/// A package being read.
struct Package<'a> {
    c: Component<'a>,
    summary: Option<Text<'a>>,
    /// The tags of [`PACKAGE_SINGLETONS`] given so far in this package.
    given: Vec<&'a str>,
}

/// The tags a package has at most once (SPDX 2.3 clause 7; the fields the JSON schema gives a
/// single value). `PackageName` is not among them: a second one starts the next package.
/// `PackageChecksum`, `PackageLicenseInfoFromFiles`, `ExternalRef`, `ExternalRefComment` (one
/// per reference) and `PackageAttributionText` may repeat.
const PACKAGE_SINGLETONS: &[&str] = &[
    "SPDXID",
    "PackageVersion",
    "PackageFileName",
    "PackageSupplier",
    "PackageOriginator",
    "PackageDownloadLocation",
    "FilesAnalyzed",
    "PackageVerificationCode",
    "PackageHomePage",
    "PackageSourceInfo",
    "PackageLicenseConcluded",
    "PackageLicenseDeclared",
    "PackageLicenseComments",
    "PackageCopyrightText",
    "PackageSummary",
    "PackageDescription",
    "PackageComment",
    "PrimaryPackagePurpose",
    "ReleaseDate",
    "BuiltDate",
    "ValidUntilDate",
];

impl<'a> Package<'a> {
    /// Whether `f` repeats a tag the package has at most once. Tools disagree on which of two
    /// values counts, so a document that gives one twice can show a reviewer one vendor and a
    /// tool another: the repetition is a `duplicate-key` warning at the second, and catscan reads
    /// the first, keeping a second supplier or originator beside it (see `Component::also_named`).
    fn repeats(&mut self, b: &mut Builder<'a>, f: &Field<'a>) -> bool {
        if !PACKAGE_SINGLETONS.contains(&f.tag) {
            return false;
        }
        if !self.given.contains(&f.tag) {
            self.given.push(f.tag);
            return false;
        }
        b.warn(
            "duplicate-key",
            Some(f.line),
            format!(
                "{} is given twice in package \"{}\"; each value is read where catscan can keep both (PackageSupplier, PackageOriginator), else the first counts: give each tag once",
                f.tag,
                crate::ingest::shown(&self.c.display_name())
            ),
        );
        let field = match f.tag {
            "PackageSupplier" => PartyField::Supplier,
            "PackageOriginator" => PartyField::Manufacturer,
            _ => return true,
        };
        if let Some(name) = party_name(&Cow::Borrowed(f.value)) {
            self.c.also_named.push((field, name));
        }
        true
    }
}

/// An annotation being read.
struct Annotation<'a> {
    start: usize,
    end: usize,
    target: Option<Text<'a>>,
    comment: Option<Text<'a>>,
}

pub fn read<'a>(source: SourceFile, text: &'a str) -> Result<Inventory<'a>, ReadError> {
    let fields = fields(&source, text)?;
    let Some(version) = fields.iter().find(|f| f.tag == "SPDXVersion") else {
        return Err(error(
            &source,
            text,
            None,
            format!(
                "the document has no SPDXVersion; expected \"SPDXVersion: SPDX-2.3\" (values: {})",
                Version2::EXPECTED
            ),
        ));
    };
    let parsed_version = Version2::parse(version.value);
    let mut b = Builder::new(text, "SPDXID");
    match parsed_version {
        Version2::Supported(_) => {}
        Version2::Old(_) => b.warn(
            "unsupported-spdx-version",
            Some(version.at),
            format!(
                "SPDXVersion \"{}\" is older than the versions catscan reads (SPDX-2.2 and SPDX-2.3); read as SPDX-2.3",
                crate::ingest::shown(version.value)
            ),
        ),
        Version2::Invalid => {
            return Err(error(
                &source,
                text,
                Some(version.at),
                format!(
                    "SPDXVersion is \"{}\"; expected {}",
                    crate::ingest::shown(version.value),
                    Version2::EXPECTED
                ),
            ));
        }
    }
    let minor = parsed_version.minor();
    let spec_version = version
        .value
        .strip_prefix("SPDX-")
        .unwrap_or(version.value)
        .to_string();

    let mut section = Section::Document;
    let mut package: Option<Package<'a>> = None;
    // The name of the file whose section is being read: the component it becomes if the
    // document describes it (see `Builder::declare_file`), with where the name ends.
    let mut file_name: Option<(Text<'a>, usize)> = None;
    let mut annotation: Option<Annotation<'a>> = None;
    let mut document_id = false;
    let mut section_start = 0;
    for f in &fields {
        let value: Text<'a> = Cow::Borrowed(f.value);
        let starts = match f.tag {
            "PackageName" => Some(Section::Package),
            "FileName" => Some(Section::File),
            "SnippetSPDXID" => Some(Section::Snippet),
            "LicenseID" => Some(Section::License),
            _ => None,
        };
        if let Some(next) = starts {
            if let Some(p) = package.take() {
                finish_package(&mut b, p);
            }
            section = next;
            section_start = f.line;
        }
        match f.tag {
            "PackageName" => {
                let c = Component {
                    name: value,
                    span: Span::new(f.line, f.at + f.value.len()),
                    ..Component::default()
                };
                package = Some(Package {
                    c,
                    summary: None,
                    given: Vec::new(),
                });
            }
            "FileName" => file_name = Some((value, f.at + f.value.len())),
            "SnippetSPDXID" => b.declare(value, f.line, "snippet"),
            "SPDXID" => match (section, package.as_mut()) {
                (Section::Package, Some(p)) => {
                    // A second SPDXID is a warning; the first stays.
                    if p.repeats(&mut b, f) {
                        continue;
                    }
                    p.c.bom_ref = Some(value);
                }
                (Section::File, _) => {
                    let name = file_name.take();
                    let end = name.as_ref().map_or(section_start, |(_, end)| *end);
                    b.declare_file(
                        value,
                        section_start,
                        name.map(|(n, _)| n),
                        Span::new(section_start, end),
                    );
                }
                (Section::Document, _) => {
                    document_id = true;
                    b.declare(value, f.line, "document");
                }
                _ => {}
            },
            "Relationship" => {
                let parts: Vec<&'a str> = f.value.split_whitespace().collect();
                if parts.len() != 3 {
                    b.warn(
                        "invalid-relationship",
                        Some(f.line),
                        format!(
                            "expected \"Relationship: SPDXID TYPE SPDXID\"; found \"Relationship: {}\"; it was ignored",
                            f.value
                        ),
                    );
                    continue;
                }
                let (kind, reversed) = relationship_2(parts[1]);
                let (from, to) = if reversed {
                    (parts[2], parts[0])
                } else {
                    (parts[0], parts[2])
                };
                b.relation(
                    Cow::Borrowed(from),
                    kind,
                    Cow::Borrowed(parts[1]),
                    Cow::Borrowed(to),
                    f.line,
                );
            }
            "Annotator" => {
                if let Some(a) = annotation.take() {
                    finish_annotation(&mut b, a);
                }
                annotation = Some(Annotation {
                    start: f.line,
                    end: f.at + f.value.len(),
                    target: None,
                    comment: None,
                });
            }
            "SPDXREF" => {
                if let Some(a) = annotation.as_mut() {
                    a.target = Some(value);
                }
            }
            "AnnotationComment" => {
                if let Some(a) = annotation.as_mut() {
                    a.end = a.end.max(f.at + f.value.len());
                    a.comment = Some(value);
                }
            }
            _ if section == Section::Package => {
                let Some(p) = package.as_mut() else { continue };
                package_field(&mut b, p, f, value, minor);
            }
            _ => {}
        }
    }
    if let Some(p) = package.take() {
        finish_package(&mut b, p);
    }
    if let Some(a) = annotation.take() {
        finish_annotation(&mut b, a);
    }
    if !document_id {
        b.warn(
            "missing-spdx-id",
            Some(0),
            "the document has no SPDXID; SPDX requires \"SPDXID: SPDXRef-DOCUMENT\"",
        );
        if !b.is_declared("SPDXRef-DOCUMENT") {
            b.declare("SPDXRef-DOCUMENT".into(), 0, "document");
        }
    }
    Ok(b.finish(source, Format::SpdxTagValue, spec_version))
}

fn package_field<'a>(
    b: &mut Builder<'a>,
    p: &mut Package<'a>,
    f: &Field<'a>,
    value: Text<'a>,
    minor: u8,
) {
    if p.repeats(b, f) {
        return;
    }
    let c = &mut p.c;
    match f.tag {
        "PackageVersion" => c.version = Some(value),
        "PackageDescription" => c.description = Some(value),
        "PackageSummary" => p.summary = Some(value),
        "PackageSupplier" => c.supplier = party_name(&value).and_then(party),
        "PackageOriginator" => c.manufacturer = party_name(&value).and_then(party),
        "PrimaryPackagePurpose" => {
            let (kind, known) = kind_from_purpose_2(f.value);
            if !known {
                b.warn(
                    "invalid-package-purpose",
                    Some(f.at),
                    format!(
                        "PrimaryPackagePurpose \"{}\" is not one of: {PURPOSES_2}",
                        crate::ingest::shown(f.value)
                    ),
                );
            }
            c.kind = kind;
        }
        "ExternalRef" => {
            let parts: Vec<&'a str> = f.value.split_whitespace().collect();
            if parts.len() < 3 {
                b.warn(
                    "invalid-external-ref",
                    Some(f.line),
                    format!(
                        "expected \"ExternalRef: CATEGORY TYPE LOCATOR\"; found \"ExternalRef: {}\"; it was ignored",
                        f.value
                    ),
                );
                return;
            }
            let (kind, locator) = (parts[1], parts[2]);
            if is_no_value(locator) {
                return;
            }
            if (kind == "purl" || kind.ends_with("/purl") || kind.ends_with("#purl"))
                && c.purl.is_none()
            {
                c.purl = Some(Cow::Borrowed(locator));
            } else if matches!(kind, "cpe23Type" | "cpe22Type") && c.cpe.is_none() {
                c.cpe = Some(Cow::Borrowed(locator));
            }
        }
        _ => {}
    }
    let json_name = match f.tag {
        "PrimaryPackagePurpose" => Some("primaryPackagePurpose"),
        "ReleaseDate" => Some("releaseDate"),
        "BuiltDate" => Some("builtDate"),
        "ValidUntilDate" => Some("validUntilDate"),
        _ => None,
    };
    if minor < 3
        && let Some(name) = json_name
        && SPDX_2_3_PACKAGE_FIELDS.contains(&name)
    {
        b.warn_per_key("newer-spdx-field", f.tag, f.line, || {
            format!(
                "{} is a package field of SPDX 2.3, but the document declares SPDX-2.{minor}; it was read anyway",
                f.tag
            )
        });
    }
}

fn finish_package<'a>(b: &mut Builder<'a>, p: Package<'a>) {
    let mut c = p.c;
    if c.description.is_none() {
        c.description = p.summary;
    }
    if c.name.trim().is_empty() {
        let id = c.bom_ref.as_deref().unwrap_or("without SPDXID");
        b.warn(
            "missing-package-name",
            Some(c.span.start),
            format!("package {id} has an empty PackageName; SPDX requires a name"),
        );
    }
    if c.bom_ref.is_none() {
        b.warn(
            "missing-spdx-id",
            Some(c.span.start),
            format!(
                "package \"{}\" has no SPDXID; SPDX requires one, and nothing can refer to it",
                crate::ingest::shown(&c.display_name())
            ),
        );
    }
    b.add_component(c);
}

fn finish_annotation<'a>(b: &mut Builder<'a>, a: Annotation<'a>) {
    let (Some(target), Some(comment)) = (a.target, a.comment) else {
        return;
    };
    let properties = catscan_properties(&comment, Span::new(a.start, a.end));
    b.annotation(target, a.start, properties);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::{ComponentId, ComponentKind, EdgeKind, Position};
    use std::path::PathBuf;

    fn src() -> SourceFile {
        SourceFile {
            path: PathBuf::from("sbom.spdx"),
            display: "sbom.spdx".into(),
        }
    }

    const DOC: &str = "SPDXVersion: SPDX-2.3
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: edge
# a comment
Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-fw

PackageName: SRX4600
SPDXID: SPDXRef-fw
PackageVersion: 21.4
PackageSupplier: Organization: Juniper Networks (sales@juniper.example)
PackageOriginator: Organization: Juniper Networks, Inc.
PrimaryPackagePurpose: DEVICE
PackageDescription: <text>A firewall
for data centres.</text>
ExternalRef: SECURITY cpe23Type cpe:2.3:h:juniper:srx4600:-:*:*:*:*:*:*:*
ExternalRef: PACKAGE-MANAGER purl pkg:generic/juniper/srx4600@21.4
Annotator: Tool: catscan
AnnotationDate: 2024-01-01T00:00:00Z
AnnotationType: OTHER
SPDXREF: SPDXRef-fw
AnnotationComment: <text>catscan:category=firewall
catscan:throughput=100 Gbps</text>

PackageName: Junos
SPDXID: SPDXRef-os
PrimaryPackagePurpose: OPERATING-SYSTEM
PackageSupplier: NOASSERTION

FileName: ./junos.img
SPDXID: SPDXRef-img

PackageName: libfoo
SPDXID: SPDXRef-os
Relationship: SPDXRef-fw CONTAINS SPDXRef-os
Relationship: SPDXRef-img CONTAINED_BY SPDXRef-fw
Relationship: SPDXRef-fw DEPENDS_ON SPDXRef-gone
Relationship: SPDXRef-fw BUILD_TOOL_OF DocumentRef-other:SPDXRef-x
";

    #[test]
    fn packages_fields_and_positions() {
        let inv = read(src(), DOC).unwrap();
        assert_eq!(inv.spec_version, "2.3");
        assert_eq!(inv.format, Format::SpdxTagValue);
        assert_eq!(inv.components.len(), 3);
        let fw = &inv.components[0];
        assert_eq!(fw.bom_ref.as_deref(), Some("SPDXRef-fw"));
        assert_eq!(
            fw.description.as_deref(),
            Some("A firewall\nfor data centres.")
        );
        super::super::assert_product(
            fw,
            ("SRX4600", "21.4"),
            ("Juniper Networks", "Juniper Networks, Inc."),
            (
                "cpe:2.3:h:juniper:srx4600:-:*:*:*:*:*:*:*",
                "pkg:generic/juniper/srx4600@21.4",
            ),
        );
        assert_eq!(inv.position(fw.span.start), Position { line: 8, column: 1 });
        assert_eq!(&DOC[fw.span.start..fw.span.end], "PackageName: SRX4600");
        assert_eq!(fw.property("catscan:category").unwrap().value, "firewall");
        assert_eq!(fw.property("catscan:throughput").unwrap().value, "100 Gbps");
        let p = fw.property("catscan:category").unwrap();
        assert_eq!(inv.position(p.span.start).line, 18);

        let os = &inv.components[1];
        assert_eq!(os.kind, ComponentKind::OperatingSystem);
        assert!(os.supplier.is_none());
        assert_eq!(os.parent, Some(ComponentId(0)));
        assert_eq!(
            inv.graph.successors(ComponentId(0)),
            vec![(ComponentId(1), EdgeKind::Contains)]
        );
        assert_eq!(inv.graph.edge_count(), 1);
    }

    #[test]
    fn duplicates_and_unknown_references_are_warnings() {
        let inv = read(src(), DOC).unwrap();
        let seen: Vec<_> = inv
            .diagnostics
            .iter()
            .map(|d| (d.code, d.position.unwrap().line))
            .collect();
        assert_eq!(
            seen,
            vec![("duplicate-spdx-id", 33), ("unknown-spdx-id", 37)],
            "{:?}",
            inv.diagnostics
        );
        assert!(
            inv.diagnostics[0]
                .message
                .contains("the package \"Junos\" on line 25"),
            "{}",
            inv.diagnostics[0].message
        );
    }

    #[test]
    fn broken_lines_and_unclosed_text_are_located_errors() {
        let e = read(
            src(),
            "SPDXVersion: SPDX-2.3\nPackageName: a\nthis is not a tag\n",
        )
        .unwrap_err();
        assert_eq!(e.position, Some(Position { line: 3, column: 1 }));
        assert!(
            e.message.contains("expected a \"Tag: value\" line"),
            "{}",
            e.message
        );

        let e = read(
            src(),
            "SPDXVersion: SPDX-2.3\nPackageName: a\nPackageDescription: <text>open\nstill open\n",
        )
        .unwrap_err();
        assert_eq!(
            e.position,
            Some(Position {
                line: 3,
                column: 21
            })
        );
        assert!(e.message.contains("expected \"</text>\""), "{}", e.message);

        let e = read(src(), "SPDXVersion: SPDX-3.0\n").unwrap_err();
        assert_eq!(
            e.position,
            Some(Position {
                line: 1,
                column: 14
            })
        );
        assert!(e.message.contains("\"SPDX-2.2\" or \"SPDX-2.3\""));

        let inv = read(
            src(),
            "SPDXVersion: SPDX-2.2\nSPDXID: SPDXRef-DOCUMENT\nPackageName: a\nSPDXID: SPDXRef-a\nPrimaryPackagePurpose: FIRMWARE\n",
        )
        .unwrap();
        assert_eq!(inv.components[0].kind, ComponentKind::Firmware);
        assert_eq!(inv.diagnostics[0].code, "newer-spdx-field");
    }

    #[test]
    fn a_package_tag_given_twice_is_a_warning_and_every_supplier_is_kept() {
        let text = "SPDXVersion: SPDX-2.3\nSPDXID: SPDXRef-DOCUMENT\nPackageName: a\nSPDXID: SPDXRef-a\n\
                    PackageVersion: 1\nPackageSupplier: NOASSERTION\nPackageVersion: 2\n\
                    PackageSupplier: Organization: Huawei\nPackageOriginator: Organization: Acme\n\
                    PackageOriginator: Person: Jane (jane@example.com)\nExternalRef: OTHER x 1\n\
                    ExternalRef: OTHER x 2\nPackageChecksum: SHA1: 1\nPackageChecksum: SHA1: 2\n";
        let inv = read(src(), text).unwrap();
        let seen: Vec<_> = inv
            .diagnostics
            .iter()
            .map(|d| (d.code, d.position.unwrap().line))
            .collect();
        assert_eq!(
            seen,
            [
                ("duplicate-key", 7),
                ("duplicate-key", 8),
                ("duplicate-key", 10)
            ]
        );
        let a = &inv.components[0];
        assert_eq!(a.version.as_deref(), Some("1"));
        assert!(a.supplier.is_none());
        assert_eq!(
            a.manufacturer.as_ref().unwrap().name.as_deref(),
            Some("Acme")
        );
        assert_eq!(
            a.also_named,
            [
                (PartyField::Supplier, Cow::Borrowed("Huawei")),
                (PartyField::Manufacturer, Cow::Borrowed("Jane")),
            ]
        );
    }

    #[test]
    fn an_annotation_block_declares_the_manufacturer_of_the_package_it_names() {
        let doc = "SPDXVersion: SPDX-2.3\nSPDXID: SPDXRef-DOCUMENT\n\nPackageName: Unit 7 chassis\nSPDXID: SPDXRef-unit-7\nAnnotator: Tool: catscan-0.1.0\nAnnotationDate: 2026-12-07T12:00:00Z\nAnnotationType: OTHER\nSPDXREF: SPDXRef-unit-7\nAnnotationComment: <text>catscan:manufacturer=Example Chassis Works Ltd.\ncatscan:answered=manufacturer \"Example Chassis Works Ltd.\" from a.xlsx</text>\n";
        let inv = read(src(), doc).unwrap();
        let c = &inv.components[0];
        assert_eq!(
            c.manufacturer.as_ref().unwrap().name.as_deref(),
            Some("Example Chassis Works Ltd.")
        );
        assert_eq!(
            c.property("catscan:answered").unwrap().value,
            "manufacturer \"Example Chassis Works Ltd.\" from a.xlsx"
        );
        assert!(c.property("catscan:manufacturer").is_none());
        assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
    }
}
