//! SARIF 2.1.0 output, as GitHub code scanning ingests it.
//!
//! One run for the whole scan, whatever the number of files (GitHub takes at most 20 runs per
//! upload and refuses two runs of one tool and category): each scanned file is one of the run's
//! artifacts and each result is located in its own file by its artifact location. Every rule is
//! declared (so that code scanning can tell "ran and found nothing" from "did not run"); every
//! result has a physical location (a repository-relative URI, 1-based line and column) and a
//! `primaryLocationLineHash` that does not depend on the line. Files that could not be read make
//! the invocation unsuccessful, with the located error as a notification; skipped files are
//! notes located at the file. With the procurement rules on, a file's artifact carries its
//! procurement account (`procurement`: listed products and the domestic-control share, in the
//! JSON report's shape) in its property bag: they are facts, not results. GitHub's other limits
//! (results, locations and thread-flow locations per result, rules, compressed size) are kept
//! by truncation with a notification, or refused with an error by [`check_github_limits`].

use std::collections::BTreeMap;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde_json::{Value, json};
use serde_sarif::sarif::{
    Artifact, ArtifactLocation, CodeFlow, Invocation, Location, Message, MultiformatMessageString,
    Notification, PhysicalLocation, PropertyBag, Region, ReportingConfiguration,
    ReportingDescriptor, ReportingDescriptorReference, Result as SarifResult, ResultLevel, Run,
    RunAutomationDetails, Sarif, Suppression, ThreadFlow, ThreadFlowLocation, Tool, ToolComponent,
};

use crate::findings::rules::{self, Level, Rule};
use crate::findings::{FileReport, Finding, PolicyFinding, Report};
use crate::inventory::{Diagnostic, Format, Position, Severity};
use crate::policy::Policy;

/// The schema the output validates against (OASIS SARIF 2.1.0, errata 01).
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// What goes into the log besides the findings that count.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Include the findings an exception suppresses, with a `suppressions` entry carrying the
    /// reason. Off by default: GitHub code scanning ignores `suppressions` and would open an alert
    /// for each, so a log meant for upload leaves them out.
    pub include_suppressed: bool,
}

/// GitHub code scanning refuses a run with more results than this.
pub const GITHUB_MAX_RESULTS: usize = 25_000;

/// GitHub code scanning refuses a run with more rules than this.
pub const GITHUB_MAX_RULES: usize = 25_000;

/// GitHub code scanning refuses a result with more thread-flow locations than this.
pub const GITHUB_MAX_THREAD_FLOW_LOCATIONS: usize = 10_000;

/// GitHub code scanning refuses a result with more locations than this; related locations are
/// held to it too, so that no list in a result is near a limit.
pub const GITHUB_MAX_LOCATIONS: usize = 1_000;

/// GitHub code scanning refuses an upload larger than this once gzip-compressed.
pub const GITHUB_MAX_GZIP_BYTES: usize = 10 << 20;

/// Builds the SARIF log of a report: one run, whatever the number of files, because GitHub code
/// scanning takes at most 20 runs per upload and refuses two runs of one tool and category. Each
/// scanned file is an artifact (its format, counts and procurement account in the artifact's
/// property bag), each result is located in its own file, and the invocation's notifications
/// carry what the readers noticed, the files that could not be read (errors), the files skipped
/// (notes, located at the file) and the run's notices. Where a list would pass one of GitHub's
/// limits the log keeps the most severe entries and says so in a notification.
pub fn to_sarif(report: &Report, policy: &Policy, options: Options) -> Sarif {
    let (mut log, sources) = plan(report, policy, options);
    log.runs[0].results = Some(sources.iter().map(|s| s.result(policy)).collect());
    log
}

/// What a result is made from: results are made one at a time as the log is written, so that a
/// log of 100,000 results never holds 100,000 results' structures at once (each several KB,
/// with its locations and code flow) beside its text.
enum Source<'r> {
    Finding(&'r Finding, (&'r str, usize)),
    Policy(&'r PolicyFinding, usize),
}

impl Source<'_> {
    fn level(&self) -> Level {
        match self {
            Source::Finding(f, _) => f.level,
            Source::Policy(f, _) => f.level,
        }
    }

    fn result(&self, policy: &Policy) -> SarifResult {
        match *self {
            Source::Finding(f, at) => result(f, at, policy),
            Source::Policy(f, index) => policy_result(f, index, policy),
        }
    }
}

