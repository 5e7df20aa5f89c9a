# Sourced by scripts that need a running demo server (sandbox mode, fresh SQLite database).
# Defines: start_demo_server (sets BASE and DEMO_SERVER_PID; every server started is stopped on
# EXIT; extra COMBIPAT_* variables in the environment reach the server), token USER [PROFILE].

DEMO_SERVER_PIDS=()
DEMO_SERVER_DIRS=()

stop_demo_servers() {
  local pid dir
  for pid in "${DEMO_SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for dir in "${DEMO_SERVER_DIRS[@]}"; do rm -rf "$dir"; done
}

start_demo_server() {
  local root bin work port
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  bin="${COMBIPAT_BIN:-$root/target/debug/combipat}"
  work="$(mktemp -d)"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  BASE="http://127.0.0.1:$port"
  COMBIPAT_DATA_DIR="$work" COMBIPAT_BIND="127.0.0.1:$port" COMBIPAT_STATIC_DIR="${COMBIPAT_STATIC_DIR:-$work/none}" \
    COMBIPAT_LOGIN_PER_IP_PER_MINUTE=100000 COMBIPAT_DISPATCH_INTERVAL_MS=100 RUST_LOG=warn \
    "$bin" serve --demo >"$work/server.log" 2>&1 &
  DEMO_SERVER_PID=$!
  DEMO_SERVER_PIDS+=("$DEMO_SERVER_PID")
  DEMO_SERVER_DIRS+=("$work")
  trap stop_demo_servers EXIT
  for _ in $(seq 1 150); do
    curl -fsS "$BASE/ready" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "the demo server did not become ready; its log:" >&2
  cat "$work/server.log" >&2
  return 1
}

token() {
  curl -fsS -X POST "$BASE/api/v1/auth/token" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"combipat-demo\"${2:+,\"profile\":\"$2\"}}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
