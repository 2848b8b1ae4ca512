//! Wording only the catalogue family's messages use: how a message names a catalogue item, and
//! the obligation an item carries on the run's date.

use crate::knowledge::{Edition, Item, Knowledge};

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
