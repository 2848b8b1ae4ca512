//! What a run scans: the files and folders named on the command line (folders walked, globs
//! matched, links followed or skipped with the reason), and for `cargo catscan` the workspace
//! cargo describes.

use std::path::{Path, PathBuf};

use crate::inventory::SourceFile;
use crate::{Input, ingest};

/// A policy table of a Cargo.toml: its text, the manifest, and the line of its header.
pub type WorkspacePolicy = (String, PathBuf, usize);

/// Runs `cargo metadata` (or reads the saved output), and reads the workspace once to learn the
/// HBOMs and the policy its Cargo.toml declares. Returns the input that scans the workspace.
pub fn prepare_workspace(
    options: &ingest::cargo::CargoOptions,
    base: &Path,
) -> Result<(Input, Vec<PathBuf>, Option<WorkspacePolicy>), String> {
    let metadata = ingest::cargo::metadata(options)?;
    let lock_path = PathBuf::from(metadata.workspace_root.as_std_path()).join("Cargo.lock");
    // Saved metadata from another checkout names a root that does not exist here: the lock file
    // is then looked for beside the manifest, or in the working directory.
    let lock_path = if lock_path.exists() {
        lock_path
    } else {
        options
            .manifest_path
            .as_ref()
            .and_then(|m| m.parent().map(|d| d.join("Cargo.lock")))
            .or_else(|| {
                options
                    .metadata_path
                    .as_ref()
                    .and_then(|m| m.parent().map(|d| d.join("Cargo.lock")))
            })
            .unwrap_or_else(|| PathBuf::from("Cargo.lock"))
    };
    let source = SourceFile {
        display: ingest::display_path(&lock_path, base),
        path: lock_path,
    };
    let text = if source.path.exists() {
        std::fs::read_to_string(&source.path)
            .map_err(|e| format!("{}: cannot read the file: {e}", source.display))?
    } else {
        String::new()
    };
    let workspace = ingest::cargo::read_workspace(&metadata, source.clone(), &text, options)
        .map_err(|e| e.to_string())?;
    let hboms = workspace.hboms.clone();
    let policy = workspace.policy.clone();
    drop(workspace);
    let input = Input {
        source,
        named: true,
        cargo: Some(std::sync::Arc::new(crate::CargoJob {
            metadata,
            options: options.clone(),
        })),
    };
    Ok((input, hboms, policy))
}

/// Paths in reports are relative to the repository the run is in (found by looking for `.git`
/// upwards from the working directory), so that code scanning finds the files; outside a
/// repository, relative to the working directory.
pub fn display_base() -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    cwd.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
        .unwrap_or(cwd)
}

