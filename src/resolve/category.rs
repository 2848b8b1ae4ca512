//! What kind of product a component is: a declared category, a known product line, or the words
//! of its name and description, each with the confidence it deserves.
//!
//! Libraries, frameworks, drivers and files are parts of products and are never classified from
//! their words (the npm package `router` is not a router); only a declaration in the BOM itself
//! (`catscan:category`) classifies them.

use std::fmt;

use aho_corasick::{AhoCorasick, MatchKind};

use super::vendor::VendorIdentity;
use crate::inventory::{Component, ComponentId, ComponentKind, Inventory};
use crate::knowledge::{Category, Knowledge, LineConfidence};

/// Property that declares a component's catalogue category (a category id of
/// `categories.toml` or one of its values). Certain.
pub const CATEGORY_PROPERTY: &str = "catscan:category";
/// Property that declares a catalogue item directly (`cne.router` or `cn-2023/cne.router`).
/// Certain.
pub const ITEM_PROPERTY: &str = "catscan:catalogue-item";
/// Category properties written by other tools; a value that names a category is likely right.
pub const OTHER_CATEGORY_PROPERTIES: &[&str] = &[
    "hw:category",
    "cdx:device:category",
    "category",
    "device:category",
];
/// Properties that say what a part is in words, as circuit-board part lists write it (EAGLE's
/// Device and Package, KiCad's Value and Footprint): read like a description.
pub const DESCRIPTIVE_PROPERTIES: &[&str] = &["hw:device", "hw:value", "hw:package"];
/// Properties that carry a model number, checked against product lines with the name.
pub const MODEL_PROPERTIES: &[&str] = &[
    "catscan:model",
    "hw:model-number",
    "cdx:device:model",
    "model",
];

/// How sure a classification is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// A hint only (the vendor's product lines, a product line the registry holds possible): the
    /// finding asks the user to verify.
    Possible,
    /// The name, description, model or a category-like property says it.
    Likely,
    /// The BOM declares it with `catscan:category` or `catscan:catalogue-item`.
    Certain,
}

impl Confidence {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Possible => "possible",
            Self::Likely => "likely",
            Self::Certain => "certain",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One piece of evidence for a classification: which field said what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The component's name contains these words.
    Name(String),
    /// The description contains these words.
    Description(String),
    /// A property with this name has this value.
    Property {
        /// The property's name as the BOM writes it.
        name: String,
        /// Its value as the BOM writes it.
        value: String,
    },
    /// The name or model starts with a product line of the vendor.
    ProductLine {
        /// The vendor's name as the registry writes it.
        vendor: String,
        /// The product line's name as the registry writes it.
        line: String,
        /// The registry's remark on the line, added to the message.
        note: Option<String>,
    },
    /// The vendor's product lines, as the registry records them, hold only this catalogue category.
    VendorLines {
        /// The vendor's name as the registry writes it.
        vendor: String,
        /// The vendor's product lines as the registry writes them.
        lines: String,
    },
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Name(w) => write!(f, "the name contains \"{w}\""),
            Self::Description(w) => write!(f, "the description contains \"{w}\""),
            Self::Property { name, value } => write!(f, "property {name} = \"{value}\""),
            Self::ProductLine { vendor, line, note } => {
                write!(f, "the model belongs to {vendor}'s {line} line")?;
                if let Some(n) = note {
                    write!(f, " ({n})")?;
                }
                Ok(())
            }
            Self::VendorLines { vendor, lines } => {
                write!(
                    f,
                    "nothing in the BOM says what it is, but {vendor}'s product lines are \"{lines}\""
                )
            }
        }
    }
}

/// A category a component was recognised as.
#[derive(Debug, Clone)]
pub struct CategoryMatch<'k> {
    pub(crate) category: &'k Category,
    pub(crate) confidence: Confidence,
    pub(crate) reasons: Vec<Reason>,
    /// The catalogue item the BOM declares, when it declares one (`catscan:catalogue-item`).
    pub declared_item: Option<String>,
}

/// What catscan concluded about what a component is.
#[derive(Debug, Clone)]
pub enum Classification<'k> {
    /// Recognised as these categories (all at the best confidence found).
    Matched(Vec<CategoryMatch<'k>>),
    /// A library, framework, driver, file or data: a part of products, not a product.
    NotAProduct,
    /// A package of a software ecosystem (its package URL is `pkg:maven/…`, `pkg:deb/…`, …) or
    /// a source or archive package, that nothing declares to be a product: never equipment.
    SoftwarePackage,
    /// Software inside another product of the BOM (e.g. firmware in a device).
    PartOfProduct(ComponentId),
    /// A product candidate nothing identified.
    Unclassified,
}

