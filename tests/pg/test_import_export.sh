#!/bin/sh
# tests/pg/test_import_export.sh: `advmatch db import` and `db export` against a real server.
#   - a generated instance (gen writes the canonical form: calendar, blackouts, unavailable
#     ranges, recommended experts, declines) comes back byte for byte;
#   - the demo and a hand-made instance with everything else (fixed meetings, preferences both
#     ways, two partner provinces, given holiday lists, a non-default policy and calendar,
#     strings with tabs, backslashes, quotes and newlines) come back with every record and
#     value equal (python3), and a second import + export gives the same bytes again;
#   - importing the same file again changes nothing (0 changed, same ledger version, same data);
#   - one expert changed in the file: exactly that expert gets changed = the new version;
#   - a file with data errors (exit 65) and a value the database refuses (exit 65, rolled
#     back) leave the database byte-identical;
#   - an unreachable server (--db on a closed port) exits 69 with a readable message.
# shellcheck source=tests/pg/lib.sh
. "$AM_PG_LIB"
work_dir
command -v python3 >/dev/null 2>&1 || fail "python3 is needed"

# dump ARGS...: pg_dump of $PGDATABASE without the random \restrict keys of recent releases
dump() {
    pg_dump "$@" "$PGDATABASE" >dump.tmp || fail "pg_dump $*"
    sed '/^\\\(un\)\{0,1\}restrict /d' dump.tmp
}
# newdb NAME: a new migrated database, made the current one
newdb() {
    pg_newdb "$1"
    "$ADVMATCH" db migrate >/dev/null || fail "db migrate on $PGDATABASE"
}
# import FILE: `db import` that must succeed; the report line in import.txt
import() {
    "$ADVMATCH" db import "$1" >import.txt 2>import.err || { cat import.err >&2; fail "db import $1"; }
}
# export FILE: `db export -o FILE` that must succeed
export_to() {
    "$ADVMATCH" db export -o "$1" >/dev/null 2>export.err || { cat export.err >&2; fail "db export"; }
}
ledger_version() { q "SELECT version FROM advmatch.ledger"; }

# ---- the semantic comparison: every record of ORIG is in EXPORTED with equal values ----
cat >same.py <<'EOF'
"""same.py ORIG EXPORTED: every policy value, province, county, expert, calendar value and fixed
meeting of ORIG (an advmatch-instance/1 file, defaults as docs/formats.md states them) equals
the one in EXPORTED, and EXPORTED has nothing more. Lists that are sets compare as sets."""
import json, sys

POLICY = {"group_size": {"min": 8, "target": 10, "max": 12}, "local_members": {"min": 1, "max": 2},
          "pairing_members": {"min": 1, "max": 2}, "max_same_org": 3,
          "objective": {"penalty": {"leader": 1000, "size": 100, "local": 100, "pairing": 100,
                                    "industry": 50, "stage": 30, "over_target": 4, "change": 20},
                        "preference_bonus": 2}}

def merged(default, given):
    if not isinstance(default, dict):
        return given
    out = dict(default)
    for k, v in (given or {}).items():
        out[k] = merged(default.get(k), v)
    return out

def partners(p):
    v = p.get("paired_with")
    return sorted([] if v is None else [v] if isinstance(v, str) else v)

def province(p):
    return (p["name"], p["region"], partners(p))

def county(c):
    return (c["name"], c["province"],
            [(i["field"], i.get("weight", 1)) for i in c["industries"]],
            sorted(c.get("stages", [])), c.get("priority", 1), sorted(c.get("prefers", [])),
            sorted(c.get("recommended", [])),
            [(r["from"], r["to"]) for r in c.get("blackout", [])])

def expert(e):
    return (e["name"], e["level"], e["org"], e["province"], e.get("county"),
            sorted(set(e.get("fields", []))), sorted(e.get("stages", [])), e.get("capacity", 1),
            e.get("leader_capacity", 1), sorted(e.get("declines", [])),
            sorted(e.get("prefers", [])), e.get("active", True),
            [(r["from"], r["to"]) for r in e.get("unavailable", [])])

