//! The vendor registry (`catalogues/vendors.toml`) and how a name written in a BOM is found in it.
//!
//! Names are compared after normalisation only: case and width folded, punctuation and legal
//! suffixes removed ("Cisco Systems, Inc." and "CISCO SYSTEMS INC" are the same name). There is no
//! fuzzy or partial matching: a name either equals a registry name after normalisation, or the
//! vendor is unresolved. A normalised name shared by two vendors resolves to neither.

use std::collections::HashMap;

use serde::Deserialize;

use super::Status;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VendorsFile {
    #[serde(rename = "vendor")]
    pub(crate) vendors: Vec<Vendor>,
}

/// A vendor as the research records it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vendor {
    /// Key of the entry (`huawei`), which packs, product lines and other entries' `parent` refer
    /// to.
    pub id: String,
    /// Row of the research table the entry was converted from.
    pub row: u32,
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
    #[serde(default)]
    pub(crate) former_names: Vec<String>,
    #[serde(default)]
    pub(crate) subsidiaries: Vec<String>,
    /// The parent company's registry id. (A name is still followed, for extra vendor files
    /// written before ids were required; the built-in registry uses ids only.)
    pub parent: Option<String>,
    /// The parent company as the sources name it, when the registry has no entry for it.
    pub parent_name: Option<String>,
    pub(crate) hq_country: Option<String>,
    pub(crate) hq_city: Option<String>,
    pub(crate) incorporated_in: Option<String>,
    pub(crate) controlling_owner: Option<String>,
    pub(crate) controlling_country: Option<String>,
    /// Who controls the vendor, as a structured record (see [`ControlRecord`]); absent when the
    /// research says nothing about it.
    pub control: Option<ControlRecord>,
    pub(crate) product_lines_text: Option<String>,
    #[serde(default)]
    pub(crate) product_lines: Vec<String>,
    #[serde(default)]
    pub(crate) cpe_vendors: Vec<String>,
    #[serde(default)]
    /// CPE names of hardware products of the vendor (`cpe:2.3:h:huawei:secospace_usg6600`) as the
    /// research found them: kept as data, not matched (the vendor part of a CPE is, through
    /// `cpe_vendors`).
    pub cpe_hardware_products: Vec<String>,
    #[serde(default)]
    pub(crate) domains: Vec<String>,
    /// Package-URL namespaces the vendor publishes under (`pkg:npm/@scope`, `pkg:github/org`),
    /// written `type/namespace`. Maven-style namespaces are also matched through `domains`
    /// (`com.huawei` is huawei.com).
    #[serde(default)]
    pub purl_namespaces: Vec<String>,
    /// Source repositories the vendor publishes from, as URL prefixes
    /// (`https://github.com/huaweicloud/`): a crate or package whose repository is under one
    /// belongs to the vendor.
    #[serde(default)]
    pub repositories: Vec<String>,
    /// Keys of `catalogues/sources.toml` behind the entry.
    pub sources: Vec<String>,
    /// How firmly the research supports the entry's facts.
    pub status: Status,
    pub(crate) status_note: Option<String>,
    #[serde(default)]
    pub(crate) lists: Vec<String>,
    /// The research's remarks in free text (listings, former joint ventures, disputed claims):
    /// shown in no finding, but in the knowledge export, so that a reviewer reads them.
    pub notes: Option<String>,
    /// Position in the registry, set when loading.
    #[serde(skip)]
    pub index: usize,
}

/// Who controls a vendor: the actual controller (实际控制人) a filing or report names, the
/// country control is exercised from, and how firmly that is known. The MLPS measures (2007,
/// art. 21) ask whether a developer is invested in or held by Chinese citizens, legal persons or
/// the state; the domestic-share rule asks the same of key components. Free text cannot answer
/// either, so the answer is recorded field by field, each fact with the status of its source.
///
/// Written in `vendors.toml` as dotted keys of the vendor (`control.kind = "state"`), or as a
/// `[vendor.control]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "ControlFields")]
pub struct ControlRecord {
    pub(crate) kind: ControlKind,
    /// The actual controller as the source names it; absent when none is declared.
    pub holder: Option<String>,
    /// The country control is exercised from (ISO 3166 alpha-2), only where the source makes it
    /// clear; for a natural person, the nationality only where a source states it (or, marked
    /// `inferred`, where a source names a Chinese natural person without stating it).
    pub country: Option<String>,
    /// The year of the source's statement.
    pub as_of: Option<u16>,
    pub(crate) status: Status,
    pub(crate) sources: Vec<String>,
    /// What the sources say beyond the fields, and why a status below `confirmed` is what it is.
    pub note: Option<String>,
    /// For `none-declared`: who the major shareholders are, as the source names them.
    pub major_holders: Option<MajorHolders>,
}

