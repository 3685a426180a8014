/* models/match_cons_expert.c: the rows that tie counties together through an expert: capacity
 * (groups), leader capacity, and one role per group for experts who may sit in several groups
 * (docs/formulation.md). */
#include "match_model.h"

/* Candidate pairs by expert (counting sort over the county-ordered candidates). */
typedef struct by_expert {
    long long *start; /* pairs of expert e: pair[start[e] .. start[e+1]) */
    long long *pair;
} by_expert;

static int index_by_expert(const match_model *m, by_expert *b)
{
    int ne = am_instance_n_experts(m->inst);
    long long np = m->cands->n_pairs;
    b->start = AM_ARENA_ARRAY(m->arena, long long, ne + 2);
    b->pair = AM_ARENA_ARRAY(m->arena, long long, np + 1);
    long long *fill = AM_ARENA_ARRAY(m->arena, long long, ne + 1);
    if (!b->start || !b->pair || !fill)
        return -1;
    for (long long k = 0; k < np; k++)
        b->start[m->cands->cands[k].expert + 1]++;
    for (int e = 0; e < ne; e++)
        b->start[e + 1] += b->start[e];
    for (int e = 0; e < ne; e++)
        fill[e] = b->start[e];
    for (long long k = 0; k < np; k++)
        b->pair[fill[m->cands->cands[k].expert]++] = k;
    return 0;
}

/* county of pair k: the candidates are grouped by county, so search the start array. */
static int county_of(const match_model *m, long long k)
{
    int lo = 0, hi = m->cands->n_counties - 1;
    while (lo < hi) {
        int mid = lo + (hi - lo + 1) / 2;
        if (m->cands->start[mid] <= k)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

static am_status expert_rows(match_model *m, const by_expert *b, int e, am_error *err)
{
    am_status st = AM_OK;
    const am_expert *x = am_instance_expert(m->inst, e);
    long long n = b->start[e + 1] - b->start[e], n_lead = 0;
    for (long long q = b->start[e]; q < b->start[e + 1]; q++)
        n_lead += m->col_y[b->pair[q]] >= 0;
    /* cap[e]: sum over counties of (x + y) <= capacity; needless when it cannot bind */
    if (n > x->capacity) {
        am_lp_row_begin(m->lp);
        for (long long q = b->start[e]; q < b->start[e + 1]; q++)
            AM_TRY(match_row_add_member(m, b->pair[q], 1.0, err));
        AM_TRY(match_end_row(m, MR_CAPACITY, -1, e, AM_LP_LE, 0, x->capacity, err));
    }
    /* leadcap[e]: sum of y <= leader_capacity, when tighter than the capacity row */
    if (n_lead > x->leader_capacity && x->leader_capacity < x->capacity) {
        am_lp_row_begin(m->lp);
        for (long long q = b->start[e]; q < b->start[e + 1]; q++)
            if (m->col_y[b->pair[q]] >= 0)
                AM_TRY(am_lp_row_add(m->lp, m->col_y[b->pair[q]], 1.0, err));
        AM_TRY(match_end_row(m, MR_LEADCAP, -1, e, AM_LP_LE, 0, x->leader_capacity, err));
    }
    /* onerole[c,e]: x + y <= 1. With capacity 1 the capacity row already says it. */
    if (x->capacity >= 2 || n <= x->capacity) {
        for (long long q = b->start[e]; q < b->start[e + 1]; q++) {
            long long k = b->pair[q];
            if (m->col_y[k] < 0)
                continue;
            am_lp_row_begin(m->lp);
            AM_TRY(am_lp_row_add(m->lp, m->col_x[k], 1.0, err));
            AM_TRY(am_lp_row_add(m->lp, m->col_y[k], 1.0, err));
            AM_TRY(match_end_row(m, MR_ONEROLE, county_of(m, k), e, AM_LP_LE, 0, 1, err));
        }
    }
done:
    return st;
}

am_status match_add_capacity(match_model *m, am_error *err)
{
    by_expert b;
    if (index_by_expert(m, &b) != 0)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory building the model");
    for (int e = 0; e < am_instance_n_experts(m->inst); e++) {
        am_status st = expert_rows(m, &b, e, err);
        if (st != AM_OK)
            return st;
    }
    return AM_OK;
}
