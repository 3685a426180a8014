/* tests/unit/test_meetings.c: the meeting scheduler (am_meetings) on tiny instances built through
 * the builder API (amt_world_build, tests/support/am_test.h), each with the answer worked out by
 * hand in the comment above the test; a previous schedule kept; two runs alike.
 * Calendar of every test unless said otherwise: year 2026, no holiday, no exchanged working
 * day, H1 = 2026-02-02 (Mon)..2026-02-13 (Fri), H2 = 2026-09-21 (Mon)..2026-10-09 (Fri),
 * one meeting per half, cap 3 per province and day, min_attendance 0.6, plan early/late on.
 * Weights: L = 19 (H2), A = 20; a meeting is worth 20 x attending + timing, timing H1 =
 * 2026-02-13 - date, H2 = date - 2026-09-21. So H1 prefers its earliest working day, H2 its
 * latest, and one more attendee beats any timing. The schedule check runs inside am_meetings.
 * No calendar and random worlds are in test_meetings_property.c. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_meetings.h"
#include "advmatch/am_schedule_check.h"
#include "am_test.h"

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

static const amt_espec three[] = {{"E1", {0}}, {"E2", {0}}, {"E3", {0}}, {0}};
static const amt_cspec one_county[] = {{"520101", "52", {0}}, {0}};
static const char *const g_one[] = {"520101:E1*,E2,E3", NULL};

/* One rule-run: build, group, schedule, compare, free. */
static void run(const amt_world *w, const char *const *g, const char *const *meetings,
                const char *const *unscheduled, long long objective)
{
    am_instance *inst = amt_world_build(w);
    am_result *res = amt_world_groups(inst, g);
    am_schedule *s = amt_world_schedule(inst, res, NULL);
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
    amt_world w;
    amt_world_init(&w);
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
    amt_world w;
    amt_world_init(&w);
    w.holidays[0] = amt_date("2026-02-02");
    w.holidays[1] = amt_date("2026-10-09");
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
    amt_world w;
    amt_world_init(&w);
    w.cal.halves[1] = (am_range){amt_date("2026-09-14"), amt_date("2026-09-27")};
    w.workdays[0] = amt_date("2026-09-27");
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
    static const amt_cspec c[] = {{"520101", "52", {"2026-02-02..2026-02-04", "2026-10-05..2026-10-09"}},
                              {0}};
    amt_world w;
    amt_world_init(&w);
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
    static const amt_espec e[] = {{"E1", {"2026-02-02..2026-02-03", "2026-10-08..2026-10-09"}},
                              {"E2", {0}},
                              {"E3", {0}},
                              {0}};
    amt_world w;
    amt_world_init(&w);
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
    static const amt_espec e[] = {{"E1", {0}},
                              {"E2", {"2026-02-02..2026-02-13", "2026-09-21..2026-10-09"}},
                              {"E3", {"2026-02-02..2026-02-06", "2026-09-21..2026-10-09"}},
                              {"E4", {"2026-02-02..2026-02-06", "2026-09-21..2026-10-09"}},
                              {"E5", {0}},
                              {0}};
    static const char *const g[] = {"520101:E1*,E2,E3,E4,E5", NULL};
    amt_world w;
    amt_world_init(&w);
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
static const amt_espec shared_e[] = {{"E1", {0}}, {"E2", {0}}, {"E4", {0}}, {"E5", {0}},
                                 {"E6", {"2026-02-09..2026-02-13", "2026-09-21..2026-10-02"}},
                                 {"S", {0}}, {0}};
static const amt_cspec two_counties[] = {{"520101", "52", {0}}, {"520102", "52", {0}}, {0}};
static const char *const shared_g[] = {"520101:E1*,E2,S", "520102:E4*,E5,E6,S", NULL};

START_TEST(shared_expert)
{
    amt_world w;
    amt_world_init(&w);
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
    static const amt_espec e[] = {{"E1", {0}}, {"E2", {0}}, {"E3", {0}}, {"E4", {0}}, {"E5", {0}},
                              {"E6", {"2026-02-03..2026-02-03", "2026-10-08..2026-10-08"}},
                              {0}};
    static const char *const g[] = {"520101:E1*,E2,E3", "520102:E4*,E5,E6", NULL};
    amt_world w;
    amt_world_init(&w);
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
    amt_world w;
    amt_world_init(&w);
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
    static const amt_espec e[] = {{"E1", {"2026-02-02..2026-02-13"}}, {"E2", {0}}, {"E3", {0}}, {0}};
    amt_world w;
    amt_world_init(&w);
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
    static const amt_cspec c[] = {{"520101", "52", {0}}, {"530101", "53", {0}}, {0}};
    static const amt_espec e1[] = {{"E1", {0}}, {"E2", {0}}, {"E3", {0}}, {"E4", {0}},
                               {"E5", {0}}, {"E6", {0}}, {"E7", {0}}, {0}};
    static const amt_espec e2[] = {{"E1", {0}}, {"E2", {"2026-02-02..2026-02-02"}}, {"E3", {0}},
                               {"E4", {0}}, {"E5", {0}}, {"E6", {0}},
                               {"E7", {"2026-02-02..2026-02-02"}}, {0}};
    static const char *const g1[] = {"520101:E1*,E2,E3", "530101:E4*,E5,E6", NULL};
    static const char *const g2[] = {"520101:E1*,E2,E3", "530101:E4*,E5,E7", NULL};
    amt_world w;
    amt_world_init(&w);
    w.counties = c;
    w.experts = e1;
    am_instance *inst1 = amt_world_build(&w);
    am_result *res1 = amt_world_groups(inst1, g1);
    am_schedule *s1 = amt_world_schedule(inst1, res1, NULL);
    const char *const want1[] = {"520101:H1:2026-02-02:onsite:new", "520101:H2:2026-10-09:video:new",
                                 "530101:H1:2026-02-02:onsite:new", "530101:H2:2026-10-09:video:new",
                                 NULL};
    expect_meetings(s1, want1);

    w.experts = e2;
    am_instance *inst2 = amt_world_build(&w);
    am_result *res2 = amt_world_groups(inst2, g2);
    am_schedule *fresh = amt_world_schedule(inst2, res2, NULL);
    const char *const want_fresh[] = {"520101:H1:2026-02-03:onsite:new",
                                      "520101:H2:2026-10-09:video:new",
                                      "530101:H1:2026-02-03:onsite:new",
                                      "530101:H2:2026-10-09:video:new", NULL};
    expect_meetings(fresh, want_fresh);
    am_schedule *s2 = amt_world_schedule(inst2, res2, s1);
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
    amt_world w;
    amt_world_init(&w);
    w.counties = two_counties;
    w.experts = shared_e;
    am_instance *inst = amt_world_build(&w);
    am_result *res = amt_world_groups(inst, shared_g);
    am_schedule *a = amt_world_schedule(inst, res, NULL), *b = amt_world_schedule(inst, res, NULL);
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
