/* engine/am_check_impl.h: the state of one am_check call, shared by am_check.c (membership and
 * hard rules, capacities, objective), am_check_shortfall.c (shortfalls and penalties) and
 * am_check_current.c (the current memberships).
 * Private to engine/; it must never include am_candidates.h or anything of models/. */
#ifndef ADVMATCH_AM_CHECK_IMPL_H
#define ADVMATCH_AM_CHECK_IMPL_H

#include <stdbool.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_check.h"

typedef struct checker {
    const am_instance *inst;
    const am_result *res;
    const am_policy *pol;
    am_diags *d;
    am_check_report *rep;
    am_arena *arena; /* per call: every array below */
    am_status st;    /* AM_ENOMEM once a finding could not be stored */
    int *seen;       /* per expert: county + 1 of the last group it was seen in, negated once
                        reported as a duplicate there */
    int *n_sits;     /* per expert: groups it sits in */
    int *n_leads;    /* per expert: leader entries */
    int *org_count;  /* per organisation, valid where org_stamp == county + 1 */
    int *org_stamp;
    int *orgs_over;        /* organisations above max_same_org in the current group */
    am_shortfall *want;    /* recomputed shortfalls of the current group */
    am_shortfall *claimed; /* the claimed ones, copied to be sorted */
} checker;

/* The county of the group being checked. */
typedef struct check_county {
    int idx;
    const am_county *county;
    const am_province *province; /* NULL when the county's province is unknown */
    char rec[64];                /* "county 522301" */
} check_county;

/* What the members of one group add up to (as listed, duplicates included). */
typedef struct group_facts {
    int n_members, n_leaders;
    int n_local;     /* home county == the county */
    int n_paired;    /* province is a partner of the county's province */
    unsigned stages; /* union of the members' stages */
    long long score; /* sum of the recomputed member scores */
} group_facts;

/* Is `province` an eastern partner of the county's province? */
static inline bool am_check_is_partner(const check_county *k, int province)
{
    return k->province && province >= 0 &&
           am_index_in(k->province->paired, k->province->n_paired, province);
}

/* Add an error finding to the diags and count it as a violation (hard rule) or a mismatch
 * (a claimed value differs). Sets ck->st to AM_ENOMEM when it cannot be stored. */
void am_check_flag(checker *ck, bool violation, const char *rec, const char *field, const char *fmt,
                   ...) __attribute__((format(printf, 5, 6)));

/* Recompute the shortfalls of group `g` from its facts, compare them with the claimed ones
 * (each difference is a mismatch), count them in the report, and return the group's penalty. */
long long am_check_shortfalls(checker *ck, const check_county *k, const am_group *g,
                              const group_facts *f);

/* am_check_current.c: flag every locked current membership missing from the result or listed
 * with another role, count the unlocked ones dropped in the report, and return their penalty
 * (pen_change times the county's priority each). `nc`: the groups to look at. */
long long am_check_current(checker *ck, int nc);

#endif
