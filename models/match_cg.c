/* models/match_cg.c: the fast path of the group model (docs/formulation.md, "The fast path"):
 * column generation over a restricted set of candidate pairs with a bound on the full model at
 * every round, then branch-and-bound over the restricted pairs, widened to every pair whose
 * reduced cost leaves room to beat the best groups. The answer is within the reported gap of
 * the full model's optimum. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "match_model.h"

/* At most this many pairs per county join in one pricing round (the best priced first). */
enum { CG_PER_COUNTY = 20 };
#define CG_TOLERANCE 1e-6
/* Once the bound is within this share of the best groups, each LP round's groups are improved
 * by local moves (match_improve.c): near the end they often reach the bound, and the
 * branch-and-bound is not needed. Earlier, rounding alone is worth its cost. */
#define CG_IMPROVE_GAP 0.01
/* The tail of the LP rounds: when the bound has not gone down by a whole unit for
 * CG_STALL_ROUNDS rounds and is within CG_TAIL_GAP (relative) of the best groups, the rounds
 * only add pairs with tiny reduced costs that do not move it; the branch-and-bound with the
 * reduced-cost test (below) closes such a gap faster. */
enum { CG_STALL_ROUNDS = 3 };
#define CG_TAIL_GAP 1e-4
/* A pair in the model whose x and y price at or below -CG_PARK (a whole unit of objective) is
 * parked for the next round (park, below). */
#define CG_PARK 1.0

typedef struct cg {
    match_model *m;
    const am_match_params *p;
    long t0;
    match_prices pr;
    double bound; /* best bound on the full model so far; HUGE_VAL before the first */
    unsigned char *chosen, *leads; /* the best groups found, by pair */
    long long best_obj;
    long iterations;
    double *lp_x, *lp_y; /* the last LP solution by pair (round_lp) */
    match_improver *imp;
    long long last_rounded; /* the value of the last rounding that was improved */
    unsigned char *parked;  /* per pair in the model: its columns fixed at 0 for now */
} cg;

/* Is the best within 1 of the bound (the objective is an integer), or within the gap asked? */
static bool close_enough(const cg *s, double gap_rel)
{
    double gap = s->bound - (double)s->best_obj;
    return gap < 1.0 - CG_TOLERANCE ||
           (gap_rel > 0 && gap <= gap_rel * fmax(1.0, fabs((double)s->best_obj)));
}

static void report(const cg *s, am_phase phase)
{
    if (!s->p->on_progress)
        return;
    am_progress pr = {.phase = phase, .elapsed_ms = am_lp_now_ms() - s->t0, .has_incumbent = true,
                      .incumbent = (double)s->best_obj, .has_bound = s->bound < HUGE_VAL,
                      .bound = s->bound, .gap = -1, .lp_iterations = s->iterations};
    if (pr.has_bound)
        pr.gap = (s->bound - (double)s->best_obj) / fmax(1.0, fabs((double)s->best_obj));
    s->p->on_progress(s->p->progress_ctx, &pr);
}

/* Columns of the best groups to make basic in the first LP, each in place of a row the groups
 * keep tight, so that the first basis prices those rows at what the members are worth: in each
 * county the leader's y in lead(c), a local member in local(c), a paired member in pairing(c),
 * the member of least objective among the others in size(c); then, for an expert at capacity
 * whose pairs are none of those, one of its memberships in cap(e) (its price: what it is worth
 * above the county's weakest member). Each column's other rows come later in that order or keep
 * their slack basic, so the basis matrix is triangular. Arrays in the arena (n = 0 when short). */
