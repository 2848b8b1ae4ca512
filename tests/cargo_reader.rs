//! The Cargo workspace reader, on `tests/workspaces/firewall`: a binary member that declares
//! itself a certified firewall, a library member, path crates and, in the hand-edited
//! `metadata.simulated.json` / `Cargo.simulated.lock` (written by `simulate.py`), crates from
//! crates.io, another registry and git. The saved metadata needs no cargo and no network; the
//! last tests run `cargo metadata --offline` on the workspace itself.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use catscan::ingest::cargo::{CargoOptions, Workspace, metadata, read_workspace};
use catscan::inventory::{ComponentKind, EdgeKind, Inventory, Severity, SourceFile};

fn workspace_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/workspaces/firewall")
}

fn lock_source(file: &str) -> SourceFile {
    SourceFile {
        path: workspace_dir().join(file),
        display: format!("tests/workspaces/firewall/{file}"),
    }
}

fn saved(file: &str) -> cargo_metadata::Metadata {
    metadata(&CargoOptions {
        metadata_path: Some(workspace_dir().join(file)),
        ..CargoOptions::default()
    })
    .unwrap()
}

/// Reads the simulated workspace with `options` (their `metadata_path` is set here).
fn read_simulated(lock_text: &str, options: CargoOptions) -> Workspace<'_> {
    let options = CargoOptions {
        metadata_path: Some(workspace_dir().join("metadata.simulated.json")),
        ..options
    };
    let meta = metadata(&options).unwrap();
    read_workspace(
        &meta,
        lock_source("Cargo.simulated.lock"),
        lock_text,
        &options,
    )
    .unwrap()
}

fn simulated_lock() -> String {
    std::fs::read_to_string(workspace_dir().join("Cargo.simulated.lock")).unwrap()
}

/// `name version` of every component, in order.
fn names(inventory: &Inventory) -> Vec<String> {
    inventory
        .components
        .iter()
        .map(|c| format!("{} {}", c.name, c.version.as_deref().unwrap_or("")))
        .collect()
}

fn properties(inventory: &Inventory, name: &str) -> BTreeMap<String, String> {
    let c = inventory
        .components
        .iter()
        .find(|c| c.name == name)
        .unwrap();
    c.properties
        .iter()
        .map(|p| (p.name.to_string(), p.value.to_string()))
        .collect()
}

/// `from -> to` for every edge, by `name version`.
fn edges(inventory: &Inventory) -> Vec<String> {
    let label = |i: usize| {
        let c = &inventory.components[i];
        format!("{} {}", c.name, c.version.as_deref().unwrap_or(""))
    };
    let mut out = Vec::new();
    for id in inventory.ids() {
        for (to, kind) in inventory.graph.successors(id) {
            assert_eq!(kind, EdgeKind::DependsOn);
            out.push(format!("{} -> {}", label(id.index()), label(to.index())));
        }
    }
    out
}

