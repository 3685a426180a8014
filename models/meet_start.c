/* models/meet_start.c: a greedy solution of the meeting model that keeps every row, so that a
 * search stopped early still has a sound schedule: group by group in county order, half by
 * half, the best-valued candidate days (earliest first on ties) that the province's cap and the
 * spacing of members shared with groups already placed allow. Given a solution of a restricted
 * model (even a fractional one), it rounds and repairs it instead: days are tried in the order
 * of their values in that solution first. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "meet_model.h"

typedef struct ranked {
    double preferred; /* the value of the day in the solution being repaired */
    long long value;
    int k;
    am_date date;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->preferred != y->preferred)
        return x->preferred < y->preferred ? 1 : -1;
    if (x->value != y->value)
        return x->value < y->value ? 1 : -1;
    return (x->date > y->date) - (x->date < y->date);
}

typedef struct greedy {
    const meet_model *m;
    int *cap;             /* copy of cap_left */
    int *slot;            /* per expert: row in busy, -1 when in fewer than 2 groups */
    unsigned char *busy;  /* [slot * span + day]: attends a chosen meeting that day */
} greedy;

static bool fits(const greedy *g, int c, am_date d)
{
    const meet_model *m = g->m;
    int p = am_instance_county(m->inst, c)->province;
    if (p >= 0 && g->cap[(long long)p * m->span + (d - m->day0)] <= 0)
        return false;
    for (int i = 0; i < m->n_members[c]; i++) {
        int e = m->members[c][i];
        if (g->slot[e] < 0 || !meet_available(m->inst, e, d))
            continue;
        const unsigned char *b = g->busy + (long long)g->slot[e] * m->span;
        for (int t = d - 6; t <= d + 6; t++)
            if (t >= m->day0 && t < m->day0 + m->span && b[t - m->day0])
                return false;
    }
    return true;
}

static void take(greedy *g, int c, am_date d)
{
    const meet_model *m = g->m;
    int p = am_instance_county(m->inst, c)->province;
    if (p >= 0)
        g->cap[(long long)p * m->span + (d - m->day0)]--;
    for (int i = 0; i < m->n_members[c]; i++) {
        int e = m->members[c][i];
        if (g->slot[e] >= 0 && meet_available(m->inst, e, d))
            g->busy[(long long)g->slot[e] * m->span + (d - m->day0)] = 1;
    }
}

/* Undo take(): each shared expert attends at most one chosen meeting a day, so the day's mark
 * is this meeting's alone. */
static void drop(greedy *g, int c, am_date d)
{
    const meet_model *m = g->m;
    int p = am_instance_county(m->inst, c)->province;
    if (p >= 0)
        g->cap[(long long)p * m->span + (d - m->day0)]++;
    for (int i = 0; i < m->n_members[c]; i++) {
        int e = m->members[c][i];
        if (g->slot[e] >= 0 && meet_available(m->inst, e, d))
            g->busy[(long long)g->slot[e] * m->span + (d - m->day0)] = 0;
    }
}

/* Local search on a plan: move each meeting to the best-valued day it fits on, and place
 * missing meetings where they now fit, until a pass changes nothing (each move raises the
 * objective, so it ends). */
static void improve(greedy *g, double *values)
{
    const meet_model *m = g->m;
    for (bool moved = true; moved;) {
        moved = false;
        for (int i = 0; i < m->n_counties * AM_N_HALVES; i++) {
            const meet_gh *gh = &m->gh[i];
            for (int k = 0; k < gh->n_days && gh->r > 0; k++) {
                bool missing = values[gh->col_u] > 0.5;
                if (values[gh->cols[k]] < 0.5 && !missing)
                    continue;
                long long cur = LLONG_MIN;
                if (!missing || values[gh->cols[k]] > 0.5) {
                    drop(g, gh->county, gh->days[k]);
                    cur = meet_value(m, gh->county, gh->half, gh->days[k]);
                }
                int best = cur == LLONG_MIN ? -1 : k;
                for (int j = 0; j < gh->n_days; j++) {
                    long long v = meet_value(m, gh->county, gh->half, gh->days[j]);
                    if (values[gh->cols[j]] < 0.5 && v > cur && fits(g, gh->county, gh->days[j])) {
                        best = j;
                        cur = v;
                    }
                }
                if (best >= 0)
                    take(g, gh->county, gh->days[best]);
                if (best == k || best < 0)
                    continue;
                if (values[gh->cols[k]] > 0.5)
                    values[gh->cols[k]] = 0.0;
                else
                    values[gh->col_u] -= 1.0; /* a missing meeting placed */
                values[gh->cols[best]] = 1.0;
                moved = true;
            }
        }
    }
}

