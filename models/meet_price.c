/* models/meet_price.c: the starting points and the column generation of the meeting model:
 * each (group, half) on its own best days, the first days the restricted models hold, and the
 * pricing of the days left out. The restricted models hold a few days per (group, half); after each LP solve, every day left out is priced with the LP's
 * duals and those that could improve the LP join. The same duals give a Lagrangian bound on the
 * full model at every round (docs/formulation.md, "Meetings"): relax the cap and spacing rows
 * with multipliers pi >= 0; what is left splits into one small problem per (group, half)
 * (choose r days or leave u), solved exactly by taking its r best days. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "meet_model.h"

/* Days per meeting to be planned that the first restricted model holds. */
#define MEET_FIRST_DAYS 20

typedef struct ranked_day {
    long long value;
    int k;
} ranked_day;

static int cmp_ranked_day(const void *a, const void *b)
{
    const ranked_day *x = a, *y = b;
    if (x->value != y->value)
        return x->value < y->value ? 1 : -1;
    return (x->k > y->k) - (x->k < y->k);
}

/* Scratch for ranking the days of any pair, or NULL. */
static ranked_day *rank_scratch(meet_model *m)
{
    int max_days = 0;
    for (int i = 0; i < m->n_counties * AM_N_HALVES; i++)
        max_days = m->gh[i].n_days > max_days ? m->gh[i].n_days : max_days;
    return AM_ARENA_ARRAY(m->arena, ranked_day, max_days + 1);
}

/* The days of g by value, best first, earliest first on ties. */
static void rank_days(const meet_model *m, const meet_gh *g, ranked_day *order)
{
    for (int k = 0; k < g->n_days; k++)
        order[k] = (ranked_day){meet_value(m, g->county, g->half, g->days[k]), k};
    qsort(order, (size_t)g->n_days, sizeof *order, cmp_ranked_day);
}

am_status meet_independent(meet_model *m, am_error *err)
{
    m->indep = AM_ARENA_ARRAY(m->arena, double, m->n_global + 1);
    ranked_day *order = rank_scratch(m);
    if (!m->indep || !order)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory planning meetings");
    for (int i = 0; i < m->n_counties * AM_N_HALVES; i++) {
        const meet_gh *g = &m->gh[i];
        if (g->r == 0)
            continue;
        rank_days(m, g, order);
        int chosen = g->n_days < g->r ? g->n_days : g->r;
        for (int k = 0; k < chosen; k++)
            m->indep[g->cols[order[k].k]] = 1.0;
        m->indep[g->col_u] = g->r - chosen;
    }
    return AM_OK;
}

am_status meet_use_init(meet_model *m, am_error *err)
{
    m->use = AM_ARENA_ARRAY(m->arena, unsigned char, m->n_global + 1);
    ranked_day *order = rank_scratch(m);
    if (!m->use || !order)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory planning meetings");
    for (int i = 0; i < m->n_counties * AM_N_HALVES; i++) {
        const meet_gh *g = &m->gh[i];
        if (g->r == 0)
            continue;
        /* the pair's best days by value (its own optimum first) and a few alternatives */
        rank_days(m, g, order);
        for (int k = 0; k < g->n_days && k < MEET_FIRST_DAYS * g->r; k++)
            m->use[g->cols[order[k].k]] = 1;
    }
    return AM_OK;
}

typedef struct pricer {
    meet_model *m;
    double *cap_pi; /* [province * span + day] */
    int *sp_start;  /* per expert: its spacing rows are sp_list[sp_start[e] .. sp_start[e+1]) */
    int *sp_list;   /* indexes into m->lazy */
} pricer;

static double row_pi(const meet_model *m, int z)
{
    int row = z < m->n_lazy_built ? m->lazy_row[z] : -1;
    double pi = row >= 0 ? am_lp_row_dual(m->lp, row) : 0.0;
    return pi > 0 ? pi : 0.0; /* any pi >= 0 gives a valid bound */
}

