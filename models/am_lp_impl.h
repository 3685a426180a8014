/* models/am_lp_impl.h: the inside of am_lp, shared by am_lp.c (building, loading into GLPK,
 * writing) and am_lp_solve.c (solving): with them, the only files that include glpk.h. */
#ifndef ADVMATCH_AM_LP_IMPL_H
#define ADVMATCH_AM_LP_IMPL_H

#include <glpk.h>
#include <setjmp.h>

#include "am_lp.h"

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
    unsigned generation; /* of the environment prob was made in (lp_gone) */
};

typedef struct lp_guard {
    jmp_buf jump;
    am_lp *lp;
} lp_guard;

/* Is prob unusable: a fatal GLPK error (in this am_lp or another one alive in the same thread)
 * freed the environment it was made in? */
bool lp_gone(const am_lp *lp);

/* A monotonic clock in milliseconds. */
long lp_now_ms(void);
/* After setjmp(g->jump) in the caller: route GLPK's fatal errors to the guard (they free GLPK's
 * environment and jump back) and silence its terminal, then load the problem into GLPK or give
 * it what was added since. AM_OK, AM_ENOMEM, AM_ESOLVER (GLPK failed earlier). */
am_status lp_enter(am_lp *lp, lp_guard *g, am_error *err);
/* Undo lp_enter's hooks (unless a fatal error already freed GLPK's environment). */
void lp_leave(am_lp *lp);

#endif
