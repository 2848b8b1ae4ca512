//! `--format markdown`: a report for people, written for a GitHub job summary
//! (`$GITHUB_STEP_SUMMARY`): counts first, then one table per file of the findings that count
//! (with, when the procurement rules are on, the file's listed components and domestic-control
//! share), then the suppressed ones with their reasons. It never exceeds the 1 MiB GitHub
//! accepts for a step's summary ([`JOB_SUMMARY_BYTES`]): past it the report stops with a note.
//!
//! `--format markdown-comment` ([`render_comment`]): the short form for a pull-request comment,
//! whose body GitHub limits to 65,536 characters ([`COMMENT_CHARS`]): the counts, the files and
//! the first findings, errors first, and where the full report is.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::escape::markdown_code;

use crate::findings::rules::Level;
use crate::findings::{Control, Finding, ProcurementAccount, Report, ShareTable};
use crate::report::terminal::{amount, number, percent, whole_share};

/// Findings listed per file; the rest are counted (a job summary is limited to 1 MiB).
const ROWS_PER_FILE: usize = 200;

/// The most GitHub accepts for one step's job summary: 1 MiB, counted in bytes.
pub const JOB_SUMMARY_BYTES: usize = 1024 * 1024;

/// The most GitHub accepts in the body of a pull-request comment, counted in characters.
pub const COMMENT_CHARS: usize = 65_536;

/// The full report, cut at a line to stay within [`JOB_SUMMARY_BYTES`].
pub fn render(report: &Report) -> String {
    within_bytes(full(report), JOB_SUMMARY_BYTES)
}

/// The report, whatever its size.
fn full(report: &Report) -> String {
    let mut s = String::new();
    let counts = report.count_by_level();
    let n = |l: Level| counts.get(&l).copied().unwrap_or(0);
    let _ = writeln!(
        s,
        "## catscan: {} errors, {} warnings, {} notes\n",
        n(Level::Error),
        n(Level::Warning),
        n(Level::Note)
    );
    let edition = report
        .edition
        .as_ref()
        .map(|e| format!("catalogue {} ({})", e.id, e.basis))
        .unwrap_or_else(|| "no catalogue edition in force".into());
    let _ = writeln!(s, "As of {}, {edition}.", report.as_of);
    if let Some(file) = &report.policy_file {
        let _ = writeln!(s, "Policy: {}.", markdown_code(file));
    }
    for line in crate::report::summary::families(report) {
        let _ = writeln!(s, "\n{line}.");
    }
    for notice in &report.notices {
        let _ = writeln!(s, "\n> {}", cell(notice));
    }
    s.push('\n');
    let _ = writeln!(
        s,
        "| file | format | components | evaluated | errors | warnings | notes |"
    );
    let _ = writeln!(s, "|---|---|---:|---:|---:|---:|---:|");
    for f in &report.files {
        match &f.outcome {
            Ok(e) => {
                let count = |l: Level| {
                    e.findings
                        .iter()
                        .filter(|x| x.suppression.is_none() && x.level == l)
                        .count()
                };
                let format = format!("{} {}", e.format.as_str(), e.spec_version);
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} | {} | {} | {} |",
                    markdown_code(&f.source.display),
                    format.trim_end(),
                    e.counts.components,
                    e.counts.evaluated,
                    count(Level::Error),
                    count(Level::Warning),
                    count(Level::Note)
                );
            }
            Err(error) => {
                let _ = writeln!(
                    s,
                    "| {} | could not be read: {} | | | | | |",
                    markdown_code(&f.source.display),
                    cell(&error.to_string())
                );
            }
        }
    }
    if let Some(line) = crate::report::summary::skipped_line(report) {
        let _ = writeln!(
            s,
            "\n{line}.\n\n<details><summary>Skipped files</summary>\n"
        );
        for (path, why) in &report.skipped {
            let _ = writeln!(s, "- {}: {}", markdown_code(path), cell(why));
        }
        let _ = writeln!(s, "\n</details>");
    }
    for f in &report.files {
        let Ok(e) = &f.outcome else { continue };
        let shown: Vec<&Finding> = e
            .findings
            .iter()
            .filter(|x| x.suppression.is_none())
            .collect();
        if shown.is_empty() {
            if let Some(p) = &e.procurement {
                let _ = writeln!(s, "\n### {}", markdown_code(&f.source.display));
                procurement(&mut s, p);
            }
            continue;
        }
        let _ = writeln!(s, "\n### {}\n", markdown_code(&f.source.display));
        let _ = writeln!(
            s,
            "| level | rule | component | vendor | catalogue item | line |"
        );
        let _ = writeln!(s, "|---|---|---|---|---|---:|");
        for x in shown.iter().take(ROWS_PER_FILE) {
            let _ = writeln!(
                s,
                "| {} | `{}` | {} | {} | {} | {} |",
                x.level,
                x.rule.id,
                cell(&x.component.name),
                cell(&x.component.vendor_label().unwrap_or_default()),
                x.catalogue_item.as_deref().unwrap_or(""),
                x.region.start.line
            );
        }
        if shown.len() > ROWS_PER_FILE {
            let _ = writeln!(
                s,
                "\n… and {} more in the SARIF and JSON reports.",
                shown.len() - ROWS_PER_FILE
            );
        }
        let _ = writeln!(s, "\n<details><summary>Why</summary>\n");
        for x in shown.iter().take(ROWS_PER_FILE) {
            let _ = writeln!(
                s,
                "- **{}** `{}` (line {}): {}",
                x.level,
                x.rule.id,
                x.region.start.line,
                cell(&x.message)
            );
        }
        let _ = writeln!(s, "\n</details>");
        if let Some(p) = &e.procurement {
            procurement(&mut s, p);
        }
    }
    let suppressed: Vec<&Finding> = report.suppressed().collect();
    if !suppressed.is_empty() {
        let _ = writeln!(s, "\n### Suppressed by exceptions ({})\n", suppressed.len());
        let _ = writeln!(s, "| rule | component | reason | exception |");
        let _ = writeln!(s, "|---|---|---|---|");
        for x in suppressed {
            if let Some(why) = &x.suppression {
                let until = why
                    .expires
                    .map(|d| format!(", until {d}"))
                    .unwrap_or_default();
                let _ = writeln!(
                    s,
                    "| `{}` | {} | {} | {} line {}{until} |",
                    x.rule.id,
                    cell(&x.component.name),
                    cell(&why.reason),
                    markdown_code(&why.location.file),
                    why.location.line
                );
            }
        }
    }
    for f in &report.policy_findings {
        let _ = writeln!(
            s,
            "\n> **{}** `{}` ({}:{}): {}",
            f.level,
            f.rule.id,
            cell(&f.location.file),
            f.location.line,
            cell(&f.message)
        );
    }
    s
}

