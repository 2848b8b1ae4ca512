//! The part of an input file the terminal report shows under a finding, bounded: a minified BOM
//! is one line of megabytes, and a component can span thousands of lines, so a snippet shows a
//! window of at most `WINDOW_BYTES` of each line around the finding's place and at most
//! `SNIPPET_LINES` lines, never a whole line or a whole component.
//!
//! The text comes from the [`Excerpt`] the scan kept of the input (the windows these snippets
//! show and nothing more), at the finding's byte span; the finding's positions give the columns.
//! `codespan-reporting` draws the snippet from a [`Snippet`], a `Files` whose source is the
//! window only and which reports the file's own line and column numbers.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use super::escape::terminal;
use crate::inventory::Position;
use crate::inventory::excerpt::{Excerpt, SNIPPET_LINES, WINDOW_BEFORE, WINDOW_BYTES};

/// The kept text of one input, for drawing its findings' snippets.
pub struct Text<'t> {
    text: &'t Excerpt,
}

impl<'t> Text<'t> {
    /// Draws snippets from the kept text of one input.
    pub fn new(text: &'t Excerpt) -> Self {
        Text { text }
    }

    /// The snippet for a finding on the bytes `span`, from `from` to `to` (their positions), and
    /// the range to mark in it.
    pub fn snippet(
        &self,
        name: &str,
        span: Range<usize>,
        (from, to): (Position, Position),
    ) -> (Snippet, Range<usize>) {
        let text = self.text;
        let start = span.start.min(text.text_len());
        let mut end = span.end.min(text.text_len()).max(start);
        let first = text.line_of(start);
        let mut last = text.line_of(end);
        if last - first >= SNIPPET_LINES {
            last = first;
            end = text.line(first).end.max(start);
        }
        let mut snippet = Snippet {
            name: name.to_string(),
            source: String::new(),
            first_line: first + 1,
            lines: Vec::new(),
        };
        let mut mark = 0..0;
        for index in first..=last {
            let line = text.line(index);
            let anchor = if index == first {
                start
            } else if index == last {
                end
            } else {
                line.start
            };
            let mut window_start = anchor.saturating_sub(WINDOW_BEFORE).max(line.start);
            while !text.is_char_boundary(window_start) {
                window_start -= 1;
            }
            let mut window_end = (window_start + WINDOW_BYTES).min(line.end);
            while !text.is_char_boundary(window_end) {
                window_end += 1;
            }
            let prefix = if window_start > line.start { "…" } else { "" };
            let suffix = if window_end < line.end { "…" } else { "" };
            let at = snippet.source.len();
            // The column of the window's start: the anchor's known column less the units between.
            let anchor_column = if anchor == start {
                from.column as usize
            } else if anchor == end && index == last {
                to.column as usize
            } else {
                1
            };
            let units_before: usize = text
                .slice(window_start..anchor.clamp(window_start, line.end))
                .encode_utf16()
                .count();
            snippet.lines.push(WindowLine {
                start: at,
                prefix: prefix.len(),
                units_cut: anchor_column.saturating_sub(1 + units_before),
            });
            // The input's own text, with its control characters shown as escapes (see
            // `escape`); offsets into the window count the escapes.
            // A CR that ends a CRLF line is a line break, not text to show.
            let window = text.slice(window_start..window_end);
            let window = window.strip_suffix('\r').unwrap_or(window);
            let window_end = window_start + window.len();
            snippet.source.push_str(prefix);
            snippet.source.push_str(&terminal(window));
            snippet.source.push_str(suffix);
            snippet.source.push('\n');
            let map = |o: usize| {
                let mut o = o.clamp(window_start, window_end);
                while !text.is_char_boundary(o) {
                    o -= 1;
                }
                at + prefix.len() + terminal(text.slice(window_start..o)).len()
            };
            if index == first {
                mark.start = map(start);
            }
            if index == last {
                mark.end = map(end);
            }
        }
        mark.end = mark.end.max(mark.start);
        (snippet, mark)
    }
}

