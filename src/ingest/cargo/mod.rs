//! Cargo workspaces, read through `cargo metadata`.
//!
//! [`metadata`] runs `cargo metadata` (or reads a saved copy of its output); [`read_workspace`]
//! turns it into an [`Inventory`] located in the workspace's `Cargo.lock`:
//!
//! - **Components**: every package of the resolve reachable from the selected members through
//!   normal dependencies (and dev-dependencies of the selected members, build-dependencies of
//!   anything, when asked), leaving out dependencies for another `--target`. Members come first:
//!   the selected ones, then other members they depend on, each in `workspace_members` order;
//!   then the rest sorted by name, version and source. The selected members are the roots
//!   (`is_root`), so [`Inventory::root`] is the first selected member.
//! - **Kinds**: a member with a `bin` target is an application, any other package a library.
//! - **Package URLs**: `pkg:cargo/{name}@{version}` for crates.io; `?repository_url=` the index
//!   URL (without Cargo's `registry+`/`sparse+` prefix) for another registry; `?vcs_url=git+{url}@{commit}`
//!   for git, qualifier values percent-encoded as in the purl specification's examples. Path
//!   crates that are not members have none (a `pkg:cargo` purl would name a crates.io crate that
//!   they are not); members have one unless `publish` rules out crates.io (`publish = false`).
//!   Each component's `bom_ref` is its purl, or `{name}@{version}` without one.
//! - **Properties**: `cargo:source` (`registry`, `git`, `path`), `cargo:repository`,
//!   `cargo:license`, and for members the `catscan:` properties declared in
//!   `[package.metadata.catscan]` (see below). Authors are not vendors: they are left out.
//! - **Locations**: each component's span runs from its `[[package]]` line in `Cargo.lock` to
//!   the end of its `name = "…"` line; entries that share a name are told apart by version, then
//!   by source. A package missing from a non-empty `Cargo.lock` is an error (the lock file is
//!   stale). An empty lock text means the workspace has no `Cargo.lock`: one warning, and every
//!   component is located at offset 0 (line 1 of `Cargo.lock`).
//!
//! `[package.metadata.catscan]` of a member, with `[workspace.metadata.catscan]` as the default
//! for each key: `category`, `catalogue-item`, the evidence keys (`certificate`,
//! `certificate-issued`, `certificate-expiry`, `test-report`, `test-report-date`, `mops-permit`,
//! `mops-permit-issued`, `mops-permit-expiry`, `ccci-certificate`, `ccci-issued`, `ccci-expiry`)
//! become the `catscan:` properties of the same names, located (like the component) at the
//! member's `Cargo.lock` entry, since that is the file the findings point into; dates may be
//! TOML dates or strings. `hboms` (paths, relative to the directory of the `Cargo.toml` that
//! says so) of the selected members are returned in [`Workspace::hboms`]. `policy` (a table in
//! the format of `catscan.toml`) of the first selected member that has one, else of the
//! workspace, is returned as TOML text in [`Workspace::policy`]. Unknown keys and values of the
//! wrong type are warnings naming `Cargo.toml` and its line.
//!
//! Saved metadata from another checkout (CI, a colleague's machine) names paths that do not
//! exist here: when the metadata's `workspace_root` does not exist, paths under it are re-based
//! onto the directory of the `Cargo.lock` being read.

mod declared;
mod lock;
mod target;
mod toml_spans;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use cargo_metadata::{CargoOpt, DependencyKind, Metadata, MetadataCommand, Package};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde_json::{Map, Value};

use crate::ingest::ReadError;
use crate::inventory::{
    Component, ComponentId, ComponentKind, DependencyGraph, Diagnostic, EdgeKind, Format,
    Inventory, Position, Property, Severity, SourceFile, Span, Text,
};

use lock::Lock;
use target::TargetCfg;

/// How to run `cargo metadata` and which part of the workspace to read; the fields mirror
/// Cargo's own flags.
#[derive(Debug, Clone, Default)]
pub struct CargoOptions {
    /// `--manifest-path`
    pub manifest_path: Option<PathBuf>,
    /// `--metadata-path`: a saved `cargo metadata --format-version 1` output; cargo is not run.
    pub metadata_path: Option<PathBuf>,
    /// `--features`: features to activate, as cargo takes them.
    pub features: Vec<String>,
    /// `--all-features`
    pub all_features: bool,
    /// `--no-default-features`
    pub no_default_features: bool,
    /// `--target`: platform-specific dependencies for other targets are left out.
    pub target: Option<String>,
    /// `--locked`: cargo must not change Cargo.lock.
    pub locked: bool,
    /// `--offline`: cargo must not use the network.
    pub offline: bool,
    /// `--frozen`: both `--locked` and `--offline`.
    pub frozen: bool,
    /// `--workspace`: every member; otherwise the root package, or the default members of a
    /// virtual manifest.
    pub workspace: bool,
    /// `--exclude`: members left out of `--workspace`.
    pub exclude: Vec<String>,
    /// `-p/--package`: these members (by name, `name@version` or package id).
    pub packages: Vec<String>,
    /// `--dev-dependencies`: follow dev-dependencies of the selected members (never those of their
    /// dependencies).
    pub include_dev: bool,
    /// `--build-dependencies`: follow build-dependencies.
    pub include_build: bool,
}

