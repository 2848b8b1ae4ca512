//! The knowledge as a whole: every file under `catalogues/` is compiled in without being listed
//! by hand, `docs/knowledge.md` is the current export, facts are counted by status, and a run
//! long after the last review says that the knowledge may be out of date.

mod common;

use std::collections::BTreeMap;

use catscan::knowledge::{BUILTIN, Builtin, DataFile, Knowledge};
use common::{catscan, root};
use serde_json::Value;

/// The `.toml` files of a folder of `catalogues/`, as `catalogues/<folder>/<name>`, sorted.
fn toml_files(folder: &str) -> Vec<String> {
    let dir = root().join("catalogues").join(folder);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if folder.is_empty() {
                format!("catalogues/{name}")
            } else {
                format!("catalogues/{folder}/{name}")
            }
        })
        .collect();
    names.sort();
    names
}

fn names(files: &[DataFile]) -> Vec<String> {
    files.iter().map(|f| f.name.to_string()).collect()
}

fn without(mut names: Vec<String>, left_out: &str) -> Vec<String> {
    names.retain(|n| n != left_out);
    names
}

#[test]
fn every_data_file_under_catalogues_is_compiled_in_and_classified_by_its_folder() {
    assert_eq!(
        names(BUILTIN.editions),
        without(toml_files("cn"), "catalogues/cn/regime.toml")
    );
    assert_eq!(BUILTIN.regime.name, "catalogues/cn/regime.toml");
    assert_eq!(names(BUILTIN.packs), toml_files("packs"));
    assert_eq!(
        names(BUILTIN.procurement),
        without(
            toml_files("procurement"),
            "catalogues/procurement/classes.toml"
        )
    );
    assert_eq!(
        BUILTIN.procurement_classes.name,
        "catalogues/procurement/classes.toml"
    );
    assert_eq!(BUILTIN.review.name, "catalogues/knowledge.toml");

    // Nothing on disk is left out, and every compiled file is the file on disk.
    let mut on_disk: Vec<String> = ["", "cn", "packs", "procurement"]
        .iter()
        .flat_map(|folder| toml_files(folder))
        .collect();
    on_disk.sort();
    let mut compiled = names(&BUILTIN.files());
    compiled.sort();
    assert_eq!(compiled, on_disk);
    for file in BUILTIN.files() {
        let text = std::fs::read_to_string(root().join(file.name)).unwrap();
        assert_eq!(file.text, text, "{} is not the file on disk", file.name);
    }

    // And each is loaded: one edition, pack and instrument per file.
    let k = Knowledge::builtin();
    assert_eq!(k.editions.len(), toml_files("cn").len() - 1);
    assert_eq!(k.packs.len(), toml_files("packs").len());
    assert_eq!(
        k.procurement.instruments.len(),
        toml_files("procurement").len() - 1
    );
}

#[test]
fn every_data_file_is_read_against_its_schema_and_an_unknown_field_names_the_file() {
    Knowledge::load(&BUILTIN).expect("the data files load");
    let text: &'static str =
        Box::leak(format!("{}reviewer = \"someone\"\n", BUILTIN.review.text).into_boxed_str());
    let files = Builtin {
        review: DataFile {
            name: BUILTIN.review.name,
            text,
        },
        ..BUILTIN
    };
    let error = Knowledge::load(&files).unwrap_err();
    assert_eq!(error.file, "catalogues/knowledge.toml");
    assert!(
        error.message.contains("unknown field `reviewer`"),
        "{}",
        error.message
    );
}

