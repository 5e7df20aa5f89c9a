#!/usr/bin/env bash
# The scripted walk over HTTP (tests/walk/walk.py) against a fresh demo server.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/demo-server.sh
source "$ROOT/scripts/demo-server.sh"
start_demo_server
python3 "$ROOT/tests/walk/walk.py" "$BASE"
