//! The report for a person at a terminal (the default when standard output is one): each finding
//! as rustc and cargo-deny show diagnostics — level, rule, the lines of the input with the
//! component marked, the reasons, the path that introduces it and where to read more — then a
//! summary table. With the procurement rules on, each file's findings are followed by its
//! components on a procurement list and its domestic-control share. Rendering uses
//! `codespan-reporting`, the library cargo-deny uses.

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::term::{self, Config};
use termcolor::{Buffer, ColorSpec, WriteColor};

use super::escape::terminal;
use super::snippet::Text;
use rust_decimal::Decimal;

use crate::findings::rules::Level;
use crate::findings::{
    Control, Finding, ProcurementAccount, Report, ShareTable, ShareTotals, excerpt,
};

/// Characters of a component's name a snippet's label quotes.
const NAME_EXCERPT: usize = 200;

/// Renders the report; `color` chooses ANSI colours or plain text.
pub fn render(report: &Report, color: bool) -> Vec<u8> {
    let mut out = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let config = Config::default();
    for f in &report.files {
        let Ok(e) = &f.outcome else {
            if let Err(error) = &f.outcome {
                heading(&mut out, Level::Error, &format!("{error}"));
            }
            continue;
        };
        let shown: Vec<&Finding> = e
            .findings
            .iter()
            .filter(|x| x.suppression.is_none())
            .collect();
        if shown.is_empty() {
            if let Some(p) = &e.procurement {
                procurement(&mut out, &f.source.display, p);
            }
            continue;
        }
        // The snippets are drawn from what the scan kept of the input's text (a bounded window
        // around each finding, see `snippet`); a workbook has no text and is shown by its cell
        // in the message.
        let indexed = Text::new(&e.excerpt);
        let display = terminal(&f.source.display);
        for x in shown {
            let (first, rest) = split_first_sentence(&x.message);
            let mut diagnostic = match x.level {
                Level::Error => Diagnostic::error(),
                Level::Warning => Diagnostic::warning(),
                Level::Note => Diagnostic::note(),
            }
            .with_code(x.rule.id)
            .with_message(terminal(first));
            let snippet = x
                .span
                .clone()
                .filter(|_| !e.excerpt.is_empty())
                .map(|span| indexed.snippet(&display, span, (x.region.start, x.region.end)));
            if let Some((_, range)) = &snippet {
                diagnostic = diagnostic.with_labels(vec![
                    Label::primary((), range.clone())
                        .with_message(terminal(&excerpt(&x.component.name, NAME_EXCERPT))),
                ]);
            }
            let mut notes = Vec::new();
            if !rest.is_empty() {
                notes.push(rest.to_string());
            }
            // Paths with steps between are already in the message.
            if x.path.len() == 2 {
                notes.push(format!("introduced via {}", x.path.describe(1)));
            }
            for d in &x.related {
                notes.push(format!(
                    "{}: {}:{}:{}",
                    d.text, d.file, d.position.line, d.position.column
                ));
            }
            if let (Some(written), Some(resolved)) =
                (&x.component.vendor_written, &x.component.vendor)
                && written != resolved
            {
                notes.push(format!(
                    "vendor: {written} as the BOM writes it, identified as {resolved}{}",
                    x.component
                        .vendor_id
                        .as_deref()
                        .map(|id| format!(" ({id})"))
                        .unwrap_or_default()
                ));
            }
            notes.push(format!("help: catscan explain {}", x.rule.id));
            let notes = notes.iter().map(|n| terminal(n).into_owned()).collect();
            diagnostic = diagnostic.with_notes(notes);
            if snippet.is_none() {
                heading(
                    &mut out,
                    x.level,
                    &format!(
                        "{}:{}:{}",
                        f.source.display, x.region.start.line, x.region.start.column
                    ),
                );
            }
            match &snippet {
                Some((files, _)) => {
                    let _ = term::emit_to_write_style(&mut out, &config, files, &diagnostic);
                }
                None => {
                    let _ = term::emit_to_write_style(&mut out, &config, &NoText, &diagnostic);
                }
            }
        }
        if let Some(p) = &e.procurement {
            procurement(&mut out, &f.source.display, p);
        }
    }
    summary(&mut out, report);
    out.into_inner()
}

