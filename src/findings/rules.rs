//! The rule registry: every rule catscan reports, gathered from the rule families in
//! `evaluate/<family>/rules.rs`, where each is defined and documented. A rule's id never changes
//! meaning and is never reused: a rule that is no longer reported stays in its family's `RULES` as
//! [`State::Removed`], so its id stays taken. `catscan rules` lists them and `catscan rule ID`
//! prints one.
//!
//! A rule's help is its own text (what it detects, why, what to do) followed by a "Legal basis"
//! paragraph written from `catalogues/legal-bases.toml` ([`Rule::full_help`]): the citations are
//! data, kept in one place.

use std::fmt;

use crate::knowledge::legal::LegalBases;

/// How serious a finding is, and the SARIF level it is reported at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Worth knowing; does not fail a run unless `--fail-on note`.
    Note,
    /// Needs a look; fails a run with `--fail-on warning`.
    Warning,
    /// Needs action; fails a run by default.
    Error,
}

impl Level {
    /// The level as SARIF and the policy file write it (`note`, `warning`, `error`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }

    /// Reads a level as SARIF writes it; `None` for any other word.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "note" => Some(Self::Note),
            "warning" => Some(Self::Warning),
            "error" => Some(Self::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Families group rules in SARIF `properties.tags` and in the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// The catalogue obligation: which item covers a product and whether its threshold is met.
    Catalogue,
    /// The licences recorded for a component: a sales permit that cannot be genuine, evidence dates
    /// that cannot be read.
    Licence,
    /// Certificates, test reports and permits that meet a catalogue obligation.
    Evidence,
    /// Who made a component, against the origin rule packs the policy turns on (FCC Covered List,
    /// CII review, …).
    Origin,
    /// Government-procurement lists and the domestic-control share.
    Procurement,
    /// What the BOM does not say: products catscan cannot decide, declarations that name nothing it
    /// knows.
    DataQuality,
    /// Findings about the policy itself: exceptions that expired or match nothing.
    Policy,
    /// Rules written by the user in `catscan.toml`.
    Custom,
}

impl Family {
    /// The family's tag, as SARIF `properties.tags` and the reports write it (`data-quality`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Catalogue => "catalogue",
            Self::Licence => "licence",
            Self::Evidence => "evidence",
            Self::Origin => "origin",
            Self::Procurement => "procurement",
            Self::DataQuality => "data-quality",
            Self::Policy => "policy",
            Self::Custom => "custom",
        }
    }
}

/// Where a rule stands in its life. Once published, an id is never given to another rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Reported, and meant to stay.
    Stable,
    /// Still reported, but on its way out: a user should stop relying on it (and move to
    /// `replaced_by`, when there is one).
    Deprecated {
        /// The catscan version that deprecated it.
        since: &'static str,
        /// The rule that takes its place, when there is one.
        replaced_by: Option<&'static str>,
        /// Why it is deprecated, in a sentence ending with a full stop.
        why: &'static str,
    },
    /// No longer reported. It stays in its family's `RULES` so that its id stays reserved and
    /// `catscan explain` can say what became of it; it is left out of the SARIF rule table.
    Removed {
        /// The catscan version that removed it.
        since: &'static str,
        /// Why it was removed, in a sentence ending with a full stop.
        why: &'static str,
    },
}

impl State {
    /// Whether the rule is no longer reported.
    pub fn is_removed(self) -> bool {
        matches!(self, Self::Removed { .. })
    }

    /// What `catscan explain` and `catscan rules` say about a rule that is not stable.
    pub fn describe(self) -> Option<String> {
        match self {
            Self::Stable => None,
            Self::Deprecated {
                since,
                replaced_by,
                why,
            } => Some(match replaced_by {
                Some(next) => {
                    format!("Deprecated since catscan {since}: {why} Use {next} instead.")
                }
                None => format!("Deprecated since catscan {since}: {why}"),
            }),
            Self::Removed { since, why } => Some(format!(
                "Removed in catscan {since}: {why} It is no longer reported; its id stays reserved."
            )),
        }
    }
}

