//! catscan reads bills of materials and reports, component by component and with reasons, where a
//! product runs into China's Catalogue of Critical Network Equipment and Specialized
//! Cybersecurity Products, as SARIF.
//!
//! The pipeline, for each input file: [`ingest`] turns bytes into an
//! [`Inventory`](inventory::Inventory); [`resolve`] finds each component's vendor and product
//! category; [`evaluate`] applies the catalogue and the policy and produces
//! [`Finding`](findings::Finding)s; [`report`] renders them. See `docs/DESIGN.md` for
//! where everything is and `docs/adr/` for why it is built this way.
#![warn(missing_docs)]

mod cli;
pub mod evaluate;
pub mod findings;
pub mod ingest;
pub mod inventory;
pub mod knowledge;
pub mod limits;
pub mod policy;
pub mod questions;
pub mod report;
pub mod resolve;

use findings::{EditionUsed, FamilyRun, FileReport, Report};
use inventory::SourceFile;
use knowledge::{Edition, Knowledge};
use policy::Policy;
use resolve::Classifier;

/// Runs the `catscan` command line (the `catscan` binary) with the process's arguments, and gives
/// its exit status.
pub fn run_catscan() -> std::process::ExitCode {
    cli::catscan_main()
}

/// Runs the `cargo catscan` command line (the `cargo-catscan` binary, which cargo runs as
/// `cargo-catscan catscan …`), and gives its exit status.
pub fn run_cargo_catscan() -> std::process::ExitCode {
    cli::cargo_main()
}

/// A file to scan, and whether the user named it (a named file that is not a BOM is an error; a
/// file found in a folder that is not a BOM is skipped and counted).
#[derive(Debug, Clone)]
pub struct Input {
    /// The file, as read from disk or standard input.
    pub source: SourceFile,
    /// Whether the user named this file on the command line (rather than it being found in a
    /// folder).
    pub named: bool,
    /// A Cargo workspace, read from its metadata and located in `source` (its `Cargo.lock`).
    pub cargo: Option<std::sync::Arc<CargoJob>>,
}

/// What `cargo catscan` scans: the workspace's metadata and the options it was taken with.
#[derive(Debug)]
pub struct CargoJob {
    /// The workspace's `cargo metadata` output (run by catscan, or read from `--metadata-path`).
    pub metadata: cargo_metadata::Metadata,
    /// The `cargo catscan` flags it was taken with: features, target, members and dependency kinds.
    pub options: ingest::cargo::CargoOptions,
}

/// Scans the inputs under a policy.
pub fn scan(inputs: &[Input], policy: &Policy) -> Report {
    scan_with_progress(inputs, policy, None, &|_| {})
}

/// Scans the inputs, files in parallel on `threads` threads (default: one per core), calling
/// `done` as each file is finished (in whatever order they finish). The report lists the files
/// in input order, so the output is the same whatever the number of threads.
pub fn scan_with_progress(
    inputs: &[Input],
    policy: &Policy,
    threads: Option<usize>,
    done: &(dyn Fn(&Input) + Sync),
) -> Report {
    let knowledge = policy.knowledge;
    let classifier = Classifier::new(knowledge);
    let (edition, mut notices) = choose_edition(knowledge, policy);
    // Knowledge long past its review is said in every report (summary, SARIF, JSON, …).
    notices.extend(knowledge.review.stale_notice(policy.as_of));
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let results = parallel_map(inputs, threads, |input| {
        let result = isolated(input, || {
            scan_file(input, knowledge, &classifier, policy, edition)
        });
        done(input);
        result
    });
    for (input, result) in inputs.iter().zip(results) {
        match result {
            Ok(report) => files.push(report),
            Err(_) if input.named => files.push(FileReport {
                source: input.source.clone(),
                outcome: Err(ingest::ReadError {
                    file: input.source.display.clone(),
                    // The whole document is the problem: point at its start.
                    position: Some(inventory::Position { line: 1, column: 1 }),
                    message: ingest::not_a_bom_message().to_string(),
                }),
            }),
            Err(why) => skipped.push((input.source.display.clone(), why)),
        }
    }
    let mut report = Report {
        tool_version: env!("CARGO_PKG_VERSION"),
        as_of: policy.as_of,
        edition: edition.map(|e| EditionUsed {
            id: e.id.clone(),
            title: e.title_en.clone(),
            basis: if policy.edition.is_some() {
                "chosen with --edition".to_string()
            } else {
                format!("in force on {}", policy.as_of)
            },
        }),
        files,
        skipped,
        notices,
        policy_findings: Vec::new(),
        policy_file: policy.file.clone(),
        baseline: None,
        families: rule_families(policy, edition),
    };
    // Exceptions before the baseline: an exception whose finding is in the baseline is still in
    // use.
    policy::exceptions::apply(&mut report, policy);
    questions::merge::summarise(&mut report, policy.answers.as_ref());
    if let Some(b) = &policy.baseline {
        policy::baseline::apply(&mut report, b);
    }
    report
}