/// The log without its results, and what they are made from, in order (truncated to GitHub's
/// limit, which the log's notifications then say).
fn plan<'r>(report: &'r Report, policy: &Policy, options: Options) -> (Sarif, Vec<Source<'r>>) {
    let mut artifacts = Vec::new();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for (index, file) in report.files.iter().enumerate() {
        let (artifact, file_results, file_notes) = file_entries(file, index, options);
        artifacts.push(artifact);
        results.extend(file_results);
        notifications.extend(file_notes);
    }
    if let Some(file) = report.policy_file.as_deref()
        && !report.policy_findings.is_empty()
    {
        let index = artifacts.len();
        artifacts.push(Artifact {
            location: Some(ArtifactLocation {
                uri: Some(uri(file)),
                ..ArtifactLocation::default()
            }),
            mime_type: Some("application/toml".into()),
            ..Artifact::default()
        });
        results.extend(
            report
                .policy_findings
                .iter()
                .map(|f| Source::Policy(f, index)),
        );
    }
    for (path, why) in &report.skipped {
        let location = Location {
            physical_location: Some(PhysicalLocation {
                artifact_location: Some(ArtifactLocation {
                    uri: Some(uri(path)),
                    ..ArtifactLocation::default()
                }),
                ..PhysicalLocation::default()
            }),
            ..Location::default()
        };
        notifications.push(notification(
            "note",
            &format!("{path} skipped, {why}"),
            Some(vec![location]),
            Some("skipped"),
        ));
    }
    for notice in &report.notices {
        notifications.push(notification("warning", notice, None, None));
    }
    if results.len() > GITHUB_MAX_RESULTS {
        notifications.push(notification(
            "warning",
            &format!(
                "the scan gave {} results; GitHub code scanning accepts at most {GITHUB_MAX_RESULTS} per run, so this log keeps the {GITHUB_MAX_RESULTS} most severe (errors first, then in file order) and leaves out {}; the JSON report (--format json) has them all",
                results.len(),
                results.len() - GITHUB_MAX_RESULTS
            ),
            None,
            Some("results-truncated"),
        ));
        truncate_by_severity(&mut results, GITHUB_MAX_RESULTS);
    }
    let mut properties = run_properties(report);
    properties.insert(
        "ruleFamilies".to_string(),
        json!(
            report
                .families
                .iter()
                .map(|f| json!({ "name": f.name, "ran": f.ran, "why": f.why }))
                .collect::<Vec<_>>()
        ),
    );
    properties.insert(
        "files".to_string(),
        json!({
            "read": report.files.iter().filter(|f| f.outcome.is_ok()).count(),
            "failed": report.files.iter().filter(|f| f.outcome.is_err()).count(),
            "skipped": report.skipped.len(),
        }),
    );
    let run = Run::builder()
        .tool(Tool::builder().driver(driver(policy)).build())
        .automation_details(RunAutomationDetails {
            id: Some("catscan/".into()),
            ..RunAutomationDetails::default()
        })
        .artifacts(artifacts)
        .invocations(vec![invocation(!report.has_read_errors(), notifications)])
        .column_kind(json!("utf16CodeUnits"))
        .results(Vec::new())
        .properties(PropertyBag {
            tags: None,
            additional_properties: properties,
        })
        .build();
    let log = Sarif::builder()
        .schema(SCHEMA_URI)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build();
    (log, results)
}

/// Keeps the `keep` most severe results, in their order otherwise.
fn truncate_by_severity(results: &mut Vec<Source<'_>>, keep: usize) {
    let rank = |r: &Source<'_>| match r.level() {
        Level::Error => 0,
        Level::Warning => 1,
        Level::Note => 2,
    };
    let mut order: Vec<usize> = (0..results.len()).collect();
    order.sort_by_key(|&i| rank(&results[i]));
    let mut kept: Vec<usize> = order.into_iter().take(keep).collect();
    kept.sort_unstable();
    let mut all: Vec<Option<Source<'_>>> = std::mem::take(results).into_iter().map(Some).collect();
    *results = kept.into_iter().filter_map(|i| all[i].take()).collect();
}

