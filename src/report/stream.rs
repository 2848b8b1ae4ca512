//! Writing a pretty-printed JSON document whose long arrays are made one element at a time: the
//! document is serialised with those arrays empty, and each empty array is then replaced by its
//! elements, each made, serialised and dropped in turn. The text is the same as serialising the
//! whole document at once (two-space indentation, as `serde_json::to_string_pretty`), but the
//! memory is the text and one element, not the text and a tree of every element.

use serde::Serialize;

/// Appends `skeleton[*cursor..]` up to the next line `"<key>": []` at `indent` spaces, then that
/// key with `items` serialised as its elements, and moves the cursor past it. Returns false (and
/// appends nothing) when no such line is left. Strings in JSON hold no raw line break, so the
/// line can only be the key itself.
pub fn splice<T: Serialize>(
    out: &mut String,
    skeleton: &str,
    cursor: &mut usize,
    indent: usize,
    key: &str,
    items: impl IntoIterator<Item = T>,
) -> bool {
    let pad = " ".repeat(indent);
    let empty = format!("\n{pad}\"{key}\": []");
    let Some(found) = skeleton[*cursor..].find(&empty) else {
        return false;
    };
    let at = *cursor + found;
    out.push_str(&skeleton[*cursor..at]);
    *cursor = at + empty.len();
    let mut items = items.into_iter().peekable();
    if items.peek().is_none() {
        out.push_str(&empty);
        return true;
    }
    out.push_str(&format!("\n{pad}\"{key}\": ["));
    let inner = format!("{pad}  ");
    for (i, item) in items.enumerate() {
        let one = serde_json::to_string_pretty(&item).expect("report values always serialise");
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        for (j, line) in one.split('\n').enumerate() {
            if j > 0 {
                out.push('\n');
            }
            out.push_str(&inner);
            out.push_str(line);
        }
    }
    out.push('\n');
    out.push_str(&pad);
    out.push(']');
    true
}
