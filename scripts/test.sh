#!/usr/bin/env bash
# Every test: the contract tools on the OpenAPI document, Rust unit and integration tests on
# SQLite, the API suite again on a throwaway PostgreSQL cluster, the SPA build, schemathesis
# against a running server, the scripted walk through the generated Python client, and the
# browser tests. Ends with one line "N passed, N failed".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-$(nproc)}"
export CARGO_TERM_COLOR=never
# A test run compares with the committed snapshots and never writes one (`just snapshots` does).
export INSTA_UPDATE=no
LOGS="$(mktemp -d)"
PGDIR=""
MOTO_PID=""
cleanup() {
  [ -n "$MOTO_PID" ] && kill "$MOTO_PID" 2>/dev/null
  [ -n "$PGDIR" ] && bash scripts/pg-throwaway.sh stop "$PGDIR"
  rm -rf "$LOGS"
}
trap cleanup EXIT

section() { printf '\n==== %s ====\n' "$*"; }

section "tools"
bash scripts/install-test-tools.sh
bash scripts/install-frontend-tools.sh

section "contract tools"
# Every tool runs and reports even when one fails; a failure fails the run at the end (the
# summary counts each tool as a test), after the other sections have run.
contract_status=0
bash scripts/contract.sh 2>&1 | tee "$LOGS/contract.log" || contract_status=$?

section "SPA (wasm) build"
bash scripts/build-frontend.sh

section "S3 test server (moto)"
# The attachment tests run their S3 round trip against it (TEST_S3_ENDPOINT; they create their
# own bucket).
MOTO_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
moto_server -H 127.0.0.1 -p "$MOTO_PORT" >"$LOGS/moto.log" 2>&1 &
MOTO_PID=$!
export TEST_S3_ENDPOINT="http://127.0.0.1:$MOTO_PORT"
for _ in $(seq 1 100); do
  curl -fsS "$TEST_S3_ENDPOINT/" >/dev/null 2>&1 && break
  sleep 0.1
done
echo "moto listening at $TEST_S3_ENDPOINT"

section "Rust tests on SQLite (workspace)"
cargo test --workspace --locked 2>&1 | tee "$LOGS/sqlite.log"

section "API tests on PostgreSQL"
read -r PG_URL PGDIR < <(bash scripts/pg-throwaway.sh start)
echo "throwaway cluster: $PG_URL"
# The whole workspace again, not just the API suite: the same package set means the same
# feature unification, so nothing is rebuilt (the tests that need no database just run again).
TEST_DATABASE_URL="$PG_URL" cargo test --workspace --locked 2>&1 | tee "$LOGS/postgres.log"

section "schemathesis (contract) against a running server"
# target/debug/combipat was built by the workspace tests above.
bash scripts/schemathesis.sh 2>&1 | tee "$LOGS/schemathesis.log"

section "scripted walk through the generated Python client"
bash scripts/walk.sh

section "browser tests (headless Chromium)"
bash scripts/e2e.sh 2>&1 | tee "$LOGS/e2e.log"

section "summary"
# Sums the "test result:" lines of cargo test.
sum_results() { awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } } END { print p + 0, f + 0 }' "$@"; }
read -r passed failed < <(sum_results "$LOGS/sqlite.log" "$LOGS/postgres.log")
read -r pg_passed _ < <(sum_results "$LOGS/postgres.log")
e2e_passed=$(awk '/^# pass / { print $3 }' "$LOGS/e2e.log")
e2e_failed=$(awk '/^# fail / { print $3 }' "$LOGS/e2e.log")
# The closing lines of each run, repeated together at the end of scripts/schemathesis.sh.
cases=$(awk '/^== schemathesis closing lines/ { on = 1 } on && / generated, / { for (i = 1; i <= NF; i++) if ($(i+1) ~ /^generated/) n += $i } END { print n + 0 }' "$LOGS/schemathesis.log")
read -r contract_passed contract_failed < <(awk '/^contract: [0-9]+ passed, [0-9]+ failed$/ { p = $2; f = $4 } END { print p + 0, f + 0 }' "$LOGS/contract.log")
# A contract.sh that failed before counting its tools (an install step) still counts as a failure.
[ "$contract_status" -eq 0 ] || [ "$contract_failed" -gt 0 ] || contract_failed=1
echo "contract tools: $contract_passed passed, $contract_failed failed"
echo "Rust tests: $passed passed ($pg_passed of them in the PostgreSQL run), $failed failed"
read -r scenarios links_covered < <(awk '/^   stateful Scenarios:/ { s += $3 } /^   stateful API Links:/ { l += $4 } END { print s + 0, l + 0 }' "$LOGS/schemathesis.log")
echo "schemathesis: $cases generated test cases ($scenarios stateful scenarios, $links_covered links followed), no failure"
echo "browser tests: $e2e_passed passed, $e2e_failed failed"
echo "$((passed + e2e_passed + contract_passed)) passed, $((failed + e2e_failed + contract_failed)) failed"
[ $((failed + e2e_failed + contract_failed)) -eq 0 ]