/// Checks the limits of GitHub code scanning that truncation cannot keep: the number of rules,
/// and the size of the upload once gzip-compressed (what `upload-sarif` sends). The error says
/// which limit and what to do.
pub fn check_github_limits(
    report: &Report,
    policy: &Policy,
    log: &mut (impl std::io::Read + std::io::Seek),
) -> Result<(), String> {
    let rules = all_rules(policy).count();
    if rules > GITHUB_MAX_RULES {
        return Err(format!(
            "the SARIF log would declare {rules} rules; GitHub code scanning accepts at most {GITHUB_MAX_RULES} per run: the policy file defines too many custom rules"
        ));
    }
    let unreadable = |e: std::io::Error| format!("cannot read back the SARIF log written: {e}");
    // Compression never makes a log larger by more than a few bytes, so a log within the limit
    // uncompressed is within it compressed; only a larger one is measured, read back from where
    // it was written (it can be larger than memory).
    let size = log.seek(std::io::SeekFrom::End(0)).map_err(unreadable)?;
    if size <= GITHUB_MAX_GZIP_BYTES as u64 {
        return Ok(());
    }
    log.seek(std::io::SeekFrom::Start(0)).map_err(unreadable)?;
    let mut encoder = flate2::write::GzEncoder::new(ByteCount(0), flate2::Compression::default());
    std::io::copy(log, &mut encoder).map_err(unreadable)?;
    let compressed = encoder.finish().map_err(unreadable)?.0;
    if compressed > GITHUB_MAX_GZIP_BYTES as u64 {
        return Err(format!(
            "the SARIF log is {:.1} MB gzip-compressed ({} files, {} results); GitHub code scanning accepts at most 10 MB: scan the folders in separate jobs (each uploaded with its own category), or leave out notes (-A RULE)",
            compressed as f64 / (1 << 20) as f64,
            report.files.len(),
            report.findings().count()
        ));
    }
    Ok(())
}

/// A sink that counts the bytes written to it: the size of a compressed log, without keeping it.
struct ByteCount(u64);

impl std::io::Write for ByteCount {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Serialises the log with two-space indentation and a final newline, the same text as
/// `serde_json::to_string_pretty(&to_sarif(..))`: see [`write()`].
pub fn to_string(report: &Report, policy: &Policy, options: Options) -> String {
    let mut text = Vec::new();
    write(&mut text, report, policy, options).expect("writing to memory cannot fail");
    String::from_utf8(text).expect("serde_json writes UTF-8")
}

/// Writes the log as [`to_string`] makes it, to `out` as it is made: the log is written without
/// its results, and the results, each made and written in turn (at the indentation of the run's
/// `results`), take the place of its empty list. Memory is one result, not the log.
pub fn write(
    out: &mut dyn std::io::Write,
    report: &Report,
    policy: &Policy,
    options: Options,
) -> std::io::Result<()> {
    let (log, sources) = plan(report, policy, options);
    let skeleton = serde_json::to_string_pretty(&log).expect("SARIF values always serialise");
    drop(log);
    let mut cursor = 0;
    super::stream::splice(
        out,
        &skeleton,
        &mut cursor,
        6,
        "results",
        sources.iter().map(|s| s.result(policy)),
    )?;
    out.write_all(&skeleton.as_bytes()[cursor..])?;
    out.write_all(b"\n")
}

fn driver(policy: &Policy) -> ToolComponent {
    ToolComponent::builder()
        .name("catscan")
        .full_name(format!("catscan {}", env!("CARGO_PKG_VERSION")))
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .rules(
            all_rules(policy)
                .map(|r| descriptor(r, policy))
                .collect::<Vec<_>>(),
        )
        .build()
}

/// The built-in rules that are reported (a removed rule has no findings and no entry), then the
/// policy file's own, in the order `ruleIndex` counts them.
fn all_rules(policy: &Policy) -> impl Iterator<Item = &'static Rule> + '_ {
    table_rules(rules::all(), policy)
}

/// The rules of the table from a registry's rules: the reported ones, then the policy's.
fn table_rules<'p>(
    registry: impl Iterator<Item = &'static Rule> + 'p,
    policy: &'p Policy,
) -> impl Iterator<Item = &'static Rule> + 'p {
    registry
        .filter(|r| r.is_reported())
        .chain(policy.custom_rules.iter().map(|c| c.rule))
}

fn descriptor(rule: &Rule, policy: &Policy) -> ReportingDescriptor {
    let level = policy.level(rule);
    let help = rule.full_help(&crate::knowledge::Knowledge::builtin().legal);
    ReportingDescriptor::builder()
        .id(rule.id)
        .name(rule.name)
        .short_description(text(rule.summary))
        .full_description(text(rule.description))
        .help(MultiformatMessageString {
            text: plain(&help),
            markdown: Some(help),
            properties: None,
        })
        .default_configuration(ReportingConfiguration {
            enabled: Some(level.is_some()),
            level: Some(json!(level.unwrap_or(rule.default_level).as_str())),
            ..ReportingConfiguration::default()
        })
        .properties(PropertyBag {
            tags: Some(vec![rule.family.as_str().into(), "compliance".into()]),
            additional_properties: BTreeMap::from([("precision".to_string(), json!("high"))]),
        })
        .build()
}

