//! Where things are in an input file: byte spans while reading, lines and columns for people.

use std::fmt;

/// A byte range in an input file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset just past the last byte (equal to `start` for an empty span).
    pub end: usize,
}

impl Span {
    /// The bytes from `start` up to `end`; an `end` before `start` gives an empty span at `start`.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// An empty span at `offset`, for a problem at one point rather than over a range.
    pub fn at(offset: usize) -> Self {
        Span {
            start: offset,
            end: offset,
        }
    }
}

/// The unit of [`Position::column`], as SARIF's `run.columnKind` names it. Every reader, every
/// report and every error message counts columns in this one unit.
pub const COLUMN_KIND: &str = "utf16CodeUnits";

/// A 1-based line and column. Columns count UTF-16 code units ([`COLUMN_KIND`]), the unit SARIF
/// uses by default; for the Latin and CJK text found in BOMs this equals the number of
/// characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, in UTF-16 code units ([`COLUMN_KIND`]).
    pub column: u32,
}

impl Position {
    /// The position of one offset, for a single question about a text (an error message): builds
    /// an index of the text up to the offset's line and drops it. Use a [`LineIndex`] for more.
    pub fn of(text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[offset..]).map_or(text.len(), |i| offset + i);
        let prefix = &text.as_bytes()[..end];
        LineIndex::from_bytes(prefix).position_in(prefix, offset)
    }

    /// The position of a parser's 1-based line and 1-based *byte* column (serde_json, csv and
    /// quick-xml count bytes), converted to [`COLUMN_KIND`].
    pub fn of_line_and_byte_column(text: &str, line: usize, byte_column: usize) -> Position {
        let line_start = if line <= 1 {
            0
        } else {
            memchr::memchr_iter(b'\n', text.as_bytes())
                .nth(line - 2)
                .map_or(text.len(), |i| i + 1)
        };
        Position::of(
            text,
            line_start.saturating_add(byte_column.saturating_sub(1)),
        )
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Line and column of any byte offset of one text, each in O(log lines) time after one O(n) pass:
/// the offsets where lines start, searched by bisection, and (for text that is not ASCII) the
/// number of UTF-16 units before every `BLOCK`-th byte, so that a column is the difference of
/// two such counts, each finished by counting at most one block. A minified document is one line
/// of many megabytes; its columns cost no more than those of a pretty-printed one.
///
/// Hand-written rather than taken from a crate: see `docs/adr/0010-line-index.md`.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Starts,
    /// UTF-16 units in `text[..k * BLOCK]` at index `k`; empty for ASCII text, where a column is
    /// a byte difference.
    units: Vec<usize>,
}

/// Line starts as `u32` when the text is under 4 GiB (half the memory of `usize`).
#[derive(Debug, Clone)]
enum Starts {
    Narrow(Vec<u32>),
    Wide(Vec<usize>),
}

impl Starts {
    /// The offset where the 0-based `line` starts, if the text has that line.
    fn start(&self, line: usize) -> Option<usize> {
        match self {
            Starts::Narrow(v) => v.get(line).map(|&s| s as usize),
            Starts::Wide(v) => v.get(line).copied(),
        }
    }

    /// The 0-based line of `offset` and the offset where that line starts.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        match self {
            Starts::Narrow(v) => {
                let line = v.partition_point(|&s| s as usize <= offset) - 1;
                (line, v[line] as usize)
            }
            Starts::Wide(v) => {
                let line = v.partition_point(|&s| s <= offset) - 1;
                (line, v[line])
            }
        }
    }
}

/// Bytes per entry of [`LineIndex::units`]: a column query counts at most two blocks.
const BLOCK: usize = 4096;

