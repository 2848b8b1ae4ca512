//! The command lines of `catscan` and `cargo catscan`, as clap parses them: every option, its
//! help text and the parsers of its values. What the options mean is decided elsewhere: the
//! policy options by [`crate::policy::resolve`], the output options by [`crate::report::write`].

use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Parser, Subcommand, ValueEnum};
use time::Date;

use crate::policy::config;
use crate::policy::{FailOn, Market, PolicyArgs};
use crate::{ingest, report};

#[derive(Debug, Parser)]
#[command(
    name = "catscan",
    version,
    about = "Checks bills of materials against China's catalogue of critical network equipment and specialized cybersecurity products, and reports located, explained findings as SARIF.",
    after_help = "Exit status: 0 no finding at or above --fail-on; 1 findings at or above it; 2 the run could not be completed."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan BOM files and folders (CycloneDX JSON and XML, recognised by content).
    Scan(Box<ScanArgs>),
    /// List the rules catscan reports, with their default levels.
    Rules,
    /// Show the documentation of one rule (what it reports, why, the legal basis, what to do), or
    /// the data of one procurement instrument (basis, dates, status, entries, sources).
    #[command(visible_alias = "explain")]
    Rule {
        /// A rule id (catalogue-in-scope) or a procurement instrument id (cn-anke).
        id: String,
    },
    /// Show the catalogue editions, items and categories catscan knows.
    Catalogue {
        #[command(subcommand)]
        command: CatalogueCommand,
    },
    /// Write the questions a BOM leaves open (one row per missing fact), for its supplier to
    /// answer: an Excel workbook, CSV or Markdown.
    Ask(Box<super::ask::AskArgs>),
    /// Write a CycloneDX JSON BOM back with a supplier's answers as component properties.
    Enrich(Box<super::ask::EnrichArgs>),
    /// Write a commented catscan.toml policy file to start from.
    Init {
        /// Where to write it.
        #[arg(default_value = config::FILE_NAME, value_name = "FILE")]
        path: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CatalogueCommand {
    /// List the items of an edition (default: the one in force on --as-of).
    List {
        /// Edition id (cn-2017, cn-2023).
        #[arg(long, value_name = "ID")]
        edition: Option<String>,
        /// Date for choosing the edition in force. Default: today (UTC).
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        as_of: Option<Date>,
    },
    /// Show one item: names, scope, threshold, statuses and sources.
    Show {
        /// Item id (cne.router) or edition/item (cn-2017/cne.router).
        item: String,
        /// Date for choosing the edition in force when the item id does not name one.
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        as_of: Option<Date>,
    },
    /// List the product categories catscan recognises and the words that name them.
    Categories,
    /// Count the facts of every data file by status (confirmed, corroborated, secondary,
    /// inferred, unknown, and any other word found), and say when the knowledge was last
    /// reviewed.
    Facts {
        /// Warn if the knowledge is more than six months past its review on this date.
        /// Default: today (UTC).
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        as_of: Option<Date>,
    },
    /// Write every fact catscan holds, with its status and sources, as one document
    /// (docs/knowledge.md is this command's Markdown).
    Export {
        /// markdown (tables for people) or json (the data files themselves, for tools).
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
    },
}

/// The formats of `catscan catalogue export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// Files or folders to scan. Folders are searched recursively, honouring .gitignore; files in
    /// them that are not bills of materials are skipped and counted.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Leave out files and folders matching this glob when searching folders (gitignore syntax,
    /// relative to the folder searched). Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// The options `catscan scan` and `cargo catscan` share: output, policy, reading.
#[derive(Debug, clap::Args)]
pub struct CommonArgs {
    /// Output formats, comma-separated (terminal, sarif, json, markdown, markdown-comment, github,
    /// html). Several need --output-dir. Default: terminal, wherever the output goes (colours
    /// only on a terminal); ask for sarif to upload to code scanning.
    #[arg(short, long, value_enum, value_delimiter = ',')]
    pub format: Vec<report::Format>,
    /// Colours in the terminal format: auto (when writing to a terminal and NO_COLOR is not
    /// set), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Write the output to this file instead of standard output (one format).
    #[arg(short, long, value_name = "FILE", conflicts_with = "output_dir")]
    pub output: Option<PathBuf>,
    /// Write each format to this folder: catscan.sarif, catscan.json, catscan.md.
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    // The policy: the policy file, the law's date and edition, the markets, the rule levels, the
    // lists and answers, how inputs are read.
    #[command(flatten)]
    pub policy: PolicyOptions,
    /// Exit with status 1 when a finding is at or above this level. Default: error, or the
    /// policy file's `fail-on`.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOnArg>,
    /// Report only findings that this earlier catscan SARIF log does not have.
    #[arg(long, value_name = "SARIF")]
    pub baseline: Option<PathBuf>,
    /// Keep findings suppressed by an exception in the SARIF, with a `suppressions` entry. GitHub
    /// code scanning ignores `suppressions` and would show them as open alerts, so they are left
    /// out by default.
    #[arg(long)]
    pub include_suppressed: bool,
    /// Files scanned at the same time (default: one per core). The output does not depend on it.
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Do not print the run summary on standard error.
    #[arg(short, long)]
    pub quiet: bool,
    /// Exit with status 0 when no file is a bill of materials (every file skipped). Without it
    /// such a run exits with status 2: nothing was checked, which must not pass as clean. Also
    /// `allow-empty = true` in the policy file.
    #[arg(long)]
    pub allow_empty: bool,
}

/// The options that decide the policy a BOM is evaluated under, which `catscan scan`, `cargo
/// catscan`, `catscan ask` and `catscan enrich` share, so that the questions asked and the
/// answers written are those of the scan.
#[derive(Debug, clap::Args)]
pub struct PolicyOptions {
    /// Apply the law as of this date (YYYY-MM-DD): the catalogue edition in force and the
    /// numbering of the law depend on it. Default: today (UTC).
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub as_of: Option<Date>,
    /// Use this catalogue edition (cn-2017, cn-2023) whatever the date.
    #[arg(long, value_name = "ID")]
    pub edition: Option<String>,
    /// A CSV list of certified or tested products (columns vendor, model, number, and optionally
    /// product, kind, issued, expiry, in English or Chinese), matched to components by vendor and
    /// model: a matching row is evidence that the product may be sold.
    #[arg(long, value_name = "FILE")]
    pub certified: Option<PathBuf>,
    /// Markets the product is sold in; each market's rule families run, the others do not: cn
    /// (the catalogue, and the rules --cii, --mlps-grade and --procurement add) and us (FCC
    /// Covered List, Kaspersky; --us-federal adds NDAA §889). Repeatable. Default: cn, or the
    /// policy file's `markets`. An option of one market adds that market: --cii, --mlps-grade,
    /// --procurement and --min-domestic-share add cn, --us-federal adds us. Every report's summary
    /// says which rule families ran and why the others did not.
    #[arg(long = "market", value_enum, value_name = "MARKET")]
    pub markets: Vec<MarketArg>,
    /// The products go into a system of this MLPS grade (1-5); 3 or higher requires security
    /// products from a developer incorporated and controlled in China.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5), value_name = "N")]
    pub mlps_grade: Option<u8>,
    /// The buyer operates critical information infrastructure in China. Adds --market cn.
    #[arg(long)]
    pub cii: bool,
    /// Sold to, or used in a contract with, the US federal government (NDAA §889). Adds
    /// --market us.
    #[arg(long)]
    pub us_federal: bool,
    /// The buyer is bound by Chinese government-procurement rules: cn-government (party and
    /// government organs at township level and above: the CPU/OS demand standards) or cn-central
    /// (central state organs: also the central procurement centre's lists).
    #[arg(long, value_enum, value_name = "BUYER")]
    pub procurement: Option<ProcurementArg>,
    /// The least share of key components (catalogue products, CPUs, operating systems,
    /// databases, security software) from vendors controlled from China: 0.75 or 75%.
    #[arg(long, value_parser = parse_share, value_name = "SHARE")]
    pub min_domestic_share: Option<rust_decimal::Decimal>,
    /// Turn a rule or a family of rules off (like clippy's -A). Repeatable.
    #[arg(short = 'A', long = "allow", value_name = "RULE")]
    pub allow: Vec<String>,
    /// Report a rule or family as a warning. Repeatable.
    #[arg(short = 'W', long = "warn", value_name = "RULE")]
    pub warn: Vec<String>,
    /// Report a rule or family as an error. Repeatable.
    #[arg(short = 'D', long = "deny", value_name = "RULE")]
    pub deny: Vec<String>,
    /// The policy file. Default: the nearest catscan.toml at or above the working directory.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Do not read any catscan.toml.
    #[arg(long)]
    pub no_config: bool,
    /// The supplier's answers to `catscan ask` (the workbook or CSV, filled in): merged into the
    /// components of the BOM they are about before it is evaluated.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Part-list columns whose headers catscan does not recognise, as FIELD=HEADER pairs:
    /// `manufacturer=Maker,part-number=Item No.` (fields: manufacturer, supplier, part-number,
    /// name, description, quantity, unit-price, country-of-origin, category, kind, purl, cpe, reference).
    #[arg(long, value_name = "FIELD=HEADER,...")]
    pub columns: Option<String>,
    /// Raise (or lower) one of the limits that bound what an input can make catscan do, as
    /// NAME=VALUE: `--limit input-size=4GiB`. Repeatable. Limits are set here only, never in
    /// catscan.toml, which a pull request controls. The limits: input-size, stream-size,
    /// nesting-depth, xlsx-inflated-size, xlsx-rows, xlsx-cells, cel-size, cel-depth,
    /// cel-comprehension-depth, cel-steps, diagnostics-per-code, baseline-size, data-file-size
    /// (see the README's Security section for their defaults).
    #[arg(long = "limit", value_name = "NAME=VALUE")]
    pub limits: Vec<String>,
}

/// `cargo catscan`: cargo runs `cargo-catscan catscan ARGS`.
#[derive(Debug, Parser)]
#[command(name = "cargo", bin_name = "cargo")]
pub enum CargoCli {
    /// Checks a Rust workspace: its crates as components, located in Cargo.lock, with the
    /// product declared in [package.metadata.catscan], and the HBOMs it names.
    #[command(version)]
    Catscan(CargoArgs),
}

#[derive(Debug, clap::Args)]
pub struct CargoArgs {
    /// Path to Cargo.toml.
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
    /// A saved `cargo metadata --format-version 1` output to read instead of running cargo.
    #[arg(long, value_name = "PATH")]
    pub metadata_path: Option<PathBuf>,
    /// Check every member of the workspace.
    #[arg(long)]
    pub workspace: bool,
    /// Members to leave out (with --workspace).
    #[arg(long, value_name = "SPEC")]
    pub exclude: Vec<String>,
    /// Members to check.
    #[arg(short, long = "package", value_name = "SPEC")]
    pub packages: Vec<String>,
    /// Features to activate (space or comma separated).
    #[arg(short = 'F', long, value_name = "FEATURES")]
    pub features: Vec<String>,
    /// Activate all features.
    #[arg(long)]
    pub all_features: bool,
    /// Do not activate the default feature.
    #[arg(long)]
    pub no_default_features: bool,
    /// Only dependencies for this target triple.
    #[arg(long, value_name = "TRIPLE")]
    pub target: Option<String>,
    /// Require Cargo.lock to be up to date.
    #[arg(long)]
    pub locked: bool,
    /// Run without accessing the network.
    #[arg(long)]
    pub offline: bool,
    /// --locked and --offline.
    #[arg(long)]
    pub frozen: bool,
    /// Include dev-dependencies of the checked members.
    #[arg(long)]
    pub dev_dependencies: bool,
    /// Include build-dependencies.
    #[arg(long)]
    pub build_dependencies: bool,
    /// More BOM files or folders to scan with the workspace (HBOMs are also taken from
    /// [package.metadata.catscan] hboms).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MarketArg {
    Cn,
    Us,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProcurementArg {
    CnCentral,
    CnGovernment,
}

impl MarketArg {
    pub fn market(self) -> Market {
        match self {
            Self::Cn => Market::Cn,
            Self::Us => Market::Us,
        }
    }
}

impl ProcurementArg {
    pub fn buyer(self) -> crate::knowledge::Buyer {
        match self {
            Self::CnCentral => crate::knowledge::Buyer::CnCentral,
            Self::CnGovernment => crate::knowledge::Buyer::CnGovernment,
        }
    }
}

/// A share written as a fraction (0.75) or a percentage (75%), exactly.
fn parse_share(s: &str) -> Result<rust_decimal::Decimal, String> {
    use rust_decimal::Decimal;
    let t = s.trim();
    let value = match t.strip_suffix('%') {
        Some(p) => Decimal::from_str_exact(p.trim())
            .ok()
            .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED)),
        None => Decimal::from_str_exact(t).ok(),
    };
    match value {
        Some(v) if (Decimal::ZERO..=Decimal::ONE).contains(&v) => Ok(v.normalize()),
        _ => Err(format!(
            "\"{s}\" is not a share; expected a fraction from 0 to 1 (0.75) or a percentage (75%)"
        )),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// `--format`: the report's formats, named and explained for the command line.
impl ValueEnum for report::Format {
    fn value_variants<'a>() -> &'a [Self] {
        use report::Format::*;
        &[
            Terminal,
            Sarif,
            Json,
            Markdown,
            MarkdownComment,
            Github,
            Html,
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        use report::Format::*;
        let (name, help) = match self {
            Terminal => (
                "terminal",
                "Findings with the lines of the input, reasons and paths, for a person at a terminal",
            ),
            Sarif => (
                "sarif",
                "SARIF 2.1.0, for GitHub code scanning and SARIF viewers",
            ),
            Json => (
                "json",
                "The report as JSON (docs/json-report.md), suppressed findings included",
            ),
            Markdown => (
                "markdown",
                "A Markdown report, for a job summary (at most 1 MiB)",
            ),
            MarkdownComment => (
                "markdown-comment",
                "A short Markdown report for a pull-request comment (at most 65,536 characters): counts and the first findings",
            ),
            Github => (
                "github",
                "GitHub Actions annotations (workflow commands), for repositories without code scanning",
            ),
            Html => ("html", "A self-contained HTML report with filters"),
        };
        Some(PossibleValue::new(name).help(help))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "lower")]
pub enum FailOnArg {
    Error,
    Warning,
    Note,
    None,
}

impl FailOnArg {
    pub fn fail_on(self) -> FailOn {
        match self {
            Self::Error => FailOn::Error,
            Self::Warning => FailOn::Warning,
            Self::Note => FailOn::Note,
            Self::None => FailOn::None,
        }
    }
}

pub fn parse_date(s: &str) -> Result<Date, String> {
    crate::inventory::dates::parse(s).ok_or_else(|| {
        format!(
            "\"{s}\" is not a date; {}",
            crate::inventory::dates::EXPECTED
        )
    })
}

impl CommonArgs {
    /// What the command line says about the policy, for [`crate::policy::resolve`].
    pub fn policy_args(&self) -> PolicyArgs {
        PolicyArgs {
            fail_on: self.fail_on.map(FailOnArg::fail_on),
            allow_empty: self.allow_empty,
            ..self.policy.policy_args()
        }
    }
}

impl PolicyOptions {
    /// What the command line says about the policy, for [`crate::policy::resolve`] (`fail_on`
    /// and `allow_empty` are the scan's own).
    pub fn policy_args(&self) -> PolicyArgs {
        PolicyArgs {
            as_of: self.as_of,
            edition: self.edition.clone(),
            markets: self.markets.iter().map(|m| m.market()).collect(),
            mlps_grade: self.mlps_grade,
            cii: self.cii,
            us_federal: self.us_federal,
            procurement: self.procurement.map(ProcurementArg::buyer),
            min_domestic_share: self.min_domestic_share,
            allow: self.allow.clone(),
            warn: self.warn.clone(),
            deny: self.deny.clone(),
            columns: self.columns.clone(),
            certified: self.certified.clone(),
            answers: self.answers.clone(),
            fail_on: None,
            allow_empty: false,
        }
    }
}

impl CargoArgs {
    /// What `cargo metadata` is asked for, as these options of cargo's own say.
    pub fn cargo_options(&self) -> ingest::cargo::CargoOptions {
        let features = self
            .features
            .iter()
            .flat_map(|f| f.split([' ', ',']))
            .filter(|f| !f.is_empty())
            .map(str::to_string)
            .collect();
        ingest::cargo::CargoOptions {
            manifest_path: self.manifest_path.clone(),
            metadata_path: self.metadata_path.clone(),
            features,
            all_features: self.all_features,
            no_default_features: self.no_default_features,
            target: self.target.clone(),
            locked: self.locked,
            offline: self.offline,
            frozen: self.frozen,
            workspace: self.workspace,
            exclude: self.exclude.clone(),
            packages: self.packages.clone(),
            include_dev: self.dev_dependencies,
            include_build: self.build_dependencies,
        }
    }
}
