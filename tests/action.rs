//! The GitHub Action (`action.yml`) run locally, end to end, with a simulated Actions
//! environment: the install step against a fake release served on 127.0.0.1 (archives packed by
//! the release workflow's own script from the binaries of this build), the fallback to a build
//! from source, then the scan step with its outputs, job summary and annotations, and inputs that
//! are wrong or try to inject shell code.
//!
//! The source build is not compiled here (`cargo install` of catscan takes minutes): the step's
//! `CATSCAN_CARGO` names a stand-in that records its arguments and installs this build's binary,
//! so the test checks what the step asks cargo for and what it does with the result.
//!
//! Unix only: the fake release is a Linux archive of this build's binaries, and the messages
//! compared name POSIX paths. On Windows runners the scripts run under Git Bash, which these
//! tests do not reproduce.
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Write as _};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};

use common::root;
use sha2::{Digest as _, Sha256};

const VERSION: &str = env!("CARGO_PKG_VERSION");
const LINUX_X64: &str = "x86_64-unknown-linux-musl";

/// A folder of its own for each test, removed when the test passes.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        Scratch(common::scratch(name))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// What a step printed and wrote to the runner's files.
struct Step {
    status: i32,
    stdout: String,
    outputs: String,
    path: String,
    summary: String,
}

impl Step {
    fn output(&self, name: &str) -> Option<&str> {
        self.outputs
            .lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix('='))
    }
}

/// Runs one of the action's scripts as the runner would: a clean environment with the runner's
/// variables and files, and the `env` of its step in action.yml.
fn run_step(script: &str, dir: &Path, path_prefix: Option<&Path>, env: &[(&str, &str)]) -> Step {
    let outputs = dir.join("github-output");
    let path_file = dir.join("github-path");
    let summary = dir.join("step-summary.md");
    for file in [&outputs, &path_file, &summary] {
        std::fs::write(file, "").unwrap();
    }
    let mut path = std::env::var_os("PATH").unwrap_or_default();
    if let Some(prefix) = path_prefix {
        path = std::env::join_paths(
            std::iter::once(prefix.to_path_buf()).chain(std::env::split_paths(&path)),
        )
        .unwrap();
    }
    let out = Command::new("bash")
        .arg(root().join(script))
        .current_dir(root())
        .env_clear()
        .env("PATH", path)
        .env("HOME", std::env::var("HOME").unwrap_or_default())
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("RUNNER_TEMP", dir)
        .env("GITHUB_OUTPUT", &outputs)
        .env("GITHUB_PATH", &path_file)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("CATSCAN_ACTION_PATH", root())
        .envs(env.iter().copied())
        .output()
        .expect("bash runs");
    Step {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr),
        outputs: std::fs::read_to_string(&outputs).unwrap(),
        path: std::fs::read_to_string(&path_file).unwrap(),
        summary: std::fs::read_to_string(&summary).unwrap(),
    }
}

/// The scan step, with the reports written to `dir/out`.
fn scan(dir: &Path, path_prefix: Option<&Path>, env: &[(&str, &str)]) -> Step {
    let out = dir.join("out");
    let sarif = dir.join("catscan.sarif");
    let mut env = env.to_vec();
    env.push(("CATSCAN_OUT", out.to_str().unwrap()));
    // Not in the repository, where the step's default would put it.
    if !env.iter().any(|(name, _)| *name == "CATSCAN_SARIF_FILE") {
        env.push(("CATSCAN_SARIF_FILE", sarif.to_str().unwrap()));
    }
    if path_prefix.is_none() {
        env.push(("CATSCAN_BIN", env!("CARGO_BIN_EXE_catscan")));
    }
    run_step("action/scan.sh", dir, path_prefix, &env)
}

/// A release served over HTTP on 127.0.0.1: `GET /<tag>/<file>` answers the file or 404, and
/// every request path is recorded.
struct FakeRelease {
    url: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl FakeRelease {
    fn serve(files: BTreeMap<String, Vec<u8>>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&requests);
        // Ends with the test process.
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                let _ = reader.read_line(&mut request);
                // The headers, up to the empty line.
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let path = request.split(' ').nth(1).unwrap_or("").to_string();
                log.lock().unwrap().push(path.clone());
                let (status, body) = match files.get(&path) {
                    Some(body) => ("200 OK", body.as_slice()),
                    None => ("404 Not Found", b"Not Found".as_slice()),
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(body);
            }
        });
        FakeRelease { url, requests }
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