/// `f` applied to every item on all cores, results in the items' order. Workers take the next
/// item as they finish one, so one large file does not hold up the small ones behind it.
fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    threads: Option<usize>,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        out.push((i, f(item)));
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a scanning thread panicked"))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Runs the scan of one input so that a panic in it (a defect of catscan) becomes that file's
/// error, reported with the others, instead of ending the run and taking every other file's
/// report with it. (Memory exhaustion aborts the process and cannot be caught; reports are
/// bounded so that one file's findings do not grow with the square of its size.)
fn isolated(
    input: &Input,
    scan: impl FnOnce() -> Result<FileReport, String>,
) -> Result<FileReport, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(scan)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_string());
        Ok(FileReport {
            source: input.source.clone(),
            outcome: Err(ingest::ReadError {
                file: input.source.display.clone(),
                position: None,
                message: format!(
                    "catscan failed on this file, an internal error (please report it with the file if you can): {what}; the other files were scanned"
                ),
            }),
        })
    })
}

/// Reads, resolves and evaluates one file. `Err` with the reason when it is not a bill of
/// materials (binary, text of no BOM format): the caller skips it if it was found in a folder and
/// reports an error if the user named it.
fn scan_file(
    input: &Input,
    knowledge: &Knowledge,
    classifier: &Classifier<'_>,
    policy: &Policy,
    edition: Option<&Edition>,
) -> Result<FileReport, String> {
    let (source, named) = (&input.source, input.named);
    if let Some(job) = &input.cargo {
        return Ok(scan_workspace(
            source, job, knowledge, classifier, policy, edition,
        ));
    }
    let loaded = match ingest::load(source) {
        Ok(loaded) => loaded,
        Err(error) => {
            // Found in a folder, a file that is not text of a BOM format is skipped; a named
            // one keeps its located error.
            if !named && let Some(why) = ingest::unloadable_reason(source) {
                return Err(why);
            }
            return Ok(FileReport {
                source: source.clone(),
                outcome: Err(error),
            });
        }
    };
    let mut inventory = match ingest::read_loaded(source.clone(), &loaded, &policy.read, named) {
        Ok(Some(inventory)) => inventory,
        // A file that is not UTF-8 and not a part list may be binary: its magic bytes say what.
        Ok(None) => {
            return Err(match loaded {
                ingest::Loaded::Decoded { .. } => ingest::unloadable_reason(source)
                    .unwrap_or_else(|| ingest::skip_reason(&loaded)),
                _ => ingest::skip_reason(&loaded),
            });
        }
        Err(error) => {
            return Ok(FileReport {
                source: source.clone(),
                outcome: Err(error),
            });
        }
    };
    // The supplier's answers about this BOM, as properties of its components (`--answers`).
    let answered = questions::merge::apply(&mut inventory, policy.answers.as_ref(), knowledge);
    let resolved = resolve::resolve(
        &inventory,
        knowledge,
        classifier,
        policy.needs_every_vendor(),
    );
    let mut evaluated = evaluate::evaluate(&resolved, policy, edition);
    questions::merge::conclude(&inventory, answered, &mut evaluated);
    Ok(FileReport {
        source: source.clone(),
        outcome: Ok(evaluated),
    })
}

