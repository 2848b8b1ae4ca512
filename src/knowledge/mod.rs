//! Everything catscan knows about regulation and vendors, loaded from `catalogues/` (compiled into
//! the binary) and checked once at start-up: unique ids, every source key defined, every
//! threshold value a quantity of its attribute, every category and vendor reference resolved.
//!
//! Regulatory content is data; this module only loads, checks and indexes it.

pub mod catalogue;
pub mod facts;
pub mod layout;
pub mod legal;
pub mod packs;
pub mod procurement;
pub mod regions;
pub mod review;
pub mod text;
pub mod vendors;
pub mod vocabulary;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;
use time::Date;

pub use catalogue::{
    Combination, Comparison, Condition, Coverage, Edition, Item, ItemGroup, Regime, Threshold,
};
pub use packs::{Entry, Exception, ExceptionEffect, Pack, PackKind, Trigger};
pub use procurement::{
    Buyer, ClassScope, Instrument, InstrumentKind, ListEntry, Procurement, ProductClass, ScopeFit,
};
pub use review::Review;
pub use vendors::{Basis, Vendor, VendorIndex};
pub use vocabulary::{Attribute, Category, LineConfidence, ProductLine};

use crate::resolve::quantity::Dimension;

/// How well a fact is supported: the one legend of every `status` in `catalogues/`, from
/// strongest to weakest. The order matters: a fact is as firm as its weakest support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Read in the official text or a verbatim copy of it.
    Confirmed,
    /// Read in several independent secondary reports (press, law firms, consultancies,
    /// industry notes), never in the official text.
    Corroborated,
    /// Read in one secondary report only.
    Secondary,
    /// Stated nowhere; worked out from other facts.
    Inferred,
    /// No source could be read: the fact is kept for matching, not for decisions.
    Unknown,
}

impl Status {
    /// Every status of the legend, strongest first.
    pub const LEGEND: [Status; 5] = [
        Self::Confirmed,
        Self::Corroborated,
        Self::Secondary,
        Self::Inferred,
        Self::Unknown,
    ];

    /// The status as the data writes it (`confirmed`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Corroborated => "corroborated",
            Self::Secondary => "secondary",
            Self::Inferred => "inferred",
            Self::Unknown => "unknown",
        }
    }

    /// The status as the data writes it, if it is one of the legend's words.
    pub fn parse(word: &str) -> Option<Status> {
        Self::LEGEND.into_iter().find(|s| s.as_str() == word)
    }

    /// Words for a message: "confirmed", "from one secondary source only", …
    pub fn describe(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Corroborated => "corroborated by several secondary sources only",
            Self::Secondary => "from one secondary source only",
            Self::Inferred => "inferred, not stated in any source",
            Self::Unknown => "unsupported: no source for it could be read",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A source cited by the data.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The key entries cite it by (`S-VSCB`).
    pub key: String,
    /// What the source is: title, publisher, date.
    pub title: String,
    /// Where the source was read, when it is online.
    pub url: Option<String>,
    /// How much weight the source carries.
    pub kind: SourceKind,
    /// What was read of it, and its limits (a cut-off copy, say).
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
/// How much weight a source carries: a fact is `confirmed` only when an official source supports
/// it.
pub enum SourceKind {
    /// A government text, or a verbatim copy of one.
    Official,
    /// A law firm's, consultancy's, press or industry summary, or an unofficial mirror.
    Secondary,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    #[serde(rename = "source")]
    sources: Vec<Source>,
}

/// One data file: its name (for messages) and its text.
#[derive(Debug, Clone, Copy)]
pub struct DataFile {
    /// The file's path, as messages name it (`catalogues/vendors.toml` for a built-in file).
    pub name: &'static str,
    /// The file's TOML text.
    pub text: &'static str,
}

/// The data files compiled into the binary: every file under `catalogues/`, found by `build.rs`
/// and classified by [`layout::role`] (editions in `cn/`, rule packs in `packs/`, instruments in
/// `procurement/`, the top-level files by name), in file-name order. A new data file needs no
/// change here.
pub const BUILTIN: Builtin = include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// The set of data files knowledge is built from.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    /// The sources the data cites (`catalogues/sources.toml`).
    pub sources: DataFile,
    /// The catalogue editions (`catalogues/cn/` but `regime.toml`).
    pub editions: &'static [DataFile],
    /// The law and standards behind the catalogue (`catalogues/cn/regime.toml`).
    pub regime: DataFile,
    /// Technical attributes the thresholds compare (`catalogues/attributes.toml`).
    pub attributes: DataFile,
    /// Product categories and the words that name them (`catalogues/categories.toml`).
    pub categories: DataFile,
    /// Vendors' product lines (`catalogues/product-lines.toml`).
    pub product_lines: DataFile,
    /// The vendor registry (`catalogues/vendors.toml`).
    pub vendors: DataFile,
    /// The legal bases the rules cite (`catalogues/legal-bases.toml`).
    pub legal_bases: DataFile,
    /// Origin rule packs.
    pub packs: &'static [DataFile],
    /// How product classes are recognised (`catalogues/procurement/classes.toml`).
    pub procurement_classes: DataFile,
    /// Procurement instruments, one file each.
    pub procurement: &'static [DataFile],
    /// Vendor files of the policy (`[extra] vendors`), in the format of `vendors.toml`.
    pub extra_vendors: &'static [DataFile],
    /// When the knowledge was last reviewed (`catalogues/knowledge.toml`).
    pub review: DataFile,
    /// The domestic country and the regions the regimes treat apart (`catalogues/regions.toml`).
    pub regions: DataFile,
}