/// The archive of this build's binaries for the Linux x86_64 target, packed by the release
/// workflow's script; its file name and bytes. Packed once for every test (the debug binaries
/// are large and take seconds to compress).
fn release_archive() -> &'static (String, Vec<u8>) {
    static ARCHIVE: OnceLock<(String, Vec<u8>)> = OnceLock::new();
    ARCHIVE.get_or_init(|| {
        let dir = common::scratch("archive");
        let binaries = dir.join("binaries");
        std::fs::create_dir_all(&binaries).unwrap();
        for (name, built) in [
            ("catscan", env!("CARGO_BIN_EXE_catscan")),
            ("cargo-catscan", env!("CARGO_BIN_EXE_cargo-catscan")),
        ] {
            std::fs::copy(built, binaries.join(name)).unwrap();
        }
        let out = Command::new("bash")
            .arg(root().join(".github/scripts/release-archive.sh"))
            .args([VERSION, LINUX_X64])
            .arg(&binaries)
            .arg(dir.join("dist"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let path = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim_end());
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        assert_eq!(name, format!("catscan-v{VERSION}-{LINUX_X64}.tar.gz"));
        let bytes = std::fs::read(&path).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        (name, bytes)
    })
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A release of this version with the Linux x86_64 archive, its SHA256SUMS line saying `sum`
/// (the archive's own when None).
fn release(sum: Option<&str>) -> (FakeRelease, String) {
    let (name, bytes) = release_archive();
    let actual = sha256_hex(bytes);
    let sums = format!("{}  {name}\n", sum.unwrap_or(&actual));
    let files = BTreeMap::from([
        (format!("/v{VERSION}/SHA256SUMS"), sums.into_bytes()),
        (format!("/v{VERSION}/{name}"), bytes.clone()),
    ]);
    (FakeRelease::serve(files), actual)
}

fn install(dir: &Path, server: &FakeRelease, arch: &str, action_ref: &str) -> Step {
    run_step(
        "action/install-release.sh",
        dir,
        None,
        &[
            ("CATSCAN_RELEASE_URL", &server.url),
            ("CATSCAN_ACTION_REF", action_ref),
            ("CATSCAN_ACTION_REPOSITORY", "example/catscan"),
            ("RUNNER_ARCH", arch),
        ],
    )
}

#[test]
fn a_release_with_the_right_checksum_is_installed_and_scans() {
    let scratch = Scratch::new("release");
    let dir = &scratch.0;
    let (server, sum) = release(None);
    let step = install(dir, &server, "X64", &format!("v{VERSION}"));
    assert_eq!(step.status, 0, "{}", step.stdout);
    let archive = format!("catscan-v{VERSION}-{LINUX_X64}.tar.gz");
    let bin_dir = dir.join(format!(
        "catscan-release-v{VERSION}/catscan-v{VERSION}-{LINUX_X64}"
    ));
    assert_eq!(
        step.stdout,
        format!(
            "catscan: installed catscan {VERSION} ({LINUX_X64}, SHA-256 {sum}) from {}/v{VERSION}/{archive}\n",
            server.url
        )
    );
    assert_eq!(
        step.outputs,
        format!(
            "source=false\nversion={VERSION}\nbin-dir={}\n",
            bin_dir.display()
        )
    );
    assert_eq!(step.path, format!("{}\n", bin_dir.display()));
    assert_eq!(
        server.requests(),
        [
            format!("/v{VERSION}/SHA256SUMS"),
            format!("/v{VERSION}/{archive}")
        ]
    );
    assert_eq!(
        std::fs::read(bin_dir.join("catscan")).unwrap(),
        std::fs::read(env!("CARGO_BIN_EXE_catscan")).unwrap()
    );
    assert!(bin_dir.join("cargo-catscan").is_file());

    // A tag that moves with the releases (v0, v0.1) installs the same release.
    let major = VERSION.split('.').next().unwrap();
    let step = install(dir, &server, "X64", &format!("v{major}"));
    assert_eq!(step.status, 0, "{}", step.stdout);
    assert!(
        step.outputs.starts_with("source=false\n"),
        "{}",
        step.outputs
    );

    // The next step finds catscan on the PATH the install step extended.
    let step = scan(
        dir,
        Some(&bin_dir),
        &[
            ("CATSCAN_PATHS", "sbom-fixtures/origin-mixed-hbom.cdx.json"),
            ("CATSCAN_CONFIG", "none"),
            ("CATSCAN_AS_OF", "2026-11-23"),
        ],
    );
    assert_eq!(step.status, 1, "{}", step.stdout);
    assert_eq!(step.output("errors"), Some("4"), "{}", step.outputs);
    assert_eq!(step.output("warnings"), Some("3"), "{}", step.outputs);
    assert_eq!(step.output("notes"), Some("0"), "{}", step.outputs);
    assert!(
        step.summary
            .starts_with("## catscan: 4 errors, 3 warnings, 0 notes\n")
    );
    assert!(
        step.stdout
            .contains("catscan: findings at or above 'error' (errors 4, warnings 3, notes 0)\n"),
        "{}",
        step.stdout
    );
}

#[test]
fn a_wrong_checksum_fails_the_step_and_installs_nothing() {
    let scratch = Scratch::new("checksum");
    let dir = &scratch.0;
    let wrong = "0".repeat(64);
    let (server, sum) = release(Some(&wrong));
    let step = install(dir, &server, "X64", &format!("v{VERSION}"));
    assert_eq!(step.status, 1, "{}", step.stdout);
    assert_eq!(
        step.stdout,
        format!(
            "::error title=catscan install::checksum mismatch for catscan-v{VERSION}-{LINUX_X64}.tar.gz: \
             SHA256SUMS of v{VERSION} says {wrong}, the download has {sum}; not installed\n"
        )
    );
    assert_eq!(step.outputs, "");
    assert_eq!(step.path, "");
    assert!(
        !dir.join(format!(
            "catscan-release-v{VERSION}/catscan-v{VERSION}-{LINUX_X64}"
        ))
        .exists()
    );
}

#[test]
fn without_an_archive_for_the_architecture_catscan_is_built_from_source_and_cached() {
    let scratch = Scratch::new("source");
    let dir = &scratch.0;
    let (server, _) = release(None);
    let step = install(dir, &server, "ARM64", &format!("v{VERSION}"));
    assert_eq!(step.status, 0, "{}", step.stdout);
    assert_eq!(
        step.stdout,
        format!(
            "catscan: release v{VERSION} has no catscan-v{VERSION}-aarch64-unknown-linux-musl.tar.gz; \
             building catscan {VERSION} from the action's sources\n"
        )
    );
    let key = format!("catscan-source-Linux-ARM64-{}", source_hash());
    assert_eq!(
        step.outputs,
        format!("source=true\nversion={VERSION}\ncache-key={key}\n")
    );
    assert_eq!(step.path, "");
    assert_eq!(server.requests(), [format!("/v{VERSION}/SHA256SUMS")]);

    // The build step, with a stand-in for cargo that records what it is asked.
    let cargo = dir.join("cargo-stand-in");
    let calls = dir.join("cargo-calls");
    std::fs::write(
        &cargo,
        format!(
            "#!/usr/bin/env bash\n\
             echo \"$*\" >> '{calls}'\n\
             root=\"${{6}}\"\n\
             mkdir -p \"$root/bin\"\n\
             cp '{bin}' \"$root/bin/catscan\"\n",
            calls = calls.display(),
            bin = env!("CARGO_BIN_EXE_catscan")
        ),
    )
    .unwrap();
    make_executable(&cargo);
    let source_root = dir.join("catscan-source");
    let build_env = [
        ("CATSCAN_SOURCE_ROOT", source_root.to_str().unwrap()),
        ("CATSCAN_VERSION", VERSION),
        ("CATSCAN_CARGO", cargo.to_str().unwrap()),
    ];
    let step = run_step("action/build-from-source.sh", dir, None, &build_env);
    assert_eq!(step.status, 0, "{}", step.stdout);
    assert_eq!(
        std::fs::read_to_string(&calls).unwrap(),
        format!(
            "install --locked --path {} --root {} --bin catscan\n",
            root().display(),
            source_root.display()
        )
    );
    let bin_dir = source_root.join("bin");
    assert_eq!(step.path, format!("{}\n", bin_dir.display()));
    assert_eq!(step.outputs, format!("bin-dir={}\n", bin_dir.display()));

    // What the cache restored is used as it is.
    let step = run_step("action/build-from-source.sh", dir, None, &build_env);
    assert_eq!(step.status, 0, "{}", step.stdout);
    assert_eq!(
        step.stdout,
        "catscan: a build of these sources was restored from the cache\n"
    );
    assert_eq!(std::fs::read_to_string(&calls).unwrap().lines().count(), 1);

    let step = scan(
        dir,
        Some(&bin_dir),
        &[
            ("CATSCAN_PATHS", "sbom-fixtures/edr-agent-sbom.cdx.json"),
            ("CATSCAN_CONFIG", "none"),
            ("CATSCAN_FAIL_ON", "none"),
        ],
    );
    assert_eq!(step.status, 0, "{}", step.stdout);
    assert!(step.summary.starts_with("## catscan: "), "{}", step.summary);
}

#[test]
fn a_development_ref_builds_from_source_without_downloading() {
    let scratch = Scratch::new("dev-ref");
    let dir = &scratch.0;
    let (server, _) = release(None);
    for action_ref in [
        "main",
        "",
        "0123456789abcdef0123456789abcdef01234567",
        "v9.9.9",
    ] {
        let step = install(dir, &server, "X64", action_ref);
        assert_eq!(step.status, 0, "{}", step.stdout);
        let shown = if action_ref.is_empty() {
            "(local)"
        } else {
            action_ref
        };
        assert_eq!(
            step.stdout,
            format!(
                "catscan: the action ref '{shown}' is not a release tag of version {VERSION}; \
                 building catscan {VERSION} from the action's sources\n"
            )
        );
        assert!(
            step.outputs.starts_with("source=true\n"),
            "{}",
            step.outputs
        );
    }
    assert_eq!(server.requests(), Vec::<String>::new());

    // Without cargo, the build step says what to do.
    let step = run_step(
        "action/build-from-source.sh",
        dir,
        None,
        &[
            (
                "CATSCAN_SOURCE_ROOT",
                dir.join("empty-cache").to_str().unwrap(),
            ),
            ("CATSCAN_VERSION", VERSION),
            ("CATSCAN_CARGO", "/nonexistent/cargo"),
        ],
    );
    assert_eq!(step.status, 1);
    assert_eq!(
        step.stdout,
        format!(
            "::error title=catscan install::no release of catscan {VERSION} matches this action ref, \
             and building it from source needs a Rust toolchain (cargo) on the PATH: use a released \
             version of the action (a vX.Y.Z tag) or add a Rust toolchain step (such as \
             dtolnay/rust-toolchain@stable) before this one\n"
        )
    );
}

#[test]
fn a_version_without_a_release_builds_from_source_and_no_answer_fails() {
    let scratch = Scratch::new("no-release");
    let dir = &scratch.0;
    let server = FakeRelease::serve(BTreeMap::new());
    let step = install(dir, &server, "X64", &format!("v{VERSION}"));
    assert_eq!(step.status, 0, "{}", step.stdout);
    assert_eq!(
        step.stdout,
        format!(
            "catscan: release v{VERSION} has no SHA256SUMS at {}/v{VERSION}/; building catscan \
             {VERSION} from the action's sources\n",
            server.url
        )
    );
    assert!(
        step.outputs.starts_with("source=true\n"),
        "{}",
        step.outputs
    );

    // A port nothing listens on: the step fails rather than building something else.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let step = run_step(
        "action/install-release.sh",
        dir,
        None,
        &[
            ("CATSCAN_RELEASE_URL", &url),
            ("CATSCAN_ACTION_REF", &format!("v{VERSION}")),
        ],
    );
    assert_eq!(step.status, 1, "{}", step.stdout);
    // Then curl's own words, on standard error.
    assert!(
        step.stdout.starts_with(&format!(
            "::error title=catscan install::cannot download {url}/v{VERSION}/SHA256SUMS: no answer\n"
        )),
        "{}",
        step.stdout
    );
    assert_eq!(step.outputs, "");
}

