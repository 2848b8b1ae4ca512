//! `--format json`: the report as one JSON document for scripts and dashboards, in a documented
//! and versioned shape (`docs/json-report.md`). Unlike the SARIF, it keeps suppressed findings
//! (with their reasons) and the counts of what was read, so a script needs nothing else.

use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::findings::{
    ComponentRef, Control, FileReport, Finding, ListedComponent, ProcurementAccount, Region,
    Report, ShareRow, ShareTotals,
};
use crate::inventory::Position;

/// The version of the document's shape; it changes only when a field changes meaning or goes.
pub const SCHEMA_VERSION: u32 = 1;

/// The document as text: the same as serialising [`to_value`]; see [`write()`].
pub fn to_string(report: &Report) -> String {
    let mut text = Vec::new();
    write(&mut text, report).expect("writing to memory cannot fail");
    String::from_utf8(text).expect("serde_json writes UTF-8")
}

/// Writes the document as [`to_string`] makes it, to `out` as it is made: each file's findings
/// are made and written one at a time (see `stream`), so that memory is one finding.
pub fn write(out: &mut dyn std::io::Write, report: &Report) -> std::io::Result<()> {
    let skeleton = serde_json::to_string_pretty(&document(report, false))
        .expect("JSON values always serialise");
    let mut cursor = 0;
    for e in report.files.iter().filter_map(|f| f.outcome.as_ref().ok()) {
        super::stream::splice(
            out,
            &skeleton,
            &mut cursor,
            6,
            "findings",
            e.findings.iter().map(finding),
        )?;
    }
    out.write_all(&skeleton.as_bytes()[cursor..])?;
    out.write_all(b"\n")
}

/// The whole document, findings included, as a JSON value: what [`to_string`] writes, for
/// callers that look into the document rather than print it.
pub fn to_value(report: &Report) -> Value {
    document(report, true)
}

/// The document, with each file's findings or with empty lists in their place.
fn document(report: &Report, findings: bool) -> Value {
    let counts = report.count_by_level();
    let count = |l: crate::findings::rules::Level| counts.get(&l).copied().unwrap_or(0);
    json!({
        "schemaVersion": SCHEMA_VERSION,
        "tool": { "name": "catscan", "version": report.tool_version },
        "asOf": report.as_of.to_string(),
        "edition": report.edition.as_ref().map(|e| json!({
            "id": e.id, "title": e.title, "basis": e.basis,
        })),
        "policyFile": report.policy_file,
        "counts": {
            "error": count(crate::findings::rules::Level::Error),
            "warning": count(crate::findings::rules::Level::Warning),
            "note": count(crate::findings::rules::Level::Note),
            "suppressed": report.suppressed().count(),
        },
        "files": report.files.iter().map(|f| file(f, findings)).collect::<Vec<_>>(),
        "policyFindings": report.policy_findings.iter().map(|f| json!({
            "rule": f.rule.id,
            "level": f.level.as_str(),
            "message": f.message,
            "location": { "file": f.location.file, "line": f.location.line, "column": f.location.column },
        })).collect::<Vec<_>>(),
        "skipped": report.skipped.iter().map(|(path, why)| json!({ "path": path, "reason": why })).collect::<Vec<_>>(),
        "notices": report.notices,
        "ruleFamilies": report.families.iter().map(|f| json!({ "name": f.name, "ran": f.ran, "why": f.why })).collect::<Vec<_>>(),
        "baseline": report.baseline.as_ref().map(|b| json!({ "file": b.file, "unchanged": b.unchanged })),
    })
}

fn position(p: Position) -> Value {
    json!({ "line": p.line, "column": p.column })
}

