//! Rules of the origin family: vendor-origin rules (MLPS, CII review, the US lists).
//!
//! Each rule is documented where it is defined: what it detects, why, what to do, and the legal
//! bases it cites by id (`catalogues/legal-bases.toml`, from which its help's "Legal basis" is written).
//! `RULES` lists them in the order reports show them; an id, once published, stays here for good.

use crate::findings::rules::{Family, Grounds, Level, Rule, State};

/// A security product from a developer that is not both incorporated and controlled in China,
/// in a system of MLPS grade 3 or higher.
pub const MLPS_FOREIGN_DEVELOPER: Rule = Rule {
    id: "origin-mlps-foreign-developer",
    name: "ForeignSecurityProductInMlpsGrade3",
    family: Family::Origin,
    default_level: Level::Error,
    summary: "A security product in a system of MLPS grade 3 or higher comes from a developer that is not incorporated and controlled in China.",
    description: "With `--mlps-grade 3` or higher (and the Chinese market), every information security product in the BOM must come \
from a developer incorporated in China as an independent legal person and invested in or controlled by Chinese citizens, legal \
persons or the state. The vendor registry records where the component's vendor is incorporated and who controls it; this \
vendor is incorporated or controlled elsewhere.",
    help: concat!(
        "A system of MLPS grade 3 or higher must use information security products from a developer incorporated and controlled in ",
        "China, and the vendor registry records this developer as incorporated or controlled elsewhere. Which categories count as ",
        "security products is catscan's reading (`catalogues/packs/cn-mlps.toml`). Core technology, key components and the absence ",
        "of backdoors cannot be read from a BOM; catscan checks the developer only.\n\n",
        "**What to do.** Replace the product with one from a qualifying domestic developer, or document why the system is below ",
        "grade 3. If the vendor is wrong, correct the BOM's manufacturer or supplier."
    ),
    legal_basis: Grounds::Law(&["cn-mlps-art21"]),
    state: State::Stable,
};

/// A product whose maker failed a cybersecurity review: CII operators must stop buying it.
pub const CII_REVIEW_FAILED: Rule = Rule {
    id: "origin-cii-review-failed",
    name: "ProductOfVendorThatFailedCybersecurityReview",
    family: Family::Origin,
    default_level: Level::Error,
    summary: "The component comes from a company whose products failed China's cybersecurity review: operators of critical information infrastructure must stop buying them.",
    description: "With `--cii`, a component whose vendor (or its parent) is named in a cybersecurity review conclusion is reported from the \
date of the conclusion. The one conclusion recorded is the 2023-05-21 decision on Micron.",
    help: concat!(
        "Operators of critical information infrastructure must stop buying the products of a company whose products failed ",
        "China's cybersecurity review. The notice names 美光公司（Micron） only; catscan takes Micron Technology, Inc. and its ",
        "subsidiaries.\n\n",
        "**What to do.** Do not buy the product for critical information infrastructure; plan its replacement."
    ),
    legal_basis: Grounds::Law(&["cn-cii-review-micron"]),
    state: State::Stable,
};

/// Equipment of a company on the FCC Covered List.
pub const US_FCC_COVERED: Rule = Rule {
    id: "origin-us-fcc-covered",
    name: "FccCoveredEquipment",
    family: Family::Origin,
    default_level: Level::Error,
    summary: "The component is equipment of a company on the FCC Covered List, in the category the list covers: it can get no new FCC equipment authorization.",
    description: "With `--market us`, a component whose vendor (or its parent, through the registry) is named on the FCC Covered List, from \
the date the entry was added, and whose category is within the entry's scope. Products of the company outside the scope, or \
whose scope depends on their use, are reported as origin-undetermined.",
    help: concat!(
        "Equipment of a company on the FCC Covered List, in the category its entry covers, can get no new FCC equipment ",
        "authorization. Every entry includes the named entity's subsidiaries and affiliates; catscan follows its registry's parent ",
        "links and says so, because whether a company is an affiliate is a legal question. Entries, dates and scopes: ",
        "`catalogues/packs/us-fcc-covered-list.toml`.\n\n",
        "**What to do.** Replace the equipment for the US market."
    ),
    legal_basis: Grounds::Law(&["us-fcc-covered-list"]),
    state: State::Stable,
};

/// Telecommunications or video-surveillance equipment of a company named in NDAA §889.
pub const US_NDAA_889: Rule = Rule {
    id: "origin-us-ndaa-889",
    name: "Section889CoveredEquipment",
    family: Family::Origin,
    default_level: Level::Error,
    summary: "The component is covered telecommunications or video-surveillance equipment under NDAA FY2019 §889: US federal agencies may not buy it or contract with those who use it.",
    description: "With `--us-federal`, a component whose vendor (or its parent) is Huawei, ZTE, Hytera, Hikvision or Dahua, in the equipment \
categories §889(f)(3) names, from 2019-08-13 (Part A; Part B from 2020-08-13).",
    help: concat!(
        "US federal agencies may not buy covered telecommunications or video-surveillance equipment, nor contract with those who ",
        "use it. The statute covers any subsidiary or affiliate of the named companies; catscan follows its registry's parent ",
        "links. Entries: `catalogues/packs/us-ndaa-889.toml`.\n\n",
        "**What to do.** Remove the equipment from what is offered to, or used in performing, a US federal contract; report it ",
        "under FAR 52.204-25 where it is found in use."
    ),
    legal_basis: Grounds::Law(&["us-ndaa-889"]),
    state: State::Stable,
};

