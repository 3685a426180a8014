/* adapters/pg/pg_read.c: the whole ledger as an instance, read in one REPEATABLE READ READ ONLY
 * transaction: one query per table, ordered by key (byte order, COLLATE "C"), so that each
 * record's lists are a contiguous run of its child table's rows, found by walking parents and
 * children side by side. The records are built with am_instance_add_* and frozen. */
#include <stdlib.h>
#include <string.h>

#include "pg_impl.h"

/* The queries, in the order they run. Dates come back as ISO text (the session's datestyle);
 * children are ordered by their parent's key first. */
enum {
    Q_LEDGER,
    Q_POLICY,
    Q_CALENDAR,
    Q_PROVINCE,
    Q_PARTNER,
    Q_COUNTY,
    Q_INDUSTRY,
    Q_BLACKOUT,
    Q_COUNTY_PREFERS,
    Q_RECOMMENDED,
    Q_EXPERT,
    Q_FIELD,
    Q_UNAVAILABLE,
    Q_DECLINE,
    Q_EXPERT_PREFERS,
    Q_MEETING,
    Q_MEMBERSHIP,
    N_QUERIES
};

static const struct {
    const char *sql, *what;
} queries[N_QUERIES] = {
    {"SELECT version FROM advmatch.ledger WHERE id = 1", "read the ledger version"},
    {"SELECT size_min, size_target, size_max, local_min, local_max, pairing_min, pairing_max,"
     " max_same_org, pen_leader, pen_size, pen_local, pen_pairing, pen_industry, pen_stage,"
     " pen_over_target, pen_change, preference_bonus FROM advmatch.policy WHERE id = 1",
     "read the policy"},
    {"SELECT year, array_to_string(holidays, ','), array_to_string(workdays, ','), h1_from,"
     " h1_to, h2_from, h2_to, meetings_per_half, max_per_province_per_day, min_attendance,"
     " plan_early_summary_late FROM advmatch.calendar WHERE id = 1",
     "read the calendar"},
    {"SELECT code, name, region FROM advmatch.province ORDER BY code COLLATE \"C\"",
     "read the provinces"},
    {"SELECT province, partner FROM advmatch.province_partner"
     " ORDER BY province COLLATE \"C\", partner COLLATE \"C\"",
     "read the province partners"},
    {"SELECT id, name, province, array_to_string(stages, ','), priority FROM advmatch.county"
     " ORDER BY id COLLATE \"C\"",
     "read the counties"},
    {"SELECT county, field, weight FROM advmatch.county_industry"
     " ORDER BY county COLLATE \"C\", pos",
     "read the county industries"},
    {"SELECT county, from_date, to_date FROM advmatch.county_blackout"
     " ORDER BY county COLLATE \"C\", pos",
     "read the county blackouts"},
    {"SELECT county, expert FROM advmatch.county_prefers ORDER BY county COLLATE \"C\"",
     "read the county preferences"},
    {"SELECT county, expert FROM advmatch.county_recommended ORDER BY county COLLATE \"C\"",
     "read the recommended experts"},
    {"SELECT id, name, level, org, province, county, array_to_string(stages, ','), capacity,"
     " leader_capacity, active FROM advmatch.expert ORDER BY id COLLATE \"C\"",
     "read the experts"},
    {"SELECT expert, field FROM advmatch.expert_field ORDER BY expert COLLATE \"C\"",
     "read the expert fields"},
    {"SELECT expert, from_date, to_date FROM advmatch.expert_unavailable"
     " ORDER BY expert COLLATE \"C\", pos",
     "read the expert unavailability"},
    {"SELECT expert, county FROM advmatch.expert_decline ORDER BY expert COLLATE \"C\"",
     "read the expert declines"},
    {"SELECT expert, county FROM advmatch.expert_prefers ORDER BY expert COLLATE \"C\"",
     "read the expert preferences"},
    {"SELECT county, date, mode FROM advmatch.fixed_meeting ORDER BY county COLLATE \"C\", date",
     "read the fixed meetings"},
    {"SELECT county, expert, role FROM advmatch.membership WHERE ended_round IS NULL"
     " ORDER BY county COLLATE \"C\", expert COLLATE \"C\"",
     "read the open memberships"},
};

/* A child table's rows, walked alongside its parents: column 0 is the parent's key. */
typedef struct kids {
    const PGresult *r;
    int n, row;
} kids;

static kids kids_of(const PGresult *r)
{
    return (kids){r, PQntuples(r), 0};
}

/* The run of rows whose parent is `key` (parents visited in ascending byte order): its first
 * row in *start and its length as the return value. Rows of a parent that does not exist are
 * skipped (the foreign keys rule them out). */