static void start_basics(cg *s, int **cols, int **rows, int *n)
{
    match_model *m = s->m;
    int nc = m->cands->n_counties, ne = am_instance_n_experts(m->inst);
    *cols = AM_ARENA_ARRAY(m->arena, int, 4LL * nc + ne + 1);
    *rows = AM_ARENA_ARRAY(m->arena, int, 4LL * nc + ne + 1);
    unsigned char *used = AM_ARENA_ARRAY(m->arena, unsigned char, ne + 1);
    *n = 0;
    if (!*cols || !*rows || !used)
        return;
    for (int c = 0; c < nc; c++) {
        long long weakest = -1, local = -1, paired = -1;
        for (long long k = m->cands->start[c]; k < m->cands->start[c + 1]; k++) {
            if (!s->chosen[k] || (m->lock && m->lock[k]))
                continue;
            unsigned f = m->cands->cands[k].flags;
            if (s->leads[k]) {
                if (m->row_lead[c] >= 0) {
                    used[m->cands->cands[k].expert] = 1;
                    (*cols)[*n] = m->col_y[k];
                    (*rows)[(*n)++] = m->row_lead[c];
                }
            } else if (f & AM_CAND_LOCAL) {
                local = local < 0 ? k : local;
            } else if (f & AM_CAND_PAIRED) {
                paired = paired < 0 ? k : paired;
            } else if (weakest < 0 ||
                       match_pair_objective(m, k) < match_pair_objective(m, weakest)) {
                weakest = k; /* in no quota row: the size row's column alone */
            }
        }
        long long pick[3] = {local, paired, weakest};
        int row[3] = {m->row_local[c], m->row_pairing[c], m->row_size[c]};
        for (int i = 0; i < 3; i++)
            if (pick[i] >= 0 && row[i] >= 0) {
                used[m->cands->cands[pick[i]].expert] = 1;
                (*cols)[*n] = m->col_x[pick[i]];
                (*rows)[(*n)++] = row[i];
            }
    }
    for (long long k = 0; k < m->cands->n_pairs; k++) {
        int e = m->cands->cands[k].expert;
        if (!s->chosen[k] || s->leads[k] || used[e] || m->row_cap[e] < 0 ||
            (m->lock && m->lock[k]))
            continue;
        used[e] = 1; /* one column per cap(e) row */
        (*cols)[*n] = m->col_x[k];
        (*rows)[(*n)++] = m->row_cap[e];
    }
}

static am_status run(cg *s, bool lp_only, const double *start, am_lp_outcome *oc, am_error *err)
{
    int *bc = NULL, *br = NULL, nb = 0;
    if (start && lp_only)
        start_basics(s, &bc, &br, &nb);
    am_lp_solve_params sp = {.time_limit_ms = s->p->time_limit_ms,
                             .mip_gap_rel = s->p->mip_gap_rel, .integral_objective = true,
                             .start = start, .start_basis = lp_only, .dive = !lp_only,
                             .stop = s->p->stop, .lp_only = lp_only,
                             .on_progress = lp_only ? NULL : s->p->on_progress,
                             .progress_ctx = s->p->progress_ctx,
                             .elapsed_offset_ms = am_lp_now_ms() - s->t0,
                             .basic_cols = bc, .basic_rows = br, .n_basic = nb};
    am_status st = am_lp_solve(s->m->lp, &sp, oc, err);
    s->iterations = oc->lp_iterations;
    return st;
}

/* Bring the pairs marked in `add` into the model, then the rows they newly need. */
static am_status add_pairs(match_model *m, const long long *add, long long n, am_error *err)
{
    am_status st = AM_OK;
    for (long long i = 0; i < n; i++)
        AM_TRY(match_add_pair(m, add[i], err));
    for (long long i = 0; i < n; i++) {
        const am_cand *cd = &m->cands->cands[add[i]];
        AM_TRY(match_expert_rows(m, cd->expert, err));
        AM_TRY(match_org_row(m, match_county_of(m, add[i]),
                             am_instance_expert(m->inst, cd->expert)->org, err));
    }
done:
    return st;
}

typedef struct priced {
    double d;
    long long k;
} priced;

static int cmp_priced(const void *a, const void *b)
{
    const priced *x = a, *y = b;
    if (x->d != y->d)
        return x->d < y->d ? 1 : -1;
    return (x->k > y->k) - (x->k < y->k);
}

/* Pair k's columns back to their bounds (0..1; a parked pair is never locked). */
static void unpark(cg *s, long long k)
{
    match_model *m = s->m;
    if (!s->parked[k])
        return;
    s->parked[k] = 0;
    am_lp_set_col_bounds(m->lp, m->col_x[k], 0.0, 1.0);
    if (m->col_y[k] >= 0)
        am_lp_set_col_bounds(m->lp, m->col_y[k], 0.0, 1.0);
}

/* Park the pairs in the model that the last prices put far below the rest (reduced cost of x,
 * and of y, at most -CG_PARK): their columns are fixed at 0, and GLPK's simplex leaves fixed
 * columns out of its working problem, so each iteration scans fewer columns. Pricing still
 * prices them every round; select_pairs brings back those that price positive, and the
 * branch-and-bound starts with every pair back. Never a pair of the best groups or locked. */
