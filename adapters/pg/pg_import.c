/* adapters/pg/pg_import.c: `advmatch db import`: load a frozen, validated instance into the
 * ledger in one transaction. Every kind of record is sent with COPY (the rows are built by
 * pg_import_stage.c) into a TEMP staging table, then moved into the real tables by one
 * set-based statement per table: policy, calendar, provinces and their partners, counties and
 * experts (upserted by a digest of the whole record, lists included; only new or changed
 * records get their lists rewritten and changed = the new ledger version), the relations
 * between counties and experts (a reference to a record the ledger does not have is skipped
 * and counted), and the fixed meetings. When nothing differs the transaction is rolled back
 * and the ledger version stays. */
#include <stdio.h>
#include <stdlib.h>

#include "pg_import_impl.h"

/* The COPY target of each staging table, indexed by S_* (pg_import_impl.h). */
static const struct {
    const char *target; /* COPY target: table and columns */
    const char *what;   /* the step, in errors */
} staging[N_STAGING] = {
    {"am_s_province (code, name, region, partners)", "stage the provinces"},
    {"am_s_county (id, name, province, stages, priority, digest)", "stage the counties"},
    {"am_s_county_industry (county, pos, field, weight)", "stage the county industries"},
    {"am_s_county_blackout (county, pos, from_date, to_date)", "stage the county blackouts"},
    {"am_s_county_prefers (county, expert)", "stage the county preferences"},
    {"am_s_county_recommended (county, expert)", "stage the recommended experts"},
    {"am_s_expert (id, name, level, org, province, county, stages, capacity, leader_capacity, "
     "active, digest)", "stage the experts"},
    {"am_s_expert_field (expert, field)", "stage the expert fields"},
    {"am_s_expert_unavailable (expert, pos, from_date, to_date)",
     "stage the expert unavailability"},
    {"am_s_expert_decline (expert, county)", "stage the expert declines"},
    {"am_s_expert_prefers (expert, county)", "stage the expert preferences"},
    {"am_s_meeting (county, date, mode)", "stage the fixed meetings"},
};

static const char create_staging[] =
    "CREATE TEMP TABLE am_s_province (code text, name text, region text, partners text[])"
    " ON COMMIT DROP;"
    "CREATE TEMP TABLE am_s_county (id text, name text, province text, stages text[],"
    " priority integer, digest text) ON COMMIT DROP;"
    "CREATE TEMP TABLE am_s_county_industry (county text, pos integer, field text,"
    " weight integer) ON COMMIT DROP;"
    "CREATE TEMP TABLE am_s_county_blackout (county text, pos integer, from_date date,"
    " to_date date) ON COMMIT DROP;"
    "CREATE TEMP TABLE am_s_county_prefers (county text, expert text) ON COMMIT DROP;"
    "CREATE TEMP TABLE am_s_county_recommended (county text, expert text) ON COMMIT DROP;"
    "CREATE TEMP TABLE am_s_expert (id text, name text, level text, org text,"
    " province text, county text, stages text[], capacity integer, leader_capacity integer,"
    " active boolean, digest text) ON COMMIT DROP;"
    "CREATE TEMP TABLE am_s_expert_field (expert text, field text) ON COMMIT DROP;"
    "CREATE TEMP TABLE am_s_expert_unavailable (expert text, pos integer, from_date date,"
    " to_date date) ON COMMIT DROP;"
    "CREATE TEMP TABLE am_s_expert_decline (expert text, county text) ON COMMIT DROP;"
    "CREATE TEMP TABLE am_s_expert_prefers (expert text, county text) ON COMMIT DROP;"
    "CREATE TEMP TABLE am_s_meeting (county text, date date, mode text) ON COMMIT DROP;"
    /* what the upserts touched: new (inserted) or changed records */
    "CREATE TEMP TABLE am_t_county (id text, inserted boolean) ON COMMIT DROP;"
    "CREATE TEMP TABLE am_t_expert (id text, inserted boolean) ON COMMIT DROP;"
    "CREATE TEMP TABLE am_t_partners (code text PRIMARY KEY) ON COMMIT DROP";

/* ---- set-based steps ---- */

