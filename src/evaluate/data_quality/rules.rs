//! Rules of the data-quality family: what the BOM leaves out or states in a form that cannot be used.
//!
//! Each rule is documented where it is defined: what it detects, why, what to do, and the legal
//! bases it cites by id (`catalogues/legal-bases.toml`, from which its help's "Legal basis" is written).
//! `RULES` lists them in the order reports show them; an id, once published, stays here for good.

use crate::findings::rules::{Family, Grounds, Level, Rule, State};

/// A product candidate with no vendor and nothing that says what it is.
pub const NO_VENDOR: Rule = Rule {
    id: "data-quality-no-vendor",
    name: "ComponentWithoutVendor",
    family: Family::DataQuality,
    default_level: Level::Warning,
    summary: "A device has no manufacturer or supplier and nothing that says what it is, so catscan cannot decide whether it is a catalogue product.",
    description: "The component is a device (the BOM's subject or one listed in the BOM) with no manufacturer, supplier, \
publisher or author, no declared category, and no words catscan recognises. Without a vendor, catscan cannot use the vendor's product lines; without \
a category, it cannot decide whether a catalogue item applies.",
    help: concat!(
        "Without a vendor or a category, catscan cannot tell whether the device is a catalogue product that needs certification or ",
        "testing. A wrong \"clean\" result is worse than a warning: catscan reports what it cannot decide.\n\n",
        "**What to do.** Ask the supplier for a BOM that names the manufacturer of every device (CycloneDX `manufacturer` or ",
        "`supplier`), or add it yourself; better still, declare the category with `catscan:category`."
    ),
    legal_basis: Grounds::Law(&["cn-csl-product-certification"]),
    state: State::Stable,
};

/// A device from a vendor that makes catalogue products, with nothing saying which.
pub const UNCLASSIFIED: Rule = Rule {
    id: "data-quality-unclassified",
    name: "UnclassifiedDevice",
    family: Family::DataQuality,
    default_level: Level::Warning,
    summary: "A device comes from a vendor that makes catalogue products, but nothing in the BOM says which kind of device it is.",
    description: "The device's vendor is in catscan's registry with product lines that include several catalogue categories \
(for example routers, switches and firewalls), and neither the component's name, description, properties nor a known \
product line says which it is. catscan cannot decide whether a catalogue item applies.",
    help: concat!(
        "The vendor makes several kinds of catalogue products, and whether a catalogue item applies depends on which kind this ",
        "device is; catscan does not guess.\n\n",
        "**What to do.** Declare the category with the property `catscan:category` (see `catscan catalogue categories`), or ask ",
        "the supplier for a BOM with descriptive names or categories."
    ),
    legal_basis: Grounds::Law(&["cn-csl-product-certification"]),
    state: State::Stable,
};

/// A declaration in the BOM that names nothing catscan knows.
pub const INVALID_DECLARATION: Rule = Rule {
    id: "data-quality-invalid-declaration",
    name: "InvalidCatscanDeclaration",
    family: Family::DataQuality,
    default_level: Level::Warning,
    summary: "A catscan property in the BOM names a category or catalogue item that does not exist, or records evidence with a date that cannot be read, so it was ignored.",
    description: "`catscan:category` must name a category of `catscan catalogue categories`; `catscan:catalogue-item` must name \
an item of a catalogue edition (`cne.router` or `cn-2023/cne.router`). A declaration that names neither is ignored, and the \
component is classified from its other fields. The dates of evidence (catscan:certificate-issued, -expiry, \
catscan:test-report-date, catscan:mops-permit-issued, -expiry, catscan:ccci-issued, -expiry) must be written YYYY-MM-DD; \
evidence whose term cannot be read is not counted.",
    help: concat!(
        "A declaration catscan cannot use is ignored: the component is classified from its other fields, and evidence whose term ",
        "cannot be read does not count towards the certification obligation.\n\n",
        "**What to do.** Correct the value; `catscan catalogue list` shows the items of each edition and `catscan catalogue categories` ",
        "the categories. Write evidence dates as YYYY-MM-DD, for example 2027-12-31."
    ),
    legal_basis: Grounds::Law(&["cn-csl-product-certification"]),
    state: State::Stable,
};

/// A product whose vendor catscan could not identify, where a rule needs it.
pub const UNRESOLVED_VENDOR: Rule = Rule {
    id: "data-quality-unresolved-vendor",
    name: "VendorNotInRegistry",
    family: Family::DataQuality,
    default_level: Level::Warning,
    summary: "An origin rule needs the component's vendor, but the vendor named in the BOM is not in the registry (or none is named).",
    description: "Origin rules decide by vendor: where the developer is incorporated, who controls it, whether it is on a list. The BOM \
names no vendor for the component, or one that the registry does not know after normalising case, width, punctuation and legal \
suffixes. catscan does not guess: no fuzzy match puts a component on the wrong vendor.",
    help: concat!(
        "Origin rules decide by vendor, and catscan does not guess one: without it, the rule that needed it cannot decide.\n\n",
        "**What to do.** Name the manufacturer as registered (CycloneDX `manufacturer` or `supplier`), or add the vendor to an extra ",
        "vendor file listed in `catscan.toml`, with its country and controlling owner and your source."
    ),
    legal_basis: Grounds::Law(&[
        "cn-mlps-art21",
        "cn-cii-regulations-art19",
        "cn-cii-review-micron",
        "us-fcc-covered-list",
        "us-ndaa-889",
        "us-kaspersky-icts-2021-002",
    ]),
    state: State::Stable,
};

/// The rules of this family, in the order reports list them.
pub const RULES: &[&Rule] = &[
    &NO_VENDOR,
    &UNCLASSIFIED,
    &INVALID_DECLARATION,
    &UNRESOLVED_VENDOR,
];
