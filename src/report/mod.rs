//! Rendering a [`Report`]. Reports decide nothing.
//!
//! [`write`](fn@write) is the one entry a caller needs: it renders the report in each format
//! asked for, checks each output, and puts them all where they go, or none. The renderers below
//! it are public for the tools that want one format as a value (tests, benchmarks).

pub mod escape;
pub mod github;
pub mod html;
pub mod json;
pub mod markdown;
pub(crate) mod output;
pub mod sarif;
pub mod snippet;
mod stream;
pub mod summary;
pub mod terminal;

use std::path::PathBuf;

use crate::findings::Report;
use crate::policy::Policy;

/// The formats a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Findings with the lines of the input, reasons and paths, for a person at a terminal.
    Terminal,
    /// SARIF 2.1.0, for GitHub code scanning and SARIF viewers.
    Sarif,
    /// The report as JSON (docs/json-report.md), suppressed findings included.
    Json,
    /// A Markdown report, for a job summary.
    Markdown,
    /// A short Markdown report for a pull-request comment.
    MarkdownComment,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// A self-contained HTML report with filters.
    Html,
}

impl Format {
    /// The file a format is written to in an output folder (`--output-dir`).
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Terminal => "catscan.txt",
            Self::Sarif => "catscan.sarif",
            Self::Json => "catscan.json",
            Self::Markdown => "catscan.md",
            Self::MarkdownComment => "catscan.comment.md",
            Self::Github => "catscan.annotations",
            Self::Html => "catscan.html",
        }
    }
}

/// Choices of rendering that are not the report's.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Colours in the terminal format.
    pub color: bool,
    /// Suppressed findings in the SARIF log (see [`sarif::Options`]).
    pub include_suppressed: bool,
}

/// One output: a format and where it goes (`None`: standard output).
#[derive(Debug, Clone)]
pub struct Output {
    /// The format to write.
    pub format: Format,
    /// The file to write it to; `None` for standard output.
    pub destination: Option<PathBuf>,
}

/// Writes the report in every output asked for. Every output is rendered and checked (a SARIF
/// log against GitHub's limits) before any is put in place: all or none, so that a failed run
/// never leaves a half-written or partial set of reports for the next step of a pipeline.
///
/// # Errors
///
/// The message of the first output that could not be rendered, checked or put in place, naming
/// it.
pub fn write(
    report: &Report,
    policy: &Policy,
    outputs: &[Output],
    options: Options,
) -> Result<(), String> {
    let sarif = sarif::Options {
        include_suppressed: options.include_suppressed,
    };
    let mut rendered = Vec::new();
    for output in outputs {
        let format = output.format;
        rendered.push(output::Rendered::new(
            output.destination.as_deref(),
            |out| match format {
                Format::Terminal => out.write_all(&terminal::render(report, options.color)),
                Format::Sarif => sarif::write(out, report, policy, sarif),
                Format::Json => json::write(out, report),
                Format::Markdown => out.write_all(markdown::render(report).as_bytes()),
                Format::MarkdownComment => {
                    out.write_all(markdown::render_comment(report).as_bytes())
                }
                Format::Github => out.write_all(github::render(report).as_bytes()),
                Format::Html => out.write_all(html::render(report).as_bytes()),
            },
            |log| match format {
                Format::Sarif => sarif::check_github_limits(report, policy, log),
                _ => Ok(()),
            },
        )?);
    }
    for output in rendered {
        output.commit()?;
    }
    Ok(())
}
