/* models/am_lp.c: the only file that includes glpk.h. Buffers columns and rows, loads them into
 * a glp_prob in one go, solves behind an error barrier (a GLPK fatal error frees the environment
 * and longjmps back, so it becomes AM_ESOLVER instead of an abort) and maps GLPK's return codes
 * and statuses to am_lp_end. Owns the glp_prob; its buffers live in the caller's arena. */
#include "am_lp.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <time.h>

typedef struct lp_col {
    double lb, ub, obj;
    unsigned char kind;
} lp_col;

typedef struct lp_row {
    double lo, hi;
    unsigned char sense;
    long long first; /* index of its first entry in the triplets */
} lp_row;

typedef struct lp_entry {
    int col;
    double coef;
} lp_entry;

/* An entry of a column added with its coefficients (am_lp_add_col_in): row, coefficient. */
typedef struct lp_late {
    int col, row;
    double coef;
} lp_late;

struct am_lp {
    am_arena *arena;
    lp_col *cols;
    size_t cap_cols;
    int n_cols;
    lp_row *rows;
    size_t cap_rows;
    int n_rows;
    lp_entry *entries; /* row-major */
    size_t cap_entries;
    long long n_entries;
    long long row_start; /* first entry of the row being built */
    long long n_binaries;
    lp_late *late; /* entries of the columns added with their coefficients, in column order */
    size_t cap_late;
    long long n_late;
    glp_prob *prob;
    int n_rows_loaded; /* rows GLPK has; later ones are added at the next solve */
    int n_cols_loaded; /* columns GLPK has */
    long long n_late_loaded;
    bool solved;       /* GLPK holds a basis from an earlier solve: start from it */
    bool cols_added;   /* columns were added since that solve: the primal simplex resumes */
    double *values; /* solution, 0-based, after a solve */
    double *duals;  /* row duals, 0-based, after an lp_only solve */
    bool env_gone;  /* a fatal GLPK error freed the environment: never touch prob again */
};

typedef struct lp_guard {
    jmp_buf jump;
    am_lp *lp;
} lp_guard;

static void lp_on_fatal(void *info)
{
    lp_guard *g = info;
    g->lp->env_gone = true;
    g->lp->prob = NULL;
    glp_free_env();
    longjmp(g->jump, 1);
}

