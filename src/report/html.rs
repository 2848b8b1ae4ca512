//! `--format html`: one self-contained page for people: the run's facts and counts first, a table
//! of the files read, then every finding in a table that filters (by level, rule, vendor,
//! catalogue item, free text) and sorts in the browser. Suppressed findings are there too, greyed
//! with their reasons, hidden until asked for; the policy file's own findings are rows as well.
//! With the procurement rules on, a last section shows per file the components on a procurement
//! list and the domestic-control share, as a table and as stacked bars (inline SVG).
//!
//! The page loads nothing: its style and script are inline, and its Content-Security-Policy
//! allows exactly those two (by hash) and nothing else. Every text from the report is
//! HTML-escaped where it is written; the script reads `data-*` attributes and `textContent` only
//! and never writes markup. The same report gives the same bytes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use crate::findings::{
    Control, FileReport, Finding, ListedComponent, PolicyFinding, ProcurementAccount, Report,
    ShareRow, ShareTable, ShareTotals,
};
use crate::report::terminal::{amount, number, percent, whole_share};
use crate::rules::{Level, Rule};

pub fn render(report: &Report) -> String {
    let rows = rows(report);
    let mut s = String::with_capacity(16_384 + rows.len() * 2_048);
    // The procurement section's style is added only to the pages that have one, so that the
    // others stay as they were, byte for byte.
    let has_procurement = report
        .files
        .iter()
        .any(|f| f.outcome.as_ref().is_ok_and(|e| e.procurement.is_some()));
    let style = if has_procurement {
        format!("{STYLE}{PROCUREMENT_STYLE}")
    } else {
        STYLE.to_string()
    };
    head(&mut s, report, &style);
    s.push_str("<body>\n");
    header(&mut s, report);
    s.push_str("<main>\n");
    files(&mut s, report);
    findings(&mut s, &rows);
    policy_note(&mut s, report);
    if has_procurement {
        procurement(&mut s, report);
    }
    s.push_str("</main>\n");
    let _ = writeln!(
        s,
        "<footer>Written by catscan {}. This page is self-contained: it loads nothing.</footer>",
        esc(report.tool_version)
    );
    let _ = writeln!(s, "<script>{SCRIPT}</script>\n</body>\n</html>");
    s
}

/// One row of the findings table: a finding of a file, or one about the policy file.
struct Row<'a> {
    rule: &'static Rule,
    level: Level,
    message: &'a str,
    /// The finding, for one about a component; `None` for one about the policy file.
    component: Option<&'a Finding>,
    policy: Option<&'a PolicyFinding>,
    file: &'a str,
    line: u64,
}

impl Row<'_> {
    fn suppressed(&self) -> bool {
        self.component.is_some_and(|f| f.suppression.is_some())
    }

    /// The vendor as the BOM writes it, with the registry's name beside it when they differ.
    fn vendor(&self) -> String {
        self.component
            .and_then(|f| f.component.vendor_label())
            .unwrap_or_default()
    }

    fn item(&self) -> &str {
        self.component
            .and_then(|f| f.catalogue_item.as_deref())
            .unwrap_or("")
    }

    fn component_text(&self) -> String {
        match self.component {
            Some(f) => match &f.component.version {
                Some(v) if !v.is_empty() => format!("{} {v}", f.component.name),
                _ => f.component.name.clone(),
            },
            None => String::new(),
        }
    }
}

fn rows(report: &Report) -> Vec<Row<'_>> {
    let mut rows = Vec::new();
    for f in &report.files {
        let Ok(e) = &f.outcome else { continue };
        for x in &e.findings {
            rows.push(Row {
                rule: x.rule,
                level: x.level,
                message: &x.message,
                component: Some(x),
                policy: None,
                file: &f.source.display,
                line: u64::from(x.region.start.line),
            });
        }
    }
    for p in &report.policy_findings {
        rows.push(Row {
            rule: p.rule,
            level: p.level,
            message: &p.message,
            component: None,
            policy: Some(p),
            file: &p.location.file,
            line: p.location.line as u64,
        });
    }
    rows
}

fn head(s: &mut String, report: &Report, style: &str) {
    let counts = report.count_by_level();
    let n = |l: Level| counts.get(&l).copied().unwrap_or(0);
    let csp = format!(
        "default-src 'none'; style-src '{}'; script-src '{}'; base-uri 'none'; form-action 'none'",
        csp_hash(style),
        csp_hash(SCRIPT)
    );
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <meta name=\"generator\" content=\"catscan {}\">\n\
         <title>catscan: {} errors, {} warnings, {} notes (as of {})</title>\n\
         <style>{style}</style>\n</head>\n",
        esc(&csp),
        esc(report.tool_version),
        n(Level::Error),
        n(Level::Warning),
        n(Level::Note),
        report.as_of
    );
}

fn header(s: &mut String, report: &Report) {
    let counts = report.count_by_level();
    let n = |l: Level| counts.get(&l).copied().unwrap_or(0);
    s.push_str("<header>\n<div class=\"top\">\n<div class=\"about\">\n<h1>catscan report</h1>\n<dl class=\"meta\">\n");
    let mut fact = |term: &str, value: String| {
        let _ = writeln!(s, "<div><dt>{term}</dt><dd>{value}</dd></div>");
    };
    fact("catscan", esc(report.tool_version));
    fact("As of", esc(&report.as_of.to_string()));
    fact(
        "Catalogue",
        match &report.edition {
            Some(e) => format!(
                "<code>{}</code> {} <span class=\"muted\">({})</span>",
                esc(&e.id),
                esc(&e.title),
                esc(&e.basis)
            ),
            None => "no catalogue edition in force".into(),
        },
    );
    fact(
        "Policy file",
        match &report.policy_file {
            Some(p) => format!("<code>{}</code>", esc(p)),
            None => "none".into(),
        },
    );
    for (ran, term) in [(true, "Rules run"), (false, "Rules not run")] {
        let names: Vec<String> = report
            .families
            .iter()
            .filter(|f| f.ran == ran)
            .map(|f| {
                format!(
                    "<code>{}</code> <span class=\"muted\">({})</span>",
                    esc(&f.name),
                    esc(&f.why)
                )
            })
            .collect();
        if !names.is_empty() {
            fact(term, names.join(", "));
        }
    }
    if let Some(b) = &report.baseline {
        fact(
            "Baseline",
            format!(
                "<code>{}</code> <span class=\"muted\">({} unchanged {} left out)</span>",
                esc(&b.file),
                b.unchanged,
                plural(b.unchanged, "finding", "findings")
            ),
        );
    }
    s.push_str("</dl>\n</div>\n<div class=\"cards\">\n");
    let suppressed = report.suppressed().count();
    for (class, count, one, many) in [
        ("error", n(Level::Error), "error", "errors"),
        ("warning", n(Level::Warning), "warning", "warnings"),
        ("note", n(Level::Note), "note", "notes"),
        ("suppressed", suppressed, "suppressed", "suppressed"),
    ] {
        let _ = writeln!(
            s,
            "<div class=\"card {class}\"><span class=\"n\">{count}</span> <span class=\"what\">{}</span></div>",
            plural(count, one, many)
        );
    }
    s.push_str("</div>\n</div>\n");
    if !report.notices.is_empty() {
        s.push_str("<ul class=\"notices\">\n");
        for notice in &report.notices {
            let _ = writeln!(s, "<li>{}</li>", esc(notice));
        }
        s.push_str("</ul>\n");
    }
    s.push_str("</header>\n");
}

