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
    pub(crate) edition: Edition,
    #[serde(rename = "item")]
    pub(crate) items: Vec<Item>,
    #[serde(rename = "candidate", default)]
    pub(crate) candidates: Vec<Candidate>,
}

/// A product type that may be in the edition without being known to be: used only as a hint in
/// messages ("possible match; verify").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    pub(crate) category: String,
    pub(crate) note: String,
    pub(crate) sources: Vec<String>,
}

/// A standard an item refers to (the catalogue itself names none; the research found them).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardRef {
    /// The standard's number as published (`GB 40050-2021`, `GB/T 41269-2022`).
    pub id: String,
    pub(crate) status: Status,
    pub(crate) note: Option<String>,
    /// Keys of `catalogues/sources.toml` that link the item to the standard.
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
/// The `[edition]` record of an edition file: its titles, the document that issued it, the days
/// it is in force and whether the data holds all its items.
pub struct Edition {
    /// The key reports and policies name the edition by (`cn-2017`, `cn-2023`); its last part is
    /// the [`year`](Self::year).
    pub id: String,
    pub(crate) title_zh: String,
    pub(crate) title_en: String,
    pub(crate) document_zh: String,
    pub(crate) document_en: String,
    pub(crate) issuers: Vec<String>,
    #[serde(with = "date")]
    /// First day the edition applies (inclusive); `in_force_from_status` says how sure that day is.
    pub in_force_from: Date,
    pub(crate) in_force_from_status: Status,
    pub(crate) in_force_from_note: String,
    /// Exclusive; `None` while the edition is in force.
    #[serde(default, with = "opt_date")]
    pub in_force_until: Option<Date>,
    pub(crate) in_force_until_status: Option<Status>,
    pub(crate) in_force_until_note: Option<String>,
    pub(crate) status: Status,
    pub(crate) status_note: Option<String>,
    /// Keys of `catalogues/sources.toml` behind the edition's record.
    pub sources: Vec<String>,
    /// Whether every item of the edition is in the data. When not, a catalogue category that no
    /// known item covers may still be covered by an unknown one.
    pub complete: bool,
    pub(crate) completeness_note: Option<String>,
    /// Filled in when loading: the items of this edition.
    #[serde(skip)]
    pub items: Vec<Item>,
    /// Filled in when loading: product types that may be in the edition.
    #[serde(skip)]
    pub candidates: Vec<Candidate>,
}

impl Edition {
    /// The candidate record for `category`: the research holds it possible, not shown, that the
    /// edition covers the category.
    pub fn candidate(&self, category: &str) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.category == category)
    }

    /// Whether the edition was in force on `date`.
    pub fn in_force_on(&self, date: Date) -> bool {
        date >= self.in_force_from && self.in_force_until.is_none_or(|until| date < until)
    }

    pub(crate) fn item(&self, id: &str) -> Option<&Item> {
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
    /// 网络关键设备: routers, switches, rack-mounted servers and programmable logic controllers.
    CriticalNetworkEquipment,
    /// 网络安全专用产品: firewalls, intrusion detection systems and the other security
    /// products.
    SpecializedCybersecurityProduct,
}

