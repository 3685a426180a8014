/* models/match_nbhd.c: the fast path's endgame (docs/formulation.md, "Phase 2"). Near the end the
 * LP bound is usually the optimum and the best groups fall a few units short of it, by chains of
 * exchanges across many counties that the local moves cannot see. The counties where the best
 * groups and the last LP solution differ are solved again together, by GLPK's branch-and-bound,
 * as a model of their own: their pairs of the restricted model, every other group fixed (its
 * experts' capacities reduced by what it holds). The model is small, so each node is cheap;
 * when it reaches the bound no search over the whole model is needed. */
#include <math.h>

#include "match_model.h"

/* At most this many counties in the neighbourhood (more: not searched), and nodes in its
 * search (a limit on work, not time, so the answer is the same on every machine). */
enum { NB_MAX_COUNTIES = 150, NB_MAX_NODES = 400 };

/* The counties where a pair's LP values and the groups differ; returns how many. */
static int differing(const match_model *m, const double *x, const double *y,
                     const unsigned char *chosen, const unsigned char *leads, unsigned char *in)
{
    int n = 0;
    for (int c = 0; c < m->cands->n_counties; c++) {
        for (long long k = m->cands->start[c]; k < m->cands->start[c + 1] && !in[c]; k++) {
            double gx = chosen[k] && !leads[k], gy = leads[k];
            in[c] = fabs(x[k] - gx) > 1e-6 || fabs(y[k] - gy) > 1e-6;
        }
        n += in[c];
    }
    return n;
}

/* Build and solve the neighbourhood `in`; *gain and the groups as match_nbhd says. */
static am_status search(const match_model *m, const am_match_params *p, const unsigned char *in,
                        unsigned char *chosen, unsigned char *leads, long long *gain,
                        am_error *err)
{
    am_status st = AM_OK;
    int ne = am_instance_n_experts(m->inst);
    long long np = m->cands->n_pairs;
    int *cap_used = AM_ARENA_ARRAY(m->arena, int, ne + 1);
    int *lead_used = AM_ARENA_ARRAY(m->arena, int, ne + 1);
    unsigned char *active = AM_ARENA_ARRAY(m->arena, unsigned char, np + 1);
    if (!cap_used || !lead_used || !active)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory in the endgame");
    for (long long k = 0; k < np; k++) {
        int e = m->cands->cands[k].expert;
        if (in[m->pair_county[k]]) {
            active[k] = m->col_x[k] >= 0;
        } else if (chosen[k]) {
            cap_used[e]++;
            lead_used[e] += leads[k] != 0;
        }
    }
    match_model nb = {.inst = m->inst, .pol = m->pol, .cands = m->cands, .arena = m->arena,
                      .active = active, .county_in = in, .cap_used = cap_used,
                      .lead_used = lead_used, .by_e_start = m->by_e_start,
                      .by_e_pair = m->by_e_pair, .keep_bonus = m->keep_bonus, .lock = m->lock,
                      .rank = m->rank, .order = m->order, .pair_county = m->pair_county};
    AM_TRY(am_lp_new(m->arena, &nb.lp, err));
    AM_TRY(match_build(&nb, err));
    double *start;
    AM_TRY(match_values(&nb, m->arena, chosen, leads, &start, err));
    am_lp_solve_params sp = {.integral_objective = true, .start = start, .dive = true,
                             .stop = p->stop, .max_nodes = NB_MAX_NODES};
    am_lp_outcome oc;
    AM_TRY(am_lp_solve(nb.lp, &sp, &oc, err));
    long long before = llround(match_objective(&nb, start)); /* nb's obj_offset is 0, as oc's */
    if (!oc.has_solution || llround(oc.objective) <= before)
        goto done;
    *gain = llround(oc.objective) - before;
    for (long long k = 0; k < np; k++) {
        if (!in[m->pair_county[k]])
            continue;
        leads[k] = nb.col_y[k] >= 0 && am_lp_value(nb.lp, nb.col_y[k]) > 0.5;
        chosen[k] = leads[k] || (nb.col_x[k] >= 0 && am_lp_value(nb.lp, nb.col_x[k]) > 0.5);
    }
done:
    am_lp_free(nb.lp);
    return st;
}

am_status match_nbhd(const match_model *m, const am_match_params *p, const double *x,
                     const double *y, unsigned char *chosen, unsigned char *leads,
                     long long *gain, am_error *err)
{
    *gain = 0;
    unsigned char *in = AM_ARENA_ARRAY(m->arena, unsigned char, m->cands->n_counties + 1);
    if (!in)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory in the endgame");
    int n = differing(m, x, y, chosen, leads, in);
    if (n == 0 || n > NB_MAX_COUNTIES)
        return AM_OK;
    return search(m, p, in, chosen, leads, gain, err);
}