/* Run `sql`, which returns one row of integers: the first n into v[]. */
static am_status query_ints(am_pg *db, const char *sql, long long *v, int n, const char *what,
                            am_error *err)
{
    PGresult *r = NULL;
    am_status st = pg_query(db, sql, 0, NULL, &r, what, err);
    if (st != AM_OK)
        return st;
    for (int i = 0; i < n; i++)
        v[i] = PQntuples(r) > 0 && i < PQnfields(r) ? pg_get_ll(r, 0, i, 0) : 0;
    PQclear(r);
    return AM_OK;
}

/* Rows a command touched (PQcmdTuples) of `sql` with parameters. */
static am_status exec_count(am_pg *db, const char *sql, int n, const char *const *params,
                            long long *count, const char *what, am_error *err)
{
    PGresult *r = NULL;
    am_status st = pg_query(db, sql, n, params, &r, what, err);
    if (st != AM_OK)
        return st;
    *count = strtoll(PQcmdTuples(r), NULL, 10);
    PQclear(r);
    return AM_OK;
}

/* The policy row: written (changed = v) only when some value differs. */
static am_status import_policy(am_pg *db, const am_policy *p, long long v, bool *changed,
                               am_error *err)
{
    const int vals[] = {p->size_min, p->size_target, p->size_max, p->local_min, p->local_max,
                        p->pairing_min, p->pairing_max, p->max_same_org, p->pen_leader,
                        p->pen_size, p->pen_local, p->pen_pairing, p->pen_industry,
                        p->pen_stage, p->pen_over_target, p->pen_change, p->preference_bonus};
    enum { N = sizeof vals / sizeof vals[0] };
    char buf[N + 1][24];
    const char *params[N + 1];
    for (int i = 0; i < N; i++) {
        snprintf(buf[i], sizeof buf[i], "%d", vals[i]);
        params[i] = buf[i];
    }
    snprintf(buf[N], sizeof buf[N], "%lld", v);
    params[N] = buf[N];
    static const char sql[] =
        "INSERT INTO advmatch.policy AS p (id, size_min, size_target, size_max, local_min,"
        " local_max, pairing_min, pairing_max, max_same_org, pen_leader, pen_size, pen_local,"
        " pen_pairing, pen_industry, pen_stage, pen_over_target, pen_change, preference_bonus,"
        " changed) VALUES (1, $1::int, $2::int, $3::int, $4::int, $5::int, $6::int, $7::int,"
        " $8::int, $9::int, $10::int, $11::int, $12::int, $13::int, $14::int, $15::int,"
        " $16::int, $17::int, $18::bigint)"
        " ON CONFLICT (id) DO UPDATE SET size_min = EXCLUDED.size_min,"
        " size_target = EXCLUDED.size_target, size_max = EXCLUDED.size_max,"
        " local_min = EXCLUDED.local_min, local_max = EXCLUDED.local_max,"
        " pairing_min = EXCLUDED.pairing_min, pairing_max = EXCLUDED.pairing_max,"
        " max_same_org = EXCLUDED.max_same_org, pen_leader = EXCLUDED.pen_leader,"
        " pen_size = EXCLUDED.pen_size, pen_local = EXCLUDED.pen_local,"
        " pen_pairing = EXCLUDED.pen_pairing, pen_industry = EXCLUDED.pen_industry,"
        " pen_stage = EXCLUDED.pen_stage, pen_over_target = EXCLUDED.pen_over_target,"
        " pen_change = EXCLUDED.pen_change, preference_bonus = EXCLUDED.preference_bonus,"
        " changed = EXCLUDED.changed"
        " WHERE (p.size_min, p.size_target, p.size_max, p.local_min, p.local_max, p.pairing_min,"
        " p.pairing_max, p.max_same_org, p.pen_leader, p.pen_size, p.pen_local, p.pen_pairing,"
        " p.pen_industry, p.pen_stage, p.pen_over_target, p.pen_change, p.preference_bonus)"
        " IS DISTINCT FROM (EXCLUDED.size_min, EXCLUDED.size_target, EXCLUDED.size_max,"
        " EXCLUDED.local_min, EXCLUDED.local_max, EXCLUDED.pairing_min, EXCLUDED.pairing_max,"
        " EXCLUDED.max_same_org, EXCLUDED.pen_leader, EXCLUDED.pen_size, EXCLUDED.pen_local,"
        " EXCLUDED.pen_pairing, EXCLUDED.pen_industry, EXCLUDED.pen_stage,"
        " EXCLUDED.pen_over_target, EXCLUDED.pen_change, EXCLUDED.preference_bonus)";
    long long n = 0;
    am_status st = exec_count(db, sql, N + 1, params, &n, "import the policy", err);
    *changed = n > 0;
    return st;
}

