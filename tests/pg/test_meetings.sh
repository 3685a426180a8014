# tests/pg/test_meetings.sh: `advmatch db schedule` plans the meetings of the published groups
# from the ledger, stores the plan (document and rows) and, after a nightly repair, keeps the
# meetings of every group that did not change.
. "$AM_PG_LIB"
work_dir
pg_newdb meetings
A=$ADVMATCH

"$A" gen --counties 25 --experts 700 --seed 4 -o inst.json
"$A" db migrate >/dev/null || fail "migrate"
"$A" db import inst.json -q || fail "import"

"$A" db schedule -q || fail "schedule with no group yet"
expect_eq "a plan without groups has no meeting" "$(q "SELECT n_meetings FROM advmatch.schedule")" "0"
"$A" round quarterly -q >/dev/null || fail "quarterly"
R1=$(q "SELECT max(id) FROM advmatch.round")

"$A" db schedule -q -o plan1.json || fail "schedule"
S1=$(q "SELECT max(id) FROM advmatch.schedule")
expect_eq "meeting rows = the plan's meetings" \
    "$(q "SELECT count(*) FROM advmatch.meeting WHERE schedule = $S1")" \
    "$(q "SELECT n_meetings FROM advmatch.schedule WHERE id = $S1")"
expect_eq "every group met twice (H1, H2)" \
    "$(q "SELECT count(DISTINCT (county, half)) FROM advmatch.meeting WHERE schedule = $S1")" \
    "$(q "SELECT 2 * count(DISTINCT county) FROM advmatch.membership WHERE ended_round IS NULL")"
q "SELECT document FROM advmatch.schedule WHERE id = $S1" >stored.json
python3 -c "import json,sys; a=json.load(open('plan1.json')); b=json.load(open('stored.json')); sys.exit(a!=b)" ||
    fail "the stored document differs from the file written"
"$A" db export -o ledger.json -q
"$A" round show "$R1" --json -o groups.json
"$A" check-schedule ledger.json groups.json plan1.json >check.out || fail "plan 1 does not pass check-schedule: $(cat check.out)"
expect_eq "attending are members" \
    "$(q "SELECT count(*) FROM advmatch.meeting g CROSS JOIN LATERAL unnest(g.attending) a(e)
          WHERE g.schedule = $S1 AND NOT EXISTS (SELECT 1 FROM advmatch.membership m
          WHERE m.county = g.county AND m.expert = a.e AND m.ended_round IS NULL)")" "0"

# a member withdraws; the nightly repair changes one group; the next plan keeps the others'
E=$(q "SELECT expert FROM advmatch.membership WHERE ended_round IS NULL AND role = 'member'
       ORDER BY county, expert LIMIT 1")
q "UPDATE advmatch.expert SET active = false WHERE id = '$E'"
"$A" round nightly -q >/dev/null || fail "nightly"
R2=$(q "SELECT max(id) FROM advmatch.round")
"$A" db schedule -q || fail "schedule after the repair"
S2=$(q "SELECT max(id) FROM advmatch.schedule")
expect_eq "plan 2 continues plan 1" "$(q "SELECT previous FROM advmatch.schedule WHERE id = $S2")" "$S1"
unchanged="county NOT IN (SELECT county FROM advmatch.round_county WHERE round = $R2)"
expect_eq "unchanged groups keep their dates" \
    "$(q "SELECT count(*) FROM (SELECT county, half, date FROM advmatch.meeting WHERE schedule = $S1 AND $unchanged
          EXCEPT SELECT county, half, date FROM advmatch.meeting WHERE schedule = $S2) x")" "0"
expect_eq "the withdrawn expert attends nothing in plan 2" \
    "$(q "SELECT count(*) FROM advmatch.meeting WHERE schedule = $S2 AND '$E' = ANY(attending)")" "0"
echo ok