/// The major shareholders of a vendor whose filing declares no actual controller: what decides
/// whether it is "invested in or held by" Chinese citizens, legal persons or the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MajorHolders {
    /// The holders as the source names them, with their shares where it gives them.
    pub holders: String,
    /// The country of the major shareholders, where the source makes it clear.
    pub country: Option<String>,
    pub(crate) status: Status,
    pub(crate) note: Option<String>,
}

/// What kind of controller the source names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ControlKind {
    /// A state body: a SASAC, a ministry, a government fund or a state-owned group.
    State,
    /// A natural person.
    NaturalPerson,
    /// A company that is not itself a state body.
    Company,
    /// The filing states that there is no actual controller (无实际控制人).
    NoneDeclared,
}

impl ControlKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::State => "state",
            Self::NaturalPerson => "natural-person",
            Self::Company => "company",
            Self::NoneDeclared => "none-declared",
        }
    }
}

/// The fields as written, before the combinations are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ControlFields {
    kind: ControlKind,
    holder: Option<String>,
    country: Option<String>,
    as_of: Option<u16>,
    status: Status,
    #[serde(default)]
    sources: Vec<String>,
    note: Option<String>,
    major_holders: Option<String>,
    major_holders_country: Option<String>,
    major_holders_status: Option<Status>,
    major_holders_note: Option<String>,
}

/// Years a control statement can be dated to.
const CONTROL_YEARS: std::ops::RangeInclusive<u16> = 1949..=2100;

impl TryFrom<ControlFields> for ControlRecord {
    type Error = String;

    fn try_from(f: ControlFields) -> Result<Self, String> {
        let kind = f.kind.as_str();
        if f.sources.is_empty() {
            return Err("a control record names its sources (`sources = [...]`)".into());
        }
        for country in [&f.country, &f.major_holders_country].into_iter().flatten() {
            if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(format!(
                    "control country \"{country}\" is not a two-letter country code such as \"CN\""
                ));
            }
        }
        if let Some(year) = f.as_of.filter(|y| !CONTROL_YEARS.contains(y)) {
            return Err(format!(
                "control as_of {year} is not a year from {} to {}",
                CONTROL_YEARS.start(),
                CONTROL_YEARS.end()
            ));
        }
        match (f.kind, &f.holder) {
            (ControlKind::NoneDeclared, Some(_)) => {
                return Err("a control record of kind \"none-declared\" names no holder (the filing declares none); name the major shareholders in `major_holders`".into());
            }
            (ControlKind::NoneDeclared, None) => {}
            (_, None) => {
                return Err(format!(
                    "a control record of kind \"{kind}\" names its `holder`, the actual controller as the source names it"
                ));
            }
            _ => {}
        }
        if f.kind == ControlKind::NoneDeclared && f.country.is_some() {
            return Err("a control record of kind \"none-declared\" has no `country` (no controller exercises control); give the major shareholders' country as `major_holders_country`".into());
        }
        if f.status == Status::Inferred && f.note.is_none() {
            return Err(
                "an inferred control record says in `note` what it is inferred from".into(),
            );
        }
        let major_holders = match (f.major_holders, f.major_holders_status) {
            (Some(_), _) | (_, Some(_)) if f.kind != ControlKind::NoneDeclared => {
                return Err(format!(
                    "`major_holders` belongs to a control record of kind \"none-declared\", not \"{kind}\" (name the controller in `holder`)"
                ));
            }
            (Some(holders), Some(status)) => {
                if status == Status::Inferred && f.major_holders_note.is_none() {
                    return Err("inferred major holders say in `major_holders_note` what they are inferred from".into());
                }
                Some(MajorHolders {
                    holders,
                    country: f.major_holders_country,
                    status,
                    note: f.major_holders_note,
                })
            }
            (Some(_), None) => {
                return Err("`major_holders` needs its `major_holders_status`".into());
            }
            (None, Some(_)) => {
                return Err("`major_holders_status` needs `major_holders`, the holders as the source names them".into());
            }
            (None, _) if f.major_holders_country.is_some() || f.major_holders_note.is_some() => {
                return Err("`major_holders_country` and `major_holders_note` need `major_holders`, the holders as the source names them".into());
            }
            (None, _) => None,
        };
        Ok(ControlRecord {
            kind: f.kind,
            holder: f.holder,
            country: f.country,
            as_of: f.as_of,
            status: f.status,
            sources: f.sources,
            note: f.note,
            major_holders,
        })
    }
}