impl ItemGroup {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::CriticalNetworkEquipment => "critical-network-equipment",
            Self::SpecializedCybersecurityProduct => "specialized-cybersecurity-product",
        }
    }

    pub(crate) fn name_en(self) -> &'static str {
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

    pub(crate) fn name_zh(self) -> &'static str {
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
    /// Key of the item, the same in every edition that has it (`cne.router`); a BOM can declare it
    /// with `catscan:catalogue-item` (`cne.router` or `cn-2023/cne.router`).
    pub id: String,
    pub(crate) group: ItemGroup,
    pub(crate) position: Option<u32>,
    pub(crate) position_status: Option<Status>,
    /// The item's name as the catalogue prints it (`路由器`).
    pub name_zh: String,
    pub(crate) name_zh_status: Option<Status>,
    /// An English rendering of `name_zh` (`Router`), for messages.
    pub name_en: String,
    pub(crate) scope_zh: Option<String>,
    pub(crate) scope_en: Option<String>,
    pub(crate) description_zh: Option<String>,
    pub(crate) description_en: Option<String>,
    pub(crate) description_status: Option<Status>,
    /// Categories (ids of `categories.toml`) that fall under this item.
    pub categories: Vec<String>,
    /// Further categories that fall under this item on weaker grounds.
    #[serde(default)]
    pub also: Vec<AlsoCovers>,
    /// The server item is for rack-mounted servers only.
    pub form_factor: Option<String>,
    #[serde(default)]
    pub(crate) hardware_only: bool,
    pub(crate) hardware_only_status: Option<Status>,
    pub(crate) hardware_only_note: Option<String>,
    #[serde(default)]
    pub(crate) software_only: bool,
    pub(crate) software_only_note: Option<String>,
    /// How firmly the research shows the item is in this edition.
    pub status: Status,
    /// What the status rests on, where the sources need saying (a misprint, a table cut off).
    pub status_note: Option<String>,
    /// Keys of `catalogues/sources.toml` behind the item.
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
/// How a category falls under an item, as [`Item::covers`] answers.
pub enum Coverage<'k> {
    /// The category is one of the item's `categories`.
    Direct,
    /// The category falls under the item only on the grounds this record gives, as firm as its
    /// status.
    Also(&'k AlsoCovers),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
/// A category that falls under an item on weaker grounds than the item's own `categories`
/// (`[[item.also]]`), such as a web application firewall under the 2023 firewall item.
pub struct AlsoCovers {
    /// An id of `categories.toml`.
    pub category: String,
    pub(crate) status: Status,
    pub(crate) note: String,
}

/// The technical threshold of an item, or the record that it is not known.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    /// Status of the threshold values. `Unknown` with no conditions: the threshold exists in
    /// the catalogue but was never read, so it cannot be checked.
    pub status: Status,
    /// What the status rests on (a source's misprint, a value read in one report only).
    pub status_note: Option<String>,
    #[serde(default)]
    pub(crate) combination: Combination,
    pub(crate) combination_status: Option<Status>,
    pub(crate) combination_note: Option<String>,
    #[serde(default)]
    pub(crate) conditions: Vec<Condition>,
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
/// How the conditions of a threshold combine. When the catalogue does not say
/// (`combination_status` not confirmed), both readings are evaluated and a finding is made only
/// when they agree.
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
    pub(crate) op: Comparison,
    /// As written in the data ("12 Tbps", "55万条"); parsed into `limit` when loading.
    pub value: String,
    pub(crate) text_zh: Option<String>,
    pub(crate) text_en: Option<String>,
    /// Status of the value where it differs from the threshold's (the printed "20T").
    pub value_status: Option<Status>,
    #[serde(skip)]
    pub(crate) limit: Option<Quantity>,
}