fn files(s: &mut String, report: &Report) {
    let _ = writeln!(
        s,
        "<section id=\"files\">\n<h2>Files <span class=\"muted\">({})</span></h2>",
        report.files.len()
    );
    s.push_str(
        "<div class=\"scroll\"><table class=\"files\">\n<thead><tr><th scope=\"col\">File</th>\
         <th scope=\"col\">Format</th><th scope=\"col\" class=\"num\">Components</th>\
         <th scope=\"col\" class=\"num\">Evaluated</th><th scope=\"col\" class=\"num\">Errors</th>\
         <th scope=\"col\" class=\"num\">Warnings</th><th scope=\"col\" class=\"num\">Notes</th>\
         <th scope=\"col\" class=\"num\">Suppressed</th></tr></thead>\n<tbody>\n",
    );
    for f in &report.files {
        file_row(s, f);
    }
    policy_row(s, report);
    s.push_str("</tbody>\n</table></div>\n");
    if let Some(line) = crate::report::summary::skipped_line(report) {
        let _ = writeln!(
            s,
            "<details class=\"skipped\"><summary>{}</summary>\n<ul>",
            esc(&line)
        );
        for (path, why) in &report.skipped {
            let _ = writeln!(s, "<li><code>{}</code>: {}</li>", esc(path), esc(why));
        }
        s.push_str("</ul></details>\n");
    }
    s.push_str("</section>\n");
}

fn file_row(s: &mut String, f: &FileReport) {
    let path = esc(&f.source.display);
    match &f.outcome {
        Err(error) => {
            let _ = writeln!(
                s,
                "<tr class=\"unreadable\"><th scope=\"row\"><code>{path}</code></th>\
                 <td colspan=\"7\" class=\"read-error\">could not be read{}: {}</td></tr>",
                error
                    .position
                    .map(|p| format!(" (line {}, column {})", p.line, p.column))
                    .unwrap_or_default(),
                esc(&error.message)
            );
        }
        Ok(e) => {
            let count = |l: Level| {
                e.findings
                    .iter()
                    .filter(|x| x.suppression.is_none() && x.level == l)
                    .count()
            };
            let suppressed = e
                .findings
                .iter()
                .filter(|x| x.suppression.is_some())
                .count();
            let format = format!("{} {}", e.format.as_str(), e.spec_version);
            let _ = write!(s, "<tr><th scope=\"row\"><code>{path}</code>");
            if !e.diagnostics.is_empty() {
                let _ = write!(
                    s,
                    "<details class=\"diagnostics\"><summary>{} {} from the reader</summary><ul>",
                    e.diagnostics.len(),
                    plural(e.diagnostics.len(), "remark", "remarks")
                );
                for d in &e.diagnostics {
                    let at = d
                        .position
                        .map(|p| format!(" line {}", p.line))
                        .unwrap_or_default();
                    let _ = write!(
                        s,
                        "<li><span class=\"badge {}\">{}</span> <code>{}</code>{at}: {}</li>",
                        esc(d.severity.as_str()),
                        esc(d.severity.as_str()),
                        esc(d.code),
                        esc(&d.message)
                    );
                }
                s.push_str("</ul></details>");
            }
            let cell = |n: usize, class: &str| {
                if n == 0 {
                    "<td class=\"num zero\">0</td>".to_string()
                } else {
                    format!("<td class=\"num {class}\">{n}</td>")
                }
            };
            let _ = writeln!(
                s,
                "</th><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>{}{}{}{}</tr>",
                esc(format.trim_end()),
                e.counts.components,
                e.counts.evaluated,
                cell(count(Level::Error), "error"),
                cell(count(Level::Warning), "warning"),
                cell(count(Level::Note), "note"),
                cell(suppressed, "suppressed"),
            );
        }
    }
}

/// The policy file as a row of the files table, with the findings about it, so that the table
/// adds up to the cards.
fn policy_row(s: &mut String, report: &Report) {
    let file = match (&report.policy_file, report.policy_findings.first()) {
        (Some(file), _) => file.as_str(),
        (None, Some(f)) => f.location.file.as_str(),
        (None, None) => return,
    };
    let count = |l: Level| {
        let n = report
            .policy_findings
            .iter()
            .filter(|f| f.level == l)
            .count();
        if n == 0 {
            "<td class=\"num zero\">0</td>".to_string()
        } else {
            format!("<td class=\"num {}\">{n}</td>", l.as_str())
        }
    };
    let _ = writeln!(
        s,
        "<tr class=\"policy\"><th scope=\"row\"><code>{}</code></th><td>policy file</td>\
         <td class=\"num zero\"></td><td class=\"num zero\"></td>{}{}{}<td class=\"num zero\"></td></tr>",
        esc(file),
        count(Level::Error),
        count(Level::Warning),
        count(Level::Note)
    );
}