/* Objective of day k of g minus the multipliers of the cap and spacing rows it is in. */
static double reduced_value(const pricer *pr, const meet_gh *g, int k)
{
    const meet_model *m = pr->m;
    am_date d = g->days[k];
    double v = (double)meet_value(m, g->county, g->half, d);
    int p = am_instance_county(m->inst, g->county)->province;
    if (p >= 0)
        v -= pr->cap_pi[(long long)p * m->span + (d - m->day0)];
    for (int i = 0; i < m->n_members[g->county]; i++) {
        int e = m->members[g->county][i];
        if (pr->sp_start[e] == pr->sp_start[e + 1] || !meet_available(m->inst, e, d))
            continue;
        for (int q = pr->sp_start[e]; q < pr->sp_start[e + 1]; q++) {
            int z = pr->sp_list[q];
            if (m->lazy[z].date <= d && m->lazy[z].date + 6 >= d)
                v -= row_pi(m, z);
        }
    }
    return v;
}

/* Insert v into the descending list top[0..r). */
static void keep_top(double *top, int r, double v)
{
    for (int i = 0; i < r; i++)
        if (v > top[i]) {
            memmove(top + i + 1, top + i, sizeof *top * (size_t)(r - i - 1));
            top[i] = v;
            return;
        }
}

am_status meet_price(meet_model *m, double slack, int max_per_pair, int *n_added, double *bound,
                     am_error *err)
{
    int np = am_instance_n_provinces(m->inst), max_r = 1;
    pricer pr = {.m = m, .cap_pi = AM_ARENA_ARRAY(m->arena, double, (long long)np * m->span + 1),
                 .sp_start = AM_ARENA_ARRAY(m->arena, int, m->n_experts + 2),
                 .sp_list = AM_ARENA_ARRAY(m->arena, int, m->n_lazy + 1)};
    if (!pr.cap_pi || !pr.sp_start || !pr.sp_list)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory pricing meeting days");
    double L = 0;
    for (int i = 0; i < m->n_lazy; i++) {
        const meet_lazy *r = &m->lazy[i];
        double pi = row_pi(m, i);
        if (r->family == MER_CAP) {
            long long at = (long long)r->who * m->span + (r->date - m->day0);
            pr.cap_pi[at] = pi;
            L += pi * m->cap_left[at];
        } else {
            pr.sp_start[r->who + 1]++;
            L += pi;
        }
    }
    for (int e = 0; e < m->n_experts; e++)
        pr.sp_start[e + 1] += pr.sp_start[e];
    for (int i = 0; i < m->n_lazy; i++)
        if (m->lazy[i].family == MER_SPACE)
            pr.sp_list[pr.sp_start[m->lazy[i].who]++] = i;
    for (int e = m->n_experts; e > 0; e--) /* the fill moved each start to the next one's */
        pr.sp_start[e] = pr.sp_start[e - 1];
    pr.sp_start[0] = 0;
    for (int i = 0; i < m->n_counties * AM_N_HALVES; i++)
        max_r = m->gh[i].r > max_r ? m->gh[i].r : max_r;
    double *top = AM_ARENA_ARRAY(m->arena, double, max_r + 1);
    double *rc = AM_ARENA_ARRAY(m->arena, double, m->span + 1);
    if (!top || !rc)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory pricing meeting days");
    *n_added = 0;
    for (int i = 0; i < m->n_counties * AM_N_HALVES; i++) {
        const meet_gh *g = &m->gh[i];
        if (g->r == 0)
            continue;
        /* the pair alone: r * (-P) + its r best (value - multipliers + P)+ */
        double P = (double)m->w.P;
        for (int t = 0; t < g->r; t++)
            top[t] = 0;
        for (int k = 0; k < g->n_days; k++) {
            rc[k] = reduced_value(&pr, g, k);
            if (rc[k] + P > 0)
                keep_top(top, g->r, rc[k] + P);
        }
        L -= P * g->r;
        for (int t = 0; t < g->r; t++)
            L += top[t];
        /* pricing: days left out whose reduced cost (minus the count row's dual) is above
         * -slack; pairs fixed at their own optimum cannot gain from another day */
        if (m->coupled && !m->coupled[i])
            continue;
        double pi_count = am_lp_row_dual(m->lp, g->row_count);
        int added = 0;
        while (added < max_per_pair) {
            int best = -1;
            for (int k = 0; k < g->n_days; k++)
                if (!m->use[g->cols[k]] && rc[k] - pi_count > -slack &&
                    (best < 0 || rc[k] > rc[best]))
                    best = k;
            if (best < 0)
                break;
            m->use[g->cols[best]] = 1;
            added++;
        }
        *n_added += added;
    }
    *bound = L;
    return AM_OK;
}