def calendar(c):
    if c is None:
        return None
    y = c["year"]
    halves = merged({"H1": {"from": "%d-02-01" % y, "to": "%d-06-30" % y},
                     "H2": {"from": "%d-07-01" % y, "to": "%d-12-15" % y}}, c.get("halves"))
    lists = None
    if "holidays" in c or "workdays" in c:
        lists = (sorted(set(c.get("holidays", []))), sorted(set(c.get("workdays", []))))
    return (y, lists, halves, c.get("meetings_per_half", 1),
            c.get("max_meetings_per_province_per_day", 3),
            float("%.6g" % c.get("min_attendance", 0.6)),  # the writer's precision
            c.get("plan_early_summary_late", True))

def meetings(d):
    return sorted((m["county"], m["date"], m["mode"]) for m in d.get("meetings", [])
                  if m.get("fixed", True))

def view(d):
    return {"policy": merged(POLICY, d.get("policy")),
            "provinces": {p["code"]: province(p) for p in d["provinces"]},
            "counties": {c["id"]: county(c) for c in d["counties"]},
            "experts": {e["id"]: expert(e) for e in d["experts"]},
            "calendar": calendar(d.get("calendar")), "meetings": meetings(d)}

a, b = (view(json.load(open(f, encoding="utf-8"))) for f in sys.argv[1:3])
bad = 0
for part in a:
    if isinstance(a[part], dict) and part != "policy":
        for key in sorted(set(a[part]) | set(b[part])):
            if a[part].get(key) != b[part].get(key):
                print("%s %s: %r != %r" % (part, key, a[part].get(key), b[part].get(key)))
                bad += 1
    elif a[part] != b[part]:
        print("%s: %r != %r" % (part, a[part], b[part]))
        bad += 1
sys.exit(1 if bad else 0)
EOF

# ---- 1. a generated instance, in canonical form: back byte for byte ----
newdb import_export
"$ADVMATCH" gen --counties 60 --experts 1200 --seed 7 -o gen.json || fail "gen"
grep -q '"calendar"' gen.json || fail "gen wrote no calendar"
grep -q '"unavailable"' gen.json || fail "gen wrote no unavailable ranges"
grep -q '"blackout"' gen.json || fail "gen wrote no blackouts"
import gen.json
grep -q "60 counties (60 new, 0 changed), 1200 experts (1200 new, 0 changed)" import.txt ||
    fail "first import report: $(cat import.txt)"
v1=$(ledger_version)
expect_eq "ledger version after the first import" "$v1" 1
expect_eq "counties changed at version 1" "$(q "SELECT count(*) FROM advmatch.county WHERE changed = 1")" 60
"$ADVMATCH" db export >stdout.json 2>export.err || { cat export.err >&2; fail "db export to stdout"; }
cmp -s gen.json stdout.json || fail "db export (stdout) differs from the imported gen.json"
export_to export.json
cmp -s gen.json export.json || fail "db export -o differs from the imported gen.json"
python3 same.py gen.json export.json || fail "gen.json and its export differ (python)"

# ---- 2. the same file again: nothing changes ----
dump --data-only >before.sql
import gen.json
grep -q "60 counties (0 new, 0 changed), 1200 experts (0 new, 0 changed)" import.txt ||
    fail "re-import report: $(cat import.txt)"
grep -q "ledger version $v1 (unchanged)" import.txt || fail "re-import report: $(cat import.txt)"
expect_eq "ledger version after the re-import" "$(ledger_version)" "$v1"
dump --data-only >after.sql
cmp -s before.sql after.sql || { diff before.sql after.sql | head -20 >&2; fail "the re-import changed data"; }

# ---- 3. one expert changed in the file: exactly that one is marked ----
python3 - gen.json changed.json <<'EOF' >changed_id.txt || fail "edit gen.json"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
e = d["experts"][17]
e["fields"] = e["fields"] + ["soil testing"]
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
print(e["id"])
EOF
changed_id=$(cat changed_id.txt)
import changed.json
grep -q "60 counties (0 new, 0 changed), 1200 experts (0 new, 1 changed)" import.txt ||
    fail "import of one changed expert: $(cat import.txt)"
