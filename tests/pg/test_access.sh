#!/bin/sh
# tests/pg/test_access.sh: the roles and row-level security of 002_access.sql, tried in SQL as
# the roles themselves (docs/database-access.md). A small ledger with provinces 52 (Guizhou) and
# 53 (Yunnan), their counties, experts of 52, 53, 33 (Zhejiang, paired) and 11 (national),
# published groups in both, a preview of each; then, connected as a coordinator of 52, one of
# 53, one bound to no province and a national staff member: the exact number of rows each sees
# in every table, what each may write, and the errors where it may not.
# shellcheck source=tests/pg/lib.sh
. "$AM_PG_LIB"
work_dir
pg_newdb access
src=${AM_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}

# Roles are the cluster's, shared by every database: ours carry the database's name, and any
# left over by an earlier run (its database was dropped by pg_newdb just now) go first.
c52=${PGDATABASE}_coord_52
c53=${PGDATABASE}_coord_53
cx=${PGDATABASE}_coord_x      # a coordinator bound to no province
staff=${PGDATABASE}_staff     # national staff
drop_roles() {
    q "SET client_min_messages = warning; DROP ROLE IF EXISTS $c52, $c53, $cx, $staff"
}
drop_roles

# ---- the schema: `advmatch db migrate`; without the program (ADVMATCH unset) the migrations
# with psql, in order, each in one transaction as db migrate runs them ----
if [ -n "${ADVMATCH:-}" ]; then
    "$ADVMATCH" db migrate >migrate.out 2>&1 || { cat migrate.out >&2; fail "advmatch db migrate"; }
else
    for m in 001_schema 002_access 003_rounds 004_stamps 005_meetings; do
        psql -X -q -1 -v ON_ERROR_STOP=1 -f "$src/adapters/pg/migrations/$m.sql" >migrate.out 2>&1 ||
            { cat migrate.out >&2; fail "migration $m.sql"; }
    done
fi

# as ROLE SQL: q connected as ROLE (its session_user; trust authentication)
as() {
    role=$1
    shift
    PGUSER=$role q "$*"
}
# refused WHAT ROLE PATTERN SQL: SQL must fail as ROLE with an error matching PATTERN
refused() {
    what=$1 role=$2 pattern=$3
    shift 3
    rc=0
    as "$role" "$*" >out.txt 2>err.txt || rc=$?
    [ "$rc" -ne 0 ] || fail "$what: succeeded as $role, printed '$(cat out.txt)'"
    grep -q -- "$pattern" err.txt || fail "$what: as $role: '$(cat err.txt)', want '$pattern'"
}
denied='permission denied for'
rls='new row violates row-level security policy for table "round"'

# ---- structure ----
expect_eq "group roles (cluster-wide, NOLOGIN)" "$(q "SELECT string_agg(rolname || ':' ||
    rolcanlogin, ',' ORDER BY rolname) FROM pg_roles WHERE rolname LIKE 'advmatch\_%'")" \
    "advmatch_coordinator:false,advmatch_national:false"
expect_eq "tables without row-level security" "$(q "SELECT string_agg(relname, ',' ORDER BY
    relname) FROM pg_class WHERE relnamespace = 'advmatch'::regnamespace AND relkind = 'r'
    AND NOT relrowsecurity")" "calendar,ledger,policy,province,province_partner,schedule"
expect_eq "tables with FORCE ROW LEVEL SECURITY" "$(q "SELECT count(*) FROM pg_class
    WHERE relnamespace = 'advmatch'::regnamespace AND relforcerowsecurity")" "0"
expect_eq "contact columns outside expert_contact" "$(q "SELECT count(*)
    FROM information_schema.columns WHERE table_schema = 'advmatch'
    AND table_name <> 'expert_contact'
    AND column_name ~* '(phone|mobile|tel|mail|wechat|address|contact)'")" "0"
expect_eq "functions coordinators may execute" "$(q "SELECT string_agg(proname, ',' ORDER BY
    proname) FROM pg_proc WHERE pronamespace = 'advmatch'::regnamespace
    AND has_function_privilege('advmatch_coordinator', oid, 'EXECUTE')")" "my_province"
expect_eq "functions national staff may execute" "$(q "SELECT string_agg(proname, ',' ORDER BY
    proname) FROM pg_proc WHERE pronamespace = 'advmatch'::regnamespace
    AND has_function_privilege('advmatch_national', oid, 'EXECUTE')")" \
    "apply_round,importing,my_province,notify_round,round_conflicts,stamp_owner,stamp_row"