/// The files of a diagnostic without a snippet (a workbook): it has no labels, so it never
/// asks for a file.
struct NoText;

impl<'a> codespan_reporting::files::Files<'a> for NoText {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Err(codespan_reporting::files::Error::FileMissing)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Err(codespan_reporting::files::Error::FileMissing)
    }

    fn line_index(&'a self, (): (), _: usize) -> Result<usize, codespan_reporting::files::Error> {
        Err(codespan_reporting::files::Error::FileMissing)
    }

    fn line_range(
        &'a self,
        (): (),
        _: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        Err(codespan_reporting::files::Error::FileMissing)
    }
}

/// The first sentence stands alone as the diagnostic's title; the rest becomes a note.
fn split_first_sentence(message: &str) -> (&str, &str) {
    let end = message
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .find(|&i| {
            // Not inside a parenthesis ("Co., Ltd.").
            let before = &message[..i];
            before.matches('(').count() == before.matches(')').count()
                && !before.ends_with("Co.")
                && !before.ends_with("Inc.")
                && !before.ends_with("Ltd.")
        })
        .unwrap_or(message.len());
    (message[..end].trim(), message[end..].trim())
}

fn heading(out: &mut Buffer, level: Level, text: &str) {
    let mut spec = ColorSpec::new();
    spec.set_bold(true).set_fg(Some(match level {
        Level::Error => termcolor::Color::Red,
        Level::Warning => termcolor::Color::Yellow,
        Level::Note => termcolor::Color::Cyan,
    }));
    let _ = out.set_color(&spec);
    let _ = std::io::Write::write_all(out, format!("{}: ", level).as_bytes());
    let _ = out.reset();
    let _ = std::io::Write::write_all(out, format!("{}\n", terminal(text)).as_bytes());
}

/// The procurement account of a file: the components on a procurement list, then the
/// domestic-control share of its key components with the unknown ones and why.
fn procurement(out: &mut Buffer, display: &str, p: &ProcurementAccount) {
    use std::io::Write as _;
    let display = terminal(display);
    if !p.listed.is_empty() {
        title(out, "Procurement lists");
        let _ = writeln!(
            out,
            ": {display} ({} {} on a list)",
            p.listed.len(),
            if p.listed.len() == 1 {
                "component"
            } else {
                "components"
            }
        );
        for l in &p.listed {
            let _ = write!(out, "  ");
            let _ = out.set_color(&spec(|s| s.set_bold(true)));
            let _ = write!(out, "{}", terminal(&l.component.name));
            let _ = out.reset();
            let _ = writeln!(out, " ({}), line {}", l.class, l.region.start.line);
            let _ = writeln!(out, "    list: {}", l.list);
            let _ = writeln!(out, "    entry: {}", terminal(&l.entry));
            if let Some(until) = l.valid_until {
                let _ = writeln!(out, "    valid until: {until}");
            }
        }
        let _ = writeln!(out);
    }
    title(out, "Domestic-control share");
    let _ = writeln!(out, ": {display}");
    for line in share_lines(&p.share) {
        match line {
            Line::Plain(text) => {
                let _ = writeln!(out, "{}", terminal(&text));
            }
            Line::Control(control, text) => {
                let label = control.as_str();
                let _ = write!(out, "  ");
                let _ = out.set_color(&spec(|s| {
                    s.set_fg(Some(match control {
                        Control::Domestic => termcolor::Color::Green,
                        Control::Foreign => termcolor::Color::Blue,
                        Control::Unknown => termcolor::Color::Yellow,
                    }))
                }));
                let _ = write!(out, "{label}");
                let _ = out.reset();
                let _ = writeln!(out, "{}", terminal(&text[label.len()..]));
            }
        }
    }
    let _ = writeln!(out);
}

fn title(out: &mut Buffer, text: &str) {
    let _ = out.set_color(&spec(|s| s.set_bold(true)));
    let _ = std::io::Write::write_all(out, text.as_bytes());
    let _ = out.reset();
}

fn spec(f: impl FnOnce(&mut ColorSpec) -> &mut ColorSpec) -> ColorSpec {
    let mut spec = ColorSpec::new();
    f(&mut spec);
    spec
}

/// A line of the share section: plain, or a table row whose first word is a kind of control
/// (coloured when colours are on).
#[derive(Debug, PartialEq)]
enum Line {
    Plain(String),
    Control(Control, String),
}

