#!/bin/sh
# tools/pg-cluster.sh start|stop DIR: a throwaway PostgreSQL cluster for the tests (tests/pg,
# where ctest starts and stops it around the pg_* tests).
#   start: stops any server still running in a stale DIR and removes it, then initdb into
#          DIR/data (trust auth, superuser postgres, UTF8, locale C.UTF-8 or else C) and starts
#          the server: no TCP, only a unix socket in DIR on port 5432 (never clashes with a system
#          server), settings for speed rather than safety (fsync off ..., unless AM_PG_FSYNC=on),
#          log in DIR/log. Waits
#          until it accepts connections; on failure prints the tail of the log and exits non-zero.
#   stop:  fast shutdown if running, then removes DIR; succeeds when DIR is already gone.
# As root the server runs as the `postgres` user, so DIR must be reachable by it (under /tmp).
# Connect with PGHOST=DIR PGPORT=5432 PGUSER=postgres.
set -eu
usage() { echo "usage: tools/pg-cluster.sh start|stop DIR" >&2; exit 64; }
[ $# -eq 2 ] || usage
cmd=$1 dir=$2
case $cmd in start|stop) ;; *) usage ;; esac
case $dir in /*) ;; *) dir=$(pwd)/$dir ;; esac   # the socket directory must be absolute
dir=${dir%/}
port=5432

# the server binaries: PostgreSQL 15, or else the newest installed
bindir=/usr/lib/postgresql/15/bin
if [ ! -x "$bindir/pg_ctl" ]; then
    bindir=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5,5n | tail -n 1)
    if [ ! -x "$bindir/pg_ctl" ]; then
        echo "pg-cluster: no PostgreSQL server in /usr/lib/postgresql/*/bin (run tools/setup.sh)" >&2
        exit 1
    fi
fi

# as CMD...: run CMD as the cluster's owner (the postgres user when we are root; the server
# refuses to run as root), from / so that its working directory is always readable
if [ "$(id -u)" -eq 0 ]; then
    as() { (cd / && runuser -u postgres -- "$@"); }
else
    as() { (cd / && "$@"); }
fi

# stop_server: fast shutdown of a server running in $dir/data, if any
stop_server() {
    [ -f "$dir/data/postmaster.pid" ] || return 0
    if as "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        as "$bindir/pg_ctl" -D "$dir/data" stop -m fast -w -t 60 >/dev/null ||
            as "$bindir/pg_ctl" -D "$dir/data" stop -m immediate -w -t 60 >/dev/null
    fi
}

# log_tail FILE: the end of FILE on stderr, if it exists
log_tail() {
    [ -f "$1" ] || return 0
    echo "pg-cluster: last lines of $1:" >&2
    tail -n 40 "$1" >&2
}

if [ "$cmd" = stop ]; then
    [ -d "$dir" ] || exit 0
    stop_server
    rm -rf "$dir"
    exit 0
fi

# ---- start ----
sock=$dir/.s.PGSQL.$port
if [ ${#sock} -gt 107 ]; then
    echo "pg-cluster: $dir is too long for a unix socket path ($sock)" >&2
    exit 1
fi
if [ -d "$dir" ]; then
    stop_server
    rm -rf "$dir"
fi
mkdir -p "$dir"
chmod 755 "$dir"
if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    if ! as test -w "$dir"; then
        echo "pg-cluster: the postgres user cannot reach $dir (every parent must be traversable; use /tmp)" >&2
        exit 1
    fi
fi

# initdb DIR/data with LOCALE, its output in DIR/initdb.log
init() {
    rm -rf "$dir/data"
    as "$bindir/initdb" -D "$dir/data" --auth=trust -U postgres -E UTF8 --locale="$1" \
        >"$dir/initdb.log" 2>&1
}
if ! init C.UTF-8 && ! init C; then
    echo "pg-cluster: initdb failed" >&2
    log_tail "$dir/initdb.log"
    exit 1
fi

esc=$(printf '%s' "$dir" | sed "s/'/''/g")
durable=${AM_PG_FSYNC:-off}   # AM_PG_FSYNC=on: commits reach the disk (bench/ledger)
cat >>"$dir/data/postgresql.conf" <<EOF

# ---- tools/pg-cluster.sh: a throwaway cluster for tests ----
listen_addresses = ''
port = $port
unix_socket_directories = '$esc'
fsync = $durable
synchronous_commit = $durable
full_page_writes = $durable
max_connections = 200
shared_buffers = 128MB
EOF

if ! as "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" start -w -t 60 >/dev/null; then
    echo "pg-cluster: the server in $dir did not start" >&2
    log_tail "$dir/log"
    exit 1
fi
echo "pg-cluster: $("$bindir/postgres" --version) running: PGHOST=$dir PGPORT=$port PGUSER=postgres"
