//! A build without the `custom-rules` feature: there is no CEL to compile an expression with, so
//! no [`Condition`] can exist. The policy file refuses a `[[rule]]` before it gets here (see
//! [`super::NOT_BUILT`]); `compile` says the same to any other caller.

use super::{CompileError, Facts, NOT_BUILT};

/// A compiled `when` expression, of which a build without CEL has none: the type has no value,
/// so the code that evaluates custom rules is built, and never runs.
#[derive(Debug)]
pub enum Condition {}

impl Condition {
    /// Refuses every expression: this build cannot compile one.
    ///
    /// # Errors
    ///
    /// Always, with [`NOT_BUILT`].
    pub fn compile(_expression: &str) -> Result<Condition, CompileError> {
        Err(CompileError {
            message: NOT_BUILT.to_string(),
            line: None,
            column: None,
            limit: None,
        })
    }

    pub fn matches(&self, _facts: &Facts<'_>) -> Result<bool, String> {
        match *self {}
    }

    pub fn source(&self) -> &str {
        match *self {}
    }
}
