#!/usr/bin/env bash
# Builds the Yew single-page application into dist/ (served by the API server at /).
#
#   dist/index.html                 with ?v=<build id> on every asset URL
#   dist/pkg/frontend.js            wasm-bindgen glue (--target web)
#   dist/pkg/frontend_bg.wasm       optimised with wasm-opt -Oz (npm binaryen)
#   dist/static/…                   frontend/static/* (css, boot script, icon)
#   dist/bootstrap-italia/…         css, fonts and sprites from npm bootstrap-italia (not its
#                                   JavaScript: the app needs none of it, and the CSP allows no
#                                   inline style its font loader would inject)
#
# Runs from any directory. Environment: CARGO_BUILD_JOBS (default 1), CARGO_TARGET_DIR.
# `--dev`: debug wasm without LTO or wasm-opt, for quick iterations; never ship it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
WASM_BINDGEN="$CARGO_BIN/wasm-bindgen"
WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
BI_DIST="$ROOT/node_modules/bootstrap-italia/dist"

log() { printf '[build-frontend] %s\n' "$*" >&2; }

DEV=0
[[ "${1:-}" == "--dev" ]] && DEV=1

bash "$ROOT/scripts/install-frontend-tools.sh"

# Size settings for the wasm only, given here because the workspace release profile is tuned for
# the server (and LTO cannot be set per package). Measured on the first version of the app, after
# wasm-opt: 582 KB raw / 217 KB gzip without them, 359 KB / 147 KB with them (opt-level "s": 408 /
# 159). Profile settings are part of cargo's artifact hashes, so this does not invalidate the
# server's release build.
if [[ $DEV == 1 ]]; then
    log "cargo build (wasm32-unknown-unknown, debug: --dev)"
    cargo build -p frontend --target wasm32-unknown-unknown
    PROFILE_DIR=debug
else
    log "cargo build (wasm32-unknown-unknown, release, size-optimised)"
    cargo build -p frontend --release --target wasm32-unknown-unknown \
        --config 'profile.release.opt-level="z"' \
        --config 'profile.release.lto=true' \
        --config 'profile.release.codegen-units=1'
    PROFILE_DIR=release
fi

TARGET_DIR="$(cargo metadata --format-version 1 --no-deps \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
WASM_IN="$TARGET_DIR/wasm32-unknown-unknown/$PROFILE_DIR/frontend.wasm"

# Assemble in a staging directory, then swap it in, so a running server never serves a half
# written dist/.
STAGE="$TARGET_DIR/frontend-dist.tmp"
rm -rf "$STAGE"
mkdir -p "$STAGE/pkg" "$STAGE/static" "$STAGE/bootstrap-italia/css" "$STAGE/bootstrap-italia/svg"

log "wasm-bindgen"
"$WASM_BINDGEN" --target web --no-typescript --out-dir "$STAGE/pkg" "$WASM_IN"

if [[ $DEV == 0 ]]; then
    log "wasm-opt -Oz"
    "$WASM_OPT" -Oz "$STAGE/pkg/frontend_bg.wasm" -o "$STAGE/pkg/frontend_bg.opt.wasm"
    mv "$STAGE/pkg/frontend_bg.opt.wasm" "$STAGE/pkg/frontend_bg.wasm"
fi

log "static assets"
cp -R "$ROOT/frontend/static/." "$STAGE/static/"
cp "$BI_DIST/css/bootstrap-italia.min.css" "$STAGE/bootstrap-italia/css/"
cp "$BI_DIST/svg/sprites.svg" "$STAGE/bootstrap-italia/svg/"
cp -R "$BI_DIST/fonts" "$STAGE/bootstrap-italia/fonts"

# Build id: hash of everything index.html links to, for cache busting.
BUILD_ID="$(cd "$STAGE" && find pkg static bootstrap-italia -type f -print0 | sort -z \
    | xargs -0 sha256sum | sha256sum | cut -c1-12)"
sed "s/__BUILD_ID__/$BUILD_ID/g" "$ROOT/frontend/index.html" > "$STAGE/index.html"

OLD="$TARGET_DIR/frontend-dist.old"
rm -rf "$OLD"
if [[ -d "$ROOT/dist" ]]; then
    mv "$ROOT/dist" "$OLD"
fi
mv "$STAGE" "$ROOT/dist"
rm -rf "$OLD"

WASM_OUT="$ROOT/dist/pkg/frontend_bg.wasm"
log "done: dist/ (build $BUILD_ID); wasm $(stat -c %s "$WASM_OUT") bytes raw, $(gzip -9c "$WASM_OUT" | wc -c) bytes gzip"
# The budget: wasm + every script the page loads, brotli-compressed.
if command -v brotli >/dev/null; then
    total=0
    for f in "$ROOT"/dist/pkg/*.wasm "$ROOT"/dist/pkg/*.js "$ROOT"/dist/static/*.js; do
        total=$((total + $(brotli -c -q 11 "$f" | wc -c)))
    done
    log "wasm + JS: $total bytes brotli (budget 409600)"
fi
