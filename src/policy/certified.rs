//! The user's list of certified or tested products (`--certified FILE`): one row per product,
//! matched to components by vendor and model.
//!
//! The list is CSV with a header row. Columns are recognised by name, in English or Chinese:
//! vendor (厂商), product (产品名称), model (型号), number (证书编号 / 报告编号), kind
//! (`certificate` or `report`; 类型), issued (发证日期) and expiry (有效期至). Vendor, model and
//! number are required.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use time::Date;

use crate::knowledge::Knowledge;
use crate::knowledge::vendors::normalize as normalize_vendor;

/// What a listed number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListedKind {
    /// A certification certificate (`certificate`, 证书).
    Certificate,
    /// A testing report (`report`, 报告).
    Report,
    /// The list does not say.
    Unstated,
}

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertifiedProduct {
    /// The vendor as the list writes it; matched to the component's vendor by registry entry or
    /// normalised name.
    pub vendor: String,
    /// The product's name, when the list gives one (for people; matching uses `model`).
    pub product: Option<String>,
    /// The model, matched to the component's name, a word of it, or its model property.
    pub model: String,
    /// The certificate or report number.
    pub number: String,
    /// Whether the number is a certificate's or a report's.
    pub kind: ListedKind,
    /// The day the certificate was issued (a report's date); `None` when the list leaves it empty.
    pub issued: Option<Date>,
    /// The last day the certificate is valid (有效期至: the day itself counts); `None` when the list
    /// leaves it empty.
    pub expiry: Option<Date>,
    /// 1-based line of the row in the file.
    pub line: u64,
}

/// A loaded list, with the path it came from (for messages).
#[derive(Debug, Clone, Default)]
pub struct CertifiedList {
    /// The list's file, as messages name it.
    pub file: String,
    /// The list's rows, in file order.
    pub products: Vec<CertifiedProduct>,
    index: OnceLock<Arc<ListIndex>>,
}

/// A problem with the list: the file, the line (and column) and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListError {
    /// The list's file, as messages name it.
    pub file: String,
    /// 1-based line of the problem (1 when the file cannot be read at all).
    pub line: u64,
    /// 1-based column (CSV field) of the problem, when it is in one field.
    pub column: Option<usize>,
    /// What is wrong, and what was expected.
    pub message: String,
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(c) => write!(f, "{}:{}:{}: {}", self.file, self.line, c, self.message),
            None => write!(f, "{}:{}: {}", self.file, self.line, self.message),
        }
    }
}

impl std::error::Error for ListError {}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Column {
    Vendor,
    Product,
    Model,
    Number,
    Kind,
    Issued,
    Expiry,
}

/// Header names of each column, compared after lower-casing and trimming.
const HEADERS: &[(Column, &[&str])] = &[
    (
        Column::Vendor,
        &[
            "vendor",
            "manufacturer",
            "producer",
            "厂商",
            "生产者",
            "生产厂商",
            "制造商",
        ],
    ),
    (
        Column::Product,
        &["product", "product name", "产品", "产品名称"],
    ),
    (
        Column::Model,
        &["model", "model number", "型号", "规格型号", "产品型号"],
    ),
    (
        Column::Number,
        &[
            "number",
            "certificate",
            "certificate number",
            "report",
            "report number",
            "certificate or report number",
            "证书编号",
            "报告编号",
            "编号",
        ],
    ),
    (Column::Kind, &["kind", "type", "类型", "类别"]),
    (
        Column::Issued,
        &[
            "issued",
            "issue date",
            "date",
            "发证日期",
            "颁发日期",
            "签发日期",
            "日期",
        ],
    ),
    (
        Column::Expiry,
        &[
            "expiry",
            "expires",
            "valid until",
            "expiry date",
            "有效期至",
            "有效期",
            "到期日期",
        ],
    ),
];

impl CertifiedList {
    /// Reads the list from `path` (up to the data-file size limit); `display` is how messages name
    /// the file.
    pub fn load(path: &Path, display: &str) -> Result<Self, ListError> {
        // Up to the data-file-size limit, as every data file a policy names.
        let text = crate::ingest::confined::read_data_file(path).map_err(|e| ListError {
            file: display.to_string(),
            line: 1,
            column: None,
            message: format!("cannot read the list of certified products: {e}"),
        })?;
        Self::parse(&text, display)
    }

