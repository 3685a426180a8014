/* engine/am_schedule_check_year.c: the year-wide rules of the schedule checker: no expert at
 * two meetings of different groups fewer than 7 days apart, at most max_per_province_per_day
 * meetings per province and day, meetings_per_half meetings per group and half or an
 * unscheduled entry with the right count, every fixed meeting of the instance present, and the
 * objective. Reads the per-meeting facts am_schedule_check.c derived. */
#include <stdlib.h>

#include "am_schedule_check_impl.h"

/* An expert's attendance at a meeting, or a meeting in a province; sorted by (key, date,
 * county). */
typedef struct sc_event {
    int key; /* expert or province index */
    am_date date;
    int county;
} sc_event;

static int cmp_event(const void *a, const void *b)
{
    const sc_event *x = a, *y = b;
    if (x->key != y->key)
        return (x->key > y->key) - (x->key < y->key);
    if (x->date != y->date)
        return (x->date > y->date) - (x->date < y->date);
    return (x->county > y->county) - (x->county < y->county);
}

void sc_check_spacing(sched_checker *ck)
{
    int nm = am_schedule_n_meetings(ck->s);
    size_t n = 0;
    for (int i = 0; i < nm; i++)
        if (ck->m[i].valid)
            n += (size_t)sc_n_members(ck, am_schedule_meeting(ck->s, i)->county);
    sc_event *ev = AM_ARENA_ARRAY(ck->arena, sc_event, n > 0 ? n : 1);
    if (!ev) {
        ck->st = AM_ENOMEM;
        return;
    }
    n = 0;
    for (int i = 0; i < nm; i++) {
        const am_sched_meeting *m = am_schedule_meeting(ck->s, i);
        int nmem = ck->m[i].valid ? sc_n_members(ck, m->county) : 0;
        const am_group *g = nmem > 0 ? am_result_group(ck->groups, m->county) : NULL;
        for (int k = 0; k < nmem; k++) {
            int e = g->members[k].expert;
            if (e >= 0 && e < ck->n_experts && sc_available(ck, e, m->date, NULL))
                ev[n++] = (sc_event){e, m->date, m->county};
        }
    }
    qsort(ev, n, sizeof *ev, cmp_event);
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n && ev[b].key == ev[a].key && ev[b].date - ev[a].date < 7;
             b++) {
            if (ev[b].county == ev[a].county)
                continue;
            char d1[11], d2[11];
            sc_flag(ck, true, ev[a].county, "spacing",
                    "expert %s attends meetings of %s on %s and of %s on %s, fewer than 7 days "
                    "apart",
                    am_instance_expert(ck->inst, ev[a].key)->id,
                    am_instance_county(ck->inst, ev[a].county)->id, am_date_format(ev[a].date, d1),
                    am_instance_county(ck->inst, ev[b].county)->id, am_date_format(ev[b].date, d2));
        }
}

void sc_check_province_cap(sched_checker *ck)
{
    int nm = am_schedule_n_meetings(ck->s);
    sc_event *ev = AM_ARENA_ARRAY(ck->arena, sc_event, nm > 0 ? nm : 1);
    if (!ev) {
        ck->st = AM_ENOMEM;
        return;
    }
    size_t n = 0;
    for (int i = 0; i < nm; i++) {
        const am_sched_meeting *m = am_schedule_meeting(ck->s, i);
        if (!ck->m[i].valid)
            continue;
        int p = am_instance_county(ck->inst, m->county)->province;
        if (p >= 0)
            ev[n++] = (sc_event){p, m->date, m->county};
    }
    qsort(ev, n, sizeof *ev, cmp_event);
    int cap = ck->cal->max_per_province_per_day;
    for (size_t a = 0; a < n;) {
        size_t b = a;
        while (b < n && ev[b].key == ev[a].key && ev[b].date == ev[a].date)
            b++;
        if ((long)(b - a) > cap) {
            char day[11];
            sc_flag(ck, true, ev[a].county, "province_cap",
                    "%d meetings in province %s on %s; at most %d a day", (int)(b - a),
                    am_instance_province(ck->inst, ev[a].key)->code,
                    am_date_format(ev[a].date, day), cap);
        }
        a = b;
    }
}

