//! Excel part lists: every worksheet of an `.xlsx` workbook, read with `calamine`.
//!
//! A workbook has no text to point into, so the inventory records a table of cells
//! ([`Inventory::cells`]): each component and property span is `Span { start: k, end: k }` with
//! `k` an index into it, and each entry holds the cell's row and column (as line and column) and
//! a label such as `sheet 'Parts', cell B5`.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{DataRef, Reader, SheetType, Xlsx};

use super::columns::{
    ColumnOverrides, Field, HEADER_EXPECTED, HeaderSearch, find_header, missing_override_message,
};
use super::table::{Place, RawCell, RawRow, TableReader};
use crate::ingest::ReadError;
use crate::inventory::{Format, Inventory, Position, SourceFile};

/// Whether the bytes are a ZIP archive whose entries include `xl/workbook.xml` (an Office Open
/// XML workbook: `.xlsx`, `.xlsm`).
pub fn is_xlsx(bytes: &[u8]) -> bool {
    const NAME: &[u8] = b"xl/workbook.xml";
    if !bytes.starts_with(b"PK\x03\x04") {
        return false;
    }
    if let Some(found) = central_directory_has(bytes, NAME) {
        return found;
    }
    // No readable central directory (a truncated file): look at the local file headers.
    memchr::memmem::find_iter(bytes, b"PK\x03\x04").any(|at| {
        let name_len = u16_at(bytes, at + 26).map_or(0, usize::from);
        bytes.get(at + 30..at + 30 + name_len) == Some(NAME)
    })
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Whether the ZIP central directory lists `name`; `None` when there is no readable directory.
fn central_directory_has(b: &[u8], name: &[u8]) -> Option<bool> {
    // The end-of-central-directory record is in the last 22 + 65,535 bytes.
    let tail_start = b.len().saturating_sub(22 + 65_535);
    let eocd = tail_start + memchr::memmem::rfind(&b[tail_start..], b"PK\x05\x06")?;
    let entries = u16_at(b, eocd + 10)?;
    let mut at = u32_at(b, eocd + 16)? as usize;
    for _ in 0..entries {
        if b.get(at..at + 4)? != b"PK\x01\x02" {
            return None;
        }
        let name_len = u16_at(b, at + 28)? as usize;
        let extra_len = u16_at(b, at + 30)? as usize;
        let comment_len = u16_at(b, at + 32)? as usize;
        if b.get(at + 46..at + 46 + name_len)? == name {
            return Some(true);
        }
        at += 46 + name_len + extra_len + comment_len;
    }
    Some(false)
}

/// A cell's value as text: numbers without a trailing `.0`, dates as `YYYY-MM-DD`.
fn render(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number(*f),
        DataRef::String(s) => s.trim().to_string(),
        DataRef::SharedString(s) => s.trim().to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) if d.is_datetime() => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}:{s:02}")
            }
        }
        DataRef::DateTime(d) => number(d.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.trim().to_string(),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

/// A number as a spreadsheet shows it: whole numbers without a fraction, others with at most 15
/// significant digits (so `0.1 + 0.2` is `0.3`).
fn number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let magnitude = f.abs().log10().floor() as i32 + 1;
    let decimals = 15 - magnitude;
    if !(0..=17).contains(&decimals) {
        return f.to_string();
    }
    let s = format!("{f:.prec$}", prec = decimals as usize);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// The rows of one sheet, from its non-empty cells, in sheet order.
fn load_sheet(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    sheet: &str,
) -> Result<Vec<RawRow<'static>>, calamine::XlsxError> {
    let mut reader = workbook.worksheet_cells_reader(sheet)?;
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    while let Some(cell) = reader.next_cell()? {
        let text = render(cell.get_value());
        if !text.is_empty() {
            let (row, col) = cell.get_position();
            cells.push((row, col, text));
        }
    }
    cells.sort_by_key(|(r, c, _)| (*r, *c));
    let mut rows: Vec<RawRow<'static>> = Vec::new();
    for (row, col, text) in cells {
        let row = row as usize;
        if rows.last().is_none_or(|r| r.index != row) {
            rows.push(RawRow {
                cells: Vec::new(),
                index: row,
                start: 0,
                end: 0,
            });
        }
        if let Some(r) = rows.last_mut() {
            r.cells.push(RawCell {
                col: col as usize,
                text: Cow::Owned(text),
                start: 0,
                end: 0,
            });
        }
    }
    Ok(rows)
}

/// Reads every worksheet of a workbook. `bytes` are the whole file; the returned inventory has
/// `cells` set (see [`Inventory::cells`]) and `text` = "". Sheets without a header row are
/// skipped with a note; a workbook where no sheet has one is an error.
pub fn read_xlsx(
    source: SourceFile,
    bytes: &[u8],
    columns: &ColumnOverrides,
) -> Result<Inventory<'static>, ReadError> {
    match read_workbook(source, bytes, columns)? {
        Workbook::PartList(inventory) => Ok(*inventory),
        Workbook::NoPartList(why) => Err(why),
    }
}

