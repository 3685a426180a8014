/* tests/unit/test_meetings_property.c: the meeting scheduler (am_meetings) on inputs not
 * worked out by hand: no calendar at all (AM_EINPUT with the hint), and random small worlds
 * built through amt_world_build (tests/support/am_test.h) on its 2026 calendar, each of which
 * must give an optimal schedule that passes the independent check. The hand-worked schedules
 * are in test_meetings.c. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_meetings.h"
#include "advmatch/am_schedule_check.h"
#include "am_test.h"

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
    amt_world w;
    amt_world_init(&w);
    w.cal.max_per_province_per_day = 1 + rand() % 2;
    w.cal.meetings_per_half = 1 + rand() % 2;
    w.cal.min_attendance = rand() % 2 ? 0.6 : 0.5;
    amt_cspec cs[7];
    amt_espec es[11];
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
    am_instance *inst = amt_world_build(&w);
    am_result *res = amt_world_groups(inst, g);
    am_schedule *s = amt_world_schedule(inst, res, NULL);
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

static Suite *meetings_property_suite(void)
{
    Suite *s = suite_create("meetings_property");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, no_calendar);
    tcase_add_loop_test(tc, property, 0, 40);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(meetings_property_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
