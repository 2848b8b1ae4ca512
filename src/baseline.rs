//! `--baseline previous.sarif`: report only what is new since an earlier run. A finding is the
//! same as one in the baseline when its rule and its `primaryLocationLineHash` are the same; the
//! hash is computed from the component's identity, not its line, so a regenerated BOM keeps its
//! baseline.

use std::collections::HashSet;
use std::path::Path;

use crate::findings::{BaselineUse, Report};

/// The (rule id, fingerprint) pairs of an earlier SARIF log.
#[derive(Debug, Default)]
pub struct Baseline {
    pub file: String,
    known: HashSet<(String, String)>,
}

impl Baseline {
    /// Reads a SARIF log written by catscan (or any tool that sets `primaryLocationLineHash`).
    pub fn load(path: &Path, display: &str) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{display}: cannot read the baseline: {e}"))?;
        let log: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{display}:{}:{}: the baseline is not JSON: {e}",
                e.line(),
                e.column()
            )
        })?;
        let runs = log["runs"].as_array().ok_or_else(|| {
            format!("{display}: the baseline is not a SARIF log (it has no \"runs\" array)")
        })?;
        let mut known = HashSet::new();
        for result in runs
            .iter()
            .filter_map(|r| r["results"].as_array())
            .flatten()
        {
            let rule = result["ruleId"].as_str();
            let hash = result["partialFingerprints"]["primaryLocationLineHash"].as_str();
            if let (Some(rule), Some(hash)) = (rule, hash) {
                known.insert((rule.to_string(), hash.to_string()));
            }
        }
        Ok(Baseline {
            file: display.to_string(),
            known,
        })
    }

    pub fn contains(&self, rule: &str, fingerprint: &str) -> bool {
        self.known
            .contains(&(rule.to_string(), fingerprint.to_string()))
    }
}

/// Drops the findings the baseline has, marks the rest new, and records the count.
pub fn apply(report: &mut Report, baseline: &Baseline) {
    let mut unchanged = 0;
    for file in &mut report.files {
        if let Ok(evaluated) = &mut file.outcome {
            let before = evaluated.findings.len();
            evaluated
                .findings
                .retain(|f| !baseline.contains(f.rule.id, &f.fingerprint));
            unchanged += before - evaluated.findings.len();
            for f in &mut evaluated.findings {
                f.new_since_baseline = true;
            }
        }
    }
    report.baseline = Some(BaselineUse {
        file: baseline.file.clone(),
        unchanged,
    });
}
