/* models/am_lp.c: builds the problem for GLPK: buffered columns and rows (in the caller's arena),
 * one load into a glp_prob, later rows and columns given to it without losing its basis, the
 * accessors, and the LP file. GLPK is reached behind an error barrier (a fatal error frees its
 * environment and longjmps back, so it becomes AM_ESOLVER instead of an abort). The solving is
 * in am_lp_solve.c. Owns the glp_prob. */
#include "am_lp_impl.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* GLPK keeps one environment per thread, shared by every problem in it. Several am_lp may be
 * alive at once (the fast path's endgame solves a second model while the first waits): the
 * environment is freed with the last problem, and a fatal error, which frees it at once, makes
 * every problem made before it unusable (a new generation). */
static _Thread_local unsigned env_generation;
static _Thread_local int n_live; /* problems alive in this thread's environment */

bool lp_gone(const am_lp *lp)
{
    return lp->env_gone || (lp->prob && lp->generation != env_generation);
}

static void lp_on_fatal(void *info)
{
    lp_guard *g = info;
    g->lp->env_gone = true;
    g->lp->prob = NULL;
    env_generation++;
    n_live = 0;
    glp_free_env();
    longjmp(g->jump, 1);
}

static int lp_on_term(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1; /* swallow GLPK's terminal output; outcomes are reported through am_progress */
}

long lp_now_ms(void)
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
    if (lp->prob && !lp_gone(lp)) {
        glp_delete_prob(lp->prob);
        n_live--;
    }
    lp->prob = NULL;
    /* With the last problem, GLPK's environment goes too, so nothing of GLPK outlives the
     * solves (it is created again on the next GLPK call). */
    if (n_live == 0)
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
    lp->generation = env_generation;
    n_live++;
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

static am_status ensure_loaded(am_lp *lp, am_error *err)
{
    if (lp_gone(lp))
        return am_error_set(err, AM_ESOLVER, NULL, NULL, "the solver failed earlier");
    if (lp->prob)
        return load_new(lp) == 0
                   ? AM_OK
                   : am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory adding rows");
    load_prob(lp);
    if (load_matrix(lp) != 0)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory loading the model");
    return AM_OK;
}

am_status lp_enter(am_lp *lp, lp_guard *g, am_error *err)
{
    glp_error_hook(lp_on_fatal, g);
    glp_term_hook(lp_on_term, NULL);
    return ensure_loaded(lp, err);
}

void lp_leave(am_lp *lp)
{
    if (!lp_gone(lp)) {
        glp_error_hook(NULL, NULL);
        glp_term_hook(NULL, NULL);
    }
}

double am_lp_value(const am_lp *lp, int col) { return lp->values ? lp->values[col] : 0.0; }

void am_lp_set_col_bounds(am_lp *lp, int col, double lb, double ub)
{
    lp->cols[col].lb = lb;
    lp->cols[col].ub = ub;
    /* a column GLPK does not have yet takes its bounds from here when it is loaded */
    if (lp->prob && !lp_gone(lp) && col < lp->n_cols_loaded)
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
    st = lp_enter(lp, &g, err);
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
    lp_leave(lp);
    return st;
}

