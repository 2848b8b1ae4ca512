//! Rows of a part list, whatever file they came from, turned into components.

use std::borrow::Cow;
use std::collections::HashMap;

use super::amount;
use super::columns::{Field, Header};
use super::{DEVICE_PROPERTY, MODEL_PROPERTY, PACKAGE_PROPERTY, VALUE_PROPERTY};
use crate::inventory::{
    Component, ComponentKind, Diagnostic, Inventory, Party, PartyField, Position, Property,
    Severity, Span, Text,
};

/// One non-empty cell (for CSV, every field) of a row.
#[derive(Debug, Clone)]
pub(crate) struct RawCell<'a> {
    /// 0-based column.
    pub col: usize,
    /// The value, trimmed.
    pub text: Text<'a>,
    /// CSV: byte range of the field in the file. Workbooks: unused.
    pub start: usize,
    pub end: usize,
}

/// One row of a table.
#[derive(Debug, Clone)]
pub(crate) struct RawRow<'a> {
    /// Cells in column order. CSV rows hold every field; workbook rows only non-empty cells.
    pub cells: Vec<RawCell<'a>>,
    /// 0-based row number: the record's ordinal in a CSV file, the sheet row in a workbook.
    pub index: usize,
    /// CSV: byte range of the record (without its line break). Workbooks: unused.
    pub start: usize,
    pub end: usize,
}

impl<'a> RawRow<'a> {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.text.is_empty())
    }

    pub fn get(&self, col: usize) -> Option<&RawCell<'a>> {
        match self.cells.get(col) {
            Some(c) if c.col == col => Some(c),
            _ => self
                .cells
                .binary_search_by_key(&col, |c| c.col)
                .ok()
                .map(|i| &self.cells[i]),
        }
    }

    fn value(&self, col: Option<usize>) -> Option<&RawCell<'a>> {
        col.and_then(|c| self.get(c)).filter(|c| !c.text.is_empty())
    }
}

/// Where a table lies: the CSV file's text, or a sheet of a workbook.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Place<'s> {
    Csv,
    Sheet(&'s str),
}

/// `A`, `B`, …, `Z`, `AA`, … for a 0-based column.
pub(crate) fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl Place<'_> {
    /// The span of a cell: its bytes in a CSV file, its entry in the inventory's cell table in a
    /// workbook.
    fn cell_span(&self, inv: &mut Inventory<'_>, row: &RawRow<'_>, cell: &RawCell<'_>) -> Span {
        match self {
            Place::Csv => Span::new(cell.start, cell.end),
            Place::Sheet(sheet) => {
                let cells = inv.cells.get_or_insert_with(Vec::new);
                cells.push((
                    Position {
                        line: row.index as u32 + 1,
                        column: cell.col as u32 + 1,
                    },
                    format!(
                        "sheet '{sheet}', cell {}{}",
                        column_letters(cell.col),
                        row.index + 1
                    ),
                ));
                Span::at(cells.len() - 1)
            }
        }
    }

    /// A component's span: from the start of its row to the end of the cell its name came from.
    fn component_span(
        &self,
        inv: &mut Inventory<'_>,
        row: &RawRow<'_>,
        name: &RawCell<'_>,
    ) -> Span {
        match self {
            Place::Csv => Span::new(row.start, name.end),
            Place::Sheet(_) => self.cell_span(inv, row, name),
        }
    }

    pub fn row_position(&self, inv: &Inventory<'_>, row: &RawRow<'_>) -> Position {
        match self {
            Place::Csv => inv.position(row.start),
            Place::Sheet(_) => Position {
                line: row.index as u32 + 1,
                column: 1,
            },
        }
    }

    /// "line 12" of a CSV file (the line the row starts on), "row 12" of a sheet.
    pub fn row_words(&self, inv: &Inventory<'_>, row: &RawRow<'_>) -> String {
        match self {
            Place::Csv => format!("line {}", inv.position(row.start).line),
            Place::Sheet(_) => format!("row {}", row.index + 1),
        }
    }

    /// What starts a message about this table: nothing for a CSV file, the sheet otherwise.
    pub fn prefix(&self) -> String {
        match self {
            Place::Csv => String::new(),
            Place::Sheet(sheet) => format!("sheet '{sheet}': "),
        }
    }

    fn column_name(&self, col: usize) -> String {
        match self {
            Place::Csv => (col + 1).to_string(),
            Place::Sheet(_) => column_letters(col),
        }
    }
}

