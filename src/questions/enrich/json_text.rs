//! Reading the layout of a JSON document as text, and inserting members and array elements that
//! follow it, for the formats written as JSON (CycloneDX, SPDX 2 JSON, SPDX 3 JSON-LD).
//!
//! Nothing here parses values: the document was read by catscan's reader before it is enriched,
//! so it is well-formed, and only the keys and brackets of one object are needed.

/// A JSON string literal.
pub(super) fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// How an object is laid out: on several lines (members indented by `member`, nesting by `step`
/// more) or on one.
pub(super) struct Indent {
    pub multiline: bool,
    pub member: String,
    pub step: String,
}

/// The spaces and tabs that begin the line holding `at`.
fn indent_at(text: &str, at: usize) -> String {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

impl Indent {
    pub fn of(text: &str, open: usize, object: &Object) -> Indent {
        let object_indent = indent_at(text, open);
        match object.first_member {
            Some(first) if text[open..first].contains('\n') => {
                let member = indent_at(text, first);
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
pub(super) struct Object {
    /// Offset of the object's first key.
    pub first_member: Option<usize>,
    /// Offset just after the last member's value.
    pub last_member_end: usize,
    /// The `[` and `]` of the array that is the value of the key asked for.
    pub array: Option<(usize, usize)>,
    /// The object's keys, in order, each with the offset of its opening quote.
    pub keys: Vec<(String, usize)>,
}

impl Object {
    pub fn has(&self, key: &str) -> bool {
        self.keys.iter().any(|(k, _)| k == key)
    }

    /// The object that is the value of `key`, when it is one: its `{` and what its scan found.
    pub fn member_object(&self, text: &str, key: &str) -> Option<(usize, Object)> {
        let (_, at) = self.keys.iter().find(|(k, _)| k == key)?;
        // The key's closing quote, the colon, then the value.
        let after_key = at + 1 + text[at + 1..].find('"')? + 1;
        let colon = after_key + text[after_key..].find(':')?;
        let value = colon + 1 + (text[colon + 1..].len() - text[colon + 1..].trim_start().len());
        scan_object(text, value, "").map(|o| (value, o))
    }
}

/// Scans the object whose `{` is at `open`: its members' keys at depth one, the place after its
/// last member, and the array that is the value of `array_key`. `None` when the text there is
/// not an object.
pub(super) fn scan_object(text: &str, open: usize, array_key: &str) -> Option<Object> {
    let b = text.as_bytes();
    if b.get(open) != Some(&b'{') {
        return None;
    }
    let mut out = Object {
        first_member: None,
        last_member_end: open + 1,
        array: None,
        keys: Vec::new(),
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
                        out.keys.push((k.clone(), start));
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
                } else if depth == 2 && b[i] == b'[' && key.as_deref() == Some(array_key) {
                    array_open = Some(i);
                }
            }
            b'}' | b']' => {
                if depth == 2 {
                    out.last_member_end = i + 1;
                    if b[i] == b']'
                        && let Some(o) = array_open.take()
                        && key.as_deref() == Some(array_key)
                    {
                        out.array = Some((o, i));
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

/// A new member after the object's last one.
pub(super) fn member(indent: &Indent, body: &str) -> String {
    if indent.multiline {
        format!(",\n{}{body}", indent.member)
    } else {
        format!(", {body}")
    }
}

/// A JSON object to insert, as its members (key, JSON text of the value) in order.
pub(super) type Entry = Vec<(&'static str, String)>;

/// How the elements of an array are written: where each starts, and whether an object element
/// spreads its members over lines (indented by `members`).
struct ElementLayout {
    multiline: bool,
    element: String,
    members: Option<String>,
}

impl ElementLayout {
    /// The layout of the array `[open..=close]` of an object laid out as `indent`: that of its
    /// first element when it has one, else one step in from the object's members.
    fn of(text: &str, indent: &Indent, (open, close): (usize, usize)) -> ElementLayout {
        let inner = &text[open + 1..close];
        let first = open + 1 + (inner.len() - inner.trim_start().len());
        let element_on_own_line = first < close && text[open..first].contains('\n');
        let multiline = if first < close {
            element_on_own_line
        } else {
            indent.multiline
        };
        let element = if element_on_own_line {
            indent_at(text, first)
        } else if multiline {
            indent.member.clone() + &indent.step
        } else {
            String::new()
        };
        let members = if first < close && text.as_bytes()[first] == b'{' {
            scan_object(text, first, "")
                .map(|o| Indent::of(text, first, &o))
                .filter(|i| i.multiline)
                .map(|i| i.member)
        } else if multiline {
            Some(element.clone() + &indent.step)
        } else {
            None
        };
        ElementLayout {
            multiline,
            element,
            members,
        }
    }

    fn render(&self, entry: &Entry) -> String {
        match &self.members {
            Some(members) => format!(
                "{{\n{}\n{}}}",
                entry
                    .iter()
                    .map(|(k, v)| format!("{members}{}: {v}", quote(k)))
                    .collect::<Vec<_>>()
                    .join(",\n"),
                self.element
            ),
            None => format!(
                "{{{}}}",
                entry
                    .iter()
                    .map(|(k, v)| format!("{}: {v}", quote(k)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// The edit (offset, text) that appends `entries` to the array `key` of the object `object`
/// (laid out as `indent`), or adds the member `key` with them when the object has no such
/// array. `spread` says whether an object element may spread its members over lines, as the
/// document's own elements do; else each element is written on one line.
pub(super) fn append_to_array(
    text: &str,
    object: &Object,
    indent: &Indent,
    key: &str,
    entries: &[Entry],
    spread: bool,
) -> (usize, String) {
    match object.array {
        Some((open, close)) => {
            let mut layout = ElementLayout::of(text, indent, (open, close));
            if !spread {
                layout.members = None;
            }
            let empty = text[open + 1..close].trim().is_empty();
            let last = text[..close].trim_end().len();
            let mut insert = String::new();
            for (i, e) in entries.iter().enumerate() {
                if i > 0 || !empty {
                    insert.push(',');
                }
                if layout.multiline {
                    insert.push('\n');
                    insert.push_str(&layout.element);
                } else {
                    insert.push(' ');
                }
                insert.push_str(&layout.render(e));
            }
            if empty && layout.multiline {
                insert.push('\n');
                insert.push_str(&indent.member);
            }
            (last, insert)
        }
        None => {
            let body = if indent.multiline {
                let element = indent.member.clone() + &indent.step;
                let layout = ElementLayout {
                    multiline: true,
                    members: spread.then(|| element.clone() + &indent.step),
                    element: element.clone(),
                };
                format!(
                    "{}: [\n{}\n{}]",
                    quote(key),
                    entries
                        .iter()
                        .map(|e| format!("{element}{}", layout.render(e)))
                        .collect::<Vec<_>>()
                        .join(",\n"),
                    indent.member
                )
            } else {
                let layout = ElementLayout {
                    multiline: false,
                    element: String::new(),
                    members: None,
                };
                format!(
                    "{}: [{}]",
                    quote(key),
                    entries
                        .iter()
                        .map(|e| layout.render(e))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            (object.last_member_end, member(indent, &body))
        }
    }
}

/// The object that holds a component read from `offset` (the component's span start, at or
/// just after its `{`), with its layout.
pub(super) fn object_at(text: &str, offset: usize, array_key: &str) -> Option<(usize, Object)> {
    let start = text[..=offset.min(text.len().saturating_sub(1))].rfind('{')?;
    scan_object(text, start, array_key).map(|o| (start, o))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scan_finds_the_members_of_one_object_and_not_of_nested_ones() {
        let text = r#"{"name": "a\"}", "n": 12, "components": [{"properties": []}], "properties": [{"name": "x", "value": "y"}], "manufacturer": {"name": "m"}}"#;
        let o = scan_object(text, 0, "properties").unwrap();
        let (open, close) = o.array.unwrap();
        assert_eq!(&text[open..=close], r#"[{"name": "x", "value": "y"}]"#);
        assert!(o.has("manufacturer"));
        let keys: Vec<&str> = o.keys.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            ["name", "n", "components", "properties", "manufacturer"]
        );
        let (at, maker) = o.member_object(text, "manufacturer").unwrap();
        assert_eq!(&text[at..], r#"{"name": "m"}}"#);
        assert!(maker.has("name"));
        assert!(o.member_object(text, "n").is_none());
        assert_eq!(o.last_member_end, text.len() - 1);
    }

    fn appended(text: &str, key: &str, spread: bool) -> String {
        let o = scan_object(text, 0, key).unwrap();
        let indent = Indent::of(text, 0, &o);
        let entry: Entry = vec![("a", quote("1")), ("b", quote("2"))];
        let (at, insert) = append_to_array(text, &o, &indent, key, &[entry], spread);
        let mut out = text.to_string();
        out.insert_str(at, &insert);
        out
    }

    #[test]
    fn an_element_is_written_as_the_arrays_first_element_is() {
        let text = "{\n  \"x\": [\n    {\n      \"a\": \"0\"\n    }\n  ]\n}";
        assert_eq!(
            appended(text, "x", true),
            "{\n  \"x\": [\n    {\n      \"a\": \"0\"\n    },\n    {\n      \"a\": \"1\",\n      \"b\": \"2\"\n    }\n  ]\n}"
        );
        let text = "{\n  \"x\": [\n    { \"a\": \"0\" }\n  ]\n}";
        assert_eq!(
            appended(text, "x", true),
            "{\n  \"x\": [\n    { \"a\": \"0\" },\n    {\"a\": \"1\", \"b\": \"2\"}\n  ]\n}"
        );
    }

    #[test]
    fn a_missing_array_becomes_a_member_indented_like_the_others() {
        let text = "{\n\t\"y\": 1\n}";
        assert_eq!(
            appended(text, "x", true),
            "{\n\t\"y\": 1,\n\t\"x\": [\n\t\t{\n\t\t\t\"a\": \"1\",\n\t\t\t\"b\": \"2\"\n\t\t}\n\t]\n}"
        );
        assert_eq!(
            appended(r#"{"y": 1}"#, "x", true),
            r#"{"y": 1, "x": [{"a": "1", "b": "2"}]}"#
        );
        assert_eq!(
            appended("{\n  \"x\": []\n}", "x", false),
            "{\n  \"x\": [\n    {\"a\": \"1\", \"b\": \"2\"}\n  ]\n}"
        );
    }
}
