//! The policy file, `catscan.toml`: found by looking upward from the working directory (or named
//! with `--config`), checked strictly, and turned into settings that the command line may
//! override. Every problem names the file, the line and the column, and an unknown key names the
//! nearest valid one: a mistyped key that is silently ignored would change a compliance decision
//! without anyone noticing.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use time::Date;
use toml::Spanned;

use crate::findings::ConfigLocation;
use crate::findings::rules::{self, Family, Grounds, Level, Rule, State};
use crate::inventory::LineIndex;
use crate::knowledge::DataFile;
use crate::policy::custom_rule::Condition;
use crate::policy::{ComponentSelector, CustomRule, Exception, FailOn, Market};

/// The file name looked for.
pub const FILE_NAME: &str = "catscan.toml";

/// A problem in the policy file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The policy file, as messages name it.
    pub file: String,
    /// 1-based line of the problem; `None` when it concerns the file as a whole.
    pub line: Option<usize>,
    /// 1-based column of the problem, when known.
    pub column: Option<usize>,
    /// What is wrong, and what was expected.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{l}:{c}: {}", self.file, self.message),
            (Some(l), None) => write!(f, "{}:{l}: {}", self.file, self.message),
            _ => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// A rule level as the policy file and `-A/-W/-D` write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// The rule is turned off (`allow` or `off`, `-A`).
    Allow,
    /// The rule is reported at this level (`warn` or `-W` is a warning, `deny` or `-D` an error;
    /// `error`, `warning` and `note` as themselves).
    Level(Level),
}

impl Setting {
    /// Reads a setting as the policy file writes it; `None` for a word it does not know.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "allow" | "off" => Some(Self::Allow),
            "warn" => Some(Self::Level(Level::Warning)),
            "deny" => Some(Self::Level(Level::Error)),
            other => Level::parse(other).map(Self::Level),
        }
    }

    /// The level the setting reports at; `None` for `allow`.
    pub fn level(self) -> Option<Level> {
        match self {
            Self::Allow => None,
            Self::Level(l) => Some(l),
        }
    }
}

