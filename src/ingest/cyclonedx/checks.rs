//! The constraints of the CycloneDX schemas that both readers check on the fields they walk.
//!
//! catscan is not a schema validator (`cyclonedx validate` is); it checks the enumerations,
//! patterns and required fields of the objects it reads, so that a malformed supplier BOM is
//! reported instead of being read as if it were sound. Each violation is a located warning; the
//! file is still read.

use time::format_description::well_known::Rfc3339;

/// A CycloneDX specification version, `1.major`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SpecVersion(pub u8);

impl SpecVersion {
    /// The newest version catscan knows; newer files are read as this one.
    pub const NEWEST: SpecVersion = SpecVersion(7);

    /// Parses `1.x`. Returns `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        let minor = s.strip_prefix("1.")?;
        minor.parse::<u8>().ok().map(SpecVersion)
    }

    pub(crate) fn at_least(self, minor: u8) -> bool {
        self.0 >= minor
    }
}

impl std::fmt::Display for SpecVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "1.{}", self.0)
    }
}

pub const COMPONENT_TYPES: &str = "application, framework, library, container, platform, operating-system, device, device-driver, firmware, file, machine-learning-model, data, cryptographic-asset";

pub const SCOPES: [&str; 3] = ["required", "optional", "excluded"];

pub const HASH_ALGORITHMS: [&str; 14] = [
    "MD5",
    "SHA-1",
    "SHA-256",
    "SHA-384",
    "SHA-512",
    "SHA3-256",
    "SHA3-384",
    "SHA3-512",
    "BLAKE2b-256",
    "BLAKE2b-384",
    "BLAKE2b-512",
    "BLAKE3",
    "Streebog-256",
    "Streebog-512",
];

pub const PATCH_TYPES: [&str; 4] = ["unofficial", "monkey", "backport", "cherry-pick"];

pub const ISSUE_TYPES: [&str; 3] = ["defect", "enhancement", "security"];

pub const DATA_FLOWS: [&str; 4] = ["inbound", "outbound", "bi-directional", "unknown"];

pub const ATTACHMENT_ENCODINGS: [&str; 1] = ["base64"];

pub const LICENSE_ACKNOWLEDGEMENTS: [&str; 2] = ["declared", "concluded"];

/// Fields of a component in any version 1.0 to 1.7 (union), JSON spelling.
pub const COMPONENT_FIELDS: &[&str] = &[
    "type",
    "mime-type",
    "bom-ref",
    "supplier",
    "manufacturer",
    "authors",
    "author",
    "publisher",
    "group",
    "name",
    "version",
    "versionRange",
    "isExternal",
    "description",
    "scope",
    "hashes",
    "licenses",
    "copyright",
    "cpe",
    "purl",
    "omniborId",
    "swhid",
    "swid",
    "modified",
    "pedigree",
    "externalReferences",
    "properties",
    "components",
    "evidence",
    "releaseNotes",
    "modelCard",
    "data",
    "cryptoProperties",
    "tags",
    "signature",
    "patentAssertions",
];

pub const METADATA_FIELDS: &[&str] = &[
    "timestamp",
    "lifecycles",
    "tools",
    "authors",
    "component",
    "manufacture",
    "manufacturer",
    "supplier",
    "licenses",
    "properties",
    "distributionConstraints",
];

pub const TOP_LEVEL_FIELDS: &[&str] = &[
    "$schema",
    "bomFormat",
    "specVersion",
    "serialNumber",
    "version",
    "metadata",
    "components",
    "services",
    "externalReferences",
    "dependencies",
    "compositions",
    "properties",
    "vulnerabilities",
    "annotations",
    "formulation",
    "declarations",
    "definitions",
    "citations",
    "signature",
];

pub const ORGANIZATION_FIELDS: &[&str] = &["name", "address", "url", "contact", "bom-ref"];

pub const LICENSE_FIELDS: &[&str] = &[
    "id",
    "name",
    "acknowledgement",
    "text",
    "url",
    "licensing",
    "properties",
    "bom-ref",
];

/// `urn:uuid:` followed by a canonical UUID (the schema's `serialNumber` pattern).
pub fn serial_number_problem(value: &str) -> Option<String> {
    let ok = value.strip_prefix("urn:uuid:").is_some_and(|uuid| {
        let groups: Vec<&str> = uuid.split('-').collect();
        groups.len() == 5
            && groups
                .iter()
                .zip([8, 4, 4, 4, 12])
                .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
    });
    (!ok).then(|| format!("serialNumber \"{value}\" is not of the form urn:uuid:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"))
}