static int lp_on_term(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1; /* swallow GLPK's terminal output; outcomes are reported through am_progress */
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

am_status am_lp_new(am_arena *a, am_lp **out, am_error *err)
{
    *out = am_arena_alloc(a, sizeof(am_lp), _Alignof(am_lp));
    if (!*out)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory creating the model");
    (*out)->arena = a;
    return AM_OK;
}

void am_lp_free(am_lp *lp)
{
    if (!lp)
        return;
    if (lp->prob && !lp->env_gone)
        glp_delete_prob(lp->prob);
    lp->prob = NULL;
    /* One am_lp per thread at a time: free GLPK's environment too, so nothing of GLPK outlives
     * the solve (it is created again on the next GLPK call). */
    if (!lp->env_gone)
        glp_free_env();
    free(lp->values);
    lp->values = NULL;
    free(lp->duals);
    lp->duals = NULL;
}

int am_lp_add_col(am_lp *lp, am_lp_kind kind, double lb, double ub, double obj)
{
    if (am_arena_grow(lp->arena, (void **)&lp->cols, &lp->cap_cols, (size_t)lp->n_cols + 1,
                      sizeof(lp_col), _Alignof(lp_col)) != 0)
        return -1;
    lp->cols[lp->n_cols] = (lp_col){lb, ub, obj, (unsigned char)kind};
    if (kind == AM_LP_BINARY)
        lp->n_binaries++;
    return lp->n_cols++;
}

int am_lp_add_col_in(am_lp *lp, am_lp_kind kind, double lb, double ub, double obj, int n,
                     const int *rows, const double *coefs)
{
    for (int i = 0; i < n; i++)
        if (rows[i] < 0 || rows[i] >= lp->n_rows)
            return -1;
    if (am_arena_grow(lp->arena, (void **)&lp->late, &lp->cap_late, (size_t)(lp->n_late + n) + 1,
                      sizeof(lp_late), _Alignof(lp_late)) != 0)
        return -1;
    int col = am_lp_add_col(lp, kind, lb, ub, obj);
    if (col < 0)
        return -1;
    for (int i = 0; i < n; i++)
        lp->late[lp->n_late++] = (lp_late){col, rows[i], coefs[i]};
    return col;
}

void am_lp_row_begin(am_lp *lp) { lp->row_start = lp->n_entries; }

am_status am_lp_row_add(am_lp *lp, int col, double coef, am_error *err)
{
    if (col < 0 || col >= lp->n_cols)
        return am_error_set(err, AM_EINTERNAL, NULL, NULL, "row refers to column %d of %d", col,
                            lp->n_cols);
    if (am_arena_grow(lp->arena, (void **)&lp->entries, &lp->cap_entries,
                      (size_t)lp->n_entries + 1, sizeof(lp_entry), _Alignof(lp_entry)) != 0)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory building the model");
    lp->entries[lp->n_entries++] = (lp_entry){col, coef};
    return AM_OK;
}

static int cmp_entry(const void *a, const void *b)
{
    const lp_entry *x = a, *y = b;
    return (x->col > y->col) - (x->col < y->col);
}

am_status am_lp_row_end(am_lp *lp, am_lp_sense sense, double lo, double hi, am_error *err)
{
    lp_entry *e = lp->entries + lp->row_start;
    long long n = lp->n_entries - lp->row_start, m = 0;
    qsort(e, (size_t)n, sizeof *e, cmp_entry);
    for (long long i = 0; i < n; i++) {
        if (m > 0 && e[m - 1].col == e[i].col)
            e[m - 1].coef += e[i].coef;
        else
            e[m++] = e[i];
    }
    long long k = 0;
    for (long long i = 0; i < m; i++)
        if (e[i].coef != 0.0)
            e[k++] = e[i];
    lp->n_entries = lp->row_start + k;
    if (k == 0)
        return am_error_set(err, AM_EINTERNAL, NULL, NULL, "empty row %d in the model", lp->n_rows);
    if (am_arena_grow(lp->arena, (void **)&lp->rows, &lp->cap_rows, (size_t)lp->n_rows + 1,
                      sizeof(lp_row), _Alignof(lp_row)) != 0)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory building the model");
    lp->rows[lp->n_rows++] = (lp_row){lo, hi, (unsigned char)sense, lp->row_start};
    return AM_OK;
}

void am_lp_row_bounds(const am_lp *lp, int row, am_lp_sense *sense, double *lo, double *hi)
{
    *sense = (am_lp_sense)lp->rows[row].sense;
    *lo = lp->rows[row].lo;
    *hi = lp->rows[row].hi;
}

void am_lp_col_bounds(const am_lp *lp, int col, double *lb, double *ub, double *obj)
{
    *lb = lp->cols[col].lb;
    *ub = lp->cols[col].ub;
    *obj = lp->cols[col].obj;
}

int am_lp_n_cols(const am_lp *lp) { return lp->n_cols; }
int am_lp_n_rows(const am_lp *lp) { return lp->n_rows; }
long long am_lp_n_nonzeros(const am_lp *lp) { return lp->n_entries + lp->n_late; }
long long am_lp_n_binaries(const am_lp *lp) { return lp->n_binaries; }

static int row_type(unsigned char sense)
{
    switch (sense) {
    case AM_LP_LE: return GLP_UP;
    case AM_LP_GE: return GLP_LO;
    case AM_LP_EQ: return GLP_FX;
    default: return GLP_DB;
    }
}

/* Build the glp_prob from the buffers (inside a guard). */
static void set_row_bounds(am_lp *lp, int i)
{
    const lp_row *r = &lp->rows[i];
    int type = row_type(r->sense);
    if (type == GLP_DB && r->lo == r->hi)
        type = GLP_FX;
    double lo = r->lo, hi = r->hi;
    if (type == GLP_UP)
        lo = 0.0;
    if (type == GLP_LO || type == GLP_FX)
        hi = type == GLP_FX ? lo : 0.0;
    glp_set_row_bnds(lp->prob, i + 1, type, lo, hi);
}

static void set_col(glp_prob *P, int j, const lp_col *c)
{
    /* integer first: GLP_BV would reset the bounds to [0, 1], undoing a fixed column's */
    if (c->kind == AM_LP_BINARY)
        glp_set_col_kind(P, j + 1, GLP_IV);
    glp_set_col_bnds(P, j + 1, c->lb == c->ub ? GLP_FX : GLP_DB, c->lb, c->ub);
    glp_set_obj_coef(P, j + 1, c->obj);
}

static void load_prob(am_lp *lp)
{
    glp_prob *P = glp_create_prob();
    lp->prob = P;
    glp_set_obj_dir(P, GLP_MAX);
    if (lp->n_rows > 0)
        glp_add_rows(P, lp->n_rows);
    if (lp->n_cols > 0)
        glp_add_cols(P, lp->n_cols);
    for (int j = 0; j < lp->n_cols; j++)
        set_col(P, j, &lp->cols[j]);
    for (int i = 0; i < lp->n_rows; i++)
        set_row_bounds(lp, i);
    lp->n_rows_loaded = lp->n_rows;
    lp->n_cols_loaded = lp->n_cols;
    lp->n_late_loaded = lp->n_late;
}


/* Give GLPK the rows and columns added since it was loaded. A new row's slack enters the basis
 * and a new column is nonbasic at its bound, so a basis from an earlier solve stays a basis.
 * Rows first (their entries may name new columns), then the new columns' own entries, which
 * name only rows older than the column. 0, or -1 on no memory. */
static int load_new(am_lp *lp)
{
    int first = lp->n_rows_loaded, n = lp->n_rows - first, nc = lp->n_cols - lp->n_cols_loaded;
    int len_max = (lp->n_rows > lp->n_cols ? lp->n_rows : lp->n_cols) + 1;
    int *ind = malloc(sizeof(int) * (size_t)(len_max + 1));
    double *val = malloc(sizeof(double) * (size_t)(len_max + 1));
    if (!ind || !val) {
        free(ind);
        free(val);
        return -1;
    }
    if (nc > 0) {
        glp_add_cols(lp->prob, nc);
        for (int j = lp->n_cols_loaded; j < lp->n_cols; j++)
            set_col(lp->prob, j, &lp->cols[j]);
        lp->cols_added = true;
    }
    if (n > 0)
        glp_add_rows(lp->prob, n);
    for (int i = first; i < lp->n_rows; i++) {
        long long a = lp->rows[i].first;
        long long b = i + 1 < lp->n_rows ? lp->rows[i + 1].first : lp->n_entries;
        int len = (int)(b - a);
        for (int k = 0; k < len; k++) {
            ind[k + 1] = lp->entries[a + k].col + 1;
            val[k + 1] = lp->entries[a + k].coef;
        }
        set_row_bounds(lp, i);
        glp_set_mat_row(lp->prob, i + 1, len, ind, val);
    }
    /* a new column: what the new rows gave it, plus its own entries */
    for (long long q = lp->n_late_loaded; q < lp->n_late;) {
        int col = lp->late[q].col, len = glp_get_mat_col(lp->prob, col + 1, ind, val);
        for (; q < lp->n_late && lp->late[q].col == col; q++) {
            ind[++len] = lp->late[q].row + 1;
            val[len] = lp->late[q].coef;
        }
        glp_set_mat_col(lp->prob, col + 1, len, ind, val);
    }
    free(ind);
    free(val);
    lp->n_rows_loaded = lp->n_rows;
    lp->n_cols_loaded = lp->n_cols;
    lp->n_late_loaded = lp->n_late;
    return 0;
}

/* Copy the row-major triplets into GLPK's 1-based arrays and load them. */
static int load_matrix(am_lp *lp)
{
    long long nz = lp->n_entries + lp->n_late;
    if (nz > 0x7ffffff0LL)
        return -1;
    int *ia = malloc(sizeof(int) * (size_t)(nz + 1));
    int *ja = malloc(sizeof(int) * (size_t)(nz + 1));
    double *ar = malloc(sizeof(double) * (size_t)(nz + 1));
    if (!ia || !ja || !ar) {
        free(ia);
        free(ja);
        free(ar);
        return -1;
    }
    for (long long q = 0; q < lp->n_late; q++) {
        ia[lp->n_entries + q + 1] = lp->late[q].row + 1;
        ja[lp->n_entries + q + 1] = lp->late[q].col + 1;
        ar[lp->n_entries + q + 1] = lp->late[q].coef;
    }
    for (int i = 0; i < lp->n_rows; i++) {
        long long end = i + 1 < lp->n_rows ? lp->rows[i + 1].first : lp->n_entries;
        for (long long k = lp->rows[i].first; k < end; k++) {
            ia[k + 1] = i + 1;
            ja[k + 1] = lp->entries[k].col + 1;
            ar[k + 1] = lp->entries[k].coef;
        }
    }
    glp_load_matrix(lp->prob, (int)nz, ia, ja, ar);
    free(ia);
    free(ja);
    free(ar);
    return 0;
}

static am_status ensure_loaded(am_lp *lp, lp_guard *g, am_error *err)
{
    if (lp->env_gone)
        return am_error_set(err, AM_ESOLVER, NULL, NULL, "the solver failed earlier");
    if (lp->prob)
        return load_new(lp) == 0
                   ? AM_OK
                   : am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory adding rows");
    load_prob(lp);
    if (load_matrix(lp) != 0)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory loading the model");
    (void)g;
    return AM_OK;
}

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

static long elapsed(const mip_ctx *c) { return now_ms() - c->t0 + c->p->elapsed_offset_ms; }

static void report(mip_ctx *c, am_phase phase, bool has_inc, double inc, bool has_bound,
                   double bound, long iters, bool force)
{
    long now = now_ms();
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
    report(c, AM_PHASE_MIP, has_inc, inc, c->has_bound, c->bound, glp_get_it_cnt(P), false);
}

/* A first basis from a solution: every row's slack basic (so the basis is the identity and
 * always valid), every column nonbasic at the bound the solution puts it on (its lower bound
 * when the value lies inside). Rows the solution does not keep at its bounds are made feasible
 * by the primal simplex's first phase. */
static void basis_from(am_lp *lp, const double *start)
{
    for (int i = 0; i < lp->n_rows; i++)
        glp_set_row_stat(lp->prob, i + 1, GLP_BS);
    for (int j = 0; j < lp->n_cols; j++) {
        const lp_col *c = &lp->cols[j];
        int stat = c->lb == c->ub ? GLP_NS : start[j] >= c->ub - 1e-9 ? GLP_NU : GLP_NL;
        glp_set_col_stat(lp->prob, j + 1, stat);
    }
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
            basis_from(lp, c->p->start);
        else
            glp_adv_basis(lp->prob, 0);
        lp->solved = true;
    }
    /* Slices of a fixed number of iterations, not of time: where a slice ends changes the
     * simplex's path, and a path that depended on the clock would make the result depend on
     * the machine's load. Only the time limit itself is a matter of time. */
    sm.it_lim = getenv("AM_XSLICE") ? atoi(getenv("AM_XSLICE")) : LP_SLICE_ITERATIONS;
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
    mip_ctx c = {.p = p, .t0 = now_ms()};
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
    glp_error_hook(lp_on_fatal, &g);
    glp_term_hook(lp_on_term, NULL);
    st = ensure_loaded(lp, &g, err);
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
    if (!lp->env_gone) {
        glp_error_hook(NULL, NULL);
        glp_term_hook(NULL, NULL);
    }
    free(start1);
    return st;
}

