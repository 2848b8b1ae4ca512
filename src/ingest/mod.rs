//! Turning input bytes into an [`Inventory`]: one reader per format, chosen by content.
//!
//! Readers never guess regulatory meaning; they record what the file says and where it says it,
//! and they report what is wrong with the file as located diagnostics (a warning when catscan can
//! still read on, an error when it cannot).

pub mod cargo;
pub mod confined;
pub mod cyclonedx;
pub mod declared;
pub(crate) mod depth;
mod detect;
pub(crate) mod diagnostics;
pub mod encoding;
mod json_error;
mod json_str;
pub mod partlist;
pub mod spdx;
pub(crate) mod workbook;

use std::fmt;
use std::path::Path;

use crate::inventory::{Format, Inventory, Position, SourceFile};
use crate::limits::Limit;

pub(crate) use detect::CYCLONEDX_XML_NAMESPACE_PREFIX;
pub use detect::{Detected, detect, why_not_a_bom};

/// Why an input could not be read. Always names the file; names the line and column and what was
/// expected whenever the problem is inside the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The file as reports name it (its path as given, or `stdin`).
    pub file: String,
    /// Line and column of the problem; `None` when the problem is with the file as a whole.
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

/// Files at least this large are memory-mapped instead of read: mapping avoids copying a large
/// SBOM into memory, at the price of trusting that nobody truncates the file while catscan runs
/// (the same trade-off ripgrep makes for large files).
const MAP_THRESHOLD: u64 = 16 << 20;

/// The UTF-8 text of an input file, owned or memory-mapped.
pub enum InputText {
    /// Text read into memory (smaller files, standard input, decoded text).
    Owned(String),
    /// A large file, memory-mapped; checked to be UTF-8 when mapped.
    Mapped {
        /// The read-only mapping of the whole file.
        map: memmap2::Mmap,
        /// Bytes to skip at the start (a UTF-8 byte-order mark).
        skip: usize,
    },
}

impl InputText {
    /// The text, without a leading byte-order mark.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Owned(s) => s,
            // SAFETY: `load_text` checked that these bytes are UTF-8 before building the value, the
            // field is private to this module's constructor, and the mapping is read-only.
            Self::Mapped { map, skip } => unsafe { std::str::from_utf8_unchecked(&map[*skip..]) },
        }
    }
}