#[test]
fn components_kinds_purls_and_roots() {
    let lock = simulated_lock();
    let ws = read_simulated(&lock, CargoOptions::default());
    let inv = &ws.inventory;
    assert_eq!(inv.format.as_str(), "Cargo workspace");
    assert_eq!(inv.spec_version, "lockfile v4");
    // Members first (the selected root, then the member it depends on), then the rest sorted;
    // the dev-dependency fw-testkit and the build-dependency cc are left out.
    assert_eq!(
        names(inv),
        [
            "fw-appliance 2.1.0",
            "fw-core 2.1.0",
            "fw-proto 0.3.0",
            "log 0.3.9",
            "log 0.4.22",
            "netfilter 0.2.0",
            "netlink-sys 0.8.6",
            "windows-service 0.7.0",
        ]
    );
    let by_name = |n: &str, v: &str| {
        inv.components
            .iter()
            .find(|c| c.name == n && c.version.as_deref() == Some(v))
            .unwrap()
    };
    let app = by_name("fw-appliance", "2.1.0");
    assert_eq!(app.kind, ComponentKind::Application);
    assert!(app.is_root);
    assert_eq!(
        inv.root().map(catscan::inventory::ComponentId::index),
        Some(0)
    );
    assert_eq!(app.description.as_deref(), Some("Edge firewall appliance"));
    assert!(app.authors.is_empty() && app.manufacturer.is_none() && app.supplier.is_none());
    // `publish = false`: not a crates.io crate.
    assert_eq!(app.purl, None);
    assert_eq!(app.bom_ref.as_deref(), Some("fw-appliance@2.1.0"));

    let core = by_name("fw-core", "2.1.0");
    assert_eq!(core.kind, ComponentKind::Library);
    assert!(!core.is_root);
    assert_eq!(core.purl.as_deref(), Some("pkg:cargo/fw-core@2.1.0"));

    let expected_purls = [
        ("fw-proto", "0.3.0", None),
        ("log", "0.3.9", Some("pkg:cargo/log@0.3.9")),
        ("log", "0.4.22", Some("pkg:cargo/log@0.4.22")),
        (
            "netfilter",
            "0.2.0",
            Some(
                "pkg:cargo/netfilter@0.2.0?vcs_url=git%2Bhttps://github.com/example/netfilter%405f1a9e3c2b7d4e6f8a0b1c2d3e4f5a6b7c8d9e0f",
            ),
        ),
        ("netlink-sys", "0.8.6", Some("pkg:cargo/netlink-sys@0.8.6")),
    ];
    for (name, version, purl) in expected_purls {
        let c = by_name(name, version);
        assert_eq!(c.purl.as_deref(), purl, "{name} {version}");
        assert_eq!(c.kind, ComponentKind::Library, "{name}");
        assert!(!c.is_root && c.authors.is_empty(), "{name}");
        assert_eq!(c.bom_ref.as_deref(), Some(purl.unwrap_or("fw-proto@0.3.0")));
    }
    assert_eq!(
        by_name("log", "0.4.22").description.as_deref(),
        Some("A lightweight logging facade for Rust")
    );
}

#[test]
fn properties_of_members_and_dependencies() {
    let lock = simulated_lock();
    let ws = read_simulated(&lock, CargoOptions::default());
    let inv = &ws.inventory;
    let props = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    assert_eq!(
        properties(inv, "fw-appliance"),
        props(&[
            ("cargo:source", "path"),
            ("cargo:repository", "https://git.example.com/fw/appliance"),
            ("cargo:license", "Apache-2.0"),
            ("catscan:category", "firewall"),
            ("catscan:certificate", "CCRC-2024-FW-0117"),
            ("catscan:certificate-issued", "2024-03-01"),
            // From [workspace.metadata.catscan], the default for every member.
            ("catscan:test-report", "TR-2024-0042"),
            ("catscan:test-report-date", "2024-02-01"),
        ])
    );
    assert_eq!(
        properties(inv, "fw-core"),
        props(&[
            ("cargo:source", "path"),
            ("cargo:license", "Apache-2.0"),
            ("catscan:test-report", "TR-2024-0042"),
            ("catscan:test-report-date", "2024-02-01"),
        ])
    );
    assert_eq!(
        properties(inv, "fw-proto"),
        props(&[("cargo:source", "path"), ("cargo:license", "Apache-2.0")])
    );
    assert_eq!(
        properties(inv, "netfilter"),
        props(&[
            ("cargo:source", "git"),
            ("cargo:repository", "https://github.com/example/netfilter"),
            ("cargo:license", "MIT"),
        ])
    );
    assert_eq!(
        properties(inv, "netlink-sys")["cargo:source"],
        "registry".to_string()
    );
    // The category is located where the member is: its Cargo.lock entry.
    let app = &inv.components[0];
    assert_eq!(app.property("catscan:category").unwrap().span, app.span);
}

