//! SPDX readers: 2.2 and 2.3 as JSON and tag-value, 3.0 as JSON-LD.
//!
//! Each reader walks its syntax and hands what it finds to a `Builder`, which owns what does
//! not depend on the syntax: declaring element identifiers (the first element with an identifier
//! wins, every later one is reported as `duplicate-spdx-id` naming the line of the first),
//! turning relationships into the dependency graph, marking the document's subject as the root,
//! and locating diagnostics.
//!
//! # What becomes a component
//!
//! Every SPDX 2 Package becomes a [`Component`]; so does every SPDX 3 `software_Package` and its
//! subclasses `ai_AIPackage` and `dataset_DatasetPackage`. Files and Snippets are not components
//! and are counted nowhere: an SPDX document lists the files of a package for licensing, and a
//! file is not a product. The one exception is an SPDX 3 `software_File` that the document names
//! as its root element (the SBOM of a single binary, where no package exists): it is the BOM's
//! subject and becomes the root component. Files and snippets still declare their identifiers,
//! so relationships that name them are not reported as unknown.
//!
//! Mapping of an SPDX 2 package (SPDX 3 names in brackets):
//!
//! | SPDX | component |
//! |---|---|
//! | `name` | `name` (a package without one is reported as `missing-package-name`) |
//! | `versionInfo` `software_packageVersion` | `version` |
//! | `description`, else `summary` | `description` |
//! | `supplier` `suppliedBy` | `supplier` |
//! | `originator` [`originatedBy`, the first] | `manufacturer`: the originator made it |
//! | `externalRefs` type `purl` [`software_packageUrl`, `externalIdentifier` `packageUrl`] | `purl` |
//! | `externalRefs` type `cpe23Type`/`cpe22Type` [`externalIdentifier` `cpe23`/`cpe22`], the first | `cpe` |
//! | `primaryPackagePurpose` `software_primaryPurpose` | `kind` |
//! | `SPDXID` `spdxId` | `bom_ref` |
//!
//! A package without a name or without an identifier is reported (`missing-package-name`,
//! `missing-spdx-id`) and still becomes a component, so that nothing the BOM lists escapes
//! evaluation; only a package with neither is left out.
//!
//! SPDX 2 parties are written `Organization: Name (email)` or `Person: Name (email)`; the prefix
//! and a trailing parenthesis that is empty or holds an e-mail address are removed. `NOASSERTION`
//! and `NONE` mean absent. SPDX 3 parties are references to `Organization`, `Person`,
//! `SoftwareAgent` or `Agent` elements, whose `name` is used; a reference to no element of the
//! document is reported as `unknown-spdx-id`, and if it is spelled like an SPDX 2 party
//! (`Organization: Name`) that name is used.
//!
//! Purposes without a CycloneDX counterpart (`SOURCE`, `ARCHIVE`, `INSTALL`, `OTHER`; in SPDX 3
//! also `executable`, `module`, …) are kept verbatim, lower-cased for SPDX 2, as
//! [`ComponentKind::Unknown`].
//!
//! # Declarations for catscan
//!
//! SPDX has no free-form component properties. An annotation of a package (SPDX 2: an entry of
//! the package's `annotations`, or in tag-value an `Annotator:` block whose `SPDXREF:` names the
//! package; SPDX 3: an `Annotation` whose `subject` is the package) whose comment (`statement`)
//! has lines of the form `catscan:NAME=VALUE` gives one [`Property`] per such line, named
//! `catscan:NAME`, located at the annotation. This lets an SPDX document carry the same
//! declarations as CycloneDX properties, e.g. `catscan:category=router`. Other lines and other
//! annotations are ignored. A line is split at its first `=` and both sides are trimmed, so a
//! value may contain `=` but not a line break, nor begin or end with white space.
//!
//! `catscan:manufacturer=NAME` names the package's manufacturer, for a package that names no
//! originator (`catscan enrich` writes a supplier's answer so): it becomes the component's
//! `manufacturer`, not a property. When the package names an originator, the originator counts
//! unless the two names differ only in case (then the declared spelling is used); a different
//! declared name is kept beside the originator, as a second originator would be, and reported
//! as `conflicting-manufacturer`. The CycloneDX readers read a `catscan:manufacturer` property by
//! the same rule ([`crate::ingest::declared`]).
//!
//! # Relationships
//!
//! | SPDX 2 | SPDX 3 | graph |
//! |---|---|---|
//! | `A DEPENDS_ON B`, `A STATIC_LINK B`, `A DYNAMIC_LINK B` | `dependsOn`, `hasStaticLink`, `hasDynamicLink`, `hasOptionalDependency`, `hasProvidedDependency` | `A → B` [`EdgeKind::DependsOn`] |
//! | `A DEPENDENCY_OF B`, `RUNTIME_`, `OPTIONAL_`, `PROVIDED_DEPENDENCY_OF` | | `B → A` [`EdgeKind::DependsOn`] |
//! | `A CONTAINS B` / `B CONTAINED_BY A` | `contains` | `A → B` [`EdgeKind::Contains`]; `A` becomes `B`'s parent unless it has one |
//! | `DOC DESCRIBES A`, `A DESCRIBED_BY DOC`, `documentDescribes` | `describes`, `rootElement` | `A` is the root (the first one) |
//!
//! Build, development and test relationships (`BUILD_DEPENDENCY_OF`, `DEV_DEPENDENCY_OF`,
//! `TEST_DEPENDENCY_OF`, `BUILD_TOOL_OF`, …; SPDX 3 relationships scoped to `build`,
//! `development` or `test`) are not edges: what they connect is not part of the product. All
//! other relationship types are not edges either. Relationships between a package and a file,
//! snippet or the document are not edges, because only packages are components. Every
//! relationship is checked: an endpoint that names no element of the document is reported as
//! `unknown-spdx-id`, except references into other documents (SPDX 2 `DocumentRef-…:SPDXRef-…`,
//! SPDX 3 identifiers listed in the document's `import`), SPDX vocabulary IRIs and
//! `NOASSERTION`/`NONE`.
//!
//! # Versions
//!
//! SPDX 2.2 and 2.3 are read; 2.0 and 2.1 are read with an `unsupported-spdx-version` warning;
//! any other `spdxVersion` stops the reader with an error that names the field and the expected
//! values. SPDX 2.3 package fields in a document that declares an older version are reported as
//! `newer-spdx-field` and read anyway. SPDX 3.0.x is read as JSON-LD; the version is the
//! `specVersion` of the document's `CreationInfo`.