/// How a BOM name was found in the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Equals the vendor's name, an alias or a former name after normalisation.
    Name,
    /// Equals the vendor's name once generic words ("Networks", "Technologies") are also dropped,
    /// and no other vendor's name does.
    ShortName,
    /// Names a subsidiary or brand that the registry lists under the vendor.
    Subsidiary,
    /// The CPE vendor string of the component is one the registry lists for the vendor.
    CpeVendor,
    /// The component's package URL is in a namespace of the vendor (its own, or its web domain
    /// reversed).
    PurlNamespace,
    /// The component's source repository is under one the registry lists for the vendor.
    Repository,
}

impl Basis {
    /// The basis as a sentence names it ("CPE vendor string").
    pub fn describe(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::ShortName => "name without generic words",
            Self::Subsidiary => "subsidiary or brand",
            Self::CpeVendor => "CPE vendor string",
            Self::PurlNamespace => "package URL namespace",
            Self::Repository => "source repository",
        }
    }
}

/// Index of the registry by normalised names and CPE vendor strings.
#[derive(Debug, Default)]
pub struct VendorIndex {
    names: HashMap<String, Vec<(usize, Basis)>>,
    cpe: HashMap<String, Vec<usize>>,
    /// `type/namespace` (lower case) and web domains, to vendors.
    purl_namespaces: HashMap<String, Vec<usize>>,
    domains: HashMap<String, Vec<usize>>,
    /// Repository URL prefixes (normalised by [`repository_key`]) and their vendor.
    repositories: Vec<(String, usize)>,
    /// The registry entry of each vendor's parent, where the registry links them: by the
    /// `parent` name, or by the parent listing the vendor among its subsidiaries.
    parents: Vec<Option<usize>>,
}

/// CPE vendor strings shorter than this collide across companies (the research's example is
/// `se` and `ge`), so they are not used to identify a vendor.
const MIN_CPE_VENDOR_LEN: usize = 3;

impl VendorIndex {
    pub(crate) fn new(vendors: &[Vendor]) -> Self {
        let mut index = VendorIndex::default();
        for (i, v) in vendors.iter().enumerate() {
            for name in std::iter::once(&v.name)
                .chain(&v.aliases)
                .chain(&v.former_names)
            {
                index.add_name(normalize(name), i, Basis::Name);
                index.add_name(short_name(name), i, Basis::ShortName);
            }
            for name in &v.subsidiaries {
                index.add_name(normalize(name), i, Basis::Subsidiary);
            }
            for cpe in &v.cpe_vendors {
                if cpe.len() >= MIN_CPE_VENDOR_LEN {
                    push_unique(index.cpe.entry(cpe.to_ascii_lowercase()).or_default(), i);
                }
            }
            for ns in &v.purl_namespaces {
                push_unique(
                    index
                        .purl_namespaces
                        .entry(ns.to_ascii_lowercase())
                        .or_default(),
                    i,
                );
            }
            for d in &v.domains {
                push_unique(index.domains.entry(d.to_ascii_lowercase()).or_default(), i);
            }
            for r in &v.repositories {
                index.repositories.push((repository_key(r), i));
            }
        }
        // Longest prefix first, so that `github.com/org/team/` beats `github.com/org/`.
        index
            .repositories
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        index.parents = vec![None; vendors.len()];
        for (i, v) in vendors.iter().enumerate() {
            let by_id = |p: &str| vendors.iter().position(|w| w.id == p);
            if let Some(p) = v
                .parent
                .as_deref()
                .and_then(|p| by_id(p).or_else(|| index.by_name(p).map(|(p, _)| p)))
                && p != i
            {
                index.parents[i] = Some(p);
            }
        }
        for (i, v) in vendors.iter().enumerate() {
            for sub in &v.subsidiaries {
                let own_row = index.names.get(&normalize(sub)).and_then(|c| {
                    pick(c, Basis::Name)
                        .or_else(|| pick(c, Basis::ShortName))
                        .flatten()
                });
                if let Some((w, _)) = own_row
                    && w != i
                    && index.parents[w].is_none()
                {
                    index.parents[w] = Some(i);
                }
            }
        }
        index
    }

