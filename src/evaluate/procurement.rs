//! Procurement rules: the lists a government buyer must buy from (the secure-and-reliable
//! evaluation results that the 2023 and 2025 demand standards require for CPUs and operating
//! systems, the 2014 framework-supply lists), the products and brands it may not buy, and the
//! domestic-control share of a BOM's key components. The instruments are data
//! (`catalogues/procurement/`); this module decides, for one component at a time, whether it is
//! on a list, off it, or undecidable, and words the findings.

use std::collections::BTreeMap;

use time::Date;

use crate::findings::{
    Control, ListedComponent, ProcurementAccount, ShareRow, ShareTable, ShareTotals,
};
use crate::inventory::{Component, ComponentId};
use crate::knowledge::procurement::{Token, name_key};
use crate::knowledge::{Instrument, InstrumentKind, ListEntry, Status, Vendor};
use crate::resolve::product_class::{self, ClassMatch, Declared};
use crate::resolve::{Classification, DeclarationProblem};
use crate::rules::{self, Rule};

use super::Collector;
use super::message::{self, SPECIAL_REGIONS};

/// How many listed products a finding offers as the nearest.
const NEAREST: usize = 3;

/// What the procurement rules gather over one file.
#[derive(Default)]
pub(super) struct Account {
    listed: Vec<ListedComponent>,
    rows: Vec<ShareRow>,
}

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
        account.rows.push(share_row(out, id, what));
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
    for inst in &knowledge.procurement.instruments {
        if !policy.procurement_applies(inst) {
            continue;
        }
        match inst.kind {
            InstrumentKind::ApprovedList if inst.classes.iter().any(|c| c == class) => {
                let i = index_of(knowledge, &inst.id);
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
    for (list, requirements) in required {
        let list = &knowledge.procurement.instruments[list];
        on_list(out, account, id, m, list, &requirements);
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

/// Whether the registry says the vendor is incorporated or controlled outside China (and is
/// firm enough to decide on).
fn foreign_vendor(lineage: &[&Vendor]) -> Option<String> {
    let own = lineage.first()?;
    if own.status == Status::Unconfirmed {
        return None;
    }
    if let Some(v) = lineage.iter().find(|v| v.controlling_country.is_some()) {
        let country = v.controlling_country.as_deref().unwrap_or_default();
        return (country != "CN").then(|| {
            format!(
                "catscan's vendor registry records {} as controlled from {country}",
                v.name
            )
        });
    }
    match own.incorporated_in.as_deref() {
        Some(i) if i != "CN" && !SPECIAL_REGIONS.contains(&i) => Some(format!(
            "catscan's vendor registry records {} as incorporated in {i}",
            own.name
        )),
        _ => None,
    }
}

/// "Loongson 3C6000 [龙芯3C6000] (2025年第1号, 2025-03-14, level II)".
fn describe_entry(list: &Instrument, entry: &ListEntry) -> String {
    let mut facts = Vec::new();
    if let Some(n) = &entry.announcement {
        facts.push(n.clone());
    }
    facts.push(list.listed_on(entry).to_string());
    if let Some(l) = &entry.level {
        facts.push(format!("level {l}"));
    }
    if entry.status != Status::Confirmed {
        facts.push(format!("entry {}", entry.status.describe()));
    }
    format!("{} ({})", entry.product, facts.join(", "))
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
                            .unwrap_or(Status::Unconfirmed)
                            .describe()
                    )
                })
                .collect();
            if !lapsed.is_empty() {
                Outcome::NotListed(format!(
                    "its listing is no longer current: {}",
                    lapsed.join("; ")
                ))
            } else if let Some(why) =
                foreign_vendor(&lineage).filter(|_| list.domestic_only || list.foreign_complete)
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
            out.push(&rules::PROCUREMENT_LIST_UNDETERMINED, id, text, None, None);
        }
        Outcome::NotListed(why) => {
            let text = list_message(out, id, m, list, requirements, &why, &later_note);
            out.push(&rules::PROCUREMENT_NOT_LISTED, id, text, None, None);
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
        if let Some(n) = &r.status_note {
            b.push_str(&format!(". Status: {}", n.trim_end_matches('.')));
        }
        if let Some(n) = &r.in_force_until_note {
            b.push_str(&format!(". {}", n.trim_end_matches('.')));
        }
        basis.push(b);
    }
    if !requirements.iter().any(|r| r.id == list.id) {
        let mut b = format!("the list: {}", list.citation());
        if let Some(n) = &list.status_note {
            b.push_str(&format!(". Status: {}", n.trim_end_matches('.')));
        }
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
    let text = format!(
        "{} is {} ({}), which the {} excludes by name for buyers under {}: {}. Scope: {}.{note}{until} Basis: {}. Sources: {}.",
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
    let rule = rule_of(inst, &rules::PROCUREMENT_EXCLUDED_PRODUCT);
    out.push(rule, id, text, None, None);
}

fn rule_of(inst: &Instrument, default: &'static Rule) -> &'static Rule {
    inst.rule
        .as_deref()
        .and_then(rules::by_id)
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
        let rule = rule_of(inst, &rules::PROCUREMENT_VENDOR_DROPPED);
        out.push(rule, id, text, None, None);
    }
}

/// Whose control a component's vendor is under, and why catscan says so.
pub(super) fn control_of(out: &Collector<'_, '_, '_, '_>, id: ComponentId) -> (Control, String) {
    let c = out.resolved.inventory.component(id);
    let lineage = lineage(out, id);
    let Some(own) = lineage.first() else {
        let named: Vec<String> = c
            .parties()
            .map(|(f, n)| format!("{} \"{}\"", f.as_str(), n.trim()))
            .collect();
        let why = if named.is_empty() {
            "the BOM names no vendor".to_string()
        } else {
            format!("vendor not in the registry ({})", named.join(", "))
        };
        return (Control::Unknown, why);
    };
    if own.status == Status::Unconfirmed {
        return (
            Control::Unknown,
            format!(
                "{}: the registry entry is unconfirmed and not used for origin decisions",
                own.name
            ),
        );
    }
    if let Some(v) = lineage
        .iter()
        .find(|v| v.controlling_country.is_some() && v.status != Status::Unconfirmed)
    {
        let country = v.controlling_country.as_deref().unwrap_or_default();
        let through = if v.id == own.id {
            String::new()
        } else {
            format!(", through {}", v.name)
        };
        let control = if country == "CN" {
            Control::Domestic
        } else if SPECIAL_REGIONS.contains(&country) {
            Control::Unknown
        } else {
            Control::Foreign
        };
        return (
            control,
            format!("{}: controlled from {country}{through}", own.name),
        );
    }
    match own.incorporated_in.as_deref() {
        Some(i) if SPECIAL_REGIONS.contains(&i) => (
            Control::Unknown,
            format!(
                "{}: incorporated in {i}, controlling owner not recorded; whether {i} counts as domestic is not settled",
                own.name
            ),
        ),
        Some("CN") => (
            Control::Unknown,
            format!(
                "{}: incorporated in CN, controlling owner not recorded",
                own.name
            ),
        ),
        Some(i) => (
            Control::Foreign,
            format!("{}: incorporated in {i}", own.name),
        ),
        None => (
            Control::Unknown,
            format!("{}: country not recorded", own.name),
        ),
    }
}

fn share_row(out: &Collector<'_, '_, '_, '_>, id: ComponentId, what: String) -> ShareRow {
    let c = out.resolved.inventory.component(id);
    let (control, basis) = control_of(out, id);
    let property = |name: &str| {
        c.properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.value.trim().to_string())
    };
    let quantity = property("catscan:quantity").and_then(|q| leading_number(&q));
    let (unit_price, currency) = match property(UNIT_PRICE_PROPERTY).and_then(|p| parse_price(&p)) {
        Some((price, currency)) => (Some(price), currency),
        None => (None, None),
    };
    ShareRow {
        component: out.component_ref(id),
        region: out.region_of(id),
        what,
        control,
        basis,
        quantity,
        unit_price,
        currency,
    }
}

/// The property a part list's unit-price column becomes.
pub const UNIT_PRICE_PROPERTY: &str = "catscan:unit-price";

/// The number a cell starts with: "4", "4 台", "1,200 pcs".
fn leading_number(text: &str) -> Option<f64> {
    let digits: String = text
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    digits
        .parse()
        .ok()
        .filter(|n: &f64| n.is_finite() && *n >= 0.0)
}

/// A price and its currency: "¥12,000", "12000 CNY", "USD 3,500.50", "8000元", "12000".
pub fn parse_price(text: &str) -> Option<(f64, Option<String>)> {
    let t = text.trim();
    let symbols: &[(&str, &str)] = &[
        ("¥", "CNY"),
        ("￥", "CNY"),
        ("元", "CNY"),
        ("RMB", "CNY"),
        ("CNY", "CNY"),
        ("US$", "USD"),
        ("$", "USD"),
        ("USD", "USD"),
        ("€", "EUR"),
        ("EUR", "EUR"),
    ];
    let mut currency = None;
    let mut rest = t.to_string();
    for (sym, code) in symbols {
        if rest.contains(sym) {
            currency = Some((*code).to_string());
            rest = rest.replace(sym, "");
            break;
        }
    }
    let number: String = rest.trim().chars().filter(|c| *c != ',').collect();
    let value: f64 = number.trim().parse().ok()?;
    (value.is_finite() && value >= 0.0).then_some((value, currency))
}

/// Finishes the account of one file: the totals, and a finding when the share is short.
pub(super) fn finish(out: &mut Collector<'_, '_, '_, '_>, account: Account) -> ProcurementAccount {
    let mut by_count = ShareTotals::default();
    for r in &account.rows {
        by_count.add(r.control, 1.0);
    }
    let priced: Vec<&ShareRow> = account
        .rows
        .iter()
        .filter(|r| r.unit_price.is_some())
        .collect();
    let unpriced = account.rows.len() - priced.len();
    let mut currencies: Vec<Option<&str>> = priced.iter().map(|r| r.currency.as_deref()).collect();
    currencies.sort();
    currencies.dedup();
    let (by_spend, currency, spend_note) = if priced.is_empty() {
        (None, None, None)
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
        )
    } else {
        let mut spend = ShareTotals::default();
        for r in &priced {
            spend.add(
                r.control,
                r.quantity.unwrap_or(1.0) * r.unit_price.unwrap_or_default(),
            );
        }
        let note = (unpriced > 0).then(|| {
            format!("{unpriced} key components have no unit price and are not in the spend figures")
        });
        (Some(spend), currencies[0].map(str::to_string), note)
    };
    let share = ShareTable {
        rows: account.rows,
        by_count,
        by_spend,
        currency,
        unpriced,
        spend_note,
        minimum: out.policy.min_domestic_share,
    };
    if let Some(min) = share.minimum {
        threshold(out, &share, min);
    }
    ProcurementAccount {
        listed: account.listed,
        share,
    }
}