/// What the policy file sets. `None` where it is silent: the command line or the default
/// decides.
#[derive(Debug, Default)]
pub struct Config {
    /// The policy file, as messages name it.
    pub file: String,
    /// `as-of`: the date the rules are applied as of.
    pub as_of: Option<Date>,
    /// `edition`: a catalogue edition forced instead of the one in force.
    pub edition: Option<String>,
    /// `markets`: the markets the product is sold in.
    pub markets: Option<Vec<Market>>,
    /// `mlps-grade`: the MLPS grade of the system the products go into.
    pub mlps_grade: Option<u8>,
    /// `cii`: whether the buyer operates critical information infrastructure in China.
    pub cii: Option<bool>,
    /// `us-federal`: whether the product is sold to the US federal government.
    pub us_federal: Option<bool>,
    /// `procurement = "cn-central"`.
    pub procurement: Option<crate::knowledge::Buyer>,
    /// `min-domestic-share = 0.75`, exactly.
    pub min_domestic_share: Option<rust_decimal::Decimal>,
    /// Resolved against the directory of the policy file.
    pub certified: Option<PathBuf>,
    /// `answers`: a supplier's filled-in questionnaire, resolved against the directory of the
    /// policy file.
    pub answers: Option<PathBuf>,
    /// `fail-on`: the least level of finding that fails the run.
    pub fail_on: Option<FailOn>,
    /// `allow-empty = true`: a run that finds no bill of materials exits 0 instead of 2.
    pub allow_empty: Option<bool>,
    /// Rule id or family, in file order.
    pub levels: Vec<(String, Setting)>,
    /// The exceptions (`[[exception]]`), in file order.
    pub exceptions: Vec<Exception>,
    /// The custom rules (`[[rule]]`), compiled, in file order.
    pub custom_rules: Vec<CustomRule>,
    /// Extra rule-pack files, read and leaked so that knowledge can refer to them.
    pub extra_packs: Vec<DataFile>,
    /// Extra vendor files, in the format of `catalogues/vendors.toml`.
    pub extra_vendors: Vec<DataFile>,
    /// Part-list columns named by the file (`[columns]`).
    pub columns: Vec<(crate::ingest::partlist::Field, String)>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    as_of: Option<Spanned<toml::value::Datetime>>,
    edition: Option<String>,
    markets: Option<Vec<Spanned<String>>>,
    mlps_grade: Option<u8>,
    cii: Option<bool>,
    us_federal: Option<bool>,
    procurement: Option<Spanned<String>>,
    min_domestic_share: Option<Spanned<f64>>,
    certified: Option<String>,
    answers: Option<String>,
    fail_on: Option<Spanned<String>>,
    allow_empty: Option<bool>,
    #[serde(default)]
    levels: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    extra: Extra,
    #[serde(default)]
    columns: BTreeMap<Spanned<String>, String>,
    #[serde(default, rename = "exception")]
    exceptions: Vec<Spanned<ExceptionSpec>>,
    #[serde(default, rename = "rule")]
    rules: Vec<Spanned<RuleSpec>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Extra {
    #[serde(default)]
    packs: Vec<String>,
    #[serde(default)]
    vendors: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ExceptionSpec {
    purl: Option<String>,
    name: Option<String>,
    bom_ref: Option<String>,
    vendor: Option<String>,
    rule: Spanned<String>,
    reason: Option<String>,
    expires: Option<Spanned<toml::value::Datetime>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RuleSpec {
    id: Spanned<String>,
    level: Spanned<String>,
    message: String,
    when: Spanned<String>,
    help: Option<String>,
}

/// The policy file that applies from `dir`: `dir/catscan.toml` or the nearest one above it.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Reads and checks a policy file. `display` is how messages name it.
pub fn load(path: &Path, display: &str) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        file: display.to_string(),
        line: None,
        column: None,
        message: format!("cannot read the file: {e}"),
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    parse(&text, display, base)
}

/// A policy table embedded in another file (`[package.metadata.catscan.policy]` of a Cargo.toml),
/// whose text was rebuilt from cargo's metadata: its own lines mean nothing in the file, so every
/// location, and every error, points at the table's header line.
pub fn parse_embedded(
    text: &str,
    display: &str,
    base: &Path,
    header_line: usize,
) -> Result<Config, ConfigError> {
    let mut config = parse(text, display, base).map_err(|mut e| {
        e.message = format!("in the policy table: {}", e.message);
        e.line = Some(header_line);
        e.column = None;
        e
    })?;
    for e in &mut config.exceptions {
        e.location.line = header_line;
        e.location.column = 1;
    }
    for r in &mut config.custom_rules {
        r.location.line = header_line;
        r.location.column = 1;
    }
    Ok(config)
}

/// Checks the text of a policy file; relative paths in it are taken from `base`.
pub fn parse(text: &str, display: &str, base: &Path) -> Result<Config, ConfigError> {
    // Lines and columns as every reader counts them (UTF-16 columns, docs/adr/0010-line-index.md).
    let lines = LineIndex::new(text);
    let line_column = |offset: usize| {
        let p = lines.position(text, offset);
        (p.line as usize, p.column as usize)
    };
    let at = |offset: usize, message: String| {
        let (line, column) = line_column(offset);
        ConfigError {
            file: display.to_string(),
            line: Some(line),
            column: Some(column),
            message,
        }
    };
    let file: ConfigFile = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        at(offset, explain_toml_error(e.message()))
    })?;
    let mut config = Config {
        file: display.to_string(),
        edition: file.edition,
        mlps_grade: file.mlps_grade,
        cii: file.cii,
        us_federal: file.us_federal,
        allow_empty: file.allow_empty,
        ..Config::default()
    };
    // Files the policy names are read only inside its repository (see `ingest::confined`).
    let root = crate::ingest::confined::repository_root(base);
    let confined = |key: &str, name: &str| {
        crate::ingest::confined::confine(&root, base, name).map_err(|e| ConfigError {
            file: display.to_string(),
            line: None,
            column: None,
            message: format!("{key}: {e}"),
        })
    };
    if let Some(name) = &file.certified {
        config.certified = Some(confined("certified", name)?);
    }
    if let Some(name) = &file.answers {
        config.answers = Some(confined("answers", name)?);
    }
    if let Some(d) = &file.as_of {
        config.as_of =
            Some(to_date(d.get_ref()).map_err(|m| at(d.span().start, format!("as-of: {m}")))?);
    }
    if let Some(f) = &file.fail_on {
        config.fail_on = Some(FailOn::parse(f.get_ref()).ok_or_else(|| {
            at(
                f.span().start,
                format!(
                    "fail-on = \"{}\" is not a level; expected one of error, warning, note, none",
                    f.get_ref()
                ),
            )
        })?);
    }
    if let Some(markets) = &file.markets {
        let mut list = Vec::new();
        for m in markets {
            list.push(Market::parse(m.get_ref()).ok_or_else(|| {
                at(
                    m.span().start,
                    format!(
                        "unknown market \"{}\"; expected \"cn\" or \"us\"",
                        m.get_ref()
                    ),
                )
            })?);
        }
        config.markets = Some(list);
    }
    if let Some(p) = &file.procurement {
        config.procurement = Some(crate::knowledge::Buyer::parse(p.get_ref()).ok_or_else(|| {
            at(
                p.span().start,
                format!(
                    "procurement = \"{}\" is not a buyer catscan knows; expected \"cn-central\" (central state organs) or \"cn-government\" (party and government organs at township level and above)",
                    p.get_ref()
                ),
            )
        })?);
    }
    if let Some(m) = &file.min_domestic_share {
        let v = *m.get_ref();
        // TOML gives the number as a float; its shortest text is the decimal written (0.7, not
        // 0.6999999999999999556), which is then taken exactly.
        let share = rust_decimal::Decimal::from_str_exact(&v.to_string())
            .ok()
            .filter(|s| (rust_decimal::Decimal::ZERO..=rust_decimal::Decimal::ONE).contains(s));
        let Some(share) = share else {
            return Err(at(
                m.span().start,
                format!(
                    "min-domestic-share = {v} is not a share; expected a number from 0 to 1, e.g. 0.75"
                ),
            ));
        };
        config.min_domestic_share = Some(share);
    }
    if config.mlps_grade.is_some_and(|g| !(1..=5).contains(&g)) {
        return Err(ConfigError {
            file: display.to_string(),
            line: None,
            column: None,
            message: "mlps-grade must be between 1 and 5".into(),
        });
    }

