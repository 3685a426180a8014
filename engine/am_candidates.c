/* engine/am_candidates.c: find every eligible (county, expert) pair, its role flags, channel,
 * coverage and integer score. Reads a frozen instance; writes only into the caller's arena.
 * Eligibility (docs/formulation.md, "Candidates"): active, capacity >= 1, not declined, and
 * either local (home county; only recommended ones when the county sent a list) or sharing a
 * field with the county's industries while being from its province, from a partner province,
 * or of national level. */
#include "advmatch/am_candidates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cand_index {
    int *by_province_start; /* experts of province p: by_province[start[p] .. start[p+1]) */
    int *by_province;
    int *by_county_start;   /* experts whose home county is c */
    int *by_county;
    int *national;
    int n_national;
} cand_index;

/* Bucket the experts by province and by home county (counting sort keeps expert order). */
static int build_index(const am_instance *inst, am_arena *a, cand_index *ix)
{
    int np = am_instance_n_provinces(inst), nc = am_instance_n_counties(inst);
    int ne = am_instance_n_experts(inst);
    ix->by_province_start = AM_ARENA_ARRAY(a, int, np + 1);
    ix->by_county_start = AM_ARENA_ARRAY(a, int, nc + 1);
    ix->by_province = AM_ARENA_ARRAY(a, int, ne + 1);
    ix->by_county = AM_ARENA_ARRAY(a, int, ne + 1);
    ix->national = AM_ARENA_ARRAY(a, int, ne + 1);
    int *fill = AM_ARENA_ARRAY(a, int, (np > nc ? np : nc) + 1);
    if (!ix->by_province_start || !ix->by_county_start || !ix->by_province || !ix->by_county ||
        !ix->national || !fill)
        return -1;
    for (int e = 0; e < ne; e++) {
        const am_expert *x = am_instance_expert(inst, e);
        if (x->province >= 0)
            ix->by_province_start[x->province + 1]++;
        if (x->county >= 0)
            ix->by_county_start[x->county + 1]++;
        if (x->level == AM_LEVEL_NATIONAL)
            ix->national[ix->n_national++] = e;
    }
    for (int p = 0; p < np; p++)
        ix->by_province_start[p + 1] += ix->by_province_start[p];
    for (int c = 0; c < nc; c++)
        ix->by_county_start[c + 1] += ix->by_county_start[c];
    memcpy(fill, ix->by_province_start, sizeof(int) * (size_t)np);
    for (int e = 0; e < ne; e++) {
        const am_expert *x = am_instance_expert(inst, e);
        if (x->province >= 0)
            ix->by_province[fill[x->province]++] = e;
    }
    memcpy(fill, ix->by_county_start, sizeof(int) * (size_t)nc);
    for (int e = 0; e < ne; e++) {
        const am_expert *x = am_instance_expert(inst, e);
        if (x->county >= 0)
            ix->by_county[fill[x->county]++] = e;
    }
    return 0;
}

/* Evaluate expert e for county c; returns 1 and fills *out when e is a candidate. `ind_of`
 * (or NULL) maps a field to the index of the county's industry with that field, -1 for none. */
static int evaluate(const am_instance *inst, int c, int e, const short *ind_of, am_cand *out);

bool am_candidate_of(const am_instance *inst, int c, int e, am_cand *out)
{
    return evaluate(inst, c, e, NULL, out) != 0;
}

