#!/usr/bin/env bash
# The scripted walk (tests/walk/walk.py) against a fresh demo server, through the Python client
# generated from the OpenAPI document (scripts/python-client.sh; reused when already generated
# from the same document). OPENAPI_DOCUMENT overrides the document (default openapi/openapi.json).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOC="${OPENAPI_DOCUMENT:-$ROOT/openapi/openapi.json}"
bash "$ROOT/scripts/python-client.sh" "$DOC"
# shellcheck source=scripts/demo-server.sh
source "$ROOT/scripts/demo-server.sh"
start_demo_server
python3 "$ROOT/tests/walk/walk.py" "$BASE" "${CONTRACT_OUT:-$ROOT/target/contract}/python"
