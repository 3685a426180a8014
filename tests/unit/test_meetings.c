/* tests/unit/test_meetings.c: the meeting scheduler (am_meetings) on tiny instances built through
 * the builder API, each with the answer worked out by hand in the comment above the test.
 * Calendar of every test unless said otherwise: year 2026, no holiday, no exchanged working
 * day, H1 = 2026-02-02 (Mon)..2026-02-13 (Fri), H2 = 2026-09-21 (Mon)..2026-10-09 (Fri),
 * one meeting per half, cap 3 per province and day, min_attendance 0.6, plan early/late on.
 * Weights: L = 19 (H2), A = 20; a meeting is worth 20 x attending + timing, timing H1 =
 * 2026-02-13 - date, H2 = date - 2026-09-21. So H1 prefers its earliest working day, H2 its
 * latest, and one more attendee beats any timing. The schedule check runs inside am_meetings. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_meetings.h"
#include "advmatch/am_schedule_check.h"
#include "am_test.h"

static am_date D(const char *s)
{
    am_date d;
    ck_assert_msg(am_date_parse(s, &d), "bad date %s", s);
    return d;
}

/* ---- a tiny world: counties and experts from short specs, then groups ---- */
typedef struct cspec {
    const char *id, *province;
    const char *blackout[4]; /* "from..to" */
} cspec;
typedef struct espec {
    const char *id;
    const char *unavailable[4]; /* "from..to" */
} espec;
typedef struct world {
    am_calendar_rec cal;
    am_date holidays[4], workdays[4];
    const cspec *counties;
    const espec *experts;
    const char *meetings[4]; /* fixed: "county:date:mode" */
} world;

static void init_world(world *w)
{
    memset(w, 0, sizeof *w);
    am_calendar_rec_init(&w->cal);
    w->cal.year = 2026;
    w->cal.holidays = w->holidays;
    w->cal.workdays = w->workdays;
    w->cal.n_holidays = 0; /* explicit empty lists, not the shipped 2026 ones */
    w->cal.n_workdays = 0;
    w->cal.halves[0] = (am_range){D("2026-02-02"), D("2026-02-13")};
    w->cal.halves[1] = (am_range){D("2026-09-21"), D("2026-10-09")};
}

static int parse_ranges(const char *const *spec, int max, am_range *out)
{
    int n = 0;
    for (; n < max && spec[n]; n++) {
        char a[11], b[11];
        ck_assert(strlen(spec[n]) == 22);
        memcpy(a, spec[n], 10);
        a[10] = 0;
        memcpy(b, spec[n] + 12, 10);
        b[10] = 0;
        out[n] = (am_range){D(a), D(b)};
    }
    return n;
}

static am_instance *build(const world *w)
{
    am_instance *inst = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_instance_new(&inst, &err), AM_OK);
    const char *codes[] = {"52", "53"};
    for (int i = 0; i < 2; i++) {
        am_province_rec p = {.code = codes[i], .name = codes[i], .region = AM_REGION_WEST};
        ck_assert_int_eq(am_instance_add_province(inst, &p, &err), AM_OK);
    }
    for (const cspec *c = w->counties; c->id; c++) {
        am_range bl[4];
        am_county_rec r = {.id = c->id, .name = c->id, .province = c->province, .priority = 1,
                           .blackout = bl, .n_blackout = parse_ranges(c->blackout, 4, bl)};
        ck_assert_int_eq(am_instance_add_county(inst, &r, &err), AM_OK);
    }
    for (const espec *e = w->experts; e->id; e++) {
        am_range un[4];
        am_expert_rec r = {.id = e->id, .name = e->id, .level = AM_LEVEL_NATIONAL, .org = e->id,
                           .province = "52", .capacity = 5, .leader_capacity = 5, .active = true,
                           .unavailable = un, .n_unavailable = parse_ranges(e->unavailable, 4, un)};
        ck_assert_int_eq(am_instance_add_expert(inst, &r, &err), AM_OK);
    }
    ck_assert_int_eq(am_instance_set_calendar(inst, &w->cal, &err), AM_OK);
    for (int i = 0; i < 4 && w->meetings[i]; i++) {
        char county[32], day[11], mode[16];
        ck_assert_int_eq(sscanf(w->meetings[i], "%31[^:]:%10[^:]:%15s", county, day, mode), 3);
        am_meeting_rec r = {.county = county, .date = D(day), .mode = am_mode_parse(mode)};
        ck_assert_int_eq(am_instance_add_meeting(inst, &r, &err), AM_OK);
    }
    am_diags *d = am_diags_new();
    ck_assert_int_eq(am_instance_freeze(inst, d, &err), AM_OK);
    char *text = amt_diags_text(d);
    ck_assert_msg(am_diags_n_errors(d) == 0, "%s", text);
    free(text);
    am_diags_free(d);
    return inst;
}

