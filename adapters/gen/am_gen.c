/* adapters/gen/am_gen.c: the entry points of am_gen.h. Draws a world (gen_world.c,
 * gen_experts.c) in a scratch arena, builds the instance from it, freezes it and runs
 * am_validate: any error there is a generator bug (AM_EINTERNAL). */
#include "advmatch/am_gen.h"

#include <stddef.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_validate.h"
#include "gen_world.h"

void am_gen_params_init(am_gen_params *p)
{
    p->n_counties = 30;
    p->n_experts = 600;
    p->seed = 1;
    p->province = NULL;
}

static am_status nomem(am_error *err)
{
    return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory while generating an instance");
}

static am_status add_all(gen_world *w, am_instance *inst, am_error *err)
{
    am_status st = AM_OK;
    for (int i = 0; i < w->n_provs; i++) {
        const gen_ref_province *pv = w->provs[i];
        const char *paired[GEN_MAX_PARTNERS];
        for (int k = 0; k < pv->n_paired; k++)
            paired[k] = pv->paired[k];
        am_province_rec r = {pv->code, pv->name, pv->region, pv->n_paired ? paired : NULL,
                             pv->n_paired};
        AM_TRY(am_instance_add_province(inst, &r, err));
    }
    for (int i = 0; i < w->n_counties; i++) {
        const gen_county *c = &w->counties[i];
        am_county_rec r = {.id = c->ref->code,
                           .name = c->ref->name,
                           .province = c->ref->prov,
                           .industries = c->ind,
                           .n_industries = c->n_ind,
                           .stages = c->stages,
                           .priority = c->priority,
                           .recommended = c->recommended,
                           .n_recommended = c->n_recommended,
                           .blackout = c->blackout,
                           .n_blackout = c->n_blackout};
        AM_TRY(am_instance_add_county(inst, &r, err));
    }
    for (int i = 0; i < w->n_experts; i++)
        AM_TRY(am_instance_add_expert(inst, &w->experts[i], err));
    AM_TRY(am_instance_set_calendar(inst, &w->calendar, err));
done:
    return st;
}

/* Freeze and validate; the first error of either is a generator bug. */
static am_status freeze_and_check(am_instance *inst, am_error *err)
{
    am_status st = AM_OK;
    am_diags *d = am_diags_new();
    if (!d)
        return nomem(err);
    AM_TRY(am_instance_freeze(inst, d, err));
    if (am_diags_n_errors(d) == 0)
        AM_TRY(am_validate(inst, d, err));
    for (int i = 0; i < am_diags_count(d); i++) {
        const am_diag *g = am_diags_get(d, i);
        if (g->level == AM_DIAG_ERROR) {
            char line[400];
            st = am_error_set(err, AM_EINTERNAL, g->record, g->field,
                              "generated instance is invalid: %s", g->message);
            am_error_detail(err, "%s", am_diag_format(g, line, (int)sizeof line));
            break;
        }
    }
done:
    am_diags_free(d);
    return st;
}

am_status am_gen_instance(const am_gen_params *p, am_instance **out, am_error *err)
{
    *out = NULL;
    if (p->n_counties < 1)
        return am_error_set(err, AM_EINPUT, NULL, "n_counties",
                            "n_counties %d is below 1; ask for at least one county",
                            p->n_counties);
    if (p->n_experts < 1)
        return am_error_set(err, AM_EINPUT, NULL, "n_experts",
                            "n_experts %d is below 1; ask for at least one expert", p->n_experts);
    am_status st = AM_OK;
    am_instance *inst = NULL;
    gen_world w = {0};
    w.a = am_arena_new();
    if (!w.a)
        return nomem(err);
    gen_rng_seed(&w.rng, p->seed);
    if (gen_ref_load(w.a, &w.ref) != 0) {
        st = nomem(err);
        goto done;
    }
    AM_TRY(gen_world_places(&w, p, err));
    AM_TRY(gen_world_experts(&w, p->n_experts, err));
    AM_TRY(gen_world_calendar(&w, p->seed, err));
    AM_TRY(am_instance_new(&inst, err));
    am_policy pol;
    am_policy_init(&pol);
    am_instance_set_policy(inst, &pol);
    AM_TRY(add_all(&w, inst, err));
    AM_TRY(freeze_and_check(inst, err));
    *out = inst;
    inst = NULL;
done:
    am_instance_free(inst);
    am_arena_free(w.a);
    return st;
}