/// The procurement account of a file: the components on a list, the domestic-control share
/// table and the key components it counts.
fn procurement(s: &mut String, p: &ProcurementAccount) {
    if !p.listed.is_empty() {
        let _ = writeln!(s, "\n#### Procurement lists\n");
        let _ = writeln!(
            s,
            "| Component | Class | List | Entry | Valid until | Line |"
        );
        let _ = writeln!(s, "|---|---|---|---|---|---:|");
        for l in p.listed.iter().take(ROWS_PER_FILE) {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} |",
                cell(&l.component.name),
                cell(&l.class),
                cell(&l.list),
                cell(&l.entry),
                l.valid_until.map(|d| d.to_string()).unwrap_or_default(),
                l.region.start.line
            );
        }
        if p.listed.len() > ROWS_PER_FILE {
            let _ = writeln!(
                s,
                "\n… and {} more in the JSON report.",
                p.listed.len() - ROWS_PER_FILE
            );
        }
    }
    share(s, &p.share);
}

/// The domestic-control share: the table by control, the minimum and the note on spend, then
/// the key components with what makes each key and why its control is what it is.
fn share(s: &mut String, t: &ShareTable) {
    let _ = writeln!(s, "\n#### Domestic-control share\n");
    if t.rows.is_empty() {
        let _ = writeln!(
            s,
            "No key components (catalogue products, CPUs, operating systems, databases, security software) in this file."
        );
        if let Some(min) = t.minimum {
            let _ = writeln!(
                s,
                "\nMinimum domestic share: {}.",
                crate::ingest::partlist::amount::exact_percentage(min)
            );
        }
        return;
    }
    let currency = t
        .currency
        .as_deref()
        .map(|c| format!(" {c}"))
        .unwrap_or_default();
    let _ = writeln!(s, "| Control | Entries | Share | Spend | Share of spend |");
    let _ = writeln!(s, "|---|---:|---:|---:|---:|");
    let spend = t.by_spend.as_ref();
    let spent = |c: Option<Control>| match (spend, c) {
        (Some(x), Some(c)) => (
            format!("{}{currency}", amount(x.get(c))),
            percent(x.share(c)),
        ),
        (Some(x), None) => (
            format!("{}{currency}", amount(x.total())),
            percent(whole_share(x)),
        ),
        (None, _) => ("–".to_string(), "–".to_string()),
    };
    for c in [Control::Domestic, Control::Foreign, Control::Unknown] {
        let (money, share) = spent(Some(c));
        let _ = writeln!(
            s,
            "| {} | {} | {} | {money} | {share} |",
            c.as_str(),
            number(t.by_count.get(c)),
            percent(t.by_count.share(c))
        );
    }
    let (money, share) = spent(None);
    let _ = writeln!(
        s,
        "| **total** | {} | {} | {money} | {share} |",
        number(t.by_count.total()),
        percent(Decimal::ONE)
    );
    let mut notes = Vec::new();
    if let Some(min) = t.minimum {
        notes.push(format!(
            "Minimum domestic share: {}.",
            crate::ingest::partlist::amount::exact_percentage(min)
        ));
    }
    if let Some(note) = &t.spend_note {
        notes.push(format!("Spend: {}.", cell(note)));
    } else if spend.is_none() {
        notes.push("Spend: no key component has a unit price.".to_string());
    }
    if !notes.is_empty() {
        let _ = writeln!(s, "\n{}", notes.join(" "));
    }
    let _ = writeln!(
        s,
        "\n<details><summary>Key components ({})</summary>\n",
        t.rows.len()
    );
    let _ = writeln!(
        s,
        "| Component | What | Control | Basis | Quantity | Unit price | Line |"
    );
    let _ = writeln!(s, "|---|---|---|---|---:|---:|---:|");
    for r in t.rows.iter().take(ROWS_PER_FILE) {
        let price = match r.unit_price {
            Some(p) => format!(
                "{}{}",
                amount(p),
                r.currency
                    .as_deref()
                    .map(|c| format!(" {c}"))
                    .unwrap_or_default()
            ),
            None => String::new(),
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            cell(&r.component.name),
            cell(&r.what),
            r.control.as_str(),
            cell(&r.basis),
            r.quantity.map(number).unwrap_or_default(),
            cell(&price),
            r.region.start.line,
        );
    }
    if t.rows.len() > ROWS_PER_FILE {
        let _ = writeln!(
            s,
            "\n… and {} more in the JSON report.",
            t.rows.len() - ROWS_PER_FILE
        );
    }
    let _ = writeln!(s, "\n</details>");
}

