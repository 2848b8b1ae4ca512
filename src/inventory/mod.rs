//! The uniform shape of what was read: components, their dependency graph and where in the
//! input file each of them came from.
//!
//! Readers (`crate::ingest`) produce an [`Inventory`] per input file; nothing here knows about
//! catalogues or vendors. Text fields borrow from the input buffer wherever the input spells them
//! without escapes, so a 100 MB SBOM is not copied into a second 100 MB of strings.

pub mod dates;

pub mod excerpt;
mod graph;
mod paths;
mod span;

use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;

pub use excerpt::Excerpt;
pub use graph::{DependencyGraph, EdgeKind};
pub use paths::Introductions;
pub use span::{COLUMN_KIND, LineIndex, Position, Span};

/// Text read from an input: borrowed from the file where possible, owned where the input used
/// escapes or entities that had to be decoded.
pub type Text<'a> = Cow<'a, str>;

/// Index of a component within its [`Inventory`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ComponentId(pub u32);

impl ComponentId {
    /// The position in [`Inventory::components`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The kind of a component, as the BOM declares it (CycloneDX `type`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ComponentKind {
    /// Software run on its own (CycloneDX `application`).
    Application,
    /// A software framework (CycloneDX `framework`).
    Framework,
    /// A software library (CycloneDX `library`).
    Library,
    /// A container image (CycloneDX `container`).
    Container,
    /// A runtime platform, such as a virtual machine or cloud service (CycloneDX `platform`).
    Platform,
    /// An operating system (CycloneDX `operating-system`).
    OperatingSystem,
    /// Physical equipment (CycloneDX `device`); the kind the catalogue is mostly about.
    Device,
    /// A device driver (CycloneDX `device-driver`).
    DeviceDriver,
    /// Firmware (CycloneDX `firmware`).
    Firmware,
    /// A file (CycloneDX `file`).
    File,
    /// A machine-learning model (CycloneDX `machine-learning-model`).
    MachineLearningModel,
    /// Data (CycloneDX `data`).
    Data,
    /// A cryptographic asset (CycloneDX `cryptographic-asset`).
    CryptographicAsset,
    /// The BOM gave no kind, or one catscan does not know (kept verbatim for messages).
    Unknown(String),
}

impl ComponentKind {
    /// Maps a CycloneDX `type` value; `None` when the value is not one the specification defines.
    pub fn from_cyclonedx(value: &str) -> Option<Self> {
        Some(match value {
            "application" => Self::Application,
            "framework" => Self::Framework,
            "library" => Self::Library,
            "container" => Self::Container,
            "platform" => Self::Platform,
            "operating-system" => Self::OperatingSystem,
            "device" => Self::Device,
            "device-driver" => Self::DeviceDriver,
            "firmware" => Self::Firmware,
            "file" => Self::File,
            "machine-learning-model" => Self::MachineLearningModel,
            "data" => Self::Data,
            "cryptographic-asset" => Self::CryptographicAsset,
            _ => return None,
        })
    }

    /// The name used in messages and in the JSON output (the CycloneDX spelling).
    pub fn as_str(&self) -> &str {
        match self {
            Self::Application => "application",
            Self::Framework => "framework",
            Self::Library => "library",
            Self::Container => "container",
            Self::Platform => "platform",
            Self::OperatingSystem => "operating-system",
            Self::Device => "device",
            Self::DeviceDriver => "device-driver",
            Self::Firmware => "firmware",
            Self::File => "file",
            Self::MachineLearningModel => "machine-learning-model",
            Self::Data => "data",
            Self::CryptographicAsset => "cryptographic-asset",
            Self::Unknown(s) if s.is_empty() => "unspecified",
            Self::Unknown(s) => s,
        }
    }

    /// Whether a component of this kind can be a product that is sold or provided on its own:
    /// hardware, firmware and deployable software. Libraries, frameworks, drivers, files, data and
    /// models are parts of products; catscan never classifies them as products from their words.
    pub fn is_product_kind(&self) -> bool {
        matches!(
            self,
            Self::Application
                | Self::Container
                | Self::Platform
                | Self::OperatingSystem
                | Self::Device
                | Self::Firmware
                | Self::Unknown(_)
        )
    }

