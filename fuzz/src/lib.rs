//! What the fuzz targets share: turning the fuzzer's bytes into the text a reader gets, the way
//! `catscan::ingest::load_text` does for a file, and the rest of a scan after reading
//! (resolution, evaluation, the SARIF report), where odd values read from a file end up.

use std::sync::OnceLock;

use catscan::findings::{FileReport, Report};
use catscan::ingest::ReadError;
use catscan::inventory::{Inventory, SourceFile};
use catscan::knowledge::{Buyer, Knowledge};
use catscan::policy::{Market, Policy};
use catscan::resolve::Classifier;
use time::macros::date;

/// The name every fuzz input goes by in messages.
pub fn source() -> SourceFile {
    SourceFile {
        path: "fuzz-input".into(),
        display: "fuzz-input".to_string(),
    }
}

/// The input as a reader of text gets it: UTF-8 checked, a leading byte-order mark dropped,
/// lone carriage returns made line feeds. `None` (after formatting the located error, which
/// indexes into the bytes) when the bytes are not UTF-8.
pub fn text(bytes: &[u8]) -> Option<String> {
    match catscan::ingest::decode_utf8(&source(), bytes.to_vec()) {
        Ok(mut text) => {
            catscan::ingest::normalize_line_breaks(&mut text);
            Some(text)
        }
        Err(e) => {
            std::hint::black_box(e.to_string());
            None
        }
    }
}

/// A policy that turns on every rule family, so that evaluation looks at every value a reader
/// can produce: both markets, CII, MLPS grade 3, US federal, government procurement with a
/// domestic-share threshold, on a date when the 2023 catalogue edition is in force.
fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| {
        let mut policy = Policy::new(date!(2026 - 03 - 01));
        policy.markets = [Market::Cn, Market::Us].into_iter().collect();
        policy.cii = true;
        policy.mlps_grade = Some(3);
        policy.us_federal = true;
        policy.procurement = Some(Buyer::CnGovernment);
        policy.min_domestic_share = Some(0.5);
        policy
    })
}

fn classifier() -> &'static Classifier<'static> {
    static CLASSIFIER: OnceLock<Classifier<'static>> = OnceLock::new();
    CLASSIFIER.get_or_init(|| Classifier::new(Knowledge::builtin()))
}

/// What a scan does with a reader's result: an error is formatted (as every report does); an
/// inventory is resolved, evaluated and written as a SARIF log.
pub fn scan(result: Result<Inventory<'_>, ReadError>) {
    let inventory = match result {
        Ok(inventory) => inventory,
        Err(e) => {
            std::hint::black_box(e.to_string());
            return;
        }
    };
    let policy = policy();
    let knowledge = policy.knowledge;
    let edition = knowledge.edition_on(policy.as_of);
    let resolved = catscan::resolve::resolve(&inventory, knowledge, classifier(), true);
    let evaluated = catscan::evaluate::evaluate(&resolved, policy, edition);
    let report = Report {
        tool_version: "fuzz",
        as_of: policy.as_of,
        edition: None,
        files: vec![FileReport {
            source: inventory.source.clone(),
            outcome: Ok(evaluated),
        }],
        skipped: Vec::new(),
        notices: Vec::new(),
        policy_findings: Vec::new(),
        policy_file: None,
        baseline: None,
        families: Vec::new(),
    };
    let sarif = catscan::report::sarif::to_string(
        &report,
        policy,
        catscan::report::sarif::Options {
            include_suppressed: true,
        },
    );
    std::hint::black_box(sarif);
}
