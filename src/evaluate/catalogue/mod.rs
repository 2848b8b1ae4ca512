//! The catalogue obligation: for a component recognised as a catalogue category, which item of
//! the edition covers it, whether the item's threshold is met, not met or cannot be decided,
//! and what follows.

mod messages;
pub mod rules;
#[cfg(test)]
mod tests;

use super::Collector;
use super::evidence::{self, Assessment, Evidence};
use super::message::{self, sentence};
use crate::findings::rules::Rule;
use crate::inventory::{Component, ComponentId};
use crate::knowledge::{Combination, Condition, Coverage, Edition, Item, Status};
use crate::resolve::attributes::{self, AttributeValue, Value};
use crate::resolve::quantity::FormFactor;
use crate::resolve::{CategoryMatch, Confidence};

/// Three-valued outcome of a condition or of a whole threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tri {
    Met,
    NotMet,
    Unknown,
}

/// How one condition was checked, for the message.
struct Checked<'c> {
    /// What the condition asks, e.g. "整系统吞吐量（双向）≥12Tbps".
    label: String,
    outcome: Tri,
    value: Option<AttributeValue>,
    /// The attribute a missing value would be stated in.
    attribute: &'c str,
    attribute_name: String,
    note: Option<String>,
}

/// Why a threshold could not be decided.
enum Undecided {
    /// The component meets the item, but the item is only inferred to be in the catalogue
    /// (`covering: false`), or only inferred to cover this kind of product (`covering: true`).
    Membership { status: Status, covering: bool },
    /// These attributes are missing (or only unlabelled and below the limit).
    Missing(Vec<String>),
    /// The catalogue's threshold value was never read.
    ThresholdNotRead(Option<String>),
    /// The readings "all conditions" and "any condition" disagree.
    Combination {
        all: Tri,
        any: Tri,
        note: Option<String>,
    },
}

enum Decision {
    InScope { no_threshold: bool },
    NotInScope(String),
    Undetermined(Undecided),
}

