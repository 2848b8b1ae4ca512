//! The page's header: the run's facts (version, as-of date, catalogue edition, policy file, rule
//! families, baseline), a card per count, and the run's notices.

use maud::{Markup, html};

use crate::findings::rules::Level;
use crate::findings::{FamilyRun, Report};

use super::plural;

pub(super) fn header(report: &Report) -> Markup {
    let counts = report.count_by_level();
    let n = |l: Level| counts.get(&l).copied().unwrap_or(0);
    let suppressed = report.suppressed().count();
    let cards = [
        ("error", n(Level::Error), "error", "errors"),
        ("warning", n(Level::Warning), "warning", "warnings"),
        ("note", n(Level::Note), "note", "notes"),
        ("suppressed", suppressed, "suppressed", "suppressed"),
    ];
    html! {
        header {
            "\n"
            div class="top" {
                "\n"
                div class="about" {
                    "\n"
                    h1 { "catscan report" }
                    "\n"
                    dl class="meta" {
                        "\n"
                        (facts(report))
                    }
                    "\n"
                }
                "\n"
                div class="cards" {
                    "\n"
                    @for (class, count, one, many) in cards {
                        div class={ "card " (class) } {
                            span class="n" { (count) }
                            " "
                            span class="what" { (plural(count, one, many)) }
                        }
                        "\n"
                    }
                }
                "\n"
            }
            "\n"
            @if !report.notices.is_empty() {
                ul class="notices" {
                    "\n"
                    @for notice in &report.notices {
                        li { (notice) }
                        "\n"
                    }
                }
                "\n"
            }
        }
        "\n"
    }
}

/// The facts of the run, a term and its value each.
fn facts(report: &Report) -> Markup {
    let ran: Vec<&FamilyRun> = report.families.iter().filter(|f| f.ran).collect();
    let not_run: Vec<&FamilyRun> = report.families.iter().filter(|f| !f.ran).collect();
    html! {
        (fact("catscan", html! { (report.tool_version) }))
        (fact("As of", html! { (report.as_of) }))
        (fact("Catalogue", html! {
            @match &report.edition {
                Some(e) => {
                    code { (e.id) } " " (e.title) " " span class="muted" { "(" (e.basis) ")" }
                }
                None => "no catalogue edition in force",
            }
        }))
        (fact("Policy file", html! {
            @match &report.policy_file {
                Some(p) => code { (p) },
                None => "none",
            }
        }))
        @for (families, term) in [(ran, "Rules run"), (not_run, "Rules not run")] {
            @if !families.is_empty() {
                (fact(term, html! {
                    @for (i, f) in families.iter().enumerate() {
                        @if i > 0 { ", " }
                        code { (f.name) } " " span class="muted" { "(" (f.why) ")" }
                    }
                }))
            }
        }
        @if let Some(b) = &report.baseline {
            (fact("Baseline", html! {
                code { (b.file) }
                " "
                span class="muted" {
                    "(" (b.unchanged) " unchanged " (plural(b.unchanged, "finding", "findings"))
                    " left out)"
                }
            }))
        }
    }
}

fn fact(term: &str, value: Markup) -> Markup {
    html! {
        div { dt { (term) } dd { (value) } }
        "\n"
    }
}
