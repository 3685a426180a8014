/* models/solve.c: the matching pipeline behind am_match: candidates, model (columns, then each
 * row family from a table in a fixed order), optional LP file of the full model, the solve (the
 * fast path of match_cg.c, or the full model with --exact), extraction, and the independent
 * check. Owns the solve arenas, freed before returning. */
#include <math.h>
#include <stdio.h>

#include "advmatch/am_check.h"
#include "advmatch/am_match.h"
#include "match_model.h"

typedef am_status (*family_fn)(match_model *m, am_error *err);

/* The row families in the order their rows appear in the model (docs/formulation.md). */
static const family_fn families[] = {match_add_size,    match_add_leader, match_add_local,
                                     match_add_pairing, match_add_org,    match_add_cover,
                                     match_add_capacity};

void am_match_params_init(am_match_params *p)
{
    *p = (am_match_params){0};
}

const char *am_phase_name(am_phase p)
{
    static const char *const names[] = {"build", "lp", "mip", "done"};
    return (unsigned)p < 4 ? names[p] : "?";
}

am_status match_build(match_model *m, am_error *err)
{
    am_status st = AM_OK;
    AM_TRY(match_add_vars(m, err));
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++)
        AM_TRY(families[i](m, err));
done:
    return st;
}

/* Write the full model (every pair) as an LP file, in an arena of its own. */
static am_status write_full_model(const am_instance *inst, const am_candidates *cands,
                                  const char *path, am_error *err)
{
    am_status st = AM_OK;
    match_model m = {.inst = inst, .pol = am_instance_policy(inst), .cands = cands};
    if (!(m.arena = am_arena_new()))
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory writing the model");
    AM_TRY(match_current_init(&m, err));
    AM_TRY(am_lp_new(m.arena, &m.lp, err));
    AM_TRY(match_build(&m, err));
    AM_TRY(am_lp_write(m.lp, path, match_col_name, match_row_name, &m, err));
done:
    am_lp_free(m.lp);
    am_arena_free(m.arena);
    return st;
}

/* The full model, solved directly from the greedy start. */
static am_status solve_exact(match_model *m, const am_match_params *p, long t0, double **values,
                             am_lp_outcome *oc, am_error *err)
{
    am_status st = AM_OK;
    double *start = NULL;
    AM_TRY(match_build(m, err));
    AM_TRY(match_start(m, m->arena, &start, err));
    am_lp_solve_params sp = {.time_limit_ms = p->time_limit_ms, .mip_gap_rel = p->mip_gap_rel,
                             .integral_objective = true, .start = start, .stop = p->stop,
                             .on_progress = p->on_progress, .progress_ctx = p->progress_ctx,
                             .elapsed_offset_ms = am_lp_now_ms() - t0};
    /* the limit counts from t0: am_lp adds elapsed_offset_ms to its own clock */
    AM_TRY(am_lp_solve(m->lp, &sp, oc, err));
    oc->objective += m->obj_offset; /* the model's columns leave out the constant */
    oc->bound += m->obj_offset;
    *values = AM_ARENA_ARRAY(m->arena, double, am_lp_n_cols(m->lp) + 1);
    if (!*values)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory reading the solution");
    for (int j = 0; j < am_lp_n_cols(m->lp); j++)
        (*values)[j] = am_lp_value(m->lp, j);
done:
    return st;
}

/* Run the independent checker; any finding is our bug (AM_EINTERNAL naming rule and county). */
static am_status check_result(const am_instance *inst, const am_result *res, am_error *err)
{
    am_diags *d = am_diags_new();
    am_check_report rep;
    if (!d)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory checking the result");
    am_status st = am_check(inst, res, d, &rep, err);
    if (st == AM_OK && am_diags_n_errors(d) > 0) {
        const am_diag *e = am_diags_get(d, 0);
        st = am_error_set(err, AM_EINTERNAL, e->record, e->field,
                          "the result failed the independent check: %s", e->message);
    }
    am_diags_free(d);
    return st;
}

static am_status extract(const am_instance *inst, match_model *m, const am_match_params *p,
                         long t0, const double *values, const am_lp_outcome *oc, am_result **out,
                         am_error *err)
{
    am_status st = AM_OK;
    am_result *res = NULL;
    long long objective = 0, np = m->cands->n_pairs;
    unsigned char *chosen = AM_ARENA_ARRAY(m->arena, unsigned char, np + 1);
    unsigned char *leads = AM_ARENA_ARRAY(m->arena, unsigned char, np + 1);
    if (!chosen || !leads)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory reading the solution");
    AM_TRY(am_result_new(inst, &res, err));
    AM_TRY(match_extract(m, values, chosen, leads, res, &objective, err));
    if (oc->end == AM_LP_END_OPTIMAL && fabs((double)objective - oc->objective) > 0.5) {
        st = am_error_set(err, AM_EINTERNAL, NULL, NULL,
                          "model objective %.1f differs from the memberships' objective %lld",
                          oc->objective, objective);
        goto done;
    }
    double bound = oc->has_bound ? fmax(floor(oc->bound + 1e-6), (double)objective) : 0.0;
    double gap = oc->has_bound ? (bound - (double)objective) / fmax(1.0, fabs((double)objective)) : 0.0;
    am_result_set_outcome(res, am_lp_outcome_of(oc->end), objective, oc->has_bound, bound, gap);
    am_result_stats stats = {.n_candidates = np, .n_rows = am_lp_n_rows(m->lp),
                             .n_cols = am_lp_n_cols(m->lp), .n_binaries = am_lp_n_binaries(m->lp),
                             .n_nonzeros = am_lp_n_nonzeros(m->lp)};
    am_result_set_stats(res, &stats);
    if (!p->skip_check)
        AM_TRY(check_result(inst, res, err));
    am_lp_report_done(p, t0, objective, oc, bound, gap);
    *out = res;
    res = NULL;
done:
    am_result_free(res);
    return st;
}

am_status am_match(const am_instance *inst, const am_match_params *p, am_result **out,
                   am_error *err)
{
    am_status st = AM_OK;
    long t0 = am_lp_now_ms();
    am_candidates *cands = NULL;
    match_model m = {.inst = inst, .pol = am_instance_policy(inst)};
    *out = NULL;
    am_arena *a = am_arena_new();
    if (!a)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory starting the solve");
    m.arena = a;
    AM_TRY(am_candidates_build(inst, a, &cands, err));
    m.cands = cands;
    AM_TRY(match_current_init(&m, err));
    AM_TRY(match_rank(&m, err));
    if (p->write_lp_path)
        AM_TRY(write_full_model(inst, cands, p->write_lp_path, err));
    AM_TRY(am_lp_new(a, &m.lp, err));
    if (p->on_progress) {
        am_progress pr = {.phase = AM_PHASE_BUILD, .elapsed_ms = am_lp_now_ms() - t0, .gap = -1};
        p->on_progress(p->progress_ctx, &pr);
    }
    double *values = NULL;
    am_lp_outcome oc;
    if (p->exact)
        AM_TRY(solve_exact(&m, p, t0, &values, &oc, err));
    else
        AM_TRY(match_cg(&m, p, t0, &values, &oc, err));
    AM_TRY(extract(inst, &m, p, t0, values, &oc, out, err));
done:
    am_lp_free(m.lp);
    am_arena_free(a);
    return st;
}
