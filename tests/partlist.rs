//! Part lists (CSV and XLSX) read into inventories: header rows below titles, column overrides,
//! every sheet of a workbook, locations of rows and cells, skipped rows, detection.

mod common;

use std::path::{Path, PathBuf};

use catscan::ingest::partlist::{
    ColumnOverrides, Field, is_xlsx, looks_like_csv_part_list, read_csv, read_xlsx,
};
use catscan::inventory::{
    Component, ComponentId, ComponentKind, Format, Inventory, Position, Severity, SourceFile,
};

/// Where a fixture is: the data-centre part lists are bundled fixtures (`sbom-fixtures/`), the
/// others are test inputs.
fn folder(name: &str) -> &'static str {
    if name.starts_with("datacenter-parts.") {
        "sbom-fixtures"
    } else {
        "tests/fixtures/partlist"
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("{}/{name}", folder(name)))
}

fn source(name: &str) -> SourceFile {
    SourceFile {
        path: fixture(name),
        display: format!("{}/{name}", folder(name)),
    }
}

fn text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap()
}

fn none() -> ColumnOverrides {
    ColumnOverrides::default()
}

fn prop<'c>(c: &'c Component<'_>, name: &str) -> Option<&'c str> {
    c.property(name).map(|p| p.value.as_ref())
}

fn manufacturer<'c>(c: &'c Component<'_>) -> Option<&'c str> {
    c.manufacturer.as_ref().and_then(|p| p.name.as_deref())
}

fn names(inv: &Inventory<'_>) -> Vec<String> {
    inv.components.iter().map(|c| c.name.to_string()).collect()
}

fn diagnostics<'i>(inv: &'i Inventory<'_>, code: &str) -> Vec<&'i catscan::inventory::Diagnostic> {
    inv.diagnostics.iter().filter(|d| d.code == code).collect()
}

fn pos(line: u32, column: u32) -> Position {
    Position { line, column }
}

#[test]
fn chinese_headers_are_found_below_title_rows() {
    let text = text("chinese-title.csv");
    let inv = read_csv(source("chinese-title.csv"), &text, &none()).unwrap();
    assert_eq!(inv.format, Format::PartListCsv);
    assert_eq!(inv.spec_version, "");
    assert!(inv.cells.is_none());
    assert_eq!(
        names(&inv),
        ["核心路由器", "接入交换机", "防火墙", "C9300-48P"],
        "a row without a name is named by its part number"
    );
    let first = &inv.components[0];
    assert_eq!(first.kind, ComponentKind::Device);
    assert_eq!(first.version, None);
    assert_eq!(manufacturer(first), Some("华为技术有限公司"));
    assert_eq!(prop(first, "hw:model-number"), Some("NE8000 X8"));
    assert_eq!(prop(first, "catscan:quantity"), Some("2"));
    assert_eq!(prop(first, "catscan:country-of-origin"), Some("中国"));
    assert_eq!(prop(first, "hw:category"), Some("router"));
    assert_eq!(prop(first, "column:序号"), Some("1"));
    assert_eq!(prop(first, "column:备注"), Some("主用"));
    // An empty cell gives no property.
    assert_eq!(prop(&inv.components[1], "column:备注"), None);
    assert_eq!(
        prop(&inv.components[2], "column:备注"),
        Some("进口设备，\n需报关")
    );
    assert_eq!(inv.graph.as_petgraph().node_count(), 4);
}

#[test]
fn csv_rows_are_located_by_line_even_after_a_multi_line_field() {
    let text = text("chinese-title.csv");
    let inv = read_csv(source("chinese-title.csv"), &text, &none()).unwrap();
    let lines: Vec<u32> = inv
        .components
        .iter()
        .map(|c| inv.position(c.span.start).line)
        .collect();
    assert_eq!(lines, [5, 6, 8, 10]);
    assert_eq!(inv.row_label(ComponentId(3)).as_deref(), Some("line 10"));
    assert_eq!(inv.row_label(ComponentId(2)).as_deref(), Some("line 8"));
    // Property spans point at the cell: the model number of line 10 is its fourth field.
    let model = inv.components[3].property("hw:model-number").unwrap();
    assert_eq!(&text[model.span.start..model.span.end], "C9300-48P");
    assert_eq!(inv.position(model.span.start), pos(10, 7));
    // The component's span runs from the row's start to the end of its name.
    let c = &inv.components[0];
    assert_eq!(
        &text[c.span.start..c.span.end],
        "1,华为技术有限公司,核心路由器"
    );
    // A quoted field's span includes its quotes.
    let note = inv.components[2].property("column:备注").unwrap();
    assert_eq!(
        &text[note.span.start..note.span.end],
        "\"进口设备，\n需报关\""
    );
}

#[test]
fn blank_and_subtotal_rows_are_counted_in_one_note() {
    let text = text("chinese-title.csv");
    let inv = read_csv(source("chinese-title.csv"), &text, &none()).unwrap();
    let notes = diagnostics(&inv, "skipped-rows");
    assert_eq!(notes.len(), 1, "{:?}", inv.diagnostics);
    assert_eq!(notes[0].severity, Severity::Note);
    assert_eq!(
        notes[0].message,
        "1 blank row and 2 subtotal rows (lines 7 and 12) were skipped"
    );
    assert_eq!(notes[0].position, Some(pos(7, 1)));
    assert_eq!(inv.diagnostics.len(), 1, "{:?}", inv.diagnostics);
}