    /// Whether the component is physical equipment.
    pub fn is_hardware(&self) -> bool {
        matches!(self, Self::Device)
    }
}

impl fmt::Display for ComponentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// CycloneDX `scope`: whether the component is part of what is shipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Part of what is shipped (also CycloneDX's meaning when no scope is given).
    Required,
    /// Shipped, but not needed at run time.
    Optional,
    /// Not part of what is shipped; never evaluated.
    Excluded,
}

/// An organisation named in the BOM (CycloneDX `organizationalEntity`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Party<'a> {
    /// The organisation's name (the first, when the object gives `name` twice).
    pub name: Option<Text<'a>>,
    /// Names given after the first, when the object gives `name` twice.
    pub other_names: Vec<Text<'a>>,
    /// `address.country` (CycloneDX 1.6+): a country name or an ISO 3166-1 alpha-2 code.
    pub country: Option<Text<'a>>,
}

/// A name/value property (CycloneDX `properties`), with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Property<'a> {
    /// The property's name, e.g. `catscan:category`.
    pub name: Text<'a>,
    /// The property's value.
    pub value: Text<'a>,
    /// Where the property is written in the input.
    pub span: Span,
}

/// Which field of the BOM a vendor name came from; messages cite it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartyField {
    /// Who made the component: CycloneDX `manufacturer`, SPDX `PackageOriginator`.
    Manufacturer,
    /// CycloneDX `supplier`, SPDX `PackageSupplier`: who supplied it.
    Supplier,
    /// CycloneDX `publisher`.
    Publisher,
    /// Who wrote it: CycloneDX `authors` or `author`.
    Author,
}

impl PartyField {
    /// The field's name, as messages cite it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Manufacturer => "manufacturer",
            Self::Supplier => "supplier",
            Self::Publisher => "publisher",
            Self::Author => "author",
        }
    }
}

/// One component of a BOM, in the shape every reader produces.
#[derive(Debug, Clone, Default)]
pub struct Component<'a> {
    /// The component's kind (CycloneDX `type`).
    pub kind: ComponentKind,
    /// The component's identifier within the BOM (CycloneDX `bom-ref`, SPDX `SPDXID`), which
    /// dependencies refer to.
    pub bom_ref: Option<Text<'a>>,
    /// The name as the BOM writes it; may be empty.
    pub name: Text<'a>,
    /// The group or namespace (CycloneDX `group`, a Maven group id).
    pub group: Option<Text<'a>>,
    /// The version as written.
    pub version: Option<Text<'a>>,
    /// Free text describing the component; classification reads its words.
    pub description: Option<Text<'a>>,
    /// Boxed: most components of a software BOM name no organisation, and a small component
    /// keeps a 100,000-component inventory small.
    pub manufacturer: Option<Box<Party<'a>>>,
    /// Who supplied the component (boxed like `manufacturer`).
    pub supplier: Option<Box<Party<'a>>>,
    /// Who published the component (CycloneDX `publisher`).
    pub publisher: Option<Text<'a>>,
    /// Who wrote the component, in the order given.
    pub authors: Vec<Text<'a>>,
    /// The package URL (`pkg:maven/…`).
    pub purl: Option<Text<'a>>,
    /// The CPE name (`cpe:2.3:h:…`), as written.
    pub cpe: Option<Text<'a>>,
    /// Whether the component is shipped; `None` when the BOM does not say.
    pub scope: Option<Scope>,
    /// Name/value properties, in the order written.
    pub properties: Vec<Property<'a>>,
    /// Organisations the BOM names a second time for a field it gives twice (a duplicate key):
    /// kept, after the others, so that no name can hide behind another.
    pub also_named: Vec<(PartyField, Text<'a>)>,
    /// The component this one is nested in (CycloneDX `components` inside a component).
    pub parent: Option<ComponentId>,
    /// True for the BOM's subject (`metadata.component`).
    pub is_root: bool,
    /// From the start of the component's element to the end of its name: what a SARIF region
    /// highlights.
    pub span: Span,
}

impl Default for ComponentKind {
    fn default() -> Self {
        Self::Unknown(String::new())
    }
}

