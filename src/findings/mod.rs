//! What evaluation hands to the reports: findings with everything a report needs to show them,
//! and per-file accounts of what was read. Reports decide nothing; they render these types.

pub mod rules;

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::findings::rules::{Level, Rule};
use crate::ingest::ReadError;
use crate::ingest::partlist::amount::{compare_ratio, exact_add};
use crate::inventory::{Diagnostic, Format, Position, SourceFile};
use crate::resolve::Confidence;

/// The component a finding is about, as reports show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentRef {
    /// The component's name as the BOM writes it (the start of it, when very long).
    pub name: String,
    /// The group or namespace the BOM gives (a Maven group id, say).
    pub group: Option<String>,
    /// The version as the BOM writes it.
    pub version: Option<String>,
    /// The component's type in CycloneDX spelling (`device`, `library`, …).
    pub kind: String,
    /// The package URL, when the BOM gives one.
    pub purl: Option<String>,
    /// The component's identifier within the BOM (CycloneDX `bom-ref`, SPDX `SPDXID`).
    pub bom_ref: Option<String>,
    /// Canonical vendor name where the registry knows it, else the name the BOM gives.
    pub vendor: Option<String>,
    /// The vendor registry id, where the registry knows the vendor.
    pub vendor_id: Option<String>,
    /// The vendor's name as the BOM writes it (a Chinese legal name, say), so that reports show
    /// it beside the identity catscan resolved it to: a reader checks the match against the
    /// document, not against catscan's registry alone.
    pub vendor_written: Option<String>,
}

impl ComponentRef {
    /// The vendor as reports show it: the name as written, with the registry's name beside it
    /// when they differ (`山石网科通信技术股份有限公司 (Hillstone Networks Co., Ltd.)`).
    pub fn vendor_label(&self) -> Option<String> {
        match (&self.vendor_written, &self.vendor) {
            (Some(w), Some(v)) if w != v => Some(format!("{w} ({v})")),
            (Some(w), _) => Some(w.clone()),
            (None, v) => v.clone(),
        }
    }
}

/// Where a finding points: the component's place in its input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// Where the component's text starts.
    pub start: Position,
    /// Where the component's text ends.
    pub end: Position,
}

/// One result: a rule applied to a component.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule that produced the finding.
    pub rule: &'static Rule,
    /// How serious the finding is; the rule's default unless the policy changes it.
    pub level: Level,
    /// Plain text; the first sentence stands alone (code scanning shows it as the title).
    pub message: String,
    /// The component the finding is about.
    pub component: ComponentRef,
    /// Where the component is in its input file.
    pub region: Region,
    /// The component's bytes in its input's text (`region` as offsets), for drawing its snippet
    /// from the [`Evaluated::excerpt`]; `None` where the input is not text (a workbook).
    pub span: Option<std::ops::Range<usize>>,
    /// `"<edition>/<item id>"`, e.g. `"cn-2023/cne.router"`.
    pub catalogue_item: Option<String>,
    /// How sure the classification behind the finding is, for findings that rest on one.
    pub confidence: Option<Confidence>,
    /// Stable across regenerations of the input: derived from the rule, the item, the file and
    /// the component's identity, never from its line.
    pub fingerprint: String,
    /// The exception of the policy file that keeps it out of the reports for upload.
    pub suppression: Option<Suppression>,
    /// With `--baseline`: the finding is not in the baseline (SARIF `baselineState: new`).
    pub new_since_baseline: bool,
    /// How the component comes into the product, root first and the component last (empty
    /// when no root reaches it); a long path keeps only its ends.
    pub path: IntroPath,
    /// Other places that declare the component (a dependency line in a Cargo.toml).
    pub related: Vec<crate::inventory::Declaration>,
}

/// One component on the path that introduces another. Shared: a component is a step of the
/// paths of every component below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    /// The component's name, as a path shows it.
    pub name: String,
    /// Where the component is in its input file.
    pub region: Region,
}