#[test]
fn graph_edges() {
    let lock = simulated_lock();
    let ws = read_simulated(&lock, CargoOptions::default());
    assert_eq!(
        edges(&ws.inventory),
        [
            "fw-appliance 2.1.0 -> fw-core 2.1.0",
            "fw-appliance 2.1.0 -> fw-proto 0.3.0",
            "fw-appliance 2.1.0 -> log 0.4.22",
            "fw-appliance 2.1.0 -> netfilter 0.2.0",
            "fw-appliance 2.1.0 -> netlink-sys 0.8.6",
            "fw-appliance 2.1.0 -> windows-service 0.7.0",
            "fw-core 2.1.0 -> fw-proto 0.3.0",
            "fw-core 2.1.0 -> log 0.3.9",
            "netfilter 0.2.0 -> log 0.4.22",
        ]
    );
}

#[test]
fn dev_and_build_dependencies_when_asked() {
    let lock = simulated_lock();
    let ws = read_simulated(
        &lock,
        CargoOptions {
            include_dev: true,
            include_build: true,
            ..CargoOptions::default()
        },
    );
    let inv = &ws.inventory;
    assert_eq!(
        names(inv),
        [
            "fw-appliance 2.1.0",
            "fw-core 2.1.0",
            "cc 1.1.0",
            "fw-proto 0.3.0",
            "fw-testkit 0.1.0",
            "log 0.3.9",
            "log 0.4.22",
            "netfilter 0.2.0",
            "netlink-sys 0.8.6",
            "windows-service 0.7.0",
        ]
    );
    let testkit = inv
        .components
        .iter()
        .find(|c| c.name == "fw-testkit")
        .unwrap();
    assert_eq!(
        testkit.purl.as_deref(),
        Some("pkg:cargo/fw-testkit@0.1.0?repository_url=https://crates.example.com/index/")
    );
    let e = edges(inv);
    assert!(
        e.contains(&"fw-appliance 2.1.0 -> cc 1.1.0".to_string()),
        "{e:?}"
    );
    assert!(
        e.contains(&"fw-appliance 2.1.0 -> fw-testkit 0.1.0".to_string()),
        "{e:?}"
    );

    // Only one of them.
    let ws = read_simulated(
        &lock,
        CargoOptions {
            include_build: true,
            ..CargoOptions::default()
        },
    );
    let n = names(&ws.inventory);
    assert!(n.contains(&"cc 1.1.0".to_string()) && !n.contains(&"fw-testkit 0.1.0".to_string()));
}

#[test]
fn target_filters_platform_specific_dependencies() {
    let lock = simulated_lock();
    let read = |triple: &str| {
        names(
            &read_simulated(
                &lock,
                CargoOptions {
                    target: Some(triple.to_string()),
                    ..CargoOptions::default()
                },
            )
            .inventory,
        )
    };
    // `[target.x86_64-unknown-linux-gnu.dependencies] netlink-sys`,
    // `[target.'cfg(windows)'.dependencies] windows-service`.
    let windows = read("x86_64-pc-windows-msvc");
    assert!(
        !windows.contains(&"netlink-sys 0.8.6".to_string()),
        "{windows:?}"
    );
    assert!(
        windows.contains(&"windows-service 0.7.0".to_string()),
        "{windows:?}"
    );
    let linux = read("x86_64-unknown-linux-gnu");
    assert!(
        linux.contains(&"netlink-sys 0.8.6".to_string()),
        "{linux:?}"
    );
    assert!(
        !linux.contains(&"windows-service 0.7.0".to_string()),
        "{linux:?}"
    );
    // A target catscan knows nothing about keeps what it cannot rule out.
    let unknown = read("xtensa-esp32-espidf");
    assert!(
        !unknown.contains(&"netlink-sys 0.8.6".to_string()),
        "{unknown:?}"
    );
    assert!(
        unknown.contains(&"windows-service 0.7.0".to_string()),
        "{unknown:?}"
    );
}

