#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs: the repository's fixtures and, when the
# CATSCAN_CORPORA variable names a folder, the files in it. Each file goes to the targets whose
# format it is in (told from its content, not its name, where the content says), named by its
# SHA-1 as libFuzzer names corpus entries, so running the script twice adds nothing.
#
# Usage: fuzz/seed.sh            (from anywhere; paths are taken from the script's location)
set -euo pipefail

fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$fuzz_dir")"
corpus="$fuzz_dir/corpus"

sources=(
    "$repo/sbom-fixtures"
    "$repo/tests/fixtures"
    "$repo/tests/real-generators"
    "$repo/tests/workspaces"
    "$repo/tests/golden"
    "$repo/policy"
)
if [[ -n "${CATSCAN_CORPORA:-}" ]]; then
    if [[ -d "$CATSCAN_CORPORA" ]]; then
        sources+=("$CATSCAN_CORPORA")
    else
        echo "CATSCAN_CORPORA=$CATSCAN_CORPORA is not a folder; seeding from the repository only" >&2
    fi
fi

targets=(cyclonedx_json cyclonedx_xml spdx_json spdx_tag_value spdx3 csv xlsx catscan_toml
    baseline_sarif certified_list)
for t in "${targets[@]}"; do
    mkdir -p "$corpus/$t"
done

# Copies a file into a target's corpus under the SHA-1 of its content.
add() {
    local target=$1 file=$2
    local sum
    sum=$(sha1sum "$file" | cut -d' ' -f1)
    cp "$file" "$corpus/$target/$sum"
}

# Whether the file's content matches an extended regular expression.
has() {
    grep -Eq -- "$2" "$1" 2>/dev/null
}

while IFS= read -r -d '' file; do
    name=$(basename "$file")
    case "$name" in
        *.xlsx) add xlsx "$file"; continue ;;
        *.csv | *.tsv)
            add csv "$file"
            add certified_list "$file"
            continue
            ;;
        Cargo.lock | *.lock) continue ;;
        *.toml) add catscan_toml "$file"; continue ;;
    esac
    matched=0
    if has "$file" '"bomFormat"'; then add cyclonedx_json "$file"; matched=1; fi
    if has "$file" 'cyclonedx\.org/schema/bom/'; then
        case "$name" in *.xml) add cyclonedx_xml "$file"; matched=1 ;; esac
    fi
    if has "$file" '"spdxVersion"'; then add spdx_json "$file"; matched=1; fi
    if has "$file" '^SPDXVersion:'; then add spdx_tag_value "$file"; matched=1; fi
    if has "$file" 'spdx\.org/rdf/3'; then
        case "$name" in *.json | *.jsonld) add spdx3 "$file"; matched=1 ;; esac
    fi
    if has "$file" '"runs"' && has "$file" '"\$schema"|"version": *"2\.1\.0"'; then
        add baseline_sarif "$file"
        matched=1
    fi
    # Files of no format still seed their syntax's targets: a JSON schema or a broken document
    # gives the JSON readers structure to mutate.
    if [[ $matched == 0 ]]; then
        case "$name" in
            *.json) add cyclonedx_json "$file"; add spdx_json "$file"; add spdx3 "$file" ;;
            *.xml) add cyclonedx_xml "$file" ;;
            *.spdx) add spdx_tag_value "$file" ;;
            *.sarif) add baseline_sarif "$file" ;;
        esac
    fi
done < <(find "${sources[@]}" -type f -print0)

for t in "${targets[@]}"; do
    printf '%-16s %5d inputs\n' "$t" "$(find "$corpus/$t" -type f | wc -l)"
done
