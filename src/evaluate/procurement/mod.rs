//! Procurement rules: the lists a government buyer must buy from (the secure-and-reliable
//! evaluation results that the 2023 and 2025 demand standards require for CPUs and operating
//! systems, the 2014 framework-supply lists), the products and brands it may not buy, and the
//! domestic-control share of a BOM's key components. The instruments are data
//! (`catalogues/procurement/`); this module decides, for one component at a time, whether it is
//! on a list, off it, or undecidable, and words the findings.

mod messages;
pub mod rules;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use time::Date;

use crate::findings::rules::Rule;
use crate::findings::{
    Control, ListedComponent, ProcurementAccount, ShareRow, ShareTable, ShareTotals,
};
use crate::ingest::partlist::amount::{
    self, LARGEST, MOST_DECIMALS, exact_mul, parse_price, parse_quantity,
};
use crate::inventory::{Component, ComponentId, Diagnostic, Severity};
use crate::knowledge::procurement::{Token, name_key};
use crate::knowledge::regions::Regions;
use crate::knowledge::{Instrument, InstrumentKind, ListEntry, ScopeFit, Status, Vendor};
use crate::resolve::product_class::{self, ClassMatch, Declared};
use crate::resolve::{Classification, DeclarationProblem};

use super::Collector;
use super::control::{self, ControlOf};
use super::message;
use messages::{describe_entry, fraction, status_words};

/// How many listed products a finding offers as the nearest.
const NEAREST: usize = 3;

/// What the procurement rules gather over one file.
#[derive(Default)]
pub(super) struct Account {
    listed: Vec<ListedComponent>,
    rows: Vec<KeyRow>,
    /// Warnings about amounts that cannot be totalled, located at the amount.
    diagnostics: Vec<Diagnostic>,
}

/// A row of the share table, and where its amounts are written: a warning about its spend
/// points there.
struct KeyRow {
    row: ShareRow,
    id: ComponentId,
    /// Where the unit price is written (a span start), else where the component is.
    price_at: usize,
}

/// The code of a warning about an amount that cannot be totalled, as the part-list reader
/// gives it to the cells it cannot read.
const AMOUNT_OUT_OF_RANGE: &str = "amount-out-of-range";

/// Applies the procurement rules to one component and adds it to the share table if it is key.
pub(super) fn check(out: &mut Collector<'_, '_, '_, '_>, account: &mut Account, id: ComponentId) {
    let knowledge = out.resolved.knowledge;
    let c = out.resolved.inventory.component(id);
    if let Declared::Unknown(value) = product_class::declared(knowledge, c) {
        let known: Vec<&str> = knowledge
            .procurement
            .classes
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        let problem = DeclarationProblem {
            property: product_class::CLASS_PROPERTY.to_string(),
            value,
            message: format!(
                "it names no product class; expected {} or none",
                known.join(", ")
            ),
        };
        super::data_quality::invalid_declaration(out, id, &problem);
    }
    let classification = &out.resolved.get(id).classification;
    let class = product_class::class_of(knowledge, c, classification);
    // A BOM whose subject is the very kind of thing one of its components is (distro2sbom's
    // CycloneDX names the system `Distro-Debian-GNU/Linux`, type operating-system, and lists the
    // operating system `debian-gnu/linux` again) describes one product twice: the component is
    // assessed, the subject not a second time.
    let inventory = out.resolved.inventory;
    let class = class.filter(|m| {
        !(c.is_root
            && m.class.kinds.iter().any(|k| k == c.kind.as_str())
            && inventory
                .components
                .iter()
                .any(|o| !o.is_root && o.kind == c.kind))
    });
    if out.policy.procurement.is_some() {
        if let Some(m) = &class {
            lists(out, account, id, m);
        }
        if c.kind.is_product_kind() {
            dropped(out, id);
        }
    }
    let key = match (&class, classification) {
        (Some(m), _) => Some(m.class.name.clone()),
        (None, Classification::Matched(ms)) => ms
            .iter()
            .find(|m| m.category.catalogue)
            .map(|m| m.category.name_en.clone()),
        _ => None,
    };
    if let Some(what) = key {
        let row = share_row(out, id, what, &mut account.diagnostics);
        account.rows.push(row);
    }
}

