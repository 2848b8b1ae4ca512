//! `catscan ask` and `catscan enrich`: the questionnaire for a supplier, and a BOM written back
//! with the supplier's answers (see `crate::questions`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::args::PolicyOptions;
use super::fail;
use super::inputs::display_base;
use crate::inventory::SourceFile;
use crate::policy::Policy;
use crate::report::output;
use crate::{ingest, questions};

#[derive(Debug, clap::Args)]
pub(super) struct AskArgs {
    /// The BOM to ask about.
    #[arg(value_name = "BOM")]
    bom: PathBuf,
    /// Where to write the questionnaire. Default: standard output (Markdown).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// xlsx (for the supplier to fill in), csv or markdown. Default: from the output file's
    /// extension, else markdown.
    #[arg(short, long, value_enum)]
    format: Option<QuestionFormat>,
    // The scan's own policy options and policy file, so that the questions are the open findings
    // of the scan; with --answers, those the answers leave open (a second round).
    #[command(flatten)]
    policy: PolicyOptions,
}

#[derive(Debug, clap::Args)]
pub(super) struct EnrichArgs {
    /// The BOM the questions were asked about (CycloneDX JSON, SPDX 2 JSON or tag-value, SPDX 3 JSON-LD).
    #[arg(value_name = "BOM")]
    bom: PathBuf,
    /// Where to write the enriched BOM. Default: standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    // The answers (--answers, or the policy file's `answers`) and the policy they are checked
    // under, as for a scan.
    #[command(flatten)]
    policy: PolicyOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum QuestionFormat {
    Xlsx,
    Csv,
    Markdown,
}

/// The policy of a scan with these options: limits, policy file, certified list, answers.
fn policy(options: &PolicyOptions) -> Result<Policy, String> {
    crate::limits::Limit::set_from_args(&options.limits)?;
    super::policy_of(&options.policy_args(), options, &display_base(), None)
}

fn source(path: &std::path::Path) -> SourceFile {
    SourceFile {
        display: ingest::display_path(path, &display_base()),
        path: path.to_path_buf(),
    }
}

/// Writes bytes to the output file, whole or not at all, or to standard output.
fn write(path: Option<&std::path::Path>, bytes: &[u8]) -> Result<(), String> {
    output::Rendered::new(path, |out| out.write_all(bytes), |_| Ok(()))?.commit()
}

pub(super) fn ask(args: AskArgs) -> ExitCode {
    let policy = match policy(&args.policy) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let format = args.format.unwrap_or_else(|| {
        match args
            .output
            .as_ref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("xlsx") => QuestionFormat::Xlsx,
            Some("csv") => QuestionFormat::Csv,
            _ => QuestionFormat::Markdown,
        }
    });
    if format == QuestionFormat::Xlsx && args.output.is_none() {
        return fail("--format xlsx needs --output FILE (a workbook is not written to a terminal)");
    }
    let questionnaire = match questions::ask(&source(&args.bom), &policy) {
        Ok(q) => q,
        Err(e) => return fail(e),
    };
    let bytes = match format {
        QuestionFormat::Xlsx => questions::xlsx::write(&questionnaire, policy.knowledge),
        QuestionFormat::Csv => questions::text::csv(&questionnaire),
        QuestionFormat::Markdown => Ok(questions::text::markdown(&questionnaire).into_bytes()),
    };
    let written = bytes.and_then(|b| write(args.output.as_deref(), &b));
    if let Err(e) = written {
        return fail(e);
    }
    let components = {
        let mut seen: Vec<&str> = questionnaire
            .questions
            .iter()
            .map(|q| q.subject.fingerprint.as_str())
            .collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    };
    // Undecided findings no answer can settle (the catalogue's own text is unclear) are named
    // only when there are some: "0 findings … need no answer" reads as a double negative.
    let unanswerable = match questionnaire.unanswerable.len() {
        0 => String::new(),
        n => format!(
            "; {n} more finding{} cannot be decided, but not for want of an answer from the supplier (the catalogue's own text is unclear)",
            if n == 1 { "" } else { "s" }
        ),
    };
    let written = args
        .output
        .as_ref()
        .map(|p| format!(", written to {}", p.display()))
        .unwrap_or_default();
    let counted = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    match questionnaire.questions.len() {
        0 => eprintln!(
            "No question for the supplier about {}{written}{unanswerable}",
            questionnaire.file
        ),
        n => eprintln!(
            "{} about {} of {}{written}{unanswerable}",
            counted(n, "question"),
            counted(components, "component"),
            questionnaire.file
        ),
    }
    ExitCode::SUCCESS
}

pub(super) fn enrich(args: EnrichArgs) -> ExitCode {
    let policy = match policy(&args.policy) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let Some(answers) = &policy.answers else {
        return fail(
            "catscan enrich needs the supplier's answers: --answers FILE, or `answers = \"FILE\"` in catscan.toml",
        );
    };
    let (text, warnings) = match questions::enrich_file(&source(&args.bom), answers, &policy) {
        Ok(done) => done,
        Err(e) => return fail(e),
    };
    for w in &warnings {
        eprintln!("warning: {}", crate::report::escape::terminal(w));
    }
    if let Err(e) = write(args.output.as_deref(), text.as_bytes()) {
        return fail(e);
    }
    ExitCode::SUCCESS
}