/// The files to scan: named files as they are; folders searched recursively in name order,
/// honouring `.gitignore`, skipping hidden files and what `--exclude` names; a path with glob
/// characters (`boms/**/*.cdx.json`, quoted so that the shell leaves it alone) matched against
/// the files under its literal prefix. Also returns the entries that could not be visited, and
/// why: nothing is skipped silently.
pub fn collect_inputs(
    paths: &[PathBuf],
    excludes: &[String],
    base: &Path,
) -> Result<(Vec<Input>, Vec<Skipped>), String> {
    let mut inputs = Vec::new();
    let mut unreadable = Vec::new();
    for path in paths {
        let text = path.to_string_lossy();
        let is_glob = !path.exists() && text.contains(['*', '?', '[']);
        if path.is_dir() || is_glob {
            let (root, pattern) = if is_glob {
                split_glob(&text)
            } else {
                (path.clone(), None)
            };
            let mut overrides = ignore::overrides::OverrideBuilder::new(&root);
            if let Some(p) = &pattern {
                overrides
                    .add(p)
                    .map_err(|e| format!("{text}: not a valid glob: {e}"))?;
            }
            for x in excludes {
                overrides
                    .add(&format!("!{x}"))
                    .map_err(|e| format!("--exclude {x}: not a valid glob: {e}"))?;
            }
            let overrides = overrides.build().map_err(|e| format!("--exclude: {e}"))?;
            let walker = ignore::WalkBuilder::new(&root)
                .overrides(overrides)
                .sort_by_file_name(|a, b| a.cmp(b))
                .build();
            let before = inputs.len();
            let mut links = Vec::new();
            for entry in walker {
                match entry {
                    Ok(entry) if entry.path_is_symlink() => links.push(entry.into_path()),
                    Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                        let p = entry.into_path();
                        inputs.push(Input {
                            source: SourceFile {
                                display: ingest::display_path(&p, base),
                                path: p,
                            },
                            named: false,
                            cargo: None,
                        });
                    }
                    Ok(entry) if entry.file_type().is_some_and(|t| t.is_dir()) => {}
                    Ok(entry) => unreadable.push((
                        ingest::display_path(entry.path(), base),
                        "not a regular file: a device, socket or pipe".to_string(),
                    )),
                    // The error's text names the path it is about.
                    Err(e) => {
                        unreadable.push((text.to_string(), format!("could not be visited: {e}")))
                    }
                }
            }
            follow_links(&root, links, &mut inputs, &mut unreadable, base);
            if is_glob && inputs.len() == before {
                return Err(format!("{text}: no file matches this pattern"));
            }
        } else {
            // `-` is standard input, read once like any other input.
            let display = if ingest::is_stdin(path) {
                "stdin".to_string()
            } else {
                ingest::display_path(path, base)
            };
            inputs.push(Input {
                source: SourceFile {
                    display,
                    path: path.clone(),
                },
                named: true,
                cargo: None,
            });
        }
    }
    Ok((inputs, unreadable))
}

/// A path that was not scanned, and why.
pub type Skipped = (String, String);

/// The symbolic links found in a folder: a link to a file inside the folder is followed, and
/// the file is scanned under its own path (code scanning cannot show a file through a link), once
/// even when the walk also found it; a link that leads out of the folder, to a folder, or nowhere
/// is skipped with the reason. Nothing is dropped silently.
fn follow_links(
    root: &Path,
    links: Vec<PathBuf>,
    inputs: &mut Vec<Input>,
    skipped: &mut Vec<Skipped>,
    base: &Path,
) {
    if links.is_empty() {
        return;
    }
    let Ok(root_real) = std::fs::canonicalize(root) else {
        return;
    };
    let mut scanned: std::collections::HashSet<PathBuf> = inputs
        .iter()
        .filter_map(|i| std::fs::canonicalize(&i.source.path).ok())
        .collect();
    for link in links {
        let shown = ingest::display_path(&link, base);
        let written = std::fs::read_link(&link)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        let Ok(target) = std::fs::canonicalize(&link) else {
            skipped.push((
                shown,
                format!("broken symbolic link: its target {written} does not exist"),
            ));
            continue;
        };
        let Ok(inside) = target.strip_prefix(&root_real) else {
            skipped.push((
                shown,
                format!(
                    "symbolic link out of the scanned folder: to {}, not followed",
                    target.display()
                ),
            ));
            continue;
        };
        if target.is_dir() {
            skipped.push((
                shown,
                format!("symbolic link to a folder: {written}, not followed (name the folder to scan it)"),
            ));
            continue;
        }
        let path = root.join(inside);
        let display = ingest::display_path(&path, base);
        if !scanned.insert(target) {
            skipped.push((
                shown,
                format!("symbolic link to a file scanned under its own path: {display}"),
            ));
            continue;
        }
        inputs.push(Input {
            source: SourceFile { display, path },
            named: false,
            cargo: None,
        });
    }
}

/// `boms/suppliers/**/*.json` → (`boms/suppliers`, `**/*.json`): the folder to walk and the
/// pattern relative to it.
fn split_glob(text: &str) -> (PathBuf, Option<String>) {
    let parts: Vec<&str> = text.split('/').collect();
    let literal = parts
        .iter()
        .take_while(|p| !p.contains(['*', '?', '[']))
        .count();
    let root = if literal == 0 {
        PathBuf::from(".")
    } else {
        PathBuf::from(parts[..literal].join("/"))
    };
    (root, Some(parts[literal..].join("/")))
}
