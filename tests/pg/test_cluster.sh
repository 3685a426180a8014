#!/bin/sh
# tests/pg/test_cluster.sh: the test cluster and lib.sh themselves: a PostgreSQL 15 server on
# the socket ctest gave us, with the test settings; a table written and read back through q;
# and a failing statement makes q fail.
# shellcheck source=tests/pg/lib.sh
. "$AM_PG_LIB"
work_dir
pg_newdb cluster

version=$(q "SHOW server_version_num")
case $version in 15*) ;; *) fail "server_version_num is '$version', want PostgreSQL 15" ;; esac
expect_eq "socket directory" "$(q "SHOW unix_socket_directories")" "$PGHOST"
expect_eq "listen_addresses" "$(q "SHOW listen_addresses")" ""
expect_eq "fsync" "$(q "SHOW fsync")" "off"
expect_eq "max_connections" "$(q "SHOW max_connections")" "200"
expect_eq "database" "$(q "SELECT current_database()")" "t_cluster"
expect_eq "encoding" "$(q "SHOW server_encoding")" "UTF8"

q "CREATE TABLE county (code int PRIMARY KEY, name text NOT NULL)"
q "INSERT INTO county VALUES (520623, '务川仡佬族苗族自治县'), (130731, '涿鹿县')"
expect_eq "row count" "$(q "SELECT count(*) FROM county")" "2"
expect_eq "rows" "$(q "SELECT code, name FROM county ORDER BY code")" "130731|涿鹿县
520623|务川仡佬族苗族自治县"

# a failing statement: q exits non-zero, says why, and changes nothing
rc=0
(q "INSERT INTO county VALUES (130731, 'again')") >out.txt 2>err.txt || rc=$?
[ "$rc" -ne 0 ] || fail "q succeeded on a duplicate key"
grep -q "duplicate key" err.txt || { cat err.txt >&2; fail "q did not report the duplicate key"; }
rc=0
(q "SELECT 1; SELECT no_such_column FROM county") >out.txt 2>err.txt || rc=$?
[ "$rc" -ne 0 ] || fail "q succeeded on an unknown column"
expect_eq "rows after the failures" "$(q "SELECT count(*) FROM county")" "2"
echo "ok: PostgreSQL $version at $PGHOST"
