//! Custom rules: conditions written in CEL (Common Expression Language) in
//! `catscan.toml`.
//!
//! The built-in rules cover the catalogue and the vendor-origin rules that
//! every user needs; an organisation's own policy ("no storage from this
//! vendor in a CII system", "every in-scope item needs a certificate
//! property") changes too often and varies too much to be compiled in. A
//! custom rule states such a policy as a `when` expression over four
//! variables:
//!
//! - `component`: a map with `name`, `version`, `kind`, `group`, `purl`,
//!   `cpe`, `bom_ref`, `category`, `confidence` (strings, or `null` when
//!   absent) and `properties` (a map from property name to value);
//! - `vendor`: a map with `id`, `name`, `country`, `incorporated_in`,
//!   `controlling_country`, `control_kind`, `control_status`, `parent`
//!   (strings or `null`), `lists` (a list of strings) and `status`; or `null`
//!   when the vendor is not resolved;
//! - `item`: a map with `id`, `edition`, `group` and `decision`; or `null`
//!   when no catalogue item applies;
//! - `policy`: a map with `as_of`, `markets` (a list of strings),
//!   `mlps_grade` (an int or `null`), `cii` and `us_federal` (bools).
//!
//! For example `vendor != null && vendor.country == "CN" && component.kind == "device"`.
//!
//! The standard CEL library is available (`in`, `has()`, `size`,
//! `startsWith`, `endsWith`, `contains`, `matches`, the `all`/`exists`/
//! `filter`/`map` macros, ...) together with the strings extension
//! (`lowerAscii`, `upperAscii`, `trim`, `split`, `replace`, `indexOf`, ...).
//!
//! An expression is compiled once ([`Condition::compile`]) and evaluated once
//! per component ([`Condition::matches`]), so evaluation must be cheap: the
//! four variables are not built as CEL maps but read the facts on access
//! (see `Record`), and the values they give borrow the facts' strings.
//!
//! A pull request can change the policy file, and a supplier writes the
//! BOM, so what an expression may cost is bounded: its length, its nesting,
//! its nested comprehensions, and the steps of each evaluation (see
//! `bounds` and [`crate::limits`]).
//!
//! The facts and the errors are plain data, the same in every build. Compiling and evaluating
//! expressions (`expression`, with the `cel` crate) is built with the `custom-rules` feature, on
//! by default; a build without it has no [`Condition`] to make, and a policy file that defines a
//! rule is refused with [`NOT_BUILT`].

use std::fmt;

use crate::limits::Limit;

#[cfg(feature = "custom-rules")]
mod bounds;
#[cfg(feature = "custom-rules")]
mod expression;
#[cfg(not(feature = "custom-rules"))]
mod not_built;

#[cfg(feature = "custom-rules")]
pub use expression::Condition;
#[cfg(not(feature = "custom-rules"))]
pub use not_built::Condition;

/// Why a policy file's `[[rule]]` is refused by a build without the `custom-rules` feature.
pub const NOT_BUILT: &str = "custom rules ([[rule]]) need catscan built with the `custom-rules` feature, which this build leaves out (`cargo install catscan` includes it by default); install such a build, or remove the [[rule]] tables";

/// The data a custom rule sees for one component. Plain data, filled in by
/// the caller.
#[derive(Debug, Clone, Default)]
pub struct ComponentFacts {
    /// The component's name.
    pub name: String,
    /// The component's version, if the bill of materials gives one.
    pub version: Option<String>,
    /// The component type: `"device"`, `"firmware"`, `"application"`,
    /// `"library"`, ...
    pub kind: String,
    /// The component's group (CycloneDX `group`), if any.
    pub group: Option<String>,
    /// The package URL, if any.
    pub purl: Option<String>,
    /// The CPE, if any.
    pub cpe: Option<String>,
    /// The `bom-ref`, if any.
    pub bom_ref: Option<String>,
    /// The catscan category id, e.g. `"firewall"`, if one was assigned.
    pub category: Option<String>,
    /// How sure the category is: `"certain"`, `"likely"` or `"possible"`.
    pub confidence: Option<String>,
    /// The component's properties as (name, value) pairs. A name may repeat:
    /// the expression sees the last value.
    pub properties: Vec<(String, String)>,
}