static int kids_next(kids *k, const char *key, int *start)
{
    while (k->row < k->n && strcmp(PQgetvalue(k->r, k->row, 0), key) < 0)
        k->row++;
    *start = k->row;
    while (k->row < k->n && strcmp(PQgetvalue(k->r, k->row, 0), key) == 0)
        k->row++;
    return k->row - *start;
}

/* Column `col` of every row of `r` as a string array (borrowed from r); NULL on no memory. */
static const char **column(const PGresult *r, int col)
{
    int n = PQntuples(r);
    const char **v = malloc(sizeof *v * (size_t)(n + 1));
    if (v)
        for (int i = 0; i < n; i++)
            v[i] = PQgetvalue(r, i, col);
    return v;
}

/* A value the schema's checks should have ruled out. */
static am_status bad_value(const char *what, const char *v, am_error *err)
{
    return am_error_set(err, AM_EDB, NULL, NULL, "%s: unexpected value \"%s\" in the ledger", what,
                        v ? v : "NULL");
}

static am_status parse_date(const char *s, am_date *d, const char *what, am_error *err)
{
    return s && am_date_parse(s, d) ? AM_OK : bad_value(what, s, err);
}

/* Columns 1 and 2 (from, to) of every row as ranges in *out, a new array (caller frees). */
static am_status ranges(const PGresult *r, const char *what, am_range **out, am_error *err)
{
    int n = PQntuples(r);
    *out = malloc(sizeof **out * (size_t)(n + 1));
    if (!*out)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "%s: out of memory", what);
    for (int i = 0; i < n; i++) {
        am_status st = parse_date(pg_get(r, i, 1), &(*out)[i].from, what, err);
        if (st == AM_OK)
            st = parse_date(pg_get(r, i, 2), &(*out)[i].to, what, err);
        if (st != AM_OK)
            return st;
    }
    return AM_OK;
}

/* "production,branding" as a stage mask. */
static am_status parse_stages(const char *s, unsigned *mask, am_error *err)
{
    *mask = 0;
    while (s && *s) {
        size_t len = strcspn(s, ",");
        char name[32];
        if (len >= sizeof name)
            return bad_value("read the stages", s, err);
        memcpy(name, s, len);
        name[len] = '\0';
        int k = am_stage_parse(name);
        if (k < 0)
            return bad_value("read the stages", name, err);
        *mask |= 1u << k;
        s += len + (s[len] == ',');
    }
    return AM_OK;
}

/* "2026-01-01,2026-01-02" into a new array (caller frees); *n = -1 when s is NULL (the list
 * is not given: the shipped one of the year). */
static am_status date_list(const char *s, am_date **out, int *n, am_error *err)
{
    *out = NULL;
    *n = -1;
    if (!s)
        return AM_OK;
    *out = malloc(sizeof **out * (strlen(s) / 10 + 1));
    if (!*out)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "read the calendar: out of memory");
    *n = 0;
    while (*s) {
        char d[16];
        size_t k = strcspn(s, ",");
        if (k >= sizeof d)
            return bad_value("read the calendar", s, err);
        memcpy(d, s, k);
        d[k] = '\0';
        am_status st = parse_date(d, &(*out)[*n], "read the calendar", err);
        if (st != AM_OK)
            return st;
        (*n)++;
        s += k + (s[k] == ',');
    }
    return AM_OK;
}

static int get_int(const PGresult *r, int row, int col)
{
    return (int)pg_get_ll(r, row, col, 0);
}

/* The policy row (the defaults when there is none). */
static void read_policy(const PGresult *r, am_instance *inst)
{
    am_policy p;
    am_policy_init(&p);
    if (PQntuples(r) > 0) {
        int *v[] = {&p.size_min, &p.size_target, &p.size_max, &p.local_min, &p.local_max,
                    &p.pairing_min, &p.pairing_max, &p.max_same_org, &p.pen_leader, &p.pen_size,
                    &p.pen_local, &p.pen_pairing, &p.pen_industry, &p.pen_stage,
                    &p.pen_over_target, &p.pen_change, &p.preference_bonus};
        for (int i = 0; i < (int)(sizeof v / sizeof v[0]); i++)
            *v[i] = get_int(r, 0, i);
    }
    am_instance_set_policy(inst, &p);
}