    /// The registry entry of a vendor's parent, if the registry links one.
    pub fn parent(&self, vendor: usize) -> Option<usize> {
        self.parents.get(vendor).copied().flatten()
    }

    /// The vendor and its parents, nearest first (cycles in the data are cut).
    pub fn lineage(&self, vendor: usize) -> Vec<usize> {
        let mut chain = vec![vendor];
        while let Some(p) = self.parent(*chain.last().expect("not empty")) {
            if chain.contains(&p) {
                break;
            }
            chain.push(p);
        }
        chain
    }

    /// The vendor whose listed repository prefix a repository URL falls under (the longest
    /// prefix decides; two vendors with the same prefix decide nothing).
    pub fn by_repository(&self, url: &str) -> Option<usize> {
        let key = repository_key(url);
        let mut matching = self
            .repositories
            .iter()
            .filter(|(prefix, _)| key.starts_with(prefix.as_str()));
        let (prefix, vendor) = matching.next()?;
        match matching.next() {
            Some((other, v)) if other == prefix && v != vendor => None,
            _ => Some(*vendor),
        }
    }

    /// The vendor a package URL's namespace denotes, if exactly one does: `pkg:npm/%40scope/x`
    /// through `purl_namespaces`, `pkg:maven/com.huawei.cloud/x` through the web domain
    /// `huawei.com` (or `cloud.huawei.com`).
    pub fn by_purl(&self, purl: &str) -> Option<usize> {
        let (ty, namespace) = purl_type_and_namespace(purl)?;
        if !self.purl_namespaces.is_empty()
            && let Some(v) = self
                .purl_namespaces
                .get(&format!("{ty}/{namespace}"))
                .and_then(|l| only(l))
        {
            return Some(v);
        }
        if !namespace.contains('.') || namespace.contains('/') {
            return None;
        }
        // Reverse-domain namespaces: the longest domain the registry knows decides.
        let labels: Vec<&str> = namespace.split('.').collect();
        (2..=labels.len()).rev().find_map(|n| {
            let domain: Vec<&str> = labels[..n].iter().rev().copied().collect();
            self.domains.get(&domain.join(".")).and_then(|l| only(l))
        })
    }

    fn add_name(&mut self, key: String, vendor: usize, basis: Basis) {
        if key.is_empty() {
            return;
        }
        let list = self.names.entry(key).or_default();
        if !list.iter().any(|(v, _)| *v == vendor) {
            list.push((vendor, basis));
        }
    }

    /// The vendor a BOM name denotes, if exactly one does. A vendor whose own name (or alias)
    /// it is comes first; then one whose name it is without generic words; then one that lists it
    /// as a subsidiary or brand. Two vendors at the deciding level make it ambiguous: no match.
    pub fn by_name(&self, name: &str) -> Option<(usize, Basis)> {
        if let Some(c) = self.names.get(&normalize(name)) {
            for basis in [Basis::Name, Basis::ShortName, Basis::Subsidiary] {
                if let Some(decided) = pick(c, basis) {
                    return decided;
                }
            }
        }
        // The short form of the name given, when it is the short form of exactly one vendor.
        let short = self.names.get(&short_name(name))?;
        pick(short, Basis::Name)
            .or_else(|| pick(short, Basis::ShortName))
            .flatten()
            .map(|(v, _)| (v, Basis::ShortName))
    }

    /// The vendor a CPE vendor string denotes, if exactly one does.
    pub fn by_cpe_vendor(&self, cpe_vendor: &str) -> Option<usize> {
        match self
            .cpe
            .get(&cpe_vendor.to_ascii_lowercase())
            .map(Vec::as_slice)
        {
            Some([one]) => Some(*one),
            _ => None,
        }
    }
}

