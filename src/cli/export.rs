//! `catscan catalogue export`: every fact catscan holds, in one document a person can audit.
//!
//! The Markdown export is a set of tables, one kind of record each (editions and items, the legal
//! regime, categories, vendors, rule packs and their entries, procurement instruments and their
//! entries, sources), every row with its status and the keys of its sources, and every field that
//! has a status of its own shown with it (`2017-06-01 [secondary]`). The order is the order of the
//! data (items, entries) or of ids (vendors, packs, instruments, sources); nothing depends on the
//! day it is run, so the committed copy (`docs/knowledge.md`) is checked against a fresh one.
//!
//! The JSON export is the data files themselves, each converted whole, with the review date and
//! the fact counts: for tools rather than people.

use std::fmt::Write as _;

use serde_json::{Value, json};
use time::Date;

use crate::knowledge::catalogue::Threshold;
use crate::knowledge::facts::{FactCount, LEGEND, in_legend};
use crate::knowledge::{Builtin, Edition, Knowledge, KnowledgeError, Status, Vendor};

/// The command that writes `docs/knowledge.md`.
pub const REGENERATE: &str = "catscan catalogue export --format markdown > docs/knowledge.md";

/// The whole knowledge as Markdown.
pub fn markdown(knowledge: &Knowledge, count: &FactCount) -> String {
    let mut doc = Doc::default();
    doc.line("# What catscan knows");
    doc.blank();
    doc.line(&format!(
        "Every fact catscan holds, from the data files in `catalogues/`, each with its status and the keys of its sources (listed under [Sources](#sources)). Written by `{REGENERATE}`; a test fails when this copy is not the current output."
    ));
    doc.blank();
    review(&mut doc, knowledge);
    legend(&mut doc, count);
    facts_by_status(&mut doc, count);
    editions(&mut doc, knowledge);
    regime(&mut doc, knowledge);
    legal_bases(&mut doc, knowledge);
    categories(&mut doc, knowledge);
    vendors(&mut doc, knowledge);
    packs(&mut doc, knowledge);
    procurement(&mut doc, knowledge);
    sources(&mut doc, knowledge);
    doc.text
}

/// Every data file converted whole to JSON, with the review and the fact counts.
pub fn json(
    knowledge: &Knowledge,
    files: &Builtin,
    count: &FactCount,
) -> Result<String, KnowledgeError> {
    let mut data = serde_json::Map::new();
    for file in files.files() {
        let table: toml::Table = toml::from_str(file.text).map_err(|e| KnowledgeError {
            file: file.name.to_string(),
            message: e.to_string(),
        })?;
        let value = serde_json::to_value(&table).map_err(|e| KnowledgeError {
            file: file.name.to_string(),
            message: e.to_string(),
        })?;
        data.insert(file.name.to_string(), value);
    }
    let counts = |c: &crate::knowledge::facts::StatusCounts| -> Value {
        json!({ "byStatus": c.0, "total": c.total() })
    };
    let by_file: serde_json::Map<String, Value> = count
        .by_file
        .iter()
        .map(|(name, c)| (name.to_string(), counts(c)))
        .collect();
    let document = json!({
        "review": {
            "lastReviewed": knowledge.review.last_reviewed.to_string(),
            "freshUntil": knowledge.review.fresh_until().to_string(),
            "note": knowledge.review.note,
        },
        "legend": LEGEND.iter().map(|(s, m)| json!({ "status": s, "meaning": m })).collect::<Vec<_>>(),
        "facts": { "overall": counts(&count.overall), "byFile": by_file },
        "files": data,
    });
    let mut text = serde_json::to_string_pretty(&document).expect("a JSON value serialises");
    text.push('\n');
    Ok(text)
}

/// The document being written.
#[derive(Default)]
struct Doc {
    text: String,
}

