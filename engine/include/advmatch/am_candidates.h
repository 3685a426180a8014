/* engine/include/advmatch/am_candidates.h: the eligible (county, expert) pairs with their role
 * flags and integer scores. Declines, inactive experts and experts of capacity 0 are dropped
 * here, so nothing downstream sees them. Used by the model; never by the checker. */
#ifndef ADVMATCH_AM_CANDIDATES_H
#define ADVMATCH_AM_CANDIDATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_instance.h"
#include "advmatch/am_result.h"

enum {
    AM_CAND_LOCAL = 1u << 0,    /* counts toward the local quota */
    AM_CAND_PAIRED = 1u << 1,   /* counts toward the pairing quota */
    AM_CAND_PROVINCE = 1u << 2, /* from the county's own province */
    AM_CAND_NATIONAL = 1u << 3, /* national level */
    AM_CAND_CAN_LEAD = 1u << 4  /* national level and leader_capacity > 0 */
};

typedef struct am_cand {
    int expert;
    unsigned flags;
    am_channel channel;    /* the one label a member gets */
    int affinity;          /* sum of weights of the county's industries in the expert's fields */
    long long score;       /* priority * affinity + preference bonuses */
    uint64_t industries;   /* bit i: covers the county's industry i (i < 64) */
    unsigned stages;       /* stages the expert covers that the county needs */
} am_cand;

typedef struct am_candidates {
    int n_counties;
    const int *start; /* candidates of county c are cands[start[c] .. start[c+1]), by expert */
    const am_cand *cands;
    long long n_pairs;
} am_candidates;

/* Build the candidates of every county of `inst` (frozen, valid). Everything lives in `a`
 * and points into `inst`, which must outlive it. AM_ENOMEM only. */
/* Is (county c, expert e) a candidate pair? When it is, *out gets what am_candidates_build would
 * hold for it. The same rule, one pair at a time (validation of locked memberships). */
bool am_candidate_of(const am_instance *inst, int c, int e, am_cand *out);

/* Why (county c, expert e) is not a candidate pair, in the words of docs/formats.md ("expert
 * \"E0017\" is inactive"), into buf (always terminated). For a pair that is one, a generic text. */
void am_candidate_why_not(const am_instance *inst, int c, int e, char *buf, size_t size);
am_status am_candidates_build(const am_instance *inst, am_arena *a, am_candidates **out,
                              am_error *err);

#endif
