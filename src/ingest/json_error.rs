//! What catscan says when serde_json cannot read a document, worded once for every JSON reader
//! (CycloneDX JSON, SPDX 2 JSON, SPDX 3 JSON-LD): the line and column, the path of the field the
//! problem is in, and words that tell a truncated file from a malformed one.
//!
//! The readers act on one thing about a serde_json error: whether it is serde_json's own
//! recursion limit (then the document is read again without it, see [`depth`]). serde_json has
//! no error code for that, only its message; [`JsonFailure::of`] decides from the document
//! instead: a syntax error where the document already nests as deep as the limit.

use crate::ingest::ReadError;
use crate::ingest::depth;
use crate::inventory::{Position, SourceFile};

/// Why serde_json stopped reading a document, as far as a reader acts on it.
#[derive(Debug, thiserror::Error)]
pub(crate) enum JsonFailure {
    /// serde_json stopped at its recursion limit ([`depth::SERDE_JSON_DEPTH`] levels): the
    /// document may still be within the nesting-depth limit, and is read again without it.
    #[error("arrays and objects nested as deep as serde_json's recursion limit: {0}")]
    RecursionLimit(#[source] serde_json::Error),
    /// Anything else: the document cannot be read.
    #[error(transparent)]
    Unreadable(serde_json::Error),
}

impl JsonFailure {
    /// Sorts an error of reading `text`: serde_json stops at its limit with a syntax error
    /// located at the bracket that opens level [`depth::SERDE_JSON_DEPTH`].
    pub fn of(text: &str, error: serde_json::Error) -> Self {
        let at = byte_offset(text, error.line(), error.column());
        let at_limit = error.is_syntax()
            && error.line() > 0
            && matches!(text.as_bytes().get(at), Some(b'[' | b'{'))
            && depth::reaches(text, depth::SERDE_JSON_DEPTH, at + 1);
        if at_limit {
            JsonFailure::RecursionLimit(error)
        } else {
            JsonFailure::Unreadable(error)
        }
    }
}

/// The byte offset of serde_json's 1-based line and 1-based byte column.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', text.as_bytes())
            .nth(line - 2)
            .map_or(text.len(), |i| i + 1)
    };
    line_start
        .saturating_add(column.saturating_sub(1))
        .min(text.len())
}

/// The located [`ReadError`] for a serde_json error, with `path` (the field the reader was in,
/// as serde_path_to_error writes it) before the message; a path thousands of levels deep is
/// shortened in the middle.
pub(crate) fn located_error(
    source: &SourceFile,
    text: &str,
    error: &serde_json::Error,
    path: Option<&str>,
) -> ReadError {
    let raw = error.to_string();
    // serde_json ends its messages with " at line L column C"; the position is given apart.
    let message = match raw.rfind(" at line ") {
        Some(i) => &raw[..i],
        None => raw.as_str(),
    };
    let message = match error.classify() {
        serde_json::error::Category::Eof => {
            format!(
                "the file ends in the middle of the JSON document ({message}); it looks truncated"
            )
        }
        serde_json::error::Category::Syntax => format!("invalid JSON: {message}"),
        _ => message.to_string(),
    };
    let message = match path.map(depth::short_path) {
        Some(p) if !p.is_empty() && p != "." => format!("{p}: {message}"),
        _ => message,
    };
    let position = (error.line() > 0)
        .then(|| Position::of_line_and_byte_column(text, error.line(), error.column()));
    ReadError {
        file: source.display.clone(),
        position,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(text: &str) -> JsonFailure {
        let error = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        JsonFailure::of(text, error)
    }

    #[test]
    fn the_recursion_limit_is_told_from_a_syntax_error() {
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(matches!(failure(&deep), JsonFailure::RecursionLimit(_)));
        // One level short of the limit reads; the error is the stray brace.
        let shallow = "[".repeat(depth::SERDE_JSON_DEPTH - 1) + "1,}";
        assert!(matches!(failure(&shallow), JsonFailure::Unreadable(_)));
        assert!(matches!(
            failure("{\"a\": [1, 2,]}"),
            JsonFailure::Unreadable(_)
        ));
        assert!(matches!(
            failure("{\"a\": [1, 2"),
            JsonFailure::Unreadable(_)
        ));
    }

    #[test]
    fn messages_name_the_path_and_tell_truncated_from_malformed() {
        let source = SourceFile {
            path: "bom.json".into(),
            display: "bom.json".to_string(),
        };
        let text = "{\n  \"a\": [1, 2,]\n}";
        let error = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        let e = located_error(&source, text, &error, Some("a[2]"));
        assert_eq!(
            e.to_string(),
            "bom.json:2:14: a[2]: invalid JSON: trailing comma"
        );
        let text = "{\"a\": [1, 2";
        let error = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        let e = located_error(&source, text, &error, Some("."));
        assert_eq!(
            e.to_string(),
            "bom.json:1:11: the file ends in the middle of the JSON document (EOF while parsing a list); it looks truncated"
        );
    }
}
