/* adapters/gen/gen_world.h: the generator's working state while an instance is drawn: the
 * chosen counties with their needs, the provinces involved and the expert records, all in one
 * scratch arena. gen_world.c picks counties and provinces, gen_experts.c draws the experts. */
#ifndef ADVMATCH_GEN_WORLD_H
#define ADVMATCH_GEN_WORLD_H

#include "advmatch/am_arena.h"
#include "advmatch/am_error.h"
#include "advmatch/am_gen.h"
#include "advmatch/am_instance.h"
#include "gen_ref.h"
#include "gen_rng.h"

#define GEN_MAX_INDUSTRIES 4

typedef struct gen_county {
    const gen_ref_county *ref;
    const gen_ref_province *prov;
    am_industry_rec ind[GEN_MAX_INDUSTRIES];
    int n_ind;
    unsigned stages;
    int priority;
    const char **recommended; /* arena; NULL when the county sent no list */
    int n_recommended;
    const am_range *blackout; /* arena; gen_calendar.c */
    int n_blackout;
} gen_county;

typedef struct gen_world {
    am_arena *a;
    gen_rng rng;
    gen_ref ref;
    gen_county *counties; /* ascending id */
    int n_counties;
    const gen_ref_province **provs; /* every province of the instance, ascending code */
    int n_provs;
    int *paired_counties; /* indexes of counties whose province has an eastern partner */
    int n_paired_counties;
    am_expert_rec *experts;
    int n_experts;
    am_calendar_rec calendar; /* gen_calendar.c */
} gen_world;

/* Pick the counties (with their industries, stages, priority) and the provinces. AM_EINPUT
 * with a message for impossible parameters, AM_ENOMEM. */
am_status gen_world_places(gen_world *w, const am_gen_params *p, am_error *err);

/* Draw the n experts, then the counties' recommendation lists. AM_ENOMEM only. */
am_status gen_world_experts(gen_world *w, int n, am_error *err);

/* The 2026 calendar, experts' busy periods and counties' blackouts, from a stream derived from
 * `seed`. AM_ENOMEM only. */
am_status gen_world_calendar(gen_world *w, uint64_t seed, am_error *err);

/* A copy of `s` in the world's arena, or NULL. */
const char *gen_world_str(gen_world *w, const char *s);

#endif
