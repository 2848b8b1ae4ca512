//! The procurement section: per file with an account, the components on a procurement list and
//! the domestic-control share, as a table and as stacked bars (inline SVG) by count and by
//! spend.

use maud::{Markup, html};
use rust_decimal::Decimal;

use crate::findings::{
    Control, ListedComponent, ProcurementAccount, Report, ShareTable, ShareTotals,
};
use crate::ingest::partlist::amount::exact_percentage;
use crate::report::terminal::{amount, number, percent, whole_share};

use super::plural;

const CONTROLS: [Control; 3] = [Control::Domestic, Control::Foreign, Control::Unknown];

pub(super) fn procurement(report: &Report) -> Markup {
    html! {
        section id="procurement" {
            "\n"
            h2 { "Procurement" }
            "\n"
            p class="muted" {
                "Components on a government procurement list are shown here, not as findings. \
                 The domestic-control share counts the key components (catalogue products, \
                 CPUs, operating systems, databases, security software) by the controlling \
                 country of their vendor; those whose control is not known are counted apart, \
                 as unknown."
            }
            "\n"
            @for (index, f) in report.files.iter().enumerate() {
                @if let Ok(e) = &f.outcome {
                    @if let Some(p) = &e.procurement {
                        (procurement_file(index + 1, &f.source.display, p))
                    }
                }
            }
        }
        "\n"
    }
}

fn procurement_file(index: usize, display: &str, p: &ProcurementAccount) -> Markup {
    html! {
        article class="procurement" id={ "procurement-" (index) } data-file=(display) {
            "\n"
            h3 { code { (display) } }
            "\n"
            @if !p.listed.is_empty() {
                h4 {
                    "Procurement lists "
                    span class="muted" {
                        "(" (p.listed.len()) " "
                        (plural(p.listed.len(), "component", "components")) " on a list)"
                    }
                }
                "\n"
                div class="scroll" {
                    table class="listed" {
                        "\n"
                        thead {
                            tr {
                                th scope="col" { "Component" }
                                th scope="col" { "Class" }
                                th scope="col" { "List" }
                                th scope="col" { "Entry" }
                                th scope="col" { "Status" }
                                th scope="col" { "Valid until" }
                                th scope="col" class="num" { "Line" }
                            }
                        }
                        "\n"
                        tbody {
                            "\n"
                            @for l in &p.listed { (listed_row(l)) }
                        }
                        "\n"
                    }
                }
                "\n"
            }
            (share(index, &p.share))
        }
        "\n"
    }
}

fn listed_row(l: &ListedComponent) -> Markup {
    html! {
        tr {
            th scope="row" class="name" { (l.component.name) }
            td { (l.class) }
            td { (l.list) }
            td { (l.entry) }
            td { (l.status) }
            td class="date" {
                @match l.valid_until {
                    Some(d) => (d),
                    None => "–",
                }
            }
            td class="num" { (l.region.start.line) }
        }
        "\n"
    }
}

