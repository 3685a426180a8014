/* engine/include/advmatch/am_scope.h: the instance one round solves, cut out of the whole ledger:
 * some counties, every expert, each expert's capacity reduced by the groups it keeps outside
 * those counties, and the scope's current memberships locked or not. Pure: no I/O. */
#ifndef ADVMATCH_AM_SCOPE_H
#define ADVMATCH_AM_SCOPE_H

#include <stdbool.h>
#include <stddef.h>

#include "advmatch/am_diags.h"
#include "advmatch/am_error.h"
#include "advmatch/am_instance.h"

typedef struct am_scope {
    const bool *county_in; /* per county of the source: in the round's scope */
    const bool *lock;      /* per current membership of the source (in scope): lock it; NULL:
                              none locked */
    const bool *keep;      /* per current membership of the source (in scope): carry it into
                              current[]; NULL: every one */
    /* What-if changes (am_relax.h): per expert, groups added to capacity and leader_capacity
     * (NULL: none); with `recommend`, county recommend_county also recommends expert
     * recommend_expert (indexes of the source). */
    const int *more_capacity, *more_leader;
    bool recommend;
    int recommend_county, recommend_expert;
} am_scope;

/* A new frozen instance (caller frees) with the policy, calendar and provinces of `src`
 * (frozen, valid), the counties in scope with their fixed meetings, every expert, and:
 *   - capacity and leader_capacity reduced by the memberships and leaderships the expert holds
 *     (src's current[]) in counties outside the scope, never below 0: those groups stay as
 *     they are, so their members are not free;
 *   - declines and prefers naming a county outside the scope left out, and a home county
 *     outside it too (a local expert then reads as provincial: the same candidate for every
 *     county in scope);
 *   - the current memberships of counties in scope that `keep` selects, locked as `lock` says;
 *   - the what-if changes: more capacity or leader capacity, one more recommended expert.
 * Problems the freeze finds go to `d`. AM_ENOMEM. */
am_status am_instance_scope(const am_instance *src, const am_scope *s, am_instance **out,
                            am_diags *d, am_error *err);

#endif