/// Files listed in the comment form; the rest are counted.
const FILES_IN_COMMENT: usize = 30;

/// Findings listed in the comment form, errors first; the rest are counted.
const FINDINGS_IN_COMMENT: usize = 50;

/// Characters of input text (a component's name, a file name) a cell of the comment form shows.
const CELL_CHARS: usize = 100;

/// The short report for a pull-request comment: the counts, the rules run, the files read, the
/// first findings (errors, then warnings, then notes) and where the full report is. Always
/// within [`COMMENT_CHARS`], however many findings and however long the names in them.
pub fn render_comment(report: &Report) -> String {
    let ending = "\nThe full report, with the reason for each finding, is in the job summary of the \
                  workflow run and in the SARIF log (code scanning); `--format html` writes it as \
                  a page with filters.\n";
    // Room for the ending and for the line that counts what a table left out.
    let mut out = Budget::new(COMMENT_CHARS - ending.chars().count() - 400);
    let counts = report.count_by_level();
    let n = |l: Level| counts.get(&l).copied().unwrap_or(0);
    out.line(&format!(
        "## catscan: {} errors, {} warnings, {} notes\n",
        n(Level::Error),
        n(Level::Warning),
        n(Level::Note)
    ));
    let edition = report
        .edition
        .as_ref()
        .map(|e| format!("catalogue {} ({})", e.id, e.basis))
        .unwrap_or_else(|| "no catalogue edition in force".into());
    out.line(&format!("As of {}, {edition}.", report.as_of));
    for line in crate::report::summary::families(report) {
        out.line(&format!("\n{}.", short(&line, 1_000)));
    }
    for notice in &report.notices {
        out.line(&format!("\n> {}", cell(&short(notice, 1_000))));
    }

    out.line("\n| file | errors | warnings | notes |\n|---|---:|---:|---:|");
    let mut files_listed = 0;
    for f in &report.files {
        if files_listed == FILES_IN_COMMENT {
            break;
        }
        let row = match &f.outcome {
            Ok(e) => {
                let count = |l: Level| {
                    e.findings
                        .iter()
                        .filter(|x| x.suppression.is_none() && x.level == l)
                        .count()
                };
                format!(
                    "| {} | {} | {} | {} |",
                    markdown_code(&short(&f.source.display, CELL_CHARS)),
                    count(Level::Error),
                    count(Level::Warning),
                    count(Level::Note)
                )
            }
            Err(_) => format!(
                "| {} | could not be read | | |",
                markdown_code(&short(&f.source.display, CELL_CHARS))
            ),
        };
        if !out.line(&row) {
            break;
        }
        files_listed += 1;
    }
    if files_listed < report.files.len() {
        out.force(&format!(
            "\n… and {} more files.",
            report.files.len() - files_listed
        ));
    }
    if let Some(line) = crate::report::summary::skipped_line(report) {
        out.line(&format!("\n{}.", short(&line, 1_000)));
    }

    let mut findings: Vec<(&str, &Finding)> = report
        .files
        .iter()
        .filter_map(|f| f.outcome.as_ref().ok().map(|e| (f, e)))
        .flat_map(|(f, e)| {
            e.findings
                .iter()
                .filter(|x| x.suppression.is_none())
                .map(move |x| (f.source.display.as_str(), x))
        })
        .collect();
    // Stable: within a level, the order of the full report.
    findings.sort_by_key(|(_, x)| std::cmp::Reverse(x.level));
    let mut findings_listed = 0;
    if !findings.is_empty() {
        out.line(
            "\n### Findings\n\n| level | rule | component | file | line |\n|---|---|---|---|---:|",
        );
        for (file, x) in &findings {
            if findings_listed == FINDINGS_IN_COMMENT {
                break;
            }
            let row = format!(
                "| {} | `{}` | {} | {} | {} |",
                x.level,
                x.rule.id,
                cell(&short(&x.component.name, CELL_CHARS)),
                markdown_code(&short(file, CELL_CHARS)),
                x.region.start.line
            );
            if !out.line(&row) {
                break;
            }
            findings_listed += 1;
        }
        if findings_listed < findings.len() {
            out.force(&format!(
                "\n… and {} more findings.",
                findings.len() - findings_listed
            ));
        }
    }
    let suppressed = report.suppressed().count();
    if suppressed > 0 {
        out.line(&format!(
            "\n{suppressed} findings suppressed by exceptions."
        ));
    }
    if !report.policy_findings.is_empty() {
        out.line(&format!(
            "\n{} findings about the policy file.",
            report.policy_findings.len()
        ));
    }
    out.force(ending);
    out.text
}

