# Scrivi alla sede — developer commands. `just --list` shows them all.

set shell := ["bash", "-euo", "pipefail", "-c"]

# Run the app: embedded SQLite, demo data, SPA and API docs on http://127.0.0.1:8080
run:
    bash scripts/run.sh

# Every test: contract tools, SQLite and PostgreSQL suites, SPA build, schemathesis, walk, browser tests
test:
    bash scripts/test.sh

# Rewrite the API suite's insta snapshots after an intended change (review them with git diff)
snapshots:
    INSTA_UPDATE=always cargo test --workspace --locked -- documents::

# The contract tools on the OpenAPI document (default openapi/openapi.json)
contract *document:
    bash scripts/contract.sh {{document}}

# Formatting and lints (warnings are errors)
lint:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets --locked -- -D warnings

# Regenerate openapi/openapi.json from the code
openapi:
    cargo run -q -p api --bin combipat -- openapi > openapi/openapi.json

# Load benchmark side by side with PostgREST on durable PostgreSQL (BENCH_DB=sqlite: the embedded
# default against the fsync ceiling); BENCH_REQUESTS (default 1M), BENCH_SECONDS, BENCH_ROUNDS
bench:
    bash scripts/bench.sh

# Build the SPA into dist/
frontend:
    bash scripts/build-frontend.sh