static int cmp_pair(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->preferred != y->preferred)
        return x->preferred < y->preferred ? 1 : -1;
    return (x->k > y->k) - (x->k < y->k);
}

long long meet_objective(const meet_model *m, const double *values)
{
    long long obj = 0;
    for (int i = 0; i < m->n_counties * AM_N_HALVES; i++) {
        const meet_gh *gh = &m->gh[i];
        if (gh->r == 0)
            continue;
        for (int k = 0; k < gh->n_days; k++)
            if (values[gh->cols[k]] > 0.5)
                obj += meet_value(m, gh->county, gh->half, gh->days[k]);
        obj -= m->w.P * (long long)(values[gh->col_u] + 0.5);
    }
    return obj;
}

am_status meet_start(const meet_model *m, const double *prefer, double **out, am_error *err)
{
    int np = am_instance_n_provinces(m->inst), n_slots = 0, max_days = 0;
    greedy g = {.m = m};
    double *values = AM_ARENA_ARRAY(m->arena, double, m->n_global + 1);
    g.cap = AM_ARENA_ARRAY(m->arena, int, (long long)np * m->span + 1);
    g.slot = AM_ARENA_ARRAY(m->arena, int, m->n_experts + 1);
    if (!values || !g.cap || !g.slot)
        goto nomem;
    memcpy(g.cap, m->cap_left, sizeof(int) * (size_t)np * (size_t)m->span);
    for (int e = 0; e < m->n_experts; e++)
        g.slot[e] = m->eg_start[e + 1] - m->eg_start[e] >= 2 ? n_slots++ : -1;
    g.busy = AM_ARENA_ARRAY(m->arena, unsigned char, (long long)n_slots * m->span + 1);
    for (int i = 0; i < m->n_counties * AM_N_HALVES; i++)
        max_days = m->gh[i].n_days > max_days ? m->gh[i].n_days : max_days;
    ranked *order = AM_ARENA_ARRAY(m->arena, ranked, max_days + 1);
    int n_gh = m->n_counties * AM_N_HALVES;
    ranked *pairs = AM_ARENA_ARRAY(m->arena, ranked, n_gh + 1);
    if (!g.busy || !order || !pairs)
        goto nomem;
    /* pairs the solution being repaired settles (a day at 1) go first, so that a pair it left
     * fractional cannot take a day from one it settled */
    for (int i = 0; i < n_gh; i++) {
        double top = 0;
        for (int k = 0; prefer && k < m->gh[i].n_days; k++)
            top = prefer[m->gh[i].cols[k]] > top ? prefer[m->gh[i].cols[k]] : top;
        pairs[i] = (ranked){top > 1.0 - 1e-6 ? 1.0 : 0.0, 0, i, 0};
    }
    qsort(pairs, (size_t)n_gh, sizeof *pairs, cmp_pair);
    /* with a solution to repair: first every pair on the days it chose, where they fit; only
     * then the displaced meetings, on the best days left, so that they take no chosen day */
    int *chosen = AM_ARENA_ARRAY(m->arena, int, n_gh + 1);
    if (!chosen)
        goto nomem;
    for (int pass = prefer ? 0 : 1; pass < 2; pass++)
        for (int q = 0; q < n_gh; q++) {
            const meet_gh *gh = &m->gh[pairs[q].k];
            if (gh->r == 0)
                continue;
            for (int k = 0; k < gh->n_days; k++)
                order[k] = (ranked){prefer ? prefer[gh->cols[k]] : 0.0,
                                    meet_value(m, gh->county, gh->half, gh->days[k]), k,
                                    gh->days[k]};
            qsort(order, (size_t)gh->n_days, sizeof *order, cmp_ranked);
            int *n = &chosen[pairs[q].k];
            for (int k = 0; k < gh->n_days && *n < gh->r; k++) {
                if (pass == 0 && order[k].preferred < 0.5)
                    break;
                if (values[gh->cols[order[k].k]] < 0.5 && fits(&g, gh->county, order[k].date)) {
                    take(&g, gh->county, order[k].date);
                    values[gh->cols[order[k].k]] = 1.0;
                    ++*n;
                }
            }
            values[gh->col_u] = gh->r - *n;
        }
    improve(&g, values);
    *out = values;
    return AM_OK;
nomem:
    return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory building the starting schedule");
}