/// What a custom rule sees of a component's vendor.
#[derive(Debug, Clone, Default)]
pub struct VendorFacts {
    /// The vendor id in the vendor registry.
    pub id: String,
    /// The vendor's display name.
    pub name: String,
    /// The country of the headquarters, ISO 3166 alpha-2.
    pub country: Option<String>,
    /// The country of incorporation, ISO 3166 alpha-2.
    pub incorporated_in: Option<String>,
    /// The country that controls the vendor, ISO 3166 alpha-2: the country of
    /// its control record, else the registry's controlling country.
    pub controlling_country: Option<String>,
    /// The kind of controller its control record names: `"state"`,
    /// `"company"`, `"natural-person"` or `"none-declared"`.
    pub control_kind: Option<String>,
    /// How the control record is known: `"confirmed"`, `"corroborated"`,
    /// `"secondary"`, `"inferred"` or `"unknown"`.
    pub control_status: Option<String>,
    /// The parent company's vendor id.
    pub parent: Option<String>,
    /// The lists the vendor is on, the rule pack ids, e.g. `"us-fcc-covered-list"`.
    pub lists: Vec<String>,
    /// How well the vendor entry is established: `"confirmed"`,
    /// `"secondary"`, ...
    pub status: String,
}

/// What a custom rule sees of the catalogue item that applies to a component.
#[derive(Debug, Clone, Default)]
pub struct ItemFacts {
    /// The item id, e.g. `"cne.router"`.
    pub id: String,
    /// The catalogue edition, e.g. `"cn-2023"`.
    pub edition: String,
    /// `"critical-network-equipment"` or `"specialized-cybersecurity-product"`.
    pub group: String,
    /// `"in-scope"`, `"possible"`, `"undetermined"` or `"not-in-scope"`.
    pub decision: String,
}

/// What a custom rule sees of the policy the scan runs under.
#[derive(Debug, Clone, Default)]
pub struct PolicyFacts {
    /// The date the scan judges at, e.g. `"2026-11-23"`.
    pub as_of: String,
    /// The markets the product is sold in, e.g. `"cn"`, `"us"`.
    pub markets: Vec<String>,
    /// The MLPS (multi-level protection scheme) grade, if one is set.
    pub mlps_grade: Option<u8>,
    /// Whether the product goes into critical information infrastructure.
    pub cii: bool,
    /// Whether the product is sold to the US federal government.
    pub us_federal: bool,
}

/// Everything a custom rule sees when it is evaluated for one component.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    /// The component, as `component`.
    pub component: &'a ComponentFacts,
    /// The vendor, as `vendor`; `None` (`null`) when the vendor is not resolved.
    pub vendor: Option<&'a VendorFacts>,
    /// The catalogue item, as `item`; `None` (`null`) when no item applies.
    pub item: Option<&'a ItemFacts>,
    /// The policy, as `policy`.
    pub policy: &'a PolicyFacts,
}

/// A compile error: message, and the 1-based line and column within the
/// expression text when the parser reports one.
///
/// The column counts characters (Unicode scalar values), not bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// What is wrong.
    pub message: String,
    /// The 1-based line of the error within the expression.
    pub line: Option<usize>,
    /// The 1-based column of the error within its line, in characters.
    pub column: Option<usize>,
    /// The limit the expression passes, when that is why it is refused; `None` when it does
    /// not compile.
    pub limit: Option<Limit>,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "line {line}, column {column}: {}", self.message)
            }
            (Some(line), None) => write!(f, "line {line}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for CompileError {}
