//! CycloneDX JSON (specification 1.2 to 1.7).
//!
//! The document is walked once with serde, through seeds that push components straight into the
//! `Builder` instead of building a tree first. Strings are borrowed from the input unless they
//! contain escapes, so positions come for free: the offset of a borrowed key or value is its
//! address minus the address of the text. Fields catscan does not use are skipped as fast as
//! serde_json can skip (`IgnoredAny`).
//!
//! A value of the wrong JSON type for a field catscan reads (a number where a name is expected)
//! stops the reader with an error that names the line, the column, the field's path and what
//! was expected; a value of the right type that the specification does not allow (an unknown
//! component type, a malformed hash) is a warning and reading goes on.

use std::fmt;

use serde::Deserialize as _;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::checks::{self, SpecVersion};
use super::{Builder, DependencyEntry, split};
use crate::ingest::ReadError;
use crate::ingest::depth::{self, max_depth};
use crate::ingest::json_error::{self, JsonFailure};
use crate::ingest::json_str::JsonStr as Str;
use crate::inventory::{
    Component, ComponentId, ComponentKind, Format, Inventory, Party, PartyField, Property, Scope,
    SourceFile, Span, Text,
};
use serde_json::value::RawValue;

/// Reads a CycloneDX JSON document, on several cores when it is large.
pub fn read<'a>(source: SourceFile, text: &'a str) -> Result<Inventory<'a>, ReadError> {
    read_with_threads(source, text, split::threads_for(text.len()))
}

/// Reads with `threads` threads (see `split`); the result does not depend on `threads`.
pub fn read_with_threads<'a>(
    source: SourceFile,
    text: &'a str,
    threads: usize,
) -> Result<Inventory<'a>, ReadError> {
    // serde_json's own limit finds documents deeper than 128 levels; a nesting-depth limit set
    // below it is looked for first.
    if depth::max_depth() < depth::SERDE_JSON_DEPTH
        && let Some(at) = depth::too_deep(text)
    {
        return Err(depth::too_deep_error(&source, text, at));
    }
    read_walk(source, text, threads, false)
}

/// Reads, `deep` without serde_json's recursion limit on a growing stack (see [`depth`]).
fn read_walk<'a>(
    source: SourceFile,
    text: &'a str,
    threads: usize,
    deep: bool,
) -> Result<Inventory<'a>, ReadError> {
    let cuts = split::Cuts::new(threads.max(1));
    let shares = split::Share::all(&cuts, text.len());
    let walk = |share: &split::Share<'_>| {
        let _publish = split::PublishOnExit(share);
        let mut builder = Builder::new(text);
        let mut header = Header::default();
        let mut de = serde_json::Deserializer::from_str(text);
        let seed = BomSeed {
            b: &mut builder,
            header: &mut header,
            share,
        };
        let outcome = if deep {
            de.disable_recursion_limit();
            seed.deserialize(serde_stacker::Deserializer::new(&mut de))
        } else {
            seed.deserialize(&mut de)
        }
        .and_then(|()| de.end());
        match outcome {
            Ok(()) => Ok((builder, header)),
            // The share ended before the end of the document, on purpose.
            Err(_) if builder.stopped => Ok((builder, header)),
            Err(e) => Err(e),
        }
    };
    let outcomes: Vec<_> = if shares.len() == 1 {
        vec![walk(&shares[0])]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = shares
                .iter()
                .map(|share| scope.spawn(move || walk(share)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a reader thread panicked"))
                .collect()
        })
    };
    let mut parts = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        match outcome {
            Ok(part) => parts.push(part),
            // A single reader names the first problem of the document, with its path; let it.
            Err(_) if shares.len() > 1 => return read_walk(source, text, 1, deep),
            Err(error) => {
                return match JsonFailure::of(text, error) {
                    // Deeper than serde_json's 128 levels: again, deeper, up to a limit.
                    JsonFailure::RecursionLimit(_) if !deep => match depth::too_deep(text) {
                        Some(at) => Err(depth::too_deep_error(&source, text, at)),
                        None => read_walk(source, text, 1, true),
                    },
                    JsonFailure::RecursionLimit(error) | JsonFailure::Unreadable(error) => {
                        let path = path_of_error(text);
                        Err(json_error::located_error(
                            &source,
                            text,
                            &error,
                            path.as_deref(),
                        ))
                    }
                };
            }
        }
    }
    let mut parts = parts.into_iter();
    let (mut builder, mut header) = parts.next().expect("at least one share");
    for (next, next_header) in parts {
        builder.append(next);
        header.spec_version = header.spec_version.or(next_header.spec_version);
        header.spec_offset = header.spec_offset.or(next_header.spec_offset);
    }
    let spec_version = header.spec_version.clone().unwrap_or_default();
    match (header.spec_version.as_deref(), header.spec_offset) {
        (None, _) => builder.warn("missing-spec-version", Some(0), "the BOM has no \"specVersion\"; read as CycloneDX 1.7"),
        (Some(v), offset) => match SpecVersion::parse(v) {
            Some(s) if s.0 >= 2 && s <= SpecVersion::NEWEST => builder.spec = s,
            Some(s) if s > SpecVersion::NEWEST => builder.warn(
                "newer-spec-version",
                offset,
                format!("specVersion {v} is newer than the CycloneDX versions catscan knows (up to 1.7); read as 1.7"),
            ),
            _ => builder.warn(
                "unknown-spec-version",
                offset,
                format!("specVersion \"{v}\" is not a CycloneDX JSON version (1.2 to 1.7); read as 1.7"),
            ),
        },
    }
    builder.resolve_version_dependent();
    Ok(builder.finish(source, Format::CycloneDxJson, spec_version))
}

/// Top-level fields that are needed after the walk.
#[derive(Default)]
struct Header {
    spec_version: Option<String>,
    spec_offset: Option<usize>,
}

/// The error a walk returns to end early on purpose, once its share of the document is read
/// (see [`Builder::stopped`]).
fn stop<E: de::Error>(b: &mut Builder<'_>) -> E {
    b.stopped = true;
    E::custom("catscan: this share of the document ends here")
}