/* A date[] literal of `n` dates into a new string (caller frees); NULL on no memory. */
static char *date_array(const am_date *d, int n)
{
    char *s = malloc((size_t)n * 11 + 3);
    if (!s)
        return NULL;
    size_t len = 0;
    s[len++] = '{';
    for (int i = 0; i < n; i++) {
        if (i)
            s[len++] = ',';
        am_date_format(d[i], s + len);
        len += 10;
    }
    s[len++] = '}';
    s[len] = '\0';
    return s;
}

/* The calendar row, when the instance has a calendar: shipped lists are stored as NULL. */
static am_status import_calendar(am_pg *db, const am_calendar *c, bool *changed, am_error *err)
{
    *changed = false;
    char *hol = NULL, *work = NULL;
    if (!c->lists_shipped) {
        hol = date_array(c->holidays, c->n_holidays);
        work = date_array(c->workdays, c->n_workdays);
        if (!hol || !work) {
            free(hol);
            free(work);
            return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory importing the calendar");
        }
    }
    char year[16], h[4][11], mph[16], mpd[16], att[40];
    snprintf(year, sizeof year, "%d", c->year);
    for (int k = 0; k < AM_N_HALVES; k++) {
        am_date_format(c->halves[k].from, h[2 * k]);
        am_date_format(c->halves[k].to, h[2 * k + 1]);
    }
    snprintf(mph, sizeof mph, "%d", c->meetings_per_half);
    snprintf(mpd, sizeof mpd, "%d", c->max_per_province_per_day);
    snprintf(att, sizeof att, "%.17g", c->min_attendance);
    const char *params[] = {year, hol, work, h[0], h[1], h[2], h[3], mph, mpd, att,
                            c->plan_early_summary_late ? "t" : "f"};
    static const char sql[] =
        "INSERT INTO advmatch.calendar AS c (id, year, holidays, workdays, h1_from, h1_to,"
        " h2_from, h2_to, meetings_per_half, max_per_province_per_day, min_attendance,"
        " plan_early_summary_late) VALUES (1, $1::int, $2::date[], $3::date[], $4::date,"
        " $5::date, $6::date, $7::date, $8::int, $9::int, $10::float8, $11::boolean)"
        " ON CONFLICT (id) DO UPDATE SET year = EXCLUDED.year, holidays = EXCLUDED.holidays,"
        " workdays = EXCLUDED.workdays, h1_from = EXCLUDED.h1_from, h1_to = EXCLUDED.h1_to,"
        " h2_from = EXCLUDED.h2_from, h2_to = EXCLUDED.h2_to,"
        " meetings_per_half = EXCLUDED.meetings_per_half,"
        " max_per_province_per_day = EXCLUDED.max_per_province_per_day,"
        " min_attendance = EXCLUDED.min_attendance,"
        " plan_early_summary_late = EXCLUDED.plan_early_summary_late"
        " WHERE (c.year, c.holidays, c.workdays, c.h1_from, c.h1_to, c.h2_from, c.h2_to,"
        " c.meetings_per_half, c.max_per_province_per_day, c.min_attendance,"
        " c.plan_early_summary_late) IS DISTINCT FROM (EXCLUDED.year, EXCLUDED.holidays,"
        " EXCLUDED.workdays, EXCLUDED.h1_from, EXCLUDED.h1_to, EXCLUDED.h2_from, EXCLUDED.h2_to,"
        " EXCLUDED.meetings_per_half, EXCLUDED.max_per_province_per_day,"
        " EXCLUDED.min_attendance, EXCLUDED.plan_early_summary_late)";
    long long n = 0;
    am_status st = exec_count(db, sql, 11, params, &n, "import the calendar", err);
    *changed = n > 0;
    free(hol);
    free(work);
    return st;
}

/* Provinces: those whose partner list differs are noted first; upsert by code (changed = v
 * when name, region or partners differ); their partner lists are then replaced. *n: provinces
 * inserted or changed. */
