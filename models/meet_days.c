/* models/meet_days.c: the day rules of the meeting model: the groups (members, leader, needed
 * attendance), who is available when, the value of a meeting, and the candidate days of every
 * (group, half) after the fixed meetings, the province cap and the spacing with fixed meetings
 * (docs/formulation.md, "Meetings"). */
#include <math.h>
#include <stdlib.h>

#include "meet_model.h"

static am_status nomem(am_error *err)
{
    return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory building the meeting model");
}

bool meet_available(const am_instance *inst, int e, am_date d)
{
    const am_expert *x = am_instance_expert(inst, e);
    return !am_ranges_contain(x->unavailable, x->n_unavailable, d);
}

int meet_n_available(const meet_model *m, int c, am_date d)
{
    int n = 0;
    for (int i = 0; i < m->n_members[c]; i++)
        n += meet_available(m->inst, m->members[c][i], d);
    return n;
}

bool meet_day_ok(const meet_model *m, int c, int h, am_date d)
{
    const am_county *cy = am_instance_county(m->inst, c);
    if (d < m->cal->halves[h].from || d > m->cal->halves[h].to || !am_calendar_is_workday(m->cal, d))
        return false;
    if (am_ranges_contain(cy->blackout, cy->n_blackout, d))
        return false;
    if (m->leader[c] >= 0 && !meet_available(m->inst, m->leader[c], d))
        return false;
    return meet_n_available(m, c, d) >= m->needed[c];
}

