/* engine/am_freeze_calendar.c: finishing the calendar when an instance is frozen: default half
 * windows, the shipped official lists when the input gives none, sorted unique date lists, and
 * the fixed meetings resolved to counties and halves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "am_calendar_impl.h"
#include "am_instance_impl.h"

static int cmp_date(const void *a, const void *b)
{
    am_date x = *(const am_date *)a, y = *(const am_date *)b;
    return (x > y) - (x < y);
}

/* Sort and deduplicate a list the arena owns (cast away the const of the record's view). */
static int sort_unique_dates(const am_date *v, int n)
{
    am_date *w = (am_date *)v;
    if (n <= 0)
        return 0;
    qsort(w, (size_t)n, sizeof *w, cmp_date);
    int u = 0;
    for (int i = 0; i < n; i++)
        if (u == 0 || w[u - 1] != w[i])
            w[u++] = w[i];
    return u;
}

static am_status finish_calendar(am_instance *inst)
{
    const am_calendar_rec *r = &inst->cal_rec;
    am_calendar *c = &inst->calendar;
    *c = (am_calendar){.present = true, .year = r->year,
                       .meetings_per_half = r->meetings_per_half,
                       .max_per_province_per_day = r->max_per_province_per_day,
                       .min_attendance = r->min_attendance,
                       .plan_early_summary_late = r->plan_early_summary_late};
    const am_range defaults[AM_N_HALVES] = {
        {am_date_from_ymd(r->year, 2, 1), am_date_from_ymd(r->year, 6, 30)},
        {am_date_from_ymd(r->year, 7, 1), am_date_from_ymd(r->year, 12, 15)}};
    for (int h = 0; h < AM_N_HALVES; h++)
        c->halves[h] = r->halves[h].from > r->halves[h].to ? defaults[h] : r->halves[h];
    bool given = r->n_holidays >= 0 || r->n_workdays >= 0;
    if (given) {
        c->holidays = r->holidays;
        c->n_holidays = sort_unique_dates(r->holidays, r->n_holidays);
        c->workdays = r->workdays;
        c->n_workdays = sort_unique_dates(r->workdays, r->n_workdays);
        c->lists_known = true;
        return AM_OK;
    }
    if (am_calendar_shipped_lists(inst->arena, r->year, &c->holidays, &c->n_holidays,
                                  &c->workdays, &c->n_workdays) != 0)
        return AM_ENOMEM;
    c->lists_shipped = c->lists_known = c->n_holidays + c->n_workdays > 0;
    return AM_OK;
}

static int cmp_meeting(const void *a, const void *b)
{
    const am_fixed_meeting *x = a, *y = b;
    if (x->county != y->county)
        return (x->county > y->county) - (x->county < y->county);
    if (x->date != y->date)
        return (x->date > y->date) - (x->date < y->date);
    return (x->input_idx > y->input_idx) - (x->input_idx < y->input_idx);
}

am_status am_freeze_calendar(am_instance *inst, am_diags *d)
{
    if (inst->has_calendar && finish_calendar(inst) != AM_OK)
        return AM_ENOMEM;
    int n = inst->n_rm;
    am_fixed_meeting *m = AM_ARENA_ARRAY(inst->arena, am_fixed_meeting, n > 0 ? n : 1);
    if (!m)
        return AM_ENOMEM;
    for (int i = 0; i < n; i++) {
        const am_meeting_rec *r = &inst->rm[i].r;
        m[i] = (am_fixed_meeting){.county = am_instance_find_county(inst, r->county),
                                  .date = r->date, .mode = r->mode, .input_idx = i,
                                  .half = inst->has_calendar
                                              ? am_calendar_half_of(&inst->calendar, r->date)
                                              : -1};
        if (m[i].county < 0) {
            char rec[64], date[11];
            snprintf(rec, sizeof rec, "meetings[%d] date \"%s\"", i, am_date_format(r->date, date));
            if (am_diags_add(d, AM_DIAG_ERROR, rec, "county", "unknown county \"%s\"",
                             r->county) != AM_OK)
                return AM_ENOMEM;
        }
    }
    qsort(m, (size_t)n, sizeof *m, cmp_meeting);
    inst->meetings = m;
    inst->n_meetings = n;
    return AM_OK;
}
