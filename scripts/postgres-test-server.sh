#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (issue 16): `start STATE` makes a cluster in a
# new temporary folder, starts it on a free loopback port as an unprivileged user
# (PostgreSQL refuses to run as root; CI runs as root, so then as `postgres`), creates the
# role `baton` (password in a 0600 pgpass file, scram-sha-256 over TCP) and the database
# `baton` owned by it, and prints two lines: the URL and the pgpass file's path. `stop STATE`
# stops it and removes the folder. STATE is a file that remembers the folder between the two.
# `pause STATE` stops the server and keeps its folder; `resume STATE` starts it again on the
# same port: the tests of a server that goes away (issue 16 item 4) use these.
set -euo pipefail

command=${1:-}
state=${2:-}
if [ -z "$command" ] || [ -z "$state" ]; then
    echo "usage: $0 start|stop|pause|resume STATE_FILE" >&2
    exit 2
fi

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "$0: no PostgreSQL server in /usr/lib/postgresql/*/bin; run scripts/ensure-deps.sh (it installs Debian's postgresql)" >&2
    exit 1
fi

# Runs a command as the server's user: root hands it to `postgres`, anyone else is that user.
# From `/`: the caller's folder may be one `postgres` cannot enter (a clone in a 0700
# `mktemp -d`), and its tools then warn on stderr, which callers read (every path here is absolute).
as_server() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && setpriv --reuid=postgres --regid=postgres --init-groups -- "$@")
    else
        (cd / && "$@")
    fi
}

case "$command" in
start)
    folder=$(mktemp -d "${TMPDIR:-/tmp}/baton-pg-XXXXXX")
    chmod 0700 "$folder"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$folder"
    echo "$folder" > "$state"
    port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    echo "$port" > "$folder/port"
    password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    as_server "$bin/initdb" -D "$folder/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1 \
        || { cat "$folder/initdb.log" >&2; exit 1; }
    as_server "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 30 \
        -o "-p $port -k $folder -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
        || { cat "$folder/server.log" >&2; exit 1; }
    as_server "$bin/psql" -h "$folder" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
        -c "CREATE ROLE baton LOGIN PASSWORD '$password' CREATEDB" \
        -c "CREATE DATABASE baton OWNER baton" \
        -c "REVOKE ALL ON DATABASE baton FROM PUBLIC" >/dev/null
    # The tests find the password as baton does: in a pgpass file (PGPASSFILE), mode 0600.
    pgpass="$folder/pgpass"
    echo "127.0.0.1:$port:*:baton:$password" > "$pgpass"
    chmod 0600 "$pgpass"
    [ "$(id -u)" -eq 0 ] && chown root "$pgpass"
    echo "postgres://baton@127.0.0.1:$port/baton?sslmode=disable"
    echo "$pgpass"
    ;;
pause)
    folder=$(cat "$state")
    as_server "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null
    ;;
resume)
    folder=$(cat "$state")
    port=$(cat "$folder/port")
    as_server "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 30 \
        -o "-p $port -k $folder -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
        || { cat "$folder/server.log" >&2; exit 1; }
    ;;
stop)
    [ -f "$state" ] || exit 0
    folder=$(cat "$state")
    if [ -d "$folder/data" ]; then
        as_server "$bin/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$folder" "$state"
    ;;
*)
    echo "usage: $0 start|stop|pause|resume STATE_FILE" >&2
    exit 2
    ;;
esac
