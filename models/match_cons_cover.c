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

am_status match_add_cover(match_model *m, am_error *err)
{
    am_status st = AM_OK;
    for (int c = 0; c < m->cands->n_counties; c++) {
        const am_county *cy = am_instance_county(m->inst, c);
        for (int i = 0; i < cy->n_industries && i < 64; i++)
            AM_TRY(add_cover_row(m, c, m->col_industry_start[c] + i, MR_INDUSTRY, i,
                                 &m->row_industry[m->ind_off[c] + i], err));
        for (int s = 0; s < AM_N_STAGES; s++)
            if (m->col_stage[c * AM_N_STAGES + s] >= 0)
                AM_TRY(add_cover_row(m, c, m->col_stage[c * AM_N_STAGES + s], MR_STAGE, s,
                                     &m->row_stage[c * AM_N_STAGES + s], err));
    }
done:
    return st;
}