/// Text built line by line within a number of characters.
struct Budget {
    text: String,
    chars: usize,
    limit: usize,
}

impl Budget {
    fn new(limit: usize) -> Self {
        Budget {
            text: String::new(),
            chars: 0,
            limit,
        }
    }

    /// Adds the line when it fits; says whether it did.
    fn line(&mut self, line: &str) -> bool {
        let n = line.chars().count() + 1;
        if self.chars + n > self.limit {
            return false;
        }
        self.force(line);
        true
    }

    /// Adds the line in the room kept for it beyond the limit (a count, the ending).
    fn force(&mut self, line: &str) {
        self.chars += line.chars().count() + 1;
        self.text.push_str(line);
        if !line.ends_with('\n') {
            self.text.push('\n');
        } else {
            self.chars -= 1;
        }
    }
}

/// The first `max` characters of `text`, with `…` for the rest.
fn short(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some(_) => {
            let kept: String = text.chars().take(max - 1).collect();
            format!("{kept}…")
        }
    }
}

/// `text` when it has at most `limit` bytes; otherwise its first lines, the `<details>` they
/// open closed, and a note that the report stops there, all within `limit`.
fn within_bytes(text: String, limit: usize) -> String {
    if text.len() <= limit {
        return text;
    }
    let note = format!(
        "\n> **The report stops here.** GitHub accepts at most 1 MiB in a job summary and this \
         report has {} KiB. The SARIF log and the JSON and HTML reports list every finding.\n",
        text.len().div_ceil(1024)
    );
    // Room for the note and for closing every <details> the kept part opens.
    let room = limit.saturating_sub(note.len());
    let mut cut = 0;
    loop {
        let kept_end = text.as_bytes()[..room.saturating_sub(cut)]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let kept = &text[..kept_end];
        let open = kept
            .matches("<details>")
            .count()
            .saturating_sub(kept.matches("</details>").count());
        let closing = "\n</details>\n".repeat(open);
        if kept.len() + closing.len() + note.len() <= limit {
            return format!("{kept}{closing}{note}");
        }
        cut += closing.len();
    }
}

