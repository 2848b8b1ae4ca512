//! No cliffs (issue 15): inputs of the shapes real files have, generated here at the size that
//! once showed a cliff (a panic, or time growing faster than the input), never checked in.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// A CycloneDX 1.6 document with the given components and dependencies, pretty-printed or on
/// one line (as many generators write it).
fn cyclonedx(components: Vec<Value>, dependencies: Vec<Value>, minified: bool) -> String {
    let bom = json!({
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "metadata": {"component": {"type": "device", "name": "product", "bom-ref": "root"}},
        "components": components,
        "dependencies": dependencies,
    });
    if minified {
        serde_json::to_string(&bom).unwrap()
    } else {
        serde_json::to_string_pretty(&bom).unwrap()
    }
}

/// A router of a vendor on the FCC Covered List: one finding under `--market us`. The
/// description is not ASCII, so that columns (UTF-16 units) differ from byte offsets.
fn router(i: usize) -> Value {
    json!({
        "type": "device",
        "bom-ref": format!("c{i}"),
        "name": format!("NE40E-X8A router {i}"),
        "manufacturer": {"name": "Huawei Technologies Co., Ltd."},
        "description": "核心路由器 core router 😀",
    })
}

fn library(i: usize) -> Value {
    json!({
        "type": "library",
        "bom-ref": format!("c{i}"),
        "name": format!("lib{i}"),
        "version": "1.0.0",
        "description": "库 library",
    })
}

/// Line and column (UTF-16 units, as SARIF's `columnKind` says) of the object that declares
/// `bom-ref` `reference`, counted the plain way.
fn expected_position(text: &str, reference: &str) -> (u64, u64) {
    let key = text
        .find(&format!("\"bom-ref\":\"{reference}\""))
        .or_else(|| text.find(&format!("\"bom-ref\": \"{reference}\"")))
        .expect("the reference is in the text");
    let start = text[..key]
        .rfind('{')
        .expect("an object encloses the reference");
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    (
        text[..start].matches('\n').count() as u64 + 1,
        text[line_start..start].encode_utf16().count() as u64 + 1,
    )
}

/// Scans `file` with `--market us` into SARIF, expecting exit `status`: the run's time and the
/// SARIF.
fn scan(dir: &Path, file: &str, status: i32) -> (Duration, Value) {
    let sarif = dir.join(format!("{file}.sarif"));
    let started = Instant::now();
    let run = common::catscan(&[
        "scan",
        dir.join(file).to_str().unwrap(),
        "--market",
        "us",
        "-f",
        "sarif",
        "-o",
        sarif.to_str().unwrap(),
    ]);
    let elapsed = started.elapsed();
    assert_eq!(run.status, status, "{}", run.stderr);
    let sarif: Value = serde_json::from_str(&std::fs::read_to_string(sarif).unwrap()).unwrap();
    (elapsed, sarif)
}

