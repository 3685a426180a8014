/* models/meet_fixed.c: the meetings that are not a choice: the instance's meetings[], then the
 * meetings of a previous schedule kept because their group's members are unchanged and they
 * still keep every rule (day rules, province cap, spacing with the fixed meetings before them,
 * no more than the half still needs). Each takes its place in the province's daily cap. */
#include <stdlib.h>

#include "meet_model.h"

static am_status nomem(am_error *err)
{
    return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory collecting fixed meetings");
}

static int *cap_slot(meet_model *m, int c, am_date d)
{
    int p = am_instance_county(m->inst, c)->province;
    if (p < 0 || d < m->day0 || d >= m->day0 + m->span)
        return NULL;
    return &m->cap_left[(long long)p * m->span + (d - m->day0)];
}

static void add_fixed(meet_model *m, int c, int h, am_date d, am_mode mode, bool inst_meeting)
{
    m->fixed[m->n_fixed++] = (meet_fixed){c, h, d, mode, inst_meeting};
    int *slot = cap_slot(m, c, d);
    if (slot)
        (*slot)--;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Are the members of previous meeting pm (attending and absent, as expert indexes of the
 * previous schedule's instance) exactly the current members of c's group? */
static bool same_members(const meet_model *m, const am_instance *pinst, const am_sched_meeting *pm,
                         int c, int *scratch)
{
    int n = pm->n_attending + pm->n_absent;
    if (n != m->n_members[c])
        return false;
    for (int i = 0; i < n; i++) {
        int pe = i < pm->n_attending ? pm->attending[i] : pm->absent[i - pm->n_attending];
        if (pe < 0 || pe >= am_instance_n_experts(pinst))
            return false;
        scratch[i] = pinst == m->inst ? pe
                                      : am_instance_find_expert(m->inst, am_instance_expert(pinst, pe)->id);
    }
    qsort(scratch, (size_t)n, sizeof(int), cmp_int);
    for (int i = 0; i < n; i++)
        if (scratch[i] != m->members[c][i])
            return false;
    return true;
}

/* Would a meeting of c on d put an expert at two meetings of different groups < 7 days apart? */
static bool clashes(const meet_model *m, int c, am_date d)
{
    for (int f = 0; f < m->n_fixed; f++) {
        const meet_fixed *x = &m->fixed[f];
        if (x->county == c ? x->date != d : abs(x->date - d) >= 7)
            continue;
        if (x->county == c)
            return true; /* the group already meets that day */
        const int *a = m->members[c], *b = m->members[x->county];
        int na = m->n_members[c], nb = m->n_members[x->county];
        for (int i = 0, j = 0; i < na && j < nb;) { /* both ascending */
            if (a[i] < b[j])
                i++;
            else if (a[i] > b[j])
                j++;
            else {
                if (meet_available(m->inst, a[i], d) && meet_available(m->inst, a[i], x->date))
                    return true;
                i++;
                j++;
            }
        }
    }
    return false;
}

static int n_fixed_of(const meet_model *m, int c, int h)
{
    int n = 0;
    for (int f = 0; f < m->n_fixed; f++)
        n += m->fixed[f].county == c && m->fixed[f].half == h;
    return n;
}

static bool is_instance_meeting(const meet_model *m, int n_inst, int c, am_date d)
{
    for (int f = 0; f < n_inst; f++)
        if (m->fixed[f].county == c && m->fixed[f].date == d)
            return true;
    return false;
}

am_status meet_fixed_collect(meet_model *m, const am_schedule *previous, am_error *err)
{
    int n_inst = am_instance_n_meetings(m->inst);
    int n_prev = previous ? am_schedule_n_meetings(previous) : 0;
    m->fixed = AM_ARENA_ARRAY(m->arena, meet_fixed, n_inst + n_prev + 1);
    int *scratch = AM_ARENA_ARRAY(m->arena, int, m->n_experts + 1);
    if (!m->fixed || !scratch)
        return nomem(err);
    for (int i = 0; i < n_inst; i++) {
        const am_fixed_meeting *fm = am_instance_meeting(m->inst, i);
        if (fm->county >= 0 && fm->half >= 0)
            add_fixed(m, fm->county, fm->half, fm->date, fm->mode, true);
    }
    int n_first = m->n_fixed;
    const am_instance *pinst = previous ? am_schedule_instance(previous) : NULL;
    for (int i = 0; i < n_prev; i++) {
        const am_sched_meeting *pm = am_schedule_meeting(previous, i);
        if (pm->county < 0 || pm->county >= am_instance_n_counties(pinst))
            continue;
        int c = pinst == m->inst
                    ? pm->county
                    : am_instance_find_county(m->inst, am_instance_county(pinst, pm->county)->id);
        if (c < 0 || m->n_members[c] == 0 || is_instance_meeting(m, n_first, c, pm->date))
            continue;
        int h = am_calendar_half_of(m->cal, pm->date);
        if (h < 0 || !same_members(m, pinst, pm, c, scratch) || !meet_day_ok(m, c, h, pm->date))
            continue;
        int *slot = cap_slot(m, c, pm->date);
        if ((slot && *slot <= 0) || n_fixed_of(m, c, h) >= m->cal->meetings_per_half ||
            clashes(m, c, pm->date))
            continue;
        add_fixed(m, c, h, pm->date, pm->mode, false);
    }
    return AM_OK;
}
