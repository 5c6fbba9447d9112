#!/usr/bin/env bash
# pg_harness.sh: runs a command against a throwaway PostgreSQL server.
#
#   tests/pg_harness.sh COMMAND [ARGS...]
#
# Creates a cluster with initdb in a temporary directory, starts it on a
# free loopback port with its unix socket in that directory, exports
# RASD_TEST_PG (a postgresql:// URL of the server's `postgres` database,
# trust authentication) to COMMAND, and stops and removes the cluster when
# COMMAND ends, whatever its result. PostgreSQL refuses to run as root: as
# root the cluster belongs to the `postgres` user (made by Debian's
# postgresql package), else to `nobody`. When no server can be started the
# command runs without RASD_TEST_PG and its PostgreSQL tests skip with a
# message (they exit 77, ctest's SKIP_RETURN_CODE).
set -uo pipefail

PG_BIN=${PG_BIN:-}
if [ -z "$PG_BIN" ]; then
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && PG_BIN=$d; done
fi

if [ $# -eq 0 ]; then echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; fi
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
  echo "pg_harness: no PostgreSQL server binaries (apt-get install postgresql): PostgreSQL tests will skip" >&2
  unset RASD_TEST_PG
  exec "$@"
fi

RUN=()
if [ "$(id -u)" -eq 0 ]; then
  user=""
  for u in postgres nobody; do id "$u" >/dev/null 2>&1 && { user=$u; break; }; done
  if [ -z "$user" ] || ! command -v runuser >/dev/null 2>&1; then
    echo "pg_harness: running as root with no postgres or nobody user to run the server: PostgreSQL tests will skip" >&2
    unset RASD_TEST_PG
    exec "$@"
  fi
  RUN=(runuser -u "$user" --)
fi

dir=$(mktemp -d /tmp/rasd-pg-XXXXXX)
chmod 755 "$dir"
[ ${#RUN[@]} -gt 0 ] && chown "$user" "$dir"

# A free loopback port: the kernel picks one for a socket that is closed at
# once; a clash with another process in between makes pg_ctl fail, and the
# loop tries again.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

stop() {
  "${RUN[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$dir"
}

if ! "${RUN[@]}" "$PG_BIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
     >"$dir/initdb.log" 2>&1; then
  echo "pg_harness: initdb failed:" >&2; cat "$dir/initdb.log" >&2; rm -rf "$dir"
  unset RASD_TEST_PG
  exec "$@"
fi

started=0
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  # fsync off: a test server's data need not survive a power cut
  if "${RUN[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
       -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c full_page_writes=off -c max_connections=50 -c shared_buffers=64MB" \
       start >/dev/null 2>&1; then
    started=1; break
  fi
done
if [ $started -eq 0 ]; then
  echo "pg_harness: the server did not start:" >&2; tail -20 "$dir/server.log" >&2; stop
  unset RASD_TEST_PG
  exec "$@"
fi
trap stop EXIT INT TERM

export RASD_TEST_PG="postgresql://postgres@127.0.0.1:$port/postgres"
export RASD_TEST_PG_SOCKET="$dir"
echo "pg_harness: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on $RASD_TEST_PG" >&2
"$@"
rc=$?
exit $rc
