/* models/match_cons_expert.c: the rows that tie counties together through an expert: capacity
 * (groups), leader capacity, and one role per group for experts who may sit in several groups
 * (docs/formulation.md); built for the pairs in the model, again as pairs are added. */
#include "match_model.h"

am_status match_index_experts(match_model *m, am_error *err)
{
    int ne = am_instance_n_experts(m->inst);
    long long np = m->cands->n_pairs;
    m->by_e_start = AM_ARENA_ARRAY(m->arena, long long, ne + 2);
    m->by_e_pair = AM_ARENA_ARRAY(m->arena, long long, np + 1);
    long long *fill = AM_ARENA_ARRAY(m->arena, long long, ne + 1);
    if (!m->by_e_start || !m->by_e_pair || !fill)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory building the model");
    for (long long k = 0; k < np; k++)
        m->by_e_start[m->cands->cands[k].expert + 1]++;
    for (int e = 0; e < ne; e++)
        m->by_e_start[e + 1] += m->by_e_start[e];
    for (int e = 0; e < ne; e++)
        fill[e] = m->by_e_start[e];
    for (long long k = 0; k < np; k++)
        m->by_e_pair[fill[m->cands->cands[k].expert]++] = k;
    return AM_OK;
}

/* county of pair k: noted by match_rank when it ran; else, since the candidates are grouped by
 * county, search the start array. */
int match_county_of(const match_model *m, long long k)
{
    if (m->pair_county)
        return m->pair_county[k];
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

#define PAIRS_OF(m, e, q) for (long long q = (m)->by_e_start[e]; q < (m)->by_e_start[(e) + 1]; q++)

am_status match_onerole_row(match_model *m, long long k, am_error *err)
{
    am_status st = AM_OK;
    if (m->col_y[k] < 0 || m->row_onerole[k] >= 0)
        return AM_OK;
    am_lp_row_begin(m->lp);
    AM_TRY(am_lp_row_add(m->lp, m->col_x[k], 1.0, err));
    AM_TRY(am_lp_row_add(m->lp, m->col_y[k], 1.0, err));
    m->row_onerole[k] = am_lp_n_rows(m->lp);
    AM_TRY(match_end_row(m, MR_ONEROLE, match_county_of(m, k),
                         m->cands->cands[k].expert, AM_LP_LE, 0, 1, err));
done:
    return st;
}

static bool fixed_at_zero(const match_model *m, long long k)
{
    double lb, ub, obj;
    am_lp_col_bounds(m->lp, m->col_x[k], &lb, &ub, &obj);
    if (ub == 0.0)
        return true;
    am_lp_col_bounds(m->lp, m->col_y[k], &lb, &ub, &obj);
    return ub == 0.0;
}

am_status match_onerole_rows(match_model *m, const double *x, const double *y, int *n_added,
                             am_error *err)
{
    *n_added = 0;
    for (long long k = 0; k < m->cands->n_pairs; k++) {
        if (m->col_y[k] < 0 || m->row_onerole[k] >= 0)
            continue;
        int e = m->cands->cands[k].expert;
        if (match_capacity(m, e) < 2 && m->row_cap[e] >= 0)
            continue; /* cap(e) <= 1 says it */
        if (x && x[k] + y[k] <= 1.0 + 1e-9)
            continue;
        if (!x && fixed_at_zero(m, k))
            continue; /* x + y <= 1 holds with either column fixed at 0 */
        am_status st = match_onerole_row(m, k, err);
        if (st != AM_OK)
            return st;
        (*n_added)++;
    }
    return AM_OK;
}

am_status match_expert_rows(match_model *m, int e, am_error *err)
{
    am_status st = AM_OK;
    int cap = match_capacity(m, e), lead_cap = match_leader_capacity(m, e);
    long long n = 0, n_lead = 0;
    PAIRS_OF(m, e, q) {
        n += m->col_x[m->by_e_pair[q]] >= 0;
        n_lead += m->col_y[m->by_e_pair[q]] >= 0;
    }
    /* cap[e]: sum over counties of (x + y) <= capacity; needless when it cannot bind */
    if (n > cap && m->row_cap[e] < 0) {
        am_lp_row_begin(m->lp);
        PAIRS_OF(m, e, q) AM_TRY(match_row_add_member(m, m->by_e_pair[q], 1.0, err));
        m->row_cap[e] = am_lp_n_rows(m->lp);
        AM_TRY(match_end_row(m, MR_CAPACITY, -1, e, AM_LP_LE, 0, cap, err));
    }
    /* leadcap[e]: sum of y <= leader_capacity, when tighter than the capacity row */
    if (n_lead > lead_cap && lead_cap < cap && m->row_leadcap[e] < 0) {
        am_lp_row_begin(m->lp);
        PAIRS_OF(m, e, q) if (m->col_y[m->by_e_pair[q]] >= 0)
            AM_TRY(am_lp_row_add(m->lp, m->col_y[m->by_e_pair[q]], 1.0, err));
        m->row_leadcap[e] = am_lp_n_rows(m->lp);
        AM_TRY(match_end_row(m, MR_LEADCAP, -1, e, AM_LP_LE, 0, lead_cap, err));
    }
    /* onerole[c,e]: x + y <= 1. With capacity 1 the capacity row, once built, already says it.
     * The fast path adds these rows only when a solution needs them (match_onerole_rows). */
    if (!m->lazy_onerole && (cap >= 2 || m->row_cap[e] < 0))
        PAIRS_OF(m, e, q) AM_TRY(match_onerole_row(m, m->by_e_pair[q], err));
done:
    return st;
}

am_status match_add_capacity(match_model *m, am_error *err)
{
    if (!m->by_e_start) {
        am_status st = match_index_experts(m, err);
        if (st != AM_OK)
            return st;
    }
    for (int e = 0; e < am_instance_n_experts(m->inst); e++) {
        am_status st = match_expert_rows(m, e, err);
        if (st != AM_OK)
            return st;
    }
    return AM_OK;
}