/// Runs `cargo metadata` with these options (via [`MetadataCommand`]), or reads the saved file.
/// Errors name what failed and what to do (e.g. cargo's stderr when `--locked` fails).
pub fn metadata(options: &CargoOptions) -> Result<Metadata, String> {
    if let Some(path) = &options.metadata_path {
        let text = std::fs::read_to_string(path).map_err(|e| {
            format!(
                "{}: cannot read the saved `cargo metadata` output: {e}",
                path.display()
            )
        })?;
        return MetadataCommand::parse(&text).map_err(|e| {
            format!(
                "{}: not the output of `cargo metadata --format-version 1` ({e}); save it again with `cargo metadata --format-version 1 > {}`",
                path.display(),
                path.display()
            )
        });
    }
    let mut command = MetadataCommand::new();
    if let Some(manifest) = &options.manifest_path {
        command.manifest_path(manifest);
    }
    if options.all_features {
        command.features(CargoOpt::AllFeatures);
    }
    if options.no_default_features {
        command.features(CargoOpt::NoDefaultFeatures);
    }
    if !options.features.is_empty() {
        command.features(CargoOpt::SomeFeatures(options.features.clone()));
    }
    let mut other = Vec::new();
    for (on, flag) in [
        (options.locked, "--locked"),
        (options.offline, "--offline"),
        (options.frozen, "--frozen"),
    ] {
        if on {
            other.push(flag.to_string());
        }
    }
    if let Some(target) = &options.target {
        other.extend(["--filter-platform".to_string(), target.clone()]);
    }
    command.other_options(other);
    command.exec().map_err(|e| explain_cargo_error(e, options))
}

/// What went wrong running `cargo metadata`, with cargo's own words and what to do.
fn explain_cargo_error(error: cargo_metadata::Error, options: &CargoOptions) -> String {
    let stderr = match error {
        cargo_metadata::Error::CargoMetadata { stderr } => stderr,
        cargo_metadata::Error::Io(e) => {
            return format!(
                "cannot run `cargo metadata`: {e}; install Rust (https://rustup.rs) or set CARGO to the cargo binary, or pass --metadata-path with the output of `cargo metadata --format-version 1` saved where cargo runs"
            );
        }
        other => return format!("cannot read what `cargo metadata` printed: {other}"),
    };
    let stderr = stderr.trim();
    let lower = stderr.to_lowercase();
    let hint = if (options.locked || options.frozen)
        && (lower.contains("--locked") || lower.contains("--frozen"))
        && lower.contains("lock file")
    {
        "Cargo.lock is missing or out of date and --locked/--frozen forbids updating it: run `cargo generate-lockfile` (or `cargo update --workspace`) and commit Cargo.lock, or scan without --locked"
    } else if (options.offline || options.frozen)
        && (lower.contains("offline") || lower.contains("--frozen"))
    {
        "when a dependency is not in cargo's local cache, run `cargo fetch` once while online, or scan without --offline/--frozen"
    } else if lower.contains("could not find `cargo.toml`")
        || (lower.contains("manifest path") && lower.contains("does not exist"))
    {
        "run catscan in the workspace, or name its manifest with --manifest-path path/to/Cargo.toml"
    } else {
        "fix what cargo reports, or pass --metadata-path with a saved `cargo metadata --format-version 1` output"
    };
    format!("`cargo metadata` failed:\n{stderr}\n{hint}")
}

/// A policy table as TOML text, the `Cargo.toml` it is written in and the line of its header.
type PolicyText = (String, PathBuf, usize);

/// A Cargo workspace read as an inventory, with what its manifests declare for catscan.
#[derive(Debug)]
pub struct Workspace<'a> {
    /// The components of the resolved dependency graph, located in Cargo.lock.
    pub inventory: Inventory<'a>,
    /// Paths of hardware BOMs the product declares (`hboms` in [package.metadata.catscan]),
    /// resolved against the member's directory, to be scanned with it.
    pub hboms: Vec<PathBuf>,
    /// The policy table of [package.metadata.catscan.policy] (or the workspace's), as TOML text,
    /// for the integrator to parse like catscan.toml; None when absent. Also its location: (path
    /// of the Cargo.toml, 1-based line of the table header). The text is written back from
    /// `cargo metadata`'s JSON, so its own line numbers are not those of the Cargo.toml.
    pub policy: Option<(String, PathBuf, usize)>,
}

