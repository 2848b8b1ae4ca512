#!/usr/bin/env bash
# The scan step of action.yml. Every input arrives through the environment (never through `${{ }}`
# in the script), is checked, and is passed to catscan as separate arguments, so no input can
# inject shell code. Writes the SARIF file, the step outputs, the job summary and (optionally)
# the annotations, and exits 1 when findings reach CATSCAN_FAIL_ON.
set -euo pipefail

bin="${CATSCAN_BIN:-catscan}"
out="${CATSCAN_OUT:?CATSCAN_OUT must name a folder for the reports}"
fail_on="${CATSCAN_FAIL_ON:-error}"
case "$fail_on" in error|warning|note|none) ;; *)
  echo "::error title=catscan::fail-on must be error, warning, note or none, not '$fail_on'"; exit 2 ;;
esac

args=(scan)
while IFS= read -r path; do
  path="${path#"${path%%[![:space:]]*}"}"; path="${path%"${path##*[![:space:]]}"}"
  [ -n "$path" ] && args+=("$path")
done <<< "${CATSCAN_PATHS:-.}"
[ "${#args[@]}" -gt 1 ] || args+=(".")

case "${CATSCAN_CONFIG:-}" in
  "") ;;
  none) args+=(--no-config) ;;
  *) args+=(--config "$CATSCAN_CONFIG") ;;
esac
IFS=',' read -r -a markets <<< "${CATSCAN_MARKETS:-}"
for m in "${markets[@]}"; do
  m="${m// /}"
  [ -n "$m" ] && args+=(--market "$m")
done
[ -n "${CATSCAN_MLPS_GRADE:-}" ] && args+=(--mlps-grade "$CATSCAN_MLPS_GRADE")
[ "${CATSCAN_CII:-false}" = "true" ] && args+=(--cii)
[ "${CATSCAN_US_FEDERAL:-false}" = "true" ] && args+=(--us-federal)
[ -n "${CATSCAN_AS_OF:-}" ] && args+=(--as-of "$CATSCAN_AS_OF")
[ "${CATSCAN_ALLOW_EMPTY:-false}" = "true" ] && args+=(--allow-empty)
# Every format is asked for by name: without --format catscan writes terminal text.
args+=(--format sarif,json,markdown,github --output-dir "$out" --fail-on none)

status=0
"$bin" "${args[@]}" || status=$?
if [ "$status" -ne 0 ]; then
  echo "::error title=catscan::the scan could not be completed (exit status $status); see the log above"
  exit "$status"
fi

sarif="${CATSCAN_SARIF_FILE:-catscan.sarif}"
mkdir -p "$(dirname "$sarif")"
cp "$out/catscan.sarif" "$sarif"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$out/catscan.md" >> "$GITHUB_STEP_SUMMARY"
fi
if [ "${CATSCAN_ANNOTATIONS:-true}" = "true" ]; then
  cat "$out/catscan.annotations"
fi

read -r errors warnings notes < <(python3 - "$out/catscan.json" <<'PY'
import json, sys
counts = json.load(open(sys.argv[1], encoding="utf-8"))["counts"]
print(counts["error"], counts["warning"], counts["note"])
PY
)
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "sarif-file=$sarif"
    echo "errors=$errors"
    echo "warnings=$warnings"
    echo "notes=$notes"
  } >> "$GITHUB_OUTPUT"
fi

case "$fail_on" in
  error) [ "$errors" -eq 0 ] ;;
  warning) [ $((errors + warnings)) -eq 0 ] ;;
  note) [ $((errors + warnings + notes)) -eq 0 ] ;;
  none) true ;;
esac || { echo "catscan: findings at or above '$fail_on' (errors $errors, warnings $warnings, notes $notes)"; exit 1; }
