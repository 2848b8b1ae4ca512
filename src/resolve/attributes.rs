//! Technical attributes of a component (throughput, CPU count, …) read from its properties and
//! its description, with units normalised and the place each value was read recorded.

use std::fmt;

use crate::inventory::{Component, Span};
use crate::knowledge::Attribute;
use crate::knowledge::vocabulary::{normalized_name, property_key};
use crate::resolve::quantity::{self, Dimension, FormFactor, Quantity};

/// A value of an attribute.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// An amount in the base unit of the attribute's dimension (throughput, memory, counts).
    Quantity(Quantity),
    /// The physical form, for an attribute of dimension `form-factor`.
    FormFactor(FormFactor),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Quantity(q) => write!(f, "{q}"),
            Self::FormFactor(ff) => f.write_str(ff.as_str()),
        }
    }
}

/// Where a value was read.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// A property of the component.
    Property {
        /// The property's name as the BOM writes it.
        name: String,
        /// The property's value as the BOM writes it.
        value: String,
        /// Where the property is in the file, for the finding's location.
        span: Span,
        /// Set when the property states a near relative of the measure (switching capacity
        /// for throughput): what the message says about it.
        related: Option<String>,
    },
    /// The component's description.
    Description {
        /// The words of the description the value was read from.
        excerpt: String,
        /// As for a property: what the message says about a near relative of the measure.
        related: Option<String>,
    },
    /// The component's name (`八路机架式服务器` is an 8-socket rack-mounted server).
    Name {
        /// The name as the BOM writes it.
        excerpt: String,
    },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Property {
                name,
                value,
                related,
                ..
            } => {
                write!(f, "property {name} = \"{value}\"")?;
                related.iter().try_for_each(|r| write!(f, " ({r})"))
            }
            Self::Description { excerpt, related } => {
                write!(f, "the description (\"{excerpt}\")")?;
                related.iter().try_for_each(|r| write!(f, " ({r})"))
            }
            Self::Name { excerpt } => write!(f, "the name (\"{excerpt}\")"),
        }
    }
}

/// One value of one attribute of a component.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeValue {
    pub(crate) value: Value,
    pub(crate) origin: Origin,
    /// False for a bare figure in a description with no word saying what it measures: good
    /// enough to find a threshold met, never to find it missed.
    pub labelled: bool,
}

/// Every value of `attribute` the component states, best first: properties in the order the
/// attribute lists them, then the description.
pub fn values_of(component: &Component<'_>, attribute: &Attribute) -> Vec<AttributeValue> {
    let mut out = Vec::new();
    for spec in &attribute.properties {
        for p in component
            .properties
            .iter()
            .filter(|p| p.name == spec.name.as_str())
        {
            if let Some(value) = parse_value(&p.value, attribute, spec.unit.as_deref()) {
                out.push(AttributeValue {
                    value,
                    origin: Origin::Property {
                        name: p.name.to_string(),
                        value: p.value.to_string(),
                        span: p.span,
                        related: None,
                    },
                    labelled: true,
                });
            }
        }
    }
    // Then the names suppliers give the figure ("Switching Capacity", "内存(GB)", "cores_per_cpu").
    for p in &component.properties {
        if attribute
            .properties
            .iter()
            .any(|spec| spec.name == p.name.as_ref())
        {
            continue;
        }
        let Some(unit) = supplier_name(&p.name, attribute) else {
            continue;
        };
        if let Some(value) = parse_value(&p.value, attribute, unit.as_deref()) {
            out.push(AttributeValue {
                value,
                origin: Origin::Property {
                    name: p.name.to_string(),
                    value: p.value.to_string(),
                    span: p.span,
                    related: related_note(&property_key(&p.name), attribute),
                },
                labelled: true,
            });
        }
    }
    if let Some(description) = component.description.as_deref() {
        out.extend(from_text(description, attribute).into_iter().map(
            |(value, excerpt, labelled)| AttributeValue {
                value,
                origin: Origin::Description {
                    related: related_note(&excerpt.to_lowercase(), attribute).filter(|_| labelled),
                    excerpt,
                },
                labelled,
            },
        ));
    }
    // Equipment names sometimes carry the attribute itself: "八路机架式服务器" is an 8-socket
    // rack-mounted server.
    let from_name = match attribute.dimension {
        Dimension::FormFactor => FormFactor::parse(&component.name).map(Value::FormFactor),
        Dimension::Count => counted(&component.name, &attribute.id).map(Value::Quantity),
        _ => None,
    };
    if let Some(value) = from_name {
        out.push(AttributeValue {
            value,
            origin: Origin::Name {
                excerpt: component.name.to_string(),
            },
            labelled: true,
        });
    }
    out
}

