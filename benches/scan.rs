//! Whole-scan benchmark: catscan on a large CycloneDX 1.6 JSON SBOM, as a ratio to plain
//! `serde_json` parsing of the same bytes into `IgnoredAny`, measured in the same run, plus peak
//! memory as a ratio to the file size.
//!
//! Run with `cargo bench --bench scan` (or `scripts/bench`). The SBOM is `$CATSCAN_BENCH_SBOM`, or
//! is generated once into `target/bench/` with `$CATSCAN_GEN_SBOM` (default
//! `../shared/tools/gen-sbom.py`): 100,000 components, nested, with dependencies. The same is
//! done for an SPDX 2.3 JSON document (`$CATSCAN_BENCH_SPDX`), whole process only.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod common;
use common::run_measured;

use catscan::inventory::SourceFile;
use catscan::policy::Policy;

const RUNS: usize = 7;

fn main() {
    let sbom = sbom();
    let bytes = std::fs::read(&sbom).expect("benchmark SBOM is readable");
    let size = bytes.len();
    println!("input: {} ({:.1} MB)", sbom.display(), size as f64 / 1e6);

    let floor = measure(|| {
        let _: serde::de::IgnoredAny = serde_json::from_slice(&bytes).expect("valid JSON");
    });
    drop(bytes);

    // The whole scan as a user runs it: a fresh process that reads the file and writes SARIF.
    let binary = env!("CARGO_BIN_EXE_catscan");
    let args = [
        "scan",
        sbom.to_str().unwrap(),
        "--as-of",
        "2026-11-23",
        "--format",
        "sarif",
        "--output",
        "/dev/null",
        "--quiet",
        "--fail-on",
        "none",
        "--no-config",
    ];
    let mut peak_kb = 0;
    let scan = measure(|| {
        let (status, max_rss_kb) = run_measured(binary, &args);
        assert!(status == 0, "catscan failed");
        peak_kb = peak_kb.max(max_rss_kb);
    });
    // The same with every origin rule pack turned on.
    let mut all_packs: Vec<&str> = args.to_vec();
    all_packs.extend([
        "--market",
        "cn",
        "--market",
        "us",
        "--cii",
        "--mlps-grade",
        "3",
        "--us-federal",
    ]);
    let scan_all_packs = measure(|| {
        let (status, max_rss_kb) = run_measured(binary, &all_packs);
        assert!(status == 0, "catscan failed");
        peak_kb = peak_kb.max(max_rss_kb);
    });

    // The same with the procurement rules and the domestic-control share on.
    let mut procurement: Vec<&str> = args.to_vec();
    procurement.extend([
        "--procurement",
        "cn-central",
        "--min-domestic-share",
        "0.75",
    ]);
    let scan_procurement = measure(|| {
        let (status, max_rss_kb) = run_measured(binary, &procurement);
        assert!(status == 0, "catscan failed");
        peak_kb = peak_kb.max(max_rss_kb);
    });

    // Where the time goes, in process.
    let stages_default = stages(&sbom, &Policy::new(time::macros::date!(2026 - 11 - 23)));
    let stages_all = stages(&sbom, &every_pack());

    println!();
    println!("{:32} {:>10} {:>10}", "", "median", "best");
    row("serde_json -> IgnoredAny (floor)", &floor);
    row("catscan scan (whole process)", &scan);
    row("  with every origin rule pack", &scan_all_packs);
    row("  with procurement rules on", &scan_procurement);
    println!();
    println!("ratio (median / median): {:.2}x", ratio(&scan, &floor));
    println!(
        "with every origin pack:  {:.2}x ({:+.1}% over the default policy)",
        ratio(&scan_all_packs, &floor),
        (ratio(&scan_all_packs, &scan) - 1.0) * 100.0
    );
    println!(
        "with procurement on:     {:.2}x ({:+.1}% over the default policy)",
        ratio(&scan_procurement, &floor),
        (ratio(&scan_procurement, &scan) - 1.0) * 100.0
    );
    println!(
        "ratio (best / best):     {:.2}x",
        best(&scan).as_secs_f64() / best(&floor).as_secs_f64()
    );
    println!(
        "peak memory: {:.1} MB = {:.2}x the file size",
        peak_kb as f64 / 1024.0,
        peak_kb as f64 * 1024.0 / size as f64
    );
    println!();
    spdx_whole_process(binary);
    println!();
    println!("stages in process (median of {RUNS}):   default   every pack");
    for ((name, times), (_, all)) in stages_default.iter().zip(&stages_all) {
        println!(
            "  {name:28} {:>9.1} ms {:>9.1} ms",
            median(times).as_secs_f64() * 1e3,
            median(all).as_secs_f64() * 1e3
        );
    }
}

fn sbom() -> PathBuf {
    generated(
        "CATSCAN_BENCH_SBOM",
        "cdx-1.6-100k.json",
        &["cyclonedx-json", "--spec-version", "1.6"],
    )
}

fn spdx() -> PathBuf {
    generated("CATSCAN_BENCH_SPDX", "spdx-2.3-100k.json", &["spdx-json"])
}

