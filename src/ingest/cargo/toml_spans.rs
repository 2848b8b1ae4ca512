//! Reading spans out of Cargo's TOML files (`Cargo.lock`, `Cargo.toml`) with the `toml` crate's
//! document parser, which keeps the byte range of every key and value and reads every TOML
//! value, dates included (the `[package.metadata.catscan]` table has them).

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The value of `key` in a table.
pub(super) fn field<'t, 'i>(table: &'t DeTable<'i>, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref() == key)
        .map(|(_, value)| value)
}

/// The text of a value as written: a string without its quotes, a number as it is.
pub(super) fn written<'a>(text: &'a str, value: &Spanned<DeValue<'_>>) -> &'a str {
    let raw = &text[value.span()];
    match value.get_ref() {
        DeValue::String(_) => raw
            .strip_prefix(['"', '\''])
            .and_then(|r| r.strip_suffix(['"', '\'']))
            .unwrap_or(raw),
        _ => raw,
    }
}
