//! Every file under `catalogues/`, read as plain TOML by walking the folder (a file added later is
//! checked without being listed here), against the rules that hold across files: one status
//! legend, source keys that resolve, dates in order, list ids that are pack ids, parents that are
//! vendor ids, `confirmed` only where an official text was read, and legal bases cited by the
//! rules that `legal-bases.toml` defines.
//!
//! `Knowledge::load` checks what the program needs to run; these checks are about the data being
//! honest and consistent, so each failure names the file, the key path and the value.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use catscan::findings::rules::{Grounds, Rule};
use catscan::knowledge::Status;
use toml::Value;
use toml::value::Datetime;

/// A data file as the checks see it: its path under the crate root and its text.
struct DataText {
    name: String,
    text: String,
}

/// Every `.toml` file under `dir`, sorted by path.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "toml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn builtin_files() -> Vec<DataText> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    walk(&root.join("catalogues"))
        .into_iter()
        .map(|p| DataText {
            name: p
                .strip_prefix(root)
                .expect("under the root")
                .to_string_lossy()
                .replace('\\', "/"),
            text: std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
        })
        .collect()
}

/// A value found at a key path ("announcement[6].date").
struct Found<'v> {
    path: String,
    value: &'v Value,
}

/// Every value of the document with its key path, depth first, in file order.
fn values<'v>(prefix: &str, v: &'v Value, out: &mut Vec<Found<'v>>) {
    match v {
        Value::Table(t) => {
            for (k, x) in t {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                out.push(Found {
                    path: path.clone(),
                    value: x,
                });
                values(&path, x, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let path = format!("{prefix}[{i}]");
                if x.is_table() {
                    out.push(Found {
                        path: path.clone(),
                        value: x,
                    });
                }
                values(&path, x, out);
            }
        }
        _ => {}
    }
}

