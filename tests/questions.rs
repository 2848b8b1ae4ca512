//! The loop with the supplier: `catscan ask` writes the open questions of the data-centre
//! fixture as a workbook, the test fills it in (through rust_xlsxwriter, rows in another
//! order, as a supplier's spreadsheet would), `catscan scan --answers` closes exactly the
//! findings answered, `catscan enrich` writes the answers into the BOM so that a scan without
//! the answers file gives the same findings, and each kind of bad answer is a located warning
//! while the other answers still apply.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::catscan_in;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;

const BOM: &str = "datacenter-hbom.cdx.json";
const AS_OF: &str = "2026-12-01";

/// A folder holding a copy of the fixture, where the commands run (so that files are named
/// without a path in messages).
fn workspace() -> tempfile::TempDir {
    workspace_with(BOM)
}

/// A folder holding a copy of the fixture `bom`.
fn workspace_with(bom: &str) -> tempfile::TempDir {
    workspace_from("sbom-fixtures", bom)
}

/// A folder holding a copy of `bom` from `folder` of the repository.
fn workspace_from(folder: &str, bom: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(common::root().join(folder).join(bom), dir.path().join(bom)).unwrap();
    dir
}

fn ask(dir: &Path) -> PathBuf {
    ask_about(dir, BOM)
}