/// Rows skipped in one table, for the one note that reports them.
#[derive(Debug, Default)]
struct Skipped {
    blank: usize,
    /// Line (CSV) or row (sheet) numbers.
    subtotal: Vec<u32>,
    without_part: Vec<u32>,
    first: Option<Position>,
}

impl Skipped {
    /// E.g. "3 blank rows and 1 subtotal row (line 42) were skipped"; `unit` is "line" or "row".
    fn message(&self, unit: &str) -> Option<String> {
        fn count(n: usize, what: &str) -> String {
            if n == 1 {
                format!("1 {what} row")
            } else {
                format!("{n} {what} rows")
            }
        }
        let listed = |numbers: &[u32]| {
            let mut shown: Vec<String> = numbers.iter().take(5).map(u32::to_string).collect();
            if numbers.len() > 5 {
                shown.push(format!("{} more", numbers.len() - 5));
            }
            let last = shown.pop().unwrap_or_default();
            if shown.is_empty() {
                format!(" ({unit} {last})")
            } else {
                format!(" ({unit}s {} and {last})", shown.join(", "))
            }
        };
        let mut parts = Vec::new();
        if self.blank > 0 {
            parts.push(count(self.blank, "blank"));
        }
        if !self.subtotal.is_empty() {
            parts.push(count(self.subtotal.len(), "subtotal") + &listed(&self.subtotal));
        }
        if !self.without_part.is_empty() {
            let n = self.without_part.len();
            parts.push(
                format!(
                    "{n} row{} without a part number or name",
                    if n == 1 { "" } else { "s" }
                ) + &listed(&self.without_part),
            );
        }
        let total = self.blank + self.subtotal.len() + self.without_part.len();
        let joined = match parts.len() {
            0 => return None,
            1 => parts.remove(0),
            _ => {
                let last = parts.pop().unwrap_or_default();
                format!("{} and {last}", parts.join(", "))
            }
        };
        Some(format!(
            "{joined} {} skipped",
            if total == 1 { "was" } else { "were" }
        ))
    }
}

/// Reads tables into one inventory, keeping per-file state: diagnostics counted per code,
/// references seen.
pub(crate) struct TableReader<'a> {
    pub inv: Inventory<'a>,
    counts: HashMap<&'static str, usize>,
    refs: HashMap<String, String>,
}

impl<'a> TableReader<'a> {
    pub fn new(inv: Inventory<'a>) -> Self {
        TableReader {
            inv,
            counts: HashMap::new(),
            refs: HashMap::new(),
        }
    }

    pub fn note(&mut self, code: &'static str, position: Option<Position>, message: String) {
        self.inv.diagnostics.push(Diagnostic {
            severity: Severity::Note,
            code,
            message,
            position,
        });
    }