impl Builtin {
    /// Every data file of the set, each once: the top-level files, then the editions and the
    /// regime, the rule packs, the procurement classes and instruments, the policy's vendor files.
    pub fn files(&self) -> Vec<DataFile> {
        let mut files = vec![
            self.review,
            self.sources,
            self.attributes,
            self.categories,
            self.product_lines,
            self.vendors,
            self.regions,
            self.legal_bases,
        ];
        files.extend(self.editions);
        files.push(self.regime);
        files.extend(self.packs);
        files.push(self.procurement_classes);
        files.extend(self.procurement);
        files.extend(self.extra_vendors);
        files
    }
}

/// A problem in the data: which file, where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnowledgeError {
    /// The data file, as [`DataFile::name`] gives it.
    pub file: String,
    /// What is wrong, and where in the file.
    pub message: String,
}

impl fmt::Display for KnowledgeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for KnowledgeError {}

/// Everything catscan knows, checked and indexed.
#[derive(Debug)]
pub struct Knowledge {
    /// The sources the data cites, in file order.
    pub sources: Vec<Source>,
    /// Oldest first.
    pub editions: Vec<Edition>,
    /// The law and standards behind the catalogue.
    pub regime: Regime,
    /// The legal bases the rules cite, from which their help's "Legal basis" paragraph is written.
    pub legal: legal::LegalBases,
    /// Technical attributes the catalogue's thresholds compare (throughput, ports, …).
    pub attributes: Vec<Attribute>,
    /// Product categories, in file order.
    pub categories: Vec<Category>,
    /// What makes a component software whatever its name says.
    pub software: vocabulary::SoftwareSignals,
    /// Vendors' product lines, which classify a product from its name.
    pub product_lines: Vec<ProductLine>,
    /// The vendor registry: `catalogues/vendors.toml`, then the policy's vendor files.
    pub vendors: Vec<Vendor>,
    /// The vendor registry indexed by normalised names, CPE vendor strings, package namespaces, web
    /// domains and repositories.
    pub vendor_index: VendorIndex,
    /// Origin rule packs, in file-name order (`cn-…` before `us-…`), then the policy's own.
    pub packs: Vec<Pack>,
    /// Procurement instruments and the product classes they are about.
    pub procurement: Procurement,
    /// When the knowledge was last reviewed, and so from when a run should warn that it may be
    /// out of date.
    pub review: Review,
    /// Which country is domestic, and how the regimes treat Hong Kong, Macao and Taiwan.
    pub regions: regions::Regions,
    category_by_value: HashMap<String, usize>,
}

