//! A JSON tree that remembers where it came from, for the SPDX JSON and JSON-LD readers.
//!
//! SPDX documents refer to elements by identifier from anywhere in the document (relationships
//! usually come after the packages, but nothing requires it), so the readers look at the whole
//! document before building components. The tree is read with serde_json from the input string:
//! keys and strings are borrowed from the input unless they contain escapes, so the offset of a
//! key or string is its address minus the address of the text, and the `{` of an object is found
//! by stepping back from its first key. Values of fields no reader uses (license texts,
//! checksums, …) are skipped while parsing and kept only as [`Json::Skipped`].

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize as _;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::error;
use crate::ingest::json_error::{self, JsonFailure};
use crate::ingest::json_str::JsonStr as Key;
use crate::ingest::{ReadError, depth};
use crate::inventory::{SourceFile, Span, Text};

/// Fields whose values no SPDX reader needs; skipped while parsing to keep the tree small.
const SKIPPED: &[&str] = &[
    "attributionTexts",
    "checksums",
    "copyrightText",
    "extractedText",
    "fileContributors",
    "hasExtractedLicensingInfos",
    "hasFiles",
    "licenseComments",
    "licenseConcluded",
    "licenseDeclared",
    "licenseInfoFromFiles",
    "licenseInfoInFiles",
    "licenseInfoInSnippets",
    "noticeText",
    "packageVerificationCode",
    "ranges",
    "simplelicensing_licenseText",
    "software_copyrightText",
    "verifiedUsing",
];

/// A JSON value.
#[derive(Debug)]
pub(super) enum Json<'a> {
    Null,
    Bool(bool),
    Number,
    Str(Text<'a>),
    Array(Vec<Json<'a>>),
    Object(Vec<Member<'a>>),
    /// The value of a field in [`SKIPPED`].
    Skipped,
}

/// Takes a deep tree apart level by level: dropped the usual way, each level of nesting would
/// take a few frames of the stack, and a document nested thousands of levels deep would
/// overflow it.
impl Drop for Json<'_> {
    fn drop(&mut self) {
        let mut pending = Vec::new();
        take_children(self, &mut pending);
        while let Some(mut child) = pending.pop() {
            // Emptied before it is dropped, so its drop does not recurse.
            take_children(&mut child, &mut pending);
        }
    }
}

/// Moves the values an array or object holds into `out`, leaving it empty.
fn take_children<'a>(json: &mut Json<'a>, out: &mut Vec<Json<'a>>) {
    match json {
        Json::Array(items) => out.append(items),
        Json::Object(members) => out.extend(members.drain(..).map(|(_, value)| value)),
        _ => {}
    }
}

/// A key of an object and its value.
pub(super) type Member<'a> = (Text<'a>, Json<'a>);

impl<'a> Json<'a> {
    /// The JSON type, for messages ("found a number").
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number => "a number",
            Json::Str(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
            Json::Skipped => "a value",
        }
    }

    pub fn as_object(&self) -> Option<&[Member<'a>]> {
        match self {
            Json::Object(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&Text<'a>> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// The first member of an object with this key.
pub(super) fn get<'m, 'a>(members: &'m [Member<'a>], key: &str) -> Option<&'m Member<'a>> {
    members.iter().find(|(k, _)| k == key)
}

/// Every member of an object with this key, in order: a key given twice has two.
pub(super) fn get_all<'m, 'a>(
    members: &'m [Member<'a>],
    key: &'m str,
) -> impl Iterator<Item = &'m Member<'a>> {
    members.iter().filter(move |(k, _)| k == key)
}

/// The keys that an object of the tree gives again, each occurrence after the first, in
/// document order. JSON parsers disagree on which of two values counts (serde keeps the last,
/// the readers here the first), so a document that gives a field twice can show a reviewer one
/// vendor and a tool another: each is a warning.
///
/// Recurses once per level, on a stack that grows as deep as the document nests.
pub(super) fn repeated_keys<'m, 'a>(json: &'m Json<'a>, out: &mut Vec<&'m Text<'a>>) {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || repeated_keys_here(json, out));
}

