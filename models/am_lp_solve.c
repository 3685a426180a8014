/* models/am_lp_solve.c: solves the problem am_lp.c built: the LP relaxation by the simplex in
 * slices of iterations (from a crash basis, a given solution or the last basis), then GLPK's
 * branch-and-bound with a callback for progress, interruption, the starting solution and the
 * integrality stop; maps GLPK's return codes and statuses to am_lp_end. */
#include "am_lp_impl.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *glp_code_name(int ret)
{
    static const char *const names[] = {"0",         "GLP_EBADB",  "GLP_ESING",  "GLP_ECOND",
                                        "GLP_EBOUND", "GLP_EFAIL",  "GLP_EOBJLL", "GLP_EOBJUL",
                                        "GLP_EITLIM", "GLP_ETMLIM", "GLP_ENOPFS", "GLP_ENODFS",
                                        "GLP_EROOT",  "GLP_ESTOP",  "GLP_EMIPGAP"};
    return ret >= 0 && ret < (int)(sizeof names / sizeof names[0]) ? names[ret] : "unknown";
}

typedef struct mip_ctx {
    const am_lp_solve_params *p;
    const double *start1; /* 1-based copy of p->start */
    long t0, last_report_ms;
    bool interrupted, proven, start_given, has_bound;
    double bound;
} mip_ctx;

static bool stop_requested(const mip_ctx *c) { return c->p->stop && *c->p->stop; }

static long elapsed(const mip_ctx *c) { return lp_now_ms() - c->t0 + c->p->elapsed_offset_ms; }

static void report(mip_ctx *c, am_phase phase, bool has_inc, double inc, bool has_bound,
                   double bound, long iters, bool force)
{
    long now = lp_now_ms();
    if (!c->p->on_progress || (!force && now - c->last_report_ms < 1000))
        return;
    c->last_report_ms = now;
    am_progress pr = {.phase = phase, .elapsed_ms = elapsed(c), .has_incumbent = has_inc,
                      .incumbent = inc, .has_bound = has_bound, .bound = bound, .gap = -1,
                      .lp_iterations = iters};
    if (has_inc && has_bound)
        pr.gap = fabs(bound - inc) / fmax(1.0, fabs(inc));
    c->p->on_progress(c->p->progress_ctx, &pr);
}

static void mip_callback(glp_tree *T, void *info)
{
    mip_ctx *c = info;
    if (glp_ios_reason(T) == GLP_IHEUR && c->start1 && !c->start_given) {
        c->start_given = true;
        glp_ios_heur_sol(T, c->start1);
    }
    int best = glp_ios_best_node(T);
    if (best) {
        double b = glp_ios_node_bound(T, best);
        c->bound = c->p->integral_objective ? floor(b + 1e-6) : b;
        c->has_bound = true;
    }
    glp_prob *P = glp_ios_get_prob(T);
    bool has_inc = glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT;
    double inc = has_inc ? glp_mip_obj_val(P) : 0.0;
    /* With integer coefficients the optimum is an integer: an incumbent within 1 of the bound
     * is optimal, which saves GLPK from closing the last fraction of the gap by branching. */
    if (has_inc && c->has_bound && c->p->integral_objective && c->bound <= inc + 0.5) {
        c->proven = true;
        glp_ios_terminate(T);
        return;
    }
    if (stop_requested(c)) {
        c->interrupted = true;
        glp_ios_terminate(T);
        return;
    }
    if (c->p->max_nodes > 0) {
        int active, alive, total;
        glp_ios_tree_size(T, &active, &alive, &total);
        if (total >= c->p->max_nodes) {
            glp_ios_terminate(T);
            return;
        }
    }
    report(c, AM_PHASE_MIP, has_inc, inc, c->has_bound, c->bound, glp_get_it_cnt(P), false);
}

/* A first basis from a solution: every row's slack basic (so the basis is the identity and
 * always valid), every column nonbasic at the bound the solution puts it on (its lower bound
 * when the value lies inside). Rows the solution does not keep at its bounds are made feasible
 * by the primal simplex's first phase. */
