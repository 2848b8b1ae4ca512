//! Diagnostics a reader collects while it walks a document, before lines are known: one shape
//! and one finishing step for every structured reader (CycloneDX JSON and XML, SPDX 2 and 3),
//! so that ordering, the per-code cap and its closing line are the same in every format.

use std::collections::BTreeMap;

use crate::inventory::{Diagnostic, Inventory, Severity};

/// A diagnostic located by byte offset; [`locate`] turns it into lines and columns.
#[derive(Debug)]
pub(crate) struct PendingDiagnostic {
    pub severity: Severity,
    pub code: &'static str,
    /// May contain `{line}`, replaced by the line of `related` once lines are known.
    pub message: String,
    pub offset: Option<usize>,
    pub related: Option<usize>,
}

/// Orders diagnostics by position, caps each code at [`super::diagnostics_per_code`] with one
/// closing line per capped code, and turns offsets into lines and columns.
pub(crate) fn locate(
    inventory: &Inventory<'_>,
    mut pending: Vec<PendingDiagnostic>,
) -> Vec<Diagnostic> {
    pending.sort_by_key(|d| d.offset.unwrap_or(0));
    let mut per_code: BTreeMap<&'static str, usize> = BTreeMap::new();
    let most = super::diagnostics_per_code();
    let mut out = Vec::new();
    for d in pending {
        let seen = per_code.entry(d.code).or_default();
        *seen += 1;
        if *seen > most {
            continue;
        }
        let message = match d.related {
            Some(offset) => d
                .message
                .replace("{line}", &inventory.position(offset).line.to_string()),
            None => d.message,
        };
        out.push(Diagnostic {
            severity: d.severity,
            code: d.code,
            message,
            position: d.offset.map(|o| inventory.position(o)),
        });
    }
    for (code, count) in per_code {
        if count > most {
            out.push(Diagnostic {
                severity: Severity::Warning,
                code,
                message: super::diagnostics_not_listed(code, count),
                position: None,
            });
        }
    }
    out
}