expect_eq "my_province: security definer, search_path fixed" "$(q "SELECT prosecdef || ' ' ||
    provolatile::text || ' ' || array_to_string(proconfig, ';') FROM pg_proc
    WHERE oid = 'advmatch.my_province()'::regprocedure")" "true s search_path=pg_catalog, pg_temp"

# ---- the ledger (loaded as an import would: versions stay 0, 004_stamps stands aside) ----
q "
SET advmatch.importing = 'on';
INSERT INTO advmatch.province (code, name, region) VALUES
    ('11', '北京市', 'east'), ('33', '浙江省', 'east'), ('52', '贵州省', 'west'),
    ('53', '云南省', 'west');
INSERT INTO advmatch.province_partner VALUES ('52', '33');
INSERT INTO advmatch.calendar (year, h1_from, h1_to, h2_from, h2_to, meetings_per_half,
    max_per_province_per_day, min_attendance, plan_early_summary_late, id)
    VALUES (2025, '2025-01-01', '2025-06-30', '2025-07-01', '2025-12-31', 2, 3, 0.6, true, 1);
INSERT INTO advmatch.county (id, name, province) VALUES
    ('520623', '石阡县', '52'), ('520624', '思南县', '52'), ('522327', '册亨县', '52'),
    ('530627', '镇雄县', '53'), ('530629', '威信县', '53'), ('330329', '泰顺县', '33');
INSERT INTO advmatch.county_industry (county, pos, field) VALUES
    ('520623', 0, '茶叶'), ('520623', 1, '生态畜牧'), ('520624', 0, '茶叶'),
    ('522327', 0, '油茶'), ('530627', 0, '天麻'), ('530629', 0, '方竹笋'), ('330329', 0, '茶叶');
INSERT INTO advmatch.county_blackout VALUES ('520623', 0, '2025-02-01', '2025-02-10'),
    ('530629', 0, '2025-02-01', '2025-02-10'), ('530629', 1, '2025-10-01', '2025-10-07');
INSERT INTO advmatch.fixed_meeting VALUES ('522327', '2025-03-05', 'onsite'),
    ('530627', '2025-03-06', 'video');
INSERT INTO advmatch.expert (id, name, level, org, province, county) VALUES
    ('N1', '张明', 'national', '中国农业大学', '11', NULL),
    ('N2', '王芳', 'national', '中国农业科学院', '11', NULL),
    ('N3', '李强', 'national', '中国农业大学', '11', NULL),
    ('Z1', '陈静', 'provincial', '浙江大学', '33', NULL),
    ('G1', '杨勇', 'provincial', '贵州大学', '52', NULL),
    ('G2', '吴磊', 'local', '石阡县农业农村局', '52', '520623'),
    ('G3', '罗娟', 'local', '册亨县农业农村局', '52', '522327'),
    ('Y1', '赵敏', 'provincial', '云南农业大学', '53', NULL),
    ('Y2', '孙伟', 'local', '威信县农业农村局', '53', '530629');
INSERT INTO advmatch.expert_contact VALUES ('N1', '13800000001', 'n1@example.org'),
    ('G1', '13800000002', 'g1@example.org'), ('Y2', '13800000003', NULL);
INSERT INTO advmatch.expert_field VALUES ('N1', '茶叶'), ('N2', '植保'), ('N3', '畜牧'),
    ('Z1', '茶叶'), ('G1', '茶叶'), ('G1', '油茶'), ('Y1', '天麻'), ('Y2', '竹笋');
INSERT INTO advmatch.expert_unavailable VALUES ('G2', 0, '2025-04-01', '2025-04-30'),
    ('Y1', 0, '2025-05-01', '2025-05-31'), ('N3', 0, '2025-06-01', '2025-06-10'),
    ('N1', 0, '2025-08-01', '2025-08-31');
INSERT INTO advmatch.expert_decline VALUES ('N2', '530629'), ('Y1', '520623'), ('G1', '522327');
INSERT INTO advmatch.expert_prefers VALUES ('Z1', '520623'), ('N3', '530629');
INSERT INTO advmatch.county_prefers VALUES ('520624', 'N2'), ('530627', 'Y1');
INSERT INTO advmatch.county_recommended VALUES ('520623', 'G2'), ('522327', 'G3'),
    ('530629', 'Y2');

