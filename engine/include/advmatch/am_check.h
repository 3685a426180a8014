/* engine/include/advmatch/am_check.h: the independent rule checker. Re-derives every rule of the
 * domain from the instance and a result's memberships alone: eligibility, every hard rule, each
 * member's channel and score, each group's shortfalls, the locked current memberships and the
 * objective (with the change penalty of each unlocked current membership dropped). It shares
 * no code with the candidate builder or the model, so that it can catch their mistakes. */
#ifndef ADVMATCH_AM_CHECK_H
#define ADVMATCH_AM_CHECK_H

#include <stdbool.h>

#include "advmatch/am_diags.h"
#include "advmatch/am_instance.h"
#include "advmatch/am_result.h"

typedef struct am_check_report {
    int n_violations;        /* hard rules broken (each also listed in the diags) */
    int n_mismatches;        /* claimed channel, score, shortfall or objective differ */
    long long objective;     /* recomputed from the memberships */
    long long penalty;       /* the penalty part of it (>= 0) */
    long long score;         /* the member-score part of it */
    int n_groups_complete;   /* groups with no shortfall */
    int n_shortfalls;        /* recomputed shortfall entries over all groups */
    int n_members;           /* memberships over all groups */
    int n_dropped;           /* unlocked current memberships whose expert left the group */
} am_check_report;

/* Check `res` against `inst` (frozen, valid). Each violation and mismatch is added to `d` as an
 * error whose record names the county ("county 522301"), or the current membership
 * ("current[3]", a locked one not kept), and whose field names the rule.
 * Returns AM_OK (the report says whether the result is clean) or AM_ENOMEM. */
am_status am_check(const am_instance *inst, const am_result *res, am_diags *d,
                   am_check_report *out, am_error *err);

#endif
