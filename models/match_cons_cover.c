/* models/match_cons_cover.c: coverage rows: every industry of a county and every stage it needs
 * should be covered by some member, or its penalised slack is 1 (docs/formulation.md). */
#include "match_model.h"

/* One cover row for county c: members whose candidate covers `what`, plus the slack. Skipped
 * when the slack is already fixed at 1 (no candidate covers it); built, with the slack alone,
 * when the candidates that cover it are not in the model yet. */
static am_status add_cover_row(match_model *m, int c, int slack, match_row_family f, int what,
                               int *row, am_error *err)
{
    am_status st = AM_OK;
    int n = 0;
    am_lp_row_begin(m->lp);
    for (long long k = m->cands->start[c]; k < m->cands->start[c + 1]; k++) {
        const am_cand *cd = &m->cands->cands[k];
        int covers = f == MR_INDUSTRY ? (int)(cd->industries >> what & 1) : (int)(cd->stages >> what & 1);
        if (covers) {
            AM_TRY(match_row_add_member(m, k, 1.0, err));
            n++;
        }
    }
    if (n == 0)
        return AM_OK;
    AM_TRY(am_lp_row_add(m->lp, slack, 1.0, err));
    *row = am_lp_n_rows(m->lp);
    AM_TRY(match_end_row(m, f, c, what, AM_LP_GE, 1.0, 0.0, err));
done:
    return st;
}

/* How much the members cover each industry and stage of county c: in the solution (x, y per
 * pair, only pairs in the model can be above 0), or, without one, in the groups `chosen`. */
static void coverage(const match_model *m, int c, const double *x, const double *y,
                     const unsigned char *chosen, double *ind, double *stage)
{
    for (int i = 0; i < 64; i++)
        ind[i] = 0.0;
    for (int s = 0; s < AM_N_STAGES; s++)
        stage[s] = 0.0;
    for (long long k = m->cands->start[c]; k < m->cands->start[c + 1]; k++) {
        if (m->col_x[k] < 0 && !(chosen && chosen[k]))
            continue;
        double v = x ? x[k] + y[k] : (double)(chosen[k] != 0);
        if (v == 0.0)
            continue;
        const am_cand *cd = &m->cands->cands[k];
        for (uint64_t bits = cd->industries; bits; bits &= bits - 1)
            ind[__builtin_ctzll(bits)] += v;
        for (int s = 0; s < AM_N_STAGES; s++)
            if (cd->stages >> s & 1)
                stage[s] += v;
    }
}

/* May a cover row wait, with this coverage? Not when asked for every row (x and chosen NULL),
 * nor when a solution x, y leaves it short, nor when the groups `chosen` cover it only once
 * (the LP would feel it at once). */
static bool can_wait(double cov, const double *x, const unsigned char *chosen)
{
    if (x)
        return cov >= 1.0 - 1e-6;
    if (chosen)
        return cov >= 2.0;
    return false;
}

/* The cover rows of county c that are not built yet and may not wait (can_wait); the
 * restricted model builds a row once a solution could leave it short. */
static am_status county_cover_rows(match_model *m, int c, const double *x, const double *y,
                                   const unsigned char *chosen, int *n_added, am_error *err)
{
    am_status st = AM_OK;
    const am_county *cy = am_instance_county(m->inst, c);
    double ind[64], stage[AM_N_STAGES];
    if (!match_has_county(m, c))
        return AM_OK;
    if (x || chosen)
        coverage(m, c, x, y, chosen, ind, stage);
    for (int i = 0; i < cy->n_industries && i < 64; i++) {
        int *row = &m->row_industry[m->ind_off[c] + i];
        if (*row >= 0 || can_wait(ind[i], x, chosen))
            continue;
        AM_TRY(add_cover_row(m, c, m->col_industry_start[c] + i, MR_INDUSTRY, i, row, err));
        *n_added += *row >= 0;
    }
    for (int s = 0; s < AM_N_STAGES; s++) {
        int *row = &m->row_stage[c * AM_N_STAGES + s];
        if (m->col_stage[c * AM_N_STAGES + s] < 0 || *row >= 0 || can_wait(stage[s], x, chosen))
            continue;
        AM_TRY(add_cover_row(m, c, m->col_stage[c * AM_N_STAGES + s], MR_STAGE, s, row, err));
        *n_added += *row >= 0;
    }
done:
    return st;
}

am_status match_cover_rows(match_model *m, const double *x, const double *y, int *n_added,
                           am_error *err)
{
    *n_added = 0;
    for (int c = 0; c < m->cands->n_counties; c++) {
        am_status st = county_cover_rows(m, c, x, y, NULL, n_added, err);
        if (st != AM_OK)
            return st;
    }
    return AM_OK;
}

am_status match_add_cover(match_model *m, am_error *err)
{
    int n_added = 0;
    for (int c = 0; c < m->cands->n_counties; c++) {
        am_status st = county_cover_rows(m, c, NULL, NULL, m->lazy_cover, &n_added, err);
        if (st != AM_OK)
            return st;
    }
    return AM_OK;
}
