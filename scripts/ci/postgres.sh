#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the test suite: installed from Debian's packages
# when missing, started in a temporary folder, stopped (and the folder removed) at exit.
# Source it, then: start_postgres (exports TEST_DATABASE_URL, sets PG_PORT) … stop_postgres.
# PG_PORT set: that port or fail. Unset: the first free one from 55433 on, so a busy host (another
# server, another run) does not stop the tests.

PG_PORT="${PG_PORT:-}"
PG_DIR=""
PG_BIN=""

_pg_as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "Installing PostgreSQL from Debian's packages…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
  if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then useradd --system --no-create-home postgres; fi
  PG_DIR="$(mktemp -d /tmp/nudgebot-pg.XXXXXX)"
  [ "$(id -u)" = "0" ] && chown postgres "$PG_DIR"
  _pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres >/dev/null
  local ports port output started=""
  if [ -n "$PG_PORT" ]; then ports="$PG_PORT"; else ports="$(seq 55433 55532)"; fi
  for port in $ports; do
    # Only binding a port tells for sure whether it is free: try it, and move on when it is taken.
    # lc_messages=C: the log says so in words this can match, whatever the host's locale.
    if output="$(_pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
      -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c lc_messages=C -c fsync=off -c max_connections=200" \
      start 2>&1)"; then
      started="$port"
      break
    fi
    if [ -z "$PG_PORT" ] && grep -q "Address already in use" "$PG_DIR/server.log" 2>/dev/null; then
      echo "Port $port is taken; trying the next one."
      : >"$PG_DIR/server.log"
      continue
    fi
    # Show the server's own words now: the exit trap removes the folder that holds them.
    echo "PostgreSQL did not start on 127.0.0.1:$port:" >&2
    echo "$output" >&2
    echo "--- $PG_DIR/server.log ---" >&2
    cat "$PG_DIR/server.log" >&2 2>/dev/null || echo "(no log was written)" >&2
    return 1
  done
  if [ -z "$started" ]; then
    echo "No free port for PostgreSQL in 55433-55532: set PG_PORT to one." >&2
    return 1
  fi
  PG_PORT="$started"
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT for the tests"
}

stop_postgres() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR/data" ]; then
    _pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