impl Doc {
    fn line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
    }

    fn blank(&mut self) {
        self.text.push('\n');
    }

    fn heading(&mut self, level: usize, title: &str) {
        let _ = writeln!(self.text, "{} {title}\n", "#".repeat(level));
    }

    /// A section of the document: its heading and the paragraph that says what its tables hold.
    fn section(&mut self, title: &str, intro: &str) {
        self.heading(2, title);
        self.line(intro);
        self.blank();
    }

    /// A table; every cell is escaped, so data can neither end a cell nor a row.
    fn table(&mut self, headers: &[&str], rows: &[Vec<String>]) {
        if rows.is_empty() {
            self.line("(none)");
            self.blank();
            return;
        }
        let _ = writeln!(self.text, "| {} |", headers.join(" | "));
        let _ = writeln!(
            self.text,
            "|{}",
            headers.iter().map(|_| "---|").collect::<String>()
        );
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
            let _ = writeln!(self.text, "| {} |", cells.join(" | "));
        }
        self.blank();
    }

    /// A table with one row for each record, the headers first so that they stand beside the
    /// row they name.
    fn records<T>(
        &mut self,
        headers: &[&str],
        records: impl IntoIterator<Item = T>,
        row: impl FnMut(T) -> Vec<String>,
    ) {
        let rows: Vec<Vec<String>> = records.into_iter().map(row).collect();
        self.table(headers, &rows);
    }

    /// A record shown as a two-column table of its fields.
    fn fields(&mut self, rows: &[(&str, String)]) {
        let rows: Vec<Vec<String>> = rows
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| vec![k.to_string(), v.clone()])
            .collect();
        self.table(&["field", "value"], &rows);
    }
}

/// The records of a data file in the order of their key, whatever the file's order: the
/// document does not change when a file is reordered.
fn sorted_by<T, K: Ord + ?Sized>(records: &[T], key: impl Fn(&T) -> &K) -> Vec<&T> {
    let mut sorted: Vec<&T> = records.iter().collect();
    sorted.sort_by(|a, b| key(a).cmp(key(b)));
    sorted
}

/// A table cell: `|` escaped, line breaks as `<br>`, `<` as `&lt;` (so no text of the data is
/// taken for HTML), and empty shown as `—`.
pub fn cell(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return "—".to_string();
    }
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}

/// `value [status]`.
fn with_status(value: impl std::fmt::Display, status: Status) -> String {
    format!("{value} [{status}]")
}

/// `value [status]`, or the value alone when the field has no status of its own.
fn with_opt_status(value: impl std::fmt::Display, status: Option<Status>) -> String {
    match status {
        Some(st) => with_status(value, st),
        None => value.to_string(),
    }
}

/// `status — note`.
fn status_with_note(status: Status, note: Option<&str>) -> String {
    match note {
        Some(n) if !n.trim().is_empty() => format!("{status} — {}", n.trim()),
        _ => status.to_string(),
    }
}

fn keys(keys: &[String]) -> String {
    keys.join(", ")
}

fn opt(text: &Option<String>) -> String {
    text.clone().unwrap_or_default()
}