/// (startLine, startColumn) of every result, in order.
fn starts(sarif: &Value) -> Vec<(u64, u64)> {
    sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let region = &r["locations"][0]["physicalLocation"]["region"];
            (
                region["startLine"].as_u64().unwrap(),
                region["startColumn"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// 20,000 findings on one line of 5 MB took 145 s (against 0.74 s pretty-printed): every
/// position counted back to the start of its line. Now the minified file scans in about the
/// time of the pretty one, and its columns are right.
#[test]
fn a_minified_bom_with_20000_findings_scans_as_fast_as_a_pretty_one() {
    let dir = tempdir("minified");
    let n = 20_000;
    for minified in [false, true] {
        let text = cyclonedx((0..n).map(router).collect(), Vec::new(), minified);
        std::fs::write(dir.join(format!("{minified}.json")), text).unwrap();
    }
    let (pretty_time, pretty) = scan(&dir, "false.json", 1);
    let (minified_time, minified) = scan(&dir, "true.json", 1);
    let text = std::fs::read_to_string(dir.join("true.json")).unwrap();
    assert_eq!(text.lines().count(), 1);
    let got = starts(&minified);
    assert_eq!(got.len(), n);
    assert_eq!(starts(&pretty).len(), n);
    // The last router is far along the one line; its column counts UTF-16 units.
    assert!(got.contains(&expected_position(&text, &format!("c{}", n - 1))));
    assert!(got.contains(&expected_position(&text, "c0")));
    assert!(
        minified_time < pretty_time * 5,
        "minified {minified_time:?} against pretty {pretty_time:?}"
    );
}

/// `--market us` on a CycloneDX of more than 2 MiB with dependencies panicked (exit 101, `slice
/// index starts at 2105369 but ends at 2097152`) when the findings' paths asked for positions
/// past a 2 MiB boundary in a particular order. The line index now answers in any order (its unit
/// tests compare every offset around the boundaries with plain counting); here every finding of
/// such a file must be located where its component is, pretty-printed or minified.
#[test]
fn positions_past_two_mebibytes_are_located_exactly() {
    let dir = tempdir("boundary");
    let n = 20_000;
    let is_router = |i: usize| i % 250 == 249;
    let components: Vec<Value> = (0..n)
        .map(|i| if is_router(i) { router(i) } else { library(i) })
        .collect();
    // Dependencies as generators write them for a real product: the root depends on a few
    // components, each of which depends on two others anywhere in the document, so the findings'
    // paths jump back and forth through the file.
    let mut state: u64 = 15;
    let mut next = |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % bound
    };
    let mut dependencies = vec![json!({
        "ref": "root",
        "dependsOn": (0..n).step_by(997).map(|i| format!("c{i}")).collect::<Vec<_>>(),
    })];
    for i in 0..n {
        let mut targets: Vec<usize> = [next(n), next(n)].into_iter().filter(|&t| t != i).collect();
        targets.sort_unstable();
        targets.dedup();
        dependencies.push(json!({
            "ref": format!("c{i}"),
            "dependsOn": targets.iter().map(|t| format!("c{t}")).collect::<Vec<_>>(),
        }));
    }
    for minified in [false, true] {
        let text = cyclonedx(components.clone(), dependencies.clone(), minified);
        assert!(text.len() > 2 << 20, "{} bytes", text.len());
        let file = format!("{minified}.json");
        std::fs::write(dir.join(&file), &text).unwrap();
        let (_, sarif) = scan(&dir, &file, 1);
        let mut got = starts(&sarif);
        got.sort_unstable();
        let mut expected: Vec<(u64, u64)> = (0..n)
            .filter(|&i| is_router(i))
            .map(|i| expected_position(&text, &format!("c{i}")))
            .collect();
        expected.sort_unstable();
        assert_eq!(got, expected, "minified: {minified}");
    }
}

/// A fresh folder under the target directory for one test's generated inputs.
fn tempdir(name: &str) -> std::path::PathBuf {
    common::scratch(name)
}

/// A part list `columns` wide: a part number and a manufacturer, then numbered columns, and three
/// rows of a router of a vendor on the FCC Covered List.
fn wide_csv(columns: usize) -> String {
    let mut text = String::from("Part Number,Manufacturer");
    for i in 2..columns {
        text.push_str(&format!(",x{i}"));
    }
    for _ in 0..3 {
        text.push_str("\nNE40E-X8A,Huawei");
        for i in 2..columns {
            text.push_str(&format!(",{}", i % 10));
        }
    }
    text.push('\n');
    text
}

/// A CSV of 500,000 columns took more than 120 s: the header name of every cell was searched for
/// along the header row. 100,000 columns must take about ten times as long as 10,000, not a
/// hundred, and read every row.
#[test]
fn a_part_list_of_100000_columns_reads_in_linear_time() {
    let dir = tempdir("wide");
    let mut times = Vec::new();
    for columns in [10_000, 100_000] {
        let file = format!("{columns}.csv");
        std::fs::write(dir.join(&file), wide_csv(columns)).unwrap();
        // Warnings only (a router whose origin is not certain): exit 0.
        let (elapsed, sarif) = scan(&dir, &file, 0);
        assert_eq!(
            starts(&sarif),
            [(2, 1), (3, 1), (4, 1)],
            "{columns} columns"
        );
        times.push(elapsed);
    }
    assert!(
        times[1] < times[0] * 25,
        "10,000 columns: {:?}; 100,000 columns: {:?}",
        times[0],
        times[1]
    );
}

/// A CycloneDX JSON BOM of `levels` components, each nested in the one before.
fn nested_cyclonedx(levels: usize) -> String {
    let mut text =
        String::from(r#"{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":["#);
    for i in 0..levels {
        text.push_str(&format!(
            r#"{{"type":"library","name":"n{i}","components":["#
        ));
    }
    text.push_str(&"]}".repeat(levels));
    text.push_str("]}");
    text
}

/// Components nested 65 deep were refused ("invalid JSON: recursion limit exceeded", with a
/// 3,000-character path): serde_json stops at 128 levels. Valid nesting is read whole, up to
/// 10,000 levels; deeper nesting is refused with a short, located error, never a stack overflow.
#[test]
fn nested_components_are_read_to_any_real_depth() {
    let dir = tempdir("nested");
    for levels in [65, 1_000, 4_999] {
        let file = dir.join(format!("{levels}.json"));
        std::fs::write(&file, nested_cyclonedx(levels)).unwrap();
        let run = common::catscan(&["scan", file.to_str().unwrap(), "-f", "json"]);
        assert_eq!(run.status, 0, "{levels} levels: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "{levels}.json: CycloneDX JSON 1.6, {levels} components, 0 evaluated"
            )),
            "{levels} levels: {}",
            run.stderr
        );
    }
    let file = dir.join("100000.json");
    let text = nested_cyclonedx(100_000);
    std::fs::write(&file, &text).unwrap();
    let run = common::catscan(&["scan", file.to_str().unwrap()]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    // The bracket that opens level 10,001: the object of component 5,000 (0-based 4,999).
    let at = text.find(r#"{"type":"library","name":"n4999","#).unwrap();
    assert!(
        run.stderr.contains(&format!(
            "100000.json:1:{}: arrays and objects nested more than 10,000 levels deep; catscan reads at most 10,000 levels (the nesting-depth limit; raise it with `--limit nesting-depth=20_000`)\n",
            at + 1
        )),
        "{}",
        run.stderr
    );
}

/// Part-list prices were totalled in `f64` without a bound: a quantity of 10^300 at 10^300 each
/// printed a spend of `inf.00`, and a price of `1e400` was left out without a word. Amounts are
/// now exact decimals; one beyond the largest (about 7.9 × 10^28) is a located warning and stays
/// out of the spend, whose total is exact.
#[test]
fn prices_and_quantities_out_of_range_are_located_and_never_total_to_infinity() {
    let dir = tempdir("money");
    let huge = "9".repeat(300);
    let file = dir.join("parts.csv");
    std::fs::write(
        &file,
        format!(
            "Part Number,Manufacturer,Category,Quantity,Unit Price\n\
             NE40E-X8A,Huawei,router,1,1e400\n\
             S5735,Huawei,switch,{huge},{huge}\n\
             CE6881,Huawei,switch,2,\"1,000.25\"\n"
        ),
    )
    .unwrap();
    let run = common::catscan(&[
        "scan",
        file.to_str().unwrap(),
        "--procurement",
        "cn-central",
    ]);
    assert!(!run.stdout.contains("inf"), "{}", run.stdout);
    // Only the third row is priced; the second counts once at no price.
    assert!(
        run.stdout
            .contains("  total           3  100.0%  2,000.50          100.0%"),
        "{}",
        run.stdout
    );
    let shown = &huge[..];
    for expected in [
        "parts.csv:2:1: warning[amount-out-of-range]: line 2: unit price \"1e400\" is not an amount catscan can total; expected a number of at most 79,228,162,514,264,337,593,543,950,335 with an optional currency (¥12,000, USD 3,500.50); the row has no price in the spend".to_string(),
        format!("parts.csv:3:1: warning[amount-out-of-range]: line 3: quantity \"{}", &shown[..40]),
        "parts.csv:3:1: warning[amount-out-of-range]: line 3: unit price".to_string(),
    ] {
        assert!(run.stderr.contains(&expected), "{expected}\n{}", run.stderr);
    }
}

/// The same for CycloneDX XML, whose reader refused components nested more than 127 deep.
#[test]
fn nested_xml_components_are_read_to_any_real_depth() {
    let dir = tempdir("nested-xml");
    let nested = |levels: usize| {
        let mut text = String::from(
            "<?xml version=\"1.0\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\" version=\"1\"><components>",
        );
        text.push_str(&"<component type=\"library\"><name>n</name><components>".repeat(levels));
        text.push_str(&"</components></component>".repeat(levels));
        text.push_str("</components></bom>");
        text
    };
    for levels in [65, 1_000, 4_999] {
        let file = dir.join(format!("{levels}.xml"));
        std::fs::write(&file, nested(levels)).unwrap();
        let run = common::catscan(&["scan", file.to_str().unwrap(), "-f", "json"]);
        assert_eq!(run.status, 0, "{levels} levels: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "{levels}.xml: CycloneDX XML 1.6, {levels} components, 0 evaluated"
            )),
            "{levels} levels: {}",
            run.stderr
        );
    }
    let file = dir.join("100000.xml");
    let text = nested(100_000);
    std::fs::write(&file, &text).unwrap();
    let run = common::catscan(&["scan", file.to_str().unwrap()]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    // <bom> and <components> are levels 1 and 2, then each component opens two (its own element
    // and its <components>): level 10,001 is the <component> of the 5,000th, on line 2.
    let line = &text[text.find('\n').unwrap() + 1..];
    let per_level = "<component type=\"library\"><name>n</name><components>".len();
    let at = line.find("<component ").unwrap() + 4_999 * per_level;
    assert!(
        run.stderr.contains(&format!(
            "100000.xml:2:{}: elements are nested more than 10,000 levels deep; catscan does not read further (the nesting-depth limit; raise it with `--limit nesting-depth=20_000`)\n",
            at + 1
        )),
        "{}",
        run.stderr
    );
}