/// "3 of 5 (60.0%)".
fn fraction(t: &ShareTotals, control: Control, spend: bool, currency: Option<&str>) -> String {
    if spend {
        format!(
            "{:.2} {} of {:.2} ({:.1}%)",
            t.get(control),
            currency.unwrap_or(""),
            t.total(),
            t.share(control) * 100.0
        )
        .replace("  ", " ")
    } else {
        format!(
            "{} of {} ({:.1}%)",
            t.get(control),
            t.total(),
            t.share(control) * 100.0
        )
    }
}

/// A shortfall is certain when even counting every unknown as domestic the share is short.
fn threshold(out: &mut Collector<'_, '_, '_, '_>, share: &ShareTable, min: f64) {
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
        let d = t.share(Control::Domestic);
        let u = t.share(Control::Unknown);
        let words = format!(
            "{name}, domestic {}, foreign {}, unknown {}",
            fraction(t, Control::Domestic, *spend, share.currency.as_deref()),
            fraction(t, Control::Foreign, *spend, share.currency.as_deref()),
            fraction(t, Control::Unknown, *spend, share.currency.as_deref())
        );
        if d + 1e-9 >= min {
            continue;
        } else if d + u + 1e-9 >= min {
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
            &rules::PROCUREMENT_DOMESTIC_SHARE_UNDETERMINED,
            format!(
                "Whether the key components meet the minimum domestic-control share of {:.1}% depends on vendors of unknown control",
                min * 100.0
            ),
            undecided,
        )
    } else {
        (
            &rules::PROCUREMENT_DOMESTIC_SHARE_BELOW,
            format!(
                "The key components are below the minimum domestic-control share of {:.1}%, even if every vendor of unknown control were domestic",
                min * 100.0
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
