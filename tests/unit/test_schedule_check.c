/* tests/unit/test_schedule_check.c: the independent schedule checker on a small hand-built
 * instance with a 2026 calendar. One correct schedule whose objective is worked out below;
 * then, for every rule, a schedule that breaks it (and the near misses that must pass). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_schedule.h"
#include "advmatch/am_schedule_check.h"
#include "am_test.h"

/* The instance. Provinces 52 (Guizhou) and 11 (Beijing). Calendar 2026: holidays
 * 2026-10-01..07, exchanged working day Sunday 2026-09-27; default windows H1 Feb 1..Jun 30
 * (150 days), H2 Jul 1..Dec 15 (168 days); 1 meeting per half; at most 1 meeting per province
 * and day; min_attendance 0.6; plan early, summary late.
 *   A = 520623 (52), blackout 2026-04-06..10      group E1 (leader), E2, E3  (needs 2 of 3)
 *   B = 522301 (52)                              group E4 (leader), E2, E5  (needs 2 of 3)
 *   C = 110101 (11), fixed meeting Sat 2026-02-07 by video   group E6 (leader), E7 (needs 2)
 *   D = 520624 (52), no group
 * Unavailable: E1 2026-03-09..13; E2 2026-05-04..08; E3 2026-03-02..06; E7 2026-12-07..11. */
static am_date day(const char *s)
{
    am_date d = 0;
    ck_assert_msg(am_date_parse(s, &d), "bad date %s", s);
    return d;
}

static void add_expert(am_instance *inst, const char *id, const char *prov, const char *from,
                       const char *to)
{
    am_error err = {0};
    static const char *const fields[] = {"tea"};
    am_range r = {0, 0};
    am_expert_rec x = {.id = id, .name = id, .level = AM_LEVEL_NATIONAL, .org = id,
                       .province = prov, .fields = fields, .n_fields = 1, .capacity = 2,
                       .leader_capacity = 1, .active = true};
    if (from) {
        r = (am_range){day(from), day(to)};
        x.unavailable = &r;
        x.n_unavailable = 1;
    }
    ck_assert_int_eq(am_instance_add_expert(inst, &x, &err), AM_OK);
}

static void add_county(am_instance *inst, const char *id, const char *prov, const am_range *bl,
                       int n_bl)
{
    am_error err = {0};
    static const am_industry_rec ind[] = {{"tea", 2}};
    am_county_rec c = {.id = id, .name = id, .province = prov, .industries = ind,
                       .n_industries = 1, .priority = 1, .blackout = bl, .n_blackout = n_bl};
    ck_assert_int_eq(am_instance_add_county(inst, &c, &err), AM_OK);
}

static am_instance *make_instance(void)
{
    am_instance *inst = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_instance_new(&inst, &err), AM_OK);
    am_province_rec p52 = {"52", "贵州省", AM_REGION_WEST, NULL, 0};
    am_province_rec p11 = {"11", "北京市", AM_REGION_EAST, NULL, 0};
    ck_assert_int_eq(am_instance_add_province(inst, &p52, &err), AM_OK);
    ck_assert_int_eq(am_instance_add_province(inst, &p11, &err), AM_OK);
    am_date hol[7];
    for (int i = 0; i < 7; i++)
        hol[i] = day("2026-10-01") + i;
    am_date work[] = {day("2026-09-27")};
    am_calendar_rec cal;
    am_calendar_rec_init(&cal);
    cal.year = 2026;
    cal.holidays = hol;
    cal.n_holidays = 7;
    cal.workdays = work;
    cal.n_workdays = 1;
    cal.max_per_province_per_day = 1;
    ck_assert_int_eq(am_instance_set_calendar(inst, &cal, &err), AM_OK);
    am_range bl = {day("2026-04-06"), day("2026-04-10")};
    add_county(inst, "520623", "52", &bl, 1);
    add_county(inst, "522301", "52", NULL, 0);
    add_county(inst, "110101", "11", NULL, 0);
    add_county(inst, "520624", "52", NULL, 0);
    add_expert(inst, "E1", "11", "2026-03-09", "2026-03-13");
    add_expert(inst, "E2", "11", "2026-05-04", "2026-05-08");
    add_expert(inst, "E3", "52", "2026-03-02", "2026-03-06");
    add_expert(inst, "E4", "11", NULL, NULL);
    add_expert(inst, "E5", "52", NULL, NULL);
    add_expert(inst, "E6", "11", NULL, NULL);
    add_expert(inst, "E7", "11", "2026-12-07", "2026-12-11");
    am_meeting_rec fm = {"110101", day("2026-02-07"), AM_MODE_VIDEO};
    ck_assert_int_eq(am_instance_add_meeting(inst, &fm, &err), AM_OK);
    am_diags *d = am_diags_new();
    ck_assert_int_eq(am_instance_freeze(inst, d, &err), AM_OK);
    ck_assert_int_eq(am_diags_n_errors(d), 0);
    am_diags_free(d);
    ck_assert(am_instance_calendar(inst)->present);
    return inst;
}