/// Reads a Cargo workspace (its lock file may be missing: the reader then warns), resolves and
/// evaluates it.
fn scan_workspace(
    source: &SourceFile,
    job: &CargoJob,
    knowledge: &Knowledge,
    classifier: &Classifier<'_>,
    policy: &Policy,
    edition: Option<&Edition>,
) -> FileReport {
    let lock = if source.path.exists() {
        match ingest::load_text(source) {
            Ok(text) => Some(text),
            Err(error) => {
                return FileReport {
                    source: source.clone(),
                    outcome: Err(error),
                };
            }
        }
    } else {
        None
    };
    let text = lock.as_ref().map_or("", |t| t.as_str());
    let outcome = ingest::cargo::read_workspace(&job.metadata, source.clone(), text, &job.options)
        .map(|workspace| {
            let resolved = resolve::resolve(
                &workspace.inventory,
                knowledge,
                classifier,
                policy.needs_every_vendor(),
            );
            evaluate::evaluate(&resolved, policy, edition)
        });
    FileReport {
        source: source.clone(),
        outcome,
    }
}

/// Which rule families the policy runs, and why each runs or does not, for every report's
/// summary: markets select the families (the catalogue for `cn`), options that imply a market
/// add it, and each origin instrument also needs its own option and its date.
fn rule_families(policy: &Policy, edition: Option<&Edition>) -> Vec<FamilyRun> {
    let family = |name: &str, ran: bool, why: String| FamilyRun {
        name: name.to_string(),
        ran,
        why,
    };
    let mut out = Vec::new();
    out.push(match (policy.catalogue_applies(), edition) {
        (true, Some(e)) => family("catalogue", true, format!("market cn; edition {}", e.id)),
        (true, None) => family(
            "catalogue",
            false,
            format!("no edition in force on {}", policy.as_of),
        ),
        (false, _) => family("catalogue", false, "market cn not selected".to_string()),
    });
    for pack in &policy.knowledge.packs {
        let on = policy.triggers(pack.applies_when);
        let in_force = pack.in_force_on(policy.as_of);
        out.push(match (on, in_force) {
            (true, true) => family(&pack.id, true, pack.applies_when.flag().to_string()),
            (false, _) => family(
                &pack.id,
                false,
                format!("needs {}", pack.applies_when.flag()),
            ),
            (true, false) => family(&pack.id, false, format!("not in force on {}", policy.as_of)),
        });
    }
    out.push(match (policy.procurement, policy.min_domestic_share) {
        (Some(buyer), _) => family(
            "procurement",
            true,
            format!("--procurement {}", buyer.as_str()),
        ),
        (None, Some(_)) => family("procurement", true, "--min-domestic-share".to_string()),
        (None, None) => family(
            "procurement",
            false,
            "needs --procurement or --min-domestic-share".to_string(),
        ),
    });
    out.push(family("data-quality", true, "always".to_string()));
    if !policy.custom_rules.is_empty() {
        out.push(family(
            "custom",
            true,
            format!("{} rules of the policy file", policy.custom_rules.len()),
        ));
    }
    out
}

/// The edition the policy asks for, or the one in force on the as-of date.
fn choose_edition<'k>(
    knowledge: &'k Knowledge,
    policy: &Policy,
) -> (Option<&'k Edition>, Vec<String>) {
    if let Some(id) = &policy.edition {
        return (knowledge.edition(id), Vec::new());
    }
    match knowledge.edition_on(policy.as_of) {
        Some(e) => (Some(e), Vec::new()),
        None => {
            let first = knowledge
                .editions
                .first()
                .map(|e| e.in_force_from.to_string())
                .unwrap_or_default();
            (
                None,
                vec![format!(
                    "no catalogue edition was in force on {} (the first took effect on {first}); catalogue rules were not applied",
                    policy.as_of
                )],
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_on_one_file_becomes_its_error_and_spares_the_others() {
        let input = |name: &str| Input {
            source: SourceFile {
                path: name.into(),
                display: name.to_string(),
            },
            named: true,
            cargo: None,
        };
        let inputs = [input("a.json"), input("b.json"), input("c.json")];
        for threads in [1, 2] {
            let results = parallel_map(&inputs, Some(threads), |i| {
                isolated(i, || {
                    assert!(
                        i.source.display != "b.json",
                        "slice index starts at 9 but ends at 8"
                    );
                    Err(format!("{} scanned", i.source.display))
                })
            });
            assert_eq!(results[0].as_ref().unwrap_err(), "a.json scanned");
            assert_eq!(results[2].as_ref().unwrap_err(), "c.json scanned");
            let failed = results[1].as_ref().unwrap();
            assert_eq!(
                failed.outcome.as_ref().unwrap_err().to_string(),
                "b.json: catscan failed on this file, an internal error (please report it with the file if you can): slice index starts at 9 but ends at 8; the other files were scanned"
            );
        }
    }
}