mod json;
mod jsonld;
mod tag_value;
mod tree;

pub(crate) use tag_value::{Field as TagValueField, fields as tag_value_fields};

use super::diagnostics::{PendingDiagnostic, locate};
use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::ingest::ReadError;
use crate::ingest::declared::{Wording, declare_manufacturer};
use crate::inventory::{
    Component, ComponentId, ComponentKind, DependencyGraph, EdgeKind, Format, Inventory, Party,
    Position, Property, Severity, SourceFile, Span, Text,
};

/// Reads an SPDX 2.2 or 2.3 JSON document.
pub fn read_json<'a>(source: SourceFile, text: &'a str) -> Result<Inventory<'a>, ReadError> {
    json::read(source, text)
}

/// Reads an SPDX 2.x tag-value document.
pub fn read_tag_value<'a>(source: SourceFile, text: &'a str) -> Result<Inventory<'a>, ReadError> {
    tag_value::read(source, text)
}

/// Reads an SPDX 3.0.x JSON-LD document.
pub fn read_jsonld<'a>(source: SourceFile, text: &'a str) -> Result<Inventory<'a>, ReadError> {
    jsonld::read(source, text)
}

/// The SPDX 2 package fields that SPDX 2.3 introduced.
const SPDX_2_3_PACKAGE_FIELDS: [&str; 4] = [
    "primaryPackagePurpose",
    "releaseDate",
    "builtDate",
    "validUntilDate",
];

