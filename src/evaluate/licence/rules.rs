//! Rules of the licence family: permits that are recorded but cannot be genuine.
//!
//! Each rule is documented where it is defined: what it detects, why, what to do, and the legal
//! bases it cites by id (`catalogues/legal-bases.toml`, from which its help's "Legal basis" is written).
//! `RULES` lists them in the order reports show them; an id, once published, stays here for good.

use crate::findings::rules::{Family, Grounds, Level, Rule, State};

/// A sales permit dated after the last day permits were issued.
pub const PERMIT_NOT_GENUINE: Rule = Rule {
    id: "licence-permit-not-genuine",
    name: "SalesPermitCannotBeGenuine",
    family: Family::Licence,
    default_level: Level::Error,
    summary: "A MPS sales permit recorded for a component is dated after 2023-06-30, when permits stopped being issued, so it cannot be genuine.",
    description: "From 2023-07-01 the sales permit for computer information system security products (销售许可证) is no longer \
issued (2023年第1号, point 二). A permit whose issue date is later is either recorded wrongly or not genuine; it is not \
evidence for the product.",
    help: concat!(
        "No MPS sales permit has been issued since 2023-06-30, so a permit dated later is recorded wrongly or not genuine, and it is ",
        "no evidence that the product may be sold.\n\n",
        "**What to do.** Check the permit with the supplier. A product without valid evidence needs security certification or ",
        "testing before it is sold."
    ),
    legal_basis: Grounds::Law(&["cn-2023-1-sales-permit"]),
    state: State::Stable,
};

/// The rules of this family, in the order reports list them.
pub const RULES: &[&Rule] = &[&PERMIT_NOT_GENUINE];