static int evaluate(const am_instance *inst, int c, int e, const short *ind_of, am_cand *out)
{
    const am_county *cy = am_instance_county(inst, c);
    const am_expert *x = am_instance_expert(inst, e);
    const am_policy *pol = am_instance_policy(inst);
    if (!x->active || x->capacity < 1 || am_index_in(x->declines, x->n_declines, c))
        return 0;
    bool local = x->county == c;
    if (local && cy->n_recommended > 0 && !am_index_in(cy->recommended, cy->n_recommended, e))
        return 0;
    uint64_t ind = 0;
    int affinity = 0;
    for (int j = 0; ind_of && j < x->n_fields; j++) { /* each field is one industry at most */
        int i = ind_of[x->fields[j]];
        if (i >= 0) {
            ind |= (uint64_t)1 << i;
            affinity += cy->industries[i].weight;
        }
    }
    for (int i = 0; !ind_of && i < cy->n_industries && i < 64; i++)
        if (am_expert_has_field(x, cy->industries[i].field)) {
            ind |= (uint64_t)1 << i;
            affinity += cy->industries[i].weight;
        }
    const am_province *pv = cy->province >= 0 ? am_instance_province(inst, cy->province) : NULL;
    bool paired = pv && am_index_in(pv->paired, pv->n_paired, x->province);
    bool own = x->province == cy->province;
    bool national = x->level == AM_LEVEL_NATIONAL;
    if (!local && (ind == 0 || !(paired || own || national)))
        return 0;
    out->expert = e;
    out->flags = (local ? AM_CAND_LOCAL : 0u) | (paired ? AM_CAND_PAIRED : 0u) |
                 (own ? AM_CAND_PROVINCE : 0u) | (national ? AM_CAND_NATIONAL : 0u) |
                 (national && x->leader_capacity > 0 ? AM_CAND_CAN_LEAD : 0u);
    out->channel = local ? AM_CHANNEL_LOCAL
                   : paired ? AM_CHANNEL_PAIRED
                   : own    ? AM_CHANNEL_PROVINCE
                            : AM_CHANNEL_NATIONAL;
    out->affinity = affinity;
    out->industries = ind;
    out->stages = x->stages & cy->stages;
    out->score = (long long)cy->priority * affinity;
    if (am_index_in(cy->prefers, cy->n_prefers, e))
        out->score += pol->preference_bonus;
    if (am_index_in(x->prefers, x->n_prefers, c))
        out->score += pol->preference_bonus;
    return 1;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Gather the experts that may be candidates of county c into pool (unique, ascending): marked
 * in `stamp`, then sorted, or, for a pool that is a good share of all experts (a national
 * round: a province's experts and every national one), read back in order from the marks. */
static int gather(const am_instance *inst, const cand_index *ix, int c, int *pool, int *stamp)
{
    int ne = am_instance_n_experts(inst);
    const am_county *cy = am_instance_county(inst, c);
    int n = 0;
#define TAKE(e)                                                                                    \
    do {                                                                                           \
        int e_ = (e);                                                                              \
        if (stamp[e_] != c + 1) {                                                                  \
            stamp[e_] = c + 1;                                                                     \
            pool[n++] = e_;                                                                        \
        }                                                                                          \
    } while (0)
    for (int k = ix->by_county_start[c]; k < ix->by_county_start[c + 1]; k++)
        TAKE(ix->by_county[k]);
    if (cy->province >= 0) {
        const am_province *pv = am_instance_province(inst, cy->province);
        for (int q = -1; q < pv->n_paired; q++) {
            int p = q < 0 ? cy->province : pv->paired[q];
            for (int k = ix->by_province_start[p]; k < ix->by_province_start[p + 1]; k++)
                TAKE(ix->by_province[k]);
        }
    }
    for (int k = 0; k < ix->n_national; k++)
        TAKE(ix->national[k]);
#undef TAKE
    if ((long long)n * 16 < ne) {
        qsort(pool, (size_t)n, sizeof(int), cmp_int);
        return n;
    }
    n = 0;
    for (int e = 0; e < ne; e++)
        if (stamp[e] == c + 1)
            pool[n++] = e;
    return n;
}

am_status am_candidates_build(const am_instance *inst, am_arena *a, am_candidates **out,
                              am_error *err)
{
    int nc = am_instance_n_counties(inst), ne = am_instance_n_experts(inst);
    cand_index ix = {0};
    am_candidates *cs = AM_ARENA_ARRAY(a, am_candidates, 1);
    int *start = AM_ARENA_ARRAY(a, int, nc + 1);
    int *pool = AM_ARENA_ARRAY(a, int, ne + 1);
    int *stamp = AM_ARENA_ARRAY(a, int, ne + 1);
    int nf = am_instance_n_fields(inst);
    short *ind_of = AM_ARENA_ARRAY(a, short, nf + 1);
    am_cand *cands = NULL;
    size_t cap = 0, n = 0;
    *out = NULL;
    if (!cs || !start || !pool || !stamp || !ind_of || build_index(inst, a, &ix) != 0)
        goto nomem;
    for (int f = 0; f < nf; f++)
        ind_of[f] = -1;
    for (int c = 0; c < nc; c++) {
        start[c] = (int)n;
        int m = gather(inst, &ix, c, pool, stamp);
        if (am_arena_grow(a, (void **)&cands, &cap, n + (size_t)m + 1, sizeof(am_cand),
                          _Alignof(am_cand)) != 0)
            goto nomem;
        const am_county *cy = am_instance_county(inst, c);
        for (int i = 0; i < cy->n_industries && i < 64; i++)
            if (cy->industries[i].field >= 0)
                ind_of[cy->industries[i].field] = (short)i;
        for (int k = 0; k < m; k++)
            n += (size_t)evaluate(inst, c, pool[k], ind_of, &cands[n]);
        for (int i = 0; i < cy->n_industries && i < 64; i++)
            if (cy->industries[i].field >= 0)
                ind_of[cy->industries[i].field] = -1;
        if (n > 0x7ffffff0u)
            return am_error_set(err, AM_EINPUT, NULL, NULL,
                                "more than 2^31 candidate pairs: split the round into batches");
    }
    start[nc] = (int)n;
    cs->n_counties = nc;
    cs->start = start;
    cs->cands = cands;
    cs->n_pairs = (long long)n;
    *out = cs;
    return AM_OK;
nomem:
    return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory building candidates");
}

/* Why (c, e) is not a candidate pair, in the words of docs/formats.md. */
void am_candidate_why_not(const am_instance *inst, int c, int e, char *buf, size_t size)
{
    const am_county *cy = am_instance_county(inst, c);
    const am_expert *x = am_instance_expert(inst, e);
    bool shares = false;
    for (int i = 0; i < cy->n_industries && !shares; i++)
        shares = am_expert_has_field(x, cy->industries[i].field);
    const am_province *pv = cy->province >= 0 ? am_instance_province(inst, cy->province) : NULL;
    bool near = x->province >= 0 && (x->province == cy->province ||
                                     (pv && am_index_in(pv->paired, pv->n_paired, x->province)));
    if (!x->active)
        snprintf(buf, size, "expert \"%s\" is inactive", x->id);
    else if (x->capacity < 1)
        snprintf(buf, size, "expert \"%s\" has capacity %d", x->id, x->capacity);
    else if (am_index_in(x->declines, x->n_declines, c))
        snprintf(buf, size, "expert \"%s\" declined county \"%s\"", x->id, cy->id);
    else if (x->county == c)
        snprintf(buf, size,
                 "expert \"%s\" is local to county \"%s\" but not on its recommended list", x->id,
                 cy->id);
    else if (!shares)
        snprintf(buf, size, "expert \"%s\" has no field in the industries of county \"%s\"", x->id,
                 cy->id);
    else if (!near && x->level != AM_LEVEL_NATIONAL)
        snprintf(buf, size,
                 "expert \"%s\" is %s and from province \"%s\", neither the province of county "
                 "\"%s\" nor its partner",
                 x->id, am_level_name(x->level),
                 x->province >= 0 ? am_instance_province(inst, x->province)->code : "?", cy->id);
    else
        snprintf(buf, size, "expert \"%s\" is not a candidate of county \"%s\"", x->id, cy->id);
}

