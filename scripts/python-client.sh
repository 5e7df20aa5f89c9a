#!/usr/bin/env bash
# Generates the Python client of the API with openapi-python-client into
# target/contract/python/scrivi_alla_sede_client (never committed), unless the copy there was
# generated from the same document by the same generator. Prints the generator's warnings (also
# kept in target/contract/python/warnings.txt) and the number of endpoint modules; keeps a copy of
# the document beside the package (openapi.json).
# Usage: scripts/python-client.sh [document]   (default openapi/openapi.json)
# Exit: 0 generated (warnings or not; scripts/contract.sh fails on warnings), 1 not generated.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOC="$(realpath "${1:-$ROOT/openapi/openapi.json}")"
OUT="${CONTRACT_OUT:-$ROOT/target/contract}/python"
PACKAGE="$OUT/scrivi_alla_sede_client"
CONFIG="$ROOT/tests/contract/python-client.yaml"

command -v openapi-python-client >/dev/null 2>&1 || {
  echo "openapi-python-client is not installed (scripts/contract.sh installs it)" >&2; exit 1; }

stamp="$(cat "$DOC" "$CONFIG" | sha256sum | cut -c1-16) $(openapi-python-client --version 2>/dev/null | awk '{print $NF}')"
if [[ -f "$OUT/stamp" && "$(cat "$OUT/stamp")" == "$stamp" && -d "$PACKAGE" ]]; then
  echo "python client: up to date in ${PACKAGE#"$ROOT"/} (same document and generator)"
else
  rm -rf "$OUT"
  mkdir -p "$OUT"
  # Run from the output folder: the generator's post hooks (ruff) read the closest settings.
  set +e
  (cd "$OUT" && openapi-python-client generate --path "$DOC" --config "$CONFIG" --meta none \
    --output-path "$PACKAGE" --overwrite) >"$OUT/generate.log" 2>&1
  status=$?
  set -e
  if [[ $status -ne 0 || ! -d "$PACKAGE/api" ]]; then
    cat "$OUT/generate.log"
    echo "python client: openapi-python-client failed (exit $status)"
    exit 1
  fi
  # The walk (tests/walk/walk.py) maps operations to modules through the same document.
  cp "$DOC" "$OUT/openapi.json"
  # Everything from its warning banner on is the list of warnings.
  sed -n '/Warning(s) encountered/,$p' "$OUT/generate.log" >"$OUT/warnings.txt"
  echo "$stamp" >"$OUT/stamp"
fi

warnings=$(grep -c '^WARNING' "$OUT/warnings.txt" || true)
if [[ -s "$OUT/warnings.txt" ]]; then
  cat "$OUT/warnings.txt"
  [[ $warnings -gt 0 ]] || warnings=1
fi
modules=$(find "$PACKAGE/api" -name '*.py' ! -name '__init__.py' | wc -l)
tags=$(find "$PACKAGE/api" -mindepth 1 -maxdepth 1 -type d ! -name '__pycache__' | wc -l)
echo "python client: $modules endpoint modules in $tags tag packages, $warnings warnings"