/// What a rule rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grounds {
    /// Provisions of `catalogues/legal-bases.toml`, by id: the law, notice or list behind it.
    Law(&'static [&'static str]),
    /// This project's own policy (catscan.toml: its exceptions, its lists, its thresholds, its
    /// rules), not a law: there is nothing to cite but the policy.
    ProjectPolicy,
}

/// The paragraph that ends the help of a rule resting on this project's policy.
pub const PROJECT_POLICY_BASIS: &str = "**Legal basis.** None of its own: the rule applies this project's policy (catscan.toml), not a law.";

/// A rule: what it detects, how serious it is by default, and help that cites the legal basis.
#[derive(Debug)]
pub struct Rule {
    /// Stable identifier, used as the SARIF `ruleId` and in `-A/-W/-D`.
    pub id: &'static str,
    /// Upper camel case, shown by GitHub as the rule's name.
    pub name: &'static str,
    /// The family the rule belongs to.
    pub family: Family,
    /// The level its findings are reported at unless the policy sets another.
    pub default_level: Level,
    /// One sentence (SARIF `shortDescription`).
    pub summary: &'static str,
    /// A paragraph (SARIF `fullDescription`).
    pub description: &'static str,
    /// Markdown help, the rule's own text: what it found and why it matters, then
    /// "**What to do.**". The legal basis is not written here but cited by `legal_basis`.
    pub help: &'static str,
    /// What the rule rests on: legal provisions, or the project's own policy.
    pub legal_basis: Grounds,
    /// Where the rule stands in its life.
    pub state: State,
}

impl Rule {
    /// The help as SARIF, `catscan explain` and `catscan rules` show it: the rule's own text, then
    /// the "Legal basis" paragraph written from `bases` (the built-in ones, in a run). A basis id
    /// that `bases` lacks is said in its place; the registry test keeps the built-in rules from
    /// citing one.
    pub fn full_help(&self, bases: &LegalBases) -> String {
        self.help_with(bases)
            .unwrap_or_else(|e| format!("{}\n\n**Legal basis.** Not available: {e}.", self.help))
    }

    /// The help with the legal basis written from `bases`; an error names a basis id that
    /// `bases` does not hold.
    pub fn help_with(&self, bases: &LegalBases) -> Result<String, String> {
        let basis = match self.legal_basis {
            Grounds::Law(ids) => bases.paragraph(ids)?,
            Grounds::ProjectPolicy => PROJECT_POLICY_BASIS.to_string(),
        };
        Ok(format!("{}\n\n{basis}", self.help))
    }

    /// Whether findings of this rule can appear in a report (and so in the SARIF rule table).
    pub fn is_reported(&self) -> bool {
        !self.state.is_removed()
    }
}

/// The families' rule lists, in the order reports list them.
const FAMILIES: &[&[&Rule]] = &[
    crate::evaluate::catalogue::rules::RULES,
    crate::evaluate::evidence::rules::RULES,
    crate::evaluate::licence::rules::RULES,
    crate::evaluate::data_quality::rules::RULES,
    crate::evaluate::origin::rules::RULES,
    crate::evaluate::procurement::rules::RULES,
    crate::evaluate::policy::rules::RULES,
];

/// All rules, family by family, in the order reports list them.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    FAMILIES.iter().flat_map(|family| family.iter().copied())
}

/// Every rule findings can be reported under (removed ones left out), in report order.
pub fn reported() -> impl Iterator<Item = &'static Rule> {
    all().filter(|r| r.is_reported())
}

/// The rule with this id, if there is one, whatever its state.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    all().find(|r| r.id == id)
}