const CONTROLS: [Control; 3] = [Control::Domestic, Control::Foreign, Control::Unknown];

/// The share table as text, without colour: the rows domestic, foreign and unknown with the
/// count of BOM entries, its share, and the spend and its share where prices allow; the
/// minimum, the note on spend, and each component of unknown control with why.
fn share_lines(t: &ShareTable) -> Vec<Line> {
    let mut lines = Vec::new();
    if t.rows.is_empty() {
        lines.push(Line::Plain(
            "  no key components (catalogue products, CPUs, operating systems, databases, security software) in this file"
                .to_string(),
        ));
        if let Some(min) = t.minimum {
            lines.push(Line::Plain(format!(
                "  minimum domestic share: {}",
                crate::ingest::partlist::amount::exact_percentage(min)
            )));
        }
        return lines;
    }
    let spend = t.by_spend.as_ref();
    let spend_head = match &t.currency {
        Some(c) => format!("spend ({c})"),
        None => "spend".to_string(),
    };
    let mut table: Vec<[String; 5]> = vec![[
        "control".into(),
        "entries".into(),
        "share".into(),
        spend_head,
        "share of spend".into(),
    ]];
    let row = |label: &str, count: Decimal, share: Decimal, spent: Option<(Decimal, Decimal)>| {
        [
            label.to_string(),
            number(count),
            percent(share),
            spent.map(|(x, _)| amount(x)).unwrap_or_default(),
            spent.map(|(_, s)| percent(s)).unwrap_or_default(),
        ]
    };
    for c in CONTROLS {
        table.push(row(
            c.as_str(),
            t.by_count.get(c),
            t.by_count.share(c),
            spend.map(|s| (s.get(c), s.share(c))),
        ));
    }
    table.push(row(
        "total",
        t.by_count.total(),
        Decimal::ONE,
        spend.map(|s| (s.total(), whole_share(s))),
    ));
    let columns = if spend.is_some() { 5 } else { 3 };
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            table
                .iter()
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for (n, r) in table.iter().enumerate() {
        let mut text = format!("{:w$}", r[0], w = widths[0]);
        for i in 1..columns {
            text.push_str(&format!("  {:>w$}", r[i], w = widths[i]));
        }
        let text = text.trim_end().to_string();
        lines.push(match n {
            1..=3 => Line::Control(CONTROLS[n - 1], text),
            _ => Line::Plain(format!("  {text}")),
        });
    }
    if let Some(min) = t.minimum {
        lines.push(Line::Plain(format!(
            "  minimum domestic share: {}",
            crate::ingest::partlist::amount::exact_percentage(min)
        )));
    }
    if let Some(note) = &t.spend_note {
        lines.push(Line::Plain(format!("  note: {note}")));
    }
    let unknown: Vec<_> = t
        .rows
        .iter()
        .filter(|r| r.control == Control::Unknown)
        .collect();
    if !unknown.is_empty() {
        lines.push(Line::Plain(format!(
            "  of unknown control ({}):",
            unknown.len()
        )));
        for r in unknown {
            lines.push(Line::Plain(format!(
                "    {} ({}, line {}): {}",
                r.component.name, r.what, r.region.start.line, r.basis
            )));
        }
    }
    lines
}

/// A share (0 to 1) as a percentage with one decimal: "62.5%" (a tie rounds to even).
pub(crate) fn percent(share: Decimal) -> String {
    let p = (share * Decimal::ONE_HUNDRED).round_dp(1);
    format!("{p:.1}%")
}

/// The share of a total in itself: all of it, or nothing when the total is zero.
pub(crate) fn whole_share(t: &ShareTotals) -> Decimal {
    if t.total().is_zero() {
        Decimal::ZERO
    } else {
        Decimal::ONE
    }
}

/// A sum of money, exactly, with thousands separators and at least two decimals:
/// "1,234,567.50", "0.125".
pub(crate) fn amount(x: Decimal) -> String {
    let x = x.normalize();
    let text = format!("{:.prec$}", x.abs(), prec = x.scale().max(2) as usize);
    let (whole, cents) = text.split_once('.').unwrap_or((&text, "00"));
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if x.is_sign_negative() && !x.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{grouped}.{cents}")
}

