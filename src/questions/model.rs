//! What a question is: the component it is about, the fact that is needed, why, and the keys
//! that match an answer back to both when the supplier returns the questionnaire.
//!
//! Keys are fingerprints of identities, never of row numbers or lines: a supplier may sort the
//! rows, and a BOM regenerated with one more component must still match the answers about the
//! others.

use sha2::{Digest, Sha256};

use crate::findings::ComponentRef;
use crate::inventory::{Component, Inventory};
use crate::knowledge::Attribute;
use crate::resolve::quantity::Dimension;

/// The fact a question asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// A technical attribute a catalogue threshold is stated in (`attributes.toml` id).
    Attribute(String),
    /// A certification certificate or a security testing report: number, body, dates.
    Evidence,
    /// Who made the component (CycloneDX `manufacturer`).
    Manufacturer,
    /// What kind of product it is (a category of `catscan catalogue categories`).
    Category,
    /// Who controls the developer, and from which country.
    Control,
}

impl Need {
    /// The key of the need in the questionnaire's hidden column: `attribute:throughput`,
    /// `evidence`, …
    pub fn key(&self) -> String {
        match self {
            Self::Attribute(id) => format!("attribute:{id}"),
            Self::Evidence => "evidence".to_string(),
            Self::Manufacturer => "manufacturer".to_string(),
            Self::Category => "category".to_string(),
            Self::Control => "control".to_string(),
        }
    }

    /// Reads a need back from its [`Need::key`]; `None` for a key that names none.
    pub fn parse(key: &str) -> Option<Self> {
        Some(match key {
            "evidence" => Self::Evidence,
            "manufacturer" => Self::Manufacturer,
            "category" => Self::Category,
            "control" => Self::Control,
            _ => Self::Attribute(key.strip_prefix("attribute:")?.to_string()),
        })
    }
}

/// A finding a question would settle: its rule and catalogue item. An answered question is
/// closed when the scan with the answers no longer reports any of its findings.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Settles {
    /// The id of the rule of the finding.
    pub rule: String,
    /// The finding's catalogue item (`cn-2023/cne.router`), when it has one.
    pub item: Option<String>,
}

impl Settles {
    /// `catalogue-undetermined cn-2023/cne.router`, as the hidden column holds it.
    pub fn key(&self) -> String {
        match &self.item {
            Some(item) => format!("{} {item}", self.rule),
            None => self.rule.clone(),
        }
    }

    /// Reads a finding back from its [`Settles::key`]; `None` for an empty key.
    pub fn parse(key: &str) -> Option<Self> {
        let mut words = key.split_whitespace();
        let rule = words.next()?.to_string();
        let item = words.next().map(str::to_string);
        Some(Settles { rule, item })
    }
}

/// The component a question is about, as the questionnaire shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The component's name as people know it (`group/name` where a group is given).
    pub name: String,
    /// The version the BOM gives.
    pub version: Option<String>,
    /// The model number, from the first model property the component has.
    pub model: Option<String>,
    /// The component's identifier within the BOM (CycloneDX `bom-ref`, SPDX `SPDXID`).
    pub bom_ref: Option<String>,
    /// The BOM file, as reports name it.
    pub file: String,
    /// 1-based line of the component in the BOM, for people to find it.
    pub line: u32,
    /// [`component_fingerprint`] of the component.
    pub fingerprint: String,
}

/// One open question.
#[derive(Debug, Clone)]
pub struct Question {
    /// The component the question is about.
    pub subject: Subject,
    /// The fact needed.
    pub need: Need,
    /// What is needed, in English: "whole-system throughput (bidirectional), in Tbps, Gbps or
    /// Mbps: item cn-2023/cne.router applies from ≥ 12 Tbps".
    pub what_en: String,
    /// The same in Chinese.
    pub what_zh: String,
    /// Why, in one sentence: rule, catalogue item, legal basis.
    pub why: String,
    /// Units the answer may be given in (empty when the answer carries no unit).
    pub units: Vec<&'static str>,
    /// The findings the answer would settle.
    pub settles: Vec<Settles>,
}

/// The questions about one BOM.
#[derive(Debug, Clone)]
pub struct Questionnaire {
    /// The BOM file, as reports name it.
    pub file: String,
    /// [`bom_fingerprint`] of the BOM.
    pub bom: String,
    /// The date the questions were made as of.
    pub as_of: time::Date,
    /// The open questions, in the order of the BOM.
    pub questions: Vec<Question>,
    /// Findings that cannot be decided but that no answer of the supplier settles (the
    /// catalogue's text is unclear): listed in the instructions so that nobody waits for them.
    pub unanswerable: Vec<String>,
}

/// Sixteen hex digits of the SHA-256 of the parts, separated so that ("ab", "c") and ("a",
/// "bc") differ.
fn digest<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part.as_bytes());
        hash.update([0x1f]);
    }
    hash.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The fingerprint of a component: its bom-ref, group, name, version and purl. A component
/// whose version changed is another component, and its answers no longer apply.
pub fn component_fingerprint(
    bom_ref: Option<&str>,
    group: Option<&str>,
    name: &str,
    version: Option<&str>,
    purl: Option<&str>,
) -> String {
    digest([
        bom_ref.unwrap_or(""),
        group.unwrap_or(""),
        name,
        version.unwrap_or(""),
        purl.unwrap_or(""),
    ])
}

