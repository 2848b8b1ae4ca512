//! What a workspace declares for catscan in `[package.metadata.catscan]` (and, as the default for
//! every member, `[workspace.metadata.catscan]`), read from `cargo metadata`'s JSON, and where it
//! is written in `Cargo.toml`, found by scanning its lines.

use serde_json::{Map, Value};

/// Keys that become `catscan:` properties of the member, in the order they are added.
pub(super) const PROPERTY_KEYS: [&str; 13] = [
    "category",
    "catalogue-item",
    "certificate",
    "certificate-issued",
    "certificate-expiry",
    "test-report",
    "test-report-date",
    "mops-permit",
    "mops-permit-issued",
    "mops-permit-expiry",
    "ccci-certificate",
    "ccci-issued",
    "ccci-expiry",
];

/// Every key of the table.
pub(super) fn valid_keys() -> impl Iterator<Item = &'static str> {
    PROPERTY_KEYS.into_iter().chain(["hboms", "policy"])
}

/// The key of a TOML date or time in the JSON that Cargo writes for `package.metadata`.
const TOML_DATETIME: &str = "$__toml_private_datetime";

/// The `catscan` table of a `metadata` value: `Ok(None)` when absent, `Err` with what was found
/// when it is not a table.
pub(super) fn catscan_table(metadata: &Value) -> Result<Option<&Map<String, Value>>, &'static str> {
    match metadata.get("catscan") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(table)) => Ok(Some(table)),
        Some(other) => Err(kind(other)),
    }
}

/// A property value: a string, a TOML date (`certificate-issued = 2024-03-01`) or a number.
pub(super) fn property_value(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        other => datetime(other).map(str::to_string),
    }
}

/// The text of a TOML date or time, as Cargo's JSON encodes it.
fn datetime(value: &Value) -> Option<&str> {
    match value {
        Value::Object(m) if m.len() == 1 => m.get(TOML_DATETIME)?.as_str(),
        _ => None,
    }
}

/// What a JSON value is, for messages in TOML's terms.
pub(super) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) if datetime(value).is_some() => "a date",
        Value::Object(_) => "a table",
    }
}

/// The policy table as TOML text, written back from Cargo's JSON (dates become TOML dates
/// again, so that the text reads like `catscan.toml`).
pub(super) fn policy_text(table: &Map<String, Value>) -> Result<String, String> {
    let mut out = toml::Table::new();
    for (k, v) in table {
        if let Some(v) = to_toml(v) {
            out.insert(k.clone(), v);
        }
    }
    toml::to_string(&out).map_err(|e| e.to_string())
}

fn to_toml(value: &Value) -> Option<toml::Value> {
    Some(match value {
        Value::Null => return None,
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64()?),
        },
        Value::String(s) => toml::Value::String(s.clone()),
        Value::Array(items) => toml::Value::Array(items.iter().filter_map(to_toml).collect()),
        Value::Object(m) => match datetime(value) {
            Some(d) => match d.parse::<toml::value::Datetime>() {
                Ok(d) => toml::Value::Datetime(d),
                Err(_) => toml::Value::String(d.to_string()),
            },
            None => toml::Value::Table(
                m.iter()
                    .filter_map(|(k, v)| Some((k.clone(), to_toml(v)?)))
                    .collect(),
            ),
        },
    })
}

/// The valid keys, the nearest to `given` first when one is close enough to be a typo.
pub(super) fn unknown_key_message(given: &str) -> String {
    let mut keys: Vec<&str> = valid_keys().collect();
    let nearest = keys
        .iter()
        .map(|k| (strsim::damerau_levenshtein(given, k), *k))
        .filter(|(d, k)| *d <= 3.max(k.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k);
    let hint = match nearest {
        Some(n) => {
            keys.retain(|k| *k != n);
            keys.insert(0, n);
            format!("; did you mean `{n}`?")
        }
        None => String::new(),
    };
    format!(
        "unknown key `{given}`{hint} (valid keys: {}); it is ignored",
        keys.join(", ")
    )
}

/// A table header with spaces and quotes removed: `[ package . "metadata" ]` →
/// `package.metadata`; `None` for a line that is not a header.
fn header_name(line: &str) -> Option<String> {
    let line = line.trim();
    let inner = line.strip_prefix("[[").or_else(|| line.strip_prefix('['))?;
    let end = inner.find(']')?;
    Some(
        inner[..end]
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
            .collect(),
    )
}

/// The 1-based line of the first table header named `name`, or (with a trailing `.`) whose name
/// starts with it.
pub(super) fn header_line(text: &str, name: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            header_name(line).is_some_and(|h| {
                if name.ends_with('.') {
                    h.starts_with(name)
                } else {
                    h == name
                }
            })
        })
        .map(|i| i + 1)
}