static void add_member(am_result *res, const am_instance *inst, const char *county,
                       const char *id, bool leader)
{
    am_error err = {0};
    int c = am_instance_find_county(inst, county), e = am_instance_find_expert(inst, id);
    ck_assert_int_ge(c, 0);
    ck_assert_int_ge(e, 0);
    am_member m = {e, id, leader ? AM_ROLE_LEADER : AM_ROLE_MEMBER, AM_CHANNEL_NATIONAL, 0};
    ck_assert_int_eq(am_result_add_member(res, c, &m, &err), AM_OK);
}

static am_result *make_groups(const am_instance *inst)
{
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_result_new(inst, &res, &err), AM_OK);
    add_member(res, inst, "520623", "E1", true);
    add_member(res, inst, "520623", "E2", false);
    add_member(res, inst, "520623", "E3", false);
    add_member(res, inst, "522301", "E4", true);
    add_member(res, inst, "522301", "E2", false);
    add_member(res, inst, "522301", "E5", false);
    add_member(res, inst, "110101", "E6", true);
    add_member(res, inst, "110101", "E7", false);
    am_result_finish(res);
    return res;
}

/* A meeting row: expert ids separated by commas; every absent expert gets `why`. */
typedef struct row {
    const char *county;
    int half;
    const char *date;
    const char *attending, *absent;
    bool fixed;
    am_mode mode;
    const char *why;
} row;

/* The correct schedule. Objective (L = 168, A = 169; timing H1 = Jun 30 - date, H2 = date -
 * Jul 1; the fixed meeting is worth 0):
 *   A H1 03-16 Mon: 169 x 3 + 106 = 613     A H2 11-02 Mon: 169 x 3 + 124 = 631
 *   B H1 03-23 Mon: 169 x 3 +  99 = 606     B H2 09-27 Sun (a working day): 507 + 88 = 595
 *   C H1 02-07 Sat: fixed, 0                C H2 12-01 Tue: 169 x 2 + 153 = 491
 *   total 2936; nothing missing (P = 1 + 6 x (169 x 3 + 168) = 4051 is not charged). */
#define N_ROWS 6
static const row base[N_ROWS] = {
    {"520623", 0, "2026-03-16", "E1,E2,E3", "", false, AM_MODE_ONSITE, NULL},
    {"520623", 1, "2026-11-02", "E1,E2,E3", "", false, AM_MODE_ONSITE, NULL},
    {"522301", 0, "2026-03-23", "E2,E4,E5", "", false, AM_MODE_VIDEO, NULL},
    {"522301", 1, "2026-09-27", "E2,E4,E5", "", false, AM_MODE_ONSITE, NULL},
    {"110101", 0, "2026-02-07", "E6,E7", "", true, AM_MODE_VIDEO, NULL},
    {"110101", 1, "2026-12-01", "E6,E7", "", false, AM_MODE_ONSITE, NULL},
};
#define OBJECTIVE 2936LL

static int ids(const am_instance *inst, const char *list, int *out)
{
    int n = 0;
    char buf[128];
    snprintf(buf, sizeof buf, "%s", list ? list : "");
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        out[n] = am_instance_find_expert(inst, t);
        ck_assert_int_ge(out[n], 0);
        n++;
    }
    return n;
}

