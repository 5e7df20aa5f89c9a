#!/usr/bin/env bash
# Proves the OpenAPI document with the tools its users run (issue 7): every $ref resolves,
# openapi-spec-validator, redocly lint, spectral lint (spectral:oas + .spectral.yaml, the ModI
# rules), openapi-python-client with 0 warnings and no operation dropped, openapi-typescript and
# `tsc --noEmit --strict` on tests/contract/ts/client.ts. Installs the tools first (idempotent).
# Every step runs even when an earlier one fails; the script fails when any step does.
# Usage: scripts/contract.sh [document]   (default openapi/openapi.json)
# Output goes to target/contract/ (CONTRACT_OUT overrides), never committed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOC="$(realpath "${1:-$ROOT/openapi/openapi.json}")"
cd "$ROOT"
export CONTRACT_OUT="${CONTRACT_OUT:-$ROOT/target/contract}"
OUT="$CONTRACT_OUT"
mkdir -p "$OUT"
BIN="$ROOT/node_modules/.bin"
# Redocly CLI: no usage reports, no update check (the machines reach package registries only).
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1

log() { printf '[contract] %s\n' "$*" >&2; }

# --- tools ----------------------------------------------------------------------------------
PIP_PACKAGES=("openapi-spec-validator==0.9.0" "openapi-python-client==0.29.1")
pip_missing=()
for spec in "${PIP_PACKAGES[@]}"; do
  name="${spec%%==*}" version="${spec#*==}"
  installed="$(python3 -c 'import importlib.metadata as m, sys
try: print(m.version(sys.argv[1]))
except m.PackageNotFoundError: pass' "$name")"
  [[ "$installed" == "$version" ]] || pip_missing+=("$spec")
