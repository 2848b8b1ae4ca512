#!/usr/bin/env bash
# The install step of action.yml: downloads the released catscan for this runner's system and
# architecture and the action's version, checks its SHA-256 sum against the release's
# SHA256SUMS, and puts it on the PATH. When no release matches (a development ref: a branch, a
# commit, `uses: ./`; or a release without an archive for this runner), it says so in the
# output `source=true` with the cache key of a build from source, and action/build-from-source.sh
# takes over. A checksum that does not match, or a download that fails, fails the step.
#
# Environment (action.yml sets it from the github and runner contexts):
#   CATSCAN_ACTION_PATH        the action's files (with its Cargo.toml)
#   CATSCAN_ACTION_REF         the ref the workflow named (v0.1.0, v0, main, a SHA; empty for ./)
#   CATSCAN_ACTION_REPOSITORY  owner/name of the action
#   CATSCAN_RELEASE_URL        where releases are downloaded from; default
#                              https://github.com/<CATSCAN_ACTION_REPOSITORY>/releases/download
#   RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_PATH
set -euo pipefail

fail() {
  echo "::error title=catscan install::$1"
  exit 1
}
output() {
  echo "$1" >> "${GITHUB_OUTPUT:?GITHUB_OUTPUT must name the step output file}"
}
# SHA-256 of standard input, as hex: sha256sum on Linux and Windows (Git Bash), shasum on macOS.
sha256() {
  if command -v sha256sum > /dev/null 2>&1; then
    sha256sum | cut -d' ' -f1
  else
    shasum -a 256 | cut -d' ' -f1
  fi
}

action_path="${CATSCAN_ACTION_PATH:?CATSCAN_ACTION_PATH must name the action folder}"
ref="${CATSCAN_ACTION_REF:-}"
repository="${CATSCAN_ACTION_REPOSITORY:-}"
# Inside a composite action the github context may leave the action's ref and repository empty;
# the runner downloads an action to …/_actions/<owner>/<name>/<ref>, which says both.
if [ -z "$ref" ]; then
  case "${action_path//\\//}" in
    */_actions/*/*/*)
      rest="${action_path//\\//}"
      rest="${rest#*/_actions/}"
      owner="${rest%%/*}"
      rest="${rest#*/}"
      repository="$owner/${rest%%/*}"
      ref="${rest#*/}"
      ;;
  esac
fi
temp="${RUNNER_TEMP:?RUNNER_TEMP must name a folder}"
# On Windows (Git Bash) the runner gives Windows paths: tools here want POSIX ones, the runner's
# files (GITHUB_PATH, outputs) want Windows ones.
if command -v cygpath > /dev/null 2>&1; then
  temp="$(cygpath -u "$temp")"
  native() { cygpath -w "$1"; }
else
  native() { printf '%s\n' "$1"; }
fi
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$action_path/Cargo.toml" | head -n 1)"
[ -n "$version" ] || fail "no version in $action_path/Cargo.toml"
tag="v$version"

case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
  Linux/X64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64) target=aarch64-unknown-linux-musl ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc ;;
  *) target="" ;;
esac
case "$target" in
  *-windows-*) archive_suffix=.zip; exe=.exe ;;
  *) archive_suffix=.tar.gz; exe="" ;;
esac

# A build from source is cached under a key made of the runner and a hash of every file the
# build reads: the same sources give the same binary whatever the ref or commit that names them.
from_source() {
  echo "catscan: $1; building catscan $version from the action's sources"
  local hash
  hash="$(cd "$action_path" \
    && find Cargo.toml Cargo.lock src catalogues policy -type f -print0 \
    | LC_ALL=C sort -z \
    | while IFS= read -r -d '' f; do printf '%s\0' "$f"; cat -- "$f"; done \
    | sha256)"
  output "source=true"
  output "version=$version"
  output "cache-key=catscan-source-${RUNNER_OS:-unknown}-${RUNNER_ARCH:-unknown}-$hash"
  exit 0
}

# A release matches a ref that names it: the version's tag (v1.2.3), or a tag that moves with
# its releases (v1, v1.2). Any other ref is development code that may differ from every release.
case "$ref" in
  "$tag" | "v${version%%.*}" | "v${version%.*}") ;;
  *) from_source "the action ref '${ref:-(local)}' is not a release tag of version $version" ;;
esac
[ -n "$target" ] || from_source "no release archive is built for ${RUNNER_OS:-?} ${RUNNER_ARCH:-?}"

[ -n "${CATSCAN_RELEASE_URL:-}" ] || [ -n "$repository" ] \
  || fail "the action's repository is not known (github.action_repository is empty)"
base="${CATSCAN_RELEASE_URL:-https://github.com/$repository/releases/download}"
name="catscan-$tag-$target"
archive="$name$archive_suffix"
dir="$temp/catscan-release-$tag"
rm -rf "$dir"
mkdir -p "$dir"

# Prints the HTTP status, 000 when the server could not be reached.
fetch() {
  curl --silent --show-error --location --retry 3 --output "$2" --write-out '%{http_code}' "$1" \
    || true
}

status="$(fetch "$base/$tag/SHA256SUMS" "$dir/SHA256SUMS")"
case "$status" in
  200) ;;
  404) from_source "release $tag has no SHA256SUMS at $base/$tag/" ;;
  000) fail "cannot download $base/$tag/SHA256SUMS: no answer" ;;
  *) fail "downloading $base/$tag/SHA256SUMS answered HTTP $status" ;;
esac
expected="$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$dir/SHA256SUMS")"
[ -n "$expected" ] || from_source "release $tag has no $archive"
status="$(fetch "$base/$tag/$archive" "$dir/$archive")"
[ "$status" = 200 ] || fail "downloading $base/$tag/$archive answered HTTP $status"
actual="$(sha256 < "$dir/$archive")"
[ "$actual" = "$expected" ] \
  || fail "checksum mismatch for $archive: SHA256SUMS of $tag says $expected, the download has $actual; not installed"

case "$archive_suffix" in
  .zip) unzip -q "$dir/$archive" -d "$dir" ;;
  *) tar -xzf "$dir/$archive" -C "$dir" ;;
esac
bin_dir="$dir/$name"
[ -f "$bin_dir/catscan$exe" ] || fail "$archive has no $name/catscan$exe"
said="$("$bin_dir/catscan$exe" --version)" || fail "$name/catscan$exe does not run on this runner"
[ "$said" = "catscan $version" ] || fail "$archive holds '$said', not catscan $version"

echo "catscan: installed $said ($target, SHA-256 $actual) from $base/$tag/$archive"
native "$bin_dir" >> "${GITHUB_PATH:?GITHUB_PATH must name the path file}"
output "source=false"
output "version=$version"
output "bin-dir=$(native "$bin_dir")"