/// The candidates of one basis: `None` when there are none (look further), `Some(None)` when
/// several vendors qualify (ambiguous), `Some(Some(v))` when exactly one does.
fn pick(candidates: &[(usize, Basis)], basis: Basis) -> Option<Option<(usize, Basis)>> {
    let mut hits = candidates.iter().filter(|(_, b)| *b == basis);
    match (hits.next(), hits.next()) {
        (None, _) => None,
        (Some(one), None) => Some(Some(*one)),
        (Some(_), Some(_)) => Some(None),
    }
}

/// `https://GitHub.com/Org/Repo.git` → `github.com/org/repo/`: scheme, `www.`, `.git`, case
/// and a trailing slash do not matter; the final `/` keeps `org` from matching `org2`.
pub fn repository_key(url: &str) -> String {
    let lower = url.trim().to_ascii_lowercase();
    let scp_like = !lower.contains("://");
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
    let rest = rest.trim_start_matches("git@").trim_start_matches("www.");
    // `git@github.com:org/repo` names the path after a colon.
    let rest = if scp_like {
        rest.replacen(':', "/", 1)
    } else {
        rest.to_string()
    };
    let rest = rest.trim_end_matches('/').trim_end_matches(".git");
    format!("{rest}/")
}

fn only(list: &[usize]) -> Option<usize> {
    match list {
        [one] => Some(*one),
        _ => None,
    }
}

fn push_unique(list: &mut Vec<usize>, i: usize) {
    if !list.contains(&i) {
        list.push(i);
    }
}

/// `("npm", "@scope")` for `pkg:npm/%40scope/name@1.0`; `("maven", "com.huawei")` for
/// `pkg:maven/com.huawei/x@1`. Lower case; `None` without a namespace.
pub fn purl_type_and_namespace(purl: &str) -> Option<(String, String)> {
    let rest = purl.strip_prefix("pkg:")?;
    let rest = rest.split(['?', '#']).next()?;
    let rest = rest
        .split('@')
        .next()
        .filter(|r| !r.is_empty())
        .unwrap_or(rest);
    let (ty, path) = rest.split_once('/')?;
    let (namespace, _name) = path.trim_matches('/').rsplit_once('/')?;
    let namespace = namespace
        .replace("%40", "@")
        .replace("%2F", "/")
        .replace("%2f", "/");
    Some((ty.to_ascii_lowercase(), namespace.to_ascii_lowercase()))
}

/// Legal-form words and their Chinese equivalents, removed from the end of a name.
const LEGAL_SUFFIXES: &[&str] = &[
    "incorporated",
    "inc",
    "corporation",
    "corp",
    "company",
    "co",
    "limited",
    "ltd",
    "llc",
    "l l c",
    "gmbh",
    "ag",
    "se",
    "plc",
    "sa",
    "s a",
    "ab",
    "kk",
    "nv",
    "n v",
    "bv",
    "b v",
    "sas",
    "spa",
    "s p a",
    "oy",
    "oyj",
    "asa",
    "pte",
    "pty",
    "srl",
    "group",
    "holdings",
    "holding",
];

const LEGAL_SUFFIXES_ZH: &[&str] = &["股份有限公司", "有限责任公司", "有限公司", "集团", "公司"];

/// Words that say what business a company is in, not which company it is.
const GENERIC_WORDS: &[&str] = &[
    "networks",
    "network",
    "systems",
    "system",
    "technologies",
    "technology",
    "communications",
    "communication",
    "electronics",
    "electric",
    "international",
    "information",
    "digital",
    "software",
    "solutions",
    "security",
];

/// Case, width, punctuation and legal form folded: "Cisco Systems, Inc." → "cisco systems";
/// what a reader cannot see is removed first (see `text::visible`).
pub fn normalize(name: &str) -> String {
    let folded: String = super::text::visible(name)
        .chars()
        .map(|c| match c {
            // Full-width ASCII (ＡＢＣ，（）) to half-width.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    // Bracketed remarks ("(China)", "（中国）") are not part of the name.
    let mut without_brackets = String::with_capacity(folded.len());
    let mut depth = 0;
    for c in folded.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' if depth > 0 => depth -= 1,
            _ if depth == 0 => without_brackets.push(c),
            _ => {}
        }
    }
    let mut text = without_brackets;
    for suffix in LEGAL_SUFFIXES_ZH {
        if let Some(stripped) = text.trim().strip_suffix(suffix) {
            text = stripped.to_string();
        }
    }
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    // "co ltd", "s a": drop legal-form words from the end, repeatedly.
    loop {
        let before = words.len();
        for suffix in LEGAL_SUFFIXES {
            let parts: Vec<&str> = suffix.split(' ').collect();
            if words.len() > parts.len()
                && words[words.len() - parts.len()..]
                    .iter()
                    .zip(&parts)
                    .all(|(w, p)| w == p)
            {
                words.truncate(words.len() - parts.len());
            }
        }
        if words.len() == before {
            break;
        }
    }
    words.join(" ")
}