/// The hash of the sources the cache key names, computed as the install step says it does:
/// every file a build reads, in byte order of its path, each as its path, a NUL and its bytes.
fn source_hash() -> String {
    fn walk(dir: &Path, files: &mut Vec<String>) {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let entry = entry.unwrap();
            let path = dir.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                walk(&path, files);
            } else {
                files.push(path.to_str().unwrap().to_string());
            }
        }
    }
    let mut files = vec!["Cargo.toml".to_string(), "Cargo.lock".to_string()];
    for dir in ["src", "catalogues", "policy"] {
        walk(Path::new(dir), &mut files);
    }
    files.sort();
    let mut hash = Sha256::new();
    for file in files {
        hash.update(file.as_bytes());
        hash.update([0]);
        hash.update(std::fs::read(root().join(&file)).unwrap());
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(not(unix))]
fn make_executable(_: &Path) {}

#[test]
fn cargo_binstall_finds_the_archives_the_release_publishes() {
    let manifest: toml::Table = std::fs::read_to_string(root().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let binstall = &manifest["package"]["metadata"]["binstall"];
    let expand = |template: &str, target: &str, suffix: &str, bin: &str| {
        template
            .replace("{ repo }", "https://github.com/example/catscan")
            .replace("{ version }", VERSION)
            .replace("{ name }", "catscan")
            .replace("{ target }", target)
            .replace("{ archive-suffix }", suffix)
            .replace("{ bin }", bin)
            .replace("{ binary-ext }", if suffix == ".zip" { ".exe" } else { "" })
    };
    let pkg_url = binstall["pkg-url"].as_str().unwrap();
    let bin_dir = binstall["bin-dir"].as_str().unwrap();
    assert_eq!(
        expand(pkg_url, LINUX_X64, ".tar.gz", ""),
        format!(
            "https://github.com/example/catscan/releases/download/v{VERSION}/catscan-v{VERSION}-{LINUX_X64}.tar.gz"
        )
    );
    assert_eq!(binstall["pkg-fmt"].as_str(), Some("tgz"));
    assert_eq!(
        binstall["overrides"]["x86_64-pc-windows-msvc"]["pkg-fmt"].as_str(),
        Some("zip")
    );
    // The archive holds the binaries where bin-dir says.
    let scratch = Scratch::new("binstall");
    let (name, bytes) = release_archive();
    let archive = scratch.0.join(name);
    std::fs::write(&archive, bytes).unwrap();
    let listing = Command::new("tar")
        .arg("-tzf")
        .arg(&archive)
        .output()
        .unwrap();
    let listing = String::from_utf8(listing.stdout).unwrap();
    for bin in ["catscan", "cargo-catscan"] {
        let path = expand(bin_dir, LINUX_X64, ".tar.gz", bin);
        assert!(
            listing.lines().any(|l| l == path),
            "{path} not in\n{listing}"
        );
    }
    let mut entries: Vec<&str> = listing.lines().collect();
    entries.sort_unstable();
    let folder = format!("catscan-v{VERSION}-{LINUX_X64}");
    assert_eq!(
        entries,
        [
            format!("{folder}/"),
            format!("{folder}/CHANGELOG.md"),
            format!("{folder}/LICENSE"),
            format!("{folder}/README.md"),
            format!("{folder}/cargo-catscan"),
            format!("{folder}/catscan"),
        ]
    );
}

#[test]
fn the_step_writes_outputs_summary_and_annotations_and_fails_on_errors() {
    let scratch = Scratch::new("errors");
    let dir = &scratch.0;
    let sarif_name = dir.join("results/catscan.sarif");
    let sarif = sarif_name.to_str().unwrap();
    let out = dir.join("out");
    let step = scan(
        dir,
        None,
        &[
            (
                "CATSCAN_PATHS",
                "sbom-fixtures/origin-mixed-hbom.cdx.json\n",
            ),
            ("CATSCAN_CONFIG", "none"),
            ("CATSCAN_MARKETS", "cn us"),
            ("CATSCAN_AS_OF", "2026-11-23"),
            ("CATSCAN_SARIF_FILE", sarif),
        ],
    );
    assert_eq!(step.status, 1, "{}", step.stdout);
    assert_eq!(
        step.outputs,
        format!(
            "sarif-file={sarif}\nerrors=8\nwarnings=6\nnotes=0\njson-file={o}/catscan.json\n\
             markdown-file={o}/catscan.md\ncomment-file={o}/catscan.comment.md\nupload-html=false\n",
            o = out.display()
        )
    );
    // "cn us" is both markets.
    assert!(
        step.summary.contains("us-fcc-covered-list (--market us)"),
        "{}",
        step.summary
    );
    assert!(
        step.summary
            .starts_with("## catscan: 8 errors, 6 warnings, 0 notes\n")
    );
    assert_eq!(
        step.summary,
        std::fs::read_to_string(out.join("catscan.md")).unwrap()
    );
    assert!(
        std::fs::read_to_string(out.join("catscan.comment.md"))
            .unwrap()
            .starts_with("## catscan: 8 errors, 6 warnings, 0 notes\n")
    );
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
}

#[test]
fn annotations_are_capped_errors_first_with_a_notice_counting_the_rest() {
    let scratch = Scratch::new("capped");
    let dir = &scratch.0;
    let step = scan(
        dir,
        None,
        &[
            ("CATSCAN_PATHS", "sbom-fixtures"),
            ("CATSCAN_CONFIG", "none"),
            ("CATSCAN_MARKETS", "cn,us"),
            ("CATSCAN_AS_OF", "2026-11-23"),
            ("CATSCAN_FAIL_ON", "none"),
        ],
    );
    assert_eq!(step.status, 0, "{}", step.stdout);
    let errors: usize = step.output("errors").unwrap().parse().unwrap();
    let warnings: usize = step.output("warnings").unwrap().parse().unwrap();
    let notes: usize = step.output("notes").unwrap().parse().unwrap();
    assert!(
        errors > 10 && warnings > 10 && notes > 10,
        "{}",
        step.outputs
    );
    let commands: Vec<&str> = step
        .stdout
        .lines()
        .filter(|l| l.starts_with("::"))
        .map(|l| &l[..l.find(' ').unwrap()])
        .collect();
    let mut expected = vec!["::error"; 10];
    expected.extend(["::warning"; 10]);
    expected.extend(["::notice"; 10]);
    assert_eq!(commands, expected);
    let total = errors + warnings + notes;
    assert!(step.stdout.contains(&format!(
        "::notice title=catscan%3A more findings than GitHub annotates::29 of {total} findings are \
         annotated ({errors} errors, {warnings} warnings, {notes} notes in all); GitHub shows 10 \
         annotations of each level per step. The other {} are in the SARIF log and the JSON and \
         HTML reports.\n",
        total - 29
    )));
}

#[test]
fn yes_and_no_inputs_markets_and_args_reach_catscan() {
    let scratch = Scratch::new("inputs");
    let dir = &scratch.0;
    let step = scan(
        dir,
        None,
        &[
            ("CATSCAN_PATHS", "sbom-fixtures/origin-mixed-hbom.cdx.json"),
            ("CATSCAN_CONFIG", "none"),
            ("CATSCAN_MARKETS", "cn\nus\n"),
            ("CATSCAN_CII", "Yes"),
            ("CATSCAN_US_FEDERAL", "no"),
            ("CATSCAN_AS_OF", "2026-11-23"),
            ("CATSCAN_FAIL_ON", "none"),
            ("CATSCAN_ANNOTATIONS", "NO"),
            ("CATSCAN_UPLOAD_HTML", "yes"),
            (
                "CATSCAN_ARGS",
                "--edition cn-2017\n--exclude 'not a folder/**' -A data-quality",
            ),
        ],
    );
    assert_eq!(step.status, 0, "{}", step.stdout);
    assert!(
        step.summary
            .contains("As of 2026-11-23, catalogue cn-2017 (chosen with --edition)."),
        "{}",
        step.summary
    );
    assert!(
        step.summary.contains(
            "Rules run: catalogue (market cn; edition cn-2017), cn-cii-micron (--cii), \
             cn-cii-review (--cii), us-fcc-covered-list (--market us)"
        ),
        "{}",
        step.summary
    );
    assert!(!step.summary.contains("us-ndaa-889 (--us-federal)"));
    assert!(!step.stdout.contains("::"), "{}", step.stdout);
    let html = dir.join("out/catscan.html");
    assert_eq!(step.output("html-file"), Some(html.to_str().unwrap()));
    assert_eq!(step.output("upload-html"), Some("true"));
    assert!(
        std::fs::read_to_string(&html)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
}

#[test]
fn wrong_inputs_are_refused_by_name() {
    let scratch = Scratch::new("refused");
    let dir = &scratch.0;
    for (env, message) in [
        (
            ("CATSCAN_CII", "maybe"),
            "::error title=catscan::input cii must be true, false, yes or no, not 'maybe'\n",
        ),
        (
            ("CATSCAN_ALLOW_EMPTY", "1"),
            "::error title=catscan::input allow-empty must be true, false, yes or no, not '1'\n",
        ),
        (
            ("CATSCAN_FAIL_ON", "everything; rm -rf /"),
            "::error title=catscan::fail-on must be error, warning, note or none, not 'everything; rm -rf /'\n",
        ),
        (
            ("CATSCAN_ARGS", "--certified list.csv --format=html"),
            "::error title=catscan::args: --format=html is the action's to set (the reports it \
             writes and fail-on are inputs)\n",
        ),
    ] {
        let step = scan(
            dir,
            None,
            &[
                ("CATSCAN_PATHS", "sbom-fixtures"),
                ("CATSCAN_CONFIG", "none"),
                env,
            ],
        );
        assert_eq!(step.status, 2, "{}", step.stdout);
        assert_eq!(step.stdout, message);
        assert_eq!(step.outputs, "");
    }
    let step = scan(
        dir,
        None,
        &[
            ("CATSCAN_PATHS", "sbom-fixtures"),
            ("CATSCAN_ARGS", "--certified 'unclosed"),
        ],
    );
    assert_eq!(step.status, 2, "{}", step.stdout);
    assert!(
        step.stdout
            .starts_with("::error title=catscan::args could not be split into words: "),
        "{}",
        step.stdout
    );
}

#[test]
fn fail_on_none_passes_and_inputs_cannot_inject_commands() {
    let scratch = Scratch::new("inject");
    let dir = &scratch.0;
    let marker = dir.join("pwned");
    let injected = format!(
        "sbom-fixtures/edr-agent-sbom.cdx.json\n$(touch {})",
        marker.display()
    );
    let args = format!(
        "--exclude $(touch {m}) --exclude `touch {m}`",
        m = marker.display()
    );
    let step = scan(
        dir,
        None,
        &[
            ("CATSCAN_PATHS", &injected),
            ("CATSCAN_CONFIG", "none"),
            ("CATSCAN_FAIL_ON", "none"),
            ("CATSCAN_ARGS", &args),
        ],
    );
    // The second "path" is a file name that does not exist: the scan fails to read it...
    assert_eq!(step.status, 2, "{}", step.stdout);
    // ...and nothing ran it.
    assert!(!marker.exists());
    let step = scan(
        dir,
        None,
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
    let scratch = Scratch::new("empty");
    let dir = &scratch.0;
    // docs/adr holds Markdown only: nothing in it is a bill of materials.
    let step = scan(
        dir,
        None,
        &[("CATSCAN_PATHS", "docs/adr"), ("CATSCAN_CONFIG", "none")],
    );
    assert_eq!(step.status, 2, "{}", step.stdout);
    assert!(
        step.stdout
            .contains("::error title=catscan::the scan could not be completed (exit status 2)"),
        "{}",
        step.stdout
    );
    let step = scan(
        dir,
        None,
        &[
            ("CATSCAN_PATHS", "docs/adr"),
            ("CATSCAN_CONFIG", "none"),
            ("CATSCAN_ALLOW_EMPTY", "true"),
        ],
    );
    assert_eq!(step.status, 0, "{}", step.stdout);
    assert_eq!(step.output("errors"), Some("0"), "{}", step.outputs);
    // The SARIF the step wrote was asked for by name, and says what was skipped.
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("catscan.sarif")).unwrap()).unwrap();
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
}