impl Knowledge {
    /// The knowledge compiled into the binary. Its data is checked by the test suite, so a failure
    /// here is a bug in catscan, not in the user's input.
    pub fn builtin() -> &'static Knowledge {
        static KNOWLEDGE: OnceLock<Knowledge> = OnceLock::new();
        KNOWLEDGE.get_or_init(|| {
            Knowledge::load(&BUILTIN)
                .unwrap_or_else(|e| panic!("the built-in catalogue data is invalid: {e}"))
        })
    }

    /// The built-in knowledge with the policy file's extra rule packs and vendor files. Leaked:
    /// a run builds it once and keeps it to the end.
    pub fn with_extra(
        packs: &[DataFile],
        vendors: &[DataFile],
    ) -> Result<&'static Knowledge, KnowledgeError> {
        if packs.is_empty() && vendors.is_empty() {
            return Ok(Knowledge::builtin());
        }
        let packs: Vec<DataFile> = BUILTIN.packs.iter().chain(packs).copied().collect();
        let files = Builtin {
            packs: Box::leak(packs.into_boxed_slice()),
            extra_vendors: Box::leak(vendors.to_vec().into_boxed_slice()),
            ..BUILTIN
        };
        Ok(Box::leak(Box::new(Knowledge::load(&files)?)))
    }

    /// Loads and checks a set of data files.
    pub fn load(files: &Builtin) -> Result<Knowledge, KnowledgeError> {
        let sources: SourcesFile = parse(files.sources)?;
        let review: review::ReviewFile = parse(files.review)?;
        let regime: Regime = parse(files.regime)?;
        let legal: legal::LegalBasesFile = parse(files.legal_bases)?;
        let mut attributes: vocabulary::AttributesFile = parse(files.attributes)?;
        let categories: vocabulary::CategoriesFile = parse(files.categories)?;
        let lines: vocabulary::ProductLinesFile = parse(files.product_lines)?;
        let mut vendors: vendors::VendorsFile = parse(files.vendors)?;
        for file in files.extra_vendors {
            let extra: vendors::VendorsFile = parse(*file)?;
            vendors.vendors.extend(extra.vendors);
        }
        let error = |file: &DataFile, message: String| KnowledgeError {
            file: file.name.to_string(),
            message,
        };

        let source_keys: HashSet<&str> = sources.sources.iter().map(|s| s.key.as_str()).collect();
        unique(
            files.sources,
            sources.sources.iter().map(|s| s.key.as_str()),
            "source key",
        )?;
        let check_sources = |file: &DataFile, what: &str, keys: &[String]| {
            if keys.is_empty() {
                return Err(error(file, format!("{what} names no source")));
            }
            // A key of sources.toml, or (for the policy's own data files) a URL.
            match keys
                .iter()
                .find(|k| !source_keys.contains(k.as_str()) && !k.contains("://"))
            {
                Some(k) => Err(error(
                    file,
                    format!(
                        "{what} cites source \"{k}\", which sources.toml does not define (cite a key of sources.toml or a URL)"
                    ),
                )),
                None => Ok(()),
            }
        };

        for a in &mut attributes.attributes {
            a.dimension = Dimension::from_unit_name(&a.unit).ok_or_else(|| {
                error(
                    &files.attributes,
                    format!("attribute \"{}\" has unknown unit \"{}\"", a.id, a.unit),
                )
            })?;
            if a.properties.is_empty() {
                return Err(error(
                    &files.attributes,
                    format!("attribute \"{}\" is read from no property", a.id),
                ));
            }
        }
        unique(
            files.attributes,
            attributes.attributes.iter().map(|a| a.id.as_str()),
            "attribute id",
        )?;
        unique(
            files.categories,
            categories.categories.iter().map(|c| c.id.as_str()),
            "category id",
        )?;
        unique(
            files.categories,
            categories
                .categories
                .iter()
                .flat_map(|c| c.values.iter().map(String::as_str)),
            "category value",
        )?;
        let category_ids: HashSet<&str> = categories
            .categories
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        let attribute_dimension = |id: &str| {
            attributes
                .attributes
                .iter()
                .find(|a| a.id == id)
                .map(|a| a.dimension)
        };

        let mut editions = Vec::new();
        for file in files.editions {
            let mut parsed: catalogue::EditionFile = parse(*file)?;
            check_sources(
                file,
                &format!("edition {}", parsed.edition.id),
                &parsed.edition.sources,
            )?;
            unique(*file, parsed.items.iter().map(|i| i.id.as_str()), "item id")?;
            for item in &mut parsed.items {
                let what = format!("item {}", item.id);
                check_sources(file, &what, &item.sources)?;
                if item.categories.is_empty() {
                    return Err(error(file, format!("{what} names no category")));
                }
                for c in item
                    .categories
                    .iter()
                    .chain(item.also.iter().map(|a| &a.category))
                {
                    if !category_ids.contains(c.as_str()) {
                        return Err(error(
                            file,
                            format!(
                                "{what} names category \"{c}\", which categories.toml does not define"
                            ),
                        ));
                    }
                }
                catalogue::parse_limits(item, attribute_dimension)
                    .map_err(|m| error(file, format!("{what}: {m}")))?;
                if let Some(t) = &item.threshold
                    && t.is_known()
                    && t.conditions.len() > 1
                    && t.combination_status.is_none()
                {
                    return Err(error(
                        file,
                        format!(
                            "{what}: a threshold with several conditions needs combination_status"
                        ),
                    ));
                }
            }
            for std in parsed
                .items
                .iter()
                .flat_map(|i| i.standards.iter().map(move |s| (i, s)))
            {
                check_sources(
                    file,
                    &format!("standard {} of item {}", std.1.id, std.0.id),
                    &std.1.sources,
                )?;
            }
            for c in &parsed.candidates {
                check_sources(file, &format!("candidate {}", c.category), &c.sources)?;
                if !category_ids.contains(c.category.as_str()) {
                    return Err(error(
                        file,
                        format!(
                            "candidate names category \"{}\", which categories.toml does not define",
                            c.category
                        ),
                    ));
                }
            }
            let mut edition = parsed.edition;
            edition.candidates = parsed.candidates;
            if edition
                .in_force_until
                .is_some_and(|u| u <= edition.in_force_from)
            {
                return Err(error(
                    file,
                    format!("edition {} ends before it begins", edition.id),
                ));
            }
            edition.items = parsed.items;
            editions.push(edition);
        }
        editions.sort_by_key(|e| e.in_force_from);
        unique(
            files.editions[0],
            editions.iter().map(|e| e.id.as_str()),
            "edition id",
        )?;
        for pair in editions.windows(2) {
            if pair[0]
                .in_force_until
                .is_none_or(|u| u > pair[1].in_force_from)
            {
                return Err(error(
                    &files.editions[0],
                    format!("editions {} and {} overlap", pair[0].id, pair[1].id),
                ));
            }
        }

        check_sources(&files.regime, "the law", &regime.law.sources)?;
        for a in &regime.law.articles {
            check_sources(&files.regime, &format!("article {}", a.number), &a.sources)?;
        }
        for s in &regime.standards {
            check_sources(&files.regime, &format!("standard {}", s.id), &s.sources)?;
        }
        let legal = legal::LegalBases { bases: legal.bases };
        for b in &legal.bases {
            check_sources(
                &files.legal_bases,
                &format!("legal basis {}", b.id),
                &b.sources,
            )?;
            for r in &b.renumbered {
                check_sources(
                    &files.legal_bases,
                    &format!("legal basis {}, {}", b.id, r.provision),
                    &r.sources,
                )?;
            }
            for p in &b.penalties {
                check_sources(
                    &files.legal_bases,
                    &format!("legal basis {}, penalty {}", b.id, p.provision),
                    &p.sources,
                )?;
            }
        }
        if let Some(problem) = legal
            .problems()
            .into_iter()
            .chain(legal::agreement_with_regime(&legal, &regime.law))
            .next()
        {
            return Err(error(&files.legal_bases, problem));
        }
        let evidence = &regime.evidence;
        check_sources(
            &files.regime,
            "evidence.certification",
            &evidence.certification.sources,
        )?;
        check_sources(&files.regime, "evidence.testing", &evidence.testing.sources)?;
        check_sources(
            &files.regime,
            "evidence.mops_permit",
            &evidence.mops_permit.sources,
        )?;
        check_sources(&files.regime, "evidence.ccci", &evidence.ccci.sources)?;
        for r in &regime.related {
            check_sources(&files.regime, &format!("related {}", r.id), &r.sources)?;
            if r.in_force_from.is_some() && r.in_force_from_status.is_none() {
                return Err(error(
                    &files.regime,
                    format!("related {}: in_force_from needs in_force_from_status", r.id),
                ));
            }
            if let (Some(issued), Some(from)) = (r.issued, r.in_force_from)
                && from < issued
            {
                return Err(error(
                    &files.regime,
                    format!(
                        "related {}: in force from {from}, before it was issued ({issued})",
                        r.id
                    ),
                ));
            }
        }
        let regions = regions::load(files.regions, check_sources)?;

        unique(
            files.vendors,
            vendors.vendors.iter().map(|v| v.id.as_str()),
            "vendor id",
        )?;
        for v in &vendors.vendors {
            if v.sources.is_empty() {
                return Err(error(
                    &files.vendors,
                    format!("vendor {} names no source", v.id),
                ));
            }
            if let Some(c) = v
                .product_lines
                .iter()
                .find(|c| !category_ids.contains(c.as_str()) && !is_plain_line(c))
            {
                return Err(error(
                    &files.vendors,
                    format!(
                        "vendor {} has product line \"{c}\" that is no known category or line word",
                        v.id
                    ),
                ));
            }
        }
        let vendor_ids: HashSet<&str> = vendors.vendors.iter().map(|v| v.id.as_str()).collect();
        for line in &lines.lines {
            check_sources(
                &files.product_lines,
                &format!("product line {}", line.name),
                &line.sources,
            )?;
            if !vendor_ids.contains(line.vendor.as_str()) {
                return Err(error(
                    &files.product_lines,
                    format!(
                        "product line {} names vendor \"{}\", which vendors.toml does not define",
                        line.name, line.vendor
                    ),
                ));
            }
            if !category_ids.contains(line.category.as_str()) {
                return Err(error(
                    &files.product_lines,
                    format!(
                        "product line {} names category \"{}\", which categories.toml does not define",
                        line.name, line.category
                    ),
                ));
            }
        }

        let category_by_value = categories
            .categories
            .iter()
            .enumerate()
            .flat_map(|(i, c)| c.values.iter().map(move |v| (v.to_ascii_lowercase(), i)))
            .collect();
        let mut packs: Vec<Pack> = Vec::new();
        for file in files.packs {
            let parsed: packs::PackFile = parse(*file)?;
            let mut pack = parsed.pack;
            let what = format!("pack {}", pack.id);
            check_sources(file, &what, &pack.sources)?;
            if !crate::findings::rules::by_id(&pack.rule).is_some_and(|r| r.is_reported()) {
                return Err(error(
                    file,
                    format!(
                        "{what} names rule \"{}\", which catscan does not have or no longer reports",
                        pack.rule
                    ),
                ));
            }
            if let Some(c) = pack
                .categories
                .iter()
                .find(|c| !category_ids.contains(c.as_str()))
            {
                return Err(error(
                    file,
                    format!("{what} names category \"{c}\", which categories.toml does not define"),
                ));
            }
            let has_entries = !parsed.entries.is_empty();
            if has_entries != (pack.kind == PackKind::EntityList) {
                return Err(error(
                    file,
                    format!(
                        "{what}: an entity list needs [[entry]] tables, and only an entity list may have them"
                    ),
                ));
            }
            if pack.kind != PackKind::EntityList && pack.categories.is_empty() {
                return Err(error(file, format!("{what} names no category")));
            }
            for e in &parsed.entries {
                let what = format!("entry {} of pack {}", e.vendor, pack.id);
                check_sources(file, &what, &e.sources)?;
                if !vendor_ids.contains(e.vendor.as_str()) {
                    return Err(error(
                        file,
                        format!(
                            "{what} names vendor \"{}\", which vendors.toml does not define",
                            e.vendor
                        ),
                    ));
                }
                if let Some(c) = e
                    .categories
                    .iter()
                    .find(|c| !category_ids.contains(c.as_str()))
                {
                    return Err(error(
                        file,
                        format!(
                            "{what} names category \"{c}\", which categories.toml does not define"
                        ),
                    ));
                }
                if e.all_products != e.categories.is_empty() && !e.services_only {
                    return Err(error(
                        file,
                        format!("{what}: give either categories or all_products = true"),
                    ));
                }
            }
            pack.entries = parsed.entries;
            if packs.iter().any(|p| p.id == pack.id) {
                return Err(error(
                    file,
                    format!("pack id \"{}\" is defined twice", pack.id),
                ));
            }
            packs.push(pack);
        }
        let procurement = load_procurement(files, &check_sources, &category_ids, &vendor_ids)?;
        for (i, v) in vendors.vendors.iter_mut().enumerate() {
            v.index = i;
        }
        let vendor_index = VendorIndex::new(&vendors.vendors);
        editions.sort_by_key(|e: &Edition| e.in_force_from);
        Ok(Knowledge {
            review: review.review,
            regions,
            packs,
            procurement,
            sources: sources.sources,
            editions,
            regime,
            legal,
            attributes: attributes.attributes,
            software: categories.software,
            categories: categories.categories,
            product_lines: lines.lines,
            vendors: vendors.vendors,
            vendor_index,
            category_by_value,
        })
    }

    /// The edition in force on `date`, if any.
    pub fn edition_on(&self, date: Date) -> Option<&Edition> {
        self.editions.iter().find(|e| e.in_force_on(date))
    }

    /// The edition with this id (`cn-2023`).
    pub fn edition(&self, id: &str) -> Option<&Edition> {
        self.editions.iter().find(|e| e.id == id)
    }

    /// The category with this id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The category a property value such as `hw:category = ip-camera` names.
    pub fn category_by_value(&self, value: &str) -> Option<&Category> {
        self.category_by_value
            .get(&value.trim().to_ascii_lowercase())
            .map(|&i| &self.categories[i])
    }

    /// The attribute with this id.
    pub fn attribute(&self, id: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.id == id)
    }

    /// The source with this key.
    pub fn source(&self, key: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.key == key)
    }

    /// The vendor with this registry id.
    pub fn vendor(&self, id: &str) -> Option<&Vendor> {
        self.vendors.iter().find(|v| v.id == id)
    }
}

