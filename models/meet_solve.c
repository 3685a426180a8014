/* models/meet_solve.c: the scheduling pipeline behind am_meetings: groups and fixed meetings
 * (instance and kept), candidate days, model, optional LP file, greedy start, GLPK solve,
 * extraction and the independent schedule check. Owns the solve arena, freed before returning. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_meetings.h"
#include "advmatch/am_schedule_check.h"
#include "meet_model.h"

/* Run the independent checker; any finding is our bug (AM_EINTERNAL naming the first). */
static am_status check_schedule(const am_instance *inst, const am_result *groups,
                                const am_schedule *s, am_error *err)
{
    am_diags *d = am_diags_new();
    am_schedule_report rep = {0};
    if (!d)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory checking the schedule");
    am_status st = am_schedule_check(inst, groups, s, d, &rep, err);
    if (st == AM_OK && am_diags_n_errors(d) > 0) {
        const am_diag *e = am_diags_get(d, 0);
        st = am_error_set(err, AM_EINTERNAL, e->record, e->field,
                          "the schedule failed the independent check: %s", e->message);
    } else if (st == AM_OK && rep.n_violations + rep.n_mismatches > 0) {
        st = am_error_set(err, AM_EINTERNAL, NULL, NULL,
                          "the schedule failed the independent check: %d violations, %d mismatches",
                          rep.n_violations, rep.n_mismatches);
    }
    am_diags_free(d);
    return st;
}

/* Solve the restricted model in m->lp (its LP relaxation only, or as a MIP) and fill `oc` and
 * the values, indexed by the full model's columns (0 for the days the model leaves out). */
static am_status run_solver(meet_model *m, const am_match_params *p, long t0, bool lp_only,
                            am_lp_outcome *oc, double **values, am_error *err)
{
    am_status st = AM_OK;
    *values = AM_ARENA_ARRAY(m->arena, double, m->n_global + 1);
    if (!*values)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory reading the schedule");
    /* the limit counts from t0: am_lp adds elapsed_offset_ms to its own clock */
    am_lp_solve_params sp = {.time_limit_ms = p->time_limit_ms, .mip_gap_rel = p->mip_gap_rel,
                             .integral_objective = true, .stop = p->stop,
                             .on_progress = p->on_progress, .progress_ctx = p->progress_ctx,
                             .elapsed_offset_ms = am_lp_now_ms() - t0, .lp_only = lp_only,
                             .cuts = !lp_only};
    AM_TRY(am_lp_solve(m->lp, &sp, oc, err));
    for (int j = 0; j < m->n_global && oc->has_solution; j++)
        (*values)[j] = m->lp_of[j] >= 0 ? am_lp_value(m->lp, m->lp_of[j]) : 0.0;
done:
    return st;
}

/* Is the best plan within the requested gap of the bound (or within 1: the objective is an
 * integer)? */
static bool close_enough(const am_match_params *p, long long best, double bound)
{
    double gap = bound - (double)best;
    return gap < 1.0 - 1e-6 ||
           (p->mip_gap_rel > 0 && gap <= p->mip_gap_rel * fmax(1.0, fabs((double)best)));
}

static bool integral(const meet_model *m, const double *v)
{
    for (int j = 0; j < m->n_global; j++)
        if (fabs(v[j] - floor(v[j] + 0.5)) > 1e-6)
            return false;
    return true;
}

/* The search state: the best plan that keeps every row, and the best bound on the full model. */
typedef struct search {
    double *best;
    long long best_obj;
    double bound;
} search;

/* Keep `v` if it keeps every row (n_rows_new == 0 and integral), else its repair, if better. */
static am_status offer(meet_model *m, search *s, double *v, int n_rows_new, am_error *err)
{
    if (n_rows_new > 0 || !integral(m, v)) {
        am_status st = meet_start(m, v, &v, err);
        if (st != AM_OK)
            return st;
    }
    long long o = meet_objective(m, v);
    if (o > s->best_obj) {
        s->best = v;
        s->best_obj = o;
    }
    return AM_OK;
}

/* Rebuild the restricted model: the days in m->use, the lazy rows, pairs no lazy row touches
 * fixed at their own optimum. */
static am_status rebuild(meet_model *m, am_error *err)
{
    am_status st = meet_mark_coupled(m, err);
    am_lp_free(m->lp);
    m->lp = NULL;
    if (st == AM_OK)
        st = am_lp_new(m->arena, &m->lp, err);
    return st == AM_OK ? meet_build_restricted(m, err) : st;
}