fn text(s: &str) -> MultiformatMessageString {
    MultiformatMessageString {
        text: s.into(),
        markdown: None,
        properties: None,
    }
}

/// Markdown help as plain text: emphasis and code marks removed.
fn plain(markdown: &str) -> String {
    markdown.replace("**", "").replace(['`', '*'], "")
}

fn level(l: Level) -> ResultLevel {
    match l {
        Level::Error => ResultLevel::Error,
        Level::Warning => ResultLevel::Warning,
        Level::Note => ResultLevel::Note,
    }
}

/// Characters percent-encoded in a URI path: controls, space, non-ASCII (by the encoder) and the
/// characters that would end or change the path.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A URI reference for a displayed path: relative as it is, or `file://` for an absolute one.
pub fn uri(display: &str) -> String {
    let encoded = utf8_percent_encode(display, PATH).to_string();
    if display.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

fn artifact_location(display: &str, index: usize) -> ArtifactLocation {
    ArtifactLocation {
        uri: Some(uri(display)),
        index: Some(index as i64),
        ..ArtifactLocation::default()
    }
}

fn region(start: Position, end: Position) -> Region {
    let end = end.max(start);
    Region {
        start_line: Some(start.line.into()),
        start_column: Some(start.column.into()),
        end_line: Some(end.line.into()),
        end_column: Some(end.column.into()),
        ..Region::default()
    }
}

/// A scanned file's artifact, results and notifications; `index` is its place in the run's
/// artifacts.
fn file_entries<'r>(
    file: &'r FileReport,
    index: usize,
    options: Options,
) -> (Artifact, Vec<Source<'r>>, Vec<Notification>) {
    let display = &file.source.display;
    let at = (display.as_str(), index);
    let (results, notifications, mime, properties) = match &file.outcome {
        Ok(evaluated) => {
            let results = evaluated
                .findings
                .iter()
                .filter(|f| options.include_suppressed || f.suppression.is_none())
                .map(|f| Source::Finding(f, at))
                .collect();
            let notes = evaluated
                .diagnostics
                .iter()
                .map(|d| diagnostic(d, at))
                .collect();
            let mime = match evaluated.format {
                Format::CycloneDxJson => "application/vnd.cyclonedx+json",
                Format::CycloneDxXml => "application/vnd.cyclonedx+xml",
                Format::SpdxJson => "application/spdx+json",
                Format::SpdxTagValue => "text/spdx",
                Format::Spdx3JsonLd => "application/ld+json",
                Format::PartListCsv => "text/csv",
                Format::PartListXlsx => {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                }
                Format::CargoLock => "application/toml",
            };
            let counts = &evaluated.counts;
            let out_of_scope: BTreeMap<String, Value> = counts
                .out_of_scope
                .iter()
                .map(|(k, v)| (format!("{k:?}"), json!(v)))
                .collect();
            let mut properties = BTreeMap::from([
                ("format".to_string(), json!(evaluated.format.as_str())),
                ("specVersion".to_string(), json!(evaluated.spec_version)),
                ("components".to_string(), json!(counts.components)),
                ("evaluated".to_string(), json!(counts.evaluated)),
                ("outOfScope".to_string(), json!(out_of_scope)),
                ("pedigreeComponents".to_string(), json!(counts.pedigree)),
            ]);
            // Listed products and the domestic-control share are not results (nothing to fix),
            // so they travel in the file's property bag, in the JSON report's shape.
            if let Some(p) = &evaluated.procurement {
                properties.insert(
                    "procurement".to_string(),
                    crate::report::json::procurement(p),
                );
            }
            (results, notes, Some(mime), Some(properties))
        }
        Err(error) => {
            let location = match error.position {
                Some(p) => location(at, p, p),
                None => file_location(at),
            };
            let notification = notification(
                "error",
                &error.message,
                Some(vec![location]),
                Some("unreadable"),
            );
            (Vec::new(), vec![notification], None, None)
        }
    };
    let artifact = Artifact {
        location: Some(ArtifactLocation {
            uri: Some(uri(display)),
            ..ArtifactLocation::default()
        }),
        mime_type: mime.map(Into::into),
        properties: properties.map(|p| PropertyBag {
            tags: None,
            additional_properties: p,
        }),
        ..Artifact::default()
    };
    (artifact, results, notifications)
}