v2=$(ledger_version)
expect_eq "ledger version after one change" "$v2" $((v1 + 1))
expect_eq "experts with changed = $v2" \
    "$(q "SELECT id FROM advmatch.expert WHERE changed = $v2")" "$changed_id"
expect_eq "counties with changed = $v2" "$(q "SELECT count(*) FROM advmatch.county WHERE changed = $v2")" 0
expect_eq "the new field" \
    "$(q "SELECT count(*) FROM advmatch.expert_field WHERE expert = '$changed_id' AND field = 'soil testing'")" 1
export_to changed_export.json
python3 same.py changed.json changed_export.json || fail "changed.json and its export differ"

# ---- 4. bad data: nothing written ----
dump --data-only >before.sql
rc=0
"$ADVMATCH" db import "$AM_SOURCE_DIR/tests/bad/domain_capacity_negative.json" >out.txt 2>err.txt || rc=$?
expect_eq "import of a file with an error: exit status" "$rc" 65
grep -q "capacity -1 is negative" err.txt || { cat err.txt >&2; fail "the error is not listed"; }
grep -q "nothing imported" err.txt || { cat err.txt >&2; fail "no 'nothing imported'"; }
# valid for advmatch, refused by the database (an empty field name): rolled back
python3 - changed.json refused.json <<'EOF' || fail "edit changed.json"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["experts"][3]["capacity"] = 5           # a change before the refused row, to be rolled back
d["experts"][5]["fields"] = d["experts"][5]["fields"] + [""]
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
EOF
rc=0
"$ADVMATCH" db import refused.json >out.txt 2>err.txt || rc=$?
expect_eq "import refused by the database: exit status" "$rc" 65
grep -q "expert fields" err.txt || { cat err.txt >&2; fail "the error does not name the step"; }
dump --data-only >after.sql
cmp -s before.sql after.sql || { diff before.sql after.sql | head -20 >&2; fail "a refused import changed data"; }
expect_eq "ledger version after the refused imports" "$(ledger_version)" "$v2"