/* Bring the restricted model up to date without rebuilding it, so that the next solve starts
 * from the last basis: open the pairs the new lazy rows touch, then add those rows. */
static am_status update(meet_model *m, unsigned char *was_coupled, am_error *err)
{
    int n = m->n_counties * AM_N_HALVES;
    memcpy(was_coupled, m->coupled, (size_t)n);
    am_status st = meet_mark_coupled(m, err);
    for (int i = 0; i < n && st == AM_OK; i++) {
        const meet_gh *g = &m->gh[i];
        if (g->r == 0 || was_coupled[i] || !m->coupled[i])
            continue;
        for (int k = 0; k < g->n_days; k++)
            if (m->lp_of[g->cols[k]] >= 0)
                am_lp_set_col_bounds(m->lp, m->lp_of[g->cols[k]], 0.0, 1.0);
        am_lp_set_col_bounds(m->lp, m->lp_of[g->col_u], 0.0, g->r);
    }
    if (st == AM_OK && am_arena_grow(m->arena, (void **)&m->lazy_row, &m->cap_lazy_row,
                                     (size_t)m->n_lazy + 1, sizeof(int), _Alignof(int)) != 0)
        st = am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory adding meeting rows");
    for (int z = m->n_lazy_built; z < m->n_lazy && st == AM_OK; z++)
        st = meet_emit_lazy(m, z, err);
    m->n_lazy_built = m->n_lazy;
    return st;
}

/* Row and column generation (docs/formulation.md, "Meetings"). Every (group, half) on its own
 * best days is optimal without the cap and spacing rows: its value bounds the full model.
 * Phase 1 solves LP relaxations of restricted models (the rows found violated so far, a few
 * days per pair, pairs no row touches fixed at their own optimum), adding the rows each LP
 * solution violates and the days its duals price positive; the duals also give a Lagrangian
 * bound on the full model every round. When the LP keeps every row and no day prices positive,
 * phase 2 solves the restricted model as a MIP, adding the rows its solution violates. Every
 * solution is also rounded and repaired into a plan that keeps every row (meet_start), and the
 * best plan is kept. The search ends when the best plan is within the gap of the bound, when a
 * MIP solution keeps every row, or when it is stopped. */
static am_status solve_rows(meet_model *m, const am_match_params *p, long t0, am_lp_outcome *oc,
                            double **values, am_error *err)
{
    am_status st = AM_OK;
    search s = {0};
    double *rest = NULL;
    unsigned char *was_coupled = AM_ARENA_ARRAY(m->arena, unsigned char,
                                                (long long)m->n_counties * AM_N_HALVES + 1);
    if (!was_coupled)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory planning meetings");
    *oc = (am_lp_outcome){0};
    AM_TRY(meet_independent(m, err));
    AM_TRY(meet_use_init(m, err));
    AM_TRY(rebuild(m, err)); /* nothing coupled yet: every column fixed */
    AM_TRY(meet_start(m, NULL, &s.best, err));
    s.best_obj = meet_objective(m, s.best);
    rest = m->indep;
    s.bound = (double)meet_objective(m, rest);
    am_lp_end end = AM_LP_END_OPTIMAL;
    bool lp_only = true, proven = false;
    double z_lp = 0;
    for (;;) {
        int n_rows = 0, n_days = 0;
        AM_TRY(meet_separate(m, rest, &n_rows, err));
        if (m->lp_has_duals) {
            double L;
            AM_TRY(meet_price(m, 1e-6, 10, &n_days, &L, err));
            if (L < s.bound)
                s.bound = L;
            z_lp = oc->objective;
        }
        AM_TRY(offer(m, &s, rest, n_rows, err));
        if (!lp_only) {
            /* a MIP over every day that could beat the best plan, with the rows found so far:
             * if its optimum keeps every row, it is the optimum */
            if (n_rows == 0 && end == AM_LP_END_OPTIMAL) {
                proven = true;
                break;
            }
            lp_only = true; /* rows were added: solve the LP again first */
        }
        if (close_enough(p, s.best_obj, s.bound) || end == AM_LP_END_TIME_LIMIT ||
            end == AM_LP_END_INTERRUPTED || (!lp_only && end == AM_LP_END_GAP))
            break;
        if (lp_only && m->lp_has_duals && n_rows == 0 && n_days == 0) {
            /* the LP of the full model is solved; branch on every day whose reduced cost
             * leaves room to beat the best plan */
            double L;
            AM_TRY(meet_price(m, z_lp - (double)s.best_obj + 1e-6, INT_MAX, &n_days, &L, err));
            lp_only = false;
        }
        if (n_days > 0 || !m->lp_has_duals)
            AM_TRY(rebuild(m, err)); /* new days: a new model */
        else
            AM_TRY(update(m, was_coupled, err));
        AM_TRY(run_solver(m, p, t0, lp_only, oc, &rest, err));
        m->lp_has_duals = lp_only && oc->has_solution;
        end = oc->end;
        if (!oc->has_solution)
            break;
    }
    *values = s.best;
    proven = proven || close_enough(&(am_match_params){0}, s.best_obj, s.bound);
    *oc = (am_lp_outcome){
        .end = proven ? AM_LP_END_OPTIMAL
               : close_enough(p, s.best_obj, s.bound) || end == AM_LP_END_GAP ? AM_LP_END_GAP
               : end == AM_LP_END_INTERRUPTED ? AM_LP_END_INTERRUPTED : AM_LP_END_TIME_LIMIT,
        .has_solution = true, .objective = (double)s.best_obj, .has_bound = true,
        .bound = proven ? (double)s.best_obj : s.bound, .lp_iterations = oc->lp_iterations};
done:
    return st;
}

