//! `catscan ask` and `catscan enrich`: the questionnaire for a supplier, and a BOM written back
//! with the supplier's answers (see `crate::questions`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use time::Date;

use super::args::{ProcurementArg, parse_date};
use super::inputs::display_base;
use super::{fail, today};
use crate::inventory::SourceFile;
use crate::knowledge::Knowledge;
use crate::policy::{Market, Policy};
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
    #[command(flatten)]
    policy: AskPolicy,
}

/// The choices of a scan that decide which questions are open (the same as `catscan scan`'s).
#[derive(Debug, clap::Args)]
struct AskPolicy {
    /// Apply the law as of this date (YYYY-MM-DD). Default: today (UTC).
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    as_of: Option<Date>,
    /// Use this catalogue edition (cn-2017, cn-2023) whatever the date.
    #[arg(long, value_name = "ID")]
    edition: Option<String>,
    /// The products go into a system of this MLPS grade (1-5): asks who controls developers.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5), value_name = "N")]
    mlps_grade: Option<u8>,
    /// The buyer operates critical information infrastructure in China.
    #[arg(long)]
    cii: bool,
    /// The buyer is bound by Chinese government-procurement rules (cn-government, cn-central).
    #[arg(long, value_enum, value_name = "BUYER")]
    procurement: Option<ProcurementArg>,
}

#[derive(Debug, clap::Args)]
pub(super) struct EnrichArgs {
    /// The BOM the questions were asked about (CycloneDX JSON, SPDX 2 JSON or tag-value, SPDX 3 JSON-LD).
    #[arg(value_name = "BOM")]
    bom: PathBuf,
    /// The answers: the questionnaire of `catscan ask`, filled in (XLSX or CSV).
    #[arg(long, value_name = "FILE")]
    answers: PathBuf,
    /// Where to write the enriched BOM. Default: standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    policy: AskPolicy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum QuestionFormat {
    Xlsx,
    Csv,
    Markdown,
}

impl AskPolicy {
    fn policy(&self) -> Result<Policy, String> {
        let mut policy = Policy::new(self.as_of.unwrap_or_else(today));
        policy.knowledge = Knowledge::builtin();
        if let Some(id) = &self.edition {
            if policy.knowledge.edition(id).is_none() {
                return Err(format!("no catalogue edition \"{id}\""));
            }
            policy.edition = Some(id.clone());
        }
        policy.mlps_grade = self.mlps_grade;
        policy.cii = self.cii;
        policy.procurement = self.procurement.map(ProcurementArg::buyer);
        if policy.cii || policy.mlps_grade.is_some() || policy.procurement.is_some() {
            policy.markets.insert(Market::Cn);
        }
        Ok(policy)
    }
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
    let policy = match args.policy.policy() {
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
    eprintln!(
        "{} questions about {components} components of {}{}; {} findings that cannot be decided need no answer from the supplier",
        questionnaire.questions.len(),
        questionnaire.file,
        args.output
            .as_ref()
            .map(|p| format!(", written to {}", p.display()))
            .unwrap_or_default(),
        questionnaire.unanswerable.len()
    );
    ExitCode::SUCCESS
}

pub(super) fn enrich(args: EnrichArgs) -> ExitCode {
    let policy = match args.policy.policy() {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let base = display_base();
    let answers = match questions::answers::load(
        &args.answers,
        &ingest::display_path(&args.answers, &base),
    ) {
        Ok(a) => a,
        Err(e) => return fail(e),
    };
    let (text, warnings) = match questions::enrich_file(&source(&args.bom), &answers, &policy) {
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