/// The lists that bind the buyer for the component's class, grouped by list: each with the
/// instruments that require it.
fn lists(
    out: &mut Collector<'_, '_, '_, '_>,
    account: &mut Account,
    id: ComponentId,
    m: &ClassMatch<'_>,
) {
    let knowledge = out.resolved.knowledge;
    let policy = out.policy;
    let class = m.class.id.as_str();
    let mut required: BTreeMap<usize, Vec<&Instrument>> = BTreeMap::new();
    // Lists limited to a narrower scope of the class whose scope the BOM does not settle.
    let mut scope_unknown: BTreeMap<usize, String> = BTreeMap::new();
    for inst in &knowledge.procurement.instruments {
        if !policy.procurement_applies(inst) {
            continue;
        }
        match inst.kind {
            InstrumentKind::ApprovedList if inst.classes.iter().any(|c| c == class) => {
                let i = index_of(knowledge, &inst.id);
                match scope_fit(out, id, class, inst) {
                    Some(ScopeCheck::Outside) => continue,
                    Some(ScopeCheck::Unknown(why)) => {
                        scope_unknown.insert(i, why);
                    }
                    None => {}
                }
                required.entry(i).or_default().push(inst);
            }
            InstrumentKind::ListRequirement if inst.covers.iter().any(|c| c.class == class) => {
                let list = inst.list.as_deref().expect("checked when loading");
                required
                    .entry(index_of(knowledge, list))
                    .or_default()
                    .push(inst);
            }
            InstrumentKind::ExcludedProducts if inst.classes.iter().any(|c| c == class) => {
                excluded(out, id, m, inst);
            }
            _ => {}
        }
    }
    for (i, requirements) in required {
        let list = &knowledge.procurement.instruments[i];
        let scope_unknown = scope_unknown.get(&i).map(String::as_str);
        on_list(out, account, id, m, list, &requirements, scope_unknown);
    }
}

/// Whether a component of a class is within the narrower scope a list is limited to.
enum ScopeCheck {
    /// Its name puts it outside: the list does not concern it.
    Outside,
    /// Its name does not say: why, for the message.
    Unknown(String),
}

/// `None` when the list is not limited, or the component is within its limits.
fn scope_fit(
    out: &Collector<'_, '_, '_, '_>,
    id: ComponentId,
    class: &str,
    list: &Instrument,
) -> Option<ScopeCheck> {
    let knowledge = out.resolved.knowledge;
    let c = out.resolved.inventory.component(id);
    let scope = list
        .scopes
        .iter()
        .filter_map(|s| knowledge.procurement.scope(s))
        .find(|s| s.class == class)?;
    match scope.fit(&product_class::name_tokens(c)) {
        ScopeFit::Inside(_) => None,
        ScopeFit::Outside(_) => Some(ScopeCheck::Outside),
        ScopeFit::Unknown => Some(ScopeCheck::Unknown(format!(
            "the list covers the {} category only ({}{}), and nothing in the BOM's name or model of the product says whether it is one",
            scope.name,
            scope.name_zh,
            message::status_clause(scope.status),
        ))),
    }
}

fn index_of(knowledge: &crate::knowledge::Knowledge, id: &str) -> usize {
    knowledge
        .procurement
        .instruments
        .iter()
        .position(|i| i.id == id)
        .expect("checked when loading")
}

/// The component's registered vendor and its parents, nearest first.
fn lineage<'k>(out: &Collector<'_, '_, '_, 'k>, id: ComponentId) -> Vec<&'k Vendor> {
    let knowledge = out.resolved.knowledge;
    match out
        .resolved
        .get(id)
        .vendor
        .as_ref()
        .and_then(|v| v.registered)
    {
        Some((v, _)) => knowledge
            .vendor_index
            .lineage(v.index)
            .into_iter()
            .map(|i| &knowledge.vendors[i])
            .collect(),
        None => Vec::new(),
    }
}

/// Whether the BOM names the entry's company: through the registry (the component's vendor or
/// a parent of it), or by one of the names the list writes.
fn names_vendor(c: &Component<'_>, lineage: &[&Vendor], entry: &ListEntry) -> bool {
    entry
        .vendor
        .as_deref()
        .is_some_and(|e| lineage.iter().any(|v| v.id == e))
        || c.parties()
            .any(|(_, name)| entry.vendor_keys.contains(&name_key(name)))
}

