/* models/match_start.c: a greedy solution of the group model that keeps every hard rule, so
 * that a search stopped early (time limit, Ctrl-C) still has a sound answer and the fast path
 * starts near the optimum. Best pair first across all counties, in phases by how much the rules
 * weigh: leaders, local and partner-province members up to the minimums, a member for each
 * industry (heaviest first) and needed stage still uncovered, members up to the target size,
 * then beyond it while a member is worth more than the over-target penalty; in each phase the
 * pairs are tried in the order of m->order (objective, best first), so a county never takes an
 * expert that another county values more before that county has had its turn. Never exceeds a
 * capacity, quota, size or organisation cap. Given an LP solution, it first keeps the pairs the
 * LP holds above one half (rounding), then fills. */
#include <stdlib.h>
#include <string.h>

#include "match_model.h"

typedef struct greedy {
    const match_model *m;
    int *cap_left, *lead_left;  /* per expert */
    match_tally *t;             /* per county */
    int *orgs;                  /* per county, its members' organisations (size_max slots) */
    uint64_t *by_weight;        /* per county and weight 1..3: its industries of that weight */
    long long *over_pen;        /* per county: what a member above the target costs */
    const int *county;          /* per pair (m->pair_county) */
    const long long *order;     /* the pairs to try, best first */
    long long n_order;
    unsigned char *chosen, *leads;
    bool in_model_only;         /* rounding: only pairs the model has */
} greedy;

/* Can candidate k join county c's group now (as leader if `lead`)? */
static bool fits(const greedy *g, long long k, int c, bool lead)
{
    const am_cand *cd = &g->m->cands->cands[k];
    const am_policy *p = g->m->pol;
    const match_tally *t = &g->t[c];
    if (g->chosen[k] || g->cap_left[cd->expert] < 1 || t->n_members >= p->size_max)
        return false;
    if (g->in_model_only && g->m->col_x[k] < 0)
        return false;
    if (lead && (t->has_leader || !(cd->flags & AM_CAND_CAN_LEAD) ||
                 g->lead_left[cd->expert] < 1))
        return false;
    if ((cd->flags & AM_CAND_LOCAL) && t->n_local >= p->local_max)
        return false;
    if ((cd->flags & AM_CAND_PAIRED) && t->n_paired >= p->pairing_max)
        return false;
    int org = am_instance_expert(g->m->inst, cd->expert)->org, same = 0;
    for (int i = 0; i < t->n_members; i++)
        same += g->orgs[(long long)c * p->size_max + i] == org;
    return same < p->max_same_org;
}

/* Add k to its county's group; `locked` memberships are taken as they are (validation made sure
 * they fit every hard rule together). */
static void take(greedy *g, long long k, bool lead)
{
    const am_cand *cd = &g->m->cands->cands[k];
    int c = g->county[k];
    match_tally *t = &g->t[c];
    g->chosen[k] = 1;
    g->leads[k] = lead;
    g->cap_left[cd->expert]--;
    g->lead_left[cd->expert] -= lead;
    if (t->n_members < g->m->pol->size_max)
        g->orgs[(long long)c * g->m->pol->size_max + t->n_members] =
            am_instance_expert(g->m->inst, cd->expert)->org;
    t->n_members++;
    t->n_local += (cd->flags & AM_CAND_LOCAL) != 0;
    t->n_paired += (cd->flags & AM_CAND_PAIRED) != 0;
    t->has_leader |= lead;
    t->industries |= cd->industries;
    t->stages |= cd->stages;
}

/* What a phase wants of pair k in county c (its tally t) before it asks whether k fits. */
typedef enum phase {
    PH_LEADER, PH_LOCAL, PH_PAIRED, PH_INDUSTRY, PH_STAGE, PH_TARGET, PH_OVER
} phase;

static bool wanted(const greedy *g, phase ph, int weight, long long k, int c)
{
    const match_model *m = g->m;
    const am_cand *cd = &m->cands->cands[k];
    const match_tally *t = &g->t[c];
    switch (ph) {
    case PH_LEADER: return !t->has_leader && (cd->flags & AM_CAND_CAN_LEAD);
    case PH_LOCAL: return (cd->flags & AM_CAND_LOCAL) && t->n_local < m->pol->local_min;
    case PH_PAIRED: return (cd->flags & AM_CAND_PAIRED) && t->n_paired < m->pol->pairing_min;
    case PH_INDUSTRY: return (cd->industries & g->by_weight[c * 4 + weight] & ~t->industries) != 0;
    case PH_STAGE: return (cd->stages & ~t->stages) != 0; /* a candidate's stages are needed */
    case PH_TARGET: return t->n_members < m->pol->size_target;
    default: return match_pair_objective(m, k) > g->over_pen[c];
    }
}

/* One phase over the pairs, best first. */
static void run_phase(greedy *g, phase ph, int weight)
{
    for (long long i = 0; i < g->n_order; i++) {
        long long k = g->order[i];
        int c = g->county[k];
        if (wanted(g, ph, weight, k, c) && fits(g, k, c, ph == PH_LEADER))
            take(g, k, ph == PH_LEADER);
    }
}

/* Per county: its industries by weight and the over-target penalty; the pairs to try (every
 * pair, or for rounding those in the model), best first. */