/* groups: "county:E1*,E2,E3" (the starred expert leads); NULL-terminated. */
static am_result *groups(const am_instance *inst, const char *const *spec)
{
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_result_new(inst, &res, &err), AM_OK);
    for (; *spec; spec++) {
        char buf[256];
        snprintf(buf, sizeof buf, "%s", *spec);
        char *colon = strchr(buf, ':');
        ck_assert_ptr_nonnull(colon);
        *colon = 0;
        int c = am_instance_find_county(inst, buf);
        ck_assert_int_ge(c, 0);
        for (char *tok = strtok(colon + 1, ","); tok; tok = strtok(NULL, ",")) {
            size_t n = strlen(tok);
            bool lead = tok[n - 1] == '*';
            if (lead)
                tok[n - 1] = 0;
            int e = am_instance_find_expert(inst, tok);
            ck_assert_int_ge(e, 0);
            am_member m = {.expert = e, .expert_id = tok,
                           .role = lead ? AM_ROLE_LEADER : AM_ROLE_MEMBER,
                           .channel = AM_CHANNEL_NATIONAL};
            ck_assert_int_eq(am_result_add_member(res, c, &m, &err), AM_OK);
        }
    }
    am_result_finish(res);
    return res;
}

static am_schedule *schedule(const am_instance *inst, const am_result *res, const am_schedule *prev)
{
    am_match_params p;
    am_match_params_init(&p);
    am_schedule *s = NULL;
    am_error err = {0};
    am_status st = am_meetings(inst, res, prev, &p, &s, &err);
    ck_assert_msg(st == AM_OK, "am_meetings: %s: %s %s", am_status_name(st), err.record, err.message);
    ck_assert_int_eq(am_schedule_outcome(s), AM_OUTCOME_OPTIMAL);
    ck_assert_double_eq_tol(am_schedule_bound(s), (double)am_schedule_objective(s), 1e-6);
    return s;
}

/* Meetings as "county:H1:date:mode:new|fixed[:-absent...]", in schedule order. */
static void expect_meetings(const am_schedule *s, const char *const *want)
{
    const am_instance *inst = am_schedule_instance(s);
    int i = 0;
    for (; want[i]; i++) {
        ck_assert_msg(i < am_schedule_n_meetings(s), "meeting %s missing", want[i]);
        const am_sched_meeting *m = am_schedule_meeting(s, i);
        char got[256], day[11];
        int n = snprintf(got, sizeof got, "%s:H%d:%s:%s:%s", am_instance_county(inst, m->county)->id,
                         m->half + 1, am_date_format(m->date, day), am_mode_name(m->mode),
                         m->fixed ? "fixed" : "new");
        for (int k = 0; k < m->n_absent; k++)
            n += snprintf(got + n, sizeof got - (size_t)n, ":-%s",
                          am_instance_expert(inst, m->absent[k])->id);
        ck_assert_str_eq(got, want[i]);
    }
    ck_assert_int_eq(am_schedule_n_meetings(s), i);
}