/// Whether what the BOM says of the vendor contradicts the entry: the registry knows the
/// component's vendor, the entry names a registry vendor, and neither belongs to the other.
fn contradicts_vendor(
    out: &Collector<'_, '_, '_, '_>,
    lineage: &[&Vendor],
    entry: &ListEntry,
) -> bool {
    let (Some(own), Some(listed)) = (lineage.first(), entry.vendor.as_deref()) else {
        return false;
    };
    let knowledge = out.resolved.knowledge;
    let Some(listed) = knowledge.vendor(listed) else {
        return false;
    };
    let listed_lineage = knowledge.vendor_index.lineage(listed.index);
    !lineage.iter().any(|v| v.id == listed.id) && !listed_lineage.contains(&own.index)
}

fn entry_matches(
    out: &Collector<'_, '_, '_, '_>,
    c: &Component<'_>,
    words: &[Token],
    lineage: &[&Vendor],
    entry: &ListEntry,
) -> bool {
    let by_name = entry.phrases.iter().any(|p| p.is_in(words));
    if by_name {
        return !contradicts_vendor(out, lineage, entry);
    }
    entry.all_products && names_vendor(c, lineage, entry)
}

/// Why a vendor counts as foreign for a list of domestic companies, or `None` when it does not
/// or when that cannot be said: the one control decision (`control::of_lineage`) that the
/// domestic-share table, the MLPS developer test and the CII note use, so a vendor is never
/// foreign for one rule and undecided for another.
fn foreign_vendor(regions: &Regions, lineage: &[&Vendor]) -> Option<String> {
    let control = super::control::of_lineage(regions, lineage);
    if control.control != Control::Foreign {
        return None;
    }
    Some(match &control.vendor {
        Some(name) => format!(
            "catscan's vendor registry records {name} as {}",
            control.reason
        ),
        None => format!("catscan's vendor registry records {}", control.reason),
    })
}