    /// A warning, reported one by one up to [`crate::ingest::diagnostics_per_code`] per code and
    /// counted after.
    pub fn warn(&mut self, code: &'static str, position: Option<Position>, message: String) {
        let n = self.counts.entry(code).or_default();
        *n += 1;
        if *n <= crate::ingest::diagnostics_per_code() {
            self.inv.diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                code,
                message,
                position,
            });
        }
    }

    /// Summarises the warnings past the cap and finishes the inventory.
    pub fn finish(mut self) -> Inventory<'a> {
        let mut over: Vec<(&'static str, usize)> = self
            .counts
            .iter()
            .filter(|(_, n)| **n > crate::ingest::diagnostics_per_code())
            .map(|(c, n)| (*c, *n))
            .collect();
        over.sort_unstable();
        for (code, n) in over {
            self.inv.diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                code,
                message: crate::ingest::diagnostics_not_listed(code, n),
                position: None,
            });
        }
        self.inv.graph = crate::inventory::DependencyGraph::with_nodes(self.inv.components.len());
        self.inv
    }

    /// Reads the rows below the header row. `expected_fields` is the header row's field count,
    /// for CSV files, whose rows should all have it.
    pub fn read_table(
        &mut self,
        rows: &[RawRow<'a>],
        header: &Header,
        place: Place<'_>,
        expected_fields: Option<usize>,
    ) {
        let header_row = &rows[header.row];
        let header_words = place.row_words(&self.inv, header_row);
        let Some(last) = rows.iter().rposition(|r| !r.is_blank()) else {
            return;
        };
        let mut skipped = Skipped::default();
        let mut previous = header_row.index;
        for row in rows.iter().take(last + 1).skip(header.row + 1) {
            // Rows a workbook leaves out are blank.
            let gap = row.index.saturating_sub(previous + 1);
            previous = row.index;
            if gap > 0 {
                skipped.blank += gap;
                skipped.first.get_or_insert(Position {
                    line: row.index as u32 + 1 - gap as u32,
                    column: 1,
                });
            }
            if row.is_blank() {
                skipped.blank += 1;
                skipped
                    .first
                    .get_or_insert_with(|| place.row_position(&self.inv, row));
                continue;
            }
            if let Some(expected) = expected_fields
                && row.cells.len() != expected
            {
                let position = place.row_position(&self.inv, row);
                self.warn(
                    "csv-field-count",
                    Some(position),
                    format!(
                        "the row has {} fields but the header row ({header_words}) has {expected}; {}",
                        row.cells.len(),
                        if row.cells.len() > expected {
                            "a field that contains the delimiter must be in double quotes; the extra fields were read as unnamed columns"
                        } else {
                            "the missing fields were read as empty"
                        }
                    ),
                );
            }
            let part = row.value(header.column(Field::PartNumber));
            // A name column holding only a line number ("Item" 1, 2, 3, …) does not name the
            // part when a part number does; its value is kept as a property.
            let name = row
                .value(header.column(Field::Name))
                .filter(|c| part.is_none() || !is_serial_number(&c.text));
            if part.is_none() && is_subtotal(row) {
                let position = place.row_position(&self.inv, row);
                skipped.first.get_or_insert(position);
                skipped.subtotal.push(position.line);
                continue;
            }
            // An EDA export has no name column: a part is known by its value (`10k`,
            // `STM32F407VGT6`), else its library device; a list that has only a description
            // column to say what a part is, by its description.
            let name_cell = match name
                .or(part)
                .or_else(|| row.value(header.column(Field::Value)))
                .or_else(|| row.value(header.column(Field::Device)))
                .or_else(|| {
                    let only_description =
                        [Field::PartNumber, Field::Name, Field::Value, Field::Device]
                            .into_iter()
                            .all(|f| header.column(f).is_none());
                    only_description
                        .then(|| row.value(header.column(Field::Description)))
                        .flatten()
                }) {
                Some(cell) => cell,
                None => {
                    let words = place.row_words(&self.inv, row);
                    let position = place.row_position(&self.inv, row);
                    skipped.first.get_or_insert(position);
                    let naming = [Field::PartNumber, Field::Name, Field::Value, Field::Device];
                    let naming: &[Field] = if naming.iter().any(|f| header.column(*f).is_some()) {
                        &naming
                    } else {
                        &[Field::Description]
                    };
                    let expected = naming
                        .iter()
                        .copied()
                        .filter_map(|f| {
                            let col = header.column(f)?;
                            Some(format!(
                                "\"{}\" (column {})",
                                crate::ingest::shown(header.name_of(col).unwrap_or_default()),
                                place.column_name(col)
                            ))
                        })
                        .collect::<Vec<_>>()
                        .join(" or ");
                    self.warn(
                        "row-without-part",
                        Some(position),
                        format!(
                            "{}{words} has neither a part number nor a name, so it was skipped; expected a value in {expected}",
                            place.prefix()
                        ),
                    );
                    skipped.without_part.push(position.line);
                    continue;
                }
            };
            self.read_row(row, name_cell, header, place);
        }
        let unit = match place {
            Place::Csv => "line",
            Place::Sheet(_) => "row",
        };
        if let Some(message) = skipped.message(unit) {
            let message = format!("{}{message}", place.prefix());
            self.note("skipped-rows", skipped.first, message);
        }
    }

    fn read_row(
        &mut self,
        row: &RawRow<'a>,
        name_cell: &RawCell<'a>,
        header: &Header,
        place: Place<'_>,
    ) {
        let mut c = Component {
            kind: ComponentKind::Device,
            name: name_cell.text.clone(),
            ..Default::default()
        };
        for cell in row.cells.iter().filter(|c| !c.text.is_empty()) {
            let text = cell.text.clone();
            let property: Option<Text<'a>> = match header.field_of(cell.col) {
                // Two columns for one organisation: the second is kept beside the first, so
                // that no name hides behind another.
                Some(Field::Manufacturer) if c.manufacturer.is_some() => {
                    c.also_named.push((PartyField::Manufacturer, text));
                    None
                }
                Some(Field::Supplier) if c.supplier.is_some() => {
                    c.also_named.push((PartyField::Supplier, text));
                    None
                }
                Some(Field::Manufacturer) => {
                    c.manufacturer = Some(Box::new(Party {
                        name: Some(text),
                        ..Party::default()
                    }));
                    None
                }
                Some(Field::Supplier) => {
                    c.supplier = Some(Box::new(Party {
                        name: Some(text),
                        ..Party::default()
                    }));
                    None
                }
                Some(Field::PartNumber) => Some(Cow::Borrowed(MODEL_PROPERTY)),
                Some(Field::Name) if cell.col == name_cell.col => None,
                // What an EDA export says a part is (`R-EU_R0603`, `10k`, `0603`): kept under
                // these names even when the value names the component, so that a resistor, a
                // capacitor or a connector can be told from a product by them.
                Some(Field::Value) => Some(Cow::Borrowed(VALUE_PROPERTY)),
                Some(Field::Device) => Some(Cow::Borrowed(DEVICE_PROPERTY)),
                Some(Field::Package) => Some(Cow::Borrowed(PACKAGE_PROPERTY)),
                Some(Field::Name) => Some(unmapped_property_name(header, cell.col, place)),
                Some(Field::Description) => {
                    c.description = Some(text);
                    None
                }
                Some(Field::Quantity) => match amount::parse_quantity(&text) {
                    Ok(_) => Some(Cow::Borrowed(crate::evaluate::QUANTITY_PROPERTY)),
                    Err(e) => {
                        let position = place.row_position(&self.inv, row);
                        let words = place.row_words(&self.inv, row);
                        self.warn(
                            "amount-out-of-range",
                            Some(position),
                            format!(
                                "{}{words}: {}; the row counts once in the spend",
                                place.prefix(),
                                amount::quantity_problem(&text, e)
                            ),
                        );
                        None
                    }
                },
                Some(Field::UnitPrice) => match amount::parse_price(&text) {
                    Ok(_) => Some(Cow::Borrowed(crate::evaluate::UNIT_PRICE_PROPERTY)),
                    Err(_) => {
                        let position = place.row_position(&self.inv, row);
                        let words = place.row_words(&self.inv, row);
                        self.warn(
                            "amount-out-of-range",
                            Some(position),
                            format!(
                                "{}{words}: {}; the row has no price in the spend",
                                place.prefix(),
                                amount::price_problem(&text)
                            ),
                        );
                        None
                    }
                },
                Some(Field::CountryOfOrigin) => Some(Cow::Borrowed("catscan:country-of-origin")),
                // A supplier's own type column is a strong hint, not a declaration: values that are no
                // catscan category are then ignored instead of reported as invalid.
                Some(Field::Category) => Some(Cow::Borrowed("hw:category")),
                Some(Field::Kind) => {
                    c.kind = match parse_kind(&text) {
                        Some(kind) => kind,
                        None => {
                            let position = place.row_position(&self.inv, row);
                            let words = place.row_words(&self.inv, row);
                            self.warn(
                                "unknown-kind",
                                Some(position),
                                format!(
                                    "{}{words}: kind \"{}\" is not a component type catscan knows; expected device, firmware, application, operating-system, platform, container, library, framework, device-driver or file",
                                    place.prefix(),
                                    crate::ingest::shown(&text)
                                ),
                            );
                            ComponentKind::Unknown(text.to_string())
                        }
                    };
                    None
                }
                Some(Field::Purl) => {
                    c.purl = Some(text);
                    None
                }
                Some(Field::Cpe) => {
                    c.cpe = Some(text);
                    None
                }
                Some(Field::Reference) => {
                    let words = place.row_words(&self.inv, row);
                    match self.refs.get(text.as_ref()) {
                        Some(first) => {
                            let message = format!(
                                "{}{words}: reference \"{}\" was already used ({first}); the first row keeps it",
                                place.prefix(),
                                crate::ingest::shown(&text)
                            );
                            let position = place.row_position(&self.inv, row);
                            self.warn("duplicate-bom-ref", Some(position), message);
                        }
                        None => {
                            let first = match place {
                                Place::Csv => words,
                                Place::Sheet(sheet) => format!("sheet '{sheet}', {words}"),
                            };
                            self.refs.insert(text.to_string(), first);
                            c.bom_ref = Some(text);
                        }
                    }
                    None
                }
                None => Some(unmapped_property_name(header, cell.col, place)),
            };
            if let Some(name) = property {
                let span = place.cell_span(&mut self.inv, row, cell);
                c.properties.push(Property {
                    name,
                    value: cell.text.clone(),
                    span,
                });
            }
        }
        c.span = place.component_span(&mut self.inv, row, name_cell);
        self.inv.components.push(c);
    }
}