-- rounds: 1, 2 quarterly (published), 3 preview of 52 (done, requested by the coordinator of
-- 52), 4 preview of 53 (done), 5 nightly (failed), 6 preview of 53 and 7 preview of 52, queued,
-- requested by others
INSERT INTO advmatch.round (id, kind, provinces, requester, status, published_at,
                            published_version, input, error) VALUES
    (1, 'quarterly', '{}', 'staff', 'done', now(), 1, '{\"experts\": \"all\"}', NULL),
    (2, 'quarterly', '{}', 'staff', 'done', now(), 2, '{\"experts\": \"all\"}', NULL),
    (3, 'preview', '{52}', '$c52', 'done', NULL, NULL, NULL, NULL),
    (4, 'preview', '{53}', 'someone_53', 'done', NULL, NULL, NULL, NULL),
    (5, 'nightly', '{}', 'staff', 'failed', NULL, NULL, NULL, 'lease lost'),
    (6, 'preview', '{53}', 'someone_53', 'queued', NULL, NULL, NULL, NULL),
    (7, 'preview', '{52}', 'someone_52', 'queued', NULL, NULL, NULL, NULL);
ALTER SEQUENCE advmatch.round_id_seq RESTART WITH 8;
INSERT INTO advmatch.round_county VALUES
    (1, '520623', 1, false), (1, '530627', 1, false),
    (2, '520623', 3, true), (2, '520624', 1, false), (2, '522327', 2, true),
    (2, '530627', 1, false), (2, '530629', 2, true),
    (3, '520623', 2, true), (3, '520624', 2, false),
    (4, '530629', 3, false),
    (4, '520623', 1, false);    -- a county of 52 in the preview of 53: a mistake, seen by neither
INSERT INTO advmatch.round_member VALUES
    (1, '520623', 'N3', 'member', 'national', 10), (1, '530627', 'N1', 'member', 'national', 10),
    (2, '520623', 'N1', 'leader', 'national', 10), (2, '520623', 'G2', 'member', 'local', 10),
    (2, '520623', 'Z1', 'member', 'paired', 10), (2, '520624', 'N2', 'leader', 'national', 10),
    (2, '522327', 'G1', 'leader', 'province', 10), (2, '522327', 'G3', 'member', 'local', 10),
    (2, '530627', 'Y1', 'leader', 'province', 10), (2, '530629', 'N3', 'leader', 'national', 10),
    (2, '530629', 'Y2', 'member', 'local', 10),
    (3, '520623', 'N1', 'leader', 'national', 10), (3, '520623', 'G2', 'member', 'local', 10),
    (3, '520624', 'N2', 'leader', 'national', 10), (3, '520624', 'N3', 'member', 'national', 10),
    (4, '530629', 'N3', 'leader', 'national', 10), (4, '530629', 'Y2', 'member', 'local', 10),
    (4, '530629', 'Z1', 'member', 'paired', 10), (4, '520623', 'G1', 'member', 'province', 10);
INSERT INTO advmatch.round_shortfall VALUES (2, '520624', 'size', 7, ''),
    (2, '530627', 'size', 7, ''), (3, '520624', 'local', 1, ''), (4, '530629', 'industry', 1, '方竹笋'),
    (4, '520623', 'size', 7, '');
-- the groups: round 2's, open; round 1 had N3 in 520623 and N1 in 530627, ended by round 2
INSERT INTO advmatch.membership (county, expert, role, added_round, added_version)
    SELECT county, expert, role, 2, 2 FROM advmatch.round_member WHERE round = 2;
INSERT INTO advmatch.membership (county, expert, role, added_round, added_version, ended_round,
                                 ended_version, ended_at, end_reason) VALUES
    ('520623', 'N3', 'member', 1, 1, 2, 2, now(), 'not kept by round 2'),
    ('530627', 'N1', 'member', 1, 1, 2, 2, now(), 'not kept by round 2');
INSERT INTO advmatch.change_log (round, county, expert, change, role, reason) VALUES
    (2, '520623', 'N3', 'dropped', 'member', 'not kept by round 2'),
    (2, '520623', 'Z1', 'added', 'member', 'quarterly'),
    (2, '530627', 'N1', 'dropped', 'member', 'not kept by round 2'),
    (2, '530629', 'Y2', 'added', 'member', 'quarterly');
