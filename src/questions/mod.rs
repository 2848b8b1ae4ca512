//! Closing the open questions with the supplier: the findings a scan cannot decide become a
//! questionnaire (`catscan ask`), the supplier's answers are merged into the BOM's components
//! before they are resolved (`catscan scan --answers`), and can be written into the BOM itself
//! (`catscan enrich`) so that the evidence travels with it. See docs/adr/0021.
//!
//! - [`model`]: what a question is, and the fingerprints that match answers back;
//! - [`derive`](mod@derive): the questions a scan's findings leave open;
//! - [`layout`], [`xlsx`], [`text`]: the questionnaire as a workbook, CSV or Markdown;
//! - [`answers`]: reading a filled-in questionnaire;
//! - [`merge`]: applying answers to the components, and saying which questions they closed;
//! - [`enrich`]: writing the answers into the BOM.

pub mod answers;
pub mod derive;
pub mod enrich;
pub mod layout;
pub mod merge;
pub mod model;
pub mod text;
pub mod xlsx;

pub use answers::Answers;
pub use model::Questionnaire;

use crate::inventory::SourceFile;
use crate::policy::Policy;
use crate::{Input, ingest};

/// The questions about one BOM file: the normal scan, then a question for each finding that
/// cannot be decided and that a fact from the supplier would decide.
pub fn ask(source: &SourceFile, policy: &Policy) -> Result<Questionnaire, String> {
    let report = crate::scan(
        &[Input {
            source: source.clone(),
            named: true,
            cargo: None,
        }],
        policy,
    );
    let findings = match report.files.first().map(|f| &f.outcome) {
        Some(Ok(evaluated)) => &evaluated.findings,
        Some(Err(error)) => return Err(error.to_string()),
        None => {
            return Err(format!(
                "{}: not a bill of materials catscan reads",
                source.display
            ));
        }
    };
    let loaded = ingest::load(source).map_err(|e| e.to_string())?;
    let inventory = ingest::read_loaded(source.clone(), &loaded, &policy.read, true)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("{}: not a bill of materials catscan reads", source.display))?;
    Ok(derive::questions(
        &inventory,
        findings,
        policy.knowledge,
        policy.as_of,
    ))
}

/// The BOM's text with the answers about it written in, and the warnings about answers that
/// were not applied.
pub fn enrich_file(
    source: &SourceFile,
    answers: &Answers,
    policy: &Policy,
) -> Result<(String, Vec<String>), String> {
    let loaded = ingest::load(source).map_err(|e| e.to_string())?;
    let mut inventory = ingest::read_loaded(source.clone(), &loaded, &policy.read, true)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("{}: not a bill of materials catscan reads", source.display))?;
    let bom = model::bom_fingerprint(&inventory);
    if !answers.rows.iter().any(|a| a.bom == bom) {
        return Err(format!(
            "{}: no answer in {} is about this BOM (its fingerprint is {bom}; the answers are about {})",
            source.display,
            answers.file,
            {
                let mut boms: Vec<&str> = answers.rows.iter().map(|a| a.bom.as_str()).collect();
                boms.dedup();
                if boms.is_empty() {
                    "nothing: no answer is filled in".to_string()
                } else {
                    boms.join(", ")
                }
            }
        ));
    }
    let applied = merge::apply(&mut inventory, Some(answers), policy.knowledge);
    let (text, unwritten) = enrich::enrich(&inventory, &applied.additions)?;
    let warnings: Vec<String> = answers
        .warnings
        .iter()
        .cloned()
        .chain(applied.warnings().map(str::to_string))
        .chain(unwritten)
        .collect();
    Ok((text, warnings))
}
