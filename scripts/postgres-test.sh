#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on a local port for the store tests and prints the connection URL.
# Usage: eval "$(bash scripts/postgres-test.sh start)"   (exports LAYERNAS_TEST_POSTGRES and LAYERNAS_TEST_PGDATA)
#        bash scripts/postgres-test.sh restart DATADIR [SECONDS]   (stops the server, ending every session, waits, starts it)
#        bash scripts/postgres-test.sh stop DATADIR
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "postgres-test: PostgreSQL is not installed: run scripts/setup.sh (apt-get install postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-start}" in
  start)
    port=${LAYERNAS_TEST_PGPORT:-55432}
    # Take the first free port from there, so two test runs on one machine do not collide.
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    data=$(mktemp -d /tmp/layernas-pg.XXXXXX)
    chmod 755 "$data"
    [ "$(id -u)" = 0 ] && chown postgres "$data"
    pw=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
    pwfile="$data/pw"; echo "$pw" | as_pg tee "$pwfile" >/dev/null
    as_pg "$bin/initdb" -D "$data/db" -U layernas --pwfile="$pwfile" -A scram-sha-256 >"$data/initdb.log" 2>&1 \
      || { cat "$data/initdb.log" >&2; exit 1; }
    echo "-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" > "$data/options"
    as_pg "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 -o "$(cat "$data/options")" start >/dev/null \
      || { cat "$data/server.log" >&2; exit 1; }
    echo "export LAYERNAS_TEST_PGDATA='$data'"
    echo "export LAYERNAS_TEST_POSTGRES='postgresql://layernas:$pw@127.0.0.1:$port/postgres'"
    ;;
  restart)
    data=${2:?data dir}
    as_pg "$bin/pg_ctl" -D "$data/db" -m fast -w stop >/dev/null
    sleep "${3:-0}"
    as_pg "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 -o "$(cat "$data/options")" start >/dev/null \
      || { cat "$data/server.log" >&2; exit 1; }
    ;;
  stop)
    data=${2:?data dir}
    as_pg "$bin/pg_ctl" -D "$data/db" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$data"
    ;;
esac
