//! Excel part lists: every worksheet of an `.xlsx` workbook, read with `calamine`.
//!
//! A workbook has no text to point into, so the inventory records a table of cells
//! ([`Inventory::cells`]): each component and property span is `Span { start: k, end: k }` with
//! `k` an index into it, and each entry holds the cell's row and column (as line and column) and
//! a label such as `sheet 'Parts', cell B5`.
//!
//! The workbook is opened and its sheets read through `ingest::workbook`, which refuses a
//! damaged or hostile archive before calamine reads it and gives each cell's text as a
//! spreadsheet shows it.

use std::borrow::Cow;

use super::columns::{
    ColumnOverrides, Field, HEADER_EXPECTED, HeaderSearch, find_header, missing_override_message,
};
use super::table::{Place, RawCell, RawRow, TableReader};
use crate::ingest::{ReadError, workbook};
use crate::inventory::{Format, Inventory, Position, SourceFile};

/// The rows of one sheet, from its non-empty cells, in sheet order.
fn load_sheet(
    workbook: &mut workbook::Workbook<'_>,
    sheet: &str,
) -> Result<Vec<RawRow<'static>>, calamine::XlsxError> {
    let rows = workbook::sheet_rows(workbook, sheet)?;
    Ok(rows
        .into_iter()
        .map(|row| RawRow {
            cells: row
                .cells
                .into_iter()
                .map(|cell| RawCell {
                    col: cell.column as usize,
                    text: Cow::Owned(cell.text),
                    start: 0,
                    end: 0,
                })
                .collect(),
            index: row.index as usize,
            start: 0,
            end: 0,
        })
        .collect())
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
    let mut workbook = workbook::open(
        bytes,
        "expected an Excel workbook (.xlsx) that is not password-protected",
    )
    .map_err(|message| error(None, message))?;
    let sheets = workbook::sheets(&workbook);
    let mut inv = Inventory::new(source, Format::PartListXlsx, String::new(), "");
    inv.cells = Some(Vec::new());
    let mut reader = TableReader::new(inv);
    let mut read_any = false;
    // Overrides not found in any sheet, in case no sheet has a header row.
    let mut missing_everywhere: Option<Vec<(Field, String)>> = None;
    let mut headers_seen: Vec<String> = Vec::new();
    for (sheet, worksheet) in &sheets {
        if !worksheet {
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
