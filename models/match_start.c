/* models/match_start.c: a greedy solution of the group model that keeps every hard rule, so
 * that a search stopped early (time limit, Ctrl-C) still has a sound answer and the
 * branch-and-bound starts with an incumbent. County by county: the best available leader, the
 * best local and partner-province members up to the minimums, the best to cover each industry
 * and stage still uncovered, then the best-scoring candidates up to the target size and beyond
 * it while a member is worth more than the over-target penalty, never exceeding a capacity,
 * quota, size or organisation cap. Given an LP
 * solution, it first keeps the pairs the LP holds above one half (rounding), then fills. */
#include <stdlib.h>
#include <string.h>

#include "match_model.h"

typedef struct greedy {
    const match_model *m;
    int *cap_left, *lead_left;
    int *org_count; /* per organisation, for the current county */
    unsigned char *chosen, *leads;
    const long long *order; /* candidates of the current county, best first (m->rank) */
    bool in_model_only;   /* rounding: only pairs the model has */
} greedy;

/* Can candidate k join county c's group now (as leader if `lead`)? */
static bool fits(const greedy *g, long long k, const match_tally *t, bool lead)
{
    const am_cand *cd = &g->m->cands->cands[k];
    const am_policy *p = g->m->pol;
    const am_expert *x = am_instance_expert(g->m->inst, cd->expert);
    if (g->chosen[k] || g->cap_left[cd->expert] < 1 || t->n_members >= p->size_max)
        return false;
    if (g->in_model_only && g->m->col_x[k] < 0)
        return false;
    if (lead && (!(cd->flags & AM_CAND_CAN_LEAD) || g->lead_left[cd->expert] < 1))
        return false;
    if ((cd->flags & AM_CAND_LOCAL) && t->n_local >= p->local_max)
        return false;
    if ((cd->flags & AM_CAND_PAIRED) && t->n_paired >= p->pairing_max)
        return false;
    return g->org_count[x->org] < p->max_same_org;
}

static void take(greedy *g, long long k, match_tally *t, bool lead)
{
    const am_cand *cd = &g->m->cands->cands[k];
    g->chosen[k] = 1;
    g->leads[k] = lead;
    g->cap_left[cd->expert]--;
    if (lead)
        g->lead_left[cd->expert]--;
    g->org_count[am_instance_expert(g->m->inst, cd->expert)->org]++;
    t->n_members++;
    t->n_local += (cd->flags & AM_CAND_LOCAL) != 0;
    t->n_paired += (cd->flags & AM_CAND_PAIRED) != 0;
    t->has_leader |= lead;
    t->industries |= cd->industries;
    t->stages |= cd->stages;
}

/* The best candidate that covers industry `what` (or, for a stage, stage `what`) and fits. */
static void take_covering(greedy *g, long long n, bool stage, int what, match_tally *t)
{
    for (long long q = 0; q < n; q++) {
        const am_cand *cd = &g->m->cands->cands[g->order[q]];
        bool covers = stage ? (cd->stages >> what & 1) : (cd->industries >> what & 1);
        if (covers && fits(g, g->order[q], t, false)) {
            take(g, g->order[q], t, false);
            return;
        }
    }
}

/* Cover what is still uncovered: each industry of the county, heaviest first, then each
 * needed stage (its penalty outweighs any over-target cost). */
static void cover(greedy *g, int c, long long n, match_tally *t)
{
    const am_county *cy = am_instance_county(g->m->inst, c);
    for (int w = 3; w >= 1; w--)
        for (int i = 0; i < cy->n_industries && i < 64; i++)
            if (cy->industries[i].weight == w && !(t->industries >> i & 1))
                take_covering(g, n, false, i, t);
    for (int s = 0; s < AM_N_STAGES; s++)
        if ((cy->stages >> s & 1) && !(t->stages >> s & 1))
            take_covering(g, n, true, s, t);
}

/* Beyond the target, up to the maximum size: the candidates worth more than the over-target
 * penalty each costs. */
static void overfill(greedy *g, int c, long long n, match_tally *t)
{
    long long pen = (long long)g->m->pol->pen_over_target * am_instance_county(g->m->inst, c)->priority;
    for (long long q = 0; q < n && t->n_members < g->m->pol->size_max; q++) {
        long long k = g->order[q];
        if (match_pair_objective(g->m, k) <= pen)
            break;
        if (fits(g, k, t, false))
            take(g, k, t, false);
    }
}

/* Take the best candidate with `flag` (0: any) while `count` is below `goal`. */
static void fill(greedy *g, long long n, unsigned flag, const int *count, int goal, match_tally *t)
{
    for (long long i = 0; i < n && *count < goal; i++) {
        long long k = g->order[i];
        if ((flag == 0 || (g->m->cands->cands[k].flags & flag)) && fits(g, k, t, false))
            take(g, k, t, false);
    }
}

