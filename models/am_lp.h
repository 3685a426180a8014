/* models/am_lp.h: a small, safe front to GLPK for the models: buffered column and row building,
 * one load into GLPK, a guarded solve (LP in time slices, then branch-and-bound with progress,
 * interruption and an optional starting solution), and solution reads. No GLPK type or GLP_*
 * name appears outside am_lp.c. One live am_lp per thread. Private to models/. */
#ifndef ADVMATCH_AM_LP_H
#define ADVMATCH_AM_LP_H

#include <signal.h>
#include <stdbool.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_error.h"
#include "advmatch/am_match.h"

typedef struct am_lp am_lp;

typedef enum am_lp_kind { AM_LP_CONTINUOUS, AM_LP_BINARY } am_lp_kind;
typedef enum am_lp_sense { AM_LP_LE, AM_LP_GE, AM_LP_RANGE, AM_LP_EQ } am_lp_sense;

/* A new empty maximisation problem whose buffers live in `a` (must outlive it).
 * Caller frees with am_lp_free(). AM_ENOMEM. */
am_status am_lp_new(am_arena *a, am_lp **out, am_error *err);
/* Release the GLPK problem (if any). NULL is a no-op. Safe after a GLPK failure. */
void am_lp_free(am_lp *lp);

/* Add a column; returns its 0-based index, or -1 on no memory. lb <= ub. */
int am_lp_add_col(am_lp *lp, am_lp_kind kind, double lb, double ub, double obj);

/* Add a column with its coefficients in existing rows (distinct, < am_lp_n_rows). Works before
 * and after a solve: the next solve starts from the last basis, with the new column nonbasic
 * at its lower bound. Returns its index, or -1 (no memory, or a row out of range). */
int am_lp_add_col_in(am_lp *lp, am_lp_kind kind, double lb, double ub, double obj, int n,
                     const int *rows, const double *coefs);

/* Row builder: begin, add (col, coef) pairs, end. Duplicate columns are merged, zero
 * coefficients dropped; an empty row is refused (AM_EINTERNAL). Returns AM_OK or AM_ENOMEM.
 * For AM_LP_LE only hi is used, for AM_LP_GE only lo, AM_LP_EQ uses lo. */
void am_lp_row_begin(am_lp *lp);
am_status am_lp_row_add(am_lp *lp, int col, double coef, am_error *err);
am_status am_lp_row_end(am_lp *lp, am_lp_sense sense, double lo, double hi, am_error *err);

/* A row's sense and bounds as given to am_lp_row_end; a column's bounds and objective. */
void am_lp_row_bounds(const am_lp *lp, int row, am_lp_sense *sense, double *lo, double *hi);
void am_lp_col_bounds(const am_lp *lp, int col, double *lb, double *ub, double *obj);

int am_lp_n_cols(const am_lp *lp);
int am_lp_n_rows(const am_lp *lp);
long long am_lp_n_nonzeros(const am_lp *lp);
long long am_lp_n_binaries(const am_lp *lp);

/* Names for the LP file: fills buf (size >= 256) with the name of column/row i. */
typedef void (*am_lp_namer)(void *ctx, int i, char *buf, int size);

/* Write the problem in CPLEX LP format to `path` (through a temporary file and a rename),
 * naming columns and rows through the namers. AM_EIO naming the path, AM_ESOLVER. */
am_status am_lp_write(am_lp *lp, const char *path, am_lp_namer col_name, am_lp_namer row_name,
                      void *ctx, am_error *err);

typedef enum am_lp_end {
    AM_LP_END_OPTIMAL,     /* proven optimal (also: bound and incumbent within the integrality) */
    AM_LP_END_GAP,         /* stopped within the requested relative gap */
    AM_LP_END_TIME_LIMIT,
    AM_LP_END_INTERRUPTED
} am_lp_end;

typedef struct am_lp_solve_params {
    long time_limit_ms;          /* <= 0: none */
    double mip_gap_rel;          /* 0: prove optimality */
    bool integral_objective;     /* every objective coefficient is an integer */
    const double *start;         /* a feasible integer solution (n_cols values), or NULL */
    const volatile sig_atomic_t *stop;
    void (*on_progress)(void *ctx, const am_progress *p);
    void *progress_ctx;
    long elapsed_offset_ms;      /* time already spent before the solve, for progress */
    bool cuts;                   /* let GLPK add clique cuts (measured best for packing rows;
                                    its cover, MIR and Gomory cuts only slowed the schedule) */
    bool lp_only;                /* solve the LP relaxation only: the values are fractional,
                                    the objective is the LP optimum and bounds the MIP */
    bool start_basis;            /* first solve: start the simplex from `start` (columns at the
                                    bounds it puts them on) instead of a crash basis */
    const int *basic_cols;       /* with start_basis: these columns are basic, each in place */
    const int *basic_rows;       /* of the row at the same position (nonbasic at the bound the */
    int n_basic;                 /* start's activity sits on); NULL: every row's slack basic */
    bool dive;                   /* branch-and-bound depth first on the most fractional
                                    variable: for relaxations that are nearly integral */
    int max_nodes;               /* > 0: stop the branch-and-bound once it has made this many
                                    nodes (end AM_LP_END_TIME_LIMIT: a limit that depends on
                                    the work done, not on the clock, so the answer is the same
                                    on every machine) */
} am_lp_solve_params;

typedef struct am_lp_outcome {
    am_lp_end end;
    bool has_solution; /* false only when stopped before any integer solution and no start */
    double objective;
    bool has_bound;
    double bound;
    long lp_iterations;
} am_lp_outcome;

/* Solve. AM_OK with *out filled whenever the search ran (whatever its end), AM_ESOLVER when
 * GLPK failed (detail names the GLPK code). After AM_OK with has_solution, am_lp_value reads the
 * solution (the start solution if the search found nothing better). */
am_status am_lp_solve(am_lp *lp, const am_lp_solve_params *p, am_lp_outcome *out, am_error *err);
double am_lp_value(const am_lp *lp, int col);

/* A monotonic clock in milliseconds, for the models' progress and time limits. */
long am_lp_now_ms(void);
/* The outcome a result or schedule reports for how a search ended. */
am_outcome am_lp_outcome_of(am_lp_end end);

/* The last progress line of a solve that started at t0 (am_lp_now_ms), if anyone listens. */
void am_lp_report_done(const am_match_params *p, long t0, long long objective,
                       const am_lp_outcome *oc, double bound, double gap);
/* Change a column's bounds (also after a solve: the next solve starts from the last basis, as
 * it does after rows were added with the row builder). */
void am_lp_set_col_bounds(am_lp *lp, int col, double lb, double ub);

/* After an lp_only solve: the dual value of row `row` (GLPK's sign: the reduced cost of a
 * column is its objective minus the sum of its coefficients times these). */
double am_lp_row_dual(const am_lp *lp, int row);

#endif
