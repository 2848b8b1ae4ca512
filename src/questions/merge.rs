//! Merges a supplier's answers into the components of a BOM as the properties catscan's readers
//! already understand (`catscan:throughput`, `catscan:certificate`, …), each with a
//! `catscan:answered` property saying where it came from, and after evaluation says which
//! questions the answers closed.
//!
//! An answer that cannot be used (a unit that does not fit the attribute, a date that cannot be
//! read, a component no longer in the BOM, a value the BOM contradicts) is a warning that points
//! at its cell; the other answers are still applied.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use crate::evaluate::control::country_code;
use crate::findings::{Evaluated, Finding, Report};
use crate::inventory::{ComponentId, Diagnostic, Inventory, Party, Property, Severity};
use crate::knowledge::Knowledge;
use crate::questions::answers::{Answer, Answers, Cell};
use crate::questions::derive::is_open_question;
use crate::questions::model::{
    ANSWERED, CONTROLLER, CONTROLLER_COUNTRY, EVIDENCE_KINDS, Need, Settles, bom_fingerprint,
    fingerprint_of, fingerprint_of_ref, property_of, units_of,
};
use crate::resolve::attributes::{Origin, Value, values_of};
use crate::resolve::quantity::{self, Dimension, FormFactor};

/// What the answers add to one component, for `catscan enrich`.
#[derive(Debug, Clone)]
pub struct Addition {
    /// The component the answers apply to.
    pub component: ComponentId,
    /// Properties, in the order they were added, `catscan:answered` included.
    pub properties: Vec<(String, String)>,
    /// The manufacturer the answers name, when they name one; written over the component's.
    pub manufacturer: Option<String>,
}

/// An answered question, to say after evaluation whether it closed its findings.
#[derive(Debug, Clone)]
struct Answered {
    component: String,
    name: String,
    settles: Vec<Settles>,
    place: String,
}

/// The answers applied to one BOM, and those refused.
#[derive(Debug, Default)]
pub struct Applied {
    answered: Vec<Answered>,
    warnings: Vec<(String, Option<ComponentId>)>,
    /// What the applied answers add, one entry per component they change, for `catscan enrich`.
    pub additions: Vec<Addition>,
}

impl Applied {
    /// The warnings about answers that were not applied, each naming its file, sheet and cell.
    pub fn warnings(&self) -> impl Iterator<Item = &str> {
        self.warnings.iter().map(|(w, _)| w.as_str())
    }
}