typedef struct unsched {
    const char *county;
    int half, missing;
} unsched;

/* Findings of checking `rows` (and `un`) as text; the claimed objective is `claimed`, or the
 * recomputed one when `claimed` is AUTO (for tests of other rules). */
#define AUTO (-999999999LL)
static char *run(const am_instance *inst, const am_result *res, const row *rows, int n,
                 const unsched *un, int n_un, long long claimed, am_schedule_report *rep)
{
    am_schedule *s = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_schedule_new(inst, &s, &err), AM_OK);
    for (int i = 0; i < n; i++) {
        int att[8], abs_[8];
        const char *why[8];
        am_sched_meeting m = {.county = am_instance_find_county(inst, rows[i].county),
                              .half = rows[i].half,
                              .date = day(rows[i].date),
                              .mode = rows[i].mode,
                              .fixed = rows[i].fixed,
                              .attending = att,
                              .absent = abs_,
                              .absent_reason = why};
        m.n_attending = ids(inst, rows[i].attending, att);
        m.n_absent = ids(inst, rows[i].absent, abs_);
        for (int k = 0; k < m.n_absent; k++)
            why[k] = rows[i].why ? rows[i].why : "unavailable";
        ck_assert_int_eq(am_schedule_add_meeting(s, &m, &err), AM_OK);
    }
    for (int i = 0; i < n_un; i++)
        ck_assert_int_eq(am_schedule_add_unscheduled(s, am_instance_find_county(inst, un[i].county),
                                                     un[i].half, un[i].missing, "no free day",
                                                     &err),
                         AM_OK);
    am_schedule_finish(s);
    am_diags *d = NULL;
    for (int pass = 0; pass < 2; pass++) {
        am_schedule_set_outcome(s, AM_OUTCOME_OPTIMAL, claimed == AUTO ? 0 : claimed, false, 0, 0);
        if (pass == 1) {
            if (claimed != AUTO)
                break;
            am_schedule_set_outcome(s, AM_OUTCOME_OPTIMAL, rep->objective, false, 0, 0);
        }
        am_diags_free(d);
        d = am_diags_new();
        ck_assert_int_eq(am_schedule_check(inst, res, s, d, rep, &err), AM_OK);
        ck_assert_int_eq(am_diags_n_errors(d), rep->n_violations + rep->n_mismatches);
    }
    char *text = amt_diags_text(d);
    am_diags_free(d);
    am_schedule_free(s);
    return text;
}

typedef struct fixture {
    am_instance *inst;
    am_result *res;
    row rows[N_ROWS + 2];
    int n;
    am_schedule_report rep;
} fixture;

static void setup(fixture *f)
{
    f->inst = make_instance();
    f->res = make_groups(f->inst);
    memcpy(f->rows, base, sizeof base);
    f->n = N_ROWS;
}

static void teardown(fixture *f)
{
    am_result_free(f->res);
    am_instance_free(f->inst);
}

/* Check with the recomputed objective claimed and return the findings text. */
static char *check_rows(fixture *f, const unsched *un, int n_un)
{
    return run(f->inst, f->res, f->rows, f->n, un, n_un, AUTO, &f->rep);
}

/* Does `text` hold a finding "error: <record>: <field>: ...<needle>..."? */
static bool has(const char *text, const char *record, const char *field, const char *needle)
{
    char head[160];
    snprintf(head, sizeof head, "error: %s: %s: ", record, field);
    for (const char *p = strstr(text, head); p; p = strstr(p + 1, head)) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)len, p);
        if (!needle || strstr(line, needle))
            return true;
    }
    return false;
}

#define EXPECT(text, rec, field, needle)                                                          \
    ck_assert_msg(has((text), (rec), (field), (needle)), "expected %s/%s \"%s\" in:\n%s", (rec),  \
                  (field), (needle) ? (needle) : "", (text))

static int row_of(const fixture *f, const char *county, int half)
{
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->rows[i].county, county) == 0 && f->rows[i].half == half)
            return i;
    ck_abort_msg("no row");
    return -1;
}