/// The share table, the bars by count and by spend, the minimum and the note on spend, the
/// components of unknown control with why, and every key component.
fn share(index: usize, t: &ShareTable) -> Markup {
    let minimum = html! {
        @if let Some(min) = t.minimum {
            p class="minimum" { "Minimum domestic share: " (exact_percentage(min)) }
            "\n"
        }
    };
    if t.rows.is_empty() {
        return html! {
            h4 { "Domestic-control share" }
            "\n"
            p class="share-empty" {
                "No key components (catalogue products, CPUs, operating systems, databases, \
                 security software) in this file: there is no share to show."
            }
            "\n"
            (minimum)
        };
    }
    let currency = t.currency.as_deref().unwrap_or("");
    let spend = t.by_spend.as_ref();
    let unknown: Vec<_> = t
        .rows
        .iter()
        .filter(|r| r.control == Control::Unknown)
        .collect();
    html! {
        h4 { "Domestic-control share" }
        "\n"
        div class="share" {
            "\n"
            table class="share-table" {
                "\n"
                thead {
                    tr {
                        th scope="col" { "Control" }
                        th scope="col" class="num" { "Entries" }
                        th scope="col" class="num" { "Share" }
                        @if spend.is_some() {
                            th scope="col" class="num" {
                                "Spend" @if !currency.is_empty() { " (" (currency) ")" }
                            }
                            th scope="col" class="num" { "Share of spend" }
                        }
                    }
                }
                "\n"
                tbody {
                    "\n"
                    @for c in CONTROLS {
                        @let name = c.as_str();
                        tr class={ "control-" (name) } {
                            th scope="row" {
                                span class={ "swatch " (name) } aria-hidden="true" {}
                                (name)
                            }
                            td class="num" { (number(t.by_count.get(c))) }
                            td class="num" { (percent(t.by_count.share(c))) }
                            @if let Some(x) = spend {
                                td class="num" { (amount(x.get(c))) }
                                td class="num" { (percent(x.share(c))) }
                            }
                        }
                        "\n"
                    }
                    tr class="total" {
                        th scope="row" { "total" }
                        td class="num" { (number(t.by_count.total())) }
                        td class="num" { (percent(Decimal::ONE)) }
                        @if let Some(x) = spend {
                            td class="num" { (amount(x.total())) }
                            td class="num" { (percent(whole_share(x))) }
                        }
                    }
                    "\n"
                }
                "\n"
            }
            "\n"
            div class="charts" {
                "\n"
                (bar(
                    &format!("share-{index}-count"),
                    "count",
                    &format!("By count of BOM entries ({})", number(t.by_count.total())),
                    &t.by_count,
                    number,
                ))
                @if let Some(x) = spend {
                    @let unit = if currency.is_empty() { String::new() } else { format!(" {currency}") };
                    (bar(
                        &format!("share-{index}-spend"),
                        "spend",
                        &format!("By spend ({}{unit})", amount(x.total())),
                        x,
                        |v| format!("{}{unit}", amount(v)),
                    ))
                }
            }
            "\n"
        }
        "\n"
        (minimum)
        @match (&t.spend_note, spend) {
            (Some(note), _) => {
                p class="spend-note" { "Spend: " (note) }
                "\n"
            }
            (None, None) => {
                p class="spend-note" { "Spend: no key component has a unit price." }
                "\n"
            }
            (None, Some(_)) => {}
        }
        @if !unknown.is_empty() {
            p { "Of unknown control (" (unknown.len()) "):" }
            "\n"
            ul class="unknown" {
                @for r in &unknown {
                    li {
                        span class="name" { (r.component.name) }
                        " "
                        span class="muted" { "(" (r.what) ", line " (r.region.start.line) ")" }
                        ": " (r.basis)
                    }
                }
            }
            "\n"
        }
        details class="key-components" {
            summary { "Key components (" (t.rows.len()) ")" }
            "\n"
            div class="scroll" {
                table class="key" {
                    "\n"
                    thead {
                        tr {
                            th scope="col" { "Component" }
                            th scope="col" { "What" }
                            th scope="col" { "Control" }
                            th scope="col" { "Basis" }
                            th scope="col" class="num" { "Quantity" }
                            th scope="col" class="num" { "Unit price" }
                            th scope="col" class="num" { "Line" }
                        }
                    }
                    "\n"
                    tbody {
                        "\n"
                        @for r in &t.rows {
                            @let control = r.control.as_str();
                            tr class={ "control-" (control) } {
                                th scope="row" class="name" { (r.component.name) }
                                td { (r.what) }
                                td {
                                    span class={ "swatch " (control) } aria-hidden="true" {}
                                    (control)
                                }
                                td { (r.basis) }
                                td class="num" {
                                    @if let Some(q) = r.quantity { (number(q)) }
                                }
                                td class="num" {
                                    @if let Some(p) = r.unit_price {
                                        (amount(p))
                                        @if let Some(c) = &r.currency { " " (c) }
                                    }
                                }
                                td class="num" { (r.region.start.line) }
                            }
                            "\n"
                        }
                    }
                    "\n"
                }
            }
            "\n"
        }
        "\n"
    }
}

/// One horizontal stacked bar (inline SVG, sized in percentages so that its text is never
/// stretched): a segment per kind of control in the order domestic, foreign, unknown, each with
/// its share written on it where it is wide enough, and a legend that says every figure in text.
fn bar(
    id: &str,
    measure: &str,
    caption: &str,
    t: &ShareTotals,
    figure: impl Fn(Decimal) -> String,
) -> Markup {
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
    // Each drawn segment: its control, where it starts and how wide it is, in percent. A
    // segment's width is drawing, not arithmetic on money: a float is fine here.
    let mut segments = Vec::new();
    let mut x = 0.0;
    for c in CONTROLS {
        let width = f64::try_from(t.share(c) * Decimal::ONE_HUNDRED).unwrap_or(0.0);
        if width > 0.0 {
            segments.push((c, x, width));
            x += width;
        }
    }
    html! {
        figure class="share-chart" id=(id) data-measure=(measure) {
            "\n"
            figcaption { (caption) }
            "\n"
            @if t.total().is_zero() {
                p class="muted" { "Nothing to chart: the total is zero." }
                "\n"
            } @else {
                svg class="bar" width="100%" height="28" role="img"
                    aria-label={ (caption) ": " (described.join(", ")) } {
                    @for (c, x, width) in segments {
                        @let name = c.as_str();
                        rect class={ "seg " (name) } data-control=(name) x={ (format!("{x:.4}")) "%" }
                            y="0" width={ (format!("{width:.4}")) "%" } height="100%" {
                            title {
                                (name) ": " (figure(t.get(c))) " of " (figure(t.total())) " ("
                                (percent(t.share(c))) ")"
                            }
                        }
                        @if width >= 8.0 {
                            text class=(name) x={ (format!("{:.4}", x + width / 2.0)) "%" } y="50%"
                                text-anchor="middle" dominant-baseline="central" aria-hidden="true" {
                                (percent(t.share(c)))
                            }
                        }
                    }
                }
                "\n"
                ul class="legend" {
                    @for (c, text) in CONTROLS.iter().zip(&described) {
                        li data-control=(c.as_str()) {
                            span class={ "swatch " (c.as_str()) } aria-hidden="true" {}
                            (text)
                        }
                    }
                }
                "\n"
            }
        }
        "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_share_table_counts_spend_and_keeps_unknown_apart() {
        let s = share(1, &crate::report::terminal::sample::account().share).into_string();
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
}