/// The file named by `variable`, or one generated once into `target/bench/`.
fn generated(variable: &str, name: &str, format: &[&str]) -> PathBuf {
    if let Some(path) = std::env::var_os(variable) {
        return PathBuf::from(path);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("target/bench").join(name);
    if path.exists() {
        return path;
    }
    let generator = std::env::var_os("CATSCAN_GEN_SBOM")
        .map_or_else(|| root.join("../shared/tools/gen-sbom.py"), PathBuf::from);
    assert!(
        generator.exists(),
        "no benchmark SBOM: set {variable} to a large file, or CATSCAN_GEN_SBOM to gen-sbom.py"
    );
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    println!("generating {} with {}", path.display(), generator.display());
    let status = Command::new("python3")
        .arg(&generator)
        .args(["--components", "100000", "--format"])
        .args(format)
        .args([
            "--hardware-share",
            "0.05",
            "--nested",
            "--deps",
            "--seed",
            "1",
            "-o",
        ])
        .arg(&path)
        .status()
        .expect("python3 runs");
    assert!(status.success(), "the generator failed");
    path
}

/// The whole scan of the SPDX document, against its own floor.
fn spdx_whole_process(binary: &str) {
    let path = spdx();
    let bytes = std::fs::read(&path).expect("benchmark SPDX document is readable");
    let size = bytes.len();
    let floor = measure(|| {
        let _: serde::de::IgnoredAny = serde_json::from_slice(&bytes).expect("valid JSON");
    });
    drop(bytes);
    let args = [
        "scan",
        path.to_str().unwrap(),
        "--as-of",
        "2026-11-23",
        "--format",
        "sarif",
        "--output",
        "/dev/null",
        "--quiet",
        "--fail-on",
        "none",
        "--no-config",
    ];
    let mut peak_kb = 0;
    let scan = measure(|| {
        let (status, max_rss_kb) = run_measured(binary, &args);
        assert!(status == 0, "catscan failed on the SPDX document");
        peak_kb = peak_kb.max(max_rss_kb);
    });
    println!();
    println!("input: {} ({:.1} MB)", path.display(), size as f64 / 1e6);
    row("serde_json -> IgnoredAny (floor)", &floor);
    row("catscan scan (whole process)", &scan);
    println!("ratio (median / median): {:.2}x", ratio(&scan, &floor));
    println!(
        "peak memory: {:.1} MB = {:.2}x the file size",
        peak_kb as f64 / 1024.0,
        peak_kb as f64 * 1024.0 / size as f64
    );
}

/// The policy with every origin rule pack turned on.
fn every_pack() -> Policy {
    let mut policy = Policy::new(time::macros::date!(2026 - 11 - 23));
    policy.markets = [catscan::policy::Market::Cn, catscan::policy::Market::Us].into();
    policy.cii = true;
    policy.mlps_grade = Some(3);
    policy.us_federal = true;
    policy
}

fn stages(sbom: &Path, policy: &Policy) -> Vec<(&'static str, Vec<Duration>)> {
    let knowledge = catscan::knowledge::Knowledge::builtin();
    let classifier = catscan::resolve::Classifier::new(knowledge);
    let edition = knowledge.edition_on(policy.as_of);
    let source = SourceFile {
        path: sbom.to_path_buf(),
        display: "bench.json".into(),
    };
    let mut out: Vec<(&'static str, Vec<Duration>)> = [
        "load (map + UTF-8 check)",
        "read (parse + graph)",
        "resolve",
        "evaluate",
        "SARIF",
    ]
    .iter()
    .map(|n| (*n, Vec::new()))
    .collect();
    for _ in 0..RUNS {
        let t = Instant::now();
        let text = catscan::ingest::load_text(&source).unwrap();
        out[0].1.push(t.elapsed());
        let t = Instant::now();
        let inventory = catscan::ingest::read(source.clone(), text.as_str(), &Default::default())
            .unwrap()
            .unwrap();
        out[1].1.push(t.elapsed());
        let t = Instant::now();
        let resolved = catscan::resolve::resolve(
            &inventory,
            knowledge,
            &classifier,
            policy.needs_every_vendor(),
        );
        out[2].1.push(t.elapsed());
        let t = Instant::now();
        let evaluated = catscan::evaluate::evaluate(&resolved, policy, edition);
        out[3].1.push(t.elapsed());
        let t = Instant::now();
        let report = catscan::findings::Report {
            tool_version: "bench",
            as_of: policy.as_of,
            edition: None,
            files: vec![catscan::findings::FileReport {
                source: source.clone(),
                outcome: Ok(evaluated),
            }],
            skipped: Vec::new(),
            notices: Vec::new(),
            policy_findings: Vec::new(),
            policy_file: None,
            baseline: None,
            families: Vec::new(),
        };
        std::hint::black_box(catscan::report::sarif::to_string(
            &report,
            policy,
            Default::default(),
        ));
        out[4].1.push(t.elapsed());
    }
    out
}

fn measure(mut f: impl FnMut()) -> Vec<Duration> {
    f(); // warm the page cache and the allocator
    (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect()
}

fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2]
}

fn best(times: &[Duration]) -> Duration {
    *times.iter().min().unwrap()
}

fn ratio(a: &[Duration], b: &[Duration]) -> f64 {
    median(a).as_secs_f64() / median(b).as_secs_f64()
}

fn row(name: &str, times: &[Duration]) {
    println!(
        "{name:32} {:>8.1} ms {:>8.1} ms",
        median(times).as_secs_f64() * 1e3,
        best(times).as_secs_f64() * 1e3
    );
}
