#!/usr/bin/env bash
# Builds the SPA and the server, then serves both with demo data on an embedded SQLite database
# (COMBIPAT_BIND, default 127.0.0.1:8080). Installs what it needs on first run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-$(nproc)}"
# The server links libpq (PostgreSQL support is always built in).
if ! dpkg -s libpq-dev >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpq-dev >/dev/null
fi
bash scripts/build-frontend.sh
cargo build --release -p api --bin combipat --locked
exec ./target/release/combipat serve --demo