/// A seed that is its own visitor, as every seed of this reader is: `seed_visitor! { Seed -> Value,
/// deserialize_map, "what it expects"; fn visit_map … }` writes the `DeserializeSeed`, which asks
/// the deserializer for that kind of value, and the `Visitor` with its `Value` and `expecting`
/// around the visit methods given.
macro_rules! seed_visitor {
    ($seed:ident -> $value:ty, $ask:ident, $expecting:expr; $($visit:tt)*) => {
        impl<'de> DeserializeSeed<'de> for $seed<'_, 'de> {
            type Value = $value;
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.$ask(self)
            }
        }

        impl<'de> Visitor<'de> for $seed<'_, 'de> {
            type Value = $value;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str($expecting)
            }
            $($visit)*
        }
    };
}

/// Walks the document again, tracking the path, to say which field the error is in. Only runs
/// when reading has already failed, so the happy path pays nothing for it.
fn path_of_error(text: &str) -> Option<String> {
    let mut builder = Builder::new(text);
    let mut header = Header::default();
    let cuts = split::Cuts::new(1);
    let share = &split::Share::all(&cuts, text.len())[0];
    let mut de = serde_json::Deserializer::from_str(text);
    let mut track = serde_path_to_error::Track::new();
    let seed = BomSeed {
        b: &mut builder,
        header: &mut header,
        share,
    };
    // As deep as the reading went (see `read_walk`).
    let result = if depth::too_deep(text).is_none() {
        de.disable_recursion_limit();
        let deep = serde_stacker::Deserializer::new(&mut de);
        seed.deserialize(serde_path_to_error::Deserializer::new(deep, &mut track))
    } else {
        seed.deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track))
    };
    // serde_path_to_error writes `?` for a key it never finished reading.
    result
        .err()
        .map(|_| track.path().to_string().trim_end_matches(".?").to_string())
}

// ---------------------------------------------------------------------------------------------
// Strings and keys

/// An optional string: `null` is read as absent (generators write it although the schema does not
/// allow it; catscan does not reject a file for it).
fn opt_str<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<Text<'de>>, A::Error> {
    Ok(map.next_value::<Option<Str<'de>>>()?.map(|s| s.0))
}

fn str_value<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Text<'de>, A::Error> {
    Ok(map.next_value::<Str<'de>>()?.0)
}

/// Offset of the `{` that opens the object whose first key starts at `key_offset`.
fn object_start(text: &str, key_offset: usize) -> usize {
    let before = &text.as_bytes()[..key_offset.min(text.len())];
    let mut i = before.len();
    // Step over the key's opening quote and any whitespace.
    while i > 0 && matches!(before[i - 1], b'"' | b' ' | b'\t' | b'\r' | b'\n') {
        i -= 1;
    }
    if i > 0 && before[i - 1] == b'{' {
        i - 1
    } else {
        key_offset
    }
}

/// Reads the next key of an object and records where it is in `Builder::cursor`, which also
/// places diagnostics about objects that have no key of their own. A key the object already
/// gave is a located warning: JSON parsers disagree on which of two values counts (serde keeps
/// the last, others the first), so a BOM that gives a field twice can show a reviewer one vendor
/// and a tool another.
fn next_key<'de, A: MapAccess<'de>>(
    map: &mut A,
    b: &mut Builder<'de>,
    keys: &mut KeySet<'de>,
) -> Result<Option<Text<'de>>, A::Error> {
    let key = map.next_key::<Str<'de>>()?.map(|k| k.0);
    if let Some(k) = &key {
        let at = b.offset_of(k);
        if let Some(o) = at {
            b.cursor = o;
        }
        if !keys.insert(k) {
            b.warn(
                "duplicate-key",
                at,
                format!(
                    "\"{k}\" is given twice in this object; each value is read where catscan can keep both (organisations), else the last counts: give each field once"
                ),
            );
        }
    }
    Ok(key)
}

/// The keys an object has given so far: a short list, searched in order, for the handful of keys
/// a BOM object has; a hash set once there are more, so that an object of a million keys costs
/// linear time.
#[derive(Default)]
struct KeySet<'de> {
    few: Vec<Text<'de>>,
    many: Option<rustc_hash::FxHashSet<Text<'de>>>,
}

impl<'de> KeySet<'de> {
    /// Adds a key; false if it was already there.
    fn insert(&mut self, key: &Text<'de>) -> bool {
        if let Some(many) = &mut self.many {
            return many.insert(key.clone());
        }
        if self.few.iter().any(|k| k == key) {
            return false;
        }
        self.few.push(key.clone());
        if self.few.len() > 32 {
            self.many = Some(std::mem::take(&mut self.few).into_iter().collect());
        }
        true
    }
}