/// Steps from the root a finding keeps of a long path (shown in SARIF `codeFlows`).
pub const PATH_HEAD: usize = 10;
/// Steps before the component a finding keeps of a long path.
pub const PATH_TAIL: usize = 10;
/// Steps at each end a message shows of a path of more than `2 × PATH_MESSAGE_ENDS + 1` steps.
pub const PATH_MESSAGE_ENDS: usize = 2;

/// The path that introduces a component, bounded: a chain of thousands of dependencies where
/// every component has a finding would otherwise make reports and memory grow with the square
/// of the chain. A path of at most `PATH_HEAD + PATH_TAIL` steps is whole in `head`; a longer
/// one keeps its first `PATH_HEAD` and last `PATH_TAIL` steps and counts those between.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IntroPath {
    /// The first steps of the path, root first (the whole path when it is short).
    pub head: Vec<Arc<PathStep>>,
    /// Steps left out between `head` and `tail`.
    pub omitted: usize,
    /// The last steps of the path, ending with the component; empty when `head` holds the whole
    /// path.
    pub tail: Vec<Arc<PathStep>>,
}

impl IntroPath {
    /// Steps on the whole path, those left out included.
    pub fn len(&self) -> usize {
        self.head.len() + self.omitted + self.tail.len()
    }

    /// Whether the path has no step (no root reaches the component).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The steps kept, root first.
    pub fn kept(&self) -> impl Iterator<Item = &PathStep> {
        self.head.iter().chain(&self.tail).map(|s| &**s)
    }

    /// The path as a message shows it: every step when it has at most `2 × ends + 1`, else its
    /// ends and how many steps between (`app → a → … (4997 more) → y → z`).
    pub fn describe(&self, ends: usize) -> String {
        let kept: Vec<&str> = self.kept().map(|s| s.name.as_str()).collect();
        let len = self.len();
        if len <= 2 * ends + 1 && self.omitted == 0 {
            return kept.join(" → ");
        }
        let ends = ends.min(kept.len() / 2);
        format!(
            "{} → … ({} more) → {}",
            kept[..ends].join(" → "),
            len - 2 * ends,
            kept[kept.len() - ends..].join(" → ")
        )
    }
}

/// At most `max` characters of a text that may be huge (a name of 500 MB), with how many are
/// left out, so that a message quoting it stays small.
pub fn excerpt(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(text),
        Some((cut, _)) => std::borrow::Cow::Owned(format!(
            "{}… ({} more characters)",
            &text[..cut],
            text[cut..].chars().count()
        )),
    }
}

/// Where a setting of the policy file is (an exception, a custom rule), for the findings and
/// messages that point at it. Defined here, with the findings that carry it, so that findings
/// depend on nothing of the policy: the policy applies itself to a report (exceptions,
/// baseline), never the other way round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigLocation {
    /// The policy file as reports name it.
    pub file: String,
    /// 1-based line of the setting.
    pub line: usize,
    /// 1-based column of the setting.
    pub column: usize,
}

/// Why a finding is suppressed: the exception's reason and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The reason the exception gives.
    pub reason: String,
    /// Where the exception is written.
    pub location: ConfigLocation,
    /// The last day the exception applies; `None` when it does not expire.
    pub expires: Option<time::Date>,
}

/// A finding about the policy file itself (an expired or unused exception), located there.
#[derive(Debug, Clone)]
pub struct PolicyFinding {
    /// The rule that produced the finding.
    pub rule: &'static Rule,
    /// How serious the finding is.
    pub level: Level,
    /// Plain text; the first sentence stands alone.
    pub message: String,
    /// The setting of the policy file the finding is about.
    pub location: ConfigLocation,
}

/// What `--baseline` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineUse {
    /// The baseline's file as the user named it.
    pub file: String,
    /// Findings left out because the baseline has them.
    pub unchanged: usize,
}

