//! Rules of the catalogue family: whether a component is a product of the catalogue edition in force and meets its item's threshold.
//!
//! Each rule is documented where it is defined: what it detects, why, what to do, and the legal
//! bases it cites by id (`catalogues/legal-bases.toml`, from which its help's "Legal basis" is written).
//! `RULES` lists them in the order reports show them; an id, once published, stays here for good.

use crate::findings::rules::{Family, Grounds, Level, Rule, State};

/// A catalogue product whose threshold is met (or that has none).
pub const IN_SCOPE: Rule = Rule {
    id: "catalogue-in-scope",
    name: "CatalogueProductInScope",
    family: Family::Catalogue,
    default_level: Level::Error,
    summary: "A component is a catalogue product and meets the item's threshold: it needs security certification or testing before it is sold or provided in China.",
    description: "The component is recognised, with certain or likely confidence, as a product category that an item of the \
catalogue edition in force covers, and it meets the item's threshold (or the item has none, as for every specialized \
cybersecurity product in the 2023 edition). Such a product may be sold or provided in China only after security \
certification or security testing by a qualified body.",
    help: concat!(
        "A product of the Catalogue of Critical Network Equipment and Specialized Cybersecurity Products was found in the BOM: ",
        "it may be sold or provided in China only after security certification or security testing by a qualified body.\n\n",
        "The message says which catalogue item, why the component was recognised (which field, which words or values), how each ",
        "threshold condition was checked, and what the obligation is.\n\n",
        "**What to do.** Make sure the product holds a valid security certification certificate or a security testing report ",
        "from a qualified body for the mandatory standard. If catscan recognised the component wrongly, say what it is with the ",
        "property `catscan:category` (a category id, see `catscan catalogue categories`), or state the attributes the threshold ",
        "needs (`catscan:throughput`, `catscan:routing-table-capacity`, …), and run catscan again.\n\n",
        "**Sources.** Each item's sources and the confirmation status of its name and threshold are shown by ",
        "`catscan catalogue show ITEM`; the data is in `catalogues/cn/`. Where a fact is below confirmed (corroborated, secondary, inferred or unknown), the message says so."
    ),
    legal_basis: Grounds::Law(&["cn-csl-product-certification"]),
    state: State::Stable,
};

/// A component that may be a catalogue product, on weak evidence.
pub const POSSIBLE: Rule = Rule {
    id: "catalogue-possible",
    name: "CataloguePossibleProduct",
    family: Family::Catalogue,
    default_level: Level::Warning,
    summary: "A component may be a catalogue product: only weak evidence says so, and a person should confirm what it is.",
    description: "The component matches a catalogue category with possible confidence only: a word in its description, a word \
in the name of software listed without a declared category, a product family that also holds other products, or a vendor \
whose only catalogue-relevant product line is this category. If it is such a product and meets the item's threshold, the \
certification obligation applies.",
    help: concat!(
        "catscan found weak evidence that the component is a catalogue product; it reports it so that the decision is made by a ",
        "person rather than silently. If it is such a product and meets the item's threshold, it needs security certification or ",
        "testing before it is sold or provided.\n\n",
        "**What to do.** Check what the component is. If it is the product the message names, record it with the property ",
        "`catscan:category` and state the attributes the threshold needs; catscan then reports it as in scope or not. If it is ",
        "not, declare its real category with `catscan:category` (e.g. `library`-like parts need nothing: libraries are never ",
        "classified from their words)."
    ),
    legal_basis: Grounds::Law(&["cn-csl-product-certification"]),
    state: State::Stable,
};

/// A catalogue product whose threshold cannot be checked.
pub const UNDETERMINED: Rule = Rule {
    id: "catalogue-undetermined",
    name: "CatalogueThresholdUndetermined",
    family: Family::Catalogue,
    default_level: Level::Warning,
    summary: "A component is a catalogue product category, but whether it meets the item's threshold cannot be decided.",
    description: "The component is recognised as a category a catalogue item covers, but the threshold cannot be checked: an \
attribute the threshold needs is missing from the BOM, the only figure is unlabelled and below the limit, the catalogue's own \
threshold value was never read (status unknown), or the answer depends on whether the conditions must all hold, which the \
sources do not confirm. The message names what is missing.",
    help: concat!(
        "catscan could not decide whether the product falls under the catalogue item; it does not guess. The item thresholds are ",
        "those of the catalogue edition in force.\n\n",
        "**What to do.** Add the attributes the message names to the component as properties, in any usual unit: ",
        "`catscan:throughput` (whole-system, bidirectional, e.g. `25.6 Tbps`), `catscan:routing-table-capacity` (`400万条`, ",
        "`4000000`), `catscan:packet-forwarding-rate` (`14400 Mpps`), `catscan:cpu-count`, `catscan:cores-per-cpu`, ",
        "`catscan:memory` (`512 GB`), `catscan:form-factor` (`rack`, `tower`, `blade`), `catscan:instruction-execution-time` ",
        "(`0.05 µs`, `50纳秒`). Where the catalogue's own threshold was never read, treat the product as in scope unless its ",
        "supplier shows otherwise."
    ),
    legal_basis: Grounds::Law(&["cn-csl-product-certification"]),
    state: State::Stable,
};

/// A catalogue category whose item does not apply (below threshold, wrong form).
pub const NOT_IN_SCOPE: Rule = Rule {
    id: "catalogue-not-in-scope",
    name: "CatalogueItemDoesNotApply",
    family: Family::Catalogue,
    default_level: Level::Note,
    summary: "A component is of a catalogue product category, but the item does not apply to it (below the threshold, or not the form the item covers).",
    description: "The component is recognised as a category a catalogue item covers, but the item does not apply: a threshold \
condition is clearly missed (from a labelled value), the server is not rack-mounted, or the item covers only hardware (or \
only software) and the component is not. The result records the decision and its grounds so that the register of catalogue \
categories in the BOM is complete.",
    help: concat!(
        "The item does not apply to this component, for the reason the message gives. No certification obligation follows from ",
        "this item; the result is a note so that the decision can be audited. The item thresholds are those of the catalogue ",
        "edition in force.\n\n",
        "**What to do.** Nothing, unless the values catscan read are wrong; the message says which property or text each value ",
        "came from."
    ),
    legal_basis: Grounds::Law(&["cn-csl-product-certification"]),
    state: State::Stable,
};

/// The rules of this family, in the order reports list them.
pub const RULES: &[&Rule] = &[&IN_SCOPE, &POSSIBLE, &UNDETERMINED, &NOT_IN_SCOPE];