long am_lp_now_ms(void) { return now_ms(); }

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

double am_lp_value(const am_lp *lp, int col) { return lp->values ? lp->values[col] : 0.0; }

void am_lp_set_col_bounds(am_lp *lp, int col, double lb, double ub)
{
    lp->cols[col].lb = lb;
    lp->cols[col].ub = ub;
    if (lp->prob && !lp->env_gone)
        glp_set_col_bnds(lp->prob, col + 1, lb == ub ? GLP_FX : GLP_DB, lb, ub);
}
double am_lp_row_dual(const am_lp *lp, int row) { return lp->duals ? lp->duals[row] : 0.0; }

am_status am_lp_write(am_lp *lp, const char *path, am_lp_namer col_name, am_lp_namer row_name,
                      void *ctx, am_error *err)
{
    volatile am_status st = AM_OK;
    lp_guard g = {.lp = lp};
    if (setjmp(g.jump)) {
        st = am_error_set(err, AM_ESOLVER, NULL, NULL, "glpk stopped with a fatal error");
        goto done;
    }
    glp_error_hook(lp_on_fatal, &g);
    glp_term_hook(lp_on_term, NULL);
    st = ensure_loaded(lp, &g, err);
    if (st != AM_OK)
        goto done;
    char buf[256];
    for (int j = 0; j < lp->n_cols; j++) {
        col_name(ctx, j, buf, sizeof buf);
        glp_set_col_name(lp->prob, j + 1, buf);
    }
    for (int i = 0; i < lp->n_rows; i++) {
        row_name(ctx, i, buf, sizeof buf);
        glp_set_row_name(lp->prob, i + 1, buf);
    }
    /* through a temporary file, so that a failure leaves an older file untouched; straight
     * into a device or pipe (/dev/null), which a rename would replace with a plain file */
    struct stat sb;
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode)) {
        if (glp_write_lp(lp->prob, NULL, path) != 0)
            st = am_error_set(err, AM_EIO, path, NULL, "cannot write the lp file");
        goto done;
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    if (glp_write_lp(lp->prob, NULL, tmp) != 0 || rename(tmp, path) != 0) {
        remove(tmp);
        st = am_error_set(err, AM_EIO, path, NULL, "cannot write the lp file");
    }
done:
    if (!lp->env_gone) {
        glp_error_hook(NULL, NULL);
        glp_term_hook(NULL, NULL);
    }
    return st;
}
