//! `catscan catalogue …`: what catscan knows, printed for people.

use std::fmt::Write as _;
use std::process::ExitCode;

use time::Date;

use super::args::{CatalogueCommand, ExportFormat};
use super::{export, today, write_stdout};
use crate::knowledge::facts::{FactCount, LEGEND, in_legend};
use crate::knowledge::{self, BUILTIN, Edition, Item, Knowledge, Status};

/// Runs `catscan catalogue …`.
pub fn run(command: CatalogueCommand) -> ExitCode {
    let knowledge = Knowledge::builtin();
    let edition_ids = || {
        knowledge
            .editions
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match command {
        CatalogueCommand::Categories => {
            print!("{}", categories(knowledge));
            ExitCode::SUCCESS
        }
        CatalogueCommand::Facts { as_of } => match knowledge::facts::count(&BUILTIN) {
            Ok(count) => write_stdout(&facts(knowledge, &count, as_of.unwrap_or_else(today))),
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        CatalogueCommand::Export { format } => {
            let text = knowledge::facts::count(&BUILTIN).and_then(|count| match format {
                ExportFormat::Markdown => Ok(export::markdown(knowledge, &count)),
                ExportFormat::Json => export::json(knowledge, &BUILTIN, &count),
            });
            match text {
                Ok(text) => write_stdout(&text),
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        CatalogueCommand::List { edition, as_of } => {
            let date = as_of.unwrap_or_else(today);
            let chosen = match &edition {
                Some(id) => knowledge.edition(id),
                None => knowledge.edition_on(date),
            };
            match chosen {
                Some(e) => {
                    print!("{}", list(knowledge, e, Some(date)));
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!(
                        "error: no such edition, or none in force on {date}; the editions are: {}",
                        edition_ids()
                    );
                    ExitCode::from(2)
                }
            }
        }
        CatalogueCommand::Show { item, as_of } => {
            let (edition, id) = match item.split_once('/') {
                Some((e, i)) => (knowledge.edition(e), i.to_string()),
                None => (
                    knowledge.edition_on(as_of.unwrap_or_else(today)),
                    item.clone(),
                ),
            };
            match edition.and_then(|e| e.item(&id).map(|i| (e, i))) {
                Some((e, i)) => {
                    print!("{}", show(knowledge, e, i));
                    ExitCode::SUCCESS
                }
                None => {
                    let all: Vec<String> = knowledge
                        .editions
                        .iter()
                        .flat_map(|e| e.items.iter().map(move |i| format!("{}/{}", e.id, i.id)))
                        .collect();
                    eprintln!(
                        "error: no item \"{item}\"; the items are: {}",
                        all.join(", ")
                    );
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// The items of an edition, one per line, with the status of each.
pub fn list(knowledge: &Knowledge, edition: &Edition, as_of: Option<Date>) -> String {
    let mut s = String::new();
    let until = edition
        .in_force_until
        .map(|u| format!(" until {u}"))
        .unwrap_or_default();
    let _ = writeln!(
        s,
        "{}: {} — in force from {}{until}",
        edition.id, edition.title_zh, edition.in_force_from
    );
    let _ = writeln!(s, "{}", edition.title_en);
    if let Some(date) = as_of {
        let article = knowledge
            .regime
            .law
            .article_on(date)
            .map(|a| a.number.to_string())
            .unwrap_or_else(|| "?".into());
        let _ = writeln!(s, "As of {date}: Cybersecurity Law art. {article}");
    }
    if let Some(note) = &edition.completeness_note {
        let _ = writeln!(s, "Note: {note}");
    }
    s.push('\n');
    let _ = writeln!(s, "{:30} {:12} {:12} NAME", "ITEM", "STATUS", "THRESHOLD");
    for item in &edition.items {
        let threshold = match &item.threshold {
            None => "none".to_string(),
            Some(t) if !t.is_known() => "unread".to_string(),
            Some(t) => t.status.as_str().to_string(),
        };
        let _ = writeln!(
            s,
            "{:30} {:12} {:12} {} ({})",
            item.id,
            item.status.as_str(),
            threshold,
            item.name_zh,
            item.name_en
        );
    }
    s
}

/// Everything about one item: names, scope, threshold, statuses and sources.
pub fn show(knowledge: &Knowledge, edition: &Edition, item: &Item) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}/{}: {} ({})",
        edition.id, item.id, item.name_zh, item.name_en
    );
    let _ = writeln!(
        s,
        "Part: {} ({})",
        item.group.name_en(),
        item.group.name_zh()
    );
    let position = match (item.position, item.position_status) {
        (Some(p), Some(st)) => format!("{p} ({st})"),
        (Some(p), None) => p.to_string(),
        _ => "not known".into(),
    };
    let _ = writeln!(s, "Position in its part: {position}");
    let _ = writeln!(
        s,
        "Status: {}{}",
        item.status,
        item.status_note
            .as_ref()
            .map(|n| format!(" — {n}"))
            .unwrap_or_default()
    );
    for (label, text) in [
        ("Scope", &item.scope_zh),
        ("Scope (English)", &item.scope_en),
        ("Description", &item.description_zh),
        ("Description (English)", &item.description_en),
    ] {
        if let Some(t) = text {
            let _ = writeln!(s, "{label}: {t}");
        }
    }
    if let Some(st) = item
        .description_status
        .filter(|st| *st != Status::Confirmed)
    {
        let _ = writeln!(s, "Description status: {st}");
    }
    let names: Vec<String> = item
        .categories
        .iter()
        .map(|c| {
            knowledge
                .category(c)
                .map_or(c.clone(), |cat| format!("{} ({})", cat.id, cat.name_en))
        })
        .collect();
    let _ = writeln!(s, "Categories: {}", names.join(", "));
    for also in &item.also {
        let _ = writeln!(
            s,
            "Also covers: {} ({}) — {}",
            also.category, also.status, also.note
        );
    }
    if item.hardware_only {
        let _ = writeln!(
            s,
            "Hardware only{}",
            item.hardware_only_note
                .as_ref()
                .map(|n| format!(": {n}"))
                .unwrap_or_default()
        );
    }
    if item.software_only {
        let _ = writeln!(
            s,
            "Software only{}",
            item.software_only_note
                .as_ref()
                .map(|n| format!(": {n}"))
                .unwrap_or_default()
        );
    }
    match &item.threshold {
        None => {
            let _ = writeln!(
                s,
                "Threshold: none (every product of the category is in scope)"
            );
        }
        Some(t) if !t.is_known() => {
            let _ = writeln!(
                s,
                "Threshold: exists but was never read ({}){}",
                t.status,
                t.status_note
                    .as_ref()
                    .map(|n| format!(" — {n}"))
                    .unwrap_or_default()
            );
        }
        Some(t) => {
            let _ = writeln!(s, "Threshold ({}):", t.status);
            for c in &t.conditions {
                let text = c
                    .text_zh
                    .as_ref()
                    .or(c.text_en.as_ref())
                    .cloned()
                    .unwrap_or_default();
                let value_status = c
                    .value_status
                    .map(|v| format!(" [value {v}]"))
                    .unwrap_or_default();
                let _ = writeln!(
                    s,
                    "  {} {} — {text}{value_status}",
                    c.attribute,
                    c.display_limit()
                );
            }
            let how = match t.combination {
                crate::knowledge::Combination::All => "all conditions",
                crate::knowledge::Combination::Any => "any condition",
            };
            let _ = writeln!(
                s,
                "  Combination: {how} ({}){}",
                t.combination_status.unwrap_or(Status::Confirmed),
                t.combination_note
                    .as_ref()
                    .map(|n| format!(" — {n}"))
                    .unwrap_or_default()
            );
        }
    }
    let _ = writeln!(s, "Sources:");
    for key in &item.sources {
        match knowledge.source(key) {
            Some(src) => {
                let _ = writeln!(
                    s,
                    "  {key}: {}{}",
                    src.title,
                    src.url
                        .as_ref()
                        .map(|u| format!(" <{u}>"))
                        .unwrap_or_default()
                );
            }
            None => {
                let _ = writeln!(s, "  {key}");
            }
        }
    }
    s
}

/// The categories catscan recognises, with the words that name them.
pub fn categories(knowledge: &Knowledge) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Categories (declare one with the component property catscan:category):\n"
    );
    for c in &knowledge.categories {
        let scope = if c.catalogue {
            ""
        } else {
            " — in no catalogue"
        };
        let _ = writeln!(s, "{} — {} ({}){scope}", c.id, c.name_en, c.name_zh);
        let words: Vec<&str> = c
            .keywords
            .iter()
            .chain(&c.keywords_cs)
            .chain(&c.keywords_zh)
            .map(String::as_str)
            .collect();
        if !words.is_empty() {
            let _ = writeln!(s, "    words: {}", words.join(", "));
        }
    }
    s
}

/// The facts of every data file counted by status (see `knowledge::facts` for what a fact is),
/// one row per file and one for all, then when the knowledge was last reviewed and, when `as_of`
/// is more than six months past that, the warning a scan would give.
pub fn facts(knowledge: &Knowledge, count: &FactCount, as_of: Date) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Facts by status. A fact is a field that carries a status: `status` for a record as a whole, `<field>_status` for one of its fields.\n"
    );
    let statuses = count.statuses();
    let headers: Vec<String> = statuses
        .iter()
        .map(|st| {
            let mark = if in_legend(st) { "" } else { "*" };
            format!("{}{mark}", st.to_uppercase())
        })
        .collect();
    let width = count
        .by_file
        .iter()
        .map(|(name, _)| name.len())
        .max()
        .unwrap_or(0)
        .max("all files".len());
    let _ = write!(s, "{:width$}", "FILE");
    for h in &headers {
        let _ = write!(s, "  {h:>w$}", w = h.len());
    }
    let _ = writeln!(s, "  {:>5}", "TOTAL");
    let rows = count
        .by_file
        .iter()
        .map(|(name, counts)| (*name, counts))
        .chain([("all files", &count.overall)]);
    for (name, counts) in rows {
        let _ = write!(s, "{name:width$}");
        for (st, h) in statuses.iter().zip(&headers) {
            let _ = write!(s, "  {:>w$}", counts.get(st), w = h.len());
        }
        let _ = writeln!(s, "  {:>5}", counts.total());
    }
    if statuses.iter().any(|st| !in_legend(st)) {
        let legend: Vec<&str> = LEGEND.iter().map(|(st, _)| *st).collect();
        let _ = writeln!(s, "\n* not a status of the legend ({})", legend.join(", "));
    }
    let review = &knowledge.review;
    let _ = writeln!(
        s,
        "\nLast reviewed on {}: {}",
        review.last_reviewed, review.note
    );
    if let Some(notice) = review.stale_notice(as_of) {
        let _ = writeln!(s, "warning: {notice}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::facts::StatusCounts;
    use time::macros::date;

    #[test]
    fn a_status_outside_the_legend_gets_its_own_marked_column() {
        let counts = |pairs: &[(&str, usize)]| {
            StatusCounts(pairs.iter().map(|(s, n)| (s.to_string(), *n)).collect())
        };
        let count = FactCount {
            by_file: vec![
                (
                    "catalogues/a.toml",
                    counts(&[("confirmed", 2), ("maybe", 1)]),
                ),
                ("catalogues/b.toml", counts(&[("inferred", 3)])),
            ],
            overall: counts(&[("confirmed", 2), ("inferred", 3), ("maybe", 1)]),
        };
        let text = facts(Knowledge::builtin(), &count, date!(2026 - 12 - 07));
        let table: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with("FILE"))
            .take_while(|l| !l.is_empty())
            .collect();
        assert_eq!(
            table,
            [
                "FILE               CONFIRMED  CORROBORATED  SECONDARY  INFERRED  UNKNOWN  MAYBE*  TOTAL",
                "catalogues/a.toml          2             0          0         0        0       1      3",
                "catalogues/b.toml          0             0          0         3        0       0      3",
                "all files                  2             0          0         3        0       1      6",
            ]
        );
        assert!(text.contains(
            "\n* not a status of the legend (confirmed, corroborated, secondary, inferred, unknown)\n"
        ));
        assert!(!text.contains("warning:"));
    }
}
