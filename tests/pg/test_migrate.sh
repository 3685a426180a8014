#!/bin/sh
# tests/pg/test_migrate.sh: `advmatch db migrate` on a new database creates the schema and says
# how many migrations it applied; run again it applies none and changes nothing (the recorded
# versions and a schema-only dump are the same before and after). A command that needs the
# schema refuses a database that was never migrated with exit 69 and says what to run.
# shellcheck source=tests/pg/lib.sh
. "$AM_PG_LIB"
work_dir
pg_newdb migrate

# dump ARGS...: pg_dump of the test database without the random \restrict keys of recent
# pg_dump releases, so that equal databases give equal dumps
dump() {
    pg_dump "$@" "$PGDATABASE" >dump.tmp || fail "pg_dump $*"
    sed '/^\\\(un\)\{0,1\}restrict /d' dump.tmp
}

# before any migration: the commands that need the schema say to migrate first
rc=0
"$ADVMATCH" db export -o never.json >out.txt 2>err.txt || rc=$?
expect_eq "export before migrate: exit status" "$rc" 69
grep -q "run advmatch db migrate first" err.txt || { cat err.txt >&2; fail "no hint to migrate"; }
[ ! -e never.json ] || fail "export before migrate wrote a file"

# first run: every migration
"$ADVMATCH" db migrate >first.txt 2>err.txt || { cat err.txt >&2; fail "first migrate failed"; }
line=$(cat first.txt)
version=$(sed -n 's/^schema at version \([0-9][0-9]*\) ([0-9][0-9]* migrations\{0,1\} applied)$/\1/p' first.txt)
applied=$(sed -n 's/^schema at version [0-9][0-9]* (\([0-9][0-9]*\) migrations\{0,1\} applied)$/\1/p' first.txt)
[ -n "$version" ] && [ -n "$applied" ] || fail "first migrate printed '$line'"
[ "$applied" -ge 1 ] || fail "first migrate applied $applied migrations"
expect_eq "migrations applied = schema version on a new database" "$applied" "$version"
expect_eq "recorded migrations" "$(q "SELECT count(*) FROM advmatch_schema_version")" "$applied"
expect_eq "ledger version" "$(q "SELECT version FROM advmatch.ledger")" 0
expect_eq "policy row" "$(q "SELECT count(*) FROM advmatch.policy")" 1
dump --schema-only --no-owner >before.sql

# second run: nothing to do, nothing changed
"$ADVMATCH" db migrate >second.txt 2>err.txt || { cat err.txt >&2; fail "second migrate failed"; }
expect_eq "second migrate" "$(cat second.txt)" "schema at version $version (0 migrations applied)"
expect_eq "recorded migrations after the second run" \
    "$(q "SELECT count(*) FROM advmatch_schema_version")" "$applied"
dump --schema-only --no-owner >after.sql
cmp -s before.sql after.sql || { diff before.sql after.sql >&2; fail "the second migrate changed the schema"; }

# --db names the database explicitly (here the same one)
expect_eq "migrate with --db" "$("$ADVMATCH" db migrate --db "dbname=$PGDATABASE")" \
    "schema at version $version (0 migrations applied)"

# every help teaches and exits 0; a wrong call is a usage error
for sub in "" migrate import export; do
    # shellcheck disable=SC2086
    "$ADVMATCH" db $sub --help >help.txt || fail "db $sub --help failed"
    grep -q "^usage: advmatch db" help.txt || fail "db $sub --help has no usage line"
    grep -q "exit status" help.txt || fail "db $sub --help does not list the exit statuses"
    grep -q "example" help.txt || fail "db $sub --help has no example"
done
rc=0
"$ADVMATCH" db frobnicate 2>err.txt || rc=$?
expect_eq "unknown subcommand: exit status" "$rc" 64
rc=0
"$ADVMATCH" db migrate extra 2>err.txt || rc=$?
expect_eq "migrate with an operand: exit status" "$rc" 64
echo "ok: schema version $version, $applied migrations, idempotent"