/// A location that is a whole file of the run's artifacts.
fn file_location((display, index): (&str, usize)) -> Location {
    Location {
        physical_location: Some(PhysicalLocation {
            artifact_location: Some(artifact_location(display, index)),
            ..PhysicalLocation::default()
        }),
        ..Location::default()
    }
}

fn invocation(successful: bool, notifications: Vec<Notification>) -> Invocation {
    if notifications.is_empty() {
        Invocation::builder()
            .execution_successful(successful)
            .build()
    } else {
        Invocation::builder()
            .execution_successful(successful)
            .tool_execution_notifications(notifications)
            .build()
    }
}

fn notification(
    level: &str,
    text: &str,
    locations: Option<Vec<Location>>,
    code: Option<&str>,
) -> Notification {
    let message = Message {
        text: Some(text.to_string()),
        ..Message::default()
    };
    let descriptor = code.map(|c| ReportingDescriptorReference {
        id: Some(c.into()),
        ..ReportingDescriptorReference::default()
    });
    Notification {
        level: Some(json!(level)),
        message,
        locations,
        descriptor,
        associated_rule: None,
        exception: None,
        properties: None,
        thread_id: None,
        time_utc: None,
    }
}

fn run_properties(report: &Report) -> BTreeMap<String, Value> {
    let mut map = BTreeMap::new();
    map.insert("asOf".to_string(), json!(report.as_of.to_string()));
    if let Some(e) = &report.edition {
        map.insert(
            "edition".to_string(),
            json!({ "id": e.id, "title": e.title, "basis": e.basis }),
        );
    }
    map
}

/// A region of a file that is not among the run's artifacts (the policy file of a suppression,
/// a Cargo.toml that declares a dependency): located by its URI alone.
fn other_location(display: &str, start: Position, end: Position) -> Location {
    let mut l = location((display, 0), start, end);
    if let Some(a) = l
        .physical_location
        .as_mut()
        .and_then(|p| p.artifact_location.as_mut())
    {
        a.index = None;
    }
    l
}

/// A region of one of the run's artifacts, `(display path, artifact index)`.
fn location((display, index): (&str, usize), start: Position, end: Position) -> Location {
    Location {
        physical_location: Some(PhysicalLocation {
            artifact_location: Some(artifact_location(display, index)),
            region: Some(region(start, end)),
            ..PhysicalLocation::default()
        }),
        ..Location::default()
    }
}

fn policy_result(f: &PolicyFinding, index: usize, policy: &Policy) -> SarifResult {
    let at = Position {
        line: f.location.line as u32,
        column: f.location.column as u32,
    };
    let hash = {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(format!("{}\u{1e}{}", f.rule.id, f.message).as_bytes());
        let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        format!("{hex}:1")
    };
    let builder = SarifResult::builder()
        .rule_id(f.rule.id)
        .level(level(f.level))
        .message(Message {
            text: Some(f.message.clone()),
            ..Message::default()
        })
        .locations(vec![location((&f.location.file, index), at, at)])
        .partial_fingerprints(BTreeMap::from([(
            "primaryLocationLineHash".to_string(),
            hash,
        )]));
    match rule_index(f.rule, policy) {
        Some(i) => builder.rule_index(i).build(),
        None => builder.build(),
    }
}

/// Rules are told apart by id, never by address: a `const` rule may sit at a different address
/// in each place that names it.
fn rule_index(rule: &Rule, policy: &Policy) -> Option<i64> {
    all_rules(policy)
        .position(|r| r.id == rule.id)
        .map(|i| i as i64)
}