/// A problem with what the BOM declares (an unknown category or item).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclarationProblem {
    pub(crate) property: String,
    pub(crate) value: String,
    pub(crate) message: String,
}

/// Matches words against the category vocabulary. Built once per run.
pub struct Classifier<'k> {
    knowledge: &'k Knowledge,
    /// Lower-cased English and Chinese keywords.
    words: AhoCorasick,
    word_patterns: Vec<(usize, bool)>,
    /// Acronyms, matched case-sensitively.
    acronyms: AhoCorasick,
    acronym_patterns: Vec<usize>,
    negatives: AhoCorasick,
    negative_patterns: Vec<usize>,
}

/// Where a component stands in its BOM, which decides how much its words are worth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// Equipment, or the BOM's subject: its words describe a product.
    Product,
    /// Software listed on its own: its name may describe a product.
    Software,
}

impl<'k> Classifier<'k> {
    /// Builds the word, acronym and negative-word matchers of every category of `knowledge`: costly,
    /// so made once and used for every component.
    pub fn new(knowledge: &'k Knowledge) -> Self {
        let mut words = Vec::new();
        let mut word_patterns = Vec::new();
        let mut acronyms = Vec::new();
        let mut acronym_patterns = Vec::new();
        let mut negatives = Vec::new();
        let mut negative_patterns = Vec::new();
        for (i, c) in knowledge.categories.iter().enumerate() {
            for k in &c.keywords {
                words.push(fold(k));
                word_patterns.push((i, true));
            }
            for k in &c.keywords_zh {
                words.push(fold(k));
                word_patterns.push((i, false));
            }
            for k in &c.keywords_cs {
                acronyms.push(k.clone());
                acronym_patterns.push(i);
            }
            for k in &c.negative {
                negatives.push(fold(k));
                negative_patterns.push(i);
            }
        }
        let build = |patterns: &[String]| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(patterns)
                .expect("keyword automata are built from checked data")
        };
        Classifier {
            knowledge,
            words: build(&words),
            word_patterns,
            acronyms: build(&acronyms),
            acronym_patterns,
            negatives: build(&negatives),
            negative_patterns,
        }
    }

    /// Classifies one component of an inventory.
    pub fn classify(
        &self,
        inventory: &Inventory<'_>,
        id: ComponentId,
        vendor: Option<&VendorIdentity<'k>>,
        problems: &mut Vec<DeclarationProblem>,
    ) -> Classification<'k> {
        let c = inventory.component(id);
        let mut found: Vec<CategoryMatch<'k>> = Vec::new();
        self.declared(c, &mut found, problems);
        if !found.is_empty() {
            return Classification::Matched(found);
        }
        if !c.kind.is_product_kind() {
            return Classification::NotAProduct;
        }
        let package = software_package(self.knowledge, c);
        let standing = match standing(inventory, id) {
            Ok(s) => s,
            Err(container) => return Classification::PartOfProduct(container),
        };
        for p in &c.properties {
            if OTHER_CATEGORY_PROPERTIES.contains(&p.name.as_ref())
                && let Some(category) = self.knowledge.category_by_value(&p.value)
            {
                let reason = Reason::Property {
                    name: p.name.to_string(),
                    value: p.value.to_string(),
                };
                add(&mut found, category, Confidence::Likely, reason, None);
            }
        }
        self.product_lines(c, vendor, &mut found);
        // A package of a software ecosystem (a Maven artifact, a Debian package) is what its
        // ecosystem says it is, whatever its name: `jetty-server` is no server and `router` on
        // npm is no router. Only a declaration or a known product line makes it a product.
        if package.is_some() {
            found.retain(|m| !m.category.hardware);
            return match found.iter().map(|m| m.confidence).max() {
                Some(best) => {
                    found.retain(|m| m.confidence == best);
                    Classification::Matched(found)
                }
                None => Classification::SoftwarePackage,
            };
        }
        // A product listed on its own, equipment or software (a virtual firewall delivered as an
        // application): its name says what it is, and when the name does not, its description.
        // "Core Router … with firewall features" is a router, not also a firewall, so the
        // description is read only when nothing stronger has spoken.
        for (category, word) in self.words_in(&c.display_name()) {
            add(
                &mut found,
                category,
                Confidence::Likely,
                Reason::Name(word),
                None,
            );
        }
        let settled = found.iter().any(|m| m.confidence >= Confidence::Likely);
        if !settled && let Some(description) = c.description.as_deref() {
            for (category, word) in self.words_in(description) {
                add(
                    &mut found,
                    category,
                    Confidence::Likely,
                    Reason::Description(word),
                    None,
                );
            }
        }
        let settled = found.iter().any(|m| m.confidence >= Confidence::Likely);
        if !settled {
            for p in c
                .properties
                .iter()
                .filter(|p| DESCRIPTIVE_PROPERTIES.contains(&p.name.as_ref()))
            {
                for (category, _) in self.words_in(&p.value) {
                    let reason = Reason::Property {
                        name: p.name.to_string(),
                        value: p.value.to_string(),
                    };
                    add(&mut found, category, Confidence::Likely, reason, None);
                }
            }
        }
        // A vendor's product lines say something about equipment listed in the BOM, not about a
        // module inside another device.
        let listed = c.is_root || c.parent.is_none_or(|p| inventory.component(p).is_root);
        if found.is_empty() && standing == Standing::Product && c.kind.is_hardware() && listed {
            self.vendor_lines(vendor, &mut found);
        }
        // Software never matches a hardware-only category.
        if software_product(c).is_some() {
            found.retain(|m| !m.category.hardware);
        }
        let Some(best) = found.iter().map(|m| m.confidence).max() else {
            return Classification::Unclassified;
        };
        found.retain(|m| m.confidence == best);
        Classification::Matched(found)
    }

    /// `catscan:category` and `catscan:catalogue-item`: what the BOM says the component is.
    fn declared(
        &self,
        c: &Component<'_>,
        found: &mut Vec<CategoryMatch<'k>>,
        problems: &mut Vec<DeclarationProblem>,
    ) {
        for p in &c.properties {
            let value = p.value.trim();
            let reason = || Reason::Property {
                name: p.name.to_string(),
                value: value.to_string(),
            };
            if p.name == CATEGORY_PROPERTY {
                match self.knowledge.category(value).or_else(|| self.knowledge.category_by_value(value)) {
                    Some(category) => add(found, category, Confidence::Certain, reason(), None),
                    None => problems.push(DeclarationProblem {
                        property: p.name.to_string(),
                        value: value.to_string(),
                        message: format!(
                            "\"{value}\" is not a category catscan knows (see `catscan catalogue categories`); the declaration was ignored"
                        ),
                    }),
                }
            } else if p.name == ITEM_PROPERTY {
                let item_id = value.rsplit('/').next().unwrap_or(value);
                let edition_id = value
                    .contains('/')
                    .then(|| value.split('/').next().unwrap_or_default());
                let item = self
                    .knowledge
                    .editions
                    .iter()
                    .filter(|e| edition_id.is_none_or(|id| e.id == id))
                    .find_map(|e| e.item(item_id));
                match item.and_then(|i| self.knowledge.category(&i.categories[0])) {
                    Some(category) => add(found, category, Confidence::Certain, reason(), Some(value.to_string())),
                    None => problems.push(DeclarationProblem {
                        property: p.name.to_string(),
                        value: value.to_string(),
                        message: format!("\"{value}\" is not an item of any catalogue edition catscan knows; the declaration was ignored"),
                    }),
                }
            }
        }
    }

    fn product_lines(
        &self,
        c: &Component<'_>,
        vendor: Option<&VendorIdentity<'k>>,
        found: &mut Vec<CategoryMatch<'k>>,
    ) {
        let Some((vendor, _)) = vendor.and_then(|v| v.registered) else {
            return;
        };
        let models: Vec<&str> = std::iter::once(c.name.as_ref())
            .chain(
                c.properties
                    .iter()
                    .filter(|p| MODEL_PROPERTIES.contains(&p.name.as_ref()))
                    .map(|p| p.value.as_ref()),
            )
            .collect();
        for line in self
            .knowledge
            .product_lines
            .iter()
            .filter(|l| l.vendor == vendor.id)
        {
            if models.iter().any(|m| line.matches(m)) {
                let Some(category) = self.knowledge.category(&line.category) else {
                    continue;
                };
                let confidence = match line.confidence {
                    LineConfidence::Likely => Confidence::Likely,
                    LineConfidence::Possible => Confidence::Possible,
                };
                let reason = Reason::ProductLine {
                    vendor: vendor.name.clone(),
                    line: line.name.clone(),
                    note: line.note.clone(),
                };
                add(found, category, confidence, reason, None);
            }
        }
    }

    /// A device nothing else identifies, from a vendor whose registered product lines hold
    /// exactly one catalogue category: possibly that.
    fn vendor_lines(
        &self,
        vendor: Option<&VendorIdentity<'k>>,
        found: &mut Vec<CategoryMatch<'k>>,
    ) {
        let Some((vendor, _)) = vendor.and_then(|v| v.registered) else {
            return;
        };
        let catalogue: Vec<&Category> = vendor
            .product_lines
            .iter()
            .filter_map(|l| self.knowledge.category(l))
            .filter(|c| c.catalogue)
            .collect();
        if let ([only], Some(lines)) = (catalogue.as_slice(), vendor.product_lines_text.as_ref()) {
            let reason = Reason::VendorLines {
                vendor: vendor.name.clone(),
                lines: lines.clone(),
            };
            add(found, only, Confidence::Possible, reason, None);
        }
    }

    /// Categories whose words occur in `text`, with the words as they occur.
    ///
    /// A negative phrase cancels the words it covers, not the whole field: in "rack server CPU
    /// count 2" the negative "server cpu" covers "server" but not "rack server", so the text
    /// still names a rack server, while "48-port power switch" names no switch. Acronyms are
    /// matched on the text as written, and a negative anywhere in the field cancels them ("IPS
    /// panel").
    pub fn words_in(&self, text: &str) -> Vec<(&'k Category, String)> {
        // What a reader cannot see neither hides a word nor makes one ("fire\u{200B}wall").
        let text = &*crate::knowledge::text::visible(text);
        let folded = fold(text);
        let negatives: Vec<(usize, usize, usize)> = self
            .negatives
            .find_overlapping_iter(&folded)
            .map(|m| {
                (
                    self.negative_patterns[m.pattern().as_usize()],
                    m.start(),
                    m.end(),
                )
            })
            .collect();
        let covered = |category: usize, start: usize, end: usize| {
            negatives
                .iter()
                .any(|&(c, s, e)| c == category && s <= start && end <= e)
        };
        let mut out: Vec<(&'k Category, String)> = Vec::new();
        let mut push = |i: usize, word: &str| {
            if !out
                .iter()
                .any(|(c, _)| std::ptr::eq(*c, &self.knowledge.categories[i]))
            {
                out.push((&self.knowledge.categories[i], word.to_string()));
            }
        };
        for m in self.words.find_overlapping_iter(&folded) {
            let (category, ascii_word) = self.word_patterns[m.pattern().as_usize()];
            if ascii_word && !on_word_boundaries(&folded, m.start(), m.end()) {
                continue;
            }
            if covered(category, m.start(), m.end()) {
                continue;
            }
            push(category, &folded[m.start()..m.end()]);
        }
        for m in self.acronyms.find_overlapping_iter(text) {
            let category = self.acronym_patterns[m.pattern().as_usize()];
            if on_word_boundaries(text, m.start(), m.end())
                && !negatives.iter().any(|&(c, _, _)| c == category)
            {
                push(category, &text[m.start()..m.end()]);
            }
        }
        out
    }
}