static void expect_unscheduled(const am_schedule *s, const char *const *want)
{
    const am_instance *inst = am_schedule_instance(s);
    int i = 0;
    for (; want[i]; i++) {
        ck_assert_msg(i < am_schedule_n_unscheduled(s), "unscheduled %s missing", want[i]);
        const am_sched_unscheduled *u = am_schedule_unscheduled(s, i);
        char got[512];
        snprintf(got, sizeof got, "%s:H%d:%d:%s", am_instance_county(inst, u->county)->id,
                 u->half + 1, u->missing, u->reason);
        ck_assert_str_eq(got, want[i]);
    }
    ck_assert_int_eq(am_schedule_n_unscheduled(s), i);
}

static const espec three[] = {{"E1", {0}}, {"E2", {0}}, {"E3", {0}}, {0}};
static const cspec one_county[] = {{"520101", "52", {0}}, {0}};
static const char *const g_one[] = {"520101:E1*,E2,E3", NULL};

/* One rule-run: build, group, schedule, compare, free. */
static void run(const world *w, const char *const *g, const char *const *meetings,
                const char *const *unscheduled, long long objective)
{
    am_instance *inst = build(w);
    am_result *res = groups(inst, g);
    am_schedule *s = schedule(inst, res, NULL);
    expect_meetings(s, meetings);
    expect_unscheduled(s, unscheduled);
    if (objective != -1)
        ck_assert_int_eq(am_schedule_objective(s), objective);
    am_schedule_free(s);
    am_result_free(res);
    am_instance_free(inst);
}

static const char *const none[] = {NULL};

/* Plain: everyone always available. H1 on its first working day 02-02 (20 x 3 + 11 = 71),
 * H2 on its last 10-09 (60 + 18 = 78); H1 onsite, H2 by video. Objective 149. */
START_TEST(plain)
{
    world w;
    init_world(&w);
    w.counties = one_county;
    w.experts = three;
    const char *const want[] = {"520101:H1:2026-02-02:onsite:new", "520101:H2:2026-10-09:video:new",
                                NULL};
    run(&w, g_one, want, none, 149);
}
END_TEST

/* Holidays on both best days (02-02, 10-09): the next best are 02-03 (60 + 10) and 10-08
 * (60 + 17). Objective 147. */
START_TEST(holiday)
{
    world w;
    init_world(&w);
    w.holidays[0] = D("2026-02-02");
    w.holidays[1] = D("2026-10-09");
    w.cal.n_holidays = 2;
    w.counties = one_county;
    w.experts = three;
    const char *const want[] = {"520101:H1:2026-02-03:onsite:new", "520101:H2:2026-10-08:video:new",
                                NULL};
    run(&w, g_one, want, none, 147);
}
END_TEST

/* An exchanged working day: H2 = 2026-09-14..2026-09-27 and Sunday 09-27 is a working day, so
 * it is H2's latest working day. L = 14 (H2), A = 15: H1 02-02 (45 + 11), H2 09-27 (45 + 13).
 * Objective 114. */
START_TEST(exchanged_workday)
{
    world w;
    init_world(&w);
    w.cal.halves[1] = (am_range){D("2026-09-14"), D("2026-09-27")};
    w.workdays[0] = D("2026-09-27");
    w.cal.n_workdays = 1;
    w.counties = one_county;
    w.experts = three;
    const char *const want[] = {"520101:H1:2026-02-02:onsite:new", "520101:H2:2026-09-27:video:new",
                                NULL};
    run(&w, g_one, want, none, 114);
}
END_TEST

/* County blackout 02-02..02-04 and 10-05..10-09: H1 on Thursday 02-05 (60 + 8), H2 on Friday
 * 10-02 (60 + 11). Objective 139. */
START_TEST(blackout)
{
    static const cspec c[] = {{"520101", "52", {"2026-02-02..2026-02-04", "2026-10-05..2026-10-09"}},
                              {0}};
    world w;
    init_world(&w);
    w.counties = c;
    w.experts = three;
    const char *const want[] = {"520101:H1:2026-02-05:onsite:new", "520101:H2:2026-10-02:video:new",
                                NULL};
    run(&w, g_one, want, none, 139);
}
END_TEST

