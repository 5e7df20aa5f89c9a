#!/usr/bin/env bash
# Memory of parallel uploads: builds the release server, starts it on a fresh SQLite database with
# the demo data, signs in a demo operator and sends UPLOADS (default 16) uploads of 6 MB at once
# with curl, then reports the server's peak resident memory (VmHWM) before and after, and the
# statuses. Uploads are spooled to a temporary file and streamed into the blob store, so the
# peak should grow far less than UPLOADS × 6 MB.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-$(nproc)}"
UPLOADS="${UPLOADS:-16}"
cargo build --release -p api --bin combipat --locked
export COMBIPAT_BIN="$ROOT/target/release/combipat"
# shellcheck source=scripts/demo-server.sh
source scripts/demo-server.sh
start_demo_server
peak() { awk '/^VmHWM:/ { print $2 }' "/proc/$DEMO_SERVER_PID/status"; }
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$DEMO_SERVER_PID/status"; }
TOKEN="$(token operatore1)"
FILES="$(mktemp -d)"
trap 'rm -rf "$FILES"; stop_demo_servers' EXIT
# 6 MB exactly (the limit): a PDF header and random bytes, a different file per upload.
for i in $(seq 1 "$UPLOADS"); do
  { printf '%%PDF-1.7\n'; head -c $((6 * 1024 * 1024 - 9)) /dev/urandom; } >"$FILES/doc$i.pdf"
done
before="$(peak)"
started=$(date +%s.%N)
uploads=()
for i in $(seq 1 "$UPLOADS"); do
  curl -sS -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $TOKEN" \
    -F "file=@$FILES/doc$i.pdf;type=application/pdf" "$BASE/api/v1/attachments" >"$FILES/status$i" &
  uploads+=($!)
done
# Only the uploads: a bare `wait` would also wait for the server.
wait "${uploads[@]}"
elapsed=$(echo "$(date +%s.%N) - $started" | bc)
after="$(peak)"
statuses="$(cat "$FILES"/status* | sort | uniq -c | awk '{ printf "%s×%s ", $1, $2 }')"
echo "uploads: $UPLOADS × 6 MiB in ${elapsed}s; statuses: $statuses"
echo "server peak RSS (VmHWM): before ${before} kB, after ${after} kB (+$((after - before)) kB); VmRSS now $(rss) kB"