fn repeated_keys_here<'m, 'a>(json: &'m Json<'a>, out: &mut Vec<&'m Text<'a>>) {
    match json {
        Json::Array(items) => items.iter().for_each(|item| repeated_keys(item, out)),
        Json::Object(members) => {
            // A short list for the handful of keys an element has; a set for an object of many,
            // so that an object of a million keys costs linear time.
            if members.len() <= 32 {
                for (i, (key, _)) in members.iter().enumerate() {
                    if members[..i].iter().any(|(k, _)| k == key) {
                        out.push(key);
                    }
                }
            } else {
                let mut seen = rustc_hash::FxHashSet::default();
                for (key, _) in members {
                    if !seen.insert(key.as_ref()) {
                        out.push(key);
                    }
                }
            }
            members
                .iter()
                .for_each(|(_, value)| repeated_keys(value, out));
        }
        _ => {}
    }
}

/// The warning for a key given again, as both SPDX JSON readers word it.
pub(super) fn repeated_key_message(key: &str) -> String {
    format!(
        "\"{key}\" is given twice in this object; each value is read where catscan can keep both (organisations), else the first counts: give each field once"
    )
}

impl<'de> de::Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Json<'de>, E> {
        Ok(Json::Number)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Json<'de>, E> {
        Ok(Json::Number)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Json<'de>, E> {
        Ok(Json::Number)
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(v)))
    }
    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }
    fn visit_none<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json<'de>, D::Error> {
        Json::deserialize(d)
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Json<'de>, S::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(v) = seq.next_element::<Json<'de>>()? {
            out.push(v);
        }
        Ok(Json::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut out = Vec::new();
        while let Some(Key(k)) = map.next_key::<Key<'de>>()? {
            let v = if SKIPPED.contains(&k.as_ref()) {
                map.next_value::<IgnoredAny>()?;
                Json::Skipped
            } else {
                map.next_value::<Json<'de>>()?
            };
            out.push((k, v));
        }
        Ok(Json::Object(out))
    }
}

/// Parses the whole text, or says where and why it is not JSON.
///
/// SPDX elements do not nest (packages, files and relationships are flat lists), but a document
/// may still nest arrays and objects deeply, in an extension or a value no reader uses. Like the
/// CycloneDX readers, these read up to the nesting-depth limit ([`depth::max_depth`]): first with
/// serde_json's recursion limit (128 levels), and if the document passes it, again without it on
/// a stack that grows on the heap; a document deeper than the limit gets a located error that
/// names the limit.
pub(super) fn parse<'a>(source: &SourceFile, text: &'a str) -> Result<Json<'a>, ReadError> {
    let too_deep = |at: usize| depth::too_deep_error(source, text, at);
    // serde_json's own limit finds documents deeper than 128 levels; a nesting-depth limit set
    // below it is looked for first.
    if depth::max_depth() < depth::SERDE_JSON_DEPTH
        && let Some(at) = depth::too_deep(text)
    {
        return Err(too_deep(at));
    }
    match parse_with(text, false).map_err(|e| JsonFailure::of(text, e)) {
        Ok(json) => Ok(json),
        Err(JsonFailure::RecursionLimit(_)) => match depth::too_deep(text) {
            Some(at) => Err(too_deep(at)),
            None => parse_with(text, true).map_err(|e| located_error(source, text, &e, true)),
        },
        Err(JsonFailure::Unreadable(e)) => Err(located_error(source, text, &e, false)),
    }
}

/// Parses the whole text; `deep` without serde_json's recursion limit, on a growing stack.
fn parse_with(text: &str, deep: bool) -> Result<Json<'_>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let json = if deep {
        de.disable_recursion_limit();
        Json::deserialize(serde_stacker::Deserializer::new(&mut de))?
    } else {
        Json::deserialize(&mut de)?
    };
    de.end()?;
    Ok(json)
}

/// The located error for a document serde_json could not read, with the path of the failing
/// value (see [`json_error`]).
fn located_error(
    source: &SourceFile,
    text: &str,
    error: &serde_json::Error,
    deep: bool,
) -> ReadError {
    json_error::located_error(source, text, error, path_of_error(text, deep).as_deref())
}