/// Evaluates every catalogue category a component matched against the items of `edition`.
pub(super) fn evaluate_component(
    out: &mut Collector<'_, '_, '_, '_>,
    id: ComponentId,
    matches: &[CategoryMatch<'_>],
    edition: &Edition,
) {
    let knowledge = out.resolved.knowledge;
    let component = out.resolved.inventory.component(id);
    let names = evidence::vendor_names(component, out.resolved.get(id).vendor.as_ref());
    let recorded = evidence::collect(component, &names, out.policy.certified.as_ref(), knowledge);
    for m in matches.iter().filter(|m| m.category.catalogue) {
        let covering: Vec<(&Item, Coverage<'_>)> = edition
            .items
            .iter()
            .filter_map(|item| item.covers(&m.category.id).map(|c| (item, c)))
            .collect();
        if covering.is_empty() {
            not_in_edition(out, id, m, edition);
            continue;
        }
        for (item, coverage) in covering {
            let (mut decision, checked) = decide(component, item, knowledge);
            // An item the catalogue is only inferred to hold cannot put a product in scope.
            let covering = match coverage {
                Coverage::Direct => Status::Confirmed,
                Coverage::Also(also) => also.status,
            };
            if matches!(decision, Decision::InScope { .. }) {
                if item.status >= Status::Inferred {
                    decision = Decision::Undetermined(Undecided::Membership {
                        status: item.status,
                        covering: false,
                    });
                } else if covering >= Status::Inferred {
                    decision = Decision::Undetermined(Undecided::Membership {
                        status: covering,
                        covering: true,
                    });
                }
            }
            report(
                out, id, m, edition, item, coverage, decision, &checked, &recorded,
            );
        }
    }
}

/// Decides whether `item` applies to `component`.
fn decide<'c>(
    component: &Component<'_>,
    item: &'c Item,
    knowledge: &crate::knowledge::Knowledge,
) -> (Decision, Vec<Checked<'c>>) {
    let hardware = component.kind.is_hardware();
    if item.hardware_only
        && !hardware
        && !matches!(component.kind, crate::inventory::ComponentKind::Unknown(_))
    {
        let status = item.hardware_only_status.unwrap_or(Status::Confirmed);
        let mut why = format!(
            "the item covers hardware only and this is {}",
            article_kind(component)
        );
        if status != Status::Confirmed {
            why.push_str(&format!(
                " (the hardware-only reading is {})",
                status.describe()
            ));
        }
        return (Decision::NotInScope(why), Vec::new());
    }
    if item.software_only && hardware {
        return (
            Decision::NotInScope(
                "the item covers software products only and this is a device".into(),
            ),
            Vec::new(),
        );
    }
    let mut checked = Vec::new();
    // The server item covers rack-mounted servers only: a condition of its own, joined to the
    // threshold by AND (it is part of the item's name).
    let form = item.form_factor.as_deref().map(|wanted| {
        let wanted = FormFactor::parse(wanted);
        let attribute = knowledge
            .attribute("form-factor")
            .expect("the form-factor attribute is defined");
        let value = attributes::values_of(component, attribute)
            .into_iter()
            .next();
        let outcome = match value.as_ref().map(|v| v.value) {
            Some(Value::FormFactor(ff)) if Some(ff) == wanted => Tri::Met,
            Some(Value::FormFactor(_)) => Tri::NotMet,
            _ => Tri::Unknown,
        };
        checked.push(Checked {
            label: format!("{} (rack-mounted)", item.name_zh),
            outcome,
            value,
            attribute: "form-factor",
            attribute_name: attribute.name_en.clone(),
            note: None,
        });
        outcome
    });
    let Some(threshold) = item.threshold.as_ref() else {
        return match form {
            Some(Tri::NotMet) => (Decision::NotInScope(form_reason(&checked)), checked),
            Some(Tri::Unknown) => (
                Decision::Undetermined(Undecided::Missing(missing(&checked))),
                checked,
            ),
            _ => (Decision::InScope { no_threshold: true }, checked),
        };
    };
    if !threshold.is_known() {
        return match form {
            Some(Tri::NotMet) => (Decision::NotInScope(form_reason(&checked)), checked),
            _ => (
                Decision::Undetermined(Undecided::ThresholdNotRead(threshold.status_note.clone())),
                checked,
            ),
        };
    }
    let mut outcomes = Vec::new();
    for condition in &threshold.conditions {
        let c = check(component, condition, knowledge);
        outcomes.push(c.outcome);
        checked.push(c);
    }
    let all = combine(&outcomes, Combination::All);
    let any = combine(&outcomes, Combination::Any);
    let (threshold_outcome, ambiguous) = if threshold.combination_confirmed() {
        (
            if threshold.combination == Combination::All {
                all
            } else {
                any
            },
            false,
        )
    } else if all == any {
        (all, false)
    } else {
        (Tri::Unknown, true)
    };
    let overall = combine(
        &[threshold_outcome, form.unwrap_or(Tri::Met)],
        Combination::All,
    );
    let decision = match overall {
        Tri::Met => Decision::InScope {
            no_threshold: false,
        },
        Tri::NotMet => {
            let failed: Vec<String> = checked
                .iter()
                .filter(|c| c.outcome == Tri::NotMet)
                .map(|c| match &c.value {
                    Some(v) => format!("{} is {}", c.attribute_name, v.value),
                    None => c.label.clone(),
                })
                .collect();
            let mut why = format!(
                "{} (threshold: {})",
                failed.join(" and "),
                threshold_summary(item)
            );
            if !threshold.combination_confirmed() && form != Some(Tri::NotMet) {
                why.push_str("; this holds whether or not all conditions must be met");
            }
            Decision::NotInScope(why)
        }
        Tri::Unknown if ambiguous && form != Some(Tri::Unknown) => {
            Decision::Undetermined(Undecided::Combination {
                all,
                any,
                note: threshold.combination_note.clone(),
            })
        }
        Tri::Unknown => Decision::Undetermined(Undecided::Missing(missing(&checked))),
    };
    (decision, checked)
}

fn form_reason(checked: &[Checked<'_>]) -> String {
    match checked
        .iter()
        .find(|c| c.attribute == "form-factor")
        .and_then(|c| c.value.as_ref())
    {
        Some(v) => format!(
            "the item covers rack-mounted servers only and this one is {} (from {})",
            v.value, v.origin
        ),
        None => "the item covers rack-mounted servers only".to_string(),
    }
}

fn missing(checked: &[Checked<'_>]) -> Vec<String> {
    checked
        .iter()
        .filter(|c| c.outcome == Tri::Unknown)
        .map(|c| c.attribute_name.clone())
        .collect()
}

fn article_kind(c: &Component<'_>) -> String {
    let kind = c.kind.as_str();
    let vowel = kind.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {kind}", if vowel { "an" } else { "a" })
}

/// "≥ 12 Tbps throughput and ≥ 550,000 entries routing-table capacity".
fn threshold_summary(item: &Item) -> String {
    item.scope_zh
        .clone()
        .or_else(|| item.scope_en.clone())
        .unwrap_or_default()
}

/// Checks one condition against the component's values.
fn check<'c>(
    component: &Component<'_>,
    condition: &'c Condition,
    knowledge: &crate::knowledge::Knowledge,
) -> Checked<'c> {
    let attribute = knowledge
        .attribute(&condition.attribute)
        .expect("conditions name known attributes");
    let values = attributes::values_of(component, attribute);
    let holds = |v: &AttributeValue| match v.value {
        Value::Quantity(q) => condition.holds(&q),
        Value::FormFactor(_) => false,
    };
    let label = condition
        .text_zh
        .clone()
        .or_else(|| condition.text_en.clone())
        .unwrap_or_else(|| format!("{} {}", attribute.name_en, condition.display_limit()));
    let mut note = None;
    let (outcome, value) = match values.iter().find(|v| v.labelled) {
        Some(v) => {
            let others: Vec<String> = values
                .iter()
                .filter(|o| o.labelled && !std::ptr::eq(*o, v) && holds(o) != holds(v))
                .map(|o| format!("{} from {}", o.value, o.origin))
                .collect();
            if !others.is_empty() {
                note = Some(format!(
                    "the BOM also gives {}, which would decide otherwise",
                    others.join(", ")
                ));
            }
            (
                if holds(v) { Tri::Met } else { Tri::NotMet },
                Some(v.clone()),
            )
        }
        None => match values.iter().find(|v| holds(v)) {
            Some(v) => (Tri::Met, Some(v.clone())),
            None => {
                if let Some(v) = values.first() {
                    note = Some(format!(
                        "the only figure is {} from {}, which does not say it is the {}; an unlabelled figure can show that a threshold is met, never that it is missed",
                        v.value, v.origin, attribute.name_en
                    ));
                }
                (Tri::Unknown, None)
            }
        },
    };
    let mut checked = Checked {
        label,
        outcome,
        value,
        attribute: &condition.attribute,
        attribute_name: attribute.name_en.clone(),
        note,
    };
    if let Some(status) = condition.value_status.filter(|s| *s != Status::Confirmed) {
        let extra = format!(
            "the catalogue value {} is {}",
            condition.value,
            status.describe()
        );
        checked.note = Some(match checked.note.take() {
            Some(n) => format!("{n}; {extra}"),
            None => extra,
        });
    }
    checked
}

fn combine(outcomes: &[Tri], how: Combination) -> Tri {
    match how {
        Combination::All if outcomes.contains(&Tri::NotMet) => Tri::NotMet,
        Combination::All if outcomes.iter().all(|o| *o == Tri::Met) => Tri::Met,
        Combination::Any if outcomes.contains(&Tri::Met) => Tri::Met,
        Combination::Any if outcomes.iter().all(|o| *o == Tri::NotMet) => Tri::NotMet,
        _ => Tri::Unknown,
    }
}

/// Writes the finding for one item.
#[allow(clippy::too_many_arguments)]
fn report(
    out: &mut Collector<'_, '_, '_, '_>,
    id: ComponentId,
    m: &CategoryMatch<'_>,
    edition: &Edition,
    item: &Item,
    coverage: Coverage<'_>,
    decision: Decision,
    checked: &[Checked<'_>],
    recorded: &[Evidence],
) {
    let resolved = out.resolved;
    let knowledge = resolved.knowledge;
    let name = message::component(resolved, id);
    let what = message::a_category(m.category);
    let zh = &m.category.name_zh;
    let item_ref = messages::item_ref(edition, item);
    let possible = m.confidence == Confidence::Possible;
    let (rule, first) = match &decision {
        Decision::NotInScope(why) => (
            &rules::NOT_IN_SCOPE,
            format!("{name} is {what} ({zh}), but {item_ref} does not apply to it: {why}."),
        ),
        _ if possible => (
            &rules::POSSIBLE,
            format!(
                "{name} may be {what} ({zh}), which would fall under {item_ref}; only weak evidence says so."
            ),
        ),
        Decision::InScope { no_threshold: true } => (
            &rules::IN_SCOPE,
            format!("{name} is {what} ({zh}) and falls under {item_ref}, which sets no threshold."),
        ),
        Decision::InScope {
            no_threshold: false,
        } => (
            &rules::IN_SCOPE,
            format!("{name} is {what} ({zh}) and meets the threshold of {item_ref}."),
        ),
        Decision::Undetermined(why) => {
            let short = match why {
                Undecided::Membership { status, covering: false } => {
                    format!("the item's place in the {} catalogue is {}", edition.year(), status.describe())
                }
                Undecided::Membership { status, covering: true } => {
                    format!("that the item covers this kind of product is {}", status.describe())
                }
                Undecided::Missing(attrs) => format!("the BOM does not state its {}", attrs.join(" or ")),
                Undecided::ThresholdNotRead(_) => "the catalogue's threshold for this item was never read (status unknown)".to_string(),
                Undecided::Combination { .. } => {
                    "the answer depends on whether all threshold conditions must hold, which the sources do not say".to_string()
                }
            };
            (
                &rules::UNDETERMINED,
                match why {
                    Undecided::Membership { .. } => format!(
                        "{name} is {what} ({zh}), which would fall under {item_ref}, but whether the obligation applies cannot be decided: {short}."
                    ),
                    _ => format!(
                        "{name} is {what} ({zh}) under {item_ref}, but whether it meets the item's threshold cannot be decided: {short}."
                    ),
                },
            )
        }
    };
    let mut text = vec![first];
    // A finding that rests on an item whose place in the catalogue was not read in the official
    // text says so, unless the first sentence already gave that as the reason it is undecided.
    let membership_said = matches!(
        decision,
        Decision::Undetermined(Undecided::Membership {
            covering: false,
            ..
        })
    );
    if item.status != Status::Confirmed && !membership_said {
        text.push(format!(
            "The item's place in the {} catalogue is {}{}",
            edition.year(),
            item.status.describe(),
            item.status_note
                .as_deref()
                .map(|n| format!(": {}", sentence(n)))
                .unwrap_or_else(|| ".".to_string())
        ));
    }
    text.push(format!("Recognised from: {}.", message::reasons(m)));
    if let Coverage::Also(also) = coverage {
        text.push(format!(
            "That the item covers this category is {}. {}",
            also.status.describe(),
            sentence(also.note.clone())
        ));
    }
    if !checked.is_empty() {
        let lines: Vec<String> = checked.iter().map(describe_check).collect();
        let status = item
            .threshold
            .as_ref()
            .map_or(Status::Confirmed, |t| t.status);
        let qualifier = if status == Status::Confirmed {
            String::new()
        } else {
            format!(" ({})", status.describe())
        };
        text.push(format!("Threshold{qualifier}: {}.", lines.join("; ")));
    }
    if let Decision::Undetermined(why) = &decision {
        match why {
            Undecided::Missing(attrs) if !attrs.is_empty() => text.push(format!(
                "To decide, state {} as a property of the component (see the rule's help for the names).",
                attrs.join(" and ")
            )),
            Undecided::ThresholdNotRead(note) => {
                if let Some(n) = note {
                    text.push(format!("About the threshold: {}", sentence(n.clone())));
                }
                text.push("Treat the product as in scope unless its supplier shows that it is below the threshold.".into());
            }
            Undecided::Combination { all, any, note } => {
                text.push(format!(
                    "If all conditions must hold, the item {}; if any one suffices, it {}.",
                    tri_words(*all),
                    tri_words(*any)
                ));
                if let Some(n) = note {
                    text.push(sentence(n.clone()));
                }
            }
            Undecided::Membership { covering, .. } => text.push(if *covering {
                "If the item covers it, the product needs certification or testing before it is sold; check the official catalogue text.".into()
            } else {
                "If the catalogue holds the item, the product needs certification or testing before it is sold; check the official catalogue text.".into()
            }),
            _ => {}
        }
    }
    let rule = weigh_evidence(
        &mut text,
        rule,
        &decision,
        possible,
        item,
        recorded,
        out.policy.as_of,
        knowledge,
    );
    let combination_open = item
        .threshold
        .as_ref()
        .is_some_and(|t| t.is_known() && !t.combination_confirmed());
    if combination_open && matches!(decision, Decision::InScope { .. }) {
        text.push("The sources do not say whether all threshold conditions must hold; both readings agree here.".into());
    }
    if !matches!(decision, Decision::NotInScope(_)) {
        text.push(messages::obligation(knowledge, item, out.policy.as_of));
        if !item.standards.is_empty() {
            let list: Vec<String> = item
                .standards
                .iter()
                .map(|s| match &s.note {
                    Some(n) => format!("{} ({n}; {})", s.id, s.status),
                    None => format!("{} ({})", s.id, s.status),
                })
                .collect();
            text.push(format!("Product standards for this item (named by the research, not by the catalogue): {}.", list.join(", ")));
        }
    }
    if let Some(s) = item
        .name_zh_status
        .and_then(|st| message::status_sentence("Its Chinese name", st, None))
    {
        text.push(s);
    }
    let sources = item.sources.join(", ");
    text.push(format!("Sources: {sources}."));
    let confidence = Some(m.confidence);
    out.push(
        rule,
        id,
        text.join(" "),
        Some(format!("{}/{}", edition.id, item.id)),
        confidence,
    );
}

/// Adds what the recorded evidence is worth to the message, and picks the rule it leads to: valid
/// evidence meets the obligation whatever the item decision was (`evidence-on-record`); evidence
/// that counts on uncertain grounds only leaves an in-scope product undetermined.
#[allow(clippy::too_many_arguments)]
fn weigh_evidence(
    text: &mut Vec<String>,
    rule: &'static Rule,
    decision: &Decision,
    possible: bool,
    item: &Item,
    recorded: &[Evidence],
    as_of: time::Date,
    knowledge: &crate::knowledge::Knowledge,
) -> &'static Rule {
    if matches!(decision, Decision::NotInScope(_)) {
        return rule;
    }
    let mut valid = Vec::new();
    let mut doubtful = Vec::new();
    let mut not_counted = Vec::new();
    for e in recorded {
        match evidence::assess(e, item.group, as_of, knowledge) {
            Assessment::Valid(None) => valid.push(e.to_string()),
            Assessment::Valid(Some(note)) => valid.push(format!("{e}; {}", sentence_body(&note))),
            Assessment::Doubtful(why) => doubtful.push(format!("{e}: {}", sentence_body(&why))),
            Assessment::Invalid(why) => not_counted.push(format!("{e}: {}", sentence_body(&why))),
            Assessment::NotGenuine(why) => not_counted.push(format!(
                "{e}: it cannot be genuine, {}",
                sentence_body(&why)
            )),
        }
    }
    let in_scope = matches!(decision, Decision::InScope { .. }) && !possible;
    let mut chosen = rule;
    if !valid.is_empty() {
        chosen = &crate::evaluate::evidence::rules::ON_RECORD;
        text.push(format!(
            "Evidence on record, valid on {as_of}: {}.",
            valid.join(" | ")
        ));
        if !in_scope {
            text.push(
                "Whether or not the item applies, this evidence meets the obligation.".into(),
            );
        }
    } else if !doubtful.is_empty() {
        if in_scope {
            chosen = &rules::UNDETERMINED;
        }
        text.push(format!(
            "The only evidence on record counts on uncertain grounds: {}. Whether the obligation is met cannot be decided; a current certificate or testing report would settle it.",
            doubtful.join(" | ")
        ));
    } else if in_scope {
        text.push(format!(
            "No certificate or testing report valid on {as_of} is recorded for it (properties catscan:certificate or catscan:test-report, or a row of the --certified list)."
        ));
    }
    if !not_counted.is_empty() {
        text.push(format!(
            "Recorded but not counted on {as_of}: {}.",
            not_counted.join(" | ")
        ));
    }
    chosen
}

/// A reason without its closing full stop, so that it can be joined into a longer sentence.
fn sentence_body(why: &str) -> &str {
    why.trim_end().trim_end_matches('.')
}

fn tri_words(t: Tri) -> &'static str {
    match t {
        Tri::Met => "applies",
        Tri::NotMet => "does not apply",
        Tri::Unknown => "cannot be decided from the BOM",
    }
}

