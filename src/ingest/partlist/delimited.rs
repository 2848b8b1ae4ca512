//! CSV part lists: the delimiter sniffed among `,`, `;` and tab, fields tokenised by `csv-core`
//! (the parser under the `csv` crate that reads certified-product lists, so that catscan reads
//! CSV one way) and kept with their byte offsets, so that every component and property points
//! at its place in the file: quoted fields with delimiters, doubled quotes and line breaks,
//! CRLF line ends and a UTF-8 byte-order mark.

use std::borrow::Cow;

use csv_core::{ReadFieldResult, Terminator};

use super::columns::{
    ColumnOverrides, HEADER_EXPECTED, HEADER_SEARCH_ROWS, HeaderSearch, find_header,
    is_certificate_header, missing_override_message,
};
use super::table::{Place, RawCell, RawRow, TableReader};
use crate::ingest::ReadError;
use crate::inventory::{Format, Inventory, Position, SourceFile, Text};

const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// How much of a file detection looks at.
const DETECT_BYTES: usize = 1 << 20;

/// Rows parsed from CSV text.
#[derive(Debug)]
struct Parsed<'a> {
    rows: Vec<RawRow<'a>>,
    /// Offset of a quote that opens a field and is never closed: the field runs to the end.
    unterminated: Option<usize>,
}

/// Where one field that [`FieldReader::read`] read lies in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FieldBounds {
    /// Where the field's bytes end: at its delimiter, its line feed or the end of the text.
    raw_end: usize,
    /// Where the next field or record starts: past the delimiter or line feed.
    next: usize,
    /// Whether the record ends with this field.
    record_end: bool,
    /// Whether the field opens a quote that is never closed, so that it runs to the end.
    unclosed: bool,
}

/// csv-core's tokeniser, given the text field by field so that every field's offsets are known,
/// and the buffer it writes a field's unescaped value into.
struct FieldReader {
    csv: csv_core::Reader,
    /// The value of the field last read, `value[..value_len]`: its bytes without the quotes
    /// around it and with doubled quotes made single. Reused from field to field.
    value: Vec<u8>,
    value_len: usize,
    /// Whether csv-core has been given nothing yet.
    fresh: bool,
}

impl FieldReader {
    fn new(delimiter: u8) -> Self {
        let csv = csv_core::ReaderBuilder::new()
            .delimiter(delimiter)
            // Only a line feed ends a record: a carriage return before it is cut off the field's
            // span and value, and a carriage return anywhere else is text, as it always was.
            .terminator(Terminator::Any(b'\n'))
            .quote(b'"')
            .quoting(true)
            .double_quote(true)
            .escape(None)
            .comment(None)
            .build();
        FieldReader {
            csv,
            value: vec![0; 256],
            value_len: 0,
            fresh: true,
        }
    }

    /// Reads the field that starts at `start`, which is before the end of `bytes`.
    fn read(&mut self, bytes: &[u8], start: usize) -> FieldBounds {
        let mut at = start;
        self.value_len = 0;
        while at < bytes.len() {
            if self.value_len == self.value.len() {
                self.value.resize(self.value.len() * 2, 0);
            }
            // csv-core strips a byte-order mark at the start of the first input it is given, when
            // that input is three bytes or more. The caller has already stepped over the file's
            // mark; a second one is text, so the first input is one byte.
            let input_end = if self.fresh { at + 1 } else { bytes.len() };
            self.fresh = false;
            let (result, read, written) = self
                .csv
                .read_field(&bytes[at..input_end], &mut self.value[self.value_len..]);
            at += read;
            self.value_len += written;
            match result {
                ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
                // The delimiter or line feed that ended the field was the last byte read.
                ReadFieldResult::Field { record_end } => {
                    return FieldBounds {
                        raw_end: at - 1,
                        next: at,
                        record_end,
                        unclosed: false,
                    };
                }
                // Only given after an empty input, which this loop never passes.
                ReadFieldResult::End => {
                    return FieldBounds {
                        raw_end: at,
                        next: at,
                        record_end: true,
                        unclosed: false,
                    };
                }
            }
        }
        self.finish_at_end_of_text(bytes.len())
    }

