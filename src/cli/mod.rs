//! The `catscan` command line.
//!
//! Exit codes (the contract CI gates rely on): 0 when no finding is at or above `--fail-on`, 1 when
//! one is, 2 when the run could not be completed (an input could not be read, bad arguments, an
//! output that could not be written).

mod ask;
mod catalogue;
mod explain;
mod export;
mod output;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use time::Date;

use crate::findings::Report;
use crate::findings::rules::{self, Level};
use crate::inventory::SourceFile;
use crate::knowledge::{self, BUILTIN, Knowledge};
use crate::policy::baseline::Baseline;
use crate::policy::certified::CertifiedList;
use crate::policy::config::{self, Setting};
use crate::policy::{Market, Policy};
use crate::{Input, ingest, report};

#[derive(Debug, Parser)]
#[command(
    name = "catscan",
    version,
    about = "Checks bills of materials against China's catalogue of critical network equipment and specialized cybersecurity products, and reports located, explained findings as SARIF.",
    after_help = "Exit status: 0 no finding at or above --fail-on; 1 findings at or above it; 2 the run could not be completed."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
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
    Ask(Box<ask::AskArgs>),
    /// Write a CycloneDX JSON BOM back with a supplier's answers as component properties.
    Enrich(ask::EnrichArgs),
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
enum CatalogueCommand {
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
enum ExportFormat {
    Markdown,
    Json,
}

#[derive(Debug, clap::Args)]
struct ScanArgs {
    /// Files or folders to scan. Folders are searched recursively, honouring .gitignore; files in
    /// them that are not bills of materials are skipped and counted.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Leave out files and folders matching this glob when searching folders (gitignore syntax,
    /// relative to the folder searched). Repeatable.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    #[command(flatten)]
    common: CommonArgs,
}

/// The options `catscan scan` and `cargo catscan` share: output, policy, reading.
#[derive(Debug, clap::Args)]
struct CommonArgs {
    /// Output formats, comma-separated (terminal, sarif, json, markdown, markdown-comment, github,
    /// html). Several need --output-dir. Default: terminal, wherever the output goes (colours
    /// only on a terminal); ask for sarif to upload to code scanning.
    #[arg(short, long, value_enum, value_delimiter = ',')]
    format: Vec<OutputFormat>,
    /// Colours in the terminal format: auto (when writing to a terminal and NO_COLOR is not
    /// set), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,
    /// Write the output to this file instead of standard output (one format).
    #[arg(short, long, value_name = "FILE", conflicts_with = "output_dir")]
    output: Option<PathBuf>,
    /// Write each format to this folder: catscan.sarif, catscan.json, catscan.md.
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// Exit with status 1 when a finding is at or above this level. Default: error, or the
    /// policy file's `fail-on`.
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOn>,
    /// Apply the law as of this date (YYYY-MM-DD): the catalogue edition in force and the
    /// numbering of the law depend on it. Default: today (UTC).
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    as_of: Option<Date>,
    /// Use this catalogue edition (cn-2017, cn-2023) whatever the date.
    #[arg(long, value_name = "ID")]
    edition: Option<String>,
    /// A CSV list of certified or tested products (columns vendor, model, number, and optionally
    /// product, kind, issued, expiry, in English or Chinese), matched to components by vendor and
    /// model: a matching row is evidence that the product may be sold.
    #[arg(long, value_name = "FILE")]
    certified: Option<PathBuf>,
    /// Markets the product is sold in; each market's rule families run, the others do not: cn
    /// (the catalogue, and the rules --cii, --mlps-grade and --procurement add) and us (FCC
    /// Covered List, Kaspersky; --us-federal adds NDAA §889). Repeatable. Default: cn, or the
    /// policy file's `markets`. An option of one market adds that market: --cii, --mlps-grade,
    /// --procurement and --min-domestic-share add cn, --us-federal adds us. Every report's summary
    /// says which rule families ran and why the others did not.
    #[arg(long = "market", value_enum, value_name = "MARKET")]
    markets: Vec<MarketArg>,
    /// The products go into a system of this MLPS grade (1-5); 3 or higher requires security
    /// products from a developer incorporated and controlled in China.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5), value_name = "N")]
    mlps_grade: Option<u8>,
    /// The buyer operates critical information infrastructure in China. Adds --market cn.
    #[arg(long)]
    cii: bool,
    /// Sold to, or used in a contract with, the US federal government (NDAA §889). Adds
    /// --market us.
    #[arg(long)]
    us_federal: bool,
    /// The buyer is bound by Chinese government-procurement rules: cn-government (party and
    /// government organs at township level and above: the CPU/OS demand standards) or cn-central
    /// (central state organs: also the central procurement centre's lists).
    #[arg(long, value_enum, value_name = "BUYER")]
    procurement: Option<ProcurementArg>,
    /// The least share of key components (catalogue products, CPUs, operating systems,
    /// databases, security software) from vendors controlled from China: 0.75 or 75%.
    #[arg(long, value_parser = parse_share, value_name = "SHARE")]
    min_domestic_share: Option<rust_decimal::Decimal>,
    /// Turn a rule or a family of rules off (like clippy's -A). Repeatable.
    #[arg(short = 'A', long = "allow", value_name = "RULE")]
    allow: Vec<String>,
    /// Report a rule or family as a warning. Repeatable.
    #[arg(short = 'W', long = "warn", value_name = "RULE")]
    warn: Vec<String>,
    /// Report a rule or family as an error. Repeatable.
    #[arg(short = 'D', long = "deny", value_name = "RULE")]
    deny: Vec<String>,
    /// The policy file. Default: the nearest catscan.toml at or above the working directory.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Do not read any catscan.toml.
    #[arg(long)]
    no_config: bool,
    /// The supplier's answers to `catscan ask` (the workbook or CSV, filled in): merged into the
    /// components of the BOM they are about before it is evaluated.
    #[arg(long, value_name = "FILE")]
    answers: Option<PathBuf>,
    /// Report only findings that this earlier catscan SARIF log does not have.
    #[arg(long, value_name = "SARIF")]
    baseline: Option<PathBuf>,
    /// Keep findings suppressed by an exception in the SARIF, with a `suppressions` entry. GitHub
    /// code scanning ignores `suppressions` and would show them as open alerts, so they are left
    /// out by default.
    #[arg(long)]
    include_suppressed: bool,
    /// Part-list columns whose headers catscan does not recognise, as FIELD=HEADER pairs:
    /// `manufacturer=Maker,part-number=Item No.` (fields: manufacturer, supplier, part-number,
    /// name, description, quantity, unit-price, country-of-origin, category, kind, purl, cpe, reference).
    #[arg(long, value_name = "FIELD=HEADER,...")]
    columns: Option<String>,
    /// Raise (or lower) one of the limits that bound what an input can make catscan do, as
    /// NAME=VALUE: `--limit input-size=4GiB`. Repeatable. Limits are set here only, never in
    /// catscan.toml, which a pull request controls. The limits: input-size, stream-size,
    /// nesting-depth, xlsx-inflated-size, xlsx-rows, xlsx-cells, cel-size, cel-depth,
    /// cel-comprehension-depth, cel-steps, diagnostics-per-code, baseline-size, data-file-size
    /// (see the README's Security section for their defaults).
    #[arg(long = "limit", value_name = "NAME=VALUE")]
    limits: Vec<String>,
    /// Files scanned at the same time (default: one per core). The output does not depend on it.
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Do not print the run summary on standard error.
    #[arg(short, long)]
    quiet: bool,
    /// Exit with status 0 when no file is a bill of materials (every file skipped). Without it
    /// such a run exits with status 2: nothing was checked, which must not pass as clean. Also
    /// `allow-empty = true` in the policy file.
    #[arg(long)]
    allow_empty: bool,
}

/// A progress bar on standard error while files are scanned: only when standard error is a
/// terminal, and only once the run has lasted more than a moment, so that quick runs and CI logs
/// stay clean.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    started: std::time::Instant,
}