/// Skips a value, and reports the key if the schema does not define it for this object.
fn skip<'de, A: MapAccess<'de>>(
    map: &mut A,
    b: &mut Builder<'de>,
    object: &'static str,
    known: &[&str],
    key: &str,
    at: usize,
) -> Result<(), A::Error> {
    if !known.contains(&key) {
        b.unknown_key(object, key, at);
    }
    map.next_value::<IgnoredAny>()?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The BOM

struct BomSeed<'s, 'de> {
    b: &'s mut Builder<'de>,
    header: &'s mut Header,
    share: &'s split::Share<'s>,
}

seed_visitor! {
    BomSeed -> (), deserialize_map, "a CycloneDX BOM object";
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let b = self.b;
        // Whether this thread reads the part of the document it is in: the first share owns
        // what precedes `components`, the share with the array's last element what follows.
        let mut owned = self.share.is_first();
        let mut array_seen = false;
        let mut keys = KeySet::default();
        while let Some(key) = next_key(&mut map, b, &mut keys)? {
            let at = b.cursor;
            if key == "components" && !array_seen {
                array_seen = true;
                map.next_value_seed(TopComponentsSeed {
                    b: &mut *b,
                    share: self.share,
                })?;
                owned = true;
                continue;
            }
            if !owned {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            match key.as_ref() {
                "bomFormat" => {
                    let v = str_value(&mut map)?;
                    if v != "CycloneDX" {
                        return Err(de::Error::custom(format!(
                            "\"bomFormat\" is \"{v}\"; expected \"CycloneDX\""
                        )));
                    }
                }
                "specVersion" => {
                    let v = str_value(&mut map)?;
                    self.header.spec_offset = b.offset_of(&v).or(Some(at));
                    self.header.spec_version = Some(v.into_owned());
                }
                "serialNumber" => {
                    let v = str_value(&mut map)?;
                    if let Some(problem) = checks::serial_number_problem(&v) {
                        b.warn(
                            "invalid-serial-number",
                            b.offset_of(&v).or(Some(at)),
                            problem,
                        );
                    }
                }
                "components" => map.next_value_seed(ComponentsSeed {
                    b,
                    parent: None,
                    pedigree: false,
                    depth: 0,
                })?,
                "metadata" => map.next_value_seed(MetadataSeed { b })?,
                "dependencies" => map.next_value_seed(DependenciesSeed { b })?,
                "services" => map.next_value_seed(ServicesSeed { b, depth: 0 })?,
                "citations" => map.next_value_seed(CitationsSeed { b })?,
                "properties" => {
                    map.next_value_seed(PropertiesSeed { b })?;
                }
                k => skip(&mut map, b, "the BOM", checks::TOP_LEVEL_FIELDS, k, at)?,
            }
        }
        if !self.share.is_first() && !array_seen {
            // No `components` array: everything belonged to the first share.
            return Err(stop(b));
        }
        Ok(())
    }
}

fn top_level_component<'s, 'de>(b: &'s mut Builder<'de>) -> ComponentSeed<'s, 'de> {
    ComponentSeed {
        b,
        parent: None,
        root: false,
        pedigree: false,
        depth: 0,
    }
}

/// The BOM's own `components` array, of which this thread builds one contiguous share. Ends
/// the walk ([`stop`]) unless this thread also owns what follows the array.
struct TopComponentsSeed<'s, 'de> {
    b: &'s mut Builder<'de>,
    share: &'s split::Share<'s>,
}

seed_visitor! {
    TopComponentsSeed -> (), deserialize_seq, "an array of components";
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        let (b, share) = (self.b, self.share);
        let mut index = 0;
        if !share.is_first() {
            // Skip to the first element that starts at or after the target, and announce it.
            loop {
                let Some(raw) = seq.next_element::<&'de RawValue>()? else {
                    share.publish(None);
                    return Err(stop(b));
                };
                let start = b.offset_of(raw.get()).unwrap_or(0);
                if start >= share.target {
                    share.publish(Some(index));
                    let mut sub = serde_json::Deserializer::from_str(raw.get());
                    top_level_component(&mut *b)
                        .deserialize(&mut sub)
                        .map_err(de::Error::custom)?;
                    index += 1;
                    break;
                }
                index += 1;
            }
        } else {
            // A BOM is mostly components: reserve for them once instead of growing step by step.
            b.components.reserve(b.text.len() / 1200 / share.count);
        }
        let first = index;
        let mut snapshots = Vec::new();
        loop {
            if let Some(Some(cut)) = share.next_cut()
                && index >= cut
            {
                if let Some(s) = snapshots.get(cut - first) {
                    b.rewind(*s);
                }
                return Err(stop(b));
            }
            if !share.is_last() {
                snapshots.push(b.snapshot());
            }
            if seq
                .next_element_seed(top_level_component(&mut *b))?
                .is_none()
            {
                break;
            }
            index += 1;
        }
        // The array ended while this thread owned it: it owns what follows unless the next share
        // began inside the array after all (its announcement came late).
        match share.wait_next_cut() {
            None => Ok(()),
            Some(cut) => {
                if let Some(s) = snapshots.get(cut - first) {
                    b.rewind(*s);
                }
                Err(stop(b))
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// metadata

struct MetadataSeed<'s, 'de> {
    b: &'s mut Builder<'de>,
}

seed_visitor! {
    MetadataSeed -> (), deserialize_map, "a metadata object";
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let b = self.b;
        let mut keys = KeySet::default();
        while let Some(key) = next_key(&mut map, b, &mut keys)? {
            let at = b.cursor;
            match key.as_ref() {
                "timestamp" => {
                    let v = str_value(&mut map)?;
                    if let Some(problem) = checks::timestamp_problem(&v) {
                        b.warn("invalid-timestamp", b.offset_of(&v).or(Some(at)), problem);
                    }
                }
                "component" => map.next_value_seed(ComponentSeed {
                    b,
                    parent: None,
                    root: true,
                    pedigree: false,
                    depth: 0,
                })?,
                "manufacture" | "supplier" => {
                    let field = if key.as_ref() == "supplier" {
                        PartyField::Supplier
                    } else {
                        PartyField::Manufacturer
                    };
                    if let Some(party) = map.next_value_seed(PartySeed { b: &mut *b })? {
                        b.metadata_party(field, party);
                    }
                }
                "manufacturer" => {
                    // The organisation that created the BOM (1.6+), not the maker of its subject:
                    // checked, never used for a decision, so a second one hides nothing.
                    map.next_value_seed(PartySeed { b })?;
                }
                "licenses" => map.next_value_seed(LicensesSeed { b })?,
                "properties" => {
                    map.next_value_seed(PropertiesSeed { b })?;
                }
                k => skip(&mut map, b, "metadata", checks::METADATA_FIELDS, k, at)?,
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// components

struct ComponentsSeed<'s, 'de> {
    b: &'s mut Builder<'de>,
    parent: Option<ComponentId>,
    /// Components listed as the ancestry of another (`pedigree`): checked, counted, not kept.
    pedigree: bool,
    depth: usize,
}

seed_visitor! {
    ComponentsSeed -> (), deserialize_seq, "an array of components";
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        if self.depth >= max_depth() {
            return Err(de::Error::custom(depth::nested_too_deep("components are")));
        }
        while seq
            .next_element_seed(ComponentSeed {
                b: &mut *self.b,
                parent: self.parent,
                root: false,
                pedigree: self.pedigree,
                depth: self.depth,
            })?
            .is_some()
        {}
        Ok(())
    }
}

struct ComponentSeed<'s, 'de> {
    b: &'s mut Builder<'de>,
    parent: Option<ComponentId>,
    root: bool,
    pedigree: bool,
    depth: usize,
}

seed_visitor! {
    ComponentSeed -> (), deserialize_map, "a component object";
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let b = self.b;
        let id = if self.pedigree {
            b.pedigree_components += 1;
            None
        } else {
            Some(b.begin_component())
        };
        let mut c = Component {
            parent: self.parent,
            is_root: self.root,
            ..Component::default()
        };
        let mut start: Option<usize> = None;
        let mut name_end: Option<usize> = None;
        let mut has_type = false;
        let mut has_name = false;
        let mut is_external = false;
        let mut version_range: Option<usize> = None;
        let mut at = b.cursor;
        let mut keys = KeySet::default();
        while let Some(key) = next_key(&mut map, b, &mut keys)? {
            at = b.cursor;
            if start.is_none() {
                start = b.offset_of(&key).map(|o| object_start(b.text, o));
            }
            match key.as_ref() {
                "type" => {
                    let v = str_value(&mut map)?;
                    has_type = true;
                    c.kind = match ComponentKind::from_cyclonedx(&v) {
                        Some(kind) => kind,
                        None => {
                            b.warn(
                                "invalid-component-type",
                                b.offset_of(&v).or(Some(at)),
                                format!(
                                    "component type \"{v}\" is not one of: {}",
                                    checks::COMPONENT_TYPES
                                ),
                            );
                            ComponentKind::Unknown(v.into_owned())
                        }
                    };
                }
                "bom-ref" => c.bom_ref = Some(str_value(&mut map)?),
                "name" => {
                    let v = str_value(&mut map)?;
                    has_name = true;
                    name_end = Some(b.offset_of(&v).map_or(at + 6, |o| o + v.len() + 1));
                    c.name = v;
                }
                "group" => c.group = opt_str(&mut map)?,
                "version" => c.version = opt_str(&mut map)?,
                "description" => c.description = opt_str(&mut map)?,
                "publisher" => match (&c.publisher, opt_str(&mut map)?) {
                    (Some(_), Some(second)) => c.also_named.push((PartyField::Publisher, second)),
                    (_, value) => c.publisher = value,
                },
                "purl" => c.purl = opt_str(&mut map)?,
                "cpe" => c.cpe = opt_str(&mut map)?,
                "author" => c.authors.extend(opt_str(&mut map)?),
                "authors" => c.authors.extend(
                    map.next_value::<Vec<Contact<'de>>>()?
                        .into_iter()
                        .filter_map(|a| a.name),
                ),
                "supplier" | "manufacturer" => {
                    let (slot, field) = if key.as_ref() == "supplier" {
                        (&mut c.supplier, PartyField::Supplier)
                    } else {
                        (&mut c.manufacturer, PartyField::Manufacturer)
                    };
                    let party = map.next_value_seed(PartySeed { b: &mut *b })?;
                    match (slot.as_mut(), party) {
                        // Given twice: the first stays, the second is kept beside it.
                        (Some(_), Some(second)) => c.also_named.extend(
                            second
                                .name
                                .into_iter()
                                .chain(second.other_names)
                                .map(|n| (field, n)),
                        ),
                        (None, Some(mut first)) => {
                            // A second `name` in the object is kept beside the first.
                            c.also_named.extend(
                                std::mem::take(&mut first.other_names)
                                    .into_iter()
                                    .map(|n| (field, n)),
                            );
                            *slot = Some(Box::new(first));
                        }
                        (None, None) => {}
                        (Some(_), None) => {}
                    }
                }
                "scope" => {
                    let v = str_value(&mut map)?;
                    c.scope = match v.as_ref() {
                        "required" => Some(Scope::Required),
                        "optional" => Some(Scope::Optional),
                        "excluded" => Some(Scope::Excluded),
                        _ => {
                            let problem = checks::enum_problem("scope", &v, &checks::SCOPES);
                            b.warn(
                                "invalid-scope",
                                b.offset_of(&v).or(Some(at)),
                                problem.unwrap_or_default(),
                            );
                            None
                        }
                    };
                }
                "hashes" => map.next_value_seed(HashesSeed { b })?,
                "licenses" => map.next_value_seed(LicensesSeed { b })?,
                "swid" => map.next_value_seed(SwidSeed { b, at })?,
                "pedigree" => map.next_value_seed(PedigreeSeed {
                    b,
                    depth: self.depth,
                })?,
                "properties" => c.properties = map.next_value_seed(PropertiesSeed { b })?,
                "components" => map.next_value_seed(ComponentsSeed {
                    b,
                    parent: id,
                    pedigree: self.pedigree,
                    depth: self.depth + 1,
                })?,
                "isExternal" => is_external = map.next_value::<bool>()?,
                "versionRange" => {
                    map.next_value::<IgnoredAny>()?;
                    version_range = Some(at);
                }
                k => skip(&mut map, b, "a component", checks::COMPONENT_FIELDS, k, at)?,
            }
        }
        let start = start.unwrap_or(at);
        if !has_type {
            b.warn("missing-component-type", Some(start), "component has no \"type\"; CycloneDX requires one (application, library, device, …)");
        }
        if !has_name {
            b.warn(
                "missing-component-name",
                Some(start),
                "component has no \"name\"; CycloneDX requires one",
            );
        }
        if let Some(offset) = version_range {
            if !is_external {
                b.warn(
                    "version-range-not-external",
                    Some(offset),
                    "\"versionRange\" is only allowed on a component with \"isExternal\": true",
                );
            } else if c.version.is_some() {
                b.warn(
                    "version-and-range",
                    Some(offset),
                    "an external component may have \"version\" or \"versionRange\", not both",
                );
            }
        }
        c.span = Span::new(start, name_end.unwrap_or(start + 1));
        if let Some(id) = id {
            b.finish_component(id, c);
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// organisations and people

struct PartySeed<'s, 'de> {
    b: &'s mut Builder<'de>,
}

seed_visitor! {
    PartySeed -> Option<Party<'de>>, deserialize_option, "an organization object (name, url, contact, address)";
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let b = self.b;
        let mut party = Party::default();
        let mut keys = KeySet::default();
        while let Some(key) = next_key(&mut map, b, &mut keys)? {
            let at = b.cursor;
            match key.as_ref() {
                "name" => match (&party.name, opt_str(&mut map)?) {
                    (Some(_), Some(second)) => party.other_names.push(second),
                    (_, value) => party.name = value,
                },
                "address" => {
                    party.country = map
                        .next_value::<Option<Address<'de>>>()?
                        .and_then(|a| a.country)
                }
                k => skip(
                    &mut map,
                    b,
                    "an organization",
                    checks::ORGANIZATION_FIELDS,
                    k,
                    at,
                )?,
            }
        }
        Ok(Some(party))
    }
}

/// `postalAddress` (1.6+); only the country is used.
#[derive(serde::Deserialize)]
struct Address<'a> {
    #[serde(borrow, default, deserialize_with = "borrowed_opt")]
    country: Option<Text<'a>>,
}

fn borrowed_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Text<'de>>, D::Error> {
    Ok(Option::<Str<'de>>::deserialize(d)?.map(|s| s.0))
}

/// A contact (`organizationalContact`) in `authors`; only the name is used.
#[derive(serde::Deserialize)]
struct Contact<'a> {
    #[serde(borrow, default, deserialize_with = "borrowed_opt")]
    name: Option<Text<'a>>,
}

// ---------------------------------------------------------------------------------------------
// properties

struct PropertiesSeed<'s, 'de> {
    b: &'s mut Builder<'de>,
}

seed_visitor! {
    PropertiesSeed -> Vec<Property<'de>>, deserialize_seq, "an array of properties";
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let mut out = Vec::new();
        while let Some(p) = seq.next_element_seed(PropertySeed { b: &mut *self.b })? {
            out.extend(p);
        }
        Ok(out)
    }
}

struct PropertySeed<'s, 'de> {
    b: &'s mut Builder<'de>,
}

seed_visitor! {
    PropertySeed -> Option<Property<'de>>, deserialize_map, "a property object {\"name\": …, \"value\": …}";
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let b = self.b;
        let (mut name, mut value) = (None, None);
        let mut start = None;
        let mut end = 0;
        let mut at = b.cursor;
        let mut keys = KeySet::default();
        while let Some(key) = next_key(&mut map, b, &mut keys)? {
            at = b.cursor;
            if start.is_none() {
                start = b.offset_of(&key).map(|o| object_start(b.text, o));
            }
            match key.as_ref() {
                "name" => {
                    let v = str_value(&mut map)?;
                    end = end.max(b.offset_of(&v).map_or(at, |o| o + v.len() + 1));
                    name = Some(v);
                }
                "value" => {
                    let v = opt_str(&mut map)?;
                    if let Some(v) = &v {
                        end = end.max(b.offset_of(v).map_or(at, |o| o + v.len() + 1));
                    }
                    value = v;
                }
                k => skip(&mut map, b, "a property", &["name", "value"], k, at)?,
            }
        }
        let start = start.unwrap_or(at);
        match name {
            Some(name) => Ok(Some(Property {
                name,
                value: value.unwrap_or_default(),
                span: Span::new(start, end),
            })),
            None => {
                b.warn(
                    "property-without-name",
                    Some(start),
                    "a property has no \"name\"; it was ignored",
                );
                Ok(None)
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// hashes, licences, swid, pedigree: checked, not kept

struct HashesSeed<'s, 'de> {
    b: &'s mut Builder<'de>,
}

seed_visitor! {
    HashesSeed -> (), deserialize_seq, "an array of hashes";
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        while let Some(h) = seq.next_element::<Hash<'de>>()? {
            let at = h
                .content
                .as_deref()
                .or(h.alg.as_deref())
                .and_then(|s| self.b.offset_of(s));
            match (&h.alg, &h.content) {
                (Some(alg), Some(content)) => {
                    if let Some(p) = checks::hash_problem(alg, content) {
                        self.b.warn("invalid-hash", at, p);
                    }
                }
                _ => self.b.warn(
                    "invalid-hash",
                    at,
                    "a hash needs both \"alg\" and \"content\"",
                ),
            }
        }
        Ok(())
    }
}

#[derive(serde::Deserialize)]
struct Hash<'a> {
    #[serde(borrow, default, deserialize_with = "borrowed_opt")]
    alg: Option<Text<'a>>,
    #[serde(borrow, default, deserialize_with = "borrowed_opt")]
    content: Option<Text<'a>>,
}

struct LicensesSeed<'s, 'de> {
    b: &'s mut Builder<'de>,
}

seed_visitor! {
    LicensesSeed -> (), deserialize_seq, "an array of licence choices";
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        let (mut entries, mut expressions, mut first) = (0, 0, None);
        while let Some(kind) = seq.next_element_seed(LicenseChoiceSeed { b: &mut *self.b })? {
            entries += 1;
            if let (LicenseChoice::Expression, offset) = kind {
                expressions += 1;
                first = first.or(offset);
            }
        }
        if expressions > 0 && entries > 1 {
            // Allowed from 1.7 on; an error of the document before.
            self.b.warn_before_version(
                7,
                "invalid-license-choice",
                first,
                "a licence expression is combined with other licence entries; before CycloneDX 1.7 \"licenses\" holds either licences or exactly one expression",
            );
        }
        Ok(())
    }
}

enum LicenseChoice {
    License,
    Expression,
    Neither,
}

struct LicenseChoiceSeed<'s, 'de> {
    b: &'s mut Builder<'de>,
}

seed_visitor! {
    LicenseChoiceSeed -> (LicenseChoice, Option<usize>), deserialize_map, "a licence choice ({\"license\": …} or {\"expression\": …})";
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let b = self.b;
        let (mut license, mut expression) = (false, false);
        let mut start = None;
        let mut keys = KeySet::default();
        while let Some(key) = next_key(&mut map, b, &mut keys)? {
            let at = b.cursor;
            start = start.or(Some(at));
            match key.as_ref() {
                "license" => {
                    license = true;
                    map.next_value_seed(LicenseSeed { b: &mut *b })?;
                }
                "expression" => {
                    expression = true;
                    map.next_value::<Str<'de>>()?;
                }
                "acknowledgement" => {
                    let v = str_value(&mut map)?;
                    if let Some(p) = checks::enum_problem(
                        "licence acknowledgement",
                        &v,
                        &checks::LICENSE_ACKNOWLEDGEMENTS,
                    ) {
                        b.warn("invalid-license", b.offset_of(&v), p);
                    }
                }
                "properties" => {
                    map.next_value_seed(PropertiesSeed { b: &mut *b })?;
                }
                k => skip(
                    &mut map,
                    b,
                    "a licence choice",
                    &["bom-ref", "expressionDetails", "licensing"],
                    k,
                    at,
                )?,
            }
        }
        let kind = match (license, expression) {
            (true, true) => {
                b.warn(
                    "invalid-license-choice",
                    start,
                    "a licence entry has both \"license\" and \"expression\"; it must have one",
                );
                LicenseChoice::Expression
            }
            (true, false) => LicenseChoice::License,
            (false, true) => LicenseChoice::Expression,
            (false, false) => {
                b.warn(
                    "invalid-license-choice",
                    start,
                    "a licence entry has neither \"license\" nor \"expression\"",
                );
                LicenseChoice::Neither
            }
        };
        Ok((kind, start))
    }
}

struct LicenseSeed<'s, 'de> {
    b: &'s mut Builder<'de>,
}

seed_visitor! {
    LicenseSeed -> (), deserialize_map, "a licence object";
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let b = self.b;
        let (mut id, mut name) = (false, false);
        let mut at = b.cursor;
        let mut start = None;
        let mut keys = KeySet::default();
        while let Some(key) = next_key(&mut map, b, &mut keys)? {
            at = b.cursor;
            start = start.or(Some(at));
            match key.as_ref() {
                "id" => {
                    id = true;
                    let v = str_value(&mut map)?;
                    if let Some(p) = checks::license_id_problem(&v) {
                        b.warn("invalid-license", b.offset_of(&v).or(Some(at)), p);
                    }
                }
                "name" => {
                    name = true;
                    map.next_value::<Str<'de>>()?;
                }
                "text" => map.next_value_seed(AttachmentSeed { b: &mut *b })?,
                "acknowledgement" => {
                    let v = str_value(&mut map)?;
                    if let Some(p) = checks::enum_problem(
                        "licence acknowledgement",
                        &v,
                        &checks::LICENSE_ACKNOWLEDGEMENTS,
                    ) {
                        b.warn("invalid-license", b.offset_of(&v), p);
                    }
                }
                "properties" => {
                    map.next_value_seed(PropertiesSeed { b: &mut *b })?;
                }
                k => skip(&mut map, b, "a licence", checks::LICENSE_FIELDS, k, at)?,
            }
        }
        match (id, name) {
            (true, true) => b.warn(
                "invalid-license",
                start,
                "a licence has both \"id\" and \"name\"; it must have one",
            ),
            (false, false) => b.warn(
                "invalid-license",
                start.or(Some(at)),
                "a licence has neither \"id\" nor \"name\"",
            ),
            _ => {}
        }
        Ok(())
    }
}