static void slack_basis(am_lp *lp, const double *start)
{
    for (int i = 0; i < lp->n_rows; i++)
        glp_set_row_stat(lp->prob, i + 1, GLP_BS);
    for (int j = 0; j < lp->n_cols; j++) {
        const lp_col *c = &lp->cols[j];
        int stat = c->lb == c->ub ? GLP_NS : start[j] >= c->ub - 1e-9 ? GLP_NU : GLP_NL;
        glp_set_col_stat(lp->prob, j + 1, stat);
    }
}

/* The status of row i when the solution keeps its activity on a bound, 0 when inside. */
static int tight_status(am_lp *lp, int i, const double *start, int *ind, double *val)
{
    int len = glp_get_mat_row(lp->prob, i, ind, val), type = glp_get_row_type(lp->prob, i);
    double act = 0.0;
    for (int q = 1; q <= len; q++)
        act += val[q] * start[ind[q] - 1];
    bool at_lo = act <= glp_get_row_lb(lp->prob, i) + 1e-9;
    bool at_hi = act >= glp_get_row_ub(lp->prob, i) - 1e-9;
    return type == GLP_FX                                   ? GLP_NS
           : (type == GLP_UP || type == GLP_DB) && at_hi ? GLP_NU
           : (type == GLP_LO || type == GLP_DB) && at_lo ? GLP_NL
                                                          : 0;
}

/* The slack basis, then each column of p->basic_cols made basic in place of its row of
 * p->basic_rows when the solution keeps that row tight (the row's slack nonbasic at that bound;
 * the caller picks them so that the basis matrix stays triangular). Back to the slack basis if
 * GLPK finds it singular after all. */
static void basis_from(am_lp *lp, const am_lp_solve_params *p)
{
    slack_basis(lp, p->start);
    if (p->n_basic <= 0)
        return;
    int *ind = malloc(sizeof(int) * ((size_t)lp->n_cols + 1));
    double *val = malloc(sizeof(double) * ((size_t)lp->n_cols + 1));
    for (int t = 0; ind && val && t < p->n_basic; t++) {
        int i = p->basic_rows[t] + 1, j = p->basic_cols[t] + 1;
        int stat = tight_status(lp, i, p->start, ind, val);
        if (stat == 0 || glp_get_col_stat(lp->prob, j) == GLP_BS ||
            glp_get_row_stat(lp->prob, i) != GLP_BS)
            continue; /* the row is not tight, or the column or row is taken: as it was */
        glp_set_row_stat(lp->prob, i, stat);
        glp_set_col_stat(lp->prob, j, GLP_BS);
    }
    free(ind);
    free(val);
    if (glp_warm_up(lp->prob) != 0)
        slack_basis(lp, p->start);
}

/* Simplex iterations between two looks at the clock, the stop flag and the progress line. */
#define LP_SLICE_ITERATIONS 500

/* Solve the LP relaxation in slices of iterations so that progress is reported and a stop request
 * is honoured while the simplex runs. Returns 0 (optimal), 1 (stopped: time or user), or the
 * GLPK failure code (> 1) with the status in *glp_ret. */
