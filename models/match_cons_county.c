/* models/match_cons_county.c: the rows of one group: size (with its shortfall and over-target
 * slacks), leader, local and pairing quotas, and the organisation cap (docs/formulation.md).
 * Reads the candidates; writes rows through am_lp. */
#include <stdlib.h>

#include "match_model.h"

#define CANDS_OF(m, c, k) for (long long k = (m)->cands->start[c]; k < (m)->cands->start[(c) + 1]; k++)

/* size[c]: sum(x + y) + u_size - o_over in [min, target]; with o_over <= max - target this also
 * keeps the size at most max. */
am_status match_add_size(match_model *m, am_error *err)
{
    am_status st = AM_OK;
    for (int c = 0; c < m->cands->n_counties; c++) {
        if (!match_has_county(m, c))
            continue;
        am_lp_row_begin(m->lp);
        CANDS_OF(m, c, k) AM_TRY(match_row_add_member(m, k, 1.0, err));
        AM_TRY(am_lp_row_add(m->lp, m->col_size[c], 1.0, err));
        AM_TRY(am_lp_row_add(m->lp, m->col_over[c], -1.0, err));
        m->row_size[c] = am_lp_n_rows(m->lp);
        AM_TRY(match_end_row(m, MR_SIZE, c, -1, AM_LP_RANGE, m->pol->size_min,
                             m->pol->size_target, err));
    }
done:
    return st;
}

/* lead[c]: sum(y) + u_lead = 1: at most one leader, and a penalty when there is none. */
am_status match_add_leader(match_model *m, am_error *err)
{
    am_status st = AM_OK;
    for (int c = 0; c < m->cands->n_counties; c++) {
        if (!match_has_county(m, c))
            continue;
        am_lp_row_begin(m->lp);
        CANDS_OF(m, c, k) if (m->col_y[k] >= 0) AM_TRY(am_lp_row_add(m->lp, m->col_y[k], 1.0, err));
        AM_TRY(am_lp_row_add(m->lp, m->col_lead[c], 1.0, err));
        m->row_lead[c] = am_lp_n_rows(m->lp);
        AM_TRY(match_end_row(m, MR_LEAD, c, -1, AM_LP_EQ, 1.0, 1.0, err));
    }
done:
    return st;
}

/* A quota row: sum over candidates with `flag` of (x + y) + slack in [min, max]. Built only
 * when some candidate has the flag (otherwise the slack column is fixed at min), even if none of
 * them is in the model yet; never for a county the model does not have (no slack). */
static am_status add_quota(match_model *m, unsigned flag, const int *slack, match_row_family f,
                           int min, int max, int *rows, am_error *err)
{
    am_status st = AM_OK;
    for (int c = 0; c < m->cands->n_counties; c++) {
        if (slack[c] < 0)
            continue;
        int n = 0;
        am_lp_row_begin(m->lp);
        CANDS_OF(m, c, k) if (m->cands->cands[k].flags & flag) {
            AM_TRY(match_row_add_member(m, k, 1.0, err));
            n++;
        }
        if (n == 0) {
            am_lp_row_begin(m->lp); /* discard: nothing to bound */
            continue;
        }
        AM_TRY(am_lp_row_add(m->lp, slack[c], 1.0, err));
        rows[c] = am_lp_n_rows(m->lp);
        AM_TRY(match_end_row(m, f, c, -1, AM_LP_RANGE, min, max, err));
    }
done:
    return st;
}

am_status match_add_local(match_model *m, am_error *err)
{
    return add_quota(m, AM_CAND_LOCAL, m->col_local, MR_LOCAL, m->pol->local_min,
                     m->pol->local_max, m->row_local, err);
}

am_status match_add_pairing(match_model *m, am_error *err)
{
    return add_quota(m, AM_CAND_PAIRED, m->col_pairing, MR_PAIRING, m->pol->pairing_min,
                     m->pol->pairing_max, m->row_pairing, err);
}

/* org[c,o] over the candidates ks[0..n) (all of organisation o in county c), when more than
 * max_same_org of them are in the model and the row is not built yet. */
static am_status org_row(match_model *m, int c, int org, const long long *ks, long long n,
                         am_error *err)
{
    am_status st = AM_OK;
    long long in_model = 0;
    for (long long q = 0; q < n; q++)
        in_model += m->col_x[ks[q]] >= 0;
    if (in_model <= m->pol->max_same_org || m->row_org[ks[0]] >= 0)
        return AM_OK;
    am_lp_row_begin(m->lp);
    for (long long q = 0; q < n; q++)
        AM_TRY(match_row_add_member(m, ks[q], 1.0, err));
    for (long long q = 0; q < n; q++)
        m->row_org[ks[q]] = am_lp_n_rows(m->lp);
    AM_TRY(match_end_row(m, MR_ORG, c, org, AM_LP_LE, 0, m->pol->max_same_org, err));
done:
    return st;
}

/* Scratch for the candidates of one county (the most any county has). */
static long long *county_scratch(match_model *m)
{
    if (!m->scratch_k) {
        long long most = 0;
        for (int c = 0; c < m->cands->n_counties; c++)
            if (m->cands->start[c + 1] - m->cands->start[c] > most)
                most = m->cands->start[c + 1] - m->cands->start[c];
        m->scratch_k = AM_ARENA_ARRAY(m->arena, long long, most + 1);
    }
    return m->scratch_k;
}

am_status match_org_row(match_model *m, int c, int org, am_error *err)
{
    long long *ks = county_scratch(m), n = 0;
    if (!ks)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory building the model");
    CANDS_OF(m, c, k) if (am_instance_expert(m->inst, m->cands->cands[k].expert)->org == org)
        ks[n++] = k;
    return n > 0 ? org_row(m, c, org, ks, n, err) : AM_OK;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* org[c,o]: sum over candidates of organisation o of (x + y) <= max_same_org, built only for
 * organisations with more candidates in the model than that, per county in organisation order.
 * Counting, not sorting: the restricted model has few pairs per county. */
am_status match_add_org(match_model *m, am_error *err)
{
    am_status st = AM_OK;
    int cap = m->pol->max_same_org, n_orgs = am_instance_n_orgs(m->inst);
    int *count = AM_ARENA_ARRAY(m->arena, int, n_orgs + 1);
    int *over = AM_ARENA_ARRAY(m->arena, int, n_orgs + 1);
    if (!count || !over || !county_scratch(m))
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory building the model");
    for (int c = 0; c < m->cands->n_counties; c++) {
        int n_over = 0;
        CANDS_OF(m, c, k) if (m->col_x[k] >= 0) {
            int o = am_instance_expert(m->inst, m->cands->cands[k].expert)->org;
            if (++count[o] == cap + 1)
                over[n_over++] = o;
        }
        qsort(over, (size_t)n_over, sizeof *over, cmp_int);
        for (int i = 0; i < n_over; i++)
            AM_TRY(match_org_row(m, c, over[i], err));
        CANDS_OF(m, c, k) count[am_instance_expert(m->inst, m->cands->cands[k].expert)->org] = 0;
    }
done:
    return st;
}
