//! CycloneDX readers: JSON (specification 1.2 to 1.7) and XML (1.0 to 1.7).
//!
//! Both readers walk the document once and hand what they find to a `Builder`, which owns the
//! parts that do not depend on the syntax: placing nested components, resolving `bom-ref`s into
//! the dependency graph (first occurrence wins, every duplicate is reported), and turning byte
//! offsets into located diagnostics. Why catscan reads CycloneDX itself instead of through
//! `cyclonedx-bom` is recorded in `docs/adr/0001-cyclonedx-readers.md`.
//!
//! A component property `catscan:manufacturer` names the component's manufacturer when it names
//! none (its `manufacturer`, which components have from 1.6, or for the BOM's subject
//! `metadata.manufacture`); a different named one counts, and the declared name is kept beside it
//! with a `conflicting-manufacturer` warning. The rule is the SPDX declaration's
//! ([`crate::ingest::declared`]); `catscan enrich` writes an answered manufacturer so before 1.6.

mod checks;
pub mod json;
mod split;
pub mod xml;

use super::diagnostics::{PendingDiagnostic, locate};
use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::ingest::declared::{MANUFACTURER_DECLARATION, Wording, declare_manufacturer};
use crate::inventory::{
    Component, ComponentId, DependencyGraph, EdgeKind, Format, Inventory, Party, PartyField,
    Severity, SourceFile, Text,
};

pub use checks::SpecVersion;

/// XML elements nested deeper than this are refused with a located error; up to it they are read
/// on a growing stack. The same limit as JSON's (see `crate::ingest::depth`).
pub fn max_nesting() -> usize {
    crate::ingest::depth::max_depth()
}

/// One entry of the BOM's `dependencies`; its targets are
/// `Builder::dependency_targets[targets.0..targets.1]`, kept in one vector for all entries.
#[derive(Debug)]
pub(crate) struct DependencyEntry<'a> {
    pub reference: Option<Text<'a>>,
    pub offset: usize,
    pub targets: (usize, usize),
}

/// Lengths of a builder's collections at one moment, to undo what was read after it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Snapshot {
    components: usize,
    dependencies: usize,
    dependency_targets: usize,
    service_refs: usize,
    diagnostics: usize,
    version_dependent: usize,
    unknown_keys: usize,
    pedigree_components: usize,
}

