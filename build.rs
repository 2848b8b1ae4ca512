//! Finds the data files under `catalogues/` and writes the list that `knowledge::BUILTIN` compiles
//! into the binary (`$OUT_DIR/builtin.rs`), each file classified by where it is
//! (`src/knowledge/layout.rs`), in file-name order. A file that belongs nowhere stops the build
//! with its path and what was expected.

#[path = "src/knowledge/layout.rs"]
mod layout;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use layout::Role;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let root = manifest.join("catalogues");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let code = builtin_source(&root).unwrap_or_else(|message| panic!("{message}"));
    std::fs::write(out.join("builtin.rs"), code)
        .unwrap_or_else(|e| panic!("cannot write {}/builtin.rs: {e}", out.display()));
}

/// The Rust expression of the `Builtin` value, or what is wrong with the folder.
fn builtin_source(root: &Path) -> Result<String, String> {
    let mut files = Vec::new();
    walk(root, &mut files)?;
    files.sort();
    let mut single: Vec<(&str, &PathBuf)> = Vec::new();
    let mut lists: [(&str, Role, Vec<&PathBuf>); 3] = [
        ("editions", Role::Edition, Vec::new()),
        ("packs", Role::Pack, Vec::new()),
        ("procurement", Role::Instrument, Vec::new()),
    ];
    for path in &files {
        let relative = relative(root, path);
        match layout::role(&relative)? {
            Role::Documentation => {}
            Role::TopLevel(field) => single.push((field, path)),
            Role::Regime => single.push(("regime", path)),
            Role::ProcurementClasses => single.push(("procurement_classes", path)),
            role => {
                let list = lists
                    .iter_mut()
                    .find(|(_, r, _)| *r == role)
                    .expect("every list role has its list");
                list.2.push(path);
            }
        }
    }

    let mut code = String::from("Builtin {\n");
    let required = layout::TOP_LEVEL.iter().copied().chain([
        ("cn/regime.toml", "regime"),
        ("procurement/classes.toml", "procurement_classes"),
    ]);
    for (file, field) in required {
        let path = single
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, p)| *p)
            .ok_or_else(|| format!("catalogues/{file} is missing"))?;
        let _ = writeln!(code, "    {field}: {},", data_file(root, path));
    }
    for (field, _, paths) in &lists {
        let _ = writeln!(code, "    {field}: &[");
        for path in paths {
            let _ = writeln!(code, "        {},", data_file(root, path));
        }
        let _ = writeln!(code, "    ],");
    }
    code.push_str("    extra_vendors: &[],\n}\n");
    Ok(code)
}

/// Every file under `dir`, at any depth; each folder and file is watched, so that adding,
/// changing or removing a data file rebuilds the list.
fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read the folder: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("{}: cannot read the folder: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            walk(&path, files)?;
        } else {
            println!("cargo:rerun-if-changed={}", path.display());
            files.push(path);
        }
    }
    Ok(())
}

/// `packs/us-ndaa-889.toml` for `<root>/packs/us-ndaa-889.toml`.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// `DataFile { name: "catalogues/packs/x.toml", text: include_str!("/abs/…/x.toml") }`.
fn data_file(root: &Path, path: &Path) -> String {
    format!(
        "DataFile {{ name: {:?}, text: include_str!({:?}) }}",
        format!("catalogues/{}", relative(root, path)),
        path.to_string_lossy()
    )
}