#[test]
fn english_headers_below_a_title_and_catscan_columns() {
    let text = text("datacenter-parts.csv");
    let inv = read_csv(source("datacenter-parts.csv"), &text, &none()).unwrap();
    assert_eq!(inv.components.len(), 28);
    let ne8000 = &inv.components[0];
    assert_eq!(ne8000.name, "NetEngine 8000 X8");
    assert_eq!(ne8000.bom_ref.as_deref(), Some("hw-ne8000"));
    assert_eq!(
        ne8000.description.as_deref(),
        Some("Core router for the backbone")
    );
    assert_eq!(prop(ne8000, "catscan:category"), Some("router"));
    assert_eq!(prop(ne8000, "catscan:throughput"), Some("38.4 Tbps"));
    assert_eq!(
        prop(ne8000, "catscan:routing-table-capacity"),
        Some("400万条")
    );
    assert_eq!(prop(ne8000, "column:catscan:throughput"), None);
    assert_eq!(prop(ne8000, "column:Version"), Some("V800R021"));
    assert_eq!(inv.position(ne8000.span.start), pos(4, 1));
    let vrp = &inv.components[1];
    assert_eq!(vrp.kind, ComponentKind::Firmware);
    assert_eq!(vrp.manufacturer, None);
    assert_eq!(
        vrp.supplier.as_ref().and_then(|p| p.name.as_deref()),
        Some("Huawei Technologies Co., Ltd.")
    );
    let ar6140 = &inv.components[2];
    assert_eq!(
        ar6140.description.as_deref(),
        Some("Branch router, throughput 40 Gbps, routing table 50万条")
    );
    let unit7 = inv
        .components
        .iter()
        .find(|c| c.name == "Unit 7 chassis")
        .unwrap();
    assert_eq!(prop(unit7, "hw:model-number"), None);
    let notes = diagnostics(&inv, "skipped-rows");
    assert_eq!(
        notes.iter().map(|d| d.message.as_str()).collect::<Vec<_>>(),
        ["1 blank row and 2 subtotal rows (lines 9 and 34) were skipped"]
    );
    assert_eq!(inv.diagnostics.len(), 1, "{:?}", inv.diagnostics);
}

#[test]
fn overrides_name_columns_the_synonyms_do_not_know() {
    let text = text("overrides.csv");
    let err = read_csv(source("overrides.csv"), &text, &none()).unwrap_err();
    assert_eq!(err.file, "tests/fixtures/partlist/overrides.csv");
    assert!(
        err.message
            .starts_with("no header row of a part list was found"),
        "{err}"
    );
    let columns = ColumnOverrides::parse("part-number=Item No., name=label").unwrap();
    let inv = read_csv(source("overrides.csv"), &text, &columns).unwrap();
    assert_eq!(names(&inv), ["Core router", "Access switch"]);
    let c = &inv.components[0];
    assert_eq!(manufacturer(c), Some("Huawei Technologies Co. Ltd."));
    assert_eq!(prop(c, "hw:model-number"), Some("NE8000 X8"));
    assert_eq!(prop(c, "column:Notes"), Some("primary"));
    // An override replaces the synonym: "Notes" as the description, "Maker" no longer read.
    let columns =
        ColumnOverrides::parse("part-number=Item No.,description=Notes,manufacturer=Label")
            .unwrap();
    let inv = read_csv(source("overrides.csv"), &text, &columns).unwrap();
    let c = &inv.components[0];
    assert_eq!(c.name, "NE8000 X8");
    assert_eq!(manufacturer(c), Some("Core router"));
    assert_eq!(c.description.as_deref(), Some("primary"));
    assert_eq!(
        prop(c, "column:Maker"),
        Some("Huawei Technologies Co. Ltd.")
    );
}

#[test]
fn an_override_naming_a_missing_header_is_a_located_error() {
    let text = text("chinese-title.csv");
    let columns = ColumnOverrides::parse("manufacturer=Maker").unwrap();
    let err = read_csv(source("chinese-title.csv"), &text, &columns).unwrap_err();
    assert_eq!(err.file, "tests/fixtures/partlist/chinese-title.csv");
    assert_eq!(err.position, Some(pos(4, 1)));
    assert_eq!(
        err.message,
        "the column \"Maker\" (given for manufacturer) named by the column overrides is not in the header row (line 4); the headers found are: \"序号\", \"生产厂家\", \"产品名称\", \"规格型号\", \"数量（台）\", \"原产地\", \"类别\", \"备注\""
    );
    // A typo that leaves no usable header row still names the override.
    let text = self::text("overrides.csv");
    let columns = ColumnOverrides::parse("part-number=Item Number").unwrap();
    let err = read_csv(source("overrides.csv"), &text, &columns).unwrap_err();
    assert!(
        err.message
            .contains("\"Item Number\" (given for part-number)"),
        "{err}"
    );
    assert!(
        err.message
            .contains("\"Maker\", \"Item No.\", \"Label\", \"Notes\""),
        "{err}"
    );
    // In a workbook the error names the sheet.
    let columns = ColumnOverrides::parse("supplier=Distributor Name").unwrap();
    let err = read_xlsx(
        source("multi-sheet.xlsx"),
        &bytes("multi-sheet.xlsx"),
        &columns,
    )
    .unwrap_err();
    assert_eq!(err.position, Some(pos(4, 1)));
    assert!(
        err.message
            .starts_with("sheet '网络设备': the column \"Distributor Name\" (given for supplier)"),
        "{err}"
    );
    assert!(
        err.to_string()
            .starts_with("tests/fixtures/partlist/multi-sheet.xlsx:4:1: ")
    );
}

#[test]
fn field_names_parse() {
    assert_eq!(
        Field::parse("country-of-origin"),
        Some(Field::CountryOfOrigin)
    );
    assert_eq!(Field::PartNumber.as_str(), "part-number");
    let err = ColumnOverrides::parse("manufacturer=Maker,model=Item No.").unwrap_err();
    assert!(err.contains("\"model\""), "{err}");
    assert!(err.contains("part-number"), "{err}");
}