impl<'a> Component<'a> {
    /// Name as shown to people: `group/name` where a group is given.
    pub fn display_name(&self) -> String {
        let name = if self.name.is_empty() {
            "(unnamed component)"
        } else {
            &self.name
        };
        match &self.group {
            Some(g) if !g.is_empty() => format!("{g}/{name}"),
            _ => name.to_string(),
        }
    }

    /// Name and version, e.g. `NE8000 X8 V800R021`.
    pub fn display_name_version(&self) -> String {
        match &self.version {
            Some(v) if !v.is_empty() => format!("{} {}", self.display_name(), v),
            _ => self.display_name(),
        }
    }

    /// The first property with this exact name.
    pub fn property(&self, name: &str) -> Option<&Property<'a>> {
        self.properties.iter().find(|p| p.name == name)
    }

    /// Organisations named for the component, most authoritative first: who made it, then who
    /// supplied it, then who published or wrote it.
    pub fn parties(&self) -> impl Iterator<Item = (PartyField, &str)> + '_ {
        let made = self.manufacturer.as_ref().and_then(|p| p.name.as_deref());
        let supplied = self.supplier.as_ref().and_then(|p| p.name.as_deref());
        made.map(|n| (PartyField::Manufacturer, n))
            .into_iter()
            .chain(supplied.map(|n| (PartyField::Supplier, n)))
            .chain(
                self.publisher
                    .as_deref()
                    .map(|n| (PartyField::Publisher, n)),
            )
            .chain(
                self.authors
                    .iter()
                    .map(|a| (PartyField::Author, a.as_ref())),
            )
            .chain(self.also_named.iter().map(|(f, n)| (*f, n.as_ref())))
            .filter(|(_, n)| !n.trim().is_empty())
    }
}

/// The input formats catscan reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// CycloneDX 1.x, JSON.
    CycloneDxJson,
    /// CycloneDX 1.x, XML.
    CycloneDxXml,
    /// SPDX 2.2 or 2.3, JSON.
    SpdxJson,
    /// SPDX 2.x tag-value.
    SpdxTagValue,
    /// SPDX 3.0 JSON-LD.
    Spdx3JsonLd,
    /// A supplier's part list as CSV.
    PartListCsv,
    /// A supplier's part list as an Excel workbook.
    PartListXlsx,
    /// A Cargo workspace, located in its `Cargo.lock`.
    CargoLock,
}

impl Format {
    /// The format's name, as reports show it (`CycloneDX JSON`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CycloneDxJson => "CycloneDX JSON",
            Self::CycloneDxXml => "CycloneDX XML",
            Self::SpdxJson => "SPDX JSON",
            Self::SpdxTagValue => "SPDX tag-value",
            Self::Spdx3JsonLd => "SPDX 3 JSON-LD",
            Self::PartListCsv => "CSV part list",
            Self::PartListXlsx => "XLSX part list",
            Self::CargoLock => "Cargo workspace",
        }
    }
}

/// An input file: where it is on disk and how reports name it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceFile {
    /// Path used to open the file.
    pub path: PathBuf,
    /// Path as reports show it: relative to the repository (or working directory) with `/`
    /// separators where the file lies inside it, otherwise absolute.
    pub display: String,
}

/// How serious a reader's diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// How the file was read (its encoding, say); nothing is wrong.
    Note,
    /// Something the specification does not allow, read past; the results may miss something.
    Warning,
    /// A problem serious enough to distrust what was read (SARIF level `error`).
    Error,
}

impl Severity {
    /// The name reports use (`note`, `warning`, `error`), as SARIF spells levels.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// Something a reader noticed about the input itself (not about regulation): a duplicate
/// `bom-ref`, a value the specification does not allow, a dependency on an unknown component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// A stable kebab-case code, e.g. `duplicate-bom-ref`.
    pub code: &'static str,
    /// What was noticed, and what the specification expects.
    pub message: String,
    /// Where in the file; `None` when it concerns the file as a whole.
    pub position: Option<Position>,
}

