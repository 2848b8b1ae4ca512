//! The rule registry: every rule catscan reports, gathered from the rule families in
//! `evaluate/<family>/rules.rs`, where each is defined and documented. A rule's id never changes meaning; new
//! situations get new rules. `catscan rules` lists them and `catscan rule ID` prints one.

use std::fmt;

/// How serious a finding is, and the SARIF level it is reported at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Note,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }

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
    Catalogue,
    Licence,
    Evidence,
    Origin,
    /// Government-procurement lists and the domestic-control share.
    Procurement,
    DataQuality,
    /// Findings about the policy itself: exceptions that expired or match nothing.
    Policy,
    /// Rules written by the user in `catscan.toml`.
    Custom,
}

impl Family {
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

/// A rule: what it detects, how serious it is by default, and help that cites the legal basis.
#[derive(Debug)]
pub struct Rule {
    /// Stable identifier, used as the SARIF `ruleId` and in `-A/-W/-D`.
    pub id: &'static str,
    /// Upper camel case, shown by GitHub as the rule's name.
    pub name: &'static str,
    pub family: Family,
    pub default_level: Level,
    /// One sentence (SARIF `shortDescription`).
    pub summary: &'static str,
    /// A paragraph (SARIF `fullDescription`).
    pub description: &'static str,
    /// Markdown help: why it matters, the legal basis, the sources, what to do.
    pub help: &'static str,
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

/// The rule with this id, if there is one.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    all().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_unique_and_documented() {
        let mut ids = std::collections::HashSet::new();
        for r in all() {
            assert!(ids.insert(r.id), "duplicate rule id {}", r.id);
            assert!(
                r.id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                r.id
            );
            assert!(
                r.name.chars().next().unwrap().is_ascii_uppercase(),
                "{}",
                r.name
            );
            assert!(
                r.summary.ends_with('.') && r.summary.len() <= 1024,
                "{}",
                r.id
            );
            assert!(!r.help.is_empty() && !r.description.is_empty(), "{}", r.id);
            assert!(
                r.id.starts_with(r.family.as_str()),
                "{} is in family {}",
                r.id,
                r.family.as_str()
            );
        }
    }
}
