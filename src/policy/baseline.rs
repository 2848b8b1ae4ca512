//! `--baseline previous.sarif`: report only what is new since an earlier run. A finding is the
//! same as one in the baseline when its rule and its `primaryLocationLineHash` are the same; the
//! hash is computed from the component's identity, not its line, so a regenerated BOM keeps its
//! baseline.
use std::collections::HashSet;
use std::fmt;
use std::io::Read;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::findings::{BaselineUse, Report};
use crate::limits::Limit;

/// The (rule id, fingerprint) pairs of an earlier SARIF log.
#[derive(Debug, Default)]
pub struct Baseline {
    /// The baseline's file as the user named it, for the report to say which baseline was applied.
    pub file: String,
    known: HashSet<(String, String)>,
}

impl Baseline {
    /// Reads a SARIF log written by catscan (or any tool that sets `primaryLocationLineHash`),
    /// up to the [`Limit::BaselineSize`].
    ///
    /// The log is streamed, and only each result's rule and fingerprint are kept: its messages,
    /// locations, snippets and the rest are skipped as they are read, so that memory follows
    /// the number of results, not the size of the file (a 233 MB log took 1.4 GB when it was
    /// read whole into a JSON tree, 63 MB streamed).
    pub fn load(path: &Path, display: &str) -> Result<Baseline, String> {
        let limit = Limit::BaselineSize;
        let too_large = || {
            format!(
                "{display}: the baseline is larger than {}, the {} limit; {}",
                limit.shown(),
                limit.name(),
                limit.raise_hint()
            )
        };
        let file = std::fs::File::open(path)
            .map_err(|e| format!("{display}: cannot read the baseline: {e}"))?;
        if file.metadata().is_ok_and(|m| m.len() > limit.value()) {
            return Err(too_large());
        }
        // A pipe has no length: it is read up to one byte past the limit.
        let mut reader =
            std::io::BufReader::with_capacity(1 << 16, file.take(limit.value().saturating_add(1)));
        let mut known = HashSet::new();
        let mut de = serde_json::Deserializer::from_reader(&mut reader);
        let read = LogSeed { known: &mut known }
            .deserialize(&mut de)
            .and_then(|found| de.end().map(|()| found));
        let passed_the_limit = || {
            let mut rest = [0u8; 1];
            reader.get_ref().limit() == 0 && reader.buffer().is_empty() && {
                // The underlying file has more than the limit: nothing is left of the `take`.
                let mut inner = reader.get_ref().get_ref();
                inner.read(&mut rest).is_ok_and(|n| n > 0)
            }
        };
        match read {
            Ok(true) => {}
            Ok(false) => {
                return Err(format!(
                    "{display}: the baseline is not a SARIF log (it has no \"runs\" array)"
                ));
            }
            Err(_) if passed_the_limit() => return Err(too_large()),
            Err(e) if e.is_io() => {
                return Err(format!("{display}: cannot read the baseline: {e}"));
            }
            Err(e) => {
                return Err(format!(
                    "{display}:{}:{}: the baseline is not JSON, or not a SARIF log: {}",
                    e.line(),
                    e.column(),
                    without_position(&e)
                ));
            }
        }
        Ok(Baseline {
            file: display.to_string(),
            known,
        })
    }

    /// Whether the earlier log had a result of rule `rule` with this `primaryLocationLineHash`.
    pub fn contains(&self, rule: &str, fingerprint: &str) -> bool {
        self.known
            .contains(&(rule.to_string(), fingerprint.to_string()))
    }
}

/// Drops the findings the baseline has, marks the rest new, and records the count.
pub fn apply(report: &mut Report, baseline: &Baseline) {
    let mut unchanged = 0;
    for file in &mut report.files {
        if let Ok(evaluated) = &mut file.outcome {
            let before = evaluated.findings.len();
            evaluated
                .findings
                .retain(|f| !baseline.contains(f.rule.id, &f.fingerprint));
            unchanged += before - evaluated.findings.len();
            for f in &mut evaluated.findings {
                f.new_since_baseline = true;
            }
        }
    }
    report.baseline = Some(BaselineUse {
        file: baseline.file.clone(),
        unchanged,
    });
}

/// serde_json's message without the " at line L column C" it ends with (the caller puts the
/// position first, as every located message has it).
fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message,
    }
}

/// The scalar visits of a visitor that answers `false` (not the shape looked for) for a string,
/// boolean, number or null, so that such JSON reads as a log without runs rather than as an
/// error; both visitors below share them.
macro_rules! scalars_are_not_it {
    () => {
        fn visit_str<E: de::Error>(self, _: &str) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
            Ok(false)
        }
    };
}