static void drop_row(fixture *f, int i)
{
    memmove(&f->rows[i], &f->rows[i + 1], (size_t)(f->n - i - 1) * sizeof f->rows[0]);
    f->n--;
}

START_TEST(weights_follow_the_header_definition)
{
    fixture f;
    setup(&f);
    am_sched_weights w;
    am_sched_weights_compute(f.inst, f.res, &w);
    ck_assert_int_eq(w.L, 168);
    ck_assert_int_eq(w.A, 169);
    ck_assert_int_eq(w.P, 4051);
    teardown(&f);
}
END_TEST

START_TEST(correct_schedule_passes_with_the_hand_computed_objective)
{
    fixture f;
    setup(&f);
    char *text = run(f.inst, f.res, f.rows, f.n, NULL, 0, OBJECTIVE, &f.rep);
    ck_assert_str_eq(text, "");
    ck_assert_int_eq(f.rep.n_violations, 0);
    ck_assert_int_eq(f.rep.n_mismatches, 0);
    ck_assert_int_eq(f.rep.objective, OBJECTIVE);
    ck_assert_int_eq(f.rep.n_meetings, 6);
    ck_assert_int_eq(f.rep.n_missing, 0);
    free(text);
    teardown(&f);
}
END_TEST

START_TEST(weekend_holiday_and_exchanged_working_days)
{
    fixture f;
    setup(&f);
    f.rows[row_of(&f, "520623", 0)].date = "2026-03-14";
    f.rows[row_of(&f, "522301", 1)].date = "2026-10-05";
    f.rows[row_of(&f, "520623", 1)].date = "2026-09-20";
    char *text = check_rows(&f, NULL, 0);
    EXPECT(text, "county 520623", "workday",
           "meeting on 2026-03-14 (a Saturday) is not a working day");
    EXPECT(text, "county 522301", "workday", "meeting on 2026-10-05 (a holiday)");
    EXPECT(text, "county 520623", "workday", "2026-09-20 (a Sunday)");
    ck_assert_int_eq(f.rep.n_violations, 3);
    ck_assert_int_eq(f.rep.n_mismatches, 0);
    ck_assert_ptr_null(strstr(text, "2026-09-27")); /* Sunday, but an exchanged working day */
    free(text);
    teardown(&f);
}
END_TEST

START_TEST(outside_window_and_blackout)
{
    fixture f;
    setup(&f);
    f.rows[row_of(&f, "520623", 1)].date = "2026-12-16";
    f.rows[row_of(&f, "520623", 0)].date = "2026-04-08";
    char *text = check_rows(&f, NULL, 0);
    EXPECT(text, "county 520623", "window",
           "meeting on 2026-12-16 is outside the H2 window 2026-07-01..2026-12-15");
    EXPECT(text, "county 520623", "blackout", "2026-04-08 falls in the county's blackout");
    ck_assert_int_eq(f.rep.n_violations, 2);
    free(text);
    teardown(&f);
}
END_TEST

START_TEST(leader_unavailable)
{
    fixture f;
    setup(&f);
    row *r = &f.rows[row_of(&f, "520623", 0)];
    r->date = "2026-03-10";
    r->attending = "E2,E3";
    r->absent = "E1";
    char *text = check_rows(&f, NULL, 0);
    EXPECT(text, "county 520623", "leader", "leader E1 is unavailable on 2026-03-10");
    ck_assert_int_eq(f.rep.n_violations, 1);
    ck_assert_int_eq(f.rep.n_mismatches, 0);
    free(text);
    teardown(&f);
}
END_TEST

START_TEST(attendance_below_minimum)
{
    fixture f;
    setup(&f);
    row *r = &f.rows[row_of(&f, "110101", 1)];
    r->date = "2026-12-08";
    r->attending = "E6";
    r->absent = "E7";
    char *text = check_rows(&f, NULL, 0);
    EXPECT(text, "county 110101", "attendance",
           "2026-12-08 has 1 of 2 members available, 2 needed");
    ck_assert_int_eq(f.rep.n_violations, 1);
    free(text);
    teardown(&f);

    /* 2 of 3 available meets ceil(0.6 x 3) = 2 */
    setup(&f);
    r = &f.rows[row_of(&f, "520623", 0)];
    r->date = "2026-03-03";
    r->attending = "E1,E2";
    r->absent = "E3";
    text = check_rows(&f, NULL, 0);
    ck_assert_str_eq(text, "");
    free(text);
    teardown(&f);
}
END_TEST