/* Leader E1 unavailable 02-02..02-03 and 10-08..10-09 (two of three members would still be
 * enough, but the leader must be there): H1 02-04 (60 + 9), H2 10-07 (60 + 16). Objective 145. */
START_TEST(leader_unavailable)
{
    static const espec e[] = {{"E1", {"2026-02-02..2026-02-03", "2026-10-08..2026-10-09"}},
                              {"E2", {0}},
                              {"E3", {0}},
                              {0}};
    world w;
    init_world(&w);
    w.counties = one_county;
    w.experts = e;
    const char *const want[] = {"520101:H1:2026-02-04:onsite:new", "520101:H2:2026-10-07:video:new",
                                NULL};
    run(&w, g_one, want, none, 145);
}
END_TEST

/* Attendance: 5 members, 0.6 x 5 = 3 needed. E2 is away all of H1, E3 and E4 02-02..02-06: on
 * 02-02..02-06 only E1 and E5 are there (2 < 3), so H1 is on Monday 02-09 with 4 of 5
 * (80 + 4), E2 absent. In H2 E2, E3, E4 are away the whole window: every day has 2 of 5, so
 * H2 is unscheduled. S = 5, N = 2, P = 1 + 2 x (20 x 5 + 19) = 239. Objective 84 - 239. */
START_TEST(attendance)
{
    static const espec e[] = {{"E1", {0}},
                              {"E2", {"2026-02-02..2026-02-13", "2026-09-21..2026-10-09"}},
                              {"E3", {"2026-02-02..2026-02-06", "2026-09-21..2026-10-09"}},
                              {"E4", {"2026-02-02..2026-02-06", "2026-09-21..2026-10-09"}},
                              {"E5", {0}},
                              {0}};
    static const char *const g[] = {"520101:E1*,E2,E3,E4,E5", NULL};
    world w;
    init_world(&w);
    w.counties = one_county;
    w.experts = e;
    const char *const want[] = {"520101:H1:2026-02-09:onsite:new:-E2", NULL};
    const char *const un[] = {"520101:H2:1:on every remaining day of H2 (2026-09-21..2026-10-09) "
                              "fewer than 3 of 5 members are available",
                              NULL};
    run(&w, g, want, un, 84 - 239);
}
END_TEST

/* Shared expert S in 520101 (E1*, E2, S) and 520102 (E4*, E5, E6, S): both want 02-02 and
 * 10-09, but S may not attend two meetings of different groups fewer than 7 days apart. E6 is
 * away 02-09..02-13 and 09-21..10-02, so moving 520102 would cost an attendee (20), moving
 * 520101 only timing (7): 520102 keeps 02-02 and 10-09, 520101 goes to 02-09 (60 + 4) and
 * 10-02 (60 + 11). Objective 135 + (80 + 11) + (80 + 18) = 324. */
static const espec shared_e[] = {{"E1", {0}}, {"E2", {0}}, {"E4", {0}}, {"E5", {0}},
                                 {"E6", {"2026-02-09..2026-02-13", "2026-09-21..2026-10-02"}},
                                 {"S", {0}}, {0}};
static const cspec two_counties[] = {{"520101", "52", {0}}, {"520102", "52", {0}}, {0}};
static const char *const shared_g[] = {"520101:E1*,E2,S", "520102:E4*,E5,E6,S", NULL};

START_TEST(shared_expert)
{
    world w;
    init_world(&w);
    w.counties = two_counties;
    w.experts = shared_e;
    const char *const want[] = {"520101:H1:2026-02-09:onsite:new", "520101:H2:2026-10-02:video:new",
                                "520102:H1:2026-02-02:onsite:new", "520102:H2:2026-10-09:video:new",
                                NULL};
    run(&w, shared_g, want, none, 324);
}
END_TEST

/* Province cap 1, two groups of province 52 without shared members: only one meets per day.
 * E6 (of 520102) is away on 02-03 and on 10-08, so 520102 keeps 02-02 and 10-09 and 520101
 * takes the next days 02-03 (60 + 10) and 10-08 (60 + 17); the other way round would cost
 * 520102 two days of timing. Objective 147 + 149 = 296. */