/// A located error about the input.
pub(crate) fn error(
    source: &SourceFile,
    text: &str,
    offset: Option<usize>,
    message: impl Into<String>,
) -> ReadError {
    ReadError {
        file: source.display.clone(),
        position: offset.map(|o| Position::of(text, o)),
        message: message.into(),
    }
}

/// The version of an SPDX 2 document, from `spdxVersion` (`SPDX-2.3`).
pub(crate) enum Version2 {
    /// 2.2 or 2.3: the minor version.
    Supported(u8),
    /// 2.0 or 2.1: read with a warning.
    Old(u8),
    Invalid,
}

impl Version2 {
    pub fn parse(value: &str) -> Self {
        match value.trim() {
            "SPDX-2.3" => Self::Supported(3),
            "SPDX-2.2" => Self::Supported(2),
            "SPDX-2.1" => Self::Old(1),
            "SPDX-2.0" => Self::Old(0),
            _ => Self::Invalid,
        }
    }

    pub const EXPECTED: &'static str =
        "\"SPDX-2.2\" or \"SPDX-2.3\" (\"SPDX-2.0\" and \"SPDX-2.1\" are read with a warning)";

    pub fn minor(&self) -> u8 {
        match self {
            Self::Supported(m) | Self::Old(m) => *m,
            Self::Invalid => 3,
        }
    }
}

/// The kind of an SPDX 2 `primaryPackagePurpose` (either spelling of `OPERATING-SYSTEM`); the
/// flag is false for a value the specification does not define.
pub(crate) fn kind_from_purpose_2(value: &str) -> (ComponentKind, bool) {
    let v = value.trim();
    let kind = match v.replace('_', "-").to_ascii_uppercase().as_str() {
        "APPLICATION" => ComponentKind::Application,
        "FRAMEWORK" => ComponentKind::Framework,
        "LIBRARY" => ComponentKind::Library,
        "CONTAINER" => ComponentKind::Container,
        "OPERATING-SYSTEM" => ComponentKind::OperatingSystem,
        "DEVICE" => ComponentKind::Device,
        "FIRMWARE" => ComponentKind::Firmware,
        "FILE" => ComponentKind::File,
        "SOURCE" | "ARCHIVE" | "INSTALL" | "OTHER" => {
            ComponentKind::Unknown(v.to_ascii_lowercase())
        }
        _ => return (ComponentKind::Unknown(v.to_ascii_lowercase()), false),
    };
    (kind, true)
}

/// The values `kind_from_purpose_2` knows, for messages.
pub(crate) const PURPOSES_2: &str = "APPLICATION, FRAMEWORK, LIBRARY, CONTAINER, OPERATING-SYSTEM, DEVICE, FIRMWARE, FILE, SOURCE, ARCHIVE, INSTALL, OTHER";

/// Text that is a part of `whole`: borrowed from the input when `whole` is.
pub(crate) fn sub<'a>(whole: &Text<'a>, part: &str) -> Text<'a> {
    match whole {
        Cow::Borrowed(w) => {
            let base = w.as_ptr() as usize;
            let p = part.as_ptr() as usize;
            if p >= base && p + part.len() <= base + w.len() {
                Cow::Borrowed(&w[p - base..p - base + part.len()])
            } else {
                Cow::Owned(part.to_owned())
            }
        }
        Cow::Owned(_) => Cow::Owned(part.to_owned()),
    }
}

/// Whether an SPDX value means "nothing" (`NOASSERTION`, `NONE`, empty).
pub(crate) fn is_no_value(value: &str) -> bool {
    matches!(value.trim(), "" | "NOASSERTION" | "NONE")
}

/// The name in an SPDX 2 party (`Organization: ACME Ltd. (info@acme.example)`), or `None` for
/// `NOASSERTION`, `NONE` or nothing.
pub(crate) fn party_name<'a>(value: &Text<'a>) -> Option<Text<'a>> {
    let mut s = value.trim();
    if is_no_value(s) {
        return None;
    }
    for prefix in ["Organization:", "Person:", "Tool:"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim();
            break;
        }
    }
    if s.ends_with(')')
        && let Some(open) = s.rfind('(')
    {
        let inside = s[open + 1..s.len() - 1].trim();
        if inside.is_empty() || inside.contains('@') {
            s = s[..open].trim_end();
        }
    }
    if is_no_value(s) {
        return None;
    }
    Some(sub(value, s))
}