/// The log: its `runs`, each result's rule and fingerprint put in `known` as it is read.
/// Deserializes to whether the log has a `runs` array.
struct LogSeed<'k> {
    known: &'k mut HashSet<(String, String)>,
}

impl<'de> DeserializeSeed<'de> for LogSeed<'_> {
    type Value = bool;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LogSeed<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a SARIF log (an object with a \"runs\" array)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut runs = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == "runs" {
                runs = map.next_value_seed(Runs {
                    known: &mut *self.known,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(runs)
    }
    // Anything but an object is JSON without runs.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(false)
    }
    scalars_are_not_it!();
}

/// The `runs` array; `false` when it is not an array.
struct Runs<'k> {
    known: &'k mut HashSet<(String, String)>,
}

impl<'de> DeserializeSeed<'de> for Runs<'_> {
    type Value = bool;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Runs<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of runs")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while let Some(run) = seq.next_element::<Run>()? {
            for result in run.results.into_iter().flatten() {
                let rule = result.rule_id.and_then(text);
                let hash = result
                    .partial_fingerprints
                    .and_then(|f| f.primary_location_line_hash)
                    .and_then(text);
                if let (Some(rule), Some(hash)) = (rule, hash) {
                    self.known.insert((rule, hash));
                }
            }
        }
        Ok(true)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(false)
    }
    scalars_are_not_it!();
}

/// What is kept of a run: its results (`null` or absent when the tool did not run). The
/// results of one run are held until the run is read: a result is a few dozen bytes here.
#[derive(Deserialize)]
struct Run {
    #[serde(default)]
    results: Option<Vec<SarifResult>>,
}

/// What is kept of a result; any other field is skipped as it is read. A rule or fingerprint
/// of another type than a string is ignored, as the baseline ignores a result it cannot use.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    #[serde(default)]
    rule_id: Option<serde_json::Value>,
    #[serde(default)]
    partial_fingerprints: Option<Fingerprints>,
}

/// The fingerprints of a result: only `primaryLocationLineHash` is kept.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Fingerprints {
    #[serde(default)]
    primary_location_line_hash: Option<serde_json::Value>,
}

/// The text of a JSON string.
fn text(value: serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Baseline, String> {
        let path = std::env::temp_dir().join(format!(
            "catscan-baseline-{}-{}.sarif",
            std::process::id(),
            text.len()
        ));
        std::fs::write(&path, text).unwrap();
        let loaded = Baseline::load(&path, "b.sarif");
        let _ = std::fs::remove_file(&path);
        loaded
    }

    /// Only results with a rule and a fingerprint, both strings, are kept; everything else in
    /// the log is skipped, whatever its shape.
    #[test]
    fn only_each_results_rule_and_fingerprint_are_kept() {
        let baseline = load(
            r#"{"version": "2.1.0", "$schema": "x", "runs": [
                {"tool": {"driver": {"name": "catscan", "rules": [{"id": "a"}]}},
                 "results": [
                    {"ruleId": "a", "message": {"text": "m"}, "locations": [{"x": [1, 2, {"y": null}]}],
                     "partialFingerprints": {"other": "o", "primaryLocationLineHash": "h1"}},
                    {"ruleId": "b", "partialFingerprints": {"primaryLocationLineHash": 7}},
                    {"ruleId": 3, "partialFingerprints": {"primaryLocationLineHash": "h3"}},
                    {"partialFingerprints": {"primaryLocationLineHash": "h4"}},
                    {"ruleId": "e"}
                 ]},
                {"results": null},
                {"tool": {}}
            ]}"#,
        )
        .unwrap();
        assert_eq!(
            baseline.known,
            HashSet::from([("a".to_string(), "h1".to_string())])
        );
    }

    #[test]
    fn a_log_without_runs_or_not_json_is_an_error_naming_the_place() {
        assert_eq!(
            load(r#"{"version": "2.1.0"}"#).unwrap_err(),
            "b.sarif: the baseline is not a SARIF log (it has no \"runs\" array)"
        );
        assert_eq!(
            load("[1, 2]").unwrap_err(),
            "b.sarif: the baseline is not a SARIF log (it has no \"runs\" array)"
        );
        assert_eq!(
            load("{\"runs\": [\n  {\"results\": [}]}").unwrap_err(),
            "b.sarif:2:16: the baseline is not JSON, or not a SARIF log: expected value"
        );
    }
}
