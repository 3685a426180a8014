/* adapters/gen/gen_experts.c: draws the expert pool of a generated instance: about 8% national
 * (Beijing mostly), 20% provincial experts of the eastern partners, 47% provincial experts of
 * the counties' own provinces and 25% local experts spread evenly over the counties, with
 * fields taken from the profiles (and industries) of the counties they can serve; then the
 * counties' recommendation lists of local experts. */
#include <stdio.h>
#include <string.h>

#include "gen_names.h"
#include "gen_profiles.h"
#include "gen_world.h"

#define MAX_FIELDS 3

static am_status nomem(am_error *err)
{
    return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory while generating an instance");
}

static int has(const char *const *list, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

/* 1..max distinct fields: with chance `pct_ind` first one of county c's industries, the rest
 * from its province profile. Writes into out (MAX_FIELDS slots); returns the count. */
static int draw_fields(gen_world *w, const gen_county *c, int max, int pct_ind, const char **out)
{
    int n_prof;
    const char *const *prof = gen_profile_fields(c->ref->prov, &n_prof);
    int want = gen_rng_range(&w->rng, 1, max), n = 0;
    if (gen_rng_pct(&w->rng, pct_ind))
        out[n++] = c->ind[gen_rng_below(&w->rng, c->n_ind)].field;
    for (int tries = 0; n < want && tries < 20; tries++) {
        const char *f = prof[gen_rng_below(&w->rng, n_prof)];
        if (!has(out, n, f))
            out[n++] = f;
    }
    return n;
}

/* 1-3 distinct stages, production and processing likelier. */
static unsigned draw_stages(gen_world *w)
{
    static const unsigned char wt[AM_N_STAGES] = {4, 3, 1, 1, 2};
    unsigned s = 0;
    int k = gen_rng_range(&w->rng, 1, 3);
    for (int i = 0; i < k; i++)
        s |= 1u << gen_rng_weighted(&w->rng, wt, AM_N_STAGES);
    return s;
}

/* Where a national expert sits: Beijing mostly, else an eastern province of the instance that
 * hosts national institutes. */
static const char *national_province(gen_world *w)
{
    const char *east[32];
    int n = 0;
    for (int i = 0; i < w->n_provs && n < 32; i++)
        if (strcmp(w->provs[i]->code, "11") != 0 && gen_has_national_org(w->provs[i]->code))
            east[n++] = w->provs[i]->code;
    if (n == 0 || gen_rng_pct(&w->rng, 75))
        return "11";
    return east[gen_rng_below(&w->rng, n)];
}

static const gen_ref_province *find_prov(gen_world *w, const char *code)
{
    for (int i = 0; i < w->n_provs; i++)
        if (strcmp(w->provs[i]->code, code) == 0)
            return w->provs[i];
    return w->provs[0];
}

/* Fill expert `i` of level `lv`; k counts experts of that level so far (for the round-robin
 * over counties). AM_OK or AM_ENOMEM. */
static am_status draw_expert(gen_world *w, int i, am_level lv, int k, int id_width, am_error *err)
{
    am_expert_rec *e = &w->experts[i];
    char buf[GEN_NAME_MAX];
    const char **fields = AM_ARENA_ARRAY(w->a, const char *, MAX_FIELDS);
    if (!fields)
        return nomem(err);
    snprintf(buf, sizeof buf, "E%0*d", id_width & 15, i + 1); /* widths 5..10 */
    e->id = gen_world_str(w, buf);
    gen_person_name(&w->rng, buf, sizeof buf);
    e->name = gen_world_str(w, buf);
    e->level = lv;
    const gen_county *c;
    const gen_ref_province *pv;
    if (lv == AM_LEVEL_NATIONAL) {
        c = &w->counties[gen_rng_below(&w->rng, w->n_counties)];
        pv = find_prov(w, national_province(w));
        gen_org_national(&w->rng, pv->code, buf, sizeof buf);
        e->n_fields = draw_fields(w, c, 3, 60, fields);
        e->capacity = gen_rng_range(&w->rng, 2, 3);
        e->leader_capacity = gen_rng_range(&w->rng, 1, 2);
    } else if (lv == AM_LEVEL_LOCAL) {
        c = &w->counties[k % w->n_counties];
        pv = c->prov;
        e->county = c->ref->code;
        gen_org_local(&w->rng, c->ref->name, buf, sizeof buf);
        e->n_fields = draw_fields(w, c, 2, 85, fields);
        e->capacity = 1;
    } else if (k < 0) { /* provincial in an eastern partner province (k = -1 - slot) */
        c = &w->counties[w->paired_counties[(-1 - k) % w->n_paired_counties]];
        pv = find_prov(w, c->prov->paired[gen_rng_below(&w->rng, c->prov->n_paired)]);
        gen_org_provincial(&w->rng, pv->code, pv->name, buf, sizeof buf);
        e->n_fields = draw_fields(w, c, 3, 70, fields);
        e->capacity = gen_rng_range(&w->rng, 1, 2);
        e->leader_capacity = gen_rng_pct(&w->rng, 40);
    } else { /* provincial in a county's own province */
        c = &w->counties[gen_rng_below(&w->rng, w->n_counties)];
        pv = c->prov;
        gen_org_provincial(&w->rng, pv->code, pv->name, buf, sizeof buf);
        e->n_fields = draw_fields(w, c, 3, 50, fields);
        e->capacity = gen_rng_range(&w->rng, 1, 2);
        e->leader_capacity = gen_rng_pct(&w->rng, 40);
    }
    e->org = gen_world_str(w, buf);
    e->province = pv->code;
    e->fields = fields;
    e->stages = draw_stages(w);
    if (gen_rng_pct(&w->rng, 2)) {
        const gen_county *d = &w->counties[gen_rng_below(&w->rng, w->n_counties)];
        if (!e->county || strcmp(d->ref->code, e->county) != 0) {
            const char **dl = AM_ARENA_ARRAY(w->a, const char *, 1);
            if (!dl)
                return nomem(err);
            dl[0] = d->ref->code;
            e->declines = dl;
            e->n_declines = 1;
        }
    }
    e->active = !gen_rng_pct(&w->rng, 3);
    if (!e->id || !e->name || !e->org)
        return nomem(err);
    return AM_OK;
}

/* For about half the counties, a list of 1-3 of their own local experts. */
static am_status draw_recommended(gen_world *w, am_error *err)
{
    int *locals = AM_ARENA_ARRAY(w->a, int, w->n_experts + 1);
    if (!locals)
        return nomem(err);
    for (int ci = 0; ci < w->n_counties; ci++) {
        gen_county *c = &w->counties[ci];
        if (!gen_rng_pct(&w->rng, 50))
            continue;
        int n = 0;
        for (int i = 0; i < w->n_experts; i++)
            if (w->experts[i].county && strcmp(w->experts[i].county, c->ref->code) == 0)
                locals[n++] = i;
        if (n == 0)
            continue;
        int k = gen_rng_range(&w->rng, 1, n < 3 ? n : 3);
        gen_rng_shuffle(&w->rng, locals, n);
        c->recommended = AM_ARENA_ARRAY(w->a, const char *, k);
        if (!c->recommended)
            return nomem(err);
        for (int j = 0; j < k; j++)
            c->recommended[j] = w->experts[locals[j]].id;
        c->n_recommended = k;
    }
    return AM_OK;
}

am_status gen_world_experts(gen_world *w, int n, am_error *err)
{
    /* exact quotas per level, then a seeded order, so the mix holds at every size */
    int n_nat = (n * 8 + 50) / 100;
    if (n_nat < 1)
        n_nat = 1;
    int n_pair = w->n_paired_counties > 0 ? n * 20 / 100 : 0;
    int n_local = n * 25 / 100;
    if (n_nat + n_pair + n_local > n)
        n_pair = n_local = 0;
    int *kind = AM_ARENA_ARRAY(w->a, int, n);
    w->experts = AM_ARENA_ARRAY(w->a, am_expert_rec, n);
    if (!kind || !w->experts)
        return nomem(err);
    for (int i = 0; i < n; i++)
        kind[i] = i < n_nat ? 0 : i < n_nat + n_pair ? 1 : i < n_nat + n_pair + n_local ? 2 : 3;
    gen_rng_shuffle(&w->rng, kind, n);
    int seen[4] = {0, 0, 0, 0};
    int id_width = 5;
    for (int m = n; m > 99999; m /= 10)
        id_width++;
    w->n_experts = n;
    for (int i = 0; i < n; i++) {
        static const am_level lv[4] = {AM_LEVEL_NATIONAL, AM_LEVEL_PROVINCIAL, AM_LEVEL_LOCAL,
                                       AM_LEVEL_PROVINCIAL};
        int k = seen[kind[i]]++;
        if (kind[i] == 1)
            k = -1 - k;
        am_status st = draw_expert(w, i, lv[kind[i]], k, id_width, err);
        if (st != AM_OK)
            return st;
    }
    return draw_recommended(w, err);
}