static am_status import_provinces(am_pg *db, const char *v, long long *n, am_error *err)
{
    char sql[1536];
    am_status st = pg_exec(db,
        "INSERT INTO am_t_partners (code)"
        " SELECT s.code FROM am_s_province s"
        " WHERE s.partners IS DISTINCT FROM (SELECT coalesce(array_agg(pp.partner"
        " ORDER BY pp.partner COLLATE \"C\"), '{}') FROM advmatch.province_partner pp"
        " WHERE pp.province = s.code)",
        "compare the province partners", err);
    if (st != AM_OK)
        return st;
    snprintf(sql, sizeof sql,
             "WITH up AS (INSERT INTO advmatch.province AS p (code, name, region, changed)"
             " SELECT code, name, region, %s FROM am_s_province ORDER BY code"
             " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, region = EXCLUDED.region,"
             " changed = EXCLUDED.changed"
             " WHERE (p.name, p.region) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.region)"
             " OR p.code IN (SELECT code FROM am_t_partners)"
             " RETURNING 1)"
             " SELECT count(*) FROM up", v);
    if ((st = query_ints(db, sql, n, 1, "import the provinces", err)) != AM_OK)
        return st;
    return pg_exec(db,
        "DELETE FROM advmatch.province_partner WHERE province IN (SELECT code FROM am_t_partners);"
        "INSERT INTO advmatch.province_partner (province, partner)"
        " SELECT s.code, u.partner FROM am_s_province s JOIN am_t_partners t ON t.code = s.code"
        " CROSS JOIN LATERAL unnest(s.partners) AS u(partner)",
        "import the province partners", err);
}

/* Counties, then experts: upsert by digest, note what was new or changed in am_t_*, and clear
 * the lists of the changed ones. nv[0] new, nv[1] changed. */
static am_status import_counties(am_pg *db, const char *v, long long *nv, am_error *err)
{
    char sql[2048];
    snprintf(sql, sizeof sql,
             "WITH up AS (INSERT INTO advmatch.county AS c (id, name, province, stages, priority,"
             " digest, changed)"
             " SELECT id, name, province, stages, priority, digest, %s FROM am_s_county"
             " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, province = EXCLUDED.province,"
             " stages = EXCLUDED.stages, priority = EXCLUDED.priority, digest = EXCLUDED.digest,"
             " changed = EXCLUDED.changed"
             " WHERE c.digest IS DISTINCT FROM EXCLUDED.digest"
             " RETURNING c.id, (c.xmax = 0) AS inserted),"
             " t AS (INSERT INTO am_t_county (id, inserted) SELECT id, inserted FROM up"
             " RETURNING inserted)"
             " SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted)"
             " FROM t", v);
    am_status st = query_ints(db, sql, nv, 2, "import the counties", err);
    if (st != AM_OK || nv[1] == 0)
        return st;
    return pg_exec(db,
        "DELETE FROM advmatch.county_industry WHERE county IN"
        " (SELECT id FROM am_t_county WHERE NOT inserted);"
        "DELETE FROM advmatch.county_blackout WHERE county IN"
        " (SELECT id FROM am_t_county WHERE NOT inserted);"
        "DELETE FROM advmatch.county_prefers WHERE county IN"
        " (SELECT id FROM am_t_county WHERE NOT inserted);"
        "DELETE FROM advmatch.county_recommended WHERE county IN"
        " (SELECT id FROM am_t_county WHERE NOT inserted)",
        "clear the lists of the changed counties", err);
}

