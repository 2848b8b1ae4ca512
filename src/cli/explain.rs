//! `catscan rule ID` (also `catscan explain ID`): the documentation of a rule, or the data of a
//! procurement instrument (its basis, dates, status, entries and sources), so that every finding
//! can be traced to what it rests on.

use std::fmt::Write;
use std::process::ExitCode;

use crate::findings::rules::{self, Family, Rule, State};
use crate::knowledge::{Instrument, Knowledge, Status};

pub(super) fn explain(id: &str) -> ExitCode {
    let knowledge = Knowledge::builtin();
    if let Some(rule) = rules::by_id(id) {
        print!("{}", rule_text(rule, knowledge));
        return ExitCode::SUCCESS;
    }
    if let Some(inst) = knowledge.procurement.instrument(id) {
        print!("{}", instrument_text(inst, knowledge));
        return ExitCode::SUCCESS;
    }
    let rules: Vec<&str> = rules::all().map(|r| r.id).collect();
    let instruments: Vec<&str> = knowledge
        .procurement
        .instruments
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    eprintln!(
        "error: no rule or procurement instrument \"{id}\"; the rules are: {}; the procurement instruments are: {}",
        rules.join(", "),
        instruments.join(", ")
    );
    ExitCode::from(2)
}

/// `catscan rules`: one line a rule, in report order: id, default level, family, summary. A
/// removed rule says since when and why instead of a level and a summary; a deprecated one adds
/// what to use instead.
pub fn rules_table<'r>(rules: impl Iterator<Item = &'r Rule>) -> String {
    let mut out = String::new();
    for r in rules {
        let (level, text) = match r.state {
            State::Stable => (r.default_level.as_str(), r.summary.to_string()),
            State::Deprecated { .. } => (
                r.default_level.as_str(),
                format!("{} {}", r.summary, r.state.describe().unwrap_or_default()),
            ),
            State::Removed { .. } => ("removed", r.state.describe().unwrap_or_default()),
        };
        let _ = writeln!(
            out,
            "{:34} {:8} {:13} {text}",
            r.id,
            level,
            r.family.as_str()
        );
    }
    out
}

/// A rule's documentation; for a procurement rule, the instruments whose findings carry it.
pub fn rule_text(r: &Rule, knowledge: &Knowledge) -> String {
    let mut out = match r.state.describe() {
        Some(state) if r.state.is_removed() => {
            format!("{} ({}, removed)\n\n{state}\n\n", r.id, r.name)
        }
        Some(state) => format!(
            "{} ({}, default level {}, deprecated)\n\n{state}\n\n",
            r.id, r.name, r.default_level
        ),
        None => format!(
            "{} ({}, default level {})\n\n",
            r.id, r.name, r.default_level
        ),
    };
    let _ = writeln!(
        out,
        "{}\n\n{}\n\n{}",
        r.summary,
        r.description,
        r.full_help(&knowledge.legal)
    );
    // A pack's statutory exceptions narrow the rule it carries: say them where the rule is
    // explained, with how catscan applies each (out of scope, or undecided from a BOM).
    for pack in knowledge.packs.iter().filter(|p| p.rule == r.id) {
        for e in &pack.exceptions {
            let _ = writeln!(
                out,
                "\nException ({}, {}): \"{}\" ({})",
                pack.id,
                e.cite,
                e.text,
                e.status.describe()
            );
            if !e.out_of_scope.is_empty() {
                let _ = writeln!(
                    out,
                    "  Out of scope: {} ({}){}",
                    e.out_of_scope.join(", "),
                    e.out_of_scope_status.unwrap_or(Status::Unknown).describe(),
                    note(&e.out_of_scope_note)
                );
            }
            if !e.undecided.is_empty() {
                let _ = writeln!(
                    out,
                    "  Undecided from a BOM: {}{}",
                    e.undecided.join(", "),
                    note(&e.undecided_note)
                );
            }
        }
    }
    if r.family == Family::Procurement {
        let carrying: Vec<&Instrument> = knowledge
            .procurement
            .instruments
            .iter()
            .filter(|i| {
                i.rule.as_deref() == Some(r.id)
                    || (r.id == crate::evaluate::procurement::rules::LIST_UNDETERMINED.id
                        && i.rule.as_deref()
                            == Some(crate::evaluate::procurement::rules::NOT_LISTED.id))
            })
            .collect();
        if !carrying.is_empty() {
            out.push_str("\nInstruments (catscan explain ID shows one whole):\n");
            for i in carrying {
                let _ = writeln!(out, "  {:26} {}", i.id, dates(i));
            }
        }
    }
    out
}