/// Whether a property name is one suppliers give `attribute` ("Switching Capacity",
/// "内存（GB）", "memory_gb"), and the unit the name carries, if any.
fn supplier_name(name: &str, attribute: &Attribute) -> Option<Option<String>> {
    if attribute.supplier_names.is_empty() {
        return None;
    }
    let spaced = name.replace(['（', '('], " (").replace(['）', ')'], ")");
    // Compared in lower case; the unit is taken as written ("Gb" is a bit, "GB" a byte).
    let written = normalized_name(&spaced);
    let known = |base: &str| {
        let base = base.to_lowercase();
        attribute.supplier_names.contains(&base)
    };
    if known(&written) {
        return Some(None);
    }
    // "Memory (GB)"
    if let Some((base, unit)) = written
        .strip_suffix(')')
        .and_then(|k| k.rsplit_once(" ("))
        .map(|(b, u)| (b.trim(), u.trim()))
        && known(base)
    {
        return Some(Some(name_unit(unit, attribute)));
    }
    // "memory GB": the last word is a unit of the attribute's dimension.
    if let Some((base, last)) = written.rsplit_once(' ')
        && known(base)
    {
        let unit = name_unit(last, attribute);
        if quantity::parse("1", attribute.dimension, Some(&unit)).is_some() {
            return Some(Some(unit));
        }
    }
    None
}

/// A unit written in a property name. Names are often all lower case (`memory_gb`), where "gb"
/// means gigabytes: a size in a name is read in capitals when it means nothing as written.
fn name_unit(unit: &str, attribute: &Attribute) -> String {
    if attribute.dimension == Dimension::Bytes
        && quantity::parse("1", attribute.dimension, Some(unit)).is_none()
    {
        unit.to_uppercase()
    } else {
        unit.to_string()
    }
}

/// The note for a figure stated under a near relative of the measure, when `text` (a property
/// key or a clause, in lower case) names the relative and none of the measure's own words.
fn related_note(text: &str, attribute: &Attribute) -> Option<String> {
    let note = attribute.related_note.as_ref()?;
    let names_relative = attribute.related.iter().any(|r| {
        contains_word(text, &r.to_lowercase()) || (!r.is_ascii() && text.contains(r.as_str()))
    });
    let names_measure = attribute
        .keywords
        .iter()
        .chain(&attribute.keywords_zh)
        .filter(|k| !attribute.related.contains(k))
        .any(|k| {
            contains_word(text, &k.to_lowercase()) || (!k.is_ascii() && text.contains(k.as_str()))
        });
    (names_relative && !names_measure).then(|| note.clone())
}

/// A whole property value: "12 Tbps", "2x Kunpeng 920 64-core", "1U rack".
fn parse_value(text: &str, attribute: &Attribute, unit: Option<&str>) -> Option<Value> {
    match attribute.dimension {
        Dimension::FormFactor => FormFactor::parse(text).map(Value::FormFactor),
        dimension => quantity::parse(text, dimension, unit)
            .or_else(|| counted(text, &attribute.id))
            .map(Value::Quantity),
    }
}