    /// Ends the field that the end of the text cut off. csv-core takes the end of its input as the
    /// end of the field whatever its state, and so says nothing of a quote left open; offered one
    /// line feed, it ends the record unless the field is inside quotes, where the line feed is
    /// text (written after the value, and not counted in it).
    fn finish_at_end_of_text(&mut self, end: usize) -> FieldBounds {
        if self.value_len == self.value.len() {
            self.value.push(0);
        }
        let (probe, _, _) = self
            .csv
            .read_field(b"\n", &mut self.value[self.value_len..]);
        let unclosed = !matches!(probe, ReadFieldResult::Field { .. });
        if unclosed {
            // The end of input closes the open field and its record.
            self.csv.read_field(&[], &mut self.value[self.value_len..]);
        }
        FieldBounds {
            raw_end: end,
            next: end,
            record_end: true,
            unclosed,
        }
    }

    /// The value of the field last read, trimmed, borrowed from `text` where it lies there as it
    /// is (every unquoted field, and a quoted one without doubled quotes or text after its
    /// closing quote) and copied otherwise. `start` is the field's first byte.
    fn value<'a>(&self, text: &'a str, start: usize) -> Text<'a> {
        let unescaped = String::from_utf8_lossy(&self.value[..self.value_len]);
        let trimmed = unescaped.trim();
        let leading = unescaped.len() - unescaped.trim_start().len();
        let opening_quote = usize::from(text.as_bytes().get(start) == Some(&b'"'));
        let from = start + opening_quote + leading;
        match text.get(from..from + trimmed.len()) {
            Some(same) if same == trimmed => Cow::Borrowed(same),
            _ => Cow::Owned(trimmed.to_string()),
        }
    }
}

/// Parses `text[start..]` into rows. Stops after `max_nonblank` non-blank rows when given.
///
/// csv-core passes over empty lines without a word; here each is a blank row, so that rows keep
/// their ordinals.
fn parse(text: &str, start: usize, delimiter: u8, max_nonblank: Option<usize>) -> Parsed<'_> {
    let b = text.as_bytes();
    let len = b.len();
    let mut reader = FieldReader::new(delimiter);
    let mut i = start;
    let mut rows = Vec::new();
    let mut nonblank = 0usize;
    let mut unterminated = None;
    while i < len {
        if max_nonblank.is_some_and(|m| nonblank >= m) {
            break;
        }
        let row_start = i;
        let mut cells: Vec<RawCell<'_>> = Vec::new();
        let row_end;
        if b[i] == b'\n' {
            cells.push(RawCell {
                col: 0,
                text: Cow::Borrowed(""),
                start: i,
                end: i,
            });
            row_end = i;
            i += 1;
        } else {
            loop {
                let field_start = i;
                let field = reader.read(b, field_start);
                if field.unclosed {
                    unterminated.get_or_insert(field_start);
                }
                // A carriage return before the line feed (or the end) is the line end's.
                let raw_end = field.raw_end;
                let field_end = if raw_end > field_start
                    && b[raw_end - 1] == b'\r'
                    && (raw_end == len || b[raw_end] == b'\n')
                {
                    raw_end - 1
                } else {
                    raw_end
                };
                cells.push(RawCell {
                    col: cells.len(),
                    text: reader.value(text, field_start),
                    start: field_start,
                    end: field_end,
                });
                i = field.next;
                if field.record_end {
                    row_end = field_end;
                    break;
                }
            }
        }
        let row = RawRow {
            cells,
            index: rows.len(),
            start: row_start,
            end: row_end,
        };
        if !row.is_blank() {
            nonblank += 1;
        }
        rows.push(row);
    }
    Parsed { rows, unterminated }
}