fn opt_date(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

fn join_note(value: String, note: &Option<String>) -> String {
    match note.as_deref().map(str::trim) {
        Some(n) if !n.is_empty() && value.is_empty() => n.to_string(),
        Some(n) if !n.is_empty() => format!("{value} — {n}"),
        _ => value,
    }
}

fn review(doc: &mut Doc, knowledge: &Knowledge) {
    let review = &knowledge.review;
    doc.heading(2, "Review");
    doc.line(&format!(
        "Last reviewed on {}: {} A run whose as-of date is after {} warns that the knowledge may be out of date.",
        review.last_reviewed,
        review.note.trim(),
        review.fresh_until()
    ));
    doc.blank();
}

fn legend(doc: &mut Doc, count: &FactCount) {
    doc.heading(2, "Status legend");
    let mut rows: Vec<Vec<String>> = LEGEND
        .iter()
        .map(|(s, m)| vec![s.to_string(), m.to_string()])
        .collect();
    for st in count.statuses().into_iter().filter(|s| !in_legend(s)) {
        rows.push(vec![
            st.to_string(),
            "not a status of the legend; found in the data".to_string(),
        ]);
    }
    doc.table(&["status", "meaning"], &rows);
}

fn facts_by_status(doc: &mut Doc, count: &FactCount) {
    doc.section("Facts by status", "A fact is a field that carries a status: `status` for a record as a whole, `<field>_status` for one of its fields. `catscan catalogue facts` prints the same count.");
    let statuses = count.statuses();
    let mut headers = vec!["file"];
    headers.extend(statuses.iter().copied());
    headers.push("total");
    let row = |name: &str, c: &crate::knowledge::facts::StatusCounts| {
        let mut row = vec![name.to_string()];
        row.extend(statuses.iter().map(|s| c.get(s).to_string()));
        row.push(c.total().to_string());
        row
    };
    let mut rows: Vec<Vec<String>> = count
        .by_file
        .iter()
        .map(|(name, c)| row(&format!("`{name}`"), c))
        .collect();
    rows.push(row("**all files**", &count.overall));
    doc.table(&headers, &rows);
}

fn editions(doc: &mut Doc, knowledge: &Knowledge) {
    doc.heading(2, "Catalogue editions");
    let rows: Vec<Vec<String>> = knowledge
        .editions
        .iter()
        .map(|e| {
            vec![
                e.id.clone(),
                format!("{} ({})", e.title_zh, e.title_en),
                format!("{} ({})", e.document_zh, e.document_en),
                e.issuers.join(", "),
                join_note(
                    with_status(e.in_force_from, e.in_force_from_status),
                    &Some(e.in_force_from_note.clone()),
                ),
                join_note(
                    e.in_force_until
                        .map(|u| with_opt_status(u, e.in_force_until_status))
                        .unwrap_or_default(),
                    &e.in_force_until_note,
                ),
                status_with_note(e.status, e.status_note.as_deref()),
                join_note(
                    if e.complete { "yes" } else { "no" }.to_string(),
                    &e.completeness_note,
                ),
                keys(&e.sources),
            ]
        })
        .collect();
    doc.table(
        &[
            "edition",
            "title",
            "document",
            "issuers",
            "in force from",
            "until (exclusive)",
            "status",
            "every item known",
            "sources",
        ],
        &rows,
    );
    for e in &knowledge.editions {
        items(doc, knowledge, e);
    }
}

fn items(doc: &mut Doc, knowledge: &Knowledge, edition: &Edition) {
    doc.heading(3, &format!("Items of {}", edition.id));
    let rows: Vec<Vec<String>> = edition
        .items
        .iter()
        .map(|i| {
            let mut scope: Vec<String> = [&i.scope_zh, &i.scope_en]
                .into_iter()
                .flatten()
                .cloned()
                .collect();
            scope.extend(
                [&i.description_zh, &i.description_en]
                    .into_iter()
                    .flatten()
                    .map(|t| with_opt_status(t, i.description_status)),
            );
            if let Some(f) = &i.form_factor {
                scope.push(format!("form factor: {f}"));
            }
            if i.hardware_only {
                scope.push(join_note(
                    with_opt_status("hardware only", i.hardware_only_status),
                    &i.hardware_only_note,
                ));
            }
            if i.software_only {
                scope.push(join_note(
                    "software only".to_string(),
                    &i.software_only_note,
                ));
            }
            let mut categories = vec![i.categories.join(", ")];
            for a in &i.also {
                categories.push(format!(
                    "also {} [{}] — {}",
                    a.category,
                    a.status,
                    a.note.trim()
                ));
            }
            let standards: Vec<String> = i
                .standards
                .iter()
                .map(|s| {
                    join_note(
                        format!("{} [{}] ({})", s.id, s.status, keys(&s.sources)),
                        &s.note,
                    )
                })
                .collect();
            vec![
                i.id.clone(),
                i.group.name_en().to_string(),
                i.position
                    .map(|p| with_opt_status(p, i.position_status))
                    .unwrap_or_default(),
                with_opt_status(&i.name_zh, i.name_zh_status),
                i.name_en.clone(),
                scope.join("\n"),
                categories.join("\n"),
                threshold(knowledge, i.threshold.as_ref()),
                standards.join("\n"),
                status_with_note(i.status, i.status_note.as_deref()),
                keys(&i.sources),
            ]
        })
        .collect();
    doc.table(
        &[
            "item",
            "part",
            "position",
            "name (zh)",
            "name (en)",
            "scope",
            "categories",
            "threshold",
            "standards",
            "status",
            "sources",
        ],
        &rows,
    );
    if !edition.candidates.is_empty() {
        doc.line(&format!(
            "Product types that may be in {} without being known to be (used only as hints):",
            edition.id
        ));
        doc.blank();
        let rows: Vec<Vec<String>> = edition
            .candidates
            .iter()
            .map(|c| vec![c.category.clone(), c.note.clone(), keys(&c.sources)])
            .collect();
        doc.table(&["category", "note", "sources"], &rows);
    }
}

/// `[secondary] throughput ≥ 12 Tbps (…); all conditions [unconfirmed] — note`.
fn threshold(knowledge: &Knowledge, threshold: Option<&Threshold>) -> String {
    let Some(t) = threshold else {
        return "none: every product of the category".to_string();
    };
    let mut lines = Vec::new();
    if !t.is_known() {
        lines.push(format!("exists, never read [{}]", t.status));
    } else {
        lines.push(format!("[{}]", t.status));
        for c in &t.conditions {
            let name = knowledge
                .attribute(&c.attribute)
                .map_or(c.attribute.as_str(), |a| a.name_en.as_str());
            let written = [&c.text_zh, &c.text_en]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(" / ");
            let mut line = format!("{name} {} {}", c.op.symbol(), c.value);
            if let Some(st) = c.value_status {
                line.push_str(&format!(" [value {st}]"));
            }
            if !written.is_empty() {
                line.push_str(&format!(" ({written})"));
            }
            lines.push(line);
        }
        if t.conditions.len() > 1 {
            let how = match t.combination {
                crate::knowledge::Combination::All => "all conditions",
                crate::knowledge::Combination::Any => "any condition",
            };
            lines.push(join_note(
                with_opt_status(how, t.combination_status),
                &t.combination_note,
            ));
        }
    }
    if let Some(n) = t.status_note.as_deref().filter(|n| !n.trim().is_empty()) {
        lines.push(n.trim().to_string());
    }
    lines.join("\n")
}

fn regime(doc: &mut Doc, knowledge: &Knowledge) {
    let regime = &knowledge.regime;
    doc.heading(2, "Legal regime");
    let law = &regime.law;
    doc.fields(&[
        ("law", format!("{} ({})", law.name_zh, law.name_en)),
        ("obligation (zh)", law.obligation_zh.clone()),
        ("obligation (en)", law.obligation_en.clone()),
        ("sources", keys(&law.sources)),
    ]);
    doc.heading(3, "Numbering of the article");
    let rows: Vec<Vec<String>> = law
        .articles
        .iter()
        .map(|a| {
            vec![
                a.number.to_string(),
                a.from.to_string(),
                opt_date(a.until),
                a.status.to_string(),
                a.note.clone(),
                keys(&a.sources),
            ]
        })
        .collect();
    doc.table(
        &[
            "article",
            "from",
            "until (exclusive)",
            "status",
            "note",
            "sources",
        ],
        &rows,
    );
    doc.heading(3, "Mandatory standards");
    let rows: Vec<Vec<String>> = regime
        .standards
        .iter()
        .map(|s| {
            vec![
                s.id.clone(),
                format!("{} ({})", s.title_zh, s.title_en),
                s.applies_to.name_en().to_string(),
                s.issued.to_string(),
                s.effective.to_string(),
                s.status.to_string(),
                s.note.clone(),
                keys(&s.sources),
            ]
        })
        .collect();
    doc.table(
        &[
            "standard",
            "title",
            "part",
            "issued",
            "effective",
            "status",
            "note",
            "sources",
        ],
        &rows,
    );
    related_instruments(doc, knowledge);
    doc.heading(3, "Evidence that the obligation is met");
    let e = &regime.evidence;
    let rows = vec![
        vec![
            format!("{} ({})", e.certification.name_zh, e.certification.name_en),
            format!(
                "valid {} years",
                with_status(
                    e.certification.validity_years,
                    e.certification.validity_status
                )
            ),
            e.certification.validity_note.clone(),
            keys(&e.certification.sources),
        ],
        vec![
            format!("{} ({})", e.testing.name_zh, e.testing.name_en),
            String::new(),
            e.testing.note.clone(),
            keys(&e.testing.sources),
        ],
        vec![
            format!("{} ({})", e.mops_permit.name_zh, e.mops_permit.name_en),
            format!(
                "for {}; last issued {}",
                e.mops_permit.applies_to.name_en(),
                with_status(e.mops_permit.last_issue, e.mops_permit.status)
            ),
            e.mops_permit.note.clone(),
            keys(&e.mops_permit.sources),
        ],
        vec![
            format!("{} ({})", e.ccci.name_zh, e.ccci.name_en),
            format!(
                "ended {}\naccepted before its end {}",
                with_status(e.ccci.ended, e.ccci.status),
                with_status("", e.ccci.accepted_before_end_status).trim()
            ),
            format!(
                "{}\n{}",
                e.ccci.note.trim(),
                e.ccci.accepted_before_end_note.trim()
            ),
            keys(&e.ccci.sources),
        ],
    ];
    doc.table(&["evidence", "rule", "note", "sources"], &rows);
}

/// The legal bases the rules cite, each with the rules that cite it.
fn legal_bases(doc: &mut Doc, knowledge: &Knowledge) {
    use crate::findings::rules::{self, Grounds};
    doc.heading(2, "Legal bases");
    doc.line("The provisions the rules cite: each rule's help ends with a \"Legal basis\" paragraph written from these (`catalogues/legal-bases.toml`).");
    doc.blank();
    let rows: Vec<Vec<String>> = knowledge
        .legal
        .bases
        .iter()
        .map(|b| {
            let mut provision = b.provision.clone().unwrap_or_default();
            for r in &b.renumbered {
                let _ = write!(
                    provision,
                    "; {} from {} ({}){}",
                    r.provision,
                    r.from,
                    r.status,
                    r.note
                        .as_deref()
                        .map(|n| format!(": {n}"))
                        .unwrap_or_default()
                );
            }
            let cited_by: Vec<&str> = rules::all()
                .filter(
                    |r| matches!(r.legal_basis, Grounds::Law(ids) if ids.contains(&b.id.as_str())),
                )
                .map(|r| r.id)
                .collect();
            vec![
                b.id.clone(),
                b.instrument.clone(),
                provision,
                with_status(b.in_force_from, b.in_force_from_status),
                join_note(opt(&b.quote), &b.quote_note),
                join_note(b.english.clone(), &b.note),
                b.penalties
                    .iter()
                    .map(crate::knowledge::legal::Penalty::markdown)
                    .collect::<Vec<_>>()
                    .join(" "),
                status_with_note(b.status, b.status_note.as_deref()),
                b.all_sources().join(", "),
                cited_by.join(", "),
            ]
        })
        .collect();
    doc.table(
        &[
            "id",
            "instrument",
            "provision",
            "in force from",
            "quote",
            "English",
            "penalty",
            "status",
            "sources",
            "cited by",
        ],
        &rows,
    );
}

fn categories(doc: &mut Doc, knowledge: &Knowledge) {
    doc.section("Categories", "The product categories items, packs and classes refer to (no status of their own: they are catscan's vocabulary).");
    let yes_no = |on: bool| if on { "yes" } else { "no" }.to_string();
    doc.records(
        &[
            "category",
            "name (en)",
            "name (zh)",
            "in a catalogue",
            "hardware only",
        ],
        &knowledge.categories,
        |c| {
            vec![
                c.id.clone(),
                c.name_en.clone(),
                c.name_zh.clone(),
                yes_no(c.catalogue),
                yes_no(c.hardware),
            ]
        },
    );
}

fn vendors(doc: &mut Doc, knowledge: &Knowledge) {
    doc.section(
        "Vendors",
        "The status is that of the row: who the company is, where it is and who controls it.",
    );
    doc.records(
        &[
            "vendor",
            "name",
            "headquarters",
            "incorporated in",
            "controlling owner",
            "parent",
            "status",
            "lists",
            "notes",
            "sources",
        ],
        sorted_by(&knowledge.vendors, |v| &v.id),
        |v| {
            let hq = [v.hq_city.as_deref(), v.hq_country.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            let owner = match (&v.controlling_owner, &v.controlling_country) {
                (Some(o), Some(c)) => format!("{o} ({c})"),
                (Some(o), None) => o.clone(),
                (None, Some(c)) => c.clone(),
                (None, None) => String::new(),
            };
            vec![
                v.id.clone(),
                v.name.clone(),
                hq,
                opt(&v.incorporated_in),
                owner,
                opt(&v.parent),
                status_with_note(v.status, v.status_note.as_deref()),
                v.lists.join(", "),
                opt(&v.notes),
                keys(&v.sources),
            ]
        },
    );
    control_records(doc, knowledge);
}

/// Who controls each vendor that has a control record: the facts the MLPS developer test and
/// the domestic-share table decide on, each with its own status, note and sources (they are
/// often weaker or stronger than the vendor row's).
fn control_records(doc: &mut Doc, knowledge: &Knowledge) {
    doc.heading(3, "Control records");
    let with_records: Vec<&Vendor> = sorted_by(&knowledge.vendors, |v| &v.id)
        .into_iter()
        .filter(|v| v.control.is_some())
        .collect();
    doc.records(
        &[
            "vendor",
            "kind",
            "controller",
            "country",
            "as of",
            "status",
            "major shareholders",
            "sources",
        ],
        with_records,
        |v| {
            let Some(r) = &v.control else {
                return Vec::new();
            };
            let major = r.major_holders.as_ref().map_or(String::new(), |m| {
                let holders = match &m.country {
                    Some(c) => format!("{} ({c})", m.holders),
                    None => m.holders.clone(),
                };
                format!(
                    "{holders}; {}",
                    status_with_note(m.status, m.note.as_deref())
                )
            });
            vec![
                v.id.clone(),
                r.kind.as_str().to_string(),
                opt(&r.holder),
                opt(&r.country),
                r.as_of.map(|y| y.to_string()).unwrap_or_default(),
                status_with_note(r.status, r.note.as_deref()),
                major,
                keys(&r.sources),
            ]
        },
    );
}

/// Instruments around the regime that are recorded but decide nothing, with why.
fn related_instruments(doc: &mut Doc, knowledge: &Knowledge) {
    let related = &knowledge.regime.related;
    if related.is_empty() {
        return;
    }
    doc.heading(3, "Related instruments (recorded, no rule)");
    let dated = |date: Option<Date>, status: Option<Status>, note: &Option<String>| {
        date.map_or(String::new(), |d| {
            join_note(with_opt_status(d, status), note)
        })
    };
    let rows: Vec<Vec<String>> = related
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                format!("{} ({}), {}", r.name_zh, r.name_en, r.document),
                r.issuers.join("; "),
                r.nature.clone(),
                r.scope.clone(),
                dated(r.draft_published, r.draft_status, &None),
                dated(r.issued, r.issued_status, &r.issued_note),
                dated(r.in_force_from, r.in_force_from_status, &None),
                status_with_note(r.status, Some(&r.note)),
                keys(&r.sources),
            ]
        })
        .collect();
    doc.table(
        &[
            "instrument",
            "name",
            "issued by",
            "nature",
            "scope",
            "draft published",
            "issued",
            "in force from",
            "status",
            "sources",
        ],
        &rows,
    );
}

