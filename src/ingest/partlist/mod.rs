//! Supplier part lists: CSV and XLSX tables of parts, read into components.
//!
//! A part list is a table with one part per row. Its header row is looked for among the first
//! 20 non-blank rows (title rows above it are common), and its columns are recognised by name,
//! in English, Chinese (simplified and traditional) or Japanese, ignoring case, full-width forms
//! and punctuation: manufacturer (厂商, 品牌, メーカー), supplier (供应商), part number or model
//! (型号, MPN, Part), name (名称, 物料名称, Part/BOM Name), description (描述), quantity (数量,
//! Qty), country of origin (原产地), category (类别), kind, purl, CPE, reference designator (位号,
//! Parts), and an EDA export's value, device and package or footprint. In an EDA export (two of
//! value, device and package) `Part` is the reference designator, as EAGLE writes it. The user
//! can name columns instead ([`ColumnOverrides`], `--columns`). A header row counts only when it
//! has a column that identifies the part and another that only part lists have, so that other
//! tables are not taken for part lists.
//!
//! Each data row becomes a [`Component`](crate::inventory::Component): a device unless a kind
//! column says otherwise, named by its name column or else its part number, value or device (or
//! its description when the table has nothing else to name it), with the part number as the
//! `hw:model-number` property, an EDA export's value, device and package as `hw:value`,
//! `hw:device` and `hw:package`, the category as `hw:category` (a hint, not a declaration), the quantity
//! as `catscan:quantity` and the unit price as `catscan:unit-price` (when [`amount`] reads them;
//! a cell it cannot read is a warning at its row), the country of origin as
//! `catscan:country-of-origin`, and every other
//! column kept as a property `column:<header>` (a column whose header is itself a `catscan:…`
//! property name keeps that name), so nothing the supplier wrote is lost. Blank rows, subtotal
//! rows and rows with neither a part number nor a name are skipped and reported in one note per
//! table.
//!
//! CSV spans are byte offsets into the file, like every other reader's. A workbook has no text:
//! its inventory's [`cells`](crate::inventory::Inventory::cells) table holds each located cell
//! (`sheet 'Parts', cell B5`), and spans index that table.

pub mod amount;
mod columns;
mod delimited;
mod table;
mod xlsx;

pub use crate::ingest::workbook::is_xlsx;
pub use columns::{ColumnOverrides, Field};
pub use delimited::{looks_like_csv_part_list, looks_like_csv_part_list_with, read_csv};
pub use xlsx::{Workbook, read_workbook, read_xlsx};

/// The property a row's part number is recorded in: one of the names the resolver reads model
/// numbers from ([`crate::resolve::category::MODEL_PROPERTIES`]).
pub const MODEL_PROPERTY: &str = "hw:model-number";

/// The property an EDA export's value column (`Value`, `Designation`) is recorded in.
pub const VALUE_PROPERTY: &str = "hw:value";
/// The property an EDA export's library device column (`Device`) is recorded in.
pub const DEVICE_PROPERTY: &str = "hw:device";
/// The property a package or footprint column (`Package`, `Footprint`, 封装) is recorded in.
pub const PACKAGE_PROPERTY: &str = "hw:package";

#[cfg(test)]
mod tests {
    #[test]
    fn the_model_property_is_one_the_resolver_reads() {
        assert!(crate::resolve::category::MODEL_PROPERTIES.contains(&super::MODEL_PROPERTY));
    }
}
