/* models/match_price.c: reduced costs of every candidate pair and a bound on the full group model
 * from the duals of the restricted model (docs/formulation.md, "The fast path"). For any row
 * prices pi, the full model's optimum is at most
 *     sum over rows of max over the row's range of pi * activity
 *   + sum over columns of max over the column's bounds of (objective - pi * column) * value,
 * the rows the restricted model has not built counting with pi = 0. */
#include <math.h>

#include "match_model.h"

/* The row's dual with the sign its bounds allow (a <= row cannot have a negative price, a >=
 * row a positive one: the term would be unbounded), and its term in the bound. */
static double row_price(const am_lp *lp, int row, double *term)
{
    am_lp_sense sense;
    double lo, hi, pi = am_lp_row_dual(lp, row);
    am_lp_row_bounds(lp, row, &sense, &lo, &hi);
    if (sense == AM_LP_LE && pi < 0)
        pi = 0;
    if (sense == AM_LP_GE && pi > 0)
        pi = 0;
    if (sense == AM_LP_LE)
        *term = pi * hi;
    else if (sense == AM_LP_GE || sense == AM_LP_EQ)
        *term = pi * lo;
    else
        *term = pi > 0 ? pi * hi : pi * lo;
    return pi;
}

/* The price of row r (0 when not built). */
static double at(const double *pi, int r) { return r >= 0 ? pi[r] : 0.0; }

/* The slack column j's reduced cost, from the one row it sits in. */
static double slack_cost(const match_model *m, const double *pi, int j, double obj)
{
    const match_col_info *ci = &m->col_info[j];
    int c = ci->county;
    switch ((match_col_kind)ci->kind) {
    case MC_SIZE: return obj - at(pi, m->row_size[c]);
    case MC_OVER: return obj + at(pi, m->row_size[c]);
    case MC_LEAD: return obj - at(pi, m->row_lead[c]);
    case MC_LOCAL: return obj - at(pi, m->row_local[c]);
    case MC_PAIRING: return obj - at(pi, m->row_pairing[c]);
    case MC_INDUSTRY: return obj - at(pi, m->row_industry[m->ind_off[c] + ci->aux]);
    case MC_STAGE: return obj - at(pi, m->row_stage[c * AM_N_STAGES + ci->aux]);
    default: return obj; /* not reached: pairs are priced below */
    }
}

static double pos(double d) { return d > 0 ? d : 0.0; }

/* Pair k's columns' term in the bound: x and y in [0, 1], or as a lock fixes them (a bound of
 * the full model too). Fixings of the search (match_cg.c) are not the full model's: ignored. */
static double pair_term(const match_model *m, long long k, double dx, double dy)
{
    unsigned char lock = m->lock ? m->lock[k] : MATCH_LOCK_NONE;
    if (lock == MATCH_LOCK_MEMBER)
        return dx;
    if (lock == MATCH_LOCK_LEADER)
        return dy;
    return pos(dx) + (dy > -HUGE_VAL ? pos(dy) : 0.0);
}

/* County c's row prices that its pairs' membership counts in (0 for a row not built). */
typedef struct county_prices {
    double size, local, pairing;
    double industry[64];
    double stage[AM_N_STAGES];
    uint64_t industries; /* the industries whose cover row is built */
    unsigned stages;     /* likewise for the stages */
} county_prices;

static void prices_of(const match_model *m, const double *pi, int c, county_prices *cp)
{
    const am_county *cy = am_instance_county(m->inst, c);
    cp->size = at(pi, m->row_size[c]);
    cp->local = at(pi, m->row_local[c]);
    cp->pairing = at(pi, m->row_pairing[c]);
    cp->industries = 0;
    cp->stages = 0;
    for (int i = 0; i < cy->n_industries && i < 64; i++) {
        int r = m->row_industry[m->ind_off[c] + i];
        cp->industry[i] = at(pi, r);
        cp->industries |= (uint64_t)(r >= 0) << i;
    }
    for (int s = 0; s < AM_N_STAGES; s++) {
        int r = m->row_stage[c * AM_N_STAGES + s];
        cp->stage[s] = at(pi, r);
        cp->stages |= (unsigned)(r >= 0) << s;
    }
}

/* Pair k's membership reduced cost: its objective minus the prices of the rows
 * match_member_rows lists, in that order, and of its onerole row. */
static double member_cost(const match_model *m, const double *pi, const county_prices *cp,
                          long long k)
{
    const am_cand *cd = &m->cands->cands[k];
    double d = (double)match_pair_objective(m, k) - at(pi, m->row_onerole[k]);
    d -= cp->size;
    if (cd->flags & AM_CAND_LOCAL)
        d -= cp->local;
    if (cd->flags & AM_CAND_PAIRED)
        d -= cp->pairing;
    d -= at(pi, m->row_org[k]);
    for (uint64_t b = cd->industries & cp->industries; b; b &= b - 1)
        d -= cp->industry[__builtin_ctzll(b)];
    for (unsigned b = cd->stages & cp->stages; b; b &= b - 1)
        d -= cp->stage[__builtin_ctz(b)];
    return d - at(pi, m->row_cap[cd->expert]);
}

am_status match_price(match_model *m, match_prices *pr, am_error *err)
{
    int nr = am_lp_n_rows(m->lp), nc = am_lp_n_cols(m->lp);
    long long np = m->cands->n_pairs;
    double *pi = AM_ARENA_ARRAY(m->arena, double, nr + 1);
    if (!pr->dx) {
        pr->dx = AM_ARENA_ARRAY(m->arena, double, np + 1);
        pr->dy = AM_ARENA_ARRAY(m->arena, double, np + 1);
    }
    if (!pi || !pr->dx || !pr->dy)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory pricing the pairs");
    double bound = m->obj_offset, term;
    for (int i = 0; i < nr; i++) {
        pi[i] = row_price(m->lp, i, &term);
        bound += term;
    }
    for (int j = 0; j < nc; j++) {
        const match_col_info *ci = &m->col_info[j];
        if (ci->kind == MC_MEMBER || ci->kind == MC_LEADER)
            continue;
        double lb, ub, obj;
        am_lp_col_bounds(m->lp, j, &lb, &ub, &obj);
        double d = slack_cost(m, pi, j, obj);
        bound += fmax(d * lb, d * ub);
    }
    for (int c = 0; c < m->cands->n_counties; c++) {
        county_prices cp;
        prices_of(m, pi, c, &cp);
        for (long long k = m->cands->start[c]; k < m->cands->start[c + 1]; k++) {
            const am_cand *cd = &m->cands->cands[k];
            double d = member_cost(m, pi, &cp, k);
            pr->dx[k] = d;
            pr->dy[k] = -HUGE_VAL;
            if (cd->flags & AM_CAND_CAN_LEAD)
                pr->dy[k] = d - at(pi, m->row_lead[c]) - at(pi, m->row_leadcap[cd->expert]);
            bound += pair_term(m, k, pr->dx[k], pr->dy[k]);
        }
    }
    pr->bound = bound;
    return AM_OK;
}