/* A locked membership: validation made sure it fits every hard rule with the others. */
static void take_locked(greedy *g, long long k)
{
    const am_cand *cd = &g->m->cands->cands[k];
    g->chosen[k] = 1;
    g->leads[k] = g->m->lock[k] == MATCH_LOCK_LEADER;
    g->cap_left[cd->expert]--;
    g->lead_left[cd->expert] -= g->leads[k];
}

/* The organisation counts of county c's members so far. */
static void count_orgs(greedy *g, int c, int delta)
{
    const match_model *m = g->m;
    for (long long k = m->cands->start[c]; k < m->cands->start[c + 1]; k++)
        if (g->chosen[k])
            g->org_count[am_instance_expert(m->inst, m->cands->cands[k].expert)->org] += delta;
}

/* Rounding: county c keeps the pairs a solution `x` (per pair) and `y` (its leader column)
 * holds at more than one half, as far as every rule allows. */
static void round_county(greedy *g, int c, const double *x, const double *y)
{
    const match_model *m = g->m;
    match_tally t;
    match_tally_group(m, c, g->chosen, g->leads, &t); /* the locked members so far */
    count_orgs(g, c, +1);
    for (long long k = m->cands->start[c]; k < m->cands->start[c + 1] && !t.has_leader; k++)
        if (y[k] > 0.5 && fits(g, k, &t, true))
            take(g, k, &t, true);
    for (long long k = m->cands->start[c]; k < m->cands->start[c + 1]; k++)
        if (x[k] > 0.5 && fits(g, k, &t, false))
            take(g, k, &t, false);
    count_orgs(g, c, -1);
}

static void greedy_county(greedy *g, int c)
{
    const match_model *m = g->m;
    long long first = m->cands->start[c], n = m->cands->start[c + 1] - first;
    match_tally t;
    match_tally_group(m, c, g->chosen, g->leads, &t);
    count_orgs(g, c, +1);
    g->order = m->rank + first;
    for (long long i = 0; i < n && !t.has_leader; i++)
        if (fits(g, g->order[i], &t, true))
            take(g, g->order[i], &t, true);
    fill(g, n, AM_CAND_LOCAL, &t.n_local, m->pol->local_min, &t);
    fill(g, n, AM_CAND_PAIRED, &t.n_paired, m->pol->pairing_min, &t);
    cover(g, c, n, &t);
    fill(g, n, 0, &t.n_members, m->pol->size_target, &t);
    overfill(g, c, n, &t);
    for (long long i = 0; i < n; i++) /* reset the organisation counts for the next county */
        g->org_count[am_instance_expert(m->inst, m->cands->cands[first + i].expert)->org] = 0;
}

am_status match_greedy(const match_model *m, am_arena *a, const double *x, const double *y,
                       unsigned char **chosen, unsigned char **leads, am_error *err)
{
    int ne = am_instance_n_experts(m->inst);
    long long np = m->cands->n_pairs;
    greedy g = {.m = m, .in_model_only = x != NULL};
    g.cap_left = AM_ARENA_ARRAY(a, int, ne + 1);
    g.lead_left = AM_ARENA_ARRAY(a, int, ne + 1);
    g.org_count = AM_ARENA_ARRAY(a, int, am_instance_n_orgs(m->inst) + 1);
    g.chosen = AM_ARENA_ARRAY(a, unsigned char, np + 1);
    g.leads = AM_ARENA_ARRAY(a, unsigned char, np + 1);
    if (!g.cap_left || !g.lead_left || !g.org_count || !g.chosen || !g.leads)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory in the greedy start");
    for (int e = 0; e < ne; e++) {
        g.cap_left[e] = am_instance_expert(m->inst, e)->capacity;
        g.lead_left[e] = am_instance_expert(m->inst, e)->leader_capacity;
    }
    for (long long k = 0; m->lock && k < np; k++) /* locked memberships come first, as they are */
        if (m->lock[k])
            take_locked(&g, k);
    for (int c = 0; x && c < m->cands->n_counties; c++)
        round_county(&g, c, x, y);
    for (int c = 0; c < m->cands->n_counties; c++)
        greedy_county(&g, c);
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
        match_tally_group(m, c, chosen, leads, &t);
        match_tight_slacks(m, c, &t, v);
    }
    for (long long k = 0; k < m->cands->n_pairs; k++) {
        if (!chosen[k])
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

am_status match_start(const match_model *m, am_arena *a, double **out, am_error *err)
{
    unsigned char *chosen, *leads;
    am_status st = match_greedy(m, a, NULL, NULL, &chosen, &leads, err);
    return st == AM_OK ? match_values(m, a, chosen, leads, out, err) : st;
}
