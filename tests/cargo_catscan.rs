//! `cargo catscan` on the test workspace in `tests/workspaces/firewall`: with the saved metadata
//! (no cargo run, no network) and with a real `cargo metadata --offline`. The run on the saved
//! metadata has a results snapshot, `tests/golden/cargo/firewall.txt` (see
//! `tests/common/snapshot.rs`).
//!
//! To review a change: `CATSCAN_BLESS=1 cargo test --test cargo_catscan` (only the value `1`
//! rewrites), then read `git diff tests/golden/cargo`.

mod common;

use std::process::Command;

use common::snapshot::assert_results_snapshot;
use common::{Run, command_line, root};
use serde_json::Value;

fn cargo_catscan(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_cargo-catscan"))
        .arg("catscan")
        .args(args)
        .args(["--format", "sarif"])
        .current_dir(root())
        .output()
        .expect("cargo-catscan runs");
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// (rule, level, Cargo.lock line, end of the message) of the workspace run's results.
fn results(sarif: &Value) -> Vec<(String, String, u64, String)> {
    sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let text = r["message"]["text"].as_str().unwrap();
            let tail: String = text
                .chars()
                .rev()
                .take(80)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            (
                r["ruleId"].as_str().unwrap().to_owned(),
                r["level"].as_str().unwrap().to_owned(),
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap(),
                tail,
            )
        })
        .collect()
}

#[test]
fn saved_metadata_gives_located_findings_with_their_paths() {
    let args = [
        "--metadata-path",
        "tests/workspaces/firewall/metadata.simulated.json",
        "--config",
        "tests/workspaces/policy/catscan.toml",
        "--as-of",
        "2026-11-23",
        "--fail-on",
        "none",
        "-q",
    ];
    let run = cargo_catscan(&args);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mut shown = vec!["catscan"];
    shown.extend(args);
    shown.extend(["--format", "sarif"]);
    assert_results_snapshot(
        "cargo/firewall.txt",
        &command_line("cargo", &shown),
        &run.stdout,
        &[],
    );
    let sarif: Value = serde_json::from_str(&run.stdout).unwrap();
    let files: Vec<&str> = sarif["runs"][0]["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["location"]["uri"].as_str().unwrap())
        .collect();
    // One run; the workspace, then the HBOM its Cargo.toml names.
    assert_eq!(sarif["runs"].as_array().unwrap().len(), 1);
    assert_eq!(
        files,
        [
            "tests/workspaces/firewall/Cargo.lock",
            "tests/workspaces/firewall/hw/hbom.cdx.json"
        ]
    );
    let found = results(&sarif);
    let rules: Vec<(&str, &str, u64)> = found
        .iter()
        .map(|(r, l, line, _)| (r.as_str(), l.as_str(), *line))
        .collect();
    // The application declares itself a firewall with a certificate (a note: evidence on
    // record); both versions of `log` come from a repository the policy's list blocks.
    assert_eq!(
        rules,
        [
            ("evidence-on-record", "note", 9),
            ("origin-listed-vendor", "error", 39),
            ("origin-listed-vendor", "error", 43),
        ]
    );
    assert!(
        found[1]
            .3
            .ends_with("Introduced via fw-appliance 2.1.0 → fw-core 2.1.0 → log 0.3.9."),
        "{}",
        found[1].3
    );
    let flow = &sarif["runs"][0]["results"][1]["codeFlows"][0]["threadFlows"][0]["locations"];
    assert_eq!(flow.as_array().unwrap().len(), 3);
    // Each `log` is also shown where a member's Cargo.toml asks for it.
    let declared = |i: usize| {
        let l = &sarif["runs"][0]["results"][i]["relatedLocations"][0];
        (
            l["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .to_owned(),
            l["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap(),
            l["message"]["text"].as_str().unwrap().to_owned(),
        )
    };
    assert_eq!(
        declared(1),
        (
            "tests/workspaces/firewall/crates/fw-core/Cargo.toml".to_owned(),
            9,
            "dependency of fw-core 2.1.0".to_owned()
        )
    );
    assert_eq!(
        declared(2),
        (
            "tests/workspaces/firewall/Cargo.toml".to_owned(),
            19,
            "dependency of fw-appliance 2.1.0".to_owned()
        )
    );
}

#[test]
fn a_real_cargo_metadata_run_reads_the_workspace_and_its_policy() {
    // The workspace's Cargo.toml carries a policy table (markets cn and us, MLPS grade 3): with
    // no catscan.toml it applies.
    let run = cargo_catscan(&[
        "--manifest-path",
        "tests/workspaces/firewall/Cargo.toml",
        "--offline",
        "--locked",
        "--as-of",
        "2026-11-23",
        "--fail-on",
        "none",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("Policy: tests/workspaces/firewall/Cargo.toml\n")
            && run.stderr.contains(
                "tests/workspaces/firewall/Cargo.toml:41:1: warning[policy-exception-unused]"
            ),
        "{}",
        run.stderr
    );
    let sarif: Value = serde_json::from_str(&run.stdout).unwrap();
    let found = results(&sarif);
    assert!(
        found
            .iter()
            .any(|(r, l, line, _)| r == "evidence-on-record" && l == "note" && *line == 9),
        "{found:?}"
    );
}

#[test]
fn cargo_errors_say_what_failed() {
    let run = cargo_catscan(&[
        "--manifest-path",
        "tests/workspaces/no-such/Cargo.toml",
        "--offline",
    ]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(run.stderr.contains("no-such"), "{}", run.stderr);
}
