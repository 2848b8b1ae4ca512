//! The run summary printed on standard error: what was read, what was evaluated, what was left
//! out and why, what each file's reader noticed, and the findings by level.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::escape::terminal;
use crate::findings::rules::Level;
use crate::findings::{OutOfScope, Report};

/// How many of a file's reader diagnostics the summary lists; the SARIF has them all.
const DIAGNOSTICS_SHOWN: usize = 10;

/// Writes one line of the summary, escaped whole for the terminal (see `escape`): catscan's own
/// words hold no control character, so every one in a line came from an input, and no input
/// text can start a line of its own.
macro_rules! say {
    ($s:expr, $($arg:tt)*) => {{
        let text = format!($($arg)*);
        let _ = writeln!($s, "{}", terminal(&text));
    }};
}

pub(crate) fn render(report: &Report) -> String {
    let mut s = String::new();
    // The catalogue family does not run when its market is not selected (`--market us`): the
    // summary then names no edition and counts no component as evaluated against it.
    let catalogue_ran = report
        .families
        .iter()
        .any(|f| f.name == "catalogue" && f.ran);
    let edition = match &report.edition {
        Some(_) if !catalogue_ran => "the catalogue not applied".to_string(),
        Some(e) => format!("catalogue {} ({})", e.id, e.basis),
        None => "no catalogue edition".to_string(),
    };
    say!(
        s,
        "catscan {}: as of {}, {edition}",
        report.tool_version,
        report.as_of
    );
    for line in families(report) {
        say!(s, "{line}");
    }
    for notice in &report.notices {
        say!(s, "note: {notice}");
    }
    let mut components = 0;
    let mut evaluated = 0;
    let mut out_of_scope: BTreeMap<OutOfScope, usize> = BTreeMap::new();
    let mut pedigree = 0;
    for file in &report.files {
        match &file.outcome {
            Ok(e) => {
                let levels = by_level(
                    e.findings
                        .iter()
                        .filter(|f| f.suppression.is_none())
                        .map(|f| f.level),
                );
                // Part lists have no specification version.
                let format = if e.spec_version.is_empty() {
                    e.format.as_str().to_string()
                } else {
                    format!("{} {}", e.format.as_str(), e.spec_version)
                };
                let evaluated_here = if catalogue_ran {
                    format!(", {} evaluated", e.counts.evaluated)
                } else {
                    String::new()
                };
                say!(
                    s,
                    "  {}: {format}, {} components{evaluated_here}, {}",
                    file.source.display,
                    e.counts.components,
                    levels
                );
                for d in e.diagnostics.iter().take(DIAGNOSTICS_SHOWN) {
                    let at = d
                        .position
                        .map(|p| format!(":{}:{}", p.line, p.column))
                        .unwrap_or_default();
                    say!(
                        s,
                        "    {}{at}: {}[{}]: {}",
                        file.source.display,
                        d.severity.as_str(),
                        d.code,
                        d.message
                    );
                }
                if e.diagnostics.len() > DIAGNOSTICS_SHOWN {
                    say!(
                        s,
                        "    … {} more notes on this file in the SARIF output",
                        e.diagnostics.len() - DIAGNOSTICS_SHOWN
                    );
                }
                components += e.counts.components;
                evaluated += e.counts.evaluated;
                pedigree += e.counts.pedigree;
                for (k, v) in &e.counts.out_of_scope {
                    *out_of_scope.entry(*k).or_default() += v;
                }
            }
            Err(error) => {
                say!(s, "  error: {error}");
            }
        }
    }
    for (path, why) in &report.skipped {
        say!(s, "  skipped {path}: {why}");
    }
    let read = report.files.iter().filter(|f| f.outcome.is_ok()).count();
    let failed = report.files.len() - read;
    let reasons = skip_reasons(report);
    say!(
        s,
        "Files: {read} read, {failed} could not be read, {} skipped{}",
        report.skipped.len(),
        if reasons.is_empty() {
            String::new()
        } else {
            format!(" ({})", reasons.join("; "))
        }
    );
    let _ = write!(s, "Components: {components} read");
    if catalogue_ran {
        let _ = write!(s, ", {evaluated} evaluated against the catalogue");
    }
    for (reason, n) in &out_of_scope {
        let _ = write!(s, "; {n} {}", reason.describe());
    }
    if pedigree > 0 {
        let _ = write!(
            s,
            "; {pedigree} listed only as pedigree (ancestry), not evaluated"
        );
    }
    s.push('\n');
    if let Some(file) = &report.policy_file {
        say!(s, "Policy: {file}");
    }
    for f in &report.policy_findings {
        say!(
            s,
            "  {}:{}:{}: {}[{}]: {}",
            f.location.file,
            f.location.line,
            f.location.column,
            f.level,
            f.rule.id,
            f.message
        );
    }
    let suppressed: Vec<_> = report.suppressed().collect();
    if !suppressed.is_empty() {
        say!(
            s,
            "Suppressed by exceptions ({}; not in the SARIF unless --include-suppressed):",
            suppressed.len()
        );
        for f in suppressed {
            let Some(why) = &f.suppression else { continue };
            let until = why
                .expires
                .map(|d| format!(", until {d}"))
                .unwrap_or_default();
            say!(
                s,
                "  {} {} on {}: {} ({}, line {}{until})",
                f.level,
                f.rule.id,
                f.component.name,
                why.reason,
                why.location.file,
                why.location.line
            );
        }
    }
    if let Some(b) = &report.baseline {
        say!(
            s,
            "Baseline {}: {} findings already there left out; the others are new",
            b.file,
            b.unchanged
        );
    }
    say!(
        s,
        "Findings: {}",
        by_level(
            report
                .findings()
                .map(|f| f.level)
                .chain(report.policy_findings.iter().map(|f| f.level))
        )
    );
    s
}

