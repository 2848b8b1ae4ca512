//! Rules of the procurement family: government-procurement lists and the domestic-control share.
//!
//! Each rule is documented where it is defined: what it detects, why, what to do, and the legal
//! bases it cites by id (`catalogues/legal-bases.toml`, from which its help's "Legal basis" is written).
//! `RULES` lists them in the order reports show them; an id, once published, stays here for good.

use crate::findings::rules::{Family, Grounds, Level, Rule, State};

/// A CPU, operating system, database or security product that is not on the list the
/// procurement rules in force require.
pub const NOT_LISTED: Rule = Rule {
    id: "procurement-not-listed",
    name: "ProductNotOnRequiredProcurementList",
    family: Family::Procurement,
    default_level: Level::Error,
    summary: "A CPU, operating system, database or security product is not on the list that the procurement rules in force require for the buyer.",
    description: "With `--procurement cn-government` or `cn-central`, the government procurement demand standards (2023 and 2025 \
editions) require the CPU and the operating system of computers to meet the secure-and-reliable evaluation (安全可靠测评), and \
the central government procurement centre's 2014 framework supply admitted antivirus software from five domestic brands and \
operating systems from eight brands. The component is of a class such a list covers and is not on it on the run's date: its \
vendor could not be on the list (only companies registered in China are evaluated; Windows 7 was the only foreign operating \
system of 2014), the list is known in full and does not name it, or its listing had lapsed. The message names the list, its \
date and the nearest listed products.",
    help: concat!(
        "The procurement rules in force require products of this class to be on a list, and this one is not on it on the run's ",
        "date. The lists are known only in part; where a product could be on the unread part, catscan reports ",
        "procurement-list-undetermined instead. Statuses, dates and sources: `catscan explain cn-anke`, ",
        "`catscan explain cn-mof-demand-std-2023`, and the files in `catalogues/procurement/`.\n\n",
        "**What to do.** Offer a listed product instead (the message names the nearest ones), or show that the buyer is not bound ",
        "(a buyer below township level, a purchase outside the framework supply). If catscan recognised the class wrongly, declare ",
        "it with the property `catscan:class` (`cpu`, `operating-system`, `database`, `security-software`, or `none`)."
    ),
    legal_basis: Grounds::Law(&[
        "cn-mof-demand-std-2023",
        "cn-mof-demand-std-2025",
        "cn-anke-lists",
        "cn-cgpc-2014-software",
    ]),
    state: State::Stable,
};

/// A product that a procurement notice excludes by name.
pub const EXCLUDED_PRODUCT: Rule = Rule {
    id: "procurement-excluded-product",
    name: "ProductExcludedFromProcurement",
    family: Family::Procurement,
    default_level: Level::Error,
    summary: "A product that a government procurement notice in force excludes by name (Windows 8 on computers bought by central state organs).",
    description: "With `--procurement cn-central`, the central government procurement centre's May 2014 notice for \
energy-saving IT products (laptops, tablets, desktops, all-in-one computers and printers) says that no computer product may \
have Windows 8 installed. The component matches the excluded product.",
    help: concat!(
        "A procurement notice in force excludes the product by name (`catalogues/procurement/cn-cgpc-2014-win8.toml`).\n\n",
        "**What to do.** Offer the computer with another operating system."
    ),
    legal_basis: Grounds::Law(&["cn-cgpc-2014-win8"]),
    state: State::Stable,
};

/// The key hardware and software of a BOM are below the policy's domestic-control share.
pub const DOMESTIC_SHARE_BELOW: Rule = Rule {
    id: "procurement-domestic-share-below",
    name: "DomesticControlShareBelowThreshold",
    family: Family::Procurement,
    default_level: Level::Error,
    summary: "The share of the BOM's key hardware and software from vendors controlled from China is below the policy's minimum, even if every vendor of unknown control were domestic.",
    description: "With `--min-domestic-share` (or `min-domestic-share` in catscan.toml), catscan counts the key components of each BOM \
(catalogue products, CPUs, operating systems, databases, security software) by the controlling country of their vendor, as \
the vendor registry records it: domestic (controlled from China), foreign, or unknown. It counts BOM entries and, where a part \
list gives quantity and unit price, spend. The domestic share is below the minimum on a measure, and would stay below it even if \
every unknown were domestic.",
    help: concat!(
        "The minimum share is the policy's. catscan's share counts vendor control only; it is not the same test as ",
        "\"secure and controllable\". Every report shows the table with the unknown share apart.\n\n",
        "**What to do.** Replace foreign key components, or check the threshold the buyer really applies."
    ),
    legal_basis: Grounds::Law(&["cn-cbrc-2014-39"]),
    state: State::Stable,
};