UPDATE advmatch.ledger SET version = 2;
-- a plan of meetings: two in Guizhou, one in Yunnan
INSERT INTO advmatch.schedule (year, read_version, solver_status, objective, n_meetings,
                               n_unscheduled, document) VALUES (2025, 2, 'optimal', 10, 3, 0, '{}');
INSERT INTO advmatch.meeting VALUES (1, '520623', 'H1', '2025-03-04', 'onsite', false, '{N2}', '{}'),
    (1, '520624', 'H1', '2025-03-05', 'onsite', false, '{N1}', '{}'),
    (1, '530629', 'H1', '2025-03-06', 'onsite', false, '{N3}', '{\"Y2 (unavailable)\"}');
"

# ---- the logins ----
q "
CREATE ROLE $c52 LOGIN; CREATE ROLE $c53 LOGIN; CREATE ROLE $cx LOGIN; CREATE ROLE $staff LOGIN;
GRANT advmatch_coordinator TO $c52, $c53, $cx;
GRANT advmatch_national TO $staff;
INSERT INTO advmatch.coordinator VALUES ('$c52', '52'), ('$c53', '53');
"
expect_eq "my_province as $c52" "$(as "$c52" "SELECT advmatch.my_province()")" "52"
expect_eq "my_province as $c53" "$(as "$c53" "SELECT advmatch.my_province()")" "53"
expect_eq "my_province as $cx" "$(as "$cx" "SELECT coalesce(advmatch.my_province(), 'none')")" \
    "none"
expect_eq "my_province as $staff" \
    "$(as "$staff" "SELECT coalesce(advmatch.my_province(), 'none')")" "none"