/// [`component_fingerprint`] of a component read from a BOM.
pub fn fingerprint_of(c: &Component<'_>) -> String {
    component_fingerprint(
        c.bom_ref.as_deref(),
        c.group.as_deref(),
        &c.name,
        c.version.as_deref(),
        c.purl.as_deref(),
    )
}

/// [`component_fingerprint`] of the component a finding is about.
pub fn fingerprint_of_ref(c: &ComponentRef) -> String {
    component_fingerprint(
        c.bom_ref.as_deref(),
        c.group.as_deref(),
        &c.name,
        c.version.as_deref(),
        c.purl.as_deref(),
    )
}

/// The fingerprint of a BOM: its subject (`metadata.component`: group, name, bom-ref) without
/// the version, so that next quarter's BOM of the same product still matches; the file's name
/// when the BOM names no subject.
pub fn bom_fingerprint(inventory: &Inventory<'_>) -> String {
    match inventory.root() {
        Some(id) => {
            let root = inventory.component(id);
            digest([
                "subject",
                root.group.as_deref().unwrap_or(""),
                &root.name,
                root.bom_ref.as_deref().unwrap_or(""),
            ])
        }
        None => {
            let name = inventory
                .source
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| inventory.source.display.clone());
            digest(["file", &name])
        }
    }
}

/// The units an answer about an attribute of this dimension may be given in, largest first.
/// Each is one `resolve::quantity` reads (a unit test checks it).
pub fn units_of(dimension: Dimension) -> Vec<&'static str> {
    match dimension {
        Dimension::BitRate => vec!["Tbps", "Gbps", "Mbps"],
        Dimension::PacketRate => vec!["Gpps", "Mpps", "Kpps", "pps"],
        Dimension::Entries => vec!["entries", "万条"],
        Dimension::Count => Vec::new(),
        Dimension::Bytes => vec!["TB", "GB", "MB"],
        Dimension::Seconds => vec!["s", "ms", "μs", "ns"],
        Dimension::ByteRate => vec!["GB/s", "MB/s"],
        Dimension::Connections => vec!["connections", "万"],
        Dimension::ConnectionRate => vec!["cps"],
        Dimension::FormFactor => vec!["rack", "tower", "blade"],
    }
}

/// The property the answer about an attribute is written to: the first the attribute is read
/// from, which takes a value with its unit (`catscan:throughput` = "8 Tbps").
pub fn property_of(attribute: &Attribute) -> &str {
    attribute
        .properties
        .iter()
        .find(|p| p.unit.is_none())
        .or(attribute.properties.first())
        .map_or("", |p| p.name.as_str())
}

/// The kinds of evidence an evidence answer may name, in English and Chinese, with the
/// properties each is written to: (number, issued, expiry, body).
pub const EVIDENCE_KINDS: &[(&str, &str, EvidenceProperties)] = &[
    (
        "certificate",
        "认证证书",
        EvidenceProperties {
            number: "catscan:certificate",
            issued: "catscan:certificate-issued",
            expiry: Some("catscan:certificate-expiry"),
            body: "catscan:certificate-body",
        },
    ),
    (
        "test report",
        "检测报告",
        EvidenceProperties {
            number: "catscan:test-report",
            issued: "catscan:test-report-date",
            expiry: None,
            body: "catscan:test-report-body",
        },
    ),
];

/// Where one kind of evidence is written. The body is recorded for people; catscan does not
/// judge it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvidenceProperties {
    /// The property the certificate or report number is written to.
    pub number: &'static str,
    /// The property its issue date (a report's date) is written to.
    pub issued: &'static str,
    /// The property its last valid day is written to; `None` for a kind with no expiry (a report).
    pub expiry: Option<&'static str>,
    /// The property the issuing body is written to.
    pub body: &'static str,
}

/// The property the controlling party of the developer is written to.
pub use crate::evaluate::control::DECLARED_CONTROLLER as CONTROLLER;
/// The property the controlling party's country is written to (its ISO 3166-1 alpha-2 code).
pub use crate::evaluate::control::DECLARED_CONTROLLER_COUNTRY as CONTROLLER_COUNTRY;
/// The property that records where an answer came from (one per answered property).
pub const ANSWERED: &str = "catscan:answered";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::quantity;

    #[test]
    fn every_unit_offered_is_one_catscan_reads() {
        for dimension in [
            Dimension::BitRate,
            Dimension::PacketRate,
            Dimension::Entries,
            Dimension::Bytes,
            Dimension::Seconds,
            Dimension::ByteRate,
            Dimension::Connections,
            Dimension::ConnectionRate,
        ] {
            for unit in units_of(dimension) {
                let q = quantity::parse(&format!("8 {unit}"), dimension, None);
                assert!(q.is_some(), "8 {unit} is not read as {dimension:?}");
            }
        }
        assert_eq!(
            quantity::parse("8 Tbps", Dimension::BitRate, None)
                .unwrap()
                .value,
            8e12
        );
    }

    #[test]
    fn keys_round_trip() {
        for need in [
            Need::Attribute("throughput".into()),
            Need::Evidence,
            Need::Manufacturer,
            Need::Category,
            Need::Control,
        ] {
            assert_eq!(Need::parse(&need.key()), Some(need));
        }
        let s = Settles {
            rule: "catalogue-undetermined".into(),
            item: Some("cn-2023/cne.router".into()),
        };
        assert_eq!(Settles::parse(&s.key()), Some(s));
    }
}