void sc_check_fixed(sched_checker *ck)
{
    int nf = am_instance_n_meetings(ck->inst);
    for (int k = 0; k < nf; k++) {
        const am_fixed_meeting *f = am_instance_meeting(ck->inst, k);
        if (f->county < 0 || f->county >= ck->n_counties)
            continue; /* validation reports an unknown county */
        char day[11];
        am_date_format(f->date, day);
        if (ck->fixed_hits[k] == 0 && sc_n_members(ck, f->county) > 0)
            sc_flag(ck, true, f->county, "fixed",
                    "fixed meeting on %s (%s) is missing from the schedule", day,
                    am_mode_name(f->mode));
        else if (ck->fixed_hits[k] > 1)
            sc_flag(ck, true, f->county, "fixed",
                    "fixed meeting on %s appears %d times in the schedule", day,
                    ck->fixed_hits[k]);
    }
}

void sc_check_counts(sched_checker *ck)
{
    int nch = ck->n_counties * AM_N_HALVES, per = ck->cal->meetings_per_half;
    int *entries = AM_ARENA_ARRAY(ck->arena, int, nch > 0 ? nch : 1);
    if (!entries) {
        ck->st = AM_ENOMEM;
        return;
    }
    int nu = am_schedule_n_unscheduled(ck->s);
    for (int k = 0; k < nu; k++) {
        const am_sched_unscheduled *u = am_schedule_unscheduled(ck->s, k);
        if (u->county < 0 || u->county >= ck->n_counties || u->half < 0 ||
            u->half >= AM_N_HALVES) {
            sc_flag(ck, false, u->county, "count",
                    "unscheduled entry names county index %d, half %d: not of the instance",
                    u->county, u->half);
            continue;
        }
        int ch = u->county * AM_N_HALVES + u->half;
        const char *hn = sc_half_name(u->half);
        int have = ck->count[ch];
        int want = sc_n_members(ck, u->county) > 0 && have < per ? per - have : 0;
        if (entries[ch]++ > 0)
            sc_flag(ck, false, u->county, "count", "more than one unscheduled entry for %s", hn);
        else if (sc_n_members(ck, u->county) == 0)
            sc_flag(ck, false, u->county, "count",
                    "unscheduled entry for %s but the county has no group", hn);
        else if (want == 0)
            sc_flag(ck, false, u->county, "count",
                    "unscheduled entry for %s says %d missing, but the group has %d of %d meetings",
                    hn, u->missing, have, per);
        else if (u->missing != want)
            sc_flag(ck, false, u->county, "count",
                    "unscheduled entry for %s says %d missing; %d %s (%d of %d scheduled)", hn,
                    u->missing, want, want == 1 ? "is" : "are", have, per);
        else if (!u->reason || !u->reason[0])
            sc_flag(ck, false, u->county, "count", "unscheduled entry for %s gives no reason", hn);
    }
    for (int c = 0; c < ck->n_counties; c++) {
        if (sc_n_members(ck, c) == 0)
            continue;
        for (int h = 0; h < AM_N_HALVES; h++) {
            int ch = c * AM_N_HALVES + h, have = ck->count[ch];
            if (have < per) {
                ck->rep->n_missing += per - have;
                if (entries[ch] == 0)
                    sc_flag(ck, true, c, "count",
                            "%s has %d of %d meetings and no unscheduled entry says why",
                            sc_half_name(h), have, per);
            } else if (have > per && ck->count_free[ch] > 0) {
                sc_flag(ck, true, c, "count", "%s has %d meetings; meetings_per_half is %d",
                        sc_half_name(h), have, per);
            }
        }
    }
}

void sc_check_objective(sched_checker *ck)
{
    am_sched_weights w;
    am_sched_weights_compute(ck->inst, ck->groups, &w);
    const am_calendar *cal = ck->cal;
    long long obj = 0;
    int nm = am_schedule_n_meetings(ck->s);
    for (int i = 0; i < nm; i++) {
        const am_sched_meeting *m = am_schedule_meeting(ck->s, i);
        if (!ck->m[i].valid || m->fixed)
            continue;
        long long timing = 0;
        if (cal->plan_early_summary_late)
            timing = m->half == 0 ? (long long)cal->halves[0].to - m->date
                                  : (long long)m->date - cal->halves[1].from;
        obj += w.A * ck->m[i].n_avail + timing;
    }
    obj -= w.P * ck->rep->n_missing;
    ck->rep->objective = obj;
    long long claimed = am_schedule_objective(ck->s);
    if (claimed != obj)
        sc_flag(ck, false, -1, "objective", "claimed objective %lld, recomputed %lld", claimed,
                obj);
}