#[test]
fn components_are_located_at_their_lock_entries() {
    let lock = simulated_lock();
    let ws = read_simulated(
        &lock,
        CargoOptions {
            include_dev: true,
            include_build: true,
            ..CargoOptions::default()
        },
    );
    let inv = &ws.inventory;
    let lines: Vec<(String, u32)> = inv
        .components
        .iter()
        .map(|c| {
            (
                format!("{} {}", c.name, c.version.as_deref().unwrap()),
                inv.position(c.span.start).line,
            )
        })
        .collect();
    let expected = [
        ("fw-appliance 2.1.0", 11),
        ("fw-core 2.1.0", 25),
        ("cc 1.1.0", 5),
        ("fw-proto 0.3.0", 33),
        ("fw-testkit 0.1.0", 37),
        ("log 0.3.9", 43),
        ("log 0.4.22", 49),
        ("netfilter 0.2.0", 55),
        ("netlink-sys 0.8.6", 63),
        ("windows-service 0.7.0", 69),
    ];
    assert_eq!(
        lines,
        expected
            .iter()
            .map(|(n, l)| (n.to_string(), *l))
            .collect::<Vec<_>>()
    );
    for c in &inv.components {
        assert_eq!(
            &lock[c.span.start..c.span.end],
            format!("[[package]]\nname = \"{}\"", c.name),
        );
    }
}

#[test]
fn hboms_and_policy() {
    let lock = simulated_lock();
    let ws = read_simulated(&lock, CargoOptions::default());
    // The saved metadata names /home/ci/src/firewall; paths are re-based onto the Cargo.lock's
    // directory.
    assert_eq!(ws.hboms, [workspace_dir().join("hw/hbom.cdx.json")]);
    assert!(ws.hboms[0].is_file());

    let (text, path, line) = ws.policy.expect("the member's policy");
    assert_eq!(path, workspace_dir().join("Cargo.toml"));
    assert_eq!(line, 41, "the line of [package.metadata.catscan.policy]");
    let manifest = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        manifest.lines().nth(line - 1),
        Some("[package.metadata.catscan.policy]")
    );
    let policy: toml::Table = text.parse().unwrap();
    assert_eq!(
        policy["markets"].as_array().unwrap(),
        &vec![toml::Value::from("cn"), toml::Value::from("us")]
    );
    assert_eq!(policy["mlps-grade"].as_integer(), Some(3));
    let exception = &policy["exception"][0];
    assert_eq!(exception["name"].as_str(), Some("netfilter"));
    assert_eq!(exception["rule"].as_str(), Some("origin-undetermined"));
    // Dates come back as TOML dates, as catscan.toml writes them.
    assert_eq!(
        exception["expires"]
            .as_datetime()
            .map(std::string::ToString::to_string),
        Some("2027-06-30".to_string())
    );
}

#[test]
fn unknown_keys_are_warned_about_with_their_line() {
    let lock = simulated_lock();
    let ws = read_simulated(&lock, CargoOptions::default());
    let warnings: Vec<_> = ws
        .inventory
        .diagnostics
        .iter()
        .filter(|d| d.code == "unknown-catscan-key")
        .collect();
    assert_eq!(warnings.len(), 1, "{:?}", ws.inventory.diagnostics);
    assert_eq!(warnings[0].severity, Severity::Warning);
    let m = &warnings[0].message;
    assert!(
        m.starts_with(
            "tests/workspaces/firewall/Cargo.toml:38: in [package.metadata.catscan]: unknown key `certficate-expiry`; did you mean `certificate-expiry`? (valid keys: certificate-expiry, category, catalogue-item,"
        ),
        "{m}"
    );
    assert!(m.contains("hboms, policy"), "{m}");
    assert!(
        !properties(&ws.inventory, "fw-appliance").contains_key("catscan:certificate-expiry"),
        "a misspelt key is not read"
    );
    // Nothing else to say about this workspace.
    assert_eq!(
        ws.inventory.diagnostics.len(),
        1,
        "{:?}",
        ws.inventory.diagnostics
    );
}

