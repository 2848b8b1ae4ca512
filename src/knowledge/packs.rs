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
pub struct PackFile {
    pub pack: Pack,
    #[serde(default, rename = "entry")]
    pub entries: Vec<Entry>,
}

/// One instrument.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    pub id: String,
    pub name: String,
    pub instrument: String,
    pub kind: PackKind,
    pub applies_when: Trigger,
    /// The id of the rule its findings carry (`rules.rs`).
    pub rule: String,
    #[serde(with = "date")]
    pub in_force_from: Date,
    pub in_force_from_status: Status,
    pub in_force_from_note: Option<String>,
    /// Exclusive; `None` while in force.
    #[serde(default, with = "opt_date")]
    pub in_force_until: Option<Date>,
    pub status: Status,
    pub status_note: Option<String>,
    /// What the instrument requires, as a clause that follows "The instrument says that".
    pub requirement: String,
    pub sources: Vec<String>,
    pub note: Option<String>,
    /// For `domestic-developer` and `procurement-review`: the categories it covers.
    #[serde(default)]
    pub categories: Vec<String>,
    pub categories_status: Option<Status>,
    pub categories_note: Option<String>,
    /// Filled in when loading: the entries of an entity list.
    #[serde(skip)]
    pub entries: Vec<Entry>,
}

impl Pack {
    pub fn in_force_on(&self, day: Date) -> bool {
        day >= self.in_force_from && self.in_force_until.is_none_or(|u| day < u)
    }
}

/// A named company on an entity list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Id of the vendor registry entry.
    pub vendor: String,
    /// The name exactly as the instrument writes it.
    pub listed_as: String,
    pub scope: String,
    /// A limit on the use that makes the equipment covered ("to the extent used for …"): a
    /// BOM cannot show the use, so such findings are warnings that say so.
    pub purpose: Option<String>,
    /// Categories that clearly fall in the scope. Products of other or unknown categories are
    /// reported as undecided, unless `all_products`.
    #[serde(default)]
    pub categories: Vec<String>,
    pub categories_status: Option<Status>,
    pub categories_note: Option<String>,
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
    pub added: Date,
    pub added_status: Status,
    pub status: Status,
    pub status_note: Option<String>,
    pub note: Option<String>,
    pub sources: Vec<String>,
}