/// Checks that a data entry cites known sources: (file, what, keys).
type SourceCheck<'a> = dyn Fn(&DataFile, &str, &[String]) -> Result<(), KnowledgeError> + 'a;

/// Loads and checks the procurement classes and instruments: every name they refer to (class,
/// category, vendor, evaluation list, announcement, rule, source) must exist.
fn load_procurement(
    files: &Builtin,
    check_sources: &SourceCheck<'_>,
    category_ids: &HashSet<&str>,
    vendor_ids: &HashSet<&str>,
) -> Result<Procurement, KnowledgeError> {
    use procurement::{InstrumentFile, Phrase, name_key};
    let error = |file: &DataFile, message: String| KnowledgeError {
        file: file.name.to_string(),
        message,
    };
    let classes_file = files.procurement_classes;
    let mut classes: procurement::ClassesFile = parse(classes_file)?;
    unique(
        classes_file,
        classes.classes.iter().map(|c| c.id.as_str()),
        "class id",
    )?;
    for c in &mut classes.classes {
        if let Some(k) = c
            .kinds
            .iter()
            .find(|k| crate::inventory::ComponentKind::from_cyclonedx(k).is_none())
        {
            return Err(error(
                &classes_file,
                format!(
                    "class {} names kind \"{k}\", which is no CycloneDX component type",
                    c.id
                ),
            ));
        }
        if let Some(k) = c
            .categories
            .iter()
            .find(|k| !category_ids.contains(k.as_str()))
        {
            return Err(error(
                &classes_file,
                format!(
                    "class {} names category \"{k}\", which categories.toml does not define",
                    c.id
                ),
            ));
        }
        c.phrases = c.words.iter().map(|w| Phrase::new(w)).collect();
    }
    let class_ids: HashSet<String> = classes.classes.iter().map(|c| c.id.clone()).collect();
    let mut instruments: Vec<Instrument> = Vec::new();
    for file in files.procurement {
        let parsed: InstrumentFile = parse(*file)?;
        let mut inst = parsed.instrument;
        let what = format!("instrument {}", inst.id);
        check_sources(file, &what, &inst.sources)?;
        let needs_rule = !matches!(
            inst.kind,
            InstrumentKind::EvaluationList | InstrumentKind::Guidance
        );
        if needs_rule != (inst.rule.is_some() && inst.applies_when.is_some()) {
            return Err(error(
                file,
                format!(
                    "{what}: a {} {} `rule` and `applies_when`",
                    inst.kind.as_str(),
                    if needs_rule { "needs" } else { "takes no" }
                ),
            ));
        }
        if let Some(r) = inst
            .rule
            .as_deref()
            .filter(|r| !crate::findings::rules::by_id(r).is_some_and(|r| r.is_reported()))
        {
            return Err(error(
                file,
                format!(
                    "{what} names rule \"{r}\", which catscan does not have or no longer reports"
                ),
            ));
        }
        if (inst.kind == InstrumentKind::ListRequirement) != inst.list.is_some() {
            return Err(error(
                file,
                format!("{what}: a list requirement, and only one, names its `list`"),
            ));
        }
        if (inst.kind == InstrumentKind::ListRequirement) == parsed.covers.is_empty() {
            return Err(error(
                file,
                format!("{what}: a list requirement, and only one, has [[covers]] tables"),
            ));
        }
        for class in inst
            .classes
            .iter()
            .chain(parsed.covers.iter().map(|c| &c.class))
        {
            if !class_ids.contains(class) {
                return Err(error(
                    file,
                    format!("{what} names class \"{class}\", which classes.toml does not define"),
                ));
            }
        }
        for a in &parsed.announcements {
            check_sources(
                file,
                &format!("announcement {} of {}", a.number, inst.id),
                &a.sources,
            )?;
        }
        let mut entries = parsed.entries;
        for e in &mut entries {
            let what = format!("entry \"{}\" of {}", e.product, inst.id);
            check_sources(file, &what, &e.sources)?;
            if let Some(v) = e.vendor.as_deref().filter(|v| !vendor_ids.contains(v)) {
                return Err(error(
                    file,
                    format!("{what} names vendor \"{v}\", which vendors.toml does not define"),
                ));
            }
            match (&e.class, inst.kind) {
                (None, InstrumentKind::DroppedVendors) => {}
                (Some(c), k) if k != InstrumentKind::DroppedVendors && inst.classes.contains(c) => {
                }
                _ => {
                    return Err(error(
                        file,
                        format!(
                            "{what}: an entry names one of its list's classes ({}), except on a list of dropped vendors, where it names none",
                            inst.classes.join(", ")
                        ),
                    ));
                }
            }
            if inst.kind == InstrumentKind::EvaluationList {
                match e.announcement.as_deref() {
                    Some(n) if parsed.announcements.iter().any(|a| a.number == n) => {}
                    _ => {
                        return Err(error(
                            file,
                            format!("{what} names no announcement of the list"),
                        ));
                    }
                }
            } else if e.announcement.is_some() {
                return Err(error(
                    file,
                    format!("{what}: only an evaluation list has announcements"),
                ));
            }
            if e.names.is_empty() && !e.all_products {
                return Err(error(
                    file,
                    format!("{what} has no `names` and is not a brand entry (`all_products`)"),
                ));
            }
            if e.all_products && e.vendor.is_none() && e.vendor_names.is_empty() {
                return Err(error(
                    file,
                    format!("{what}: a brand entry names its vendor"),
                ));
            }
            e.phrases = e.names.iter().map(|n| Phrase::new(n)).collect();
            e.vendor_keys = e.vendor_names.iter().map(|n| name_key(n)).collect();
        }
        inst.covers = parsed.covers;
        inst.announcements = parsed.announcements;
        inst.entries = entries;
        if instruments.iter().any(|i| i.id == inst.id) {
            return Err(error(
                file,
                format!("instrument id \"{}\" is defined twice", inst.id),
            ));
        }
        instruments.push(inst);
    }
    for inst in &instruments {
        if let Some(list) = &inst.list
            && !instruments
                .iter()
                .any(|i| &i.id == list && i.kind == InstrumentKind::EvaluationList)
        {
            return Err(KnowledgeError {
                file: format!("catalogues/procurement/{}.toml", inst.id),
                message: format!(
                    "instrument {} requires list \"{list}\", which is no evaluation list",
                    inst.id
                ),
            });
        }
    }
    for inst in &instruments {
        if let Some(s) = inst.scopes.iter().find(|s| {
            !classes
                .scopes
                .iter()
                .any(|cs| &cs.id == *s && inst.classes.contains(&cs.class))
        }) {
            return Err(KnowledgeError {
                file: format!("catalogues/procurement/{}.toml", inst.id),
                message: format!(
                    "instrument {} names scope \"{s}\", which classes.toml does not define for one of its classes",
                    inst.id
                ),
            });
        }
    }
    Ok(Procurement {
        part_words: classes.part_words.iter().map(|w| Phrase::new(w)).collect(),
        scopes: classes.scopes,
        classes: classes.classes,
        instruments,
    })
}

