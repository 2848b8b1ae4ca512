//! `--format markdown`: a report for people, written for a GitHub job summary
//! (`$GITHUB_STEP_SUMMARY`) or a pull-request comment: counts first, then one table per file of
//! the findings that count, then the suppressed ones with their reasons.

use std::fmt::Write as _;

use crate::findings::{Finding, Report};
use crate::rules::Level;

/// Findings listed per file; the rest are counted (a job summary is limited to 1 MiB).
const ROWS_PER_FILE: usize = 200;

pub fn render(report: &Report) -> String {
    let mut s = String::new();
    let counts = report.count_by_level();
    let n = |l: Level| counts.get(&l).copied().unwrap_or(0);
    let _ = writeln!(
        s,
        "## catscan: {} errors, {} warnings, {} notes\n",
        n(Level::Error),
        n(Level::Warning),
        n(Level::Note)
    );
    let edition = report
        .edition
        .as_ref()
        .map(|e| format!("catalogue {} ({})", e.id, e.basis))
        .unwrap_or_else(|| "no catalogue edition in force".into());
    let _ = writeln!(s, "As of {}, {edition}.", report.as_of);
    if let Some(file) = &report.policy_file {
        let _ = writeln!(s, "Policy: `{file}`.");
    }
    for notice in &report.notices {
        let _ = writeln!(s, "\n> {notice}");
    }
    s.push('\n');
    let _ = writeln!(
        s,
        "| file | format | components | evaluated | errors | warnings | notes |"
    );
    let _ = writeln!(s, "|---|---|---:|---:|---:|---:|---:|");
    for f in &report.files {
        match &f.outcome {
            Ok(e) => {
                let count = |l: Level| {
                    e.findings
                        .iter()
                        .filter(|x| x.suppression.is_none() && x.level == l)
                        .count()
                };
                let format = format!("{} {}", e.format.as_str(), e.spec_version);
                let _ = writeln!(
                    s,
                    "| `{}` | {} | {} | {} | {} | {} | {} |",
                    f.source.display,
                    format.trim_end(),
                    e.counts.components,
                    e.counts.evaluated,
                    count(Level::Error),
                    count(Level::Warning),
                    count(Level::Note)
                );
            }
            Err(error) => {
                let _ = writeln!(
                    s,
                    "| `{}` | could not be read: {} | | | | | |",
                    f.source.display,
                    cell(&error.to_string())
                );
            }
        }
    }
    for f in &report.files {
        let Ok(e) = &f.outcome else { continue };
        let shown: Vec<&Finding> = e
            .findings
            .iter()
            .filter(|x| x.suppression.is_none())
            .collect();
        if shown.is_empty() {
            continue;
        }
        let _ = writeln!(s, "\n### `{}`\n", f.source.display);
        let _ = writeln!(
            s,
            "| level | rule | component | vendor | catalogue item | line |"
        );
        let _ = writeln!(s, "|---|---|---|---|---|---:|");
        for x in shown.iter().take(ROWS_PER_FILE) {
            let _ = writeln!(
                s,
                "| {} | `{}` | {} | {} | {} | {} |",
                x.level,
                x.rule.id,
                cell(&x.component.name),
                cell(x.component.vendor.as_deref().unwrap_or("")),
                x.catalogue_item.as_deref().unwrap_or(""),
                x.region.start.line
            );
        }
        if shown.len() > ROWS_PER_FILE {
            let _ = writeln!(
                s,
                "\n… and {} more in the SARIF and JSON reports.",
                shown.len() - ROWS_PER_FILE
            );
        }
        let _ = writeln!(s, "\n<details><summary>Why</summary>\n");
        for x in shown.iter().take(ROWS_PER_FILE) {
            let _ = writeln!(
                s,
                "- **{}** `{}` (line {}): {}",
                x.level,
                x.rule.id,
                x.region.start.line,
                cell(&x.message)
            );
        }
        let _ = writeln!(s, "\n</details>");
    }
    let suppressed: Vec<&Finding> = report.suppressed().collect();
    if !suppressed.is_empty() {
        let _ = writeln!(s, "\n### Suppressed by exceptions ({})\n", suppressed.len());
        let _ = writeln!(s, "| rule | component | reason | exception |");
        let _ = writeln!(s, "|---|---|---|---|");
        for x in suppressed {
            if let Some(why) = &x.suppression {
                let until = why
                    .expires
                    .map(|d| format!(", until {d}"))
                    .unwrap_or_default();
                let _ = writeln!(
                    s,
                    "| `{}` | {} | {} | `{}` line {}{until} |",
                    x.rule.id,
                    cell(&x.component.name),
                    cell(&why.reason),
                    why.location.file,
                    why.location.line
                );
            }
        }
    }
    for f in &report.policy_findings {
        let _ = writeln!(
            s,
            "\n> **{}** `{}` ({}:{}): {}",
            f.level, f.rule.id, f.location.file, f.location.line, f.message
        );
    }
    s
}

/// Text safe inside a table cell: no pipes, no line breaks.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}
