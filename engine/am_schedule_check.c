/* engine/am_schedule_check.c: the independent checker of a meeting schedule. Re-derives every
 * scheduling rule (docs/formulation.md, "Meetings") from the instance, the groups and the
 * schedule alone: here each meeting's day rules (working day, window, blackout, leader,
 * attendance) and its attending/absent lists; the year-wide rules are in
 * am_schedule_check_year.c. It shares no code with models/ (it must be able to catch their
 * mistakes); it uses am_sched_weights_compute only for the objective's weights. Scratch memory
 * lives in one arena per call; findings go to the caller's am_diags. */
#include "advmatch/am_schedule_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "am_schedule_check_impl.h"

void sc_flag(sched_checker *ck, bool violation, int county, const char *field, const char *fmt,
             ...)
{
    char rec[64];
    if (county >= 0 && county < ck->n_counties)
        snprintf(rec, sizeof rec, "county %s", am_instance_county(ck->inst, county)->id);
    else
        snprintf(rec, sizeof rec, "schedule");
    if (violation)
        ck->rep->n_violations++;
    else
        ck->rep->n_mismatches++;
    va_list ap;
    va_start(ap, fmt);
    if (am_diags_addv(ck->d, AM_DIAG_ERROR, rec, field, fmt, ap) != AM_OK)
        ck->st = AM_ENOMEM;
    va_end(ap);
}

int sc_n_members(const sched_checker *ck, int c)
{
    if (c < 0 || c >= ck->n_counties || c >= am_result_n_groups(ck->groups))
        return 0;
    return am_result_group(ck->groups, c)->n_members;
}

bool sc_available(const sched_checker *ck, int e, am_date d, am_range *why)
{
    const am_expert *x = am_instance_expert(ck->inst, e);
    for (int i = 0; i < x->n_unavailable; i++) {
        am_range r = x->unavailable[i];
        if (r.from > r.to) {
            am_date t = r.from;
            r.from = r.to;
            r.to = t;
        }
        if (d >= r.from && d <= r.to) {
            if (why)
                *why = r;
            return false;
        }
    }
    return true;
}

const char *sc_half_name(int half) { return half == 0 ? "H1" : half == 1 ? "H2" : "H?"; }

static const char *const weekday_names[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                            "Friday", "Saturday", "Sunday"};

/* The instance meeting with this county and date, or -1. */
static int find_fixed(const sched_checker *ck, int c, am_date d)
{
    int n = am_instance_n_meetings(ck->inst);
    for (int k = 0; k < n; k++) {
        const am_fixed_meeting *f = am_instance_meeting(ck->inst, k);
        if (f->county == c && f->date == d)
            return k;
    }
    return -1;
}

/* Smallest k with k >= min_attendance x n (up to rounding). */
static int attendance_needed(double share, int n)
{
    int k = 0;
    while (k < n && (double)k < share * n - 1e-9)
        k++;
    return k;
}

/* Working day, window, blackout, leader, attendance: for meetings that are not exempt. */
static void check_day_rules(sched_checker *ck, const am_sched_meeting *m, int n_avail)
{
    const am_calendar *cal = ck->cal;
    int c = m->county, h = m->half;
    char day[11], a[11], b[11];
    am_date_format(m->date, day);
    am_range w = cal->halves[h];
    if (m->date < w.from || m->date > w.to)
        sc_flag(ck, true, c, "window", "meeting on %s is outside the %s window %s..%s", day,
                sc_half_name(h), am_date_format(w.from, a), am_date_format(w.to, b));
    if (!am_calendar_is_workday(cal, m->date)) {
        int wd = am_date_weekday(m->date);
        sc_flag(ck, true, c, "workday", "meeting on %s (a %s) is not a working day", day,
                wd >= 5 ? weekday_names[wd] : "holiday");
    }
    const am_county *cy = am_instance_county(ck->inst, c);
    for (int i = 0; i < cy->n_blackout; i++) {
        am_range r = cy->blackout[i];
        if (am_ranges_contain(&r, 1, m->date)) {
            sc_flag(ck, true, c, "blackout", "meeting on %s falls in the county's blackout %s..%s",
                    day, am_date_format(r.from, a), am_date_format(r.to, b));
            break;
        }
    }
    int n = sc_n_members(ck, c);
    if (n == 0)
        return;
    const am_group *g = am_result_group(ck->groups, c);
    for (int i = 0; i < n; i++) {
        int e = g->members[i].expert;
        if (g->members[i].role != AM_ROLE_LEADER || e < 0 || e >= ck->n_experts)
            continue;
        am_range r = {0, 0};
        if (!sc_available(ck, e, m->date, &r))
            sc_flag(ck, true, c, "leader", "leader %s is unavailable on %s (%s..%s)",
                    am_instance_expert(ck->inst, e)->id, day, am_date_format(r.from, a),
                    am_date_format(r.to, b));
        break;
    }
    int need = attendance_needed(cal->min_attendance, n);
    if (n_avail < need)
        sc_flag(ck, true, c, "attendance",
                "meeting on %s has %d of %d members available, %d needed (min_attendance %g)", day,
                n_avail, n, need, cal->min_attendance);
}

