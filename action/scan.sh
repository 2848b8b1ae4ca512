#!/usr/bin/env bash
# The scan step of action.yml. Every input arrives through the environment (never through `${{ }}`
# in the script), is checked, and is passed to catscan as separate arguments, so no input can
# inject shell code. Writes the SARIF file, the step outputs (counts and the paths of the reports),
# the job summary and (optionally) the annotations, and exits 1 when findings reach
# CATSCAN_FAIL_ON. The counts come from catscan's JSON report, read with jq (on every
# GitHub-hosted runner).
set -euo pipefail

# An input's problem: the step fails with status 2 (catscan's status for a usage error).
refuse() {
  echo "::error title=catscan::$1"
  exit 2
}

# A yes/no input, stored as true or false in the variable named first: true, false, yes or no in
# any case; empty is the default.
flag() {
  local variable="$1" name="$2" value="$3" default="$4"
  case "$(printf '%s' "$value" | tr '[:upper:]' '[:lower:]')" in
    "") printf -v "$variable" '%s' "$default" ;;
    true | yes) printf -v "$variable" true ;;
    false | no) printf -v "$variable" false ;;
    *) refuse "input $name must be true, false, yes or no, not '$value'" ;;
  esac
}

bin="${CATSCAN_BIN:-catscan}"
out="${CATSCAN_OUT:?CATSCAN_OUT must name a folder for the reports}"
fail_on="${CATSCAN_FAIL_ON:-error}"
case "$fail_on" in error | warning | note | none) ;; *)
  refuse "fail-on must be error, warning, note or none, not '$fail_on'" ;;
esac
flag cii cii "${CATSCAN_CII:-}" false
flag us_federal us-federal "${CATSCAN_US_FEDERAL:-}" false
flag annotations annotations "${CATSCAN_ANNOTATIONS:-}" true
flag allow_empty allow-empty "${CATSCAN_ALLOW_EMPTY:-}" false
flag html html "${CATSCAN_HTML:-}" false
flag upload_html upload-html "${CATSCAN_UPLOAD_HTML:-}" false
# Uploading the HTML report means writing it.
[ "$upload_html" = false ] || html=true
command -v jq > /dev/null 2>&1 \
  || refuse "jq is needed to read catscan's counts (GitHub-hosted runners have it); install it before this step"

args=(scan)
while IFS= read -r path; do
  path="${path#"${path%%[![:space:]]*}"}"
  path="${path%"${path##*[![:space:]]}"}"
  [ -n "$path" ] && args+=("$path")
done <<< "${CATSCAN_PATHS:-.}"
[ "${#args[@]}" -gt 1 ] || args+=(".")

case "${CATSCAN_CONFIG:-}" in
  "") ;;
  none) args+=(--no-config) ;;
  *) args+=(--config "$CATSCAN_CONFIG") ;;
esac
# Markets separated by commas, spaces or lines: "cn, us", "cn us" and one per line all mean both.
read -r -a markets <<< "$(printf '%s' "${CATSCAN_MARKETS:-}" | tr ',\n\r\t' '    ')"
for m in ${markets[@]+"${markets[@]}"}; do
  args+=(--market "$m")
done
[ -n "${CATSCAN_MLPS_GRADE:-}" ] && args+=(--mlps-grade "$CATSCAN_MLPS_GRADE")
[ "$cii" = true ] && args+=(--cii)
[ "$us_federal" = true ] && args+=(--us-federal)
[ -n "${CATSCAN_AS_OF:-}" ] && args+=(--as-of "$CATSCAN_AS_OF")
[ "$allow_empty" = true ] && args+=(--allow-empty)

# Any other option of `catscan scan`, split into words as xargs does: spaces and lines separate,
# quotes keep a value with spaces whole, nothing is expanded or run.
args_input="${CATSCAN_ARGS:-}"
if [ -n "${args_input//[[:space:]]/}" ]; then
  words="$(printf '%s' "$args_input" | xargs printf '%s\n' 2>&1)" \
    || refuse "args could not be split into words: $words"
  while IFS= read -r word; do
    case "$word" in
      -f | --format | --format=* | -o | --output | --output=* | --output-dir | --output-dir=* \
        | --fail-on | --fail-on=* | -q | --quiet)
        refuse "args: $word is the action's to set (the reports it writes and fail-on are inputs)" ;;
    esac
    args+=("$word")
  done <<< "$words"
fi

# Every format is asked for by name: without --format catscan writes terminal text.
formats=sarif,json,markdown,markdown-comment,github
[ "$html" = true ] && formats="$formats,html"
args+=(--format "$formats" --output-dir "$out" --fail-on none)

status=0
"$bin" "${args[@]}" || status=$?
if [ "$status" -ne 0 ]; then
  echo "::error title=catscan::the scan could not be completed (exit status $status); see the log above"
  exit "$status"
fi

sarif="${CATSCAN_SARIF_FILE:-catscan.sarif}"
mkdir -p "$(dirname "$sarif")"
cp "$out/catscan.sarif" "$sarif"
# catscan keeps the Markdown report within the 1 MiB GitHub accepts for a job summary.
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$out/catscan.md" >> "$GITHUB_STEP_SUMMARY"
fi
# At most 10 of each level, errors first, and a notice counting the rest (GitHub shows no more).
if [ "$annotations" = true ]; then
  cat "$out/catscan.annotations"
fi

counts="$(jq -r '.counts | "\(.error) \(.warning) \(.note)"' "$out/catscan.json")"
read -r errors warnings notes <<< "$counts"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "sarif-file=$sarif"
    echo "errors=$errors"
    echo "warnings=$warnings"
    echo "notes=$notes"
    echo "json-file=$out/catscan.json"
    echo "markdown-file=$out/catscan.md"
    echo "comment-file=$out/catscan.comment.md"
    if [ "$html" = true ]; then echo "html-file=$out/catscan.html"; fi
    echo "upload-html=$upload_html"
  } >> "$GITHUB_OUTPUT"
fi

case "$fail_on" in
  error) [ "$errors" -eq 0 ] ;;
  warning) [ $((errors + warnings)) -eq 0 ] ;;
  note) [ $((errors + warnings + notes)) -eq 0 ] ;;
  none) true ;;
esac || {
  echo "catscan: findings at or above '$fail_on' (errors $errors, warnings $warnings, notes $notes)"
  exit 1
}