fn result(f: &Finding, at: (&str, usize), policy: &Policy) -> SarifResult {
    let rule_index = rule_index(f.rule, policy);
    let mut props = BTreeMap::new();
    let c = &f.component;
    let mut component = serde_json::Map::new();
    component.insert("name".into(), json!(c.name));
    if let Some(g) = &c.group {
        component.insert("group".into(), json!(g));
    }
    if let Some(v) = &c.version {
        component.insert("version".into(), json!(v));
    }
    component.insert("type".into(), json!(c.kind));
    if let Some(p) = &c.purl {
        component.insert("purl".into(), json!(p));
    }
    if let Some(r) = &c.bom_ref {
        component.insert("bomRef".into(), json!(r));
    }
    props.insert("component".to_string(), Value::Object(component));
    if let Some(item) = &f.catalogue_item {
        props.insert("catalogueItem".to_string(), json!(item));
    }
    if let Some(v) = &c.vendor {
        props.insert("vendor".to_string(), json!(v));
    }
    if let Some(w) = &c.vendor_written {
        props.insert("vendorWritten".to_string(), json!(w));
    }
    if let Some(confidence) = f.confidence {
        props.insert("confidence".to_string(), json!(confidence.as_str()));
    }
    let suppressions = f.suppression.as_ref().map(|s| {
        let at = Position {
            line: s.location.line as u32,
            column: s.location.column as u32,
        };
        let mut justification = s.reason.clone();
        if let Some(last) = s.expires {
            justification.push_str(&format!(" (until {last})"));
        }
        vec![Suppression {
            guid: None,
            justification: Some(justification),
            kind: json!("external"),
            location: Some(other_location(&s.location.file, at, at)),
            properties: None,
            status: Some(json!("accepted")),
        }]
    });
    let result = SarifResult::builder()
        .rule_id(f.rule.id)
        .level(level(f.level))
        .message(Message {
            text: Some(f.message.clone()),
            ..Message::default()
        })
        .locations(vec![location(at, f.region.start, f.region.end)])
        .partial_fingerprints(BTreeMap::from([(
            "primaryLocationLineHash".to_string(),
            f.fingerprint.clone(),
        )]))
        .properties(PropertyBag {
            tags: None,
            additional_properties: props,
        });
    let mut built = match rule_index {
        Some(i) => result.rule_index(i).build(),
        None => result.build(),
    };
    built.suppressions = suppressions;
    built.code_flows = code_flow(f, at).map(|flow| vec![flow]);
    if !f.related.is_empty() {
        built.related_locations = Some(
            f.related
                .iter()
                .take(GITHUB_MAX_LOCATIONS)
                .enumerate()
                .map(|(i, d)| {
                    let mut l = other_location(&d.file, d.position, d.position);
                    l.id = Some(i as i64 + 1);
                    l.message = Some(Message {
                        text: Some(d.text.clone()),
                        ..Message::default()
                    });
                    l
                })
                .collect(),
        );
    }
    if f.new_since_baseline {
        built.baseline_state = Some(json!("new"));
    }
    built
}

/// The path that introduces the component, as a thread flow from the root to the component, so
/// that viewers can step through it. A finding keeps at most `PATH_HEAD + PATH_TAIL` steps of a
/// path (its first and last; see [`IntroPath`](crate::findings::IntroPath)), which is also far
/// below what GitHub takes; the flow's message says how many steps are left out between.
fn code_flow(f: &Finding, at: (&str, usize)) -> Option<CodeFlow> {
    if f.path.len() < 2 {
        return None;
    }
    let kept: Vec<&crate::findings::PathStep> = f
        .path
        .kept()
        .take(GITHUB_MAX_THREAD_FLOW_LOCATIONS)
        .collect();
    let locations: Vec<ThreadFlowLocation> = kept
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let mut location = location(at, step.region.start, step.region.end);
            location.message = Some(Message {
                text: Some(step.name.clone()),
                ..Message::default()
            });
            ThreadFlowLocation {
                location: Some(location),
                nesting_level: Some(i as i64),
                execution_order: Some(i as i64 + 1),
                ..ThreadFlowLocation::default()
            }
        })
        .collect();
    let text = if f.path.omitted == 0 {
        format!("Introduced via {}", f.path.describe(usize::MAX / 4))
    } else {
        format!(
            "Introduced via {} ({} steps; the flow shows the first {} and the last {}, and leaves out the {} between)",
            f.path.describe(crate::findings::PATH_MESSAGE_ENDS),
            f.path.len(),
            f.path.head.len(),
            f.path.tail.len(),
            f.path.omitted
        )
    };
    Some(CodeFlow {
        message: Some(Message {
            text: Some(text),
            ..Message::default()
        }),
        properties: None,
        thread_flows: vec![ThreadFlow::builder().locations(locations).build()],
    })
}