#[test]
fn semicolons_unequal_rows_and_rows_without_parts() {
    let text = text("semicolon-broken.csv");
    let inv = read_csv(source("semicolon-broken.csv"), &text, &none()).unwrap();
    assert_eq!(names(&inv), ["AR6140-16G4XG", "C9300-48P", "S5560X"]);
    assert_eq!(
        inv.components[0].description.as_deref(),
        Some("Branch router, 40 Gbps")
    );
    assert_eq!(prop(&inv.components[1], "column:5"), Some("spare"));
    let counts = diagnostics(&inv, "csv-field-count");
    assert_eq!(
        counts.iter().map(|d| d.position).collect::<Vec<_>>(),
        [Some(pos(3, 1)), Some(pos(4, 1))]
    );
    assert_eq!(counts[0].severity, Severity::Warning);
    assert!(
        counts[0]
            .message
            .starts_with("the row has 5 fields but the header row (line 1) has 4"),
        "{}",
        counts[0].message
    );
    let without = diagnostics(&inv, "row-without-part");
    assert_eq!(without.len(), 1);
    assert_eq!(without[0].position, Some(pos(5, 1)));
    assert!(
        without[0].message.contains("\"Part Number\" (column 2)"),
        "{}",
        without[0].message
    );
    assert_eq!(
        diagnostics(&inv, "skipped-rows")[0].message,
        "1 row without a part number or name (line 5) was skipped"
    );
}

#[test]
fn field_count_warnings_are_capped_and_summarised() {
    let mut text = String::from("Manufacturer,Model\n");
    for i in 0..25 {
        text.push_str(&format!("Acme,M{i},extra\n"));
    }
    let inv = read_csv(source("generated.csv"), &text, &none()).unwrap();
    assert_eq!(inv.components.len(), 25);
    let counts = diagnostics(&inv, "csv-field-count");
    assert_eq!(counts.len(), 21);
    assert_eq!(
        counts[20].message,
        "5 more \"csv-field-count\" warnings in this file were not listed (25 in all; the diagnostics-per-code limit lists 20: raise it with `--limit diagnostics-per-code=40`)"
    );
}

#[test]
fn a_broken_header_or_no_header_is_an_error() {
    let err = read_csv(source("x.csv"), "Manufacturer,\"Model\nAcme,M1\n", &none()).unwrap_err();
    assert!(err.message.contains("never closed"), "{err}");
    let err = read_csv(
        source("x.csv"),
        "Manufacturer,Model,\"Notes\nAcme,M1,x\n",
        &none(),
    )
    .unwrap_err();
    assert_eq!(err.position, Some(pos(1, 20)));
    assert!(
        err.message
            .starts_with("the header row has a quoted field that is never closed"),
        "{err}"
    );
    let err = read_csv(source("x.csv"), "Vendor,Price\nAcme,3\n", &none()).unwrap_err();
    assert_eq!(err.position, Some(pos(1, 1)));
    assert!(err.message.starts_with("no header row of a part list was found; expected, within the first 20 non-blank rows, a header row with a column that identifies the part"), "{err}");
    let err = read_csv(source("x.csv"), "\n\n", &none()).unwrap_err();
    assert!(err.message.starts_with("the file is empty"), "{err}");
    // Unclosed quotes in a data row: a warning, and the row is read as far as it goes.
    let inv = read_csv(
        source("x.csv"),
        "Manufacturer,Model\nAcme,\"M1\nAcme,M2\n",
        &none(),
    )
    .unwrap();
    assert_eq!(names(&inv), ["M1\nAcme,M2"]);
    assert_eq!(
        diagnostics(&inv, "csv-unclosed-quote")[0].position,
        Some(pos(2, 6))
    );
}

#[test]
fn a_header_after_twenty_title_rows_is_not_looked_for() {
    let mut text = String::new();
    for i in 0..20 {
        text.push_str(&format!("title {i}\n\n"));
    }
    text.push_str("Manufacturer,Model\nAcme,M1\n");
    assert!(read_csv(source("x.csv"), &text, &none()).is_err());
    assert!(!looks_like_csv_part_list(&text));
    let text = text.replacen("title 0\n", "", 1);
    let inv = read_csv(source("x.csv"), &text, &none()).unwrap();
    assert_eq!(names(&inv), ["M1"]);
    assert!(looks_like_csv_part_list(&text));
}

#[test]
fn every_sheet_of_a_workbook_is_read_with_cell_locations() {
    let data = bytes("multi-sheet.xlsx");
    assert!(is_xlsx(&data));
    let inv = read_xlsx(source("multi-sheet.xlsx"), &data, &none()).unwrap();
    assert_eq!(inv.format, Format::PartListXlsx);
    assert_eq!(inv.text, "");
    assert_eq!(inv.spec_version, "");
    assert_eq!(
        names(&inv),
        [
            "核心路由器",
            "接入交换机",
            "下一代防火墙",
            "PowerEdge R750",
            "4567",
            "TS860M5"
        ]
    );
    let cells = inv.cells.as_ref().unwrap();
    // The first component: its name cell is D5 of the Chinese sheet (the table starts in B).
    let first = &inv.components[0];
    assert_eq!(first.span.start, first.span.end);
    assert_eq!(
        inv.row_label(ComponentId(0)).as_deref(),
        Some("sheet '网络设备', cell D5")
    );
    assert_eq!(inv.position(first.span.start), pos(5, 4));
    let quantity = first.property("catscan:quantity").unwrap();
    assert_eq!(quantity.value, "2", "2.0 in the cell");
    assert_eq!(
        cells[quantity.span.start],
        (pos(5, 6), "sheet '网络设备', cell F5".to_string())
    );
    assert_eq!(prop(first, "column:序号"), Some("1"));
    assert_eq!(prop(first, "hw:category"), Some("router"));
    assert_eq!(prop(&inv.components[2], "catscan:quantity"), Some("1.5"));
    // The English sheet: numbers, dates, kinds, catscan columns.
    let r750 = &inv.components[3];
    assert_eq!(
        inv.row_label(ComponentId(3)).as_deref(),
        Some("sheet 'Servers', cell B2")
    );
    assert_eq!(manufacturer(r750), Some("Dell Inc."));
    assert_eq!(r750.description.as_deref(), Some("2U rack server"));
    assert_eq!(prop(r750, "catscan:quantity"), Some("2"));
    // A unit-price column is read for the spend share of the procurement rules.
    assert_eq!(prop(r750, "catscan:unit-price"), Some("12500.5"));
    assert_eq!(prop(r750, "catscan:memory"), Some("512 GB"));
    assert_eq!(prop(r750, "column:Delivered"), Some("2026-02-03"));
    let numeric = &inv.components[4];
    assert_eq!(numeric.kind, ComponentKind::Firmware);
    assert_eq!(prop(numeric, "hw:model-number"), Some("4567"));
    assert_eq!(prop(numeric, "catscan:unit-price"), Some("0.3"));
    let ts860 = &inv.components[5];
    assert_eq!(ts860.kind, ComponentKind::Unknown("gizmo".into()));
    assert_eq!(inv.position(ts860.span.start), pos(5, 2));
    let kinds = diagnostics(&inv, "unknown-kind");
    assert_eq!(kinds.len(), 1);
    assert!(
        kinds[0]
            .message
            .starts_with("sheet 'Servers': row 5: kind \"gizmo\""),
        "{}",
        kinds[0].message
    );
    assert_eq!(kinds[0].position, Some(pos(5, 1)));
    // Skipped rows, one note per sheet; sheets without a header row are named.
    let skipped: Vec<&str> = diagnostics(&inv, "skipped-rows")
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        skipped,
        [
            "sheet '网络设备': 1 blank row and 1 subtotal row (row 8) were skipped",
            "sheet 'Servers': 1 row without a part number or name (row 4) was skipped",
        ]
    );
    let without = diagnostics(&inv, "row-without-part");
    assert_eq!(without.len(), 1);
    assert_eq!(without[0].position, Some(pos(4, 1)));
    assert!(
        without[0].message.contains("\"MPN\" (column B)"),
        "{}",
        without[0].message
    );
    let sheets: Vec<&str> = diagnostics(&inv, "sheet-skipped")
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        sheets,
        [
            "sheet 'Notes' has no header row of a part list in its first 20 non-blank rows, so it was skipped",
            "sheet 'Empty' is empty; it was skipped",
        ]
    );
    assert!(
        inv.diagnostics
            .iter()
            .all(|d| d.severity != Severity::Error)
    );
}