/* One list (attending or absent) of meeting i: every entry a member with the right
 * availability, no duplicates, a reason for each absence. */
static void check_list(sched_checker *ck, int i, const am_sched_meeting *m, bool attending)
{
    const int *v = attending ? m->attending : m->absent;
    int n = attending ? m->n_attending : m->n_absent;
    int *mark = attending ? ck->att_mark : ck->abs_mark;
    const char *field = attending ? "attending" : "absent";
    char day[11], a[11], b[11];
    am_date_format(m->date, day);
    for (int k = 0; k < n; k++) {
        int e = v[k];
        if (e < 0 || e >= ck->n_experts) {
            sc_flag(ck, false, m->county, field,
                    "meeting on %s lists expert index %d, not an expert of the instance", day, e);
            continue;
        }
        const char *id = am_instance_expert(ck->inst, e)->id;
        if (mark[e] == i + 1) {
            sc_flag(ck, false, m->county, field, "meeting on %s lists expert %s twice as %s", day,
                    id, field);
            continue;
        }
        mark[e] = i + 1;
        am_range r = {0, 0};
        bool avail = sc_available(ck, e, m->date, &r);
        if (ck->mark[e] != i + 1)
            sc_flag(ck, false, m->county, field,
                    "expert %s is listed as %s on %s but is not a member of the group", id, field,
                    day);
        else if (attending && !avail)
            sc_flag(ck, false, m->county, field,
                    "expert %s is listed as attending on %s but is unavailable (%s..%s)", id, day,
                    am_date_format(r.from, a), am_date_format(r.to, b));
        else if (!attending && avail)
            sc_flag(ck, false, m->county, field,
                    "expert %s is listed as absent on %s but is available", id, day);
        else if (!attending && (!m->absent_reason || !m->absent_reason[k] ||
                                !m->absent_reason[k][0]))
            sc_flag(ck, false, m->county, field, "expert %s is absent on %s without a reason", id,
                    day);
    }
}

