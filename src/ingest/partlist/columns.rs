//! What each column of a part list means: the fields catscan knows, the header names that stand
//! for them (English and Chinese), the user's overrides, and finding the header row.

use super::table::RawRow;

/// A column of a part list that catscan reads into a component field or a known property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Who made the part: the component's manufacturer (a second such column is kept as another
    /// name the component is also known by).
    Manufacturer,
    /// Who sold or delivered it: the component's supplier.
    Supplier,
    /// The manufacturer's part or model number, kept as the property `hw:model-number`.
    PartNumber,
    /// The component's name.
    Name,
    /// Free text about the part, searched for catalogue words and labelled figures.
    Description,
    /// How many of the part the product holds (for the domestic-control share).
    Quantity,
    /// The price of one part (for the share by spend).
    UnitPrice,
    /// Where the part was made, kept as `catscan:country-of-origin`.
    CountryOfOrigin,
    /// The supplier's own category of the part, kept as `hw:category`.
    Category,
    /// The component type (device, firmware, application, …) as CycloneDX names them.
    Kind,
    /// A package URL.
    Purl,
    /// A CPE name.
    Cpe,
    /// The row's reference, used as its bom-ref: unique in the list (a repeated one is reported
    /// and the first row keeps it).
    Reference,
    /// An EDA export's component value: `10k`, `100nF`, or for a chip its part name.
    Value,
    /// An EDA export's library device (EAGLE `Device`: `R-EU_R0603`, `STM32F407VGT6`).
    Device,
    /// An EDA export's package or footprint (`0603`, `LQFP-100`, `RJ45_Amphenol`).
    Package,
}

impl Field {
    /// Every field, in the order of the enum.
    pub const ALL: [Field; 16] = [
        Field::Manufacturer,
        Field::Supplier,
        Field::PartNumber,
        Field::Name,
        Field::Description,
        Field::Quantity,
        Field::UnitPrice,
        Field::CountryOfOrigin,
        Field::Category,
        Field::Kind,
        Field::Purl,
        Field::Cpe,
        Field::Reference,
        Field::Value,
        Field::Device,
        Field::Package,
    ];