/// What a readable workbook holds: a part list, or no sheet with a part list's header row (with
/// the error that says so). Found in a folder, a workbook of the second kind is not a bill of
/// materials and is skipped; named on the command line, it is that error.
pub enum Workbook {
    /// A sheet with a part list's header row, read into an inventory.
    PartList(Box<Inventory<'static>>),
    /// No sheet has a part list's header row: the error that says so.
    NoPartList(ReadError),
}

/// Like [`read_xlsx`], telling a workbook without a part list apart from a broken one.
pub fn read_workbook(
    source: SourceFile,
    bytes: &[u8],
    columns: &ColumnOverrides,
) -> Result<Workbook, ReadError> {
    let file = source.display.clone();
    let error = |position: Option<Position>, message: String| ReadError {
        file: file.clone(),
        position,
        message,
    };
    // calamine's arithmetic overflows on references past a worksheet's end and on reversed
    // dimensions: such a workbook is refused before calamine reads it.
    if let Some(message) = super::cell_refs::unusable(bytes) {
        return Err(error(None, message));
    }
    let mut workbook: Xlsx<Cursor<&[u8]>> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        error(
            None,
            format!("cannot read the workbook: {e}; expected an Excel workbook (.xlsx) that is not password-protected"),
        )
    })?;
    let sheets: Vec<(String, SheetType)> = workbook
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.typ))
        .collect();
    let mut inv = Inventory::new(source, Format::PartListXlsx, String::new(), "");
    inv.cells = Some(Vec::new());
    let mut reader = TableReader::new(inv);
    let mut read_any = false;
    // Overrides not found in any sheet, in case no sheet has a header row.
    let mut missing_everywhere: Option<Vec<(Field, String)>> = None;
    let mut headers_seen: Vec<String> = Vec::new();
    for (sheet, typ) in &sheets {
        if *typ != SheetType::WorkSheet {
            reader.note(
                "sheet-skipped",
                None,
                format!(
                    "sheet '{sheet}' is not a worksheet (a chart or macro sheet); it was skipped"
                ),
            );
            continue;
        }
        let rows = load_sheet(&mut workbook, sheet).map_err(|e| {
            error(
                None,
                format!(
                    "cannot read sheet '{sheet}': {e}; expected a worksheet of an Excel workbook"
                ),
            )
        })?;
        if rows.iter().all(RawRow::is_blank) {
            reader.note(
                "sheet-skipped",
                None,
                format!("sheet '{sheet}' is empty; it was skipped"),
            );
            continue;
        }
        match find_header(&rows, columns) {
            HeaderSearch::Found(header) => {
                reader.read_table(&rows, &header, Place::Sheet(sheet), None);
                read_any = true;
            }
            HeaderSearch::MissingOverride { header, missing } => {
                let row = &rows[header.row];
                return Err(error(
                    Some(Position {
                        line: row.index as u32 + 1,
                        column: 1,
                    }),
                    format!(
                        "sheet '{sheet}': {}",
                        missing_override_message(
                            &missing,
                            Some(&header),
                            &format!("row {}", row.index + 1)
                        )
                    ),
                ));
            }
            HeaderSearch::NotFound { best, missing } => {
                if !columns.map.is_empty() && !missing.is_empty() {
                    let so_far = missing_everywhere.get_or_insert_with(|| missing.clone());
                    so_far.retain(|m| missing.contains(m));
                    if let Some(h) = &best {
                        headers_seen.push(format!(
                            "sheet '{sheet}' row {}: {}",
                            rows[h.row].index + 1,
                            h.listed()
                        ));
                    }
                }
                let position = best.as_ref().map(|h| Position {
                    line: rows[h.row].index as u32 + 1,
                    column: 1,
                });
                reader.note(
                    "sheet-skipped",
                    position,
                    format!(
                        "sheet '{sheet}' has no header row of a part list in its first 20 non-blank rows, so it was skipped"
                    ),
                );
            }
        }
    }
    if !read_any {
        if let Some(missing) = missing_everywhere.filter(|m| !m.is_empty()) {
            return Err(error(
                None,
                format!(
                    "no sheet has a header row with {}, named by the column overrides; the rows that came closest are: {}",
                    missing
                        .iter()
                        .map(|(f, h)| format!("\"{h}\" (given for {f})"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    if headers_seen.is_empty() {
                        "(none)".to_string()
                    } else {
                        headers_seen.join("; ")
                    }
                ),
            ));
        }
        let names = sheets
            .iter()
            .map(|(s, _)| format!("'{s}'"))
            .collect::<Vec<_>>()
            .join(", ");
        return Ok(Workbook::NoPartList(error(
            None,
            format!(
                "no sheet of the workbook ({names}) has a header row of a part list; {HEADER_EXPECTED}"
            ),
        )));
    }
    Ok(Workbook::PartList(Box::new(reader.finish())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_render_as_spreadsheets_show_them() {
        assert_eq!(number(2.0), "2");
        assert_eq!(number(-40.0), "-40");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(38.4), "38.4");
        assert_eq!(number(1e20), "100000000000000000000");
    }

    #[test]
    fn zip_without_a_workbook_is_not_xlsx() {
        assert!(!is_xlsx(b"PK\x03\x04 not really"));
        assert!(!is_xlsx(b"{\"bomFormat\": \"CycloneDX\"}"));
        assert!(!is_xlsx(b""));
    }
}