#[test]
fn package_selection() {
    let lock = simulated_lock();
    // -p fw-core: the library alone, with what it needs; its workspace defaults, no policy.
    let ws = read_simulated(
        &lock,
        CargoOptions {
            packages: vec!["fw-core".into()],
            ..CargoOptions::default()
        },
    );
    assert_eq!(
        names(&ws.inventory),
        ["fw-core 2.1.0", "fw-proto 0.3.0", "log 0.3.9"]
    );
    assert!(ws.inventory.components[0].is_root);
    assert!(ws.hboms.is_empty());
    assert_eq!(ws.policy, None);

    // --workspace: every member is a root, in metadata order.
    let ws = read_simulated(
        &lock,
        CargoOptions {
            workspace: true,
            ..CargoOptions::default()
        },
    );
    let roots: Vec<_> = ws
        .inventory
        .components
        .iter()
        .filter(|c| c.is_root)
        .map(|c| c.name.to_string())
        .collect();
    assert_eq!(roots, ["fw-core", "fw-appliance"]);
    assert_eq!(ws.inventory.components.len(), 8);
    assert!(ws.policy.is_some());

    // --workspace --exclude fw-appliance.
    let ws = read_simulated(
        &lock,
        CargoOptions {
            workspace: true,
            exclude: vec!["fw-appliance".into(), "nonesuch".into()],
            ..CargoOptions::default()
        },
    );
    assert_eq!(ws.inventory.components.len(), 3);
    assert!(
        ws.inventory
            .diagnostics
            .iter()
            .any(|d| d.code == "unknown-excluded-package" && d.message.contains("nonesuch")),
        "{:?}",
        ws.inventory.diagnostics
    );
}

#[test]
fn selection_errors_name_the_members() {
    let lock = simulated_lock();
    let meta = saved("metadata.simulated.json");
    let read = |options: CargoOptions| {
        read_workspace(&meta, lock_source("Cargo.simulated.lock"), &lock, &options).unwrap_err()
    };
    let e = read(CargoOptions {
        packages: vec!["fw-cor".into()],
        ..CargoOptions::default()
    });
    assert_eq!(e.file, "tests/workspaces/firewall/Cargo.simulated.lock");
    assert!(
        e.message.contains("--package fw-cor: no workspace member is called so; did you mean `fw-core`? (members: fw-core, fw-appliance)"),
        "{}",
        e.message
    );
    let e = read(CargoOptions {
        exclude: vec!["fw-core".into()],
        ..CargoOptions::default()
    });
    assert!(
        e.message
            .contains("--exclude can only be used together with --workspace")
    );
}

#[test]
fn without_a_lock_file_everything_is_at_line_one() {
    let ws = read_simulated("", CargoOptions::default());
    let inv = &ws.inventory;
    assert_eq!(inv.components.len(), 8);
    assert!(
        inv.components
            .iter()
            .all(|c| c.span.start == 0 && c.span.end == 0)
    );
    let missing: Vec<_> = inv
        .diagnostics
        .iter()
        .filter(|d| d.code == "no-cargo-lock")
        .collect();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].severity, Severity::Warning);
    assert!(missing[0].message.contains("cargo generate-lockfile"));
    assert_eq!(inv.spec_version, "no lockfile");
}

#[test]
fn a_stale_lock_file_is_an_error() {
    let lock = simulated_lock();
    let start = lock.find("[[package]]\nname = \"netfilter\"").unwrap();
    let end = start + lock[start..].find("\n\n").unwrap() + 2;
    let stale = format!("{}{}", &lock[..start], &lock[end..]);
    let meta = saved("metadata.simulated.json");
    let e = read_workspace(
        &meta,
        lock_source("Cargo.simulated.lock"),
        &stale,
        &CargoOptions::default(),
    )
    .unwrap_err();
    assert!(
        e.message.starts_with(
            "netfilter 0.2.0 (git+https://github.com/example/netfilter?branch=main#5f1a9e3c2b7d4e6f8a0b1c2d3e4f5a6b7c8d9e0f) is in the workspace's `cargo metadata` but not in this Cargo.lock"
        ),
        "{}",
        e.message
    );
    assert!(
        e.message.contains("run `cargo generate-lockfile`"),
        "{}",
        e.message
    );
}