/// One line of a snippet.
struct WindowLine {
    /// Where it starts in the snippet's source.
    start: usize,
    /// Bytes of the `…` that marks a cut start (0 when none).
    prefix: usize,
    /// UTF-16 units of the line before the window.
    units_cut: usize,
}

/// The window of the input a finding's snippet shows, as a file of `codespan-reporting`: its
/// lines and columns are those of the input file.
pub struct Snippet {
    name: String,
    source: String,
    /// The input's line number of the first line.
    first_line: usize,
    lines: Vec<WindowLine>,
}

impl<'a> Files<'a> for Snippet {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.source)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self
            .lines
            .partition_point(|l| l.start <= byte_index)
            .saturating_sub(1))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, Error> {
        Ok(self.first_line + line_index)
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let line = self.lines.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: self.lines.len().saturating_sub(1),
        })?;
        let from = line.start + line.prefix;
        let units = self
            .source
            .get(from..byte_index.max(from))
            .map_or(0, |s| s.encode_utf16().count());
        Ok(line.units_cut + units + 1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        let line = self.lines.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: self.lines.len().saturating_sub(1),
        })?;
        let end = self
            .lines
            .get(line_index + 1)
            .map_or(self.source.len(), |next| next.start);
        Ok(line.start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::LineIndex;

    fn at(line: u32, column: u32) -> Position {
        Position { line, column }
    }

    /// What the scan keeps of `text` for a finding on `span`.
    fn kept(text: &str, span: Range<usize>) -> Excerpt {
        Excerpt::new(text, &LineIndex::new(text), [span])
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_with_its_own_columns() {
        let text = format!("{}\"name\":\"X\"{}", "a".repeat(10_000), "b".repeat(10_000));
        let excerpt = kept(&text, 10_000..10_010);
        let t = Text::new(&excerpt);
        let (snippet, mark) = t.snippet("f.json", 10_000..10_010, (at(1, 10_001), at(1, 10_011)));
        assert!(
            snippet.source.len() < WINDOW_BYTES + 10,
            "{}",
            snippet.source
        );
        assert_eq!(&snippet.source[mark.clone()], "\"name\":\"X\"");
        assert!(snippet.source.starts_with('…') && snippet.source.ends_with("…\n"));
        assert_eq!(snippet.column_number((), 0, mark.start).unwrap(), 10_001);
        assert_eq!(snippet.line_number((), 0).unwrap(), 1);
    }

    #[test]
    fn wide_characters_before_the_place_keep_its_column() {
        // 5,000 two-unit characters then ASCII, on the second line.
        let line = format!("{}{}", "😀".repeat(5_000), "x".repeat(5_000));
        let text = format!("first\n{line}\n");
        let place = 6 + 20_000 + 4_321;
        let excerpt = kept(&text, place..place + 1);
        let t = Text::new(&excerpt);
        let column = 10_001 + 4_321;
        let (snippet, mark) = t.snippet("f", place..place + 1, (at(2, column), at(2, column + 1)));
        assert_eq!(&snippet.source[mark.clone()], "x");
        assert_eq!(
            snippet.column_number((), 0, mark.start).unwrap(),
            column as usize
        );
    }

    #[test]
    fn a_span_of_many_lines_is_marked_on_its_first_line_only() {
        let text: String = (0..100).map(|i| format!("line {i}\n")).collect();
        let (from, to) = (
            text.find("line 2").unwrap(),
            text.find("line 89").unwrap() + 2,
        );
        let excerpt = kept(&text, from..to);
        let t = Text::new(&excerpt);
        let (snippet, mark) = t.snippet("f", from..to, (at(3, 1), at(90, 3)));
        assert_eq!(snippet.source, "line 2\n");
        assert_eq!(mark, 0..6);
        assert_eq!(snippet.line_number((), 0).unwrap(), 3);
        let to = text.find("line 4").unwrap() + 2;
        let excerpt = kept(&text, from..to);
        let t = Text::new(&excerpt);
        let (snippet, mark) = t.snippet("f", from..to, (at(3, 1), at(5, 3)));
        assert_eq!(snippet.source, "line 2\nline 3\nline 4\n");
        assert_eq!(&snippet.source[mark], "line 2\nline 3\nli");
    }
}