/// Chinese words that say what business a company is in, removed from the end of a name
/// ("深信服科技" → "深信服"). Chinese has no spaces, so only a trailing run is removed.
const GENERIC_WORDS_ZH: &[&str] = &[
    "科技", "技术", "网络", "信息", "通信", "通讯", "电子", "数字", "软件", "系统", "安全",
];

/// The normalised name without generic business words, if anything distinctive is left.
fn short_name(name: &str) -> String {
    let mut normalized = normalize(name);
    loop {
        let trimmed = GENERIC_WORDS_ZH
            .iter()
            .find_map(|w| normalized.strip_suffix(w))
            .map(str::to_string);
        match trimmed {
            Some(t) if t.chars().count() >= 2 => normalized = t,
            _ => break,
        }
    }
    let words: Vec<&str> = normalized
        .split(' ')
        .filter(|w| !GENERIC_WORDS.contains(w))
        .collect();
    if words.is_empty() || words.join("").chars().count() < 3 {
        String::new()
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_folds_case_width_punctuation_and_legal_form() {
        assert_eq!(normalize("Cisco Systems, Inc."), "cisco systems");
        assert_eq!(normalize("CISCO SYSTEMS INC"), "cisco systems");
        assert_eq!(
            normalize("Huawei Technologies Co., Ltd."),
            "huawei technologies"
        );
        assert_eq!(normalize("华为技术有限公司"), "华为技术");
        assert_eq!(
            normalize("杭州海康威视数字技术股份有限公司"),
            "杭州海康威视数字技术"
        );
        assert_eq!(normalize("ＨＵＡＷＥＩ"), "huawei");
        assert_eq!(
            normalize("TP-LINK Technologies Co., Ltd. (China)"),
            "tp link technologies"
        );
        assert_eq!(normalize("Siemens AG"), "siemens");
    }

    fn vendor(id: &str, name: &str, aliases: &[&str]) -> Vendor {
        Vendor {
            id: id.into(),
            row: 1,
            name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            former_names: vec![],
            subsidiaries: vec![],
            parent: None,
            parent_name: None,
            hq_country: None,
            hq_city: None,
            incorporated_in: None,
            controlling_owner: None,
            controlling_country: None,
            control: None,
            product_lines_text: None,
            product_lines: vec![],
            cpe_vendors: vec!["juniper".into(), "se".into()],
            cpe_hardware_products: vec![],
            domains: vec![],
            purl_namespaces: vec![],
            repositories: vec![],
            sources: vec![],
            status: Status::Confirmed,
            status_note: None,
            lists: vec![],
            notes: None,
            index: 0,
        }
    }

    #[test]
    fn lookup_is_exact_after_normalisation() {
        let mut extreme = vendor("extreme", "Extreme Networks, Inc.", &[]);
        extreme.cpe_vendors.clear();
        let vendors = vec![vendor("juniper", "Juniper Networks, Inc.", &[]), extreme];
        let index = VendorIndex::new(&vendors);
        assert_eq!(index.by_name("JUNIPER NETWORKS"), Some((0, Basis::Name)));
        assert_eq!(index.by_name("Juniper"), Some((0, Basis::ShortName)));
        assert_eq!(index.by_name("Juniper Nets"), None, "no partial matching");
        assert_eq!(
            index.by_name("Networks Inc."),
            None,
            "nothing distinctive left"
        );
        assert_eq!(index.by_cpe_vendor("juniper"), Some(0));
        assert_eq!(
            index.by_purl("pkg:maven/net.juniper.sdk/x@1"),
            None,
            "no domain recorded"
        );
        assert_eq!(
            index.by_cpe_vendor("se"),
            None,
            "too short to identify a vendor"
        );
    }
}

#[cfg(test)]
mod lineage_tests {
    use super::*;
    use crate::knowledge::Knowledge;

    fn id_of(k: &Knowledge, name: &str) -> &'static str {
        let (i, _) = k
            .vendor_index
            .by_name(name)
            .unwrap_or_else(|| panic!("{name} unresolved"));
        Box::leak(k.vendors[i].id.clone().into_boxed_str())
    }

    #[test]
    fn a_subsidiary_with_its_own_row_resolves_to_it_and_links_to_its_parent() {
        let k = Knowledge::builtin();
        assert_eq!(id_of(k, "HiSilicon"), "hisilicon");
        assert_eq!(id_of(k, "HiSilicon Technologies Co., Ltd."), "hisilicon");
        let (i, _) = k.vendor_index.by_name("HiSilicon").unwrap();
        let chain: Vec<&str> = k
            .vendor_index
            .lineage(i)
            .into_iter()
            .map(|v| k.vendors[v].id.as_str())
            .collect();
        assert_eq!(chain, ["hisilicon", "huawei"]);
        assert_eq!(id_of(k, "华为技术有限公司"), "huawei");
        assert_eq!(id_of(k, "深信服科技股份有限公司"), "sangfor");
        assert!(
            k.vendor_index.by_name("深信服云").is_none(),
            "no partial matching"
        );
        assert_eq!(
            id_of(k, "ＨＵＡＷＥＩ ＴＥＣＨＮＯＬＯＧＩＥＳ ＣＯ．， ＬＴＤ．"),
            "huawei"
        );
    }

    #[test]
    fn package_urls_resolve_through_namespaces_and_reversed_domains() {
        let k = Knowledge::builtin();
        let huawei = k.vendors.iter().position(|v| v.id == "huawei").unwrap();
        assert_eq!(
            k.vendor_index
                .by_purl("pkg:maven/com.huawei.cloud/sdk-core@3.1.0"),
            Some(huawei)
        );
        assert_eq!(
            k.vendor_index.by_purl("pkg:maven/com.huaweicloud/sdk@1"),
            None
        );
        assert_eq!(k.vendor_index.by_purl("pkg:cargo/serde@1.0.0"), None);
        assert_eq!(
            purl_type_and_namespace("pkg:npm/%40kaspersky/agent@1.0?x=1"),
            Some(("npm".into(), "@kaspersky".into()))
        );
    }
}