/// Everything read from one input file.
#[derive(Debug)]
pub struct Inventory<'a> {
    /// The input file.
    pub source: SourceFile,
    /// The format the file was read as.
    pub format: Format,
    /// The specification version the file declares (`1.6`), as written.
    pub spec_version: String,
    /// The file's text; spans index into it.
    pub text: &'a str,
    /// Every component read, in document order; [`ComponentId`]s index this.
    pub components: Vec<Component<'a>>,
    /// Which component depends on which.
    pub graph: DependencyGraph,
    /// What the reader noticed about the file itself.
    pub diagnostics: Vec<Diagnostic>,
    /// Components described only as the ancestry of another (`pedigree`), which are not part of
    /// the product and are therefore not evaluated.
    pub pedigree_components: usize,
    /// For inputs that are not text (a workbook): the position and a label ("sheet 'Parts',
    /// cell B5") of each located thing. Spans then index this table instead of the text, and the
    /// position's line and column are the row and the column of the cell.
    pub cells: Option<Vec<(Position, String)>>,
    /// Where components are declared outside this file: the dependency line of a crate in a
    /// member's `Cargo.toml`. Reports show them beside the component's own location.
    pub declarations: Vec<Declaration>,
    /// Built on the first question about a position, so a file without findings never pays for it.
    lines: std::sync::OnceLock<LineIndex>,
}

/// A place in another file that declares a component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration {
    /// The component declared.
    pub component: ComponentId,
    /// The file, as reports show it.
    pub file: String,
    /// Line and column of the declaration in `file`.
    pub position: Position,
    /// What the place is, for people: "dependency of fw-appliance".
    pub text: String,
}

impl<'a> Inventory<'a> {
    /// An inventory with no components yet, for a reader to fill.
    pub fn new(source: SourceFile, format: Format, spec_version: String, text: &'a str) -> Self {
        Inventory {
            source,
            format,
            spec_version,
            text,
            components: Vec::new(),
            graph: DependencyGraph::default(),
            diagnostics: Vec::new(),
            pedigree_components: 0,
            cells: None,
            declarations: Vec::new(),
            lines: std::sync::OnceLock::new(),
        }
    }

    /// The component with this id (an id of this inventory; another's may be out of range and
    /// panic).
    pub fn component(&self, id: ComponentId) -> &Component<'a> {
        &self.components[id.index()]
    }

    /// Every component's id, in document order.
    pub fn ids(&self) -> impl Iterator<Item = ComponentId> + use<'_, 'a> {
        (0..self.components.len() as u32).map(ComponentId)
    }

    /// The BOM's subject (`metadata.component`), when it has one.
    pub fn root(&self) -> Option<ComponentId> {
        self.components
            .iter()
            .position(|c| c.is_root)
            .map(|i| ComponentId(i as u32))
    }

    /// Line and column of a byte offset in the file, from the file's one [`LineIndex`]: O(log
    /// lines) per question, on one line of a minified file as on many short ones.
    pub fn position(&self, offset: usize) -> Position {
        if let Some(cells) = &self.cells {
            return cells
                .get(offset)
                .map_or(Position { line: 1, column: 1 }, |(p, _)| *p);
        }
        self.lines
            .get_or_init(|| LineIndex::new(self.text))
            .position(self.text, offset)
    }

    /// The parts of the text the snippets of findings on `spans` show (none for a workbook,
    /// whose spans index cells), for the report to keep instead of the whole text.
    pub fn excerpt(&self, spans: impl IntoIterator<Item = std::ops::Range<usize>>) -> Excerpt {
        if self.cells.is_some() {
            return Excerpt::default();
        }
        let index = self.lines.get_or_init(|| LineIndex::new(self.text));
        Excerpt::new(self.text, index, spans)
    }

    /// Where a row of a part list is, in words, for messages: "line 12" of a CSV file, "sheet
    /// 'Parts', cell B5" of a workbook. `None` for BOM formats, whose SARIF location says it.
    pub fn row_label(&self, id: ComponentId) -> Option<String> {
        let start = self.component(id).span.start;
        match (&self.cells, self.format) {
            (Some(cells), _) => cells.get(start).map(|(_, label)| label.clone()),
            (None, Format::PartListCsv) => Some(format!("line {}", self.position(start).line)),
            _ => None,
        }
    }

    /// The ancestors of a component, nearest first.
    pub fn ancestors(&self, id: ComponentId) -> impl Iterator<Item = ComponentId> + '_ {
        std::iter::successors(self.component(id).parent, |p| self.component(*p).parent)
    }
}
