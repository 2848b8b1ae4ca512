//! Wording shared by the messages of several rules.

use crate::inventory::{Component, ComponentId};
use crate::knowledge::{Category, Edition, Item, Knowledge, Status};
use crate::resolve::{CategoryMatch, Resolved};

/// "NE8000 X8 V800R021 (device, Huawei Technologies Co., Ltd.)": how a message names a component.
pub fn component(resolved: &Resolved<'_, '_, '_>, id: ComponentId) -> String {
    let c: &Component<'_> = resolved.inventory.component(id);
    let vendor = resolved
        .get(id)
        .vendor
        .as_ref()
        .and_then(|v| v.display_name());
    let row = resolved
        .inventory
        .row_label(id)
        .map(|l| format!(", {l}"))
        .unwrap_or_default();
    // A name can be megabytes long: a message quotes the start of it.
    let name = super::shown_name(c);
    match vendor {
        Some(v) => format!("{name} ({}, {}{row})", c.kind, v),
        None => format!("{name} ({}{row})", c.kind),
    }
}

/// "a router", "an intrusion detection system".
pub fn a_category(category: &Category) -> String {
    format!("{} {}", article(&category.name_en), category.name_en)
}

/// The indefinite article for a noun phrase: "a CPU", "an operating system".
pub fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}

/// "item cn-2023/cne.router (路由器, Router) of the 2023 catalogue".
pub fn item_ref(edition: &Edition, item: &Item) -> String {
    format!(
        "item {}/{} ({}, {}) of the {} catalogue",
        edition.id,
        item.id,
        item.name_zh,
        item.name_en,
        edition.year()
    )
}

/// "the name contains \"Router\"; property hw:category = \"router\" (likely)".
pub fn reasons(m: &CategoryMatch<'_>) -> String {
    let list: Vec<String> = m.reasons.iter().map(ToString::to_string).collect();
    format!("{} (confidence: {})", list.join("; "), m.confidence)
}

/// A sentence on how far a fact is supported, or nothing when it is confirmed.
pub fn status_sentence(what: &str, status: Status, note: Option<&str>) -> Option<String> {
    (status != Status::Confirmed).then(|| match note {
        Some(n) => format!("{what} is {}: {n}", status.describe()),
        None => format!("{what} is {}.", status.describe()),
    })
}

/// ", a date corroborated by …": a clause on how far a fact is supported, or nothing when it is
/// confirmed. It follows the fact it qualifies.
pub fn status_clause(status: Status) -> String {
    if status == Status::Confirmed {
        String::new()
    } else {
        format!(" ({})", status.describe())
    }
}

/// The obligation as of the run's date: the article number in force and the mandatory standard.
pub fn obligation(knowledge: &Knowledge, item: &Item, as_of: time::Date) -> String {
    let law = &knowledge.regime.law;
    let article = law.article_on(as_of).map_or_else(
        || "the Cybersecurity Law".to_string(),
        |a| format!("Cybersecurity Law art. {}", a.number),
    );
    let standard = knowledge
        .regime
        .standard_for(item.group, as_of)
        .map(|s| {
            format!(
                " against the mandatory national standard {} ({})",
                s.id, s.title_zh
            )
        })
        .unwrap_or_default();
    format!(
        "Obligation ({article}): as {} ({}), it may be sold or provided in China only after security certification or security testing by a qualified body{standard}.",
        item.group.as_noun_phrase(),
        item.group.name_zh()
    )
}

/// Ends a sentence with a full stop unless it already has one.
pub fn sentence(text: impl Into<String>) -> String {
    let mut s = text.into();
    if !s.ends_with(['.', '。', '?', '!']) {
        s.push('.');
    }
    s
}
