//! Counting the facts of the data files by status, so that how much of the knowledge rests on
//! official text and how much on summaries or inference can be read at a glance.
//!
//! A **fact** is a field that carries a status. In a data file that is every key named `status`
//! or ending in `_status` whose value is a string, in any table, inline table or array of tables:
//! - `status` gives the status of the record it sits in (a catalogue item, a vendor, a rule pack
//!   entry, a list entry, a standard reference…), that is of what the record says as a whole;
//! - `<field>_status` gives the status of one field of the same record (`in_force_from_status`
//!   for `in_force_from`, `position_status` for `position`).
//!
//! Each such key is one fact and its value is the fact's status. Fields without a status of their
//! own (titles, notes, match words) are not counted. The count is taken from the text of the
//! files, not from the loaded knowledge, so that a status word the legend does not have is counted
//! and shown as what it is rather than hidden by a schema.

use std::collections::BTreeMap;

use super::{Builtin, DataFile, KnowledgeError};

/// The statuses of the legend, strongest first, with what each means.
pub const LEGEND: &[(&str, &str)] = &[
    (
        "confirmed",
        "read in the official text or a verbatim copy of it",
    ),
    (
        "corroborated",
        "read in several independent secondary reports (law firms, consultancies, press), not in the official text",
    ),
    ("secondary", "read in one secondary report only"),
    ("inferred", "stated nowhere; worked out from other facts"),
    ("unknown", "no source could be retrieved"),
];

/// One fact: where it is and its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// The data file (`catalogues/cn/2023.toml`).
    pub file: &'static str,
    /// The key path of the status key (`item[3].threshold.status`).
    pub path: String,
    pub(crate) status: String,
}

/// Fact counts by status, of one file or of several.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusCounts(pub BTreeMap<String, usize>);

impl StatusCounts {
    pub(crate) fn get(&self, status: &str) -> usize {
        self.0.get(status).copied().unwrap_or(0)
    }

    pub(crate) fn total(&self) -> usize {
        self.0.values().sum()
    }

    fn add(&mut self, status: &str, n: usize) {
        *self.0.entry(status.to_string()).or_default() += n;
    }
}

/// The facts counted per file (in the order of `Builtin::files`) and over all of them.
#[derive(Debug, Clone, Default)]
pub struct FactCount {
    pub(crate) by_file: Vec<(&'static str, StatusCounts)>,
    pub(crate) overall: StatusCounts,
}

impl FactCount {
    /// Every status found: those of the legend first (all of them, found or not), then any other
    /// word found, alphabetically.
    pub fn statuses(&self) -> Vec<&str> {
        let mut all: Vec<&str> = LEGEND.iter().map(|(s, _)| *s).collect();
        all.extend(
            self.overall
                .0
                .keys()
                .map(String::as_str)
                .filter(|s| !in_legend(s)),
        );
        all
    }
}

/// Whether `status` is a word of the legend.
pub fn in_legend(status: &str) -> bool {
    LEGEND.iter().any(|(s, _)| *s == status)
}

/// Counts the facts of every data file.
pub fn count(files: &Builtin) -> Result<FactCount, KnowledgeError> {
    let mut count = FactCount::default();
    for file in files.files() {
        let mut here = StatusCounts::default();
        for fact in facts_of(file)? {
            here.add(&fact.status, 1);
        }
        for (status, n) in &here.0 {
            count.overall.add(status, *n);
        }
        count.by_file.push((file.name, here));
    }
    Ok(count)
}

/// The facts of one data file: the keys of a table in alphabetical order, arrays in their order.
pub fn facts_of(file: DataFile) -> Result<Vec<Fact>, KnowledgeError> {
    let table: toml::Table = toml::from_str(file.text).map_err(|e| KnowledgeError {
        file: file.name.to_string(),
        message: e.to_string(),
    })?;
    let mut facts = Vec::new();
    walk_table(file.name, &table, "", &mut facts);
    Ok(facts)
}

fn walk_table(file: &'static str, table: &toml::Table, at: &str, facts: &mut Vec<Fact>) {
    for (key, value) in table {
        let path = if at.is_empty() {
            key.clone()
        } else {
            format!("{at}.{key}")
        };
        match value {
            toml::Value::String(status) if key == "status" || key.ends_with("_status") => {
                facts.push(Fact {
                    file,
                    path,
                    status: status.clone(),
                });
            }
            _ => walk_value(file, value, &path, facts),
        }
    }
}

fn walk_value(file: &'static str, value: &toml::Value, at: &str, facts: &mut Vec<Fact>) {
    match value {
        toml::Value::Table(t) => walk_table(file, t, at, facts),
        toml::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk_value(file, item, &format!("{at}[{i}]"), facts);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &'static str) -> DataFile {
        DataFile {
            name: "catalogues/test.toml",
            text,
        }
    }

    #[test]
    fn every_status_key_is_a_fact_at_its_path_and_notes_are_not() {
        let facts = facts_of(file(
            r#"
[edition]
in_force_from = 2023-07-03
in_force_from_status = "confirmed"
status = "secondary"
status_note = "one report"

[[item]]
position_status = "inferred"
standards = [{ id = "GB 1", status = "corroborated" }]
threshold = { status = "unknown", conditions = [{ value = "1", value_status = "maybe" }] }
"#,
        ))
        .unwrap();
        let found: Vec<(&str, &str)> = facts
            .iter()
            .map(|f| (f.path.as_str(), f.status.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("edition.in_force_from_status", "confirmed"),
                ("edition.status", "secondary"),
                ("item[0].position_status", "inferred"),
                ("item[0].standards[0].status", "corroborated"),
                ("item[0].threshold.conditions[0].value_status", "maybe"),
                ("item[0].threshold.status", "unknown"),
            ]
        );
    }

    #[test]
    fn a_file_that_is_not_toml_is_named_with_the_line() {
        let error = facts_of(file("[edition]\nstatus = confirmed\n")).unwrap_err();
        assert_eq!(error.file, "catalogues/test.toml");
        assert!(error.message.contains("line 2"), "{}", error.message);
    }
}
