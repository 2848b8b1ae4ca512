//! Reads a questionnaire the supplier filled in (the workbook `catscan ask` wrote, or its CSV)
//! back into answers, each with where it was written (file, sheet, row, cells) so that every
//! warning about it points at the cell.
//!
//! A filled-in questionnaire comes back from outside: the workbook is opened through
//! `ingest::workbook`, whose guards refuse a damaged or hostile archive (a ZIP bomb, a sheet past
//! the rows or cells limit) before calamine reads it, and its sheet is read as the cells it has,
//! each as a spreadsheet shows it (the figure `2.4`, not `2.4000000000000004`) — the same way
//! the part-list reader reads a workbook.
//!
//! Reading does not judge the answers: whether a unit fits, a date can be read or the component
//! is still in the BOM is decided when they are merged (`merge`), against the BOM and the
//! knowledge.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Mutex;

use crate::ingest::workbook::cell_text::date_of_date_time;
use crate::ingest::workbook::{self, SheetCell, SheetRow};
use crate::questions::layout::{COLUMNS, Column, QUESTIONS_SHEET, letters};
use crate::questions::model::{Need, Settles};

/// A cell of an answer: its text and its reference (`I7`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The cell's text, trimmed; never empty.
    pub text: String,
    /// The cell's reference (`I7`), for warnings to point at.
    pub at: String,
}

/// One answered row.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The fingerprint of the BOM the row is about, from its hidden key.
    pub bom: String,
    /// The fingerprint of the component the row is about, from its hidden key.
    pub component: String,
    /// The fact the row answers, from its hidden key.
    pub need: Need,
    /// The findings the answer settles, from the hidden `Settles` column.
    pub settles: Vec<Settles>,
    /// The component as the row names it (for messages when it is no longer in the BOM).
    pub component_name: String,
    /// The row's 1-based number in its sheet.
    pub row: u32,
    /// The `Answer` cell, when it is not empty.
    pub answer: Option<Cell>,
    /// The `Unit or kind` cell, when it is not empty.
    pub unit: Option<Cell>,
    /// The `Issued on` cell, when it is not empty.
    pub issued: Option<Cell>,
    /// The `Valid until` cell, when it is not empty.
    pub expires: Option<Cell>,
    /// The `Issuing body` cell, when it is not empty.
    pub body: Option<Cell>,
    /// The `Answered on` cell, when it is not empty.
    pub answered_on: Option<Cell>,
}

/// The answers of one file.
#[derive(Debug)]
pub struct Answers {
    /// The file as reports name it.
    pub file: String,
    /// The sheet the answers are in (`None` for CSV).
    pub sheet: Option<String>,
    /// The answered rows, in file order.
    pub rows: Vec<Answer>,
    /// Problems of the file as a whole (no answer in it, a row whose key was cleared).
    pub warnings: Vec<String>,
    /// The BOM fingerprints the scan found among its inputs, so that answers about a BOM that
    /// was not scanned are reported.
    pub matched: Mutex<BTreeSet<String>>,
}

impl Answers {
    /// "questions-filled.xlsx, sheet Questions, row 7".
    pub fn place(&self, row: u32) -> String {
        match &self.sheet {
            Some(sheet) => format!("{}, sheet {sheet}, row {row}", self.file),
            None => format!("{}, line {row}", self.file),
        }
    }

    /// "questions-filled.xlsx, sheet Questions, cell J7".
    pub fn cell(&self, cell: &Cell) -> String {
        match &self.sheet {
            Some(sheet) => format!("{}, sheet {sheet}, cell {}", self.file, cell.at),
            None => format!("{}, cell {}", self.file, cell.at),
        }
    }
}

/// Reads the answers of a workbook (`.xlsx`) or a CSV file. An error when the file cannot be
/// read or is not a questionnaire of catscan (no sheet with the Key column).
pub fn load(path: &Path, display: &str) -> Result<Answers, String> {
    let limit = crate::limits::Limit::InputSize.value();
    let size = std::fs::metadata(path)
        .map_err(|e| format!("{display}: cannot read the answers: {e}"))?
        .len();
    if size > limit {
        return Err(format!(
            "{display}: the answers file is {size} bytes, more than the input-size limit of {limit} bytes"
        ));
    }
    let bytes =
        std::fs::read(path).map_err(|e| format!("{display}: cannot read the answers: {e}"))?;
    let (sheet, table) = if bytes.starts_with(b"PK") {
        let (sheet, table) = workbook_table(&bytes, display)?;
        (Some(sheet), table)
    } else {
        (None, csv_table(&bytes, display)?)
    };
    from_table(display, sheet, table)
}

/// The rows of the questions sheet (the sheet named Questions, or else the first), through the
/// guards every workbook from outside passes (`ingest::workbook`): a questionnaire comes back
/// from a supplier, and may be damaged or built to exhaust memory like any other workbook.
fn workbook_table(bytes: &[u8], display: &str) -> Result<(String, Vec<SheetRow>), String> {
    let mut book = workbook::open(
        bytes,
        "expected the questionnaire `catscan ask` wrote (.xlsx)",
    )
    .map_err(|message| format!("{display}: {message}"))?;
    let names: Vec<String> = workbook::sheets(&book)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    let name = names
        .iter()
        .find(|n| n.as_str() == QUESTIONS_SHEET)
        .or(names.first())
        .cloned()
        .ok_or_else(|| format!("{display}: the workbook has no sheet"))?;
    let rows = workbook::sheet_rows(&mut book, &name)
        .map_err(|e| format!("{display}: cannot read sheet {name}: {e}"))?;
    Ok((name, rows))
}

