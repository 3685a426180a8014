/* models/include/advmatch/am_match.h: the matching pipeline: candidates, the GLPK integer
 * program, the solve, the extraction of the groups and the independent check of the result. */
#ifndef ADVMATCH_AM_MATCH_H
#define ADVMATCH_AM_MATCH_H

#include <signal.h>
#include <stdbool.h>

#include "advmatch/am_error.h"
#include "advmatch/am_instance.h"
#include "advmatch/am_result.h"

typedef enum am_phase { AM_PHASE_BUILD, AM_PHASE_LP, AM_PHASE_MIP, AM_PHASE_DONE } am_phase;
const char *am_phase_name(am_phase p);

typedef struct am_progress {
    am_phase phase;
    long elapsed_ms;
    bool has_incumbent;
    double incumbent;    /* best integer objective so far */
    bool has_bound;
    double bound;        /* best bound (LP value in the LP phase) */
    double gap;          /* relative, when both are known; else -1 */
    long lp_iterations;
} am_progress;

typedef struct am_match_params {
    long time_limit_ms;           /* <= 0: none */
    double mip_gap_rel;           /* 0: prove optimality */
    const char *write_lp_path;    /* write the model in CPLEX LP format before solving, or NULL */
    const volatile sig_atomic_t *stop; /* when *stop becomes non-zero the search ends, or NULL */
    void (*on_progress)(void *ctx, const am_progress *p); /* about once a second, or NULL */
    void *progress_ctx;
    bool skip_check;              /* tests only: do not run am_check on the result */
    bool exact;                   /* solve the full model directly (every candidate pair) instead
                                     of the fast path; the same optimum, for tests and peers */
} am_match_params;

void am_match_params_init(am_match_params *p);

/* Form the groups of `inst` (frozen, validated without errors). On AM_OK *out is a new result
 * whose outcome tells how the search ended; caller frees with am_result_free(). The result has
 * passed am_check (a failure there is AM_EINTERNAL naming rule and county). Errors: AM_ENOMEM,
 * AM_ESOLVER (GLPK failed; detail has its code), AM_EIO (LP file), AM_EINTERNAL. */
am_status am_match(const am_instance *inst, const am_match_params *p, am_result **out,
                   am_error *err);

#endif
