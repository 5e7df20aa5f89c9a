#!/usr/bin/env bash
# Load benchmark on PostgreSQL with production durability: a throwaway cluster (fsync on), the
# release binary, `combipat seed --bulk` (BENCH_REQUESTS, default 1,000,000), VACUUM ANALYZE,
# then wrk against two read paths of operatore1 (INCA CGIL Roma):
#   (a) GET /api/v1/requests?status=closed   the history, office scope, one filter
#   (b) GET /api/v1/requests/<id>            the detail of one request
# Prints the seed time and p50/p99 latency and throughput of each. Stops everything on exit.
#   BENCH_REQUESTS=100000 BENCH_SECONDS=20 bash scripts/bench.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
REQUESTS="${BENCH_REQUESTS:-1000000}"
SECONDS_EACH="${BENCH_SECONDS:-20}"
export CARGO_TERM_COLOR=never

missing=()
for tool in wrk jq; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

WORK="$(mktemp -d -t combipat-bench.XXXXXX)"
PGDIR=""
SERVER=""
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  if [ -n "$PGDIR" ]; then bash scripts/pg-throwaway.sh stop "$PGDIR"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== release build"
cargo build --release --locked -p api --bin combipat
BIN="$ROOT/target/release/combipat"

echo "== PostgreSQL cluster (durable: fsync and synchronous_commit on)"
read -r ADMIN_URL PGDIR < <(PG_DURABLE=1 bash scripts/pg-throwaway.sh start)
psql -q "$ADMIN_URL" -c "CREATE DATABASE bench"
export DATABASE_URL="${ADMIN_URL%/*}/bench"
export COMBIPAT_SANDBOX=1
# The dispatcher would move `sent` rows while wrk measures.
export COMBIPAT_DISPATCH_INTERVAL_MS=0
export COMBIPAT_DATA_DIR="$WORK"
export RUST_LOG="${RUST_LOG:-info}"

echo "== seed --bulk $REQUESTS"
seed_start=$(date +%s.%N)
"$BIN" seed --bulk "$REQUESTS" 2>&1 | tee "$WORK/seed.log"
seed_seconds=$(awk -v a="$seed_start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
# VACUUM too: a database in service has its hint bits and visibility map set, and autovacuum
# must not start on the fresh rows in the middle of the measurement.
psql -q "$DATABASE_URL" -c "VACUUM (ANALYZE)"
db_size=$(psql -At "$DATABASE_URL" -c "SELECT pg_size_pretty(pg_database_size('bench'))")

echo "== server"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
COMBIPAT_BIND="127.0.0.1:$PORT" COMBIPAT_LOGIN_PER_IP_PER_MINUTE=100000 \
  COMBIPAT_LOGIN_PER_USER_PER_MINUTE=100000 RUST_LOG=warn \
  "$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do
  curl -fsS "$BASE/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "$BASE/ready" >/dev/null

TOKEN=$(curl -fsS "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"operatore1","password":"combipat-demo"}' | jq -r .access_token)
AUTH="Authorization: Bearer $TOKEN"
ID=$(curl -fsS "$BASE/api/v1/requests?limit=1" -H "$AUTH" | jq -r '.items[0].id')
TOTAL=$(curl -fsS "$BASE/api/v1/requests?status=closed&limit=1" -H "$AUTH" | jq -r '.total // empty')
echo "operatore1: request $ID, ${TOTAL:-?} closed requests in the office history"

LIST="$BASE/api/v1/requests?status=closed"
DETAIL="$BASE/api/v1/requests/$ID"
for url in "$LIST" "$DETAIL"; do
  curl -fsS -o /dev/null "$url" -H "$AUTH" # fails the script on anything but 2xx
done

run_wrk() { # name url
  echo "== wrk $1: $2"
  wrk --latency -t2 -c16 -d"${SECONDS_EACH}s" -H "$AUTH" "$2" | tee "$WORK/$1.txt"
}
run_wrk list "$LIST"
run_wrk detail "$DETAIL"

# "50%  1.23ms" lines of the latency distribution; requests/s; non-2xx count.
stat() { awk -v k="$2" '$1 == k { print $2; exit }' "$WORK/$1.txt"; }
rps() { awk '/^Requests\/sec/ { print $2 }' "$WORK/$1.txt"; }
errors() { awk '/Non-2xx/ { print $NF; found=1 } END { if (!found) print 0 }' "$WORK/$1.txt"; }

echo
echo "==== summary ===="
printf 'seed --bulk %s: %.0f s (database %s)\n' "$REQUESTS" "$seed_seconds" "$db_size"
printf 'wrk -t2 -c16 -d%ss, operatore1 (INCA CGIL Roma, %s closed requests)\n' "$SECONDS_EACH" "${TOTAL:-?}"
printf '%-34s %10s %10s %10s %8s\n' endpoint p50 p99 req/s non-2xx
printf '%-34s %10s %10s %10s %8s\n' "GET /requests?status=closed" \
  "$(stat list 50%)" "$(stat list 99%)" "$(rps list)" "$(errors list)"
printf '%-34s %10s %10s %10s %8s\n' "GET /requests/$ID" \
  "$(stat detail 50%)" "$(stat detail 99%)" "$(rps detail)" "$(errors detail)"