fn file(f: &FileReport, findings: bool) -> Value {
    match &f.outcome {
        Err(e) => json!({
            "path": f.source.display,
            "error": {
                "message": e.message,
                "position": e.position.map(position),
            },
        }),
        Ok(e) => {
            let mut value = json!({
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
                "findings": if findings {
                    e.findings.iter().map(finding).collect::<Vec<_>>()
                } else {
                    Vec::new()
                },
            });
            if let (Some(p), Value::Object(map)) = (&e.procurement, &mut value) {
                map.insert("procurement".to_string(), procurement(p));
            }
            value
        }
    }
}

fn component(c: &ComponentRef) -> Value {
    json!({
        "name": c.name, "group": c.group, "version": c.version, "type": c.kind,
        "purl": c.purl, "bomRef": c.bom_ref, "vendor": c.vendor, "vendorId": c.vendor_id,
        "vendorWritten": c.vendor_written,
    })
}

fn region(r: &Region) -> Value {
    json!({ "start": position(r.start), "end": position(r.end) })
}

fn finding(f: &Finding) -> Value {
    let c = &f.component;
    json!({
        "rule": f.rule.id,
        "level": f.level.as_str(),
        "message": f.message,
        "component": component(c),
        "region": region(&f.region),
        "catalogueItem": f.catalogue_item,
        "confidence": f.confidence.map(|c| c.as_str()),
        "fingerprint": f.fingerprint,
        "path": f.path.kept().map(|s| json!({ "name": s.name, "line": s.region.start.line })).collect::<Vec<_>>(),
        "pathOmitted": f.path.omitted,
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

/// The procurement account of a file (`procurement` in `docs/json-report.md`); the SARIF carries
/// the same object in its run's property bag.
pub fn procurement(p: &ProcurementAccount) -> Value {
    let s = &p.share;
    json!({
        "listed": p.listed.iter().map(listed).collect::<Vec<_>>(),
        "share": {
            "byCount": totals(&s.by_count, true),
            "bySpend": s.by_spend.as_ref().map(|t| totals(t, false)),
            "currency": s.currency,
            "unpriced": s.unpriced,
            "spendNote": s.spend_note,
            "minimum": s.minimum.map(number),
            "rows": s.rows.iter().map(share_row).collect::<Vec<_>>(),
        },
    })
}

fn listed(l: &ListedComponent) -> Value {
    json!({
        "component": component(&l.component),
        "region": region(&l.region),
        "class": l.class,
        "list": l.list,
        "entry": l.entry,
        "status": l.status,
        "validUntil": l.valid_until.map(|d| d.to_string()),
    })
}

/// The sums of each kind of control, their total and the shares (0 to 1); counts of BOM entries
/// as integers.
fn totals(t: &ShareTotals, count: bool) -> Value {
    let amount = |x: Decimal| match u64::try_from(x) {
        Ok(n) if count => json!(n),
        _ => number(x),
    };
    let controls = [Control::Domestic, Control::Foreign, Control::Unknown];
    let mut map = serde_json::Map::new();
    for c in controls {
        map.insert(c.as_str().to_string(), amount(t.get(c)));
    }
    map.insert("total".to_string(), amount(t.total()));
    map.insert(
        "share".to_string(),
        Value::Object(
            controls
                .iter()
                .map(|&c| (c.as_str().to_string(), number(t.share(c))))
                .collect(),
        ),
    );
    Value::Object(map)
}

/// An exact amount as a JSON number, as the document has always written amounts. A JSON number
/// is read as a double by most consumers, so it is written as the double nearest the amount:
/// its text is the amount's own digits up to 15 significant digits (`12500.5`, `1.0` for ten
/// prices of 0.1), the nearest double beyond. The text and HTML reports print every digit.
fn number(x: Decimal) -> Value {
    let double: f64 = x
        .normalize()
        .to_string()
        .parse()
        .expect("a decimal's text is a number");
    json!(double)
}

fn share_row(r: &ShareRow) -> Value {
    json!({
        "component": component(&r.component),
        "region": region(&r.region),
        "what": r.what,
        "control": r.control.as_str(),
        "basis": r.basis,
        "quantity": r.quantity.map(number),
        "unitPrice": r.unit_price.map(number),
        "currency": r.currency,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::terminal::sample;

    #[test]
    fn the_procurement_object_has_the_documented_fields() {
        let value = procurement(&sample::account());
        assert_eq!(
            value["listed"][0],
            json!({
                "component": {
                    "name": "麒麟X90", "group": null, "version": null, "type": "device",
                    "purl": null, "bomRef": "麒麟X90",
                    "vendor": "HiSilicon Technologies Co., Ltd.", "vendorId": null,
                    "vendorWritten": null,
                },
                "region": { "start": { "line": 3, "column": 1 }, "end": { "line": 3, "column": 40 } },
                "class": "CPU",
                "list": "Secure and reliable evaluation results",
                "entry": "Kirin X90 [麒麟X90] (2025年第1号, 2025-03-14, level II)",
                "status": "confirmed",
                "validUntil": "2028-03-13",
            })
        );
        let share = &value["share"];
        assert_eq!(
            share["byCount"],
            json!({
                "domestic": 2, "foreign": 1, "unknown": 1, "total": 4,
                "share": { "domestic": 0.5, "foreign": 0.25, "unknown": 0.25 },
            })
        );
        assert_eq!(share["bySpend"]["domestic"], json!(76000.0));
        assert_eq!(share["bySpend"]["unknown"], json!(19001.0));
        assert_eq!(share["bySpend"]["total"], json!(143001.0));
        assert_eq!(share["currency"], "CNY");
        assert_eq!(share["unpriced"], 0);
        assert_eq!(share["spendNote"], Value::Null);
        assert_eq!(share["minimum"], 0.75);
        assert_eq!(share["rows"].as_array().unwrap().len(), 4);
        assert_eq!(
            share["rows"][3],
            json!({
                "component": {
                    "name": "Loongson 3C6000", "group": null, "version": null, "type": "device",
                    "purl": null, "bomRef": "Loongson 3C6000", "vendor": null, "vendorId": null,
                    "vendorWritten": null,
                },
                "region": { "start": { "line": 6, "column": 1 }, "end": { "line": 6, "column": 40 } },
                "what": "CPU",
                "control": "unknown",
                "basis": "vendor not identified",
                "quantity": 2.0,
                "unitPrice": 9500.5,
                "currency": "CNY",
            })
        );
    }

    #[test]
    fn the_text_written_finding_by_finding_is_the_whole_document_serialised() {
        use crate::findings::FileReport;
        use crate::findings::rules::Level;
        use crate::report::terminal::sample::finding;
        let mut report = sample::report(Some(sample::account()));
        let template = report.files[0].clone();
        let with = |findings: Vec<crate::findings::Finding>| {
            let mut f: FileReport = template.clone();
            if let Ok(e) = &mut f.outcome {
                e.findings = findings;
            }
            f
        };
        let mut unreadable = template.clone();
        unreadable.outcome = Err(crate::ingest::ReadError {
            file: "bom.cdx.json".into(),
            message: "not a BOM".into(),
            position: None,
        });
        report.files = vec![
            with(vec![
                finding("catalogue-in-scope", Level::Error, 3),
                finding("data-quality-no-vendor", Level::Note, 4),
            ]),
            unreadable,
            with(Vec::new()),
            with(vec![finding("catalogue-in-scope", Level::Warning, 9)]),
        ];
        let whole = serde_json::to_string_pretty(&to_value(&report)).unwrap() + "\n";
        assert_eq!(to_string(&report), whole);
        assert_eq!(whole.matches("\"rule\": \"catalogue-in-scope\"").count(), 2);
    }

    #[test]
    fn a_file_has_procurement_only_with_an_account() {
        let with = to_value(&sample::report(Some(sample::account())));
        assert!(with["files"][0]["procurement"]["share"].is_object());
        let without = to_value(&sample::report(None));
        assert!(without["files"][0].get("procurement").is_none());
    }
}