static am_status solve_and_extract(const am_instance *inst, const am_result *groups,
                                   meet_model *m, const am_match_params *p, long t0,
                                   am_schedule **out, am_error *err)
{
    am_status st = AM_OK;
    am_lp_outcome oc;
    double *values = NULL;
    am_schedule *s = NULL;
    long long objective = 0;
    AM_TRY(solve_rows(m, p, t0, &oc, &values, err));
    AM_TRY(am_schedule_new(inst, &s, err));
    AM_TRY(meet_extract(m, values, s, &objective, err));
    if (fabs((double)objective - oc.objective) > 0.5) {
        st = am_error_set(err, AM_EINTERNAL, NULL, NULL,
                          "model objective %.1f differs from the meetings' objective %lld",
                          oc.objective, objective);
        goto done;
    }
    double bound = oc.has_bound ? fmax(floor(oc.bound + 1e-6), (double)objective) : 0.0;
    double gap = oc.has_bound ? (bound - (double)objective) / fmax(1.0, fabs((double)objective)) : 0.0;
    am_schedule_set_outcome(s, am_lp_outcome_of(oc.end), objective, oc.has_bound, bound, gap);
    if (!p->skip_check)
        AM_TRY(check_schedule(inst, groups, s, err));
    am_lp_report_done(p, t0, objective, &oc, bound, gap);
    *out = s;
    s = NULL;
done:
    am_schedule_free(s);
    return st;
}

am_status am_meetings(const am_instance *inst, const am_result *groups,
                      const am_schedule *previous, const am_match_params *p, am_schedule **out,
                      am_error *err)
{
    am_status st = AM_OK;
    long t0 = am_lp_now_ms();
    *out = NULL;
    const am_calendar *cal = am_instance_calendar(inst);
    if (!cal || !cal->present)
        return am_error_set(err, AM_EINPUT, NULL, "calendar",
                            "the instance has no calendar; add \"calendar\": {\"year\": 2026}");
    meet_model m = {.inst = inst, .groups = groups, .cal = cal};
    am_arena *a = am_arena_new();
    if (!a)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory starting the schedule");
    m.arena = a;
    am_sched_weights_compute(inst, groups, &m.w);
    AM_TRY(meet_groups(&m, err));
    AM_TRY(meet_fixed_collect(&m, previous, err));
    AM_TRY(meet_days(&m, err));
    if (p->write_lp_path) { /* the full model, every row, for glpsol and cbc */
        AM_TRY(am_lp_new(a, &m.lp, err));
        AM_TRY(meet_build(&m, err));
        AM_TRY(am_lp_write(m.lp, p->write_lp_path, meet_col_name, meet_row_name, &m, err));
        am_lp_free(m.lp);
        m.lp = NULL;
        meet_lazy_reset(&m);
    }
    if (p->on_progress) {
        am_progress pr = {.phase = AM_PHASE_BUILD, .elapsed_ms = am_lp_now_ms() - t0, .gap = -1};
        p->on_progress(p->progress_ctx, &pr);
    }
    AM_TRY(solve_and_extract(inst, groups, &m, p, t0, out, err));
done:
    am_lp_free(m.lp);
    am_arena_free(a);
    return st;
}
