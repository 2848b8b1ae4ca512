//! catscan's matching vocabulary: technical attributes, product categories and named product
//! lines (`catalogues/attributes.toml`, `categories.toml`, `product-lines.toml`).

use serde::Deserialize;

use crate::resolve::quantity::Dimension;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AttributesFile {
    #[serde(rename = "attribute")]
    pub(crate) attributes: Vec<Attribute>,
}

/// A technical attribute thresholds are stated in (throughput, CPU count, …).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attribute {
    /// The attribute's id, which thresholds name (`throughput`).
    pub id: String,
    /// The unit values are normalised to (`bit/s`, `count`, …); sets [`Attribute::dimension`].
    pub unit: String,
    /// The attribute's name in English, for messages.
    pub name_en: String,
    /// The attribute's name in Chinese, as the catalogue writes it.
    pub name_zh: String,
    /// BOM properties the attribute is read from, most specific first.
    pub properties: Vec<PropertySpec>,
    /// English words that, next to a quantity in a description, say the quantity is this attribute;
    /// matched case-insensitively on word boundaries.
    pub keywords: Words,
    /// Chinese words that do the same, matched as substrings.
    pub keywords_zh: Words,
    /// Property names suppliers write for the attribute, compared as [`property_key`] makes them.
    #[serde(default)]
    pub supplier_names: Vec<String>,
    /// Words for a near relative of the measure that suppliers state instead.
    #[serde(default)]
    pub related: Vec<String>,
    /// What to say when a figure was read under one of `related`.
    pub related_note: Option<String>,
    #[serde(skip, default = "no_dimension")]
    /// The dimension of `unit`, set when loading.
    pub dimension: Dimension,
}

/// A property name as supplier names are compared: lower case, `_ - : . /` as spaces, runs of
/// spaces as one, full-width letters as ASCII.
pub fn property_key(name: &str) -> String {
    normalized_name(name).to_lowercase()
}

/// [`property_key`] without lower-casing, so that a unit keeps its case ("Gb" is a bit, "GB" a
/// byte).
pub fn normalized_name(name: &str) -> String {
    let folded: String = name
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .map(|c| match c {
            '_' | '-' | ':' | '.' | '/' => ' ',
            c => c,
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn no_dimension() -> Dimension {
    Dimension::Count
}

/// A BOM property an attribute is read from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PropertySpec {
    /// The property's name (`catscan:throughput`).
    pub name: String,
    /// The unit of a bare number in this property.
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CategoriesFile {
    pub(crate) software: SoftwareSignals,
    #[serde(rename = "category")]
    pub(crate) categories: Vec<Category>,
}

/// What makes a component software whatever its name says (`[software]` of `categories.toml`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SoftwareSignals {
    /// Package URL types of software ecosystems (`maven`, `npm`, `deb`, …), lower case.
    pub purl_types: Vec<String>,
    /// Kinds (SPDX purposes without a CycloneDX counterpart) that are parts of products.
    pub package_kinds: Vec<String>,
}

impl SoftwareSignals {
    /// Whether a package URL is of a software ecosystem; the type, as the purl specification
    /// says, is case-insensitive.
    pub fn is_ecosystem_purl(&self, purl: &str) -> Option<String> {
        let rest = purl.trim().strip_prefix("pkg:")?.trim_start_matches('/');
        let kind = rest
            .split(['/', '@', '?', '#'])
            .next()?
            .to_ascii_lowercase();
        self.purl_types.contains(&kind).then_some(kind)
    }
}

/// A product category and the words that name it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// The category's id (`firewall`), which catalogue items and product lines name.
    pub id: String,
    /// The category's name in English.
    pub name_en: String,
    /// The category's name in Chinese.
    pub name_zh: String,
    /// False for equipment that is in no catalogue (cameras, memory modules, …).
    #[serde(default = "yes")]
    pub catalogue: bool,
    /// Physical equipment only: software never matches.
    #[serde(default)]
    pub hardware: bool,
    /// English words, matched case-insensitively on word boundaries (a trailing s or es is
    /// allowed); several words match as a phrase.
    pub keywords: Words,
    /// Acronyms, matched only in capitals on word boundaries (IDS, not "ids").
    pub keywords_cs: Words,
    /// Chinese words, matched as substrings.
    pub keywords_zh: Words,
    /// Phrases that cancel a match in the same field ("power switch" is no switch).
    pub negative: Words,
    /// Values of a category property (`hw:category`) that name this category.
    pub values: Words,
}

/// A list of words, names or values in a data file, empty when the file leaves it out. It reads
/// itself through `Option` (which serde fills with `None` for a missing key), so the structs that
/// hold many such lists need no `#[serde(default)]` on each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words(pub Vec<String>);

impl<'de> Deserialize<'de> for Words {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<Vec<String>>::deserialize(d).map(|w| Words(w.unwrap_or_default()))
    }
}