#[test]
fn the_datacenter_workbook_matches_the_csv() {
    let csv_text = text("datacenter-parts.csv");
    let from_csv = read_csv(source("datacenter-parts.csv"), &csv_text, &none()).unwrap();
    let from_xlsx = read_xlsx(
        source("datacenter-parts.xlsx"),
        &bytes("datacenter-parts.xlsx"),
        &none(),
    )
    .unwrap();
    assert_eq!(names(&from_csv), names(&from_xlsx));
    for (a, b) in from_csv.components.iter().zip(&from_xlsx.components) {
        assert_eq!(a.kind, b.kind);
        assert_eq!(a.manufacturer, b.manufacturer);
        assert_eq!(a.description, b.description);
        let props = |c: &Component<'_>| {
            c.properties
                .iter()
                .map(|p| (p.name.to_string(), p.value.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(props(a), props(b), "{}", a.name);
    }
    assert_eq!(
        from_xlsx.row_label(ComponentId(0)).as_deref(),
        Some("sheet 'Equipment', cell E4")
    );
    let notes: Vec<&str> = from_xlsx
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        notes,
        [
            "sheet 'Equipment': 1 blank row and 2 subtotal rows (rows 9 and 34) were skipped",
            "sheet 'Notes' has no header row of a part list in its first 20 non-blank rows, so it was skipped",
        ]
    );
}

#[test]
fn a_workbook_without_a_part_list_is_an_error() {
    let csv_bytes = bytes("overrides.csv");
    assert!(!is_xlsx(&csv_bytes));
    let err = read_xlsx(source("overrides.csv"), &csv_bytes, &none()).unwrap_err();
    assert!(err.message.starts_with("cannot read the workbook"), "{err}");
    // Only the Notes and Empty sheets would remain: a workbook whose sheets have no header row.
    let columns = ColumnOverrides::parse("part-number=No Such Column").unwrap();
    let data = bytes("datacenter-parts.xlsx");
    let err = read_xlsx(source("datacenter-parts.xlsx"), &data, &columns).unwrap_err();
    assert!(
        err.message
            .contains("\"No Such Column\" (given for part-number)"),
        "{err}"
    );
}

#[test]
fn detection_accepts_part_lists() {
    for name in [
        "chinese-title.csv",
        "datacenter-parts.csv",
        "semicolon-broken.csv",
    ] {
        assert!(looks_like_csv_part_list(&text(name)), "{name}");
    }
    assert!(looks_like_csv_part_list(
        "\u{feff}MPN\tMfr\tQty\nX1\tAcme\t2\n"
    ));
    assert!(looks_like_csv_part_list("Model,Description\nX1,Router\n"));
}

#[test]
fn detection_rejects_other_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
    // A list of certified products has vendor and model columns, and a certificate column.
    assert!(!looks_like_csv_part_list(&read(
        "policy/certified-products.csv"
    )));
    assert!(!looks_like_csv_part_list(
        "vendor,product,model,certificate number\nA,B,C,D\n"
    ));
    assert!(!looks_like_csv_part_list(&read(
        "sbom-fixtures/datacenter-hbom.cdx.json"
    )));
    assert!(!looks_like_csv_part_list(&read(
        "sbom-fixtures/plant-control-hbom.cdx.xml"
    )));
    assert!(!looks_like_csv_part_list(&read("README.md")));
    assert!(!looks_like_csv_part_list(&read("Cargo.toml")));
    assert!(!looks_like_csv_part_list(""));
    assert!(!looks_like_csv_part_list(
        "name,version,license\nserde,1.0,MIT\n"
    ));
    assert!(!looks_like_csv_part_list(
        "Vendor,Price,Model year\nAcme,3,2020\n"
    ));
    assert!(!looks_like_csv_part_list(
        "The model number and the manufacturer go here.\n"
    ));
    assert!(!is_xlsx(read("README.md").as_bytes()));
}

#[test]
fn an_item_column_of_line_numbers_does_not_name_the_part() {
    let text = "Item,Part Number,Manufacturer\n1,ABC-1,Acme\n2,,Acme\n";
    let inv = read_csv(source("x.csv"), text, &none()).unwrap();
    assert_eq!(names(&inv), ["ABC-1", "2"]);
    assert_eq!(prop(&inv.components[0], "column:Item"), Some("1"));
    assert_eq!(prop(&inv.components[1], "column:Item"), None);
}