#[test]
fn saved_metadata_of_the_real_workspace() {
    let lock = std::fs::read_to_string(workspace_dir().join("Cargo.lock")).unwrap();
    let meta = saved("metadata.json");
    let ws = read_workspace(
        &meta,
        lock_source("Cargo.lock"),
        &lock,
        &CargoOptions::default(),
    )
    .unwrap();
    let inv = &ws.inventory;
    assert_eq!(inv.components.len(), 8);
    // Every dependency is a path crate there: no purl but the library member's.
    for c in &inv.components {
        assert_eq!(c.property("cargo:source").unwrap().value, "path");
        assert_eq!(c.purl.is_some(), c.name == "fw-core", "{}", c.name);
    }
    let netfilter = inv
        .components
        .iter()
        .find(|c| c.name == "netfilter")
        .unwrap();
    assert_eq!(inv.position(netfilter.span.start).line, 47);
    assert_eq!(ws.hboms, [workspace_dir().join("hw/hbom.cdx.json")]);
}

#[test]
fn bad_saved_metadata_is_an_error_naming_the_file() {
    let e = metadata(&CargoOptions {
        metadata_path: Some(workspace_dir().join("Cargo.toml")),
        ..CargoOptions::default()
    })
    .unwrap_err();
    assert!(
        e.contains("Cargo.toml: not the output of `cargo metadata --format-version 1`"),
        "{e}"
    );
    let e = metadata(&CargoOptions {
        metadata_path: Some(workspace_dir().join("absent.json")),
        ..CargoOptions::default()
    })
    .unwrap_err();
    assert!(
        e.contains("absent.json: cannot read the saved `cargo metadata` output"),
        "{e}"
    );
}

#[test]
fn cargo_metadata_runs_offline_on_the_workspace() {
    let options = CargoOptions {
        manifest_path: Some(workspace_dir().join("Cargo.toml")),
        offline: true,
        locked: true,
        ..CargoOptions::default()
    };
    let meta = metadata(&options).unwrap();
    assert_eq!(meta.workspace_members.len(), 2);
    let lock = std::fs::read_to_string(workspace_dir().join("Cargo.lock")).unwrap();
    let ws = read_workspace(&meta, lock_source("Cargo.lock"), &lock, &options).unwrap();
    let saved_ws = {
        let saved_meta = saved("metadata.json");
        names(
            &read_workspace(&saved_meta, lock_source("Cargo.lock"), &lock, &options)
                .unwrap()
                .inventory,
        )
    };
    assert_eq!(names(&ws.inventory), saved_ws);
    assert_eq!(ws.inventory.components[0].name, "fw-appliance");
    assert_eq!(
        ws.inventory.components[0]
            .property("catscan:category")
            .map(|p| p.value.to_string()),
        Some("firewall".to_string())
    );

    // --target is passed on as --filter-platform: cargo leaves the Linux-only crate out.
    let windows = CargoOptions {
        target: Some("x86_64-pc-windows-msvc".into()),
        ..options.clone()
    };
    let meta = metadata(&windows).unwrap();
    let ws = read_workspace(&meta, lock_source("Cargo.lock"), &lock, &windows).unwrap();
    let n = names(&ws.inventory);
    assert!(!n.contains(&"netlink-sys 0.8.6".to_string()), "{n:?}");
    assert!(n.contains(&"windows-service 0.7.0".to_string()), "{n:?}");
}

