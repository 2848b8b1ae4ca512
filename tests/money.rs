//! Money and part quantities are exact decimals: part-list prices that binary floats cannot hold
//! (0.1, 2^53 + 1) total to the cent in every report, a cost beyond the largest amount is a
//! warning at its cell instead of an infinite total, and the minimum domestic share is met or
//! missed exactly. The part lists are generated here.

mod common;

use std::path::PathBuf;

use serde_json::Value;

fn tempdir(name: &str) -> PathBuf {
    common::scratch(name)
}

/// A part list with these rows of part number, manufacturer, category, quantity and unit price.
fn part_list(dir: &std::path::Path, rows: &[[&str; 5]]) -> String {
    let mut text = String::from("Part Number,Manufacturer,Category,Quantity,Unit Price\n");
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| format!("\"{c}\"")).collect();
        text.push_str(&cells.join(","));
        text.push('\n');
    }
    let file = dir.join("parts.csv");
    std::fs::write(&file, text).unwrap();
    file.to_str().unwrap().to_string()
}

/// Thirty switches at 0.1 (in floats 3.0000000000000013 together), a router at 10^20 × 10^20
/// (in floats 10^40, beyond any decimal) and a router at 2^53 + 1 (a float holds only 2^53).
#[test]
fn spend_totals_are_exact_in_every_report_and_a_cost_too_large_is_a_located_warning() {
    let dir = tempdir("totals");
    let mut rows: Vec<[String; 5]> = (1..=30)
        .map(|i| {
            [
                format!("S5735-{i}"),
                "Huawei".into(),
                "switch".into(),
                "1".into(),
                "0.1".into(),
            ]
        })
        .collect();
    let e20 = format!("1{}", "0".repeat(20));
    rows.push([
        "NE40E-X8A".into(),
        "Huawei".into(),
        "router".into(),
        e20.clone(),
        e20.clone(),
    ]);
    rows.push([
        "ASR-9001".into(),
        "Cisco".into(),
        "router".into(),
        "1".into(),
        "9,007,199,254,740,993".into(),
    ]);
    let rows: Vec<[&str; 5]> = rows
        .iter()
        .map(|r| [&*r[0], &*r[1], &*r[2], &*r[3], &*r[4]])
        .collect();
    let file = part_list(&dir, &rows);
    let scan = |format: &str| {
        let run = common::catscan(&["scan", &file, "--procurement", "cn-central", "-f", format]);
        assert_eq!(run.status, 0, "{}", run.stderr);
        run
    };

    let terminal = scan("terminal");
    for line in [
        "  foreign         1    3.1%  9,007,199,254,740,993.00          100.0%",
        "  domestic       31   96.9%                      3.00            0.0%",
        "  total          32  100.0%  9,007,199,254,740,996.00          100.0%",
        "  note: 1 key component costs more than catscan can total (quantity × unit price above 79,228,162,514,264,337,593,543,950,335 or with more than 28 decimals) and is not in the spend figures",
    ] {
        assert!(
            terminal.stdout.lines().any(|l| l == line),
            "{line}\n{}",
            terminal.stdout
        );
    }
    assert!(!terminal.stdout.contains("inf."), "{}", terminal.stdout);
    // Located at the unit-price cell of line 32 (after `NE40E-X8A,Huawei,router,` and the quoted
    // quantity).
    let column = "\"NE40E-X8A\",\"Huawei\",\"router\",\"100000000000000000000\",".len() + 1;
    let warning = format!(
        "parts.csv:32:{column}: warning[amount-out-of-range]: NE40E-X8A (device, Huawei Technologies Co., Ltd., line 32): quantity 100000000000000000000 × unit price 100000000000000000000 is more than catscan can total (at most 79,228,162,514,264,337,593,543,950,335, with at most 28 decimals); it is left out of the spend\n"
    );
    assert!(
        terminal.stderr.contains(&warning),
        "{warning}\n{}",
        terminal.stderr
    );

    let markdown = scan("markdown");
    for line in [
        "| foreign | 1 | 3.1% | 9,007,199,254,740,993.00 | 100.0% |",
        "| domestic | 31 | 96.9% | 3.00 | 0.0% |",
        "| **total** | 32 | 100.0% | 9,007,199,254,740,996.00 | 100.0% |",
    ] {
        assert!(
            markdown.stdout.lines().any(|l| l == line),
            "{line}\n{}",
            markdown.stdout
        );
    }

    let json = scan("json");
    let document: Value = serde_json::from_str(&json.stdout).unwrap();
    let share = &document["files"][0]["procurement"]["share"];
    // Ten times three 0.1 are 3, not 3.0000000000000013; the JSON numbers are doubles, and the
    // total is the double nearest the exact 9,007,199,254,740,996.
    assert_eq!(share["bySpend"]["domestic"], serde_json::json!(3.0));
    assert!(
        json.stdout.contains("\"domestic\": 3.0,\n"),
        "{}",
        json.stdout
    );
    assert_eq!(
        share["bySpend"]["total"].as_f64(),
        Some(9_007_199_254_740_996.0)
    );
    assert_eq!(share["byCount"]["total"], 32);
    assert_eq!(share["unpriced"], 1);
    let router = &share["rows"][30];
    assert_eq!(router["component"]["name"], "NE40E-X8A");
    assert_eq!(router["quantity"].as_f64(), Some(1e20));
    assert_eq!(router["unitPrice"].as_f64(), Some(1e20));
    assert!(
        share["spendNote"]
            .as_str()
            .unwrap()
            .starts_with("1 key component costs more than catscan can total")
    );
}

