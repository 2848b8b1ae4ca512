//! The choices a run is made under: the date the law is applied as of, the catalogue edition,
//! the markets and buyer situations that turn origin rules on, the level of each rule, and the
//! team's exceptions and custom rules.

pub mod baseline;
pub mod certified;
pub mod config;
pub mod custom_rule;
pub mod exceptions;
mod resolve;

pub use resolve::{PolicyArgs, PolicyError, Resolved, resolve};

use std::collections::{BTreeSet, HashMap};

use time::Date;

use crate::findings::ConfigLocation;
use crate::findings::rules::{Level, Rule};
use crate::knowledge::{Buyer, Instrument, Knowledge, Trigger};
use crate::policy::baseline::Baseline;
use crate::policy::certified::CertifiedList;
use crate::policy::custom_rule::Condition;

/// A market the product is sold in; each brings its own rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Market {
    /// China: the catalogue, and the origin rules that `--cii` and `--mlps-grade` turn on.
    Cn,
    /// The United States: the FCC Covered List and the Kaspersky determination; `--us-federal`
    /// adds NDAA §889.
    Us,
}

impl Market {
    /// The value of `--market` and of the policy file's `markets` (`cn`, `us`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cn => "cn",
            Self::Us => "us",
        }
    }

    /// Reads a market, in any case (`cn` or `china`, `us` or `usa`); `None` for any other.
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "cn" | "china" => Some(Self::Cn),
            "us" | "usa" => Some(Self::Us),
            _ => None,
        }
    }
}

/// The least level of finding that fails a run (exit status 1), or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    /// Errors fail the run (the default).
    Error,
    /// Warnings and errors fail the run.
    Warning,
    /// Every finding fails the run.
    Note,
    /// No finding fails the run.
    None,
}

impl FailOn {
    /// The word of `--fail-on` and of the policy file's `fail-on`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "error" => Some(Self::Error),
            "warning" => Some(Self::Warning),
            "note" => Some(Self::Note),
            "none" => Some(Self::None),
            _ => None,
        }
    }

    /// The least level that fails the run; `None` when nothing does.
    pub fn threshold(self) -> Option<Level> {
        match self {
            Self::Error => Some(Level::Error),
            Self::Warning => Some(Level::Warning),
            Self::Note => Some(Level::Note),
            Self::None => None,
        }
    }
}

/// Which components an exception covers: every field given must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComponentSelector {
    /// A package URL; without a version it covers every version.
    pub purl: Option<String>,
    /// A component name, compared with the name the BOM gives.
    pub name: Option<String>,
    /// A component's identifier within the BOM (CycloneDX `bom-ref`, SPDX `SPDXID`).
    pub bom_ref: Option<String>,
    /// A vendor registry id, or a vendor name as the BOM or the registry writes it.
    pub vendor: Option<String>,
}

/// A decision not to report a finding: for which component and rule, why, and until when.
#[derive(Debug, Clone)]
pub struct Exception {
    /// The components the exception covers.
    pub component: ComponentSelector,
    /// The id of the rule whose findings it suppresses.
    pub rule: String,
    /// Why the finding is accepted, as the team wrote it; reports show it.
    pub reason: String,
    /// The last day the exception holds; from the next day the finding is reported again.
    pub expires: Option<Date>,
    /// Where the exception is written in the policy file.
    pub location: ConfigLocation,
}

impl Exception {
    /// "exception for origin-us-fcc-covered on pkg:…, catscan.toml line 12".
    pub fn describe(&self) -> String {
        let c = &self.component;
        let mut what = Vec::new();
        if let Some(p) = &c.purl {
            what.push(format!("purl {p}"));
        }
        if let Some(n) = &c.name {
            what.push(format!("name \"{n}\""));
        }
        if let Some(r) = &c.bom_ref {
            what.push(format!("bom-ref {r}"));
        }
        if let Some(v) = &c.vendor {
            what.push(format!("vendor \"{v}\""));
        }
        format!(
            "the exception for {} on {} ({}, line {})",
            self.rule,
            what.join(", "),
            self.location.file,
            self.location.line
        )
    }
}

/// A rule written by the user in CEL.
#[derive(Debug)]
pub struct CustomRule {
    /// Leaked once at load, so that findings can refer to it like to the built-in rules.
    pub rule: &'static Rule,
    /// The CEL expression, compiled: a component for which it holds gets a finding.
    pub condition: Condition,
    /// The message of its findings, as the policy file writes it.
    pub message: String,
    /// Where the rule is written in the policy file.
    pub location: ConfigLocation,
}