/// Reads a file as `catscan scan` does: loaded (encoding, line endings), then read.
fn load_and_read(
    path: &Path,
    display: &str,
    columns: &ColumnOverrides,
    check: impl FnOnce(Result<Option<Inventory<'_>>, catscan::ingest::ReadError>),
) {
    let source = SourceFile {
        path: path.to_path_buf(),
        display: display.to_string(),
    };
    let options = catscan::ingest::ReadOptions {
        columns: columns.clone(),
    };
    match catscan::ingest::load(&source) {
        Ok(loaded) => check(catscan::ingest::read_loaded(
            source.clone(),
            &loaded,
            &options,
            true,
        )),
        Err(e) => check(Err(e)),
    }
}

/// A fresh folder under the system's temporary folder.
fn tempdir(name: &str) -> PathBuf {
    common::scratch(name)
}

fn references(inv: &Inventory<'_>) -> Vec<String> {
    inv.components
        .iter()
        .map(|c| c.bom_ref.as_deref().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn an_eagle_export_is_read_with_every_row() {
    let text = text("eagle-ethernet.csv");
    let inv = read_csv(source("eagle-ethernet.csv"), &text, &none()).unwrap();
    // A part is named by its manufacturer part number, else by its value.
    assert_eq!(
        names(&inv),
        [
            "100nF",
            "100nF",
            "10uF",
            "10k",
            "49.9",
            "BLM18PG221SN1D",
            "HR911105A",
            "STM32F407VGT6",
            "LAN8720A-CP-TR",
            "25MHz"
        ]
    );
    assert_eq!(
        references(&inv),
        ["C1", "C2", "C3", "R1", "R2", "L1", "J1", "U1", "U2", "Y1"]
    );
    let r1 = &inv.components[3];
    assert_eq!(r1.kind, ComponentKind::Device);
    assert_eq!(r1.description.as_deref(), Some("RESISTOR, European symbol"));
    assert_eq!(prop(r1, "hw:value"), Some("10k"));
    assert_eq!(prop(r1, "hw:device"), Some("R-EU_R0603"));
    assert_eq!(prop(r1, "hw:package"), Some("R0603"));
    assert_eq!(prop(r1, "hw:model-number"), None);
    assert_eq!(manufacturer(r1), None);
    let phy = &inv.components[8];
    assert_eq!(manufacturer(phy), Some("Microchip"));
    assert_eq!(prop(phy, "hw:model-number"), Some("LAN8720A-CP-TR"));
    assert_eq!(prop(phy, "hw:value"), Some("LAN8720A"));
    assert_eq!(prop(phy, "hw:package"), Some("QFN24"));
    assert_eq!(
        phy.description.as_deref(),
        Some("10/100 Ethernet PHY, RMII")
    );
    assert_eq!(manufacturer(&inv.components[6]), Some("HanRun"));
    assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
    assert!(looks_like_csv_part_list(&text));

    // The grouped export: one row per value, the references listed in `Parts`.
    let text = self::text("eagle-grouped.csv");
    let inv = read_csv(source("eagle-grouped.csv"), &text, &none()).unwrap();
    assert_eq!(
        names(&inv),
        ["100nF", "10k", "RJ45-MAGJACK", "STM32F407VGT6"]
    );
    assert_eq!(references(&inv), ["C1, C2", "R1", "J1", "U1"]);
    assert_eq!(prop(&inv.components[0], "catscan:quantity"), Some("2"));
    assert_eq!(
        prop(&inv.components[2], "hw:device"),
        Some("RJ45-HR911105A")
    );
    assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
}

#[test]
fn kicad_exports_are_read_with_every_row() {
    let expected_names = [
        "100nF",
        "10uF",
        "49.9",
        "10k",
        "FerriteBead",
        "RJ45_LED_Shielded",
        "STM32F407VGTx",
        "KSZ8081RNA",
        "25MHz",
    ];
    let expected_refs = [
        "C1,C2,C5", "C3", "R1,R2", "R3", "L1", "J1", "U1", "U2", "Y1",
    ];
    // The schematic editor's BOM.
    let text = text("kicad-ethernet.csv");
    let inv = read_csv(source("kicad-ethernet.csv"), &text, &none()).unwrap();
    assert_eq!(names(&inv), expected_names);
    assert_eq!(references(&inv), expected_refs);
    let caps = &inv.components[0];
    assert_eq!(prop(caps, "hw:value"), Some("100nF"));
    assert_eq!(
        prop(caps, "hw:package"),
        Some("Capacitor_SMD:C_0603_1608Metric")
    );
    assert_eq!(prop(caps, "catscan:quantity"), Some("3"));
    assert_eq!(prop(caps, "column:Datasheet"), Some("~"));
    let jack = &inv.components[5];
    assert_eq!(
        prop(jack, "hw:package"),
        Some("Connector_RJ:RJ45_Amphenol_RJHSE538X")
    );
    assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
    assert!(looks_like_csv_part_list(&text));

    // The PCB editor's BOM: semicolons, `Designator`, `Designation`, a trailing delimiter.
    let text = self::text("kicad-pcbnew-ethernet.csv");
    let inv = read_csv(source("kicad-pcbnew-ethernet.csv"), &text, &none()).unwrap();
    assert_eq!(names(&inv), expected_names);
    assert_eq!(references(&inv), expected_refs);
    let mcu = &inv.components[6];
    assert_eq!(prop(mcu, "hw:value"), Some("STM32F407VGTx"));
    assert_eq!(prop(mcu, "hw:package"), Some("LQFP-100_14x14mm_P0.5mm"));
    assert_eq!(prop(mcu, "catscan:quantity"), Some("1"));
    assert_eq!(prop(mcu, "column:Id"), Some("7"));
    assert_eq!(
        prop(mcu, "column:Supplier and ref"),
        Some("Mouser 511-STM32F407VGT6")
    );
    assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
    assert!(looks_like_csv_part_list(&text));
}

#[test]
fn header_names_seen_in_real_lists() {
    let text = "Item,Part/BOM Name,Manufacturer Part Number,Qty\n1,Core router,NE8000 X8,2\n";
    let inv = read_csv(source("x.csv"), text, &none()).unwrap();
    let c = &inv.components[0];
    assert_eq!(c.name, "Core router");
    assert_eq!(prop(c, "hw:model-number"), Some("NE8000 X8"));
    assert_eq!(prop(c, "catscan:quantity"), Some("2"));

    // Outside an EDA export, `Part` is the part number.
    let text = "Qty,Part,Description\n2,AR6140-16G4XG,Branch router\n";
    let inv = read_csv(source("x.csv"), text, &none()).unwrap();
    let c = &inv.components[0];
    assert_eq!(c.name, "AR6140-16G4XG");
    assert_eq!(prop(c, "hw:model-number"), Some("AR6140-16G4XG"));
    assert_eq!(c.description.as_deref(), Some("Branch router"));

    let text = "MPN,Manufacturer,Qty\nS5735-L48T4S-A,Huawei,4\n";
    let inv = read_csv(source("x.csv"), text, &none()).unwrap();
    assert_eq!(manufacturer(&inv.components[0]), Some("Huawei"));
    assert_eq!(names(&inv), ["S5735-L48T4S-A"]);

    let text = "物料名称,规格型号,品牌,数量\n交换机,S5735-L48T4S-A,华为,4\n";
    let inv = read_csv(source("x.csv"), text, &none()).unwrap();
    let c = &inv.components[0];
    assert_eq!(c.name, "交换机");
    assert_eq!(prop(c, "hw:model-number"), Some("S5735-L48T4S-A"));
    assert_eq!(manufacturer(c), Some("华为"));

    // A Taiwanese or Hong Kong supplier writes Traditional characters.
    let text = "製造商,型號,名稱,數量\n華為,S5735-L48T4S-A,交換器,4\n";
    let inv = read_csv(source("x.csv"), text, &none()).unwrap();
    let c = &inv.components[0];
    assert_eq!(c.name, "交換器");
    assert_eq!(manufacturer(c), Some("華為"));
    assert_eq!(prop(c, "catscan:quantity"), Some("4"));

    for (header, field) in [
        ("Part/BOM Name", Field::Name),
        ("Qty", Field::Quantity),
        ("Value", Field::Value),
        ("Device", Field::Device),
        ("Package", Field::Package),
        ("Footprint", Field::Package),
        ("Parts", Field::Reference),
        ("MPN", Field::PartNumber),
        ("Manufacturer Part Number", Field::PartNumber),
        ("物料名称", Field::Name),
        ("规格型号", Field::PartNumber),
        ("品牌", Field::Manufacturer),
    ] {
        let text = format!("{header},Reference,Manufacturer,Description\nA1,R1,Acme,Widget\n");
        let overrides = ColumnOverrides::parse(&format!("{field}={header}")).unwrap();
        let plain = read_csv(source("x.csv"), &text, &none());
        let forced = read_csv(source("x.csv"), &text, &overrides);
        // The synonym reads the column as the override naming it does.
        let props = |inv: &Inventory<'_>| {
            let c = &inv.components[0];
            (
                c.name.to_string(),
                c.properties
                    .iter()
                    .map(|p| (p.name.to_string(), p.value.to_string()))
                    .collect::<Vec<_>>(),
            )
        };
        match (plain, forced) {
            (Ok(a), Ok(b)) => assert_eq!(props(&a), props(&b), "{header}"),
            (a, b) => panic!(
                "{header}: {:?} / {:?}",
                a.map(|i| names(&i)),
                b.map(|i| names(&i))
            ),
        }
    }
}

#[test]
fn other_tables_are_not_part_lists() {
    for text in [
        "name,value\ntimeout,30\nretries,3\n",
        "name,type,description\nid,int,the key\n",
        "Package,Version,Description\nserde,1.0,Serialization\n",
        "Name,Qty\napples,3\n",
    ] {
        assert!(!looks_like_csv_part_list(text), "{text}");
    }
    // A header row alone, or one whose rows are not a table of its width, is no part list.
    assert!(!looks_like_csv_part_list("Manufacturer,Model\n"));
    assert!(!looks_like_csv_part_list(
        "// Manufacturer, model and name\nfn main() {\n    let x = 1;\n}\n"
    ));
}

/// Every text file of this repository that is source, documentation or configuration.
fn repository_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            if !name.starts_with('.') && name != "target" {
                repository_files(&path, out);
            }
        } else if ["rs", "md", "toml"]
            .iter()
            .any(|e| path.extension().is_some_and(|x| x == *e))
        {
            out.push(path);
        }
    }
}