static am_status import_experts(am_pg *db, const char *v, long long *nv, am_error *err)
{
    char sql[2048];
    snprintf(sql, sizeof sql,
             "WITH up AS (INSERT INTO advmatch.expert AS e (id, name, level, org, province,"
             " county, stages, capacity, leader_capacity, active, digest, changed)"
             " SELECT id, name, level, org, province, county, stages, capacity, leader_capacity,"
             " active, digest, %s FROM am_s_expert"
             " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level,"
             " org = EXCLUDED.org, province = EXCLUDED.province, county = EXCLUDED.county,"
             " stages = EXCLUDED.stages, capacity = EXCLUDED.capacity,"
             " leader_capacity = EXCLUDED.leader_capacity, active = EXCLUDED.active,"
             " digest = EXCLUDED.digest, changed = EXCLUDED.changed"
             " WHERE e.digest IS DISTINCT FROM EXCLUDED.digest"
             " RETURNING e.id, (e.xmax = 0) AS inserted),"
             " t AS (INSERT INTO am_t_expert (id, inserted) SELECT id, inserted FROM up"
             " RETURNING inserted)"
             " SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted)"
             " FROM t", v);
    am_status st = query_ints(db, sql, nv, 2, "import the experts", err);
    if (st != AM_OK || nv[1] == 0)
        return st;
    return pg_exec(db,
        "DELETE FROM advmatch.expert_field WHERE expert IN"
        " (SELECT id FROM am_t_expert WHERE NOT inserted);"
        "DELETE FROM advmatch.expert_unavailable WHERE expert IN"
        " (SELECT id FROM am_t_expert WHERE NOT inserted);"
        "DELETE FROM advmatch.expert_decline WHERE expert IN"
        " (SELECT id FROM am_t_expert WHERE NOT inserted);"
        "DELETE FROM advmatch.expert_prefers WHERE expert IN"
        " (SELECT id FROM am_t_expert WHERE NOT inserted)",
        "clear the lists of the changed experts", err);
}

/* The lists of the new and changed records, once every county and expert is in place; a
 * relation naming a county or expert the ledger does not have is left out. */
static const struct {
    const char *sql, *what;
} list_steps[] = {
    {"INSERT INTO advmatch.county_industry (county, pos, field, weight)"
     " SELECT s.county, s.pos, s.field, s.weight FROM am_s_county_industry s"
     " JOIN am_t_county t ON t.id = s.county",
     "import the county industries"},
    {"INSERT INTO advmatch.county_blackout (county, pos, from_date, to_date)"
     " SELECT s.county, s.pos, s.from_date, s.to_date FROM am_s_county_blackout s"
     " JOIN am_t_county t ON t.id = s.county",
     "import the county blackouts"},
    {"INSERT INTO advmatch.county_prefers (county, expert)"
     " SELECT s.county, s.expert FROM am_s_county_prefers s"
     " JOIN am_t_county t ON t.id = s.county JOIN advmatch.expert e ON e.id = s.expert",
     "import the county preferences"},
    {"INSERT INTO advmatch.county_recommended (county, expert)"
     " SELECT s.county, s.expert FROM am_s_county_recommended s"
     " JOIN am_t_county t ON t.id = s.county JOIN advmatch.expert e ON e.id = s.expert",
     "import the recommended experts"},
    {"INSERT INTO advmatch.expert_field (expert, field)"
     " SELECT s.expert, s.field FROM am_s_expert_field s JOIN am_t_expert t ON t.id = s.expert",
     "import the expert fields"},
    {"INSERT INTO advmatch.expert_unavailable (expert, pos, from_date, to_date)"
     " SELECT s.expert, s.pos, s.from_date, s.to_date FROM am_s_expert_unavailable s"
     " JOIN am_t_expert t ON t.id = s.expert",
     "import the expert unavailability"},
    {"INSERT INTO advmatch.expert_decline (expert, county)"
     " SELECT s.expert, s.county FROM am_s_expert_decline s"
     " JOIN am_t_expert t ON t.id = s.expert JOIN advmatch.county c ON c.id = s.county",
     "import the expert declines"},
    {"INSERT INTO advmatch.expert_prefers (expert, county)"
     " SELECT s.expert, s.county FROM am_s_expert_prefers s"
     " JOIN am_t_expert t ON t.id = s.expert JOIN advmatch.county c ON c.id = s.county",
     "import the expert preferences"},
};

/* References of the instance to counties or experts the ledger does not have. */
static const char count_skipped[] =
    "SELECT (SELECT count(*) FROM am_s_county_prefers s WHERE NOT EXISTS"
    "  (SELECT 1 FROM advmatch.expert e WHERE e.id = s.expert))"
    " + (SELECT count(*) FROM am_s_county_recommended s WHERE NOT EXISTS"
    "  (SELECT 1 FROM advmatch.expert e WHERE e.id = s.expert))"
    " + (SELECT count(*) FROM am_s_expert_decline s WHERE NOT EXISTS"
    "  (SELECT 1 FROM advmatch.county c WHERE c.id = s.county))"
    " + (SELECT count(*) FROM am_s_expert_prefers s WHERE NOT EXISTS"
    "  (SELECT 1 FROM advmatch.county c WHERE c.id = s.county))";

