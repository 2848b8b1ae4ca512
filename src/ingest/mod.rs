//! Turning input bytes into an [`Inventory`]: one reader per format, chosen by content.
//!
//! Readers never guess regulatory meaning; they record what the file says and where it says it,
//! and they report what is wrong with the file as located diagnostics (a warning when catscan can
//! still read on, an error when it cannot).

pub mod cyclonedx;
mod detect;

use std::fmt;
use std::path::Path;

use crate::inventory::{Format, Inventory, LineIndex, Position, SourceFile};

pub use detect::{Detected, detect};

/// Why an input could not be read. Always names the file; names the line and column and what was
/// expected whenever the problem is inside the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub file: String,
    pub position: Option<Position>,
    /// What is wrong and, where it applies, what was expected instead.
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(p) => write!(f, "{}:{}:{}: {}", self.file, p.line, p.column, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ReadError {}

/// The text of an input file, checked to be UTF-8 (a leading byte-order mark is dropped).
pub fn load_text(source: &SourceFile) -> Result<String, ReadError> {
    let bytes = std::fs::read(&source.path).map_err(|e| ReadError {
        file: source.display.clone(),
        position: None,
        message: format!("cannot read the file: {e}"),
    })?;
    decode_utf8(source, bytes)
}

/// Checks that `bytes` are UTF-8 and returns them as a string, without copying.
pub fn decode_utf8(source: &SourceFile, mut bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ReadError {
            file: source.display.clone(),
            position: None,
            message: "the file is UTF-16 encoded; expected UTF-8 (convert it, e.g. with `iconv -f UTF-16 -t UTF-8`)".into(),
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        // The valid prefix is text; count lines and columns in it.
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        let position = LineIndex::new(prefix).position(prefix, valid);
        ReadError {
            file: source.display.clone(),
            position: Some(position),
            message: format!(
                "invalid UTF-8 (byte 0x{:02X} at offset {valid}); expected a UTF-8 encoded file",
                bytes[valid]
            ),
        }
    })
}

/// Reads one input whose text is already loaded: detects the format from the content and runs
/// that format's reader. `Ok(None)` means the content is not a bill of materials at all.
pub fn read<'a>(source: SourceFile, text: &'a str) -> Result<Option<Inventory<'a>>, ReadError> {
    match detect(text) {
        Detected::CycloneDxJson => cyclonedx::json::read(source, text).map(Some),
        Detected::CycloneDxXml { namespace_version } => {
            cyclonedx::xml::read(source, text, namespace_version).map(Some)
        }
        Detected::Unsupported { format, position } => Err(ReadError {
            file: source.display.clone(),
            position,
            message: format!(
                "{format} is not a format catscan reads yet; expected CycloneDX JSON or XML"
            ),
        }),
        Detected::Invalid { message, position } => Err(ReadError {
            file: source.display.clone(),
            position,
            message,
        }),
        Detected::NotABom => Ok(None),
    }
}

/// The reason a path given on the command line was not read as a BOM, for messages.
pub fn not_a_bom_message() -> &'static str {
    "not a bill of materials: expected CycloneDX JSON (an object with \"bomFormat\": \"CycloneDX\") or CycloneDX XML (a <bom> element in a http://cyclonedx.org/schema/bom/1.x namespace)"
}

/// How a path should be shown in reports: relative to `base` with `/` separators when inside it.
pub fn display_path(path: &Path, base: &Path) -> String {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let absolute = normalize(&absolute);
    let shown = match absolute.strip_prefix(normalize(base)) {
        Ok(rel) => rel.to_path_buf(),
        Err(_) => absolute,
    };
    shown
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
        .replace("//", "/")
}

/// Removes `.` and resolves `..` lexically (without touching the file system, so symlinked
/// checkouts keep the paths people typed).
fn normalize(path: &Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

impl Format {
    /// The formats a reader exists for, for `--help` and documentation.
    pub const ALL: [Format; 2] = [Format::CycloneDxJson, Format::CycloneDxXml];
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn src() -> SourceFile {
        SourceFile {
            path: PathBuf::from("x.json"),
            display: "x.json".into(),
        }
    }

    #[test]
    fn utf8_errors_are_located() {
        let err = decode_utf8(&src(), b"{\n  \"a\": \"\xff\"}".to_vec()).unwrap_err();
        assert_eq!(err.position, Some(Position { line: 2, column: 9 }));
        assert!(
            err.message.contains("invalid UTF-8 (byte 0xFF"),
            "{}",
            err.message
        );
    }

    #[test]
    fn byte_order_mark_is_dropped_and_utf16_refused() {
        assert_eq!(
            decode_utf8(&src(), b"\xEF\xBB\xBF{}".to_vec()).unwrap(),
            "{}"
        );
        let err = decode_utf8(&src(), b"\xFF\xFE{\0}\0".to_vec()).unwrap_err();
        assert!(err.message.contains("UTF-16"));
    }

    #[test]
    fn display_paths_are_relative_with_slashes() {
        let base = Path::new("/repo");
        assert_eq!(
            display_path(Path::new("/repo/a/./b.json"), base),
            "a/b.json"
        );
        assert_eq!(display_path(Path::new("/repo/a/../c.json"), base), "c.json");
        assert_eq!(
            display_path(Path::new("/elsewhere/c.json"), base),
            "/elsewhere/c.json"
        );
    }
}
