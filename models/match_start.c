/* models/match_start.c: a greedy starting solution for the group model that keeps every hard
 * rule, so that a search stopped early (time limit, Ctrl-C) still has a sound answer and the
 * branch-and-bound starts with an incumbent. County by county: the best available leader, the
 * best local and partner-province members up to the minimums, then the best-scoring candidates
 * up to the target size, never exceeding a capacity, quota or organisation cap. */
#include <stdlib.h>
#include <string.h>

#include "match_model.h"

typedef struct greedy {
    const match_model *m;
    int *cap_left, *lead_left;
    int *org_count; /* per organisation, for the current county */
    unsigned char *chosen, *leads;
    struct ranked *order; /* candidates of the current county, best first */
} greedy;

typedef struct ranked {
    long long score;
    int expert;
    long long k;
} ranked;

static int cmp_score_desc(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return (x->expert > y->expert) - (x->expert < y->expert);
}

/* Can candidate k join county c's group now (as leader if `lead`)? */
static bool fits(const greedy *g, long long k, const match_tally *t, bool lead)
{
    const am_cand *cd = &g->m->cands->cands[k];
    const am_policy *p = g->m->pol;
    const am_expert *x = am_instance_expert(g->m->inst, cd->expert);
    if (g->chosen[k] || g->cap_left[cd->expert] < 1 || t->n_members >= p->size_max)
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
}

/* Take the best candidate with `flag` (0: any) while `count` is below `goal`. */
static void fill(greedy *g, long long n, unsigned flag, const int *count, int goal, match_tally *t)
{
    for (long long i = 0; i < n && *count < goal; i++) {
        long long k = g->order[i].k;
        if ((flag == 0 || (g->m->cands->cands[k].flags & flag)) && fits(g, k, t, false))
            take(g, k, t, false);
    }
}

static void greedy_county(greedy *g, int c)
{
    const match_model *m = g->m;
    long long first = m->cands->start[c], n = m->cands->start[c + 1] - first;
    match_tally t = {0};
    for (long long i = 0; i < n; i++) {
        const am_cand *cd = &m->cands->cands[first + i];
        g->order[i] = (ranked){cd->score, cd->expert, first + i};
    }
    qsort(g->order, (size_t)n, sizeof(ranked), cmp_score_desc);
    for (long long i = 0; i < n && !t.has_leader; i++)
        if (fits(g, g->order[i].k, &t, true))
            take(g, g->order[i].k, &t, true);
    fill(g, n, AM_CAND_LOCAL, &t.n_local, m->pol->local_min, &t);
    fill(g, n, AM_CAND_PAIRED, &t.n_paired, m->pol->pairing_min, &t);
    fill(g, n, 0, &t.n_members, m->pol->size_target, &t);
    for (long long i = 0; i < n; i++) /* reset the organisation counts for the next county */
        g->org_count[am_instance_expert(m->inst, m->cands->cands[first + i].expert)->org] = 0;
}

am_status match_start(const match_model *m, am_arena *a, double **out, am_error *err)
{
    int ne = am_instance_n_experts(m->inst);
    long long np = m->cands->n_pairs, most = 0;
    greedy g = {.m = m};
    double *v = AM_ARENA_ARRAY(a, double, am_lp_n_cols(m->lp) + 1);
    for (int c = 0; c < m->cands->n_counties; c++)
        if (m->cands->start[c + 1] - m->cands->start[c] > most)
            most = m->cands->start[c + 1] - m->cands->start[c];
    g.cap_left = AM_ARENA_ARRAY(a, int, ne + 1);
    g.lead_left = AM_ARENA_ARRAY(a, int, ne + 1);
    g.org_count = AM_ARENA_ARRAY(a, int, am_instance_n_orgs(m->inst) + 1);
    g.chosen = AM_ARENA_ARRAY(a, unsigned char, np + 1);
    g.leads = AM_ARENA_ARRAY(a, unsigned char, np + 1);
    g.order = AM_ARENA_ARRAY(a, ranked, most + 1);
    if (!v || !g.cap_left || !g.lead_left || !g.org_count || !g.chosen || !g.leads || !g.order)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory in the greedy start");
    for (int e = 0; e < ne; e++) {
        g.cap_left[e] = am_instance_expert(m->inst, e)->capacity;
        g.lead_left[e] = am_instance_expert(m->inst, e)->leader_capacity;
    }
    for (int c = 0; c < m->cands->n_counties; c++) {
        greedy_county(&g, c);
        match_tally t;
        match_tally_group(m, c, g.chosen, g.leads, &t);
        match_tight_slacks(m, c, &t, v);
    }
    for (long long k = 0; k < np; k++) {
        if (m->col_y[k] >= 0)
            v[m->col_y[k]] = g.leads[k];
        v[m->col_x[k]] = g.chosen[k] && !g.leads[k];
    }
    *out = v;
    return AM_OK;
}