fn findings(s: &mut String, rows: &[Row<'_>]) {
    let suppressed = rows.iter().filter(|r| r.suppressed()).count();
    let _ = writeln!(
        s,
        "<section id=\"findings\">\n<h2>Findings <span class=\"muted\">({})</span></h2>",
        rows.len()
    );
    // The filters: every choice offered is a value some row has.
    s.push_str("<div class=\"filters\" role=\"search\">\n<fieldset class=\"levels\"><legend>Level</legend>");
    for level in [Level::Error, Level::Warning, Level::Note] {
        let l = level.as_str();
        let _ = write!(
            s,
            "<label><input type=\"checkbox\" id=\"level-{l}\" value=\"{l}\" data-filter-level checked autocomplete=\"off\"> \
             <span class=\"badge {l}\">{l}</span></label>"
        );
    }
    s.push_str("</fieldset>\n");
    select(s, "rule", "Rule", "All rules", rows, |r| {
        r.rule.id.to_string()
    });
    select(s, "vendor", "Vendor", "All vendors", rows, |r| {
        r.vendor().to_string()
    });
    select(s, "item", "Catalogue item", "All items", rows, |r| {
        r.item().to_string()
    });
    let _ = writeln!(
        s,
        "<label class=\"search\"><span>Search</span><input type=\"search\" id=\"search\" \
         placeholder=\"name, vendor, message…\" autocomplete=\"off\"></label>\n\
         <label class=\"toggle\"><input type=\"checkbox\" id=\"show-suppressed\" autocomplete=\"off\"> \
         show suppressed ({suppressed})</label>\n\
         <button type=\"button\" id=\"reset\">Reset</button>\n</div>"
    );
    let _ = writeln!(
        s,
        "<p id=\"shown\" aria-live=\"polite\">{} of {} findings shown</p>",
        rows.len() - suppressed,
        rows.len()
    );
    s.push_str(
        "<div class=\"scroll\"><table id=\"findings-table\" class=\"findings\">\n\
         <colgroup><col class=\"c-level\"><col class=\"c-rule\"><col class=\"c-component\">\
         <col class=\"c-vendor\"><col class=\"c-item\"><col class=\"c-location\"></colgroup>\n<thead><tr>\
         <th scope=\"col\"><button type=\"button\" data-key=\"rank\">Level</button></th>\
         <th scope=\"col\"><button type=\"button\" data-key=\"rule\">Rule</button></th>\
         <th scope=\"col\"><button type=\"button\" data-key=\"component\">Component</button></th>\
         <th scope=\"col\"><button type=\"button\" data-key=\"vendor\">Vendor</button></th>\
         <th scope=\"col\"><button type=\"button\" data-key=\"item\">Catalogue item</button></th>\
         <th scope=\"col\"><button type=\"button\" data-key=\"location\">Location</button></th>\
         </tr></thead>\n",
    );
    for (index, row) in rows.iter().enumerate() {
        finding_row(s, index, row);
    }
    s.push_str("</table></div>\n");
    let _ = writeln!(
        s,
        "<p id=\"none-shown\"{}>{}</p>\n</section>",
        if rows.len() > suppressed {
            " hidden"
        } else {
            ""
        },
        if rows.is_empty() {
            "No findings in this run."
        } else {
            "No finding matches the filters."
        }
    );
}

/// A filter offering every value of `key` among the rows, with how many rows have it.
fn select(
    s: &mut String,
    id: &str,
    label: &str,
    all: &str,
    rows: &[Row<'_>],
    key: impl Fn(&Row<'_>) -> String,
) {
    let mut values: BTreeMap<String, usize> = BTreeMap::new();
    for r in rows {
        *values.entry(key(r)).or_default() += 1;
    }
    let _ = write!(
        s,
        "<label class=\"select\"><span>{label}</span><select id=\"filter-{id}\" data-filter=\"{id}\" autocomplete=\"off\">\
         <option value=\"\">{all}</option>"
    );
    for (value, n) in &values {
        let text = if value.is_empty() {
            "(none)"
        } else {
            value.as_str()
        };
        let _ = write!(
            s,
            "<option value=\"{}\">{} ({n})</option>",
            esc(value),
            esc(text)
        );
    }
    s.push_str("</select></label>\n");
}

fn finding_row(s: &mut String, index: usize, row: &Row<'_>) {
    let level = row.level.as_str();
    let rank = match row.level {
        Level::Error => 3,
        Level::Warning => 2,
        Level::Note => 1,
    };
    let component = row.component_text();
    let suppressed = row.suppressed();
    let _ = write!(
        s,
        "<tbody class=\"finding{}\" data-index=\"{index}\" data-level=\"{level}\" data-rank=\"{rank}\" \
         data-rule=\"{}\" data-component=\"{}\" data-vendor=\"{}\" data-item=\"{}\" data-file=\"{}\" \
         data-line=\"{}\"{}{}>\n<tr class=\"main\">",
        if suppressed { " suppressed" } else { "" },
        esc(row.rule.id),
        esc(&component),
        esc(&row.vendor()),
        esc(row.item()),
        esc(row.file),
        row.line,
        if row.policy.is_some() {
            " data-policy"
        } else {
            ""
        },
        if suppressed {
            " data-suppressed hidden"
        } else {
            ""
        },
    );
    let _ = write!(s, "<td><span class=\"badge {level}\">{level}</span>");
    if suppressed {
        s.push_str(" <span class=\"badge suppressed\">suppressed</span>");
    }
    if row.component.is_some_and(|f| f.new_since_baseline) {
        s.push_str(" <span class=\"badge new\">new</span>");
    }
    let _ = write!(
        s,
        "</td><td class=\"rule\"><code title=\"{}\">{}</code></td>",
        esc(row.rule.summary),
        esc(row.rule.id)
    );
    match row.component {
        Some(f) => {
            let _ = write!(
                s,
                "<td class=\"component\"><span class=\"name\">{}</span>",
                esc(&f.component.name)
            );
            if let Some(v) = f.component.version.as_deref().filter(|v| !v.is_empty()) {
                let _ = write!(s, " <span class=\"version\">{}</span>", esc(v));
            }
            s.push_str("</td>");
        }
        None => s.push_str("<td class=\"component muted\">policy file</td>"),
    }
    let _ = writeln!(
        s,
        "<td>{}</td><td>{}</td><td class=\"location\"><code>{}:{}</code></td></tr>",
        esc(&row.vendor()),
        if row.item().is_empty() {
            String::new()
        } else {
            format!("<code>{}</code>", esc(row.item()).replace('/', "/<wbr>"))
        },
        esc(row.file).replace('/', "/<wbr>"),
        row.line
    );
    let _ = write!(
        s,
        "<tr class=\"detail\"><td colspan=\"6\"><details><summary><span class=\"msg\">{}</span></summary>\n<div class=\"more\">",
        esc(row.message)
    );
    if let Some(f) = row.component {
        details(s, f);
    }
    if let Some(p) = row.policy {
        let _ = write!(
            s,
            "<p>About the policy file <code>{}</code>, line {}, column {}.</p>",
            esc(&p.location.file),
            p.location.line,
            p.location.column
        );
    }
    let _ = writeln!(
        s,
        "<p class=\"rule-summary\"><code>{}</code> ({}): {}</p></div></details></td></tr>\n</tbody>",
        esc(row.rule.id),
        esc(row.rule.name),
        esc(row.rule.summary)
    );
}

/// What the expanded row says beyond the message: the suppression, the dependency path, the
/// other declarations and the component's identifiers.
fn details(s: &mut String, f: &Finding) {
    if let Some(why) = &f.suppression {
        let until = why
            .expires
            .map(|d| format!(", until {d}"))
            .unwrap_or_default();
        let _ = write!(
            s,
            "<p class=\"why-suppressed\"><strong>Suppressed</strong> by the exception at <code>{}</code> line {}{}: {}</p>",
            esc(&why.location.file),
            why.location.line,
            esc(&until),
            esc(&why.reason)
        );
    }
    if f.path.len() > 1 {
        s.push_str("<p class=\"path\">Introduced via ");
        for (i, step) in f.path.kept().enumerate() {
            if i > 0 {
                s.push_str(" <span class=\"arrow\">→</span> ");
            }
            if i == f.path.head.len() && f.path.omitted > 0 {
                let _ = write!(
                    s,
                    "<span class=\"muted\">… ({} more)</span> <span class=\"arrow\">→</span> ",
                    f.path.omitted
                );
            }
            let _ = write!(
                s,
                "<span class=\"step\">{}</span> <span class=\"muted\">(line {})</span>",
                esc(&step.name),
                step.region.start.line
            );
        }
        s.push_str("</p>");
    }
    if !f.related.is_empty() {
        s.push_str("<p>Also declared at:</p><ul class=\"related\">");
        for d in &f.related {
            let _ = write!(
                s,
                "<li><code>{}:{}:{}</code> {}</li>",
                esc(&d.file),
                d.position.line,
                d.position.column,
                esc(&d.text)
            );
        }
        s.push_str("</ul>");
    }
    let c = &f.component;
    s.push_str("<dl class=\"facts\">");
    let mut fact = |term: &str, value: &str| {
        if !value.is_empty() {
            let _ = write!(s, "<div><dt>{term}</dt><dd>{}</dd></div>", esc(value));
        }
    };
    fact("type", &c.kind);
    fact("group", c.group.as_deref().unwrap_or(""));
    fact("purl", c.purl.as_deref().unwrap_or(""));
    fact("bom-ref", c.bom_ref.as_deref().unwrap_or(""));
    fact(
        "vendor as written",
        c.vendor_written.as_deref().unwrap_or(""),
    );
    fact("vendor identified as", c.vendor.as_deref().unwrap_or(""));
    fact("vendor id", c.vendor_id.as_deref().unwrap_or(""));
    fact("confidence", f.confidence.map(|c| c.as_str()).unwrap_or(""));
    fact(
        "lines",
        &format!("{}–{}", f.region.start.line, f.region.end.line),
    );
    fact("fingerprint", &f.fingerprint);
    s.push_str("</dl>");
}

fn policy_note(s: &mut String, report: &Report) {
    if report.policy_findings.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "<p class=\"muted\">{} of the findings {} about the policy file itself.</p>",
        report.policy_findings.len(),
        if report.policy_findings.len() == 1 {
            "is"
        } else {
            "are"
        }
    );
}

const CONTROLS: [Control; 3] = [Control::Domestic, Control::Foreign, Control::Unknown];

/// The procurement section: per file with an account, the components on a procurement list and
/// the domestic-control share as a table and as stacked bars.
fn procurement(s: &mut String, report: &Report) {
    s.push_str(
        "<section id=\"procurement\">\n<h2>Procurement</h2>\n<p class=\"muted\">Components on a \
         government procurement list are shown here, not as findings. The domestic-control share \
         counts the key components (catalogue products, CPUs, operating systems, databases, \
         security software) by the controlling country of their vendor; those whose control is \
         not known are counted apart, as unknown.</p>\n",
    );
    for (index, f) in report.files.iter().enumerate() {
        let Ok(e) = &f.outcome else { continue };
        let Some(p) = &e.procurement else { continue };
        procurement_file(s, index + 1, &f.source.display, p);
    }
    s.push_str("</section>\n");
}

fn procurement_file(s: &mut String, index: usize, display: &str, p: &ProcurementAccount) {
    let _ = writeln!(
        s,
        "<article class=\"procurement\" id=\"procurement-{index}\" data-file=\"{}\">\n<h3><code>{}</code></h3>",
        esc(display),
        esc(display)
    );
    if !p.listed.is_empty() {
        let _ = writeln!(
            s,
            "<h4>Procurement lists <span class=\"muted\">({} {} on a list)</span></h4>\n\
             <div class=\"scroll\"><table class=\"listed\">\n<thead><tr><th scope=\"col\">Component</th>\
             <th scope=\"col\">Class</th><th scope=\"col\">List</th><th scope=\"col\">Entry</th>\
             <th scope=\"col\">Status</th><th scope=\"col\">Valid until</th>\
             <th scope=\"col\" class=\"num\">Line</th></tr></thead>\n<tbody>",
            p.listed.len(),
            plural(p.listed.len(), "component", "components")
        );
        for l in &p.listed {
            listed_row(s, l);
        }
        s.push_str("</tbody>\n</table></div>\n");
    }
    share(s, index, &p.share);
    s.push_str("</article>\n");
}

fn listed_row(s: &mut String, l: &ListedComponent) {
    let _ = writeln!(
        s,
        "<tr><th scope=\"row\" class=\"name\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
         <td class=\"date\">{}</td><td class=\"num\">{}</td></tr>",
        esc(&l.component.name),
        esc(&l.class),
        esc(&l.list),
        esc(&l.entry),
        esc(&l.status),
        l.valid_until
            .map(|d| d.to_string())
            .unwrap_or_else(|| "–".into()),
        l.region.start.line
    );
}

/// The share table, the bars by count and by spend, the minimum and the note on spend, the
/// components of unknown control with why, and every key component.
fn share(s: &mut String, index: usize, t: &ShareTable) {
    s.push_str("<h4>Domestic-control share</h4>\n");
    if t.rows.is_empty() {
        s.push_str(
            "<p class=\"share-empty\">No key components (catalogue products, CPUs, operating \
             systems, databases, security software) in this file: there is no share to show.</p>\n",
        );
        if let Some(min) = t.minimum {
            let _ = writeln!(
                s,
                "<p class=\"minimum\">Minimum domestic share: {}</p>",
                crate::ingest::partlist::amount::exact_percentage(min)
            );
        }
        return;
    }
    let currency = t.currency.as_deref().unwrap_or("");
    let spend = t.by_spend.as_ref();
    s.push_str("<div class=\"share\">\n<table class=\"share-table\">\n<thead><tr><th scope=\"col\">Control</th>\
                <th scope=\"col\" class=\"num\">Entries</th><th scope=\"col\" class=\"num\">Share</th>");
    if spend.is_some() {
        let unit = if currency.is_empty() {
            String::new()
        } else {
            format!(" ({})", esc(currency))
        };
        let _ = write!(
            s,
            "<th scope=\"col\" class=\"num\">Spend{unit}</th><th scope=\"col\" class=\"num\">Share of spend</th>"
        );
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for c in CONTROLS {
        let name = c.as_str();
        let _ = write!(
            s,
            "<tr class=\"control-{name}\"><th scope=\"row\"><span class=\"swatch {name}\" aria-hidden=\"true\"></span>{name}</th>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td>",
            number(t.by_count.get(c)),
            percent(t.by_count.share(c))
        );
        if let Some(x) = spend {
            let _ = write!(
                s,
                "<td class=\"num\">{}</td><td class=\"num\">{}</td>",
                amount(x.get(c)),
                percent(x.share(c))
            );
        }
        s.push_str("</tr>\n");
    }
    let _ = write!(
        s,
        "<tr class=\"total\"><th scope=\"row\">total</th><td class=\"num\">{}</td><td class=\"num\">{}</td>",
        number(t.by_count.total()),
        percent(Decimal::ONE)
    );
    if let Some(x) = spend {
        let _ = write!(
            s,
            "<td class=\"num\">{}</td><td class=\"num\">{}</td>",
            amount(x.total()),
            percent(whole_share(x))
        );
    }
    s.push_str("</tr>\n</tbody>\n</table>\n<div class=\"charts\">\n");
    bar(
        s,
        &format!("share-{index}-count"),
        "count",
        &format!("By count of BOM entries ({})", number(t.by_count.total())),
        &t.by_count,
        number,
    );
    if let Some(x) = spend {
        let unit = if currency.is_empty() {
            String::new()
        } else {
            format!(" {currency}")
        };
        bar(
            s,
            &format!("share-{index}-spend"),
            "spend",
            &format!("By spend ({}{unit})", amount(x.total())),
            x,
            |v| format!("{}{unit}", amount(v)),
        );
    }
    s.push_str("</div>\n</div>\n");
    let mut notes = Vec::new();
    if let Some(min) = t.minimum {
        notes.push(format!(
            "<p class=\"minimum\">Minimum domestic share: {}</p>",
            crate::ingest::partlist::amount::exact_percentage(min)
        ));
    }
    match (&t.spend_note, spend) {
        (Some(note), _) => notes.push(format!("<p class=\"spend-note\">Spend: {}</p>", esc(note))),
        (None, None) => notes.push(
            "<p class=\"spend-note\">Spend: no key component has a unit price.</p>".to_string(),
        ),
        (None, Some(_)) => {}
    }
    for n in notes {
        let _ = writeln!(s, "{n}");
    }
    let unknown: Vec<&ShareRow> = t
        .rows
        .iter()
        .filter(|r| r.control == Control::Unknown)
        .collect();
    if !unknown.is_empty() {
        let _ = write!(
            s,
            "<p>Of unknown control ({}):</p>\n<ul class=\"unknown\">",
            unknown.len()
        );
        for r in unknown {
            let _ = write!(
                s,
                "<li><span class=\"name\">{}</span> <span class=\"muted\">({}, line {})</span>: {}</li>",
                esc(&r.component.name),
                esc(&r.what),
                r.region.start.line,
                esc(&r.basis)
            );
        }
        s.push_str("</ul>\n");
    }
    let _ = writeln!(
        s,
        "<details class=\"key-components\"><summary>Key components ({})</summary>\n\
         <div class=\"scroll\"><table class=\"key\">\n<thead><tr><th scope=\"col\">Component</th>\
         <th scope=\"col\">What</th><th scope=\"col\">Control</th><th scope=\"col\">Basis</th>\
         <th scope=\"col\" class=\"num\">Quantity</th><th scope=\"col\" class=\"num\">Unit price</th>\
         <th scope=\"col\" class=\"num\">Line</th></tr></thead>\n<tbody>",
        t.rows.len()
    );
    for r in &t.rows {
        let control = r.control.as_str();
        let price = r
            .unit_price
            .map(|p| match &r.currency {
                Some(c) => format!("{} {}", amount(p), esc(c)),
                None => amount(p),
            })
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "<tr class=\"control-{control}\"><th scope=\"row\" class=\"name\">{}</th><td>{}</td>\
             <td><span class=\"swatch {control}\" aria-hidden=\"true\"></span>{control}</td><td>{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{price}</td><td class=\"num\">{}</td></tr>",
            esc(&r.component.name),
            esc(&r.what),
            esc(&r.basis),
            r.quantity.map(number).unwrap_or_default(),
            r.region.start.line
        );
    }
    s.push_str("</tbody>\n</table></div>\n</details>\n");
}

/// One horizontal stacked bar (inline SVG, sized in percentages so that its text is never
/// stretched): a segment per kind of control in the order domestic, foreign, unknown, each with
/// its share written on it where it is wide enough, and a legend that says every figure in text.
fn bar(
    s: &mut String,
    id: &str,
    measure: &str,
    caption: &str,
    t: &ShareTotals,
    figure: impl Fn(Decimal) -> String,
) {
    let described: Vec<String> = CONTROLS
        .iter()
        .map(|&c| {
            format!(
                "{} {} ({})",
                c.as_str(),
                figure(t.get(c)),
                percent(t.share(c))
            )
        })
        .collect();
    let _ = writeln!(
        s,
        "<figure class=\"share-chart\" id=\"{id}\" data-measure=\"{measure}\">\n<figcaption>{}</figcaption>",
        esc(caption)
    );
    if t.total().is_zero() {
        s.push_str("<p class=\"muted\">Nothing to chart: the total is zero.</p>\n</figure>\n");
        return;
    }
    let _ = write!(
        s,
        "<svg class=\"bar\" width=\"100%\" height=\"28\" role=\"img\" aria-label=\"{}: {}\">",
        esc(caption),
        esc(&described.join(", "))
    );
    let mut x = 0.0;
    for c in CONTROLS {
        // A segment's width is drawing, not arithmetic on money: a float is fine here.
        let width = f64::try_from(t.share(c) * Decimal::ONE_HUNDRED).unwrap_or(0.0);
        if width <= 0.0 {
            continue;
        }
        let name = c.as_str();
        let _ = write!(
            s,
            "<rect class=\"seg {name}\" data-control=\"{name}\" x=\"{x:.4}%\" y=\"0\" width=\"{width:.4}%\" height=\"100%\"><title>{}</title></rect>",
            esc(&format!(
                "{name}: {} of {} ({})",
                figure(t.get(c)),
                figure(t.total()),
                percent(t.share(c))
            ))
        );
        if width >= 8.0 {
            let _ = write!(
                s,
                "<text class=\"{name}\" x=\"{:.4}%\" y=\"50%\" text-anchor=\"middle\" dominant-baseline=\"central\" aria-hidden=\"true\">{}</text>",
                x + width / 2.0,
                percent(t.share(c))
            );
        }
        x += width;
    }
    s.push_str("</svg>\n<ul class=\"legend\">");
    for (c, text) in CONTROLS.iter().zip(&described) {
        let _ = write!(
            s,
            "<li data-control=\"{}\"><span class=\"swatch {}\" aria-hidden=\"true\"></span>{}</li>",
            c.as_str(),
            c.as_str(),
            esc(text)
        );
    }
    s.push_str("</ul>\n</figure>\n");
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// Text safe in an element or a quoted attribute: `& < > " '` escaped, control characters (which
/// HTML does not allow) replaced, invisible formatting characters shown as escapes.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => out.push('\u{fffd}'),
            // Shown, not obeyed: a bidirectional override would reorder what a reviewer reads.
            c if super::escape::is_invisible(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out
}

/// A Content-Security-Policy source allowing exactly this inline text.
fn csp_hash(text: &str) -> String {
    format!("sha256-{}", base64(&Sha256::digest(text.as_bytes())))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

const STYLE: &str = r#"
:root {
  --bg: #f7f8fa; --fg: #1d2330; --muted: #667085; --panel: #ffffff; --line: #d9dee7;
  --error: #b42318; --error-bg: #fdecea; --warning: #9a5b00; --warning-bg: #fff4dc;
  --note: #175cd3; --note-bg: #e8f0fe; --grey: #6b7280; --grey-bg: #eef0f3; --accent: #344054;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15181e; --fg: #e6e8ec; --muted: #98a2b3; --panel: #1d2129; --line: #343a46;
    --error: #ff8a80; --error-bg: #3b1f1f; --warning: #ffcc66; --warning-bg: #3a2f17;
    --note: #8ab4f8; --note-bg: #1d2b44; --grey: #a0a6b1; --grey-bg: #2a2f38; --accent: #c9ced8;
  }
}
* { box-sizing: border-box; }
html { font-size: 15px; }
body {
  margin: 0; background: var(--bg); color: var(--fg); line-height: 1.45;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC",
    "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
}
code {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono",
    "Noto Sans Mono CJK SC", "WenQuanYi Micro Hei Mono", monospace;
  font-size: 0.9em;
}
header, main, footer { max-width: 1400px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 18px; }
h1 { font-size: 1.6rem; margin: 0 0 8px; }
h2 { font-size: 1.2rem; margin: 22px 0 8px; }
.muted { color: var(--muted); font-weight: normal; }
.top { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: flex-start; gap: 12px 24px; }
.about { flex: 1 1 600px; }
.meta { display: flex; flex-wrap: wrap; gap: 2px 24px; margin: 0; }
.meta div { display: flex; gap: 6px; }
.meta dt { color: var(--muted); }
.meta dt::after { content: ":"; }
.meta dd { margin: 0; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin-top: 6px; }
.card {
  min-width: 112px; padding: 8px 14px; border-radius: 8px; background: var(--panel);
  border: 1px solid var(--line); border-left: 6px solid var(--grey);
}
.card .n { display: block; font-size: 1.8rem; font-weight: 650; line-height: 1.1; }
.card .what { color: var(--muted); }
.card.error { border-left-color: var(--error); } .card.error .n { color: var(--error); }
.card.warning { border-left-color: var(--warning); } .card.warning .n { color: var(--warning); }
.card.note { border-left-color: var(--note); } .card.note .n { color: var(--note); }
.card.suppressed .n { color: var(--grey); }
.notices { margin: 12px 0 0; padding: 8px 12px 8px 28px; background: var(--warning-bg); border-radius: 6px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; background: var(--panel); border: 1px solid var(--line); }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; }
thead th { background: var(--grey-bg); font-weight: 600; white-space: nowrap; }
table.files tbody tr { border-top: 1px solid var(--line); }
table.files tbody th { font-weight: normal; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.zero { color: var(--muted); }
td.num.error { color: var(--error); font-weight: 600; }
td.num.warning { color: var(--warning); font-weight: 600; }
td.num.note { color: var(--note); font-weight: 600; }
td.read-error { color: var(--error); }
details.diagnostics, details.skipped { margin-top: 4px; color: var(--muted); }
details.diagnostics ul, details.skipped ul { margin: 4px 0; padding-left: 20px; }
details.diagnostics summary, details.skipped summary { cursor: pointer; }
.badge {
  display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 0.8rem;
  font-weight: 600; background: var(--grey-bg); color: var(--grey); white-space: nowrap;
}
.badge.error { background: var(--error-bg); color: var(--error); }
.badge.warning { background: var(--warning-bg); color: var(--warning); }
.badge.note { background: var(--note-bg); color: var(--note); }
.badge.new { background: var(--note); color: var(--panel); }
.filters {
  display: flex; flex-wrap: wrap; align-items: flex-end; gap: 10px 16px; padding: 10px 12px;
  background: var(--panel); border: 1px solid var(--line); border-radius: 8px;
}
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 10px; align-items: center; }
.filters legend, .filters label > span:first-child:not(.badge) { display: block; font-size: 0.8rem; color: var(--muted); padding: 0; }
.filters legend { float: left; margin-right: 4px; }
.filters select, .filters input[type="search"] {
  font: inherit; padding: 3px 6px; border: 1px solid var(--line); border-radius: 5px;
  background: var(--bg); color: var(--fg); max-width: 190px;
}
.filters input[type="search"] { width: 190px; }
.filters .toggle, .filters .levels label { white-space: nowrap; }
.filters button {
  font: inherit; padding: 3px 12px; border: 1px solid var(--line); border-radius: 5px;
  background: var(--grey-bg); color: var(--fg); cursor: pointer;
}
#shown { margin: 8px 2px; color: var(--muted); }
table.findings thead button {
  font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer;
}
table.findings thead button::after { content: " \2195"; color: var(--muted); font-weight: normal; }
table.findings th[aria-sort="ascending"] button::after { content: " \25B2"; color: var(--fg); }
table.findings th[aria-sort="descending"] button::after { content: " \25BC"; color: var(--fg); }
tbody.finding { border-top: 1px solid var(--line); }
tbody.finding tr.main td { padding-bottom: 0; }
tbody.finding tr.detail td { padding-top: 2px; color: var(--muted); }
tbody.finding.suppressed { color: var(--grey); background: var(--grey-bg); }
tbody.finding.suppressed tr.main td { opacity: 0.7; }
td.component .name { font-weight: 600; }
td.component .version { color: var(--muted); }
table.findings { table-layout: fixed; min-width: 960px; }
col.c-level { width: 8%; } col.c-rule { width: 20%; } col.c-component { width: 23%; }
col.c-vendor { width: 16%; } col.c-item { width: 13%; } col.c-location { width: 20%; }
table.findings td { overflow-wrap: break-word; }
table.findings td code { font-size: 0.85em; }
details summary { cursor: pointer; }
tr.detail summary { list-style: none; display: flex; gap: 6px; }
tr.detail summary::-webkit-details-marker { display: none; }
tr.detail summary::before { content: "\25B8"; flex: none; }
tr.detail details[open] > summary::before { content: "\25BE"; }
tr.detail .msg { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 120ch; }
tr.detail details[open] .msg { white-space: normal; color: var(--fg); max-width: none; }
.more { margin: 6px 0 4px 18px; color: var(--fg); }
.more p { margin: 4px 0; }
.why-suppressed { padding: 4px 8px; background: var(--grey-bg); border-left: 4px solid var(--grey); }
.path .step { font-weight: 600; }
.path .arrow { color: var(--muted); }
ul.related { margin: 2px 0; padding-left: 20px; }
.facts { display: flex; flex-wrap: wrap; gap: 2px 18px; margin: 6px 0 0; font-size: 0.85rem; color: var(--muted); }
.facts div { display: flex; gap: 4px; }
.facts dt::after { content: ":"; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.rule-summary { font-size: 0.85rem; color: var(--muted); }
#none-shown { padding: 12px; color: var(--muted); }
footer { margin: 28px auto 24px; color: var(--muted); font-size: 0.85rem; }
[hidden] { display: none !important; }
"#;

/// The procurement section's style, added to [`STYLE`] on the pages that have one. The three
/// kinds of control have colours apart in hue and lightness, and their text says every figure.
const PROCUREMENT_STYLE: &str = r#"
:root {
  --domestic: #1f5fa8; --domestic-ink: #ffffff; --foreign: #b35400; --foreign-ink: #ffffff;
  --unknown: #c4c8cf; --unknown-ink: #1d2330;
}
@media (prefers-color-scheme: dark) {
  :root {
    --domestic: #6aa8ea; --domestic-ink: #0d1420; --foreign: #f0a45c; --foreign-ink: #1f1305;
    --unknown: #4b515c; --unknown-ink: #f1f3f6;
  }
}
#procurement > p.muted { max-width: 110ch; }
article.procurement { margin: 14px 0 22px; padding: 4px 16px 12px; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; }
article.procurement h3 { font-size: 1.05rem; margin: 12px 0 6px; }
article.procurement h4 { font-size: 0.95rem; margin: 14px 0 6px; }
article.procurement table { border: 1px solid var(--line); }
article.procurement tbody tr { border-top: 1px solid var(--line); }
article.procurement tbody th { font-weight: normal; }
article.procurement th.name, article.procurement .name { font-weight: 600; }
.share { display: flex; flex-wrap: wrap; gap: 12px 32px; align-items: flex-start; }
table.share-table { width: auto; min-width: 320px; }
table.share-table tr.total { font-weight: 600; }
table.share-table tr.control-unknown td { font-weight: 600; }
.charts { flex: 1 1 420px; min-width: 300px; }
.share-chart { margin: 0 0 14px; }
.share-chart figcaption { font-size: 0.85rem; color: var(--muted); margin-bottom: 4px; }
svg.bar { display: block; border-radius: 4px; background: var(--grey-bg); }
svg.bar rect.domestic { fill: var(--domestic); }
svg.bar rect.foreign { fill: var(--foreign); }
svg.bar rect.unknown { fill: var(--unknown); stroke: var(--unknown-ink); stroke-width: 1; stroke-dasharray: 3 2; }
svg.bar text { font-size: 12px; font-weight: 650; font-family: inherit; }
svg.bar text.domestic { fill: var(--domestic-ink); }
svg.bar text.foreign { fill: var(--foreign-ink); }
svg.bar text.unknown { fill: var(--unknown-ink); }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 2px 18px; margin: 6px 0 0; padding: 0; font-size: 0.85rem; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
.swatch.domestic { background: var(--domestic); }
.swatch.foreign { background: var(--foreign); }
.swatch.unknown { background: var(--unknown); border: 1px dashed var(--unknown-ink); }
td.date { white-space: nowrap; }
p.minimum { margin: 6px 0; font-weight: 600; }
p.spend-note, p.share-empty { margin: 6px 0; color: var(--muted); }
ul.unknown { margin: 2px 0 8px; padding-left: 20px; }
details.key-components { margin: 8px 0 0; }
details.key-components table { margin-top: 6px; }
"#;

/// Filters and sorts the rows by their `data-*` attributes; reads text, never writes markup.
const SCRIPT: &str = r#"
"use strict";
(() => {
  const table = document.getElementById("findings-table");
  if (!table) return;
  const rows = Array.from(table.querySelectorAll("tbody.finding"));
  const text = new Map(rows.map((r) => [r, r.textContent.toLowerCase()]));
  const levels = Array.from(document.querySelectorAll("input[data-filter-level]"));
  const selects = Array.from(document.querySelectorAll("select[data-filter]"));
  const search = document.getElementById("search");
  const showSuppressed = document.getElementById("show-suppressed");
  const shown = document.getElementById("shown");
  const none = document.getElementById("none-shown");
  const apply = () => {
    const on = new Set(levels.filter((c) => c.checked).map((c) => c.value));
    const words = search.value.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
    let n = 0;
    for (const r of rows) {
      let visible = on.has(r.dataset.level) &&
        (showSuppressed.checked || !r.hasAttribute("data-suppressed"));
      for (const s of selects) {
        if (visible && s.selectedIndex > 0 && r.dataset[s.dataset.filter] !== s.value) visible = false;
      }
      if (visible) visible = words.every((w) => text.get(r).includes(w));
      r.hidden = !visible;
      if (visible) n += 1;
    }
    shown.textContent = n + " of " + rows.length + (rows.length === 1 ? " finding" : " findings") + " shown";
    none.hidden = n > 0;
  };
  for (const c of levels) c.addEventListener("change", apply);
  for (const s of selects) s.addEventListener("change", apply);
  search.addEventListener("input", apply);
  showSuppressed.addEventListener("change", apply);
  document.getElementById("reset").addEventListener("click", () => {
    for (const c of levels) c.checked = true;
    for (const s of selects) s.selectedIndex = 0;
    search.value = "";
    showSuppressed.checked = false;
    apply();
  });
  const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
  const compare = (a, b, key) => {
    if (key === "rank") return Number(a.dataset.rank) - Number(b.dataset.rank);
    if (key === "location") {
      return collator.compare(a.dataset.file, b.dataset.file) ||
        Number(a.dataset.line) - Number(b.dataset.line);
    }
    return collator.compare(a.dataset[key], b.dataset[key]);
  };
  const buttons = Array.from(table.querySelectorAll("thead button[data-key]"));
  for (const b of buttons) {
    b.addEventListener("click", () => {
      const th = b.parentElement;
      const dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      for (const o of buttons) o.parentElement.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", dir);
      const sign = dir === "ascending" ? 1 : -1;
      const sorted = rows.slice().sort((x, y) =>
        sign * compare(x, y, b.dataset.key) || Number(x.dataset.index) - Number(y.dataset.index));
      for (const r of sorted) table.appendChild(r);
    });
  }
  apply();
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_characters() {
        assert_eq!(
            esc("<a href='x'>\"&\"</a>\u{0}"),
            "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;\u{fffd}"
        );
        assert_eq!(esc("浪潮 TS860M5"), "浪潮 TS860M5");
    }

    #[test]
    fn the_share_table_counts_spend_and_keeps_unknown_apart() {
        let mut s = String::new();
        share(&mut s, 1, &crate::report::terminal::sample::account().share);
        let start = s.find("<table class=\"share-table\">").unwrap();
        let end = s[start..].find("</table>").unwrap() + start + "</table>".len();
        assert_eq!(
            &s[start..end],
            "<table class=\"share-table\">\n\
             <thead><tr><th scope=\"col\">Control</th><th scope=\"col\" class=\"num\">Entries</th>\
             <th scope=\"col\" class=\"num\">Share</th><th scope=\"col\" class=\"num\">Spend (CNY)</th>\
             <th scope=\"col\" class=\"num\">Share of spend</th></tr></thead>\n<tbody>\n\
             <tr class=\"control-domestic\"><th scope=\"row\"><span class=\"swatch domestic\" aria-hidden=\"true\"></span>domestic</th>\
             <td class=\"num\">2</td><td class=\"num\">50.0%</td><td class=\"num\">76,000.00</td><td class=\"num\">53.1%</td></tr>\n\
             <tr class=\"control-foreign\"><th scope=\"row\"><span class=\"swatch foreign\" aria-hidden=\"true\"></span>foreign</th>\
             <td class=\"num\">1</td><td class=\"num\">25.0%</td><td class=\"num\">48,000.00</td><td class=\"num\">33.6%</td></tr>\n\
             <tr class=\"control-unknown\"><th scope=\"row\"><span class=\"swatch unknown\" aria-hidden=\"true\"></span>unknown</th>\
             <td class=\"num\">1</td><td class=\"num\">25.0%</td><td class=\"num\">19,001.00</td><td class=\"num\">13.3%</td></tr>\n\
             <tr class=\"total\"><th scope=\"row\">total</th><td class=\"num\">4</td><td class=\"num\">100.0%</td>\
             <td class=\"num\">143,001.00</td><td class=\"num\">100.0%</td></tr>\n</tbody>\n</table>"
        );
        // The bars: three segments each, sized by share, the shares also written as text.
        assert_eq!(s.matches("<svg class=\"bar\"").count(), 2);
        assert!(s.contains(
            "<rect class=\"seg unknown\" data-control=\"unknown\" x=\"75.0000%\" y=\"0\" \
             width=\"25.0000%\" height=\"100%\"><title>unknown: 1 of 4 (25.0%)</title></rect>"
        ));
        assert!(s.contains(
            "<li data-control=\"unknown\"><span class=\"swatch unknown\" aria-hidden=\"true\"></span>\
             unknown 19,001.00 CNY (13.3%)</li>"
        ));
        assert!(s.contains("<p class=\"minimum\">Minimum domestic share: 75.0%</p>"));
        assert!(s.contains(
            "<ul class=\"unknown\"><li><span class=\"name\">Loongson 3C6000</span> \
             <span class=\"muted\">(CPU, line 6)</span>: vendor not identified</li></ul>"
        ));
    }

    #[test]
    fn the_procurement_style_is_only_on_pages_with_an_account() {
        use crate::report::terminal::sample;
        let without = render(&sample::report(None));
        assert!(without.contains(&format!("<style>{STYLE}</style>")));
        assert!(without.contains(&csp_hash(STYLE)));
        assert!(!without.contains("procurement"));
        let with = render(&sample::report(Some(sample::account())));
        let style = format!("{STYLE}{PROCUREMENT_STYLE}");
        assert!(with.contains(&format!("<style>{style}</style>")));
        assert!(with.contains(&csp_hash(&style)));
        assert!(with.contains("<section id=\"procurement\">"));
        assert!(with.contains(
            "<article class=\"procurement\" id=\"procurement-1\" data-file=\"bom.cdx.json\">"
        ));
        // The empty table says so.
        let empty = render(&sample::report(Some(Default::default())));
        assert!(empty.contains("<p class=\"share-empty\">No key components"));
        assert!(!empty.contains("<svg"));
    }

    #[test]
    fn base64_matches_the_standard_alphabet_and_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
