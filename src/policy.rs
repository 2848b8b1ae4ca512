//! The choices a run is made under: the date the law is applied as of, the catalogue edition,
//! and the level of each rule.

use std::collections::HashMap;

use time::Date;

use crate::certified::CertifiedList;
use crate::rules::{Level, Rule};

#[derive(Debug, Clone)]
pub struct Policy {
    /// The date on which the rules are applied: the edition in force, the numbering of the law
    /// and the mandatory standards depend on it.
    pub as_of: Date,
    /// Forces an edition instead of the one in force on `as_of`.
    pub edition: Option<String>,
    /// Levels that differ from the rules' defaults; `None` turns a rule off.
    pub levels: HashMap<&'static str, Option<Level>>,
    /// The user's list of certified or tested products (`--certified`).
    pub certified: Option<CertifiedList>,
}

impl Policy {
    pub fn new(as_of: Date) -> Self {
        Policy {
            as_of,
            edition: None,
            levels: HashMap::new(),
            certified: None,
        }
    }

    /// The level a rule is reported at, or `None` when it is turned off.
    pub fn level(&self, rule: &Rule) -> Option<Level> {
        self.levels
            .get(rule.id)
            .copied()
            .unwrap_or(Some(rule.default_level))
    }
}
