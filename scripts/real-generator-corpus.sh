#!/usr/bin/env bash
# Regenerates the real-generator corpus in tests/real-generators/ with the generators installed
# from the package registries, so that the test in tests/real_generators.rs reads what those tools
# really write, not what we think they write.
#
# Usage: scripts/real-generator-corpus.sh [--install] [--full DIR]
#   --install   install the generators first (pip: distro2sbom, cyclonedx-bom, sbom4rust;
#               npm: @cyclonedx/cyclonedx-npm; apt: openssh-server and libpq5, whose services
#               do not start in a container with policy-rc.d)
#   --full DIR  also write the SBOMs of the whole Debian system (distro2sbom --system, several
#               hundred packages, too large to check in) into DIR
#
# The hand-written copies of syft's and trivy's output (tests/real-generators/syft, .../trivy)
# are not made here: neither tool is in the registries this project can reach. See the README.
#
# Each generator's version is printed at the end; copy them into tests/real-generators/README.md
# when they change.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/tests/real-generators"
inputs="$out/inputs"
install=0
full=""
while [ $# -gt 0 ]; do
  case "$1" in
    --install) install=1 ;;
    --full) full="$2"; shift ;;
    *) echo "unknown argument: $1 (expected --install or --full DIR)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$install" = 1 ]; then
  pip install distro2sbom cyclonedx-bom sbom4rust
  npm install --global @cyclonedx/cyclonedx-npm
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openssh-server libpq5
fi

for tool in distro2sbom cyclonedx-py cyclonedx-npm sbom4rust dpkg npm python3; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (run with --install)" >&2; exit 2; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# --- distro2sbom: this machine's Debian packages --------------------------------------------
# A handful of installed packages, described from `dpkg -l` output (distro2sbom's --input-file
# mode), which adds the operating system itself as a component: the same packages in SPDX
# tag-value, SPDX JSON and CycloneDX JSON, for the parity test.
debian_packages=(openssh-server openssh-sftp-server gpg-wks-server libwayland-server0 libpq5
  libssl3 systemd-timesyncd base-files debian-archive-keyring ca-certificates tzdata)
dpkg -l "${debian_packages[@]}" > "$work/dpkg-subset.txt"
release="$(. /etc/os-release && echo "$VERSION_ID")"
subset() { # sbom format file
  distro2sbom --distro deb -i "$work/dpkg-subset.txt" -n debian -r "$release" \
    --distro-namespace debian --sbom "$1" --format "$2" -o "$out/distro2sbom/$3"
}
subset spdx tag debian-subset.spdx
subset spdx json debian-subset.spdx.json
subset cyclonedx json debian-subset.cdx.json
# openssh-server and everything it depends on (distro2sbom --package), with the maintainers as
# suppliers and CPEs, as a user describing one server package gets it.
distro2sbom --distro deb -p openssh-server --sbom spdx --format json \
  -o "$out/distro2sbom/openssh-server.spdx.json"
distro2sbom --distro deb -p openssh-server --sbom cyclonedx --format json \
  -o "$out/distro2sbom/openssh-server.cdx.json"
if [ -n "$full" ]; then
  mkdir -p "$full"
  distro2sbom --distro deb -s --sbom spdx --format json -o "$full/debian-system.spdx.json"
  distro2sbom --distro deb -s --sbom cyclonedx --format json -o "$full/debian-system.cdx.json"
fi

# --- cyclonedx-py: a Python web service's virtual environment ---------------------------------
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet -r "$inputs/python/requirements.txt"
cyclonedx-py environment --pyproject "$inputs/python/pyproject.toml" --output-reproducible \
  --of JSON -o "$out/cyclonedx-py/order-gateway.cdx.json" "$work/venv/bin/python"

# --- cyclonedx-npm: an npm API server ----------------------------------------------------------
mkdir "$work/npm"
cp "$inputs/npm/package.json" "$inputs/npm/package-lock.json" "$work/npm/"
(cd "$work/npm" && npm ci --no-audit --no-fund --ignore-scripts >/dev/null &&
  cyclonedx-npm --output-reproducible --omit dev --output-format JSON \
    --output-file "$out/cyclonedx-npm/edge-api-server.cdx.json")

# --- sbom4rust: this repository's own Cargo.lock -----------------------------------------------
# sbom4rust looks every crate up on crates.io (a few minutes for ~240 crates).
(cd "$root" && sbom4rust -d . -a catscan --sbom cyclonedx -o "$out/sbom4rust/catscan.cdx.json")

echo "generator versions:"
echo "  distro2sbom $(distro2sbom --version 2>&1)"
echo "  cyclonedx-py $(cyclonedx-py --version 2>&1)"
echo "  cyclonedx-npm $(cyclonedx-npm --version 2>&1)"
echo "  sbom4rust $(sbom4rust --version 2>&1)"
echo "  $(npm --version | sed 's/^/npm /'), $(python3 --version), Debian $release"
