//! Scaling benchmark: whole-scan time and peak memory of `catscan scan` on every input shape that
//! once fell off a cliff, at several sizes, each as a ratio to a floor measured in the same run.
//!
//! Run with `cargo bench --bench scaling` (or `scripts/bench scaling`). Not a test: it asserts
//! nothing about time; it prints a table. Rows:
//!
//! - realistic SBOMs from `gen-sbom.py` (`$CATSCAN_GEN_SBOM`, default
//!   `../shared/tools/gen-sbom.py`) of 1k, 10k, 100k and 1M components, pretty and minified,
//!   default policy; at 100k also `--market cn`, `--market us` and every origin pack;
//! - every component a finding (Huawei routers under `--market us`), 10k, 100k and 1M, pretty
//!   and minified;
//! - a 50,000-step dependency chain ending in a listed vendor;
//! - a CSV part list of 100,000 rows and one of 100,000 columns.
//!
//! The floor of a JSON input is `serde_json` parsing the same bytes into `IgnoredAny`; the floor
//! of a CSV input is the `csv` crate reading every record of it (the CSV counterpart of the same
//! thing: every byte tokenised, nothing kept). Slopes are `log(t2 / t1) / log(size2 / size1)`
//! between two sizes of one shape: 1.0 is linear. Peak memory is the process's maximum resident
//! set size, as a ratio to the file size. Inputs are generated once into `target/bench/scaling/`.
//!
//! `CATSCAN_SCALING_MAX=100000` leaves out the 1M rows (they take a few minutes and about 3 GB of
//! disk).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod common;
use common::run_measured;

fn main() {
    let max: usize = std::env::var("CATSCAN_SCALING_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench/scaling");
    std::fs::create_dir_all(&dir).unwrap();
    let sizes: Vec<usize> = [1_000, 10_000, 100_000, 1_000_000]
        .into_iter()
        .filter(|&n| n <= max)
        .collect();

    let mut table = Table::default();
    let us = ["--market", "us"];
    let cn = ["--market", "cn"];
    let every_pack = [
        "--market",
        "cn",
        "--market",
        "us",
        "--cii",
        "--mlps-grade",
        "3",
        "--us-federal",
    ];

    for minified in [false, true] {
        let shape = if minified { "minified" } else { "pretty" };
        for &n in &sizes {
            let path = realistic(&dir, n, minified);
            table.row(&format!("realistic {shape}"), n, &path, Floor::Json, &[]);
        }
    }
    if max >= 100_000 {
        let path = realistic(&dir, 100_000, false);
        table.row(
            "realistic pretty --market cn",
            100_000,
            &path,
            Floor::Json,
            &cn,
        );
        table.row(
            "realistic pretty --market us",
            100_000,
            &path,
            Floor::Json,
            &us,
        );
        table.row(
            "realistic pretty, every pack",
            100_000,
            &path,
            Floor::Json,
            &every_pack,
        );
    }
    for minified in [false, true] {
        let shape = if minified { "minified" } else { "pretty" };
        for &n in sizes.iter().filter(|&&n| n >= 10_000) {
            let path = every_finding(&dir, n, minified);
            table.row(
                &format!("all findings {shape} (us)"),
                n,
                &path,
                Floor::Json,
                &us,
            );
        }
    }
    let path = chain(&dir, 50_000);
    table.row(
        "chain to a listed vendor (us)",
        50_000,
        &path,
        Floor::Json,
        &us,
    );
    let path = long_part_list(&dir, 100_000);
    table.row("part list, rows (us)", 100_000, &path, Floor::Csv, &us);
    let path = wide_part_list(&dir, 100_000);
    table.row("part list, columns", 100_000, &path, Floor::Csv, &[]);

    println!();
    println!("{}", table.render());
}

/// How the floor of an input is measured.
#[derive(Clone, Copy)]
enum Floor {
    Json,
    Csv,
}

#[derive(Default)]
struct Table {
    rows: Vec<Row>,
}

struct Row {
    shape: String,
    size: usize,
    bytes: u64,
    floor: Duration,
    scan: Duration,
    peak_bytes: u64,
}