/// Why a component read was not evaluated against the catalogue, for the run summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OutOfScope {
    /// Library, framework, driver, file, data or model.
    NotAProduct,
    /// A package of a software ecosystem (Maven, npm, Debian, …) nothing declares a product.
    SoftwarePackage,
    /// Software inside another product of the BOM.
    PartOfProduct,
    /// Recognised as equipment that is in no catalogue (camera, memory, …).
    NotACatalogueType,
    /// A product nothing identified, with no finding of its own.
    Unclassified,
    /// Scope `excluded`: not part of what is shipped.
    Excluded,
}

impl OutOfScope {
    /// The reason as the run summary words it.
    pub fn describe(self) -> &'static str {
        match self {
            Self::NotAProduct => "libraries and other parts (never products on their own)",
            Self::SoftwarePackage => {
                "packages of software ecosystems (maven, npm, deb, …), which are never equipment"
            }
            Self::PartOfProduct => "software inside another product of the BOM",
            Self::NotACatalogueType => "equipment of a type in no catalogue",
            Self::Unclassified => {
                "products nothing identifies (no finding: software, a part of a device, or a vendor with no catalogue lines)"
            }
            Self::Excluded => "excluded from the product (scope: excluded)",
        }
    }
}

/// What happened to the components of one file.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    /// Components read from the file, pedigree ancestors included.
    pub components: usize,
    /// Components compared with catalogue items (classified as a catalogue category).
    pub evaluated: usize,
    /// Components not compared with catalogue items, counted by why.
    pub out_of_scope: BTreeMap<OutOfScope, usize>,
    /// Components given only as another's ancestry (`pedigree`): read, not evaluated.
    pub pedigree: usize,
}

/// The evaluation of one file that could be read.
#[derive(Debug, Clone)]
pub struct Evaluated {
    /// The format the file was read as.
    pub format: Format,
    /// The version of its format that the file declares (`1.6`, `SPDX-2.3`).
    pub spec_version: String,
    /// The file's findings, suppressed ones included.
    pub findings: Vec<Finding>,
    /// Problems of the file itself, from the reader.
    pub diagnostics: Vec<Diagnostic>,
    /// What happened to the file's components.
    pub counts: Counts,
    /// With a procurement policy or a domestic-share minimum: listed products and the share.
    pub procurement: Option<ProcurementAccount>,
    /// The parts of the input's text the findings' snippets show, kept from the scan (bounded,
    /// see [`crate::inventory::excerpt`]).
    pub excerpt: crate::inventory::Excerpt,
}

/// What the procurement rules found that is not a finding: components on a list, and the
/// domestic-control share of the key components.
#[derive(Debug, Clone, Default)]
pub struct ProcurementAccount {
    /// Components on a list that the rules in force require, with the entry.
    pub listed: Vec<ListedComponent>,
    /// The share of key components under domestic control.
    pub share: ShareTable,
}

/// A component found on a procurement list.
#[derive(Debug, Clone)]
pub struct ListedComponent {
    /// The component on the list.
    pub component: ComponentRef,
    /// Where the component is in its input file.
    pub region: Region,
    /// The product class ("CPU").
    pub class: String,
    /// The list's name.
    pub list: String,
    /// The entry as the list writes it, with its announcement, date and level.
    pub entry: String,
    /// The last day the listing counts, for lists whose entries lapse.
    pub valid_until: Option<time::Date>,
    /// The status of the entry ("secondary").
    pub status: String,
}

/// Whose control a key component's vendor is under, as the vendor registry records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Control {
    /// Controlled from China.
    Domestic,
    /// Controlled from a country that counts as foreign: any but China and the regions whose
    /// standing the sources leave open.
    Foreign,
    /// Not determined: the vendor is unknown, its country or owner is not recorded, or the sources
    /// do not settle how its region counts.
    Unknown,
}

impl Control {
    /// The name reports use (`domestic`, `foreign`, `unknown`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Domestic => "domestic",
            Self::Foreign => "foreign",
            Self::Unknown => "unknown",
        }
    }
}