/// The property a column no field claims is kept as: `catscan:…` headers as they are,
/// `column:<header>` otherwise, `column:<number or letter>` for a column without a header.
fn unmapped_property_name(header: &Header, col: usize, place: Place<'_>) -> Text<'static> {
    match header.name_of(col) {
        Some(name) if name.starts_with("catscan:") && name.len() > "catscan:".len() => {
            Cow::Owned(name.to_string())
        }
        Some(name) => Cow::Owned(format!("column:{name}")),
        None => Cow::Owned(format!("column:{}", place.column_name(col))),
    }
}

/// A Kind column's value as a component kind: CycloneDX types and a few common words.
fn parse_kind(value: &str) -> Option<ComponentKind> {
    let k = value.trim().to_lowercase().replace([' ', '_'], "-");
    ComponentKind::from_cyclonedx(&k).or(match k.as_str() {
        "hardware" | "hw" | "设备" | "硬件" => Some(ComponentKind::Device),
        "software" | "sw" | "app" | "软件" | "应用" => Some(ComponentKind::Application),
        "os" | "操作系统" => Some(ComponentKind::OperatingSystem),
        "fw" | "固件" => Some(ComponentKind::Firmware),
        "lib" | "库" => Some(ComponentKind::Library),
        "driver" | "驱动" => Some(ComponentKind::DeviceDriver),
        _ => None,
    })
}

/// A line number such as `1` or `12`.
fn is_serial_number(s: &str) -> bool {
    !s.is_empty() && s.len() <= 6 && s.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a row (that has no part number) is a total line: one of its cells says total,
/// subtotal, 合计, 小计 or 总计.
pub(crate) fn is_subtotal(row: &RawRow<'_>) -> bool {
    row.cells.iter().any(|c| is_total_word(&c.text))
}

fn is_total_word(s: &str) -> bool {
    let t = s.trim();
    if ["合计", "小计", "总计", "共计"]
        .iter()
        .any(|m| t.starts_with(m))
    {
        return true;
    }
    let lower = t.to_lowercase();
    [
        "grand total",
        "subtotal",
        "sub-total",
        "sub total",
        "total",
        "sum",
    ]
    .iter()
    .any(|m| match lower.strip_prefix(m) {
        // "Total", "Total:", "Total (USD)", "Subtotal – network"; not "Totally" or
        // "Total Commander".
        Some(rest) => {
            !rest.starts_with(char::is_alphanumeric)
                && !rest.trim_start().starts_with(char::is_alphabetic)
        }
        None => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_count_like_a_spreadsheet() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn total_words() {
        for yes in [
            "Total",
            "TOTAL:",
            "Subtotal – network",
            "Grand Total (USD)",
            "合计",
            "小计：",
            "Sum",
        ] {
            assert!(is_total_word(yes), "{yes}");
        }
        for no in [
            "Totally Secure Router",
            "Total Commander",
            "Summary",
            "Router",
        ] {
            assert!(!is_total_word(no), "{no}");
        }
    }

    #[test]
    fn kinds() {
        assert_eq!(parse_kind("Firmware"), Some(ComponentKind::Firmware));
        assert_eq!(
            parse_kind("operating system"),
            Some(ComponentKind::OperatingSystem)
        );
        assert_eq!(parse_kind("软件"), Some(ComponentKind::Application));
        assert_eq!(parse_kind("gizmo"), None);
    }
}
