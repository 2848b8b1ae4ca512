//! Excel workbooks (`.xlsx`) from outside, opened within catscan's limits and read as text.
//!
//! catscan reads two kinds of workbook that others write: a supplier's part list and a
//! supplier's filled-in questionnaire (`--answers`). Either may be damaged, or built to exhaust
//! memory or time, and calamine trusts what an archive says: a part's stated size, a cell
//! reference, a sheet's dimension. So a workbook is opened only through [`open`], which first
//! checks the archive itself ([`cell_refs`], streaming its parts through [`archive`]): parts that
//! say they inflate past the [`Limit::XlsxInflatedSize`](crate::limits::Limit::XlsxInflatedSize)
//! in all, a part that inflates to more than it says, a reference past a worksheet's end or a
//! reversed dimension, a sheet of more than the
//! [`Limit::XlsxRows`](crate::limits::Limit::XlsxRows) or
//! [`Limit::XlsxCells`](crate::limits::Limit::XlsxCells). Only then does calamine read it.
//!
//! A sheet is then read by [`sheet_rows`], which keeps only its non-empty cells, so that what it
//! holds in memory follows what the sheet holds, never what its dimension claims; each cell's
//! text is [`cell_text`](cell_text::cell_text), the one way catscan shows a cell.

mod archive;
mod cell_refs;
pub(crate) mod cell_text;

use std::io::Cursor;

use calamine::{Reader, Xlsx};

/// A workbook opened over the bytes of its file.
pub(crate) type Workbook<'b> = Xlsx<Cursor<&'b [u8]>>;

/// Whether the bytes are a ZIP archive whose entries include `xl/workbook.xml` (an Office Open
/// XML workbook: `.xlsx`, `.xlsm`).
pub fn is_xlsx(bytes: &[u8]) -> bool {
    const NAME: &[u8] = b"xl/workbook.xml";
    if !bytes.starts_with(b"PK\x03\x04") {
        return false;
    }
    if let Some(entries) = archive::central_directory(bytes) {
        return entries.iter().any(|e| e.name(bytes) == Some(NAME));
    }
    // No readable central directory (a truncated file): look at the local file headers.
    memchr::memmem::find_iter(bytes, b"PK\x03\x04").any(|at| {
        let name_len = bytes
            .get(at + 26..at + 28)
            .map_or(0, |b| usize::from(u16::from_le_bytes([b[0], b[1]])));
        bytes.get(at + 30..at + 30 + name_len) == Some(NAME)
    })
}

/// Opens a workbook after checking its archive, or says why it cannot be read, as
/// "cannot read the workbook: …" (the caller names the file). `expected` ends the message when
/// calamine cannot open it: what the user should have given instead.
pub(crate) fn open<'b>(bytes: &'b [u8], expected: &str) -> Result<Workbook<'b>, String> {
    if let Some(message) = cell_refs::unusable(bytes) {
        return Err(message);
    }
    Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("cannot read the workbook: {e}; {expected}"))
}

/// A row of a sheet that has at least one non-empty cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SheetRow {
    /// The row's 0-based index in its sheet.
    pub index: u32,
    /// Its non-empty cells, left to right.
    pub cells: Vec<SheetCell>,
}

/// A non-empty cell of a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SheetCell {
    /// The cell's 0-based column.
    pub column: u32,
    /// The cell's text ([`cell_text`](cell_text::cell_text)); never empty.
    pub text: String,
}

/// The rows of one sheet that have a non-empty cell, top to bottom, read cell by cell (a
/// workbook may list its cells in any order).
pub(crate) fn sheet_rows(
    workbook: &mut Workbook<'_>,
    sheet: &str,
) -> Result<Vec<SheetRow>, calamine::XlsxError> {
    let mut reader = workbook.worksheet_cells_reader(sheet)?;
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    while let Some(cell) = reader.next_cell()? {
        let text = cell_text::cell_text(cell.get_value());
        if !text.is_empty() {
            let (row, column) = cell.get_position();
            cells.push((row, column, text));
        }
    }
    cells.sort_by_key(|(row, column, _)| (*row, *column));
    let mut rows: Vec<SheetRow> = Vec::new();
    for (row, column, text) in cells {
        match rows.last_mut() {
            Some(last) if last.index == row => last.cells.push(SheetCell { column, text }),
            _ => rows.push(SheetRow {
                index: row,
                cells: vec![SheetCell { column, text }],
            }),
        }
    }
    Ok(rows)
}

/// The names of a workbook's sheets, with whether each is a worksheet (not a chart or macro
/// sheet), in workbook order.
pub(crate) fn sheets(workbook: &Workbook<'_>) -> Vec<(String, bool)> {
    workbook
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.typ == calamine::SheetType::WorkSheet))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip_without_a_workbook_is_not_xlsx() {
        assert!(!is_xlsx(b"PK\x03\x04 not really"));
        assert!(!is_xlsx(b"{\"bomFormat\": \"CycloneDX\"}"));
        assert!(!is_xlsx(b""));
    }

    /// A sheet whose cells span the whole worksheet (its dimension B2:XFD1048576, seventeen
    /// billion cells were it read whole): two rows of the cells it has, with their text as a
    /// spreadsheet shows it.
    #[test]
    fn a_sheet_is_read_as_its_non_empty_cells_whatever_its_dimension() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(1, 2, " Tbps ").unwrap();
        sheet.write_number(1, 1, 8.0).unwrap();
        sheet.write_string(1, 3, "").unwrap();
        sheet.write_number(1_048_575, 16_383, 0.1 + 0.2).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let mut workbook = open(&bytes, "expected a workbook").unwrap();
        let name = sheets(&workbook)[0].0.clone();
        let rows = sheet_rows(&mut workbook, &name).unwrap();
        let cell = |column: u32, text: &str| SheetCell {
            column,
            text: text.to_string(),
        };
        assert_eq!(
            rows,
            [
                SheetRow {
                    index: 1,
                    cells: vec![cell(1, "8"), cell(2, "Tbps")],
                },
                SheetRow {
                    index: 1_048_575,
                    cells: vec![cell(16_383, "0.3")],
                },
            ]
        );
    }
}