    /// Reads the list from its CSV text; `display` is how messages name the file.
    pub fn parse(text: &str, display: &str) -> Result<Self, ListError> {
        let error = |line: u64, column: Option<usize>, message: String| ListError {
            file: display.to_string(),
            line,
            column,
            message,
        };
        let text = text.trim_start_matches('\u{feff}');
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| error(1, None, format!("cannot read the header row: {e}")))?
            .clone();
        let mut columns: Vec<Option<Column>> = Vec::new();
        for h in &headers {
            let h = h.to_lowercase();
            columns.push(
                HEADERS
                    .iter()
                    .find(|(_, names)| names.contains(&h.as_str()))
                    .map(|(c, _)| *c),
            );
        }
        for required in [Column::Vendor, Column::Model, Column::Number] {
            if !columns.contains(&Some(required)) {
                let names = HEADERS
                    .iter()
                    .find(|(c, _)| *c == required)
                    .map(|(_, n)| n.join(", "))
                    .unwrap_or_default();
                return Err(error(
                    1,
                    None,
                    format!(
                        "the header row has no {required:?} column; expected one named: {names}"
                    )
                    .to_lowercase(),
                ));
            }
        }
        let mut products = Vec::new();
        // csv counts lines without the blank ones it skips, and a record's position may be the
        // start of the blank lines before it; find the line of its first character in the text,
        // with one index for the whole list (a count per row would be quadratic).
        let lines = crate::inventory::LineIndex::new(text);
        let line_of = |byte: u64| {
            let bytes = text.as_bytes();
            let mut at = (byte as usize).min(bytes.len());
            while at < bytes.len() && matches!(bytes[at], b'\n' | b'\r') {
                at += 1;
            }
            u64::from(lines.position(text, at).line)
        };
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| line_of(p.byte()));
                let message = match e.kind() {
                    csv::ErrorKind::UnequalLengths { expected_len, len, .. } => format!(
                        "the row has {len} fields but the header has {expected_len}; a field that contains a comma must be in double quotes"
                    ),
                    csv::ErrorKind::Utf8 { .. } => "the row is not UTF-8 text; save the list as UTF-8 CSV".to_string(),
                    _ => format!("cannot read the row: {e}"),
                };
                error(line, None, message)
            })?;
            let line = record.position().map_or(0, |p| line_of(p.byte()));
            if record.iter().all(str::is_empty) {
                continue;
            }
            let get = |c: Column| {
                columns
                    .iter()
                    .position(|x| *x == Some(c))
                    .and_then(|i| record.get(i))
                    .filter(|v| !v.is_empty())
            };
            let required = |c: Column| {
                get(c).map(str::to_string).ok_or_else(|| {
                    let column = columns.iter().position(|x| *x == Some(c)).map(|i| i + 1);
                    error(line, column, format!("the {c:?} column is empty; every row needs a vendor, a model and a number").to_lowercase())
                })
            };
            let date = |c: Column| -> Result<Option<Date>, ListError> {
                match get(c) {
                    None => Ok(None),
                    Some(v) => crate::inventory::dates::parse(v).map(Some).ok_or_else(|| {
                        let column = columns.iter().position(|x| *x == Some(c)).map(|i| i + 1);
                        error(
                            line,
                            column,
                            format!("\"{v}\" is not a date; expected YYYY-MM-DD"),
                        )
                    }),
                }
            };
            let kind = match get(Column::Kind).map(str::to_lowercase).as_deref() {
                None => ListedKind::Unstated,
                Some("certificate" | "certification" | "证书" | "认证") => {
                    ListedKind::Certificate
                }
                Some("report" | "test report" | "testing" | "报告" | "检测") => {
                    ListedKind::Report
                }
                Some(other) => {
                    let column = columns
                        .iter()
                        .position(|x| *x == Some(Column::Kind))
                        .map(|i| i + 1);
                    return Err(error(
                        line,
                        column,
                        format!("kind \"{other}\" is neither \"certificate\" nor \"report\""),
                    ));
                }
            };
            products.push(CertifiedProduct {
                vendor: required(Column::Vendor)?,
                product: get(Column::Product).map(str::to_string),
                model: required(Column::Model)?,
                number: required(Column::Number)?,
                kind,
                issued: date(Column::Issued)?,
                expiry: date(Column::Expiry)?,
                line,
            });
        }
        Ok(CertifiedList {
            file: display.to_string(),
            products,
            index: OnceLock::new(),
        })
    }

    /// Rows for a component: same vendor (the same registry entry, or the same name once
    /// normalised) and same model (equal once case, spaces and hyphens are ignored, to the
    /// component's name, a word of it, or its model property).
    pub fn matching<'l>(
        &'l self,
        knowledge: &Knowledge,
        vendor_names: &[&str],
        models: &[&str],
    ) -> impl Iterator<Item = &'l CertifiedProduct> + 'l {
        let index = self
            .index
            .get_or_init(|| Arc::new(ListIndex::build(self, knowledge)));
        let registered: Vec<usize> = vendor_names
            .iter()
            .filter_map(|n| knowledge.vendor_index.by_name(n).map(|(i, _)| i))
            .collect();
        let normalized: Vec<String> = vendor_names.iter().map(|n| normalize_vendor(n)).collect();
        let mut rows: Vec<usize> = models
            .iter()
            .flat_map(|m| std::iter::once(*m).chain(m.split_whitespace()))
            .map(model_key)
            .filter(|k| !k.is_empty())
            .filter_map(|k| index.by_model.get(&k))
            .flatten()
            .copied()
            .filter(|&row| match index.vendors[row] {
                Some(i) if !registered.is_empty() => registered.contains(&i),
                _ => normalized.contains(&index.normalized_vendors[row]),
            })
            .collect();
        rows.sort_unstable();
        rows.dedup();
        rows.into_iter().map(|row| &self.products[row])
    }
}

