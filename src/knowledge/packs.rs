//! Origin rule packs (`catalogues/packs/*.toml`): who made a product, as the law of a market
//! cares about it. Each pack is one instrument (a list, a decision, a measure) with its dates,
//! sources and status, and says under which policy it applies; the evaluation lives in
//! `evaluate::origin`.

use serde::Deserialize;
use time::Date;

use super::{Status, date, opt_date};

/// What kind of test a pack makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PackKind {
    /// Named companies (and their subsidiaries and affiliates): the FCC Covered List, NDAA §889,
    /// the Kaspersky determination, the Micron review conclusion.
    EntityList,
    /// Products of some categories must come from a developer incorporated and controlled in
    /// China (MLPS grade 3 and higher).
    DomesticDeveloper,
    /// Products of some categories need a review before an operator buys them (CII).
    ProcurementReview,
}

/// The policy setting that turns a pack on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trigger {
    /// `--market cn`.
    MarketCn,
    /// `--market us`.
    MarketUs,
    /// `--us-federal`: selling to, or contracting with, the US federal government.
    UsFederal,
    /// `--cii`: the buyer operates critical information infrastructure in China.
    Cii,
    /// `--mlps-grade 3` or higher.
    #[serde(rename = "mlps-grade-3")]
    MlpsGrade3,
}

impl Trigger {
    /// The command-line words that turn it on, for messages.
    pub fn flag(self) -> &'static str {
        match self {
            Self::MarketCn => "--market cn",
            Self::MarketUs => "--market us",
            Self::UsFederal => "--us-federal",
            Self::Cii => "--cii",
            Self::MlpsGrade3 => "--mlps-grade 3 (or higher)",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackFile {
    pub(crate) pack: Pack,
    #[serde(default, rename = "entry")]
    pub(crate) entries: Vec<Entry>,
}

/// One instrument.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// Key of the pack (`us-ndaa-889`), also the name of its file under `catalogues/packs/`.
    pub id: String,
    pub(crate) name: String,
    pub(crate) instrument: String,
    pub(crate) kind: PackKind,
    pub(crate) applies_when: Trigger,
    /// The id of the rule its findings carry (`rules.rs`).
    pub rule: String,
    #[serde(with = "date")]
    /// First day the instrument applies (inclusive); `in_force_from_status` says how sure that day
    /// is.
    pub in_force_from: Date,
    pub(crate) in_force_from_status: Status,
    pub(crate) in_force_from_note: Option<String>,
    /// Exclusive; `None` while in force.
    #[serde(default, with = "opt_date")]
    pub in_force_until: Option<Date>,
    /// How firmly the research supports the record of the instrument.
    pub status: Status,
    /// What the status rests on, where the sources need saying.
    pub status_note: Option<String>,
    /// What the instrument requires, as a clause that follows "The instrument says that".
    pub requirement: String,
    /// Keys of `catalogues/sources.toml` behind the record.
    pub sources: Vec<String>,
    pub(crate) note: Option<String>,
    /// For `domestic-developer` and `procurement-review`: the categories it covers.
    #[serde(default)]
    pub categories: Vec<String>,
    pub(crate) categories_status: Option<Status>,
    pub(crate) categories_note: Option<String>,
    /// Statutory exceptions that take some equipment of the listed companies out of scope
    /// (`[[pack.exception]]`): NDAA §889(a)(2)(B) for equipment that cannot route or redirect
    /// user data traffic.
    #[serde(default, rename = "exception")]
    pub exceptions: Vec<Exception>,
    /// Filled in when loading: the entries of an entity list.
    #[serde(skip)]
    pub entries: Vec<Entry>,
}

impl Pack {
    pub(crate) fn in_force_on(&self, day: Date) -> bool {
        day >= self.in_force_from && self.in_force_until.is_none_or(|u| day < u)
    }
}

/// An exception the instrument itself makes to what its entries cover, and how catscan applies
/// it to the categories a BOM can show.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    /// Where the instrument makes it: "§889(a)(2)(B)".
    pub cite: String,
    /// The exception in the instrument's words.
    pub text: String,
    /// Status of `text`.
    pub status: Status,
    /// Categories whose products the exception clearly takes out of scope (passive parts).
    #[serde(default)]
    pub out_of_scope: Vec<String>,
    /// Why those categories are out of scope.
    pub out_of_scope_note: Option<String>,
    /// Status of that reading.
    pub out_of_scope_status: Option<Status>,
    /// Categories whose products may or may not fall under the exception: a BOM does not show
    /// whether such a part routes traffic, so the result cannot be decided.
    #[serde(default)]
    pub undecided: Vec<String>,
    /// Why a BOM cannot decide for those categories.
    pub undecided_note: Option<String>,
    /// Keys of `catalogues/sources.toml` the exception was read in.
    pub sources: Vec<String>,
}

impl Exception {
    /// What the exception makes of a product of a category: `None` when it does not touch it.
    pub fn applies_to(&self, category: &str) -> Option<ExceptionEffect> {
        if self.out_of_scope.iter().any(|c| c == category) {
            Some(ExceptionEffect::OutOfScope)
        } else if self.undecided.iter().any(|c| c == category) {
            Some(ExceptionEffect::Undecided)
        } else {
            None
        }
    }
}

/// What an [`Exception`] makes of a product of one category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExceptionEffect {
    /// The product is not covered.
    OutOfScope,
    /// Whether the product is covered turns on what it does, which a BOM does not show.
    Undecided,
}

/// A named company on an entity list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Id of the vendor registry entry.
    pub vendor: String,
    /// The name exactly as the instrument writes it.
    pub listed_as: String,
    pub(crate) scope: String,
    /// A limit on the use that makes the equipment covered ("to the extent used for …"): a
    /// BOM cannot show the use, so such findings are warnings that say so.
    pub purpose: Option<String>,
    /// Categories that clearly fall in the scope. Products of other or unknown categories are
    /// reported as undecided, unless `all_products`.
    #[serde(default)]
    pub categories: Vec<String>,
    pub(crate) categories_status: Option<Status>,
    pub(crate) categories_note: Option<String>,
    /// Every product of the company is in scope.
    #[serde(default)]
    pub all_products: bool,
    /// Libraries and other parts count too (integration into third-party products is covered).
    #[serde(default)]
    pub all_components: bool,
    /// The entry covers services only, which a bill of materials does not list: kept as data,
    /// never matched.
    #[serde(default)]
    pub services_only: bool,
    #[serde(with = "date")]
    /// The day the company was put on the list: a BOM scanned as of an earlier day is not
    /// matched against the entry.
    pub added: Date,
    pub(crate) added_status: Status,
    pub(crate) status: Status,
    pub(crate) status_note: Option<String>,
    pub(crate) note: Option<String>,
    /// Keys of `catalogues/sources.toml` behind the entry.
    pub sources: Vec<String>,
}
