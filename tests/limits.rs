//! Every limit is set from the command line (`--limit NAME=VALUE`), and every error for an input
//! past one names the limit and the flag that raises it. Each test lowers a limit below a small
//! input, sees the error, and raises it again to see the input read.

mod common;

use std::path::PathBuf;

use common::{catscan, catscan_in};

fn tempdir(name: &str) -> PathBuf {
    common::scratch(name)
}

const FIXTURE: &str = "sbom-fixtures/edge-router-sbom-1.2.cdx.json";

fn fixture_size() -> u64 {
    std::fs::metadata(common::root().join(FIXTURE))
        .unwrap()
        .len()
}

#[test]
fn an_input_over_a_lowered_size_limit_fails_and_passes_when_raised() {
    let size = fixture_size();
    let lowered = format!("input-size={}", size - 1);
    let run = catscan(&["scan", FIXTURE, "--no-config", "--limit", &lowered]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "{FIXTURE}: larger than {} bytes, the most catscan reads from a file (the input-size limit); split the BOM into several files, or raise it with `--limit input-size={}`",
            thousands(size - 1),
            2 * (size - 1)
        )),
        "{}",
        run.stderr
    );
    let raised = format!("input-size={size}");
    let run = catscan(&["scan", FIXTURE, "--no-config", "--limit", &raised]);
    assert_ne!(run.status, 2, "{}", run.stderr);
}