/// CPU counts and cores per CPU as server descriptions write them: "2x Intel Xeon Gold 6330",
/// "dual-socket", "八路", "64-core", "28核".
fn counted(text: &str, attribute: &str) -> Option<Quantity> {
    let count = |n: f64| {
        Some(Quantity {
            value: n,
            dimension: Dimension::Count,
        })
    };
    let lower = text.to_lowercase();
    match attribute {
        "cpu-count" => {
            // "2x Xeon", "2 x Kunpeng", "2×EPYC": a count before a multiplication sign and a
            // processor ("4x 1.92TB SSD" counts drives, not CPUs).
            let trimmed = lower.trim_start();
            let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
            if !digits.is_empty() {
                let after = trimmed[digits.len()..].trim_start();
                if after.starts_with(['x', '×', '*']) && CPU_WORDS.iter().any(|w| after.contains(w))
                {
                    return digits.parse().ok().and_then(count);
                }
            }
            for (words, n) in [
                (
                    &["single-socket", "single socket", "1-socket", "单路"][..],
                    1.0,
                ),
                (
                    &[
                        "dual-socket",
                        "dual socket",
                        "2-socket",
                        "two-socket",
                        "双路",
                    ][..],
                    2.0,
                ),
                (
                    &[
                        "quad-socket",
                        "quad socket",
                        "4-socket",
                        "four-socket",
                        "四路",
                    ][..],
                    4.0,
                ),
                (&["8-socket", "eight-socket", "八路"][..], 8.0),
                (&["16-socket", "十六路"][..], 16.0),
            ] {
                if words.iter().any(|w| lower.contains(w)) {
                    return count(n);
                }
            }
            let written = number_before(
                &lower,
                &[
                    " cpus",
                    " cpu",
                    " processors",
                    " sockets",
                    "颗cpu",
                    "颗处理器",
                    "个cpu",
                ],
            );
            // "8颗 Intel Xeon …": a count of pieces of something that is a processor.
            let pieces = || {
                number_before(&lower, &["颗"])
                    .filter(|_| CPU_WORDS.iter().any(|w| lower.contains(w)))
            };
            written.or_else(pieces).and_then(count)
        }
        "cores-per-cpu" => {
            number_before(&lower, &["-core", " cores", " core", "核"]).and_then(count)
        }
        _ => None,
    }
}

/// Words that say a multiplied item is a processor.
const CPU_WORDS: &[&str] = &[
    "cpu",
    "processor",
    "xeon",
    "epyc",
    "opteron",
    "kunpeng",
    "hygon",
    "phytium",
    "loongson",
    "zhaoxin",
    "ampere",
    "power9",
    "power10",
    "sparc",
    "鲲鹏",
    "海光",
    "飞腾",
    "龙芯",
    "兆芯",
    "处理器",
];

/// The number written right before one of `suffixes` ("64-core" → 64).
fn number_before(text: &str, suffixes: &[&str]) -> Option<f64> {
    for suffix in suffixes {
        let mut from = 0;
        while let Some(i) = text[from..].find(suffix) {
            let at = from + i;
            let digits: String = text[..at]
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if !digits.is_empty() {
                return digits.parse().ok();
            }
            from = at + suffix.len();
        }
    }
    None
}