/// A count or quantity, exactly as many as it is: "4", "2.5".
pub(crate) fn number(x: Decimal) -> String {
    x.normalize().to_string()
}

/// The closing table: one row per file, and the totals.
fn summary(out: &mut Buffer, report: &Report) {
    use std::io::Write as _;
    let mut rows = Vec::new();
    for f in &report.files {
        let row = match &f.outcome {
            Ok(e) => {
                let n = |l: Level| {
                    e.findings
                        .iter()
                        .filter(|x| x.suppression.is_none() && x.level == l)
                        .count()
                };
                (
                    terminal(&f.source.display).into_owned(),
                    e.counts.components.to_string(),
                    n(Level::Error).to_string(),
                    n(Level::Warning).to_string(),
                    n(Level::Note).to_string(),
                )
            }
            Err(_) => (
                terminal(&f.source.display).into_owned(),
                "unreadable".into(),
                "-".into(),
                "-".into(),
                "-".into(),
            ),
        };
        rows.push(row);
    }
    let counts = report.count_by_level();
    let total = |l: Level| counts.get(&l).copied().unwrap_or(0).to_string();
    let width = rows
        .iter()
        .map(|r| r.0.chars().count())
        .max()
        .unwrap_or(4)
        .max(5);
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:width$}  {:>10}  {:>6}  {:>8}  {:>5}",
        "file", "components", "errors", "warnings", "notes"
    );
    for r in &rows {
        let _ = writeln!(
            out,
            "{:width$}  {:>10}  {:>6}  {:>8}  {:>5}",
            r.0, r.1, r.2, r.3, r.4
        );
    }
    let _ = writeln!(
        out,
        "{:width$}  {:>10}  {:>6}  {:>8}  {:>5}",
        "total",
        "",
        total(Level::Error),
        total(Level::Warning),
        total(Level::Note)
    );
    let suppressed = report.suppressed().count();
    if suppressed > 0 {
        let _ = writeln!(
            out,
            "{suppressed} findings suppressed by exceptions (see the summary on standard error)."
        );
    }
    if let Some(line) = crate::report::summary::skipped_line(report) {
        let _ = writeln!(out, "{line}");
    }
    for line in crate::report::summary::families(report) {
        let _ = writeln!(out, "{line}");
    }
}

/// A small procurement account for the reports' tests: two domestic key components, one
/// foreign, one of unknown control, all priced in CNY; one of them on a list.
#[cfg(test)]
pub(crate) mod sample {
    use crate::findings::rules::Level;
    use crate::findings::{
        ComponentRef, Control, Finding, ListedComponent, ProcurementAccount, Region, ShareRow,
        ShareTable, ShareTotals,
    };
    use crate::inventory::Position;

    /// Sums of domestic, foreign and unknown.
    fn totals(sums: [i64; 3]) -> ShareTotals {
        let mut t = ShareTotals::default();
        for (c, sum) in [Control::Domestic, Control::Foreign, Control::Unknown]
            .into_iter()
            .zip(sums)
        {
            t.add(c, sum.into()).unwrap();
        }
        t
    }

    fn at(line: u32) -> Region {
        Region {
            start: Position { line, column: 1 },
            end: Position { line, column: 40 },
        }
    }

    fn component(name: &str, vendor: Option<&str>) -> ComponentRef {
        ComponentRef {
            name: name.to_string(),
            group: None,
            version: None,
            kind: "device".to_string(),
            purl: None,
            bom_ref: Some(name.to_string()),
            vendor: vendor.map(str::to_string),
            vendor_id: None,
            vendor_written: None,
        }
    }

    fn row(
        name: &str,
        vendor: Option<&str>,
        line: u32,
        what: &str,
        control: Control,
        basis: &str,
        (quantity, unit_price): (&str, &str),
    ) -> ShareRow {
        ShareRow {
            component: component(name, vendor),
            region: at(line),
            what: what.to_string(),
            control,
            basis: basis.to_string(),
            quantity: Some(quantity.parse().unwrap()),
            unit_price: Some(unit_price.parse().unwrap()),
            currency: Some("CNY".to_string()),
        }
    }

