//! Rules of the evidence family: certificates, test reports and permits that meet a catalogue obligation.
//!
//! Each rule is documented where it is defined: what it detects, why, what to do, and the legal
//! bases it cites by id (`catalogues/legal-bases.toml`, from which its help's "Legal basis" is written).
//! `RULES` lists them in the order reports show them; an id, once published, stays here for good.

use crate::findings::rules::{Family, Grounds, Level, Rule, State};

/// A catalogue product in scope whose evidence counts on the run's date.
pub const ON_RECORD: Rule = Rule {
    id: "evidence-on-record",
    name: "CatalogueProductWithEvidence",
    family: Family::Evidence,
    default_level: Level::Note,
    summary: "A component is, or may be, a catalogue product, and the BOM or the list of certified products records evidence that is valid on the run's date.",
    description: "The component falls or may fall under a catalogue item, and a security certification certificate, a security \
testing report, or a sales permit still within its term is recorded for it (component properties catscan:certificate, \
catscan:test-report, catscan:mops-permit, or a row of --certified) and is valid on the run's date. Valid evidence also \
replaces a catalogue-possible or catalogue-undetermined finding: whether or not the item applies, the obligation is met. \
It is reported as a note so that the SARIF is a complete register of the catalogue products in the BOM.",
    help: concat!(
        "The message names the evidence, where it is recorded and until when it counts.\n\n",
        "**What counts, as of the run's date.** A certification certificate (valid to its expiry, or five years from its issue ",
        "when no expiry is given, a period reported for CNCA-CCIS-2018 certificates by secondary sources); a testing report; ",
        "a MPS sales permit for a specialized product until its expiry (none has been issued since 2023-06-30, 2023年第1号 ",
        "point 二).\n\n",
        "**What does not count.** A CCC certificate for information security products (catscan:ccci-certificate) never counts ",
        "on or after 2023-07-01, when the scheme stopped applying to these products (2023年第1号 point 三). Before that date it ",
        "is reported as uncertain evidence: that the catalogue accepted it is inferred, not stated in the research sources, so ",
        "an in-scope product with only a CCC certificate is catalogue-undetermined rather than a note. A permit dated after ",
        "2023-06-30 is licence-permit-not-genuine; evidence whose dates cannot be read is data-quality-invalid-declaration.\n\n",
        "**What to do.** Keep the certificate or report current; catscan cannot check a number against the official registry."
    ),
    legal_basis: Grounds::Law(&[
        "cn-csl-product-certification",
        "cn-2023-1-sales-permit",
        "cn-2023-1-ccc-end",
    ]),
    state: State::Stable,
};

/// The rules of this family, in the order reports list them.
pub const RULES: &[&Rule] = &[&ON_RECORD];