/// Applies the answers about this BOM (those whose BOM fingerprint is this inventory's) to its
/// components.
pub fn apply(
    inventory: &mut Inventory<'_>,
    answers: Option<&Answers>,
    knowledge: &Knowledge,
) -> Applied {
    let mut applied = Applied::default();
    let Some(answers) = answers else {
        return applied;
    };
    let bom = bom_fingerprint(inventory);
    let rows: Vec<&Answer> = answers.rows.iter().filter(|a| a.bom == bom).collect();
    if rows.is_empty() {
        return applied;
    }
    if let Ok(mut matched) = answers.matched.lock() {
        matched.insert(bom);
    }
    let mut by_fingerprint: HashMap<String, Vec<ComponentId>> = HashMap::new();
    for id in inventory.ids() {
        by_fingerprint
            .entry(fingerprint_of(inventory.component(id)))
            .or_default()
            .push(id);
    }
    for row in rows {
        let place = answers.place(row.row);
        let Some(ids) = by_fingerprint.get(&row.component).cloned() else {
            applied.warnings.push((
                format!(
                    "{place}: the component \"{}\" is no longer in {} (removed, or its bom-ref, name, version or purl changed since the questions were made); the answer was not applied",
                    row.component_name, inventory.source.display
                ),
                None,
            ));
            continue;
        };
        let answered_on = match &row.answered_on {
            None => None,
            Some(cell) => match crate::inventory::dates::parse(&cell.text) {
                Some(d) => Some(d),
                None => {
                    applied
                        .warnings
                        .push((bad_date(answers, cell, "Answered on"), ids.first().copied()));
                    continue;
                }
            },
        };
        let provenance = match answered_on {
            Some(d) => format!("{place}, answered {d}"),
            None => format!("{place}, date of the answer not given"),
        };
        match decide(inventory, &ids, row, answers, knowledge) {
            Err(warning) => applied.warnings.push((warning, ids.first().copied())),
            Ok(change) => {
                for &id in &ids {
                    let mut addition = Addition {
                        component: id,
                        properties: Vec::new(),
                        manufacturer: None,
                    };
                    let c = &mut inventory.components[id.index()];
                    let span = c.span;
                    for (name, value) in &change.properties {
                        c.properties.push(Property {
                            name: Cow::Owned(name.clone()),
                            value: Cow::Owned(value.clone()),
                            span,
                        });
                        addition.properties.push((name.clone(), value.clone()));
                    }
                    if let Some(maker) = &change.manufacturer {
                        c.manufacturer = Some(Box::new(Party {
                            name: Some(Cow::Owned(maker.clone())),
                            ..Party::default()
                        }));
                        addition.manufacturer = Some(maker.clone());
                    }
                    let what = change
                        .properties
                        .iter()
                        .filter(|(n, _)| !n.ends_with("-body"))
                        .map(|(n, v)| format!("{n} = \"{v}\""))
                        .chain(
                            change
                                .manufacturer
                                .iter()
                                .map(|m| format!("manufacturer \"{m}\"")),
                        )
                        .collect::<Vec<_>>()
                        .join(", ");
                    let note = format!("{what} from {provenance}");
                    c.properties.push(Property {
                        name: Cow::Borrowed(ANSWERED),
                        value: Cow::Owned(note.clone()),
                        span,
                    });
                    addition.properties.push((ANSWERED.to_string(), note));
                    applied.additions.push(addition);
                }
                applied.answered.push(Answered {
                    component: row.component.clone(),
                    name: row.component_name.clone(),
                    settles: row.settles.clone(),
                    place: place.clone(),
                });
            }
        }
    }
    applied
}

/// What one answer changes.
struct Change {
    properties: Vec<(String, String)>,
    manufacturer: Option<String>,
}

impl Change {
    fn properties(properties: Vec<(String, String)>) -> Self {
        Change {
            properties,
            manufacturer: None,
        }
    }
}

fn bad_date(answers: &Answers, cell: &Cell, column: &str) -> String {
    format!(
        "{}: \"{}\" in {column} is not a date; {}; the answer of this row was not applied",
        answers.cell(cell),
        cell.text,
        crate::inventory::dates::EXPECTED
    )
}