#[test]
fn no_source_documentation_or_configuration_file_is_a_part_list() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    repository_files(root, &mut files);
    assert!(files.len() > 100, "{}", files.len());
    let detected: Vec<String> = files
        .iter()
        .filter(|p| {
            std::fs::read_to_string(p).is_ok_and(|t| {
                looks_like_csv_part_list(&t)
                    || catscan::ingest::detect(&t) == catscan::ingest::Detected::PartListCsv
            })
        })
        .map(|p| p.strip_prefix(root).unwrap().display().to_string())
        .collect();
    assert!(detected.is_empty(), "{detected:?}");
    // The file the issue saw read as a part list of 72 components.
    assert!(!looks_like_csv_part_list(
        &std::fs::read_to_string(root.join("src/policy/certified.rs")).unwrap()
    ));
}

#[test]
fn every_fixture_part_list_is_detected() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["sbom-fixtures", "tests/fixtures/partlist"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            // overrides.csv is the list that needs --columns; gbk-parts.csv is not UTF-8.
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if path.extension().is_some_and(|e| e == "csv")
                && !["overrides.csv", "gbk-parts.csv"].contains(&name.as_str())
            {
                files.push(path);
            }
        }
    }
    assert!(files.len() >= 8, "{files:?}");
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(looks_like_csv_part_list(&text), "{}", path.display());
    }
    // The list with unknown headers is one once its columns are named.
    let text = text("overrides.csv");
    assert!(!looks_like_csv_part_list(&text));
    assert!(catscan::ingest::partlist::looks_like_csv_part_list_with(
        &text,
        &ColumnOverrides::parse("part-number=Item No., name=label").unwrap()
    ));
}

