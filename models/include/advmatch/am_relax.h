/* models/include/advmatch/am_relax.h: what would remove a group's shortfall. For a shortfall of
 * a county in a result, a few relaxations are tried, each by solving the whole instance again
 * with one change: an expert who could fill the place takes one more group (or may lead one
 * more), or the county recommends one more of its local experts. Each comes back with its
 * effect on the objective and whether the shortfall is gone. Solving again is the real test:
 * the expert freed here may leave a hole elsewhere, which the new objective shows. */
#ifndef ADVMATCH_AM_RELAX_H
#define ADVMATCH_AM_RELAX_H

#include <stdbool.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_match.h"

typedef enum am_relax_kind {
    AM_RELAX_CAPACITY,  /* the expert takes one more group */
    AM_RELAX_LEAD,      /* the expert may lead one more group (and take one more if full) */
    AM_RELAX_RECOMMEND  /* the county also recommends the expert, who lives there */
} am_relax_kind;
/* "capacity", "lead", "recommend" */
const char *am_relax_kind_name(am_relax_kind k);

typedef struct am_relaxation {
    am_relax_kind kind;
    int expert;          /* expert index */
    bool removes;        /* after solving again, the county's group no longer has the shortfall */
    long long objective; /* of the new solve */
    long long delta;     /* objective - the result's objective */
    am_outcome outcome;  /* how the new solve ended */
} am_relaxation;

/* Try up to `tries` relaxations of shortfall `sf` of county `c` in `res` (a result of `inst`,
 * frozen and valid), each solved with am_match and the params `p` (give a time limit).
 * The experts tried are the candidates of the county who could fill the place but have no
 * room left, best pair score first (then id); for a local shortfall, first the county's own
 * experts it has not recommended. On AM_OK *out (in `a`, which the caller frees) holds *n
 * relaxations: the ones that remove the shortfall first, then by delta descending. Errors of
 * am_match, and AM_ENOMEM. */
am_status am_relax(const am_instance *inst, const am_result *res, int c, const am_shortfall *sf,
                   int tries, const am_match_params *p, am_arena *a, am_relaxation **out, int *n,
                   am_error *err);

#endif