impl std::ops::Deref for Words {
    type Target = Vec<String>;
    fn deref(&self) -> &Vec<String> {
        &self.0
    }
}

impl<'a> IntoIterator for &'a Words {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProductLinesFile {
    #[serde(rename = "line")]
    pub(crate) lines: Vec<ProductLine>,
}

/// A vendor's named product line and the category it is.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductLine {
    /// An id of `vendors.toml`.
    pub vendor: String,
    /// The line's name as the vendor writes it (`SRX`).
    pub name: String,
    /// Model-name prefixes that put a product in the line (case-insensitive, see
    /// [`ProductLine::matches`]).
    pub prefixes: Vec<String>,
    /// The category the line is (an id of `categories.toml`).
    pub category: String,
    /// What a match with the line alone is worth.
    pub confidence: LineConfidence,
    /// Anything else a reader of the data needs to know.
    pub note: Option<String>,
    /// The research text the line was read from.
    pub source_text: String,
    /// Keys of `catalogues/sources.toml` the line rests on.
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
/// What a match with a product line alone is worth.
pub enum LineConfidence {
    /// The line is the category: a match is likely right.
    Likely,
    /// The sources name the line for the category, but the line also covers other products.
    Possible,
}

impl ProductLine {
    /// Whether a model name belongs to this line: it starts with a prefix, followed by a digit,
    /// a space, a hyphen or nothing ("SRX1500", "SRX 4600", but not "SRXYZ").
    pub fn matches(&self, model: &str) -> bool {
        let model = model.trim();
        self.prefixes.iter().any(|p| {
            model.len() >= p.len()
                && model.is_char_boundary(p.len())
                && model[..p.len()].eq_ignore_ascii_case(p)
                && model[p.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_ascii_digit() || c == ' ' || c == '-')
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_line_prefixes_need_a_boundary() {
        let line = ProductLine {
            vendor: "juniper".into(),
            name: "SRX".into(),
            prefixes: vec!["SRX".into()],
            category: "firewall".into(),
            confidence: LineConfidence::Likely,
            note: None,
            source_text: String::new(),
            sources: vec![],
        };
        assert!(line.matches("SRX1500"));
        assert!(line.matches("srx 4600"));
        assert!(line.matches("SRX"));
        assert!(!line.matches("SRXYZ"));
        assert!(!line.matches("MX204"));
    }

    #[test]
    fn a_word_list_left_out_is_empty_and_one_of_the_wrong_type_is_an_error() {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Lists {
            words: Words,
            other: Words,
        }
        let lists: Lists = toml::from_str("words = [\"router\", \"路由器\"]").unwrap();
        assert_eq!(lists.words.0, ["router", "路由器"]);
        assert!(lists.other.is_empty());
        let error = toml::from_str::<Lists>("words = \"router\"")
            .err()
            .expect("a string is no list")
            .to_string();
        assert!(
            error.contains("invalid type: string \"router\", expected a sequence"),
            "{error}"
        );
        assert!(error.contains("words"), "{error}");
    }
}
