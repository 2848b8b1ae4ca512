//! `--format json`: the report as one JSON document for scripts and dashboards, in a documented
//! and versioned shape (`docs/json-report.md`). Unlike the SARIF, it keeps suppressed findings
//! (with their reasons) and the counts of what was read, so a script needs nothing else.

use serde_json::{Value, json};

use crate::findings::{FileReport, Finding, Report};
use crate::inventory::Position;

/// The version of the document's shape; it changes only when a field changes meaning or goes.
pub const SCHEMA_VERSION: u32 = 1;

pub fn to_string(report: &Report) -> String {
    let mut text =
        serde_json::to_string_pretty(&to_value(report)).expect("JSON values always serialise");
    text.push('\n');
    text
}

pub fn to_value(report: &Report) -> Value {
    let counts = report.count_by_level();
    let count = |l: crate::rules::Level| counts.get(&l).copied().unwrap_or(0);
    json!({
        "schemaVersion": SCHEMA_VERSION,
        "tool": { "name": "catscan", "version": report.tool_version },
        "asOf": report.as_of.to_string(),
        "edition": report.edition.as_ref().map(|e| json!({
            "id": e.id, "title": e.title, "basis": e.basis,
        })),
        "policyFile": report.policy_file,
        "counts": {
            "error": count(crate::rules::Level::Error),
            "warning": count(crate::rules::Level::Warning),
            "note": count(crate::rules::Level::Note),
            "suppressed": report.suppressed().count(),
        },
        "files": report.files.iter().map(file).collect::<Vec<_>>(),
        "policyFindings": report.policy_findings.iter().map(|f| json!({
            "rule": f.rule.id,
            "level": f.level.as_str(),
            "message": f.message,
            "location": { "file": f.location.file, "line": f.location.line, "column": f.location.column },
        })).collect::<Vec<_>>(),
        "skipped": report.skipped.iter().map(|(path, why)| json!({ "path": path, "reason": why })).collect::<Vec<_>>(),
        "notices": report.notices,
        "baseline": report.baseline.as_ref().map(|b| json!({ "file": b.file, "unchanged": b.unchanged })),
    })
}

fn position(p: Position) -> Value {
    json!({ "line": p.line, "column": p.column })
}

fn file(f: &FileReport) -> Value {
    match &f.outcome {
        Err(e) => json!({
            "path": f.source.display,
            "error": {
                "message": e.message,
                "position": e.position.map(position),
            },
        }),
        Ok(e) => json!({
            "path": f.source.display,
            "format": e.format.as_str(),
            "specVersion": e.spec_version,
            "components": e.counts.components,
            "evaluated": e.counts.evaluated,
            "outOfScope": e.counts.out_of_scope.iter()
                .map(|(k, v)| (format!("{k:?}"), json!(v)))
                .collect::<serde_json::Map<_, _>>(),
            "diagnostics": e.diagnostics.iter().map(|d| json!({
                "severity": d.severity.as_str(),
                "code": d.code,
                "message": d.message,
                "position": d.position.map(position),
            })).collect::<Vec<_>>(),
            "findings": e.findings.iter().map(finding).collect::<Vec<_>>(),
        }),
    }
}

fn finding(f: &Finding) -> Value {
    let c = &f.component;
    json!({
        "rule": f.rule.id,
        "level": f.level.as_str(),
        "message": f.message,
        "component": {
            "name": c.name, "group": c.group, "version": c.version, "type": c.kind,
            "purl": c.purl, "bomRef": c.bom_ref, "vendor": c.vendor, "vendorId": c.vendor_id,
        },
        "region": { "start": position(f.region.start), "end": position(f.region.end) },
        "catalogueItem": f.catalogue_item,
        "confidence": f.confidence.map(|c| c.as_str()),
        "fingerprint": f.fingerprint,
        "path": f.path.iter().map(|s| json!({ "name": s.name, "line": s.region.start.line })).collect::<Vec<_>>(),
        "related": f.related.iter().map(|d| json!({
            "file": d.file, "line": d.position.line, "column": d.position.column, "text": d.text,
        })).collect::<Vec<_>>(),
        "suppressed": f.suppression.as_ref().map(|s| json!({
            "reason": s.reason,
            "expires": s.expires.map(|d| d.to_string()),
            "file": s.location.file,
            "line": s.location.line,
        })),
        "newSinceBaseline": f.new_since_baseline,
    })
}