# ---- what each sees: rows per table, counted by hand from the ledger above ----
# table, then as the coordinator of 52, of 53, the unbound coordinator, national staff;
# "denied": no privilege at all. Every table of the schema must be listed.
cat >expected.txt <<'EOF'
calendar            1      1      1      1
change_log          2      2      0      4
coordinator         denied denied denied 2
county              3      2      0      6
county_blackout     1      2      0      3
county_industry     4      2      0      7
county_prefers      1      1      0      2
county_recommended  2      1      0      3
expert              7      4      0      9
expert_contact      denied denied denied 3
expert_decline      2      1      0      3
expert_field        6      4      0      8
expert_prefers      1      1      0      2
expert_unavailable  3      2      0      4
fixed_meeting       1      1      0      2
ledger              1      1      1      1
meeting             2      1      0      3
membership          7      4      0      11
policy              1      1      1      1
province            4      4      4      4
province_partner    1      1      1      1
round               5      5      3      7
round_county        6      4      0      11
round_member        11     7      0      19
round_shortfall     2      2      0      5
schedule            1      1      1      1
EOF
expect_eq "the tables of schema advmatch" "$(q "SELECT string_agg(tablename, ' ' ORDER BY
    tablename COLLATE \"C\") FROM pg_tables WHERE schemaname = 'advmatch'")" \
    "$(awk '{print $1}' expected.txt | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"

# counts ROLE: "table rows" for every table of the schema, as ROLE sees them ("denied": ROLE may
# read no column of it, so SELECT count(*) would fail; the tables denied are tried below)
counts() {
    as "$1" "SELECT string_agg(tablename || ' ' ||
        CASE WHEN has_any_column_privilege(format('advmatch.%I', tablename), 'SELECT')
             THEN (xpath('/row/n/text()', query_to_xml(format(
                       'SELECT count(*) AS n FROM advmatch.%I', tablename), false, true, '')))[1]::text
             ELSE 'denied' END, chr(10) ORDER BY tablename COLLATE \"C\")
        FROM pg_tables WHERE schemaname = 'advmatch'"
}
for spec in "$c52 2" "$c53 3" "$cx 4" "$staff 5" "postgres 5"; do   # role, column
    role=${spec% *}
    awk -v c="${spec#* }" '{print $1, $c}' expected.txt | LC_ALL=C sort >want.txt
    counts "$role" >got.txt 2>err.txt || fail "counting the rows as $role: $(cat err.txt)"
    diff -u want.txt got.txt >diff.txt ||
        fail "rows per table as $role (-want +got): $(tail -n +3 diff.txt | grep '^[-+]')"
done
expect_eq "rows of expert as $c52, by SELECT count(*)" \
    "$(as "$c52" "SELECT count(*) FROM advmatch.expert")" "7"

# which rows: the other province's preview, groups, members and experts are not among them
expect_eq "rounds seen by $c52" "$(as "$c52" "SELECT string_agg(id::text, ',' ORDER BY id)
    FROM advmatch.round")" "1,2,3,5,7"
expect_eq "rounds seen by $c53" "$(as "$c53" "SELECT string_agg(id::text, ',' ORDER BY id)
    FROM advmatch.round")" "1,2,4,5,6"
expect_eq "experts seen by $c52" "$(as "$c52" "SELECT string_agg(id, ',' ORDER BY id)
    FROM advmatch.expert")" "G1,G2,G3,N1,N2,N3,Z1"
expect_eq "experts seen by $c53" "$(as "$c53" "SELECT string_agg(id, ',' ORDER BY id)
    FROM advmatch.expert")" "N3,Y1,Y2,Z1"
expect_eq "counties seen by $c52" "$(as "$c52" "SELECT string_agg(id, ',' ORDER BY id)
    FROM advmatch.county")" "520623,520624,522327"
for t in round_county round_member round_shortfall membership change_log; do
    expect_eq "$t of 53 seen by $c52" \
        "$(as "$c52" "SELECT count(*) FROM advmatch.$t WHERE county LIKE '53%'")" "0"
    expect_eq "$t of 52 seen by $c53" \
        "$(as "$c53" "SELECT count(*) FROM advmatch.$t WHERE county LIKE '52%'")" "0"
done
expect_eq "preview 4 (53) members seen by $c52" \
    "$(as "$c52" "SELECT count(*) FROM advmatch.round_member WHERE round = 4")" "0"
expect_eq "preview 3 (52) members seen by $c53" \
    "$(as "$c53" "SELECT count(*) FROM advmatch.round_member WHERE round = 3")" "0"
expect_eq "round 2's groups seen by $c53" "$(as "$c53" "SELECT string_agg(county || ':' ||
    expert, ',' ORDER BY county, expert) FROM advmatch.round_member WHERE round = 2")" \
    "530627:Y1,530629:N3,530629:Y2"
expect_eq "open groups seen by $c53" "$(as "$c53" "SELECT string_agg(county || ':' || expert,
    ',' ORDER BY county, expert) FROM advmatch.membership WHERE ended_round IS NULL")" \
    "530627:Y1,530629:N3,530629:Y2"

# denied: contact data, the bindings, the instance a round solved, the functions of 003
for c in "$c52" "$c53" "$cx"; do
    refused "expert_contact" "$c" "$denied table expert_contact" \
        "SELECT phone FROM advmatch.expert_contact"
    refused "expert joined to expert_contact" "$c" "$denied table expert_contact" \
        "SELECT e.name FROM advmatch.expert e JOIN advmatch.expert_contact x ON x.expert = e.id"
    refused "coordinator bindings" "$c" "$denied table coordinator" \
        "SELECT province FROM advmatch.coordinator"
    refused "round.input" "$c" "$denied table round" "SELECT input FROM advmatch.round"
    refused "SELECT * FROM round" "$c" "$denied table round" "SELECT * FROM advmatch.round"
    refused "schedule.document" "$c" "$denied table schedule" \
        "SELECT document FROM advmatch.schedule"
    refused "a meeting written" "$c" "$denied table meeting" \
        "DELETE FROM advmatch.meeting"
    refused "apply_round" "$c" "$denied function apply_round" \
        "SELECT advmatch.apply_round(3, 3, '{}', '{}', '{}', 'preview 3')"
    refused "round_conflicts" "$c" "$denied function round_conflicts" \
        "SELECT count(*) FROM advmatch.round_conflicts(3, 0)"
done
expect_eq "round 2's groups unchanged" "$(q "SELECT count(*) FROM advmatch.membership
    WHERE ended_round IS NULL")" "9"

# ---- what a coordinator may write: requests for its own province ----
expect_eq "request by $c52" "$(as "$c52" "INSERT INTO advmatch.round (kind, provinces)
    VALUES ('preview', '{52}') RETURNING id")" "8"
expect_eq "request by $c52 for two counties" "$(as "$c52" "INSERT INTO advmatch.round (kind,
    provinces, counties, params) VALUES ('preview', '{52}', '{520623,522327}',
    '{\"time_limit_s\": 30}') RETURNING id")" "9"
expect_eq "request by $c53" "$(as "$c53" "INSERT INTO advmatch.round (kind, provinces)
    VALUES ('preview', '{53}') RETURNING id")" "10"
expect_eq "the requests" "$(q "SELECT string_agg(concat_ws(':', id, kind, provinces, counties,
    params, requester, status, attempts, cancel_requested, coalesce(worker, 'noworker'),
    coalesce(input, 'noinput')), ' ' ORDER BY id) FROM advmatch.round WHERE id >= 8")" \
    "8:preview:{52}:{}:{}:$c52:queued:0:f:noworker:noinput 9:preview:{52}:{520623,522327}:{\"time_limit_s\": 30}:$c52:queued:0:f:noworker:noinput 10:preview:{53}:{}:{}:$c53:queued:0:f:noworker:noinput"
expect_eq "request by $c52 as advmatch round preview --enqueue" "$(as "$c52" "INSERT INTO
    advmatch.round (kind, provinces, counties, params) VALUES ('preview', '{52}'::text[],
    '{}'::text[], '{\"time_limit_s\": 0, \"gap\": 0, \"max_changes\": -1,
    \"direct\": false}'::jsonb) RETURNING id")" "11"
for p in '{"direct": true}' '{"direct": "yes"}' '{"time_limit_s": "60"}' '{"gap": null}' \
         '{"max_changes": [1]}' '{"time_limit_s": 30, "priority": 1}' '[]' '"x"'; do
    refused "request with params $p" "$c52" "$rls" \
        "INSERT INTO advmatch.round (kind, provinces, params) VALUES ('preview', '{52}', '$p')"
done
expect_eq "own requests seen by $c52" "$(as "$c52" "SELECT string_agg(id::text, ',' ORDER BY id)
    FROM advmatch.round WHERE kind = 'preview'")" "3,7,8,9,11"
refused "request for the other province" "$c52" "$rls" \
    "INSERT INTO advmatch.round (kind, provinces) VALUES ('preview', '{53}')"
refused "request for the other province" "$c53" "$rls" \
    "INSERT INTO advmatch.round (kind, provinces) VALUES ('preview', '{52}')"
refused "request for two provinces" "$c52" "$rls" \
    "INSERT INTO advmatch.round (kind, provinces) VALUES ('preview', '{52,53}')"
refused "request for a county of the other province" "$c52" "$rls" \
    "INSERT INTO advmatch.round (kind, provinces, counties) VALUES ('preview', '{52}',
     '{520623,530629}')"
