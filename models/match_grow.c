/* models/match_grow.c: bring a left-out pair into the restricted group model after it was
 * built: its x (and y) columns, with a coefficient in every row of the model that the pair's
 * membership counts in (docs/formulation.md, "The fast path"). */
#include "match_model.h"

int match_member_rows(const match_model *m, long long k, int c, int *rows)
{
    const am_cand *cd = &m->cands->cands[k];
    const am_county *cy = am_instance_county(m->inst, c);
    int n = 0;
    rows[n++] = m->row_size[c];
    if ((cd->flags & AM_CAND_LOCAL) && m->row_local[c] >= 0)
        rows[n++] = m->row_local[c];
    if ((cd->flags & AM_CAND_PAIRED) && m->row_pairing[c] >= 0)
        rows[n++] = m->row_pairing[c];
    if (m->row_org[k] >= 0)
        rows[n++] = m->row_org[k];
    for (int i = 0; i < cy->n_industries && i < 64; i++)
        if ((cd->industries >> i & 1) && m->row_industry[m->ind_off[c] + i] >= 0)
            rows[n++] = m->row_industry[m->ind_off[c] + i];
    for (int s = 0; s < AM_N_STAGES; s++)
        if ((cd->stages >> s & 1) && m->row_stage[c * AM_N_STAGES + s] >= 0)
            rows[n++] = m->row_stage[c * AM_N_STAGES + s];
    if (m->row_cap[cd->expert] >= 0)
        rows[n++] = m->row_cap[cd->expert];
    return n;
}

am_status match_add_pair(match_model *m, long long k, am_error *err)
{
    if (m->col_x[k] >= 0)
        return AM_OK;
    const am_cand *cd = &m->cands->cands[k];
    int c = match_county_of(m, k), rows[MATCH_MAX_ROWS_PER_PAIR];
    double ones[MATCH_MAX_ROWS_PER_PAIR];
    for (int i = 0; i < MATCH_MAX_ROWS_PER_PAIR; i++)
        ones[i] = 1.0;
    int n = match_member_rows(m, k, c, rows);
    double score = (double)match_pair_objective(m, k);
    int x = am_lp_add_col_in(m->lp, AM_LP_BINARY, 0, 1, score, n, rows, ones);
    if (x < 0)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory adding a pair");
    m->col_x[k] = x;
    am_status st = match_note_col(m, x, MC_MEMBER, c, cd->expert, err);
    if (st != AM_OK || !(cd->flags & AM_CAND_CAN_LEAD)) {
        match_lock_cols(m, k);
        return st;
    }
    rows[n++] = m->row_lead[c];
    if (m->row_leadcap[cd->expert] >= 0)
        rows[n++] = m->row_leadcap[cd->expert];
    int y = am_lp_add_col_in(m->lp, AM_LP_BINARY, 0, 1, score, n, rows, ones);
    if (y < 0)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory adding a pair");
    m->col_y[k] = y;
    st = match_note_col(m, y, MC_LEADER, c, cd->expert, err);
    match_lock_cols(m, k);
    return st;
}