/// RFC 3339 date-time (the schema's `format: date-time`, XML `xs:dateTime`).
pub fn timestamp_problem(value: &str) -> Option<String> {
    if time::OffsetDateTime::parse(value, &Rfc3339).is_ok() {
        return None;
    }
    // xs:dateTime allows a missing time-zone offset; accept that form too.
    let local = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second][optional [.[subsecond]]]"
    );
    if time::PrimitiveDateTime::parse(value, &local).is_ok() {
        return None;
    }
    Some(format!(
        "timestamp \"{value}\" is not a date-time; expected e.g. 2024-05-01T12:00:00Z"
    ))
}

/// A hash's algorithm must be one the schema lists, and its value a hexadecimal digest of the
/// length that algorithm produces (the schema's pattern allows 32, 40, 64, 96 or 128 digits).
/// Runs once per hash of a 100,000-component SBOM, so the common case is a few comparisons.
pub fn hash_problem(alg: &str, content: &str) -> Option<String> {
    let expected = match alg {
        "MD5" => Some(32),
        "SHA-1" => Some(40),
        "SHA-256" | "SHA3-256" | "BLAKE2b-256" | "Streebog-256" => Some(64),
        "SHA-384" | "SHA3-384" | "BLAKE2b-384" => Some(96),
        "SHA-512" | "SHA3-512" | "BLAKE2b-512" | "Streebog-512" => Some(128),
        // BLAKE3 digests may have any length the schema's pattern allows.
        "BLAKE3" => None,
        _ => return enum_problem("hash algorithm", alg, &HASH_ALGORITHMS),
    };
    // Branch-free, so that the loop vectorises.
    let hex = content.bytes().fold(true, |ok, b| {
        ok & (b.is_ascii_digit() | ((b | 0x20).wrapping_sub(b'a') < 6))
    });
    if !hex || !matches!(content.len(), 32 | 40 | 64 | 96 | 128) {
        return Some(format!(
            "hash value \"{}\" is not a hexadecimal digest of 32, 40, 64, 96 or 128 digits",
            truncate(content, 40)
        ));
    }
    match expected {
        Some(n) if content.len() != n => Some(format!(
            "{alg} hash value has {} hexadecimal digits; expected {n}",
            content.len()
        )),
        _ => None,
    }
}

/// Whether an SPDX licence identifier is on the SPDX licence list.
pub fn license_id_problem(id: &str) -> Option<String> {
    (spdx::license_id(id).is_none()).then(|| {
        let hint = spdx::imprecise_license_id(id).map(|(l, _)| format!(" (did you mean \"{}\"?)", l.name)).unwrap_or_default();
        format!("licence id \"{id}\" is not an SPDX licence identifier{hint}; use \"name\" for other licences")
    })
}

/// A value that must come from a fixed list.
pub fn enum_problem(what: &str, value: &str, allowed: &[&str]) -> Option<String> {
    (!allowed.contains(&value))
        .then(|| format!("{what} \"{value}\" is not one of: {}", allowed.join(", ")))
}

fn truncate(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_numbers() {
        assert!(serial_number_problem("urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79").is_none());
        assert!(serial_number_problem("urn:uuid:3e671687-395b-41f5-a30f").is_some());
    }

    #[test]
    fn timestamps() {
        assert!(timestamp_problem("2020-04-13T20:20:39+00:00").is_none());
        assert!(timestamp_problem("2025-06-01T12:00:00Z").is_none());
        assert!(timestamp_problem("2020-04-13").is_some());
    }

    #[test]
    fn hashes() {
        assert!(hash_problem("MD5", "3942447fac867ae5cdb3229b658f4d48").is_none());
        assert!(hash_problem("MD5", "foo").is_some());
        assert!(
            hash_problem("SHA-256", "3942447fac867ae5cdb3229b658f4d48")
                .unwrap()
                .contains("expected 64")
        );
        assert!(
            hash_problem("FOO", "3942447fac867ae5cdb3229b658f4d48")
                .unwrap()
                .contains("not one of")
        );
    }

    #[test]
    fn licence_ids() {
        assert!(license_id_problem("Apache-2.0").is_none());
        assert!(
            license_id_problem("Apache-2")
                .unwrap()
                .contains("not an SPDX")
        );
    }
}