/// The workspace as an inventory, located in its Cargo.lock (`lock_text` is the Cargo.lock
/// content, empty when there is none; `lock` is its SourceFile).
pub fn read_workspace<'a>(
    metadata: &cargo_metadata::Metadata,
    lock: SourceFile,
    lock_text: &'a str,
    options: &CargoOptions,
) -> Result<Workspace<'a>, ReadError> {
    let error = |message: String| ReadError {
        file: lock.display.clone(),
        position: None,
        message,
    };
    let Some(resolve) = &metadata.resolve else {
        return Err(error(
            "the `cargo metadata` output has no dependency graph (\"resolve\" is null, as with --no-deps); produce it without --no-deps".into(),
        ));
    };
    let packages: HashMap<&str, &Package> = metadata
        .packages
        .iter()
        .map(|p| (p.id.repr.as_str(), p))
        .collect();
    let members: Vec<&Package> = metadata
        .workspace_members
        .iter()
        .filter_map(|id| packages.get(id.repr.as_str()).copied())
        .collect();
    let member_ids: HashSet<&str> = members.iter().map(|p| p.id.repr.as_str()).collect();
    let mut diagnostics = Vec::new();
    let selected = select(metadata, &members, options, &mut diagnostics).map_err(error)?;
    let selected_ids: HashSet<&str> = selected.iter().map(|p| p.id.repr.as_str()).collect();

    // Walk the resolve from the selected members.
    let target = options.target.as_deref().map(TargetCfg::from_triple);
    let nodes: HashMap<&str, &cargo_metadata::Node> = resolve
        .nodes
        .iter()
        .map(|n| (n.id.repr.as_str(), n))
        .collect();
    let follows = |kinds: &[cargo_metadata::DepKindInfo], from_selected: bool| {
        kinds.is_empty()
            || kinds.iter().any(|k| {
                let kind = match k.kind {
                    DependencyKind::Development => options.include_dev && from_selected,
                    DependencyKind::Build => options.include_build,
                    _ => true,
                };
                kind && target
                    .as_ref()
                    .is_none_or(|t| t.may_apply(k.target.as_ref()))
            })
    };
    let mut reached: HashSet<&str> = selected_ids.clone();
    let mut queue: VecDeque<&str> = selected.iter().map(|p| p.id.repr.as_str()).collect();
    let mut edges: HashMap<&str, Vec<&str>> = HashMap::new();
    while let Some(id) = queue.pop_front() {
        let Some(node) = nodes.get(id) else {
            continue;
        };
        let from_selected = selected_ids.contains(id);
        let deps: Vec<&str> = if node.deps.is_empty() {
            // Metadata from Cargo before 1.41 has no `deps`: every dependency is normal.
            node.dependencies.iter().map(|d| d.repr.as_str()).collect()
        } else {
            node.deps
                .iter()
                .filter(|d| follows(&d.dep_kinds, from_selected))
                .map(|d| d.pkg.repr.as_str())
                .collect()
        };
        let out = edges.entry(id).or_default();
        for dep in deps {
            if !packages.contains_key(dep) || out.contains(&dep) {
                continue;
            }
            out.push(dep);
            if reached.insert(dep) {
                queue.push_back(dep);
            }
        }
    }

    // Members first, the selected ones before the others; then the rest, sorted.
    let mut order: Vec<&Package> = selected.clone();
    order.extend(members.iter().filter(|p| {
        reached.contains(p.id.repr.as_str()) && !selected_ids.contains(p.id.repr.as_str())
    }));
    let mut rest: Vec<&Package> = reached
        .iter()
        .filter(|id| !member_ids.contains(*id))
        .filter_map(|id| packages.get(id).copied())
        .collect();
    rest.sort_by(|a, b| {
        (
            a.name.as_str(),
            &a.version,
            a.source.as_ref().map(|s| s.repr.as_str()),
        )
            .cmp(&(
                b.name.as_str(),
                &b.version,
                b.source.as_ref().map(|s| s.repr.as_str()),
            ))
    });
    order.extend(rest);

    let parsed_lock = Lock::parse(lock_text).map_err(|e| ReadError {
        file: lock.display.clone(),
        position: e.span().map(|span| Position::of(lock_text, span.start)),
        message: format!("not a valid Cargo.lock: {}", e.message()),
    })?;
    let no_lock = lock_text.trim().is_empty();
    let mut inventory = Inventory::new(
        lock.clone(),
        Format::CargoLock,
        parsed_lock.format_version(lock_text),
        lock_text,
    );
    if no_lock {
        inventory.diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            code: "no-cargo-lock",
            message: "the workspace has no Cargo.lock, so every package is located at its first line; run `cargo generate-lockfile` and commit Cargo.lock to have each finding point at the package's entry".into(),
            position: None,
        });
    }

    let paths = Paths::new(metadata, &lock);
    let workspace_table = match declared::catscan_table(&metadata.workspace_metadata) {
        Ok(t) => t,
        Err(found) => {
            diagnostics.push(warning(
                "invalid-catscan-metadata",
                format!(
                    "{}: [workspace.metadata] catscan is {found}; expected a table, [workspace.metadata.catscan]; it is ignored",
                    paths.display(&paths.root_manifest())
                ),
            ));
            None
        }
    };
    let workspace_manifest = Manifest::read(paths.root_manifest(), "workspace.metadata.catscan");
    if let Some(table) = workspace_table {
        check_keys(table, &workspace_manifest, &paths, &mut diagnostics);
    }

    let mut hboms: Vec<PathBuf> = Vec::new();
    let mut policies: Vec<(&str, Option<PolicyText>)> = Vec::new();
    for pkg in &order {
        let is_member = member_ids.contains(pkg.id.repr.as_str());
        let is_selected = selected_ids.contains(pkg.id.repr.as_str());
        let version = pkg.version.to_string();
        let source = pkg.source.as_ref().map(|s| s.repr.as_str());
        let (span, name, version): (Span, Text<'a>, Text<'a>) = if no_lock {
            (
                Span::at(0),
                Cow::Owned(pkg.name.to_string()),
                Cow::Owned(version),
            )
        } else {
            match parsed_lock.find(&pkg.name, &version, source) {
                Some(entry) => (
                    entry.span,
                    Cow::Borrowed(entry.name),
                    Cow::Borrowed(entry.version),
                ),
                None => {
                    return Err(error(format!(
                        "{} {}{} is in the workspace's `cargo metadata` but not in this Cargo.lock, which is out of date or belongs to another workspace; run `cargo generate-lockfile` in the workspace and scan again",
                        pkg.name,
                        version,
                        source.map(|s| format!(" ({s})")).unwrap_or_default()
                    )));
                }
            }
        };
        let (purl, source_kind) = purl(pkg, is_member);
        let mut properties = vec![property("cargo:source", source_kind.to_string(), span)];
        if let Some(r) = pkg
            .repository
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
        {
            properties.push(property("cargo:repository", r.to_string(), span));
        }
        if let Some(l) = pkg
            .license
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            properties.push(property("cargo:license", l.to_string(), span));
        }
        if is_member {
            let manifest = Manifest::read(
                paths.rebase(pkg.manifest_path.as_std_path()),
                "package.metadata.catscan",
            );
            let own = match declared::catscan_table(&pkg.metadata) {
                Ok(t) => t,
                Err(found) => {
                    diagnostics.push(warning(
                        "invalid-catscan-metadata",
                        format!(
                            "{}: [package.metadata] catscan of {} is {found}; expected a table, [package.metadata.catscan]; it is ignored",
                            paths.display(&manifest.path),
                            pkg.name
                        ),
                    ));
                    None
                }
            };
            if let Some(table) = own {
                check_keys(table, &manifest, &paths, &mut diagnostics);
            }
            for key in declared::PROPERTY_KEYS {
                let (value, written) = match own.and_then(|t| t.get(key)) {
                    Some(v) => (v, &manifest),
                    None => match workspace_table.and_then(|t| t.get(key)) {
                        Some(v) => (v, &workspace_manifest),
                        None => continue,
                    },
                };
                match declared::property_value(value) {
                    Some(v) => properties.push(property(&format!("catscan:{key}"), v, span)),
                    None => diagnostics.push(wrong_type(key, value, "a string", written, &paths)),
                }
            }
            if is_selected {
                let (value, written) = match own.and_then(|t| t.get("hboms")) {
                    Some(v) => (Some(v), &manifest),
                    None => (
                        workspace_table.and_then(|t| t.get("hboms")),
                        &workspace_manifest,
                    ),
                };
                if let Some(value) = value {
                    let list = match value {
                        Value::String(s) => Some(vec![s.as_str()]),
                        Value::Array(items) => items.iter().map(Value::as_str).collect(),
                        _ => None,
                    };
                    match list {
                        Some(list) => {
                            // Read only inside the workspace's repository (see `confined`).
                            let dir = written.path.parent().unwrap_or(Path::new("."));
                            let root = super::confined::repository_root(dir);
                            for p in list {
                                let joined = dir.join(p.trim());
                                // A missing file goes on, to be reported as one that could not
                                // be read; one that exists must be inside the repository.
                                let missing = !joined.exists() && !Path::new(p.trim()).has_root();
                                let checked = if missing {
                                    Ok(joined.clone())
                                } else {
                                    super::confined::confine(&root, dir, p)
                                };
                                match checked {
                                    Ok(_) => {
                                        if !hboms.contains(&joined) {
                                            hboms.push(joined);
                                        }
                                    }
                                    Err(e) => diagnostics.push(warning(
                                        "invalid-catscan-value",
                                        format!(
                                            "{}: in [{}]: `hboms`: {e}; it is ignored",
                                            written.at("hboms", &paths),
                                            written.table,
                                        ),
                                    )),
                                }
                            }
                        }
                        None => diagnostics.push(wrong_type(
                            "hboms",
                            value,
                            "an array of paths",
                            written,
                            &paths,
                        )),
                    }
                }
                if let Some(value) = own.and_then(|t| t.get("policy")) {
                    policies.push((
                        pkg.name.as_str(),
                        policy(value, &manifest, &paths, &mut diagnostics),
                    ));
                }
            }
        }
        let bom_ref = purl
            .clone()
            .unwrap_or_else(|| format!("{}@{}", name, version));
        inventory.components.push(Component {
            kind: if is_member && pkg.targets.iter().any(|t| t.is_bin()) {
                ComponentKind::Application
            } else {
                ComponentKind::Library
            },
            bom_ref: Some(Cow::Owned(bom_ref)),
            name,
            version: Some(version),
            description: pkg
                .description
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(|d| Cow::Owned(d.to_string())),
            purl: purl.map(Cow::Owned),
            properties,
            is_root: is_selected,
            span,
            ..Component::default()
        });
    }

    let index: HashMap<&str, ComponentId> = order
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.repr.as_str(), ComponentId(i as u32)))
        .collect();
    let mut graph = DependencyGraph::with_nodes(order.len());
    for pkg in &order {
        for dep in edges.get(pkg.id.repr.as_str()).into_iter().flatten() {
            if let Some(&to) = index.get(dep) {
                graph.add_edge(index[pkg.id.repr.as_str()], to, EdgeKind::DependsOn);
            }
        }
    }
    inventory.graph = graph;

    // Direct dependencies of members: their line in the member's Cargo.toml.
    for pkg in order
        .iter()
        .filter(|p| member_ids.contains(p.id.repr.as_str()))
    {
        let manifest = paths.rebase(pkg.manifest_path.as_std_path());
        let Ok(text) = std::fs::read_to_string(&manifest) else {
            continue;
        };
        let lines = dependency_lines(&text);
        let shown = paths.display(&manifest);
        for dep in edges.get(pkg.id.repr.as_str()).into_iter().flatten() {
            let (Some(&to), Some(dep_pkg)) = (index.get(dep), packages.get(dep)) else {
                continue;
            };
            if let Some(&(line, column)) = lines.get(dep_pkg.name.as_str()) {
                inventory.declarations.push(crate::inventory::Declaration {
                    component: to,
                    file: shown.clone(),
                    position: crate::inventory::Position {
                        line: line as u32,
                        column: column as u32,
                    },
                    text: format!("dependency of {} {}", pkg.name, pkg.version),
                });
            }
        }
    }

    // The first selected member's policy, else the workspace's.
    let mut policy_found = None;
    for (name, p) in policies {
        match (&policy_found, p) {
            (None, Some(p)) => policy_found = Some((name, p)),
            (Some((first, (text, _, _))), Some((other, path, line))) if *text != other => {
                diagnostics.push(warning(
                    "policy-ignored",
                    format!(
                        "{}:{line}: the policy of {name} is ignored: a scan applies one policy, and the policy of {first} comes first",
                        paths.display(&path)
                    ),
                ));
            }
            _ => {}
        }
    }
    let policy = match policy_found {
        Some((_, p)) => Some(p),
        None => workspace_table
            .and_then(|t| t.get("policy"))
            .and_then(|v| policy(v, &workspace_manifest, &paths, &mut diagnostics)),
    };

    inventory.diagnostics.extend(diagnostics);
    Ok(Workspace {
        inventory,
        hboms,
        policy,
    })
}