fn last_key(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

fn date_of(d: &Datetime) -> Option<(u16, u8, u8)> {
    d.date.map(|d| (d.year, d.month, d.day))
}

/// Pairs of date keys of one table that must be in this order (the first not after the second;
/// `strict` when an interval's end is exclusive and cannot equal its start).
const DATE_ORDER: &[(&str, &str, bool)] = &[
    ("issued", "effective", false),
    ("issued", "in_force_from", false),
    ("effective", "until", true),
    ("effective", "ended", false),
    ("in_force_from", "in_force_until", true),
    ("from", "until", true),
];

/// Which file holds what, for the cross-file checks.
const SOURCES_FILE: &str = "catalogues/sources.toml";
const VENDORS_FILE: &str = "catalogues/vendors.toml";
const PACKS_DIR: &str = "catalogues/packs/";
const CATEGORIES_FILE: &str = "catalogues/categories.toml";
const CLASSES_FILE: &str = "catalogues/procurement/classes.toml";
const PROCUREMENT_DIR: &str = "catalogues/procurement/";
const LEGAL_BASES_FILE: &str = "catalogues/legal-bases.toml";

/// All the problems of a set of data files, each naming the file, the key path and the value.
fn problems(files: &[DataText]) -> Vec<String> {
    let mut out = Vec::new();
    let mut docs: Vec<(&str, Value)> = Vec::new();
    for f in files {
        match toml::from_str::<toml::Table>(&f.text) {
            Ok(t) => docs.push((&f.name, Value::Table(t))),
            Err(e) => out.push(format!("{}: not TOML: {e}", f.name)),
        }
    }
    let doc = |name: &str| docs.iter().find(|(n, _)| *n == name).map(|(_, v)| v);
    // Source keys and which are official.
    let mut source_kinds: BTreeMap<String, String> = BTreeMap::new();
    if let Some(Value::Array(sources)) = doc(SOURCES_FILE).and_then(|d| d.get("source")) {
        for s in sources {
            if let (Some(k), Some(kind)) = (
                s.get("key").and_then(Value::as_str),
                s.get("kind").and_then(Value::as_str),
            ) {
                source_kinds.insert(k.to_string(), kind.to_string());
            }
        }
    } else {
        out.push(format!("{SOURCES_FILE}: no [[source]] table"));
    }
    let pack_ids: BTreeSet<String> = docs
        .iter()
        .filter(|(n, _)| n.starts_with(PACKS_DIR))
        .filter_map(|(_, d)| d.get("pack")?.get("id")?.as_str().map(str::to_string))
        .collect();
    let vendor_ids: BTreeSet<String> = match doc(VENDORS_FILE).and_then(|d| d.get("vendor")) {
        Some(Value::Array(vs)) => vs
            .iter()
            .filter_map(|v| v.get("id")?.as_str().map(str::to_string))
            .collect(),
        _ => BTreeSet::new(),
    };
    // vendors.toml cites URLs and the bracketed registries its header defines ("[OUI]").
    let vendor_header: String = files
        .iter()
        .find(|f| f.name == VENDORS_FILE)
        .map(|f| {
            f.text
                .lines()
                .take_while(|l| l.starts_with('#') || l.trim().is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();

    references(&docs, &mut out);
    for (name, d) in &docs {
        let mut found = Vec::new();
        values("", d, &mut found);
        let is_vendors = *name == VENDORS_FILE;
        for Found { path, value } in &found {
            let key = last_key(path);
            // One legend.
            if (key == "status" || key.ends_with("_status"))
                && let Some(s) = value.as_str()
                && Status::parse(s).is_none()
            {
                let legend: Vec<&str> = Status::LEGEND.iter().map(|s| s.as_str()).collect();
                out.push(format!(
                    "{name}: {path} = \"{s}\" is not a status of the legend ({})",
                    legend.join(", ")
                ));
            }
            // Source keys.
            if key == "sources"
                && let Some(list) = value.as_array()
            {
                for (i, s) in list.iter().enumerate() {
                    let s = s.as_str().unwrap_or_default();
                    let ok = if is_vendors {
                        s.starts_with("https://")
                            || s.starts_with("http://")
                            || (s.starts_with('[') && vendor_header.contains(s))
                    } else {
                        source_kinds.contains_key(s)
                    };
                    if !ok {
                        out.push(format!(
                            "{name}: {path}[{i}] = \"{s}\" does not resolve in {}",
                            if is_vendors {
                                "the vendor file's header (a URL or a bracketed registry it defines)"
                            } else {
                                SOURCES_FILE
                            }
                        ));
                    }
                }
            }
            if let Value::Table(t) = value {
                table_checks(name, path, t, &mut out);
            }
            if is_vendors
                && key == "lists"
                && let Some(list) = value.as_array()
            {
                for (i, l) in list.iter().enumerate() {
                    let l = l.as_str().unwrap_or_default();
                    if !pack_ids.contains(l) {
                        out.push(format!(
                            "{name}: {path}[{i}] = \"{l}\" is not a pack id (one of {})",
                            pack_ids.iter().cloned().collect::<Vec<_>>().join(", ")
                        ));
                    }
                }
            }
            if is_vendors
                && key == "parent"
                && let Some(p) = value.as_str()
                && !vendor_ids.contains(p)
            {
                out.push(format!(
                    "{name}: {path} = \"{p}\" is not a vendor id (name a parent the registry lacks in parent_name)"
                ));
            }
        }
        if *name != VENDORS_FILE {
            confirmed_checks(name, "", d, None, &source_kinds, &mut out);
        }
        // The root table too (a file's top level holds `[instrument]`, `[pack]`, …).
        if let Value::Table(t) = d {
            announcements(name, t, &mut out);
        }
    }
    out
}

/// The ids of the tables of an array (`[[category]] id = …`) of a document.
fn ids(doc: Option<&Value>, array: &str) -> BTreeSet<String> {
    doc.and_then(|d| d.get(array))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|t| t.get("id")?.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The names that the narrower rules give each other: a pack exception's categories are
/// categories, a scope narrows a class, and a list's scopes are scopes.
fn references(docs: &[(&str, Value)], out: &mut Vec<String>) {
    let doc = |name: &str| docs.iter().find(|(n, _)| *n == name).map(|(_, v)| v);
    let categories = ids(doc(CATEGORIES_FILE), "category");
    let classes = ids(doc(CLASSES_FILE), "class");
    let scopes = ids(doc(CLASSES_FILE), "scope");
    let strings = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    for (name, d) in docs {
        if name.starts_with(PACKS_DIR)
            && let Some(Value::Array(exceptions)) = d.get("pack").and_then(|p| p.get("exception"))
        {
            for (i, e) in exceptions.iter().enumerate() {
                for key in ["out_of_scope", "undecided"] {
                    for (j, c) in strings(e.get(key)).iter().enumerate() {
                        if !categories.contains(c) {
                            out.push(format!(
                                "{name}: pack.exception[{i}].{key}[{j}] = \"{c}\" is not a category of {CATEGORIES_FILE}"
                            ));
                        }
                    }
                }
            }
        }
        if *name == CLASSES_FILE
            && let Some(Value::Array(list)) = d.get("scope")
        {
            for (i, sc) in list.iter().enumerate() {
                let class = sc.get("class").and_then(Value::as_str).unwrap_or_default();
                if !classes.contains(class) {
                    out.push(format!(
                        "{name}: scope[{i}].class = \"{class}\" is not a class of the file"
                    ));
                }
            }
        }
        if name.starts_with(PROCUREMENT_DIR) {
            let inst = d.get("instrument");
            for (i, sc) in strings(inst.and_then(|x| x.get("scopes")))
                .iter()
                .enumerate()
            {
                if !scopes.contains(sc) {
                    out.push(format!(
                        "{name}: instrument.scopes[{i}] = \"{sc}\" is not a scope of {CLASSES_FILE}"
                    ));
                }
            }
        }
    }
}

/// The checks within one table: dates in order.
fn table_checks(name: &str, path: &str, t: &toml::Table, out: &mut Vec<String>) {
    for (a, b, strict) in DATE_ORDER {
        let (Some(Value::Datetime(x)), Some(Value::Datetime(y))) = (t.get(*a), t.get(*b)) else {
            continue;
        };
        let (Some(dx), Some(dy)) = (date_of(x), date_of(y)) else {
            continue;
        };
        if dx > dy || (*strict && dx == dy) {
            out.push(format!(
                "{name}: {path}.{a} = {x} is {} {path}.{b} = {y}",
                if *strict { "not before" } else { "after" }
            ));
        }
    }
}

/// A fact labelled `confirmed` must cite the official text (or a verbatim copy) it was read in:
/// its table's `sources`, or the nearest enclosing table's (a threshold cites its item's).
fn confirmed_checks(
    name: &str,
    path: &str,
    v: &Value,
    inherited: Option<&Vec<Value>>,
    source_kinds: &BTreeMap<String, String>,
    out: &mut Vec<String>,
) {
    match v {
        Value::Table(t) => {
            let sources = match t.get("sources") {
                Some(Value::Array(a)) => Some(a),
                _ => inherited,
            };
            let confirmed = t.iter().find(|(k, v)| {
                (*k == "status" || k.ends_with("_status")) && v.as_str() == Some("confirmed")
            });
            if let (Some((key, _)), Some(sources)) = (confirmed, sources)
                && !sources.iter().any(|s| {
                    s.as_str()
                        .and_then(|k| source_kinds.get(k))
                        .is_some_and(|kind| kind == "official")
                })
            {
                let keys: Vec<&str> = sources.iter().filter_map(Value::as_str).collect();
                let at = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                out.push(format!(
                    "{name}: {at} = \"confirmed\" but none of its sources ({}) is an official text or a verbatim copy",
                    keys.join(", ")
                ));
            }
            for (k, x) in t {
                let child = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                confirmed_checks(name, &child, x, sources, source_kinds, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                confirmed_checks(
                    name,
                    &format!("{path}[{i}]"),
                    x,
                    inherited,
                    source_kinds,
                    out,
                );
            }
        }
        _ => {}
    }
}

/// An evaluation list's announcements: in date order, none before the list's own start, and
/// every entry's announcement one of them.
fn announcements(name: &str, root: &toml::Table, out: &mut Vec<String>) {
    let Some(Value::Array(list)) = root.get("announcement") else {
        return;
    };
    let start = root
        .get("instrument")
        .and_then(|i| i.get("in_force_from"))
        .and_then(Value::as_datetime)
        .and_then(date_of);
    let mut previous: Option<((u16, u8, u8), usize)> = None;
    let mut numbers = BTreeSet::new();
    for (i, a) in list.iter().enumerate() {
        if let Some(n) = a.get("number").and_then(Value::as_str) {
            numbers.insert(n.to_string());
        }
        let Some(d) = a.get("date").and_then(Value::as_datetime) else {
            out.push(format!("{name}: announcement[{i}] has no date"));
            continue;
        };
        let Some(day) = date_of(d) else { continue };
        if let Some(s) = start
            && day < s
        {
            out.push(format!(
                "{name}: announcement[{i}].date = {d} is before instrument.in_force_from"
            ));
        }
        if let Some((p, j)) = previous
            && day < p
        {
            out.push(format!(
                "{name}: announcement[{i}].date = {d} is before announcement[{j}].date: announcements are not in order"
            ));
        }
        previous = Some((day, i));
    }
    if let Some(Value::Array(entries)) = root.get("entry") {
        for (i, e) in entries.iter().enumerate() {
            if let Some(n) = e.get("announcement").and_then(Value::as_str)
                && !numbers.contains(n)
            {
                out.push(format!(
                    "{name}: entry[{i}].announcement = \"{n}\" is no announcement of the file"
                ));
            }
        }
    }
}

/// How many facts carry each status, over every file.
fn status_counts(files: &[DataText]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for f in files {
        let Ok(t) = toml::from_str::<toml::Table>(&f.text) else {
            continue;
        };
        let d = Value::Table(t);
        let mut found = Vec::new();
        values("", &d, &mut found);
        for Found { path, value } in found {
            let key = last_key(&path);
            if (key == "status" || key.ends_with("_status"))
                && let Some(s) = value.as_str()
            {
                *counts.entry(s.to_string()).or_insert(0) += 1;
            }
        }
    }
    counts
}

#[test]
fn every_catalogue_file_is_consistent() {
    let files = builtin_files();
    assert!(
        files.len() >= 20,
        "only {} files found under catalogues/",
        files.len()
    );
    let counts = status_counts(&files);
    println!("facts by status: {counts:?}");
    let problems = problems(&files);
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // Every status the data uses is one of the legend's words (checked above), and the count
    // covers every file: the built-in data has hundreds of labelled facts.
    assert!(counts.values().sum::<usize>() > 400, "{counts:?}");
}

/// Every legal basis id a rule cites that `legal-bases.toml` of `files` does not define.
fn cited_bases_problems(rules: &[&Rule], files: &[DataText]) -> Vec<String> {
    let defined: BTreeSet<String> = files
        .iter()
        .find(|f| f.name == LEGAL_BASES_FILE)
        .and_then(|f| toml::from_str::<Value>(&f.text).ok())
        .map(|d| ids(Some(&d), "basis"))
        .unwrap_or_default();
    let mut out = Vec::new();
    for r in rules {
        if let Grounds::Law(cited) = r.legal_basis {
            if cited.is_empty() {
                out.push(format!("rule {}: cites the law but names no basis", r.id));
            }
            for id in cited.iter().filter(|id| !defined.contains(**id)) {
                out.push(format!(
                    "rule {}: legal basis \"{id}\" is not a basis of {LEGAL_BASES_FILE}",
                    r.id
                ));
            }
        }
    }
    out
}

#[test]
fn every_legal_basis_a_rule_cites_is_defined() {
    let rules: Vec<&Rule> = catscan::findings::rules::all().collect();
    assert_eq!(
        cited_bases_problems(&rules, &builtin_files()),
        Vec::<String>::new()
    );
}

#[test]
fn a_cited_legal_basis_the_data_lacks_is_named() {
    use catscan::evaluate::licence::rules::PERMIT_NOT_GENUINE;
    let files = vec![file(
        LEGAL_BASES_FILE,
        "[[basis]]\nid = \"cn-2023-1-sales-permit\"\n",
    )];
    let misnamed = Rule {
        legal_basis: Grounds::Law(&["cn-2023-1-sales-permit", "cn-2023-1-permit"]),
        ..PERMIT_NOT_GENUINE
    };
    let none = Rule {
        legal_basis: Grounds::Law(&[]),
        ..PERMIT_NOT_GENUINE
    };
    let policy = Rule {
        legal_basis: Grounds::ProjectPolicy,
        ..PERMIT_NOT_GENUINE
    };
    assert_eq!(
        cited_bases_problems(&[&PERMIT_NOT_GENUINE, &misnamed, &none, &policy], &files),
        [
            "rule licence-permit-not-genuine: legal basis \"cn-2023-1-permit\" is not a basis of catalogues/legal-bases.toml",
            "rule licence-permit-not-genuine: cites the law but names no basis",
        ]
    );
}

fn file(name: &str, text: &str) -> DataText {
    DataText {
        name: name.to_string(),
        text: text.to_string(),
    }
}

/// A small consistent set of files, which the broken variants below start from.
fn good_set() -> Vec<DataText> {
    vec![
        file(
            SOURCES_FILE,
            "[[source]]\nkey = \"S-LAW\"\ntitle = \"t\"\nkind = \"official\"\n\n[[source]]\nkey = \"S-PRESS\"\ntitle = \"t\"\nkind = \"secondary\"\n",
        ),
        file(
            "catalogues/packs/us-x.toml",
            "[pack]\nid = \"us-x\"\nin_force_from = 2021-03-12\nin_force_from_status = \"corroborated\"\nstatus = \"confirmed\"\nsources = [\"S-LAW\"]\n\n[[pack.exception]]\nout_of_scope = [\"transceiver\"]\nstatus = \"confirmed\"\nsources = [\"S-LAW\"]\n",
        ),
        file(
            VENDORS_FILE,
            "# [OUI] the registry copy\n\n[[vendor]]\nid = \"a\"\nstatus = \"secondary\"\nsources = [\"[OUI]\", \"https://example.org/a\"]\nlists = [\"us-x\"]\n\n[[vendor]]\nid = \"b\"\nparent = \"a\"\nstatus = \"unknown\"\nsources = [\"[OUI]\"]\n",
        ),
        file(CATEGORIES_FILE, "[[category]]\nid = \"transceiver\"\n"),
        file(
            CLASSES_FILE,
            "[[class]]\nid = \"operating-system\"\n\n[[scope]]\nid = \"desktop\"\nclass = \"operating-system\"\nstatus = \"secondary\"\nsources = [\"S-PRESS\"]\n",
        ),
        file(
            "catalogues/procurement/list.toml",
            "[instrument]\nid = \"list\"\nin_force_from = 2023-12-26\nstatus = \"secondary\"\nscopes = [\"desktop\"]\nsources = [\"S-PRESS\"]\n\n[[announcement]]\nnumber = \"1\"\ndate = 2023-12-26\ndate_status = \"secondary\"\nsources = [\"S-PRESS\"]\n\n[[announcement]]\nnumber = \"2\"\ndate = 2024-05-20\ndate_status = \"secondary\"\nsources = [\"S-PRESS\"]\n\n[[entry]]\nannouncement = \"2\"\nstatus = \"secondary\"\nsources = [\"S-PRESS\"]\n",
        ),
    ]
}

/// The good set with one file's text changed by `edit`.
fn broken(file_name: &str, edit: impl Fn(&str) -> String) -> Vec<String> {
    let mut files = good_set();
    let f = files
        .iter_mut()
        .find(|f| f.name == file_name)
        .expect("a file of the good set");
    let before = f.text.clone();
    f.text = edit(&before);
    assert_ne!(f.text, before, "the edit changed nothing");
    problems(&files)
}

#[test]
fn the_good_set_has_no_problems() {
    assert_eq!(problems(&good_set()), Vec::<String>::new());
}

#[test]
fn a_status_outside_the_legend_is_named_with_its_file_and_key_path() {
    let p = broken(VENDORS_FILE, |t| {
        t.replace("status = \"unknown\"", "status = \"unconfirmed\"")
    });
    assert_eq!(
        p,
        vec![
            "catalogues/vendors.toml: vendor[1].status = \"unconfirmed\" is not a status of the legend (confirmed, corroborated, secondary, inferred, unknown)"
        ]
    );
    let p = broken("catalogues/packs/us-x.toml", |t| {
        t.replace("\"corroborated\"", "\"official\"")
    });
    assert_eq!(
        p,
        vec![
            "catalogues/packs/us-x.toml: pack.in_force_from_status = \"official\" is not a status of the legend (confirmed, corroborated, secondary, inferred, unknown)"
        ]
    );
}

#[test]
fn a_source_key_that_does_not_resolve_is_named() {
    let p = broken("catalogues/procurement/list.toml", |t| {
        t.replacen(
            "sources = [\"S-PRESS\"]\n\n[[announcement]]\nnumber = \"2\"",
            "sources = [\"S-PRES\"]\n\n[[announcement]]\nnumber = \"2\"",
            1,
        )
    });
    assert_eq!(
        p,
        vec![
            "catalogues/procurement/list.toml: announcement[0].sources[0] = \"S-PRES\" does not resolve in catalogues/sources.toml"
        ]
    );
    let p = broken(VENDORS_FILE, |t| {
        t.replace("\"https://example.org/a\"", "\"[WEB]\"")
    });
    assert_eq!(
        p,
        vec![
            "catalogues/vendors.toml: vendor[0].sources[1] = \"[WEB]\" does not resolve in the vendor file's header (a URL or a bracketed registry it defines)"
        ]
    );
}

#[test]
fn dates_out_of_order_are_named() {
    let p = broken("catalogues/procurement/list.toml", |t| {
        t.replace("date = 2024-05-20", "date = 2023-12-20")
    });
    assert_eq!(
        p,
        vec![
            "catalogues/procurement/list.toml: announcement[1].date = 2023-12-20 is before instrument.in_force_from",
            "catalogues/procurement/list.toml: announcement[1].date = 2023-12-20 is before announcement[0].date: announcements are not in order",
        ]
    );
    let p = broken("catalogues/packs/us-x.toml", |t| {
        t.replace(
            "in_force_from = 2021-03-12\n",
            "in_force_from = 2021-03-12\nin_force_until = 2021-03-12\n",
        )
    });
    assert_eq!(
        p,
        vec![
            "catalogues/packs/us-x.toml: pack.in_force_from = 2021-03-12 is not before pack.in_force_until = 2021-03-12"
        ]
    );
    let p = broken(SOURCES_FILE, |t| {
        format!("{t}\n[standard]\nissued = 2022-12-29\neffective = 2022-07-01\n")
    });
    assert_eq!(
        p,
        vec![
            "catalogues/sources.toml: standard.issued = 2022-12-29 is after standard.effective = 2022-07-01"
        ]
    );
}

#[test]
fn a_list_id_that_is_no_pack_id_is_named() {
    let p = broken(VENDORS_FILE, |t| {
        t.replace("lists = [\"us-x\"]", "lists = [\"x\"]")
    });
    assert_eq!(
        p,
        vec!["catalogues/vendors.toml: vendor[0].lists[0] = \"x\" is not a pack id (one of us-x)"]
    );
}

#[test]
fn a_parent_that_is_no_vendor_id_is_named() {
    let p = broken(VENDORS_FILE, |t| {
        t.replace("parent = \"a\"", "parent = \"A Holdings Ltd\"")
    });
    assert_eq!(
        p,
        vec![
            "catalogues/vendors.toml: vendor[1].parent = \"A Holdings Ltd\" is not a vendor id (name a parent the registry lacks in parent_name)"
        ]
    );
}

#[test]
fn confirmed_without_an_official_source_is_named() {
    let p = broken("catalogues/procurement/list.toml", |t| {
        t.replacen("status = \"secondary\"", "status = \"confirmed\"", 1)
    });
    assert_eq!(
        p,
        vec![
            "catalogues/procurement/list.toml: instrument.status = \"confirmed\" but none of its sources (S-PRESS) is an official text or a verbatim copy"
        ]
    );
    let p = broken("catalogues/procurement/list.toml", |t| {
        t.replacen(
            "date_status = \"secondary\"",
            "date_status = \"confirmed\"",
            1,
        )
    });
    assert_eq!(
        p,
        vec![
            "catalogues/procurement/list.toml: announcement[0].date_status = \"confirmed\" but none of its sources (S-PRESS) is an official text or a verbatim copy"
        ]
    ); // A table without sources of its own cites its enclosing table's.
    let p = broken(SOURCES_FILE, |t| {
        format!(
            "{t}\n[item]\nsources = [\"S-PRESS\"]\n\n[item.threshold]\nstatus = \"confirmed\"\n"
        )
    });
    assert_eq!(
        p,
        vec![
            "catalogues/sources.toml: item.threshold.status = \"confirmed\" but none of its sources (S-PRESS) is an official text or a verbatim copy"
        ]
    );
}

#[test]
fn names_the_exceptions_and_scopes_give_must_exist() {
    let p = broken("catalogues/packs/us-x.toml", |t| {
        t.replace(
            "out_of_scope = [\"transceiver\"]",
            "out_of_scope = [\"optic\"]",
        )
    });
    assert_eq!(
        p,
        vec![
            "catalogues/packs/us-x.toml: pack.exception[0].out_of_scope[0] = \"optic\" is not a category of catalogues/categories.toml"
        ]
    );
    let p = broken(CLASSES_FILE, |t| {
        t.replace("class = \"operating-system\"", "class = \"os\"")
    });
    assert_eq!(
        p,
        vec![
            "catalogues/procurement/classes.toml: scope[0].class = \"os\" is not a class of the file"
        ]
    );
    let p = broken("catalogues/procurement/list.toml", |t| {
        t.replace("scopes = [\"desktop\"]", "scopes = [\"server\"]")
    });
    assert_eq!(
        p,
        vec![
            "catalogues/procurement/list.toml: instrument.scopes[0] = \"server\" is not a scope of catalogues/procurement/classes.toml"
        ]
    );
}
