/* models/match_vars.c: the columns of the group model and their objective coefficients:
 * x and y per candidate, and the penalised slack columns per county (docs/formulation.md,
 * "Variables"). Also notes what each column and row is, for names and extraction. */
#include <string.h>

#include "match_model.h"

am_status match_note_col(match_model *m, int col, match_col_kind kind, int county, int aux,
                         am_error *err)
{
    if (am_arena_grow(m->arena, (void **)&m->col_info, &m->cap_col_info, (size_t)col + 1,
                      sizeof(match_col_info), _Alignof(match_col_info)) != 0)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory building the model");
    m->col_info[col] = (match_col_info){(unsigned char)kind, county, aux};
    return AM_OK;
}

am_status match_note_row(match_model *m, match_row_family f, int county, int aux, am_error *err)
{
    int row = am_lp_n_rows(m->lp);
    if (am_arena_grow(m->arena, (void **)&m->row_info, &m->cap_row_info, (size_t)row + 1,
                      sizeof(match_row_info), _Alignof(match_row_info)) != 0)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory building the model");
    m->row_info[row] = (match_row_info){(unsigned char)f, county, aux};
    return AM_OK;
}

am_status match_end_row(match_model *m, match_row_family f, int county, int aux, am_lp_sense sense,
                        double lo, double hi, am_error *err)
{
    am_status st = match_note_row(m, f, county, aux, err);
    if (st == AM_OK)
        st = am_lp_row_end(m->lp, sense, lo, hi, err);
    return st;
}

am_status match_row_add_member(match_model *m, long long k, double coef, am_error *err)
{
    if (m->col_x[k] < 0)
        return AM_OK;
    am_status st = am_lp_row_add(m->lp, m->col_x[k], coef, err);
    if (st == AM_OK && m->col_y[k] >= 0)
        st = am_lp_row_add(m->lp, m->col_y[k], coef, err);
    return st;
}

/* Add one column and note it; returns the column or -1 (error set). */
static int add_col(match_model *m, am_lp_kind kind, double lb, double ub, double obj,
                   match_col_kind what, int county, int aux, am_error *err)
{
    int col = am_lp_add_col(m->lp, kind, lb, ub, obj);
    if (col < 0) {
        am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory building the model");
        return -1;
    }
    if (match_note_col(m, col, what, county, aux, err) != AM_OK)
        return -1;
    return col;
}

/* What the candidates of county c can offer, to fix slacks that nothing can reduce. */
typedef struct offer {
    int n_local, n_paired;
    uint64_t industries;
    unsigned stages;
} offer;

static offer county_offer(const match_model *m, int c)
{
    offer o = {0};
    for (int k = m->cands->start[c]; k < m->cands->start[c + 1]; k++) {
        const am_cand *cd = &m->cands->cands[k];
        o.n_local += (cd->flags & AM_CAND_LOCAL) != 0;
        o.n_paired += (cd->flags & AM_CAND_PAIRED) != 0;
        o.industries |= cd->industries;
        o.stages |= cd->stages;
    }
    return o;
}

/* Slack columns of county c. A slack that no candidate can reduce is fixed at its value, and
 * the row that would hold it is not built (see the row families). */
static am_status add_county_slacks(match_model *m, int c, am_error *err)
{
    const am_county *cy = am_instance_county(m->inst, c);
    const am_policy *p = m->pol;
    const am_province *pv = am_instance_province(m->inst, cy->province);
    double pr = cy->priority;
    offer o = county_offer(m, c);
    int lmin = p->local_min, pmin = p->pairing_min;
#define SLACK(dst, lb, ub, obj, kind, aux)                                                         \
    do {                                                                                           \
        if (((dst) = add_col(m, AM_LP_CONTINUOUS, (lb), (ub), (obj), (kind), c, (aux), err)) < 0)  \
            return err->status;                                                                    \
    } while (0)
    SLACK(m->col_size[c], 0, p->size_min, -p->pen_size * pr, MC_SIZE, -1);
    SLACK(m->col_over[c], 0, p->size_max - p->size_target, -p->pen_over_target * pr, MC_OVER, -1);
    SLACK(m->col_lead[c], 0, 1, -p->pen_leader * pr, MC_LEAD, -1);
    SLACK(m->col_local[c], o.n_local ? 0 : lmin, lmin, -p->pen_local * pr, MC_LOCAL, -1);
    m->col_pairing[c] = -1;
    if (pv->n_paired > 0)
        SLACK(m->col_pairing[c], o.n_paired ? 0 : pmin, pmin, -p->pen_pairing * pr, MC_PAIRING, -1);
    int first = -1;
    for (int i = 0; i < cy->n_industries; i++) {
        int col, covered = i < 64 && (o.industries >> i & 1);
        SLACK(col, covered ? 0 : 1, 1, -(double)p->pen_industry * cy->industries[i].weight * pr,
              MC_INDUSTRY, i);
        if (i == 0)
            first = col;
    }
    m->col_industry_start[c] = first;
    for (int s = 0; s < AM_N_STAGES; s++) {
        m->col_stage[c * AM_N_STAGES + s] = -1;
        if (!(cy->stages >> s & 1))
            continue;
        SLACK(m->col_stage[c * AM_N_STAGES + s], (o.stages >> s & 1) ? 0 : 1, 1,
              -p->pen_stage * pr, MC_STAGE, s);
    }
#undef SLACK
    return AM_OK;
}

