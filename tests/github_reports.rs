//! The reports meant for GitHub stay within what GitHub accepts: at most 10 annotations of each
//! level per step (`--format github`), 65,536 characters in a pull-request comment
//! (`--format markdown-comment`) and 1 MiB in a job summary (`--format markdown`), on the bundled
//! fixtures and on part lists with thousands of findings.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::root;

const COMMENT_CHARS: usize = 65_536;
const JOB_SUMMARY_BYTES: usize = 1024 * 1024;

struct Reports {
    dir: PathBuf,
    comment: String,
    markdown: String,
    annotations: String,
    counts: serde_json::Value,
}

impl Drop for Reports {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Scans `paths` (relative to `cwd`) for `markets` and reads the four reports.
fn reports(name: &str, cwd: &Path, paths: &[&str], markets: &[&str]) -> Reports {
    let dir = common::scratch(name);
    let out = Command::new(env!("CARGO_BIN_EXE_catscan"))
        .arg("scan")
        .args(paths)
        .arg("--no-config")
        .args(markets.iter().flat_map(|m| ["--market", m]))
        .args(["--as-of", "2026-11-23", "--fail-on", "none", "--quiet"])
        .args([
            "--format",
            "markdown,markdown-comment,github,json",
            "--output-dir",
        ])
        .arg(dir.join("out"))
        .current_dir(cwd)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |file: &str| std::fs::read_to_string(dir.join("out").join(file)).unwrap();
    Reports {
        comment: read("catscan.comment.md"),
        markdown: read("catscan.md"),
        annotations: read("catscan.annotations"),
        counts: serde_json::from_str::<serde_json::Value>(&read("catscan.json")).unwrap()["counts"]
            .clone(),
        dir,
    }
}

/// Part lists of `files` × `rows` Huawei routers named `component(file, row)`: with the US
/// market, each row is one finding, an error (the FCC Covered List).
fn part_lists(
    name: &str,
    files: usize,
    rows: usize,
    component: impl Fn(usize, usize) -> String,
) -> PathBuf {
    let dir = common::scratch(&format!("{name}-boms"));
    for f in 0..files {
        let mut csv = String::from("Manufacturer,Name,Part Number,Qty\n");
        for r in 0..rows {
            csv.push_str(&format!(
                "\"Huawei Technologies Co., Ltd.\",\"{}\",AR6140-16G4XG,1\n",
                component(f, r).replace('"', "\"\"")
            ));
        }
        std::fs::write(dir.join(format!("parts-{f:03}.csv")), csv).unwrap();
    }
    dir
}

fn commands(annotations: &str) -> Vec<&str> {
    annotations
        .lines()
        .map(|l| &l[..l.find(' ').unwrap()])
        .collect()
}

#[test]
fn the_fixtures_fit_a_comment_and_a_job_summary_whole() {
    let r = reports("fixtures", root(), &["sbom-fixtures"], &["cn", "us"]);
    let (errors, warnings, notes) = (
        r.counts["error"].as_u64().unwrap(),
        r.counts["warning"].as_u64().unwrap(),
        r.counts["note"].as_u64().unwrap(),
    );
    let all = errors + warnings + notes;
    // The full report is over three times what a comment holds, and whole in a job summary.
    assert!(r.markdown.chars().count() > 3 * COMMENT_CHARS);
    assert!(r.markdown.len() <= JOB_SUMMARY_BYTES);
    assert!(!r.markdown.contains("The report stops here"));

    assert!(r.comment.chars().count() <= COMMENT_CHARS);
    let header = format!("## catscan: {errors} errors, {warnings} warnings, {notes} notes\n");
    assert!(r.comment.starts_with(&header), "{}", r.comment);
    assert!(r.markdown.starts_with(&header));
    // Every file, the first 50 findings, errors first, and the count of the others.
    assert_eq!(
        r.comment.matches("| `sbom-fixtures/").count(),
        16 + 50,
        "{}",
        r.comment
    );
    let levels: Vec<&str> = r
        .comment
        .lines()
        .filter_map(|l| l.strip_prefix("| ")?.split(" | ").next())
        .filter(|l| ["error", "warning", "note"].contains(l))
        .collect();
    assert_eq!(levels.len(), 50);
    assert!(
        levels
            .windows(2)
            .all(|w| level_rank(w[0]) >= level_rank(w[1]))
    );
    assert!(
        r.comment.ends_with(&format!(
            "\n… and {} more findings.\n\nThe full report, with the reason for each finding, is in \
             the job summary of the workflow run and in the SARIF log (code scanning); \
             `--format html` writes it as a page with filters.\n",
            all - 50
        )),
        "{}",
        r.comment
    );

    let mut expected = vec!["::error"; 10];
    expected.extend(["::warning"; 10]);
    expected.extend(["::notice"; 10]);
    assert_eq!(commands(&r.annotations), expected);
}

fn level_rank(level: &str) -> u8 {
    match level {
        "error" => 2,
        "warning" => 1,
        _ => 0,
    }
}

#[test]
fn thousands_of_findings_stay_within_every_limit() {
    // 4,000 findings with names long and full of Markdown: the cells are shortened and escaped,
    // and the job summary stops at 1 MiB with a note.
    let boms = part_lists("thousands", 16, 250, |f, r| {
        format!(
            "AR6140 router <b>*{f}*</b> unit {r} {}",
            "<|>`@".repeat(300)
        )
    });
    let r = reports("thousands", &boms, &["."], &["us"]);
    assert_eq!(r.counts["error"].as_u64(), Some(4_000));

    let chars = r.comment.chars().count();
    assert!(chars <= COMMENT_CHARS, "{chars}");
    assert!(
        r.comment
            .starts_with("## catscan: 4000 errors, 0 warnings, 0 notes\n")
    );
    assert!(
        r.comment.contains("\n… and 3950 more findings.\n"),
        "{}",
        r.comment
    );
    // A name is cut at 100 characters, then escaped: never raw markup.
    assert!(!r.comment.contains("<b>"));
    assert!(
        r.comment.contains(
            "| error | `origin-us-fcc-covered` | AR6140 router &lt;b&gt;\\*0\\*&lt;/b&gt; unit 0 "
        ),
        "{}",
        r.comment
    );

    assert!(
        r.markdown.len() <= JOB_SUMMARY_BYTES,
        "{}",
        r.markdown.len()
    );
    assert!(r.markdown.len() > JOB_SUMMARY_BYTES - 64 * 1024);
    assert!(
        r.markdown
            .ends_with(" KiB. The SARIF log and the JSON and HTML reports list every finding.\n"),
        "{}",
        &r.markdown[r.markdown.len() - 500..]
    );
    assert!(
        r.markdown
            .contains("\n> **The report stops here.** GitHub accepts at most 1 MiB in a job summary and this report has ")
    );
    assert_eq!(
        r.markdown.matches("<details>").count(),
        r.markdown.matches("</details>").count()
    );

    let annotations = commands(&r.annotations);
    assert_eq!(annotations.len(), 11);
    assert_eq!(annotations[..10], ["::error"; 10]);
    assert_eq!(annotations[10], "::notice");
    assert!(r.annotations.ends_with(
        "::10 of 4000 findings are annotated (4000 errors, 0 warnings, 0 notes in all); GitHub \
         shows 10 annotations of each level per step. The other 3990 are in the SARIF log and the \
         JSON and HTML reports.\n"
    ));
    let _ = std::fs::remove_dir_all(&boms);
}

#[test]
fn a_comment_lists_at_most_thirty_files_and_counts_the_others() {
    let boms = part_lists("files", 45, 1, |f, _| format!("AR6140 router {f}"));
    let r = reports("files", &boms, &["."], &["us"]);
    assert!(
        r.comment
            .contains("| `parts-029.csv` | 1 | 0 | 0 |\n\n… and 15 more files.\n")
    );
    assert!(!r.comment.contains("| `parts-030.csv` | 1 | 0 | 0 |"));
    // Fewer findings than the comment lists: no count of others.
    assert!(!r.comment.contains("more findings"));
    assert_eq!(
        r.comment
            .matches("| error | `origin-us-fcc-covered` |")
            .count(),
        45
    );
    let _ = std::fs::remove_dir_all(&boms);
}