/// One key component in the share table.
#[derive(Debug, Clone)]
pub struct ShareRow {
    /// The key component.
    pub component: ComponentRef,
    /// Where the component is in its input file.
    pub region: Region,
    /// What makes it key: a catalogue category or a procurement class ("server", "CPU").
    pub what: String,
    /// Whose control the component's vendor is under.
    pub control: Control,
    /// Why: "controlled from CN (Kylin Software Co., Ltd.)", "vendor not identified".
    pub basis: String,
    /// How many, exactly as written (`1.5` metres of cable is a quantity too).
    pub quantity: Option<Decimal>,
    /// The price of one, exactly as written, in `currency`.
    pub unit_price: Option<Decimal>,
    /// The currency the price is written in (`CNY`), when it says.
    pub currency: Option<String>,
}

/// Exact sums for each kind of control: of BOM entries, or of spend. Built only by
/// [`ShareTotals::add`], which refuses an amount that would take a sum or the total beyond what
/// a [`Decimal`] holds, so that every sum and the total are exact.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ShareTotals {
    domestic: Decimal,
    foreign: Decimal,
    unknown: Decimal,
    total: Decimal,
}

/// An amount that would take a sum of [`ShareTotals`] beyond what a [`Decimal`] holds exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TotalOutOfRange;

impl ShareTotals {
    /// The sum over all kinds of control.
    pub fn total(&self) -> Decimal {
        self.total
    }

    /// The sum for one kind of control.
    pub fn get(&self, control: Control) -> Decimal {
        match control {
            Control::Domestic => self.domestic,
            Control::Foreign => self.foreign,
            Control::Unknown => self.unknown,
        }
    }

    /// The share of one kind, 0 when there is nothing: the quotient to 28 significant digits,
    /// for showing. Decisions compare the sums themselves ([`ShareTotals::share_at_least`]).
    pub fn share(&self, control: Control) -> Decimal {
        if self.total.is_zero() {
            return Decimal::ZERO;
        }
        self.get(control)
            .checked_div(self.total)
            .expect("a part of a non-zero total divides by it")
    }

    /// Whether one kind of control makes up at least `min` of the total, exactly: 3.00 of 4.00
    /// is 0.75, neither more nor less. A zero total has a share of 0.
    pub fn share_at_least(&self, control: Control, min: Decimal) -> bool {
        compare_ratio(self.get(control), self.total, min) != Ordering::Less
    }

    /// Whether the kinds of control other than `left_out` make up at least `min` of the total:
    /// whether `left_out` makes up at most `1 − min` (which needs no sum of the other two).
    pub fn share_without_at_least(&self, left_out: Control, min: Decimal) -> bool {
        if self.total.is_zero() {
            return min.is_zero();
        }
        let rest = Decimal::ONE - min.min(Decimal::ONE);
        compare_ratio(self.get(left_out), self.total, rest) != Ordering::Greater
    }

    /// Adds an amount (never negative: amounts are read without a sign) to one kind of control,
    /// unless the kind's sum or the total would not fit exactly; then nothing is added.
    pub fn add(&mut self, control: Control, amount: Decimal) -> Result<(), TotalOutOfRange> {
        let total = exact_add(self.total, amount).ok_or(TotalOutOfRange)?;
        let sum = exact_add(self.get(control), amount).ok_or(TotalOutOfRange)?;
        match control {
            Control::Domestic => self.domestic = sum,
            Control::Foreign => self.foreign = sum,
            Control::Unknown => self.unknown = sum,
        }
        self.total = total;
        Ok(())
    }
}