/// The line where the policy table of `table` (`package.metadata.catscan` or
/// `workspace.metadata.catscan`) is written: its own header, a header of one of its sub-tables,
/// or the header of the catscan table (an inline `policy = { … }`); 1 when none is found.
pub(super) fn policy_line(text: &str, table: &str) -> usize {
    header_line(text, &format!("{table}.policy"))
        .or_else(|| header_line(text, &format!("{table}.policy.")))
        .or_else(|| header_line(text, table))
        .unwrap_or(1)
}

/// The 1-based line of `key = …` in the table `table`, else of the table's header.
pub(super) fn key_line(text: &str, table: &str, key: &str) -> Option<usize> {
    let mut current = String::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(h) = header_name(line) {
            current = h;
            continue;
        }
        let Some((k, _)) = line.split_once('=') else {
            continue;
        };
        let k: String = k
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
            .collect();
        let full = if current.is_empty() {
            k
        } else {
            format!("{current}.{k}")
        };
        if full == format!("{table}.{key}") {
            return Some(i + 1);
        }
    }
    header_line(text, table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn policy_is_written_back_as_toml_with_dates() {
        let policy = json!({
            "markets": ["cn", "us"],
            "mlps-grade": 3,
            "exception": [{"name": "x", "expires": {"$__toml_private_datetime": "2027-06-30"}}]
        });
        let text = policy_text(policy.as_object().unwrap()).unwrap();
        let parsed: toml::Table = text.parse().unwrap();
        assert_eq!(parsed["mlps-grade"].as_integer(), Some(3));
        assert_eq!(
            parsed["exception"][0]["expires"]
                .as_datetime()
                .unwrap()
                .to_string(),
            "2027-06-30"
        );
        assert!(text.contains("[[exception]]"), "{text}");
    }

    #[test]
    fn values_and_kinds() {
        assert_eq!(
            property_value(&json!(" firewall ")).as_deref(),
            Some("firewall")
        );
        assert_eq!(
            property_value(&json!({"$__toml_private_datetime": "2024-03-01"})).as_deref(),
            Some("2024-03-01")
        );
        assert_eq!(property_value(&json!(true)), None);
        assert_eq!(
            kind(&json!({"$__toml_private_datetime": "2024-03-01"})),
            "a date"
        );
    }

    #[test]
    fn unknown_keys_name_the_nearest_first() {
        let m = unknown_key_message("certficate-expiry");
        assert!(
            m.starts_with("unknown key `certficate-expiry`; did you mean `certificate-expiry`? (valid keys: certificate-expiry, category,"),
            "{m}"
        );
        let m = unknown_key_message("zzzzzzzzzzzzzzzzzzzzzzzzzzz");
        assert!(
            m.starts_with("unknown key `zzzzzzzzzzzzzzzzzzzzzzzzzzz` (valid keys: category,"),
            "{m}"
        );
    }

    #[test]
    fn lines_are_found_in_the_manifest() {
        let text = "[package]\nname = \"a\"\n\n[package.metadata.catscan]\ncategory = \"router\"\n\"certficate\" = \"x\"\n\n[ package.metadata.\"catscan\".policy ]\nmarkets = [\"cn\"]\n";
        assert_eq!(policy_line(text, "package.metadata.catscan"), 8);
        assert_eq!(
            key_line(text, "package.metadata.catscan", "certficate"),
            Some(6)
        );
        assert_eq!(
            key_line(text, "package.metadata.catscan", "absent"),
            Some(4)
        );
        let sub_only = "[package.metadata.catscan]\n\n[[package.metadata.catscan.policy.exception]]\nname = \"x\"\n";
        assert_eq!(policy_line(sub_only, "package.metadata.catscan"), 3);
        let dotted = "[package]\nmetadata.catscan.category = \"router\"\n";
        assert_eq!(
            key_line(dotted, "package.metadata.catscan", "category"),
            Some(2)
        );
        assert_eq!(policy_line(dotted, "package.metadata.catscan"), 1);
    }
}