/// Whether `-A/-W/-D` or `[levels]` may set the level of this rule: a removed rule cannot be set
/// (an error saying so), a deprecated one can, with a warning to pass on; a stable one, silently.
pub fn level_setting(rule: &Rule) -> Result<Option<String>, String> {
    match rule.state {
        State::Stable => Ok(None),
        State::Deprecated { .. } => Ok(Some(format!(
            "rule {} is deprecated: {}",
            rule.id,
            rule.state.describe().unwrap_or_default()
        ))),
        State::Removed { .. } => Err(format!(
            "rule {} cannot be given a level: {}",
            rule.id,
            rule.state.describe().unwrap_or_default()
        )),
    }
}

/// Everything wrong with a registry: the checks every rule list must pass, for the shipped
/// registry and for the test-only ones that try removed and deprecated rules.
pub fn registry_problems(rules: &[&Rule], bases: &LegalBases) -> Vec<String> {
    let mut out = Vec::new();
    let mut ids: std::collections::HashMap<&str, &Rule> = std::collections::HashMap::new();
    for r in rules {
        if let Some(first) = ids.insert(r.id, r) {
            out.push(match first.state {
                State::Removed { since, .. } => format!(
                    "{}: the id is reserved by a removed rule (removed in catscan {since}); choose a new id",
                    r.id
                ),
                _ => format!("{}: the id is used twice", r.id),
            });
        }
        if !r
            .id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            out.push(format!("{}: an id is lower case, digits and hyphens", r.id));
        }
        if !r.id.starts_with(r.family.as_str()) {
            out.push(format!(
                "{}: the id does not start with its family, {}",
                r.id,
                r.family.as_str()
            ));
        }
        if !r
            .name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase())
        {
            out.push(format!(
                "{}: the name {:?} is not upper camel case",
                r.id, r.name
            ));
        }
        if !r.summary.ends_with('.') || r.summary.len() > 1024 {
            out.push(format!(
                "{}: the summary is one sentence of at most 1024 bytes",
                r.id
            ));
        }
        if r.description.is_empty() {
            out.push(format!("{}: no description", r.id));
        }
        match r.help.split_once("**What to do.**") {
            None => out.push(format!("{}: the help has no \"**What to do.**\"", r.id)),
            Some((why, _)) if why.trim().is_empty() => out.push(format!(
                "{}: the help says what was found and why it matters before \"**What to do.**\"",
                r.id
            )),
            Some(_) => {}
        }
        if r.help.contains("**Legal basis.**") {
            out.push(format!(
                "{}: the help writes its own legal basis; cite it in legal_basis instead",
                r.id
            ));
        }
        if let Grounds::Law(basis) = r.legal_basis
            && let Err(e) = bases.paragraph(basis)
        {
            out.push(format!("{}: {e}", r.id));
        }
    }
    for r in rules {
        if let State::Deprecated {
            replaced_by: Some(next),
            ..
        } = r.state
            && !ids.get(next).is_some_and(|n| n.is_reported())
        {
            out.push(format!(
                "{}: replaced by {next}, which is not a rule that is reported",
                r.id
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;

    fn rule(id: &'static str, state: State, legal_basis: Grounds) -> Rule {
        Rule {
            id,
            name: "TestRule",
            family: Family::Catalogue,
            default_level: Level::Warning,
            summary: "A test rule.",
            description: "What it detects.",
            help: "Why it matters.\n\n**What to do.** Fix it.",
            legal_basis,
            state,
        }
    }

    const CSL: Grounds = Grounds::Law(&["cn-csl-product-certification"]);

    #[test]
    fn the_shipped_registry_is_unique_documented_and_cites_bases_that_resolve() {
        let rules: Vec<&Rule> = all().collect();
        assert_eq!(rules.len(), 26);
        assert_eq!(
            registry_problems(&rules, &Knowledge::builtin().legal),
            Vec::<String>::new()
        );
        assert!(rules.iter().all(|r| r.state == State::Stable));
    }

    #[test]
    fn a_removed_rule_keeps_its_id_reserved() {
        let old = rule(
            "catalogue-old",
            State::Removed {
                since: "0.2.0",
                why: "The catalogue item it checked was repealed.",
            },
            CSL,
        );
        let reuse = rule("catalogue-old", State::Stable, CSL);
        assert_eq!(
            registry_problems(&[&old, &reuse], &Knowledge::builtin().legal),
            [
                "catalogue-old: the id is reserved by a removed rule (removed in catscan 0.2.0); choose a new id"
            ]
        );
        assert!(!old.is_reported());
    }

    #[test]
    fn a_rule_without_what_to_do_or_with_its_own_legal_basis_or_an_unknown_basis_is_named() {
        let mut bare = rule(
            "catalogue-bare",
            State::Stable,
            Grounds::Law(&["cn-no-such-law"]),
        );
        bare.help = "**What to do.** Fix it.\n\n**Legal basis.** Some law.";
        let mut silent = rule("catalogue-silent", State::Stable, Grounds::Law(&[]));
        silent.help = "Why it matters.";
        let deprecated = rule(
            "catalogue-deprecated",
            State::Deprecated {
                since: "0.2.0",
                replaced_by: Some("catalogue-gone"),
                why: "Split in two.",
            },
            CSL,
        );
        assert_eq!(
            registry_problems(&[&bare, &silent, &deprecated], &Knowledge::builtin().legal),
            [
                "catalogue-bare: the help says what was found and why it matters before \"**What to do.**\"",
                "catalogue-bare: the help writes its own legal basis; cite it in legal_basis instead",
                "catalogue-bare: no legal basis \"cn-no-such-law\" in catalogues/legal-bases.toml",
                "catalogue-silent: the help has no \"**What to do.**\"",
                "catalogue-silent: a rule that cites the law names at least one legal basis",
                "catalogue-deprecated: replaced by catalogue-gone, which is not a rule that is reported",
            ]
        );
    }

    #[test]
    fn a_removed_rule_cannot_be_given_a_level_and_a_deprecated_one_warns() {
        let removed = rule(
            "catalogue-old",
            State::Removed {
                since: "0.2.0",
                why: "The catalogue item it checked was repealed.",
            },
            CSL,
        );
        assert_eq!(
            level_setting(&removed),
            Err("rule catalogue-old cannot be given a level: Removed in catscan 0.2.0: The catalogue item it checked was repealed. It is no longer reported; its id stays reserved.".into())
        );
        let deprecated = rule(
            "catalogue-older",
            State::Deprecated {
                since: "0.3.0",
                replaced_by: Some("catalogue-in-scope"),
                why: "It said the same as catalogue-in-scope.",
            },
            CSL,
        );
        assert_eq!(
            level_setting(&deprecated),
            Ok(Some("rule catalogue-older is deprecated: Deprecated since catscan 0.3.0: It said the same as catalogue-in-scope. Use catalogue-in-scope instead.".into()))
        );
        assert_eq!(
            level_setting(&crate::evaluate::catalogue::rules::IN_SCOPE),
            Ok(None)
        );
    }

    #[test]
    fn the_help_is_the_rules_text_then_the_legal_basis_from_the_data() {
        let bases = &Knowledge::builtin().legal;
        let help = crate::evaluate::licence::rules::PERMIT_NOT_GENUINE.full_help(bases);
        assert!(
            help.ends_with(
                "\n\n**Legal basis.** 《关于调整网络安全专用产品安全管理有关事项的公告》（2023年第1号）, point 二, in force from 2023-07-01: \
*停止颁发《计算机信息系统安全专用产品销售许可证》，产品生产者无需申领。此前已经获得销售许可证的产品在有效期内可继续销售或者提供。* \
From 2023-07-01 the MPS sales permit for computer information system security products is no longer issued, and producers need not apply for one; \
products that hold one may be sold or provided within its term. Sources: S-ANQ, S-JSWX."
            ),
            "{help}"
        );
        let policy = crate::evaluate::policy::rules::EXCEPTION_UNUSED.full_help(bases);
        assert!(
            policy.ends_with(&format!("\n\n{PROJECT_POLICY_BASIS}")),
            "{policy}"
        );
    }
}
