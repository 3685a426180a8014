/* engine/include/advmatch/am_alternates.h: ranked replacements for one member of one group of a
 * result: the experts that could take the member's seat (same role) while the group keeps every
 * rule it kept before and every other group stays exactly as it is, each with the change in the
 * objective. What a coordinator needs when an expert says no (docs/alternates.md).
 *
 * A replacement e' for member m of county c's group:
 *   - is not in the group and is a candidate pair of c (am_candidate_of: active, capacity >= 1,
 *     not declined, local (recommended) or a shared field and own / partner province or
 *     national level);
 *   - has capacity left: its memberships in the result's groups < capacity;
 *   - when m leads the group: can lead (national, leader_capacity >= 1) and its leaderships in
 *     the result < leader_capacity;
 *   - keeps the local and pairing quotas as far as the group kept them before: the swap adds no
 *     shortfall below min and goes no further above max;
 *   - keeps the organisation cap: e''s organisation has at most max_same_org members after;
 *   - covers, together with the members who stay, every industry and needed stage the group
 *     covered before.
 * Group size and leader count do not change (a swap, same role). A member whose current
 * membership is locked cannot be replaced: the list is empty and `locked` says why.
 *
 * delta is the objective of docs/formulation.md after the swap minus before: member scores,
 * the penalties of the group (size, over_target, leader, local, pairing, industry, stage) and
 * the change penalty of the county's unlocked current memberships that the group drops. It is
 * computed here from the instance alone (not by the checker); tests/unit/test_alternates.c
 * checks that it equals am_check's objective difference. */
#ifndef ADVMATCH_AM_ALTERNATES_H
#define ADVMATCH_AM_ALTERNATES_H

#include <stdbool.h>
#include <stdint.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_error.h"
#include "advmatch/am_instance.h"
#include "advmatch/am_result.h"

typedef struct am_alternate {
    int expert;          /* instance index of the replacement */
    am_channel channel;  /* the channel it would have in the group */
    long long score;     /* its pair score in the county */
    long long delta;     /* objective after the swap minus before (penalties included) */
    uint64_t industries; /* bit i: it covers the county's industry i (i < 64) */
    unsigned stages;     /* the county's needed stages it covers (bit 1u << am_stage) */
} am_alternate;

typedef struct am_alternates_list {
    int county;        /* county index */
    int member;        /* expert index of the member to replace */
    am_role role;      /* the member's role, which the replacement would take over */
    bool locked;       /* the membership is locked in the instance's current[]: n == 0 */
    int n_allowed;     /* replacements that keep every rule, before the cut to k */
    am_alternate *alts; /* the best n of them: delta descending, then score descending, then
                           expert id ascending */
    int n;
} am_alternates_list;

/* Ranked replacements for expert `member` (an expert index that must be a member of county
 * `county`'s group in `res`) in `res` (a result of `inst`, frozen and validated). k > 0 keeps
 * the best k; k <= 0 keeps them all. On AM_OK *out is filled; out->alts lives in `a` (caller
 * frees with am_arena_free), and it and `inst` must outlive what reads it. `res` is borrowed
 * for the call. AM_EINPUT when the county is out of range, `res` has another number of groups
 * than `inst` has counties, or `member` is not in the group (message names them); AM_ENOMEM. */
am_status am_alternates(const am_instance *inst, const am_result *res, int county, int member,
                        int k, am_arena *a, am_alternates_list *out, am_error *err);

#endif