/// An input's bytes, read once: a pipe or standard input cannot be read twice, so every later
/// question about the input (is it a workbook, is it UTF-8) is asked of these bytes.
enum Raw {
    Bytes(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl Raw {
    fn as_slice(&self) -> &[u8] {
        match self {
            Raw::Bytes(b) => b,
            Raw::Mapped(m) => m,
        }
    }
}

/// Whether a path names standard input (`-`).
pub fn is_stdin(path: &std::path::Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads an input once: a large regular file is mapped, anything else read into memory, each up
/// to its limit ([`Limit::InputSize`], [`Limit::StreamSize`]).
fn read_raw(source: &SourceFile) -> Result<Raw, ReadError> {
    let error = |message: String| ReadError {
        file: source.display.clone(),
        position: None,
        message,
    };
    let cannot = |e: std::io::Error| error(format!("cannot read the file: {e}"));
    let too_large = |limit: Limit, what: &str| {
        error(format!(
            "larger than {}, the most catscan reads from {what} (the {} limit); split the BOM into several files, or {}",
            limit.shown(),
            limit.name(),
            limit.raise_hint()
        ))
    };
    let read_stream = |reader: &mut dyn std::io::Read| {
        let most = Limit::StreamSize.value();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(reader, most + 1), &mut bytes)
            .map_err(cannot)?;
        if bytes.len() as u64 > most {
            return Err(too_large(
                Limit::StreamSize,
                "a pipe, a device or standard input",
            ));
        }
        Ok(Raw::Bytes(bytes))
    };
    if is_stdin(&source.path) {
        return read_stream(&mut std::io::stdin().lock());
    }
    let file = std::fs::File::open(&source.path).map_err(cannot)?;
    let metadata = file.metadata().map_err(cannot)?;
    if !metadata.is_file() {
        return read_stream(&mut &file);
    }
    let len = metadata.len();
    let most = Limit::InputSize.value();
    if len > most {
        return Err(too_large(Limit::InputSize, "a file"));
    }
    if len < MAP_THRESHOLD {
        let mut bytes = Vec::with_capacity(len as usize);
        std::io::Read::read_to_end(&mut std::io::Read::take(&file, most + 1), &mut bytes)
            .map_err(cannot)?;
        return Ok(Raw::Bytes(bytes));
    }
    // SAFETY: the map is only read; see MAP_THRESHOLD for the trade-off about concurrent changes.
    unsafe { memmap2::Mmap::map(&file) }
        .map(Raw::Mapped)
        .map_err(cannot)
}

/// The text of an input file, checked to be UTF-8 (a leading byte-order mark is dropped), with
/// lone carriage returns made line feeds (see [`normalize_line_breaks`]).
pub fn load_text(source: &SourceFile) -> Result<InputText, ReadError> {
    text_of(source, read_raw(source)?).map_err(|(error, _)| error)
}

/// The UTF-8 text of bytes read, or the error that says where they stop being UTF-8, with the
/// bytes themselves (small ones only) for decoding in another encoding.
fn text_of(source: &SourceFile, raw: Raw) -> Result<InputText, (ReadError, Option<Vec<u8>>)> {
    let map = match raw {
        Raw::Bytes(bytes) => {
            return match decode_utf8(source, bytes) {
                Ok(mut text) => {
                    normalize_line_breaks(&mut text);
                    Ok(InputText::Owned(text))
                }
                Err((error, bytes)) => Err((error, Some(bytes))),
            };
        }
        Raw::Mapped(map) => map,
    };
    let skip = if map.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    match std::str::from_utf8(&map[skip..]) {
        Ok(text) if has_lone_cr(text) => {
            let mut text = text.to_string();
            normalize_line_breaks(&mut text);
            Ok(InputText::Owned(text))
        }
        Ok(_) => Ok(InputText::Mapped { map, skip }),
        Err(e) => Err((utf8_error(source, &map[skip..], e.valid_up_to()), None)),
    }
}

/// Whether the text has a carriage return that no line feed follows.
fn has_lone_cr(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'\r', b).any(|i| b.get(i + 1) != Some(&b'\n'))
}

/// Makes every carriage return that no line feed follows a line feed. Files saved on a classic
/// Mac (and by some spreadsheet exports since) end lines with a lone CR; every reader and every
/// line number in catscan counts line feeds, so this one change, which keeps every byte offset,
/// makes CR, LF and CRLF all line endings everywhere.
pub fn normalize_line_breaks(text: &mut String) {
    if !has_lone_cr(text) {
        return;
    }
    let mut bytes = std::mem::take(text).into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Replacing one ASCII byte by another keeps the text UTF-8.
    *text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

/// Input text for a message: control characters (a carriage return, a tab, an escape) and
/// invisible formatting characters (bidirectional overrides, zero-width spaces) written as
/// escapes, so that a message quoting a line of the file cannot move the cursor, garble the
/// terminal, start a line of its own or reorder what is shown. The one escaping of text for the
/// terminal: reports use it too (`report::escape::terminal`).
pub fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    use crate::knowledge::text::is_invisible;
    if !text.chars().any(|c| c.is_control() || is_invisible(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else if is_invisible(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Checks that `bytes` are UTF-8 and returns them as a string, without copying; or the error,
/// with the bytes back.
pub fn decode_utf8(
    source: &SourceFile,
    mut bytes: Vec<u8>,
) -> Result<String, (ReadError, Vec<u8>)> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let error = ReadError {
            file: source.display.clone(),
            position: None,
            message: "the file is UTF-16 encoded; expected UTF-8 (convert it, e.g. with `iconv -f UTF-16 -t UTF-8`)".into(),
        };
        return Err((error, bytes));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let error = utf8_error(source, e.as_bytes(), valid);
        (error, e.into_bytes())
    })
}

/// The located error for bytes that are UTF-8 only up to `valid`.
fn utf8_error(source: &SourceFile, bytes: &[u8], valid: usize) -> ReadError {
    // The valid prefix is text; count lines and columns in it.
    let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
    let position = Position::of(prefix, valid);
    ReadError {
        file: source.display.clone(),
        position: Some(position),
        message: format!(
            "invalid UTF-8 (byte 0x{:02X} at offset {valid}); expected a UTF-8 encoded file",
            bytes[valid]
        ),
    }
}

/// How many diagnostics of one code a file lists one by one: the
/// [`Limit::DiagnosticsPerCode`] in force. Every reader caps its diagnostics by it, so that a
/// generator bug repeated 100,000 times does not bury everything else.
pub fn diagnostics_per_code() -> usize {
    Limit::DiagnosticsPerCode.value_usize()
}

/// The one line that stands for the diagnostics of `code` past [`diagnostics_per_code`]:
/// `total` is how many the file has in all.
pub fn diagnostics_not_listed(code: &str, total: usize) -> String {
    let limit = Limit::DiagnosticsPerCode;
    let listed = diagnostics_per_code().min(total);
    format!(
        "{} more \"{code}\" warnings in this file were not listed ({total} in all; the {} limit lists {}: {})",
        total - listed,
        limit.name(),
        limit.shown(),
        limit.raise_hint()
    )
}

/// How to read inputs, beyond what their content says.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Part-list columns the user names (`--columns`, `[columns]`).
    pub columns: partlist::ColumnOverrides,
}

/// An input file's content: text, or the bytes of a binary format (a workbook).
pub enum Loaded {
    /// UTF-8 text.
    Text(InputText),
    /// Text that was not UTF-8, decoded as [`encoding`] says. Whether it is read depends on what
    /// it turns out to be: a part list or a UTF-16 file is; anything else keeps its UTF-8 error,
    /// since decoding arbitrary bytes would turn garbage into text.
    Decoded {
        /// The text decoded from its detected encoding.
        decoded: encoding::Decoded,
        /// The error the file gets when the decoded text is not read.
        utf8_error: ReadError,
    },
    /// Bytes of a binary format (an XLSX workbook), read as they are.
    Binary(Vec<u8>),
}

/// The ZIP signature that every XLSX workbook starts with.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// Loads an input: a ZIP container (a workbook) as bytes, UTF-8 as text, anything else decoded
/// in the encoding its bytes show (see [`encoding`]).
pub fn load(source: &SourceFile) -> Result<Loaded, ReadError> {
    let raw = read_raw(source)?;
    if raw.as_slice().starts_with(ZIP_MAGIC) {
        return Ok(Loaded::Binary(match raw {
            Raw::Bytes(bytes) => bytes,
            Raw::Mapped(map) => map.to_vec(),
        }));
    }
    match text_of(source, raw) {
        Ok(text) => Ok(Loaded::Text(text)),
        // Large files are not decoded: no spreadsheet writes a part list that large, and
        // decoding would copy it.
        Err((utf8_error, None)) => Err(utf8_error),
        Err((utf8_error, Some(bytes))) => {
            let mut decoded = encoding::decode(&bytes);
            normalize_line_breaks(&mut decoded.text);
            Ok(Loaded::Decoded {
                decoded,
                utf8_error,
            })
        }
    }
}

/// Whether text is to be read as a part list: its header row says so (with the user's column
/// names, when given), or the user named the file and its columns, and it is no other format.
fn is_part_list(text: &str, options: &ReadOptions, named: bool) -> bool {
    partlist::looks_like_csv_part_list_with(text, &options.columns)
        || (named && !options.columns.map.is_empty() && detect(text) == Detected::NotABom)
}

/// The note that says in which encoding a file that is not UTF-8 was read.
fn encoding_note(source: &SourceFile, decoded: &encoding::Decoded) -> crate::inventory::Diagnostic {
    let how = match decoded.verdict {
        encoding::Verdict::Declared => "as its byte-order mark says".to_string(),
        _ => "the encoding detected from its bytes".to_string(),
    };
    crate::inventory::Diagnostic {
        severity: crate::inventory::Severity::Note,
        code: "not-utf-8",
        message: format!(
            "{} is not UTF-8; it was read as {}, {how} (save it as UTF-8 to be sure of every character)",
            source.display, decoded.encoding
        ),
        position: None,
    }
}

/// Reads a loaded input. `named`: the user named the file, so a workbook without a part list is
/// an error, and with column names given (`--columns`) a text file no format claims is read as a
/// part list; found in a folder, such files are just not bills of materials.
pub fn read_loaded<'a>(
    source: SourceFile,
    loaded: &'a Loaded,
    options: &ReadOptions,
    named: bool,
) -> Result<Option<Inventory<'a>>, ReadError> {
    match loaded {
        Loaded::Text(text) => read_named(source, text.as_str(), options, named),
        Loaded::Decoded {
            decoded,
            utf8_error,
        } => {
            let text = decoded.text.as_str();
            let note = encoding_note(&source, decoded);
            let inventory = match &decoded.verdict {
                encoding::Verdict::Declared => read_named(source, text, options, named)?,
                encoding::Verdict::Detected if is_part_list(text, options, named) => {
                    Some(partlist::read_csv(source, text, &options.columns)?)
                }
                encoding::Verdict::Undecided(why) if is_part_list(text, options, named) => {
                    return Err(ReadError {
                        file: source.display.clone(),
                        position: utf8_error.position,
                        message: format!(
                            "the file is not UTF-8 and its encoding cannot be decided: {why}; expected UTF-8 (save it as \"CSV UTF-8\", or convert it from the encoding it was written in, e.g. `iconv -f BIG5 -t UTF-8`)"
                        ),
                    });
                }
                // Found in a folder, text in another encoding that claims no BOM format (a
                // Latin-1 README) is just not a bill of materials.
                _ if !named && detect::detect(text) == detect::Detected::NotABom => {
                    return Ok(None);
                }
                _ => return Err(utf8_error.clone()),
            };
            Ok(inventory.map(|mut inventory| {
                inventory.diagnostics.insert(0, note);
                inventory
            }))
        }
        Loaded::Binary(bytes) if partlist::is_xlsx(bytes) => {
            match partlist::read_workbook(source, bytes, &options.columns)? {
                partlist::Workbook::PartList(inventory) => Ok(Some(*inventory)),
                partlist::Workbook::NoPartList(_) if !named => Ok(None),
                partlist::Workbook::NoPartList(why) => Err(why),
            }
        }
        Loaded::Binary(_) => Ok(None),
    }
}