START_TEST(province_cap)
{
    static const espec e[] = {{"E1", {0}}, {"E2", {0}}, {"E3", {0}}, {"E4", {0}}, {"E5", {0}},
                              {"E6", {"2026-02-03..2026-02-03", "2026-10-08..2026-10-08"}},
                              {0}};
    static const char *const g[] = {"520101:E1*,E2,E3", "520102:E4*,E5,E6", NULL};
    world w;
    init_world(&w);
    w.cal.max_per_province_per_day = 1;
    w.counties = two_counties;
    w.experts = e;
    const char *const want[] = {"520101:H1:2026-02-03:onsite:new", "520101:H2:2026-10-08:video:new",
                                "520102:H1:2026-02-02:onsite:new", "520102:H2:2026-10-09:video:new",
                                NULL};
    run(&w, g, want, none, 296);
}
END_TEST

/* A fixed meeting on 02-05 already holds H1: no new H1 meeting; H2 on 10-09 (78). The fixed
 * meeting is in the schedule, marked fixed, and worth 0. Objective 78. */
START_TEST(fixed_meeting)
{
    world w;
    init_world(&w);
    w.counties = one_county;
    w.experts = three;
    w.meetings[0] = "520101:2026-02-05:onsite";
    const char *const want[] = {"520101:H1:2026-02-05:onsite:fixed", "520101:H2:2026-10-09:video:new",
                                NULL};
    run(&w, g_one, want, none, 78);
}
END_TEST

/* Impossible half: leader E1 away the whole H1 window: H1 unscheduled with the reason naming
 * the leader; H2 still on 10-09 (78). P = 1 + 2 x (20 x 3 + 19) = 159. Objective 78 - 159. */
START_TEST(impossible_half)
{
    static const espec e[] = {{"E1", {"2026-02-02..2026-02-13"}}, {"E2", {0}}, {"E3", {0}}, {0}};
    world w;
    init_world(&w);
    w.counties = one_county;
    w.experts = e;
    const char *const want[] = {"520101:H2:2026-10-09:video:new", NULL};
    const char *const un[] = {"520101:H1:1:leader E1 is unavailable on every working day of H1 "
                              "(2026-02-02..2026-02-13) outside the blackout",
                              NULL};
    run(&w, g_one, want, un, 78 - 159);
}
END_TEST

/* previous: a first schedule of 520101 (E1*, E2, E3) and 530101 (E4*, E5, E6) puts both on
 * 02-02 and 10-09. Then E2 and E7 become unavailable on 02-02 and 530101's group changes to
 * (E4*, E5, E7). 520101 is unchanged: its meetings are kept (fixed, worth 0) although afresh
 * it would now move to 02-03 (E2 absent on 02-02 but 2 of 3 is enough); 530101 is planned
 * afresh: 02-03 (60 + 10) because E7 is away on 02-02, and 10-09 (60 + 18). Objective 148. */
