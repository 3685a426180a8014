# tests/pg/test_rounds.sh: rounds run in the requesting process against a real ledger:
# quarterly groups pass `advmatch check`; a second quarterly round keeps the first one's groups;
# a preview is published, or refused after a conflicting change; a nightly repair after three
# withdrawals changes only the groups that lost a member and logs each change with its reason.
. "$AM_PG_LIB"
work_dir
pg_newdb rounds
A=$ADVMATCH

"$A" gen --counties 40 --experts 1200 --seed 11 -o inst.json
"$A" db migrate >/dev/null || fail "migrate"
"$A" db import inst.json >/dev/null || fail "import"

open_groups() { q "SELECT county, expert, role, added_round FROM advmatch.membership
                   WHERE ended_round IS NULL $1 ORDER BY 1, 2"; }
last_round() { q "SELECT max(id) FROM advmatch.round"; }

# the two provinces with most counties
P1=$(q "SELECT province FROM advmatch.county GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
P2=$(q "SELECT province FROM advmatch.county GROUP BY 1 ORDER BY count(*) DESC, 1 OFFSET 1 LIMIT 1")

# ---- a quarterly round for P1: done, published, and its groups pass the independent check
"$A" round quarterly --province "$P1" -q >r1.out || fail "quarterly round 1 failed: $(cat r1.out)"
R1=$(last_round)
expect_eq "round 1 status" "$(q "SELECT status || ' ' || (published_at IS NOT NULL)
                                 FROM advmatch.round WHERE id = $R1")" "done true"
expect_eq "round 1 counties = the province's" \
    "$(q "SELECT count(*) FROM advmatch.round_county WHERE round = $R1")" \
    "$(q "SELECT count(*) FROM advmatch.county WHERE province = '$P1'")"
"$A" db export --round "$R1" -o r1-inst.json || fail "export round 1"
"$A" round show "$R1" --json -o r1-res.json || fail "show --json round 1"
"$A" check r1-inst.json r1-res.json >check1.out || fail "round 1 does not pass check: $(cat check1.out)"
expect_eq "published = round 1's members" \
    "$(q "SELECT count(*) FROM advmatch.membership WHERE ended_round IS NULL")" \
    "$(q "SELECT count(*) FROM advmatch.round_member WHERE round = $R1")"
expect_eq "every membership of round 1 logged as added" \
    "$(q "SELECT count(*) FROM advmatch.change_log WHERE round = $R1 AND change = 'added'")" \
    "$(q "SELECT count(*) FROM advmatch.round_member WHERE round = $R1")"
open_groups "" >g1.txt

# ---- a second quarterly round (every county without a group) keeps round 1's groups
"$A" round quarterly -q >r2.out || fail "quarterly round 2 failed: $(cat r2.out)"
R2=$(last_round)
open_groups "AND added_round = $R1" >g1b.txt
cmp -s g1.txt g1b.txt || fail "round 2 changed round 1's groups"
expect_eq "round 2 left P1 alone" \
    "$(q "SELECT count(*) FROM advmatch.round_county rc JOIN advmatch.county c ON c.id = rc.county
          WHERE rc.round = $R2 AND c.province = '$P1'")" "0"
expect_eq "every county has a group now" \
    "$(q "SELECT count(*) FROM advmatch.county c WHERE NOT EXISTS (SELECT 1 FROM
          advmatch.membership m WHERE m.county = c.id AND m.ended_round IS NULL)")" "0"
expect_eq "no expert over capacity across both rounds" \
    "$(q "SELECT count(*) FROM (SELECT m.expert FROM advmatch.membership m
          JOIN advmatch.expert e ON e.id = m.expert WHERE m.ended_round IS NULL
          GROUP BY m.expert, e.capacity HAVING count(*) > e.capacity) x")" "0"
"$A" db export --round "$R2" -o r2-inst.json && "$A" round show "$R2" --json -o r2-res.json &&
    "$A" check r2-inst.json r2-res.json >/dev/null || fail "round 2 does not pass check"

# ---- a preview of P2 changes nothing published; it is refused after a conflicting change
open_groups "" >before-preview.txt
"$A" round preview --province "$P2" -q >p.out || fail "preview failed: $(cat p.out)"
R3=$(last_round)
open_groups "" >after-preview.txt
cmp -s before-preview.txt after-preview.txt || fail "a preview changed the published groups"
expect_eq "preview not published" "$(q "SELECT published_at IS NULL FROM advmatch.round WHERE id = $R3")" "t"
# re-import with a change to an expert the preview uses
E=$(q "SELECT expert FROM advmatch.round_member WHERE round = $R3 ORDER BY expert LIMIT 1")
python3 - "$E" <<'EOF'
import json, sys
d = json.load(open("inst.json"))
for e in d["experts"]:
    if e["id"] == sys.argv[1]:
        e["capacity"] = e.get("capacity", 1) + 1
json.dump(d, open("inst2.json", "w"), ensure_ascii=False)
EOF
"$A" db import inst2.json >/dev/null || fail "re-import"
set +e
"$A" round publish "$R3" >pub.out 2>pub.err
rc=$?
set -e
expect_eq "publish after a conflicting change exits" "$rc" "75"
grep -q "expert $E changed" pub.err || fail "the refusal does not name expert $E: $(cat pub.err)"
open_groups "" >after-refusal.txt
cmp -s before-preview.txt after-refusal.txt || fail "a refused publish changed the groups"
# a change by hand in SQL is stamped too: an expert marked inactive, a decline added
for how in inactive decline; do
    "$A" round preview --province "$P2" -q >/dev/null || fail "preview for a change by hand"
    RH=$(last_round)
    EH=$(q "SELECT expert FROM advmatch.round_member WHERE round = $RH ORDER BY expert DESC LIMIT 1")
    if [ $how = inactive ]; then
        q "UPDATE advmatch.expert SET active = false WHERE id = '$EH'"
    else
        q "INSERT INTO advmatch.expert_decline (expert, county) SELECT '$EH', county
           FROM advmatch.round_member WHERE round = $RH AND expert = '$EH' LIMIT 1"
    fi
    set +e
    "$A" round publish "$RH" >/dev/null 2>hand.err
    rc=$?
    set -e
    expect_eq "publish after a change by hand exits" "$rc" "75"
    grep -q "expert $EH changed" hand.err || fail "the refusal does not name $EH: $(cat hand.err)"
done
# the next import rewrites the records changed by hand from the file
"$A" db import inst2.json -q || fail "re-import after changes by hand"
expect_eq "inactive by hand, active again from the file" \
    "$(q "SELECT count(*) FROM advmatch.expert WHERE NOT active")" \
    "$(python3 -c "import json; print(sum(not e.get('active', True) for e in json.load(open('inst2.json'))['experts']))")"
expect_eq "the decline added by hand is gone" \
    "$(q "SELECT count(*) FROM advmatch.expert_decline")" \
    "$(python3 -c "import json; print(sum(len(e.get('declines', [])) for e in json.load(open('inst2.json'))['experts']))")"

# a fresh preview publishes; the published groups are then the preview's
"$A" round preview --province "$P2" -q >/dev/null || fail "second preview"
R4=$(last_round)
"$A" round publish "$R4" >pub2.out || fail "publish: $(cat pub2.out)"
expect_eq "published P2 = preview's members" \
    "$(q "SELECT count(*) FROM advmatch.membership m JOIN advmatch.county c ON c.id = m.county
          WHERE m.ended_round IS NULL AND c.province = '$P2'")" \
    "$(q "SELECT count(*) FROM advmatch.round_member WHERE round = $R4")"
set +e
"$A" round publish "$R4" >/dev/null 2>pub3.err
rc=$?
set -e
expect_eq "publishing twice exits" "$rc" "65"

# ---- nightly: three experts withdraw (inactive) from three different groups
open_groups "" >before-nightly.txt
T_BEFORE=$(q "SELECT clock_timestamp()")
W=$(q "SELECT string_agg(expert, ' ') FROM (SELECT DISTINCT ON (county) county, expert
       FROM advmatch.membership WHERE ended_round IS NULL AND role = 'member'
       ORDER BY county, expert LIMIT 3) x")
python3 - $W <<'EOF'
import json, sys
d = json.load(open("inst2.json"))
for e in d["experts"]:
    if e["id"] in sys.argv[1:]:
        e["active"] = False
json.dump(d, open("inst3.json", "w"), ensure_ascii=False)
EOF
"$A" db import inst3.json >/dev/null || fail "import the withdrawals"
WL=$(echo "$W" | sed "s/\([^ ]*\)/'\1'/g; s/ /, /g")
AFFECTED=$(q "SELECT count(DISTINCT county) FROM advmatch.membership
              WHERE ended_round IS NULL AND expert IN ($WL)")
"$A" round nightly -q >n.out || fail "nightly failed: $(cat n.out)"
R5=$(last_round)
expect_eq "nightly scope = the groups that lost a member" \
    "$(q "SELECT count(*) FROM advmatch.round_county WHERE round = $R5")" "$AFFECTED"
for e in $W; do
    expect_eq "dropped $e everywhere, logged with the reason" \
        "$(q "SELECT count(*) >= 1 AND bool_and(change = 'dropped' AND reason LIKE '%inactive%')
              FROM advmatch.change_log WHERE round = $R5 AND expert = '$e'")" "t"
done
open_groups "AND county NOT IN (SELECT county FROM advmatch.round_county WHERE round = $R5)" >n-others.txt
q "SELECT county FROM advmatch.round_county WHERE round = $R5" >scope5.txt
awk -F'|' 'NR == FNR { s[$1] = 1; next } !($1 in s)' scope5.txt before-nightly.txt >n-others-before.txt
cmp -s n-others-before.txt n-others.txt || fail "nightly changed groups that lost no member"
expect_eq "every change of the nightly round is logged" \
    "$(q "SELECT count(*) FROM advmatch.change_log WHERE round = $R5")" \
    "$(q "SELECT n_changes FROM advmatch.round WHERE id = $R5")"
expect_eq "members who stayed in the repaired groups stay" \
    "$(q "SELECT count(*) FROM advmatch.membership WHERE ended_round = $R5 AND expert NOT IN
          ($WL)")" "0"
expect_eq "a nightly round with nothing to repair changes nothing" \
    "$("$A" round nightly -q >/dev/null && q "SELECT n_changes FROM advmatch.round
       WHERE id = (SELECT max(id) FROM advmatch.round)")" "0"

# the history answers the groups as they stood before the repair
q "SELECT county, expert, role, added_round FROM advmatch.membership
   WHERE added_at <= '$T_BEFORE' AND (ended_at IS NULL OR ended_at > '$T_BEFORE') ORDER BY 1, 2" >as-of.txt
cmp -s before-nightly.txt as-of.txt || fail "the groups as of $T_BEFORE differ from what they were"

# ---- `round list` and `round show` tell what happened
"$A" round list >list.out || fail "round list"
grep -q "nightly" list.out || fail "list lacks the nightly round"
"$A" round show "$R5" >show.out || fail "round show"
grep -q "dropped" show.out || fail "show lacks the changes"
# ---- alternates of a stored round's member, from the ledger
C1=$(q "SELECT county FROM advmatch.round_county WHERE round = $R1 ORDER BY county LIMIT 1")
M1=$(q "SELECT expert FROM advmatch.round_member WHERE round = $R1 AND county = '$C1' AND role = 'member' ORDER BY expert LIMIT 1")
"$A" alternates --round "$R1" --county "$C1" --member "$M1" -k 3 --json -o alt.json || fail "alternates --round"
python3 -c "import json,sys; d=json.load(open('alt.json')); sys.exit(0 if '$M1' in json.dumps(d) else 1)" ||
    fail "alternates --round does not name $M1: $(cat alt.json)"
# ---- the coordinator's page of a stored round, from the ledger
"$A" report --round "$R1" --province "$P1" -q -o r1.html || fail "report --round"
N1=$(q "SELECT name FROM advmatch.county WHERE id = '$C1'")
grep -q "$N1" r1.html || fail "the page of round $R1 lacks county $C1 $N1"
echo "ok"