/// Parses again, tracking the path, to say where the error is. Only runs once reading failed.
fn path_of_error(text: &str, deep: bool) -> Option<String> {
    let mut de = serde_json::Deserializer::from_str(text);
    let result: Result<Json<'_>, _> = if deep {
        de.disable_recursion_limit();
        serde_path_to_error::deserialize(serde_stacker::Deserializer::new(&mut de))
    } else {
        serde_path_to_error::deserialize(&mut de)
    };
    // serde_path_to_error writes `?` for a key it never finished reading.
    result
        .err()
        .map(|e| e.path().to_string().trim_end_matches(".?").to_string())
}

/// Offsets of borrowed keys and strings, and errors about values of the wrong type.
pub(super) struct Locator<'s, 'a> {
    pub source: &'s SourceFile,
    pub text: &'a str,
}

impl<'a> Locator<'_, 'a> {
    /// Byte offset of text borrowed from the document, or `None` for decoded (owned) text.
    pub fn offset_of(&self, s: &str) -> Option<usize> {
        let base = self.text.as_ptr() as usize;
        let p = s.as_ptr() as usize;
        (p >= base && p <= base + self.text.len()).then(|| p - base)
    }

    /// Offset of the opening quote of a key or string.
    pub fn quote_of(&self, s: &str) -> Option<usize> {
        self.offset_of(s).map(|o| o.saturating_sub(1))
    }

    /// From the opening to past the closing quote of a string.
    pub fn string_span(&self, s: &str) -> Option<Span> {
        self.offset_of(s)
            .map(|o| Span::new(o.saturating_sub(1), o + s.len() + 1))
    }

    /// Offset of the `{` of an object, found from its first key.
    pub fn object_start(&self, members: &[Member<'a>]) -> Option<usize> {
        let key = self.quote_of(&members.first()?.0)?;
        let bytes = self.text.as_bytes();
        let mut i = key;
        while i > 0 && matches!(bytes[i - 1], b' ' | b'\t' | b'\r' | b'\n') {
            i -= 1;
        }
        Some(if i > 0 && bytes[i - 1] == b'{' {
            i - 1
        } else {
            key
        })
    }

    /// The error for a value of the wrong JSON type at `path`.
    pub fn type_error(
        &self,
        member: &Member<'a>,
        path: &str,
        expected: &str,
        fallback: usize,
    ) -> ReadError {
        let at = self.quote_of(&member.0).unwrap_or(fallback);
        error(
            self.source,
            self.text,
            Some(at),
            format!("{path}: expected {expected}; found {}", describe(&member.1)),
        )
    }

    /// A string field: `Ok(None)` when absent or null, an error when of another type.
    pub fn str_field<'m>(
        &self,
        members: &'m [Member<'a>],
        key: &str,
        path: &str,
        fallback: usize,
    ) -> Result<Option<&'m Text<'a>>, ReadError> {
        match get(members, key) {
            None | Some((_, Json::Null)) => Ok(None),
            Some((_, Json::Str(s))) => Ok(Some(s)),
            Some(m) => Err(self.type_error(m, &format!("{path}.{key}"), "a string", fallback)),
        }
    }

    /// An array field: empty when absent or null, an error when of another type.
    pub fn array_field<'m>(
        &self,
        members: &'m [Member<'a>],
        key: &str,
        path: &str,
        expected: &str,
        fallback: usize,
    ) -> Result<&'m [Json<'a>], ReadError> {
        match get(members, key) {
            None | Some((_, Json::Null)) => Ok(&[]),
            Some((_, Json::Array(a))) => Ok(a),
            Some(m) => Err(self.type_error(m, &format!("{path}.{key}"), expected, fallback)),
        }
    }

    /// A field that is one string or an array of strings (JSON-LD allows either for a list),
    /// with the offset of each string's opening quote.
    pub fn strings_field(
        &self,
        members: &[Member<'a>],
        key: &str,
        path: &str,
        fallback: usize,
    ) -> Result<Vec<(Text<'a>, usize)>, ReadError> {
        let Some(m) = get(members, key) else {
            return Ok(Vec::new());
        };
        let at = self.quote_of(&m.0).unwrap_or(fallback);
        let one = |s: &Text<'a>| (s.clone(), self.quote_of(s).unwrap_or(at));
        match &m.1 {
            Json::Null => Ok(Vec::new()),
            Json::Str(s) => Ok(vec![one(s)]),
            Json::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| match v {
                    Json::Str(s) => Ok(one(s)),
                    other => Err(error(
                        self.source,
                        self.text,
                        Some(at),
                        format!(
                            "{path}.{key}[{i}]: expected a string (an element identifier); found {}",
                            describe(other)
                        ),
                    )),
                })
                .collect(),
            _ => Err(self.type_error(
                m,
                &format!("{path}.{key}"),
                "a string or an array of strings",
                fallback,
            )),
        }
    }
}