    // Custom rules first: levels and exceptions may name them.
    if !cfg!(feature = "custom-rules")
        && let Some(spec) = file.rules.first()
    {
        return Err(at(
            table_header(text, spec.span().start, "[[rule]]"),
            crate::policy::custom_rule::NOT_BUILT.to_string(),
        ));
    }
    let mut custom_ids: Vec<String> = Vec::new();
    for spec in &file.rules {
        let start = table_header(text, spec.span().start, "[[rule]]");
        let spec = spec.get_ref();
        let id = spec.id.get_ref();
        if !id.starts_with("custom-")
            || !id[7..]
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            || id.len() == 7
        {
            return Err(at(
                spec.id.span().start,
                format!(
                    "rule id \"{id}\" must start with \"custom-\" and continue in lower-case letters, digits and hyphens"
                ),
            ));
        }
        if custom_ids.contains(id) {
            return Err(at(
                spec.id.span().start,
                format!("rule \"{id}\" is defined twice"),
            ));
        }
        let level = Level::parse(spec.level.get_ref()).ok_or_else(|| {
            at(
                spec.level.span().start,
                format!(
                    "level \"{}\" is not a level; expected error, warning or note",
                    spec.level.get_ref()
                ),
            )
        })?;
        // The expression's position in the file: its opening quote, then its text.
        let when_start = spec.when.span().start;
        let quote = text[when_start..].find(['"', '\'']).map_or(0, |i| {
            i + if text[when_start + i..].starts_with("'''")
                || text[when_start + i..].starts_with("\"\"\"")
            {
                3
            } else {
                1
            }
        });
        let when = spec.when.get_ref();
        // Compiled within the limits on the expression, on a stack of its own (see
        // `custom_rule`).
        let compiled = Condition::compile(when).map_err(|mut e| {
            if e.limit.is_none() {
                e.message = format!("does not compile: {}", e.message);
            }
            e
        });
        let condition = compiled.map_err(|e| {
            let (line, column) = line_column(when_start + quote);
            // The parser counts a column in characters, the file's columns are UTF-16 units
            // like every other position catscan gives (docs/adr/0010-line-index.md).
            let units_before = |l: usize, c: usize| -> usize {
                when.lines()
                    .nth(l - 1)
                    .map_or(c - 1, |t| t.chars().take(c - 1).map(char::len_utf16).sum())
            };
            let (line, column) = match (e.line, e.column) {
                (Some(1), Some(c)) => (line, column + units_before(1, c)),
                (Some(l), Some(c)) => (line + l - 1, units_before(l, c) + 1),
                _ => (line, column),
            };
            ConfigError {
                file: display.to_string(),
                line: Some(line),
                column: Some(column),
                message: format!("rule {id}: the `when` expression {}", e.message),
            }
        })?;
        let (line, column) = line_column(start);
        let rule: &'static Rule = Box::leak(Box::new(Rule {
            id: leak(id.clone()),
            name: leak(camel_case(id)),
            family: Family::Custom,
            default_level: level,
            summary: leak(rules_sentence(&spec.message)),
            description: leak(format!(
                "A rule of this project's policy ({display}, line {line}): reported for every component for which `{}` holds.",
                spec.when.get_ref()
            )),
            help: leak(spec.help.clone().unwrap_or_else(|| {
                format!("Defined in {display}, line {line}, by the team that owns this policy.")
            })),
            legal_basis: Grounds::ProjectPolicy,
            state: State::Stable,
        }));
        custom_ids.push(id.clone());
        config.custom_rules.push(CustomRule {
            rule,
            condition,
            message: spec.message.clone(),
            location: ConfigLocation {
                file: display.to_string(),
                line,
                column,
            },
        });
    }

    let rule_names = |extra: &[String]| -> Vec<String> {
        rules::all()
            .map(|r| r.id.to_string())
            .chain(extra.iter().cloned())
            .collect()
    };
    let known_rule = |id: &str| rules::by_id(id).is_some() || custom_ids.iter().any(|c| c == id);
    for (key, value) in &file.levels {
        let id = key.get_ref();
        if !known_rule(id) && !is_family(id) {
            return Err(at(
                key.span().start,
                unknown("rule or family", id, &rule_names(&custom_ids)),
            ));
        }
        if let Some(Err(removed)) = rules::by_id(id).map(rules::level_setting) {
            return Err(at(key.span().start, removed));
        }
        let setting = Setting::parse(value.get_ref()).ok_or_else(|| {
            at(
                value.span().start,
                format!(
                    "\"{}\" is not a level; expected allow, note, warning (warn) or error (deny)",
                    value.get_ref()
                ),
            )
        })?;
        config.levels.push((id.clone(), setting));
    }

    for spec in &file.exceptions {
        let start = table_header(text, spec.span().start, "[[exception]]");
        let e = spec.get_ref();
        let (line, column) = line_column(start);
        let rule = e.rule.get_ref();
        if !known_rule(rule) {
            return Err(at(
                e.rule.span().start,
                unknown("rule", rule, &rule_names(&custom_ids)),
            ));
        }
        let reason = e.reason.as_deref().map(str::trim).unwrap_or("");
        if reason.is_empty() {
            return Err(at(
                start,
                "an exception needs a `reason`: say why the finding does not apply, so that the decision can be audited".into(),
            ));
        }
        let component = ComponentSelector {
            purl: e.purl.clone(),
            name: e.name.clone(),
            bom_ref: e.bom_ref.clone(),
            vendor: e.vendor.clone(),
        };
        if component == ComponentSelector::default() {
            return Err(at(
                start,
                "an exception needs at least one of `purl`, `name`, `bom-ref` or `vendor` to say which components it covers".into(),
            ));
        }
        let expires = match &e.expires {
            Some(d) => Some(
                to_date(d.get_ref()).map_err(|m| at(d.span().start, format!("expires: {m}")))?,
            ),
            None => None,
        };
        config.exceptions.push(Exception {
            component,
            rule: rule.clone(),
            reason: reason.to_string(),
            expires,
            location: ConfigLocation {
                file: display.to_string(),
                line,
                column,
            },
        });
    }

    for (key, header) in &file.columns {
        use crate::ingest::partlist::Field;
        let field = Field::parse(key.get_ref()).ok_or_else(|| {
            let valid: Vec<String> = Field::ALL.iter().map(|f| f.as_str().to_string()).collect();
            at(
                key.span().start,
                unknown("part-list field", key.get_ref(), &valid),
            )
        })?;
        config.columns.push((field, header.clone()));
    }
    for (key, names, out) in [
        ("packs", &file.extra.packs, &mut config.extra_packs),
        ("vendors", &file.extra.vendors, &mut config.extra_vendors),
    ] {
        for name in names {
            let path = confined(&format!("extra.{key}"), name)?;
            let content =
                crate::ingest::confined::read_data_file(&path).map_err(|e| ConfigError {
                    file: display.to_string(),
                    line: None,
                    column: None,
                    message: format!("extra.{key}: {e}"),
                })?;
            out.push(DataFile {
                name: leak(base.join(name.trim()).display().to_string()),
                text: leak(content),
            });
        }
    }
    Ok(config)
}

