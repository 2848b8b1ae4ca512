//! How deep JSON documents may nest. serde_json stops at 128 levels, which a valid CycloneDX BOM
//! with components nested 65 deep (two levels per component) exceeds. Documents that hit that
//! limit are read again without it, on a stack that grows on the heap (`serde_stacker`), up to
//! [`MAX_DEPTH`] levels; deeper ones get a short, located error instead of a stack overflow or
//! unbounded memory.

/// The deepest nesting of arrays and objects catscan reads. No BOM format limits nesting; ten
/// thousand levels is 5,000 nested components, far beyond any real product structure, and reads
/// in a few megabytes of stack.
pub const MAX_DEPTH: usize = 10_000;

/// Whether serde_json gave up because of its own recursion limit (then the document may still be
/// within [`MAX_DEPTH`]).
pub fn hit_recursion_limit(error: &serde_json::Error) -> bool {
    error.to_string().starts_with("recursion limit exceeded")
}

/// The offset of the first `[` or `{` that opens level `MAX_DEPTH + 1`, if the text nests that
/// deep. Strings are skipped, brackets in them do not count. Runs only after serde_json hit its
/// limit.
pub fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (at, &b) in text.as_bytes().iter().enumerate() {
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
                if depth > MAX_DEPTH {
                    return Some(at);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The message for a document nested deeper than [`MAX_DEPTH`].
pub fn too_deep_message() -> String {
    format!(
        "arrays and objects nested more than {MAX_DEPTH} levels deep; catscan reads at most {MAX_DEPTH} levels"
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
        let deep = "[".repeat(MAX_DEPTH) + "]".repeat(MAX_DEPTH).as_str();
        assert_eq!(too_deep(&deep), None);
        let deeper = format!("{{\"a\":\"[[[\\\"[\",\"b\":{}", "[".repeat(MAX_DEPTH + 5));
        // The object is level 1, the first array after `"b":` level 2, so the bracket opening
        // level 10,001 is 9,999 further.
        let first = deeper.find("\"b\":").unwrap() + 4;
        assert_eq!(too_deep(&deeper), Some(first + 9_999));
    }
}