impl Condition {
    pub(crate) fn limit(&self) -> Quantity {
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
/// How a condition compares a product's value with its limit, written `>=` or `<=` in the data.
pub enum Comparison {
    #[serde(rename = ">=")]
    /// In scope from the limit up (`>=`).
    AtLeast,
    #[serde(rename = "<=")]
    /// In scope from the limit down (`<=`).
    AtMost,
}

impl Comparison {
    pub(crate) fn symbol(self) -> &'static str {
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
    pub(crate) law: Law,
    #[serde(rename = "standard")]
    pub(crate) standards: Vec<Standard>,
    pub(crate) evidence: EvidenceRules,
    /// Instruments around the regime that are recorded for readers but decide nothing.
    #[serde(default, rename = "related")]
    pub(crate) related: Vec<RelatedInstrument>,
}

/// An instrument around the regime that catscan records but applies no rule for (`[[related]]`
/// of `regime.toml`), such as the voluntary cybersecurity label measures: what is known of it,
/// with statuses, and in `note` why no rule rests on it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelatedInstrument {
    pub(crate) id: String,
    pub(crate) name_zh: String,
    pub(crate) name_en: String,
    /// The document number (`国信办发文〔2026〕4号`).
    pub(crate) document: String,
    pub(crate) issuers: Vec<String>,
    /// `voluntary` or `mandatory`, as the source says.
    pub(crate) nature: String,
    pub(crate) scope: String,
    #[serde(default, with = "opt_date")]
    pub(crate) draft_published: Option<Date>,
    pub(crate) draft_status: Option<Status>,
    #[serde(default, with = "opt_date")]
    pub(crate) issued: Option<Date>,
    pub(crate) issued_status: Option<Status>,
    pub(crate) issued_note: Option<String>,
    /// The date the instrument says it applies from (its 施行 article), with its status.
    #[serde(default, with = "opt_date")]
    pub(crate) in_force_from: Option<Date>,
    pub(crate) in_force_from_status: Option<Status>,
    pub(crate) status: Status,
    pub(crate) note: String,
    pub(crate) sources: Vec<String>,
}

/// What counts as evidence that the obligation is met.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRules {
    pub(crate) certification: CertificationRule,
    pub(crate) testing: TestingRule,
    pub(crate) mops_permit: PermitRule,
    pub(crate) ccci: CcciRule,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CertificationRule {
    pub(crate) name_zh: String,
    pub(crate) name_en: String,
    pub(crate) validity_years: u8,
    pub(crate) validity_status: Status,
    pub(crate) validity_note: String,
    pub(crate) sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TestingRule {
    pub(crate) name_zh: String,
    pub(crate) name_en: String,
    pub(crate) note: String,
    pub(crate) sources: Vec<String>,
}

/// The MPS sales permit: no longer issued from 2023-07-01, valid to its term.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermitRule {
    pub(crate) name_zh: String,
    pub(crate) name_en: String,
    pub(crate) applies_to: ItemGroup,
    #[serde(with = "date")]
    pub(crate) last_issue: Date,
    pub(crate) status: Status,
    pub(crate) note: String,
    pub(crate) sources: Vec<String>,
}

/// CCC for information security products: not evidence from its end date.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CcciRule {
    pub(crate) name_zh: String,
    pub(crate) name_en: String,
    #[serde(with = "date")]
    pub(crate) ended: Date,
    pub(crate) status: Status,
    pub(crate) note: String,
    pub(crate) accepted_before_end_status: Status,
    pub(crate) accepted_before_end_note: String,
    pub(crate) sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Law {
    pub(crate) name_zh: String,
    pub(crate) name_en: String,
    pub(crate) obligation_zh: String,
    pub(crate) obligation_en: String,
    pub(crate) sources: Vec<String>,
    #[serde(rename = "article")]
    pub(crate) articles: Vec<Article>,
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
pub(crate) struct Article {
    pub(crate) number: u32,
    #[serde(with = "date")]
    pub(crate) from: Date,
    #[serde(default, with = "opt_date")]
    pub(crate) until: Option<Date>,
    pub(crate) status: Status,
    pub(crate) note: String,
    pub(crate) sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
/// A mandatory national standard one part of the catalogue must meet (`[[standard]]` of
/// `regime.toml`), such as GB 40050-2021 for critical network equipment.
pub struct Standard {
    pub(crate) id: String,
    pub(crate) title_zh: String,
    pub(crate) title_en: String,
    pub(crate) applies_to: ItemGroup,
    #[serde(with = "date")]
    pub(crate) issued: Date,
    #[serde(with = "date")]
    pub(crate) effective: Date,
    pub(crate) status: Status,
    pub(crate) note: String,
    pub(crate) sources: Vec<String>,
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