fn packs(doc: &mut Doc, knowledge: &Knowledge) {
    doc.heading(2, "Origin rule packs");
    let packs = sorted_by(&knowledge.packs, |x| &x.id);
    for p in packs {
        doc.heading(3, &p.id);
        let categories = if p.categories.is_empty() {
            String::new()
        } else {
            join_note(
                with_opt_status(p.categories.join(", "), p.categories_status),
                &p.categories_note,
            )
        };
        doc.fields(&[
            ("name", p.name.clone()),
            ("instrument", p.instrument.clone()),
            ("rule", p.rule.clone()),
            ("applies with", p.applies_when.flag().to_string()),
            (
                "in force from",
                join_note(
                    with_status(p.in_force_from, p.in_force_from_status),
                    &p.in_force_from_note,
                ),
            ),
            ("until (exclusive)", opt_date(p.in_force_until)),
            ("requirement", p.requirement.clone()),
            ("categories", categories),
            ("note", opt(&p.note)),
            (
                "status",
                status_with_note(p.status, p.status_note.as_deref()),
            ),
            ("sources", keys(&p.sources)),
        ]);
        if p.entries.is_empty() {
            continue;
        }
        let rows: Vec<Vec<String>> = p
            .entries
            .iter()
            .map(|e| {
                let mut scope = vec![e.scope.clone()];
                if let Some(purpose) = &e.purpose {
                    scope.push(format!("purpose: {purpose}"));
                }
                if e.all_products {
                    scope.push("every product".into());
                }
                if e.all_components {
                    scope.push("libraries and parts too".into());
                }
                if e.services_only {
                    scope.push("services only (never matched)".into());
                }
                if !e.categories.is_empty() {
                    scope.push(join_note(
                        with_opt_status(e.categories.join(", "), e.categories_status),
                        &e.categories_note,
                    ));
                }
                vec![
                    e.vendor.clone(),
                    e.listed_as.clone(),
                    scope.join("\n"),
                    with_status(e.added, e.added_status),
                    join_note(
                        status_with_note(e.status, e.status_note.as_deref()),
                        &e.note,
                    ),
                    keys(&e.sources),
                ]
            })
            .collect();
        doc.table(
            &["vendor", "listed as", "scope", "added", "status", "sources"],
            &rows,
        );
    }
}

