//! The findings section: the filters (level, rule, vendor, catalogue item, free text, suppressed),
//! the live count, and the table, a `<tbody>` per finding whose `data-*` attributes the script
//! filters and sorts by. A row opens on the message, the suppression, the dependency path, the
//! other declarations and the component's identifiers. The section's frame is laid out in the
//! page's `html!`, around the parts written here (see [`Rows`]).

use std::collections::BTreeMap;

use maud::{Markup, Render, html};

use crate::findings::rules::{Level, Rule};
use crate::findings::{Finding, PolicyFinding, Report};

use super::breakable;

/// One row of the findings table: a finding of a file, or one about the policy file.
pub(super) struct Row<'a> {
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

    /// The order of the level column when sorted: errors highest.
    fn rank(&self) -> u8 {
        match self.level {
            Level::Error => 3,
            Level::Warning => 2,
            Level::Note => 1,
        }
    }
}

/// The rows of the table: the findings of every file read, then those about the policy file.
pub(super) fn rows(report: &Report) -> Vec<Row<'_>> {
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

/// The section's heading, its filters and the live count.
pub(super) fn heading(rows: &[Row<'_>]) -> Markup {
    let suppressed = suppressed(rows);
    html! {
        h2 { "Findings " span class="muted" { "(" (rows.len()) ")" } }
        "\n"
        (filters(rows, suppressed))
        "\n"
        p id="shown" aria-live="polite" {
            (rows.len() - suppressed) " of " (rows.len()) " findings shown"
        }
        "\n"
    }
}

/// The table's columns and their headers, each a button that sorts by it.
pub(super) fn columns() -> Markup {
    html! {
        colgroup {
            @for column in ["level", "rule", "component", "vendor", "item", "location"] {
                col class={ "c-" (column) };
            }
        }
        "\n"
        thead {
            tr {
                @for (key, label) in [
                    ("rank", "Level"),
                    ("rule", "Rule"),
                    ("component", "Component"),
                    ("vendor", "Vendor"),
                    ("item", "Catalogue item"),
                    ("location", "Location"),
                ] {
                    th scope="col" { button type="button" data-key=(key) { (label) } }
                }
            }
        }
        "\n"
    }
}

/// The rows of the table, a `<tbody>` each, written straight into the buffer of the `html!`
/// they are spliced into: a page of 100,000 findings is hundreds of megabytes, which a section
/// returned as a `Markup` of its own would hold twice, once in the section and once in the page.
pub(super) struct Rows<'a>(pub(super) &'a [Row<'a>]);

impl Render for Rows<'_> {
    fn render_to(&self, buffer: &mut String) {
        for (index, row) in self.0.iter().enumerate() {
            finding_row(index, row).render_to(buffer);
        }
    }
}

/// What the table says when no row is shown: hidden while some row is.
pub(super) fn none_shown(rows: &[Row<'_>]) -> Markup {
    html! {
        p id="none-shown" hidden[rows.len() > suppressed(rows)] {
            @if rows.is_empty() {
                "No findings in this run."
            } @else {
                "No finding matches the filters."
            }
        }
        "\n"
    }
}

fn suppressed(rows: &[Row<'_>]) -> usize {
    rows.iter().filter(|r| r.suppressed()).count()
}

/// The filters: every choice offered is a value some row has.
fn filters(rows: &[Row<'_>], suppressed: usize) -> Markup {
    html! {
        div class="filters" role="search" {
            "\n"
            fieldset class="levels" {
                legend { "Level" }
                @for level in [Level::Error, Level::Warning, Level::Note] {
                    @let l = level.as_str();
                    label {
                        input type="checkbox" id={ "level-" (l) } value=(l) data-filter-level checked
                            autocomplete="off";
                        " "
                        span class={ "badge " (l) } { (l) }
                    }
                }
            }
            "\n"
            (select("rule", "Rule", "All rules", rows, |r| r.rule.id.to_string()))
            (select("vendor", "Vendor", "All vendors", rows, |r| r.vendor()))
            (select("item", "Catalogue item", "All items", rows, |r| r.item().to_string()))
            label class="search" {
                span { "Search" }
                input type="search" id="search" placeholder="name, vendor, message…"
                    autocomplete="off";
            }
            "\n"
            label class="toggle" {
                input type="checkbox" id="show-suppressed" autocomplete="off";
                " show suppressed (" (suppressed) ")"
            }
            "\n"
            button type="button" id="reset" { "Reset" }
            "\n"
        }
    }
}

/// A filter offering every value of `key` among the rows, with how many rows have it.
fn select(
    id: &str,
    label: &str,
    all: &str,
    rows: &[Row<'_>],
    key: impl Fn(&Row<'_>) -> String,
) -> Markup {
    let mut values: BTreeMap<String, usize> = BTreeMap::new();
    for r in rows {
        *values.entry(key(r)).or_default() += 1;
    }
    html! {
        label class="select" {
            span { (label) }
            select id={ "filter-" (id) } data-filter=(id) autocomplete="off" {
                option value="" { (all) }
                @for (value, n) in &values {
                    option value=(value) {
                        (if value.is_empty() { "(none)" } else { value.as_str() }) " (" (n) ")"
                    }
                }
            }
        }
        "\n"
    }
}

fn finding_row(index: usize, row: &Row<'_>) -> Markup {
    let level = row.level.as_str();
    let suppressed = row.suppressed();
    let vendor = row.vendor();
    let item = row.item();
    html! {
        tbody class={ "finding" @if suppressed { " suppressed" } }
            data-index=(index) data-level=(level) data-rank=(row.rank()) data-rule=(row.rule.id)
            data-component=(row.component_text()) data-vendor=(vendor) data-item=(item)
            data-file=(row.file) data-line=(row.line) data-policy[row.policy.is_some()]
            data-suppressed[suppressed] hidden[suppressed] {
            "\n"
            tr class="main" {
                td {
                    span class={ "badge " (level) } { (level) }
                    @if suppressed { " " span class="badge suppressed" { "suppressed" } }
                    @if row.component.is_some_and(|f| f.new_since_baseline) {
                        " " span class="badge new" { "new" }
                    }
                }
                td class="rule" { code title=(row.rule.summary) { (row.rule.id) } }
                @match row.component {
                    Some(f) => td class="component" {
                        span class="name" { (f.component.name) }
                        @if let Some(v) = f.component.version.as_deref().filter(|v| !v.is_empty()) {
                            " " span class="version" { (v) }
                        }
                    },
                    None => td class="component muted" { "policy file" },
                }
                td { (vendor) }
                td {
                    @if !item.is_empty() { code { (breakable(item)) } }
                }
                td class="location" { code { (breakable(row.file)) ":" (row.line) } }
            }
            "\n"
            tr class="detail" {
                td colspan="6" {
                    details {
                        summary { span class="msg" { (row.message) } }
                        "\n"
                        div class="more" {
                            @if let Some(f) = row.component { (details(f)) }
                            @if let Some(p) = row.policy {
                                p {
                                    "About the policy file " code { (p.location.file) } ", line "
                                    (p.location.line) ", column " (p.location.column) "."
                                }
                            }
                            p class="rule-summary" {
                                code { (row.rule.id) } " (" (row.rule.name) "): " (row.rule.summary)
                            }
                        }
                    }
                }
            }
            "\n"
        }
        "\n"
    }
}

/// What the expanded row says beyond the message: the suppression, the dependency path, the
/// other declarations and the component's identifiers.
fn details(f: &Finding) -> Markup {
    let c = &f.component;
    let lines = format!("{}–{}", f.region.start.line, f.region.end.line);
    let facts = [
        ("type", c.kind.as_str()),
        ("group", c.group.as_deref().unwrap_or("")),
        ("purl", c.purl.as_deref().unwrap_or("")),
        ("bom-ref", c.bom_ref.as_deref().unwrap_or("")),
        (
            "vendor as written",
            c.vendor_written.as_deref().unwrap_or(""),
        ),
        ("vendor identified as", c.vendor.as_deref().unwrap_or("")),
        ("vendor id", c.vendor_id.as_deref().unwrap_or("")),
        ("confidence", f.confidence.map(|c| c.as_str()).unwrap_or("")),
        ("lines", lines.as_str()),
        ("fingerprint", f.fingerprint.as_str()),
    ];
    html! {
        @if let Some(why) = &f.suppression {
            p class="why-suppressed" {
                strong { "Suppressed" } " by the exception at " code { (why.location.file) }
                " line " (why.location.line)
                @if let Some(d) = why.expires { ", until " (d) }
                ": " (why.reason)
            }
        }
        @if f.path.len() > 1 {
            p class="path" {
                "Introduced via "
                @for (i, step) in f.path.kept().enumerate() {
                    @if i > 0 { " " span class="arrow" { "→" } " " }
                    @if i == f.path.head.len() && f.path.omitted > 0 {
                        span class="muted" { "… (" (f.path.omitted) " more)" }
                        " " span class="arrow" { "→" } " "
                    }
                    span class="step" { (step.name) }
                    " " span class="muted" { "(line " (step.region.start.line) ")" }
                }
            }
        }
        @if !f.related.is_empty() {
            p { "Also declared at:" }
            ul class="related" {
                @for d in &f.related {
                    li {
                        code { (d.file) ":" (d.position.line) ":" (d.position.column) }
                        " " (d.text)
                    }
                }
            }
        }
        dl class="facts" {
            @for (term, value) in facts {
                @if !value.is_empty() { div { dt { (term) } dd { (value) } } }
            }
        }
    }
}