    /// A run over one file, `bom.cdx.json`, with no findings and this account.
    pub(crate) fn report(procurement: Option<ProcurementAccount>) -> crate::findings::Report {
        use crate::findings::{Counts, Evaluated, FileReport, Report};
        use crate::inventory::{Format, SourceFile};
        Report {
            tool_version: "0.0.0-test",
            as_of: time::macros::date!(2026 - 11 - 23),
            edition: None,
            files: vec![FileReport {
                source: SourceFile {
                    path: "bom.cdx.json".into(),
                    display: "bom.cdx.json".to_string(),
                },
                outcome: Ok(Evaluated {
                    format: Format::CycloneDxJson,
                    spec_version: "1.6".to_string(),
                    findings: Vec::new(),
                    diagnostics: Vec::new(),
                    counts: Counts::default(),
                    procurement,
                    excerpt: crate::inventory::Excerpt::default(),
                }),
            }],
            skipped: Vec::new(),
            notices: Vec::new(),
            policy_findings: Vec::new(),
            policy_file: None,
            baseline: None,
            families: Vec::new(),
        }
    }

    /// A finding of `rule` at `line` of the sample report's file.
    pub(crate) fn finding(rule: &'static str, level: Level, line: u32) -> Finding {
        let at = Position { line, column: 1 };
        Finding {
            rule: crate::findings::rules::by_id(rule).unwrap(),
            level,
            message: format!("finding on line {line}."),
            component: ComponentRef {
                name: format!("part {line}"),
                group: None,
                version: None,
                kind: "device".into(),
                purl: None,
                bom_ref: None,
                vendor: None,
                vendor_id: None,
                vendor_written: None,
            },
            region: Region { start: at, end: at },
            span: None,
            catalogue_item: None,
            confidence: None,
            fingerprint: format!("{line:016x}:1"),
            suppression: None,
            new_since_baseline: false,
            path: crate::findings::IntroPath::default(),
            related: Vec::new(),
        }
    }