static am_status prepare(greedy *g, am_arena *a, am_error *err)
{
    const match_model *m = g->m;
    int nc = m->cands->n_counties;
    long long np = m->cands->n_pairs, n = np;
    g->by_weight = AM_ARENA_ARRAY(a, uint64_t, (long long)nc * 4 + 1);
    g->over_pen = AM_ARENA_ARRAY(a, long long, nc + 1);
    g->county = m->pair_county;
    if (g->in_model_only) {
        n = 0;
        for (long long k = 0; k < np; k++)
            n += m->col_x[k] >= 0;
    }
    long long *order = g->in_model_only ? AM_ARENA_ARRAY(a, long long, n + 1) : NULL;
    if (!g->by_weight || !g->over_pen || (g->in_model_only && !order))
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory in the greedy start");
    for (int c = 0; c < nc; c++) {
        const am_county *cy = am_instance_county(m->inst, c);
        for (int i = 0; i < cy->n_industries && i < 64; i++)
            if (cy->industries[i].weight >= 1 && cy->industries[i].weight <= 3)
                g->by_weight[c * 4 + cy->industries[i].weight] |= (uint64_t)1 << i;
        g->over_pen[c] = (long long)m->pol->pen_over_target * cy->priority;
    }
    g->order = m->order;
    g->n_order = np;
    if (g->in_model_only) {
        long long q = 0;
        for (long long i = 0; i < np; i++)
            if (m->col_x[m->order[i]] >= 0)
                order[q++] = m->order[i];
        g->order = order;
        g->n_order = q;
    }
    return AM_OK;
}

am_status match_greedy(const match_model *m, am_arena *a, const double *x, const double *y,
                       unsigned char **chosen, unsigned char **leads, am_error *err)
{
    int ne = am_instance_n_experts(m->inst), nc = m->cands->n_counties;
    long long np = m->cands->n_pairs;
    greedy g = {.m = m, .in_model_only = x != NULL};
    g.cap_left = AM_ARENA_ARRAY(a, int, ne + 1);
    g.lead_left = AM_ARENA_ARRAY(a, int, ne + 1);
    g.t = AM_ARENA_ARRAY(a, match_tally, nc + 1);
    g.orgs = AM_ARENA_ARRAY(a, int, (long long)nc * m->pol->size_max + 1);
    g.chosen = AM_ARENA_ARRAY(a, unsigned char, np + 1);
    g.leads = AM_ARENA_ARRAY(a, unsigned char, np + 1);
    if (!g.cap_left || !g.lead_left || !g.t || !g.orgs || !g.chosen || !g.leads)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory in the greedy start");
    am_status st = prepare(&g, a, err);
    if (st != AM_OK)
        return st;
    for (int e = 0; e < ne; e++) {
        g.cap_left[e] = am_instance_expert(m->inst, e)->capacity;
        g.lead_left[e] = am_instance_expert(m->inst, e)->leader_capacity;
    }
    for (long long k = 0; m->lock && k < np; k++) /* locked memberships come first, as they are */
        if (m->lock[k])
            take(&g, k, m->lock[k] == MATCH_LOCK_LEADER);
    for (long long i = 0; x && i < g.n_order; i++) { /* rounding: the LP's leaders, then members */
        long long k = g.order[i];
        if (y[k] > 0.5 && fits(&g, k, g.county[k], true))
            take(&g, k, true);
    }
    for (long long i = 0; x && i < g.n_order; i++) {
        long long k = g.order[i];
        if (x[k] > 0.5 && fits(&g, k, g.county[k], false))
            take(&g, k, false);
    }
    run_phase(&g, PH_LEADER, 0);
    run_phase(&g, PH_LOCAL, 0);
    run_phase(&g, PH_PAIRED, 0);
    for (int w = 3; w >= 1; w--) /* an industry's penalty outweighs a stage's */
        run_phase(&g, PH_INDUSTRY, w);
    run_phase(&g, PH_STAGE, 0);
    run_phase(&g, PH_TARGET, 0);
    run_phase(&g, PH_OVER, 0);
    *chosen = g.chosen;
    *leads = g.leads;
    return AM_OK;
}

am_status match_values(const match_model *m, am_arena *a, const unsigned char *chosen,
                       const unsigned char *leads, double **out, am_error *err)
{
    double *v = AM_ARENA_ARRAY(a, double, am_lp_n_cols(m->lp) + 1);
    if (!v)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory in the starting solution");
    for (int c = 0; c < m->cands->n_counties; c++) {
        match_tally t;
        if (!match_has_county(m, c))
            continue;
        match_tally_group(m, c, chosen, leads, &t);
        match_tight_slacks(m, c, &t, v);
    }
    for (long long k = 0; k < m->cands->n_pairs; k++) {
        if (!chosen[k] || !match_has_county(m, match_county_of(m, k)))
            continue;
        if (m->col_x[k] < 0)
            return am_error_set(err, AM_EINTERNAL, NULL, NULL,
                                "a chosen pair is not in the model");
        if (leads[k])
            v[m->col_y[k]] = 1.0;
        else
            v[m->col_x[k]] = 1.0;
    }
    *out = v;
    return AM_OK;
}

double match_objective(const match_model *m, const double *v)
{
    double z = m->obj_offset, lb, ub, obj;
    for (int j = 0; j < am_lp_n_cols(m->lp); j++) {
        am_lp_col_bounds(m->lp, j, &lb, &ub, &obj);
        z += obj * v[j];
    }
    return z;
}

am_status match_start(const match_model *m, am_arena *a, double **out, am_error *err)
{
    unsigned char *chosen, *leads;
    am_status st = match_greedy(m, a, NULL, NULL, &chosen, &leads, err);
    return st == AM_OK ? match_values(m, a, chosen, leads, out, err) : st;
}
