//! Writes a CycloneDX JSON BOM back with the answers as component properties (and a
//! manufacturer where one was asked for), so that the evidence travels with the BOM and the next
//! scan needs no answers file.
//!
//! The document is edited as text, not re-serialised: every byte outside the inserted entries
//! stays as the supplier's tool wrote it (key order, spacing, number formatting), and a diff of
//! the two files shows exactly what the answers added.

use crate::inventory::{Format, Inventory};
use crate::questions::merge::Addition;

/// The BOM's text with the additions inserted, and warnings about what could not be written.
/// `Err` for a format other than CycloneDX JSON or a component whose object cannot be found at
/// its recorded place.
pub fn enrich(
    inventory: &Inventory<'_>,
    additions: &[Addition],
) -> Result<(String, Vec<String>), String> {
    let mut warnings = Vec::new();
    if inventory.format != Format::CycloneDxJson {
        return Err(format!(
            "{}: catscan enrich writes answers into CycloneDX JSON; this file is {}",
            inventory.source.display,
            inventory.format.as_str()
        ));
    }
    let text = inventory.text;
    // One edit per component: two answers about one component must not each add a
    // `properties` member (a duplicate key).
    let mut merged: Vec<Addition> = Vec::new();
    for addition in additions {
        match merged
            .iter_mut()
            .find(|m| m.component == addition.component)
        {
            Some(m) => {
                m.properties.extend(addition.properties.iter().cloned());
                if addition.manufacturer.is_some() {
                    m.manufacturer.clone_from(&addition.manufacturer);
                }
            }
            None => merged.push(addition.clone()),
        }
    }
    let mut edits: Vec<(usize, String)> = Vec::new();
    for addition in &merged {
        let c = inventory.component(addition.component);
        let start = text[..=c.span.start.min(text.len().saturating_sub(1))]
            .rfind('{')
            .ok_or_else(|| not_found(inventory, c.span.start))?;
        let object = scan_object(text, start).ok_or_else(|| not_found(inventory, start))?;
        let indent = Indent::of(text, start, &object);
        if !addition.properties.is_empty() {
            let entries: Vec<String> = addition
                .properties
                .iter()
                .map(|(n, v)| format!("{{\"name\": {}, \"value\": {}}}", quote(n), quote(v)))
                .collect();
            match object.properties {
                Some((open, close)) => {
                    let inner = text[open + 1..close].trim();
                    let last = text[..close].trim_end().len();
                    let (sep, element_indent) = if indent.multiline {
                        ("\n", indent.member.clone() + &indent.step)
                    } else {
                        (" ", String::new())
                    };
                    let mut insert = String::new();
                    for (i, e) in entries.iter().enumerate() {
                        if i > 0 || !inner.is_empty() {
                            insert.push(',');
                        }
                        insert.push_str(sep);
                        insert.push_str(&element_indent);
                        insert.push_str(e);
                    }
                    if inner.is_empty() && indent.multiline {
                        insert.push('\n');
                        insert.push_str(&indent.member);
                    }
                    edits.push((last, insert));
                }
                None => {
                    let body = if indent.multiline {
                        let inner = indent.member.clone() + &indent.step;
                        format!(
                            "\"properties\": [\n{}\n{}]",
                            entries
                                .iter()
                                .map(|e| format!("{inner}{e}"))
                                .collect::<Vec<_>>()
                                .join(",\n"),
                            indent.member
                        )
                    } else {
                        format!("\"properties\": [{}]", entries.join(", "))
                    };
                    edits.push((object.last_member_end, member(&indent, &body)));
                }
            }
        }
        if let Some(maker) = &addition.manufacturer {
            if object.has_manufacturer {
                // A manufacturer object without a name (one with a name and another answer was
                // refused as a contradiction): its members are the document's to keep.
                let p = inventory.position(start);
                warnings.push(format!(
                    "{}:{}:{}: the component \"{}\" has a manufacturer without a name; the answered manufacturer \"{maker}\" is kept in its catscan:answered property but not written as the manufacturer's name",
                    inventory.source.display,
                    p.line,
                    p.column,
                    c.display_name()
                ));
            } else {
                let body = format!("\"manufacturer\": {{\"name\": {}}}", quote(maker));
                edits.push((object.last_member_end, member(&indent, &body)));
            }
        }
    }
    // From the end, so that earlier offsets stay right; at one offset, in the order made.
    let mut order: Vec<usize> = (0..edits.len()).collect();
    order.sort_by(|a, b| edits[*b].0.cmp(&edits[*a].0).then(b.cmp(a)));
    let mut out = text.to_string();
    for i in order {
        let (at, insert) = &edits[i];
        out.insert_str(*at, insert);
    }
    Ok((out, warnings))
}