START_TEST(attending_and_absent_lists)
{
    fixture f;
    setup(&f);
    row *r = &f.rows[row_of(&f, "520623", 0)];
    r->attending = "E1,E2"; /* E3 available but left out */
    r->absent = "E3";
    char *text = check_rows(&f, NULL, 0);
    EXPECT(text, "county 520623", "attending",
           "expert E3 is available on 2026-03-16 but not listed as attending");
    EXPECT(text, "county 520623", "absent", "expert E3 is listed as absent on 2026-03-16");
    ck_assert_int_eq(f.rep.n_violations, 0);
    ck_assert_int_gt(f.rep.n_mismatches, 0);
    free(text);
    teardown(&f);

    setup(&f);
    r = &f.rows[row_of(&f, "520623", 0)];
    r->date = "2026-03-03"; /* E3 unavailable, listed as attending; E5 not a member */
    r->attending = "E1,E2,E3,E5";
    r->absent = "";
    text = check_rows(&f, NULL, 0);
    EXPECT(text, "county 520623", "attending", "expert E3 is listed as attending on 2026-03-03");
    EXPECT(text, "county 520623", "attending", "expert E5 is listed as attending on 2026-03-03 "
           "but is not a member");
    EXPECT(text, "county 520623", "absent", "expert E3 is unavailable on 2026-03-03");
    free(text);
    teardown(&f);

    setup(&f);
    r = &f.rows[row_of(&f, "520623", 0)];
    r->date = "2026-03-03";
    r->attending = "E1,E2";
    r->absent = "E3";
    r->why = "";
    text = check_rows(&f, NULL, 0);
    EXPECT(text, "county 520623", "absent", "expert E3 is absent on 2026-03-03 without a reason");
    ck_assert_int_eq(f.rep.n_mismatches, 1);
    free(text);
    teardown(&f);
}
END_TEST

START_TEST(spacing_of_an_expert_in_two_groups)
{
    fixture f;
    setup(&f); /* 6 days apart */
    f.rows[row_of(&f, "520623", 0)].date = "2026-03-17";
    char *text = check_rows(&f, NULL, 0);
    EXPECT(text, "county 520623", "spacing",
           "expert E2 attends meetings of 520623 on 2026-03-17 and of 522301 on 2026-03-23, "
           "fewer than 7 days apart");
    ck_assert_int_eq(f.rep.n_violations, 1);
    free(text);
    teardown(&f);

    setup(&f); /* 7 days apart (the correct schedule): fine */
    text = check_rows(&f, NULL, 0);
    ck_assert_str_eq(text, "");
    free(text);
    teardown(&f);

    setup(&f); /* 5 days apart, but E2 is unavailable on the first: fine */
    row *a = &f.rows[row_of(&f, "520623", 0)], *b = &f.rows[row_of(&f, "522301", 0)];
    a->date = "2026-05-06";
    a->attending = "E1,E3";
    a->absent = "E2";
    b->date = "2026-05-11";
    text = check_rows(&f, NULL, 0);
    ck_assert_str_eq(text, "");
    free(text);
    teardown(&f);
}
END_TEST

START_TEST(province_cap_per_day)
{
    fixture f;
    setup(&f); /* A and B (both province 52) on the same day; cap 1 */
    f.rows[row_of(&f, "520623", 1)].date = "2026-11-02";
    row *b = &f.rows[row_of(&f, "522301", 1)];
    b->date = "2026-11-02";
    char *text = check_rows(&f, NULL, 0);
    EXPECT(text, "county 520623", "province_cap", "2 meetings in province 52 on 2026-11-02");
    free(text);
    teardown(&f);

    setup(&f); /* C (province 11) on the same day as A: fine */
    f.rows[row_of(&f, "110101", 1)].date = "2026-11-02";
    text = check_rows(&f, NULL, 0);
    ck_assert_str_eq(text, "");
    free(text);
    teardown(&f);
}
END_TEST