/// The listed products of the class most like the component's name, on the run's date.
fn nearest(list: &Instrument, class: &str, c: &Component<'_>, as_of: Date) -> Vec<String> {
    let mut text = c.name.to_lowercase();
    if let Some(v) = c.version.as_deref() {
        text.push(' ');
        text.push_str(&v.to_lowercase());
    }
    let mut scored: Vec<(f64, &ListEntry)> = list
        .entries
        .iter()
        .filter(|e| e.class.as_deref() == Some(class) && counts_on(list, e, as_of))
        .map(|e| {
            let best = std::iter::once(e.product.as_str())
                .chain(e.names.iter().map(String::as_str))
                .map(|n| strsim::jaro_winkler(&text, &n.to_lowercase()))
                .fold(0.0, f64::max);
            (best, e)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored
        .into_iter()
        .take(NEAREST)
        .map(|(_, e)| describe_entry(list, e))
        .collect()
}

/// Whether an entry is on the list on a day: announced by then and not lapsed.
fn counts_on(list: &Instrument, entry: &ListEntry, day: Date) -> bool {
    list.listed_on(entry) <= day && list.lapses_on(entry).is_none_or(|l| day < l)
}

/// What the list says of a component.
enum Outcome<'l> {
    Listed(&'l ListEntry),
    Undecided(String),
    NotListed(String),
}

fn on_list(
    out: &mut Collector<'_, '_, '_, '_>,
    account: &mut Account,
    id: ComponentId,
    m: &ClassMatch<'_>,
    list: &Instrument,
    requirements: &[&Instrument],
    scope_unknown: Option<&str>,
) {
    let as_of = out.policy.as_of;
    let c = out.resolved.inventory.component(id);
    let class = m.class.id.as_str();
    let words = product_class::name_tokens(c);
    let lineage = lineage(out, id);
    let matching: Vec<&ListEntry> = list
        .entries
        .iter()
        .filter(|e| e.class.as_deref() == Some(class))
        .filter(|e| entry_matches(out, c, &words, &lineage, e))
        .collect();
    // A decided entry wins over one that cannot decide ("Kylin, version not given").
    let current = matching
        .iter()
        .filter(|e| counts_on(list, e, as_of))
        .min_by_key(|e| e.undecided.is_some());
    let later = matching
        .iter()
        .filter(|e| list.listed_on(e) > as_of)
        .map(|e| describe_entry(list, e))
        .collect::<Vec<_>>();
    let later_note = if later.is_empty() {
        String::new()
    } else {
        format!(
            " It is listed later, after the run's date: {}.",
            later.join("; ")
        )
    };
    let outcome = match current {
        // Before its first announcement the list did not exist: no product could be on it, and
        // what a buyer had to require instead is not known, so nothing can be decided.
        None if as_of < list.in_force_from => Outcome::Undecided(format!(
            "the list did not exist yet on {as_of}: its first announcement is dated {}{}, so no product could be on it and what the requirement asked of a buyer before then is not known",
            list.in_force_from,
            message::status_clause(list.in_force_from_status),
        )),
        Some(e) => match &e.undecided {
            Some(why) => Outcome::Undecided(format!(
                "it matches the entry {}, which cannot decide: {}",
                describe_entry(list, e),
                message::sentence(why.clone())
            )),
            None => Outcome::Listed(e),
        },
        None => {
            let lapsed: Vec<String> = matching
                .iter()
                .filter(|e| list.lapses_on(e).is_some_and(|l| l <= as_of))
                .map(|e| {
                    format!(
                        "{}, which lapsed on {} ({} years from its announcement, a period {})",
                        describe_entry(list, e),
                        list.lapses_on(e).expect("filtered"),
                        list.valid_years.unwrap_or_default(),
                        list.valid_years_status
                            .unwrap_or(Status::Unknown)
                            .describe()
                    )
                })
                .collect();
            if !lapsed.is_empty() {
                Outcome::NotListed(format!(
                    "its listing is no longer current: {}",
                    lapsed.join("; ")
                ))
            } else if let Some(why) = foreign_vendor(&out.resolved.knowledge.regions, &lineage)
                .filter(|_| list.domestic_only || list.foreign_complete)
            {
                let rule = list
                    .domestic_only_note
                    .as_deref()
                    .or(list.foreign_complete_note.as_deref())
                    .or(list.complete_note.as_deref())
                    .unwrap_or("every entry is a domestic company");
                Outcome::NotListed(format!(
                    "{why}, and no product of a foreign company can be on the list: {}",
                    message::sentence(rule.to_string())
                ))
            } else if list.complete && (!lineage.is_empty() || c.parties().next().is_some()) {
                Outcome::NotListed(format!(
                    "the list is known in full and does not name it ({})",
                    list.complete_note
                        .as_deref()
                        .unwrap_or("every entry is known")
                ))
            } else if list.complete {
                Outcome::Undecided(
                    "the list is known in full and no entry names the product, but the BOM names no vendor, so it cannot be ruled out that it is a product of a listed brand".to_string(),
                )
            } else {
                Outcome::Undecided(format!(
                    "it is not among the entries known, and the list is known only in part: {}",
                    list.complete_note
                        .as_deref()
                        .unwrap_or("some entries were not read")
                ))
            }
        }
    };
    // A list limited to a scope the BOM does not settle (desktop operating systems) cannot
    // say that a product outside its entries is unlisted.
    let outcome = match (outcome, scope_unknown) {
        (Outcome::NotListed(why), Some(scope)) => {
            Outcome::Undecided(format!("{}; but {scope}", why.trim_end_matches('.')))
        }
        (o, _) => o,
    };
    let region = out.region_of(id);
    match outcome {
        Outcome::Listed(e) => {
            account.listed.push(ListedComponent {
                component: out.component_ref(id),
                region,
                class: m.class.name.clone(),
                list: list.name.clone(),
                entry: describe_entry(list, e),
                valid_until: list.lapses_on(e).and_then(|d| d.previous_day()),
                status: e.status.as_str().to_string(),
            });
        }
        Outcome::Undecided(why) => {
            let text = list_message(out, id, m, list, requirements, &why, &later_note);
            out.push(&rules::LIST_UNDETERMINED, id, text, None, None);
        }
        Outcome::NotListed(why) => {
            let text = list_message(out, id, m, list, requirements, &why, &later_note);
            out.push(&rules::NOT_LISTED, id, text, None, None);
        }
    }
}

/// The message of a list finding: what the component is, which rule binds it, why it is off
/// the list (or undecided), the nearest listed products, the basis with its statuses.
fn list_message(
    out: &Collector<'_, '_, '_, '_>,
    id: ComponentId,
    m: &ClassMatch<'_>,
    list: &Instrument,
    requirements: &[&Instrument],
    why: &str,
    later_note: &str,
) -> String {
    let c = out.resolved.inventory.component(id);
    let buyer = out
        .policy
        .procurement
        .expect("lists apply under a procurement policy");
    let nearest = nearest(list, &m.class.id, c, out.policy.as_of);
    let nearest = if nearest.is_empty() {
        format!(
            " The list names no {} in force on {}.",
            m.class.name, out.policy.as_of
        )
    } else {
        format!(" Nearest listed products: {}.", nearest.join("; "))
    };
    let mut basis: Vec<String> = Vec::new();
    for r in requirements {
        let mut b = format!("{}: {}", r.citation(), r.requirement);
        if let Some(cov) = r.covers.iter().find(|cv| cv.class == m.class.id)
            && cov.status != Status::Confirmed
        {
            b.push_str(&format!(
                "; that it covers {}s is {}{}",
                m.class.name,
                cov.status.describe(),
                cov.note
                    .as_deref()
                    .map(|n| format!(" ({})", n.trim_end_matches('.')))
                    .unwrap_or_default()
            ));
        }
        b.push_str(&status_words(r));
        if let Some(n) = &r.in_force_until_note {
            b.push_str(&format!(". {}", n.trim_end_matches('.')));
        }
        basis.push(b);
    }
    if !requirements.iter().any(|r| r.id == list.id) {
        let mut b = format!("the list: {}", list.citation());
        b.push_str(&status_words(list));
        basis.push(b);
    }
    let mut sources: Vec<&str> = requirements
        .iter()
        .flat_map(|r| r.sources.iter())
        .chain(&list.sources)
        .map(String::as_str)
        .collect();
    let mut seen = std::collections::HashSet::new();
    sources.retain(|s| seen.insert(*s));
    format!(
        "{} is {} {} ({}) that a buyer under {} must take from the {}, and {}.{later_note}{nearest} Basis: {}. Sources: {}.",
        message::component(out.resolved, id),
        message::article(&m.class.name),
        m.class.name,
        m.reason,
        buyer.flag(),
        list.name,
        why.trim_end_matches('.'),
        basis.join("; "),
        sources.join(", ")
    )
}

/// A product a notice excludes by name.
fn excluded(
    out: &mut Collector<'_, '_, '_, '_>,
    id: ComponentId,
    m: &ClassMatch<'_>,
    inst: &Instrument,
) {
    let c = out.resolved.inventory.component(id);
    let words = product_class::name_tokens(c);
    let lineage = lineage(out, id);
    let Some(entry) = inst
        .entries
        .iter()
        .find(|e| entry_matches(out, c, &words, &lineage, e))
    else {
        return;
    };
    let note = entry
        .note
        .as_deref()
        .map(|n| format!(" {}", message::sentence(n.to_string())))
        .unwrap_or_default();
    let until = inst
        .in_force_until_note
        .as_deref()
        .map(|n| format!(" {}", message::sentence(n.to_string())))
        .unwrap_or_default();
    let status = status_words(inst);
    let status = status
        .strip_prefix(". ")
        .map(|s| format!(" {s}."))
        .unwrap_or_default();
    let text = format!(
        "{} is {} ({}), which the {} excludes by name for buyers under {}: {}. Scope: {}.{note}{until}{status} Basis: {}. Sources: {}.",
        message::component(out.resolved, id),
        entry.product,
        m.reason,
        inst.name,
        inst.applies_when.map_or("", |b| b.flag()),
        inst.requirement,
        inst.scope,
        inst.citation(),
        inst.sources.join(", ")
    );
    let rule = rule_of(inst, &rules::EXCLUDED_PRODUCT);
    out.push(rule, id, text, None, None);
}

fn rule_of(inst: &Instrument, default: &'static Rule) -> &'static Rule {
    inst.rule
        .as_deref()
        .and_then(crate::findings::rules::by_id)
        .unwrap_or(default)
}

/// A product of a brand dropped from an approved list.
fn dropped(out: &mut Collector<'_, '_, '_, '_>, id: ComponentId) {
    let knowledge = out.resolved.knowledge;
    let policy = out.policy;
    let c = out.resolved.inventory.component(id);
    let lineage = lineage(out, id);
    for inst in &knowledge.procurement.instruments {
        if inst.kind != InstrumentKind::DroppedVendors || !policy.procurement_applies(inst) {
            continue;
        }
        let Some(entry) = inst.entries.iter().find(|e| names_vendor(c, &lineage, e)) else {
            continue;
        };
        let note = entry
            .note
            .as_deref()
            .map(|n| format!(" {}", message::sentence(n.to_string())))
            .unwrap_or_default();
        let text = format!(
            "{} comes from {}, a brand the {} no longer holds for buyers under {}: {}. Scope: {}. Status: {}{note} Basis: {}. Sources: {}.",
            message::component(out.resolved, id),
            entry.product,
            inst.name,
            inst.applies_when.map_or("", |b| b.flag()),
            inst.requirement,
            inst.scope,
            message::sentence(
                inst.status_note
                    .clone()
                    .unwrap_or_else(|| inst.status.describe().to_string())
            ),
            inst.citation(),
            entry.sources.join(", ")
        );
        let rule = rule_of(inst, &rules::VENDOR_DROPPED);
        out.push(rule, id, text, None, None);
    }
}

/// Whose control a component's vendor is under, and why catscan says so. This is the one
/// decision that the MLPS developer test and the domestic-share table both rest on.
pub(super) fn control_of(out: &Collector<'_, '_, '_, '_>, id: ComponentId) -> ControlOf {
    let c = out.resolved.inventory.component(id);
    let regions = &out.resolved.knowledge.regions;
    let declared = c
        .property(control::DECLARED_CONTROLLER_COUNTRY)
        .map(|country| control::Declared {
            controller: c
                .property(control::DECLARED_CONTROLLER)
                .map(|p| p.value.as_ref()),
            country: country.value.as_ref(),
        });
    let lineage = lineage(out, id);
    let registry = if lineage.is_empty() {
        let named: Vec<String> = c
            .parties()
            .map(|(f, n)| format!("{} \"{}\"", f.as_str(), n.trim()))
            .collect();
        let reason = if named.is_empty() {
            "the BOM names no vendor".to_string()
        } else {
            format!("vendor not in the registry ({})", named.join(", "))
        };
        ControlOf {
            control: Control::Unknown,
            vendor: None,
            recorded: false,
            reason,
        }
    } else {
        control::of_lineage(regions, &lineage)
    };
    control::with_declaration(regions, registry, declared)
}

/// A key component's row, with its quantity and unit price read exactly. A value that is no
/// amount (a part list's own cells are checked as they are read; a CycloneDX or SPDX property is
/// checked here) is a warning at the value and is left out.
fn share_row(
    out: &Collector<'_, '_, '_, '_>,
    id: ComponentId,
    what: String,
    diagnostics: &mut Vec<Diagnostic>,
) -> KeyRow {
    let c = out.resolved.inventory.component(id);
    let decided = control_of(out, id);
    let (control, basis) = (decided.control, decided.basis());
    let property = |name: &str| c.properties.iter().find(|p| p.name == name);
    let quantity = property(QUANTITY_PROPERTY).and_then(|p| match parse_quantity(&p.value) {
        Ok(q) => Some(q),
        Err(e) => {
            let problem = amount::quantity_problem(&p.value, e);
            diagnostics.push(amount_warning(
                out,
                id,
                p.span.start,
                format!("{problem}; it counts once in the spend"),
            ));
            None
        }
    });
    let price = property(UNIT_PRICE_PROPERTY);
    let (unit_price, currency) = match price.map(|p| (p, parse_price(&p.value))) {
        Some((_, Ok(price))) => (Some(price.amount), price.currency.map(str::to_string)),
        Some((p, Err(_))) => {
            let problem = amount::price_problem(&p.value);
            diagnostics.push(amount_warning(
                out,
                id,
                p.span.start,
                format!("{problem}; it has no price in the spend"),
            ));
            (None, None)
        }
        None => (None, None),
    };
    KeyRow {
        row: ShareRow {
            component: out.component_ref(id),
            region: out.region_of(id),
            what,
            control,
            basis,
            quantity,
            unit_price,
            currency,
        },
        id,
        price_at: price.map_or(c.span.start, |p| p.span.start),
    }
}

/// A warning about one component's amounts, at a place in the file (a span start).
fn amount_warning(
    out: &Collector<'_, '_, '_, '_>,
    id: ComponentId,
    at: usize,
    problem: String,
) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        code: AMOUNT_OUT_OF_RANGE,
        message: format!("{}: {problem}", message::component(out.resolved, id)),
        position: Some(out.resolved.inventory.position(at)),
    }
}

/// The property a part list's unit-price column becomes.
pub const UNIT_PRICE_PROPERTY: &str = "catscan:unit-price";

/// The property a part list's quantity column becomes.
pub const QUANTITY_PROPERTY: &str = "catscan:quantity";

/// Finishes the account of one file: the totals, and a finding when the share is short. The
/// warnings about amounts that cannot be totalled go with the file's diagnostics.
pub(super) fn finish(
    out: &mut Collector<'_, '_, '_, '_>,
    account: Account,
) -> (ProcurementAccount, Vec<Diagnostic>) {
    let Account {
        listed,
        rows,
        mut diagnostics,
    } = account;
    let mut by_count = ShareTotals::default();
    for k in &rows {
        by_count
            .add(k.row.control, Decimal::ONE)
            .expect("a count of BOM entries is far below the largest amount");
    }
    let priced: Vec<&KeyRow> = rows.iter().filter(|k| k.row.unit_price.is_some()).collect();
    let unpriced = rows.len() - priced.len();
    let mut currencies: Vec<Option<&str>> =
        priced.iter().map(|k| k.row.currency.as_deref()).collect();
    currencies.sort();
    currencies.dedup();
    let (by_spend, currency, spend_note, left_out) = if priced.is_empty() {
        (None, None, None, unpriced)
    } else if currencies.len() > 1 {
        let named: Vec<&str> = currencies
            .iter()
            .map(|c| c.unwrap_or("none given"))
            .collect();
        (
            None,
            None,
            Some(format!(
                "spend is not summed: the prices are in different currencies ({})",
                named.join(", ")
            )),
            unpriced,
        )
    } else {
        match spend(out, &priced, &mut diagnostics) {
            Spend::Summed { totals, too_costly } => {
                let mut notes = Vec::new();
                if unpriced > 0 {
                    notes.push(format!(
                        "{unpriced} key components have no unit price and are not in the spend figures"
                    ));
                }
                if too_costly > 0 {
                    let (noun, verb) = if too_costly == 1 {
                        ("component", "costs")
                    } else {
                        ("components", "cost")
                    };
                    notes.push(format!(
                        "{too_costly} key {noun} {verb} more than catscan can total (quantity × unit price above {LARGEST} or with more than {MOST_DECIMALS} decimals) and {} not in the spend figures",
                        if too_costly == 1 { "is" } else { "are" }
                    ));
                }
                let note = (!notes.is_empty()).then(|| notes.join("; "));
                (
                    Some(totals),
                    currencies[0].map(str::to_string),
                    note,
                    unpriced + too_costly,
                )
            }
            Spend::TooLarge => (
                None,
                None,
                Some(format!(
                    "spend is not summed: it comes to more than catscan can total ({LARGEST})"
                )),
                unpriced,
            ),
        }
    };
    let share = ShareTable {
        rows: rows.into_iter().map(|k| k.row).collect(),
        by_count,
        by_spend,
        currency,
        unpriced: left_out,
        spend_note,
        minimum: out.policy.min_domestic_share,
    };
    if let Some(min) = share.minimum {
        threshold(out, &share, min);
    }
    (ProcurementAccount { listed, share }, diagnostics)
}

/// What summing the spend came to.
enum Spend {
    /// The exact sums, without the rows whose quantity × unit price alone is too large.
    Summed {
        totals: ShareTotals,
        too_costly: usize,
    },
    /// The sum itself is too large.
    TooLarge,
}

/// Sums quantity × unit price (a row without a quantity counts once) of the priced rows, which
/// are in one currency, exactly. A row whose cost alone is too large is left out; a sum that
/// becomes too large stops the spend. Either is a warning at the row's unit price.
fn spend(
    out: &Collector<'_, '_, '_, '_>,
    priced: &[&KeyRow],
    diagnostics: &mut Vec<Diagnostic>,
) -> Spend {
    let mut totals = ShareTotals::default();
    let mut too_costly = 0;
    for k in priced {
        let r = &k.row;
        let price = r.unit_price.expect("only priced rows are summed");
        let cost = match r.quantity {
            Some(q) => exact_mul(q, price),
            None => Some(price),
        };
        // "quantity 4 × unit price 12000 CNY", as the warnings write the row's cost.
        let written = || {
            let quantity = r
                .quantity
                .map(|q| format!("quantity {} × ", amount::plain(q)))
                .unwrap_or_default();
            let currency = r
                .currency
                .as_deref()
                .map(|c| format!(" {c}"))
                .unwrap_or_default();
            format!("{quantity}unit price {}{currency}", amount::plain(price))
        };
        let Some(cost) = cost else {
            diagnostics.push(amount_warning(
                out,
                k.id,
                k.price_at,
                format!(
                    "{} is more than catscan can total (at most {LARGEST}, with at most {MOST_DECIMALS} decimals); it is left out of the spend",
                    written()
                ),
            ));
            too_costly += 1;
            continue;
        };
        if totals.add(r.control, cost).is_err() {
            diagnostics.push(amount_warning(
                out,
                k.id,
                k.price_at,
                format!(
                    "with its {}, the spend comes to more than catscan can total (at most {LARGEST}, with at most {MOST_DECIMALS} decimals); spend is not summed",
                    written()
                ),
            ));
            return Spend::TooLarge;
        }
    }
    Spend::Summed { totals, too_costly }
}

/// A shortfall is certain when even counting every unknown as domestic the share is short.
fn threshold(out: &mut Collector<'_, '_, '_, '_>, share: &ShareTable, min: Decimal) {
    if share.rows.is_empty() {
        return;
    }
    let spend_complete = share.by_spend.filter(|_| share.unpriced == 0);
    let mut measures: Vec<(&str, ShareTotals, bool)> =
        vec![("by count of BOM entries", share.by_count, false)];
    if let Some(s) = spend_complete {
        measures.push(("by spend", s, true));
    }
    let mut below = Vec::new();
    let mut undecided = Vec::new();
    for (name, t, spend) in &measures {
        let words = format!(
            "{name}, domestic {}, foreign {}, unknown {}",
            fraction(t, Control::Domestic, *spend, share.currency.as_deref(), min),
            fraction(t, Control::Foreign, *spend, share.currency.as_deref(), min),
            fraction(t, Control::Unknown, *spend, share.currency.as_deref(), min)
        );
        if t.share_at_least(Control::Domestic, min) {
            // Met: nothing to say about this measure.
        } else if t.share_without_at_least(Control::Foreign, min) {
            undecided.push(words);
        } else {
            below.push(words);
        }
    }
    if below.is_empty() && undecided.is_empty() {
        return;
    }
    let unknown: Vec<String> = share
        .rows
        .iter()
        .filter(|r| r.control == Control::Unknown)
        .map(|r| format!("{} ({})", r.component.name, r.basis))
        .collect();
    let unknown = if unknown.is_empty() {
        String::new()
    } else {
        format!(" Unknown: {}.", unknown.join("; "))
    };
    let spend_note = share
        .spend_note
        .as_deref()
        .map(|n| format!(" Spend: {}.", n))
        .unwrap_or_default();
    let (rule, head, measures) = if below.is_empty() {
        (
            &rules::DOMESTIC_SHARE_UNDETERMINED,
            format!(
                "Whether the key components meet the minimum domestic-control share of {} depends on vendors of unknown control",
                amount::exact_percentage(min)
            ),
            undecided,
        )
    } else {
        (
            &rules::DOMESTIC_SHARE_BELOW,
            format!(
                "The key components are below the minimum domestic-control share of {}, even if every vendor of unknown control were domestic",
                amount::exact_percentage(min)
            ),
            below.into_iter().chain(undecided).collect(),
        )
    };
    let text = format!(
        "{head}: {}.{unknown}{spend_note} Key components are catalogue products, CPUs, operating systems, databases and security software; control is the vendor's controlling country as catscan's vendor registry records it.",
        measures.join("; ")
    );
    out.push_document(rule, text);
}

#[cfg(test)]
mod tests;