/// What both readers build up while walking a document (or, for a large JSON document, one
/// contiguous share of it; see [`split`]).
pub(crate) struct Builder<'a> {
    pub text: &'a str,
    pub spec: SpecVersion,
    pub components: Vec<Component<'a>>,
    pub dependencies: Vec<DependencyEntry<'a>>,
    /// `dependsOn` values of all entries, with their offsets.
    pub dependency_targets: Vec<(Text<'a>, usize)>,
    /// `bom-ref`s of services, which dependencies may name although they are not components.
    pub service_refs: Vec<Text<'a>>,
    pub pedigree_components: usize,
    /// `metadata.manufacture` (deprecated 1.6): the maker of the BOM's subject.
    pub metadata_manufacture: Option<Box<Party<'a>>>,
    /// `metadata.supplier`: who supplied the BOM's subject.
    pub metadata_supplier: Option<Box<Party<'a>>>,
    /// Names `metadata.manufacture` and `metadata.supplier` give beyond the first: a second
    /// element or key, or a second `name` in the organisation. They go with the organisation
    /// they repeat, so that a listed vendor cannot hide behind the other name.
    metadata_also_named: Vec<(PartyField, Text<'a>)>,
    /// Offset of the last key read: where to point a diagnostic about an object that has no key
    /// of its own (`{}`).
    pub cursor: usize,
    /// Set by a parallel JSON reader that ended its walk early on purpose: the rest of the
    /// document belongs to another thread.
    pub stopped: bool,
    diagnostics: Vec<PendingDiagnostic>,
    /// Problems that are problems only before a given specification version (`1.x`), decided
    /// once the document's version is known (it may come last).
    version_dependent: Vec<(u8, PendingDiagnostic)>,
    /// Keys the schema does not define: (object, key, offset); aggregated when finishing.
    unknown_keys: Vec<(&'static str, String, usize)>,
}

impl<'a> Builder<'a> {
    pub fn new(text: &'a str) -> Self {
        Builder {
            text,
            spec: SpecVersion::NEWEST,
            components: Vec::new(),
            dependencies: Vec::new(),
            dependency_targets: Vec::new(),
            service_refs: Vec::new(),
            pedigree_components: 0,
            metadata_manufacture: None,
            metadata_supplier: None,
            metadata_also_named: Vec::new(),
            cursor: 0,
            stopped: false,
            diagnostics: Vec::new(),
            version_dependent: Vec::new(),
            unknown_keys: Vec::new(),
        }
    }

    /// Reserves the slot of a component before its nested components are read, so that they
    /// can name it as their parent.
    pub fn begin_component(&mut self) -> ComponentId {
        self.components.push(Component::default());
        ComponentId(self.components.len() as u32 - 1)
    }

    pub fn finish_component(&mut self, id: ComponentId, component: Component<'a>) {
        self.components[id.index()] = component;
    }

    /// Keeps an organisation `metadata` gives for the BOM's subject: `manufacture`
    /// ([`PartyField::Manufacturer`]) or `supplier` ([`PartyField::Supplier`]). The first one
    /// given is the organisation; the names of any later one, and a second `name` within one,
    /// are kept beside it, as for a component's own fields.
    pub fn metadata_party(&mut self, field: PartyField, mut party: Party<'a>) {
        let slot = match field {
            PartyField::Manufacturer => &mut self.metadata_manufacture,
            _ => &mut self.metadata_supplier,
        };
        let extra = std::mem::take(&mut party.other_names);
        match slot {
            Some(_) => self
                .metadata_also_named
                .extend(party.name.into_iter().map(|n| (field, n))),
            None => *slot = Some(Box::new(party)),
        }
        self.metadata_also_named
            .extend(extra.into_iter().map(|n| (field, n)));
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

    /// A warning that applies only if the document's version is older than `1.{minor}`.
    pub fn warn_before_version(
        &mut self,
        minor: u8,
        code: &'static str,
        offset: Option<usize>,
        message: impl Into<String>,
    ) {
        let d = PendingDiagnostic {
            severity: Severity::Warning,
            code,
            message: message.into(),
            offset,
            related: None,
        };
        self.version_dependent.push((minor, d));
    }

    /// Keeps the version-dependent warnings that apply to the document's version (`self.spec`).
    pub fn resolve_version_dependent(&mut self) {
        for (minor, d) in std::mem::take(&mut self.version_dependent) {
            if !self.spec.at_least(minor) {
                self.diagnostics.push(d);
            }
        }
    }

    /// A key the CycloneDX schema does not define for this object (the schema allows no others).
    pub fn unknown_key(&mut self, object: &'static str, key: &str, offset: usize) {
        self.unknown_keys.push((object, key.to_string(), offset));
    }

    /// Byte offset of text borrowed from the document, or `None` for decoded (owned) text.
    pub fn offset_of(&self, text: &str) -> Option<usize> {
        let base = self.text.as_ptr() as usize;
        let p = text.as_ptr() as usize;
        (p >= base && p <= base + self.text.len()).then(|| p - base)
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            components: self.components.len(),
            dependencies: self.dependencies.len(),
            dependency_targets: self.dependency_targets.len(),
            service_refs: self.service_refs.len(),
            diagnostics: self.diagnostics.len(),
            version_dependent: self.version_dependent.len(),
            unknown_keys: self.unknown_keys.len(),
            pedigree_components: self.pedigree_components,
        }
    }

    /// Forgets everything read after `s` was taken.
    pub fn rewind(&mut self, s: Snapshot) {
        self.components.truncate(s.components);
        self.dependencies.truncate(s.dependencies);
        self.dependency_targets.truncate(s.dependency_targets);
        self.service_refs.truncate(s.service_refs);
        self.diagnostics.truncate(s.diagnostics);
        self.version_dependent.truncate(s.version_dependent);
        self.unknown_keys.truncate(s.unknown_keys);
        self.pedigree_components = s.pedigree_components;
    }

    /// Appends what another builder read from the part of the same document that follows this
    /// builder's part.
    pub fn append(&mut self, mut next: Builder<'a>) {
        let base = self.components.len() as u32;
        self.components
            .extend(next.components.drain(..).map(|mut c| {
                c.parent = c.parent.map(|p| ComponentId(p.0 + base));
                c
            }));
        let targets = self.dependency_targets.len();
        self.dependencies
            .extend(next.dependencies.drain(..).map(|mut d| {
                d.targets = (d.targets.0 + targets, d.targets.1 + targets);
                d
            }));
        self.dependency_targets.append(&mut next.dependency_targets);
        self.service_refs.append(&mut next.service_refs);
        self.pedigree_components += next.pedigree_components;
        self.metadata_manufacture = self
            .metadata_manufacture
            .take()
            .or(next.metadata_manufacture);
        self.metadata_supplier = self.metadata_supplier.take().or(next.metadata_supplier);
        self.metadata_also_named
            .append(&mut next.metadata_also_named);
        self.diagnostics.append(&mut next.diagnostics);
        self.version_dependent.append(&mut next.version_dependent);
        self.unknown_keys.append(&mut next.unknown_keys);
    }

    /// Ends the walk: applies BOM-level vendors to the root, builds the graph and locates the
    /// diagnostics.
    pub fn finish(
        mut self,
        source: SourceFile,
        format: Format,
        spec_version: String,
    ) -> Inventory<'a> {
        self.apply_metadata_parties();
        self.apply_declarations();
        let graph = self.build_graph();
        self.report_unknown_keys();
        let mut inventory = Inventory::new(source, format, spec_version, self.text);
        inventory.components = self.components;
        inventory.graph = graph;
        inventory.pedigree_components = self.pedigree_components;
        inventory.diagnostics = locate(&inventory, self.diagnostics);
        inventory
    }

    /// One warning per unknown key and object kind, with how often it occurs.
    fn report_unknown_keys(&mut self) {
        let mut seen: BTreeMap<(&'static str, String), (usize, usize)> = BTreeMap::new();
        for (object, key, offset) in std::mem::take(&mut self.unknown_keys) {
            let e = seen.entry((object, key)).or_insert((0, offset));
            e.0 += 1;
            e.1 = e.1.min(offset);
        }
        for ((object, key), (count, offset)) in seen {
            let times = if count > 1 {
                format!(" ({count} times)")
            } else {
                String::new()
            };
            self.warn(
                "unknown-field",
                Some(offset),
                format!("\"{key}\" is not a field of {object} in CycloneDX; it was ignored{times}"),
            );
        }
    }

    /// `metadata.manufacture` and `metadata.supplier` describe the BOM's subject; they stand in
    /// for the root component's own fields when those are absent, with every name they gave
    /// (see [`Builder::metadata_party`]).
    fn apply_metadata_parties(&mut self) {
        let Some(root) = self.components.iter_mut().find(|c| c.is_root) else {
            return;
        };
        let manufacture_used = root.manufacturer.is_none();
        let supplier_used = root.supplier.is_none();
        if manufacture_used {
            root.manufacturer = self.metadata_manufacture.take();
        }
        if supplier_used {
            root.supplier = self.metadata_supplier.take();
        }
        let also_named = std::mem::take(&mut self.metadata_also_named);
        root.also_named
            .extend(also_named.into_iter().filter(|(field, _)| match field {
                PartyField::Manufacturer => manufacture_used,
                _ => supplier_used,
            }));
    }

    /// A `catscan:manufacturer` property names its component's manufacturer by the rule SPDX
    /// declarations follow too ([`crate::ingest::declared`]): taken when the component names
    /// none (its `manufacturer`, 1.6 and later, or for the BOM's subject `metadata.manufacture`),
    /// otherwise kept beside the named one with a `conflicting-manufacturer` warning at the
    /// property. The property itself leaves the component's properties, as an SPDX declaration
    /// never becomes one.
    fn apply_declarations(&mut self) {
        const WORDING: Wording = Wording {
            component: "component",
            named_by: "its manufacturer, the BOM's metadata.manufacture, or an earlier declaration",
            declared_by: "a property",
        };
        let mut warnings = Vec::new();
        for c in &mut self.components {
            if !c
                .properties
                .iter()
                .any(|p| p.name == MANUFACTURER_DECLARATION)
            {
                continue;
            }
            let (declared, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut c.properties)
                .into_iter()
                .partition(|p| p.name == MANUFACTURER_DECLARATION);
            c.properties = kept;
            for p in declared {
                let at = p.span.start;
                warnings.extend(declare_manufacturer(c, p.value, WORDING).map(|m| (at, m)));
            }
        }
        for (at, message) in warnings {
            self.warn("conflicting-manufacturer", Some(at), message);
        }
    }

    /// Nesting and `dependencies` as graph edges. `bom-ref`s are resolved to the first component
    /// that carries them; every later one, every empty one and every reference to nothing is
    /// reported. The references of a large BOM are resolved on all cores.
    fn build_graph(&mut self) -> DependencyGraph {
        let mut graph = DependencyGraph::with_nodes(self.components.len());
        let mut by_ref: FxHashMap<&str, ComponentId> = FxHashMap::default();
        by_ref.reserve(self.components.len());
        let mut warnings: Vec<PendingDiagnostic> = Vec::new();
        let mut warn =
            |offset: usize, code: &'static str, message: String, related: Option<usize>| {
                warnings.push(PendingDiagnostic {
                    severity: Severity::Warning,
                    code,
                    message,
                    offset: Some(offset),
                    related,
                });
            };
        for (i, c) in self.components.iter().enumerate() {
            let id = ComponentId(i as u32);
            if let Some(parent) = c.parent {
                graph.add_edge(parent, id, EdgeKind::Contains);
            }
            let Some(r) = c.bom_ref.as_deref() else {
                continue;
            };
            if r.is_empty() {
                let message = format!(
                    "component \"{}\" has an empty bom-ref; nothing can refer to it",
                    c.display_name()
                );
                warn(c.span.start, "empty-bom-ref", message, None);
                continue;
            }
            if let Some(&first) = by_ref.get(r) {
                let first = &self.components[first.index()];
                let message = format!(
                    "bom-ref \"{r}\" is used again; references to it are resolved to the first component that has it, \"{}\" on line {{line}}",
                    first.display_name()
                );
                warn(
                    c.span.start,
                    "duplicate-bom-ref",
                    message,
                    Some(first.span.start),
                );
                continue;
            }
            by_ref.insert(r, id);
        }
        let services: FxHashSet<&str> = self.service_refs.iter().map(|r| r.as_ref()).collect();
        let resolve = |entries: &[DependencyEntry<'a>]| {
            let mut edges = Vec::new();
            let mut problems = Vec::new();
            for dep in entries {
                let Some(reference) = dep.reference.as_deref().filter(|r| !r.is_empty()) else {
                    problems.push((
                        dep.offset,
                        "invalid-dependency",
                        "a dependency entry has no \"ref\"; it was ignored".to_string(),
                    ));
                    continue;
                };
                let Some(&from) = by_ref.get(reference) else {
                    if !services.contains(reference) {
                        problems.push((dep.offset, "unknown-reference", format!("the dependency entry for \"{reference}\" names no component or service of this BOM; it was ignored")));
                    }
                    continue;
                };
                for (target, offset) in &self.dependency_targets[dep.targets.0..dep.targets.1] {
                    match by_ref.get(target.as_ref()) {
                        Some(&to) => edges.push((from, to)),
                        None if services.contains(target.as_ref()) => {}
                        None => problems.push((*offset, "unknown-reference", format!("\"{reference}\" depends on \"{target}\", which names no component or service of this BOM; the edge was ignored"))),
                    }
                }
            }
            (edges, problems)
        };
        let threads = split::threads_for(self.dependency_targets.len() * 64);
        let chunk = self.dependencies.len().div_ceil(threads).max(1);
        let resolved: Vec<_> = if threads == 1 {
            vec![resolve(&self.dependencies)]
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = self
                    .dependencies
                    .chunks(chunk)
                    .map(|part| scope.spawn(move || resolve(part)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("a reference-resolving thread panicked"))
                    .collect()
            })
        };
        for (edges, problems) in resolved {
            for (from, to) in edges {
                graph.add_edge(from, to, EdgeKind::DependsOn);
            }
            for (offset, code, message) in problems {
                warn(offset, code, message, None);
            }
        }
        self.diagnostics.append(&mut warnings);
        graph
    }
}
