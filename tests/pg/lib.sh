# tests/pg/lib.sh: sourced by every tests/pg/test_*.sh (`. "$AM_PG_LIB"`). ctest (pg.cmake) runs
# them against its throwaway cluster, with PGHOST/PGPORT/PGUSER set, and ADVMATCH (the binary),
# AM_SOURCE_DIR (the source tree) and AM_WORK (this test's scratch directory).
#   fail MSG             "FAIL: MSG" on stderr, exit 1
#   pg_newdb NAME        a new, empty database t_NAME (dropped first if left over); exports PGDATABASE
#   q SQL                runs SQL with psql, prints the rows unaligned, no header (col|col);
#                        fails on the first error
#   expect_eq WHAT GOT WANT   fails unless GOT = WANT
#   work_dir             recreates $AM_WORK and cd's into it
set -eu
: "${PGHOST:?not set: run the pg tests through ctest (ctest -R pg_)}"
: "${AM_WORK:?not set: run the pg tests through ctest (ctest -R pg_)}"

# the PostgreSQL clients: from PATH, or else those of PostgreSQL 15
if ! command -v psql >/dev/null 2>&1 || ! command -v createdb >/dev/null 2>&1; then
    PATH=$PATH:/usr/lib/postgresql/15/bin
    export PATH
fi

fail() { echo "FAIL: $*" >&2; exit 1; }

pg_newdb() {
    PGDATABASE=t_$1
    export PGDATABASE
    PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" \
        dropdb --if-exists --force "$PGDATABASE" || fail "dropdb $PGDATABASE"
    createdb "$PGDATABASE" || fail "createdb $PGDATABASE"
}

q() { psql -X -A -t -q -v ON_ERROR_STOP=1 -c "$*"; }

expect_eq() {
    [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

work_dir() {
    { rm -rf "$AM_WORK" && mkdir -p "$AM_WORK" && cd "$AM_WORK"; } || fail "work_dir $AM_WORK"
}