/// A reader's diagnostic as a tool execution notification, located in the file.
fn diagnostic(d: &Diagnostic, at: (&str, usize)) -> Notification {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    };
    notification(
        level,
        &d.message,
        // Unlocated, it still names its file: one run holds the notes of every file.
        Some(vec![match d.position {
            Some(p) => location(at, p, p),
            None => file_location(at),
        }]),
        Some(d.code),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::terminal::sample::{self, finding};

    #[test]
    fn a_removed_rule_is_left_out_of_the_rule_table() {
        use crate::evaluate::catalogue::rules::{IN_SCOPE, POSSIBLE};
        use crate::findings::rules::State;
        static GONE: Rule = Rule {
            id: "catalogue-gone",
            state: State::Removed {
                since: "0.2.0",
                why: "Its item was repealed.",
            },
            ..IN_SCOPE
        };
        let policy = crate::evaluate::test_support::policy_on("2026-12-07");
        let table: Vec<&str> = table_rules([&IN_SCOPE, &GONE, &POSSIBLE].into_iter(), &policy)
            .map(|r| r.id)
            .collect();
        assert_eq!(table, ["catalogue-in-scope", "catalogue-possible"]);
    }

    /// The violations of a SARIF schema of `tests/schemas` (GitHub's copy with its region's
    /// `anyOf` moved to where the OASIS schema has it, as the integration tests do).
    fn violations(schema: &str, instance: &Value) -> Vec<String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/schemas")
            .join(schema);
        let mut schema: Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        if let Some(region) = schema
            .pointer_mut("/definitions/region")
            .and_then(Value::as_object_mut)
            && let Some(any_of) = region
                .get_mut("properties")
                .and_then(Value::as_object_mut)
                .and_then(|p| p.remove("anyOf"))
        {
            region.insert("anyOf".to_string(), any_of);
        }
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap();
        validator
            .iter_errors(instance)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect()
    }

    #[test]
    fn the_procurement_account_is_in_the_file_artifact_property_bag_and_the_log_stays_valid() {
        let policy = Policy::new(time::macros::date!(2026 - 11 - 23));
        let account = sample::account();
        let text = to_string(
            &sample::report(Some(account.clone())),
            &policy,
            Options::default(),
        );
        let log: Value = serde_json::from_str(&text).unwrap();
        let properties = &log["runs"][0]["artifacts"][0]["properties"];
        assert_eq!(
            properties["procurement"],
            crate::report::json::procurement(&account)
        );
        assert_eq!(properties["procurement"]["share"]["byCount"]["unknown"], 1);
        assert_eq!(log["runs"][0]["results"], json!([]));
        for schema in [
            "sarif-schema-2.1.0.json",
            "github-code-scanning-sarif-schema-2.1.0.json",
        ] {
            let errors = violations(schema, &log);
            assert!(errors.is_empty(), "{schema}: {errors:#?}");
        }
        // Without an account, the bag has no procurement at all.
        let text = to_string(&sample::report(None), &policy, Options::default());
        let log: Value = serde_json::from_str(&text).unwrap();
        assert!(
            log["runs"][0]["artifacts"][0]["properties"]
                .get("procurement")
                .is_none()
        );
    }

    #[test]
    fn every_result_has_the_index_of_its_own_rule() {
        let mut report = sample::report(None);
        if let Ok(e) = &mut report.files[0].outcome {
            e.findings = vec![
                finding("data-quality-no-vendor", Level::Note, 3),
                finding("catalogue-in-scope", Level::Error, 5),
                finding("origin-us-ndaa-889", Level::Error, 8),
                // As evaluate makes them: the rule named by its constant, which may sit at
                // another address than the registry's entry.
                Finding {
                    rule: &crate::evaluate::origin::rules::US_FCC_COVERED,
                    ..finding("origin-us-fcc-covered", Level::Error, 9)
                },
            ];
        }
        let policy = Policy::new(time::macros::date!(2026 - 11 - 23));
        let log: Value =
            serde_json::from_str(&to_string(&report, &policy, Options::default())).unwrap();
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        let results = log["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), 4);
        for r in results {
            let index = r["ruleIndex"].as_u64().expect("a ruleIndex") as usize;
            assert_eq!(rules[index]["id"], r["ruleId"], "{r}");
        }
    }

    #[test]
    fn more_results_than_github_takes_keep_the_most_severe_and_say_so() {
        let mut report = sample::report(None);
        let mut findings: Vec<Finding> = (1..=GITHUB_MAX_RESULTS as u32 + 2)
            .map(|line| finding("data-quality-no-vendor", Level::Note, line))
            .collect();
        // The errors come last in the file: they must still be kept.
        findings.push(finding("catalogue-in-scope", Level::Error, 90_001));
        findings.push(finding("catalogue-in-scope", Level::Error, 90_002));
        if let Ok(e) = &mut report.files[0].outcome {
            e.findings = findings;
        }
        let policy = Policy::new(time::macros::date!(2026 - 11 - 23));
        let log = to_sarif(&report, &policy, Options::default());
        let run = &log.runs[0];
        let results = run.results.as_ref().unwrap();
        assert_eq!(results.len(), GITHUB_MAX_RESULTS);
        let errors: Vec<&str> = results
            .iter()
            .filter(|r| matches!(r.level, Some(ResultLevel::Error)))
            .map(|r| r.message.text.as_deref().unwrap())
            .collect();
        assert_eq!(errors, ["finding on line 90001.", "finding on line 90002."]);
        // The notes kept are the first in the file, in file order.
        assert_eq!(
            results[0].message.text.as_deref(),
            Some("finding on line 1.")
        );
        let notes = run.invocations.as_ref().unwrap()[0]
            .tool_execution_notifications
            .as_ref()
            .unwrap();
        let truncated = notes
            .iter()
            .find(|n| {
                n.descriptor.as_ref().and_then(|d| d.id.as_deref()) == Some("results-truncated")
            })
            .unwrap();
        assert_eq!(
            truncated.message.text.as_deref(),
            Some(
                "the scan gave 25004 results; GitHub code scanning accepts at most 25000 per run, so this log keeps the 25000 most severe (errors first, then in file order) and leaves out 4; the JSON report (--format json) has them all"
            )
        );
    }

    #[test]
    fn the_log_written_result_by_result_is_the_whole_log_serialised() {
        use crate::findings::{IntroPath, PathStep, Region};
        use std::sync::Arc;
        let mut report = sample::report(None);
        let step = |line: u32| {
            let at = Position { line, column: 3 };
            Arc::new(PathStep {
                name: format!("step \"{line}\"\n"),
                region: Region { start: at, end: at },
            })
        };
        let mut with_path = finding("catalogue-in-scope", Level::Error, 7);
        with_path.path = IntroPath {
            head: (1..=10).map(step).collect(),
            omitted: 3,
            tail: (14..=23).map(step).collect(),
        };
        if let Ok(e) = &mut report.files[0].outcome {
            e.findings = vec![finding("data-quality-no-vendor", Level::Note, 2), with_path];
        }
        let policy = Policy::new(time::macros::date!(2026 - 11 - 23));
        let whole = serde_json::to_string_pretty(&to_sarif(&report, &policy, Options::default()))
            .unwrap()
            + "\n";
        assert_eq!(to_string(&report, &policy, Options::default()), whole);
        assert!(whole.contains("leaves out the 3 between"), "{whole}");
    }

    #[test]
    fn a_log_larger_than_github_takes_once_compressed_is_refused() {
        use std::io::Cursor;
        let report = sample::report(None);
        let policy = Policy::new(time::macros::date!(2026 - 11 - 23));
        assert_eq!(
            check_github_limits(&report, &policy, &mut Cursor::new("{}")),
            Ok(())
        );
        // Text that compresses well passes even above 10 MB uncompressed.
        let repetitive = "a".repeat(GITHUB_MAX_GZIP_BYTES + 1);
        assert_eq!(
            check_github_limits(&report, &policy, &mut Cursor::new(repetitive)),
            Ok(())
        );
        // Text that hardly compresses does not: a xorshift sequence written with 64 symbols
        // (6 bits of noise in each byte, so about 12 MB once compressed).
        const SYMBOLS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let noisy: String = (0..16 << 20)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                SYMBOLS[(x >> 58) as usize] as char
            })
            .collect();
        let error = check_github_limits(&report, &policy, &mut Cursor::new(noisy)).unwrap_err();
        assert!(error.starts_with("the SARIF log is 1"), "{error}");
        assert!(
            error.contains("MB gzip-compressed (1 files, 0 results); GitHub code scanning accepts at most 10 MB"),
            "{error}"
        );
    }

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(
            uri("sbom-fixtures/router.cdx.json"),
            "sbom-fixtures/router.cdx.json"
        );
        assert_eq!(
            uri("供应商 BOM/清单.json"),
            "%E4%BE%9B%E5%BA%94%E5%95%86%20BOM/%E6%B8%85%E5%8D%95.json"
        );
        assert_eq!(uri("/tmp/x#1.json"), "file:///tmp/x%231.json");
    }
}