/// `attachment` (licence texts, patch diffs): only the encoding is checked.
struct AttachmentSeed<'s, 'de> {
    b: &'s mut Builder<'de>,
}

seed_visitor! {
    AttachmentSeed -> (), deserialize_map, "an attachment object";
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let b = self.b;
        let mut keys = KeySet::default();
        while let Some(key) = next_key(&mut map, b, &mut keys)? {
            let at = b.cursor;
            match key.as_ref() {
                "encoding" => {
                    let v = str_value(&mut map)?;
                    if let Some(p) = checks::enum_problem(
                        "attachment encoding",
                        &v,
                        &checks::ATTACHMENT_ENCODINGS,
                    ) {
                        b.warn("invalid-attachment", b.offset_of(&v).or(Some(at)), p);
                    }
                }
                k => skip(
                    &mut map,
                    b,
                    "an attachment",
                    &["contentType", "content"],
                    k,
                    at,
                )?,
            }
        }
        Ok(())
    }
}

struct SwidSeed<'s, 'de> {
    b: &'s mut Builder<'de>,
    at: usize,
}

impl<'de> DeserializeSeed<'de> for SwidSeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let swid = Swid::deserialize(d)?;
        if swid.tag_id.is_none() || swid.name.is_none() {
            self.b.warn(
                "invalid-swid",
                Some(self.at),
                "\"swid\" needs both \"tagId\" and \"name\"",
            );
        }
        Ok(())
    }
}

