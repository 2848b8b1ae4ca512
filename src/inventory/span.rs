//! Where things are in an input file: byte spans while reading, lines and columns for people.

use std::fmt;

/// A byte range in an input file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    pub fn at(offset: usize) -> Self {
        Span {
            start: offset,
            end: offset,
        }
    }
}

/// A 1-based line and column. Columns count UTF-16 code units, the unit SARIF uses by default
/// (`columnKind: utf16CodeUnits`); for the Latin and CJK text found in BOMs this equals the
/// number of characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Offsets of line starts, for turning byte offsets into positions.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The position of `offset` in `text` (the text this index was built from). Offsets past the
    /// end are clamped to it; offsets inside a multi-byte character are moved to its start.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column: usize = text[start..offset].chars().map(char::len_utf16).sum();
        Position {
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }
}

/// Positions of offsets in a large text, computed on demand: newlines are counted (with SIMD)
/// from the previous query to the next, which is cheap because reports ask in document order;
/// checkpoints every megabyte keep a query for an earlier offset cheap too. A 100 MB SBOM with a
/// handful of findings never has its 4 million line starts recorded.
#[derive(Debug, Default)]
pub struct LineCursor {
    /// (offset, 0-based line at that offset), ascending; the first is (0, 0).
    checkpoints: Vec<(usize, u32)>,
    /// The previous query: (offset, line).
    last: (usize, u32),
}

const CHECKPOINT_EVERY: usize = 1 << 20;

impl LineCursor {
    pub fn position(&mut self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let bytes = text.as_bytes();
        if self.checkpoints.is_empty() {
            self.checkpoints.push((0, 0));
        }
        let (mut from, mut line) = if offset >= self.last.0 {
            self.last
        } else {
            self.checkpoints[self.checkpoints.partition_point(|&(o, _)| o <= offset) - 1]
        };
        // Count forward, leaving checkpoints behind in territory not yet covered.
        loop {
            let covered = self.checkpoints.last().map_or(0, |&(o, _)| o);
            let next = covered + CHECKPOINT_EVERY;
            if from >= covered && next <= offset {
                line += memchr::memchr_iter(b'\n', &bytes[from..next]).count() as u32;
                from = next;
                self.checkpoints.push((from, line));
            } else {
                break;
            }
        }
        line += memchr::memchr_iter(b'\n', &bytes[from..offset]).count() as u32;
        self.last = (offset, line);
        let line_start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |n| n + 1);
        let column: usize = text[line_start..offset].chars().map(char::len_utf16).sum();
        Position {
            line: line + 1,
            column: column as u32 + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_utf16_columns() {
        let text = "ab\n路由器x\n\nz";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, 2), Position { line: 1, column: 3 });
        assert_eq!(index.position(text, 3), Position { line: 2, column: 1 });
        // "x" follows three CJK characters of three bytes each.
        assert_eq!(index.position(text, 12), Position { line: 2, column: 4 });
        // Inside a multi-byte character: the character's start.
        assert_eq!(index.position(text, 4), Position { line: 2, column: 1 });
        assert_eq!(index.position(text, 14), Position { line: 3, column: 1 });
        assert_eq!(index.position(text, 15), Position { line: 4, column: 1 });
        assert_eq!(index.position(text, 99), Position { line: 4, column: 2 });
    }

    #[test]
    fn the_cursor_agrees_with_the_index_in_any_order() {
        let mut text = String::new();
        for i in 0..300_000 {
            text.push_str(if i % 7 == 0 {
                "路由器 line\n"
            } else {
                "a line of text\n"
            });
        }
        let index = LineIndex::new(&text);
        let mut cursor = LineCursor::default();
        for offset in [
            4_000_000,
            15,
            2_500_001,
            0,
            text.len(),
            1_048_577,
            3_999_999,
        ] {
            assert_eq!(
                cursor.position(&text, offset),
                index.position(&text, offset),
                "offset {offset}"
            );
        }
    }
}