fn add<'k>(
    found: &mut Vec<CategoryMatch<'k>>,
    category: &'k Category,
    confidence: Confidence,
    reason: Reason,
    declared: Option<String>,
) {
    match found
        .iter_mut()
        .find(|m| std::ptr::eq(m.category, category))
    {
        Some(m) => {
            m.confidence = m.confidence.max(confidence);
            if !m.reasons.contains(&reason) {
                m.reasons.push(reason);
            }
            m.declared_item = m.declared_item.take().or(declared);
        }
        None => found.push(CategoryMatch {
            category,
            confidence,
            reasons: vec![reason],
            declared_item: declared,
        }),
    }
}

/// Why a component is a package of a software ecosystem, if it is one: its package URL is of an
/// ecosystem's type, or its kind is a source, archive or install package.
pub fn software_package(knowledge: &Knowledge, c: &Component<'_>) -> Option<String> {
    if let Some(kind) = c
        .purl
        .as_deref()
        .and_then(|p| knowledge.software.is_ecosystem_purl(p))
    {
        return Some(format!(
            "its package URL is of the software ecosystem type \"{kind}\""
        ));
    }
    match &c.kind {
        ComponentKind::Unknown(k) if knowledge.software.package_kinds.contains(k) => {
            Some(format!("it is a {k} package"))
        }
        _ => None,
    }
}