refused "request for an unknown county" "$c52" "$rls" \
    "INSERT INTO advmatch.round (kind, provinces, counties) VALUES ('preview', '{52}',
     '{529999}')"
refused "quarterly round" "$c52" "$rls" \
    "INSERT INTO advmatch.round (kind, provinces) VALUES ('quarterly', '{52}')"
refused "national quarterly round" "$c52" "$rls" \
    "INSERT INTO advmatch.round (kind) VALUES ('quarterly')"
refused "nightly round" "$c52" "$rls" "INSERT INTO advmatch.round (kind) VALUES ('nightly')"
refused "request already done" "$c52" "$denied table round" \
    "INSERT INTO advmatch.round (kind, provinces, status) VALUES ('preview', '{52}', 'done')"
refused "request in another's name" "$c52" "$denied table round" \
    "INSERT INTO advmatch.round (kind, provinces, requester) VALUES ('preview', '{52}', 'x')"
refused "request with an id" "$c52" "$denied table round" \
    "INSERT INTO advmatch.round (id, kind, provinces) VALUES (100, 'preview', '{52}')"
refused "request with an input" "$c52" "$denied table round" \
    "INSERT INTO advmatch.round (kind, provinces, input) VALUES ('preview', '{52}', '{}')"
refused "request by an unbound coordinator" "$cx" "$rls" \
    "INSERT INTO advmatch.round (kind, provinces) VALUES ('preview', '{52}')"
refused "request for province NULL by an unbound coordinator" "$cx" "$rls" \
    "INSERT INTO advmatch.round (kind, provinces) VALUES ('preview', '{NULL}')"
refused "request for province NULL" "$c52" "$rls" \
    "INSERT INTO advmatch.round (kind, provinces) VALUES ('preview', '{NULL}')"
refused "request under SET ROLE advmatch_coordinator" "$c52" "$rls" \
    "SET ROLE advmatch_coordinator;
     INSERT INTO advmatch.round (kind, provinces) VALUES ('preview', '{52}')"
