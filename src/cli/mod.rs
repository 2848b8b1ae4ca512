//! The `catscan` and `cargo catscan` command lines: parse the arguments, resolve the policy
//! ([`crate::policy::resolve`]), scan ([`crate::scan_with_progress`]), write the reports
//! ([`crate::report::write`]) and give the exit status. Nothing here decides what a finding is.
//!
//! Exit codes (the contract CI gates rely on): 0 when no finding is at or above `--fail-on`, 1 when
//! one is, 2 when the run could not be completed (an input could not be read, bad arguments, an
//! output that could not be written).

mod args;
mod ask;
mod catalogue;
mod explain;
mod export;
mod inputs;
mod progress;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use time::Date;

use crate::findings::Report;
use crate::findings::rules;
use crate::policy::baseline::Baseline;
use crate::policy::certified::CertifiedList;
use crate::policy::config::{self, Config};
use crate::policy::{self, FailOn, Policy, Resolved};
use crate::{ingest, report};
use args::{CargoCli, Cli, ColorChoice, Command, CommonArgs, PolicyOptions, ScanArgs};
use inputs::WorkspacePolicy;
use progress::Progress;

/// Runs the `catscan` binary.
pub fn catscan_main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Scan(args) => scan(*args),
        Command::Rules => {
            print!("{}", explain::rules_table(rules::all()));
            ExitCode::SUCCESS
        }
        Command::Catalogue { command } => catalogue::run(command),
        Command::Init { path, force } => init(&path, force),
        Command::Rule { id } => explain::explain(&id),
        Command::Ask(args) => ask::ask(*args),
        Command::Enrich(args) => ask::enrich(*args),
    }
}

/// The date the law is applied as of when nothing names one: today, in UTC.
fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
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

/// A scan: the policy (command line over policy file over defaults), the inputs, the scan, the
/// outputs, the exit status.
fn run(targets: Targets, args: CommonArgs) -> ExitCode {
    // Before anything is read: the policy file and the inputs are read within the limits.
    if let Err(e) = crate::limits::Limit::set_from_args(&args.policy.limits) {
        return fail(e);
    }
    let base = inputs::display_base();
    // A Cargo workspace: its metadata, and what its Cargo.toml declares (HBOMs, a policy).
    let mut workspace_policy = None;
    let workspace = match &targets.cargo {
        None => None,
        Some(options) => match inputs::prepare_workspace(options, &base) {
            Ok((input, hboms, policy)) => {
                workspace_policy = policy;
                Some((input, hboms))
            }
            Err(e) => return fail(e),
        },
    };
    let mut policy = match policy_of(&args.policy_args(), &args.policy, &base, workspace_policy) {
        Ok(policy) => policy,
        Err(e) => return fail(e),
    };
    if let Some(path) = &args.baseline {
        match Baseline::load(path, &ingest::display_path(path, &base)) {
            Ok(b) => policy.baseline = Some(b),
            Err(e) => return fail(e),
        }
    }
    let (mut inputs, unreadable) =
        match inputs::collect_inputs(&targets.paths, &targets.exclude, &base) {
            Ok(found) => found,
            Err(e) => return fail(e),
        };
    if let Some((workspace, hboms)) = workspace {
        let (hbom_inputs, _) = match inputs::collect_inputs(&hboms, &[], &base) {
            Ok(found) => found,
            Err(e) => return fail(e),
        };
        inputs.splice(0..0, std::iter::once(workspace).chain(hbom_inputs));
    }
    // Only the terminal text quotes the input's lines (the default format when none is named).
    policy.excerpts = args.format.is_empty() || args.format.contains(&report::Format::Terminal);
    let progress = Progress::new(inputs.len(), args.quiet);
    let threads = args.threads.map(usize::from);
    let mut report = crate::scan_with_progress(&inputs, &policy, threads, &|input| {
        progress.file_done(&input.source.display)
    });
    progress.finish();
    report.skipped.extend(unreadable);
    if let Err(e) = write_outputs(&report, &policy, &args) {
        return fail(e);
    }
    if !args.quiet {
        eprint!("{}", report::summary::render(&report));
    }
    if report.files.is_empty() && !policy.allow_empty {
        return fail(nothing_checked(&report));
    }
    exit_code(&report, policy.fail_on)
}

