//! The scan step of `action.yml` (`scripts/action-scan.sh`) run locally with a simulated GitHub
//! Actions environment: outputs, job summary, annotations, exit status, and inputs that try to
//! inject shell code.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::root;

struct Step {
    status: i32,
    stdout: String,
    outputs: String,
    summary: String,
    dir: PathBuf,
}

fn run_step(name: &str, env: &[(&str, &str)]) -> Step {
    let dir = std::env::temp_dir().join(format!("catscan-action-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let outputs = dir.join("github-output");
    let summary = dir.join("step-summary.md");
    std::fs::write(&outputs, "").unwrap();
    std::fs::write(&summary, "").unwrap();
    let out = Command::new("bash")
        .arg("scripts/action-scan.sh")
        .current_dir(root())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", std::env::var("HOME").unwrap_or_default())
        .env("CATSCAN_BIN", env!("CARGO_BIN_EXE_catscan"))
        .env("CATSCAN_OUT", dir.join("out"))
        .env("GITHUB_OUTPUT", &outputs)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .envs(env.iter().copied())
        .output()
        .expect("bash runs");
    Step {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        outputs: std::fs::read_to_string(&outputs).unwrap(),
        summary: std::fs::read_to_string(&summary).unwrap(),
        dir,
    }
}

#[test]
fn the_step_writes_outputs_summary_and_annotations_and_fails_on_errors() {
    let sarif_name = std::env::temp_dir()
        .join(format!("catscan-action-sarif-{}", std::process::id()))
        .join("results/catscan.sarif");
    let sarif = sarif_name.to_str().unwrap().to_owned();
    let step = run_step(
        "errors",
        &[
            (
                "CATSCAN_PATHS",
                "sbom-fixtures/origin-mixed-hbom.cdx.json\n",
            ),
            ("CATSCAN_CONFIG", "none"),
            ("CATSCAN_MARKETS", "cn, us"),
            ("CATSCAN_AS_OF", "2026-11-23"),
            ("CATSCAN_SARIF_FILE", &sarif),
        ],
    );
    assert_eq!(step.status, 1, "{}", step.stdout);
    assert!(
        step.outputs
            .starts_with(&format!("sarif-file={sarif}\nerrors=")),
        "{}",
        step.outputs
    );
    let errors: usize = step
        .outputs
        .lines()
        .find_map(|l| l.strip_prefix("errors="))
        .unwrap()
        .parse()
        .unwrap();
    assert!(errors > 0);
    assert!(step.summary.starts_with("## catscan: "), "{}", step.summary);
    assert!(
        step.stdout
            .contains("::error file=sbom-fixtures/origin-mixed-hbom.cdx.json,line="),
        "{}",
        step.stdout
    );
    assert!(
        std::fs::read_to_string(&sarif_name)
            .unwrap()
            .contains("\"version\": \"2.1.0\"")
    );
    let _ = std::fs::remove_dir_all(&step.dir);
}

#[test]
fn fail_on_none_passes_and_inputs_cannot_inject_commands() {
    let marker = std::env::temp_dir().join(format!("catscan-pwned-{}", std::process::id()));
    let injected = format!(
        "sbom-fixtures/edr-agent-sbom.cdx.json\n$(touch {})",
        marker.display()
    );
    let step = run_step(
        "inject",
        &[
            ("CATSCAN_PATHS", &injected),
            ("CATSCAN_CONFIG", "none"),
            ("CATSCAN_FAIL_ON", "none"),
        ],
    );
    // The second "path" is a file name that does not exist: the scan fails to read it...
    assert_eq!(step.status, 2, "{}", step.stdout);
    // ...and nothing ran it.
    assert!(!marker.exists());
    let step = run_step(
        "bad-fail-on",
        &[
            ("CATSCAN_PATHS", "sbom-fixtures"),
            ("CATSCAN_FAIL_ON", "everything; rm -rf /"),
        ],
    );
    assert_eq!(step.status, 2);
    assert!(
        step.stdout
            .contains("fail-on must be error, warning, note or none")
    );
    let step = run_step(
        "none",
        &[
            ("CATSCAN_PATHS", "sbom-fixtures/edr-agent-sbom.cdx.json"),
            ("CATSCAN_CONFIG", "none"),
            ("CATSCAN_FAIL_ON", "none"),
            ("CATSCAN_ANNOTATIONS", "false"),
        ],
    );
    assert_eq!(step.status, 0, "{}", step.stdout);
    assert!(!step.stdout.contains("::"), "{}", step.stdout);
}

#[test]
fn a_path_with_no_bom_fails_the_step_unless_allow_empty() {
    // docs/adr holds Markdown only: nothing in it is a bill of materials.
    let step = run_step(
        "empty",
        &[("CATSCAN_PATHS", "docs/adr"), ("CATSCAN_CONFIG", "none")],
    );
    assert_eq!(step.status, 2, "{}", step.stdout);
    assert!(
        step.stdout
            .contains("::error title=catscan::the scan could not be completed (exit status 2)"),
        "{}",
        step.stdout
    );
    let step = run_step(
        "allow-empty",
        &[
            ("CATSCAN_PATHS", "docs/adr"),
            ("CATSCAN_CONFIG", "none"),
            ("CATSCAN_ALLOW_EMPTY", "true"),
        ],
    );
    assert_eq!(step.status, 0, "{}", step.stdout);
    assert!(step.outputs.contains("errors=0\n"), "{}", step.outputs);
    // The SARIF the step wrote was asked for by name, and says what was skipped.
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(step.dir.join("out/catscan.sarif")).unwrap())
            .unwrap();
    let notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert!(!notes.is_empty());
    assert!(notes.iter().all(|n| {
        n["level"] == "note"
            && n["descriptor"]["id"] == "skipped"
            && n["message"]["text"]
                .as_str()
                .unwrap()
                .contains("skipped, text, not a BOM format")
    }));
    let _ = std::fs::remove_dir_all(&step.dir);
}