impl Progress {
    /// How long a run goes before the bar appears.
    const AFTER: std::time::Duration = std::time::Duration::from_millis(700);

    fn new(files: usize, quiet: bool) -> Self {
        use std::io::IsTerminal;
        let bar = (!quiet && std::io::stderr().is_terminal() && files > 1).then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(files as u64),
                indicatif::ProgressDrawTarget::hidden(),
            );
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} scanning {pos}/{len} files {wide_msg}",
                )
                .expect("the template is valid"),
            );
            bar
        });
        Progress {
            bar,
            started: std::time::Instant::now(),
        }
    }

    fn file_done(&self, name: &str) {
        if let Some(bar) = &self.bar {
            if bar.is_hidden() && self.started.elapsed() > Self::AFTER {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
            bar.set_message(crate::report::escape::terminal(name).into_owned());
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MarketArg {
    Cn,
    Us,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ProcurementArg {
    CnCentral,
    CnGovernment,
}

impl ProcurementArg {
    fn buyer(self) -> crate::knowledge::Buyer {
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
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// Findings with the lines of the input, reasons and paths, for a person at a terminal.
    Terminal,
    /// SARIF 2.1.0, for GitHub code scanning and SARIF viewers.
    Sarif,
    /// The report as JSON (docs/json-report.md), suppressed findings included.
    Json,
    /// A Markdown report, for a job summary (at most 1 MiB).
    Markdown,
    /// A short Markdown report for a pull-request comment (at most 65,536 characters): counts
    /// and the first findings.
    MarkdownComment,
    /// GitHub Actions annotations (workflow commands), for repositories without code scanning.
    Github,
    /// A self-contained HTML report with filters.
    Html,
}

impl OutputFormat {
    fn file_name(self) -> &'static str {
        match self {
            Self::Terminal => "catscan.txt",
            Self::Sarif => "catscan.sarif",
            Self::Json => "catscan.json",
            Self::Markdown => "catscan.md",
            Self::MarkdownComment => "catscan.comment.md",
            Self::Github => "catscan.annotations",
            Self::Html => "catscan.html",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "lower")]
enum FailOn {
    Error,
    Warning,
    Note,
    None,
}

impl FailOn {
    fn threshold(self) -> Option<Level> {
        match self {
            Self::Error => Some(Level::Error),
            Self::Warning => Some(Level::Warning),
            Self::Note => Some(Level::Note),
            Self::None => None,
        }
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    crate::inventory::dates::parse(s).ok_or_else(|| {
        format!(
            "\"{s}\" is not a date; {}",
            crate::inventory::dates::EXPECTED
        )
    })
}

/// Runs the `catscan` binary.
pub fn catscan_main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Scan(args) => scan(*args),
        Command::Rules => {
            for r in rules::all() {
                println!(
                    "{:34} {:8} {:13} {}",
                    r.id,
                    r.default_level.as_str(),
                    r.family.as_str(),
                    r.summary
                );
            }
            ExitCode::SUCCESS
        }
        Command::Catalogue { command } => catalogue_command(command),
        Command::Init { path, force } => init(&path, force),
        Command::Rule { id } => explain::explain(&id),
        Command::Ask(args) => ask::ask(*args),
        Command::Enrich(args) => ask::enrich(args),
    }
}

fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

fn catalogue_command(command: CatalogueCommand) -> ExitCode {
    let knowledge = Knowledge::builtin();
    let edition_ids = || {
        knowledge
            .editions
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match command {
        CatalogueCommand::Categories => {
            print!("{}", catalogue::categories(knowledge));
            ExitCode::SUCCESS
        }
        CatalogueCommand::Facts { as_of } => match knowledge::facts::count(&BUILTIN) {
            Ok(count) => write_stdout(&catalogue::facts(
                knowledge,
                &count,
                as_of.unwrap_or_else(today),
            )),
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        CatalogueCommand::Export { format } => {
            let text = knowledge::facts::count(&BUILTIN).and_then(|count| match format {
                ExportFormat::Markdown => Ok(export::markdown(knowledge, &count)),
                ExportFormat::Json => export::json(knowledge, &BUILTIN, &count),
            });
            match text {
                Ok(text) => write_stdout(&text),
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        CatalogueCommand::List { edition, as_of } => {
            let date = as_of.unwrap_or_else(today);
            let chosen = match &edition {
                Some(id) => knowledge.edition(id),
                None => knowledge.edition_on(date),
            };
            match chosen {
                Some(e) => {
                    print!("{}", catalogue::list(knowledge, e, Some(date)));
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!(
                        "error: no such edition, or none in force on {date}; the editions are: {}",
                        edition_ids()
                    );
                    ExitCode::from(2)
                }
            }
        }
        CatalogueCommand::Show { item, as_of } => {
            let (edition, id) = match item.split_once('/') {
                Some((e, i)) => (knowledge.edition(e), i.to_string()),
                None => (
                    knowledge.edition_on(as_of.unwrap_or_else(today)),
                    item.clone(),
                ),
            };
            match edition.and_then(|e| e.item(&id).map(|i| (e, i))) {
                Some((e, i)) => {
                    print!("{}", catalogue::show(knowledge, e, i));
                    ExitCode::SUCCESS
                }
                None => {
                    let all: Vec<String> = knowledge
                        .editions
                        .iter()
                        .flat_map(|e| e.items.iter().map(move |i| format!("{}/{}", e.id, i.id)))
                        .collect();
                    eprintln!(
                        "error: no item \"{item}\"; the items are: {}",
                        all.join(", ")
                    );
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// Writes a command's whole output; a standard output that cannot take it (closed, full) ends
/// the command with exit status 2 and says so, instead of a panic.
fn write_stdout(text: &str) -> ExitCode {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            ExitCode::from(2)
        }
    }
}

fn init(path: &Path, force: bool) -> ExitCode {
    if path.exists() && !force {
        eprintln!(
            "error: {} exists; use --force to overwrite it",
            path.display()
        );
        return ExitCode::from(2);
    }
    match std::fs::write(path, config::TEMPLATE) {
        Ok(()) => {
            eprintln!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            ExitCode::from(2)
        }
    }
}

/// Prints an error for a run that cannot start, and gives the exit status for it.
/// Prints an error and returns exit status 2. The message can quote an input (a policy file's
/// line, a file name found in a folder): each of its lines is escaped for the terminal (see
/// `report::escape`), so that no input text starts a line of its own.
fn fail(message: impl std::fmt::Display) -> ExitCode {
    let message = message.to_string();
    let lines: Vec<_> = message
        .split('\n')
        .map(crate::report::escape::terminal)
        .collect();
    eprintln!("error: {}", lines.join("\n"));
    ExitCode::from(2)
}

/// What to scan besides the options: paths, and for `cargo catscan` a workspace.
struct Targets {
    paths: Vec<PathBuf>,
    exclude: Vec<String>,
    cargo: Option<ingest::cargo::CargoOptions>,
}

fn scan(args: ScanArgs) -> ExitCode {
    run(
        Targets {
            paths: args.paths,
            exclude: args.exclude,
            cargo: None,
        },
        args.common,
    )
}

fn run(targets: Targets, args: CommonArgs) -> ExitCode {
    // Before anything is read: the policy file and the inputs are read within the limits.
    if let Err(e) = crate::limits::Limit::set_from_args(&args.limits) {
        return fail(e);
    }
    let base = display_base();
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    // A Cargo workspace: its metadata, and what its Cargo.toml declares (HBOMs, a policy).
    let mut workspace_policy = None;
    let workspace = match &targets.cargo {
        None => None,
        Some(options) => match prepare_workspace(options, &base) {
            Ok((input, hboms, policy)) => {
                workspace_policy = policy;
                Some((input, hboms))
            }
            Err(e) => return fail(e),
        },
    };
    let config_path = match (&args.config, args.no_config) {
        (Some(p), _) => Some(p.clone()),
        (None, true) => None,
        (None, false) => config::discover(&cwd),
    };
    let config = match (&config_path, workspace_policy) {
        (Some(p), _) => match config::load(p, &ingest::display_path(p, &base)) {
            Ok(c) => Some(c),
            Err(e) => return fail(e),
        },
        // No catscan.toml: the policy table of the workspace's Cargo.toml, if any.
        (None, Some((text, manifest, line))) if !args.no_config => {
            let display = ingest::display_path(&manifest, &base);
            let dir = manifest.parent().map(Path::to_path_buf).unwrap_or_default();
            match config::parse_embedded(&text, &display, &dir, line) {
                Ok(c) => Some(c),
                Err(e) => return fail(e),
            }
        }
        _ => None,
    };
    let knowledge = match Knowledge::with_extra(
        config.as_ref().map_or(&[][..], |c| &c.extra_packs[..]),
        config.as_ref().map_or(&[][..], |c| &c.extra_vendors[..]),
    ) {
        Ok(k) => k,
        Err(e) => return fail(e),
    };
    let as_of = args
        .as_of
        .or(config.as_ref().and_then(|c| c.as_of))
        .unwrap_or_else(today);
    let mut policy = Policy::new(as_of);
    policy.knowledge = knowledge;
    let mut fail_on = args.fail_on;
    let mut certified = args.certified.clone();
    let mut allow_empty = args.allow_empty;
    if let Some(c) = config {
        allow_empty |= c.allow_empty.unwrap_or(false);
        policy.file = Some(c.file.clone());
        policy.edition = c.edition;
        if let Some(m) = c.markets {
            policy.markets = m.into_iter().collect();
        }
        policy.mlps_grade = c.mlps_grade;
        policy.cii = c.cii.unwrap_or(false);
        policy.us_federal = c.us_federal.unwrap_or(false);
        policy.procurement = c.procurement;
        policy.min_domestic_share = c.min_domestic_share;
        certified = certified.or(c.certified);
        for (rule, setting) in c.levels {
            policy.levels.insert(rule, setting.level());
        }
        policy.exceptions = c.exceptions;
        policy.read.columns.map = c.columns;
        policy.custom_rules = c.custom_rules;
        if fail_on.is_none() {
            fail_on = c.fail_on.and_then(|f| FailOn::from_str(&f, true).ok());
        }
    }
    if !args.markets.is_empty() {
        policy.markets = args
            .markets
            .iter()
            .map(|m| match m {
                MarketArg::Cn => Market::Cn,
                MarketArg::Us => Market::Us,
            })
            .collect();
    }
    if let Some(spec) = &args.columns {
        match crate::ingest::partlist::ColumnOverrides::parse(spec) {
            Ok(given) => {
                for (field, header) in given.map {
                    policy.read.columns.map.retain(|(f, _)| *f != field);
                    policy.read.columns.map.push((field, header));
                }
            }
            Err(e) => return fail(format!("--columns: {e}")),
        }
    }
    if args.mlps_grade.is_some() {
        policy.mlps_grade = args.mlps_grade;
    }
    policy.cii |= args.cii;
    if let Some(p) = args.procurement {
        policy.procurement = Some(p.buyer());
    }
    if args.min_domestic_share.is_some() {
        policy.min_domestic_share = args.min_domestic_share;
    }
    policy.us_federal |= args.us_federal;
    // One rule for markets: the markets chosen (default cn) select the rule families that run,
    // and an option that only has a meaning in a market adds that market, so that `--market us
    // --cii` runs the Chinese rules the --cii asks for as `--us-federal` runs the US ones.
    if policy.us_federal {
        policy.markets.insert(Market::Us);
    }
    if policy.cii
        || policy.mlps_grade.is_some()
        || policy.procurement.is_some()
        || policy.min_domestic_share.is_some()
    {
        policy.markets.insert(Market::Cn);
    }
    let custom_ids: Vec<&str> = policy.custom_rules.iter().map(|c| c.rule.id).collect();
    for (names, setting) in [
        (&args.allow, Setting::Allow),
        (&args.warn, Setting::Level(Level::Warning)),
        (&args.deny, Setting::Level(Level::Error)),
    ] {
        for name in names {
            let known = rules::by_id(name).is_some()
                || custom_ids.contains(&name.as_str())
                || rules::all().any(|r| r.family.as_str() == name);
            if !known {
                return fail(format!(
                    "no rule or family \"{name}\"; `catscan rules` lists them"
                ));
            }
            policy.levels.insert(name.clone(), setting.level());
        }
    }
    if let Some(id) = &args.edition {
        policy.edition = Some(id.clone());
    }
    if let Some(id) = &policy.edition
        && knowledge.edition(id).is_none()
    {
        let ids: Vec<&str> = knowledge.editions.iter().map(|e| e.id.as_str()).collect();
        return fail(format!(
            "no catalogue edition \"{id}\"; the editions are: {}",
            ids.join(", ")
        ));
    }
    if let Some(path) = &certified {
        match CertifiedList::load(path, &ingest::display_path(path, &base)) {
            Ok(list) => policy.certified = Some(list),
            Err(e) => return fail(e),
        }
    }
    if let Some(path) = &args.baseline {
        match Baseline::load(path, &ingest::display_path(path, &base)) {
            Ok(b) => policy.baseline = Some(b),
            Err(e) => return fail(e),
        }
    }
    if let Some(path) = &args.answers {
        match crate::questions::answers::load(path, &ingest::display_path(path, &base)) {
            Ok(answers) => policy.answers = Some(answers),
            Err(e) => return fail(e),
        }
    }
    let (mut inputs, unreadable) = match collect_inputs(&targets.paths, &targets.exclude, &base) {
        Ok(found) => found,
        Err(e) => return fail(e),
    };
    if let Some((workspace, hboms)) = workspace {
        let (hbom_inputs, _) = match collect_inputs(&hboms, &[], &base) {
            Ok(found) => found,
            Err(e) => return fail(e),
        };
        inputs.splice(0..0, std::iter::once(workspace).chain(hbom_inputs));
    }
    let progress = Progress::new(inputs.len(), args.quiet);
    let threads = args.threads.map(usize::from);
    let mut report = crate::scan_with_progress(&inputs, &policy, threads, &|input| {
        progress.file_done(&input.source.display)
    });
    progress.finish();
    report.skipped.extend(unreadable);
    let options = report::sarif::Options {
        include_suppressed: args.include_suppressed,
    };
    use std::io::IsTerminal;
    let to_terminal =
        args.output.is_none() && args.output_dir.is_none() && std::io::stdout().is_terminal();
    // Human-readable text unless a format is asked for, wherever the output goes (as cargo-deny
    // and Trivy do): a pipe or a CI log gets the same text as a terminal, without colours.
    let mut formats = args.format.clone();
    if formats.is_empty() {
        formats.push(OutputFormat::Terminal);
    }
    formats.dedup();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    if formats.len() > 1 && args.output_dir.is_none() {
        return fail("several --format values need --output-dir DIR to write them to");
    }
    if let Some(dir) = &args.output_dir
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        return fail(format!("cannot create {}: {e}", dir.display()));
    }
    // Every format is rendered and checked before any is put in place: all or none.
    let mut rendered = Vec::new();
    for format in formats {
        let path = match &args.output_dir {
            Some(dir) => Some(dir.join(format.file_name())),
            None => args.output.clone(),
        };
        let output = output::Rendered::new(
            path.as_deref(),
            |out| match format {
                OutputFormat::Terminal => out.write_all(&report::terminal::render(&report, color)),
                OutputFormat::Sarif => report::sarif::write(out, &report, &policy, options),
                OutputFormat::Json => report::json::write(out, &report),
                OutputFormat::Markdown => {
                    out.write_all(report::markdown::render(&report).as_bytes())
                }
                OutputFormat::MarkdownComment => {
                    out.write_all(report::markdown::render_comment(&report).as_bytes())
                }
                OutputFormat::Github => out.write_all(report::github::render(&report).as_bytes()),
                OutputFormat::Html => out.write_all(report::html::render(&report).as_bytes()),
            },
            |log| match format {
                OutputFormat::Sarif => report::sarif::check_github_limits(&report, &policy, log),
                _ => Ok(()),
            },
        );
        match output {
            Ok(output) => rendered.push(output),
            Err(e) => return fail(e),
        }
    }
    for output in rendered {
        if let Err(e) = output.commit() {
            return fail(e);
        }
    }
    if !args.quiet {
        eprint!("{}", report::summary::render(&report));
    }
    if report.files.is_empty() && !allow_empty {
        return fail(nothing_checked(&report));
    }
    exit_code(&report, fail_on.unwrap_or(FailOn::Error))
}

/// The error of a run that found no bill of materials: it checked nothing, which must not pass
/// as clean (a wrong path, a folder of the wrong files). Says how many files were skipped and why.
fn nothing_checked(report: &Report) -> String {
    let skipped = report.skipped.len();
    let reasons = report::summary::skip_reasons(report);
    let why = if reasons.is_empty() {
        String::new()
    } else {
        format!(" ({})", reasons.join("; "))
    };
    format!(
        "nothing was checked: no bill of materials was found; {skipped} {} skipped{why}. Name the BOM files or folders to scan, or pass --allow-empty (allow-empty = true in catscan.toml) to exit with status 0 when there is none",
        if skipped == 1 {
            "file was"
        } else {
            "files were"
        }
    )
}

/// A policy table of a Cargo.toml: its text, the manifest, and the line of its header.
type WorkspacePolicy = (String, PathBuf, usize);

/// Runs `cargo metadata` (or reads the saved output), and reads the workspace once to learn the
/// HBOMs and the policy its Cargo.toml declares. Returns the input that scans the workspace.
fn prepare_workspace(
    options: &ingest::cargo::CargoOptions,
    base: &Path,
) -> Result<(Input, Vec<PathBuf>, Option<WorkspacePolicy>), String> {
    let metadata = ingest::cargo::metadata(options)?;
    let lock_path = PathBuf::from(metadata.workspace_root.as_std_path()).join("Cargo.lock");
    // Saved metadata from another checkout names a root that does not exist here: the lock file
    // is then looked for beside the manifest, or in the working directory.
    let lock_path = if lock_path.exists() {
        lock_path
    } else {
        options
            .manifest_path
            .as_ref()
            .and_then(|m| m.parent().map(|d| d.join("Cargo.lock")))
            .or_else(|| {
                options
                    .metadata_path
                    .as_ref()
                    .and_then(|m| m.parent().map(|d| d.join("Cargo.lock")))
            })
            .unwrap_or_else(|| PathBuf::from("Cargo.lock"))
    };
    let source = SourceFile {
        display: ingest::display_path(&lock_path, base),
        path: lock_path,
    };
    let text = if source.path.exists() {
        std::fs::read_to_string(&source.path)
            .map_err(|e| format!("{}: cannot read the file: {e}", source.display))?
    } else {
        String::new()
    };
    let workspace = ingest::cargo::read_workspace(&metadata, source.clone(), &text, options)
        .map_err(|e| e.to_string())?;
    let hboms = workspace.hboms.clone();
    let policy = workspace.policy.clone();
    drop(workspace);
    let input = Input {
        source,
        named: true,
        cargo: Some(std::sync::Arc::new(crate::CargoJob {
            metadata,
            options: options.clone(),
        })),
    };
    Ok((input, hboms, policy))
}

/// `cargo catscan`: cargo runs `cargo-catscan catscan ARGS`.
#[derive(Debug, Parser)]
#[command(name = "cargo", bin_name = "cargo")]
enum CargoCli {
    /// Checks a Rust workspace: its crates as components, located in Cargo.lock, with the
    /// product declared in [package.metadata.catscan], and the HBOMs it names.
    #[command(version)]
    Catscan(CargoArgs),
}

#[derive(Debug, clap::Args)]
struct CargoArgs {
    /// Path to Cargo.toml.
    #[arg(long, value_name = "PATH")]
    manifest_path: Option<PathBuf>,
    /// A saved `cargo metadata --format-version 1` output to read instead of running cargo.
    #[arg(long, value_name = "PATH")]
    metadata_path: Option<PathBuf>,
    /// Check every member of the workspace.
    #[arg(long)]
    workspace: bool,
    /// Members to leave out (with --workspace).
    #[arg(long, value_name = "SPEC")]
    exclude: Vec<String>,
    /// Members to check.
    #[arg(short, long = "package", value_name = "SPEC")]
    packages: Vec<String>,
    /// Features to activate (space or comma separated).
    #[arg(short = 'F', long, value_name = "FEATURES")]
    features: Vec<String>,
    /// Activate all features.
    #[arg(long)]
    all_features: bool,
    /// Do not activate the default feature.
    #[arg(long)]
    no_default_features: bool,
    /// Only dependencies for this target triple.
    #[arg(long, value_name = "TRIPLE")]
    target: Option<String>,
    /// Require Cargo.lock to be up to date.
    #[arg(long)]
    locked: bool,
    /// Run without accessing the network.
    #[arg(long)]
    offline: bool,
    /// --locked and --offline.
    #[arg(long)]
    frozen: bool,
    /// Include dev-dependencies of the checked members.
    #[arg(long)]
    dev_dependencies: bool,
    /// Include build-dependencies.
    #[arg(long)]
    build_dependencies: bool,
    /// More BOM files or folders to scan with the workspace (HBOMs are also taken from
    /// [package.metadata.catscan] hboms).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    common: CommonArgs,
}

/// Runs the `cargo-catscan` binary.
pub fn cargo_main() -> ExitCode {
    let CargoCli::Catscan(args) = CargoCli::parse();
    let features = args
        .features
        .iter()
        .flat_map(|f| f.split([' ', ',']))
        .filter(|f| !f.is_empty())
        .map(str::to_string)
        .collect();
    let options = ingest::cargo::CargoOptions {
        manifest_path: args.manifest_path,
        metadata_path: args.metadata_path,
        features,
        all_features: args.all_features,
        no_default_features: args.no_default_features,
        target: args.target,
        locked: args.locked,
        offline: args.offline,
        frozen: args.frozen,
        workspace: args.workspace,
        exclude: args.exclude,
        packages: args.packages,
        include_dev: args.dev_dependencies,
        include_build: args.build_dependencies,
    };
    run(
        Targets {
            paths: args.paths,
            exclude: Vec::new(),
            cargo: Some(options),
        },
        args.common,
    )
}

fn exit_code(report: &Report, fail_on: FailOn) -> ExitCode {
    if report.has_read_errors() {
        return ExitCode::from(2);
    }
    let failing = fail_on
        .threshold()
        .is_some_and(|t| report.worst_level().is_some_and(|w| w >= t));
    if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Paths in reports are relative to the repository the run is in (found by looking for `.git`
/// upwards from the working directory), so that code scanning finds the files; outside a
/// repository, relative to the working directory.
fn display_base() -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    cwd.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
        .unwrap_or(cwd)
}

/// The files to scan: named files as they are; folders searched recursively in name order,
/// honouring `.gitignore`, skipping hidden files and what `--exclude` names; a path with glob
/// characters (`boms/**/*.cdx.json`, quoted so that the shell leaves it alone) matched against
/// the files under its literal prefix. Also returns the entries that could not be visited, and
/// why: nothing is skipped silently.
fn collect_inputs(
    paths: &[PathBuf],
    excludes: &[String],
    base: &Path,
) -> Result<(Vec<Input>, Vec<Skipped>), String> {
    let mut inputs = Vec::new();
    let mut unreadable = Vec::new();
    for path in paths {
        let text = path.to_string_lossy();
        let is_glob = !path.exists() && text.contains(['*', '?', '[']);
        if path.is_dir() || is_glob {
            let (root, pattern) = if is_glob {
                split_glob(&text)
            } else {
                (path.clone(), None)
            };
            let mut overrides = ignore::overrides::OverrideBuilder::new(&root);
            if let Some(p) = &pattern {
                overrides
                    .add(p)
                    .map_err(|e| format!("{text}: not a valid glob: {e}"))?;
            }
            for x in excludes {
                overrides
                    .add(&format!("!{x}"))
                    .map_err(|e| format!("--exclude {x}: not a valid glob: {e}"))?;
            }
            let overrides = overrides.build().map_err(|e| format!("--exclude: {e}"))?;
            let walker = ignore::WalkBuilder::new(&root)
                .overrides(overrides)
                .sort_by_file_name(|a, b| a.cmp(b))
                .build();
            let before = inputs.len();
            let mut links = Vec::new();
            for entry in walker {
                match entry {
                    Ok(entry) if entry.path_is_symlink() => links.push(entry.into_path()),
                    Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                        let p = entry.into_path();
                        inputs.push(Input {
                            source: SourceFile {
                                display: ingest::display_path(&p, base),
                                path: p,
                            },
                            named: false,
                            cargo: None,
                        });
                    }
                    Ok(entry) if entry.file_type().is_some_and(|t| t.is_dir()) => {}
                    Ok(entry) => unreadable.push((
                        ingest::display_path(entry.path(), base),
                        "not a regular file: a device, socket or pipe".to_string(),
                    )),
                    // The error's text names the path it is about.
                    Err(e) => {
                        unreadable.push((text.to_string(), format!("could not be visited: {e}")))
                    }
                }
            }
            follow_links(&root, links, &mut inputs, &mut unreadable, base);
            if is_glob && inputs.len() == before {
                return Err(format!("{text}: no file matches this pattern"));
            }
        } else {
            // `-` is standard input, read once like any other input.
            let display = if ingest::is_stdin(path) {
                "stdin".to_string()
            } else {
                ingest::display_path(path, base)
            };
            inputs.push(Input {
                source: SourceFile {
                    display,
                    path: path.clone(),
                },
                named: true,
                cargo: None,
            });
        }
    }
    Ok((inputs, unreadable))
}

/// A path that was not scanned, and why.
type Skipped = (String, String);

/// The symbolic links found in a folder: a link to a file inside the folder is followed, and
/// the file is scanned under its own path (code scanning cannot show a file through a link), once
/// even when the walk also found it; a link that leads out of the folder, to a folder, or nowhere
/// is skipped with the reason. Nothing is dropped silently.
fn follow_links(
    root: &Path,
    links: Vec<PathBuf>,
    inputs: &mut Vec<Input>,
    skipped: &mut Vec<Skipped>,
    base: &Path,
) {
    if links.is_empty() {
        return;
    }
    let Ok(root_real) = std::fs::canonicalize(root) else {
        return;
    };
    let mut scanned: std::collections::HashSet<PathBuf> = inputs
        .iter()
        .filter_map(|i| std::fs::canonicalize(&i.source.path).ok())
        .collect();
    for link in links {
        let shown = ingest::display_path(&link, base);
        let written = std::fs::read_link(&link)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        let Ok(target) = std::fs::canonicalize(&link) else {
            skipped.push((
                shown,
                format!("broken symbolic link: its target {written} does not exist"),
            ));
            continue;
        };
        let Ok(inside) = target.strip_prefix(&root_real) else {
            skipped.push((
                shown,
                format!(
                    "symbolic link out of the scanned folder: to {}, not followed",
                    target.display()
                ),
            ));
            continue;
        };
        if target.is_dir() {
            skipped.push((
                shown,
                format!("symbolic link to a folder: {written}, not followed (name the folder to scan it)"),
            ));
            continue;
        }
        let path = root.join(inside);
        let display = ingest::display_path(&path, base);
        if !scanned.insert(target) {
            skipped.push((
                shown,
                format!("symbolic link to a file scanned under its own path: {display}"),
            ));
            continue;
        }
        inputs.push(Input {
            source: SourceFile { display, path },
            named: false,
            cargo: None,
        });
    }
}

/// `boms/suppliers/**/*.json` → (`boms/suppliers`, `**/*.json`): the folder to walk and the
/// pattern relative to it.
fn split_glob(text: &str) -> (PathBuf, Option<String>) {
    let parts: Vec<&str> = text.split('/').collect();
    let literal = parts
        .iter()
        .take_while(|p| !p.contains(['*', '?', '[']))
        .count();
    let root = if literal == 0 {
        PathBuf::from(".")
    } else {
        PathBuf::from(parts[..literal].join("/"))
    };
    (root, Some(parts[literal..].join("/")))
}