fn ask_about(dir: &Path, bom: &str) -> PathBuf {
    let run = catscan_in(
        dir,
        &["ask", bom, "--as-of", AS_OF, "--output", "questions.xlsx"],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    dir.join("questions.xlsx")
}

/// The questions sheet: header and rows, as text.
fn sheet(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range("Questions").unwrap();
    let mut rows = range.rows().map(|r| {
        r.iter()
            .map(|c| match c {
                Data::Float(f) => f.to_string(),
                other => other.to_string(),
            })
            .collect::<Vec<String>>()
    });
    (rows.next().unwrap(), rows.collect())
}

/// An answer cell: text, a figure written as a number, or a date (with a time of day: year,
/// month, day, hour, minute) written as an Excel date.
#[derive(Clone)]
enum A {
    Text(&'static str),
    Number(f64),
    Date(u16, u8, u8),
    DateTime(u16, u8, u8, u16, u8),
}

/// One answered question: the component, the need (as the Key ends), the cells filled in.
type Filled = (&'static str, &'static str, Vec<(&'static str, A)>);

fn column(header: &[String], english: &str) -> usize {
    header
        .iter()
        .position(|h| h.lines().next() == Some(english))
        .unwrap_or_else(|| panic!("no column {english} in {header:?}"))
}

/// Writes the filled-in questionnaire: the questions' rows in reverse order, with the answers
/// given for (component, need). Returns the 1-based row of each answered question.
fn fill(questions: &Path, out: &Path, answers: &[Filled]) -> BTreeMap<(String, String), u32> {
    let (header, rows) = sheet(questions);
    let (component, key) = (column(&header, "Component"), column(&header, "Key"));
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let date_time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let ws = book.add_worksheet();
    ws.set_name("Questions").unwrap();
    for (i, h) in header.iter().enumerate() {
        ws.write_string(0, i as u16, h).unwrap();
    }
    let mut placed = BTreeMap::new();
    for (n, row) in rows.iter().rev().enumerate() {
        let r = n as u32 + 1;
        for (i, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                ws.write_string(r, i as u16, cell).unwrap();
            }
        }
        for (name, need, cells) in answers {
            if row[component] == *name && row[key].ends_with(&format!("/{need}")) {
                placed.insert((name.to_string(), need.to_string()), r + 1);
                for (col, value) in cells {
                    let c = column(&header, col) as u16;
                    match value {
                        A::Text(t) => ws.write_string(r, c, *t).unwrap(),
                        A::Number(n) => ws.write_number(r, c, *n).unwrap(),
                        A::Date(y, m, d) => ws
                            .write_date_with_format(
                                r,
                                c,
                                ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                                &date,
                            )
                            .unwrap(),
                        A::DateTime(y, m, d, h, min) => ws
                            .write_date_with_format(
                                r,
                                c,
                                ExcelDateTime::from_ymd(*y, *m, *d)
                                    .unwrap()
                                    .and_hms(*h, *min, 0)
                                    .unwrap(),
                                &date_time,
                            )
                            .unwrap(),
                    };
                }
            }
        }
    }
    book.save(out).unwrap();
    for (name, need, _) in answers {
        assert!(
            placed.contains_key(&(name.to_string(), need.to_string())),
            "no question {need} about {name}"
        );
    }
    placed
}

fn scan_json(dir: &Path, bom: &str, extra: &[&str]) -> (Value, String) {
    let mut args = vec!["scan", bom, "--as-of", AS_OF, "--format", "json"];
    args.extend_from_slice(extra);
    let run = catscan_in(dir, &args);
    assert!(run.status == 0 || run.status == 1, "{}", run.stderr);
    (serde_json::from_str(&run.stdout).unwrap(), run.stderr)
}

fn findings(report: &Value) -> Vec<&Value> {
    report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .collect()
}

/// (rule, bom-ref, catalogue item) of each finding.
fn keys(report: &Value) -> Vec<(String, String, String)> {
    findings(report)
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["component"]["bomRef"].as_str().unwrap_or("").to_string(),
                f["catalogueItem"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// (rule, bom-ref, catalogue item, level, message) of each finding: what the scan of an enriched
/// BOM must give, as the scan with the answers file did.
fn comparable(report: &Value) -> Vec<(String, String, String, String, String)> {
    findings(report)
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["component"]["bomRef"].as_str().unwrap_or("").to_string(),
                f["catalogueItem"].as_str().unwrap_or("").to_string(),
                f["level"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The diagnostics of the report's file that are warnings.
fn warnings(report: &Value) -> Vec<&Value> {
    report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "warning")
        .collect()
}

fn finding<'a>(report: &'a Value, rule: &str, bom_ref: &str) -> Option<&'a Value> {
    findings(report)
        .into_iter()
        .find(|f| f["rule"] == rule && f["component"]["bomRef"] == bom_ref)
}

fn diagnostics(report: &Value, code: &str) -> Vec<String> {
    report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

fn good_answers() -> Vec<Filled> {
    vec![
        (
            "Catalyst 9500-48Y4C Switch",
            "attribute:throughput",
            vec![
                ("Answer", A::Text("8")),
                ("Unit or kind", A::Text("Tbps")),
                ("Answered on", A::Date(2026, 12, 3)),
            ],
        ),
        (
            "Catalyst 9500-48Y4C Switch",
            "attribute:packet-forwarding-rate",
            vec![
                ("Answer", A::Text("5")),
                ("Unit or kind", A::Text("Gpps")),
                ("Answered on", A::Date(2026, 12, 3)),
            ],
        ),
        (
            "NetEngine 8000 X8",
            "evidence",
            vec![
                ("Answer", A::Text("CCRC-2026-NE-0001")),
                ("Unit or kind", A::Text("certificate")),
                ("Issued on", A::Date(2026, 1, 10)),
                ("Valid until", A::Date(2031, 1, 9)),
                (
                    "Issuing body",
                    A::Text("China Cybersecurity Review Technology and Certification Center"),
                ),
            ],
        ),
        (
            "Unit 7 chassis",
            "manufacturer",
            vec![("Answer", A::Text("Example Chassis Works Ltd."))],
        ),
    ]
}

#[test]
fn ask_writes_one_row_per_missing_fact_with_bilingual_headers_and_the_threshold_it_decides() {
    let dir = workspace();
    let (header, rows) = sheet(&ask(dir.path()));
    assert_eq!(header[0], "No.\n序号");
    assert_eq!(header[column(&header, "Answer")], "Answer\n答复");
    assert_eq!(rows.len(), 20);
    let needed = column(&header, "What is needed");
    let component = column(&header, "Component");
    let catalyst: Vec<&String> = rows
        .iter()
        .filter(|r| r[component] == "Catalyst 9500-48Y4C Switch")
        .map(|r| &r[needed])
        .collect();
    assert_eq!(
        catalyst[0],
        "whole-system throughput (bidirectional) (in Tbps, Gbps, Mbps; property catscan:throughput): item cn-2023/cne.switch applies from ≥ 30 Tbps\n整系统吞吐量（双向）≥30Tbps"
    );
    let why = column(&header, "Why");
    let location = column(&header, "Location in the BOM");
    let row = rows
        .iter()
        .find(|r| r[component] == "Catalyst 9500-48Y4C Switch")
        .unwrap();
    assert_eq!(
        row[why],
        "catalogue-undetermined: the BOM does not state the whole-system throughput (bidirectional) that decides whether item cn-2023/cne.switch (交换机, Switch) applies (≥ 30 Tbps; Cybersecurity Law art. 25)."
    );
    assert_eq!(row[location], "datacenter-hbom.cdx.json:129");
    // The chassis with no manufacturer is asked who made it and what it is.
    let chassis: Vec<&String> = rows
        .iter()
        .filter(|r| r[component] == "Unit 7 chassis")
        .map(|r| &r[needed])
        .collect();
    assert_eq!(chassis.len(), 2);
    assert!(chassis[0].starts_with("The manufacturer's legal name"));
}

#[test]
fn answers_close_exactly_the_findings_answered_and_enrich_then_scan_gives_the_same_findings() {
    let dir = workspace();
    let questions = ask(dir.path());
    let placed = fill(
        &questions,
        &dir.path().join("questions-filled.xlsx"),
        &good_answers(),
    );
    let (before, _) = scan_json(dir.path(), BOM, &[]);
    let (after, stderr) = scan_json(dir.path(), BOM, &["--answers", "questions-filled.xlsx"]);

    // The switch answered 8 Tbps and 5 Gpps is out of scope, and says where the figures came from.
    assert!(finding(&after, "catalogue-undetermined", "cisco-c9500").is_none());
    let out = finding(&after, "catalogue-not-in-scope", "cisco-c9500").unwrap();
    let message = out["message"].as_str().unwrap();
    let throughput_row = placed[&(
        "Catalyst 9500-48Y4C Switch".to_string(),
        "attribute:throughput".to_string(),
    )];
    assert!(
        message.contains("8 Tbps from property catscan:throughput = \"8 Tbps\""),
        "{message}"
    );
    assert!(
        message.contains(" Supplier's answers on record: "),
        "{message}"
    );
    assert!(
        message.contains(&format!(
            "catscan:throughput = \"8 Tbps\" from questions-filled.xlsx, sheet Questions, row {throughput_row}, answered 2026-12-03"
        )),
        "{message}"
    );
    // The router with a certificate has its evidence on record.
    assert!(finding(&after, "catalogue-in-scope", "hw-ne8000").is_none());
    let evidence = finding(&after, "evidence-on-record", "hw-ne8000").unwrap();
    assert!(
        evidence["message"]
            .as_str()
            .unwrap()
            .contains("CCRC-2026-NE-0001 issued 2026-01-10, expiring 2031-01-09"),
        "{}",
        evidence["message"]
    );

    // Exactly the answered findings are gone; every other open question is still reported.
    let closed = [
        (
            "catalogue-undetermined",
            "cisco-c9500",
            "cn-2023/cne.switch",
        ),
        ("catalogue-in-scope", "hw-ne8000", "cn-2023/cne.router"),
        ("data-quality-no-vendor", "unit-7", ""),
    ];
    let open = |r: &Value| -> Vec<(String, String, String)> {
        keys(r)
            .into_iter()
            .filter(|(rule, ..)| {
                rule.starts_with("catalogue-undetermined")
                    || rule == "catalogue-possible"
                    || rule == "catalogue-in-scope"
                    || rule.starts_with("data-quality-no-vendor")
            })
            .collect()
    };
    assert!(finding(&before, "data-quality-no-vendor", "unit-7").is_some());
    let expected: Vec<_> = open(&before)
        .into_iter()
        .filter(|k| {
            !closed
                .iter()
                .any(|(r, b, i)| k.0 == *r && k.1 == *b && k.2 == *i)
        })
        .collect();
    assert_eq!(open(&after), expected);
    assert_eq!(open(&before).len() - 3, open(&after).len());

    // Every report says so: the file's diagnostics, the notices (JSON, SARIF, Markdown, summary).
    let closed_notes = diagnostics(&after, "answer-closed");
    assert_eq!(closed_notes.len(), 3, "{closed_notes:?}");
    let switch_rows = {
        let pfr = placed[&(
            "Catalyst 9500-48Y4C Switch".to_string(),
            "attribute:packet-forwarding-rate".to_string(),
        )];
        let mut rows = [throughput_row, pfr];
        rows.sort_unstable();
        rows
    };
    assert!(closed_notes.contains(&format!(
        "questions-filled.xlsx, sheet Questions, row {}; questions-filled.xlsx, sheet Questions, row {}: the supplier's answer closed catalogue-undetermined (cn-2023/cne.switch) on Catalyst 9500-48Y4C Switch",
        switch_rows[1], switch_rows[0]
    )) || closed_notes.contains(&format!(
        "questions-filled.xlsx, sheet Questions, row {}; questions-filled.xlsx, sheet Questions, row {}: the supplier's answer closed catalogue-undetermined (cn-2023/cne.switch) on Catalyst 9500-48Y4C Switch",
        switch_rows[0], switch_rows[1]
    )), "{closed_notes:?}");
    let remaining = open(&after).len();
    let notice = format!(
        "answers from questions-filled.xlsx: 3 findings closed by the supplier's answers, 0 answered but still reported, 0 answers not applied (see each file's diagnostics); {remaining} findings remain open questions"
    );
    assert!(
        after["notices"].as_array().unwrap().iter().any(|n| n
            .as_str()
            .unwrap()
            .starts_with(&notice[..notice.len() - 40])),
        "{}",
        after["notices"]
    );
    assert!(
        stderr.contains("note: answers from questions-filled.xlsx: 3 findings closed"),
        "{stderr}"
    );
    for format in ["sarif", "markdown"] {
        let run = catscan_in(
            dir.path(),
            &[
                "scan",
                BOM,
                "--as-of",
                AS_OF,
                "--format",
                format,
                "--answers",
                "questions-filled.xlsx",
                "-q",
            ],
        );
        assert!(
            run.stdout.contains(
                "answers from questions-filled.xlsx: 3 findings closed by the supplier's answers"
            ),
            "{format}: {}",
            run.stdout
        );
    }

    // enrich writes the answers into the BOM; a scan of it without the answers file gives the
    // same findings, messages included.
    let run = catscan_in(
        dir.path(),
        &[
            "enrich",
            BOM,
            "--answers",
            "questions-filled.xlsx",
            "--as-of",
            AS_OF,
            "--output",
            "enriched.cdx.json",
        ],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let (enriched, _) = scan_json(dir.path(), "enriched.cdx.json", &[]);
    assert_eq!(comparable(&enriched), comparable(&after));

    // Nothing else of the document changed: every original line is there, in order (a line
    // that now has an entry after it gains a comma).
    let original = std::fs::read_to_string(dir.path().join(BOM)).unwrap();
    let written = std::fs::read_to_string(dir.path().join("enriched.cdx.json")).unwrap();
    let mut lines = written.lines();
    for line in original.lines() {
        assert!(
            lines.any(|l| l == line || l == format!("{line},")),
            "line {line:?} of the original is missing or out of order"
        );
    }
    let doc: Value = serde_json::from_str(&written).unwrap();
    let ne8000 = doc["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["bom-ref"] == "hw-ne8000")
        .unwrap();
    let props: Vec<(&str, &str)> = ne8000["properties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p["value"].as_str().unwrap()))
        .collect();
    assert!(props.contains(&("catscan:certificate", "CCRC-2026-NE-0001")));
    assert!(props.contains(&("catscan:certificate-expiry", "2031-01-09")));
    assert!(props.contains(&(
        "catscan:certificate-body",
        "China Cybersecurity Review Technology and Certification Center"
    )));
    let chassis = doc["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["bom-ref"] == "unit-7")
        .unwrap();
    assert_eq!(
        chassis["manufacturer"]["name"],
        "Example Chassis Works Ltd."
    );
}

/// Scans with these answers, and returns the report and the warnings about answers.
fn scan_with(
    dir: &Path,
    bom: &str,
    answers: &[Filled],
) -> (Value, Vec<String>, BTreeMap<(String, String), u32>) {
    let questions = ask(dir);
    let placed = fill(&questions, &dir.join("questions-filled.xlsx"), answers);
    let (report, _) = scan_json(dir, bom, &["--answers", "questions-filled.xlsx"]);
    let warnings = diagnostics(&report, "answer-not-applied");
    (report, warnings, placed)
}

fn with_certificate(mut answers: Vec<Filled>) -> Vec<Filled> {
    answers.push(good_answers().swap_remove(2));
    answers
}

/// The other answer of each bad-answer test, still applied.
fn certificate_applied(report: &Value) {
    assert!(finding(report, "evidence-on-record", "hw-ne8000").is_some());
    assert!(finding(report, "catalogue-in-scope", "hw-ne8000").is_none());
}

#[test]
fn a_unit_that_does_not_fit_the_attribute_is_a_warning_at_its_cell() {
    let dir = workspace();
    let (report, warnings, placed) = scan_with(
        dir.path(),
        BOM,
        &with_certificate(vec![(
            "Catalyst 9500-48Y4C Switch",
            "attribute:throughput",
            vec![("Answer", A::Text("8")), ("Unit or kind", A::Text("GB"))],
        )]),
    );
    let row = placed[&(
        "Catalyst 9500-48Y4C Switch".into(),
        "attribute:throughput".into(),
    )];
    assert_eq!(
        warnings,
        [format!(
            "questions-filled.xlsx, sheet Questions, cell J{row}: unit \"GB\" does not fit whole-system throughput (bidirectional); expected one of Tbps, Gbps, Mbps; the answer was not applied"
        )]
    );
    assert!(finding(&report, "catalogue-undetermined", "cisco-c9500").is_some());
    certificate_applied(&report);
}

#[test]
fn a_date_that_cannot_be_read_is_a_warning_at_its_cell() {
    let dir = workspace();
    let (report, warnings, placed) = scan_with(
        dir.path(),
        BOM,
        &[
            (
                "S12508G-AF Core Switch",
                "evidence",
                vec![
                    ("Answer", A::Text("CCRC-2025-SW-0042")),
                    ("Unit or kind", A::Text("certificate")),
                    ("Issued on", A::Text("31/02/2025")),
                ],
            ),
            good_answers().swap_remove(2),
        ],
    );
    let row = placed[&("S12508G-AF Core Switch".into(), "evidence".into())];
    assert_eq!(
        warnings,
        [format!(
            "questions-filled.xlsx, sheet Questions, cell K{row}: \"31/02/2025\" in Issued on is not a date; expected YYYY-MM-DD, e.g. 2025-06-30; the answer of this row was not applied"
        )]
    );
    assert!(finding(&report, "catalogue-in-scope", "h3c-s12508").is_some());
    certificate_applied(&report);
}

/// A figure the workbook stores as a binary float is read as the spreadsheet shows it, to 15
/// significant digits: the `2.4` the supplier sees is 2.4, not 2.4000000000000004.
#[test]
fn a_figure_stored_as_a_float_is_read_as_the_spreadsheet_shows_it() {
    let dir = workspace();
    let (report, warnings, placed) = scan_with(
        dir.path(),
        BOM,
        &[(
            "Catalyst 9500-48Y4C Switch",
            "attribute:throughput",
            vec![
                ("Answer", A::Number(2.4000000000000004)),
                ("Unit or kind", A::Text("Tbps")),
                ("Answered on", A::Date(2026, 12, 3)),
            ],
        )],
    );
    assert_eq!(warnings, Vec::<String>::new());
    throughput_answered(&report, &placed, "2.4 Tbps");
}

/// Some finding on the switch quotes its throughput as the answer `value`, answered on
/// 2026-12-03, from the row it was placed in.
fn throughput_answered(report: &Value, placed: &BTreeMap<(String, String), u32>, value: &str) {
    let row = placed[&(
        "Catalyst 9500-48Y4C Switch".into(),
        "attribute:throughput".into(),
    )];
    let said = format!(
        "catscan:throughput = \"{value}\" from questions-filled.xlsx, sheet Questions, row {row}, answered 2026-12-03"
    );
    let messages: Vec<&str> = findings(report)
        .iter()
        .filter(|f| f["component"]["bomRef"] == "cisco-c9500")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains(&said)),
        "{said}\nnot in {messages:#?}"
    );
}

/// A date cell that holds a time of day as well is, in the date columns, the day it names:
/// the answer and the certificate apply as if the supplier had typed the date alone.
#[test]
fn a_date_with_a_time_of_day_is_read_as_its_day() {
    let dir = workspace();
    // The good answers, every date given the last minute of its day.
    let answers: Vec<Filled> = good_answers()
        .into_iter()
        .map(|(component, need, cells)| {
            let cells = cells
                .into_iter()
                .map(|(column, value)| match value {
                    A::Date(y, m, d) => (column, A::DateTime(y, m, d, 23, 59)),
                    other => (column, other),
                })
                .collect();
            (component, need, cells)
        })
        .collect();
    let (report, warnings, placed) = scan_with(dir.path(), BOM, &answers);
    assert_eq!(warnings, Vec::<String>::new());
    throughput_answered(&report, &placed, "8 Tbps");
    // Every finding reads as it does when the dates are typed alone.
    let (dated, _, _) = scan_with(dir.path(), BOM, &good_answers());
    let said = |r: &Value| -> Vec<String> {
        findings(r)
            .iter()
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(said(&report), said(&dated));
    assert!(
        said(&report)
            .iter()
            .any(|m| m.contains("CCRC-2026-NE-0001 issued 2026-01-10, expiring 2031-01-09")),
        "{:#?}",
        said(&report)
    );
}

/// The questionnaire `catscan ask` writes for the fixture, filled in with the good answers, as
/// `questions-filled.xlsx` in `dir`.
fn filled_questionnaire(dir: &Path) -> PathBuf {
    let questions = ask(dir);
    let filled = dir.join("questions-filled.xlsx");
    fill(&questions, &filled, &good_answers());
    filled
}

/// Runs catscan in `dir`, which must fail with exactly this error.
fn refused(dir: &Path, args: &[&str], message: &str) {
    let run = catscan_in(dir, args);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert_eq!(run.stderr, format!("error: {message}\n"));
}

/// A returned questionnaire is a workbook from outside like any other: one whose part inflates
/// to more than it declares (a ZIP bomb) is refused at that part before calamine reads it, by
/// `scan --answers` and `enrich` alike, and enrich writes nothing.
#[test]
fn an_answers_workbook_whose_part_inflates_past_what_it_declares_is_refused() {
    let dir = workspace();
    let mut bomb = std::fs::read(filled_questionnaire(dir.path())).unwrap();
    let record = common::central_record(&bomb, "xl/worksheets/sheet1.xml");
    bomb[record + 24..record + 28].copy_from_slice(&100u32.to_le_bytes());
    std::fs::write(dir.path().join("bomb.xlsx"), &bomb).unwrap();
    let message = "bomb.xlsx: cannot read the workbook: its part xl/worksheets/sheet1.xml inflates to more than the 100 bytes it declares; expected a workbook whose parts are their stated size (this archive is damaged, or built to exhaust memory)";
    refused(
        dir.path(),
        &["scan", BOM, "--as-of", AS_OF, "--answers", "bomb.xlsx"],
        message,
    );
    refused(
        dir.path(),
        &[
            "enrich",
            BOM,
            "--answers",
            "bomb.xlsx",
            "--as-of",
            AS_OF,
            "--output",
            "enriched.cdx.json",
        ],
        message,
    );
    assert!(!dir.path().join("enriched.cdx.json").exists());
}

/// A questionnaire whose sheet has more rows or cells than the limits allow is refused by its
/// sheet, naming the answers file, the limit and how to raise it; within the limits it is read.
#[test]
fn an_answers_workbook_past_the_rows_or_cells_limit_is_refused() {
    let dir = workspace();
    filled_questionnaire(dir.path());
    let run_within = |command: &str, limit: &str| {
        catscan_in(
            dir.path(),
            &[
                command,
                BOM,
                "--as-of",
                AS_OF,
                "--answers",
                "questions-filled.xlsx",
                "--limit",
                limit,
            ],
        )
    };
    for (limit, message) in [
        (
            "xlsx-rows=5",
            "questions-filled.xlsx: cannot read the workbook: sheet 'Questions' has more than 5 rows, the xlsx-rows limit; raise it with `--limit xlsx-rows=10`",
        ),
        (
            "xlsx-cells=50",
            "questions-filled.xlsx: cannot read the workbook: sheet 'Questions' has more than 50 cells, the xlsx-cells limit; raise it with `--limit xlsx-cells=100`",
        ),
    ] {
        // scan, ask (a second round) and enrich read the answers within the same limits.
        for command in ["scan", "ask", "enrich"] {
            let run = run_within(command, limit);
            assert_eq!(run.status, 2, "{command}: {}", run.stderr);
            assert_eq!(run.stderr, format!("error: {message}\n"), "{command}");
        }
    }
    let run = run_within("scan", "xlsx-rows=100");
    assert!(
        run.stderr
            .contains("note: answers from questions-filled.xlsx: 3 findings closed"),
        "{}",
        run.stderr
    );
}

/// A questionnaire with a stray note in the last cell of the worksheet (XFD1048576) spans the
/// whole worksheet, seventeen billion cells were it read whole: it is read as the cells it has,
/// and its answers apply.
#[test]
fn an_answers_workbook_is_read_as_the_cells_it_has_not_the_area_they_span() {
    let dir = workspace();
    let filled = std::fs::read(filled_questionnaire(dir.path())).unwrap();
    let spanning = common::workbook_edited(&filled, |name, content| {
        if name == "xl/worksheets/sheet1.xml" {
            *content = content.replacen(
                "</sheetData>",
                r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>checked</t></is></c></row></sheetData>"#,
                1,
            );
        }
    });
    std::fs::write(dir.path().join("questions-filled.xlsx"), spanning).unwrap();
    let (report, _) = scan_json(dir.path(), BOM, &["--answers", "questions-filled.xlsx"]);
    assert_eq!(
        diagnostics(&report, "answer-not-applied"),
        Vec::<String>::new()
    );
    assert_eq!(diagnostics(&report, "answer-closed").len(), 3);
}

/// The fixture with one component changed by `edit`, written under another name.
fn edited_bom(dir: &Path, edit: impl Fn(&mut Vec<Value>)) -> &'static str {
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(BOM)).unwrap()).unwrap();
    edit(doc["components"].as_array_mut().unwrap());
    std::fs::write(
        dir.join("changed.cdx.json"),
        serde_json::to_string_pretty(&doc).unwrap(),
    )
    .unwrap();
    "changed.cdx.json"
}

#[test]
fn an_answer_about_a_component_no_longer_in_the_bom_is_a_warning_at_its_row() {
    let dir = workspace();
    let changed = edited_bom(dir.path(), |components| {
        components.retain(|c| c["bom-ref"] != "cisco-c9500");
    });
    let (report, warnings, placed) = scan_with(
        dir.path(),
        changed,
        &with_certificate(vec![(
            "Catalyst 9500-48Y4C Switch",
            "attribute:throughput",
            vec![("Answer", A::Text("8")), ("Unit or kind", A::Text("Tbps"))],
        )]),
    );
    let row = placed[&(
        "Catalyst 9500-48Y4C Switch".into(),
        "attribute:throughput".into(),
    )];
    assert_eq!(
        warnings,
        [format!(
            "questions-filled.xlsx, sheet Questions, row {row}: the component \"Catalyst 9500-48Y4C Switch\" is no longer in changed.cdx.json (removed, or its bom-ref, name, version or purl changed since the questions were made); the answer was not applied"
        )]
    );
    certificate_applied(&report);
}

#[test]
fn an_answer_the_bom_contradicts_is_a_warning_and_the_bom_stands() {
    let dir = workspace();
    let changed = edited_bom(dir.path(), |components| {
        let switch = components
            .iter_mut()
            .find(|c| c["bom-ref"] == "cisco-c9500")
            .unwrap();
        let props = switch
            .as_object_mut()
            .unwrap()
            .entry("properties")
            .or_insert_with(|| Value::Array(Vec::new()));
        props.as_array_mut().unwrap().push(serde_json::json!({
            "name": "catscan:throughput",
            "value": "48 Tbps"
        }));
    });
    let (report, warnings, placed) = scan_with(
        dir.path(),
        changed,
        &with_certificate(vec![(
            "Catalyst 9500-48Y4C Switch",
            "attribute:throughput",
            vec![("Answer", A::Text("8")), ("Unit or kind", A::Text("Tbps"))],
        )]),
    );
    let row = placed[&(
        "Catalyst 9500-48Y4C Switch".into(),
        "attribute:throughput".into(),
    )];
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let prefix = format!(
        "questions-filled.xlsx, sheet Questions, cell I{row}: the answer \"8 Tbps\" contradicts the BOM, which states catscan:throughput = \"48 Tbps\" (changed.cdx.json, line "
    );
    assert!(warnings[0].starts_with(&prefix), "{}", warnings[0]);
    assert!(warnings[0].ends_with("); the answer was not applied"));
    // The BOM's 48 Tbps stands, and nothing of the answer is on record.
    let switch = finding(&report, "catalogue-undetermined", "cisco-c9500").unwrap();
    let message = switch["message"].as_str().unwrap();
    assert!(
        message.contains("48 Tbps from property catscan:throughput = \"48 Tbps\", met"),
        "{message}"
    );
    assert!(!message.contains("Supplier's answers"), "{message}");
    certificate_applied(&report);
}

#[test]
fn an_empty_questionnaire_is_a_warning_of_every_report_and_changes_nothing() {
    let dir = workspace();
    let questions = ask(dir.path());
    fill(&questions, &dir.path().join("questions-filled.xlsx"), &[]);
    let (plain, _) = scan_json(dir.path(), BOM, &[]);
    let (report, stderr) = scan_json(dir.path(), BOM, &["--answers", "questions-filled.xlsx"]);
    assert_eq!(keys(&report), keys(&plain));
    assert!(
        report["notices"].as_array().unwrap().contains(&Value::from(
            "questions-filled.xlsx, sheet Questions: no answer is filled in (20 questions, every answer column empty); nothing was applied"
        )),
        "{}",
        report["notices"]
    );
    assert!(
        stderr.contains("note: questions-filled.xlsx, sheet Questions: no answer is filled in")
    );
}

#[test]
fn a_file_that_is_not_a_questionnaire_is_an_error() {
    let dir = workspace();
    let run = catscan_in(dir.path(), &["scan", BOM, "--answers", BOM]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "error: datacenter-hbom.cdx.json: no header row with the column Key; expected the questionnaire `catscan ask` wrote\n"
    );
}

#[test]
fn the_csv_questionnaire_reads_back_and_answers_are_located_by_line() {
    let dir = workspace();
    let run = catscan_in(
        dir.path(),
        &["ask", BOM, "--as-of", AS_OF, "--output", "questions.csv"],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(dir.path().join("questions.csv")).unwrap();
    let mut rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let at = |english: &str| {
        rows[0]
            .iter()
            .position(|h| h.starts_with(&format!("{english} / ")))
            .unwrap()
    };
    let (answer, unit, key, component) =
        (at("Answer"), at("Unit or kind"), at("Key"), at("Component"));
    let mut lines = Vec::new();
    for (i, row) in rows.iter_mut().enumerate().skip(1) {
        let need = row[key].rsplit('/').next().unwrap().to_string();
        if row[component] == "Catalyst 9500-48Y4C Switch" {
            match need.as_str() {
                "attribute:throughput" => (row[answer], row[unit]) = ("9.6".into(), "Tbps".into()),
                "attribute:packet-forwarding-rate" => {
                    (row[answer], row[unit]) = ("2000".into(), "Mpps".into());
                }
                _ => continue,
            }
            lines.push(i + 1);
        }
    }
    let mut out = csv::Writer::from_path(dir.path().join("answers.csv")).unwrap();
    for row in &rows {
        out.write_record(row).unwrap();
    }
    out.flush().unwrap();
    let (report, _) = scan_json(dir.path(), BOM, &["--answers", "answers.csv"]);
    assert!(finding(&report, "catalogue-not-in-scope", "cisco-c9500").is_some());
    assert_eq!(
        diagnostics(&report, "answer-closed"),
        [format!(
            "answers.csv, line {}; answers.csv, line {}: the supplier's answer closed catalogue-undetermined (cn-2023/cne.switch) on Catalyst 9500-48Y4C Switch",
            lines[0], lines[1]
        )]
    );
}

#[test]
fn enrich_says_when_an_answered_manufacturer_cannot_be_written_as_a_name() {
    let dir = workspace();
    let changed = edited_bom(dir.path(), |components| {
        let chassis = components
            .iter_mut()
            .find(|c| c["bom-ref"] == "unit-7")
            .unwrap();
        chassis["manufacturer"] = serde_json::json!({"url": ["https://example.com"]});
    });
    let run = catscan_in(
        dir.path(),
        &[
            "ask",
            changed,
            "--as-of",
            AS_OF,
            "--output",
            "questions.xlsx",
        ],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    fill(
        &dir.path().join("questions.xlsx"),
        &dir.path().join("questions-filled.xlsx"),
        &[good_answers().swap_remove(3)],
    );
    let run = catscan_in(
        dir.path(),
        &[
            "enrich",
            changed,
            "--answers",
            "questions-filled.xlsx",
            "--as-of",
            AS_OF,
            "--output",
            "enriched.cdx.json",
        ],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("warning: changed.cdx.json:")
            && run.stderr.ends_with(": the component \"Unit 7 chassis\" has a manufacturer without a name; the answered manufacturer \"Example Chassis Works Ltd.\" is kept in its catscan:answered property but not written as the manufacturer's name\n"),
        "{}",
        run.stderr
    );
}

/// The findings of the origin rules, as (rule, bom-ref).
fn origin_findings(report: &Value) -> Vec<(String, String)> {
    findings(report)
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("origin-"))
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["component"]["bomRef"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn the_policy_file_decides_what_is_asked_and_names_the_answers_and_control_answers_decide() {
    let dir = workspace();
    // The IDS is given a developer whose control the registry does not record (DPtech), so
    // that three developers are asked about: Topsec, its maker in the fixture, has a control
    // record that decides.
    let bom = dir.path().join(BOM);
    let text = std::fs::read_to_string(&bom).unwrap();
    let ids = text.find("\"bom-ref\": \"topsec-ids\"").unwrap();
    let maker = ids + text[ids..].find("天融信科技集团股份有限公司").unwrap();
    let text = format!(
        "{}杭州迪普科技股份有限公司{}",
        &text[..maker],
        &text[maker + "天融信科技集团股份有限公司".len()..]
    );
    std::fs::write(&bom, text).unwrap();
    // Under MLPS grade 3 (from catscan.toml, not the command line) the scan also asks who
    // controls the developers of the security products.
    std::fs::write(dir.path().join("catscan.toml"), "mlps-grade = 3\n").unwrap();
    let questions = ask(dir.path());
    let (header, rows) = sheet(&questions);
    assert_eq!(rows.len(), 25);
    let (component, key) = (column(&header, "Component"), column(&header, "Key"));
    let controls: Vec<&str> = rows
        .iter()
        .filter(|r| r[key].ends_with("/control"))
        .map(|r| r[component].as_str())
        .collect();
    assert_eq!(
        controls,
        [
            "SG-6000-X10800",
            "TopSentry 入侵检测系统 TS-21000",
            "NSFOCUS NIPS NX3-N3000"
        ]
    );
    // Why: the finding's own account of what applies and what is not known, without its basis.
    let why = column(&header, "Why");
    let hillstone = rows
        .iter()
        .find(|r| r[key].ends_with("/control") && r[component] == "SG-6000-X10800")
        .unwrap();
    assert!(
        hillstone[why].starts_with("origin-undetermined: SG-6000-X10800 5.5R10 (device, Hillstone Networks Co., Ltd.) is a firewall")
            && hillstone[why].contains("and whether its developer qualifies cannot be decided: catscan's vendor registry records Hillstone Networks Co., Ltd. as incorporated in CN")
            && !hillstone[why].contains("Basis:"),
        "{}",
        hillstone[why]
    );
    // The country of a control answer is chosen from the ISO 3166-1 codes of the hidden Lists
    // sheet, and nothing else is accepted.
    let sheets = std::cell::RefCell::new(BTreeMap::new());
    common::workbook_edited(&std::fs::read(&questions).unwrap(), |name, content| {
        sheets
            .borrow_mut()
            .insert(name.to_string(), content.clone());
    });
    let sheets = sheets.into_inner();
    let row = rows
        .iter()
        .position(|r| r[key].ends_with("/control") && r[component] == "SG-6000-X10800")
        .unwrap()
        + 2;
    let unit_cell = format!(
        "{}{row}",
        (b'A' + column(&header, "Unit or kind") as u8) as char
    );
    let questions_xml = &sheets["xl/worksheets/sheet1.xml"];
    let validation = questions_xml
        .split("<dataValidation ")
        .find(|v| v.contains(&format!("sqref=\"{unit_cell}\"")))
        .unwrap_or_else(|| panic!("no validation of {unit_cell}"));
    assert!(
        validation.contains("<formula1>Lists!$B$2:$B$250</formula1>")
            && validation.contains("errorTitle=\"A country code\""),
        "{validation}"
    );
    let mut book: Xlsx<_> = open_workbook(&questions).unwrap();
    let codes: Vec<String> = book
        .worksheet_range("Lists")
        .unwrap()
        .rows()
        .skip(1)
        .filter_map(|r| r.get(1).map(ToString::to_string))
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(codes.len(), 249);
    for code in ["CN", "US", "DE", "HK", "TW"] {
        assert!(codes.iter().any(|c| c == code), "{code}");
    }
    let answer = |name: &'static str, holder: &'static str, country: &'static str| -> Filled {
        (
            name,
            "control",
            vec![
                ("Answer", A::Text(holder)),
                ("Unit or kind", A::Text(country)),
            ],
        )
    };
    let placed = fill(
        &questions,
        &dir.path().join("questions-filled.xlsx"),
        &[
            answer("SG-6000-X10800", "Example Holdings (Suzhou)", "CN"),
            answer("NSFOCUS NIPS NX3-N3000", "Example Capital LP", "usa"),
            answer("TopSentry 入侵检测系统 TS-21000", "Example Group", "China"),
        ],
    );
    let (before, _) = scan_json(dir.path(), BOM, &[]);
    let undetermined = |bom_ref: &str| ("origin-undetermined".to_string(), bom_ref.to_string());
    for bom_ref in ["hillstone-x10800", "topsec-ids", "nsfocus-nips"] {
        assert!(origin_findings(&before).contains(&undetermined(bom_ref)));
    }

    // The policy file names the answers: no --answers needed.
    std::fs::write(
        dir.path().join("catscan.toml"),
        "mlps-grade = 3\nanswers = \"questions-filled.xlsx\"\n",
    )
    .unwrap();
    let (after, _) = scan_json(dir.path(), BOM, &[]);
    let origin = origin_findings(&after);
    // Controlled from China, as answered: nothing to report.
    assert!(
        !origin.iter().any(|(_, b)| b == "hillstone-x10800"),
        "{origin:?}"
    );
    // Controlled from the US, as answered: the developer does not qualify, and says why.
    let nsfocus = finding(&after, "origin-mlps-foreign-developer", "nsfocus-nips").unwrap();
    let message = nsfocus["message"].as_str().unwrap();
    assert!(
        message.contains("controlled from US, by Example Capital LP, as the BOM declares (catscan:developer-controller-country; a declaration catscan does not check)"),
        "{message}"
    );
    // "China" is no country code: a warning at its cell, and the question stays open.
    assert!(origin.contains(&undetermined("topsec-ids")));
    let row = placed[&(
        "TopSentry 入侵检测系统 TS-21000".to_string(),
        "control".to_string(),
    )];
    let unit = (b'A' + column(&header, "Unit or kind") as u8) as char;
    assert_eq!(
        diagnostics(&after, "answer-not-applied"),
        [format!(
            "questions-filled.xlsx, sheet Questions, cell {unit}{row}: \"China\" is not an ISO 3166-1 country code; expected a code such as CN, US or DE (alpha-2 or alpha-3); the answer was not applied"
        )]
    );
    let closed = diagnostics(&after, "answer-closed");
    assert_eq!(closed.len(), 2, "{closed:?}");
    assert!(closed.iter().any(|c| {
        c.ends_with("the supplier's answer closed origin-undetermined on SG-6000-X10800")
    }));

    // A second round asks only what the answers left open.
    let round_two = catscan_in(
        dir.path(),
        &["ask", BOM, "--as-of", AS_OF, "--output", "round-2.xlsx"],
    );
    assert_eq!(round_two.status, 0, "{}", round_two.stderr);
    let (_, rows) = sheet(&dir.path().join("round-2.xlsx"));
    let controls: Vec<&str> = rows
        .iter()
        .filter(|r| r[key].ends_with("/control"))
        .map(|r| r[component].as_str())
        .collect();
    assert_eq!(controls, ["TopSentry 入侵检测系统 TS-21000"]);
    assert_eq!(rows.len(), 23);

    // enrich takes the answers from the policy file too; the enriched BOM, scanned without
    // them, gives the same origin findings.
    let run = catscan_in(
        dir.path(),
        &[
            "enrich",
            BOM,
            "--as-of",
            AS_OF,
            "--output",
            "enriched.cdx.json",
        ],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("is not an ISO 3166-1 country code"),
        "{}",
        run.stderr
    );
    let (enriched, _) = scan_json(
        dir.path(),
        "enriched.cdx.json",
        &["--no-config", "--mlps-grade", "3"],
    );
    assert_eq!(origin_findings(&enriched), origin);
}

#[test]
fn answers_named_by_a_policy_file_are_read_only_inside_its_repository() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("catscan.toml"),
        "answers = \"/etc/passwd\"\n",
    )
    .unwrap();
    for command in ["scan", "ask", "enrich"] {
        let run = catscan_in(dir.path(), &[command, BOM, "--as-of", AS_OF]);
        assert_eq!(run.status, 2, "{command}: {}", run.stderr);
        assert!(
            run.stderr.contains(
                "answers: \"/etc/passwd\" is an absolute path; a file in the repository may name only files inside it"
            ),
            "{command}: {}",
            run.stderr
        );
    }
    // Without answers anywhere, enrich says what it needs.
    let run = catscan_in(dir.path(), &["enrich", BOM, "--no-config"]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "error: catscan enrich needs the supplier's answers: --answers FILE, or `answers = \"FILE\"` in catscan.toml\n"
    );
}

/// The time every SPDX annotation of these tests is dated, through `SOURCE_DATE_EPOCH`.
const EPOCH: &str = "1796644800";
const EPOCH_DATE: &str = "2026-12-07T12:00:00Z";

/// `catscan enrich BOM --answers questions-filled.xlsx --output OUTPUT` at [`EPOCH`].
fn enrich_at_epoch(dir: &Path, bom: &str, output: &str) -> common::Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_catscan"))
        .args([
            "enrich",
            bom,
            "--answers",
            "questions-filled.xlsx",
            "--as-of",
            AS_OF,
            "--output",
            output,
        ])
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .current_dir(dir)
        .output()
        .unwrap();
    common::Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// The declarations `enrich` writes for [`good_answers`], per package (by the fixture's
/// identifier, without its prefix), packages in the order of their first row.
fn good_declarations(placed: &BTreeMap<(String, String), u32>) -> Vec<(&'static str, Vec<String>)> {
    let row = |name: &str, need: &str| placed[&(name.to_string(), need.to_string())];
    let from = |r: u32| format!("from questions-filled.xlsx, sheet Questions, row {r}");
    let switch = "Catalyst 9500-48Y4C Switch";
    let mut switch_answers = [
        (
            row(switch, "attribute:throughput"),
            "catscan:throughput",
            "8 Tbps",
        ),
        (
            row(switch, "attribute:packet-forwarding-rate"),
            "catscan:packet-forwarding-rate",
            "5 Gpps",
        ),
    ];
    switch_answers.sort_unstable();
    let switch_lines = switch_answers
        .iter()
        .flat_map(|(r, name, value)| {
            [
                format!("{name}={value}"),
                format!(
                    "catscan:answered={name} = \"{value}\" {}, answered 2026-12-03",
                    from(*r)
                ),
            ]
        })
        .collect();
    let ne8000 = row("NetEngine 8000 X8", "evidence");
    let chassis = row("Unit 7 chassis", "manufacturer");
    let mut packages = vec![
        (switch_answers[0].0, "cisco-c9500", switch_lines),
        (
            ne8000,
            "hw-ne8000",
            vec![
                "catscan:certificate=CCRC-2026-NE-0001".to_string(),
                "catscan:certificate-issued=2026-01-10".to_string(),
                "catscan:certificate-expiry=2031-01-09".to_string(),
                "catscan:certificate-body=China Cybersecurity Review Technology and Certification Center".to_string(),
                format!(
                    "catscan:answered=catscan:certificate = \"CCRC-2026-NE-0001\", catscan:certificate-issued = \"2026-01-10\", catscan:certificate-expiry = \"2031-01-09\" {}, date of the answer not given",
                    from(ne8000)
                ),
            ],
        ),
        (
            chassis,
            "unit-7",
            vec![
                "catscan:manufacturer=Example Chassis Works Ltd.".to_string(),
                format!(
                    "catscan:answered=manufacturer \"Example Chassis Works Ltd.\" {}, date of the answer not given",
                    from(chassis)
                ),
            ],
        ),
    ];
    packages.sort_by_key(|(r, ..)| *r);
    packages
        .into_iter()
        .map(|(_, id, lines)| (id, lines))
        .collect()
}

/// The text `enrich` inserts into each SPDX copy of the data-centre fixture for
/// [`good_answers`]: written out here in full, so that a change of layout is seen.
fn spdx_insertions(bom: &str, placed: &BTreeMap<(String, String), u32>) -> Vec<String> {
    let tool = format!("catscan-{}", env!("CARGO_PKG_VERSION"));
    let declarations = good_declarations(placed);
    let json = |s: &str| serde_json::to_string(s).unwrap();
    match bom {
        "datacenter-hbom.spdx.json" => declarations
            .iter()
            .map(|(id, lines)| {
                let entry = format!(
                    "{{\n          \"annotationDate\": \"{EPOCH_DATE}\",\n          \"annotationType\": \"OTHER\",\n          \"annotator\": \"Tool: {tool}\",\n          \"comment\": {}\n        }}",
                    json(&lines.join("\n"))
                );
                if *id == "hw-ne8000" {
                    // It has annotations: one more entry.
                    format!(",\n        {entry}")
                } else {
                    format!(",\n      \"annotations\": [\n        {entry}\n      ]")
                }
            })
            .collect(),
        "datacenter-hbom.spdx" => declarations
            .iter()
            .map(|(id, lines)| {
                format!(
                    "Annotator: Tool: {tool}\nAnnotationDate: {EPOCH_DATE}\nAnnotationType: OTHER\nSPDXREF: SPDXRef-{id}\nAnnotationComment: <text>{}</text>\n",
                    lines.join("\n")
                )
            })
            .collect(),
        "datacenter-hbom.spdx3.json" => {
            let base = "https://example.org/catscan/fixtures/datacenter-hbom";
            let agent = format!("{base}#document-catscan-20261207T120000Z");
            let mut out = format!(
                ",\n    {{\n      \"type\": \"CreationInfo\",\n      \"@id\": \"_:catscan-20261207T120000Z\",\n      \"specVersion\": \"3.0.1\",\n      \"created\": \"{EPOCH_DATE}\",\n      \"createdBy\": [\"{agent}\"]\n    }},\n    {{\n      \"type\": \"SoftwareAgent\",\n      \"spdxId\": \"{agent}\",\n      \"name\": \"{tool}\",\n      \"creationInfo\": \"_:catscan-20261207T120000Z\"\n    }}"
            );
            for (id, lines) in &declarations {
                out.push_str(&format!(
                    ",\n    {{\n      \"type\": \"Annotation\",\n      \"spdxId\": \"{base}#{id}-catscan-answers-20261207T120000Z\",\n      \"creationInfo\": \"_:catscan-20261207T120000Z\",\n      \"annotationType\": \"other\",\n      \"subject\": \"{base}#{id}\",\n      \"statement\": {}\n    }}",
                    json(&lines.join("\n"))
                ));
            }
            vec![out]
        }
        other => panic!("no insertions known for {other}"),
    }
}

/// One round trip through the copy of `bom` in `dir`: `ask`, the questionnaire filled with
/// [`good_answers`], a scan without and one with the answers file, then `enrich` into `output`
/// (which must succeed without a word on stderr) and a scan of what it wrote.
struct RoundTrip {
    /// Where each answer was placed, as [`fill`] returns it.
    placed: BTreeMap<(String, String), u32>,
    before: Value,
    after: Value,
    enriched: Value,
}

fn round_trip(dir: &Path, bom: &str, output: &str) -> RoundTrip {
    let questions = ask_about(dir, bom);
    let placed = fill(
        &questions,
        &dir.join("questions-filled.xlsx"),
        &good_answers(),
    );
    let (before, _) = scan_json(dir, bom, &[]);
    let (after, _) = scan_json(dir, bom, &["--answers", "questions-filled.xlsx"]);
    let run = enrich_at_epoch(dir, bom, output);
    assert_eq!((run.status, run.stderr.as_str()), (0, ""), "{bom}");
    let (enriched, _) = scan_json(dir, output, &[]);
    RoundTrip {
        placed,
        before,
        after,
        enriched,
    }
}

#[test]
fn enrich_writes_spdx_annotations_that_a_scan_reads_as_the_answers() {
    for bom in [
        "datacenter-hbom.spdx.json",
        "datacenter-hbom.spdx",
        "datacenter-hbom.spdx3.json",
    ] {
        let dir = workspace_with(bom);
        let enriched_name = format!("enriched-{bom}");
        let RoundTrip {
            placed,
            before,
            after,
            enriched,
        } = round_trip(dir.path(), bom, &enriched_name);

        // The answers closed findings, and the enriched BOM gives the same findings, messages
        // included, as the answers file does.
        for (rule, id) in [
            ("data-quality-no-vendor", "SPDXRef-unit-7"),
            ("catalogue-undetermined", "SPDXRef-cisco-c9500"),
            ("catalogue-in-scope", "SPDXRef-hw-ne8000"),
        ] {
            let id = if bom.ends_with(".spdx3.json") {
                format!(
                    "https://example.org/catscan/fixtures/datacenter-hbom#{}",
                    id.trim_start_matches("SPDXRef-")
                )
            } else {
                id.to_string()
            };
            assert!(finding(&before, rule, &id).is_some(), "{bom}: {rule} {id}");
            assert!(finding(&after, rule, &id).is_none(), "{bom}: {rule} {id}");
        }
        assert_eq!(comparable(&enriched), comparable(&after), "{bom}");
        assert_eq!(warnings(&enriched), Vec::<&Value>::new(), "{bom}");

        // The enriched file is the original with the annotations inserted, and nothing else.
        let original = std::fs::read_to_string(dir.path().join(bom)).unwrap();
        let mut written = std::fs::read_to_string(dir.path().join(&enriched_name)).unwrap();
        for insertion in spdx_insertions(bom, &placed) {
            assert_eq!(
                written.matches(&insertion).count(),
                1,
                "{bom}: {insertion}\nin\n{written}"
            );
            written = written.replacen(&insertion, "", 1);
        }
        assert!(written == original, "{bom}: what is left:\n{written}");
        assert_valid_spdx(dir.path(), bom, &enriched_name);
    }
}

/// Checks that an SPDX JSON document catscan wrote validates against its format's schema (the
/// original is checked too, so that a failure is the writer's); tag-value has no schema.
fn assert_valid_spdx(dir: &Path, original: &str, written: &str) {
    let schema = match original {
        b if b.ends_with(".spdx3.json") => "spdx-json-schema-3.0.1.json",
        b if b.ends_with(".spdx.json") => "spdx-schema-2.3.json",
        _ => return,
    };
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("tests/schemas").join(schema)).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    for file in [original, written] {
        let instance: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(file)).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("  {} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{file}:\n{}", errors.join("\n"));
    }
}

#[test]
fn an_answer_an_spdx_annotation_cannot_carry_is_a_warning_naming_the_component() {
    let bom = "datacenter-hbom.spdx";
    let dir = workspace_with(bom);
    let questions = ask_about(dir.path(), bom);
    fill(
        &questions,
        &dir.path().join("questions-filled.xlsx"),
        &[(
            "Unit 7 chassis",
            "manufacturer",
            vec![("Answer", A::Text("Example Chassis\nWorks Ltd."))],
        )],
    );
    let (after, _) = scan_json(dir.path(), bom, &["--answers", "questions-filled.xlsx"]);
    assert!(finding(&after, "data-quality-no-vendor", "SPDXRef-unit-7").is_none());
    let run = enrich_at_epoch(dir.path(), bom, "enriched.spdx");
    assert_eq!(run.status, 0, "{}", run.stderr);
    let warnings: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(warnings.len(), 2, "{}", run.stderr);
    assert_eq!(
        warnings[0],
        "warning: datacenter-hbom.spdx: the answer catscan:manufacturer = \"Example Chassis\\nWorks Ltd.\" about the component \"Unit 7 chassis\" is not written: an SPDX annotation carries each declaration as one catscan:NAME=VALUE line, and this one spans lines; `catscan scan --answers` still applies it"
    );
    assert!(
        warnings[1].starts_with("warning: datacenter-hbom.spdx: the answer catscan:answered = \"manufacturer \\\"Example Chassis\\nWorks Ltd.\\\" from questions-filled.xlsx")
            && warnings[1].ends_with("about the component \"Unit 7 chassis\" is not written: an SPDX annotation carries each declaration as one catscan:NAME=VALUE line, and this one spans lines; `catscan scan --answers` still applies it"),
        "{}",
        warnings[1]
    );
    // Nothing was written about the chassis, so nothing changed.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("enriched.spdx")).unwrap(),
        std::fs::read_to_string(dir.path().join(bom)).unwrap()
    );
}

/// The data-centre fixture as CycloneDX 1.6 XML (`tests/fixtures/enrich`): the same components,
/// properties and dependencies as [`BOM`].
const XML_BOM: &str = "datacenter-hbom.cdx.xml";

/// `s` as XML character data, as `enrich` escapes it.
fn xml_escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// The child elements of `<component>` in the `xs:sequence` of the `component` type of
/// `bom-1.6.xsd`, the version of [`XML_BOM`].
const COMPONENT_SEQUENCE_1_6: [&str; 29] = [
    "supplier",
    "manufacturer",
    "authors",
    "author",
    "publisher",
    "group",
    "name",
    "version",
    "description",
    "scope",
    "hashes",
    "licenses",
    "copyright",
    "cpe",
    "purl",
    "omniborId",
    "swhid",
    "swid",
    "modified",
    "pedigree",
    "externalReferences",
    "properties",
    "components",
    "evidence",
    "releaseNotes",
    "modelCard",
    "data",
    "cryptoProperties",
    "tags",
];

/// The local names of the child elements of every `<component>` of an XML document, in order.
fn component_children(xml: &str) -> Vec<Vec<String>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    // For each open element: the index of its list in `out` when it is a component.
    let mut open: Vec<Option<usize>> = Vec::new();
    let mut out: Vec<Vec<String>> = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(t) | Event::Empty(t) => {
                let local = t.local_name().into_inner().to_string();
                if let Some(Some(i)) = open.last() {
                    out[*i].push(local.clone());
                }
                let empty = xml[..reader.buffer_position() as usize].ends_with("/>");
                if !empty {
                    open.push((local == "component").then(|| {
                        out.push(Vec::new());
                        out.len() - 1
                    }));
                }
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn enrich_writes_cyclonedx_xml_properties_and_a_manufacturer_that_a_scan_reads_as_the_answers() {
    let dir = workspace_from("tests/fixtures/enrich", XML_BOM);
    let RoundTrip {
        placed,
        before,
        after,
        enriched,
    } = round_trip(dir.path(), XML_BOM, "enriched.cdx.xml");

    // The answers closed findings, and the enriched BOM gives the same findings, messages
    // included, as the answers file does.
    for (rule, id) in [
        ("data-quality-no-vendor", "unit-7"),
        ("catalogue-undetermined", "cisco-c9500"),
        ("catalogue-in-scope", "hw-ne8000"),
    ] {
        assert!(finding(&before, rule, id).is_some(), "{rule} {id}");
        assert!(finding(&after, rule, id).is_none(), "{rule} {id}");
    }
    assert_eq!(comparable(&enriched), comparable(&after));
    assert_eq!(warnings(&enriched), Vec::<&Value>::new());

    // The enriched file is the original with these elements inserted, and nothing else:
    // appended to the router's properties, a new <properties> before the switch's nested
    // components, and the chassis's manufacturer as its first child and its properties last.
    let properties = |id: &str, indent: &str| -> String {
        good_declarations(&placed)
            .into_iter()
            .find(|(i, _)| *i == id)
            .unwrap()
            .1
            .iter()
            .filter(|l| !l.starts_with("catscan:manufacturer="))
            .map(|l| {
                let (name, value) = l.split_once('=').unwrap();
                format!(
                    "\n{indent}<property name=\"{name}\">{}</property>",
                    xml_escaped(value)
                )
            })
            .collect()
    };
    let insertions = [
        (
            "<property name=\"catscan:routing-table-capacity\">400万条</property>",
            properties("hw-ne8000", "        "),
        ),
        (
            "<version>17.9.4</version>",
            format!(
                "\n      <properties>{}\n      </properties>",
                properties("cisco-c9500", "        ")
            ),
        ),
        (
            "<component type=\"device\" bom-ref=\"unit-7\">",
            "\n      <manufacturer><name>Example Chassis Works Ltd.</name></manufacturer>"
                .to_string(),
        ),
        (
            "<version>rev B</version>",
            format!(
                "\n      <properties>{}\n      </properties>",
                properties("unit-7", "        ")
            ),
        ),
    ];
    let original = std::fs::read_to_string(dir.path().join(XML_BOM)).unwrap();
    let written = std::fs::read_to_string(dir.path().join("enriched.cdx.xml")).unwrap();
    let mut left = written.clone();
    for (after_text, insertion) in &insertions {
        let with = format!("{after_text}{insertion}");
        assert_eq!(left.matches(&with).count(), 1, "{with}\nin\n{written}");
        left = left.replacen(&with, after_text, 1);
    }
    assert!(left == original, "what is left:\n{left}");

    // Every component's children are in the order of the 1.6 schema's sequence. (The enriched
    // file was also validated against bom-1.6.xsd with `xmllint --schema` when this was
    // written; the suite does not depend on xmllint.)
    for children in component_children(&written) {
        let ranks: Vec<usize> = children
            .iter()
            .map(|c| {
                COMPONENT_SEQUENCE_1_6
                    .iter()
                    .position(|s| s == c)
                    .unwrap_or_else(|| panic!("<{c}> is not a child of a 1.6 component"))
            })
            .collect();
        assert!(ranks.is_sorted(), "{children:?}");
    }
}

/// The data-centre fixture as CycloneDX 1.5 JSON (`tests/fixtures/enrich`): [`BOM`] with the
/// `specVersion` and `$schema` of 1.5 and without what 1.5 does not have: each component's
/// `manufacturer` (1.6) is its `supplier` (which the 1.5 schema says "may often be the
/// manufacturer"), without the `address` organisations have only from 1.6.
const BOM_1_5: &str = "datacenter-hbom-1.5.cdx.json";

#[test]
fn enrich_writes_a_manufacturer_into_cyclonedx_1_5_json_as_a_property_a_scan_reads_as_the_answer() {
    let dir = workspace_from("tests/fixtures/enrich", BOM_1_5);
    // No warning that the manufacturer stays behind: it is written.
    let RoundTrip {
        placed,
        before,
        after,
        enriched,
    } = round_trip(dir.path(), BOM_1_5, "enriched.cdx.json");

    // The chassis's manufacturer closed its no-vendor finding, and the enriched BOM closes it
    // too: the same findings, messages included, as the answers file gives.
    for (rule, id) in [
        ("data-quality-no-vendor", "unit-7"),
        ("catalogue-undetermined", "cisco-c9500"),
        ("catalogue-in-scope", "hw-ne8000"),
    ] {
        assert!(finding(&before, rule, id).is_some(), "{rule} {id}");
        assert!(finding(&after, rule, id).is_none(), "{rule} {id}");
        assert!(finding(&enriched, rule, id).is_none(), "{rule} {id}");
    }
    assert_eq!(comparable(&enriched), comparable(&after));
    assert_eq!(warnings(&enriched), Vec::<&Value>::new());

    // The chassis has no `manufacturer` member, which 1.5 does not allow, but a
    // catscan:manufacturer property before its other answers.
    let written = std::fs::read_to_string(dir.path().join("enriched.cdx.json")).unwrap();
    let doc: Value = serde_json::from_str(&written).unwrap();
    let chassis = doc["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["bom-ref"] == "unit-7")
        .unwrap();
    assert!(chassis.get("manufacturer").is_none(), "{chassis}");
    let props: Vec<(&str, &str)> = chassis["properties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p["value"].as_str().unwrap()))
        .collect();
    let lines: Vec<String> = props.iter().map(|(n, v)| format!("{n}={v}")).collect();
    let expected = good_declarations(&placed)
        .into_iter()
        .find(|(id, _)| *id == "unit-7")
        .unwrap()
        .1;
    assert_eq!(lines, expected);
    assert!(
        !written.contains("\"manufacturer\""),
        "no component of a 1.5 BOM has a manufacturer"
    );
    assert_valid_cyclonedx_1_5(dir.path(), &[BOM_1_5, "enriched.cdx.json"]);
}

/// Checks CycloneDX JSON documents against the 1.5 JSON schema of the CycloneDX specification
/// (with the SPDX licence and JSF schemas it refers to; see tests/schemas/README.md), whose
/// `component` allows no member it does not define.
fn assert_valid_cyclonedx_1_5(dir: &Path, files: &[&str]) {
    let load = |file: &str| -> Value {
        serde_json::from_str(
            &std::fs::read_to_string(common::root().join("tests/schemas").join(file)).unwrap(),
        )
        .unwrap()
    };
    let registry = jsonschema::Registry::new()
        .add(
            "http://cyclonedx.org/schema/spdx.schema.json",
            load("spdx.schema.json"),
        )
        .unwrap()
        .add(
            "http://cyclonedx.org/schema/jsf-0.82.schema.json",
            load("jsf-0.82.schema.json"),
        )
        .unwrap()
        .prepare()
        .unwrap();
    let validator = jsonschema::options()
        .with_registry(&registry)
        .should_validate_formats(true)
        .build(&load("bom-1.5.schema.json"))
        .expect("schema compiles");
    for file in files {
        let instance: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(file)).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("  {} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{file}:\n{}", errors.join("\n"));
    }
}

/// What `ask` tells the user when it is done: how many questions about how many components,
/// counted in words that agree with the number, and the undecided findings no answer can settle
/// only when there are some.
#[test]
fn ask_says_how_many_questions_it_wrote_and_what_no_answer_can_settle() {
    let said = |bom: &str| {
        let dir = workspace_with(bom);
        let run = catscan_in(
            dir.path(),
            &[
                "ask", bom, "--as-of", AS_OF, "--output", "q.csv", "--format", "csv",
            ],
        );
        assert_eq!(run.status, 0, "{}", run.stderr);
        run.stderr
    };
    assert_eq!(
        said(BOM),
        format!("20 questions about 15 components of {BOM}, written to q.csv\n")
    );
    assert_eq!(
        said("edge-router-sbom-1.2.cdx.json"),
        "2 questions about 1 component of edge-router-sbom-1.2.cdx.json, written to q.csv\n"
    );
    assert_eq!(
        said("edr-agent-sbom.cdx.json"),
        "No question for the supplier about edr-agent-sbom.cdx.json, written to q.csv; 1 more finding cannot be decided, but not for want of an answer from the supplier (the catalogue's own text is unclear)\n"
    );
}