/// The policy a run is made under (the command line over the policy file over the defaults),
/// with the certified list and the supplier's answers it names read. `scan`, `cargo catscan`,
/// `ask` and `enrich` all come here, so the questions asked and the answers written are the
/// scan's own.
fn policy_of(
    args: &policy::PolicyArgs,
    options: &PolicyOptions,
    base: &Path,
    workspace_policy: Option<WorkspacePolicy>,
) -> Result<Policy, String> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let config = policy_file(options, &cwd, base, workspace_policy).map_err(|e| e.to_string())?;
    let Resolved {
        mut policy,
        certified,
        answers,
        warnings,
    } = policy::resolve(args, config, today()).map_err(|e| e.to_string())?;
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    if let Some(path) = &certified {
        let list = CertifiedList::load(path, &ingest::display_path(path, base))
            .map_err(|e| e.to_string())?;
        policy.certified = Some(list);
    }
    if let Some(path) = &answers {
        let answers = crate::questions::answers::load(path, &ingest::display_path(path, base))?;
        policy.answers = Some(answers);
    }
    Ok(policy)
}

/// The policy file that applies: `--config`, else the nearest catscan.toml, else the policy table
/// of the workspace's Cargo.toml; none with `--no-config`.
fn policy_file(
    args: &PolicyOptions,
    cwd: &Path,
    base: &Path,
    workspace_policy: Option<WorkspacePolicy>,
) -> Result<Option<Config>, config::ConfigError> {
    let config_path = match (&args.config, args.no_config) {
        (Some(p), _) => Some(p.clone()),
        (None, true) => None,
        (None, false) => config::discover(cwd),
    };
    match (&config_path, workspace_policy) {
        (Some(p), _) => config::load(p, &ingest::display_path(p, base)).map(Some),
        // No catscan.toml: the policy table of the workspace's Cargo.toml, if any.
        (None, Some((text, manifest, line))) if !args.no_config => {
            let display = ingest::display_path(&manifest, base);
            let dir = manifest.parent().map(Path::to_path_buf).unwrap_or_default();
            config::parse_embedded(&text, &display, &dir, line).map(Some)
        }
        _ => Ok(None),
    }
}

/// The outputs the options ask for, written by [`report::write`]: the formats (default: terminal,
/// wherever the output goes), where each goes, and whether the terminal text has colours.
fn write_outputs(report: &Report, policy: &Policy, args: &CommonArgs) -> Result<(), String> {
    use std::io::IsTerminal;
    let to_terminal =
        args.output.is_none() && args.output_dir.is_none() && std::io::stdout().is_terminal();
    // Human-readable text unless a format is asked for, wherever the output goes (as cargo-deny
    // and Trivy do): a pipe or a CI log gets the same text as a terminal, without colours.
    let mut formats = args.format.clone();
    if formats.is_empty() {
        formats.push(report::Format::Terminal);
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
        return Err("several --format values need --output-dir DIR to write them to".to_string());
    }
    if let Some(dir) = &args.output_dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let outputs: Vec<report::Output> = formats
        .into_iter()
        .map(|format| report::Output {
            format,
            destination: match &args.output_dir {
                Some(dir) => Some(dir.join(format.file_name())),
                None => args.output.clone(),
            },
        })
        .collect();
    let options = report::Options {
        color,
        include_suppressed: args.include_suppressed,
    };
    report::write(report, policy, &outputs, options)
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

/// Runs the `cargo-catscan` binary.
pub fn cargo_main() -> ExitCode {
    let CargoCli::Catscan(args) = CargoCli::parse();
    let options = args.cargo_options();
    run(
        Targets {
            paths: args.paths,
            exclude: Vec::new(),
            cargo: Some(options),
        },
        args.common,
    )
}

/// The exit status of a run that completed: 2 when an input could not be read, 1 when a finding
/// is at or above the policy's `fail-on`, else 0.
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