fn catscan_run(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_catscan"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn columns_given_on_the_command_line_rescue_a_list_of_unknown_headers() {
    let args = |path: &str| {
        [
            "scan",
            path,
            "--no-config",
            "--columns",
            "part-number=Item No., name=Label",
            "--format",
            "json",
            "--fail-on",
            "none",
        ]
        .map(str::to_string)
    };
    let run = |path: &str| {
        let a = args(path);
        catscan_run(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let components = |stdout: &str| -> Vec<u64> {
        let json: serde_json::Value = serde_json::from_str(stdout).unwrap();
        json["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["components"].as_u64().unwrap())
            .collect()
    };
    // Named on the command line.
    let (status, stdout, stderr) = run("tests/fixtures/partlist/overrides.csv");
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(components(&stdout), [2]);
    // Found in a folder: detection knows the column names too.
    let dir = tempdir("columns");
    std::fs::copy(fixture("overrides.csv"), dir.join("parts.csv")).unwrap();
    let (status, stdout, stderr) = run(dir.to_str().unwrap());
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(components(&stdout), [2]);
    // Without them the file is still no part list.
    let (status, _, stderr) = catscan_run(&[
        "scan",
        "tests/fixtures/partlist/overrides.csv",
        "--no-config",
        "--format",
        "json",
    ]);
    assert_eq!(status, 2, "{stderr}");
    assert!(stderr.contains("not a bill of materials"), "{stderr}");
    // Named with columns it does not have: the reader's located error, not "not a BOM".
    let (status, _, stderr) = catscan_run(&[
        "scan",
        "tests/fixtures/partlist/overrides.csv",
        "--no-config",
        "--columns",
        "part-number=Article",
        "--format",
        "json",
    ]);
    assert_eq!(status, 2, "{stderr}");
    assert!(
        stderr.contains("tests/fixtures/partlist/overrides.csv:1:1: the column \"Article\" (given for part-number) named by the column overrides is not in the"),
        "{stderr}"
    );
}

#[test]
fn lone_carriage_returns_end_lines_in_part_lists() {
    let dir = tempdir("cr-csv");
    let path = dir.join("mac.csv");
    std::fs::write(
        &path,
        "Manufacturer,Model,Name\rHuawei,NE8000 X8,Core router\rCisco,C9300-48P\rH3C,S5560X,Switch\r",
    )
    .unwrap();
    load_and_read(&path, "mac.csv", &none(), |read| {
        let inv = read.unwrap().unwrap();
        assert_eq!(names(&inv), ["Core router", "C9300-48P", "Switch"]);
        let warnings = diagnostics(&inv, "csv-field-count");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].position, Some(pos(3, 1)));
        assert!(
            warnings[0]
                .message
                .starts_with("the row has 2 fields but the header row (line 1) has 3"),
            "{}",
            warnings[0].message
        );
    });
}

#[test]
fn lone_carriage_returns_end_lines_in_spdx_tag_value() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lf = std::fs::read_to_string(root.join("sbom-fixtures/datacenter-hbom.spdx")).unwrap();
    let dir = tempdir("cr-spdx");
    let mut read_names = Vec::new();
    for (name, text) in [
        ("lf.spdx", lf.clone()),
        ("cr.spdx", lf.replace('\n', "\r")),
        ("crlf.spdx", lf.replace('\n', "\r\n")),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        load_and_read(&path, name, &none(), |read| {
            let inv = read.unwrap().unwrap();
            assert!(inv.components.len() > 5, "{name}");
            assert!(
                inv.diagnostics
                    .iter()
                    .all(|d| d.severity != Severity::Error),
                "{name}: {:?}",
                inv.diagnostics
            );
            read_names.push(names(&inv));
        });
    }
    assert_eq!(read_names[0], read_names[1]);
    assert_eq!(read_names[0], read_names[2]);
    // A broken line is located by its line number, and the message shows no raw control
    // characters.
    let broken = "SPDXVersion: SPDX-2.3\rDataLicense: CC0-1.0\rSPDXID: SPDXRef-DOCUMENT\rnot a tag line \u{1b}[31m\r";
    let path = dir.join("broken.spdx");
    std::fs::write(&path, broken).unwrap();
    load_and_read(&path, "broken.spdx", &none(), |read| {
        let err = read.err().unwrap();
        assert_eq!(err.position, Some(pos(4, 1)));
        assert_eq!(
            err.message,
            "expected a \"Tag: value\" line, a comment starting with \"#\" or an empty line; found \"not a tag line \\u{1b}[31m\" (a multi-line value must be enclosed in <text>…</text>)"
        );
        assert!(!err.to_string().chars().any(char::is_control), "{err}");
    });
    // The reader itself takes CR as a line end too.
    let cr = lf.replace('\n', "\r");
    let inv = catscan::ingest::spdx::read_tag_value(
        SourceFile {
            path: dir.join("cr.spdx"),
            display: "cr.spdx".into(),
        },
        &cr,
    )
    .unwrap();
    assert_eq!(names(&inv), read_names[0]);
}