/// Found in a folder, a workbook past the input-size limit is an error that names the limit,
/// not a file skipped as "binary": a part list must not drop out of a scan unnoticed.
#[test]
fn a_workbook_in_a_folder_over_the_size_limit_is_an_error_not_a_skipped_binary() {
    let dir = tempdir("workbook-size");
    std::fs::copy(
        common::root().join("sbom-fixtures/datacenter-parts.xlsx"),
        dir.join("parts.xlsx"),
    )
    .unwrap();
    std::fs::write(dir.join("logo.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let run = catscan(&[
        "scan",
        dir.to_str().unwrap(),
        "--no-config",
        "--limit",
        "input-size=1KiB",
    ]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("parts.xlsx: larger than 1 KiB, the most catscan reads from a file (the input-size limit)"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("skipped") || !run.stderr.contains("parts.xlsx: binary"),
        "{}",
        run.stderr
    );
    // A real binary file beside it is still skipped with its reason.
    assert!(
        run.stderr
            .contains("logo.png: binary file: image/png (.png)"),
        "{}",
        run.stderr
    );
}

#[test]
fn nesting_past_a_lowered_depth_is_refused_where_it_passes_it() {
    let run = catscan(&["scan", FIXTURE, "--no-config", "--limit", "nesting-depth=3"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "nested more than 3 levels deep; catscan reads at most 3 levels (the nesting-depth limit; raise it with `--limit nesting-depth=6`)"
        ),
        "{}",
        run.stderr
    );
    let run = catscan(&[
        "scan",
        FIXTURE,
        "--no-config",
        "--limit",
        "nesting-depth=200",
    ]);
    assert_ne!(run.status, 2, "{}", run.stderr);
}

#[test]
fn diagnostics_past_a_lowered_count_are_counted_with_the_flag_that_lists_them() {
    let dir = tempdir("diagnostics");
    let csv = dir.join("parts.csv");
    let mut text = String::from("Manufacturer,Part Number,Description\n");
    for i in 0..5 {
        text.push_str(&format!("Acme,Q{i},Part {i}\n"));
    }
    for i in 0..5 {
        text.push_str(&format!("Acme,P{i},Part {i},extra\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let scan = |limit: &str| {
        let run = catscan_in(
            &dir,
            &[
                "scan",
                "parts.csv",
                "--no-config",
                "--format",
                "json",
                "--limit",
                limit,
            ],
        );
        assert_ne!(run.status, 2, "{}", run.stderr);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        report["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "csv-field-count")
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let lowered = scan("diagnostics-per-code=2");
    assert_eq!(lowered.len(), 3, "{lowered:?}");
    assert_eq!(
        lowered[2],
        "3 more \"csv-field-count\" warnings in this file were not listed (5 in all; the diagnostics-per-code limit lists 2: raise it with `--limit diagnostics-per-code=4`)"
    );
    let raised = scan("diagnostics-per-code=5");
    assert_eq!(raised.len(), 5, "{raised:?}");
    assert!(raised.iter().all(|m| !m.contains("not listed")));
}

#[test]
fn a_data_file_over_a_lowered_limit_is_refused() {
    let dir = tempdir("data-file");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::write(
        dir.join("certified.csv"),
        "vendor,product,model,certificate,issued,expiry\n\
         Hillstone Networks,Firewall,SG-6000-X10800,CCRC-1,2024-03-01,2029-02-28\n",
    )
    .unwrap();
    std::fs::write(dir.join("catscan.toml"), "certified = \"certified.csv\"\n").unwrap();
    std::fs::copy(common::root().join(FIXTURE), dir.join("bom.json")).unwrap();
    let run = catscan_in(&dir, &["scan", "bom.json", "--limit", "data-file-size=10"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "certified.csv is larger than 10 bytes, the data-file-size limit for a data file named by a policy; raise it with `--limit data-file-size=20`"
        ),
        "{}",
        run.stderr
    );
    let run = catscan_in(
        &dir,
        &["scan", "bom.json", "--limit", "data-file-size=1MiB"],
    );
    assert_ne!(run.status, 2, "{}", run.stderr);
}

#[test]
fn a_bad_limit_names_the_limits_and_the_values_expected() {
    let run = catscan(&["scan", FIXTURE, "--no-config", "--limit", "input=1"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains(
            "--limit input=1: no limit \"input\"; the limits are input-size, stream-size, nesting-depth, xlsx-inflated-size, xlsx-rows, xlsx-cells, cel-size, cel-depth, cel-comprehension-depth, cel-steps, diagnostics-per-code, baseline-size, data-file-size"
        ),
        "{}",
        run.stderr
    );
    let run = catscan(&["scan", FIXTURE, "--no-config", "--limit", "input-size=4GB"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains(
            "--limit input-size=4GB: expected a size of at least 1 byte, such as 4096, 512MiB or 4GiB"
        ),
        "{}",
        run.stderr
    );
    let run = catscan(&["scan", FIXTURE, "--no-config", "--limit", "xlsx-rows=0"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("--limit xlsx-rows=0: expected a whole number of at least 1"),
        "{}",
        run.stderr
    );
}

/// The limits are the command line's alone: a policy file that tries to set one is refused.
#[test]
fn a_policy_file_cannot_raise_a_limit() {
    let dir = tempdir("policy");
    std::fs::write(
        dir.join("catscan.toml"),
        "[limits]\ninput-size = \"64GiB\"\n",
    )
    .unwrap();
    std::fs::copy(common::root().join(FIXTURE), dir.join("bom.json")).unwrap();
    let run = catscan_in(&dir, &["scan", "bom.json"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("catscan.toml:1:2: unknown key `limits`"),
        "{}",
        run.stderr
    );
}

/// `--help` lists every limit by name.
#[test]
fn the_help_names_every_limit() {
    let run = catscan(&["scan", "--help"]);
    let help = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for name in [
        "input-size",
        "stream-size",
        "nesting-depth",
        "xlsx-inflated-size",
        "xlsx-rows",
        "xlsx-cells",
        "cel-size",
        "cel-depth",
        "cel-comprehension-depth",
        "cel-steps",
        "diagnostics-per-code",
        "baseline-size",
        "data-file-size",
    ] {
        assert!(help.contains(name), "{name} is not in --help:\n{help}");
    }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The fixture workbook with its first worksheet's rows followed by `extra` (more XML in
/// `<sheetData>`), every part deflated as Excel writes them.
fn workbook_with_rows(extra: &str) -> Vec<u8> {
    common::fixture_workbook_edited(|name, content| {
        if name == "xl/worksheets/sheet1.xml" {
            *content = content.replacen("</sheetData>", &format!("{extra}</sheetData>"), 1);
        }
    })
}

/// A worksheet of more empty rows than a worksheet can have (a few kilobytes compressed) is
/// refused by its sheet's name before calamine walks them; below a lowered limit the same
/// holds, and raised, the workbook is read.
#[test]
fn a_worksheet_past_the_row_limit_is_refused_by_name() {
    let dir = tempdir("rows");
    let rows = "<row/>".repeat(1_048_577);
    std::fs::write(dir.join("rows.xlsx"), workbook_with_rows(&rows)).unwrap();
    let run = catscan_in(&dir, &["scan", "rows.xlsx", "--no-config"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "rows.xlsx: cannot read the workbook: sheet 'Equipment' has more than 1,048,576 rows, the xlsx-rows limit; raise it with `--limit xlsx-rows=2_097_152`"
        ),
        "{}",
        run.stderr
    );

    std::fs::write(dir.join("parts.xlsx"), workbook_with_rows("")).unwrap();
    let run = catscan_in(
        &dir,
        &[
            "scan",
            "parts.xlsx",
            "--no-config",
            "--limit",
            "xlsx-rows=20",
        ],
    );
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "parts.xlsx: cannot read the workbook: sheet 'Equipment' has more than 20 rows, the xlsx-rows limit; raise it with `--limit xlsx-rows=40`"
        ),
        "{}",
        run.stderr
    );
    let run = catscan_in(
        &dir,
        &[
            "scan",
            "parts.xlsx",
            "--no-config",
            "--limit",
            "xlsx-cells=100",
        ],
    );
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "parts.xlsx: cannot read the workbook: sheet 'Equipment' has more than 100 cells, the xlsx-cells limit; raise it with `--limit xlsx-cells=200`"
        ),
        "{}",
        run.stderr
    );
    let run = catscan_in(
        &dir,
        &[
            "scan",
            "parts.xlsx",
            "--no-config",
            "--limit",
            "xlsx-rows=40",
        ],
    );
    assert_ne!(run.status, 2, "{}", run.stderr);
}

/// A part that declares a small size and inflates to more is stopped one byte past what it
/// declares, by name, whatever the limit; and a workbook whose parts inflate past a lowered
/// limit is refused before any is inflated.
#[test]
fn a_part_that_inflates_to_more_than_it_declares_is_stopped_there() {
    let dir = tempdir("lying");
    // 8 MB of rows that deflate to a few kilobytes.
    let rows = "<row/>".repeat(1_400_000);
    let mut workbook = workbook_with_rows(&rows);
    let record = common::central_record(&workbook, "xl/worksheets/sheet1.xml");
    workbook[record + 24..record + 28].copy_from_slice(&1000u32.to_le_bytes());
    std::fs::write(dir.join("lying.xlsx"), &workbook).unwrap();
    let run = catscan_in(&dir, &["scan", "lying.xlsx", "--no-config"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "lying.xlsx: cannot read the workbook: its part xl/worksheets/sheet1.xml inflates to more than the 1000 bytes it declares; expected a workbook whose parts are their stated size (this archive is damaged, or built to exhaust memory)"
        ),
        "{}",
        run.stderr
    );

    std::fs::write(dir.join("parts.xlsx"), workbook_with_rows("")).unwrap();
    let run = catscan_in(
        &dir,
        &[
            "scan",
            "parts.xlsx",
            "--no-config",
            "--limit",
            "xlsx-inflated-size=16KiB",
        ],
    );
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "parts.xlsx: cannot read the workbook: its parts inflate to more than 16 KiB, the xlsx-inflated-size limit, at part xl/worksheets/sheet1.xml (12977 bytes); raise it with `--limit xlsx-inflated-size=32KiB`"
        ),
        "{}",
        run.stderr
    );
    let run = catscan_in(
        &dir,
        &[
            "scan",
            "parts.xlsx",
            "--no-config",
            "--limit",
            "xlsx-inflated-size=1MiB",
        ],
    );
    assert_ne!(run.status, 2, "{}", run.stderr);
}

/// A CycloneDX BOM of one device with `properties` properties.
fn device_with_properties(properties: usize) -> String {
    let properties: Vec<serde_json::Value> = (0..properties)
        .map(|i| serde_json::json!({"name": format!("p{i}"), "value": format!("v{i}")}))
        .collect();
    serde_json::json!({
        "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
        "components": [{
            "type": "device", "bom-ref": "d", "name": "Switch", "properties": properties
        }]
    })
    .to_string()
}

/// A policy file with one custom rule whose `when` is `expression`.
fn policy_with_rule(expression: &str) -> String {
    format!(
        "[[rule]]\nid = \"custom-x\"\nlevel = \"warning\"\nmessage = \"m\"\nwhen = '''{expression}'''\n"
    )
}

/// The `custom-rule-failed` warnings of a JSON report.
fn rule_failures(stdout: &str) -> Vec<String> {
    let report: serde_json::Value = serde_json::from_str(stdout).unwrap();
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().cloned().unwrap_or_default())
        .filter(|d| d["code"] == "custom-rule-failed")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

/// Comprehensions nested over a component's 2,000 properties would take four million steps:
/// the evaluation stops at the step limit, at once, with a warning that names the rule, the
/// limit and the flag; a smaller BOM within the limit is evaluated, and fails again below a
/// lowered limit.
#[test]
fn nested_comprehensions_over_a_large_bom_stop_at_the_step_limit() {
    let dir = tempdir("steps");
    std::fs::write(dir.join("bom.json"), device_with_properties(2_000)).unwrap();
    std::fs::write(dir.join("small.json"), device_with_properties(300)).unwrap();
    std::fs::write(
        dir.join("catscan.toml"),
        policy_with_rule(
            "component.properties.all(a, component.properties.all(b, a != b || a.startsWith('p')))",
        ),
    )
    .unwrap();
    let steps = "its comprehensions would take more than 100,000 steps, the cel-steps limit (the lists they iterate are too large for loops nested this way); raise it with `--limit cel-steps=200_000`";
    let run = catscan_in(&dir, &["scan", "bom.json", "--format", "json"]);
    assert_ne!(run.status, 2, "{}", run.stderr);
    assert_eq!(
        rule_failures(&run.stdout),
        [format!(
            "custom rule custom-x (catscan.toml, line 1) could not be evaluated for Switch: {steps}"
        )]
    );
    // 300 + 300 × 300 = 90,300 steps.
    let run = catscan_in(&dir, &["scan", "small.json", "--format", "json"]);
    assert_eq!(rule_failures(&run.stdout), Vec::<String>::new());
    let run = catscan_in(
        &dir,
        &[
            "scan",
            "small.json",
            "--format",
            "json",
            "--limit",
            "cel-steps=90000",
        ],
    );
    assert_eq!(
        rule_failures(&run.stdout),
        [
            "custom rule custom-x (catscan.toml, line 1) could not be evaluated for Switch: its comprehensions would take more than 90,000 steps, the cel-steps limit (the lists they iterate are too large for loops nested this way); raise it with `--limit cel-steps=180_000`"
        ]
    );
}

/// A long chain (`.lowerAscii()`, `[0]`, `+`) is refused where it passes a limit, the same with
/// one scanning thread as with eight (the expression is parsed and evaluated on a stack of its
/// own, whatever the thread); one within the limits is evaluated alike by both.
#[test]
fn a_deep_chain_is_refused_alike_on_any_number_of_threads() {
    let dir = tempdir("chain");
    for i in 0..8 {
        std::fs::write(dir.join(format!("bom{i}.json")), device_with_properties(3)).unwrap();
    }
    let boms: Vec<String> = (0..8).map(|i| format!("bom{i}.json")).collect();
    let scan = |policy: &str, extra: &[&str]| {
        std::fs::write(dir.join("catscan.toml"), policy).unwrap();
        let mut outputs = Vec::new();
        for threads in ["1", "8"] {
            let mut args = vec!["scan", "-j", threads, "--format", "json"];
            args.extend(boms.iter().map(String::as_str));
            args.extend(extra);
            let run = catscan_in(&dir, &args);
            outputs.push((run.status, run.stderr, run.stdout));
        }
        assert_eq!(outputs[0], outputs[1], "-j 1 and -j 8 differ");
        outputs.remove(0)
    };
    // 21 KB: past the size limit, refused where it passes it (the `when` starts at column 11
    // of line 5).
    let chain = format!(
        "component.name{} == 'switch'",
        ".lowerAscii()".repeat(1_600)
    );
    let (status, stderr, _) = scan(&policy_with_rule(&chain), &[]);
    assert_eq!(status, 2, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "catscan.toml:5:4107: rule custom-x: the `when` expression is {} bytes long, longer than 4 KiB, the cel-size limit; split it into simpler rules, or raise it with `--limit cel-size=8KiB`",
            chain.len()
        )),
        "{stderr}"
    );
    // With the size raised, the depth limit refuses it at its 33rd level: `.name` and 31 calls
    // are 32 steps of the chain, and the bracket of the 31st call opens the 33rd.
    let (status, stderr, _) = scan(&policy_with_rule(&chain), &["--limit", "cel-size=64KiB"]);
    assert_eq!(status, 2, "{stderr}");
    let at = "component.name".len() + 30 * ".lowerAscii()".len() + ".lowerAscii".len() + 1;
    assert!(
        stderr.contains(&format!(
            "catscan.toml:5:{}: rule custom-x: the `when` expression nests deeper than 32 levels, the cel-depth limit",
            at + 10
        )),
        "{stderr}"
    );
    for chain in [
        format!("component.properties.p0{} == ''", "[0]".repeat(5_000)),
        format!("1{} == 1", " + 1".repeat(5_000)),
    ] {
        let (status, stderr, _) = scan(&policy_with_rule(&chain), &["--limit", "cel-size=64KiB"]);
        assert_eq!(status, 2, "{stderr}");
        assert!(
            stderr.contains("rule custom-x: the `when` expression nests deeper than 32 levels, the cel-depth limit"),
            "{stderr}"
        );
    }
    // Within the limits: evaluated on every component, by one thread as by eight.
    let chain = format!(
        "component.name{}.startsWith('switch')",
        ".lowerAscii()".repeat(28)
    );
    let (status, stderr, stdout) = scan(&policy_with_rule(&chain), &[]);
    assert_ne!(status, 2, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let hits = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().cloned().unwrap_or_default())
        .filter(|f| f["rule"] == "custom-x")
        .count();
    assert_eq!(hits, 8, "{stdout}");
}

/// Comprehensions nested in the loops of others past the limit are refused at the one that
/// passes it (at its opening bracket); a comprehension over the result of another is not nested.
#[test]
fn comprehensions_nested_past_the_limit_are_refused_at_the_one_that_passes_it() {
    let dir = tempdir("comprehensions");
    std::fs::write(dir.join("bom.json"), device_with_properties(3)).unwrap();
    let nested = "[1].all(a, [1].all(b, [1].all(c, [1].exists(d, true))))";
    std::fs::write(dir.join("catscan.toml"), policy_with_rule(nested)).unwrap();
    let run = catscan_in(&dir, &["scan", "bom.json"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "catscan.toml:5:54: rule custom-x: the `when` expression nests comprehensions (all, exists, exists_one, map, filter) in the loops of others more than 3 deep, the cel-comprehension-depth limit: each level multiplies the work by the size of a list the BOM controls; split it into simpler rules, or raise it with `--limit cel-comprehension-depth=6`"
        ),
        "{}",
        run.stderr
    );
    let run = catscan_in(
        &dir,
        &["scan", "bom.json", "--limit", "cel-comprehension-depth=4"],
    );
    assert_ne!(run.status, 2, "{}", run.stderr);
    let chained = "[1].map(a, a).map(b, b).map(c, c).all(d, d == 1)";
    std::fs::write(dir.join("catscan.toml"), policy_with_rule(chained)).unwrap();
    let run = catscan_in(
        &dir,
        &["scan", "bom.json", "--limit", "cel-comprehension-depth=1"],
    );
    assert_ne!(run.status, 2, "{}", run.stderr);
}

/// A baseline over a lowered size limit is refused, naming the file, the limit and the flag;
/// raised, it is read and its findings are left out.
#[test]
fn a_baseline_over_a_lowered_limit_is_refused() {
    let dir = tempdir("baseline");
    std::fs::copy(common::root().join(FIXTURE), dir.join("bom.json")).unwrap();
    let run = catscan_in(
        &dir,
        &["scan", "bom.json", "--no-config", "--format", "sarif"],
    );
    assert_ne!(run.status, 2, "{}", run.stderr);
    std::fs::write(dir.join("baseline.sarif"), &run.stdout).unwrap();
    let size = run.stdout.len();
    let lowered = format!("baseline-size={}", size - 1);
    let run = catscan_in(
        &dir,
        &[
            "scan",
            "bom.json",
            "--no-config",
            "--baseline",
            "baseline.sarif",
            "--limit",
            &lowered,
        ],
    );
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "baseline.sarif: the baseline is larger than {} bytes, the baseline-size limit; raise it with `--limit baseline-size={}`",
            thousands(size as u64 - 1),
            2 * (size - 1)
        )),
        "{}",
        run.stderr
    );
    let raised = format!("baseline-size={size}");
    let run = catscan_in(
        &dir,
        &[
            "scan",
            "bom.json",
            "--no-config",
            "--baseline",
            "baseline.sarif",
            "--limit",
            &raised,
            "--format",
            "json",
        ],
    );
    assert_ne!(run.status, 2, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        report["files"][0]["findings"],
        serde_json::json!([]),
        "{}",
        run.stdout
    );
}