impl Table {
    fn row(&mut self, shape: &str, size: usize, path: &Path, floor: Floor, extra: &[&str]) {
        let bytes = std::fs::metadata(path).unwrap().len();
        let runs = if bytes > 300_000_000 { 3 } else { 5 };
        let data = std::fs::read(path).unwrap();
        let floor_time = median(runs, || match floor {
            Floor::Json => {
                let _: serde::de::IgnoredAny = serde_json::from_slice(&data).expect("valid JSON");
            }
            Floor::Csv => {
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(data.as_slice());
                let mut record = csv::ByteRecord::new();
                while reader.read_byte_record(&mut record).expect("valid CSV") {}
            }
        });
        drop(data);
        let mut args = vec![
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
        args.extend_from_slice(extra);
        let mut peak_kib = 0;
        let scan = median(runs, || {
            let (status, kib) = run_measured(env!("CARGO_BIN_EXE_catscan"), &args);
            assert_eq!(status, 0, "catscan {args:?} failed");
            peak_kib = peak_kib.max(kib);
        });
        let row = Row {
            shape: shape.to_string(),
            size,
            bytes,
            floor: floor_time,
            scan,
            peak_bytes: peak_kib as u64 * 1024,
        };
        eprintln!(
            "{:34} {:>9} {:>8.1} MB  scan {:>9.1} ms  floor {:>8.1} ms  {:>5.2}x  memory {:.2}x",
            row.shape,
            row.size,
            row.bytes as f64 / 1e6,
            ms(row.scan),
            ms(row.floor),
            ratio(row.scan, row.floor),
            row.peak_bytes as f64 / row.bytes as f64
        );
        self.rows.push(row);
    }

    /// A Markdown table, with the slope of each row against the previous size of its shape.
    fn render(&self) -> String {
        let mut out = String::from(
            "| shape | size | file | scan | floor | ratio | slope | peak memory / file |\n\
             |---|--:|--:|--:|--:|--:|--:|--:|\n",
        );
        for (i, row) in self.rows.iter().enumerate() {
            let previous = self.rows[..i]
                .iter()
                .rev()
                .find(|r| r.shape == row.shape && r.size < row.size);
            let slope = previous.map_or(String::from("–"), |p| {
                let t = row.scan.as_secs_f64() / p.scan.as_secs_f64();
                let s = row.bytes as f64 / p.bytes as f64;
                format!("{:.2}", t.ln() / s.ln())
            });
            let _ = writeln!(
                out,
                "| {} | {} | {:.1} MB | {:.0} ms | {:.0} ms | {:.2}× | {} | {:.2}× |",
                row.shape,
                row.size,
                row.bytes as f64 / 1e6,
                ms(row.scan),
                ms(row.floor),
                ratio(row.scan, row.floor),
                slope,
                row.peak_bytes as f64 / row.bytes as f64
            );
        }
        out
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

/// The median of `runs` timed calls, after one untimed call that warms the page cache.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// A realistic SBOM of `n` components (5% devices, nested, with dependencies) from gen-sbom.py.
fn realistic(dir: &Path, n: usize, minified: bool) -> PathBuf {
    let name = format!(
        "realistic-{n}-{}.json",
        if minified { "min" } else { "pretty" }
    );
    let path = dir.join(name);
    if path.exists() {
        return path;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generator = std::env::var_os("CATSCAN_GEN_SBOM")
        .map_or_else(|| root.join("../shared/tools/gen-sbom.py"), PathBuf::from);
    assert!(
        generator.exists(),
        "set CATSCAN_GEN_SBOM to gen-sbom.py to generate the realistic SBOMs"
    );
    eprintln!("generating {}", path.display());
    let mut command = Command::new("python3");
    command
        .arg(&generator)
        .args(["--components", &n.to_string()])
        .args(["--format", "cyclonedx-json", "--spec-version", "1.6"])
        .args([
            "--hardware-share",
            "0.05",
            "--nested",
            "--deps",
            "--seed",
            "1",
        ]);
    if minified {
        command.args(["--indent", "0"]);
    }
    let status = command.arg("-o").arg(&path).status().expect("python3 runs");
    assert!(status.success(), "gen-sbom.py failed");
    path
}

/// `n` Huawei routers, each a finding under `--market us`, with a dependency from the subject
/// to each.
fn every_finding(dir: &Path, n: usize, minified: bool) -> PathBuf {
    let path = dir.join(format!(
        "findings-{n}-{}.json",
        if minified { "min" } else { "pretty" }
    ));
    if path.exists() {
        return path;
    }
    let (nl, ind) = if minified { ("", "") } else { ("\n", "    ") };
    let mut text = String::with_capacity(n * 400);
    let _ = write!(
        text,
        "{{{nl}{ind}\"bomFormat\": \"CycloneDX\",{nl}{ind}\"specVersion\": \"1.6\",{nl}{ind}\"version\": 1,{nl}\
         {ind}\"metadata\": {{\"component\": {{\"type\": \"device\", \"bom-ref\": \"site\", \"name\": \"Site network\"}}}},{nl}\
         {ind}\"components\": ["
    );
    for i in 0..n {
        let comma = if i + 1 < n { "," } else { "" };
        let _ = write!(
            text,
            "{nl}{ind}{ind}{{{nl}{ind}{ind}{ind}\"type\": \"device\",{nl}{ind}{ind}{ind}\"bom-ref\": \"r{i}\",{nl}\
             {ind}{ind}{ind}\"name\": \"NetEngine 8000 M{i}\",{nl}{ind}{ind}{ind}\"version\": \"V800R0{}\",{nl}\
             {ind}{ind}{ind}\"manufacturer\": {{\"name\": \"Huawei Technologies Co., Ltd.\"}},{nl}\
             {ind}{ind}{ind}\"properties\": [{{\"name\": \"catscan:category\", \"value\": \"router\"}}]{nl}{ind}{ind}}}{comma}",
            i % 100
        );
    }
    let _ = write!(
        text,
        "{nl}{ind}],{nl}{ind}\"dependencies\": [{nl}{ind}{ind}{{\"ref\": \"site\", \"dependsOn\": ["
    );
    for i in 0..n {
        let comma = if i + 1 < n { ", " } else { "" };
        let _ = write!(text, "\"r{i}\"{comma}");
    }
    let _ = write!(text, "]}}{nl}{ind}]{nl}}}{nl}");
    std::fs::write(&path, text).unwrap();
    path
}

/// A subject that depends on `c0`, which depends on `c1`, and so on; the last is a Huawei router.
fn chain(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join(format!("chain-{n}.json"));
    if path.exists() {
        return path;
    }
    let mut text = String::from(
        "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.6\",\n  \"version\": 1,\n  \
         \"metadata\": {\"component\": {\"type\": \"application\", \"bom-ref\": \"app\", \"name\": \"app\"}},\n  \
         \"components\": [\n",
    );
    for i in 0..n {
        if i + 1 == n {
            let _ = writeln!(
                text,
                "    {{\"type\": \"device\", \"bom-ref\": \"c{i}\", \"name\": \"NetEngine 8000\", \
                 \"manufacturer\": {{\"name\": \"Huawei Technologies Co., Ltd.\"}}, \
                 \"properties\": [{{\"name\": \"catscan:category\", \"value\": \"router\"}}]}}"
            );
        } else {
            let _ = writeln!(
                text,
                "    {{\"type\": \"library\", \"bom-ref\": \"c{i}\", \"name\": \"part-{i}\", \"version\": \"1\"}},"
            );
        }
    }
    text.push_str(
        "  ],\n  \"dependencies\": [\n    {\"ref\": \"app\", \"dependsOn\": [\"c0\"]},\n",
    );
    for i in 0..n {
        let next = if i + 1 < n {
            format!("\"c{}\"", i + 1)
        } else {
            String::new()
        };
        let comma = if i + 1 < n { "," } else { "" };
        let _ = writeln!(
            text,
            "    {{\"ref\": \"c{i}\", \"dependsOn\": [{next}]}}{comma}"
        );
    }
    text.push_str("  ]\n}\n");
    std::fs::write(&path, text).unwrap();
    path
}

/// A part list of `n` rows, one in ten a Huawei router (a finding under `--market us`).
fn long_part_list(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join(format!("parts-{n}-rows.csv"));
    if path.exists() {
        return path;
    }
    let mut text = String::from("Manufacturer,Part Number,Description,Category,Qty,Unit Price\n");
    for i in 0..n {
        if i % 10 == 0 {
            let _ = writeln!(
                text,
                "Huawei,NE8000-M{i},Core router,router,1,\"12,000.00\""
            );
        } else {
            let _ = writeln!(
                text,
                "Yageo,RC0402FR-07{i}RL,Thick film resistor 0402,resistor,100,0.001"
            );
        }
    }
    std::fs::write(&path, text).unwrap();
    path
}

/// A part list of `n` columns and three rows.
fn wide_part_list(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join(format!("parts-{n}-columns.csv"));
    if path.exists() {
        return path;
    }
    let mut text = String::from("Part Number,Manufacturer");
    for i in 2..n {
        let _ = write!(text, ",x{i}");
    }
    for _ in 0..3 {
        text.push_str("\nNE40E-X8A,Huawei");
        for i in 2..n {
            let _ = write!(text, ",{}", i % 10);
        }
    }
    text.push('\n');
    std::fs::write(&path, text).unwrap();
    path
}