/* The calendar, when the ledger has one; NULL lists are the shipped ones. */
static am_status read_calendar(const PGresult *r, am_instance *inst, am_error *err)
{
    if (PQntuples(r) == 0)
        return AM_OK;
    am_calendar_rec c;
    am_calendar_rec_init(&c);
    am_date *hol = NULL, *work = NULL;
    am_status st;
    c.year = get_int(r, 0, 0);
    AM_TRY(date_list(pg_get(r, 0, 1), &hol, &c.n_holidays, err));
    AM_TRY(date_list(pg_get(r, 0, 2), &work, &c.n_workdays, err));
    c.holidays = hol;
    c.workdays = work;
    for (int h = 0; h < AM_N_HALVES; h++) {
        AM_TRY(parse_date(pg_get(r, 0, 3 + 2 * h), &c.halves[h].from, "read the calendar", err));
        AM_TRY(parse_date(pg_get(r, 0, 4 + 2 * h), &c.halves[h].to, "read the calendar", err));
    }
    c.meetings_per_half = get_int(r, 0, 7);
    c.max_per_province_per_day = get_int(r, 0, 8);
    c.min_attendance = pg_get_double(r, 0, 9, 0.6);
    c.plan_early_summary_late = pg_get_bool(r, 0, 10);
    st = am_instance_set_calendar(inst, &c, err);
done:
    free(hol);
    free(work);
    return st;
}

static am_status read_provinces(PGresult *const *q, am_instance *inst, am_error *err)
{
    const PGresult *r = q[Q_PROVINCE];
    kids partners = kids_of(q[Q_PARTNER]);
    const char **partner = column(q[Q_PARTNER], 1);
    if (!partner)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "read the provinces: out of memory");
    am_status st = AM_OK;
    for (int i = 0; i < PQntuples(r) && st == AM_OK; i++) {
        const char *code = PQgetvalue(r, i, 0), *region = PQgetvalue(r, i, 2);
        int reg = am_region_parse(region), first;
        if (reg < 0) {
            st = bad_value("read the provinces", region, err);
            break;
        }
        am_province_rec p = {.code = code, .name = PQgetvalue(r, i, 1), .region = (am_region)reg};
        p.n_paired_with = kids_next(&partners, code, &first);
        p.paired_with = partner + first;
        st = am_instance_add_province(inst, &p, err);
    }
    free(partner);
    return st;
}

static am_status read_counties(PGresult *const *q, am_instance *inst, am_error *err)
{
    const PGresult *r = q[Q_COUNTY], *ri = q[Q_INDUSTRY];
    kids ind = kids_of(ri), blk = kids_of(q[Q_BLACKOUT]);
    kids pre = kids_of(q[Q_COUNTY_PREFERS]), rec = kids_of(q[Q_RECOMMENDED]);
    const char **prefers = column(q[Q_COUNTY_PREFERS], 1);
    const char **recommended = column(q[Q_RECOMMENDED], 1);
    am_industry_rec *industries = malloc(sizeof *industries * (size_t)(PQntuples(ri) + 1));
    am_range *blackout = NULL;
    am_status st = AM_OK;
    if (!prefers || !recommended || !industries)
        AM_TRY(am_error_set(err, AM_ENOMEM, NULL, NULL, "read the counties: out of memory"));
    AM_TRY(ranges(q[Q_BLACKOUT], "read the county blackouts", &blackout, err));
    for (int i = 0; i < PQntuples(ri); i++)
        industries[i] = (am_industry_rec){.field = PQgetvalue(ri, i, 1),
                                          .weight = get_int(ri, i, 2)};
    for (int i = 0; i < PQntuples(r); i++) {
        const char *id = PQgetvalue(r, i, 0);
        am_county_rec c = {.id = id, .name = PQgetvalue(r, i, 1), .province = PQgetvalue(r, i, 2),
                           .priority = get_int(r, i, 4)};
        AM_TRY(parse_stages(PQgetvalue(r, i, 3), &c.stages, err));
        int first;
        c.n_industries = kids_next(&ind, id, &first);
        c.industries = industries + first;
        c.n_blackout = kids_next(&blk, id, &first);
        c.blackout = blackout + first;
        c.n_prefers = kids_next(&pre, id, &first);
        c.prefers = prefers + first;
        c.n_recommended = kids_next(&rec, id, &first);
        c.recommended = recommended + first;
        AM_TRY(am_instance_add_county(inst, &c, err));
    }
done:
    free(prefers);
    free(recommended);
    free(industries);
    free(blackout);
    return st;
}

