#!/usr/bin/env bash
# Browser tests (tests/e2e, node --test + playwright-core + Debian's chromium) against fresh demo
# servers that serve the built SPA (dist/): one for the flows, one with 4-second access tokens
# for the session-lifetime test. Files run one at a time, in name order (the sandbox clock only
# moves forward). Screenshots land in target/e2e-screens/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
bash scripts/install-npm-packages.sh
rm -rf target/e2e-screens
# shellcheck source=scripts/demo-server.sh
source "$ROOT/scripts/demo-server.sh"
export COMBIPAT_STATIC_DIR="${COMBIPAT_STATIC_DIR:-$ROOT/dist}"
# The tests sign the same demo users in many times a minute.
export COMBIPAT_LOGIN_PER_USER_PER_MINUTE=100000
COMBIPAT_ACCESS_TOKEN_TTL_SECS=4 start_demo_server
E2E_SHORT_TTL_BASE="$BASE"
start_demo_server
E2E_BASE="$BASE" E2E_SHORT_TTL_BASE="$E2E_SHORT_TTL_BASE" \
  node --test --test-concurrency=1 tests/e2e/
