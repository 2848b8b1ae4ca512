//! `--format github`: GitHub Actions workflow commands (`::error file=…,line=…::message`), so that
//! repositories without code scanning still see findings on the lines of their BOMs. Values are
//! escaped as the Actions runner expects (see `escape`), so a message cannot inject a command of
//! its own.
//!
//! GitHub shows at most [`SHOWN_PER_LEVEL`] annotations of each level per step (and 50 per job);
//! the rest are dropped without a word. So the annotations are written errors first, then
//! warnings, then notices, at most that many of each, and when some are left out a last notice
//! says how many and where they are, counted within the notices GitHub shows.

use std::fmt::Write as _;

use super::escape::{workflow_data as data, workflow_property as property};
use crate::findings::Report;
use crate::findings::rules::Level;

/// Annotations of one level GitHub shows for a step.
pub const SHOWN_PER_LEVEL: usize = 10;

/// One workflow command, before it is written.
struct Annotation {
    level: Level,
    /// The properties after the command name (`file=…,line=…,title=…`), escaped.
    properties: String,
    message: String,
}

pub(crate) fn render(report: &Report) -> String {
    let mut annotations = collect(report);
    // Stable: within a level, the order of the report (file by file, line by line).
    annotations.sort_by_key(|a| std::cmp::Reverse(a.level));
    let total = |level: Level| annotations.iter().filter(|a| a.level == level).count();
    let (errors, warnings, notes) = (
        total(Level::Error),
        total(Level::Warning),
        total(Level::Note),
    );
    let left_out = errors.saturating_sub(SHOWN_PER_LEVEL)
        + warnings.saturating_sub(SHOWN_PER_LEVEL)
        + notes.saturating_sub(SHOWN_PER_LEVEL);
    // The closing notice takes the place of the last finding notice GitHub would show.
    let shown_notes = if left_out > 0 {
        SHOWN_PER_LEVEL - 1
    } else {
        SHOWN_PER_LEVEL
    };
    let mut s = String::new();
    let mut written = [0usize; 3];
    for a in &annotations {
        let (slot, limit) = match a.level {
            Level::Error => (0, SHOWN_PER_LEVEL),
            Level::Warning => (1, SHOWN_PER_LEVEL),
            Level::Note => (2, shown_notes),
        };
        if written[slot] == limit {
            continue;
        }
        written[slot] += 1;
        let command = match a.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "notice",
        };
        let _ = writeln!(s, "::{command} {}::{}", a.properties, data(&a.message));
    }
    let annotated: usize = written.iter().sum();
    let all = annotations.len();
    if annotated < all {
        let _ = writeln!(
            s,
            "::notice title={}::{}",
            property("catscan: more findings than GitHub annotates"),
            data(&format!(
                "{annotated} of {all} findings are annotated ({errors} {}, {warnings} {}, {notes} {} \
                 in all); GitHub shows {SHOWN_PER_LEVEL} annotations of each level per step. \
                 The other {} are in the SARIF log and the JSON and HTML reports.",
                plural(errors, "error"),
                plural(warnings, "warning"),
                plural(notes, "note"),
                all - annotated
            ))
        );
    }
    s
}

/// Every annotation the report calls for: files that could not be read, findings that count
/// (not suppressed), and findings about the policy file.
fn collect(report: &Report) -> Vec<Annotation> {
    let mut annotations = Vec::new();
    for f in &report.files {
        match &f.outcome {
            Err(error) => annotations.push(Annotation {
                level: Level::Error,
                properties: format!(
                    "file={},line={},title={}",
                    property(&f.source.display),
                    error.position.map_or(1, |p| p.line),
                    property("catscan: file could not be read")
                ),
                message: error.message.clone(),
            }),
            Ok(e) => {
                for x in e.findings.iter().filter(|x| x.suppression.is_none()) {
                    annotations.push(Annotation {
                        level: x.level,
                        properties: format!(
                            "file={},line={},endLine={},col={},title={}",
                            property(&f.source.display),
                            x.region.start.line,
                            x.region.end.line.max(x.region.start.line),
                            x.region.start.column,
                            property(&format!("{} ({})", x.rule.id, x.component.name))
                        ),
                        message: x.message.clone(),
                    });
                }
            }
        }
    }
    for p in &report.policy_findings {
        annotations.push(Annotation {
            level: p.level,
            properties: format!(
                "file={},line={},title={}",
                property(&p.location.file),
                p.location.line,
                property(p.rule.id)
            ),
            message: p.message.clone(),
        });
    }
    annotations
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}
