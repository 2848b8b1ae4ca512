//! The parts of an input's text that the terminal report shows under findings, kept from the
//! scan so that the report does not read the file again (a pipe cannot be read twice, and a file
//! may have changed). Bounded: of each finding's span at most [`SNIPPET_LINES`] lines, and of
//! each of those lines a window of about [`WINDOW_BYTES`] around the place shown, never a whole
//! line (a minified BOM is one line of megabytes) or a whole component.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::LineIndex;

/// Lines of a span a snippet shows at most; a longer span is shown by its first line only.
pub const SNIPPET_LINES: usize = 12;
/// Bytes of a long line a snippet shows around a place (the window starts a little before it).
pub const WINDOW_BYTES: usize = 120;
/// Bytes of a long line a snippet shows before the place.
pub const WINDOW_BEFORE: usize = 40;
/// Bytes kept beyond a window on each side, for a window moved to a character boundary.
const MARGIN: usize = 4;

/// Pieces of one input's text, at their offsets in it, with the bounds of the lines they are on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Excerpt {
    /// Length of the whole text; 0 when the input has none (a workbook, a missing lock file).
    text_len: usize,
    /// Kept lines: 0-based index → the line's bytes, without its line break. In text order.
    lines: BTreeMap<usize, Range<usize>>,
    /// The same lines by where they start: start → 0-based index.
    line_starts: BTreeMap<usize, usize>,
    /// Kept text by its offset in the input; pieces do not touch or overlap.
    pieces: BTreeMap<usize, String>,
}

impl Excerpt {
    /// What the snippets of `spans` (byte ranges of `text`) show, with the line index of `text`.
    pub fn new(
        text: &str,
        index: &LineIndex,
        spans: impl IntoIterator<Item = Range<usize>>,
    ) -> Self {
        let mut excerpt = Excerpt {
            text_len: text.len(),
            ..Excerpt::default()
        };
        let spans: BTreeSet<(usize, usize)> = spans.into_iter().map(|s| (s.start, s.end)).collect();
        let mut wanted = Vec::new();
        for (start, end) in spans {
            let start = start.min(text.len());
            let mut end = end.max(start).min(text.len());
            let first = index.line_of(start);
            let mut last = index.line_of(end);
            if last - first >= SNIPPET_LINES {
                last = first;
                end = index.line_range(text, first).end.max(start);
            }
            for line in first..=last {
                let range = index.line_range(text, line);
                let anchor = if line == first {
                    start
                } else if line == last {
                    end
                } else {
                    range.start
                };
                let window = anchor.saturating_sub(WINDOW_BEFORE).max(range.start);
                let mut from = window.saturating_sub(MARGIN).max(range.start);
                let mut to = (window + WINDOW_BYTES + MARGIN).min(range.end).max(from);
                while !text.is_char_boundary(from) {
                    from -= 1;
                }
                while !text.is_char_boundary(to) {
                    to += 1;
                }
                wanted.push(from..to);
                excerpt.line_starts.insert(range.start, line);
                excerpt.lines.insert(line, range);
            }
        }
        wanted.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::new();
        for r in wanted {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        excerpt.pieces = merged
            .into_iter()
            .map(|r| (r.start, text[r].to_string()))
            .collect();
        excerpt
    }

    /// Whether the input had no text to show.
    pub fn is_empty(&self) -> bool {
        self.text_len == 0
    }

    /// Length of the whole input text.
    pub fn text_len(&self) -> usize {
        self.text_len
    }

    /// The 0-based line of a kept offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .range(..=offset)
            .next_back()
            .map_or(0, |(_, &line)| line)
    }

    /// A kept line's bytes, without its line break.
    pub fn line(&self, index: usize) -> Range<usize> {
        self.lines.get(&index).cloned().unwrap_or(0..0)
    }

    /// The kept text of a range (the part of it that is kept, should it leave a piece).
    pub fn slice(&self, range: Range<usize>) -> &str {
        let Some((&at, piece)) = self.pieces.range(..=range.start).next_back() else {
            return "";
        };
        let from = (range.start - at).min(piece.len());
        let to = range.end.saturating_sub(at).clamp(from, piece.len());
        piece.get(from..to).unwrap_or("")
    }

    /// Whether a kept offset is at a character boundary of the text.
    pub fn is_char_boundary(&self, offset: usize) -> bool {
        match self.pieces.range(..=offset).next_back() {
            Some((&at, piece)) => piece.is_char_boundary((offset - at).min(piece.len())),
            None => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_windows_of_the_spans_lines_are_kept() {
        let long = format!("{}\"name\":\"X\"{}", "a".repeat(10_000), "b".repeat(10_000));
        let text = format!("first\n{long}\r\nlast\n");
        let at = text.find("\"name\"").unwrap();
        let index = LineIndex::new(&text);
        let excerpt = Excerpt::new(&text, &index, [at..at + 10, at..at + 10]);
        assert_eq!(excerpt.pieces.len(), 1);
        let kept: usize = excerpt.pieces.values().map(String::len).sum();
        assert_eq!(kept, WINDOW_BYTES + 2 * MARGIN);
        assert_eq!(excerpt.line_of(at), 1);
        assert_eq!(excerpt.line(1), 6..6 + long.len());
        assert_eq!(excerpt.slice(at..at + 10), "\"name\":\"X\"");
        assert_eq!(excerpt.text_len(), text.len());
    }

    #[test]
    fn a_span_of_many_lines_keeps_its_first_line() {
        let text: String = (0..100).map(|i| format!("line {i}\n")).collect();
        let index = LineIndex::new(&text);
        let excerpt = Excerpt::new(&text, &index, std::iter::once(14..500));
        assert_eq!(excerpt.lines.keys().copied().collect::<Vec<_>>(), vec![2]);
        assert_eq!(excerpt.slice(14..20), "line 2");
    }
}
