#!/usr/bin/env bash
# Installs what scripts/build-frontend.sh needs. Idempotent: whatever is already present at the
# right version is skipped, so it is cheap to call before every build.
#
#   - the wasm32-unknown-unknown target (rustup)
#   - wasm-bindgen-cli, exactly the version frontend/Cargo.toml pins with `=`
#     (the CLI and the library must match, or wasm-bindgen refuses the module)
#   - npm packages from package.json / package-lock.json: bootstrap-italia (design kit assets) and
#     binaryen (wasm-opt). Debian's binaryen is too old for current rustc output: never use it.
#   - brotli (apt), to report the size budget
#
# Environment: CARGO_BUILD_JOBS (default 1: small shared machines), CARGO_HOME.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"

log() { printf '[install-frontend-tools] %s\n' "$*" >&2; }

# --- Rust target --------------------------------------------------------------------------
if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
    log "wasm32-unknown-unknown: already installed"
else
    log "wasm32-unknown-unknown: installing"
    rustup target add wasm32-unknown-unknown
fi

# --- wasm-bindgen-cli -----------------------------------------------------------------------
WB_VERSION="$(sed -nE 's/^wasm-bindgen[[:space:]]*=[[:space:]]*"=([0-9]+\.[0-9]+\.[0-9]+)".*/\1/p' frontend/Cargo.toml)"
if [[ -z "$WB_VERSION" ]]; then
    log "error: frontend/Cargo.toml must pin wasm-bindgen exactly, e.g. wasm-bindgen = \"=0.2.100\""
    exit 1
fi
installed_wb=""
if [[ -x "$CARGO_BIN/wasm-bindgen" ]]; then
    installed_wb="$("$CARGO_BIN/wasm-bindgen" --version | awk '{print $2}')"
fi
if [[ "$installed_wb" == "$WB_VERSION" ]]; then
    log "wasm-bindgen-cli $WB_VERSION: already installed"
else
    log "wasm-bindgen-cli: installing $WB_VERSION (found: ${installed_wb:-none}); this takes a few minutes"
    # No --locked: with it a pinned dependency of the CLI is missing from the registry.
    cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

# --- brotli (measures the size budget of the built SPA) ----------------------------------
if command -v brotli >/dev/null; then
    log "brotli: already installed"
elif command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
    log "brotli: installing (apt)"
    apt-get install -y -qq brotli >/dev/null 2>&1 \
        || { apt-get update -qq && apt-get install -y -qq brotli >/dev/null; }
else
    log "brotli: not installed; the build will not report the brotli size"
fi

# --- npm packages ---------------------------------------------------------------------------
bash scripts/install-npm-packages.sh

for f in node_modules/.bin/wasm-opt node_modules/bootstrap-italia/dist/css/bootstrap-italia.min.css; do
    [[ -e "$f" ]] || { log "error: $f missing after npm install"; exit 1; }
done
log "ok: $("$CARGO_BIN/wasm-bindgen" --version), wasm-opt $(node_modules/.bin/wasm-opt --version | awk '{print $3}'), bootstrap-italia $(node -p 'require("./node_modules/bootstrap-italia/package.json").version')"