pub(crate) fn party<'a>(name: Text<'a>) -> Option<Box<Party<'a>>> {
    Some(Box::new(Party {
        name: Some(name),
        ..Party::default()
    }))
}

/// `catscan:NAME=VALUE` lines of an annotation's comment, as properties located at `span`.
pub(crate) fn catscan_properties<'a>(comment: &Text<'a>, span: Span) -> Vec<Property<'a>> {
    let mut out = Vec::new();
    for line in comment.lines() {
        let line = line.trim();
        if !line.starts_with("catscan:") {
            continue;
        }
        let Some((name, value)) = line.split_once('=') else {
            continue;
        };
        let (name, value) = (name.trim(), value.trim());
        if name.len() > "catscan:".len() {
            out.push(Property {
                name: sub(comment, name),
                value: sub(comment, value),
                span,
            });
        }
    }
    out
}

pub use crate::ingest::declared::MANUFACTURER_DECLARATION;

/// How the `conflicting-manufacturer` warning names an SPDX package and its declaration.
const WORDING: Wording = Wording {
    component: "package",
    named_by: "its originator, or an earlier declaration",
    declared_by: "an annotation",
};

/// Gives a package the declarations of one of its annotations: `catscan:manufacturer` names its
/// manufacturer (the rule every format shares, [`declare_manufacturer`]), every other
/// declaration becomes a property. Returns the `conflicting-manufacturer` warnings, each with the
/// offset of its declaration.
pub(crate) fn declare<'a>(
    c: &mut Component<'a>,
    properties: Vec<Property<'a>>,
) -> Vec<(usize, String)> {
    let mut warnings = Vec::new();
    for p in properties {
        if p.name != MANUFACTURER_DECLARATION {
            c.properties.push(p);
            continue;
        }
        if is_no_value(&p.value) {
            continue;
        }
        let at = p.span.start;
        warnings.extend(declare_manufacturer(c, p.value, WORDING).map(|m| (at, m)));
    }
    warnings
}

/// What a relationship means for the graph, with its direction already normalised
/// (`B DEPENDENCY_OF A` is recorded as `A` depends on `B`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RelKind {
    DependsOn,
    Contains,
    Describes,
    /// Checked for unknown identifiers, otherwise ignored.
    Other,
}

/// Maps an SPDX 2 `relationshipType`; the flag says whether the direction is reversed.
pub(crate) fn relationship_2(kind: &str) -> (RelKind, bool) {
    match kind.trim() {
        "DEPENDS_ON" | "STATIC_LINK" | "DYNAMIC_LINK" => (RelKind::DependsOn, false),
        "DEPENDENCY_OF"
        | "RUNTIME_DEPENDENCY_OF"
        | "OPTIONAL_DEPENDENCY_OF"
        | "PROVIDED_DEPENDENCY_OF" => (RelKind::DependsOn, true),
        "CONTAINS" => (RelKind::Contains, false),
        "CONTAINED_BY" => (RelKind::Contains, true),
        "DESCRIBES" => (RelKind::Describes, false),
        "DESCRIBED_BY" => (RelKind::Describes, true),
        _ => (RelKind::Other, false),
    }
}

#[derive(Debug)]
struct Relation<'a> {
    from: Text<'a>,
    kind: RelKind,
    /// The relationship type as written, for messages.
    label: Text<'a>,
    to: Text<'a>,
    offset: usize,
}