fn required<'c>(answers: &Answers, row: &'c Answer, what: &str) -> Result<&'c Cell, String> {
    row.answer.as_ref().ok_or_else(|| {
        format!(
            "{}: the row gives {} but no Answer ({what}); the answer was not applied",
            answers.place(row.row),
            [&row.unit, &row.issued, &row.expires, &row.body]
                .into_iter()
                .flatten()
                .map(|c| format!("cell {} \"{}\"", c.at, c.text))
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

/// Whether two quantities are the same figure (within rounding of the units).
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// Checks one answer against the knowledge and the BOM, and says what it changes.
fn decide(
    inventory: &Inventory<'_>,
    ids: &[ComponentId],
    row: &Answer,
    answers: &Answers,
    knowledge: &Knowledge,
) -> Result<Change, String> {
    let place = answers.place(row.row);
    let first = inventory.component(ids[0]);
    let line_of = |span_start: usize| inventory.position(span_start).line;
    match &row.need {
        Need::Attribute(id) => {
            let attribute = knowledge.attribute(id).ok_or_else(|| {
                format!("{place}: the Key asks for \"{id}\", an attribute catscan does not know; the answer was not applied")
            })?;
            let answer = required(answers, row, &attribute.name_en)?;
            let units = units_of(attribute.dimension);
            let text = match &row.unit {
                Some(unit) => format!("{} {}", answer.text, unit.text),
                None => answer.text.clone(),
            };
            let expected = if units.is_empty() {
                "a whole number".to_string()
            } else {
                format!("one of {}", units.join(", "))
            };
            let value = match attribute.dimension {
                Dimension::FormFactor => FormFactor::parse(&answer.text).map(Value::FormFactor),
                dimension => quantity::parse(&text, dimension, None)
                    .or_else(|| {
                        (dimension == Dimension::Count && row.unit.is_none())
                            .then(|| answer.text.parse::<f64>().ok())
                            .flatten()
                            .filter(|n| *n >= 0.0 && n.fract() == 0.0)
                            .map(|n| quantity::Quantity {
                                value: n,
                                dimension,
                            })
                    })
                    .map(Value::Quantity),
            };
            let Some(value) = value else {
                let plain_number = answer.text.trim().parse::<f64>().is_ok();
                return Err(match &row.unit {
                    Some(unit) if plain_number => format!(
                        "{}: unit \"{}\" does not fit {}; expected {expected}; the answer was not applied",
                        answers.cell(unit),
                        unit.text,
                        attribute.name_en
                    ),
                    None if plain_number && !units.is_empty() => format!(
                        "{}: \"{}\" has no unit; {} needs {expected} in Unit or kind; the answer was not applied",
                        answers.cell(answer),
                        answer.text,
                        attribute.name_en
                    ),
                    _ => format!(
                        "{}: \"{text}\" is not a figure of {}; expected {expected}; the answer was not applied",
                        answers.cell(answer),
                        attribute.name_en
                    ),
                });
            };
            for stated in values_of(first, attribute) {
                let Origin::Property {
                    name,
                    value: written,
                    span,
                    ..
                } = &stated.origin
                else {
                    continue;
                };
                let differs = match (&stated.value, &value) {
                    (Value::Quantity(a), Value::Quantity(b)) => !same(a.value, b.value),
                    (a, b) => a != b,
                };
                if differs {
                    return Err(format!(
                        "{}: the answer \"{text}\" contradicts the BOM, which states {name} = \"{written}\" ({}, line {}); the answer was not applied",
                        answers.cell(answer),
                        inventory.source.display,
                        line_of(span.start)
                    ));
                }
            }
            Ok(Change::properties(vec![(
                property_of(attribute).to_string(),
                text,
            )]))
        }
        Need::Evidence => {
            let number = required(answers, row, "the certificate or report number")?;
            let kinds = EVIDENCE_KINDS
                .iter()
                .map(|(en, zh, _)| format!("{en} ({zh})"))
                .collect::<Vec<_>>()
                .join(" or ");
            let kind = row.unit.as_ref().ok_or_else(|| {
                format!(
                    "{place}: the number \"{}\" is given without its kind; choose {kinds} in Unit or kind; the answer was not applied",
                    number.text
                )
            })?;
            let properties = EVIDENCE_KINDS
                .iter()
                .find(|(en, zh, _)| kind.text.eq_ignore_ascii_case(en) || kind.text == *zh)
                .map(|(_, _, p)| *p)
                .ok_or_else(|| {
                    format!(
                        "{}: \"{}\" is not a kind of evidence; expected {kinds}; the answer was not applied",
                        answers.cell(kind),
                        kind.text
                    )
                })?;
            let mut out = vec![(properties.number.to_string(), number.text.clone())];
            if let Some(existing) = first.property(properties.number)
                && existing.value.trim() != number.text
            {
                return Err(format!(
                    "{}: the answer \"{}\" contradicts the BOM, which states {} = \"{}\" ({}, line {}); the answer was not applied",
                    answers.cell(number),
                    number.text,
                    properties.number,
                    existing.value,
                    inventory.source.display,
                    line_of(existing.span.start)
                ));
            }
            for (cell, property, column) in [
                (&row.issued, Some(properties.issued), "Issued on"),
                (&row.expires, properties.expiry, "Valid until"),
            ] {
                let Some(cell) = cell else { continue };
                let date = crate::inventory::dates::parse(&cell.text)
                    .ok_or_else(|| bad_date(answers, cell, column))?;
                let property = property.ok_or_else(|| {
                    format!(
                        "{}: a {} has no period of validity in catscan (only its date); clear Valid until; the answer was not applied",
                        answers.cell(cell),
                        kind.text
                    )
                })?;
                out.push((property.to_string(), date.to_string()));
            }
            if let Some(body) = &row.body {
                out.push((properties.body.to_string(), body.text.clone()));
            }
            Ok(Change::properties(out))
        }
        Need::Manufacturer => {
            let maker = required(answers, row, "the manufacturer's name")?;
            if let Some(existing) = first.manufacturer.as_ref().and_then(|p| p.name.as_deref())
                && !existing.trim().eq_ignore_ascii_case(maker.text.trim())
            {
                return Err(format!(
                    "{}: the answer \"{}\" contradicts the BOM, which names the manufacturer \"{existing}\" ({}, line {}); the answer was not applied",
                    answers.cell(maker),
                    maker.text,
                    inventory.source.display,
                    line_of(first.span.start)
                ));
            }
            Ok(Change {
                properties: Vec::new(),
                manufacturer: Some(maker.text.clone()),
            })
        }
        Need::Category => {
            let answer = required(answers, row, "the product category")?;
            let category = knowledge
                .category(answer.text.trim())
                .or_else(|| knowledge.category_by_value(&answer.text))
                .ok_or_else(|| {
                    format!(
                        "{}: \"{}\" is not a category catscan knows (the list of the workbook, or `catscan catalogue categories`); the answer was not applied",
                        answers.cell(answer),
                        answer.text
                    )
                })?;
            if let Some(existing) = first.property("catscan:category")
                && knowledge
                    .category_by_value(&existing.value)
                    .is_some_and(|c| c.id != category.id)
            {
                return Err(format!(
                    "{}: the answer \"{}\" contradicts the BOM, which states catscan:category = \"{}\" ({}, line {}); the answer was not applied",
                    answers.cell(answer),
                    answer.text,
                    existing.value,
                    inventory.source.display,
                    line_of(existing.span.start)
                ));
            }
            Ok(Change::properties(vec![(
                "catscan:category".to_string(),
                category.id.clone(),
            )]))
        }
        Need::Control => {
            let controller = required(answers, row, "who controls the developer")?;
            let written = row.unit.as_ref().ok_or_else(|| {
                format!(
                    "{}: the controller \"{}\" is given without the country it controls from; write its ISO 3166-1 code (CN, US, …) in Unit or kind; the answer was not applied",
                    answers.cell(controller),
                    controller.text
                )
            })?;
            let country = country_code(&written.text).ok_or_else(|| {
                format!(
                    "{}: \"{}\" is not an ISO 3166-1 country code; expected a code such as CN, US or DE (alpha-2 or alpha-3); the answer was not applied",
                    answers.cell(written),
                    written.text
                )
            })?;
            if let Some(existing) = first.property(CONTROLLER_COUNTRY)
                && country_code(&existing.value) != Some(country)
            {
                return Err(format!(
                    "{}: the answer \"{}\" contradicts the BOM, which states {CONTROLLER_COUNTRY} = \"{}\" ({}, line {}); the answer was not applied",
                    answers.cell(written),
                    written.text,
                    existing.value,
                    inventory.source.display,
                    line_of(existing.span.start)
                ));
            }
            Ok(Change::properties(vec![
                (CONTROLLER.to_string(), controller.text.clone()),
                (CONTROLLER_COUNTRY.to_string(), country.to_string()),
            ]))
        }
    }
}

/// After evaluation: findings on a component with answers on record cite them (from the
/// `catscan:answered` properties, so a BOM enriched with the answers gives the same messages),
/// and each answered question says whether its findings were closed; refused answers are
/// warnings of the file.
pub fn conclude(inventory: &Inventory<'_>, applied: Applied, evaluated: &mut Evaluated) {
    let mut on_record: HashMap<String, Vec<&str>> = HashMap::new();
    for c in &inventory.components {
        for p in c.properties.iter().filter(|p| p.name == ANSWERED) {
            on_record
                .entry(fingerprint_of(c))
                .or_default()
                .push(p.value.as_ref());
        }
    }
    if !on_record.is_empty() {
        for finding in &mut evaluated.findings {
            if let Some(notes) = on_record.get(&fingerprint_of_ref(&finding.component)) {
                let mut notes = notes.clone();
                notes.dedup();
                finding.message.push_str(&format!(
                    " Supplier's answers on record: {}.",
                    notes.join("; ")
                ));
            }
        }
    }
    let position_of = |fingerprint: &str| {
        inventory
            .components
            .iter()
            .find(|c| fingerprint_of(c) == fingerprint)
            .map(|c| inventory.position(c.span.start))
    };
    // Per component and finding, the rows that answered it.
    let mut outcome: BTreeMap<(String, Settles), (String, Vec<String>)> = BTreeMap::new();
    for a in &applied.answered {
        for s in &a.settles {
            let entry = outcome
                .entry((a.component.clone(), s.clone()))
                .or_insert_with(|| (a.name.clone(), Vec::new()));
            entry.1.push(a.place.clone());
        }
    }
    for ((component, settles), (name, places)) in outcome {
        let open = evaluated
            .findings
            .iter()
            .any(|f| reports(f, &component, &settles));
        let what = match &settles.item {
            Some(item) => format!("{} ({item}) on {name}", settles.rule),
            None => format!("{} on {name}", settles.rule),
        };
        let (code, severity, message) = if open {
            (
                "answer-still-open",
                Severity::Note,
                format!(
                    "{}: answered, but {what} is still reported (its message says why)",
                    places.join("; ")
                ),
            )
        } else {
            (
                "answer-closed",
                Severity::Note,
                format!("{}: the supplier's answer closed {what}", places.join("; ")),
            )
        };
        evaluated.diagnostics.push(Diagnostic {
            severity,
            code,
            message,
            position: position_of(&component),
        });
    }
    for (warning, id) in applied.warnings {
        evaluated.diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            code: "answer-not-applied",
            message: warning,
            position: id.map(|id| inventory.position(inventory.component(id).span.start)),
        });
    }
}

/// Whether a finding is one a question settles, on that component.
fn reports(f: &Finding, component: &str, settles: &Settles) -> bool {
    f.rule.id == settles.rule
        && f.catalogue_item == settles.item
        && fingerprint_of_ref(&f.component) == component
}

/// The run's account of the answers, as a notice every report shows (the terminal summary,
/// SARIF, JSON, Markdown, HTML): how many findings they closed, how many answered findings are
/// still reported, how many answers were refused, how many open questions remain; and the
/// warnings about the answers file itself.
pub fn summarise(report: &mut Report, answers: Option<&Answers>) {
    let Some(answers) = answers else { return };
    report.notices.extend(answers.warnings.iter().cloned());
    let matched = answers
        .matched
        .lock()
        .map(|m| m.clone())
        .unwrap_or_default();
    let mut unmatched: Vec<&str> = answers
        .rows
        .iter()
        .filter(|a| !matched.contains(&a.bom))
        .map(|a| a.bom.as_str())
        .collect();
    unmatched.dedup();
    if !unmatched.is_empty() {
        let rows = answers
            .rows
            .iter()
            .filter(|a| !matched.contains(&a.bom))
            .count();
        report.notices.push(format!(
            "{}: {rows} answers are about a BOM that was not scanned (BOM fingerprint {}); they were not applied",
            answers.file,
            unmatched.join(", ")
        ));
    }
    let (mut closed, mut still_open, mut refused, mut remaining) = (0, 0, 0, 0);
    for file in &report.files {
        let Ok(e) = &file.outcome else { continue };
        for d in &e.diagnostics {
            match d.code {
                "answer-closed" => closed += 1,
                "answer-still-open" => still_open += 1,
                "answer-not-applied" => refused += 1,
                _ => {}
            }
        }
        remaining += e
            .findings
            .iter()
            .filter(|f| f.suppression.is_none() && is_open_question(f.rule.id))
            .count();
    }
    report.notices.push(format!(
        "answers from {}: {closed} findings closed by the supplier's answers, {still_open} answered but still reported, {refused} answers not applied (see each file's diagnostics); {remaining} findings remain open questions",
        answers.file
    ));
}