/// Where each dependency is declared in a manifest: crate name (after `package = "…"` renames)
/// → 1-based line and column of its key, or of the header of its own table
/// (`[dependencies.tokio]`). Every dependency table counts (`[dependencies]`,
/// `[dev-dependencies]`, `[build-dependencies]`, their `[target.….]` forms,
/// `[workspace.dependencies]`); where a crate is declared twice, the first place in the text.
/// The spans are the `toml` crate's (see [`toml_spans`]). A manifest that is not TOML has none
/// (Cargo, which read it before catscan, would have said why).
fn dependency_lines(text: &str) -> HashMap<String, (usize, usize)> {
    let mut offsets = HashMap::new();
    if let Ok(root) = toml::de::DeTable::parse(text) {
        dependency_offsets(root.get_ref(), text, &mut offsets);
    }
    let lines = crate::inventory::LineIndex::new(text);
    offsets
        .into_iter()
        .map(|(name, at)| {
            let p = lines.position(text, at);
            (name, (p.line as usize, p.column as usize))
        })
        .collect()
}

/// The byte offset of every dependency declared in `table` or the tables below it.
fn dependency_offsets(
    table: &toml::de::DeTable<'_>,
    text: &str,
    found: &mut HashMap<String, usize>,
) {
    for (key, value) in table {
        let toml::de::DeValue::Table(inner) = value.get_ref() else {
            continue;
        };
        if !key.get_ref().ends_with("dependencies") {
            dependency_offsets(inner, text, found);
            continue;
        }
        for (name, spec) in inner {
            // `alias = { package = "real-name", … }`
            let real = match spec.get_ref() {
                toml::de::DeValue::Table(t) => toml_spans::field(t, "package")
                    .map(|v| toml_spans::written(text, v))
                    .unwrap_or(name.get_ref()),
                _ => name.get_ref(),
            };
            // A table of its own (`[dependencies.tokio]`) starts at its header.
            let at = if spec.span().start < name.span().start
                && text.as_bytes().get(spec.span().start) == Some(&b'[')
            {
                spec.span().start
            } else {
                name.span().start
            };
            found
                .entry(real.to_string())
                .and_modify(|first| *first = (*first).min(at))
                .or_insert(at);
        }
    }
}

