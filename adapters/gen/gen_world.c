/* adapters/gen/gen_world.c: chooses a seeded random subset of the program counties (key support
 * counties never take part), draws each county's industries from its province profile, its
 * needed stages and priority, and collects the provinces: the counties' own, their eastern
 * partners and Beijing. */
#include "gen_world.h"

#include <stdlib.h>
#include <string.h>

#include "gen_profiles.h"

const char *gen_world_str(gen_world *w, const char *s)
{
    return am_arena_strdup(w->a, s);
}

static am_status nomem(am_error *err)
{
    return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory while generating an instance");
}

/* Needs of one county: 2-4 distinct industries from the profile (the typical ones likelier),
 * weight 3 for the first; production plus 1-3 other stages; priority 1, sometimes 2. */
static void draw_needs(gen_world *w, gen_county *c)
{
    int n_prof;
    const char *const *prof = gen_profile_fields(c->ref->prov, &n_prof);
    unsigned char wt[16];
    for (int i = 0; i < n_prof && i < 16; i++)
        wt[i] = (unsigned char)(n_prof - i + 2);
    if (n_prof > 16)
        n_prof = 16;
    int k = gen_rng_range(&w->rng, 2, GEN_MAX_INDUSTRIES);
    if (k > n_prof)
        k = n_prof;
    for (int i = 0; i < k; i++) {
        int f = gen_rng_weighted(&w->rng, wt, n_prof);
        wt[f] = 0;
        c->ind[i].field = prof[f];
        c->ind[i].weight = i == 0 ? 3 : gen_rng_range(&w->rng, 1, 3);
    }
    c->n_ind = k;
    int others[] = {AM_STAGE_PROCESSING, AM_STAGE_PRESERVATION, AM_STAGE_STORAGE_TRANSPORT,
                    AM_STAGE_BRANDING};
    gen_rng_shuffle(&w->rng, others, 4);
    c->stages = 1u << AM_STAGE_PRODUCTION;
    int n_other = gen_rng_range(&w->rng, 1, 3);
    for (int i = 0; i < n_other; i++)
        c->stages |= 1u << others[i];
    c->priority = gen_rng_pct(&w->rng, 20) ? 2 : 1;
}

static int cmp_int(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

static am_status pick_counties(gen_world *w, const am_gen_params *p, am_error *err)
{
    const gen_ref *ref = &w->ref;
    const char *prov = p->province;
    if (prov) {
        if (strlen(prov) != 2 || prov[0] < '0' || prov[0] > '9' || prov[1] < '0' || prov[1] > '9')
            return am_error_set(err, AM_EINPUT, NULL, "province",
                                "province \"%s\" must be a 2-digit code like \"52\"", prov);
        if (!gen_ref_province_find(ref, prov))
            return am_error_set(err, AM_EINPUT, NULL, "province",
                                "province %s is unknown: no such province in the reference data",
                                prov);
    }
    int *cand = AM_ARENA_ARRAY(w->a, int, ref->n_counties + 1);
    if (!cand)
        return nomem(err);
    int n_cand = 0;
    for (int i = 0; i < ref->n_counties; i++) {
        const gen_ref_county *c = &ref->counties[i];
        if (!c->key_support && (!prov || strcmp(c->prov, prov) == 0))
            cand[n_cand++] = i;
    }
    if (n_cand == 0)
        return am_error_set(err, AM_EINPUT, NULL, "province", "province %s has no program counties",
                            prov ? prov : "(any)");
    if (p->n_counties > n_cand) {
        if (prov)
            return am_error_set(err, AM_EINPUT, NULL, "n_counties",
                                "%d counties asked for, but province %s has only %d program "
                                "counties (the maximum)",
                                p->n_counties, prov, n_cand);
        return am_error_set(err, AM_EINPUT, NULL, "n_counties",
                            "%d counties asked for, but only %d program counties are available "
                            "(the maximum)",
                            p->n_counties, n_cand);
    }
    gen_rng_shuffle(&w->rng, cand, n_cand);
    qsort(cand, (size_t)p->n_counties, sizeof *cand, cmp_int);
    w->n_counties = p->n_counties;
    w->counties = AM_ARENA_ARRAY(w->a, gen_county, w->n_counties);
    w->paired_counties = AM_ARENA_ARRAY(w->a, int, w->n_counties);
    if (!w->counties || !w->paired_counties)
        return nomem(err);
    for (int i = 0; i < w->n_counties; i++) {
        gen_county *c = &w->counties[i];
        c->ref = &ref->counties[cand[i]];
        c->prov = gen_ref_province_find(ref, c->ref->prov);
        if (!c->prov)
            return am_error_set(err, AM_EINTERNAL, NULL, NULL,
                                "county %s lies in province %s, missing from provinces.csv",
                                c->ref->code, c->ref->prov);
        draw_needs(w, c);
        if (c->prov->n_paired > 0)
            w->paired_counties[w->n_paired_counties++] = i;
    }
    return AM_OK;
}

/* Add province `code` to the set unless present. */
static am_status add_prov(gen_world *w, const char *code, am_error *err)
{
    for (int i = 0; i < w->n_provs; i++)
        if (strcmp(w->provs[i]->code, code) == 0)
            return AM_OK;
    const gen_ref_province *pv = gen_ref_province_find(&w->ref, code);
    if (!pv)
        return am_error_set(err, AM_EINTERNAL, NULL, NULL,
                            "province %s is missing from provinces.csv", code);
    /* keep ascending code order: insertion sort step */
    int j = w->n_provs++;
    while (j > 0 && strcmp(w->provs[j - 1]->code, code) > 0) {
        w->provs[j] = w->provs[j - 1];
        j--;
    }
    w->provs[j] = pv;
    return AM_OK;
}

am_status gen_world_places(gen_world *w, const am_gen_params *p, am_error *err)
{
    am_status st = pick_counties(w, p, err);
    if (st != AM_OK)
        return st;
    w->provs = AM_ARENA_ARRAY(w->a, const gen_ref_province *, w->ref.n_provinces + 1);
    if (!w->provs)
        return nomem(err);
    for (int i = 0; i < w->n_counties && st == AM_OK; i++) {
        const gen_ref_province *pv = w->counties[i].prov;
        st = add_prov(w, pv->code, err);
        for (int k = 0; k < pv->n_paired && st == AM_OK; k++)
            st = add_prov(w, pv->paired[k], err);
    }
    if (st == AM_OK)
        st = add_prov(w, "11", err);
    return st;
}