/// The domestic-control share of the key components of one BOM.
#[derive(Debug, Clone, Default)]
pub struct ShareTable {
    /// One row per key component, in the order of the BOM.
    pub rows: Vec<ShareRow>,
    /// BOM entries of each kind.
    pub by_count: ShareTotals,
    /// Quantity × unit price of each kind, over the priced rows, when their currencies agree.
    pub by_spend: Option<ShareTotals>,
    /// The currency of the spend figures.
    pub currency: Option<String>,
    /// Key components left out of the spend: without a unit price, or costing more than a
    /// total can hold.
    pub unpriced: usize,
    /// Why spend could not be summed, when some rows are priced.
    pub spend_note: Option<String>,
    /// The policy's minimum domestic share (0 to 1), if any.
    pub minimum: Option<Decimal>,
}

/// One input file and what became of it.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The input file.
    pub source: SourceFile,
    /// The file's evaluation, or why it could not be read.
    pub outcome: Result<Evaluated, ReadError>,
}

/// The catalogue edition a run used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionUsed {
    /// The edition's id (`cn-2023`).
    pub id: String,
    /// The edition's title, as published.
    pub title: String,
    /// "in force on 2026-11-23" or "chosen with --edition".
    pub basis: String,
}

/// Whether a family of rules (the catalogue, one origin instrument, procurement, data quality,
/// the policy's own rules) ran, and why or why not: a run that left the catalogue out because
/// only `--market us` was given says so in every report, instead of passing silently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilyRun {
    /// `catalogue`, an origin instrument's id (`cn-cii-review`), `procurement`, `data-quality`,
    /// `custom`.
    pub name: String,
    /// Whether the family's rules were applied.
    pub ran: bool,
    /// "market cn; edition cn-2023", "needs --cii", "not in force on 2016-12-31".
    pub why: String,
}

/// Everything a run produced.
#[derive(Debug, Clone)]
pub struct Report {
    /// The version of catscan that made the report.
    pub tool_version: &'static str,
    /// The date the rules and knowledge were applied as of (`--as-of`, else today).
    pub as_of: time::Date,
    /// The catalogue edition used; `None` when no edition applied.
    pub edition: Option<EditionUsed>,
    /// Every input file, in input order.
    pub files: Vec<FileReport>,
    /// Files in the given folders that were not scanned, with why: not bills of materials
    /// (binary, text of no BOM format), or symbolic links not followed. The reason is the kind
    /// before a colon (reports count by it), the detail after.
    pub skipped: Vec<(String, String)>,
    /// Notes about the run as a whole (e.g. no edition in force on the as-of date).
    pub notices: Vec<String>,
    /// Findings about the policy file.
    pub policy_findings: Vec<PolicyFinding>,
    /// The policy file the run used, if any.
    pub policy_file: Option<String>,
    /// What `--baseline` did, when it was given.
    pub baseline: Option<BaselineUse>,
    /// The rule families, those that ran and those that did not, with why.
    pub families: Vec<FamilyRun>,
}

impl Report {
    /// Every finding of every file, suppressed or not.
    pub fn all_findings(&self) -> impl Iterator<Item = &Finding> {
        self.files
            .iter()
            .filter_map(|f| f.outcome.as_ref().ok())
            .flat_map(|e| &e.findings)
    }

    /// The findings that count: not suppressed by an exception.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.all_findings().filter(|f| f.suppression.is_none())
    }

    /// The findings an exception suppresses.
    pub fn suppressed(&self) -> impl Iterator<Item = &Finding> {
        self.all_findings().filter(|f| f.suppression.is_some())
    }

    /// Number of findings that count at each level, the policy file's own included.
    pub fn count_by_level(&self) -> BTreeMap<Level, usize> {
        let mut counts = BTreeMap::new();
        for level in self
            .findings()
            .map(|f| f.level)
            .chain(self.policy_findings.iter().map(|f| f.level))
        {
            *counts.entry(level).or_default() += 1;
        }
        counts
    }

    /// The highest level of a finding that counts.
    pub fn worst_level(&self) -> Option<Level> {
        self.count_by_level().keys().next_back().copied()
    }

    /// Whether some input could not be read.
    pub fn has_read_errors(&self) -> bool {
        self.files.iter().any(|f| f.outcome.is_err())
    }
}
