//! Rules of the policy family: findings about the policy file itself.
//!
//! Each rule is documented where it is defined: what it detects, why, what to do, and the legal
//! bases it cites by id (`catalogues/legal-bases.toml`, from which its help's "Legal basis" is written).
//! `RULES` lists them in the order reports show them; an id, once published, stays here for good.

use crate::findings::rules::{Family, Grounds, Level, Rule, State};

/// An exception in `catscan.toml` whose expiry date has passed.
pub const EXCEPTION_EXPIRED: Rule = Rule {
    id: "policy-exception-expired",
    name: "ExpiredException",
    family: Family::Policy,
    default_level: Level::Warning,
    summary: "An exception in catscan.toml has expired, so the findings it covered are reported again.",
    description: "Every exception carries a reason and may carry an expiry date. On and after that date (compared with --as-of) it no \
longer suppresses anything: the findings come back at their level, and this warning names the exception and where it is.",
    help: concat!(
        "An expired exception no longer suppresses the findings it covered: they are reported again at their level.\n\n",
        "**What to do.** Review the decision: renew the exception with a new date and reason, or fix the findings and remove it."
    ),
    legal_basis: Grounds::ProjectPolicy,
    state: State::Stable,
};

/// An exception in `catscan.toml` that matched no finding.
pub const EXCEPTION_UNUSED: Rule = Rule {
    id: "policy-exception-unused",
    name: "UnusedException",
    family: Family::Policy,
    default_level: Level::Warning,
    summary: "An exception in catscan.toml matched no finding in this run.",
    description: "An exception that matches nothing is either stale (the component or the finding is gone) or mistyped (a wrong purl, \
name or rule id), and a mistyped exception silently fails to do what its author meant.",
    help: concat!(
        "An exception that matches nothing is stale or mistyped, and a mistyped exception silently fails to do what its author meant.\n\n",
        "**What to do.** Remove the exception if its finding is gone, or correct its component or rule."
    ),
    legal_basis: Grounds::ProjectPolicy,
    state: State::Stable,
};

/// The rules of this family, in the order reports list them.
pub const RULES: &[&Rule] = &[&EXCEPTION_EXPIRED, &EXCEPTION_UNUSED];
