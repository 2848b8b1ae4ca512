//! How deep JSON documents may nest. serde_json stops at 128 levels, which a valid CycloneDX BOM
//! with components nested 65 deep (two levels per component) exceeds. Documents that hit that
//! limit are read again without it, on a stack that grows on the heap (`serde_stacker`), up to
//! [`max_depth`] levels; deeper ones get a short, located error instead of a stack overflow or
//! unbounded memory.

use crate::ingest::ReadError;
use crate::inventory::{Position, SourceFile};
use crate::limits::Limit;

/// The deepest nesting of arrays and objects (and of XML elements) catscan reads: the
/// [`Limit::NestingDepth`] in force.
pub fn max_depth() -> usize {
    Limit::NestingDepth.value_usize()
}

/// How deep serde_json reads with its recursion limit on.
pub const SERDE_JSON_DEPTH: usize = 128;

/// The offset of the first `[` or `{` that opens level `max_depth() + 1`, if the text nests that
/// deep. Runs only after serde_json hit its limit.
pub fn too_deep(text: &str) -> Option<usize> {
    opening_level(text.as_bytes(), max_depth() + 1)
}

/// Whether the first `until` bytes of the text open `levels` levels of arrays and objects.
pub fn reaches(text: &str, levels: usize, until: usize) -> bool {
    opening_level(&text.as_bytes()[..until.min(text.len())], levels).is_some()
}

/// The offset of the first `[` or `{` that opens level `level`. Strings are skipped, brackets in
/// them do not count.
fn opening_level(bytes: &[u8], level: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (at, &b) in bytes.iter().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth >= level {
                    return Some(at);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The message for a document nested deeper than [`max_depth`].
pub fn too_deep_message() -> String {
    let limit = Limit::NestingDepth;
    format!(
        "arrays and objects nested more than {} levels deep; catscan reads at most {} levels (the {} limit; {})",
        limit.shown(),
        limit.shown(),
        limit.name(),
        limit.raise_hint()
    )
}

/// The located error for a document nested deeper than [`max_depth`], at the bracket that opens
/// the first level too many.
pub fn too_deep_error(source: &SourceFile, text: &str, at: usize) -> ReadError {
    ReadError {
        file: source.display.clone(),
        position: Some(Position::of(text, at)),
        message: too_deep_message(),
    }
}

/// The message for elements (XML) or components nested deeper than [`max_depth`].
pub fn nested_too_deep(what: &str) -> String {
    let limit = Limit::NestingDepth;
    format!(
        "{what} nested more than {} levels deep; catscan does not read further (the {} limit; {})",
        limit.shown(),
        limit.name(),
        limit.raise_hint()
    )
}

/// A field path for a message, shortened in the middle when long: the path of an error deep in
/// nested components runs to thousands of characters.
pub fn short_path(path: &str) -> String {
    const KEEP: usize = 80;
    let chars = path.chars().count();
    if chars <= 2 * KEEP + 20 {
        return path.to_string();
    }
    let head: String = path.chars().take(KEEP).collect();
    let tail: String = path.chars().skip(chars - KEEP).collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_in_strings_do_not_count() {
        const MAX_DEPTH: usize = Limit::NestingDepth.default_value() as usize;
        let deep = "[".repeat(MAX_DEPTH) + "]".repeat(MAX_DEPTH).as_str();
        assert_eq!(too_deep(&deep), None);
        let deeper = format!("{{\"a\":\"[[[\\\"[\",\"b\":{}", "[".repeat(MAX_DEPTH + 5));
        // The object is level 1, the first array after `"b":` level 2, so the bracket opening
        // level 10,001 is 9,999 further.
        let first = deeper.find("\"b\":").unwrap() + 4;
        assert_eq!(too_deep(&deeper), Some(first + 9_999));
    }
}