expect_eq "rounds after the refused requests" "$(q "SELECT count(*) FROM advmatch.round")" "11"

# cancelling: its own queued preview only, and only as `advmatch round cancel ID` does it
# (am_pg_round_cancel's statement); round 11 is taken by a worker first
cancel() {   # cancel ROLE ID: the status the cancel gave round ID ("none": it touched none)
    as "$1" "WITH u AS (UPDATE advmatch.round SET cancel_requested = true,
        status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
        finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END,
        error = CASE WHEN status = 'queued' THEN 'cancelled by request' ELSE error END
        WHERE id = $2 AND status IN ('queued', 'running') RETURNING status)
        SELECT coalesce(string_agg(status, ','), 'none') FROM u"
}
upd() {   # upd ROLE SET WHERE: the number of rounds ROLE's UPDATE changed
    as "$1" "WITH u AS (UPDATE advmatch.round SET $2 WHERE $3 RETURNING 1)
             SELECT count(*) FROM u"
}
q "UPDATE advmatch.round SET status = 'running', worker = 'host:1', started_at = now(),
   lease_until = now() + interval '1 minute', attempts = 1 WHERE id = 11"
expect_eq "cancel own queued request 8" "$(cancel "$c52" 8)" "cancelled"
expect_eq "cancel request 8 again" "$(cancel "$c52" 8)" "none"
expect_eq "cancel own running request 11" "$(cancel "$c52" 11)" "none"
expect_eq "cancel own done preview 3" "$(cancel "$c52" 3)" "none"
expect_eq "cancel another's request 7 (52)" "$(cancel "$c52" 7)" "none"
expect_eq "cancel another's request 6 (53)" "$(cancel "$c53" 6)" "none"
expect_eq "cancel request 9 of 52 as $c53" "$(cancel "$c53" 9)" "none"
expect_eq "cancel quarterly round 2" "$(cancel "$c52" 2)" "none"
expect_eq "requeue cancelled request 8" "$(upd "$c52" "status = 'queued'" "id = 8")" "0"
refused "only the flag" "$c52" "$rls" \
    "UPDATE advmatch.round SET cancel_requested = true WHERE id = 9"
refused "cancel as done" "$c52" "$rls" \
    "UPDATE advmatch.round SET cancel_requested = true, status = 'done', finished_at = now(),
     error = 'cancelled by request' WHERE id = 9"
refused "cancel with another error" "$c52" "$rls" \
    "UPDATE advmatch.round SET cancel_requested = true, status = 'cancelled', finished_at = now(),
     error = 'x' WHERE id = 9"
refused "cancel backdated" "$c52" "$rls" \
    "UPDATE advmatch.round SET cancel_requested = true, status = 'cancelled',
     finished_at = now() - interval '1 day', error = 'cancelled by request' WHERE id = 9"
refused "UPDATE round provinces" "$c52" "$denied table round" \
    "UPDATE advmatch.round SET provinces = '{53}' WHERE id = 9"
refused "UPDATE round worker" "$c52" "$denied table round" \
    "UPDATE advmatch.round SET worker = 'me' WHERE id = 9"
refused "UPDATE round published_at" "$c52" "$denied table round" \
    "UPDATE advmatch.round SET published_at = now() WHERE id = 3"
refused "DELETE round" "$c52" "$denied table round" "DELETE FROM advmatch.round WHERE id = 9"
expect_eq "the previews after the cancels" "$(q "SELECT string_agg(concat_ws(':', id, status,
    cancel_requested, finished_at IS NOT NULL, error), ' ' ORDER BY id) FROM advmatch.round
    WHERE kind = 'preview'")" "3:done:f:f 4:done:f:f 6:queued:f:f 7:queued:f:f 8:cancelled:t:t:cancelled by request 9:queued:f:f 10:queued:f:f 11:running:f:f"