static void park(cg *s)
{
    match_model *m = s->m;
    for (long long k = 0; k < m->cands->n_pairs; k++) {
        if (m->col_x[k] < 0 || s->parked[k] || s->chosen[k] || (m->lock && m->lock[k]))
            continue;
        if (s->pr.dx[k] > -CG_PARK || (m->col_y[k] >= 0 && s->pr.dy[k] > -CG_PARK))
            continue;
        s->parked[k] = 1;
        am_lp_set_col_bounds(m->lp, m->col_x[k], 0.0, 0.0);
        if (m->col_y[k] >= 0)
            am_lp_set_col_bounds(m->lp, m->col_y[k], 0.0, 0.0);
    }
}

/* The pairs left out or parked whose better reduced cost is above `floor_d`, at most
 * `per_county` of each county (the best), into `out`; returns how many. */
static long long select_pairs(const cg *s, double floor_d, int per_county, priced *scratch,
                              long long *out)
{
    const match_model *m = s->m;
    long long n_out = 0;
    for (int c = 0; c < m->cands->n_counties; c++) {
        long long n = 0;
        for (long long k = m->cands->start[c]; k < m->cands->start[c + 1]; k++) {
            double d = fmax(s->pr.dx[k], s->pr.dy[k]);
            if ((m->col_x[k] < 0 || s->parked[k]) && d > floor_d)
                scratch[n++] = (priced){d, k};
        }
        if (n > per_county) {
            qsort(scratch, (size_t)n, sizeof *scratch, cmp_priced);
            n = per_county;
        }
        for (long long i = 0; i < n; i++)
            out[n_out++] = scratch[i].k;
    }
    return n_out;
}

/* Keep the solution in `v` (over the model's columns) if it beats the best groups. */
static void offer(cg *s, const double *v)
{
    match_model *m = s->m;
    long long obj = llround(match_objective(m, v));
    if (obj <= s->best_obj)
        return;
    for (long long k = 0; k < m->cands->n_pairs; k++) {
        s->leads[k] = m->col_y[k] >= 0 && v[m->col_y[k]] > 0.5;
        s->chosen[k] = s->leads[k] || (m->col_x[k] >= 0 && v[m->col_x[k]] > 0.5);
    }
    s->best_obj = obj;
}

/* The LP solution just solved, by pair, into s->lp_x and s->lp_y (0 for a pair left out). */
static am_status read_lp(cg *s, am_error *err)
{
    match_model *m = s->m;
    long long np = m->cands->n_pairs;
    if (!s->lp_x) {
        s->lp_x = AM_ARENA_ARRAY(m->arena, double, np + 1);
        s->lp_y = AM_ARENA_ARRAY(m->arena, double, np + 1);
    }
    if (!s->lp_x || !s->lp_y)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory reading the lp");
    for (long long k = 0; k < np; k++) {
        s->lp_x[k] = m->col_x[k] >= 0 ? am_lp_value(m->lp, m->col_x[k]) : 0.0;
        s->lp_y[k] = m->col_y[k] >= 0 ? am_lp_value(m->lp, m->col_y[k]) : 0.0;
    }
    return AM_OK;
}

/* Solve the LP, then add the rows it breaks (onerole, cover: match_cons_*.c) and solve again
 * (the dual simplex, from the last basis) until it breaks none. Rows and pairs are added in
 * separate rounds: a round that added both took more simplex iterations than the two apart,
 * and the pairs are priced with the prices of the rows that will stay. */
static am_status solve_rows(cg *s, const double *start, am_lp_outcome *oc, am_error *err)
{
    am_status st = AM_OK;
    for (;;) {
        AM_TRY(run(s, true, start, oc, err));
        start = NULL;
        if (oc->end != AM_LP_END_OPTIMAL)
            break;
        AM_TRY(read_lp(s, err));
        int n_rows, n_cover;
        AM_TRY(match_onerole_rows(s->m, s->lp_x, s->lp_y, &n_rows, err));
        AM_TRY(match_cover_rows(s->m, s->lp_x, s->lp_y, &n_cover, err));
        if (n_rows + n_cover == 0)
            break;
    }
done:
    return st;
}

/* Round the LP solution just solved into groups that keep every rule (match_greedy), improve
 * them by local moves once the bound is close (their new pairs join the model, in `add` as
 * scratch), and keep them if they beat the best. */
