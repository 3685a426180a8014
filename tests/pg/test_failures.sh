# tests/pg/test_failures.sh: a round killed in the middle of its write, or failing there, leaves
# the published data exactly as it was; the round is marked failed with the cause.
. "$AM_PG_LIB"
work_dir
pg_newdb failures
A=$ADVMATCH

"$A" gen --counties 30 --experts 800 --seed 2 -o inst.json
"$A" db migrate >/dev/null || fail "migrate"
"$A" db import inst.json >/dev/null || fail "import"
"$A" round quarterly -q >/dev/null || fail "first round"

snapshot() {
    q "SELECT 'm', id, county, expert, role, added_round, coalesce(ended_round, 0) FROM advmatch.membership ORDER BY id" >"$1"
    q "SELECT 'l', id, round, county, expert, change FROM advmatch.change_log ORDER BY id" >>"$1"
    q "SELECT 'v', version FROM advmatch.ledger" >>"$1"
    q "SELECT 'r', count(*) FROM advmatch.round_member" >>"$1"
}
snapshot before.txt
P=$(q "SELECT province FROM advmatch.county ORDER BY id LIMIT 1")

# ---- killed (SIGKILL) in the middle of the write transaction
set +e
AM_FAILPOINT=pg-write-kill "$A" round quarterly --province "$P" -q >kill.out 2>&1
rc=$?
set -e
expect_eq "the process was killed" "$rc" "137"
K=$(q "SELECT max(id) FROM advmatch.round")
snapshot after-kill.txt
cmp -s before.txt after-kill.txt || fail "a killed write left data: $(diff before.txt after-kill.txt | head)"
expect_eq "the killed round is still running until its lease runs out" \
    "$(q "SELECT status FROM advmatch.round WHERE id = $K")" "running"
q "UPDATE advmatch.round SET lease_until = now() - interval '1 second' WHERE id = $K"
"$A" round list >/dev/null
expect_eq "then it is failed" "$(q "SELECT status FROM advmatch.round WHERE id = $K")" "failed"
q "SELECT error FROM advmatch.round WHERE id = $K" | grep -q "stopped before finishing" ||
    fail "the failure does not say the process died: $(q "SELECT error FROM advmatch.round WHERE id = $K")"

# ---- an error in the middle of the write transaction
set +e
AM_FAILPOINT=pg-write-error "$A" round quarterly --province "$P" -q >err.out 2>&1
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "a failed write exits 0"
E=$(q "SELECT max(id) FROM advmatch.round")
snapshot after-error.txt
cmp -s before.txt after-error.txt || fail "a failed write left data"
expect_eq "failed round" "$(q "SELECT status FROM advmatch.round WHERE id = $E")" "failed"
q "SELECT error FROM advmatch.round WHERE id = $E" | grep -q "pg-write-error" || fail "the cause is not named"
grep -q "round $E failed" err.out || fail "the user is not told: $(cat err.out)"

# ---- the connection lost: a server that is not there
set +e
"$A" round quarterly --db "host=/nonexistent port=1" -q >/dev/null 2>down.err
rc=$?
set -e
expect_eq "no server exits" "$rc" "69"
grep -q "cannot connect" down.err || fail "no clear message: $(cat down.err)"

# ---- a round for a province that does not exist is refused before it is queued
set +e
"$A" round preview --province 99 -q >/dev/null 2>p99.err
rc=$?
set -e
expect_eq "unknown province exits" "$rc" "65"
grep -q 'province "99" is not in the ledger' p99.err || fail "no clear message: $(cat p99.err)"
echo ok
