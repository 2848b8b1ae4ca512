//! CSV part lists: the delimiter sniffed among `,`, `;` and tab, fields parsed with their byte
//! offsets (so that every component and property points at its place in the file), quoted
//! fields with delimiters, doubled quotes and line breaks.

use std::borrow::Cow;

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

/// Parses `text[start..]` into rows. Stops after `max_nonblank` non-blank rows when given.
fn parse(text: &str, start: usize, delimiter: u8, max_nonblank: Option<usize>) -> Parsed<'_> {
    let b = text.as_bytes();
    let len = b.len();
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
        loop {
            let field_start = i;
            let mut value: Text<'_>;
            if i < len && b[i] == b'"' {
                i += 1;
                let content_start = i;
                let mut escaped = false;
                let content_end;
                loop {
                    match memchr::memchr(b'"', &b[i..]) {
                        None => {
                            unterminated.get_or_insert(field_start);
                            content_end = len;
                            i = len;
                            break;
                        }
                        Some(p) => {
                            let q = i + p;
                            if q + 1 < len && b[q + 1] == b'"' {
                                escaped = true;
                                i = q + 2;
                            } else {
                                content_end = q;
                                i = q + 1;
                                break;
                            }
                        }
                    }
                }
                let content = &text[content_start..content_end];
                value = if escaped {
                    Cow::Owned(content.replace("\"\"", "\""))
                } else {
                    Cow::Borrowed(content)
                };
                // Text between the closing quote and the delimiter is kept, as spreadsheets do.
                let rest_end = next_break(b, i, delimiter);
                if rest_end > i {
                    let rest = text[i..rest_end].trim_end_matches('\r');
                    if !rest.is_empty() {
                        value = Cow::Owned(format!("{value}{rest}"));
                    }
                    i = rest_end;
                }
            } else {
                let end = next_break(b, i, delimiter);
                value = Cow::Borrowed(text[i..end].trim_end_matches('\r'));
                i = end;
            }
            let field_end = if i > field_start && b[i - 1] == b'\r' && (i == len || b[i] == b'\n') {
                i - 1
            } else {
                i
            };
            cells.push(RawCell {
                col: cells.len(),
                text: trim(value),
                start: field_start,
                end: field_end,
            });
            if i < len && b[i] == delimiter {
                i += 1;
                continue;
            }
            row_end = field_end;
            if i < len && b[i] == b'\n' {
                i += 1;
            }
            break;
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

/// The offset of the next delimiter or line feed at or after `i`, or the end.
fn next_break(b: &[u8], i: usize, delimiter: u8) -> usize {
    memchr::memchr2(delimiter, b'\n', &b[i..]).map_or(b.len(), |p| i + p)
}

fn trim(value: Text<'_>) -> Text<'_> {
    match value {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) if s.trim().len() == s.len() => Cow::Owned(s),
        Cow::Owned(s) => Cow::Owned(s.trim().to_string()),
    }
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