#[cfg(test)]
mod repository_tests {
    use super::*;

    #[test]
    fn repository_urls_compare_by_host_owner_and_path() {
        assert_eq!(
            repository_key("https://GitHub.com/Org/Repo.git"),
            "github.com/org/repo/"
        );
        assert_eq!(
            repository_key("git@github.com:org/repo.git"),
            "github.com/org/repo/"
        );
        assert_eq!(repository_key("https://github.com/org/"), "github.com/org/");
        let index = VendorIndex {
            repositories: vec![(repository_key("https://github.com/example-networks/"), 0)],
            ..VendorIndex::default()
        };
        assert_eq!(
            index.by_repository("https://github.com/example-networks/fw-core"),
            Some(0)
        );
        assert_eq!(
            index.by_repository("https://github.com/example-networks2/x"),
            None
        );
        assert_eq!(
            index.by_repository("https://gitlab.com/example-networks/x"),
            None
        );
    }
}

#[cfg(test)]
mod control_record_tests {
    use super::*;

    /// A one-vendor registry with the given control lines, parsed as `vendors.toml` is.
    fn parse(control: &str) -> Result<VendorsFile, String> {
        let text = format!(
            "[[vendor]]\nid = \"x\"\nrow = 1\nname = \"X Co., Ltd.\"\ncontrolling_owner = \"text\"\n{control}\nsources = [\"[OUI]\"]\nstatus = \"confirmed\"\n"
        );
        toml::from_str(&text).map_err(|e| e.to_string())
    }