    /// The field's name as `--columns` and `catscan.toml` write it (`part-number`).
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Manufacturer => "manufacturer",
            Field::Supplier => "supplier",
            Field::PartNumber => "part-number",
            Field::Name => "name",
            Field::Description => "description",
            Field::Quantity => "quantity",
            Field::UnitPrice => "unit-price",
            Field::CountryOfOrigin => "country-of-origin",
            Field::Category => "category",
            Field::Kind => "kind",
            Field::Purl => "purl",
            Field::Cpe => "cpe",
            Field::Reference => "reference",
            Field::Value => "value",
            Field::Device => "device",
            Field::Package => "package",
        }
    }

    /// The field a name stands for: `part-number`, also written `part_number`, `Part Number` or
    /// `partnumber`.
    pub fn parse(s: &str) -> Option<Field> {
        let wanted = key(s);
        if wanted.is_empty() {
            return None;
        }
        Field::ALL
            .into_iter()
            .find(|f| f.as_str().replace('-', "") == wanted)
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// Header names that stand for the field, as [`key`] writes them.
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Manufacturer => &[
                "manufacturer",
                "manufacturername",
                "mfr",
                "mfrname",
                "mfg",
                "mfgname",
                "maker",
                "vendor",
                "vendorname",
                "brand",
                "厂商",
                "厂家",
                "制造商",
                "生产厂家",
                "生产厂商",
                "生产商",
                "制造厂商",
                "品牌",
                "mf",
                "廠商",
                "廠家",
                "製造商",
                "生產廠家",
                "生產廠商",
                "生產商",
                "製造廠商",
                "メーカー",
                "メーカー名",
                "製造元",
            ],
            Field::Supplier => &[
                "supplier",
                "suppliername",
                "distributor",
                "供应商",
                "供货商",
                "供應商",
                "供貨商",
            ],
            Field::PartNumber => &[
                "partnumber",
                "partno",
                "partnum",
                "pn",
                "mpn",
                "mfrpartnumber",
                "mfrpartno",
                "mfrpn",
                "mfgpartnumber",
                "mfgpartno",
                "manufacturerpartnumber",
                "manufacturerpartno",
                "part",
                "model",
                "modelnumber",
                "modelno",
                "型号",
                "规格型号",
                "产品型号",
                "设备型号",
                "料号",
                "型號",
                "規格型號",
                "產品型號",
                "設備型號",
                "料號",
                "型番",
                "品番",
            ],
            Field::Name => &[
                "name",
                "item",
                "itemname",
                "product",
                "productname",
                "partname",
                "partbomname",
                "componentname",
                "名称",
                "品名",
                "产品名称",
                "设备名称",
                "物料名称",
                "名稱",
                "產品名稱",
                "設備名稱",
                "物料名稱",
                "部品名",
            ],
            Field::Description => &[
                "description",
                "desc",
                "partdescription",
                "itemdescription",
                "描述",
                "说明",
                "规格",
                "产品描述",
                "說明",
                "規格",
                "產品描述",
            ],
            Field::Quantity => &["quantity", "qty", "数量", "用量", "數量"],
            Field::UnitPrice => &[
                "unitprice",
                "price",
                "unitcost",
                "priceeach",
                "单价",
                "含税单价",
                "价格",
                "單價",
                "含稅單價",
                "價格",
            ],
            Field::CountryOfOrigin => &[
                "countryoforigin",
                "coo",
                "origin",
                "原产地",
                "产地",
                "原产国",
                "原產地",
                "產地",
                "原產國",
            ],
            Field::Category => &[
                "category", "type", "类别", "类型", "分类", "類別", "類型", "分類",
            ],
            Field::Kind => &["kind", "componentkind", "componenttype"],
            Field::Purl => &["purl", "packageurl"],
            Field::Cpe => &["cpe"],
            Field::Reference => &[
                "reference",
                "ref",
                "refdes",
                "referencedesignator",
                "designator",
                "designators",
                "references",
                "parts",
                "位号",
                "位號",
                "bomref",
            ],
            // KiCad's PCB editor writes the value as `Designation`.
            Field::Value => &["value", "designation", "值"],
            Field::Device => &["device"],
            Field::Package => &["package", "packagecase", "footprint", "封装"],
        }
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Column names the user forces (from `--columns` or catscan.toml): field → header text as written
/// in the file.
#[derive(Debug, Clone, Default)]
pub struct ColumnOverrides {
    /// Each forced field with the header text that stands for it, in the order given.
    pub map: Vec<(Field, String)>,
}

impl ColumnOverrides {
    /// Reads `manufacturer=Maker,part-number=Item No.`: entries separated by `,`, each a field
    /// name, `=` and the header as the file writes it (spaces allowed, surrounding ones trimmed).
    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut map: Vec<(Field, String)> = Vec::new();
        for entry in spec.split(',') {
            if entry.trim().is_empty() {
                continue;
            }
            let Some((field, header)) = entry.split_once('=') else {
                return Err(format!(
                    "\"{}\" is not FIELD=HEADER; expected e.g. \"part-number=Item No.\"",
                    entry.trim()
                ));
            };
            let (field, header) = (field.trim(), header.trim());
            let Some(parsed) = Field::parse(field) else {
                return Err(format!(
                    "unknown field \"{field}\" in \"{}\"; expected one of: {}",
                    entry.trim(),
                    valid_fields()
                ));
            };
            if header.is_empty() {
                return Err(format!(
                    "no header given for {parsed} in \"{}\"; expected {parsed}=HEADER, the column's name as the file writes it",
                    entry.trim()
                ));
            }
            if map.iter().any(|(f, _)| *f == parsed) {
                return Err(format!(
                    "{parsed} is given more than once; expected one header per field"
                ));
            }
            map.push((parsed, header.to_string()));
        }
        Ok(ColumnOverrides { map })
    }
}