/// Lookups over the list, built on first use: rows by model key, and each row's vendor.
#[derive(Debug, Default)]
struct ListIndex {
    by_model: HashMap<String, Vec<usize>>,
    /// The registry entry of each row's vendor, when it has one.
    vendors: Vec<Option<usize>>,
    normalized_vendors: Vec<String>,
}

impl ListIndex {
    fn build(list: &CertifiedList, knowledge: &Knowledge) -> Self {
        let mut index = ListIndex::default();
        for (row, p) in list.products.iter().enumerate() {
            index
                .by_model
                .entry(model_key(&p.model))
                .or_default()
                .push(row);
            index
                .vendors
                .push(knowledge.vendor_index.by_name(&p.vendor).map(|(i, _)| i));
            index.normalized_vendors.push(normalize_vendor(&p.vendor));
        }
        index
    }
}

fn model_key(model: &str) -> String {
    model
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = "厂商,产品名称,型号,证书编号,类型,发证日期,有效期至\n\
        山石网科通信技术股份有限公司,下一代防火墙,SG-6000-X10800,CCRC-2024-VP-0001,证书,2024-03-01,2029-02-28\n\
        \n\
        Juniper Networks,SRX,SRX 4600,REPORT-42,report,2023-01-10,\n";

    #[test]
    fn headers_in_chinese_and_rows_are_read() {
        let list = CertifiedList::parse(LIST, "certified.csv").unwrap();
        assert_eq!(list.products.len(), 2);
        let first = &list.products[0];
        assert_eq!(
            (first.model.as_str(), first.kind, first.line),
            ("SG-6000-X10800", ListedKind::Certificate, 2)
        );
        assert_eq!(list.products[1].expiry, None);
        assert_eq!(list.products[1].line, 4);
    }

    #[test]
    fn rows_match_by_registered_vendor_and_model_key() {
        let k = Knowledge::builtin();
        let list = CertifiedList::parse(LIST, "certified.csv").unwrap();
        let hits: Vec<_> = list
            .matching(k, &["Hillstone Networks Co., Ltd."], &["SG-6000-X1080"])
            .collect();
        assert!(hits.is_empty(), "another model");
        let hits: Vec<_> = list
            .matching(
                k,
                &["Hillstone Networks Co., Ltd."],
                &["Hillstone SG6000 X10800 firewall"],
            )
            .collect();
        assert!(
            hits.is_empty(),
            "the model is neither the whole name nor one word of it"
        );
        let hits: Vec<_> = list
            .matching(k, &["Hillstone Networks Co., Ltd."], &["sg-6000-x10800"])
            .collect();
        assert_eq!(
            hits.len(),
            1,
            "same registry vendor under another name, same model"
        );
        let hits: Vec<_> = list
            .matching(k, &["JUNIPER NETWORKS, INC."], &["SRX4600"])
            .collect();
        assert_eq!(hits.len(), 1);
        let hits: Vec<_> = list.matching(k, &["Example Corp"], &["SRX4600"]).collect();
        assert!(hits.is_empty(), "another vendor's SRX4600 is not Juniper's");
    }

    #[test]
    fn bad_rows_are_located() {
        let e = CertifiedList::parse("vendor,model,number,issued\nA,B,C,31/12/2024\n", "l.csv")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "l.csv:2:4: \"31/12/2024\" is not a date; expected YYYY-MM-DD"
        );
        let e = CertifiedList::parse("vendor,product\nA,B\n", "l.csv").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("l.csv:1: the header row has no model column"),
            "{e}"
        );
        let e = CertifiedList::parse("vendor,model,number\nA,B,C\nAcme, Inc.,B,C\n", "l.csv")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "l.csv:3: the row has 4 fields but the header has 3; a field that contains a comma must be in double quotes"
        );
        let e = CertifiedList::parse("vendor,model,number\nA,,C\n", "l.csv").unwrap_err();
        assert_eq!(
            e.to_string(),
            "l.csv:2:2: the model column is empty; every row needs a vendor, a model and a number"
        );
    }
}
