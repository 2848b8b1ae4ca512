//! Finds the data files under `catalogues/` and writes the list that `knowledge::BUILTIN` compiles
//! into the binary, so that adding an edition, a rule pack or a procurement instrument is adding
//! one file: no Rust to edit.
//!
//! A file is classified by where it is:
//! - `catalogues/cn/regime.toml` is the legal regime; every other `catalogues/cn/*.toml` is a
//!   catalogue edition;
//! - every `catalogues/packs/*.toml` is an origin rule pack;
//! - `catalogues/procurement/classes.toml` holds the product classes; every other
//!   `catalogues/procurement/*.toml` is a procurement instrument;
//! - the files at the top of `catalogues/` are known by name (`sources.toml`, `vendors.toml`, …).
//!
//! `README.md` files are documentation and are left out. Anything else (a file of another kind,
//! a top-level file of an unknown name, a folder no rule above names) stops the build with its
//! path and what was expected: a data file that would silently not be loaded is worse than a
//! failed build.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The top-level files, by file name, and the `Builtin` field each fills.
const TOP_LEVEL: &[(&str, &str)] = &[
    ("sources.toml", "sources"),
    ("attributes.toml", "attributes"),
    ("categories.toml", "categories"),
    ("product-lines.toml", "product_lines"),
    ("vendors.toml", "vendors"),
    ("knowledge.toml", "review"),
];

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let root = manifest.join("catalogues");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    match builtin_source(&root) {
        Ok(code) => {
            std::fs::write(out.join("builtin.rs"), code)
                .unwrap_or_else(|e| panic!("cannot write {}/builtin.rs: {e}", out.display()));
        }
        Err(message) => panic!("{message}"),
    }
}

/// The data files, classified.
#[derive(Default)]
struct Found {
    single: Vec<(&'static str, PathBuf)>,
    regime: Option<PathBuf>,
    editions: Vec<PathBuf>,
    packs: Vec<PathBuf>,
    procurement_classes: Option<PathBuf>,
    procurement: Vec<PathBuf>,
}

/// The Rust expression of the `Builtin` value, or what is wrong with the folder.
fn builtin_source(root: &Path) -> Result<String, String> {
    let mut found = Found::default();
    rerun_if_changed(root);
    for entry in sorted_entries(root)? {
        let name = file_name(&entry);
        if entry.is_dir() {
            rerun_if_changed(&entry);
            for file in sorted_entries(&entry)? {
                rerun_if_changed(&file);
                if file.is_dir() {
                    return Err(format!(
                        "{}: catalogues/{name}/ holds data files only, not folders",
                        shown(&file)
                    ));
                }
                let file_name = file_name(&file);
                if file_name == "README.md" {
                    continue;
                }
                if !file_name.ends_with(".toml") {
                    return Err(format!(
                        "{}: expected a .toml data file (or README.md) in catalogues/{name}/",
                        shown(&file)
                    ));
                }
                match (name.as_str(), file_name.as_str()) {
                    ("cn", "regime.toml") => found.regime = Some(file),
                    ("cn", _) => found.editions.push(file),
                    ("packs", _) => found.packs.push(file),
                    ("procurement", "classes.toml") => found.procurement_classes = Some(file),
                    ("procurement", _) => found.procurement.push(file),
                    _ => {
                        return Err(format!(
                            "{}: unexpected folder catalogues/{name}/; data files go in cn/ (editions and regime.toml), packs/ (origin rule packs) or procurement/ (instruments and classes.toml)",
                            shown(&entry)
                        ));
                    }
                }
            }
            continue;
        }
        rerun_if_changed(&entry);
        if name == "README.md" {
            continue;
        }
        match TOP_LEVEL.iter().find(|(file, _)| *file == name) {
            Some((_, field)) => found.single.push((field, entry)),
            None => {
                return Err(format!(
                    "{}: unexpected file at the top of catalogues/; the files there are {}",
                    shown(&entry),
                    TOP_LEVEL
                        .iter()
                        .map(|(file, _)| *file)
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
    }

    let mut code = String::from("Builtin {\n");
    for (file, field) in TOP_LEVEL {
        let path = found
            .single
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, p)| p)
            .ok_or_else(|| format!("catalogues/{file} is missing"))?;
        let _ = writeln!(code, "    {field}: {},", data_file(root, path));
    }
    let one = |what: &str, path: &Option<PathBuf>| {
        path.as_ref()
            .map(|p| data_file(root, p))
            .ok_or_else(|| format!("catalogues/{what} is missing"))
    };
    let _ = writeln!(code, "    regime: {},", one("cn/regime.toml", &found.regime)?);
    let _ = writeln!(
        code,
        "    procurement_classes: {},",
        one("procurement/classes.toml", &found.procurement_classes)?
    );
    for (field, files) in [
        ("editions", &found.editions),
        ("packs", &found.packs),
        ("procurement", &found.procurement),
    ] {
        let _ = writeln!(code, "    {field}: &[");
        for path in files {
            let _ = writeln!(code, "        {},", data_file(root, path));
        }
        let _ = writeln!(code, "    ],");
    }
    code.push_str("    extra_vendors: &[],\n}\n");
    Ok(code)
}

/// `DataFile { name: "catalogues/packs/x.toml", text: include_str!("/abs/…/x.toml") }`.
fn data_file(root: &Path, path: &Path) -> String {
    let relative = path
        .strip_prefix(root.parent().unwrap_or(root))
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    format!(
        "DataFile {{ name: {relative:?}, text: include_str!({:?}) }}",
        path.to_string_lossy()
    )
}

/// The entries of a folder, in file-name order, so the build is the same on every file system.
fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut entries = std::fs::read_dir(dir)
        .and_then(|entries| {
            entries
                .map(|e| e.map(|e| e.path()))
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(|e| format!("{}: cannot read the folder: {e}", shown(dir)))?;
    entries.sort();
    Ok(entries)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// Rebuild when the file changes, or, for a folder, when a file is added to or removed from it.
fn rerun_if_changed(path: &Path) {
    println!("cargo:rerun-if-changed={}", path.display());
}
