//! The report for a person at a terminal (the default when standard output is one): each finding
//! as rustc and cargo-deny show diagnostics — level, rule, the lines of the input with the
//! component marked, the reasons, the path that introduces it and where to read more — then a
//! summary table. Rendering uses `codespan-reporting`, the library cargo-deny uses.

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config};
use termcolor::{Buffer, ColorSpec, WriteColor};

use crate::findings::{Finding, Report};
use crate::inventory::Position;
use crate::rules::Level;

/// Renders the report; `color` chooses ANSI colours or plain text.
pub fn render(report: &Report, color: bool) -> Vec<u8> {
    let mut out = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let config = Config::default();
    for f in &report.files {
        let Ok(e) = &f.outcome else {
            if let Err(error) = &f.outcome {
                heading(&mut out, Level::Error, &format!("{error}"));
            }
            continue;
        };
        let shown: Vec<&Finding> = e
            .findings
            .iter()
            .filter(|x| x.suppression.is_none())
            .collect();
        if shown.is_empty() {
            continue;
        }
        // The input's text, for the snippets: read again (the report keeps no text), and only
        // for text formats; a workbook is shown by its cell in the message.
        let text = std::fs::read_to_string(&f.source.path).unwrap_or_default();
        let mut files = SimpleFiles::new();
        let id = files.add(f.source.display.clone(), text.clone());
        let starts = line_starts(&text);
        for x in shown {
            let (first, rest) = split_first_sentence(&x.message);
            let mut diagnostic = match x.level {
                Level::Error => Diagnostic::error(),
                Level::Warning => Diagnostic::warning(),
                Level::Note => Diagnostic::note(),
            }
            .with_code(x.rule.id)
            .with_message(first);
            if !text.is_empty() {
                let range = offset(&text, &starts, x.region.start)
                    ..offset(&text, &starts, x.region.end).max(offset(
                        &text,
                        &starts,
                        x.region.start,
                    ));
                diagnostic = diagnostic.with_labels(vec![
                    Label::primary(id, range).with_message(x.component.name.clone()),
                ]);
            }
            let mut notes = Vec::new();
            if !rest.is_empty() {
                notes.push(rest.to_string());
            }
            // Paths with steps between are already in the message.
            if x.path.len() == 2 {
                let names: Vec<&str> = x.path.iter().map(|s| s.name.as_str()).collect();
                notes.push(format!("introduced via {}", names.join(" → ")));
            }
            for d in &x.related {
                notes.push(format!(
                    "{}: {}:{}:{}",
                    d.text, d.file, d.position.line, d.position.column
                ));
            }
            notes.push(format!("help: catscan explain {}", x.rule.id));
            diagnostic = diagnostic.with_notes(notes);
            if text.is_empty() {
                heading(
                    &mut out,
                    x.level,
                    &format!(
                        "{}:{}:{}",
                        f.source.display, x.region.start.line, x.region.start.column
                    ),
                );
            }
            let _ = term::emit_to_write_style(&mut out, &config, &files, &diagnostic);
        }
    }
    summary(&mut out, report);
    out.into_inner()
}

/// Byte offsets of the starts of lines.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// The byte offset of a 1-based line and column (columns count UTF-16 units, as in the SARIF).
fn offset(text: &str, starts: &[usize], p: Position) -> usize {
    let Some(&start) = starts.get((p.line as usize).saturating_sub(1)) else {
        return text.len();
    };
    let mut units = 1;
    for (i, c) in text[start..].char_indices() {
        if units >= p.column as usize || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The first sentence stands alone as the diagnostic's title; the rest becomes a note.
fn split_first_sentence(message: &str) -> (&str, &str) {
    let end = message
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .find(|&i| {
            // Not inside a parenthesis ("Co., Ltd.").
            let before = &message[..i];
            before.matches('(').count() == before.matches(')').count()
                && !before.ends_with("Co.")
                && !before.ends_with("Inc.")
                && !before.ends_with("Ltd.")
        })
        .unwrap_or(message.len());
    (message[..end].trim(), message[end..].trim())
}

fn heading(out: &mut Buffer, level: Level, text: &str) {
    let mut spec = ColorSpec::new();
    spec.set_bold(true).set_fg(Some(match level {
        Level::Error => termcolor::Color::Red,
        Level::Warning => termcolor::Color::Yellow,
        Level::Note => termcolor::Color::Cyan,
    }));
    let _ = out.set_color(&spec);
    let _ = std::io::Write::write_all(out, format!("{}: ", level).as_bytes());
    let _ = out.reset();
    let _ = std::io::Write::write_all(out, format!("{text}\n").as_bytes());
}

/// The closing table: one row per file, and the totals.
fn summary(out: &mut Buffer, report: &Report) {
    use std::io::Write as _;
    let mut rows = Vec::new();
    for f in &report.files {
        let row = match &f.outcome {
            Ok(e) => {
                let n = |l: Level| {
                    e.findings
                        .iter()
                        .filter(|x| x.suppression.is_none() && x.level == l)
                        .count()
                };
                (
                    f.source.display.clone(),
                    e.counts.components.to_string(),
                    n(Level::Error).to_string(),
                    n(Level::Warning).to_string(),
                    n(Level::Note).to_string(),
                )
            }
            Err(_) => (
                f.source.display.clone(),
                "unreadable".into(),
                "-".into(),
                "-".into(),
                "-".into(),
            ),
        };
        rows.push(row);
    }
    let counts = report.count_by_level();
    let total = |l: Level| counts.get(&l).copied().unwrap_or(0).to_string();
    let width = rows
        .iter()
        .map(|r| r.0.chars().count())
        .max()
        .unwrap_or(4)
        .max(5);
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:width$}  {:>10}  {:>6}  {:>8}  {:>5}",
        "file", "components", "errors", "warnings", "notes"
    );
    for r in &rows {
        let _ = writeln!(
            out,
            "{:width$}  {:>10}  {:>6}  {:>8}  {:>5}",
            r.0, r.1, r.2, r.3, r.4
        );
    }
    let _ = writeln!(
        out,
        "{:width$}  {:>10}  {:>6}  {:>8}  {:>5}",
        "total",
        "",
        total(Level::Error),
        total(Level::Warning),
        total(Level::Note)
    );
    let suppressed = report.suppressed().count();
    if suppressed > 0 {
        let _ = writeln!(
            out,
            "{suppressed} findings suppressed by exceptions (see the summary on standard error)."
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_sentence_ends_at_a_full_stop_outside_names() {
        let (first, rest) = split_first_sentence(
            "X (device, Huawei Technologies Co., Ltd.) is a router. Threshold: met.",
        );
        assert_eq!(
            first,
            "X (device, Huawei Technologies Co., Ltd.) is a router."
        );
        assert_eq!(rest, "Threshold: met.");
    }

    #[test]
    fn positions_become_byte_offsets_counting_utf16_columns() {
        let text = "ab\n华为x\n";
        let starts = line_starts(text);
        assert_eq!(offset(text, &starts, Position { line: 2, column: 1 }), 3);
        assert_eq!(offset(text, &starts, Position { line: 2, column: 3 }), 9);
        assert_eq!(
            offset(text, &starts, Position { line: 9, column: 1 }),
            text.len()
        );
    }
}
