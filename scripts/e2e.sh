#!/usr/bin/env bash
# Browser tests (tests/e2e, node --test + playwright-core) against a fresh demo server that serves
# the built SPA (dist/). Installs Debian's chromium if missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund
# shellcheck source=scripts/demo-server.sh
source "$ROOT/scripts/demo-server.sh"
COMBIPAT_STATIC_DIR="$ROOT/dist" start_demo_server
E2E_BASE="$BASE" node --test tests/e2e/