/// UTF-16 units in UTF-8 bytes: one per character (every byte that is not a continuation byte),
/// and one more per four-byte character (a surrogate pair). Per byte, so that counts of
/// consecutive slices add up whatever their boundaries. Counted into byte-wide lanes, 127 bytes
/// at a time (at most 2 units a byte, so a lane cannot overflow), which the compiler vectorises:
/// building the index of a 100 MB file costs about as much as one `memchr` pass over it.
fn utf16_units(bytes: &[u8]) -> usize {
    if bytes.is_ascii() {
        return bytes.len();
    }
    bytes
        .chunks(127)
        .map(|chunk| {
            let lane: u8 = chunk
                .iter()
                .map(|&b| u8::from((b as i8) >= -64) + u8::from(b >= 0xF0))
                .fold(0u8, u8::wrapping_add);
            usize::from(lane)
        })
        .sum()
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        Self::from_bytes(text.as_bytes())
    }

    fn from_bytes(bytes: &[u8]) -> Self {
        let newlines = memchr::memchr_iter(b'\n', bytes);
        let starts = if u32::try_from(bytes.len()).is_ok() {
            let mut v = Vec::with_capacity(bytes.len() / 32 + 1);
            v.push(0);
            v.extend(newlines.map(|i| (i + 1) as u32));
            v.shrink_to_fit();
            Starts::Narrow(v)
        } else {
            let mut v = vec![0];
            v.extend(newlines.map(|i| i + 1));
            Starts::Wide(v)
        };
        let units = if bytes.is_ascii() {
            Vec::new()
        } else {
            let mut total = 0;
            let mut units = Vec::with_capacity(bytes.len() / BLOCK + 1);
            units.push(0);
            for block in bytes.chunks(BLOCK) {
                total += utf16_units(block);
                units.push(total);
            }
            units
        };
        LineIndex { starts, units }
    }

    /// UTF-16 units in `bytes[..offset]`.
    fn units_before(&self, bytes: &[u8], offset: usize) -> usize {
        if self.units.is_empty() {
            return offset;
        }
        let block = offset / BLOCK;
        self.units[block] + utf16_units(&bytes[block * BLOCK..offset])
    }

    /// The position of `offset` in `text` (the text this index was built from). Offsets past the
    /// end are clamped to it; offsets inside a multi-byte character are moved to its start.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        self.position_in(text.as_bytes(), offset)
    }

    /// The 0-based line of `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.line_of(offset).0
    }

    /// The bytes of the 0-based `line` of `text`, without its line break (`\n` or `\r\n`).
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let Some(start) = self.starts.start(line) else {
            return text.len()..text.len();
        };
        let mut end = self
            .starts
            .start(line + 1)
            .map_or(text.len(), |next| next - 1);
        if text[start..end].ends_with('\r') {
            end -= 1;
        }
        start..end
    }

    fn position_in(&self, bytes: &[u8], offset: usize) -> Position {
        let mut offset = offset.min(bytes.len());
        // Back to the start of a character (continuation bytes are 0b10xx_xxxx).
        while offset > 0 && offset < bytes.len() && bytes[offset] & 0xC0 == 0x80 {
            offset -= 1;
        }
        let (line, start) = self.starts.line_of(offset);
        let column = self.units_before(bytes, offset) - self.units_before(bytes, start);
        Position {
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition, for comparison: count lines and UTF-16 units from the start.
    fn naive(text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: before.matches('\n').count() as u32 + 1,
            column: text[line_start..offset].encode_utf16().count() as u32 + 1,
        }
    }

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
    fn characters_outside_the_basic_plane_count_two_units() {
        let text = "\"😀\":1";
        let index = LineIndex::new(text);
        // The emoji is four bytes and two UTF-16 units.
        assert_eq!(index.position(text, 5), Position { line: 1, column: 4 });
        assert_eq!(Position::of(text, 5), Position { line: 1, column: 4 });
    }

    #[test]
    fn every_offset_around_block_and_megabyte_boundaries_agrees_with_counting() {
        // Lines of mixed widths (ASCII, CJK, emoji) so that characters straddle every boundary.
        let mut text = String::new();
        let mut i = 0;
        while text.len() < (2 << 20) + 5000 {
            text.push_str(match i % 5 {
                0 => "路由器 line\n",
                1 => "a line of text\n",
                2 => "😀x",
                3 => "交换机",
                _ => "\n",
            });
            i += 1;
        }
        let index = LineIndex::new(&text);
        for boundary in [BLOCK, 2 * BLOCK, 1 << 20, 2 << 20] {
            for offset in boundary - 40..boundary + 40 {
                assert_eq!(
                    index.position(&text, offset),
                    naive(&text, offset),
                    "offset {offset}"
                );
                assert_eq!(
                    Position::of(&text, offset),
                    naive(&text, offset),
                    "offset {offset}"
                );
            }
        }
        // Queries in any order.
        for offset in [2_100_000, 15, 1_048_577, 0, text.len(), 2_097_151, 7] {
            assert_eq!(index.position(&text, offset), naive(&text, offset));
        }
    }

    #[test]
    fn a_parser_byte_column_becomes_a_utf16_column() {
        let text = "{\n  \"名\": x}";
        // serde_json reports line 2, byte column 10 for the `x`; `名` is three bytes, one unit.
        assert_eq!(
            Position::of_line_and_byte_column(text, 2, 10),
            Position { line: 2, column: 8 }
        );
    }
}
