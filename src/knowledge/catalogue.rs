//! Catalogue editions, their items and thresholds, and the legal regime around them, as read
//! from `catalogues/cn/*.toml`.

use serde::Deserialize;
use time::Date;

use super::{Status, date, opt_date};
use crate::resolve::quantity::{Dimension, Quantity};

/// One edition of a catalogue (e.g. `cn-2017`, `cn-2023`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionFile {
    pub edition: Edition,
    #[serde(rename = "item")]
    pub items: Vec<Item>,
    #[serde(rename = "candidate", default)]
    pub candidates: Vec<Candidate>,
}

/// A product type that may be in the edition without being known to be: used only as a hint in
/// messages ("possible match; verify").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    pub category: String,
    pub note: String,
    pub sources: Vec<String>,
}

/// A standard an item refers to (the catalogue itself names none; the research found them).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardRef {
    pub id: String,
    pub status: Status,
    pub note: Option<String>,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    pub id: String,
    pub title_zh: String,
    pub title_en: String,
    pub document_zh: String,
    pub document_en: String,
    pub issuers: Vec<String>,
    #[serde(with = "date")]
    pub in_force_from: Date,
    pub in_force_from_status: Status,
    pub in_force_from_note: String,
    /// Exclusive; `None` while the edition is in force.
    #[serde(default, with = "opt_date")]
    pub in_force_until: Option<Date>,
    pub in_force_until_status: Option<Status>,
    pub in_force_until_note: Option<String>,
    pub status: Status,
    pub status_note: Option<String>,
    pub sources: Vec<String>,
    /// Whether every item of the edition is in the data. When not, a catalogue category that no
    /// known item covers may still be covered by an unknown one.
    pub complete: bool,
    pub completeness_note: Option<String>,
    /// Filled in when loading: the items of this edition.
    #[serde(skip)]
    pub items: Vec<Item>,
    /// Filled in when loading: product types that may be in the edition.
    #[serde(skip)]
    pub candidates: Vec<Candidate>,
}

impl Edition {
    pub fn candidate(&self, category: &str) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.category == category)
    }

    /// Whether the edition was in force on `date`.
    pub fn in_force_on(&self, date: Date) -> bool {
        date >= self.in_force_from && self.in_force_until.is_none_or(|until| date < until)
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// `2023` for `cn-2023`: how people name an edition.
    pub fn year(&self) -> &str {
        self.id.rsplit('-').next().unwrap_or(&self.id)
    }
}

/// Which part of the catalogue an item is in: the two parts carry different obligations in
/// practice (different mandatory standards and testing routes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemGroup {
    CriticalNetworkEquipment,
    SpecializedCybersecurityProduct,
}

impl ItemGroup {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CriticalNetworkEquipment => "critical-network-equipment",
            Self::SpecializedCybersecurityProduct => "specialized-cybersecurity-product",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Self::CriticalNetworkEquipment => "critical network equipment",
            Self::SpecializedCybersecurityProduct => "specialized cybersecurity product",
        }
    }

    /// As a sentence needs it: "critical network equipment", "a specialized cybersecurity product".
    pub fn as_noun_phrase(self) -> &'static str {
        match self {
            Self::CriticalNetworkEquipment => "critical network equipment",
            Self::SpecializedCybersecurityProduct => "a specialized cybersecurity product",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Self::CriticalNetworkEquipment => "网络关键设备",
            Self::SpecializedCybersecurityProduct => "网络安全专用产品",
        }
    }
}

/// One catalogue item: a product category the obligation applies to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub group: ItemGroup,
    pub position: Option<u32>,
    pub position_status: Option<Status>,
    pub name_zh: String,
    pub name_zh_status: Option<Status>,
    pub name_en: String,
    pub scope_zh: Option<String>,
    pub scope_en: Option<String>,
    pub description_zh: Option<String>,
    pub description_en: Option<String>,
    pub description_status: Option<Status>,
    /// Categories (ids of `categories.toml`) that fall under this item.
    pub categories: Vec<String>,
    /// Further categories that fall under this item on weaker grounds.
    #[serde(default)]
    pub also: Vec<AlsoCovers>,
    /// The server item is for rack-mounted servers only.
    pub form_factor: Option<String>,
    #[serde(default)]
    pub hardware_only: bool,
    pub hardware_only_status: Option<Status>,
    pub hardware_only_note: Option<String>,
    #[serde(default)]
    pub software_only: bool,
    pub software_only_note: Option<String>,
    pub status: Status,
    pub status_note: Option<String>,
    pub sources: Vec<String>,
    /// Product standards the item refers to, with their status.
    #[serde(default)]
    pub standards: Vec<StandardRef>,
    /// `None`: the edition sets no threshold for the item (every product of the category is in
    /// scope).
    pub threshold: Option<Threshold>,
}

impl Item {
    /// "路由器 (Router)".
    pub fn display_name(&self) -> String {
        format!("{} ({})", self.name_zh, self.name_en)
    }

    /// How the category relates to this item: directly, on weaker grounds, or not at all.
    pub fn covers(&self, category: &str) -> Option<Coverage<'_>> {
        if self.categories.iter().any(|c| c == category) {
            return Some(Coverage::Direct);
        }
        self.also
            .iter()
            .find(|a| a.category == category)
            .map(Coverage::Also)
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Coverage<'k> {
    Direct,
    Also(&'k AlsoCovers),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlsoCovers {
    pub category: String,
    pub status: Status,
    pub note: String,
}

/// The technical threshold of an item, or the record that it is not known.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    /// Status of the threshold values. `Unknown` with no conditions: the threshold exists in
    /// the catalogue but was never read, so it cannot be checked.
    pub status: Status,
    pub status_note: Option<String>,
    #[serde(default)]
    pub combination: Combination,
    pub combination_status: Option<Status>,
    pub combination_note: Option<String>,
    #[serde(default)]
    pub conditions: Vec<Condition>,
}