/// How well a delimiter fits: a header found (with the overrides' columns), its recognised
/// columns, then how many rows below it have as many fields as it.
fn fit(parsed: &Parsed<'_>, columns: &ColumnOverrides) -> (u8, usize, usize) {
    let consistent = |row: usize| {
        let n = parsed.rows[row].cells.len();
        parsed.rows[row + 1..]
            .iter()
            .filter(|r| !r.is_blank() && r.cells.len() == n)
            .count()
    };
    match find_header(&parsed.rows, columns) {
        HeaderSearch::Found(h) => {
            let recognised = h.fields.iter().filter(|f| f.is_some()).count();
            (2, recognised, consistent(h.row))
        }
        HeaderSearch::MissingOverride { header: h, .. } => {
            let recognised = h.fields.iter().filter(|f| f.is_some()).count();
            (1, recognised, consistent(h.row))
        }
        HeaderSearch::NotFound { .. } => (0, 0, 0),
    }
}

/// The delimiter whose parse of the top of the file gives the best header row (`,` on a tie).
fn sniff(text: &str, start: usize, columns: &ColumnOverrides) -> u8 {
    let head = &text[..prefix_end(text, start + DETECT_BYTES)];
    let mut best = (b',', (0, 0, 0));
    for d in DELIMITERS {
        let parsed = parse(head, start, d, Some(HEADER_SEARCH_ROWS + 30));
        let score = fit(&parsed, columns);
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

/// `max` moved back to a character boundary, or the text's length.
fn prefix_end(text: &str, max: usize) -> usize {
    if max >= text.len() {
        return text.len();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// How many non-blank rows below the header row detection compares with it.
const CONSISTENCY_ROWS: usize = 10;

/// Whether text looks like a part list; used for detection by content. See
/// [`looks_like_csv_part_list_with`].
pub fn looks_like_csv_part_list(text: &str) -> bool {
    looks_like_csv_part_list_with(text, &ColumnOverrides::default())
}

/// Whether text looks like a part list, with the user's column names: a header row within the
/// first 20 non-blank rows that has every column the overrides name and is a part list's (a
/// column that identifies the part and another that only part lists have, see the reader's
/// header rules), and below it rows of as many fields as the header row — at least one, and at
/// least half of the next ten — with the same delimiter. Prose, source code and configuration
/// files have lines that mention a model and a vendor, but not a table of them. A list of
/// certified products (vendor and model columns next to a certificate number column) is not a
/// part list.
pub fn looks_like_csv_part_list_with(text: &str, columns: &ColumnOverrides) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if matches!(
        text.trim_start().chars().next(),
        None | Some('{' | '[' | '<')
    ) {
        return false;
    }
    let head = &text[..prefix_end(text, DETECT_BYTES)];
    if head.contains('\0') {
        return false;
    }
    DELIMITERS.into_iter().any(|d| {
        let parsed = parse(head, 0, d, Some(HEADER_SEARCH_ROWS + CONSISTENCY_ROWS));
        match find_header(&parsed.rows, columns) {
            HeaderSearch::Found(h) => {
                h.names.len() >= 2
                    && !h.names.iter().any(|(_, n)| is_certificate_header(n))
                    && rows_match_header(&parsed, h.row)
            }
            _ => false,
        }
    })
}

/// Whether the rows below the header row are a table of its width: at least one row, and at
/// least half of the next [`CONSISTENCY_ROWS`] non-blank rows, have as many fields as it.
fn rows_match_header(parsed: &Parsed<'_>, header_row: usize) -> bool {
    let width = parsed.rows[header_row].cells.len();
    let below: Vec<usize> = parsed.rows[header_row + 1..]
        .iter()
        .filter(|r| !r.is_blank())
        .take(CONSISTENCY_ROWS)
        .map(|r| r.cells.len())
        .collect();
    let same = below.iter().filter(|&&n| n == width).count();
    same >= 1 && same * 2 >= below.len()
}

/// Reads a CSV part list. Spans are byte offsets into `text`; a component's span runs from the
/// start of its row to the end of the cell its name came from.
pub fn read_csv<'a>(
    source: SourceFile,
    text: &'a str,
    columns: &ColumnOverrides,
) -> Result<Inventory<'a>, ReadError> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let delimiter = sniff(text, start, columns);
    let parsed = parse(text, start, delimiter, None);
    let inv = Inventory::new(source, Format::PartListCsv, String::new(), text);
    let error = |inv: &Inventory<'_>, position: Option<Position>, message: String| ReadError {
        file: inv.source.display.clone(),
        position,
        message,
    };
    let unclosed = |inv: &Inventory<'_>| {
        parsed.unterminated.map(|q| {
            format!(
                "; a quoted field opened at {} is never closed, so the rest of the file was read as that one field",
                inv.position(q)
            )
        })
    };
    let header = match find_header(&parsed.rows, columns) {
        HeaderSearch::Found(h) => h,
        HeaderSearch::MissingOverride { header, missing } => {
            let row = &parsed.rows[header.row];
            let words = Place::Csv.row_words(&inv, row);
            return Err(error(
                &inv,
                Some(inv.position(row.start)),
                missing_override_message(&missing, Some(&header), &words),
            ));
        }
        HeaderSearch::NotFound { best, missing } => {
            if !columns.map.is_empty() && !missing.is_empty() {
                let row = best.as_ref().map(|h| &parsed.rows[h.row]);
                let words = row
                    .map(|r| Place::Csv.row_words(&inv, r))
                    .unwrap_or_default();
                return Err(error(
                    &inv,
                    Some(row.map_or(Position { line: 1, column: 1 }, |r| inv.position(r.start))),
                    missing_override_message(&missing, best.as_ref(), &words),
                ));
            }
            let what = if parsed.rows.iter().all(RawRow::is_blank) {
                "the file is empty".to_string()
            } else {
                "no header row of a part list was found".to_string()
            };
            return Err(error(
                &inv,
                Some(Position { line: 1, column: 1 }),
                format!(
                    "{what}; {HEADER_EXPECTED}{}",
                    unclosed(&inv).unwrap_or_default()
                ),
            ));
        }
    };
    let header_row = &parsed.rows[header.row];
    if let Some(q) = parsed.unterminated
        && q <= header_row.end
    {
        return Err(error(
            &inv,
            Some(inv.position(q)),
            "the header row has a quoted field that is never closed; expected a closing double quote (\") before the end of the header row".to_string(),
        ));
    }
    let mut reader = TableReader::new(inv);
    if let Some(q) = parsed.unterminated {
        let position = reader.inv.position(q);
        reader.warn(
            "csv-unclosed-quote",
            Some(position),
            "a quoted field is never closed, so the rest of the file was read as that one field; expected a closing double quote (\")".to_string(),
        );
    }
    let expected = header_row.cells.len();
    reader.read_table(&parsed.rows, &header, Place::Csv, Some(expected));
    Ok(reader.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(p: &Parsed<'_>) -> Vec<Vec<String>> {
        p.rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect())
            .collect()
    }

    #[test]
    fn fields_quotes_and_line_breaks() {
        let text = "a, b ,\"c,\"\"d\"\"\"\r\n\"multi\nline\",x\n\n;y";
        let p = parse(text, 0, b',', None);
        assert_eq!(
            texts(&p),
            vec![
                vec!["a", "b", "c,\"d\""],
                vec!["multi\nline", "x"],
                vec![""],
                vec![";y"],
            ]
        );
        assert_eq!(p.unterminated, None);
        let r0 = &p.rows[0];
        assert_eq!((r0.start, r0.end), (0, text.find('\r').unwrap()));
        assert_eq!(&text[r0.cells[2].start..r0.cells[2].end], "\"c,\"\"d\"\"\"");
        assert_eq!(p.rows[1].start, text.find('\n').unwrap() + 1);
        assert!(matches!(p.rows[1].cells[0].text, Cow::Borrowed(_)));
        assert_eq!(p.rows[3].start, text.len() - 2);
    }

    #[test]
    fn unclosed_quotes_run_to_the_end() {
        let p = parse("a,\"b\nc,d\n", 0, b',', None);
        assert_eq!(p.unterminated, Some(2));
        assert_eq!(texts(&p), vec![vec!["a", "b\nc,d"]]);
    }

    #[test]
    fn a_quote_closed_on_the_last_byte_is_closed() {
        let p = parse("a,\"b\"", 0, b',', None);
        assert_eq!(p.unterminated, None);
        assert_eq!(texts(&p), vec![vec!["a", "b"]]);
        // The last two quotes are a doubled quote inside the field, which stays open.
        let p = parse("a,\"b\"\"", 0, b',', None);
        assert_eq!(p.unterminated, Some(2));
        assert_eq!(texts(&p), vec![vec!["a", "b\""]]);
    }

    #[test]
    fn empty_lines_are_blank_rows_so_rows_keep_their_ordinals() {
        let text = "h,i\n\n\r\n\nx,y\n";
        let p = parse(text, 0, b',', None);
        assert_eq!(
            texts(&p),
            vec![vec!["h", "i"], vec![""], vec![""], vec![""], vec!["x", "y"]]
        );
        let spans: Vec<(usize, usize, usize)> =
            p.rows.iter().map(|r| (r.index, r.start, r.end)).collect();
        assert_eq!(
            spans,
            vec![(0, 0, 3), (1, 4, 4), (2, 5, 5), (3, 7, 7), (4, 8, 11)]
        );
    }

    #[test]
    fn a_trailing_delimiter_ends_with_an_empty_field() {
        let p = parse("a,", 0, b',', None);
        assert_eq!(texts(&p), vec![vec!["a", ""]]);
        assert_eq!((p.rows[0].cells[1].start, p.rows[0].cells[1].end), (2, 2));
        assert_eq!(p.unterminated, None);
    }

    #[test]
    fn carriage_returns_end_lines_only_before_a_line_feed() {
        let text = "\"a\"\r\nb\rc;d\r";
        let p = parse(text, 0, b';', None);
        assert_eq!(texts(&p), vec![vec!["a"], vec!["b\rc", "d"]]);
        let r0 = &p.rows[0];
        assert_eq!((r0.cells[0].start, r0.cells[0].end), (0, 3));
        let r1 = &p.rows[1];
        assert_eq!((r1.start, r1.end), (5, text.len() - 1));
        assert!(matches!(r0.cells[0].text, Cow::Borrowed(_)));
    }

    #[test]
    fn only_the_byte_order_mark_the_reader_skipped_is_left_out() {
        let text = "\u{feff}\u{feff}a\tb";
        let p = parse(text, 3, b'\t', None);
        assert_eq!(texts(&p), vec![vec!["\u{feff}a", "b"]]);
        assert_eq!(p.rows[0].start, 3);
        assert_eq!(p.rows[0].cells[1].start, 8);
    }

    #[test]
    fn values_are_copied_only_when_unescaped() {
        let p = parse("\" x \",\"a\"\"b\",\"c\"d, e ", 0, b',', None);
        assert_eq!(texts(&p), vec![vec!["x", "a\"b", "cd", "e"]]);
        let borrowed: Vec<bool> = p.rows[0]
            .cells
            .iter()
            .map(|c| matches!(c.text, Cow::Borrowed(_)))
            .collect();
        assert_eq!(borrowed, vec![true, false, false, true]);
    }

    #[test]
    fn the_delimiter_is_the_one_that_finds_the_header() {
        let none = ColumnOverrides::default();
        assert_eq!(
            sniff("Manufacturer;Model;Description\nA, Inc.;B;C, D\n", 0, &none),
            b';'
        );
        assert_eq!(sniff("Manufacturer\tModel\nA,B\tC\n", 0, &none), b'\t');
        assert_eq!(sniff("Manufacturer,Model\nA;B,C\n", 0, &none), b',');
    }
}
