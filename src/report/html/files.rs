//! The files section: a row per file read (its format, components, and counts of findings, or
//! the error that kept it from being read, and the reader's remarks), a row for the policy
//! file, and the files that were skipped, with why.

use maud::{Markup, html};

use crate::findings::rules::Level;
use crate::findings::{FileReport, Report};

use super::{count_cell, plural};

pub(super) fn files(report: &Report) -> Markup {
    html! {
        section id="files" {
            "\n"
            h2 { "Files " span class="muted" { "(" (report.files.len()) ")" } }
            "\n"
            div class="scroll" {
                table class="files" {
                    "\n"
                    thead {
                        tr {
                            th scope="col" { "File" }
                            th scope="col" { "Format" }
                            th scope="col" class="num" { "Components" }
                            th scope="col" class="num" { "Evaluated" }
                            th scope="col" class="num" { "Errors" }
                            th scope="col" class="num" { "Warnings" }
                            th scope="col" class="num" { "Notes" }
                            th scope="col" class="num" { "Suppressed" }
                        }
                    }
                    "\n"
                    tbody {
                        "\n"
                        @for f in &report.files {
                            (file_row(f))
                        }
                        (policy_row(report))
                    }
                    "\n"
                }
            }
            "\n"
            @if let Some(line) = crate::report::summary::skipped_line(report) {
                details class="skipped" {
                    summary { (line) }
                    "\n"
                    ul {
                        "\n"
                        @for (path, why) in &report.skipped {
                            li { code { (path) } ": " (why) }
                            "\n"
                        }
                    }
                }
                "\n"
            }
        }
        "\n"
    }
}

fn file_row(f: &FileReport) -> Markup {
    let path = &f.source.display;
    let e = match &f.outcome {
        Ok(e) => e,
        Err(error) => {
            return html! {
                tr class="unreadable" {
                    th scope="row" { code { (path) } }
                    td colspan="7" class="read-error" {
                        "could not be read"
                        @if let Some(p) = error.position {
                            " (line " (p.line) ", column " (p.column) ")"
                        }
                        ": " (error.message)
                    }
                }
                "\n"
            };
        }
    };
    let count = |l: Level| {
        e.findings
            .iter()
            .filter(|x| x.suppression.is_none() && x.level == l)
            .count()
    };
    let suppressed = e
        .findings
        .iter()
        .filter(|x| x.suppression.is_some())
        .count();
    let format = format!("{} {}", e.format.as_str(), e.spec_version);
    html! {
        tr {
            th scope="row" {
                code { (path) }
                @if !e.diagnostics.is_empty() {
                    details class="diagnostics" {
                        summary {
                            (e.diagnostics.len()) " "
                            (plural(e.diagnostics.len(), "remark", "remarks")) " from the reader"
                        }
                        ul {
                            @for d in &e.diagnostics {
                                li {
                                    span class={ "badge " (d.severity.as_str()) } {
                                        (d.severity.as_str())
                                    }
                                    " "
                                    code { (d.code) }
                                    @if let Some(p) = d.position { " line " (p.line) }
                                    ": " (d.message)
                                }
                            }
                        }
                    }
                }
            }
            td { (format.trim_end()) }
            td class="num" { (e.counts.components) }
            td class="num" { (e.counts.evaluated) }
            (count_cell(count(Level::Error), "error"))
            (count_cell(count(Level::Warning), "warning"))
            (count_cell(count(Level::Note), "note"))
            (count_cell(suppressed, "suppressed"))
        }
        "\n"
    }
}

/// The policy file as a row of the files table, with the findings about it, so that the table
/// adds up to the cards.
fn policy_row(report: &Report) -> Markup {
    let file = match (&report.policy_file, report.policy_findings.first()) {
        (Some(file), _) => file.as_str(),
        (None, Some(f)) => f.location.file.as_str(),
        (None, None) => return html! {},
    };
    let count = |l: Level| {
        let n = report
            .policy_findings
            .iter()
            .filter(|f| f.level == l)
            .count();
        count_cell(n, l.as_str())
    };
    html! {
        tr class="policy" {
            th scope="row" { code { (file) } }
            td { "policy file" }
            td class="num zero" {}
            td class="num zero" {}
            (count(Level::Error))
            (count(Level::Warning))
            (count(Level::Note))
            td class="num zero" {}
        }
        "\n"
    }
}