/// The records of a CSV questionnaire as rows of their non-empty fields, trimmed.
fn csv_table(bytes: &[u8], display: &str) -> Result<Vec<SheetRow>, String> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(
        |_| format!("{display}: the answers are neither a workbook (.xlsx) nor UTF-8 CSV"),
    )?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut table = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record =
            record.map_err(|e| format!("{display}: line {}: cannot read the CSV: {e}", i + 1))?;
        let cells = record
            .iter()
            .enumerate()
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(column, text)| SheetCell {
                column: column as u32,
                text: text.trim().to_string(),
            })
            .collect();
        table.push(SheetRow {
            index: i as u32,
            cells,
        });
    }
    Ok(table)
}

/// The text of a row's cell in a column, when it is not empty.
fn text_at(row: &SheetRow, column: usize) -> Option<&str> {
    let at = row
        .cells
        .binary_search_by_key(&column, |cell| cell.column as usize)
        .ok()?;
    Some(row.cells[at].text.as_str())
}

/// The answers of a table whose first row that names the Key column is the header. In a
/// workbook (`sheet` given), a date cell that holds a time of day as well (`2025-03-01
/// 10:30:00`) is read, in the date columns, as its date: the day is the answer, and a
/// spreadsheet adds the time when the supplier types one or fills the cell with `=NOW()`.
fn from_table(
    display: &str,
    sheet: Option<String>,
    table: Vec<SheetRow>,
) -> Result<Answers, String> {
    let header_row = table
        .iter()
        .position(|row| {
            row.cells
                .iter()
                .any(|c| Column::from_header(&c.text.replace(" / ", "\n")) == Some(Column::Key))
        })
        .ok_or_else(|| {
            format!(
                "{display}{}: no header row with the column Key; expected the questionnaire `catscan ask` wrote",
                sheet.as_deref().map(|s| format!(", sheet {s}")).unwrap_or_default()
            )
        })?;
    let columns: HashMap<Column, usize> = table[header_row]
        .cells
        .iter()
        .filter_map(|c| {
            Column::from_header(&c.text.replace(" / ", "\n")).map(|col| (col, c.column as usize))
        })
        .collect();
    let from_workbook = sheet.is_some();
    let mut answers = Answers {
        file: display.to_string(),
        sheet,
        rows: Vec::new(),
        warnings: Vec::new(),
        matched: Mutex::new(BTreeSet::new()),
    };
    let mut questions = 0;
    for row in table.iter().skip(header_row + 1) {
        let number = row.index + 1;
        let cell = |column: Column| -> Option<Cell> {
            let at = *columns.get(&column)?;
            let mut text = text_at(row, at)?.trim();
            if from_workbook
                && matches!(
                    column,
                    Column::Issued | Column::Expires | Column::AnsweredOn
                )
            {
                text = date_of_date_time(text).unwrap_or(text);
            }
            (!text.is_empty()).then(|| Cell {
                text: text.to_string(),
                at: format!("{}{number}", letters(at)),
            })
        };
        let key = cell(Column::Key);
        let given: Vec<Cell> = COLUMNS
            .iter()
            .filter(|c| c.is_answer())
            .filter_map(|c| cell(*c))
            .collect();
        if key.is_some() {
            questions += 1;
        }
        if given.is_empty() {
            continue;
        }
        let parsed = key.as_ref().and_then(|k| {
            let mut parts = k.text.splitn(3, '/');
            let bom = parts.next()?.to_string();
            let component = parts.next()?.to_string();
            let need = Need::parse(parts.next()?)?;
            Some((bom, component, need))
        });
        let Some((bom, component, need)) = parsed else {
            answers.warnings.push(format!(
                "{}: the row has an answer ({}) but its Key {}; the answer was not applied (keep the hidden Key column as `catscan ask` wrote it)",
                answers.place(number),
                given[0].at,
                match &key {
                    Some(k) => format!("\"{}\" is not one catscan wrote", k.text),
                    None => "is empty".to_string(),
                }
            ));
            continue;
        };
        let settles = cell(Column::Settles)
            .map(|c| c.text.split(';').filter_map(Settles::parse).collect())
            .unwrap_or_default();
        answers.rows.push(Answer {
            bom,
            component,
            need,
            settles,
            component_name: cell(Column::Component).map(|c| c.text).unwrap_or_default(),
            row: number,
            answer: cell(Column::Answer),
            unit: cell(Column::Unit),
            issued: cell(Column::Issued),
            expires: cell(Column::Expires),
            body: cell(Column::Body),
            answered_on: cell(Column::AnsweredOn),
        });
    }
    if answers.rows.is_empty() && answers.warnings.is_empty() {
        answers.warnings.push(format!(
            "{}: no answer is filled in ({questions} questions, every answer column empty); nothing was applied",
            match &answers.sheet {
                Some(s) => format!("{display}, sheet {s}"),
                None => display.to_string(),
            }
        ));
    }
    Ok(answers)
}