/// A value's type for messages, with the value itself when it is short.
fn describe(v: &Json<'_>) -> String {
    match v {
        Json::Str(s) if s.chars().count() <= 40 => format!("the string \"{s}\""),
        Json::Bool(b) => format!("{b}"),
        other => other.kind().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn src() -> SourceFile {
        SourceFile {
            path: PathBuf::from("t.json"),
            display: "t.json".into(),
        }
    }

    #[test]
    fn keys_and_objects_are_located() {
        let text = "{\n  \"a\": [ { \"b\": \"x\\\"y\", \"c\": \"plain\" } ]\n}";
        let tree = parse(&src(), text).unwrap();
        let top = tree.as_object().unwrap();
        let Json::Array(items) = &get(top, "a").unwrap().1 else {
            panic!()
        };
        let obj = items[0].as_object().unwrap();
        let loc = Locator {
            source: &src(),
            text,
        };
        assert_eq!(loc.object_start(obj), Some(text.find("{ \"b\"").unwrap()));
        let c = get(obj, "c").unwrap().1.as_str().unwrap();
        assert_eq!(
            loc.string_span(c).unwrap().start,
            text.find("\"plain").unwrap()
        );
        // An escaped string is decoded and owned: no offset.
        let b = get(obj, "b").unwrap().1.as_str().unwrap();
        assert_eq!(b, "x\"y");
        assert_eq!(loc.offset_of(b), None);
    }

    #[test]
    fn syntax_errors_say_where_and_what_was_expected() {
        let e = parse(&src(), "{\n  \"a\": [1, 2\n  \"b\": 3\n}").unwrap_err();
        assert_eq!(
            e.position,
            Some(crate::inventory::Position { line: 3, column: 3 })
        );
        assert!(
            e.message.contains("invalid JSON: expected `,` or `]`"),
            "{}",
            e.message
        );
        let e = parse(&src(), "{\"a\": [").unwrap_err();
        assert!(e.message.contains("truncated"), "{}", e.message);
    }

    /// A tree 10,000 levels deep (the default limit) is parsed, searched for repeated keys and
    /// dropped on a thread with a 256 KiB stack: no step recurses on the thread's own stack.
    #[test]
    fn a_tree_as_deep_as_the_limit_needs_no_deep_stack() {
        const LEVELS: usize = crate::limits::Limit::NestingDepth.default_value() as usize;
        let text = format!(
            "{}{{\"a\": 1, \"a\": 2}}{}",
            "[".repeat(LEVELS - 1),
            "]".repeat(LEVELS - 1)
        );
        let repeated = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let tree = parse(&src(), &text).unwrap();
                let mut repeated = Vec::new();
                repeated_keys(&tree, &mut repeated);
                let offsets: Vec<usize> = repeated
                    .iter()
                    .map(|k| {
                        Locator {
                            source: &src(),
                            text: &text,
                        }
                        .quote_of(k)
                        .unwrap()
                    })
                    .collect();
                drop(tree);
                offsets
            })
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(repeated, [LEVELS - 1 + 9]);
    }
}