#[derive(Debug)]
/// Everything a scan is run under: the date, the markets and buyer situations, rule levels,
/// exceptions, custom rules and the inputs that come with the policy (certified list, baseline,
/// answers).
pub struct Policy {
    /// The catalogues, vendors and rule packs: the built-in data, with the policy file's extra
    /// packs.
    pub knowledge: &'static Knowledge,
    /// The date on which the rules are applied: the edition in force, the numbering of the law,
    /// the mandatory standards, the lists and their entries depend on it.
    pub as_of: Date,
    /// Forces an edition instead of the one in force on `as_of`.
    pub edition: Option<String>,
    /// Markets the product is sold in (default: China).
    pub markets: BTreeSet<Market>,
    /// The MLPS grade of the system the products go into, when known.
    pub mlps_grade: Option<u8>,
    /// The buyer operates critical information infrastructure in China.
    pub cii: bool,
    /// Sold to, or used in performing a contract with, the US federal government.
    pub us_federal: bool,
    /// Who buys the products, when government-procurement rules apply (`--procurement`).
    pub procurement: Option<Buyer>,
    /// The least share of key components from vendors controlled from China that the policy
    /// accepts (`--min-domestic-share`), from 0 to 1, exactly as written (0.75 of 4.00 is met).
    pub min_domestic_share: Option<rust_decimal::Decimal>,
    /// Levels that differ from the rules' defaults; `None` turns a rule off.
    pub levels: HashMap<String, Option<Level>>,
    /// The user's list of certified or tested products (`--certified`).
    pub certified: Option<CertifiedList>,
    /// The team's exceptions, in the order of the policy file.
    pub exceptions: Vec<Exception>,
    /// The team's own rules, in the order of the policy file.
    pub custom_rules: Vec<CustomRule>,
    /// How to read inputs (part-list columns).
    pub read: crate::ingest::ReadOptions,
    /// With `--baseline`: report only findings this earlier log does not have.
    pub baseline: Option<Baseline>,
    /// The policy file the settings came from, for the reports.
    pub file: Option<String>,
    /// The least level of finding that fails the run (default: error).
    pub fail_on: FailOn,
    /// Whether a run that finds no bill of materials passes (`--allow-empty`); without it such a
    /// run checked nothing and fails.
    pub allow_empty: bool,
    /// With `--answers`: the supplier's answers to `catscan ask`, merged into the BOMs they are
    /// about.
    pub answers: Option<crate::questions::Answers>,
    /// Whether each file's evaluation keeps the lines of the input around its findings
    /// ([`crate::findings::Evaluated::excerpt`]), which the terminal report quotes. The command
    /// line turns it off when no terminal text is written: for a large BOM with many findings
    /// the excerpt is megabytes that no other report reads.
    pub excerpts: bool,
}

impl Policy {
    /// The default policy on `as_of`: the built-in knowledge, the Chinese market, every rule at its
    /// default level, no exception.
    pub fn new(as_of: Date) -> Self {
        Policy {
            knowledge: Knowledge::builtin(),
            as_of,
            edition: None,
            markets: BTreeSet::from([Market::Cn]),
            mlps_grade: None,
            cii: false,
            us_federal: false,
            procurement: None,
            min_domestic_share: None,
            levels: HashMap::new(),
            certified: None,
            exceptions: Vec::new(),
            custom_rules: Vec::new(),
            read: crate::ingest::ReadOptions::default(),
            baseline: None,
            file: None,
            fail_on: FailOn::Error,
            allow_empty: false,
            answers: None,
            excerpts: true,
        }
    }

    /// The level a rule is reported at, or `None` when it is turned off.
    pub fn level(&self, rule: &Rule) -> Option<Level> {
        match self.levels.get(rule.id) {
            Some(level) => *level,
            None => match self.levels.get(rule.family.as_str()) {
                Some(level) => *level,
                None => Some(rule.default_level),
            },
        }
    }

    /// Whether the policy turns on a rule pack with this trigger.
    pub fn triggers(&self, trigger: Trigger) -> bool {
        let cn = self.markets.contains(&Market::Cn);
        match trigger {
            Trigger::MarketCn => cn,
            Trigger::MarketUs => self.markets.contains(&Market::Us),
            Trigger::UsFederal => self.us_federal,
            Trigger::Cii => cn && self.cii,
            Trigger::MlpsGrade3 => cn && self.mlps_grade.is_some_and(|g| g >= 3),
        }
    }

    /// Whether some rule looks at the vendors of libraries and other parts, not only of
    /// products: a custom rule, the procurement rules, or an entity list in force whose entry
    /// covers every component.
    pub fn needs_every_vendor(&self) -> bool {
        // The procurement rules look at packaged databases, which SBOMs often list as libraries.
        !self.custom_rules.is_empty()
            || self.procurement_on()
            || self.knowledge.packs.iter().any(|p| {
                self.triggers(p.applies_when)
                    && p.in_force_on(self.as_of)
                    && p.entries
                        .iter()
                        .any(|e| e.all_components && e.added <= self.as_of)
            })
    }

    /// Whether a procurement instrument binds the buyer on the run's date.
    pub fn procurement_applies(&self, instrument: &Instrument) -> bool {
        match (self.procurement, instrument.applies_when) {
            (Some(buyer), Some(when)) => buyer.includes(when) && instrument.in_force_on(self.as_of),
            _ => false,
        }
    }

    /// Whether the run looks at procurement at all: lists, classes and the share table.
    pub fn procurement_on(&self) -> bool {
        self.procurement.is_some() || self.min_domestic_share.is_some()
    }

    /// Whether the China catalogue applies at all.
    pub fn catalogue_applies(&self) -> bool {
        self.markets.contains(&Market::Cn)
    }
}