static int solve_relaxation(am_lp *lp, mip_ctx *c, int *glp_ret)
{
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.presolve = GLP_OFF;
    if (lp->solved) {
        /* columns added since: the basis is still primal feasible, the primal simplex goes on;
         * only rows added or bounds changed: the dual simplex repairs */
        sm.meth = lp->cols_added ? GLP_PRIMAL : GLP_DUALP;
        lp->cols_added = false;
    } else {
        if (c->p->start_basis && c->p->start)
            basis_from(lp, c->p);
        else
            glp_adv_basis(lp->prob, 0);
        lp->solved = true;
    }
    /* Slices of a fixed number of iterations, not of time: where a slice ends changes the
     * simplex's path, and a path that depended on the clock would make the result depend on
     * the machine's load. Only the time limit itself is a matter of time. */
    sm.it_lim = LP_SLICE_ITERATIONS;
    for (;;) {
        if (c->p->time_limit_ms > 0) {
            long left = c->p->time_limit_ms - elapsed(c);
            if (left <= 0)
                return 1;
            sm.tm_lim = left < INT_MAX ? (int)left : INT_MAX;
        }
        int ret = glp_simplex(lp->prob, &sm);
        if (ret == 0 && glp_get_status(lp->prob) == GLP_OPT)
            return 0;
        if (ret == GLP_ETMLIM)
            return 1;
        if (ret != 0 && ret != GLP_EITLIM) {
            *glp_ret = ret;
            return 2;
        }
        if (ret == 0) { /* solved but not optimal: our model is always feasible and bounded */
            *glp_ret = GLP_EFAIL;
            return 2;
        }
        report(c, AM_PHASE_LP, false, 0, true, glp_get_obj_val(lp->prob),
               glp_get_it_cnt(lp->prob), false);
        if (stop_requested(c)) {
            c->interrupted = true;
            return 1;
        }
    }
}

static void fill_outcome(am_lp *lp, mip_ctx *c, int ret, am_lp_outcome *out)
{
    glp_prob *P = lp->prob;
    int ms = glp_mip_status(P);
    bool has = ms == GLP_OPT || ms == GLP_FEAS;
    for (int j = 0; j < lp->n_cols; j++)
        lp->values[j] = has ? glp_mip_col_val(P, j + 1) : (c->p->start ? c->p->start[j] : 0.0);
    out->has_solution = has || c->p->start;
    out->objective = 0.0;
    for (int j = 0; j < lp->n_cols; j++)
        out->objective += lp->cols[j].obj * lp->values[j];
    out->lp_iterations = glp_get_it_cnt(P);
    out->has_bound = c->has_bound;
    out->bound = c->bound;
    if ((ret == 0 && ms == GLP_OPT) || c->proven) {
        out->end = AM_LP_END_OPTIMAL;
        out->has_bound = true;
        out->bound = out->objective;
    } else if (c->interrupted) {
        out->end = AM_LP_END_INTERRUPTED;
    } else if (ret == GLP_EMIPGAP) {
        out->end = AM_LP_END_GAP;
    } else {
        out->end = AM_LP_END_TIME_LIMIT;
    }
}

static am_status run_mip(am_lp *lp, mip_ctx *c, am_lp_outcome *out, am_error *err)
{
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = GLP_MSG_OFF;
    io.presolve = GLP_OFF;
    io.cb_func = mip_callback;
    io.cb_info = c;
    io.mip_gap = c->p->mip_gap_rel > 0 ? c->p->mip_gap_rel : 0.0;
    if (c->p->dive) { /* a nearly integral relaxation: dive to the integer points near it */
        io.bt_tech = GLP_BT_DFS;
        io.br_tech = GLP_BR_MFV;
    }
    if (c->p->cuts)
        io.clq_cuts = GLP_ON; /* packing rows: clique cuts pay; GLPK's others cost more here */
    if (c->p->time_limit_ms > 0) {
        long left = c->p->time_limit_ms - elapsed(c);
        io.tm_lim = left > 1 ? (int)left : 1;
    }
    int ret = glp_intopt(lp->prob, &io);
    if (ret != 0 && ret != GLP_ETMLIM && ret != GLP_ESTOP && ret != GLP_EMIPGAP) {
        am_error_set(err, AM_ESOLVER, NULL, NULL, "glpk branch-and-bound failed");
        am_error_detail(err, "glp_intopt returned %s", glp_code_name(ret));
        return AM_ESOLVER;
    }
    fill_outcome(lp, c, ret, out);
    return AM_OK;
}

/* The relaxation was cut short: answer with the start solution and no bound. */
static void outcome_from_start(am_lp *lp, mip_ctx *c, am_lp_outcome *out)
{
    out->end = c->interrupted ? AM_LP_END_INTERRUPTED : AM_LP_END_TIME_LIMIT;
    out->has_solution = c->p->start != NULL;
    out->objective = 0.0;
    for (int j = 0; j < lp->n_cols; j++) {
        lp->values[j] = c->p->start ? c->p->start[j] : 0.0;
        out->objective += lp->cols[j].obj * lp->values[j];
    }
    out->has_bound = false;
    out->lp_iterations = glp_get_it_cnt(lp->prob);
}