/// Why a component is software rather than equipment, if the BOM says so: its kind is an
/// application, container, platform, operating system or firmware, or its CPE is of part `a`
/// (application) or `o` (operating system).
pub fn software_product(c: &Component<'_>) -> Option<String> {
    match &c.kind {
        ComponentKind::Device => return None,
        ComponentKind::Unknown(_) => {}
        kind => return Some(format!("its type is {kind}")),
    }
    let cpe = c.cpe.as_deref()?;
    let part = super::vendor::cpe_part(cpe)?;
    matches!(part, "a" | "o").then(|| format!("its CPE {cpe} is of part \"{part}\""))
}

/// Decides whether a product-kind component stands for a product of its own. Equipment always
/// does, and so does the BOM's subject. Software does unless it sits inside another product
/// component: firmware in a device, an application inside a container. `Err` names the
/// component it is part of.
fn standing(inventory: &Inventory<'_>, id: ComponentId) -> Result<Standing, ComponentId> {
    let c = inventory.component(id);
    if c.kind.is_hardware() || c.is_root {
        return Ok(Standing::Product);
    }
    match inventory.ancestors(id).find(|&a| {
        let ancestor = inventory.component(a);
        ancestor.kind.is_product_kind() && !ancestor.is_root
    }) {
        Some(container) => Err(container),
        None => Ok(Standing::Software),
    }
}

