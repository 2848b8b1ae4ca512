//! Where each package is in `Cargo.lock`: a line scanner, not a TOML parser, because what is
//! needed is byte offsets, and Cargo writes every `[[package]]` entry the same simple way (one
//! `key = "value"` per line, no escapes in names, versions or sources).

use std::collections::HashMap;

use crate::inventory::Span;

/// One `[[package]]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LockEntry<'a> {
    /// From the start of the `[[package]]` line to the end of the `name = "…"` line (without its
    /// line break); to the end of the header line when the entry has no name.
    pub span: Span,
    pub name: &'a str,
    pub version: &'a str,
    pub source: Option<&'a str>,
}

/// The entries of a lock file, by name.
#[derive(Debug, Default)]
pub(super) struct Lock<'a> {
    pub entries: HashMap<&'a str, Vec<LockEntry<'a>>>,
    /// The `version = N` line of lock files from Cargo 1.53 on.
    pub version: Option<&'a str>,
    /// Lock files of format 1 end with a `[metadata]` table of checksums.
    pub has_metadata_table: bool,
}

impl<'a> Lock<'a> {
    pub fn parse(text: &'a str) -> Self {
        let mut lock = Lock::default();
        let mut current: Option<LockEntry<'a>> = None;
        let mut in_package = false;
        let mut at_top = true;
        let mut offset = 0;
        for raw in text.split_inclusive('\n') {
            let start = offset;
            offset += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            let trimmed = line.trim();
            if trimmed.starts_with('[') {
                if let Some(entry) = current.take() {
                    lock.push(entry);
                }
                at_top = false;
                in_package = header(trimmed) == Some("[[package]]");
                if header(trimmed) == Some("[metadata]") {
                    lock.has_metadata_table = true;
                }
                if in_package {
                    current = Some(LockEntry {
                        span: Span::new(start, start + line.len()),
                        name: "",
                        version: "",
                        source: None,
                    });
                }
                continue;
            }
            let Some((key, value)) = key_value(trimmed) else {
                continue;
            };
            if at_top && key == "version" {
                lock.version = Some(value);
            }
            let Some(entry) = current.as_mut().filter(|_| in_package) else {
                continue;
            };
            match key {
                "name" if entry.name.is_empty() => {
                    entry.name = value;
                    entry.span = Span::new(entry.span.start, start + line.len());
                }
                "version" if entry.version.is_empty() => entry.version = value,
                "source" if entry.source.is_none() => entry.source = Some(value),
                _ => {}
            }
        }
        if let Some(entry) = current.take() {
            lock.push(entry);
        }
        lock
    }

    fn push(&mut self, entry: LockEntry<'a>) {
        if !entry.name.is_empty() {
            self.entries.entry(entry.name).or_default().push(entry);
        }
    }

    /// The entry of a package: same name and version and, when several entries have those, the
    /// same source (or at least the same kind of source: registry, git, path).
    pub fn find(&self, name: &str, version: &str, source: Option<&str>) -> Option<&LockEntry<'a>> {
        let candidates: Vec<&LockEntry<'a>> = self
            .entries
            .get(name)?
            .iter()
            .filter(|e| e.version == version)
            .collect();
        match candidates.as_slice() {
            [] => None,
            [one] => Some(one),
            several => several
                .iter()
                .find(|e| e.source == source)
                .or_else(|| {
                    several
                        .iter()
                        .find(|e| source_kind(e.source) == source_kind(source))
                })
                .or(several.first())
                .copied(),
        }
    }

    /// How the lock file describes itself, for the inventory's `spec_version`.
    pub fn format_version(&self, text: &str) -> String {
        match self.version {
            Some(v) => format!("lockfile v{v}"),
            None if text.trim().is_empty() => "no lockfile".to_string(),
            // Format 1 has a [metadata] table; format 2 has neither it nor a version line.
            None if self.has_metadata_table => "lockfile v1".to_string(),
            None => "lockfile v2".to_string(),
        }
    }
}