/// The selected members, in `workspace_members` order.
fn select<'m>(
    metadata: &Metadata,
    members: &[&'m Package],
    options: &CargoOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<&'m Package>, String> {
    let names = || {
        members
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !options.exclude.is_empty() && !options.workspace {
        return Err("--exclude can only be used together with --workspace".into());
    }
    if options.workspace {
        for spec in &options.exclude {
            if !members.iter().any(|p| matches_spec(p, spec)) {
                diagnostics.push(warning(
                    "unknown-excluded-package",
                    format!(
                        "--exclude {spec}: no workspace member is called so (members: {})",
                        names()
                    ),
                ));
            }
        }
        let chosen: Vec<&Package> = members
            .iter()
            .filter(|p| !options.exclude.iter().any(|s| matches_spec(p, s)))
            .copied()
            .collect();
        if chosen.is_empty() {
            return Err(format!(
                "--exclude leaves no workspace member to scan (members: {})",
                names()
            ));
        }
        return Ok(chosen);
    }
    if !options.packages.is_empty() {
        for spec in &options.packages {
            if !members.iter().any(|p| matches_spec(p, spec)) {
                let nearest = members
                    .iter()
                    .map(|p| (strsim::damerau_levenshtein(spec, &p.name), p.name.as_str()))
                    .filter(|(d, n)| *d <= 3.max(n.len() / 4))
                    .min_by_key(|(d, _)| *d)
                    .map(|(_, n)| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                return Err(format!(
                    "--package {spec}: no workspace member is called so{nearest} (members: {})",
                    names()
                ));
            }
        }
        return Ok(members
            .iter()
            .filter(|p| options.packages.iter().any(|s| matches_spec(p, s)))
            .copied()
            .collect());
    }
    let root = metadata.resolve.as_ref().and_then(|r| r.root.as_ref());
    if let Some(root) = root
        && let Some(p) = members.iter().find(|p| &p.id == root)
    {
        return Ok(vec![*p]);
    }
    if metadata.workspace_default_members.is_available() {
        let defaults: Vec<&Package> = members
            .iter()
            .filter(|p| metadata.workspace_default_members.contains(&p.id))
            .copied()
            .collect();
        if !defaults.is_empty() {
            return Ok(defaults);
        }
    }
    Ok(members.to_vec())
}

/// Whether a `-p`/`--exclude` value names the package: `name`, `name@version` or its id.
fn matches_spec(p: &Package, spec: &str) -> bool {
    let spec = spec.trim();
    spec == p.name.as_str()
        || spec == p.id.repr
        || spec
            .split_once(['@', ':'])
            .is_some_and(|(n, v)| n == p.name.as_str() && v == p.version.to_string())
}

/// The characters encoded in a purl's name, version and qualifier values: those with a meaning in
/// the purl syntax, as in the specification's `vcs_url=git%2Bhttps://…%40…` example.
const PURL_VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b'<')
    .add(b'>')
    .add(b'=')
    .add(b'?')
    .add(b'@')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The package URL of a package and the kind of its source (`registry`, `git`, `path`).
fn purl(pkg: &Package, member: bool) -> (Option<String>, &'static str) {
    let base = format!(
        "pkg:cargo/{}@{}",
        utf8_percent_encode(&pkg.name, PURL_VALUE),
        utf8_percent_encode(&pkg.version.to_string(), PURL_VALUE)
    );
    let Some(source) = &pkg.source else {
        // A member is the product; it has a crates.io identity unless it cannot be published
        // there. A path dependency is nobody's crates.io crate.
        let on_crates_io = pkg
            .publish
            .as_ref()
            .is_none_or(|registries| registries.iter().any(|r| r == "crates-io"));
        return ((member && on_crates_io).then_some(base), "path");
    };
    if source.is_crates_io() || source.repr == "sparse+https://index.crates.io/" {
        return (Some(base), "registry");
    }
    match source.repr.split_once('+') {
        Some(("registry" | "sparse", index)) => (
            Some(format!(
                "{base}?repository_url={}",
                utf8_percent_encode(index, PURL_VALUE)
            )),
            "registry",
        ),
        Some(("git", url)) => (
            Some(format!(
                "{base}?vcs_url={}",
                utf8_percent_encode(&vcs_url(url), PURL_VALUE)
            )),
            "git",
        ),
        // Sources catscan does not know (a local registry, a directory): no purl.
        Some(("directory", _)) => (None, "directory"),
        _ => (None, "other"),
    }
}

/// `git+{url}@{commit}` from Cargo's `https://host/repo?branch=main#commit`: the commit Cargo
/// locked, else the revision, tag or branch asked for.
fn vcs_url(source: &str) -> String {
    let (url, fragment) = source.split_once('#').unwrap_or((source, ""));
    let (url, query) = url.split_once('?').unwrap_or((url, ""));
    let asked = query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        matches!(k, "rev" | "tag" | "branch").then_some(v)
    });
    match Some(fragment).filter(|f| !f.is_empty()).or(asked) {
        Some(rev) => format!("git+{url}@{rev}"),
        None => format!("git+{url}"),
    }
}