/// "in force from 2023-12-16 (confirmed); status: confirmed".
fn dates(i: &Instrument) -> String {
    let mut s = format!(
        "in force from {} ({})",
        i.in_force_from,
        i.in_force_from_status.as_str()
    );
    match i.in_force_until {
        Some(u) => {
            let _ = write!(s, " until {u}");
        }
        None if i.in_force_until_note.is_some() => s.push_str(", no end date recorded"),
        None => {}
    }
    let _ = write!(s, "; status: {}", i.status.as_str());
    s
}

/// Everything the data says about one instrument.
pub fn instrument_text(i: &Instrument, knowledge: &Knowledge) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})\n", i.id, i.kind.as_str());
    let _ = writeln!(out, "{}\n{}\n", i.name, i.name_zh);
    let _ = writeln!(out, "Issuer: {}", i.issuer);
    if let Some(d) = &i.document {
        let _ = writeln!(out, "Document: {d}");
    }
    match (i.applies_when, &i.rule) {
        (Some(b), Some(r)) => {
            let _ = writeln!(out, "Applies with: {} (findings: {r})", b.flag());
        }
        _ if i.kind == crate::knowledge::InstrumentKind::EvaluationList => {
            let _ = writeln!(
                out,
                "Applies through the instruments that require it ({}).",
                knowledge
                    .procurement
                    .instruments
                    .iter()
                    .filter(|r| r.list.as_deref() == Some(i.id.as_str()))
                    .map(|r| r.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        _ => {
            let _ = writeln!(
                out,
                "Not checked against BOMs: no list a bill of materials can be matched with."
            );
        }
    }
    let _ = writeln!(out, "Scope: {}", i.scope);
    let _ = writeln!(
        out,
        "In force from: {} ({}){}",
        i.in_force_from,
        i.in_force_from_status.describe(),
        note(&i.in_force_from_note)
    );
    if let Some(u) = i.in_force_until {
        let _ = writeln!(
            out,
            "In force until: {u} (exclusive){}",
            note(&i.in_force_until_note)
        );
    } else if let Some(n) = &i.in_force_until_note {
        let _ = writeln!(out, "End: {n}");
    }
    let _ = writeln!(
        out,
        "Status: {}{}",
        i.status.describe(),
        note(&i.status_note)
    );
    let _ = writeln!(out, "Requirement: {}", i.requirement);
    if let Some(list) = &i.list {
        let _ = writeln!(out, "Requires the list: {list}");
    }
    for c in &i.covers {
        let _ = writeln!(
            out,
            "Covers {}: {}{}",
            c.class,
            c.status.describe(),
            note(&c.note)
        );
    }
    if !i.classes.is_empty() {
        let _ = writeln!(out, "Product classes: {}", i.classes.join(", "));
    }
    for id in &i.scopes {
        if let Some(scope) = knowledge.procurement.scopes.iter().find(|s| &s.id == id) {
            let _ = writeln!(
                out,
                "Limited to: {} ({}), {}; {}",
                scope.name,
                scope.name_zh,
                scope.status.describe(),
                scope.note
            );
        }
    }
    if let Some(n) = &i.scopes_note {
        let _ = writeln!(out, "Why limited: {n}");
    }
    if i.kind != crate::knowledge::InstrumentKind::Guidance && !i.entries.is_empty() {
        let _ = writeln!(
            out,
            "Known in full: {}{}",
            if i.complete { "yes" } else { "no" },
            note(&i.complete_note)
        );
    }
    if let Some(n) = i.domestic_only_note.as_ref().filter(|_| i.domestic_only) {
        let _ = writeln!(out, "Domestic companies only: {n}");
    }
    if let Some(n) = i
        .foreign_complete_note
        .as_ref()
        .filter(|_| i.foreign_complete)
    {
        let _ = writeln!(out, "Every foreign entry known: {n}");
    }
    if let Some(y) = i.valid_years {
        let _ = writeln!(
            out,
            "Each entry counts for {y} years from its announcement ({}).",
            i.valid_years_status.unwrap_or(Status::Unknown).describe()
        );
    }
    if let Some(n) = &i.note {
        let _ = writeln!(out, "Note: {n}");
    }
    if !i.announcements.is_empty() {
        let _ = writeln!(out, "\nAnnouncements:");
        for a in &i.announcements {
            let _ = writeln!(
                out,
                "  {} {} (date {}; entries {}){}",
                a.number,
                a.date,
                a.date_status.describe(),
                if a.complete {
                    "all known"
                } else {
                    "known in part"
                },
                note(&a.date_note.clone().or(a.note.clone()))
            );
        }
    }
    if !i.entries.is_empty() {
        let _ = writeln!(out, "\nEntries:");
        for e in &i.entries {
            let mut facts: Vec<String> = Vec::new();
            if let Some(c) = &e.class {
                facts.push(c.clone());
            }
            if let Some(a) = &e.announcement {
                facts.push(a.clone());
            }
            if let Some(l) = &e.level {
                facts.push(format!("level {l}"));
            }
            facts.push(e.status.describe().to_string());
            let _ = writeln!(out, "  {} ({})", e.product, facts.join(", "));
            if let Some(u) = &e.undecided {
                let _ = writeln!(out, "      cannot decide: {u}");
            }
            if let Some(n) = &e.note {
                let _ = writeln!(out, "      {n}");
            }
        }
    }
    let _ = writeln!(out, "\nSources:");
    for key in &i.sources {
        match knowledge.source(key) {
            Some(s) => {
                let _ = writeln!(
                    out,
                    "  {key}: {}{}",
                    s.title,
                    s.url
                        .as_deref()
                        .map(|u| format!(" <{u}>"))
                        .unwrap_or_default()
                );
            }
            None => {
                let _ = writeln!(out, "  {key}");
            }
        }
    }
    out
}

fn note(n: &Option<String>) -> String {
    n.as_deref().map(|n| format!(" — {n}")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::catalogue::rules::{IN_SCOPE, POSSIBLE};

    const GONE: Rule = Rule {
        id: "catalogue-gone",
        name: "CatalogueGone",
        state: State::Removed {
            since: "0.2.0",
            why: "Its catalogue item was repealed.",
        },
        ..IN_SCOPE
    };

    const OLD: Rule = Rule {
        id: "catalogue-old",
        name: "CatalogueOld",
        summary: "An old rule.",
        state: State::Deprecated {
            since: "0.3.0",
            replaced_by: Some("catalogue-in-scope"),
            why: "It said the same as catalogue-in-scope.",
        },
        ..POSSIBLE
    };

    #[test]
    fn the_rules_list_says_which_rule_was_removed_since_when_and_why() {
        assert_eq!(
            rules_table([&IN_SCOPE, &OLD, &GONE].into_iter()),
            format!(
                "{:34} {:8} {:13} {}\n{:34} {:8} {:13} {}\n{:34} {:8} {:13} {}\n",
                "catalogue-in-scope",
                "error",
                "catalogue",
                IN_SCOPE.summary,
                "catalogue-old",
                "warning",
                "catalogue",
                "An old rule. Deprecated since catscan 0.3.0: It said the same as catalogue-in-scope. Use catalogue-in-scope instead.",
                "catalogue-gone",
                "removed",
                "catalogue",
                "Removed in catscan 0.2.0: Its catalogue item was repealed. It is no longer reported; its id stays reserved.",
            )
        );
    }

    #[test]
    fn explaining_a_removed_rule_says_so_first_and_keeps_its_documentation() {
        let text = rule_text(&GONE, Knowledge::builtin());
        assert!(
            text.starts_with(
                "catalogue-gone (CatalogueGone, removed)\n\nRemoved in catscan 0.2.0: Its catalogue item was repealed. It is no longer reported; its id stays reserved.\n\nA component is a catalogue product"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "\n\n**Legal basis.** Cybersecurity Law of the People's Republic of China"
            ),
            "{text}"
        );
        let old = rule_text(&OLD, Knowledge::builtin());
        assert!(
            old.starts_with("catalogue-old (CatalogueOld, default level warning, deprecated)\n\nDeprecated since catscan 0.3.0: It said the same as catalogue-in-scope. Use catalogue-in-scope instead.\n\nAn old rule.\n\n"),
            "{old}"
        );
    }
}