/// An SPDX 2 JSON document (`spdx3` false) or an SPDX 3 JSON-LD one nested `levels` deep: one
/// package whose `comment` holds arrays nested in one another, below the document (level 1),
/// its list of packages or `@graph` (2) and the package (3).
fn nested_spdx(spdx3: bool, levels: usize) -> String {
    let inner = levels - 3;
    let nested = format!("{}{}", "[".repeat(inner), "]".repeat(inner));
    if spdx3 {
        format!(
            r#"{{"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld","@graph":[{{"type":"CreationInfo","@id":"_:ci","specVersion":"3.0.1","created":"2024-01-01T00:00:00Z","createdBy":["urn:x"]}},{{"type":"SpdxDocument","spdxId":"urn:doc","creationInfo":"_:ci","rootElement":["urn:p"]}},{{"type":"software_Package","spdxId":"urn:p","creationInfo":"_:ci","name":"p","comment":{nested}}}]}}"#
        )
    } else {
        format!(
            r#"{{"spdxVersion":"SPDX-2.3","dataLicense":"CC0-1.0","SPDXID":"SPDXRef-DOCUMENT","name":"deep","documentNamespace":"https://example.com/deep","creationInfo":{{"created":"2024-01-01T00:00:00Z","creators":["Tool: x"]}},"packages":[{{"SPDXID":"SPDXRef-p","name":"p","downloadLocation":"NOASSERTION","comment":{nested}}}]}}"#
        )
    }
}

