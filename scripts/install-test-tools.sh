#!/usr/bin/env bash
# Installs what the test suite needs beyond Rust, idempotently: the PostgreSQL client library
# and server binaries (throwaway clusters), pdftotext (the printed summary's text) and
# schemathesis (contract tests) and moto (an S3 server for the blob store tests).
set -euo pipefail

log() { printf '[install-test-tools] %s\n' "$*" >&2; }
SCHEMATHESIS_VERSION="4.32.5"
MOTO_VERSION="${MOTO_VERSION:-5}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

apt_packages=()
dpkg -s libpq-dev >/dev/null 2>&1 || apt_packages+=(libpq-dev)
[ -x "$PG_BIN/initdb" ] || apt_packages+=(postgresql-15)
command -v pdftotext >/dev/null 2>&1 || apt_packages+=(poppler-utils)
if [ "${#apt_packages[@]}" -gt 0 ]; then
  log "apt: installing ${apt_packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
else
  log "libpq-dev, PostgreSQL 15 and poppler-utils: already installed"
fi

if command -v st >/dev/null 2>&1 && st --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  log "schemathesis $SCHEMATHESIS_VERSION: already installed"
else
  log "schemathesis: installing $SCHEMATHESIS_VERSION"
  python3 -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

if command -v moto_server >/dev/null 2>&1; then
  log "moto (S3 test server): already installed"
else
  log "moto: installing moto[server] $MOTO_VERSION.x"
  python3 -m pip install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION.*"
fi
