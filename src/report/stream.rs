//! Writing a pretty-printed JSON document whose long arrays are made one element at a time: the
//! document is serialised with those arrays empty, and each empty array is then replaced by its
//! elements, each made, serialised and written out in turn. The text is the same as serialising
//! the whole document at once (two-space indentation, as `serde_json::to_string_pretty`), but the
//! memory is the skeleton and one element, not the whole text nor a tree of every element: the
//! text goes straight to its file.

use std::io::{self, Write};

use serde::Serialize;

/// Writes `skeleton[*cursor..]` up to the next line `"<key>": []` at `indent` spaces, then that
/// key with `items` serialised as its elements, and moves the cursor past it. Returns false (and
/// writes nothing) when no such line is left. Strings in JSON hold no raw line break, so the line
/// can only be the key itself.
pub fn splice<T: Serialize>(
    out: &mut dyn Write,
    skeleton: &str,
    cursor: &mut usize,
    indent: usize,
    key: &str,
    items: impl IntoIterator<Item = T>,
) -> io::Result<bool> {
    let pad = " ".repeat(indent);
    let empty = format!("\n{pad}\"{key}\": []");
    let Some(found) = skeleton[*cursor..].find(&empty) else {
        return Ok(false);
    };
    let at = *cursor + found;
    out.write_all(&skeleton.as_bytes()[*cursor..at])?;
    *cursor = at + empty.len();
    let mut items = items.into_iter().peekable();
    if items.peek().is_none() {
        out.write_all(empty.as_bytes())?;
        return Ok(true);
    }
    write!(out, "\n{pad}\"{key}\": [")?;
    let inner = format!("{pad}  ");
    let mut one = Vec::new();
    for (i, item) in items.enumerate() {
        one.clear();
        serde_json::to_writer_pretty(&mut one, &item).map_err(io::Error::other)?;
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        for (j, line) in one.split(|&b| b == b'\n').enumerate() {
            if j > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(inner.as_bytes())?;
            out.write_all(line)?;
        }
    }
    write!(out, "\n{pad}]")?;
    Ok(true)
}