/// "整系统吞吐量（双向）≥12Tbps: 38.4 Tbps from property catscan:throughput = "38.4 Tbps", met".
fn describe_check(c: &Checked<'_>) -> String {
    let result = match (&c.value, c.outcome) {
        (Some(v), Tri::Met) => {
            let bare = if v.labelled {
                ""
            } else {
                " (unlabelled figure)"
            };
            format!("{} from {}{bare}, met", v.value, v.origin)
        }
        (Some(v), Tri::NotMet) => format!("{} from {}, not met", v.value, v.origin),
        (_, _) => format!("{} not stated", c.attribute_name),
    };
    match &c.note {
        Some(n) => format!("{}: {result} ({n})", c.label),
        None => format!("{}: {result}", c.label),
    }
}

/// A catalogue category that no item of this edition covers.
fn not_in_edition(
    out: &mut Collector<'_, '_, '_, '_>,
    id: ComponentId,
    m: &CategoryMatch<'_>,
    edition: &Edition,
) {
    let knowledge = out.resolved.knowledge;
    let elsewhere: Vec<String> = knowledge
        .editions
        .iter()
        .filter(|e| e.id != edition.id)
        .flat_map(|e| {
            e.items
                .iter()
                .filter(|i| i.covers(&m.category.id).is_some())
                .map(move |i| format!("{}/{}", e.id, i.id))
        })
        .collect();
    if edition.complete {
        // Every item of the edition is known and none covers the category: out of scope.
        let name = message::component(out.resolved, id);
        let mut text = vec![format!(
            "{name} is {} ({}), a category that no item of the {} catalogue covers.",
            message::a_category(m.category),
            m.category.name_zh,
            edition.year()
        )];
        text.push(format!("Recognised from: {}.", message::reasons(m)));
        if !elsewhere.is_empty() {
            text.push(format!(
                "Other editions cover it: {}.",
                elsewhere.join(", ")
            ));
        }
        out.push(
            &rules::NOT_IN_SCOPE,
            id,
            text.join(" "),
            None,
            Some(m.confidence),
        );
        return;
    }
    let name = message::component(out.resolved, id);
    let mut text = vec![format!(
        "{name} is {} ({}); whether the {} catalogue covers it cannot be decided, because catscan does not know all of that edition's items.",
        message::a_category(m.category),
        m.category.name_zh,
        edition.year()
    )];
    text.push(format!("Recognised from: {}.", message::reasons(m)));
    if let Some(note) = &edition.completeness_note {
        text.push(sentence(note.clone()));
    }
    if let Some(candidate) = edition.candidate(&m.category.id) {
        text.push(format!("Hint: {}", sentence(candidate.note.clone())));
    }
    if !elsewhere.is_empty() {
        text.push(format!(
            "Other editions cover this category: {}.",
            elsewhere.join(", ")
        ));
    }
    let rule = if m.confidence == Confidence::Possible {
        &rules::POSSIBLE
    } else {
        &rules::UNDETERMINED
    };
    out.push(rule, id, text.join(" "), None, Some(m.confidence));
}