/// Clauses of free text: what lies between separators.
fn clauses(text: &str) -> impl Iterator<Item = &str> {
    text.split([',', ';', '，', '；', '、', '\n', '。', '|'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
}

/// Values of `attribute` in free text, with the clause they were in and whether the clause
/// says what the figure measures.
fn from_text(text: &str, attribute: &Attribute) -> Vec<(Value, String, bool)> {
    let mut out = Vec::new();
    // Most descriptions state no figure at all.
    let numeric = !matches!(
        attribute.dimension,
        Dimension::FormFactor | Dimension::Count
    );
    if numeric && !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    for clause in clauses(text) {
        match attribute.dimension {
            Dimension::FormFactor => {
                if let Some(ff) = FormFactor::parse(clause) {
                    out.push((Value::FormFactor(ff), clause.to_string(), true));
                }
            }
            Dimension::Count => {
                if let Some(q) = counted(clause, &attribute.id) {
                    out.push((Value::Quantity(q), clause.to_string(), true));
                }
            }
            dimension => {
                let found = quantity::find_all(clause, dimension);
                if found.is_empty() {
                    continue;
                }
                let labelled = mentions(clause, attribute);
                for found in found {
                    // "2x 100Gbps" and "48 x 25 Gbps" are per-port figures.
                    let before = clause[..found.start].trim_end();
                    if before.ends_with(['x', 'X', '×', '*'])
                        && before[..before.len() - 1]
                            .ends_with(|c: char| c.is_ascii_digit() || c == ' ')
                    {
                        continue;
                    }
                    let usable_bare = matches!(
                        dimension,
                        Dimension::BitRate
                            | Dimension::PacketRate
                            | Dimension::Seconds
                            | Dimension::Entries
                    );
                    if labelled || usable_bare {
                        out.push((
                            Value::Quantity(found.quantity),
                            clause.to_string(),
                            labelled,
                        ));
                    }
                }
            }
        }
    }
    out
}

/// Whether a clause names the attribute.
fn mentions(clause: &str, attribute: &Attribute) -> bool {
    let lower = clause.to_lowercase();
    attribute.keywords.iter().any(|k| contains_word(&lower, k))
        || attribute
            .keywords_zh
            .iter()
            .any(|k| clause.contains(k.as_str()))
}

fn contains_word(text: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let start = from + i;
        let end = start + word.len();
        let before_ok = !text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        let after_ok = !text[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        if before_ok && after_ok {
            return true;
        }
        from = end;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::Property;
    use crate::knowledge::Knowledge;

    fn component(description: &str, props: &[(&str, &str)]) -> Component<'static> {
        Component {
            name: "X".into(),
            description: Some(description.to_string().into()),
            properties: props
                .iter()
                .map(|(n, v)| Property {
                    name: n.to_string().into(),
                    value: v.to_string().into(),
                    span: Span::default(),
                })
                .collect(),
            ..Component::default()
        }
    }

    fn values(c: &Component<'_>, attribute: &str) -> Vec<(String, bool)> {
        let a = Knowledge::builtin().attribute(attribute).unwrap();
        values_of(c, a)
            .into_iter()
            .map(|v| (v.value.to_string(), v.labelled))
            .collect()
    }

    #[test]
    fn properties_come_first_and_carry_units() {
        let c = component(
            "",
            &[
                ("hw:throughput-gbps", "5224"),
                ("catscan:throughput", "25.6 Tbps"),
            ],
        );
        assert_eq!(
            values(&c, "throughput"),
            [
                ("25.6 Tbps".to_string(), true),
                ("5.224 Tbps".to_string(), true)
            ]
        );
    }

    #[test]
    fn descriptions_are_read_clause_by_clause() {
        let c = component("整系统吞吐量（双向）25.6Tbps，路由表容量400万条", &[]);
        assert_eq!(values(&c, "throughput"), [("25.6 Tbps".to_string(), true)]);
        assert_eq!(
            values(&c, "routing-table-capacity"),
            [("4,000,000 entries".to_string(), true)]
        );
        let c = component("Enterprise switch, 48x1GE + 2x10GE SFP+, 5224 Gbps", &[]);
        assert_eq!(
            values(&c, "throughput"),
            [("5.224 Tbps".to_string(), false)],
            "a bare rate is unlabelled"
        );
        let c = component("Core switch, 4x 400Gbps uplinks", &[]);
        assert!(
            values(&c, "throughput").is_empty(),
            "per-port figures are not system throughput"
        );
    }

    #[test]
    fn memory_needs_a_label() {
        let c = component("Server, 2x AMD EPYC 7543, 512 GB RAM, 4x 1.92TB SSD", &[]);
        assert_eq!(values(&c, "memory"), [("512 GB".to_string(), true)]);
        assert_eq!(values(&c, "cpu-count"), [("2".to_string(), true)]);
    }

    #[test]
    fn cpus_and_cores_from_model_text() {
        let c = component("", &[("hw:cpu", "2x Kunpeng 920 64-core")]);
        assert_eq!(values(&c, "cpu-count"), [("2".to_string(), true)]);
        assert_eq!(values(&c, "cores-per-cpu"), [("64".to_string(), true)]);
        let c = component("8颗 Intel Xeon Platinum 8380H，每颗CPU 28核", &[]);
        assert_eq!(values(&c, "cpu-count"), [("8".to_string(), true)]);
        let c = component("八路服务器，每颗CPU 28核", &[]);
        assert_eq!(values(&c, "cpu-count"), [("8".to_string(), true)]);
        assert_eq!(values(&c, "cores-per-cpu"), [("28".to_string(), true)]);
    }

    #[test]
    fn plc_times_in_any_unit() {
        let c = component(
            "Bit operation 0.05 µs",
            &[("catscan:instruction-execution-time", "30纳秒")],
        );
        let v = values(&c, "instruction-execution-time");
        assert_eq!(v[0], ("30 ns".to_string(), true));
        assert_eq!(v[1], ("50 ns".to_string(), true));
    }
}
