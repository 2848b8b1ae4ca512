#!/usr/bin/env bash
# Packs one release archive: catscan-v<VERSION>-<TARGET>.tar.gz (.zip for Windows targets), holding
# a folder of the same name with catscan, cargo-catscan, README.md, LICENSE and CHANGELOG.md.
# The names are what action/install-release.sh downloads and what [package.metadata.binstall]
# in Cargo.toml describes; tests/action.rs builds its fake release with this script.
#
# Usage: release-archive.sh VERSION TARGET BINARIES_DIR OUT_DIR   (prints the archive's path)
set -euo pipefail

version="$1" target="$2" binaries="$3" out="$4"
root="$(cd "$(dirname "$0")/../.." && pwd)"
case "$target" in
  *-windows-*) exe=.exe suffix=.zip ;;
  *) exe="" suffix=.tar.gz ;;
esac
name="catscan-v$version-$target"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
for bin in catscan cargo-catscan; do
  [ -f "$binaries/$bin$exe" ] || { echo "release-archive: no $binaries/$bin$exe" >&2; exit 1; }
  cp "$binaries/$bin$exe" "$stage/$name/"
done
cp "$root/README.md" "$root/LICENSE" "$root/CHANGELOG.md" "$stage/$name/"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
rm -f "$out/$name$suffix"
case "$suffix" in
  .zip)
    if command -v 7z > /dev/null 2>&1; then
      (cd "$stage" && 7z a -tzip -bd "$out/$name$suffix" "$name" > /dev/null)
    else
      (cd "$stage" && zip -qr "$out/$name$suffix" "$name")
    fi
    ;;
  *) tar -czf "$out/$name$suffix" -C "$stage" "$name" ;;
esac
echo "$out/$name$suffix"