# nothing else: the groups, the experts, the bindings, reference data
for c in "$c52" "$c53"; do
    refused "UPDATE membership" "$c" "$denied table membership" \
        "UPDATE advmatch.membership SET role = 'member'"
    refused "DELETE membership" "$c" "$denied table membership" "DELETE FROM advmatch.membership"
    refused "INSERT membership" "$c" "$denied table membership" \
        "INSERT INTO advmatch.membership (county, expert, role, added_round, added_version)
         VALUES ('520623', 'G1', 'member', 2, 2)"
    refused "UPDATE expert" "$c" "$denied table expert" "UPDATE advmatch.expert SET active = false"
    refused "DELETE expert" "$c" "$denied table expert" "DELETE FROM advmatch.expert"
    refused "INSERT expert" "$c" "$denied table expert" \
        "INSERT INTO advmatch.expert (id, name, level, org, province) VALUES
         ('X1', 'x', 'provincial', 'x', '52')"
    refused "UPDATE county" "$c" "$denied table county" "UPDATE advmatch.county SET priority = 2"
    refused "UPDATE policy" "$c" "$denied table policy" "UPDATE advmatch.policy SET size_max = 20"
    refused "UPDATE ledger" "$c" "$denied table ledger" "UPDATE advmatch.ledger SET version = 0"
    refused "INSERT round_member" "$c" "$denied table round_member" \
        "INSERT INTO advmatch.round_member VALUES (8, '520623', 'G1', 'leader', 'province', 1)"
    refused "DELETE change_log" "$c" "$denied table change_log" "DELETE FROM advmatch.change_log"
    refused "rebind itself" "$c" "$denied table coordinator" \
        "UPDATE advmatch.coordinator SET province = '53'"
    refused "bind itself" "$c" "$denied table coordinator" \
        "INSERT INTO advmatch.coordinator VALUES ('someone', '53')"
done
expect_eq "the ledger after the refused writes" "$(q "SELECT (SELECT count(*) FROM
    advmatch.membership) || ' ' || (SELECT count(*) FROM advmatch.expert WHERE active) || ' ' ||
    (SELECT version FROM advmatch.ledger) || ' ' || (SELECT count(*) FROM advmatch.change_log)
    || ' ' || (SELECT string_agg(role_name || ':' || province, ',' ORDER BY role_name)
    FROM advmatch.coordinator)")" "11 9 2 4 $c52:52,$c53:53"

# ---- session_user: a superuser's SET ROLE to a coordinator gets no province ----
expect_eq "SET ROLE $c52 as postgres" "$(q "SET ROLE $c52;
    SELECT coalesce(advmatch.my_province(), 'none') || ' ' ||
    (SELECT count(*) FROM advmatch.county) || ' ' || (SELECT count(*) FROM advmatch.expert) ||
    ' ' || (SELECT string_agg(id::text, ',' ORDER BY id) FROM advmatch.round)")" "none 0 0 1,2,5"

# ---- national staff: everything ----
expect_eq "contacts read by $staff" "$(as "$staff" "SELECT string_agg(expert || ':' ||
    coalesce(phone, '-'), ',' ORDER BY expert) FROM advmatch.expert_contact")" \
    "G1:13800000002,N1:13800000001,Y2:13800000003"
expect_eq "inputs read by $staff" \
    "$(as "$staff" "SELECT count(input) FROM advmatch.round")" "2"
expect_eq "round_conflicts(3, 0) as $staff" \
    "$(as "$staff" "SELECT count(*) FROM advmatch.round_conflicts(3, 0)")" "7"
expect_eq "apply_round(3) as $staff" "$(as "$staff" "SET client_min_messages = warning; BEGIN;
    SELECT advmatch.apply_round(3, 3, '{}', '{}', '{}', 'preview 3'); ROLLBACK")" "2"
expect_eq "writes by $staff" "$(as "$staff" "BEGIN;
    UPDATE advmatch.expert SET active = false WHERE id = 'Y1';
    UPDATE advmatch.round SET status = 'cancelled' WHERE id = 6;
    INSERT INTO advmatch.round (kind) VALUES ('quarterly');
    DELETE FROM advmatch.round_shortfall WHERE round = 4;
    INSERT INTO advmatch.coordinator VALUES ('$cx', '33');
    SELECT (SELECT count(*) FROM advmatch.expert WHERE active) || ' ' ||
           (SELECT count(*) FROM advmatch.round WHERE status = 'cancelled') || ' ' ||
           (SELECT count(*) FROM advmatch.round) || ' ' ||
           (SELECT count(*) FROM advmatch.round_shortfall) || ' ' ||
           (SELECT count(*) FROM advmatch.coordinator);
    ROLLBACK")" "8 2 12 3 3"
refused "TRUNCATE by $staff" "$staff" "$denied table change_log" \
    "TRUNCATE advmatch.change_log"

drop_roles
echo "ok: access of advmatch_national and advmatch_coordinator"