# ---- 5. the demo and a hand-made instance: every value back; stable on a second trip ----
cat >tricky.py <<'EOF'
import json, sys
inst = {
    "format": "advmatch-instance/1",
    "policy": {"group_size": {"min": 2, "target": 3, "max": 5}, "local_members": {"min": 0, "max": 1},
               "pairing_members": {"min": 0, "max": 3}, "max_same_org": 2,
               "objective": {"penalty": {"leader": 900, "size": 90, "local": 80, "pairing": 70,
                                         "industry": 60, "stage": 50, "over_target": 3, "change": 7},
                             "preference_bonus": 5}},
    "provinces": [
        {"code": "62", "name": "甘肃省", "region": "west", "paired_with": ["37", "12"]},
        {"code": "12", "name": "天津市", "region": "east", "paired_with": None},
        {"code": "37", "name": "山东\t省 \\ \"q\"", "region": "east", "paired_with": None},
        {"code": "52", "name": "贵州省", "region": "west", "paired_with": "37"}],
    "counties": [
        {"id": "620102", "name": "A县\nline 2", "province": "62",
         "industries": [{"field": "茶叶", "weight": 3}, {"field": "apple\\tea", "weight": 1},
                        {"field": "b,c {x} \"y\"", "weight": 2}],
         "stages": ["branding", "production"], "priority": 2, "prefers": ["E3", "E1"],
         "recommended": ["E2"],
         "blackout": [{"from": "2027-05-01", "to": "2027-05-10"}, {"from": "2027-03-01", "to": "2027-03-02"}]},
        {"id": "520201", "name": "B", "province": "52", "industries": [{"field": "apple\\tea", "weight": 1}],
         "stages": [], "priority": 1, "prefers": [], "recommended": [], "blackout": []},
        {"id": "620301", "name": "C", "province": "62",
         "industries": [{"field": "NULL", "weight": 1}, {"field": "\\N", "weight": 2}],
         "stages": ["storage_transport"], "priority": 1, "prefers": [], "recommended": [], "blackout": []}],
    "experts": [
        {"id": "E1", "name": "张三", "level": "national", "org": "org\\1\t", "province": "12", "county": None,
         "fields": ["茶叶", "apple\\tea", "b,c {x} \"y\""], "stages": ["processing"], "capacity": 2,
         "leader_capacity": 1, "declines": ["520201"], "prefers": ["620102", "620301"], "active": True,
         "unavailable": [{"from": "2027-04-01", "to": "2027-04-30"}, {"from": "2027-01-05", "to": "2027-01-05"}]},
        {"id": "E2", "name": "李四", "level": "local", "org": "X", "province": "62", "county": "620102",
         "fields": ["NULL"], "stages": [], "capacity": 0, "leader_capacity": 1, "declines": [],
         "prefers": [], "active": False, "unavailable": []},
        {"id": "E3", "name": "王五", "level": "provincial", "org": "Y", "province": "37", "county": None,
         "fields": ["\\N"], "stages": ["preservation", "production"], "capacity": 1, "leader_capacity": 0,
         "declines": [], "prefers": [], "active": True, "unavailable": []},
        {"id": "e 4\"", "name": "n", "level": "provincial", "org": "Y", "province": "52", "county": "520201",
         "fields": ["apple\\tea"], "stages": [], "capacity": 1, "leader_capacity": 1, "declines": [],
         "prefers": [], "active": True, "unavailable": []}],
    "calendar": {"year": 2027, "holidays": ["2027-10-01", "2027-01-01"], "workdays": ["2027-09-26"],
                 "halves": {"H1": {"from": "2027-03-01", "to": "2027-06-15"},
                            "H2": {"from": "2027-07-02", "to": "2027-11-30"}},
                 "meetings_per_half": 2, "max_meetings_per_province_per_day": 5,
                 "min_attendance": 0.55, "plan_early_summary_late": False},
    "meetings": [{"county": "620102", "date": "2027-04-06", "mode": "video", "fixed": True},
                 {"county": "620102", "date": "2027-03-05", "mode": "onsite", "fixed": True},
                 {"county": "520201", "date": "2027-09-01", "mode": "onsite", "fixed": True}],
}
json.dump(inst, open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
EOF
python3 tricky.py tricky.json || fail "write tricky.json"
for f in "$AM_SOURCE_DIR/fixtures/demo/instance.json" tricky.json; do
    name=$(basename "$f" .json)
    newdb "${name}_a"
    import "$f"
    export_to "${name}_1.json"
    python3 same.py "$f" "${name}_1.json" || fail "$f and its export differ"
    newdb "${name}_b"
    import "${name}_1.json"
    export_to "${name}_2.json"
    cmp -s "${name}_1.json" "${name}_2.json" || fail "$name: a second import + export changed the bytes"
done
grep -q '"meetings"' instance_1.json || fail "the demo's fixed meetings were not exported"
grep -q '"holidays": \["2027-01-01", "2027-10-01"\]' tricky_1.json || fail "holidays not exported"

# ---- 6. an unreachable server ----
rc=0
"$ADVMATCH" db import gen.json --db "host=127.0.0.1 port=1 connect_timeout=5" >out.txt 2>err.txt || rc=$?
expect_eq "import with a closed port: exit status" "$rc" 69
grep -q "cannot connect to PostgreSQL" err.txt || { cat err.txt >&2; fail "no readable message"; }
rc=0
"$ADVMATCH" db export --db "host=127.0.0.1 port=1 connect_timeout=5" -o x.json >out.txt 2>err.txt || rc=$?
expect_eq "export with a closed port: exit status" "$rc" 69
[ ! -e x.json ] || fail "export with a closed port wrote a file"

# ---- 7. export --round of a round that does not exist ----
rc=0
"$ADVMATCH" db export --round 999 -o r.json >out.txt 2>err.txt || rc=$?
expect_eq "export --round of no round: exit status" "$rc" 65
grep -q "999" err.txt || { cat err.txt >&2; fail "the message does not name the round"; }
echo "ok: import and export round trips, change detection, rollback, exit statuses"
