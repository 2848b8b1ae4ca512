//! The part of an input file the terminal report shows under a finding, bounded: a minified BOM
//! is one line of megabytes, and a component can span thousands of lines, so a snippet shows a
//! window of at most `WINDOW_BYTES` of each line around the finding's place and at most
//! `SNIPPET_LINES` lines, never a whole line or a whole component.
//!
//! Positions arrive as SARIF gives them (line, column in UTF-16 code units); [`Text`] turns them
//! into byte offsets through checkpoints every `CHECKPOINT_BYTES`, so that a position deep in a
//! long line costs a binary search and a short scan, not a scan from the line's start.
//! `codespan-reporting` draws the snippet from a [`Snippet`], a `Files` whose source is the
//! window only and which reports the file's own line and column numbers.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use super::escape::terminal;
use crate::inventory::Position;

/// Bytes of a long line shown around a finding's place (the window starts a little before it).
pub const WINDOW_BYTES: usize = 120;
/// Bytes of a long line shown before the finding's place.
const WINDOW_BEFORE: usize = 40;
/// Lines of a component's span shown at most; a longer span is marked on its first line only.
pub const SNIPPET_LINES: usize = 12;
/// Distance between the checkpoints that turn a column into a byte offset.
const CHECKPOINT_BYTES: usize = 1024;

/// An input's text with what it takes to find positions in it quickly.
pub struct Text<'t> {
    text: &'t str,
    /// Byte offsets of the starts of lines.
    starts: Vec<usize>,
    /// `(line index, UTF-16 column from the line's start, byte offset)`, in text order.
    checkpoints: Vec<(usize, usize, usize)>,
}

impl<'t> Text<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        let mut checkpoints = Vec::new();
        let (mut line, mut units, mut next) = (0, 0, CHECKPOINT_BYTES);
        for (i, c) in text.char_indices() {
            if i >= next {
                checkpoints.push((line, units, i));
                next = i + CHECKPOINT_BYTES;
            }
            if c == '\n' {
                starts.push(i + 1);
                line += 1;
                units = 0;
            } else {
                units += c.len_utf16();
            }
        }
        Text {
            text,
            starts,
            checkpoints,
        }
    }

    /// The byte offset of a 1-based line and column (columns count UTF-16 units, as in the
    /// SARIF); past the end of a line, its end; past the last line, the end of the text.
    pub fn offset(&self, p: Position) -> usize {
        let line = (p.line as usize).saturating_sub(1);
        let Some(&start) = self.starts.get(line) else {
            return self.text.len();
        };
        let target = (p.column as usize).saturating_sub(1);
        let k = self
            .checkpoints
            .partition_point(|&(l, u, _)| (l, u) <= (line, target));
        let (mut units, from) = match k.checked_sub(1).map(|k| self.checkpoints[k]) {
            Some((l, u, b)) if l == line => (u, b),
            _ => (0, start),
        };
        for (i, c) in self.text[from..].char_indices() {
            if units >= target || c == '\n' {
                return from + i;
            }
            units += c.len_utf16();
        }
        self.text.len()
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// The line's bytes, without its line break.
    fn line(&self, index: usize) -> Range<usize> {
        let start = self.starts[index];
        let mut end = self
            .starts
            .get(index + 1)
            .map_or(self.text.len(), |&next| next - 1);
        if self.text[start..end].ends_with('\r') {
            end -= 1;
        }
        start..end
    }

    /// The snippet for a finding from `from` to `to` (positions), and the range to mark in it.
    pub fn snippet(&self, name: &str, from: Position, to: Position) -> (Snippet, Range<usize>) {
        let start = self.offset(from).min(self.text.len());
        let mut end = self.offset(to).max(start);
        let first = self.line_of(start);
        let mut last = self.line_of(end);
        if last - first >= SNIPPET_LINES {
            last = first;
            end = self.line(first).end.max(start);
        }
        let mut snippet = Snippet {
            name: name.to_string(),
            source: String::new(),
            first_line: first + 1,
            lines: Vec::new(),
        };
        let mut mark = 0..0;
        for index in first..=last {
            let line = self.line(index);
            let anchor = if index == first {
                start
            } else if index == last {
                end
            } else {
                line.start
            };
            let mut window_start = anchor.saturating_sub(WINDOW_BEFORE).max(line.start);
            while !self.text.is_char_boundary(window_start) {
                window_start -= 1;
            }
            let mut window_end = (window_start + WINDOW_BYTES).min(line.end);
            while !self.text.is_char_boundary(window_end) {
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
            let units_before: usize = self.text[window_start..anchor.clamp(window_start, line.end)]
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
            let window = &self.text[window_start..window_end];
            let window = window.strip_suffix('\r').unwrap_or(window);
            let window_end = window_start + window.len();
            snippet.source.push_str(prefix);
            snippet.source.push_str(&terminal(window));
            snippet.source.push_str(suffix);
            snippet.source.push('\n');
            let map = |o: usize| {
                let mut o = o.clamp(window_start, window_end);
                while !self.text.is_char_boundary(o) {
                    o -= 1;
                }
                at + prefix.len() + terminal(&self.text[window_start..o]).len()
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

    fn at(line: u32, column: u32) -> Position {
        Position { line, column }
    }

    #[test]
    fn positions_become_byte_offsets_counting_utf16_columns() {
        let text = Text::new("ab\n华为x\n");
        assert_eq!(text.offset(at(2, 1)), 3);
        assert_eq!(text.offset(at(2, 3)), 9);
        assert_eq!(text.offset(at(9, 1)), 11);
    }

    #[test]
    fn offsets_deep_in_a_long_line_use_the_checkpoints() {
        // 5,000 two-unit characters then ASCII, on the second line.
        let line = format!("{}{}", "😀".repeat(5_000), "x".repeat(5_000));
        let text = format!("first\n{line}\n");
        let t = Text::new(&text);
        assert_eq!(t.offset(at(2, 1)), 6);
        assert_eq!(t.offset(at(2, 10_001)), 6 + 20_000);
        assert_eq!(t.offset(at(2, 10_001 + 4_321)), 6 + 20_000 + 4_321);
        assert_eq!(t.offset(at(2, 99_999)), 6 + 25_000);
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_with_its_own_columns() {
        let text = format!("{}\"name\":\"X\"{}", "a".repeat(10_000), "b".repeat(10_000));
        let t = Text::new(&text);
        let (snippet, mark) = t.snippet("f.json", at(1, 10_001), at(1, 10_011));
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
    fn a_span_of_many_lines_is_marked_on_its_first_line_only() {
        let text: String = (0..100).map(|i| format!("line {i}\n")).collect();
        let t = Text::new(&text);
        let (snippet, mark) = t.snippet("f", at(3, 1), at(90, 3));
        assert_eq!(snippet.source, "line 2\n");
        assert_eq!(mark, 0..6);
        assert_eq!(snippet.line_number((), 0).unwrap(), 3);
        let (snippet, mark) = t.snippet("f", at(3, 1), at(5, 3));
        assert_eq!(snippet.source, "line 2\nline 3\nline 4\n");
        assert_eq!(&snippet.source[mark], "line 2\nline 3\nli");
    }
}