static am_status round_lp(cg *s, long long *add, am_error *err)
{
    am_status st = AM_OK;
    match_model *m = s->m;
    long long np = m->cands->n_pairs, n = 0;
    double *x = s->lp_x, *y = s->lp_y;
    unsigned char *chosen, *leads;
    double *v;
    AM_TRY(match_greedy(m, m->arena, x, y, &chosen, &leads, err));
    AM_TRY(match_values(m, m->arena, chosen, leads, &v, err));
    long long rounded = llround(match_objective(m, v));
    if (s->bound - (double)s->best_obj <= CG_IMPROVE_GAP * fabs((double)s->best_obj) &&
        rounded != s->last_rounded) { /* the same value: most likely the same groups again */
        s->last_rounded = rounded;
        AM_TRY(match_improve(s->imp, chosen, leads, err));
        for (long long k = 0; k < np; k++)
            if (chosen[k] && m->col_x[k] < 0)
                add[n++] = k;
        AM_TRY(add_pairs(m, add, n, err));
        AM_TRY(match_values(m, m->arena, chosen, leads, &v, err));
    }
    offer(s, v);
    for (long long k = 0; k < np; k++)
        if (s->chosen[k]) /* the best groups' pairs are never parked */
            unpark(s, k);
done:
    return st;
}

/* Phase 1: LP rounds until no pair left out prices positive. Returns how the last LP ended. */
static am_status lp_rounds(cg *s, priced *scratch, long long *add, am_lp_end *end, am_error *err)
{
    am_status st = AM_OK;
    am_lp_outcome oc;
    double *start; /* the first LP starts from the greedy groups' basis */
    AM_TRY(match_values(s->m, s->m->arena, s->chosen, s->leads, &start, err));
    int stalled = 0; /* rounds since the bound last went down by a whole unit */
    for (;;) {
        AM_TRY(solve_rows(s, start, &oc, err));
        start = NULL;
        *end = oc.end;
        if (oc.end != AM_LP_END_OPTIMAL)
            break;
        AM_TRY(match_price(s->m, &s->pr, err));
        double before = floor(s->bound + CG_TOLERANCE);
        s->bound = fmin(s->bound, s->pr.bound);
        stalled = floor(s->bound + CG_TOLERANCE) < before ? 0 : stalled + 1;
        AM_TRY(round_lp(s, add, err));
        report(s, AM_PHASE_LP);
        if (close_enough(s, s->p->mip_gap_rel) ||
            (stalled >= CG_STALL_ROUNDS && close_enough(s, CG_TAIL_GAP)))
            break;
        long long n = select_pairs(s, CG_TOLERANCE, CG_PER_COUNTY, scratch, add);
        if (n == 0)
            break;
        for (long long i = 0; i < n; i++)
            unpark(s, add[i]);
        park(s);
        AM_TRY(add_pairs(s->m, add, n, err));
    }
done:
    return st;
}

/* Fix at 0 the columns in the model that cannot be in groups better than `inc` by the
 * reduced-cost argument (bound + reduced cost < inc + 1), except those of the best groups. */
static void fix_priced_out(cg *s, double floor_d)
{
    match_model *m = s->m;
    for (long long k = 0; k < m->cands->n_pairs; k++) {
        if (m->col_x[k] < 0 || s->chosen[k])
            continue;
        if (s->pr.dx[k] <= floor_d)
            am_lp_set_col_bounds(m->lp, m->col_x[k], 0.0, 0.0);
        if (m->col_y[k] >= 0 && s->pr.dy[k] <= floor_d)
            am_lp_set_col_bounds(m->lp, m->col_y[k], 0.0, 0.0);
    }
}

/* Phase 2: branch-and-bound. By the reduced-cost argument with the last LP's prices, a pair
 * can be in groups better than the best found (inc) only if bound + its reduced cost > inc.
 * Pass 0 searches the pairs in the model, with the columns that cannot beat inc fixed at 0.
 * Then the pairs left out that could beat the (new) inc join, and pass 1 searches again; once
 * no pair left out could, the search's bound (or inc) bounds the full model. */