fn valid_fields() -> String {
    Field::ALL
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// How header names are compared: full-width forms folded to ASCII, lower case, and only
/// letters and digits kept (`P/N` is `pn`, `Ｍｆｒ Part No.` is `mfrpartno`).
pub(crate) fn key(s: &str) -> String {
    s.chars()
        .map(fold_width)
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The header without a bracketed note: `Quantity (pcs)` → `Quantity`, `数量（台）` → `数量`.
fn without_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars().map(fold_width) {
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The field a header name stands for, by synonym.
pub(crate) fn synonym_field(header: &str) -> Option<Field> {
    let find = |k: &str| Field::ALL.into_iter().find(|f| f.synonyms().contains(&k));
    let k = key(header);
    if k.is_empty() {
        return None;
    }
    find(&k).or_else(|| {
        let bare = key(&without_brackets(header));
        if bare.is_empty() || bare == k {
            None
        } else {
            find(&bare)
        }
    })
}

/// Whether a header names a certificate or test-report number: the mark of a list of certified
/// products (`--certified`), which has vendor and model columns too but is not a part list.
pub(crate) fn is_certificate_header(header: &str) -> bool {
    const NAMES: &[&str] = &[
        "certificate",
        "certificates",
        "certificatenumber",
        "certificateno",
        "certno",
        "reportnumber",
        "reportno",
        "certificateorreportnumber",
        "证书编号",
        "证书号",
        "证书",
        "报告编号",
        "认证证书编号",
    ];
    NAMES.contains(&key(header).as_str())
}

/// How many non-blank rows at the top of a table are searched for the header row.
pub(crate) const HEADER_SEARCH_ROWS: usize = 20;

/// The header row of a table and what each of its columns means.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    /// Index of the header row in the table's rows.
    pub row: usize,
    /// The column of each field (indexed by [`Field::index`]).
    pub fields: [Option<usize>; Field::ALL.len()],
    /// Every non-empty header cell: column and text.
    pub names: Vec<(usize, String)>,
    /// Index into `names` of each column, for [`Header::name_of`], which is asked once per cell:
    /// a search of `names` would make a table with 500,000 columns quadratic.
    by_column: rustc_hash::FxHashMap<usize, usize>,
}

impl Header {
    pub fn column(&self, field: Field) -> Option<usize> {
        self.fields[field.index()]
    }

    pub fn field_of(&self, column: usize) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|f| self.fields[f.index()] == Some(column))
    }

    pub fn name_of(&self, column: usize) -> Option<&str> {
        self.by_column
            .get(&column)
            .map(|&i| self.names[i].1.as_str())
    }

    /// Enough to read parts, and enough to tell a part list from any other table: a column that
    /// identifies the part (part number, name, description, value or device) and another that
    /// only part lists have (part number, manufacturer, supplier, reference designator, or the
    /// device or package of an EDA export). `name,type`, `name,value` or `package,version` is
    /// any table; `Model,Description`, `Name,Manufacturer` and `Reference,Value,Footprint` are
    /// part lists.
    fn is_usable(&self) -> bool {
        const IDENTIFYING: [Field; 5] = [
            Field::PartNumber,
            Field::Name,
            Field::Description,
            Field::Value,
            Field::Device,
        ];
        let eda = self.is_eda_export();
        let strong = |f: Field| match f {
            Field::PartNumber | Field::Manufacturer | Field::Supplier | Field::Reference => true,
            Field::Device | Field::Package => eda,
            _ => false,
        };
        IDENTIFYING.into_iter().any(|a| {
            self.column(a).is_some_and(|col_a| {
                Field::ALL
                    .into_iter()
                    .any(|b| strong(b) && self.column(b).is_some_and(|col_b| col_b != col_a))
            })
        })
    }

    /// Whether the columns are an EDA tool's: two of value, device and package (EAGLE writes
    /// all three, KiCad value and footprint).
    pub fn is_eda_export(&self) -> bool {
        [Field::Value, Field::Device, Field::Package]
            .into_iter()
            .filter(|f| self.column(*f).is_some())
            .count()
            >= 2
    }

    fn recognised(&self) -> usize {
        self.fields.iter().filter(|c| c.is_some()).count()
    }

    /// The header names, quoted and comma-separated, for messages.
    pub fn listed(&self) -> String {
        if self.names.is_empty() {
            return "(none)".to_string();
        }
        self.names
            .iter()
            .map(|(_, n)| format!("\"{}\"", crate::ingest::shown(n)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What the search for a header row found.
#[derive(Debug)]
pub(crate) enum HeaderSearch {
    Found(Header),
    /// The best row lacks headers the overrides name: the row, and the (field, header) pairs
    /// not found in it.
    MissingOverride {
        header: Header,
        missing: Vec<(Field, String)>,
    },
    /// No row has a part-number column and a manufacturer, name or description column. `best`
    /// is the row that came closest (or the first non-blank one), with the overrides not in it.
    NotFound {
        best: Option<Header>,
        missing: Vec<(Field, String)>,
    },
}

/// Header names that stand for a field only when no plainer header does.
const WEAK_SYNONYMS: &[&str] = &["item", "part"];

/// Maps one row's cells to fields: overrides first, then synonyms for the other columns.
fn map_row(
    index: usize,
    row: &RawRow<'_>,
    overrides: &ColumnOverrides,
) -> (Header, usize, Vec<(Field, String)>) {
    let names: Vec<(usize, String)> = row
        .cells
        .iter()
        .filter(|c| !c.text.is_empty())
        .map(|c| (c.col, c.text.to_string()))
        .collect();
    let mut by_column = rustc_hash::FxHashMap::default();
    for (i, (col, _)) in names.iter().enumerate() {
        // The first cell of a column, as the search this replaces found.
        by_column.entry(*col).or_insert(i);
    }
    let mut header = Header {
        row: index,
        fields: [None; Field::ALL.len()],
        names,
        by_column,
    };
    let mut found = 0;
    let mut missing = Vec::new();
    for (field, wanted) in &overrides.map {
        let wanted_key = key(wanted);
        let hit = header.names.iter().find(|(_, n)| {
            n.trim() == wanted.trim() || (!wanted_key.is_empty() && key(n) == wanted_key)
        });
        match hit {
            Some((col, _)) => {
                header.fields[field.index()] = Some(*col);
                found += 1;
            }
            None => missing.push((*field, wanted.clone())),
        }
    }
    let overridden = |f: Field| overrides.map.iter().any(|(o, _)| *o == f);
    for (col, name) in &header.names {
        if header.fields.contains(&Some(*col)) {
            continue;
        }
        if let Some(f) = synonym_field(name)
            && !overridden(f)
        {
            // A vague header (`Item`, `Part`) yields to a plain one further right: in
            // `Item,Part/BOM Name` the name is the second column.
            let vague = |n: &str| WEAK_SYNONYMS.contains(&key(n).as_str());
            let taken_by_vague = header.fields[f.index()]
                .and_then(|c| header.name_of(c))
                .is_some_and(vague);
            if header.fields[f.index()].is_none() || (taken_by_vague && !vague(name)) {
                header.fields[f.index()] = Some(*col);
            }
        }
    }
    // In an EDA export `Part` is the reference designator (EAGLE: `Part,Value,Device,Package`),
    // elsewhere the part number.
    if header.is_eda_export()
        && header.column(Field::Reference).is_none()
        && !overridden(Field::Reference)
        && let Some(col) = header
            .names
            .iter()
            .find(|(_, n)| key(n) == "part")
            .map(|(c, _)| *c)
    {
        if header.column(Field::PartNumber) == Some(col) && !overridden(Field::PartNumber) {
            // A manufacturer part number column further right is then the part number.
            header.fields[Field::PartNumber.index()] = header
                .names
                .iter()
                .find(|(c, n)| {
                    *c != col
                        && !header.fields.contains(&Some(*c))
                        && synonym_field(n) == Some(Field::PartNumber)
                })
                .map(|(c, _)| *c);
        }
        if !header.fields.contains(&Some(col)) {
            header.fields[Field::Reference.index()] = Some(col);
        }
    }
    (header, found, missing)
}

/// Finds the header row among the first [`HEADER_SEARCH_ROWS`] non-blank rows: the row with the
/// most of the overrides' headers, then usable, then with the most recognised columns (the first
/// such row on a tie).
pub(crate) fn find_header(rows: &[RawRow<'_>], overrides: &ColumnOverrides) -> HeaderSearch {
    type Candidate = ((usize, bool, usize), Header, Vec<(Field, String)>);
    let mut best: Option<Candidate> = None;
    for (index, row) in rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.is_blank())
        .take(HEADER_SEARCH_ROWS)
    {
        let (header, found, missing) = map_row(index, row, overrides);
        let score = (found, header.is_usable(), header.recognised());
        if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, header, missing));
        }
    }
    match best {
        Some((_, header, missing)) if header.is_usable() => {
            if missing.is_empty() {
                HeaderSearch::Found(header)
            } else {
                HeaderSearch::MissingOverride { header, missing }
            }
        }
        Some((_, header, missing)) => HeaderSearch::NotFound {
            best: Some(header),
            missing,
        },
        None => HeaderSearch::NotFound {
            best: None,
            missing: overrides.map.clone(),
        },
    }
}

/// What the reader expected of a header row, for messages.
pub(crate) const HEADER_EXPECTED: &str = "expected, within the first 20 non-blank rows, a header row with a column that identifies the part (Part Number, MPN, Model, 型号, Name, 名称, Description, 描述, Value, Device) and another that part lists have (Part Number, Manufacturer, 厂商, 品牌, Supplier, Reference, 位号, or an EDA export's Device and Package); or name the columns with --columns, e.g. part-number=Item No.";

/// The message for override headers not found in the header row.
pub(crate) fn missing_override_message(
    missing: &[(Field, String)],
    header: Option<&Header>,
    row_words: &str,
) -> String {
    let named = missing
        .iter()
        .map(|(f, h)| format!("\"{}\" (given for {f})", crate::ingest::shown(h)))
        .collect::<Vec<_>>()
        .join(", ");
    let columns = if missing.len() == 1 {
        "column"
    } else {
        "columns"
    };
    match header {
        Some(h) => format!(
            "the {columns} {named} named by the column overrides {} not in the header row ({row_words}); the headers found are: {}",
            if missing.len() == 1 { "is" } else { "are" },
            h.listed()
        ),
        None => format!(
            "the {columns} {named} named by the column overrides {} not in the file, which has no header row",
            if missing.len() == 1 { "is" } else { "are" },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip_and_parse_leniently() {
        for f in Field::ALL {
            assert_eq!(Field::parse(f.as_str()), Some(f));
        }
        assert_eq!(Field::parse("Part_Number"), Some(Field::PartNumber));
        assert_eq!(Field::parse("maker"), None);
        assert_eq!(Field::parse(""), None);
    }

    #[test]
    fn overrides_parse_with_spaces_and_report_unknown_fields() {
        let o = ColumnOverrides::parse("manufacturer=Maker, part-number = Item No.").unwrap();
        assert_eq!(
            o.map,
            vec![
                (Field::Manufacturer, "Maker".to_string()),
                (Field::PartNumber, "Item No.".to_string())
            ]
        );
        assert!(ColumnOverrides::parse("").unwrap().map.is_empty());
        let e = ColumnOverrides::parse("maker=Maker").unwrap_err();
        assert!(e.contains("unknown field \"maker\""), "{e}");
        assert!(e.contains("manufacturer, supplier, part-number"), "{e}");
        assert!(
            ColumnOverrides::parse("name")
                .unwrap_err()
                .contains("FIELD=HEADER")
        );
        assert!(
            ColumnOverrides::parse("name=")
                .unwrap_err()
                .contains("no header")
        );
        assert!(
            ColumnOverrides::parse("name=A,name=B")
                .unwrap_err()
                .contains("more than once")
        );
    }

    #[test]
    fn synonyms_ignore_case_width_punctuation_and_notes() {
        assert_eq!(synonym_field(" Mfr. Part Number "), Some(Field::PartNumber));
        assert_eq!(synonym_field("P/N"), Some(Field::PartNumber));
        assert_eq!(synonym_field("ＭＰＮ"), Some(Field::PartNumber));
        assert_eq!(synonym_field("规格型号"), Some(Field::PartNumber));
        assert_eq!(synonym_field("生产厂家"), Some(Field::Manufacturer));
        assert_eq!(synonym_field("Qty."), Some(Field::Quantity));
        assert_eq!(synonym_field("数量（台）"), Some(Field::Quantity));
        assert_eq!(synonym_field("Ref Des"), Some(Field::Reference));
        assert_eq!(
            synonym_field("Country of Origin"),
            Some(Field::CountryOfOrigin)
        );
        assert_eq!(synonym_field("Unit price"), Some(Field::UnitPrice));
        assert_eq!(synonym_field("单价（元）"), Some(Field::UnitPrice));
        assert_eq!(synonym_field("Price tier"), None);
        assert_eq!(synonym_field("catscan:category"), None);
        assert!(is_certificate_header("证书编号"));
        assert!(is_certificate_header("Certificate Number"));
        assert!(!is_certificate_header("Model"));
    }
}
