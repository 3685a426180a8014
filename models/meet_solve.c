/* models/meet_solve.c: the scheduling pipeline behind am_meetings: groups and fixed meetings
 * (instance and kept), candidate days, model, optional LP file, greedy start, GLPK solve,
 * extraction and the independent schedule check. Owns the solve arena, freed before returning. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "advmatch/am_meetings.h"
#include "advmatch/am_schedule_check.h"
#include "meet_model.h"

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Write the LP file through a temporary file, so a failure leaves an older file untouched. */
static am_status write_lp(meet_model *m, const char *path, am_error *err)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    am_status st = am_lp_write(m->lp, tmp, meet_col_name, meet_row_name, m, err);
    if (st == AM_OK && rename(tmp, path) != 0)
        st = am_error_set(err, AM_EIO, path, NULL, "cannot write the lp file");
    if (st != AM_OK)
        remove(tmp);
    return st;
}

static am_outcome outcome_of(am_lp_end end)
{
    switch (end) {
    case AM_LP_END_OPTIMAL: return AM_OUTCOME_OPTIMAL;
    case AM_LP_END_GAP: return AM_OUTCOME_FEASIBLE;
    case AM_LP_END_TIME_LIMIT: return AM_OUTCOME_TIME_LIMIT;
    default: return AM_OUTCOME_INTERRUPTED;
    }
}

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

/* Solve the restricted model in m->lp and fill `oc` and the values. */
static am_status run_solver(meet_model *m, const am_match_params *p, long t0, am_lp_outcome *oc,
                            double **values, am_error *err)
{
    am_status st = AM_OK;
    int n = am_lp_n_cols(m->lp);
    *values = AM_ARENA_ARRAY(m->arena, double, n + 1);
    if (!*values)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory reading the schedule");
    am_lp_solve_params sp = {.time_limit_ms = p->time_limit_ms, .mip_gap_rel = p->mip_gap_rel,
                             .integral_objective = true, .stop = p->stop,
                             .on_progress = p->on_progress, .progress_ctx = p->progress_ctx,
                             .elapsed_offset_ms = now_ms() - t0};
    /* the limit counts from t0: am_lp adds elapsed_offset_ms to its own clock */
    AM_TRY(am_lp_solve(m->lp, &sp, oc, err));
    if (!oc->has_solution)
        return AM_OK;
    for (int j = 0; j < n; j++)
        (*values)[j] = am_lp_value(m->lp, j);
done:
    return st;
}

/* Row generation (docs/formulation.md, "Meetings"): start from every (group, half) on its own
 * best days; add the cap and spacing rows the current solution violates; solve again with only
 * the pairs those rows touch open to change (the others stay at their own optimum, which is optimal for
 * them in the restricted model); repeat until a solution keeps every row, or the search is
 * stopped. On return `values` keep every row of the full model (the greedy start when stopped
 * before that) and `oc` bounds the full model; oc->objective is NAN when no solver ran. */
static am_status solve_rows(meet_model *m, const am_match_params *p, long t0, am_lp_outcome *oc,
                            double **values, am_error *err)
{
    am_status st = AM_OK;
    double *greedy = NULL;
    AM_TRY(meet_independent(m, err));
    AM_TRY(meet_mark_coupled(m, err)); /* nothing coupled yet: every column fixed */
    AM_TRY(am_lp_new(m->arena, &m->lp, err));
    AM_TRY(meet_build_restricted(m, err));
    AM_TRY(meet_start(m, &greedy, err));
    *values = m->indep;
    *oc = (am_lp_outcome){.end = AM_LP_END_OPTIMAL, .has_solution = true, .objective = NAN,
                          .has_bound = false};
    for (;;) {
        int n_new = 0;
        AM_TRY(meet_separate(m, *values, &n_new, err));
        if (n_new == 0)
            break;
        if (oc->end == AM_LP_END_TIME_LIMIT || oc->end == AM_LP_END_INTERRUPTED ||
            !oc->has_solution) {
            *values = greedy; /* the restricted solution breaks a row; the greedy one keeps all */
            oc->objective = NAN;
            break;
        }
        AM_TRY(meet_mark_coupled(m, err));
        am_lp_free(m->lp);
        m->lp = NULL;
        AM_TRY(am_lp_new(m->arena, &m->lp, err));
        AM_TRY(meet_build_restricted(m, err));
        AM_TRY(run_solver(m, p, t0, oc, values, err));
        if (!oc->has_solution)
            *values = greedy;
    }
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
    if (!isnan(oc.objective) && oc.end == AM_LP_END_OPTIMAL &&
        fabs((double)objective - oc.objective) > 0.5) {
        st = am_error_set(err, AM_EINTERNAL, NULL, NULL,
                          "model objective %.1f differs from the meetings' objective %lld",
                          oc.objective, objective);
        goto done;
    }
    if (!oc.has_bound && oc.end == AM_LP_END_OPTIMAL) { /* the independent plan kept every row */
        oc.has_bound = true;
        oc.bound = (double)objective;
    }
    double bound = oc.has_bound ? fmax(floor(oc.bound + 1e-6), (double)objective) : 0.0;
    double gap = oc.has_bound ? (bound - (double)objective) / fmax(1.0, fabs((double)objective)) : 0.0;
    am_schedule_set_outcome(s, outcome_of(oc.end), objective, oc.has_bound, bound, gap);
    if (!p->skip_check)
        AM_TRY(check_schedule(inst, groups, s, err));
    if (p->on_progress) {
        am_progress pr = {.phase = AM_PHASE_DONE, .elapsed_ms = now_ms() - t0,
                          .has_incumbent = true, .incumbent = (double)objective,
                          .has_bound = oc.has_bound, .bound = bound,
                          .gap = oc.has_bound ? gap : -1, .lp_iterations = oc.lp_iterations};
        p->on_progress(p->progress_ctx, &pr);
    }
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
    long t0 = now_ms();
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
        AM_TRY(write_lp(&m, p->write_lp_path, err));
        am_lp_free(m.lp);
        m.lp = NULL;
    }
    if (p->on_progress) {
        am_progress pr = {.phase = AM_PHASE_BUILD, .elapsed_ms = now_ms() - t0, .gap = -1};
        p->on_progress(p->progress_ctx, &pr);
    }
    AM_TRY(solve_and_extract(inst, groups, &m, p, t0, out, err));
done:
    am_lp_free(m.lp);
    am_arena_free(a);
    return st;
}