/// The column of the bracket that opens level `level` of [`nested_spdx`].
fn column_of_level(text: &str, level: usize) -> usize {
    text.find(r#""comment":"#).unwrap() + r#""comment":"#.len() + (level - 4) + 1
}

/// The SPDX JSON readers stopped at serde_json's 128 levels ("recursion limit exceeded") whatever
/// the nesting-depth limit said. They follow it as the CycloneDX readers do: 200 levels are read,
/// so are 10,000; past the limit, lowered below 128 or above it or at its default, the document
/// is refused where it passes it, with the limit and the flag that raises it.
#[test]
fn spdx_json_nesting_follows_the_depth_limit() {
    let dir = tempdir("nested-spdx");
    for (spdx3, format) in [(false, "SPDX JSON 2.3"), (true, "SPDX 3 JSON-LD 3.0.1")] {
        let name = |levels: usize| {
            let kind = if spdx3 { "spdx3" } else { "spdx" };
            format!("{levels}.{kind}.json")
        };
        for levels in [200, 10_000] {
            let file = name(levels);
            std::fs::write(dir.join(&file), nested_spdx(spdx3, levels)).unwrap();
            let run = catscan_in(&dir, &["scan", &file, "--no-config"]);
            assert_eq!(run.status, 0, "{file}: {}", run.stderr);
            assert!(
                run.stderr.contains(&format!(
                    "{file}: {format}, 1 components, 0 evaluated, 0 errors"
                )),
                "{file}: {}",
                run.stderr
            );
        }
        let text = nested_spdx(spdx3, 200);
        let file = name(200);
        for (limit, raised) in [(100, "200"), (150, "300")] {
            let lowered = format!("nesting-depth={limit}");
            let run = catscan_in(&dir, &["scan", &file, "--no-config", "--limit", &lowered]);
            assert_eq!(run.status, 2, "{file}: {}", run.stderr);
            assert!(
                run.stderr.contains(&format!(
                    "error: {file}:1:{}: arrays and objects nested more than {limit} levels deep; catscan reads at most {limit} levels (the nesting-depth limit; raise it with `--limit nesting-depth={raised}`)\n",
                    column_of_level(&text, limit + 1)
                )),
                "{file}: {}",
                run.stderr
            );
        }
        let file = name(20_000);
        let text = nested_spdx(spdx3, 20_000);
        std::fs::write(dir.join(&file), &text).unwrap();
        let run = catscan_in(&dir, &["scan", &file, "--no-config"]);
        assert_eq!(run.status, 2, "{file}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "error: {file}:1:{}: arrays and objects nested more than 10,000 levels deep; catscan reads at most 10,000 levels (the nesting-depth limit; raise it with `--limit nesting-depth=20_000`)\n",
                column_of_level(&text, 10_001)
            )),
            "{file}: {}",
            run.stderr
        );
    }
}