static am_status read_experts(PGresult *const *q, am_instance *inst, am_error *err)
{
    const PGresult *r = q[Q_EXPERT];
    kids fld = kids_of(q[Q_FIELD]), una = kids_of(q[Q_UNAVAILABLE]);
    kids dec = kids_of(q[Q_DECLINE]), pre = kids_of(q[Q_EXPERT_PREFERS]);
    const char **fields = column(q[Q_FIELD], 1);
    const char **declines = column(q[Q_DECLINE], 1);
    const char **prefers = column(q[Q_EXPERT_PREFERS], 1);
    am_range *unavailable = NULL;
    am_status st = AM_OK;
    if (!fields || !declines || !prefers)
        AM_TRY(am_error_set(err, AM_ENOMEM, NULL, NULL, "read the experts: out of memory"));
    AM_TRY(ranges(q[Q_UNAVAILABLE], "read the expert unavailability", &unavailable, err));
    for (int i = 0; i < PQntuples(r); i++) {
        const char *id = PQgetvalue(r, i, 0), *level = PQgetvalue(r, i, 2);
        int lv = am_level_parse(level);
        if (lv < 0)
            AM_TRY(bad_value("read the experts", level, err));
        am_expert_rec e = {.id = id, .name = PQgetvalue(r, i, 1), .level = (am_level)lv,
                           .org = PQgetvalue(r, i, 3), .province = PQgetvalue(r, i, 4),
                           .county = pg_get(r, i, 5), .capacity = get_int(r, i, 7),
                           .leader_capacity = get_int(r, i, 8), .active = pg_get_bool(r, i, 9)};
        AM_TRY(parse_stages(PQgetvalue(r, i, 6), &e.stages, err));
        int first;
        e.n_fields = kids_next(&fld, id, &first);
        e.fields = fields + first;
        e.n_unavailable = kids_next(&una, id, &first);
        e.unavailable = unavailable + first;
        e.n_declines = kids_next(&dec, id, &first);
        e.declines = declines + first;
        e.n_prefers = kids_next(&pre, id, &first);
        e.prefers = prefers + first;
        AM_TRY(am_instance_add_expert(inst, &e, err));
    }
done:
    free(fields);
    free(declines);
    free(prefers);
    free(unavailable);
    return st;
}

static am_status read_meetings(const PGresult *r, am_instance *inst, am_error *err)
{
    for (int i = 0; i < PQntuples(r); i++) {
        const char *mode = PQgetvalue(r, i, 2);
        int m = am_mode_parse(mode);
        if (m < 0)
            return bad_value("read the fixed meetings", mode, err);
        am_meeting_rec rec = {.county = PQgetvalue(r, i, 0), .mode = (am_mode)m};
        am_status st = parse_date(pg_get(r, i, 1), &rec.date, "read the fixed meetings", err);
        if (st == AM_OK)
            st = am_instance_add_meeting(inst, &rec, err);
        if (st != AM_OK)
            return st;
    }
    return AM_OK;
}

/* The open memberships, as unlocked current[] entries. */
static am_status read_current(const PGresult *r, am_instance *inst, am_error *err)
{
    for (int i = 0; i < PQntuples(r); i++) {
        const char *role = PQgetvalue(r, i, 2);
        int ro = am_role_parse(role);
        if (ro < 0)
            return bad_value("read the open memberships", role, err);
        am_current_rec c = {.county = PQgetvalue(r, i, 0), .expert = PQgetvalue(r, i, 1),
                            .role = (am_role)ro, .locked = false};
        am_status st = am_instance_add_current(inst, &c, err);
        if (st != AM_OK)
            return st;
    }
    return AM_OK;
}

/* Build the instance from the query results. */
static am_status build(PGresult *const *q, am_instance *inst, am_error *err)
{
    am_status st;
    read_policy(q[Q_POLICY], inst);
    AM_TRY(read_calendar(q[Q_CALENDAR], inst, err));
    AM_TRY(read_provinces(q, inst, err));
    AM_TRY(read_counties(q, inst, err));
    AM_TRY(read_experts(q, inst, err));
    AM_TRY(read_meetings(q[Q_MEETING], inst, err));
    AM_TRY(read_current(q[Q_MEMBERSHIP], inst, err));
done:
    return st;
}

am_status am_pg_read_ledger(am_pg *db, am_instance **out, long long *version, am_diags *d,
                            am_error *err)
{
    *out = NULL;
    *version = 0;
    PGresult *q[N_QUERIES] = {0};
    am_instance *inst = NULL;
    am_status st;
    AM_TRY(pg_begin(db, "ISOLATION LEVEL REPEATABLE READ READ ONLY", err));
    for (int i = 0; i < N_QUERIES; i++)
        AM_TRY(pg_query(db, queries[i].sql, 0, NULL, &q[i], queries[i].what, err));
    AM_TRY(pg_commit(db, err));
    if (PQntuples(q[Q_LEDGER]) != 1)
        AM_TRY(am_error_set(err, AM_EDB, NULL, NULL, "read the ledger version: advmatch.ledger has "
                                                     "no row; run advmatch db migrate"));
    *version = pg_get_ll(q[Q_LEDGER], 0, 0, 0);
    AM_TRY(am_instance_new(&inst, err));
    AM_TRY(build(q, inst, err));
    AM_TRY(am_instance_freeze(inst, d, err));
    *out = inst;
    inst = NULL;
done:
    if (st != AM_OK)
        pg_rollback(db);
    for (int i = 0; i < N_QUERIES; i++)
        PQclear(q[i]);
    am_instance_free(inst);
    return st;
}