/// Reads one input whose text is already loaded: detects the format from the content and runs
/// that format's reader. `Ok(None)` means the content is not a bill of materials at all.
pub fn read<'a>(
    source: SourceFile,
    text: &'a str,
    options: &ReadOptions,
) -> Result<Option<Inventory<'a>>, ReadError> {
    read_named(source, text, options, false)
}

/// [`read`], knowing whether the user named the file (see [`read_loaded`]).
fn read_named<'a>(
    source: SourceFile,
    text: &'a str,
    options: &ReadOptions,
    named: bool,
) -> Result<Option<Inventory<'a>>, ReadError> {
    match detect(text) {
        Detected::CycloneDxJson => cyclonedx::json::read(source, text).map(Some),
        Detected::SpdxJson => spdx::read_json(source, text).map(Some),
        Detected::Spdx3JsonLd => spdx::read_jsonld(source, text).map(Some),
        Detected::SpdxTagValue => spdx::read_tag_value(source, text).map(Some),
        Detected::PartListCsv => partlist::read_csv(source, text, &options.columns).map(Some),
        Detected::CycloneDxXml { namespace_version } => {
            cyclonedx::xml::read(source, text, namespace_version).map(Some)
        }
        Detected::Unsupported { format, position } => Err(ReadError {
            file: source.display.clone(),
            position,
            message: format!(
                "{format} is not a format catscan reads yet; expected CycloneDX (JSON, XML), SPDX (2.x JSON or tag-value, 3.0 JSON-LD) or a part list (CSV, XLSX)"
            ),
        }),
        Detected::Invalid { message, position } => Err(ReadError {
            file: source.display.clone(),
            position,
            message,
        }),
        Detected::NotABom if is_part_list(text, options, named) => {
            partlist::read_csv(source, text, &options.columns).map(Some)
        }
        Detected::NotABom => Ok(None),
    }
}

