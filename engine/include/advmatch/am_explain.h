/* engine/include/advmatch/am_explain.h: why a member was chosen and why a group misses what it
 * misses, in the domain's words, computed from the instance and the result alone (for the
 * reports coordinators read). Pure: no I/O. Texts are written into buffers the caller owns. */
#ifndef ADVMATCH_AM_EXPLAIN_H
#define ADVMATCH_AM_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "advmatch/am_error.h"
#include "advmatch/am_instance.h"
#include "advmatch/am_result.h"

/* Why expert `e` sits in the group of county `c`. */
typedef struct am_member_reason {
    am_channel channel;     /* local, paired, province, national */
    uint64_t industries;    /* bit i: covers the county's industry i (its input order, i < 64) */
    unsigned stages;        /* the county's needed stages the expert covers (1u << am_stage) */
    bool county_prefers;    /* on the county's `prefers` list */
    bool expert_prefers;    /* the county is on the expert's `prefers` list */
    long long score;        /* the pair's score (docs/formulation.md) */
} am_member_reason;

/* Fill *out for member `e` of county `c` of `inst` (frozen, valid). False when (c, e) is not a
 * candidate pair (a result that breaks the rules; then *out is zero). */
bool am_explain_member(const am_instance *inst, int c, int e, am_member_reason *out);

/* One line, in the words of docs/formulation.md, saying why county `c`'s group misses what
 * shortfall `sf` says, from the instance and the other groups of `res`: for example "no
 * national-level expert with a field in {tea, kiwifruit} has capacity left: all 14 candidates
 * lead or sit in other groups", "the county recommended no local member", "Zhejiang has 3
 * experts with matching fields and 11 counties paired with it". Written into buf (always
 * terminated). AM_ENOMEM only. */
am_status am_explain_shortfall(const am_instance *inst, const am_result *res, int c,
                               const am_shortfall *sf, char *buf, size_t size, am_error *err);

#endif