fn property<'a>(name: &str, value: String, span: Span) -> Property<'a> {
    Property {
        name: Cow::Owned(name.to_string()),
        value: Cow::Owned(value),
        span,
    }
}

fn warning(code: &'static str, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        code,
        message,
        position: None,
    }
}

/// A `Cargo.toml`, read for line numbers only (`cargo metadata` has the values), and the table
/// its catscan keys are in.
struct Manifest {
    path: PathBuf,
    text: String,
    table: &'static str,
}

impl Manifest {
    fn read(path: PathBuf, table: &'static str) -> Self {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        Manifest { path, text, table }
    }

    /// `path:line` of a key of the catscan table, or `path` when it cannot be found.
    fn at(&self, key: &str, paths: &Paths) -> String {
        match declared::key_line(&self.text, self.table, key) {
            Some(line) => format!("{}:{line}", paths.display(&self.path)),
            None => paths.display(&self.path),
        }
    }
}

/// Warns about keys of a catscan table that catscan does not read.
fn check_keys(
    table: &Map<String, Value>,
    manifest: &Manifest,
    paths: &Paths,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for key in table.keys() {
        if !declared::valid_keys().any(|k| k == key) {
            diagnostics.push(warning(
                "unknown-catscan-key",
                format!(
                    "{}: in [{}]: {}",
                    manifest.at(key, paths),
                    manifest.table,
                    declared::unknown_key_message(key)
                ),
            ));
        }
    }
}