impl Threshold {
    /// Whether the values are known at all.
    pub fn is_known(&self) -> bool {
        !self.conditions.is_empty()
    }

    /// Whether the catalogue says how the conditions combine.
    pub fn combination_confirmed(&self) -> bool {
        self.conditions.len() < 2
            || self
                .combination_status
                .is_some_and(|s| s == Status::Confirmed)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Combination {
    /// Every condition must hold.
    #[default]
    All,
    /// One condition suffices.
    Any,
}

/// One condition of a threshold, e.g. throughput ≥ 12 Tbps.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// An id of `attributes.toml`.
    pub attribute: String,
    pub op: Comparison,
    /// As written in the data ("12 Tbps", "55万条"); parsed into `limit` when loading.
    pub value: String,
    pub text_zh: Option<String>,
    pub text_en: Option<String>,
    /// Status of the value where it differs from the threshold's (the printed "20T").
    pub value_status: Option<Status>,
    #[serde(skip)]
    pub limit: Option<Quantity>,
}

impl Condition {
    pub fn limit(&self) -> Quantity {
        self.limit
            .expect("threshold values are parsed when the catalogue is loaded")
    }

    /// Whether `value` satisfies the condition.
    pub fn holds(&self, value: &Quantity) -> bool {
        match self.op {
            Comparison::AtLeast => value.at_least(&self.limit()),
            Comparison::AtMost => value.at_most(&self.limit()),
        }
    }

    /// "≥ 12 Tbps".
    pub fn display_limit(&self) -> String {
        format!("{} {}", self.op.symbol(), self.limit())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Comparison {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "<=")]
    AtMost,
}

impl Comparison {
    pub fn symbol(self) -> &'static str {
        match self {
            Self::AtLeast => "≥",
            Self::AtMost => "≤",
        }
    }
}

/// The law and standards behind the catalogue (`catalogues/cn/regime.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regime {
    pub law: Law,
    #[serde(rename = "standard")]
    pub standards: Vec<Standard>,
    pub evidence: EvidenceRules,
}

/// What counts as evidence that the obligation is met.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRules {
    pub certification: CertificationRule,
    pub testing: TestingRule,
    pub mops_permit: PermitRule,
    pub ccci: CcciRule,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificationRule {
    pub name_zh: String,
    pub name_en: String,
    pub validity_years: u8,
    pub validity_status: Status,
    pub validity_note: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestingRule {
    pub name_zh: String,
    pub name_en: String,
    pub note: String,
    pub sources: Vec<String>,
}

/// The MPS sales permit: no longer issued from 2023-07-01, valid to its term.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermitRule {
    pub name_zh: String,
    pub name_en: String,
    pub applies_to: ItemGroup,
    #[serde(with = "date")]
    pub last_issue: Date,
    pub status: Status,
    pub note: String,
    pub sources: Vec<String>,
}

/// CCC for information security products: not evidence from its end date.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CcciRule {
    pub name_zh: String,
    pub name_en: String,
    #[serde(with = "date")]
    pub ended: Date,
    pub status: Status,
    pub note: String,
    pub accepted_before_end_status: Status,
    pub accepted_before_end_note: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Law {
    pub name_zh: String,
    pub name_en: String,
    pub obligation_zh: String,
    pub obligation_en: String,
    pub sources: Vec<String>,
    #[serde(rename = "article")]
    pub articles: Vec<Article>,
}

impl Law {
    /// The article carrying the obligation as it was numbered on `date`.
    pub fn article_on(&self, date: Date) -> Option<&Article> {
        self.articles
            .iter()
            .find(|a| date >= a.from && a.until.is_none_or(|u| date < u))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub number: u32,
    #[serde(with = "date")]
    pub from: Date,
    #[serde(default, with = "opt_date")]
    pub until: Option<Date>,
    pub status: Status,
    pub note: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    pub id: String,
    pub title_zh: String,
    pub title_en: String,
    pub applies_to: ItemGroup,
    #[serde(with = "date")]
    pub issued: Date,
    #[serde(with = "date")]
    pub effective: Date,
    pub status: Status,
    pub note: String,
    pub sources: Vec<String>,
}

impl Regime {
    /// The mandatory standard for a part of the catalogue that was in effect on `date`.
    pub fn standard_for(&self, group: ItemGroup, date: Date) -> Option<&Standard> {
        self.standards
            .iter()
            .find(|s| s.applies_to == group && date >= s.effective)
    }
}

/// Parses the threshold values of an item; used when loading.
pub(super) fn parse_limits(
    item: &mut Item,
    dimension_of: impl Fn(&str) -> Option<Dimension>,
) -> Result<(), String> {
    let Some(threshold) = item.threshold.as_mut() else {
        return Ok(());
    };
    for c in &mut threshold.conditions {
        let dimension = dimension_of(&c.attribute)
            .ok_or_else(|| format!("condition names unknown attribute \"{}\"", c.attribute))?;
        let limit =
            crate::resolve::quantity::parse(&c.value, dimension, None).ok_or_else(|| {
                format!(
                    "threshold value \"{}\" is not a quantity of attribute \"{}\"",
                    c.value, c.attribute
                )
            })?;
        c.limit = Some(limit);
    }
    Ok(())
}