/// Product-line words of the vendor registry that are not catscan categories (`wireless`, `chip`…).
fn is_plain_line(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
}

fn parse<T: for<'de> Deserialize<'de>>(file: DataFile) -> Result<T, KnowledgeError> {
    toml::from_str(file.text).map_err(|e| KnowledgeError {
        file: file.name.to_string(),
        message: e.to_string(),
    })
}

fn unique<'a>(
    file: DataFile,
    ids: impl Iterator<Item = &'a str>,
    what: &str,
) -> Result<(), KnowledgeError> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(KnowledgeError {
                file: file.name.to_string(),
                message: format!("{what} \"{id}\" is defined twice"),
            });
        }
    }
    Ok(())
}

/// serde helpers for TOML local dates (`2023-07-03`).
pub(crate) mod date {
    use serde::{Deserialize, Deserializer};
    use time::Date;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let value = toml::value::Datetime::deserialize(d)?;
        to_date(&value).map_err(serde::de::Error::custom)
    }

    pub fn to_date(value: &toml::value::Datetime) -> Result<Date, String> {
        match (value.date, value.time) {
            (Some(d), None) => time::Month::try_from(d.month)
                .ok()
                .and_then(|m| Date::from_calendar_date(d.year as i32, m, d.day).ok())
                .ok_or_else(|| format!("{value} is not a valid date")),
            _ => Err(format!("{value} is not a plain date (YYYY-MM-DD)")),
        }
    }
}