/* Fixed meetings of the imported counties: replaced when they differ from the ledger's. */
static am_status import_meetings(am_pg *db, bool *changed, am_error *err)
{
    long long n = 0;
    am_status st = query_ints(db,
        "SELECT count(*) FROM ("
        " (SELECT county, date, mode FROM am_s_meeting"
        "  EXCEPT SELECT m.county, m.date, m.mode FROM advmatch.fixed_meeting m"
        "  JOIN am_s_county s ON s.id = m.county)"
        " UNION ALL"
        " (SELECT m.county, m.date, m.mode FROM advmatch.fixed_meeting m"
        "  JOIN am_s_county s ON s.id = m.county"
        "  EXCEPT SELECT county, date, mode FROM am_s_meeting)) d",
        &n, 1, "compare the fixed meetings", err);
    *changed = n > 0;
    if (st != AM_OK || n == 0)
        return st;
    return pg_exec(db,
        "DELETE FROM advmatch.fixed_meeting WHERE county IN (SELECT id FROM am_s_county);"
        "INSERT INTO advmatch.fixed_meeting (county, date, mode)"
        " SELECT county, date, mode FROM am_s_meeting",
        "import the fixed meetings", err);
}

am_status am_pg_import(am_pg *db, const am_instance *inst, am_pg_import_report *rep,
                       am_error *err)
{
    *rep = (am_pg_import_report){.n_provinces = am_instance_n_provinces(inst),
                                 .n_counties = am_instance_n_counties(inst),
                                 .n_experts = am_instance_n_experts(inst)};
    am_sink *s[N_STAGING] = {0};
    am_status st = AM_OK;
    for (int i = 0; i < N_STAGING; i++)
        if (!(s[i] = am_sink_new()))
            AM_TRY(am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory staging the import"));
    AM_TRY(build_staging(inst, s, err));

    long long version = 0;
    AM_TRY(pg_begin(db, "", err));
    /* the import stamps `changed` itself: the triggers of 004_stamps.sql stand aside */
    AM_TRY(pg_exec(db, "SET LOCAL advmatch.importing = 'on'", "begin the import", err));
    AM_TRY(pg_next_version(db, &version, err));
    AM_TRY(pg_exec(db, create_staging, "create the staging tables", err));
    for (int i = 0; i < N_STAGING; i++) {
        AM_TRY(pg_copy_in(db, staging[i].target, s[i], staging[i].what, err));
        am_sink_free(s[i]);
        s[i] = NULL;
    }

    char v[24];
    snprintf(v, sizeof v, "%lld", version);
    bool policy_changed = false, calendar_changed = false, meetings_changed = false;
    long long n_prov = 0, nc[2] = {0, 0}, ne[2] = {0, 0}, skipped = 0;
    AM_TRY(import_policy(db, am_instance_policy(inst), version, &policy_changed, err));
    if (am_instance_calendar(inst)->present)
        AM_TRY(import_calendar(db, am_instance_calendar(inst), &calendar_changed, err));
    AM_TRY(import_provinces(db, v, &n_prov, err));
    AM_TRY(import_counties(db, v, nc, err));
    AM_TRY(import_experts(db, v, ne, err));
    for (size_t i = 0; i < sizeof list_steps / sizeof list_steps[0]; i++)
        AM_TRY(pg_exec(db, list_steps[i].sql, list_steps[i].what, err));
    AM_TRY(query_ints(db, count_skipped, &skipped, 1, "count the skipped references", err));
    AM_TRY(import_meetings(db, &meetings_changed, err));

    rep->n_new_counties = (int)nc[0];
    rep->n_changed_counties = (int)nc[1];
    rep->n_new_experts = (int)ne[0];
    rep->n_changed_experts = (int)ne[1];
    rep->n_skipped_refs = (int)skipped;
    if (policy_changed || calendar_changed || meetings_changed || n_prov > 0 || nc[0] + nc[1] > 0 ||
        ne[0] + ne[1] > 0) {
        AM_TRY(pg_commit(db, err));
        rep->version = version;
    } else {
        pg_rollback(db); /* nothing differs: the ledger keeps its version */
        rep->version = version - 1;
    }
done:
    if (st != AM_OK)
        pg_rollback(db);
    for (int i = 0; i < N_STAGING; i++)
        am_sink_free(s[i]);
    return st;
}
