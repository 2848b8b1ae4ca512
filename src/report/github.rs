//! `--format github`: GitHub Actions workflow commands (`::error file=…,line=…::message`), one per
//! finding, so that repositories without code scanning still see findings on the lines of their
//! BOMs. Values are escaped as the Actions runner expects (see `escape`), so a message cannot
//! inject a command of its own.

use std::fmt::Write as _;

use super::escape::{workflow_data as data, workflow_property as property};
use crate::findings::Report;
use crate::rules::Level;

/// GitHub shows at most 10 annotations of each level per step; more are still listed in the log.
pub fn render(report: &Report) -> String {
    let mut s = String::new();
    for f in &report.files {
        let Ok(e) = &f.outcome else {
            if let Err(error) = &f.outcome {
                let line = error.position.map_or(1, |p| p.line);
                let _ = writeln!(
                    s,
                    "::error file={},line={line},title={}::{}",
                    property(&f.source.display),
                    property("catscan: file could not be read"),
                    data(&error.message)
                );
            }
            continue;
        };
        for x in e.findings.iter().filter(|x| x.suppression.is_none()) {
            let command = match x.level {
                Level::Error => "error",
                Level::Warning => "warning",
                Level::Note => "notice",
            };
            let _ = writeln!(
                s,
                "::{command} file={},line={},endLine={},col={},title={}::{}",
                property(&f.source.display),
                x.region.start.line,
                x.region.end.line.max(x.region.start.line),
                x.region.start.column,
                property(&format!("{} ({})", x.rule.id, x.component.name)),
                data(&x.message)
            );
        }
    }
    for p in &report.policy_findings {
        let _ = writeln!(
            s,
            "::warning file={},line={},title={}::{}",
            property(&p.location.file),
            p.location.line,
            property(p.rule.id),
            data(&p.message)
        );
    }
    s
}
