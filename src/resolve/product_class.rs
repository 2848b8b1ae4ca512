//! Which procurement product class a component is: a CPU, an operating system, a database or
//! security software (`catalogues/procurement/classes.toml`). Asked only when a procurement
//! policy is on, so that a plain scan pays nothing for it.

use crate::inventory::{Component, ComponentKind};
use crate::knowledge::procurement::{Token, tokens};
use crate::knowledge::{Knowledge, ProductClass};

use super::Classification;
use super::category::MODEL_PROPERTIES;

/// The property that declares the class (`cpu`, `operating-system`, …, or `none`).
pub const CLASS_PROPERTY: &str = "catscan:class";

/// A class and why the component was taken to be of it.
#[derive(Debug, Clone)]
pub struct ClassMatch<'k> {
    pub(crate) class: &'k ProductClass,
    /// "its type is operating-system", "its name contains \"Xeon\"".
    pub reason: String,
}

/// What the BOM says about a component's class: a match, a declaration of no class, or an
/// unknown value (reported by the caller).
pub enum Declared<'k> {
    /// `catscan:class` names a known class.
    Class(ClassMatch<'k>),
    /// `catscan:class = none`: the component is of no procurement class.
    NoClass,
    /// `catscan:class` holds a value that names no class: the value, trimmed, for the message.
    Unknown(String),
    /// The component has no `catscan:class` property.
    Nothing,
}

/// The class the BOM declares with `catscan:class`.
pub fn declared<'k>(knowledge: &'k Knowledge, c: &Component<'_>) -> Declared<'k> {
    let Some(p) = c.properties.iter().find(|p| p.name == CLASS_PROPERTY) else {
        return Declared::Nothing;
    };
    let value = p.value.trim();
    if value.eq_ignore_ascii_case("none") {
        return Declared::NoClass;
    }
    match knowledge.procurement.class(value) {
        Some(class) => Declared::Class(ClassMatch {
            class,
            reason: format!("the BOM declares {CLASS_PROPERTY} = {value}"),
        }),
        None => Declared::Unknown(value.to_string()),
    }
}

/// The class of a component, from its declaration, kind, category, CPE, package URL or words.
pub fn class_of<'k>(
    knowledge: &'k Knowledge,
    c: &Component<'_>,
    classification: &Classification<'_>,
) -> Option<ClassMatch<'k>> {
    match declared(knowledge, c) {
        Declared::Class(m) => return Some(m),
        Declared::NoClass | Declared::Unknown(_) => return None,
        Declared::Nothing => {}
    }
    let classes = &knowledge.procurement.classes;
    if let Some(class) = classes
        .iter()
        .find(|cl| cl.kinds.iter().any(|k| k == c.kind.as_str()))
    {
        return Some(ClassMatch {
            class,
            reason: format!("its type is {}", c.kind.as_str()),
        });
    }
    // A catalogue product (a server, a firewall) is that product, not one of these classes.
    if let Classification::Matched(matches) = classification {
        if let Some((class, m)) = classes.iter().find_map(|cl| {
            matches
                .iter()
                .find(|m| cl.categories.contains(&m.category.id))
                .map(|m| (cl, m))
        }) {
            let reasons: Vec<String> = m.reasons.iter().map(ToString::to_string).collect();
            return Some(ClassMatch {
                class,
                reason: format!(
                    "it was recognised as a {} ({})",
                    m.category.name_en,
                    reasons.join("; ")
                ),
            });
        }
        if matches.iter().any(|m| m.category.catalogue) {
            return None;
        }
    }
    if let Some(cpe) = c.cpe.as_deref()
        && let Some(part) = super::vendor::cpe_part(cpe)
        && let Some(class) = classes
            .iter()
            .find(|cl| cl.cpe_parts.iter().any(|p| p == part))
    {
        return Some(ClassMatch {
            class,
            reason: format!("its CPE {cpe} is of part \"{part}\""),
        });
    }
    if let Some(purl) = c.purl.as_deref()
        && let Some((kind, namespace, name)) = purl_parts(purl)
    {
        let found = classes.iter().find(|cl| {
            cl.purls.iter().any(|pattern| {
                let parts: Vec<&str> = pattern.split('/').collect();
                match parts.as_slice() {
                    [t, n] => t.eq_ignore_ascii_case(kind) && n.eq_ignore_ascii_case(name),
                    [t, ns, n] => {
                        t.eq_ignore_ascii_case(kind)
                            && namespace.is_some_and(|x| x.eq_ignore_ascii_case(ns))
                            && n.eq_ignore_ascii_case(name)
                    }
                    _ => false,
                }
            })
        });
        if let Some(class) = found {
            return Some(ClassMatch {
                class,
                reason: format!("its package URL {purl} names a {}", class.name),
            });
        }
    }
    // Words are read only where identity is missing: a package of a software ecosystem is what
    // its type, CPE or package URL says, and a driver, client or keyring of a database or an
    // operating system is not that product.
    if !c.kind.is_product_kind() || super::category::software_package(knowledge, c).is_some() {
        return None;
    }
    let words = name_tokens(c);
    if knowledge
        .procurement
        .part_words
        .iter()
        .any(|w| w.is_in(&words))
    {
        return None;
    }
    classes.iter().find_map(|class| {
        // A declared kind outranks words: a class that is recognised by its kind (an operating
        // system) is not read into the name of an application ("Debian GNU/Linux 12 Package
        // openssh-server").
        let fits = if class.hardware {
            matches!(c.kind, ComponentKind::Device | ComponentKind::Unknown(_))
        } else if !class.kinds.is_empty() {
            matches!(c.kind, ComponentKind::Unknown(_))
        } else {
            c.kind != ComponentKind::Device
        };
        if !fits {
            return None;
        }
        let phrase = class.phrases.iter().find(|p| p.is_in(&words))?;
        Some(ClassMatch {
            class,
            reason: format!("its name or model contains \"{}\"", phrase.text),
        })
    })
}

/// The words of a component's name, version and model, as list entries are matched against them.
pub fn name_tokens(c: &Component<'_>) -> Vec<Token> {
    let mut text = c.name.to_string();
    if let Some(v) = c.version.as_deref() {
        text.push(' ');
        text.push_str(v);
    }
    for p in c
        .properties
        .iter()
        .filter(|p| MODEL_PROPERTIES.contains(&p.name.as_ref()))
    {
        text.push_str(" / ");
        text.push_str(&p.value);
    }
    tokens(&text)
}

/// A package URL's type, namespace and name.
fn purl_parts(purl: &str) -> Option<(&str, Option<&str>, &str)> {
    let rest = purl.strip_prefix("pkg:")?;
    let rest = rest.split(['@', '?', '#']).next()?;
    let (kind, path) = rest.split_once('/')?;
    Some(match path.rsplit_once('/') {
        Some((ns, name)) => (kind, Some(ns), name),
        None => (kind, None, path),
    })
}