/// Why a loaded file found in a folder is not a bill of materials (what [`read_loaded`] returned
/// `Ok(None)` for), in the form of the account of skipped files: the kind of content, a colon,
/// the detail.
pub fn skip_reason(loaded: &Loaded) -> String {
    match loaded {
        // A PDF or PostScript file can be all ASCII: its magic bytes still name it.
        Loaded::Text(text) if binary_kind(text.as_str().as_bytes()).is_some() => {
            binary_reason(text.as_str().as_bytes())
        }
        Loaded::Text(text) => why_not_a_bom(text.as_str()),
        Loaded::Decoded { decoded, .. } => why_not_a_bom(&decoded.text),
        Loaded::Binary(bytes) if partlist::is_xlsx(bytes) => {
            "workbook without a part list: no sheet has a header row naming part-list columns"
                .to_string()
        }
        Loaded::Binary(bytes) => binary_reason(bytes),
    }
}

/// How much of a file's start is looked at to tell what binary format it is in.
const SNIFF_LEN: usize = 8 << 10;

/// Why a file found in a folder that could not be loaded as text is to be skipped rather than
/// reported as an error: it is a binary file (an image, an archive, a PDF…), or text in another
/// encoding in which no BOM format is recognised. `None` when it could not be read at all, or
/// when it does look like a BOM: then the load error stands, because a broken BOM must not pass
/// unnoticed.
pub fn unloadable_reason(source: &SourceFile) -> Option<String> {
    let file = std::fs::File::open(&source.path).ok()?;
    let mut head = Vec::with_capacity(SNIFF_LEN);
    std::io::Read::read_to_end(&mut std::io::Read::take(&file, SNIFF_LEN as u64), &mut head)
        .ok()?;
    if let Some(kind) = binary_kind(&head) {
        // A workbook is a format catscan reads: one it could not load (past the input-size
        // limit, say) keeps its error rather than passing as "a binary file".
        let workbook = kind.extension() == "xlsx" || partlist::is_xlsx(&head);
        return (!workbook).then(|| binary_reason(&head));
    }
    let bytes = std::fs::read(&source.path).ok()?;
    // Text in a Unicode encoding with a byte-order mark, or bytes read as UTF-8 with the invalid
    // sequences replaced: enough to see whether a BOM format's markers are there.
    let (text, encoding) = match encoding_rs::Encoding::for_bom(&bytes) {
        Some((encoding, skip)) => (
            encoding.decode_without_bom_handling(&bytes[skip..]).0,
            Some(encoding),
        ),
        None => (String::from_utf8_lossy(&bytes), None),
    };
    if encoding.is_none() && head.contains(&0) {
        return Some(binary_reason(&head));
    }
    if !matches!(detect(&text), Detected::NotABom) {
        return None;
    }
    let name = encoding.map_or("UTF-8", |e| e.name());
    Some(format!(
        "not UTF-8 text: {}; no BOM format recognised in it",
        if name == "UTF-8" {
            "invalid UTF-8 byte sequences".to_string()
        } else {
            format!("{name} encoded")
        }
    ))
}