fn wrong_type(
    key: &str,
    value: &Value,
    expected: &str,
    manifest: &Manifest,
    paths: &Paths,
) -> Diagnostic {
    warning(
        "invalid-catscan-value",
        format!(
            "{}: in [{}]: `{key}` is {}; expected {expected}; it is ignored",
            manifest.at(key, paths),
            manifest.table,
            declared::kind(value)
        ),
    )
}

/// The policy table as text with where it is written; a warning when it is not a table.
fn policy(
    value: &Value,
    manifest: &Manifest,
    paths: &Paths,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<PolicyText> {
    let Value::Object(table) = value else {
        diagnostics.push(wrong_type(
            "policy",
            value,
            "a table in the format of catscan.toml",
            manifest,
            paths,
        ));
        return None;
    };
    match declared::policy_text(table) {
        Ok(text) => Some((
            text,
            manifest.path.clone(),
            declared::policy_line(&manifest.text, manifest.table),
        )),
        Err(e) => {
            diagnostics.push(warning(
                "invalid-catscan-value",
                format!(
                    "{}: in [{}]: `policy` cannot be read: {e}; it is ignored",
                    manifest.at("policy", paths),
                    manifest.table
                ),
            ));
            None
        }
    }
}

/// Paths from the metadata, re-based onto this checkout, and how reports show them.
struct Paths {
    /// The metadata's workspace root, when it does not exist here.
    from: Option<PathBuf>,
    /// The workspace root here.
    root: PathBuf,
    /// The directory of the Cargo.lock, absolute, and how reports show it (`` or `dir/`).
    lock_dir: Option<PathBuf>,
    lock_dir_display: String,
}

impl Paths {
    fn new(metadata: &Metadata, lock: &SourceFile) -> Self {
        let root = metadata.workspace_root.as_std_path().to_path_buf();
        let lock_dir = lock.path.parent().map(|d| {
            let d = if d.as_os_str().is_empty() {
                Path::new(".")
            } else {
                d
            };
            std::path::absolute(d).unwrap_or_else(|_| d.to_path_buf())
        });
        let lock_dir_display = lock
            .display
            .rsplit_once('/')
            .map(|(dir, _)| format!("{dir}/"))
            .unwrap_or_default();
        match &lock_dir {
            Some(dir) if !root.exists() && dir.exists() => Paths {
                from: Some(root),
                root: dir.clone(),
                lock_dir,
                lock_dir_display,
            },
            _ => Paths {
                from: None,
                root,
                lock_dir,
                lock_dir_display,
            },
        }
    }

    fn rebase(&self, path: &Path) -> PathBuf {
        match self
            .from
            .as_ref()
            .and_then(|from| path.strip_prefix(from).ok())
        {
            Some(rel) => self.root.join(rel),
            None => path.to_path_buf(),
        }
    }

    fn root_manifest(&self) -> PathBuf {
        self.root.join("Cargo.toml")
    }

    /// Relative to the report's base (like the Cargo.lock) when under the Cargo.lock's
    /// directory, else as it is.
    fn display(&self, path: &Path) -> String {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        match self
            .lock_dir
            .as_ref()
            .and_then(|d| absolute.strip_prefix(d).ok())
        {
            Some(rel) => {
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                format!("{}{}", self.lock_dir_display, rel.join("/"))
            }
            None => path.display().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependency_lines_are_found_in_every_dependency_table() {
        let text = "[package]\nname = \"app\"\n\n[dependencies]\nserde = \"1\"\nlog.workspace = true\nfoo = { package = \"bar\", path = \"x\" }\n\n[target.'cfg(unix)'.dependencies]\n  nix = \"0.29\"\n\n[dependencies.tokio]\nversion = \"1\"\n";
        let lines = dependency_lines(text);
        assert_eq!(lines["serde"], (5, 1));
        assert_eq!(lines["log"], (6, 1));
        assert_eq!(lines["bar"], (7, 1));
        assert!(!lines.contains_key("foo"));
        assert_eq!(lines["nix"], (10, 3));
        assert_eq!(lines["tokio"], (12, 1));
        assert!(!lines.contains_key("name") && !lines.contains_key("version"));
    }

    #[test]
    fn dependency_lines_read_dates_quoted_keys_and_renamed_tables() {
        let text = "[package]\nname = \"app\"\n\n[package.metadata.catscan]\ncertificate-issued = 2024-03-01\n\n[dev-dependencies]\n  \"quoted\" = \"1\"\n\n[dependencies.alias]\npackage = \"real\"\nversion = \"2\"\n\n[dependencies]\nquoted = \"1\"\n";
        let lines = dependency_lines(text);
        assert_eq!(lines["quoted"], (8, 3), "the first declaration in the text");
        assert_eq!(lines["real"], (10, 1));
        assert!(!lines.contains_key("alias"));
    }

    #[test]
    fn a_lock_file_that_is_not_toml_is_a_located_error() {
        let metadata: Metadata = serde_json::from_str(include_str!(
            "../../../tests/workspaces/firewall/metadata.json"
        ))
        .unwrap();
        let source = SourceFile {
            path: "Cargo.lock".into(),
            display: "Cargo.lock".to_string(),
        };
        let text = "version = 4\n\n[[package]]\nname = \"app\n";
        let Err(e) = read_workspace(&metadata, source, text, &CargoOptions::default()) else {
            panic!("a broken lock file is read");
        };
        assert_eq!(
            e.position,
            Some(Position {
                line: 4,
                column: 12
            })
        );
        assert_eq!(
            e.message,
            "not a valid Cargo.lock: invalid basic string, expected `\"`"
        );
    }

    #[test]
    fn vcs_urls_name_the_locked_commit() {
        assert_eq!(
            vcs_url("https://github.com/example/netfilter?branch=main#5f1a9e3"),
            "git+https://github.com/example/netfilter@5f1a9e3"
        );
        assert_eq!(
            vcs_url("https://github.com/example/netfilter?tag=v1.0"),
            "git+https://github.com/example/netfilter@v1.0"
        );
        assert_eq!(
            vcs_url("https://github.com/example/netfilter"),
            "git+https://github.com/example/netfilter"
        );
    }

    #[test]
    fn package_specs() {
        let json = r#"{"name":"fw-core","version":"2.1.0","id":"path+file:///w/crates/fw-core#2.1.0","source":null,"dependencies":[],"targets":[],"features":{},"manifest_path":"/w/crates/fw-core/Cargo.toml","edition":"2021","license":null,"license_file":null,"description":null,"categories":[],"keywords":[],"readme":null,"repository":null,"homepage":null,"documentation":null,"links":null,"publish":null,"authors":[],"metadata":null}"#;
        let p: Package = serde_json::from_str(json).unwrap();
        assert!(matches_spec(&p, "fw-core"));
        assert!(matches_spec(&p, "fw-core@2.1.0"));
        assert!(matches_spec(&p, "path+file:///w/crates/fw-core#2.1.0"));
        assert!(!matches_spec(&p, "fw-core@2.0.0"));
        assert!(!matches_spec(&p, "fw"));
        // A member that may be published has a crates.io purl; a path dependency has none.
        assert_eq!(
            purl(&p, true),
            (Some("pkg:cargo/fw-core@2.1.0".into()), "path")
        );
        assert_eq!(purl(&p, false), (None, "path"));
    }
}