pub(crate) mod opt_date {
    use serde::{Deserialize, Deserializer};
    use time::Date;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        Option::<toml::value::Datetime>::deserialize(d)?
            .map(|v| super::date::to_date(&v).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn builtin_data_loads() {
        let k = Knowledge::builtin();
        assert_eq!(k.editions.len(), 2);
        assert_eq!(k.edition_on(date!(2020 - 01 - 01)).unwrap().id, "cn-2017");
        assert_eq!(k.edition_on(date!(2023 - 07 - 02)).unwrap().id, "cn-2017");
        assert_eq!(k.edition_on(date!(2023 - 07 - 03)).unwrap().id, "cn-2023");
        assert!(k.edition_on(date!(2017 - 05 - 31)).is_none());
        assert_eq!(
            k.regime
                .law
                .article_on(date!(2025 - 12 - 31))
                .unwrap()
                .number,
            23
        );
        assert_eq!(
            k.regime
                .law
                .article_on(date!(2026 - 01 - 01))
                .unwrap()
                .number,
            25
        );
        let router = k.edition("cn-2023").unwrap().item("cne.router").unwrap();
        let t = router.threshold.as_ref().unwrap();
        assert_eq!(t.conditions[0].limit().value, 12e12);
        assert_eq!(t.conditions[1].limit().value, 550_000.0);
        assert!(!t.combination_confirmed());
        let plc = k.edition("cn-2017").unwrap().item("cne.plc").unwrap();
        assert!(
            (plc.threshold.as_ref().unwrap().conditions[0].limit().value - 0.08e-6).abs() < 1e-15
        );
    }
}
