/* tests/support/amt_world.c: the meeting scheduler tests' tiny worlds: an instance, its groups
 * and a schedule from short specs (declared in am_test.h). */
#include "am_test.h"

#include "advmatch/am_meetings.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the meeting scheduler's tiny worlds (declared in am_test.h) ---- */
am_date amt_date(const char *s)
{
    am_date d;
    ck_assert_msg(am_date_parse(s, &d), "bad date %s", s);
    return d;
}

void amt_world_init(amt_world *w)
{
    memset(w, 0, sizeof *w);
    am_calendar_rec_init(&w->cal);
    w->cal.year = 2026;
    w->cal.holidays = w->holidays;
    w->cal.workdays = w->workdays;
    w->cal.n_holidays = 0; /* explicit empty lists, not the shipped 2026 ones */
    w->cal.n_workdays = 0;
    w->cal.halves[0] = (am_range){amt_date("2026-02-02"), amt_date("2026-02-13")};
    w->cal.halves[1] = (am_range){amt_date("2026-09-21"), amt_date("2026-10-09")};
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
        out[n] = (am_range){amt_date(a), amt_date(b)};
    }
    return n;
}

am_instance *amt_world_build(const amt_world *w)
{
    am_instance *inst = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_instance_new(&inst, &err), AM_OK);
    const char *codes[] = {"52", "53"};
    for (int i = 0; i < 2; i++) {
        am_province_rec p = {.code = codes[i], .name = codes[i], .region = AM_REGION_WEST};
        ck_assert_int_eq(am_instance_add_province(inst, &p, &err), AM_OK);
    }
    for (const amt_cspec *c = w->counties; c->id; c++) {
        am_range bl[4];
        am_county_rec r = {.id = c->id, .name = c->id, .province = c->province, .priority = 1,
                           .blackout = bl, .n_blackout = parse_ranges(c->blackout, 4, bl)};
        ck_assert_int_eq(am_instance_add_county(inst, &r, &err), AM_OK);
    }
    for (const amt_espec *e = w->experts; e->id; e++) {
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
        am_meeting_rec r = {.county = county, .date = amt_date(day),
                            .mode = am_mode_parse(mode)};
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

am_result *amt_world_groups(const am_instance *inst, const char *const *spec)
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

am_schedule *amt_world_schedule(const am_instance *inst, const am_result *res,
                                const am_schedule *prev)
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