#[test]
fn cargo_metadata_failures_say_what_to_do() {
    // A copy of the workspace without its Cargo.lock, read with --locked.
    let copy = common::scratch("without-lock");
    copy_dir(&workspace_dir(), &copy);
    std::fs::remove_file(copy.join("Cargo.lock")).unwrap();
    let e = metadata(&CargoOptions {
        manifest_path: Some(copy.join("Cargo.toml")),
        offline: true,
        locked: true,
        ..CargoOptions::default()
    })
    .unwrap_err();
    std::fs::remove_dir_all(&copy).unwrap();
    assert!(e.starts_with("`cargo metadata` failed:\n"), "{e}");
    assert!(e.contains("--locked"), "cargo's own words: {e}");
    assert!(e.contains("run `cargo generate-lockfile`"), "{e}");

    let e = metadata(&CargoOptions {
        manifest_path: Some(workspace_dir().join("absent/Cargo.toml")),
        offline: true,
        ..CargoOptions::default()
    })
    .unwrap_err();
    assert!(e.contains("--manifest-path"), "{e}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn workspace_defaults_and_one_policy_per_scan() {
    let text = std::fs::read_to_string(workspace_dir().join("metadata.simulated.json")).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["metadata"]["catscan"]["hboms"] = serde_json::json!(["hw/shared.cdx.json"]);
    json["metadata"]["catscan"]["policy"] = serde_json::json!({"markets": ["cn"]});
    let with_core = |core_metadata: serde_json::Value| {
        let mut json = json.clone();
        let core = json["packages"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|p| p["name"] == "fw-core")
            .unwrap();
        core["metadata"] = core_metadata;
        cargo_metadata::MetadataCommand::parse(json.to_string()).unwrap()
    };
    let lock = simulated_lock();
    let core_only = CargoOptions {
        packages: vec!["fw-core".into()],
        ..CargoOptions::default()
    };
    let root = workspace_dir();

    // A member without a policy gets the workspace's, and the workspace's hboms, relative to the
    // workspace root.
    let meta = with_core(serde_json::Value::Null);
    let ws = read_workspace(
        &meta,
        lock_source("Cargo.simulated.lock"),
        &lock,
        &core_only,
    )
    .unwrap();
    assert_eq!(ws.hboms, [root.join("hw/shared.cdx.json")]);
    let (text, path, line) = ws.policy.unwrap();
    assert_eq!(text.trim(), "markets = [\"cn\"]");
    // The real Cargo.toml has no [workspace.metadata.catscan.policy]: the line of the table the
    // policy would be inline in.
    assert_eq!((path, line), (root.join("Cargo.toml"), 55));

    // Its own policy replaces the workspace's; a value of the wrong type is a warning.
    let meta =
        with_core(serde_json::json!({"catscan": {"policy": {"mlps-grade": 2}, "category": true}}));
    let ws = read_workspace(
        &meta,
        lock_source("Cargo.simulated.lock"),
        &lock,
        &core_only,
    )
    .unwrap();
    let (text, path, _) = ws.policy.unwrap();
    assert_eq!(text.trim(), "mlps-grade = 2");
    assert_eq!(path, root.join("crates/fw-core/Cargo.toml"));
    let invalid: Vec<_> = ws
        .inventory
        .diagnostics
        .iter()
        .filter(|d| d.code == "invalid-catscan-value")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        invalid,
        [
            "tests/workspaces/firewall/crates/fw-core/Cargo.toml: in [package.metadata.catscan]: `category` is a boolean; expected a string; it is ignored"
        ]
    );
    assert!(
        ws.inventory.components[0]
            .property("catscan:category")
            .is_none()
    );

    // Two selected members with policies: one scan, one policy, the first member's.
    let ws = read_workspace(
        &meta,
        lock_source("Cargo.simulated.lock"),
        &lock,
        &CargoOptions {
            workspace: true,
            ..CargoOptions::default()
        },
    )
    .unwrap();
    assert!(ws.policy.unwrap().0.contains("mlps-grade = 2"));
    let ignored: Vec<_> = ws
        .inventory
        .diagnostics
        .iter()
        .filter(|d| d.code == "policy-ignored")
        .collect();
    assert_eq!(ignored.len(), 1);
    assert!(
        ignored[0].message.starts_with(
            "tests/workspaces/firewall/Cargo.toml:41: the policy of fw-appliance is ignored"
        ),
        "{}",
        ignored[0].message
    );
    assert_eq!(
        ws.hboms,
        [
            root.join("hw/shared.cdx.json"),
            root.join("hw/hbom.cdx.json")
        ]
    );
}