/// A product of a brand dropped from the central government procurement list.
pub const VENDOR_DROPPED: Rule = Rule {
    id: "procurement-vendor-dropped",
    name: "BrandDroppedFromProcurementList",
    family: Family::Procurement,
    default_level: Level::Warning,
    summary: "The component comes from a brand that had been dropped from the central government procurement centre's approved list by late 2014 (Cisco, Apple, McAfee, Citrix).",
    description: "With `--procurement cn-central`, Reuters' analysis of the CGPC approved list (reported 2015-02-26) found that \
Cisco (60 products in 2012), Apple, McAfee (Intel) and Citrix had no products left on it. The list binds central ministries \
only. It is an analysis of a list that changes, not an official statement, hence a warning.",
    help: concat!(
        "The brand had no products left on the list central ministries buy from. The list binds central ministries only, and the ",
        "finding rests on an analysis of a list that changes, not an official statement, hence a warning ",
        "(`catalogues/procurement/cn-cgpc-2015-list.toml`).\n\n",
        "**What to do.** Check the current CGPC list for the product before offering it to a central ministry."
    ),
    legal_basis: Grounds::Law(&["cn-cgpc-2015-list"]),
    state: State::Stable,
};

/// A product of a listed class that may or may not be on a list known only in part.
pub const LIST_UNDETERMINED: Rule = Rule {
    id: "procurement-list-undetermined",
    name: "ProcurementListingCannotBeDecided",
    family: Family::Procurement,
    default_level: Level::Warning,
    summary: "A CPU, operating system, database or security product may or may not be on the procurement list it needs: the list is known only in part, or the sources about its entry conflict.",
    description: "The secure-and-reliable lists were not read in full (the annex tables of 2023年第1号 in particular), and some \
entries are known without a version or from conflicting sources. The component is of a class the list covers, its vendor \
could be on it, and it is not among the entries known, or it matches an entry that cannot decide. catscan does not guess \
either way: the message names what is known and the nearest listed products.",
    help: concat!(
        "Whether the product is on the list it needs cannot be decided from what is known of the list. A wrong \"clean\" result ",
        "is worse than a warning: catscan reports what it cannot decide.\n\n",
        "**What to do.** Ask the supplier for the announcement (number and date) that lists the product, and record it as an ",
        "exception with that reference in `catscan.toml`; or choose a product the message names as listed."
    ),
    legal_basis: Grounds::Law(&[
        "cn-mof-demand-std-2023",
        "cn-mof-demand-std-2025",
        "cn-anke-lists",
        "cn-cgpc-2014-software",
    ]),
    state: State::Stable,
};

/// Whether the domestic share meets the minimum depends on vendors of unknown control.
pub const DOMESTIC_SHARE_UNDETERMINED: Rule = Rule {
    id: "procurement-domestic-share-undetermined",
    name: "DomesticControlShareUndetermined",
    family: Family::Procurement,
    default_level: Level::Warning,
    summary: "Whether the BOM's key hardware and software meet the policy's domestic-control share depends on vendors whose control is unknown.",
    description: "The domestic share is below the minimum when the vendors of unknown control are counted as foreign, and at or \
above it when they are counted as domestic. The message lists the unknown components and why each is unknown (vendor not \
identified, control not recorded in the registry, registry entry of status unknown, incorporated in Hong Kong, Macao or Taiwan).",
    help: concat!(
        "Whether the policy's minimum share is met depends on vendors whose control is unknown; catscan counts them neither way.\n\n",
        "**What to do.** Name the manufacturers the registry does not know, or add them to an extra vendor file with their ",
        "controlling owner and country and your source; run catscan again."
    ),
    legal_basis: Grounds::Law(&["cn-cbrc-2014-39"]),
    state: State::Stable,
};

/// The rules of this family, in the order reports list them.
pub const RULES: &[&Rule] = &[
    &NOT_LISTED,
    &EXCLUDED_PRODUCT,
    &DOMESTIC_SHARE_BELOW,
    &VENDOR_DROPPED,
    &LIST_UNDETERMINED,
    &DOMESTIC_SHARE_UNDETERMINED,
];