static am_status mip_passes(cg *s, priced *scratch, long long *add, am_lp_end *end,
                            am_error *err)
{
    am_status st = AM_OK;
    am_lp_outcome oc;
    for (long long k = 0; k < s->m->cands->n_pairs; k++)
        unpark(s, k); /* the search needs every pair that could beat the best */
    for (int pass = 0; pass < 2; pass++) {
        double *start;
        int n_rows;
        fix_priced_out(s, (double)s->best_obj + 1.0 - CG_TOLERANCE - s->pr.bound);
        /* the MIP needs them all (onerole: but those a fixed column already says) */
        AM_TRY(match_onerole_rows(s->m, NULL, NULL, &n_rows, err));
        AM_TRY(match_cover_rows(s->m, NULL, NULL, &n_rows, err));
        AM_TRY(match_values(s->m, s->m->arena, s->chosen, s->leads, &start, err));
        AM_TRY(run(s, false, start, &oc, err));
        *end = oc.end;
        double *v = AM_ARENA_ARRAY(s->m->arena, double, am_lp_n_cols(s->m->lp) + 1);
        if (!v)
            return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory reading the groups");
        for (int j = 0; j < am_lp_n_cols(s->m->lp) && oc.has_solution; j++)
            v[j] = am_lp_value(s->m->lp, j);
        if (oc.has_solution)
            offer(s, v);
        if (close_enough(s, s->p->mip_gap_rel) || oc.end == AM_LP_END_TIME_LIMIT ||
            oc.end == AM_LP_END_INTERRUPTED)
            break;
        long long inc = s->best_obj;
        long long n = pass == 0 ? select_pairs(s, (double)inc + 1.0 - CG_TOLERANCE - s->pr.bound,
                                               INT_MAX, scratch, add)
                                : 0;
        if (n == 0) { /* every pair that could beat inc was in this search */
            if (oc.has_bound)
                s->bound = fmin(s->bound, fmax((double)inc, oc.bound + s->m->obj_offset));
            break;
        }
        AM_TRY(add_pairs(s->m, add, n, err));
    }
done:
    return st;
}

/* Before the branch-and-bound over the whole restricted model: the counties where the best
 * groups and the last LP solution differ, searched on their own (match_nbhd.c). Their pairs
 * are in the model already. */
static am_status endgame(cg *s, am_error *err)
{
    am_status st = AM_OK;
    long long gain;
    AM_TRY(match_nbhd(s->m, s->p, s->lp_x, s->lp_y, s->chosen, s->leads, &gain, err));
    s->best_obj += gain;
done:
    return st;
}

am_status match_cg(match_model *m, const am_match_params *p, long t0, double **values,
                   am_lp_outcome *out, am_error *err)
{
    am_status st = AM_OK;
    cg s = {.m = m, .p = p, .t0 = t0, .bound = HUGE_VAL, .last_rounded = LLONG_MIN};
    unsigned char *active;
    long long np = m->cands->n_pairs, most = 0;
    for (int c = 0; c < m->cands->n_counties; c++)
        if (m->cands->start[c + 1] - m->cands->start[c] > most)
            most = m->cands->start[c + 1] - m->cands->start[c];
    priced *scratch = AM_ARENA_ARRAY(m->arena, priced, most + 1);
    long long *add = AM_ARENA_ARRAY(m->arena, long long, np + 1);
    s.parked = AM_ARENA_ARRAY(m->arena, unsigned char, np + 1);
    if (!scratch || !add || !s.parked)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory starting the solve");
    AM_TRY(match_greedy(m, m->arena, NULL, NULL, &s.chosen, &s.leads, err));
    AM_TRY(match_improver_new(m, m->arena, &s.imp, err));
    AM_TRY(match_improve(s.imp, s.chosen, s.leads, err));
    AM_TRY(match_pool(m, s.chosen, &active, err));
    m->active = active;
    m->lazy_onerole = false; /* the first set's onerole rows: see docs/formulation.md */
    m->lazy_cover = s.chosen;
    AM_TRY(match_build(m, err));
    m->lazy_onerole = true;
    double *v;
    AM_TRY(match_values(m, m->arena, s.chosen, s.leads, &v, err));
    s.best_obj = llround(match_objective(m, v));
    am_lp_end end = AM_LP_END_OPTIMAL;
    AM_TRY(lp_rounds(&s, scratch, add, &end, err));
    if (end == AM_LP_END_OPTIMAL && !close_enough(&s, p->mip_gap_rel))
        AM_TRY(endgame(&s, err));
    if (end == AM_LP_END_OPTIMAL && !close_enough(&s, p->mip_gap_rel))
        AM_TRY(mip_passes(&s, scratch, add, &end, err));
    bool proven = s.bound < HUGE_VAL && close_enough(&s, 0.0);
    AM_TRY(match_values(m, m->arena, s.chosen, s.leads, values, err));
    *out = (am_lp_outcome){
        .end = proven ? AM_LP_END_OPTIMAL
               : s.bound < HUGE_VAL && close_enough(&s, p->mip_gap_rel) ? AM_LP_END_GAP
               : end == AM_LP_END_INTERRUPTED ? AM_LP_END_INTERRUPTED
               : end == AM_LP_END_GAP ? AM_LP_END_GAP : AM_LP_END_TIME_LIMIT,
        .has_solution = true, .objective = (double)s.best_obj, .has_bound = s.bound < HUGE_VAL,
        .bound = proven ? (double)s.best_obj : floor(s.bound + CG_TOLERANCE),
        .lp_iterations = s.iterations};
done:
    return st;
}