START_TEST(previous_kept)
{
    static const cspec c[] = {{"520101", "52", {0}}, {"530101", "53", {0}}, {0}};
    static const espec e1[] = {{"E1", {0}}, {"E2", {0}}, {"E3", {0}}, {"E4", {0}},
                               {"E5", {0}}, {"E6", {0}}, {"E7", {0}}, {0}};
    static const espec e2[] = {{"E1", {0}}, {"E2", {"2026-02-02..2026-02-02"}}, {"E3", {0}},
                               {"E4", {0}}, {"E5", {0}}, {"E6", {0}},
                               {"E7", {"2026-02-02..2026-02-02"}}, {0}};
    static const char *const g1[] = {"520101:E1*,E2,E3", "530101:E4*,E5,E6", NULL};
    static const char *const g2[] = {"520101:E1*,E2,E3", "530101:E4*,E5,E7", NULL};
    world w;
    init_world(&w);
    w.counties = c;
    w.experts = e1;
    am_instance *inst1 = build(&w);
    am_result *res1 = groups(inst1, g1);
    am_schedule *s1 = schedule(inst1, res1, NULL);
    const char *const want1[] = {"520101:H1:2026-02-02:onsite:new", "520101:H2:2026-10-09:video:new",
                                 "530101:H1:2026-02-02:onsite:new", "530101:H2:2026-10-09:video:new",
                                 NULL};
    expect_meetings(s1, want1);

    w.experts = e2;
    am_instance *inst2 = build(&w);
    am_result *res2 = groups(inst2, g2);
    am_schedule *fresh = schedule(inst2, res2, NULL);
    const char *const want_fresh[] = {"520101:H1:2026-02-03:onsite:new",
                                      "520101:H2:2026-10-09:video:new",
                                      "530101:H1:2026-02-03:onsite:new",
                                      "530101:H2:2026-10-09:video:new", NULL};
    expect_meetings(fresh, want_fresh);
    am_schedule *s2 = schedule(inst2, res2, s1);
    const char *const want2[] = {"520101:H1:2026-02-02:onsite:fixed:-E2",
                                 "520101:H2:2026-10-09:video:fixed",
                                 "530101:H1:2026-02-03:onsite:new",
                                 "530101:H2:2026-10-09:video:new", NULL};
    expect_meetings(s2, want2);
    expect_unscheduled(s2, none);
    ck_assert_int_eq(am_schedule_objective(s2), 148);
    am_schedule_free(s2);
    am_schedule_free(fresh);
    am_result_free(res2);
    am_instance_free(inst2);
    am_schedule_free(s1);
    am_result_free(res1);
    am_instance_free(inst1);
}
END_TEST