/// The binary format a file's magic bytes name (image, archive, document, executable…); text
/// formats that `infer` also knows (HTML, XML, shell scripts) are left to the BOM detection.
fn binary_kind(head: &[u8]) -> Option<infer::Type> {
    infer::get(&head[..head.len().min(SNIFF_LEN)])
        .filter(|kind| kind.matcher_type() != infer::MatcherType::Text)
}

/// "binary file: image/png (.png)", from the file's magic bytes.
fn binary_reason(head: &[u8]) -> String {
    match binary_kind(head) {
        Some(kind) => format!("binary file: {} (.{})", kind.mime_type(), kind.extension()),
        None => "binary file: content of no known type".to_string(),
    }
}

/// The reason a path given on the command line was not read as a BOM, for messages.
pub fn not_a_bom_message() -> &'static str {
    "not a bill of materials: expected CycloneDX JSON (an object with \"bomFormat\": \"CycloneDX\"), CycloneDX XML (a <bom> element in a http://cyclonedx.org/schema/bom/1.x namespace), SPDX JSON (\"spdxVersion\"), SPDX tag-value (SPDXVersion:), SPDX 3 JSON-LD (an spdx.org @context), or a part list (CSV or XLSX with a header row naming a column that identifies the part, such as Part Number, Name, Description or Value, and another that part lists have, such as Manufacturer, Reference or Package, above rows of its width; or name the columns with --columns)"
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
    pub const ALL: [Format; 8] = [
        Format::CycloneDxJson,
        Format::CycloneDxXml,
        Format::SpdxJson,
        Format::SpdxTagValue,
        Format::Spdx3JsonLd,
        Format::PartListCsv,
        Format::PartListXlsx,
        Format::CargoLock,
    ];
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
        let (err, _) = decode_utf8(&src(), b"{\n  \"a\": \"\xff\"}".to_vec()).unwrap_err();
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
        let (err, _) = decode_utf8(&src(), b"\xFF\xFE{\0}\0".to_vec()).unwrap_err();
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