done
if [[ ${#pip_missing[@]} -gt 0 ]]; then
  log "pip: installing ${pip_missing[*]}"
  python3 -m pip install --quiet --disable-pip-version-check "${pip_missing[@]}"
else
  log "pip: ${PIP_PACKAGES[*]} already installed"
fi

bash scripts/install-npm-packages.sh
for tool in redocly spectral openapi-typescript tsc; do
  [[ -x "$BIN/$tool" ]] || { log "error: $BIN/$tool missing after npm install"; exit 1; }
done

# --- steps ----------------------------------------------------------------------------------
passed=0 failed=0 summary=()
# step NAME COMMAND...: runs it, prints its output, records the outcome and the summary line
# (the last line of the output that matches $SUMMARY_RE, or the last line).
step() {
  local name="$1"; shift
  local output="$OUT/$name.log" status=0 line
  printf '\n---- %s ----\n' "$name"
  "$@" >"$output" 2>&1 || status=$?
  # Drop Redocly's Node.js deprecation banner; cut the document dumps some tools print.
  grep -v -E '^\s*[╔║╚]' "$output" | cut -c1-400 | sed '/^$/N;/^\n$/D' || true
  line="$(grep -E "${SUMMARY_RE:-.}" "$output" | tail -1 | cut -c1-200 || true)"
  [[ -n "$line" ]] || line="$(grep -v '^\s*$' "$output" | tail -1 | cut -c1-200 || true)"
  if [[ $status -eq 0 ]]; then
    passed=$((passed + 1)); summary+=("PASS  $name: $line")
  else
    failed=$((failed + 1)); summary+=("FAIL  $name: $line")
  fi
}

rel() { realpath --relative-to="$ROOT" "$1"; }
echo "document: $(rel "$DOC") ($(sha256sum "$DOC" | cut -c1-12))"

# shellcheck disable=SC2016 # a literal "$ref"
SUMMARY_RE='^\$ref check' step refs python3 tests/contract/check_refs.py "$DOC"

validate() {
  # Prints the first error only (with the whole document in it); keep it short.
  local status=0
  openapi-spec-validator --validation-errors all "$DOC" || status=$?
  [[ $status -eq 0 ]] && echo "openapi-spec-validator: OK" || echo "openapi-spec-validator: FAILED (exit $status)"
  return $status
}
SUMMARY_RE='^openapi-spec-validator:' step openapi-spec-validator validate

SUMMARY_RE='(Validation failed|valid|warning)' step redocly "$BIN/redocly" lint "$DOC" --config redocly.yaml --format=stylish

SUMMARY_RE='(problem|No results)' step spectral "$BIN/spectral" lint "$DOC" --ruleset .spectral.yaml --fail-severity error

# The rules themselves: each fires on a document made to break it, none on one that keeps them.
SUMMARY_RE='^spectral rules' step spectral-rules python3 tests/contract/check_rules.py "$BIN/spectral"

python_client() {
  local status=0
  bash scripts/python-client.sh "$DOC" || status=$?
  [[ $status -eq 0 ]] || return $status
  # Every operation of the document has its endpoint module: a generator that drops one (as it
  # drops an operation it cannot parse) fails here, warnings or not.
  python3 - "$DOC" "$OUT/python/scrivi_alla_sede_client" <<'PY' || status=1
import json, pathlib, sys
document = json.load(open(sys.argv[1], encoding="utf-8"))
methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
ids = [op.get("operationId", f"{m} {p}") for p, item in document["paths"].items() for m, op in item.items() if m in methods]
modules = {f.stem for f in pathlib.Path(sys.argv[2], "api").glob("*/*.py") if f.stem != "__init__"}
missing = [i for i in ids if i not in modules]
for i in missing:
    print(f"operation {i} was not generated")
print(f"python client: {len(modules)} of {len(ids)} operations generated" + (f", {len(missing)} missing" if missing else ""))
open(sys.argv[2] + "/../operations.txt", "w").write(f"{len(modules)} of {len(ids)}\n")
sys.exit(1 if missing else 0)
PY
  if [[ -s "$OUT/python/warnings.txt" ]]; then
    echo "python client: FAILED, openapi-python-client printed $(grep -c '^WARNING' "$OUT/python/warnings.txt" || echo 1) warning(s) (above); $(tr -d '\n' <"$OUT/python/operations.txt" 2>/dev/null) operations generated"
    return 1
  fi
  return $status
}
SUMMARY_RE='^python client: .*(operations|FAILED)' step openapi-python-client python_client

typescript() {
  mkdir -p "$OUT/ts"
  rm -f "$OUT/ts/openapi.d.ts"
  "$BIN/openapi-typescript" "$DOC" --redocly tests/contract/ts/redocly.yaml -o "$OUT/ts/openapi.d.ts"
  [[ -s "$OUT/ts/openapi.d.ts" ]] || { echo "openapi-typescript: nothing written"; return 1; }
  echo "openapi-typescript: $(grep -c '^    "/' "$OUT/ts/openapi.d.ts") paths, $(grep -cE ': operations\["' "$OUT/ts/openapi.d.ts") operations typed in $(rel "$OUT/ts/openapi.d.ts")"
}
SUMMARY_RE='^openapi-typescript:' step openapi-typescript typescript

tsc_check() {
  if [[ ! -s "$OUT/ts/openapi.d.ts" ]]; then
    echo "tsc: not run, openapi-typescript wrote no types"
    return 1
  fi
  local status=0 output
  # The committed tsconfig, pointed at the types generated in $OUT.
  cat >"$OUT/ts/tsconfig.json" <<JSON
{
  "extends": "$ROOT/tests/contract/ts/tsconfig.json",
  "compilerOptions": { "paths": { "scrivi-alla-sede-api": ["./openapi.d.ts"] } },
  "files": ["$ROOT/tests/contract/ts/client.ts"]
}
JSON
  output="$("$BIN/tsc" --noEmit --strict -p "$OUT/ts/tsconfig.json" 2>&1)" || status=$?
  [[ -z "$output" ]] || echo "$output"
  if [[ $status -eq 0 ]]; then
    echo "tsc --noEmit --strict: tests/contract/ts/client.ts type-checks, 0 errors"
  else
    echo "tsc --noEmit --strict: $(grep -c 'error TS' <<<"$output" || true) errors"
  fi
  return $status
}
SUMMARY_RE='^tsc' step tsc tsc_check

printf '\n---- contract summary (%s) ----\n' "$(rel "$DOC")"
printf '%s\n' "${summary[@]}"
echo "contract: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