/* Meeting i: county and half, fixed-meeting match, counts, day rules, attendance lists. */
static void check_meeting(sched_checker *ck, int i, const am_sched_meeting *m)
{
    sc_meeting *sm = &ck->m[i];
    char day[11];
    am_date_format(m->date, day);
    if (m->county < 0 || m->county >= ck->n_counties) {
        sc_flag(ck, true, -1, "county", "meeting on %s names county index %d, not a county of the "
                "instance", day, m->county);
        return;
    }
    int c = m->county;
    if (m->half < 0 || m->half >= AM_N_HALVES) {
        sc_flag(ck, true, c, "window", "meeting on %s has half %d; it must be H1 (0) or H2 (1)",
                day, m->half);
        return;
    }
    sm->valid = true;
    int fx = find_fixed(ck, c, m->date);
    if (fx >= 0) {
        const am_fixed_meeting *f = am_instance_meeting(ck->inst, fx);
        ck->fixed_hits[fx]++;
        if (!m->fixed)
            sc_flag(ck, true, c, "fixed",
                    "meeting on %s is a fixed meeting of the instance but is not marked fixed",
                    day);
        if (m->mode != f->mode)
            sc_flag(ck, true, c, "fixed", "fixed meeting on %s is %s in the instance, %s here", day,
                    am_mode_name(f->mode), am_mode_name(m->mode));
        if (f->half >= 0 && f->half != m->half)
            sc_flag(ck, true, c, "fixed", "fixed meeting on %s belongs to %s, not %s", day,
                    sc_half_name(f->half), sc_half_name(m->half));
        sm->exempt = m->fixed;
    }
    ck->count[c * AM_N_HALVES + m->half]++;
    if (!m->fixed)
        ck->count_free[c * AM_N_HALVES + m->half]++;

    int n = sc_n_members(ck, c);
    if (n == 0 && fx < 0)
        sc_flag(ck, true, c, "count", "meeting on %s for a county without a group", day);
    const am_group *g = n > 0 ? am_result_group(ck->groups, c) : NULL;
    for (int k = 0; k < n; k++) {
        int e = g->members[k].expert;
        if (e < 0 || e >= ck->n_experts)
            continue;
        if (ck->mark[e] != i + 1 && sc_available(ck, e, m->date, NULL))
            sm->n_avail++;
        ck->mark[e] = i + 1;
    }
    if (!sm->exempt)
        check_day_rules(ck, m, sm->n_avail);

    check_list(ck, i, m, true);
    check_list(ck, i, m, false);
    for (int k = 0; k < n; k++) {
        int e = g->members[k].expert;
        if (e < 0 || e >= ck->n_experts)
            continue;
        const char *id = am_instance_expert(ck->inst, e)->id;
        bool avail = sc_available(ck, e, m->date, NULL);
        if (avail && ck->att_mark[e] != i + 1) {
            ck->att_mark[e] = i + 1; /* report a member listed twice in the group once */
            sc_flag(ck, false, c, "attending",
                    "expert %s is available on %s but not listed as attending", id, day);
        } else if (!avail && ck->abs_mark[e] != i + 1) {
            ck->abs_mark[e] = i + 1;
            sc_flag(ck, false, c, "absent",
                    "expert %s is unavailable on %s but not listed as absent", id, day);
        }
    }
}

am_status am_schedule_check(const am_instance *inst, const am_result *groups,
                            const am_schedule *s, am_diags *d, am_schedule_report *out,
                            am_error *err)
{
    memset(out, 0, sizeof *out);
    sched_checker ck = {.inst = inst,
                        .groups = groups,
                        .s = s,
                        .cal = am_instance_calendar(inst),
                        .d = d,
                        .rep = out,
                        .st = AM_OK,
                        .n_counties = am_instance_n_counties(inst),
                        .n_experts = am_instance_n_experts(inst)};
    int nm = am_schedule_n_meetings(s), nf = am_instance_n_meetings(inst);
    int nch = ck.n_counties * AM_N_HALVES, ne = ck.n_experts;
    ck.arena = am_arena_new();
    if (ck.arena) {
        ck.m = AM_ARENA_ARRAY(ck.arena, sc_meeting, nm > 0 ? nm : 1);
        ck.fixed_hits = AM_ARENA_ARRAY(ck.arena, int, nf > 0 ? nf : 1);
        ck.count = AM_ARENA_ARRAY(ck.arena, int, nch > 0 ? nch : 1);
        ck.count_free = AM_ARENA_ARRAY(ck.arena, int, nch > 0 ? nch : 1);
        ck.mark = AM_ARENA_ARRAY(ck.arena, int, ne > 0 ? ne : 1);
        ck.att_mark = AM_ARENA_ARRAY(ck.arena, int, ne > 0 ? ne : 1);
        ck.abs_mark = AM_ARENA_ARRAY(ck.arena, int, ne > 0 ? ne : 1);
    }
    if (!ck.arena || !ck.m || !ck.fixed_hits || !ck.count || !ck.count_free || !ck.mark ||
        !ck.att_mark || !ck.abs_mark) {
        am_arena_free(ck.arena);
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory checking a schedule");
    }
    out->n_meetings = nm;
    if (!ck.cal->present) {
        sc_flag(&ck, true, -1, "calendar", "the instance has no calendar; a schedule needs one");
    } else {
        for (int i = 0; i < nm && ck.st == AM_OK; i++)
            check_meeting(&ck, i, am_schedule_meeting(s, i));
        sc_check_spacing(&ck);
        sc_check_province_cap(&ck);
        sc_check_fixed(&ck);
        sc_check_counts(&ck);
        sc_check_objective(&ck);
    }
    am_arena_free(ck.arena);
    if (ck.st != AM_OK)
        return am_error_set(err, ck.st, NULL, NULL, "out of memory checking a schedule");
    return AM_OK;
}