    #[test]
    fn dotted_keys_after_the_owner_text_make_a_record() {
        let file = parse(
            "control.kind = \"natural-person\"\ncontrol.holder = \"Qi Xiangdong\"\ncontrol.country = \"CN\"\ncontrol.as_of = 2024\ncontrol.status = \"inferred\"\ncontrol.sources = [\"https://example.org/a\"]\ncontrol.note = \"nationality not stated\"",
        )
        .expect("a valid record");
        let record = file.vendors[0].control.as_ref().expect("a record");
        assert_eq!(record.kind, ControlKind::NaturalPerson);
        assert_eq!(record.holder.as_deref(), Some("Qi Xiangdong"));
        assert_eq!(record.country.as_deref(), Some("CN"));
        assert_eq!(record.as_of, Some(2024));
        assert_eq!(record.status, Status::Inferred);
        assert_eq!(record.major_holders, None);
    }

    /// Each bad record is refused with the line where the record starts and what was expected.
    #[test]
    fn bad_records_are_refused_with_their_line_and_what_was_expected() {
        let cases = [
            (
                "control.kind = \"none-declared\"\ncontrol.holder = \"A\"\ncontrol.status = \"secondary\"\ncontrol.sources = [\"s\"]",
                "a control record of kind \"none-declared\" names no holder (the filing declares none); name the major shareholders in `major_holders`",
            ),
            (
                "control.kind = \"state\"\ncontrol.status = \"secondary\"\ncontrol.sources = [\"s\"]",
                "a control record of kind \"state\" names its `holder`, the actual controller as the source names it",
            ),
            (
                "control.kind = \"company\"\ncontrol.holder = \"A\"\ncontrol.country = \"China\"\ncontrol.status = \"secondary\"\ncontrol.sources = [\"s\"]",
                "control country \"China\" is not a two-letter country code such as \"CN\"",
            ),
            (
                "control.kind = \"company\"\ncontrol.holder = \"A\"\ncontrol.status = \"inferred\"\ncontrol.sources = [\"s\"]",
                "an inferred control record says in `note` what it is inferred from",
            ),
            (
                "control.kind = \"company\"\ncontrol.holder = \"A\"\ncontrol.status = \"secondary\"",
                "a control record names its sources (`sources = [...]`)",
            ),
            (
                "control.kind = \"state\"\ncontrol.holder = \"A\"\ncontrol.status = \"secondary\"\ncontrol.sources = [\"s\"]\ncontrol.major_holders = \"B\"\ncontrol.major_holders_status = \"secondary\"",
                "`major_holders` belongs to a control record of kind \"none-declared\", not \"state\" (name the controller in `holder`)",
            ),
            (
                "control.kind = \"none-declared\"\ncontrol.status = \"secondary\"\ncontrol.sources = [\"s\"]\ncontrol.major_holders = \"B\"",
                "`major_holders` needs its `major_holders_status`",
            ),
            (
                "control.kind = \"none-declared\"\ncontrol.country = \"CN\"\ncontrol.status = \"secondary\"\ncontrol.sources = [\"s\"]",
                "a control record of kind \"none-declared\" has no `country` (no controller exercises control); give the major shareholders' country as `major_holders_country`",
            ),
            (
                "control.kind = \"company\"\ncontrol.holder = \"A\"\ncontrol.as_of = 24\ncontrol.status = \"secondary\"\ncontrol.sources = [\"s\"]",
                "control as_of 24 is not a year from 1949 to 2100",
            ),
        ];
        for (lines, expected) in cases {
            let error = parse(lines).expect_err(lines);
            assert!(error.contains("line 6"), "{lines}: {error}");
            assert!(error.contains(expected), "{lines}: {error}");
        }
        let error = parse("control.kind = \"family\"").expect_err("unknown kind");
        assert!(
            error.contains("unknown variant `family`, expected one of `state`, `natural-person`, `company`, `none-declared`"),
            "{error}"
        );
        let error = parse("control.kind = \"state\"\ncontrol.holder = \"A\"\ncontrol.status = \"official\"\ncontrol.sources = [\"s\"]").expect_err("status outside the legend");
        assert!(error.contains("line 8, column 18"), "{error}");
        assert!(
            error.contains("unknown variant `official`, expected one of `confirmed`, `corroborated`, `secondary`, `inferred`, `unknown`"),
            "{error}"
        );
        let error = parse("control.kind = \"state\"\ncontrol.holder = \"A\"\ncontrol.status = \"secondary\"\ncontrol.sources = [\"s\"]\ncontrol.owner = \"B\"").expect_err("unknown field");
        assert!(error.contains("unknown field `owner`"), "{error}");
    }
}