/// Text from an input, or a message quoting one, inside a table cell or a paragraph: shown as
/// written, never read as markup (see `escape`).
fn cell(text: &str) -> String {
    super::escape::markdown(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::terminal::sample;

    #[test]
    fn a_report_over_the_limit_stops_at_a_line_with_its_details_closed() {
        let report = format!(
            "## catscan\n\n<details><summary>Why</summary>\n\n{}",
            "- a line of the report\n".repeat(100)
        );
        assert_eq!(within_bytes(report.clone(), report.len()), report);
        let cut = within_bytes(report.clone(), 1_000);
        assert!(cut.len() <= 1_000, "{}", cut.len());
        let note = "\n> **The report stops here.** GitHub accepts at most 1 MiB in a job summary \
                    and this report has 3 KiB. The SARIF log and the JSON and HTML reports list \
                    every finding.\n";
        let kept = 1_000 - note.len() - "\n</details>\n".len();
        let lines = (kept - 44) / 23;
        assert_eq!(
            cut,
            format!(
                "## catscan\n\n<details><summary>Why</summary>\n\n{}\n</details>\n{note}",
                "- a line of the report\n".repeat(lines)
            )
        );
    }

    #[test]
    fn a_budget_takes_lines_while_they_fit_and_keeps_room_for_counts() {
        let mut b = Budget::new(20);
        assert!(b.line("0123456789"));
        assert!(!b.line("0123456789"));
        assert!(b.line("01234567"));
        assert!(!b.line(""));
        b.force("… and 1 more.");
        assert_eq!(b.text, "0123456789\n01234567\n… and 1 more.\n");
        assert_eq!(b.chars, 34);
        assert_eq!(short("路由器路由器", 4), "路由器…");
        assert_eq!(short("router", 6), "router");
    }

    #[test]
    fn the_share_table_has_counts_spend_and_the_key_components() {
        let mut s = String::new();
        procurement(&mut s, &sample::account());
        assert_eq!(
            s,
            "
#### Procurement lists

| Component | Class | List | Entry | Valid until | Line |
|---|---|---|---|---|---:|
| 麒麟X90 | CPU | Secure and reliable evaluation results | Kirin X90 \\[麒麟X90\\] (2025年第1号, 2025-03-14, level II) | 2028-03-13 | 3 |

#### Domestic-control share

| Control | Entries | Share | Spend | Share of spend |
|---|---:|---:|---:|---:|
| domestic | 2 | 50.0% | 76,000.00 CNY | 53.1% |
| foreign | 1 | 25.0% | 48,000.00 CNY | 33.6% |
| unknown | 1 | 25.0% | 19,001.00 CNY | 13.3% |
| **total** | 4 | 100.0% | 143,001.00 CNY | 100.0% |

Minimum domestic share: 75.0%.

<details><summary>Key components (4)</summary>

| Component | What | Control | Basis | Quantity | Unit price | Line |
|---|---|---|---|---:|---:|---:|
| 麒麟X90 | CPU | domestic | HiSilicon Technologies Co., Ltd.: controlled from CN | 20 | 3,000.00 CNY | 3 |
| 银河麒麟桌面操作系统 | operating system | domestic | Kylin Software Co., Ltd.: controlled from CN | 20 | 800.00 CNY | 4 |
| Intel Xeon Gold 6338 | CPU | foreign | Intel Corporation: incorporated in US | 4 | 12,000.00 CNY | 5 |
| Loongson 3C6000 | CPU | unknown | vendor not identified | 2 | 9,500.50 CNY | 6 |

</details>
"
        );
    }

    #[test]
    fn without_prices_spend_is_a_dash_and_an_empty_table_says_so() {
        let mut account = sample::account();
        account.share.by_spend = None;
        account.share.currency = None;
        let mut s = String::new();
        share(&mut s, &account.share);
        assert!(s.contains(
            "| domestic | 2 | 50.0% | – | – |\n\
             | foreign | 1 | 25.0% | – | – |\n\
             | unknown | 1 | 25.0% | – | – |\n\
             | **total** | 4 | 100.0% | – | – |\n\
             \nMinimum domestic share: 75.0%. Spend: no key component has a unit price.\n"
        ));
        let mut s = String::new();
        share(&mut s, &Default::default());
        assert_eq!(
            s,
            "\n#### Domestic-control share\n\nNo key components (catalogue products, CPUs, \
             operating systems, databases, security software) in this file.\n"
        );
    }
}