long long meet_value(const meet_model *m, int c, int h, am_date d)
{
    long long timing = 0;
    if (m->cal->plan_early_summary_late)
        timing = h == 0 ? (long long)(m->cal->halves[0].to - d) : (long long)(d - m->cal->halves[1].from);
    return m->w.A * meet_n_available(m, c, d) + timing;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

am_status meet_groups(meet_model *m, am_error *err)
{
    int nc = m->n_counties = am_instance_n_counties(m->inst);
    int ne = m->n_experts = am_instance_n_experts(m->inst);
    int np = am_instance_n_provinces(m->inst);
    m->n_members = AM_ARENA_ARRAY(m->arena, int, nc + 1);
    m->members = AM_ARENA_ARRAY(m->arena, int *, nc + 1);
    m->leader = AM_ARENA_ARRAY(m->arena, int, nc + 1);
    m->needed = AM_ARENA_ARRAY(m->arena, int, nc + 1);
    m->eg_start = AM_ARENA_ARRAY(m->arena, int, ne + 2);
    if (!m->n_members || !m->members || !m->leader || !m->needed || !m->eg_start)
        return nomem(err);
    long long total = 0;
    for (int c = 0; c < nc; c++) {
        const am_group *g = am_result_group(m->groups, c);
        int n = g->n_members;
        m->leader[c] = -1;
        m->members[c] = AM_ARENA_ARRAY(m->arena, int, n + 1);
        if (!m->members[c])
            return nomem(err);
        for (int i = 0; i < n; i++) {
            m->members[c][i] = g->members[i].expert;
            if (g->members[i].role == AM_ROLE_LEADER)
                m->leader[c] = g->members[i].expert;
            m->eg_start[g->members[i].expert + 1]++;
        }
        qsort(m->members[c], (size_t)n, sizeof(int), cmp_int);
        m->n_members[c] = n;
        m->needed[c] = (int)ceil(m->cal->min_attendance * n - 1e-9);
        total += n;
    }
    for (int e = 0; e < ne; e++)
        m->eg_start[e + 1] += m->eg_start[e];
    m->eg_list = AM_ARENA_ARRAY(m->arena, int, total + 1);
    int *fill = AM_ARENA_ARRAY(m->arena, int, ne + 1);
    if (!m->eg_list || !fill)
        return nomem(err);
    for (int c = 0; c < nc; c++) /* county order: each expert's list comes out ascending */
        for (int i = 0; i < m->n_members[c]; i++) {
            int e = m->members[c][i];
            m->eg_list[m->eg_start[e] + fill[e]++] = c;
        }
    const am_range *hv = m->cal->halves;
    m->day0 = hv[0].from < hv[1].from ? hv[0].from : hv[1].from;
    am_date last = hv[0].to > hv[1].to ? hv[0].to : hv[1].to;
    m->span = last >= m->day0 ? last - m->day0 + 1 : 1;
    m->cap_left = AM_ARENA_ARRAY(m->arena, int, (long long)np * m->span + 1);
    if (!m->cap_left)
        return nomem(err);
    for (long long i = 0; i < (long long)np * m->span; i++)
        m->cap_left[i] = m->cal->max_per_province_per_day;
    return AM_OK;
}

/* Per expert, the fixed meetings it attends (CSR over m->fixed indexes). */
typedef struct attends {
    int *start, *list;
} attends;

static am_status build_attends(const meet_model *m, attends *a, am_error *err)
{
    a->start = AM_ARENA_ARRAY(m->arena, int, m->n_experts + 2);
    if (!a->start)
        return nomem(err);
    for (int pass = 0; pass < 2; pass++) {
        for (int f = 0; f < m->n_fixed; f++) {
            int c = m->fixed[f].county;
            for (int i = 0; i < m->n_members[c]; i++) {
                int e = m->members[c][i];
                if (meet_available(m->inst, e, m->fixed[f].date)) {
                    if (pass == 0)
                        a->start[e + 1]++;
                    else
                        a->list[a->start[e]++] = f;
                }
            }
        }
        if (pass == 0) {
            for (int e = 0; e < m->n_experts; e++)
                a->start[e + 1] += a->start[e];
            a->list = AM_ARENA_ARRAY(m->arena, int, a->start[m->n_experts] + 1);
            if (!a->list)
                return nomem(err);
        } else { /* start[e] now holds the end of e's list: shift back */
            for (int e = m->n_experts; e > 0; e--)
                a->start[e] = a->start[e - 1];
            a->start[0] = 0;
        }
    }
    return AM_OK;
}

/* Does a member of c available on d attend a fixed meeting of another group within 6 days? */
static bool near_fixed(const meet_model *m, const attends *a, int c, am_date d)
{
    for (int i = 0; i < m->n_members[c]; i++) {
        int e = m->members[c][i];
        if (a->start[e] == a->start[e + 1] || !meet_available(m->inst, e, d))
            continue;
        for (int k = a->start[e]; k < a->start[e + 1]; k++) {
            const meet_fixed *f = &m->fixed[a->list[k]];
            if (f->county != c && abs(f->date - d) < 7)
                return true;
        }
    }
    return false;
}

static bool in_list(const am_date *v, int n, am_date d)
{
    for (int i = 0; i < n; i++)
        if (v[i] == d)
            return true;
    return false;
}

/* Candidate days of (c, h) and the diagnosis counts. */
static am_status days_of(meet_model *m, const attends *a, meet_gh *g, am_error *err)
{
    int c = g->county, h = g->half;
    const am_county *cy = am_instance_county(m->inst, c);
    const am_range *w = &m->cal->halves[h];
    int len = w->to >= w->from ? w->to - w->from + 1 : 0;
    g->days = AM_ARENA_ARRAY(m->arena, am_date, len + 1);
    g->cols = AM_ARENA_ARRAY(m->arena, int, len + 1);
    int n_own = 0;
    for (int f = 0; f < m->n_fixed; f++)
        n_own += m->fixed[f].county == c;
    am_date *own = AM_ARENA_ARRAY(m->arena, am_date, n_own + 1);
    if (!g->days || !g->cols || !own)
        return nomem(err);
    n_own = 0;
    for (int f = 0; f < m->n_fixed; f++)
        if (m->fixed[f].county == c)
            own[n_own++] = m->fixed[f].date;
    for (am_date d = w->from; d <= w->to; d++) {
        if (!am_calendar_is_workday(m->cal, d))
            continue;
        g->n_work++;
        if (am_ranges_contain(cy->blackout, cy->n_blackout, d))
            continue;
        g->n_noblack++;
        if (m->leader[c] >= 0 && !meet_available(m->inst, m->leader[c], d))
            continue;
        g->n_leader++;
        if (meet_n_available(m, c, d) < m->needed[c])
            continue;
        g->n_attend++;
        if (in_list(own, n_own, d))
            continue;
        g->n_possible++;
        if (g->r == 0 || m->cap_left[(long long)cy->province * m->span + (d - m->day0)] <= 0 ||
            near_fixed(m, a, c, d))
            continue;
        g->days[g->n_days] = d;
        g->cols[g->n_days++] = -1;
    }
    return AM_OK;
}

am_status meet_days(meet_model *m, am_error *err)
{
    attends a = {0};
    am_status st = build_attends(m, &a, err);
    if (st != AM_OK)
        return st;
    m->gh = AM_ARENA_ARRAY(m->arena, meet_gh, (long long)m->n_counties * AM_N_HALVES + 1);
    if (!m->gh)
        return nomem(err);
    for (int c = 0; c < m->n_counties; c++)
        for (int h = 0; h < AM_N_HALVES; h++) {
            meet_gh *g = &m->gh[c * AM_N_HALVES + h];
            g->county = c;
            g->half = h;
            g->col_u = -1;
            if (m->n_members[c] == 0)
                continue;
            int r = m->cal->meetings_per_half;
            for (int f = 0; f < m->n_fixed; f++)
                r -= m->fixed[f].county == c && m->fixed[f].half == h;
            g->r = r > 0 ? r : 0;
            if ((st = days_of(m, &a, g, err)) != AM_OK)
                return st;
        }
    /* the columns of the full model, numbered once: each pair's days, then its u; the solver's
     * models hold a subset (m->lp_of maps them) */
    int n = 0;
    for (int i = 0; i < m->n_counties * AM_N_HALVES; i++) {
        meet_gh *g = &m->gh[i];
        if (g->r == 0)
            continue;
        for (int k = 0; k < g->n_days; k++)
            g->cols[k] = n++;
        g->col_u = n++;
    }
    m->n_global = n;
    m->lp_of = AM_ARENA_ARRAY(m->arena, int, n + 1);
    return m->lp_of ? AM_OK : nomem(err);
}