/// A part list written in a legacy encoding, read as the command line reads it.
fn read_encoded(
    name: &str,
    bytes: &[u8],
    check: impl FnOnce(Result<Option<Inventory<'_>>, catscan::ingest::ReadError>),
) {
    let dir = tempdir(&format!("enc-{name}"));
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    load_and_read(&path, name, &none(), check);
}

fn encoding_note(inv: &Inventory<'_>) -> String {
    let notes = diagnostics(inv, "not-utf-8");
    assert_eq!(notes.len(), 1, "{:?}", inv.diagnostics);
    assert_eq!(notes[0].severity, Severity::Note);
    notes[0].message.clone()
}

#[test]
fn big5_and_shift_jis_part_lists_are_not_read_as_gb18030() {
    let big5 = "供應商報價單\n製造商,型號,名稱,數量\n華為技術有限公司,S5735-L48T4S-A,交換器,2\n友訊科技股份有限公司,DGS-1210-28,網路交換器,4\n";
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(big5);
    assert!(!unmappable);
    read_encoded("tw.csv", &bytes, |read| {
        let inv = read.unwrap().unwrap();
        assert_eq!(names(&inv), ["交換器", "網路交換器"]);
        assert_eq!(manufacturer(&inv.components[0]), Some("華為技術有限公司"));
        assert_eq!(
            encoding_note(&inv),
            "tw.csv is not UTF-8; it was read as Big5, the encoding detected from its bytes (save it as UTF-8 to be sure of every character)"
        );
    });
    let sjis = "メーカー,型番,品名,数量\n富士通株式会社,PRIMERGY RX2540 M7,サーバ,2\n日本電気株式会社,UNIVERGE IX3315,ルータ,1\n";
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(sjis);
    assert!(!unmappable);
    read_encoded("jp.csv", &bytes, |read| {
        let inv = read.unwrap().unwrap();
        assert_eq!(names(&inv), ["サーバ", "ルータ"]);
        assert_eq!(manufacturer(&inv.components[1]), Some("日本電気株式会社"));
        assert_eq!(
            prop(&inv.components[0], "hw:model-number"),
            Some("PRIMERGY RX2540 M7")
        );
        assert_eq!(
            encoding_note(&inv),
            "jp.csv is not UTF-8; it was read as Shift_JIS, the encoding detected from its bytes (save it as UTF-8 to be sure of every character)"
        );
    });
}

const GB_LIST: &str = "序号,生产厂家,型号,名称,数量\n1,华为技术有限公司,NE8000 X8,路由器,2\n2,新华三技术有限公司,S6850-56HF,交换机,4\n";

#[test]
fn gbk_and_utf16_part_lists_are_read_and_say_so() {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(GB_LIST);
    assert!(!unmappable);
    read_encoded("cn.csv", &bytes, |read| {
        let inv = read.unwrap().unwrap();
        assert_eq!(names(&inv), ["路由器", "交换机"]);
        assert_eq!(manufacturer(&inv.components[1]), Some("新华三技术有限公司"));
        assert_eq!(
            encoding_note(&inv),
            "cn.csv is not UTF-8; it was read as GB18030, the encoding detected from its bytes (save it as UTF-8 to be sure of every character)"
        );
    });
    for (name, bom, unit) in [
        (
            "le.csv",
            [0xFF, 0xFE],
            u16::to_le_bytes as fn(u16) -> [u8; 2],
        ),
        ("be.csv", [0xFE, 0xFF], u16::to_be_bytes),
    ] {
        let mut bytes = bom.to_vec();
        bytes.extend(GB_LIST.encode_utf16().flat_map(unit));
        read_encoded(name, &bytes, |read| {
            let inv = read.unwrap().unwrap();
            assert_eq!(names(&inv), ["路由器", "交换机"]);
            let endian = if name == "le.csv" { "LE" } else { "BE" };
            assert_eq!(
                encoding_note(&inv),
                format!(
                    "{name} is not UTF-8; it was read as UTF-16{endian}, as its byte-order mark says (save it as UTF-8 to be sure of every character)"
                )
            );
        });
    }
}

#[test]
fn an_encoding_the_bytes_do_not_decide_is_refused() {
    read_encoded("de.csv", b"Manufacturer,Model\nM\xfcller,X1\n", |read| {
        let err = read.err().unwrap();
        assert_eq!(err.file, "de.csv");
        assert_eq!(err.position, Some(pos(2, 2)));
        assert_eq!(
            err.message,
            "the file is not UTF-8 and its encoding cannot be decided: it has only 1 non-ASCII character, too few to tell its encoding (they read as windows-1252, but other encodings fit them as well); expected UTF-8 (save it as \"CSV UTF-8\", or convert it from the encoding it was written in, e.g. `iconv -f BIG5 -t UTF-8`)"
        );
    });
    // Bytes that are neither UTF-8 nor a part list keep the UTF-8 error.
    read_encoded("notes.txt", b"caf\xe9 au lait, bien s\xfbr\n", |read| {
        let err = read.err().unwrap();
        assert!(err.message.starts_with("invalid UTF-8 (byte 0xE9"), "{err}");
    });
}

#[test]
fn a_huawei_router_in_a_big5_list_gets_the_finding_the_gbk_list_gets() {
    let list = "供應商報價單\n製造商,型號,名稱,描述,數量\n華為技術有限公司,NE8000 X8,路由器,核心路由器 整系統吞吐量 38.4Tbps,2\n友訊科技股份有限公司,DGS-1210-28,網路交換器,,4\n";
    let dir = tempdir("huawei-big5");
    let mut rules = Vec::new();
    for (name, encoding) in [("tw.csv", encoding_rs::BIG5), ("cn.csv", encoding_rs::GBK)] {
        let (bytes, _, unmappable) = encoding.encode(list);
        assert!(!unmappable);
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        let (status, stdout, stderr) = catscan_run(&[
            "scan",
            path.to_str().unwrap(),
            "--no-config",
            "--format",
            "json",
            "--fail-on",
            "none",
        ]);
        assert_eq!(status, 0, "{stderr}");
        let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let found: Vec<(String, String, u64)> = json["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["level"].as_str().unwrap().to_string(),
                    f["region"]["start"]["line"].as_u64().unwrap(),
                )
            })
            .collect();
        rules.push(found);
    }
    // The router (line 3) and the switch written in Traditional Chinese, 網路交換器 (line 4),
    // whose figures the list does not give.
    let undetermined = |line| {
        (
            "catalogue-undetermined".to_string(),
            "warning".to_string(),
            line,
        )
    };
    assert_eq!(rules[0], [undetermined(3), undetermined(4)]);
    assert_eq!(rules[0], rules[1]);
}