/// "Rules run: catalogue (market cn; edition cn-2023), data-quality (always)" and "Rules not
/// run: cn-cii-review (needs --cii), …": what every report's summary says about the rule
/// families, so that a family left out by the markets chosen is never left out silently.
pub fn families(report: &Report) -> Vec<String> {
    let list = |ran: bool| {
        report
            .families
            .iter()
            .filter(|f| f.ran == ran)
            .map(|f| format!("{} ({})", f.name, f.why))
            .collect::<Vec<_>>()
    };
    let mut lines = Vec::new();
    for (ran, label) in [(true, "Rules run"), (false, "Rules not run")] {
        let names = list(ran);
        if !names.is_empty() {
            lines.push(format!("{label}: {}", names.join(", ")));
        }
    }
    lines
}

/// "5 files skipped (binary file: 3; text, not a BOM format: 2)", when files were skipped.
pub fn skipped_line(report: &Report) -> Option<String> {
    let n = report.skipped.len();
    (n > 0).then(|| {
        format!(
            "{n} {} skipped ({})",
            if n == 1 { "file" } else { "files" },
            skip_reasons(report).join("; ")
        )
    })
}

/// The skipped files counted by the kind of reason (the text before the reason's colon):
/// `["binary file: 3", "text, not a BOM format: 1"]`, in name order.
pub fn skip_reasons(report: &Report) -> Vec<String> {
    let mut why_skipped: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, why) in &report.skipped {
        let reason = why.split(':').next().unwrap_or(why);
        *why_skipped.entry(reason).or_default() += 1;
    }
    why_skipped
        .iter()
        .map(|(why, n)| format!("{why}: {n}"))
        .collect()
}

/// "1 error, 2 warnings, 0 notes".
fn by_level(levels: impl Iterator<Item = Level>) -> String {
    let mut counts: BTreeMap<Level, usize> = BTreeMap::new();
    for l in levels {
        *counts.entry(l).or_default() += 1;
    }
    let n = |l: Level| counts.get(&l).copied().unwrap_or(0);
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{}, {}, {}",
        plural(n(Level::Error), "error"),
        plural(n(Level::Warning), "warning"),
        plural(n(Level::Note), "note")
    )
}
