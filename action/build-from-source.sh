#!/usr/bin/env bash
# The source build of action.yml, for refs no release matches (see action/install-release.sh):
# `cargo install` of the action's own sources into CATSCAN_SOURCE_ROOT, unless the cache
# restored a build of the same sources there, then the binary on the PATH.
#
# Environment: CATSCAN_ACTION_PATH, CATSCAN_SOURCE_ROOT (the cached folder), CATSCAN_VERSION,
# GITHUB_OUTPUT, GITHUB_PATH; CATSCAN_CARGO names the cargo to run (default `cargo`; the tests
# point it at a stand-in that records its arguments instead of compiling for minutes).
set -euo pipefail

fail() {
  echo "::error title=catscan install::$1"
  exit 1
}

action_path="${CATSCAN_ACTION_PATH:?CATSCAN_ACTION_PATH must name the action folder}"
root="${CATSCAN_SOURCE_ROOT:?CATSCAN_SOURCE_ROOT must name a folder}"
# On Windows (Git Bash) the runner gives Windows paths: tools here want POSIX ones, the runner's
# files (GITHUB_PATH, outputs) want Windows ones.
if command -v cygpath > /dev/null 2>&1; then
  root="$(cygpath -u "$root")"
  native() { cygpath -w "$1"; }
else
  native() { printf '%s\n' "$1"; }
fi
cargo="${CATSCAN_CARGO:-cargo}"

if [ -f "$root/bin/catscan" ] || [ -f "$root/bin/catscan.exe" ]; then
  echo "catscan: a build of these sources was restored from the cache"
else
  command -v "$cargo" > /dev/null 2>&1 \
    || fail "no release of catscan ${CATSCAN_VERSION:-} matches this action ref, and building it from source needs a Rust toolchain (cargo) on the PATH: use a released version of the action (a vX.Y.Z tag) or add a Rust toolchain step (such as dtolnay/rust-toolchain@stable) before this one"
  "$cargo" install --locked --path "$action_path" --root "$root" --bin catscan \
    || fail "cargo install of the action's sources failed; see the log above"
fi
"$root/bin/catscan" --version > /dev/null || fail "$root/bin/catscan does not run"
native "$root/bin" >> "${GITHUB_PATH:?GITHUB_PATH must name the path file}"
echo "bin-dir=$(native "$root/bin")" >> "${GITHUB_OUTPUT:?GITHUB_OUTPUT must name the step output file}"