/// Two costs that each fit but together exceed the largest amount: the spend is not summed,
/// and the warning is at the price that took it over.
#[test]
fn a_spend_total_beyond_the_largest_amount_is_not_summed_and_says_where() {
    let dir = tempdir("total");
    let half = "50,000,000,000,000,000,000,000,000,000";
    let file = part_list(
        &dir,
        &[
            ["S5735", "Huawei", "switch", "1", half],
            ["ASR-9001", "Cisco", "router", "1", half],
        ],
    );
    let run = common::catscan(&["scan", &file, "--procurement", "cn-central"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let column = "\"ASR-9001\",\"Cisco\",\"router\",\"1\",".len() + 1;
    let warning = format!(
        "parts.csv:3:{column}: warning[amount-out-of-range]: ASR-9001 (device, Cisco Systems, Inc., line 3): with its quantity 1 × unit price 50000000000000000000000000000, the spend comes to more than catscan can total (at most 79,228,162,514,264,337,593,543,950,335, with at most 28 decimals); spend is not summed\n"
    );
    assert!(run.stderr.contains(&warning), "{warning}\n{}", run.stderr);
    for line in [
        "  control   entries   share",
        "  total           2  100.0%",
        "  note: spend is not summed: it comes to more than catscan can total (79,228,162,514,264,337,593,543,950,335)",
    ] {
        assert!(
            run.stdout.lines().any(|l| l == line),
            "{line}\n{}",
            run.stdout
        );
    }
}

/// The spend share is compared with the minimum as a ratio of exact sums. 0.3 against 0.1 + 0.2
/// is exactly half (in floats 0.49999999999999994, below a minimum of 50%); three of four is
/// exactly 75%; 4,999,999,999 of 10,000,000,000 is below 50%, which a float compared with a
/// tolerance of 10^-9 let pass.
#[test]
fn the_minimum_domestic_share_is_met_or_missed_exactly() {
    let dir = tempdir("minimum");
    let share_findings = |rows: &[[&str; 5]], min: &str| {
        let file = part_list(&dir, rows);
        let run = common::catscan(&["scan", &file, "--min-domestic-share", min]);
        run.stdout
            .lines()
            .filter(|l| l.contains("[procurement-domestic-share"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let halves = [
        [
            "S6850-56HF",
            "New H3C Technologies Co.",
            "switch",
            "1",
            "0.3",
        ],
        ["RG-S6120", "Ruijie Networks", "switch", "1", "0"],
        ["ASR-9001", "Cisco", "router", "1", "0.1"],
        ["N9K-C93180", "Cisco", "switch", "1", "0.2"],
    ];
    assert_eq!(share_findings(&halves, "50%"), Vec::<String>::new());

    let three_of_four = [
        [
            "S6850-56HF",
            "New H3C Technologies Co.",
            "switch",
            "1",
            "¥1.00",
        ],
        ["RG-S6120", "Ruijie Networks", "switch", "2", "¥1.00"],
        ["ASR-9001", "Cisco", "router", "1", "¥1.00"],
    ];
    let counted = share_findings(&three_of_four, "0.75");
    // By count 2 of 3 is short of 75%; by spend, 3.00 of 4.00 is exactly 75% and not named.
    assert_eq!(
        counted,
        vec![
            "error[procurement-domestic-share-below]: The key components are below the minimum domestic-control share of 75.0%, even if every vendor of unknown control were domestic: by count of BOM entries, domestic 2 of 3 (66.7%), foreign 1 of 3 (33.3%), unknown 0 of 3 (0.0%).".to_string()
        ]
    );
    assert_eq!(
        share_findings(&three_of_four, "0.7501"),
        vec![
            "error[procurement-domestic-share-below]: The key components are below the minimum domestic-control share of 75.01%, even if every vendor of unknown control were domestic: by count of BOM entries, domestic 2 of 3 (66.7%), foreign 1 of 3 (33.3%), unknown 0 of 3 (0.0%); by spend, domestic 3.00 CNY of 4.00 (75.00%), foreign 1.00 CNY of 4.00 (25.0%), unknown 0.00 CNY of 4.00 (0.0%).".to_string()
        ]
    );

    let near = [
        [
            "S6850-56HF",
            "New H3C Technologies Co.",
            "switch",
            "1",
            "4,999,999,999",
        ],
        ["ASR-9001", "Cisco", "router", "1", "5,000,000,001"],
    ];
    assert_eq!(
        share_findings(&near, "0.5"),
        vec![
            "error[procurement-domestic-share-below]: The key components are below the minimum domestic-control share of 50.0%, even if every vendor of unknown control were domestic: by spend, domestic 4999999999.00 of 10000000000.00 (49.99999999%), foreign 5000000001.00 of 10000000000.00 (50.0%), unknown 0.00 of 10000000000.00 (0.0%).".to_string()
        ]
    );
}

/// A CycloneDX property that is no amount was once left out of the spend without a word.
#[test]
fn a_price_property_that_is_no_amount_is_a_warning_at_the_property() {
    let dir = tempdir("property");
    let file = dir.join("bom.cdx.json");
    let bom = serde_json::json!({
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "components": [{
            "type": "device",
            "name": "NE40E-X8A",
            "manufacturer": {"name": "Huawei"},
            "properties": [
                {"name": "hw:category", "value": "router"},
                {"name": "catscan:quantity", "value": "about four"},
                {"name": "catscan:unit-price", "value": "12,50 EUR"}
            ]
        }]
    });
    let text = serde_json::to_string_pretty(&bom).unwrap();
    std::fs::write(&file, &text).unwrap();
    let run = common::catscan(&[
        "scan",
        file.to_str().unwrap(),
        "--procurement",
        "cn-central",
    ]);
    // A property's warning points at the property.
    let at = |needle: &str| {
        let offset = text[..text.find(needle).unwrap()].rfind('{').unwrap();
        let line = text[..offset].lines().count().max(1);
        let column = offset - text[..offset].rfind('\n').map_or(0, |n| n + 1) + 1;
        format!("bom.cdx.json:{line}:{column}")
    };
    for expected in [
        format!(
            "{}: warning[amount-out-of-range]: NE40E-X8A (device, Huawei Technologies Co., Ltd.): quantity \"about four\" does not start with a number; expected a count such as 4, 1,200 or 4 台; it counts once in the spend\n",
            at("\"catscan:quantity\"")
        ),
        format!(
            "{}: warning[amount-out-of-range]: NE40E-X8A (device, Huawei Technologies Co., Ltd.): unit price \"12,50 EUR\" is not an amount catscan can total; expected a number of at most 79,228,162,514,264,337,593,543,950,335 with an optional currency (¥12,000, USD 3,500.50); it has no price in the spend\n",
            at("\"catscan:unit-price\"")
        ),
    ] {
        assert!(run.stderr.contains(&expected), "{expected}\n{}", run.stderr);
    }
}