    pub(crate) fn account() -> ProcurementAccount {
        let rows = vec![
            row(
                "麒麟X90",
                Some("HiSilicon Technologies Co., Ltd."),
                3,
                "CPU",
                Control::Domestic,
                "HiSilicon Technologies Co., Ltd.: controlled from CN",
                ("20", "3000"),
            ),
            row(
                "银河麒麟桌面操作系统",
                Some("Kylin Software Co., Ltd."),
                4,
                "operating system",
                Control::Domestic,
                "Kylin Software Co., Ltd.: controlled from CN",
                ("20", "800"),
            ),
            row(
                "Intel Xeon Gold 6338",
                Some("Intel Corporation"),
                5,
                "CPU",
                Control::Foreign,
                "Intel Corporation: incorporated in US",
                ("4", "12000"),
            ),
            row(
                "Loongson 3C6000",
                None,
                6,
                "CPU",
                Control::Unknown,
                "vendor not identified",
                ("2", "9500.5"),
            ),
        ];
        ProcurementAccount {
            listed: vec![ListedComponent {
                component: component("麒麟X90", Some("HiSilicon Technologies Co., Ltd.")),
                region: at(3),
                class: "CPU".to_string(),
                list: "Secure and reliable evaluation results".to_string(),
                entry: "Kirin X90 [麒麟X90] (2025年第1号, 2025-03-14, level II)".to_string(),
                valid_until: Some(time::macros::date!(2028 - 03 - 13)),
                status: "confirmed".to_string(),
            }],
            share: ShareTable {
                rows,
                by_count: totals([2, 1, 1]),
                by_spend: Some(totals([76000, 48000, 19001])),
                currency: Some("CNY".to_string()),
                unpriced: 0,
                spend_note: None,
                minimum: Some("0.75".parse().unwrap()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_come_from_the_text_the_scan_read_not_from_the_file_again() {
        use crate::evaluate::test_support::{bom, evaluate, policy_on};
        // `unit.cdx.json` is not on disk: the snippet can only come from the scan's excerpt.
        let text = bom(r#"{"type":"device","name":"NE40E","version":"V8"}"#);
        let mut run = sample::report(None);
        run.files[0].source.display = "unit.cdx.json".to_string();
        run.files[0].outcome = Ok(evaluate(&text, &policy_on("2026-11-23")));
        let shown = String::from_utf8(render(&run, false)).unwrap();
        let snippet = r#"  ┌─ unit.cdx.json:1:72
  │
1 │ …ersion":"1.6","version":1,"components":[{"type":"device","name":"NE40E","version":"V8"}]}
  │                                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ NE40E
"#;
        assert!(shown.contains(snippet), "{shown}");
    }

    fn plain(account: &ProcurementAccount) -> String {
        let mut out = Buffer::no_color();
        procurement(&mut out, "bom.cdx.json", account);
        String::from_utf8(out.into_inner()).unwrap()
    }

    #[test]
    fn the_procurement_section_lists_and_shares_in_plain_text() {
        assert_eq!(
            plain(&sample::account()),
            "\
Procurement lists: bom.cdx.json (1 component on a list)
  麒麟X90 (CPU), line 3
    list: Secure and reliable evaluation results
    entry: Kirin X90 [麒麟X90] (2025年第1号, 2025-03-14, level II)
    valid until: 2028-03-13

Domestic-control share: bom.cdx.json
  control   entries   share  spend (CNY)  share of spend
  domestic        2   50.0%    76,000.00           53.1%
  foreign         1   25.0%    48,000.00           33.6%
  unknown         1   25.0%    19,001.00           13.3%
  total           4  100.0%   143,001.00          100.0%
  minimum domestic share: 75.0%
  of unknown control (1):
    Loongson 3C6000 (CPU, line 6): vendor not identified

"
        );
    }

    #[test]
    fn without_prices_the_share_is_by_count_with_the_note() {
        let mut account = sample::account();
        account.listed.clear();
        account.share.by_spend = None;
        account.share.currency = None;
        account.share.minimum = None;
        account.share.spend_note =
            Some("spend is not summed: the prices are in different currencies (CNY, USD)".into());
        assert_eq!(
            plain(&account),
            "\
Domestic-control share: bom.cdx.json
  control   entries   share
  domestic        2   50.0%
  foreign         1   25.0%
  unknown         1   25.0%
  total           4  100.0%
  note: spend is not summed: the prices are in different currencies (CNY, USD)
  of unknown control (1):
    Loongson 3C6000 (CPU, line 6): vendor not identified

"
        );
        account.share = ShareTable::default();
        assert_eq!(
            plain(&account),
            "\
Domestic-control share: bom.cdx.json
  no key components (catalogue products, CPUs, operating systems, databases, security software) in this file

"
        );
    }

    #[test]
    fn colours_mark_the_headings_and_the_kinds_of_control() {
        let mut out = Buffer::ansi();
        procurement(&mut out, "bom.cdx.json", &sample::account());
        let text = String::from_utf8(out.into_inner()).unwrap();
        assert!(text.contains("\u{1b}[0m\u{1b}[1mDomestic-control share\u{1b}[0m: bom.cdx.json"));
        assert!(text.contains("  \u{1b}[0m\u{1b}[33munknown\u{1b}[0m         1   25.0%"));
    }

    #[test]
    fn figures_are_written_for_people() {
        let d = |text: &str| -> Decimal { text.parse().unwrap() };
        assert_eq!(amount(d("1234567.5")), "1,234,567.50");
        assert_eq!(amount(d("999")), "999.00");
        assert_eq!(amount(d("0")), "0.00");
        assert_eq!(amount(d("-1500")), "-1,500.00");
        // Exactly, beyond what a float holds: 2^53 + 1 and a cent; and below a cent.
        assert_eq!(amount(d("9007199254740993.01")), "9,007,199,254,740,993.01");
        assert_eq!(amount(d("0.125")), "0.125");
        assert_eq!(number(d("4")), "4");
        assert_eq!(number(d("4.00")), "4");
        assert_eq!(number(d("2.5")), "2.5");
        assert_eq!(percent(d("2") / d("3")), "66.7%");
        assert_eq!(percent(d("0.0625")), "6.2%");
    }

    #[test]
    fn the_first_sentence_ends_at_a_full_stop_outside_names() {
        let (first, rest) = split_first_sentence(
            "X (device, Huawei Technologies Co., Ltd.) is a router. Threshold: met.",
        );
        assert_eq!(
            first,
            "X (device, Huawei Technologies Co., Ltd.) is a router."
        );
        assert_eq!(rest, "Threshold: met.");
    }
}