#[derive(serde::Deserialize)]
struct Swid {
    #[serde(rename = "tagId")]
    tag_id: Option<IgnoredAny>,
    name: Option<IgnoredAny>,
}

struct PedigreeSeed<'s, 'de> {
    b: &'s mut Builder<'de>,
    depth: usize,
}

seed_visitor! {
    PedigreeSeed -> (), deserialize_map, "a pedigree object";
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let b = self.b;
        let mut keys = KeySet::default();
        while let Some(key) = next_key(&mut map, b, &mut keys)? {
            let at = b.cursor;
            match key.as_ref() {
                "ancestors" | "descendants" | "variants" => {
                    map.next_value_seed(ComponentsSeed {
                        b: &mut *b,
                        parent: None,
                        pedigree: true,
                        depth: self.depth + 1,
                    })?
                }
                "patches" => {
                    for patch in map.next_value::<Vec<Patch<'de>>>()? {
                        patch.check(b);
                    }
                }
                k => skip(&mut map, b, "a pedigree", &["commits", "notes"], k, at)?,
            }
        }
        Ok(())
    }
}

#[derive(serde::Deserialize)]
struct Patch<'a> {
    #[serde(borrow, rename = "type", default, deserialize_with = "borrowed_opt")]
    kind: Option<Text<'a>>,
    #[serde(borrow, default)]
    resolves: Vec<Issue<'a>>,
}