/* County c is not in the model: no slack columns (its rows are not built either). */
static void no_county(match_model *m, int c)
{
    m->col_size[c] = m->col_over[c] = m->col_lead[c] = m->col_local[c] = m->col_pairing[c] = -1;
    m->col_industry_start[c] = -1;
    for (int s = 0; s < AM_N_STAGES; s++)
        m->col_stage[c * AM_N_STAGES + s] = -1;
}

/* Allocate n ints in the arena, every one -1; NULL on no memory. */
static int *minus_ones(am_arena *a, long long n)
{
    int *v = AM_ARENA_ARRAY(a, int, n + 1);
    for (long long i = 0; v && i <= n; i++)
        v[i] = -1;
    return v;
}

static int alloc_maps(match_model *m)
{
    int nc = m->cands->n_counties, ne = am_instance_n_experts(m->inst), n_ind = 0;
    long long np = m->cands->n_pairs;
    am_arena *a = m->arena;
    m->ind_off = AM_ARENA_ARRAY(a, int, nc + 1);
    if (!m->ind_off)
        return -1;
    for (int c = 0; c < nc; c++) {
        m->ind_off[c] = n_ind;
        n_ind += am_instance_county(m->inst, c)->n_industries;
    }
    m->ind_off[nc] = n_ind;
    m->col_x = minus_ones(a, np);
    m->col_y = minus_ones(a, np);
    m->row_size = minus_ones(a, nc);
    m->row_lead = minus_ones(a, nc);
    m->row_local = minus_ones(a, nc);
    m->row_pairing = minus_ones(a, nc);
    m->row_industry = minus_ones(a, n_ind);
    m->row_stage = minus_ones(a, (long long)nc * AM_N_STAGES);
    m->row_cap = minus_ones(a, ne);
    m->row_leadcap = minus_ones(a, ne);
    m->row_org = minus_ones(a, np);
    m->row_onerole = minus_ones(a, np);
    m->col_size = AM_ARENA_ARRAY(a, int, nc + 1);
    m->col_over = AM_ARENA_ARRAY(a, int, nc + 1);
    m->col_lead = AM_ARENA_ARRAY(a, int, nc + 1);
    m->col_local = AM_ARENA_ARRAY(a, int, nc + 1);
    m->col_pairing = AM_ARENA_ARRAY(a, int, nc + 1);
    m->col_industry_start = AM_ARENA_ARRAY(a, int, nc + 1);
    m->col_stage = AM_ARENA_ARRAY(a, int, (size_t)nc * AM_N_STAGES + 1);
    return m->col_x && m->col_y && m->row_size && m->row_lead && m->row_local &&
                   m->row_pairing && m->row_industry && m->row_stage && m->row_cap &&
                   m->row_leadcap && m->row_org && m->row_onerole && m->col_size &&
                   m->col_over && m->col_lead && m->col_local && m->col_pairing &&
                   m->col_industry_start && m->col_stage
               ? 0
               : -1;
}

am_status match_add_vars(match_model *m, am_error *err)
{
    if (alloc_maps(m) != 0)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory building the model");
    for (int c = 0; c < m->cands->n_counties; c++) {
        if (!match_has_county(m, c)) {
            no_county(m, c);
            continue;
        }
        for (int k = m->cands->start[c]; k < m->cands->start[c + 1]; k++) {
            if (m->active && !m->active[k])
                continue;
            const am_cand *cd = &m->cands->cands[k];
            double score = (double)match_pair_objective(m, k);
            m->col_x[k] = add_col(m, AM_LP_BINARY, 0, 1, score, MC_MEMBER, c, cd->expert, err);
            if (m->col_x[k] < 0)
                return err->status;
            if (cd->flags & AM_CAND_CAN_LEAD) {
                m->col_y[k] = add_col(m, AM_LP_BINARY, 0, 1, score, MC_LEADER, c, cd->expert, err);
                if (m->col_y[k] < 0)
                    return err->status;
            }
            match_lock_cols(m, k);
        }
        am_status st = add_county_slacks(m, c, err);
        if (st != AM_OK)
            return st;
    }
    return AM_OK;
}