fn not_found(inventory: &Inventory<'_>, offset: usize) -> String {
    let p = inventory.position(offset);
    format!(
        "{}:{}:{}: cannot find the component's object to add the answers to",
        inventory.source.display, p.line, p.column
    )
}

/// A new member after the object's last one.
fn member(indent: &Indent, body: &str) -> String {
    if indent.multiline {
        format!(",\n{}{body}", indent.member)
    } else {
        format!(", {body}")
    }
}

/// A JSON string literal.
fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// How the component's object is laid out: on several lines (members indented by `member`,
/// nesting by `step` more) or on one.
struct Indent {
    multiline: bool,
    member: String,
    step: String,
}

impl Indent {
    fn of(text: &str, open: usize, object: &Object) -> Indent {
        let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
        let indent_at = |at: usize| {
            let start = line_start(at);
            text[start..]
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect::<String>()
        };
        let object_indent = indent_at(open);
        match object.first_member {
            Some(first) if text[open..first].contains('\n') => {
                let member = indent_at(first);
                let step = member
                    .strip_prefix(object_indent.as_str())
                    .filter(|s| !s.is_empty())
                    .unwrap_or("  ")
                    .to_string();
                Indent {
                    multiline: true,
                    member,
                    step,
                }
            }
            _ => Indent {
                multiline: false,
                member: String::new(),
                step: String::new(),
            },
        }
    }
}

/// What the scan of one object found.
struct Object {
    /// Offset of the object's first key.
    first_member: Option<usize>,
    /// Offset just after the last member's value.
    last_member_end: usize,
    /// The `[` and `]` of its `properties` array.
    properties: Option<(usize, usize)>,
    has_manufacturer: bool,
}

/// Scans the object whose `{` is at `open`: its members' keys at depth one, the place after its
/// last member, and its `properties` array. `None` when the text there is not an object.
fn scan_object(text: &str, open: usize) -> Option<Object> {
    let b = text.as_bytes();
    if b.get(open) != Some(&b'{') {
        return None;
    }
    let mut out = Object {
        first_member: None,
        last_member_end: open + 1,
        properties: None,
        has_manufacturer: false,
    };
    let mut depth = 0usize;
    let mut i = open;
    // The key of the member whose value is being read at depth one, and where its array opened.
    let mut key: Option<String> = None;
    let mut array_open: Option<usize> = None;
    let mut expect_key = false;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if depth == 1 {
                    if expect_key {
                        let k: String =
                            serde_json::from_str(&text[start..=i.min(b.len() - 1)]).ok()?;
                        out.first_member.get_or_insert(start);
                        if k == "manufacturer" {
                            out.has_manufacturer = true;
                        }
                        key = Some(k);
                        expect_key = false;
                    } else {
                        out.last_member_end = i + 1;
                    }
                }
            }
            b'{' | b'[' => {
                depth += 1;
                if depth == 1 {
                    expect_key = true;
                } else if depth == 2 && b[i] == b'[' && key.as_deref() == Some("properties") {
                    array_open = Some(i);
                }
            }
            b'}' | b']' => {
                if depth == 2 {
                    out.last_member_end = i + 1;
                    if b[i] == b']'
                        && let Some(o) = array_open.take()
                        && key.as_deref() == Some("properties")
                    {
                        out.properties = Some((o, i));
                    }
                }
                depth -= 1;
                if depth == 0 {
                    return Some(out);
                }
            }
            b',' if depth == 1 => expect_key = true,
            c if depth == 1 && !expect_key && !c.is_ascii_whitespace() && c != b':' => {
                // A number, true, false or null.
                out.last_member_end = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scan_finds_the_members_of_one_object_and_not_of_nested_ones() {
        let text = r#"{"name": "a\"}", "n": 12, "components": [{"properties": []}], "properties": [{"name": "x", "value": "y"}], "manufacturer": {"name": "m"}}"#;
        let o = scan_object(text, 0).unwrap();
        let (open, close) = o.properties.unwrap();
        assert_eq!(&text[open..=close], r#"[{"name": "x", "value": "y"}]"#);
        assert!(o.has_manufacturer);
        assert_eq!(o.last_member_end, text.len() - 1);
    }
}
