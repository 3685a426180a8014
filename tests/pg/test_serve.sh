# tests/pg/test_serve.sh: `advmatch serve`: two workers and 20 queued requests solve each request
# exactly once; a request for bad data fails with a message naming the record and the queue goes
# on; a running round is cancelled; SIGTERM gives a running round back to the queue.
. "$AM_PG_LIB"
work_dir
pg_newdb serve
A=$ADVMATCH
SERVE=
trap '[ -z "$SERVE" ] || kill -TERM $SERVE 2>/dev/null || true' EXIT

"$A" gen --counties 60 --experts 1500 --seed 5 -o inst.json
"$A" db migrate >/dev/null || fail "migrate"
"$A" db import inst.json >/dev/null || fail "import"

# bad data the database accepts but the engine refuses: a county with no industry
BADP=$(q "SELECT province FROM advmatch.county GROUP BY 1 ORDER BY 1 LIMIT 1")
q "INSERT INTO advmatch.county (id, name, province) VALUES ('${BADP}9999', '测试县', '$BADP')"

wait_idle() { # until no round is queued or running, at most $1 seconds
    i=0
    while [ "$(q "SELECT count(*) FROM advmatch.round WHERE status IN ('queued', 'running')")" != 0 ]; do
        i=$((i + 1))
        [ $i -le $(($1 * 5)) ] || fail "rounds still open after $1 s: $(q "SELECT id, status FROM advmatch.round WHERE status IN ('queued','running')")"
        sleep 0.2
    done
}

# ---- 20 queued previews (every province, repeated) and one for bad data, two workers
PROVS=$(q "SELECT string_agg(DISTINCT province, ' ') FROM advmatch.county WHERE province <> '$BADP'")
n=0
while [ $n -lt 20 ]; do
    for p in $PROVS; do
        [ $n -lt 20 ] || break
        "$A" round preview --province "$p" --enqueue >/dev/null || fail "enqueue $p"
        n=$((n + 1))
    done
done
"$A" round preview --province "$BADP" --enqueue >/dev/null || fail "enqueue the bad one"
BAD=$(q "SELECT max(id) FROM advmatch.round")
"$A" serve --workers 2 --lease 10 >serve.out 2>serve.log &
SERVE=$!
wait_idle 120
expect_eq "done rounds" "$(q "SELECT count(*) FROM advmatch.round WHERE status = 'done'")" "20"
expect_eq "each taken exactly once" "$(q "SELECT max(attempts) || ' ' || min(attempts) FROM advmatch.round")" "1 1"
expect_eq "each has its groups once" \
    "$(q "SELECT count(*) FROM advmatch.round r WHERE r.status = 'done' AND (SELECT count(*) FROM
          advmatch.round_county rc WHERE rc.round = r.id) <> (SELECT count(*) FROM advmatch.county c
          WHERE c.province = r.provinces[1])")" "0"
expect_eq "two workers took rounds" "$(q "SELECT count(DISTINCT worker) FROM advmatch.round")" "2"
expect_eq "the bad request failed" "$(q "SELECT status FROM advmatch.round WHERE id = $BAD")" "failed"
q "SELECT error FROM advmatch.round WHERE id = $BAD" | grep -q "${BADP}9999" ||
    fail "the failure does not name the county: $(q "SELECT error FROM advmatch.round WHERE id = $BAD")"
# the queue still works after the failure
P=$(echo "$PROVS" | cut -d' ' -f1)
"$A" round preview --province "$P" --enqueue >/dev/null
wait_idle 30
expect_eq "a request after the failure" "$(q "SELECT status FROM advmatch.round WHERE id = (SELECT max(id) FROM advmatch.round)")" "done"
kill -TERM $SERVE
wait $SERVE || fail "serve did not exit 0 on SIGTERM"

# ---- a running round is cancelled; SIGTERM gives a running round back to the queue
AM_FAILPOINT=round-hold "$A" serve --workers 1 --lease 10 >serve2.out 2>serve2.log &
SERVE=$!
"$A" round preview --province "$P" --enqueue >/dev/null
C=$(q "SELECT max(id) FROM advmatch.round")
i=0
until [ "$(q "SELECT status FROM advmatch.round WHERE id = $C")" = running ]; do
    i=$((i + 1)); [ $i -lt 100 ] || fail "round $C never ran"; sleep 0.2
done
"$A" round cancel "$C" >/dev/null || fail "cancel"
wait_idle 20
expect_eq "cancelled while running" "$(q "SELECT status FROM advmatch.round WHERE id = $C")" "cancelled"
# the worker's connection lost while it runs a round: the round is taken again (attempt 2) once
# its lease ran out, by the same worker after it reconnected
"$A" round preview --province "$P" --enqueue >/dev/null
L=$(q "SELECT max(id) FROM advmatch.round")
i=0
until [ "$(q "SELECT status FROM advmatch.round WHERE id = $L")" = running ]; do
    i=$((i + 1)); [ $i -lt 100 ] || fail "round $L never ran"; sleep 0.2
done
q "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
   WHERE datname = current_database() AND pid <> pg_backend_pid()" >/dev/null
i=0
until [ "$(q "SELECT status || ' ' || attempts FROM advmatch.round WHERE id = $L")" = "running 2" ]; do
    i=$((i + 1)); [ $i -lt 150 ] || fail "round $L was not taken again: $(q "SELECT status, attempts FROM advmatch.round WHERE id = $L")"; sleep 0.2
done
"$A" round cancel "$L" >/dev/null || fail "cancel $L"
wait_idle 20

# the instance a queued round would solve: that province's counties
"$A" round preview --province "$P" --enqueue >/dev/null
T=$(q "SELECT max(id) FROM advmatch.round")
"$A" db export --round "$T" -o would.json -q || fail "export a queued round"
expect_eq "counties of the instance a queued preview would solve" \
    "$(python3 -c "import json; print(len(json.load(open('would.json'))['counties']))")" \
    "$(q "SELECT count(*) FROM advmatch.county WHERE province = '$P'")"
i=0
until [ "$(q "SELECT status FROM advmatch.round WHERE id = $T")" = running ]; do
    i=$((i + 1)); [ $i -lt 100 ] || fail "round $T never ran"; sleep 0.2
done
kill -TERM $SERVE
wait $SERVE || fail "serve did not exit 0 on SIGTERM with a round running"
expect_eq "SIGTERM gave the round back" \
    "$(q "SELECT status || ' ' || coalesce(worker, '-') || ' ' || attempts FROM advmatch.round WHERE id = $T")" \
    "queued - 0"
# and a plain worker finishes it
"$A" serve --workers 1 >serve3.out 2>serve3.log &
SERVE=$!
wait_idle 30
kill -TERM $SERVE
wait $SERVE || true
expect_eq "the released round ran later" "$(q "SELECT status FROM advmatch.round WHERE id = $T")" "done"
echo ok
