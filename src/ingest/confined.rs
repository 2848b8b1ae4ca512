//! Files that an input names — a policy file's packs, vendor files and certified list, a
//! workspace's `hboms` — are read only inside the repository that holds the input.
//!
//! A pull request can add a `catscan.toml` or change a `Cargo.toml`, and CI runs catscan on it
//! with secrets in its environment. If such a file could name `/proc/self/environ`, `~/.ssh/…`
//! or `../../secret.env`, catscan would read it and quote its first line in a parse error, into a
//! public log. So a path written in an input must be relative, must resolve (symbolic links
//! followed) to a regular file inside the repository root, and is read up to a size limit. A
//! path given on the command line is the user's own choice and is not confined.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::limits::Limit;

/// The repository that holds `dir`: the nearest folder at or above it with a `.git`, else `dir`
/// itself.
pub fn repository_root(dir: &Path) -> PathBuf {
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map_or_else(|| dir.clone(), Path::to_path_buf)
}

/// `name`, written in a file in `base`, as a path inside `root`; or why it cannot be read.
pub fn confine(root: &Path, base: &Path, name: &str) -> Result<PathBuf, String> {
    let written = Path::new(name.trim());
    if written.has_root() || written.is_absolute() {
        return Err(format!(
            "\"{name}\" is an absolute path; a file in the repository may name only files inside it (give the file on the command line instead)"
        ));
    }
    let joined = base.join(written);
    let real = joined
        .canonicalize()
        .map_err(|e| format!("cannot read {}: {e}", joined.display()))?;
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if !real.starts_with(&root) {
        return Err(format!(
            "\"{name}\" leads outside the repository ({}); a file in the repository may name only files inside it (give the file on the command line instead)",
            root.display()
        ));
    }
    let metadata =
        std::fs::metadata(&real).map_err(|e| format!("cannot read {}: {e}", joined.display()))?;
    if !metadata.is_file() {
        return Err(format!(
            "{} is not a regular file (a folder, device or pipe)",
            joined.display()
        ));
    }
    Ok(real)
}

/// The text of a confined file, refused above the [`Limit::DataFileSize`] in force.
pub fn read_data_file(path: &Path) -> Result<String, String> {
    read_text(path, Limit::DataFileSize.value()).map_err(|e| match e {
        Larger::Than(limit) => format!(
            "{} is larger than {limit}, the data-file-size limit for a data file named by a policy; {}",
            path.display(),
            Limit::DataFileSize.raise_hint()
        ),
        Larger::Unreadable(e) => e,
    })
}

/// Why [`read_text`] gave no text.
#[derive(Debug)]
enum Larger {
    /// The file is larger than the limit, shown.
    Than(String),
    /// The file could not be read: the message.
    Unreadable(String),
}

/// The text of a file, refused above `limit` bytes.
fn read_text(path: &Path, limit: u64) -> Result<String, Larger> {
    let cannot =
        |e: std::io::Error| Larger::Unreadable(format!("cannot read {}: {e}", path.display()));
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut text = String::new();
    file.take(limit + 1)
        .read_to_string(&mut text)
        .map_err(cannot)?;
    if text.len() as u64 > limit {
        let limit = if limit >= 1 << 20 && limit.is_multiple_of(1 << 20) {
            format!("{} MiB", limit >> 20)
        } else {
            format!("{limit} bytes")
        };
        return Err(Larger::Than(limit));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repository(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("catscan-confined-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("repo/.git")).unwrap();
        std::fs::create_dir_all(dir.join("repo/policy")).unwrap();
        std::fs::write(dir.join("repo/policy/pack.toml"), "[pack]\n").unwrap();
        std::fs::write(dir.join("secret.env"), "TOKEN=x\n").unwrap();
        dir
    }

    #[test]
    fn only_regular_files_inside_the_repository_are_read() {
        let dir = repository("inside");
        let repo = dir.join("repo");
        let root = repository_root(&repo.join("policy"));
        assert_eq!(root, repo.canonicalize().unwrap());
        let base = repo.join("policy");
        assert!(confine(&root, &base, "pack.toml").is_ok());
        assert!(confine(&root, &base, "../policy/pack.toml").is_ok());
        let outside = confine(&root, &base, "../../secret.env").unwrap_err();
        assert!(
            outside.starts_with("\"../../secret.env\" leads outside the repository"),
            "{outside}"
        );
        let absolute = confine(&root, &base, "/proc/self/environ").unwrap_err();
        assert!(
            absolute.starts_with("\"/proc/self/environ\" is an absolute path"),
            "{absolute}"
        );
        let folder = confine(&root, &base, ".").unwrap_err();
        assert!(
            folder.ends_with("is not a regular file (a folder, device or pipe)"),
            "{folder}"
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.join("secret.env"), base.join("link.toml")).unwrap();
            let link = confine(&root, &base, "link.toml").unwrap_err();
            assert!(
                link.starts_with("\"link.toml\" leads outside the repository"),
                "{link}"
            );
        }
    }

    #[test]
    fn a_data_file_is_read_up_to_its_limit() {
        let dir = repository("limit");
        let path = dir.join("repo/policy/pack.toml");
        assert_eq!(read_text(&path, 100).unwrap(), "[pack]\n");
        assert_eq!(read_data_file(&path).unwrap(), "[pack]\n");
        match read_text(&path, 3) {
            Err(Larger::Than(limit)) => assert_eq!(limit, "3 bytes"),
            other => panic!("{other:?}"),
        }
    }
}