am_status am_lp_solve(am_lp *lp, const am_lp_solve_params *p, am_lp_outcome *out, am_error *err)
{
    volatile am_status st = AM_OK;
    lp_guard g = {.lp = lp};
    mip_ctx c = {.p = p, .t0 = lp_now_ms()};
    double *volatile start1 = NULL;
    memset(out, 0, sizeof *out);
    free(lp->values);
    lp->values = calloc((size_t)lp->n_cols + 1, sizeof(double));
    if (p->start)
        start1 = malloc(sizeof(double) * ((size_t)lp->n_cols + 1));
    if (!lp->values || (p->start && !start1)) {
        st = am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory solving the model");
        goto done;
    }
    if (p->start)
        memcpy(start1 + 1, p->start, sizeof(double) * (size_t)lp->n_cols);
    c.start1 = start1;
    c.last_report_ms = c.t0;
    if (setjmp(g.jump)) {
        st = am_error_set(err, AM_ESOLVER, NULL, NULL, "glpk stopped with a fatal error");
        goto done;
    }
    st = lp_enter(lp, &g, err);
    if (st != AM_OK)
        goto done;
    int glp_ret = 0;
    int lp_end = solve_relaxation(lp, &c, &glp_ret);
    if (lp_end > 1) {
        st = am_error_set(err, AM_ESOLVER, NULL, NULL, "glpk could not solve the lp relaxation");
        am_error_detail(err, "glp_simplex returned %s", glp_code_name(glp_ret));
    } else if (lp_end == 1) {
        outcome_from_start(lp, &c, out);
    } else if (p->lp_only) {
        for (int j = 0; j < lp->n_cols; j++)
            lp->values[j] = glp_get_col_prim(lp->prob, j + 1);
        free(lp->duals);
        lp->duals = malloc(sizeof(double) * ((size_t)lp->n_rows + 1));
        if (!lp->duals) {
            st = am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory reading the lp duals");
            goto done;
        }
        for (int i = 0; i < lp->n_rows; i++)
            lp->duals[i] = glp_get_row_dual(lp->prob, i + 1);
        *out = (am_lp_outcome){.end = AM_LP_END_OPTIMAL, .has_solution = true,
                               .objective = glp_get_obj_val(lp->prob), .has_bound = true,
                               .bound = glp_get_obj_val(lp->prob),
                               .lp_iterations = glp_get_it_cnt(lp->prob)};
    } else {
        report(&c, AM_PHASE_LP, false, 0, true, glp_get_obj_val(lp->prob),
               glp_get_it_cnt(lp->prob), true);
        st = run_mip(lp, &c, out, err);
    }
done:
    lp_leave(lp);
    free(start1);
    return st;
}

long am_lp_now_ms(void) { return lp_now_ms(); }

am_outcome am_lp_outcome_of(am_lp_end end)
{
    switch (end) {
    case AM_LP_END_OPTIMAL: return AM_OUTCOME_OPTIMAL;
    case AM_LP_END_GAP: return AM_OUTCOME_FEASIBLE;
    case AM_LP_END_TIME_LIMIT: return AM_OUTCOME_TIME_LIMIT;
    default: return AM_OUTCOME_INTERRUPTED;
    }
}

void am_lp_report_done(const am_match_params *p, long t0, long long objective,
                       const am_lp_outcome *oc, double bound, double gap)
{
    if (!p->on_progress)
        return;
    am_progress pr = {.phase = AM_PHASE_DONE, .elapsed_ms = am_lp_now_ms() - t0,
                      .has_incumbent = true, .incumbent = (double)objective,
                      .has_bound = oc->has_bound, .bound = bound,
                      .gap = oc->has_bound ? gap : -1, .lp_iterations = oc->lp_iterations};
    p->on_progress(p->progress_ctx, &pr);
}

