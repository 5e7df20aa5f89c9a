#!/usr/bin/env bash
# Runs schemathesis with every check (a superset of its defaults) and every phase (examples,
# coverage, fuzzing and the stateful one, which chains operations through the document's OpenAPI
# links, e.g. create_request → its detail, messages, reminders, take, transfer) against a fresh
# sandbox server, once with a token of each of two patronati and of an official. Ends with the
# closing lines of each run.
# Usage: scripts/schemathesis.sh [max-examples]. Needs target/debug/combipat built (COMBIPAT_BIN
# overrides it); OPENAPI_DOCUMENT overrides the document (default openapi/openapi.json).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOC="$(realpath "${OPENAPI_DOCUMENT:-$ROOT/openapi/openapi.json}")"
cd "$ROOT"
EXAMPLES="${1:-${SCHEMATHESIS_EXAMPLES:-15}}"
# shellcheck source=scripts/demo-server.sh
source "$ROOT/scripts/demo-server.sh"
start_demo_server
# The log of each run, kept for a look after the run (target/ is never committed).
RUNS="${CONTRACT_OUT:-$ROOT/target/contract}/schemathesis"
rm -rf "$RUNS" && mkdir -p "$RUNS"

# Declared links: the stateful phase follows them (and links schemathesis infers).
links=$(python3 - "$DOC" <<'PY'
import json, sys
document = json.load(open(sys.argv[1], encoding="utf-8"))
count = 0
for item in document.get("paths", {}).values():
    for operation in item.values():
        if isinstance(operation, dict):
            for response in operation.get("responses", {}).values():
                count += len(response.get("links", {})) if isinstance(response, dict) else 0
count += len(document.get("components", {}).get("links", {}))
print(count)
PY
)
echo "document: $links OpenAPI links declared"

# Valid create_request bodies on the demo data (tests/contract/schemathesis_hooks.py), so that
# stateful scenarios get past the first call and follow the links.
demo_token="$(token operatore1)"
SCHEMATHESIS_CITIZEN_ID="$(curl -fsS "$BASE/api/v1/citizens?cf=BNCMRA50A01H501U" -H "authorization: Bearer $demo_token" |
  python3 -c 'import json,sys; print(next(c["id"] for c in json.load(sys.stdin)["items"] if c["surname"] == "BIANCHI"))')"
SCHEMATHESIS_TOPIC_ID="$(curl -fsS "$BASE/api/v1/topics?q=vecchiaia" -H "authorization: Bearer $demo_token" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')"
export SCHEMATHESIS_CITIZEN_ID SCHEMATHESIS_TOPIC_ID
export SCHEMATHESIS_HOOKS=schemathesis_hooks PYTHONPATH="$ROOT/tests/contract${PYTHONPATH:+:$PYTHONPATH}"

status=0
# Two patronati and an official: each sees only its own objects. One worker: with two, CPython
# 3.11.7 failed a run inside schemathesis ("AST constructor recursion depth mismatch", raised when
# threads build ASTs at once).
for who in "operatore1:" "operatore3:" "funzionario1:"; do
  user="${who%%:*}"; profile="${who#*:}"
  echo "== schemathesis as $user (max $EXAMPLES examples per operation; phases examples, coverage, fuzzing, stateful)"
  st run "$DOC" --url "$BASE" \
    -H "Authorization: Bearer $(token "$user" "$profile")" \
    --phases examples,coverage,fuzzing,stateful \
    --checks all --max-examples "$EXAMPLES" --workers 1 \
    --exclude-path /api/v1/auth/logout \
    --suppress-health-check all --no-color 2>&1 | tee "$RUNS/$user.log" || status=1
done

# The closing lines of each run, together: the phases (stateful included) and the final count.
echo
echo "== schemathesis closing lines"
for log in "$RUNS"/operatore1.log "$RUNS"/operatore3.log "$RUNS"/funzionario1.log; do
  user="$(basename "$log" .log)"
  echo "-- as $user"
  # From the phases (stateful included) to the final line.
  grep -E '^\s+(Scenarios|API Links):' "$log" | sed 's/^ */   stateful /' || true
  awk '/^Test Phases:/ { on = 1 } on && NF { print "   " $0 }' "$log"
  if grep -qE '^\s*⏭\s+Stateful' "$log"; then
    reason="$(grep -E '^\s*⏭\s+Stateful' "$log" | sed -E 's/.*Stateful ?//')"
    if [[ $links -gt 0 ]]; then
      echo "   stateful phase skipped although the document declares $links links $reason"
      status=1
    else
      echo "   stateful phase skipped $reason: the document declares no links yet"
    fi
  fi
done
exit $status
