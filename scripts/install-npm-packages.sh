#!/usr/bin/env bash
# Installs the npm packages of package.json at the versions of package-lock.json, idempotently:
# nothing happens when node_modules already matches the lock file. Used by the SPA build
# (bootstrap-italia, binaryen), the contract tools (redocly, spectral, openapi-typescript) and
# the browser tests (playwright-core, axe-core).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '[install-npm-packages] %s\n' "$*" >&2; }

# True when every package in the lock file is installed at the locked version.
npm_in_sync() {
  [[ -f package-lock.json && -d node_modules ]] || return 1
  node -e '
    const fs = require("fs");
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
    for (const [path, meta] of Object.entries(lock.packages || {})) {
      if (!path.startsWith("node_modules/") || !meta.version) continue;
      try {
        if (JSON.parse(fs.readFileSync(path + "/package.json", "utf8")).version !== meta.version) process.exit(1);
      } catch {
        // Optional packages for other platforms (fsevents on macOS) are never installed.
        if (!meta.optional) process.exit(1);
      }
    }'
}

if npm_in_sync; then
  log "in sync with package-lock.json"
elif [[ -f package-lock.json ]]; then
  log "npm ci"
  npm ci --include=dev --no-audit --no-fund >&2
else
  log "npm install (no package-lock.json yet)"
  npm install --include=dev --no-audit --no-fund >&2
fi
