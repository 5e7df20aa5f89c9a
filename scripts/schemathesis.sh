#!/usr/bin/env bash
# Runs schemathesis (all checks) against a freshly started sandbox server, once with a token of
# each side and of two patronati. Usage: scripts/schemathesis.sh [max-examples]   Needs target/debug/combipat built.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
EXAMPLES="${1:-${SCHEMATHESIS_EXAMPLES:-15}}"
BIN="${COMBIPAT_BIN:-$ROOT/target/debug/combipat}"
WORK="$(mktemp -d)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"

cleanup() { [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

COMBIPAT_DATA_DIR="$WORK" COMBIPAT_BIND="127.0.0.1:$PORT" COMBIPAT_STATIC_DIR="$WORK/none" \
  COMBIPAT_LOGIN_PER_IP_PER_MINUTE=100000 RUST_LOG=warn "$BIN" serve --demo >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do
  curl -fsS "$BASE/ready" >/dev/null 2>&1 && break
  sleep 0.2
done

token() {
  curl -fsS -X POST "$BASE/api/v1/auth/token" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"combipat-demo\"${2:+,\"profile\":\"$2\"}}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}

status=0
# Two patronati and an official: each sees only its own objects.
for who in "operatore1:" "operatore3:" "funzionario1:"; do
  user="${who%%:*}"; profile="${who#*:}"
  echo "== schemathesis as $user (max $EXAMPLES examples per operation)"
  st run "$ROOT/openapi/openapi.json" --url "$BASE" \
    -H "Authorization: Bearer $(token "$user" "$profile")" \
    --checks all --max-examples "$EXAMPLES" --workers 2 \
    --exclude-path /api/v1/auth/logout \
    --suppress-health-check all --no-color || status=1
done
exit $status