/// Kaspersky software, including Kaspersky code integrated into another product.
pub const US_KASPERSKY: Rule = Rule {
    id: "origin-us-kaspersky",
    name: "KasperskySoftware",
    family: Family::Origin,
    default_level: Level::Error,
    summary: "The component is Kaspersky software or contains it: transactions in it with US persons are prohibited by the 2024 Commerce determination.",
    description: "With `--market us`, any component (including a library) whose vendor is Kaspersky, from 2024-07-20. The determination also \
covers Kaspersky software integrated into third-party (white-label) products; threat-intelligence and security-training \
products are excluded.",
    help: concat!(
        "Transactions in Kaspersky software with US persons are prohibited, including Kaspersky code integrated into another ",
        "product; threat-intelligence and security-training products are excluded.\n\n",
        "**What to do.** Remove the component, or establish that it is an excluded threat-intelligence or training product and ",
        "record that as an exception with the reason."
    ),
    legal_basis: Grounds::Law(&["us-kaspersky-icts-2021-002"]),
    state: State::Stable,
};

/// A component of a vendor on a list that the policy file adds (`[extra] packs`).
pub const LISTED_VENDOR: Rule = Rule {
    id: "origin-listed-vendor",
    name: "VendorOnPolicyList",
    family: Family::Origin,
    default_level: Level::Error,
    summary: "The component comes from a vendor on a list that this project's policy adds.",
    description: "A rule pack listed under `[extra] packs` in catscan.toml names the component's vendor (or its parent), in the \
entry's scope and from the entry's date. The message names the list, the entry and its sources.",
    help: concat!(
        "A list that this project's policy adds names the component's vendor; the message names the list, the entry and its ",
        "sources.\n\n",
        "**What to do.** Follow the policy that the list records; the list's `requirement` says what it asks. Lists of this kind ",
        "are maintained by the team that owns catscan.toml, in the format of the files in `catalogues/packs/`."
    ),
    legal_basis: Grounds::ProjectPolicy,
    state: State::Stable,
};

/// A network product a CII operator would need to review before buying.
pub const CII_REVIEW: Rule = Rule {
    id: "origin-cii-review",
    name: "NetworkProductNeedsCiiReview",
    family: Family::Origin,
    default_level: Level::Warning,
    summary: "A network product bought by a critical information infrastructure operator must be assessed for national-security risk, and reviewed when that risk exists.",
    description: "With `--cii`, every product of the kinds the Cybersecurity Review Measures name (core network equipment, servers, mass \
storage, network security equipment, …) is reported: the operator must pre-assess the risk of the product once in use and file \
for cybersecurity review when national security is or may be affected. It is a warning where the review could change the decision \
(a developer that is foreign, or whose control catscan's registry does not record) and a note where the registry records the \
developer as controlled from China.",
    help: concat!(
        "A critical information infrastructure operator must pre-assess the national-security risk of every network product of ",
        "these kinds it buys, and file for cybersecurity review when national security is or may be affected. The mapping of the ",
        "Measures' product words to catscan categories is inferred (`catalogues/packs/cn-cii-review.toml`).\n\n",
        "**What to do.** Record the pre-assessment for the product; where it finds a possible effect on national security, file ",
        "with the Cybersecurity Review Office before buying. An exception in `catscan.toml` with the assessment's reference keeps ",
        "the decision auditable.\n\n",
        "**Why a note for some products (catscan's reading, inferred).** Every product of these kinds needs the operator's ",
        "pre-assessment, whoever made it. Where the review could change the decision to buy is where the developer is foreign, ",
        "or its control is unknown: the one review conclusion recorded (Micron, 2023-05-21) found a risk to the supply chain of ",
        "critical information infrastructure from a foreign vendor. A product whose developer catscan's registry records as ",
        "controlled from China is therefore reported as a note, and the others as a warning. Setting the rule's level by its id ",
        "(`-W origin-cii-review`) reports every case at that level."
    ),
    legal_basis: Grounds::Law(&[
        "cn-cii-regulations-art19",
        "cn-cybersecurity-review-measures-art2",
        "cn-csl-cii-procurement-review",
    ]),
    state: State::Stable,
};

/// An origin rule applies, but the vendor's origin or the list's scope cannot be decided.
pub const UNDETERMINED: Rule = Rule {
    id: "origin-undetermined",
    name: "OriginCannotBeDecided",
    family: Family::Origin,
    default_level: Level::Warning,
    summary: "An origin rule applies to the component, but whether it is met cannot be decided from the BOM and the vendor registry.",
    description: "Either the vendor registry does not record where the component's vendor is incorporated or who controls it (or its \
entry has status unknown), or the vendor is named on a list whose scope is limited to some products or uses that the BOM \
does not show (\"telecommunications equipment\", \"to the extent used for public safety …\"). The message says which.",
    help: concat!(
        "An origin rule applies, but the fact it turns on is not known. A wrong \"clean\" result is worse than a warning: catscan ",
        "reports what it cannot decide.\n\n",
        "**What to do.** Establish the missing fact and record it: the developer's incorporation and controlling owner for the ",
        "MLPS rule, or the product's use for a purpose-limited list entry. If the component is out of scope, add an exception ",
        "with the reason in `catscan.toml` so that the decision is kept and audited."
    ),
    legal_basis: Grounds::Law(&[
        "cn-mlps-art21",
        "cn-cii-review-micron",
        "us-fcc-covered-list",
        "us-ndaa-889",
        "us-kaspersky-icts-2021-002",
    ]),
    state: State::Stable,
};

/// The rules of this family, in the order reports list them.
pub const RULES: &[&Rule] = &[
    &MLPS_FOREIGN_DEVELOPER,
    &CII_REVIEW_FAILED,
    &US_FCC_COVERED,
    &US_NDAA_889,
    &US_KASPERSKY,
    &LISTED_VENDOR,
    &CII_REVIEW,
    &UNDETERMINED,
];