/* Two runs on the same input give the same meetings, attendance included. */
START_TEST(deterministic)
{
    world w;
    init_world(&w);
    w.counties = two_counties;
    w.experts = shared_e;
    am_instance *inst = build(&w);
    am_result *res = groups(inst, shared_g);
    am_schedule *a = schedule(inst, res, NULL), *b = schedule(inst, res, NULL);
    ck_assert_int_eq(am_schedule_n_meetings(a), am_schedule_n_meetings(b));
    for (int i = 0; i < am_schedule_n_meetings(a); i++) {
        const am_sched_meeting *x = am_schedule_meeting(a, i), *y = am_schedule_meeting(b, i);
        ck_assert(x->county == y->county && x->half == y->half && x->date == y->date &&
                  x->mode == y->mode && x->fixed == y->fixed);
        ck_assert_int_eq(x->n_attending, y->n_attending);
        ck_assert_int_eq(x->n_absent, y->n_absent);
        for (int k = 0; k < x->n_attending; k++)
            ck_assert_int_eq(x->attending[k], y->attending[k]);
    }
    ck_assert_int_eq(am_schedule_objective(a), am_schedule_objective(b));
    am_schedule_free(a);
    am_schedule_free(b);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

/* No calendar: AM_EINPUT with the hint. */
START_TEST(no_calendar)
{
    am_instance *inst = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_instance_new(&inst, &err), AM_OK);
    am_diags *d = am_diags_new();
    ck_assert_int_eq(am_instance_freeze(inst, d, &err), AM_OK);
    am_diags_free(d);
    am_result *res = NULL;
    ck_assert_int_eq(am_result_new(inst, &res, &err), AM_OK);
    am_result_finish(res);
    am_match_params p;
    am_match_params_init(&p);
    am_schedule *s = NULL;
    ck_assert_int_eq(am_meetings(inst, res, NULL, &p, &s, &err), AM_EINPUT);
    ck_assert_ptr_null(s);
    ck_assert_ptr_nonnull(strstr(err.message, "\"calendar\": {\"year\": 2026}"));
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

/* Property: random small worlds (6 counties in 2 provinces, 10 experts shared between groups,
 * random absences and blackouts, cap 1..2, 1..2 meetings per half, sometimes a fixed meeting)
 * always give an optimal schedule that passes the independent check (run by am_meetings), with
 * every non-fixed meeting on a working day of its half and no more than the half needs. */
static void random_range(const am_calendar_rec *cal, char *buf)
{
    const am_range *w = &cal->halves[rand() % 2];
    am_date from = w->from + rand() % (w->to - w->from + 1);
    am_date to = from + rand() % 8;
    if (to > w->to)
        to = w->to;
    char a[11], b[11];
    snprintf(buf, 24, "%s..%s", am_date_format(from, a), am_date_format(to, b));
}

START_TEST(property)
{
    srand(4242u + (unsigned)_i);
    static char cid[6][8], eid[10][8], ranges[40][24], gspec[6][64], fixed[32];
    int nr = 0;
    world w;
    init_world(&w);
    w.cal.max_per_province_per_day = 1 + rand() % 2;
    w.cal.meetings_per_half = 1 + rand() % 2;
    w.cal.min_attendance = rand() % 2 ? 0.6 : 0.5;
    cspec cs[7];
    espec es[11];
    memset(cs, 0, sizeof cs);
    memset(es, 0, sizeof es);
    for (int c = 0; c < 6; c++) {
        snprintf(cid[c], sizeof cid[c], "%s01%02d", c % 2 ? "53" : "52", c);
        cs[c].id = cid[c];
        cs[c].province = c % 2 ? "53" : "52";
        if (rand() % 3 == 0) {
            random_range(&w.cal, ranges[nr]);
            cs[c].blackout[0] = ranges[nr++];
        }
    }
    for (int e = 0; e < 10; e++) {
        snprintf(eid[e], sizeof eid[e], "E%02d", e);
        es[e].id = eid[e];
        for (int k = rand() % 3; k > 0; k--) {
            random_range(&w.cal, ranges[nr]);
            es[e].unavailable[2 - k] = ranges[nr++];
        }
    }
    w.counties = cs;
    w.experts = es;
    if (rand() % 3 == 0) {
        char day[11];
        snprintf(fixed, sizeof fixed, "%s:%s:onsite", cid[0],
                 am_date_format(w.cal.halves[0].from + rand() % 12, day));
        w.meetings[0] = fixed;
    }
    const char *g[7] = {0};
    for (int c = 0; c < 6; c++) {
        int pick[3], n = 0;
        while (n < 3) {
            int e = rand() % 10;
            bool dup = false;
            for (int k = 0; k < n; k++)
                dup |= pick[k] == e;
            if (!dup)
                pick[n++] = e;
        }
        snprintf(gspec[c], sizeof gspec[c], "%s:%s*,%s,%s", cid[c], eid[pick[0]], eid[pick[1]],
                 eid[pick[2]]);
        g[c] = gspec[c];
    }
    am_instance *inst = build(&w);
    am_result *res = groups(inst, g);
    am_schedule *s = schedule(inst, res, NULL);
    const am_calendar *cal = am_instance_calendar(inst);
    int count[6][2] = {{0}};
    for (int i = 0; i < am_schedule_n_meetings(s); i++) {
        const am_sched_meeting *m = am_schedule_meeting(s, i);
        count[m->county][m->half]++;
        if (m->fixed)
            continue;
        ck_assert(am_calendar_is_workday(cal, m->date));
        ck_assert_int_eq(am_calendar_half_of(cal, m->date), m->half);
    }
    for (int c = 0; c < 6; c++)
        for (int h = 0; h < 2; h++)
            ck_assert_int_le(count[c][h], cal->meetings_per_half);
    am_schedule_free(s);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

static Suite *meetings_suite(void)
{
    Suite *s = suite_create("meetings");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, plain);
    tcase_add_test(tc, holiday);
    tcase_add_test(tc, exchanged_workday);
    tcase_add_test(tc, blackout);
    tcase_add_test(tc, leader_unavailable);
    tcase_add_test(tc, attendance);
    tcase_add_test(tc, shared_expert);
    tcase_add_test(tc, province_cap);
    tcase_add_test(tc, fixed_meeting);
    tcase_add_test(tc, impossible_half);
    tcase_add_test(tc, previous_kept);
    tcase_add_test(tc, deterministic);
    tcase_add_test(tc, no_calendar);
    tcase_add_loop_test(tc, property, 0, 40);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(meetings_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