#[derive(serde::Deserialize)]
struct Issue<'a> {
    #[serde(borrow, rename = "type", default, deserialize_with = "borrowed_opt")]
    kind: Option<Text<'a>>,
}

impl<'a> Patch<'a> {
    fn check(&self, b: &mut Builder<'a>) {
        match &self.kind {
            Some(k) => {
                if let Some(p) = checks::enum_problem("patch type", k, &checks::PATCH_TYPES) {
                    b.warn("invalid-patch", b.offset_of(k), p);
                }
            }
            None => b.warn("invalid-patch", None, "a patch has no \"type\""),
        }
        for issue in &self.resolves {
            match &issue.kind {
                Some(k) => {
                    if let Some(p) = checks::enum_problem("issue type", k, &checks::ISSUE_TYPES) {
                        b.warn("invalid-patch", b.offset_of(k), p);
                    }
                }
                None => b.warn(
                    "invalid-patch",
                    None,
                    "an issue resolved by a patch has no \"type\"",
                ),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// dependencies

struct DependenciesSeed<'s, 'de> {
    b: &'s mut Builder<'de>,
}

seed_visitor! {
    DependenciesSeed -> (), deserialize_seq, "an array of dependency objects";
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        while let Some(dep) = seq.next_element_seed(DependencySeed { b: &mut *self.b })? {
            self.b.dependencies.push(dep);
        }
        Ok(())
    }
}

struct DependencySeed<'s, 'de> {
    b: &'s mut Builder<'de>,
}

seed_visitor! {
    DependencySeed -> DependencyEntry<'de>, deserialize_map, "a dependency object {\"ref\": …, \"dependsOn\": […]}";
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let b = self.b;
        let first = b.dependency_targets.len();
        let mut entry = DependencyEntry {
            reference: None,
            offset: 0,
            targets: (first, first),
        };
        let mut at = b.cursor;
        let mut start = None;
        let mut keys = KeySet::default();
        while let Some(key) = next_key(&mut map, b, &mut keys)? {
            at = b.cursor;
            start = start.or_else(|| Some(object_start(b.text, at)));
            match key.as_ref() {
                "ref" => entry.reference = Some(str_value(&mut map)?),
                "dependsOn" => map.next_value_seed(TargetsSeed { b: &mut *b })?,
                k => skip(&mut map, b, "a dependency", &["provides"], k, at)?,
            }
        }
        entry.offset = start.unwrap_or(at);
        entry.targets.1 = b.dependency_targets.len();
        Ok(entry)
    }
}

/// `dependsOn`: appended to the builder's one vector of targets.
struct TargetsSeed<'s, 'de> {
    b: &'s mut Builder<'de>,
}

seed_visitor! {
    TargetsSeed -> (), deserialize_seq, "an array of bom-refs";
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        while let Some(target) = seq.next_element::<Str<'de>>()? {
            let offset = self.b.offset_of(&target.0).unwrap_or(0);
            self.b.dependency_targets.push((target.0, offset));
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// services and citations: checked, not kept

struct ServicesSeed<'s, 'de> {
    b: &'s mut Builder<'de>,
    depth: usize,
}

seed_visitor! {
    ServicesSeed -> (), deserialize_seq, "an array of services";
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        if self.depth >= max_depth() {
            return Err(de::Error::custom(depth::nested_too_deep("services are")));
        }
        while seq
            .next_element_seed(ServiceSeed {
                b: &mut *self.b,
                depth: self.depth,
            })?
            .is_some()
        {}
        Ok(())
    }
}

struct ServiceSeed<'s, 'de> {
    b: &'s mut Builder<'de>,
    depth: usize,
}

seed_visitor! {
    ServiceSeed -> (), deserialize_map, "a service object";
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let b = self.b;
        let mut keys = KeySet::default();
        while let Some(key) = next_key(&mut map, b, &mut keys)? {
            let at = b.cursor;
            match key.as_ref() {
                "data" => {
                    for flow in map.next_value::<Vec<DataFlow<'de>>>()? {
                        if let Some(f) = &flow.flow
                            && let Some(p) =
                                checks::enum_problem("data flow", f, &checks::DATA_FLOWS)
                        {
                            b.warn("invalid-service", b.offset_of(f).or(Some(at)), p);
                        }
                    }
                }
                "services" => map.next_value_seed(ServicesSeed {
                    b: &mut *b,
                    depth: self.depth + 1,
                })?,
                "bom-ref" => {
                    let r = str_value(&mut map)?;
                    b.service_refs.push(r);
                }
                "licenses" => map.next_value_seed(LicensesSeed { b: &mut *b })?,
                "properties" => {
                    map.next_value_seed(PropertiesSeed { b: &mut *b })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

#[derive(serde::Deserialize)]
struct DataFlow<'a> {
    #[serde(borrow, default, deserialize_with = "borrowed_opt")]
    flow: Option<Text<'a>>,
}

struct CitationsSeed<'s, 'de> {
    b: &'s mut Builder<'de>,
}

impl<'de> DeserializeSeed<'de> for CitationsSeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let citations = Vec::<Citation<'de>>::deserialize(d)?;
        let mut refs = std::collections::HashSet::new();
        for c in &citations {
            let at = c.bom_ref.as_deref().and_then(|r| self.b.offset_of(r));
            if c.attributed_to.is_none() && c.process.is_none() {
                self.b.warn(
                    "invalid-citation",
                    at,
                    "a citation needs \"attributedTo\" or \"process\"",
                );
            }
            if c.pointers.is_some() == c.expressions.is_some() {
                self.b.warn(
                    "invalid-citation",
                    at,
                    "a citation needs exactly one of \"pointers\" and \"expressions\"",
                );
            }
            if let Some(r) = &c.bom_ref
                && !refs.insert(r.clone())
            {
                self.b.warn(
                    "duplicate-bom-ref",
                    at,
                    format!("bom-ref \"{r}\" is used by more than one citation"),
                );
            }
        }
        Ok(())
    }
}

#[derive(serde::Deserialize)]
struct Citation<'a> {
    #[serde(borrow, rename = "bom-ref", default, deserialize_with = "borrowed_opt")]
    bom_ref: Option<Text<'a>>,
    #[serde(rename = "attributedTo")]
    attributed_to: Option<IgnoredAny>,
    process: Option<IgnoredAny>,
    pointers: Option<IgnoredAny>,
    expressions: Option<IgnoredAny>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;
    use std::fmt::Write as _;

    fn source() -> SourceFile {
        SourceFile {
            path: "t.json".into(),
            display: "t.json".into(),
        }
    }

    /// A BOM with nested components, properties, escapes and dependencies.
    fn document(n: usize) -> String {
        let mut s = String::from(
            "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.6\",\n  \"components\": [\n",
        );
        for i in 0..n {
            let sep = if i + 1 < n { "," } else { "" };
            let _ = writeln!(
                s,
                "    {{\"type\": \"device\", \"bom-ref\": \"d{i}\", \"name\": \"dev\\u00e9 {i}\", \"properties\": [{{\"name\": \"p\", \"value\": \"{i}\"}}], \
                 \"components\": [{{\"type\": \"firmware\", \"bom-ref\": \"f{i}\", \"name\": \"fw {i}\"}}]}}{sep}"
            );
        }
        s.push_str("  ],\n  \"metadata\": {\"component\": {\"type\": \"platform\", \"bom-ref\": \"root\", \"name\": \"site\"}},\n  \"dependencies\": [\n");
        for i in 0..n {
            let _ = writeln!(
                s,
                "    {{\"ref\": \"d{i}\", \"dependsOn\": [\"f{i}\", \"d{}\"]}},",
                (i + 1) % n
            );
        }
        s.push_str("    {\"ref\": \"root\", \"dependsOn\": [\"d0\"]}\n  ]\n}\n");
        s
    }

    fn digest(inv: &Inventory<'_>) -> String {
        let mut out = format!("{:?}\n{:?}\n", inv.components, inv.diagnostics);
        for id in inv.ids() {
            let _ = writeln!(out, "{:?}", inv.graph.successors(id));
        }
        out
    }

    #[test]
    fn any_number_of_threads_reads_the_same_inventory() {
        let text = document(3000);
        let one = digest(&read_with_threads(source(), &text, 1).unwrap());
        for threads in 2..=4 {
            let many = digest(&read_with_threads(source(), &text, threads).unwrap());
            assert!(one == many, "{threads} threads read a different inventory");
        }
    }

    #[test]
    fn components_keep_positions_parents_and_borrowed_text() {
        let text = document(3);
        let inv = read_with_threads(source(), &text, 1).unwrap();
        assert_eq!(inv.components.len(), 7);
        let second = &inv.components[2];
        assert_eq!(second.name, "devé 1");
        assert_eq!(
            inv.position(second.span.start),
            crate::inventory::Position { line: 6, column: 5 }
        );
        assert_eq!(inv.components[3].parent, Some(ComponentId(2)));
        assert!(
            matches!(inv.components[3].name, Cow::Borrowed(_)),
            "unescaped text is borrowed"
        );
        assert!(
            matches!(second.name, Cow::Owned(_)),
            "escaped text is decoded"
        );
        assert_eq!(
            inv.root(),
            Some(ComponentId(6)),
            "metadata after components keeps document order"
        );
        assert_eq!(
            inv.graph.successors(ComponentId(0)).len(),
            3,
            "contains f0, depends on f0 and d1"
        );
    }

    #[test]
    fn a_failure_in_one_share_is_reported_as_a_single_reader_would() {
        let text = document(3000).replacen("\"name\": \"fw 2900\"", "\"name\": 2900", 1);
        let one = read_with_threads(source(), &text, 1).unwrap_err();
        let two = read_with_threads(source(), &text, 2).unwrap_err();
        assert_eq!(one, two);
        assert!(
            one.message
                .starts_with("components[2900].components[0].name: invalid type: integer `2900`"),
            "{}",
            one.message
        );
    }

    #[test]
    fn a_manufacturer_property_names_a_missing_manufacturer_and_never_replaces_another() {
        let doc = r#"{"bomFormat": "CycloneDX", "specVersion": "1.6",
  "metadata": {"manufacture": {"name": "Root Works"}, "component": {"type": "device", "name": "R", "properties": [{"name": "catscan:manufacturer", "value": "Someone Else"}]}},
  "components": [
    {"type": "device", "name": "A", "properties": [{"name": "catscan:manufacturer", "value": "Example Works = Ltd."}, {"name": "catscan:category", "value": "router"}]},
    {"type": "device", "name": "B", "manufacturer": {"name": "ACME"}, "properties": [{"name": "catscan:manufacturer", "value": "Acme"}]},
    {"type": "device", "name": "C", "manufacturer": {"name": "ACME"}, "properties": [{"name": "catscan:manufacturer", "value": "Other Corp"}]}
  ]
}"#;
        let inv = read(source(), doc).unwrap();
        let component = |name: &str| inv.components.iter().find(|c| c.name == name).unwrap();
        let maker = |name: &str| {
            component(name)
                .manufacturer
                .as_ref()
                .and_then(|m| m.name.as_deref())
        };
        assert_eq!(maker("A"), Some("Example Works = Ltd."));
        let names: Vec<&str> = component("A")
            .properties
            .iter()
            .map(|p| p.name.as_ref())
            .collect();
        assert_eq!(names, ["catscan:category"]);
        assert_eq!(maker("B"), Some("Acme"));
        assert!(component("B").also_named.is_empty());
        assert_eq!(maker("C"), Some("ACME"));
        assert_eq!(
            component("C").also_named,
            [(PartyField::Manufacturer, "Other Corp".into())]
        );
        assert!(component("C").properties.is_empty());
        // metadata.manufacture is the root's manufacturer, which the property does not replace.
        assert_eq!(maker("R"), Some("Root Works"));
        assert_eq!(
            component("R").also_named,
            [(PartyField::Manufacturer, "Someone Else".into())]
        );
        let warnings: Vec<(&str, u32)> = inv
            .diagnostics
            .iter()
            .filter(|d| d.code == "conflicting-manufacturer")
            .map(|d| (d.message.as_str(), d.position.map_or(0, |p| p.line)))
            .collect();
        assert_eq!(
            warnings,
            [
                (
                    "component \"R\" names the manufacturer \"Root Works\" (its manufacturer, the BOM's metadata.manufacture, or an earlier declaration), and a property declares catscan:manufacturer=Someone Else; the first counts as the manufacturer, the declared one is kept beside it",
                    2
                ),
                (
                    "component \"C\" names the manufacturer \"ACME\" (its manufacturer, the BOM's metadata.manufacture, or an earlier declaration), and a property declares catscan:manufacturer=Other Corp; the first counts as the manufacturer, the declared one is kept beside it",
                    6
                )
            ]
        );
    }

    #[test]
    fn a_manufacturer_property_is_read_alike_by_every_number_of_threads() {
        let doc = r#"{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [
    {"type": "device", "name": "A", "properties": [{"name": "catscan:manufacturer", "value": "Example Works"}]}
]}"#;
        for threads in [1, 2] {
            let inv = read_with_threads(source(), doc, threads).unwrap();
            let c = &inv.components[0];
            assert_eq!(
                c.manufacturer.as_ref().and_then(|m| m.name.as_deref()),
                Some("Example Works")
            );
            assert!(c.properties.is_empty());
            assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
        }
    }
}
