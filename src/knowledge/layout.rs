//! Where each file under `catalogues/` belongs, read from its path alone: `build.rs` uses this to
//! list the data files compiled into the binary (it includes this file), so that adding an
//! edition, a rule pack or a procurement instrument is adding one file, with no Rust to edit.
//!
//! - `cn/regime.toml` is the legal regime; every other `cn/*.toml` is a catalogue edition;
//! - every `packs/*.toml` is an origin rule pack;
//! - `procurement/classes.toml` holds the product classes; every other `procurement/*.toml` is a
//!   procurement instrument;
//! - the files at the top are known by name ([`TOP_LEVEL`]);
//! - `README.md` files, anywhere, are documentation.
//!
//! Anything else is an error that names the file and what was expected: a data file that would
//! silently not be loaded is worse than a failed build.

/// The files at the top of `catalogues/`, by name, and the `Builtin` field each fills.
pub const TOP_LEVEL: &[(&str, &str)] = &[
    ("sources.toml", "sources"),
    ("attributes.toml", "attributes"),
    ("categories.toml", "categories"),
    ("product-lines.toml", "product_lines"),
    ("vendors.toml", "vendors"),
    ("knowledge.toml", "review"),
    ("regions.toml", "regions"),
    ("legal-bases.toml", "legal_bases"),
];

/// What a file under `catalogues/` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A top-level file, with the `Builtin` field it fills.
    TopLevel(&'static str),
    /// `cn/regime.toml`: the law and standards behind the catalogue.
    Regime,
    /// Any other file of `cn/`: one catalogue edition (`cn/2023.toml`).
    Edition,
    /// A file of `packs/`: one origin rule pack (`packs/us-ndaa-889.toml`).
    Pack,
    /// `procurement/classes.toml`: the product classes procurement instruments speak of.
    ProcurementClasses,
    /// Any other file of `procurement/`: one procurement instrument.
    Instrument,
    /// A README: not data.
    Documentation,
}

/// The role of the file at `path`, relative to `catalogues/` with `/` between its parts
/// (`packs/us-ndaa-889.toml`).
pub fn role(path: &str) -> Result<Role, String> {
    let parts: Vec<&str> = path.split('/').collect();
    if parts.last() == Some(&"README.md") {
        return Ok(Role::Documentation);
    }
    match parts.as_slice() {
        [name] => TOP_LEVEL
            .iter()
            .find(|(file, _)| file == name)
            .map(|(_, field)| Role::TopLevel(field))
            .ok_or_else(|| {
                format!(
                    "catalogues/{path}: unexpected file at the top of catalogues/; the files there are {}, and README.md",
                    TOP_LEVEL
                        .iter()
                        .map(|(file, _)| *file)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }),
        [folder, name] if !name.ends_with(".toml") => Err(format!(
            "catalogues/{path}: expected a .toml data file (or README.md) in catalogues/{folder}/"
        )),
        ["cn", "regime.toml"] => Ok(Role::Regime),
        ["cn", _] => Ok(Role::Edition),
        ["packs", _] => Ok(Role::Pack),
        ["procurement", "classes.toml"] => Ok(Role::ProcurementClasses),
        ["procurement", _] => Ok(Role::Instrument),
        _ => Err(format!(
            "catalogues/{path}: unexpected place for a data file; they go in cn/ (editions and regime.toml), packs/ (origin rule packs), procurement/ (instruments and classes.toml) or at the top"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_known_by_its_folder_and_the_top_level_ones_by_name() {
        assert_eq!(role("cn/2030.toml"), Ok(Role::Edition));
        assert_eq!(role("cn/regime.toml"), Ok(Role::Regime));
        assert_eq!(role("packs/eu-new-list.toml"), Ok(Role::Pack));
        assert_eq!(
            role("procurement/classes.toml"),
            Ok(Role::ProcurementClasses)
        );
        assert_eq!(role("procurement/cn-new.toml"), Ok(Role::Instrument));
        assert_eq!(role("vendors.toml"), Ok(Role::TopLevel("vendors")));
        assert_eq!(role("knowledge.toml"), Ok(Role::TopLevel("review")));
        assert_eq!(role("procurement/README.md"), Ok(Role::Documentation));
    }

    #[test]
    fn a_file_in_no_known_place_is_an_error_naming_it() {
        assert_eq!(
            role("packs/notes.txt"),
            Err(
                "catalogues/packs/notes.txt: expected a .toml data file (or README.md) in catalogues/packs/"
                    .into()
            )
        );
        assert_eq!(
            role("eu/2025.toml"),
            Err("catalogues/eu/2025.toml: unexpected place for a data file; they go in cn/ (editions and regime.toml), packs/ (origin rule packs), procurement/ (instruments and classes.toml) or at the top".into())
        );
        assert!(
            role("packs/old/x.toml")
                .unwrap_err()
                .starts_with("catalogues/packs/old/x.toml: unexpected place")
        );
        assert_eq!(
            role("vendor.toml"),
            Err("catalogues/vendor.toml: unexpected file at the top of catalogues/; the files there are sources.toml, attributes.toml, categories.toml, product-lines.toml, vendors.toml, knowledge.toml, regions.toml, legal-bases.toml, and README.md".into())
        );
    }
}
