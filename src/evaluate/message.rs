//! Wording shared by the messages of several rules.

use crate::inventory::{Component, ComponentId};
use crate::knowledge::{Category, Status};
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

/// Ends a sentence with a full stop unless it already has one.
pub fn sentence(text: impl Into<String>) -> String {
    let mut s = text.into();
    if !s.ends_with(['.', '。', '?', '!']) {
        s.push('.');
    }
    s
}