#[test]
fn docs_knowledge_md_is_the_current_export() {
    let run = catscan(&["catalogue", "export", "--format", "markdown"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let path = root().join("docs/knowledge.md");
    if common::blessing() {
        std::fs::write(&path, &run.stdout).expect("docs/knowledge.md written");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != run.stdout {
        let line = committed
            .lines()
            .zip(run.stdout.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(run.stdout.lines().count()));
        panic!(
            "docs/knowledge.md is not the current export of the knowledge (first difference at line {}: {:?} now {:?}); regenerate it with\n    cargo run -- catalogue export --format markdown > docs/knowledge.md",
            line + 1,
            committed.lines().nth(line).unwrap_or("(end of file)"),
            run.stdout.lines().nth(line).unwrap_or("(end of output)"),
        );
    }
}

#[test]
fn the_export_holds_every_record_with_its_status_and_sources() {
    let k = Knowledge::builtin();
    let doc = catscan(&["catalogue", "export"]).stdout;
    let row_of = |id: &str| -> &str {
        doc.lines()
            .find(|l| l.starts_with(&format!("| {id} |")))
            .unwrap_or_else(|| panic!("no row for {id}"))
    };
    for e in &k.editions {
        for i in &e.items {
            let row = doc
                .split(&format!("### Items of {}", e.id))
                .nth(1)
                .and_then(|rest| {
                    rest.lines()
                        .find(|l| l.starts_with(&format!("| {} |", i.id)))
                })
                .unwrap_or_else(|| panic!("no row for {}/{}", e.id, i.id));
            assert!(row.contains(&format!("| {}", i.status)), "{row}");
            assert!(
                row.ends_with(&format!("| {} |", i.sources.join(", "))),
                "{row}"
            );
        }
    }
    for v in &k.vendors {
        let row = row_of(&v.id);
        assert!(row.contains(&format!("| {}", v.status)), "{row}");
        assert!(
            row.ends_with(&format!("| {} |", v.sources.join(", ").replace('|', "\\|"))),
            "{row}"
        );
    }
    // Who controls a vendor is a fact of its own, with its own status and sources.
    let control = doc
        .split("### Control records")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("a control records table");
    let mut records = 0;
    for v in &k.vendors {
        let Some(r) = &v.control else { continue };
        records += 1;
        let row = control
            .lines()
            .find(|l| l.starts_with(&format!("| {} |", v.id)))
            .unwrap_or_else(|| panic!("no control record row for {}", v.id));
        let holder = r.holder.as_deref().unwrap_or("—").replace('|', "\\|");
        let country = r.country.as_deref().unwrap_or("—");
        assert!(row.contains(&format!("| {holder} | {country} |")), "{row}");
    }
    assert!(records > 20, "{records} control records");
    assert_eq!(
        control
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| vendor |"))
            .count(),
        records
    );
    for s in &k.sources {
        assert!(row_of(&s.key).contains(&s.title.replace('|', "\\|")));
    }
    for b in &k.legal.bases {
        let row = row_of(&b.id);
        assert!(row.contains(&format!("| {}", b.english)), "{row}");
        assert!(
            row.contains(&format!("| {} |", b.all_sources().join(", "))),
            "{row}"
        );
    }
    // An instrument recorded without a rule says what it is and why nothing rests on it.
    let label = row_of("cn-cybersecurity-label-measures");
    assert!(
        label.contains("国信办发文〔2026〕4号")
            && label.contains("| voluntary |")
            && label.contains("| 2025-11-21 [confirmed] | 2026-04-02 [confirmed]")
            && label.contains("| 2026-07-01 [confirmed] |")
            && label.contains("Ministry of Public Security")
            && label.contains("不列入《实施网络安全标识的产品目录》")
            && label.contains("catscan does not know which products it lists")
            && label.ends_with("| S-LABEL-TEXT, S-LABEL-DRAFT, S-LABEL-FINAL |"),
        "{label}"
    );
    for p in &k.packs {
        assert!(doc.contains(&format!("\n### {}\n", p.id)), "{}", p.id);
    }
    for i in &k.procurement.instruments {
        assert!(doc.contains(&format!("\n### {}\n", i.id)), "{}", i.id);
    }
    // The export does not depend on the day it is made.
    assert!(!doc.contains("warning:"));
}

#[test]
fn the_json_export_is_every_data_file_whole() {
    let run = catscan(&["catalogue", "export", "--format", "json"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    let files = doc["files"].as_object().unwrap();
    assert_eq!(files.keys().cloned().collect::<Vec<_>>(), {
        let mut all = names(&BUILTIN.files());
        all.sort();
        all
    });
    let review = &Knowledge::builtin().review;
    assert_eq!(
        doc["review"]["lastReviewed"],
        review.last_reviewed.to_string()
    );
    assert_eq!(doc["review"]["freshUntil"], last_fresh_and_first_stale().0);
    let k = Knowledge::builtin();
    assert_eq!(
        files["catalogues/vendors.toml"]["vendor"]
            .as_array()
            .unwrap()
            .len(),
        k.vendors.len()
    );
    let by_status = &doc["facts"]["overall"]["byStatus"];
    let sum: u64 = by_status
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(doc["facts"]["overall"]["total"], sum);
    assert_eq!(by_status, &serde_json::to_value(count_in_text().1).unwrap());
}

/// The facts of every data file counted from its text, independently of catscan's reading: each
/// `status = "…"` and `<field>_status = "…"` outside comments. Per file and overall.
fn count_in_text() -> (
    BTreeMap<String, BTreeMap<String, usize>>,
    BTreeMap<String, usize>,
) {
    let mut by_file = BTreeMap::new();
    let mut overall: BTreeMap<String, usize> = BTreeMap::new();
    for name in ["", "cn", "packs", "procurement"]
        .iter()
        .flat_map(|f| toml_files(f))
    {
        let text = std::fs::read_to_string(root().join(&name)).unwrap();
        let mut here: BTreeMap<String, usize> = BTreeMap::new();
        for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
            for status in statuses_in(line) {
                *here.entry(status.clone()).or_default() += 1;
                *overall.entry(status).or_default() += 1;
            }
        }
        by_file.insert(name, here);
    }
    (by_file, overall)
}

/// The values of the status keys written on one line of TOML, dotted keys included
/// (`control.status`, `control.major_holders_status`).
fn statuses_in(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("status") {
        let before = &rest[..at];
        let after = rest[at + "status".len()..].trim_start();
        let key_starts = before
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_')
            .collect::<String>();
        let bare_key = key_starts.is_empty() || key_starts.starts_with('_');
        let preceded = before[..before.len() - key_starts.len()]
            .chars()
            .last()
            .is_none_or(|c| c == ' ' || c == '{' || c == ',' || c == '\t' || c == '.');
        if bare_key
            && preceded
            && let Some(value) = after.strip_prefix('=')
            && let Some(value) = value.trim_start().strip_prefix('"')
            && let Some(end) = value.find('"')
        {
            found.push(value[..end].to_string());
        }
        rest = &rest[at + "status".len()..];
    }
    found
}

/// The table `catscan catalogue facts` prints: header words and each row's numbers by file.
fn facts_table(stdout: &str) -> (Vec<String>, BTreeMap<String, Vec<usize>>) {
    let mut lines = stdout.lines().skip_while(|l| !l.starts_with("FILE "));
    let header: Vec<String> = lines
        .next()
        .expect("a header")
        .split_whitespace()
        .skip(1)
        .map(str::to_string)
        .collect();
    let mut rows = BTreeMap::new();
    for line in lines.take_while(|l| !l.is_empty()) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let numbers = words.len() - header.len();
        let name = words[..numbers].join(" ");
        rows.insert(
            name,
            words[numbers..]
                .iter()
                .map(|w| w.parse().unwrap())
                .collect(),
        );
    }
    (header, rows)
}

#[test]
fn facts_are_counted_by_status_per_file_and_overall() {
    let run = catscan(&["catalogue", "facts", "--as-of", "2027-01-01"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with(
        "Facts by status. A fact is a field that carries a status: `status` for a record as a whole, `<field>_status` for one of its fields.\n"
    ));
    let (by_file, overall) = count_in_text();
    let (header, rows) = facts_table(&run.stdout);

    // The legend's statuses first, found or not; then every other word found, marked.
    let legend = [
        "confirmed",
        "corroborated",
        "secondary",
        "inferred",
        "unknown",
    ];
    let mut expected_header: Vec<String> = legend.iter().map(|s| s.to_uppercase()).collect();
    let others: Vec<&String> = overall
        .keys()
        .filter(|s| !legend.contains(&s.as_str()))
        .collect();
    expected_header.extend(others.iter().map(|s| format!("{}*", s.to_uppercase())));
    expected_header.push("TOTAL".into());
    assert_eq!(header, expected_header);
    let statuses: Vec<&str> = legend
        .iter()
        .copied()
        .chain(others.iter().map(|s| s.as_str()))
        .collect();
    if !others.is_empty() {
        assert!(run.stdout.contains(
            "\n* not a status of the legend (confirmed, corroborated, secondary, inferred, unknown)\n"
        ));
    }

    let numbers = |counts: &BTreeMap<String, usize>| -> Vec<usize> {
        let mut row: Vec<usize> = statuses
            .iter()
            .map(|s| counts.get(*s).copied().unwrap_or(0))
            .collect();
        row.push(row.iter().sum());
        row
    };
    assert_eq!(
        rows.len(),
        by_file.len() + 1,
        "one row per file and one for all"
    );
    for (file, counts) in &by_file {
        assert_eq!(rows[file], numbers(counts), "{file}");
    }
    let all = &rows["all files"];
    assert_eq!(all, &numbers(&overall));
    // Each total is the sum of its row, and the overall row the sum of the files.
    for (file, row) in &rows {
        assert_eq!(
            row[row.len() - 1],
            row[..row.len() - 1].iter().sum::<usize>(),
            "{file}"
        );
    }
    let files_total: usize = rows
        .iter()
        .filter(|(f, _)| f.as_str() != "all files")
        .map(|(_, r)| r[r.len() - 1])
        .sum();
    assert_eq!(all[all.len() - 1], files_total);
    let review = &Knowledge::builtin().review;
    assert!(run.stdout.contains(&format!(
        "\nLast reviewed on {}: {}\n",
        review.last_reviewed, review.note
    )));
}

/// The last day the knowledge counts as current, and the first it does not.
fn last_fresh_and_first_stale() -> (String, String) {
    let fresh = Knowledge::builtin().review.fresh_until();
    (
        fresh.to_string(),
        fresh.next_day().expect("a later day").to_string(),
    )
}

/// The warning of a run as of `as_of`, in the words a user reads.
fn stale_warning(as_of: &str) -> String {
    format!(
        "catscan's knowledge was last reviewed on {}, more than 6 months before the as-of date {as_of}: catalogues, lists and vendors may have changed since, so a missing finding does not show that nothing applies; use a newer catscan, or check the facts it relies on (catscan catalogue facts)",
        Knowledge::builtin().review.last_reviewed
    )
}

#[test]
fn the_facts_warn_when_the_date_is_more_than_six_months_past_the_review() {
    let (last_fresh, first_stale) = last_fresh_and_first_stale();
    let stale = catscan(&["catalogue", "facts", "--as-of", &first_stale]);
    assert!(
        stale
            .stdout
            .ends_with(&format!("warning: {}\n", stale_warning(&first_stale))),
        "{}",
        stale.stdout
    );
    let fresh = catscan(&["catalogue", "facts", "--as-of", &last_fresh]);
    assert_eq!(fresh.status, 0);
    assert!(!fresh.stdout.contains("warning:"), "{}", fresh.stdout);
}

fn scan_sarif(as_of: &str) -> (Value, String) {
    let run = catscan(&[
        "scan",
        "sbom-fixtures/edge-router-sbom-1.2.cdx.json",
        "--format",
        "sarif",
        "--as-of",
        as_of,
    ]);
    assert!(run.status == 0 || run.status == 1, "{}", run.stderr);
    (serde_json::from_str(&run.stdout).unwrap(), run.stderr)
}

fn stale_notifications(log: &Value) -> Vec<&Value> {
    log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .map(|n| {
            n.iter()
                .filter(|n| {
                    n["message"]["text"]
                        .as_str()
                        .is_some_and(|t| t.starts_with("catscan's knowledge was last reviewed"))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_scan_more_than_six_months_past_the_review_says_so_in_the_sarif_and_the_summary() {
    let (last_fresh, first_stale) = last_fresh_and_first_stale();
    let warning = stale_warning(&first_stale);
    let (log, stderr) = scan_sarif(&first_stale);
    let notes = stale_notifications(&log);
    assert_eq!(notes.len(), 1, "{log:#}");
    assert_eq!(notes[0]["level"], "warning");
    assert_eq!(notes[0]["message"]["text"], warning.as_str());
    assert!(stderr.contains(&format!("note: {warning}\n")), "{stderr}");

    let (log, stderr) = scan_sarif(&last_fresh);
    assert!(stale_notifications(&log).is_empty(), "{log:#}");
    assert!(!stderr.contains("last reviewed"), "{stderr}");
}