fn procurement(doc: &mut Doc, knowledge: &Knowledge) {
    let procurement = &knowledge.procurement;
    doc.section(
        "Procurement instruments",
        "The product classes the instruments are about:",
    );
    let rows: Vec<Vec<String>> = procurement
        .classes
        .iter()
        .map(|c| {
            vec![
                c.id.clone(),
                format!("{} ({})", c.name, c.name_zh),
                c.categories.join(", "),
            ]
        })
        .collect();
    doc.table(&["class", "name", "categories"], &rows);
    let instruments = sorted_by(&procurement.instruments, |x| &x.id);
    for i in instruments {
        doc.heading(3, &i.id);
        let flag = |on: bool, note: &Option<String>| {
            if on {
                join_note("yes".to_string(), note)
            } else {
                join_note(String::new(), note)
            }
        };
        doc.fields(&[
            ("name", format!("{} ({})", i.name_zh, i.name)),
            ("issuer", i.issuer.clone()),
            ("document", opt(&i.document)),
            ("kind", i.kind.as_str().to_string()),
            (
                "applies with",
                i.applies_when
                    .map(|b| b.flag().to_string())
                    .unwrap_or_default(),
            ),
            ("rule", opt(&i.rule)),
            ("requires the list", opt(&i.list)),
            ("scope", i.scope.clone()),
            ("classes", i.classes.join(", ")),
            (
                "in force from",
                join_note(
                    with_status(i.in_force_from, i.in_force_from_status),
                    &i.in_force_from_note,
                ),
            ),
            (
                "until (exclusive)",
                join_note(opt_date(i.in_force_until), &i.in_force_until_note),
            ),
            ("requirement", i.requirement.clone()),
            ("every entry known", flag(i.complete, &i.complete_note)),
            (
                "every foreign entry known",
                flag(i.foreign_complete, &i.foreign_complete_note),
            ),
            (
                "domestic only",
                flag(i.domestic_only, &i.domestic_only_note),
            ),
            (
                "entries count for",
                i.valid_years
                    .map(|y| with_opt_status(format!("{y} years"), i.valid_years_status))
                    .unwrap_or_default(),
            ),
            ("note", opt(&i.note)),
            (
                "status",
                status_with_note(i.status, i.status_note.as_deref()),
            ),
            ("sources", keys(&i.sources)),
        ]);
        if !i.covers.is_empty() {
            let rows: Vec<Vec<String>> = i
                .covers
                .iter()
                .map(|c| {
                    vec![
                        c.class.clone(),
                        status_with_note(c.status, c.note.as_deref()),
                    ]
                })
                .collect();
            doc.table(&["covers class", "status"], &rows);
        }
        if !i.announcements.is_empty() {
            let rows: Vec<Vec<String>> = i
                .announcements
                .iter()
                .map(|a| {
                    vec![
                        a.number.clone(),
                        join_note(with_status(a.date, a.date_status), &a.date_note),
                        if a.complete { "yes" } else { "no" }.to_string(),
                        opt(&a.note),
                        keys(&a.sources),
                    ]
                })
                .collect();
            doc.table(
                &[
                    "announcement",
                    "date",
                    "every entry known",
                    "note",
                    "sources",
                ],
                &rows,
            );
        }
        if !i.entries.is_empty() {
            let rows: Vec<Vec<String>> = i
                .entries
                .iter()
                .map(|e| {
                    let vendor = e
                        .vendor
                        .iter()
                        .cloned()
                        .chain(e.vendor_names.iter().cloned())
                        .collect::<Vec<_>>()
                        .join("; ");
                    let mut product = vec![e.product.clone()];
                    if e.all_products {
                        product.push("every product of the class (brand entry)".into());
                    }
                    if !e.names.is_empty() {
                        product.push(format!("matched as: {}", e.names.join("; ")));
                    }
                    if let Some(u) = &e.undecided {
                        product.push(format!("undecided: {u}"));
                    }
                    vec![
                        product.join("\n"),
                        vendor,
                        opt(&e.class),
                        opt(&e.announcement),
                        opt(&e.level),
                        join_note(
                            status_with_note(e.status, e.status_note.as_deref()),
                            &e.note,
                        ),
                        keys(&e.sources),
                    ]
                })
                .collect();
            doc.table(
                &[
                    "product",
                    "vendor",
                    "class",
                    "announcement",
                    "level",
                    "status",
                    "sources",
                ],
                &rows,
            );
        }
    }
}

fn sources(doc: &mut Doc, knowledge: &Knowledge) {
    doc.section(
        "Sources",
        "Data files may also cite a URL directly; those are given where they are cited.",
    );
    doc.records(
        &["key", "kind", "title", "url", "note"],
        sorted_by(&knowledge.sources, |s| &s.key),
        |s| {
            vec![
                s.key.clone(),
                format!("{:?}", s.kind).to_lowercase(),
                s.title.clone(),
                opt(&s.url),
                opt(&s.note),
            ]
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_cannot_end_its_cell_or_its_row() {
        assert_eq!(cell("a | b\nc\r\nd"), "a \\| b<br>c<br>d");
        assert_eq!(cell("  "), "—");
        assert_eq!(cell("C:\\path"), "C:\\\\path");
        assert_eq!(cell("<b>"), "&lt;b>");
    }
}