/// Where the `[[header]]` of an array-of-tables entry starts, whether the parser's span begins
/// at the header or at the entry's first key: people look for the header.
fn table_header(text: &str, first_key: usize, header: &str) -> usize {
    let first_key = first_key.min(text.len());
    if text[first_key..].starts_with(header) {
        return first_key;
    }
    text[..first_key].rfind(header).unwrap_or(first_key)
}

fn is_family(s: &str) -> bool {
    [
        "catalogue",
        "licence",
        "evidence",
        "origin",
        "data-quality",
        "policy",
        "custom",
    ]
    .contains(&s)
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn rules_sentence(message: &str) -> String {
    crate::evaluate::sentence(message)
}

/// "custom-no-usb" → "CustomNoUsb".
fn camel_case(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn to_date(d: &toml::value::Datetime) -> Result<Date, String> {
    match (d.date, d.time) {
        (Some(date), None) => time::Month::try_from(date.month)
            .ok()
            .and_then(|m| Date::from_calendar_date(i32::from(date.year), m, date.day).ok())
            .ok_or_else(|| format!("{d} is not a valid date")),
        _ => Err(format!(
            "{d} is not a date; write it as YYYY-MM-DD without quotes"
        )),
    }
}

/// `unknown rule "x"; did you mean "y"?`, with the nearest valid name when one is close.
fn unknown(what: &str, given: &str, valid: &[String]) -> String {
    match nearest(given, valid.iter().map(String::as_str)) {
        Some(n) => format!("unknown {what} \"{given}\"; did you mean \"{n}\"?"),
        None => format!("unknown {what} \"{given}\"; `catscan rules` lists the rules"),
    }
}

/// The valid name closest to `given`, when it is close enough to be a likely typo.
fn nearest<'a>(given: &str, valid: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    valid
        .map(|v| (strsim::damerau_levenshtein(given, v), v))
        .filter(|(d, v)| *d <= 3.max(v.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, v)| v)
}

/// The toml crate says "unknown field `x`, expected one of `a`, `b`": say it in the file's
/// terms, with the nearest valid key.
fn explain_toml_error(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (given, rest) = rest.split_once('`').unwrap_or((rest, ""));
        let valid: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
        let hint = match nearest(given, valid.iter().copied()) {
            Some(n) => format!("; did you mean `{n}`?"),
            None => String::new(),
        };
        return format!(
            "unknown key `{given}`{hint} (valid keys here: {})",
            valid.join(", ")
        );
    }
    message.to_string()
}