#[derive(Debug, Clone, Copy)]
enum ElementKind {
    Component(ComponentId),
    Other(&'static str),
}

#[derive(Debug, Clone, Copy)]
struct Element {
    offset: usize,
    kind: ElementKind,
}

/// What a reader builds up while walking a document.
pub(crate) struct Builder<'a> {
    pub text: &'a str,
    /// How the format names identifiers in messages: `SPDXID` or `spdxId`.
    id_field: &'static str,
    pub components: Vec<Component<'a>>,
    elements: FxHashMap<Text<'a>, Element>,
    relations: Vec<Relation<'a>>,
    /// Identifiers the document says it describes, in document order, with where they are.
    described: Vec<(Text<'a>, usize)>,
    /// `catscan:` declarations by the identifier of what they annotate.
    annotations: Vec<(Text<'a>, usize, Vec<Property<'a>>)>,
    /// Identifiers of elements of other documents (SPDX 3 `import`).
    external: FxHashSet<Text<'a>>,
    /// SPDX 2 files, each as the component it becomes if the document describes it and no
    /// package (see [`Builder::declare_file`]).
    subject_files: Vec<(Text<'a>, Component<'a>)>,
    diagnostics: Vec<PendingDiagnostic>,
    /// Per-key warnings that are reported once per key: (code, key) → (count, first offset,
    /// message for one occurrence).
    per_key: BTreeMap<(&'static str, String), (usize, usize, String)>,
}

impl<'a> Builder<'a> {
    pub fn new(text: &'a str, id_field: &'static str) -> Self {
        Builder {
            text,
            id_field,
            components: Vec::new(),
            elements: FxHashMap::default(),
            relations: Vec::new(),
            described: Vec::new(),
            annotations: Vec::new(),
            external: FxHashSet::default(),
            subject_files: Vec::new(),
            diagnostics: Vec::new(),
            per_key: BTreeMap::new(),
        }
    }

    pub fn warn(&mut self, code: &'static str, offset: Option<usize>, message: impl Into<String>) {
        self.diagnostics.push(PendingDiagnostic {
            severity: Severity::Warning,
            code,
            message: message.into(),
            offset,
            related: None,
        });
    }

    /// A warning reported once per `key`, at its first occurrence, with how often it occurred.
    pub fn warn_per_key(
        &mut self,
        code: &'static str,
        key: &str,
        offset: usize,
        message: impl FnOnce() -> String,
    ) {
        match self.per_key.get_mut(&(code, key.to_string())) {
            Some(e) => {
                e.0 += 1;
                e.1 = e.1.min(offset);
            }
            None => {
                self.per_key
                    .insert((code, key.to_string()), (1, offset, message()));
            }
        }
    }

    /// Adds a component and declares its identifier (if any) at the component's start.
    pub fn add_component(&mut self, component: Component<'a>) -> ComponentId {
        let id = ComponentId(self.components.len() as u32);
        let start = component.span.start;
        let bom_ref = component.bom_ref.clone();
        self.components.push(component);
        if let Some(r) = bom_ref {
            self.declare_as(r, start, ElementKind::Component(id));
        }
        id
    }

    /// Declares the identifier of an element that is not a component (`what`: "file", …).
    pub fn declare(&mut self, id: Text<'a>, offset: usize, what: &'static str) {
        self.declare_as(id, offset, ElementKind::Other(what));
    }

    /// Declares an SPDX 2 file. A file is no component, except when the document describes it
    /// and no package: then it is the BOM's subject (the SBOM of a single binary), as the same
    /// document's SPDX 3 copy makes its root `software_File` the subject.
    pub fn declare_file(
        &mut self,
        id: Text<'a>,
        offset: usize,
        name: Option<Text<'a>>,
        span: Span,
    ) {
        self.declare(id.clone(), offset, "file");
        let component = Component {
            name: name.unwrap_or_default(),
            kind: ComponentKind::File,
            bom_ref: Some(id.clone()),
            span,
            ..Component::default()
        };
        self.subject_files.push((id, component));
    }

    /// Makes the described file the subject when the document describes no package.
    fn adopt_subject_file(&mut self) {
        let files = std::mem::take(&mut self.subject_files);
        if files.is_empty()
            || self
                .described
                .iter()
                .any(|(id, _)| matches!(self.resolve(id), Ok(Some(_))))
        {
            return;
        }
        // `documentDescribes` and `rootElement` are in `described`; DESCRIBES relationships
        // from the document are read later, with the graph.
        let described: Vec<Text<'a>> = self
            .described
            .iter()
            .map(|(id, _)| id.clone())
            .chain(
                self.relations
                    .iter()
                    .filter(|r| {
                        r.kind == RelKind::Describes && matches!(self.resolve(&r.from), Ok(None))
                    })
                    .map(|r| r.to.clone()),
            )
            .collect();
        if described
            .iter()
            .any(|id| matches!(self.resolve(id), Ok(Some(_))))
        {
            return;
        }
        let mut files = files;
        for id in described {
            if let Some(at) = files.iter().position(|(f, _)| f.trim() == id.trim()) {
                let (file_id, component) = files.swap_remove(at);
                let cid = ComponentId(self.components.len() as u32);
                self.components.push(component);
                if let Some(e) = self.elements.get_mut(file_id.trim()) {
                    e.kind = ElementKind::Component(cid);
                }
                return;
            }
        }
    }

    pub fn is_declared(&self, id: &str) -> bool {
        self.elements.contains_key(id)
    }

    fn declare_as(&mut self, id: Text<'a>, offset: usize, kind: ElementKind) {
        if id.trim().is_empty() {
            self.warn(
                "missing-spdx-id",
                Some(offset),
                format!(
                    "an element has an empty {}; nothing can refer to it",
                    self.id_field
                ),
            );
            return;
        }
        if let Some(first) = self.elements.get(id.as_ref()).copied() {
            let what = match first.kind {
                ElementKind::Component(c) => format!(
                    "the package \"{}\"",
                    self.components[c.index()].display_name()
                ),
                ElementKind::Other(what) => format!("the {what}"),
            };
            self.diagnostics.push(PendingDiagnostic {
                severity: Severity::Warning,
                code: "duplicate-spdx-id",
                message: format!(
                    "{} \"{id}\" is used again; references to it are resolved to the first element that has it, {what} on line {{line}}",
                    self.id_field
                ),
                offset: Some(offset),
                related: Some(first.offset),
            });
            return;
        }
        self.elements.insert(id, Element { offset, kind });
    }

    /// Marks an identifier of another document (SPDX 3 `import`): references to it are fine.
    pub fn external(&mut self, id: Text<'a>) {
        self.external.insert(id);
    }

    pub fn relation(
        &mut self,
        from: Text<'a>,
        kind: RelKind,
        label: Text<'a>,
        to: Text<'a>,
        offset: usize,
    ) {
        self.relations.push(Relation {
            from,
            kind,
            label,
            to,
            offset,
        });
    }

    /// The document says it describes `id` (`documentDescribes`, `rootElement`).
    pub fn describes(&mut self, id: Text<'a>, offset: usize) {
        self.described.push((id, offset));
    }

    pub fn annotation(&mut self, target: Text<'a>, offset: usize, properties: Vec<Property<'a>>) {
        if !properties.is_empty() {
            self.annotations.push((target, offset, properties));
        }
    }

    /// Whether a reference names an element of another document or an SPDX vocabulary IRI, or
    /// is `NOASSERTION`/`NONE`.
    pub fn is_external_or_vocabulary(&self, id: &str) -> bool {
        self.is_outside(id)
    }

    /// Whether a reference needs no element of this document: `NOASSERTION`/`NONE`, an
    /// element of another document or an SPDX vocabulary IRI.
    fn is_outside(&self, id: &str) -> bool {
        let id = id.trim();
        is_no_value(id)
            || (id.starts_with("DocumentRef-") && id.contains(':'))
            || id.starts_with("https://spdx.org/")
            || id.starts_with("http://spdx.org/")
            || self.external.contains(id)
    }

    /// Resolves a reference: `Ok(Some)` for a component, `Ok(None)` for another element or
    /// something outside the document, `Err` for an unknown identifier.
    fn resolve(&self, id: &str) -> Result<Option<ComponentId>, ()> {
        match self.elements.get(id.trim()) {
            Some(Element {
                kind: ElementKind::Component(c),
                ..
            }) => Ok(Some(*c)),
            Some(_) => Ok(None),
            None if self.is_outside(id) => Ok(None),
            None => Err(()),
        }
    }

    pub fn finish(
        mut self,
        source: SourceFile,
        format: Format,
        spec_version: String,
    ) -> Inventory<'a> {
        self.adopt_subject_file();
        self.apply_annotations();
        let graph = self.build_graph();
        self.mark_root();
        for ((code, _), (count, offset, message)) in std::mem::take(&mut self.per_key) {
            let message = if count > 1 {
                format!("{message} ({count} times)")
            } else {
                message
            };
            self.warn(code, Some(offset), message);
        }
        let mut inventory = Inventory::new(source, format, spec_version, self.text);
        inventory.components = self.components;
        inventory.graph = graph;
        inventory.diagnostics = locate(&inventory, self.diagnostics);
        inventory
    }

    fn apply_annotations(&mut self) {
        for (target, offset, properties) in std::mem::take(&mut self.annotations) {
            match self.resolve(&target) {
                Ok(Some(c)) => {
                    for (at, message) in declare(&mut self.components[c.index()], properties) {
                        self.warn("conflicting-manufacturer", Some(at), message);
                    }
                }
                Ok(None) => self.warn(
                    "misplaced-declaration",
                    Some(offset),
                    format!(
                        "an annotation with catscan: declarations is about \"{target}\", which is not a package; only packages are components, so it was ignored"
                    ),
                ),
                Err(()) => self.warn(
                    "unknown-spdx-id",
                    Some(offset),
                    format!(
                        "an annotation with catscan: declarations is about \"{target}\", which is no element of this document; it was ignored"
                    ),
                ),
            }
        }
    }

    fn build_graph(&mut self) -> DependencyGraph {
        let mut graph = DependencyGraph::with_nodes(self.components.len());
        let mut seen: FxHashSet<(u32, u32, EdgeKind)> = FxHashSet::default();
        let relations = std::mem::take(&mut self.relations);
        for r in &relations {
            let from = self.resolve(&r.from);
            let to = self.resolve(&r.to);
            let mut unknown = Vec::new();
            if from.is_err() {
                unknown.push(&r.from);
            }
            if to.is_err() && r.to != r.from {
                unknown.push(&r.to);
            }
            if !unknown.is_empty() {
                let names = unknown
                    .iter()
                    .map(|u| format!("\"{u}\""))
                    .collect::<Vec<_>>()
                    .join(" and ");
                let which = if unknown.len() > 1 {
                    "which are no elements"
                } else {
                    "which is no element"
                };
                self.warn(
                    "unknown-spdx-id",
                    Some(r.offset),
                    format!(
                        "the relationship {} {} {} names {names}, {which} of this document; it was ignored",
                        r.from, r.label, r.to
                    ),
                );
                continue;
            }
            match r.kind {
                RelKind::Describes => {
                    if let (Ok(None), Ok(Some(_))) = (from, to) {
                        self.described.push((r.to.clone(), r.offset));
                    }
                }
                RelKind::DependsOn | RelKind::Contains => {
                    let (Ok(Some(a)), Ok(Some(b))) = (from, to) else {
                        continue;
                    };
                    if a == b {
                        continue;
                    }
                    let kind = if r.kind == RelKind::Contains {
                        EdgeKind::Contains
                    } else {
                        EdgeKind::DependsOn
                    };
                    if kind == EdgeKind::Contains && self.components[b.index()].parent.is_none() {
                        if self.is_ancestor_or_self(b, a) {
                            self.warn(
                                "containment-cycle",
                                Some(r.offset),
                                format!(
                                    "{} CONTAINS {} would make a package contain itself; it is kept as an edge but not as nesting",
                                    r.from, r.to
                                ),
                            );
                        } else {
                            self.components[b.index()].parent = Some(a);
                        }
                    }
                    if seen.insert((a.0, b.0, kind)) {
                        graph.add_edge(a, b, kind);
                    }
                }
                RelKind::Other => {}
            }
        }
        graph
    }

    /// Whether `ancestor` is `id` or one of its ancestors.
    fn is_ancestor_or_self(&self, ancestor: ComponentId, id: ComponentId) -> bool {
        let mut cur = Some(id);
        while let Some(c) = cur {
            if c == ancestor {
                return true;
            }
            cur = self.components[c.index()].parent;
        }
        false
    }

    fn mark_root(&mut self) {
        let mut root = None;
        for (id, offset) in std::mem::take(&mut self.described) {
            match self.resolve(&id) {
                Ok(Some(c)) => {
                    if root.is_none() {
                        root = Some(c);
                    }
                }
                Ok(None) => {}
                Err(()) => self.warn(
                    "unknown-spdx-id",
                    Some(offset),
                    format!(
                        "the document describes \"{id}\", which is no element of this document"
                    ),
                ),
            }
        }
        if let Some(c) = root {
            self.components[c.index()].is_root = true;
        }
    }
}

/// What the SPDX readers' tests check of a product package: its name and version, that it is a
/// device, its supplier and manufacturer, its CPE and purl, and that it is the document's subject.
#[cfg(test)]
pub(super) fn assert_product(
    c: &Component<'_>,
    (name, version): (&str, &str),
    (supplier, manufacturer): (&str, &str),
    (cpe, purl): (&str, &str),
) {
    assert_eq!(c.name, name);
    assert_eq!(c.version.as_deref(), Some(version));
    assert_eq!(c.kind, ComponentKind::Device);
    let supplier_name = c.supplier.as_ref().and_then(|p| p.name.as_deref());
    assert_eq!(supplier_name, Some(supplier));
    let manufacturer_name = c.manufacturer.as_ref().and_then(|p| p.name.as_deref());
    assert_eq!(manufacturer_name, Some(manufacturer));
    assert_eq!(c.cpe.as_deref(), Some(cpe));
    assert_eq!(c.purl.as_deref(), Some(purl));
    assert!(c.is_root);
}

/// What the SPDX JSON readers' tests check of their documents' relationships: the first package
/// contains the second, which depends on the third, and no other relationship became an edge.
#[cfg(test)]
pub(super) fn assert_contains_then_depends(inv: &Inventory<'_>) {
    assert_eq!(
        inv.graph.successors(ComponentId(0)),
        vec![(ComponentId(1), EdgeKind::Contains)]
    );
    assert_eq!(
        inv.graph.successors(ComponentId(1)),
        vec![(ComponentId(2), EdgeKind::DependsOn)]
    );
    assert_eq!(inv.graph.edge_count(), 2);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parties_lose_their_prefix_and_email() {
        let name = |s: &'static str| party_name(&Cow::Borrowed(s)).map(|n| n.into_owned());
        assert_eq!(
            name("Organization: ACME Ltd. (info@acme.example)").as_deref(),
            Some("ACME Ltd.")
        );
        assert_eq!(name("Person: Jane Doe ()").as_deref(), Some("Jane Doe"));
        assert_eq!(
            name("Organization: Acme (China)").as_deref(),
            Some("Acme (China)")
        );
        assert_eq!(name("NOASSERTION"), None);
        assert_eq!(name("Organization: NOASSERTION"), None);
        assert!(matches!(
            party_name(&Cow::Borrowed("Organization: X")),
            Some(Cow::Borrowed("X"))
        ));
    }

    #[test]
    fn catscan_lines_become_properties() {
        let c: Text<'_> =
            Cow::Borrowed("note\ncatscan:category = router\ncatscan:throughput=2 Tbps");
        let p = catscan_properties(&c, Span::at(3));
        assert_eq!(p.len(), 2);
        assert_eq!(
            (p[0].name.as_ref(), p[0].value.as_ref()),
            ("catscan:category", "router")
        );
        assert_eq!(p[1].value, "2 Tbps");
    }
}