/// Full-width ASCII folded to half-width and ASCII lower-cased; other characters are kept, so
/// Chinese keywords match as written.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A match is a word of its own: no letter or digit right before it, and none right after it
/// except a plural "s" or "es".
fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    if before.is_some_and(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    let rest = &text[end..];
    let rest = rest
        .strip_prefix("es")
        .filter(|r| !r.starts_with(|c: char| c.is_ascii_alphanumeric()))
        .unwrap_or(rest);
    let rest = rest
        .strip_prefix('s')
        .filter(|r| !r.starts_with(|c: char| c.is_ascii_alphanumeric()))
        .unwrap_or(rest);
    !rest
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let k = Knowledge::builtin();
        Classifier::new(k)
            .words_in(text)
            .into_iter()
            .map(|(c, w)| format!("{}:{w}", c.id))
            .collect()
    }

    #[test]
    fn keywords_respect_word_boundaries_plurals_and_negatives() {
        assert_eq!(
            words("NetEngine 8000 X8 Core Router"),
            ["router:core router"]
        );
        assert_eq!(words("Routers for the edge"), ["router:router"]);
        assert!(words("npm package routerify").is_empty());
        assert_eq!(words("下一代防火墙"), ["firewall:防火墙"]);
        assert_eq!(
            words("Web Application Firewall"),
            ["waf:web application firewall"]
        );
        assert!(
            words("firewall rules editor").is_empty(),
            "negatives cancel"
        );
        assert!(words("48-port PoE power switch").is_empty());
        assert_eq!(words("S7-1500 PLC"), ["plc:PLC"]);
        assert!(
            words("plc modem PLC").is_empty(),
            "power-line communication is no PLC"
        );
        assert!(
            words("stores component ids").is_empty(),
            "acronyms are case-sensitive"
        );
        assert_eq!(words("Snort IDS sensor"), ["ids:IDS"]);
        assert_eq!(
            words("rack server CPU count 2"),
            ["server:rack server"],
            "a negative cancels the words it covers, not a longer phrase"
        );
        assert!(words("server cpu tray").is_empty());
        assert_eq!(
            words("下一代防火牆"),
            ["firewall:防火牆"],
            "traditional Chinese"
        );
        assert_eq!(words("機架式伺服器"), ["server:伺服器"]);
        assert_eq!(words("核心交換器"), ["switch:交換器"]);
        assert_eq!(
            words("ＦＩＲＥＷＡＬＬ"),
            ["firewall:firewall"],
            "full-width is folded"
        );
    }
}
