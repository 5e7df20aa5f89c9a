#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests, run as the `postgres` user (PostgreSQL refuses
# root). Durability is off: the cluster lives for one test run. With PG_DURABLE=1 it keeps
# fsync, synchronous_commit and full-page writes on, as in production (benchmarks); PG_OPTIONS
# adds server options (e.g. "-c shared_buffers=1GB").
#   scripts/pg-throwaway.sh start         prints "<admin URL> <cluster dir>" on stdout
#   scripts/pg-throwaway.sh stop <dir>
set -euo pipefail
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
cmd="${1:?start|stop}"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    # Its own directory, readable by the postgres user (a caller's mktemp dir is root-only).
    dir="$(mktemp -d -t combipat-pg.XXXXXX)"
    chmod 755 "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    if [ "${PG_DURABLE:-0}" = 1 ]; then
      sync_flag="" durability=""
    else
      sync_flag="--no-sync" durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    as_postgres "$PG_BIN/initdb" -D "$dir/data" -A trust -U postgres $sync_flag -E UTF8 \
      --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-h 127.0.0.1 -p $port -k $dir $durability -c max_connections=300 ${PG_OPTIONS:-}" \
      start >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres $dir"
    ;;
  stop)
    dir="${2:?cluster directory}"
    as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop <dir>" >&2; exit 2 ;;
esac