/// `[[package]]` from `[[package]]  # comment`.
fn header(line: &str) -> Option<&str> {
    let end = line.find(']')?;
    let close = if line[end..].starts_with("]]") {
        end + 2
    } else {
        end + 1
    };
    Some(&line[..close])
}

/// `key = "value"` (a basic or literal string), or `key = 4` (a bare value).
fn key_value(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once('=')?;
    let key = key.trim();
    let value = value.trim();
    let value = if let Some(rest) = value.strip_prefix('"') {
        &rest[..rest.find('"')?]
    } else if let Some(rest) = value.strip_prefix('\'') {
        &rest[..rest.find('\'')?]
    } else {
        value.split('#').next().unwrap_or_default().trim()
    };
    Some((key, value))
}

/// `registry`, `sparse`, `git`, `path` (no source).
fn source_kind(source: Option<&str>) -> &str {
    source.map_or("path", |s| s.split('+').next().unwrap_or(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = "# This file is automatically @generated by Cargo.\nversion = 4\n\n[[package]]\nname = \"app\"\nversion = \"1.0.0\"\ndependencies = [\n \"log 0.3.9\",\n \"log 0.4.22\",\n]\n\n[[package]]\nname = \"log\"\nversion = \"0.3.9\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n[[package]]\nname = \"log\"\nversion = \"0.4.22\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n[[package]]\nname = \"log\"\nversion = \"0.4.22\"\nsource = \"git+https://github.com/rust-lang/log#0123\"\n\n[[patch.unused]]\nname = \"unused\"\nversion = \"1.0.0\"\n";

    #[test]
    fn entries_are_located_from_header_to_name() {
        let lock = Lock::parse(LOCK);
        assert_eq!(lock.version, Some("4"));
        assert_eq!(lock.format_version(LOCK), "lockfile v4");
        let app = lock.find("app", "1.0.0", None).unwrap();
        assert_eq!(
            &LOCK[app.span.start..app.span.end],
            "[[package]]\nname = \"app\""
        );
        assert!(
            !lock.entries.contains_key("unused"),
            "patch.unused is not a package"
        );
    }

    #[test]
    fn same_name_is_told_apart_by_version_then_source() {
        let lock = Lock::parse(LOCK);
        let old = lock.find("log", "0.3.9", Some("anything")).unwrap();
        assert_eq!(old.version, "0.3.9");
        let git = lock
            .find(
                "log",
                "0.4.22",
                Some("git+https://github.com/rust-lang/log#0123"),
            )
            .unwrap();
        assert!(git.source.unwrap().starts_with("git+"));
        let registry = lock
            .find(
                "log",
                "0.4.22",
                Some("registry+https://github.com/rust-lang/crates.io-index"),
            )
            .unwrap();
        assert!(registry.source.unwrap().starts_with("registry+"));
        // A source spelled differently still finds an entry of the same kind.
        let git = lock
            .find(
                "log",
                "0.4.22",
                Some("git+https://github.com/rust-lang/log?rev=0123#0123"),
            )
            .unwrap();
        assert!(git.source.unwrap().starts_with("git+"));
        assert!(lock.find("log", "0.5.0", None).is_none());
    }

    #[test]
    fn crlf_and_old_formats() {
        let text = "[[package]]\r\nname = \"a\"\r\nversion = \"0.1.0\"\r\n\r\n[metadata]\r\n\"checksum x\" = \"y\"\r\n";
        let lock = Lock::parse(text);
        let a = lock.find("a", "0.1.0", None).unwrap();
        assert_eq!(
            &text[a.span.start..a.span.end],
            "[[package]]\r\nname = \"a\""
        );
        assert_eq!(lock.format_version(text), "lockfile v1");
        assert_eq!(Lock::parse("").format_version(""), "no lockfile");
    }
}