/// The commented template `catscan init` writes.
pub const TEMPLATE: &str = include_str!("../../policy/catscan.template.toml");

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text, "catscan.toml", Path::new("."))
            .map(|_| ())
            .expect_err("should be rejected")
            .to_string()
    }

    #[test]
    fn an_unknown_key_names_the_line_and_the_nearest_valid_key() {
        let e = err("markets = [\"cn\"]\nmlps_grade = 3\n");
        assert!(
            e.starts_with("catscan.toml:2:1: unknown key `mlps_grade`; did you mean `mlps-grade`?"),
            "{e}"
        );
        let e = err(
            "[[exception]]\nname = \"x\"\nrule = \"origin-us-fcc-covered\"\nreasn = \"typo\"\n",
        );
        assert!(
            e.contains(":4:1: unknown key `reasn`; did you mean `reason`?"),
            "{e}"
        );
    }

    #[test]
    #[cfg(not(feature = "custom-rules"))]
    fn a_build_without_custom_rules_refuses_a_rule_at_its_table_naming_the_feature() {
        let e = err(&format!("cii = true\n\n{}", rule_when("true")));
        assert_eq!(
            e,
            format!(
                "catscan.toml:3:1: {}",
                crate::policy::custom_rule::NOT_BUILT
            )
        );
        assert!(e.contains("the `custom-rules` feature"), "{e}");
    }

    #[test]
    fn columns_count_utf16_units_like_every_reader() {
        // `"零件"` is 8 bytes and 4 UTF-16 units: `bogus` starts at byte 28, column 25.
        let e = err("columns = { \"零件\" = \"x\", bogus = \"y\" }\n");
        assert!(
            e.starts_with("catscan.toml:1:25: unknown part-list field \"bogus\""),
            "{e}"
        );
    }

    #[test]
    fn an_exception_needs_a_reason_a_component_and_a_known_rule() {
        let e = err("[[exception]]\nname = \"x\"\nrule = \"origin-us-fcc-covered\"\n");
        assert!(
            e.starts_with("catscan.toml:1:1: an exception needs a `reason`"),
            "{e}"
        );
        let e = err("[[exception]]\nrule = \"origin-us-fcc-covered\"\nreason = \"r\"\n");
        assert!(
            e.contains("needs at least one of `purl`, `name`, `bom-ref` or `vendor`"),
            "{e}"
        );
        let e =
            err("[[exception]]\nname = \"x\"\nrule = \"origin-us-fcc-coverd\"\nreason = \"r\"\n");
        assert!(
            e.starts_with("catscan.toml:3:8: unknown rule \"origin-us-fcc-coverd\"; did you mean \"origin-us-fcc-covered\"?"),
            "{e}"
        );
    }

    #[test]
    fn levels_accept_rules_families_and_clippy_words() {
        let c = parse(
            "[levels]\norigin = \"warn\"\ncatalogue-possible = \"allow\"\n",
            "catscan.toml",
            Path::new("."),
        )
        .unwrap();
        assert_eq!(
            c.levels,
            [
                ("catalogue-possible".to_string(), Setting::Allow),
                ("origin".to_string(), Setting::Level(Level::Warning)),
            ]
        );
        let e = err("[levels]\ncatalogue-posible = \"allow\"\n");
        assert!(e.contains("did you mean \"catalogue-possible\"?"), "{e}");
    }

    #[test]
    #[cfg(feature = "custom-rules")]
    fn a_custom_rule_that_does_not_compile_is_located_in_the_file() {
        let e = err(
            "[[rule]]\nid = \"custom-x\"\nlevel = \"warning\"\nmessage = \"m\"\nwhen = \"component.name ==\"\n",
        );
        assert!(e.starts_with("catscan.toml:5:"), "{e}");
        assert!(
            e.contains("rule custom-x: the `when` expression does not compile"),
            "{e}"
        );
        let e = err(
            "[[rule]]\nid = \"no-prefix\"\nlevel = \"warning\"\nmessage = \"m\"\nwhen = \"true\"\n",
        );
        assert!(e.contains("must start with \"custom-\""), "{e}");
    }

    /// A policy file with one custom rule whose `when` is `expression`.
    fn rule_when(expression: &str) -> String {
        format!(
            "[[rule]]\nid = \"custom-x\"\nlevel = \"warning\"\nmessage = \"m\"\nwhen = '''{expression}'''\n"
        )
    }

    #[test]
    #[cfg(feature = "custom-rules")]
    fn an_expression_error_is_located_in_utf16_columns_like_every_reader() {
        // The expression starts at column 11; `'😀' == ` before `nope` is 7 characters and 8
        // UTF-16 units, so `nope` is at column 19 (counting characters would give 18).
        let e = err(&rule_when("'😀' == nope"));
        assert!(
            e.starts_with("catscan.toml:5:19: rule custom-x: the `when` expression does not compile: unknown variable \"nope\""),
            "{e}"
        );
        // On a later line of the expression, the column counts from that line's start.
        let e = err(&rule_when("true &&\n'😀' == nope"));
        assert!(e.starts_with("catscan.toml:6:9: "), "{e}");
    }

    #[test]
    #[cfg(feature = "custom-rules")]
    fn a_custom_rule_nested_past_the_limit_is_refused_where_it_passes_it() {
        // A mutant of the policy fixture: a thousand brackets in a rule's expression made the
        // CEL parser overflow the stack, which aborts the run instead of reporting the file.
        let deep = format!(
            "component.name == \"x\" && {}1{}",
            "[".repeat(1000),
            "]".repeat(1000)
        );
        assert_eq!(
            err(&rule_when(&deep)),
            "catscan.toml:5:68: rule custom-x: the `when` expression nests deeper than 32 levels, the cel-depth limit (each bracket, each operator of a chain such as a + b + c, each step of a member chain such as x.f().g() or x[0][1], and each conditional is one); split it into simpler rules, or raise it with `--limit cel-depth=64`"
        );
        // Chains of operators and of conditionals nest as deep as they are long.
        let chain = format!("1{} == 1", " + 1".repeat(200));
        assert!(err(&rule_when(&chain)).starts_with(
            "catscan.toml:5:141: rule custom-x: the `when` expression nests deeper than 32 levels"
        ));
        let conditionals = format!("{}true", "true ? true : ".repeat(40));
        assert!(err(&rule_when(&conditionals)).contains("nests deeper than 32 levels"));
        // On the line of the expression where it passes the limit.
        let e = err(&rule_when(&format!(
            "true &&\n  {}true{}",
            "(".repeat(40),
            ")".repeat(40)
        )));
        assert!(e.starts_with("catscan.toml:6:35: "), "{e}");
    }

    #[test]
    #[cfg(feature = "custom-rules")]
    fn a_custom_rule_nested_up_to_the_limit_compiles_and_strings_do_not_nest() {
        let at_limit = [
            format!("{}true{}", "(".repeat(32), ")".repeat(32)),
            format!("1{} == 32", " + 1".repeat(31)),
            // Siblings (`&&`, `||`, list elements) do not nest.
            vec!["component.name + \"a\" + \"b\" == \"xab\""; 40].join(" || "),
            format!("[{}] == []", vec!["1 + 1 + 1"; 40].join(", ")),
            // Brackets in strings, raw strings and comments are text.
            format!(
                "component.name == \"{}\" || component.name == r'\\' || component.name == \"\"\"{}\"\"\" // {}\n || true",
                "(".repeat(40),
                "[".repeat(40),
                "{".repeat(40)
            ),
        ];
        for expression in at_limit {
            let config = parse(&rule_when(&expression), "catscan.toml", Path::new("."))
                .unwrap_or_else(|e| panic!("{expression}: {e}"));
            assert_eq!(config.custom_rules.len(), 1);
        }
        // After a string that is not closed on its line, brackets count again (the lexer reads
        // on after the quote).
        let unclosed = format!(
            "component.name == \"x\n || {}true{}",
            "(".repeat(40),
            ")".repeat(40)
        );
        assert!(err(&rule_when(&unclosed)).contains("nests deeper than 32 levels"));
    }

    #[test]
    fn the_template_is_a_valid_policy() {
        let c = parse(TEMPLATE, "catscan.toml", Path::new(".")).unwrap();
        assert!(c.exceptions.is_empty() && c.custom_rules.is_empty());
    }

    #[test]
    fn dates_must_be_dates() {
        let e = err("as-of = \"2026-11-23\"\n");
        assert!(e.starts_with("catscan.toml:1:9:"), "{e}");
        let e = err(
            "[[exception]]\nname = \"x\"\nrule = \"origin-us-fcc-covered\"\nreason = \"r\"\nexpires = 2026-02-30\n",
        );
        assert!(e.contains("catscan.toml:5:"), "{e}");
    }
}
