/* models/meet_extract.c: reads a solution of the meeting model back into a schedule: each chosen
 * day and each fixed meeting with who attends and who is absent (and why), each (group, half)
 * left short with a reason derived from the data that a coordinator can act on, and the
 * objective recomputed from the meetings (docs/formulation.md, "Meetings"). */
#include <stdio.h>

#include "meet_model.h"

/* An unscheduled entry "the county has no group yet" per half of a county without members:
 * the schedule checker (engine/am_schedule_check_year.c, sc_check_counts) counts such an entry
 * as a mismatch, so it stays off until the two agree (docs/formulation.md, "Meetings"). */
static const bool report_groupless = false;

static const char *half_name(int h) { return h == 0 ? "H1" : "H2"; }

/* Add the meeting of c on d: attending = members available, absent = the rest, each with the
 * unavailability range that covers d. */
static am_status add_meeting(const meet_model *m, am_schedule *s, int c, int h, am_date d,
                             am_mode mode, bool fixed, int *n_attending, am_error *err)
{
    int n = m->n_members[c];
    int *att = AM_ARENA_ARRAY(m->arena, int, n + 1), *abs_ = AM_ARENA_ARRAY(m->arena, int, n + 1);
    const char **why = AM_ARENA_ARRAY(m->arena, const char *, n + 1);
    if (!att || !abs_ || !why)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory writing the schedule");
    int na = 0, nb = 0;
    for (int i = 0; i < n; i++) {
        int e = m->members[c][i];
        const am_expert *x = am_instance_expert(m->inst, e);
        const am_range *r = NULL;
        for (int k = 0; k < x->n_unavailable && !r; k++)
            if (d >= x->unavailable[k].from && d <= x->unavailable[k].to)
                r = &x->unavailable[k];
        if (!r) {
            att[na++] = e;
            continue;
        }
        char a[16], b[16], line[64];
        snprintf(line, sizeof line, "unavailable %s..%s", am_date_format(r->from, a),
                 am_date_format(r->to, b));
        why[nb] = am_arena_strdup(m->arena, line);
        if (!why[nb])
            return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory writing the schedule");
        abs_[nb++] = e;
    }
    am_sched_meeting mt = {.county = c, .half = h, .date = d, .mode = mode, .fixed = fixed,
                           .attending = att, .n_attending = na, .absent = abs_,
                           .absent_reason = (const char *const *)why, .n_absent = nb};
    *n_attending = na;
    return am_schedule_add_meeting(s, &mt, err);
}

/* Why (c, h) is `missing` meetings short, from the diagnosis counts of its days. */
static void reason(const meet_model *m, const meet_gh *g, int scheduled, char *buf, size_t size)
{
    const am_range *w = &m->cal->halves[g->half];
    char a[16], b[16], win[48];
    snprintf(win, sizeof win, "%s (%s..%s)", half_name(g->half), am_date_format(w->from, a),
             am_date_format(w->to, b));
    int c = g->county;
    if (g->n_work == 0)
        snprintf(buf, size, "%s has no working day", win);
    else if (g->n_noblack == 0)
        snprintf(buf, size, "no working day of %s is outside the county's blackout", win);
    else if (g->n_leader == 0)
        snprintf(buf, size, "leader %s is unavailable on every working day of %s outside the blackout",
                 am_instance_expert(m->inst, m->leader[c])->id, win);
    else if (g->n_attend == 0)
        snprintf(buf, size, "on every remaining day of %s fewer than %d of %d members are available",
                 win, m->needed[c], m->n_members[c]);
    else if (g->n_possible == 0)
        snprintf(buf, size, "every possible day of %s already holds one of the group's meetings", win);
    else if (g->n_possible < g->r)
        snprintf(buf, size, "only %d day%s of %s meet%s the day rules for %d meetings",
                 g->n_possible, g->n_possible == 1 ? "" : "s", win, g->n_possible == 1 ? "s" : "",
                 g->r);
    else if (scheduled == 0)
        snprintf(buf, size,
                 "all %d possible days of %s are taken by the province's meeting cap or by "
                 "members' meetings with other groups",
                 g->n_possible, win);
    else
        snprintf(buf, size,
                 "only %d of the %d possible days of %s could be used; the others are taken by "
                 "the province's meeting cap or by members' meetings with other groups",
                 scheduled, g->n_possible, win);
}

am_status meet_extract(const meet_model *m, const double *values, am_schedule *s,
                       long long *objective, am_error *err)
{
    am_status st = AM_OK;
    long long obj = 0;
    int na;
    for (int c = 0; c < m->n_counties; c++)
        for (int h = 0; h < AM_N_HALVES; h++) {
            const meet_gh *g = &m->gh[c * AM_N_HALVES + h];
            if (m->n_members[c] == 0) {
                if (report_groupless)
                    AM_TRY(am_schedule_add_unscheduled(s, c, h, m->cal->meetings_per_half,
                                                   "the county has no group yet", err));
                continue;
            }
            int chosen = 0;
            for (int k = 0; k < g->n_days && g->r > 0; k++) {
                if (values[g->cols[k]] < 0.5)
                    continue;
                AM_TRY(add_meeting(m, s, c, h, g->days[k], h == 0 ? AM_MODE_ONSITE : AM_MODE_VIDEO,
                                   false, &na, err));
                obj += meet_value(m, c, h, g->days[k]);
                chosen++;
            }
            if (chosen < g->r) {
                char why[320];
                reason(m, g, chosen, why, sizeof why);
                AM_TRY(am_schedule_add_unscheduled(s, c, h, g->r - chosen, why, err));
                obj -= m->w.P * (g->r - chosen);
            }
        }
    for (int f = 0; f < m->n_fixed; f++) {
        const meet_fixed *x = &m->fixed[f];
        AM_TRY(add_meeting(m, s, x->county, x->half, x->date, x->mode, true, &na, err));
    }
    am_schedule_finish(s);
    *objective = obj;
done:
    return st;
}
