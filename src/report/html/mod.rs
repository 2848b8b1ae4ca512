//! `--format html`: one self-contained page for people: the run's facts and counts first, a table
//! of the files read, then every finding in a table that filters (by level, rule, vendor,
//! catalogue item, free text) and sorts in the browser. Suppressed findings are there too, greyed
//! with their reasons, hidden until asked for; the policy file's own findings are rows as well.
//! With the procurement rules on, a last section shows per file the components on a procurement
//! list and the domestic-control share, as a table and as stacked bars (inline SVG).
//!
//! The page is written with `maud`'s `html!` macro (docs/adr/0011-html-escaping.md): every text
//! spliced into it, an element's content or an attribute's value, is HTML-escaped by the macro,
//! so that a name, a version or a file name from someone else's file can only ever be text. Raw
//! markup enters only by name, as `PreEscaped`, and only for the page's own style sheet and
//! script (`assets`). The whole page then goes through `visible::made_visible`, which shows
//! the control and invisible characters that escaping lets through.
//!
//! The page loads nothing: its style and script are inline, and its Content-Security-Policy
//! allows exactly those two (by hash, `csp`) and nothing else. The script reads `data-*`
//! attributes and `textContent` only and never writes markup. The same report gives the same
//! bytes.
//!
//! Modules, in the order the page shows them: `header`, `files`, `findings`,
//! `procurement`.

mod assets;
mod csp;
mod files;
mod findings;
mod header;
mod procurement;
mod visible;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::findings::Report;
use crate::findings::rules::Level;

use assets::{PROCUREMENT_STYLE, SCRIPT, STYLE};

pub(crate) fn render(report: &Report) -> String {
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
    let rows = findings::rows(report);
    let page = html! {
        (DOCTYPE) "\n"
        html lang="en" {
            "\n"
            (head(report, &style))
            "\n"
            body {
                "\n"
                (header::header(report))
                main {
                    "\n"
                    (files::files(report))
                    // Laid out here, in the page's own `html!`, so that the rows are written
                    // straight into the page (see `findings::Rows`).
                    section id="findings" {
                        "\n"
                        (findings::heading(&rows))
                        div class="scroll" {
                            table id="findings-table" class="findings" {
                                "\n"
                                (findings::columns())
                                (findings::Rows(&rows))
                            }
                        }
                        "\n"
                        (findings::none_shown(&rows))
                    }
                    "\n"
                    (policy_note(report))
                    @if has_procurement {
                        (procurement::procurement(report))
                    }
                }
                "\n"
                footer {
                    "Written by catscan " (report.tool_version)
                    ". This page is self-contained: it loads nothing."
                }
                "\n"
                script { (PreEscaped(SCRIPT)) }
                "\n"
            }
            "\n"
        }
        "\n"
    };
    visible::made_visible(page.into_string())
}

fn head(report: &Report, style: &str) -> Markup {
    let counts = report.count_by_level();
    let n = |l: Level| counts.get(&l).copied().unwrap_or(0);
    html! {
        head {
            "\n"
            meta charset="utf-8";
            "\n"
            meta name="viewport" content="width=device-width, initial-scale=1";
            "\n"
            meta http-equiv="Content-Security-Policy" content=(csp::policy(style, SCRIPT));
            "\n"
            meta name="color-scheme" content="light dark";
            "\n"
            meta name="generator" content={ "catscan " (report.tool_version) };
            "\n"
            title {
                "catscan: " (n(Level::Error)) " errors, " (n(Level::Warning)) " warnings, "
                (n(Level::Note)) " notes (as of " (report.as_of) ")"
            }
            "\n"
            style { (PreEscaped(style)) }
            "\n"
        }
    }
}

fn policy_note(report: &Report) -> Markup {
    let n = report.policy_findings.len();
    html! {
        @if n > 0 {
            p class="muted" {
                (n) " of the findings " (if n == 1 { "is" } else { "are" })
                " about the policy file itself."
            }
            "\n"
        }
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// A cell of a count: greyed when zero, else in the colour of `class`.
fn count_cell(n: usize, class: &str) -> Markup {
    html! {
        @if n == 0 {
            td class="num zero" { "0" }
        } @else {
            td class={ "num " (class) } { (n) }
        }
    }
}

/// `text` with a line-break opportunity after every `/`, for long paths in narrow columns.
fn breakable(text: &str) -> Markup {
    html! {
        @for (i, part) in text.split('/').enumerate() {
            @if i > 0 { "/" wbr; }
            (part)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::terminal::sample;

    #[test]
    fn the_procurement_style_is_only_on_pages_with_an_account() {
        let without = render(&sample::report(None));
        assert!(without.contains(&format!("<style>{STYLE}</style>")));
        assert!(without.contains(&csp::hash_source(STYLE)));
        assert!(!without.contains("procurement"));
        let with = render(&sample::report(Some(sample::account())));
        let style = format!("{STYLE}{PROCUREMENT_STYLE}");
        assert!(with.contains(&format!("<style>{style}</style>")));
        assert!(with.contains(&csp::hash_source(&style)));
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
    fn the_policy_names_the_hashes_of_the_inline_style_and_script() {
        let page = render(&sample::report(None));
        let policy = format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
             style-src '{}'; script-src '{}'; base-uri 'none'; form-action 'none'\">",
            csp::hash_source(STYLE),
            csp::hash_source(SCRIPT)
        );
        assert!(page.contains(&policy), "{policy}");
        assert!(page.contains(&format!("<script>{SCRIPT}</script>\n</body>\n</html>\n")));
    }

    #[test]
    fn spliced_text_is_escaped_and_paths_break_after_slashes() {
        assert_eq!(
            breakable("a/<b>/\"c\"").into_string(),
            "a/<wbr>&lt;b&gt;/<wbr>&quot;c&quot;"
        );
        assert_eq!(
            count_cell(0, "error").into_string(),
            "<td class=\"num zero\">0</td>"
        );
        assert_eq!(
            count_cell(3, "error").into_string(),
            "<td class=\"num error\">3</td>"
        );
    }
}