START_TEST(missing_meetings_and_unscheduled_entries)
{
    fixture f;
    setup(&f);
    drop_row(&f, row_of(&f, "110101", 1));
    char *text = check_rows(&f, NULL, 0);
    EXPECT(text, "county 110101", "count", "H2 has 0 of 1 meetings and no unscheduled entry");
    ck_assert_int_eq(f.rep.n_violations, 1);
    ck_assert_int_eq(f.rep.n_missing, 1);
    ck_assert_int_eq(f.rep.objective, OBJECTIVE - 491 - 4051);
    free(text);

    unsched ok = {"110101", 1, 1};
    text = check_rows(&f, &ok, 1);
    ck_assert_str_eq(text, "");
    free(text);

    unsched wrong[] = {{"110101", 1, 2}, {"520623", 0, 1}};
    text = check_rows(&f, wrong, 2);
    EXPECT(text, "county 110101", "count",
           "unscheduled entry for H2 says 2 missing; 1 is (0 of 1 scheduled)");
    EXPECT(text, "county 520623", "count", "unscheduled entry for H1 says 1 missing, but the group "
           "has 1 of 1 meetings");
    ck_assert_int_eq(f.rep.n_violations, 0);
    ck_assert_int_eq(f.rep.n_mismatches, 2);
    free(text);
    teardown(&f);
}
END_TEST

START_TEST(fixed_meetings)
{
    fixture f;
    setup(&f); /* moved to a Sunday: missing, and the moved one is held to every rule */
    f.rows[row_of(&f, "110101", 0)].date = "2026-02-08";
    char *text = check_rows(&f, NULL, 0);
    EXPECT(text, "county 110101", "fixed",
           "fixed meeting on 2026-02-07 (video) is missing from the schedule");
    EXPECT(text, "county 110101", "workday", "2026-02-08 (a Sunday)");
    ck_assert_int_eq(f.rep.n_violations, 2);
    free(text);
    teardown(&f);

    setup(&f); /* left out */
    drop_row(&f, row_of(&f, "110101", 0));
    unsched un = {"110101", 0, 1};
    text = check_rows(&f, &un, 1);
    EXPECT(text, "county 110101", "fixed", "fixed meeting on 2026-02-07 (video) is missing");
    ck_assert_int_eq(f.rep.n_violations, 1);
    free(text);
    teardown(&f);

    setup(&f); /* mode changed */
    f.rows[row_of(&f, "110101", 0)].mode = AM_MODE_ONSITE;
    text = check_rows(&f, NULL, 0);
    EXPECT(text, "county 110101", "fixed", "is video in the instance, onsite here");
    ck_assert_int_eq(f.rep.n_violations, 1);
    free(text);
    teardown(&f);
}
END_TEST

START_TEST(objective_mismatch)
{
    fixture f;
    setup(&f);
    char *text = run(f.inst, f.res, f.rows, f.n, NULL, 0, OBJECTIVE + 1, &f.rep);
    ck_assert_str_eq(text, "error: schedule: objective: claimed objective 2937, recomputed 2936\n");
    ck_assert_int_eq(f.rep.n_violations, 0);
    ck_assert_int_eq(f.rep.n_mismatches, 1);
    free(text);
    teardown(&f);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("schedule_check");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, weights_follow_the_header_definition);
    tcase_add_test(tc, correct_schedule_passes_with_the_hand_computed_objective);
    tcase_add_test(tc, weekend_holiday_and_exchanged_working_days);
    tcase_add_test(tc, outside_window_and_blackout);
    tcase_add_test(tc, leader_unavailable);
    tcase_add_test(tc, attendance_below_minimum);
    tcase_add_test(tc, attending_and_absent_lists);
    tcase_add_test(tc, spacing_of_an_expert_in_two_groups);
    tcase_add_test(tc, province_cap_per_day);
    tcase_add_test(tc, missing_meetings_and_unscheduled_entries);
    tcase_add_test(tc, fixed_meetings);
    tcase_add_test(tc, objective_mismatch);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
